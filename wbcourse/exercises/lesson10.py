"""Lesson 10, overfitting and regularization: L2 penalty, weight decay, early stopping, dropout."""

from __future__ import annotations

import copy

import numpy as np

from wbcourse import regularization
from wbcourse.checks import CheckFailed, Mistake, call_quietly, require
from wbcourse.exercises import exercise, get_exercise

__all__ = [
    "check_dropout_expectation",
    "check_dropout_fresh_masks",
    "check_dropout_keep_rate",
    "check_dropout_test_mode",
    "check_dropout_uses_rng",
    "check_dropout_values",
    "check_penalty",
    "check_penalty_slope",
]


# ---------------------------------------------------------------- 10.1 l2_penalty


def _weights(params: dict) -> dict:
    return {key: np.asarray(value, dtype=float) for key, value in params.items()}


def _wrong_penalty(params, lam, penalty_of, grad_of, keys=lambda key: key.startswith("W")):
    arrays = _weights(params)
    penalty = lam * sum(float(np.sum(penalty_of(v))) for k, v in arrays.items() if keys(k))
    grads = {k: lam * grad_of(v) if keys(k) else np.zeros_like(v) for k, v in arrays.items()}
    return penalty, grads


exercise(
    id="10.1",
    title="l2_penalty",
    points=3,
    reference=regularization.l2_penalty,
    mistakes=(
        Mistake(
            "regularized the biases",
            "the penalty (and its gradient) must cover the weights only, the keys that start "
            "with 'W'; biases only shift a unit and are left alone, so their gradient is 0.",
            lambda params, lam: _wrong_penalty(
                params, lam, lambda v: v**2 / 2, lambda v: v, keys=lambda key: True
            ),
        ),
        Mistake(
            "forgot the 1/2",
            "this lesson's penalty is lam/2 times the sum of squares; the 1/2 is there so "
            "that the gradient comes out as exactly lam * W.",
            lambda params, lam: _wrong_penalty(params, lam, lambda v: v**2, lambda v: 2 * v),
        ),
        Mistake(
            "forgot lam",
            "both the penalty and its gradient are scaled by the strength lam.",
            lambda params, lam: _wrong_penalty(params, 1.0, lambda v: v**2 / 2, lambda v: v),
        ),
        Mistake(
            "gradient with the wrong sign",
            "the gradient points uphill, towards larger penalties: d/dW of lam/2 * W**2 is "
            "+lam * W. The minus sign belongs to the update step, not to the gradient.",
            lambda params, lam: _wrong_penalty(params, lam, lambda v: v**2 / 2, lambda v: -v),
        ),
        Mistake(
            "wrote the L1 penalty",
            "absolute values and signs belong to L1; L2 squares the weights.",
            lambda params, lam: _wrong_penalty(params, lam, np.abs, np.sign),
        ),
    ),
    library_versions=(regularization.l2_penalty, regularization.l1_penalty),
)


def _as_result(result, params: dict) -> tuple[float, dict]:
    """Check the form of a penalty function's result; return it as (float, dict of arrays)."""
    require(
        isinstance(result, tuple | list) and len(result) == 2,
        "return a tuple (penalty, grads): a number and a dict of gradients.",
    )
    penalty, grads = result
    require(
        np.ndim(penalty) == 0 and np.isreal(penalty),
        f"the penalty must be one number, got {type(penalty).__name__} of shape "
        f"{np.shape(penalty)}.",
    )
    require(isinstance(grads, dict), f"grads must be a dict, got {type(grads).__name__}.")
    missing = [key for key in params if key not in grads]
    biases = [key for key in missing if not key.startswith("W")]
    require(
        not biases,
        "forgot to return zero gradients for the biases: grads needs every key of params "
        f"(missing {biases}); a bias is not penalised, so its gradient is an array of zeros.",
    )
    require(not missing, f"grads is missing the keys {missing}; it needs every key of params.")
    extra = [key for key in grads if key not in params]
    require(not extra, f"grads has keys that params does not have: {extra}.")
    for key, value in params.items():
        require(
            np.shape(grads[key]) == np.shape(value),
            f"grads[{key!r}] has shape {np.shape(grads[key])}, expected {np.shape(value)} "
            "(a gradient has the shape of what it differentiates).",
        )
    return float(penalty), {key: np.asarray(grads[key], dtype=float) for key in params}


