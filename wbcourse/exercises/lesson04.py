"""Lesson 04, forward propagation: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse import network
from wbcourse.activations import relu
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson04
from wbcourse.lessonlib.lesson04 import course_mlp_forward

# ---------------------------------------------------------------- 04.1 mlp_forward


def _layers(params: dict) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(W_l, b_l)`` for l = 1, 2, ..., L, in the order of the layer numbers."""
    return [(params[f"W{layer}"], params[f"b{layer}"]) for layer in range(1, len(params) // 2 + 1)]


def _forward(X, layers, activation, *, last=None, bias=True, before=False) -> np.ndarray:
    """A forward pass through ``layers``; ``last`` is the output layer's activation (None: none)."""
    A = np.asarray(X, dtype=float)
    for position, (W, b) in enumerate(layers, start=1):
        if before:
            A = activation(A)
        Z = A @ W + (b if bias else 0.0)
        if before:
            A = Z
        elif position < len(layers):
            A = activation(Z)
        else:
            A = Z if last is None else last(Z)
    return A


def _slipped_forward(X, params, activation, *, slip: str) -> np.ndarray:
    """A forward pass with one slip: ``"bias after activation"`` in the hidden layers,
    ``"no output bias"``, or ``"output activation only"``."""
    layers = _layers(params)
    A = np.asarray(X, dtype=float)
    for position, (W, b) in enumerate(layers, start=1):
        hidden = position < len(layers)
        if slip == "bias after activation" and hidden:
            A = activation(A @ W) + b
        elif slip == "no output bias" and not hidden:
            A = A @ W
        elif slip == "output activation only":
            A = A @ W + b if hidden else activation(A @ W + b)
        else:
            A = activation(A @ W + b) if hidden else A @ W + b
    return A


def _input_every_layer(X, params) -> np.ndarray:
    """Every layer's weighted sums taken of X, not of the layer below's activations: the output
    is the last layer's sums of X (and the first layer whose rows are not X's columns raises)."""
    return [np.asarray(X, dtype=float) @ W + b for W, b in _layers(params)][-1]


def _text_order(params: dict) -> list[tuple[np.ndarray, np.ndarray]]:
    weights = [params[key] for key in sorted(params) if key.startswith("W")]
    biases = [params[key] for key in sorted(params) if key.startswith("b")]
    return list(zip(weights, biases, strict=True))


exercise(
    id="04.1",
    title="mlp_forward",
    points=3,
    reference=course_mlp_forward,
    library_versions=(network.mlp_forward, course_mlp_forward),
    fingerprints=(
        Fingerprint(
            Mistake(
                "04.1/first-sums-only",
                "returned the first layer's weighted sums",
                "your output is X @ W1 + b1; is `return` indented inside the loop? Every layer "
                "must run before the output is returned.",
            ),
            lambda X, params, activation: _forward(X, _layers(params)[:1], activation),
        ),
        Fingerprint(
            Mistake(
                "04.1/two-layers",
                "wrote out two layers instead of looping over all of them",
                "the network may have one layer or twelve: loop over l = 1, ..., L with "
                "L = len(params) // 2, and read W{l} and b{l} by their numbers.",
            ),
            lambda X, params, activation: (
                activation(np.asarray(X, dtype=float) @ params["W1"] + params["b1"]) @ params["W2"]
                + params["b2"]
            ),
        ),
        Fingerprint(
            Mistake(
                "04.1/output-activation",
                "applied the activation on the output layer too",
                "the last layer's weighted sums are the network's output (the logits): apply "
                "the activation after the hidden layers only.",
            ),
            lambda X, params, activation: _forward(X, _layers(params), activation, last=activation),
        ),
        Fingerprint(
            Mistake(
                "04.1/no-bias",
                "forgot the biases",
                "every layer adds its bias vector b1, b2, ... after multiplying by its weights.",
            ),
            lambda X, params, activation: _forward(X, _layers(params), activation, bias=False),
        ),
        Fingerprint(
            Mistake(
                "04.1/no-activation",
                "no activation between the layers",
                "without an activation after each hidden layer the network is one big linear "
                "layer; apply the activation to every hidden layer's weighted sums.",
            ),
            lambda X, params, activation: _forward(X, _layers(params), lambda Z: Z),
        ),
        Fingerprint(
            Mistake(
                "04.1/first-layer-only",
                "returned after the first layer",
                "your output is the first hidden layer's activations; is `return` indented "
                "inside the loop?",
            ),
            lambda X, params, activation: _forward(
                X, _layers(params)[:1], activation, last=activation if len(params) > 2 else None
            ),
        ),
        Fingerprint(
            Mistake(
                "04.1/no-output-layer",
                "stopped before the output layer",
                "your output is the last hidden layer's activations: count the layers your "
                "loop's range goes through; the last one, L, must run too.",
            ),
            lambda X, params, activation: _forward(
                X, _layers(params)[:-1], activation, last=activation
            ),
        ),
        Fingerprint(
            Mistake(
                "04.1/activation-before-weights",
                "applied the activation to each layer's input, not to its weighted sums",
                "a layer computes the weighted sum of its inputs first and applies the "
                "activation to that sum; the raw inputs X are not activated, and the last "
                "weighted sums are returned as they are.",
            ),
            lambda X, params, activation: _forward(X, _layers(params), activation, before=True),
        ),
        Fingerprint(
            Mistake(
                "04.1/relu-hard-coded",
                "used ReLU instead of the activation argument",
                "the network applies whatever function the caller passes as `activation` "
                "(sigmoid, tanh, step, ...): call that argument, not relu.",
            ),
            lambda X, params, activation: course_mlp_forward(X, params, relu),
        ),
        Fingerprint(
            Mistake(
                "04.1/bias-after-activation",
                "added the hidden layers' biases after the activation",
                "the bias belongs to the weighted sum: activation(A @ W + b), so that it shifts "
                "where each unit switches on.",
            ),
            lambda *args: _slipped_forward(*args, slip="bias after activation"),
        ),
        Fingerprint(
            Mistake(
                "04.1/no-output-bias",
                "left out the output layer's bias",
                "the output layer adds its bias bL like every other layer; only the activation "
                "is left out there.",
            ),
            lambda *args: _slipped_forward(*args, slip="no output bias"),
        ),
        Fingerprint(
            Mistake(
                "04.1/output-activation-only",
                "applied the activation to the output layer only",
                "the activation goes after every HIDDEN layer; the output layer's weighted sums "
                "are returned as they are.",
            ),
            lambda *args: _slipped_forward(*args, slip="output activation only"),
        ),
        Fingerprint(
            Mistake(
                "04.1/input-every-layer",
                "fed X to every layer",
                "each layer's input is the layer below's activations, not X: keep the current "
                "activations in a variable (A = X first) and pass A on from layer to layer.",
            ),
            lambda X, params, activation: _input_every_layer(X, params),
        ),
        Fingerprint(
            Mistake(
                "04.1/weights-transposed",
                "multiplied by the transposed weights (A @ W.T)",
                "W of a layer has shape (inputs, units), so A @ W already gives one column per "
                "unit; the transpose is for weights stored the other way round.",
            ),
            lambda X, params, activation: _forward(
                X, [(W.T, b) for W, b in _layers(params)], activation
            ),
        ),
        Fingerprint(
            Mistake(
                "04.1/text-order",
                "took the layers in text order (W10 before W2)",
                "sorted() compares the keys as strings, so 'W10' comes before 'W2': build each "
                "key from the layer number, 1, 2, ..., L.",
            ),
            lambda X, params, activation: _forward(X, _text_order(params), activation),
        ),
    ),
)

# ---------------------------------------------------------------- 04.2-04.4 by hand

exercise(
    id="04.2",
    title="XOR by hand",
    points=3,
    reference=None,
    checked=(
        lesson04.XOR_OR,
        lesson04.XOR_XNOR,
        lesson04.XOR_ANOTHER,
        lesson04.XOR_EDGE,
        lesson04.XOR_SHAPE,
    ),
)

exercise(
    id="04.3",
    title="Which hidden unit sees which stroke?",
    points=2,
    reference=None,
    checked=(lesson04.UNIT_OTHER_STROKE, lesson04.UNIT_FROM_ONE, lesson04.UNIT_NOT_INDEX),
)

exercise(
    id="04.4",
    title="The C output by hand",
    points=3,
    reference=None,
    checked=(
        lesson04.C_READS_OTHER,
        lesson04.C_MISSED,
        lesson04.C_NOISY_MISSED,
        lesson04.C_NOISY_FALSE,
        lesson04.C_SHAPE,
    ),
)
