"""Answers to lesson 05's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_BCE = "def binary_cross_entropy(p, y):\n"
_CE = "def softmax_cross_entropy(logits, y):\n"
_GRAD = "def softmax_cross_entropy_grad(logits, y):\n"
_NAIVE_PROBS = "    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)\n"
_STABLE_LOG_PROBS = (
    "    shifted = logits - logits.max(axis=1, keepdims=True)\n"
    "    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
)
_ROWS = "np.arange(len(y)), y"


def _readings(uniform: str, probability: str, confident: str) -> str:
    """An answer to 05.4: the body of each of the three functions (one expression each)."""
    return (
        f"def uniform_loss(n_classes):\n    return {uniform}\n\n"
        f"def probability_for_loss(loss):\n    return {probability}\n\n"
        f"def confident_mistake_loss(p):\n    return {confident}"
    )


_UNIFORM, _PROBABILITY, _CONFIDENT = "np.log(n_classes)", "np.exp(-loss)", "-np.log(1 - p)"

#: 05.4 with one reading wrong and the other two right: (description, readings, mistake).
_ONE_READING_WRONG = (
    (
        "log base 10 in uniform_loss only",
        ("np.log10(n_classes)", _PROBABILITY, _CONFIDENT),
        "05.4/uniform_loss-log10",
    ),
    (
        "log base 2 in uniform_loss",
        ("np.log2(n_classes)", _PROBABILITY, _CONFIDENT),
        "05.4/uniform_loss-log2",
    ),
    (
        "10 ** -loss in probability_for_loss",
        (_UNIFORM, "10 ** -loss", _CONFIDENT),
        "05.4/probability_for_loss-log10",
    ),
    (
        "exp(loss) in probability_for_loss",
        (_UNIFORM, "np.exp(loss)", _CONFIDENT),
        "05.4/probability_for_loss-no-minus",
    ),
    (
        "log base 10 in confident_mistake_loss",
        (_UNIFORM, _PROBABILITY, "-np.log10(1 - p)"),
        "05.4/confident_mistake_loss-log10",
    ),
    (
        "no minus in confident_mistake_loss",
        (_UNIFORM, _PROBABILITY, "np.log(1 - p)"),
        "05.4/confident_mistake_loss-no-minus",
    ),
    (
        "2 ** -loss in probability_for_loss",
        (_UNIFORM, "2 ** -loss", _CONFIDENT),
        "05.4/probability_for_loss-log2",
    ),
    (
        "log base 2 in confident_mistake_loss",
        (_UNIFORM, _PROBABILITY, "-np.log2(1 - p)"),
        "05.4/confident_mistake_loss-log2",
    ),
    (
        "both classes' terms in confident_mistake_loss",
        (_UNIFORM, _PROBABILITY, "-(np.log(p) + np.log(1 - p))"),
        "05.4/both-terms",
    ),
)

ANSWERS = [
    Answer(
        "05.1",
        "ln(1 - p) in both terms",
        _BCE + "    return float(-np.mean(y * np.log(1 - p) + (1 - y) * np.log(1 - p)))",
        "05.1/log-one-minus-p-twice",
    ),
    Answer(
        "05.1",
        "no brackets around 1 - y",
        _BCE + "    return float(-np.mean(y * np.log(p) + 1 - y * np.log(1 - p)))",
        "05.1/precedence",
    ),
    Answer(
        "05.1",
        "the log of the mean probability of the true class",
        _BCE + "    return float(-np.log(np.mean(np.where(y == 1, p, 1 - p))))",
        "05.1/log-of-mean",
    ),
    Answer(
        "05.1",
        "no minus sign",
        _BCE + "    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))",
        "05.1/no-minus",
    ),
    Answer(
        "05.1",
        "sum over the batch",
        _BCE + "    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))",
        "05.1/sum",
    ),
    Answer(
        "05.1",
        "no mean at all: one loss per example",
        _BCE + "    return -(y * np.log(p) + (1 - y) * np.log(1 - p))",
        "05.1/per-example",
    ),
    Answer(
        "05.1",
        "only the label-1 term",
        _BCE + "    return float(-np.mean(y * np.log(p)))",
        "05.1/no-label-0-term",
    ),
    Answer(
        "05.1",
        "p and 1 - p swapped",
        _BCE + "    return float(-np.mean(y * np.log(1 - p) + (1 - y) * np.log(p)))",
        "05.1/swapped",
    ),
    Answer(
        "05.1",
        "math.log10 in a loop",
        "import math\n" + _BCE + "    total = 0.0\n"
        "    for p_i, y_i in zip(p, y):\n"
        "        total -= math.log10(p_i) if y_i == 1 else math.log10(1 - p_i)\n"
        "    return total / len(p)",
        "05.1/log10",
    ),
    Answer(
        "05.1",
        "the squared error of the probabilities",
        _BCE + "    return float(np.mean((p - y) ** 2))",
        "05.1/squared-error",
    ),
    Answer(
        "05.1",
        "changes p in place",
        _BCE + "    p[y == 0] = 1 - p[y == 0]\n    return float(-np.mean(np.log(p)))",
        "course/mutated",
    ),
    Answer(
        "05.1",
        "imports the library's loss",
        "from wbcourse.losses import binary_cross_entropy as bce\n"
        + _BCE
        + "    return bce(p, y)[0]",
        "course/library",
    ),
    Answer(
        "05.1",
        "probability of the true class with np.where",
        _BCE + "    return -np.mean(np.log(np.where(y == 1, p, 1 - p)))",
    ),
    Answer(
        "05.1",
        "a Python loop",
        "import math\n" + _BCE + "    total = 0.0\n"
        "    for p_i, y_i in zip(p, y):\n"
        "        total -= math.log(p_i) if y_i == 1 else math.log(1 - p_i)\n"
        "    return total / len(p)",
    ),
    Answer(
        "05.2",
        "naive softmax",
        _CE + _NAIVE_PROBS + f"    return float(-np.mean(np.log(probs[{_ROWS}])))",
        "05.2/naive",
    ),
    Answer(
        "05.2",
        "naive log-sum-exp, warnings silenced",
        _CE + "    with np.errstate(all='ignore'):\n"
        "        lse = np.log(np.sum(np.exp(logits), axis=1))\n"
        f"    return float(np.mean(lse - logits[{_ROWS}]))",
        "05.2/naive",
    ),
    Answer(
        "05.2",
        "stable softmax, then log",
        _CE + "    e = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
        "    probs = e / e.sum(axis=1, keepdims=True)\n"
        f"    return float(-np.mean(np.log(probs[{_ROWS}])))",
        "05.2/log-of-zero",
    ),
    Answer(
        "05.2",
        "one batch-wide max (the max without an axis)",
        _CE + "    m = np.max(logits)\n"
        "    lse = m + np.log(np.sum(np.exp(logits - m), axis=1))\n"
        f"    return float(np.mean(lse - logits[{_ROWS}]))",
        "05.2/batch-max",
    ),
    Answer(
        "05.2",
        "one batch-wide max, shifted form",
        _CE + "    shifted = logits - logits.max()\n"
        "    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
        f"    return -np.mean(log_probs[{_ROWS}])",
        "05.2/batch-max",
    ),
    Answer(
        "05.2",
        "the max not added back",
        _CE + "    m = logits.max(axis=1, keepdims=True)\n"
        "    lse = np.log(np.exp(logits - m).sum(axis=1))\n"
        f"    return float(np.mean(lse - logits[{_ROWS}]))",
        "05.2/max-not-added-back",
    ),
    Answer(
        "05.2",
        "a column max (axis=0)",
        _CE + "    shifted = logits - logits.max(axis=0, keepdims=True)\n"
        "    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
        f"    return float(-np.mean(log_probs[{_ROWS}]))",
        "05.2/column-max",
    ),
    Answer(
        "05.2",
        "the row max without keepdims, added back",
        _CE + "    m = logits.max(axis=1)\n"
        "    lse = m + np.log(np.exp(logits - m).sum(axis=1))\n"
        f"    return float(np.mean(lse - logits[{_ROWS}]))",
        "05.2/max-keepdims",
    ),
    Answer(
        "05.2",
        "np.sum without an axis",
        _CE + "    shifted = logits - logits.max(axis=1, keepdims=True)\n"
        "    log_probs = shifted - np.log(np.sum(np.exp(shifted)))\n"
        f"    return float(-np.mean(log_probs[{_ROWS}]))",
        "05.2/sum-over-batch",
    ),
    Answer(
        "05.2",
        "sum over the batch",
        _CE + _STABLE_LOG_PROBS + f"    return float(-np.sum(log_probs[{_ROWS}]))",
        "05.2/sum",
    ),
    Answer(
        "05.2",
        "no minus sign",
        _CE + _STABLE_LOG_PROBS + f"    return float(np.mean(log_probs[{_ROWS}]))",
        "05.2/no-minus",
    ),
    Answer(
        "05.2",
        "logits[:, y]",
        _CE + _STABLE_LOG_PROBS + "    return float(-np.mean(log_probs[:, y]))",
        "05.2/columns-y",
    ),
    Answer(
        "05.2",
        "labels used as one-hot rows, reshaped to broadcast",
        _CE
        + _STABLE_LOG_PROBS
        + "    return float(-np.mean(np.sum(y.reshape(-1, 1) * log_probs, axis=1)))",
        "05.2/labels-not-one-hot",
    ),
    Answer(
        "05.2",
        "labels used as one-hot rows, as they are",
        _CE + _STABLE_LOG_PROBS + "    return float(-np.mean(np.sum(y * log_probs, axis=1)))",
        message="your code raised ValueError",
    ),
    Answer(
        "05.2",
        "one-hot, mean over every entry",
        _CE + _STABLE_LOG_PROBS + "    onehot = np.eye(logits.shape[1])[y]\n"
        "    return float(-np.mean(onehot * log_probs))",
        "05.2/mean-over-classes",
    ),
    Answer(
        "05.2",
        "the probability, not its log",
        _CE + _STABLE_LOG_PROBS + f"    return float(-np.mean(np.exp(log_probs[{_ROWS}])))",
        "05.2/no-log",
    ),
    Answer(
        "05.2",
        "one-hot matrix, summed over classes",
        _CE + _STABLE_LOG_PROBS + "    onehot = np.eye(logits.shape[1])[y]\n"
        "    return float(-np.mean(np.sum(onehot * log_probs, axis=1)))",
    ),
    Answer(
        "05.2",
        "a loop over the rows",
        "import math\n" + _CE + "    total = 0.0\n"
        "    for row, label in zip(logits, y):\n"
        "        m = max(row)\n"
        "        lse = m + math.log(sum(math.exp(v - m) for v in row))\n"
        "        total += lse - row[label]\n"
        "    return total / len(y)",
    ),
    Answer(
        "05.2",
        "np.logaddexp.reduce and take_along_axis",
        _CE + "    lse = np.logaddexp.reduce(logits, axis=1)\n"
        "    picked = np.take_along_axis(logits, y[:, None], axis=1)[:, 0]\n"
        "    return np.mean(lse - picked)",
    ),
    Answer(
        "05.3",
        "np.eye(N) for the one-hot rows",
        _GRAD + "    N = len(y)\n    return (softmax(logits) - np.eye(N)[y]) / N",
        "05.3/eye-n",
    ),
    Answer(
        "05.3",
        "the classes counted from the largest label",
        _GRAD + "    N = len(y)\n"
        "    onehot = np.zeros((N, y.max() + 1))\n"
        "    onehot[np.arange(N), y] = 1\n"
        "    return (softmax(logits) - onehot) / N",
        "05.3/classes-from-labels",
    ),
    Answer(
        "05.3",
        "no 1/N",
        _GRAD + "    return softmax(logits) - np.eye(logits.shape[1])[y]",
        "05.3/no-n",
    ),
    Answer(
        "05.3",
        "divided by the number of classes",
        _GRAD + "    N, C = logits.shape\n    return (softmax(logits) - np.eye(C)[y]) / C",
        "05.3/divided-by-c",
    ),
    Answer(
        "05.3",
        "softmax alone",
        _GRAD + "    return softmax(logits) / len(logits)",
        "05.3/no-onehot",
    ),
    Answer(
        "05.3",
        "p[:, y] -= 1",
        _GRAD + "    probs = softmax(logits)\n    probs[:, y] -= 1\n    return probs / len(y)",
        "05.3/columns-y",
    ),
    Answer(
        "05.3",
        "onehot minus softmax",
        _GRAD + "    return (np.eye(logits.shape[1])[y] - softmax(logits)) / len(y)",
        "05.3/sign",
    ),
    Answer(
        "05.3",
        "minus 1 everywhere",
        _GRAD + "    return (softmax(logits) - 1) / len(y)",
        "05.3/minus-one-everywhere",
    ),
    Answer(
        "05.3",
        "the labels as a column",
        _GRAD + "    return (softmax(logits) - y[:, None]) / len(y)",
        "05.3/labels-not-one-hot",
    ),
    Answer(
        "05.3",
        "own softmax normalised over axis 0",
        _GRAD + "    e = np.exp(logits - logits.max(axis=0))\n"
        "    probs = e / e.sum(axis=0)\n"
        "    return (probs - np.eye(logits.shape[1])[y]) / len(y)",
        "05.3/softmax-over-batch",
    ),
    Answer(
        "05.3",
        "naive softmax",
        _GRAD + _NAIVE_PROBS + "    return (probs - np.eye(logits.shape[1])[y]) / len(y)",
        "05.3/naive",
    ),
    Answer(
        "05.3",
        "one batch-wide max",
        _GRAD + "    e = np.exp(logits - np.max(logits))\n"
        "    probs = e / e.sum(axis=1, keepdims=True)\n"
        "    return (probs - np.eye(logits.shape[1])[y]) / len(y)",
        "05.3/batch-max",
    ),
    Answer(
        "05.3",
        "shifts the logits in place",
        _GRAD + "    logits -= logits.max(axis=1, keepdims=True)\n"
        "    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)\n"
        f"    probs[{_ROWS}] -= 1\n"
        "    return probs / len(y)",
        "course/mutated",
    ),
    Answer(
        "05.3",
        "own stable softmax, subtract at [rows, y]",
        _GRAD + "    e = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
        "    grad = e / e.sum(axis=1, keepdims=True)\n"
        f"    grad[{_ROWS}] -= 1\n"
        "    return grad / len(y)",
    ),
    Answer(
        "05.3",
        "a loop over the rows",
        _GRAD + "    grad = np.zeros_like(logits)\n"
        "    for i, label in enumerate(y):\n"
        "        grad[i] = softmax(logits[i:i + 1])[0]\n"
        "        grad[i, label] -= 1\n"
        "    return grad / len(y)",
    ),
    Answer(
        "05.4",
        "log base 10 everywhere",
        _readings("np.log10(n_classes)", "10 ** -loss", "-np.log10(1 - p)"),
        "05.4/log10",
    ),
    Answer(
        "05.4",
        "log base 2 everywhere",
        _readings("np.log2(n_classes)", "2 ** -loss", "-np.log2(1 - p)"),
        "05.4/log2",
    ),
    Answer(
        "05.4",
        "minus signs forgotten everywhere",
        _readings("-np.log(n_classes)", "np.exp(loss)", "np.log(1 - p)"),
        "05.4/no-minus",
    ),
    Answer(
        "05.4",
        "the probability instead of the loss",
        _readings("1 / n_classes", _PROBABILITY, _CONFIDENT),
        "05.4/probability-not-loss",
    ),
    Answer(
        "05.4",
        "summed over the classes",
        _readings("n_classes * np.log(n_classes)", _PROBABILITY, _CONFIDENT),
        "05.4/summed-classes",
    ),
    Answer(
        "05.4",
        "the example's 10 classes",
        _readings("np.log(10)", _PROBABILITY, _CONFIDENT),
        "05.4/example-classes",
    ),
    Answer(
        "05.4",
        "-log again",
        _readings(_UNIFORM, "-np.log(loss)", _CONFIDENT),
        "05.4/log-again",
    ),
    Answer(
        "05.4",
        "1 - loss",
        _readings(_UNIFORM, "1 - loss", _CONFIDENT),
        "05.4/one-minus-loss",
    ),
    Answer(
        "05.4",
        "the probability of the other classes",
        _readings(_UNIFORM, "1 - np.exp(-loss)", _CONFIDENT),
        "05.4/other-classes",
    ),
    Answer(
        "05.4",
        "the probability of the wrong class",
        _readings(_UNIFORM, _PROBABILITY, "-np.log(p)"),
        "05.4/wrong-class",
    ),
    Answer(
        "05.4",
        "the squared error",
        _readings(_UNIFORM, _PROBABILITY, "p ** 2"),
        "05.4/squared-error",
    ),
    Answer(
        "05.4",
        "two different mistakes: no single cause to name",
        _readings("1 / n_classes", "np.exp(loss)", _CONFIDENT),
        message="uniform_loss(10) is the wrong value",
    ),
    Answer(
        "05.4",
        "other formulas, math module, lambdas",
        "import math\n"
        "uniform_loss = lambda n_classes: -math.log(1 / n_classes)\n"
        "probability_for_loss = lambda loss: 1 / math.exp(loss)\n"
        "confident_mistake_loss = lambda p: -math.log1p(-p)",
    ),
    Answer(
        "05.1",
        "multiplies the second term by y instead of (1 - y)",
        "def binary_cross_entropy(p, y):\n"
        "    return float(-np.mean(y * np.log(p) + y * np.log(1 - p)))",
        "05.1/y-in-both-terms",
    ),
    Answer(
        "05.1",
        "log p in both terms",
        "def binary_cross_entropy(p, y):\n"
        "    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(p)))",
        "05.1/log-p-twice",
    ),
    Answer(
        "05.1",
        "mean over the positives",
        "def binary_cross_entropy(p, y):\n"
        "    terms = y * np.log(p) + (1 - y) * np.log(1 - p)\n"
        "    return float(-terms.sum() / max(y.sum(), 1))",
        "05.1/over-positives",
    ),
    Answer(
        "05.3",
        "mean over the batch",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    probs = softmax(logits)\n"
        "    probs[np.arange(len(y)), y] -= 1\n"
        "    return probs.mean(axis=0)",
        "05.3/batch-mean",
    ),
    Answer(
        "05.3",
        "divided by every entry",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    onehot = np.eye(logits.shape[1])[y]\n"
        "    return (softmax(logits) - onehot) / (logits.shape[0] * logits.shape[1])",
        "05.3/over-nc",
    ),
    Answer(
        "05.1",
        "averages twice: np.mean and then divides by N again",
        "def binary_cross_entropy(p, y):\n"
        "    N = len(p)\n"
        "    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) / N)",
        "05.1/mean-twice",
    ),
    Answer(
        "05.4",
        "uniform_loss has the wrong sign: ln(1/C) is negative",
        "def uniform_loss(n_classes):\n"
        "    return np.log(1 / n_classes)\n"
        "\n"
        "\n"
        "def probability_for_loss(loss):\n"
        "    return np.exp(-loss)\n"
        "\n"
        "\n"
        "def confident_mistake_loss(p):\n"
        "    return -np.log(1 - p)",
        "05.4/uniform_loss-no-minus",
    ),
    *(
        Answer("05.4", description, _readings(*readings), named)
        for description, readings, named in _ONE_READING_WRONG
    ),
    Answer(
        "05.1",
        "the minus sign on the first term only",
        "def binary_cross_entropy(p, y):\n"
        "    return float(np.mean(-y * np.log(p) + (1 - y) * np.log(1 - p)))",
        "05.1/minus-first-term",
    ),
    Answer(
        "05.1",
        "p clipped to [0.01, 0.99] 'for safety'",
        "def binary_cross_entropy(p, y):\n"
        "    q = np.clip(p, 0.01, 0.99)\n"
        "    return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))",
        message="confident predictions, one far off",
    ),
]
