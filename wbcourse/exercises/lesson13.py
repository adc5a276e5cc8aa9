"""Lesson 13, your own network end to end: your parts, a whole network, the debugging checklist.

Students bring their functions of lessons 02-07 into one notebook (the grader runs
only that notebook), assemble the loss and gradients of a ReLU network of any
depth from them, gradient-check it, and train it on the 8x8 digits with the
checks a practitioner runs: overfit a tiny batch first, watch the update-to-weight
ratio of every layer, read training against validation accuracy over several seeds.
The module has four parts, kept apart: the exercises' references, their known
mistakes, their registrations, and the checkers the test cells call.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any

import numpy as np

from wbcourse import activations, layers, losses, network
from wbcourse.checks import (
    CheckFailed,
    Mistake,
    call_checked,
    compare,
    gradient_errors,
    named_mistake,
    require,
    with_helpers,
)
from wbcourse.exercises import exercise, get_exercise

__all__ = [
    "PARTS",
    "check_loss_and_grads",
    "check_overfit",
    "check_part",
    "check_whole_gradients",
    "course_loss_and_grads",
    "course_parts",
    "course_update_ratios",
    "random_params",
]


# ============================================================ references


def _dense_forward(X, W, b) -> np.ndarray:
    return layers.dense_forward(X, W, b)[0]


def _softmax_cross_entropy(logits, y) -> float:
    return losses.softmax_cross_entropy(logits, y)[0]


def _softmax_cross_entropy_grad(logits, y) -> np.ndarray:
    return losses.softmax_cross_entropy(logits, y)[1]


#: The parts of exercise 13.1: name -> (the course's version, the exercise it came from).
#: ``relu_backward`` was taught in lesson 07, section 3, but not graded there.
PARTS: dict[str, tuple[Callable[..., Any], str | None]] = {
    "dense_forward": (_dense_forward, "02.1"),
    "relu": (activations.relu, "03.3"),
    "softmax": (activations.softmax, "03.4"),
    "softmax_cross_entropy": (_softmax_cross_entropy, "05.2"),
    "softmax_cross_entropy_grad": (_softmax_cross_entropy_grad, "05.3"),
    "dense_backward": (layers.dense_backward, "07.3"),
    "relu_backward": (activations.relu_backward, None),
}


def course_parts() -> dict[str, Callable[..., Any]]:
    """The course's versions of the seven parts, by the names the notebook gives them.

    Examples
    --------
    >>> parts = course_parts()
    >>> parts["dense_forward"](np.ones((1, 2)), np.ones((2, 3)), np.arange(3.0))
    array([[2., 3., 4.]])
    """
    return {name: function for name, (function, _) in PARTS.items()}


def course_loss_and_grads(params: dict, X, y) -> tuple[float, dict]:
    """The course's answer to 13.2: mean softmax cross-entropy of a ReLU network, and its grads.

    Hidden layers use ReLU, the last layer's weighted sums are the logits.

    Examples
    --------
    >>> params = {"W1": np.zeros((2, 3)), "b1": np.zeros(3)}
    >>> loss, grads = course_loss_and_grads(params, np.ones((4, 2)), np.array([0, 1, 2, 0]))
    >>> round(loss, 4), sorted(grads)  # all logits 0: ln 3
    (1.0986, ['W1', 'b1'])
    """
    return network.loss_and_grads(params, X, y)


def _overfit(loss_and_grads, params: dict, X, y, lr: float, steps: int):
    losses_seen = []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X, y)
        losses_seen.append(float(loss))
        params = {key: params[key] - lr * grads[key] for key in params}
    return params, losses_seen


def course_update_ratios(params: dict, grads: dict, lr: float) -> dict[str, float]:
    """The course's answer to 13.4: ``norm(lr * grads[W]) / norm(params[W])`` per weight matrix.

    Norms are Frobenius norms (square root of the sum of squares); biases are left out.

    Examples
    --------
    >>> params = {"W1": np.full((2, 2), 3.0), "b1": np.zeros(2)}
    >>> grads = {"W1": np.full((2, 2), 6.0), "b1": np.ones(2)}
    >>> course_update_ratios(params, grads, 0.001)
    {'W1': 0.002}
    """
    return {
        key: float(np.linalg.norm(lr * np.asarray(grads[key])) / np.linalg.norm(params[key]))
        for key in params
        if key.startswith("W")
    }


def _diagnose(train_accs, val_accs, target: float) -> str:
    if np.mean(train_accs) < target:
        return "underfitting"
    if np.mean(val_accs) < target:
        return "overfitting"
    return "good"


def random_params(layer_sizes, rng: np.random.Generator) -> dict:
    """Parameters for test cases: weights ``N(0, 1 / fan_in)``, biases ``N(0, 0.5**2)``.

    Unlike a fresh network's, the biases are not 0, so a mistake that drops or
    mishandles a bias changes the answer.

    Examples
    --------
    >>> params = random_params([3, 4, 2], np.random.default_rng(0))
    >>> {key: value.shape for key, value in params.items()}
    {'W1': (3, 4), 'b1': (4,), 'W2': (4, 2), 'b2': (2,)}
    """
    params = {}
    for layer, (d_in, d_out) in enumerate(pairwise(layer_sizes), start=1):
        params[f"W{layer}"] = rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(d_in, d_out))
        params[f"b{layer}"] = rng.normal(0.0, 0.5, size=d_out)
    return params


# ============================================================ mistakes

# ---------------------------------------------------------------- 13.1 relu_backward
# (the other parts' mistakes are those of the exercises in PARTS)

_RELU_BACKWARD_MISTAKES = (
    Mistake(
        "forgot the upstream gradient dA",
        "the ReLU's slope (1 or 0) is only the local derivative; the chain rule multiplies "
        "it by the gradient arriving from above.",
        lambda dA, Z: (np.asarray(Z) > 0).astype(float),
    ),
    Mistake(
        "passed dA through unchanged",
        "where the ReLU's input Z was negative its output did not depend on Z at all: the "
        "gradient stops there.",
        lambda dA, Z: np.array(dA, dtype=float),
    ),
    Mistake(
        "mask taken from dA",
        "which entries pass depends on the forward pass, where Z was positive, not on the "
        "sign of the gradient.",
        lambda dA, Z: np.maximum(dA, 0.0),
    ),
    Mistake(
        "multiplied by the ReLU's output instead of its slope",
        "relu(Z) is the forward value; the local derivative is 1 where Z > 0 and 0 elsewhere.",
        lambda dA, Z: dA * np.maximum(Z, 0.0),
    ),
    Mistake(
        "mask the wrong way round",
        "the gradient passes where the unit was active, Z > 0, and stops where it was not.",
        lambda dA, Z: dA * (np.asarray(Z) < 0),
    ),
)


# ---------------------------------------------------------------- 13.2 loss_and_grads


def _assembled(params, X, y, *, output_relu=False, mask=True, dense_input="A", probs=False):
    """The network's loss and grads, optionally built with one of the known slips."""
    num_layers = len(params) // 2
    A, inputs, sums = np.asarray(X, dtype=float), [], []
    for layer in range(1, num_layers + 1):
        Z = A @ params[f"W{layer}"] + params[f"b{layer}"]
        inputs.append(sums[-1] if dense_input == "Z" and sums else A)
        sums.append(Z)
        A = np.maximum(Z, 0.0) if layer < num_layers or output_relu else Z
    scores = activations.softmax(A) if probs else A
    loss, dA = losses.softmax_cross_entropy(scores, y)
    grads = {}
    for layer in range(num_layers, 0, -1):
        Z, W = sums[layer - 1], params[f"W{layer}"]
        through_relu = mask and (layer < num_layers or output_relu)
        dZ = dA * (Z > 0) if through_relu else dA
        grads[f"W{layer}"] = inputs[layer - 1].T @ dZ
        grads[f"b{layer}"] = dZ.sum(axis=0)
        dA = dZ @ W.T
    return loss, grads


