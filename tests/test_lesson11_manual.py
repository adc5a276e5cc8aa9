"""Lesson 11's reflection is a manually graded markdown cell; the release hides its rubric."""

import json
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = (
    Path(__file__).resolve().parents[1]
    / "solutions"
    / "11-hyperparameters"
    / "11-hyperparameters.ipynb"
)
GRADE_ID = "ex11_R_reflection"


@pytest.fixture(scope="module")
def cells():
    return json.loads(NOTEBOOK.read_text())["cells"]


def _reflection(cells):
    found = [
        cell for cell in cells if cell["metadata"].get("nbgrader", {}).get("grade_id") == GRADE_ID
    ]
    assert len(found) == 1, f"expected exactly one cell with grade id {GRADE_ID}"
    return found[0]


def test_reflection_is_a_manually_graded_markdown_answer(cells):
    cell = _reflection(cells)
    meta = cell["metadata"]["nbgrader"]
    assert cell["cell_type"] == "markdown", "an autograded code cell cannot hold a written answer"
    assert meta["grade"] is True and meta["solution"] is True
    assert meta.get("locked") is False, "the student must be able to write in it"
    assert meta["points"] > 0


def test_reflection_holds_a_rubric_between_solution_delimiters(cells):
    source = "".join(_reflection(cells)["source"])
    assert (
        source.index("### BEGIN SOLUTION")
        < source.index("Rubric")
        < source.index("### END SOLUTION")
    )


def test_no_autograded_code_cell_claims_the_reflection(cells):
    graded_code = [
        cell["metadata"]["nbgrader"]["grade_id"]
        for cell in cells
        if cell["cell_type"] == "code" and cell["metadata"].get("nbgrader", {}).get("grade")
    ]
    assert GRADE_ID not in graded_code
    assert all(
        grade_id.startswith("ex11_") and grade_id.endswith("_tests") for grade_id in graded_code
    )


def test_release_replaces_the_rubric_with_the_answer_stub():
    from nbgrader.preprocessors import ClearSolutions

    notebook = nbformat.read(str(NOTEBOOK), as_version=4)
    released, _ = ClearSolutions().preprocess(notebook, {})
    cell = _reflection(released.cells)
    assert "Rubric" not in cell.source and "BEGIN SOLUTION" not in cell.source
    assert "YOUR ANSWER HERE" in cell.source
