"""Lesson 06, gradient descent: line-fit gradients, the descent loop, learning rates, mini-batches.

The lesson fits ``y ≈ w * x + b`` to data by minimising the mean squared error
``L(w, b) = mean((w * x + b - y) ** 2)``. Besides the exercises, this module holds
the lesson's data set and the helpers its figures use.
"""

from __future__ import annotations

import numpy as np

from wbcourse.checks import CheckFailed, Mistake, call_quietly, require
from wbcourse.exercises import exercise
from wbcourse.lessonlib.lesson06 import (
    LR_EPOCHS,
    LR_TARGET,
    descent_path,
    line_data,
    line_gradients as _line_gradients,
    line_loss,
    loss_curve,
    minibatches as _minibatches,
)

__all__ = [
    "LR_EPOCHS",
    "LR_TARGET",
    "check_learning_rates",
    "check_minibatches",
    "descent_path",
    "line_data",
    "line_loss",
    "loss_curve",
]



exercise(
    id="06.1",
    title="line_gradients",
    points=3,
    reference=_line_gradients,
    mistakes=(
        Mistake(
            "sum instead of mean (missing 1/N)",
            "the loss is a mean over the N points, so each gradient is a mean too: "
            "divide the sum by N.",
            lambda x, y, w, b: (
                float(2.0 * np.sum((w * x + b - y) * x)),
                float(2.0 * np.sum(w * x + b - y)),
            ),
        ),
        Mistake(
            "missing the factor 2",
            "the derivative of r ** 2 is 2 * r: the factor 2 from the square stays in "
            "both gradients.",
            lambda x, y, w, b: (
                float(np.mean((w * x + b - y) * x)),
                float(np.mean(w * x + b - y)),
            ),
        ),
        Mistake(
            "wrong sign",
            "your gradients point the wrong way: write the residual as prediction minus "
            "target, (w * x + b) - y, which is what the loss squares.",
            lambda x, y, w, b: (
                float(-2.0 * np.mean((w * x + b - y) * x)),
                float(-2.0 * np.mean(w * x + b - y)),
            ),
        ),
        Mistake(
            "dw is missing the factor x",
            "w multiplies x in the prediction, so by the chain rule dw carries an extra "
            "factor x_i inside the mean; db does not.",
            lambda x, y, w, b: (float(2.0 * np.mean(w * x + b - y)),) * 2,
        ),
        Mistake(
            "returned (db, dw)",
            "return the gradients in the order of the parameters: (dw, db).",
            lambda x, y, w, b: _line_gradients(x, y, w, b)[::-1],
        ),
    ),
)