_NETWORK_MISTAKES = (
    Mistake(
        "ReLU on the output layer",
        "only the hidden layers have a ReLU; the last layer's weighted sums are the logits, "
        "which may be negative. softmax_cross_entropy turns them into probabilities.",
        lambda params, X, y: _assembled(params, X, y, output_relu=True),
    ),
    Mistake(
        "forgot relu_backward",
        "on the way down, the gradient of every hidden layer's output passes back through "
        "its ReLU before the dense layer below can use it.",
        lambda params, X, y: _assembled(params, X, y, mask=False),
    ),
    Mistake(
        "dW built from the weighted sums of the layer below",
        "a layer's cache must hold the input it multiplied, the ReLU's OUTPUT of the layer "
        "below (A), not its weighted sums before the ReLU (Z).",
        lambda params, X, y: _assembled(params, X, y, dense_input="Z"),
    ),
    Mistake(
        "softmax applied before the loss",
        "softmax_cross_entropy takes the logits and applies the softmax itself; feeding it "
        "probabilities applies the softmax twice.",
        lambda params, X, y: _assembled(params, X, y, probs=True),
    ),
)


# ---------------------------------------------------------------- 13.3 overfit


def _overfit_variant(loss_and_grads, params, X, y, lr, steps, *, sign=-1.0, keys="all"):
    losses_seen = []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X, y)
        losses_seen.append(float(loss))
        params = {
            key: params[key] + sign * lr * grads[key]
            if keys == "all" or key.startswith("W")
            else params[key]
            for key in params
        }
    return params, losses_seen


