"""Lesson 03, activation functions: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse import activations
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson03


def _collapse(W1, b1, W2, b2) -> tuple[np.ndarray, np.ndarray]:
    return W1 @ W2, b1 @ W2 + b2


exercise(
    id="03.1",
    title="Collapse two linear layers",
    points=3,
    reference=_collapse,
    fingerprints=(
        Fingerprint(
            Mistake(
                "03.1/no-b1",
                "dropped the first bias",
                "b1 is added before the second layer multiplies by W2, so it reaches the "
                "output too, transformed by W2. Expand (X @ W1 + b1) @ W2 + b2 term by term.",
            ),
            lambda W1, b1, W2, b2: (W1 @ W2, b2),
        ),
        Fingerprint(
            Mistake(
                "03.1/no-b2",
                "dropped the second bias",
                "b2 is added after everything else and does not depend on X, so it stays in "
                "the combined bias as it is. Expand (X @ W1 + b1) @ W2 + b2 term by term.",
            ),
            lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2),
        ),
        Fingerprint(
            Mistake(
                "03.1/b1-plus-b2",
                "added the biases without passing b1 through W2",
                "b1 goes through the second layer's weights like everything else the first "
                "layer outputs (b1 + b2 only runs at all when H equals D_out). Expand "
                "(X @ W1 + b1) @ W2 + b2 term by term.",
            ),
            lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2),
        ),
        Fingerprint(
            Mistake(
                "03.1/order",
                "multiplied the weights in the wrong order",
                "X is multiplied by W1 first, then by W2; matrix products do not commute, so "
                "the order in the combined W matters.",
            ),
            lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2),
        ),
        Fingerprint(
            Mistake(
                "03.1/b1-side",
                "multiplied b1 by W2 from the wrong side",
                "b1 is a row like the rows of X @ W1, and rows are multiplied by W2 from the "
                "left: row @ W2.",
            ),
            lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2),
        ),
        Fingerprint(
            Mistake(
                "03.1/elementwise",
                "multiplied entry by entry where matrix products were due",
                "the second layer takes weighted sums of the first layer's outputs, which is a "
                "matrix product: W1 @ W2, and b1 @ W2 for the bias that goes through it.",
            ),
            lambda W1, b1, W2, b2: (W1 * W2, b1 * W2 + b2),
        ),
        Fingerprint(
            Mistake(
                "03.1/b1-summed",
                "added up b1 instead of passing it through W2",
                "the second layer weights each hidden bias by its row of W2, as it weights the "
                "hidden outputs: b1 goes through W2 like a row of X @ W1.",
            ),
            lambda W1, b1, W2, b2: (W1 @ W2, np.sum(b1) + b2),
        ),
        Fingerprint(
            Mistake(
                "03.1/b1-in-w",
                "added b1 @ W2 to the weights instead of the bias",
                "b1 @ W2 does not depend on the input, so it belongs to the bias: W = W1 @ W2 "
                "alone, and b takes b1 @ W2 as well as b2.",
            ),
            lambda W1, b1, W2, b2: (W1 @ W2 + b1 @ W2, b2),
        ),
        Fingerprint(
            Mistake(
                "03.1/b-2d",
                "b has shape (1, D_out)",
                "b is a vector, shape (D_out,), like every bias in this course: b1 @ W2 + b2 with "
                "the 1-D b1 gives exactly that.",
            ),
            lambda W1, b1, W2, b2: (W1 @ W2, np.reshape(b1 @ W2 + b2, (1, -1))),
        ),
    ),
)

exercise(
    id="03.2",
    title="A stable sigmoid",
    points=3,
    reference=activations.sigmoid,
    library_versions=(activations.sigmoid, activations.get),
    atol=lesson03.SIGMOID_ATOL,
    fingerprints=(
        Fingerprint(
            Mistake(
                "03.2/flipped",
                "flipped the sign",
                "your sigmoid falls from 1 to 0; sigmoid(z) must grow with z, with "
                "sigmoid(0) = 0.5 and sigmoid(z) close to 1 for large z.",
            ),
            lambda z: activations.sigmoid(-z),
        ),
        Fingerprint(
            Mistake(
                "03.2/tanh",
                "tanh without the 1/2 inside",
                "(1 + tanh(z)) / 2 is sigmoid(2z), a steeper curve. The identity relating the "
                "two halves z inside tanh.",
            ),
            lambda z: (1.0 + np.tanh(z)) / 2.0,
        ),
        Fingerprint(
            Mistake(
                "03.2/abs",
                "lost the sign of z",
                "exp(-|z|) is safe for every z, but 1 / (1 + exp(-|z|)) is sigmoid(|z|): for "
                "z < 0 the fraction must be rewritten (multiply its top and bottom by e^z), "
                "not given |z|.",
            ),
            lambda z: activations.sigmoid(np.abs(z)),
        ),
        Fingerprint(
            Mistake(
                "03.2/no-reciprocal",
                "forgot to take the reciprocal",
                "1 + exp(-z) is the denominator; sigmoid is 1 divided by it.",
            ),
            lambda z: 1.0 + np.exp(-z),
        ),
        Fingerprint(
            Mistake(
                "03.2/clipped",
                "clipped z: values far out are wrong",
                "np.clip(z, -500, 500) avoids the overflow, but sigmoid(-600) is then "
                "sigmoid(-500), 10**43 times too large. Rewrite the formula so that exp only sees "
                "numbers <= 0, and keep every z as it is.",
            ),
            lambda z: activations.sigmoid(np.clip(z, -500.0, 500.0)),
        ),
        Fingerprint(
            Mistake(
                "03.2/zero-far-out",
                "far out, your sigmoid is exactly 0 where it is a tiny positive number",
                "below z of about -37 the right value is tiny but not 0 (4e-18 at -40, 2e-313 "
                "at -720). A cut-off that returns 0, or the identity (1 + tanh(z/2)) / 2, "
                "whose 1 + tanh(z/2) rounds to 0 there, loses it; compute e^z / (1 + e^z) for "
                "negative z instead.",
            ),
            lambda z: 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float))),
        ),
    ),
    checked=(lesson03.OVERFLOW, lesson03.SIGMOID_SILENCED),
)

exercise(
    id="03.3",
    title="relu",
    points=1,
    reference=activations.relu,
    library_versions=(activations.relu, activations.get),
    fingerprints=(
        Fingerprint(
            Mistake(
                "03.3/mask",
                "returned the mask, not the values",
                "you returned 1 where z > 0 (that is ReLU's slope); ReLU passes z itself "
                "through where it is positive.",
            ),
            lambda z: (z > 0).astype(float),
        ),
        Fingerprint(
            Mistake(
                "03.3/minimum",
                "kept the negative part",
                "ReLU keeps the positive values and replaces the negative ones by 0, not the "
                "other way round.",
            ),
            lambda z: np.minimum(z, 0.0),
        ),
        Fingerprint(
            Mistake(
                "03.3/abs",
                "took the absolute value",
                "negative inputs must become 0, not change sign.",
            ),
            lambda z: np.abs(z),
        ),
        Fingerprint(
            Mistake(
                "03.3/np-max",
                "used np.max, the largest entry",
                "np.max(z, 0) is the largest entry along axis 0, one number per column; ReLU "
                "compares every entry with 0 on its own, and numpy has a function for the "
                "entrywise larger of two arrays.",
            ),
            lambda z: np.max(z, 0),
        ),
        Fingerprint(
            Mistake(
                "03.3/leaky",
                "wrote a leaky ReLU",
                "max(z, 0.01 z) keeps a small slope for z < 0; plain ReLU sets every negative "
                "entry to exactly 0.",
            ),
            lambda z: np.maximum(z, 0.01 * z),
        ),
        Fingerprint(
            Mistake(
                "03.3/clipped",
                "capped the output at 1",
                "ReLU has no upper limit: positive inputs pass unchanged, however large.",
            ),
            lambda z: np.clip(z, 0.0, 1.0),
        ),
        Fingerprint(
            Mistake(
                "03.3/int",
                "the output was cast to whole numbers",
                "ReLU keeps positive inputs exactly (1.5 stays 1.5); do not convert to int.",
            ),
            lambda z: np.maximum(z, 0).astype(int),
        ),
    ),
)


def _softmax_rows(Z: np.ndarray, shift: np.ndarray) -> np.ndarray:
    e = np.exp(Z - shift)
    return e / e.sum(axis=1, keepdims=True)


def _batch_sum_softmax(Z):
    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return e / e.sum()


def _shift_numerator_only(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(Z - np.max(Z, axis=1, keepdims=True)) / np.exp(Z).sum(axis=1, keepdims=True)


exercise(
    id="03.4",
    title="A stable softmax",
    points=3,
    reference=activations.softmax,
    library_versions=(activations.softmax,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "03.4/axis",
                "softmax over the wrong axis",
                "your columns sum to 1, not your rows. Each row is one example with C "
                "logits; normalise along axis 1, within each row.",
            ),
            lambda Z: activations.softmax(Z.T).T,
        ),
        Fingerprint(
            Mistake(
                "03.4/whole-sum",
                "divided by the sum of the whole array",
                "each example (row) needs its own normaliser, so that every row sums to 1; "
                "sum along axis 1, one sum per row.",
            ),
            lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
        ),
        Fingerprint(
            Mistake(
                "03.4/sum-keepdims",
                "row sums without keepdims",
                "e.sum(axis=1) has shape (N,), which lines up with the columns: column j is "
                "divided by row j's sum (and most shapes raise an error). Keep the summed axis "
                "(keepdims=True) so that the sums form a column (N, 1).",
            ),
            lambda Z: (lambda e: e / e.sum(axis=1))(np.exp(Z - Z.max(axis=1, keepdims=True))),
        ),
        Fingerprint(
            Mistake(
                "03.4/max-keepdims",
                "row maxima without keepdims",
                "Z.max(axis=1) has shape (N,), which lines up with the columns: row j's "
                "maximum is subtracted from column j (and most shapes raise an error). Keep "
                "the axis (keepdims=True) so that each row loses its own maximum.",
            ),
            lambda Z: _softmax_rows(Z, Z.max(axis=1)),
        ),
        Fingerprint(
            Mistake(
                "03.4/no-keepdims",
                "row maxima and row sums without keepdims",
                "Z.max(axis=1) and e.sum(axis=1) have shape (N,), which lines up with the "
                "columns: row j's maximum and sum act on column j (and most shapes raise an "
                "error). Keep the axis (keepdims=True) so that each row uses its own.",
            ),
            lambda Z: (lambda e: e / e.sum(axis=1))(np.exp(Z - Z.max(axis=1))),
        ),
        Fingerprint(
            Mistake(
                "03.4/column-max",
                "subtracted each column's maximum",
                "a shift leaves a row's softmax unchanged only when the same number is "
                "subtracted from every logit of that row; Z.max(axis=0) subtracts a "
                "different number from each column. Use each row's maximum (axis 1).",
            ),
            lambda Z: _softmax_rows(Z, Z.max(axis=0, keepdims=True)),
        ),
        Fingerprint(
            Mistake(
                "03.4/no-exp",
                "forgot the exponential",
                "dividing the logits by their sum does not give probabilities (logits can be "
                "negative); exponentiate first.",
            ),
            lambda Z: Z / Z.sum(axis=1, keepdims=True),
        ),
        Fingerprint(
            Mistake(
                "03.4/sigmoid",
                "applied the sigmoid to every logit",
                "the sigmoid squashes each logit on its own, so a row does not sum to 1; "
                "softmax divides each exponential by the sum over the whole row.",
            ),
            activations.sigmoid,
        ),
        Fingerprint(
            Mistake(
                "03.4/batch-sum",
                "divided by the sum over the whole batch",
                "each row is one example's distribution and must sum to 1: sum over axis 1, with "
                "keepdims=True.",
            ),
            lambda Z: _batch_sum_softmax(Z),
        ),
        Fingerprint(
            Mistake(
                "03.4/shift-numerator-only",
                "shifted the numerator only",
                "subtract the row's max from every logit before exp, in the numerator and in the "
                "sum alike: then the shift cancels.",
            ),
            lambda Z: _shift_numerator_only(Z),
        ),
    ),
    checked=(lesson03.NO_MAX, lesson03.BATCH_MAX, lesson03.SOFTMAX_SILENCED),
)
