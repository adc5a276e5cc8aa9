"""Gradient-descent explorer: the path of (mini-batch) gradient descent on the loss surface
of lesson 06's line fit, ``y = w x + b`` on :func:`wbcourse.lessonlib.lesson06.line_data`,
from the lesson's start ``w = b = 0``."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np

from wbcourse.lessonlib.lesson06 import descent_path, line_data, line_loss
from wbcourse.widgets._base import Explorer, slider

__all__ = ["DescentExplorer", "descent_explorer"]

W_RANGE = (-1.0, 4.0)
B_RANGE = (-2.0, 3.0)
LEVELS = np.geomspace(0.08, 30, 14)  # the contour levels of the lesson's own map
LOSS_RANGE = (1e-2, 1e4)
DIVERGED = 1e8


class DescentExplorer(Explorer):
    """The loss surface over ``(w, b)`` and the path gradient descent takes on it.

    Controls: ``lr`` (learning rate, log slider), ``steps``, ``batch_size`` (1 is
    stochastic, N is full batch). The path is lesson 06's
    :func:`~wbcourse.lessonlib.lesson06.descent_path`: every epoch shuffles the points
    and takes one step per mini-batch, cut off after ``steps`` steps. The shuffles
    come from a fresh ``default_rng(seed)`` each time, so a setting always draws the
    same path. :attr:`state` adds ``path`` (S + 1, 2), ``losses`` (S + 1,),
    ``diverged`` and ``w``, ``b`` at the end.
    """

    figsize = (10.5, 3.6)

    def __init__(self, x, y, start=(0.0, 0.0), lr=0.05, steps=30, batch_size=None, seed=0):
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.start, self.seed = (float(start[0]), float(start[1])), seed
        size = len(self.x) if batch_size is None else batch_size
        self._initial = {"lr": lr, "steps": steps, "batch_size": size}
        super().__init__()

    def _make_controls(self) -> dict:
        init = self._initial
        return {
            "lr": slider(
                widgets.FloatLogSlider,
                "learning rate",
                init["lr"],
                base=10,
                min=-3,
                max=0,
                step=0.05,
                readout_format=".3g",
            ),
            "steps": slider(widgets.IntSlider, "steps", init["steps"], min=1, max=100),
            "batch_size": slider(
                widgets.IntSlider, "batch size", init["batch_size"], min=1, max=len(self.x)
            ),
        }

    def _build(self) -> None:
        surface, curve, data = self.fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.2, 1, 1]})
        self.fig.subplots_adjust(left=0.06, right=0.98, bottom=0.14, top=0.82, wspace=0.3)
        W, B = np.meshgrid(np.linspace(*W_RANGE, 121), np.linspace(*B_RANGE, 121))
        surface.contour(W, B, line_loss(self.x, self.y, W, B), levels=LEVELS, cmap="viridis")
        best = np.polyfit(self.x, self.y, 1)
        surface.plot(*best, "*", color="gold", mec="k", ms=14, zorder=5)
        surface.plot(*self.start, "s", color="k", ms=6)
        surface.set(xlim=W_RANGE, ylim=B_RANGE, xlabel="weight w", ylabel="bias b")
        surface.set_title("loss over (w, b); ★ = minimum", fontsize=10)
        (self._path,) = surface.plot([], [], "-o", color="tab:red", ms=3, lw=1)
        curve.set(yscale="log", ylim=LOSS_RANGE, xlim=(0, 100), xlabel="step", ylabel="loss")
        curve.set_title("loss per step (log scale)", fontsize=10)
        (self._losses,) = curve.plot([], [], color="tab:red")
        data.scatter(self.x, self.y, s=12, color="tab:blue")
        data.set(xlim=(-0.2, 3.2), ylim=(-1.5, 6.5), xlabel="x", ylabel="y")
        data.set_title("the data and the line w x + b", fontsize=10)
        (self._fit,) = data.plot([], [], color="tab:red")
        for artist in (self._path, self._losses, self._fit):
            self._animate(artist)

    def _compute(self) -> tuple[np.ndarray, np.ndarray]:
        v = self.values
        key = (v["lr"], v["steps"], v["batch_size"])
        if getattr(self, "_cache_key", None) != key:
            lr, steps, batch_size = key
            epochs = math.ceil(steps / math.ceil(len(self.x) / batch_size))
            with np.errstate(over="ignore", invalid="ignore"):
                path = descent_path(
                    self.x, self.y, lr, epochs, batch_size=batch_size,
                    rng=np.random.default_rng(self.seed), start=self.start,
                )[: steps + 1]  # fmt: skip
                losses = line_loss(self.x, self.y, path[:, 0], path[:, 1])
            ends = np.flatnonzero(~(losses < DIVERGED))
            stop = len(losses) if ends.size == 0 else ends[0] + 1  # stop once it blew up
            self._cached = path[:stop], losses[:stop]
            self._cache_key = key
        return self._cached

    def _extra_state(self) -> dict:
        path, losses = self._compute()
        return {
            "path": path,
            "losses": losses,
            "diverged": bool(not losses[-1] < DIVERGED or losses[-1] > losses[0]),
            "w": float(path[-1, 0]),
            "b": float(path[-1, 1]),
        }

    def _draw(self) -> None:
        state = self._extra_state()
        path, losses = state["path"], state["losses"]
        shown = np.clip(path, -1e3, 1e3)  # keep huge values drawable
        self._path.set_data(shown[:, 0], shown[:, 1])
        self._losses.set_data(np.arange(len(losses)), np.clip(losses, *LOSS_RANGE))
        xs = np.array([-1.2, 3.2])
        self._fit.set_data(xs, shown[-1, 0] * xs + shown[-1, 1])
        v = self.values
        kind = {1: "stochastic", len(self.x): "full batch"}.get(v["batch_size"], "mini-batch")
        verdict = "DIVERGING: the loss grows" if state["diverged"] else "converging"
        self._set_caption(
            f"lr = {v['lr']:.3g}, {len(losses) - 1} steps, batch size {v['batch_size']} "
            f"({kind});  loss {losses[0]:.3g} -> {losses[-1]:.3g}  ({verdict})\n"
            f"end: w = {state['w']:.3g}, b = {state['b']:.3g}"
        )


def descent_explorer(
    rng: np.random.Generator | None = None, lr: float = 0.05, steps: int = 30, batch_size=None
) -> DescentExplorer:
    """Gradient descent on lesson 06's line fit, from ``w = b = 0``, for a chosen lr, steps, batch.

    The data are the lesson's own 40 points (:func:`~wbcourse.lessonlib.lesson06.line_data`):
    the same best line (w = 1.50, b = 0.49) and the same edge of divergence for full
    batches (a learning rate of about 0.26).

    Parameters
    ----------
    rng : numpy.random.Generator, optional
        Seeds the shuffles of the mini-batches (``default_rng(0)`` when omitted).
    lr : float
    steps : int
    batch_size : int, optional
        Full batch when omitted.

    Returns
    -------
    DescentExplorer

    Examples
    --------
    >>> explorer = descent_explorer(np.random.default_rng(0))
    >>> explorer.set(lr=0.251).state["diverged"], explorer.set(lr=0.282).state["diverged"]
    (False, True)
    """
    seed = int((rng if rng is not None else np.random.default_rng(0)).integers(2**31))
    x, y = line_data()
    return DescentExplorer(x, y, lr=lr, steps=steps, batch_size=batch_size, seed=seed)
