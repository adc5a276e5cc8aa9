"""Lesson 08, training a network: evaluating on the whole set, one epoch of SGD, a training
loop, a budget; and the course's mini-batch generator the lesson's loop uses."""

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
from wbcourse.network import init_params, loss_and_grads, predict

__all__ = [
    "SPIRAL_BAR",
    "SPIRAL_BUDGET",
    "check_budget",
    "check_train",
    "check_train_epoch",
    "count_updates",
    "iterate_minibatches",
    "spiral_data",
]


def _refuse_library(exercise_id: str, function: Any) -> None:
    item = get_exercise(exercise_id)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not item.reference and function not in item.library_versions,
        "this is wbcourse's own implementation, imported; write your own version.",
    )


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


# --------------------------------------------------------------------- 08.1 evaluate


def _evaluate(params: dict, X, y, activation: str = "relu") -> tuple[float, float]:
    loss, _ = loss_and_grads(params, X, y, activation)
    return float(loss), float(np.mean(predict(X, params, activation) == np.asarray(y)))


exercise(
    id="08.1",
    title="evaluate",
    points=2,
    reference=_evaluate,
    mistakes=(
        Mistake(
            "accuracy as a count",
            "you returned how many examples are right; the accuracy is the fraction that is "
            "right, between 0 and 1, so that sets of different sizes can be compared.",
            lambda params, X, y, activation="relu": (
                _evaluate(params, X, y, activation)[0],
                float(np.sum(predict(X, params, activation) == y)),
            ),
        ),
        Mistake(
            "the error rate instead of the accuracy",
            "you returned the share of examples that are wrong; the accuracy is the share "
            "whose predicted class equals the label.",
            lambda params, X, y, activation="relu": (
                _evaluate(params, X, y, activation)[0],
                1.0 - _evaluate(params, X, y, activation)[1],
            ),
        ),
        Mistake(
            "accuracy in percent",
            "return the accuracy as a fraction between 0 and 1 (0.85), not as a percentage.",
            lambda params, X, y, activation="relu": (
                _evaluate(params, X, y, activation)[0],
                100.0 * _evaluate(params, X, y, activation)[1],
            ),
        ),
        Mistake(
            "ignored the activation",
            "pass activation on to loss_and_grads and to predict; without it they use ReLU, "
            "another network than the one being evaluated.",
            lambda params, X, y, activation="relu": _evaluate(params, X, y),
        ),
        Mistake(
            "returned (accuracy, loss)",
            "return the two numbers in the order asked for: (loss, accuracy).",
            lambda params, X, y, activation="relu": _evaluate(params, X, y, activation)[::-1],
        ),
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
        params = _train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr, activation)
        loss, accuracy = _evaluate(params, X, y, activation)
        history["loss"].append(loss)
        history["accuracy"].append(accuracy)
    return params, history


@contextlib.contextmanager
def _course_helpers(function: Callable):
    """Let ``function`` use the course's evaluate, train_epoch and mini-batches while it runs.

    A mistake in exercise 08.1 or 08.2 then costs points there, not again in 08.3.
    """
    namespace = getattr(function, "__globals__", {})
    swaps = {
        "evaluate": _evaluate,
        "iterate_minibatches": iterate_minibatches,
        "train_epoch": _train_epoch,
    }
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
