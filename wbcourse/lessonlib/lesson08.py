"""Lesson 08, training a network: the course's mini-batches, its loop's parts, and the checks.

The lesson's cells use :func:`iterate_minibatches`, :func:`count_updates` and
:func:`spiral_data`; exercise 08.3 is graded with :func:`check_train` (while the
student's ``train`` runs, :func:`course_evaluate` and :func:`course_train_epoch`
stand in for the student's answers to 08.1 and 08.2) and 08.4 with
:func:`check_budget`.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from wbcourse import datasets, training
from wbcourse.checks import CheckFailed, Mistake, call_checked, require, with_helpers
from wbcourse.mistakes import MUTATED, OTHER_KEYS
from wbcourse.network import init_params, loss_and_grads, predict

__all__ = [
    "BATCHES_ONCE",
    "BATCH_MEASURED",
    "BATCH_SIZE",
    "BUDGET_NOT_NUMBERS",
    "INITIAL_MEASURED",
    "LOSS_AS_ACCURACY",
    "NO_HISTORY",
    "OVER_BUDGET",
    "RESTARTED",
    "SPIRAL_BAR",
    "SPIRAL_BUDGET",
    "SWAPPED",
    "TOO_LARGE",
    "TOO_SLOW",
    "TRAIN_ACTIVATION",
    "TRAIN_EPOCHS",
    "TRAIN_LR",
    "TRAIN_MEASURED_BEFORE",
    "check_budget",
    "check_train",
    "count_updates",
    "course_evaluate",
    "course_train_epoch",
    "iterate_minibatches",
    "spiral_data",
]


# ------------------------------------------------------------- the course's mini-batches


def iterate_minibatches(X, y, batch_size: int, rng) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The mini-batches of one epoch, as pairs ``(X_batch, y_batch)``.

    Lesson 06's ``minibatches`` for the rows of ``X`` and their labels together: one
    random order of the rows, drawn with ``rng``, cut into consecutive batches of
    ``batch_size`` rows (the last one holds the rest).

    Examples
    --------
    >>> X, y = np.arange(20.0).reshape(10, 2), np.arange(10)
    >>> [len(yb) for _, yb in iterate_minibatches(X, y, 4, np.random.default_rng(0))]
    [4, 4, 2]
    """
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        rows = order[start : start + batch_size]
        yield X[rows], y[rows]


# ------------------------------------------------- the course's versions of 08.1 and 08.2


def course_evaluate(params: dict, X, y, activation: str = "relu") -> tuple[float, float]:
    """The course's ``evaluate`` (exercise 08.1): ``(mean loss, accuracy)`` on ``(X, y)``.

    Examples
    --------
    >>> params = init_params([2, 3], np.random.default_rng(0), method="zeros")
    >>> loss, accuracy = course_evaluate(params, np.ones((4, 2)), np.array([0, 0, 1, 2]))
    >>> round(loss, 4), accuracy  # ln 3; every row predicted as class 0
    (1.0986, 0.5)
    """
    loss, _ = loss_and_grads(params, X, y, activation)
    return float(loss), float(np.mean(predict(X, params, activation) == np.asarray(y)))


def course_train_epoch(params: dict, batches, lr: float, activation: str = "relu") -> dict:
    """The course's ``train_epoch`` (exercise 08.2): one SGD step per batch, a new dict.

    Examples
    --------
    >>> params = {"W1": np.zeros((1, 2)), "b1": np.zeros(2)}
    >>> new = course_train_epoch(params, [(np.ones((2, 1)), np.array([0, 0]))], 1.0)
    >>> new["b1"], params["b1"]
    (array([ 0.5, -0.5]), array([0., 0.]))
    """
    for X_batch, y_batch in batches:
        _, grads = loss_and_grads(params, X_batch, y_batch, activation)
        params = {key: params[key] - lr * grads[key] for key in params}
    return params


# --------------------------------------------------------------------- 08.3 the loop

