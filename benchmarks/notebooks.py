"""Notebooks: the Run All time of every reference notebook and of the whole course.

Each notebook of ``solutions/`` is executed top to bottom with nbclient in a fresh
``python3`` kernel, in its own folder, as JupyterLab's *Restart Kernel and Run All*
does. The kernel start is timed separately; it is included in the Run All time.
The whole course is one Run All per notebook, one after the other.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from benchmarks import Row, ratio_row

GROUP = "notebooks"
ROOT = Path(__file__).resolve().parent.parent
COURSE_TARGET = "< 45"  # seconds, whole course on a 2-core machine
SMOKE_NOTEBOOK = "01-neuron"


def reference_notebooks(root: Path = ROOT) -> list[Path]:
    """The source notebooks ``solutions/NN-topic/*.ipynb``, sorted."""
    return sorted(
        path
        for path in (root / "solutions").glob("*/*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    )


def run_all(path: Path, kernel_name: str = "python3", timeout: int = 600) -> dict:
    """Execute a notebook top to bottom in a new kernel; the notebook file is not changed.

    Returns
    -------
    dict
        ``kernel`` (seconds to start the kernel and connect), ``total`` (seconds from
        before the kernel start to the end of the last cell), ``closed`` (the same
        until the kernel has shut down, as a batch run must wait), ``slowest_cell``
        (index) and ``slowest`` (its seconds).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=timeout,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    cell_times = []
    start = time.perf_counter()
    with client.setup_kernel():
        kernel = time.perf_counter() - start
        for index, cell in enumerate(nb.cells):
            before = time.perf_counter()
            client.execute_cell(cell, index)
            cell_times.append(time.perf_counter() - before)
        total = time.perf_counter() - start
    closed = time.perf_counter() - start
    slowest = max(range(len(cell_times)), key=cell_times.__getitem__, default=0)
    return {
        "kernel": kernel,
        "total": total,
        "closed": closed,
        "slowest_cell": slowest,
        "slowest": cell_times[slowest] if cell_times else 0.0,
    }


def run(quick: bool = False, repeats: int = 3, root: Path = ROOT) -> list[Row]:
    """Rows of the notebooks group: per notebook (total, kernel start) and the whole course."""
    notebooks = reference_notebooks(root)
    if quick:
        notebooks = [nb for nb in notebooks if nb.parent.name == SMOKE_NOTEBOOK][:1] or notebooks[
            :1
        ]
        repeats = 1
    if not notebooks:
        return [Row(GROUP, "run all", None, "s", note="skipped: no solutions/*/*.ipynb")]
    results: dict[Path, list[dict]] = {path: [] for path in notebooks}
    course_totals = []
    for _ in range(repeats):
        course = 0.0
        for path in notebooks:
            result = run_all(path)
            results[path].append(result)
            course += result["total"]
        course_totals.append(course)
    rows = []
    for path, runs in results.items():
        total = statistics.median(r["total"] for r in runs)
        kernel = statistics.median(r["kernel"] for r in runs)
        slow = max(runs, key=lambda r: r["slowest"])
        rows.append(
            Row(
                GROUP,
                f"run all {path.parent.name}",
                total,
                "s",
                note=f"kernel start included; slowest cell #{slow['slowest_cell']} "
                f"{slow['slowest']:.2f} s",
            )
        )
        rows.append(
            Row(
                GROUP,
                "  kernel start",
                kernel,
                "s",
                ratio=kernel / total,
                note="ratio = share of the Run All time",
            )
        )
    rows.append(
        ratio_row(
            GROUP,
            f"whole course ({len(notebooks)} notebooks)",
            statistics.median(course_totals),
            "s",
            None,
            COURSE_TARGET,
            "one fresh kernel per notebook, sequential"
            + ("; quick mode: one notebook only" if quick else ""),
            on="median",
        )
    )
    return rows
