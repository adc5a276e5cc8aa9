"""Lesson 02, layers: the checks of ``dense_forward`` and of the shapes quiz.

Some wrong answers only fail with an error on most shapes: ``X @ W.T`` needs a
square ``W``, a bias stored as a column ``(D_out, 1)`` only adds up when there are
as many examples as neurons. Their answers cannot be compared where numpy refuses,
so :func:`check_probed` also runs such an answer on *probes*, ordinary inputs on
which every known mistake computes something (here: square layers), and compares
those answers instead. Lesson 03 uses the same check.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from wbcourse.checks import CheckFailed, Mistake, ask, call_checked, check_answer, require
from wbcourse.layers import dense_forward as course_dense_forward
from wbcourse.mistakes import LIBRARY, MUTATED
from wbcourse.oracle import origin

__all__ = [
    "SHAPE_MISTAKES",
    "SQUARE_LAYERS",
    "check_dense_forward",
    "check_probed",
    "check_shape_answer",
    "nonfinite",
]


# ------------------------------------------------------------------ answers tried on probes


def nonfinite(got: Any, expected: Any) -> str:
    """Why ``got`` shows a hidden overflow: nan or inf where ``expected`` is finite, else ``""``.

    >>> nonfinite(np.array([np.nan, 1.0]), np.array([0.5, 1.0]))
    'Your output has nan or inf at index (0,), where the right value is finite.'
    >>> nonfinite(np.array([0.5, 1.0]), np.array([0.5, 1.0]))
    ''
    """
    try:
        got_array, expected_array = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return ""
    if got_array.shape != expected_array.shape:
        return ""
    bad = ~np.isfinite(got_array) & np.isfinite(expected_array)
    if not bad.any():
        return ""
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    return f"Your output has nan or inf at index {index}, where the right value is finite."


def _right_on(function: Callable[..., Any], probes: Sequence[tuple], answers: Sequence) -> bool:
    """Compare ``function``'s answers on the probes (evidence for the diagnosis); all right?"""
    right = True
    for probe, answer in zip(probes, answers, strict=True):
        try:
            check_answer(call_checked(function, *copy.deepcopy(probe))[0], answer)
        except CheckFailed:
            right = False
    return right


def check_probed(
    function: Callable[..., Any],
    args: tuple,
    probes: Sequence[tuple],
    *,
    library: Sequence[Callable[..., Any]] = (),
    warned: Mapping[str, Mistake] | None = None,
    silenced: Mistake | None = None,
    symptom: Callable[[Any, Any], str] = nonfinite,
    atol: float = 1e-8,
) -> None:
    """One case of a :class:`~wbcourse.checks.Grader`: ``function(*args)`` must be right.

    As :meth:`~wbcourse.checks.Grader.expect`: the answer is compared with the
    reference's, keeping the evidence about the exercise's fingerprinted mistakes,
    and the arguments must come back unchanged. But when the call raises or warns,
    there is no answer to compare, so ``function`` is also run on ``probes``,
    ordinary inputs on which every fingerprinted mistake computes something (square
    layers, when a mistake needs ``D_in == D_out`` to run at all), and those answers
    are the evidence: a mistake it makes on the probes is named as usual, when it
    explains every failing case (:meth:`~wbcourse.checks.Grader.diagnosis`).

    When ``function`` is right on every probe, the failure belongs to this case's
    inputs: a warning whose text contains a key of ``warned`` names that mistake (an
    overflow on huge inputs, say), and an answer that shows ``symptom`` (the damage
    of a silenced warning: nan or inf, by default) names ``silenced``.

    Parameters
    ----------
    function : callable
        The student's function.
    args : tuple
        The case's arguments (plain data).
    probes : sequence of tuple
        Ordinary arguments on which every mistake of the exercise computes something.
    library : sequence of callable, optional
        wbcourse's own functions that solve the exercise: submitting one earns nothing.
    warned : mapping of str to Mistake, optional
        Text in a warning -> the mistake it means, for a function right on the probes.
    silenced : Mistake, optional
        The mistake of hiding a warning (``np.errstate``, a warnings filter).
    symptom : callable, optional
        ``symptom(got, expected)``: why ``got`` shows a hidden warning, or ``""``.
    atol : float, optional
        Absolute tolerance of the comparison (the relative one is ``1e-6``).

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("02.1")
    >>> X, W, b = np.ones((2, 3)), np.arange(12.0).reshape(3, 4), np.arange(4.0)
    >>> for n in (1, 2):  # X @ W.T cannot run on these layers, but it runs on square ones
    ...     grader.case(lambda: check_dense_forward(lambda X, W, b: X @ W.T + b, X, W, b), f"{n}")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    02.1 dense_forward: 0 of 2 cases passed, 0 of 3 points
      FAIL  1: multiplied by W transposed: ...
      FAIL  2: multiplied by W transposed: ...
    """
    answer = ask("reference", *args)
    answers = [ask("reference", *probe) for probe in probes]
    require(origin(function) not in {origin(f) for f in library}, LIBRARY)
    try:
        got, mutated = call_checked(function, *copy.deepcopy(args))
    except CheckFailed as failure:
        if failure.mistake is None and _right_on(function, probes, answers):
            for text, mistake in (warned or {}).items():
                if text in failure.detail:
                    raise mistake.fail(failure.detail) from None
        raise
    seen = symptom(got, answer.expected) if silenced is not None else ""
    if seen and _right_on(function, probes, answers):
        raise silenced.fail(seen)
    check_answer(got, answer, atol=atol)
    require(not mutated, MUTATED)


