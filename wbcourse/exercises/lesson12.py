"""Lesson 12, optimization: input normalization, momentum, RMSProp, Adam, batch normalization.

The lesson returns to lesson 06's line fit, ``L(w, b) = mean((w * x + b - y) ** 2)``
on :func:`wbcourse.exercises.lesson06.line_data`, and races optimizers on its
contour map. The module has four parts, kept apart: the helpers the lesson's figures
and its explorer use, the exercises' references, their known mistakes, and the
checkers the test cells call. Each exercise is registered after its references and
mistakes.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np

from wbcourse import normalization, optim
from wbcourse.checks import (
    CheckFailed,
    Mistake,
    call_quietly,
    gradient_errors,
    named_mistake,
    require,
)
from wbcourse.exercises import exercise, get_exercise
from wbcourse.lessonlib.lesson06 import line_data, line_loss
from wbcourse.lessonlib.lesson12 import DIVERGED, METHODS, line_curvatures, optimizer_path

__all__ = [
    "METHODS",
    "check_adam_first_step",
    "check_adam_path",
    "check_batchnorm_backward",
    "line_curvatures",
    "optimizer_path",
    "output_of",
]



# ============================================================ figures and the explorer


def _standardize(X_train, X_val) -> tuple[np.ndarray, np.ndarray]:
    mean, std = normalization.feature_statistics(X_train)
    return tuple(normalization.standardize(X, mean, std) for X in (X_train, X_val))


def _adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    state = {"t": t - 1, "m": {"w": m}, "v": {"w": v}}
    params, state = optim.adam_step({"w": w}, {"w": dw}, state, lr, beta1, beta2, eps)
    return params["w"], state["m"]["w"], state["v"]["w"]


def _batchnorm_output(X, gamma, beta, running, training=True, eps=1e-5) -> np.ndarray:
    return normalization.batchnorm_forward(X, gamma, beta, running, training=training, eps=eps)[0]


def _batchnorm_grads(X, gamma, beta, dout) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    _, cache = normalization.batchnorm_forward(X, gamma, beta)
    return normalization.batchnorm_backward(dout, cache)


def _course_forward(X, gamma, beta, running, training=True, eps=1e-5):
    """The course's forward with the cache that exercise 12.3 suggests: ``(X_hat, gamma, std)``."""
    out, cache = normalization.batchnorm_forward(
        X, gamma, beta, running, training=training, eps=eps
    )
    return out, (cache.x_hat, cache.gamma, cache.std)


# ============================================================ mistakes

# ---------------------------------------------------------------- 12.1 standardize


def _scaled(X, mean, scale):
    return (np.asarray(X, dtype=float) - mean) / scale


def _own_statistics(X_train, X_val, axis=0, ddof=0):
    """Each set standardized with its own statistics over ``axis``."""
    return tuple(
        _scaled(X, X.mean(axis=axis, keepdims=True), X.std(axis=axis, ddof=ddof, keepdims=True))
        for X in (np.asarray(X_train, dtype=float), np.asarray(X_val, dtype=float))
    )


def _with_statistics(X_train, X_val, mean, scale):
    return _scaled(X_train, mean, scale), _scaled(X_val, mean, scale)


