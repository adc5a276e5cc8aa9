"""Lesson 11, hyperparameters: references and known mistakes (the instructor's side)."""

from __future__ import annotations

import numpy as np

from wbcourse.checks import Mistake
from wbcourse.exercises import Fingerprint, exercise
from wbcourse.lessonlib import lesson11
from wbcourse.network import init_params
from wbcourse.training import train

# ---------------------------------------------------------------- 11.1 parameter or hyperparameter

#: The right kind of every quantity of exercise 11.1, and why.
KINDS = {
    "W1[0, 3]": ("parameter", "a weight is learned: gradient descent changes it at every step."),
    "b2[1]": (
        "parameter",
        "a bias is learned too: every neuron's bias is changed by gradient descent, exactly "
        "like its weights. It is not a fixed constant.",
    ),
    "learning rate": (
        "hyperparameter",
        "the learning rate is chosen before training and no gradient ever changes it.",
    ),
    "batch size": (
        "hyperparameter",
        "the batch size is chosen before training; it decides how the data is fed in.",
    ),
    "number of epochs": (
        "hyperparameter",
        "how long to train is decided by you (or by early stopping), not by a gradient.",
    ),
    "number of hidden layers": (
        "hyperparameter",
        "the depth is part of the architecture, fixed before training.",
    ),
    "units per hidden layer": (
        "hyperparameter",
        "the width is part of the architecture, fixed before training.",
    ),
    "activation function": (
        "hyperparameter",
        "the activation is a fixed function chosen with the architecture; training changes the "
        "weights and biases that feed it, never the function itself.",
    ),
    "L2 strength lam": (
        "hyperparameter",
        "lam sets how strongly training is regularized; it is chosen, not learned (a learned "
        "lam would simply go to 0, since the penalty only adds to the loss).",
    ),
    "dropout keep_prob": (
        "hyperparameter",
        "keep_prob is chosen before training; dropout itself has no learned values.",
    ),
}

exercise(
    id="11.1",
    title="Parameter or hyperparameter?",
    points=2,
    reference=None,
    checked=(lesson11.LEARNED, lesson11.CHOSEN, lesson11.NOT_A_KIND),
    questions={"kinds": lambda names: {name: KINDS[name] for name in names}},
)

# ---------------------------------------------------------------- 11.2 run_experiment


def _run_experiment(config: dict, data: tuple, rng: np.random.Generator, **overrides) -> dict:
    """The reference run; ``overrides`` replace settings of ``config`` (for the mistakes)."""
    return _summary(config, _history(config, data, rng, **overrides))


