"""The course's autograded exercises: reference answers, points and known mistakes.

This package is the instructor's side of every exercise and never reaches a
student: it is left out of the student's install (the wheel) and hidden from the
grading kernels. Each lesson has a module here (``lesson01.py`` for ``01-neuron``)
defining its exercises with :func:`exercise`: the reference, the *fingerprints*
(a :class:`~wbcourse.checks.Mistake` with the wrong answer it gives), the mistakes
its checks name by logic, and the questions its checks may ask (:func:`wbcourse.checks.ask`).
The public half of a lesson (its helpers and checks) is ``wbcourse.lessonlib``.

:class:`ReferenceOracle` answers a Grader's questions from here; the trusted
grader uses it, and so do the solution notebooks' own tests.
``python -m wbcourse.exercises`` prints the catalogue of exercises and the
mistakes each one recognises (``docs/mistakes.md``).
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wbcourse.checks import matches, mistake_answer
from wbcourse.mistakes import COURSE_WIDE, Mistake
from wbcourse.oracle import (
    Answer,
    ExerciseInfo,
    Oracle,
    Question,
    RecordedOracle,
    origin,
    to_record,
)

__all__ = [
    "Exercise",
    "Fingerprint",
    "ReferenceOracle",
    "all_exercises",
    "catalogue",
    "exercise",
    "get_exercise",
    "wrong_answers",
]


@dataclass(frozen=True)
class Fingerprint:
    """A mistake recognised by its answer: ``answer`` computes it from the same arguments."""

    mistake: Mistake
    answer: Callable[..., Any]


@dataclass(frozen=True)
class Exercise:
    """One autograded exercise.

    Parameters
    ----------
    id : str
        ``"LL.K"``: lesson number and exercise number, e.g. ``"01.2"``.
    title : str
        What the student writes, e.g. ``"weighted_sum"``.
    points : float
        The test cell's points; must equal the notebook's nbgrader metadata.
    reference : callable or None
        The right answer, from the same arguments the student's function gets
        (None for an exercise that its checks grade alone).
    fingerprints : tuple of Fingerprint
        Common wrong answers recognised by comparison.
    checked : tuple of Mistake
        Mistakes the lesson's checks recognise by logic (raised by the checks).
    library_versions : tuple of callable
        wbcourse functions that solve the exercise; submitting one earns nothing.
    rtol, atol : float
        Tolerances for comparing answers with ``numpy.isclose``.
    lists_for_arrays : bool
        Whether the task accepts a list (e.g. of pairs) where the answer is an array;
        otherwise a list is :data:`~wbcourse.mistakes.NOT_AN_ARRAY`.
    questions : mapping of str to callable
        What the lesson's checks may :func:`~wbcourse.checks.ask` besides
        ``"reference"``: each returns an :class:`~wbcourse.checks.Answer` or plain data.
    """

    id: str
    title: str
    points: float
    reference: Callable[..., Any] | None
    fingerprints: tuple[Fingerprint, ...] = ()
    checked: tuple[Mistake, ...] = ()
    library_versions: tuple[Callable[..., Any], ...] = ()
    rtol: float = 1e-6
    atol: float = 1e-8
    lists_for_arrays: bool = False
    questions: Mapping[str, Callable[..., Any]] = field(default_factory=dict)

    @property
    def mistakes(self) -> tuple[Mistake, ...]:
        """Every mistake the exercise names, fingerprints first."""
        return tuple(f.mistake for f in self.fingerprints) + self.checked

    @property
    def info(self) -> ExerciseInfo:
        """What a Grader may know of the exercise (also in a student's notebook)."""
        return ExerciseInfo(
            self.id,
            self.title,
            float(self.points),
            self.rtol,
            self.atol,
            tuple(origin(function) for function in self.library_versions),
            self.mistakes,
            self.lists_for_arrays,
        )

    def reference_answer(self, *args: Any) -> Answer:
        """The right answer for ``args`` and the answer of each fingerprint."""
        expected = self.reference(*copy.deepcopy(args))
        wrong = wrong_answers(self.fingerprints, lambda answer: answer(*copy.deepcopy(args)))
        return Answer(expected, wrong)


def wrong_answers(
    fingerprints: Sequence[Fingerprint], compute: Callable[[Callable[..., Any]], Any]
) -> tuple[tuple[str, Any], ...]:
    """``(mistake id, compute(its answer function))`` for each fingerprint, each computed on
    copies and seen as a student's code is (:func:`~wbcourse.checks.mistake_answer`)."""
    return tuple((f.mistake.id, mistake_answer(compute, [f.answer])) for f in fingerprints)


_REGISTRY: dict[str, Exercise] = {}


def exercise(**fields: Any) -> Exercise:
    """Define and register an exercise; see :class:`Exercise` for the fields."""
    defined = Exercise(**fields)
    if defined.id in _REGISTRY:
        raise ValueError(f"exercise {defined.id} is defined twice")
    prefix = f"{defined.id}/"
    wrong_ids = [m.id for m in defined.mistakes if not m.id.startswith(prefix)]
    if wrong_ids:
        raise ValueError(f"mistake ids of {defined.id} must start with {prefix!r}: {wrong_ids}")
    ids = [m.id for m in defined.mistakes]
    if len(set(ids)) < len(ids):
        raise ValueError(f"{defined.id} defines a mistake id twice: {sorted(ids)}")
    _REGISTRY[defined.id] = defined
    return defined


def _load_lessons() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson"):
            importlib.import_module(f"{__name__}.{module.name}")


def all_exercises() -> list[Exercise]:
    """Every exercise of the course, in id order."""
    _load_lessons()
    return sorted(_REGISTRY.values(), key=lambda item: item.id)


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with id ``exercise_id``; a clear ``KeyError`` names the known ids.

    Examples
    --------
    >>> get_exercise("01.1").title
    'weighted_sum'
    """
    _load_lessons()
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"no exercise {exercise_id!r}; the course has: {known}") from None


class RecordOutOfDate(RuntimeError):
    """The release's recorded answer of a visible case differs from the reference's."""


class ReferenceOracle(Oracle):
    """Answers from the references: the instructor's oracle.

    Parameters
    ----------
    verify : bool
        Also check every visible case's answer against the answer recorded in
        the release (``wbcourse/recorded/``), raising :class:`RecordOutOfDate`
        when they differ: run the solution notebooks with it (``$WBCOURSE_ORACLE=verify``)
        and a stale release fails their tests.
    """

    def __init__(self, verify: bool = False):
        self.recorded = RecordedOracle() if verify else None

    def info(self, exercise_id: str) -> ExerciseInfo:
        return get_exercise(exercise_id).info

    def answer(self, question: Question) -> Any:
        item = get_exercise(question.exercise)
        if question.name == "reference":
            answer = item.reference_answer(*question.args)
        else:
            answer = item.questions[question.name](*copy.deepcopy(question.args))
        if self.recorded is not None and not question.hidden:
            recorded = self.recorded.answer(question)
            if not _same_answer(to_record(recorded), to_record(answer)):
                raise RecordOutOfDate(
                    f"the recorded answer of {question.exercise} {question.case!r} is out of "
                    "date: run `./wb release`"
                )
        return answer


def _same_answer(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_answer(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple) and len(a) == len(b):
        return all(_same_answer(x, y) for x, y in zip(a, b, strict=True))
    return matches(a, b, rtol=1e-9, atol=1e-12) if not isinstance(a, str) else a == b


_CATALOGUE_INTRO = """\
# Mistakes the grader recognises

Generated by `./wb catalogue` from `wbcourse/exercises/`; a test fails when it is out
of date. For every exercise, the feedback names the mistakes below, with a hint (never
the solution). A mistake recognised by its answer (*fingerprint*) is named only when
it explains every failing case and at least two of those cases tell it apart from the
right answer (where the mistake raises, an answer that raises the very same exception,
kind and message, is explained); the others are recognised by the lesson's checks.
Every exercise also reports, by name: an unanswered exercise, an exception (type and message, no
traceback), a warning or stderr output, a wrong shape, wrong values, and these
course-wide mistakes:

{course_wide}

The first five are named whenever they happen. The others are what a wrong answer
plainly resembles: an exception whose message shows the cause (numpy refusing `*`
between an (n, k) and a (k, m) argument, a key past the last layer, an array used as
one truth value, an (N,) row result against an (N, C) array, a name the function never
defined, an array given to math.exp or float(), None used as a value, a key the dict
does not have), None, or an exact relation to the right answer (its sign, a factor of
100, rounding to 2-4 decimals, a transpose, a tuple's results reordered, the right value
inside a tuple or alone where a tuple was due, a dict with other keys, a misspelt
word). Such a resemblance is named
only when it holds in every failing case that no mistake explains, and the exercise
names no mistake of its own. Last, an answer right on the case "the example above" (the
one the notebook lets the student try) is named as right there only when at least two
other cases fail, none with a mistake named, and every other case it passes has inputs
of the example's sizes: it most likely uses something of the example's instead of its
arguments. The mistakes corpus in `tests/mistakes/` holds realistic
answers for each exercise and checks that each is graded as stated.

"""


def catalogue() -> str:
    """A Markdown page: every exercise and the mistakes it recognises by name."""
    intro = _CATALOGUE_INTRO.format(
        course_wide="\n".join(f"- {mistake.name} (`{mistake.id}`)" for mistake in COURSE_WIDE)
    )
    rows = [
        intro + "| exercise | what the student writes | points | mistake | recognised by |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in all_exercises():
        first = f"| {item.id} | `{item.title}` | {item.points:g} |"
        kinds = [("its answer", f.mistake) for f in item.fingerprints]
        kinds += [("the checks", mistake) for mistake in item.checked]
        for position, (kind, mistake) in enumerate(kinds):
            lead = first if position == 0 else "| | | |"
            rows.append(f"{lead} {mistake.name} (`{mistake.id}`) | {kind} |")
        if not kinds:
            rows.append(f"{first} | |")
    return "\n".join(rows) + "\n"
