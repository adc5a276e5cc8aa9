"""Activation explorer: an activation, its derivative and ``a = f(w x + b)`` (lesson 03)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from wbcourse import activations
from wbcourse.plotting import SATURATION
from wbcourse.widgets._base import Explorer, dropdown, slider

__all__ = ["ActivationExplorer", "activation_explorer", "derivative", "saturated"]

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "step")
Z_RANGE = (-6.0, 6.0)
X_RANGE = (-3.0, 3.0)


def forward(name: str, z: np.ndarray) -> np.ndarray:
    """``f(z)`` for an activation name (``"step"`` included)."""
    if name == "step":
        return activations.step(z)
    return activations.get(name)[0](z)


def derivative(name: str, z: np.ndarray) -> np.ndarray:
    """``f'(z)``, from the backward pass with upstream gradient 1 (0 for the step).

    Examples
    --------
    >>> derivative("sigmoid", np.array([0.0]))
    array([0.25])
    """
    z = np.asarray(z, dtype=float)
    if name == "step":
        return np.zeros_like(z)
    return activations.get(name)[1](np.ones_like(z), z)


def saturated(name: str, z: np.ndarray, fraction: float = SATURATION) -> np.ndarray:
    """Where the activation is (nearly) flat: ``f'(z) < fraction * max f'``.

    ``fraction`` is 5 % by default, the threshold of every figure of the course.

    There the gradient that flows back is tiny, so the weights feeding the unit
    barely learn. The step is flat everywhere (its derivative is 0 almost everywhere).

    Returns
    -------
    mask : ndarray of bool, shape of ``z``

    Examples
    --------
    >>> saturated("relu", np.array([-1.0, 1.0])).tolist()
    [True, False]
    """
    slope = np.abs(derivative(name, z))
    top = slope.max() if slope.max() > 0 else 1.0
    return slope < fraction * top


class ActivationExplorer(Explorer):
    """Pick an activation; see ``f``, ``f'``, the saturated region and ``f(w x + b)``.

    Controls: ``activation``, ``w``, ``b`` and ``x`` (an input whose ``z = w x + b``
    is marked). :attr:`state` adds ``z``, ``a = f(z)``, ``slope = f'(z)``,
    ``saturated`` (is ``z`` in the flat region) and ``z_range`` (the z reached by
    inputs ``x`` in [-3, 3]).
    """

    def __init__(self, activation="sigmoid", w=1.0, b=0.0, x=1.0):
        self._initial = {"activation": activation, "w": w, "b": b, "x": x}
        super().__init__()

    def _make_controls(self) -> dict:
        init = self._initial
        return {
            "activation": dropdown("f", NAMES, init["activation"], width="150px"),
            "w": slider(widgets.FloatSlider, "weight w", init["w"], min=-4, max=4, step=0.05),
            "b": slider(widgets.FloatSlider, "bias b", init["b"], min=-5, max=5, step=0.05),
            "x": slider(widgets.FloatSlider, "input x", init["x"], min=-3, max=3, step=0.05),
        }

    def _build(self) -> None:
        self._z = np.linspace(*Z_RANGE, 481)
        self._x = np.linspace(*X_RANGE, 241)
        left, right = self.fig.subplots(1, 2)
        self.fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.82, wspace=0.22)
        for ax in (left, right):
            ax.axhline(0, color="grey", lw=0.5)
            ax.axvline(0, color="grey", lw=0.5)
            ax.set_ylim(-1.3, 1.5)
        left.set(xlim=Z_RANGE, xlabel="z")
        right.set(xlim=X_RANGE, xlabel="input x", ylabel="a = f(w x + b)")
        right.set_title("the neuron's output over its input", fontsize=10)
        self._left, self._right = left, right
        self._static_activation = None
        self._band = self._animate(left.axvspan(0, 0, color="tab:green", alpha=0.15, lw=0))
        (self._f_line,) = left.plot([], [], color="tab:blue", lw=2, label="f(z)")
        (self._df_line,) = left.plot([], [], color="tab:red", lw=1.5, ls="--", label="f'(z)")
        left.legend(loc="upper left", fontsize=8)
        (self._z_point,) = left.plot([], [], "o", color="tab:green", ms=8)
        (self._a_line,) = right.plot([], [], color="tab:blue", lw=2)
        (self._x_point,) = right.plot([], [], "o", color="tab:green", ms=8)
        for artist in (self._z_point, self._a_line, self._x_point):
            self._animate(artist)

    def _draw_static(self, name: str) -> None:
        """Redraw what depends only on the activation: curves and shaded flat regions."""
        for patch in getattr(self, "_shades", []):
            patch.remove()
        self._f_line.set_data(self._z, forward(name, self._z))
        self._df_line.set_data(self._z, derivative(name, self._z))
        flat = saturated(name, self._z)
        self._shades = [
            self._left.fill_between(
                self._z, -10, 10, where=flat, color="grey", alpha=0.2, lw=0, label=None
            )
        ]
        self._left.set_title(
            f"{name}: grey = saturated (f' < {SATURATION:.0%} of its max)", fontsize=10
        )
        ylim = (-1.3, 4.0) if name in ("relu", "leaky_relu") else (-1.3, 1.5)
        self._left.set_ylim(*ylim)
        self._right.set_ylim(*ylim)
        self._static_activation = name
        self._invalidate()

    def _extra_state(self) -> dict:
        v = self.values
        name, z = v["activation"], v["w"] * v["x"] + v["b"]
        ends = sorted(v["w"] * np.array(X_RANGE) + v["b"])
        return {
            "z": float(z),
            "a": float(forward(name, np.array(z))),
            "slope": float(derivative(name, np.array([z]))[0]),
            "saturated": bool(saturated(name, np.append(self._z, z))[-1]),
            "z_range": (float(ends[0]), float(ends[1])),
        }

    def _draw(self) -> None:
        v = self.values
        if v["activation"] != self._static_activation:
            self._draw_static(v["activation"])
        state = self._extra_state()
        low, high = state["z_range"]
        self._band.set_x(low)
        self._band.set_width(high - low)
        self._z_point.set_data([np.clip(state["z"], *Z_RANGE)], [state["a"]])
        self._a_line.set_data(self._x, forward(v["activation"], v["w"] * self._x + v["b"]))
        self._x_point.set_data([v["x"]], [state["a"]])
        flat = "saturated: the gradient barely flows" if state["saturated"] else "not saturated"
        self._set_caption(
            f"z = w x + b = ({v['w']:.2f})({v['x']:.2f}) + ({v['b']:.2f}) = {state['z']:.2f};  "
            f"a = {v['activation']}(z) = {state['a']:.3f};  f'(z) = {state['slope']:.3f} "
            f"({flat})\ngreen band: the z that inputs x in [-3, 3] reach "
            f"({low:.2f} to {high:.2f}); w stretches it, b shifts it"
        )


def activation_explorer(activation: str = "sigmoid", w: float = 1.0, b: float = 0.0):
    """An activation, its derivative, its saturated region and ``a = f(w x + b)``.

    Parameters
    ----------
    activation : {"sigmoid", "tanh", "relu", "leaky_relu", "step"}
    w, b : float
        Initial weight and bias.

    Returns
    -------
    ActivationExplorer

    Examples
    --------
    >>> explorer = activation_explorer("tanh")
    >>> explorer.set(w=4.0, b=2.0).state["saturated"]
    True
    """
    return ActivationExplorer(activation=activation, w=w, b=b)
