"""Lesson 06, gradient descent: the lesson's data, loss surface, descent paths and checks.

The lesson fits ``y ≈ w * x + b`` to data by minimising the mean squared error
``L(w, b) = mean((w * x + b - y) ** 2)``. Its figures and the descent explorer
(:mod:`wbcourse.widgets.descent`) use these helpers. :func:`line_gradients` and
:func:`minibatches` are the course's own versions of what exercises 06.1 and 06.4
ask for: an answer that uses them earns nothing. The checks of exercises 06.2-06.4
and the mistakes they name by logic are here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from wbcourse.checks import CheckFailed, Mistake, call_checked, require, with_helpers
from wbcourse.mistakes import NOT_AN_ARRAY

__all__ = [
    "BALANCED",
    "COUNT_NOT_SIZE",
    "DROPPED_LAST",
    "EMPTY_LAST",
    "FAST_DIVERGES",
    "IGNORES_RNG",
    "LR_EPOCHS",
    "LR_TARGET",
    "NOT_A_RATE",
    "NO_DIVERGENCE",
    "NO_SHUFFLE",
    "REPLACEMENT",
    "RESHAPED",
    "SAME_ORDER",
    "SPREAD_REMAINDER",
    "TOO_SLOW",
    "check_diverging_rate",
    "check_fast_rate",
    "check_minibatches",
    "descent_path",
    "line_data",
    "line_gradients",
    "line_loss",
    "loss_curve",
    "minibatches",
    "with_course_gradients",
]

#: Epochs the learning-rate exercise runs, from ``w = b = 0``.
LR_EPOCHS = 40
#: Loss that the "fast" learning rate must reach within ``LR_EPOCHS`` epochs.
LR_TARGET = 0.072


def line_data() -> tuple[np.ndarray, np.ndarray]:
    """The lesson's data: 40 points near the line ``y = 1.5 x + 0.5``.

    Returns
    -------
    x, y : ndarray, shape (40,)
        Inputs in [0, 3] and noisy targets (noise standard deviation 0.3).

    Examples
    --------
    >>> x, y = line_data()
    >>> x.shape, y.shape
    ((40,), (40,))
    """
    rng = np.random.default_rng(6)
    x = rng.uniform(0.0, 3.0, size=40)
    y = 1.5 * x + 0.5 + rng.normal(0.0, 0.3, size=40)
    return x, y


def line_loss(x, y, w, b) -> np.ndarray:
    """Mean squared error ``mean((w * x + b - y) ** 2)`` of the line ``(w, b)``.

    ``w`` and ``b`` may be arrays of the same shape (a grid, say): the loss is
    computed for every pair.

    Parameters
    ----------
    x, y : ndarray, shape (N,)
        Inputs and targets.
    w, b : float or ndarray, same shape
        Slopes and intercepts.

    Returns
    -------
    loss : float or ndarray, the shape of ``w``

    Examples
    --------
    >>> float(line_loss(np.array([0.0, 1.0]), np.array([1.0, 3.0]), 2.0, 1.0))
    0.0
    """
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    residual = w[..., None] * np.asarray(x) + b[..., None] - np.asarray(y)
    return np.mean(residual**2, axis=-1)


def line_gradients(x: np.ndarray, y: np.ndarray, w: float, b: float) -> tuple[float, float]:
    """The gradients ``(dL/dw, dL/db)`` of :func:`line_loss` at ``(w, b)``.

    With the residuals ``r = w * x + b - y``: ``dL/dw = 2 * mean(r * x)`` and
    ``dL/db = 2 * mean(r)``.

    Parameters
    ----------
    x, y : ndarray, shape (N,)
    w, b : float

    Returns
    -------
    dw, db : float

    Examples
    --------
    >>> line_gradients(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]), 2.0, 1.0)
    (0.0, 0.0)
    """
    residual = w * x + b - y
    return float(2.0 * np.mean(residual * x)), float(2.0 * np.mean(residual))


def minibatches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """The mini-batches of one epoch: a random order of ``0 .. n-1`` cut into pieces.

    Parameters
    ----------
    n : int
        Number of training points.
    batch_size : int
        Indices per batch; the last batch holds the rest (``n % batch_size``) if any.
    rng : numpy.random.Generator
        Draws the order; every call draws a new one.

    Returns
    -------
    list of ndarray of int
        ``ceil(n / batch_size)`` index arrays, together each index once.

    Examples
    --------
    >>> [len(batch) for batch in minibatches(10, 4, np.random.default_rng(0))]
    [4, 4, 2]
    """
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


def descent_path(
    x,
    y,
    lr: float,
    epochs: int,
    *,
    batch_size: int | None = None,
    rng: np.random.Generator | None = None,
    start=(0.0, 0.0),
) -> np.ndarray:
    """The points ``(w, b)`` that gradient descent visits on the lesson's line fit.

    Each epoch shuffles the data with ``rng`` and takes one step per mini-batch
    of ``batch_size`` points, ``w -= lr * dw``, ``b -= lr * db``, with the
    gradients of the batch's mean squared error. ``batch_size=None`` uses all
    points (batch gradient descent: one step per epoch, no shuffling needed).
    The run stops early when the loss passes 1e12 (it diverged).

    Parameters
    ----------
    x, y : ndarray, shape (N,)
    lr : float
        Learning rate.
    epochs : int
    batch_size : int, optional
    rng : numpy.random.Generator, optional
        Needed when ``batch_size`` is given.
    start : (float, float)
        The starting ``(w, b)``.

    Returns
    -------
    path : ndarray, shape (steps + 1, 2)
        The start, then ``(w, b)`` after every step.

    Examples
    --------
    >>> x, y = np.array([0.0, 1.0]), np.array([1.0, 3.0])
    >>> descent_path(x, y, lr=0.5, epochs=1)
    array([[0. , 0. ],
           [1.5, 2. ]])
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w, b = map(float, start)
    path = [(w, b)]
    for _ in range(epochs):
        if batch_size is None:
            batches = [np.arange(len(x))]
        else:
            batches = minibatches(len(x), batch_size, rng)
        for batch in batches:
            dw, db = line_gradients(x[batch], y[batch], w, b)
            w, b = w - lr * dw, b - lr * db
            path.append((w, b))
        if not line_loss(x, y, w, b) < 1e12:
            break
    return np.array(path)


