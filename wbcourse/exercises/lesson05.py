"""Lesson 05, loss functions: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse import losses
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson05
from wbcourse.oracle import Answer

# ---------------------------------------------------------------- 05.1 binary cross-entropy


def _bce_terms(p, y) -> np.ndarray:
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    return y * np.log(p) + (1 - y) * np.log(1 - p)


def _binary_cross_entropy(p, y) -> float:
    """Mean binary cross-entropy of probabilities ``p`` (N,) against 0/1 labels ``y`` (N,).

    Examples
    --------
    >>> round(_binary_cross_entropy(np.array([0.9, 0.2]), np.array([1, 0])), 4)
    0.1643
    """
    return float(-np.mean(_bce_terms(p, y)))


exercise(
    id="05.1",
    title="binary_cross_entropy",
    points=2,
    reference=_binary_cross_entropy,
    library_versions=(losses.binary_cross_entropy, losses.binary_cross_entropy_with_logits),
    fingerprints=(
        Fingerprint(
            Mistake(
                "05.1/minus-first-term",
                "put the minus sign on the first term only",
                "the loss is minus the mean of BOTH log terms: -(y ln p + (1 - y) ln(1 - p)); "
                "brackets keep the minus on the whole sum.",
            ),
            lambda p, y: float(
                np.mean(
                    -np.asarray(y) * np.log(p) + (1 - np.asarray(y)) * np.log(1 - np.asarray(p))
                )
            ),
        ),
        Fingerprint(
            Mistake(
                "05.1/mean-twice",
                "averaged twice: divided the mean by N again",
                "np.mean already divides by N; dividing its result by N again makes the loss N "
                "times too small.",
            ),
            lambda p, y: _binary_cross_entropy(p, y) / len(p),
        ),
        Fingerprint(
            Mistake(
                "05.1/no-minus",
                "forgot the minus sign",
                "the log of a probability is negative or 0; the loss puts a minus in front so "
                "that it is positive and grows as the prediction gets worse.",
            ),
            lambda p, y: float(np.mean(_bce_terms(p, y))),
        ),
        Fingerprint(
            Mistake(
                "05.1/sum",
                "sum instead of mean: your loss is N times too large",
                "the loss is the mean over the N examples, so that it does not grow with the "
                "batch size.",
            ),
            lambda p, y: float(-np.sum(_bce_terms(p, y))),
        ),
        Fingerprint(
            Mistake(
                "05.1/per-example",
                "returned one loss per example",
                "the loss of the batch is one number: the mean of the examples' losses.",
            ),
            lambda p, y: -_bce_terms(p, y),
        ),
        Fingerprint(
            Mistake(
                "05.1/no-label-0-term",
                "left out the (1 - y) term",
                "for an example with label 0 the loss must look at the probability of class 0, "
                "1 - p; your loss ignores those examples.",
            ),
            lambda p, y: float(-np.mean(np.asarray(y) * np.log(p))),
        ),
        Fingerprint(
            Mistake(
                "05.1/y-in-both-terms",
                "weighted both terms by y",
                "the second term is for the examples with label 0: which factor is 1 exactly "
                "for them?",
            ),
            lambda p, y: float(
                -np.mean(np.asarray(y) * (np.log(p) + np.log(1 - np.asarray(p, dtype=float))))
            ),
        ),
        Fingerprint(
            Mistake(
                "05.1/swapped",
                "swapped p and 1 - p",
                "p is the probability of class 1, so it goes with y, and 1 - p goes with 1 - y.",
            ),
            lambda p, y: float(-np.mean(_bce_terms(1 - np.asarray(p, dtype=float), y))),
        ),
        Fingerprint(
            Mistake(
                "05.1/log10",
                "used log base 10",
                "cross-entropy uses the natural logarithm, np.log.",
            ),
            lambda p, y: float(-np.mean(_bce_terms(p, y)) / np.log(10)),
        ),
        Fingerprint(
            Mistake(
                "05.1/squared-error",
                "computed the squared error",
                "(p - y) ** 2 is the MSE of the probabilities; cross-entropy is -log of the "
                "probability the network gave to the true class.",
            ),
            lambda p, y: float(np.mean((np.asarray(p, dtype=float) - np.asarray(y)) ** 2)),
        ),
        Fingerprint(
            Mistake(
                "05.1/log-p-twice",
                "used ln p in the label-0 term too",
                "for a label 0 the loss looks at the probability of class 0, which is 1 - p: its "
                "term is (1 - y) * ln(1 - p).",
            ),
            lambda p, y: float(-np.mean(np.log(np.asarray(p, dtype=float)))),
        ),
        Fingerprint(
            Mistake(
                "05.1/log-one-minus-p-twice",
                "used ln(1 - p) in the label-1 term too",
                "for a label 1 the loss looks at the probability of class 1, which is p: its "
                "term is y * ln(p).",
            ),
            lambda p, y: float(-np.mean(np.log(1 - np.asarray(p, dtype=float)))),
        ),
        Fingerprint(
            Mistake(
                "05.1/precedence",
                "wrote 1 - y * ln(1 - p) without brackets around 1 - y",
                "multiplication comes before subtraction: the label-0 term is (1 - y) * ln(1 - p), "
                "with the brackets.",
            ),
            lambda p, y: float(
                -np.mean(np.asarray(y) * np.log(p) + 1 - np.asarray(y) * np.log(1 - np.asarray(p)))
            ),
        ),
        Fingerprint(
            Mistake(
                "05.1/log-of-mean",
                "took the log of the mean probability",
                "the loss averages the examples' -log values; the log of an average is not the "
                "average of the logs.",
            ),
            lambda p, y: float(-np.log(np.mean(np.exp(_bce_terms(p, y))))),
        ),
        Fingerprint(
            Mistake(
                "05.1/over-positives",
                "divided by the number of 1-labels instead of N",
                "the mean is over all N examples, whatever their labels: examples with label 0 "
                "count too.",
            ),
            lambda p, y: float(-np.sum(_bce_terms(p, y)) / max(np.sum(y), 1)),
        ),
    ),
)


# ---------------------------------------------------------------- 05.2 softmax cross-entropy


def _log_softmax(logits, axis: int = 1) -> np.ndarray:
    logits = np.asarray(logits, dtype=float)
    shifted = logits - logits.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def _rows(y) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y)
    return np.arange(len(y)), y


def _softmax_cross_entropy(logits, y) -> float:
    """Mean softmax cross-entropy of logits (N, C) against integer labels (N,).

    Examples
    --------
    >>> round(_softmax_cross_entropy(np.array([[2.0, 0.0, 0.0]]), np.array([0])), 4)
    0.2395
    """
    return float(-np.mean(_log_softmax(logits)[_rows(y)]))


def _onehot(y, n_classes: int) -> np.ndarray:
    return np.eye(n_classes)[np.asarray(y)]


def _max_not_added_back(logits, y) -> float:
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    lse = np.log(np.exp(logits - m).sum(axis=1))
    return float(np.mean(lse - logits[_rows(y)]))


def _column_max(logits, y) -> float:
    logits = np.asarray(logits, dtype=float)
    shifted = logits - logits.max(axis=0, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(log_probs[_rows(y)]))


def _max_without_keepdims(logits, y) -> float:
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1)
    lse = m + np.log(np.exp(logits - m).sum(axis=1))
    return float(np.mean(lse - logits[_rows(y)]))


def _sum_over_batch(logits, y) -> float:
    logits = np.asarray(logits, dtype=float)
    shifted = logits - logits.max(axis=1, keepdims=True)
    return float(-np.mean(shifted[_rows(y)] - np.log(np.exp(shifted).sum())))


exercise(
    id="05.2",
    title="softmax_cross_entropy",
    points=3,
    reference=_softmax_cross_entropy,
    library_versions=(losses.softmax_cross_entropy,),
    questions={
        "probes": lambda logits, y: lesson05.large_logit_probes(_softmax_cross_entropy, logits, y)
    },
    fingerprints=(
        Fingerprint(
            Mistake(
                "05.2/sum",
                "sum instead of mean: your loss is N times too large",
                "the loss is the mean over the N examples (rows), not their sum.",
            ),
            lambda logits, y: float(-np.sum(_log_softmax(logits)[_rows(y)])),
        ),
        Fingerprint(
            Mistake(
                "05.2/no-minus",
                "forgot the minus sign",
                "log-probabilities are negative; the loss is minus their mean.",
            ),
            lambda logits, y: float(np.mean(_log_softmax(logits)[_rows(y)])),
        ),
        Fingerprint(
            Mistake(
                "05.2/columns-y",
                "indexed with [:, y]",
                "[:, y] picks the columns y for EVERY row, an (N, N) array; each row i needs "
                "only its own column y[i]: index rows and columns together.",
            ),
            lambda logits, y: float(-np.mean(_log_softmax(logits)[:, np.asarray(y)])),
        ),
        Fingerprint(
            Mistake(
                "05.2/labels-not-one-hot",
                "multiplied by the integer labels as if they were one-hot",
                "y holds class numbers (0, 1, 2, ...), one per example, not one-hot rows: "
                "multiplying by y scales whole rows by the class number. Pick each row's "
                "log-probability at column y[i], or build the one-hot matrix first.",
            ),
            lambda logits, y: float(
                -np.mean(np.sum(np.asarray(y)[:, None] * _log_softmax(logits), axis=1))
            ),
        ),
        Fingerprint(
            Mistake(
                "05.2/mean-over-classes",
                "averaged over all N x C entries",
                "with a one-hot matrix, np.mean over the whole (N, C) array also divides by the "
                "number of classes C; sum over the classes, then average over the examples.",
            ),
            lambda logits, y: float(
                -np.mean(_onehot(y, np.shape(logits)[1]) * _log_softmax(logits))
            ),
        ),
        Fingerprint(
            Mistake(
                "05.2/no-log",
                "forgot the log",
                "cross-entropy is minus the mean LOG-probability of the true class, not the "
                "probability itself.",
            ),
            lambda logits, y: float(-np.mean(np.exp(_log_softmax(logits)[_rows(y)]))),
        ),
        Fingerprint(
            Mistake(
                "05.2/max-not-added-back",
                "subtracted the row maximum but did not add it back",
                "log(sum(exp(z - m))) is the log-sum-exp minus m: either add m back, or take "
                "the true class's logit from the shifted logits too.",
            ),
            _max_not_added_back,
        ),
        Fingerprint(
            Mistake(
                "05.2/column-max",
                "shifted by the maximum of each column (axis=0)",
                "the shift must be the same for every entry of a ROW (one example's logits); "
                "a column max shifts the classes by different amounts and changes the softmax: "
                "use axis=1.",
            ),
            _column_max,
        ),
        Fingerprint(
            Mistake(
                "05.2/max-keepdims",
                "row maxima without keepdims",
                "logits.max(axis=1) has shape (N,), which lines up with the columns: row j's "
                "maximum is subtracted from column j (and most shapes raise an error). Keep the "
                "axis (keepdims=True) so that each row loses its own maximum.",
            ),
            _max_without_keepdims,
        ),
        Fingerprint(
            Mistake(
                "05.2/sum-over-batch",
                "summed the exponentials over the whole batch, not over each row",
                "np.sum without an axis adds up every entry; each example's log-sum-exp sums "
                "only its own row: axis=1.",
            ),
            _sum_over_batch,
        ),
    ),
    checked=(lesson05.LOSS_NAIVE, lesson05.LOSS_LOG_OF_ZERO, lesson05.LOSS_BATCH_MAX),
)


# ---------------------------------------------------------------- 05.3 its gradient


def _probabilities(logits, axis: int = 1) -> np.ndarray:
    return np.exp(_log_softmax(logits, axis))


def _softmax_cross_entropy_grad(logits, y) -> np.ndarray:
    """Gradient of the mean softmax cross-entropy w.r.t. the logits: (softmax - onehot) / N.

    Examples
    --------
    >>> _softmax_cross_entropy_grad(np.array([[0.0, 0.0]]), np.array([1]))
    array([[ 0.5, -0.5]])
    """
    return (_probabilities(logits) - _onehot(y, np.shape(logits)[1])) / len(logits)


def _subtract_columns(logits, y):
    probs = _probabilities(logits)
    probs[:, np.asarray(y)] -= 1.0
    return probs / len(probs)


exercise(
    id="05.3",
    title="softmax_cross_entropy_grad",
    points=3,
    reference=_softmax_cross_entropy_grad,
    library_versions=(losses.softmax_cross_entropy,),
    questions={
        "probes": lambda logits, y: lesson05.large_logit_probes(
            _softmax_cross_entropy_grad, logits, y
        )
    },
    fingerprints=(
        Fingerprint(
            Mistake(
                "05.3/no-n",
                "forgot to divide by N: your gradient is N times too large",
                "the loss is a mean over the N examples, so each example's gradient is "
                "divided by N too.",
            ),
            lambda logits, y: _probabilities(logits) - _onehot(y, np.shape(logits)[1]),
        ),
        Fingerprint(
            Mistake(
                "05.3/divided-by-c",
                "divided by the number of classes C, not by N",
                "the 1/N comes from the mean over the N examples (rows), len(logits) or "
                "logits.shape[0].",
            ),
            lambda logits, y: (
                (_probabilities(logits) - _onehot(y, np.shape(logits)[1])) / np.shape(logits)[1]
            ),
        ),
        Fingerprint(
            Mistake(
                "05.3/no-onehot",
                "forgot to subtract the one-hot labels",
                "the gradient is the predicted probabilities minus the target "
                "probabilities: the true class's entry gets -1 before dividing by N.",
            ),
            lambda logits, y: _probabilities(logits) / len(logits),
        ),
        Fingerprint(
            Mistake(
                "05.3/sign",
                "wrong sign",
                "you computed (onehot - softmax) / N; raising the true class's logit must "
                "LOWER the loss, so its gradient entry is negative.",
            ),
            lambda logits, y: -_softmax_cross_entropy_grad(logits, y),
        ),
        Fingerprint(
            Mistake(
                "05.3/columns-y",
                "subtracted 1 in whole columns (p[:, y] -= 1)",
                "p[:, y] selects the columns y in EVERY row; each row i gets -1 only in its "
                "own column y[i]: index rows and columns together.",
            ),
            _subtract_columns,
        ),
        Fingerprint(
            Mistake(
                "05.3/minus-one-everywhere",
                "subtracted 1 from every entry",
                "only the true class's entry of each row gets -1 (the one-hot target), not "
                "every entry.",
            ),
            lambda logits, y: (_probabilities(logits) - 1.0) / len(logits),
        ),
        Fingerprint(
            Mistake(
                "05.3/labels-not-one-hot",
                "subtracted the integer labels, not one-hot rows",
                "y holds class numbers, one per example; the target of row i is a one-hot row "
                "with its 1 in column y[i] (np.eye(C)[y]).",
            ),
            lambda logits, y: (_probabilities(logits) - np.asarray(y)[:, None]) / len(logits),
        ),
        Fingerprint(
            Mistake(
                "05.3/eye-n",
                "built the one-hot rows from np.eye(N), not np.eye(C)",
                "row i of np.eye(K) is a one-hot row of length K; the targets need one entry "
                "per class, so K is the number of classes C, logits.shape[1].",
            ),
            lambda logits, y: (_probabilities(logits) - np.eye(len(logits))[y]) / len(logits),
        ),
        Fingerprint(
            Mistake(
                "05.3/classes-from-labels",
                "counted the classes from the largest label, y.max() + 1",
                "a batch need not hold every class: the number of classes C is the number of "
                "columns of the logits, logits.shape[1].",
            ),
            lambda logits, y: (_probabilities(logits) - np.eye(np.max(y) + 1)[y]) / len(logits),
        ),
        Fingerprint(
            Mistake(
                "05.3/softmax-over-batch",
                "took the softmax over the batch (axis 0), not over each row",
                "each example's probabilities are the softmax of its own row of logits: "
                "normalise with axis=1, so that every row sums to 1.",
            ),
            lambda logits, y: (
                (_probabilities(logits, axis=0) - _onehot(y, np.shape(logits)[1])) / len(logits)
            ),
        ),
        Fingerprint(
            Mistake(
                "05.3/batch-mean",
                "averaged over the batch: one row instead of N",
                "the gradient has the logits' shape, (N, C): one row per example. The 1/N of the "
                "mean loss divides each row; it does not add the rows up.",
            ),
            lambda logits, y: np.mean(
                _probabilities(logits) - _onehot(y, np.shape(logits)[1]), axis=0
            ),
        ),
        Fingerprint(
            Mistake(
                "05.3/over-nc",
                "divided by N * C: C times too small",
                "the loss is a mean over the N examples only; the C classes of one example are "
                "not averaged.",
            ),
            lambda logits, y: _softmax_cross_entropy_grad(logits, y) / np.shape(logits)[1],
        ),
    ),
    checked=(lesson05.GRAD_NAIVE, lesson05.GRAD_BATCH_MAX),
)


# ---------------------------------------------------------------- 05.4 reading losses

_LOG10 = Mistake(
    "05.4/log10",
    "used log base 10",
    "cross-entropy uses the natural logarithm: np.log, and np.exp to undo it.",
)
_NO_MINUS = Mistake(
    "05.4/no-minus",
    "forgot the minus sign",
    "the loss is -ln(probability), never negative; undoing it gives exp(-loss), at most 1.",
)
_LOG2 = Mistake(
    "05.4/log2",
    "used log base 2",
    "cross-entropy uses the natural logarithm: np.log (math.log), and np.exp to undo it.",
)
_PROBABILITY = Mistake(
    "05.4/probability-not-loss",
    "gave the probability, not the loss",
    "1 / C is the probability each class gets; the loss is -ln of the true class's probability.",
)
_EXAMPLE_CLASSES = Mistake(
    "05.4/example-classes",
    "uniform_loss: the example's 10 classes, whatever n_classes",
    "each class gets 1 / n_classes of the probability: use the argument, not the 10 of the "
    "example.",
)
_SUMMED = Mistake(
    "05.4/summed-classes",
    "summed over the classes",
    "only the true class's probability enters an example's loss, once.",
)
_LOG_AGAIN = Mistake(
    "05.4/log-again",
    "applied -ln again",
    "the loss already is -ln(p): undo the log to get p back, do not take it again.",
)
_ONE_MINUS = Mistake(
    "05.4/one-minus-loss",
    "read the loss as 1 minus the probability",
    "cross-entropy is -ln(p), not 1 - p: undo the log.",
)
_OTHER_CLASSES = Mistake(
    "05.4/other-classes",
    "gave the probability of the other classes",
    "exp(-loss) is the true class's probability; 1 minus it is what the other classes got "
    "together.",
)
_WRONG_CLASS = Mistake(
    "05.4/wrong-class",
    "used the probability of class 1",
    "the label is 0, so the loss looks at the probability the network gave to class 0, "
    "which is 1 - p.",
)
_BOTH_TERMS = Mistake(
    "05.4/both-terms",
    "added both classes' terms, -ln p - ln(1 - p)",
    "an example's loss has one term, for its true class: with label 0 that is the "
    "probability of class 0, 1 - p; the label weights y and 1 - y switch the other term off.",
)
_SQUARED = Mistake(
    "05.4/squared-error",
    "computed the squared error",
    "(p - 0) ** 2 is the squared error of the prediction; cross-entropy is -ln of the "
    "probability given to the true class.",
)


def _in_part(part: str, mistake: Mistake) -> Mistake:
    """``mistake`` made in one reading only (the shared one explains a slip made in all three)."""
    slug = mistake.id.split("/")[1]
    return Mistake(f"05.4/{part}-{slug}", f"{part}: {mistake.name}", mistake.hint)


_PARTS = ("uniform_loss", "probability_for_loss", "confident_mistake_loss")
_ONE_PART = {
    (part, shared.id): _in_part(part, shared)
    for part in _PARTS
    for shared in (_LOG10, _NO_MINUS, _LOG2)
}


def _answer(part: str, expected: float, wrong: dict) -> Answer:
    """An :class:`Answer` of the reading ``part``; its wrong readings that are numbers, by
    mistake id (a slip it shares with the other readings under both ids)."""
    pairs = [(mistake.id, float(value)) for mistake, value in wrong.items()]
    pairs += [(_ONE_PART[part, m].id, v) for m, v in pairs if (part, m) in _ONE_PART]
    return Answer(float(expected), tuple((m, v) for m, v in pairs if np.isfinite(v)))


@np.errstate(all="ignore")
def _uniform_loss(c: float) -> Answer:
    wrong = {_LOG10: np.log10(c), _NO_MINUS: -np.log(c), _PROBABILITY: 1 / c, _LOG2: np.log2(c)}
    wrong |= {_SUMMED: c * np.log(c), _EXAMPLE_CLASSES: np.log(10.0)}
    return _answer("uniform_loss", np.log(c), wrong)


@np.errstate(all="ignore")
def _probability_for_loss(s: float) -> Answer:
    wrong = {_LOG10: 10.0**-s, _NO_MINUS: np.exp(s), _LOG_AGAIN: -np.log(s), _LOG2: 2.0**-s}
    wrong |= {_ONE_MINUS: 1 - s, _OTHER_CLASSES: 1 - np.exp(-s)}
    return _answer("probability_for_loss", np.exp(-s), wrong)


@np.errstate(all="ignore")
def _confident_mistake_loss(p: float) -> Answer:
    wrong = {_LOG10: -np.log10(1 - p), _NO_MINUS: np.log(1 - p), _WRONG_CLASS: -np.log(p)}
    wrong |= {_LOG2: -np.log2(1 - p), _BOTH_TERMS: -np.log(p) - np.log(1 - p)}
    return _answer("confident_mistake_loss", -np.log(1 - p), wrong | {_SQUARED: p**2})


exercise(
    id="05.4",
    title="Reading cross-entropy values",
    points=3,
    reference=None,
    questions={
        "uniform_loss": _uniform_loss,
        "probability_for_loss": _probability_for_loss,
        "confident_mistake_loss": _confident_mistake_loss,
    },
    checked=(
        _LOG10,
        _NO_MINUS,
        _PROBABILITY,
        _SUMMED,
        _EXAMPLE_CLASSES,
        _LOG_AGAIN,
        _ONE_MINUS,
        _OTHER_CLASSES,
        _WRONG_CLASS,
        _SQUARED,
        _LOG2,
        _BOTH_TERMS,
        *_ONE_PART.values(),
    ),
)
