"""Small data sets for the course: logic gates, 2-D point clouds, 5x5 pixel letters and
8x8 handwritten digits.

Every generator takes a :class:`numpy.random.Generator` and returns
``X`` (N, D) float and integer labels ``y`` (N,). Classes are interleaved
(``y = 0, 1, ..., 0, 1, ...``) and balanced to within one example. The digits are
real data shipped with the package (``wbcourse/data/``, see its README for the
source and the CC BY 4.0 licence).
"""

from __future__ import annotations

from importlib import resources

import numpy as np

from wbcourse.errors import ShapeError
from wbcourse.init import check_positive_int, check_rng

__all__ = [
    "DIGIT_SHAPE",
    "LETTER_SHAPE",
    "blobs",
    "circles",
    "digits",
    "letter_templates",
    "letters",
    "moons",
    "spirals",
    "train_val_split",
    "truth_table",
]

_GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "xor": [0, 1, 1, 0],
    "nand": [1, 1, 1, 0],
}


def truth_table(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and outputs of a two-input logic gate: "and", "or", "xor" or "nand".

    Returns
    -------
    X : ndarray of float, shape (4, 2)
        Rows (0, 0), (0, 1), (1, 0), (1, 1).
    y : ndarray of int, shape (4,)

    Examples
    --------
    >>> X, y = truth_table("xor")
    >>> X.tolist(), y.tolist()
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1, 0])
    """
    key = str(name).lower()
    if key not in _GATES:
        raise ValueError(f"unknown gate {name!r}; choose one of {', '.join(_GATES)}")
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    return X, np.array(_GATES[key], dtype=np.int64)


def _check_noise(noise, upper: float = np.inf) -> float:
    if not np.isscalar(noise) or not 0 <= noise <= upper:
        raise ValueError(f"noise must be a number in [0, {upper}], got {noise!r}")
    return float(noise)


def blobs(
    n: int, rng: np.random.Generator, centers: int = 2, std: float = 0.6
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs, one per class, centred on a circle of radius 2.

    Class ``k`` has mean ``2 * (cos a_k, sin a_k)`` with ``a_k = 2 pi k / centers``;
    ``X = mean[y] + std * standard_normal((n, 2))``.

    Examples
    --------
    >>> X, y = blobs(6, np.random.default_rng(0), centers=3)
    >>> X.shape, y.tolist()
    ((6, 2), [0, 1, 2, 0, 1, 2])
    """
    n = check_positive_int("n", n)
    centers = check_positive_int("centers", centers, minimum=2)
    if not np.isscalar(std) or not std >= 0:
        raise ValueError(f"std must be a number >= 0, got {std!r}")
    rng = check_rng(rng)
    angles = 2 * np.pi * np.arange(centers) / centers
    means = 2.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.arange(n) % centers
    return means[y] + std * rng.standard_normal((n, 2)), y


