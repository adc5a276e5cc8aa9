import re

import numpy as np
import pytest

from wbcourse.errors import ShapeError
from wbcourse.gradcheck import check_layer_gradients
from wbcourse.layers import dense_backward, dense_forward


def random_layer(rng, n, d_in, d_out):
    return rng.normal(size=(n, d_in)), rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)


def test_forward_known_values():
    X = [[1.0, 2.0], [0.0, -1.0]]
    W = [[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]]
    Z, _ = dense_forward(X, W, [0.5, 0.0, -1.0])
    np.testing.assert_array_equal(Z, [[1.5, 2.0, 3.0], [0.5, -1.0, -2.0]])


def test_forward_with_zero_inputs_gives_the_bias():
    Z, _ = dense_forward(np.zeros((3, 2)), np.ones((2, 4)), [1.0, 2.0, 3.0, 4.0])
    np.testing.assert_array_equal(Z, np.tile([1.0, 2.0, 3.0, 4.0], (3, 1)))


@pytest.mark.parametrize(("n", "d_in", "d_out"), [(1, 1, 1), (4, 3, 2), (2, 5, 7)])
def test_shapes_and_cache(n, d_in, d_out):
    X, W, b = random_layer(np.random.default_rng(0), n, d_in, d_out)
    Z, cache = dense_forward(X, W, b)
    assert Z.shape == (n, d_out)
    np.testing.assert_allclose(Z, X @ W + b)
    for cached, given in zip(cache, (X, W, b), strict=True):
        np.testing.assert_array_equal(cached, given)
    dX, dW, db = dense_backward(np.ones_like(Z), cache)
    assert (dX.shape, dW.shape, db.shape) == (X.shape, W.shape, b.shape)


def test_backward_known_values():
    _, cache = dense_forward([[1.0, 2.0], [3.0, 4.0]], [[1.0], [-1.0]], [0.0])
    dX, dW, db = dense_backward([[1.0], [2.0]], cache)
    np.testing.assert_array_equal(dX, [[1.0, -1.0], [2.0, -2.0]])
    np.testing.assert_array_equal(dW, [[7.0], [10.0]])
    np.testing.assert_array_equal(db, [3.0])


@pytest.mark.parametrize(("n", "d_in", "d_out"), [(1, 1, 1), (3, 2, 4), (5, 4, 1), (2, 6, 3)])
@pytest.mark.parametrize("seed", [0, 1])
def test_backward_matches_numerical_gradient(n, d_in, d_out, seed):
    rng = np.random.default_rng(seed)
    X, W, b = random_layer(rng, n, d_in, d_out)
    errors = check_layer_gradients(dense_forward, dense_backward, {"X": X, "W": W, "b": b}, rng)
    assert set(errors) == {"X", "W", "b"}
    assert max(errors.values()) < 1e-7


def test_forward_and_backward_do_not_mutate_inputs():
    X, W, b = random_layer(np.random.default_rng(0), 3, 2, 4)
    before = [a.copy() for a in (X, W, b)]
    Z, cache = dense_forward(X, W, b)
    dZ = np.ones_like(Z)
    for grad in dense_backward(dZ, cache):
        grad[...] = 7.0
    for after, original in zip((X, W, b), before, strict=True):
        np.testing.assert_array_equal(after, original)
    np.testing.assert_array_equal(dZ, 1.0)


def test_accepts_lists_and_ints():
    Z, _ = dense_forward([[1, 2]], [[1], [1]], [1])
    assert Z.dtype == np.float64
    assert Z.tolist() == [[4.0]]


@pytest.mark.parametrize(
    ("X", "W", "b", "message"),
    [
        (
            np.ones(3),
            np.ones((3, 2)),
            np.ones(2),
            "X must be 2-D with shape (N, D_in), got shape (3,); for a single example use "
            "x[None, :]",
        ),
        (np.ones((1, 3)), np.ones(3), np.ones(1), "W must be 2-D with shape (D_in, D_out)"),
        (
            np.ones((5, 3)),
            np.ones((4, 3)),
            np.ones(3),
            "X has 3 columns but W has 4 rows; W must be (D_in, D_out) = (3, D_out). "
            "Did you pass W.T?",
        ),
        (
            np.ones((5, 3)),
            np.ones((2, 2)),
            np.ones(2),
            "X has 3 columns but W has 2 rows; W must be (D_in, D_out) = (3, D_out).",
        ),
        (
            np.ones((5, 3)),
            np.ones((3, 2)),
            np.ones((2, 1)),
            "b must have shape (D_out,) = (2,), got (2, 1); a (D_out, 1) bias broadcasts "
            "along the wrong axis — use b.reshape(-1)",
        ),
        (
            np.ones((5, 3)),
            np.ones((3, 2)),
            np.ones((1, 2)),
            "b must have shape (D_out,) = (2,), got (1, 2); use b.reshape(-1)",
        ),
        (
            np.ones((5, 3)),
            np.ones((3, 2)),
            np.ones(3),
            "b must have shape (D_out,) = (2,), got (3,); there is one bias per neuron",
        ),
        (
            np.ones((5, 3)),
            np.ones((3, 2)),
            np.float64(1.0),
            r"b must have shape (D_out,) = (2,), got ()",
        ),
    ],
)
def test_forward_shape_errors(X, W, b, message):
    with pytest.raises(ShapeError, match=re.escape(message)) as info:
        dense_forward(X, W, b)
    assert isinstance(info.value, ValueError)


def test_no_transpose_hint_when_w_t_would_not_fit():
    with pytest.raises(ShapeError) as info:
        dense_forward(np.ones((5, 3)), np.ones((2, 2)), np.ones(2))
    assert "W.T" not in str(info.value)


@pytest.mark.parametrize(
    ("dZ_shape", "message"),
    [
        (
            (2, 4),
            "dZ must have the shape of Z = X @ W + b, (N, D_out) = (4, 2), got (2, 4); "
            "did you pass dZ.T?",
        ),
        ((4,), "dZ must have the shape of Z = X @ W + b, (N, D_out) = (4, 2), got (4,)"),
        ((4, 3), "dZ must have the shape of Z = X @ W + b, (N, D_out) = (4, 2), got (4, 3)"),
    ],
)
def test_backward_shape_errors(dZ_shape, message):
    _, cache = dense_forward(np.ones((4, 3)), np.ones((3, 2)), np.ones(2))
    with pytest.raises(ShapeError, match=re.escape(message) + "$"):
        dense_backward(np.ones(dZ_shape), cache)
