"""The explorers of wbcourse.widgets, driven from Python: set a control, read the state."""

from __future__ import annotations

import base64
import copy
from itertools import pairwise

import nbformat
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from nbclient import NotebookClient

from wbcourse import widgets
from wbcourse.network import loss_and_grads
from wbcourse.optim import sgd_step
from wbcourse.plotting import NEGATIVE_COLOR, POSITIVE_COLOR, SATURATION
from wbcourse.regularization import l2_penalty
from wbcourse.training import train
from wbcourse.widgets.activation import saturated
from wbcourse.widgets.regularization import L2_VALUES


def changes_image(explorer, **values) -> bool:
    before = explorer.png
    explorer.set(**values)
    return explorer.png != before


# --- neuron explorer ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def neuron():
    return widgets.neuron_explorer(rng=np.random.default_rng(0))


def test_neuron_sliders_move_the_line_and_redraw(neuron):
    neuron.set(w1=1.0, w2=1.0, b=-4.0, use_bias=True)
    line = neuron.state["line"]
    assert changes_image(neuron, w1=-1.0)
    assert not np.allclose(neuron.state["line"], line)
    assert neuron.state["w1"] == -1.0


def test_neuron_weighted_sum_of_the_chosen_point(neuron):
    neuron.set(w1=0.5, w2=-1.5, b=0.25, use_bias=True, point=3, activation="sigmoid")
    x = neuron.X[3]
    z = 0.5 * x[0] - 1.5 * x[1] + 0.25
    assert neuron.state["z"] == pytest.approx(z)
    assert neuron.state["a"] == pytest.approx(1 / (1 + np.exp(-z)))
    assert f"{z:.2f}" in neuron.caption


def test_neuron_without_bias_the_line_passes_through_the_origin(neuron):
    neuron.set(w1=1.0, w2=1.0, b=-4.0, use_bias=True)
    assert changes_image(neuron, use_bias=False)
    state = neuron.state
    assert state["bias"] == 0.0
    assert neuron.controls["b"].disabled
    (x0, y0), (x1, y1) = state["line"]
    assert abs(x0 * y1 - x1 * y0) < 1e-9  # the origin is on the line through both points
    assert neuron.state["accuracy"] < 1.0  # no line through (0, 0) splits these blobs
    neuron.set(use_bias=True)
    assert neuron.state["accuracy"] == 1.0


def test_neuron_display_has_a_static_png_and_deterministic_text(neuron):
    neuron.set(w1=1.0, w2=0.5, b=-2.0, use_bias=True, point=0, activation="sigmoid")
    bundle = neuron._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"] == (
        "NeuronExplorer(w1=1, w2=0.5, b=-2, use_bias=True, point=0, activation='sigmoid')"
    )
    assert bundle == neuron._repr_mimebundle_()  # same state, same bytes


def test_unknown_control_is_named(neuron):
    with pytest.raises(ValueError, match=r"w3.*w1"):
        neuron.set(w3=1.0)


# --- activation explorer ------------------------------------------------------------------
def test_activation_explorer_weight_and_bias_move_z():
    explorer = widgets.activation_explorer("sigmoid")
    assert changes_image(explorer, w=3.0, b=-1.0, x=1.0)
    state = explorer.state
    assert state["z"] == pytest.approx(2.0)
    assert state["z_range"] == pytest.approx((-10.0, 8.0))
    assert state["slope"] == pytest.approx(state["a"] * (1 - state["a"]))


@pytest.mark.parametrize(
    ("name", "z", "flat"),
    [
        ("tanh", 3.0, True),
        ("tanh", 0.5, False),
        ("relu", -1.0, True),
        ("step", 1.0, True),
        ("sigmoid", 4.0, False),
        ("sigmoid", 5.0, True),  # slopes 0.018 and 0.0066, against the 5 % bar of 0.0125
    ],
)
def test_activation_explorer_saturation(name, z, flat):
    explorer = widgets.activation_explorer(name)
    explorer.set(w=1.0, b=z, x=0.0)
    assert explorer.state["saturated"] is flat