def _same_penalty(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=1e-6, atol=1e-10))


def _same_grads(a: dict, b: dict) -> bool:
    return all(np.allclose(a[key], b[key], rtol=1e-6, atol=1e-10) for key in b)


def check_penalty(exercise_id: str, function, params: dict, lam: float) -> None:
    """Raise :class:`CheckFailed` unless ``function(params, lam)`` equals the exercise's reference.

    The result must be ``(penalty, grads)`` with ``grads`` keyed like ``params``;
    ``params`` must come back unchanged. A wrong penalty or a wrong gradient that
    matches one of the exercise's mistakes is named.

    Parameters
    ----------
    exercise_id : str
        E.g. ``"10.1"``; its reference computes the expected answer.
    function : callable
        The student's ``l2_penalty(params, lam) -> (penalty, grads)``.
    params : dict of ndarray
        ``{"W1": (D_0, D_1), "b1": (D_1,), ...}``.
    lam : float
        The penalty's strength.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([5.0, 5.0])}
    >>> def l2(params, lam):
    ...     W, b = params["W1"], params["b1"]
    ...     return lam / 2 * np.sum(W**2), {"W1": lam * W, "b1": 0 * b}
    >>> check_penalty("10.1", l2, params, 0.1)
    >>> def l2_with_biases(params, lam):
    ...     penalty = lam / 2 * sum(np.sum(v**2) for v in params.values())
    ...     return penalty, {k: lam * v for k, v in params.items()}
    >>> check_penalty("10.1", l2_with_biases, params, 0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: regularized the biases: ...
    """
    item = get_exercise(exercise_id)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not item.reference and function not in item.library_versions,
        "this is wbcourse's own implementation, imported; write your own version.",
    )
    expected_penalty, expected_grads = item.reference(copy.deepcopy(params), lam)
    student_params = copy.deepcopy(params)
    result = call_quietly(function, student_params, lam)
    require(
        list(student_params) == list(params)
        and all(np.array_equal(student_params[key], params[key]) for key in params),
        "mutated params: your function changed the parameter dict or its arrays in place "
        "(e.g. with *= or params[key] = ...); build new arrays and a new dict instead.",
    )
    penalty, grads = _as_result(result, params)
    penalty_ok = _same_penalty(penalty, expected_penalty)
    grads_ok = _same_grads(grads, expected_grads)
    if penalty_ok and grads_ok:
        return
    for mistake in item.mistakes:
        wrong_penalty, wrong_grads = mistake.answer(copy.deepcopy(params), lam)
        if (not penalty_ok and _same_penalty(penalty, wrong_penalty)) or (
            not grads_ok and _same_grads(grads, wrong_grads)
        ):
            raise CheckFailed(f"{mistake.name}: {mistake.hint}")
    if not penalty_ok:
        raise CheckFailed(
            "the penalty has the wrong value.",
            f"Expected {expected_penalty:.6g}, got {penalty:.6g}.",
        )
    wrong = [key for key in params if not np.allclose(grads[key], expected_grads[key])]
    raise CheckFailed(f"the penalty is right but the gradients of {', '.join(wrong)} are not.")


def check_penalty_slope(function, params: dict, lam: float, h: float = 1e-6) -> None:
    """Raise :class:`CheckFailed` unless ``function``'s gradient is the slope of its own penalty.

    Every weight is nudged by ``+h`` and ``-h``; the change of the penalty,
    divided by ``2 h``, must equal the returned gradient (central differences).

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([5.0, 5.0])}
    >>> def consistent(p, lam):  # no 1/2, but the gradient matches
    ...     return lam * np.sum(p["W1"] ** 2), {"W1": 2 * lam * p["W1"], "b1": 0 * p["b1"]}
    >>> check_penalty_slope(consistent, params, 0.1)
    >>> def inconsistent(p, lam):
    ...     return lam * np.sum(p["W1"] ** 2), {"W1": lam * p["W1"], "b1": 0 * p["b1"]}
    >>> check_penalty_slope(inconsistent, params, 0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: your gradient is not the slope of your own penalty ...
    """
    base = {key: np.array(value, dtype=float) for key, value in params.items()}
    _, grads = _as_result(call_quietly(function, copy.deepcopy(base), lam), base)
    for key, value in base.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            values = []
            for step in (h, -h):
                trial = copy.deepcopy(base)
                trial[key][index] += step
                values.append(_as_result(call_quietly(function, trial, lam), base)[0])
            numeric[index] = (values[0] - values[1]) / (2 * h)
        require(
            np.allclose(grads[key], numeric, rtol=1e-4, atol=1e-6),
            f"your gradient is not the slope of your own penalty for {key}: nudging the "
            "entries changes the penalty at a different rate than grads says. Differentiate "
            "your penalty formula term by term.",
        )


