import copy

import numpy as np
import pytest

from wbcourse.activations import sigmoid
from wbcourse.errors import ShapeError
from wbcourse.gradcheck import check_network_gradients
from wbcourse.network import (
    count_parameters,
    init_params,
    loss_and_grads,
    mlp_backward,
    mlp_forward,
    predict,
    predict_proba,
    stacked_loss_and_grads,
)

SIZES = [[3, 2], [2, 4, 3], [5, 6, 4, 2], [4, 3, 3, 3, 1]]


def rng(seed=0):
    return np.random.default_rng(seed)


def random_params(sizes, seed=0):
    params = init_params(sizes, rng(seed), method="xavier")
    generator = rng(seed + 100)
    return {
        key: value + 0.1 * generator.standard_normal(value.shape) for key, value in params.items()
    }


@pytest.mark.parametrize(
    ("sizes", "count"), [([2, 3, 1], 13), ([784, 100, 10], 79510), ([4, 4], 20)]
)
def test_count_parameters(sizes, count):
    assert count_parameters(sizes) == count
    assert sum(value.size for value in init_params(sizes, rng()).values()) == count


def test_count_parameters_refuses_bad_sizes():
    with pytest.raises(ValueError, match=r"at least 2 entries \[inputs, ..., outputs\], got \[3\]"):
        count_parameters([3])
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be an integer >= 1, got 0"):
        count_parameters([2, 0, 1])


def test_init_params_keys_shapes_and_zero_biases():
    params = init_params([2, 4, 3], rng())
    assert list(params) == ["W1", "b1", "W2", "b2"]
    assert params["W1"].shape == (2, 4)
    assert params["W2"].shape == (4, 3)
    assert params["b1"].shape == (4,)
    assert params["b2"].shape == (3,)
    assert not params["b1"].any()
    assert not params["b2"].any()
    assert params["W1"].any()


def test_init_params_is_deterministic_and_uses_the_method():
    first, second = init_params([3, 5, 2], rng(7)), init_params([3, 5, 2], rng(7))
    assert all(np.array_equal(first[key], second[key]) for key in first)
    assert not init_params([3, 5, 2], rng(), method="zeros")["W1"].any()
    with pytest.raises(ValueError, match="unknown initialiser 'bogus'"):
        init_params([3, 2], rng(), method="bogus")
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        init_params([3, 2], 42)


def test_mlp_forward_matches_a_hand_computation():
    params = random_params([3, 4, 2])
    X = rng(1).standard_normal((5, 3))
    hidden = np.tanh(X @ params["W1"] + params["b1"])
    logits = hidden @ params["W2"] + params["b2"]
    out, _ = mlp_forward(X, params, activation="tanh")
    assert np.allclose(out, logits)
    probs, _ = mlp_forward(X, params, activation="tanh", output="sigmoid")
    assert np.allclose(probs, sigmoid(logits))


def test_a_hand_designed_xor_network():
    params = {
        "W1": np.array([[1.0, 1.0], [1.0, 1.0]]),
        "b1": np.array([-0.5, -1.5]),  # OR unit, AND unit
        "W2": np.array([[1.0], [-3.0]]),
        "b2": np.array([-0.25]),  # OR and not AND
    }
    X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert predict(X, params).tolist() == [0, 1, 1, 0]


def test_predict_uses_argmax_or_the_sign_of_a_single_logit():
    params = {"W1": np.eye(3), "b1": np.zeros(3)}
    X = np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 5.0], [-1.0, -3.0, -2.0]])
    labels = predict(X, params, activation="identity")
    assert labels.tolist() == [1, 2, 0]
    assert labels.dtype.kind == "i"
    single = {"W1": np.array([[1.0], [-1.0]]), "b1": np.array([0.0])}
    assert predict([[2.0, 1.0], [1.0, 2.0]], single).tolist() == [1, 0]


# Sigmoid hidden layers shrink gradients by <= 1/4 each, so on deep nets some dW1 entries
# fall near 1e-5, below what central differences resolve to 1e-7: use them on shallow nets.
BACKWARD_CASES = [(sizes, "tanh", output) for sizes in SIZES for output in ("identity", "sigmoid")]
BACKWARD_CASES += [(sizes, "sigmoid", "sigmoid") for sizes in SIZES[:3]]


