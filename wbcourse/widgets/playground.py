"""Training playground: train a small network on 2-D data and watch it learn (lessons 08,
10, 11), in the spirit of TensorFlow Playground, on the course's own numeric core.

Every step is :func:`wbcourse.network.loss_and_grads` (with dropout when asked) plus
:func:`wbcourse.regularization.l2_penalty`, then :func:`wbcourse.optim.sgd_step`:
the same functions :func:`wbcourse.training.train` uses, one mini-batch at a time.
"""

from __future__ import annotations

import threading
import time
from itertools import pairwise

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.ticker import NullLocator

from wbcourse import datasets
from wbcourse.network import init_params, loss_and_grads, predict_proba
from wbcourse.optim import sgd_step
from wbcourse.plotting import CLASS_COLORS, NEGATIVE_COLOR, POSITIVE_COLOR, WEIGHT_CMAP
from wbcourse.regularization import l2_penalty
from wbcourse.training import accuracy
from wbcourse.widgets._base import Explorer, dropdown, slider

__all__ = ["DATASETS", "TrainingPlayground", "make_dataset", "sgd_update", "training_playground"]

DATASETS = ("moons", "circles", "xor", "blobs", "spirals")
L2_OPTIONS = (0.0, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1)
LOSS_RANGE = (1e-2, 10.0)
GRID = 60


