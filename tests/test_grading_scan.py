"""The tampering scan flags what it should and never an honest answer."""

import dataclasses

import nbformat
import pytest

from tests.notebook_cells import cell_ids, lesson_of
from tests.test_mistakes import CORPUS
from wbcourse.grading.scan import scan_notebook
from wbcourse.release import ROOT, lessons


def source(lesson):
    return nbformat.read(ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)


def with_answer(notebook, answer_id, code):
    submitted = nbformat.from_dict(notebook)
    ids = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in submitted.cells]
    submitted.cells[ids.index(answer_id)].source = code
    return submitted


@pytest.mark.parametrize("lesson", lessons())
def test_reference_and_release_are_not_flagged(lesson):
    release = nbformat.read(ROOT / "course" / lesson / f"{lesson}.ipynb", as_version=4)
    assert scan_notebook(source(lesson), source(lesson)) == []
    assert scan_notebook(release, source(lesson)) == []


def test_no_answer_of_the_mistakes_corpus_is_flagged():
    flagged = []
    for answer in CORPUS:
        lesson = lesson_of(answer.exercise)
        answer_id, _ = cell_ids(answer.exercise)
        submitted = with_answer(source(lesson), answer_id, answer.code)
        flagged += [(answer.description, str(f)) for f in scan_notebook(submitted, source(lesson))]
    assert flagged == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("Grader = None", "rebinds Grader (imported by the lesson)"),
        ("from os import path as np", "imports os"),
        ("from wbcourse import checks as np", "rebinds np by an import"),
        ("import wbcourse.checks\nwbcourse.checks.Grader = None", "changes wbcourse.checks.Grader"),
        ("np.testing.assert_allclose = print", "changes np.testing.assert_allclose"),
        ("vars(np)['isclose'] = all", "calls vars()"),
        ("type(np).__setattr__(np, 'isclose', all)", "uses __setattr__"),
        ("__builtins__.print = None", "uses __builtins__"),
        ("exec('x = 1')", "calls exec()"),
        ("def print(*args):\n    pass", "rebinds the built-in print"),
    ],
)
def test_tampering_is_named(code, reason):
    lesson = "01-neuron"
    submitted = with_answer(source(lesson), "ex01_2_answer", code)
    assert reason in [f.reason for f in scan_notebook(submitted, source(lesson))]


def test_added_and_edited_cells_are_scanned_with_their_position():
    """Cells without nbgrader metadata run as the student left them: they are scanned."""
    lesson = "01-neuron"
    submitted = source(lesson)
    setup = next(i for i, c in enumerate(submitted.cells) if c.source.startswith("# Try it"))
    submitted.cells[setup].source += "\nGrader = object"
    submitted.cells.append(nbformat.v4.new_code_cell("import subprocess"))
    found = [dataclasses.astuple(f) for f in scan_notebook(submitted, source(lesson))]
    last = len(submitted.cells) - 1
    assert (last, f"cell {last + 1}", 1, "imports subprocess") in found
    assert any(index == setup and "rebinds Grader" in reason for index, _, _, reason in found)
