import copy

import numpy as np
import pytest

from wbcourse.errors import ShapeError
from wbcourse.optim import momentum_step, sgd_step


def make():
    params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([0.5])}
    grads = {"W1": np.array([[10.0, -10.0]]), "b1": np.array([1.0])}
    return params, grads


def test_sgd_step_goes_downhill():
    params, grads = make()
    new = sgd_step(params, grads, lr=0.1)
    assert np.allclose(new["W1"], [[0.0, 3.0]])
    assert np.allclose(new["b1"], [0.4])
    assert list(new) == list(params)


def test_sgd_step_returns_new_arrays_and_mutates_nothing():
    params, grads = make()
    before = copy.deepcopy((params, grads))
    new = sgd_step(params, grads, lr=0.1)
    assert new is not params
    assert new["W1"] is not params["W1"]
    assert all(np.array_equal(params[key], before[0][key]) for key in params)
    assert all(np.array_equal(grads[key], before[1][key]) for key in grads)


@pytest.mark.parametrize("lr", [0.0, -0.1, np.nan])
def test_a_non_positive_lr_is_refused(lr):
    params, grads = make()
    with pytest.raises(ValueError, match="lr must be a positive number"):
        sgd_step(params, grads, lr)
    with pytest.raises(ValueError, match="lr must be a positive number"):
        momentum_step(params, grads, None, lr)


def test_missing_and_extra_gradient_keys_are_named():
    params, grads = make()
    with pytest.raises(
        ValueError, match=r"grads must have the same keys as params; missing \['b1'\]"
    ):
        sgd_step(params, {"W1": grads["W1"]}, 0.1)
    with pytest.raises(ValueError, match=r"; extra \['W2'\]"):
        sgd_step(params, {**grads, "W2": np.ones(1)}, 0.1)


def test_gradient_shapes_must_match():
    params, grads = make()
    with pytest.raises(
        ShapeError, match=r"params\['W1'\] and grads\['W1'\] must have the same shape"
    ):
        sgd_step(params, {**grads, "W1": grads["W1"].T}, 0.1)


def test_momentum_first_step_and_zero_beta_equal_sgd():
    params, grads = make()
    sgd = sgd_step(params, grads, 0.1)
    first, velocity = momentum_step(params, grads, None, 0.1)
    assert all(np.allclose(first[key], sgd[key]) for key in params)
    assert np.allclose(velocity["W1"], -0.1 * grads["W1"])
    again, _ = momentum_step(sgd, grads, velocity, 0.1, beta=0.0)
    assert all(np.allclose(again[key], sgd_step(sgd, grads, 0.1)[key]) for key in params)


def test_momentum_accumulates_velocity():
    params, grads = {"w": np.array([0.0])}, {"w": np.array([1.0])}
    params, velocity = momentum_step(params, grads, None, lr=1.0, beta=0.5)
    params, velocity = momentum_step(params, grads, velocity, lr=1.0, beta=0.5)
    assert np.allclose(velocity["w"], [-1.5])
    assert np.allclose(params["w"], [-2.5])


def test_momentum_mutates_nothing():
    params, grads = make()
    velocity = {key: np.ones_like(value) for key, value in params.items()}
    before = copy.deepcopy((params, grads, velocity))
    momentum_step(params, grads, velocity, 0.1)
    for original, kept in zip((params, grads, velocity), before, strict=True):
        assert all(np.array_equal(original[key], kept[key]) for key in original)


def test_momentum_beats_sgd_on_an_ill_conditioned_bowl():
    curvature = np.array([1.0, 0.01])

    def run(beta, steps=100):
        params, velocity = {"w": np.array([1.0, 1.0])}, None
        for _ in range(steps):
            grads = {"w": curvature * params["w"]}
            params, velocity = momentum_step(params, grads, velocity, lr=0.5, beta=beta)
        return float(0.5 * np.sum(curvature * params["w"] ** 2))

    assert run(0.9) < 0.1 * run(0.0)


def test_momentum_argument_errors():
    params, grads = make()
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\), got 1.0"):
        momentum_step(params, grads, None, 0.1, beta=1.0)
    with pytest.raises(
        ValueError, match=r"velocity must have the same keys as params; missing \['b1'\]"
    ):
        momentum_step(params, grads, {"W1": np.zeros((1, 2))}, 0.1)