STANDARDIZE_MISTAKES = (
    Mistake(
        "statistics over the wrong axis",
        "each feature (column) gets its own mean and standard deviation, computed over the "
        "examples (the rows): which axis runs over the rows?",
        lambda X_train, X_val: _own_statistics(X_train, X_val, axis=1),
    ),
    Mistake(
        "one mean and one standard deviation for the whole array",
        "the features have different scales, so each column needs its own statistics: "
        "compute them over the rows only.",
        lambda X_train, X_val: _with_statistics(X_train, X_val, X_train.mean(), X_train.std()),
    ),
    Mistake(
        "standardized the validation set with its own statistics",
        "the network only ever learns the training set's scale: transform every other set "
        "with the mean and standard deviation of the training set.",
        lambda X_train, X_val: _own_statistics(X_train, X_val),
    ),
    Mistake(
        "statistics of the training and validation sets together",
        "the validation set stands in for data you have not seen yet: its values must not "
        "shape the transformation. Use the training set's statistics only.",
        lambda X_train, X_val: _with_statistics(
            X_train,
            X_val,
            np.vstack([X_train, X_val]).mean(axis=0),
            np.vstack([X_train, X_val]).std(axis=0),
        ),
    ),
    Mistake(
        "divided by the variance",
        "the variance is in squared units; divide by its square root, the standard "
        "deviation, to get variance 1.",
        lambda X_train, X_val: _with_statistics(
            X_train, X_val, X_train.mean(axis=0), X_train.var(axis=0)
        ),
    ),
    Mistake(
        "forgot to centre",
        "subtract the training mean before dividing: standardized features have mean 0.",
        lambda X_train, X_val: _with_statistics(X_train, X_val, 0.0, X_train.std(axis=0)),
    ),
    Mistake(
        "forgot to scale",
        "after subtracting the mean, divide by the training standard deviation so that "
        "every feature has variance 1.",
        lambda X_train, X_val: _with_statistics(X_train, X_val, X_train.mean(axis=0), 1.0),
    ),
    Mistake(
        "sample standard deviation (ddof=1)",
        "this lesson divides by N, as np.std does by default (and as scikit-learn's "
        "StandardScaler does), so that the standardized training columns have variance "
        "exactly 1.",
        lambda X_train, X_val: _with_statistics(
            X_train, X_val, X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
        ),
    ),
)

# ---------------------------------------------------------------- 12.2 adam_update


def _adam_variant(
    w,
    dw,
    m,
    v,
    t,
    lr,
    beta1=0.9,
    beta2=0.999,
    eps=1e-8,
    *,
    sign=-1.0,
    correct=True,
    root=True,
    square=True,
    keep="m",
    swap=False,
    store_hat=False,
    count=lambda t: t,
):
    """Adam with one slip; the keywords say which (the defaults give the right answer)."""
    b1, b2 = (beta2, beta1) if swap else (beta1, beta2)
    m = b1 * m + (1 - b1) * dw
    v = b2 * v + (1 - b2) * (dw**2 if square else dw)
    m_hat = m / (1 - b1 ** count(t)) if correct else m
    v_hat = v / (1 - b2 ** count(t)) if correct else v
    direction = {"m": m_hat, "grad": dw}[keep]
    w = w + sign * lr * direction / ((np.sqrt(v_hat) if root else v_hat) + eps)
    return (w, m_hat, v_hat) if store_hat else (w, m, v)


ADAM_MISTAKES = (
    Mistake(
        "wrong sign (moves uphill)",
        "m points uphill like the gradient; the step goes the other way.",
        lambda *args: _adam_variant(*args, sign=+1.0),
    ),
    Mistake(
        "no bias correction",
        "m and v start at 0, so in the first steps they are far too small; divide them by "
        "(1 - beta1**t) and (1 - beta2**t) before the step.",
        lambda *args: _adam_variant(*args, correct=False),
    ),
    Mistake(
        "stored the bias-corrected m_hat and v_hat as the new state",
        "the corrections are only for this step's update; return the running averages m "
        "and v themselves, or the next step corrects them a second time.",
        lambda *args: _adam_variant(*args, store_hat=True),
    ),
    Mistake(
        "forgot the square root",
        "v averages squared gradients; its square root has the gradient's units, so the "
        "step m_hat / sqrt(v_hat) is about 1 in size, whatever the gradient's scale.",
        lambda *args: _adam_variant(*args, root=False),
    ),
    Mistake(
        "v averages the gradients, not their squares",
        "v is the running mean of the squared gradient, dw**2, like RMSProp's average.",
        lambda *args: _adam_variant(*args, square=False),
    ),
    Mistake(
        "beta1 and beta2 swapped",
        "beta1 (0.9) belongs to m, the average of the gradients; beta2 (0.999) to v, the "
        "average of their squares.",
        lambda *args: _adam_variant(*args, swap=True),
    ),
    Mistake(
        "stepped along the gradient instead of m",
        "the step's direction is the momentum average m_hat, not this step's gradient dw: "
        "that is what smooths the zigzag.",
        lambda *args: _adam_variant(*args, keep="grad"),
    ),
    Mistake(
        "used t + 1 in the bias correction",
        "t is already the number of this step (1 on the first call): use beta1**t and beta2**t.",
        lambda *args: _adam_variant(*args, count=lambda t: t + 1),
    ),
    Mistake(
        "bias correction without the power t",
        "the correction depends on the step number: the divisors 1 - beta1**t and "
        "1 - beta2**t grow towards 1 as t grows, so the correction fades.",
        lambda *args: _adam_variant(*args, count=lambda t: 1),
    ),
)

