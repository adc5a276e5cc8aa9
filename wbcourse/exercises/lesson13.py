"""Lesson 13, your own network end to end: references and known mistakes (the instructor's side).

Exercise 13.1 grades seven parts that the student pastes from lessons 02-07. Their
mistakes are those of the earlier exercises, with ids of their own under 13.1 (an
exercise names only mistakes whose ids start with its own).
"""

from __future__ import annotations

import copy

import numpy as np

from wbcourse import activations, layers, losses, network
from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise, wrong_answers
from wbcourse.lessonlib import lesson13
from wbcourse.lessonlib.lesson13 import course_loss_and_grads, course_parts, course_update_ratios
from wbcourse.oracle import Answer

# ------------------------------------------------------------------ 13.1 your parts


def _log_softmax(logits) -> np.ndarray:
    logits = np.asarray(logits, dtype=float)
    return logits - losses.log_sum_exp(logits)[:, None]


def _picked(logits, y) -> np.ndarray:
    return _log_softmax(logits)[np.arange(len(y)), np.asarray(y)]


def _probabilities(logits) -> np.ndarray:
    return np.exp(_log_softmax(logits))


def _onehot(y, n_classes: int) -> np.ndarray:
    return np.eye(n_classes)[np.asarray(y)]


def _subtract_columns(logits, y):
    probs = _probabilities(logits)
    probs[:, np.asarray(y)] -= 1.0
    return probs / len(probs)


def _column_max_softmax(Z):
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _max_not_added(logits, y):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1)
    return float(np.mean(np.log(np.exp(logits - m[:, None]).sum(axis=1)) - _chosen(logits, y)))


def _chosen(logits, y) -> np.ndarray:
    return np.asarray(logits, dtype=float)[np.arange(len(y)), np.asarray(y)]


def _fp(part: str, slug: str, name: str, hint: str, answer) -> Fingerprint:
    return Fingerprint(Mistake(f"13.1/{slug}", f"{part}: {name}", hint), answer)


