"""Lesson 07, backpropagation: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse import activations
from wbcourse.activations import sigmoid, sigmoid_backward
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.gradcheck import numerical_gradient
from wbcourse.layers import dense_backward
from wbcourse.lessonlib import lesson07
from wbcourse.lessonlib.lesson07 import (
    HAND_EXAMPLE,
    course_two_layer_backward,
    hand_values,
    two_layer_forward,
)

# ------------------------------------------------------------------ 07.1 by hand

exercise(
    id="07.1",
    title="The chain rule by hand",
    points=2,
    reference=None,
    library_versions=(hand_values,),
    questions={"hand value": lambda name: hand_values(**HAND_EXAMPLE)[name]},
    checked=(
        lesson07.PRECISION,
        lesson07.BIAS_SUBTRACTED,
        lesson07.NO_ACTIVATION,
        lesson07.LOSS_NOT_SQUARED,
        lesson07.LOSS_OF_Z,
        lesson07.DA_SIGN,
        lesson07.DA_NO_TWO,
        lesson07.NO_LOCAL,
        lesson07.AT_OUTPUT,
        lesson07.NO_UPSTREAM,
        lesson07.TANH_DERIVATIVE,
        lesson07.LOCAL_Z,
        lesson07.WORKED_NUMBERS,
        lesson07.SIGMOID_SIGN,
        lesson07.SLOPE_OF_Z,
        lesson07.SKIPPED_SIGMOID,
        lesson07.LOCAL_ONLY,
    ),
)

# ------------------------------------------------------------------ 07.2 sigmoid_backward


def _sigmoid_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


exercise(
    id="07.2",
    title="sigmoid_backward",
    points=2,
    reference=_sigmoid_backward,
    library_versions=(sigmoid_backward, activations.get),
    fingerprints=(
        Fingerprint(
            Mistake(
                "07.2/added-slope",
                "added the sigmoid's slope to dA instead of multiplying",
                "the chain rule multiplies: dZ = dA * s * (1 - s).",
            ),
            lambda dA, Z: dA + sigmoid(Z) * (1.0 - sigmoid(Z)),
        ),
        Fingerprint(
            Mistake(
                "07.2/z-as-a",
                "used Z as if it were the activation A",
                "the second argument is Z, the input of the sigmoid; compute its output from Z "
                "first and build the slope from that.",
            ),
            lambda dA, Z: dA * Z * (1.0 - Z),
        ),
        Fingerprint(
            Mistake(
                "07.2/at-output",
                "derivative evaluated at the output",
                "you applied the sigmoid twice: the slope is built from s = sigmoid(Z) itself, "
                "not from sigmoid(s).",
            ),
            lambda dA, Z: dA * sigmoid(sigmoid(Z)) * (1.0 - sigmoid(sigmoid(Z))),
        ),
        Fingerprint(
            Mistake(
                "07.2/no-upstream",
                "forgot the upstream gradient dA",
                "the chain rule multiplies the local derivative by the gradient arriving from "
                "above, dA.",
            ),
            lambda dA, Z: sigmoid(Z) * (1.0 - sigmoid(Z)),
        ),
        Fingerprint(
            Mistake(
                "07.2/times-sigmoid",
                "multiplied by the sigmoid instead of its derivative",
                "dA must be multiplied by the slope of the sigmoid at Z, not by its value.",
            ),
            lambda dA, Z: dA * sigmoid(Z),
        ),
        Fingerprint(
            Mistake(
                "07.2/tanh",
                "used the derivative of tanh",
                "1 - s**2 is the derivative of tanh; the sigmoid's slope is section 2's formula.",
            ),
            lambda dA, Z: dA * (1.0 - sigmoid(Z) ** 2),
        ),
        Fingerprint(
            Mistake(
                "07.2/relu",
                "used the ReLU's derivative",
                "dA * (Z > 0) is the ReLU's backward pass; the sigmoid's slope is smooth and "
                "never exactly 0 or 1.",
            ),
            lambda dA, Z: dA * (Z > 0),
        ),
        Fingerprint(
            Mistake(
                "07.2/sigmoid-of-dA",
                "took the sigmoid of dA instead of Z",
                "the slope belongs to the forward pass: sigma(Z) * (1 - sigma(Z)), with Z the "
                "input the layer saw. dA only multiplies it.",
            ),
            lambda dA, Z: _sigmoid_backward(dA, dA),
        ),
        Fingerprint(
            Mistake(
                "07.2/tanh-slope",
                "used the slope of tanh, 1 - tanh(Z)**2",
                "this layer's activation is the sigmoid: its slope is section 2's formula, "
                "written with sigma(Z).",
            ),
            lambda dA, Z: dA * (1.0 - np.tanh(Z) ** 2),
        ),
        Fingerprint(
            Mistake(
                "07.2/matrix-product",
                "a matrix product where the product is entry by entry",
                "each entry of dA meets the slope of its own entry of Z: multiply with *, which "
                "keeps the shape of Z; np.dot and @ add up products across entries.",
            ),
            lambda dA, Z: np.dot(dA, _sigmoid_backward(np.ones_like(Z), Z)),
        ),
        Fingerprint(
            Mistake(
                "07.2/batch-summed",
                "added up the rows of the batch",
                "dZ has the shape of Z, one row per example; sums over the batch belong to the "
                "bias gradient, later.",
            ),
            lambda dA, Z: np.sum(_sigmoid_backward(dA, Z), axis=0),
        ),
        Fingerprint(
            Mistake(
                "07.2/over-n",
                "divided by the batch size",
                "the 1/N of the mean loss is already inside dA; the activation's backward step "
                "only multiplies by the local slope.",
            ),
            lambda dA, Z: _sigmoid_backward(dA, Z) / len(dA),
        ),
    ),
    checked=(lesson07.OVERFLOW,),
)

# ------------------------------------------------------------------ 07.3 dense_backward


def _dense_backward(dZ: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, W, _ = cache
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


exercise(
    id="07.3",
    title="dense_backward",
    points=3,
    reference=_dense_backward,
    library_versions=(dense_backward,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "07.3/both-over-n",
                "divided dW and db by N again",
                "the 1/N of the mean loss is already inside dZ; dW and db add up the rows' "
                "contributions without dividing again.",
            ),
            lambda dZ, cache: (
                dZ @ cache[1].T,
                cache[0].T @ dZ / len(dZ),
                dZ.sum(axis=0) / len(dZ),
            ),
        ),
        Fingerprint(
            Mistake(
                "07.3/dX-no-transpose",
                "dX without the transpose of W",
                "Z = X @ W, so the gradient flows back through W transposed: dX = dZ @ W.T, of "
                "the shape of X, (N, D_in).",
            ),
            lambda dZ, cache: (dZ @ cache[1], cache[0].T @ dZ, dZ.sum(axis=0)),
        ),
        Fingerprint(
            Mistake(
                "07.3/transposed",
                "transposed products",
                "a gradient has the shape of what it differentiates: dW must be "
                "(D_in, D_out) like W, and dX (N, D_in) like X. Which transpose gives those "
                "shapes?",
            ),
            lambda dZ, cache: (cache[1] @ dZ.T, dZ.T @ cache[0], dZ.sum(axis=0)),
        ),
        Fingerprint(
            Mistake(
                "07.3/dW-transposed",
                "dW transposed",
                "your dW has the shape of W.T; dW must have the shape of W, (D_in, D_out).",
            ),
            lambda dZ, cache: (dZ @ cache[1].T, dZ.T @ cache[0], dZ.sum(axis=0)),
        ),
        Fingerprint(
            Mistake(
                "07.3/db-mean",
                "db as a mean instead of a sum: 1/N times the right one",
                "each bias is added to every one of the N rows, so its gradient adds up the "
                "N rows' gradients; the 1/N is already inside dZ.",
            ),
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.mean(axis=0)),
        ),
        Fingerprint(
            Mistake(
                "07.3/dW-over-n",
                "divided dW by N again: 1/N times the right one",
                "dZ already holds the 1/N of the mean loss; X.T @ dZ adds up the examples' "
                "contributions, and that sum is the gradient.",
            ),
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ / len(dZ), dZ.sum(axis=0)),
        ),
        Fingerprint(
            Mistake(
                "07.3/db-axis",
                "db summed over the wrong axis",
                "db needs one value per neuron, shape (D_out,): sum over the examples (the rows).",
            ),
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.sum(axis=1)),
        ),
        Fingerprint(
            Mistake(
                "07.3/db-keepdims",
                "db has shape (1, D_out)",
                "b has shape (D_out,), and so must db: sum over the rows without keeping that "
                "axis.",
            ),
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.sum(axis=0, keepdims=True)),
        ),
        Fingerprint(
            Mistake(
                "07.3/db-not-summed",
                "db is dZ itself, one row per example",
                "each bias is added to all N rows, so its gradient adds up the N rows of dZ: "
                "db has shape (D_out,), like b.",
            ),
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ),
        ),
        Fingerprint(
            Mistake(
                "07.3/db-total",
                "db summed over every entry: one number",
                "db needs one value per neuron, shape (D_out,): sum over the examples (the rows) "
                "only.",
            ),
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.sum()),
        ),
        Fingerprint(
            Mistake(
                "07.3/no-dX",
                "forgot dX",
                "return three gradients, (dX, dW, db): the layer below needs dX to continue "
                "the backward pass.",
            ),
            lambda dZ, cache: (cache[0].T @ dZ, dZ.sum(axis=0)),
        ),
        Fingerprint(
            Mistake(
                "07.3/order",
                "gradients in the wrong order",
                "return the gradients in the order of the forward pass's inputs: (dX, dW, db).",
            ),
            lambda dZ, cache: (cache[0].T @ dZ, dZ @ cache[1].T, dZ.sum(axis=0)),
        ),
    ),
)

# ------------------------------------------------------------------ 07.4 two_layer_backward


def _two_layer_grads(X, W1, b1, W2, b2, dout) -> tuple[np.ndarray, ...]:
    return course_two_layer_backward(dout, two_layer_forward(X, W1, b1, W2, b2)[1])


def _through_hidden(X, W1, b1, W2, b2, dout, local, total=np.sum):
    """The gradients with ``local(Z1, dA1)`` as the hidden layer's backward, ``total`` for db."""
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0.0)
    dZ1 = local(Z1, dout @ W2.T)
    return dZ1 @ W1.T, X.T @ dZ1, total(dZ1, axis=0), A1.T @ dout, total(dout, axis=0)


