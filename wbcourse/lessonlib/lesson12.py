"""Lesson 12, optimization: the optimizers' paths on lesson 06's loss map.

The lesson's figures and the optimizer race (:mod:`wbcourse.widgets.optimizers`)
use these helpers.
"""

from __future__ import annotations

import numpy as np

from wbcourse import optim

__all__ = ["DIVERGED", "METHODS", "line_curvatures", "optimizer_path"]

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


# ============================================================ references