def loss_curve(x, y, lr: float, epochs: int) -> np.ndarray:
    """Loss after each epoch of batch gradient descent from ``w = b = 0``.

    Parameters
    ----------
    x, y : ndarray, shape (N,)
    lr : float
    epochs : int

    Returns
    -------
    losses : ndarray, shape (epochs + 1,) or shorter
        The loss at the start and after every epoch; a run that diverges stops
        once the loss passes 1e12, so its curve is shorter.

    Examples
    --------
    >>> x, y = line_data()
    >>> curve = loss_curve(x, y, lr=0.1, epochs=100)
    >>> curve.shape, bool(curve[-1] < curve[0])
    ((101,), True)
    """
    path = descent_path(x, y, lr, epochs)
    return line_loss(x, y, path[:, 0], path[:, 1])


# ------------------------------------------------------------------ 06.2 fit_line


def with_course_gradients(fit_line: Callable[..., Any]) -> Callable[..., Any]:
    """``fit_line``, run with the course's :func:`line_gradients` for the name ``line_gradients``.

    Exercise 06.2 is then graded on its own: a mistake in the student's
    ``line_gradients`` (exercise 06.1) costs points there, not again here.

    Examples
    --------
    >>> def fit_line(x, y, lr, epochs):
    ...     return line_gradients(x, y, 0.0, 0.0)
    >>> def line_gradients(x, y, w, b):
    ...     raise NotImplementedError
    >>> with_course_gradients(fit_line)(np.array([0.0, 1.0]), np.array([1.0, 3.0]), 0.1, 1)
    (-3.0, -4.0)
    """

    def fit(*args: Any) -> Any:  # bound at call time: at release, fit_line is a placeholder
        return with_helpers(fit_line, line_gradients=line_gradients)(*args)

    return fit


