"""Lesson 13, your own network end to end: the course's parts, helpers, and the lesson's checks.

Students bring their functions of lessons 02-07 into one notebook (the grader runs
only that notebook), assemble the loss and gradients of a ReLU network of any
depth from them, gradient-check it, and train it on the 8x8 digits with the
checks a practitioner runs. The course's versions of the seven parts stand in
while a later exercise is graded (:func:`course_parts`), so that a mistake costs
points once; the checks of exercises 13.1-13.3 and the mistakes they name by
logic are here too. Their right answers come from the oracle
(:func:`wbcourse.checks.ask`).
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
    ask,
    call_checked,
    check_answer,
    matches,
    quietly,
    require,
    require_dependence,
    with_helpers,
)
from wbcourse.gradcheck import rel_error
from wbcourse.mistakes import MUTATED, REORDERED
from wbcourse.oracle import Answer

__all__ = [
    "FIRST_LAYER_MISSING",
    "GAP",
    "IGNORED_LOSS",
    "MISSING_LAYERS",
    "NO_BIAS_GRADS",
    "PARTS",
    "RETURN_FORM",
    "SHARED_MAX",
    "UNSTABLE",
    "WRONG_COUNT",
    "bowl_loss_and_grads",
    "check_diagnosis",
    "check_loss_and_grads",
    "check_overfit",
    "check_part",
    "check_whole_gradients",
    "course_loss_and_grads",
    "course_parts",
    "course_update_ratios",
    "random_params",
]


# ============================================================ the course's parts and helpers


def _dense_forward(X, W, b) -> np.ndarray:
    return layers.dense_forward(X, W, b)[0]


def _softmax_cross_entropy(logits, y) -> float:
    return losses.softmax_cross_entropy(logits, y)[0]


def _softmax_cross_entropy_grad(logits, y) -> np.ndarray:
    return losses.softmax_cross_entropy(logits, y)[1]


_COURSE = {
    "dense_forward": _dense_forward,
    "relu": activations.relu,
    "softmax": activations.softmax,
    "softmax_cross_entropy": _softmax_cross_entropy,
    "softmax_cross_entropy_grad": _softmax_cross_entropy_grad,
    "dense_backward": layers.dense_backward,
    "relu_backward": activations.relu_backward,
}
#: The seven parts of exercise 13.1, by the names the notebook gives them.
PARTS = tuple(_COURSE)


def course_parts() -> dict[str, Callable[..., Any]]:
    """The course's versions of the seven parts, by the names the notebook gives them.

    Examples
    --------
    >>> parts = course_parts()
    >>> parts["dense_forward"](np.ones((1, 2)), np.ones((2, 3)), np.arange(3.0))
    array([[2., 3., 4.]])
    """
    return dict(_COURSE)


def course_loss_and_grads(params: dict, X, y) -> tuple[float, dict]:
    """The course's network loss: mean softmax cross-entropy of a ReLU network, and its grads.

    Hidden layers use ReLU, the last layer's weighted sums are the logits. It
    stands in for the student's ``loss_and_grads`` until that passes.

    Examples
    --------
    >>> params = {"W1": np.zeros((2, 3)), "b1": np.zeros(3)}
    >>> loss, grads = course_loss_and_grads(params, np.ones((4, 2)), np.array([0, 1, 2, 0]))
    >>> round(loss, 4), sorted(grads)  # all logits 0: ln 3
    (1.0986, ['W1', 'b1'])
    """
    return network.loss_and_grads(params, X, y)


def course_update_ratios(params: dict, grads: dict, lr: float) -> dict[str, float]:
    """``norm(lr * grads[W]) / norm(params[W])`` per weight matrix (the Frobenius norms).

    It stands in for the student's ``update_ratios`` until that passes.

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


def _part_of(answer: Answer, index: int) -> Answer:
    """The answer about one item of a tuple-valued answer."""
    return Answer(
        answer.expected[index],
        tuple((mistake, wrong[index]) for mistake, wrong in answer.mistakes),
    )


# ============================================================ 13.1 your parts

