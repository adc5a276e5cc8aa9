"""Answers to lesson 10's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_L2_LOOP = """
def l2_penalty(params, lam):
    penalty, grads = 0.0, {{}}
    for key, value in params.items():
        {body}
    return penalty, grads
"""


def _l2(body: str) -> str:
    return _L2_LOOP.format(body=body)


ANSWERS = [
    # ------------------------------------------------------------ 10.1 l2_penalty
    Answer(
        "10.1",
        "biases penalised too",
        _l2("penalty += lam / 2 * np.sum(value**2)\n        grads[key] = lam * value"),
        "regularized the biases",
    ),
    Answer(
        "10.1",
        "no 1/2, gradient 2 lam W",
        _l2(
            "if key.startswith('W'):\n"
            "            penalty += lam * np.sum(value**2)\n"
            "            grads[key] = 2 * lam * value\n"
            "        else:\n"
            "            grads[key] = np.zeros_like(value)"
        ),
        "forgot the 1/2",
    ),
    Answer(
        "10.1",
        "no 1/2 in the penalty only",
        _l2(
            "if key.startswith('W'):\n"
            "            penalty += lam * np.sum(value**2)\n"
            "            grads[key] = lam * value\n"
            "        else:\n"
            "            grads[key] = np.zeros_like(value)"
        ),
        "forgot the 1/2",
    ),
    Answer(
        "10.1",
        "no bias gradients",
        "def l2_penalty(params, lam):\n"
        "    weights = {k: v for k, v in params.items() if k.startswith('W')}\n"
        "    penalty = lam / 2 * sum(np.sum(W**2) for W in weights.values())\n"
        "    return penalty, {k: lam * W for k, W in weights.items()}",
        "forgot to return zero gradients for the biases",
    ),
    Answer(
        "10.1",
        "mutates params",
        "def l2_penalty(params, lam):\n"
        "    penalty = 0.0\n"
        "    for key in params:\n"
        "        if key.startswith('W'):\n"
        "            penalty += lam / 2 * np.sum(params[key] ** 2)\n"
        "            params[key] *= lam\n"
        "        else:\n"
        "            params[key] = np.zeros_like(params[key])\n"
        "    return penalty, params",
        "mutated params",
    ),
    Answer(
        "10.1",
        "gradient with a minus sign",
        _l2(
            "if key.startswith('W'):\n"
            "            penalty += lam / 2 * np.sum(value**2)\n"
            "            grads[key] = -lam * value\n"
            "        else:\n"
            "            grads[key] = np.zeros_like(value)"
        ),
        "gradient with the wrong sign",
    ),
    Answer(
        "10.1",
        "L1 instead of L2",
        _l2(
            "if key.startswith('W'):\n"
            "            penalty += lam * np.sum(np.abs(value))\n"
            "            grads[key] = lam * np.sign(value)\n"
            "        else:\n"
            "            grads[key] = np.zeros_like(value)"
        ),
        "wrote the L1 penalty",
    ),
    Answer(
        "10.1",
        "imports the library's answer",
        "from wbcourse.regularization import l2_penalty",
        "wbcourse's own implementation",
    ),
    Answer(
        "10.1",
        "dict comprehensions and np.vdot",
        "def l2_penalty(params, lam):\n"
        "    weights = [k for k in params if k[0] == 'W']\n"
        "    penalty = 0.5 * lam * sum(np.vdot(params[k], params[k]) for k in weights)\n"
        "    grads = {k: (lam * params[k] if k in weights else 0.0 * params[k]) for k in params}\n"
        "    return penalty, grads",
    ),
    Answer(
        "10.1",
        "squared norm of the flattened weights, list result",
        "def l2_penalty(params, lam):\n"
        "    flat = np.concatenate([v.ravel() for k, v in params.items() if k.startswith('W')])\n"
        "    grads = {}\n"
        "    for k, v in params.items():\n"
        "        grads[k] = lam * v if k.startswith('W') else np.zeros(v.shape)\n"
        "    return [lam * np.linalg.norm(flat) ** 2 / 2, grads]",
    ),
    # ------------------------------------------------------------ 10.2 after_decay
    Answer(
        "10.2",
        "bias decays too",
        "def after_decay(w0, b0, lr, lam, steps):\n"
        "    f = (1 - lr * lam) ** steps\n"
        "    return w0 * f, b0 * f",
        "decayed the bias too",
    ),
    Answer(
        "10.2",
        "no learning rate",
        "def after_decay(w0, b0, lr, lam, steps):\n    return w0 * (1 - lam) ** steps, b0",
        "forgot the learning rate",
    ),
    Answer(
        "10.2",
        "linear decay",
        "def after_decay(w0, b0, lr, lam, steps):\n    return w0 - steps * lr * lam * w0, b0",
        "subtracted the same amount every step",
    ),
    Answer(
        "10.2",
        "gradient 2 lam w",
        "def after_decay(w0, b0, lr, lam, steps):\n    return w0 * (1 - 2 * lr * lam) ** steps, b0",
        "used 2 * lam",
    ),
    Answer(
        "10.2",
        "a loop of gradient steps",
        "def after_decay(w0, b0, lr, lam, steps):\n"
        "    w, b = w0, b0\n"
        "    for _ in range(steps):\n"
        "        w = w - lr * (0.0 + lam * w)\n"
        "        b = b - lr * 0.0\n"
        "    return w, b",
    ),
    Answer(
        "10.2",
        "exp and log",
        "def after_decay(w0, b0, lr, lam, steps):\n"
        "    return float(w0 * np.exp(steps * np.log1p(-lr * lam))), float(b0)",
    ),
    # ------------------------------------------------------------ 10.3 best_epoch
    Answer(
        "10.3",
        "training loss",
        "def best_epoch(history, patience):\n"
        "    losses = history['loss']\n"
        "    best = 0\n"
        "    for epoch in range(1, len(losses)):\n"
        "        if losses[epoch] < losses[best]:\n"
        "            best = epoch\n"
        "        elif epoch - best >= patience:\n"
        "            break\n"
        "    return best",
        "picked the training-loss minimum",
    ),
    Answer(
        "10.3",
        "last epoch",
        "def best_epoch(history, patience):\n    return len(history['val_loss']) - 1",
        "returned the last epoch",
    ),
    Answer(
        "10.3",
        "argmin over everything",
        "def best_epoch(history, patience):\n    return int(np.argmin(history['val_loss']))",
        "ignored the patience",
    ),
    Answer(
        "10.3",
        "returns the stopping epoch",
        "def best_epoch(history, patience):\n"
        "    losses = history['val_loss']\n"
        "    best, waited = losses[0], 0\n"
        "    for epoch, loss in enumerate(losses):\n"
        "        if loss < best:\n"
        "            best, waited = loss, 0\n"
        "        elif epoch > 0:\n"
        "            waited += 1\n"
        "            if waited == patience:\n"
        "                return epoch\n"
        "    return len(losses) - 1",
        "returned the epoch where training stopped",
    ),
    Answer(
        "10.3",
        "patience off by one",
        "def best_epoch(history, patience):\n"
        "    losses = history['val_loss']\n"
        "    best = 0\n"
        "    for epoch in range(1, len(losses)):\n"
        "        if losses[epoch] < losses[best]:\n"
        "            best = epoch\n"
        "        elif epoch - best > patience:\n"
        "            break\n"
        "    return best",
        "waited one epoch too many",
    ),
    Answer(
        "10.3",
        "a counter of bad epochs",
        "def best_epoch(history, patience):\n"
        "    best_loss, best, bad = float('inf'), 0, 0\n"
        "    for epoch, loss in enumerate(history['val_loss']):\n"
        "        if loss < best_loss:\n"
        "            best_loss, best, bad = loss, epoch, 0\n"
        "        else:\n"
        "            bad += 1\n"
        "            if bad >= patience:\n"
        "                break\n"
        "    return best",
    ),
    Answer(
        "10.3",
        "argmin of the part before stopping",
        "def best_epoch(history, patience):\n"
        "    v = np.asarray(history['val_loss'])\n"
        "    running_best = np.minimum.accumulate(v)\n"
        "    for epoch in range(len(v)):\n"
        "        window = v[epoch - patience + 1 : epoch + 1] if epoch >= patience else None\n"
        "        if window is not None and np.all(window >= running_best[epoch - patience]):\n"
        "            return int(np.argmin(v[: epoch + 1]))\n"
        "    return int(np.argmin(v))",
    ),
    # ------------------------------------------------------------ 10.4 dropout_forward
    Answer(
        "10.4",
        "no rescaling",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if not training:\n"
        "        return A\n"
        "    return A * (rng.random(A.shape) < keep_prob)",
        "no rescaling",
    ),
    Answer(
        "10.4",
        "drops with probability keep_prob",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if not training:\n"
        "        return A\n"
        "    return A * (rng.random(A.shape) > keep_prob) / keep_prob",
        "dropped with probability keep_prob",
    ),
    Answer(
        "10.4",
        "same mask every call",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if not training:\n"
        "        return A\n"
        "    mask = np.random.default_rng(0).random(A.shape) < keep_prob\n"
        "    return A * mask / keep_prob",
        "same mask every call",
    ),
    Answer(
        "10.4",
        "rescales at test time too",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if not training:\n"
        "        return A * keep_prob\n"
        "    return A * (rng.random(A.shape) < keep_prob) / keep_prob",
        "rescaled at test time",
    ),
    Answer(
        "10.4",
        "global np.random",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if not training:\n"
        "        return A\n"
        "    return A * (np.random.random(A.shape) < keep_prob) / keep_prob",
        "did not use the rng argument",
    ),
    Answer(
        "10.4",
        "in place",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if training:\n"
        "        A *= (rng.random(A.shape) < keep_prob) / keep_prob\n"
        "    return A",
        "changed A in place",
    ),
    Answer(
        "10.4",
        "returns the mask too",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    mask = rng.random(A.shape) < keep_prob\n"
        "    return (A * mask / keep_prob, mask) if training else (A, None)",
        "return only the output array",
    ),
    Answer(
        "10.4",
        "mask drawn with > 1 - keep_prob",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if not training:\n"
        "        return A.copy()\n"
        "    mask = rng.random(A.shape) > 1 - keep_prob\n"
        "    return np.where(mask, A / keep_prob, 0.0)",
    ),
    Answer(
        "10.4",
        "binomial mask",
        "def dropout_forward(A, keep_prob, rng, training=True):\n"
        "    if training:\n"
        "        return A * rng.binomial(1, keep_prob, size=A.shape) / keep_prob\n"
        "    return A",
    ),
]
