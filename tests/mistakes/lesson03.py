"""Answers to lesson 03's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    Answer(
        "03.1",
        "first bias dropped",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, b2",
        "dropped the first bias",
    ),
    Answer(
        "03.1",
        "biases simply added",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, b1 + b2",
        "added the biases without passing b1 through W2",
    ),
    Answer(
        "03.1",
        "weights in the wrong order",
        "def collapse(W1, b1, W2, b2):\n    return W2 @ W1, b1 @ W2 + b2",
        "multiplied the weights in the wrong order",
    ),
    Answer(
        "03.1",
        "b1 multiplied from the wrong side",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, W2 @ b1 + b2",
        "multiplied b1 by W2 from the wrong side",
    ),
    Answer(
        "03.1",
        "a list instead of a tuple, via the augmented matrices of lesson 01",
        "def collapse(W1, b1, W2, b2):\n"
        "    A1 = np.vstack([np.hstack([W1, np.zeros((W1.shape[0], 1))]),\n"
        "                    np.append(b1, 1.0)])\n"
        "    A2 = np.vstack([W2, b2])\n"
        "    A = A1 @ A2\n"
        "    return [A[:-1], A[-1]]",
    ),
    Answer(
        "03.1",
        "np.dot and a loop for b",
        "def collapse(W1, b1, W2, b2):\n"
        "    b = b2.copy()\n"
        "    for h in range(len(b1)):\n"
        "        b = b + b1[h] * W2[h]\n"
        "    return np.dot(W1, W2), b",
    ),
    Answer(
        "03.2",
        "naive formula",
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))",
        "the naive formula overflows",
    ),
    Answer(
        "03.2",
        "np.where over two unsafe branches",
        "def sigmoid(z):\n"
        "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))",
        "np.where(condition, a, b) computes both a and b",
    ),
    Answer(
        "03.2",
        "sign flipped",
        "def sigmoid(z):\n"
        "    e = np.exp(-np.abs(z))\n"
        "    return np.where(z < 0, 1 / (1 + e), e / (1 + e))",
        "flipped the sign",
    ),
    Answer(
        "03.2",
        "tanh without the halving",
        "def sigmoid(z):\n    return (1 + np.tanh(z)) / 2",
        "tanh without the 1/2 inside",
    ),
    Answer(
        "03.2",
        "imports the library's sigmoid",
        "from wbcourse.activations import sigmoid",
        "wbcourse's own implementation",
    ),
    Answer(
        "03.2",
        "masks on a new array",
        "def sigmoid(z):\n"
        "    out = np.empty_like(z, dtype=float)\n"
        "    pos = z >= 0\n"
        "    out[pos] = 1 / (1 + np.exp(-z[pos]))\n"
        "    ez = np.exp(z[~pos])\n"
        "    out[~pos] = ez / (1 + ez)\n"
        "    return out",
    ),
    Answer(
        "03.2",
        "tanh identity",
        "def sigmoid(z):\n    return 0.5 * (1 + np.tanh(z / 2))",
    ),
    Answer(
        "03.2",
        "clipped before the naive formula",
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))",
    ),
    Answer(
        "03.3",
        "the mask",
        "def relu(z):\n    return (z > 0).astype(float)",
        "returned the mask, not the values",
    ),
    Answer(
        "03.3", "minimum", "def relu(z):\n    return np.minimum(z, 0)", "kept the negative part"
    ),
    Answer(
        "03.3", "absolute value", "def relu(z):\n    return np.abs(z)", "took the absolute value"
    ),
    Answer(
        "03.3",
        "zeroes the input in place",
        "def relu(z):\n    z[z < 0] = 0\n    return z",
        "changed its input arrays in place",
    ),
    Answer("03.3", "np.where", "def relu(z):\n    return np.where(z > 0, z, 0.0)"),
    Answer(
        "03.3",
        "boolean mask on a copy",
        "def relu(z):\n    out = z.copy()\n    out[out < 0] = 0\n    return out",
    ),
    Answer("03.3", "multiplied by the mask", "def relu(z):\n    return z * (z > 0)"),
    Answer("03.3", "np.clip", "def relu(z):\n    return np.clip(z, 0, None)"),
    Answer(
        "03.4",
        "no max subtraction",
        "def softmax(Z):\n    e = np.exp(Z)\n    return e / e.sum(axis=1, keepdims=True)",
        "no max subtraction",
    ),
    Answer(
        "03.4",
        "wrong axis",
        "def softmax(Z):\n"
        "    e = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
        "    return e / e.sum(axis=0, keepdims=True)",
        "softmax over the wrong axis",
    ),
    Answer(
        "03.4",
        "one max for the whole batch",
        "def softmax(Z):\n    e = np.exp(Z - Z.max())\n    return e / e.sum(axis=1, keepdims=True)",
        "subtracted one maximum for the whole batch",
    ),
    Answer(
        "03.4",
        "no keepdims on the sum",
        "def softmax(Z):\n"
        "    e = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    return e / e.sum(axis=1)",
        "row sums without keepdims",
    ),
    Answer(
        "03.4",
        "normalised by the whole array",
        "def softmax(Z):\n    e = np.exp(Z - Z.max())\n    return e / e.sum()",
        "divided by the sum of the whole array",
    ),
    Answer(
        "03.4",
        "subtracts in place",
        "def softmax(Z):\n"
        "    Z -= Z.max(axis=1, keepdims=True)\n"
        "    e = np.exp(Z)\n"
        "    return e / e.sum(axis=1, keepdims=True)",
        "changed its input array",
    ),
    Answer(
        "03.4",
        "imports the library's softmax",
        "from wbcourse.activations import softmax",
        "wbcourse's own implementation",
    ),
    Answer(
        "03.4",
        "a loop over rows",
        "def softmax(Z):\n"
        "    out = np.zeros(Z.shape)\n"
        "    for n, row in enumerate(Z):\n"
        "        e = np.exp(row - np.max(row))\n"
        "        out[n] = e / np.sum(e)\n"
        "    return out",
    ),
    Answer(
        "03.4",
        "log-sum-exp",
        "def softmax(Z):\n"
        "    m = Z.max(axis=1, keepdims=True)\n"
        "    lse = m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True))\n"
        "    return np.exp(Z - lse)",
    ),
]