# ---------------------------------------------------------------- 12.3 batchnorm_forward


def _bn_variant(
    X,
    gamma,
    beta,
    running,
    training=True,
    eps=1e-5,
    *,
    axis=0,
    ddof=0,
    stats="right",
    spread=lambda var, eps: np.sqrt(var + eps),
    affine="right",
):
    """Batch normalization with one slip; the keywords say which."""
    X = np.asarray(X, dtype=float)
    use_batch = training if stats == "right" else stats == "batch"
    if use_batch:
        mean = X.mean(axis=axis, keepdims=True)
        var = X.var(axis=axis, ddof=ddof, keepdims=True)
    else:
        mean, var = running["mean"], running["var"]
    x_hat = (X - mean) / spread(var, eps)
    return {
        "right": lambda: gamma * x_hat + beta,
        "none": lambda: x_hat,
        "swapped": lambda: beta * x_hat + gamma,
        "shift first": lambda: gamma * (x_hat + beta),
    }[affine]()


BATCHNORM_MISTAKES = (
    Mistake(
        "statistics over the wrong axis",
        "each unit (column) is normalized over the examples of the batch (the rows): one "
        "mean and one variance per column.",
        lambda *args: _bn_variant(*args, axis=1),
    ),
    Mistake(
        "used the running statistics in training",
        "in training the batch's own mean and variance normalize it; the running averages "
        "are for inference (training=False).",
        lambda *args: _bn_variant(*args, stats="running"),
    ),
    Mistake(
        "used the batch's statistics at inference",
        "at inference (training=False) normalize with running['mean'] and running['var'], "
        "so that an example's output does not depend on the rest of its batch.",
        lambda *args: _bn_variant(*args, stats="batch"),
    ),
    Mistake(
        "forgot eps",
        "divide by sqrt(var + eps): eps keeps a column with variance 0 finite, and it "
        "changes the result slightly everywhere.",
        lambda *args: _bn_variant(*args, spread=lambda var, eps: np.sqrt(var)),
    ),
    Mistake(
        "added eps outside the square root",
        "eps goes inside: sqrt(var + eps), not sqrt(var) + eps.",
        lambda *args: _bn_variant(*args, spread=lambda var, eps: np.sqrt(var) + eps),
    ),
    Mistake(
        "divided by the variance",
        "divide by the standard deviation, the square root of var + eps.",
        lambda *args: _bn_variant(*args, spread=lambda var, eps: var + eps),
    ),
    Mistake(
        "sample variance (ddof=1)",
        "batch normalization divides by N, as np.var does by default.",
        lambda *args: _bn_variant(*args, ddof=1),
    ),
    Mistake(
        "no scale and shift",
        "after normalizing, multiply by gamma and add beta: they let the network choose "
        "each unit's scale and mean again.",
        lambda *args: _bn_variant(*args, affine="none"),
    ),
    Mistake(
        "gamma and beta swapped",
        "gamma scales (multiplies) the normalized values; beta shifts (is added).",
        lambda *args: _bn_variant(*args, affine="swapped"),
    ),
    Mistake(
        "added beta before scaling",
        "scale first, then shift: gamma * x_hat + beta.",
        lambda *args: _bn_variant(*args, affine="shift first"),
    ),
)

# ---------------------------------------------------------------- 12.4 batchnorm_backward


def _bn_grads_variant(
    X, gamma, beta, dout, *, mean_path=True, var_path=True, gain=True, total=np.sum
):
    """Gradients of batch normalization in training mode with one slip."""
    X = np.asarray(X, dtype=float)
    std = np.sqrt(X.var(axis=0) + 1e-5)
    x_hat = (X - X.mean(axis=0)) / std
    dgamma, dbeta = total(dout * x_hat, axis=0), total(dout, axis=0)
    centred = dout.copy()
    if mean_path:
        centred = centred - dout.mean(axis=0)
    if var_path:
        centred = centred - x_hat * np.mean(dout * x_hat, axis=0)
    return (gamma if gain else 1.0) / std * centred, dgamma, dbeta