# ------------------------------------------------------------------ 06.3 learning rates

NOT_A_RATE = Mistake(
    "06.3/not-a-rate",
    "a learning rate that is not a positive number",
    "a learning rate is one positive number; gradient descent already steps against the "
    "gradient, so it needs no minus sign.",
)
NO_DIVERGENCE = Mistake(
    "06.3/no-divergence",
    "the diverging learning rate converges",
    "the loss still ends below its start: raise the rate, an order of magnitude at a time, "
    "until each step overshoots the valley by more than it falls.",
)
TOO_SLOW = Mistake(
    "06.3/too-slow",
    "the fast learning rate is too slow",
    "a small rate crawls, and a rate just below the edge of divergence zigzags for a long "
    "time: try rates in between and look at the first epoch where each gets below the target.",
)
FAST_DIVERGES = Mistake(
    "06.3/fast-diverges",
    "the fast learning rate diverges",
    "its loss grows instead of settling: it is past the edge of divergence that section 5 "
    "found, so lower it.",
)


def _curve(lr: float, epochs: int) -> np.ndarray:
    """:func:`loss_curve` on :func:`line_data`; an overflow just ends a diverging run."""
    with np.errstate(over="ignore", invalid="ignore"):
        return loss_curve(*line_data(), lr, epochs)


def _rate(lr: Any) -> float:
    """``lr`` as a float, or :data:`NOT_A_RATE`."""
    number = (
        np.ndim(lr) == 0
        and not isinstance(lr, bool | np.bool_ | str | bytes)
        and np.issubdtype(np.asarray(lr).dtype, np.number)
        and not np.iscomplexobj(lr)
    )
    require(number, NOT_A_RATE, f"Got {lr!r}.")
    value = float(lr)
    require(np.isfinite(value) and value > 0, NOT_A_RATE, f"Got {value:g}.")
    return value


