"""Grading helpers that the notebooks' test cells call.

A test cell builds a :class:`Grader` for one exercise, adds cases, and ends with
``grader.score()``, whose value nbgrader reads as partial credit::

    grader = Grader("02.1")
    grader.expect(dense_forward, X, W, b)                  # visible case
    ### BEGIN HIDDEN TESTS
    grader.expect(dense_forward, X2, W2, b2, hidden=True)  # graded, never shown
    ### END HIDDEN TESTS
    grader.score()

Where the right answers come from is the *oracle*'s business (:func:`oracle`):

- when an instructor grades, the test cell runs in the trusted grading process
  (:mod:`wbcourse.grading.trusted`) and the oracle computes every answer from the
  exercise's reference (``wbcourse.exercises``, which only the instructor has);
- in a student's notebook the oracle reads the answers of the *visible* cases,
  recorded when the course was released (``wbcourse/recorded/``), so a student's
  install holds no reference solution and no hidden case.

A wrong answer is compared with the exercise's known *mistakes* (each a
:class:`Mistake`: an id, a name and a hint). A mistake is named only on solid
evidence (see :meth:`Grader.diagnosis`): it must explain every failing case that
no check named on its own, and differ from the right answer in at least two cases
the student got wrong.
Nothing a case runs reaches stderr: warnings, exceptions and stray ``sys.stderr``
writes become messages, because nbgrader gives 0 points to any cell that writes to
stderr. Hidden cases report their message and points, never their inputs or
expected values.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import enum
import io
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from wbcourse.errors import SWAPPED
from wbcourse.mistakes import (
    ELEMENTWISE,
    EXAMPLE_ONLY,
    FLATTENED,
    GRADIENT_ORDER,
    LAYER_COUNT,
    LIBRARY,
    MISSING_KEY,
    MUTATED,
    NO_KEEPDIMS,
    NO_RETURN,
    NONE_USED,
    NOT_AN_ARRAY,
    NOT_AN_INT,
    ONE_NUMBER,
    ONE_OF_SEVERAL,
    OTHER_KEYS,
    PERCENT,
    REORDERED,
    ROUNDED,
    SIGN,
    SUMMED_OVER_COLUMNS,
    SWAPPED_ARGUMENTS,
    TRANSPOSED,
    UNCALLED,
    UNDEFINED,
    UNPACK,
    VALUES_WITHOUT_KEYS,
    WHOLE_ARRAY_IF,
    WORD,
    CheckFailed,
    Mistake,
    require,
)
from wbcourse.oracle import Answer, Question, Raised, oracle, origin

__all__ = [
    "CheckFailed",
    "Grader",
    "Mistake",
    "ask",
    "call_checked",
    "call_quietly",
    "check_answer",
    "collecting",
    "compare",
    "gradient_errors",
    "matches",
    "mistake_answer",
    "objective_values",
    "quietly",
    "refusing",
    "require",
    "require_dependence",
    "resemblance",
    "unanswered",
    "unchanged",
    "with_helpers",
]


# ------------------------------------------------------------------ comparing values


def _describe(value: Any) -> str:
    """``value``'s kind in a few words: an array's shape, or a built-in or numpy type's name
    (another class's name is the student's to choose, and stays out)."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    kind = type(value)
    return kind.__name__ if kind.__module__ in ("builtins", "numpy") else "an object"


def _hidden_summary(failure: CheckFailed) -> str:
    """What a hidden case shows of a failure: a named mistake's own words, or the summary with
    its numbers and quoted words masked, since they may come from the hidden inputs or from
    what the student's code made of them.

    >>> _hidden_summary(CheckFailed("your output has shape (9,), expected (3, 3)."))
    'your output has shape (#,), expected (#, #).'
    """
    if failure.mistake is not None:
        return failure.summary
    masked = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", failure.summary)
    return re.sub(r"[-+]?\d+(\.\d+)?(e[-+]?\d+)?", "#", masked)


def _is_number(value: Any) -> bool:
    """Whatever numpy treats as a real scalar: ints, floats, numpy scalars, 0-d arrays."""
    return (
        not isinstance(value, bool | np.bool_)
        and np.ndim(value) == 0
        and np.issubdtype(np.asarray(value).dtype, np.number)
        and not np.iscomplexobj(value)
    )


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
    if not np.all(close) and expected.ndim == 0:
        right, wrong_value = _apart(expected, got_array)
        raise CheckFailed(f"{name} is the wrong value.", f"Expected {right}, got {wrong_value}.")
    if not np.all(close):
        index = np.unravel_index(np.argmin(close), close.shape) if close.ndim else ()
        where = f" at index {tuple(int(i) for i in index)}" if index else ""
        wrong = np.size(close) - np.count_nonzero(close)
        right, wrong_value = _apart(expected[index], got_array[index])
        raise CheckFailed(
            f"{name} has the right shape but wrong values ({wrong} of {np.size(close)} differ).",
            f"First difference{where}: expected {right}, got {wrong_value}.",
        )


def _apart(expected: float, got: float) -> tuple[str, str]:
    """Both numbers with 6 significant digits, or as many more as it takes to tell them apart.

    >>> _apart(-1.19904, -1.1990378), _apart(2.0, 2.5)
    (('-1.19904', '-1.199038'), ('2', '2.5'))
    """
    for digits in range(6, 18):
        shown = f"{expected:.{digits}g}", f"{got:.{digits}g}"
        if shown[0] != shown[1]:
            break
    return shown