def _losses_after_steps(loss_and_grads, params, X, y, lr, steps):
    new, _ = _overfit(loss_and_grads, params, X, y, lr, steps)
    after = _overfit(loss_and_grads, params, X, y, lr, steps + 1)[1][1:]
    return new, after


def _gradients_once(loss_and_grads, params, X, y, lr, steps):
    _, grads = loss_and_grads(params, X, y)
    losses_seen = []
    for _ in range(steps):
        losses_seen.append(float(loss_and_grads(params, X, y)[0]))
        params = {key: params[key] - lr * grads[key] for key in params}
    return params, losses_seen


def _from_start_each_time(loss_and_grads, params, X, y, lr, steps):
    new, losses_seen = params, []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X, y)
        losses_seen.append(float(loss))
        new = {key: params[key] - lr * grads[key] for key in params}
    return new, losses_seen


_OVERFIT_MISTAKES = (
    Mistake(
        "wrong sign in the update",
        "the gradient points towards a larger loss; a step goes against it.",
        lambda *args: _overfit_variant(*args, sign=1.0),
    ),
    Mistake(
        "updated only the weights",
        "the biases are parameters too and take the same step.",
        lambda *args: _overfit_variant(*args, keys="W"),
    ),
    Mistake(
        "losses recorded after the step",
        "losses[i] is the loss at the START of step i, the one loss_and_grads returns with "
        "the gradients: the first entry is the loss of the parameters you were given.",
        _losses_after_steps,
    ),
    Mistake(
        "gradients computed only once",
        "every step needs the gradients at the CURRENT parameters: call loss_and_grads again "
        "in every step.",
        _gradients_once,
    ),
    Mistake(
        "each step started from the original params",
        "only one step survived: each step must start where the previous one ended.",
        _from_start_each_time,
    ),
)


# ---------------------------------------------------------------- 13.4 update_ratios


def _ratios(params, grads, lr, measure, keys=lambda key: key.startswith("W")):
    return {
        key: float(measure(np.asarray(params[key], float), lr * np.asarray(grads[key], float)))
        for key in params
        if keys(key)
    }


def _norm_ratio(weights, update):
    return np.linalg.norm(update) / np.linalg.norm(weights)


