"""Lesson 09, initialization: symmetry, He initialization, activation statistics, a weight scale."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from wbcourse import init
from wbcourse.activations import relu
from wbcourse.checks import CheckFailed, Mistake, call_quietly, require
from wbcourse.exercises import exercise, get_exercise

__all__ = [
    "RELU_DEPTH",
    "RELU_WIDTH",
    "check_he_init",
    "check_relu_std",
    "course_activation_stats",
    "course_max_unit_difference",
    "relu_depth_ratio",
]


def _refuse_library(exercise_id: str, function) -> None:
    item = get_exercise(exercise_id)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not item.reference and function not in item.library_versions,
        "this is wbcourse's own implementation, imported; write your own version.",
    )


# --------------------------------------------------------------------- 09.1 symmetry


def course_max_unit_difference(W: np.ndarray) -> float:
    """The course's answer to 09.1: the largest ``|W[i, j] - W[i, k]|`` over rows and unit pairs.

    Examples
    --------
    >>> course_max_unit_difference(np.array([[1.0, 1.0, 1.0], [0.5, -1.0, 0.0]]))
    1.5
    """
    return float(np.max(np.max(W, axis=1) - np.min(W, axis=1)))


exercise(
    id="09.1",
    title="max_unit_difference",
    points=2,
    reference=course_max_unit_difference,
    mistakes=(
        Mistake(
            "compared the weights inside one unit",
            "you measured how different one unit's weights are from each other (down a "
            "column). A unit is a column of W: compare units along each row, input by input.",
            lambda W: float(np.max(np.max(W, axis=0) - np.min(W, axis=0))),
        ),
        Mistake(
            "forgot the absolute value",
            "a difference W[i, j] - W[i, k] can be negative; the size of a difference is its "
            "absolute value (or: the largest minus the smallest entry of the row).",
            lambda W: float(np.max(W - W[:, :1])),
        ),
        Mistake(
            "compared only the first two units",
            "every pair of units counts, not just units 0 and 1.",
            lambda W: float(np.max(np.abs(W[:, 0] - W[:, 1]))),
        ),
        Mistake(
            "returned one value per input",
            "the answer is one number: the largest difference over all inputs.",
            lambda W: np.max(W, axis=1) - np.min(W, axis=1),
        ),
    ),
)


# --------------------------------------------------------------------- 09.2 He init


def _he_init(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    return math.sqrt(2.0 / fan_in) * rng.standard_normal((fan_in, fan_out))


def _std_mistakes(fan_in: int, fan_out: int) -> list[tuple[str, float, str]]:
    """Name, standard deviation, hint of the common wrong scales."""
    return [
        (
            "forgot the square root",
            2.0 / fan_in,
            "2 / fan_in is the VARIANCE of He initialization; the standard deviation is its "
            "square root.",
        ),
        (
            "used fan_out",
            math.sqrt(2.0 / fan_out),
            "He initialization scales by the number of INPUTS of a unit (fan_in): that is how "
            "many terms its weighted sum adds up.",
        ),
        (
            "uniform with the wrong range",
            math.sqrt(2.0 / fan_in) / math.sqrt(3.0),
            "a uniform draw from (-a, a) has standard deviation a / sqrt(3), not a. Draw from "
            "a normal distribution, or widen the range so that the std comes out right.",
        ),
        (
            "used Xavier's formula",
            math.sqrt(2.0 / (fan_in + fan_out)),
            "sqrt(2 / (fan_in + fan_out)) is Xavier (Glorot) initialization, made for tanh; "
            "He uses fan_in alone.",
        ),
        (
            "left out the factor 2",
            math.sqrt(1.0 / fan_in),
            "sqrt(1 / fan_in) suits layers without ReLU; ReLU zeroes half of its inputs, and "
            "the factor 2 makes up for that.",
        ),
        (
            "did not scale the draw",
            1.0,
            "a standard normal draw has std 1; multiply it by the He standard deviation.",
        ),
    ]


def check_he_init(function: Callable, fan_in: int, fan_out: int, seed: int) -> None:
    """Raise :class:`CheckFailed` unless ``function`` draws He-initialised weights.

    Checked by properties: the shape is ``(fan_in, fan_out)``; for draws of at
    least 10,000 numbers the mean is about 0 and the standard deviation about
    ``sqrt(2 / fan_in)`` (within 3 % or six standard errors, whichever is
    larger); two draws from the same ``rng`` differ; two generators made from
    the same seed give the same draw. Normal and uniform draws both pass when
    their standard deviation is right. Common wrong scales are named.

    Examples
    --------
    >>> check_he_init(lambda *args: _he_init(*args), 400, 300, seed=0)
    >>> check_he_init(lambda i, o, rng: rng.normal(0, 2 / i, (i, o)), 400, 300, seed=0)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: forgot the square root: ...
    """
    _refuse_library("09.2", function)
    rng = np.random.default_rng(seed)
    W = call_quietly(function, fan_in, fan_out, rng)
    require(isinstance(W, np.ndarray), f"return a numpy array, got {type(W).__name__}.")
    if fan_in != fan_out:
        require(
            W.shape != (fan_out, fan_in),
            f"shape transposed: got {W.shape}, expected (fan_in, fan_out) = "
            f"{(fan_in, fan_out)}: one row per input, one column per unit, like every W "
            "in this course.",
        )
    require(
        W.shape == (fan_in, fan_out),
        f"W has shape {W.shape}, expected (fan_in, fan_out) = {(fan_in, fan_out)}.",
    )
    require(bool(np.all(np.isfinite(W))), "W contains nan or inf.")
    if W.size >= 10_000:
        target = math.sqrt(2.0 / fan_in)
        tolerance = max(0.03, 6.0 / math.sqrt(2.0 * W.size))
        mean, std = float(W.mean()), float(W.std())
        require(
            abs(mean) < 0.05 * target,
            f"the weights' mean is {mean:.3g}, far from 0"
            + (
                ": all of them are positive. rng.random and uniform(0, a) draw only positive "
                "numbers; the weights must be centred on 0."
                if float(W.min()) >= 0
                else "; centre the draw on 0."
            ),
        )
        if abs(std / target - 1.0) > tolerance:
            for name, wrong, hint in _std_mistakes(fan_in, fan_out):
                if abs(std / wrong - 1.0) <= tolerance:
                    raise CheckFailed(f"{name}: {hint}")
            raise CheckFailed(
                f"the weights' standard deviation is {std:.4g}, expected sqrt(2 / fan_in) = "
                f"{target:.4g} (fan_in = {fan_in})."
            )
    again = call_quietly(function, fan_in, fan_out, rng)
    require(
        not np.array_equal(np.asarray(again), W),
        "the same weights every call: a second draw from the same rng gave identical weights. "
        "Draw from the rng you are given, not from a new generator with a fixed seed.",
    )
    fresh = call_quietly(function, fan_in, fan_out, np.random.default_rng(seed))
    require(
        np.array_equal(np.asarray(fresh), W),
        "ignored rng: two generators made from the same seed gave different weights. Draw "
        "with the rng argument (rng.standard_normal, rng.normal), not with np.random.",
    )


exercise(
    id="09.2",
    title="he_init",
    points=3,
    reference=_he_init,
    library_versions=(init.he, init.zeros, init.normal, init.xavier, init.xavier_uniform),
    named_by_checks=(
        "shape transposed",
        "forgot the square root",
        "used fan_out",
        "uniform with the wrong range",
        "used Xavier's formula",
        "left out the factor 2",
        "did not scale the draw",
        "all weights positive",
        "the same weights every call",
        "ignored rng",
    ),
)


# --------------------------------------------------------------------- 09.3 statistics


def _layers(params: dict) -> int:
    return sum(1 for key in params if key.startswith("W"))


def course_activation_stats(X, params: dict, activation: Callable) -> np.ndarray:
    """The course's answer to 09.3: the mean and std of every layer's output, shape (L, 2).

    Examples
    --------
    >>> from wbcourse.activations import relu
    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([0.0])}
    >>> course_activation_stats(np.array([[1.0], [-1.0], [3.0]]), params, relu).round(3)
    array([[1.333, 1.247]])
    """
    A, rows = X, []
    for layer in range(1, _layers(params) + 1):
        A = activation(A @ params[f"W{layer}"] + params[f"b{layer}"])
        rows.append((A.mean(), A.std()))
    return np.array(rows)


def _stats_of_z(X, params, activation):
    A, rows = X, []
    for layer in range(1, _layers(params) + 1):
        Z = A @ params[f"W{layer}"] + params[f"b{layer}"]
        A = activation(Z)
        rows.append((Z.mean(), Z.std()))
    return np.array(rows)


def _no_bias(X, params, activation):
    A, rows = X, []
    for layer in range(1, _layers(params) + 1):
        A = activation(A @ params[f"W{layer}"])
        rows.append((A.mean(), A.std()))
    return np.array(rows)


def _with_input(X, params, activation):
    return np.vstack([[np.mean(X), np.std(X)], course_activation_stats(X, params, activation)])


def _variance(X, params, activation):
    stats = course_activation_stats(X, params, activation)
    return np.column_stack([stats[:, 0], stats[:, 1] ** 2])


def _linear_last(X, params, activation):
    A, rows, last = X, [], _layers(params)
    for layer in range(1, last + 1):
        Z = A @ params[f"W{layer}"] + params[f"b{layer}"]
        A = Z if layer == last else activation(Z)
        rows.append((A.mean(), A.std()))
    return np.array(rows)


def _per_unit_std(X, params, activation):
    A, rows = X, []
    for layer in range(1, _layers(params) + 1):
        A = activation(A @ params[f"W{layer}"] + params[f"b{layer}"])
        rows.append((A.mean(), A.std(axis=0).mean()))
    return np.array(rows)


exercise(
    id="09.3",
    title="activation_stats",
    points=3,
    reference=course_activation_stats,
    mistakes=(
        Mistake(
            "measured the weighted sums, not the activations",
            "your numbers describe Z = A @ W + b; the statistics asked for are those of "
            "A = activation(Z), the layer's output.",
            _stats_of_z,
        ),
        Mistake(
            "forgot the bias",
            "each layer computes A @ W + b; the biases here are not zero.",
            _no_bias,
        ),
        Mistake(
            "included the input as a layer",
            "the first row belongs to the first layer's output, not to X itself.",
            _with_input,
        ),
        Mistake(
            "returned the variance, not the standard deviation",
            "np.var gives the variance; the standard deviation is its square root (np.std).",
            _variance,
        ),
        Mistake(
            "left the last layer without activation",
            "in this exercise every layer, the last one too, applies the activation.",
            _linear_last,
        ),
        Mistake(
            "averaged the per-unit standard deviations",
            "take one standard deviation over ALL entries of the layer's output (every example "
            "and every unit), not one per unit.",
            _per_unit_std,
        ),
    ),
)


# --------------------------------------------------------------------- 09.4 a scale

#: Width and depth of the ReLU network of exercise 09.4.
RELU_WIDTH = 256
RELU_DEPTH = 10


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


def check_relu_std(std, seed: int, low: float = 0.5, high: float = 2.0) -> None:
    """Raise :class:`CheckFailed` unless ``std`` keeps a deep ReLU stack's activations steady.

    The ratio :func:`relu_depth_ratio` must lie in ``[low, high]``.

    Examples
    --------
    >>> check_relu_std(0.0884, seed=0)
    >>> check_relu_std(0.0625, seed=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: the activations vanish: ...
    """
    require(
        isinstance(std, int | float | np.floating) and not isinstance(std, bool) and std > 0,
        f"relu_std must be a positive number, got {std!r}.",
    )
    with np.errstate(all="ignore"):
        ratio = relu_depth_ratio(float(std), seed)
    if ratio < low:
        raise CheckFailed(
            f"the activations vanish: after {RELU_DEPTH} layers their std is {ratio:.2g} times "
            "the first layer's. Each layer multiplies the spread by a factor below 1: the "
            "weights are too small for ReLU."
        )
    if not ratio <= high:
        raise CheckFailed(
            f"the activations explode: after {RELU_DEPTH} layers their std is {ratio:.3g} times "
            "the first layer's. Each layer multiplies the spread by a factor above 1: the "
            "weights are too large."
        )


exercise(
    id="09.4",
    title="a weight scale for deep ReLU",
    points=2,
    reference=check_relu_std,
    named_by_checks=("the activations vanish (too small)", "the activations explode (too large)"),
)