def compare(got: Any, expected: Any, name: str = "your output", rtol=1e-6, atol=1e-8) -> None:
    """Raise :class:`CheckFailed` unless ``got`` matches ``expected``.

    Arrays are compared by shape, finiteness, then values with
    ``np.isclose(got, expected, rtol, atol)`` (a list for an array is
    :data:`~wbcourse.mistakes.NOT_AN_ARRAY`, the right whole number as a float
    :data:`~wbcourse.mistakes.NOT_AN_INT`); dicts key by key; tuples element by
    element; numbers (0-d arrays included) as 0-d arrays; anything else with ``==``.

    Examples
    --------
    >>> compare(np.ones(3), np.ones(3))
    >>> compare(np.float64(2.0), 2.0)
    >>> compare(2.0, 2)
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: a float where a whole number was due: ...
    >>> compare(np.ones((3, 1)), np.ones(3))
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: your output has shape (3, 1), expected (3,).
    """
    if isinstance(expected, Mapping):
        wanted = f"{name} must be a dict with the keys {sorted(expected, key=str)}"
        require(isinstance(got, Mapping), f"{wanted}, got {_describe(got)}.")
        require(set(got) == set(expected), f"{wanted}, got the keys {sorted(got, key=str)}.")
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
    elif isinstance(expected, np.ndarray) or _is_number(expected):
        if _is_number(expected):
            require(_is_number(got), f"{name} must be a number, got {_describe(got)}.")
            whole = [np.issubdtype(np.asarray(v).dtype, np.integer) for v in (expected, got)]
            if whole[0] and not whole[1] and np.asarray(got) == np.asarray(expected):
                raise NOT_AN_INT.fail(f"{name} is {got!r}.")
        elif isinstance(got, list):  # a tuple is several results, e.g. (Z, cache)
            raise NOT_AN_ARRAY.fail(f"{name} is a list.")
        _compare_arrays(got, np.asarray(expected, dtype=float), name, rtol, atol)
    else:
        require(
            type(got) is type(expected) and got == expected,
            f"{name} is not the expected value.",
            f"Expected {expected!r}, got {got!r}.",
        )


