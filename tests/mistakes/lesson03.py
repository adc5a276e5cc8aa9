"""Answers to lesson 03's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    Answer(
        "03.1",
        "products entry by entry",
        "def collapse(W1, b1, W2, b2):\n    return W1 * W2, b1 * W2 + b2",
        "03.1/elementwise",
    ),
    Answer(
        "03.1",
        "the hidden biases added up",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, np.sum(b1) + b2",
        "03.1/b1-summed",
    ),
    Answer(
        "03.1",
        "b1 @ W2 added to the weights",
        "def collapse(W1, b1, W2, b2):\n    W = W1 @ W2 + b1 @ W2\n    return W, b2",
        "03.1/b1-in-w",
    ),
    Answer(
        "03.1",
        "first bias dropped",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, b2",
        "03.1/no-b1",
    ),
    Answer(
        "03.1",
        "second bias dropped",
        "def collapse(W1, b1, W2, b2):\n    W = W1 @ W2\n    b = b1 @ W2\n    return W, b",
        "03.1/no-b2",
    ),
    Answer(
        "03.1",
        "biases simply added",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, b1 + b2",
        "03.1/b1-plus-b2",
    ),
    Answer(
        "03.1",
        "weights in the wrong order",
        "def collapse(W1, b1, W2, b2):\n    return np.dot(W2, W1), np.dot(b1, W2) + b2",
        "03.1/order",
    ),
    Answer(
        "03.1",
        "b1 multiplied from the wrong side",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, W2 @ b1 + b2",
        "03.1/b1-side",
    ),
    Answer(
        "03.1",
        "elementwise product of the weights, the right bias",
        "def collapse(W1, b1, W2, b2):\n    return W1 * W2, b1 @ W2 + b2",
        "03.1/elementwise",
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
        "math.exp on the whole array",
        "import math\n\n\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))",
        "course/one-number",
    ),
    Answer(
        "03.2",
        "a stable loop over z.flatten() that returns the flat list",
        "import math\n\n\ndef sigmoid(z):\n"
        "    out = []\n"
        "    for v in np.asarray(z, dtype=float).flatten():\n"
        "        e = math.exp(-abs(v))\n"
        "        out.append(1 / (1 + e) if v >= 0 else e / (1 + e))\n"
        "    return np.array(out)",
        "course/flattened",
    ),
    Answer(
        "03.2",
        "naive formula",
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))",
        "03.2/overflow",
    ),
    Answer(
        "03.2",
        "np.where over two unsafe branches",
        "def sigmoid(z):\n"
        "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))",
        "03.2/overflow",
    ),
    Answer(
        "03.2",
        "naive formula, warning silenced with np.errstate",
        "def sigmoid(z):\n"
        "    with np.errstate(over='ignore'):\n"
        "        return 1 / (1 + np.exp(-z))",
        "03.2/silenced",
    ),
    Answer(
        "03.2",
        "exp(z) / (1 + exp(z)), warnings filtered",
        "def sigmoid(z):\n"
        "    with warnings.catch_warnings():\n"
        "        warnings.simplefilter('ignore')\n"
        "        ez = np.exp(z)\n"
        "        return ez / (1 + ez)",
        "03.2/silenced",
    ),
    Answer(
        "03.2",
        "sign flipped",
        "def sigmoid(z):\n"
        "    e = np.exp(-np.abs(z))\n"
        "    return np.where(z < 0, 1 / (1 + e), e / (1 + e))",
        "03.2/flipped",
    ),
    Answer(
        "03.2",
        "tanh without the halving",
        "def sigmoid(z):\n    return (1 + np.tanh(z)) / 2",
        "03.2/tanh",
    ),
    Answer(
        "03.2",
        "exp(-|z|) without the two cases",
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.abs(z)))",
        "03.2/abs",
    ),
    Answer(
        "03.2",
        "no reciprocal",
        "def sigmoid(z):\n    return 1 + np.exp(-z)",
        "03.2/no-reciprocal",
    ),
    Answer(
        "03.2",
        "imports the library's sigmoid",
        "from wbcourse.activations import sigmoid",
        "course/library",
    ),
    Answer(
        "03.2",
        "the library's sigmoid through the setup's alias",
        "def sigmoid(z):\n    return act.sigmoid(z)",
        "course/library",
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
        "tanh identity (loses the tiny values, never overflows)",
        "def sigmoid(z):\n    return 0.5 * (1 + np.tanh(z / 2))",
        "03.2/zero-far-out",
    ),
    Answer(
        "03.2",
        "clipped before the naive formula",
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))",
        "03.2/clipped",
    ),
    Answer(
        "03.2",
        "log-sum-exp",
        "def sigmoid(z):\n    return np.exp(-np.logaddexp(0, -z))",
    ),
    Answer(
        "03.3",
        "the mask",
        "def relu(z):\n    return (z > 0).astype(float)",
        "03.3/mask",
    ),
    Answer("03.3", "minimum", "def relu(z):\n    return np.minimum(z, 0)", "03.3/minimum"),
    Answer("03.3", "absolute value", "def relu(z):\n    return np.abs(z)", "03.3/abs"),
    Answer(
        "03.3",
        "np.max instead of np.maximum",
        "def relu(z):\n    return np.max(z, 0)",
        "03.3/np-max",
    ),
    Answer(
        "03.3",
        "leaky ReLU",
        "def relu(z):\n    return np.where(z > 0, z, 0.01 * z)",
        "03.3/leaky",
    ),
    Answer(
        "03.3",
        "zeroes the input in place",
        "def relu(z):\n    z[z < 0] = 0\n    return z",
        "course/mutated",
    ),
    Answer(
        "03.3",
        "Python's max",
        "def relu(z):\n    return max(z, 0)",
        "course/whole-array-if",
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
        "03.3",
        "a loop over the flattened entries",
        "def relu(z):\n"
        "    out = np.array(z, dtype=float)\n"
        "    flat = out.reshape(-1)\n"
        "    for i in range(flat.size):\n"
        "        if flat[i] < 0:\n"
        "            flat[i] = 0.0\n"
        "    return out",
    ),
    Answer(
        "03.4",
        "no max subtraction",
        "def softmax(Z):\n    e = np.exp(Z)\n    return e / e.sum(axis=1, keepdims=True)",
        "03.4/no-max",
    ),
    Answer(
        "03.4",
        "one max for the whole batch",
        "def softmax(Z):\n    e = np.exp(Z - Z.max())\n    return e / e.sum(axis=1, keepdims=True)",
        "03.4/batch-max",
    ),
    Answer(
        "03.4",
        "no max subtraction, warnings silenced",
        "def softmax(Z):\n"
        "    with np.errstate(all='ignore'):\n"
        "        e = np.exp(Z)\n"
        "        return e / e.sum(axis=1, keepdims=True)",
        "03.4/silenced",
    ),
    Answer(
        "03.4",
        "wrong axis",
        "def softmax(Z):\n"
        "    e = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
        "    return e / e.sum(axis=0, keepdims=True)",
        "03.4/axis",
    ),
    Answer(
        "03.4",
        "no keepdims on the sum",
        "def softmax(Z):\n"
        "    e = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    return e / e.sum(axis=1)",
        "03.4/sum-keepdims",
    ),
    Answer(
        "03.4",
        "no keepdims on the max",
        "def softmax(Z):\n"
        "    e = np.exp(Z - np.max(Z, axis=1))\n"
        "    return e / np.sum(e, axis=1, keepdims=True)",
        "03.4/max-keepdims",
    ),
    Answer(
        "03.4",
        "no keepdims on the max nor on the sum",
        "def softmax(Z):\n    e = np.exp(Z - Z.max(axis=1))\n    return e / e.sum(axis=1)",
        "03.4/no-keepdims",
    ),
    Answer(
        "03.4",
        "a column max",
        "def softmax(Z):\n"
        "    e = np.exp(Z - Z.max(axis=0))\n"
        "    return e / e.sum(axis=1, keepdims=True)",
        "03.4/column-max",
    ),
    Answer(
        "03.4",
        "normalised by the whole array",
        "def softmax(Z):\n    e = np.exp(Z - Z.max())\n    return e / e.sum()",
        "03.4/whole-sum",
    ),
    Answer(
        "03.4",
        "forgot the exponential",
        "def softmax(Z):\n    return Z / Z.sum(axis=1, keepdims=True)",
        "03.4/no-exp",
    ),
    Answer(
        "03.4",
        "reuses the sigmoid of 03.2, elementwise",
        "def softmax(Z):\n    return sigmoid(Z)",
        "03.4/sigmoid",
    ),
    Answer(
        "03.4",
        "subtracts in place",
        "def softmax(Z):\n"
        "    Z -= Z.max(axis=1, keepdims=True)\n"
        "    e = np.exp(Z)\n"
        "    return e / e.sum(axis=1, keepdims=True)",
        "course/mutated",
    ),
    Answer(
        "03.4",
        "imports the library's softmax",
        "from wbcourse.activations import softmax",
        "course/library",
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
    Answer(
        "03.4",
        "np.apply_along_axis",
        "def softmax(Z):\n"
        "    def one(row):\n"
        "        e = np.exp(row - row.max())\n"
        "        return e / e.sum()\n"
        "    return np.apply_along_axis(one, 1, Z)",
    ),
    Answer(
        "03.1",
        "b as a row",
        "def collapse(W1, b1, W2, b2):\n    return W1 @ W2, b1[None, :] @ W2 + b2",
        "03.1/b-2d",
    ),
    Answer(
        "03.3",
        "clipped to [0, 1]",
        "def relu(z):\n    return np.minimum(np.maximum(z, 0), 1)",
        "03.3/clipped",
    ),
    Answer(
        "03.3",
        "cast to int",
        "def relu(z):\n    return np.where(z > 0, z, 0).astype(int)",
        "03.3/int",
    ),
    Answer(
        "03.4",
        "one sum for the batch",
        "def softmax(Z):\n"
        "    shifted = np.exp(Z - np.max(Z, axis=1, keepdims=True))\n"
        "    return shifted / np.sum(shifted)",
        "03.4/batch-sum",
    ),
    Answer(
        "03.4",
        "shift in the numerator only",
        "def softmax(Z):\n"
        "    top = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    return top / np.exp(Z).sum(axis=1, keepdims=True)",
        "03.4/shift-numerator-only",
    ),
    Answer(
        "03.2",
        "a cut-off: exactly 0 below -30 and 1 above 30",
        "def sigmoid(z):\n"
        "    z = np.asarray(z, dtype=float)\n"
        "    inside = np.clip(z, -30.0, 30.0)\n"
        "    result = 1.0 / (1.0 + np.exp(-inside))\n"
        "    return np.where(z < -30, 0.0, np.where(z > 30, 1.0, result))",
        "03.2/zero-far-out",
    ),
]
