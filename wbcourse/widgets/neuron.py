"""Neuron explorer: two weights and a bias over a 2-D data set (lessons 01 and 02)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import FancyArrowPatch

from wbcourse import activations, datasets
from wbcourse.plotting import CLASS_COLORS
from wbcourse.widgets._base import Explorer, dropdown, slider

__all__ = ["NeuronExplorer", "half_plane", "neuron_explorer", "neuron_line"]

LIMITS = (-1.0, 4.5)


def neuron_line(w: np.ndarray, b: float, xlim=LIMITS, ylim=LIMITS) -> np.ndarray:
    """Two points on the line ``w[0] x1 + w[1] x2 + b = 0``, spanning the box.

    Parameters
    ----------
    w : ndarray, shape (2,)
    b : float
    xlim, ylim : (float, float)

    Returns
    -------
    points : ndarray, shape (2, 2)
        Rows ``(x1, x2)``; empty (0, 2) when ``w = 0`` (no line).

    Examples
    --------
    >>> neuron_line(np.array([1.0, 1.0]), -2.0, (0, 4), (0, 4)).tolist()
    [[0.0, 2.0], [4.0, -2.0]]
    """
    w1, w2 = float(w[0]), float(w[1])
    if w1 == 0 and w2 == 0:
        return np.empty((0, 2))
    if abs(w2) >= abs(w1):
        x1 = np.array(xlim, dtype=float)
        return np.column_stack([x1, -(w1 * x1 + b) / w2])
    x2 = np.array(ylim, dtype=float)
    return np.column_stack([-(w2 * x2 + b) / w1, x2])


def half_plane(w: np.ndarray, b: float, xlim=LIMITS, ylim=LIMITS) -> np.ndarray:
    """Corners of the part of the box where ``z = w[0] x1 + w[1] x2 + b > 0``.

    The box is clipped by the line (one Sutherland-Hodgman pass).

    Returns
    -------
    polygon : ndarray, shape (M, 2)
        M = 0 when z <= 0 everywhere in the box.

    Examples
    --------
    >>> half_plane(np.array([1.0, 0.0]), -1.0, (0, 2), (0, 2)).tolist()
    [[1.0, 0.0], [2.0, 0.0], [2.0, 2.0], [1.0, 2.0]]
    """
    (x0, x1), (y0, y1) = xlim, ylim
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)
    z = corners @ np.asarray(w, dtype=float) + b
    kept = []
    for i in range(4):
        j = (i + 1) % 4
        if z[i] > 0:
            kept.append(corners[i])
        if (z[i] > 0) != (z[j] > 0):
            t = z[i] / (z[i] - z[j])
            kept.append(corners[i] + t * (corners[j] - corners[i]))
    return np.array(kept).reshape(-1, 2)


def default_data(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two blobs on the diagonal, away from the origin: no line through (0, 0) splits them.

    ``X = blobs(40) / 2`` rotated by 45 degrees and shifted by (2, 2).
    """
    X, y = datasets.blobs(40, rng, std=0.6)
    angle = np.pi / 4
    rotation = np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    return -0.5 * X @ rotation + 2.0, y