@pytest.mark.parametrize(("sizes", "activation", "output"), BACKWARD_CASES)
def test_mlp_backward_matches_numerical_gradients(sizes, activation, output):
    params = random_params(sizes)
    X = rng(2).standard_normal((6, sizes[0]))
    upstream = rng(3).standard_normal((6, sizes[-1]))

    def loss_fn(p):
        out, cache = mlp_forward(X, p, activation, output)
        return float(np.sum(out * upstream)), mlp_backward(upstream, cache)

    errors = check_network_gradients(loss_fn, params)
    assert list(errors) == list(params)
    assert max(errors.values()) < 1e-7


def test_mlp_backward_returns_grads_keyed_and_shaped_like_params():
    params = random_params([2, 4, 3])
    out, cache = mlp_forward(np.ones((5, 2)), params)
    grads = mlp_backward(np.ones_like(out), cache)
    assert list(grads) == list(params)
    assert all(grads[key].shape == params[key].shape for key in params)


@pytest.mark.parametrize(
    ("loss", "sizes", "y"),
    [
        ("softmax_cross_entropy", [3, 5, 4], [0, 3, 1, 2, 2, 0]),
        ("binary_cross_entropy", [3, 5, 1], [0, 1, 1, 0, 1, 0]),
        ("mse", [3, 5, 1], [0.5, -1.0, 2.0, 0.0, 1.5, 3.0]),
    ],
)
def test_loss_and_grads_matches_numerical_gradients(loss, sizes, y):
    params = random_params(sizes, seed=5)
    X = rng(6).standard_normal((6, 3))
    errors = check_network_gradients(
        lambda p: loss_and_grads(p, X, y, activation="tanh", loss=loss), params
    )
    assert max(errors.values()) < 1e-7


def test_dropout_gradients_match_numerical_gradients_for_a_fixed_mask():
    params = random_params([3, 6, 5, 2], seed=7)
    X, y = rng(8).standard_normal((7, 3)), [0, 1, 1, 0, 1, 0, 0]

    def loss_fn(p):  # the same seed every time: the same masks at every evaluation
        return loss_and_grads(p, X, y, "tanh", keep_prob=0.6, rng=rng(9))

    assert max(check_network_gradients(loss_fn, params).values()) < 1e-7


def test_dropout_zeroes_hidden_units_and_rescales_the_kept_ones():
    params = {"W1": np.ones((1, 200)), "b1": np.zeros(200), "W2": np.eye(200)[:, :3],
              "b2": np.zeros(3)}  # fmt: skip
    out, cache = mlp_forward([[1.0]], params, keep_prob=0.25, rng=rng(1))
    mask = cache["layers"][0][2]
    assert set(np.unique(out)) <= {0.0, 4.0}
    assert 0.15 < mask.mean() < 0.35
    assert cache["layers"][1][2] is None  # never on the output layer


def test_no_dropout_draws_nothing_and_dropout_needs_a_generator():
    params = random_params([2, 4, 2])
    generator = rng(3)
    mlp_forward(np.ones((3, 2)), params, keep_prob=1.0, rng=generator)
    assert generator.random() == rng(3).random()
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        mlp_forward(np.ones((3, 2)), params, keep_prob=0.5)
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\]"):
        loss_and_grads(params, np.ones((3, 2)), [0, 1, 0], keep_prob=1.5, rng=generator)


def test_the_data_and_params_the_other_way_round_are_named():
    params, X, y = random_params([2, 3, 2]), np.ones((4, 2)), [0, 1, 1, 0]
    swapped = r"got ndarray, and the data came as a dict: the data and params are swapped"
    for call in (
        lambda: predict(params, X),
        lambda: predict_proba(params, X),
        lambda: loss_and_grads(X, params, y),
    ):
        with pytest.raises(TypeError, match=swapped):
            call()
    with pytest.raises(TypeError, match=r"params must be a dict with keys W1, .*got list$"):
        predict(X, [params])


def test_predict_proba_is_the_softmax_of_the_logits():
    params = random_params([3, 4, 3])
    X = rng(4).standard_normal((5, 3))
    proba = predict_proba(X, params, "tanh")
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(proba.argmax(axis=1), predict(X, params, "tanh"))


