"""The instructor's workflow, each step run as the one command the guide gives.

``./wb import|grade|feedback|report`` are ``python -m wbcourse.grading COMMAND``;
here each runs as a real subprocess on a temporary copy of the course (``--root``),
in the order of ``docs/instructor.md``: a zip exported from a learning-management
system is imported, graded, given feedback and reported.
"""

import csv
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from tests.test_release import secret_lines
from wbcourse.release import ROOT, generate_release

LESSON = "01-neuron"
NOTEBOOK = f"{LESSON}.ipynb"


def run(root, *args):
    """Run ``python -m wbcourse.grading --root ROOT ARGS``; its stdout."""
    command = [sys.executable, "-m", "wbcourse.grading", "--root", str(root), *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course copy with lesson 01 released and a zip of two students' submissions."""
    root = tmp_path_factory.mktemp("workflow")
    (root / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text())
    source = nbformat.read(ROOT / "solutions" / LESSON / NOTEBOOK, as_version=4)
    (root / "solutions" / LESSON).mkdir(parents=True)
    nbformat.write(source, root / "solutions" / LESSON / NOTEBOOK)
    generate_release([LESSON], root / "course", root=root)
    mistaken = nbformat.from_dict(source)
    answer = next(c for c in mistaken.cells if "def weighted_sum" in c.source)
    answer.source = "def weighted_sum(x, w, b):\n    return float(x @ w)"  # forgot the bias
    export = root / "lms-export.zip"
    with zipfile.ZipFile(export, "w") as zipped:
        zipped.writestr(f"ada_1234_{NOTEBOOK}", nbformat.writes(source))
        zipped.writestr(f"bob/My {NOTEBOOK}", nbformat.writes(mistaken))
    return root, export


@pytest.fixture(scope="module")
def outputs(course):
    """Every step's stdout, in the guide's order."""
    root, export = course
    return {
        "import": run(root, "import", str(export), LESSON),
        "grade": run(root, "grade", "--workers", "2"),
        "feedback": run(root, "feedback"),
        "report": run(root, "report"),
    }


def test_import_files_each_student(outputs):
    assert outputs["import"].splitlines() == [f"ada: ada_1234_{NOTEBOOK}", f"bob: My {NOTEBOOK}"]


def test_grade_renames_and_grades_every_submission(course, outputs):
    root, _ = course
    assert "2 graded, 0 failed" in outputs["grade"], outputs["grade"]
    for student in ("ada", "bob"):
        assert [p.name for p in (root / "submitted" / student / LESSON).iterdir()] == [NOTEBOOK]
        assert (root / "autograded" / student / LESSON / NOTEBOOK).exists()


def test_feedback_is_written_without_hidden_tests(course, outputs):
    root, _ = course
    source = nbformat.read(root / "solutions" / LESSON / NOTEBOOK, as_version=4)
    hidden = secret_lines(source, kinds=("HIDDEN TESTS",))
    for student in ("ada", "bob"):
        page = (root / "feedback" / student / LESSON / f"{LESSON}.html").read_text()
        assert "forgot the bias" in page or student == "ada"
        assert not [line for line in hidden if line in page], student


def test_report_exports_grades_and_names_the_mistake(course, outputs):
    root, _ = course
    with open(root / "reports" / "grades.csv", newline="") as table:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(table)}
    assert scores == {"ada": 8.0, "bob": 6.0}
    report = (root / "reports" / "report.md").read_text()
    assert "forgot the bias" in report
    assert (root / "reports" / f"{LESSON}.png").stat().st_size > 1000


def test_bad_input_gets_a_clear_error(tmp_path):
    command = [sys.executable, "-m", "wbcourse.grading", "--root", str(tmp_path)]
    result = subprocess.run(
        [*command, "import", str(tmp_path / "nowhere.zip"), LESSON], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "no such folder or zip file" in result.stderr


def test_without_bubblewrap_grading_refuses_unless_told_it_is_unsafe(course, outputs):
    """Where ``bwrap`` cannot be found, ``grade`` names the fix; the unsafe flag is flagged."""
    root, _ = course
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))
    command = [sys.executable, "-m", "wbcourse.grading", "--root", str(root), "grade"]
    refused = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert refused.returncode == 2
    assert "bubblewrap (bwrap) is not installed" in refused.stderr
    assert "--unsafe-no-sandbox" in refused.stderr
    unsafe = subprocess.run(
        [*command, "--student", "ada", "--unsafe-no-sandbox", "--restart"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert unsafe.returncode == 0, unsafe.stderr[-2000:]
    assert "1 graded, 0 failed" in unsafe.stdout
    assert "WARNING: graded without the OS sandbox" in unsafe.stdout
    assert "flag(s) for review" in unsafe.stdout