def _dW2_from_Z1(X, W1, b1, W2, b2, dout):
    """The gradients with layer 2's input taken as Z1, the sums before the ReLU."""
    dX, dW1, db1, _, db2 = _two_layer_grads(X, W1, b1, W2, b2, dout)
    return dX, dW1, db1, (X @ W1 + b1).T @ dout, db2


def _layers_swapped(X, W1, b1, W2, b2, dout):
    """Layer 1's cache used for the step through layer 2 (a shape error unless H = D_out)."""
    cache1, Z1, cache2 = two_layer_forward(X, W1, b1, W2, b2)[1]
    dA1, dW1, db1 = dense_backward(dout, cache1)
    dX, dW2, db2 = dense_backward(dA1 * (Z1 > 0), cache2)
    return dX, dW1, db1, dW2, db2


def _sigmoid_slope(Z1, dA1):
    s = sigmoid(Z1)
    return dA1 * s * (1.0 - s)


exercise(
    id="07.4",
    title="two_layer_backward",
    points=3,
    reference=_two_layer_grads,
    library_versions=(course_two_layer_backward,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "07.4/no-relu",
                "forgot the ReLU's derivative",
                "between dense layer 2 and dense layer 1 sits the ReLU: the gradient passes "
                "only where its input Z1 was positive.",
            ),
            lambda *args: _through_hidden(*args, lambda Z1, dA1: dA1),
        ),
        Fingerprint(
            Mistake(
                "07.4/mask-from-gradient",
                "ReLU mask taken from the gradient",
                "the ReLU lets the gradient through where its input Z1 was positive, whatever "
                "the sign of the gradient itself.",
            ),
            lambda *args: _through_hidden(*args, lambda Z1, dA1: dA1 * (dA1 > 0)),
        ),
        Fingerprint(
            Mistake(
                "07.4/times-activation",
                "multiplied by the ReLU's output instead of its derivative",
                "the ReLU's local derivative is 1 where Z1 > 0 and 0 elsewhere, not the "
                "activation relu(Z1) itself.",
            ),
            lambda *args: _through_hidden(*args, lambda Z1, dA1: dA1 * np.maximum(Z1, 0.0)),
        ),
        Fingerprint(
            Mistake(
                "07.4/mask-at-zero",
                "let the gradient through where Z1 is exactly 0",
                "the ReLU has a kink at Z1 = 0, where this course takes its slope as 0 (section "
                "3): the gradient passes only where Z1 > 0.",
            ),
            lambda *args: _through_hidden(*args, lambda Z1, dA1: dA1 * (Z1 >= 0)),
        ),
        Fingerprint(
            Mistake(
                "07.4/sigmoid-slope",
                "used the sigmoid's derivative for the ReLU",
                "s (1 - s) is the sigmoid's slope; this hidden layer is a ReLU, whose slope "
                "is 1 or 0.",
            ),
            lambda *args: _through_hidden(*args, _sigmoid_slope),
        ),
        Fingerprint(
            Mistake(
                "07.4/db-mean",
                "db as a mean instead of a sum",
                "each bias is added to every row, so its gradient sums over the rows.",
            ),
            lambda *args: _through_hidden(*args, lambda Z1, dA1: dA1 * (Z1 > 0), np.mean),
        ),
        Fingerprint(
            Mistake(
                "07.4/dW2-from-Z1",
                "took Z1 as layer 2's input for dW2",
                "layer 2 multiplies the hidden activations A1 = relu(Z1), so dW2 = A1.T @ dout; "
                "Z1 is the hidden layer's sums before the ReLU.",
            ),
            _dW2_from_Z1,
        ),
        Fingerprint(
            Mistake(
                "07.4/layers-swapped",
                "stepped back through layer 1 first",
                "the backward pass runs the layers in reverse: dout meets layer 2 first, so "
                "its step uses layer 2's cache (the last of the tuple), then the ReLU, then "
                "layer 1.",
            ),
            _layers_swapped,
        ),
        Fingerprint(
            Mistake(
                "07.4/no-dX",
                "forgot dX",
                "return all five gradients, one per input of the forward pass, dX first.",
            ),
            lambda *args: _two_layer_grads(*args)[1:],
        ),
        Fingerprint(
            Mistake(
                "07.4/order",
                "gradients in the wrong order",
                "return (dX, dW1, db1, dW2, db2): the order of the forward pass's inputs.",
            ),
            lambda *args: _two_layer_grads(*args)[3:] + _two_layer_grads(*args)[:3],
        ),
    ),
)