TRAIN_ACTIVATION = Mistake(
    "08.3/activation",
    "ignored the activation argument",
    "train was asked for another activation than ReLU, but your loop used ReLU: pass "
    "activation on to train_epoch and to evaluate.",
)
RESTARTED = Mistake(
    "08.3/restart",
    "every epoch started again from the initial params",
    "train_epoch returns the parameters after the epoch; keep them (params = train_epoch(...)) "
    "so that the next epoch starts where this one ended.",
)
BATCHES_ONCE = Mistake(
    "08.3/batches-once",
    "the same mini-batches in every epoch",
    "every epoch needs a new shuffle: call iterate_minibatches inside the loop over epochs, "
    "with the rng you were given (a generator is also used up after one pass).",
)
BATCH_SIZE = Mistake(
    "08.3/batch-size",
    "batches larger than batch_size",
    "cut each epoch into mini-batches of batch_size examples with iterate_minibatches; one "
    "batch of the whole data set is full-batch descent: one step per epoch, far fewer "
    "updates.",
)
TRAIN_LR = Mistake(
    "08.3/lr",
    "changed the learning rate",
    "pass lr on to train_epoch unchanged: its gradients are already means over the batch.",
)
TRAIN_EPOCHS = Mistake(
    "08.3/epochs",
    "history does not have one entry per epoch",
    "run range(epochs) epochs and append one loss and one accuracy after each of them.",
)
TRAIN_MEASURED_BEFORE = Mistake(
    "08.3/measured-before",
    "history measured before the epoch's updates",
    "evaluate the parameters train_epoch returned, after the epoch: the last entry must "
    "describe the parameters train returns.",
)
INITIAL_MEASURED = Mistake(
    "08.3/initial-measured",
    "history measured the initial params every epoch",
    "evaluate the parameters the epoch produced (params = train_epoch(...), then "
    "evaluate(params, ...)), not the ones train was given.",
)
BATCH_MEASURED = Mistake(
    "08.3/batch-measured",
    "history measured on the last mini-batch",
    "an epoch's loss and accuracy are measured on the whole training set, X and y, after "
    "the epoch: one mini-batch is a noisy sample of it.",
)
LOSS_AS_ACCURACY = Mistake(
    "08.3/loss-as-accuracy",
    "the loss recorded as the accuracy too",
    "evaluate returns (loss, accuracy): append its first value to history['loss'] and its "
    "second to history['accuracy'].",
)
NO_HISTORY = Mistake(
    "08.3/no-history",
    "returned only the parameters",
    "train returns two things, (new_params, history): the history holds the learning curve.",
)
SWAPPED = Mistake(
    "08.3/swapped",
    "returned (history, params)",
    "return the two things in the order asked for: (new_params, history).",
)
IGNORED_RNG = Mistake(
    "08.3/ignored-rng",
    "the mini-batches do not come from rng",
    "shuffle with the rng you were given (pass it on to iterate_minibatches): with np.random "
    "or a new generator no run can be repeated, and with a fixed seed every run shuffles "
    "alike.",
)

_DATA = {
    "letters": lambda rng: datasets.letters(40, rng, noise=0.1)[:2],
    "moons": lambda rng: datasets.moons(200, rng, noise=0.15),
}
_SETUPS = {  # layer sizes, epochs, learning rate, batch size
    "letters": ([25, 3], 15, 0.5, 16),
    "moons": ([2, 32, 2], 30, 0.3, 20),
}


@dataclass
class _Epoch:
    """What one call of the stand-in ``train_epoch`` was given."""

    params: dict
    batches: list
    lr: float
    activation: str


class _Recorder:
    """The course's ``evaluate`` and ``train_epoch``, keeping what the student passed them."""

    def __init__(self) -> None:
        self.epochs: list[_Epoch] = []
        self.activations: list[str] = []

    def evaluate(self, params, X, y, activation="relu"):
        self.activations.append(activation)
        return course_evaluate(params, X, y, activation)

    def train_epoch(self, params, batches, lr, activation="relu"):
        batches = list(batches)
        self.epochs.append(_Epoch(copy.deepcopy(params), batches, lr, activation))
        self.activations.append(activation)
        return course_train_epoch(params, batches, lr, activation)


def _same_params(a: Any, b: Mapping) -> bool:
    return (
        isinstance(a, Mapping)
        and set(a) == set(b)
        and all(np.shape(a[key]) == np.shape(b[key]) for key in b)
        and all(np.allclose(a[key], b[key], rtol=1e-9, atol=1e-12) for key in b)
    )