# ------------------------------------------------------------------ 02.1 dense_forward

#: Square layers (as many examples, inputs and neurons), on which every mistake of 02.1 runs.
SQUARE_LAYERS = (
    (
        np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0], [2.0, 0.0, -1.0]]),
        np.array([[1.0, -1.0, 0.5], [0.0, 2.0, 1.0], [-1.0, 0.5, 1.0]]),
        np.array([0.5, -1.0, 2.0]),
    ),
    (
        np.array([[1.0, -2.0], [3.0, 0.5]]),
        np.array([[2.0, 1.0], [-1.0, 0.5]]),
        np.array([1.0, -0.5]),
    ),
)


def check_dense_forward(
    dense_forward: Callable[..., Any], X: np.ndarray, W: np.ndarray, b: np.ndarray
) -> None:
    """A case of exercise 02.1: ``dense_forward(X, W, b)`` must be ``X @ W + b``.

    An answer that raises is also tried on :data:`SQUARE_LAYERS` (see :func:`check_probed`).

    Parameters
    ----------
    dense_forward : callable
        The student's ``dense_forward``.
    X : ndarray, shape (N, D_in)
    W : ndarray, shape (D_in, D_out)
    b : ndarray, shape (D_out,)
    """
    check_probed(dense_forward, (X, W, b), SQUARE_LAYERS, library=(course_dense_forward,))


# ------------------------------------------------------------------ 02.2 the shapes quiz

