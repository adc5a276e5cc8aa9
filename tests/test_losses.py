import re
import warnings

import numpy as np
import pytest

from wbcourse.activations import sigmoid, softmax
from wbcourse.errors import ShapeError
from wbcourse.gradcheck import numerical_gradient, rel_error
from wbcourse.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    log_sum_exp,
    mse,
    softmax_cross_entropy,
)

SHAPES_BINARY = [(1,), (5,), (4, 1)]


def no_warnings(call, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call(*args)


# --- mse --------------------------------------------------------------------


def test_mse_known_values():
    loss, dpred = mse([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 0.0])
    assert loss == 4.0
    np.testing.assert_array_equal(dpred, [0.0, 0.0, 0.0, 2.0])


def test_mse_is_a_mean_over_all_elements():
    loss, dpred = mse(np.ones((2, 3)), np.zeros((2, 3)))
    assert loss == 1.0
    np.testing.assert_allclose(dpred, 2.0 / 6.0)


@pytest.mark.parametrize("shape", [(1,), (4,), (3, 1), (2, 5)])
def test_mse_gradient_matches_numerical(shape):
    rng = np.random.default_rng(0)
    pred, target = rng.normal(size=shape), rng.normal(size=shape)
    numerical = numerical_gradient(lambda p: mse(p, target)[0], pred)
    assert rel_error(mse(pred, target)[1], numerical) < 1e-7


def test_mse_rejects_broadcastable_shapes():
    with pytest.raises(ShapeError, match=re.escape("would broadcast to (N, N)")):
        mse(np.zeros((3, 1)), np.zeros(3))


# --- binary cross-entropy ---------------------------------------------------


def test_bce_known_values():
    loss, dp = binary_cross_entropy([0.8, 0.25], [1.0, 0.0])
    assert loss == pytest.approx(-(np.log(0.8) + np.log(0.75)) / 2)
    np.testing.assert_allclose(dp, [-1.0 / 0.8 / 2, 1.0 / 0.75 / 2])


@pytest.mark.parametrize("shape", SHAPES_BINARY)
@pytest.mark.parametrize("seed", [0, 1])
def test_bce_gradient_matches_numerical(shape, seed):
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.05, 0.95, size=shape)
    y = rng.integers(0, 2, size=shape).astype(float)
    numerical = numerical_gradient(lambda q: binary_cross_entropy(q, y)[0], p)
    assert rel_error(binary_cross_entropy(p, y)[1], numerical) < 1e-7


def test_bce_is_finite_for_certain_predictions():
    loss, dp = no_warnings(binary_cross_entropy, np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    assert loss == pytest.approx(-np.log(1e-12), rel=1e-6)
    assert np.all(np.isfinite(dp))


def test_bce_of_a_perfect_prediction_is_near_zero():
    loss, _ = binary_cross_entropy([1.0, 0.0], [1.0, 0.0])
    assert 0.0 <= loss < 1e-11


@pytest.mark.parametrize(
    ("p", "y", "error", "message"),
    [
        (
            [2.5, -1.0],
            [1.0, 0.0],
            ValueError,
            "p must be probabilities in [0, 1], got values from -1.0 to 2.5; for raw scores "
            "(logits) use binary_cross_entropy_with_logits",
        ),
        ([0.5, 0.5], [1.0, 2.0], ValueError, "y must hold 0/1 targets, got values from 1.0 to 2.0"),
        (
            np.full((3, 2), 0.5),
            np.zeros((3, 2)),
            ShapeError,
            "p must have shape (N,) or (N, 1), got (3, 2); for more than two classes use "
            "softmax_cross_entropy",
        ),
        (np.full((3, 1), 0.5), np.zeros(3), ShapeError, "p and y must have the same shape"),
    ],
)
def test_bce_errors(p, y, error, message):
    with pytest.raises(error, match=re.escape(message)):
        binary_cross_entropy(p, y)


# --- binary cross-entropy with logits ---------------------------------------


@pytest.mark.parametrize("shape", SHAPES_BINARY)
def test_bce_with_logits_equals_bce_of_sigmoid(shape):
    rng = np.random.default_rng(0)
    z, y = rng.normal(scale=3.0, size=shape), rng.integers(0, 2, size=shape).astype(float)
    loss, dz = binary_cross_entropy_with_logits(z, y)
    assert loss == pytest.approx(binary_cross_entropy(sigmoid(z), y)[0], rel=1e-12)
    numerical = numerical_gradient(lambda v: binary_cross_entropy_with_logits(v, y)[0], z)
    assert rel_error(dz, numerical) < 1e-7


def test_bce_with_logits_is_stable_for_huge_logits():
    z, y = np.array([-1e4, 1e4, 1e4, -1e4]), np.array([1.0, 0.0, 1.0, 0.0])
    loss, dz = no_warnings(binary_cross_entropy_with_logits, z, y)
    assert loss == pytest.approx(2e4 / 4)
    np.testing.assert_array_equal(dz, [-0.25, 0.25, 0.0, 0.0])


def test_bce_with_logits_accepts_logits_outside_unit_interval():
    loss, _ = binary_cross_entropy_with_logits([0.0], [1.0])
    assert loss == pytest.approx(np.log(2.0))


def test_bce_with_logits_shape_error_names_z():
    with pytest.raises(ShapeError, match=re.escape("z must have shape (N,) or (N, 1), got (2, 3)")):
        binary_cross_entropy_with_logits(np.zeros((2, 3)), np.zeros((2, 3)))


# --- log-sum-exp and softmax cross-entropy ----------------------------------


def test_log_sum_exp_matches_naive_for_small_inputs():
    Z = np.random.default_rng(0).normal(size=(4, 3))
    out = log_sum_exp(Z)
    assert out.shape == (4,)
    np.testing.assert_allclose(out, np.log(np.exp(Z).sum(axis=1)), rtol=1e-12)


def test_log_sum_exp_is_stable():
    out = no_warnings(log_sum_exp, np.array([[1e4, 1e4], [-1e4, -1e4], [1e4, -1e4]]))
    np.testing.assert_allclose(out, [1e4 + np.log(2.0), -1e4 + np.log(2.0), 1e4])


def test_log_sum_exp_requires_2d():
    with pytest.raises(ShapeError, match=re.escape("Z must be 2-D with shape (N, C)")):
        log_sum_exp(np.zeros(3))


@pytest.mark.parametrize("n_classes", [2, 3, 10])
def test_cross_entropy_of_uniform_logits_is_log_c(n_classes):
    loss, _ = softmax_cross_entropy(np.full((4, n_classes), 1.7), [0, 1, 1, 0])
    assert loss == pytest.approx(np.log(n_classes), rel=1e-12)


def test_cross_entropy_known_gradient():
    _, dlogits = softmax_cross_entropy(np.zeros((2, 2)), [0, 1])
    np.testing.assert_array_equal(dlogits, [[-0.25, 0.25], [0.25, -0.25]])


@pytest.mark.parametrize(("n", "n_classes"), [(1, 2), (3, 4), (6, 3)])
@pytest.mark.parametrize("seed", [0, 1])
def test_cross_entropy_matches_definition_and_numerical_gradient(n, n_classes, seed):
    rng = np.random.default_rng(seed)
    logits, y = rng.normal(scale=2.0, size=(n, n_classes)), rng.integers(0, n_classes, size=n)
    loss, dlogits = softmax_cross_entropy(logits, y)
    assert loss == pytest.approx(-np.mean(np.log(softmax(logits)[np.arange(n), y])), rel=1e-12)
    numerical = numerical_gradient(lambda v: softmax_cross_entropy(v, y)[0], logits)
    assert rel_error(dlogits, numerical) < 1e-7
    np.testing.assert_allclose(dlogits.sum(axis=1), 0.0, atol=1e-15)


def test_cross_entropy_is_stable_for_huge_logits():
    logits = np.array([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]])
    loss, dlogits = no_warnings(softmax_cross_entropy, logits, [0, 1])
    assert loss == pytest.approx(2e4 / 2)
    assert np.all(np.isfinite(dlogits))


