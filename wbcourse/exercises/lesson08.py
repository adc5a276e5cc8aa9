"""Lesson 08, training a network: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse import training
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson08
from wbcourse.lessonlib.lesson08 import course_evaluate, course_train_epoch
from wbcourse.network import loss_and_grads, predict

# --------------------------------------------------------------------- 08.1 evaluate


def _loss(params, X, y, activation="relu") -> float:
    return course_evaluate(params, X, y, activation)[0]


def _accuracy(params, X, y, activation="relu") -> float:
    return course_evaluate(params, X, y, activation)[1]


exercise(
    id="08.1",
    title="evaluate",
    points=2,
    reference=course_evaluate,
    library_versions=(course_evaluate,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "08.1/count",
                "accuracy as a count",
                "you returned how many examples are right; the accuracy is the fraction that is "
                "right, between 0 and 1, so that sets of different sizes can be compared.",
            ),
            lambda params, X, y, activation="relu": (
                _loss(params, X, y, activation),
                float(np.sum(predict(X, params, activation) == y)),
            ),
        ),
        Fingerprint(
            Mistake(
                "08.1/error-rate",
                "the error rate instead of the accuracy",
                "you returned the share of examples that are wrong; the accuracy is the share "
                "whose predicted class equals the label.",
            ),
            lambda params, X, y, activation="relu": (
                _loss(params, X, y, activation),
                1.0 - _accuracy(params, X, y, activation),
            ),
        ),
        Fingerprint(
            Mistake(
                "08.1/percent",
                "accuracy in percent",
                "return the accuracy as a fraction between 0 and 1 (0.85), not as a percentage.",
            ),
            lambda params, X, y, activation="relu": (
                _loss(params, X, y, activation),
                100.0 * _accuracy(params, X, y, activation),
            ),
        ),
        Fingerprint(
            Mistake(
                "08.1/mean-over-n",
                "divided the mean loss by N again",
                "loss_and_grads already returns the MEAN loss over the examples: use it as it is.",
            ),
            lambda params, X, y, activation="relu": (
                _loss(params, X, y, activation) / len(y),
                _accuracy(params, X, y, activation),
            ),
        ),
        Fingerprint(
            Mistake(
                "08.1/column-labels",
                "compared the predictions with a column of labels",
                "predictions == y[:, None] compares every prediction with every label (an N x N "
                "table); compare the two (N,) arrays entry by entry.",
            ),
            lambda params, X, y, activation="relu": (
                _loss(params, X, y, activation),
                float(np.mean(predict(X, params, activation) == np.asarray(y)[:, None])),
            ),
        ),
        Fingerprint(
            Mistake(
                "08.1/activation",
                "ignored the activation",
                "pass activation on to loss_and_grads and to predict; without it they use ReLU, "
                "another network than the one being evaluated.",
            ),
            lambda params, X, y, activation="relu": course_evaluate(params, X, y),
        ),
        Fingerprint(
            Mistake(
                "08.1/activation-predict",
                "predicted without the activation",
                "your loss is right but the accuracy comes from another network: predict takes "
                "the activation too (its arguments are X, params, activation).",
            ),
            lambda params, X, y, activation="relu": (
                _loss(params, X, y, activation),
                _accuracy(params, X, y),
            ),
        ),
        Fingerprint(
            Mistake(
                "08.1/swapped",
                "returned (accuracy, loss)",
                "return the two numbers in the order asked for: (loss, accuracy).",
            ),
            lambda params, X, y, activation="relu": course_evaluate(params, X, y, activation)[::-1],
        ),
        Fingerprint(
            Mistake(
                "08.1/loss-sum",
                "summed the losses instead of averaging them",
                "your loss is N times too large: the loss of a data set is the mean over its "
                "examples, so that sets of different sizes can be compared.",
            ),
            lambda params, X, y, activation="relu": (
                len(y) * _loss(params, X, y, activation),
                _accuracy(params, X, y, activation),
            ),
        ),
    ),
)


# --------------------------------------------------------------------- 08.2 one epoch


def _step(params: dict, grads: dict, scale: float, keys=None) -> dict:
    """``params + scale * grads`` for ``keys`` (all by default); the others unchanged."""
    keys = params if keys is None else keys
    return {key: params[key] + scale * grads[key] if key in keys else params[key] for key in params}


def _grads(params, X_batch, y_batch, activation="relu") -> dict:
    return loss_and_grads(params, X_batch, y_batch, activation)[1]


def _stepping(scale, keys=None):
    """An epoch of steps ``params + scale(lr) * grads`` at the newest params, one per batch."""

    def epoch(params, batches, lr, activation="relu"):
        for X_batch, y_batch in batches:
            grads = _grads(params, X_batch, y_batch, activation)
            params = _step(params, grads, scale(lr), keys)
        return params

    return epoch


def _over_batch(params, batches, lr, activation="relu"):
    for X_batch, y_batch in batches:
        grads = _grads(params, X_batch, y_batch, activation)
        params = _step(params, grads, -lr / len(X_batch))
    return params


def _from_start_each_time(params, batches, lr, activation="relu"):
    new = params
    for X_batch, y_batch in batches:
        new = _step(params, _grads(params, X_batch, y_batch, activation), -lr)
    return new


def _stale_gradients(params, batches, lr, activation="relu"):
    new = params
    for X_batch, y_batch in batches:
        new = _step(new, _grads(params, X_batch, y_batch, activation), -lr)
    return new


def _one_averaged_step(params, batches, lr, activation="relu"):
    grads = [_grads(params, X_batch, y_batch, activation) for X_batch, y_batch in batches]
    mean = {key: np.mean([g[key] for g in grads], axis=0) for key in params}
    return _step(params, mean, -lr)


def _with_momentum(params, batches, lr, activation="relu", momentum=0.9):
    velocity = dict.fromkeys(params, 0.0)
    for X_batch, y_batch in batches:
        grads = _grads(params, X_batch, y_batch, activation)
        velocity = {key: momentum * velocity[key] + grads[key] for key in params}
        params = _step(params, velocity, -lr)
    return params


def _first_batch_only(params, batches, lr, activation="relu"):
    return course_train_epoch(params, list(batches)[:1], lr, activation)


exercise(
    id="08.2",
    title="train_epoch",
    points=3,
    reference=course_train_epoch,
    library_versions=(course_train_epoch,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "08.2/over-batch",
                "divided the step by the batch size again",
                "loss_and_grads returns the gradients of the MEAN loss over the batch: the 1/N is "
                "already in them, so the step is lr * grad.",
            ),
            _over_batch,
        ),
        Fingerprint(
            Mistake(
                "08.2/wrong-sign",
                "wrong sign in the update",
                "your parameters moved uphill: the loss grows. The gradient points towards "
                "larger loss, so a step goes against it.",
            ),
            _stepping(lambda lr: lr),
        ),
        Fingerprint(
            Mistake(
                "08.2/lr-twice",
                "learning rate applied twice",
                "your steps are lr times too small: the learning rate multiplies the gradient "
                "once, not the gradient and then the step again.",
            ),
            _stepping(lambda lr: -lr * lr),
        ),
        Fingerprint(
            Mistake(
                "08.2/no-lr",
                "forgot the learning rate",
                "your steps are 1/lr times too large: a step is the gradient times the learning "
                "rate.",
            ),
            _stepping(lambda lr: -1.0),
        ),
        Fingerprint(
            Mistake(
                "08.2/weights-only",
                "updated only the weights",
                "the biases did not change; they are learned parameters too and take the same "
                "step.",
            ),
            lambda params, batches, lr, activation="relu": _stepping(
                lambda rate: -rate, keys=[key for key in params if key.startswith("W")]
            )(params, batches, lr, activation),
        ),
        Fingerprint(
            Mistake(
                "08.2/from-start",
                "each step started from the original params",
                "only the last batch's step survived: each batch's gradient must be computed "
                "at, and applied to, the parameters the previous batch produced.",
            ),
            _from_start_each_time,
        ),
        Fingerprint(
            Mistake(
                "08.2/stale-gradients",
                "every gradient computed at the original params",
                "the steps add up, but each batch's gradient was taken at the parameters the "
                "epoch started from: compute it at the current parameters, the result of the "
                "previous step.",
            ),
            _stale_gradients,
        ),
        Fingerprint(
            Mistake(
                "08.2/averaged",
                "one averaged step per epoch",
                "you averaged all batches' gradients and took one step; mini-batch SGD takes one "
                "step per batch, each at the newest parameters.",
            ),
            _one_averaged_step,
        ),
        Fingerprint(
            Mistake(
                "08.2/first-batch",
                "stopped after the first batch",
                "only the first batch's step was taken: is the return inside the loop over the "
                "batches? Return after the loop.",
            ),
            _first_batch_only,
        ),
        Fingerprint(
            Mistake(
                "08.2/activation",
                "ignored the activation",
                "pass activation on to loss_and_grads: without it the gradients are those of a "
                "ReLU network, another network than the one being trained.",
            ),
            lambda params, batches, lr, activation="relu": course_train_epoch(params, batches, lr),
        ),
        Fingerprint(
            Mistake(
                "08.2/unchanged",
                "returned the params unchanged",
                "your function computed steps but returned the parameters it was given: return "
                "the dict the last step produced.",
            ),
            lambda params, batches, lr, activation="relu": params,
        ),
        Fingerprint(
            Mistake(
                "08.2/momentum",
                "added momentum",
                "plain gradient descent steps by -lr * grad alone; momentum (0.9 in PyTorch's "
                "and Keras's SGD examples) also carries part of the previous steps along, "
                "another optimizer (lesson 12).",
            ),
            _with_momentum,
        ),
    ),
)


# --------------------------------------------------------------------- 08.3 the loop

exercise(
    id="08.3",
    title="train",
    points=3,
    reference=None,
    library_versions=(training.train,),
    checked=(
        lesson08.TRAIN_ACTIVATION,
        lesson08.RESTARTED,
        lesson08.BATCHES_ONCE,
        lesson08.BATCH_SIZE,
        lesson08.TRAIN_LR,
        lesson08.TRAIN_EPOCHS,
        lesson08.TRAIN_MEASURED_BEFORE,
        lesson08.INITIAL_MEASURED,
        lesson08.BATCH_MEASURED,
        lesson08.LOSS_AS_ACCURACY,
        lesson08.NO_HISTORY,
        lesson08.SWAPPED,
        lesson08.IGNORED_RNG,
    ),
)


# --------------------------------------------------------------------- 08.4 a budget

exercise(
    id="08.4",
    title="A training budget",
    points=2,
    reference=None,
    checked=(
        lesson08.OVER_BUDGET,
        lesson08.TOO_SLOW,
        lesson08.TOO_LARGE,
        lesson08.BUDGET_NOT_NUMBERS,
    ),
)
