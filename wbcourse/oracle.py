"""Where a Grader's right answers come from: the *oracle*.

- When an instructor grades, the test cells run in the trusted grading process
  (:mod:`wbcourse.grading.trusted`) and the oracle computes every answer from the
  exercise's reference (``wbcourse.exercises``, which only the instructor has).
- In a student's notebook, :class:`RecordedOracle` reads the answers of the
  *visible* cases, recorded when the course was released
  (``wbcourse/recorded/``, see :mod:`wbcourse.grading.record`): a student's install
  holds no reference solution and no hidden case.

A case asks a :class:`Question` (see :func:`wbcourse.checks.ask`); the answer is
an :class:`Answer` (the right answer and the known mistakes' answers for those
inputs) or plain data.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from wbcourse.mistakes import CheckFailed, Mistake

__all__ = [
    "Answer",
    "ExerciseInfo",
    "Oracle",
    "Question",
    "Raised",
    "RecordMissing",
    "RecordedOracle",
    "from_record",
    "oracle",
    "origin",
    "same_arguments",
    "signature",
    "to_record",
    "use_oracle",
]


def origin(function: Any) -> str:
    """Where a function comes from, ``"module.qualname"`` (what the kernel says, for a remote one).

    >>> origin(np.maximum)
    'numpy.maximum'
    """
    if hasattr(function, "wire_reference"):
        module, _, name = function.wire_reference().label.partition(":")
        return f"{module}.{name}"
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"


@dataclass(frozen=True)
class ExerciseInfo:
    """What a Grader needs to know of an exercise, and may know in a student's notebook.

    Attributes
    ----------
    id, title : str
        ``"01.1"`` and ``"weighted_sum"``.
    points : float
        The test cell's points.
    rtol, atol : float
        Tolerances for comparing answers.
    library : tuple of str
        ``"module.qualname"`` of the course's functions that solve the exercise.
    mistakes : tuple of Mistake
        Every mistake the exercise can name.
    lists_for_arrays : bool
        Whether the task accepts a list where its answer is an array.
    """

    id: str
    title: str
    points: float
    rtol: float = 1e-6
    atol: float = 1e-8
    library: tuple[str, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    lists_for_arrays: bool = False


@dataclass(frozen=True)
class Raised:
    """What a known mistake does on some inputs instead of answering: it raises.

    A student's code that raises the same (kind and message) on those inputs
    shows that mistake there (see :meth:`wbcourse.checks.Grader.diagnosis`).
    """

    kind: str
    message: str

    @classmethod
    def by(cls, error: BaseException) -> Raised:
        return cls(type(error).__name__, str(error))


@dataclass(frozen=True)
class Answer:
    """The right answer to one question of a case, and the answers of known mistakes.

    Attributes
    ----------
    expected : object
        The right answer.
    mistakes : tuple of (str, object)
        ``(mistake id, its answer)`` for each known mistake; the answer is a
        :class:`Raised` where the mistake raises on these inputs.
    """

    expected: Any
    mistakes: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Question:
    """A question a case asks the oracle.

    Attributes
    ----------
    exercise, case : str
        The exercise id and the case's name.
    index : int
        How many questions the case asked before this one.
    hidden : bool
        Whether the case is hidden (its answers are never recorded).
    name : str
        ``"reference"`` (the right answer and the mistakes' answers for the
        arguments of the student's function) or a question of the exercise.
    args : tuple
        What the question is about.
    """

    exercise: str
    case: str
    index: int
    hidden: bool
    name: str
    args: tuple


class Oracle:
    """Where a Grader's answers come from (see :func:`oracle`)."""

    def info(self, exercise_id: str) -> ExerciseInfo:
        """The exercise's :class:`ExerciseInfo`."""
        raise NotImplementedError

    def answer(self, question: Question) -> Any:
        """The answer to ``question``: an :class:`Answer` or plain data."""
        raise NotImplementedError


class RecordMissing(CheckFailed):
    """A visible case asked a question that the release recorded no answer to."""


def _lesson_prefix(exercise_id: str) -> str:
    return exercise_id.split(".")[0]


RECORDED = Path(__file__).resolve().parent / "recorded"


class RecordedOracle(Oracle):
    """The answers of the visible cases, recorded at release time (a student's notebook).

    ``wbcourse/recorded/<lesson>.json`` holds, per exercise, its
    :class:`ExerciseInfo` and, per visible case, the questions the case asks
    with their arguments and answers (see :mod:`wbcourse.grading.record`).
    """

    def __init__(self, folder: Path = RECORDED):
        self.folder = folder
        self._lessons: dict[str, dict] = {}

    def _exercise(self, exercise_id: str) -> dict:
        prefix = _lesson_prefix(exercise_id)
        if prefix not in self._lessons:
            from wbcourse.grading import wire

            paths = sorted(self.folder.glob(f"{prefix}-*.json"))
            self._lessons[prefix] = wire.loads(paths[0].read_text()) if paths else {}
        try:
            return self._lessons[prefix][exercise_id]
        except KeyError:
            raise KeyError(f"no exercise {exercise_id!r} in the course's recorded checks") from None

    def info(self, exercise_id: str) -> ExerciseInfo:
        data = dict(self._exercise(exercise_id)["info"])
        data["mistakes"] = tuple(Mistake(*fields) for fields in data["mistakes"])
        data["library"] = tuple(data["library"])
        return ExerciseInfo(**data)

    def answer(self, question: Question) -> Any:
        asked = self._exercise(question.exercise)["cases"].get(question.case, [])
        if question.hidden or question.index >= len(asked):
            raise RecordMissing(
                f"this check was not recorded ({question.case!r}, question "
                f"{question.index + 1}): restart the kernel and run the notebook from the top, "
                "or ask for the course's latest release."
            )
        recorded = asked[question.index]
        if recorded["name"] != question.name or not same_arguments(recorded["args"], question.args):
            raise RecordMissing(
                f"the inputs of {question.case!r} are not the released ones: did a cell above "
                "change them? Restart the kernel and run the notebook from the top."
            )
        return from_record(recorded["answer"])


def to_record(answer: Any) -> Any:
    """An oracle's answer as plain data (an :class:`Answer` becomes a tagged dict).

    >>> answer = Answer(0.5, (("01.1/no-bias", 0.25), ("01.1/x", Raised("IndexError", "3"))))
    >>> from_record(json.loads(json.dumps(to_record(answer)))) == answer
    True
    """
    if isinstance(answer, Answer):
        mistakes = [[mistake, _raised_record(wrong)] for mistake, wrong in answer.mistakes]
        return {"$answer": [answer.expected, mistakes]}
    return answer


def _raised_record(wrong: Any) -> Any:
    return {"$raised": [wrong.kind, wrong.message]} if isinstance(wrong, Raised) else wrong


def from_record(data: Any) -> Any:
    """The answer :func:`to_record` stored."""
    if isinstance(data, dict) and set(data) == {"$answer"}:
        expected, mistakes = data["$answer"]
        return Answer(expected, tuple((mistake, _raised(wrong)) for mistake, wrong in mistakes))
    return data


def _raised(data: Any) -> Any:
    if isinstance(data, dict) and set(data) == {"$raised"}:
        return Raised(*data["$raised"])
    return data


def signature(value: Any) -> Any:
    """``value`` as plain data for recording: functions by name, generators by state.

    >>> signature((np.ones(2), np.maximum, {"k": [1, 2]}))
    {'$t': [{'$a': ['float64', [2], 'AAAAAAAA8D8AAAAAAADwPw==']}, {'$fn': 'numpy.maximum'}, \
{'$d': [['k', [1, 2]]]}]}
    """
    from wbcourse.grading import wire

    def refer(item: Any) -> wire.Reference:
        return wire.Reference(origin(item), callable(item))

    def named(data: Any) -> Any:
        if isinstance(data, dict) and "$r" in data:
            return {"$fn": data["$r"]}
        if isinstance(data, dict):
            return {key: named(item) for key, item in data.items()}
        if isinstance(data, list):
            return [named(item) for item in data]
        return data

    return named(wire.encode(value, refer))


def same_arguments(recorded: Any, args: Any) -> bool:
    """Whether ``args`` equal the recorded ones (:func:`signature`), numbers to 1e-9."""
    return _same(recorded, json.loads(json.dumps(signature(args))))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        if ("$a" in a and "$a" in b) or ("$s" in a and "$s" in b):
            from wbcourse.grading import wire

            x, y = wire.decode(a), wire.decode(b)
            return np.shape(x) == np.shape(y) and bool(np.allclose(x, y, rtol=1e-9, atol=1e-12))
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float | int):
        return bool(np.isclose(a, b, rtol=1e-9, atol=1e-12))
    return a == b


_oracle: contextvars.ContextVar[Oracle | None] = contextvars.ContextVar(
    "wbcourse_oracle", default=None
)


def oracle() -> Oracle:
    """The oracle in use: set by :func:`use_oracle`, else chosen by ``$WBCOURSE_ORACLE``.

    ``reference`` (the instructor's: ``wbcourse.exercises``), ``verify`` (the
    reference, checking that the recorded answers are in sync: the solution
    notebooks' tests use it) or, by default, ``recorded``.
    """
    chosen = _oracle.get()
    if chosen is None:
        kind = os.environ.get("WBCOURSE_ORACLE", "recorded")
        if kind == "recorded":
            chosen = RecordedOracle()
        else:
            exercises = importlib.import_module("wbcourse.exercises")
            chosen = exercises.ReferenceOracle(verify=kind == "verify")
        _oracle.set(chosen)
    return chosen


@contextlib.contextmanager
def use_oracle(chosen: Oracle) -> Iterator[Oracle]:
    """Use ``chosen`` as the oracle inside the block."""
    token = _oracle.set(chosen)
    try:
        yield chosen
    finally:
        _oracle.reset(token)
