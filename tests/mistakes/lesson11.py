"""Answers to lesson 11's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_KINDS = {
    "W1[0, 3]": "parameter",
    "b2[1]": "parameter",
    "learning rate": "hyperparameter",
    "batch size": "hyperparameter",
    "number of epochs": "hyperparameter",
    "number of hidden layers": "hyperparameter",
    "units per hidden layer": "hyperparameter",
    "activation function": "hyperparameter",
    "L2 strength lam": "hyperparameter",
    "dropout keep_prob": "hyperparameter",
}


def _kinds() -> str:
    return f"kinds = {_KINDS!r}"


_RUN = """
def run_experiment(config, data, rng):
    X_train, y_train, X_val, y_val = data
    sizes = [X_train.shape[1], *config["hidden"], int(y_train.max()) + 1]
    params = init_params(sizes, rng, {init})
    params, history = train(
        params, X_train, y_train, epochs=config["epochs"], lr=config["lr"],
        batch_size=config["batch_size"], rng=rng, activation={activation},
        X_val={X_val}, y_val={y_val},
    )
    return {result}
"""

_RESULT = (
    '{**config, "train_accuracy": history["accuracy"][-1], '
    '"val_accuracy": history["val_accuracy"][-1], "val_loss": history["val_loss"][-1]}'
)


def _run(
    activation='config["activation"]',
    X_val="X_val",
    y_val="y_val",
    result=_RESULT,
    init='method=config["init"]',
):
    return _RUN.format(activation=activation, X_val=X_val, y_val=y_val, result=result, init=init)


ANSWERS = [
    # ------------------------------------------------------------ 11.1 kinds
    Answer(
        "11.1",
        "bias as a hyperparameter",
        _kinds() + "\nkinds['b2[1]'] = 'hyperparameter'",
        "b2[1] is a parameter: a bias is learned too",
    ),
    Answer(
        "11.1",
        "learning rate as a parameter",
        _kinds() + "\nkinds['learning rate'] = 'parameter'",
        "learning rate is a hyperparameter",
    ),
    Answer(
        "11.1",
        "activation as a parameter",
        _kinds() + "\nkinds['activation function'] = 'parameter'",
        "activation function is a hyperparameter",
    ),
    Answer(
        "11.1",
        "template left unfilled",
        "kinds = {key: '?' for key in " + repr(list(_KINDS)) + "}",
        "write 'parameter' or 'hyperparameter'",
    ),
    Answer(
        "11.1",
        "capitals and spaces",
        "kinds = {key: (' Parameter' if '[' in key else 'HYPERPARAMETER ') for key in "
        + repr(list(_KINDS))
        + "}",
    ),
    # ------------------------------------------------------------ 11.2 run_experiment
    Answer(
        "11.2",
        "validated on the training data",
        _run(X_val="X_train", y_val="y_train"),
        "validated on the training data",
    ),
    Answer(
        "11.2",
        "activation not passed on",
        _run(activation='"relu"'),
        "ignored the activation",
    ),
    Answer(
        "11.2",
        "initialization left at init_params' default",
        _run(init=""),
        "ignored the initialization",
    ),
    Answer(
        "11.2",
        "best epoch instead of the last",
        _run(
            result='{**config, "train_accuracy": max(history["accuracy"]), '
            '"val_accuracy": max(history["val_accuracy"]), "val_loss": min(history["val_loss"])}'
        ),
        "reported the best epoch, not the last",
    ),
    Answer(
        "11.2",
        "config left out of the result",
        _run(
            result='{"train_accuracy": history["accuracy"][-1], '
            '"val_accuracy": history["val_accuracy"][-1], "val_loss": history["val_loss"][-1]}'
        ),
        "the result must repeat the config's entries",
    ),
    Answer(
        "11.2",
        "its own generator",
        "def run_experiment(config, data, rng):\n"
        "    rng = np.random.default_rng(0)\n" + _run().split("\n", 2)[2],
        "differ from a run with the same seed",
    ),
    Answer(
        "11.2",
        "metrics measured after training, config copied key by key",
        "from wbcourse.network import loss_and_grads\n"
        "from wbcourse.training import accuracy\n"
        "def run_experiment(config, data, rng):\n"
        "    X_train, y_train, X_val, y_val = data\n"
        "    layers = [X_train.shape[1]] + list(config['hidden']) + [len(np.unique(y_train))]\n"
        "    params, _ = train(init_params(layers, rng, method=config['init']), X_train, y_train,\n"
        "                      epochs=config['epochs'], lr=config['lr'],\n"
        "                      batch_size=config['batch_size'], rng=rng,\n"
        "                      activation=config['activation'])\n"
        "    result = {key: value for key, value in config.items()}\n"
        "    act = config['activation']\n"
        "    result['train_accuracy'] = accuracy(params, X_train, y_train, act)\n"
        "    result['val_accuracy'] = accuracy(params, X_val, y_val, act)\n"
        "    result['val_loss'] = loss_and_grads(params, X_val, y_val, act)[0]\n"
        "    return result",
    ),
    # ------------------------------------------------------------ 11.3 rank_runs
    Answer(
        "11.3",
        "ascending",
        "def rank_runs(log, metric):\n    return sorted(log, key=lambda run: run[metric])",
        "sorted ascending for accuracy",
    ),
    Answer(
        "11.3",
        "always descending",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run[metric], reverse=True)",
        "sorted descending for a loss",
    ),
    Answer(
        "11.3",
        "training accuracy",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run['train_accuracy'], reverse=True)",
        "ranked by training accuracy",
    ),
    Answer(
        "11.3",
        "sorted in place",
        "def rank_runs(log, metric):\n"
        "    log.sort(key=lambda run: run[metric], reverse=not metric.endswith('loss'))\n"
        "    return log",
        "sorted the log in place",
    ),
    Answer(
        "11.3",
        "metric values only",
        "def rank_runs(log, metric):\n"
        "    return sorted((run[metric] for run in log), reverse=not metric.endswith('loss'))",
        "returned the metric values instead of the runs",
    ),
    Answer(
        "11.3",
        "negated key and argsort",
        "def rank_runs(log, metric):\n"
        "    sign = 1 if 'loss' in metric[-4:] else -1\n"
        "    order = np.argsort([sign * run[metric] for run in log], kind='stable')\n"
        "    return [log[i] for i in order]",
    ),
    # ------------------------------------------------------------ 11.4 chosen_lr
    Answer("11.4", "the largest rate", "chosen_lr = 3.0", "too large"),
    Answer("11.4", "the smallest rate", "chosen_lr = 0.01", "too small"),
    Answer("11.4", "a rate never tried", "chosen_lr = 0.5", "pick one of the learning rates"),
    Answer("11.4", "an int", "chosen_lr = 1"),
]
