"""Grading helpers that the notebooks' test cells call.

A test cell builds a :class:`Grader` for one exercise, adds cases, and ends with
``grader.score()``, whose value nbgrader reads as partial credit::

    grader = Grader("02.1")
    grader.expect(dense_forward, X, W, b)                  # visible case
    ### BEGIN HIDDEN TESTS
    grader.expect(dense_forward, X2, W2, b2, hidden=True)  # graded, never shown
    ### END HIDDEN TESTS
    grader.score()

Each case compares the student's answer with the exercise's reference from
:mod:`wbcourse.exercises`. When they differ, the common wrong answers (the
exercise's *mistakes*) are computed from the same inputs, and a match is named
with a hint. Nothing a case runs reaches stderr: warnings, exceptions and stray
``sys.stderr`` writes become messages, because nbgrader gives 0 points to any
cell that writes to stderr. Hidden cases report their message and points, never
their inputs or expected values.
"""

from __future__ import annotations

import contextlib
import copy
import io
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "CheckFailed",
    "Grader",
    "Mistake",
    "compare",
    "gradient_errors",
    "named_mistake",
    "require",
]


class CheckFailed(AssertionError):
    """A case failed. ``summary`` is safe to show for hidden cases; ``detail`` adds values."""

    def __init__(self, summary: str, detail: str = ""):
        super().__init__(summary if not detail else f"{summary} {detail}")
        self.summary = summary
        self.detail = detail


@dataclass(frozen=True)
class Mistake:
    """A common wrong answer to an exercise.

    Parameters
    ----------
    name : str
        What the student did, e.g. ``"forgot the bias"``.
    hint : str
        What to look at next. Never the solution itself.
    answer : callable
        Computes the wrong answer from the same arguments as the reference.
    """

    name: str
    hint: str
    answer: Callable[..., Any]


def require(condition: bool, summary: str, detail: str = "") -> None:
    """Raise :class:`CheckFailed` with ``summary`` unless ``condition`` holds.

    Examples
    --------
    >>> require(1 + 1 == 2, "arithmetic is broken")
    >>> require(False, "the output must be a float")
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: the output must be a float
    """
    if not condition:
        raise CheckFailed(summary, detail)


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    return type(value).__name__


def _compare_arrays(got: Any, expected: np.ndarray, name: str, rtol: float, atol: float) -> None:
    try:
        got_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{name} must be a numeric array, got {_describe(got)}.") from None
    require(
        got_array.shape == expected.shape,
        f"{name} has shape {got_array.shape}, expected {expected.shape}.",
    )
    if not np.all(np.isfinite(got_array)):
        require(
            np.array_equal(np.isfinite(got_array), np.isfinite(expected)),
            f"{name} contains nan or inf where the expected values are finite; "
            "look for an overflow (exp of a large number) or a division by zero.",
        )
    close = np.isclose(got_array, expected, rtol=rtol, atol=atol, equal_nan=True)
    if not np.all(close):
        index = np.unravel_index(np.argmin(close), close.shape) if close.ndim else ()
        where = f" at index {tuple(int(i) for i in index)}" if index else ""
        wrong = np.size(close) - np.count_nonzero(close)
        raise CheckFailed(
            f"{name} has the right shape but wrong values ({wrong} of {np.size(close)} differ).",
            f"First difference{where}: expected {expected[index]:.6g}, got {got_array[index]:.6g}.",
        )


