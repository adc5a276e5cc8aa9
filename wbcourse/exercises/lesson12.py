"""Lesson 12, optimization: references and known mistakes (the instructor's side)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from wbcourse import normalization, optim
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise, wrong_answers
from wbcourse.lessonlib import lesson12
from wbcourse.oracle import Answer

# ------------------------------------------------------------------ 12.1 standardize


def _standardize(X_train, X_val) -> tuple[np.ndarray, np.ndarray]:
    mean, std = normalization.feature_statistics(X_train)
    return tuple(normalization.standardize(X, mean, std) for X in (X_train, X_val))


def _scaled(X, mean, scale):
    return (np.asarray(X, dtype=float) - mean) / scale


def _own_statistics(X_train, X_val, axis=0):
    """Each set standardized with its own statistics over ``axis``."""
    return tuple(
        _scaled(X, X.mean(axis=axis, keepdims=True), X.std(axis=axis, keepdims=True))
        for X in (np.asarray(X_train, dtype=float), np.asarray(X_val, dtype=float))
    )


def _with_statistics(X_train, X_val, mean, scale):
    return _scaled(X_train, mean, scale), _scaled(X_val, mean, scale)


def _precedence(X_train, X_val):
    """``X - mean / std``: the division before the subtraction."""
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return tuple(np.asarray(X, dtype=float) - mean / std for X in (X_train, X_val))


def _min_max(X_train, X_val):
    low, high = X_train.min(axis=0), X_train.max(axis=0)
    return _with_statistics(X_train, X_val, low, high - low)


def _pooled(X_train, X_val):
    both = np.vstack([X_train, X_val])
    return _with_statistics(X_train, X_val, both.mean(axis=0), both.std(axis=0))


exercise(
    id="12.1",
    title="standardize",
    points=3,
    reference=_standardize,
    library_versions=(normalization.feature_statistics, normalization.standardize),
    fingerprints=(
        Fingerprint(
            Mistake(
                "12.1/precedence",
                "divided only the mean by the standard deviation",
                "X - mean / std subtracts mean / std; parentheses make it (X - mean) / std.",
            ),
            _precedence,
        ),
        Fingerprint(
            Mistake(
                "12.1/min-max",
                "scaled to [0, 1] instead of standardizing",
                "(X - min) / (max - min) is min-max scaling; standardizing subtracts the mean and "
                "divides by the standard deviation, both of the training data.",
            ),
            _min_max,
        ),
        Fingerprint(
            Mistake(
                "12.1/rows",
                "statistics over the wrong axis",
                "each feature (column) gets its own mean and standard deviation, computed over "
                "the examples (the rows): which axis runs over the rows?",
            ),
            lambda X_train, X_val: _own_statistics(X_train, X_val, axis=1),
        ),
        Fingerprint(
            Mistake(
                "12.1/whole-array",
                "one mean and one standard deviation for the whole array",
                "the features have different scales, so each column needs its own statistics: "
                "compute them over the rows only.",
            ),
            lambda X_train, X_val: _with_statistics(X_train, X_val, X_train.mean(), X_train.std()),
        ),
        Fingerprint(
            Mistake(
                "12.1/own-statistics",
                "standardized the validation set with its own statistics",
                "the network only ever learns the training set's scale: transform every other "
                "set with the mean and standard deviation of the training set.",
            ),
            _own_statistics,
        ),
        Fingerprint(
            Mistake(
                "12.1/pooled",
                "statistics of the training and validation sets together: a leak",
                "the validation set stands in for data you have not seen yet, so its values "
                "must not shape the transformation. Use the training set's statistics only.",
            ),
            _pooled,
        ),
        Fingerprint(
            Mistake(
                "12.1/variance",
                "divided by the variance",
                "the variance is in squared units; divide by its square root, the standard "
                "deviation, to get variance 1.",
            ),
            lambda X_train, X_val: _with_statistics(
                X_train, X_val, X_train.mean(axis=0), X_train.var(axis=0)
            ),
        ),
        Fingerprint(
            Mistake(
                "12.1/not-centred",
                "forgot to centre",
                "subtract the training mean before dividing: standardized features have mean 0.",
            ),
            lambda X_train, X_val: _with_statistics(X_train, X_val, 0.0, X_train.std(axis=0)),
        ),
        Fingerprint(
            Mistake(
                "12.1/not-scaled",
                "forgot to scale",
                "after subtracting the mean, divide by the training standard deviation so that "
                "every feature has variance 1.",
            ),
            lambda X_train, X_val: _with_statistics(X_train, X_val, X_train.mean(axis=0), 1.0),
        ),
        Fingerprint(
            Mistake(
                "12.1/ddof",
                "sample standard deviation (ddof=1)",
                "this lesson divides by N, as np.std does by default (and as scikit-learn's "
                "StandardScaler does), so that the standardized training columns have "
                "variance exactly 1.",
            ),
            lambda X_train, X_val: _with_statistics(
                X_train, X_val, X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
            ),
        ),
    ),
)

# ------------------------------------------------------------------ 12.2 adam_update


def _adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    state = {"t": t - 1, "m": {"w": m}, "v": {"w": v}}
    params, state = optim.adam_step({"w": w}, {"w": dw}, state, lr, beta1, beta2, eps)
    return params["w"], state["m"]["w"], state["v"]["w"]


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
    denominator=lambda v_hat, eps: np.sqrt(v_hat) + eps,
    direction="m",
    swap=False,
    store_hat=False,
    divisor=lambda beta, t: 1 - beta**t,
    square=np.square,
    v_beta=None,
    averages="right",
    v_correction="beta2",
):
    """Adam with one slip; the keywords say which (the defaults give the right answer).

    ``averages``: ``"mixed"`` averages m with beta2 and v with beta1 (the corrections
    right), ``"weights swapped"`` keeps beta of the gradient and 1 - beta of the old
    average. ``v_correction``: the beta that corrects v, ``"beta1"``, or ``"none"``.
    """
    b1, b2 = (beta2, beta1) if swap else (beta1, beta2)
    m_beta, v_average = (b2, b1) if averages == "mixed" else (b1, b2 if v_beta is None else v_beta)
    if averages == "weights swapped":
        m_beta, v_average = 1 - m_beta, 1 - v_average
    m = m_beta * m + (1 - m_beta) * dw
    v = v_average * v + (1 - v_average) * square(dw)
    v_divisor = {"beta2": divisor(b2, t), "beta1": divisor(b1, t), "none": 1.0}[v_correction]
    m_hat = m / divisor(b1, t) if correct else m
    v_hat = v / v_divisor if correct else v
    along = {"m": m_hat, "grad": dw}[direction]
    w = w + sign * lr * along / denominator(v_hat, eps)
    return (w, m_hat, v_hat) if store_hat else (w, m, v)


ADAM_FINGERPRINTS = (
    Fingerprint(
        Mistake(
            "12.2/uphill",
            "wrong sign: the step moves uphill",
            "m points uphill like the gradient; the step goes the other way.",
        ),
        lambda *args: _adam_variant(*args, sign=+1.0),
    ),
    Fingerprint(
        Mistake(
            "12.2/no-correction",
            "no bias correction",
            "m and v start at 0, so in the first steps they are far too small; divide them by "
            "(1 - beta1**t) and (1 - beta2**t) before the step.",
        ),
        lambda *args: _adam_variant(*args, correct=False),
    ),
    Fingerprint(
        Mistake(
            "12.2/stored-hat",
            "returned the bias-corrected m_hat and v_hat as the new state",
            "the corrections are only for this step's update; return the running averages m "
            "and v themselves, or the next step corrects them a second time.",
        ),
        lambda *args: _adam_variant(*args, store_hat=True),
    ),
    Fingerprint(
        Mistake(
            "12.2/no-root",
            "forgot the square root",
            "v averages squared gradients; its square root has the gradient's units, so the "
            "step m_hat / sqrt(v_hat) is about 1 in size, whatever the gradient's scale.",
        ),
        lambda *args: _adam_variant(*args, denominator=lambda v_hat, eps: v_hat + eps),
    ),
    Fingerprint(
        Mistake(
            "12.2/eps-inside",
            "added eps inside the square root",
            "in Adam, eps is added to the square root of v_hat, not to v_hat: it only keeps "
            "the division finite, and inside the root it is far larger for small gradients.",
        ),
        lambda *args: _adam_variant(*args, denominator=lambda v_hat, eps: np.sqrt(v_hat + eps)),
    ),
    Fingerprint(
        Mistake(
            "12.2/betas-swapped",
            "beta1 and beta2 swapped",
            "beta1 (0.9) belongs to m, the average of the gradients; beta2 (0.999) to v, the "
            "average of their squares.",
        ),
        lambda *args: _adam_variant(*args, swap=True),
    ),
    Fingerprint(
        Mistake(
            "12.2/along-gradient",
            "stepped along the gradient instead of m",
            "the step's direction is the momentum average m_hat, not this step's gradient dw: "
            "that is what smooths the zigzag.",
        ),
        lambda *args: _adam_variant(*args, direction="grad"),
    ),
    Fingerprint(
        Mistake(
            "12.2/t-plus-one",
            "used t + 1 in the bias correction",
            "t is already the number of this step (1 on the first call): use beta1**t and "
            "beta2**t.",
        ),
        lambda *args: _adam_variant(*args, divisor=lambda beta, t: 1 - beta ** (t + 1)),
    ),
    Fingerprint(
        Mistake(
            "12.2/no-power",
            "bias correction without the power t",
            "the correction depends on the step number: the divisors 1 - beta1**t and "
            "1 - beta2**t grow towards 1 as t grows, so the correction fades.",
        ),
        lambda *args: _adam_variant(*args, divisor=lambda beta, t: 1 - beta),
    ),
    Fingerprint(
        Mistake(
            "12.2/times-t",
            "multiplied beta by t in the bias correction",
            "the correction divides by 1 - beta**t, beta to the power t: beta * t passes 1 "
            "after a few steps, and the divisor turns negative.",
        ),
        lambda *args: _adam_variant(*args, divisor=lambda beta, t: 1 - beta * t),
    ),
    Fingerprint(
        Mistake(
            "12.2/power-of-one-minus",
            "wrote (1 - beta)**t for the bias correction",
            "the divisor is 1 - beta**t: beta is raised to the power t, then taken from 1. "
            "(1 - beta)**t shrinks towards 0 and blows the step up.",
        ),
        lambda *args: _adam_variant(*args, divisor=lambda beta, t: (1 - beta) ** t),
    ),
    Fingerprint(
        Mistake(
            "12.2/t-minus-one",
            "used t - 1 in the bias correction",
            "t is already the number of this step (1 on the first call): use beta1**t and "
            "beta2**t; with t - 1 the first step divides by 1 - beta**0 = 0.",
        ),
        lambda *args: _adam_variant(*args, divisor=lambda beta, t: 1 - beta ** (t - 1)),
    ),
    Fingerprint(
        Mistake(
            "12.2/betas-mixed",
            "averaged m with beta2 and v with beta1",
            "beta1 (0.9) makes the average of the gradients m, beta2 (0.999) the average of "
            "their squares v; the corrections follow the same betas.",
        ),
        lambda *args: _adam_variant(*args, averages="mixed"),
    ),
    Fingerprint(
        Mistake(
            "12.2/average-weights-swapped",
            "weighted the old average by 1 - beta and the gradient by beta",
            "a running average keeps most of the old value: m = beta1 * m + (1 - beta1) * dw, "
            "so the new gradient weighs only 1 - beta1 = 0.1.",
        ),
        lambda *args: _adam_variant(*args, averages="weights swapped"),
    ),
    Fingerprint(
        Mistake(
            "12.2/v-corrected-with-beta1",
            "corrected v with beta1",
            "each average is corrected with its own beta: m_hat = m / (1 - beta1**t) and "
            "v_hat = v / (1 - beta2**t).",
        ),
        lambda *args: _adam_variant(*args, v_correction="beta1"),
    ),
    Fingerprint(
        Mistake(
            "12.2/v-uncorrected",
            "corrected m but not v",
            "v starts at 0 as m does, so it needs its bias correction too: divide the step by "
            "the square root of v_hat = v / (1 - beta2**t).",
        ),
        lambda *args: _adam_variant(*args, v_correction="none"),
    ),
    Fingerprint(
        Mistake(
            "12.2/beta1-in-v",
            "averaged v with beta1",
            "v has its own, slower average: beta2 (0.999) in v = beta2 * v + (1 - beta2) * dw**2.",
        ),
        lambda w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8: _adam_variant(
            w, dw, m, v, t, lr, beta1, beta2, eps, v_beta=beta1
        ),
    ),
    Fingerprint(
        Mistake(
            "12.2/abs-not-square",
            "averaged |dw| instead of dw**2 in v",
            "v is the running average of the SQUARED gradients; its square root then has the "
            "gradient's size.",
        ),
        lambda *args: _adam_variant(*args, square=np.abs),
    ),
    Fingerprint(
        Mistake(
            "12.2/fixed-hyperparameters",
            "used 0.9, 0.999 and 1e-8 whatever beta1, beta2 and eps were given",
            "the defaults are only defaults: a caller may pass other values, so the formulas "
            "must use the arguments beta1, beta2 and eps.",
        ),
        lambda w, dw, m, v, t, lr, *_: _adam_update(w, dw, m, v, t, lr),
    ),
)


def _adam_answer(compute: Callable[[Callable[..., Any]], Any]) -> Answer:
    """``compute`` of the reference, and of every fingerprint it can run for."""
    return Answer(compute(_adam_update), wrong_answers(ADAM_FINGERPRINTS, compute))


def _first_step(w, dw, lr) -> Answer:
    """The step ``w_new - w`` of the first call, from ``m = v = 0``."""
    zeros = np.zeros_like(w)
    return _adam_answer(
        lambda update: update(w.copy(), dw.copy(), zeros, zeros.copy(), 1, lr)[0] - w
    )


def _path(lr, steps) -> Answer:
    """The path of ``steps`` calls on lesson 06's line fit (:func:`lesson12.adam_path`)."""
    return _adam_answer(lambda update: lesson12.adam_path(update, lr, steps))


