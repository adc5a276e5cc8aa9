"""Answers to lesson 02's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_SHAPES_RIGHT = (
    "W_shape = (784, 32)\nb_shape = (32,)\nZ_shape = (64, 32)\n"
    "W2_shape = (32, 10)\nb2_shape = (10,)\nZ2_shape = (64, 10)\n"
)


def _shapes(old: str, new: str) -> str:
    assert old in _SHAPES_RIGHT
    return _SHAPES_RIGHT.replace(old, new)


ANSWERS = [
    Answer(
        "02.1",
        "b[n] in a loop over the examples",
        "def dense_forward(X, W, b):\n"
        "    Z = []\n"
        "    for n in range(X.shape[0]):\n"
        "        Z.append(X[n] @ W + b[n])\n"
        "    return np.array(Z)",
        "02.1/bias-by-example",
    ),
    Answer(
        "02.1",
        "the bias added inside the loop over the inputs",
        "def dense_forward(X, W, b):\n"
        "    N, D_in = X.shape\n"
        "    Z = np.zeros((N, W.shape[1]))\n"
        "    for n in range(N):\n"
        "        for j in range(W.shape[1]):\n"
        "            for i in range(D_in):\n"
        "                Z[n, j] += X[n, i] * W[i, j] + b[j]\n"
        "    return Z",
        "02.1/bias-per-input",
    ),
    Answer(
        "02.1",
        "the first example only",
        "def dense_forward(X, W, b):\n    return X[0] @ W + b",
        "02.1/first-example",
    ),
    Answer(
        "02.1",
        "the example's sizes, 3 examples and 4 neurons, in the loops",
        "def dense_forward(X, W, b):\n"
        "    Z = np.zeros((3, 4))\n"
        "    for n in range(3):\n"
        "        for j in range(4):\n"
        "            Z[n, j] = X[n] @ W[:, j] + b[j]\n"
        "    return Z",
        "course/example-only",
    ),
    Answer(
        "02.1",
        "one output per input",
        "def dense_forward(X, W, b):\n"
        "    Z = np.zeros((X.shape[0], W.shape[0]))\n"
        "    for n in range(X.shape[0]):\n"
        "        for j in range(W.shape[0]):\n"
        "            Z[n, j] = np.dot(X[n], W[:, j]) + b[j]\n"
        "    return Z",
        "02.1/inputs-as-neurons",
    ),
    Answer("02.1", "no bias", "def dense_forward(X, W, b):\n    return X @ W", "02.1/no-bias"),
    Answer(
        "02.1",
        "one bias for the layer (the seed's 'one bias per layer')",
        "def dense_forward(X, W, b):\n    return X @ W + b[0]",
        "02.1/one-bias",
    ),
    Answer(
        "02.1",
        "bias as a column vector",
        "def dense_forward(X, W, b):\n    return X @ W + b.reshape(-1, 1)",
        "02.1/bias-column",
    ),
    Answer(
        "02.1",
        "column convention, Z transposed",
        "def dense_forward(X, W, b):\n    return W.T @ X.T + b[:, None]",
        "02.1/z-transposed",
    ),
    Answer(
        "02.1",
        "bias added to the inputs",
        "def dense_forward(X, W, b):\n    return (X + b) @ W",
        "02.1/bias-on-inputs",
    ),
    Answer(
        "02.1",
        "W transposed",
        "def dense_forward(X, W, b):\n    return np.dot(X, W.T) + b",
        "02.1/w-transposed",
    ),
    Answer(
        "02.1",
        "bias subtracted",
        "def dense_forward(X, W, b):\n    Z = X @ W\n    return Z - b",
        "02.1/bias-subtracted",
    ),
    Answer(
        "02.1",
        "ReLU inside the layer (the seed's 'activation is the output of an input')",
        "def dense_forward(X, W, b):\n    return np.maximum(0, X @ W + b)",
        "02.1/relu-inside",
    ),
    Answer(
        "02.1",
        "sigmoid inside the layer",
        "def dense_forward(X, W, b):\n    z = X @ W + b\n    return 1 / (1 + np.exp(-z))",
        "02.1/sigmoid-inside",
    ),
    Answer(
        "02.1",
        "adds the bias in place into X",
        "def dense_forward(X, W, b):\n    Z = X @ W\n    Z += b\n    X[0, 0] += 1e-3\n    return Z",
        "course/mutated",
    ),
    Answer(
        "02.1",
        "imports the library's layer",
        "from wbcourse.layers import dense_forward",
        "course/library",
    ),
    Answer(
        "02.1",
        "W @ X, as in maths books",
        "def dense_forward(X, W, b):\n    return W @ X + b",
        message="your code raised ValueError",
    ),
    Answer(
        "02.1",
        "loops over examples and neurons",
        "def dense_forward(X, W, b):\n"
        "    N, D_out = X.shape[0], W.shape[1]\n"
        "    Z = np.zeros((N, D_out))\n"
        "    for n in range(N):\n"
        "        for j in range(D_out):\n"
        "            Z[n, j] = np.dot(X[n], W[:, j]) + b[j]\n"
        "    return Z",
    ),
    Answer(
        "02.1",
        "np.dot and an explicit (1, D_out) bias",
        "def dense_forward(X, W, b):\n    return np.dot(X, W) + b.reshape(1, -1)",
    ),
    Answer(
        "02.1",
        "einsum",
        "def dense_forward(X, W, b):\n    return np.einsum('ni,ij->nj', X, W) + b",
    ),
    Answer(
        "02.1",
        "lesson 01's augmented inputs",
        "def dense_forward(X, W, b):\n"
        "    X1 = np.hstack([X, np.ones((X.shape[0], 1))])\n"
        "    return X1 @ np.vstack([W, b])",
    ),
    Answer(
        "02.2",
        "W transposed",
        _shapes("W_shape = (784, 32)", "W_shape = (32, 784)"),
        "02.2/transposed",
    ),
    Answer(
        "02.2",
        "Z transposed",
        _shapes("Z_shape = (64, 32)", "Z_shape = (32, 64)"),
        "02.2/transposed",
    ),
    Answer(
        "02.2",
        "one bias per layer",
        _shapes("b_shape = (32,)", "b_shape = (1,)"),
        "02.2/one-bias",
    ),
    Answer(
        "02.2",
        "a number instead of a tuple",
        _shapes("b_shape = (32,)", "b_shape = (32)"),
        "02.2/number",
    ),
    Answer(
        "02.2",
        "column bias",
        _shapes("b_shape = (32,)", "b_shape = (32, 1)"),
        "02.2/bias-2d",
    ),
    Answer(
        "02.2",
        "a bias for every example",
        _shapes("b_shape = (32,)", "b_shape = (64, 32)"),
        "02.2/bias-batch",
    ),
    Answer(
        "02.2",
        "a bias per input",
        _shapes("b_shape = (32,)", "b_shape = (784,)"),
        "02.2/bias-per-input",
    ),
    Answer(
        "02.2",
        "second layer fed with the pixels (hidden case)",
        _shapes("W2_shape = (32, 10)", "W2_shape = (784, 10)"),
        "02.2/pixels",
    ),
    Answer(
        "02.2",
        "each image kept as a 28 x 28 grid",
        _shapes("W_shape = (784, 32)", "W_shape = (28, 28, 32)"),
        "02.2/image-grid",
    ),
    Answer(
        "02.2",
        "Z of one example",
        _shapes("Z_shape = (64, 32)", "Z_shape = (32,)"),
        "02.2/missing-axis",
    ),
    Answer(
        "02.2",
        "W shaped like the input",
        _shapes("W_shape = (784, 32)", "W_shape = (64, 784)"),
        "02.2/input-shape",
    ),
    Answer(
        "02.2",
        "bias stacked under W, as in lesson 01",
        _shapes("W_shape = (784, 32)", "W_shape = (785, 32)"),
        "02.2/augmented",
    ),
    Answer(
        "02.2",
        "the number of weights as a shape",
        _shapes("W_shape = (784, 32)", "W_shape = (25088,)"),
        message="is not the right shape",
    ),
    Answer(
        "02.2",
        "numpy integers",
        "W_shape = (np.int64(784), 32)\nb_shape = (np.int64(32),)\nZ_shape = (64, 32)\n"
        "W2_shape = (32, 10)\nb2_shape = (10,)\nZ2_shape = (64, 10)\n",
    ),
    Answer(
        "02.2",
        "lists for tuples",
        "W_shape = [784, 32]\nb_shape = [32]\nZ_shape = [64, 32]\n"
        "W2_shape = [32, 10]\nb2_shape = [10]\nZ2_shape = [64, 10]\n",
        "02.2/list",
    ),
    Answer(
        "02.2",
        "computed from the sizes",
        "n, d_in, h, c = 64, 784, 32, 10\n"
        "W_shape, b_shape, Z_shape = (d_in, h), (h,), (n, h)\n"
        "W2_shape, b2_shape, Z2_shape = (h, c), (c,), (n, c)\n",
    ),
    Answer(
        "02.3",
        "two layers, hard-coded",
        "def count_parameters(sizes):\n"
        "    n_in, n_hidden, n_out = sizes[0], sizes[1], sizes[2]\n"
        "    return n_in * n_hidden + n_hidden + n_hidden * n_out + n_out",
        "course/example-only",
    ),
    Answer(
        "02.3",
        "weights only",
        "def count_parameters(sizes):\n"
        "    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))",
        "02.3/no-biases",
    ),
    Answer(
        "02.3",
        "one bias per layer",
        "def count_parameters(sizes):\n"
        "    total = 0\n"
        "    for a, b in zip(sizes[:-1], sizes[1:]):\n"
        "        total += a * b + 1\n"
        "    return total",
        "02.3/one-bias-per-layer",
    ),
    Answer(
        "02.3",
        "biases on the inputs too",
        "def count_parameters(sizes):\n"
        "    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:])) + sum(sizes)",
        "02.3/input-biases",
    ),
    Answer(
        "02.3",
        "biases per input",
        "def count_parameters(sizes):\n"
        "    return sum(a * b + a for a, b in zip(sizes[:-1], sizes[1:]))",
        "02.3/bias-per-input",
    ),
    Answer(
        "02.3",
        "counted the neurons",
        "def count_parameters(sizes):\n    return sum(sizes)",
        "02.3/neurons",
    ),
    Answer(
        "02.3",
        "a loop that stops one layer early",
        "def count_parameters(sizes):\n"
        "    total = 0\n"
        "    for i in range(len(sizes) - 2):\n"
        "        total += sizes[i] * sizes[i + 1] + sizes[i + 1]\n"
        "    return total",
        "02.3/last-layer",
    ),
    Answer(
        "02.3",
        "imports the library's count",
        "from wbcourse.network import count_parameters",
        "course/library",
    ),
    Answer(
        "02.3",
        "numpy dot of the sizes",
        "def count_parameters(sizes):\n"
        "    s = np.array(sizes)\n"
        "    return int(s[:-1] @ s[1:] + s[1:].sum())",
    ),
    Answer(
        "02.3",
        "augmented inputs: (D_in + 1) * D_out",
        "def count_parameters(sizes):\n"
        "    total = 0\n"
        "    for k in range(1, len(sizes)):\n"
        "        total += (sizes[k - 1] + 1) * sizes[k]\n"
        "    return total",
    ),
    Answer(
        "02.1",
        "b.sum() added",
        "def dense_forward(X, W, b):\n    return X @ W + b.sum()",
        "02.1/bias-total",
    ),
    Answer(
        "02.1",
        "bias inside the product",
        "def dense_forward(X, W, b):\n    return X @ (W + b)",
        "02.1/bias-in-weights",
    ),
    Answer(
        "02.1",
        "rows added up",
        "def dense_forward(X, W, b):\n    return (X @ W + b).sum(axis=0)",
        "02.1/batch-summed",
    ),
    Answer(
        "02.3",
        "all layers to all layers",
        "def count_parameters(sizes):\n"
        "    ins, outs = sum(sizes[:-1]), sum(sizes[1:])\n"
        "    return ins * outs + outs",
        "02.3/all-to-all",
    ),
    Answer(
        "02.3",
        "product of the sizes",
        "def count_parameters(sizes):\n"
        "    weights = 1\n"
        "    for size in sizes:\n"
        "        weights *= size\n"
        "    return weights + sum(sizes[1:])",
        "02.3/product-of-sizes",
    ),
    Answer(
        "02.1",
        "uses elementwise * instead of a matrix product",
        "def dense_forward(X, W, b):\n    return X * W + b",
        "02.1/elementwise",
    ),
    Answer(
        "02.3",
        "returns a tuple (weights, biases) instead of the total",
        "def count_parameters(sizes):\n"
        "    weights = 0\n"
        "    biases = 0\n"
        "    for d_in, d_out in zip(sizes[:-1], sizes[1:]):\n"
        "        weights += d_in * d_out\n"
        "        biases += d_out\n"
        "    return weights, biases",
        "02.3/two-counts",
    ),
    Answer(
        "02.3",
        "adds a bias unit on both sides: (D_in + 1) * (D_out + 1)",
        "def count_parameters(sizes):\n"
        "    total = 0\n"
        "    for d_in, d_out in zip(sizes[:-1], sizes[1:]):\n"
        "        total += (d_in + 1) * (d_out + 1)\n"
        "    return total",
        "02.3/bias-units",
    ),
    Answer(
        "02.3",
        "a total started at 0.0: a float",
        "def count_parameters(sizes):\n"
        "    total = 0.0\n"
        "    for i in range(len(sizes) - 1):\n"
        "        total += sizes[i] * sizes[i + 1] + sizes[i + 1]\n"
        "    return total",
        "course/not-an-int",
    ),
]
