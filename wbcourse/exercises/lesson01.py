"""Lesson 01, the neuron: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse.activations import sigmoid
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson01


def _weighted_sum(x: np.ndarray, w: np.ndarray, b: float) -> float:
    return float(x @ w + b)


exercise(
    id="01.1",
    title="weighted_sum",
    points=2,
    reference=_weighted_sum,
    fingerprints=(
        Fingerprint(
            Mistake(
                "01.1/last-product",
                "kept only the last product: the loop overwrote the total",
                "inside the loop, add each product to the running total (total += ...); total = "
                "... replaces it.",
            ),
            lambda x, w, b: float(x[-1] * w[-1] + b),
        ),
        Fingerprint(
            Mistake(
                "01.1/skipped-last",
                "left out the last input (a loop one step short)",
                "range(len(x) - 1) stops before the last index; a loop over every input is "
                "range(len(x)).",
            ),
            lambda x, w, b: float(x[:-1] @ w[:-1] + b),
        ),
        Fingerprint(
            Mistake(
                "01.1/no-bias",
                "forgot the bias",
                "your result equals x · w alone; the neuron adds its bias b once, after the sum.",
            ),
            lambda x, w, b: float(x @ w),
        ),
        Fingerprint(
            Mistake(
                "01.1/no-sum",
                "multiplied inputs and weights but did not add them up",
                "you returned one product per input; the weighted sum is a single number.",
            ),
            lambda x, w, b: x * w + b,
        ),
        Fingerprint(
            Mistake(
                "01.1/bias-per-input",
                "added the bias to every product",
                "the bias belongs to the neuron, not to each input: add it once, not D times.",
            ),
            lambda x, w, b: float(np.sum(x * w + b)),
        ),
        Fingerprint(
            Mistake(
                "01.1/times-bias",
                "multiplied by the bias",
                "the bias is added to the weighted sum, not multiplied with it.",
            ),
            lambda x, w, b: float((x @ w) * b),
        ),
        Fingerprint(
            Mistake(
                "01.1/activation-inside",
                "applied an activation inside the weighted sum",
                "weighted_sum returns z = x · w + b itself; the activation is applied to z "
                "afterwards (it is a function of the weighted sum, not part of it).",
            ),
            lambda x, w, b: float(sigmoid(np.asarray(x @ w + b))),
        ),
        Fingerprint(
            Mistake(
                "01.1/bias-subtracted",
                "subtracted the bias",
                "the bias is added: z = x · w + b. A negative bias is a number below 0, and "
                "adding it already lowers z.",
            ),
            lambda x, w, b: float(x @ w - b),
        ),
        Fingerprint(
            Mistake(
                "01.1/added",
                "added inputs and weights instead of multiplying them",
                "each input is multiplied by its weight; then the products are added up.",
            ),
            lambda x, w, b: float(np.sum(np.add(x, w)) + b),
        ),
        Fingerprint(
            Mistake(
                "01.1/mean",
                "averaged the products instead of adding them",
                "the weighted sum adds the D products; a mean divides that sum by D.",
            ),
            lambda x, w, b: float(np.mean(np.multiply(x, w)) + b),
        ),
        Fingerprint(
            Mistake(
                "01.1/sums-multiplied",
                "multiplied the sum of the inputs by the sum of the weights",
                "that pairs every input with every weight; each input meets only its own weight.",
            ),
            lambda x, w, b: float(np.sum(x) * np.sum(w) + b),
        ),
    ),
)


def _add_bias_input(X: np.ndarray) -> np.ndarray:
    return np.hstack([X, np.ones((X.shape[0], 1))])


exercise(
    id="01.2",
    title="add_bias_input",
    points=2,
    reference=_add_bias_input,
    fingerprints=(
        Fingerprint(
            Mistake(
                "01.2/plus-one",
                "added 1 to every entry instead of adding a column of ones",
                "X + 1 changes the inputs; the bias input is a new column, so the result has D + "
                "1 columns.",
            ),
            lambda X: np.asarray(X, dtype=float) + 1.0,
        ),
        Fingerprint(
            Mistake(
                "01.2/zeros",
                "the extra input is 0, not 1",
                "the bias input is a constant 1, so that its weight is added unchanged.",
            ),
            lambda X: np.hstack([X, np.zeros((X.shape[0], 1))]),
        ),
        Fingerprint(
            Mistake(
                "01.2/first",
                "put the constant input first",
                "the task puts the constant-1 column last, so that np.append(w, b) lines up "
                "with it.",
            ),
            lambda X: np.hstack([np.ones((X.shape[0], 1)), X]),
        ),
        Fingerprint(
            Mistake(
                "01.2/row",
                "added a row instead of a column",
                "every example (row) needs its own constant input: add a column, one 1 per row.",
            ),
            lambda X: np.vstack([X, np.ones((1, X.shape[1]))]),
        ),
        Fingerprint(
            Mistake(
                "01.2/flattened",
                "np.append without an axis flattened X",
                "without axis=1, np.append flattens X into one long row; glue a column of N ones "
                "to the right of X, keeping its N rows.",
            ),
            lambda X: np.append(X, 1.0),
        ),
        Fingerprint(
            Mistake(
                "01.2/ones-like",
                "glued D columns of ones instead of one",
                "np.ones_like(X) has X's shape, (N, D); the bias input is ONE column of ones, (N, "
                "1).",
            ),
            lambda X: np.hstack([X, np.ones_like(X)]),
        ),
        Fingerprint(
            Mistake(
                "01.2/overwrote",
                "overwrote X's last column with ones",
                "the result has one column MORE than X: keep all D inputs and add a column of "
                "ones.",
            ),
            lambda X: np.hstack([np.asarray(X)[:, :-1], np.ones((len(X), 1))]),
        ),
        Fingerprint(
            Mistake(
                "01.2/d-rows",
                "made the column of ones D long instead of N",
                "X.shape is (N, D): the column needs one 1 per example (row), so it has "
                "X.shape[0] entries; X.shape[1] counts the inputs.",
            ),
            lambda X: np.hstack([X, np.ones((np.shape(X)[1], 1))]),
        ),
        Fingerprint(
            Mistake(
                "01.2/flat-ones",
                "glued a flat vector of ones to a 2-D array",
                "np.ones(N) has shape (N,), one axis, and X has two; np.hstack needs a column, "
                "np.ones((N, 1)).",
            ),
            lambda X: np.hstack([X, np.ones(len(X))]),
        ),
    ),
)


def _output_at_zero(w: np.ndarray, b: float) -> float:
    return float(sigmoid(np.asarray(b, dtype=float)))


exercise(
    id="01.3",
    title="output_at_zero",
    points=1,
    reference=_output_at_zero,
    fingerprints=(
        Fingerprint(
            Mistake(
                "01.3/no-bias",
                "left out the bias",
                "sigmoid(0) = 0.5 is the output of a neuron without a bias; this one has b.",
            ),
            lambda w, b: 0.5,
        ),
        Fingerprint(
            Mistake(
                "01.3/zero",
                "answered 0",
                "with every input 0 the weighted sum is b, not 0, and the sigmoid of it is "
                "never exactly 0.",
            ),
            lambda w, b: 0.0,
        ),
        Fingerprint(
            Mistake(
                "01.3/z",
                "returned z, not the activation",
                "b is the weighted sum here; the neuron's output is the activation of it.",
            ),
            lambda w, b: float(b),
        ),
        Fingerprint(
            Mistake(
                "01.3/weights",
                "used the weights",
                "the inputs are all 0, so every weight is multiplied by 0 and drops out.",
            ),
            lambda w, b: float(sigmoid(np.asarray(np.sum(w) + b, dtype=float))),
        ),
        Fingerprint(
            Mistake(
                "01.3/step",
                "used the step function",
                "this neuron's activation is the sigmoid, a smooth curve between 0 and 1.",
            ),
            lambda w, b: float(b > 0),
        ),
        Fingerprint(
            Mistake(
                "01.3/sign",
                "wrong sign inside the sigmoid",
                "sigmoid(z) = 1 / (1 + exp(-z)): check the sign of the exponent. A positive "
                "bias must give an output above 0.5.",
            ),
            lambda w, b: float(sigmoid(-np.asarray(b, dtype=float))),
        ),
        Fingerprint(
            Mistake(
                "01.3/bias-after",
                "added the bias after the activation",
                "the bias is part of the weighted sum z = x · w + b; the activation is applied to "
                "the whole of z.",
            ),
            lambda w, b: float(sigmoid(np.asarray(0.0)) + b),
        ),
        Fingerprint(
            Mistake(
                "01.3/elementwise",
                "one output per weight, not one number",
                "x * w multiplies entry by entry; the weighted sum adds those products up (x @ w) "
                "before the activation.",
            ),
            lambda w, b: sigmoid(np.zeros(len(w)) * w + b),
        ),
    ),
)

exercise(
    id="01.4",
    title="AND, OR and NOT by hand",
    points=3,
    reference=None,
    checked=(lesson01.ZERO_INPUT, lesson01.ANOTHER_GATE, lesson01.EDGE, lesson01.SHAPE),
)
