"""Performance measurements of wbcourse: notebooks, grading, numeric core, widgets.

Run them with ``./wb bench`` (``python -m benchmarks``). Each group is a function
returning a list of :class:`Row`; the runner prints one table and writes it as JSON.
Benchmarks are not tests: ``tests/test_benchmarks.py`` only runs each group once
at a tiny size so that they never rot.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

__all__ = ["Row", "format_table", "median_time", "paired_times", "ratio_row"]


@dataclass
class Row:
    """One figure of the benchmark table.

    Attributes
    ----------
    group : str
        ``"notebooks"``, ``"grading"``, ``"core"`` or ``"widgets"``.
    name : str
        What was measured.
    median : float or None
        Median over the repeats, in ``unit``; None when the figure was skipped.
    unit : str
        ``"s"``, ``"ms"``, ``"us"``, ``"x"`` (a ratio), ``"/min"``, ``"GFLOP/s"``...
    ratio : float or None
        A comparison measured in the same run (e.g. time / PyTorch's time).
    target : str
        The target the ratio or median must meet, e.g. ``"<= 1.0"``; empty if none.
    met : bool or None
        Whether the target is met; None when there is no target or no figure.
    note : str
        How it was measured, or why it was skipped.
    load : float
        The machine's 1-minute load average when the row was made, i.e. just after
        its measurement: on a shared machine, read every figure with it.
    """

    group: str
    name: str
    median: float | None
    unit: str
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""
    load: float = field(default_factory=lambda: os.getloadavg()[0])

    def to_dict(self) -> dict:
        return asdict(self)


def check_target(value: float | None, target: str) -> bool | None:
    """Whether ``value`` meets ``target`` (``"<= 1.5"``, ``">= 10"``, ``"< 45"``, ``"> 0"``).

    Examples
    --------
    >>> check_target(1.2, "<= 1.5"), check_target(12.0, ">= 10"), check_target(None, "< 1")
    (True, True, None)
    """
    if value is None or not target:
        return None
    op, bound = target.split()
    bound = float(bound)
    return {
        "<=": value <= bound,
        "<": value < bound,
        ">=": value >= bound,
        ">": value > bound,
    }[op]


def ratio_row(group, name, median, unit, ratio, target="", note="", *, on="ratio") -> Row:
    """A row whose target is checked on its ``ratio`` (default) or its ``median``."""
    value = ratio if on == "ratio" else median
    return Row(group, name, median, unit, ratio, target, check_target(value, target), note)


def median_time(fn: Callable[[], object], repeats: int, number: int = 1, warmup: int = 1) -> float:
    """Median wall-clock seconds per call of ``fn`` over ``repeats`` timings of ``number`` calls.

    Examples
    --------
    >>> median_time(lambda: sum(range(10)), repeats=3, number=10) < 1.0
    True
    """
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def paired_times(
    fns: dict[str, Callable[[], object]], repeats: int, number: int = 1, warmup: int = 1
) -> dict[str, list[float]]:
    """Time several functions interleaved, so that a load spike hits all of them alike.

    Returns the per-call seconds of each repeat, by name; ratios of medians taken
    from one call of this function are "measured in the same run".

    Examples
    --------
    >>> times = paired_times({"a": lambda: None, "b": lambda: None}, repeats=3)
    >>> sorted(times), len(times["a"])
    (['a', 'b'], 3)
    """
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(number):
                fn()
            samples[name].append((time.perf_counter() - start) / number)
    return samples


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0 or 0.01 <= abs(value) < 1e5:
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return f"{value:.2e}"


def format_table(rows: list[Row]) -> str:
    """The rows as a plain-text table, one line per row, grouped as given."""
    header = ["group", "benchmark", "median", "unit", "ratio", "target", "met", "load", "note"]
    lines = [
        [
            row.group,
            row.name,
            _fmt(row.median),
            row.unit,
            _fmt(row.ratio),
            row.target,
            {True: "yes", False: "NO", None: ""}[row.met],
            f"{row.load:.1f}",
            row.note,
        ]
        for row in rows
    ]
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header) - 1)]
    out = []
    for line in [header, *lines]:
        cells = [str(cell).ljust(width) for cell, width in zip(line, widths, strict=False)]
        out.append("  ".join([*cells, line[-1]]).rstrip())
    out.insert(1, "  ".join("-" * width for width in widths) + "  ----")
    return "\n".join(out)