def _same_batches(a: list, b: list) -> bool:
    return len(a) == len(b) and all(
        np.array_equal(xa, xb) and np.array_equal(ya, yb)
        for (xa, ya), (xb, yb) in zip(a, b, strict=True)
    )


def _looks_like_history(value: Any) -> bool:
    return isinstance(value, Mapping) and {"loss", "accuracy"} <= set(value)


def _check_how_it_trained(
    record: _Recorder, initial: dict, lr: float, batch_size: int, activation: str
) -> None:
    """Name what the calls of the stand-in ``train_epoch`` show (logic, not comparison)."""
    used = sorted({str(a) for a in record.activations if a != activation})
    require(
        not used,
        TRAIN_ACTIVATION,
        f"Asked for {activation!r}; your code passed {', '.join(used)} "
        "(or left the argument out, which means 'relu').",
    )
    epochs = record.epochs
    largest = max((len(X_batch) for e in epochs for X_batch, _ in e.batches), default=0)
    require(
        largest <= batch_size,
        BATCH_SIZE,
        f"batch_size was {batch_size}; train_epoch got a batch of {largest} examples.",
    )
    if len(epochs) >= 2:
        require(not all(_same_params(e.params, initial) for e in epochs), RESTARTED)
        empty = [number for number, e in enumerate(epochs, 1) if not e.batches]
        require(
            not empty,
            BATCHES_ONCE,
            f"train_epoch got no batches at all in epoch {empty[0]}" if empty else "",
        )
        require(
            not all(_same_batches(e.batches, epochs[0].batches) for e in epochs),
            BATCHES_ONCE,
            f"All {len(epochs)} epochs got the same {len(epochs[0].batches)} batches, in the "
            "same order.",
        )
    other = sorted({repr(e.lr) for e in epochs if not math.isclose(float(e.lr), lr)})
    require(not other, TRAIN_LR, f"lr was {lr!r}; train_epoch got {', '.join(other)}.")


def _check_result(result: Any, initial: dict, epochs: int) -> tuple[dict, dict]:
    """``(new_params, history)`` with the right keys and shapes, one entry per epoch."""
    if isinstance(result, Mapping):
        raise NO_HISTORY.fail(f"Got a dict with the keys {sorted(result)}.")
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        "train must return two things: (new_params, history).",
        f"Got {type(result).__name__}.",
    )
    new_params, history = result
    require(not (_looks_like_history(new_params) and isinstance(history, Mapping)), SWAPPED)
    require(
        isinstance(new_params, Mapping)
        and sorted(new_params) == sorted(initial)
        and all(np.shape(new_params[key]) == initial[key].shape for key in initial),
        "the trained params must be a dict with the keys and shapes of the initial params.",
    )
    wanted = 'history must be a dict with a "loss" list and an "accuracy" list.'
    require(isinstance(history, Mapping), wanted, f"Got {type(history).__name__}.")
    keys = sorted(history, key=str)
    require(_looks_like_history(history), OTHER_KEYS, f"{wanted} Got the keys {keys}.")
    for key in ("loss", "accuracy"):
        entries = history[key]
        require(
            isinstance(entries, list | tuple | np.ndarray) and len(entries) == epochs,
            TRAIN_EPOCHS,
            f'history["{key}"] has {len(entries) if hasattr(entries, "__len__") else "no"} '
            f"entries for {epochs} epochs.",
        )
    return dict(new_params), history


