"""Lesson 07, backpropagation: the lesson's graph and network, and the checks of its exercises.

The figure of the one-neuron graph (:func:`draw_neuron_graph`), the two-layer network
of section 5 (:func:`two_layer_forward` and the course's backward pass, which stands
in for the student's until it passes), and the checkers of exercises 07.1 (the chain
rule by hand) and 07.4 (``two_layer_backward``) with the mistakes they name by logic.
:func:`hand_values` and :func:`course_two_layer_backward` are the course's own answers
to 07.1 and 07.4: an answer that uses them earns nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from wbcourse import activations, layers
from wbcourse.activations import relu, sigmoid
from wbcourse.checks import (
    CheckFailed,
    Mistake,
    ask,
    call_checked,
    check_answer,
    require,
    with_helpers,
)
from wbcourse.gradcheck import numerical_gradient, rel_error
from wbcourse.layers import dense_backward, dense_forward
from wbcourse.lessonlib.lesson02 import check_probed

__all__ = [
    "AT_OUTPUT",
    "BIAS_SUBTRACTED",
    "DA_NO_TWO",
    "DA_SIGN",
    "HAND_EXAMPLE",
    "LOCAL_ONLY",
    "LOCAL_Z",
    "LOSS_NOT_SQUARED",
    "LOSS_OF_Z",
    "NO_ACTIVATION",
    "NO_LOCAL",
    "NO_UPSTREAM",
    "OVERFLOW",
    "PRECISION",
    "SIGMOID_SIGN",
    "SKIPPED_SIGMOID",
    "SLOPE_OF_Z",
    "TANH_DERIVATIVE",
    "WORKED_EXAMPLE",
    "WORKED_NUMBERS",
    "check_dense_backward",
    "check_hand_value",
    "check_sigmoid_backward",
    "check_two_layer_backward",
    "course_two_layer_backward",
    "draw_neuron_graph",
    "hand_values",
    "two_layer_forward",
]

#: The numbers of the hand exercise: one input, one weight, one bias, one target.
HAND_EXAMPLE = {"x": 1.5, "w": -0.8, "b": 0.4, "y": 1.0}

#: The numbers of the lesson's worked graph (section 1), which the exercise does not use.
WORKED_EXAMPLE = {"x": 2.0, "w": 0.5, "b": -0.5, "y": 1.0}


def hand_values(x: float, w: float, b: float, y: float) -> dict[str, float]:
    """Forward values and gradients of ``loss = (sigmoid(w * x + b) - y) ** 2``.

    Returns
    -------
    dict of str to float
        ``z``, ``a``, ``loss``, then ``dL_da``, ``dL_dz``, ``dL_dw``, ``dL_db``, ``dL_dx``.

    Examples
    --------
    >>> values = hand_values(2.0, 0.5, -0.5, 1.0)
    >>> round(values["z"], 4), round(values["dL_dw"], 4)
    (0.5, -0.3548)
    """
    z = w * x + b
    a = float(sigmoid(z))
    dL_da = 2.0 * (a - y)
    dL_dz = dL_da * a * (1.0 - a)
    return {
        "z": z,
        "a": a,
        "loss": (a - y) ** 2,
        "dL_da": dL_da,
        "dL_dz": dL_dz,
        "dL_dw": dL_dz * x,
        "dL_db": dL_dz,
        "dL_dx": dL_dz * w,
    }


# ------------------------------------------------------------------ 07.1 the chain rule by hand

WORKED_NUMBERS = Mistake(
    "07.1/worked-example",
    "used the numbers of the worked graph",
    "the lesson's first drawing of the graph uses x = 2, w = 0.5, b = -0.5; this exercise's "
    "graph has its own numbers: x = 1.5, w = -0.8, b = 0.4, y = 1 (HAND_EXAMPLE).",
)
PRECISION = Mistake(
    "07.1/precision",
    "a value typed with too few digits",
    "your number is the right one, rounded: the graph is right, only the precision is not. "
    "Type at least 4 significant digits, or let Python compute it from your earlier values.",
)
BIAS_SUBTRACTED = Mistake(
    "07.1/bias-subtracted",
    "subtracted the bias in z",
    "the weighted-sum node adds the bias to w x, whatever its sign.",
)
NO_ACTIVATION = Mistake(
    "07.1/no-activation",
    "a equals z: the sigmoid is missing",
    "a is what the sigmoid node outputs for its input z.",
)
LOSS_NOT_SQUARED = Mistake(
    "07.1/loss-not-squared",
    "the loss is not squared",
    "the loss node squares the error a - y.",
)
LOSS_OF_Z = Mistake(
    "07.1/loss-of-z",
    "the loss compares z with y",
    "the loss node receives the neuron's output a, not the weighted sum z.",
)
DA_SIGN = Mistake(
    "07.1/da-sign",
    "wrong sign in dL/da",
    "differentiate (a - y)**2 with respect to a: the inner derivative of a - y is +1.",
)
DA_NO_TWO = Mistake(
    "07.1/da-no-two",
    "missing the factor 2 in dL/da",
    "the derivative of u**2 with respect to u is 2u.",
)
NO_LOCAL = Mistake(
    "07.1/no-local",
    "forgot the sigmoid's local derivative",
    "dL/dz is the upstream dL/da times the sigmoid node's slope da/dz.",
)
AT_OUTPUT = Mistake(
    "07.1/at-output",
    "evaluated the sigmoid's derivative at a instead of at z",
    "the slope is sigma(z) (1 - sigma(z)), and sigma(z) is a itself: do not apply the "
    "sigmoid to a again.",
)
NO_UPSTREAM = Mistake(
    "07.1/no-upstream",
    "used da/dz alone, without the upstream dL/da",
    "at every node: gradient at its input = upstream gradient x local derivative.",
)
TANH_DERIVATIVE = Mistake(
    "07.1/tanh-derivative",
    "used 1 - a**2, the derivative of tanh",
    "this node is a sigmoid; section 2 writes its slope with its output a, and it is not tanh's.",
)
SIGMOID_SIGN = Mistake(
    "07.1/sigmoid-sign",
    "wrote the sigmoid with e^z instead of e^-z",
    "sigmoid(z) = 1 / (1 + e^(-z)), which is above 1/2 for every z > 0: yours gives sigmoid(-z).",
)
SLOPE_OF_Z = Mistake(
    "07.1/slope-of-z",
    "wrote the sigmoid's slope with z: z (1 - z)",
    "the slope of the sigmoid is a (1 - a), with a = sigmoid(z) the node's output; z itself "
    "goes in only through a.",
)
SKIPPED_SIGMOID = Mistake(
    "07.1/skipped-sigmoid",
    "went from dL/da straight to w, b and x, skipping the sigmoid node",
    "the gradient reaches z = w x + b only through the sigmoid: w, b and x get dL/dz, the "
    "gradient after the sigmoid's local derivative, times their own local derivatives.",
)
LOCAL_ONLY = Mistake(
    "07.1/local-only",
    "gave the local derivative alone",
    "at every node: gradient at its input = upstream gradient x local derivative; the local "
    "derivative alone leaves out everything above the node.",
)
LOCAL_Z = Mistake(
    "07.1/local-z",
    "mixed up the local derivatives of z = w x + b",
    "each of w and x is multiplied by the other in z, so that is its local derivative; b is "
    "multiplied by nothing.",
)


def _slips(v: dict[str, float]) -> dict[str, list[tuple[Mistake | None, str, float]]]:
    """For each value of the graph: the right formula (mistake None) and common slips.

    ``v`` holds the example's ``x, w, b, y``, the right ``z`` and ``dL_da`` and the
    student's own upstream values (which replace those), so each entry is
    ``(mistake, what it is in words, its value)``.
    """
    x, w, b, y = v["x"], v["w"], v["b"], v["y"]
    z, a = v.get("z", np.nan), v.get("a", np.nan)
    da, dz = v.get("dL_da", np.nan), v.get("dL_dz", np.nan)
    s_a = float(sigmoid(np.asarray(a)))
    return {
        "z": [(None, "w x + b", w * x + b), (BIAS_SUBTRACTED, "w x - b", w * x - b)],
        "a": [
            (None, "sigmoid of your z", float(sigmoid(np.asarray(z)))),
            (NO_ACTIVATION, "your z", z),
            (SIGMOID_SIGN, "sigmoid(-your z)", float(sigmoid(np.asarray(-z)))),
        ],
        "loss": [
            (None, "(your a - y)**2", (a - y) ** 2),
            (LOSS_NOT_SQUARED, "|your a - y|", abs(a - y)),
            (LOSS_NOT_SQUARED, "your a - y", a - y),
            (LOSS_OF_Z, "(your z - y)**2", (z - y) ** 2),
        ],
        "dL_da": [
            (None, "2 (your a - y)", 2 * (a - y)),
            (DA_SIGN, "2 (y - your a)", 2 * (y - a)),
            (DA_NO_TWO, "your a - y", a - y),
        ],
        "dL_dz": [
            (None, "your dL_da x your a (1 - your a)", da * a * (1 - a)),
            (NO_LOCAL, "your dL_da", da),
            (AT_OUTPUT, "your dL_da x sigmoid(a) (1 - sigmoid(a))", da * s_a * (1 - s_a)),
            (NO_UPSTREAM, "your a (1 - your a)", a * (1 - a)),
            (TANH_DERIVATIVE, "your dL_da x (1 - your a**2)", da * (1 - a * a)),
            (SLOPE_OF_Z, "your dL_da x z (1 - z)", da * z * (1 - z)),
        ],
        "dL_dw": [
            (None, "your dL_dz x x", dz * x),
            (LOCAL_Z, "your dL_dz x w", dz * w),
            (LOCAL_Z, "your dL_dz", dz),
            (SKIPPED_SIGMOID, "dL_da x x", da * x),
            (WORKED_NUMBERS, "your dL_dz x the worked graph's x", dz * WORKED_EXAMPLE["x"]),
        ],
        "dL_db": [
            (None, "your dL_dz", dz),
            (LOCAL_Z, "your dL_dz x x", dz * x),
            (LOCAL_Z, "your dL_dz x w", dz * w),
            (LOCAL_Z, "your dL_dz x b", dz * b),
            (SKIPPED_SIGMOID, "dL_da", da),
            (LOCAL_ONLY, "1, the local derivative of z with respect to b", 1.0),
        ],
        "dL_dx": [
            (None, "your dL_dz x w", dz * w),
            (LOCAL_Z, "your dL_dz x x", dz * x),
            (LOCAL_Z, "your dL_dz", dz),
            (SKIPPED_SIGMOID, "dL_da x w", da * w),
            (WORKED_NUMBERS, "your dL_dz x the worked graph's w", dz * WORKED_EXAMPLE["w"]),
        ],
    }


#: Hand-computed values pass within these tolerances (4 significant digits).
_CLOSE = {"rtol": 1e-3, "atol": 1e-4}


def _number(value: Any) -> float | None:
    """``value`` as a float if numpy treats it as a real number (0-d arrays too), else None."""
    if isinstance(value, bool | np.bool_ | str | bytes) or np.ndim(value) != 0:
        return None
    array = np.asarray(value)
    if not np.issubdtype(array.dtype, np.number) or np.iscomplexobj(array):
        return None
    return float(array)


def _rounded(value: float, right: float) -> int | None:
    """The number of decimals ``value`` was typed with, if it is ``right`` cut to that many.

    Rounded to one decimal, or rounded or truncated to two or three.

    >>> _rounded(-0.29, -0.2952), _rounded(0.4, 0.4761), _rounded(0.5, 0.4761)
    (2, None, 1)
    """
    for decimals in (1, 2, 3):
        typed = abs(value - round(value, decimals)) < 1e-12
        limit = 10.0**-decimals * (0.5 if decimals == 1 else 1.0)
        if typed and abs(value - right) <= limit:
            return decimals
    return None


def check_hand_value(name: str, got: Any, **yours: Any) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``got`` is the value ``name`` of 07.1.

    The right value (of :data:`HAND_EXAMPLE`'s graph) is asked from the oracle;
    values pass to 4 significant digits. A wrong value is explained with the
    student's own upstream values ``yours`` (e.g. ``a=..., dL_da=...`` for
    ``dL_dz``): a value that follows correctly from a wrong upstream value says
    so, and a known slip (a missing factor, a mixed-up local derivative) is named.

    Parameters
    ----------
    name : str
        One of ``z, a, loss, dL_da, dL_dz, dL_dw, dL_db, dL_dx``.
    got : float
        The student's number (a 0-d array is a number too).
    **yours : float
        The student's values that ``name`` is computed from.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("07.1")
    >>> grader.case(lambda: check_hand_value("z", np.array(-0.8)), "z")
    >>> grader.case(lambda: check_hand_value("dL_dw", 0.2362, dL_dz=-0.2952), "dL_dw")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    07.1 The chain rule by hand: 1 of 2 cases passed, ...
      PASS  z
      FAIL  dL_dw: mixed up the local derivatives of z = w x + b: ... is your dL_dz x w.
    """
    right = ask("hand value", name)
    right_upstream = {key: ask("hand value", key) for key in sorted(yours)}
    value = _number(got)
    require(value is not None, f"{name} must be a number, got {type(got).__name__}.")
    if np.isclose(value, right, **_CLOSE):
        return
    decimals = _rounded(value, right)
    require(
        decimals is None,
        PRECISION,
        f"Your {name} = {value:g} has {decimals} decimal(s); 4 significant digits pass.",
    )
    copied = hand_values(**WORKED_EXAMPLE)[name]
    require(not np.isclose(value, copied, **_CLOSE), WORKED_NUMBERS, f"Your {name} = {value:g}.")
    numbers = {key: _number(item) for key, item in yours.items()}
    known = {key: item for key, item in numbers.items() if item is not None}
    graph = {key: ask("hand value", key) for key in ("z", "dL_da")}
    slips = _slips({**HAND_EXAMPLE, **graph, **known})[name]
    fits = [
        (mistake, words) for mistake, words, wrong in slips if np.isclose(value, wrong, **_CLOSE)
    ]
    said = f"Your {name} = {value:.4g}"
    follows = [words for mistake, words in fits if mistake is None]
    if follows:
        wrong = [
            key
            for key in sorted(known)
            if not np.isclose(known[key], right_upstream[key], **_CLOSE)
        ]
        require(bool(wrong), PRECISION, f"{said} is {follows[0]}, from your rounded values.")
        raise CheckFailed(
            f"{name} follows correctly from your {' and '.join(wrong)}, which is not right "
            "yet: fix that first.",
            f"{said} is {follows[0]}.",
        )
    named = {mistake for mistake, _ in fits}
    if len(named) == 1:
        mistake, words = fits[0]
        raise mistake.fail(f"{said} is {words}.")
    raise CheckFailed(
        f"{name} is not right yet; go through the graph one node at a time.", f"{said}."
    )