TRANSPOSED = Mistake(
    "02.2/transposed",
    "a transposed shape",
    "this course stores W as (D_in, D_out), one row per input and one column per neuron, and "
    "outputs batch-first, (N, D_out): one row per example.",
)
ONE_BIAS_PER_LAYER = Mistake(
    "02.2/one-bias",
    "one bias per layer instead of one per neuron",
    "there is one bias *unit* per layer, but every neuron connects to it with its own weight: "
    "a layer has one bias per neuron.",
)
BIAS_2D = Mistake(
    "02.2/bias-2d",
    "a bias with two axes",
    "this course stores a layer's biases 1-D, shape (D_out,): a column (D_out, 1) lines up "
    "with the examples instead of the neurons (section 3), and a row (1, D_out) adds an "
    "axis that nothing needs.",
)
BIAS_BATCH = Mistake(
    "02.2/bias-batch",
    "a batch axis on the bias",
    "the bias does not depend on the example: the same biases are added to every row, so b "
    "has no batch axis.",
)
BIAS_PER_INPUT = Mistake(
    "02.2/bias-per-input",
    "one bias per input instead of one per neuron",
    "a bias belongs to a neuron of the layer, not to one of its inputs.",
)
PIXELS = Mistake(
    "02.2/pixels",
    "the second layer fed with the pixels",
    "the second layer never sees the 784 pixels: its inputs are the 32 outputs of the first layer.",
)
IMAGE_GRID = Mistake(
    "02.2/image-grid",
    "kept each image as a 28 x 28 grid",
    "a dense layer takes each example as one row of numbers: the 28 x 28 image is flattened "
    "into 784 inputs, so W has one row per pixel, (784, 32).",
)
MISSING_AXIS = Mistake(
    "02.2/missing-axis",
    "an axis is missing",
    "W has one entry per (input, neuron) pair and Z one per (example, neuron) pair: two axes "
    "each. One axis alone describes one neuron, or one example.",
)
INPUT_SHAPE = Mistake(
    "02.2/input-shape",
    "gave the shape of the layer's input",
    "a layer replaces its D_in input columns by one column per neuron; its weights and its "
    "output are not shaped like its input.",
)
AUGMENTED = Mistake(
    "02.2/augmented",
    "counted the bias as a row of W",
    "lesson 01's trick stacks b under W as the weights of a constant-1 input, but this "
    "course keeps them apart: W holds the weights of the real inputs only, b the biases.",
)
NUMBER = Mistake(
    "02.2/number",
    "a number instead of a tuple",
    "in Python (32) is just the number 32; a shape is a tuple, and a tuple of one number "
    "needs a trailing comma: (32,).",
)
LIST = Mistake(
    "02.2/list",
    "a list instead of a tuple",
    "numpy gives every shape as a tuple, and in Python a list never equals a tuple: "
    "Z.shape == [64, 32] is False even when Z has 64 rows and 32 columns. Write (64, 32).",
)
#: Every mistake of the shapes quiz, by id.
SHAPE_MISTAKES = {
    m.id: m
    for m in (
        TRANSPOSED,
        ONE_BIAS_PER_LAYER,
        BIAS_2D,
        BIAS_BATCH,
        BIAS_PER_INPUT,
        PIXELS,
        IMAGE_GRID,
        MISSING_AXIS,
        INPUT_SHAPE,
        AUGMENTED,
        NUMBER,
        LIST,
    )
}


def _as_shape(answer: Any) -> tuple[int, ...]:
    def whole(n: Any) -> bool:
        return isinstance(n, int | np.integer) and not isinstance(n, bool)

    require(not whole(answer), NUMBER, f"You wrote {answer!r}, not ({answer!r},).")
    require(not isinstance(answer, list), LIST, f"You wrote {answer!r}.")
    require(
        isinstance(answer, tuple) and all(whole(n) for n in answer),
        "a shape is a tuple of whole numbers, like (3, 4).",
        f"Got {answer!r}.",
    )
    return tuple(int(n) for n in answer)


def check_shape_answer(question: str, answer: Any) -> None:
    """A case of exercise 02.2: ``answer`` must be the right shape for ``question``.

    A known wrong shape is named with what it is (e.g. the shape of ``W.T``).

    Parameters
    ----------
    question : str
        The variable asked for, e.g. ``"W_shape"``.
    answer : tuple of int
        The student's shape.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("02.2")
    >>> grader.case(lambda: check_shape_answer("W_shape", (32, 784)), "shape of W")
    >>> grader.case(lambda: check_shape_answer("b_shape", 32), "shape of b")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    02.2 Shapes quiz: 0 of 2 cases passed, 0 of 3 points
      FAIL  shape of W: a transposed shape: ... W_shape = (32, 784) is the shape of W.T...
      FAIL  shape of b: a number instead of a tuple: ... You wrote 32, not (32,).
    """
    known = ask("shape", question)
    shape = _as_shape(answer)
    if shape == tuple(known["expected"]):
        return
    for wrong, mistake_id, what in known["wrong"]:
        if shape == tuple(wrong):
            raise SHAPE_MISTAKES[mistake_id].fail(f"{question} = {shape} {what}.")
    raise CheckFailed(
        f"{question}: {shape} is not the right shape. Ask, axis by axis: what does one index "
        "along this axis select: an example, an input or a neuron?"
    )
