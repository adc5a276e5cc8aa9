"""Numeric core: one training step of the course's MLPs.

The step under test is the course's own: ``wbcourse.network.loss_and_grads``
(forward, softmax cross-entropy, backward) followed by ``wbcourse.optim.sgd_step``.
It is compared, in the same run and interleaved, with

- the same step in PyTorch on the CPU (float64 like numpy, the idiomatic
  ``nn.Sequential`` + ``CrossEntropyLoss`` + ``optim.SGD`` step), when torch is
  installed;
- a naive per-sample Python loop (one example at a time, numpy vectors), the
  way the step is written before it is vectorised.

At a large size (batch 4096, width 512) it reports the achieved FLOP rate as a
fraction of a bare ``X @ W`` of the same shapes.
"""

from __future__ import annotations

import statistics

import numpy as np

from benchmarks import Row, paired_times, ratio_row
from wbcourse.network import init_params, loss_and_grads
from wbcourse.optim import sgd_step

GROUP = "core"
LR = 0.1

# (label, layer sizes, batch sizes): the letters (5x5 pixels, A/B/C) and the 2-D sets.
COURSE_SIZES = [
    ("letters 25-16-3", [25, 16, 3], [32, 256]),
    ("2-D 2-32-32-2", [2, 32, 32, 2], [32, 256]),
]
QUICK_SIZES = [("letters 25-16-3", [25, 16, 3], [32])]


def _data(sizes, batch, rng):
    X = rng.standard_normal((batch, sizes[0]))
    y = rng.integers(0, sizes[-1], batch)
    return init_params(sizes, rng), X, y


def wbcourse_step(params, X, y):
    """The course's training step: loss, gradients, one SGD update."""
    _, grads = loss_and_grads(params, X, y)
    return sgd_step(params, grads, LR)


def naive_step(params, X, y):
    """The same step computed one example at a time in a Python loop."""
    num_layers = len(params) // 2
    Ws = [params[f"W{layer}"] for layer in range(1, num_layers + 1)]
    bs = [params[f"b{layer}"] for layer in range(1, num_layers + 1)]
    dWs = [np.zeros_like(W) for W in Ws]
    dbs = [np.zeros_like(b) for b in bs]
    n = len(X)
    for x, label in zip(X, y, strict=True):
        activations, zs = [x], []
        for layer in range(num_layers):
            z = activations[-1] @ Ws[layer] + bs[layer]
            zs.append(z)
            activations.append(z if layer == num_layers - 1 else np.maximum(z, 0.0))
        logits = activations[-1]
        exp = np.exp(logits - logits.max())
        delta = exp / exp.sum()
        delta[label] -= 1.0
        for layer in range(num_layers - 1, -1, -1):
            if layer < num_layers - 1:
                delta = delta * (zs[layer] > 0)
            dWs[layer] += np.outer(activations[layer], delta) / n
            dbs[layer] += delta / n
            delta = Ws[layer] @ delta
    new = {}
    for layer in range(num_layers):
        new[f"W{layer + 1}"] = Ws[layer] - LR * dWs[layer]
        new[f"b{layer + 1}"] = bs[layer] - LR * dbs[layer]
    return new


def torch_step_factory(params, X, y):
    """The same step in PyTorch (CPU, float64), or None when torch is not installed."""
    try:
        import torch
    except ImportError:
        return None
    num_layers = len(params) // 2
    modules = []
    for layer in range(1, num_layers + 1):
        W = params[f"W{layer}"]
        linear = torch.nn.Linear(W.shape[0], W.shape[1], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T.copy()))
            linear.bias.copy_(torch.from_numpy(params[f"b{layer}"]))
        modules.append(linear)
        if layer < num_layers:
            modules.append(torch.nn.ReLU())
    # One intra-op thread: at these sizes torch's thread pool only costs (with 2 threads
    # on this loaded 2-core machine a step took 10-40 ms instead of < 1 ms).
    torch.set_num_threads(1)
    model = torch.nn.Sequential(*modules)
    loss_fn = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(X_t), y_t)
        loss.backward()
        optimizer.step()

    return step


def _number(seconds_hint: float, budget: float = 0.05) -> int:
    """How many calls fit in ``budget`` seconds, at least 1."""
    return max(1, int(budget / max(seconds_hint, 1e-7)))


