"""*Validate* in a student's lab shows the course's own table of cases, with the reasons.

nbgrader's Validate only says "Partial credit; passed some but not all of the
tests". Under Validate, a check cell short of its points also writes its table to
stderr (:meth:`wbcourse.checks.Grader.score`), which Validate shows as the reason.
Here nbgrader's real ``Validator`` runs with the student lab's configuration
(written by :mod:`wbcourse.lab`) on lesson 01's release, in a kernel that answers
from the recorded checks (a student's install has no references).
"""

import nbformat
import pytest
from nbgrader.validator import Validator
from traitlets.config.loader import PyFileConfigLoader

from wbcourse.grading.cells import grade_id
from wbcourse.lab import write_student_nbgrader_config
from wbcourse.release import ROOT

pytestmark = pytest.mark.slow

LESSON = "01-neuron"


def test_validate_lists_each_failing_case_with_its_reason_and_the_points(tmp_path, monkeypatch):
    monkeypatch.setenv("WBCOURSE_ORACLE", "recorded")
    write_student_nbgrader_config(tmp_path / "config", None, tmp_path)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path / "config")).load_config()
    notebook = nbformat.read(ROOT / "course" / LESSON / f"{LESSON}.ipynb", as_version=4)
    for cell in notebook.cells:
        if grade_id(cell) == "ex01_1_answer":
            cell.source = "def weighted_sum(x, w, b):\n    return float(x @ w)"
    path = tmp_path / f"{LESSON}.ipynb"
    nbformat.write(notebook, path)

    failed = [
        entry["raw_error"] for entry in Validator(config=config).validate(str(path))["failed"]
    ]

    first = next(text for text in failed if text.startswith("01.1 weighted_sum"))
    assert "FAIL  the example above: forgot the bias: " in first
    assert "0 of 2 points" in first
    assert any("not answered yet" in text and "01.2" in text for text in failed)
    assert not any("Partial credit" in text for text in failed)
