"""Normalization: standardized inputs, and batch normalization inside the network.

Both do the same thing to a column of numbers: subtract its mean and divide by its
standard deviation, so that every feature (or every unit's pre-activation) has mean
0 and variance 1 and the loss surface is rounder. Input standardization uses the
*training* set's statistics, fixed once; batch normalization uses each mini-batch's
statistics while training and running averages of them at inference, then scales
and shifts the result by the learned ``gamma`` and ``beta``.

Shapes are batch-first: ``X`` is ``(N, D)``; ``gamma``, ``beta`` and every
statistic are ``(D,)``, one per column.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from wbcourse.errors import ShapeError, as_array, check_ndim

__all__ = [
    "BatchNormCache",
    "batchnorm_backward",
    "batchnorm_forward",
    "feature_statistics",
    "standardize",
    "update_running",
]


def feature_statistics(X) -> tuple[np.ndarray, np.ndarray]:
    """The mean and standard deviation of every column of the training inputs ``X``.

    ``std`` divides by N (``np.std``'s default). A constant column has ``std`` 0;
    it is reported as 1, so that :func:`standardize` only centres it.

    Parameters
    ----------
    X : array-like, shape (N, D)
        Training inputs, one row per example.

    Returns
    -------
    mean, std : ndarray, shape (D,)

    Examples
    --------
    >>> mean, std = feature_statistics([[1.0, 10.0], [3.0, 10.0]])
    >>> mean, std
    (array([ 2., 10.]), array([1., 1.]))
    """
    X = as_array("X", X)
    check_ndim("X", X, 2, "(N, D)")
    if X.shape[0] == 0:
        raise ValueError("X has no rows: statistics need at least one training example")
    std = X.std(axis=0)
    return X.mean(axis=0), np.where(std > 0, std, 1.0)


def standardize(X, mean, std) -> np.ndarray:
    """``(X - mean) / std`` column by column, with statistics from :func:`feature_statistics`.

    Use the *training* set's ``mean`` and ``std`` for every set (training,
    validation, test, a new example): the network was trained on inputs
    transformed this way, so every input must be transformed the same way.

    Parameters
    ----------
    X : array-like, shape (N, D)
    mean, std : array-like, shape (D,)

    Returns
    -------
    ndarray, shape (N, D)

    Examples
    --------
    >>> X_train = np.array([[1.0, 10.0], [3.0, 30.0]])
    >>> mean, std = feature_statistics(X_train)
    >>> standardize(X_train, mean, std)
    array([[-1., -1.],
           [ 1.,  1.]])
    >>> standardize([[2.0, 40.0]], mean, std)  # a new example, the training statistics
    array([[0., 2.]])
    """
    X, mean, std = as_array("X", X), as_array("mean", mean), as_array("std", std)
    check_ndim("X", X, 2, "(N, D)")
    for name, value in (("mean", mean), ("std", std)):
        if value.shape != (X.shape[1],):
            raise ShapeError(
                f"{name} must have shape (D,) = ({X.shape[1]},), one value per column of X, "
                f"got {value.shape}; compute it over the rows (axis=0) of the training inputs"
            )
    if not np.all(std > 0):
        raise ValueError("std must be positive in every column; feature_statistics gives 1 for 0")
    return (X - mean) / std


class BatchNormCache(NamedTuple):
    """What :func:`batchnorm_backward` needs from :func:`batchnorm_forward`.

    Attributes
    ----------
    x_hat : ndarray, shape (N, D)
        The normalized inputs ``(X - mean) / std``.
    gamma : ndarray, shape (D,)
    std : ndarray, shape (D,)
        ``sqrt(var + eps)`` of the statistics used.
    training : bool
        Whether the batch's own statistics were used (then they depend on ``X``).
    mean, var : ndarray, shape (D,)
        The statistics used: the batch's in training, the running ones at inference.
    """

    x_hat: np.ndarray
    gamma: np.ndarray
    std: np.ndarray
    training: bool
    mean: np.ndarray
    var: np.ndarray


def _check_columns(name: str, value: np.ndarray, d: int) -> None:
    if value.shape != (d,):
        raise ShapeError(
            f"{name} must have shape (D,) = ({d},), one value per column of X, got {value.shape}"
        )


def _check_running(running, d: int) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(running, dict) or set(running) != {"mean", "var"}:
        raise ValueError(
            "running must be a dict {'mean': (D,), 'var': (D,)} of running statistics, got "
            + (f"the keys {sorted(running)}" if isinstance(running, dict) else repr(running))
        )
    mean = as_array("running['mean']", running["mean"])
    var = as_array("running['var']", running["var"])
    _check_columns("running['mean']", mean, d)
    _check_columns("running['var']", var, d)
    if not np.all(var >= 0):
        raise ValueError("running['var'] must be >= 0 in every column")
    return mean, var


def batchnorm_forward(
    X, gamma, beta, running: dict | None = None, *, training: bool = True, eps: float = 1e-5
) -> tuple[np.ndarray, BatchNormCache]:
    """Batch normalization: ``out = gamma * (X - mean) / sqrt(var + eps) + beta``.

    In training, ``mean`` and ``var`` are the batch's own, column by column
    (``var`` divides by N). At inference (``training=False``) they are the running
    averages in ``running``, so that an example's output does not depend on the
    other examples of its batch.

    Parameters
    ----------
    X : array-like, shape (N, D)
        A batch of pre-activations, one row per example.
    gamma, beta : array-like, shape (D,)
        The learned scale and shift, one per column.
    running : dict, optional
        ``{"mean": (D,), "var": (D,)}``; needed at inference, ignored in training
        (update it with :func:`update_running`).
    training : bool
    eps : float > 0
        Keeps the division finite for a column with variance 0.

    Returns
    -------
    out : ndarray, shape (N, D)
    cache : BatchNormCache
        For :func:`batchnorm_backward` and :func:`update_running`.

    Raises
    ------
    ValueError
        At inference without ``running``; in training with a batch of one example
        (its variance is 0 and every output would be ``beta``).

    Examples
    --------
    >>> X = np.array([[1.0, 10.0], [3.0, 30.0]])
    >>> out, cache = batchnorm_forward(X, np.ones(2), np.zeros(2), eps=0.0)
    >>> out
    array([[-1., -1.],
           [ 1.,  1.]])
    >>> out, _ = batchnorm_forward(X, np.array([2.0, 1.0]), np.array([0.0, 5.0]), eps=0.0)
    >>> out
    array([[-2.,  4.],
           [ 2.,  6.]])
    >>> running = {"mean": np.array([2.0, 20.0]), "var": np.array([4.0, 100.0])}
    >>> batchnorm_forward(X[:1], np.ones(2), np.zeros(2), running, training=False, eps=0.0)[0]
    array([[-0.5, -1. ]])
    """
    X, gamma, beta = as_array("X", X), as_array("gamma", gamma), as_array("beta", beta)
    check_ndim("X", X, 2, "(N, D)")
    d = X.shape[1]
    _check_columns("gamma", gamma, d)
    _check_columns("beta", beta, d)
    if not np.isscalar(eps) or not eps >= 0:
        raise ValueError(f"eps must be a small number >= 0, got {eps!r}")
    if training:
        if X.shape[0] < 2:
            raise ValueError(
                f"training needs a batch of at least 2 examples, got {X.shape[0]}: the variance "
                "of one example is 0 and every output would be beta; use training=False"
            )
        mean, var = X.mean(axis=0), X.var(axis=0)
    elif running is None:
        raise ValueError(
            "inference (training=False) normalizes with the running statistics: pass "
            "running={'mean': ..., 'var': ...}"
        )
    else:
        mean, var = _check_running(running, d)
    std = np.sqrt(var + eps)
    x_hat = (X - mean) / std
    return gamma * x_hat + beta, BatchNormCache(x_hat, gamma, std, bool(training), mean, var)


def batchnorm_backward(dout, cache: BatchNormCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of :func:`batchnorm_forward` with respect to ``X``, ``gamma`` and ``beta``.

    ``dgamma = sum(dout * x_hat, axis=0)`` and ``dbeta = sum(dout, axis=0)``. At
    inference the statistics are constants, so ``dX = dout * gamma / std``. In
    training they depend on every row of ``X``, which adds two terms::

        dX = gamma / std * (dout - mean(dout, axis=0) - x_hat * mean(dout * x_hat, axis=0))

    Parameters
    ----------
    dout : array-like, shape (N, D)
        Upstream gradient of the loss with respect to ``out``.
    cache : BatchNormCache

    Returns
    -------
    dX : ndarray, shape (N, D)
    dgamma, dbeta : ndarray, shape (D,)

    Examples
    --------
    >>> X = np.array([[1.0], [2.0], [6.0]])
    >>> out, cache = batchnorm_forward(X, np.array([3.0]), np.array([0.5]))
    >>> dX, dgamma, dbeta = batchnorm_backward(np.ones((3, 1)), cache)
    >>> bool(np.abs(dX).max() < 1e-12), dbeta  # the sum of the outputs does not depend on X
    (True, array([3.]))
    """
    dout = as_array("dout", dout)
    if dout.shape != cache.x_hat.shape:
        raise ShapeError(f"dout must have the shape of out, {cache.x_hat.shape}, got {dout.shape}")
    dgamma = np.sum(dout * cache.x_hat, axis=0)
    dbeta = np.sum(dout, axis=0)
    if not cache.training:
        return dout * cache.gamma / cache.std, dgamma, dbeta
    centred = dout - dout.mean(axis=0) - cache.x_hat * (dgamma / dout.shape[0])
    return cache.gamma / cache.std * centred, dgamma, dbeta


