"""Answers to lesson 06's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    Answer(
        "06.1",
        "sum instead of mean",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(2 * np.sum(r * x)), float(2 * np.sum(r))",
        "sum instead of mean",
    ),
    Answer(
        "06.1",
        "no factor 2",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(np.mean(r * x)), float(np.mean(r))",
        "missing the factor 2",
    ),
    Answer(
        "06.1",
        "target minus prediction",
        "def line_gradients(x, y, w, b):\n"
        "    r = y - (w * x + b)\n"
        "    return float(2 * np.mean(r * x)), float(2 * np.mean(r))",
        "wrong sign",
    ),
    Answer(
        "06.1",
        "dw without x",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(2 * np.mean(r)), float(2 * np.mean(r))",
        "dw is missing the factor x",
    ),
    Answer(
        "06.1",
        "gradients swapped",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(2 * np.mean(r)), float(2 * np.mean(r * x))",
        "returned (db, dw)",
    ),
    Answer(
        "06.1",
        "a loop over the points",
        "def line_gradients(x, y, w, b):\n"
        "    dw = db = 0.0\n"
        "    for xi, yi in zip(x, y):\n"
        "        error = w * xi + b - yi\n"
        "        dw += 2 * error * xi / len(x)\n"
        "        db += 2 * error / len(x)\n"
        "    return dw, db",
    ),
    Answer(
        "06.1",
        "a matrix product with numpy scalars",
        "def line_gradients(x, y, w, b):\n"
        "    X = np.column_stack([x, np.ones_like(x)])\n"
        "    grad = 2 / len(x) * X.T @ (X @ np.array([w, b]) - y)\n"
        "    return grad[0], grad[1]",
    ),
    Answer(
        "06.2",
        "plus instead of minus",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w, b = w + lr * dw, b + lr * db\n"
        "    return w, b",
        "wrong sign in the update",
    ),
    Answer(
        "06.2",
        "gradients outside the loop",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    dw, db = line_gradients(x, y, w, b)\n"
        "    for _ in range(epochs):\n"
        "        w -= lr * dw\n"
        "        b -= lr * db\n"
        "    return w, b",
        "computed the gradients only once",
    ),
    Answer(
        "06.2",
        "w updated before db is computed",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        w = w - lr * line_gradients(x, y, w, b)[0]\n"
        "        b = b - lr * line_gradients(x, y, w, b)[1]\n"
        "    return w, b",
        "updated w before computing the gradient for b",
    ),
    Answer(
        "06.2",
        "range(1, epochs)",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(1, epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w, b = w - lr * dw, b - lr * db\n"
        "    return w, b",
        "one epoch too few",
    ),
    Answer(
        "06.2",
        "no learning rate",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w, b = w - dw, b - db\n"
        "    return w, b",
        "forgot the learning rate",
    ),
    Answer(
        "06.2",
        "parameters as one array, gradients inlined",
        "def fit_line(x, y, lr, epochs):\n"
        "    theta = np.zeros(2)\n"
        "    X = np.column_stack([x, np.ones_like(x)])\n"
        "    for epoch in range(epochs):\n"
        "        theta = theta - lr * 2 * X.T @ (X @ theta - y) / len(y)\n"
        "    return float(theta[0]), float(theta[1])",
    ),
    Answer(
        "06.2",
        "a while loop",
        "def fit_line(x, y, lr, epochs):\n"
        "    w = b = 0.0\n"
        "    done = 0\n"
        "    while done < epochs:\n"
        "        grads = line_gradients(x, y, w, b)\n"
        "        w -= lr * grads[0]\n"
        "        b -= lr * grads[1]\n"
        "        done += 1\n"
        "    return (w, b)",
    ),
    Answer(
        "06.3",
        "a diverging rate that converges",
        "lr_diverge = 0.2\nlr_fast = 0.2",
        "does not diverge",
    ),
    Answer(
        "06.3",
        "a tiny fast rate",
        "lr_diverge = 1.0\nlr_fast = 0.001",
        "too slow",
    ),
    Answer(
        "06.3",
        "a fast rate past the edge",
        "lr_diverge = 10.0\nlr_fast = 0.3",
        "diverges",
    ),
    Answer(
        "06.3",
        "a negative rate",
        "lr_diverge = -1.0\nlr_fast = 0.1",
        "must be a positive",
    ),
    Answer(
        "06.3",
        "an extreme diverging rate and a moderate fast one",
        "lr_diverge = 1e6\nlr_fast = 0.12",
    ),
    Answer(
        "06.3",
        "rates found by a scan",
        "candidates = np.linspace(0.01, 1.0, 100)\n"
        "curves = [loss_curve(x, y, lr, LR_EPOCHS) for lr in candidates]\n"
        "firsts = [np.flatnonzero(curve <= LR_TARGET) for curve in curves]\n"
        "lr_fast = float(candidates[int(np.argmin([f[0] if f.size else 10**6 for f in firsts]))])\n"
        "lr_diverge = float(candidates[-1])",
    ),
    Answer(
        "06.4",
        "no shuffle",
        "def minibatches(n, batch_size, rng):\n"
        "    order = np.arange(n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "forgot to shuffle",
    ),
    Answer(
        "06.4",
        "drops the last batch",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.permutation(n)\n"
        "    return [order[i * batch_size:(i + 1) * batch_size] for i in range(n // batch_size)]",
        "dropped the last, smaller batch",
    ),
    Answer(
        "06.4",
        "array_split into batch_size pieces",
        "def minibatches(n, batch_size, rng):\n"
        "    return np.array_split(rng.permutation(n), batch_size)",
        "split into batch_size pieces",
    ),
    Answer(
        "06.4",
        "sampled with replacement",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.integers(0, n, size=n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "sampled with replacement",
    ),
    Answer(
        "06.4",
        "a fixed seed inside",
        "def minibatches(n, batch_size, rng):\n"
        "    order = np.random.default_rng(0).permutation(n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "the same order in every epoch",
    ),
    Answer(
        "06.4",
        "rng.shuffle of a list, then a loop",
        "def minibatches(n, batch_size, rng):\n"
        "    order = list(range(n))\n"
        "    rng.shuffle(order)\n"
        "    batches = []\n"
        "    while order:\n"
        "        batches.append(np.array(order[:batch_size]))\n"
        "        order = order[batch_size:]\n"
        "    return batches",
    ),
    Answer(
        "06.4",
        "array_split into the right number of pieces",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.choice(n, size=n, replace=False)\n"
        "    return np.split(order, np.arange(batch_size, n, batch_size))",
    ),
]
