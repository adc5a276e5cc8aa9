"""Lesson 05, loss functions: the checks of large logits and of reading loss values.

The large-logit checks call the student's function on logits as large as 1000 and,
when it fails there, find out why by calling it again on the same logits in other
forms: each row shifted so that its maximum is 0, or 800 (neither changes the
answer); each row alone; everything scaled down. An overflowing ``exp``, a log of
a probability that rounded to 0, or one maximum for the whole batch are then named.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from wbcourse.checks import (
    CheckFailed,
    Mistake,
    ask,
    call_checked,
    check_answer,
    matches,
    require,
)
from wbcourse.mistakes import MUTATED

__all__ = [
    "GRAD_BATCH_MAX",
    "GRAD_NAIVE",
    "LOSS_BATCH_MAX",
    "LOSS_LOG_OF_ZERO",
    "LOSS_NAIVE",
    "TAME",
    "check_grad_large_logits",
    "check_loss_large_logits",
    "check_reading",
    "large_logit_probes",
]

#: The large-logit checks also try the logits divided by this: small enough for any method.
TAME = 100.0

_SHIFT_HINT = (
    "shifting every logit of a row by the same number does not change the softmax: "
    "subtract each row's own maximum first (axis=1, keepdims=True), so that the largest "
    "exponent is 0."
)
LOSS_NAIVE = Mistake(
    "05.2/naive",
    "naive softmax overflows",
    "np.exp of a logit near 1000 is inf, and inf / inf is nan; " + _SHIFT_HINT,
)
GRAD_NAIVE = Mistake(
    "05.3/naive",
    "naive softmax overflows",
    "np.exp of a logit near 1000 is inf, and inf / inf is nan; use the stable softmax, or "
    + _SHIFT_HINT,
)
LOSS_LOG_OF_ZERO = Mistake(
    "05.2/log-of-zero",
    "took the log of a probability that rounded to 0",
    "softmax of very different logits gives exp(-2000) = 0.0 in floating point, and "
    "log(0) = -inf: compute the log-probabilities directly from the shifted logits, "
    "z - max - log(sum(exp(z - max))), without exp then log.",
)
_BATCH_MAX_HINT = (
    "a row far below the batch's largest logit then has every exponent far below 0, exp "
    "underflows to 0 in the whole row, and log(0) = -inf: subtract each row's own "
    "maximum (axis=1, keepdims=True)."
)
LOSS_BATCH_MAX = Mistake(
    "05.2/batch-max", "shifted every row by one batch-wide maximum", _BATCH_MAX_HINT
)
GRAD_BATCH_MAX = Mistake(
    "05.3/batch-max",
    "shifted every row by one batch-wide maximum",
    _BATCH_MAX_HINT.replace("and log(0) = -inf", "and 0 / 0 is nan"),
)


def large_logit_probes(function: Callable[..., Any], logits, y) -> dict:
    """The right answers a large-logit check compares the probing calls with.

    Parameters
    ----------
    function : callable
        The right answer, ``function(logits, y)``.
    logits : ndarray, shape (N, C)
    y : ndarray of int, shape (N,)

    Returns
    -------
    dict
        ``"tame"``: the answer for ``logits / TAME``; ``"rows"``: the answer for
        each row alone, a batch of 1. (For the logits with every row shifted by its
        own maximum the answer is the same as for ``logits``.)
    """
    logits, y = np.asarray(logits, dtype=float), np.asarray(y)
    return {
        "tame": function(logits / TAME, y),
        "rows": [function(logits[i : i + 1], y[i : i + 1]) for i in range(len(y))],
    }


def _call(function: Callable[..., Any], *args: Any) -> tuple[Any, list[str]]:
    """``function(*args)`` as :func:`~wbcourse.checks.call_checked` calls it; also its warnings.

    Raises :class:`~wbcourse.checks.CheckFailed` for an exception, stderr output or
    a changed argument; the warnings are returned, not raised.
    """
    remote = getattr(function, "call_checked", None)

    def noted(*inner: Any) -> tuple[Any, bool, list[str]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with np.errstate(all="warn", under="ignore"):
                result, mutated = remote(*inner) if remote else (function(*inner), False)
        return result, mutated, [str(warning.message) for warning in caught]

    (result, mutated_remotely, messages), mutated = call_checked(noted, *args)
    require(not (mutated or mutated_remotely), MUTATED)
    return result, messages


def _right(function: Callable[..., Any], args: tuple, expected: Any) -> bool:
    """Whether ``function(*args)`` gives ``expected`` without warnings or errors."""
    try:
        got, messages = _call(function, *args)
    except CheckFailed:
        return False
    return not messages and matches(got, expected)


def _overflows(function: Callable[..., Any], *args: Any) -> bool:
    """Whether ``function(*args)`` warns of an overflow."""
    try:
        _, messages = _call(function, *args)
    except CheckFailed:
        return False
    return any("overflow" in message for message in messages)


#: The largest logit of every row in the overflow probe: exp of it is inf.
_RAISED = 800.0


@dataclass(frozen=True)
class _Names:
    naive: Mistake
    batch_max: Mistake
    log_of_zero: Mistake | None = None


def _check_large(function: Callable[..., Any], logits, y, names: _Names) -> None:
    logits, y = np.array(logits, dtype=float), np.array(y)
    answer = ask("reference", logits, y)
    probes = ask("probes", logits, y)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    got, messages = _call(function, logits.copy(), y.copy())
    said = f" numpy warned: {messages[0]}" if messages else ""
    if any("overflow" in message for message in messages):
        raise names.naive.fail(f"On these logits:{said}")
    if matches(got, answer.expected):
        require(not messages, "your code warned.", said.strip())
        return
    shifted = logits - logits.max(axis=1, keepdims=True)
    if _overflows(function, shifted + _RAISED, y.copy()):
        raise names.naive.fail(
            "With every row shifted so that its largest logit is "
            f"{_RAISED:g} (which changes nothing), np.exp overflowed."
        )
    if _right(function, (logits / TAME, y.copy()), probes["tame"]):
        rows = zip(logits, y, probes["rows"], strict=True)
        alone = all(
            _right(function, (row[None, :], label[None]), want) for row, label, want in rows
        )
        printed = np.array2string(np.asarray(got), precision=4, separator=", ")
        shows = f" Your answer: {printed.replace(chr(10), '')}.{said}"
        if _right(function, (shifted, y.copy()), answer.expected):
            raise (names.batch_max if alone else names.naive).fail(
                "Right on smaller logits and on these with each row shifted by its own "
                "maximum, wrong on these." + shows
            )
        non_finite = not np.all(np.isfinite(np.asarray(got, dtype=float)))
        if names.log_of_zero and (non_finite or any("divide" in m for m in messages)):
            raise names.log_of_zero.fail("Right on smaller logits, wrong on these." + shows)
    check_answer(got, answer)
    require(not messages, "your code warned.", said.strip())


def check_loss_large_logits(function: Callable[..., Any], logits, y) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function`` is the right loss, quietly.

    For exercise 05.2 (softmax cross-entropy) on large logits. A failure is
    named when its cause shows: an overflow, a log of a probability that
    rounded to 0, or one maximum for the whole batch (see the module's text).

    Parameters
    ----------
    function : callable
        The student's ``softmax_cross_entropy(logits, y)``.
    logits : ndarray, shape (N, C)
    y : ndarray of int, shape (N,)

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> def naive(logits, y):
    ...     p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    ...     return float(-np.mean(np.log(p[np.arange(len(y)), y])))
    >>> grader = Grader("05.2")
    >>> big, labels = np.array([[1000.0, 10.0, -5.0]]), np.array([0])
    >>> grader.case(lambda: check_loss_large_logits(naive, big, labels), "large logits")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    05.2 softmax_cross_entropy: 0 of 1 cases passed, 0 of 3 points
      FAIL  large logits: naive softmax overflows: np.exp of a logit near 1000 is inf, ...
    """
    _check_large(function, logits, y, _Names(LOSS_NAIVE, LOSS_BATCH_MAX, LOSS_LOG_OF_ZERO))


