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
        "mask taken from dA",
    ),
    Answer(
        "13.1",
        "softmax without the max subtraction",
        _parts(
            softmax="def softmax(Z):\n"
            "    e = np.exp(Z)\n"
            "    return e / e.sum(axis=1, keepdims=True)\n"
        ),
        "overflow",
    ),
    Answer(
        "13.1",
        "db as a mean, pasted from a lesson 07 answer that lost points",
        _parts(
            dense_backward="def dense_backward(dZ, cache):\n"
            "    X, W, b = cache\n"
            "    return dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)\n"
        ),
        "db as a mean instead of a sum",
    ),
    Answer(
        "13.1",
        "the course's relu imported",
        _parts(relu="from wbcourse.activations import relu\n"),
        "wbcourse's own implementation",
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
    # 13.2 loss_and_grads
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
        "ReLU on the output layer",
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
        "forgot relu_backward",
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
        "dW built from the weighted sums of the layer below",
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
        "softmax applied before the loss",
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
        "grads has no W3, b3",
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
        "wrong sign in the update",
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
        "losses recorded after the step",
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
        "changed params in place",
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
        "overfit must return two things",
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
    # 13.4 update_ratios
    Answer(
        "13.4",
        "the gradient's size, not the step's",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: np.linalg.norm(grads[k]) / np.linalg.norm(params[k])\n"
        "            for k in params if k.startswith('W')}",
        "forgot the learning rate",
    ),
    Answer(
        "13.4",
        "a ratio for every parameter",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: np.linalg.norm(lr * grads[k]) / np.linalg.norm(params[k]) for k in params}",
        "included the biases",
    ),
    Answer(
        "13.4",
        "weights over update",
        "def update_ratios(params, grads, lr):\n"
        "    return {k: np.linalg.norm(params[k]) / np.linalg.norm(lr * grads[k])\n"
        "            for k in params if k[0] == 'W'}",
        "ratio upside down",
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
    # 13.5 diagnose
    Answer(
        "13.5",
        "validation checked first",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if np.mean(val_accs) < target:\n"
        "        return 'overfitting'\n"
        "    if np.mean(train_accs) < target:\n"
        "        return 'underfitting'\n"
        "    return 'good'",
        "looked at the validation accuracy first",
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
        "judged by the first seed only",
    ),
    Answer(
        "13.5",
        "the best run decides",
        "def diagnose(train_accs, val_accs, target):\n"
        "    if max(train_accs) < target:\n"
        "        return 'underfitting'\n"
        "    return 'overfitting' if max(val_accs) < target else 'good'",
        "judged by the best seed",
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
]
