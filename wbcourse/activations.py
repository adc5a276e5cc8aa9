"""Activation functions and their backward passes.

Every forward takes pre-activations ``Z`` of any shape (softmax: ``(N, C)``, rows
over the last axis) and returns ``A`` of the same shape. Every backward takes the
upstream gradient ``dA`` and the same ``Z`` and returns ``dZ = dA * dA/dZ`` of the
same shape. All functions are pure (inputs are never modified) and numerically
stable: no overflow warnings for ``|Z|`` up to 1e4.
"""

from __future__ import annotations

import numpy as np

from wbcourse.errors import as_array, check_same_shape

__all__ = [
    "get",
    "identity",
    "identity_backward",
    "leaky_relu",
    "leaky_relu_backward",
    "relu",
    "relu_backward",
    "sigmoid",
    "sigmoid_backward",
    "softmax",
    "softmax_backward",
    "step",
    "tanh",
    "tanh_backward",
]


def _upstream(dA, Z) -> tuple[np.ndarray, np.ndarray]:
    """Convert ``dA`` and ``Z`` to float arrays and check they have the same shape."""
    dA, Z = as_array("dA", dA), as_array("Z", Z)
    check_same_shape("dA", dA, "Z", Z)
    return dA, Z


def identity(Z) -> np.ndarray:
    """Identity activation ``A = Z`` (a linear neuron), returned as a new array.

    Parameters
    ----------
    Z : array-like, any shape
        Pre-activations.

    Returns
    -------
    A : ndarray, same shape as Z

    Examples
    --------
    >>> identity([-1.0, 2.0])
    array([-1.,  2.])
    """
    return as_array("Z", Z).copy()


def identity_backward(dA, Z) -> np.ndarray:
    """Backward of :func:`identity`: ``dZ = dA``.

    Parameters
    ----------
    dA : array-like
        Upstream gradient, same shape as Z.
    Z : array-like
        The pre-activations given to the forward pass.

    Returns
    -------
    dZ : ndarray, same shape as Z

    Examples
    --------
    >>> identity_backward([3.0, 4.0], [-1.0, 2.0])
    array([3., 4.])
    """
    dA, _ = _upstream(dA, Z)
    return dA.copy()


def sigmoid(Z) -> np.ndarray:
    """Logistic sigmoid ``A = 1 / (1 + exp(-Z))``, computed without overflow.

    With ``e = exp(-|Z|)`` (always in (0, 1]) the code computes
    ``A = 1 / (1 + e)`` where ``Z >= 0`` and ``A = e / (1 + e)`` where ``Z < 0``;
    both equal the formula above, and ``exp`` never sees a large positive number.

    Parameters
    ----------
    Z : array-like, any shape
        Pre-activations.

    Returns
    -------
    A : ndarray, same shape as Z
        Values in [0, 1].

    Examples
    --------
    >>> sigmoid([-1e4, 0.0, 1e4])
    array([0. , 0.5, 1. ])
    """
    Z = as_array("Z", Z)
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_backward(dA, Z) -> np.ndarray:
    """Backward of :func:`sigmoid`: ``dZ = dA * s * (1 - s)`` with ``s = sigmoid(Z)``.

    Parameters
    ----------
    dA : array-like
        Upstream gradient, same shape as Z.
    Z : array-like
        The pre-activations given to the forward pass.

    Returns
    -------
    dZ : ndarray, same shape as Z

    Examples
    --------
    >>> sigmoid_backward([1.0], [0.0])
    array([0.25])
    """
    dA, Z = _upstream(dA, Z)
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


def tanh(Z) -> np.ndarray:
    """Hyperbolic tangent ``A = tanh(Z)``, values in [-1, 1].

    Parameters
    ----------
    Z : array-like, any shape
        Pre-activations.

    Returns
    -------
    A : ndarray, same shape as Z

    Examples
    --------
    >>> tanh([-1e4, 0.0, 1e4])
    array([-1.,  0.,  1.])
    """
    return np.tanh(as_array("Z", Z))


def tanh_backward(dA, Z) -> np.ndarray:
    """Backward of :func:`tanh`: ``dZ = dA * (1 - tanh(Z) ** 2)``.

    Parameters
    ----------
    dA : array-like
        Upstream gradient, same shape as Z.
    Z : array-like
        The pre-activations given to the forward pass.

    Returns
    -------
    dZ : ndarray, same shape as Z

    Examples
    --------
    >>> tanh_backward([2.0], [0.0])
    array([2.])
    """
    dA, Z = _upstream(dA, Z)
    return dA * (1.0 - np.tanh(Z) ** 2)


