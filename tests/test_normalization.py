import copy

import numpy as np
import pytest

from wbcourse.errors import ShapeError
from wbcourse.gradcheck import numerical_gradient, rel_error
from wbcourse.normalization import (
    batchnorm_backward,
    batchnorm_forward,
    feature_statistics,
    standardize,
    update_running,
)


@pytest.fixture
def batch():
    rng = np.random.default_rng(0)
    X = rng.normal([3.0, -20.0, 0.5], [2.0, 10.0, 0.1], size=(8, 3))
    return X, rng.normal(size=3), rng.normal(size=3)


# --- input standardization --------------------------------------------------------------
def test_standardized_training_columns_have_mean_0_and_std_1(batch):
    X, _, _ = batch
    Z = standardize(X, *feature_statistics(X))
    assert np.allclose(Z.mean(axis=0), 0.0)
    assert np.allclose(Z.std(axis=0), 1.0)


def test_other_sets_use_the_training_statistics(batch):
    X, _, _ = batch
    mean, std = feature_statistics(X)
    other = X[:2] + 1.0
    assert np.allclose(standardize(other, mean, std), (other - mean) / std)
    assert np.allclose(standardize(other[:1], mean, std), standardize(other, mean, std)[:1])


def test_a_constant_column_is_only_centred():
    mean, std = feature_statistics([[1.0, 4.0], [3.0, 4.0]])
    assert np.array_equal(std, [1.0, 1.0])
    assert np.array_equal(standardize([[2.0, 5.0]], mean, std), [[0.0, 1.0]])


def test_standardization_errors(batch):
    X, _, _ = batch
    mean, std = feature_statistics(X)
    with pytest.raises(ShapeError, match=r"X must be 2-D with shape \(N, D\)"):
        feature_statistics(X[:, 0])
    with pytest.raises(ValueError, match="X has no rows"):
        feature_statistics(np.zeros((0, 3)))
    with pytest.raises(ShapeError, match=r"mean must have shape \(D,\) = \(3,\).*axis=0"):
        standardize(X, X.mean(axis=1), std)
    with pytest.raises(ValueError, match="std must be positive"):
        standardize(X, mean, np.zeros(3))


# --- batch normalization: forward --------------------------------------------------------
def test_training_output_has_mean_beta_and_std_gamma(batch):
    X, gamma, beta = batch
    out, cache = batchnorm_forward(X, gamma, beta, eps=0.0)
    assert out.shape == X.shape
    assert np.allclose(out.mean(axis=0), beta)
    assert np.allclose(out.std(axis=0), np.abs(gamma))
    assert np.allclose(cache.mean, X.mean(axis=0))
    assert np.allclose(cache.var, X.var(axis=0))
    assert cache.training


def test_eps_goes_inside_the_square_root(batch):
    X, gamma, beta = batch
    out, _ = batchnorm_forward(X, gamma, beta, eps=0.5)
    expected = gamma * (X - X.mean(axis=0)) / np.sqrt(X.var(axis=0) + 0.5) + beta
    assert np.allclose(out, expected)


def test_inference_uses_the_running_statistics_row_by_row(batch):
    X, gamma, beta = batch
    running = {"mean": np.array([1.0, 2.0, 3.0]), "var": np.array([4.0, 9.0, 0.25])}
    out, cache = batchnorm_forward(X, gamma, beta, running, training=False, eps=0.0)
    assert np.allclose(out, gamma * (X - running["mean"]) / np.sqrt(running["var"]) + beta)
    one, _ = batchnorm_forward(X[3:4], gamma, beta, running, training=False, eps=0.0)
    assert np.allclose(one, out[3:4])  # an example's output does not depend on its batch
    assert not cache.training


def test_the_scale_of_the_weights_below_does_not_matter(batch):
    X, _, _ = batch
    W = np.random.default_rng(1).normal(size=(3, 4))
    small, _ = batchnorm_forward(X @ W, np.ones(4), np.zeros(4), eps=0.0)
    large, _ = batchnorm_forward(X @ (10 * W), np.ones(4), np.zeros(4), eps=0.0)
    assert np.allclose(small, large)


