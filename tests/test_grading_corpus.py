"""The broken- and hostile-submission corpus, each case autograded for real.

One module fixture copies the course, releases lesson 01 and files one submission
per case into ``submitted/<case>/01-neuron/``, then grades them all with
``wbcourse.grading.runner.grade`` - the code behind ``./wb grade`` - two at a time,
with nbgrader's per-cell timeout at 20 s. Each case states what the grader must do:

- *survived*: the rest of the notebook is graded normally;
- *defeated*: the attempt has no effect (the sandbox refuses it, or nbgrader restores
  the cell), and the submission scores what its honest answers earn;
- *detected*: it may earn points, but the submission is flagged for manual review.

Lesson 01 has four exercises worth 2, 2, 1 and 3 points. Hostile code goes into the
answer of exercise 01.2 (2 points) unless a case says otherwise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from tests.hostile import trimmed_copy
from wbcourse.grading import FLAG_PREFIX
from wbcourse.grading.runner import Submission, grade
from wbcourse.release import ROOT, generate_release, nbgrader_config

pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

LESSON = "01-neuron"
NOTEBOOK = f"{LESSON}.ipynb"
FULL = 8.0
WITHOUT_EX2 = 6.0
ANSWER = "ex01_2_answer"
STUB = "def add_bias_input(X):\n    raise NotImplementedError"
FAKE_GRADER = (
    "class Grader:\n"
    "    def __init__(self, exercise_id): pass\n"
    "    def __getattr__(self, name): return lambda *args, **kwargs: None\n"
    "    def score(self): return 1.0\n"
)


@dataclass(frozen=True)
class Case:
    """A submission and what grading it must give."""

    name: str
    kind: str  # "survived", "defeated" or "detected"
    make: Callable[[Path, Path], None]  # (submission folder, course root) -> None
    score: float
    flags: tuple[str, ...] = ()  # each must appear in the submission's review flags
    unflagged: bool = False  # True: no flag at all
    check: Callable[[Path], None] | None = field(default=None, compare=False)


def reference(root: Path) -> nbformat.NotebookNode:
    """The (trimmed) solution notebook of the test's course copy."""
    return nbformat.read(root / "solutions" / LESSON / NOTEBOOK, as_version=4)


def cell_index(notebook, grade_id: str) -> int:
    ids = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in notebook.cells]
    return ids.index(grade_id)


def edited(edits: dict[str, str], base=reference) -> Callable[[Path, Path], None]:
    """A submission: ``base(root)`` with the cells named in ``edits`` given new source.

    The source may mention ``{root}``, replaced by the course root.
    """

    def make(folder: Path, root: Path) -> None:
        submitted = nbformat.from_dict(base(root))
        for grade_id, source in edits.items():
            submitted.cells[cell_index(submitted, grade_id)].source = source.format(root=root)
        nbformat.write(submitted, folder / NOTEBOOK)

    return make


def answer(code: str) -> Callable[[Path, Path], None]:
    """The reference with exercise 01.2's answer replaced by ``code``."""
    return edited({ANSWER: code})


def restructured(change: Callable[[list], list]) -> Callable[[Path, Path], None]:
    """The reference with its list of cells changed by ``change``."""

    def make(folder: Path, root: Path) -> None:
        submitted = reference(root)
        submitted.cells = change(submitted.cells)
        nbformat.write(submitted, folder / NOTEBOOK)

    return make


def written(name: str, content: bytes) -> Callable[[Path, Path], None]:
    def make(folder: Path, root: Path) -> None:
        (folder / name).write_bytes(content)

    return make