# ---------------------------------------------------------------- 10.3 best_epoch


def _best_epoch(history: dict, patience: int) -> int:
    losses = history["val_loss"]
    best = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < losses[best]:
            best = epoch
        elif epoch - best >= patience:
            break
    return best


def _stop_epoch(history: dict, patience: int) -> int:
    losses = history["val_loss"]
    best = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < losses[best]:
            best = epoch
        elif epoch - best >= patience:
            return epoch
    return len(losses) - 1


exercise(
    id="10.3",
    title="best_epoch",
    points=3,
    reference=_best_epoch,
    mistakes=(
        Mistake(
            "picked the training-loss minimum",
            'you looked at history["loss"], the training loss, which keeps falling while the '
            'network memorises; early stopping watches the validation loss, history["val_loss"].',
            lambda history, patience: _best_epoch({"val_loss": history["loss"]}, patience),
        ),
        Mistake(
            "returned the epoch where training stopped",
            "the stopping epoch is only where you notice that it got no better; return the "
            "best epoch seen up to then, whose weights you would keep.",
            _stop_epoch,
        ),
        Mistake(
            "returned the last epoch",
            "the last epoch is the most overfitted one; return the epoch with the lowest "
            "validation loss seen before training stops.",
            lambda history, patience: len(history["val_loss"]) - 1,
        ),
        Mistake(
            "ignored the patience",
            "you took the lowest validation loss over all epochs, including epochs after "
            "training would already have stopped; stop at the first run of `patience` epochs "
            "without improvement.",
            lambda history, patience: int(np.argmin(history["val_loss"])),
        ),
        Mistake(
            "counted epochs from 1",
            "return the index into the list (the first epoch is 0), not a 1-based number.",
            lambda history, patience: _best_epoch(history, patience) + 1,
        ),
        Mistake(
            "waited one epoch too many",
            "training stops at the first epoch that makes `patience` epochs in a row without "
            "a new best; you looked one epoch further.",
            lambda history, patience: _best_epoch(history, patience + 1),
        ),
        Mistake(
            "stopped one epoch too early",
            "after the best epoch, `patience` epochs in a row must fail to improve before "
            "training stops; you stopped after `patience - 1`.",
            lambda history, patience: _best_epoch(history, max(patience - 1, 1)),
        ),
    ),
)


# ---------------------------------------------------------------- 10.4 dropout_forward


def _dropout_forward(A, keep_prob: float, rng: np.random.Generator, training: bool = True):
    out, _ = regularization.dropout_forward(A, keep_prob, rng, training)
    return out


exercise(
    id="10.4",
    title="dropout_forward",
    points=4,
    reference=_dropout_forward,
    library_versions=(regularization.dropout_forward,),
    named_by_checks=(
        "no rescaling (kept units not divided by keep_prob)",
        "multiplied by keep_prob instead of dividing",
        "dropped with probability keep_prob instead of 1 - keep_prob",
        "same mask every call (a new generator with a fixed seed inside the function)",
        "did not use the rng argument",
        "dropped or rescaled at test time",
        "changed A in place",
    ),
)


def _refuse_library(function) -> None:
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not _dropout_forward and function is not regularization.dropout_forward,
        "this is wbcourse's own implementation, imported; write your own version.",
    )