#: Each part's known mistakes, recognised by their answers.
PART_FINGERPRINTS: dict[str, tuple[Fingerprint, ...]] = {
    "dense_forward": (
        _fp(
            "dense_forward",
            "dense-no-bias",
            "forgot the bias",
            "your Z equals X @ W alone; every neuron adds its own bias, so add b to every row.",
            lambda X, W, b: X @ W,
        ),
        _fp(
            "dense_forward",
            "dense-bias-subtracted",
            "subtracted the bias",
            "the bias is added to the weighted sums: Z = X @ W + b.",
            lambda X, W, b: X @ W - b,
        ),
        _fp(
            "dense_forward",
            "dense-activation",
            "applied the ReLU inside dense_forward",
            "dense_forward returns the weighted sums Z themselves; the activation is a "
            "separate part, applied to Z afterwards (relu), and the last layer has none.",
            lambda X, W, b: np.maximum(X @ W + b, 0.0),
        ),
    ),
    "relu": (
        _fp(
            "relu",
            "relu-mask",
            "returned the mask, not the values",
            "you returned 1 where z > 0 (that is ReLU's slope); ReLU passes z itself through "
            "where it is positive.",
            lambda z: (np.asarray(z) > 0).astype(float),
        ),
        _fp(
            "relu",
            "relu-negative",
            "kept the negative part",
            "ReLU keeps the positive values and replaces the negative ones by 0, not the "
            "other way round.",
            lambda z: np.minimum(z, 0.0),
        ),
        _fp(
            "relu",
            "relu-abs",
            "took the absolute value",
            "negative inputs must become 0, not change sign.",
            lambda z: np.abs(z),
        ),
    ),
    "softmax": (
        _fp(
            "softmax",
            "softmax-columns",
            "normalized over the wrong axis",
            "your columns sum to 1, not your rows. Each row is one example with C logits; "
            "normalize along axis 1, within each row.",
            lambda Z: activations.softmax(np.asarray(Z).T).T,
        ),
        _fp(
            "softmax",
            "softmax-whole",
            "divided by the sum of the whole array",
            "each example (row) needs its own normalizer, so that every row sums to 1: sum "
            "along axis 1, keepdims=True.",
            lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
        ),
        _fp(
            "softmax",
            "softmax-column-max",
            "subtracted each column's max",
            "the max that keeps exp from overflowing is each row's own, Z.max(axis=1, "
            "keepdims=True): a row's softmax does not change when the whole row shifts, but "
            "it does when each column shifts by a different amount.",
            _column_max_softmax,
        ),
        _fp(
            "softmax",
            "softmax-no-exp",
            "forgot the exponential",
            "dividing the logits by their sum does not give probabilities (logits can be "
            "negative); exponentiate first.",
            lambda Z: Z / Z.sum(axis=1, keepdims=True),
        ),
    ),
    "softmax_cross_entropy": (
        _fp(
            "softmax_cross_entropy",
            "sce-sum",
            "summed over the batch instead of taking the mean",
            "the loss is the mean over the N examples (rows), not their sum.",
            lambda logits, y: float(-np.sum(_picked(logits, y))),
        ),
        _fp(
            "softmax_cross_entropy",
            "sce-sign",
            "forgot the minus sign",
            "log-probabilities are negative; the loss is minus their mean.",
            lambda logits, y: float(np.mean(_picked(logits, y))),
        ),
        _fp(
            "softmax_cross_entropy",
            "sce-columns",
            "indexed with logits[:, y]",
            "logits[:, y] picks the columns y for EVERY row, an (N, N) array; each row i needs "
            "only its own column y[i]: index rows and columns together.",
            lambda logits, y: float(-np.mean(_log_softmax(logits)[:, np.asarray(y)])),
        ),
        _fp(
            "softmax_cross_entropy",
            "sce-labels-not-onehot",
            "used the integer labels as if they were one-hot",
            "y holds class numbers (0, 1, 2, ...), one per example, not one-hot rows: "
            "multiplying by y mixes up the classes. Pick each row's log-probability at "
            "column y[i], or build the one-hot matrix first.",
            lambda logits, y: float(-np.mean(np.sum(np.asarray(y) * _log_softmax(logits), axis=1))),
        ),
        _fp(
            "softmax_cross_entropy",
            "sce-all-entries",
            "averaged over all N x C entries",
            "np.mean over the whole (N, C) array of one-hot times log-probabilities also "
            "divides by the number of classes C; sum over the classes, then average over the "
            "examples.",
            lambda logits, y: float(
                -np.mean(_onehot(y, np.shape(logits)[1]) * _log_softmax(logits))
            ),
        ),
        _fp(
            "softmax_cross_entropy",
            "sce-max-not-added",
            "subtracted the max but did not add it back",
            "log(sum(exp(z))) = m + log(sum(exp(z - m))): the max m you took out for "
            "stability belongs in the log-sum-exp.",
            _max_not_added,
        ),
        _fp(
            "softmax_cross_entropy",
            "sce-no-log",
            "forgot the log",
            "cross-entropy is minus the mean LOG-probability of the true class, not the "
            "probability itself.",
            lambda logits, y: float(-np.mean(np.exp(_picked(logits, y)))),
        ),
    ),
    "softmax_cross_entropy_grad": (
        _fp(
            "softmax_cross_entropy_grad",
            "grad-no-n",
            "forgot to divide by N: your gradient is N times too large",
            "the loss is a mean over the N examples, so each example's gradient is divided by "
            "N too.",
            lambda logits, y: _probabilities(logits) - _onehot(y, np.shape(logits)[1]),
        ),
        _fp(
            "softmax_cross_entropy_grad",
            "grad-no-onehot",
            "forgot to subtract the one-hot labels",
            "the gradient is the predicted probabilities minus the target probabilities: the "
            "true class's entry gets -1 before dividing by N.",
            lambda logits, y: _probabilities(logits) / len(logits),
        ),
        _fp(
            "softmax_cross_entropy_grad",
            "grad-sign",
            "wrong sign",
            "you computed (onehot - softmax) / N; raising the true class's logit must LOWER "
            "the loss, so its gradient entry is negative.",
            lambda logits, y: (
                (_onehot(y, np.shape(logits)[1]) - _probabilities(logits)) / len(logits)
            ),
        ),
        _fp(
            "softmax_cross_entropy_grad",
            "grad-columns",
            "subtracted 1 in whole columns (p[:, y] -= 1)",
            "p[:, y] selects the columns y in EVERY row; each row i gets -1 only in its own "
            "column y[i]: index rows and columns together.",
            _subtract_columns,
        ),
        _fp(
            "softmax_cross_entropy_grad",
            "grad-classes-from-labels",
            "counted the classes from the largest label, y.max() + 1",
            "a batch need not hold every class: the number of classes C is the number of "
            "columns of the logits, logits.shape[1].",
            lambda logits, y: (_probabilities(logits) - np.eye(np.max(y) + 1)[y]) / len(logits),
        ),
        _fp(
            "softmax_cross_entropy_grad",
            "grad-minus-one",
            "subtracted 1 from every entry",
            "only the true class's entry of each row gets -1 (the one-hot target), not every "
            "entry.",
            lambda logits, y: (_probabilities(logits) - 1.0) / len(logits),
        ),
    ),
    "dense_backward": (
        _fp(
            "dense_backward",
            "dback-db-mean",
            "db as a mean instead of a sum",
            "each bias is added to every one of the N rows, so its gradient adds up the N "
            "rows' gradients; the 1/N is already inside dZ.",
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.mean(axis=0)),
        ),
        _fp(
            "dense_backward",
            "dback-db-axis",
            "db summed over the wrong axis",
            "db needs one value per neuron, shape (D_out,): sum over the examples (the rows).",
            lambda dZ, cache: (dZ @ cache[1].T, cache[0].T @ dZ, dZ.sum(axis=1)),
        ),
        _fp(
            "dense_backward",
            "dback-dW-transposed",
            "dW transposed",
            "your dW has the shape of W.T; dW must have the shape of W, (D_in, D_out).",
            lambda dZ, cache: (dZ @ cache[1].T, dZ.T @ cache[0], dZ.sum(axis=0)),
        ),
        _fp(
            "dense_backward",
            "dback-dX-no-transpose",
            "dX without the transpose of W",
            "Z = X @ W, so the gradient flows back through W transposed: dX = dZ @ W.T, of the "
            "shape of X, (N, D_in).",
            lambda dZ, cache: (dZ @ cache[1], cache[0].T @ dZ, dZ.sum(axis=0)),
        ),
        _fp(
            "dense_backward",
            "dback-order",
            "gradients in the wrong order",
            "return the gradients in the order of the forward pass's inputs: (dX, dW, db).",
            lambda dZ, cache: (cache[0].T @ dZ, dZ @ cache[1].T, dZ.sum(axis=0)),
        ),
        _fp(
            "dense_backward",
            "dback-no-dX",
            "forgot dX",
            "return three gradients, (dX, dW, db): the layer below needs dX to continue the "
            "backward pass.",
            lambda dZ, cache: (cache[0].T @ dZ, dZ.sum(axis=0)),
        ),
    ),
    "relu_backward": (
        _fp(
            "relu_backward",
            "rback-no-upstream",
            "forgot the upstream gradient dA",
            "the ReLU's slope (1 or 0) is only the local derivative; the chain rule multiplies "
            "it by the gradient arriving from above.",
            lambda dA, Z: (np.asarray(Z) > 0).astype(float),
        ),
        _fp(
            "relu_backward",
            "rback-passthrough",
            "passed dA through unchanged",
            "where the ReLU's input Z was negative its output did not depend on Z at all: the "
            "gradient stops there.",
            lambda dA, Z: np.array(dA, dtype=float),
        ),
        _fp(
            "relu_backward",
            "rback-mask-from-dA",
            "mask taken from dA",
            "which entries pass depends on the forward pass, where Z was positive, not on the "
            "sign of the gradient.",
            lambda dA, Z: np.maximum(dA, 0.0),
        ),
        _fp(
            "relu_backward",
            "rback-times-output",
            "multiplied by the ReLU's output instead of its slope",
            "relu(Z) is the forward value; the local derivative is 1 where Z > 0 and 0 elsewhere.",
            lambda dA, Z: dA * np.maximum(Z, 0.0),
        ),
        _fp(
            "relu_backward",
            "rback-mask-reversed",
            "mask the wrong way round",
            "the gradient passes where the unit was active, Z > 0, and stops where it was not.",
            lambda dA, Z: dA * (np.asarray(Z) < 0),
        ),
        _fp(
            "relu_backward",
            "rback-at-zero",
            "let the gradient through where Z is exactly 0",
            "the ReLU is flat for Z < 0 and has a kink at Z = 0, where this course takes its "
            "slope as 0: the gradient passes only where Z > 0.",
            lambda dA, Z: dA * (np.asarray(Z) >= 0),
        ),
    ),
}


