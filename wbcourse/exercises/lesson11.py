"""Lesson 11, hyperparameters: parameters vs hyperparameters, experiments on a validation split."""

from __future__ import annotations

import copy
from functools import cache

import numpy as np

from wbcourse.checks import CheckFailed, Mistake, call_quietly, named_mistake, require
from wbcourse.datasets import spirals, train_val_split
from wbcourse.exercises import exercise
from wbcourse.network import init_params, loss_and_grads, stacked_loss_and_grads
from wbcourse.training import accuracy, train

__all__ = [
    "BASE_CONFIG",
    "KINDS",
    "LR_GRID",
    "METRICS",
    "SEEDS",
    "check_kinds",
    "check_learning_rate",
    "check_log_unchanged",
    "check_ranking",
    "check_run",
    "experiment",
    "experiments",
    "lesson_data",
    "log_table",
    "random_configs",
    "ranked",
]

# ---------------------------------------------------------------- 11.1 parameter or hyperparameter

#: The right kind of every quantity of exercise 11.1.
KINDS = {
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

_WHY = {
    "W1[0, 3]": "a weight is learned: gradient descent changes it at every step.",
    "b2[1]": "a bias is learned too: every neuron's bias is changed by gradient descent, "
    "exactly like its weights. It is not a fixed constant.",
    "learning rate": "the learning rate is chosen before training and no gradient ever changes it.",
    "batch size": "the batch size is chosen before training; it decides how the data is fed in.",
    "number of epochs": "how long to train is decided by you (or by early stopping), "
    "not by a gradient.",
    "number of hidden layers": "the depth is part of the architecture, fixed before training.",
    "units per hidden layer": "the width is part of the architecture, fixed before training.",
    "activation function": "the activation is a fixed function chosen with the architecture; "
    "training changes the weights and biases that feed it, never the function itself.",
    "L2 strength lam": "lam sets how strongly training is regularized; it is chosen, not learned "
    "(a learned lam would simply go to 0, since the penalty only adds to the loss).",
    "dropout keep_prob": "keep_prob is chosen before training; dropout itself has no "
    "learned values.",
}


def check_kinds(kinds, names=None) -> None:
    """Raise :class:`CheckFailed` unless ``kinds`` labels every quantity in ``names`` correctly.

    Parameters
    ----------
    kinds : dict of str to str
        The student's answer: each quantity of :data:`KINDS` mapped to
        ``"parameter"`` or ``"hyperparameter"``.
    names : iterable of str, optional
        The quantities to check; all of :data:`KINDS` by default.

    Examples
    --------
    >>> check_kinds(dict(KINDS))
    >>> check_kinds(dict(KINDS, **{"b2[1]": "hyperparameter"}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: b2[1] is a parameter: a bias is learned too: ...
    """
    require(isinstance(kinds, dict), f"kinds must be a dict, got {type(kinds).__name__}.")
    for name in names if names is not None else KINDS:
        require(name in kinds, f"kinds has no entry {name!r}; keep every key of the template.")
        given = str(kinds[name]).strip().lower()
        require(
            given in ("parameter", "hyperparameter"),
            f"kinds[{name!r}] is {kinds[name]!r}; write 'parameter' or 'hyperparameter'.",
        )
        if given != KINDS[name]:
            raise CheckFailed(f"{name} is a {KINDS[name]}: {_WHY[name]}")


exercise(
    id="11.1",
    title="parameter or hyperparameter",
    points=2,
    reference=check_kinds,
    named_by_checks=(
        "a bias (or a weight) called a hyperparameter: biases are learned too",
        "a hyperparameter called a parameter, with why it is chosen rather than learned",
    ),
)


# ---------------------------------------------------------------- 11.2 run_experiment

#: The hyperparameters of a run, and the results a run adds to them.
METRICS = ("train_accuracy", "val_accuracy", "val_loss")


def _run_experiment(config: dict, data: tuple, rng: np.random.Generator, **overrides) -> dict:
    X_train, y_train, X_val, y_val = data
    settings = {**config, **overrides}
    sizes = [X_train.shape[1], *settings["hidden"], int(np.max(y_train)) + 1]
    params = init_params(sizes, rng, method=settings["init"])
    params, history = train(
        params,
        X_train,
        y_train,
        epochs=settings["epochs"],
        lr=settings["lr"],
        batch_size=settings["batch_size"],
        rng=rng,
        activation=settings["activation"],
        X_val=X_val,
        y_val=y_val,
    )
    return {
        **config,
        "train_accuracy": history["accuracy"][-1],
        "val_accuracy": history["val_accuracy"][-1],
        "val_loss": history["val_loss"][-1],
    }


def _on_training_data(config, data, rng):
    X_train, y_train, _, _ = data
    return _run_experiment(config, (X_train, y_train, X_train, y_train), rng)


def _best_epoch_metrics(config, data, rng):
    X_train, y_train, X_val, y_val = data
    sizes = [X_train.shape[1], *config["hidden"], int(np.max(y_train)) + 1]
    params = init_params(sizes, rng, method=config["init"])
    _, history = train(
        params, X_train, y_train, epochs=config["epochs"], lr=config["lr"],
        batch_size=config["batch_size"], rng=rng, activation=config["activation"],
        X_val=X_val, y_val=y_val,
    )  # fmt: skip
    return {
        **config,
        "train_accuracy": max(history["accuracy"]),
        "val_accuracy": max(history["val_accuracy"]),
        "val_loss": min(history["val_loss"]),
    }


exercise(
    id="11.2",
    title="run_experiment",
    points=3,
    reference=_run_experiment,
    mistakes=(
        Mistake(
            "validated on the training data",
            "val_accuracy and val_loss must be measured on X_val, y_val, which the network "
            "never trains on; on the training data they only show how well it memorised.",
            _on_training_data,
        ),
        Mistake(
            "ignored the activation",
            "pass config['activation'] on to train; without it every run uses ReLU.",
            lambda config, data, rng: _run_experiment(config, data, rng, activation="relu"),
        ),
        Mistake(
            "ignored the initialization",
            "pass config['init'] on to init_params (method=...); without it every run starts "
            "from He initialization, whatever the activation.",
            lambda config, data, rng: _run_experiment(config, data, rng, init="he"),
        ),
        Mistake(
            "ignored the hidden layers",
            "the layer sizes are [inputs, *config['hidden'], classes]: one entry per hidden layer.",
            lambda config, data, rng: _run_experiment(config, data, rng, hidden=()),
        ),
        Mistake(
            "reported the best epoch, not the last",
            "report the metrics after the last epoch, the network you actually end up with; "
            "picking the best epoch on the validation set is early stopping, another experiment.",
            _best_epoch_metrics,
        ),
    ),
)


def check_run(function, config: dict, data: tuple, seed: int) -> None:
    """Raise :class:`CheckFailed` unless ``function(config, data, rng)`` matches the reference.

    Both run with ``np.random.default_rng(seed)``; the metrics are compared with
    a tolerance of 1e-9, the config entries exactly. A result that matches one
    of exercise 11.2's mistakes is named.

    Examples
    --------
    >>> from wbcourse.datasets import blobs
    >>> X, y = blobs(40, np.random.default_rng(0))
    >>> data = train_val_split(X, y, 0.25, np.random.default_rng(1))
    >>> config = dict(lr=0.1, batch_size=10, epochs=2, hidden=(4,), activation="tanh",
    ...               init="xavier")
    >>> check_run(lambda c, d, r: _run_experiment(c, d, r), config, data, seed=3)
    >>> check_run(_on_training_data, config, data, seed=3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: validated on the training data: ...
    """
    from wbcourse.exercises import get_exercise

    item = get_exercise("11.2")
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not item.reference and function is not experiment,
        "this is wbcourse's own implementation, imported; write your own version.",
    )
    expected = item.reference(copy.deepcopy(config), data, np.random.default_rng(seed))
    given = copy.deepcopy(config)
    got = call_quietly(function, given, data, np.random.default_rng(seed))
    require(given == config, "your function changed the config dict; leave it as it is.")
    require(isinstance(got, dict), f"return a dict, got {type(got).__name__}.")
    missing = [key for key in config if key not in got]
    require(
        not missing,
        f"the result must repeat the config's entries, so that the log shows what was run; "
        f"missing {missing}.",
    )
    changed = [key for key in config if got[key] != config[key]]
    require(
        not changed, f"the result changed the config's entries {changed}; copy them as they are."
    )
    absent = [key for key in METRICS if key not in got]
    require(not absent, f"the result needs the keys {list(METRICS)}; missing {absent}.")

    def matches(result, target):
        return all(
            np.isclose(float(result[key]), float(target[key]), rtol=1e-9, atol=1e-12)
            for key in METRICS
        )

    if matches(got, expected):
        return
    named = named_mistake(item.mistakes, got, (config, data, np.random.default_rng(seed)), matches)
    if named:
        raise named
    wrong_keys = [
        key
        for key in METRICS
        if not np.isclose(float(got[key]), float(expected[key]), rtol=1e-9, atol=1e-12)
    ]
    raise CheckFailed(
        f"{', '.join(wrong_keys)} differ from a run with the same seed. Create the parameters "
        "with init_params(sizes, rng, method=config['init']), then call train(..., rng=rng) "
        "with the config's settings and the validation data, and report the last epoch's "
        "values.",
    )