def _dropout_output(function, A, keep_prob, rng, *training) -> np.ndarray:
    """Call the student's dropout on a copy of ``A``; check the form and that A is unchanged."""
    _refuse_library(function)
    given = A.copy()
    out = call_quietly(function, given, keep_prob, rng, *training)
    require(
        np.array_equal(given, A),
        "changed A in place: your function overwrote its input; return a new array "
        "(e.g. A * mask / keep_prob) instead.",
    )
    require(
        not isinstance(out, tuple | list),
        "return only the output array, not a tuple (the mask stays inside the function here).",
    )
    require(
        isinstance(out, np.ndarray) and out.shape == A.shape,
        f"the output must be an array of the input's shape {A.shape}, got "
        + (f"shape {out.shape}." if isinstance(out, np.ndarray) else f"{type(out).__name__}."),
    )
    require(np.all(np.isfinite(out)), "the output contains nan or inf.")
    return out.astype(float)


def _positive_input(rng: np.random.Generator, shape) -> np.ndarray:
    return rng.uniform(0.5, 2.0, size=shape)


def check_dropout_values(function, keep_prob: float, rng: np.random.Generator, shape=(200, 100)):
    """Every output entry must be 0 (dropped) or ``A / keep_prob`` (kept and rescaled).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> check_dropout_values(lambda A, p, rng: A * (rng.random(A.shape) < p) / p, 0.8, rng)
    >>> unscaled = lambda A, p, rng: A * (rng.random(A.shape) < p)
    >>> check_dropout_values(unscaled, 0.8, rng)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: no rescaling: ...
    """
    A = _positive_input(rng, shape)
    out = _dropout_output(function, A, keep_prob, rng)
    kept = out != 0
    require(np.any(kept), "every unit was dropped; keep each one with probability keep_prob.")
    ratio = out[kept] / A[kept]
    if np.allclose(ratio, 1 / keep_prob):
        return
    if keep_prob < 1 and np.allclose(ratio, 1.0):
        raise CheckFailed(
            "no rescaling: the kept units come out unchanged, so the layer's output shrinks "
            "to keep_prob of its size on average; divide the kept units by keep_prob "
            "(inverted dropout) so the expected value stays the same."
        )
    if keep_prob < 1 and np.allclose(ratio, keep_prob):
        raise CheckFailed(
            "multiplied by keep_prob instead of dividing: that shrinks the output even more; "
            "the kept units must grow by the factor 1 / keep_prob."
        )
    raise CheckFailed(
        "each output entry must be either 0 (dropped) or the input divided by keep_prob "
        "(kept); some of yours are neither."
    )


def check_dropout_keep_rate(function, keep_prob: float, rng: np.random.Generator, shape=(200, 100)):
    """The share of kept (non-zero) units must be ``keep_prob`` within 5 standard errors.

    A mask drawn with ``rng.random(shape) < keep_prob`` and one drawn with
    ``rng.random(shape) > 1 - keep_prob`` both pass: only the rate is checked.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> check_dropout_keep_rate(lambda A, p, rng: A * (rng.random(A.shape) > 1 - p) / p, 0.8, rng)
    >>> flipped = lambda A, p, rng: A * (rng.random(A.shape) < 1 - p) / p
    >>> check_dropout_keep_rate(flipped, 0.8, rng)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: dropped with probability keep_prob ...
    """
    A = _positive_input(rng, shape)
    out = _dropout_output(function, A, keep_prob, rng)
    n = out.size
    rate = np.count_nonzero(out) / n
    tolerance = 5 * np.sqrt(keep_prob * (1 - keep_prob) / n) + 1e-12
    if abs(rate - keep_prob) <= tolerance:
        return
    if abs(rate - (1 - keep_prob)) <= tolerance:
        raise CheckFailed(
            f"dropped with probability keep_prob instead of 1 - keep_prob: you kept "
            f"{rate:.1%} of the units, but keep_prob={keep_prob:g} is the probability of "
            "KEEPING a unit. Check the comparison that builds your mask."
        )
    raise CheckFailed(
        f"you kept {rate:.1%} of the units, expected about {keep_prob:.0%} (keep_prob); "
        "keep each unit independently with probability keep_prob."
    )


def check_dropout_expectation(function, keep_prob: float, rng: np.random.Generator, n=20000):
    """On an input of ones, the mean output must be 1 (the expectation is preserved).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> check_dropout_expectation(lambda A, p, rng: A * (rng.random(A.shape) < p) / p, 0.5, rng)
    """
    A = np.ones(n)
    out = _dropout_output(function, A, keep_prob, rng)
    mean = float(out.mean())
    tolerance = 5 * np.sqrt((1 - keep_prob) / keep_prob / n) + 1e-12
    require(
        abs(mean - 1.0) <= tolerance,
        f"the expected value is not preserved: on an input of ones your output averages "
        f"{mean:.3f}, it should average 1. The kept units must make up for the dropped ones.",
    )


