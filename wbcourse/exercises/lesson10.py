"""Lesson 10, regularization: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse import regularization
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson10

# ---------------------------------------------------------------- 10.1 l2_penalty


def _penalty(params, lam, term, slope, biases=False):
    """``lam * sum(term(v))`` over the weights (and the biases); gradients ``lam * slope(v)``."""
    arrays = {key: np.asarray(value, dtype=float) for key, value in params.items()}

    def penalised(key):
        return biases or key.startswith("W")

    total = lam * sum(float(np.sum(term(v))) for k, v in arrays.items() if penalised(k))
    grads = {k: lam * slope(v) if penalised(k) else np.zeros_like(v) for k, v in arrays.items()}
    return total, grads


exercise(
    id="10.1",
    title="l2_penalty",
    points=3,
    reference=regularization.l2_penalty,
    fingerprints=(
        Fingerprint(
            Mistake(
                "10.1/biases",
                "regularized the biases",
                "the penalty (and its gradient) covers the weights only, the keys that start "
                "with 'W'; biases only shift a unit and are left alone.",
            ),
            lambda params, lam: _penalty(params, lam, lambda v: v**2 / 2, lambda v: v, True),
        ),
        Fingerprint(
            Mistake(
                "10.1/no-half",
                "forgot the 1/2",
                "this lesson's penalty is lam/2 times the sum of squares; the 1/2 is there so "
                "that the gradient comes out as exactly lam * W.",
            ),
            lambda params, lam: _penalty(params, lam, lambda v: v**2, lambda v: 2 * v),
        ),
        Fingerprint(
            Mistake(
                "10.1/no-lam",
                "forgot lam",
                "both the penalty and its gradient are scaled by the strength lam.",
            ),
            lambda params, lam: _penalty(params, 1.0, lambda v: v**2 / 2, lambda v: v),
        ),
        Fingerprint(
            Mistake(
                "10.1/l1",
                "wrote the L1 penalty",
                "absolute values and signs belong to L1 (section 4); L2 squares the weights.",
            ),
            lambda params, lam: _penalty(params, lam, np.abs, np.sign),
        ),
        Fingerprint(
            Mistake(
                "10.1/mean",
                "averaged the squares instead of adding them",
                "the penalty adds up the squares of every weight (a sum, not a mean), so a "
                "layer with more weights can cost more.",
            ),
            lambda params, lam: _penalty(
                params, lam, lambda v: v**2 / 2 / v.size, lambda v: v / v.size
            ),
        ),
    ),
    checked=(
        lesson10.PENALTY_FORM,
        lesson10.NO_BIAS_GRADS,
        lesson10.BIAS_GRAD_NUMBER,
        lesson10.SIGN,
        lesson10.NOT_SLOPE,
    ),
    library_versions=(regularization.l2_penalty, regularization.l1_penalty),
)

# ---------------------------------------------------------------- 10.2 after_decay


def _after_decay(w0: float, b0: float, lr: float, lam: float, steps: int) -> tuple[float, float]:
    return float(w0 * (1 - lr * lam) ** steps), float(b0)


exercise(
    id="10.2",
    title="Weight decay by hand",
    points=2,
    reference=_after_decay,
    fingerprints=(
        Fingerprint(
            Mistake(
                "10.2/bias-decays",
                "decayed the bias too",
                "the L2 penalty leaves biases alone, so with no data gradient a bias does not "
                "move.",
            ),
            lambda w0, b0, lr, lam, steps: (
                float(w0 * (1 - lr * lam) ** steps),
                float(b0 * (1 - lr * lam) ** steps),
            ),
        ),
        Fingerprint(
            Mistake(
                "10.2/bias-zero",
                "sent the bias to 0",
                "no gradient acts on this bias: neither the data (its gradient is 0 here) nor "
                "the L2 penalty, which leaves biases alone. So where does it end up?",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lr * lam) ** steps), 0.0),
        ),
        Fingerprint(
            Mistake(
                "10.2/no-lr",
                "forgot the learning rate",
                "the step is lr times the gradient lam * w: what share of the weight does one "
                "step keep?",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lam) ** steps), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/two-lam",
                "used 2 * lam",
                "with the penalty lam/2 * w**2 the gradient is lam * w, not 2 * lam * w.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - 2 * lr * lam) ** steps), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/half-lam",
                "used lam / 2",
                "the penalty lam/2 * w**2 has the gradient lam * w: the 1/2 cancels the 2 of "
                "the square.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lr * lam / 2) ** steps), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/grows",
                "the weight grows instead of decaying",
                "gradient descent steps against the gradient lam * w, so every step takes "
                "lr * lam * w away from w.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 + lr * lam) ** steps), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/same-amount",
                "subtracted the same amount every step",
                "the gradient lam * w shrinks as w shrinks, so every step removes the same "
                "FRACTION of what is left, not the same amount: the factors multiply.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - steps * lr * lam)), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/l1",
                "a constant pull, as with the L1 penalty",
                "the L2 penalty's gradient is lam * w, proportional to the weight, not "
                "lam * sign(w): each step takes away a fraction of what is left.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 - np.sign(w0) * steps * lr * lam), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/times-steps",
                "multiplied by steps instead of applying the factor steps times",
                "each step multiplies the weight by the same factor again, so after `steps` "
                "steps the factor appears `steps` times in the product: a power.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lr * lam) * steps), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/one-step",
                "applied only one step",
                "each of the `steps` updates multiplies the weight by the same factor again.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lr * lam)), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/steps-minus-one",
                "one step too few",
                "after `steps` updates the factor has been applied `steps` times: count the "
                "factors in your product.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * (1 - lr * lam) ** (steps - 1)), float(b0)),
        ),
        Fingerprint(
            Mistake(
                "10.2/exp",
                "used the exponential approximation",
                "exp(-lr * lam * steps) is only close for tiny steps; gradient descent takes "
                "`steps` discrete steps, each multiplying the weight by the same exact factor.",
            ),
            lambda w0, b0, lr, lam, steps: (float(w0 * np.exp(-lr * lam * steps)), float(b0)),
        ),
    ),
)

# ---------------------------------------------------------------- 10.3 best_epoch


def _walk(
    losses, patience, *, ties=False, previous=False, reset=True, stop=False, dips=False
) -> tuple[int, int]:
    """``(best epoch, stopping epoch)`` of early stopping, with the slips the keywords name.

    ``ties``: an equal loss counts as an improvement; ``previous``: an epoch improves
    when it beats the epoch before it (not the best so far); ``reset=False``: the count
    of epochs without improvement is never set back to 0; ``dips``: it is also set back
    by a loss below the epoch before's that is no new best. The stopping epoch of a run
    that never stops is the last epoch, or with ``stop=True`` the best one.
    """
    best, waited = 0, 0
    for epoch in range(1, len(losses)):
        bar = losses[epoch - 1] if previous else losses[best]
        if losses[epoch] < bar or (ties and losses[epoch] == bar):
            best, waited = epoch, waited if not reset else 0
            continue
        waited = 0 if dips and losses[epoch] < losses[epoch - 1] else waited + 1
        if waited >= patience:
            return best, epoch
    return best, best if stop else len(losses) - 1


def _best_epoch(history: dict, patience: int) -> int:
    return _walk(history["val_loss"], patience)[0]


def _best(**slips):
    return lambda history, patience: _walk(history["val_loss"], patience, **slips)[0]


exercise(
    id="10.3",
    title="best_epoch",
    points=3,
    reference=_best_epoch,
    fingerprints=(
        Fingerprint(
            Mistake(
                "10.3/training-loss",
                "picked the training-loss minimum",
                'you looked at history["loss"], the training loss, which keeps falling while '
                "the network memorises; early stopping watches the validation loss.",
            ),
            lambda history, patience: _walk(history["loss"], patience)[0],
        ),
        Fingerprint(
            Mistake(
                "10.3/stop-epoch",
                "returned the epoch where training stopped",
                "the stopping epoch is only where you notice that it got no better; return the "
                "best epoch seen up to then, whose weights you would keep.",
            ),
            lambda history, patience: _walk(history["val_loss"], patience)[1],
        ),
        Fingerprint(
            Mistake(
                "10.3/stop-epoch-or-best",
                "returned the epoch where training stopped (the best one only when it never "
                "stopped)",
                "the stopping epoch is only where you notice that it got no better; return the "
                "best epoch seen up to then, whose weights you would keep, in every case.",
            ),
            lambda history, patience: _walk(history["val_loss"], patience, stop=True)[1],
        ),
        Fingerprint(
            Mistake(
                "10.3/last",
                "returned the last epoch",
                "the last epoch is the most overfitted one; return the epoch with the lowest "
                "validation loss seen before training stops.",
            ),
            lambda history, patience: len(history["val_loss"]) - 1,
        ),
        Fingerprint(
            Mistake(
                "10.3/no-patience",
                "ignored the patience",
                "you took the lowest validation loss of all epochs, including epochs after "
                "training would already have stopped.",
            ),
            lambda history, patience: int(np.argmin(history["val_loss"])),
        ),
        Fingerprint(
            Mistake(
                "10.3/one-based",
                "counted epochs from 1",
                "return the index into the list (the first epoch is 0), not a 1-based number.",
            ),
            lambda history, patience: _best_epoch(history, patience) + 1,
        ),
        Fingerprint(
            Mistake(
                "10.3/late",
                "waited one epoch too many",
                "training stops at the first epoch that makes `patience` epochs in a row "
                "without a new best; you looked one epoch further.",
            ),
            lambda history, patience: _best_epoch(history, patience + 1),
        ),
        Fingerprint(
            Mistake(
                "10.3/early",
                "stopped one epoch too early",
                "after the best epoch, `patience` epochs in a row must fail to improve before "
                "training stops; you stopped after `patience - 1`.",
            ),
            lambda history, patience: _best_epoch(history, max(patience - 1, 1)),
        ),
        Fingerprint(
            Mistake(
                "10.3/ties",
                "counted an equal loss as an improvement",
                "an epoch improves only when its validation loss is strictly lower than the "
                "best so far; an epoch that only ties it is one more epoch without improvement.",
            ),
            _best(ties=True),
        ),
        Fingerprint(
            Mistake(
                "10.3/previous",
                "compared with the previous epoch, not with the best so far",
                "an epoch improves only when it beats the best validation loss seen so far; "
                "beating the epoch just before it is not enough.",
            ),
            _best(previous=True),
        ),
        Fingerprint(
            Mistake(
                "10.3/dip-resets",
                "restarted the count on any dip below the epoch before",
                "patience counts the epochs in a row without a NEW BEST: a loss below last "
                "epoch's that stays above the best so far is one more epoch without improvement.",
            ),
            _best(dips=True),
        ),
        Fingerprint(
            Mistake(
                "10.3/no-reset",
                "never reset the count of epochs without improvement",
                "patience counts the epochs IN A ROW without a new best: after every new best "
                "the count starts again from 0.",
            ),
            _best(reset=False),
        ),
        Fingerprint(
            Mistake(
                "10.3/loss-value",
                "returned the best loss instead of its epoch",
                "return the epoch's index (an int), the position of the best loss in the list, "
                "not the loss itself.",
            ),
            lambda history, patience: float(history["val_loss"][_best_epoch(history, patience)]),
        ),
    ),
)

# ---------------------------------------------------------------- 10.4 dropout_forward

exercise(
    id="10.4",
    title="dropout_forward",
    points=4,
    reference=None,
    checked=(
        lesson10.NO_RESCALE,
        lesson10.TIMES_KEEP,
        lesson10.FLIPPED,
        lesson10.SAME_MASK,
        lesson10.SHARED_MASK,
        lesson10.GLOBAL_RNG,
        lesson10.RESCALE_AT_TEST,
        lesson10.DROP_AT_TEST,
        lesson10.ONE_DRAW,
        lesson10.TUPLE,
    ),
    library_versions=(regularization.dropout_forward,),
)
