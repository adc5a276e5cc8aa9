"""Lesson 09, initialization: the course's measurements, the deep ReLU stack, and the checks.

The lesson's experiments fall back on :func:`course_max_unit_difference` and
:func:`course_activation_stats` until the student's own pass; exercise 09.2 is
graded with :func:`check_he_init` and 09.4 with :func:`check_relu_std`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from wbcourse.activations import relu
from wbcourse.checks import CheckFailed, Mistake, call_quietly, require

__all__ = [
    "EXPLODE",
    "HE_MISTAKES",
    "RELU_DEPTH",
    "RELU_WIDTH",
    "SCALE_NOT_A_NUMBER",
    "SCALE_VARIANCE",
    "VANISH",
    "check_he_init",
    "check_relu_std",
    "course_activation_stats",
    "course_max_unit_difference",
    "relu_depth_ratio",
]


# --------------------------------------------------------------------- 09.1 symmetry


def course_max_unit_difference(W: np.ndarray) -> float:
    """The course's answer to 09.1: the largest ``|W[i, j] - W[i, k]|`` over rows and unit pairs.

    Examples
    --------
    >>> course_max_unit_difference(np.array([[1.0, 1.0, 1.0], [0.5, -1.0, 0.0]]))
    1.5
    """
    return float(np.max(np.max(W, axis=1) - np.min(W, axis=1)))


# --------------------------------------------------------------------- 09.2 He init

TRANSPOSED = Mistake(
    "09.2/transposed",
    "shape transposed",
    "W is (fan_in, fan_out): one row per input, one column per unit, like every W in this course.",
)
NO_SQRT = Mistake(
    "09.2/no-sqrt",
    "forgot the square root",
    "2 / fan_in is the VARIANCE of He initialization; the standard deviation is its square root.",
)
FAN_OUT = Mistake(
    "09.2/fan-out",
    "used fan_out",
    "He initialization scales by the number of INPUTS of a unit (fan_in): that is how many "
    "terms its weighted sum adds up.",
)
UNIFORM_RANGE = Mistake(
    "09.2/uniform-range",
    "uniform with the wrong range",
    "the task asks for a normal distribution (rng.normal, rng.standard_normal); and a uniform "
    "draw from (-a, a) has standard deviation a / sqrt(3), not a.",
)
UNIFORM = Mistake(
    "09.2/uniform",
    "drew from a uniform distribution, not a normal one",
    "the standard deviation is right, but no weight lies beyond two of them, as a uniform draw "
    "gives (Keras calls that variant he_uniform); the task asks for a normal distribution: "
    "rng.normal or rng.standard_normal.",
)
XAVIER = Mistake(
    "09.2/xavier",
    "used Xavier's formula",
    "sqrt(2 / (fan_in + fan_out)) is Xavier (Glorot) initialization, made for tanh; He uses "
    "fan_in alone.",
)
NO_TWO = Mistake(
    "09.2/no-two",
    "left out the factor 2",
    "sqrt(1 / fan_in) suits layers without ReLU; ReLU zeroes half of its inputs, and the "
    "factor 2 makes up for that.",
)
UNSCALED = Mistake(
    "09.2/unscaled",
    "did not scale the draw",
    "a standard normal draw has std 1; multiply it by the He standard deviation.",
)
ROOT_OF_TWO = Mistake(
    "09.2/root-of-two",
    "took the square root of 2 alone",
    "np.sqrt(2) / fan_in is not np.sqrt(2 / fan_in): the square root covers the whole "
    "fraction 2 / fan_in.",
)
STD_AS_MEAN = Mistake(
    "09.2/std-as-mean",
    "passed the standard deviation as rng.normal's first argument, the mean",
    "rng.normal(loc, scale, size) takes the mean first: rng.normal(0.0, std, size), or "
    "rng.normal(scale=std, size=...).",
)
POSITIVE = Mistake(
    "09.2/positive",
    "all weights positive",
    "rng.random and uniform(0, a) draw only positive numbers; the weights must be centred on 0, "
    "half of them negative.",
)
SAME_EVERY_CALL = Mistake(
    "09.2/same-every-call",
    "the same weights every call",
    "a second draw from the same rng gave identical weights: draw from the rng you are given, "
    "not from a new generator with a fixed seed.",
)
IGNORED_RNG = Mistake(
    "09.2/ignored-rng",
    "ignored rng",
    "two generators made from the same seed gave different weights: draw with the rng argument "
    "(rng.standard_normal, rng.normal), not with np.random.",
)
#: The wrong standard deviations :func:`check_he_init` recognises: (mistake, std(fan_in, fan_out)).
_WRONG_STDS: tuple[tuple[Mistake, Callable[[int, int], float]], ...] = (
    (NO_SQRT, lambda fan_in, fan_out: 2.0 / fan_in),
    (FAN_OUT, lambda fan_in, fan_out: math.sqrt(2.0 / fan_out)),
    (UNIFORM_RANGE, lambda fan_in, fan_out: math.sqrt(2.0 / fan_in) / math.sqrt(3.0)),
    (XAVIER, lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out))),
    (NO_TWO, lambda fan_in, fan_out: math.sqrt(1.0 / fan_in)),
    (UNSCALED, lambda fan_in, fan_out: 1.0),
    (ROOT_OF_TWO, lambda fan_in, fan_out: math.sqrt(2.0) / fan_in),
)
#: The share of a normal distribution that lies more than two standard deviations from its mean.
_NORMAL_BEYOND_TWO = math.erfc(2.0 / math.sqrt(2.0))
#: Every mistake :func:`check_he_init` names.
HE_MISTAKES = (
    TRANSPOSED,
    *(mistake for mistake, _ in _WRONG_STDS),
    UNIFORM,
    STD_AS_MEAN,
    POSITIVE,
    SAME_EVERY_CALL,
    IGNORED_RNG,
)


def _check_spread(W: np.ndarray, fan_in: int, fan_out: int) -> None:
    """The mean about 0, the std about sqrt(2 / fan_in) and the tails of a normal draw.

    A known wrong std is named; so is a uniform draw (no weight beyond two stds).
    """
    target = math.sqrt(2.0 / fan_in)
    tolerance = max(0.03, 6.0 / math.sqrt(2.0 * W.size))
    mean, std = float(W.mean()), float(W.std())
    if abs(mean) >= 0.05 * target:
        require(
            not (abs(mean / target - 1.0) <= tolerance and abs(std - 1.0) <= tolerance),
            STD_AS_MEAN,
            f"The weights' mean is {mean:.3g} and their std {std:.3g}.",
        )
        require(
            float(W.min()) < 0,
            POSITIVE,
            f"The weights' mean is {mean:.3g} and the smallest is {float(W.min()):.3g}.",
        )
        raise CheckFailed(f"the weights' mean is {mean:.3g}, far from 0; centre the draw on 0.")
    if abs(std / target - 1.0) <= tolerance:
        _check_normal_tails(W)
        return
    detail = f"The weights' std is {std:.4g}, expected sqrt(2 / {fan_in}) = {target:.4g}."
    # named only when exactly one known wrong formula gives this std for this layer, and that
    # formula's std is clearly apart from He's there (Xavier's is 5% below it at 1000 -> 100)
    fits = [
        mistake
        for mistake, wrong in _WRONG_STDS
        if abs(std / wrong(fan_in, fan_out) - 1.0) <= tolerance
        and abs(wrong(fan_in, fan_out) / target - 1.0) > 3 * tolerance
    ]
    if len(fits) == 1:
        raise fits[0].fail(detail)
    raise CheckFailed(
        f"the weights' standard deviation is {std:.4g}, expected sqrt(2 / fan_in) = {target:.4g} "
        f"(fan_in = {fan_in}).",
        detail,
    )


def check_he_init(function: Callable, fan_in: int, fan_out: int, seed: int) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function`` draws He-initialised weights.

    Checked by properties: the shape is ``(fan_in, fan_out)``; for draws of at
    least 10,000 numbers the mean is about 0 and the standard deviation about
    ``sqrt(2 / fan_in)`` (within 3 % or six standard errors, whichever is
    larger); two draws from the same ``rng`` differ; two generators made from
    the same seed give the same draw; about 4.6 % of the weights lie beyond two
    standard deviations, as in a normal draw (a uniform one has none there). A
    wrong standard deviation is named when exactly one common wrong formula gives
    it for this layer.

    Examples
    --------
    >>> check_he_init(lambda i, o, rng: np.sqrt(2 / i) * rng.standard_normal((i, o)), 400, 300, 0)
    >>> check_he_init(lambda i, o, rng: rng.normal(0, 2 / i, (i, o)), 400, 300, seed=0)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: forgot the square root: ...
    """
    rng = np.random.default_rng(seed)
    W = call_quietly(function, fan_in, fan_out, rng)
    require(isinstance(W, np.ndarray), f"return a numpy array, got {type(W).__name__}.")
    if fan_in != fan_out:
        require(W.shape != (fan_out, fan_in), TRANSPOSED, f"Got shape {W.shape}.")
    require(
        W.shape == (fan_in, fan_out),
        f"W has shape {W.shape}, expected (fan_in, fan_out) = {(fan_in, fan_out)}.",
    )
    require(bool(np.all(np.isfinite(W))), "W contains nan or inf.")
    if W.size >= 10_000:
        _check_spread(W, fan_in, fan_out)
    require(
        bool(np.ptp(W) > 0),
        f"every weight is {W.flat[0]:g}: draw them at random, centred on 0, with std "
        "sqrt(2 / fan_in).",
    )
    again = call_quietly(function, fan_in, fan_out, rng)
    require(not np.array_equal(np.asarray(again), W), SAME_EVERY_CALL)
    fresh = call_quietly(function, fan_in, fan_out, np.random.default_rng(seed))
    require(np.array_equal(np.asarray(fresh), W), IGNORED_RNG)


