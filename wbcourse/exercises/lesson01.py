"""Lesson 01, the neuron: weighted sum, the bias as a weight, output at zero, logic gates."""

from __future__ import annotations

import numpy as np

from wbcourse.activations import sigmoid, step
from wbcourse.checks import CheckFailed, Mistake, require
from wbcourse.exercises import exercise

__all__ = ["GATES", "check_gate"]


def _weighted_sum(x: np.ndarray, w: np.ndarray, b: float) -> float:
    return float(x @ w + b)


exercise(
    id="01.1",
    title="weighted_sum",
    points=2,
    reference=_weighted_sum,
    mistakes=(
        Mistake(
            "forgot the bias",
            "your result equals x · w alone; the neuron adds its bias b once, after the sum.",
            lambda x, w, b: float(x @ w),
        ),
        Mistake(
            "multiplied inputs and weights but did not add them up",
            "you returned one product per input; the weighted sum is a single number.",
            lambda x, w, b: x * w + b,
        ),
        Mistake(
            "added the bias to every product",
            "the bias belongs to the neuron, not to each input: add it once, not D times.",
            lambda x, w, b: float(np.sum(x * w + b)),
        ),
        Mistake(
            "multiplied by the bias",
            "the bias is added to the weighted sum, not multiplied with it.",
            lambda x, w, b: float((x @ w) * b),
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
    mistakes=(
        Mistake(
            "the extra input is 0, not 1",
            "the bias input is a constant 1, so that its weight is added unchanged.",
            lambda X: np.hstack([X, np.zeros((X.shape[0], 1))]),
        ),
        Mistake(
            "put the constant input first",
            "the task puts the constant-1 column last, so that np.append(w, b) lines up with it.",
            lambda X: np.hstack([np.ones((X.shape[0], 1)), X]),
        ),
        Mistake(
            "added a row instead of a column",
            "every example (row) needs its own constant input: add a column, one 1 per row.",
            lambda X: np.vstack([X, np.ones((1, X.shape[1]))]),
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
    mistakes=(
        Mistake(
            "left out the bias",
            "sigmoid(0) = 0.5 is the output of a neuron without a bias; this one has b.",
            lambda w, b: 0.5,
        ),
        Mistake(
            "answered 0",
            "with every input 0 the weighted sum is 0, but the bias is still added to it.",
            lambda w, b: 0.0,
        ),
        Mistake(
            "returned z, not the activation",
            "b is the weighted sum here; the neuron's output is the activation of it.",
            lambda w, b: float(b),
        ),
        Mistake(
            "used the weights",
            "the inputs are all 0, so every weight is multiplied by 0 and drops out.",
            lambda w, b: float(sigmoid(np.asarray(np.sum(w) + b, dtype=float))),
        ),
    ),
)

#: The truth tables of the 2-input gates, rows for inputs (0,0), (0,1), (1,0), (1,1).
GATES = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
    "first input": (0, 0, 1, 1),
    "second input": (0, 1, 0, 1),
    "always 0": (0, 0, 0, 0),
    "always 1": (1, 1, 1, 1),
}
_INPUTS = {
    2: np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float),
    1: np.array([[0], [1]], dtype=float),
}
_TARGETS = {"AND": GATES["AND"], "OR": GATES["OR"], "NOT": (1, 0)}
_NAMES = {table: name for name, table in GATES.items()} | {
    (0, 1): "the identity (it copies its input)",
    (0, 0): "always 0",
    (1, 1): "always 1",
}


def _gate_outputs(X: np.ndarray, w, b) -> np.ndarray:
    return step(X @ np.asarray(w, dtype=float).reshape(-1) + float(b)).astype(int)


def check_gate(gate: str, w, b, *, noise: float = 0.0, rng: np.random.Generator | None = None):
    """Raise :class:`CheckFailed` unless the step neuron ``(w, b)`` computes ``gate``.

    Parameters
    ----------
    gate : {"AND", "OR", "NOT"}
        The gate the neuron must compute.
    w : array-like, shape (2,) for AND and OR, (1,) for NOT
        The neuron's weights.
    b : float
        The neuron's bias.
    noise : float
        When positive, every input is moved by up to ``noise`` (drawn with
        ``rng``), and the neuron must still give the same answers.
    rng : numpy.random.Generator, optional
        Draws the noise; needed when ``noise > 0``.

    Examples
    --------
    >>> check_gate("AND", [1.0, 1.0], -1.5)
    >>> check_gate("AND", [1.0, 1.0], -0.5)
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: your AND neuron computes OR: its outputs ... expected 0, 0, 0, 1.
    """
    target = _TARGETS[gate]
    weights = np.asarray(w, dtype=float).reshape(-1)
    X = _INPUTS[2 if len(target) == 4 else 1]
    require(
        weights.shape == (X.shape[1],),
        f"{gate} needs {X.shape[1]} weight(s), one per input; got shape {np.shape(w)}.",
    )
    require(np.ndim(b) == 0, f"the bias of one neuron is a single number, got shape {np.shape(b)}.")
    got = tuple(int(v) for v in _gate_outputs(X, weights, b))
    if got != target:
        cases = ", ".join("(" + ",".join(f"{v:g}" for v in row) + ")" for row in X)
        computes = f"computes {_NAMES[got]}" if got in _NAMES else "gives the wrong table"
        raise CheckFailed(
            f"your {gate} neuron {computes}: its outputs for inputs {cases} are "
            f"{', '.join(map(str, got))}, expected {', '.join(map(str, target))}."
            + (" With every input 0 only the bias decides: z = b." if got[0] != target[0] else "")
        )
    if noise:
        noisy = np.repeat(X, 50, axis=0)
        wanted = np.repeat(np.array(target), 50)
        noisy = noisy + rng.uniform(-noise, noise, size=noisy.shape)
        wrong = int(np.count_nonzero(_gate_outputs(noisy, weights, b) != wanted))
        require(
            wrong == 0,
            f"your {gate} neuron is right on exact 0/1 inputs but wrong on {wrong} of "
            f"{len(wanted)} inputs moved by up to {noise:g}: put the decision line further "
            "from the corners (a larger margin), e.g. halfway between them.",
        )


exercise(
    id="01.4",
    title="logic gates by hand",
    points=3,
    reference=check_gate,
    named_by_checks=(
        "the neuron computes another gate (named: OR for AND, etc.)",
        "a neuron that fires with all inputs 0 (the bias alone decides)",
        "weights on the decision boundary: right on 0/1 inputs, wrong on noisy ones",
        "wrong number of weights, or a bias that is not one number",
    ),
)
