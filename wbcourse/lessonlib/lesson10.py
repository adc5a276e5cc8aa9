"""Lesson 10, overfitting and regularization: the checks of the L2 penalty and of dropout.

Exercise 10.1's checks compare the student's ``(penalty, grads)`` with the
reference's, part by part, and check that the gradient is the slope of the
student's own penalty. Exercise 10.4's checks test inverted dropout by its
properties (the values, the keep rate, the expectation, fresh masks drawn from
``rng``, test mode), never by one seed's output. The mistakes these checks name
by logic are here too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np

from wbcourse.checks import (
    Mistake,
    ask,
    call_checked,
    call_quietly,
    check_answer,
    require,
    require_dependence,
)
from wbcourse.mistakes import MUTATED, CheckFailed
from wbcourse.oracle import Answer

__all__ = [
    "BIAS_GRAD_NUMBER",
    "DROP_AT_TEST",
    "FLIPPED",
    "GLOBAL_RNG",
    "NOT_SLOPE",
    "NO_BIAS_GRADS",
    "NO_RESCALE",
    "ONE_DRAW",
    "PENALTY_FORM",
    "RESCALE_AT_TEST",
    "SAME_MASK",
    "SHARED_MASK",
    "SIGN",
    "TIMES_KEEP",
    "TUPLE",
    "check_dropout_expectation",
    "check_dropout_fresh_masks",
    "check_dropout_keep_rate",
    "check_dropout_test_mode",
    "check_dropout_uses_rng",
    "check_dropout_values",
    "check_penalty",
    "check_penalty_slope",
]

# ---------------------------------------------------------------- 10.1 l2_penalty

PENALTY_FORM = Mistake(
    "10.1/form",
    "did not return (penalty, grads)",
    "return two things, in this order: the penalty, one number, and grads, a new dict with "
    "a gradient for every key of params.",
)
NO_BIAS_GRADS = Mistake(
    "10.1/no-bias-grads",
    "left the biases out of grads",
    "grads needs every key of params, so that it can be added to the loss gradients key by "
    "key; a bias is not penalised, so what is the gradient of the penalty with respect to it?",
)
BIAS_GRAD_NUMBER = Mistake(
    "10.1/bias-grad-number",
    "a bias's gradient given as one number, not an array",
    "the penalty does not change with a bias, so its gradient is 0 in every entry: an array "
    "of zeros with the bias's shape, np.zeros_like(b), which the loss's gradient can be "
    "added to entry by entry.",
)
SIGN = Mistake(
    "10.1/sign",
    "gradient with the wrong sign",
    "your grads point downhill, exactly against the slope of your penalty; a gradient points "
    "uphill, towards larger penalties. The minus sign belongs to the update step, not to the "
    "gradient.",
)
NOT_SLOPE = Mistake(
    "10.1/not-slope",
    "the gradient is not the slope of your own penalty",
    "nudging a parameter changes your penalty at another rate than your grads say, so the "
    "penalty and the gradient do not belong together: differentiate your penalty term by term "
    "and compare the factors (the 1/2, lam) and the keys each one covers.",
)


def _penalty_result(result: Any, params: dict) -> tuple[float, dict]:
    """The student's ``(penalty, grads)`` as a float and a dict of float arrays, or a failure."""
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        PENALTY_FORM,
        f"Got {type(result).__name__}"
        + (f" of length {len(result)}." if isinstance(result, tuple | list) else "."),
    )
    penalty, grads = result
    require(
        np.ndim(penalty) == 0 and np.isrealobj(penalty) and not isinstance(penalty, str | dict),
        PENALTY_FORM,
        f"The penalty is a {type(penalty).__name__} of shape {np.shape(penalty)}, not a number.",
    )
    require(isinstance(grads, dict), PENALTY_FORM, f"grads is a {type(grads).__name__}.")
    missing = [key for key in params if key not in grads]
    require(
        not missing or any(key.startswith("W") for key in missing),
        NO_BIAS_GRADS,
        f"grads has the keys {sorted(grads)}; params has {sorted(params)}.",
    )
    require(
        not missing,
        "grads is missing keys of params; it needs every one of them (all the layers).",
        f"Missing: {missing}.",
    )
    extra = [key for key in grads if key not in params]
    require(not extra, "grads has keys that params does not have.", f"Extra: {extra}.")
    for key, value in params.items():
        require(
            np.ndim(grads[key]) != 0 or key.startswith("W") or np.shape(value) == (),
            BIAS_GRAD_NUMBER,
            f"grads[{key!r}] is {grads[key]!r:.40}, params[{key!r}] has shape {np.shape(value)}.",
        )
        require(
            np.shape(grads[key]) == np.shape(value),
            "a gradient has another shape than its parameter (a gradient has the shape of what "
            "it differentiates).",
            f"grads[{key!r}] has shape {np.shape(grads[key])}, params[{key!r}] {np.shape(value)}.",
        )
    try:
        arrays = {key: np.asarray(grads[key], dtype=float) for key in params}
        return float(penalty), arrays
    except (TypeError, ValueError):
        raise CheckFailed("the penalty and every gradient must be numeric.") from None


