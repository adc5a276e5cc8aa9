"""Lesson 01, the neuron: the lesson's check of hand-set logic gates."""

from __future__ import annotations

import numpy as np

from wbcourse.activations import step
from wbcourse.checks import Mistake, require

__all__ = ["ANOTHER_GATE", "EDGE", "GATES", "SHAPE", "ZERO_INPUT", "check_gate"]

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

ZERO_INPUT = Mistake(
    "01.4/zero-input",
    "wrong output when every input is 0",
    "with all inputs 0 every weight drops out and only the bias decides: z = b. Choose the "
    "bias's sign from what the gate must answer there.",
)
ANOTHER_GATE = Mistake(
    "01.4/another-gate",
    "the neuron computes another gate",
    "list the four corners with the outputs the gate needs, then place the line z = 0 so "
    "that exactly the 1-corners are on the z > 0 side.",
)
EDGE = Mistake(
    "01.4/no-margin",
    "the decision line runs right next to a corner",
    "your neuron is right on exact 0/1 inputs but wrong when they move a little: put the "
    "line halfway between the corners that must differ (the largest margin).",
)
SHAPE = Mistake(
    "01.4/shape",
    "wrong number of weights, or a bias that is not one number",
    "AND and OR have 2 weights, NOT has 1, one per input; a neuron's bias is a single number.",
)


def _gate_outputs(X: np.ndarray, w, b) -> np.ndarray:
    return step(X @ np.asarray(w, dtype=float).reshape(-1) + float(b)).astype(int)


def check_gate(gate: str, w, b, *, noise: float = 0.0, rng: np.random.Generator | None = None):
    """Raise :class:`~wbcourse.checks.CheckFailed` unless the step neuron ``(w, b)`` is ``gate``.

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
    >>> check_gate("AND", [1.0, 1.0], -0.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the neuron computes another gate: ... AND neuron computes OR...
    """
    target = _TARGETS[gate]
    X = _INPUTS[2 if len(target) == 4 else 1]
    try:
        weights = np.asarray(w, dtype=float).reshape(-1)
        bias = float(b) if np.ndim(b) == 0 else None
    except (TypeError, ValueError):
        raise SHAPE.fail(f"Got w = {w!r} and b = {b!r}.") from None
    require(
        weights.shape == (X.shape[1],) and bias is not None,
        SHAPE,
        f"{gate} needs {X.shape[1]} weight(s); got w of shape {np.shape(w)} and b of shape "
        f"{np.shape(b)}.",
    )
    got = tuple(int(v) for v in _gate_outputs(X, weights, bias))
    if got != target:
        cases = ", ".join("(" + ",".join(f"{v:g}" for v in row) + ")" for row in X)
        computes = f"computes {_NAMES[got]}" if got in _NAMES else "gives the wrong table"
        detail = (
            f"Your {gate} neuron {computes}: its outputs for inputs {cases} are "
            f"{', '.join(map(str, got))}, expected {', '.join(map(str, target))}."
        )
        raise (ZERO_INPUT if got[0] != target[0] else ANOTHER_GATE).fail(detail)
    if noise:
        noisy = np.repeat(X, 50, axis=0)
        wanted = np.repeat(np.array(target), 50)
        noisy = noisy + rng.uniform(-noise, noise, size=noisy.shape)
        wrong = int(np.count_nonzero(_gate_outputs(noisy, weights, bias) != wanted))
        require(
            wrong == 0,
            EDGE,
            f"Your {gate} neuron is wrong on {wrong} of {len(wanted)} inputs moved by up to "
            f"{noise:g}.",
        )
