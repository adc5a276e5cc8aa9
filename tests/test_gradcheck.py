import re

import numpy as np
import pytest

from wbcourse.activations import tanh, tanh_backward
from wbcourse.errors import ShapeError
from wbcourse.gradcheck import (
    check_layer_gradients,
    check_network_gradients,
    numerical_gradient,
    rel_error,
)
from wbcourse.layers import dense_backward, dense_forward
from wbcourse.losses import softmax_cross_entropy

# --- numerical_gradient -----------------------------------------------------


@pytest.mark.parametrize("shape", [(1,), (4,), (2, 3), (2, 2, 2)])
def test_numerical_gradient_of_sum_of_squares(shape):
    x = np.random.default_rng(0).normal(size=shape)
    grad = numerical_gradient(lambda v: np.sum(v**2), x)
    assert grad.shape == shape
    np.testing.assert_allclose(grad, 2 * x, rtol=1e-8, atol=1e-10)


def test_numerical_gradient_of_a_nonlinear_function():
    x = np.array([0.3, -1.2])
    grad = numerical_gradient(lambda v: np.sin(v[0]) * np.exp(v[1]), x)
    expected = [np.cos(0.3) * np.exp(-1.2), np.sin(0.3) * np.exp(-1.2)]
    assert rel_error(grad, expected) < 1e-9


def test_numerical_gradient_perturbs_a_copy_not_x():
    x = np.array([1.0, 2.0])
    seen = []

    def f(v):
        seen.append(v)
        if len(seen) == 2:
            raise RuntimeError("stop while x[0] is perturbed")
        return float(np.sum(v))

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    assert seen[0] is not x
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_accepts_integers_and_lists():
    grad = numerical_gradient(lambda v: 3.0 * v[0] - v[1], [1, 2])
    assert grad.dtype == np.float64
    np.testing.assert_allclose(grad, [3.0, -1.0], rtol=1e-9)


@pytest.mark.parametrize("h", [1e-3, 1e-5])
def test_numerical_gradient_is_exact_for_quadratics(h):
    grad = numerical_gradient(lambda v: float(v[0] ** 2), np.array([3.0]), h=h)
    assert grad[0] == pytest.approx(6.0, rel=1e-9)


# --- rel_error --------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([1.0, 2.0], [1.0, 2.0], 0.0),
        ([1.0, 0.0], [3.0, 0.0], 0.5),
        ([0.0], [0.0], 0.0),
        ([1.0], [-1.0], 1.0),
        ([0.0], [1e-9], 1e-9 / 1e-8),
        ([[1.0, 10.0]], [[1.0, 11.0]], 1.0 / 21.0),
    ],
)
def test_rel_error_known_values(a, b, expected):
    assert rel_error(a, b) == pytest.approx(expected)
    assert rel_error(b, a) == pytest.approx(expected)


def test_rel_error_returns_python_float():
    assert type(rel_error(np.ones(2), np.ones(2))) is float


def test_rel_error_rejects_different_shapes():
    with pytest.raises(ShapeError, match=re.escape("a and b must have the same shape")):
        rel_error(np.ones((3, 1)), np.ones(3))


# --- check_layer_gradients --------------------------------------------------


def dense_inputs(rng, n=3, d_in=4, d_out=2):
    return {
        "X": rng.normal(size=(n, d_in)),
        "W": rng.normal(size=(d_in, d_out)),
        "b": rng.normal(size=d_out),
    }


def tanh_forward(Z):
    return tanh(Z), Z


def tanh_layer_backward(dA, Z):
    return (tanh_backward(dA, Z),)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_check_layer_gradients_passes_correct_layers(seed):
    rng = np.random.default_rng(seed)
    errors = check_layer_gradients(dense_forward, dense_backward, dense_inputs(rng), rng)
    assert list(errors) == ["X", "W", "b"]
    assert max(errors.values()) < 1e-7
    errors = check_layer_gradients(
        tanh_forward, tanh_layer_backward, {"Z": rng.normal(size=5)}, rng
    )
    assert errors["Z"] < 1e-7


def bias_not_summed_backward(dZ, cache):
    dX, dW, _ = dense_backward(dZ, cache)
    return dX, dW, dZ.mean(axis=0)