def _part(answer: Answer, position: int) -> Answer:
    """The ``position``-th part of a ``(penalty, grads)`` answer, with the mistakes' parts."""
    return Answer(
        answer.expected[position],
        tuple((mistake, wrong[position]) for mistake, wrong in answer.mistakes),
    )


def check_penalty(function: Callable[..., Any], params: dict, lam: float) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function(params, lam)`` is right.

    The result must be ``(penalty, grads)`` with ``grads`` keyed and shaped like
    ``params``; the penalty and then the gradients are compared with exercise
    10.1's reference (a wrong part is compared with the known mistakes, see
    :func:`~wbcourse.checks.check_answer`), and ``params`` must come back unchanged.

    Parameters
    ----------
    function : callable
        The student's ``l2_penalty(params, lam) -> (penalty, grads)``.
    params : dict of ndarray
        ``{"W1": (D_0, D_1), "b1": (D_1,), ...}``.
    lam : float
        The penalty's strength.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([5.0, 5.0])}
    >>> def l2(params, lam):
    ...     W, b = params["W1"], params["b1"]
    ...     return lam / 2 * np.sum(W**2), {"W1": lam * W, "b1": 0 * b}
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("10.1")
    >>> grader.case(lambda: check_penalty(l2, params, 0.1), "right")
    >>> grader.case(lambda: check_penalty(lambda p, lam: lam, params, 0.1), "a number")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    10.1 l2_penalty: 1 of 2 cases passed, 1.5 of 3 points
      PASS  right
      FAIL  a number: did not return (penalty, grads): ... Got float.
    """
    answer = ask("reference", params, lam)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    got, mutated = call_checked(function, copy.deepcopy(params), lam)
    penalty, grads = _penalty_result(got, params)
    try:
        check_answer(penalty, _part(answer, 0), "the penalty")
        check_answer(grads, _part(answer, 1), "grads")
    except CheckFailed as failure:
        if not mutated:
            raise
        also = f" Also, {MUTATED.name}: {MUTATED.hint}"
        raise CheckFailed(failure.summary + also, failure.detail, failure.mistake) from None
    require(not mutated, MUTATED, "params or one of its arrays came back changed.")


def check_penalty_slope(function: Callable[..., Any], params: dict, lam: float, h=1e-6) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function``'s gradient is the slope
    of its own penalty.

    Every entry of every parameter is nudged by ``+h`` and ``-h``; the change of
    the penalty, divided by ``2 h``, must equal the returned gradient (central
    differences). Any consistent pair passes, right or wrong; a gradient that is
    exactly the opposite of the slope is named.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([5.0, 5.0])}
    >>> def consistent(p, lam):  # no 1/2, but the gradient matches
    ...     return lam * np.sum(p["W1"] ** 2), {"W1": 2 * lam * p["W1"], "b1": 0 * p["b1"]}
    >>> check_penalty_slope(consistent, params, 0.1)
    >>> def inconsistent(p, lam):
    ...     return lam * np.sum(p["W1"] ** 2), {"W1": lam * p["W1"], "b1": 0 * p["b1"]}
    >>> check_penalty_slope(inconsistent, params, 0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the gradient is not the slope of your own penalty: ...
    """
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    base = {key: np.array(value, dtype=float) for key, value in params.items()}
    _, grads = _penalty_result(call_quietly(function, copy.deepcopy(base), lam), base)
    slopes = []
    for key, value in base.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            values = []
            for step in (h, -h):
                trial = copy.deepcopy(base)
                trial[key][index] += step
                values.append(_penalty_result(call_quietly(function, trial, lam), base)[0])
            numeric[index] = (values[0] - values[1]) / (2 * h)
        slopes.append(numeric)
        if np.allclose(grads[key], numeric, rtol=1e-4, atol=1e-6):
            continue
        detail = (
            f"For {key}: your grads say {np.round(grads[key].ravel()[:4], 4).tolist()}..., the "
            f"slope of your penalty is {np.round(numeric.ravel()[:4], 4).tolist()}..."
        )
        downhill = np.allclose(grads[key], -numeric, rtol=1e-4, atol=1e-6)
        raise (SIGN if downhill else NOT_SLOPE).fail(detail)
    if lam:
        require_dependence(slopes, "your penalty")


