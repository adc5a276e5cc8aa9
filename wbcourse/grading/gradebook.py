"""The gradebook has one writer: the grading run's parent process.

Each submission is autograded in a child process against a private copy of the
gradebook (:func:`snapshot`); nothing the child or the student's kernel does can
lock, corrupt or write the course's ``gradebook.db``. When the child ends, the
parent reads the child's results as plain values (:func:`results_of`) and writes
them, with the review flags, into the course's gradebook in one transaction
(:func:`store`), retrying while another program (formgrader, say) holds a lock.
Manual grades and comments already in the gradebook are kept.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from wbcourse.grading import FLAG_PREFIX, inert

#: How long :func:`store` keeps retrying a locked gradebook, in seconds.
LOCK_PATIENCE = 120.0


@dataclass
class NotebookResult:
    """The autograder's results for one notebook of a submission (plain values)."""

    name: str
    late_penalty: float | None = None
    scores: dict[str, float | None] = field(default_factory=dict)
    comments: dict[str, str | None] = field(default_factory=dict)


@dataclass
class SubmissionResult:
    """What a child's private gradebook holds about the submission it graded."""

    assignment: str
    student: str
    timestamp: object = None
    notebooks: list[NotebookResult] = field(default_factory=list)


def db_path(db_url: str) -> Path:
    """The file of a ``sqlite:///...`` URL."""
    if not db_url.startswith("sqlite:///"):
        raise ValueError(f"the course's gradebook must be an SQLite file, got {db_url}")
    return Path(db_url[len("sqlite:///") :])


def snapshot(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` to ``target`` consistently (SQLite's backup API)."""
    with (
        contextlib.closing(sqlite3.connect(source, timeout=LOCK_PATIENCE)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def results_of(db_url: str, assignment: str, student: str) -> SubmissionResult | None:
    """The results a child's gradebook holds for one submission; None if it has none."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry:
            return None
        result = SubmissionResult(assignment, student, submission.timestamp)
        for notebook in submission.notebooks:
            result.notebooks.append(
                NotebookResult(
                    notebook.name,
                    notebook.late_submission_penalty,
                    {grade.name: grade.auto_score for grade in notebook.grades},
                    {comment.name: comment.auto_comment for comment in notebook.comments},
                )
            )
    return result


def store(
    db_url: str,
    result: SubmissionResult,
    flagged: dict[str, dict[str, list[str]]],
    tests_of: dict[str, dict[str, list[str]]],
) -> tuple[float, float]:
    """Write one submission's results and flags into the course's gradebook.

    Parameters
    ----------
    db_url : str
        The course's gradebook.
    result : SubmissionResult
        The autograder's results (possibly without notebooks, if grading failed).
    flagged : dict
        ``{notebook: {answer cell id: [sentence, ...]}}``: what to review.
    tests_of : dict
        ``{notebook: {answer cell id: [test cell id, ...]}}``.

    Returns
    -------
    score, max_score : float
        The submission's points in the gradebook afterwards.

    Notes
    -----
    A code cell without an autograder score (its notebook was missing, or grading
    stopped) scores 0 and needs a manual grade.
    """
    deadline = time.monotonic() + LOCK_PATIENCE
    while True:
        try:
            return _store_once(db_url, result, flagged, tests_of)
        except Exception as error:  # sqlalchemy wraps sqlite3.OperationalError
            if "database is locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _store_once(db_url, result, flagged, tests_of) -> tuple[float, float]:
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    with Gradebook(db_url) as gradebook, warnings.catch_warnings():
        # nbgrader's gradebook trips SQLAlchemy 2's autoflush warning on every new
        # submission; it is harmless (nbgrader/nbgrader#1824).
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_student(result.student)
        submission = gradebook.update_or_create_submission(result.assignment, result.student)
        if result.timestamp is not None:
            submission.timestamp = result.timestamp
        found = {notebook.name: notebook for notebook in result.notebooks}
        for notebook in submission.notebooks:
            _store_notebook(notebook, found.get(notebook.name))
            _flag(notebook, flagged.get(notebook.name, {}), tests_of.get(notebook.name, {}))
        gradebook.db.commit()
        return float(submission.score), float(submission.max_score)


def _store_notebook(notebook, found: NotebookResult | None) -> None:
    if found is None:
        found = NotebookResult(notebook.name)
    notebook.late_submission_penalty = found.late_penalty
    for grade in notebook.grades:
        grade.auto_score = found.scores.get(grade.name)
        if grade.auto_score is None and grade.cell.cell_type == "code":
            grade.auto_score = 0.0
            grade.needs_manual_grade = True
        else:
            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
    for comment in notebook.comments:
        comment.auto_comment = found.comments.get(comment.name)


def _flag(notebook, flagged: dict[str, list[str]], tests_of: dict[str, list[str]]) -> None:
    """Mark one submitted notebook's flagged exercises for review (comment + manual grade)."""
    comments = {comment.name: comment for comment in notebook.comments}
    grades = {grade.name: grade for grade in notebook.grades}
    for answer, sentences in flagged.items():
        comment = comments[answer]
        previous = (comment.auto_comment or "").split(FLAG_PREFIX)[0].strip()
        comment.auto_comment = "\n".join(
            filter(None, [previous, FLAG_PREFIX + "; ".join(map(inert, sentences))])
        )
        for test in tests_of.get(answer, []):
            grades[test].needs_manual_grade = True
