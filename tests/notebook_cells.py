"""Run one exercise of a solution notebook in-process, with the answer cell replaced.

This is how the mistakes corpus grades a wrong (or a differently right) answer in
milliseconds, without a kernel: the cells before the answer run as written, the
replacement code runs instead of the answer cell, then the exercise's test cell
runs as the trusted grader runs it (the reference oracle; an answer that uses the
course's own implementation refused), and its last expression is the score
nbgrader would read, with the Graders' structured records.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import pickle
import traceback
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wbcourse.checks import collecting, refusing
from wbcourse.oracle import use_oracle

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
    records: list[dict]


def cell_ids(exercise_id: str) -> tuple[str, str]:
    """The grade ids of exercise ``"NN.K"``'s answer cell and test cell."""
    lesson, number = exercise_id.split(".")
    return f"ex{lesson}_{number}_answer", f"ex{lesson}_{number}_tests"


class _LessonRun:
    """One lesson's notebook executed in this process up to a cell, skipping test cells."""

    def __init__(self, lesson: str):
        from IPython.display import display

        self.cells = lesson_cells(lesson)
        self.namespace: dict = {"__name__": "__main__", "display": display}
        self.position = 0

    def advance_to(self, index: int) -> None:
        with _quiet_output():
            for cell in self.cells[self.position : index]:
                if not cell.grade:
                    _run(cell.source, self.namespace)
        self.position = index


_RUNS: dict[str, _LessonRun] = {}


def _run_until(lesson: str, index: int) -> _LessonRun:
    """The lesson executed up to cell ``index``, reusing the run of earlier calls."""
    run = _RUNS.get(lesson)
    if run is None or run.position > index:
        run = _RUNS[lesson] = _LessonRun(lesson)
    run.advance_to(index)
    return run


@contextlib.contextmanager
def _quiet_output():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stdout = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(stdout):
        warnings.simplefilter("ignore")
        yield stdout
    plt.close("all")


def _in_child(function):
    """Run ``function()`` in a forked copy of this process; return its (pickled) result.

    The copy shares the executed notebook state for free and throws away whatever
    the graded answer does to it, so each answer starts from the same state.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        os.close(read)
        try:
            result = ("ok", function())
        except BaseException:
            result = ("error", traceback.format_exc())
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(result, pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        status, value = pickle.load(pipe)
    os.waitpid(pid, 0)
    if status == "error":
        raise RuntimeError(f"grading the answer failed:\n{value}")
    return value


def grade_answer(exercise_id: str, replacement: str) -> Outcome:
    """Grade ``replacement`` in place of exercise ``exercise_id``'s answer cell.

    Cells before the answer cell run as written (answer cells of earlier
    exercises with their reference solutions, test cells skipped), once per
    lesson; code cells between the answer and its test cell are skipped, as they
    only try the answer. The answer and the test cell run in a forked child.
    """
    lesson = lesson_of(exercise_id)
    ids = [cell.grade_id for cell in lesson_cells(lesson)]
    answer_cell, test_cell = cell_ids(exercise_id)
    answer_at, test_at = ids.index(answer_cell), ids.index(test_cell)
    run = _run_until(lesson, answer_at)
    test = run.cells[test_at]

    refused = _refusals(lesson, answer_cell, replacement)

    def grade() -> Outcome:
        with _quiet_output() as stdout:
            _run(replacement, run.namespace)
            with use_oracle(_reference()), refusing(refused), collecting() as graders:
                score = _run(test.source, run.namespace)
        return Outcome(score, test.points, stdout.getvalue(), [g.records() for g in graders])

    return _in_child(grade)


@cache
def _reference():
    from wbcourse.exercises import ReferenceOracle

    return ReferenceOracle()


@cache
def _trusted(lesson: str):
    import nbformat

    from wbcourse.grading.trusted import TrustedLesson

    return TrustedLesson(nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4))


def _refusals(lesson: str, answer_cell: str, replacement: str) -> dict[str, str]:
    """What the trusted grader refuses of the notebook with this answer in place."""
    import nbformat

    trusted = _trusted(lesson)
    submitted = nbformat.from_dict(trusted.source)
    for cell in submitted.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == answer_cell:
            cell.source = replacement
    return trusted.refusals(submitted)