def relu(Z) -> np.ndarray:
    """Rectified linear unit ``A = max(Z, 0)``.

    Parameters
    ----------
    Z : array-like, any shape
        Pre-activations.

    Returns
    -------
    A : ndarray, same shape as Z

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return np.maximum(as_array("Z", Z), 0.0)


def relu_backward(dA, Z) -> np.ndarray:
    """Backward of :func:`relu`: ``dZ = dA * (Z > 0)``.

    ReLU has no derivative at ``Z == 0`` (the kink); this function uses 0 there.

    Parameters
    ----------
    dA : array-like
        Upstream gradient, same shape as Z.
    Z : array-like
        The pre-activations given to the forward pass.

    Returns
    -------
    dZ : ndarray, same shape as Z

    Examples
    --------
    >>> relu_backward([5.0, 5.0, 5.0], [-2.0, 0.0, 3.0])
    array([0., 0., 5.])
    """
    dA, Z = _upstream(dA, Z)
    return dA * (Z > 0)


def leaky_relu(Z, alpha: float = 0.01) -> np.ndarray:
    """Leaky ReLU ``A = where(Z > 0, Z, alpha * Z)``.

    Parameters
    ----------
    Z : array-like, any shape
        Pre-activations.
    alpha : float, default 0.01
        Slope for negative ``Z``.

    Returns
    -------
    A : ndarray, same shape as Z

    Examples
    --------
    >>> leaky_relu([-2.0, 3.0], alpha=0.1)
    array([-0.2,  3. ])
    """
    Z = as_array("Z", Z)
    return np.where(Z > 0, Z, alpha * Z)


def leaky_relu_backward(dA, Z, alpha: float = 0.01) -> np.ndarray:
    """Backward of :func:`leaky_relu`: ``dZ = dA * where(Z > 0, 1, alpha)``.

    At ``Z == 0`` the slope ``alpha`` is used.

    Parameters
    ----------
    dA : array-like
        Upstream gradient, same shape as Z.
    Z : array-like
        The pre-activations given to the forward pass.
    alpha : float, default 0.01
        Slope for negative ``Z``; must match the forward pass.

    Returns
    -------
    dZ : ndarray, same shape as Z

    Examples
    --------
    >>> leaky_relu_backward([1.0, 1.0], [-2.0, 3.0], alpha=0.1)
    array([0.1, 1. ])
    """
    dA, Z = _upstream(dA, Z)
    return dA * np.where(Z > 0, 1.0, alpha)


def step(Z) -> np.ndarray:
    """Heaviside step ``A = 1.0 where Z > 0 else 0.0`` (the perceptron's activation).

    Its derivative is 0 almost everywhere, so it has no backward pass and cannot
    be trained by gradient descent.

    Parameters
    ----------
    Z : array-like, any shape
        Pre-activations.

    Returns
    -------
    A : ndarray of float, same shape as Z

    Examples
    --------
    >>> step([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return (as_array("Z", Z) > 0).astype(float)


def softmax(Z) -> np.ndarray:
    """Row-wise softmax over the last axis, ``A = exp(Z - m) / sum(exp(Z - m))``.

    ``m`` is the row maximum; subtracting it leaves the result unchanged and keeps
    every exponent <= 0, so nothing overflows.

    Parameters
    ----------
    Z : array-like, shape (N, C)
        Logits, one row per example (a 1-D ``(C,)`` array is one row).

    Returns
    -------
    A : ndarray, shape (N, C)
        Probabilities; every row sums to 1.

    Examples
    --------
    >>> softmax([[0.0, 0.0], [1e4, 0.0]])
    array([[0.5, 0.5],
           [1. , 0. ]])
    """
    Z = as_array("Z", Z)
    e = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_backward(dA, Z) -> np.ndarray:
    """Backward of :func:`softmax`, the Jacobian-vector product of each row.

    With ``S = softmax(Z)`` the Jacobian of a row is ``diag(S) - S S^T``, so
    ``dZ = S * (dA - sum(dA * S, axis=-1, keepdims=True))``.

    Parameters
    ----------
    dA : array-like, shape (N, C)
        Upstream gradient.
    Z : array-like, shape (N, C)
        The logits given to the forward pass.

    Returns
    -------
    dZ : ndarray, shape (N, C)

    Examples
    --------
    >>> softmax_backward([[1.0, 0.0]], [[0.0, 0.0]])
    array([[ 0.25, -0.25]])
    """
    dA, Z = _upstream(dA, Z)
    S = softmax(Z)
    return S * (dA - np.sum(dA * S, axis=-1, keepdims=True))


_REGISTRY = {
    "identity": (identity, identity_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),
    "relu": (relu, relu_backward),
    "sigmoid": (sigmoid, sigmoid_backward),
    "tanh": (tanh, tanh_backward),
}


def get(name: str):
    """Return the ``(forward, backward)`` pair of the activation called ``name``.

    Parameters
    ----------
    name : {"identity", "leaky_relu", "relu", "sigmoid", "tanh"}

    Returns
    -------
    forward : callable, ``forward(Z) -> A``
    backward : callable, ``backward(dA, Z) -> dZ``

    Raises
    ------
    ValueError
        For an unknown name; the message lists the valid ones.

    Examples
    --------
    >>> forward, backward = get("relu")
    >>> forward([-1.0, 1.0])
    array([0., 1.])
    >>> get("rellu")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'rellu'; choose one of: identity, leaky_relu, relu, sigmoid, tanh
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown activation {name!r}; choose one of: {', '.join(sorted(_REGISTRY))}"
        ) from None