BATCHNORM_BACKWARD_MISTAKES = (
    Mistake(
        "dX treats the batch mean and variance as constants",
        "in training, every row of X moves the batch's mean and variance, which move every "
        "output of the column: dX has two more terms than dout * gamma / std.",
        lambda *args: _bn_grads_variant(*args, mean_path=False, var_path=False),
    ),
    Mistake(
        "dX is missing the path through the variance",
        "the variance depends on X too: subtract x_hat times the column mean of dout * x_hat.",
        lambda *args: _bn_grads_variant(*args, var_path=False),
    ),
    Mistake(
        "dX is missing the path through the mean",
        "the mean depends on X too: subtract the column mean of dout.",
        lambda *args: _bn_grads_variant(*args, mean_path=False),
    ),
    Mistake(
        "forgot gamma in dX",
        "out = gamma * x_hat + beta, so the gradient reaching x_hat is dout * gamma.",
        lambda *args: _bn_grads_variant(*args, gain=False),
    ),
    Mistake(
        "dgamma and dbeta as means instead of sums",
        "gamma and beta act on every row of the batch, so their gradients add up the rows' "
        "contributions.",
        lambda *args: _bn_grads_variant(*args, total=np.mean),
    ),
    Mistake(
        "dgamma without x_hat",
        "gamma multiplies x_hat, so dgamma sums dout * x_hat over the rows; dbeta is the "
        "one that sums dout alone.",
        lambda X, gamma, beta, dout: (
            _batchnorm_grads(X, gamma, beta, dout)[0],
            dout.sum(axis=0),
            dout.sum(axis=0),
        ),
    ),
    Mistake(
        "gradients in the wrong order",
        "return (dX, dgamma, dbeta): the order of the forward pass's inputs.",
        lambda *args: tuple(_batchnorm_grads(*args)[i] for i in (0, 2, 1)),
    ),
)


# ============================================================ registrations

exercise(
    id="12.1",
    title="standardize",
    points=3,
    reference=_standardize,
    mistakes=STANDARDIZE_MISTAKES,
)

exercise(
    id="12.2",
    title="adam_update",
    points=3,
    reference=_adam_update,
    mistakes=ADAM_MISTAKES,
    rtol=1e-4,  # eps placed as in the paper's faster form, lr_t * m / (sqrt(v) + eps), passes
    named_by_checks=(
        "a first step that is not lr in every entry (bias correction, square root)",
        "a path on lesson 06's map that leaves Adam's path",
    ),
)

exercise(
    id="12.3",
    title="batchnorm_forward",
    points=3,
    reference=_batchnorm_output,
    mistakes=BATCHNORM_MISTAKES,
    library_versions=(normalization.batchnorm_forward,),
)

exercise(
    id="12.4",
    title="batchnorm_backward",
    points=3,
    reference=_batchnorm_grads,
    mistakes=BATCHNORM_BACKWARD_MISTAKES,
    library_versions=(normalization.batchnorm_backward,),
    named_by_checks=(
        "any wrong gradient: the gradient check of your own forward lists the relative "
        "error per input",
    ),
)


# ============================================================ checkers


def _refuse_library(function, exercise_id: str) -> None:
    item = get_exercise(exercise_id)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not item.reference and function not in item.library_versions,
        "this is wbcourse's own implementation, imported; write your own version.",
    )


def output_of(forward):
    """``forward(*args)`` returns ``(out, cache)``; this function returns ``out`` alone.

    The test cell of exercise 12.3 compares ``out`` with the reference, so that
    common mistakes are named; the cache is the student's own business.

    Examples
    --------
    >>> output_of(lambda x: (2 * x, "cache"))(3.0)
    6.0
    """

    def out(*args):
        _refuse_library(forward, "12.3")
        result = forward(*args)
        require(
            isinstance(result, tuple | list) and len(result) == 2,
            "return a tuple (out, cache): the output and what the backward pass needs.",
        )
        return result[0]

    return out