UNSTABLE = Mistake(
    "13.1/unstable",
    "right for small logits, but not for logits in the hundreds",
    "exp of a large logit overflows and log of a probability that rounded to 0 is -inf: "
    "subtract each row's largest logit before exp, and compute log-probabilities as "
    "z - log-sum-exp(z) (lessons 03 and 05).",
)
SHARED_MAX = Mistake(
    "13.1/shared-max",
    "subtracted a maximum that several rows share",
    "your part is right for each row alone, but not for the batch: a row far below the "
    "shared maximum underflows to 0/0. Subtract each row's own max, "
    "Z.max(axis=1, keepdims=True).",
)
#: The parts that must cope with large logits.
_STABLE = ("softmax", "softmax_cross_entropy", "softmax_cross_entropy_grad")


def _runs_right(run: Callable[..., Any], args: tuple, expected: Any) -> bool:
    """Whether ``run(*args)`` gives ``expected`` without a warning or an exception."""
    try:
        return matches(call_checked(run, *copy.deepcopy(args))[0], expected)
    except CheckFailed:
        return False


def _row_by_row(name: str, run: Callable[..., Any], args: tuple, expected: Any) -> bool:
    """Whether ``run`` gives each row's share of ``expected`` for each row alone."""
    logits, *labels = args
    rows = []
    for i in range(len(logits)):
        try:
            alone = (logits[i : i + 1], *(label[i : i + 1] for label in labels))
            rows.append(call_checked(run, *copy.deepcopy(alone))[0])
        except CheckFailed:
            return False
    if name == "softmax_cross_entropy":  # the mean of the rows' losses
        try:
            return matches(float(np.mean([float(loss) for loss in rows])), expected)
        except (TypeError, ValueError):
            return False
    scale = len(logits) if name == "softmax_cross_entropy_grad" else 1  # the grad divides by N
    try:
        return matches(np.vstack(rows) / scale, expected)
    except ValueError:
        return False


def _explain_large_logits(name: str, run: Callable[..., Any], args: tuple, answer: Answer):
    """Raise :data:`SHARED_MAX` or :data:`UNSTABLE` when one of them explains a failure."""
    logits = np.asarray(args[0], dtype=float)
    if name not in _STABLE or not np.max(np.abs(logits)) > 100:
        return
    detail = f"The largest logit here is {np.max(np.abs(logits)):g} in size."
    require(not _row_by_row(name, run, args, answer.expected), SHARED_MAX, detail)
    shifted = logits - logits.max(axis=1, keepdims=True)  # the same answer
    require(not _runs_right(run, (shifted, *args[1:]), answer.expected), UNSTABLE, detail)
    small = (shifted * (50.0 / np.max(np.abs(shifted))), *args[1:])  # logits of at most 50
    require(not _runs_right(run, small, _COURSE[name](*small)), UNSTABLE, detail)