def _part_answer(name: str, *args) -> Answer:
    """The right answer of part ``name`` for ``args``, and its known mistakes' answers."""
    wrong = wrong_answers(PART_FINGERPRINTS[name], lambda answer: answer(*copy.deepcopy(args)))
    return Answer(course_parts()[name](*args), wrong)


exercise(
    id="13.1",
    title="Your seven parts",
    points=2,
    reference=None,
    fingerprints=tuple(fp for fingerprints in PART_FINGERPRINTS.values() for fp in fingerprints),
    checked=(lesson13.UNSTABLE, lesson13.SHARED_MAX),
    library_versions=(
        layers.dense_forward,
        activations.relu,
        activations.softmax,
        losses.softmax_cross_entropy,
        losses.log_sum_exp,
        layers.dense_backward,
        activations.relu_backward,
        course_parts,
    ),
    questions={"part": _part_answer},
)

# ------------------------------------------------------------------ 13.2 loss_and_grads


def _assembled(
    params, X, y, *, output_relu=False, mask=True, dense_input="A", probs=False, per_n=1.0
):
    """The network's loss and grads, optionally built with one of the known slips."""
    num_layers = len(params) // 2
    A, inputs, sums = np.asarray(X, dtype=float), [], []
    for layer in range(1, num_layers + 1):
        Z = A @ params[f"W{layer}"] + params[f"b{layer}"]
        inputs.append(sums[-1] if dense_input == "Z" and sums else A)
        sums.append(Z)
        A = np.maximum(Z, 0.0) if layer < num_layers or output_relu else Z
    scores = activations.softmax(A) if probs else A
    loss, dA = losses.softmax_cross_entropy(scores, y)
    dA = dA / per_n
    grads = {}
    for layer in range(num_layers, 0, -1):
        Z, W = sums[layer - 1], params[f"W{layer}"]
        through_relu = mask and (layer < num_layers or output_relu)
        dZ = dA * (Z > 0) if through_relu else dA
        grads[f"W{layer}"] = inputs[layer - 1].T @ dZ
        grads[f"b{layer}"] = dZ.sum(axis=0)
        dA = dZ @ W.T
    return loss, grads