def test_saturation_threshold_is_the_courses_five_percent():
    z = np.linspace(-6, 6, 241)
    assert SATURATION == 0.05
    slope = 1 - np.tanh(z) ** 2
    np.testing.assert_array_equal(saturated("tanh", z), slope < SATURATION * slope.max())


def test_activation_change_redraws():
    explorer = widgets.activation_explorer("sigmoid")
    assert changes_image(explorer, activation="relu")


# --- gradient descent ---------------------------------------------------------------------
def test_descent_small_learning_rate_converges():
    explorer = widgets.descent_explorer(np.random.default_rng(0))
    explorer.set(lr=0.1, steps=100, batch_size=len(explorer.x))
    losses = explorer.state["losses"]
    assert not explorer.state["diverged"]
    assert losses[-1] < 0.3 < losses[0]
    assert explorer.state["w"] == pytest.approx(1.5, abs=0.2)


def test_descent_uses_the_lessons_data_start_and_divergence_edge():
    from wbcourse.lessonlib.lesson06 import line_data

    explorer = widgets.descent_explorer(np.random.default_rng(0))
    np.testing.assert_array_equal(explorer.x, line_data()[0])
    assert explorer.state["path"][0].tolist() == [0.0, 0.0]
    x = explorer.x
    hessian = 2 * np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])
    edge = 2 / np.linalg.eigvalsh(hessian).max()  # full-batch GD diverges above it
    assert 0.251 < edge < 0.282
    assert not explorer.set(lr=0.251, steps=100).state["diverged"]
    assert explorer.set(lr=0.282).state["diverged"]


def test_descent_large_learning_rate_diverges_visibly():
    explorer = widgets.descent_explorer(np.random.default_rng(0))
    explorer.set(lr=0.1, steps=20)
    assert changes_image(explorer, lr=0.6)
    losses = explorer.state["losses"]
    assert explorer.state["diverged"]
    assert np.all(np.diff(losses[5:]) > 0)  # the loss grows step after step
    assert "DIVERGING" in explorer.caption


def test_descent_batches_are_reproducible():
    explorer = widgets.descent_explorer(np.random.default_rng(0))
    explorer.set(batch_size=1, lr=0.05)
    path = explorer.state["path"]
    explorer.set(batch_size=8)
    assert not np.allclose(explorer.state["path"], path)
    explorer.set(batch_size=1)
    np.testing.assert_array_equal(explorer.state["path"], path)


# --- training playground ------------------------------------------------------------------
@pytest.fixture
def playground():
    pg = widgets.training_playground("moons", units=6, hidden_layers=1, seed=0)
    yield pg
    pg.pause()


def test_playground_step_advances_one_step(playground):
    before, image = playground.export(), playground.png
    playground.step()
    assert playground.steps == 1
    assert playground.state["steps"] == 1
    assert any(not np.array_equal(before[k], playground.params[k]) for k in before)
    assert playground.png != image


def test_playground_epochs_fill_the_history_and_lower_the_loss(playground):
    playground.run_epochs(20)
    history = playground.history
    assert playground.epoch == 20
    assert history["epoch"] == list(range(21))
    assert history["loss"][-1] < history["loss"][0]
    assert set(history) == {"epoch", "loss", "val_loss", "accuracy", "val_accuracy"}


def test_playground_export_returns_a_copy_with_the_param_shapes(playground):
    playground.step(3)
    exported = playground.export_to_notebook()
    assert {k: v.shape for k, v in exported.items()} == {
        "W1": (2, 6), "b1": (6,), "W2": (6, 2), "b2": (2,),
    }  # fmt: skip
    assert playground.exported is exported
    exported["W1"][:] = 0
    assert not np.all(playground.params["W1"] == 0)


def test_playground_architecture_change_starts_over(playground):
    playground.step(5)
    playground.set(hidden_layers=2, units=3)
    assert playground.steps == 0
    assert [playground.params[k].shape for k in ("W1", "W2", "W3")] == [(2, 3), (3, 3), (3, 2)]


def test_playground_regularizers_change_the_step(playground):
    start = playground.export()
    playground.step()
    plain = playground.export()
    other = widgets.training_playground("moons", units=6, l2=0.1, dropout=0.5, seed=0)
    np.testing.assert_array_equal(other.params["W1"], start["W1"])
    other.step()
    assert not np.allclose(other.params["W1"], plain["W1"])