# ---------------------------------------------------------------- 11.3 rank_runs


def _rank_runs(log: list, metric: str) -> list:
    lower_is_better = metric.endswith("loss")
    return sorted(log, key=lambda run: run[metric], reverse=not lower_is_better)


exercise(
    id="11.3",
    title="rank_runs",
    points=3,
    reference=_rank_runs,
    mistakes=(
        Mistake(
            "ranked by training accuracy",
            "a run is judged on data it did not train on: rank by the metric you are given "
            "(validation accuracy here), not by train_accuracy.",
            lambda log, metric: sorted(log, key=lambda run: run["train_accuracy"], reverse=True),
        ),
        Mistake(
            "sorted ascending for accuracy",
            "higher accuracy is better, so the best run (highest accuracy) comes first: sort "
            "in descending order.",
            lambda log, metric: sorted(log, key=lambda run: run[metric]),
        ),
        Mistake(
            "sorted descending for a loss",
            "a lower loss is better, so for a metric whose name ends in 'loss' the smallest "
            "value comes first.",
            lambda log, metric: sorted(log, key=lambda run: run[metric], reverse=True),
        ),
        Mistake(
            "returned only the best run",
            "return the whole log, reordered best first; the best run is then its first entry.",
            lambda log, metric: [_rank_runs(log, metric)[0]],
        ),
    ),
    named_by_checks=("sorted the log in place", "returned the metric values instead of the runs"),
)