def check_part(name: str, function: Callable[..., Any], *args: Any) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless the part ``name`` is right on ``args``.

    The part runs with the course's versions of the six others (a softmax that
    ``softmax_cross_entropy_grad`` calls is the course's), so that each part is
    graded on its own. Its result is compared with the right answer and the known
    mistakes' (also when it warned). A part of the softmax family that warns or
    gives nan on large logits is :data:`SHARED_MAX` if it is right on every row
    alone, and :data:`UNSTABLE` if it is right on the same logits shifted row by
    row (which changes no answer) or scaled down to at most 50. The arguments must
    come back unchanged.

    Parameters
    ----------
    name : str
        One of :data:`PARTS`.
    function : callable
        The student's part.
    *args
        Its arguments.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("13.1")
    >>> for relu in (lambda z: np.maximum(z, 0), lambda z: np.maximum(z, 1)):
    ...     grader.case(lambda: check_part("relu", relu, np.array([-1.0, 2.0])))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    13.1 Your seven parts: 1 of 2 cases passed, 1 of 2 points
      PASS  case 1
      FAIL  case 2: your relu's output has the right shape but wrong values (1 of 2 differ)...
    """
    answer = ask("part", name, *args, called_with=args)
    require(callable(function), f"your {name} must be a function, got {type(function).__name__}.")
    run = with_helpers(function, **{key: part for key, part in _COURSE.items() if key != name})
    label = f"your {name}'s output"
    try:
        got, mutated = call_checked(run, *copy.deepcopy(args))
    except CheckFailed as failure:
        try:  # a warning (not an exception): its result is still evidence
            quiet = quietly(run, args)
        except Exception:
            raise failure from None
        _explain_large_logits(name, run, args, answer)
        try:
            check_answer(quiet, answer, label)
        except CheckFailed:
            pass
        raise failure from None
    if not np.all(np.isfinite(np.asarray(got, dtype=float) if _numeric(got) else 0.0)):
        _explain_large_logits(name, run, args, answer)
    check_answer(got, answer, label)
    require(not mutated, MUTATED)


def _numeric(value: Any) -> bool:
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


# ============================================================ 13.2 loss_and_grads

MISSING_LAYERS = Mistake(
    "13.2/fixed-depth",
    "works for a fixed number of layers only",
    "params may hold any number L of layers, L = len(params) // 2: loop over the layers "
    "instead of writing each one out.",
)

IGNORED_LOSS = Mistake(
    "13.3/ignored-loss",
    "trained the network's loss, not the loss_and_grads it was given",
    "overfit must work for any loss: call the loss_and_grads argument, not a function of "
    "the notebook (here it was a bowl, half the sum of squares of the parameters).",
)
X_IN_EVERY_CACHE = Mistake(
    "13.2/x-in-every-cache",
    "gave every layer X as its input",
    "layer l multiplies the activations of layer l - 1, not X: keep the current activations "
    "in a variable through the forward loop, and cache what each layer multiplied.",
)
OUTPUT_IN_CACHE = Mistake(
    "13.2/output-in-cache",
    "cached each layer's output instead of its input",
    "dense_backward computes dW from the input the layer multiplied: cache that input, "
    "taken before the layer's output replaces it.",
)
LAYER_MIXUP = Mistake(
    "13.2/layer-mixup",
    "gave relu_backward a dA and a Z of different layers",
    "walking down from layer L, the dA that layer l's dense_backward returns is the gradient "
    "of layer l - 1's activations, so it goes with layer l - 1's Z.",
)
FIRST_LAYER_MISSING = Mistake(
    "13.2/first-layer-missing",
    "the backward loop stops before layer 1",
    "range(L, 1, -1) never reaches l = 1, so W1 and b1 get no gradient; range(L, 0, -1) runs "
    "down to 1.",
)
NO_BIAS_GRADS = Mistake(
    "13.2/no-bias-grads",
    "no gradients for the biases",
    "grads needs one entry per parameter, the b's as well as the W's: dense_backward returns "
    "db too.",
)


def _with_course_parts(function: Callable[..., Any]) -> Callable[..., Any]:
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    return with_helpers(function, **_COURSE)


def _check_form(result: Any, params: Mapping[str, np.ndarray]) -> tuple[float, dict]:
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        "loss_and_grads must return two things: (loss, grads).",
    )
    loss, grads = result
    require(
        not (isinstance(loss, Mapping) and np.ndim(grads) == 0 and _numeric(grads)),
        REORDERED,
        "Your result is (grads, loss).",
    )
    require(
        np.ndim(loss) == 0 and _numeric(loss),
        f"the loss must be one number, got {type(loss).__name__} of shape {np.shape(loss)}.",
    )
    require(isinstance(grads, Mapping), f"grads must be a dict, got {type(grads).__name__}.")
    missing = [key for key in params if key not in grads]
    layers_missing = {key[1:] for key in missing}
    require(
        sorted(missing) != ["W1", "b1"] or len(params) == 2,
        FIRST_LAYER_MISSING,
        f"Your grads has {', '.join(sorted(grads))}, but no W1 or b1.",
    )
    require(
        not missing
        or any(f"{kind}{layer}" not in missing for layer in layers_missing for kind in "Wb"),
        MISSING_LAYERS,
        f"For a network of {len(params) // 2} layers your grads has no {', '.join(missing)}.",
    )
    require(
        not missing or not all(key.startswith("b") for key in missing),
        NO_BIAS_GRADS,
        f"Your grads has no {', '.join(missing)}.",
    )
    require(not missing, f"grads has no {', '.join(missing)}: one gradient per key of params.")
    extra = [key for key in grads if key not in params]
    require(not extra, f"grads has keys that params does not have: {', '.join(map(str, extra))}.")
    wrong = {
        key: np.shape(grads[key]) for key in params if np.shape(grads[key]) != params[key].shape
    }
    inputs = params["W1"].shape[0]
    for mistake, shape in [
        (X_IN_EVERY_CACHE, lambda W: (inputs, W.shape[1])),
        (OUTPUT_IN_CACHE, lambda W: (W.shape[1], W.shape[1])),
    ]:
        explained = all(
            key.startswith("W") and got == shape(params[key]) for key, got in wrong.items()
        )
        require(not (wrong and explained), mistake, f"Your grads have the shapes {wrong}.")
    for key, value in params.items():
        require(
            np.shape(grads[key]) == np.shape(value),
            f"grads[{key!r}] has shape {np.shape(grads[key])}, expected {np.shape(value)} "
            "(a gradient has the shape of what it differentiates).",
        )
    return float(loss), dict(grads)


def _compare_network(result: tuple[float, dict], answer: Answer) -> None:
    check_answer(result[0], _part_of(answer, 0), "the loss")
    check_answer(result[1], _part_of(answer, 1), "grads")


def check_loss_and_grads(function: Callable[..., Any], params: dict, X, y) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function`` is the network's loss.

    While ``function`` runs, the seven parts it calls are the course's, so that a
    mistake in 13.1 costs points there only. The result must be ``(loss, grads)``
    equal to the right answer; known slips are named; ``params`` must come back
    unchanged.

    Parameters
    ----------
    function : callable
        ``loss_and_grads(params, X, y) -> (loss, grads)``.
    params : dict
        ``{"W1", "b1", ..., "WL", "bL"}``.
    X : ndarray, shape (N, D_0)
    y : ndarray of int, shape (N,)

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> rng = np.random.default_rng(0)
    >>> params, X = random_params([3, 4, 2], rng), rng.normal(size=(5, 3))
    >>> y = np.array([0, 1, 1, 0, 1])
    >>> grader = Grader("13.2")
    >>> grader.case(lambda: check_loss_and_grads(course_loss_and_grads, params, X, y))
    >>> grader.case(lambda: check_loss_and_grads(lambda p, X, y: (0.0, p), params, X, y))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    13.2 loss_and_grads: 1 of 2 cases passed, 1.5 of 3 points
      PASS  case 1
      FAIL  case 2: the loss is the wrong value. ...
    """
    answer = ask("reference", params, X, y)
    run = _with_course_parts(function)
    try:
        result, mutated = call_checked(run, *copy.deepcopy((params, X, y)))
    except CheckFailed as failure:  # the course's relu_backward refused two shapes
        require(
            "dA and Z must have the same shape" not in str(failure), LAYER_MIXUP, failure.detail
        )
        raise
    _compare_network(_check_form(result, params), answer)
    require(not mutated, MUTATED)