def _calibrate(fn) -> float:
    import time

    fn()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def course_rows(quick: bool, repeats: int) -> list[Row]:
    """wbcourse step vs PyTorch vs a per-sample loop at the course's sizes."""
    rng = np.random.default_rng(0)
    rows = []
    torch_missing = False
    for label, sizes, batches in QUICK_SIZES if quick else COURSE_SIZES:
        for batch in batches:
            params, X, y = _data(sizes, batch, rng)
            fns = {
                "wbcourse": lambda p=params, X=X, y=y: wbcourse_step(p, X, y),
                "naive": lambda p=params, X=X, y=y: naive_step(p, X, y),
            }
            torch_step = torch_step_factory(params, X, y)
            if torch_step is None:
                torch_missing = True
            else:
                fns["torch"] = torch_step
            number = _number(_calibrate(fns["wbcourse"]))
            times = paired_times(fns, repeats=repeats, number=number)
            ours = statistics.median(times["wbcourse"])
            name = f"step {label}, batch {batch}"
            rows.append(Row(GROUP, name, ours * 1e6, "us", note="loss_and_grads + sgd_step, numpy"))
            if "torch" in times:
                ratios = [a / b for a, b in zip(times["wbcourse"], times["torch"], strict=True)]
                rows.append(
                    ratio_row(
                        GROUP,
                        f"  vs PyTorch CPU ({statistics.median(times['torch']) * 1e6:.0f} us)",
                        ours * 1e6,
                        "us",
                        statistics.median(ratios),
                        "<= 1.0",
                        "ratio = wbcourse time / torch time (float64, nn + optim.SGD, 1 thread)",
                    )
                )
            ratios = [a / b for a, b in zip(times["wbcourse"], times["naive"], strict=True)]
            rows.append(
                ratio_row(
                    GROUP,
                    f"  vs per-sample loop ({statistics.median(times['naive']) * 1e6:.0f} us)",
                    ours * 1e6,
                    "us",
                    statistics.median(ratios),
                    "",
                    "ratio = wbcourse time / naive loop time (lower is better)",
                )
            )
    if torch_missing:
        rows.append(
            Row(
                GROUP,
                "  vs PyTorch CPU",
                None,
                "us",
                note="skipped: torch is not installed (pip install torch, CPU wheel)",
            )
        )
    return rows


def large_rows(quick: bool, repeats: int) -> list[Row]:
    """FLOP rate of the step at batch 4096, width 512, as a fraction of a bare ``X @ W``."""
    batch, width = (256, 64) if quick else (4096, 512)
    sizes = [width] * 4  # three width x width layers: every matmul has the shapes of X @ W
    rng = np.random.default_rng(1)
    params, X, y = _data(sizes, batch, rng)
    W = params["W1"]
    times = paired_times(
        {"step": lambda: wbcourse_step(params, X, y), "matmul": lambda: X @ W},
        repeats=repeats,
        number=1 if not quick else 3,
    )
    # Useful FLOPs: forward X @ W per layer, dW = A.T @ dZ per layer, dA = dZ @ W.T for
    # every layer but the first (nobody needs the gradient of the input data).
    matmul_flops = 2.0 * batch * width * width
    num_layers = len(sizes) - 1
    step_flops = matmul_flops * (3 * num_layers - 1)
    step_rate = [step_flops / t for t in times["step"]]
    mm_rate = [matmul_flops / t for t in times["matmul"]]
    fractions = [s / m for s, m in zip(step_rate, mm_rate, strict=True)]
    return [
        Row(
            GROUP,
            f"bare X @ W ({batch}x{width} @ {width}x{width})",
            statistics.median(mm_rate) / 1e9,
            "GFLOP/s",
            note="numpy matmul, float64",
        ),
        ratio_row(
            GROUP,
            f"step {'-'.join(map(str, sizes))}, batch {batch}",
            statistics.median(step_rate) / 1e9,
            "GFLOP/s",
            statistics.median(fractions),
            ">= 0.7",
            f"ratio = step FLOP rate / bare matmul rate ({3 * num_layers - 1} useful matmuls)",
        ),
    ]


def run(quick: bool = False, repeats: int = 7) -> list[Row]:
    """All rows of the numeric-core group."""
    return course_rows(quick, repeats) + large_rows(quick, repeats)
