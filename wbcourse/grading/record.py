"""Record the answers of the visible checks at release time, for students' notebooks.

A student's install has no reference solution (``wbcourse.exercises`` stays with the
instructor), yet the check cells of a lesson must tell right from wrong and name
mistakes. So ``./wb release`` runs the *visible* part of every test cell (the
release's test cells, hidden cases stripped) here, with the reference oracle, and
writes every question those cases ask and its answer to
``wbcourse/recorded/<lesson>.json``: the right answers and the known mistakes'
answers for exactly the inputs the student's check cell uses, and nothing else.
The student's :class:`~wbcourse.checks.RecordedOracle` reads them back.

The student's answers are not needed: their names are bound to :class:`Unanswered`
placeholders, and every check asks its questions before it uses the answer. The
solution notebooks' tests (``$WBCOURSE_ORACLE=verify``) prove the record complete
and up to date: a visible case whose question was not recorded, or whose recorded
answer differs from the reference's, fails there.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import nbformat

from wbcourse import oracle
from wbcourse.grading import wire
from wbcourse.grading.cells import is_test
from wbcourse.grading.trusted import TrustedLesson, used_names

__all__ = ["RecordingOracle", "Unanswered", "record_lesson", "write_records"]


class Unanswered:
    """Stands for a student's answer while the visible checks are recorded."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(self.name)

    def __getattr__(self, attribute: str) -> Any:
        raise AttributeError(f"the student's {self.name} is not there while recording")

    def __repr__(self) -> str:
        return f"<the student's {self.name}>"


class RecordingOracle(oracle.Oracle):
    """The reference oracle, keeping every visible question it answers."""

    def __init__(self, reference: oracle.Oracle):
        self.reference = reference
        self.exercises: dict[str, dict] = {}

    def info(self, exercise_id: str) -> oracle.ExerciseInfo:
        info = self.reference.info(exercise_id)
        entry = self.exercises.setdefault(exercise_id, {"info": _info_record(info), "cases": {}})
        entry["info"] = _info_record(info)
        return info

    def answer(self, question: oracle.Question) -> Any:
        answer = self.reference.answer(question)
        if not question.hidden:
            cases = self.exercises.setdefault(question.exercise, {"cases": {}})["cases"]
            asked = cases.setdefault(question.case, [])
            if len(asked) != question.index:
                raise ValueError(
                    f"{question.exercise}: two visible cases are named {question.case!r}; "
                    "give each case its own name"
                )
            asked.append(
                {
                    "name": question.name,
                    "args": oracle.signature(question.args),
                    "answer": oracle.to_record(answer),
                }
            )
        return answer


def _info_record(info: oracle.ExerciseInfo) -> dict:
    return {
        "id": info.id,
        "title": info.title,
        "points": info.points,
        "rtol": info.rtol,
        "atol": info.atol,
        "library": list(info.library),
        "mistakes": [[m.id, m.name, m.hint] for m in info.mistakes],
    }


def record_lesson(source: nbformat.NotebookNode, release: nbformat.NotebookNode) -> dict:
    """Run the release's test cells with the reference oracle; the visible questions and answers.

    Parameters
    ----------
    source : nbformat.NotebookNode
        The lesson's source notebook (for its setup cell and answer names).
    release : nbformat.NotebookNode
        The student's release of it (its test cells hold the visible cases only).

    Returns
    -------
    dict
        Exercise id -> ``{"info": ..., "cases": {case name: [question, ...]}}``.
    """
    from wbcourse.exercises import ReferenceOracle

    lesson = TrustedLesson(source)
    recording = RecordingOracle(ReferenceOracle())
    with oracle.use_oracle(recording):
        for cell in release.cells:
            if not is_test(cell):
                continue
            namespace = dict(lesson.namespace)
            wanted = used_names(cell.source) & lesson.answer_names
            namespace.update({name: Unanswered(name) for name in wanted})
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(cell.source, "<test cell>", "exec"), namespace)
    return recording.exercises


def write_records(records: dict, path: Path) -> Path:
    """Write a lesson's records as indented JSON (stable, so the release diff is readable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(wire.encode(records), indent=1, sort_keys=True, allow_nan=False)
    path.write_text(text + "\n")
    return path
