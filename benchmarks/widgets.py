"""Responsiveness of the explorers: median redraw latency per slider move and the
training playground's updates per second.

Targets: a slider move redraws in under 100 ms (median); the playground shows at least
10 updates per second. ``python -m benchmarks`` calls :func:`run`; on its own:
``python -m benchmarks.widgets``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

LATENCY_TARGET_MS = 100.0
UPDATES_TARGET = 10.0


def _median_ms(explorer, name: str, values) -> float:
    """Median wall time of ``explorer.controls[name].value = v`` (redraw included)."""
    times = []
    for value in values:
        start = time.perf_counter()
        explorer.controls[name].value = value
        times.append(time.perf_counter() - start)
    return 1000.0 * statistics.median(times)


def slider_latencies(moves: int = 30, epochs: int = 600) -> dict[str, float]:
    """Median redraw latency in ms for one slider of each explorer."""
    from wbcourse import widgets
    from wbcourse.widgets.regularization import L2_VALUES

    sweep = list(np.linspace(-2.5, 2.5, moves))
    rng = np.random.default_rng
    neuron = widgets.neuron_explorer(rng=rng(0))
    activation = widgets.activation_explorer("sigmoid")
    descent = widgets.descent_explorer(rng(0), steps=50)
    playground = widgets.training_playground("moons")
    regularization = widgets.regularization_explorer(rng(0), epochs=epochs)
    race = widgets.optimizer_race(steps=100)
    l2_moves = [L2_VALUES[i % len(L2_VALUES)] for i in range(1, moves + 1)]
    return {
        "neuron_explorer (w1)": _median_ms(neuron, "w1", sweep),
        "activation_explorer (w)": _median_ms(activation, "w", sweep),
        "descent_explorer (lr)": _median_ms(descent, "lr", list(np.geomspace(1e-3, 0.6, moves))),
        "training_playground (lr)": _median_ms(
            playground, "lr", list(np.geomspace(1e-3, 1.0, moves))
        ),
        "regularization_explorer (l2)": _median_ms(regularization, "l2", l2_moves),
        "optimizer_race (lr)": _median_ms(race, "lr", list(np.geomspace(3e-3, 1.0, moves))),
    }


def playground_updates_per_second(seconds: float = 5.0) -> float:
    """Redraws per second while the playground trains in its background thread."""
    from wbcourse import widgets

    playground = widgets.training_playground("moons", hidden_layers=2, units=8)
    playground.step()  # warm up: the first render draws the whole figure
    start_redraws, start = playground.redraws, time.perf_counter()
    playground.train()
    time.sleep(seconds)
    playground.pause()
    elapsed = time.perf_counter() - start
    return (playground.redraws - start_redraws) / elapsed


def run(quick: bool = False, repeats: int = 5) -> list[dict]:
    """Measure and print; return rows for the benchmark table (``benchmarks.Row`` fields).

    ``repeats`` scales the number of slider moves (``6 * repeats``); ``quick`` uses
    5 moves, 1 s of training and a short regularization fit.
    """
    moves = 5 if quick else max(6 * repeats, 10)
    latencies = slider_latencies(moves, epochs=50 if quick else 600)
    rate = playground_updates_per_second(1.0 if quick else 5.0)
    note = f"median of {moves} slider moves, redraw and image encoding included"
    rows = [
        {"group": "widgets", "name": f"redraw {name}", "median": ms, "unit": "ms",
         "target": f"< {LATENCY_TARGET_MS:.0f}", "note": note}
        for name, ms in latencies.items()
    ]  # fmt: skip
    rows.append(
        {"group": "widgets", "name": "training playground updates", "median": rate,
         "unit": "/s", "target": f">= {UPDATES_TARGET:.0f}",
         "note": "redraws per second while training in the background thread (moons, 2x8)"}
    )  # fmt: skip
    for row in rows:
        print(f"  {row['name']:42s} {row['median']:7.1f} {row['unit']:4s} (target {row['target']})")
    return rows


if __name__ == "__main__":
    run()