_RATIO_MISTAKES = (
    Mistake(
        "forgot the learning rate",
        "the step is lr times the gradient; the ratio measures the step, not the gradient.",
        lambda params, grads, lr: _ratios(params, grads, 1.0, _norm_ratio),
    ),
    Mistake(
        "ratio upside down",
        "divide the size of the update by the size of the weights: a small ratio means "
        "small steps.",
        lambda params, grads, lr: _ratios(params, grads, lr, lambda w, u: 1 / _norm_ratio(w, u)),
    ),
    Mistake(
        "included the biases",
        "return one ratio per weight matrix only (keys that start with 'W'): biases start "
        "at 0, where a ratio means nothing.",
        lambda params, grads, lr: _ratios(params, grads, lr, _norm_ratio, keys=lambda key: True),
    ),
    Mistake(
        "forgot the square roots",
        "a norm is the square root of the sum of squares; a ratio of sums of squares is the "
        "ratio of norms squared.",
        lambda params, grads, lr: _ratios(
            params, grads, lr, lambda w, u: np.sum(u**2) / np.sum(w**2)
        ),
    ),
    Mistake(
        "averaged the ratios of single entries",
        "compare the whole update with the whole weight matrix, one norm each; entry by "
        "entry, a weight near 0 makes its ratio explode.",
        lambda params, grads, lr: _ratios(
            params, grads, lr, lambda w, u: np.mean(np.abs(u) / np.abs(w))
        ),
    ),
    Mistake(
        "compared the new weights with the old ones",
        "norm(W - lr * dW) / norm(W) is close to 1 for any small step; measure the update "
        "itself, lr * dW.",
        lambda params, grads, lr: _ratios(
            params, grads, lr, lambda w, u: np.linalg.norm(w - u) / np.linalg.norm(w)
        ),
    ),
)


# ---------------------------------------------------------------- 13.5 diagnose


def _pick_each(pick):
    def diagnose(train_accs, val_accs, target):
        return _diagnose([pick(train_accs)], [pick(val_accs)], target)

    return diagnose


def _validation_first(train_accs, val_accs, target):
    if np.mean(val_accs) < target:
        return "overfitting"
    return _diagnose(train_accs, val_accs, target)


_SWAP = {"underfitting": "overfitting", "overfitting": "underfitting", "good": "good"}

_DIAGNOSE_MISTAKES = (
    Mistake(
        "looked at the validation accuracy first",
        "when the training accuracy is already low, the network has not even learned the "
        "examples it sees: that is underfitting, whatever the validation accuracy says.",
        _validation_first,
    ),
    Mistake(
        "underfitting and overfitting swapped",
        "underfitting: too weak a fit, even on the training data. Overfitting: the "
        "training data is fitted, but the fit does not carry over to new data.",
        lambda train_accs, val_accs, target: _SWAP[_diagnose(train_accs, val_accs, target)],
    ),
    Mistake(
        "judged by the first seed only",
        "one seed is one draw of the initial weights and the shuffles; decide on the mean "
        "over all seeds.",
        _pick_each(lambda accs: accs[0]),
    ),
    Mistake(
        "judged by the best seed",
        "the best of several runs is an optimistic pick; decide on the mean over all seeds.",
        _pick_each(max),
    ),
)


# ============================================================ registrations

exercise(
    id="13.1",
    title="your parts",
    points=2,
    reference=course_parts,
    named_by_checks=(
        "each part's known mistakes from its own exercise (02.1, 03.3, 03.4, 05.2, 05.3, 07.3)",
        *(f"relu_backward: {mistake.name}" for mistake in _RELU_BACKWARD_MISTAKES),
        "unstable softmax or cross-entropy: an overflow warning on large logits",
        "the course's own part imported",
    ),
)

exercise(
    id="13.2",
    title="loss_and_grads",
    points=3,
    reference=course_loss_and_grads,
    mistakes=_NETWORK_MISTAKES,
    library_versions=(network.loss_and_grads,),
    named_by_checks=(
        "any wrong gradient: the gradient check of your own loss lists the relative error "
        "per parameter",
        "grads without a key of params, or of the wrong shape",
        "changed params in place",
    ),
)

exercise(
    id="13.3",
    title="overfit",
    points=2,
    reference=_overfit,
    mistakes=_OVERFIT_MISTAKES,
    named_by_checks=("one loss per step", "changed params in place"),
)

