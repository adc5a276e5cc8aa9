"""Answers to lesson 08's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    # 08.1 iterate_minibatches
    Answer(
        "08.1",
        "no shuffling",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    for start in range(0, len(X), batch_size):\n"
        "        yield X[start:start + batch_size], y[start:start + batch_size]",
        "no shuffling",
    ),
    Answer(
        "08.1",
        "sampling with replacement",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    order = rng.integers(0, len(X), len(X))\n"
        "    for start in range(0, len(X), batch_size):\n"
        "        rows = order[start:start + batch_size]\n"
        "        yield X[rows], y[rows]",
        "examples repeated",
    ),
    Answer(
        "08.1",
        "drops the last partial batch",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    order = rng.permutation(len(X))\n"
        "    for i in range(len(X) // batch_size):\n"
        "        rows = order[i * batch_size:(i + 1) * batch_size]\n"
        "        yield X[rows], y[rows]",
        "dropped examples: the last, smaller batch was dropped",
    ),
    Answer(
        "08.1",
        "X and y shuffled separately",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    Xs, ys = X[rng.permutation(len(X))], y[rng.permutation(len(y))]\n"
        "    for start in range(0, len(X), batch_size):\n"
        "        yield Xs[start:start + batch_size], ys[start:start + batch_size]",
        "X and y were shuffled with different orders",
    ),
    Answer(
        "08.1",
        "shuffles X in place",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    order = rng.permutation(len(X))\n"
        "    X[:] = X[order]\n"
        "    y[:] = y[order]\n"
        "    for start in range(0, len(X), batch_size):\n"
        "        yield X[start:start + batch_size], y[start:start + batch_size]",
        "shuffled the data in place",
    ),
    Answer(
        "08.1",
        "global numpy random instead of rng",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    order = np.random.permutation(len(X))\n"
        "    for start in range(0, len(X), batch_size):\n"
        "        rows = order[start:start + batch_size]\n"
        "        yield X[rows], y[rows]",
        "ignored rng",
    ),
    Answer(
        "08.1",
        "a new generator with a fixed seed",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    order = np.random.default_rng(0).permutation(len(X))\n"
        "    for start in range(0, len(X), batch_size):\n"
        "        rows = order[start:start + batch_size]\n"
        "        yield X[rows], y[rows]",
        "the same order every epoch",
    ),
    Answer(
        "08.1",
        "rng.shuffle of an index list, returns a list, while loop",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    index = np.arange(X.shape[0])\n"
        "    rng.shuffle(index)\n"
        "    batches, start = [], 0\n"
        "    while start < len(index):\n"
        "        rows = index[start:min(start + batch_size, len(index))]\n"
        "        batches.append((X[rows, :], y[rows]))\n"
        "        start += batch_size\n"
        "    return batches",
    ),
    Answer(
        "08.1",
        "rng.choice without replacement",
        "def iterate_minibatches(X, y, batch_size, rng):\n"
        "    order = rng.choice(len(X), size=len(X), replace=False)\n"
        "    for rows in np.split(order, np.arange(batch_size, len(X), batch_size)):\n"
        "        yield X[rows], y[rows]",
    ),
    Answer(
        "08.1",
        "imports the course's answer",
        "from wbcourse.exercises.lesson08 import _iterate_minibatches as iterate_minibatches",
        "wbcourse's own implementation",
    ),
    # 08.2 train_epoch
    Answer(
        "08.2",
        "plus instead of minus",
        "def train_epoch(params, batches, lr, activation='relu'):\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        params = {k: params[k] + lr * grads[k] for k in params}\n"
        "    return params",
        "wrong sign in the update",
    ),
    Answer(
        "08.2",
        "learning rate twice",
        "def train_epoch(params, batches, lr, activation='relu'):\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        step = {k: lr * g for k, g in grads.items()}\n"
        "        params = {k: params[k] - lr * step[k] for k in params}\n"
        "    return params",
        "learning rate applied twice",
    ),
    Answer(
        "08.2",
        "updates in place through a shallow copy",
        "def train_epoch(params, batches, lr, activation='relu'):\n"
        "    new = params.copy()\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(new, Xb, yb, activation)\n"
        "        for k in new:\n"
        "            new[k] -= lr * grads[k]\n"
        "    return new",
        "changed params in place",
    ),
    Answer(
        "08.2",
        "weights only",
        "def train_epoch(params, batches, lr, activation='relu'):\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        params = {k: params[k] - lr * grads[k] if k[0] == 'W' else params[k]\n"
        "                  for k in params}\n"
        "    return params",
        "updated only the weights",
    ),
    Answer(
        "08.2",
        "every step from the original params",
        "def train_epoch(params, batches, lr, activation='relu'):\n"
        "    new = params\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        new = {k: params[k] - lr * grads[k] for k in params}\n"
        "    return new",
        "each step started from the original params",
    ),
    Answer(
        "08.2",
        "copy first, then rebind keys; activation by keyword",
        "import copy\n"
        "def train_epoch(params, batches, lr, activation='relu'):\n"
        "    current = copy.deepcopy(params)\n"
        "    for X_batch, y_batch in batches:\n"
        "        grads = loss_and_grads(current, X_batch, y_batch, activation=activation)[1]\n"
        "        for key in current:\n"
        "            current[key] = current[key] - lr * grads[key]\n"
        "    return current",
    ),
    Answer(
        "08.2",
        "the course's sgd_step for the update",
        "from wbcourse.optim import sgd_step\n"
        "def train_epoch(params, batches, lr, activation='relu'):\n"
        "    for Xb, yb in batches:\n"
        "        params = sgd_step(params, loss_and_grads(params, Xb, yb, activation)[1], lr)\n"
        "    return params",
    ),
    # 08.3 train
    Answer(
        "08.3",
        "history measured before each epoch",
        "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
        "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        history['loss'].append(loss_and_grads(params, X, y, activation)[0])\n"
        "        history['accuracy'].append(accuracy(params, X, y, activation))\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "    return params, history",
        "history does not describe the returned params",
    ),
    Answer(
        "08.3",
        "result of train_epoch thrown away",
        "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
        "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        new_params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng),\n"
        "                                 lr, activation)\n"
        "        history['loss'].append(loss_and_grads(params, X, y, activation)[0])\n"
        "        history['accuracy'].append(accuracy(params, X, y, activation))\n"
        "    return new_params, history",
        "history does not describe the returned params",
    ),
    Answer(
        "08.3",
        "restarts from the initial params every epoch",
        "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
        "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        trained = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                              activation)\n"
        "        history['loss'].append(loss_and_grads(trained, X, y, activation)[0])\n"
        "        history['accuracy'].append(accuracy(trained, X, y, activation))\n"
        "    return trained, history",
        "below the bar",
    ),
    Answer(
        "08.3",
        "inline loop that updates in place",
        "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
        "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        for Xb, yb in iterate_minibatches(X, y, batch_size, rng):\n"
        "            grads = loss_and_grads(params, Xb, yb, activation)[1]\n"
        "            for k in params:\n"
        "                params[k] -= lr * grads[k]\n"
        "        history['loss'].append(loss_and_grads(params, X, y, activation)[0])\n"
        "        history['accuracy'].append(accuracy(params, X, y, activation))\n"
        "    return params, history",
        "changed params in place",
    ),
    Answer(
        "08.3",
        "returns only the params",
        "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "    return params",
        "train must return two things",
    ),
    Answer(
        "08.3",
        "everything inline, own accuracy, numpy floats",
        "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
        "    losses, accs = [], []\n"
        "    n = X.shape[0]\n"
        "    for epoch in range(epochs):\n"
        "        perm = rng.permutation(n)\n"
        "        for i in range(0, n, batch_size):\n"
        "            idx = perm[i:i + batch_size]\n"
        "            _, g = loss_and_grads(params, X[idx], y[idx], activation)\n"
        "            params = {name: value - lr * g[name] for name, value in params.items()}\n"
        "        losses.append(np.float64(loss_and_grads(params, X, y, activation)[0]))\n"
        "        accs.append(np.mean(predict(X, params, activation) == y))\n"
        "    return params, {'loss': losses, 'accuracy': accs}",
    ),
    # 08.4 a training budget
    Answer(
        "08.4",
        "single-example batches, far over budget",
        "lr, batch_size, epochs = 0.5, 1, 10",
        "over budget",
    ),
    Answer(
        "08.4",
        "learning rate too small",
        "lr, batch_size, epochs = 0.01, 30, 30",
        "bar missed",
    ),
    Answer(
        "08.4",
        "learning rate far too large",
        "lr, batch_size, epochs = 50.0, 10, 10",
        "bar missed",
    ),
    Answer(
        "08.4",
        "batch size as a float",
        "lr, batch_size, epochs = 1.0, 30.0, 30",
        "batch_size must be a whole number",
    ),
    Answer(
        "08.4",
        "larger batches, larger steps, an int learning rate",
        "lr, batch_size, epochs = 2, 60, 60",
    ),
    Answer(
        "08.4",
        "small batches, few epochs",
        "lr, batch_size, epochs = 1.0, 10, 10",
    ),
]
