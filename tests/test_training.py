import copy

import numpy as np
import pytest

from wbcourse.datasets import blobs, letters, moons, train_val_split
from wbcourse.network import init_params
from wbcourse.training import accuracy, train


def rng(seed=0):
    return np.random.default_rng(seed)


def split(make, seed=0, **kwargs):
    generator = rng(seed)
    X, y = make(400, generator, **kwargs)
    return train_val_split(X, y, 0.25, generator)


def fit(X, y, sizes, seed=0, **kwargs):
    generator = rng(seed)
    options = {"epochs": 30, "lr": 0.1, "batch_size": 32, "rng": generator} | kwargs
    return train(init_params(sizes, generator), X, y, **options)


def test_reaches_95_percent_on_blobs():
    X, y, X_val, y_val = split(blobs, std=1.0)
    params, _ = fit(X, y, [2, 16, 2])
    assert accuracy(params, X_val, y_val) > 0.95


def test_reaches_90_percent_on_moons():
    X, y, X_val, y_val = split(moons, noise=0.2)
    params, history = fit(X, y, [2, 32, 32, 2], epochs=100, momentum=0.9, X_val=X_val, y_val=y_val)
    assert accuracy(params, X_val, y_val) > 0.90
    assert history["val_accuracy"][-1] == accuracy(params, X_val, y_val)


def test_learns_the_letters():
    X, y, _ = letters(40, rng(), noise=0.1)
    _, history = fit(X, y, [25, 12, 3])
    assert history["accuracy"][-1] > 0.95


def test_binary_cross_entropy_with_one_output():
    X, y, X_val, y_val = split(blobs)
    params, _ = fit(X, y, [2, 8, 1], loss="binary_cross_entropy", activation="tanh")
    assert params["W2"].shape == (8, 1)
    assert accuracy(params, X_val, y_val, "tanh") > 0.95


def test_history_has_one_entry_per_epoch_and_the_loss_falls():
    X, y, X_val, y_val = split(moons)
    _, history = fit(X, y, [2, 8, 2], epochs=7)
    assert sorted(history) == ["accuracy", "loss"]
    assert [len(values) for values in history.values()] == [7, 7]
    assert history["loss"][-1] < history["loss"][0]
    _, history = fit(X, y, [2, 8, 2], epochs=7, X_val=X_val, y_val=y_val)
    assert sorted(history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert all(isinstance(value, float) for values in history.values() for value in values)


def test_training_is_deterministic_and_pure():
    X, y, _, _ = split(blobs)
    params = init_params([2, 8, 2], rng(3))
    before = copy.deepcopy(params)
    X_before = X.copy()
    first = train(params, X, y, epochs=5, lr=0.1, batch_size=16, rng=rng(4))
    second = train(params, X, y, epochs=5, lr=0.1, batch_size=16, rng=rng(4))
    assert all(np.array_equal(params[key], before[key]) for key in params)
    assert np.array_equal(X, X_before)
    assert all(np.array_equal(first[0][key], second[0][key]) for key in params)
    assert first[1] == second[1]
    assert not np.array_equal(first[0]["W1"], params["W1"])


def test_l2_shrinks_the_weights_but_not_the_biases_directly():
    X, y, _, _ = split(moons)
    plain, _ = fit(X, y, [2, 16, 2], epochs=20)
    decayed, _ = fit(X, y, [2, 16, 2], epochs=20, l2=0.1)
    assert np.sum(decayed["W1"] ** 2) < 0.8 * np.sum(plain["W1"] ** 2)


def test_momentum_changes_the_path():
    X, y, _, _ = split(moons)
    plain, _ = fit(X, y, [2, 8, 2], epochs=3)
    heavy, _ = fit(X, y, [2, 8, 2], epochs=3, momentum=0.9)
    assert not np.allclose(plain["W1"], heavy["W1"])


def test_a_batch_larger_than_the_data_is_full_batch_descent():
    X, y, _, _ = split(blobs)
    params = init_params([2, 3, 2], rng(1))
    full, _ = train(params, X, y, epochs=2, lr=0.1, batch_size=10_000, rng=rng(2))
    same, _ = train(params, X, y, epochs=2, lr=0.1, batch_size=len(X), rng=rng(9))
    assert all(np.allclose(full[key], same[key]) for key in params)


def test_accuracy():
    params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([-0.5])}  # OR
    X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert accuracy(params, X, [0, 1, 1, 1]) == 1.0
    assert accuracy(params, X, [0, 1, 1, 0]) == 0.75
    with pytest.raises(ValueError, match=r"labels must have shape \(4,\)"):
        accuracy(params, X, [0, 1, 1])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"epochs": 0}, ValueError, "epochs must be an integer >= 1, got 0"),
        ({"batch_size": 2.5}, ValueError, "batch_size must be an integer >= 1, got 2.5"),
        ({"X_val": np.zeros((2, 2))}, ValueError, "give X_val and y_val together"),
        ({"rng": 0}, TypeError, r"rng must be a numpy\.random\.Generator.*got int"),
        ({"lr": -1.0}, ValueError, "lr must be a positive number"),
    ],
)
def test_train_argument_errors(kwargs, error, message):
    X, y = blobs(8, rng())
    options = {"epochs": 1, "lr": 0.1, "batch_size": 4, "rng": rng()} | kwargs
    with pytest.raises(error, match=message):
        train(init_params([2, 2], rng()), X, y, **options)
