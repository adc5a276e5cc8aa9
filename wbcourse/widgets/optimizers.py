"""Optimizer race: SGD, momentum, RMSProp and Adam as paths on lesson 06's loss map, with
learning-rate decay, mini-batches and centred inputs (lesson 12)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from wbcourse.lessonlib.lesson06 import LR_TARGET, line_data, line_loss
from wbcourse.lessonlib.lesson12 import METHODS, line_curvatures, optimizer_path
from wbcourse.widgets._base import Explorer, slider

__all__ = ["OptimizerRace", "optimizer_race"]

LABELS = {"sgd": "SGD", "momentum": "momentum", "rmsprop": "RMSProp", "adam": "Adam"}
COLORS = {"sgd": "tab:red", "momentum": "tab:blue", "rmsprop": "tab:green", "adam": "tab:purple"}
W_RANGE = (-0.5, 3.0)
B_RANGE = (-1.0, 4.0)
MAX_STEPS = 150
EXCESS_RANGE = (1e-6, 1e2)  # loss minus the best loss, log scale


def _best_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """``(w, b)`` of the least-squares line and its loss."""
    w, b = np.polyfit(x, y, 1)
    return float(w), float(b), float(line_loss(x, y, w, b))


def _reached(excess: np.ndarray, target: float) -> int | None:
    """The step from which the excess loss stays at or below ``target``; None if never."""
    above = np.flatnonzero(~(excess <= target))
    if above.size == 0:
        return 0
    return None if above[-1] == len(excess) - 1 else int(above[-1] + 1)


class OptimizerRace(Explorer):
    """Four optimizers from the same start on the loss map of lesson 06's line fit.

    Controls: ``lr`` (shared by all four, log slider), ``steps``, ``beta`` (momentum's
    beta), ``decay`` (every step uses ``lr / (1 + decay * t)``), ``batch_size`` (the
    number of points per step; all four see the same batches) and ``centre``
    (subtract the mean of x first: input normalization). Each setting is computed
    once for :data:`MAX_STEPS` steps; moving ``steps`` only cuts the paths, and
    moving ``beta`` recomputes only momentum's.
    :attr:`state` adds, per optimizer name, ``paths`` (S + 1, 2), ``losses``
    (S + 1,), ``reached`` (the step from which the loss stays below lesson 06's
    target 0.072, or None) and ``diverged``; and ``condition`` and ``edge`` (the
    condition number of the map and SGD's divergence edge ``2 / steepest curvature``).
    """

    figsize = (10.5, 3.9)
    control_rows = (("lr", "steps", "beta"), ("decay", "batch_size", "centre"))

    def __init__(
        self,
        x,
        y,
        lr=0.1,
        steps=100,
        beta=0.9,
        decay=0.0,
        batch_size=None,
        centre=False,
        start=(0.0, 0.0),
        seed=0,
    ):
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.start, self.seed = (float(start[0]), float(start[1])), seed
        size = len(self.x) if batch_size is None else batch_size
        self._initial = {
            "lr": lr, "steps": steps, "beta": beta, "decay": decay, "batch_size": size,
            "centre": centre,
        }  # fmt: skip
        self._cache: dict[str, tuple] = {}
        super().__init__()

    def _make_controls(self) -> dict:
        init = self._initial
        return {
            "lr": slider(
                widgets.FloatLogSlider,
                "learning rate",
                init["lr"],
                base=10,
                min=-2.5,
                max=0.3,
                step=0.05,
                readout_format=".3g",
            ),
            "steps": slider(widgets.IntSlider, "steps", init["steps"], min=5, max=MAX_STEPS),
            "beta": slider(
                widgets.FloatSlider, "momentum β", init["beta"], min=0.0, max=0.99, step=0.01
            ),
            "decay": slider(
                widgets.FloatSlider, "lr decay k", init["decay"], min=0.0, max=0.5, step=0.01
            ),
            "batch_size": slider(
                widgets.IntSlider, "batch size", init["batch_size"], min=1, max=len(self.x)
            ),
            "centre": widgets.Checkbox(
                value=init["centre"], description="centre x (input normalization)", indent=False
            ),
        }

    def _inputs(self, centre: bool) -> np.ndarray:
        return self.x - self.x.mean() if centre else self.x

    def _build(self) -> None:
        surface, curve = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.0, 1.25]})
        self.fig.subplots_adjust(left=0.06, right=0.98, bottom=0.13, top=0.8, wspace=0.22)
        W, B = np.meshgrid(np.linspace(*W_RANGE, 90), np.linspace(*B_RANGE, 90))
        self._maps = {}
        for centre in (False, True):
            x = self._inputs(centre)
            w, b, best = _best_line(x, self.y)
            excess = line_loss(x, self.y, W, B) - best
            levels = np.geomspace(0.01, 30, 10)
            contours = surface.contour(W, B, excess, levels=levels, cmap="viridis", linewidths=0.8)
            (star,) = surface.plot(w, b, "*", color="gold", mec="k", ms=14)
            self._maps[centre] = (contours, star)
        self._best = best  # centring changes the coordinates, not the best line's loss
        surface.plot(*self.start, "s", color="k", ms=5)
        surface.set(xlim=W_RANGE, ylim=B_RANGE, xlabel="weight w", ylabel="bias b")
        surface.set_title("paths on the loss map; ★ = minimum", fontsize=10)
        curve.set(yscale="log", ylim=EXCESS_RANGE, xlim=(0, MAX_STEPS), xlabel="step")
        curve.set_yticks([1e-6, 1e-4, 1e-2, 1.0, 1e2])
        curve.minorticks_off()  # log-scale minor ticks cost more to draw than everything else
        curve.set_ylabel("loss − best loss", fontsize=9)
        curve.set_title("distance to the best loss (log scale)", fontsize=10)
        curve.axhline(LR_TARGET - self._best, color="grey", ls=":", lw=1)
        self._paths, self._curves = {}, {}
        for method in METHODS:
            (self._paths[method],) = surface.plot(
                [], [], "-", color=COLORS[method], lw=1.3, marker=".", ms=3
            )
            (self._curves[method],) = curve.plot(
                [], [], color=COLORS[method], lw=1.3, label=LABELS[method]
            )
            self._animate(self._paths[method])
            self._animate(self._curves[method])
        curve.plot([], [], ":", color="grey", lw=1, label=f"loss {LR_TARGET:g}")
        curve.legend(loc="upper right", fontsize=8, ncols=5)
        self._shown, self._backgrounds = None, {}
        self._show_map(self._initial["centre"])

    def _show_map(self, centre: bool) -> None:
        """Show the raw or the centred map: a change of the static part.

        The rendered static part of each map is kept, so ticking ``centre`` back and
        forth draws the whole figure only the first time.
        """
        if centre == self._shown:
            return
        self._backgrounds[self._shown] = self._background
        for key, artists in self._maps.items():
            for artist in artists:
                artist.set_visible(key == centre)
        self._background = self._backgrounds.get(centre)  # None: draw everything
        self._shown = centre

    def _full_path(self, method: str) -> np.ndarray:
        """The path of :data:`MAX_STEPS` steps for the current settings, computed once."""
        v = self.values
        key = (v["lr"], v["decay"], v["batch_size"], v["centre"])
        key += (v["beta"],) if method == "momentum" else ()
        if self._cache.get(method, (None,))[0] != key:
            batch = None if v["batch_size"] == len(self.x) else v["batch_size"]
            path = optimizer_path(
                self._inputs(v["centre"]), self.y, method, v["lr"], MAX_STEPS, beta=v["beta"],
                decay=v["decay"], batch_size=batch, rng=np.random.default_rng(self.seed),
                start=self.start,
            )  # fmt: skip
            self._cache[method] = (key, path)
        return self._cache[method][1]

    def _extra_state(self) -> dict:
        v = self.values
        x = self._inputs(v["centre"])
        flat, steep = line_curvatures(x)
        paths, losses, reached, diverged = {}, {}, {}, {}
        for method in METHODS:
            full = self._full_path(method)
            path = full[: v["steps"] + 1]
            loss = line_loss(x, self.y, path[:, 0], path[:, 1])
            paths[method], losses[method] = path, loss
            diverged[method] = bool(len(full) < MAX_STEPS + 1 or not loss[-1] < loss[0])
            target = LR_TARGET - self._best
            reached[method] = None if diverged[method] else _reached(loss - self._best, target)
        return {
            "paths": paths,
            "losses": losses,
            "reached": reached,
            "diverged": diverged,
            "condition": float(steep / flat),
            "edge": float(2.0 / steep),
        }

    def _draw(self) -> None:
        self._show_map(self.values["centre"])
        state = self._extra_state()
        results = []
        for method in METHODS:
            path, loss = state["paths"][method], state["losses"][method]
            shown = np.clip(path, -1e3, 1e3)  # keep huge values drawable
            self._paths[method].set_data(shown[:, 0], shown[:, 1])
            excess = np.clip(loss - self._best, *EXCESS_RANGE)
            self._curves[method].set_data(np.arange(len(loss)), excess)
            if state["diverged"][method]:
                verdict = "diverges"
            elif state["reached"][method] is None:
                verdict = f"loss {loss[-1]:.4f}, not yet"
            else:
                verdict = f"< {LR_TARGET:g} from step {state['reached'][method]}"
            results.append(f"{LABELS[method]}: {verdict}")
        v = self.values
        batch = "full batch" if v["batch_size"] == len(self.x) else f"batch size {v['batch_size']}"
        inputs = "centred x" if v["centre"] else "raw x"
        self._set_caption(
            f"lr = {v['lr']:.3g}, decay k = {v['decay']:g}, momentum β = {v['beta']:g}, {batch}, "
            f"{v['steps']} steps; {inputs}: condition number {state['condition']:.3g}, "
            f"SGD diverges above lr = {state['edge']:.3g}\n" + ";  ".join(results)
        )


def optimizer_race(
    lr: float = 0.1,
    steps: int = 100,
    beta: float = 0.9,
    decay: float = 0.0,
    batch_size: int | None = None,
    centre: bool = False,
) -> OptimizerRace:
    """SGD, momentum, RMSProp and Adam on lesson 06's line fit, from ``(w, b) = (0, 0)``.

    Parameters
    ----------
    lr : float
        The learning rate of all four.
    steps : int
        At most :data:`MAX_STEPS`.
    beta : float
        Momentum's beta.
    decay : float
        ``k`` of the decay ``lr / (1 + k * t)``.
    batch_size : int, optional
        Full batch when omitted.
    centre : bool
        Subtract the mean of x (input normalization).

    Returns
    -------
    OptimizerRace

    Examples
    --------
    >>> race = optimizer_race(lr=0.3)
    >>> race.state["diverged"]["sgd"], race.state["diverged"]["adam"]
    (True, False)
    >>> race.set(centre=True).state["diverged"]["sgd"]
    False
    """
    x, y = line_data()
    return OptimizerRace(
        x, y, lr=lr, steps=steps, beta=beta, decay=decay, batch_size=batch_size, centre=centre
    )
