"""Autograde many submissions in one command, none able to stop the others.

Each submission (one student, one assignment) is graded by nbgrader's ``Autograde``
in a forked child of this process, so nbgrader is imported once for the whole run
(about 3 s saved per submission). The child runs in its own session with its log in
``reports/logs/<assignment>/<student>.log``; the grading kernel it starts runs in the
sandbox of :mod:`wbcourse.grading.sandbox`. Whatever a submission does - loop,
crash, exhaust memory, flood its output, or crash nbgrader itself - only its own
child fails or is killed at the time limit, and the run goes on.

After each child, the parent records in the gradebook what the instructor must
review (see :data:`wbcourse.grading.FLAG_PREFIX`): findings of
:mod:`wbcourse.grading.scan`, operations the sandbox refused, kernels that died,
notebooks renamed or set aside by :func:`~wbcourse.grading.submissions.prepare`,
and failed or timed-out grading, whose ungraded cells score 0.
"""

from __future__ import annotations

import logging
import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from wbcourse.grading import FLAG_PREFIX
from wbcourse.grading.scan import grade_id, is_answer, is_test, scan_notebook
from wbcourse.grading.submissions import prepare
from wbcourse.release import lessons, nbgrader_config, run_nbgrader

#: Default wall-clock limit for grading one submission, in seconds.
TIME_LIMIT = 900


@dataclass(frozen=True)
class Submission:
    """One student's submission of one assignment."""

    assignment: str
    student: str


@dataclass
class Outcome:
    """How grading one submission went.

    Attributes
    ----------
    submission : Submission
    status : str
        ``"graded"``, ``"failed"`` (nbgrader stopped; see the log) or ``"timed out"``.
    seconds : float
        Wall-clock time of the child.
    score, max_score : float
        Points in the gradebook after the run.
    flags : list of str
        What was recorded for manual review, one sentence each.
    """

    submission: Submission
    status: str
    seconds: float
    score: float = 0.0
    max_score: float = 0.0
    flags: list[str] = field(default_factory=list)


def find_submissions(root: Path, assignments=None, students=None) -> list[Submission]:
    """The submissions in ``root/submitted/``, optionally only some assignments or students.

    Raises
    ------
    ValueError
        If an assignment is not a lesson of the course.
    """
    known = lessons(root)
    unknown = sorted(set(assignments or ()) - set(known))
    if unknown:
        raise ValueError(f"unknown assignment(s) {', '.join(unknown)}; known: {', '.join(known)}")
    found = [
        Submission(folder.name, folder.parent.name)
        for folder in sorted((root / "submitted").glob("*/*"))
        if folder.is_dir() and folder.name in known
    ]
    return [
        submission
        for submission in found
        if (not assignments or submission.assignment in assignments)
        and (not students or submission.student in students)
    ]


def grade(
    root: Path,
    submissions: list[Submission],
    workers: int = 1,
    time_limit: float = TIME_LIMIT,
    echo: Callable[[str], None] = print,
) -> list[Outcome]:
    """Autograde ``submissions``, ``workers`` at a time, each within ``time_limit`` s.

    Parameters
    ----------
    root : pathlib.Path
        Course root (``nbgrader_config.py``, ``submitted/``, ``gradebook.db``).
    submissions : list of Submission
        What to grade, e.g. from :func:`find_submissions`.
    workers : int
        How many submissions are graded at once (one per core is best).
    time_limit : float
        Seconds after which a submission's grading is killed.
    echo : callable
        Receives one line per finished submission.

    Returns
    -------
    list of Outcome
        In the order of ``submissions``.
    """
    from nbgrader.converters import Autograde  # imported once, before the children fork

    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    config = nbgrader_config(root)
    pending = list(submissions)
    running: dict[int, tuple[Submission, float, list[str]]] = {}
    outcomes: dict[Submission, Outcome] = {}
    while pending or running:
        while pending and len(running) < workers:
            submission = pending.pop(0)
            names = [path.name for path in _source_paths(root, submission)]
            notes = prepare(_submitted(root, submission), names)
            pid = _fork(
                lambda s=submission: run_nbgrader(Autograde, config, s.assignment, s.student),
                _log_path(root, submission),
            )
            running[pid] = (submission, time.monotonic(), notes)
        pid, status = _wait(running, time_limit)
        submission, started, notes = running.pop(pid)
        verdict = "graded" if status == 0 else "timed out" if status is None else "failed"
        outcome = Outcome(submission, verdict, time.monotonic() - started)
        _record(root, config, outcome, notes)
        outcomes[submission] = outcome
        echo(_summary(outcome))
    return [outcomes[submission] for submission in submissions]


