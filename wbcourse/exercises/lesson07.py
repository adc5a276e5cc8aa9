"""Lesson 07, backpropagation: the chain rule by hand, backward passes, gradient checking."""

from __future__ import annotations

import numpy as np

from wbcourse.activations import relu, sigmoid, sigmoid_backward
from wbcourse.checks import CheckFailed, Mistake, call_quietly, compare, named_mistake, require
from wbcourse.exercises import exercise, get_exercise
from wbcourse.gradcheck import numerical_gradient
from wbcourse.layers import dense_backward, dense_forward

__all__ = [
    "HAND_EXAMPLE",
    "backward_of",
    "check_grad_check",
    "check_hand_value",
    "course_two_layer_backward",
    "draw_neuron_graph",
    "hand_values",
    "two_layer_forward",
]

#: The numbers of the hand exercise: one input, one weight, one bias, one target.
HAND_EXAMPLE = {"x": 1.5, "w": -0.8, "b": 0.4, "y": 1.0}


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


def _hand_mistakes(x: float, w: float, b: float, y: float) -> dict[str, list[tuple[float, str]]]:
    """For each quantity, wrong values from common slips and what the slip was."""
    right = hand_values(x, w, b, y)
    a, z = right["a"], right["z"]
    no_sigma = right["dL_da"]
    at_output = right["dL_da"] * float(sigmoid(a)) * (1.0 - float(sigmoid(a)))
    return {
        "a": [(z, "a is the activation of z: apply the sigmoid to z.")],
        "loss": [
            (abs(a - y), "the loss squares the error a - y."),
            ((z - y) ** 2, "the loss compares the activation a, not z, with y."),
        ],
        "dL_da": [
            (2.0 * (y - a), "wrong sign: differentiate (a - y)**2 with respect to a."),
            (a - y, "missing the factor 2 from the square."),
        ],
        "dL_dz": [
            (no_sigma, "forgot the sigmoid's local derivative: dL/dz = dL/da * da/dz."),
            (
                at_output,
                "evaluated the sigmoid's derivative at a instead of at z: "
                "da/dz = sigmoid(z) * (1 - sigmoid(z)) = a * (1 - a).",
            ),
            (
                right["dL_dz"] / right["dL_da"],
                "dL/dz is the upstream dL/da times the local da/dz, not da/dz alone.",
            ),
        ],
        "dL_dw": [
            (right["dL_dz"] * w, "dz/dw is x (w multiplies x), not w."),
            (right["dL_dz"], "dz/dw is x, not 1: multiply dL/dz by x."),
            (no_sigma * x, "forgot the sigmoid's local derivative on the way from a to z."),
        ],
        "dL_db": [
            (right["dL_dz"] * x, "dz/db is 1: b is added, not multiplied by x."),
            (no_sigma, "forgot the sigmoid's local derivative on the way from a to z."),
        ],
        "dL_dx": [
            (right["dL_dz"] * x, "dz/dx is w, not x."),
            (no_sigma * w, "forgot the sigmoid's local derivative on the way from a to z."),
        ],
    }


def check_hand_value(name: str, got, example: dict | None = None) -> None:
    """Raise :class:`CheckFailed` unless ``got`` is the value ``name`` of the hand example.

    Values are compared to 4 significant digits, so hand-rounded numbers pass.

    Parameters
    ----------
    name : str
        One of the keys of :func:`hand_values`.
    got : float
        The student's number.
    example : dict, optional
        ``x``, ``w``, ``b``, ``y``; :data:`HAND_EXAMPLE` by default.

    Examples
    --------
    >>> check_hand_value("z", -0.8)
    >>> check_hand_value("dL_dz", -1.38)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: dL_dz: forgot the sigmoid's local derivative: ...
    """
    example = HAND_EXAMPLE if example is None else example
    require(
        isinstance(got, int | float | np.number) and not isinstance(got, bool),
        f"{name} must be a number, got {type(got).__name__}.",
    )
    right = hand_values(**example)[name]
    close = {"rtol": 1e-3, "atol": 1e-4}
    if np.isclose(float(got), right, **close):
        return
    for wrong, why in _hand_mistakes(**example).get(name, []):
        if np.isclose(float(got), wrong, **close):
            raise CheckFailed(f"{name}: {why}")
    raise CheckFailed(
        f"{name} is not right yet; go through the graph one node at a time.",
        f"You have {float(got):.4g}.",
    )


exercise(
    id="07.1",
    title="the chain rule by hand",
    points=2,
    reference=hand_values,
    named_by_checks=(
        "wrong sign or missing factor 2 in dL/da",
        "forgot the sigmoid's local derivative",
        "sigmoid derivative evaluated at a instead of z",
        "local derivatives of z mixed up (x for w, w for x, x for b)",
    ),
)


def _sigmoid_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