def _history(config: dict, data: tuple, rng: np.random.Generator, **overrides) -> dict:
    X_train, y_train, X_val, y_val = data
    settings = {**config, **overrides}
    classes = settings.get("classes", int(np.max(y_train)) + 1)
    sizes = [X_train.shape[1], *settings["hidden"], classes]
    params = init_params(sizes, rng, method=settings["init"])
    _, history = train(
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
    return history


#: The result's metric and the history list it comes from.
_METRIC_OF = {"train_accuracy": "accuracy", "val_accuracy": "val_accuracy", "val_loss": "val_loss"}


def _last(key: str, values: list) -> float:
    return values[-1]


def _best(key: str, values: list) -> float:
    return min(values) if key.endswith("loss") else max(values)


def _first(key: str, values: list) -> float:
    return values[0]


def _summary(config: dict, history: dict, pick=_last) -> dict:
    """The config and one value of each metric's history: ``pick(key, values)``, by default
    the last epoch's (:func:`_best` gives the best epoch's, :func:`_first` the first's)."""
    return {**config, **{key: pick(key, history[name]) for key, name in _METRIC_OF.items()}}


def _on_training_data(config, data, rng):
    X_train, y_train, _, _ = data
    return _run_experiment(config, (X_train, y_train, X_train, y_train), rng)


def _training_loss_as_val_loss(config, data, rng):
    history = _history(config, data, rng)
    return {**_summary(config, history), "val_loss": history["loss"][-1]}


def _trained_on_validation_too(config, data, rng):
    X_train, y_train, X_val, y_val = data
    both = (np.concatenate([X_train, X_val]), np.concatenate([y_train, y_val]), X_val, y_val)
    return _run_experiment(config, both, rng)


exercise(
    id="11.2",
    title="run_experiment",
    points=3,
    reference=_run_experiment,
    fingerprints=(
        Fingerprint(
            Mistake(
                "11.2/first-epoch",
                "reported the first epoch's metrics, not the last",
                "history lists one value per epoch, oldest first: the trained network's metrics "
                "are the last entries, history[...][-1].",
            ),
            lambda config, data, rng: _summary(config, _history(config, data, rng), _first),
        ),
        Fingerprint(
            Mistake(
                "11.2/validated-on-training",
                "validated on the training data",
                "val_accuracy and val_loss must be measured on X_val, y_val, which the network "
                "never trains on; on the training data they only show how well it memorised.",
            ),
            _on_training_data,
        ),
        Fingerprint(
            Mistake(
                "11.2/leak",
                "trained on the validation data too",
                "the validation set must stay unseen: once the network has trained on it, its "
                "validation score measures memory, not how it does on new data. Train on "
                "X_train, y_train alone.",
            ),
            _trained_on_validation_too,
        ),
        Fingerprint(
            Mistake(
                "11.2/activation",
                "ignored the activation",
                "pass config['activation'] on to train; without it every run uses train's "
                "default, ReLU.",
            ),
            lambda config, data, rng: _run_experiment(config, data, rng, activation="relu"),
        ),
        Fingerprint(
            Mistake(
                "11.2/init",
                "ignored the initialization",
                "pass config['init'] on to init_params; without it every run starts from its "
                "default, He initialization, whatever the activation.",
            ),
            lambda config, data, rng: _run_experiment(config, data, rng, init="he"),
        ),
        Fingerprint(
            Mistake(
                "11.2/no-hidden",
                "ignored the hidden layers",
                "the layer sizes are [inputs, *config['hidden'], classes]: one entry per hidden "
                "layer.",
            ),
            lambda config, data, rng: _run_experiment(config, data, rng, hidden=()),
        ),
        Fingerprint(
            Mistake(
                "11.2/classes-from-max",
                "one output unit too few: the largest label taken for the number of classes",
                "the labels run from 0 to y_train.max(), so there are y_train.max() + 1 classes, "
                "one output unit each.",
            ),
            lambda config, data, rng: _run_experiment(
                config, data, rng, classes=int(np.max(data[1]))
            ),
        ),
        Fingerprint(
            Mistake(
                "11.2/training-loss-as-val-loss",
                "reported the training loss as val_loss",
                "history['loss'] is measured on the training data; the validation loss is "
                "history['val_loss'].",
            ),
            _training_loss_as_val_loss,
        ),
        Fingerprint(
            Mistake(
                "11.2/best-epoch",
                "reported the best epoch, not the last",
                "report the metrics after the last epoch, the network you actually end up with; "
                "picking the best epoch on the validation set is early stopping, another "
                "experiment.",
            ),
            lambda config, data, rng: _summary(config, _history(config, data, rng), _best),
        ),
    ),
    checked=(lesson11.RUN_FORM, lesson11.RUN_CONFIG, lesson11.OWN_RNG),
)

# ---------------------------------------------------------------- 11.3 rank_runs

exercise(
    id="11.3",
    title="rank_runs",
    points=3,
    reference=lesson11.ranked,
    fingerprints=(
        Fingerprint(
            Mistake(
                "11.3/training-accuracy",
                "ranked by training accuracy",
                "a run is judged on data it did not train on: rank by the metric you are given, "
                "not by train_accuracy.",
            ),
            lambda log, metric: sorted(log, key=lambda run: run["train_accuracy"], reverse=True),
        ),
        Fingerprint(
            Mistake(
                "11.3/ascending",
                "sorted ascending for an accuracy",
                "higher accuracy is better, so the best run (the highest accuracy) comes first.",
            ),
            lambda log, metric: sorted(log, key=lambda run: run[metric]),
        ),
        Fingerprint(
            Mistake(
                "11.3/descending",
                "sorted descending for a loss",
                "a lower loss is better, so for a metric whose name ends in 'loss' the smallest "
                "value comes first.",
            ),
            lambda log, metric: sorted(log, key=lambda run: run[metric], reverse=True),
        ),
        Fingerprint(
            Mistake(
                "11.3/not-a-loss",
                "took a metric whose name does not end in 'loss' for a loss",
                "only a name that ENDS in 'loss' is a loss; every other metric, 'val_loss_drop' "
                "(how much the loss fell) as well as an accuracy, is better when higher. A "
                "string method tells how a name ends.",
            ),
            lambda log, metric: sorted(
                log, key=lambda run: run[metric], reverse="loss" not in metric
            ),
        ),
        Fingerprint(
            Mistake(
                "11.3/val-loss-only",
                "took only 'val_loss' for a loss",
                "every metric whose name ends in 'loss' is a loss, 'train_loss' too: the lower, "
                "the better. A string method tells how a name ends.",
            ),
            lambda log, metric: sorted(
                log, key=lambda run: run[metric], reverse=metric != "val_loss"
            ),
        ),
        Fingerprint(
            Mistake(
                "11.3/underscore-loss",
                "took only names ending in '_loss' for a loss",
                "a metric named just 'loss' ends in 'loss' too, and lower is better: test the end "
                "of the name for 'loss', not for '_loss'.",
            ),
            lambda log, metric: sorted(
                log, key=lambda run: run[metric], reverse=not metric.endswith("_loss")
            ),
        ),
        Fingerprint(
            Mistake(
                "11.3/val-prefix",
                "decided the direction by the 'val' at the start of the name",
                "the start says which data set a metric was measured on; the end says what it "
                "is: a name ending in 'loss' is better when lower, every other one when higher.",
            ),
            lambda log, metric: sorted(
                log, key=lambda run: run[metric], reverse=metric.startswith("val")
            ),
        ),
        Fingerprint(
            Mistake(
                "11.3/fixed-metric",
                "ranked by the validation accuracy whatever the metric",
                "rank by the metric the caller names, run[metric], not by one you chose.",
            ),
            lambda log, metric: sorted(log, key=lambda run: run["val_accuracy"], reverse=True),
        ),
        Fingerprint(
            Mistake(
                "11.3/worst-first",
                "ranked worst first",
                "your order is the reverse of the right one, for accuracies and for losses: "
                "sorted() puts the smallest value first unless reverse=True, so which metrics "
                "need reversing?",
            ),
            lambda log, metric: lesson11.ranked(log, metric)[::-1],
        ),
        Fingerprint(
            Mistake(
                "11.3/only-best",
                "returned only the best run",
                "return the whole log, reordered best first; the best run is then its first entry.",
            ),
            lambda log, metric: lesson11.ranked(log, metric)[:1],
        ),
    ),
    checked=(lesson11.VALUES, lesson11.IN_PLACE),
    library_versions=(lesson11.ranked,),
)

# ---------------------------------------------------------------- 11.4 choose the learning rate

exercise(
    id="11.4",
    title="Choose the learning rate",
    points=2,
    reference=None,
    checked=(
        lesson11.LR_NOT_NUMBER,
        lesson11.LR_NOT_TRIED,
        lesson11.LR_TOO_LARGE,
        lesson11.LR_TOO_SMALL,
        lesson11.LR_NOT_BEST,
    ),
)