def update_running(running: dict | None, cache: BatchNormCache, momentum: float = 0.9) -> dict:
    """New running statistics: ``momentum * running + (1 - momentum) * batch``, for mean and var.

    Call it after every training step; at inference, :func:`batchnorm_forward`
    normalizes with the result. ``running=None`` starts from mean 0 and variance 1.

    Parameters
    ----------
    running : dict or None
        ``{"mean": (D,), "var": (D,)}`` so far.
    cache : BatchNormCache
        From a training-mode :func:`batchnorm_forward`: holds the batch's statistics.
    momentum : float in [0, 1)
        The share of the old value kept at each step.

    Returns
    -------
    dict
        ``{"mean": (D,), "var": (D,)}``, new arrays.

    Examples
    --------
    >>> _, cache = batchnorm_forward(np.array([[1.0], [3.0]]), np.ones(1), np.zeros(1))
    >>> update_running(None, cache, momentum=0.5)  # halfway from (0, 1) to the batch's (2, 1)
    {'mean': array([1.]), 'var': array([1.])}
    """
    if not cache.training:
        raise ValueError(
            "update_running needs the cache of a training-mode batchnorm_forward: at "
            "inference the batch's statistics are not computed"
        )
    if not np.isscalar(momentum) or not 0 <= momentum < 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
    d = cache.mean.shape[0]
    if running is None:
        running = {"mean": np.zeros(d), "var": np.ones(d)}
    mean, var = _check_running(running, d)
    return {
        "mean": momentum * mean + (1 - momentum) * cache.mean,
        "var": momentum * var + (1 - momentum) * cache.var,
    }