def check_train(
    function: Callable, dataset: str, seed: int, bar: float, activation: str = "relu"
) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function`` trains to accuracy ``bar``.

    ``function(params, X, y, epochs, lr, batch_size, rng, activation)`` runs on
    ``dataset`` ("letters" or "moons", drawn from ``seed``) with fixed, sensible
    settings, while :func:`course_evaluate` and :func:`course_train_epoch` stand in
    for the student's ``evaluate`` and ``train_epoch`` (a mistake there costs points
    in 08.1 and 08.2, not again here). It must return ``(new_params, history)`` with
    one ``"loss"`` and one ``"accuracy"`` per epoch, measured on the whole training
    set after the epoch; leave ``params`` unchanged; pass ``lr`` and ``activation``
    on; start every epoch where the last one ended, with new mini-batches; and reach
    training accuracy ``bar``. What the stand-ins were given names the mistakes.

    Examples
    --------
    >>> def train(params, X, y, epochs, lr, batch_size, rng, activation="relu"):
    ...     history = {"loss": [], "accuracy": []}
    ...     for _ in range(epochs):
    ...         batches = iterate_minibatches(X, y, batch_size, rng)
    ...         params = train_epoch(params, batches, lr, activation)
    ...         for key, value in zip(history, evaluate(params, X, y, activation)):
    ...             history[key].append(value)
    ...     return params, history
    >>> def train_epoch(params, batches, lr, activation="relu"):
    ...     raise NotImplementedError  # the course's version stands in
    >>> def evaluate(params, X, y, activation="relu"):
    ...     raise NotImplementedError
    >>> check_train(train, "moons", seed=0, bar=0.85, activation="tanh")
    >>> check_train(lambda *args: train(*args[:-1]), "moons", seed=0, bar=0.85,
    ...             activation="tanh")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: ignored the activation argument: ...
    """
    rng = np.random.default_rng(seed)
    X, y = _DATA[dataset](rng)
    sizes, epochs, lr, batch_size = _SETUPS[dataset]
    params = init_params(sizes, rng)
    initial = copy.deepcopy(params)
    record = _Recorder()
    student = with_helpers(function, evaluate=record.evaluate, train_epoch=record.train_epoch)
    result, mutated = call_checked(
        student, params, X.copy(), y.copy(), epochs, lr, batch_size, rng, activation
    )
    require(not mutated, MUTATED)
    _check_how_it_trained(record, initial, lr, batch_size, activation)
    new_params, history = _check_result(result, initial, epochs)
    final_loss, final_accuracy = course_evaluate(new_params, X, y, activation)
    last = float(history["loss"][-1]), float(history["accuracy"][-1])
    if not (
        math.isclose(last[0], final_loss, rel_tol=1e-6, abs_tol=1e-9)
        and math.isclose(last[1], final_accuracy, abs_tol=1e-9)
    ):
        detail = (
            f"Last entries {last[0]:.4g} and {last[1]:.3g}, expected {final_loss:.4g} and "
            f"{final_accuracy:.3g}."
        )
        if record.epochs and _describes(last, record.epochs[-1].params, X, y, activation):
            raise TRAIN_MEASURED_BEFORE.fail(detail)
        if activation != "relu" and _describes(last, new_params, X, y, "relu"):
            raise TRAIN_ACTIVATION.fail(detail)
        if _describes(last, initial, X, y, activation):
            raise INITIAL_MEASURED.fail(detail)
        last_batch = record.epochs[-1].batches[-1:] if record.epochs else []
        if last_batch and _describes(last, new_params, *last_batch[0], activation):
            raise BATCH_MEASURED.fail(detail)
        loss_twice = all(math.isclose(value, final_loss, rel_tol=1e-6) for value in last)
        require(not loss_twice, LOSS_AS_ACCURACY, detail)
        raise CheckFailed(
            "history does not describe the returned params: its last entry should be the loss "
            "and accuracy on the whole training set after the last epoch.",
            detail,
        )
    require(
        final_accuracy >= bar,
        f"the network reached only {final_accuracy:.0%} training accuracy on {dataset}, below "
        f"the bar of {bar:.0%}: does every step use the newest parameters, and every epoch "
        "the learning rate and activation you were given?",
    )


def check_repeatable(function: Callable, dataset: str, seed: int, epochs: int = 2) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless the run depends on ``rng`` alone.

    ``function`` (as in :func:`check_train`) trains three times for ``epochs``
    epochs from the same data and initial parameters (drawn from ``seed``): twice
    with an ``rng`` made from ``seed`` and once from another seed. The mini-batches
    the course's ``train_epoch`` is given (or, for a loop that does not call it,
    the training losses) must be the same for the same seed and differ for the other.

    Examples
    --------
    >>> def train(params, X, y, epochs, lr, batch_size, rng, activation="relu"):
    ...     history = {"loss": [], "accuracy": []}
    ...     for _ in range(epochs):
    ...         batches = iterate_minibatches(X, y, batch_size, np.random.default_rng(0))
    ...         params = train_epoch(params, batches, lr, activation)
    ...         for key, value in zip(history, evaluate(params, X, y, activation)):
    ...             history[key].append(value)
    ...     return params, history
    >>> check_repeatable(train, "moons", seed=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the mini-batches do not come from rng: ...
    """
    sizes, _, lr, batch_size = _SETUPS[dataset]
    data_rng = np.random.default_rng(seed)
    X, y = _DATA[dataset](data_rng)
    params = init_params(sizes, data_rng)
    first, again, other = (
        _shuffles(function, params, X, y, (epochs, lr, batch_size), np.random.default_rng(s))
        for s in (seed, seed, seed + 1)
    )
    largest = max((len(b[0]) for run in first if isinstance(run, list) for b in run), default=0)
    require(
        largest <= batch_size,
        BATCH_SIZE,
        f"batch_size was {batch_size}; train_epoch got a batch of {largest} examples.",
    )
    require(
        _same_run(first, again),
        IGNORED_RNG,
        "Two runs with generators made from one seed got different mini-batches.",
    )
    require(
        not _same_run(first, other),
        IGNORED_RNG,
        "Generators made from two different seeds gave the same mini-batches: the shuffles "
        "come from somewhere else.",
    )


