"""Run one exercise of a solution notebook in-process, with the answer cell replaced.

This is how the mistakes corpus grades a wrong (or a differently right) answer in
milliseconds, without a kernel: the cells before the answer run as written, the
replacement code runs instead of the answer cell, then the exercise's test cell
runs, and its last expression is the score nbgrader would read.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"


@dataclass(frozen=True)
class Cell:
    source: str
    grade_id: str | None
    solution: bool
    grade: bool
    points: float | None


@cache
def lesson_cells(lesson: str) -> tuple[Cell, ...]:
    """The code cells of ``solutions/<lesson>/<lesson>.ipynb`` with their nbgrader roles."""
    notebook = json.loads((SOLUTIONS / lesson / f"{lesson}.ipynb").read_text())
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell["source"])
        cells.append(
            Cell(
                source,
                meta.get("grade_id"),
                bool(meta.get("solution")),
                bool(meta.get("grade")),
                meta.get("points"),
            )
        )
    return tuple(cells)


def lesson_of(exercise_id: str) -> str:
    """The lesson folder of exercise ``"NN.K"``, e.g. ``"01-neuron"``."""
    (match,) = [path.name for path in SOLUTIONS.glob(exercise_id.split(".")[0] + "-*")]
    return match


def _run(source: str, namespace: dict) -> object:
    """Execute ``source``; return the value of its last line when that is an expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


@dataclass(frozen=True)
class Outcome:
    score: float
    points: float
    report: str


def cell_ids(exercise_id: str) -> tuple[str, str]:
    """The grade ids of exercise ``"NN.K"``'s answer cell and test cell."""
    lesson, number = exercise_id.split(".")
    return f"ex{lesson}_{number}_answer", f"ex{lesson}_{number}_tests"


def grade_answer(exercise_id: str, replacement: str) -> Outcome:
    """Grade ``replacement`` in place of exercise ``exercise_id``'s answer cell.

    Cells before the answer cell run as written (answer cells of earlier
    exercises with their reference solutions, test cells skipped); code cells
    between the answer and its test cell are skipped, as they only try the answer.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.display import display

    cells = lesson_cells(lesson_of(exercise_id))
    ids = [cell.grade_id for cell in cells]
    answer_cell, test_cell = cell_ids(exercise_id)
    answer_at, test_at = ids.index(answer_cell), ids.index(test_cell)
    namespace: dict = {"__name__": "__main__", "display": display}
    stdout = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(stdout):
        warnings.simplefilter("ignore")
        for cell in cells[:answer_at]:
            if not cell.grade:
                _run(cell.source, namespace)
        _run(replacement, namespace)
        score = _run(cells[test_at].source, namespace)
    plt.close("all")
    return Outcome(score, cells[test_at].points, stdout.getvalue())
