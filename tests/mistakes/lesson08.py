"""Answers to lesson 08's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    # 08.1 evaluate
    Answer(
        "08.1",
        "counts the right examples",
        "def evaluate(params, X, y, activation='relu'):\n"
        "    loss = loss_and_grads(params, X, y, activation)[0]\n"
        "    return loss, float(np.sum(predict(X, params, activation) == y))",
        "accuracy as a count",
    ),
    Answer(
        "08.1",
        "the share of mistakes",
        "def evaluate(params, X, y, activation='relu'):\n"
        "    loss = loss_and_grads(params, X, y, activation)[0]\n"
        "    return loss, float(np.mean(predict(X, params, activation) != y))",
        "the error rate instead of the accuracy",
    ),
    Answer(
        "08.1",
        "forgets to pass the activation on",
        "def evaluate(params, X, y, activation='relu'):\n"
        "    return loss_and_grads(params, X, y)[0], float(np.mean(predict(X, params) == y))",
        "ignored the activation",
    ),
    Answer(
        "08.1",
        "a percentage",
        "def evaluate(params, X, y, activation='relu'):\n"
        "    right = predict(X, params, activation) == y\n"
        "    return loss_and_grads(params, X, y, activation)[0], 100 * right.mean()",
        "accuracy in percent",
    ),
    Answer(
        "08.1",
        "accuracy first",
        "def evaluate(params, X, y, activation='relu'):\n"
        "    accuracy = np.mean(predict(X, params, activation) == y)\n"
        "    return accuracy, loss_and_grads(params, X, y, activation)[0]",
        "returned (accuracy, loss)",
    ),
    Answer(
        "08.1",
        "own softmax cross-entropy from the course's forward pass, accuracy by counting",
        "from wbcourse.network import mlp_forward\n"
        "def evaluate(params, X, y, activation='relu'):\n"
        "    logits, _ = mlp_forward(X, params, activation)\n"
        "    shifted = logits - logits.max(axis=1, keepdims=True)\n"
        "    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
        "    loss = -log_p[np.arange(len(y)), y].mean()\n"
        "    right = sum(int(label == true) for label, true in zip(logits.argmax(axis=1), y))\n"
        "    return loss, right / len(y)",
    ),
    Answer(
        "08.1",
        "imports the course's answer",
        "from wbcourse.exercises.lesson08 import _evaluate as evaluate",
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
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
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
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
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
        "        history['loss'].append(evaluate(trained, X, y, activation)[0])\n"
        "        history['accuracy'].append(evaluate(trained, X, y, activation)[1])\n"
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
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
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
