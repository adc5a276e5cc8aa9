"""Parameter updates and learning-rate schedules.

Every step function takes ``params`` and ``grads`` (dicts with the same keys and
shapes), the optimizer's state from the previous call (``None`` on the first call)
and the learning rate, and returns new dicts of new arrays; it never mutates its
arguments. The schedules turn a starting learning rate into the rate of step ``t``.
"""

from __future__ import annotations

import numpy as np

from wbcourse.errors import as_array, check_same_shape

__all__ = [
    "adam_step",
    "exponential_decay",
    "inverse_time_decay",
    "momentum_step",
    "rmsprop_step",
    "sgd_step",
    "step_decay",
]


def _check_like(params: dict, other: dict, name: str) -> None:
    """Raise unless ``other`` has exactly the keys of ``params``, with the same shapes.

    Runs on every step of every optimizer: the messages are built only for a failure.
    """
    if params.keys() != other.keys():
        missing = [key for key in params if key not in other]
        extra = [key for key in other if key not in params]
        raise ValueError(
            f"{name} must have the same keys as params"
            + (f"; missing {missing}" if missing else "")
            + (f"; extra {extra}" if extra else "")
        )
    for key, value in params.items():
        if np.shape(value) != np.shape(other[key]):
            check_same_shape(
                f"params[{key!r}]", np.asarray(value), f"{name}[{key!r}]", np.asarray(other[key])
            )


def _check_lr(lr) -> None:
    if not np.isscalar(lr) or not lr > 0:
        raise ValueError(
            f"lr must be a positive number, got {lr!r}; the step already goes downhill "
            "(params - lr * grads)"
        )


def _check_beta(name: str, beta) -> None:
    if not np.isscalar(beta) or not 0 <= beta < 1:
        raise ValueError(f"{name} must be in [0, 1), got {beta!r}")


def _check_eps(eps) -> None:
    if not np.isscalar(eps) or not eps > 0:
        raise ValueError(f"eps must be a small positive number, got {eps!r}")


def _zeros_like(params: dict) -> dict:
    return {key: np.zeros(np.shape(value)) for key, value in params.items()}


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
    _check_beta("beta", beta)
    _check_like(params, grads, "grads")
    if velocity is None:
        velocity = _zeros_like(params)
    _check_like(params, velocity, "velocity")
    new_velocity = {key: beta * velocity[key] - lr * as_array(key, grads[key]) for key in params}
    return {key: params[key] + new_velocity[key] for key in params}, new_velocity


def rmsprop_step(
    params: dict, grads: dict, square_avg: dict | None, lr: float, beta: float = 0.9, eps=1e-8
) -> tuple[dict, dict]:
    """RMSProp: ``s = beta * s + (1 - beta) * grads**2``, then
    ``new = params - lr * grads / (sqrt(s) + eps)``.

    Each parameter gets its own step size: the gradient is divided by the root
    mean square of its recent values, so a steep direction takes steps as long as a
    flat one (about ``lr`` each).

    Parameters
    ----------
    params, grads : dict of ndarray
        Same keys and shapes.
    square_avg : dict of ndarray or None
        The running average ``s`` of the squared gradients, from the previous call;
        None starts from zeros.
    lr : float > 0
    beta : float in [0, 1)
        How much of the old average is kept at each step.
    eps : float > 0
        Keeps the division finite where ``s`` is 0.

    Returns
    -------
    new_params, new_square_avg : dict of ndarray

    Examples
    --------
    >>> params, grads = {"w": np.array([0.0, 0.0])}, {"w": np.array([100.0, 4.0])}
    >>> params, s = rmsprop_step(params, grads, None, lr=0.1, beta=0.75)
    >>> params["w"]  # both move by lr / sqrt(1 - beta) = 0.2, whatever the gradient's size
    array([-0.2, -0.2])
    """
    _check_lr(lr)
    _check_beta("beta", beta)
    _check_eps(eps)
    _check_like(params, grads, "grads")
    if square_avg is None:
        square_avg = _zeros_like(params)
    _check_like(params, square_avg, "square_avg")
    grads = {key: as_array(key, grads[key]) for key in params}
    new_avg = {key: beta * square_avg[key] + (1 - beta) * grads[key] ** 2 for key in params}
    new_params = {
        key: params[key] - lr * grads[key] / (np.sqrt(new_avg[key]) + eps) for key in params
    }
    return new_params, new_avg