exercise(
    id="12.2",
    title="adam_update",
    points=3,
    reference=_adam_update,
    fingerprints=ADAM_FINGERPRINTS,
    checked=(lesson12.NEGATIVE_V,),
    rtol=1e-4,  # eps placed as in the paper's faster form, lr_t * m / (sqrt(v) + eps), passes
    questions={"first step": _first_step, "path": _path},
)

# ------------------------------------------------------------------ 12.3 batchnorm_forward


def _batchnorm_output(X, gamma, beta, running, training=True, eps=1e-5) -> np.ndarray:
    return normalization.batchnorm_forward(X, gamma, beta, running, training=training, eps=eps)[0]


def _std(var, eps):
    return np.sqrt(var + eps)


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
    spread=_std,
    inference_only=False,
    affine="right",
):
    """Batch normalization with one slip; the keywords say which.

    ``stats="batch variance"`` normalizes with the running mean and the batch's
    variance at inference; ``inference_only`` keeps the slip of ``spread`` to inference.
    """
    X = np.asarray(X, dtype=float)
    use_batch = training if stats in ("right", "batch variance") else stats == "batch"
    batch_var = X.var(axis=axis, ddof=ddof, keepdims=True)
    if use_batch:
        mean, var = X.mean(axis=axis, keepdims=True), batch_var
    else:
        mean = running["mean"]
        var = batch_var if stats == "batch variance" else running["var"]
    x_hat = (X - mean) / (_std if use_batch and inference_only else spread)(var, eps)
    return {
        "right": lambda: gamma * x_hat + beta,
        "none": lambda: x_hat,
        "swapped": lambda: beta * x_hat + gamma,
        "shift first": lambda: gamma * (x_hat + beta),
    }[affine]()


