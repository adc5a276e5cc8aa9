"""Lesson 06, gradient descent: the lesson's data, loss surface and descent paths.

The lesson fits ``y ≈ w * x + b`` to data by minimising the mean squared error
``L(w, b) = mean((w * x + b - y) ** 2)``. Its figures and the descent explorer
(:mod:`wbcourse.widgets.descent`) use these helpers. :func:`line_gradients` and
:func:`minibatches` are the course's own versions of what exercises 06.1 and 06.4
ask for: an answer that uses them earns nothing.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "LR_EPOCHS",
    "LR_TARGET",
    "descent_path",
    "line_data",
    "line_gradients",
    "line_loss",
    "loss_curve",
    "minibatches",
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
    residual = w * x + b - y
    return float(2.0 * np.mean(residual * x)), float(2.0 * np.mean(residual))


def minibatches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
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