def both(*makers: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    def make(folder: Path, root: Path) -> None:
        for maker in makers:
            maker(folder, root)

    return make


def without_test_of_ex2(cells: list) -> list:
    return [c for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") != "ex01_2_tests"]


def retyped_test_of_ex2(cells: list) -> list:
    index = cell_index(nbformat.v4.new_notebook(cells=cells), "ex01_2_tests")
    retyped = nbformat.v4.new_code_cell("2.0  # the student's own 'test'")
    return [*cells[:index], retyped, *cells[index + 1 :]]


def duplicated_answer_of_ex2(cells: list) -> list:
    index = cell_index(nbformat.v4.new_notebook(cells=cells), ANSWER)
    stub = nbformat.from_dict(cells[index])
    stub.id, stub.source = f"{stub.id}-stub", STUB  # the student's first try, kept above
    return [*cells[:index], stub, *cells[index:]]


def fake_grader_in_setup(cells: list) -> list:
    """Exercise 01.2 left as its stub, and a fake Grader added to the read-only setup cell."""
    cells[cell_index(nbformat.v4.new_notebook(cells=cells), ANSWER)].source = STUB
    setup = next(cell for cell in cells if "import Grader" in cell.source)
    setup.source += "\n" + FAKE_GRADER
    return cells


def flooding_cells(cells: list) -> list:
    """Eight added cells, each printing just under a cell's limit (a red team's)."""
    flood = nbformat.v4.new_code_cell("print('A' * 1_990_000)")
    added = [nbformat.from_dict({**flood, "id": f"flood-{n}"}) for n in range(8)]
    return [*cells, *added]


def blank_release(root: Path) -> nbformat.NotebookNode:
    return nbformat.read(root / "course" / LESSON / NOTEBOOK, as_version=4)


CASES = [
    Case("reference", "survived", edited({}), FULL, unflagged=True),
    Case("blank", "survived", edited({}, blank_release), 0.0, unflagged=True),
    # runaway code
    Case("infinite-loop", "survived", answer("while True:\n    pass"), WITHOUT_EX2),
    Case("sys-exit", "survived", answer("import sys\nsys.exit(1)"), WITHOUT_EX2, ("imports sys",)),
    Case(
        "os-exit", "survived", answer("import os\nos._exit(1)"), WITHOUT_EX2, ("DeadKernelError",)
    ),
    Case(
        "segfault",
        "survived",
        answer("import faulthandler\nfaulthandler._sigsegv()"),
        WITHOUT_EX2,
        ("DeadKernelError",),
    ),
    Case(
        "ctypes-segfault",
        "defeated",
        answer("import ctypes\nctypes.string_at(0)"),
        WITHOUT_EX2,
        ("imports ctypes", "SandboxError"),
    ),
    Case(
        "runaway-memory",
        "survived",
        answer("hog = bytearray(8 * 2**30)  # 8 GiB: more than the kernel's limit"),
        WITHOUT_EX2,
    ),
    Case(
        "output-flood",
        "survived",
        answer(
            "for line in range(200_000):\n    print('spam ' * 20)\n"
            "def add_bias_input(X):\n    return np.hstack([X, np.ones((len(X), 1))])"
        ),
        FULL,
    ),
    Case(
        "one-line-flood",
        "survived",
        answer(
            "print('spam' * 5_000_000)\n"
            "def add_bias_input(X):\n    return np.hstack([X, np.ones((len(X), 1))])"
        ),
        FULL,
    ),
    Case("many-cell-flood", "survived", restructured(flooding_cells), FULL),
    # cells deleted, duplicated, re-typed, edited
    Case("deleted-test-cell", "defeated", restructured(without_test_of_ex2), FULL),
    Case("retyped-test-cell", "defeated", restructured(retyped_test_of_ex2), FULL),
    Case(
        "duplicated-answer-cell",
        "survived",
        restructured(duplicated_answer_of_ex2),
        FULL,
        ("cell ex01_2_answer appears 2 times",),
    ),
    Case(
        "edited-test-cell",
        "defeated",
        edited({ANSWER: STUB, "ex01_2_tests": "2.0"}),
        WITHOUT_EX2,
    ),
    Case(
        "edited-read-only-cell",
        "defeated",
        restructured(fake_grader_in_setup),
        WITHOUT_EX2,
    ),
    # broken files
    Case(
        "corrupted-notebook",
        "survived",
        written(NOTEBOOK, b'{"cells": [{"cell_ty'),
        0.0,
        ("not a readable notebook",),
    ),
    Case("empty-file", "survived", written(NOTEBOOK, b""), 0.0, ("not a readable notebook",)),
    Case(
        "missing-notebook",
        "survived",
        written("notes.txt", b"sorry, no time"),
        0.0,
        ("no 01-neuron.ipynb submitted",),
    ),
    Case(
        "renamed-notebook",
        "survived",
        lambda folder, root: (
            edited({})(folder, root) or (folder / NOTEBOOK).rename(folder / "my work (final).ipynb")
        ),
        FULL,
        ("renamed my work (final).ipynb to 01-neuron.ipynb",),
    ),
    Case(
        "shadowing-extra-files",
        "defeated",
        both(
            edited({ANSWER: STUB}),
            lambda folder, root: (
                (folder / "wbcourse").mkdir()
                or (folder / "wbcourse" / "__init__.py").write_text("")
            ),
            lambda folder, root: (folder / "wbcourse" / "checks.py").write_text(FAKE_GRADER),
        ),
        WITHOUT_EX2,
    ),
    # cheating from inside the notebook
    Case(
        "redefines-grader", "detected", answer(STUB + "\n" + FAKE_GRADER), None, ("rebinds Grader",)
    ),
    Case(
        "patches-grader-class",
        "detected",
        answer("from wbcourse import checks\nchecks.Grader.earned = property(lambda self: 1.0)"),
        None,
        ("changes checks.Grader.earned",),
    ),
    Case(
        "patches-numpy",
        "defeated",
        answer(STUB + "\nnp.isclose = lambda *args, **kwargs: True"),
        WITHOUT_EX2,
        ("changes np.isclose",),
    ),
    Case(
        "patches-numpy-testing",
        "defeated",
        answer(STUB + "\nnp.testing.assert_allclose = print"),
        WITHOUT_EX2,
        ("changes np.testing.assert_allclose",),
    ),
    Case(
        "redefines-print",
        "defeated",
        answer(STUB + "\nprint = len"),
        WITHOUT_EX2,
        ("rebinds the built-in print",),
    ),
    Case(
        "redefines-assert",
        "defeated",
        answer(STUB + "\nAssertionError = Warning"),
        WITHOUT_EX2,
        ("rebinds the built-in AssertionError",),
    ),
    Case(
        "writes-gradebook",
        "defeated",
        answer("open('{root}/gradebook.db', 'w').write('all A')"),
        WITHOUT_EX2,
        ("SandboxError", "a private folder of the course"),
    ),
    Case(
        "writes-solutions",
        "defeated",
        answer(f"open('{{root}}/solutions/{LESSON}/{NOTEBOOK}', 'w').write('')"),
        WITHOUT_EX2,
        ("SandboxError",),
    ),
    Case(
        "writes-other-student",
        "defeated",
        answer(f"open('{{root}}/submitted/reference/{LESSON}/{NOTEBOOK}', 'w').write('')"),
        WITHOUT_EX2,
        ("SandboxError",),
    ),
    Case(
        "reads-hidden-tests",
        "defeated",
        answer(f"print(open('{{root}}/solutions/{LESSON}/{NOTEBOOK}').read())"),
        WITHOUT_EX2,
        ("calls open()", "SandboxError"),
    ),
    Case(
        "runs-a-program",
        "defeated",
        answer("import subprocess\nsubprocess.run(['rm', '-rf', '{root}'])"),
        WITHOUT_EX2,
        ("imports subprocess", "SandboxError"),
    ),
    Case(
        "kills-the-grader",
        "defeated",
        answer("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"),
        WITHOUT_EX2,
        ("imports os", "SandboxError"),
    ),
]
BY_NAME = {case.name: case for case in CASES}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Graded:
    root: Path
    outcomes: dict  # case name -> Outcome
    solutions_before: str
    solutions_after: str


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    root = tmp_path_factory.mktemp("hostile")
    config_text = (ROOT / "nbgrader_config.py").read_text()
    (root / "nbgrader_config.py").write_text(config_text + "\nc.Execute.timeout = 15\n")
    trimmed_copy(ROOT / "solutions" / LESSON / NOTEBOOK, root / "solutions" / LESSON / NOTEBOOK)
    generate_release([LESSON], root / "course", root=root)
    for case in CASES:
        folder = root / "submitted" / case.name / LESSON
        folder.mkdir(parents=True)
        case.make(folder, root)
    source = root / "solutions" / LESSON / NOTEBOOK
    before = digest(source)
    submissions = [Submission(LESSON, case.name) for case in CASES]
    outcomes = grade(root, submissions, workers=2, time_limit=300, echo=lambda line: None)
    return Graded(root, {o.submission.student: o for o in outcomes}, before, digest(source))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_meets_its_expected_outcome(graded, case):
    outcome = graded.outcomes[case.name]
    flags = "\n".join(outcome.flags)
    if case.score is not None:
        assert outcome.score == case.score, flags
    assert outcome.max_score == FULL
    for expected in case.flags:
        assert expected in flags, flags
    if case.unflagged or (case.kind != "detected" and not case.flags):
        assert not outcome.flags
    if case.kind == "detected":
        assert outcome.flags, "a detected case must be flagged for review"


def test_flags_are_in_the_gradebook_for_formgrader(graded):
    db_url = nbgrader_config(graded.root).CourseDirectory.db_url
    with Gradebook(db_url) as gradebook:
        submission = gradebook.find_submission(LESSON, "redefines-grader")
        notebook = submission.notebooks[0]
        comment = next(c for c in notebook.comments if c.name == ANSWER)
        assert comment.auto_comment.startswith(FLAG_PREFIX)
        review = {grade.name for grade in notebook.grades if grade.needs_manual_grade}
        assert review == {"ex01_2_tests"}


def test_no_submission_stops_the_others_or_damages_the_course(graded):
    assert set(graded.outcomes) == set(BY_NAME)
    assert graded.solutions_after == graded.solutions_before
    assert graded.outcomes["reference"].score == FULL
    with Gradebook(nbgrader_config(graded.root).CourseDirectory.db_url) as gradebook:
        assert len(gradebook.find_assignment(LESSON).submissions) == len(CASES)


@pytest.mark.parametrize(
    ("case", "most"),
    [
        ("output-flood", 2_500_000),
        ("one-line-flood", 2_500_000),
        ("many-cell-flood", 10_500_000),  # each cell under its limit: cut at the notebook's
    ],
)
def test_output_flood_is_cut_in_the_stored_notebook(graded, case, most):
    autograded = graded.root / "autograded" / case / LESSON / NOTEBOOK
    assert autograded.stat().st_size < most


def test_time_limit_kills_grading_and_keeps_earlier_grades(graded):
    """Re-grading past the time limit is killed, flagged, and loses no grade."""
    (outcome,) = grade(graded.root, [Submission(LESSON, "infinite-loop")], time_limit=3)
    assert outcome.status == "timed out"
    assert any("grading timed out" in flag for flag in outcome.flags)
    assert outcome.score == graded.outcomes["infinite-loop"].score == WITHOUT_EX2
