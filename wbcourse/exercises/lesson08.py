"""Lesson 08, training a network: mini-batches, one epoch of SGD, a training loop, a budget."""

from __future__ import annotations

import contextlib
import copy
import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from wbcourse import datasets, training
from wbcourse.checks import CheckFailed, Mistake, call_quietly, compare, named_mistake, require
from wbcourse.exercises import exercise, get_exercise
from wbcourse.network import init_params, loss_and_grads

__all__ = [
    "SPIRAL_BAR",
    "SPIRAL_BUDGET",
    "check_budget",
    "check_minibatches",
    "check_train",
    "check_train_epoch",
    "count_updates",
    "spiral_data",
]


def _refuse_library(exercise_id: str, function: Any) -> None:
    item = get_exercise(exercise_id)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not item.reference and function not in item.library_versions,
        "this is wbcourse's own implementation, imported; write your own version.",
    )


# --------------------------------------------------------------------- 08.1 mini-batches


def _iterate_minibatches(X, y, batch_size, rng) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        rows = order[start : start + batch_size]
        yield X[rows], y[rows]


def _labelled_rows(n: int, d: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose first column is their index, and labels equal to that index."""
    X = np.column_stack([np.arange(n, dtype=float), rng.normal(size=(n, d - 1))])
    return X, np.arange(n)


def _batches_of(function, X, y, batch_size, rng) -> list[tuple[np.ndarray, np.ndarray]]:
    batches = call_quietly(lambda: list(function(X, y, batch_size, rng)))
    for number, batch in enumerate(batches, start=1):
        require(
            isinstance(batch, tuple | list) and len(batch) == 2,
            f"batch {number} is not a pair (X_batch, y_batch): yield two arrays per batch.",
        )
    return [(np.asarray(Xb), np.asarray(yb)) for Xb, yb in batches]


def _order(batches: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    return np.concatenate([yb.reshape(-1) for _, yb in batches]) if batches else np.array([])


def check_minibatches(function: Callable, n: int, d: int, batch_size: int, seed: int) -> None:
    """Raise :class:`CheckFailed` unless ``function`` yields proper shuffled mini-batches.

    The properties checked, on rows whose first column is their index: every
    batch is a pair ``(X_batch, y_batch)`` whose rows belong together; every row
    appears exactly once per epoch; the batches have ``batch_size`` rows except
    the last, which holds the rest; the order is shuffled, differs between two
    epochs drawn from the same ``rng``, and is the same for two generators made
    from the same seed; ``X`` and ``y`` are not changed.

    Parameters
    ----------
    function : callable
        ``function(X, y, batch_size, rng)`` returning an iterable of pairs.
    n, d : int
        Number of rows and columns of the test data (``d >= 1``).
    batch_size : int
    seed : int
        Seeds the data and the generators passed to ``function``.

    Examples
    --------
    >>> check_minibatches(lambda *args: _iterate_minibatches(*args), 10, 3, 4, seed=0)
    >>> def in_order(X, y, batch_size, rng):
    ...     for start in range(0, len(X), batch_size):
    ...         yield X[start:start + batch_size], y[start:start + batch_size]
    >>> check_minibatches(in_order, 10, 3, 4, seed=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: no shuffling: the rows come in their original order, ...
    """
    _refuse_library("08.1", function)
    X, y = _labelled_rows(n, d, np.random.default_rng(seed))
    X_before, y_before = X.copy(), y.copy()
    rng = np.random.default_rng(seed + 1)
    batches = _batches_of(function, X, y, batch_size, rng)
    require(
        np.array_equal(X, X_before) and np.array_equal(y, y_before),
        "shuffled the data in place: X or y changed. Shuffle an index array (or copies) "
        "and leave the caller's arrays alone.",
    )
    require(len(batches) > 0, "no batches came out: yield (X_batch, y_batch) pairs.")
    for number, (Xb, yb) in enumerate(batches, start=1):
        require(
            Xb.ndim == 2 and Xb.shape[1] == d,
            f"batch {number}'s X has shape {Xb.shape}: a batch of rows of X has {d} columns.",
        )
        require(
            yb.shape == (len(Xb),),
            f"batch {number} has {len(Xb)} rows of X but y of shape {yb.shape}; "
            f"expected ({len(Xb)},).",
        )
        require(
            np.array_equal(Xb[:, 0], yb),
            "X and y were shuffled with different orders: a row of X_batch no longer sits "
            "next to its own label. Draw ONE permutation and index both X and y with it.",
        )
    order = _order(batches).astype(int)
    counts = np.bincount(order, minlength=n)
    if np.any(counts > 1):
        raise CheckFailed(
            f"examples repeated: {int(np.count_nonzero(counts > 1))} rows appear more than once "
            f"in one epoch (and {int(np.count_nonzero(counts == 0))} never). Sampling with "
            "replacement? An epoch uses every example exactly once: shuffle, then slice."
        )
    if np.any(counts == 0):
        missing = int(np.count_nonzero(counts == 0))
        dropped = " the last, smaller batch was dropped:" if missing == n % batch_size else ""
        raise CheckFailed(
            f"dropped examples:{dropped} {missing} of {n} rows never appear in the epoch. "
            "When N is not a multiple of batch_size the last batch is smaller; keep it."
        )
    sizes = [len(yb) for _, yb in batches]
    expected_sizes = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    require(
        sizes == expected_sizes,
        f"batches of the wrong size: got sizes {sizes[:8]}{' ...' if len(sizes) > 8 else ''}, "
        f"expected {batch_size} rows each, the last one holding the rest.",
    )
    if n >= 8:
        require(
            not np.array_equal(order, np.arange(n)),
            "no shuffling: the rows come in their original order, so every epoch sees the "
            "same batches. Draw a random permutation of the row indices with rng first.",
        )
        second = _order(_batches_of(function, X, y, batch_size, rng))
        require(
            not np.array_equal(order, second),
            "the same order every epoch: two calls with the same rng gave identical "
            "batches. Draw the permutation from the rng you are given, not from a new "
            "generator with a fixed seed.",
        )
        again = _order(_batches_of(function, X, y, batch_size, np.random.default_rng(seed + 1)))
        require(
            np.array_equal(order, again),
            "ignored rng: two generators made from the same seed gave different orders. "
            "Use the rng argument (rng.permutation, rng.shuffle) instead of np.random.",
        )


exercise(
    id="08.1",
    title="iterate_minibatches",
    points=3,
    reference=_iterate_minibatches,
    named_by_checks=(
        "no shuffling",
        "examples repeated (sampled with replacement)",
        "dropped examples (the last, smaller batch)",
        "X and y shuffled with different orders",
        "shuffled the data in place",
        "the same order every epoch",
        "ignored rng",
        "batches of the wrong size",
    ),
)


# --------------------------------------------------------------------- 08.2 one epoch


def _train_epoch(params: dict, batches, lr: float, activation: str = "relu") -> dict:
    for Xb, yb in batches:
        _, grads = loss_and_grads(params, Xb, yb, activation)
        params = {key: params[key] - lr * grads[key] for key in params}
    return params


def _step_all(params, grads, scale):
    return {key: params[key] + scale * grads[key] for key in params}


def _wrong_sign(params, batches, lr, activation="relu"):
    for Xb, yb in batches:
        params = _step_all(params, loss_and_grads(params, Xb, yb, activation)[1], lr)
    return params


def _lr_twice(params, batches, lr, activation="relu"):
    for Xb, yb in batches:
        params = _step_all(params, loss_and_grads(params, Xb, yb, activation)[1], -lr * lr)
    return params


def _weights_only(params, batches, lr, activation="relu"):
    for Xb, yb in batches:
        grads = loss_and_grads(params, Xb, yb, activation)[1]
        params = {
            key: params[key] - lr * grads[key] if key.startswith("W") else params[key]
            for key in params
        }
    return params


def _from_start_each_time(params, batches, lr, activation="relu"):
    new = params
    for Xb, yb in batches:
        new = _step_all(params, loss_and_grads(params, Xb, yb, activation)[1], -lr)
    return new


def _one_averaged_step(params, batches, lr, activation="relu"):
    grads = [loss_and_grads(params, Xb, yb, activation)[1] for Xb, yb in batches]
    mean = {key: np.mean([g[key] for g in grads], axis=0) for key in params}
    return _step_all(params, mean, -lr)


_EPOCH_MISTAKES = (
    Mistake(
        "wrong sign in the update",
        "your parameters moved uphill: the loss grows. The gradient points towards larger "
        "loss, so a step goes against it.",
        _wrong_sign,
    ),
    Mistake(
        "learning rate applied twice",
        "your steps are lr times too small: the learning rate multiplies the gradient once, "
        "not the gradient and then the step again.",
        _lr_twice,
    ),
    Mistake(
        "updated only the weights",
        "the biases did not change; they are learned parameters too and take the same step.",
        _weights_only,
    ),
    Mistake(
        "each step started from the original params",
        "only the last batch's step survived: each batch's gradient must be computed at, and "
        "applied to, the parameters the previous batch produced.",
        _from_start_each_time,
    ),
    Mistake(
        "one averaged step per epoch",
        "you averaged all batches' gradients and took one step; mini-batch SGD takes one step "
        "per batch, each at the newest parameters.",
        _one_averaged_step,
    ),
)


def _flat(params: Any, what: str) -> dict:
    require(
        isinstance(params, dict),
        f"{what} must be a dict like params, got {type(params).__name__}. Return the new dict.",
    )
    return params


def _compare_params(got: dict, expected: dict, what: str = "the new params") -> None:
    got = _flat(got, what)
    require(
        sorted(got) == sorted(expected),
        f"{what} has keys {sorted(got)}, expected {sorted(expected)}.",
    )
    for key in expected:
        compare(got[key], expected[key], name=f"{what}[{key!r}]")


def _matches_params(got: dict, expected: dict) -> bool:
    try:
        _compare_params(got, expected)
    except CheckFailed:
        return False
    return True


def check_train_epoch(
    function: Callable, params: dict, batches, lr: float, activation: str = "relu"
) -> None:
    """Raise :class:`CheckFailed` unless ``function`` does one epoch of mini-batch SGD.

    ``function(params, batches, lr, activation)`` must return a new dict equal
    to one SGD step per batch, in the order given, and leave ``params`` and the
    batches unchanged. Known wrong answers are named.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> params = init_params([3, 4, 2], rng)
    >>> batches = [(rng.normal(size=(5, 3)), np.array([0, 1, 1, 0, 1]))]
    >>> check_train_epoch(lambda *args: _train_epoch(*args), params, batches, 0.1)
    >>> check_train_epoch(_wrong_sign, params, batches, 0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: wrong sign in the update: ...
    """
    _refuse_library("08.2", function)
    student_params, student_batches = copy.deepcopy(params), copy.deepcopy(batches)
    got = call_quietly(function, student_params, student_batches, lr, activation)
    require(
        _matches_params(student_params, params),
        "changed params in place (e.g. params[key] -= ...): the caller's parameters moved. "
        "Build a new dict of new arrays and return it.",
    )
    expected = _train_epoch(copy.deepcopy(params), copy.deepcopy(batches), lr, activation)
    try:
        _compare_params(got, expected)
    except CheckFailed as failure:
        args = (params, batches, lr, activation)
        named = named_mistake(_EPOCH_MISTAKES, got, args, _matches_params)
        raise named or failure from None


exercise(
    id="08.2",
    title="train_epoch",
    points=3,
    reference=_train_epoch,
    mistakes=_EPOCH_MISTAKES,
    named_by_checks=("changed params in place",),
)


# --------------------------------------------------------------------- 08.3 the loop


def _train(params, X, y, epochs, lr, batch_size, rng, activation="relu"):
    history = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        params = _train_epoch(params, _iterate_minibatches(X, y, batch_size, rng), lr, activation)
        history["loss"].append(loss_and_grads(params, X, y, activation)[0])
        history["accuracy"].append(training.accuracy(params, X, y, activation))
    return params, history


@contextlib.contextmanager
def _course_helpers(function: Callable):
    """Let ``function`` use the course's iterate_minibatches and train_epoch while it runs.

    A mistake in exercise 08.1 or 08.2 then costs points there, not again in 08.3.
    """
    namespace = getattr(function, "__globals__", {})
    swaps = {"iterate_minibatches": _iterate_minibatches, "train_epoch": _train_epoch}
    saved = {name: namespace[name] for name in swaps if name in namespace}
    try:
        for name in saved:
            namespace[name] = swaps[name]
        yield
    finally:
        namespace.update(saved)


_DATA = {
    "letters": lambda rng: datasets.letters(40, rng, noise=0.1)[:2],
    "moons": lambda rng: datasets.moons(200, rng, noise=0.15),
}
_SETUPS = {  # layer sizes, epochs, learning rate, batch size, activation
    "letters": ([25, 3], 15, 0.5, 16, "relu"),
    "moons": ([2, 32, 2], 30, 0.3, 20, "relu"),
}


def check_train(function: Callable, dataset: str, seed: int, bar: float) -> None:
    """Raise :class:`CheckFailed` unless ``function`` trains a network to accuracy ``bar``.

    ``function(params, X, y, epochs, lr, batch_size, rng, activation)`` runs on
    ``dataset`` ("letters" or "moons", drawn from ``seed``) with fixed, sensible
    settings. It must return ``(new_params, history)`` with one ``"loss"`` and
    one ``"accuracy"`` per epoch, measured on the whole training set after the
    epoch; leave ``params`` unchanged; and reach training accuracy ``bar``.

    Examples
    --------
    >>> check_train(lambda *args: _train(*args), "moons", seed=0, bar=0.85)
    """
    _refuse_library("08.3", function)
    rng = np.random.default_rng(seed)
    X, y = _DATA[dataset](rng)
    sizes, epochs, lr, batch_size, activation = _SETUPS[dataset]
    params = init_params(sizes, rng)
    student_params = copy.deepcopy(params)
    with _course_helpers(function):
        result = call_quietly(
            function, student_params, X.copy(), y.copy(), epochs, lr, batch_size, rng, activation
        )
    require(
        _matches_params(student_params, params),
        "changed params in place: the caller's parameters moved. Keep the new ones in a new "
        "variable and return them.",
    )
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        "train must return two things: (new_params, history).",
    )
    new_params, history = result
    new_params = _flat(new_params, "the trained params")
    require(
        sorted(new_params) == sorted(params)
        and all(np.shape(new_params[key]) == params[key].shape for key in params),
        "the trained params must have the keys and shapes of the initial params.",
    )
    require(
        isinstance(history, dict) and "loss" in history and "accuracy" in history,
        'history must be a dict with a "loss" list and an "accuracy" list.',
    )
    for key in ("loss", "accuracy"):
        require(
            len(history[key]) == epochs,
            f'history["{key}"] has {len(history[key])} entries for {epochs} epochs: '
            "one entry per epoch.",
        )
    final_loss = loss_and_grads(new_params, X, y, activation)[0]
    final_accuracy = training.accuracy(new_params, X, y, activation)
    require(
        math.isclose(float(history["loss"][-1]), final_loss, rel_tol=1e-6, abs_tol=1e-9)
        and math.isclose(float(history["accuracy"][-1]), final_accuracy, abs_tol=1e-9),
        "history does not describe the returned params: its last entry should be the loss and "
        "accuracy on the whole training set AFTER the last epoch (not before it, not a batch's).",
        f"last entries {float(history['loss'][-1]):.4g} and {float(history['accuracy'][-1]):.3g}"
        f", expected {final_loss:.4g} and {final_accuracy:.3g}.",
    )
    require(
        final_accuracy >= bar,
        f"the network reached only {final_accuracy:.0%} training accuracy on {dataset}, below "
        f"the bar of {bar:.0%}: is every epoch's result passed on to the next epoch, and is "
        "the learning rate passed through unchanged?",
    )


exercise(
    id="08.3",
    title="train",
    points=3,
    reference=_train,
    library_versions=(training.train,),
    named_by_checks=(
        "changed params in place",
        "history not one entry per epoch",
        "history measured before the epoch's updates",
        "accuracy bar missed",
    ),
)


# --------------------------------------------------------------------- 08.4 a budget

#: The spirals task of exercise 08.4: at most this many updates ...
SPIRAL_BUDGET = 300
#: ... to reach this training accuracy.
SPIRAL_BAR = 0.9
_SPIRAL_SIZES = [2, 32, 3]


def count_updates(n: int, batch_size: int, epochs: int) -> int:
    """Number of SGD steps: ``epochs * ceil(n / batch_size)``, one per mini-batch.

    Examples
    --------
    >>> count_updates(300, 32, 10)  # 10 batches per epoch, the last one of 12 rows
    100
    """
    return epochs * math.ceil(n / batch_size)


def _spirals(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return datasets.spirals(300, rng, classes=3, noise=0.2)


def spiral_data() -> tuple[np.ndarray, np.ndarray]:
    """The 300 spiral points of exercise 08.4 (always the same ones)."""
    return _spirals(np.random.default_rng(8))


def _check_settings(lr, batch_size, epochs) -> None:
    require(
        isinstance(lr, int | float | np.floating) and not isinstance(lr, bool) and lr > 0,
        f"lr must be a positive number, got {lr!r}.",
    )
    for name, value in (("batch_size", batch_size), ("epochs", epochs)):
        require(
            isinstance(value, int | np.integer) and not isinstance(value, bool) and value >= 1,
            f"{name} must be a whole number >= 1, got {value!r}.",
        )


def check_budget(lr, batch_size, epochs, seed: int, bar: float = SPIRAL_BAR) -> None:
    """Raise :class:`CheckFailed` unless the settings fit the budget and reach ``bar``.

    Trains a ``[2, 32, 3]`` ReLU network (He init, seeded with ``seed``) on
    :func:`spiral_data` with :func:`wbcourse.training.train`.

    Examples
    --------
    >>> check_budget(1.0, 30, 30, seed=0)
    >>> check_budget(1.0, 30, 31, seed=0)
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: over budget: 31 epochs x 10 batches = 310 updates > 300.
    """
    _check_settings(lr, batch_size, epochs)
    X, y = spiral_data()
    updates = count_updates(len(X), int(batch_size), int(epochs))
    require(
        updates <= SPIRAL_BUDGET,
        f"over budget: {epochs} epochs x {math.ceil(len(X) / batch_size)} batches = "
        f"{updates} updates > {SPIRAL_BUDGET}.",
    )
    rng = np.random.default_rng(seed)
    params = init_params(_SPIRAL_SIZES, rng)
    with np.errstate(all="ignore"):
        trained, _ = training.train(
            params, X, y, epochs=int(epochs), lr=float(lr), batch_size=int(batch_size), rng=rng
        )
        reached = training.accuracy(trained, X, y) if _finite(trained) else 0.0
    if reached < bar:
        why = (
            " The loss blew up to nan or inf: the steps are far too large."
            if not _finite(trained)
            else ""
        )
        raise CheckFailed(
            f"bar missed: these settings reach {reached:.0%} training accuracy, below "
            f"{bar:.0%}.{why} Look at your learning curve: still falling steeply at the end "
            "(steps too small or too few), or jumping around (steps too large)?"
        )


def _finite(params: dict) -> bool:
    return all(np.all(np.isfinite(value)) for value in params.values())


exercise(
    id="08.4",
    title="a training budget",
    points=2,
    reference=check_budget,
    named_by_checks=(
        "over budget (too many updates)",
        "bar missed: learning rate too small or too large",
        "settings that are not numbers",
    ),
)
