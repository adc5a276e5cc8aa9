"""Errors raised by wbcourse, and the small validators that raise them.

Every error says what was expected, what arrived and, where a common mistake
explains it, a hint. They subclass ``ValueError`` so that ``except ValueError``
catches them, as in scikit-learn.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

__all__ = [
    "SWAPPED",
    "ShapeError",
    "as_array",
    "check_labels",
    "check_ndim",
    "check_params",
    "check_same_shape",
]

#: What :func:`check_params` says when the data came where params belong, and params
#: where the data belong.
SWAPPED = "the data and params are swapped"


class ShapeError(ValueError):
    """An array had the wrong number of dimensions or the wrong size.

    Examples
    --------
    >>> raise ShapeError("X must be 2-D (N, D_in), got shape (3,)")
    Traceback (most recent call last):
    ...
    wbcourse.errors.ShapeError: X must be 2-D (N, D_in), got shape (3,)
    """


def as_array(name: str, value, dtype=float) -> np.ndarray:
    """Convert ``value`` to a numpy array of ``dtype`` without copying when possible.

    Raises ``TypeError`` naming ``name`` when the value is not numeric.

    Examples
    --------
    >>> as_array("x", [1, 2]).dtype
    dtype('float64')
    """
    try:
        array = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be a numeric array-like, got {type(value).__name__}: {error}"
        ) from None
    return array


def check_ndim(name: str, array: np.ndarray, ndim: int, layout: str) -> None:
    """Raise ``ShapeError`` unless ``array`` has ``ndim`` dimensions.

    Parameters
    ----------
    name : str
        The argument's name, used in the message.
    array : ndarray
        The array to check.
    ndim : int
        The number of dimensions expected.
    layout : str
        The expected shape in words, e.g. ``"(N, D_in)"``.

    Examples
    --------
    >>> check_ndim("X", np.zeros(3), 2, "(N, D_in)")
    Traceback (most recent call last):
    ...
    wbcourse.errors.ShapeError: X must be 2-D with shape (N, D_in), got shape (3,); for a single ...
    """
    if array.ndim != ndim:
        hint = ""
        if ndim == 2 and array.ndim == 1:
            hint = "; for a single example use x[None, :] or x.reshape(1, -1)"
        raise ShapeError(
            f"{name} must be {ndim}-D with shape {layout}, got shape {array.shape}{hint}"
        )


def check_same_shape(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Raise ``ShapeError`` unless ``a`` and ``b`` have the same shape.

    Examples
    --------
    >>> check_same_shape("pred", np.zeros((2, 1)), "target", np.zeros(2))
    Traceback (most recent call last):
    ...
    wbcourse.errors.ShapeError: pred and target must have the same shape, got (2, 1) and (2,); ...
    """
    if a.shape != b.shape:
        hint = ""
        if sorted(a.shape, reverse=True)[:1] == sorted(b.shape, reverse=True)[:1] and (
            1 in a.shape or 1 in b.shape
        ):
            hint = "; reshape one of them (a (N, 1) against a (N,) array would broadcast to (N, N))"
        raise ShapeError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}{hint}"
        )


def check_labels(y, n_rows: int, n_classes: int | None = None) -> np.ndarray:
    """Validate integer class labels ``y`` of shape ``(N,)`` and return them as ``int64``.

    Parameters
    ----------
    y : array-like of int, shape (N,)
        Class indices.
    n_rows : int
        N, the number of rows the labels must match.
    n_classes : int, optional
        When given, every label must lie in ``0 .. n_classes - 1``.

    Examples
    --------
    >>> check_labels([0, 2], 2, n_classes=3)
    array([0, 2])
    >>> check_labels([0, 3], 2, n_classes=3)
    Traceback (most recent call last):
    ...
    ValueError: labels must lie in 0..2 for 3 classes, got values from 0 to 3
    """
    labels = np.asarray(y)
    if labels.ndim == 2 and labels.shape[1] > 1:
        raise ShapeError(
            f"labels must be integer class indices of shape ({n_rows},), got shape "
            f"{labels.shape}; for one-hot labels use labels.argmax(axis=1)"
        )
    if labels.ndim != 1 or labels.shape[0] != n_rows:
        raise ShapeError(f"labels must have shape ({n_rows},), got shape {labels.shape}")
    if labels.size and not np.all(np.equal(np.mod(labels, 1), 0)):
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    labels = labels.astype(np.int64)
    if n_classes is not None and labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(
            f"labels must lie in 0..{n_classes - 1} for {n_classes} classes, got values "
            f"from {labels.min()} to {labels.max()}"
        )
    return labels


def check_params(params, X) -> None:
    """Raise ``TypeError`` unless ``params`` is a dict ``{"W1": ..., "b1": ..., ...}``.

    ``X`` is the data passed alongside; when it is the dict, the two were swapped,
    and the message says which function takes which first.

    Examples
    --------
    >>> check_params(np.ones((2, 3)), {"W1": np.ones((3, 1)), "b1": np.zeros(1)})
    Traceback (most recent call last):
    ...
    TypeError: params must be a dict with keys W1, b1, ..., WL, bL, got ndarray, and the data \
came as a dict: the data and params are swapped. predict(X, params), predict_proba(X, params) \
and mlp_forward(X, params) take the data first; loss_and_grads(params, X, y) takes params first.
    """
    if isinstance(params, Mapping):
        return
    message = f"params must be a dict with keys W1, b1, ..., WL, bL, got {type(params).__name__}"
    if isinstance(X, Mapping):
        message += (
            f", and the data came as a dict: {SWAPPED}. predict(X, params), "
            "predict_proba(X, params) and mlp_forward(X, params) take the data first; "
            "loss_and_grads(params, X, y) takes params first."
        )
    raise TypeError(message)