@pytest.mark.parametrize("shared", [True, False])
def test_stacked_loss_and_grads_equals_the_network_one_at_a_time(shared):
    nets = [random_params([3, 5, 4, 3], seed=seed) for seed in range(4)]
    stack = {key: np.stack([net[key] for net in nets]) for key in nets[0]}
    data = rng(11)
    X = data.standard_normal((6, 3) if shared else (4, 6, 3))
    y = data.integers(0, 3, 6 if shared else (4, 6))
    losses, grads = stacked_loss_and_grads(stack, X, y, "tanh")
    assert list(grads) == list(stack)
    for k, net in enumerate(nets):
        value, single = loss_and_grads(net, X if shared else X[k], y if shared else y[k], "tanh")
        assert losses[k] == pytest.approx(value, rel=1e-12)
        for key in net:
            np.testing.assert_allclose(grads[key][k], single[key], rtol=1e-12, atol=1e-15)


def test_stacked_loss_and_grads_refuses_inputs_that_do_not_fit():
    stack = {key: np.stack([value] * 2) for key, value in random_params([3, 2]).items()}
    with pytest.raises(ShapeError, match=r"X must have shape \(N, 3\) or \(2, N, 3\)"):
        stacked_loss_and_grads(stack, np.ones((4, 2)), [0, 1, 0, 1])


def test_loss_and_grads_value_for_uniform_logits():
    params = init_params([2, 4], rng(), method="zeros")
    value, grads = loss_and_grads(params, np.ones((3, 2)), [0, 1, 3])
    assert value == pytest.approx(np.log(4))
    assert isinstance(value, float)
    assert list(grads) == ["W1", "b1"]


def test_loss_and_grads_errors():
    params = init_params([2, 3], rng())
    with pytest.raises(
        ValueError, match="unknown loss 'hinge'; choose one of softmax_cross_entropy"
    ):
        loss_and_grads(params, np.ones((2, 2)), [0, 1], loss="hinge")
    with pytest.raises(ValueError, match=r"labels must lie in 0\.\.2 for 3 classes"):
        loss_and_grads(params, np.ones((2, 2)), [0, 3])


def test_nothing_is_mutated():
    params = random_params([3, 4, 2])
    X = rng().standard_normal((4, 3))
    params_before, X_before = copy.deepcopy(params), X.copy()
    out, cache = mlp_forward(X, params, activation="tanh")
    mlp_backward(np.ones_like(out), cache)
    loss_and_grads(params, X, [0, 1, 1, 0])
    predict(X, params)
    assert all(np.array_equal(params[key], params_before[key]) for key in params)
    assert np.array_equal(X, X_before)


def test_mismatched_layers_are_named():
    params = {"W1": np.ones((2, 4)), "b1": np.zeros(4), "W2": np.ones((3, 1)), "b2": np.zeros(1)}
    message = (
        r"params has W1 \(2, 4\) but W2 \(3, 1\): W2 must have 4 rows, one per unit of layer 1"
    )
    with pytest.raises(ShapeError, match=message):
        mlp_forward(np.ones((1, 2)), params)


def test_a_bias_of_the_wrong_shape_is_named():
    params = {"W1": np.ones((2, 4)), "b1": np.zeros((1, 4))}
    with pytest.raises(
        ShapeError, match=r"b1 must have shape \(4,\), one bias per unit of layer 1"
    ):
        mlp_forward(np.ones((1, 2)), params)


def test_a_weight_that_is_not_2d_is_named():
    with pytest.raises(ShapeError, match=r"W1 must be 2-D with shape \(D_in, D_out\), got shape"):
        mlp_forward(np.ones((1, 2)), {"W1": np.ones(2), "b1": np.zeros(2)})


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"W1": np.ones((2, 2))}, r"missing \['b1'\]"),
        ({"W1": np.ones((2, 2)), "b1": np.zeros(2), "W3": np.ones((2, 2))}, r"missing \['W2'"),
        ({"W1": np.ones((2, 2)), "b1": np.zeros(2), "c1": np.zeros(2)}, r"unexpected \['c1'\]"),
        ({}, r"params must have keys W1, b1, ..., WL, bL; got \[\]"),
    ],
)
def test_missing_or_extra_keys_are_named(params, message):
    with pytest.raises(ValueError, match=message):
        mlp_forward(np.ones((1, 2)), params)


def test_inputs_that_do_not_fit_w1_are_refused():
    with pytest.raises(ShapeError, match="X has 3 columns but W has 2 rows"):
        mlp_forward(np.ones((1, 3)), init_params([2, 2], rng()))
