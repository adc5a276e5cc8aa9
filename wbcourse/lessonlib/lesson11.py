"""Lesson 11, hyperparameters: the lesson's data and experiments, and the checks of its exercises.

The lesson's experiments vary :data:`BASE_CONFIG` one setting at a time on
:func:`lesson_data`, one run per seed of :data:`SEEDS`; :func:`experiment` and
:func:`experiments` run them (cached), :func:`ranked` and :func:`log_table` show
the log. :func:`ranked` is the course's own version of what exercise 11.3 asks
for: an answer that uses it earns nothing. The checks of exercises 11.1-11.4 and
the mistakes they name by logic are here too; the right kinds of 11.1's
quantities and the reference run of 11.2 come from the oracle.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from wbcourse.checks import Mistake, ask, call_checked, check_answer, require
from wbcourse.datasets import spirals, train_val_split
from wbcourse.mistakes import MUTATED, CheckFailed
from wbcourse.network import init_params, loss_and_grads, stacked_loss_and_grads
from wbcourse.oracle import Answer
from wbcourse.training import accuracy

__all__ = [
    "BASE_CONFIG",
    "CHOSEN",
    "IN_PLACE",
    "LEARNED",
    "LR_GRID",
    "LR_NOT_BEST",
    "LR_NOT_NUMBER",
    "LR_NOT_TRIED",
    "LR_TOO_LARGE",
    "LR_TOO_SMALL",
    "METRICS",
    "NOT_A_KIND",
    "OWN_RNG",
    "RUN_CONFIG",
    "RUN_FORM",
    "SEEDS",
    "VALUES",
    "check_kinds",
    "check_learning_rate",
    "check_ranking",
    "check_run",
    "experiment",
    "experiments",
    "lesson_data",
    "log_table",
    "random_configs",
    "ranked",
    "seed_runs",
]

# ---------------------------------------------------------------- 11.1 parameter or hyperparameter

LEARNED = Mistake(
    "11.1/learned",
    "a weight or a bias called a hyperparameter",
    "weights and biases are the network's parameters: gradient descent changes every one of "
    "them at every step. A bias is the weight on a constant input of 1, learned like any other.",
)
CHOSEN = Mistake(
    "11.1/chosen",
    "a hyperparameter called a parameter",
    "ask of every entry: does gradient descent change it during training? What you choose "
    "before training starts, and no gradient ever changes, is a hyperparameter.",
)
NOT_A_KIND = Mistake(
    "11.1/not-a-kind",
    "an entry is not 'parameter' or 'hyperparameter'",
    "keep every key of the template and replace each '?' with one of the two words.",
)


def check_kinds(kinds: Any, names: list[str]) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``kinds`` labels each of ``names`` right.

    Parameters
    ----------
    kinds : dict of str to str
        The student's answer: each quantity mapped to ``"parameter"`` or
        ``"hyperparameter"`` (case and surrounding spaces do not matter).
    names : list of str
        The quantities this case checks; their right kinds come from the oracle.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> grader = Grader("11.1")
    >>> right = {"W1[0, 3]": "parameter", "b2[1]": "parameter"}
    >>> grader.case(lambda: check_kinds(right, ["W1[0, 3]", "b2[1]"]), "right")
    >>> wrong = {"W1[0, 3]": "parameter", "b2[1]": " Hyperparameter"}
    >>> grader.case(lambda: check_kinds(wrong, ["W1[0, 3]", "b2[1]"]), "wrong")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    11.1 Parameter or hyperparameter?: 1 of 2 cases passed, 1 of 2 points
      PASS  right
      FAIL  wrong: a weight or a bias called a hyperparameter: ... b2[1] is a parameter: ...
    """
    right = ask("kinds", list(names))
    require(isinstance(kinds, dict), NOT_A_KIND, f"kinds is a {type(kinds).__name__}, not a dict.")
    for name in names:
        require(name in kinds, NOT_A_KIND, f"kinds has no entry {name!r}.")
        given = str(kinds[name]).strip().lower()
        require(
            given in ("parameter", "hyperparameter"), NOT_A_KIND, f"kinds[{name!r}] is {given!r}."
        )
        kind, why = right[name]
        if given != kind:
            raise (LEARNED if kind == "parameter" else CHOSEN).fail(f"{name} is a {kind}: {why}")


