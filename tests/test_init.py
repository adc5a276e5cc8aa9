import numpy as np
import pytest

from wbcourse import init
from wbcourse.activations import relu

RANDOM = [init.normal, init.xavier, init.xavier_uniform, init.he]


def rng(seed=0):
    return np.random.default_rng(seed)


def test_zeros_is_all_zero_with_the_right_shape():
    W = init.zeros(3, 5)
    assert W.shape == (3, 5)
    assert not W.any()
    assert init.zeros(3, 5, rng()).shape == (3, 5)


@pytest.mark.parametrize("initialiser", RANDOM)
def test_random_initialisers_shape_and_determinism(initialiser):
    W = initialiser(4, 7, rng(1))
    assert W.shape == (4, 7)
    assert np.array_equal(W, initialiser(4, 7, rng(1)))
    generator = rng(1)
    assert not np.array_equal(initialiser(4, 7, generator), initialiser(4, 7, generator))


@pytest.mark.parametrize("initialiser", RANDOM)
def test_an_int_seed_is_refused_with_a_hint(initialiser):
    with pytest.raises(TypeError, match=r"rng must be a numpy.random.Generator, e.g. .*; got int"):
        initialiser(2, 3, 0)


@pytest.mark.parametrize(
    ("fan_in", "fan_out", "name"), [(0, 3, "fan_in"), (2, -1, "fan_out"), (2.5, 3, "fan_in")]
)
def test_bad_fans_are_refused(fan_in, fan_out, name):
    with pytest.raises(ValueError, match=f"{name} must be an integer >= 1"):
        init.he(fan_in, fan_out, rng())
    with pytest.raises(ValueError, match=f"{name} must be an integer >= 1"):
        init.zeros(fan_in, fan_out)


def test_normal_rejects_a_negative_std():
    with pytest.raises(ValueError, match="std must be >= 0"):
        init.normal(2, 2, rng(), std=-1.0)


@pytest.mark.parametrize(
    ("initialiser", "fan_in", "fan_out", "std"),
    [
        (init.normal, 1000, 200, 0.01),
        (init.he, 1000, 200, np.sqrt(2 / 1000)),
        (init.he, 50, 4000, np.sqrt(2 / 50)),
        (init.xavier, 600, 400, np.sqrt(2 / 1000)),
        (init.xavier_uniform, 600, 400, np.sqrt(2 / 1000)),
    ],
)
def test_initialiser_statistics(initialiser, fan_in, fan_out, std):
    W = initialiser(fan_in, fan_out, rng(3))
    assert abs(W.std() / std - 1) < 0.03
    assert abs(W.mean()) < 0.03 * std


def test_normal_uses_the_given_std():
    assert abs(init.normal(500, 400, rng(), std=0.5).std() - 0.5) < 0.01


def test_xavier_uniform_stays_within_its_limit():
    W = init.xavier_uniform(10, 20, rng())
    limit = np.sqrt(6 / 30)
    assert np.abs(W).max() <= limit
    assert np.abs(W).max() > 0.9 * limit


def test_he_keeps_relu_activations_alive_where_small_weights_vanish():
    def second_moment_after(std_of, depth=10, width=400):
        generator = rng(4)
        A = generator.standard_normal((200, width))
        for _ in range(depth):
            A = relu(A @ std_of(width, width, generator))
        return np.mean(A**2)

    he_moment = second_moment_after(init.he)
    small_moment = second_moment_after(lambda i, o, g: init.normal(i, o, g, std=0.01))
    assert 0.3 < he_moment < 3.0
    assert small_moment < 1e-10


def test_get_returns_every_initialiser():
    for name in ["zeros", "normal", "xavier", "xavier_uniform", "he"]:
        assert init.get(name) is getattr(init, name)


def test_get_names_the_choices_for_an_unknown_name():
    with pytest.raises(ValueError, match="unknown initialiser 'glorot'; choose one of zeros, "):
        init.get("glorot")


def test_check_positive_int():
    assert init.check_positive_int("n", np.int64(3)) == 3
    with pytest.raises(ValueError, match="n must be an integer >= 2, got 1"):
        init.check_positive_int("n", 1, minimum=2)
    with pytest.raises(ValueError, match="n must be an integer >= 1, got True"):
        init.check_positive_int("n", True)


def test_check_rng_returns_a_generator_unchanged():
    generator = rng()
    assert init.check_rng(generator) is generator
    with pytest.raises(TypeError, match="got NoneType"):
        init.check_rng(None)
