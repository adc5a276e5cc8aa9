"""Figures the lessons draw. matplotlib is imported here, lazily, and nowhere in the core."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = [
    "CLASS_COLORS",
    "NEGATIVE_COLOR",
    "POSITIVE_COLOR",
    "SATURATION",
    "WEIGHT_CMAP",
    "boundary_line",
    "decision_regions",
    "figure",
    "scatter_classes",
]

CLASS_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
#: The course draws every weight the same way: blue when positive, red when negative ...
POSITIVE_COLOR = "tab:blue"
NEGATIVE_COLOR = "tab:red"
#: ... and, as an image, from red (negative) through white (0) to blue (positive).
WEIGHT_CMAP = "RdBu"
#: An activation counts as saturated where its slope is below this share of its largest slope.
SATURATION = 0.05


def figure(ncols: int = 1, width: float = 4.0, height: float = 3.6):
    """A row of ``ncols`` axes, sized for a notebook. Returns ``(fig, axes)``."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), squeeze=False)
    return fig, axes[0]


def scatter_classes(ax, X: np.ndarray, y: np.ndarray, size: float = 40) -> None:
    """Scatter 2-D points ``X`` (N, 2) coloured by integer labels ``y`` (N,)."""
    for label in np.unique(y):
        rows = y == label
        ax.scatter(
            X[rows, 0],
            X[rows, 1],
            s=size,
            color=CLASS_COLORS[int(label) % len(CLASS_COLORS)],
            edgecolor="black",
            linewidth=0.5,
            label=f"class {label}",
            zorder=3,
        )


def boundary_line(ax, w: np.ndarray, b: float, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5)) -> None:
    """Draw the line ``w[0] x + w[1] y + b = 0`` of a 2-input neuron and shade where z > 0.

    Parameters
    ----------
    ax : matplotlib Axes
    w : ndarray, shape (2,)
        The neuron's weights.
    b : float
        The neuron's bias.
    """
    xs, ys = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    z = w[0] * xs + w[1] * ys + b
    ax.contourf(xs, ys, z > 0, levels=[-0.5, 0.5, 1.5], colors=["#ffffff", "#fde7c8"])
    if np.any(z > 0) and np.any(z <= 0):
        ax.contour(xs, ys, z, levels=[0.0], colors="black", linewidths=1.5)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")


def decision_regions(
    ax, predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray, y: np.ndarray, margin=0.5
) -> None:
    """Colour the plane by ``predict`` (M, 2) -> (M,) labels and scatter ``X``, ``y`` on top."""
    from matplotlib.colors import ListedColormap

    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xs, ys = np.meshgrid(np.linspace(lo[0], hi[0], 200), np.linspace(lo[1], hi[1], 200))
    labels = predict(np.column_stack([xs.ravel(), ys.ravel()])).reshape(xs.shape)
    n_classes = int(max(labels.max(), y.max())) + 1
    cmap = ListedColormap(CLASS_COLORS[:n_classes])
    ax.contourf(xs, ys, labels, levels=np.arange(n_classes + 1) - 0.5, cmap=cmap, alpha=0.25)
    scatter_classes(ax, X, y)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