def _fit_line(x: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> tuple[float, float]:
    w, b = 0.0, 0.0
    for _ in range(epochs):
        dw, db = _line_gradients(x, y, w, b)
        w, b = w - lr * dw, b - lr * db
    return w, b


def _fit_line_uphill(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        dw, db = _line_gradients(x, y, w, b)
        w, b = w + lr * dw, b + lr * db
    return w, b


def _fit_line_stale(x, y, lr, epochs):
    w, b = 0.0, 0.0
    dw, db = _line_gradients(x, y, w, b)
    for _ in range(epochs):
        w, b = w - lr * dw, b - lr * db
    return w, b


def _fit_line_sequential(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        w = w - lr * _line_gradients(x, y, w, b)[0]
        b = b - lr * _line_gradients(x, y, w, b)[1]
    return w, b


exercise(
    id="06.2",
    title="fit_line",
    points=3,
    reference=_fit_line,
    mistakes=(
        Mistake(
            "wrong sign in the update (moves uphill)",
            "the gradient points uphill, towards a larger loss; a descent step goes the other way.",
            _fit_line_uphill,
        ),
        Mistake(
            "computed the gradients only once",
            "the gradients change as w and b move: compute them again inside the loop, "
            "at the current w and b, every epoch.",
            _fit_line_stale,
        ),
        Mistake(
            "updated w before computing the gradient for b",
            "both gradients must be taken at the same point (w, b): compute dw and db "
            "first, then update both.",
            _fit_line_sequential,
        ),
        Mistake(
            "one epoch too few",
            "run exactly `epochs` steps; check your loop's range.",
            lambda x, y, lr, epochs: _fit_line(x, y, lr, epochs - 1),
        ),
        Mistake(
            "one epoch too many",
            "run exactly `epochs` steps; check your loop's range.",
            lambda x, y, lr, epochs: _fit_line(x, y, lr, epochs + 1),
        ),
        Mistake(
            "forgot the learning rate",
            "each step is the gradient times the learning rate lr, not the gradient alone.",
            lambda x, y, lr, epochs: _fit_line(x, y, 1.0, epochs),
        ),
    ),
)


def check_minibatches(minibatches, n: int, batch_size: int, rng: np.random.Generator) -> None:
    """Raise :class:`CheckFailed` unless ``minibatches(n, batch_size, rng)`` splits a shuffle.

    The batches must hold every index ``0 .. n-1`` exactly once, in consecutive
    groups of ``batch_size`` (the last one may be smaller), in a random order
    drawn from ``rng``; two calls must give two different orders (a new shuffle
    every epoch). Properties are checked, never one seed's exact order.

    Parameters
    ----------
    minibatches : callable
        ``minibatches(n, batch_size, rng) -> list of integer arrays``.
    n, batch_size : int
    rng : numpy.random.Generator

    Examples
    --------
    >>> from wbcourse.exercises.lesson06 import _minibatches
    >>> check_minibatches(lambda *args: _minibatches(*args), 10, 4, np.random.default_rng(0))
    >>> check_minibatches(lambda n, size, rng: [np.arange(n)], 10, 4, np.random.default_rng(0))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: you made 1 batches, expected 3: ...
    """
    require(
        minibatches is not _minibatches,
        "this is wbcourse's own implementation, imported; write your own version.",
    )
    got = call_quietly(minibatches, n, batch_size, rng)
    require(
        isinstance(got, list | tuple),
        f"minibatches must return a list of index arrays, got {type(got).__name__}.",
    )
    batches = []
    for number, batch in enumerate(got):
        array = np.asarray(batch)
        require(
            array.ndim == 1 and (array.size == 0 or np.issubdtype(array.dtype, np.integer)),
            f"batch {number} must be a 1-D array of integer indices, got "
            f"{array.dtype} values of shape {array.shape}.",
        )
        batches.append(array)
    expected = -(-n // batch_size)
    sizes = [batch.size for batch in batches]
    everything = np.concatenate(batches) if batches else np.zeros(0, dtype=int)
    if len(batches) == batch_size and sizes != [batch_size] * (len(batches) - 1) + [sizes[-1]]:
        raise CheckFailed(
            f"split into batch_size pieces: you made {batch_size} batches of about "
            f"{n // batch_size} indices; batch_size is the number of indices in each batch, "
            "not the number of batches."
        )
    if everything.size < n and len(np.unique(everything)) == everything.size:
        if everything.size == n - n % batch_size:
            raise CheckFailed(
                "dropped the last, smaller batch: when n is not a multiple of batch_size "
                f"the last {n % batch_size} indices still form a batch of their own."
            )
    require(
        len(batches) == expected,
        f"you made {len(batches)} batches, expected {expected}: batches of {batch_size} "
        f"indices each, the last one smaller when {n} is not a multiple of {batch_size}.",
    )
    if len(np.unique(everything)) < everything.size:
        raise CheckFailed(
            "sampled with replacement: some indices appear twice and others never; an "
            "epoch uses every point exactly once, so shuffle (permute) the indices."
        )
    require(
        everything.size == n and np.array_equal(np.sort(everything), np.arange(n)),
        f"the batches must hold each index 0 .. {n - 1} exactly once.",
    )
    require(
        all(size == batch_size for size in sizes[:-1]) and 0 < sizes[-1] <= batch_size,
        f"batch sizes are {sizes}; every batch but the last must hold exactly {batch_size}.",
    )
    require(
        not np.array_equal(everything, np.arange(n)),
        "forgot to shuffle: your batches take the points in their stored order; draw a "
        "random order with rng first.",
    )
    again = np.concatenate([np.asarray(b) for b in call_quietly(minibatches, n, batch_size, rng)])
    require(
        not np.array_equal(again, everything),
        "the same order in every epoch: a second call gave exactly the same batches; "
        "draw a new random order with rng on every call.",
    )


exercise(
    id="06.4",
    title="minibatches",
    points=2,
    reference=_minibatches,
    named_by_checks=(
        "forgot to shuffle",
        "dropped the last, smaller batch",
        "split into batch_size pieces (number of batches instead of batch size)",
        "sampled with replacement",
        "the same order in every epoch",
    ),
)


def check_learning_rates(lr_diverge, lr_fast, *, which: str, epochs: int = LR_EPOCHS) -> None:
    """Raise :class:`CheckFailed` unless the chosen learning rate does what it should.

    Runs batch gradient descent from ``w = b = 0`` on :func:`line_data`.

    Parameters
    ----------
    lr_diverge, lr_fast : float
        The student's two learning rates.
    which : {"diverge", "fast", "fast, longer run", "diverge, longer run"}
        What to check: ``lr_diverge`` makes the loss grow past its starting
        value within ``epochs`` epochs (or ``2 * epochs`` for the longer run);
        ``lr_fast`` brings the loss below :data:`LR_TARGET` within ``epochs``
        epochs (and keeps it there for ``4 * epochs`` in the longer run).
    epochs : int

    Examples
    --------
    >>> check_learning_rates(1.0, 0.2, which="diverge")
    >>> check_learning_rates(1.0, 0.2, which="fast")
    >>> check_learning_rates(1.0, 0.001, which="fast")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: lr_fast = 0.001 is too slow: ...
    """
    x, y = line_data()
    name, lr = ("lr_diverge", lr_diverge) if which.startswith("diverge") else ("lr_fast", lr_fast)
    require(
        isinstance(lr, int | float | np.floating | np.integer) and not isinstance(lr, bool),
        f"{name} must be a number, got {type(lr).__name__}.",
    )
    lr = float(lr)
    require(
        np.isfinite(lr) and lr > 0,
        f"{name} must be a positive, finite number, got {lr:g}; gradient descent already "
        "steps against the gradient.",
    )
    if which.startswith("diverge"):
        run = 2 * epochs if which.endswith("longer run") else epochs
        curve = loss_curve(x, y, lr, run)
        final = curve[-1]
        require(
            len(curve) < run + 1 or final > curve[0],
            f"lr_diverge = {lr:g} does not diverge: after {run} epochs the loss is "
            f"{final:.3g}, below its starting value {curve[0]:.3g}. Try a larger learning rate.",
        )
    else:
        run = 4 * epochs if which.endswith("longer run") else epochs
        curve = loss_curve(x, y, lr, run)
        reached = np.flatnonzero(curve <= LR_TARGET)
        require(
            len(curve) == run + 1,
            f"lr_fast = {lr:g} diverges: the loss grows without bound. Try a smaller one.",
        )
        require(
            reached.size > 0 and reached[0] <= epochs,
            f"lr_fast = {lr:g} is too slow: after {epochs} epochs the loss is "
            f"{curve[min(epochs, run)]:.4g}, not yet below {LR_TARGET:g}. A rate that is "
            "too small crawls; one just below the divergence edge zigzags for a long time.",
        )
        require(
            curve[-1] <= LR_TARGET,
            f"lr_fast = {lr:g} reaches the target but does not stay there: after {run} "
            f"epochs the loss is {curve[-1]:.3g}.",
        )


exercise(
    id="06.3",
    title="choose learning rates",
    points=2,
    reference=check_learning_rates,
    named_by_checks=(
        "a 'diverging' learning rate that converges",
        "a 'fast' learning rate that is too slow, or that diverges",
        "a learning rate that is not a positive number",
    ),
)