exercise(
    id="13.4",
    title="update_ratios",
    points=2,
    reference=course_update_ratios,
    mistakes=_RATIO_MISTAKES,
)

exercise(
    id="13.5",
    title="diagnose",
    points=2,
    reference=_diagnose,
    mistakes=_DIAGNOSE_MISTAKES,
)


# ============================================================ checkers


def _refuse(function: Any, *course_versions: Callable[..., Any]) -> None:
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        not any(function is version for version in course_versions),
        "this is wbcourse's own implementation, imported; write (or paste) your own version.",
    )


def check_part(name: str, function: Callable[..., Any], *args: Any) -> None:
    """Raise :class:`CheckFailed` unless the part ``name`` gives the course's answer on ``args``.

    A wrong answer that equals a known mistake of the part's exercise (see
    :data:`PARTS`) is named; the arguments must come back unchanged.

    Examples
    --------
    >>> check_part("relu", lambda z: np.maximum(z, 0), np.array([-1.0, 2.0]))
    >>> check_part("relu", np.abs, np.array([-1.0, 2.0]))
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: took the absolute value: ...
    """
    reference, source = PARTS[name]
    item = get_exercise(source) if source else None
    mistakes = item.mistakes if item else _RELU_BACKWARD_MISTAKES
    library = item.library_versions if item else ()
    _refuse(function, reference, *library)
    expected = reference(*copy.deepcopy(args))
    got, mutated = call_checked(function, *copy.deepcopy(args))
    try:
        compare(got, expected, name=f"your {name}'s output")
    except CheckFailed as failure:
        raise named_mistake(mistakes, got, args) or failure from None
    require(
        not mutated,
        f"your {name} changed its input arrays in place; build a new array instead.",
    )


def _check_form(result: Any, params: Mapping[str, np.ndarray]) -> tuple[float, dict]:
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        "loss_and_grads must return two things: (loss, grads).",
    )
    loss, grads = result
    require(
        np.ndim(loss) == 0 and np.isreal(loss),
        f"the loss must be one number, got {type(loss).__name__} of shape {np.shape(loss)}.",
    )
    require(isinstance(grads, Mapping), f"grads must be a dict, got {type(grads).__name__}.")
    missing = [key for key in params if key not in grads]
    require(not missing, f"grads has no {', '.join(missing)}: one gradient per key of params.")
    extra = [key for key in grads if key not in params]
    require(not extra, f"grads has keys that params does not have: {', '.join(extra)}.")
    for key, value in params.items():
        require(
            np.shape(grads[key]) == np.shape(value),
            f"grads[{key!r}] has shape {np.shape(grads[key])}, expected {np.shape(value)} "
            "(a gradient has the shape of what it differentiates).",
        )
    return float(loss), dict(grads)


def _with_course_parts(function: Callable[..., Any]) -> Callable[..., Any]:
    _refuse(function, course_loss_and_grads, network.loss_and_grads)
    return with_helpers(function, **course_parts())


def check_loss_and_grads(function: Callable[..., Any], params: dict, X, y) -> None:
    """Raise :class:`CheckFailed` unless ``function(params, X, y)`` is the network's loss and grads.

    While ``function`` runs, the seven parts it calls are the course's, so that a
    mistake in 13.1 costs points there only. The result must be ``(loss, grads)``
    equal to :func:`course_loss_and_grads`; known slips are named; ``params`` must
    come back unchanged.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> params, X = random_params([3, 4, 2], rng), rng.normal(size=(5, 3))
    >>> check_loss_and_grads(lambda p, X, y: course_loss_and_grads(p, X, y), params, X,
    ...                      np.array([0, 1, 1, 0, 1]))
    """
    run = _with_course_parts(function)
    expected_loss, expected_grads = course_loss_and_grads(*copy.deepcopy((params, X, y)))
    result, mutated = call_checked(run, *copy.deepcopy((params, X, y)))
    loss, grads = _check_form(result, params)
    try:
        compare(loss, expected_loss, name="the loss")
        compare(grads, expected_grads, name="grads")
    except CheckFailed as failure:
        raise named_mistake(_NETWORK_MISTAKES, (loss, grads), (params, X, y)) or failure from None
    require(not mutated, "changed params in place; build new arrays instead.")


