"""Answers to lesson 09's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    # 09.1 max_unit_difference
    Answer(
        "09.1",
        "compares down the columns",
        "def max_unit_difference(W):\n    return float(np.max(np.ptp(W, axis=0)))",
        "compared the weights inside one unit",
    ),
    Answer(
        "09.1",
        "no absolute value",
        "def max_unit_difference(W):\n    return float(np.max(W - W[:, [0]]))",
        "forgot the absolute value",
    ),
    Answer(
        "09.1",
        "only units 0 and 1",
        "def max_unit_difference(W):\n    return float(np.abs(W[:, 0] - W[:, 1]).max())",
        "compared only the first two units",
    ),
    Answer(
        "09.1",
        "one value per row",
        "def max_unit_difference(W):\n    return W.max(axis=1) - W.min(axis=1)",
        "returned one value per input",
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
    # 09.2 he_init
    Answer(
        "09.2",
        "std = 2 / fan_in",
        "def he_init(fan_in, fan_out, rng):\n"
        "    return rng.normal(0.0, 2 / fan_in, size=(fan_in, fan_out))",
        "forgot the square root",
    ),
    Answer(
        "09.2",
        "scaled by fan_out",
        "def he_init(fan_in, fan_out, rng):\n"
        "    return np.sqrt(2 / fan_out) * rng.standard_normal((fan_in, fan_out))",
        "used fan_out",
    ),
    Answer(
        "09.2",
        "uniform over plus or minus the std",
        "def he_init(fan_in, fan_out, rng):\n"
        "    limit = np.sqrt(2 / fan_in)\n"
        "    return rng.uniform(-limit, limit, size=(fan_in, fan_out))",
        "uniform with the wrong range",
    ),
    Answer(
        "09.2",
        "shape transposed",
        "def he_init(fan_in, fan_out, rng):\n"
        "    return np.sqrt(2 / fan_in) * rng.standard_normal((fan_out, fan_in))",
        "shape transposed",
    ),
    Answer(
        "09.2",
        "Xavier instead of He",
        "def he_init(fan_in, fan_out, rng):\n"
        "    return np.sqrt(2 / (fan_in + fan_out)) * rng.standard_normal((fan_in, fan_out))",
        "used Xavier's formula",
    ),
    Answer(
        "09.2",
        "rng.random: only positive weights",
        "def he_init(fan_in, fan_out, rng):\n"
        "    return np.sqrt(2 / fan_in) * rng.random((fan_in, fan_out))",
        "all of them are positive",
    ),
    Answer(
        "09.2",
        "global np.random",
        "def he_init(fan_in, fan_out, rng):\n"
        "    return np.random.randn(fan_in, fan_out) * np.sqrt(2 / fan_in)",
        "ignored rng",
    ),
    Answer(
        "09.2",
        "imports the course's he",
        "from wbcourse.init import he as he_init",
        "wbcourse's own implementation",
    ),
    Answer(
        "09.2",
        "He uniform with the right variance",
        "def he_init(fan_in, fan_out, rng):\n"
        "    limit = np.sqrt(6 / fan_in)\n"
        "    return rng.uniform(-limit, limit, size=(fan_in, fan_out))",
    ),
    Answer(
        "09.2",
        "rng.normal with the variance's square root",
        "import math\n"
        "def he_init(fan_in, fan_out, rng):\n"
        "    variance = 2 / fan_in\n"
        "    return rng.normal(loc=0, scale=math.sqrt(variance), size=[fan_in, fan_out])",
    ),
    # 09.3 activation_stats
    Answer(
        "09.3",
        "statistics of Z",
        "def activation_stats(X, params, activation):\n"
        "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        Z = A @ params[f'W{l}'] + params[f'b{l}']\n"
        "        A = activation(Z)\n"
        "        out.append((Z.mean(), Z.std()))\n"
        "    return np.array(out)",
        "measured the weighted sums, not the activations",
    ),
    Answer(
        "09.3",
        "no bias",
        "def activation_stats(X, params, activation):\n"
        "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'])\n"
        "        out.append((A.mean(), A.std()))\n"
        "    return np.array(out)",
        "forgot the bias",
    ),
    Answer(
        "09.3",
        "np.var",
        "def activation_stats(X, params, activation):\n"
        "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        out.append((np.mean(A), np.var(A)))\n"
        "    return np.array(out)",
        "returned the variance, not the standard deviation",
    ),
    Answer(
        "09.3",
        "the input counted as a layer",
        "def activation_stats(X, params, activation):\n"
        "    A = X\n"
        "    out = [(A.mean(), A.std())]\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        out.append((A.mean(), A.std()))\n"
        "    return np.array(out)",
        "included the input as a layer",
    ),
    Answer(
        "09.3",
        "std per unit, then averaged",
        "def activation_stats(X, params, activation):\n"
        "    out, A = [], X\n"
        "    for l in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{l}'] + params[f'b{l}'])\n"
        "        out.append((A.mean(), A.std(axis=0).mean()))\n"
        "    return np.array(out)",
        "averaged the per-unit standard deviations",
    ),
    Answer(
        "09.3",
        "a list of tuples from a while loop, mean via sum",
        "def activation_stats(X, params, activation):\n"
        "    result, A, layer = [], X, 1\n"
        "    while f'W{layer}' in params:\n"
        "        A = activation(np.dot(A, params[f'W{layer}']) + params[f'b{layer}'])\n"
        "        mean = A.sum() / A.size\n"
        "        result.append((float(mean), float(np.sqrt(((A - mean) ** 2).mean()))))\n"
        "        layer += 1\n"
        "    return result",
    ),
    # 09.4 a weight scale
    Answer("09.4", "Xavier's 1 / sqrt(n)", "relu_std = 1 / np.sqrt(RELU_WIDTH)", "vanish"),
    Answer("09.4", "the variance instead of the std", "relu_std = 2 / RELU_WIDTH", "vanish"),
    Answer("09.4", "a round number that is too large", "relu_std = 0.1", "explode"),
    Answer("09.4", "a string", "relu_std = '0.088'", "must be a positive number"),
    Answer("09.4", "He, rounded by hand", "relu_std = 0.088"),
    Answer("09.4", "He via the formula", "relu_std = (2 / 256) ** 0.5"),
]