# ---------------------------------------------------------------- 10.4 dropout_forward

NO_RESCALE = Mistake(
    "10.4/no-rescale",
    "no rescaling",
    "the kept units come out unchanged, so the layer's output shrinks to keep_prob of its "
    "size on average; inverted dropout makes the kept units larger, so that the expected "
    "value stays the same.",
)
TIMES_KEEP = Mistake(
    "10.4/times-keep",
    "multiplied the kept units by keep_prob instead of dividing",
    "that shrinks the output even more; by what factor must a unit kept with probability "
    "keep_prob grow so that its expected value stays the same?",
)
FLIPPED = Mistake(
    "10.4/flipped",
    "treated keep_prob as the probability of dropping",
    "keep_prob is the probability of KEEPING a unit: check that both the share of units you "
    "keep and the factor the kept ones grow by come from keep_prob, not from 1 - keep_prob.",
)
SAME_MASK = Mistake(
    "10.4/same-mask",
    "the same mask at every call",
    "two calls dropped exactly the same units: a generator seeded inside your function "
    "starts over at every call. Draw the mask from the rng argument.",
)
SHARED_MASK = Mistake(
    "10.4/shared-mask",
    "one mask shared by every example (or by every unit)",
    "each entry of A is kept or dropped on its own: draw the mask with A's whole shape, "
    "rng.random(A.shape), not one row or one column that broadcasts over the others.",
)
GLOBAL_RNG = Mistake(
    "10.4/ignores-rng",
    "did not use the rng argument",
    "two generators in the same state gave different masks, so the randomness came from "
    "elsewhere (np.random?); draw the mask with the rng you are given, so that a seeded run "
    "can be repeated.",
)
RESCALE_AT_TEST = Mistake(
    "10.4/test-rescale",
    "rescaled at test time",
    "with inverted dropout all the rescaling happens during training, so at test time "
    "(training=False) the layer returns its input unchanged.",
)
DROP_AT_TEST = Mistake(
    "10.4/test-drop",
    "dropped units at test time",
    "with training=False nothing is dropped: the whole network is used, unchanged.",
)
ONE_DRAW = Mistake(
    "10.4/one-draw",
    "kept or dropped the whole array at once",
    "every unit is kept or dropped on its own: draw one random number per entry, an array of "
    "the shape of A, not a single number for the whole layer.",
)
TUPLE = Mistake(
    "10.4/tuple",
    "returned more than the output",
    "return only the output array, of the shape of A; the mask stays inside the function here.",
)