def _scaled_grads(params, X, y, factor):
    loss, grads = course_loss_and_grads(params, X, y)
    return loss, {key: factor * value for key, value in grads.items()}


def _first_layer_zeroed(params, X, y):
    loss, grads = course_loss_and_grads(params, X, y)
    return loss, {**grads, "W1": np.zeros_like(grads["W1"]), "b1": np.zeros_like(grads["b1"])}


def _layers_in_text_order(params, X, y):
    """The network's loss and grads with its layers taken in the order of their keys as text."""
    order = sorted(range(1, len(params) // 2 + 1), key=str)  # 1, 10, 11, 2, ...
    renamed = {
        f"{k}{place}": params[f"{k}{layer}"] for place, layer in enumerate(order, 1) for k in "Wb"
    }
    loss, grads = course_loss_and_grads(renamed, X, y)
    return loss, {
        f"{k}{layer}": grads[f"{k}{place}"] for place, layer in enumerate(order, 1) for k in "Wb"
    }


exercise(
    id="13.2",
    title="loss_and_grads",
    points=3,
    reference=course_loss_and_grads,
    library_versions=(network.loss_and_grads, course_loss_and_grads),
    checked=(
        lesson13.MISSING_LAYERS,
        lesson13.NO_BIAS_GRADS,
        lesson13.FIRST_LAYER_MISSING,
        lesson13.X_IN_EVERY_CACHE,
        lesson13.OUTPUT_IN_CACHE,
        lesson13.LAYER_MIXUP,
    ),
    fingerprints=(
        Fingerprint(
            Mistake(
                "13.2/output-relu",
                "ReLU on the output layer",
                "only the hidden layers have a ReLU; the last layer's weighted sums are the "
                "logits, which may be negative. softmax_cross_entropy turns them into "
                "probabilities.",
            ),
            lambda params, X, y: _assembled(params, X, y, output_relu=True),
        ),
        Fingerprint(
            Mistake(
                "13.2/no-relu-backward",
                "forgot relu_backward",
                "on the way down, the gradient of every hidden layer's output passes back "
                "through its ReLU before the dense layer below can use it.",
            ),
            lambda params, X, y: _assembled(params, X, y, mask=False),
        ),
        Fingerprint(
            Mistake(
                "13.2/cache-z",
                "dW built from the weighted sums of the layer below",
                "a layer's cache must hold the input it multiplied, the ReLU's OUTPUT of the "
                "layer below (A), not its weighted sums before the ReLU (Z).",
            ),
            lambda params, X, y: _assembled(params, X, y, dense_input="Z"),
        ),
        Fingerprint(
            Mistake(
                "13.2/softmax-twice",
                "softmax applied before the loss",
                "softmax_cross_entropy takes the logits and applies the softmax itself; feeding "
                "it probabilities applies the softmax twice.",
            ),
            lambda params, X, y: _assembled(params, X, y, probs=True),
        ),
        Fingerprint(
            Mistake(
                "13.2/divided-by-n",
                "divided the gradients by N again: they are N times too small",
                "softmax_cross_entropy_grad already includes the 1/N of the mean; the dense "
                "layers' sums over the rows need no other.",
            ),
            lambda params, X, y: _assembled(params, X, y, per_n=len(y)),
        ),
        Fingerprint(
            Mistake(
                "13.2/no-mean",
                "the logits' gradient without the 1/N: every gradient N times too large",
                "the loss is a mean over the N examples, so the logits' gradient is (softmax - "
                "onehot) / N, as softmax_cross_entropy_grad returns it.",
            ),
            lambda params, X, y: _scaled_grads(params, X, y, len(X)),
        ),
        Fingerprint(
            Mistake(
                "13.2/first-layer-skipped",
                "the backward loop stops before layer 1",
                "range(L, 1, -1) never reaches l = 1: W1 and b1 get no gradient. range(L, 0, -1) "
                "runs down to 1.",
            ),
            lambda params, X, y: _first_layer_zeroed(params, X, y),
        ),
        Fingerprint(
            Mistake(
                "13.2/text-order",
                "took the layers in the order of their names sorted as text",
                "sorted() compares strings character by character, so 'W10' comes before 'W2' "
                "and a network of ten layers or more runs in the wrong order: loop over the "
                "layer numbers, range(1, L + 1), and build each key from the number.",
            ),
            _layers_in_text_order,
        ),
    ),
)

# ------------------------------------------------------------------ 13.3 overfit


def _overfit(loss_and_grads, params, X, y, lr, steps, *, sign=-1.0, keys="all"):
    """``steps`` steps of gradient descent; the new params and the losses at their starts."""
    losses_seen = []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X, y)
        losses_seen.append(float(loss))
        params = {
            key: params[key] + sign * lr * grads[key]
            if keys == "all" or key.startswith("W")
            else params[key]
            for key in params
        }
    return params, losses_seen


def _losses_after_steps(loss_and_grads, params, X, y, lr, steps):
    new, _ = _overfit(loss_and_grads, params, X, y, lr, steps)
    after = _overfit(loss_and_grads, params, X, y, lr, steps + 1)[1][1:]
    return new, after


def _gradients_once(loss_and_grads, params, X, y, lr, steps):
    _, grads = loss_and_grads(params, X, y)
    losses_seen = []
    for _ in range(steps):
        losses_seen.append(float(loss_and_grads(params, X, y)[0]))
        params = {key: params[key] - lr * grads[key] for key in params}
    return params, losses_seen


def _with_momentum(loss_and_grads, params, X, y, lr, steps, momentum=0.9):
    velocity, losses_seen = dict.fromkeys(params, 0.0), []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X, y)
        losses_seen.append(float(loss))
        velocity = {key: momentum * velocity[key] + grads[key] for key in params}
        params = {key: params[key] - lr * velocity[key] for key in params}
    return params, losses_seen


