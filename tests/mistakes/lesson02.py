"""Answers to lesson 02's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_SHAPES_RIGHT = (
    "W_shape = (784, 32)\nb_shape = (32,)\nZ_shape = (64, 32)\n"
    "W2_shape = (32, 10)\nb2_shape = (10,)\nZ2_shape = (64, 10)\n"
)

ANSWERS = [
    Answer("02.1", "no bias", "def dense_forward(X, W, b):\n    return X @ W", "forgot the bias"),
    Answer(
        "02.1",
        "bias as a column vector",
        "def dense_forward(X, W, b):\n    return X @ W + b.reshape(-1, 1)",
        "bias broadcast along the wrong axis",
    ),
    Answer(
        "02.1",
        "column convention, Z transposed",
        "def dense_forward(X, W, b):\n    return W.T @ X.T + b[:, None]",
        "returned Z transposed",
    ),
    Answer(
        "02.1",
        "bias added to the inputs",
        "def dense_forward(X, W, b):\n    return (X + b) @ W",
        "added the bias to the inputs",
    ),
    Answer(
        "02.1",
        "W transposed",
        "def dense_forward(X, W, b):\n    return X @ W.T + b",
        "multiplied by W transposed",
    ),
    Answer(
        "02.1",
        "adds the bias in place into X",
        "def dense_forward(X, W, b):\n    Z = X @ W\n    Z += b\n    X[0, 0] += 1e-3\n    return Z",
        "changed its input arrays in place",
    ),
    Answer(
        "02.1",
        "imports the library's layer",
        "from wbcourse.layers import dense_forward",
        "wbcourse's own implementation",
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
        "02.2",
        "W transposed",
        _SHAPES_RIGHT.replace("W_shape = (784, 32)", "W_shape = (32, 784)"),
        "transposed: (32, 784) is W.T",
    ),
    Answer(
        "02.2",
        "one bias per layer",
        _SHAPES_RIGHT.replace("b_shape = (32,)", "b_shape = (1,)"),
        "every neuron has its own bias",
    ),
    Answer(
        "02.2",
        "a number instead of a tuple",
        _SHAPES_RIGHT.replace("b_shape = (32,)", "b_shape = (32)"),
        "a tuple of one number needs a comma",
    ),
    Answer(
        "02.2",
        "column bias",
        _SHAPES_RIGHT.replace("b_shape = (32,)", "b_shape = (32, 1)"),
        "broadcasting bug",
    ),
    Answer(
        "02.2",
        "Z transposed",
        _SHAPES_RIGHT.replace("Z_shape = (64, 32)", "Z_shape = (32, 64)"),
        "transposed: (32, 64) is Z.T",
    ),
    Answer(
        "02.2",
        "second layer fed with the pixels (hidden case)",
        _SHAPES_RIGHT.replace("W2_shape = (32, 10)", "W2_shape = (784, 10)"),
        "its inputs are the outputs of the first layer",
    ),
    Answer(
        "02.2",
        "lists and numpy integers",
        "W_shape = [784, 32]\nb_shape = [np.int64(32)]\nZ_shape = (64, 32)\n"
        "W2_shape = [32, 10]\nb2_shape = (10,)\nZ2_shape = (64, 10)\n",
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
        "weights only",
        "def count_parameters(sizes):\n"
        "    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))",
        "forgot the biases",
    ),
    Answer(
        "02.3",
        "one bias per layer",
        "def count_parameters(sizes):\n"
        "    total = 0\n"
        "    for a, b in zip(sizes[:-1], sizes[1:]):\n"
        "        total += a * b + 1\n"
        "    return total",
        "one bias per layer",
    ),
    Answer(
        "02.3",
        "biases on the inputs too",
        "def count_parameters(sizes):\n"
        "    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:])) + sum(sizes)",
        "gave the input layer biases too",
    ),
    Answer(
        "02.3",
        "biases per input",
        "def count_parameters(sizes):\n"
        "    return sum(a * b + a for a, b in zip(sizes[:-1], sizes[1:]))",
        "one bias per input instead of per neuron",
    ),
    Answer(
        "02.3",
        "imports the library's count",
        "from wbcourse.network import count_parameters",
        "wbcourse's own implementation",
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
]
