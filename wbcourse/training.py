"""A mini-batch gradient-descent training loop for :mod:`wbcourse.network` MLPs."""

from __future__ import annotations

import numpy as np

from wbcourse.errors import as_array, check_labels
from wbcourse.init import check_positive_int, check_rng
from wbcourse.network import loss_and_grads, predict
from wbcourse.optim import momentum_step
from wbcourse.regularization import l2_penalty

__all__ = ["accuracy", "train"]


def accuracy(params: dict, X, y, activation: str = "relu") -> float:
    """Fraction of rows whose predicted class equals the label: ``mean(predict(X) == y)``.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([-0.5])}  # OR
    >>> accuracy(params, [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
    0.75
    """
    labels = check_labels(y, len(as_array("X", X)))
    return float(np.mean(predict(X, params, activation) == labels))


def _objective(params, X, y, activation, loss, l2):
    """Data loss plus ``l2 / 2 * sum(W**2)``, and its gradients."""
    value, grads = loss_and_grads(params, X, y, activation, loss)
    if l2:
        penalty, penalty_grads = l2_penalty(params, l2)
        value += penalty
        grads = {key: grads[key] + penalty_grads[key] for key in grads}
    return value, grads


def train(
    params: dict,
    X,
    y,
    *,
    epochs: int,
    lr: float,
    batch_size: int,
    rng: np.random.Generator,
    activation: str = "relu",
    loss: str = "softmax_cross_entropy",
    l2: float = 0.0,
    momentum: float = 0.0,
    X_val=None,
    y_val=None,
) -> tuple[dict, dict]:
    """Train with mini-batch SGD (with momentum when ``momentum > 0``); ``params`` is not changed.

    Each epoch shuffles the rows with ``rng``, then for each batch of
    ``batch_size`` rows takes the step
    ``v = momentum * v - lr * grads``, ``params = params + v``, where ``grads``
    is the gradient of the batch loss plus ``l2 / 2 * sum(W**2)`` (weights only).

    Parameters
    ----------
    params : dict
        Initial ``W1``, ``b1``, ..., ``WL``, ``bL``.
    X : array-like, shape (N, D_0)
    y : array-like, shape (N,)
        Labels (or targets, for ``loss="mse"``).
    epochs, batch_size : int >= 1
    lr : float > 0
    rng : numpy.random.Generator
    activation, loss : str
        As in :func:`wbcourse.network.loss_and_grads`.
    l2 : float >= 0
    momentum : float in [0, 1)
    X_val, y_val : array-like, optional
        Validation data, given together.

    Returns
    -------
    params : dict
        The trained parameters (new arrays).
    history : dict of list of float
        One entry per epoch, measured on the whole set after the epoch:
        ``"loss"`` (data loss, without the penalty), ``"accuracy"``, and
        ``"val_loss"``, ``"val_accuracy"`` when validation data is given.

    Examples
    --------
    >>> from wbcourse.datasets import truth_table
    >>> from wbcourse.network import init_params
    >>> X, y = truth_table("xor")
    >>> rng = np.random.default_rng(0)
    >>> params = init_params([2, 8, 2], rng, method="xavier")
    >>> params, history = train(params, X, y, epochs=300, lr=0.5, batch_size=4, rng=rng,
    ...                         activation="tanh", momentum=0.9)
    >>> history["accuracy"][-1]
    1.0
    """
    check_positive_int("epochs", epochs)
    check_positive_int("batch_size", batch_size)
    if (X_val is None) != (y_val is None):
        raise ValueError("give X_val and y_val together, or neither")
    check_rng(rng)
    X, y = as_array("X", X), np.asarray(y)
    sets = {"": (X, y)}
    if X_val is not None:
        sets["val_"] = (as_array("X_val", X_val), np.asarray(y_val))
    history = {prefix + metric: [] for prefix in sets for metric in ("loss", "accuracy")}
    velocity = None
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            batch = order[start : start + batch_size]
            _, grads = _objective(params, X[batch], y[batch], activation, loss, l2)
            params, velocity = momentum_step(params, grads, velocity, lr, beta=momentum)
        for prefix, (X_set, y_set) in sets.items():
            history[prefix + "loss"].append(
                loss_and_grads(params, X_set, y_set, activation, loss)[0]
            )
            history[prefix + "accuracy"].append(accuracy(params, X_set, y_set, activation))
    return params, history