def test_forward_mutates_nothing(batch):
    X, gamma, beta = batch
    running = {"mean": np.zeros(3), "var": np.ones(3)}
    before = copy.deepcopy((X, gamma, beta, running))
    for training in (True, False):
        batchnorm_forward(X, gamma, beta, running, training=training)
    assert np.array_equal(X, before[0]) and np.array_equal(gamma, before[1])
    assert np.array_equal(beta, before[2])
    assert all(np.array_equal(running[k], before[3][k]) for k in running)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda X, g, b: batchnorm_forward(X[0], g, b), ShapeError, r"X must be 2-D"),
        (lambda X, g, b: batchnorm_forward(X, g[:2], b), ShapeError, r"gamma must have shape"),
        (lambda X, g, b: batchnorm_forward(X, g, b[None]), ShapeError, r"beta must have shape"),
        (lambda X, g, b: batchnorm_forward(X[:1], g, b), ValueError, "at least 2 examples"),
        (lambda X, g, b: batchnorm_forward(X, g, b, training=False), ValueError, "running"),
        (
            lambda X, g, b: batchnorm_forward(X, g, b, {"mean": np.zeros(3)}, training=False),
            ValueError,
            r"running must be a dict \{'mean': \(D,\), 'var': \(D,\)\}",
        ),
        (
            lambda X, g, b: batchnorm_forward(
                X, g, b, {"mean": np.zeros(3), "var": -np.ones(3)}, training=False
            ),
            ValueError,
            r"running\['var'\] must be >= 0",
        ),
        (lambda X, g, b: batchnorm_forward(X, g, b, eps=-1.0), ValueError, "eps must be"),
    ],
)
def test_forward_errors(batch, call, error, message):
    with pytest.raises(error, match=message):
        call(*batch)


# --- batch normalization: backward -------------------------------------------------------
@pytest.mark.parametrize("training", [True, False])
def test_backward_matches_finite_differences(batch, training):
    X, gamma, beta = batch
    running = {"mean": np.array([2.0, -15.0, 0.4]), "var": np.array([3.0, 80.0, 0.02])}
    dout = np.random.default_rng(2).normal(size=X.shape)

    def forward(X=X, gamma=gamma, beta=beta):
        return batchnorm_forward(X, gamma, beta, running, training=training)[0]

    _, cache = batchnorm_forward(X, gamma, beta, running, training=training)
    dX, dgamma, dbeta = batchnorm_backward(dout, cache)
    numeric = {
        "X": numerical_gradient(lambda v: np.sum(forward(X=v) * dout), X),
        "gamma": numerical_gradient(lambda v: np.sum(forward(gamma=v) * dout), gamma),
        "beta": numerical_gradient(lambda v: np.sum(forward(beta=v) * dout), beta),
    }
    for name, analytic in (("X", dX), ("gamma", dgamma), ("beta", dbeta)):
        assert rel_error(analytic, numeric[name]) < 1e-7, name


def test_training_gradient_ignores_shifts_and_stretches_of_a_column(batch):
    X, gamma, beta = batch
    _, cache = batchnorm_forward(X, gamma, beta, eps=0.0)  # eps > 0 breaks the stretching
    dX, _, _ = batchnorm_backward(np.random.default_rng(3).normal(size=X.shape), cache)
    assert np.allclose(dX.sum(axis=0), 0.0)  # moving a whole column changes nothing
    assert np.allclose(np.sum(dX * (X - X.mean(axis=0)), axis=0), 0.0)  # nor stretching it


def test_backward_shape_error(batch):
    X, gamma, beta = batch
    _, cache = batchnorm_forward(X, gamma, beta)
    with pytest.raises(ShapeError, match=r"dout must have the shape of out, \(8, 3\)"):
        batchnorm_backward(np.ones((3, 8)), cache)


# --- running statistics ------------------------------------------------------------------
def test_running_statistics_start_at_0_and_1_and_approach_the_data():
    rng = np.random.default_rng(4)
    running = None
    _, cache = batchnorm_forward(rng.normal(5.0, 3.0, size=(64, 2)), np.ones(2), np.zeros(2))
    first = update_running(running, cache, momentum=0.9)
    assert np.allclose(first["mean"], 0.1 * cache.mean)
    assert np.allclose(first["var"], 0.9 + 0.1 * cache.var)
    running = first
    for _ in range(200):
        _, cache = batchnorm_forward(rng.normal(5.0, 3.0, size=(64, 2)), np.ones(2), np.zeros(2))
        running = update_running(running, cache, momentum=0.9)
    assert np.allclose(running["mean"], 5.0, atol=0.3)
    assert np.allclose(running["var"], 9.0, rtol=0.1)


def test_running_update_errors_and_purity(batch):
    X, gamma, beta = batch
    running = {"mean": np.zeros(3), "var": np.ones(3)}
    _, inference = batchnorm_forward(X, gamma, beta, running, training=False)
    with pytest.raises(ValueError, match="cache of a training-mode batchnorm_forward"):
        update_running(running, inference)
    _, cache = batchnorm_forward(X, gamma, beta)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        update_running(running, cache, momentum=1.0)
    new = update_running(running, cache)
    assert new["mean"] is not running["mean"]
    assert np.all(running["mean"] == 0.0) and np.all(running["var"] == 1.0)
