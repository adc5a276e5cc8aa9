"""Gradient checking: compare analytic gradients with central differences.

A relative error below about 1e-7 (float64) means the backward pass is right;
around 1e-2 or more means it is wrong.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from wbcourse.errors import as_array, check_same_shape

__all__ = [
    "check_layer_gradients",
    "check_network_gradients",
    "numerical_gradient",
    "rel_error",
]


def numerical_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    For every index ``i``: ``grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2 * h)``.
    ``f`` is called on a perturbed float copy of ``x``; ``x`` itself is never changed.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : array-like, any shape
        The point at which to differentiate.
    h : float, default 1e-5
        Step size.

    Returns
    -------
    grad : ndarray of float, same shape as x

    Examples
    --------
    >>> np.round(numerical_gradient(lambda x: np.sum(x**2), [1.0, -2.0]), 6)
    array([ 2., -4.])
    """
    x = as_array("x", x).copy()
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2.0 * h)
    return grad


def rel_error(a, b) -> float:
    """Largest elementwise relative error, ``max(|a - b| / maximum(1e-8, |a| + |b|))``.

    Parameters
    ----------
    a, b : array-like, same shape

    Returns
    -------
    float

    Examples
    --------
    >>> rel_error([1.0, 0.0], [3.0, 0.0])
    0.5
    """
    a, b = as_array("a", a), as_array("b", b)
    check_same_shape("a", a, "b", b)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)), initial=0.0))


def check_layer_gradients(
    forward: Callable,
    backward: Callable,
    inputs: dict[str, np.ndarray],
    rng: np.random.Generator,
    h: float = 1e-5,
) -> dict[str, float]:
    """Check a ``forward`` / ``backward`` pair against central differences.

    Draws an upstream gradient ``dout ~ N(0, 1)`` of the output's shape; the
    gradient of ``sum(forward(**inputs)[0] * dout)`` with respect to each input is
    exactly what ``backward(dout, cache)`` must return.

    Parameters
    ----------
    forward : callable
        ``forward(**inputs) -> (out, cache)``.
    backward : callable
        ``backward(dout, cache) -> tuple`` of gradients, in the order of ``inputs``.
    inputs : dict of str to ndarray
        The keyword arguments of ``forward``.
    rng : numpy.random.Generator
        Source of ``dout``.
    h : float, default 1e-5
        Step size of :func:`numerical_gradient`.

    Returns
    -------
    dict of str to float
        ``{input name: rel_error(analytic, numerical)}``.

    Raises
    ------
    ValueError
        When ``backward`` does not return one gradient per input.

    Examples
    --------
    >>> from wbcourse.layers import dense_backward, dense_forward
    >>> rng = np.random.default_rng(0)
    >>> inputs = {"X": rng.normal(size=(3, 2)), "W": rng.normal(size=(2, 4)), "b": np.zeros(4)}
    >>> errors = check_layer_gradients(dense_forward, dense_backward, inputs, rng)
    >>> sorted(errors), max(errors.values()) < 1e-7
    (['W', 'X', 'b'], True)
    """
    inputs = {name: as_array(name, value) for name, value in inputs.items()}
    out, cache = forward(**inputs)
    dout = rng.standard_normal(np.shape(out))
    grads = backward(dout, cache)
    if len(grads) != len(inputs):
        raise ValueError(
            f"backward returned {len(grads)} gradients for {len(inputs)} inputs "
            f"({', '.join(inputs)}); it must return one gradient per input, in that order"
        )
    return {
        name: rel_error(
            grad,
            numerical_gradient(
                lambda x, name=name: np.sum(forward(**{**inputs, name: x})[0] * dout), x, h
            ),
        )
        for (name, x), grad in zip(inputs.items(), grads, strict=True)
    }


def check_network_gradients(
    loss_fn: Callable[[dict], tuple[float, dict]], params: dict, h: float = 1e-5
) -> dict[str, float]:
    """Check a network's parameter gradients against central differences.

    Parameters
    ----------
    loss_fn : callable
        ``loss_fn(params) -> (loss, grads)``, with ``grads`` keyed like ``params``.
    params : dict of str to ndarray
        Parameters such as ``{"W1", "b1", ...}``; never modified.
    h : float, default 1e-5
        Step size of :func:`numerical_gradient`.

    Returns
    -------
    dict of str to float
        ``{parameter name: rel_error(grads[name], numerical)}``.

    Raises
    ------
    ValueError
        When ``grads`` lacks a key of ``params``.

    Examples
    --------
    >>> def loss_fn(params):
    ...     w = params["w"]
    ...     return float(np.sum(w**2)), {"w": 2 * w}
    >>> check_network_gradients(loss_fn, {"w": np.array([1.0, -3.0])})["w"] < 1e-7
    True
    """
    params = {name: as_array(name, value) for name, value in params.items()}
    _, grads = loss_fn(params)
    missing = [name for name in params if name not in grads]
    if missing:
        raise ValueError(
            f"loss_fn returned no gradient for {', '.join(missing)}; "
            "grads must have the same keys as params"
        )
    return {
        name: rel_error(
            grads[name],
            numerical_gradient(lambda x, name=name: loss_fn({**params, name: x})[0], x, h),
        )
        for name, x in params.items()
    }