exercise(
    id="07.2",
    title="sigmoid_backward",
    points=2,
    reference=_sigmoid_backward,
    library_versions=(sigmoid_backward,),
    mistakes=(
        Mistake(
            "used Z as if it were the activation A",
            "the second argument is Z, the input of the sigmoid; compute A = sigmoid(Z) "
            "first and build the derivative from A.",
            lambda dA, Z: dA * Z * (1.0 - Z),
        ),
        Mistake(
            "derivative evaluated at the output",
            "you applied the sigmoid twice: the derivative is s * (1 - s) with s = sigmoid(Z), "
            "not sigmoid(s) * (1 - sigmoid(s)).",
            lambda dA, Z: dA * sigmoid(sigmoid(Z)) * (1.0 - sigmoid(sigmoid(Z))),
        ),
        Mistake(
            "forgot the upstream gradient dA",
            "the chain rule multiplies the local derivative by the gradient arriving from "
            "above, dA.",
            lambda dA, Z: sigmoid(Z) * (1.0 - sigmoid(Z)),
        ),
        Mistake(
            "multiplied by the sigmoid instead of its derivative",
            "dA must be multiplied by the slope of the sigmoid at Z, which is s * (1 - s).",
            lambda dA, Z: dA * sigmoid(Z),
        ),
        Mistake(
            "used the derivative of tanh",
            "1 - s**2 is the derivative of tanh; the sigmoid's is s * (1 - s).",
            lambda dA, Z: dA * (1.0 - sigmoid(Z) ** 2),
        ),
    ),
)


def _dense_backward(dZ: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, W, _ = cache
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


exercise(
    id="07.3",
    title="dense_backward",
    points=3,
    reference=_dense_backward,
    library_versions=(dense_backward,),
    mistakes=(
        Mistake(
            "transposed products",
            "a gradient has the shape of what it differentiates: dW must be "
            "(D_in, D_out) like W, and dX (N, D_in) like X. Which transpose gives those shapes?",
            lambda dZ, cache: (cache[1] @ dZ.T, dZ.T @ cache[0], dZ.sum(axis=0)),
        ),
        Mistake(
            "dW transposed",
            "your dW has the shape of W.T; dW must have the shape of W, (D_in, D_out).",
            lambda dZ, cache: (dZ @ cache[1].T, dZ.T @ cache[0], dZ.sum(axis=0)),
        ),
        Mistake(
            "db as a mean instead of a sum",
            "each bias is added to every one of the N rows, so its gradient adds up the "
            "N rows' gradients; the 1/N is already inside dZ.",
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.mean(axis=0)),
        ),
        Mistake(
            "db summed over the wrong axis",
            "db needs one value per neuron, shape (D_out,): sum over the examples (the rows).",
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.sum(axis=1)),
        ),
        Mistake(
            "forgot dX",
            "return three gradients, (dX, dW, db): the layer below needs dX to continue "
            "the backward pass.",
            lambda dZ, cache: (cache[0].T @ dZ, dZ.sum(axis=0)),
        ),
        Mistake(
            "gradients in the wrong order",
            "return the gradients in the order of the forward pass's inputs: (dX, dW, db).",
            lambda dZ, cache: (cache[0].T @ dZ, dZ @ cache[1].T, dZ.sum(axis=0)),
        ),
    ),
)


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


def _two_layer_grads(X, W1, b1, W2, b2, dout) -> tuple[np.ndarray, ...]:
    return course_two_layer_backward(dout, two_layer_forward(X, W1, b1, W2, b2)[1])


def _two_layer_variant(X, W1, b1, W2, b2, dout, *, mask="Z", db="sum"):
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0.0)
    total = (lambda g: g.sum(axis=0)) if db == "sum" else (lambda g: g.mean(axis=0))
    dA1 = dout @ W2.T
    dZ1 = {"Z": dA1 * (Z1 > 0), "none": dA1, "dA": dA1 * (dA1 > 0)}[mask]
    return dZ1 @ W1.T, X.T @ dZ1, total(dZ1), A1.T @ dout, total(dout)


def backward_of(forward, backward):
    """Compose a forward and a backward pass into ``grads(X, W1, b1, W2, b2, dout)``.

    The test cell of the two-layer exercise compares this composition with the
    reference, so that common mistakes are named.

    Examples
    --------
    >>> from wbcourse.exercises.lesson07 import _two_layer_grads
    >>> rng = np.random.default_rng(0)
    >>> X, W1, W2 = rng.normal(size=(3, 2)), rng.normal(size=(2, 4)), rng.normal(size=(4, 1))
    >>> forward = lambda X, W1, b1, W2, b2: (None, (X, W1, b1, W2, b2))
    >>> backward = lambda dout, cache: _two_layer_grads(*cache, dout)
    >>> grads = backward_of(forward, backward)(X, W1, np.zeros(4), W2, np.zeros(1), np.ones((3, 1)))
    >>> [g.shape for g in grads]
    [(3, 2), (2, 4), (4,), (4, 1), (1,)]
    """

    def grads(X, W1, b1, W2, b2, dout):
        _, cache = forward(X, W1, b1, W2, b2)
        return backward(dout, cache)

    return grads