def _shuffles(function: Callable, params: dict, X, y, settings: tuple, rng) -> list:
    """The mini-batches of each epoch of one run (or its losses, if it has no train_epoch)."""
    record = _Recorder()
    student = with_helpers(function, evaluate=record.evaluate, train_epoch=record.train_epoch)
    epochs, lr, batch_size = settings
    result, _ = call_checked(
        student, copy.deepcopy(params), X.copy(), y.copy(), epochs, lr, batch_size, rng, "relu"
    )
    batches = [epoch.batches for epoch in record.epochs]
    if any(batches):
        return batches
    _, history = _check_result(result, params, epochs)
    return [float(value) for value in history["loss"]]


def _same_run(a: list, b: list) -> bool:
    """Two results of :func:`_shuffles` are the same run (mini-batches, or else losses)."""
    batched = [bool(run) and isinstance(run[0], list) for run in (a, b)]
    if batched != [True, True]:
        return batched == [False, False] and a == b
    return len(a) == len(b) and all(_same_batches(x, y) for x, y in zip(a, b, strict=True))


def _describes(last: tuple[float, float], params: dict, X, y, activation: str) -> bool:
    loss, accuracy = course_evaluate(params, X, y, activation)
    return math.isclose(last[0], loss, rel_tol=1e-6, abs_tol=1e-9) and math.isclose(
        last[1], accuracy, abs_tol=1e-9
    )


# --------------------------------------------------------------------- 08.4 a budget

#: The spirals task of exercise 08.4: at most this many updates ...
SPIRAL_BUDGET = 300
#: ... to reach this training accuracy.
SPIRAL_BAR = 0.9
_SPIRAL_SIZES = [2, 32, 3]

OVER_BUDGET = Mistake(
    "08.4/over-budget",
    "over budget: too many updates",
    "one epoch takes ceil(300 / batch_size) updates; epochs times that must stay within "
    "SPIRAL_BUDGET. Fewer epochs, or larger batches.",
)
TOO_SLOW = Mistake(
    "08.4/too-slow",
    "bar missed: the loss was still falling steadily at the end",
    "every step helped, but the steps were too small (or too few) to get far: try a larger "
    "learning rate.",
)
TOO_LARGE = Mistake(
    "08.4/too-large",
    "bar missed: the loss jumped around or blew up",
    "the steps overshoot: the learning rate is too large. Look at the curves above for a "
    "rate that made progress without jumping.",
)
BUDGET_NOT_NUMBERS = Mistake(
    "08.4/not-numbers",
    "settings that are not numbers of the right kind",
    "lr is a positive number; batch_size and epochs are whole numbers (ints) of at least 1.",
)


def count_updates(n: int, batch_size: int, epochs: int) -> int:
    """Number of SGD steps: ``epochs * ceil(n / batch_size)``, one per mini-batch.

    Examples
    --------
    >>> count_updates(300, 32, 10)  # 10 batches per epoch, the last one of 12 rows
    100
    """
    return epochs * math.ceil(n / batch_size)


