"""The optimizer race of lesson 12, driven from Python: set a control, read the state."""

import base64

import numpy as np
import pytest

from wbcourse.lessonlib.lesson06 import LR_TARGET, line_data, line_loss
from wbcourse.lessonlib.lesson12 import METHODS, optimizer_path
from wbcourse.widgets import optimizer_race
from wbcourse.widgets.optimizers import MAX_STEPS


@pytest.fixture(scope="module")
def race():
    return optimizer_race()


@pytest.fixture(autouse=True)
def defaults(race):
    race.set(lr=0.1, steps=100, beta=0.9, decay=0.0, batch_size=40, centre=False)


def changes_image(race, **values) -> bool:
    before = race.png
    race.set(**values)
    return race.png != before


def test_the_paths_are_the_core_optimizers_on_lesson_06s_line_fit(race):
    x, y = line_data()
    state = race.state
    assert set(state["paths"]) == set(METHODS)
    for method in METHODS:
        expected = optimizer_path(x, y, method, 0.1, 100, beta=0.9)
        np.testing.assert_allclose(state["paths"][method], expected)
        np.testing.assert_allclose(state["losses"][method], line_loss(x, y, *expected.T))
    assert state["paths"]["sgd"][0].tolist() == [0.0, 0.0]


def test_the_raw_map_and_its_divergence_edge(race):
    state = race.state
    assert state["condition"] == pytest.approx(19.45, abs=0.01)
    assert state["edge"] == pytest.approx(0.2615, abs=1e-3)
    assert not any(state["diverged"].values())
    assert state["reached"]["sgd"] == 31  # lesson 06's target 0.072, from then on
    assert "SGD: < 0.072 from step 31" in race.caption


def test_a_learning_rate_above_the_edge_diverges_only_for_sgd(race):
    assert changes_image(race, lr=0.3)
    state = race.state
    assert state["diverged"] == {"sgd": True, "momentum": False, "rmsprop": False, "adam": False}
    assert "SGD: diverges" in race.caption
    assert np.all(np.isfinite(race.state["paths"]["sgd"]))  # stopped before overflowing


def test_centring_x_rounds_the_map_and_saves_sgd(race):
    race.set(lr=0.3)
    assert changes_image(race, centre=True)
    state = race.state
    assert state["condition"] == pytest.approx(1.33, abs=0.01)
    assert state["edge"] == pytest.approx(1.0)
    assert not state["diverged"]["sgd"]
    assert state["reached"]["sgd"] < 10
    assert "centred x" in race.caption
    x, y = line_data()
    assert line_loss(x - x.mean(), y, *state["paths"]["sgd"][-1]) <= LR_TARGET


def test_steps_only_cut_the_paths(race):
    long = race.set(steps=MAX_STEPS).state["paths"]
    computed = {method: race._full_path(method) for method in METHODS}
    assert changes_image(race, steps=20)
    assert all(race._full_path(method) is computed[method] for method in METHODS)
    for method in METHODS:
        np.testing.assert_array_equal(race.state["paths"][method], long[method][:21])


def test_beta_moves_only_the_momentum_path(race):
    before = race.state["paths"]
    assert changes_image(race, beta=0.5)
    after = race.state["paths"]
    assert not np.allclose(after["momentum"], before["momentum"])
    for method in ("sgd", "rmsprop", "adam"):
        np.testing.assert_array_equal(after[method], before[method])
    assert race.state["reached"]["momentum"] < race.state["reached"]["sgd"]


def step_lengths(path: np.ndarray) -> np.ndarray:
    return np.linalg.norm(np.diff(path, axis=0), axis=1)


def test_decay_changes_every_path_and_calms_rmsprop(race):
    constant = race.state["paths"]
    assert changes_image(race, decay=0.2)
    decayed = race.state["paths"]
    for method in METHODS:
        assert not np.allclose(decayed[method], constant[method])
    last = slice(-20, None)
    assert (
        step_lengths(decayed["rmsprop"])[last].mean()
        < step_lengths(constant["rmsprop"])[last].mean() / 3
    )


def test_mini_batches_are_noisy_and_reproducible(race):
    race.set(batch_size=4, lr=0.05)
    first = race.state["paths"]
    race.set(batch_size=40)
    assert not np.allclose(race.state["paths"]["sgd"], first["sgd"])
    race.set(batch_size=4)
    for method in METHODS:
        np.testing.assert_array_equal(race.state["paths"][method], first[method])
    assert "batch size 4" in race.caption


def test_display_has_a_static_png_and_deterministic_text(race):
    bundle = race._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"] == (
        "OptimizerRace(lr=0.1, steps=100, beta=0.9, decay=0, batch_size=40, centre=False)"
    )
    assert bundle == race._repr_mimebundle_()


def test_the_same_settings_draw_the_same_picture(race):
    other = optimizer_race(lr=0.2, steps=60, decay=0.05, batch_size=8, centre=True)
    race.set(lr=0.2, steps=60, decay=0.05, batch_size=8, centre=True)
    assert race.static_png() == other.static_png()
    assert race.caption == other.caption


def test_unknown_control_is_named(race):
    with pytest.raises(ValueError, match=r"momentum.*'lr', 'steps', 'beta'"):
        race.set(momentum=0.5)
