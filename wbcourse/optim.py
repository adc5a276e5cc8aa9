"""Parameter updates. Each returns new dicts of new arrays and never mutates its arguments."""

from __future__ import annotations

import numpy as np

from wbcourse.errors import as_array, check_same_shape

__all__ = ["momentum_step", "sgd_step"]


def _check_like(params: dict, other: dict, name: str) -> None:
    """Raise unless ``other`` has exactly the keys of ``params``, with the same shapes."""
    missing = [key for key in params if key not in other]
    extra = [key for key in other if key not in params]
    if missing or extra:
        raise ValueError(
            f"{name} must have the same keys as params"
            + (f"; missing {missing}" if missing else "")
            + (f"; extra {extra}" if extra else "")
        )
    for key in params:
        check_same_shape(
            f"params[{key!r}]", np.asarray(params[key]), f"{name}[{key!r}]", np.asarray(other[key])
        )


def _check_lr(lr) -> None:
    if not np.isscalar(lr) or not lr > 0:
        raise ValueError(
            f"lr must be a positive number, got {lr!r}; the step already goes downhill "
            "(params - lr * grads)"
        )


def sgd_step(params: dict, grads: dict, lr: float) -> dict:
    """One gradient-descent step: ``new[k] = params[k] - lr * grads[k]``.

    Parameters
    ----------
    params, grads : dict of ndarray
        Same keys and shapes.
    lr : float > 0
        The learning rate.

    Returns
    -------
    new_params : dict of ndarray

    Examples
    --------
    >>> sgd_step({"W1": np.array([1.0, 2.0])}, {"W1": np.array([10.0, -10.0])}, lr=0.1)
    {'W1': array([0., 3.])}
    """
    _check_lr(lr)
    _check_like(params, grads, "grads")
    return {key: as_array(key, params[key]) - lr * as_array(key, grads[key]) for key in params}


def momentum_step(
    params: dict, grads: dict, velocity: dict | None, lr: float, beta: float = 0.9
) -> tuple[dict, dict]:
    """SGD with momentum: ``v = beta * v - lr * grads``, then ``new = params + v``.

    The velocity is a running, decaying sum of past steps; with ``beta = 0`` this
    is :func:`sgd_step`.

    Parameters
    ----------
    params, grads : dict of ndarray
        Same keys and shapes.
    velocity : dict of ndarray or None
        From the previous call; None starts from zeros.
    lr : float > 0
    beta : float in [0, 1)

    Returns
    -------
    new_params, new_velocity : dict of ndarray

    Examples
    --------
    >>> params, grads = {"w": np.array([0.0])}, {"w": np.array([1.0])}
    >>> params, velocity = momentum_step(params, grads, None, lr=1.0, beta=0.5)
    >>> params, velocity = momentum_step(params, grads, velocity, lr=1.0, beta=0.5)
    >>> params["w"], velocity["w"]  # steps -1, then 0.5 * -1 - 1
    (array([-2.5]), array([-1.5]))
    """
    _check_lr(lr)
    if not np.isscalar(beta) or not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta!r}")
    _check_like(params, grads, "grads")
    if velocity is None:
        velocity = {key: np.zeros(np.shape(value)) for key, value in params.items()}
    _check_like(params, velocity, "velocity")
    new_velocity = {key: beta * velocity[key] - lr * as_array(key, grads[key]) for key in params}
    return {key: params[key] + new_velocity[key] for key in params}, new_velocity