def spiral_data() -> tuple[np.ndarray, np.ndarray]:
    """The 300 spiral points of exercise 08.4 (always the same ones)."""
    return datasets.spirals(300, np.random.default_rng(8), classes=3, noise=0.2)


def _is_real(value: Any, kind: type) -> bool:
    """Whether ``value`` is a real number of ``kind`` (numpy scalars and 0-d arrays too)."""
    if isinstance(value, bool | np.bool_) or np.ndim(value) != 0:
        return False
    dtype = np.asarray(value).dtype
    return np.issubdtype(dtype, np.integer) or (kind is float and np.issubdtype(dtype, np.floating))


def _check_settings(lr, batch_size, epochs) -> None:
    require(
        _is_real(lr, float) and float(lr) > 0,
        BUDGET_NOT_NUMBERS,
        f"lr must be a positive number, got {lr!r}.",
    )
    for name, value in (("batch_size", batch_size), ("epochs", epochs)):
        require(
            _is_real(value, int) and int(value) >= 1,
            BUDGET_NOT_NUMBERS,
            f"{name} must be a whole number >= 1, got {value!r}.",
        )


def check_budget(lr, batch_size, epochs, seed: int, bar: float = SPIRAL_BAR) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless the settings fit the budget and bar.

    Trains a ``[2, 32, 3]`` ReLU network (He init, seeded with ``seed``) on
    :func:`spiral_data` with :func:`wbcourse.training.train`. A miss is named by
    the learning curve: too slow when the loss fell in (almost) every epoch, too
    large when it blew up, rose above its start, or rose in a third of the epochs.

    Examples
    --------
    >>> check_budget(1.0, 30, 30, seed=0)
    >>> check_budget(1.0, 30, 31, seed=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: over budget: too many updates: ... 310 updates > 300.
    >>> check_budget(0.01, 30, 30, seed=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: bar missed: the loss was still falling steadily at the end: ...
    """
    _check_settings(lr, batch_size, epochs)
    lr, batch_size, epochs = float(lr), int(batch_size), int(epochs)
    X, y = spiral_data()
    updates = count_updates(len(X), batch_size, epochs)
    require(
        updates <= SPIRAL_BUDGET,
        OVER_BUDGET,
        f"{epochs} epochs x {math.ceil(len(X) / batch_size)} batches = "
        f"{updates} updates > {SPIRAL_BUDGET}.",
    )
    rng = np.random.default_rng(seed)
    params = init_params(_SPIRAL_SIZES, rng)
    start = loss_and_grads(params, X, y)[0]
    with np.errstate(all="ignore"):
        trained, history = training.train(
            params, X, y, epochs=epochs, lr=lr, batch_size=batch_size, rng=rng
        )
        reached = training.accuracy(trained, X, y) if _finite(trained) else 0.0
    if reached >= bar:
        return
    losses = np.asarray(history["loss"], dtype=float)
    detail = (
        f"These settings reach {reached:.0%} training accuracy, below {bar:.0%}; the loss went "
        f"from {start:.3g} to {losses[-1]:.3g}."
    )
    if updates <= SPIRAL_BUDGET // 2:
        detail += (
            f" They use {updates} of the {SPIRAL_BUDGET} updates allowed: more epochs, or "
            "smaller batches, give training longer."
        )
    rises = int(np.count_nonzero(np.diff(losses) > 0))
    if not (_finite(trained) and np.all(np.isfinite(losses))):
        raise TOO_LARGE.fail("The loss blew up to nan or inf. " + detail)
    if losses.max() > start or rises >= len(losses) / 3:
        raise TOO_LARGE.fail(detail)
    if rises <= len(losses) / 10 and losses[-1] < start:
        raise TOO_SLOW.fail(detail)
    raise CheckFailed(
        f"bar missed: these settings reach {reached:.0%} training accuracy, below {bar:.0%}. "
        "Look at your learning curve: still falling steeply at the end (steps too small or "
        "too few), or jumping around (steps too large)?",
        detail,
    )


def _finite(params: dict) -> bool:
    return all(np.all(np.isfinite(value)) for value in params.values())