def test_playground_train_runs_in_the_background_and_pauses(playground):
    playground.train()
    assert playground.running
    for _ in range(200):
        if playground.epoch >= 3:
            break
        playground._stop.wait(0.05)
    playground.pause()
    assert not playground.running
    epoch = playground.epoch
    assert epoch >= 3
    playground._stop.wait(0.2)
    assert playground.epoch == epoch  # really stopped


def test_playground_trains_exactly_as_the_core_train_does():
    pg = widgets.training_playground("moons", units=5, lr=0.2, batch_size=32, seed=3)
    start, rng = pg.export(), copy.deepcopy(pg._rng)
    pg.run_epochs(2)
    params, history = train(start, pg.X, pg.y, epochs=2, lr=0.2, batch_size=32, rng=rng,
                            activation="tanh", X_val=pg.X_val, y_val=pg.y_val)  # fmt: skip
    for key in start:
        np.testing.assert_array_equal(pg.params[key], params[key])
    assert pg.history["loss"][1:] == history["loss"]
    assert pg.history["val_accuracy"][1:] == history["val_accuracy"]


def test_playground_step_with_l2_and_dropout_is_the_cores_step():
    pg = widgets.training_playground("circles", units=6, l2=0.01, dropout=0.3, seed=2)
    start, rng = pg.export(), copy.deepcopy(pg._rng)
    pg.step()
    rows = rng.permutation(len(pg.X))[:16]
    _, grads = loss_and_grads(start, pg.X[rows], pg.y[rows], "tanh", keep_prob=0.7, rng=rng)
    penalty = l2_penalty(start, 0.01)[1]
    expected = sgd_step(start, {key: grads[key] + penalty[key] for key in grads}, 0.1)
    for key in start:
        np.testing.assert_array_equal(pg.params[key], expected[key])


def test_playground_draws_weights_in_the_course_colours(playground):
    playground.step()
    weights = np.concatenate([playground.params[k].ravel() for k in ("W1", "W2")])
    colors = playground._edges.get_colors()[:, :3]
    np.testing.assert_allclose(colors[weights > 0][0], to_rgb(POSITIVE_COLOR))
    np.testing.assert_allclose(colors[weights < 0][0], to_rgb(NEGATIVE_COLOR))


def test_playground_divergence_stops_training():
    pg = widgets.training_playground("xor", activation="relu", lr=10.0, units=8, seed=1)
    pg.run_epochs(50)
    assert "diverged" in pg.message or pg.history["loss"][-1] > pg.history["loss"][0]
    assert all(np.all(np.isfinite(v)) for v in pg.params.values())


# --- regularization explorer --------------------------------------------------------------
@pytest.fixture(scope="module")
def regularization():
    return widgets.regularization_explorer(np.random.default_rng(0), epochs=300)


def test_l2_shrinks_the_weights(regularization):
    norms = [regularization.set(l2=value).state["weight_norm"] for value in L2_VALUES]
    assert norms[-1] < 0.5 * norms[0]
    assert all(b <= a * 1.01 for a, b in pairwise(norms))


def test_l2_moves_the_generalization_gap(regularization):
    regularization.set(l2=0.0)
    gap = regularization.state["gap"]
    assert changes_image(regularization, l2=0.01)
    assert regularization.state["gap"] < 0.5 * gap


# --- headless: a notebook cell that displays an explorer ----------------------------------
CELL = """\
import numpy as np
from wbcourse.widgets import neuron_explorer
neuron_explorer(rng=np.random.default_rng(0))
"""


def run_headless() -> list:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return nb.cells[0].outputs


def test_headless_cell_has_no_stderr_and_a_deterministic_static_figure():
    first, second = run_headless(), run_headless()
    assert [o.output_type for o in first] == ["execute_result"]
    data = first[0].data
    assert data["text/plain"].startswith("NeuronExplorer(w1=1, w2=0.5, b=-2")
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert "application/vnd.jupyter.widget-view+json" in data
    for key in ("text/plain", "image/png"):
        assert second[0].data[key] == data[key]