def compare(got: Any, expected: Any, name: str = "your output", rtol=1e-6, atol=1e-8) -> None:
    """Raise :class:`CheckFailed` unless ``got`` matches ``expected``.

    Arrays are compared by shape, finiteness, then values with
    ``np.isclose(got, expected, rtol, atol)``; dicts key by key; tuples element by
    element; Python numbers as 0-d arrays; anything else with ``==``.

    Examples
    --------
    >>> compare(np.ones(3), np.ones(3))
    >>> compare(np.ones((3, 1)), np.ones(3))
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: your output has shape (3, 1), expected (3,).
    """
    if isinstance(expected, Mapping):
        require(
            isinstance(got, Mapping) and set(got) == set(expected),
            f"{name} must be a dict with the keys {sorted(expected)}, got "
            + (f"the keys {sorted(got)}." if isinstance(got, Mapping) else f"{_describe(got)}."),
        )
        for key in expected:
            compare(got[key], expected[key], f"{name}[{key!r}]", rtol, atol)
    elif isinstance(expected, tuple | list):
        kind = type(expected).__name__
        require(
            isinstance(got, tuple | list) and len(got) == len(expected),
            f"{name} must be a {kind} of {len(expected)} values, got {_describe(got)}"
            + (f" of length {len(got)}." if isinstance(got, tuple | list) else "."),
        )
        for position, (got_item, expected_item) in enumerate(zip(got, expected, strict=True)):
            compare(got_item, expected_item, f"{name}[{position}]", rtol, atol)
    elif isinstance(expected, np.ndarray | float | int | np.number) and not isinstance(
        expected, bool
    ):
        _compare_arrays(got, np.asarray(expected, dtype=float), name, rtol, atol)
    else:
        require(
            type(got) is type(expected) and got == expected,
            f"{name} is not the expected value.",
            f"Expected {expected!r}, got {got!r}.",
        )


def _matches(got: Any, expected: Any) -> bool:
    try:
        compare(got, expected)
    except CheckFailed:
        return False
    return True


def _copies(args: Sequence[Any]) -> list[Any]:
    return [copy.deepcopy(arg) for arg in args]


def _unchanged(before: Any, after: Any) -> bool:
    """Whether ``after`` still equals ``before``, looking into arrays, dicts, lists, tuples."""
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and np.array_equal(before, after, equal_nan=True)
    if isinstance(before, Mapping):
        return (
            isinstance(after, Mapping)
            and before.keys() == after.keys()
            and all(_unchanged(before[key], after[key]) for key in before)
        )
    if isinstance(before, list | tuple):
        return (
            isinstance(after, list | tuple)
            and len(before) == len(after)
            and all(_unchanged(b, a) for b, a in zip(before, after, strict=True))
        )
    return True


_MUTATED = (
    "your function changed its input arrays in place (e.g. with += or x[...] =); "
    "work on a copy or build a new array."
)


@contextlib.contextmanager
def _quiet() -> Any:
    """Route warnings and stderr into lists the caller reports, never to the real stderr."""
    stderr = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(stderr):
        warnings.simplefilter("always")
        with np.errstate(all="warn", under="ignore"):  # underflow to 0 is not a mistake
            yield caught, stderr


def call_quietly(function: Callable[..., Any], *args: Any) -> Any:
    """Call ``function(*args)``; turn exceptions, warnings and stderr output into CheckFailed.

    Examples
    --------
    >>> call_quietly(lambda x: np.exp(x), 1e4)
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: your code warned: RuntimeWarning: overflow encountered in exp
    """
    with _quiet() as (caught, stderr):
        try:
            result = function(*args)
        except NotImplementedError:
            raise CheckFailed(
                "not answered yet: replace `raise NotImplementedError()` with your code."
            ) from None
        except CheckFailed:
            raise
        except Exception as error:  # the student's bug, reported as a message
            raise CheckFailed(f"your code raised {type(error).__name__}: {error}") from None
    if caught:
        first = caught[0]
        raise CheckFailed(f"your code warned: {first.category.__name__}: {first.message}")
    require(not stderr.getvalue(), f"your code wrote to stderr: {stderr.getvalue()[:200]!r}")
    return result