exercise(
    id="12.3",
    title="batchnorm_forward",
    points=3,
    reference=_batchnorm_output,
    library_versions=(normalization.batchnorm_forward, lesson12.course_batchnorm_forward),
    checked=(lesson12.NO_CACHE,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "12.3/rows",
                "statistics over the wrong axis",
                "each unit (column) is normalized over the examples of the batch (the rows): "
                "one mean and one variance per column.",
            ),
            lambda *args: _bn_variant(*args, axis=1),
        ),
        Fingerprint(
            Mistake(
                "12.3/running-in-training",
                "used the running statistics in training",
                "in training the batch's own mean and variance normalize it; the running "
                "averages are for inference (training=False).",
            ),
            lambda *args: _bn_variant(*args, stats="running"),
        ),
        Fingerprint(
            Mistake(
                "12.3/batch-at-inference",
                "used the batch's statistics at inference",
                "at inference (training=False) normalize with running['mean'] and "
                "running['var'], so that an example's output does not depend on the rest of "
                "its batch.",
            ),
            lambda *args: _bn_variant(*args, stats="batch"),
        ),
        Fingerprint(
            Mistake(
                "12.3/batch-variance-at-inference",
                "used the running mean but the batch's variance at inference",
                "at inference both statistics come from the running averages: running['mean'] "
                "and running['var'], so that an example's output does not depend on its batch.",
            ),
            lambda *args: _bn_variant(*args, stats="batch variance"),
        ),
        Fingerprint(
            Mistake(
                "12.3/variance-at-inference",
                "divided by the running variance at inference, not by its square root",
                "running['var'] is a variance, like the batch's: at inference divide by "
                "sqrt(running['var'] + eps), as training divides by sqrt(var + eps).",
            ),
            lambda *args: _bn_variant(
                *args, spread=lambda var, eps: var + eps, inference_only=True
            ),
        ),
        Fingerprint(
            Mistake(
                "12.3/variance-as-std-at-inference",
                "took running['var'] for a standard deviation at inference",
                "running['var'] is a variance: at inference divide by sqrt(running['var'] + "
                "eps), as training divides by sqrt(var + eps).",
            ),
            lambda *args: _bn_variant(*args, spread=lambda var, eps: var, inference_only=True),
        ),
        Fingerprint(
            Mistake(
                "12.3/no-eps-at-inference",
                "forgot eps at inference",
                "divide by sqrt(running['var'] + eps) at inference, as training divides by "
                "sqrt(var + eps): the same eps in both modes.",
            ),
            lambda *args: _bn_variant(
                *args, spread=lambda var, eps: np.sqrt(var), inference_only=True
            ),
        ),
        Fingerprint(
            Mistake(
                "12.3/no-eps",
                "forgot eps",
                "divide by sqrt(var + eps): eps keeps a column with variance 0 finite, and it "
                "changes the result slightly everywhere.",
            ),
            lambda *args: _bn_variant(*args, spread=lambda var, eps: np.sqrt(var)),
        ),
        Fingerprint(
            Mistake(
                "12.3/eps-outside",
                "added eps outside the square root",
                "eps goes inside: sqrt(var + eps), not sqrt(var) + eps.",
            ),
            lambda *args: _bn_variant(*args, spread=lambda var, eps: np.sqrt(var) + eps),
        ),
        Fingerprint(
            Mistake(
                "12.3/fixed-eps",
                "ignored the eps argument",
                "the caller chooses eps: use the argument, not a number of your own.",
            ),
            lambda X, gamma, beta, running, training=True, eps=1e-5: _bn_variant(
                X, gamma, beta, running, training
            ),
        ),
        Fingerprint(
            Mistake(
                "12.3/variance",
                "divided by the variance",
                "divide by the standard deviation, the square root of var + eps.",
            ),
            lambda *args: _bn_variant(*args, spread=lambda var, eps: var + eps),
        ),
        Fingerprint(
            Mistake(
                "12.3/ddof",
                "sample variance (ddof=1)",
                "batch normalization divides by N, as np.var does by default.",
            ),
            lambda *args: _bn_variant(*args, ddof=1),
        ),
        Fingerprint(
            Mistake(
                "12.3/no-affine",
                "no scale and shift",
                "after normalizing, multiply by gamma and add beta: they let the network choose "
                "each unit's scale and mean again.",
            ),
            lambda *args: _bn_variant(*args, affine="none"),
        ),
        Fingerprint(
            Mistake(
                "12.3/gamma-beta-swapped",
                "gamma and beta swapped",
                "gamma scales (multiplies) the normalized values; beta shifts (is added).",
            ),
            lambda *args: _bn_variant(*args, affine="swapped"),
        ),
        Fingerprint(
            Mistake(
                "12.3/shift-first",
                "added beta before scaling",
                "scale first, then shift: gamma * x_hat + beta.",
            ),
            lambda *args: _bn_variant(*args, affine="shift first"),
        ),
    ),
)