# ------------------------------------------------------------------ the network of section 5


def two_layer_forward(X, W1, b1, W2, b2) -> tuple[np.ndarray, tuple]:
    """The lesson's two-layer network, ``out = relu(X @ W1 + b1) @ W2 + b2``, and its cache.

    Returns
    -------
    out : ndarray, shape (N, D_out)
    cache : tuple
        ``(cache1, Z1, cache2)``: the caches of :func:`wbcourse.layers.dense_forward`
        for both layers (each ``(X, W, b)``) and the hidden weighted sums ``Z1``.

    Examples
    --------
    >>> out, cache = two_layer_forward(np.ones((2, 3)), np.ones((3, 4)), np.zeros(4),
    ...                                np.ones((4, 1)), np.array([0.5]))
    >>> out.ravel(), len(cache)
    (array([12.5, 12.5]), 3)
    """
    Z1, cache1 = dense_forward(X, W1, b1)  # layer 1: weighted sums, (N, H)
    A1 = relu(Z1)  # hidden activations, (N, H)
    out, cache2 = dense_forward(A1, W2, b2)  # layer 2: outputs, (N, D_out)
    return out, (cache1, Z1, cache2)


def course_two_layer_backward(dout, cache: tuple) -> tuple[np.ndarray, ...]:
    """The course's answer to 07.4: ``(dX, dW1, db1, dW2, db2)`` from ``dout`` and the cache
    of :func:`two_layer_forward`.

    Examples
    --------
    >>> out, cache = two_layer_forward(np.ones((2, 3)), np.ones((3, 4)), np.zeros(4),
    ...                                np.ones((4, 1)), np.array([0.5]))
    >>> [grad.shape for grad in course_two_layer_backward(np.ones_like(out), cache)]
    [(2, 3), (3, 4), (4,), (4, 1), (1,)]
    """
    cache1, Z1, cache2 = cache
    dA1, dW2, db2 = dense_backward(dout, cache2)
    dX, dW1, db1 = dense_backward(dA1 * (Z1 > 0), cache1)
    return dX, dW1, db1, dW2, db2


