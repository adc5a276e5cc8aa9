"""One mini-batch SGD step at a time, with L2 weight decay and inverted dropout.

:func:`wbcourse.training.train` runs whole epochs; the playground needs to stop after
any step, so it drives these pure functions instead. numpy only, no plotting.
"""

from __future__ import annotations

import numpy as np

from wbcourse import activations
from wbcourse.layers import dense_backward, dense_forward
from wbcourse.losses import softmax_cross_entropy
from wbcourse.regularization import dropout_backward, dropout_forward, l2_penalty

__all__ = ["accuracy", "data_loss", "objective_and_grads", "predict_proba", "sgd_update"]


def objective_and_grads(
    params: dict,
    X: np.ndarray,
    y: np.ndarray,
    *,
    activation: str = "relu",
    l2: float = 0.0,
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[float, float, dict]:
    """Softmax cross-entropy plus ``l2 / 2 * sum(W**2)``, with dropout on hidden layers.

    Forward, for ``l = 1 .. L``: ``Z_l = A_{l-1} @ W_l + b_l``; for hidden layers
    ``A_l = dropout(f(Z_l))`` (inverted dropout, keep probability ``keep_prob``);
    the last ``Z_L`` are the logits.

    Parameters
    ----------
    params : dict
        ``W1`` (D_0, D_1), ``b1`` (D_1,), ..., ``WL``, ``bL``.
    X : ndarray, shape (N, D_0)
    y : ndarray of int, shape (N,)
    activation : str
        Hidden activation, a name for :func:`wbcourse.activations.get`.
    l2 : float >= 0
    keep_prob : float in (0, 1]
        1 means no dropout.
    rng : numpy.random.Generator, optional
        Needed when ``keep_prob < 1``.

    Returns
    -------
    objective : float
        Data loss plus the penalty.
    data_loss : float
    grads : dict
        Same keys and shapes as ``params``.

    Examples
    --------
    >>> params = {"W1": np.zeros((2, 3)), "b1": np.zeros(3)}
    >>> total, data, grads = objective_and_grads(params, np.ones((4, 2)), np.zeros(4, int))
    >>> round(total, 4), grads["W1"].shape
    (1.0986, (2, 3))
    """
    forward, backward = activations.get(activation)
    num_layers = len(params) // 2
    A, caches = X, []
    for layer in range(1, num_layers + 1):
        Z, dense_cache = dense_forward(A, params[f"W{layer}"], params[f"b{layer}"])
        mask = None
        if layer < num_layers:
            A = forward(Z)
            if keep_prob < 1.0:
                A, mask = dropout_forward(A, keep_prob, rng)
        caches.append((dense_cache, Z, mask))
    data_loss, dA = softmax_cross_entropy(Z, y)
    grads = {}
    for layer in range(num_layers, 0, -1):
        dense_cache, Z, mask = caches[layer - 1]
        if layer < num_layers:
            dA = backward(dropout_backward(dA, mask, keep_prob) if mask is not None else dA, Z)
        dA, grads[f"W{layer}"], grads[f"b{layer}"] = dense_backward(dA, dense_cache)
    objective = data_loss
    if l2:
        penalty, penalty_grads = l2_penalty(params, l2)
        objective += penalty
        grads = {key: grads[key] + penalty_grads[key] for key in grads}
    return objective, data_loss, grads


def sgd_update(
    params: dict,
    X: np.ndarray,
    y: np.ndarray,
    *,
    lr: float,
    activation: str = "relu",
    l2: float = 0.0,
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[dict, float]:
    """One SGD step on the batch ``(X, y)``: ``new[k] = params[k] - lr * grads[k]``.

    ``params`` is not changed. Arguments as in :func:`objective_and_grads`.

    Returns
    -------
    new_params : dict
    objective : float
        The batch objective before the step.

    Examples
    --------
    >>> from wbcourse.datasets import truth_table
    >>> from wbcourse.network import init_params
    >>> X, y = truth_table("or")
    >>> params = init_params([2, 2], np.random.default_rng(0))
    >>> losses = []
    >>> for _ in range(50):
    ...     params, loss = sgd_update(params, X, y, lr=0.5)
    ...     losses.append(loss)
    >>> losses[-1] < losses[0]
    True
    """
    objective, _, grads = objective_and_grads(
        params, X, y, activation=activation, l2=l2, keep_prob=keep_prob, rng=rng
    )
    return {key: params[key] - lr * grads[key] for key in params}, objective


def predict_proba(params: dict, X: np.ndarray, activation: str = "relu") -> np.ndarray:
    """Class probabilities ``softmax(logits)`` of the network without dropout, shape (N, C)."""
    forward, _ = activations.get(activation)
    num_layers = len(params) // 2
    A = X
    for layer in range(1, num_layers + 1):
        A = A @ params[f"W{layer}"] + params[f"b{layer}"]
        if layer < num_layers:
            A = forward(A)
    return activations.softmax(A)


def data_loss(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "relu") -> float:
    """Mean softmax cross-entropy of the network on ``(X, y)``, without dropout or penalty."""
    proba = predict_proba(params, X, activation)
    return float(-np.mean(np.log(np.maximum(proba[np.arange(len(y)), y], 1e-300))))


def accuracy(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "relu") -> float:
    """Fraction of rows whose most probable class is the label."""
    return float(np.mean(predict_proba(params, X, activation).argmax(axis=1) == y))