# ------------------------------------------------------------------ 12.4 batchnorm_backward


def _batchnorm_grads(X, gamma, beta, dout) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradients for ``dout`` of the training-mode forward pass on ``X``."""
    _, cache = normalization.batchnorm_forward(X, gamma, beta)
    return normalization.batchnorm_backward(dout, cache)


def _bn_grads_variant(
    X,
    gamma,
    beta,
    dout,
    *,
    mean_path=True,
    var_path=True,
    gain=True,
    total=np.sum,
    average=np.mean,
    var_average=None,
    mean_sign=-1.0,
    var_sign=-1.0,
    by_std=np.divide,
):
    """Gradients of batch normalization in training mode with one slip (``var_average``: the
    variance path's own average, when it differs from the mean path's)."""
    X = np.asarray(X, dtype=float)
    std = np.sqrt(X.var(axis=0) + 1e-5)
    x_hat = (X - X.mean(axis=0)) / std
    dgamma, dbeta = total(dout * x_hat, axis=0), total(dout, axis=0)
    G = dout * gamma if gain else dout
    centred = G.copy()
    if mean_path:
        centred = centred + mean_sign * average(G, axis=0)
    if var_path:
        centred = centred + var_sign * x_hat * (var_average or average)(G * x_hat, axis=0)
    return by_std(centred, std), dgamma, dbeta


exercise(
    id="12.4",
    title="batchnorm_backward",
    points=3,
    # The check asks for the gradients of the training-mode forward pass on (X, gamma, beta)
    # for an upstream gradient dout, to name a slip once the gradient check has failed.
    reference=_batchnorm_grads,
    library_versions=(normalization.batchnorm_backward,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "12.4/constant-statistics",
                "dX treats the batch mean and variance as constants",
                "in training, every row of X moves the batch's mean and variance, which move "
                "every output of the column: dX has two more terms than dout * gamma / std.",
            ),
            lambda *args: _bn_grads_variant(*args, mean_path=False, var_path=False),
        ),
        Fingerprint(
            Mistake(
                "12.4/no-variance-path",
                "dX is missing the path through the variance",
                "the variance depends on X too: subtract x_hat times the column mean of "
                "G_hat * x_hat.",
            ),
            lambda *args: _bn_grads_variant(*args, var_path=False),
        ),
        Fingerprint(
            Mistake(
                "12.4/no-mean-path",
                "dX is missing the path through the mean",
                "the mean depends on X too: subtract the column mean of G_hat.",
            ),
            lambda *args: _bn_grads_variant(*args, mean_path=False),
        ),
        Fingerprint(
            Mistake(
                "12.4/no-gamma",
                "forgot gamma in dX",
                "out = gamma * x_hat + beta, so the gradient reaching x_hat is dout * gamma.",
            ),
            lambda *args: _bn_grads_variant(*args, gain=False),
        ),
        Fingerprint(
            Mistake(
                "12.4/means",
                "dgamma and dbeta as means instead of sums",
                "gamma and beta act on every row of the batch, so their gradients add up the "
                "rows' contributions.",
            ),
            lambda *args: _bn_grads_variant(*args, total=np.mean),
        ),
        Fingerprint(
            Mistake(
                "12.4/dgamma-no-xhat",
                "dgamma without x_hat",
                "gamma multiplies x_hat, so dgamma sums dout * x_hat over the rows; dbeta is "
                "the one that sums dout alone.",
            ),
            lambda X, gamma, beta, dout: (
                _batchnorm_grads(X, gamma, beta, dout)[0],
                dout.sum(axis=0),
                dout.sum(axis=0),
            ),
        ),
        Fingerprint(
            Mistake(
                "12.4/times-std",
                "multiplied by the standard deviation instead of dividing",
                "x_hat = (X - mean) / std, so the gradient through it is divided by std too.",
            ),
            lambda *args: _bn_grads_variant(*args, by_std=np.multiply),
        ),
        Fingerprint(
            Mistake(
                "12.4/sums-in-dx",
                "summed where dX takes column means",
                "the mean and the variance are averages over the N rows: the two extra terms "
                "of dX take the column MEAN of G_hat and of G_hat * x_hat (a sum is N times "
                "too large).",
            ),
            lambda *args: _bn_grads_variant(*args, average=np.sum),
        ),
        Fingerprint(
            Mistake(
                "12.4/variance-sign",
                "added the path through the variance instead of subtracting it",
                "both extra terms of dX are subtracted: G_hat - mean(G_hat) - x_hat * "
                "mean(G_hat * x_hat).",
            ),
            lambda *args: _bn_grads_variant(*args, var_sign=1.0),
        ),
        Fingerprint(
            Mistake(
                "12.4/mean-sign",
                "added the path through the mean instead of subtracting it",
                "both extra terms of dX are subtracted: G_hat - mean(G_hat) - x_hat * "
                "mean(G_hat * x_hat).",
            ),
            lambda *args: _bn_grads_variant(*args, mean_sign=1.0),
        ),
        Fingerprint(
            Mistake(
                "12.4/row-means",
                "took dX's means along the rows (axis=1)",
                "the batch statistics are per column, over the N rows: the means in dX are "
                "column means, axis=0, one per unit.",
            ),
            lambda *args: _bn_grads_variant(
                *args, average=lambda values, axis: values.mean(axis=1, keepdims=True)
            ),
        ),
        Fingerprint(
            Mistake(
                "12.4/whole-mean",
                "averaged G_hat * x_hat over the whole batch",
                "the variance path needs one mean per column: (G_hat * x_hat).mean(axis=0), "
                "not the mean of every entry.",
            ),
            lambda *args: _bn_grads_variant(*args, var_average=lambda values, axis: values.mean()),
        ),
        Fingerprint(
            Mistake(
                "12.4/order",
                "gradients in the wrong order",
                "return (dX, dgamma, dbeta): the order of the forward pass's inputs.",
            ),
            lambda *args: tuple(_batchnorm_grads(*args)[i] for i in (0, 2, 1)),
        ),
    ),
)
