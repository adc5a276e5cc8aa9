"""Answers to lesson 05's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_NAIVE_PROBS = "    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)\n"
_STABLE_LOG_PROBS = (
    "    shifted = logits - logits.max(axis=1, keepdims=True)\n"
    "    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
)

ANSWERS = [
    Answer(
        "05.1",
        "no minus sign",
        "def binary_cross_entropy(p, y):\n"
        "    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))",
        "forgot the minus sign",
    ),
    Answer(
        "05.1",
        "sum over the batch",
        "def binary_cross_entropy(p, y):\n"
        "    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))",
        "summed instead of taking the mean",
    ),
    Answer(
        "05.1",
        "only the label-1 term",
        "def binary_cross_entropy(p, y):\n    return float(-np.mean(y * np.log(p)))",
        "left out the (1 - y) term",
    ),
    Answer(
        "05.1",
        "p and 1 - p swapped",
        "def binary_cross_entropy(p, y):\n"
        "    return float(-np.mean(y * np.log(1 - p) + (1 - y) * np.log(p)))",
        "swapped p and 1 - p",
    ),
    Answer(
        "05.1",
        "probability of the true class with np.where",
        "def binary_cross_entropy(p, y):\n    return -np.mean(np.log(np.where(y == 1, p, 1 - p)))",
    ),
    Answer(
        "05.1",
        "a Python loop",
        "import math\n"
        "def binary_cross_entropy(p, y):\n"
        "    total = 0.0\n"
        "    for p_i, y_i in zip(p, y):\n"
        "        total -= math.log(p_i) if y_i == 1 else math.log(1 - p_i)\n"
        "    return total / len(p)",
    ),
    Answer(
        "05.2",
        "naive softmax",
        "def softmax_cross_entropy(logits, y):\n"
        + _NAIVE_PROBS
        + "    return float(-np.mean(np.log(probs[np.arange(len(y)), y])))",
        "naive softmax overflows",
    ),
    Answer(
        "05.2",
        "stable softmax, then log",
        "def softmax_cross_entropy(logits, y):\n"
        "    e = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
        "    probs = e / e.sum(axis=1, keepdims=True)\n"
        "    return float(-np.mean(np.log(probs[np.arange(len(y)), y])))",
        "took the log of a probability that rounded to 0",
    ),
    Answer(
        "05.2",
        "sum over the batch",
        "def softmax_cross_entropy(logits, y):\n"
        + _STABLE_LOG_PROBS
        + "    return float(-np.sum(log_probs[np.arange(len(y)), y]))",
        "summed over the batch instead of taking the mean",
    ),
    Answer(
        "05.2",
        "no minus sign",
        "def softmax_cross_entropy(logits, y):\n"
        + _STABLE_LOG_PROBS
        + "    return float(np.mean(log_probs[np.arange(len(y)), y]))",
        "forgot the minus sign",
    ),
    Answer(
        "05.2",
        "logits[:, y]",
        "def softmax_cross_entropy(logits, y):\n"
        + _STABLE_LOG_PROBS
        + "    return float(-np.mean(log_probs[:, y]))",
        "indexed with logits[:, y]",
    ),
    Answer(
        "05.2",
        "labels used as one-hot rows",
        "def softmax_cross_entropy(logits, y):\n"
        + _STABLE_LOG_PROBS
        + "    return float(-np.mean(np.sum(y * log_probs, axis=1)))",
        "treated the integer labels as one-hot",
    ),
    Answer(
        "05.2",
        "one-hot, mean over every entry",
        "def softmax_cross_entropy(logits, y):\n"
        + _STABLE_LOG_PROBS
        + "    onehot = np.eye(logits.shape[1])[y]\n"
        "    return float(-np.mean(onehot * log_probs))",
        "averaged over all N x C entries",
    ),
    Answer(
        "05.2",
        "one-hot matrix, summed over classes",
        "def softmax_cross_entropy(logits, y):\n"
        + _STABLE_LOG_PROBS
        + "    onehot = np.eye(logits.shape[1])[y]\n"
        "    return float(-np.mean(np.sum(onehot * log_probs, axis=1)))",
    ),
    Answer(
        "05.2",
        "a loop over the rows",
        "import math\n"
        "def softmax_cross_entropy(logits, y):\n"
        "    total = 0.0\n"
        "    for row, label in zip(logits, y):\n"
        "        m = max(row)\n"
        "        lse = m + math.log(sum(math.exp(v - m) for v in row))\n"
        "        total += lse - row[label]\n"
        "    return total / len(y)",
    ),
    Answer(
        "05.3",
        "no 1/N",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    return softmax(logits) - np.eye(logits.shape[1])[y]",
        "forgot to divide by N",
    ),
    Answer(
        "05.3",
        "p[:, y] -= 1",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    probs = softmax(logits)\n"
        "    probs[:, y] -= 1\n"
        "    return probs / len(y)",
        "subtracted 1 in whole columns",
    ),
    Answer(
        "05.3",
        "onehot minus softmax",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    return (np.eye(logits.shape[1])[y] - softmax(logits)) / len(y)",
        "wrong sign",
    ),
    Answer(
        "05.3",
        "naive softmax",
        "def softmax_cross_entropy_grad(logits, y):\n"
        + _NAIVE_PROBS
        + "    return (probs - np.eye(logits.shape[1])[y]) / len(y)",
        "naive softmax overflows",
    ),
    Answer(
        "05.3",
        "shifts the logits in place",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    logits -= logits.max(axis=1, keepdims=True)\n"
        "    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)\n"
        "    probs[np.arange(len(y)), y] -= 1\n"
        "    return probs / len(y)",
        "changed its input arrays in place",
    ),
    Answer(
        "05.3",
        "own stable softmax, subtract at [rows, y]",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    e = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
        "    grad = e / e.sum(axis=1, keepdims=True)\n"
        "    grad[np.arange(len(y)), y] -= 1\n"
        "    return grad / len(y)",
    ),
    Answer(
        "05.3",
        "a loop over the rows",
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    grad = np.zeros_like(logits)\n"
        "    for i, label in enumerate(y):\n"
        "        grad[i] = softmax(logits[i:i + 1])[0]\n"
        "        grad[i, label] -= 1\n"
        "    return grad / len(y)",
    ),
    Answer(
        "05.4",
        "log base 10 everywhere",
        "def uniform_loss(n_classes):\n    return np.log10(n_classes)\n"
        "def probability_for_loss(loss):\n    return 10 ** -loss\n"
        "confident_mistake_loss = -np.log10(0.001)",
        "used log base 10",
    ),
    Answer(
        "05.4",
        "probability instead of loss, no minus in exp",
        "def uniform_loss(n_classes):\n    return 1 / n_classes\n"
        "def probability_for_loss(loss):\n    return np.exp(loss)\n"
        "confident_mistake_loss = 6.9078",
        "is the probability each class gets",
    ),
    Answer(
        "05.4",
        "probability of the wrong class",
        "def uniform_loss(n_classes):\n    return np.log(n_classes)\n"
        "def probability_for_loss(loss):\n    return np.exp(-loss)\n"
        "confident_mistake_loss = -np.log(0.999)",
        "used -log(0.999)",
    ),
    Answer(
        "05.4",
        "the squared error",
        "def uniform_loss(n_classes):\n    return np.log(n_classes)\n"
        "def probability_for_loss(loss):\n    return np.exp(-loss)\n"
        "confident_mistake_loss = 0.999 ** 2",
        "that is the squared error",
    ),
    Answer(
        "05.4",
        "other formulas, typed-in number, lambdas",
        "import math\n"
        "uniform_loss = lambda n_classes: -math.log(1 / n_classes)\n"
        "probability_for_loss = lambda loss: 1 / math.exp(loss)\n"
        "confident_mistake_loss = 6.9078",
    ),
]
