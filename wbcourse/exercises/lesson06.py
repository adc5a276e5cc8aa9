"""Lesson 06, gradient descent: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson06
from wbcourse.lessonlib.lesson06 import line_gradients

# ------------------------------------------------------------------ 06.1 line_gradients


def _residuals(x, y, w, b):
    return w * x + b - y


def _gradients(x, y, w, b, *, dw_mean=True, db_mean=True, power=1, first=0):
    """``(dw, db)`` with one slip: a gradient summed instead of averaged, another power of
    the residual, or the points before ``first`` left out (still divided by all N)."""
    r, x = _residuals(x, y, w, b), np.asarray(x, dtype=float)
    dw, db = np.sum((r**power * x)[first:]), np.sum((r**power)[first:])
    return float(2 * dw / (len(r) if dw_mean else 1)), float(2 * db / (len(r) if db_mean else 1))


exercise(
    id="06.1",
    title="line_gradients",
    points=3,
    reference=line_gradients,
    library_versions=(line_gradients,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "06.1/db-times-x",
                "multiplied db by x too",
                "b is added to every prediction with a factor 1, so its gradient is the mean "
                "residual itself; only dw carries the factor x.",
            ),
            lambda x, y, w, b: (
                2 * float(np.mean(_residuals(x, y, w, b) * x)),
                2 * float(np.mean(_residuals(x, y, w, b) * x)),
            ),
        ),
        Fingerprint(
            Mistake(
                "06.1/sum",
                "sum instead of mean: your gradients are N times too large",
                "the loss is a mean over the N points, so each gradient is a mean too.",
            ),
            lambda x, y, w, b: (
                float(2.0 * np.sum(_residuals(x, y, w, b) * x)),
                float(2.0 * np.sum(_residuals(x, y, w, b))),
            ),
        ),
        Fingerprint(
            Mistake(
                "06.1/no-two",
                "missing the factor 2: your gradients are half the right ones",
                "the derivative of r ** 2 is 2 * r: the factor 2 from the square stays in "
                "both gradients.",
            ),
            lambda x, y, w, b: (
                float(np.mean(_residuals(x, y, w, b) * x)),
                float(np.mean(_residuals(x, y, w, b))),
            ),
        ),
        Fingerprint(
            Mistake(
                "06.1/sign",
                "wrong sign: your gradients point downhill",
                "write the residual as prediction minus target, (w * x + b) - y, which is "
                "what the loss squares.",
            ),
            lambda x, y, w, b: (
                float(-2.0 * np.mean(_residuals(x, y, w, b) * x)),
                float(-2.0 * np.mean(_residuals(x, y, w, b))),
            ),
        ),
        Fingerprint(
            Mistake(
                "06.1/dw-no-x",
                "dw is missing the factor x",
                "w multiplies x in the prediction, so by the chain rule each point's part of "
                "dw carries its x_i; db does not.",
            ),
            lambda x, y, w, b: (float(2.0 * np.mean(_residuals(x, y, w, b))),) * 2,
        ),
        Fingerprint(
            Mistake(
                "06.1/swapped",
                "returned (db, dw)",
                "return the gradients in the order of the parameters: the one for w first.",
            ),
            lambda x, y, w, b: line_gradients(x, y, w, b)[::-1],
        ),
        Fingerprint(
            Mistake(
                "06.1/no-bias",
                "left the bias out of the residual",
                "the prediction is w * x + b; the residual compares all of it with y.",
            ),
            lambda x, y, w, b: line_gradients(x, y, w, 0.0),
        ),
        Fingerprint(
            Mistake(
                "06.1/mean-of-x",
                "multiplied the mean residual by the mean x",
                "dw averages each point's r_i * x_i; the mean of a product is not the product "
                "of the means.",
            ),
            lambda x, y, w, b: (
                float(2.0 * np.mean(_residuals(x, y, w, b)) * np.mean(x)),
                float(2.0 * np.mean(_residuals(x, y, w, b))),
            ),
        ),
        Fingerprint(
            Mistake(
                "06.1/per-point",
                "returned one gradient per point",
                "the gradient of the mean loss is a single number per parameter: average the "
                "points' contributions.",
            ),
            lambda x, y, w, b: (2.0 * _residuals(x, y, w, b) * x, 2.0 * _residuals(x, y, w, b)),
        ),
        Fingerprint(
            Mistake(
                "06.1/dw-summed",
                "summed dw but averaged db",
                "both gradients come from the same mean loss: average both over the N points.",
            ),
            lambda *args: _gradients(*args, dw_mean=False),
        ),
        Fingerprint(
            Mistake(
                "06.1/db-summed",
                "averaged dw but summed db",
                "both gradients come from the same mean loss: average both over the N points.",
            ),
            lambda *args: _gradients(*args, db_mean=False),
        ),
        Fingerprint(
            Mistake(
                "06.1/residual-squared",
                "kept the square of the residual in the gradient",
                "the derivative of r**2 is 2 * r: the square goes, the factor 2 comes down.",
            ),
            lambda *args: _gradients(*args, power=2),
        ),
        Fingerprint(
            Mistake(
                "06.1/first-point-skipped",
                "left the first point out of the sums",
                "range(1, N) starts at the second point; Python counts from 0, so range(N) (or "
                "the whole arrays) covers every point.",
            ),
            lambda *args: _gradients(*args, first=1),
        ),
        Fingerprint(
            Mistake(
                "06.1/x-squared",
                "multiplied by x twice in dw",
                "the chain rule gives one factor x for the residual's derivative with respect to "
                "w: dw = 2 * mean(r * x).",
            ),
            lambda x, y, w, b: (
                float(2 * np.mean(_residuals(x, y, w, b) * np.square(x))),
                float(2 * np.mean(_residuals(x, y, w, b))),
            ),
        ),
    ),
)

# ------------------------------------------------------------------ 06.2 fit_line


def _descend(x, y, lr, epochs, *, sign=-1.0, fresh=True, start=(0.0, 0.0)):
    """Batch gradient descent from ``start``, with a wrong sign or stale gradients if asked."""
    w, b = start
    dw, db = line_gradients(x, y, w, b)
    for _ in range(epochs):
        if fresh:
            dw, db = line_gradients(x, y, w, b)
        w, b = w + sign * lr * dw, b + sign * lr * db
    return w, b


def _fit_line_sequential(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        w = w - lr * line_gradients(x, y, w, b)[0]
        b = b - lr * line_gradients(x, y, w, b)[1]
    return w, b


def _fit_line_per_point(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        for point in range(len(x)):
            dw, db = line_gradients(x[point : point + 1], y[point : point + 1], w, b)
            w, b = w - lr * dw, b - lr * db
    return w, b


def _b_with_dw(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        dw, _ = line_gradients(x, y, w, b)
        w, b = w - lr * dw, b - lr * dw
    return w, b


def _fit_w_only(x, y, lr, epochs):
    w = 0.0
    for _ in range(epochs):
        w = w - lr * line_gradients(x, y, w, 0.0)[0]
    return w, 0.0


exercise(
    id="06.2",
    title="fit_line",
    points=3,
    reference=_descend,
    library_versions=(lesson06.descent_path,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "06.2/fixed-lr",
                "used a learning rate of its own instead of the lr argument",
                "every step is lr times the gradient, with the lr the caller passes: the "
                "example's 0.1 is one value of it.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, 0.1, epochs),
        ),
        Fingerprint(
            Mistake(
                "06.2/fixed-epochs",
                "ran the try-it cell's 200 epochs whatever epochs was given",
                "take exactly `epochs` steps, the number the caller passes: the example's 200 "
                "is one value of it.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr, 200),
        ),
        Fingerprint(
            Mistake(
                "06.2/one-step",
                "stopped after the first step",
                "your (w, b) is one step from the start; is `return` indented inside the loop? "
                "Take all `epochs` steps, then return.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr, 1) if epochs else None,
        ),
        Fingerprint(
            Mistake(
                "06.2/b-with-dw",
                "moved b with dw instead of db",
                "each parameter moves against its own gradient: b -= lr * db.",
            ),
            _b_with_dw,
        ),
        Fingerprint(
            Mistake(
                "06.2/uphill",
                "wrong sign in the update: it moves uphill",
                "the gradient points towards a larger loss; a descent step goes the other way.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr, epochs, sign=1.0),
        ),
        Fingerprint(
            Mistake(
                "06.2/stale",
                "computed the gradients only once",
                "the slopes change as w and b move: ask for them again at the current w and b, "
                "every epoch.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr, epochs, fresh=False),
        ),
        Fingerprint(
            Mistake(
                "06.2/sequential",
                "updated w before computing the gradient for b",
                "both gradients must be taken at the same point (w, b), before either "
                "parameter moves.",
            ),
            _fit_line_sequential,
        ),
        Fingerprint(
            Mistake(
                "06.2/epochs-minus-one",
                "one epoch too few",
                "run exactly `epochs` steps: count the steps your loop's range gives.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr, epochs - 1),
        ),
        Fingerprint(
            Mistake(
                "06.2/epochs-plus-one",
                "one epoch too many",
                "run exactly `epochs` steps: count the steps your loop's range gives.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr, epochs + 1),
        ),
        Fingerprint(
            Mistake(
                "06.2/no-lr",
                "forgot the learning rate",
                "each step is the gradient times the learning rate lr, not the gradient alone.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, 1.0, epochs),
        ),
        Fingerprint(
            Mistake(
                "06.2/w-only",
                "trained only w",
                "b is a parameter too: each epoch moves both w and b against their gradients.",
            ),
            _fit_w_only,
        ),
        Fingerprint(
            Mistake(
                "06.2/start-one",
                "started from w = b = 1",
                "the task starts the descent at w = 0, b = 0: from another start the same steps "
                "end elsewhere.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr, epochs, start=(1.0, 1.0)),
        ),
        Fingerprint(
            Mistake(
                "06.2/lr-over-n",
                "divided the learning rate by N",
                "the gradients are already means over the N points; the step is lr times them, "
                "unchanged.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr / len(x), epochs),
        ),
        Fingerprint(
            Mistake(
                "06.2/summed",
                "summed over the points instead of averaging",
                "the loss is the MEAN squared error, so its gradients are means over the N "
                "points too: a sum makes every step N times too long.",
            ),
            lambda x, y, lr, epochs: _descend(x, y, lr * len(x), epochs),
        ),
        Fingerprint(
            Mistake(
                "06.2/per-point",
                "stepped after every point instead of once per epoch",
                "this is batch gradient descent: one epoch is one step, with the gradients "
                "averaged over all N points (stepping point by point is stochastic gradient "
                "descent, lesson 08).",
            ),
            _fit_line_per_point,
        ),
    ),
)

# ------------------------------------------------------------------ 06.3 learning rates

exercise(
    id="06.3",
    title="Choose learning rates",
    points=2,
    reference=None,
    checked=(
        lesson06.NOT_A_RATE,
        lesson06.NO_DIVERGENCE,
        lesson06.TOO_SLOW,
        lesson06.FAST_DIVERGES,
    ),
)

# ------------------------------------------------------------------ 06.4 minibatches

exercise(
    id="06.4",
    title="minibatches",
    points=2,
    reference=None,
    library_versions=(lesson06.minibatches,),
    checked=(
        lesson06.NO_SHUFFLE,
        lesson06.DROPPED_LAST,
        lesson06.COUNT_NOT_SIZE,
        lesson06.SPREAD_REMAINDER,
        lesson06.BALANCED,
        lesson06.EMPTY_LAST,
        lesson06.RESHAPED,
        lesson06.REPLACEMENT,
        lesson06.SAME_ORDER,
        lesson06.IGNORES_RNG,
    ),
)