exercise(
    id="07.4",
    title="two_layer_backward",
    points=3,
    reference=_two_layer_grads,
    mistakes=(
        Mistake(
            "forgot the ReLU's derivative",
            "between dense layer 2 and dense layer 1 sits the ReLU: the gradient passes "
            "only where its input Z1 was positive.",
            lambda *args: _two_layer_variant(*args, mask="none"),
        ),
        Mistake(
            "ReLU mask taken from the gradient",
            "the ReLU lets the gradient through where its input Z1 was positive, whatever "
            "the sign of the gradient itself.",
            lambda *args: _two_layer_variant(*args, mask="dA"),
        ),
        Mistake(
            "db as a mean instead of a sum",
            "each bias is added to every row, so its gradient sums over the rows.",
            lambda *args: _two_layer_variant(*args, db="mean"),
        ),
        Mistake(
            "gradients in the wrong order",
            "return (dX, dW1, db1, dW2, db2): the order of the forward pass's inputs.",
            lambda *args: _two_layer_grads(*args)[3:] + _two_layer_grads(*args)[:3],
        ),
    ),
    named_by_checks=("any wrong gradient: the gradient check lists the relative error per input",),
)


def _grad_check(f, x: np.ndarray, h: float) -> np.ndarray:
    return numerical_gradient(f, x, h)


def _one_sided(f, x, h, sign):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    base = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + sign * h
        grad[i] = sign * (f(x) - base) / h
        x[i] = old
    return grad


def _central(f, x, h, restore=True, divide=2.0):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = f(x)
        x[i] = old - h
        minus = f(x)
        if restore:
            x[i] = old
        grad[i] = (plus - minus) / (divide * h)
    return grad


exercise(
    id="07.5",
    title="grad_check",
    points=2,
    reference=_grad_check,
    library_versions=(numerical_gradient,),
    rtol=1e-4,
    atol=1e-5,
    mistakes=(
        Mistake(
            "forward differences",
            "(f(x + h) - f(x)) / h is only accurate to about h; central differences, "
            "(f(x + h) - f(x - h)) / (2h), are accurate to about h**2.",
            lambda f, x, h: _one_sided(f, x, h, +1),
        ),
        Mistake(
            "backward differences",
            "(f(x) - f(x - h)) / h is only accurate to about h; use both neighbours, "
            "x + h and x - h.",
            lambda f, x, h: _one_sided(f, x, h, -1),
        ),
        Mistake(
            "forgot to restore x",
            "after measuring entry i, put its old value back; otherwise every later entry "
            "is measured at a shifted point.",
            lambda f, x, h: _central(f, x, h, restore=False),
        ),
        Mistake(
            "divided by h instead of 2h",
            "x + h and x - h are 2h apart: divide the difference by 2 * h.",
            lambda f, x, h: _central(f, x, h, divide=1.0),
        ),
        Mistake(
            "moved every entry at once",
            "nudge one entry at a time; moving all of x together measures the slope along "
            "one diagonal direction, not each partial derivative.",
            lambda f, x, h: np.full(np.shape(x), (f(x + h) - f(x - h)) / (2 * h)),
        ),
    ),
)


def check_grad_check(grad_check, f, x: np.ndarray, h: float) -> None:
    """Raise :class:`CheckFailed` unless ``grad_check(f, x, h)`` is right and leaves ``x`` alone.

    The result is compared with central differences (``rtol=1e-4``, ``atol=1e-5``),
    which forward differences miss by about ``h`` times the curvature: test with
    a curved ``f`` and ``h = 1e-3`` so that the difference shows. Wrong values
    are named (forward differences, forgot to restore x, ...) before a changed
    ``x`` is reported.

    Examples
    --------
    >>> f = lambda v: float(np.sum(v**3) + np.sum(v) ** 2)
    >>> x = np.array([0.5, -1.0, 2.0])
    >>> check_grad_check(lambda f, x, h: _grad_check(f, x, h), f, x, 1e-3)
    >>> check_grad_check(lambda f, x, h: _one_sided(f, x, h, 1), f, x, 1e-3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: forward differences: ...
    """
    item = get_exercise("07.5")
    require(
        grad_check is not item.reference and grad_check not in item.library_versions,
        "this is wbcourse's own implementation, imported; write your own version.",
    )
    given = np.array(x, dtype=float)
    got = call_quietly(grad_check, f, given, h)
    expected = numerical_gradient(f, x, h)
    changed = not np.array_equal(given, x)
    try:
        compare(got, expected, "your gradient", rtol=item.rtol, atol=item.atol)
    except CheckFailed as failure:
        if changed:
            raise CheckFailed(
                "forgot to restore x: when your function returned, x had changed, and the "
                "gradient is wrong because later entries were measured at shifted points. "
                "Put each entry's old value back after measuring it."
            ) from None

        def matches(got, wrong) -> bool:
            try:
                compare(got, wrong, rtol=item.rtol, atol=item.atol)
            except CheckFailed:
                return False
            return True

        args = (f, np.array(x, dtype=float), h)
        raise named_mistake(item.mistakes, got, args, matches) or failure from None
    require(
        not changed,
        "mutated x: your gradient is right, but x is not the same after your function "
        "returns. Restore each entry to its saved old value (x[i] = old, not x[i] += h), "
        "or work on a copy.",
    )


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