def _from_start_each_time(loss_and_grads, params, X, y, lr, steps):
    new, losses_seen = params, []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X, y)
        losses_seen.append(float(loss))
        new = {key: params[key] - lr * grads[key] for key in params}
    return new, losses_seen


exercise(
    id="13.3",
    title="overfit",
    points=2,
    reference=_overfit,
    checked=(lesson13.RETURN_FORM, lesson13.WRONG_COUNT, lesson13.IGNORED_LOSS),
    fingerprints=(
        Fingerprint(
            Mistake(
                "13.3/uphill",
                "wrong sign in the update: it moves uphill",
                "the gradient points towards a larger loss; a step goes against it.",
            ),
            lambda *args: _overfit(*args, sign=1.0),
        ),
        Fingerprint(
            Mistake(
                "13.3/weights-only",
                "updated only the weights",
                "the biases are parameters too and take the same step.",
            ),
            lambda *args: _overfit(*args, keys="W"),
        ),
        Fingerprint(
            Mistake(
                "13.3/losses-after",
                "losses recorded after the step",
                "losses[i] is the loss at the START of step i, the one loss_and_grads returns "
                "with the gradients: the first entry is the loss of the parameters you were "
                "given.",
            ),
            _losses_after_steps,
        ),
        Fingerprint(
            Mistake(
                "13.3/gradients-once",
                "gradients computed only once",
                "every step needs the gradients at the CURRENT parameters: call loss_and_grads "
                "again in every step.",
            ),
            _gradients_once,
        ),
        Fingerprint(
            Mistake(
                "13.3/from-start",
                "each step started from the original params",
                "only one step survived: each step must start where the previous one ended.",
            ),
            _from_start_each_time,
        ),
        Fingerprint(
            Mistake(
                "13.3/fixed-lr",
                "stepped with the try-it cell's 0.5 whatever lr was given",
                "each step is lr times the gradient, with the lr the caller passes.",
            ),
            lambda loss_and_grads, params, X, y, lr, steps: _overfit(
                loss_and_grads, params, X, y, 0.5, steps
            ),
        ),
        Fingerprint(
            Mistake(
                "13.3/momentum",
                "added momentum",
                "plain gradient descent steps by -lr * grad alone; momentum (0.9 in PyTorch's "
                "and Keras's SGD examples) also carries part of the previous steps along, "
                "another optimizer (lesson 12).",
            ),
            _with_momentum,
        ),
    ),
)

