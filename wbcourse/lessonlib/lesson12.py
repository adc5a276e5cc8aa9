"""Lesson 12, optimization: the optimizers' paths on lesson 06's loss map, and the checks.

The lesson's figures and the optimizer race (:mod:`wbcourse.widgets.optimizers`)
use :func:`line_curvatures` and :func:`optimizer_path`. The checks of exercises
12.2-12.4 and the mistakes they name by logic are here too; their right answers
come from the oracle (:func:`wbcourse.checks.ask`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from wbcourse import normalization, optim
from wbcourse.checks import (
    CheckFailed,
    Mistake,
    ask,
    call_checked,
    check_answer,
    gradient_errors,
    keep_quiet_evidence,
    quietly,
    require,
)
from wbcourse.lessonlib.lesson06 import line_data, line_loss
from wbcourse.mistakes import MUTATED, REORDERED

__all__ = [
    "DIVERGED",
    "METHODS",
    "NEGATIVE_V",
    "NO_CACHE",
    "adam_path",
    "check_adam_first_step",
    "check_adam_path",
    "check_batchnorm_backward",
    "course_batchnorm_forward",
    "line_curvatures",
    "optimizer_path",
    "output_of",
]

#: The optimizers :func:`optimizer_path` runs, by name.
METHODS = ("sgd", "momentum", "rmsprop", "adam")
#: A path stops once ``|w|`` or ``|b|`` passes this: it diverged.
DIVERGED = 1e6


def line_curvatures(x) -> np.ndarray:
    """The two curvatures of lesson 06's loss map: eigenvalues of its Hessian, ascending.

    ``L(w, b) = mean((w * x + b - y) ** 2)`` is a bowl whose Hessian (matrix of second
    derivatives) is ``2 * [[mean(x**2), mean(x)], [mean(x), 1]]``, the same at every
    point and independent of ``y``. Its eigenvalues are the curvatures along the
    bowl's two axes: their ratio is the *condition number* (how elongated the rings
    are), and gradient descent diverges for learning rates above ``2 / largest``.

    Parameters
    ----------
    x : array-like, shape (N,)
        The inputs.

    Returns
    -------
    ndarray, shape (2,)
        The flat and the steep curvature.

    Examples
    --------
    >>> flat, steep = line_curvatures(np.array([-1.0, 1.0]))  # centred, variance 1
    >>> float(flat), float(steep)
    (2.0, 2.0)
    """
    x = np.asarray(x, dtype=float)
    hessian = 2.0 * np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])
    return np.linalg.eigvalsh(hessian)


def _line_gradient(inputs: np.ndarray, y: np.ndarray, wb: np.ndarray) -> np.ndarray:
    """``(dw, db) = 2 / B * A.T @ (A @ (w, b) - y)`` for rows ``A = (x_i, 1)`` and targets ``y``."""
    return (2.0 / len(y)) * (inputs.T @ (inputs @ wb - y))


def _step(method: str, params: dict, grads: dict, state, lr: float, beta: float):
    if method == "sgd":
        return optim.sgd_step(params, grads, lr), None
    if method == "momentum":
        return optim.momentum_step(params, grads, state, lr, beta)
    if method == "rmsprop":
        return optim.rmsprop_step(params, grads, state, lr)
    return optim.adam_step(params, grads, state, lr)


def optimizer_path(
    x,
    y,
    method: str,
    lr: float,
    steps: int,
    *,
    beta: float = 0.9,
    decay: float = 0.0,
    batch_size: int | None = None,
    rng: np.random.Generator | None = None,
    start=(0.0, 0.0),
) -> np.ndarray:
    """The points ``(w, b)`` an optimizer of :mod:`wbcourse.optim` visits on the line fit.

    Step ``t = 0, 1, ...`` uses the learning rate ``lr / (1 + decay * t)``
    (:func:`wbcourse.optim.inverse_time_decay`; ``decay=0`` keeps it constant) and the
    gradient of the mean squared error of one mini-batch: all points when
    ``batch_size`` is None, else consecutive batches of a new shuffle, drawn with
    ``rng``, in every epoch: ``(dw, db) = 2 / B * A.T @ (A @ (w, b) - y)`` for the
    batch's rows ``A = (x_i, 1)``. The run stops early once ``|w|`` or ``|b|`` passes
    :data:`DIVERGED`.

    Parameters
    ----------
    x, y : ndarray, shape (N,)
    method : {"sgd", "momentum", "rmsprop", "adam"}
        ``"momentum"`` uses ``beta``; RMSProp and Adam use their usual defaults.
    lr : float > 0
    steps : int
    beta : float in [0, 1)
        Momentum's beta.
    decay : float >= 0
    batch_size : int, optional
    rng : numpy.random.Generator, optional
        Needed when ``batch_size`` is given.
    start : (float, float)

    Returns
    -------
    path : ndarray, shape (S + 1, 2)
        The start, then ``(w, b)`` after every step (S <= steps).

    Examples
    --------
    >>> x, y = np.array([0.0, 1.0]), np.array([1.0, 3.0])  # y = 2 x + 1
    >>> optimizer_path(x, y, "adam", lr=0.1, steps=2).round(3)  # lr along every axis at first
    array([[0. , 0. ],
           [0.1, 0.1],
           [0.2, 0.2]])
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    y = np.asarray(y, dtype=float)
    inputs = np.column_stack([np.asarray(x, dtype=float), np.ones(len(y))])  # rows (x_i, 1)
    params, state = {"wb": np.array(start, dtype=float)}, None
    path, batches = [params["wb"]], []
    for t in range(steps):
        if batch_size is None:
            A, targets = inputs, y
        else:
            if not batches:  # a new epoch: a new shuffle, cut into consecutive batches
                order = rng.permutation(len(y))
                batches = [order[i : i + batch_size] for i in range(0, len(y), batch_size)]
            rows = batches.pop(0)
            A, targets = inputs[rows], y[rows]
        grads = {"wb": _line_gradient(A, targets, params["wb"])}
        rate = optim.inverse_time_decay(lr, t, decay) if decay else lr
        params, state = _step(method, params, grads, state, rate, beta)
        path.append(params["wb"])
        if not max(map(abs, params["wb"].tolist())) < DIVERGED:  # also stops on nan
            break
    return np.array(path)