# ------------------------------------------------------------------ 07.4 two_layer_backward

_GRADIENTS = ("dX", "dW1", "db1", "dW2", "db2")


def _measured(X, W1, b1, W2, b2, dout) -> list[np.ndarray]:
    """Central-difference gradients of ``sum(two_layer_forward(...)[0] * dout)``."""
    inputs = [np.array(item, dtype=float) for item in (X, W1, b1, W2, b2)]

    def objective_of(position: int) -> Callable[[np.ndarray], float]:
        def objective(value: np.ndarray) -> float:
            changed = [*inputs[:position], value, *inputs[position + 1 :]]
            return float(np.sum(two_layer_forward(*changed)[0] * dout))

        return objective

    return [numerical_gradient(objective_of(i), inputs[i]) for i in range(len(inputs))]


# ------------------------------------------------------------------ 07.2 sigmoid_backward

OVERFLOW = Mistake(
    "07.2/overflow",
    "the sigmoid's slope overflows far from 0",
    "e^-Z overflows for Z near -800 (and e^Z near +800): take s from a stable sigmoid, the "
    "one of exercise 03.2 or the course's, and return dA * s * (1 - s).",
)

#: Ordinary inputs on which the slips of 07.2 compute something.
ORDINARY = ((np.array([1.0, -2.0, 0.5]), np.array([0.5, -1.0, 2.0])),)