def check_whole_gradients(
    function: Callable[..., Any],
    params: dict,
    X,
    y,
    rng: np.random.Generator,
    tolerance: float = 1e-6,
) -> None:
    """Raise :class:`CheckFailed` unless ``function``'s grads are the slopes of its own loss.

    Every parameter entry is nudged by ``+h`` and ``-h`` (central differences,
    :func:`wbcourse.checks.gradient_errors`); the change of the loss divided by
    ``2 h`` must match the returned gradient to a relative error below
    ``tolerance``. The course's parts stand in for the student's while it runs.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> params, X = random_params([3, 4, 2], rng), rng.normal(size=(5, 3))
    >>> check_whole_gradients(lambda p, X, y: course_loss_and_grads(p, X, y), params, X,
    ...                       np.array([0, 1, 1, 0, 1]), rng)
    """
    run = _with_course_parts(function)
    keys = list(params)

    def forward(*arrays):  # the loss is the "output", the grads its "cache"
        return run(dict(zip(keys, arrays, strict=True)), X, y)

    def backward(dout, grads):
        return tuple(dout * np.asarray(grads[key], dtype=float) for key in keys)

    _check_form(call_checked(run, *copy.deepcopy((params, X, y)))[0], params)
    errors = gradient_errors(forward, backward, params, rng)
    table = ", ".join(f"d{key}: {error:.1e}" for key, error in errors.items())
    wrong = [f"d{key}" for key, error in errors.items() if not error <= tolerance]
    require(
        not wrong,
        f"gradient check failed for {', '.join(wrong)} (relative errors {table}; below "
        f"{tolerance:g} passes). The highest layer with a wrong gradient is where to look.",
    )


def _check_overfit_form(result: Any, params: dict, steps: int) -> None:
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        "overfit must return two things: (new_params, losses).",
    )
    new_params, losses_seen = result
    require(
        isinstance(new_params, Mapping) and sorted(new_params) == sorted(params),
        f"new_params must be a dict with the keys of params, {sorted(params)}.",
    )
    require(
        np.ndim(losses_seen) == 1 and len(losses_seen) == steps,
        f"losses must be a list with one loss per step: {steps} entries, got "
        f"{len(losses_seen) if np.ndim(losses_seen) == 1 else type(losses_seen).__name__}.",
    )


def check_overfit(function: Callable[..., Any], params: dict, X, y, lr: float, steps: int):
    """Raise :class:`CheckFailed` unless ``function`` runs ``steps`` steps of gradient descent.

    ``function(loss_and_grads, params, X, y, lr, steps)`` gets the course's
    :func:`course_loss_and_grads` (so a mistake in 13.2 is not paid for twice) and
    must return ``(new_params, losses)`` equal to the reference, with ``losses[i]``
    the loss at the start of step ``i``; ``params`` must come back unchanged.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> params, X = random_params([3, 2], rng), rng.normal(size=(4, 3))
    >>> check_overfit(lambda *args: _overfit(*args), params, X, np.array([0, 1, 1, 0]), 0.5, 3)
    """
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    args = (course_loss_and_grads, params, X, y, lr, steps)
    result, mutated = call_checked(function, *copy.deepcopy(args))
    require(
        not mutated,
        "changed params in place (e.g. params[key] -= ...): the caller's parameters moved. "
        "Build a new dict of new arrays in every step.",
    )
    _check_overfit_form(result, params, steps)
    expected = _overfit(*copy.deepcopy(args))
    got = (dict(result[0]), [float(value) for value in result[1]])
    try:
        compare(got[0], expected[0], name="new_params")
        compare(got[1], expected[1], name="losses")
    except CheckFailed as failure:
        raise named_mistake(_OVERFIT_MISTAKES, got, args) or failure from None