def named_mistake(
    mistakes: Sequence[Mistake],
    got: Any,
    args: Sequence[Any],
    matches: Callable[[Any, Any], bool] | None = None,
) -> CheckFailed | None:
    """The failure naming the first mistake whose wrong answer ``got`` equals, if any.

    Each mistake's answer is computed quietly from copies of ``args``; a mistake
    that raises on these arguments does not apply. ``matches(got, wrong)``
    decides equality, by default :func:`compare` with its tolerances.

    Examples
    --------
    >>> no_bias = Mistake("forgot the bias", "add b.", lambda x, b: x)
    >>> str(named_mistake([no_bias], 2.0, (2.0, 1.0)))
    'forgot the bias: add b.'
    >>> named_mistake([no_bias], 3.0, (2.0, 1.0)) is None
    True
    """
    matches = matches or _matches
    for mistake in mistakes:
        with _quiet():
            try:
                wrong = mistake.answer(*_copies(args))
            except Exception:  # the mistake does not apply to these inputs
                continue
        if matches(got, wrong):
            return CheckFailed(f"{mistake.name}: {mistake.hint}")
    return None


@dataclass
class _Case:
    name: str
    weight: float
    hidden: bool
    message: str = ""

    @property
    def passed(self) -> bool:
        return not self.message


class Grader:
    """Collects the cases of one exercise and scores them for nbgrader.

    Parameters
    ----------
    exercise : str
        The exercise id, e.g. ``"01.1"``; its reference, mistakes and points
        come from :mod:`wbcourse.exercises`.

    Examples
    --------
    >>> grader = Grader("01.1")
    >>> grader.expect(lambda x, w, b: x @ w + b, np.array([1.0, 2.0]), np.array([0.5, -1.0]), 0.25)
    >>> grader.expect(lambda x, w, b: x @ w, np.array([1.0, 2.0]), np.array([0.5, -1.0]), 0.25)
    >>> grader.score()  # doctest: +ELLIPSIS
    01.1 weighted_sum: 1 of 2 cases passed, 1 of 2 points
      PASS  case 1
      FAIL  case 2: forgot the bias: ...
    1.0
    """

    def __init__(self, exercise: str):
        from wbcourse.exercises import get_exercise

        self.exercise = get_exercise(exercise)
        self.cases: list[_Case] = []

    def case(
        self,
        check: Callable[[], None],
        name: str | None = None,
        *,
        hidden: bool = False,
        weight: float = 1.0,
    ) -> None:
        """Run ``check()``, which raises :class:`CheckFailed` (or anything) on failure."""
        case = _Case(name or f"case {len(self.cases) + 1}", weight, hidden)
        try:
            with _quiet() as (caught, stderr):
                check()
            require(not caught, f"warning: {caught[0].message}" if caught else "")
            require(not stderr.getvalue(), "the check wrote to stderr")
        except CheckFailed as failure:
            case.message = failure.summary if hidden else str(failure)
        except Exception as error:  # a NameError when the answer cell did not run, say
            case.message = f"{type(error).__name__}: {error}"
        self.cases.append(case)

    def expect(
        self,
        function: Callable[..., Any],
        *args: Any,
        name: str | None = None,
        hidden: bool = False,
        weight: float = 1.0,
    ) -> None:
        """Add a case: ``function(*args)`` must equal the reference's answer.

        The arguments must come back unchanged; a wrong answer that equals one
        of the exercise's mistakes is named.
        """
        self.case(lambda: self._check_answer(function, args), name, hidden=hidden, weight=weight)

    def _check_answer(self, function: Callable[..., Any], args: Sequence[Any]) -> None:
        require(callable(function), f"expected a function, got {_describe(function)}.")
        require(
            function is not self.exercise.reference
            and function not in self.exercise.library_versions,
            "this is wbcourse's own implementation, imported; write your own version.",
        )
        expected = self.exercise.reference(*_copies(args))
        student_args = _copies(args)
        got = call_quietly(function, *student_args)
        mutated = not _unchanged(args, student_args)
        try:
            compare(got, expected, rtol=self.exercise.rtol, atol=self.exercise.atol)
        except CheckFailed as failure:
            reason = named_mistake(self.exercise.mistakes, got, args) or failure
            also = f" Also, {_MUTATED}" if mutated else ""
            raise CheckFailed(reason.summary + also, reason.detail) from None
        require(not mutated, _MUTATED[0].upper() + _MUTATED[1:])

    def expect_gradients(
        self,
        forward: Callable[..., Any],
        backward: Callable[..., Any],
        inputs: Mapping[str, np.ndarray],
        *,
        rng: np.random.Generator,
        name: str | None = None,
        hidden: bool = False,
        weight: float = 1.0,
        tolerance: float = 1e-6,
    ) -> None:
        """Add a case: ``backward`` must agree with central differences of ``forward``.

        The student's own forward pass is differentiated, so any correct
        mathematics passes. The message lists the relative error per input.
        """

        def check() -> None:
            errors = gradient_errors(forward, backward, inputs, rng)
            table = ", ".join(f"d{key}: {error:.1e}" for key, error in errors.items())
            wrong = [f"d{key}" for key, error in errors.items() if not error <= tolerance]
            require(
                not wrong,
                f"gradient check failed for {', '.join(wrong)} (relative errors {table}; "
                f"below {tolerance:g} passes). Check each gradient's formula and shape "
                "against the chain rule.",
            )

        self.case(check, name, hidden=hidden, weight=weight)

    @property
    def earned(self) -> float:
        """Points earned so far: the exercise's points times the passed share of the weight."""
        total = sum(case.weight for case in self.cases)
        passed = sum(case.weight for case in self.cases if case.passed)
        return round(self.exercise.points * passed / total, 2) if total else 0.0

    def report(self) -> str:
        """A table of the cases: PASS/FAIL, the case's name and, for failures, why."""
        passed = sum(case.passed for case in self.cases)
        lines = [
            f"{self.exercise.id} {self.exercise.title}: {passed} of {len(self.cases)} cases "
            f"passed, {self.earned:g} of {self.exercise.points:g} points"
        ]
        for case in self.cases:
            label = f"hidden: {case.name}" if case.hidden else case.name
            status = "PASS" if case.passed else "FAIL"
            lines.append(f"  {status}  {label}" + (f": {case.message}" if case.message else ""))
        return "\n".join(lines)

    def score(self) -> float:
        """Print :meth:`report` and return the points earned, a plain float for nbgrader."""
        print(self.report())
        return float(self.earned)