def check_sigmoid_backward(sigmoid_backward: Callable[..., Any], dA, Z) -> None:
    """A case of exercise 07.2: ``sigmoid_backward(dA, Z)`` must be right, without a warning.

    An answer that overflows here but is right on ordinary inputs is :data:`OVERFLOW`
    (see :func:`~wbcourse.lessonlib.lesson02.check_probed`).

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> def naive(dA, Z):
    ...     s = 1 / (1 + np.exp(-Z))
    ...     return dA * s * (1 - s)
    >>> grader = Grader("07.2")
    >>> grader.case(lambda: check_sigmoid_backward(naive, np.ones(2), np.array([-800.0, 800.0])))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    07.2 sigmoid_backward: 0 of 1 cases passed, 0 of 2 points
      FAIL  case 1: the sigmoid's slope overflows far from 0: ...
    """
    library = (activations.sigmoid_backward, activations.get)
    check_probed(
        sigmoid_backward, (dA, Z), ORDINARY, library=library, warned={"overflow": OVERFLOW}
    )


# ------------------------------------------------------------------ 07.3 dense_backward

#: A square layer (as many examples, inputs and neurons): every slip of 07.3 runs on it.
SQUARE_BACKWARD = (
    (
        np.array([[1.0, -2.0, 0.5], [0.0, 1.0, -1.0], [2.0, 0.5, 1.0]]),
        (
            np.array([[0.5, 1.0, -1.0], [2.0, 0.0, 1.0], [-1.0, 1.5, 0.5]]),
            np.array([[1.0, 0.5, -2.0], [0.0, -1.0, 1.0], [3.0, 2.0, 0.5]]),
            np.array([0.1, -0.2, 0.3]),
        ),
    ),
)