def moons(n: int, rng: np.random.Generator, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles.

    With ``t ~ U(0, pi)``: class 0 is ``(cos t, sin t)``, class 1 is
    ``(1 - cos t, 0.5 - sin t)``; then ``noise * standard_normal`` is added.

    Examples
    --------
    >>> X, y = moons(4, np.random.default_rng(0), noise=0.0)
    >>> X.shape, y.tolist(), bool(np.allclose(np.hypot(*X[y == 0].T), 1.0))
    ((4, 2), [0, 1, 0, 1], True)
    """
    n = check_positive_int("n", n)
    noise = _check_noise(noise)
    rng = check_rng(rng)
    y = np.arange(n) % 2
    t = rng.uniform(0.0, np.pi, n)
    X = np.column_stack([np.cos(t), np.sin(t)])
    X[y == 1] = np.array([1.0, 0.5]) - X[y == 1]
    return X + noise * rng.standard_normal((n, 2)), y


def circles(
    n: int, rng: np.random.Generator, noise: float = 0.05, factor: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """A circle of radius ``factor`` (class 1) inside one of radius 1 (class 0).

    ``X = r[y] * (cos t, sin t) + noise * standard_normal`` with ``t ~ U(0, 2 pi)``.

    Examples
    --------
    >>> X, y = circles(4, np.random.default_rng(0), noise=0.0, factor=0.5)
    >>> np.hypot(X[:, 0], X[:, 1]).round(6).tolist(), y.tolist()
    ([1.0, 0.5, 1.0, 0.5], [0, 1, 0, 1])
    """
    n = check_positive_int("n", n)
    noise = _check_noise(noise)
    if not np.isscalar(factor) or not 0 < factor < 1:
        raise ValueError(
            f"factor must be in (0, 1), the inner radius over the outer, got {factor!r}"
        )
    rng = check_rng(rng)
    y = np.arange(n) % 2
    t = rng.uniform(0.0, 2 * np.pi, n)
    radius = np.where(y == 0, 1.0, factor)[:, None]
    return radius * np.column_stack([np.cos(t), np.sin(t)]) + noise * rng.standard_normal((n, 2)), y


def spirals(
    n: int, rng: np.random.Generator, classes: int = 3, noise: float = 0.2
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms (the CS231n spiral): one arm per class.

    With ``r ~ U(0, 1)``: ``t = 4 * (y + r) + noise * standard_normal`` and
    ``X = r * (sin t, cos t)``.

    Examples
    --------
    >>> X, y = spirals(6, np.random.default_rng(0), classes=3)
    >>> X.shape, y.tolist(), bool(np.all(np.hypot(X[:, 0], X[:, 1]) <= 1.0))
    ((6, 2), [0, 1, 2, 0, 1, 2], True)
    """
    n = check_positive_int("n", n)
    classes = check_positive_int("classes", classes, minimum=2)
    noise = _check_noise(noise)
    rng = check_rng(rng)
    y = np.arange(n) % classes
    r = rng.uniform(0.0, 1.0, n)
    t = 4.0 * (y + r) + noise * rng.standard_normal(n)
    return r[:, None] * np.column_stack([np.sin(t), np.cos(t)]), y


LETTER_SHAPE = (5, 5)

_LETTERS = {
    "A": [".###.", "#...#", "#####", "#...#", "#...#"],
    "B": ["####.", "#...#", "####.", "#...#", "####."],
    "C": [".####", "#....", "#....", "#....", ".####"],
}


def letter_templates() -> dict[str, np.ndarray]:
    """Noise-free pixel letters A, B, C: 1 where the pen drew, 0 elsewhere.

    Returns
    -------
    templates : dict of str to ndarray of int, shape (5, 5)
        A new dict of new arrays on every call.

    Examples
    --------
    >>> letter_templates()["A"]
    array([[0, 1, 1, 1, 0],
           [1, 0, 0, 0, 1],
           [1, 1, 1, 1, 1],
           [1, 0, 0, 0, 1],
           [1, 0, 0, 0, 1]])
    """
    return {
        letter: np.array([[int(pixel == "#") for pixel in row] for row in rows])
        for letter, rows in _LETTERS.items()
    }


def letters(
    n_per_class: int, rng: np.random.Generator, noise: float = 0.1
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Noisy copies of the letters: each pixel of a template flips with probability ``noise``.

    Returns
    -------
    X : ndarray of float, shape (3 * n_per_class, 25)
        Flattened 5x5 images; ``X[i].reshape(LETTER_SHAPE)`` shows one.
    y : ndarray of int, shape (3 * n_per_class,)
        Index into ``class_names``.
    class_names : list of str
        ``["A", "B", "C"]``.

    Examples
    --------
    >>> X, y, names = letters(2, np.random.default_rng(0), noise=0.0)
    >>> X.shape, y.tolist(), names
    ((6, 25), [0, 1, 2, 0, 1, 2], ['A', 'B', 'C'])
    """
    n_per_class = check_positive_int("n_per_class", n_per_class)
    noise = _check_noise(noise, upper=1.0)
    rng = check_rng(rng)
    templates = letter_templates()
    class_names = list(templates)
    flat = np.stack([templates[name].ravel() for name in class_names]).astype(float)
    y = np.arange(len(class_names) * n_per_class) % len(class_names)
    clean = flat[y]
    flip = rng.random(clean.shape) < noise
    return np.where(flip, 1.0 - clean, clean), y, class_names


DIGIT_SHAPE = (8, 8)


def digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1797 handwritten digits of UCI's *Optical Recognition of Handwritten Digits*.

    E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository,
    https://doi.org/10.24432/C50P49, licensed CC BY 4.0: the test part (13 writers),
    as shipped in ``wbcourse/data/digits.npz``. Each scanned digit was cut into 8x8
    blocks of 4x4 pixels; a block's value is how many of its 16 pixels are inked.

    Returns
    -------
    X : ndarray of float, shape (1797, 64)
        The block counts divided by 16: the inked fraction of each block, in [0, 1].
        ``X[i].reshape(DIGIT_SHAPE)`` shows digit ``i`` (row by row, top left first).
    y : ndarray of int, shape (1797,)
        The digit, 0 to 9 (174 to 183 of each).

    New arrays on every call, in the order of the original file.

    Examples
    --------
    >>> X, y = digits()
    >>> X.shape, y[:10].tolist()
    ((1797, 64), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    >>> (X[0].reshape(DIGIT_SHAPE)[1] * 16).astype(int).tolist()  # the top of a 0
    [0, 0, 13, 15, 10, 15, 5, 0]
    """
    source = resources.files("wbcourse").joinpath("data", "digits.npz")
    with source.open("rb") as file, np.load(file) as archive:
        pixels, labels = archive["pixels"], archive["labels"]
    return pixels / 16.0, labels.astype(np.int64)


def train_val_split(
    X, y, val_fraction: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle the rows and hold out ``round(val_fraction * N)`` of them for validation.

    Returns
    -------
    X_train : ndarray, shape (N - N_val, ...)
    y_train : ndarray, shape (N - N_val,)
    X_val : ndarray, shape (N_val, ...)
    y_val : ndarray, shape (N_val,)

    Examples
    --------
    >>> X, y = blobs(10, np.random.default_rng(0))
    >>> parts = train_val_split(X, y, 0.2, np.random.default_rng(1))
    >>> [part.shape for part in parts]
    [(8, 2), (8,), (2, 2), (2,)]
    """
    X, y = np.asarray(X), np.asarray(y)
    if X.shape[:1] != y.shape[:1]:
        raise ShapeError(f"X and y must have the same number of rows, got {len(X)} and {len(y)}")
    if not np.isscalar(val_fraction) or not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction!r}")
    n_val = round(val_fraction * len(X))
    if not 0 < n_val < len(X):
        raise ValueError(
            f"val_fraction={val_fraction} of {len(X)} rows leaves {n_val} for validation and "
            f"{len(X) - n_val} for training; both need at least one"
        )
    order = check_rng(rng).permutation(len(X))
    val, train = order[:n_val], order[n_val:]
    return X[train], y[train], X[val], y[val]
