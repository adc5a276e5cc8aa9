"""Answers to lesson 09's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_STATS = "def activation_stats(X, params, activation):\n"
_HE = "def he_init(fan_in, fan_out, rng):\n"

ANSWERS = [
    # 09.1 max_unit_difference
    Answer(
        "09.1",
        "compares down the columns",
        "def max_unit_difference(W):\n    return float(np.max(np.ptp(W, axis=0)))",
        "09.1/inside-unit",
    ),
    Answer(
        "09.1",
        "largest minus smallest of the whole matrix",
        "def max_unit_difference(W):\n    return float(W.max() - W.min())",
        "09.1/all-entries",
    ),
    Answer(
        "09.1",
        "no absolute value",
        "def max_unit_difference(W):\n    return float(np.max(W - W[:, [0]]))",
        "09.1/no-abs",
    ),
    Answer(
        "09.1",
        "every unit against the first one",
        "def max_unit_difference(W):\n"
        "    largest = 0.0\n"
        "    for j in range(1, W.shape[1]):\n"
        "        largest = max(largest, float(np.abs(W[:, j] - W[:, 0]).max()))\n"
        "    return largest",
        "09.1/first-unit",
    ),
    Answer(
        "09.1",
        "each pair compared one way, without abs",
        "def max_unit_difference(W):\n"
        "    largest = 0.0\n"
        "    for j in range(W.shape[1]):\n"
        "        for k in range(j + 1, W.shape[1]):\n"
        "            largest = max(largest, float(np.max(W[:, j] - W[:, k])))\n"
        "    return largest",
        "09.1/one-way",
    ),
    Answer(
        "09.1",
        "only units 0 and 1",
        "def max_unit_difference(W):\n    return float(np.abs(W[:, 0] - W[:, 1]).max())",
        "09.1/first-two",
    ),
    Answer(
        "09.1",
        "neighbouring units with np.diff",
        "def max_unit_difference(W):\n    return float(np.abs(np.diff(W, axis=1)).max())",
        "09.1/adjacent",
    ),
    Answer(
        "09.1",
        "neighbouring units in a loop",
        "def max_unit_difference(W):\n"
        "    best = 0.0\n"
        "    for j in range(W.shape[1] - 1):\n"
        "        best = max(best, np.max(np.abs(W[:, j + 1] - W[:, j])))\n"
        "    return float(best)",
        "09.1/adjacent",
    ),
    Answer(
        "09.1",
        "one value per row",
        "def max_unit_difference(W):\n    return W.max(axis=1) - W.min(axis=1)",
        "09.1/per-input",
    ),
    Answer(
        "09.1",
        "all pairs with loops",
        "def max_unit_difference(W):\n"
        "    best = 0.0\n"
        "    for j in range(W.shape[1]):\n"
        "        for k in range(W.shape[1]):\n"
        "            best = max(best, float(np.max(np.abs(W[:, j] - W[:, k]))))\n"
        "    return best",
    ),
    Answer(
        "09.1",
        "broadcast pairwise differences",
        "def max_unit_difference(W):\n    return np.abs(W[:, :, None] - W[:, None, :]).max()",
    ),
    Answer(
        "09.1",
        "np.ptp along the rows",
        "def max_unit_difference(W):\n    return float(np.ptp(W, axis=1).max())",
    ),
    Answer(
        "09.1",
        "calls the course's version",
        "def max_unit_difference(W):\n    return course_max_unit_difference(W)",
        "course/library",
    ),
    # 09.2 he_init
    Answer(
        "09.2",
        "np.sqrt(2) / fan_in",
        _HE + "    return np.sqrt(2) / fan_in * rng.standard_normal((fan_in, fan_out))",
        "09.2/root-of-two",
    ),
    Answer(
        "09.2",
        "the std passed as the mean",
        _HE + "    return rng.normal(np.sqrt(2 / fan_in), size=(fan_in, fan_out))",
        "09.2/std-as-mean",
    ),
    Answer(
        "09.2",
        "std = 2 / fan_in",
        _HE + "    return rng.normal(0.0, 2 / fan_in, size=(fan_in, fan_out))",
        "09.2/no-sqrt",
    ),
    Answer(
        "09.2",
        "scaled by fan_out",
        _HE + "    return np.sqrt(2 / fan_out) * rng.standard_normal((fan_in, fan_out))",
        "09.2/fan-out",
    ),
    Answer(
        "09.2",
        "uniform over plus or minus the std",
        _HE + "    limit = np.sqrt(2 / fan_in)\n"
        "    return rng.uniform(-limit, limit, size=(fan_in, fan_out))",
        "09.2/uniform-range",
    ),
    Answer(
        "09.2",
        "shape transposed",
        _HE + "    return np.sqrt(2 / fan_in) * rng.standard_normal((fan_out, fan_in))",
        "09.2/transposed",
    ),
    Answer(
        "09.2",
        "Xavier instead of He",
        _HE + "    return np.sqrt(2 / (fan_in + fan_out)) * rng.standard_normal((fan_in, fan_out))",
        "09.2/xavier",
    ),
    Answer(
        "09.2",
        "1 / sqrt(fan_in), no factor 2",
        _HE + "    return rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)",
        "09.2/no-two",
    ),
    Answer(
        "09.2",
        "a plain standard normal",
        _HE + "    return rng.standard_normal(size=(fan_in, fan_out))",
        "09.2/unscaled",
    ),
    Answer(
        "09.2",
        "rng.random: only positive weights",
        _HE + "    return np.sqrt(2 / fan_in) * rng.random((fan_in, fan_out))",
        "09.2/positive",
    ),
    Answer(
        "09.2",
        "global np.random",
        _HE + "    return np.random.randn(fan_in, fan_out) * np.sqrt(2 / fan_in)",
        "09.2/ignored-rng",
    ),
    Answer(
        "09.2",
        "a new generator with a fixed seed",
        _HE + "    own = np.random.default_rng(0)\n"
        "    return own.normal(0.0, np.sqrt(2 / fan_in), (fan_in, fan_out))",
        "09.2/same-every-call",
    ),
    Answer(
        "09.2",
        "a normal draw clipped at two stds: near Xavier's std on a wide-in, narrow-out layer",
        _HE + "    std = np.sqrt(2.0 / fan_in)\n"
        "    return np.clip(rng.normal(0.0, std, size=(fan_in, fan_out)), -2 * std, 2 * std)",
        message="standard deviation",
    ),
    Answer(
        "09.2",
        "imports the course's he",
        "from wbcourse.init import he as he_init",
        "course/library",
    ),
    Answer(
        "09.2",
        "He uniform with the right variance, not the normal draw the task asks for",
        _HE + "    limit = np.sqrt(6 / fan_in)\n"
        "    return rng.uniform(-limit, limit, size=(fan_in, fan_out))",
        "09.2/uniform",
    ),
    Answer(
        "09.2",
        "rng.normal with the variance's square root",
        "import math\n" + _HE + "    variance = 2 / fan_in\n"
        "    return rng.normal(loc=0, scale=math.sqrt(variance), size=[fan_in, fan_out])",
    ),
    # 09.3 activation_stats
    Answer(
        "09.3",
        "statistics of Z",
        _STATS + "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        Z = A @ params[f'W{l}'] + params[f'b{l}']\n"
        "        A = activation(Z)\n"
        "        out.append((Z.mean(), Z.std()))\n"
        "    return np.array(out)",
        "09.3/weighted-sums",
    ),
    Answer(
        "09.3",
        "no bias",
        _STATS + "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'])\n"
        "        out.append((A.mean(), A.std()))\n"
        "    return np.array(out)",
        "09.3/no-bias",
    ),
    Answer(
        "09.3",
        "np.var",
        _STATS + "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        out.append((np.mean(A), np.var(A)))\n"
        "    return np.array(out)",
        "09.3/variance",
    ),
    Answer(
        "09.3",
        "the input counted as a layer",
        _STATS + "    A = X\n"
        "    out = [(A.mean(), A.std())]\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        out.append((A.mean(), A.std()))\n"
        "    return np.array(out)",
        "09.3/input-as-layer",
    ),
    Answer(
        "09.3",
        "std per unit, then averaged",
        _STATS + "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        out.append((A.mean(), A.std(axis=0).mean()))\n"
        "    return np.array(out)",
        "09.3/per-unit-std",
    ),
    Answer(
        "09.3",
        "the output layer left linear",
        _STATS + "    L = len(params) // 2\n"
        "    out, A = [], X\n"
        "    for l in range(1, L + 1):\n"
        "        Z = A @ params[f'W{l}'] + params[f'b{l}']\n"
        "        A = activation(Z) if l < L else Z\n"
        "        out.append((A.mean(), A.std()))\n"
        "    return np.array(out)",
        "09.3/last-linear",
    ),
    Answer(
        "09.3",
        "layers from sorted keys",
        _STATS + "    weights = [params[k] for k in sorted(params) if k.startswith('W')]\n"
        "    biases = [params[k] for k in sorted(params) if k.startswith('b')]\n"
        "    out, A = [], X\n"
        "    for W, b in zip(weights, biases):\n"
        "        A = activation(A @ W + b)\n"
        "        out.append([A.mean(), A.std()])\n"
        "    return np.array(out)",
        "09.3/string-order",
    ),
    Answer(
        "09.3",
        "std first, then mean",
        _STATS + "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        out.append((A.std(), A.mean()))\n"
        "    return np.array(out)",
        "09.3/swapped-columns",
    ),
    Answer(
        "09.3",
        "a list of means and a list of stds",
        _STATS + "    means, stds, A = [], [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        means.append(A.mean())\n"
        "        stds.append(A.std())\n"
        "    return np.array([means, stds])",
        "09.3/one-row-per-statistic",
    ),
    Answer(
        "09.3",
        "a list of tuples from a while loop, mean via sum",
        _STATS + "    result, A, layer = [], X, 1\n"
        "    while f'W{layer}' in params:\n"
        "        A = activation(np.dot(A, params[f'W{layer}']) + params[f'b{layer}'])\n"
        "        mean = A.sum() / A.size\n"
        "        result.append((float(mean), float(np.sqrt(((A - mean) ** 2).mean()))))\n"
        "        layer += 1\n"
        "    return result",
    ),
    Answer(
        "09.3",
        "keys sorted by their number, columns stacked",
        _STATS + "    layers = sorted((int(k[1:]) for k in params if k[0] == 'W'))\n"
        "    means, stds, A = [], [], X\n"
        "    for l in layers:\n"
        "        A = activation(A @ params['W' + str(l)] + params['b' + str(l)])\n"
        "        means.append(np.mean(A))\n"
        "        stds.append(np.std(A))\n"
        "    return np.column_stack([means, stds])",
    ),
    Answer(
        "09.3",
        "calls the course's version",
        "activation_stats = course_activation_stats",
        "course/library",
    ),
    # 09.4 a weight scale
    Answer("09.4", "Xavier's 1 / sqrt(n)", "relu_std = 1 / np.sqrt(RELU_WIDTH)", "09.4/vanish"),
    Answer("09.4", "a round number that is too small", "relu_std = 0.05", "09.4/vanish"),
    Answer("09.4", "the variance instead of the std", "relu_std = 2 / RELU_WIDTH", "09.4/variance"),
    Answer("09.4", "a round number that is too large", "relu_std = 0.1", "09.4/explode"),
    Answer("09.4", "a string", "relu_std = '0.088'", "09.4/not-a-number"),
    Answer("09.4", "a negative number", "relu_std = -0.088", "09.4/not-a-number"),
    Answer("09.4", "He, rounded by hand", "relu_std = 0.088"),
    Answer("09.4", "He via the formula", "relu_std = (2 / 256) ** 0.5"),
    Answer("09.4", "a 0-d numpy array", "relu_std = np.sqrt(np.array(2.0) / RELU_WIDTH)"),
    Answer(
        "09.3",
        "the sample standard deviation",
        "def activation_stats(X, params, activation):\n"
        "    rows, A = [], X\n"
        "    for layer in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{layer}'] + params[f'b{layer}'])\n"
        "        rows.append([A.mean(), A.std(ddof=1)])\n"
        "    return np.array(rows)",
        "09.3/ddof",
    ),
    Answer(
        "09.1",
        "largest std of a row",
        "def max_unit_difference(W):\n    return float(np.max(np.std(W, axis=1)))",
        "09.1/std",
    ),
    Answer(
        "09.1",
        "range of the sizes",
        "def max_unit_difference(W):\n"
        "    sizes = np.abs(W)\n"
        "    return float(np.max(sizes.max(axis=1) - sizes.min(axis=1)))",
        "09.1/abs-ranges",
    ),
    Answer(
        "09.1",
        "first against last",
        "def max_unit_difference(W):\n    return float(np.abs(W[:, 0] - W[:, -1]).max())",
        "09.1/first-last",
    ),
    Answer(
        "09.1",
        "averages the per-input spreads instead of taking the largest",
        "def max_unit_difference(W):\n    return float(np.mean(W.max(axis=1) - W.min(axis=1)))",
        "09.1/mean-range",
    ),
    Answer(
        "09.3",
        "off by one: records each layer's input A_{l-1} (starting with X) instead of its output",
        "def activation_stats(X, params, activation):\n"
        "    L = len(params) // 2\n"
        "    A = X\n"
        "    stats = []\n"
        "    for layer in range(1, L + 1):\n"
        "        stats.append((A.mean(), A.std()))\n"
        '        A = activation(A @ params[f"W{layer}"] + params[f"b{layer}"])\n'
        "    return np.array(stats)",
        "09.3/inputs",
    ),
    Answer(
        "09.3",
        "off by one in the layer count: range(1, len(params) // 2) skips the last layer",
        "def activation_stats(X, params, activation):\n"
        "    A = X\n"
        "    stats = []\n"
        "    for layer in range(1, len(params) // 2):\n"
        '        A = activation(A @ params[f"W{layer}"] + params[f"b{layer}"])\n'
        "        stats.append((A.mean(), A.std()))\n"
        "    return np.array(stats)",
        "09.3/no-last-layer",
    ),
    Answer(
        "09.3",
        "hard-codes ReLU with np.maximum instead of using the activation argument",
        "def activation_stats(X, params, activation):\n"
        "    L = len(params) // 2\n"
        "    A = X\n"
        "    stats = []\n"
        "    for layer in range(1, L + 1):\n"
        '        A = np.maximum(0, A @ params[f"W{layer}"] + params[f"b{layer}"])\n'
        "        stats.append((A.mean(), A.std()))\n"
        "    return np.array(stats)",
        "09.3/relu-hard-coded",
    ),
]