class NeuronExplorer(Explorer):
    """A neuron ``a = f(w1 x1 + w2 x2 + b)`` over 2-D points; predicted class ``z > 0``.

    Controls: ``w1``, ``w2``, ``b`` (sliders), ``use_bias`` (checkbox; off means
    ``b = 0`` and the line passes through the origin), ``point`` (index of the point
    whose weighted sum is shown), ``activation`` ("sigmoid" or "step").

    :attr:`state` adds ``bias`` (the bias in use), ``z`` and ``a`` for the chosen point,
    ``accuracy`` of the rule ``z > 0`` and ``line`` (2, 2), two points on the boundary.
    """

    figsize = (8.4, 3.6)
    control_rows = (("w1", "w2", "b"), ("use_bias", "point", "activation"))

    def __init__(self, X, y, w=(1.0, 0.5), b=-2.0, use_bias=True, activation="sigmoid"):
        self.X, self.y = np.asarray(X, dtype=float), np.asarray(y)
        self._initial = {"w1": w[0], "w2": w[1], "b": b, "use_bias": use_bias}
        self._initial["activation"] = activation
        super().__init__()

    def _make_controls(self) -> dict:
        init = self._initial
        return {
            "w1": slider(widgets.FloatSlider, "w₁", init["w1"], min=-3, max=3, step=0.05),
            "w2": slider(widgets.FloatSlider, "w₂", init["w2"], min=-3, max=3, step=0.05),
            "b": slider(widgets.FloatSlider, "bias b", init["b"], min=-6, max=6, step=0.05),
            "use_bias": widgets.Checkbox(
                value=init["use_bias"],
                description="use a bias",
                indent=False,
                layout=widgets.Layout(width="120px"),
            ),
            "point": slider(widgets.IntSlider, "point", 0, min=0, max=len(self.X) - 1),
            "activation": dropdown("f", ["sigmoid", "step"], init["activation"], width="140px"),
        }

    def _build(self) -> None:
        plane, curve = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.15]})
        self.fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.82, wspace=0.25)
        plane.set(xlim=LIMITS, ylim=LIMITS, aspect="equal", xlabel="$x_1$", ylabel="$x_2$")
        plane.axhline(0, color="grey", lw=0.5)
        plane.axvline(0, color="grey", lw=0.5)
        plane.plot([0], [0], "k+", ms=10)
        self._shade = self._animate(plane.fill([], [], color="#fde7c8", zorder=1)[0])
        self._points = []
        for label in np.unique(self.y):
            rows = self.y == label
            color = CLASS_COLORS[int(label) % len(CLASS_COLORS)]
            self._points.append(
                self._animate(
                    plane.scatter(*self.X[rows].T, s=28, color=color, edgecolor="k", lw=0.5)
                )
            )
        (self._line,) = plane.plot([], [], color="black", lw=2)
        self._animate(self._line)
        self._arrow = FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=14)
        self._arrow.set_color("tab:green")
        plane.add_patch(self._animate(self._arrow))
        (self._chosen,) = plane.plot([], [], "o", ms=13, mfc="none", mec="tab:green", mew=2)
        self._animate(self._chosen)
        plane.set_title("shaded: z > 0, predicted class 1", fontsize=10)
        z = np.linspace(-8, 8, 300)
        self._z_grid = z
        self._curve_axes = curve
        curve.set(xlim=(-8, 8), ylim=(-0.1, 1.1), xlabel="weighted sum z", ylabel="a = f(z)")
        curve.axhline(0.5, color="grey", lw=0.5, ls=":")
        curve.axvline(0, color="grey", lw=0.5, ls=":")
        (self._curve,) = curve.plot([], [], color="tab:orange")
        self._animate(self._curve)
        (self._z_marker,) = curve.plot([], [], "o", color="tab:green", ms=8)
        self._animate(self._z_marker)
        curve.set_title("the activation of the chosen point", fontsize=10)

    def _weights(self) -> tuple[np.ndarray, float]:
        values = self.values
        b = values["b"] if values["use_bias"] else 0.0
        return np.array([values["w1"], values["w2"]]), float(b)

    def _extra_state(self) -> dict:
        w, b = self._weights()
        x = self.X[self.values["point"]]
        z = float(x @ w + b)
        forward = activations.step if self.values["activation"] == "step" else activations.sigmoid
        return {
            "bias": b,
            "z": z,
            "a": float(forward(z)),
            "accuracy": float(np.mean((self.X @ w + b > 0) == (self.y == 1))),
            "line": neuron_line(w, b),
        }

    def _draw(self) -> None:
        self.controls["b"].disabled = not self.values["use_bias"]
        w, b = self._weights()
        state = self._extra_state()
        self._shade.set_xy(half_plane(w, b) if len(half_plane(w, b)) else np.zeros((1, 2)))
        self._line.set_data(*state["line"].T)
        self._arrow.set_positions((0, 0), (w[0], w[1]))
        x = self.X[self.values["point"]]
        self._chosen.set_data([x[0]], [x[1]])
        name = self.values["activation"]
        forward = activations.step if name == "step" else activations.sigmoid
        self._curve.set_data(self._z_grid, forward(self._z_grid))
        self._z_marker.set_data([np.clip(state["z"], -8, 8)], [state["a"]])
        bias_text = f" + ({b:.2f})" if self.values["use_bias"] else " (no bias)"
        self._set_caption(
            f"point {self.values['point']} (class {self.y[self.values['point']]}): "
            f"z = ({w[0]:.2f})({x[0]:.2f}) + ({w[1]:.2f})({x[1]:.2f}){bias_text} = {state['z']:.2f}"
            f";  a = {name}(z) = {state['a']:.3f}\n"
            f"green arrow: w = ({w[0]:.2f}, {w[1]:.2f});  "
            f"rule z > 0 classifies {state['accuracy']:.0%} of the points correctly"
        )


def neuron_explorer(
    X=None, y=None, *, w=(1.0, 0.5), b=-2.0, rng: np.random.Generator | None = None
) -> NeuronExplorer:
    """Sliders for two weights and a bias over 2-D points; the decision line follows.

    Parameters
    ----------
    X : array-like, shape (N, 2), optional
        Points; by default two blobs on the diagonal made with ``rng``.
    y : array-like of int, shape (N,), optional
        Labels 0/1.
    w : (float, float)
        Initial weights.
    b : float
        Initial bias.
    rng : numpy.random.Generator, optional
        For the default points; ``default_rng(0)`` when omitted.

    Returns
    -------
    NeuronExplorer
        Display it (last expression of a cell); drive it with ``.set(w1=..., b=...)``.

    Examples
    --------
    >>> explorer = neuron_explorer(rng=np.random.default_rng(0))
    >>> explorer.set(use_bias=False).state["bias"]
    0.0
    """
    if X is None:
        X, y = default_data(rng if rng is not None else np.random.default_rng(0))
    return NeuronExplorer(X, y, w=w, b=b)