# ---------------------------------------------------------------- 11.2 run_experiment

#: The results a run adds to its configuration.
METRICS = ("train_accuracy", "val_accuracy", "val_loss")

RUN_FORM = Mistake(
    "11.2/form",
    "the result is not a dict with the three metrics",
    f"return a new dict holding the configuration's entries and the keys {', '.join(METRICS)}.",
)
RUN_CONFIG = Mistake(
    "11.2/config",
    "the result does not repeat the configuration",
    "copy every entry of config, unchanged, into the result, so that the log shows what was "
    "run next to what came out.",
)
OWN_RNG = Mistake(
    "11.2/own-rng",
    "did not take every random draw from the rng argument",
    "two runs with generators in the same state must give the same result, and another seed "
    "another one: pass the rng you are given to init_params and to train, and make no "
    "generator of your own.",
)


def _run_outcome(function: Callable[..., Any], config: dict, data: tuple, seed: int):
    got, mutated = call_checked(function, copy.deepcopy(config), data, np.random.default_rng(seed))
    require(isinstance(got, dict), RUN_FORM, f"Got a {type(got).__name__}.")
    return got, mutated


def _metrics(run: dict) -> dict:
    return {key: run[key] for key in METRICS}


def check_run(function: Callable[..., Any], config: dict, data: tuple, seed: int) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function(config, data, rng)`` is the
    reference run.

    The student's function and the reference both run with
    ``np.random.default_rng(seed)``. The result must be a new dict that repeats
    ``config`` and holds :data:`METRICS`, equal to the reference's (the mistakes'
    metrics are compared too). A run that does not depend on the generator it is
    given, or not only on it, is named.

    Parameters
    ----------
    function : callable
        The student's ``run_experiment(config, data, rng) -> dict``.
    config : dict
        ``lr``, ``batch_size``, ``epochs``, ``hidden``, ``activation``, ``init``.
    data : tuple of ndarray
        ``(X_train, y_train, X_val, y_val)``.
    seed : int
        Seeds the generator of both runs.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> from wbcourse.datasets import blobs
    >>> from wbcourse.training import train
    >>> X, y = blobs(40, np.random.default_rng(0))
    >>> data = train_val_split(X, y, 0.25, np.random.default_rng(1))
    >>> config = dict(lr=0.1, batch_size=10, epochs=2, hidden=(4,), activation="tanh",
    ...               init="xavier")
    >>> def run_experiment(config, data, rng):
    ...     X_train, y_train, X_val, y_val = data
    ...     sizes = [X_train.shape[1], *config["hidden"], int(y_train.max()) + 1]
    ...     params = init_params(sizes, rng, method=config["init"])
    ...     _, history = train(params, X_train, y_train, epochs=config["epochs"],
    ...                        lr=config["lr"], batch_size=config["batch_size"], rng=rng,
    ...                        activation=config["activation"], X_val=X_val, y_val=y_val)
    ...     return {**config, "train_accuracy": history["accuracy"][-1],
    ...             "val_accuracy": history["val_accuracy"][-1],
    ...             "val_loss": history["val_loss"][-1]}
    >>> grader = Grader("11.2")
    >>> grader.case(lambda: check_run(run_experiment, config, data, seed=3), "right")
    >>> grader.case(lambda: check_run(lambda c, d, r: dict(c), config, data, seed=3), "no run")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    11.2 run_experiment: 1 of 2 cases passed, 1.5 of 3 points
      PASS  right
      FAIL  no run: the result is not a dict with the three metrics: ...
    """
    answer = ask("reference", config, data, np.random.default_rng(seed))
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    got, mutated = _run_outcome(function, config, data, seed)
    missing = [key for key in config if key not in got or not _same(got[key], config[key])]
    require(not missing, RUN_CONFIG, f"Missing or changed: {missing}.")
    absent = [key for key in METRICS if key not in got]
    require(not absent, RUN_FORM, f"Missing: {absent}.")
    require(not mutated, MUTATED, "config came back changed; build a new dict for the result.")
    wrong = tuple(
        (mistake, _metrics(run)) for mistake, run in answer.mistakes if isinstance(run, dict)
    )
    try:
        check_answer(_metrics(got), Answer(_metrics(answer.expected), wrong), "your run")
    except CheckFailed:
        again, _ = _run_outcome(function, config, data, seed)
        other, _ = _run_outcome(function, config, data, seed + 1)
        repeats = _same(_metrics(again), _metrics(got))
        require(
            repeats and not _same(_metrics(other), _metrics(got)),
            OWN_RNG,
            "Two runs with the same seed gave different results."
            if not repeats
            else "Runs with two different seeds gave the same result.",
        )
        raise


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------- 11.3 rank_runs

VALUES = Mistake(
    "11.3/values",
    "returned numbers (the metric's values, or the runs' positions) instead of the runs",
    "return the run dicts themselves, reordered, so that you can see which configuration won.",
)
IN_PLACE = Mistake(
    "11.3/in-place",
    "sorted the log in place",
    "the experiment log you passed in came back reordered (list.sort() does that): leave it "
    "as it is and return a new list.",
)


def check_ranking(function: Callable[..., Any], log: list, metric: str) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``function(log, metric)`` ranks the runs
    best first, in a new list.

    The ranking is compared with exercise 11.3's reference (and its known
    mistakes); ``log`` must come back unchanged.

    Examples
    --------
    >>> from wbcourse.checks import Grader
    >>> log = [{"lr": 0.1, "val_accuracy": 0.5}, {"lr": 1.0, "val_accuracy": 0.7}]
    >>> grader = Grader("11.3")
    >>> grader.case(lambda: check_ranking(ranked, log, "val_accuracy"), "course")
    >>> grader.case(lambda: check_ranking(lambda l, m: [r[m] for r in l], log, "val_accuracy"),
    ...             "values")
    >>> print(grader.report())  # doctest: +ELLIPSIS
    11.3 rank_runs: 1 of 2 cases passed, 1.5 of 3 points
      PASS  course
      FAIL  values: returned numbers (the metric's values, or the runs' positions) instead ...
    """
    answer = ask("reference", log, metric)
    require(callable(function), f"expected a function, got {type(function).__name__}.")
    got, mutated = call_checked(function, copy.deepcopy(log), metric)
    require(
        isinstance(got, list | tuple),
        f"return a list of runs (dicts), best first; got {type(got).__name__}.",
    )
    require(
        all(isinstance(run, dict) for run in got),
        VALUES,
        f"The first entries: {list(got)[:3]!r}"[:200],
    )
    check_answer(list(got), answer, "your ranking")
    require(not mutated, IN_PLACE)


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
    """One run per seed of each configuration, each exactly as exercise 11.2's ``run_experiment``
    makes it.

    The run of a configuration for seed ``s`` starts from
    ``init_params(sizes, np.random.default_rng(s), method=config["init"])`` and
    trains as :func:`wbcourse.training.train` does with the same generator: the
    same initial weights, the same batches, the same steps (equal up to rounding).
    All the networks train side by side, through
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
    >>> from wbcourse.training import train
    >>> configs = [{**BASE_CONFIG, "epochs": 2, "lr": lr} for lr in (0.1, 1.0)]
    >>> runs = seed_runs(configs, lesson_data(), seeds=(0, 1))
    >>> X_train, y_train, X_val, y_val = lesson_data()
    >>> rng = np.random.default_rng(1)
    >>> _, single = train(init_params([2, 32, 3], rng), X_train, y_train, epochs=2, lr=1.0,
    ...                   batch_size=27, rng=rng, X_val=X_val, y_val=y_val)
    >>> bool(np.isclose(runs[1][1]["val_loss"], single["val_loss"][-1], rtol=1e-9))
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
    return sorted(log, key=lambda run: run[metric], reverse=not metric.endswith("loss"))


def log_table(log: list) -> str:
    """The runs of ``log`` as a fixed-width text table, one row per run.

    Examples
    --------
    >>> print(log_table([{"lr": 0.1, "hidden": (8,), "val_accuracy": 0.5}]))
      lr  hidden  val_accuracy
     0.1    (8,)         0.500
    """
    columns = list(dict.fromkeys(key for run in log for key in run))

    def text(run, column):
        value = run.get(column, "")
        if column == "lr" and isinstance(value, float):
            return f"{value:g}"
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    rows = [[text(run, column) for column in columns] for run in log]
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    lines = ["  ".join(column.rjust(width) for column, width in zip(columns, widths, strict=True))]
    lines += [
        "  ".join(v.rjust(width) for v, width in zip(row, widths, strict=True)) for row in rows
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- 11.4 choose the learning rate

LR_NOT_NUMBER = Mistake(
    "11.4/not-a-number",
    "chosen_lr is not a number",
    "write the rate itself, a number such as 0.3: not the text '0.3', a list [0.3] or the "
    "whole run.",
)
LR_NOT_TRIED = Mistake(
    "11.4/not-tried",
    "a learning rate that the sweep did not try",
    "chosen_lr must be one of the numbers in LR_GRID: only those were measured.",
)
LR_TOO_LARGE = Mistake(
    "11.4/too-large",
    "too large a learning rate",
    "with the largest rate the steps overshoot and the seeds spread widely; look for the "
    "highest validation accuracy.",
)
LR_TOO_SMALL = Mistake(
    "11.4/too-small",
    "too small a learning rate",
    "in 30 epochs such small steps barely get anywhere (the network underfits); look for the "
    "highest validation accuracy.",
)
LR_NOT_BEST = Mistake(
    "11.4/not-best",
    "another learning rate of the sweep does clearly better",
    "read the sweep again: which rate has the highest validation accuracy, the accuracy on "
    "data the network did not train on?",
)


def check_learning_rate(chosen_lr: Any) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless ``chosen_lr`` is a learning rate of
    :data:`LR_GRID` whose validation accuracy is within 0.02 of the sweep's best.

    Examples
    --------
    >>> best = ranked([experiment(lr=lr) for lr in LR_GRID])[0]["lr"]
    >>> check_learning_rate(best)
    >>> check_learning_rate(0.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: a learning rate that the sweep did not try: ...
    """
    grid = ", ".join(f"{lr:g}" for lr in LR_GRID)
    number = (
        np.ndim(chosen_lr) == 0
        and not isinstance(chosen_lr, bool | np.bool_ | str | bytes)
        and np.issubdtype(np.asarray(chosen_lr).dtype, np.number)
    )
    require(number, LR_NOT_NUMBER, f"chosen_lr is {chosen_lr!r}; the sweep tried {grid}.")
    matching = [lr for lr in LR_GRID if np.isclose(float(chosen_lr), lr)]
    require(bool(matching), LR_NOT_TRIED, f"chosen_lr is {chosen_lr!r}; the sweep tried {grid}.")
    runs = dict(zip(LR_GRID, experiments(*({"lr": lr} for lr in LR_GRID)), strict=True))
    lr = matching[0]
    best = max(run["val_accuracy"] for run in runs.values())
    detail = (
        f"Validation accuracy with lr = {lr:g}: {runs[lr]['val_accuracy']:.3f}; the best of "
        f"the sweep: {best:.3f}."
    )
    if runs[lr]["val_accuracy"] >= best - 0.02:
        return
    require(lr != max(LR_GRID), LR_TOO_LARGE, detail)
    require(lr >= 0.1, LR_TOO_SMALL, detail)
    raise LR_NOT_BEST.fail(detail)