def _fork(work: Callable[[], None], log_path: Path) -> int:
    """Run ``work`` in a child in its own session, output to ``log_path``; the child's pid."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:
        os.setsid()
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        logging.basicConfig(level=logging.INFO, force=True)
        work()
        status = 0
    except BaseException:  # the child reports everything in its log, then exits
        traceback.print_exc()
    finally:
        os._exit(status)


def _wait(running: dict, time_limit: float) -> tuple[int, int | None]:
    """Wait for a child to end; kill one past ``time_limit``. ``(pid, exit status or None)``."""
    while True:
        for child, (_, started, _) in running.items():
            pid, status = os.waitpid(child, os.WNOHANG)
            if pid:
                return pid, os.waitstatus_to_exitcode(status)
            if time.monotonic() - started > time_limit:
                os.killpg(child, signal.SIGKILL)
                os.waitpid(child, 0)
                return child, None
        time.sleep(0.05)


def _submitted(root: Path, submission: Submission) -> Path:
    return root / "submitted" / submission.student / submission.assignment


def _log_path(root: Path, submission: Submission) -> Path:
    return root / "reports" / "logs" / submission.assignment / f"{submission.student}.log"


def _source_paths(root: Path, submission: Submission) -> list[Path]:
    return sorted((root / "solutions" / submission.assignment).glob("*.ipynb"))


def _sources(root: Path, submission: Submission) -> dict[str, nbformat.NotebookNode]:
    paths = _source_paths(root, submission)
    return {path.name: nbformat.read(path, as_version=4) for path in paths}


def exercises(source: nbformat.NotebookNode) -> dict[str, list[str]]:
    """Each answer cell's id and the ids of the test cells that follow it.

    Returns
    -------
    dict of str to list of str
        In notebook order, e.g. ``{"ex01_1_answer": ["ex01_1_tests"], ...}``.
    """
    result: dict[str, list[str]] = {}
    for cell in source.cells:
        if is_answer(cell):
            result[grade_id(cell)] = []
        elif is_test(cell) and result:
            result[list(result)[-1]].append(grade_id(cell))
    return result


def _answer_of_each_cell(notebook, answers: list[str]) -> list[str]:
    """For each cell, the answer cell at or before it (the first answer before any)."""
    current, owners = answers[0], []
    for cell in notebook.cells:
        current = grade_id(cell) if grade_id(cell) in answers else current
        owners.append(current)
    return owners


def _runtime_flags(notebook) -> list[tuple[int, str]]:
    """``(cell index, sentence)`` per refused operation or kernel death in a graded notebook."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.ename in (
                "SandboxError",
                "DeadKernelError",
            ):
                found.append((index, f"{output.ename}: {output.evalue}"))
    return found


def _flags_by_answer(root: Path, submission: Submission, sources: dict) -> dict[str, list[str]]:
    """Sentences for review, keyed by the answer cell they concern."""
    by_answer: dict[str, list[str]] = {}
    for name, source in sources.items():
        answers = list(exercises(source))
        submitted = _read(_submitted(root, submission) / name)
        if submitted is not None:
            owners = _answer_of_each_cell(submitted, answers)
            for finding in scan_notebook(submitted, source):
                by_answer.setdefault(owners[finding.index], []).append(str(finding))
        autograded = _read(root / "autograded" / submission.student / submission.assignment / name)
        if autograded is not None:
            owners = _answer_of_each_cell(autograded, answers)
            for index, sentence in _runtime_flags(autograded):
                by_answer.setdefault(owners[index], []).append(f"cell {index + 1}: {sentence}")
    return by_answer


def _read(path: Path):
    try:
        return nbformat.read(path, as_version=4)
    except Exception:  # missing or unreadable: nothing to scan
        return None


def _record(root: Path, config, outcome: Outcome, notes: list[str]) -> None:
    """Write the review flags and, for failed grading, zeros into the gradebook."""
    from nbgrader.api import Gradebook

    submission = outcome.submission
    sources = _sources(root, submission)
    by_answer = _flags_by_answer(root, submission, sources)
    general = list(notes)
    if outcome.status != "graded":
        general.append(f"grading {outcome.status}; see {_log_path(root, submission)}")
    with Gradebook(config.CourseDirectory.db_url) as gradebook:
        gradebook.update_or_create_student(submission.student)
        record = gradebook.update_or_create_submission(submission.assignment, submission.student)
        for notebook in record.notebooks:
            tests_of = exercises(sources[f"{notebook.name}.ipynb"])
            flagged = {answer: by_answer[answer] for answer in tests_of if answer in by_answer}
            if general:
                first = next(iter(tests_of))
                flagged[first] = general + flagged.get(first, [])
            _flag(notebook, flagged, tests_of)
            outcome.flags += [f"{notebook.name}: {s}" for ss in flagged.values() for s in ss]
        gradebook.db.commit()
        outcome.score, outcome.max_score = record.score, record.max_score


def _flag(notebook, flagged: dict[str, list[str]], tests_of: dict) -> None:
    """Mark one submitted notebook's flagged exercises for review.

    A code cell nbgrader did not grade (its notebook was missing, unreadable, or
    grading stopped) scores 0 and needs a manual grade.
    """
    comments = {comment.name: comment for comment in notebook.comments}
    grades = {grade.name: grade for grade in notebook.grades}
    for answer, sentences in flagged.items():
        comment = comments[answer]
        previous = (comment.auto_comment or "").split(FLAG_PREFIX)[0].strip()
        comment.auto_comment = "\n".join(
            filter(None, [previous, FLAG_PREFIX + "; ".join(sentences)])
        )
        for test in tests_of[answer]:
            grades[test].needs_manual_grade = True
    for grade in grades.values():
        if grade.auto_score is None and grade.cell.cell_type == "code":
            grade.auto_score = 0.0
            grade.needs_manual_grade = True


def _summary(outcome: Outcome) -> str:
    """One line: student, assignment, status, points, time and the number of flags."""
    submission = outcome.submission
    flags = f", {len(outcome.flags)} flag(s) for review" if outcome.flags else ""
    return (
        f"{submission.student} {submission.assignment}: {outcome.status}, "
        f"{outcome.score:g}/{outcome.max_score:g} points in {outcome.seconds:.1f} s{flags}"
    )