def _copied(params: dict, key: str, value, X, y) -> tuple:
    """Copies of ``(params with params[key] = value, X, y)``."""
    return copy.deepcopy((dict(params, **{key: value}), X, y))


def _slope_errors(run, params: dict, X, y, grads: dict, rng, h: float = 1e-5) -> dict:
    """Per parameter, the relative error of its gradient along a random direction.

    The loss's slope along ``direction`` (central differences, two calls) must be
    ``sum(grads[key] * direction)``: one check per parameter that any wrong entry
    of its gradient fails (with probability 1), at two calls instead of two per entry.
    """
    errors, slopes = {}, []
    for key, value in params.items():
        direction = rng.normal(size=np.shape(value))
        slope = [
            _check_form(call_checked(run, *_copied(params, key, value + step, X, y))[0], params)[0]
            for step in (h * direction, -h * direction)
        ]
        numeric = (slope[0] - slope[1]) / (2 * h)
        errors[key] = rel_error(float(np.sum(grads[key] * direction)), numeric)
        slopes.append(numeric)
    require_dependence(slopes, "your loss")
    return errors


def check_whole_gradients(
    function: Callable[..., Any],
    params: dict,
    X,
    y,
    rng: np.random.Generator,
    tolerance: float = 1e-6,
) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function``'s grads are its slopes.

    Each parameter (a weight matrix or a bias vector) is nudged by ``+h`` and ``-h``
    times a random direction; the change of the loss divided by ``2 h`` is the
    loss's slope in that direction, which the returned gradient predicts as
    ``sum(grad * direction)``. They must agree to a relative error below
    ``tolerance``. The course's parts stand in for the student's while it runs.
    When the check fails, the result is also compared with the right answer and
    the known mistakes', to name the slip.

    Parameters
    ----------
    function : callable
        ``loss_and_grads(params, X, y) -> (loss, grads)``.
    params : dict
    X : ndarray, shape (N, D_0)
    y : ndarray of int, shape (N,)
    rng : numpy.random.Generator
        Draws the directions.
    tolerance : float

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> rng = np.random.default_rng(0)
    >>> params, X = random_params([3, 4, 2], rng), rng.normal(size=(5, 3))
    >>> y = np.array([0, 1, 1, 0, 1])
    >>> def halved(params, X, y):
    ...     loss, grads = course_loss_and_grads(params, X, y)
    ...     return loss, {key: grad / 2 for key, grad in grads.items()}
    >>> grader = Grader("13.2")
    >>> grader.case(lambda: check_whole_gradients(course_loss_and_grads, params, X, y, rng))
    >>> grader.case(lambda: check_whole_gradients(halved, params, X, y, rng))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    13.2 loss_and_grads: 1 of 2 cases passed, 1.5 of 3 points
      PASS  case 1
      FAIL  case 2: gradient check failed for dW1, db1, dW2, db2: ...
    """
    answer = ask("reference", params, X, y)
    run = _with_course_parts(function)
    result = _check_form(call_checked(run, *copy.deepcopy((params, X, y)))[0], params)
    grads = {key: np.asarray(grad, dtype=float) for key, grad in result[1].items()}
    # a loss right at params has the course's slopes there: differentiate the course's
    # (a loss that answers nudged params differently could fake any slope)
    right = matches(result[0], course_loss_and_grads(params, X, y)[0])
    errors = _slope_errors(course_loss_and_grads if right else run, params, X, y, grads, rng)
    wrong = [f"d{key}" for key, error in errors.items() if not error <= tolerance]
    if not wrong:
        return
    try:
        _compare_network(result, answer)
    except CheckFailed:
        pass
    table = ", ".join(f"d{key}: {error:.1e}" for key, error in errors.items())
    raise CheckFailed(
        f"gradient check failed for {', '.join(wrong)}: your grads are not the slopes of your "
        "own loss. The highest layer with a wrong gradient is where to look.",
        f"Relative errors along a random direction: {table}; below {tolerance:g} passes.",
    )


# ============================================================ 13.3 overfit

RETURN_FORM = Mistake(
    "13.3/return",
    "returned something other than (new_params, losses)",
    "overfit returns two things: the dict of parameters after the last step, and the list "
    "of the losses.",
)
WRONG_COUNT = Mistake(
    "13.3/loss-count",
    "not one loss per step",
    "record the loss that loss_and_grads returns in each step, once: `steps` steps, `steps` "
    "losses.",
)


def bowl_loss_and_grads(params: Mapping[str, np.ndarray], X, y) -> tuple[float, dict]:
    """A loss that is not the network's: half the sum of squares of all parameters.

    Its gradients are the parameters themselves, whatever ``X`` and ``y`` are.

    >>> bowl_loss_and_grads({"W1": np.array([[3.0, 4.0]])}, None, None)
    (12.5, {'W1': array([[3., 4.]])})
    """
    loss = 0.5 * sum(float(np.sum(np.square(value))) for value in params.values())
    return loss, {key: np.array(value, dtype=float) for key, value in params.items()}


def check_overfit(
    function: Callable[..., Any],
    params: dict,
    X,
    y,
    lr: float,
    steps: int,
    loss_and_grads: Callable[..., Any] = course_loss_and_grads,
):
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function`` runs gradient descent.

    ``function(loss_and_grads, params, X, y, lr, steps)`` gets ``loss_and_grads``
    (by default :func:`course_loss_and_grads`, so that a mistake in 13.2 is not
    paid for twice; :func:`bowl_loss_and_grads` tells whether it uses the function
    it is given) and must return ``(new_params, losses)`` equal to the right
    answer, with ``losses[i]`` the loss at the start of step ``i``; ``params``
    must come back unchanged.

    Parameters
    ----------
    function : callable
        The student's ``overfit``.
    params : dict
    X : ndarray, shape (N, D_0)
    y : ndarray of int, shape (N,)
    lr : float
    steps : int

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> def overfit(loss_and_grads, params, X, y, lr, steps):
    ...     losses = []
    ...     for _ in range(steps):
    ...         loss, grads = loss_and_grads(params, X, y)
    ...         losses.append(loss)
    ...         params = {key: params[key] - lr * grads[key] for key in params}
    ...     return params, losses
    >>> rng = np.random.default_rng(0)
    >>> params, X, y = random_params([3, 2], rng), rng.normal(size=(4, 3)), np.array([0, 1, 1, 0])
    >>> grader = Grader("13.3")
    >>> grader.case(lambda: check_overfit(overfit, params, X, y, 0.5, 3))
    >>> grader.case(lambda: check_overfit(lambda *args: overfit(*args)[1], params, X, y, 0.5, 3))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    13.3 overfit: 1 of 2 cases passed, 1 of 2 points
      PASS  case 1
      FAIL  case 2: returned something other than (new_params, losses): ...
    """
    args = (loss_and_grads, params, X, y, lr, steps)
    answer = ask("reference", *args)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    result, mutated = call_checked(function, *copy.deepcopy(args))
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        RETURN_FORM,
        f"Got {type(result).__name__}"
        + (f" of length {len(result)}." if isinstance(result, tuple | list) else "."),
    )
    new_params, losses_seen = result
    require(
        isinstance(new_params, Mapping) and sorted(new_params) == sorted(params),
        RETURN_FORM,
        f"new_params must be a dict with the keys of params, {sorted(params)}.",
    )
    require(np.ndim(losses_seen) == 1, RETURN_FORM, "losses must be a list of numbers.")
    require(
        len(losses_seen) == steps,
        WRONG_COUNT,
        f"{steps} steps gave {len(losses_seen)} losses.",
    )
    if loss_and_grads is not course_loss_and_grads and not matches(
        dict(new_params), _part_of(answer, 0).expected
    ):
        network = _part_of(ask("reference", course_loss_and_grads, *args[1:]), 0).expected
        require(not matches(dict(new_params), network), IGNORED_LOSS)
    check_answer(dict(new_params), _part_of(answer, 0), "new_params")
    check_answer([float(loss) for loss in losses_seen], _part_of(answer, 1), "losses")
    require(not mutated, MUTATED, "The caller's parameters moved (e.g. params[key] -= ...).")