# ------------------------------------------------------------------ 07.5 grad_check


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


def _central(f, x, h, restore=True, divide=2.0, indices=np.ndindex):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in indices(x.shape):
        old = np.copy(x[i])
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
    reference=numerical_gradient,
    library_versions=(numerical_gradient,),
    rtol=1e-4,
    atol=1e-5,
    fingerprints=(
        Fingerprint(
            Mistake(
                "07.5/flat",
                "returned the slopes as a flat vector",
                "the gradient has the shape of x, one slope per entry: build it with "
                "np.zeros_like(x) and fill it by index (np.ndindex walks every entry of any "
                "shape).",
            ),
            lambda f, x, h: numerical_gradient(f, x, h).ravel(),
        ),
        Fingerprint(
            Mistake(
                "07.5/half-step",
                "evaluated f at x instead of x - h",
                "after the +h evaluation, x[i] must go to old - h (two steps down), not back to "
                "old: the central difference compares f(x + h) with f(x - h).",
            ),
            lambda f, x, h: _one_sided(f, x, h, 1.0) / 2.0,
        ),
        Fingerprint(
            Mistake(
                "07.5/forward",
                "forward differences",
                "(f(x + h) - f(x)) / h is only accurate to about h; central differences, "
                "using both neighbours, are accurate to about h**2.",
            ),
            lambda f, x, h: _one_sided(f, x, h, +1),
        ),
        Fingerprint(
            Mistake(
                "07.5/backward",
                "backward differences",
                "(f(x) - f(x - h)) / h is only accurate to about h; use both neighbours, "
                "x + h and x - h.",
            ),
            lambda f, x, h: _one_sided(f, x, h, -1),
        ),
        Fingerprint(
            Mistake(
                "07.5/no-restore",
                "forgot to restore x",
                "after measuring entry i, put its old value back; otherwise every later entry "
                "is measured at a shifted point.",
            ),
            lambda f, x, h: _central(f, x, h, restore=False),
        ),
        Fingerprint(
            Mistake(
                "07.5/same-point",
                "every slope is 0: f saw the same point at x + h and at x - h",
                "x_plus = x gives the same array a second name, it does not copy it: moving "
                "x_plus[i] up and x_minus[i] down then moves one array back and forth. Copy "
                "(x.copy()), and call f on the moved arrays, not on x.",
            ),
            lambda f, x, h: np.zeros_like(np.asarray(x, dtype=float)),
        ),
        Fingerprint(
            Mistake(
                "07.5/over-h",
                "divided by h instead of 2h: twice the right slope",
                "x + h and x - h are 2h apart.",
            ),
            lambda f, x, h: _central(f, x, h, divide=1.0),
        ),
        Fingerprint(
            Mistake(
                "07.5/sign",
                "subtracted in the wrong order: every slope has the wrong sign",
                "the slope is the rise from x - h to x + h over the run 2h: which value comes "
                "first in the difference?",
            ),
            lambda f, x, h: -_central(f, x, h),
        ),
        Fingerprint(
            Mistake(
                "07.5/not-this-h",
                "your slopes are the derivative itself, not the central difference with this h",
                "with a coarse h, (f(x + h) - f(x - h)) / (2 * h) differs from the derivative "
                "by about h**2, and the task asks for exactly that value: use the h you are "
                "given (not a small step of your own, nor a more accurate formula).",
            ),
            lambda f, x, h: _central(f, x, 1e-5),
        ),
        Fingerprint(
            Mistake(
                "07.5/rows",
                "moved whole rows of a 2-D x",
                "range(len(x)) walks over the rows of a 2-D array, so x[i] += h moves a whole "
                "row; np.ndindex(x.shape) walks over every single entry.",
            ),
            lambda f, x, h: _central(f, x, h, indices=lambda shape: range(shape[0])),
        ),
        Fingerprint(
            Mistake(
                "07.5/all-at-once",
                "moved every entry at once",
                "nudge one entry at a time; moving all of x together measures the slope along "
                "one diagonal direction, not each partial derivative.",
            ),
            lambda f, x, h: np.full(np.shape(x), (f(x + h) - f(x - h)) / (2 * h)),
        ),
    ),
)
