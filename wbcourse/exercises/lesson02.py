"""Lesson 02, layers: the dense forward pass, the shapes of a layer, parameter counts."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from wbcourse.checks import CheckFailed, Mistake, require
from wbcourse.exercises import exercise
from wbcourse.layers import dense_forward
from wbcourse.network import count_parameters

__all__ = ["SHAPE_QUESTIONS", "check_shape_answer"]


def _dense_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return dense_forward(X, W, b)[0]


exercise(
    id="02.1",
    title="dense_forward",
    points=3,
    reference=_dense_forward,
    library_versions=(dense_forward,),
    mistakes=(
        Mistake(
            "forgot the bias",
            "your Z equals X @ W alone; every neuron adds its own bias, so add b to every row.",
            lambda X, W, b: X @ W,
        ),
        Mistake(
            "bias broadcast along the wrong axis",
            "you turned b into a column of shape (D_out, 1). numpy then lines it up with the "
            "rows (the examples), not with the columns (the neurons); keep b 1-D, shape "
            "(D_out,), so that bias j lands in column j.",
            lambda X, W, b: X @ W + np.reshape(b, (-1, 1)),
        ),
        Mistake(
            "returned Z transposed",
            "your result has one row per neuron and one column per example; batch-first means "
            "Z has one row per example: shape (N, D_out).",
            lambda X, W, b: (X @ W + b).T,
        ),
        Mistake(
            "added the bias to the inputs",
            "the bias is added after the weighted sum, to each neuron's z, not to the inputs "
            "before they are multiplied by W.",
            lambda X, W, b: (X + b) @ W,
        ),
        Mistake(
            "multiplied by W transposed",
            "X @ W.T only fits when W is square; W is (D_in, D_out) with one column per "
            "neuron, so X @ W already has one column per neuron.",
            lambda X, W, b: X @ W.T + b,
        ),
    ),
)


#: The shapes quiz: a question's key -> (the right answer, {wrong answer: what it means}).
#: The layer has 784 inputs and 32 neurons, the batch 64 examples; a second layer maps
#: the 32 outputs to 10 neurons.
SHAPE_QUESTIONS: dict[str, tuple[tuple[int, ...], dict[tuple[int, ...], str]]] = {
    "W_shape": (
        (784, 32),
        {
            (32, 784): "transposed: (32, 784) is W.T. In this course W has one row per input "
            "and one column per neuron, (D_in, D_out), so that X @ W works.",
            (784,): "that is the weights of one neuron; the layer has one column like it "
            "per neuron.",
            (32,): "that is one number per neuron; each neuron has one weight per input.",
            (25088,): "25088 is how many weights there are, not the shape they are arranged in.",
            (64, 784): "that is the shape of the batch X, not of the weights.",
        },
    ),
    "b_shape": (
        (32,),
        {
            (1,): "one bias per layer is a common misreading: there is one bias *unit* per "
            "layer, but every neuron has its own bias.",
            (): "one bias per layer is a common misreading: there is one bias *unit* per "
            "layer, but every neuron has its own bias.",
            (784,): "one bias per input? The bias belongs to a neuron, not to an input.",
            (32, 1): "a column of biases: numpy would line it up with the examples (rows) "
            "instead of the neurons (columns), the broadcasting bug of section 3.",
            (1, 32): "(1, 32) would broadcast the same way, but this course stores a bias "
            "vector 1-D, with a single axis.",
            (64, 32): "the bias does not depend on the example: the same bias is added to "
            "every row, so b has no batch axis.",
        },
    ),
    "Z_shape": (
        (64, 32),
        {
            (32, 64): "transposed: (32, 64) is Z.T. Batch-first: one row per example, one "
            "column per neuron.",
            (64, 784): "that is the shape of X; the layer replaces the 784 input columns by "
            "one column per neuron.",
            (32,): "that is the output for one example; the batch has 64 of them, one per row.",
            (64,): "each example gets one value per neuron, not one value in all.",
        },
    ),
    "W2_shape": (
        (32, 10),
        {
            (10, 32): "transposed: this is the shape of W2.T; W2 has one row per input of the "
            "second layer.",
            (784, 10): "the second layer does not see the pixels: its inputs are the outputs "
            "of the first layer.",
        },
    ),
    "b2_shape": (
        (10,),
        {
            (1,): "one bias per layer is a common misreading: every neuron of the second "
            "layer has its own bias.",
            (): "one bias per layer is a common misreading: every neuron of the second "
            "layer has its own bias.",
            (32,): "one bias per input of the layer? The bias belongs to a neuron of the "
            "layer itself.",
        },
    ),
    "Z2_shape": (
        (64, 10),
        {
            (10, 64): "transposed: batch-first means one row per example.",
            (64, 32): "that is the first layer's output, the input of the second layer.",
            (10,): "that is the output for one example; the batch has many.",
        },
    ),
}


def _as_shape(answer) -> tuple[int, ...]:
    if isinstance(answer, int | np.integer) and not isinstance(answer, bool):
        raise CheckFailed(
            f"you wrote the number {answer}, not a shape. In Python (32) is just 32; a shape "
            "is a tuple, and a tuple of one number needs a comma: (32,)."
        )
    require(
        isinstance(answer, tuple | list),
        f"a shape is a tuple of whole numbers, like (3, 4); got {type(answer).__name__}.",
    )
    require(
        all(isinstance(n, int | np.integer) and not isinstance(n, bool) for n in answer),
        f"a shape is a tuple of whole numbers, like (3, 4); got {answer!r}.",
    )
    return tuple(int(n) for n in answer)


def check_shape_answer(question: str, answer) -> None:
    """Raise :class:`CheckFailed` unless ``answer`` is the right shape for ``question``.

    A known wrong shape is named with what it actually is (e.g. ``W.T``).

    Parameters
    ----------
    question : str
        A key of :data:`SHAPE_QUESTIONS`, e.g. ``"W_shape"``.
    answer : tuple of int
        The student's shape; a list is accepted too.

    Examples
    --------
    >>> check_shape_answer("b_shape", (32,))
    >>> check_shape_answer("W_shape", (32, 784))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: W_shape: transposed: (32, 784) is W.T. In this course ...
    >>> check_shape_answer("b_shape", 32)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: you wrote the number 32, not a shape. In Python (32) is ...
    """
    expected, wrong = SHAPE_QUESTIONS[question]
    shape = _as_shape(answer)
    if shape == expected:
        return
    if shape in wrong:
        raise CheckFailed(f"{question}: {wrong[shape]}")
    raise CheckFailed(
        f"{question}: {shape} is not the right shape. Ask, axis by axis: what does one "
        "index along this axis select: an example, an input or a neuron?"
    )


exercise(
    id="02.2",
    title="shapes quiz",
    points=3,
    reference=check_shape_answer,
    named_by_checks=(
        "transposed W or Z (the shape of W.T, Z.T)",
        "one bias per layer instead of one per neuron",
        "a (D_out, 1) column bias",
        "a batch axis on the bias",
        "the second layer fed with the pixels",
        "a number instead of a tuple ((32) is not (32,))",
    ),
)


def _count_parameters(sizes) -> int:
    return count_parameters(sizes)


exercise(
    id="02.3",
    title="count_parameters",
    points=2,
    reference=_count_parameters,
    library_versions=(count_parameters,),
    mistakes=(
        Mistake(
            "forgot the biases",
            "you counted only the weights; every neuron also has its own bias, a parameter "
            "that is learned like the weights.",
            lambda sizes: sum(a * b for a, b in pairwise(sizes)),
        ),
        Mistake(
            "one bias per layer",
            "you added one bias per layer; every neuron has its own bias, so a layer of "
            "D_out neurons has D_out biases.",
            lambda sizes: sum(a * b + 1 for a, b in pairwise(sizes)),
        ),
        Mistake(
            "gave the input layer biases too",
            "the input layer only passes the data on: it has no neurons with weights, so no "
            "biases. Biases belong to the layers that compute.",
            lambda sizes: sum(a * b for a, b in pairwise(sizes)) + sum(sizes),
        ),
        Mistake(
            "counted one bias per input instead of per neuron",
            "a layer's biases belong to its neurons (D_out of them), not to its inputs (D_in).",
            lambda sizes: sum(a * b + a for a, b in pairwise(sizes)),
        ),
        Mistake(
            "counted the neurons",
            "you added up the layer sizes; parameters are the weights (one per connection) "
            "and the biases (one per neuron).",
            lambda sizes: sum(sizes),
        ),
    ),
)