def _dropout_output(function, A, keep_prob, rng, *training) -> np.ndarray:
    """The student's dropout of a copy of ``A``, checked for its form and for ``A`` unchanged."""
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    out, mutated = call_checked(function, A.copy(), keep_prob, rng, *training)
    require(not mutated, MUTATED, "A came back changed.")
    require(not isinstance(out, tuple | list), TUPLE, f"Got a {type(out).__name__}.")
    require(
        isinstance(out, np.ndarray) and out.shape == A.shape,
        "the output must be an array of the input's shape.",
        f"A has shape {A.shape}, your output is "
        + (f"of shape {out.shape}." if isinstance(out, np.ndarray) else f"a {type(out).__name__}."),
    )
    out = out.astype(float)
    require(bool(np.all(np.isfinite(out))), "the output contains nan or inf.")
    if not training and 0 < keep_prob < 1:  # training mode: some units kept, some dropped
        kept = np.count_nonzero(out)
        require(0 < kept < out.size, ONE_DRAW, f"You kept {kept} of {out.size} units.")
    return out


def _positive_input(rng: np.random.Generator, shape) -> np.ndarray:
    return rng.uniform(0.5, 2.0, size=shape)


def check_dropout_values(function, keep_prob: float, rng: np.random.Generator, shape=(200, 100)):
    """Every output entry must be 0 (dropped) or ``A / keep_prob`` (kept and rescaled).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> check_dropout_values(lambda A, p, rng: A * (rng.random(A.shape) < p) / p, 0.8, rng)
    >>> unscaled = lambda A, p, rng: A * (rng.random(A.shape) < p)
    >>> check_dropout_values(unscaled, 0.8, rng)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: no rescaling: ...
    """
    A = _positive_input(rng, shape)
    out = _dropout_output(function, A, keep_prob, rng)
    kept = out != 0
    require(bool(np.any(kept)), "every unit was dropped; keep each one with probability keep_prob.")
    ratio = out[kept] / A[kept]
    if np.allclose(ratio, 1 / keep_prob):
        return
    detail = f"Your kept units are {np.median(ratio):.4g} times the input, keep_prob={keep_prob:g}."
    for factor, mistake in ((1.0, NO_RESCALE), (keep_prob, TIMES_KEEP)):
        require(not np.allclose(ratio, factor), mistake, detail)
    if keep_prob < 1:
        require(not np.allclose(ratio, 1 / (1 - keep_prob)), FLIPPED, detail)
    raise CheckFailed(
        "each output entry must be either 0 (dropped) or the input divided by keep_prob "
        "(kept); some of yours are neither.",
        detail,
    )


def check_dropout_keep_rate(function, keep_prob: float, rng: np.random.Generator, shape=(200, 100)):
    """The share of kept (non-zero) units must be ``keep_prob`` within 5 standard errors.

    A mask drawn with ``rng.random(shape) < keep_prob`` and one drawn with
    ``rng.random(shape) > 1 - keep_prob`` both pass: only the rate is checked, and
    that each entry has a draw of its own (one mask row or column shared is named).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> check_dropout_keep_rate(lambda A, p, rng: A * (rng.random(A.shape) > 1 - p) / p, 0.8, rng)
    >>> flipped = lambda A, p, rng: A * (rng.random(A.shape) < 1 - p) / p
    >>> check_dropout_keep_rate(flipped, 0.8, rng)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: treated keep_prob as the probability of dropping: ...
    """
    A = _positive_input(rng, shape)
    out = _dropout_output(function, A, keep_prob, rng)
    mask = out != 0
    shared = (
        0 < keep_prob < 1
        and mask.ndim == 2
        and min(mask.shape) > 1
        and (np.all(mask == mask[0]) or np.all(mask == mask[:, :1]))
    )
    require(not shared, SHARED_MASK, "Your output drops whole columns or whole rows of A.")
    rate = np.count_nonzero(out) / out.size
    tolerance = 5 * np.sqrt(keep_prob * (1 - keep_prob) / out.size) + 1e-12
    if abs(rate - keep_prob) <= tolerance:
        return
    detail = f"You kept {rate:.1%} of the units, keep_prob={keep_prob:g}."
    require(abs(rate - (1 - keep_prob)) > tolerance, FLIPPED, detail)
    raise CheckFailed(
        "the share of kept units is not keep_prob; keep each unit independently with "
        "probability keep_prob.",
        detail,
    )


