"""Answers to lesson 13's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

#: The seven parts of exercise 13.1, right, as a student pastes them from earlier lessons.
_PARTS = {
    "dense_forward": "def dense_forward(X, W, b):\n    return X @ W + b\n",
    "relu": "def relu(z):\n    return np.maximum(z, 0.0)\n",
    "softmax": (
        "def softmax(Z):\n"
        "    e = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    return e / e.sum(axis=1, keepdims=True)\n"
    ),
    "softmax_cross_entropy": (
        "def softmax_cross_entropy(logits, y):\n"
        "    m = logits.max(axis=1)\n"
        "    lse = m + np.log(np.exp(logits - m[:, None]).sum(axis=1))\n"
        "    return float(np.mean(lse - logits[np.arange(len(y)), y]))\n"
    ),
    "softmax_cross_entropy_grad": (
        "def softmax_cross_entropy_grad(logits, y):\n"
        "    N, C = logits.shape\n"
        "    return (softmax(logits) - np.eye(C)[y]) / N\n"
    ),
    "dense_backward": (
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)\n"
    ),
    "relu_backward": "def relu_backward(dA, Z):\n    return dA * (Z > 0)\n",
}


def _parts(**replaced: str) -> str:
    """The answer cell of 13.1 with some parts replaced by other code."""
    return "\n\n".join(replaced.get(name, code) for name, code in _PARTS.items())


_NETWORK_START = (
    "def loss_and_grads(params, X, y):\n"
    "    L = len(params) // 2\n"
    "    A, caches = X, []\n"
    "    for l in range(1, L + 1):\n"
    "        Z = dense_forward(A, params[f'W{l}'], params[f'b{l}'])\n"
)

ANSWERS = [
    # 13.1 your parts
    Answer(
        "13.1",
        "relu_backward masks by the gradient",
        _parts(relu_backward="def relu_backward(dA, Z):\n    return np.maximum(dA, 0)\n"),
        "13.1/rback-mask-from-dA",
    ),
    Answer(
        "13.1",
        "softmax without the max subtraction",
        _parts(
            softmax="def softmax(Z):\n"
            "    e = np.exp(Z)\n"
            "    return e / e.sum(axis=1, keepdims=True)\n"
        ),
        "13.1/unstable",
    ),
    Answer(
        "13.1",
        "db as a mean, pasted from a lesson 07 answer that lost points",
        _parts(
            dense_backward="def dense_backward(dZ, cache):\n"
            "    X, W, b = cache\n"
            "    return dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)\n"
        ),
        "13.1/dback-db-mean",
    ),
    Answer(
        "13.1",
        "the course's relu imported",
        _parts(relu="from wbcourse.activations import relu\n"),
        "course/library",
    ),
    Answer(
        "13.1",
        "np.where, einsum and log-softmax",
        _parts(
            dense_forward="def dense_forward(X, W, b):\n"
            "    return np.einsum('ni,ij->nj', X, W) + b[None, :]\n",
            relu_backward="def relu_backward(dA, Z):\n    return np.where(Z > 0, dA, 0.0)\n",
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    shifted = logits - logits.max(axis=1, keepdims=True)\n"
            "    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
            "    return -sum(log_p[i, label] for i, label in enumerate(y)) / len(y)\n",
        ),
    ),
    Answer(
        "13.1",
        "dense_forward without the bias",
        _parts(dense_forward="def dense_forward(X, W, b):\n    return np.dot(X, W)\n"),
        "13.1/dense-no-bias",
    ),
    Answer(
        "13.1",
        "dense_forward subtracts the bias",
        _parts(dense_forward="def dense_forward(X, W, b):\n    return X @ W - b\n"),
        "13.1/dense-bias-subtracted",
    ),
    Answer(
        "13.1",
        "the ReLU inside dense_forward (the seed's 'output of an input')",
        _parts(
            dense_forward="def dense_forward(X, W, b):\n"
            "    Z = X @ W + b\n"
            "    return np.maximum(Z, 0)\n"
        ),
        "13.1/dense-activation",
    ),
    Answer(
        "13.1",
        "relu returns its slope",
        _parts(relu="def relu(z):\n    return np.where(z > 0, 1.0, 0.0)\n"),
        "13.1/relu-mask",
    ),
    Answer(
        "13.1",
        "relu keeps the negative part",
        _parts(relu="def relu(z):\n    return np.minimum(0, z)\n"),
        "13.1/relu-negative",
    ),
    Answer(
        "13.1",
        "relu as the absolute value",
        _parts(relu="def relu(z):\n    return np.sqrt(z**2)\n"),
        "13.1/relu-abs",
    ),
    Answer(
        "13.1",
        "softmax over the columns",
        _parts(
            softmax="def softmax(Z):\n"
            "    e = np.exp(Z - Z.max(axis=0))\n"
            "    return e / e.sum(axis=0)\n"
        ),
        "13.1/softmax-columns",
    ),
    Answer(
        "13.1",
        "softmax divided by the total",
        _parts(
            softmax="def softmax(Z):\n    e = np.exp(Z - np.max(Z))\n    return e / np.sum(e)\n"
        ),
        "13.1/softmax-whole",
    ),
    Answer(
        "13.1",
        "softmax with a max per column",
        _parts(
            softmax="def softmax(Z):\n"
            "    e = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
            "    return e / e.sum(axis=1, keepdims=True)\n"
        ),
        "13.1/softmax-column-max",
    ),
    Answer(
        "13.1",
        "softmax without exp",
        _parts(softmax="def softmax(Z):\n    return Z / Z.sum(axis=1, keepdims=True)\n"),
        "13.1/softmax-no-exp",
    ),
    Answer(
        "13.1",
        "one max for the whole batch in softmax",
        _parts(
            softmax="def softmax(Z):\n"
            "    e = np.exp(Z - Z.max())\n"
            "    return e / e.sum(axis=1, keepdims=True)\n"
        ),
        "13.1/shared-max",
    ),
    Answer(
        "13.1",
        "one max for the whole batch in the loss",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    m = np.max(logits)\n"
            "    lse = m + np.log(np.sum(np.exp(logits - m), axis=1))\n"
            "    return float(np.mean(lse - logits[np.arange(len(y)), y]))\n"
        ),
        "13.1/shared-max",
    ),
    Answer(
        "13.1",
        "cross-entropy without log-sum-exp",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    lse = np.log(np.exp(logits).sum(axis=1))\n"
            "    return float(np.mean(lse - logits[np.arange(len(y)), y]))\n"
        ),
        "13.1/unstable",
    ),
    Answer(
        "13.1",
        "cross-entropy summed over the batch",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    m = logits.max(axis=1, keepdims=True)\n"
            "    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))\n"
            "    return float(-log_p[np.arange(len(y)), y].sum())\n"
        ),
        "13.1/sce-sum",
    ),
    Answer(
        "13.1",
        "cross-entropy without the minus",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    m = logits.max(axis=1)\n"
            "    lse = m + np.log(np.exp(logits - m[:, None]).sum(axis=1))\n"
            "    return float(np.mean(logits[np.arange(len(y)), y] - lse))\n"
        ),
        "13.1/sce-sign",
    ),
    Answer(
        "13.1",
        "cross-entropy indexed with [:, y]",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    m = logits.max(axis=1, keepdims=True)\n"
            "    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))\n"
            "    return float(-np.mean(log_p[:, y]))\n"
        ),
        "13.1/sce-columns",
    ),
    Answer(
        "13.1",
        "labels multiplied in as if one-hot",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    m = logits.max(axis=1, keepdims=True)\n"
            "    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))\n"
            "    return float(-np.mean(np.sum(y * log_p, axis=1)))\n"
        ),
        "13.1/sce-labels-not-onehot",
    ),
    Answer(
        "13.1",
        "mean over every entry of the one-hot product",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    m = logits.max(axis=1, keepdims=True)\n"
            "    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))\n"
            "    onehot = np.eye(logits.shape[1])[y]\n"
            "    return float(-np.mean(onehot * log_p))\n"
        ),
        "13.1/sce-all-entries",
    ),
    Answer(
        "13.1",
        "the max not added back",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    m = logits.max(axis=1)\n"
            "    lse = np.log(np.exp(logits - m[:, None]).sum(axis=1))\n"
            "    return float(np.mean(lse - logits[np.arange(len(y)), y]))\n"
        ),
        "13.1/sce-max-not-added",
    ),
    Answer(
        "13.1",
        "the probability instead of its log",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    p = softmax(logits)\n"
            "    return float(-np.mean(p[np.arange(len(y)), y]))\n"
        ),
        "13.1/sce-no-log",
    ),
    Answer(
        "13.1",
        "gradient without 1/N",
        _parts(
            softmax_cross_entropy_grad="def softmax_cross_entropy_grad(logits, y):\n"
            "    return softmax(logits) - np.eye(logits.shape[1])[y]\n"
        ),
        "13.1/grad-no-n",
    ),
    Answer(
        "13.1",
        "gradient without the labels",
        _parts(
            softmax_cross_entropy_grad="def softmax_cross_entropy_grad(logits, y):\n"
            "    return softmax(logits) / len(logits)\n"
        ),
        "13.1/grad-no-onehot",
    ),
    Answer(
        "13.1",
        "gradient with the sign flipped",
        _parts(
            softmax_cross_entropy_grad="def softmax_cross_entropy_grad(logits, y):\n"
            "    onehot = np.zeros_like(logits)\n"
            "    onehot[np.arange(len(y)), y] = 1\n"
            "    return (onehot - softmax(logits)) / len(y)\n"
        ),
        "13.1/grad-sign",
    ),
    Answer(
        "13.1",
        "gradient subtracts 1 in whole columns",
        _parts(
            softmax_cross_entropy_grad="def softmax_cross_entropy_grad(logits, y):\n"
            "    p = softmax(logits)\n"
            "    p[:, y] -= 1\n"
            "    return p / len(p)\n"
        ),
        "13.1/grad-columns",
    ),
    Answer(
        "13.1",
        "gradient subtracts 1 everywhere",
        _parts(
            softmax_cross_entropy_grad="def softmax_cross_entropy_grad(logits, y):\n"
            "    return (softmax(logits) - 1) / logits.shape[0]\n"
        ),
        "13.1/grad-minus-one",
    ),
    Answer(
        "13.1",
        "the classes counted from the largest label",
        _parts(
            softmax_cross_entropy_grad="def softmax_cross_entropy_grad(logits, y):\n"
            "    onehot = np.eye(y.max() + 1)[y]\n"
            "    return (softmax(logits) - onehot) / len(y)\n"
        ),
        "13.1/grad-classes-from-labels",
    ),
    Answer(
        "13.1",
        "db summed along the rows' axis",
        _parts(
            dense_backward="def dense_backward(dZ, cache):\n"
            "    X, W, b = cache\n"
            "    return dZ @ W.T, X.T @ dZ, np.sum(dZ, axis=1)\n"
        ),
        "13.1/dback-db-axis",
    ),
    Answer(
        "13.1",
        "dW the other way round",
        _parts(
            dense_backward="def dense_backward(dZ, cache):\n"
            "    X, W, b = cache\n"
            "    return dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)\n"
        ),
        "13.1/dback-dW-transposed",
    ),
    Answer(
        "13.1",
        "dX without the transpose of W",
        _parts(
            dense_backward="def dense_backward(dZ, cache):\n"
            "    X, W, b = cache\n"
            "    return dZ @ W, X.T @ dZ, dZ.sum(axis=0)\n"
        ),
        "13.1/dback-dX-no-transpose",
    ),
    Answer(
        "13.1",
        "dW first",
        _parts(
            dense_backward="def dense_backward(dZ, cache):\n"
            "    X, W, b = cache\n"
            "    dX, dW, db = dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)\n"
            "    return dW, dX, db\n"
        ),
        "13.1/dback-order",
    ),
    Answer(
        "13.1",
        "dense_backward without dX",
        _parts(
            dense_backward="def dense_backward(dZ, cache):\n"
            "    X, W, b = cache\n"
            "    return X.T @ dZ, dZ.sum(axis=0)\n"
        ),
        "13.1/dback-no-dX",
    ),
    Answer(
        "13.1",
        "relu_backward returns the slope only",
        _parts(relu_backward="def relu_backward(dA, Z):\n    return (Z > 0).astype(float)\n"),
        "13.1/rback-no-upstream",
    ),
    Answer(
        "13.1",
        "relu_backward lets everything through",
        _parts(relu_backward="def relu_backward(dA, Z):\n    return dA.copy()\n"),
        "13.1/rback-passthrough",
    ),
    Answer(
        "13.1",
        "relu_backward times relu(Z)",
        _parts(relu_backward="def relu_backward(dA, Z):\n    return dA * relu(Z)\n"),
        "13.1/rback-times-output",
    ),
    Answer(
        "13.1",
        "relu_backward masks where Z < 0",
        _parts(relu_backward="def relu_backward(dA, Z):\n    return np.where(Z < 0, dA, 0.0)\n"),
        "13.1/rback-mask-reversed",
    ),
    Answer(
        "13.1",
        "relu_backward lets the kink through",
        _parts(relu_backward="def relu_backward(dA, Z):\n    return dA * (Z >= 0)\n"),
        "13.1/rback-at-zero",
    ),
    Answer(
        "13.1",
        "relu_backward zeroes dA in place",
        _parts(relu_backward="def relu_backward(dA, Z):\n    dA[Z <= 0] = 0\n    return dA\n"),
        "course/mutated",
    ),
    Answer(
        "13.1",
        "log of the stable softmax",
        _parts(
            softmax_cross_entropy="def softmax_cross_entropy(logits, y):\n"
            "    p = softmax(logits)\n"
            "    return float(-np.mean(np.log(p[np.arange(len(y)), y])))\n"
        ),
        "13.1/unstable",
    ),
    Answer(
        "13.1",
        "a loop over the rows, the max subtracted per row",
        _parts(
            softmax="def softmax(Z):\n"
            "    rows = []\n"
            "    for z in Z:\n"
            "        e = np.exp(z - max(z))\n"
            "        rows.append(e / e.sum())\n"
            "    return np.array(rows)\n",
            softmax_cross_entropy_grad="def softmax_cross_entropy_grad(logits, y):\n"
            "    grad = softmax(logits)\n"
            "    for i, label in enumerate(y):\n"
            "        grad[i, label] -= 1\n"
            "    return grad / len(y)\n",
        ),
    ),
    # 13.2 loss_and_grads
    Answer(
        "13.2",
        "X cached as every layer's input",
        _NETWORK_START + "        caches.append(((X, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/x-in-every-cache",
    ),
    Answer(
        "13.2",
        "each layer's output cached",
        _NETWORK_START + "        A = relu(Z) if l < L else Z\n"
        "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/output-in-cache",
    ),
    Answer(
        "13.2",
        "relu_backward given the layer's own Z",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, Z)\n"
        "    return loss, grads",
        "13.2/layer-mixup",
    ),
    Answer(
        "13.2",
        "(grads, loss)",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return grads, loss",
        "course/order",
    ),
    Answer(
        "13.2",
        "ReLU after every layer, the last one too",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z)\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dA = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(relu_backward(dA, Z), cache)\n"
        "    return loss, grads",
        "13.2/output-relu",
    ),
    Answer(
        "13.2",
        "no relu_backward on the way down",
        _NETWORK_START + "        caches.append((A, params[f'W{l}'], params[f'b{l}']))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        dZ, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, caches[l - 1])\n"
        "    return loss, grads",
        "13.2/no-relu-backward",
    ),
    Answer(
        "13.2",
        "the cache holds the weighted sums of the layer below",
        _NETWORK_START + "        caches.append(Z)\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        below = caches[l - 2] if l > 1 else X\n"
        "        cache = (below, params[f'W{l}'], params[f'b{l}'])\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2])\n"
        "    return loss, grads",
        "13.2/cache-z",
    ),
    Answer(
        "13.2",
        "probabilities handed to the loss",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else softmax(Z)\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, _ = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/softmax-twice",
    ),
    Answer(
        "13.2",
        "two layers written out, no loop",
        "def loss_and_grads(params, X, y):\n"
        "    Z1 = dense_forward(X, params['W1'], params['b1'])\n"
        "    A1 = relu(Z1)\n"
        "    Z2 = dense_forward(A1, params['W2'], params['b2'])\n"
        "    loss = softmax_cross_entropy(Z2, y)\n"
        "    dZ2 = softmax_cross_entropy_grad(Z2, y)\n"
        "    dA1, dW2, db2 = dense_backward(dZ2, (A1, params['W2'], params['b2']))\n"
        "    dZ1 = relu_backward(dA1, Z1)\n"
        "    dX, dW1, db1 = dense_backward(dZ1, (X, params['W1'], params['b1']))\n"
        "    return loss, {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}",
        "13.2/fixed-depth",
    ),
    Answer(
        "13.2",
        "recursive, the ReLU's mask written inline",
        "def loss_and_grads(params, X, y):\n"
        "    def through(layer, A):\n"
        "        Z = dense_forward(A, params[f'W{layer}'], params[f'b{layer}'])\n"
        "        if f'W{layer + 1}' not in params:\n"
        "            return softmax_cross_entropy(Z, y), softmax_cross_entropy_grad(Z, y), {}\n"
        "        loss, dZ_above, grads = through(layer + 1, np.maximum(Z, 0))\n"
        "        above = layer + 1\n"
        "        A_above = np.maximum(Z, 0)\n"
        "        dA, grads[f'W{above}'], grads[f'b{above}'] = dense_backward(\n"
        "            dZ_above, (A_above, params[f'W{above}'], params[f'b{above}']))\n"
        "        return loss, dA * (Z > 0), grads\n"
        "    loss, dZ1, grads = through(1, X)\n"
        "    _, grads['W1'], grads['b1'] = dense_backward(dZ1, (X, params['W1'], params['b1']))\n"
        "    return loss, grads",
    ),
    Answer(
        "13.2",
        "the gradient of the logits divided by N once more",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y) / len(y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, _ = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/divided-by-n",
    ),
    Answer(
        "13.2",
        "a list of layer records, walked back with reversed()",
        "def loss_and_grads(params, X, y):\n"
        "    layers, A = [], X\n"
        "    n = len(params) // 2\n"
        "    for i in range(1, n + 1):\n"
        "        W, b = params['W' + str(i)], params['b' + str(i)]\n"
        "        Z = dense_forward(A, W, b)\n"
        "        layers.append({'i': i, 'cache': (A, W, b), 'Z': Z})\n"
        "        A = Z if i == n else relu(Z)\n"
        "    grads = {}\n"
        "    dA = None\n"
        "    for layer in reversed(layers):\n"
        "        if dA is None:\n"
        "            dZ = softmax_cross_entropy_grad(A, y)\n"
        "        else:\n"
        "            dZ = relu_backward(dA, layer['Z'])\n"
        "        dA, dW, db = dense_backward(dZ, layer['cache'])\n"
        "        grads['W' + str(layer['i'])], grads['b' + str(layer['i'])] = dW, db\n"
        "    return softmax_cross_entropy(A, y), grads",
    ),
    # 13.3 overfit
    Answer(
        "13.3",
        "steps uphill",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        params = {k: params[k] + lr * grads[k] for k in params}\n"
        "    return params, losses",
        "13.3/uphill",
    ),
    Answer(
        "13.3",
        "loss measured again after each step",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        grads = loss_and_grads(params, X, y)[1]\n"
        "        params = {k: params[k] - lr * grads[k] for k in params}\n"
        "        losses.append(loss_and_grads(params, X, y)[0])\n"
        "    return params, losses",
        "13.3/losses-after",
    ),
    Answer(
        "13.3",
        "updates the caller's arrays",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        for k in params:\n"
        "            params[k] -= lr * grads[k]\n"
        "    return params, losses",
        "course/mutated",
    ),
    Answer(
        "13.3",
        "returns the losses only",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        params = {k: params[k] - lr * grads[k] for k in params}\n"
        "    return losses",
        "13.3/return",
    ),
    Answer(
        "13.3",
        "a private copy updated in place, a while loop, an array of losses",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    current = {k: np.array(v, dtype=float) for k, v in params.items()}\n"
        "    losses = np.zeros(steps)\n"
        "    step = 0\n"
        "    while step < steps:\n"
        "        losses[step], grads = loss_and_grads(current, X, y)\n"
        "        for k in current:\n"
        "            current[k] -= lr * grads[k]\n"
        "        step += 1\n"
        "    return current, losses",
    ),
    Answer(
        "13.3",
        "biases left where they were",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        params = {k: v - lr * grads[k] if k.startswith('W') else v\n"
        "                  for k, v in params.items()}\n"
        "    return params, losses",
        "13.3/weights-only",
    ),
    Answer(
        "13.3",
        "gradients taken once, before the loop",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    _, grads = loss_and_grads(params, X, y)\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        losses.append(loss_and_grads(params, X, y)[0])\n"
        "        params = {k: params[k] - lr * grads[k] for k in params}\n"
        "    return params, losses",
        "13.3/gradients-once",
    ),
    Answer(
        "13.3",
        "every step from the parameters given",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        new_params = {k: params[k] - lr * grads[k] for k in params}\n"
        "    return new_params, losses",
        "13.3/from-start",
    ),
    Answer(
        "13.3",
        "momentum 0.9",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses, velocity = [], {k: 0.0 for k in params}\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        velocity = {k: 0.9 * velocity[k] + grads[k] for k in params}\n"
        "        params = {k: params[k] - lr * velocity[k] for k in params}\n"
        "    return params, losses",
        "13.3/momentum",
    ),
    Answer(
        "13.3",
        "the try-it cell's learning rate",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        params = {k: params[k] - 0.5 * grads[k] for k in params}\n"
        "    return params, losses",
        "13.3/fixed-lr",
    ),
    Answer(
        "13.3",
        "the final loss recorded too",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = loss_and_grads(params, X, y)\n"
        "        losses.append(loss)\n"
        "        params = {k: params[k] - lr * grads[k] for k in params}\n"
        "    losses.append(loss_and_grads(params, X, y)[0])\n"
        "    return params, losses",
        "13.3/loss-count",
    ),
    Answer(
        "13.3",
        "a deep copy, then a for loop over the keys",
        "import copy\n\n\n"
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    current = copy.deepcopy(params)\n"
        "    losses = []\n"
        "    for step in range(steps):\n"
        "        loss, grads = loss_and_grads(current, X, y)\n"
        "        losses.append(float(loss))\n"
        "        for key in current:\n"
        "            current[key] = current[key] - lr * grads[key]\n"
        "    return current, losses",
    ),
    # 13.4 update_ratios
    Answer(
        "13.4",
        "keyed by the layer's number",
        "def update_ratios(params, grads, lr):\n"
        "    layers = len(params) // 2\n"
        "    return {\n"
        "        l: np.linalg.norm(lr * grads[f'W{l}']) / np.linalg.norm(params[f'W{l}'])\n"
        "        for l in range(1, layers + 1)\n"
        "    }",
        "course/other-keys",
    ),
    Answer(
        "13.4",
        "the ratios in a list",
        "def update_ratios(params, grads, lr):\n"
        "    return [np.linalg.norm(lr * grads[k]) / np.linalg.norm(params[k])\n"
        "            for k in params if k.startswith('W')]",
        "course/values-without-keys",
    ),
    Answer(
        "13.4",
        "the gradient's size, not the step's",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: np.linalg.norm(grads[k]) / np.linalg.norm(params[k])\n"
        "            for k in params if k.startswith('W')}",
        "13.4/no-lr",
    ),
    Answer(
        "13.4",
        "a ratio for every parameter",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: np.linalg.norm(lr * grads[k]) / np.linalg.norm(params[k]) for k in params}",
        "13.4/biases",
    ),
    Answer(
        "13.4",
        "weights over update",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: np.linalg.norm(params[k]) / np.linalg.norm(lr * grads[k])\n"
        "            for k in params if k[0] == 'W'}",
        "13.4/upside-down",
    ),
    Answer(
        "13.4",
        "norms written out, numpy floats, a loop",
        "def update_ratios(params, grads, lr):\n"
        "    ratios = {}\n"
        "    for key, W in params.items():\n"
        "        if key.startswith('W'):\n"
        "            step = np.sqrt(np.sum((lr * grads[key]) ** 2))\n"
        "            ratios[key] = step / np.sqrt(np.sum(W * W))\n"
        "    return ratios",
    ),
    Answer(
        "13.4",
        "sums of squares without the roots",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: float(np.sum((lr * grads[k]) ** 2) / np.sum(params[k] ** 2))\n"
        "            for k in params if k.startswith('W')}",
        "13.4/no-roots",
    ),
    Answer(
        "13.4",
        "the mean ratio of the entries",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: float(np.mean(np.abs(lr * grads[k] / params[k])))\n"
        "            for k in params if k.startswith('W')}",
        "13.4/entrywise",
    ),
    Answer(
        "13.4",
        "new weights over old weights",
        "def update_ratios(params, grads, lr):\n"
        "    ratios = {}\n"
        "    for k in params:\n"
        "        if k.startswith('W'):\n"
        "            new = params[k] - lr * grads[k]\n"
        "            ratios[k] = np.linalg.norm(new) / np.linalg.norm(params[k])\n"
        "    return ratios",
        "13.4/new-weights",
    ),
    # 13.5 diagnose
    Answer(
        "13.5",
        "sums, not means",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if sum(train_accs) < target:\n"
        "        return 'underfitting'\n"
        "    if sum(val_accs) < target:\n"
        "        return 'overfitting'\n"
        "    return 'good'",
        "13.5/sums",
    ),
    Answer(
        "13.5",
        "validation checked first",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if np.mean(val_accs) < target:\n"
        "        return 'overfitting'\n"
        "    if np.mean(train_accs) < target:\n"
        "        return 'underfitting'\n"
        "    return 'good'",
        "13.5/validation-first",
    ),
    Answer(
        "13.5",
        "one seed decides",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if train_accs[0] < target:\n"
        "        return 'underfitting'\n"
        "    if val_accs[0] < target:\n"
        "        return 'overfitting'\n"
        "    return 'good'",
        "13.5/first-seed",
    ),
    Answer(
        "13.5",
        "the best run decides",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if max(train_accs) < target:\n"
        "        return 'underfitting'\n"
        "    return 'overfitting' if max(val_accs) < target else 'good'",
        "13.5/best-seed",
    ),
    Answer(
        "13.5",
        "the worst run decides",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if np.min(train_accs) < target:\n"
        "        return 'underfitting'\n"
        "    if np.min(val_accs) < target:\n"
        "        return 'overfitting'\n"
        "    return 'good'",
        "13.5/worst-seed",
    ),
    Answer(
        "13.5",
        "underfitting only when both are low",
        "def diagnose(train_accs, val_accs, target):\n"
        "    t, v = np.mean(train_accs), np.mean(val_accs)\n"
        "    if t < target and v < target:\n"
        "        return 'underfitting'\n"
        "    if t >= target and v < target:\n"
        "        return 'overfitting'\n"
        "    return 'good'",
        "13.5/both-below",
    ),
    Answer(
        "13.5",
        "a lookup table on two booleans",
        "def diagnose(train_accs, val_accs, target):\n"
        "    train_ok = sum(train_accs) / len(train_accs) >= target\n"
        "    val_ok = sum(val_accs) / len(val_accs) >= target\n"
        "    table = {(False, False): 'underfitting', (False, True): 'underfitting',\n"
        "             (True, False): 'overfitting', (True, True): 'good'}\n"
        "    return table[(train_ok, val_ok)]",
    ),
    Answer(
        "13.5",
        "the two words swapped",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if np.mean(train_accs) < target:\n"
        "        return 'overfitting'\n"
        "    if np.mean(val_accs) < target:\n"
        "        return 'underfitting'\n"
        "    return 'good'",
        "13.5/swapped",
    ),
    Answer(
        "13.2",
        "a constant loss with zero gradients",
        "def loss_and_grads(params, X, y):\n"
        "    return 0.0, {key: np.zeros_like(value) for key, value in params.items()}",
        message="does not change when its inputs change",
    ),
    Answer(
        "13.4",
        "mean absolute values",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: float(np.mean(np.abs(lr * grads[k])) / np.mean(np.abs(params[k])))\n"
        "            for k in params if k.startswith('W')}",
        "13.4/mean-abs",
    ),
    Answer(
        "13.4",
        "plain sums",
        "def update_ratios(params, grads, lr):\n"
        "    out = {}\n"
        "    for name in params:\n"
        "        if name[0] == 'W':\n"
        "            out[name] = float((lr * grads[name]).sum() / params[name].sum())\n"
        "    return out",
        "13.4/signed-sums",
    ),
    Answer(
        "13.5",
        "<= where the task says below",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if np.mean(train_accs) <= target:\n"
        "        return 'underfitting'\n"
        "    if np.mean(val_accs) <= target:\n"
        "        return 'overfitting'\n"
        "    return 'good'",
        "13.5/at-target",
    ),
    Answer(
        "13.5",
        "one vote per seed",
        "def diagnose(train_accs, val_accs, target):\n"
        "    votes = []\n"
        "    for tr, va in zip(train_accs, val_accs):\n"
        "        if tr < target:\n"
        "            votes.append('underfitting')\n"
        "        elif va < target:\n"
        "            votes.append('overfitting')\n"
        "        else:\n"
        "            votes.append('good')\n"
        "    return max(set(votes), key=votes.count)",
        "13.5/majority",
    ),
    Answer(
        "13.5",
        "overfitting when training is 5 points above validation",
        "def diagnose(train_accs, val_accs, target):\n"
        "    train_mean, val_mean = np.mean(train_accs), np.mean(val_accs)\n"
        "    if train_mean < target:\n"
        "        return 'underfitting'\n"
        "    if train_mean - val_mean > 0.05:\n"
        "        return 'overfitting'\n"
        "    return 'good'",
        "13.5/gap",
    ),
    Answer(
        "13.5",
        "overfitting whenever training is above validation",
        "def diagnose(train_accs, val_accs, target):\n"
        "    train, val = sum(train_accs) / len(train_accs), sum(val_accs) / len(val_accs)\n"
        "    if train < target:\n"
        "        return 'underfitting'\n"
        "    return 'overfitting' if train > val else 'good'",
        "13.5/gap",
    ),
    Answer(
        "13.5",
        "the example's target 0.95 written in",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if np.mean(train_accs) < target:\n"
        "        return 'underfitting'\n"
        "    return 'overfitting' if np.mean(val_accs) < 0.95 else 'good'",
        message="Expected 'good', got 'overfitting'",
    ),
    Answer(
        "13.2",
        "weights' gradients only",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], _ = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/no-bias-grads",
    ),
    Answer(
        "13.2",
        "softmax minus one-hot, without 1/N",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax(A)\n"
        "    dZ[np.arange(len(y)), y] -= 1\n"
        "    grads = {}\n"
        "    for l in range(L, 0, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        if l > 1:\n"
        "            dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/no-mean",
    ),
    Answer(
        "13.2",
        "backward loop down to layer 2",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {key: np.zeros_like(value) for key, value in params.items()}\n"
        "    for l in range(L, 1, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/first-layer-skipped",
    ),
    Answer(
        "13.2",
        "the layers in the order of their sorted keys",
        "def loss_and_grads(params, X, y):\n"
        "    names = sorted(key[1:] for key in params if key.startswith('W'))\n"
        "    A, caches = X, []\n"
        "    for i, name in enumerate(names):\n"
        "        Z = dense_forward(A, params['W' + name], params['b' + name])\n"
        "        caches.append(((A, params['W' + name], params['b' + name]), Z))\n"
        "        A = relu(Z) if i < len(names) - 1 else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for i in reversed(range(len(names))):\n"
        "        cache, Z = caches[i]\n"
        "        dA, grads['W' + names[i]], grads['b' + names[i]] = dense_backward(dZ, cache)\n"
        "        if i > 0:\n"
        "            dZ = relu_backward(dA, caches[i - 1][1])\n"
        "    return loss, grads",
        "13.2/text-order",
    ),
    Answer(
        "13.3",
        "the notebook's network_loss instead of the argument",
        "def overfit(loss_and_grads, params, X, y, lr, steps):\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        loss, grads = network_loss(params, X, y)\n"
        "        losses.append(loss)\n"
        "        params = {k: v - lr * grads[k] for k, v in params.items()}\n"
        "    return params, losses",
        "13.3/ignored-loss",
    ),
    Answer(
        "13.2",
        "backward loop down to layer 2, no zeros for layer 1",
        _NETWORK_START + "        caches.append(((A, params[f'W{l}'], params[f'b{l}']), Z))\n"
        "        A = relu(Z) if l < L else Z\n"
        "    loss = softmax_cross_entropy(A, y)\n"
        "    dZ = softmax_cross_entropy_grad(A, y)\n"
        "    grads = {}\n"
        "    for l in range(L, 1, -1):\n"
        "        cache, Z = caches[l - 1]\n"
        "        dA, grads[f'W{l}'], grads[f'b{l}'] = dense_backward(dZ, cache)\n"
        "        dZ = relu_backward(dA, caches[l - 2][1])\n"
        "    return loss, grads",
        "13.2/first-layer-missing",
    ),
    Answer(
        "13.4",
        "reports the ratios in percent (times 100)",
        "def update_ratios(params, grads, lr):\n"
        "    norm = np.linalg.norm\n"
        "    return {key: 100 * float(norm(lr * grads[key]) / norm(params[key]))\n"
        '            for key in params if key.startswith("W")}',
        "course/percent",
    ),
    Answer(
        "13.5",
        "returns 'underfit' / 'overfit' instead of the exact strings asked for",
        "def diagnose(train_accs, val_accs, target):\n"
        "    train_mean, val_mean = np.mean(train_accs), np.mean(val_accs)\n"
        "    if train_mean < target:\n"
        '        return "underfit"\n'
        "    if val_mean < target:\n"
        '        return "overfit"\n'
        '    return "good"',
        "course/word",
    ),
    Answer(
        "13.4",
        "np.linalg.norm(M, 2), the spectral norm, instead of the Frobenius norm",
        "def update_ratios(params, grads, lr):\n"
        "    norm = np.linalg.norm\n"
        "    return {key: float(norm(lr * grads[key], 2) / norm(params[key], 2))\n"
        '            for key in params if key.startswith("W")}',
        "13.4/spectral-norm",
    ),
    Answer(
        "13.1",
        "dense_forward returns (Z, cache), like the course's layer",
        _parts(
            dense_forward="def dense_forward(X, W, b):\n"
            "    Z = X @ W + b\n"
            "    return Z, (X, W, b)\n"
        ),
        "course/unpack",
    ),
]