def matches(got: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """Whether :func:`compare` accepts ``got`` for ``expected``.

    >>> matches([1.0, 2.0], [1.0, 2.0 + 1e-12]), matches(1.0, 1.1)
    (True, False)
    """
    try:
        compare(got, expected, rtol=rtol, atol=atol)
    except CheckFailed:
        return False
    return True


def resemblance(got: Any, expected: Any) -> Mistake | None:
    """The course-wide mistake a wrong ``got`` plainly is, if any: None, the right values with
    the opposite sign, in percent, rounded, transposed, a tuple's results in another order,
    the right value inside a tuple or alone where a tuple was due, a dict with other keys or
    its values without the keys, a function where its value was due, a flat array where a
    table was due, or a misspelt word.

    Only an exact relation counts (a sign, a factor of 100, rounding to 2 to 4
    decimals), so that a coincidence cannot give a wrong name. In a dict or a
    sequence, every wrong entry must show the same mistake.

    Examples
    --------
    >>> resemblance(np.array([-1.0, 0.0, 2.5]), np.array([1.0, 0.0, -2.5])).id
    'course/sign'
    >>> resemblance(-np.eye(2) - 1, np.eye(2) + 1).id
    'course/sign'
    >>> resemblance({"W1": 27.15, "W2": 3.0}, {"W1": 0.2715, "W2": 0.03}).id
    'course/percent'
    >>> resemblance((np.ones(2), 3.0), (3.0, np.ones(2))).id
    'course/order'
    >>> resemblance("underfit", "underfitting").id
    'course/word'
    >>> resemblance((0.5, {"W1": np.ones(2)}), 0.5).id, resemblance(0.5, (0.5, 2)).id
    ('course/unpack', 'course/one-of-several')
    >>> resemblance(np.ones(3).mean, 1.0).id
    'course/uncalled'
    >>> resemblance(np.arange(6.0), np.ones((2, 3))).id
    'course/flattened'
    >>> resemblance(0.5, 0.25) is None
    True
    """
    if got is None:
        return NO_RETURN
    if callable(got) and not callable(expected):
        return UNCALLED
    if isinstance(expected, str):
        return WORD if isinstance(got, str) and _near_word(got, expected) else None
    if isinstance(expected, Mapping):
        if isinstance(got, list | tuple) and matches(list(got), list(expected.values())):
            return VALUES_WITHOUT_KEYS
        if not isinstance(got, Mapping):
            return None
        if set(got) != set(expected):
            return OTHER_KEYS
        return _shared([(got[key], expected[key]) for key in expected])
    if isinstance(expected, tuple) and not isinstance(got, tuple | list):
        return ONE_OF_SEVERAL if any(matches(got, item) for item in expected) else None
    if isinstance(got, tuple) and not isinstance(expected, tuple | list):
        return UNPACK if len(got) <= 9 and any(matches(item, expected) for item in got) else None
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return None
        if isinstance(expected, tuple) and _reordered(got, expected):
            return REORDERED  # a function's several results (a list is an order of its own)
        return _shared(list(zip(got, expected, strict=True)))
    if not (isinstance(expected, np.ndarray) or _is_number(expected)):
        return None
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    right = np.asarray(expected, dtype=float)
    if values.ndim == 2 and _close(values.T, right) and not _close(values, right):
        return TRANSPOSED
    if values.ndim == 1 and right.ndim >= 2 and values.size == right.size:
        return FLATTENED
    if values.shape != right.shape or not np.any(right != 0):
        return None
    if _close(values, -right):
        return SIGN
    if _close(values, 100 * right):
        return PERCENT
    rounded = any(np.array_equal(values, np.round(right, digits)) for digits in (2, 3, 4))
    return ROUNDED if rounded else None


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


def _shared(pairs: list[tuple[Any, Any]]) -> Mistake | None:
    """The one mistake every wrong pair of ``(got, expected)`` resembles, if they agree."""
    found = {resemblance(got, expected) for got, expected in pairs if not matches(got, expected)}
    return found.pop() if len(found) == 1 else None


def _reordered(got: Sequence[Any], expected: Sequence[Any]) -> bool:
    """Whether ``got`` holds the values of ``expected``, each once, some out of place."""
    unused = list(range(len(got)))
    for item in expected:
        place = next((i for i in unused if matches(got[i], item)), None)
        if place is None:
            return False
        unused.remove(place)
    return not matches(list(got), list(expected))


def _near_word(got: str, expected: str) -> bool:
    """``"Underfit"`` for ``"underfitting"``: the same letters but for case, spacing and an
    ending."""
    a, b = ("".join(c for c in word.lower() if c.isalpha()) for word in (got, expected))
    return a != "" and (a == b or (len(a) >= 4 and (b.startswith(a) or a.startswith(b))))


# ------------------------------------------------------------------ calling the student

#: What a case says of a stub still as released.
_NOT_ANSWERED = "not answered yet: replace `raise NotImplementedError()` with your code."


def _as_array(values: list | tuple) -> Any:
    """``values`` as a float array, where numpy can make one (else unchanged)."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return values


def _copies(args: Sequence[Any]) -> list[Any]:
    return [copy.deepcopy(arg) for arg in args]


def unchanged(before: Any, after: Any) -> bool:
    """Whether ``after`` still equals ``before``: arrays, dicts, lists, tuples, and the
    numbers and strings inside them (``nan`` equals ``nan``); other objects are not compared.

    >>> log = [{"lr": 0.1}, {"lr": 1.0}]
    >>> unchanged(copy.deepcopy(log), log), unchanged(log, [{"lr": 0.1}, {"lr": 2.0}])
    (True, False)
    >>> unchanged((1, [2.0, float("nan")]), (1, [2.0, float("nan")])), unchanged((1,), (1, 2))
    (True, False)
    """
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and np.array_equal(before, after, equal_nan=True)
    if isinstance(before, int | float | complex | str | bytes | np.generic) or before is None:
        return _same_scalar(before, after)
    if isinstance(before, Mapping):
        return (
            isinstance(after, Mapping)
            and before.keys() == after.keys()
            and all(unchanged(before[key], after[key]) for key in before)
        )
    if isinstance(before, list | tuple):
        return (
            isinstance(after, list | tuple)
            and len(before) == len(after)
            and all(unchanged(b, a) for b, a in zip(before, after, strict=True))
        )
    return True


def _same_scalar(before: Any, after: Any) -> bool:
    try:
        if bool(before == after):
            return True
        return bool(np.isnan(before) and np.isnan(after))
    except (TypeError, ValueError):  # not numbers, or a comparison that is no bool
        return False


@contextlib.contextmanager
def _quiet() -> Iterator[tuple[list, io.StringIO]]:
    """Route warnings and stderr into lists the caller reports, never to the real stderr."""
    stderr = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(stderr):
        warnings.simplefilter("always")
        with np.errstate(all="warn", under="ignore"):  # underflow to 0 is not a mistake
            yield caught, stderr


def call_checked(function: Callable[..., Any], *args: Any) -> tuple[Any, bool]:
    """Call ``function(*args)`` quietly; ``(result, whether it changed an argument in place)``.

    Exceptions, warnings and stderr output become :class:`CheckFailed`. A
    function of the student's notebook that the grader reaches through
    :mod:`wbcourse.grading.remote` reports the changes itself.

    Examples
    --------
    >>> def doubles_in_place(x):
    ...     x *= 2
    ...     return x
    >>> call_checked(doubles_in_place, np.ones(2))
    (array([2., 2.]), True)
    >>> call_checked(lambda x: np.exp(x), 1e4)
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: your code warned (RuntimeWarning). The warning: overflow ...
    """
    remote = getattr(function, "call_checked", None)
    before = None if remote else _copies(args)
    with _quiet() as (caught, stderr):
        try:
            result, mutated = remote(*args) if remote else (function(*args), False)
        except NotImplementedError:
            raise CheckFailed(_NOT_ANSWERED) from None
        except CheckFailed:
            raise
        except Exception as error:  # the student's bug, reported as a message
            if getattr(error, "grading_failure", False):  # the kernel died or ran out of time
                raise CheckFailed(str(error)) from None
            kind = _builtin_name(error, Exception)
            case = _current.get()
            if case is not None:  # a mistake it resembles, named if nothing explains more
                case.resembles = case.resembles or _explained(error, args)
                _raised_evidence(case, args, Raised.by(error))
            raise CheckFailed(f"your code raised {kind}.", f"The message: {error}") from None
    if caught:
        first = caught[0]
        kind = _builtin_name(first.category, Warning)
        case = _current.get()
        if case is not None:  # what it answered while warning is still evidence
            _answered_evidence(case, args, result)
        raise CheckFailed(f"your code warned ({kind}).", f"The warning: {first.message}")
    require(not stderr.getvalue(), "your code wrote to stderr.", repr(stderr.getvalue()[:200]))
    return result, mutated or (before is not None and not unchanged(before, args))


def _builtin_name(thing: Any, base: type) -> str:
    """The name of a built-in exception or warning class, else a neutral word.

    What the student's code names or says stays out of the summary, which hidden
    cases show: it could carry a hidden case's inputs.

    >>> custom = type("Q_1_2", (Exception,), {})()
    >>> _builtin_name(KeyError("x"), Exception), _builtin_name(custom, Exception)
    ('KeyError', 'an exception')
    """
    kind = thing if isinstance(thing, type) else type(thing)
    name = kind.__name__
    known = getattr(__import__("builtins"), name, None)
    if isinstance(known, type) and issubclass(known, base) and issubclass(kind, known):
        return name
    return "an exception" if base is Exception else "a warning"


#: What numpy and math say when an array reaches a function that takes one number.
_ONE_NUMBER_ONLY = (
    r"^only (0-dimensional|length-1|size-1) arrays can be converted to Python scalars"
    r"|^must be real number, not numpy\.ndarray"
)


def _explained(error: Exception, args: Sequence[Any]) -> Mistake | None:
    """The course-wide mistake an exception of the student's code plainly comes from, if any
    (a resemblance: see :meth:`Grader.diagnosis` and :func:`resemblance`).

    Examples
    --------
    >>> X, W = np.ones((3, 2)), np.ones((2, 4))
    >>> _explained(ValueError("operands could not be broadcast together with shapes (3,2) (2,4) "),
    ...            (X, W)).id
    'course/elementwise'
    >>> _explained(KeyError("W3"), ({"W1": W, "b1": W, "W2": W, "b2": W},)).id
    'course/layer-count'
    >>> _explained(TypeError("only length-1 arrays can be converted to Python scalars"), ()).id
    'course/one-number'
    >>> _explained(TypeError("'NoneType' object is not subscriptable"), ()).id
    'course/none-used'
    >>> from wbcourse.network import predict
    >>> try:
    ...     predict({"W1": W, "b1": np.zeros(4)}, X)
    ... except TypeError as error:
    ...     print(_explained(error, ()).id)
    course/swapped-arguments
    """
    message = str(error)
    arrays = [a for arg in args for a in (arg if isinstance(arg, tuple) else (arg,))]
    shapes = [a.shape for a in arrays if isinstance(a, np.ndarray)]
    size = r"(\d{1,9})"  # a student's own message may hold any digits; a shape's are few
    pair = re.search(
        rf"broadcast together with shapes \({size},{size}\) \({size},(\d{{0,9}})\)", message
    )
    if pair and pair[4]:  # (n, k) * (k, m) of two arguments: a matrix product
        first, second = (int(pair[1]), int(pair[2])), (int(pair[3]), int(pair[4]))
        if pair[2] == pair[3] and first in shapes and second in shapes:
            return ELEMENTWISE
    elif pair and pair[1] == pair[3] != pair[2]:  # (N, C) and (N,): a row result, unkept axis
        if (int(pair[3]),) not in shapes and (int(pair[1]), int(pair[2])) in shapes:
            return NO_KEEPDIMS
    if "truth value of an array with more than one element is ambiguous" in message:
        return WHOLE_ARRAY_IF
    if isinstance(error, NameError):
        return UNDEFINED
    if isinstance(error, TypeError) and re.search(_ONE_NUMBER_ONLY, message):
        return ONE_NUMBER
    if isinstance(error, TypeError | AttributeError) and "NoneType" in message:
        return NONE_USED
    if isinstance(error, TypeError) and SWAPPED in message:
        return SWAPPED_ARGUMENTS
    layer = re.fullmatch(r"'?[Wb](\d{1,9})'?", message)
    layers = [sum(str(key).startswith("W") for key in a) for a in arrays if isinstance(a, Mapping)]
    if isinstance(error, KeyError) and layer and any(0 < n < int(layer[1]) for n in layers):
        return LAYER_COUNT
    return MISSING_KEY if isinstance(error, KeyError) else None


def call_quietly(function: Callable[..., Any], *args: Any) -> Any:
    """:func:`call_checked`'s result alone."""
    return call_checked(function, *args)[0]


def quietly(function: Callable[..., Any], args: Sequence[Any]) -> Any:
    """``function`` of copies of ``args``, its warnings and stderr silenced (a mistake's answer)."""
    with _quiet():
        return function(*_copies(args))


def mistake_answer(function: Callable[..., Any], args: Sequence[Any]) -> Any:
    """What a known mistake answers for copies of ``args``, quietly: its value (a warning
    changes nothing), or a :class:`Raised` for the exception it raises.

    >>> mistake_answer(lambda x: x + 1, [1.0]), mistake_answer(lambda x: [][x], [0])
    (2.0, Raised(kind='IndexError', message='list index out of range'))
    """
    try:
        return quietly(function, args)
    except Exception as error:
        return Raised.by(error)


def with_helpers(function: Callable[..., Any], **helpers: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, run with some of the names it uses bound to the course's versions.

    An exercise that builds on an earlier one (a training loop calling the
    student's ``train_epoch``) is then graded on its own: a mistake in the
    earlier exercise costs points there, not again here. The names are bound
    only while the call runs; a function of the student's notebook reached
    through :mod:`wbcourse.grading.remote` calls the grader's versions back.

    Examples
    --------
    >>> def double(x):
    ...     return 2 * step(x)
    >>> def step(x):
    ...     raise NotImplementedError
    >>> with_helpers(double, step=lambda x: x + 1)(1)
    4
    >>> double.__globals__["step"] is step
    True
    """
    bind = getattr(function, "with_globals", None)
    if bind is not None:
        return bind(helpers)

    def swapped(*args: Any) -> Any:
        namespace = getattr(function, "__globals__", {})
        saved = {name: namespace[name] for name in helpers if name in namespace}
        namespace.update(helpers)
        try:
            return function(*args)
        finally:
            for name in helpers:
                namespace.pop(name, None)
            namespace.update(saved)

    return swapped


# ------------------------------------------------------------------ cases and evidence


@dataclass(eq=False)
class _Case:
    exercise: str
    name: str
    hidden: bool
    weight: float
    message: str = ""
    mistake: Mistake | None = None
    note: str = ""
    asked: int = 0
    #: mistake id -> (how the student's answer matched the mistake's, a :class:`Match`;
    #: whether the mistake's differed from the right answer), for every comparison.
    evidence: dict[str, list[tuple[Match, bool]]] = field(default_factory=dict)
    compared: int = 0
    wrong_values: int = 0
    #: The course-wide mistake a wrong answer resembled (:func:`resemblance`), named when no
    #: mistake of the exercise explains the failures.
    resembles: Mistake | None = None
    #: The sizes of the arguments of the case's first "reference" question (:func:`_sizes`).
    sizes: Any = None
    #: The arguments and :class:`Answer` of each "reference" question of the case (:func:`ask`),
    #: until a call of the student's code with those arguments raises (:func:`call_checked`).
    references: list[tuple[Sequence[Any], Answer]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.message

    @property
    def values_right(self) -> bool:
        """Passed, or failed only for changing its inputs: its answers were right."""
        return self.passed or (self.mistake is MUTATED and not self.wrong_values)


def _named_alone(case: _Case) -> bool:
    """Whether a failing case's check named its mistake itself (its inputs changing aside)."""
    return case.mistake is not None and case.mistake is not MUTATED


_current: contextvars.ContextVar[_Case | None] = contextvars.ContextVar(
    "wbcourse_case", default=None
)


def ask(question: str, *args: Any, called_with: Sequence[Any] | None = None) -> Any:
    """Ask the oracle ``question`` about ``args`` from inside a case of a :class:`Grader`.

    A checker calls this for what it may not hold itself (a right answer); in a
    student's notebook the answer was recorded at release time for these
    arguments. Ask before using the student's answer, with the case's inputs only.
    The answer to a "reference" question is the student's code's due answer on
    ``args``; for another question, ``called_with`` says on which arguments its
    answer is due (an exception raised there is then compared with the mistakes').
    """
    case = _current.get()
    if case is None:
        raise RuntimeError("ask() is for checks that run inside a Grader's case")
    case.asked += 1
    asked = Question(case.exercise, case.name, case.asked - 1, case.hidden, question, args)
    answer = oracle().answer(asked)
    if isinstance(answer, Answer) and (question == "reference" or called_with is not None):
        case.references.append((args if called_with is None else called_with, answer))
    if question == "reference" and case.sizes is None:
        case.sizes = _sizes(args)  # as Grader.expect's: what "right on the example only" compares
    return answer


def check_answer(got: Any, answer: Answer, name: str = "your output", rtol=1e-6, atol=1e-8):
    """Compare ``got`` with an :class:`Answer`; keep the evidence about its mistakes.

    Raise :class:`CheckFailed` (the plain comparison's message) when ``got`` is
    wrong. Which mistake, if any, explains the failure is decided over all the
    exercise's cases by :meth:`Grader.diagnosis`.
    """
    case = _current.get()
    keep_evidence(got, answer, rtol, atol)
    try:
        compare(got, answer.expected, name, rtol, atol)
    except CheckFailed as failure:
        if case is not None:
            case.wrong_values += 1
            case.resembles = case.resembles or (
                None if failure.mistake else resemblance(got, answer.expected)
            )
        raise


class Match(enum.IntEnum):
    """How a student's answer matches a mistake's."""

    NONE = 0
    #: Of several results, each is the right one or the mistake's (a mean for db1, not db2).
    IN_PART = 1
    WHOLE = 2


def keep_evidence(got: Any, answer: Answer, rtol=1e-6, atol=1e-8) -> None:
    """Keep, in the current case, how ``got`` compares with each of ``answer``'s mistakes.

    :func:`check_answer` does this for every comparison; where the student's code
    warned, :func:`keep_quiet_evidence` does it for what a quiet rerun returned, so
    that the answer is still evidence (:meth:`Grader.diagnosis`).
    """
    case = _current.get()
    if case is None:
        return
    case.compared += 1
    for mistake_id, wrong in answer.mistakes:
        differs = not matches(wrong, answer.expected, rtol, atol)
        case.evidence.setdefault(mistake_id, []).append(
            (_made(got, wrong, answer.expected, rtol, atol), differs)
        )


def keep_quiet_evidence(
    compute: Callable[[], Any], answer: Answer, rtol: float = 1e-6, atol: float = 1e-8
) -> None:
    """After the student's code warned: what ``compute()`` (a rerun of it, quietly) gives is
    evidence about ``answer``'s mistakes, unless the rerun raises."""
    try:
        got = compute()
    except Exception:  # the student's code raised: nothing to compare
        return
    keep_evidence(got, answer, rtol, atol)


def _made(got: Any, wrong: Any, expected: Any, rtol=1e-6, atol=1e-8) -> Match:
    """How ``got`` matches the mistake's answer ``wrong`` (``expected`` is the right one).

    >>> right, mistake = (3.0, 5.0), (1.0, 2.0)
    >>> [_made(got, mistake, right).name for got in [(1.0, 2.0), (1.0, 5.0), (1.0, 4.0)]]
    ['WHOLE', 'IN_PART', 'NONE']
    """
    if matches(got, wrong, rtol, atol):
        return Match.WHOLE
    parts = _results(got, wrong, expected)
    each = bool(parts) and all(
        matches(g, w, rtol, atol) or matches(g, e, rtol, atol) for g, w, e in parts
    )
    return Match.IN_PART if each else Match.NONE


def _results(got: Any, wrong: Any, expected: Any) -> list[tuple[Any, Any, Any]]:
    """``(got, wrong, expected)`` result by result, when all three are as many results
    (tuples or lists of one length, or dicts of the same keys); else empty."""
    if isinstance(expected, Mapping):
        keyed = all(isinstance(v, Mapping) and set(v) == set(expected) for v in (got, wrong))
        return [(got[key], wrong[key], expected[key]) for key in expected] if keyed else []
    if isinstance(expected, tuple | list):
        alike = all(isinstance(v, tuple | list) and len(v) == len(expected) for v in (got, wrong))
        return list(zip(got, wrong, expected, strict=True)) if alike else []
    return []


def _reference_answer(case: _Case, args: Sequence[Any]) -> Answer | None:
    """The answer of the case's "reference" question about ``args``, taken once; else None.

    A random generator among the arguments is not compared: the code drew from it.
    """

    def inputs(values: Sequence[Any]) -> list:
        return [value for value in values if not isinstance(value, np.random.Generator)]

    asked = next(
        (i for i, (a, _) in enumerate(case.references) if matches(inputs(args), inputs(a))),
        None,
    )
    return None if asked is None else case.references.pop(asked)[1]


def _raised_evidence(case: _Case, args: Sequence[Any], raised: Raised) -> None:
    """Keep the evidence of a call that raised: the mistakes that raise alike there.

    Only a call with the arguments of one of the case's "reference" questions counts,
    once. A mistake whose answer there is to raise the very same exception (kind and
    message, which holds the shapes) explains the failure; one that raises otherwise
    (np.dot words it unlike @) is no evidence either way; one that answers does not.
    """
    answer = _reference_answer(case, args)
    if answer is None:
        return
    case.compared += 1
    for mistake_id, wrong in answer.mistakes:
        alike = isinstance(wrong, Raised)  # raising otherwise is no evidence, either way
        case.evidence.setdefault(mistake_id, []).append(
            (Match.WHOLE if alike else Match.NONE, not alike or wrong == raised)
        )


def _answered_evidence(case: _Case, args: Sequence[Any], got: Any) -> None:
    """Keep the evidence of a call that warned: the mistakes whose answer is what it returned.

    Only a call with the arguments of one of the case's "reference" questions counts,
    once, as for :func:`_raised_evidence`; a mistake that raises there does not explain it.
    """
    answer = _reference_answer(case, args)
    if answer is None:
        return
    case.compared += 1
    for mistake_id, wrong in answer.mistakes:
        differs = isinstance(wrong, Raised) or not matches(wrong, answer.expected)
        alike = not isinstance(wrong, Raised) and matches(got, wrong)
        case.evidence.setdefault(mistake_id, []).append(
            (Match.WHOLE if alike else Match.NONE, differs)
        )


@dataclass(frozen=True)
class Diagnosis:
    """The mistake that explains every failing case of an exercise, and how strongly."""

    mistake: Mistake
    support: int


_refused: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "wbcourse_refused", default=None
)


@contextlib.contextmanager
def refusing(reasons: dict[str, str]) -> Iterator[None]:
    """Inside the block every case of these exercises fails: they use the course's own code.

    ``reasons`` maps exercise ids to why (see :mod:`wbcourse.grading.provenance`);
    the trusted grader refuses such answers before any of their cases run.
    """
    token = _refused.set(dict(reasons))
    try:
        yield
    finally:
        _refused.reset(token)


_unanswered: contextvars.ContextVar[frozenset[str] | None] = contextvars.ContextVar(
    "wbcourse_unanswered", default=None
)


@contextlib.contextmanager
def unanswered(exercises: Iterable[str]) -> Iterator[None]:
    """Inside the block a name these exercises' cases miss means "not answered yet".

    The trusted grader knows which answer cells still raise NotImplementedError as
    released (:func:`wbcourse.grading.cells.unanswered`); elsewhere a missing name
    is the student's :data:`~wbcourse.mistakes.UNDEFINED`.
    """
    token = _unanswered.set(frozenset(exercises))
    try:
        yield
    finally:
        _unanswered.reset(token)


_collector: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "wbcourse_graders", default=None
)


@contextlib.contextmanager
def collecting() -> Iterator[list]:
    """Collect the :class:`Grader` objects created inside the block, in order.

    The trusted grader (:mod:`wbcourse.grading.trusted`) writes their
    :meth:`Grader.records` next to the score of the test cell that made them.
    """
    graders: list[Grader] = []
    token = _collector.set(graders)
    try:
        yield graders
    finally:
        _collector.reset(token)


#: The name of the case that holds the example the notebook lets the student try.
EXAMPLE = "the example above"


def _sizes(value: Any) -> Any:
    """What a size-dependent answer depends on in ``value``: shapes, lengths and keys.

    Numbers, words and functions count only as such, so two inputs of the same sizes
    but other values have equal sizes.

    >>> _sizes([np.zeros((3, 2)), 0.5, [784, 32, 10]])
    ('list', (('array', (3, 2)), 'float', ('list', ('int', 'int', 'int'))))
    >>> _sizes({"W1": np.ones((2, 4))}) == _sizes({"W1": np.zeros((2, 4))})
    True
    """
    if isinstance(value, np.ndarray):
        return ("array", value.shape)
    if isinstance(value, list | tuple):
        return ("list", tuple(_sizes(item) for item in value))
    if isinstance(value, Mapping):
        return ("dict", tuple((key, _sizes(item)) for key, item in value.items()))
    return type(value).__name__


def _as_printed(text: str) -> str:
    """What the student's code printed, each line marked, without control characters (such as
    the escape sequences that colour or hide text).

    >>> print(_as_printed("  PASS  all\\x1b[38;2;255;255;255m\\n"))
      your code printed | PASS  all
    """
    plain = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", text)
    lines = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", plain).rstrip("\n").split("\n")
    return "\n".join(f"  your code printed | {line.strip()}" for line in lines)


def _one_line(message: str) -> str:
    """``message`` on one line: a student's text cannot pose as more rows of the table.

    >>> _one_line("ok.\\n  PASS  hidden: 4 random inputs\\n")
    'ok. / PASS  hidden: 4 random inputs'
    """
    return " / ".join(line.strip() for line in message.splitlines() if line.strip())


class Grader:
    """Collects the cases of one exercise and scores them for nbgrader.

    Parameters
    ----------
    exercise : str
        The exercise id, e.g. ``"01.1"``; its title, points and mistakes come from
        the :func:`oracle`.
    """

    def __init__(self, exercise: str):
        self.info = oracle().info(exercise)
        self.cases: list[_Case] = []
        collector = _collector.get()
        if collector is not None:
            collector.append(self)

    def case(
        self,
        check: Callable[[], None],
        name: str | None = None,
        *,
        hidden: bool = False,
        weight: float = 1.0,
    ) -> None:
        """Run ``check()``, which raises :class:`CheckFailed` (or anything) on failure."""
        case = _Case(self.info.id, name or f"case {len(self.cases) + 1}", hidden, weight)
        refused = (_refused.get() or {}).get(self.info.id)
        if refused:
            case.message, case.mistake = f"{LIBRARY.message} ({refused})", LIBRARY
            self.cases.append(case)
            return
        token = _current.set(case)
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed), _quiet() as (caught, stderr):
                check()
            require(not caught, f"warning: {caught[0].message}" if caught else "")
            require(not stderr.getvalue(), "the check wrote to stderr")
        except (CheckFailed, NameError) as raised:  # a NameError: a name the answer cell lacks
            failure = raised if isinstance(raised, CheckFailed) else self._missing(raised)
            case.message = _hidden_summary(failure) if hidden else str(failure)
            case.mistake = failure.mistake
        except Exception as error:  # a check that broke on what the answer cell left
            kind = _builtin_name(error, Exception)
            case.message = kind if hidden else f"{type(error).__name__}: {error}"
        finally:
            _current.reset(token)
            # What the student's code prints during a hidden case could show its inputs; a
            # visible case's print is shown marked as the student's, unable to pose as the table.
            if printed.getvalue() and not hidden:
                print(_as_printed(printed.getvalue()))
        self.cases.append(case)

    def _missing(self, error: NameError) -> CheckFailed:
        """A name the test cell needs: not answered yet, or never defined by the answer cell."""
        if self.info.id in (_unanswered.get() or ()):
            return CheckFailed(_NOT_ANSWERED)
        return UNDEFINED.fail(f"The message: {error}")

    def expect(
        self,
        function: Callable[..., Any],
        *args: Any,
        name: str | None = None,
        hidden: bool = False,
        weight: float = 1.0,
    ) -> None:
        """Add a case: ``function(*args)`` must equal the reference's answer.

        The arguments must come back unchanged; the evidence about the
        exercise's mistakes is kept for :meth:`diagnosis`.
        """
        self.case(lambda: self._check_answer(function, args), name, hidden=hidden, weight=weight)
        self.cases[-1].sizes = _sizes(args)

    def _check_answer(self, function: Callable[..., Any], args: Sequence[Any]) -> None:
        require(callable(function), f"expected a function, got {_describe(function)}.")
        answer = ask("reference", *args)
        require(origin(function) not in self.info.library, LIBRARY)
        got, mutated = call_checked(function, *_copies(args))
        if mutated:
            _current.get().note = f" Also, {MUTATED.name}: {MUTATED.hint}"
        if self.info.lists_for_arrays and isinstance(got, list | tuple):
            got = _as_array(got)
            require(
                isinstance(got, np.ndarray),
                "your output is a list that numpy cannot read as an array of numbers: its "
                "entries must be numbers, or rows of numbers all of one length.",
            )
        check_answer(got, answer, rtol=self.info.rtol, atol=self.info.atol)
        require(not mutated, MUTATED)

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

    def diagnosis(self) -> Diagnosis | None:
        """The mistake that explains the failures, named only on solid evidence.

        A mistake qualifies when, in every case that compared answers, the
        student's answer equals the mistake's wherever the case failed and the
        right one wherever it passed (so the mistake explains every failing case
        and contradicts no passing one), no failing case is left without such a
        comparison, and at least two failing comparisons tell the mistake apart
        from the right answer (a case where the mistake's answer is the right
        one is no evidence). Where the student's code raised, a mistake that raises the
        very same exception on those inputs explains the case (:func:`_raised_evidence`).
        Where a function returns several results, the mistake may show in some of
        them only (:data:`Match.IN_PART`). A mistake made in every result it
        changes wins over one made in part, then the best supported wins. A case
        that failed only for changing its inputs counts as right here: its answers
        were. A case whose check named its own mistake (the gradient is not the
        slope of the penalty) is left out: the mistake named here explains the others.
        """
        weighed = [case for case in self.cases if not _named_alone(case)]
        failing = [case for case in weighed if not case.values_right]
        if not failing or any(case.mistake or not case.compared for case in failing):
            return None
        best, best_rank = None, None
        for mistake in self.info.mistakes:
            support, consistent, whole = 0, True, True
            for case in weighed:
                seen = case.evidence.get(mistake.id, [])
                right = case.values_right
                if not right and len(seen) < case.compared:
                    consistent = False  # the mistake has no answer for a failing comparison
                for match, differs in seen:
                    if (right and differs) or (not right and not match):
                        consistent = False
                    support += int(not right and differs)
                    whole = whole and (right or match is Match.WHOLE)
            rank = (whole, support)
            if consistent and support >= 2 and (best_rank is None or rank > best_rank):
                best, best_rank = Diagnosis(mistake, support), rank
        return best

    def _messages(self) -> list[tuple[str, Mistake | None]]:
        named = self.diagnosis()
        unexplained = [case for case in self.cases if not (case.values_right or case.mistake)]
        # A course-wide resemblance is named only when it explains every such failing case,
        # and no mistake of the exercise's own is named.
        resembled = {case.resembles for case in unexplained}
        own = named or any(case.mistake in self.info.mistakes for case in self.cases)
        likely = resembled.pop() if len(resembled) == 1 and not own else None
        if not (own or likely) and self._example_only():
            likely = EXAMPLE_ONLY
        result = []
        for case in self.cases:
            if named and case in unexplained:
                result.append((named.mistake.message + case.note, named.mistake))
            elif likely and case in unexplained:
                result.append((f"{likely.message} {case.message}{case.note}", likely))
            else:
                note = case.note if case.mistake is None else ""
                result.append((case.message + note, case.mistake))
        return result

    def _example_only(self) -> bool:
        """Whether the answer is right on "the example above" only.

        The example passes, at least two other cases fail with no mistake named, and
        every other case that passes has the example's :func:`_sizes` (e.g. a network
        of as many layers), so no input unlike the example's comes out right.
        """
        example = next((case for case in self.cases if case.name == EXAMPLE), None)
        if example is None or not example.passed or example.sizes is None:
            return False
        others = [case for case in self.cases if case is not example]
        failing = [case for case in others if not case.passed]
        return (
            len(failing) >= 2
            and not any(case.mistake for case in failing)
            and all(case.sizes == example.sizes for case in others if case.passed)
        )

    @property
    def earned(self) -> float:
        """Points earned so far: the exercise's points times the passed share of the weight."""
        total = sum(case.weight for case in self.cases)
        passed = sum(case.weight for case in self.cases if case.passed)
        return round(self.info.points * passed / total, 2) if total else 0.0

    def report(self) -> str:
        """A table of the cases: PASS/FAIL, the case's name and, for failures, why."""
        passed = sum(case.passed for case in self.cases)
        lines = [
            f"{self.info.id} {self.info.title}: {passed} of {len(self.cases)} cases "
            f"passed, {self.earned:g} of {self.info.points:g} points"
        ]
        for case, (message, _) in zip(self.cases, self._messages(), strict=True):
            label = f"hidden: {case.name}" if case.hidden else case.name
            status = "PASS" if case.passed else "FAIL"
            lines.append(f"  {status}  {label}" + (f": {_one_line(message)}" if message else ""))
        return "\n".join(lines)

    def records(self) -> dict[str, Any]:
        """The exercise's outcome as plain data: points, diagnosis and one record per case."""
        named = self.diagnosis()
        return {
            "exercise": self.info.id,
            "title": self.info.title,
            "points": float(self.info.points),
            "earned": float(self.earned),
            "diagnosis": {"mistake": named.mistake.id, "support": named.support} if named else None,
            "cases": [
                {
                    "name": case.name,
                    "hidden": case.hidden,
                    "weight": case.weight,
                    "passed": case.passed,
                    "message": message,
                    "mistake": mistake.id if mistake else None,
                }
                for case, (message, mistake) in zip(self.cases, self._messages(), strict=True)
            ],
        }

    def score(self) -> float:
        """Print :meth:`report` and return the points earned, a plain float for nbgrader.

        Under nbgrader's *Validate* (``$NBGRADER_EXECUTION`` is ``validate``) the table
        of an exercise short of its points also goes to stderr, which Validate shows
        as the reason the cell failed (by itself it only says "Partial credit").
        """
        report = self.report()
        print(report)
        if self.earned < self.info.points and os.environ.get("NBGRADER_EXECUTION") == "validate":
            print(report, file=sys.stderr)
        return float(self.earned)


