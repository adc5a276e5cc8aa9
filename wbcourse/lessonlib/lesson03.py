"""Lesson 03, activation functions: the learning signal of deep stacks, and the lesson's checks.

The checks of 03.1, 03.2 and 03.4 are :func:`~wbcourse.lessonlib.lesson02.check_probed`
cases: an answer that raises or warns is also run on ordinary *probe* inputs, so
that a mistake can be told from an instability. A sigmoid or softmax that is right
on ordinary inputs but overflows on huge ones is named as unstable; one that hides
the overflow's warning (``np.errstate``, a warnings filter) is caught by what the
overflow leaves in its values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from wbcourse import activations
from wbcourse.checks import Mistake
from wbcourse.lessonlib.lesson02 import check_probed, nonfinite

__all__ = [
    "BATCH_MAX",
    "NO_MAX",
    "OVERFLOW",
    "SIGMOID_PROBES",
    "SIGMOID_SILENCED",
    "SOFTMAX_PROBES",
    "SOFTMAX_SILENCED",
    "SQUARE_PAIRS",
    "check_collapse",
    "check_sigmoid",
    "check_softmax",
    "gradient_sizes",
]


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


# ------------------------------------------------------------------ 03.1 collapse

#: Square layer pairs (D_in = H = D_out), on which every mistake of 03.1 runs.
SQUARE_PAIRS = (
    (
        np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0], [2.0, 0.0, -1.0]]),
        np.array([0.5, -1.0, 2.0]),
        np.array([[1.0, -1.0, 0.5], [0.0, 2.0, 1.0], [-1.0, 0.5, 1.0]]),
        np.array([1.0, 0.0, -0.5]),
    ),
    (
        np.array([[1.0, -2.0], [3.0, 0.5]]),
        np.array([1.0, -0.5]),
        np.array([[2.0, 1.0], [-1.0, 0.5]]),
        np.array([0.5, 2.0]),
    ),
)


def check_collapse(collapse: Callable[..., Any], W1, b1, W2, b2) -> None:
    """A case of exercise 03.1: ``collapse(W1, b1, W2, b2)`` must be ``(W1 @ W2, b1 @ W2 + b2)``.

    An answer that raises is also tried on :data:`SQUARE_PAIRS`.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("03.1")
    >>> W1, b1, W2, b2 = np.ones((2, 3)), np.arange(3.0), np.ones((3, 4)), np.ones(4)
    >>> for name in ("one", "two"):
    ...     grader.case(lambda: check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2),
    ...                                        W1, b1, W2, b2), name)
    >>> print(grader.report())  # doctest: +ELLIPSIS
    03.1 Collapse two linear layers: 0 of 2 cases passed, 0 of 3 points
      FAIL  one: added the biases without passing b1 through W2: ...
      FAIL  two: added the biases without passing b1 through W2: ...
    """
    check_probed(collapse, (W1, b1, W2, b2), SQUARE_PAIRS)


# ------------------------------------------------------------------ 03.2 sigmoid

OVERFLOW = Mistake(
    "03.2/overflow",
    "the naive formula overflows",
    "your sigmoid is right on ordinary inputs, but for z = -1e4, exp(-z) = exp(1e4) is far "
    "beyond the largest float, so numpy warns (even if the final value looks right). "
    "Arrange the computation so that exp only ever sees numbers <= 0: treat z >= 0 and "
    "z < 0 differently. Careful: np.where(condition, a, b) computes both a and b for every "
    "element, so an overflowing branch inside np.where still overflows.",
)
SIGMOID_SILENCED = Mistake(
    "03.2/silenced",
    "hid the overflow instead of avoiding it",
    "np.errstate or a warnings filter only hides numpy's warning: exp(-z) still overflows "
    "to inf for z < -709.78, and 1 / (1 + inf) wipes out the tiny true value (or a formula "
    "like exp(z) / (1 + exp(z)) turns into nan). Compute so that exp only ever sees "
    "numbers <= 0.",
)
#: Absolute tolerance of 03.2: tiny values count (the task says so for exp(-720) = 2e-313),
#: up to a few hundred of the smallest floats, where correct formulas may round apart.
SIGMOID_ATOL = 1e-320
#: Ordinary inputs, on which every mistake of 03.2 runs without a warning.
SIGMOID_PROBES = (
    (np.array([-3.0, -0.5, 0.0, 1.0, 4.0]),),
    (np.array([[2.5, -1.5], [0.25, -4.0]]),),
)


def _overflow_left(got: Any, expected: Any) -> str:
    """What an overflow hidden in a sigmoid leaves: nan or inf, or 0 where the value is tiny.

    ``1 / (1 + exp(-z))`` is exact down to ``z = -709.78``, where ``exp(-z)`` overflows
    and the result drops to 0, although the true value (down to about ``exp(-745)``)
    is a tiny positive float. A formula that loses the tiny values everywhere (say
    ``(1 + tanh(z / 2)) / 2``) is not an overflow.

    >>> z = np.array([-700.0, -720.0])
    >>> expected = np.exp(z)
    >>> _overflow_left(np.array([expected[0], 0.0]), expected)  # doctest: +ELLIPSIS
    'Your output is exactly 0 where the right value is 2e-313 (tiny, but not 0), ...'
    >>> _overflow_left(np.zeros(2), expected)
    ''
    """
    left = nonfinite(got, expected)
    if left:
        return left
    try:
        got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return ""
    if got.shape != expected.shape:
        return ""
    tiny = (expected > 0) & (expected < 1e-300)
    zero, exact = tiny & (got == 0), tiny & np.isclose(got, expected, rtol=1e-6, atol=0)
    if not (zero.any() and exact.any()):
        return ""
    return (
        f"Your output is exactly 0 where the right value is {expected[zero][0]:.2g} (tiny, "
        f"but not 0), while it is exact where the right value is {expected[exact][0]:.2g}: "
        "the mark of an overflow to inf."
    )


def check_sigmoid(sigmoid: Callable[..., Any], z: np.ndarray) -> None:
    """A case of exercise 03.2: ``sigmoid(z)`` must be right, without a warning.

    Right means within a relative ``1e-6`` of the true value, tiny values included
    (:data:`SIGMOID_ATOL`): a formula that rounds ``sigmoid(-40)`` to 0 is wrong.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("03.2")
    >>> z = np.array([-1e4, -720.0, -700.0, 0.0, 1e4])
    >>> def silenced(z):
    ...     with np.errstate(over="ignore"):
    ...         return 1 / (1 + np.exp(-z))
    >>> grader.case(lambda: check_sigmoid(lambda z: 1 / (1 + np.exp(-z)), z), "naive")
    >>> grader.case(lambda: check_sigmoid(silenced, z), "silenced")
    >>> grader.case(lambda: check_sigmoid(lambda z: np.exp(-np.logaddexp(0, -z)), z), "right")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    03.2 A stable sigmoid: 1 of 3 cases passed, 1 of 3 points
      FAIL  naive: the naive formula overflows: ...
      FAIL  silenced: hid the overflow instead of avoiding it: ...
      PASS  right
    """
    check_probed(
        sigmoid,
        (z,),
        SIGMOID_PROBES,
        library=(activations.sigmoid,),
        warned={"overflow": OVERFLOW},
        silenced=SIGMOID_SILENCED,
        symptom=_overflow_left,
        atol=SIGMOID_ATOL,
    )


# ------------------------------------------------------------------ 03.4 softmax

NO_MAX = Mistake(
    "03.4/no-max",
    "no max subtraction: the softmax overflows on large logits",
    "your softmax is right on ordinary logits, but exp(1000) is inf in float64. Softmax "
    "does not change when the same number is subtracted from every logit of a row; choose "
    "that number so that every exponent is <= 0.",
)
BATCH_MAX = Mistake(
    "03.4/batch-max",
    "subtracted one maximum for the whole batch",
    "your softmax is right on ordinary logits, but a row whose logits are all far below "
    "the batch's largest logit becomes exp(-huge) = 0 everywhere, then 0 / 0 = nan. "
    "Subtract each row's own maximum.",
)
SOFTMAX_SILENCED = Mistake(
    "03.4/silenced",
    "hid the warning instead of avoiding the overflow",
    "np.errstate or a warnings filter only hides numpy's warning: exp of a huge logit is "
    "still inf (and inf / inf is nan), or a whole row still underflows to 0 / 0. Subtract "
    "each row's own maximum so that every exponent is <= 0.",
)
#: Ordinary square logits, on which every mistake of 03.4 runs without a warning.
SOFTMAX_PROBES = (
    (np.array([[0.5, 2.0, -1.0], [1.5, -0.5, 0.0], [3.0, 1.0, 2.5]]),),
    (np.array([[1.0, -2.0], [3.0, 0.5]]),),
)


def check_softmax(softmax: Callable[..., Any], Z: np.ndarray) -> None:
    """A case of exercise 03.4: ``softmax(Z)`` must be right, without a warning.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("03.4")
    >>> Z = np.array([[1000.0, 1e4, -1e4], [-5.0, 800.0, 799.0]])
    >>> def batch_max(Z):
    ...     e = np.exp(Z - Z.max())
    ...     return e / e.sum(axis=1, keepdims=True)
    >>> grader.case(lambda: check_softmax(batch_max, Z), "huge logits")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    03.4 A stable softmax: 0 of 1 cases passed, 0 of 3 points
      FAIL  huge logits: subtracted one maximum for the whole batch: ...
    """
    check_probed(
        softmax,
        (Z,),
        SOFTMAX_PROBES,
        library=(activations.softmax,),
        warned={"overflow": NO_MAX, "invalid value": BATCH_MAX},
        silenced=SOFTMAX_SILENCED,
    )