# ============================================================ 12.2 adam_update

NEGATIVE_V = Mistake(
    "12.2/not-squared",
    "v averages the gradients, not their squares",
    "v is the running mean of the squared gradient, dw**2, like RMSProp's average, so it is "
    "never negative; yours went negative, and the square root of a negative v_hat is nan.",
)


def _adam_state(result: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """An ``adam_update`` result as three float arrays, or a clear failure."""
    require(
        isinstance(result, tuple | list) and len(result) == 3,
        "return a tuple (w, m, v): the new weights and the new running averages.",
        f"Got {type(result).__name__}"
        + (f" of length {len(result)}." if isinstance(result, tuple | list) else "."),
    )
    try:
        return tuple(np.asarray(value, dtype=float) for value in result)
    except (TypeError, ValueError):
        raise CheckFailed("w, m and v must be numeric arrays.") from None


def adam_path(adam_update: Callable[..., Any], lr: float, steps: int) -> np.ndarray:
    """The points ``(w, b)`` that ``steps`` calls of ``adam_update`` visit on lesson 06's line fit.

    The run starts at ``(w, b) = (0, 0)`` with ``m = v = 0``; call ``t = 1, 2, ...``
    gets the gradient of :func:`~wbcourse.lessonlib.lesson06.line_loss` at the
    current point and the ``m``, ``v`` of the previous call. It stops early once
    ``|w|`` or ``|b|`` passes :data:`DIVERGED`.

    Parameters
    ----------
    adam_update : callable
        ``adam_update(w, dw, m, v, t, lr) -> (w, m, v)``, on arrays of shape (2,).
    lr : float
    steps : int

    Returns
    -------
    path : ndarray, shape (S + 1, 2)
        The start, then ``(w, b)`` after every call (S <= steps).

    Examples
    --------
    >>> def adam_update(w, dw, m, v, t, lr):
    ...     params, state = optim.adam_step({"w": w}, {"w": dw}, {"t": t - 1, "m": {"w": m},
    ...                                     "v": {"w": v}}, lr)
    ...     return params["w"], state["m"]["w"], state["v"]["w"]
    >>> bool(np.allclose(adam_path(adam_update, 0.1, 30), optimizer_path(*line_data(), "adam",
    ...                                                                   0.1, 30)))
    True
    """
    x, y = line_data()
    inputs = np.column_stack([x, np.ones_like(x)])
    theta = m = v = np.zeros(2)
    path = [theta]
    for t in range(1, steps + 1):
        grad = _line_gradient(inputs, y, theta)
        theta, m, v = _adam_state(adam_update(theta.copy(), grad, m.copy(), v.copy(), t, lr))
        require(
            theta.shape == (2,),
            f"the new w has shape {theta.shape}, expected the shape of w, (2,).",
        )
        path.append(theta)
        if not np.all(np.abs(theta) < DIVERGED):
            break
    return np.array(path)


def check_adam_first_step(adam_update, lr: float, rng: np.random.Generator, size: int = 8) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless Adam's first step moves each weight by lr.

    From ``m = v = 0`` at ``t = 1`` the bias-corrected step is ``-lr * dw / |dw|``
    in every entry, whether the gradient is 0.001 or 1000. The step (new ``w``
    minus ``w``) is compared with the right one to a relative ``1e-3`` (so ``eps``
    may sit elsewhere), and with the known mistakes' steps. A new ``v`` with a
    negative entry is :data:`NEGATIVE_V`.

    Parameters
    ----------
    adam_update : callable
        ``adam_update(w, dw, m, v, t, lr) -> (w, m, v)``.
    lr : float
    rng : numpy.random.Generator
        Draws the weights and the gradients (sizes spread over six orders of magnitude).
    size : int
        How many weights.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> def adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    ...     m, v = beta1 * m + (1 - beta1) * dw, beta2 * v + (1 - beta2) * dw**2
    ...     m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    ...     return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
    >>> def uncorrected(w, dw, m, v, t, lr):
    ...     return adam_update(w, dw, m, v, 1_000_000, lr)
    >>> grader = Grader("12.2")
    >>> for function in (adam_update, uncorrected):
    ...     grader.case(lambda: check_adam_first_step(function, 0.01, np.random.default_rng(0)))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    12.2 adam_update: 1 of 2 cases passed, 1.5 of 3 points
      PASS  case 1
      FAIL  case 2: the first step should move every weight by lr, downhill, ...
    """
    w = rng.normal(size=size)
    dw = rng.choice([-1.0, 1.0], size=size) * 10.0 ** rng.uniform(-3, 3, size=size)
    answer = ask("first step", w, dw, lr)
    zeros = np.zeros(size)
    try:  # a negative v warns in the square root: look at the returned m and v first
        _, m, v = _adam_state(quietly(adam_update, (w, dw, zeros, zeros, 1, lr)))
    except Exception:  # the student's bug, reported by the call below
        m = v = zeros
    swapped = np.allclose(m, 0.001 * dw**2) and np.allclose(v, 0.1 * dw)  # default betas
    require(not swapped, REORDERED, "Your new m and v are in each other's places.")
    negative = f"From v = 0, your new v has {np.count_nonzero(v < 0)} negative entries of {v.size}."
    unsquared = np.allclose(v, 0.001 * dw)  # (1 - beta2) * dw with the default beta2
    require(not (np.any(v < 0) and unsquared), NEGATIVE_V, negative)
    require(
        not np.any(v < 0),
        "your new v went negative: v is a running mean of squared gradients, never negative, "
        "and the square root of a negative v_hat is nan.",
        negative,
    )
    args = (w, dw, zeros, zeros, 1, lr)
    try:
        result, mutated = call_checked(adam_update, *copy.deepcopy(args))
    except CheckFailed:  # it warned or raised: a quiet step is evidence all the same
        keep_quiet_evidence(
            lambda: _adam_state(quietly(adam_update, args))[0] - w, answer, rtol=1e-3, atol=0.0
        )
        raise
    new_w = _adam_state(result)[0]
    require(new_w.shape == w.shape, f"the new w has shape {new_w.shape}, expected {w.shape}.")
    step = new_w - w
    try:
        check_answer(step, answer, "your first step", rtol=1e-3, atol=0.0)
    except CheckFailed as failure:
        raise CheckFailed(
            "the first step should move every weight by lr, downhill, whatever the size of its "
            "gradient. Check the bias correction, the square root of v_hat and the sign.",
            f"With lr = {lr:g} and gradients from {np.abs(dw).min():.2g} to "
            f"{np.abs(dw).max():.2g} in size, your steps are {np.abs(step).min():.3g} to "
            f"{np.abs(step).max():.3g} long. {failure}",
        ) from None
    require(not mutated, MUTATED)


def check_adam_path(adam_update, lr: float, steps: int) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``adam_update`` follows Adam's path.

    ``steps`` calls run on lesson 06's line fit (:func:`adam_path`); the path
    must stay within a relative ``1e-6`` of Adam's.

    Parameters
    ----------
    adam_update : callable
        ``adam_update(w, dw, m, v, t, lr) -> (w, m, v)``.
    lr : float
    steps : int

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> def adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    ...     m, v = beta1 * m + (1 - beta1) * dw, beta2 * v + (1 - beta2) * dw**2
    ...     m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    ...     return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
    >>> def first_step_again(w, dw, m, v, t, lr):
    ...     return adam_update(w, dw, m, v, 1, lr)
    >>> grader = Grader("12.2")
    >>> for function in (adam_update, first_step_again):
    ...     grader.case(lambda: check_adam_path(function, 0.1, 20))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    12.2 adam_update: 1 of 2 cases passed, 1.5 of 3 points
      PASS  case 1
      FAIL  case 2: your path leaves Adam's path on ... It leaves at step 2 of 20 ...
    """
    answer = ask("path", lr, steps)
    changed = []

    def update(*args):
        result, mutated = call_checked(adam_update, *args)
        changed.append(mutated)
        return result

    try:
        path = adam_path(update, lr, steps)
    except CheckFailed:  # it warned or raised: a quiet path is evidence all the same
        quiet = partial(adam_path, lambda *args: quietly(adam_update, args), lr, steps)
        keep_quiet_evidence(quiet, answer, rtol=1e-6, atol=1e-9)
        raise
    require(not any(changed), MUTATED, f"At step {changed.index(True) + 1 if any(changed) else 0}.")
    try:
        check_answer(path, answer, "your path", rtol=1e-6, atol=1e-9)
    except CheckFailed:
        expected = np.asarray(answer.expected)
        shared = min(len(path), len(expected))
        close = np.all(np.isclose(path[:shared], expected[:shared], rtol=1e-6, atol=1e-9), axis=1)
        t = int(np.argmin(close)) if not close.all() else shared
        went = "stopped" if t >= len(path) else ""
        if not went:
            before = line_loss(*line_data(), *path[t - 1])
            went = "went up" if line_loss(*line_data(), *path[t]) > before else "went down"
        raise CheckFailed(
            "your path leaves Adam's path on lesson 06's line fit. Does every call use the m, v "
            "and t it is given, and return the new m and v (not m_hat and v_hat)?",
            f"It leaves at step {t} of {steps} (lr = {lr:g}): your (w, b) = "
            + (f"({path[t, 0]:.4g}, {path[t, 1]:.4g})" if t < len(path) else "(none)")
            + f", Adam's ({expected[t, 0]:.4g}, {expected[t, 1]:.4g}); the loss {went}.",
        ) from None


# ============================================================ 12.3 batchnorm_forward

NO_CACHE = Mistake(
    "12.3/no-cache",
    "returned the output alone",
    "batchnorm_forward returns two things, (out, cache): the backward pass of 12.4 needs "
    "the cache.",
)


class _Output:
    """``forward``'s ``out`` alone (see :func:`output_of`)."""

    def __init__(self, forward: Callable[..., Any]):
        self.forward = forward

    def __call__(self, *args: Any) -> Any:
        return self.call_checked(*args)[0]

    def call_checked(self, *args: Any) -> tuple[Any, bool]:
        """``(out, whether forward changed an argument in place)``."""
        result, mutated = call_checked(self.forward, *args)
        require(
            isinstance(result, tuple | list) and len(result) == 2,
            NO_CACHE,
            f"Got {type(result).__name__}"
            + (f" of shape {np.shape(result)}." if hasattr(result, "shape") else "."),
        )
        return result[0], mutated


def output_of(forward: Callable[..., Any]) -> Callable[..., Any]:
    """``forward(*args)`` returns ``(out, cache)``; the function returned gives ``out`` alone.

    The test cell of exercise 12.3 compares ``out`` with the right answer, so that
    common mistakes are named; the cache is the student's own business. Whether
    ``forward`` changed its arguments is passed on to
    :func:`wbcourse.checks.call_checked`.

    Examples
    --------
    >>> output_of(lambda x: (2 * x, "cache"))(3.0)
    6.0
    """
    return _Output(forward)


def course_batchnorm_forward(X, gamma, beta, running, training=True, eps=1e-5):
    """The course's forward pass with the cache 12.3 suggests, ``(X_hat, gamma, std)``.

    It stands in for the student's ``batchnorm_forward`` while that is unanswered.

    Examples
    --------
    >>> out, (X_hat, gamma, std) = course_batchnorm_forward(
    ...     np.array([[1.0], [3.0]]), np.ones(1), np.zeros(1), None, eps=0.0)
    >>> out.ravel(), std
    (array([-1.,  1.]), array([1.]))
    """
    out, cache = normalization.batchnorm_forward(
        X, gamma, beta, running, training=training, eps=eps
    )
    return out, (cache.x_hat, cache.gamma, cache.std)


# ============================================================ 12.4 batchnorm_backward


def _forward_or_course(forward: Callable[..., Any]) -> Callable[..., Any]:
    """The student's forward; the course's while it is unanswered or gives no ``(out, cache)``."""
    running = {"mean": np.zeros(1), "var": np.ones(1)}
    probe = (np.array([[0.0], [1.0]]), np.ones(1), np.zeros(1), running, True)
    try:
        result = quietly(forward, probe)
    except Exception:  # unanswered, or a bug that 12.3 reports
        return course_batchnorm_forward
    return (
        forward
        if isinstance(result, tuple | list) and len(result) == 2
        else course_batchnorm_forward
    )


def check_batchnorm_backward(forward, backward, X, gamma, beta, rng: np.random.Generator) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``backward`` differentiates ``forward``.

    The backward pass of training mode, given the cache of the student's own forward
    pass, is checked against central differences of the course's forward pass (a
    forward pass that answers nudged inputs differently cannot fake them). While
    exercise 12.3 is unanswered, or its forward raises, returns no ``(out, cache)`` or
    gives another output than the course's at ``X``, :func:`course_batchnorm_forward`
    stands in for it. When the check fails, the gradients for one upstream gradient
    are compared with the right ones and the known mistakes', to name the slip.

    Parameters
    ----------
    forward : callable
        ``forward(X, gamma, beta, running, training) -> (out, cache)``.
    backward : callable
        ``backward(dout, cache) -> (dX, dgamma, dbeta)``.
    X : ndarray, shape (N, D)
    gamma, beta : ndarray, shape (D,)
    rng : numpy.random.Generator
        Draws the upstream gradients.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> rng = np.random.default_rng(0)
    >>> X, gamma, beta = rng.normal(size=(5, 3)), rng.normal(size=3), rng.normal(size=3)
    >>> def backward(dout, cache):
    ...     X_hat, gamma, std = cache
    ...     dgamma = (dout * X_hat).sum(axis=0)
    ...     dX = gamma / std * (dout - dout.mean(axis=0) - X_hat * dgamma / len(dout))
    ...     return dX, dgamma, dout.sum(axis=0)
    >>> def constant_statistics(dout, cache):
    ...     X_hat, gamma, std = cache
    ...     return dout * gamma / std, (dout * X_hat).sum(axis=0), dout.sum(axis=0)
    >>> grader = Grader("12.4")
    >>> for function in (backward, constant_statistics):
    ...     grader.case(lambda: check_batchnorm_backward(
    ...         course_batchnorm_forward, function, X, gamma, beta, rng))
    >>> print(grader.report())  # doctest: +ELLIPSIS
    12.4 batchnorm_backward: 1 of 2 cases passed, 1.5 of 3 points
      PASS  case 1
      FAIL  case 2: gradient check failed for dX: ... Relative errors dX: 1.0e+00, ...
    """
    dout = rng.normal(size=np.shape(X))
    answer = ask("reference", X, gamma, beta, dout)
    forward = _forward_or_course(forward)
    running = {"mean": np.zeros(np.shape(X)[1]), "var": np.ones(np.shape(X)[1])}

    def own(X, gamma, beta):
        return forward(X, gamma, beta, running, True)

    def course(X, gamma, beta):
        return course_batchnorm_forward(X, gamma, beta, running, True)

    inputs = {"X": X, "gamma": gamma, "beta": beta}
    errors = gradient_errors(own, backward, inputs, rng, trusted=course)
    wrong = [f"d{key}" for key, error in errors.items() if not error <= 1e-6]
    if not wrong:
        return
    _, cache = call_checked(own, *(np.array(value) for value in inputs.values()))[0]
    got = call_checked(backward, dout.copy(), cache)[0]
    table = ", ".join(f"d{key}: {error:.1e}" for key, error in errors.items())
    try:
        check_answer(got, answer, "your gradients")
    except CheckFailed as failure:
        detail = f" For one upstream gradient: {failure}"
    else:
        detail = " They equal the course's gradients: is your forward pass of 12.3 right?"
    raise CheckFailed(
        f"gradient check failed for {', '.join(wrong)}: your backward pass is not the gradient "
        "of your own forward pass. Check each gradient against the chain rule (and exercise "
        "12.3 first, if it fails too).",
        f"Relative errors {table}; below 1e-06 passes.{detail}",
    )
