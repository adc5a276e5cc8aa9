"""nbgrader grades every lesson as intended, and its feedback reveals no hidden test.

One fixture copies the course into a temporary folder, submits three students
to every lesson and grades all of them in one run; per lesson, nbgrader's
``generate_feedback`` then writes their feedback:

- ``reference`` submits the solution notebook: full marks on every test cell;
- ``blank`` submits the untouched release: zero, and the grader still finishes;
- ``onewrong`` (lessons 07 and 13, whose exercises build on each other) submits
  the solution with the last exercise's answer put back to the release's stub:
  that exercise's test cells get 0, all others full.

Grading runs through ``wbcourse.grading.runner.grade``, the code of ``./wb grade``
(nbgrader's converters, configured by the course's ``nbgrader_config.py``, in
forked children of this process, two at a time): importing nbgrader takes
seconds, once instead of once per command.
"""

import html
import re
import shutil
from dataclasses import dataclass

import nbformat
import pytest
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.converters import GenerateFeedback

from tests.test_release import notebooks, secret_lines
from wbcourse.grading.cells import grade_id, is_answer, is_test
from wbcourse.grading.runner import Submission, grade
from wbcourse.release import ROOT, generate_release, lessons, nbgrader_config, run_nbgrader

# nbgrader's gradebook trips SQLAlchemy 2's SAWarning (a RuntimeWarning, which
# pyproject.toml makes an error) on every new submission; it is harmless.
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

LESSONS = lessons()
STUDENTS = ("reference", "blank", "onewrong")
ONE_WRONG_LESSONS = ("07-backprop", "13-end-to-end")


def students(lesson):
    """The students submitted to ``lesson``."""
    return STUDENTS if lesson in ONE_WRONG_LESSONS else STUDENTS[:2]


@dataclass
class Graded:
    """What nbgrader made of one lesson's submissions."""

    lesson: str
    scores: dict  # student -> {grade cell id: (auto score, max score)}
    feedback: dict  # student -> {notebook file name: feedback page as plain text}
    autograded: dict  # student -> {notebook file name: autograded notebook}
    test_cells: set  # ids of the autograded test cells of the source
    stubbed_tests: set  # ids of the test cells of the answer onewrong got wrong


def last_exercise(notebook):
    """The last answer cell that has test cells, and the ids of those test cells.

    Returns
    -------
    index : int
        Position of the answer cell in ``notebook.cells``.
    tests : set of str
        Ids of the test cells between it and the next answer cell.
    """
    exercises = []
    for index, cell in enumerate(notebook.cells):
        if is_answer(cell):
            exercises.append((index, set()))
        elif is_test(cell) and exercises:
            exercises[-1][1].add(grade_id(cell))
    return [exercise for exercise in exercises if exercise[1]][-1]


def with_stub(source, release, index):
    """A copy of ``source`` whose cell ``index`` is the release's stub of it."""
    stubs = {grade_id(cell): cell.source for cell in release.cells if utils.is_solution(cell)}
    notebook = nbformat.from_dict(source)
    notebook.cells[index].source = stubs[grade_id(notebook.cells[index])]
    return notebook


def submit(root, lesson):
    """Write the three students' submissions; return the ids of the stubbed tests."""
    sources = notebooks(ROOT / "solutions" / lesson)
    releases = notebooks(ROOT / "course" / lesson)
    last_name = sorted(sources)[-1]
    index, stubbed_tests = last_exercise(sources[last_name])
    for name, source in sources.items():
        onewrong = with_stub(source, releases[name], index) if name == last_name else source
        submitted = zip(STUDENTS, (source, releases[name], onewrong), strict=True)
        for student, notebook in list(submitted)[: len(students(lesson))]:
            folder = root / "submitted" / student / lesson
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, folder / name)
    return stubbed_tests


