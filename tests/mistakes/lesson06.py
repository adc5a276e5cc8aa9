"""Answers to lesson 06's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    Answer(
        "06.1",
        "dw a sum, db a mean",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return 2 * (r @ x), 2 * np.mean(r)",
        "06.1/dw-summed",
    ),
    Answer(
        "06.1",
        "dw a mean, db a sum",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return 2 * np.mean(r * x), 2 * np.sum(r)",
        "06.1/db-summed",
    ),
    Answer(
        "06.1",
        "r squared in the gradient",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return 2 * np.mean(r**2 * x), 2 * np.mean(r**2)",
        "06.1/residual-squared",
    ),
    Answer(
        "06.1",
        "a loop from 1",
        "def line_gradients(x, y, w, b):\n"
        "    dw = db = 0.0\n"
        "    for i in range(1, len(x)):\n"
        "        r = w * x[i] + b - y[i]\n"
        "        dw += 2 * r * x[i]\n"
        "        db += 2 * r\n"
        "    return dw / len(x), db / len(x)",
        "06.1/first-point-skipped",
    ),
    Answer(
        "06.1",
        "sum instead of mean",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(2 * np.sum(r * x)), float(2 * np.sum(r))",
        "06.1/sum",
    ),
    Answer(
        "06.1",
        "no factor 2",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(np.mean(r * x)), float(np.mean(r))",
        "06.1/no-two",
    ),
    Answer(
        "06.1",
        "target minus prediction",
        "def line_gradients(x, y, w, b):\n"
        "    r = y - (w * x + b)\n"
        "    return float(2 * np.mean(r * x)), float(2 * np.mean(r))",
        "06.1/sign",
    ),
    Answer(
        "06.1",
        "dw without x",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(2 * np.mean(r)), float(2 * np.mean(r))",
        "06.1/dw-no-x",
    ),
    Answer(
        "06.1",
        "gradients swapped",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(2 * np.mean(r)), float(2 * np.mean(r * x))",
        "06.1/swapped",
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
        "06.1",
        "the bias left out of the residual",
        "def line_gradients(x, y, w, b):\n"
        "    error = w * x - y\n"
        "    return float(2 * np.mean(error * x)), float(2 * np.mean(error))",
        "06.1/no-bias",
    ),
    Answer(
        "06.1",
        "mean residual times mean x",
        "def line_gradients(x, y, w, b):\n"
        "    r = np.mean(w * x + b - y)\n"
        "    return float(2 * r * np.mean(x)), float(2 * r)",
        "06.1/mean-of-x",
    ),
    Answer(
        "06.1",
        "no average: one gradient per point",
        "def line_gradients(x, y, w, b):\n    r = w * x + b - y\n    return 2 * r * x, 2 * r",
        "06.1/per-point",
    ),
    Answer(
        "06.1",
        "sum divided by N - 1",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    n = len(x) - 1\n"
        "    return float(2 * np.sum(r * x) / n), float(2 * np.sum(r) / n)",
        message="is the wrong value",
    ),
    Answer(
        "06.1",
        "imports the course's answer",
        "from wbcourse.lessonlib.lesson06 import line_gradients",
        "course/library",
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
        "06.2/uphill",
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
        "06.2/stale",
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
        "06.2/sequential",
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
        "06.2/epochs-minus-one",
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
        "06.2/no-lr",
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
        "06.2",
        "range(epochs + 1)",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs + 1):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w, b = w - lr * dw, b - lr * db\n"
        "    return w, b",
        "06.2/epochs-plus-one",
    ),
    Answer(
        "06.2",
        "a right loop on top of a wrong line_gradients (graded once, in 06.1)",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return float(2 * np.sum(r * x)), float(2 * np.sum(r))\n"
        "\n"
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w, b = w - lr * dw, b - lr * db\n"
        "    return w, b",
    ),
    Answer(
        "06.2",
        "uses the course's descent_path",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = descent_path(x, y, lr, epochs)[-1]\n"
        "    return float(w), float(b)",
        "course/library",
    ),
    Answer(
        "06.3",
        "a diverging rate that converges",
        "lr_diverge = 0.2\nlr_fast = 0.2",
        "06.3/no-divergence",
    ),
    Answer(
        "06.3",
        "a tiny fast rate",
        "lr_diverge = 1.0\nlr_fast = 0.001",
        "06.3/too-slow",
    ),
    Answer(
        "06.3",
        "a fast rate past the edge",
        "lr_diverge = 10.0\nlr_fast = 0.3",
        "06.3/fast-diverges",
    ),
    Answer(
        "06.3",
        "a negative rate",
        "lr_diverge = -1.0\nlr_fast = 0.1",
        "06.3/not-a-rate",
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
        "06.3",
        "a rate typed as text",
        "lr_diverge = 1.0\nlr_fast = '0.2'",
        "06.3/not-a-rate",
    ),
    Answer(
        "06.3",
        "a diverging rate so large that the loss overflows",
        "lr_diverge = 1e300\nlr_fast = 0.2",
    ),
    Answer(
        "06.3",
        "numpy numbers, one a 0-d array",
        "lr_diverge = np.array(2.0)\nlr_fast = np.float64(0.15)",
    ),
    Answer(
        "06.4",
        "np.array_split into as many batches",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.permutation(n)\n"
        "    return np.array_split(order, int(np.ceil(n / batch_size)))",
        "06.4/balanced",
    ),
    Answer(
        "06.4",
        "one batch too many",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.permutation(n)\n"
        "    starts = range(0, (n // batch_size + 1) * batch_size, batch_size)\n"
        "    return [order[start : start + batch_size] for start in starts]",
        "06.4/empty-last",
    ),
    Answer(
        "06.4",
        "reshaped into rows",
        "def minibatches(n, batch_size, rng):\n"
        "    return rng.permutation(n).reshape(-1, batch_size)",
        "06.4/reshaped",
    ),
    Answer(
        "06.4",
        "the None that rng.shuffle returns",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.shuffle(np.arange(n))\n"
        "    return [order[i : i + batch_size] for i in range(0, n, batch_size)]",
        "course/none-used",
    ),
    Answer(
        "06.4",
        "no shuffle",
        "def minibatches(n, batch_size, rng):\n"
        "    order = np.arange(n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "06.4/no-shuffle",
    ),
    Answer(
        "06.4",
        "drops the last batch",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.permutation(n)\n"
        "    return [order[i * batch_size:(i + 1) * batch_size] for i in range(n // batch_size)]",
        "06.4/dropped-last",
    ),
    Answer(
        "06.4",
        "array_split into batch_size pieces",
        "def minibatches(n, batch_size, rng):\n"
        "    return np.array_split(rng.permutation(n), batch_size)",
        "06.4/count-not-size",
    ),
    Answer(
        "06.4",
        "sampled with replacement",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.integers(0, n, size=n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "06.4/replacement",
    ),
    Answer(
        "06.4",
        "a fixed seed inside",
        "def minibatches(n, batch_size, rng):\n"
        "    order = np.random.default_rng(0).permutation(n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "06.4/same-order",
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
    Answer(
        "06.4",
        "np.random.permutation instead of rng",
        "def minibatches(n, batch_size, rng):\n"
        "    order = np.random.permutation(n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "06.4/ignores-rng",
    ),
    Answer(
        "06.4",
        "a new unseeded generator inside",
        "def minibatches(n, batch_size, rng):\n"
        "    order = np.random.default_rng().permutation(n)\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "06.4/ignores-rng",
    ),
    Answer(
        "06.4",
        "array_split into n // batch_size pieces",
        "def minibatches(n, batch_size, rng):\n"
        "    return np.array_split(rng.permutation(n), n // batch_size)",
        "06.4/spread-remainder",
    ),
    Answer(
        "06.4",
        "rng.permuted and a while loop",
        "def minibatches(n, batch_size, rng):\n"
        "    order = rng.permuted(np.arange(n))\n"
        "    batches, start = [], 0\n"
        "    while start < n:\n"
        "        batches.append(order[start:start + batch_size])\n"
        "        start += batch_size\n"
        "    return batches",
    ),
    Answer(
        "06.2",
        "only w is trained; b stays 0",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w = w - lr * dw\n"
        "    return float(w), float(b)",
        "06.2/w-only",
    ),
    Answer(
        "06.1",
        "x squared in dw",
        "def line_gradients(x, y, w, b):\n"
        "    r = w * x + b - y\n"
        "    return 2 * np.mean(r * x * x), 2 * np.mean(r)",
        "06.1/x-squared",
    ),
    Answer(
        "06.2",
        "starts at (1, 1)",
        "def fit_line(x, y, lr, epochs):\n"
        "    w = b = 1.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w -= lr * dw\n"
        "        b -= lr * db\n"
        "    return w, b",
        "06.2/start-one",
    ),
    Answer(
        "06.2",
        "lr / N",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w -= lr / len(x) * dw\n"
        "        b -= lr / len(x) * db\n"
        "    return w, b",
        "06.2/lr-over-n",
    ),
    Answer(
        "06.2",
        "the gradients written out with sums",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        r = w * x + b - y\n"
        "        w, b = w - lr * 2 * np.sum(r * x), b - lr * 2 * np.sum(r)\n"
        "    return float(w), float(b)",
        "06.2/summed",
    ),
    Answer(
        "06.2",
        "a step after every point",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        for xi, yi in zip(x, y):\n"
        "            dw, db = line_gradients(np.array([xi]), np.array([yi]), w, b)\n"
        "            w, b = w - lr * dw, b - lr * db\n"
        "    return float(w), float(b)",
        "06.2/per-point",
    ),
    Answer(
        "06.1",
        "multiplies the residual by x for db as well (treats db like dw)",
        "def line_gradients(x, y, w, b):\n"
        "    N = len(x)\n"
        "    r = w * x + b - y\n"
        "    dw = 2 / N * np.sum(r * x)\n"
        "    db = 2 / N * np.sum(r * x)\n"
        "    return float(dw), float(db)",
        "06.1/db-times-x",
    ),
    Answer(
        "06.2",
        "copy-paste slip: b is updated with dw instead of db",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for i in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w = w - lr * dw\n"
        "        b = b - lr * dw\n"
        "    return float(w), float(b)",
        "06.2/b-with-dw",
    ),
    Answer(
        "06.2",
        "return inside the loop",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w = w - lr * dw\n"
        "        b = b - lr * db\n"
        "        return float(w), float(b)",
        "06.2/one-step",
    ),
    Answer(
        "06.4",
        "lists of indices, not arrays",
        "def minibatches(n, batch_size, rng):\n"
        "    order = list(rng.permutation(n))\n"
        "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
        "course/not-an-array",
    ),
    Answer(
        "06.2",
        "the example's learning rate, not the argument",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(epochs):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w, b = w - 0.1 * dw, b - 0.1 * db\n"
        "    return w, b",
        "06.2/fixed-lr",
    ),
    Answer(
        "06.2",
        "the try-it cell's 200 epochs, not the argument",
        "def fit_line(x, y, lr, epochs):\n"
        "    w, b = 0.0, 0.0\n"
        "    for _ in range(200):\n"
        "        dw, db = line_gradients(x, y, w, b)\n"
        "        w, b = w - lr * dw, b - lr * db\n"
        "    return w, b",
        "06.2/fixed-epochs",
    ),
]