# ------------------------------------------------------------------ gradient checks


def require_dependence(slopes: Sequence[Any], what: str) -> None:
    """Raise :class:`CheckFailed` unless some finite-difference slope is not 0.

    A gradient check passes any function whose gradients are its slopes, so a
    constant (or one that ignores small changes of its inputs) with zero gradients
    would pass it while answering nothing.

    >>> require_dependence([np.zeros(3), np.array([0.0, 0.5])], "your loss")
    >>> require_dependence([np.zeros(3)], "your loss")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: your loss does not change when its inputs change, ...
    """
    require(
        any(np.any(np.abs(np.asarray(slope, dtype=float)) > 1e-10) for slope in slopes),
        f"{what} does not change when its inputs change, so its gradients cannot be checked "
        "against it (a constant with zero gradients passes every gradient check).",
    )


def objective_values(
    forward: Callable[..., Any],
    args: Sequence[Any],
    position: int,
    steps: Sequence[tuple[int, float]],
    dout: np.ndarray,
) -> list[float]:
    """``sum(forward(*args')[0] * dout)`` for each step: ``args[position].flat[index] += delta``.

    These are the function values a finite-difference check needs. A function of
    the student's notebook reached through :mod:`wbcourse.grading.remote` computes
    them in one request; a local one is called once per step. Nothing is
    reported: warnings and stderr of the nudged calls are not the student's fault.

    Examples
    --------
    >>> objective_values(lambda x: (x ** 2, None), [np.array([1.0, 2.0])], 0,
    ...                  [(0, 0.5), (1, -1.0)], np.ones(2))
    [6.25, 2.0]
    """
    remote = getattr(forward, "objectives", None)
    if remote:
        return remote(list(args), position, [list(step) for step in steps], dout)
    values, base = [], np.asarray(args[position], dtype=float)
    with _quiet():
        for index, delta in steps:
            trial = base.copy()
            trial.flat[index] += delta
            changed = [*args[:position], trial, *args[position + 1 :]]
            values.append(float(np.sum(np.asarray(forward(*changed)[0], dtype=float) * dout)))
    return values


