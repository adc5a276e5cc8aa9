"""Lesson 03, activation functions: collapsing linear layers, stable sigmoid, ReLU, softmax."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import numpy as np

from wbcourse import activations
from wbcourse.checks import CheckFailed, Mistake, call_quietly, compare, named_mistake, require
from wbcourse.exercises import exercise, get_exercise

__all__ = ["UNSTABLE", "check_stable", "gradient_sizes"]


def gradient_sizes(
    activation: str, weight_std: float, depth: int = 10, width: int = 100, seed: int = 3
) -> np.ndarray:
    """How large the learning signal is in each layer of a deep stack, from the top down.

    ``depth`` layers of ``width`` units, ``A_l = f(A_{l-1} @ W_l)``, weights drawn from
    a normal distribution with standard deviation ``weight_std`` (biases 0), on 200
    standard-normal inputs. A gradient of 1 for every output of the top layer is
    passed back through the layers (lesson 07 shows how): through each layer it is
    multiplied by the activation's slope ``f'(Z_l)`` *and* by the layer's weights,
    ``dA_{l-1} = (dA_l * f'(Z_l)) @ W_l.T``.

    Returns
    -------
    sizes : ndarray, shape (depth,)
        Entry ``k``: the root mean square of the gradient after passing back through
        ``k + 1`` layers.

    Examples
    --------
    >>> sizes = gradient_sizes("relu", weight_std=0.01)  # each layer: sqrt(100 / 2) * 0.01
    >>> round(float(sizes[-1] / sizes[-2]), 2)
    0.07
    """
    forward, backward = activations.get(activation)
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((200, width))
    layers = []
    for _ in range(depth):
        W = rng.normal(0.0, weight_std, (width, width))
        Z = A @ W
        A = forward(Z)
        layers.append((Z, W))
    dA, sizes = np.ones_like(A), []
    for Z, W in reversed(layers):
        dA = backward(dA, Z) @ W.T
        sizes.append(float(np.sqrt(np.mean(dA**2))))
    return np.array(sizes)


def _collapse(W1, b1, W2, b2) -> tuple[np.ndarray, np.ndarray]:
    return W1 @ W2, b1 @ W2 + b2


exercise(
    id="03.1",
    title="collapse two linear layers",
    points=3,
    reference=_collapse,
    mistakes=(
        Mistake(
            "dropped the first bias",
            "b1 is added before the second layer multiplies by W2, so it reaches the output "
            "too, transformed by W2. Expand (X @ W1 + b1) @ W2 + b2 term by term.",
            lambda W1, b1, W2, b2: (W1 @ W2, b2),
        ),
        Mistake(
            "added the biases without passing b1 through W2",
            "b1 goes through the second layer's weights like everything else the first layer "
            "outputs. Expand (X @ W1 + b1) @ W2 + b2 term by term.",
            lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2),
        ),
        Mistake(
            "multiplied the weights in the wrong order",
            "X is multiplied by W1 first, then by W2; matrix products do not commute, so the "
            "order in the combined W matters.",
            lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2),
        ),
        Mistake(
            "multiplied b1 by W2 from the wrong side",
            "b1 is a row like the rows of X @ W1, and rows are multiplied by W2 from the left: "
            "row @ W2.",
            lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2),
        ),
    ),
)

#: What an overflow (or a 0/0) in each exercise means: exercise id -> warning text -> (name, hint).
UNSTABLE: dict[str, dict[str, tuple[str, str]]] = {
    "03.2": {
        "overflow": (
            "the naive formula overflows",
            "for z = -1e4, exp(-z) = exp(1e4) is far beyond the largest float, so numpy warns "
            "(even if the final value looks right). Arrange the computation so that exp only "
            "ever sees numbers <= 0: treat z >= 0 and z < 0 differently. Careful: "
            "np.where(condition, a, b) computes both a and b for every element, so an "
            "overflowing branch inside np.where still overflows.",
        ),
    },
    "03.4": {
        "overflow": (
            "no max subtraction: the softmax overflows on large logits",
            "exp(1000) is inf in float64. Softmax does not change when the same number is "
            "subtracted from every logit of a row; choose that number so that every "
            "exponent is <= 0.",
        ),
        "invalid value": (
            "subtracted one maximum for the whole batch",
            "a row whose logits are all far below the batch's largest logit becomes "
            "exp(-huge) = 0 everywhere, then 0 / 0 = nan. Subtract each row's own maximum.",
        ),
    },
}


@contextlib.contextmanager
def _harmless_underflow():
    """Warn on overflow, 0/0 and division by zero, but not on underflow to 0.

    A stable sigmoid or softmax computes ``exp(-1e4)``, which underflows to 0: the
    right value, and numpy's default is to stay silent about it.
    """
    with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        yield


def check_stable(exercise_id: str, function: Callable[..., Any], Z: np.ndarray) -> None:
    """Raise :class:`CheckFailed` unless ``function(Z)`` is right *and* raises no warning.

    An overflow (or, for softmax, a 0/0) warning is named as the unstable-formula
    mistake of the exercise; a wrong value is compared with the exercise's
    reference and named when it matches one of its mistakes. Underflow to 0
    (``exp(-1e4)``) is harmless and allowed.

    Parameters
    ----------
    exercise_id : {"03.2", "03.4"}
        The exercise: its reference, mistakes and instability messages.
    function : callable
        The student's ``sigmoid`` or ``softmax``.
    Z : ndarray
        Inputs with large magnitudes (up to 1e4); must come back unchanged.

    Examples
    --------
    >>> naive = lambda z: 1 / (1 + np.exp(-z))
    >>> check_stable("03.2", naive, np.array([-1e4, 0.0, 1e4]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: the naive formula overflows: for z = -1e4, exp(-z) = ...
    >>> check_stable("03.2", lambda z: np.exp(-np.logaddexp(0, -z)), np.array([-1e4, 0.0, 1e4]))
    """
    item = get_exercise(exercise_id)
    require(
        function is not item.reference and function not in item.library_versions,
        "this is wbcourse's own implementation, imported; write your own version.",
    )
    original = np.array(Z, dtype=float)
    given = original.copy()
    try:
        got = call_quietly(function, given)
    except CheckFailed as failure:
        if failure.summary.startswith("your code warned"):
            for text, (name, hint) in UNSTABLE[exercise_id].items():
                if text in failure.summary:
                    raise CheckFailed(f"{name}: {hint}") from None
        raise
    require(
        np.array_equal(given, original),
        "your function changed its input array in place (e.g. with -= or z[...] =); "
        "work on a copy or build a new array.",
    )
    with _harmless_underflow():  # tiny expected values underflow inside np.isclose too
        expected = item.reference(original.copy())
        try:
            compare(got, expected, rtol=item.rtol, atol=item.atol)
        except CheckFailed as failure:
            raise named_mistake(item.mistakes, got, (original,)) or failure from None


exercise(
    id="03.2",
    title="stable sigmoid",
    points=3,
    reference=activations.sigmoid,
    library_versions=(activations.sigmoid,),
    mistakes=(
        Mistake(
            "flipped the sign",
            "your sigmoid falls from 1 to 0; sigmoid(z) must grow with z, with sigmoid(0) = "
            "0.5 and sigmoid(z) close to 1 for large z.",
            lambda Z: activations.sigmoid(-Z),
        ),
        Mistake(
            "tanh without the 1/2 inside",
            "(1 + tanh(z)) / 2 is sigmoid(2z), a steeper curve. The identity relating the two "
            "halves z inside tanh.",
            lambda Z: (1.0 + np.tanh(Z)) / 2.0,
        ),
        Mistake(
            "forgot to take the reciprocal",
            "1 + exp(-z) is the denominator; sigmoid is 1 divided by it.",
            lambda Z: 1.0 + np.exp(-Z),
        ),
    ),
    named_by_checks=(
        "the naive formula overflows (an overflow warning for z = -1e4), "
        "also inside both branches of np.where",
    ),
)

exercise(
    id="03.3",
    title="relu",
    points=1,
    reference=activations.relu,
    library_versions=(activations.relu,),
    mistakes=(
        Mistake(
            "returned the mask, not the values",
            "you returned 1 where z > 0 (that is ReLU's slope); ReLU passes z itself through "
            "where it is positive.",
            lambda Z: (Z > 0).astype(float),
        ),
        Mistake(
            "kept the negative part",
            "ReLU keeps the positive values and replaces the negative ones by 0, not the "
            "other way round.",
            lambda Z: np.minimum(Z, 0.0),
        ),
        Mistake(
            "took the absolute value",
            "negative inputs must become 0, not change sign.",
            lambda Z: np.abs(Z),
        ),
    ),
)


def _softmax_over_columns(Z: np.ndarray) -> np.ndarray:
    return activations.softmax(Z.T).T


exercise(
    id="03.4",
    title="stable softmax",
    points=3,
    reference=activations.softmax,
    library_versions=(activations.softmax,),
    mistakes=(
        Mistake(
            "softmax over the wrong axis",
            "your columns sum to 1, not your rows. Each row is one example with C logits; "
            "normalise along axis 1, within each row.",
            _softmax_over_columns,
        ),
        Mistake(
            "divided by the sum of the whole array",
            "each example (row) needs its own normaliser, so that every row sums to 1; "
            "sum along axis 1, one sum per row.",
            lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
        ),
        Mistake(
            "row sums without keepdims",
            "e.sum(axis=1) has shape (N,), which broadcasts along the columns: column j is "
            "divided by row j's sum. Keep the summed axis (keepdims=True) so that the sums "
            "form a column (N, 1).",
            lambda Z: (lambda e: e / e.sum(axis=1))(np.exp(Z - Z.max(axis=1, keepdims=True))),
        ),
        Mistake(
            "forgot the exponential",
            "dividing the logits by their sum does not give probabilities (logits can be "
            "negative); exponentiate first.",
            lambda Z: Z / Z.sum(axis=1, keepdims=True),
        ),
    ),
    named_by_checks=(
        "no max subtraction: an overflow warning on large logits",
        "one maximum for the whole batch: 0/0 for rows far below it",
    ),
)
