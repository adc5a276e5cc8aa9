"""Loss functions, each returning ``(loss, gradient)``.

A loss is a Python ``float``, the mean over the batch; its gradient has the shape
of the prediction and is therefore divided by the batch size ``N``.
"""

from __future__ import annotations

import numpy as np

from wbcourse.activations import sigmoid
from wbcourse.errors import ShapeError, as_array, check_labels, check_ndim, check_same_shape

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "log_sum_exp",
    "mse",
    "softmax_cross_entropy",
]


def mse(pred, target) -> tuple[float, np.ndarray]:
    """Mean squared error over all elements.

    ``loss = mean((pred - target) ** 2)`` and ``dpred = 2 * (pred - target) / pred.size``.
    For ``(N,)`` or ``(N, 1)`` predictions this is the mean over the batch; for
    ``(N, D)`` it also averages over the ``D`` outputs.

    Parameters
    ----------
    pred : array-like, any shape
        Predictions.
    target : array-like, same shape as pred
        Targets.

    Returns
    -------
    loss : float
    dpred : ndarray, same shape as pred

    Examples
    --------
    >>> loss, dpred = mse([1.0, 2.0], [1.0, 4.0])
    >>> loss, dpred
    (2.0, array([ 0., -2.]))
    """
    pred, target = as_array("pred", pred), as_array("target", target)
    check_same_shape("pred", pred, "target", target)
    diff = pred - target
    return float(np.mean(diff**2)), 2.0 * diff / diff.size


def _check_binary(name: str, p, y) -> tuple[np.ndarray, np.ndarray]:
    """Convert ``p`` and 0/1 targets ``y`` to arrays of the same ``(N,)`` or ``(N, 1)`` shape."""
    p, y = as_array(name, p), as_array("y", y)
    if p.ndim not in (1, 2) or (p.ndim == 2 and p.shape[1] != 1):
        raise ShapeError(
            f"{name} must have shape (N,) or (N, 1), got {p.shape}; "
            "for more than two classes use softmax_cross_entropy"
        )
    check_same_shape(name, p, "y", y)
    if y.size and (y.min() < 0 or y.max() > 1):
        raise ValueError(f"y must hold 0/1 targets, got values from {y.min()} to {y.max()}")
    return p, y


def binary_cross_entropy(p, y, eps: float = 1e-12) -> tuple[float, np.ndarray]:
    """Binary cross-entropy of probabilities ``p`` against 0/1 targets ``y``.

    With ``q = clip(p, eps, 1 - eps)`` (so that ``log`` never sees 0):
    ``loss = -mean(y * log(q) + (1 - y) * log(1 - q))`` and
    ``dp = (q - y) / (q * (1 - q)) / N``.

    Parameters
    ----------
    p : array-like, shape (N,) or (N, 1)
        Predicted probabilities of class 1, in [0, 1].
    y : array-like, same shape as p
        Targets, 0 or 1.
    eps : float, default 1e-12
        Clipping margin.

    Returns
    -------
    loss : float
    dp : ndarray, same shape as p

    Raises
    ------
    ValueError
        When ``p`` leaves [0, 1] (raw scores need
        :func:`binary_cross_entropy_with_logits`) or ``y`` leaves [0, 1].

    Examples
    --------
    >>> loss, dp = binary_cross_entropy([0.5, 0.5], [1.0, 0.0])
    >>> round(loss, 4), dp
    (0.6931, array([-1.,  1.]))
    """
    p, y = _check_binary("p", p, y)
    if p.size and (p.min() < 0 or p.max() > 1):
        raise ValueError(
            f"p must be probabilities in [0, 1], got values from {p.min()} to {p.max()}; "
            "for raw scores (logits) use binary_cross_entropy_with_logits"
        )
    q = np.clip(p, eps, 1.0 - eps)
    loss = -np.mean(y * np.log(q) + (1.0 - y) * np.log(1.0 - q))
    return float(loss), (q - y) / (q * (1.0 - q)) / len(p)


def binary_cross_entropy_with_logits(z, y) -> tuple[float, np.ndarray]:
    """Binary cross-entropy of logits ``z`` (``p = sigmoid(z)``), computed stably.

    ``loss = mean(max(z, 0) - z * y + log1p(exp(-|z|)))``, which equals the
    cross-entropy of ``sigmoid(z)`` but never takes ``log(0)`` or ``exp`` of a
    large number; ``dz = (sigmoid(z) - y) / N``.

    Parameters
    ----------
    z : array-like, shape (N,) or (N, 1)
        Logits (raw scores) of class 1.
    y : array-like, same shape as z
        Targets, 0 or 1.

    Returns
    -------
    loss : float
    dz : ndarray, same shape as z

    Examples
    --------
    >>> loss, dz = binary_cross_entropy_with_logits([0.0, 1e4], [1.0, 1.0])
    >>> round(loss, 4), dz
    (0.3466, array([-0.25,  0.  ]))
    """
    z, y = _check_binary("z", z, y)
    loss = np.mean(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z))))
    return float(loss), (sigmoid(z) - y) / len(z)


def log_sum_exp(Z) -> np.ndarray:
    """Row-wise ``log(sum(exp(Z), axis=1))``, computed without overflow.

    With the row maximum ``m``: ``m + log(sum(exp(Z - m[:, None]), axis=1))``.

    Parameters
    ----------
    Z : array-like, shape (N, C)

    Returns
    -------
    ndarray, shape (N,)

    Examples
    --------
    >>> np.round(log_sum_exp([[0.0, 0.0], [1e4, 1e4]]) - [0.0, 1e4], 4)
    array([0.6931, 0.6931])
    """
    Z = as_array("Z", Z)
    check_ndim("Z", Z, 2, "(N, C)")
    m = Z.max(axis=1)
    return m + np.log(np.sum(np.exp(Z - m[:, None]), axis=1))


def softmax_cross_entropy(logits, y) -> tuple[float, np.ndarray]:
    """Softmax cross-entropy of logits against integer class labels.

    ``loss = mean(log_sum_exp(logits) - logits[range(N), y])``, the mean of
    ``-log softmax(logits)[i, y[i]]``; ``dlogits = (softmax(logits) - onehot(y)) / N``.

    Parameters
    ----------
    logits : array-like, shape (N, C)
        Raw class scores, one row per example.
    y : array-like of int, shape (N,)
        Class indices in ``0 .. C - 1``.

    Returns
    -------
    loss : float
    dlogits : ndarray, shape (N, C)

    Examples
    --------
    >>> loss, dlogits = softmax_cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 4), dlogits
    (0.6931, array([[ 0.5, -0.5]]))
    """
    logits = as_array("logits", logits)
    check_ndim("logits", logits, 2, "(N, C)")
    n, n_classes = logits.shape
    labels = check_labels(y, n, n_classes)
    rows = np.arange(n)
    # log_sum_exp and softmax share one exp(logits - m): the exp is the costly part.
    m = logits.max(axis=1, keepdims=True)
    e = np.exp(logits - m)
    total = e.sum(axis=1, keepdims=True)
    loss = np.mean(m[:, 0] + np.log(total[:, 0]) - logits[rows, labels])
    dlogits = e / total
    dlogits[rows, labels] -= 1.0
    return float(loss), dlogits / n