def check_dropout_fresh_masks(function, keep_prob: float, rng: np.random.Generator, shape=(20, 30)):
    """Two calls with the same ``rng`` must drop different units.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> same = lambda A, p, rng: A * (np.random.default_rng(0).random(A.shape) < p) / p
    >>> check_dropout_fresh_masks(same, 0.5, rng)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: same mask every call: ...
    """
    A = _positive_input(rng, shape)
    first = _dropout_output(function, A, keep_prob, rng) != 0
    second = _dropout_output(function, A, keep_prob, rng) != 0
    require(
        not np.array_equal(first, second),
        "same mask every call: two calls dropped exactly the same units. Draw the mask from "
        "the rng argument each time, rather than from a new generator with a fixed seed.",
    )


def check_dropout_uses_rng(function, keep_prob: float, seed: int, shape=(20, 30)):
    """Two generators with the same seed must give the same output (all randomness from ``rng``).

    Examples
    --------
    >>> check_dropout_uses_rng(lambda A, p, rng: A * (rng.random(A.shape) < p) / p, 0.5, 7)
    """
    A = _positive_input(np.random.default_rng(seed + 1), shape)
    first = _dropout_output(function, A, keep_prob, np.random.default_rng(seed))
    second = _dropout_output(function, A, keep_prob, np.random.default_rng(seed))
    require(
        np.array_equal(first, second),
        "did not use the rng argument: two generators with the same seed gave different "
        "masks. Draw the mask with the rng you are given (e.g. rng.random), not np.random.",
    )


def check_dropout_test_mode(function, keep_prob: float, rng: np.random.Generator, shape=(20, 30)):
    """With ``training=False`` the output must equal the input.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> def dropout(A, p, rng, training=True):
    ...     return A * (rng.random(A.shape) < p) / p if training else A
    >>> check_dropout_test_mode(dropout, 0.5, rng)
    """
    A = _positive_input(rng, shape)
    out = _dropout_output(function, A, keep_prob, rng, False)
    if np.allclose(out, A):
        return
    if np.allclose(out, A / keep_prob) or np.allclose(out, A * keep_prob):
        raise CheckFailed(
            "rescaled at test time: with inverted dropout all the rescaling happens during "
            "training, so at test time (training=False) the layer returns its input unchanged."
        )
    raise CheckFailed(
        "dropped units at test time: with training=False nothing is dropped; return the "
        "input unchanged."
    )


# ---------------------------------------------------------------- 10.2 weight decay by hand


def _after_decay(w0: float, b0: float, lr: float, lam: float, steps: int) -> tuple[float, float]:
    return float(w0 * (1 - lr * lam) ** steps), float(b0)


exercise(
    id="10.2",
    title="after_decay",
    points=2,
    reference=_after_decay,
    mistakes=(
        Mistake(
            "decayed the bias too",
            "the L2 penalty leaves biases alone, so with no data gradient a bias does not move.",
            lambda w0, b0, lr, lam, steps: (
                float(w0 * (1 - lr * lam) ** steps),
                float(b0 * (1 - lr * lam) ** steps),
            ),
        ),
        Mistake(
            "forgot the learning rate",
            "the step is lr times the gradient lam * w, so each step keeps a share "
            "(1 - lr * lam) of the weight.",
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lam) ** steps), float(b0)),
        ),
        Mistake(
            "used 2 * lam",
            "with the penalty lam/2 * w**2 the gradient is lam * w, not 2 * lam * w.",
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - 2 * lr * lam) ** steps), float(b0)),
        ),
        Mistake(
            "subtracted the same amount every step",
            "the gradient lam * w shrinks as w shrinks, so every step removes the same "
            "FRACTION of what is left, not the same amount: the factors multiply.",
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - steps * lr * lam)), float(b0)),
        ),
        Mistake(
            "applied only one step",
            "each of the `steps` updates multiplies the weight by the same factor again.",
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lr * lam)), float(b0)),
        ),
    ),
)