def _first_step(adam_update, w, dw, lr):
    zeros = np.zeros_like(w)
    result = call_quietly(adam_update, w.copy(), dw.copy(), zeros, zeros.copy(), 1, lr)
    require(
        isinstance(result, tuple | list) and len(result) == 3,
        "return a tuple (w, m, v): the new weights and the new running averages.",
    )
    new_w = np.asarray(result[0], dtype=float)
    require(new_w.shape == w.shape, f"the new w has shape {new_w.shape}, expected {w.shape}.")
    return new_w - w


def check_adam_first_step(adam_update, lr: float, rng: np.random.Generator, size: int = 8) -> None:
    """Raise :class:`CheckFailed` unless Adam's first step moves every weight by ``lr``, downhill.

    From ``m = v = 0`` at ``t = 1`` the bias-corrected step is ``lr * dw / |dw|`` in
    every entry, whether the gradient is 0.001 or 1000: a property that names a
    missing bias correction, a missing square root and a wrong sign.

    Parameters
    ----------
    adam_update : callable
        ``adam_update(w, dw, m, v, t, lr) -> (w, m, v)``.
    lr : float
    rng : numpy.random.Generator
        Draws the weights and gradients (of sizes spread over six orders of magnitude).

    Examples
    --------
    >>> from wbcourse.exercises.lesson12 import _adam_update, _adam_variant
    >>> rng = np.random.default_rng(0)
    >>> check_adam_first_step(lambda *args: _adam_update(*args), 0.01, rng)
    >>> check_adam_first_step(lambda *a: _adam_variant(*a, correct=False), 0.01, rng)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: no bias correction: ...
    """
    _refuse_library(adam_update, "12.2")
    w = rng.normal(size=size)
    dw = rng.choice([-1.0, 1.0], size=size) * 10.0 ** rng.uniform(-3, 3, size=size)
    step = _first_step(adam_update, w, dw, lr)
    downhill = -lr * np.sign(dw)
    close = {"rtol": 1e-3, "atol": 0.0}  # eps may sit elsewhere: a 1e-8 shift passes
    if np.allclose(step, downhill, **close):
        return
    if np.allclose(step, -downhill, **close):
        raise CheckFailed("wrong sign (moves uphill): the first step went up every slope.")
    if np.allclose(step, downhill * 0.1 / np.sqrt(0.001), **close):
        raise CheckFailed(
            "no bias correction: your first step is 3.16 * lr; m = 0.1 * dw and v = 0.001 * "
            "dw**2 after one step, so divide them by (1 - beta1**t) and (1 - beta2**t)."
        )
    raise CheckFailed(
        f"the first step should move every weight by lr = {lr:g}, downhill, whatever the size "
        "of its gradient; yours moves them by "
        f"{np.abs(step).min():.3g} to {np.abs(step).max():.3g}. Check the bias correction "
        "and the square root of v_hat."
    )


def check_adam_path(adam_update, lr: float, steps: int) -> None:
    """Raise :class:`CheckFailed` unless ``steps`` calls of ``adam_update`` follow Adam's path.

    The student's function runs on lesson 06's line fit from ``(w, b) = (0, 0)``,
    each call getting the ``m``, ``v`` of the previous call and ``t = 1, 2, ...``;
    its path must stay within ``1e-6`` of :func:`optimizer_path`'s Adam.

    Examples
    --------
    >>> from wbcourse.exercises.lesson12 import _adam_update
    >>> check_adam_path(lambda *args: _adam_update(*args), 0.1, 50)
    >>> check_adam_path(lambda *a: _adam_update(*a[:4], 1, *a[5:]), 0.1, 50)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: your path leaves Adam's path at step 2: ...
    """
    _refuse_library(adam_update, "12.2")
    x, y = line_data()
    inputs = np.column_stack([x, np.ones_like(x)])
    expected = optimizer_path(x, y, "adam", lr, steps)
    theta, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
    for t in range(1, steps + 1):
        grad = _line_gradient(inputs, y, theta)
        result = call_quietly(adam_update, theta.copy(), grad, m, v, t, lr)
        require(
            isinstance(result, tuple | list) and len(result) == 3,
            "return a tuple (w, m, v): the new weights and the new running averages.",
        )
        theta, m, v = (np.array(value, dtype=float) for value in result)
        if not np.allclose(theta, expected[t], rtol=1e-6, atol=1e-9):
            went = "up" if line_loss(x, y, *theta) > line_loss(x, y, *expected[t - 1]) else "down"
            raise CheckFailed(
                f"your path leaves Adam's path at step {t}: it goes to (w, b) = "
                f"({theta[0]:.4g}, {theta[1]:.4g}), the loss went {went}, Adam goes to "
                f"({expected[t, 0]:.4g}, {expected[t, 1]:.4g}). Does every call use the m, v "
                "and t it is given, and return the new m and v?"
            )


