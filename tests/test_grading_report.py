"""The grade export and report, from a real gradebook and really autograded notebooks.

One module fixture copies the course into a temporary folder, submits lesson 01 for
three students and autogrades them in this process with nbgrader:

- ``reference`` submits the solution notebook (full marks), and is then flagged for
  review on exercise 01.3 in the gradebook, as the grading runner does;
- ``blank`` submits the untouched release (zero);
- ``mistaken`` submits the solution with exercise 01.1 answered by a known mistake of
  the corpus (``tests/mistakes/lesson01.py``).

The export then runs once; the tests read what it wrote.
"""

import csv
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.converters import Autograde
from PIL import Image

from tests.mistakes.lesson01 import ANSWERS
from tests.notebook_cells import cell_ids, grade_answer
from tests.test_autograde import course_copy  # noqa: F401 (a fixture)
from tests.test_release import notebooks
from wbcourse.exercises import all_exercises, get_exercise
from wbcourse.grading import FLAG_PREFIX
from wbcourse.grading.report import (
    ExerciseResult,
    _mistake_names,
    export,
    main,
    named_mistakes,
    records_of,
    summarize,
)
from wbcourse.mistakes import COURSE_WIDE
from wbcourse.release import ROOT, generate_release, nbgrader_config, run_nbgrader

pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

LESSON = "01-neuron"
MISTAKE = next(answer for answer in ANSWERS if answer.description == "no bias")
FLAG = FLAG_PREFIX + "the answer cell redefines print."
EXERCISES = ("01.1", "01.2", "01.3", "01.4")
POINTS = {exercise: get_exercise(exercise).points for exercise in EXERCISES}
TOTAL = sum(POINTS.values())


def with_answer(notebook, exercise, code):
    """A copy of ``notebook`` whose answer cell of ``exercise`` holds ``code``."""
    answer_id, _ = cell_ids(exercise)
    copy = nbformat.from_dict(notebook)
    (cell,) = [c for c in copy.cells if c.metadata.get("nbgrader", {}).get("grade_id") == answer_id]
    cell.source = code
    return copy


def flag(db_url, student, exercise, text):
    """Flag a student's exercise for review, as the grading runner does."""
    answer_id, tests_id = cell_ids(exercise)
    with Gradebook(db_url) as gradebook:
        gradebook.find_comment(answer_id, LESSON, LESSON, student).auto_comment = text
        gradebook.find_grade(tests_id, LESSON, LESSON, student).needs_manual_grade = True
        gradebook.db.commit()


@pytest.fixture(scope="module")
def course(course_copy):  # noqa: F811 (the imported fixture)
    """The course copy with lesson 01 submitted by three students, autograded, one flagged."""
    root = course_copy
    generate_release([LESSON], root / "course", root=root)
    name = f"{LESSON}.ipynb"
    (source,) = notebooks(ROOT / "solutions" / LESSON).values()
    (release,) = notebooks(root / "course" / LESSON).values()
    submissions = {
        "reference": source,
        "blank": release,
        "mistaken": with_answer(source, MISTAKE.exercise, MISTAKE.code),
    }
    for student, notebook in submissions.items():
        folder = root / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(notebook, folder / name)
    config = nbgrader_config(root)
    run_nbgrader(Autograde, config, LESSON, student="*")
    flag(config.CourseDirectory.db_url, "reference", "01.3", FLAG)
    return root


@pytest.fixture(scope="module")
def written(course):
    """The files the export wrote, by name."""
    return {path.name: path for path in export(course)}


def read_csv(path):
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def test_export_writes_its_files_into_reports(course, written):
    assert sorted(written) == sorted(["grades.csv", "exercises.csv", "report.md", f"{LESSON}.png"])
    assert {path.parent for path in written.values()} == {course / "reports"}


def test_grades_csv_has_each_students_total(written):
    mistake = grade_answer(MISTAKE.exercise, MISTAKE.code)
    assert 0 <= mistake.score < mistake.points
    rows = read_csv(written["grades.csv"])
    assert {row["assignment"] for row in rows} == {LESSON}
    totals = {row["student_id"]: (float(row["score"]), float(row["max_score"])) for row in rows}
    assert totals == {
        "reference": (TOTAL, TOTAL),
        "blank": (0, TOTAL),
        "mistaken": (TOTAL - mistake.points + mistake.score, TOTAL),
    }


def test_exercises_csv_has_a_row_per_student_and_exercise(written):
    rows = read_csv(written["exercises.csv"])
    assert [(row["student"], row["exercise"]) for row in rows] == [
        (student, exercise)
        for student in ("blank", "mistaken", "reference")
        for exercise in EXERCISES
    ]
    by_key = {(row["student"], row["exercise"]): row for row in rows}
    assert by_key["reference", "01.1"]["title"] == "weighted_sum"
    scores = {key: (float(row["score"]), float(row["max_score"])) for key, row in by_key.items()}
    for exercise, points in POINTS.items():
        assert scores["reference", exercise] == (points, points)
        assert scores["blank", exercise] == (0, points)
    assert scores["mistaken", MISTAKE.exercise][0] < POINTS[MISTAKE.exercise]