@pytest.mark.parametrize(
    ("logits", "y", "error", "message"),
    [
        (np.zeros(3), [0], ShapeError, "logits must be 2-D with shape (N, C), got shape (3,)"),
        (np.zeros((2, 3)), [0, 3], ValueError, "labels must lie in 0..2 for 3 classes"),
        (np.zeros((2, 3)), [0, 1, 2], ShapeError, "labels must have shape (2,), got shape (3,)"),
        (np.zeros((2, 3)), np.eye(3)[[0, 1]], ShapeError, "use labels.argmax(axis=1)"),
        (np.zeros((2, 3)), [0.5, 1.0], ValueError, "labels must be integers"),
    ],
)
def test_cross_entropy_errors(logits, y, error, message):
    with pytest.raises(error, match=re.escape(message)):
        softmax_cross_entropy(logits, y)


# --- shared properties ------------------------------------------------------

CALLS = [
    (mse, np.array([[0.2], [0.7]]), np.array([[0.0], [1.0]])),
    (binary_cross_entropy, np.array([[0.2], [0.7]]), np.array([[0.0], [1.0]])),
    (binary_cross_entropy_with_logits, np.array([-1.0, 2.0]), np.array([0.0, 1.0])),
    (softmax_cross_entropy, np.array([[1.0, -1.0, 0.5], [0.0, 2.0, 1.0]]), np.array([2, 0])),
]


@pytest.mark.parametrize(("loss_fn", "pred", "target"), CALLS)
def test_loss_is_python_float_and_gradient_has_pred_shape(loss_fn, pred, target):
    loss, grad = loss_fn(pred, target)
    assert type(loss) is float
    assert grad.shape == pred.shape


@pytest.mark.parametrize(("loss_fn", "pred", "target"), CALLS)
def test_loss_does_not_mutate_inputs(loss_fn, pred, target):
    before = (pred.copy(), target.copy())
    loss_fn(pred, target)
    np.testing.assert_array_equal(pred, before[0])
    np.testing.assert_array_equal(target, before[1])


@pytest.mark.parametrize(("loss_fn", "pred", "target"), CALLS)
def test_loss_is_a_mean_over_the_batch(loss_fn, pred, target):
    doubled = (np.concatenate([pred, pred]), np.concatenate([target, target]))
    loss, grad = loss_fn(pred, target)
    loss2, grad2 = loss_fn(*doubled)
    assert loss2 == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(grad2[: len(pred)], grad / 2, rtol=1e-12)