def sign_flipped_backward(dZ, cache):
    dX, dW, db = dense_backward(dZ, cache)
    return dX, -dW, db


@pytest.mark.parametrize(
    ("backward", "wrong"),
    [(bias_not_summed_backward, "b"), (sign_flipped_backward, "W")],
)
def test_check_layer_gradients_finds_the_wrong_gradient(backward, wrong):
    rng = np.random.default_rng(0)
    errors = check_layer_gradients(dense_forward, backward, dense_inputs(rng), rng)
    assert errors[wrong] > 1e-2
    assert all(error < 1e-7 for name, error in errors.items() if name != wrong)


def test_check_layer_gradients_does_not_mutate_inputs():
    rng = np.random.default_rng(0)
    inputs = dense_inputs(rng)
    before = {name: value.copy() for name, value in inputs.items()}
    check_layer_gradients(dense_forward, dense_backward, inputs, rng)
    for name, value in inputs.items():
        np.testing.assert_array_equal(value, before[name])


def test_check_layer_gradients_draws_dout_from_rng():
    inputs = dense_inputs(np.random.default_rng(0))
    douts = []

    def recording_backward(dZ, cache):
        douts.append(dZ)
        return dense_backward(dZ, cache)

    for seed in (5, 5, 6):
        check_layer_gradients(
            dense_forward, recording_backward, inputs, np.random.default_rng(seed)
        )
    np.testing.assert_array_equal(douts[0], douts[1])
    assert not np.allclose(douts[0], douts[2])


def test_check_layer_gradients_rejects_wrong_number_of_gradients():
    rng = np.random.default_rng(0)
    message = (
        "backward returned 2 gradients for 3 inputs (X, W, b); it must return one gradient "
        "per input, in that order"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        check_layer_gradients(
            dense_forward, lambda dZ, cache: dense_backward(dZ, cache)[:2], dense_inputs(rng), rng
        )


# --- check_network_gradients ------------------------------------------------


def two_layer_loss(params, X, y):
    Z1, cache1 = dense_forward(X, params["W1"], params["b1"])
    A1 = tanh(Z1)
    Z2, cache2 = dense_forward(A1, params["W2"], params["b2"])
    loss, dZ2 = softmax_cross_entropy(Z2, y)
    dA1, dW2, db2 = dense_backward(dZ2, cache2)
    _, dW1, db1 = dense_backward(tanh_backward(dA1, Z1), cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def network(seed):
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.normal(size=(3, 4)),
        "b1": rng.normal(size=4),
        "W2": rng.normal(size=(4, 3)),
        "b2": rng.normal(size=3),
    }
    return params, rng.normal(size=(5, 3)), rng.integers(0, 3, size=5)


@pytest.mark.parametrize("seed", [0, 1])
def test_check_network_gradients_passes_a_correct_network(seed):
    params, X, y = network(seed)
    errors = check_network_gradients(lambda p: two_layer_loss(p, X, y), params)
    assert list(errors) == ["W1", "b1", "W2", "b2"]
    assert max(errors.values()) < 1e-7


def test_check_network_gradients_finds_a_bug_and_leaves_params_alone():
    params, X, y = network(0)
    before = {name: value.copy() for name, value in params.items()}

    def regularized_biases(p):
        loss, grads = two_layer_loss(p, X, y)
        return loss, {**grads, "b1": grads["b1"] + 0.1 * p["b1"]}

    errors = check_network_gradients(regularized_biases, params)
    assert errors["b1"] > 1e-3
    assert errors["W1"] < 1e-7
    for name, value in params.items():
        np.testing.assert_array_equal(value, before[name])


def test_check_network_gradients_rejects_missing_gradients():
    params, X, y = network(0)

    def forgets_biases(p):
        loss, grads = two_layer_loss(p, X, y)
        return loss, {"W1": grads["W1"], "W2": grads["W2"]}

    message = "loss_fn returned no gradient for b1, b2; grads must have the same keys as params"
    with pytest.raises(ValueError, match=re.escape(message)):
        check_network_gradients(forgets_biases, params)
