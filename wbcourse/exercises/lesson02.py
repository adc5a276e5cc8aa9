"""Lesson 02, layers: references and known mistakes (the instructor's side)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from wbcourse.activations import sigmoid
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.layers import dense_forward
from wbcourse.lessonlib import lesson02
from wbcourse.network import count_parameters


def _dense_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return X @ W + b


def _bias_by_example(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A loop over the examples that adds b[n], example n's entry, to its whole row."""
    return np.array([X[n] @ W + b[n] for n in range(len(X))])


def _input_count_as_neurons(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The loops of a layer with as many neurons as inputs, W.shape[0]."""
    return np.array([[X[n] @ W[:, j] + b[j] for j in range(W.shape[0])] for n in range(len(X))])


exercise(
    id="02.1",
    title="dense_forward",
    points=3,
    reference=_dense_forward,
    library_versions=(dense_forward,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "02.1/elementwise",
                "multiplied entry by entry where a matrix product was due",
                "X * W multiplies matching entries; the weighted sums need the matrix product "
                "X @ W, which combines every row of X with every column of W.",
            ),
            lambda X, W, b: X * W + b,
        ),
        Fingerprint(
            Mistake(
                "02.1/no-bias",
                "forgot the bias",
                "your Z equals X @ W alone; every neuron adds its own bias, so add b to every row.",
            ),
            lambda X, W, b: X @ W,
        ),
        Fingerprint(
            Mistake(
                "02.1/one-bias",
                "added one bias for the whole layer",
                "you added the same number (b[0]) to every neuron. There is one bias *unit* "
                "per layer, but every neuron has its own bias: b[j] belongs to neuron j, "
                "column j of Z.",
            ),
            lambda X, W, b: X @ W + b[0],
        ),
        Fingerprint(
            Mistake(
                "02.1/bias-column",
                "bias broadcast along the wrong axis",
                "you turned b into a column of shape (D_out, 1). numpy then lines it up with "
                "the rows (the examples), not with the columns (the neurons), and most batch "
                "sizes raise an error; keep b 1-D, shape (D_out,), so that bias j lands in "
                "column j.",
            ),
            lambda X, W, b: X @ W + np.reshape(b, (-1, 1)),
        ),
        Fingerprint(
            Mistake(
                "02.1/z-transposed",
                "returned Z transposed",
                "your result has one row per neuron and one column per example; batch-first "
                "means Z has one row per example: shape (N, D_out).",
            ),
            lambda X, W, b: (X @ W + b).T,
        ),
        Fingerprint(
            Mistake(
                "02.1/bias-on-inputs",
                "added the bias to the inputs",
                "the bias is added after the weighted sum, to each neuron's z, not to the "
                "inputs before they are multiplied by W (that only runs at all when D_in "
                "equals D_out).",
            ),
            lambda X, W, b: (X + b) @ W,
        ),
        Fingerprint(
            Mistake(
                "02.1/w-transposed",
                "multiplied by W transposed",
                "X @ W.T only fits when W is square; W is (D_in, D_out) with one column per "
                "neuron, so X @ W already has one column per neuron.",
            ),
            lambda X, W, b: X @ W.T + b,
        ),
        Fingerprint(
            Mistake(
                "02.1/bias-subtracted",
                "subtracted the bias",
                "z is the weighted sum *plus* the bias; a negative bias is already negative in b.",
            ),
            lambda X, W, b: X @ W - b,
        ),
        Fingerprint(
            Mistake(
                "02.1/relu-inside",
                "applied ReLU inside dense_forward",
                "dense_forward returns the pre-activations Z themselves, negative values "
                "included; the activation function is applied to Z afterwards (lesson 03), "
                "not inside the layer.",
            ),
            lambda X, W, b: np.maximum(X @ W + b, 0.0),
        ),
        Fingerprint(
            Mistake(
                "02.1/sigmoid-inside",
                "applied the sigmoid inside dense_forward",
                "dense_forward returns the pre-activations Z = X @ W + b, any real numbers; "
                "the activation function is a separate step applied to Z afterwards "
                "(lesson 03).",
            ),
            lambda X, W, b: sigmoid(X @ W + b),
        ),
        Fingerprint(
            Mistake(
                "02.1/bias-total",
                "added the sum of all biases to every neuron",
                "each neuron has its own bias: b[j] is added to column j only, which X @ W + b "
                "does by broadcasting.",
            ),
            lambda X, W, b: X @ W + np.sum(b),
        ),
        Fingerprint(
            Mistake(
                "02.1/bias-in-weights",
                "added the biases to the weights",
                "X @ (W + b) multiplies each bias by the sum of the inputs; add b after the "
                "product.",
            ),
            lambda X, W, b: X @ (W + b),
        ),
        Fingerprint(
            Mistake(
                "02.1/bias-by-example",
                "added b[n], indexed by the example, instead of b[j], the neuron's bias",
                "b holds one bias per neuron (column), so row n gets b[0], b[1], ... in its "
                "columns; n counts the examples and has nothing to do with the biases.",
            ),
            _bias_by_example,
        ),
        Fingerprint(
            Mistake(
                "02.1/bias-per-input",
                "added the bias once per input",
                "the bias is added once to each neuron's weighted sum, after the sum over the "
                "inputs, not inside that sum.",
            ),
            lambda X, W, b: X @ W + np.shape(X)[1] * b,
        ),
        Fingerprint(
            Mistake(
                "02.1/first-example",
                "computed the first example only",
                "X holds a batch of N examples, one per row: the output has one row per "
                "example, shape (N, D_out).",
            ),
            lambda X, W, b: X[0] @ W + b,
        ),
        Fingerprint(
            Mistake(
                "02.1/inputs-as-neurons",
                "made one output per input, W.shape[0], instead of one per neuron",
                "W has shape (D_in, D_out): its columns are the neurons, so the output has "
                "W.shape[1] columns.",
            ),
            _input_count_as_neurons,
        ),
        Fingerprint(
            Mistake(
                "02.1/batch-summed",
                "added up the rows of the batch",
                "the output keeps one row per example, shape (N, D_out): do not sum over the "
                "batch.",
            ),
            lambda X, W, b: np.sum(X @ W + b, axis=0),
        ),
    ),
)


#: The shapes quiz: a question -> (the right answer, {wrong answer: (mistake, what it is)}).
#: The layer has 784 inputs and 32 neurons, the batch 64 examples; a second layer maps
#: the 32 outputs to 10 neurons.
_SHAPES: dict[str, tuple[tuple[int, ...], dict[tuple[int, ...], tuple[Mistake, str]]]] = {
    "W_shape": (
        (784, 32),
        {
            (32, 784): (lesson02.TRANSPOSED, "is the shape of W.T"),
            (784,): (lesson02.MISSING_AXIS, "is the shape of one neuron's weights"),
            (32,): (lesson02.MISSING_AXIS, "is one number per neuron"),
            (64, 784): (lesson02.INPUT_SHAPE, "is the shape of the batch X"),
            (785, 32): (lesson02.AUGMENTED, "has a row for the biases"),
            (28, 28, 32): (lesson02.IMAGE_GRID, "has an axis for each side of the image"),
        },
    ),
    "b_shape": (
        (32,),
        {
            (1,): (lesson02.ONE_BIAS_PER_LAYER, "is a single bias"),
            (): (lesson02.ONE_BIAS_PER_LAYER, "is a single bias"),
            (784,): (lesson02.BIAS_PER_INPUT, "has one bias per input"),
            (32, 1): (lesson02.BIAS_2D, "is a column of biases"),
            (1, 32): (lesson02.BIAS_2D, "is a row of biases with an extra axis"),
            (64, 32): (lesson02.BIAS_BATCH, "has one bias per example and neuron"),
        },
    ),
    "Z_shape": (
        (64, 32),
        {
            (32, 64): (lesson02.TRANSPOSED, "is the shape of Z.T"),
            (64, 784): (lesson02.INPUT_SHAPE, "is the shape of the batch X"),
            (32,): (lesson02.MISSING_AXIS, "is the output of one example"),
            (64,): (lesson02.MISSING_AXIS, "is one value per example"),
        },
    ),
    "W2_shape": (
        (32, 10),
        {
            (10, 32): (lesson02.TRANSPOSED, "is the shape of W2.T"),
            (784, 10): (lesson02.PIXELS, "reads the pixels"),
            (10,): (lesson02.MISSING_AXIS, "is one number per neuron"),
            (64, 32): (lesson02.INPUT_SHAPE, "is the shape of the first layer's output"),
            (33, 10): (lesson02.AUGMENTED, "has a row for the biases"),
        },
    ),
    "b2_shape": (
        (10,),
        {
            (1,): (lesson02.ONE_BIAS_PER_LAYER, "is a single bias"),
            (): (lesson02.ONE_BIAS_PER_LAYER, "is a single bias"),
            (32,): (lesson02.BIAS_PER_INPUT, "has one bias per input of the layer"),
            (10, 1): (lesson02.BIAS_2D, "is a column of biases"),
            (1, 10): (lesson02.BIAS_2D, "is a row of biases with an extra axis"),
            (64, 10): (lesson02.BIAS_BATCH, "has one bias per example and neuron"),
        },
    ),
    "Z2_shape": (
        (64, 10),
        {
            (10, 64): (lesson02.TRANSPOSED, "is the shape of Z2.T"),
            (64, 32): (lesson02.INPUT_SHAPE, "is the shape of the first layer's output"),
            (10,): (lesson02.MISSING_AXIS, "is the output of one example"),
            (64,): (lesson02.MISSING_AXIS, "is one value per example"),
            (64, 784): (lesson02.PIXELS, "is the shape of the pixels X"),
        },
    ),
}


def _shape(question: str) -> dict:
    expected, wrong = _SHAPES[question]
    return {
        "expected": expected,
        "wrong": [(shape, mistake.id, what) for shape, (mistake, what) in wrong.items()],
    }


exercise(
    id="02.2",
    title="Shapes quiz",
    points=3,
    reference=None,
    checked=tuple(lesson02.SHAPE_MISTAKES.values()),
    questions={"shape": _shape},
)


def _count_parameters(sizes) -> int:
    return sum(d_in * d_out + d_out for d_in, d_out in pairwise(sizes))


exercise(
    id="02.3",
    title="count_parameters",
    points=2,
    reference=_count_parameters,
    library_versions=(count_parameters,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "02.3/bias-units",
                "gave both layers of a connection a bias unit",
                "the bias is a weight on a constant 1 that feeds the NEXT layer: each layer of "
                "neurons gets one bias per neuron, (D_in + 1) * D_out, not "
                "(D_in + 1) * (D_out + 1).",
            ),
            lambda sizes: sum((a + 1) * (b + 1) for a, b in pairwise(sizes)),
        ),
        Fingerprint(
            Mistake(
                "02.3/two-counts",
                "returned the weights and the biases as two numbers",
                "count_parameters returns one total: add the two counts together.",
            ),
            lambda sizes: (sum(a * b for a, b in pairwise(sizes)), sum(sizes[1:])),
        ),
        Fingerprint(
            Mistake(
                "02.3/no-biases",
                "forgot the biases",
                "you counted only the weights; every neuron also has its own bias, a "
                "parameter that is learned like the weights.",
            ),
            lambda sizes: sum(a * b for a, b in pairwise(sizes)),
        ),
        Fingerprint(
            Mistake(
                "02.3/one-bias-per-layer",
                "one bias per layer",
                "you added one bias per layer; every neuron has its own bias, so a layer of "
                "D_out neurons has D_out biases.",
            ),
            lambda sizes: sum(a * b + 1 for a, b in pairwise(sizes)),
        ),
        Fingerprint(
            Mistake(
                "02.3/input-biases",
                "gave the input layer biases too",
                "the input layer only passes the data on: it has no neurons with weights, so "
                "no biases. Biases belong to the layers that compute.",
            ),
            lambda sizes: sum(a * b for a, b in pairwise(sizes)) + sum(sizes),
        ),
        Fingerprint(
            Mistake(
                "02.3/bias-per-input",
                "counted one bias per input instead of per neuron",
                "a layer's biases belong to its neurons (D_out of them), not to its inputs (D_in).",
            ),
            lambda sizes: sum(a * b + a for a, b in pairwise(sizes)),
        ),
        Fingerprint(
            Mistake(
                "02.3/neurons",
                "counted the neurons",
                "you added up the layer sizes; parameters are the weights (one per "
                "connection) and the biases (one per neuron).",
            ),
            lambda sizes: sum(sizes),
        ),
        Fingerprint(
            Mistake(
                "02.3/last-layer",
                "left out the last layer",
                "your count stops one layer early: a network with sizes [D_0, ..., D_L] has L "
                "layers, one for each pair of neighbouring sizes, the last pair included. "
                "Check where your loop ends.",
            ),
            lambda sizes: sum(a * b + b for a, b in pairwise(sizes[:-1])),
        ),
        Fingerprint(
            Mistake(
                "02.3/all-to-all",
                "connected every layer to every other",
                "weights connect each layer only to the NEXT one: one matrix per pair of "
                "neighbours, sizes[k] * sizes[k + 1] weights each.",
            ),
            lambda sizes: int(sum(sizes[:-1]) * sum(sizes[1:]) + sum(sizes[1:])),
        ),
        Fingerprint(
            Mistake(
                "02.3/product-of-sizes",
                "multiplied all the layer sizes together",
                "each weight matrix connects two neighbouring layers: add up sizes[k] * sizes[k + "
                "1] over the pairs.",
            ),
            lambda sizes: int(np.prod(sizes) + sum(sizes[1:])),
        ),
    ),
)