def _check_normal_tails(W: np.ndarray) -> None:
    """About 4.6% of the weights beyond two standard deviations, as in a normal draw."""
    beyond = float(np.mean(np.abs(W - W.mean()) > 2.0 * W.std()))
    tolerance = 6.0 * math.sqrt(_NORMAL_BEYOND_TWO * (1.0 - _NORMAL_BEYOND_TWO) / W.size)
    if abs(beyond - _NORMAL_BEYOND_TWO) <= tolerance:
        return
    detail = (
        f"{beyond:.1%} of the weights lie beyond two standard deviations; a normal draw puts "
        f"about {_NORMAL_BEYOND_TWO:.1%} there."
    )
    require(beyond > 0.0, UNIFORM, detail)
    raise CheckFailed("the weights are not spread like a normal draw.", detail)


# --------------------------------------------------------------------- 09.3 statistics


def course_activation_stats(X, params: dict, activation: Callable) -> np.ndarray:
    """The course's answer to 09.3: the mean and std of every layer's output, shape (L, 2).

    Examples
    --------
    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([0.0])}
    >>> course_activation_stats(np.array([[1.0], [-1.0], [3.0]]), params, relu).round(3)
    array([[1.333, 1.247]])
    """
    A, rows = X, []
    for layer in range(1, sum(key.startswith("W") for key in params) + 1):
        A = activation(A @ params[f"W{layer}"] + params[f"b{layer}"])
        rows.append((A.mean(), A.std()))
    return np.array(rows)