def check_grad_large_logits(function: Callable[..., Any], logits, y) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function`` is the right gradient.

    For exercise 05.3 (the gradient of softmax cross-entropy) on large logits;
    an overflow or one maximum for the whole batch are named.

    Parameters
    ----------
    function : callable
        The student's ``softmax_cross_entropy_grad(logits, y)``.
    logits : ndarray, shape (N, C)
    y : ndarray of int, shape (N,)

    Examples
    --------
    >>> from wbcourse.activations import softmax
    >>> from wbcourse.checks import Grader
    >>> def batch_max(logits, y):
    ...     e = np.exp(logits - logits.max())
    ...     return (e / e.sum(axis=1, keepdims=True) - np.eye(logits.shape[1])[y]) / len(y)
    >>> grader = Grader("05.3")
    >>> far_apart = np.array([[1000.0, 0.0, 0.0], [-1000.0, -900.0, -800.0]])
    >>> grader.case(lambda: check_grad_large_logits(batch_max, far_apart, np.array([0, 1])))
    >>> grader.records()["cases"][0]["mistake"]
    '05.3/batch-max'
    """
    _check_large(function, logits, y, _Names(GRAD_NAIVE, GRAD_BATCH_MAX))


def check_reading(name: str, function: Callable[..., Any], value: float) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function(value)`` is the reading.

    Exercise 05.4 asks for three functions (``uniform_loss``,
    ``probability_for_loss``, ``confident_mistake_loss``); each answer must be
    within 0.01% of the right value, and is compared with the known wrong readings.

    Parameters
    ----------
    name : str
        The function's name, also the question asked of the oracle.
    function : callable
        The student's function of one number.
    value : float
        Its argument.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("05.4")
    >>> grader.case(lambda: check_reading("uniform_loss", lambda c: np.log(c), 10), "C = 10")
    >>> grader.case(lambda: check_reading("uniform_loss", lambda c: 1 / c, 4), "C = 4")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    05.4 Reading cross-entropy values: 1 of 2 cases passed, 1.5 of 3 points
      PASS  C = 10
      FAIL  C = 4: uniform_loss(4) is the wrong value. ...
    """
    answer = ask(name, value)
    require(callable(function), f"{name} must be a function, got {type(function).__name__}.")
    got, _ = call_checked(function, value)
    check_answer(got, answer, name=f"{name}({value:g})", rtol=1e-4)
