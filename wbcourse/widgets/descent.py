"""Gradient-descent explorer: the path of (mini-batch) GD on the loss surface of
``y = w x + b`` (lesson 06)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from wbcourse.losses import mse
from wbcourse.widgets._base import Explorer, slider

__all__ = ["DescentExplorer", "descent_explorer", "descent_path", "line_data"]

W_RANGE = (-3.0, 5.0)
B_RANGE = (-5.0, 4.0)
LOSS_RANGE = (1e-2, 1e4)
DIVERGED = 1e8


def line_data(rng: np.random.Generator, n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Noisy points on ``y = 2 x - 1``: ``x ~ U(-1, 3)``, ``y = 2 x - 1 + 0.5 * noise``.

    Returns
    -------
    x, y : ndarray, shape (n,)
    """
    x = rng.uniform(-1.0, 3.0, n)
    return x, 2.0 * x - 1.0 + 0.5 * rng.standard_normal(n)


def loss_surface(x: np.ndarray, y: np.ndarray, W: np.ndarray, B: np.ndarray) -> np.ndarray:
    """MSE ``mean((w x + b - y)**2)`` at every grid point; ``W``, ``B`` of shape (H, K)."""
    residual = W[..., None] * x + B[..., None] - y
    return np.mean(residual**2, axis=-1)


def descent_path(
    x: np.ndarray,
    y: np.ndarray,
    start: tuple[float, float],
    lr: float,
    steps: int,
    batch_size: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Mini-batch gradient descent on ``loss = mse(w x + b, y)``.

    Each step draws ``batch_size`` rows without replacement, gets ``dpred`` from
    :func:`wbcourse.losses.mse` and updates ``w -= lr * sum(dpred * x)``,
    ``b -= lr * sum(dpred)``. Stops early once the loss passes 1e8 (diverged).

    Returns
    -------
    path : ndarray, shape (S + 1, 2)
        ``(w, b)`` after 0, 1, ..., S steps (S <= steps).
    losses : ndarray, shape (S + 1,)
        Full-data loss at each point of the path.

    Examples
    --------
    >>> x, y = np.array([0.0, 1.0]), np.array([1.0, 3.0])  # y = 2 x + 1
    >>> path, losses = descent_path(x, y, (0.0, 0.0), 0.3, 100, 2, np.random.default_rng(0))
    >>> path[-1].round(3).tolist(), bool(losses[-1] < 1e-6)
    ([2.0, 1.0], True)
    """
    w, b = start
    path, losses = [(w, b)], [mse(w * x + b, y)[0]]
    for _ in range(steps):
        rows = rng.choice(len(x), size=batch_size, replace=False)
        _, dpred = mse(w * x[rows] + b, y[rows])
        w, b = w - lr * float(dpred @ x[rows]), b - lr * float(dpred.sum())
        path.append((w, b))
        losses.append(mse(w * x + b, y)[0])
        if not losses[-1] < DIVERGED:
            break
    return np.array(path), np.array(losses)


class DescentExplorer(Explorer):
    """The loss surface over ``(w, b)`` and the path gradient descent takes on it.

    Controls: ``lr`` (learning rate, log slider), ``steps``, ``batch_size`` (1 is
    stochastic, N is full batch). The mini-batches come from a fresh
    ``default_rng(seed)`` each time, so a setting always draws the same path.
    :attr:`state` adds ``path`` (S + 1, 2), ``losses`` (S + 1,), ``diverged`` and
    ``w``, ``b`` at the end.
    """

    figsize = (10.5, 3.6)

    def __init__(self, x, y, start=(-2.0, 3.0), lr=0.05, steps=30, batch_size=None, seed=0):
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
        levels = np.geomspace(0.2, 200, 12)
        surface.contour(W, B, loss_surface(self.x, self.y, W, B), levels=levels, cmap="viridis")
        best = np.polyfit(self.x, self.y, 1)
        surface.plot(*best, "*", color="gold", mec="k", ms=14)
        surface.plot(*self.start, "s", color="k", ms=6)
        surface.set(xlim=W_RANGE, ylim=B_RANGE, xlabel="weight w", ylabel="bias b")
        surface.set_title("loss over (w, b); ★ = minimum", fontsize=10)
        (self._path,) = surface.plot([], [], "-o", color="tab:red", ms=3, lw=1)
        curve.set(yscale="log", ylim=LOSS_RANGE, xlim=(0, 100), xlabel="step", ylabel="loss")
        curve.set_title("loss per step (log scale)", fontsize=10)
        (self._losses,) = curve.plot([], [], color="tab:red")
        data.scatter(self.x, self.y, s=12, color="tab:blue")
        data.set(xlim=(-1.2, 3.2), ylim=(-5, 7), xlabel="x", ylabel="y")
        data.set_title("the data and the line w x + b", fontsize=10)
        (self._fit,) = data.plot([], [], color="tab:red")
        for artist in (self._path, self._losses, self._fit):
            self._animate(artist)

    def _compute(self) -> tuple[np.ndarray, np.ndarray]:
        v = self.values
        key = (v["lr"], v["steps"], v["batch_size"])
        if getattr(self, "_cache_key", None) != key:
            rng = np.random.default_rng(self.seed)
            with np.errstate(over="ignore", invalid="ignore"):
                self._cached = descent_path(self.x, self.y, self.start, *key, rng)
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
    """Gradient descent on the loss surface of a line fit, for a chosen lr, steps, batch.

    Parameters
    ----------
    rng : numpy.random.Generator, optional
        Makes the data (``default_rng(0)`` when omitted).
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
    >>> explorer.set(lr=0.6).state["diverged"]
    True
    """
    x, y = line_data(rng if rng is not None else np.random.default_rng(0))
    return DescentExplorer(x, y, lr=lr, steps=steps, batch_size=batch_size)