def check_ranking(function, log: list, metric: str) -> None:
    """Raise :class:`CheckFailed` unless ``function(log, metric)`` ranks the runs best first.

    Runs with equal metric values may come in any order; only the sequence of
    metric values and the set of runs are compared, so the failure message
    never shows the expected ranking.

    Examples
    --------
    >>> log = [{"name": "a", "val_accuracy": 0.5, "train_accuracy": 0.6},
    ...        {"name": "b", "val_accuracy": 0.7, "train_accuracy": 0.8}]
    >>> check_ranking(lambda runs, m: _rank_runs(runs, m), log, "val_accuracy")
    >>> ascending = lambda log, metric: sorted(log, key=lambda r: r[metric])
    >>> check_ranking(ascending, log, "val_accuracy")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: sorted ascending for accuracy: ...
    """
    from wbcourse.exercises import get_exercise

    item = get_exercise("11.3")
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    require(
        function is not item.reference and function is not ranked,
        "this is wbcourse's own implementation, imported; write your own version.",
    )
    got = call_quietly(function, copy.deepcopy(log), metric)
    require(
        isinstance(got, list | tuple),
        f"return a list of runs (dicts), best first; got {type(got).__name__}.",
    )
    got = list(got)
    if got and not all(isinstance(run, dict) for run in got):
        raise CheckFailed(
            "returned the metric values instead of the runs: return the run dicts themselves, "
            "so that you can see which configuration won."
        )

    def key(run):
        return repr(sorted(run.items()))

    def same_ranking(result, target):
        return (
            len(result) == len(target)
            and sorted(map(key, result)) == sorted(map(key, target))
            and [run[metric] for run in result] == [run[metric] for run in target]
        )

    expected = item.reference(copy.deepcopy(log), metric)
    if same_ranking(got, expected):
        return
    named = named_mistake(item.mistakes, got, (log, metric), same_ranking)
    if named:
        raise named
    require(
        len(got) == len(log),
        f"the ranking must hold every run of the log once: {len(log)} runs, got {len(got)}.",
    )
    raise CheckFailed(
        f"the runs are not in order of {metric}, best first (highest accuracy, or lowest loss)."
    )


