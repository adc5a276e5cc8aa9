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


def _kinds(**changes: str) -> str:
    return f"kinds = {dict(_KINDS, **changes)!r}"


_RUN = """
def run_experiment(config, data, rng):
    X_train, y_train, X_val, y_val = data
    sizes = {sizes}
    params = init_params(sizes, {init_rng}{init})
    params, history = train(
        params, {X_fit}, {y_fit}, epochs=config["epochs"], lr=config["lr"],
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
    sizes='[X_train.shape[1], *config["hidden"], int(y_train.max()) + 1]',
    init_rng="rng",
    init=', method=config["init"]',
    X_fit="X_train",
    y_fit="y_train",
    activation='config["activation"]',
    X_val="X_val",
    y_val="y_val",
    result=_RESULT,
):
    return _RUN.format(
        sizes=sizes,
        init_rng=init_rng,
        init=init,
        X_fit=X_fit,
        y_fit=y_fit,
        activation=activation,
        X_val=X_val,
        y_val=y_val,
        result=result,
    )


ANSWERS = [
    # ------------------------------------------------------------ 11.1 kinds
    Answer(
        "11.1",
        "bias as a hyperparameter (a 'constant')",
        _kinds(**{"b2[1]": "hyperparameter"}),
        "11.1/learned",
    ),
    Answer(
        "11.1",
        "learning rate as a parameter",
        _kinds(**{"learning rate": "parameter"}),
        "11.1/chosen",
    ),
    Answer(
        "11.1",
        "activation as a parameter",
        _kinds(**{"activation function": "parameter"}),
        "11.1/chosen",
    ),
    Answer(
        "11.1",
        "template left unfilled",
        "kinds = {key: '?' for key in " + repr(list(_KINDS)) + "}",
        "11.1/not-a-kind",
    ),
    Answer(
        "11.1",
        "abbreviations",
        "kinds = {key: ('param' if '[' in key else 'hyper') for key in " + repr(list(_KINDS)) + "}",
        "11.1/not-a-kind",
    ),
    Answer(
        "11.1",
        "capitals and spaces",
        "kinds = {key: (' Parameter' if '[' in key else 'HYPERPARAMETER ') for key in "
        + repr(list(_KINDS))
        + "}",
    ),
    Answer(
        "11.1",
        "a comprehension over the learned names",
        "learned = ['W1[0, 3]', 'b2[1]']\n"
        "kinds = {name: 'parameter' if name in learned else 'hyperparameter' for name in "
        + repr(list(_KINDS))
        + "}",
    ),
    # ------------------------------------------------------------ 11.2 run_experiment
    Answer(
        "11.2",
        "a key the history does not have",
        _run(result=_RESULT.replace('history["accuracy"]', 'history["train_accuracy"]')),
        "course/missing-key",
    ),
    Answer(
        "11.2",
        "validated on the training data",
        _run(X_val="X_train", y_val="y_train"),
        "11.2/validated-on-training",
    ),
    Answer(
        "11.2",
        "trained on training and validation data",
        _run(X_fit="np.concatenate([X_train, X_val])", y_fit="np.concatenate([y_train, y_val])"),
        "11.2/leak",
    ),
    Answer(
        "11.2",
        "activation not passed on",
        _run(activation='"relu"'),
        "11.2/activation",
    ),
    Answer(
        "11.2",
        "initialization left at init_params' default",
        _run(init=""),
        "11.2/init",
    ),
    Answer(
        "11.2",
        "hidden layers left out",
        _run(sizes="[X_train.shape[1], int(y_train.max()) + 1]"),
        "11.2/no-hidden",
    ),
    Answer(
        "11.2",
        "the largest label taken for the number of classes",
        _run(sizes='[X_train.shape[1], *config["hidden"], int(y_train.max())]'),
        "11.2/classes-from-max",
    ),
    Answer(
        "11.2",
        "the training loss reported as val_loss",
        _run(result=_RESULT.replace('history["val_loss"]', 'history["loss"]')),
        "11.2/training-loss-as-val-loss",
    ),
    Answer(
        "11.2",
        "best epoch instead of the last",
        _run(
            result='{**config, "train_accuracy": max(history["accuracy"]), '
            '"val_accuracy": max(history["val_accuracy"]), "val_loss": min(history["val_loss"])}'
        ),
        "11.2/best-epoch",
    ),
    Answer(
        "11.2",
        "config left out of the result",
        _run(
            result='{"train_accuracy": history["accuracy"][-1], '
            '"val_accuracy": history["val_accuracy"][-1], "val_loss": history["val_loss"][-1]}'
        ),
        "11.2/config",
    ),
    Answer(
        "11.2",
        "only the validation accuracy",
        _run(result='{**config, "val_accuracy": history["val_accuracy"][-1]}'),
        "11.2/form",
    ),
    Answer(
        "11.2",
        "results written into config",
        _run(
            result='config.update(train_accuracy=history["accuracy"][-1], '
            'val_accuracy=history["val_accuracy"][-1], val_loss=history["val_loss"][-1]) '
            "or config"
        ),
        "course/mutated",
    ),
    Answer(
        "11.2",
        "its own seeded generator",
        "def run_experiment(config, data, rng):\n"
        "    rng = np.random.default_rng(0)\n" + _run().split("\n", 2)[2],
        "11.2/own-rng",
    ),
    Answer(
        "11.2",
        "an unseeded generator for the weights",
        _run(init_rng="np.random.default_rng()"),
        "11.2/own-rng",
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
    Answer(
        "11.2",
        "settings passed with **, results added in a loop",
        "def run_experiment(config, data, rng):\n"
        "    X_train, y_train, X_val, y_val = data\n"
        "    sizes = [X_train.shape[1]] + [*config['hidden']] + [y_train.max() + 1]\n"
        "    params = init_params(sizes, rng, method=config['init'])\n"
        "    options = {k: config[k] for k in ('epochs', 'lr', 'batch_size', 'activation')}\n"
        "    _, history = train(params, X_train, y_train, rng=rng, X_val=X_val, y_val=y_val,\n"
        "                       **options)\n"
        "    result = dict(config)\n"
        "    for key, name in (('train_accuracy', 'accuracy'), ('val_accuracy', 'val_accuracy'),\n"
        "                      ('val_loss', 'val_loss')):\n"
        "        result[key] = history[name][-1]\n"
        "    return result",
    ),
    # ------------------------------------------------------------ 11.3 rank_runs
    Answer(
        "11.3",
        "the direction by the val prefix",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run[metric], reverse=metric.startswith('val'))",
        "11.3/val-prefix",
    ),
    Answer(
        "11.3",
        "a loss is a name ending in '_loss'",
        "def rank_runs(log, metric):\n"
        "    lower_is_better = metric.endswith('_loss')\n"
        "    return sorted(log, key=lambda run: run[metric], reverse=not lower_is_better)",
        "11.3/underscore-loss",
    ),
    Answer(
        "11.3",
        "always by validation accuracy",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run['val_accuracy'], reverse=True)",
        "11.3/fixed-metric",
    ),
    Answer(
        "11.3",
        "ascending",
        "def rank_runs(log, metric):\n    return sorted(log, key=lambda run: run[metric])",
        "11.3/ascending",
    ),
    Answer(
        "11.3",
        "always descending",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run[metric], reverse=True)",
        "11.3/descending",
    ),
    Answer(
        "11.3",
        "reverse for the loss",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run[metric], reverse=metric.endswith('loss'))",
        "11.3/worst-first",
    ),
    Answer(
        "11.3",
        "any name with 'loss' in it",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run[metric], reverse='loss' not in metric)",
        "11.3/not-a-loss",
    ),
    Answer(
        "11.3",
        "training accuracy",
        "def rank_runs(log, metric):\n"
        "    return sorted(log, key=lambda run: run['train_accuracy'], reverse=True)",
        "11.3/training-accuracy",
    ),
    Answer(
        "11.3",
        "sorted in place",
        "def rank_runs(log, metric):\n"
        "    log.sort(key=lambda run: run[metric], reverse=not metric.endswith('loss'))\n"
        "    return log",
        "11.3/in-place",
    ),
    Answer(
        "11.3",
        "metric values only",
        "def rank_runs(log, metric):\n"
        "    return sorted((run[metric] for run in log), reverse=not metric.endswith('loss'))",
        "11.3/values",
    ),
    Answer(
        "11.3",
        "the best run alone",
        "def rank_runs(log, metric):\n"
        "    pick = min if metric.endswith('loss') else max\n"
        "    return [pick(log, key=lambda run: run[metric])]",
        "11.3/only-best",
    ),
    Answer(
        "11.3",
        "the course's ranked",
        "def rank_runs(log, metric):\n    return ranked(log, metric)",
        "course/library",
    ),
    Answer(
        "11.3",
        "negated key and argsort",
        "def rank_runs(log, metric):\n"
        "    sign = 1 if 'loss' in metric[-4:] else -1\n"
        "    order = np.argsort([sign * run[metric] for run in log], kind='stable')\n"
        "    return [log[i] for i in order]",
    ),
    Answer(
        "11.3",
        "a copy sorted in place, everything but an accuracy taken for a loss",
        "def rank_runs(log, metric):\n"
        "    runs = list(log)\n"
        "    best_high = metric.endswith('accuracy')\n"
        "    runs.sort(key=lambda run: -run[metric] if best_high else run[metric])\n"
        "    return runs",
        "11.3/not-a-loss",
    ),
    Answer(
        "11.3",
        "a copy sorted in place",
        "def rank_runs(log, metric):\n"
        "    runs = list(log)\n"
        "    runs.sort(key=lambda run: run[metric], reverse=not metric.endswith('loss'))\n"
        "    return runs",
    ),
    # ------------------------------------------------------------ 11.4 chosen_lr
    Answer("11.4", "the largest rate", "chosen_lr = 3.0", "11.4/too-large"),
    Answer("11.4", "the smallest rate", "chosen_lr = 0.01", "11.4/too-small"),
    Answer("11.4", "the base rate", "chosen_lr = BASE_CONFIG['lr']", "11.4/not-best"),
    Answer("11.4", "a rate never tried", "chosen_lr = 0.5", "11.4/not-tried"),
    Answer("11.4", "the whole run", "chosen_lr = lr_log[4]", "11.4/not-a-number"),
    Answer("11.4", "the rate as a string", 'chosen_lr = "1.0"', "11.4/not-a-number"),
    Answer("11.4", "the rate in a list", "chosen_lr = [1.0]", "11.4/not-a-number"),
    Answer("11.4", "an int", "chosen_lr = 1"),
    Answer("11.4", "read off the grid", "chosen_lr = LR_GRID[-2]"),
    Answer(
        "11.3",
        "only val_loss counts as a loss",
        "def rank_runs(log, metric):\n"
        "    lower_is_better = metric == 'val_loss'\n"
        "    return sorted(log, key=lambda run: run[metric], reverse=not lower_is_better)",
        "11.3/val-loss-only",
    ),
    Answer(
        "11.3",
        "a local list named like the course's helper, sorted in place",
        "def rank_runs(log, metric):\n"
        "    ranked = list(log)\n"
        "    sign = 1 if metric.endswith('loss') else -1\n"
        "    ranked.sort(key=lambda run: sign * run[metric])\n"
        "    return ranked",
    ),
    Answer(
        "11.2",
        "takes the first epoch's entries ([0]) instead of the last",
        _run(result=_RESULT.replace("[-1]", "[0]")),
        "11.2/first-epoch",
    ),
    Answer(
        "11.3",
        "the runs' positions (argsort) instead of the runs",
        "def rank_runs(log, metric):\n"
        "    order = np.argsort([run[metric] for run in log])\n"
        "    return list(order if metric.endswith('loss') else order[::-1])",
        "11.3/values",
    ),
]