# ------------------------------------------------------------------ 13.4 update_ratios


def _ratios(params, grads, lr, measure, keys=lambda key: key.startswith("W")):
    return {
        key: float(measure(np.asarray(params[key], float), lr * np.asarray(grads[key], float)))
        for key in params
        if keys(key)
    }


def _norm_ratio(weights, update):
    return np.linalg.norm(update) / np.linalg.norm(weights)


exercise(
    id="13.4",
    title="update_ratios",
    points=2,
    reference=course_update_ratios,
    library_versions=(course_update_ratios,),
    fingerprints=(
        Fingerprint(
            Mistake(
                "13.4/spectral-norm",
                "used the matrix 2-norm, not the Frobenius norm",
                "np.linalg.norm(M, 2) of a matrix is its largest singular value; the ratio uses "
                "the square root of the sum of all squared entries, np.linalg.norm(M) with no "
                "second argument.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, lambda W, U: np.linalg.norm(U, 2) / np.linalg.norm(W, 2)
            ),
        ),
        Fingerprint(
            Mistake(
                "13.4/no-lr",
                "forgot the learning rate: your ratios are 1/lr times too large",
                "the step is lr times the gradient; the ratio measures the step, not the gradient.",
            ),
            lambda params, grads, lr: _ratios(params, grads, 1.0, _norm_ratio),
        ),
        Fingerprint(
            Mistake(
                "13.4/upside-down",
                "ratio upside down",
                "divide the size of the update by the size of the weights: a small ratio means "
                "small steps.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, lambda w, u: 1 / _norm_ratio(w, u)
            ),
        ),
        Fingerprint(
            Mistake(
                "13.4/biases",
                "included the biases",
                "return one ratio per weight matrix only (keys that start with 'W'): biases "
                "start at 0, where a ratio means nothing.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, _norm_ratio, keys=lambda key: True
            ),
        ),
        Fingerprint(
            Mistake(
                "13.4/no-roots",
                "forgot the square roots",
                "a norm is the square root of the sum of squares; a ratio of sums of squares is "
                "the ratio of norms squared.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, lambda w, u: np.sum(u**2) / np.sum(w**2)
            ),
        ),
        Fingerprint(
            Mistake(
                "13.4/entrywise",
                "averaged the ratios of single entries",
                "compare the whole update with the whole weight matrix, one norm each; entry by "
                "entry, a weight near 0 makes its ratio explode.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, lambda w, u: np.mean(np.abs(u) / np.abs(w))
            ),
        ),
        Fingerprint(
            Mistake(
                "13.4/mean-abs",
                "compared mean absolute values, not norms",
                "the size of a matrix here is its norm, the square root of the sum of its "
                "squared entries (np.linalg.norm), for the update and for the weights.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, lambda w, u: np.mean(np.abs(u)) / np.mean(np.abs(w))
            ),
        ),
        Fingerprint(
            Mistake(
                "13.4/signed-sums",
                "divided the sums of the entries",
                "positive and negative entries cancel in a plain sum; a size needs squares "
                "(or absolute values) first: use the norm.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, lambda w, u: np.sum(u) / np.sum(w)
            ),
        ),
        Fingerprint(
            Mistake(
                "13.4/new-weights",
                "compared the new weights with the old ones",
                "norm(W - lr * dW) / norm(W) is close to 1 for any small step; measure the "
                "update itself, lr * dW.",
            ),
            lambda params, grads, lr: _ratios(
                params, grads, lr, lambda w, u: np.linalg.norm(w - u) / np.linalg.norm(w)
            ),
        ),
    ),
)