def check_log_unchanged(function, log: list, metric: str) -> None:
    """Raise :class:`CheckFailed` if ``function(log, metric)`` reorders or changes ``log`` itself.

    Examples
    --------
    >>> log = [{"val_accuracy": 0.5}, {"val_accuracy": 0.7}]
    >>> check_log_unchanged(_rank_runs, log, "val_accuracy")
    >>> def in_place(log, metric):
    ...     log.sort(key=lambda run: run[metric], reverse=True)
    ...     return log
    >>> check_log_unchanged(in_place, log, "val_accuracy")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: sorted the log in place: ...
    """
    given = copy.deepcopy(log)
    call_quietly(function, given, metric)
    require(
        given == log,
        "sorted the log in place: the experiment log you passed in came back reordered or "
        "changed (list.sort() does that); build a new list, e.g. with sorted(...).",
    )


# ---------------------------------------------------------------- the lesson's experiments

#: The starting configuration that the lesson's experiments vary one setting at a time.
BASE_CONFIG = {
    "lr": 0.3,
    "batch_size": 27,
    "epochs": 30,
    "hidden": (32,),
    "activation": "relu",
    "init": "he",
}

#: The learning rates of the lesson's sweep (exercise 11.4 picks one of them).
LR_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)

#: Every experiment of the lesson trains one network per seed: the spread shows the luck.
SEEDS = (0, 1, 2, 3, 4)