def gradient_errors(
    forward: Callable[..., Any],
    backward: Callable[..., Any],
    inputs: Mapping[str, np.ndarray],
    rng: np.random.Generator,
    h: float = 1e-5,
) -> dict[str, float]:
    """Relative errors between ``backward`` and central differences of ``forward``.

    Parameters
    ----------
    forward : callable
        ``forward(*inputs.values()) -> (out, cache)``: the student's own forward pass.
    backward : callable
        ``backward(dout, cache) -> grads``, one gradient per input, in order.
    inputs : mapping of str to ndarray
        The forward pass's arguments by name, float64.
    rng : numpy.random.Generator
        Draws the upstream gradient ``dout``.

    Returns
    -------
    dict of str to float
        For each input, ``max |analytic - numeric| / max(1e-8, |analytic| + |numeric|)``.
    """
    from wbcourse.gradcheck import numerical_gradient, rel_error

    names = list(inputs)
    values = [np.array(inputs[name], dtype=float) for name in names]
    out, cache = call_quietly(forward, *_copies(values))
    dout = rng.normal(size=np.shape(out))
    grads = call_quietly(backward, dout.copy(), cache)
    grads = grads if isinstance(grads, tuple | list) else (grads,)
    require(
        len(grads) == len(names),
        f"backward returned {len(grads)} gradients, expected {len(names)}: one per input "
        f"({', '.join(names)}), in that order.",
    )
    errors = {}
    for position, (name, grad) in enumerate(zip(names, grads, strict=True)):
        require(
            np.shape(grad) == values[position].shape,
            f"d{name} has shape {np.shape(grad)}, expected {values[position].shape} "
            f"(a gradient has the shape of what it differentiates).",
        )

        def objective(x: np.ndarray, position: int = position) -> float:
            trial = [*values[:position], x, *values[position + 1 :]]
            return float(np.sum(forward(*trial)[0] * dout))

        with _quiet():
            numeric = numerical_gradient(objective, values[position], h=h)
        errors[name] = rel_error(np.asarray(grad, dtype=float), numeric)
    return errors