def gradient_errors(
    forward: Callable[..., Any],
    backward: Callable[..., Any],
    inputs: Mapping[str, np.ndarray],
    rng: np.random.Generator,
    h: float = 1e-5,
    max_entries: int = 120,
    trusted: Callable[..., Any] | None = None,
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
        Draws the upstream gradient ``dout`` and, for inputs with more than
        ``max_entries`` entries, which entries are checked.
    h : float
        Step of the central differences.
    max_entries : int
        Most entries of one input that are checked (a random sample beyond it).
    trusted : callable, optional
        The course's forward pass: the central differences are taken of it, since a
        student's forward pass that answers nudged inputs differently could make them
        agree with any backward. ``forward`` gives the cache where it gives the
        course's output at ``inputs``; elsewhere the course's pass stands in for it.

    Returns
    -------
    dict of str to float
        For each input, ``max |analytic - numeric| / max(1e-8, |analytic| + |numeric|)``
        over the checked entries.
    """
    from wbcourse.gradcheck import rel_error

    names = list(inputs)
    values = [np.array(inputs[name], dtype=float) for name in names]
    out, cache = call_quietly(forward, *_copies(values))
    slopes = trusted or forward
    if trusted is not None:
        course_out, course_cache = trusted(*_copies(values))
        if not matches(out, course_out):  # a forward pass wrong here: the course's stands in
            out, cache = course_out, course_cache
    dout = rng.normal(size=np.shape(out))
    grads = call_quietly(backward, dout.copy(), cache)
    grads = grads if isinstance(grads, tuple | list) else (grads,)
    require(
        len(grads) == len(names),
        f"backward returned {len(grads)} gradients, expected {len(names)}: one per input "
        f"({', '.join(names)}), in that order.",
    )
    shapes, wanted = [np.shape(grad) for grad in grads], [value.shape for value in values]
    require(
        shapes == wanted or sorted(shapes) != sorted(wanted),
        GRADIENT_ORDER,
        f"Your gradients have the shapes {shapes}; d{', d'.join(names)} have {wanted}.",
    )
    errors, numerics = {}, []
    rows, columns = np.shape(out) if np.ndim(out) == 2 else (None, None)
    for position, (name, grad) in enumerate(zip(names, grads, strict=True)):
        per_column = values[position].shape == (columns,) and rows != columns
        require(
            not (per_column and np.shape(grad) == (rows,)),
            SUMMED_OVER_COLUMNS,
            f"d{name} has shape {np.shape(grad)}, one value per example; {name} has "
            f"{values[position].shape}, one per column.",
        )
        require(
            np.shape(grad) == values[position].shape,
            f"d{name} has shape {np.shape(grad)}, expected {values[position].shape} "
            f"(a gradient has the shape of what it differentiates).",
        )
        size = values[position].size
        entries = np.arange(size) if size <= max_entries else rng.choice(size, max_entries, False)
        steps = [(int(i), sign * h) for i in entries for sign in (1.0, -1.0)]
        found = objective_values(slopes, values, position, steps, dout)
        numeric = (np.array(found[0::2]) - np.array(found[1::2])) / (2 * h)
        analytic = np.asarray(grad, dtype=float).reshape(-1)[entries]
        errors[name] = rel_error(analytic, numeric)
        numerics.append(numeric)
    require_dependence(numerics, "your forward pass")
    return errors
