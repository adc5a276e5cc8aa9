import warnings

import numpy as np
import pytest

from wbcourse import activations as act
from wbcourse.errors import ShapeError
from wbcourse.gradcheck import numerical_gradient, rel_error

PAIRS = {
    "identity": (act.identity, act.identity_backward),
    "sigmoid": (act.sigmoid, act.sigmoid_backward),
    "tanh": (act.tanh, act.tanh_backward),
    "relu": (act.relu, act.relu_backward),
    "leaky_relu": (act.leaky_relu, act.leaky_relu_backward),
    "softmax": (act.softmax, act.softmax_backward),
}
FORWARDS = [act.identity, act.sigmoid, act.tanh, act.relu, act.leaky_relu, act.step, act.softmax]
EXTREMES = np.array([[-1e4, -1e3, -50.0, 0.0, 50.0, 1e3, 1e4]])


def away_from_kink(Z):
    """Move entries near 0 away from it, so central differences never straddle the kink."""
    return np.where(np.abs(Z) < 1e-2, 0.5, Z)


@pytest.mark.parametrize(
    ("forward", "Z", "expected"),
    [
        (act.identity, [-1.5, 2.0], [-1.5, 2.0]),
        (act.sigmoid, [0.0], [0.5]),
        (act.sigmoid, [np.log(3.0), -np.log(3.0)], [0.75, 0.25]),
        (act.tanh, [0.0, np.log(2.0)], [0.0, 0.6]),
        (act.relu, [-2.0, 0.0, 3.0], [0.0, 0.0, 3.0]),
        (act.leaky_relu, [-2.0, 0.0, 3.0], [-0.02, 0.0, 3.0]),
        (act.step, [-2.0, 0.0, 1e-9, 3.0], [0.0, 0.0, 1.0, 1.0]),
        (act.softmax, [[0.0, np.log(3.0)]], [[0.25, 0.75]]),
    ],
)
def test_known_values(forward, Z, expected):
    np.testing.assert_allclose(forward(Z), expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu", "leaky_relu"])
@pytest.mark.parametrize("shape", [(1,), (5,), (3, 4), (2, 3, 2)])
@pytest.mark.parametrize("seed", [0, 1])
def test_elementwise_backward_matches_numerical_gradient(name, shape, seed):
    forward, backward = PAIRS[name]
    rng = np.random.default_rng(seed)
    Z = away_from_kink(rng.normal(scale=2.0, size=shape))
    dA = rng.normal(size=shape)
    numerical = numerical_gradient(lambda z: np.sum(forward(z) * dA), Z)
    assert rel_error(backward(dA, Z), numerical) < 1e-7


@pytest.mark.parametrize("shape", [(1, 1), (1, 4), (3, 2), (5, 6)])
@pytest.mark.parametrize("seed", [0, 1])
def test_softmax_backward_matches_numerical_gradient(shape, seed):
    rng = np.random.default_rng(seed)
    Z, dA = rng.normal(scale=2.0, size=shape), rng.normal(size=shape)
    numerical = numerical_gradient(lambda z: np.sum(act.softmax(z) * dA), Z)
    assert rel_error(act.softmax_backward(dA, Z), numerical) < 1e-7


@pytest.mark.parametrize("alpha", [0.0, 0.1, 0.3])
def test_leaky_relu_alpha_matches_numerical_gradient(alpha):
    rng = np.random.default_rng(3)
    Z, dA = away_from_kink(rng.normal(size=(4, 3))), rng.normal(size=(4, 3))
    numerical = numerical_gradient(lambda z: np.sum(act.leaky_relu(z, alpha) * dA), Z)
    assert rel_error(act.leaky_relu_backward(dA, Z, alpha), numerical) < 1e-7


@pytest.mark.parametrize("forward", FORWARDS)
def test_forward_is_stable_for_huge_inputs(forward):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A = forward(EXTREMES)
    assert np.all(np.isfinite(A))


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_backward_is_stable_for_huge_inputs(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dZ = PAIRS[name][1](np.ones_like(EXTREMES), EXTREMES)
    assert np.all(np.isfinite(dZ))


def test_sigmoid_saturates_exactly_and_is_symmetric():
    Z = np.array([-1e4, -3.0, 0.0, 3.0, 1e4])
    A = act.sigmoid(Z)
    np.testing.assert_array_equal(A[[0, -1]], [0.0, 1.0])
    np.testing.assert_allclose(A + act.sigmoid(-Z), 1.0, rtol=1e-15)
    np.testing.assert_allclose(A[1:-1], 1.0 / (1.0 + np.exp(-Z[1:-1])), rtol=1e-15)


def test_sigmoid_keeps_tiny_probabilities():
    assert act.sigmoid(np.array([-700.0]))[0] > 0.0


@pytest.mark.parametrize(
    ("backward", "expected"),
    [(act.relu_backward, 0.0), (act.leaky_relu_backward, 0.01)],
)
def test_derivative_at_the_kink(backward, expected):
    assert backward(np.array([1.0]), np.array([0.0]))[0] == expected


def test_softmax_rows_sum_to_one():
    Z = np.random.default_rng(0).normal(scale=10.0, size=(6, 4))
    np.testing.assert_allclose(act.softmax(Z).sum(axis=1), 1.0, rtol=1e-12)


def test_softmax_is_invariant_to_a_constant_per_row():
    Z = np.random.default_rng(1).normal(size=(3, 5))
    shift = np.array([[-100.0], [0.5], [1e3]])
    np.testing.assert_allclose(act.softmax(Z + shift), act.softmax(Z), rtol=1e-9)


def test_softmax_works_on_each_row_separately():
    A = act.softmax(np.array([[1.0, 1.0], [1e4, -1e4]]))
    np.testing.assert_array_equal(A, [[0.5, 0.5], [1.0, 0.0]])


def test_softmax_backward_rows_sum_to_zero():
    rng = np.random.default_rng(2)
    dZ = act.softmax_backward(rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-15)


def test_step_returns_floats():
    assert act.step(np.array([1, -1])).dtype == np.float64


@pytest.mark.parametrize("forward", FORWARDS)
def test_forward_does_not_mutate_input(forward):
    Z = np.array([[-2.0, 0.5, 3.0]])
    before = Z.copy()
    forward(Z)[...] = 7.0
    np.testing.assert_array_equal(Z, before)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_backward_does_not_mutate_inputs(name):
    Z, dA = np.array([[-2.0, 0.5, 3.0]]), np.array([[1.0, -1.0, 2.0]])
    before = (Z.copy(), dA.copy())
    PAIRS[name][1](dA, Z)[...] = 7.0
    np.testing.assert_array_equal(Z, before[0])
    np.testing.assert_array_equal(dA, before[1])


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_backward_rejects_mismatched_shapes(name):
    with pytest.raises(
        ShapeError, match=r"dA and Z must have the same shape, got \(3,\) and \(2,\)"
    ):
        PAIRS[name][1](np.ones(3), np.ones(2))


@pytest.mark.parametrize("name", ["identity", "leaky_relu", "relu", "sigmoid", "tanh"])
def test_get_returns_the_pair(name):
    assert act.get(name) == PAIRS[name]


@pytest.mark.parametrize("name", ["rellu", "softmax", "step", "ReLU", ""])
def test_get_rejects_unknown_names(name):
    message = (
        f"unknown activation '{name}'; choose one of: identity, leaky_relu, relu, sigmoid, tanh"
    )
    with pytest.raises(ValueError, match=f"^{message}$"):
        act.get(name)


def test_non_numeric_input_raises_type_error():
    with pytest.raises(TypeError, match="Z must be a numeric array-like"):
        act.relu(["a", "b"])