@cache
def lesson_data() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The lesson's data: 180 spiral points, 3 classes, split 135 / 45 for training / validation.

    Returns
    -------
    X_train : ndarray, shape (135, 2)
    y_train : ndarray, shape (135,)
    X_val : ndarray, shape (45, 2)
    y_val : ndarray, shape (45,)

    Examples
    --------
    >>> [part.shape for part in lesson_data()]
    [(135, 2), (135,), (45, 2), (45,)]
    """
    rng = np.random.default_rng(11)
    X, y = spirals(180, rng, classes=3, noise=0.2)
    return train_val_split(X, y, 0.25, rng)


def seed_runs(configs: list, data: tuple, seeds, history: bool = False) -> list[list[dict]]:
    """One run per seed of each configuration, each exactly as ``run_experiment`` makes it.

    The run of a configuration for seed ``s`` is the reference of exercise 11.2 with
    ``np.random.default_rng(s)``: the same initial weights, the same batches, the
    same steps (equal up to rounding). All the networks train side by side, through
    :func:`wbcourse.network.stacked_loss_and_grads`, so that five seeds, or a whole
    sweep of learning rates, cost little more than one run. The configurations must
    therefore differ in the learning rate ``lr`` alone.

    With ``history=True`` every run also holds ``"history"``: the training and the
    validation accuracy after each epoch, two lists.

    Returns
    -------
    runs : list of list of dict
        Per configuration, per seed: the config plus ``train_accuracy``,
        ``val_accuracy`` and ``val_loss``.

    Examples
    --------
    >>> configs = [{**BASE_CONFIG, "epochs": 2, "lr": lr} for lr in (0.1, 1.0)]
    >>> runs = seed_runs(configs, lesson_data(), seeds=(0, 1))
    >>> single = _run_experiment(configs[1], lesson_data(), np.random.default_rng(1))
    >>> bool(np.isclose(runs[1][1]["val_loss"], single["val_loss"], rtol=1e-9))
    True
    """
    shared = [{key: value for key, value in config.items() if key != "lr"} for config in configs]
    if any(settings != shared[0] for settings in shared):
        raise ValueError("seed_runs trains configurations side by side only if just lr differs")
    config = configs[0]
    X_train, y_train, X_val, y_val = data
    sizes = [X_train.shape[1], *config["hidden"], int(np.max(y_train)) + 1]
    rngs = [np.random.default_rng(seed) for seed in seeds]
    nets = [init_params(sizes, rng, method=config["init"]) for rng in rngs] * len(configs)
    stack = {key: np.stack([net[key] for net in nets]) for key in nets[0]}
    lrs = np.repeat([float(config["lr"]) for config in configs], len(rngs))
    scale = {key: lrs.reshape((-1,) + (1,) * (value.ndim - 1)) for key, value in stack.items()}
    batch_size, activation = config["batch_size"], config["activation"]

    def networks():
        return [{key: value[index] for key, value in stack.items()} for index in range(len(nets))]

    curves = [{"accuracy": [], "val_accuracy": []} for _ in nets]
    with np.errstate(over="ignore", invalid="ignore"):  # a rate that diverges ends in nan
        for _ in range(config["epochs"]):
            orders = np.stack([rng.permutation(len(X_train)) for rng in rngs] * len(configs))
            for start in range(0, len(X_train), batch_size):
                rows = orders[:, start : start + batch_size]
                _, grads = stacked_loss_and_grads(stack, X_train[rows], y_train[rows], activation)
                stack = {key: stack[key] - scale[key] * grads[key] for key in stack}
            for curve, params in zip(curves, networks() if history else (), strict=False):
                curve["accuracy"].append(accuracy(params, X_train, y_train, activation))
                curve["val_accuracy"].append(accuracy(params, X_val, y_val, activation))
        runs = [
            {
                **configs[index // len(rngs)],
                "train_accuracy": accuracy(params, X_train, y_train, activation),
                "val_accuracy": accuracy(params, X_val, y_val, activation),
                "val_loss": loss_and_grads(params, X_val, y_val, activation)[0],
                **({"history": curves[index]} if history else {}),
            }
            for index, params in enumerate(networks())
        ]
    return [runs[start : start + len(rngs)] for start in range(0, len(runs), len(rngs))]


_RUNS: dict[tuple, list[dict]] = {}  # (config items, seeds) -> the runs, one per seed


def experiments(*changes: dict, seeds=SEEDS) -> list[dict]:
    """Several experiments: :data:`BASE_CONFIG` with each of ``changes``, as :func:`experiment`.

    Those that differ only in the learning rate train side by side, so a learning-rate
    sweep costs about one run.

    Examples
    --------
    >>> [run["lr"] for run in experiments({"lr": 0.1, "epochs": 2}, {"lr": 0.3, "epochs": 2})]
    [0.1, 0.3]
    """
    configs = [{**BASE_CONFIG, **change} for change in changes]
    keys = [(tuple(config.items()), tuple(seeds)) for config in configs]
    groups: dict[tuple, dict] = {}
    for config, key in zip(configs, keys, strict=True):
        if key not in _RUNS:
            shared = tuple(item for item in config.items() if item[0] != "lr")
            groups.setdefault(shared, {})[key] = config
    for group in groups.values():
        runs_of_group = seed_runs(list(group.values()), lesson_data(), seeds)
        for key, runs in zip(group, runs_of_group, strict=True):
            _RUNS[key] = runs
    return [_summary(config, _RUNS[key]) for config, key in zip(configs, keys, strict=True)]


def _summary(config: dict, runs: list[dict]) -> dict:
    means = {key: float(np.mean([run[key] for run in runs])) for key in METRICS}
    return {**config, **means, "val_sd": float(np.std([run["val_accuracy"] for run in runs]))}


def experiment(seeds=SEEDS, **changes) -> dict:
    """:data:`BASE_CONFIG` with ``changes``, one run per seed on :func:`lesson_data`.

    Runs are cached, so repeating a configuration costs nothing.

    Returns
    -------
    result : dict
        The configuration, the means over the seeds of ``train_accuracy``,
        ``val_accuracy`` and ``val_loss``, and ``val_sd``, the standard deviation of
        ``val_accuracy`` over the seeds.

    Examples
    --------
    >>> result = experiment(epochs=2)
    >>> sorted(result)  # doctest: +NORMALIZE_WHITESPACE
    ['activation', 'batch_size', 'epochs', 'hidden', 'init', 'lr',
     'train_accuracy', 'val_accuracy', 'val_loss', 'val_sd']
    """
    return experiments(changes, seeds=seeds)[0]


def random_configs(count: int, rng: np.random.Generator) -> list[dict]:
    """``count`` configurations drawn at random, for a random search beside the grid.

    Each setting is drawn on its own: the learning rate log-uniformly between 0.03 and
    3, the batch size 27 or 45, one or two hidden layers of 8 to 32 units
    (a power of 2), and ReLU with He or tanh with Xavier initialization (lesson 09's
    pairs). The epochs stay at :data:`BASE_CONFIG`'s 30.

    Examples
    --------
    >>> configs = random_configs(2, np.random.default_rng(0))
    >>> [sorted(config) == sorted(BASE_CONFIG) for config in configs]
    [True, True]
    """
    configs = []
    for _ in range(count):
        activation = str(rng.choice(["relu", "tanh"]))
        width = int(2 ** rng.integers(3, 6))
        configs.append(
            {
                **BASE_CONFIG,
                "lr": round(float(10 ** rng.uniform(-1.5, 0.5)), 3),
                "batch_size": int(rng.choice([27, 45])),
                "hidden": (width,) * int(rng.integers(1, 3)),
                "activation": activation,
                "init": "he" if activation == "relu" else "xavier",
            }
        )
    return configs


def ranked(log: list, metric: str = "val_accuracy") -> list:
    """The runs of ``log`` best first by ``metric`` (lowest first for a loss); a new list.

    Examples
    --------
    >>> [run["val_loss"] for run in ranked([{"val_loss": 0.3}, {"val_loss": 0.1}], "val_loss")]
    [0.1, 0.3]
    """
    return _rank_runs(log, metric)


def log_table(log: list) -> str:
    """The runs of ``log`` as a fixed-width text table, one row per run.

    Examples
    --------
    >>> print(log_table([{"lr": 0.1, "hidden": (8,), "val_accuracy": 0.5}]))
      lr  hidden  val_accuracy
     0.1    (8,)         0.500
    """
    columns = list(dict.fromkeys(key for run in log for key in run))

    def cell(value):
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    def text(run, column):
        value = run.get(column, "")
        if column in ("lr",) and isinstance(value, float):
            return f"{value:g}"
        return cell(value)

    rows = [[text(run, column) for column in columns] for run in log]
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    lines = ["  ".join(column.rjust(width) for column, width in zip(columns, widths, strict=True))]
    lines += [
        "  ".join(v.rjust(width) for v, width in zip(row, widths, strict=True)) for row in rows
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- 11.4 choose the learning rate


def check_learning_rate(chosen_lr) -> None:
    """Raise :class:`CheckFailed` unless ``chosen_lr`` is a learning rate of :data:`LR_GRID`
    whose validation accuracy is within 0.02 of the sweep's best.

    Examples
    --------
    >>> best = ranked([experiment(lr=lr) for lr in LR_GRID])[0]["lr"]
    >>> check_learning_rate(best)
    >>> check_learning_rate(0.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: pick one of the learning rates that were tried: ...
    """
    grid = ", ".join(f"{lr:g}" for lr in LR_GRID)
    require(
        np.ndim(chosen_lr) == 0 and isinstance(chosen_lr, int | float | np.number),
        f"chosen_lr must be one number, got {chosen_lr!r}.",
    )
    matching = [lr for lr in LR_GRID if np.isclose(float(chosen_lr), lr)]
    require(bool(matching), f"pick one of the learning rates that were tried: {grid}.")
    runs = dict(zip(LR_GRID, experiments(*({"lr": lr} for lr in LR_GRID)), strict=True))
    chosen = runs[matching[0]]
    best = max(run["val_accuracy"] for run in runs.values())
    if chosen["val_accuracy"] >= best - 0.02:
        return
    by_training = max(runs.values(), key=lambda run: run["train_accuracy"])
    if chosen is by_training:
        raise CheckFailed(
            "picked by training accuracy: choose the learning rate whose VALIDATION accuracy "
            "is highest; the training accuracy rewards memorising."
        )
    if matching[0] == max(LR_GRID):
        raise CheckFailed(
            "too large: with the largest learning rate the steps overshoot and training is "
            "unstable; look for the highest validation accuracy."
        )
    if matching[0] < 0.1:
        raise CheckFailed(
            "too small: in this many epochs such small steps barely get anywhere (underfitting); "
            "look for the highest validation accuracy."
        )
    raise CheckFailed(
        "another learning rate in the sweep has a clearly higher validation accuracy; read "
        "the plot again."
    )


exercise(
    id="11.4",
    title="choose the learning rate",
    points=2,
    reference=check_learning_rate,
    named_by_checks=(
        "a learning rate that was not tried",
        "picked by training accuracy",
        "a learning rate that is too large (unstable) or too small (underfits)",
    ),
)