def _forward_or_course(forward):
    """The student's forward; the course's one (cache ``(X_hat, gamma, std)``) while unanswered."""
    probe = (np.array([[0.0], [1.0]]), np.ones(1), np.zeros(1))
    running = {"mean": np.zeros(1), "var": np.ones(1)}
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        try:
            forward(*probe, running, True)
        except NotImplementedError:
            return _course_forward
        except Exception:  # the student's bug: the gradient check reports it
            pass
    return forward


def check_batchnorm_backward(forward, backward, X, gamma, beta, rng: np.random.Generator) -> None:
    """Raise :class:`CheckFailed` unless ``backward`` is the gradient of the student's ``forward``.

    The backward pass of training mode is checked against central differences of
    the student's own forward pass (any correct mathematics passes; while exercise
    12.3 is unanswered, the course's forward with the cache ``(X_hat, gamma, std)``
    stands in). When the check fails, the gradients are compared with the known
    mistakes, computed from the right forward pass, to name the slip.

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
    >>> from wbcourse.exercises.lesson12 import _course_forward
    >>> rng = np.random.default_rng(0)
    >>> X, gamma, beta = rng.normal(size=(5, 3)), rng.normal(size=3), rng.normal(size=3)
    >>> def backward(dout, cache):
    ...     X_hat, gamma, std = cache
    ...     dgamma = (dout * X_hat).sum(axis=0)
    ...     dX = gamma / std * (dout - dout.mean(axis=0) - X_hat * dgamma / len(dout))
    ...     return dX, dgamma, dout.sum(axis=0)
    >>> check_batchnorm_backward(_course_forward, backward, X, gamma, beta, rng)
    >>> def constant_stats(dout, cache):
    ...     X_hat, gamma, std = cache
    ...     return dout * gamma / std, (dout * X_hat).sum(axis=0), dout.sum(axis=0)
    >>> check_batchnorm_backward(_course_forward, constant_stats, X, gamma, beta, rng)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: dX treats the batch mean and variance as constants: ...
    >>> def unanswered(X, gamma, beta, running, training=True, eps=1e-5):
    ...     raise NotImplementedError()
    >>> check_batchnorm_backward(unanswered, backward, X, gamma, beta, rng)  # the course's forward
    """
    _refuse_library(backward, "12.4")
    forward = _forward_or_course(forward)
    running = {"mean": np.zeros(X.shape[1]), "var": np.ones(X.shape[1])}

    def own(X, gamma, beta):
        return forward(X, gamma, beta, running, True)

    inputs = {"X": X, "gamma": gamma, "beta": beta}
    errors = gradient_errors(own, backward, inputs, rng)
    wrong = [f"d{key}" for key, error in errors.items() if not error <= 1e-6]
    if not wrong:
        return
    dout = rng.normal(size=X.shape)
    _, cache = call_quietly(own, X.copy(), gamma.copy(), beta.copy())
    got = call_quietly(backward, dout.copy(), cache)
    item = get_exercise("12.4")
    named = named_mistake(item.mistakes, got, (X, gamma, beta, dout))
    if named is not None:
        raise named
    table = ", ".join(f"d{key}: {error:.1e}" for key, error in errors.items())
    raise CheckFailed(
        f"gradient check failed for {', '.join(wrong)} (relative errors {table}; below 1e-06 "
        "passes): your backward pass is not the gradient of your own forward pass. Check each "
        "gradient against the chain rule (and exercise 12.3 first, if it fails too)."
    )