# ---------------------------------------------------------------- 13.5 diagnose

GAP = Mistake(
    "13.5/gap",
    "called a gap between training and validation overfitting",
    "a validation mean that reaches the target is good, however far the training mean is "
    "above it: overfitting is a validation mean below the target while the training mean "
    "reaches it.",
)


def check_diagnosis(function: Callable[..., Any], train_accs, val_accs, target: float) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function`` diagnoses right.

    The student's ``diagnose(train_accs, val_accs, target)`` must give the
    reference's word for these accuracies (per seed, lists of one length). When
    it says "overfitting" for a good model and "good" once the training
    accuracies are lowered to the validation ones, its verdict turned on the gap
    between the two, and :data:`GAP` is named.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> def by_gap(train_accs, val_accs, target):
    ...     if np.mean(train_accs) < target:
    ...         return "underfitting"
    ...     return "overfitting" if np.mean(train_accs) - np.mean(val_accs) > 0.05 else "good"
    >>> grader = Grader("13.5")
    >>> grader.case(lambda: check_diagnosis(by_gap, [1.0, 0.99], [0.88, 0.86], 0.8), "gap")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    13.5 diagnose: 0 of 1 cases passed, 0 of 2 points
      FAIL  gap: called a gap between training and validation overfitting: ...
    """
    args = (list(train_accs), list(val_accs), target)
    answer = ask("reference", *args)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    got, mutated = call_checked(function, *copy.deepcopy(args))
    if got == "overfitting" and answer.expected == "good":
        without_gap, _ = call_checked(function, list(val_accs), list(val_accs), target)
        require(
            without_gap != "good",
            GAP,
            "Your function said 'good' for the same validation accuracies once the training "
            "ones were lowered to match them.",
        )
    check_answer(got, answer)
    require(not mutated, MUTATED)
