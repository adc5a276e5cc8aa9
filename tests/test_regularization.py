import copy
from itertools import pairwise

import numpy as np
import pytest

from wbcourse.errors import ShapeError
from wbcourse.gradcheck import check_network_gradients, numerical_gradient
from wbcourse.regularization import dropout_backward, dropout_forward, l1_penalty, l2_penalty


def rng(seed=0):
    return np.random.default_rng(seed)


def random_params(sizes, seed=0):
    generator = rng(seed)
    params = {}
    for layer, (d_in, d_out) in enumerate(pairwise(sizes), start=1):
        params[f"W{layer}"] = generator.standard_normal((d_in, d_out))
        params[f"b{layer}"] = generator.standard_normal(d_out)
    return params


SIZES = [[2, 3], [3, 4, 2], [5, 2, 6, 1]]


def test_l2_penalty_value_and_gradient():
    params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([3.0, 4.0]), "W2": np.array([[-2.0]])}
    penalty, grads = l2_penalty(params, 0.5)
    assert penalty == pytest.approx(0.5 / 2 * (1 + 4 + 4))
    assert np.array_equal(grads["W1"], [[0.5, 1.0]])
    assert np.array_equal(grads["W2"], [[-1.0]])
    assert np.array_equal(grads["b1"], [0.0, 0.0])
    assert list(grads) == list(params)


def test_l1_penalty_value_and_subgradient():
    params = {"W1": np.array([[1.0, -2.0, 0.0]]), "b1": np.array([3.0, 4.0, 5.0])}
    penalty, grads = l1_penalty(params, 0.5)
    assert penalty == pytest.approx(1.5)
    assert np.array_equal(grads["W1"], [[0.5, -0.5, 0.0]])
    assert np.array_equal(grads["b1"], [0.0, 0.0, 0.0])


@pytest.mark.parametrize("penalty_fn", [l2_penalty, l1_penalty])
def test_penalties_never_touch_biases(penalty_fn):
    params = random_params([3, 4, 2])
    shifted = {key: value + 10.0 if key.startswith("b") else value for key, value in params.items()}
    assert penalty_fn(params, 0.3)[0] == pytest.approx(penalty_fn(shifted, 0.3)[0])
    grads = penalty_fn(shifted, 0.3)[1]
    assert not grads["b1"].any()
    assert not grads["b2"].any()
    assert grads["W1"].any()


@pytest.mark.parametrize("sizes", SIZES)
@pytest.mark.parametrize("penalty_fn", [l2_penalty, l1_penalty])
def test_penalty_gradients_match_numerical_gradients(sizes, penalty_fn):
    errors = check_network_gradients(lambda p: penalty_fn(p, 0.7), random_params(sizes))
    assert max(errors.values()) < 1e-7


@pytest.mark.parametrize("penalty_fn", [l2_penalty, l1_penalty])
def test_penalties_do_not_mutate_and_zero_lam_gives_zero(penalty_fn):
    params = random_params([3, 2])
    before = copy.deepcopy(params)
    penalty, grads = penalty_fn(params, 0.0)
    assert penalty == 0.0
    assert not any(grad.any() for grad in grads.values())
    penalty_fn(params, 1.0)
    assert all(np.array_equal(params[key], before[key]) for key in params)


@pytest.mark.parametrize("penalty_fn", [l2_penalty, l1_penalty])
@pytest.mark.parametrize("lam", [-0.1, np.nan, [0.1]])
def test_penalties_refuse_a_bad_lam(penalty_fn, lam):
    with pytest.raises(ValueError, match="lam must be a number >= 0"):
        penalty_fn(random_params([2, 2]), lam)


@pytest.mark.parametrize("keep_prob", [0.2, 0.5, 0.8])
def test_dropout_keeps_about_keep_prob_and_preserves_the_mean(keep_prob):
    A = rng(1).uniform(1.0, 2.0, size=(400, 500))
    out, mask = dropout_forward(A, keep_prob, rng(2))
    assert mask.dtype == bool
    assert mask.shape == A.shape
    assert abs(mask.mean() - keep_prob) < 0.01
    assert abs(out.mean() / A.mean() - 1) < 0.01
    assert np.allclose(out, A * mask / keep_prob)
    assert not out[~mask].any()


def test_dropout_draws_a_new_mask_each_call_and_is_seeded():
    generator = rng(3)
    first = dropout_forward(np.ones((20, 20)), 0.5, generator)[1]
    second = dropout_forward(np.ones((20, 20)), 0.5, generator)[1]
    assert not np.array_equal(first, second)
    assert np.array_equal(first, dropout_forward(np.ones((20, 20)), 0.5, rng(3))[1])


def test_dropout_at_test_time_is_the_identity():
    A = rng().standard_normal((3, 4))
    out, mask = dropout_forward(A, 0.5, rng(), training=False)
    assert mask is None
    assert np.array_equal(out, A)
    assert out is not A
    assert np.array_equal(dropout_backward(np.ones((3, 4)), None, 0.5), np.ones((3, 4)))


def test_dropout_with_keep_prob_one_keeps_everything():
    A = rng().standard_normal((3, 4))
    out, mask = dropout_forward(A, 1.0, rng())
    assert mask.all()
    assert np.array_equal(out, A)


def test_dropout_does_not_mutate_its_input():
    A = rng().standard_normal((3, 4))
    before = A.copy()
    dropout_forward(A, 0.5, rng())
    assert np.array_equal(A, before)


def test_dropout_backward_matches_numerical_gradient():
    A = rng(4).standard_normal((4, 5))
    upstream = rng(5).standard_normal((4, 5))
    _, mask = dropout_forward(A, 0.6, rng(6))
    numerical = numerical_gradient(lambda a: float(np.sum(a * mask / 0.6 * upstream)), A)
    assert np.allclose(dropout_backward(upstream, mask, 0.6), numerical, atol=1e-8)


@pytest.mark.parametrize("keep_prob", [0.0, 1.5, -0.2, np.nan])
def test_dropout_refuses_a_bad_keep_prob(keep_prob):
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\]"):
        dropout_forward(np.ones(3), keep_prob, rng())
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\]"):
        dropout_backward(np.ones(3), np.ones(3, dtype=bool), keep_prob)


def test_dropout_refuses_an_int_seed_and_mismatched_masks():
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator.*got int"):
        dropout_forward(np.ones(3), 0.5, 0)
    with pytest.raises(ShapeError, match="dout and mask must have the same shape"):
        dropout_backward(np.ones((2, 3)), np.ones((3, 2), dtype=bool), 0.5)
