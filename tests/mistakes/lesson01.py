"""Answers to lesson 01's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    Answer(
        "01.1",
        "a misspelt name",
        "def weighted_sum(x, w, b):\n    total = x @ w\n    return totl + b",
        "course/undefined",
    ),
    Answer(
        "01.1", "no bias", "def weighted_sum(x, w, b):\n    return float(x @ w)", "01.1/no-bias"
    ),
    Answer(
        "01.1",
        "products, no sum",
        "def weighted_sum(x, w, b):\n    return x * w + b",
        "01.1/no-sum",
    ),
    Answer(
        "01.1",
        "bias added per input",
        "def weighted_sum(x, w, b):\n    return float(np.sum(x * w + b))",
        "01.1/bias-per-input",
    ),
    Answer(
        "01.1",
        "multiplied by the bias",
        "def weighted_sum(x, w, b):\n    return float(np.dot(x, w) * b)",
        "01.1/times-bias",
    ),
    Answer(
        "01.1",
        "the activation inside (the seed's 'output of an input')",
        "def weighted_sum(x, w, b):\n    return float(sigmoid(x @ w + b))",
        "01.1/activation-inside",
    ),
    Answer(
        "01.1",
        "a Python loop",
        "def weighted_sum(x, w, b):\n"
        "    total = b\n"
        "    for xi, wi in zip(x, w):\n"
        "        total += xi * wi\n"
        "    return total",
    ),
    Answer(
        "01.1",
        "changes x in place",
        "def weighted_sum(x, w, b):\n    x *= w\n    return float(x.sum() + b)",
        "course/mutated",
    ),
    Answer(
        "01.1",
        "imports the library's answer",
        "from wbcourse.exercises.lesson01 import _weighted_sum as weighted_sum",
        "course/library",
    ),
    Answer(
        "01.2",
        "a column of D ones",
        "def add_bias_input(X):\n"
        "    ones = np.ones((X.shape[1], 1))\n"
        "    return np.concatenate([X, ones], axis=1)",
        "01.2/d-rows",
    ),
    Answer(
        "01.2",
        "a flat vector of ones",
        "def add_bias_input(X):\n    return np.hstack((X, np.ones(X.shape[0])))",
        "01.2/flat-ones",
    ),
    Answer(
        "01.2",
        "np.append without an axis",
        "def add_bias_input(X):\n    return np.append(X, np.ones(X.shape[0]))",
        "course/flattened",
    ),
    Answer(
        "01.2",
        "the example's three rows, hard-coded",
        "def add_bias_input(X):\n    return np.hstack([X, np.ones((3, 1))])",
        "course/example-only",
    ),
    Answer(
        "01.2",
        "zeros column",
        "def add_bias_input(X):\n    return np.hstack([X, np.zeros((len(X), 1))])",
        "01.2/zeros",
    ),
    Answer(
        "01.2",
        "ones first",
        "def add_bias_input(X):\n    return np.hstack([np.ones((len(X), 1)), X])",
        "01.2/first",
    ),
    Answer(
        "01.2",
        "a row of ones",
        "def add_bias_input(X):\n    return np.vstack([X, np.ones(X.shape[1])])",
        "01.2/row",
    ),
    Answer(
        "01.2",
        "np.pad with a constant",
        "def add_bias_input(X):\n    return np.pad(X, ((0, 0), (0, 1)), constant_values=1.0)",
    ),
    Answer("01.2", "np.c_", "def add_bias_input(X):\n    return np.c_[X, np.ones(X.shape[0])]"),
    Answer(
        "01.2",
        "nested lists",
        "def add_bias_input(X):\n    return [list(row) + [1.0] for row in X]",
        "course/not-an-array",
    ),
    Answer("01.3", "sigmoid(0)", "def output_at_zero(w, b):\n    return 0.5", "01.3/no-bias"),
    Answer("01.3", "answered 0", "def output_at_zero(w, b):\n    return 0.0", "01.3/zero"),
    Answer("01.3", "returns z", "def output_at_zero(w, b):\n    return b", "01.3/z"),
    Answer(
        "01.3",
        "uses the weights",
        "def output_at_zero(w, b):\n    return float(sigmoid(w.sum() + b))",
        "01.3/weights",
    ),
    Answer(
        "01.3",
        "the step function",
        "def output_at_zero(w, b):\n    return float(step(b))",
        "01.3/step",
    ),
    Answer(
        "01.3", "sigmoid written out", "def output_at_zero(w, b):\n    return 1 / (1 + np.exp(-b))"
    ),
    Answer(
        "01.4",
        "AND with the OR bias",
        "w_and, b_and = np.array([1.0, 1.0]), -0.5\n"
        "w_or, b_or = np.array([1.0, 1.0]), -0.5\n"
        "w_not, b_not = np.array([-1.0]), 0.5",
        "01.4/another-gate",
        "computes OR",
    ),
    Answer(
        "01.4",
        "NOT without a bias",
        "w_and, b_and = np.array([1.0, 1.0]), -1.5\n"
        "w_or, b_or = np.array([1.0, 1.0]), -0.5\n"
        "w_not, b_not = np.array([-1.0]), 0.0",
        "01.4/zero-input",
    ),
    Answer(
        "01.4",
        "weights on the boundary",
        "w_and, b_and = np.array([1.0, 1.0]), -1.0\n"
        "w_or, b_or = np.array([1.0, 1.0]), -0.01\n"
        "w_not, b_not = np.array([-1.0]), 0.5",
        "01.4/no-margin",
    ),
    Answer(
        "01.4",
        "two biases for AND",
        "w_and, b_and = np.array([1.0, 1.0]), np.array([-0.75, -0.75])\n"
        "w_or, b_or = np.array([1.0, 1.0]), -0.5\n"
        "w_not, b_not = np.array([-1.0]), 0.5",
        "01.4/shape",
    ),
    Answer(
        "01.4",
        "scaled weights and lists",
        "w_and, b_and = [10, 10], -15\nw_or, b_or = [4.0, 4.0], -2\nw_not, b_not = [-3.0], 1.5",
    ),
    Answer(
        "01.3",
        "wrong sign inside the sigmoid",
        "def output_at_zero(w, b):\n    return float(1 / (1 + np.exp(b)))",
        "01.3/sign",
    ),
    Answer(
        "01.1",
        "the bias subtracted",
        "def weighted_sum(x, w, b):\n    return float(np.dot(x, w) - b)",
        "01.1/bias-subtracted",
    ),
    Answer(
        "01.1",
        "x + w summed",
        "def weighted_sum(x, w, b):\n    return float(np.sum(x + w) + b)",
        "01.1/added",
    ),
    Answer(
        "01.1",
        "average of the products",
        "def weighted_sum(x, w, b):\n    products = x * w\n    return float(products.mean() + b)",
        "01.1/mean",
    ),
    Answer(
        "01.1",
        "sum times sum",
        "def weighted_sum(x, w, b):\n    return float(x.sum() * w.sum() + b)",
        "01.1/sums-multiplied",
    ),
    Answer(
        "01.2",
        "np.append without axis",
        "def add_bias_input(X):\n    return np.append(X, 1)",
        "01.2/flattened",
    ),
    Answer(
        "01.2",
        "ones_like glued on",
        "def add_bias_input(X):\n    return np.concatenate([X, np.ones_like(X)], axis=1)",
        "01.2/ones-like",
    ),
    Answer(
        "01.2",
        "last column replaced",
        "def add_bias_input(X):\n"
        "    out = np.array(X, dtype=float)\n"
        "    out[:, -1] = 1.0\n"
        "    return out",
        "01.2/overwrote",
    ),
    Answer(
        "01.3",
        "bias added to the sigmoid",
        "def output_at_zero(w, b):\n    return float(sigmoid(0.0)) + b",
        "01.3/bias-after",
    ),
    Answer(
        "01.3",
        "x * w without the sum",
        "def output_at_zero(w, b):\n    x = np.zeros_like(w)\n    return sigmoid(x * w + b)",
        "01.3/elementwise",
    ),
    Answer(
        "01.1",
        "the loop overwrites the running total (only the last product survives)",
        "def weighted_sum(x, w, b):\n"
        "    total = 0\n"
        "    for i in range(len(x)):\n"
        "        total = x[i] * w[i]\n"
        "    return float(total + b)",
        "01.1/last-product",
    ),
    Answer(
        "01.1",
        "off-by-one loop bound skips the last input",
        "def weighted_sum(x, w, b):\n"
        "    z = b\n"
        "    for i in range(len(x) - 1):\n"
        "        z = z + x[i] * w[i]\n"
        "    return float(z)",
        "01.1/skipped-last",
    ),
    Answer(
        "01.2",
        "adds 1 to every entry of X instead of adding a column",
        "def add_bias_input(X):\n    return X + 1",
        "01.2/plus-one",
    ),
    Answer(
        "01.3",
        "rounds the result to 3 decimals",
        "def output_at_zero(w, b):\n    return round(float(sigmoid(b)), 3)",
        "course/rounded",
    ),
    Answer(
        "01.1",
        "prints the sum instead of returning it",
        "def weighted_sum(x, w, b):\n    print(float(x @ w + b))",
        "course/none",
    ),
    Answer(
        "01.4",
        "NOT left out: AND and OR still count",
        "w_and, b_and = np.array([1.0, 1.0]), -1.5\nw_or, b_or = np.array([1.0, 1.0]), -0.5",
        "course/undefined",
    ),
]