def test_the_mistake_is_diagnosed_once_and_only_for_its_student(written):
    name = _mistake_names()[MISTAKE.named]
    rows = read_csv(written["exercises.csv"])
    diagnosed = {
        (row["student"], row["exercise"]): row["mistakes"] for row in rows if row["mistakes"]
    }
    assert diagnosed == {("mistaken", "01.1"): name}


def test_the_flagged_exercise_needs_review(written):
    rows = read_csv(written["exercises.csv"])
    flagged = {
        (row["student"], row["exercise"]): (row["flags"], row["needs_manual_grade"])
        for row in rows
        if row["needs_review"] == "True"
    }
    assert flagged == {("reference", "01.3"): (FLAG, "True")}


def test_report_shows_the_mistake_the_flag_and_the_plot(written):
    report = written["report.md"].read_text()
    assert f"## {LESSON}" in report
    assert f"{_mistake_names()[MISTAKE.named]} (1)" in report
    assert f"]({LESSON}.png)" in report
    assert f"| reference | 01.3 | {FLAG} |" in report
    assert f"| 01.1 | weighted_sum | {POINTS['01.1']:g} | 3 |" in report


def test_plot_is_a_png_image(written):
    with Image.open(written[f"{LESSON}.png"]) as image:
        assert image.format == "PNG"
        assert image.width > 400 and image.height > 200
        image.verify()


def test_export_is_deterministic(course, written, tmp_path):
    again = {path.name: path for path in export(course, tmp_path, [LESSON])}
    assert {name: path.read_bytes() for name, path in again.items()} == {
        name: path.read_bytes() for name, path in written.items()
    }


def test_main_reports_an_assignment_without_submissions(course, capsys):
    assert main(["02-layers"], root=course) == 1
    assert "no graded submissions of 02-layers" in capsys.readouterr().err


def test_main_writes_into_out(course, tmp_path, capsys):
    assert main([LESSON, "--out", str(tmp_path / "out")], root=course) == 0
    assert f"wrote {tmp_path / 'out' / 'report.md'}" in capsys.readouterr().out


def test_no_gradebook_says_to_grade_first(tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"no gradebook at .*`\./wb grade`"):
        export(tmp_path)
    assert not (tmp_path / "gradebook.db").exists()


def test_a_gradebook_without_submissions_says_to_grade_first(course, tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copy(course / "gradebook.db", tmp_path)
    with Gradebook(nbgrader_config(tmp_path).CourseDirectory.db_url) as gradebook:
        for student in ("blank", "mistaken", "reference"):
            gradebook.remove_submission(LESSON, student)
    with pytest.raises(
        ValueError, match=r"no graded submissions in the gradebook: run `\./wb grade`"
    ):
        export(tmp_path)
    assert not (tmp_path / "reports").exists()


def record(exercise, mistakes, passed=False):
    """A Grader's record of ``exercise`` whose failed cases name ``mistakes``."""
    cases = [{"name": f"case {i}", "passed": passed, "mistake": m} for i, m in enumerate(mistakes)]
    return {"exercise": exercise, "cases": cases}


def test_every_mistake_of_the_catalogue_is_counted_by_the_report():
    names = _mistake_names()
    for item in all_exercises():
        for mistake in item.mistakes + COURSE_WIDE:
            named = named_mistakes(record(item.id, [mistake.id, None, mistake.id]))
            mistakes = tuple(names[mistake_id] for mistake_id in named)
            result = ExerciseResult("s", "a", item.id, item.title, 0, 1, mistakes, False, ())
            (summary,) = summarize([result])
            assert summary.top_mistakes == ((mistake.name, 1),), mistake.id


def test_passed_cases_and_cases_without_a_mistake_name_nothing():
    assert named_mistakes(record("01.1", ["01.1/no-bias"], passed=True)) == ()
    assert named_mistakes(record("01.1", [None, None])) == ()
    assert named_mistakes({"cases": ["not a case", 3]}) == ()


def test_only_the_graders_records_in_test_cells_count(course, tmp_path):
    """Printed tables and records faked in an answer cell change nothing."""
    source = notebooks(ROOT / "solutions" / LESSON)[f"{LESSON}.ipynb"]
    answer_id, tests_id = cell_ids("01.1")
    faked = nbformat.from_dict(source)
    for cell in faked.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == answer_id:
            cell.outputs = [
                nbformat.v4.new_output(
                    "execute_result",
                    data={"text/plain": "2.0"},
                    metadata={"wbcourse": [record("01.1", ["01.1/no-bias"])]},
                    execution_count=1,
                ),
                nbformat.v4.new_output("stream", name="stdout", text="01.1 x: 2e of 2 points"),
            ]
    path = tmp_path / "faked.ipynb"
    nbformat.write(faked, path)
    assert records_of(path, {tests_id}) == {}
    assert records_of(tmp_path / "missing.ipynb", {tests_id}) == {}
