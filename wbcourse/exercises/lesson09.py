"""Lesson 09, initialization: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse import init
from wbcourse.activations import relu
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson09
from wbcourse.lessonlib.lesson09 import course_activation_stats, course_max_unit_difference

# --------------------------------------------------------------------- 09.1 symmetry


def _one_way_differences(W) -> float:
    """The largest W[i, j] - W[i, k] over the pairs j < k (0 for a single unit)."""
    W = np.asarray(W, dtype=float)
    earlier, later = np.triu_indices(W.shape[1], k=1)
    return float(np.max(W[:, earlier] - W[:, later], initial=0.0))


exercise(
    id="09.1",
    title="max_unit_difference",
    points=2,
    reference=course_max_unit_difference,
    library_versions=(course_max_unit_difference,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "09.1/mean-range",
                "averaged the rows' ranges instead of taking the largest",
                "the question is the LARGEST difference between two units' weights: take the "
                "maximum over the inputs, not the mean.",
            ),
            lambda W: float(np.mean(np.max(W, axis=1) - np.min(W, axis=1))),
        ),
        Fingerprint(
            Mistake(
                "09.1/inside-unit",
                "compared the weights inside one unit",
                "you measured how different one unit's weights are from each other (down a "
                "column). A unit is a column of W: compare units along each row, input by input.",
            ),
            lambda W: float(np.max(np.max(W, axis=0) - np.min(W, axis=0))),
        ),
        Fingerprint(
            Mistake(
                "09.1/all-entries",
                "compared weights of different inputs",
                "the largest minus the smallest entry of the whole W mixes inputs: compare the "
                "units' weights for the same input, one row at a time.",
            ),
            lambda W: float(np.max(W) - np.min(W)),
        ),
        Fingerprint(
            Mistake(
                "09.1/no-abs",
                "forgot the absolute value",
                "a difference W[i, j] - W[i, k] can be negative; the size of a difference is its "
                "absolute value (or: the largest minus the smallest entry of the row).",
            ),
            lambda W: float(np.max(W - W[:, :1])),
        ),
        Fingerprint(
            Mistake(
                "09.1/one-way",
                "compared each pair of units in one direction only",
                "W[i, j] - W[i, k] with j < k misses every pair in which the later unit has the "
                "larger weight: take the absolute value of each difference (or, for each input, "
                "the largest minus the smallest weight).",
            ),
            _one_way_differences,
        ),
        Fingerprint(
            Mistake(
                "09.1/first-unit",
                "compared every unit only with the first",
                "two units that both differ from unit 0 can differ from each other even more: "
                "every pair of units counts.",
            ),
            lambda W: float(np.max(np.abs(W - W[:, :1]))),
        ),
        Fingerprint(
            Mistake(
                "09.1/first-two",
                "compared only the first two units",
                "every pair of units counts, not just units 0 and 1.",
            ),
            lambda W: float(np.max(np.abs(W[:, 0] - W[:, 1]))),
        ),
        Fingerprint(
            Mistake(
                "09.1/adjacent",
                "compared only neighbouring units",
                "units j and j + 1 are not the only pairs: the largest difference can be "
                "between units far apart in the row.",
            ),
            lambda W: float(np.max(np.abs(np.diff(W, axis=1)))),
        ),
        Fingerprint(
            Mistake(
                "09.1/per-input",
                "returned one value per input",
                "the answer is one number: the largest difference over all inputs.",
            ),
            lambda W: np.max(W, axis=1) - np.min(W, axis=1),
        ),
        Fingerprint(
            Mistake(
                "09.1/std",
                "the standard deviation across units, not the largest difference",
                "the question is how far apart the units' weights are at most: for each input, "
                "the largest minus the smallest weight; then the largest of those.",
            ),
            lambda W: float(np.max(np.std(W, axis=1))),
        ),
        Fingerprint(
            Mistake(
                "09.1/abs-ranges",
                "compared absolute values",
                "a weight of -1 and one of +1 differ by 2: take differences of the weights "
                "themselves, not of their sizes.",
            ),
            lambda W: float(np.max(np.max(np.abs(W), axis=1) - np.min(np.abs(W), axis=1))),
        ),
        Fingerprint(
            Mistake(
                "09.1/first-last",
                "compared only the first and the last unit",
                "every pair of units counts: for each input, the largest minus the smallest "
                "weight over all units.",
            ),
            lambda W: float(np.max(np.abs(W[:, 0] - W[:, -1]))),
        ),
    ),
)


# --------------------------------------------------------------------- 09.2 He init

exercise(
    id="09.2",
    title="he_init",
    points=3,
    reference=None,
    library_versions=(init.he, init.zeros, init.normal, init.xavier, init.xavier_uniform),
    checked=lesson09.HE_MISTAKES,
)


# --------------------------------------------------------------------- 09.3 statistics


def _layers(params: dict) -> int:
    return sum(1 for key in params if key.startswith("W"))


def _forward(X, params, activation, order=None, bias=True, last_linear=False):
    """Every layer's ``(Z, A)``, the layers taken in ``order`` (1, ..., L by default)."""
    order = order or list(range(1, _layers(params) + 1))
    A, found = X, []
    for position, layer in enumerate(order):
        Z = A @ params[f"W{layer}"] + (params[f"b{layer}"] if bias else 0.0)
        A = Z if last_linear and position == len(order) - 1 else activation(Z)
        found.append((Z, A))
    return found