def make_dataset(name: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D classification set by name, from :mod:`wbcourse.datasets`.

    ``"xor"`` is the XOR truth table, each corner repeated 50 times with noise 0.15.

    Returns
    -------
    X : ndarray, shape (N, 2)
    y : ndarray of int, shape (N,)

    Examples
    --------
    >>> X, y = make_dataset("xor", np.random.default_rng(0))
    >>> X.shape, sorted(set(y.tolist()))
    ((200, 2), [0, 1])
    """
    if name == "moons":
        return datasets.moons(200, rng, noise=0.2)
    if name == "circles":
        return datasets.circles(200, rng, noise=0.1)
    if name == "blobs":
        return datasets.blobs(210, rng, centers=3, std=0.8)
    if name == "spirals":
        return datasets.spirals(300, rng, classes=3, noise=0.2)
    if name == "xor":
        X, y = datasets.truth_table("xor")
        X, y = np.tile(X, (50, 1)), np.tile(y, 50)
        return X + 0.15 * rng.standard_normal(X.shape), y
    raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")


def sgd_update(
    params: dict,
    X: np.ndarray,
    y: np.ndarray,
    *,
    lr: float,
    activation: str,
    l2: float,
    keep_prob: float,
    rng: np.random.Generator,
) -> dict:
    """One playground step on the batch ``(X, y)``: ``params - lr * grads``, a new dict.

    ``grads`` are those of the softmax cross-entropy of the network with dropout
    (:func:`wbcourse.network.loss_and_grads`, masks drawn from ``rng`` when
    ``keep_prob < 1``) plus ``l2 / 2 * sum(W**2)``, weights only.

    Examples
    --------
    >>> params = init_params([2, 3, 2], np.random.default_rng(0))
    >>> X, y = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([0, 1])
    >>> new = sgd_update(params, X, y, lr=0.1, activation="tanh", l2=0.0, keep_prob=1.0,
    ...                  rng=np.random.default_rng(1))
    >>> sorted(new) == sorted(params), new["W1"] is params["W1"]
    (True, False)
    """
    _, grads = loss_and_grads(params, X, y, activation, keep_prob=keep_prob, rng=rng)
    if l2:
        _, penalty_grads = l2_penalty(params, l2)
        grads = {key: grads[key] + penalty_grads[key] for key in grads}
    return sgd_step(params, grads, lr)


def network_layout(sizes: list[int]) -> list[np.ndarray]:
    """Node positions per layer for the diagram: layer ``l`` at x = l, units spread in y."""
    top = max(sizes)
    return [
        np.column_stack([np.full(n, layer), np.linspace(-1, 1, n) * (n - 1) / max(top - 1, 1)])
        for layer, n in enumerate(sizes)
    ]


class TrainingPlayground(Explorer):
    """Train an MLP on 2-D points; boundary, loss curves and weights update while it trains.

    Controls: ``dataset``, ``hidden_layers``, ``units``, ``activation`` (changing any of
    these starts over), ``lr``, ``l2``, ``dropout`` (probability of dropping a hidden
    unit), ``batch_size`` (these apply to the next steps). Buttons: Train, Pause, Step
    (one mini-batch), Reset and Export.

    Training runs in a background thread, one epoch per redraw, until Pause,
    ``max_epochs`` or divergence, so the kernel stays free. Read the state from Python
    any time: :attr:`params`, :attr:`history`, :attr:`epoch`, :attr:`steps`.

    Attributes
    ----------
    params : dict
        ``W1`` (2, H), ``b1`` (H,), ..., ``WL`` (H, C), ``bL`` (C,).
    history : dict of list
        ``epoch``, ``loss``, ``val_loss``, ``accuracy``, ``val_accuracy``, one entry per
        finished epoch (and one for the start).
    exported : dict or None
        The parameters copied by the last Export.
    """

    figsize = (11.5, 3.6)
    control_rows = (  # what starts over, then what applies to the next steps
        ("dataset", "hidden_layers", "units", "activation"),
        ("lr", "l2", "dropout", "batch_size"),
    )
    live_format = "jpeg"  # animated: JPEG encodes about 10x faster than PNG
    redraw_interval = 0.1  # seconds between the redraws of run_epochs(n), its last one aside

    def __init__(
        self,
        dataset="moons",
        hidden_layers=1,
        units=8,
        activation="tanh",
        lr=0.1,
        l2=0.0,
        dropout=0.0,
        batch_size=16,
        seed=0,
        max_epochs=2000,
        export_name="trained_params",
    ):
        self.seed, self.max_epochs, self.export_name = seed, max_epochs, export_name
        self._initial = dict(
            dataset=dataset, hidden_layers=hidden_layers, units=units, activation=activation,
            lr=lr, l2=l2, dropout=dropout, batch_size=batch_size,
        )  # fmt: skip
        self._thread = None
        self._stop = threading.Event()
        self._key = None
        self._net_artists = []
        self.exported = None
        self.message = ""
        super().__init__()

    # --- controls ---------------------------------------------------------------------
    def _make_controls(self) -> dict:
        init = self._initial
        narrow = "235px"  # four controls to a row
        return {
            "dataset": dropdown("data", DATASETS, init["dataset"], width="170px"),
            "hidden_layers": slider(
                widgets.IntSlider, "hidden layers", init["hidden_layers"], narrow, min=0, max=4
            ),
            "units": slider(
                widgets.IntSlider, "units per layer", init["units"], narrow, min=1, max=12
            ),
            "activation": dropdown(
                "activation", ["tanh", "relu", "sigmoid", "leaky_relu"], init["activation"]
            ),
            "lr": slider(
                widgets.FloatLogSlider, "learning rate", init["lr"], narrow, base=10, min=-3,
                max=1, step=0.1, readout_format=".3g",
            ),
            "l2": slider(
                widgets.SelectionSlider, "L2 strength", init["l2"], narrow, options=L2_OPTIONS
            ),
            "dropout": slider(
                widgets.FloatSlider, "dropout", init["dropout"], narrow, min=0, max=0.6, step=0.05
            ),
            "batch_size": slider(
                widgets.SelectionSlider, "batch size", init["batch_size"], narrow,
                options=[1, 4, 8, 16, 32, 64, 128],
            ),
        }  # fmt: skip

    def _extra_widgets(self) -> list:
        def button(description, icon, action):
            b = widgets.Button(description=description, icon=icon)
            b.layout.width = "100px"
            b.on_click(lambda _: action())
            return b

        self.buttons = {
            "train": button("Train", "play", self.train),
            "pause": button("Pause", "pause", self.pause),
            "step": button("Step", "step-forward", self.step),
            "reset": button("Reset", "undo", self._reset_and_draw),
            "export": button("Export", "download", self.export_to_notebook),
        }
        self.status = widgets.HTML()
        return [widgets.HBox([*self.buttons.values(), self.status])]

    # --- data and network ---------------------------------------------------------------
    def _sizes(self) -> list[int]:
        v = self.values
        classes = int(self.y.max()) + 1
        return [2, *[v["units"]] * v["hidden_layers"], classes]

    def _reset_and_draw(self) -> None:
        self.pause()
        self.reset()
        self.update()

    def reset(self) -> None:
        """Start over: same data set and architecture, fresh weights, empty history.

        A running training stops after its current epoch.
        """
        self._stop.set()
        with self._lock:
            v = self.values
            rng = np.random.default_rng(self.seed)
            X, y = make_dataset(v["dataset"], rng)
            self.X, self.y, self.X_val, self.y_val = datasets.train_val_split(X, y, 0.3, rng)
            self.y, self.y_val = self.y.astype(np.int64), self.y_val.astype(np.int64)
            method = "he" if v["activation"] in ("relu", "leaky_relu") else "xavier"
            self.params = init_params(self._sizes(), rng, method=method)
            self._rng = rng
            self._order, self._cursor = None, 0
            self.epoch, self.steps = 0, 0
            self.history = {
                k: [] for k in ("epoch", "loss", "val_loss", "accuracy", "val_accuracy")
            }
            self._record()
            self._key = (v["dataset"], v["hidden_layers"], v["units"], v["activation"])
            self._rebuild()
            self.message = ""

    def _record(self) -> None:
        activation, h = self.values["activation"], self.history
        h["epoch"].append(self.epoch)
        for prefix, X, y in (("", self.X, self.y), ("val_", self.X_val, self.y_val)):
            h[prefix + "loss"].append(loss_and_grads(self.params, X, y, activation)[0])
            h[prefix + "accuracy"].append(accuracy(self.params, X, y, activation))

    # --- training -----------------------------------------------------------------------
    def _sgd_step(self) -> bool:
        """One mini-batch step; returns False (and stops) when the weights blew up."""
        v = self.values
        if self._order is None:
            self._order, self._cursor = self._rng.permutation(len(self.X)), 0
        rows = self._order[self._cursor : self._cursor + v["batch_size"]]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            params = sgd_update(
                self.params, self.X[rows], self.y[rows], lr=v["lr"], activation=v["activation"],
                l2=v["l2"], keep_prob=1.0 - v["dropout"], rng=self._rng,
            )  # fmt: skip
        if not all(np.all(np.isfinite(p)) for p in params.values()):
            self.message = f"diverged at step {self.steps}: lower the learning rate and Reset"
            self._stop.set()
            return False
        self.params, self.steps = params, self.steps + 1
        self._cursor += v["batch_size"]
        if self._cursor >= len(self.X):
            self.epoch += 1
            self._order = None
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                self._record()
        return True

    def step(self, n: int = 1) -> None:
        """Take ``n`` mini-batch SGD steps (dropout and L2 included), then redraw."""
        with self._lock:
            for _ in range(n):
                if not self._sgd_step():
                    break
            self.update()

    def run_epochs(self, epochs: int = 1) -> None:
        """Train ``epochs`` more epochs in this thread, redrawing as it goes.

        The last epoch is always drawn, the ones before it at most every
        :attr:`redraw_interval` seconds: drawing costs more than an epoch of training.
        """
        drawn = time.monotonic()
        for epoch in range(1, epochs + 1):
            with self._lock:
                start = self.epoch
                while self.epoch == start and self._sgd_step():
                    pass
                due = time.monotonic() - drawn > self.redraw_interval
                if epoch == epochs or self.message or due:
                    self.update()
                    drawn = time.monotonic()
            if self.message:
                break

    def train(self) -> None:
        """Train in a background thread until Pause, ``max_epochs`` or divergence."""
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="wbcourse-playground", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        try:
            while not self._stop.is_set() and self.epoch < self.max_epochs and not self.message:
                self.run_epochs(1)
                time.sleep(0.002)  # let the kernel's own thread in
        finally:
            self._thread = None
            self.update()

    def pause(self) -> None:
        """Stop the background training after the current epoch and wait for it."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)

    @property
    def running(self) -> bool:
        """Is the background training running?"""
        return self._thread is not None

    def export(self) -> dict:
        """A copy of the current parameters: ``{"W1": (2, H), "b1": (H,), ...}``."""
        with self._lock:
            return {key: value.copy() for key, value in self.params.items()}

    def export_to_notebook(self) -> dict:
        """The Export button: copy the parameters to :attr:`exported` and, in IPython,
        to the notebook variable named ``export_name``."""
        self.exported = self.export()
        where = "playground.exported"
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:  # pragma: no cover - IPython ships with ipywidgets
            shell = None
        if shell is not None and self.export_name:
            shell.user_ns[self.export_name] = self.exported
            where = f"the variable {self.export_name}"
        shapes = ", ".join(f"{k} {v.shape}" for k, v in self.exported.items())
        self.message = f"exported to {where}: {shapes}"
        self.update()
        return self.exported

    # --- state and drawing --------------------------------------------------------------
    def _extra_state(self) -> dict:
        return {
            "epoch": self.epoch,
            "steps": self.steps,
            "params": self.export(),
            "history": {k: list(v) for k, v in self.history.items()},
            "running": self.running,
        }

    def _build(self) -> None:
        regions, curves, net = self.fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 1.2]})
        self.fig.subplots_adjust(left=0.05, right=0.99, bottom=0.14, top=0.82, wspace=0.25)
        self._axes = {"regions": regions, "curves": curves, "net": net}
        curves.set(yscale="log", ylim=LOSS_RANGE, xlabel="epoch", ylabel="cross-entropy")
        curves.yaxis.set_minor_locator(NullLocator())  # a log axis' minor ticks cost 0.2 s a draw
        curves.set_title("loss: train (solid), validation (dashed)", fontsize=10)
        latest = dict(marker="o", ms=4, markevery=[-1], clip_on=False)  # a dot: the latest epoch
        (self._train_curve,) = curves.plot([], [], color="tab:blue", **latest)
        (self._val_curve,) = curves.plot([], [], color="tab:orange", ls="--", **latest)
        self._animate(self._train_curve)
        self._animate(self._val_curve)
        net.set_axis_off()
        net.set_title("weights: blue > 0, red < 0, width = |w|; units: bias", fontsize=10)
        regions.set_title("decision regions; hollow = validation", fontsize=10)
        self._image = None
        self.reset()

    def _rebuild(self) -> None:
        """New data or architecture: redo the region axes and the network diagram."""
        for artist in self._net_artists:
            self._forget(artist)
        ax = self._axes["regions"]
        X_all = np.vstack([self.X, self.X_val])
        lo, hi = X_all.min(axis=0) - 0.4, X_all.max(axis=0) + 0.4
        ax.set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]))
        xs, ys = np.meshgrid(np.linspace(lo[0], hi[0], GRID), np.linspace(lo[1], hi[1], GRID))
        self._grid = np.column_stack([xs.ravel(), ys.ravel()])
        image = ax.imshow(
            np.ones((GRID, GRID, 3)), extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower",
            aspect="auto", interpolation="bilinear",
        )  # fmt: skip
        colors = np.array([to_rgb(c) for c in CLASS_COLORS])
        self._class_rgb = colors[: int(self.y.max()) + 1]
        train = ax.scatter(*self.X.T, c=self._class_rgb[self.y], s=14, edgecolor="k", lw=0.4)
        val = ax.scatter(
            *self.X_val.T, facecolor="none", edgecolor=self._class_rgb[self.y_val], s=16, lw=1
        )
        self._image, self._image_of = image, None
        self._net_artists = [self._animate(a) for a in (image, train, val)]
        self._build_network()
        self._axes["curves"].set_xlim(0, 50)
        self._invalidate()

    def _build_network(self) -> None:
        net = self._axes["net"]
        positions = network_layout(self._sizes())
        segments = []
        for left, right in pairwise(positions):
            segments += [[a, b] for a in left for b in right]
        self._edges = LineCollection(segments, zorder=1)
        net.add_collection(self._edges)
        self._signs = [[*to_rgb(color), 0.8] for color in (POSITIVE_COLOR, NEGATIVE_COLOR)]
        units = np.vstack(positions[1:])
        self._inputs = net.scatter(*positions[0].T, s=120, color="lightgrey", ec="k", zorder=2)
        self._units = net.scatter(
            *units.T, s=120, c=np.zeros(len(units)), cmap=WEIGHT_CMAP, vmin=-2, vmax=2,
            ec="k", zorder=2,
        )  # fmt: skip
        net.set(xlim=(-0.4, len(positions) - 0.6), ylim=(-1.2, 1.2))
        self._net_artists += [self._animate(a) for a in (self._edges, self._inputs, self._units)]

    def _draw(self) -> None:
        v = self.values
        key = (v["dataset"], v["hidden_layers"], v["units"], v["activation"])
        if key != self._key:
            self.reset()
        if self._image_of is not self.params:  # lr, L2, ... moves keep the weights
            proba = predict_proba(self._grid, self.params, v["activation"])
            rgb = 0.55 + 0.45 * proba @ self._class_rgb
            self._image.set_data(np.clip(rgb, 0, 1).reshape(GRID, GRID, 3))
            self._image_of = self.params
        self._draw_curves()
        self._draw_weights()
        self._draw_caption()

    def _draw_curves(self) -> None:
        h = self.history
        self._train_curve.set_data(h["epoch"], np.clip(h["loss"], *LOSS_RANGE))
        self._val_curve.set_data(h["epoch"], np.clip(h["val_loss"], *LOSS_RANGE))
        curves = self._axes["curves"]
        if self.epoch > curves.get_xlim()[1]:
            curves.set_xlim(0, 2 * curves.get_xlim()[1])
            self._invalidate()

    def _draw_weights(self) -> None:
        weights = np.concatenate([self.params[k].ravel() for k in self.params if k[0] == "W"])
        biases = np.concatenate([self.params[k] for k in self.params if k[0] == "b"])
        self._edges.set_linewidths(0.3 + 3.0 * np.minimum(np.abs(weights), 3.0) / 3.0)
        self._edges.set_colors(np.where(weights[:, None] > 0, self._signs[0], self._signs[1]))
        self._units.set_array(biases)

    def _draw_caption(self) -> None:
        v, h = self.values, self.history
        self._set_caption(
            f"epoch {self.epoch} (step {self.steps}): loss train {h['loss'][-1]:.3f} "
            f"val {h['val_loss'][-1]:.3f};  accuracy train {h['accuracy'][-1]:.0%} "
            f"val {h['val_accuracy'][-1]:.0%}\n"
            f"{len(self.X)} training points, lr {v['lr']:.3g}, L2 {v['l2']:g}, "
            f"dropout {v['dropout']:.2f}, batch {v['batch_size']}"
        )
        state = "training…" if self.running else "paused"
        self.status.value = f"<b>{state}</b> {self.message}"


def training_playground(dataset: str = "moons", **settings) -> TrainingPlayground:
    """The training playground: data, architecture and hyperparameters, Train / Pause / Step.

    Parameters
    ----------
    dataset : {"moons", "circles", "xor", "blobs", "spirals"}
    **settings
        Initial ``hidden_layers``, ``units``, ``activation``, ``lr``, ``l2``, ``dropout``,
        ``batch_size``; ``seed`` (data, split, weights, batches), ``max_epochs``,
        ``export_name`` (the notebook variable the Export button fills).

    Returns
    -------
    TrainingPlayground

    Examples
    --------
    >>> playground = training_playground("xor", units=4)
    >>> playground.step()
    >>> playground.steps, sorted(playground.export())
    (1, ['W1', 'W2', 'b1', 'b2'])
    """
    return TrainingPlayground(dataset=dataset, **settings)