def read_scores(db_url, lesson):
    """Autograder score and maximum of every grade cell, per student, from the gradebook."""
    scores = {}
    with Gradebook(db_url) as gradebook:
        for student in students(lesson):
            submission = gradebook.find_submission(lesson, student)
            scores[student] = {
                grade.name: (grade.auto_score, grade.max_score)
                for notebook in submission.notebooks
                for grade in notebook.grades
            }
    return scores


def page_text(path):
    """The text of an HTML page as a reader sees it: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", path.read_text()))


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """A temporary course root: the config and the sources, with their own gradebook."""
    root = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints")
    shutil.copytree(ROOT / "solutions", root / "solutions", ignore=ignore)
    return root


@pytest.fixture(scope="module")
def course_graded(course_copy):
    """Release and submit every lesson, then grade all submissions in one run.

    Returns the course root and, per lesson, the ids of the test cells ``onewrong``
    got wrong. One run keeps both workers busy across lessons.
    """
    root = course_copy
    generate_release(LESSONS, root / "course", root=root)
    stubbed = {lesson: submit(root, lesson) for lesson in LESSONS}
    submissions = [
        Submission(lesson, student) for lesson in LESSONS for student in students(lesson)
    ]
    outcomes = grade(root, submissions, workers=2, echo=lambda line: None)
    assert [(o.status, o.flags) for o in outcomes] == [("graded", [])] * len(submissions)
    return root, stubbed


@pytest.fixture(scope="module", params=LESSONS)
def graded(request, course_graded):
    """Generate feedback for one lesson and read what nbgrader made of it."""
    lesson, (root, stubbed) = request.param, course_graded
    config = nbgrader_config(root)
    run_nbgrader(GenerateFeedback, config, lesson, student="*")
    sources = notebooks(ROOT / "solutions" / lesson)
    return Graded(
        lesson=lesson,
        scores=read_scores(config.CourseDirectory.db_url, lesson),
        feedback={
            student: {
                name: page_text((root / "feedback" / student / lesson / name).with_suffix(".html"))
                for name in sources
            }
            for student in students(lesson)
        },
        autograded={
            student: notebooks(root / "autograded" / student / lesson)
            for student in students(lesson)
        },
        test_cells={grade_id(c) for nb in sources.values() for c in nb.cells if is_test(c)},
        stubbed_tests=stubbed[lesson],
    )


def test_every_test_cell_is_graded(graded):
    for student in students(graded.lesson):
        assert graded.test_cells <= set(graded.scores[student]), student


def test_reference_gets_full_marks(graded):
    scores = graded.scores["reference"]
    assert {cell: scores[cell] for cell in graded.test_cells} == {
        cell: (scores[cell][1], scores[cell][1]) for cell in graded.test_cells
    }


def test_blank_release_gets_zero(graded):
    scores = graded.scores["blank"]
    assert {cell: score for cell, (score, _) in scores.items()} == dict.fromkeys(scores, 0.0)


@pytest.mark.parametrize("graded", ONE_WRONG_LESSONS, indirect=True)
def test_one_wrong_answer_loses_exactly_its_exercise(graded):
    scores = graded.scores["onewrong"]
    expected = {
        cell: 0.0 if cell in graded.stubbed_tests else scores[cell][1] for cell in graded.test_cells
    }
    assert {cell: scores[cell][0] for cell in graded.test_cells} == expected


def test_feedback_reveals_no_hidden_test(graded):
    hidden = set()
    for source in notebooks(ROOT / "solutions" / graded.lesson).values():
        hidden |= secret_lines(source, kinds=("HIDDEN TESTS",))
    for student, pages in graded.feedback.items():
        for name, text in pages.items():
            assert "HIDDEN TESTS" not in text, (student, name)
            lines = [line.strip() for line in text.splitlines()]
            leaked = {secret for secret in hidden if any(secret in line for line in lines)}
            assert not leaked, f"feedback of {student}/{name} shows {sorted(leaked)}"
