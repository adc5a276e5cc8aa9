"""Answers to lesson 08's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_TRAIN = "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
_EPOCH = "def train_epoch(params, batches, lr, activation='relu'):\n"
_EVALUATE = "def evaluate(params, X, y, activation='relu'):\n"


def _shuffled_by(generator: str, setup: str = "") -> str:
    """An answer to 08.3 that shuffles each epoch's mini-batches with ``generator``."""
    return (
        _TRAIN + setup + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        f"        batches = iterate_minibatches(X, y, batch_size, {generator})\n"
        "        params = train_epoch(params, batches, lr, activation)\n"
        "        loss, acc = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(acc)\n"
        "    return params, history"
    )


ANSWERS = [
    # 08.1 evaluate
    Answer(
        "08.1",
        "the mean loss divided by N again",
        _EVALUATE + "    loss, _ = loss_and_grads(params, X, y, activation)\n"
        "    return loss / len(y), float(np.mean(predict(X, params, activation) == y))",
        "08.1/mean-over-n",
    ),
    Answer(
        "08.1",
        "labels as a column",
        _EVALUATE + "    loss, _ = loss_and_grads(params, X, y, activation)\n"
        "    return loss, float(np.mean(predict(X, params, activation) == y.reshape(-1, 1)))",
        "08.1/column-labels",
    ),
    Answer(
        "08.1",
        "the whole (loss, grads) tuple kept as the loss",
        _EVALUATE + "    loss = loss_and_grads(params, X, y, activation)\n"
        "    return loss, float(np.mean(predict(X, params, activation) == y))",
        "course/unpack",
    ),
    Answer(
        "08.1",
        "counts the right examples",
        _EVALUATE + "    loss = loss_and_grads(params, X, y, activation)[0]\n"
        "    return loss, float(np.sum(predict(X, params, activation) == y))",
        "08.1/count",
    ),
    Answer(
        "08.1",
        "the share of mistakes",
        _EVALUATE + "    loss = loss_and_grads(params, X, y, activation)[0]\n"
        "    return loss, float(np.mean(predict(X, params, activation) != y))",
        "08.1/error-rate",
    ),
    Answer(
        "08.1",
        "forgets to pass the activation on",
        _EVALUATE
        + "    return loss_and_grads(params, X, y)[0], float(np.mean(predict(X, params) == y))",
        "08.1/activation",
    ),
    Answer(
        "08.1",
        "the accuracy's mean without its parentheses",
        _EVALUATE + "    loss = loss_and_grads(params, X, y, activation)[0]\n"
        "    return loss, (predict(X, params, activation) == y).mean",
        "course/uncalled",
    ),
    Answer(
        "08.1",
        "predict(params, X): the order of loss_and_grads",
        _EVALUATE + "    loss = loss_and_grads(params, X, y, activation)[0]\n"
        "    return loss, float(np.mean(predict(params, X, activation) == y))",
        "course/swapped-arguments",
    ),
    Answer(
        "08.1",
        "passes the activation to predict but not to loss_and_grads",
        _EVALUATE + "    loss = loss_and_grads(params, X, y)[0]\n"
        "    return loss, float(np.mean(predict(X, params, activation) == y))",
        "08.1/activation",
    ),
    Answer(
        "08.1",
        "activation passed to the loss, not to predict",
        _EVALUATE + "    loss, grads = loss_and_grads(params, X, y, activation)\n"
        "    predictions = predict(X, params)\n"
        "    return loss, np.mean(predictions == y)",
        "08.1/activation-predict",
    ),
    Answer(
        "08.1",
        "a percentage",
        _EVALUATE + "    right = predict(X, params, activation) == y\n"
        "    return loss_and_grads(params, X, y, activation)[0], 100 * right.mean()",
        "08.1/percent",
    ),
    Answer(
        "08.1",
        "accuracy first",
        _EVALUATE + "    accuracy = np.mean(predict(X, params, activation) == y)\n"
        "    return accuracy, loss_and_grads(params, X, y, activation)[0]",
        "08.1/swapped",
    ),
    Answer(
        "08.1",
        "own cross-entropy, summed over the examples",
        "from wbcourse.network import mlp_forward\n"
        + _EVALUATE
        + "    logits, _ = mlp_forward(X, params, activation)\n"
        "    shifted = logits - logits.max(axis=1, keepdims=True)\n"
        "    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
        "    loss = -log_p[np.arange(len(y)), y].sum()\n"
        "    return loss, np.mean(logits.argmax(axis=1) == y)",
        "08.1/loss-sum",
    ),
    Answer(
        "08.1",
        "own softmax cross-entropy from the course's forward pass, accuracy by counting",
        "from wbcourse.network import mlp_forward\n"
        + _EVALUATE
        + "    logits, _ = mlp_forward(X, params, activation)\n"
        "    shifted = logits - logits.max(axis=1, keepdims=True)\n"
        "    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
        "    loss = -log_p[np.arange(len(y)), y].mean()\n"
        "    right = sum(int(label == true) for label, true in zip(logits.argmax(axis=1), y))\n"
        "    return loss, right / len(y)",
    ),
    Answer(
        "08.1",
        "a list, the course's accuracy and keyword arguments",
        "from wbcourse.training import accuracy\n"
        + _EVALUATE
        + "    loss = loss_and_grads(params, X, y, activation=activation)[0]\n"
        "    return [loss, accuracy(params, X, y, activation=activation)]",
    ),
    Answer(
        "08.1",
        "imports the course's version",
        "from wbcourse.lessonlib.lesson08 import course_evaluate as evaluate",
        "course/library",
    ),
    # 08.2 train_epoch
    Answer(
        "08.2",
        "plus instead of minus",
        _EPOCH + "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        params = {k: params[k] + lr * grads[k] for k in params}\n"
        "    return params",
        "08.2/wrong-sign",
    ),
    Answer(
        "08.2",
        "learning rate twice",
        _EPOCH + "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        step = {k: lr * g for k, g in grads.items()}\n"
        "        params = {k: params[k] - lr * step[k] for k in params}\n"
        "    return params",
        "08.2/lr-twice",
    ),
    Answer(
        "08.2",
        "no learning rate",
        _EPOCH + "    for Xb, yb in batches:\n"
        "        grads = loss_and_grads(params, Xb, yb, activation)[1]\n"
        "        params = {k: v - grads[k] for k, v in params.items()}\n"
        "    return params",
        "08.2/no-lr",
    ),
    Answer(
        "08.2",
        "updates in place through a shallow copy",
        _EPOCH + "    new = params.copy()\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(new, Xb, yb, activation)\n"
        "        for k in new:\n"
        "            new[k] -= lr * grads[k]\n"
        "    return new",
        "course/mutated",
    ),
    Answer(
        "08.2",
        "weights only",
        _EPOCH + "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        params = {k: params[k] - lr * grads[k] if k[0] == 'W' else params[k]\n"
        "                  for k in params}\n"
        "    return params",
        "08.2/weights-only",
    ),
    Answer(
        "08.2",
        "every step from the original params",
        _EPOCH + "    new = params\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        new = {k: params[k] - lr * grads[k] for k in params}\n"
        "    return new",
        "08.2/from-start",
    ),
    Answer(
        "08.2",
        "steps chained, gradients at the original params",
        _EPOCH + "    current = dict(params)\n"
        "    for Xb, yb in batches:\n"
        "        loss, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        current = {k: current[k] - lr * grads[k] for k in current}\n"
        "    return current",
        "08.2/stale-gradients",
    ),
    Answer(
        "08.2",
        "gradients averaged over the batches, one step",
        _EPOCH + "    total, count = None, 0\n"
        "    for Xb, yb in batches:\n"
        "        grads = loss_and_grads(params, Xb, yb, activation)[1]\n"
        "        total = grads if total is None else {k: total[k] + grads[k] for k in grads}\n"
        "        count += 1\n"
        "    return {k: params[k] - lr * total[k] / count for k in params}",
        "08.2/averaged",
    ),
    Answer(
        "08.2",
        "return inside the loop",
        _EPOCH + "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        params = {k: params[k] - lr * grads[k] for k in params}\n"
        "        return params",
        "08.2/first-batch",
    ),
    Answer(
        "08.2",
        "activation not passed on",
        _EPOCH + "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb)\n"
        "        params = {k: params[k] - lr * grads[k] for k in params}\n"
        "    return params",
        "08.2/activation",
    ),
    Answer(
        "08.2",
        "returns the params it was given",
        _EPOCH + "    new_params = {}\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        new_params = {k: params[k] - lr * grads[k] for k in params}\n"
        "    return params",
        "08.2/unchanged",
    ),
    Answer(
        "08.2",
        "SGD with momentum 0.9, as in PyTorch's examples",
        _EPOCH + "    velocity = {k: np.zeros_like(v) for k, v in params.items()}\n"
        "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        velocity = {k: 0.9 * velocity[k] - lr * grads[k] for k in params}\n"
        "        params = {k: params[k] + velocity[k] for k in params}\n"
        "    return params",
        "08.2/momentum",
    ),
    Answer(
        "08.2",
        "subtracts in place from the caller's arrays",
        _EPOCH + "    for Xb, yb in batches:\n"
        "        _, grads = loss_and_grads(params, Xb, yb, activation)\n"
        "        for k in params:\n"
        "            params[k] -= lr * grads[k]\n"
        "    return params",
        "course/mutated",
    ),
    Answer(
        "08.2",
        "copy first, then rebind keys; activation by keyword",
        "import copy\n" + _EPOCH + "    current = copy.deepcopy(params)\n"
        "    for X_batch, y_batch in batches:\n"
        "        grads = loss_and_grads(current, X_batch, y_batch, activation=activation)[1]\n"
        "        for key in current:\n"
        "            current[key] = current[key] - lr * grads[key]\n"
        "    return current",
    ),
    Answer(
        "08.2",
        "the course's sgd_step for the update",
        "from wbcourse.optim import sgd_step\n" + _EPOCH + "    for Xb, yb in batches:\n"
        "        params = sgd_step(params, loss_and_grads(params, Xb, yb, activation)[1], lr)\n"
        "    return params",
    ),
    Answer(
        "08.2",
        "imports the course's version",
        "from wbcourse.lessonlib.lesson08 import course_train_epoch as train_epoch",
        "course/library",
    ),
    # 08.3 train
    Answer(
        "08.3",
        "history keys of its own",
        _TRAIN + "    history = {'losses': [], 'acc': []}\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['losses'].append(loss)\n"
        "        history['acc'].append(accuracy)\n"
        "    return params, history",
        "course/other-keys",
    ),
    Answer(
        "08.3",
        "history measured before each epoch",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "    return params, history",
        "08.3/measured-before",
    ),
    Answer(
        "08.3",
        "the initial params measured every epoch",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    trained = params\n"
        "    for _ in range(epochs):\n"
        "        batches = iterate_minibatches(X, y, batch_size, rng)\n"
        "        trained = train_epoch(trained, batches, lr, activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return trained, history",
        "08.3/initial-measured",
    ),
    Answer(
        "08.3",
        "measured on the last mini-batch",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        batches = list(iterate_minibatches(X, y, batch_size, rng))\n"
        "        params = train_epoch(params, batches, lr, activation)\n"
        "        X_last, y_last = batches[-1]\n"
        "        loss, accuracy = evaluate(params, X_last, y_last, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/batch-measured",
    ),
    Answer(
        "08.3",
        "the loss appended to both lists",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        batches = iterate_minibatches(X, y, batch_size, rng)\n"
        "        params = train_epoch(params, batches, lr, activation)\n"
        "        result = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(result[0])\n"
        "        history['accuracy'].append(result[0])\n"
        "    return params, history",
        "08.3/loss-as-accuracy",
    ),
    Answer(
        "08.3",
        "result of train_epoch thrown away",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        new_params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng),\n"
        "                                 lr, activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return new_params, history",
        "08.3/restart",
    ),
    Answer(
        "08.3",
        "restarts from the initial params every epoch",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        trained = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                              activation)\n"
        "        history['loss'].append(evaluate(trained, X, y, activation)[0])\n"
        "        history['accuracy'].append(evaluate(trained, X, y, activation)[1])\n"
        "    return trained, history",
        "08.3/restart",
    ),
    Answer(
        "08.3",
        "inline loop that updates in place",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        for Xb, yb in iterate_minibatches(X, y, batch_size, rng):\n"
        "            grads = loss_and_grads(params, Xb, yb, activation)[1]\n"
        "            for k in params:\n"
        "                params[k] -= lr * grads[k]\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "course/mutated",
    ),
    Answer(
        "08.3",
        "returns only the params",
        _TRAIN + "    for _ in range(epochs):\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "    return params",
        "08.3/no-history",
    ),
    Answer(
        "08.3",
        "returns (history, params)",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "        for key, value in zip(('loss', 'accuracy'), evaluate(params, X, y, activation)):\n"
        "            history[key].append(value)\n"
        "    return history, params",
        "08.3/swapped",
    ),
    Answer(
        "08.3",
        "activation passed to neither helper",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr)\n"
        "        loss, accuracy = evaluate(params, X, y)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/activation",
    ),
    Answer(
        "08.3",
        "ReLU hard-coded",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        batches = iterate_minibatches(X, y, batch_size, rng)\n"
        "        params = train_epoch(params, batches, lr, 'relu')\n"
        "        loss, accuracy = evaluate(params, X, y, 'relu')\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/activation",
    ),
    Answer(
        "08.3",
        "inline loop without the activation",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        for Xb, yb in iterate_minibatches(X, y, batch_size, rng):\n"
        "            grads = loss_and_grads(params, Xb, yb)[1]\n"
        "            params = {k: params[k] - lr * grads[k] for k in params}\n"
        "        history['loss'].append(loss_and_grads(params, X, y)[0])\n"
        "        history['accuracy'].append(np.mean(predict(X, params) == y))\n"
        "    return params, history",
        "08.3/activation",
    ),
    Answer(
        "08.3",
        "mini-batches made once, before the loop",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    batches = iterate_minibatches(X, y, batch_size, rng)\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, batches, lr, activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/batches-once",
    ),
    Answer(
        "08.3",
        "one list of batches for every epoch",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    batches = list(iterate_minibatches(X, y, batch_size, rng))\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, batches, lr, activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/batches-once",
    ),
    Answer(
        "08.3",
        "learning rate divided by the batch size",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        batches = iterate_minibatches(X, y, batch_size, rng)\n"
        "        params = train_epoch(params, batches, lr / batch_size, activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/lr",
    ),
    Answer(
        "08.3",
        "the starting point recorded too",
        _TRAIN + "    loss, accuracy = evaluate(params, X, y, activation)\n"
        "    history = {'loss': [loss], 'accuracy': [accuracy]}\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/epochs",
    ),
    Answer(
        "08.3",
        "one epoch short",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for epoch in range(1, epochs):\n"
        "        params = train_epoch(params, iterate_minibatches(X, y, batch_size, rng), lr,\n"
        "                             activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/epochs",
    ),
    Answer(
        "08.3",
        "everything inline, own accuracy, numpy floats",
        _TRAIN + "    losses, accs = [], []\n"
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
    Answer(
        "08.3",
        "helpers called with keyword arguments, a tuple back",
        _TRAIN + "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        batches = iterate_minibatches(X, y, batch_size=batch_size, rng=rng)\n"
        "        params = train_epoch(params, batches, lr=lr, activation=activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation=activation)\n"
        "        history['loss'] += [loss]\n"
        "        history['accuracy'] += [accuracy]\n"
        "    return (params, history)",
    ),
    Answer(
        "08.3",
        "wraps the course's training loop",
        "from wbcourse.training import train as course_loop\n"
        + _TRAIN
        + "    return course_loop(params, X, y, epochs=epochs, lr=lr, batch_size=batch_size,\n"
        "                       rng=rng, activation=activation)",
        "course/library",
    ),
    # 08.4 a training budget
    Answer(
        "08.4",
        "single-example batches, far over budget",
        "lr, batch_size, epochs = 0.5, 1, 10",
        "08.4/over-budget",
    ),
    Answer(
        "08.4",
        "learning rate too small",
        "lr, batch_size, epochs = 0.01, 30, 30",
        "08.4/too-slow",
    ),
    Answer(
        "08.4",
        "learning rate a little too small",
        "lr, batch_size, epochs = 0.2, 30, 30",
        "08.4/too-slow",
    ),
    Answer(
        "08.4",
        "learning rate far too large",
        "lr, batch_size, epochs = 50.0, 10, 10",
        "08.4/too-large",
    ),
    Answer(
        "08.4",
        "learning rate too large",
        "lr, batch_size, epochs = 5.0, 30, 30",
        "08.4/too-large",
    ),
    Answer(
        "08.4",
        "batch size as a float",
        "lr, batch_size, epochs = 1.0, 30.0, 30",
        "08.4/not-numbers",
    ),
    Answer(
        "08.4",
        "the learning rate as text",
        "lr, batch_size, epochs = '1.0', 30, 30",
        "08.4/not-numbers",
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
    Answer(
        "08.4",
        "numpy numbers",
        "lr, batch_size, epochs = np.float64(1.0), np.int64(30), np.int64(30)",
    ),
    Answer(
        "08.3",
        "the whole training set as one batch",
        "def train(params, X, y, epochs, lr, batch_size, rng, activation='relu'):\n"
        "    history = {'loss': [], 'accuracy': []}\n"
        "    for _ in range(epochs):\n"
        "        params = train_epoch(params, [(X, y)], lr, activation)\n"
        "        loss, accuracy = evaluate(params, X, y, activation)\n"
        "        history['loss'].append(loss)\n"
        "        history['accuracy'].append(accuracy)\n"
        "    return params, history",
        "08.3/batch-size",
    ),
    Answer(
        "08.3",
        "a fresh generator for every shuffle",
        _shuffled_by("np.random.default_rng()"),
        "08.3/ignored-rng",
    ),
    Answer(
        "08.3",
        "a generator of its own, seeded once",
        _shuffled_by("shuffler", setup="    shuffler = np.random.default_rng(42)\n"),
        "08.3/ignored-rng",
    ),
    Answer(
        "08.2",
        "divides the step by the batch size again, although the gradient is already of",
        'def train_epoch(params, batches, lr, activation="relu"):\n'
        "    current = params\n"
        "    for X_batch, y_batch in batches:\n"
        "        _, grads = loss_and_grads(current, X_batch, y_batch, activation)\n"
        "        n = len(X_batch)\n"
        "        current = {key: current[key] - lr * grads[key] / n for key in current}\n"
        "    return current",
        "08.2/over-batch",
    ),
]
