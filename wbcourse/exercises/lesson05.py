"""Lesson 05, loss functions: binary and softmax cross-entropy, its gradient, reading losses."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from wbcourse import losses
from wbcourse.checks import CheckFailed, Mistake, compare, require
from wbcourse.exercises import exercise

__all__ = ["check_large_logits", "check_reading"]


# ---------------------------------------------------------------- 05.1 binary cross-entropy


def _bce_terms(p, y) -> np.ndarray:
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    return y * np.log(p) + (1 - y) * np.log(1 - p)


def _binary_cross_entropy(p, y) -> float:
    """Mean binary cross-entropy of probabilities ``p`` (N,) against 0/1 labels ``y`` (N,).

    Examples
    --------
    >>> round(_binary_cross_entropy(np.array([0.9, 0.2]), np.array([1, 0])), 4)
    0.1643
    """
    return losses.binary_cross_entropy(np.asarray(p, dtype=float), np.asarray(y, dtype=float))[0]


exercise(
    id="05.1",
    title="binary_cross_entropy",
    points=2,
    reference=_binary_cross_entropy,
    mistakes=(
        Mistake(
            "forgot the minus sign",
            "the log of a probability is negative or 0; the loss puts a minus in front so "
            "that it is positive and grows as the prediction gets worse.",
            lambda p, y: float(np.mean(_bce_terms(p, y))),
        ),
        Mistake(
            "summed instead of taking the mean",
            "the loss is the mean over the N examples, so that it does not grow with the "
            "batch size.",
            lambda p, y: float(-np.sum(_bce_terms(p, y))),
        ),
        Mistake(
            "left out the (1 - y) term",
            "for an example with label 0 the loss must look at the probability of class 0, "
            "1 - p; your loss ignores those examples.",
            lambda p, y: float(-np.mean(np.asarray(y) * np.log(p))),
        ),
        Mistake(
            "swapped p and 1 - p",
            "p is the probability of class 1, so it goes with y, and 1 - p goes with 1 - y.",
            lambda p, y: float(-np.mean(_bce_terms(1 - np.asarray(p, dtype=float), y))),
        ),
        Mistake(
            "used log base 10",
            "cross-entropy uses the natural logarithm, np.log.",
            lambda p, y: float(-np.mean(_bce_terms(p, y)) / np.log(10)),
        ),
    ),
    library_versions=(losses.binary_cross_entropy, losses.binary_cross_entropy_with_logits),
)


# ---------------------------------------------------------------- 05.2 softmax cross-entropy


def _log_softmax(logits) -> np.ndarray:
    logits = np.asarray(logits, dtype=float)
    return logits - losses.log_sum_exp(logits)[:, None]


def _picked(logits, y) -> np.ndarray:
    return _log_softmax(logits)[np.arange(len(y)), np.asarray(y)]


def _softmax_cross_entropy(logits, y) -> float:
    """Mean softmax cross-entropy of logits (N, C) against integer labels (N,).

    Examples
    --------
    >>> round(_softmax_cross_entropy(np.array([[2.0, 0.0, 0.0]]), np.array([0])), 4)
    0.2395
    """
    return losses.softmax_cross_entropy(np.asarray(logits, dtype=float), y)[0]


def _onehot(y, n_classes: int) -> np.ndarray:
    return np.eye(n_classes)[np.asarray(y)]


exercise(
    id="05.2",
    title="softmax_cross_entropy",
    points=3,
    reference=_softmax_cross_entropy,
    mistakes=(
        Mistake(
            "summed over the batch instead of taking the mean",
            "the loss is the mean over the N examples (rows), not their sum.",
            lambda logits, y: float(-np.sum(_picked(logits, y))),
        ),
        Mistake(
            "forgot the minus sign",
            "log-probabilities are negative; the loss is minus their mean.",
            lambda logits, y: float(np.mean(_picked(logits, y))),
        ),
        Mistake(
            "indexed with logits[:, y]",
            "logits[:, y] picks the columns y for EVERY row, an (N, N) array; each row i "
            "needs only its own column y[i]: index rows and columns together.",
            lambda logits, y: float(-np.mean(_log_softmax(logits)[:, np.asarray(y)])),
        ),
        Mistake(
            "treated the integer labels as one-hot",
            "y holds class numbers (0, 1, 2, ...), one per example, not one-hot rows: "
            "multiplying by y mixes up the classes. Pick each row's log-probability at "
            "column y[i], or build the one-hot matrix first.",
            lambda logits, y: float(-np.mean(np.sum(np.asarray(y) * _log_softmax(logits), axis=1))),
        ),
        Mistake(
            "averaged over all N x C entries",
            "with a one-hot matrix, np.mean over the whole (N, C) array also divides by the "
            "number of classes C; sum over the classes, then average over the examples.",
            lambda logits, y: float(
                -np.mean(_onehot(y, np.shape(logits)[1]) * _log_softmax(logits))
            ),
        ),
        Mistake(
            "forgot the log",
            "cross-entropy is minus the mean LOG-probability of the true class, not the "
            "probability itself.",
            lambda logits, y: float(-np.mean(np.exp(_picked(logits, y)))),
        ),
    ),
    library_versions=(losses.softmax_cross_entropy,),
)


def check_large_logits(exercise_id: str, function: Callable, logits, y) -> None:
    """Raise :class:`CheckFailed` unless ``function(logits, y)`` is right and warning-free.

    Meant for large logits, where a naive softmax overflows (``exp(1000)`` is
    ``inf``) and ``log`` of a probability that rounded to 0 is ``-inf``: both are
    named.

    Parameters
    ----------
    exercise_id : str
        The exercise whose reference gives the right answer, e.g. ``"05.2"``.
    function : callable
        The student's ``f(logits, y)``.
    logits : ndarray, shape (N, C)
    y : ndarray of int, shape (N,)

    Examples
    --------
    >>> big = np.array([[1000.0, 0.0, -1000.0]])
    >>> check_large_logits("05.2", lambda z, y: _softmax_cross_entropy(z, y), big, np.array([2]))
    >>> def naive(logits, y):
    ...     p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    ...     return float(-np.mean(np.log(p[np.arange(len(y)), y])))
    >>> check_large_logits("05.2", naive, big, np.array([2]))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: naive softmax overflows: ...
    """
    # underflow (exp(-2000) == 0.0) is harmless and expected in a stable softmax
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        try:
            got = function(np.array(logits, dtype=float), np.array(y))
        except NotImplementedError:
            raise CheckFailed(
                "not answered yet: replace `raise NotImplementedError()` with your code."
            ) from None
        except Exception as error:  # the student's bug, reported as a message
            raise CheckFailed(f"your code raised {type(error).__name__}: {error}") from None
    messages = [str(warning.message) for warning in caught]
    if any("overflow" in message for message in messages):
        raise CheckFailed(
            "naive softmax overflows: np.exp of a logit near 1000 is inf, and inf / inf is "
            "nan. Shifting every logit of a row by the same number does not change the "
            "softmax: shift by the row's maximum first (the log-sum-exp trick)."
        )
    if any("divide by zero" in message for message in messages):
        raise CheckFailed(
            "took the log of a probability that rounded to 0: softmax of very different "
            "logits gives exp(-2000) = 0.0 in floating point, and log(0) = -inf. Compute "
            "the log-probabilities directly from the shifted logits, without exp then log."
        )
    require(not messages, f"your code warned: {messages[0] if messages else ''}")
    from wbcourse.exercises import get_exercise

    reference = get_exercise(exercise_id).reference
    with np.errstate(under="ignore"):
        expected = reference(np.array(logits, dtype=float), np.array(y))
    got_array = np.asarray(got, dtype=float)
    require(
        bool(np.all(np.isfinite(got_array))),
        "your answer contains nan or inf for large logits: a naive softmax overflows or "
        "underflows there; use the log-sum-exp trick.",
    )
    compare(got, expected)


# ---------------------------------------------------------------- 05.3 its gradient


def _softmax_cross_entropy_grad(logits, y) -> np.ndarray:
    """Gradient of the mean softmax cross-entropy w.r.t. the logits: (softmax - onehot) / N.

    Examples
    --------
    >>> _softmax_cross_entropy_grad(np.array([[0.0, 0.0]]), np.array([1]))
    array([[ 0.5, -0.5]])
    """
    return losses.softmax_cross_entropy(np.asarray(logits, dtype=float), y)[1]


def _probabilities(logits) -> np.ndarray:
    return np.exp(_log_softmax(logits))


def _subtract_columns(logits, y):
    probs = _probabilities(logits)
    probs[:, np.asarray(y)] -= 1.0
    return probs / len(probs)


exercise(
    id="05.3",
    title="softmax_cross_entropy_grad",
    points=3,
    reference=_softmax_cross_entropy_grad,
    mistakes=(
        Mistake(
            "forgot to divide by N",
            "the loss is a mean over the N examples, so each example's gradient is "
            "divided by N too (the missing 1/N).",
            lambda logits, y: _probabilities(logits) - _onehot(y, np.shape(logits)[1]),
        ),
        Mistake(
            "forgot to subtract the one-hot labels",
            "the gradient is the predicted probabilities minus the target "
            "probabilities: the true class's entry gets -1 before dividing by N.",
            lambda logits, y: _probabilities(logits) / len(logits),
        ),
        Mistake(
            "wrong sign",
            "you computed (onehot - softmax) / N; raising the true class's logit must "
            "LOWER the loss, so its gradient entry is negative.",
            lambda logits, y: (
                (_onehot(y, np.shape(logits)[1]) - _probabilities(logits)) / len(logits)
            ),
        ),
        Mistake(
            "subtracted 1 in whole columns (p[:, y] -= 1)",
            "p[:, y] selects the columns y in EVERY row; each row i gets -1 only in its "
            "own column y[i]: index rows and columns together.",
            _subtract_columns,
        ),
        Mistake(
            "subtracted 1 from every entry",
            "only the true class's entry of each row gets -1 (the one-hot target), not "
            "every entry.",
            lambda logits, y: (_probabilities(logits) - 1.0) / len(logits),
        ),
    ),
    library_versions=(losses.softmax_cross_entropy,),
)


# ---------------------------------------------------------------- 05.4 reading losses


def _uniform(n_classes):
    return np.log(n_classes)


def _probability(loss):
    return np.exp(-loss)


_CONFIDENT_MISTAKE = -np.log(1 - 0.999)

# name -> (expected(*args), [(wrong(*args), message), ...])
_READINGS = {
    "uniform_loss": (
        _uniform,
        [
            (lambda c: np.log10(c), "used log base 10: cross-entropy uses the natural log."),
            (
                lambda c: 1 / c,
                "1 / C is the probability each class gets, not the loss; the loss is "
                "-log of the true class's probability.",
            ),
            (lambda c: -np.log(c), "forgot the minus sign: a loss is never negative."),
            (
                lambda c: np.log(c) * c,
                "summed over the classes: only the true class's probability enters the loss.",
            ),
        ],
    ),
    "probability_for_loss": (
        _probability,
        [
            (lambda s: 10.0**-s, "used log base 10: undo the natural log with np.exp."),
            (lambda s: np.exp(s), "forgot the minus sign: a probability is at most 1."),
            (lambda s: -np.log(s) if s > 0 else np.inf, "applied -log again; undo it instead."),
            (lambda s: 1 - np.exp(-s), "that is the probability of the OTHER classes together."),
        ],
    ),
    "confident_mistake_loss": (
        lambda: _CONFIDENT_MISTAKE,
        [
            (
                lambda: -np.log(0.999),
                "used -log(0.999): the label is 0, so the loss looks at the probability of "
                "class 0, which is 1 - 0.999.",
            ),
            (
                lambda: 0.999**2,
                "that is the squared error (0.999 - 0)^2; cross-entropy is -log of the "
                "probability given to the true class.",
            ),
            (lambda: -np.log10(0.001), "used log base 10: cross-entropy uses the natural log."),
            (lambda: np.log(0.001), "forgot the minus sign: a loss is never negative."),
        ],
    ),
}


def check_reading(name: str, answer, *args) -> None:
    """Raise :class:`CheckFailed` unless ``answer`` is the right reading ``name``.

    ``answer`` is a number, or for the readings with arguments (``uniform_loss``
    and ``probability_for_loss``) a function called with ``args``. The answer
    must be within 0.1% of the expected value; known wrong readings are named.

    Parameters
    ----------
    name : {"uniform_loss", "probability_for_loss", "confident_mistake_loss"}
    answer : float or callable
    *args : float
        The arguments for a function answer.

    Examples
    --------
    >>> check_reading("uniform_loss", lambda n: np.log(n), 10)
    >>> check_reading("uniform_loss", lambda n: np.log10(n), 10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: uniform_loss: used log base 10: ...
    """
    from wbcourse.checks import call_quietly

    expected_fn, wrongs = _READINGS[name]
    if args:
        require(callable(answer), f"{name} must be a function, got {type(answer).__name__}.")
        value = call_quietly(answer, *args)
    else:
        value = answer
    try:
        number = float(np.asarray(value, dtype=float).reshape(-1)[0])
        require(np.size(value) == 1, "")
    except (TypeError, ValueError, IndexError, CheckFailed):
        raise CheckFailed(f"{name} must give one number, got {value!r}.") from None
    expected = float(expected_fn(*args))
    if np.isclose(number, expected, rtol=1e-3, atol=1e-9):
        return
    where = f"{name}({', '.join(f'{a:g}' for a in args)})" if args else name
    for wrong, message in wrongs:
        with np.errstate(all="ignore"):
            wrong_value = float(wrong(*args))
        if np.isfinite(wrong_value) and np.isclose(number, wrong_value, rtol=1e-3, atol=1e-9):
            raise CheckFailed(f"{name}: {message}", f"({where} gave {number:.4g}.)")
    raise CheckFailed(
        f"{name} is not right.", f"{where} gave {number:.4g}, expected {expected:.4g}."
    )


exercise(
    id="05.4",
    title="reading cross-entropy values",
    points=3,
    reference=check_reading,
    named_by_checks=(
        "log base 10 instead of the natural log",
        "forgot the minus sign",
        "the probability instead of the loss (1 / C)",
        "used the probability of the wrong class (p instead of 1 - p)",
        "the squared error instead of cross-entropy",
    ),
)