# ------------------------------------------------------------------ 13.5 diagnose


def _diagnose(train_accs, val_accs, target: float) -> str:
    if np.mean(train_accs) < target:
        return "underfitting"
    if np.mean(val_accs) < target:
        return "overfitting"
    return "good"


def _pick_each(pick):
    def diagnose(train_accs, val_accs, target):
        return _diagnose([pick(train_accs)], [pick(val_accs)], target)

    return diagnose


def _validation_first(train_accs, val_accs, target):
    if np.mean(val_accs) < target:
        return "overfitting"
    return _diagnose(train_accs, val_accs, target)


def _at_target_is_below(train_accs, val_accs, target):
    if np.mean(train_accs) <= target:
        return "underfitting"
    if np.mean(val_accs) <= target:
        return "overfitting"
    return "good"


def _both_below(train_accs, val_accs, target):
    if np.mean(train_accs) < target and np.mean(val_accs) < target:
        return "underfitting"
    return "overfitting" if np.mean(val_accs) < target else "good"


def _majority(train_accs, val_accs, target):
    votes = [_diagnose([t], [v], target) for t, v in zip(train_accs, val_accs, strict=False)]
    return max(sorted(set(votes)), key=votes.count)


_SWAP = {"underfitting": "overfitting", "overfitting": "underfitting", "good": "good"}

