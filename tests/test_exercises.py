"""Every autograded cell in solutions/ matches its registered exercise, and has hints."""

import json
import re
from pathlib import Path

import pytest

from wbcourse.exercises import all_exercises, catalogue

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "solutions").glob("*/*.ipynb"))
EXERCISES = {item.id: item for item in all_exercises()}


def autograded_cells():
    """(notebook, index, cell) for every autograder test cell of the solutions."""
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text())["cells"]
        for index, cell in enumerate(cells):
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                yield path, cells, index, cell


CELLS = list(autograded_cells())


def exercise_id(cell) -> str:
    match = re.fullmatch(r"ex(\d\d)_(\d+)_tests", cell["metadata"]["nbgrader"]["grade_id"])
    assert match, f"test cell id {cell['metadata']['nbgrader']['grade_id']} is not exNN_K_tests"
    return f"{match[1]}.{match[2]}"


@pytest.mark.parametrize(
    ("path", "cells", "index", "cell"),
    CELLS,
    ids=[f"{c[0].stem}:{c[3]['metadata']['nbgrader']['grade_id']}" for c in CELLS],
)
def test_test_cell_grades_its_registered_exercise(path, cells, index, cell):
    exercise = EXERCISES[exercise_id(cell)]
    source = "".join(cell["source"])
    assert f'Grader("{exercise.id}")' in source
    assert source.rstrip().endswith("grader.score()"), "the score must be the cell's value"
    assert cell["metadata"]["nbgrader"]["points"] == exercise.points


@pytest.mark.parametrize(
    ("path", "cells", "index", "cell"),
    CELLS,
    ids=[f"{c[0].stem}:{c[3]['metadata']['nbgrader']['grade_id']}" for c in CELLS],
)
def test_every_exercise_offers_hints_before_its_answer_cell(path, cells, index, cell):
    answer_id = cell["metadata"]["nbgrader"]["grade_id"].replace("_tests", "_answer")
    ids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells]
    answer_at = ids.index(answer_id)
    task = "".join("".join(c["source"]) for c in cells[:answer_at] if c["cell_type"] == "markdown")
    last_task = task.rsplit("### Exercise", 1)[-1]
    assert "<summary>Hint 1</summary>" in last_task


def test_every_registered_exercise_is_in_a_notebook():
    graded = {exercise_id(cell) for *_, cell in CELLS}
    assert graded == set(EXERCISES)


def test_instructor_catalogue_of_mistakes_is_up_to_date():
    published = (ROOT / "docs" / "mistakes.md").read_text()
    assert published == catalogue(), "regenerate it: ./wb catalogue"


HEADING = re.compile(r"^### Exercise (\d\d\.\w+) · (.+) \((\d+(?:\.\d+)?) points?\)\s*$", re.M)


def test_every_exercise_heading_agrees_with_the_registry():
    found = {}
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                for match in HEADING.finditer("".join(cell["source"])):
                    found[match[1]] = (match[2].replace("`", ""), float(match[3]))
    expected = {item.id: (item.title, float(item.points)) for item in EXERCISES.values()}
    assert found == expected
