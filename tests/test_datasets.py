import numpy as np
import pytest

from wbcourse import datasets
from wbcourse.errors import ShapeError


def rng(seed=0):
    return np.random.default_rng(seed)


@pytest.mark.parametrize(
    ("name", "y"),
    [("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("xor", [0, 1, 1, 0]), ("NAND", [1, 1, 1, 0])],
)
def test_truth_tables(name, y):
    X, labels = datasets.truth_table(name)
    assert X.dtype == float
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert labels.dtype.kind == "i"
    assert labels.tolist() == y


def test_unknown_gate():
    with pytest.raises(ValueError, match="unknown gate 'nor'; choose one of and, or, xor, nand"):
        datasets.truth_table("nor")


CLOUDS = [
    (datasets.blobs, {}, 2),
    (datasets.blobs, {"centers": 4}, 4),
    (datasets.moons, {}, 2),
    (datasets.circles, {}, 2),
    (datasets.spirals, {}, 3),
    (datasets.spirals, {"classes": 5}, 5),
]


@pytest.mark.parametrize(("make", "kwargs", "classes"), CLOUDS)
def test_point_clouds_shapes_labels_and_balance(make, kwargs, classes):
    X, y = make(101, rng(), **kwargs)
    assert X.shape == (101, 2)
    assert X.dtype == float
    assert y.shape == (101,)
    assert y.dtype.kind == "i"
    counts = np.bincount(y)
    assert len(counts) == classes
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize(("make", "kwargs", "classes"), CLOUDS)
def test_point_clouds_are_seeded(make, kwargs, classes):
    X, _ = make(50, rng(1), **kwargs)
    assert np.array_equal(X, make(50, rng(1), **kwargs)[0])
    assert not np.array_equal(X, make(50, rng(2), **kwargs)[0])


@pytest.mark.parametrize(
    "make", [datasets.blobs, datasets.moons, datasets.circles, datasets.spirals]
)
def test_point_clouds_validate_arguments(make):
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator.*got int"):
        make(10, 0)
    with pytest.raises(ValueError, match="n must be an integer >= 1, got 0"):
        make(0, rng())


def test_blob_means_and_spread():
    X, y = datasets.blobs(4000, rng(), centers=4, std=0.3)
    assert np.allclose(X[y == 0].mean(axis=0), [2.0, 0.0], atol=0.03)
    assert np.allclose(X[y == 1].mean(axis=0), [0.0, 2.0], atol=0.03)
    assert np.allclose(X[y == 2].std(axis=0), 0.3, atol=0.02)
    with pytest.raises(ValueError, match="std must be a number >= 0"):
        datasets.blobs(10, rng(), std=-1)
    with pytest.raises(ValueError, match="centers must be an integer >= 2"):
        datasets.blobs(10, rng(), centers=1)


def test_noise_free_moons_lie_on_their_half_circles():
    X, y = datasets.moons(200, rng(), noise=0.0)
    outer, inner = X[y == 0], X[y == 1]
    assert np.allclose(np.hypot(*outer.T), 1.0)
    assert np.all(outer[:, 1] >= 0)
    assert np.allclose(np.hypot(inner[:, 0] - 1.0, inner[:, 1] - 0.5), 1.0)
    assert np.all(inner[:, 1] <= 0.5)
    with pytest.raises(ValueError, match="noise must be a number in"):
        datasets.moons(10, rng(), noise=-0.1)


def test_noise_free_circles_have_the_two_radii():
    X, y = datasets.circles(100, rng(), noise=0.0, factor=0.3)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert np.allclose(radius[y == 0], 1.0)
    assert np.allclose(radius[y == 1], 0.3)
    with pytest.raises(ValueError, match=r"factor must be in \(0, 1\)"):
        datasets.circles(10, rng(), factor=1.0)


def test_spirals_stay_in_the_unit_disc():
    X, _ = datasets.spirals(300, rng(), noise=0.5)
    assert np.all(np.hypot(X[:, 0], X[:, 1]) <= 1.0)
    with pytest.raises(ValueError, match="classes must be an integer >= 2"):
        datasets.spirals(10, rng(), classes=1)


def test_letter_templates_are_three_distinct_binary_images():
    templates = datasets.letter_templates()
    assert list(templates) == ["A", "B", "C"]
    flat = [image.ravel() for image in templates.values()]
    for image in templates.values():
        assert image.shape == datasets.LETTER_SHAPE
        assert set(np.unique(image)) == {0, 1}
    assert all(np.sum(a != b) >= 4 for i, a in enumerate(flat) for b in flat[i + 1 :])
    assert templates["C"][2].tolist() == [1, 0, 0, 0, 0]
    assert templates["A"][2].tolist() == [1, 1, 1, 1, 1]


def test_letter_templates_are_fresh_copies():
    datasets.letter_templates()["A"][:] = 0
    assert datasets.letter_templates()["A"].any()


def test_noise_free_letters_are_the_templates():
    X, y, names = datasets.letters(4, rng(), noise=0.0)
    assert X.shape == (12, 25)
    assert y.shape == (12,)
    assert names == ["A", "B", "C"]
    templates = datasets.letter_templates()
    for image, label in zip(X, y, strict=True):
        assert np.array_equal(image.reshape(datasets.LETTER_SHAPE), templates[names[label]])


def test_letter_noise_flips_pixels_at_the_given_rate():
    noisy, _, _ = datasets.letters(2000, rng(1), noise=0.2)
    clean, _, _ = datasets.letters(2000, rng(1), noise=0.0)
    assert set(np.unique(noisy)) == {0.0, 1.0}
    assert abs(np.mean(noisy != clean) - 0.2) < 0.01
    assert np.array_equal(noisy, datasets.letters(2000, rng(1), noise=0.2)[0])
    with pytest.raises(ValueError, match=r"noise must be a number in \[0, 1.0\]"):
        datasets.letters(2, rng(), noise=1.5)
    with pytest.raises(ValueError, match="n_per_class must be an integer >= 1, got 0"):
        datasets.letters(0, rng())


def test_train_val_split_partitions_and_keeps_pairs():
    X = np.arange(20).reshape(10, 2)
    y = np.arange(10)
    X_train, y_train, X_val, y_val = datasets.train_val_split(X, y, 0.3, rng())
    assert X_train.shape == (7, 2)
    assert X_val.shape == (3, 2)
    assert np.array_equal(X_train[:, 0] // 2, y_train)
    assert np.array_equal(X_val[:, 0] // 2, y_val)
    assert sorted(np.concatenate([y_train, y_val]).tolist()) == list(range(10))
    assert y_train.tolist() != sorted(y_train.tolist()) or y_val.tolist() != list(range(7, 10))


def test_train_val_split_is_seeded():
    X, y = datasets.blobs(30, rng())
    first = datasets.train_val_split(X, y, 0.2, rng(5))
    second = datasets.train_val_split(X, y, 0.2, rng(5))
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


def test_train_val_split_errors():
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(ShapeError, match="X and y must have the same number of rows, got 10 and 9"):
        datasets.train_val_split(X, y[:9], 0.2, rng())
    with pytest.raises(ValueError, match=r"val_fraction must be in \(0, 1\), got 1.5"):
        datasets.train_val_split(X, y, 1.5, rng())
    with pytest.raises(ValueError, match="leaves 0 for validation and 10 for training"):
        datasets.train_val_split(X, y, 0.01, rng())
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        datasets.train_val_split(X, y, 0.2, 3)


def test_digits_are_the_uci_test_set_scaled_to_zero_one():
    X, y = datasets.digits()
    assert X.shape == (1797, 64)
    assert X.dtype == float
    assert y.shape == (1797,)
    assert y.dtype.kind == "i"
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    counts = X * 16
    assert np.array_equal(counts, np.round(counts))
    assert counts.min() == 0 and counts.max() == 16
    assert X.sum() * 16 == 561_718  # every block count of the file, added up


def test_digits_rows_are_images_of_their_label():
    X, y = datasets.digits()
    images = X.reshape(-1, *datasets.DIGIT_SHAPE)
    assert datasets.DIGIT_SHAPE == (8, 8)
    assert y[:10].tolist() == list(range(10))
    zero, one = images[y == 0].mean(axis=0), images[y == 1].mean(axis=0)
    assert zero[3:5, 3:5].mean() < 0.2 < zero[3:5, 1].mean()  # a 0 has a hole in the middle
    assert one[3:5, 3:5].mean() > 0.5  # a 1 is inked there
    assert np.all(images[:, :, 0].mean(axis=0) < 0.01)  # the left border is nearly blank


def test_digits_are_fresh_copies():
    X, y = datasets.digits()
    X[:] = 0
    y[:] = 0
    again, labels = datasets.digits()
    assert again.any() and labels.any()


def test_digits_ship_with_their_licence_and_attribution():
    from importlib import resources

    data = resources.files("wbcourse").joinpath("data")
    assert data.joinpath("digits.npz").is_file()
    readme = data.joinpath("README.md").read_text()
    for needed in ("CC BY 4.0", "Alpaydin", "Kaynak", "10.24432/C50P49", "digits.npz"):
        assert needed in readme
