"""The dense (fully connected) layer: forward and backward.

Shapes are batch-first: ``X`` is ``(N, D_in)``, ``W`` is ``(D_in, D_out)`` (one
column per neuron), ``b`` is ``(D_out,)`` (one bias per neuron) and
``Z = X @ W + b`` is ``(N, D_out)``.
"""

from __future__ import annotations

import numpy as np

from wbcourse.errors import ShapeError, as_array, check_ndim

__all__ = ["dense_backward", "dense_forward"]


def _check_dense(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> None:
    """Raise ``ShapeError`` unless X, W, b fit ``Z = X @ W + b``, with a hint when not."""
    check_ndim("X", X, 2, "(N, D_in)")
    check_ndim("W", W, 2, "(D_in, D_out)")
    d_in, d_out = W.shape
    if X.shape[1] != d_in:
        hint = " Did you pass W.T?" if d_out == X.shape[1] else ""
        raise ShapeError(
            f"X has {X.shape[1]} columns but W has {d_in} rows; W must be (D_in, D_out) = "
            f"({X.shape[1]}, D_out).{hint}"
        )
    if b.shape != (d_out,):
        if b.shape == (d_out, 1):
            hint = "; a (D_out, 1) bias broadcasts along the wrong axis — use b.reshape(-1)"
        elif b.size == d_out:
            hint = "; use b.reshape(-1)"
        else:
            hint = "; there is one bias per neuron, i.e. per column of W"
        raise ShapeError(f"b must have shape (D_out,) = ({d_out},), got {b.shape}{hint}")


def dense_forward(X, W, b) -> tuple[np.ndarray, tuple]:
    """Forward pass of a dense layer, ``Z = X @ W + b``.

    Parameters
    ----------
    X : array-like, shape (N, D_in)
        Inputs, one row per example.
    W : array-like, shape (D_in, D_out)
        Weights, one column per neuron.
    b : array-like, shape (D_out,)
        Biases, one per neuron, added to every row.

    Returns
    -------
    Z : ndarray, shape (N, D_out)
        Pre-activations.
    cache : tuple
        ``(X, W, b)`` as float arrays, for :func:`dense_backward`.

    Raises
    ------
    ShapeError
        When the shapes do not fit; the message names the likely mistake
        (transposed ``W``, a ``(D_out, 1)`` bias, a single example given as 1-D).

    Examples
    --------
    >>> Z, cache = dense_forward([[1.0, 2.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], [0.5, 0.0, -1.0])
    >>> Z
    array([[1.5, 2. , 2. ]])
    """
    X, W, b = as_array("X", X), as_array("W", W), as_array("b", b)
    _check_dense(X, W, b)
    Z = X @ W
    Z += b  # in place: one (N, D_out) array instead of two
    return Z, (X, W, b)


def dense_backward(dZ, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backward pass of a dense layer.

    ``dX = dZ @ W.T``, ``dW = X.T @ dZ``, ``db = dZ.sum(axis=0)``: each bias is
    added to every row, so its gradient sums over the batch.

    Parameters
    ----------
    dZ : array-like, shape (N, D_out)
        Upstream gradient of the loss with respect to ``Z``.
    cache : tuple
        ``(X, W, b)`` from :func:`dense_forward`.

    Returns
    -------
    dX : ndarray, shape (N, D_in)
    dW : ndarray, shape (D_in, D_out)
    db : ndarray, shape (D_out,)

    Raises
    ------
    ShapeError
        When ``dZ`` does not have the shape of ``Z``.

    Examples
    --------
    >>> _, cache = dense_forward([[1.0, 2.0]], [[1.0], [3.0]], [0.0])
    >>> dX, dW, db = dense_backward([[2.0]], cache)
    >>> dX, dW, db
    (array([[2., 6.]]), array([[2.], [4.]]), array([2.]))
    """
    X, W, _ = cache
    dZ = as_array("dZ", dZ)
    expected = (X.shape[0], W.shape[1])
    if dZ.shape != expected:
        hint = "; did you pass dZ.T?" if dZ.shape == expected[::-1] else ""
        raise ShapeError(
            f"dZ must have the shape of Z = X @ W + b, (N, D_out) = {expected}, "
            f"got {dZ.shape}{hint}"
        )
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)
