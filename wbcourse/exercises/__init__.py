"""The course's autograded exercises: reference answers, points and known mistakes.

Each lesson has a module here (``lesson01.py`` for ``01-neuron``) defining its
exercises with :func:`exercise`. Test cells look them up by id through
:class:`wbcourse.checks.Grader`; ``python -m wbcourse.exercises`` prints the
catalogue of exercises and the mistakes each one recognises.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wbcourse.checks import Mistake

__all__ = ["Exercise", "Mistake", "all_exercises", "catalogue", "exercise", "get_exercise"]


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
    reference : callable
        The right answer, from the same arguments the student's function gets.
    mistakes : tuple of Mistake
        Common wrong answers, recognised and named in the feedback.
    library_versions : tuple of callable
        wbcourse functions that solve the exercise; submitting one is refused.
    rtol, atol : float
        Tolerances for comparing answers with ``numpy.isclose``.
    named_by_checks : tuple of str
        Mistakes the test cell's own checks name (not found by comparison),
        listed for the catalogue.
    """

    id: str
    title: str
    points: float
    reference: Callable[..., Any]
    mistakes: tuple[Mistake, ...] = ()
    library_versions: tuple[Callable[..., Any], ...] = ()
    rtol: float = 1e-6
    atol: float = 1e-8
    named_by_checks: tuple[str, ...] = ()


_REGISTRY: dict[str, Exercise] = {}


def exercise(**fields: Any) -> Exercise:
    """Define and register an exercise; see :class:`Exercise` for the fields."""
    defined = Exercise(**fields)
    if defined.id in _REGISTRY:
        raise ValueError(f"exercise {defined.id} is defined twice")
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


def catalogue() -> str:
    """A Markdown table of every exercise and the mistakes it recognises by name."""
    rows = [
        "| exercise | what the student writes | points | mistakes recognised by name |",
        "| --- | --- | --- | --- |",
    ]
    for item in all_exercises():
        names = [mistake.name for mistake in item.mistakes] + list(item.named_by_checks)
        rows.append(f"| {item.id} | `{item.title}` | {item.points:g} | {'; '.join(names)} |")
    return "\n".join(rows) + "\n"