def check_dense_backward(dense_backward: Callable[..., Any], dZ, cache) -> None:
    """A case of exercise 07.3: ``dense_backward(dZ, cache)`` must return ``(dX, dW, db)``.

    An answer that raises is also run on :data:`SQUARE_BACKWARD`, where a slip such as
    ``dZ @ W`` (no transpose) runs and can be named (see
    :func:`~wbcourse.lessonlib.lesson02.check_probed`).

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> def untransposed(dZ, cache):
    ...     X, W, b = cache
    ...     return dZ @ W, X.T @ dZ, dZ.sum(axis=0)
    >>> grader = Grader("07.3")
    >>> for n in (4, 5):
    ...     dZ, cache = np.ones((n, 2)), (np.ones((n, 3)), np.ones((3, 2)), np.zeros(2))
    ...     grader.case(lambda: check_dense_backward(untransposed, dZ, cache))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    07.3 dense_backward: 0 of 2 cases passed, 0 of 3 points
      FAIL  case 1: dX without the transpose of W: ...
      FAIL  case 2: dX without the transpose of W: ...
    """
    check_probed(dense_backward, (dZ, cache), SQUARE_BACKWARD, library=(layers.dense_backward,))


def check_two_layer_backward(two_layer_backward, X, W1, b1, W2, b2, dout) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``two_layer_backward`` is right.

    The student's backward pass gets ``dout`` and the cache of
    :func:`two_layer_forward` on ``X, W1, b1, W2, b2``, and runs with the
    course's ``dense_backward`` in place of the student's (exercise 07.3 grades
    that one). Its five gradients are compared with the reference answer, which
    names the known mistakes; a wrong answer's message gives the relative error
    of each gradient against a gradient check (central differences of the
    forward pass), which points at the gradients to look at.

    Parameters
    ----------
    two_layer_backward : callable
        ``two_layer_backward(dout, cache) -> (dX, dW1, db1, dW2, db2)``.
    X, W1, b1, W2, b2 : ndarray
        The network's input and parameters, shapes ``(N, D_in)``, ``(D_in, H)``,
        ``(H,)``, ``(H, D_out)``, ``(D_out,)``.
    dout : ndarray, shape (N, D_out)
        The upstream gradient.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> rng = np.random.default_rng(0)
    >>> args = [rng.normal(size=shape) for shape in ((3, 2), (2, 4), (4,), (4, 1), (1,), (3, 1))]
    >>> grader = Grader("07.4")
    >>> grader.case(lambda: check_two_layer_backward(course_two_layer_backward, *args), "right")
    >>> def no_relu(dout, cache):
    ...     (X, W1, b1), Z1, (A1, W2, b2) = cache
    ...     dA1 = dout @ W2.T
    ...     return dA1 @ W1.T, X.T @ dA1, dA1.sum(0), A1.T @ dout, dout.sum(0)
    >>> grader.case(lambda: check_two_layer_backward(no_relu, *args), "no ReLU")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    07.4 two_layer_backward: 1 of 2 cases passed, ...
      PASS  right
      FAIL  no ReLU: the gradient check fails for dX, dW1, db1: ... dX: 1.0e+00, ...
    """
    _, cache = two_layer_forward(X, W1, b1, W2, b2)
    answer = ask("reference", X, W1, b1, W2, b2, dout, called_with=(dout, cache))
    backward = with_helpers(two_layer_backward, dense_backward=dense_backward)
    grads, _ = call_checked(backward, dout, cache)
    try:
        check_answer(grads, answer, "your gradients")
    except CheckFailed as failure:
        if not (isinstance(grads, tuple | list) and len(grads) == len(_GRADIENTS)):
            raise
        measured = _measured(X, W1, b1, W2, b2, dout)
        errors = {}
        for key, grad, numeric in zip(_GRADIENTS, grads, measured, strict=True):
            try:
                grad = np.asarray(grad, dtype=float)
            except (TypeError, ValueError):  # not numbers
                grad = None
            same = grad is not None and grad.shape == numeric.shape
            errors[key] = rel_error(grad, numeric) if same else np.inf
        wrong = [key for key, error in errors.items() if not error < 1e-7]
        if not wrong:  # off by less than a gradient check can see: the comparison says it
            raise
        table = ", ".join(f"{key}: {error:.1e}" for key, error in errors.items())
        raise CheckFailed(
            f"the gradient check fails for {', '.join(wrong)}: look at the backward step of "
            "the highest layer among them, or at the step just above it.",
            f"{failure} Relative errors against central differences: {table}.",
        ) from None


# ------------------------------------------------------------------ the figure


def draw_neuron_graph(ax, x: float, w: float, b: float, y: float) -> None:
    """Draw the graph ``x, w, b -> z -> a -> loss`` with forward values and backward gradients.

    Boxes are the graph's nodes; along every arrow the forward value is written
    above in green and the gradient of the loss with respect to it below in red.

    Parameters
    ----------
    ax : matplotlib Axes
    x, w, b, y : float
        Input, weight, bias and target of the one-neuron example.
    """
    from matplotlib.patches import FancyBboxPatch

    v = hand_values(x, w, b, y)
    ax.set_xlim(-0.5, 13.0)
    ax.set_ylim(-1.0, 3.2)
    ax.axis("off")
    green, red = "#1a7f37", "#c62828"

    def box(cx, cy, text, width=1.7, color="#e8eef7"):
        ax.add_patch(
            FancyBboxPatch(
                (cx - width / 2, cy - 0.28),
                width,
                0.56,
                boxstyle="round,pad=0.05",
                facecolor=color,
                edgecolor="black",
                linewidth=1,
            )
        )
        ax.text(cx, cy, text, ha="center", va="center", fontsize=11)

    def arrow(start, end, forward, backward, at=0.5, side="both"):
        ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="->", lw=1.4))
        mx = start[0] + at * (end[0] - start[0])
        my = start[1] + at * (end[1] - start[1])
        offsets = {"both": (0.1, -0.1), "above": (0.45, 0.12), "below": (-0.22, -0.52)}[side]
        for text, color, dy in ((forward, green, offsets[0]), (backward, red, offsets[1])):
            ax.text(
                mx,
                my + dy,
                text,
                color=color,
                ha="center",
                fontsize=9,
                va="bottom" if side == "above" or (side == "both" and dy > 0) else "top",
            )

    for cy, name in ((2.4, "x"), (1.2, "w"), (0.0, "b")):
        box(0.2, cy, f"${name}$", width=0.7, color="#fff4d6")
    box(4.4, 1.2, "$z = w x + b$", width=1.9)
    box(8.0, 1.2, r"$a = \sigma(z)$", width=1.6)
    box(11.6, 1.2, "$L = (a - y)^2$", width=2.0)
    box(11.6, -0.5, "$y$", width=0.7, color="#fff4d6")
    arrow((0.6, 2.4), (3.4, 1.4), f"x = {x:g}", f"dL/dx = {v['dL_dx']:.3f}", side="above")
    arrow((0.6, 1.2), (3.4, 1.2), f"w = {w:g}", f"dL/dw = {v['dL_dw']:.3f}", at=0.4)
    arrow((0.6, 0.0), (3.4, 1.0), f"b = {b:g}", f"dL/db = {v['dL_db']:.3f}", side="below")
    arrow((5.4, 1.2), (7.15, 1.2), f"z = {v['z']:.3f}", f"dL/dz = {v['dL_dz']:.3f}")
    arrow((8.85, 1.2), (10.55, 1.2), f"a = {v['a']:.3f}", f"dL/da = {v['dL_da']:.3f}")
    ax.annotate("", xy=(11.6, 0.88), xytext=(11.6, -0.18), arrowprops=dict(arrowstyle="->", lw=1.4))
    ax.text(11.75, 0.35, f"y = {y:g}", color=green, fontsize=9, va="center")
    ax.text(11.6, 1.6, f"L = {v['loss']:.3f}", color=green, ha="center", va="bottom", fontsize=9)
    ax.text(11.6, 1.95, "dL/dL = 1", color=red, ha="center", va="bottom", fontsize=9)
    ax.text(6.2, 2.95, "forward pass: values, left to right", color=green, ha="center", fontsize=10)
    ax.text(
        6.2,
        -0.85,
        "backward pass: gradients of L, right to left",
        color=red,
        ha="center",
        fontsize=10,
    )
