"""Weight initialisers: each returns ``W`` of shape ``(fan_in, fan_out)``.

``fan_in`` is the number of inputs of a layer (``D_in``), ``fan_out`` its
number of units (``D_out``). Randomness comes only from the ``rng`` argument, a
:class:`numpy.random.Generator`. Biases are not initialised here: they start at
zero (see :func:`wbcourse.network.init_params`).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "check_positive_int",
    "check_rng",
    "get",
    "he",
    "normal",
    "xavier",
    "xavier_uniform",
    "zeros",
]


def check_rng(rng) -> np.random.Generator:
    """Return ``rng`` unchanged, or raise ``TypeError`` if it is not a ``Generator``.

    Examples
    --------
    >>> check_rng(0)
    Traceback (most recent call last):
    ...
    TypeError: rng must be a numpy.random.Generator, e.g. np.random.default_rng(0); got int
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            "rng must be a numpy.random.Generator, e.g. np.random.default_rng(0); "
            f"got {type(rng).__name__}"
        )
    return rng


def check_positive_int(name: str, value, minimum: int = 1) -> int:
    """Return ``value`` as an int, or raise ``ValueError`` unless it is an integer >= ``minimum``.

    Examples
    --------
    >>> check_positive_int("fan_in", 2.5)
    Traceback (most recent call last):
    ...
    ValueError: fan_in must be an integer >= 1, got 2.5
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _shape(fan_in, fan_out) -> tuple[int, int]:
    return check_positive_int("fan_in", fan_in), check_positive_int("fan_out", fan_out)


def zeros(fan_in: int, fan_out: int, rng=None) -> np.ndarray:
    """All-zero weights ``W = 0``: every unit computes the same thing (symmetry).

    ``rng`` is accepted, and ignored, so that every initialiser has the same
    signature.

    Returns
    -------
    W : ndarray, shape (fan_in, fan_out)

    Examples
    --------
    >>> zeros(2, 3)
    array([[0., 0., 0.],
           [0., 0., 0.]])
    """
    return np.zeros(_shape(fan_in, fan_out))


def normal(fan_in: int, fan_out: int, rng: np.random.Generator, std: float = 0.01) -> np.ndarray:
    """Gaussian weights with a fixed spread: ``W = std * rng.standard_normal((fan_in, fan_out))``.

    Examples
    --------
    >>> W = normal(1000, 100, np.random.default_rng(0))
    >>> W.shape, round(float(W.std()), 3)
    ((1000, 100), 0.01)
    """
    if not std >= 0:
        raise ValueError(f"std must be >= 0, got {std!r}")
    shape = _shape(fan_in, fan_out)
    return std * check_rng(rng).standard_normal(shape)


def xavier(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """Glorot (Xavier) normal: ``W = sqrt(2 / (fan_in + fan_out)) * standard_normal``.

    Keeps the variance of activations and of gradients about constant through
    tanh and sigmoid layers.

    Examples
    --------
    >>> W = xavier(300, 100, np.random.default_rng(0))
    >>> round(float(W.std()), 2), round(float(np.sqrt(2 / 400)), 2)
    (0.07, 0.07)
    """
    fan_in, fan_out = _shape(fan_in, fan_out)
    return normal(fan_in, fan_out, rng, std=np.sqrt(2.0 / (fan_in + fan_out)))


def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """Glorot uniform: ``W ~ U(-limit, limit)`` with ``limit = sqrt(6 / (fan_in + fan_out))``.

    Same variance as :func:`xavier`, ``limit**2 / 3 = 2 / (fan_in + fan_out)``.

    Examples
    --------
    >>> W = xavier_uniform(2, 4, np.random.default_rng(0))
    >>> bool(np.all(np.abs(W) <= 1.0))
    True
    """
    fan_in, fan_out = _shape(fan_in, fan_out)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return check_rng(rng).uniform(-limit, limit, size=(fan_in, fan_out))


def he(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """He (Kaiming) normal: ``W = sqrt(2 / fan_in) * standard_normal``, made for ReLU layers.

    ReLU zeroes half of its inputs, so the factor 2 keeps the activations'
    second moment about constant from layer to layer.

    Examples
    --------
    >>> W = he(800, 50, np.random.default_rng(0))
    >>> W.shape, round(float(W.std()), 2)
    ((800, 50), 0.05)
    """
    fan_in, fan_out = _shape(fan_in, fan_out)
    return normal(fan_in, fan_out, rng, std=np.sqrt(2.0 / fan_in))


_INITIALISERS = {
    "zeros": zeros,
    "normal": normal,
    "xavier": xavier,
    "xavier_uniform": xavier_uniform,
    "he": he,
}


def get(name: str):
    """Return the initialiser called ``name``: one of zeros, normal, xavier, xavier_uniform, he.

    Examples
    --------
    >>> get("he") is he
    True
    >>> get("kaiming")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown initialiser 'kaiming'; choose one of zeros, normal, xavier, ...
    """
    if name not in _INITIALISERS:
        raise ValueError(f"unknown initialiser {name!r}; choose one of {', '.join(_INITIALISERS)}")
    return _INITIALISERS[name]