def check_dropout_expectation(function, keep_prob: float, rng: np.random.Generator, n=20000):
    """On an input of ones, the mean output must be 1 (the expectation is preserved).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> check_dropout_expectation(lambda A, p, rng: A * (rng.random(A.shape) < p) / p, 0.5, rng)
    """
    out = _dropout_output(function, np.ones(n), keep_prob, rng)
    mean = float(out.mean())
    tolerance = 5 * np.sqrt((1 - keep_prob) / keep_prob / n) + 1e-12
    if abs(mean - 1.0) <= tolerance:
        return
    detail = f"On an input of ones your output averages {mean:.3f}; keep_prob={keep_prob:g}."
    known = [(keep_prob, NO_RESCALE), (keep_prob**2, TIMES_KEEP)]
    if keep_prob < 1:
        known += [((1 - keep_prob) / keep_prob, FLIPPED), (keep_prob / (1 - keep_prob), FLIPPED)]
    for mean_of_mistake, mistake in known:
        require(abs(mean - mean_of_mistake) > tolerance, mistake, detail)
    raise CheckFailed(
        "the expected value is not preserved: on an input of ones the output should average 1. "
        "The kept units must make up for the dropped ones.",
        detail,
    )


def check_dropout_fresh_masks(function, keep_prob: float, rng: np.random.Generator, shape=(20, 30)):
    """Two calls with the same ``rng`` must drop different units.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> same = lambda A, p, rng: A * (np.random.default_rng(0).random(A.shape) < p) / p
    >>> check_dropout_fresh_masks(same, 0.5, rng)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the same mask at every call: ...
    """
    A = _positive_input(rng, shape)
    first = _dropout_output(function, A, keep_prob, rng) != 0
    second = _dropout_output(function, A, keep_prob, rng) != 0
    require(not np.array_equal(first, second), SAME_MASK)


def check_dropout_uses_rng(function, keep_prob: float, seed: int, shape=(20, 30)):
    """Two generators with the same seed must give the same output (all randomness from ``rng``).

    Examples
    --------
    >>> check_dropout_uses_rng(lambda A, p, rng: A * (rng.random(A.shape) < p) / p, 0.5, 7)
    >>> unseeded = lambda A, p, rng: A * (np.random.random(A.shape) < p) / p
    >>> check_dropout_uses_rng(unseeded, 0.5, 7)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: did not use the rng argument: ...
    """
    A = _positive_input(np.random.default_rng(seed + 1), shape)
    first = _dropout_output(function, A, keep_prob, np.random.default_rng(seed))
    second = _dropout_output(function, A, keep_prob, np.random.default_rng(seed))
    require(np.array_equal(first, second), GLOBAL_RNG)


def check_dropout_test_mode(function, keep_prob: float, rng: np.random.Generator, shape=(20, 30)):
    """With ``training=False`` the output must equal the input.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> def dropout(A, p, rng, training=True):
    ...     return A * (rng.random(A.shape) < p) / p if training else A
    >>> check_dropout_test_mode(dropout, 0.5, rng)
    """
    A = _positive_input(rng, shape)
    out = _dropout_output(function, A, keep_prob, rng, False)
    if np.allclose(out, A):
        return
    rescaled = np.allclose(out, A / keep_prob) or np.allclose(out, A * keep_prob)
    raise (RESCALE_AT_TEST if rescaled else DROP_AT_TEST).fail(
        f"With training=False and keep_prob={keep_prob:g}, {np.mean(out != A):.0%} of your "
        "output differs from the input."
    )