# --------------------------------------------------------------------- 09.4 a scale

#: Width and depth of the ReLU network of exercise 09.4.
RELU_WIDTH = 256
RELU_DEPTH = 10

VANISH = Mistake(
    "09.4/vanish",
    "the activations vanish (weights too small)",
    "each layer multiplies the spread by a factor below 1. A ReLU layer keeps the spread when "
    "fan_in * std**2 / 2 is 1: mind the factor 2.",
)
EXPLODE = Mistake(
    "09.4/explode",
    "the activations explode (weights too large)",
    "each layer multiplies the spread by a factor above 1: the weights are too large for "
    f"{RELU_WIDTH} inputs per unit.",
)
SCALE_VARIANCE = Mistake(
    "09.4/variance",
    "gave the variance, not the standard deviation",
    "2 / fan_in is the variance the weights need; relu_std is a standard deviation, its square "
    "root.",
)
SCALE_NOT_A_NUMBER = Mistake(
    "09.4/not-a-number",
    "relu_std is not a positive number",
    "set relu_std to one positive number, e.g. the result of a formula in fan_in.",
)


def relu_depth_ratio(std: float, seed: int) -> float:
    """Std of the last layer's activations over the first layer's, in a deep ReLU stack.

    ``RELU_DEPTH`` layers of ``RELU_WIDTH`` ReLU units, weights
    ``std * standard_normal``, biases 0, inputs ``X`` (200, RELU_WIDTH) standard
    normal, all drawn from ``default_rng(seed)``.

    Examples
    --------
    >>> 0.5 < relu_depth_ratio(math.sqrt(2 / RELU_WIDTH), seed=0) < 2
    True
    >>> relu_depth_ratio(0.05, seed=0) < 0.01
    True
    """
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((200, RELU_WIDTH))
    stds = []
    for _ in range(RELU_DEPTH):
        A = relu(A @ (std * rng.standard_normal((RELU_WIDTH, RELU_WIDTH))))
        stds.append(float(A.std()))
    return stds[-1] / stds[0] if stds[0] > 0 else 0.0


def _is_positive_number(value: Any) -> bool:
    return (
        not isinstance(value, bool | np.bool_)
        and np.ndim(value) == 0
        and np.issubdtype(np.asarray(value).dtype, np.number)
        and not np.iscomplexobj(value)
        and float(value) > 0
    )


def check_relu_std(std, seed: int, low: float = 0.5, high: float = 2.0) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``std`` keeps a deep ReLU stack steady.

    The ratio :func:`relu_depth_ratio` must lie in ``[low, high]``.

    Examples
    --------
    >>> check_relu_std(0.0884, seed=0)
    >>> check_relu_std(0.0625, seed=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the activations vanish (weights too small): ...
    """
    require(_is_positive_number(std), SCALE_NOT_A_NUMBER, f"Got relu_std = {std!r}.")
    with np.errstate(all="ignore"):
        ratio = relu_depth_ratio(float(std), seed)
    detail = (
        f"With std {float(std):.4g}, after {RELU_DEPTH} layers the activations' std is "
        f"{ratio:.3g} times the first layer's (between {low:g} and {high:g} passes)."
    )
    if low <= ratio <= high:
        return
    require(not math.isclose(float(std), 2 / RELU_WIDTH, rel_tol=0.02), SCALE_VARIANCE, detail)
    raise (VANISH if ratio < low else EXPLODE).fail(detail)