def check_diverging_rate(lr_diverge: float, epochs: int = LR_EPOCHS) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``lr_diverge`` makes the loss grow.

    Runs ``epochs`` epochs of batch gradient descent from ``w = b = 0`` on
    :func:`line_data`; the loss must end above its starting value (or blow up).

    Examples
    --------
    >>> check_diverging_rate(1.0), check_diverging_rate(1e300)
    (None, None)
    >>> check_diverging_rate(0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the diverging learning rate converges: ...
    """
    lr = _rate(lr_diverge)
    curve = _curve(lr, epochs)
    require(
        len(curve) < epochs + 1 or curve[-1] > curve[0],
        NO_DIVERGENCE,
        f"With lr_diverge = {lr:g} the loss is {curve[-1]:.3g} after {epochs} epochs, below "
        f"its starting value {curve[0]:.3g}.",
    )


def check_fast_rate(lr_fast: float, epochs: int = LR_EPOCHS, run: int = 4 * LR_EPOCHS) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``lr_fast`` is fast and stays converged.

    Runs ``run`` epochs of batch gradient descent from ``w = b = 0`` on
    :func:`line_data`: the loss must get below :data:`LR_TARGET` within
    ``epochs`` epochs and still be below it after ``run`` epochs.

    Examples
    --------
    >>> check_fast_rate(0.2)
    >>> check_fast_rate(0.001)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the fast learning rate is too slow: ...
    """
    lr = _rate(lr_fast)
    curve = _curve(lr, run)
    require(
        len(curve) == run + 1 and curve[-1] <= curve[0],
        FAST_DIVERGES,
        f"With lr_fast = {lr:g} the loss is {curve[-1]:.3g} after {len(curve) - 1} epochs; it "
        f"started at {curve[0]:.3g}.",
    )
    reached = np.flatnonzero(curve <= LR_TARGET)
    require(
        reached.size > 0 and reached[0] <= epochs,
        TOO_SLOW,
        f"With lr_fast = {lr:g} the loss is {curve[epochs]:.4g} after {epochs} epochs, not yet "
        f"below {LR_TARGET:g}.",
    )
    require(
        curve[-1] <= LR_TARGET,
        FAST_DIVERGES,
        f"With lr_fast = {lr:g} the loss gets below {LR_TARGET:g} but is {curve[-1]:.3g} after "
        f"{run} epochs.",
    )


# ------------------------------------------------------------------ 06.4 minibatches

NO_SHUFFLE = Mistake(
    "06.4/no-shuffle",
    "forgot to shuffle",
    "your batches take the points in their stored order; draw a random order with rng first.",
)
DROPPED_LAST = Mistake(
    "06.4/dropped-last",
    "dropped the last, smaller batch",
    "when n is not a multiple of batch_size, the leftover indices still form a batch of "
    "their own: an epoch uses every point.",
)
COUNT_NOT_SIZE = Mistake(
    "06.4/count-not-size",
    "made batch_size batches instead of batches of batch_size indices",
    "batch_size is the number of indices in each batch, not the number of batches.",
)
SPREAD_REMAINDER = Mistake(
    "06.4/spread-remainder",
    "spread the leftover indices over the other batches",
    "every batch but the last holds exactly batch_size indices; the leftover indices form "
    "one last, smaller batch.",
)
BALANCED = Mistake(
    "06.4/balanced",
    "split the indices into batches of nearly equal sizes (np.array_split)",
    "np.array_split(order, k) makes k batches whose sizes differ by at most one; the task "
    "wants batch_size indices in every batch but the last, which holds the rest.",
)
EMPTY_LAST = Mistake(
    "06.4/empty-last",
    "an empty batch at the end",
    "when n is a multiple of batch_size, n // batch_size + 1 batches are one too many: the "
    "last one holds no index. Start a batch at every multiple of batch_size below n.",
)
RESHAPED = Mistake(
    "06.4/reshaped",
    "reshaped the shuffled indices into rows of batch_size",
    "a reshape needs n to be a multiple of batch_size and gives one 2-D array; slice the "
    "shuffled indices instead, into a list of batches, the last one smaller when it must be.",
)
REPLACEMENT = Mistake(
    "06.4/replacement",
    "sampled with replacement",
    "some indices appear twice and others never; an epoch uses every point exactly once, so "
    "permute the indices instead of drawing them one by one.",
)
SAME_ORDER = Mistake(
    "06.4/same-order",
    "the same order in every epoch",
    "a second call gave exactly the same batches: draw the order from the rng argument on "
    "every call, not from a generator seeded inside your function.",
)
IGNORES_RNG = Mistake(
    "06.4/ignores-rng",
    "ignores the rng argument",
    "two calls with generators in the same state gave different batches: draw the order "
    "from the rng you are given (not from np.random), so that a seeded run can be repeated.",
)


def _twin(rng: np.random.Generator) -> np.random.Generator:
    """A new generator in the same state as ``rng``."""
    twin = np.random.Generator(type(rng.bit_generator)())
    twin.bit_generator.state = rng.bit_generator.state
    return twin


def _batches(minibatches: Callable[..., Any], n: int, batch_size: int, rng) -> list[np.ndarray]:
    """The student's batches as 1-D integer arrays (a clear failure otherwise)."""
    try:
        got, _ = call_checked(minibatches, n, batch_size, rng)
    except CheckFailed as failure:
        require("cannot reshape array of size" not in str(failure), RESHAPED, failure.detail)
        raise
    if isinstance(got, np.ndarray) and got.ndim == 2:
        raise RESHAPED.fail(f"Your array has shape {got.shape}.")
    require(
        isinstance(got, list | tuple),
        f"minibatches must return a list of index arrays, got {type(got).__name__}.",
    )
    kinds = {type(batch).__name__ for batch in got if not isinstance(batch, np.ndarray)}
    require(not kinds, NOT_AN_ARRAY, f"Your batches are of type {', '.join(sorted(kinds))}.")
    batches = [np.asarray(batch) for batch in got]
    for number, batch in enumerate(batches):
        require(
            batch.ndim == 1 and (batch.size == 0 or np.issubdtype(batch.dtype, np.integer)),
            f"batch {number} must be a 1-D array of integer indices, got {batch.dtype} values "
            f"of shape {batch.shape}.",
        )
    return batches


def _concatenated(batches: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(batches) if batches else np.zeros(0, dtype=int)


def check_minibatches(
    minibatches: Callable[..., Any], n: int, batch_size: int, rng: np.random.Generator
) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``minibatches`` splits a fresh shuffle.

    ``minibatches(n, batch_size, rng)`` must hold every index ``0 .. n-1``
    exactly once, in consecutive batches of ``batch_size`` (the last one may be
    smaller), in a random order drawn from ``rng``: a generator in the same
    state gives the same batches, and a second call with ``rng`` a new order.
    Properties are checked, never one seed's exact order.

    Parameters
    ----------
    minibatches : callable
        ``minibatches(n, batch_size, rng) -> list of integer arrays``.
    n, batch_size : int
    rng : numpy.random.Generator

    Examples
    --------
    >>> check_minibatches(lambda *args: minibatches(*args), 10, 4, np.random.default_rng(0))
    >>> check_minibatches(lambda n, size, rng: [np.arange(n)], 10, 4, np.random.default_rng(0))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: you made 1 batches, expected 3: ...
    """
    twin = _twin(rng)
    batches = _batches(minibatches, n, batch_size, rng)
    sizes = [batch.size for batch in batches]
    everything = _concatenated(batches)
    every_index_once = everything.size == n and np.array_equal(np.sort(everything), np.arange(n))
    described = f"Your batch sizes for n = {n}, batch_size = {batch_size}: {sizes}."
    if len(batches) == batch_size and batch_size != -(-n // batch_size):
        raise COUNT_NOT_SIZE.fail(described)
    if n % batch_size and sizes == [batch_size] * (n // batch_size):
        raise DROPPED_LAST.fail(described)
    if every_index_once and len(batches) == n // batch_size and max(sizes) > batch_size:
        raise SPREAD_REMAINDER.fail(described)
    expected = -(-n // batch_size)
    right = [batch_size] * (n // batch_size) + [n % batch_size] * bool(n % batch_size)
    balanced = [len(part) for part in np.array_split(np.arange(n), expected)]
    require(not (every_index_once and sizes == balanced != right), BALANCED, described)
    require(sizes != [batch_size] * (n // batch_size) + [0], EMPTY_LAST, described)
    require(
        len(batches) == expected,
        f"you made {len(batches)} batches, expected {expected}: batches of {batch_size} "
        f"indices each, the last one smaller when {n} is not a multiple of {batch_size}.",
        described,
    )
    require(
        len(np.unique(everything)) == everything.size,
        REPLACEMENT,
        f"{everything.size - len(np.unique(everything))} of your {everything.size} indices are "
        "repeats.",
    )
    require(every_index_once, f"the batches must hold each index 0 .. {n - 1} exactly once.")
    require(
        all(size == batch_size for size in sizes[:-1]) and 0 < sizes[-1] <= batch_size,
        f"every batch but the last must hold exactly {batch_size} indices.",
        described,
    )
    require(not np.array_equal(everything, np.arange(n)), NO_SHUFFLE)
    repeated = _batches(minibatches, n, batch_size, twin)
    require(
        len(repeated) == len(batches)
        and all(np.array_equal(a, b) for a, b in zip(repeated, batches, strict=True)),
        IGNORES_RNG,
    )
    again = _concatenated(_batches(minibatches, n, batch_size, rng))
    require(not np.array_equal(again, everything), SAME_ORDER)
