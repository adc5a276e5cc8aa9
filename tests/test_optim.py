import copy

import numpy as np
import pytest

from wbcourse.errors import ShapeError
from wbcourse.optim import (
    adam_step,
    exponential_decay,
    inverse_time_decay,
    momentum_step,
    rmsprop_step,
    sgd_step,
    step_decay,
)


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


# --- RMSProp, Adam and the learning-rate schedules --------------------------------------


def test_rmsprop_steps_about_lr_whatever_the_gradient_scale():
    params, grads = {"w": np.zeros(3)}, {"w": np.array([1e-3, 1.0, 1e3])}
    new, square_avg = rmsprop_step(params, grads, None, lr=0.01, beta=0.9)
    assert np.allclose(square_avg["w"], 0.1 * grads["w"] ** 2)
    assert np.allclose(new["w"], -0.01 / np.sqrt(0.1), rtol=1e-4)


def test_rmsprop_follows_its_formula_over_steps():
    params, grads = {"w": np.array([0.5, -1.0])}, {"w": np.array([0.2, -3.0])}
    s = {"w": np.array([0.04, 4.0])}
    new, new_s = rmsprop_step(params, grads, s, lr=0.1, beta=0.8, eps=1e-6)
    expected_s = 0.8 * s["w"] + 0.2 * grads["w"] ** 2
    assert np.allclose(new_s["w"], expected_s)
    assert np.allclose(new["w"], params["w"] - 0.1 * grads["w"] / (np.sqrt(expected_s) + 1e-6))


def manual_adam(w, gradients, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = v = np.zeros_like(w)
    for t, g in enumerate(gradients, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        w = w - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
    return w, m, v


def test_adam_follows_its_formula_and_counts_steps():
    rng = np.random.default_rng(0)
    gradients = [rng.normal(size=(2, 3)) for _ in range(4)]
    params, state = {"W": np.ones((2, 3))}, None
    for g in gradients:
        params, state = adam_step(params, {"W": g}, state, lr=0.05, beta1=0.8, beta2=0.99)
    w, m, v = manual_adam(np.ones((2, 3)), gradients, 0.05, 0.8, 0.99)
    assert state["t"] == 4
    assert np.allclose(params["W"], w)
    assert np.allclose(state["m"]["W"], m)
    assert np.allclose(state["v"]["W"], v)


def test_adam_first_step_is_lr_times_the_sign():
    grads = {"w": np.array([1e-4, -2.0, 5e3])}
    new, _ = adam_step({"w": np.zeros(3)}, grads, None, lr=0.01)
    assert np.allclose(new["w"], -0.01 * np.sign(grads["w"]), rtol=1e-3)


def test_adam_handles_a_badly_scaled_bowl_that_sgd_cannot():
    curvature = np.array([1e4, 1.0])  # SGD must keep lr below 2e-4: the flat axis barely moves

    def run(step, lr, steps=300):
        params, state = {"w": np.array([1.0, 1.0])}, None
        for _ in range(steps):
            grads = {"w": curvature * params["w"]}
            if step is sgd_step:
                params = sgd_step(params, grads, lr)
            else:
                params, state = step(params, grads, state, lr)
        return float(0.5 * np.sum(curvature * params["w"] ** 2))

    assert run(adam_step, 0.05) < 0.01 * run(sgd_step, 1.9e-4)


def same(a, b) -> bool:
    """Deep equality of nested dicts of arrays and numbers."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return np.array_equal(a, b)


@pytest.mark.parametrize("step", [rmsprop_step, adam_step])
def test_adaptive_steps_mutate_nothing(step):
    params, grads = make()
    _, state = step(params, grads, None, 0.1)
    before = copy.deepcopy((params, grads, state))
    step(params, grads, state, 0.1)
    assert same({"p": params, "g": grads, "s": state}, dict(zip("pgs", before, strict=True)))


def test_adaptive_step_argument_errors():
    params, grads = make()
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\)"):
        rmsprop_step(params, grads, None, 0.1, beta=1.5)
    with pytest.raises(ValueError, match="eps must be a small positive number"):
        rmsprop_step(params, grads, None, 0.1, eps=0.0)
    with pytest.raises(ValueError, match=r"square_avg must have the same keys as params"):
        rmsprop_step(params, grads, {"W1": np.zeros((1, 2))}, 0.1)
    with pytest.raises(ValueError, match=r"beta2 must be in \[0, 1\), got 1"):
        adam_step(params, grads, None, 0.1, beta2=1)
    with pytest.raises(ValueError, match="lr must be a positive number"):
        adam_step(params, grads, None, -0.1)
    with pytest.raises(ValueError, match="state must be the dict"):
        adam_step(params, grads, {"m": {}, "v": {}}, 0.1)
    _, state = adam_step(params, grads, None, 0.1)
    with pytest.raises(ValueError, match=r"state\['t'\] must be an integer >= 0"):
        adam_step(params, grads, {**state, "t": -1}, 0.1)
    with pytest.raises(ShapeError, match=r"params\['W1'\] and state\['m'\]\['W1'\]"):
        adam_step(params, grads, {**state, "m": {**state["m"], "W1": np.zeros(2)}}, 0.1)


def test_schedules():
    assert [inverse_time_decay(0.2, t, k=0.5) for t in (0, 2, 6)] == pytest.approx([0.2, 0.1, 0.05])
    assert inverse_time_decay(0.2, 100, k=0.0) == 0.2
    assert exponential_decay(1.0, 2, rate=0.9) == pytest.approx(0.81)
    assert [step_decay(1.0, t, factor=0.1, every=3) for t in (0, 2, 3, 6)] == pytest.approx(
        [1.0, 1.0, 0.1, 0.01]
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: inverse_time_decay(0.1, -1, k=0.1), "step must be an integer >= 0"),
        (lambda: inverse_time_decay(0.1, 1.5, k=0.1), "step must be an integer >= 0"),
        (lambda: inverse_time_decay(0.1, 1, k=-0.1), "k must be a number >= 0"),
        (lambda: exponential_decay(0.1, 1, rate=1.5), r"rate must be in \(0, 1\]"),
        (lambda: step_decay(0.1, 1, factor=0.0), r"factor must be in \(0, 1\]"),
        (lambda: step_decay(0.1, 1, every=0), "every must be an integer >= 1"),
        (lambda: step_decay(0.0, 1), "lr must be a positive number"),
    ],
)
def test_schedule_argument_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()