def adam_step(
    params: dict,
    grads: dict,
    state: dict | None,
    lr: float,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[dict, dict]:
    """Adam: momentum and RMSProp together, with bias correction.

    At step ``t = 1, 2, ...``::

        m = beta1 * m + (1 - beta1) * grads          # running mean of the gradients
        v = beta2 * v + (1 - beta2) * grads**2       # running mean of their squares
        m_hat = m / (1 - beta1**t)                   # both start at 0: correct the
        v_hat = v / (1 - beta2**t)                   # pull towards 0 of the first steps
        new = params - lr * m_hat / (sqrt(v_hat) + eps)

    Parameters
    ----------
    params, grads : dict of ndarray
        Same keys and shapes.
    state : dict or None
        ``{"t": int, "m": dict, "v": dict}`` from the previous call; None on the
        first call (``t = 0``, ``m = v = 0``).
    lr : float > 0
    beta1, beta2 : float in [0, 1)
    eps : float > 0

    Returns
    -------
    new_params : dict of ndarray
    new_state : dict
        ``{"t": t, "m": ..., "v": ...}`` after this step.

    Examples
    --------
    >>> params, grads = {"w": np.array([0.0, 0.0])}, {"w": np.array([100.0, -0.5])}
    >>> params, state = adam_step(params, grads, None, lr=0.1)
    >>> params["w"], state["t"]  # the first step is lr * sign(grads) in every entry
    (array([-0.1,  0.1]), 1)
    """
    _check_lr(lr)
    _check_beta("beta1", beta1)
    _check_beta("beta2", beta2)
    _check_eps(eps)
    _check_like(params, grads, "grads")
    if state is None:
        state = {"t": 0, "m": _zeros_like(params), "v": _zeros_like(params)}
    if not isinstance(state, dict) or set(state) != {"t", "m", "v"}:
        raise ValueError(
            "state must be the dict {'t', 'm', 'v'} that the previous adam_step returned, "
            "or None on the first step"
        )
    _check_like(params, state["m"], "state['m']")
    _check_like(params, state["v"], "state['v']")
    t = _check_step(state["t"], "state['t']") + 1
    grads = {key: as_array(key, grads[key]) for key in params}
    m = {key: beta1 * state["m"][key] + (1 - beta1) * grads[key] for key in params}
    v = {key: beta2 * state["v"][key] + (1 - beta2) * grads[key] ** 2 for key in params}
    correct1, correct2 = 1 - beta1**t, 1 - beta2**t
    new_params = {
        key: params[key] - lr * (m[key] / correct1) / (np.sqrt(v[key] / correct2) + eps)
        for key in params
    }
    return new_params, {"t": t, "m": m, "v": v}


def _check_step(step, name: str = "step") -> int:
    if isinstance(step, bool) or not isinstance(step, int | np.integer) or step < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {step!r}")
    return int(step)


def inverse_time_decay(lr0: float, step: int, k: float) -> float:
    """The learning rate ``lr0 / (1 + k * step)``: halved at step ``1 / k``, a third at ``2 / k``.

    Examples
    --------
    >>> inverse_time_decay(0.1, 0, k=0.5), inverse_time_decay(0.1, 2, k=0.5)
    (0.1, 0.05)
    """
    _check_lr(lr0)
    if not np.isscalar(k) or not k >= 0:
        raise ValueError(f"k must be a number >= 0, got {k!r}")
    return float(lr0 / (1.0 + k * _check_step(step)))


def exponential_decay(lr0: float, step: int, rate: float) -> float:
    """The learning rate ``lr0 * rate ** step``: the same factor ``rate`` every step.

    Examples
    --------
    >>> round(exponential_decay(0.1, 3, rate=0.5), 6)
    0.0125
    """
    _check_lr(lr0)
    if not np.isscalar(rate) or not 0 < rate <= 1:
        raise ValueError(f"rate must be in (0, 1], got {rate!r}")
    return float(lr0 * rate ** _check_step(step))


def step_decay(lr0: float, step: int, factor: float = 0.5, every: int = 10) -> float:
    """The learning rate ``lr0 * factor ** (step // every)``: constant, then cut by ``factor``.

    Examples
    --------
    >>> [step_decay(0.1, step, factor=0.5, every=10) for step in (0, 9, 10, 25)]
    [0.1, 0.1, 0.05, 0.025]
    """
    _check_lr(lr0)
    if not np.isscalar(factor) or not 0 < factor <= 1:
        raise ValueError(f"factor must be in (0, 1], got {factor!r}")
    if isinstance(every, bool) or not isinstance(every, int | np.integer) or every < 1:
        raise ValueError(f"every must be an integer >= 1, got {every!r}")
    return float(lr0 * factor ** (_check_step(step) // every))