def _stats(arrays, std=np.std) -> np.ndarray:
    return np.array([(array.mean(), std(array)) for array in arrays])


def _string_order(params: dict) -> list[int]:
    """The layer numbers in the order ``sorted`` gives their keys: ``W1, W10, W11, W2, ...``."""
    return [int(key[1:]) for key in sorted(key for key in params if key.startswith("W"))]


exercise(
    id="09.3",
    title="activation_stats",
    points=3,
    lists_for_arrays=True,
    reference=course_activation_stats,
    library_versions=(course_activation_stats,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "09.3/no-last-layer",
                "left out the last layer",
                "range(1, L) stops before L: the layers are 1 to L, and the last one's output has "
                "a row too.",
            ),
            lambda X, params, activation: _stats(
                [A for _, A in _forward(X, params, activation)][:-1]
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/relu-hard-coded",
                "used ReLU instead of the activation argument",
                "the statistics are of the network with the activation the caller passes (tanh, "
                "sigmoid, ...): call that argument.",
            ),
            lambda X, params, activation: _stats([A for _, A in _forward(X, params, relu)]),
        ),
        Fingerprint(
            Mistake(
                "09.3/inputs",
                "recorded each layer's input instead of its output",
                "row l - 1 describes A_l, the output of layer l after the activation; X, the "
                "input of layer 1, is not a row.",
            ),
            lambda X, params, activation: _stats(
                [X, *[A for _, A in _forward(X, params, activation)][:-1]]
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/weighted-sums",
                "measured the weighted sums, not the activations",
                "your numbers describe Z = A @ W + b; the statistics asked for are those of "
                "A = activation(Z), the layer's output.",
            ),
            lambda X, params, activation: _stats(z for z, _ in _forward(X, params, activation)),
        ),
        Fingerprint(
            Mistake(
                "09.3/no-bias",
                "forgot the bias",
                "each layer computes A @ W + b; the biases here are not zero.",
            ),
            lambda X, params, activation: _stats(
                a for _, a in _forward(X, params, activation, bias=False)
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/input-as-layer",
                "included the input as a layer",
                "the first row belongs to the first layer's output, not to X itself.",
            ),
            lambda X, params, activation: np.vstack(
                [[np.mean(X), np.std(X)], course_activation_stats(X, params, activation)]
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/variance",
                "returned the variance, not the standard deviation",
                "np.var gives the variance; the standard deviation is its square root (np.std).",
            ),
            lambda X, params, activation: _stats(
                (a for _, a in _forward(X, params, activation)), std=np.var
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/last-linear",
                "left the last layer without activation",
                "in this exercise every layer, the last one too, applies the activation.",
            ),
            lambda X, params, activation: _stats(
                a for _, a in _forward(X, params, activation, last_linear=True)
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/per-unit-std",
                "averaged the per-unit standard deviations",
                "take one standard deviation over ALL entries of the layer's output (every "
                "example and every unit), not one per unit.",
            ),
            lambda X, params, activation: _stats(
                (a for _, a in _forward(X, params, activation)),
                std=lambda a: a.std(axis=0).mean(),
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/ddof",
                "sample standard deviation (ddof=1)",
                "describe the layer's output as it is: the standard deviation of all its "
                "entries, dividing by their number (np.std's default).",
            ),
            lambda X, params, activation: _stats(
                (a for _, a in _forward(X, params, activation)),
                std=lambda a: a.std(ddof=1),
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/string-order",
                "took the layers in the order of sorted key strings",
                "sorted() puts 'W10' before 'W2' (text is compared letter by letter), so with 10 "
                "or more layers the layers run in the wrong order: build the keys f'W{layer}' "
                "for layer = 1, 2, ..., L.",
            ),
            lambda X, params, activation: _stats(
                a for _, a in _forward(X, params, activation, order=_string_order(params))
            ),
        ),
        Fingerprint(
            Mistake(
                "09.3/swapped-columns",
                "returned (std, mean) instead of (mean, std)",
                "each row holds the mean first, then the standard deviation.",
            ),
            lambda X, params, activation: course_activation_stats(X, params, activation)[:, ::-1],
        ),
        Fingerprint(
            Mistake(
                "09.3/one-row-per-statistic",
                "one row per statistic instead of one per layer",
                "the result has shape (L, 2): one row per layer, holding its mean and its std "
                "(np.array of a list of (mean, std) pairs, or transpose yours).",
            ),
            lambda X, params, activation: course_activation_stats(X, params, activation).T,
        ),
    ),
)


# --------------------------------------------------------------------- 09.4 a scale

exercise(
    id="09.4",
    title="A weight scale for a deep ReLU network",
    points=2,
    reference=None,
    checked=(
        lesson09.VANISH,
        lesson09.EXPLODE,
        lesson09.SCALE_VARIANCE,
        lesson09.SCALE_NOT_A_NUMBER,
    ),
)
