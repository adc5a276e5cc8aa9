"""Regularization: weight penalties (L2, L1) and inverted dropout.

Penalties act on the weights only, the keys that start with ``"W"``; biases are
never penalised (they do not make the function any more wiggly). Each penalty
returns ``(penalty, grads)`` with ``grads`` keyed like ``params``, zeros for the
biases, so it can be added to the loss gradients key by key.
"""

from __future__ import annotations

import numpy as np

from wbcourse.errors import as_array, check_same_shape
from wbcourse.init import check_rng

__all__ = ["check_keep_prob", "dropout_backward", "dropout_forward", "l1_penalty", "l2_penalty"]


def _check_lam(lam) -> float:
    if not np.isscalar(lam) or not lam >= 0:
        raise ValueError(f"lam must be a number >= 0, got {lam!r}")
    return float(lam)


def _weight_penalty(params: dict, lam, term, slope) -> tuple[float, dict]:
    """``lam * sum(term(W))`` over the weights; gradient ``lam * slope(W)``, 0 for biases."""
    lam = _check_lam(lam)
    arrays = {key: as_array(key, value) for key, value in params.items()}
    penalty = lam * sum(float(np.sum(term(W))) for key, W in arrays.items() if key.startswith("W"))
    grads = {
        key: lam * slope(value) if key.startswith("W") else np.zeros_like(value)
        for key, value in arrays.items()
    }
    return penalty, grads


def l2_penalty(params: dict, lam: float) -> tuple[float, dict]:
    """L2 weight decay: ``penalty = lam / 2 * sum(sum(W**2))`` over the weights.

    Gradient: ``dW = lam * W``; ``db = 0``.

    Returns
    -------
    penalty : float
    grads : dict
        Same keys and shapes as ``params``.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([5.0, 5.0])}
    >>> penalty, grads = l2_penalty(params, 0.1)
    >>> round(penalty, 6), grads["W1"], grads["b1"]
    (0.25, array([[ 0.1, -0.2]]), array([0., 0.]))
    """
    return _weight_penalty(params, lam, lambda W: W**2 / 2, lambda W: W)


def l1_penalty(params: dict, lam: float) -> tuple[float, dict]:
    """L1 penalty: ``penalty = lam * sum(sum(abs(W)))`` over the weights.

    Subgradient: ``dW = lam * sign(W)`` (0 where ``W == 0``); ``db = 0``.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, -2.0, 0.0]]), "b1": np.array([5.0, 5.0, 5.0])}
    >>> penalty, grads = l1_penalty(params, 0.1)
    >>> round(penalty, 6), grads["W1"], grads["b1"]
    (0.3, array([[ 0.1, -0.1,  0. ]]), array([0., 0., 0.]))
    """
    return _weight_penalty(params, lam, np.abs, np.sign)


def check_keep_prob(keep_prob) -> float:
    """Return ``keep_prob`` as a float, or raise ``ValueError`` unless it is in (0, 1].

    Examples
    --------
    >>> check_keep_prob(0.8)
    0.8
    >>> check_keep_prob(0.0)
    Traceback (most recent call last):
    ...
    ValueError: keep_prob must be in (0, 1], the probability of keeping a unit, got 0.0
    """
    if not np.isscalar(keep_prob) or not 0 < keep_prob <= 1:
        raise ValueError(
            f"keep_prob must be in (0, 1], the probability of keeping a unit, got {keep_prob!r}"
        )
    return float(keep_prob)


def dropout_forward(
    A, keep_prob: float, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Inverted dropout: ``mask = rng.random(A.shape) < keep_prob``, ``out = A * mask / keep_prob``.

    Dividing by ``keep_prob`` keeps the expected value of each unit, so at test
    time (``training=False``) the layer is the identity and ``mask`` is None.

    Parameters
    ----------
    A : array-like, any shape
    keep_prob : float in (0, 1]
    rng : numpy.random.Generator
    training : bool

    Returns
    -------
    out : ndarray, shape of ``A``
    mask : ndarray of bool, shape of ``A``, or None at test time

    Examples
    --------
    >>> out, mask = dropout_forward(np.ones((2, 4)), 0.5, np.random.default_rng(0))
    >>> bool(np.all(out[mask] == 2.0)), bool(np.all(out[~mask] == 0.0))
    (True, True)
    >>> dropout_forward(np.ones(2), 0.5, np.random.default_rng(0), training=False)
    (array([1., 1.]), None)
    """
    keep_prob = check_keep_prob(keep_prob)
    A = as_array("A", A)
    if not training:
        return A.copy(), None
    mask = check_rng(rng).random(A.shape) < keep_prob
    return A * mask / keep_prob, mask


def dropout_backward(dout, mask: np.ndarray | None, keep_prob: float) -> np.ndarray:
    """Gradient of inverted dropout: ``dA = dout * mask / keep_prob`` (``dout`` if mask is None).

    Examples
    --------
    >>> dropout_backward(np.ones(3), np.array([True, False, True]), 0.5)
    array([2., 0., 2.])
    """
    keep_prob = check_keep_prob(keep_prob)
    dout = as_array("dout", dout)
    if mask is None:
        return dout.copy()
    check_same_shape("dout", dout, "mask", np.asarray(mask))
    return dout * mask / keep_prob