exercise(
    id="13.5",
    title="diagnose",
    points=2,
    reference=_diagnose,
    fingerprints=(
        Fingerprint(
            Mistake(
                "13.5/validation-first",
                "looked at the validation accuracy first",
                "when the training accuracy is already low, the network has not even learned "
                "the examples it sees: that is underfitting, whatever the validation accuracy "
                "says.",
            ),
            _validation_first,
        ),
        Fingerprint(
            Mistake(
                "13.5/swapped",
                "underfitting and overfitting swapped",
                "underfitting: too weak a fit, even on the training data. Overfitting: the "
                "training data is fitted, but the fit does not carry over to new data.",
            ),
            lambda train_accs, val_accs, target: _SWAP[_diagnose(train_accs, val_accs, target)],
        ),
        Fingerprint(
            Mistake(
                "13.5/first-seed",
                "judged by the first seed only",
                "one seed is one draw of the initial weights and the shuffles; decide on the "
                "mean over all seeds.",
            ),
            _pick_each(lambda accs: accs[0]),
        ),
        Fingerprint(
            Mistake(
                "13.5/best-seed",
                "judged by the best seed",
                "the best of several runs is an optimistic pick; decide on the mean over all "
                "seeds.",
            ),
            _pick_each(max),
        ),
        Fingerprint(
            Mistake(
                "13.5/worst-seed",
                "judged by the worst seed",
                "the worst of several runs is a pessimistic pick; decide on the mean over all "
                "seeds.",
            ),
            _pick_each(min),
        ),
        Fingerprint(
            Mistake(
                "13.5/at-target",
                "a mean equal to the target counted as below it",
                "below means strictly less: a mean that reaches the target exactly has reached "
                "it. Which comparison says 'less than'?",
            ),
            _at_target_is_below,
        ),
        Fingerprint(
            Mistake(
                "13.5/both-below",
                "called it underfitting only when both means are below the target",
                "a training mean below the target is underfitting on its own: the network has "
                "not learned even the examples it sees, whatever the validation mean says.",
            ),
            _both_below,
        ),
        Fingerprint(
            Mistake(
                "13.5/sums",
                "compared sums over the seeds with the target",
                "the target is an accuracy, between 0 and 1: compare the MEAN over the seeds "
                "with it (a sum of three accuracies is almost always above it).",
            ),
            lambda train_accs, val_accs, target: _diagnose(
                [np.sum(train_accs)], [np.sum(val_accs)], target
            ),
        ),
        Fingerprint(
            Mistake(
                "13.5/majority",
                "a majority vote over the seeds (or their median)",
                "diagnose each setting by the MEAN over its seeds: one seed far off moves the "
                "mean, but it changes neither a vote nor the median.",
            ),
            _majority,
        ),
    ),
    checked=(lesson13.GAP,),
)
