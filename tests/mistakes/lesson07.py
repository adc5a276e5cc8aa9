"""Answers to lesson 07's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

_HAND_FORWARD = "z = -0.8 * 1.5 + 0.4\na = float(sigmoid(z))\nloss = (a - 1.0) ** 2\n"

ANSWERS = [
    Answer(
        "07.1",
        "sigmoid with e^z",
        "z = -0.8 * 1.5 + 0.4\na = 1 / (1 + np.exp(z))\nloss = (a - 1.0) ** 2\n"
        "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/sigmoid-sign",
    ),
    Answer(
        "07.1",
        "the sigmoid's slope written with z",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * z * (1 - z)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/slope-of-z",
    ),
    Answer(
        "07.1",
        "the sigmoid node skipped on the way to w, b and x",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_da * 1.5\ndL_db = dL_da\ndL_dx = dL_da * -0.8",
        "07.1/skipped-sigmoid",
    ),
    Answer(
        "07.1",
        "dL_db is the local derivative 1",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = 1\ndL_dx = dL_dz * -0.8",
        "07.1/local-only",
    ),
    Answer(
        "07.1",
        "no sigmoid derivative",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\ndL_dz = dL_da\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/no-local",
    ),
    Answer(
        "07.1",
        "sigmoid derivative at a",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\n"
        "dL_dz = dL_da * float(sigmoid(a)) * (1 - float(sigmoid(a)))\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/at-output",
    ),
    Answer(
        "07.1",
        "target minus output",
        _HAND_FORWARD + "dL_da = 2 * (1 - a)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/da-sign",
    ),
    Answer(
        "07.1",
        "x and w swapped",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * -0.8\ndL_db = dL_dz\ndL_dx = dL_dz * 1.5",
        "07.1/local-z",
    ),
    Answer(
        "07.1",
        "numbers typed by hand, rounded",
        "z = -0.8\na = 0.3100\nloss = 0.4761\ndL_da = -1.380\ndL_dz = -0.2952\n"
        "dL_dw = -0.4428\ndL_db = -0.2952\ndL_dx = 0.2362",
    ),
    Answer(
        "07.1",
        "no factor 2 in dL_da",
        _HAND_FORWARD + "dL_da = a - 1\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/da-no-two",
    ),
    Answer(
        "07.1",
        "a = z, the sigmoid forgotten (the rest follows from it)",
        "z = -0.8 * 1.5 + 0.4\na = z\nloss = (a - 1.0) ** 2\n"
        + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/no-activation",
    ),
    Answer(
        "07.1",
        "the loss as an absolute error",
        "z = -0.8 * 1.5 + 0.4\na = float(sigmoid(z))\nloss = abs(a - 1.0)\n"
        + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/loss-not-squared",
    ),
    Answer(
        "07.1",
        "the loss of z",
        "z = -0.8 * 1.5 + 0.4\na = float(sigmoid(z))\nloss = (z - 1.0) ** 2\n"
        + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/loss-of-z",
    ),
    Answer(
        "07.1",
        "the local derivative without the upstream gradient",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\ndL_dz = a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/no-upstream",
    ),
    Answer(
        "07.1",
        "tanh's derivative for the sigmoid",
        _HAND_FORWARD + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * (1 - a ** 2)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/tanh-derivative",
    ),
    Answer(
        "07.1",
        "numbers typed with two decimals",
        "z = -0.8\na = 0.31\nloss = 0.48\ndL_da = -1.38\ndL_dz = -0.30\n"
        "dL_dw = -0.44\ndL_db = -0.30\ndL_dx = 0.24",
        "07.1/precision",
    ),
    Answer(
        "07.1",
        "the bias subtracted in z (everything after follows from it)",
        "z = -0.8 * 1.5 - 0.4\na = float(sigmoid(z))\nloss = (a - 1.0) ** 2\n"
        + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
        "07.1/bias-subtracted",
    ),
    Answer(
        "07.1",
        "0-d arrays from sigmoid, not converted",
        "z = -0.8 * 1.5 + 0.4\na = sigmoid(z)\nloss = (a - 1.0) ** 2\n"
        + "dL_da = 2 * (a - 1)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * 1.5\ndL_db = dL_dz\ndL_dx = dL_dz * -0.8",
    ),
    Answer(
        "07.1",
        "the course's hand_values",
        "from wbcourse.lessonlib.lesson07 import hand_values\n"
        "values = hand_values(**HAND_EXAMPLE)\n"
        "z, a, loss = values['z'], values['a'], values['loss']\n"
        "dL_da, dL_dz, dL_dw = values['dL_da'], values['dL_dz'], values['dL_dw']\n"
        "dL_db, dL_dx = values['dL_db'], values['dL_dx']",
        "course/library",
    ),
    Answer(
        "07.2",
        "the slope of tanh",
        "def sigmoid_backward(dA, Z):\n    return dA * (1.0 - np.tanh(Z) ** 2)",
        "07.2/tanh-slope",
    ),
    Answer(
        "07.2",
        "np.dot for the product",
        "def sigmoid_backward(dA, Z):\n    s = sigmoid(Z)\n    return np.dot(dA, s * (1 - s))",
        "07.2/matrix-product",
    ),
    Answer(
        "07.2",
        "@ for the product",
        "def sigmoid_backward(dA, Z):\n    s = sigmoid(Z)\n    return dA @ (s * (1 - s))",
        "07.2/matrix-product",
    ),
    Answer(
        "07.2",
        "summed over the batch",
        "def sigmoid_backward(dA, Z):\n"
        "    s = sigmoid(Z)\n"
        "    return np.sum(dA * s * (1 - s), axis=0)",
        "07.2/batch-summed",
    ),
    Answer(
        "07.2",
        "divided by N",
        "def sigmoid_backward(dA, Z):\n"
        "    s = sigmoid(Z)\n"
        "    return dA * s * (1 - s) / dA.shape[0]",
        "07.2/over-n",
    ),
    Answer(
        "07.2",
        "Z used as the activation",
        "def sigmoid_backward(dA, Z):\n    return dA * Z * (1 - Z)",
        "07.2/z-as-a",
    ),
    Answer(
        "07.2",
        "derivative at the output",
        "def sigmoid_backward(dA, Z):\n"
        "    A = sigmoid(Z)\n"
        "    return dA * sigmoid(A) * (1 - sigmoid(A))",
        "07.2/at-output",
    ),
    Answer(
        "07.2",
        "no upstream gradient",
        "def sigmoid_backward(dA, Z):\n    s = sigmoid(Z)\n    return s * (1 - s)",
        "07.2/no-upstream",
    ),
    Answer(
        "07.2",
        "tanh derivative",
        "def sigmoid_backward(dA, Z):\n    return dA * (1 - sigmoid(Z) ** 2)",
        "07.2/tanh",
    ),
    Answer(
        "07.2",
        "the ReLU's derivative",
        "def sigmoid_backward(dA, Z):\n    return dA * (Z > 0)",
        "07.2/relu",
    ),
    Answer(
        "07.2",
        "times the sigmoid itself",
        "def sigmoid_backward(dA, Z):\n    return dA * sigmoid(Z)",
        "07.2/times-sigmoid",
    ),
    Answer(
        "07.2",
        "the library's version",
        "from wbcourse.activations import sigmoid_backward",
        "course/library",
    ),
    Answer(
        "07.2",
        "via exp(-|Z|) written out",
        "def sigmoid_backward(dA, Z):\n"
        "    e = np.exp(-np.abs(Z))\n"
        "    return dA * e / (1 + e) ** 2",
    ),
    Answer(
        "07.3",
        "transposed products",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return W @ dZ.T, dZ.T @ X, dZ.sum(axis=0)",
        "07.3/transposed",
    ),
    Answer(
        "07.3",
        "db as mean",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)",
        "07.3/db-mean",
    ),
    Answer(
        "07.3",
        "db over the wrong axis",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return dZ @ W.T, X.T @ dZ, np.sum(dZ, axis=1)",
        "07.3/db-axis",
    ),
    Answer(
        "07.3",
        "no dX",
        "def dense_backward(dZ, cache):\n    X, W, b = cache\n    return X.T @ dZ, dZ.sum(axis=0)",
        "07.3/no-dX",
    ),
    Answer(
        "07.3",
        "db with keepdims",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return dZ @ W.T, X.T @ dZ, np.sum(dZ, axis=0, keepdims=True)",
        "07.3/db-keepdims",
    ),
    Answer(
        "07.3",
        "dW as dZ.T @ X",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    dX = dZ @ W.T\n"
        "    dW = dZ.T @ X\n"
        "    db = dZ.sum(axis=0)\n"
        "    return dX, dW, db",
        "07.3/dW-transposed",
    ),
    Answer(
        "07.3",
        "dW first",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return X.T @ dZ, dZ @ W.T, dZ.sum(axis=0)",
        "07.3/order",
    ),
    Answer(
        "07.3",
        "the library's version",
        "from wbcourse.layers import dense_backward",
        "course/library",
    ),
    Answer(
        "07.3",
        "loops over the examples, einsum",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    dW = np.zeros_like(W)\n"
        "    db = np.zeros_like(b)\n"
        "    for n in range(X.shape[0]):\n"
        "        dW += np.outer(X[n], dZ[n])\n"
        "        db += dZ[n]\n"
        "    dX = np.einsum('nj,ij->ni', dZ, W)\n"
        "    return dX, dW, db",
    ),
    Answer(
        "07.4",
        "ReLU skipped",
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(dA1, cache1)\n"
        "    return dX, dW1, db1, dW2, db2",
        "07.4/no-relu",
    ),
    Answer(
        "07.4",
        "mask from the gradient",
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(np.maximum(dA1, 0), cache1)\n"
        "    return dX, dW1, db1, dW2, db2",
        "07.4/mask-from-gradient",
    ),
    Answer(
        "07.4",
        "bias gradients as means",
        "def two_layer_backward(dout, cache):\n"
        "    (X, W1, b1), Z1, (A1, W2, b2) = cache\n"
        "    dA1 = dout @ W2.T\n"
        "    dZ1 = dA1 * (Z1 > 0)\n"
        "    return dZ1 @ W1.T, X.T @ dZ1, dZ1.mean(axis=0), A1.T @ dout, dout.mean(axis=0)",
        "07.4/db-mean",
    ),
    Answer(
        "07.4",
        "dW2 from the sums Z1 instead of the activations",
        "def two_layer_backward(dout, cache):\n"
        "    (X, W1, _), Z1, (_, W2, _) = cache\n"
        "    dZ1 = (dout @ W2.T) * (Z1 > 0)\n"
        "    return dZ1 @ W1.T, X.T @ dZ1, dZ1.sum(axis=0), Z1.T @ dout, dout.sum(axis=0)",
        "07.4/dW2-from-Z1",
    ),
    Answer(
        "07.4",
        "the cache unpacked as (layer 2, Z1, layer 1)",
        "def two_layer_backward(dout, cache):\n"
        "    cache2, Z1, cache1 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(dA1 * (Z1 > 0), cache1)\n"
        "    return dX, dW1, db1, dW2, db2",
        "07.4/layers-swapped",
    ),
    Answer(
        "07.4",
        "db1 as a mean, db2 right: the mistake in one of two places",
        "def two_layer_backward(dout, cache):\n"
        "    (X, W1, b1), Z1, (A1, W2, b2) = cache\n"
        "    dZ1 = (dout @ W2.T) * (Z1 > 0)\n"
        "    return dZ1 @ W1.T, X.T @ dZ1, dZ1.mean(axis=0), A1.T @ dout, dout.sum(axis=0)",
        "07.4/db-mean",
    ),
    Answer(
        "07.4",
        "the kink let through (Z1 >= 0)",
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(np.where(Z1 >= 0, dA1, 0.0), cache1)\n"
        "    return dX, dW1, db1, dW2, db2",
        "07.4/mask-at-zero",
    ),
    Answer(
        "07.4",
        "a gradient missing",
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(dA1 * (Z1 > 0), cache1)\n"
        "    return dW1, db1, dW2, db2",
        "07.4/no-dX",
    ),
    Answer(
        "07.4",
        "times the activation",
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(dA1 * relu(Z1), cache1)\n"
        "    return dX, dW1, db1, dW2, db2",
        "07.4/times-activation",
    ),
    Answer(
        "07.4",
        "the sigmoid's slope for the ReLU",
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    s = sigmoid(Z1)\n"
        "    dX, dW1, db1 = dense_backward(dA1 * s * (1 - s), cache1)\n"
        "    return dX, dW1, db1, dW2, db2",
        "07.4/sigmoid-slope",
    ),
    Answer(
        "07.4",
        "layer 2's gradients first",
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(dA1 * (Z1 > 0), cache1)\n"
        "    return dW2, db2, dX, dW1, db1",
        "07.4/order",
    ),
    Answer(
        "07.4",
        "the course's backward pass",
        "two_layer_backward = course_two_layer_backward",
        "course/library",
    ),
    Answer(
        "07.4",
        "a right backward pass on top of a wrong dense_backward (graded once, in 07.3)",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)\n"
        "\n"
        "def two_layer_backward(dout, cache):\n"
        "    cache1, Z1, cache2 = cache\n"
        "    dA1, dW2, db2 = dense_backward(dout, cache2)\n"
        "    dX, dW1, db1 = dense_backward(dA1 * (Z1 > 0), cache1)\n"
        "    return dX, dW1, db1, dW2, db2",
    ),
    Answer(
        "07.4",
        "written out with np.where and the mask from A1",
        "def two_layer_backward(dout, cache):\n"
        "    (X, W1, b1), Z1, (A1, W2, b2) = cache\n"
        "    dZ1 = np.where(A1 > 0, dout @ W2.T, 0.0)\n"
        "    return dZ1 @ W1.T, X.T @ dZ1, dZ1.sum(0), A1.T @ dout, dout.sum(0)",
    ),
    Answer(
        "07.5",
        "forward differences",
        "def grad_check(f, x, h):\n"
        "    x = np.array(x, dtype=float)\n"
        "    grad = np.zeros_like(x)\n"
        "    base = f(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        old = x[i]\n"
        "        x[i] = old + h\n"
        "        grad[i] = (f(x) - base) / h\n"
        "        x[i] = old\n"
        "    return grad",
        "07.5/forward",
    ),
    Answer(
        "07.5",
        "no restore, in place",
        "def grad_check(f, x, h):\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        x[i] += h\n"
        "        f_plus = f(x)\n"
        "        x[i] -= 2 * h\n"
        "        grad[i] = (f_plus - f(x)) / (2 * h)\n"
        "    return grad",
        "07.5/no-restore",
    ),
    Answer(
        "07.5",
        "no restore, on a copy",
        "def grad_check(f, x, h):\n"
        "    x = x.copy()\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        x[i] += h\n"
        "        f_plus = f(x)\n"
        "        x[i] -= 2 * h\n"
        "        grad[i] = (f_plus - f(x)) / (2 * h)\n"
        "    return grad",
        "07.5/no-restore",
    ),
    Answer(
        "07.5",
        "restored by arithmetic, in place",
        "def grad_check(f, x, h):\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        x[i] += h\n"
        "        f_plus = f(x)\n"
        "        x[i] -= 2 * h\n"
        "        f_minus = f(x)\n"
        "        x[i] += h\n"
        "        grad[i] = (f_plus - f_minus) / (2 * h)\n"
        "    return grad",
        "course/mutated",
    ),
    Answer(
        "07.5",
        "divided by h",
        "def grad_check(f, x, h):\n"
        "    x = np.array(x, dtype=float)\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        old = x[i]\n"
        "        x[i] = old + h\n"
        "        f_plus = f(x)\n"
        "        x[i] = old - h\n"
        "        grad[i] = (f_plus - f(x)) / h\n"
        "        x[i] = old\n"
        "    return grad",
        "07.5/over-h",
    ),
    Answer(
        "07.5",
        "x_plus = x: one array moved up and down",
        "def grad_check(f, x, h=1e-5):\n"
        "    grad = np.zeros_like(x, dtype=float)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        x_plus, x_minus = x, x\n"
        "        x_plus[i] += h\n"
        "        x_minus[i] -= h\n"
        "        grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)\n"
        "    return grad",
        "07.5/same-point",
    ),
    Answer(
        "07.5",
        "the library's version",
        "from wbcourse.gradcheck import numerical_gradient as grad_check",
        "course/library",
    ),
    Answer(
        "07.5",
        "unit vectors on a flat copy",
        "def grad_check(f, x, h):\n"
        "    flat = np.asarray(x, dtype=float).ravel()\n"
        "    grad = np.empty_like(flat)\n"
        "    for i in range(flat.size):\n"
        "        e = np.zeros_like(flat)\n"
        "        e[i] = h\n"
        "        up, down = (flat + e).reshape(np.shape(x)), (flat - e).reshape(np.shape(x))\n"
        "        grad[i] = (f(up) - f(down)) / (2 * h)\n"
        "    return grad.reshape(np.shape(x))",
    ),
    Answer(
        "07.5",
        "a fourth-order stencil",
        "def grad_check(f, x, h):\n"
        "    x = np.array(x, dtype=float)\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        old = x[i]\n"
        "        values = []\n"
        "        for step in (2 * h, h, -h, -2 * h):\n"
        "            x[i] = old + step\n"
        "            values.append(f(x))\n"
        "        x[i] = old\n"
        "        grad[i] = (-values[0] + 8 * values[1] - 8 * values[2] + values[3]) / (12 * h)\n"
        "    return grad",
        "07.5/not-this-h",
    ),
    Answer(
        "07.5",
        "backward differences",
        "def grad_check(f, x, h):\n"
        "    x = np.array(x, dtype=float)\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        old = x[i]\n"
        "        centre = f(x)\n"
        "        x[i] = old - h\n"
        "        grad[i] = (centre - f(x)) / h\n"
        "        x[i] = old\n"
        "    return grad",
        "07.5/backward",
    ),
    Answer(
        "07.5",
        "every entry moved at once",
        "def grad_check(f, x, h):\n"
        "    slope = (f(x + h) - f(x - h)) / (2 * h)\n"
        "    return np.full(x.shape, slope)",
        "07.5/all-at-once",
    ),
    Answer(
        "07.5",
        "subtracts in the wrong order",
        "def grad_check(f, x, h):\n"
        "    x = np.array(x, dtype=float)\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        old = x[i]\n"
        "        x[i] = old - h\n"
        "        first = f(x)\n"
        "        x[i] = old + h\n"
        "        second = f(x)\n"
        "        x[i] = old\n"
        "        grad[i] = (first - second) / (2 * h)\n"
        "    return grad",
        "07.5/sign",
    ),
    Answer(
        "07.3",
        "dW averaged over the batch once more",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    N = X.shape[0]\n"
        "    return dZ @ W.T, X.T @ dZ / N, np.sum(dZ, axis=0)",
        "07.3/dW-over-n",
    ),
    Answer(
        "07.2",
        "the naive sigmoid inside the backward pass",
        "def sigmoid_backward(dA, Z):\n    s = 1 / (1 + np.exp(-Z))\n    return dA * s * (1 - s)",
        "07.2/overflow",
    ),
    Answer(
        "07.3",
        "db left as dZ",
        "def dense_backward(dZ, cache):\n    X, W, b = cache\n    return dZ @ W.T, X.T @ dZ, dZ",
        "07.3/db-not-summed",
    ),
    Answer(
        "07.3",
        "db summed over everything",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return dZ @ W.T, X.T @ dZ, np.sum(dZ)",
        "07.3/db-total",
    ),
    Answer(
        "07.5",
        "its own small step, whatever h is",
        "def grad_check(f, x, h):\n"
        "    eps = 1e-6\n"
        "    x = x.astype(float)\n"
        "    grad = np.zeros(x.shape)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        keep = x[i]\n"
        "        x[i] = keep + eps\n"
        "        up = f(x)\n"
        "        x[i] = keep - eps\n"
        "        down = f(x)\n"
        "        x[i] = keep\n"
        "        grad[i] = (up - down) / (2 * eps)\n"
        "    return grad",
        "07.5/not-this-h",
    ),
    Answer(
        "07.5",
        "a loop over range(len(x))",
        "def grad_check(f, x, h):\n"
        "    x = np.array(x, dtype=float)\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in range(len(x)):\n"
        "        saved = x[i].copy()\n"
        "        x[i] = saved + h\n"
        "        plus = f(x)\n"
        "        x[i] = saved - h\n"
        "        minus = f(x)\n"
        "        x[i] = saved\n"
        "        grad[i] = (plus - minus) / (2 * h)\n"
        "    return grad",
        "07.5/rows",
    ),
    Answer(
        "07.2",
        "sigmoid of the upstream gradient",
        "def sigmoid_backward(dA, Z):\n    s = sigmoid(dA)\n    return dA * s * (1 - s)",
        "07.2/sigmoid-of-dA",
    ),
    Answer(
        "07.2",
        "adds the slope to dA instead of multiplying",
        "def sigmoid_backward(dA, Z):\n    s = sigmoid(Z)\n    return dA + s * (1 - s)",
        "07.2/added-slope",
    ),
    Answer(
        "07.3",
        "returns the gradients in the order (dW, db, dX)",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    dW = X.T @ dZ\n"
        "    db = np.sum(dZ, axis=0)\n"
        "    dX = dZ @ W.T\n"
        "    return dW, db, dX",
        "course/order",
    ),
    Answer(
        "07.3",
        "uses W.T @ ... ordering for dX, giving shape (D_in, N) instead of (N, D_in)",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    dX = W @ dZ.T\n"
        "    dW = X.T @ dZ\n"
        "    db = dZ.sum(axis=0)\n"
        "    return dX, dW, db",
        "07.3/transposed",
    ),
    Answer(
        "07.5",
        "steps back only by h after the +h step, so f is evaluated at x instead of x - h",
        "def grad_check(f, x, h):\n"
        "    x = x.copy()\n"
        "    grad = np.zeros_like(x)\n"
        "    for i in np.ndindex(x.shape):\n"
        "        x[i] += h\n"
        "        fp = f(x)\n"
        "        x[i] -= h\n"
        "        fm = f(x)\n"
        "        grad[i] = (fp - fm) / (2 * h)\n"
        "    return grad",
        "07.5/half-step",
    ),
    Answer(
        "07.5",
        "collects the slopes in a flat list, so a 2-D x gets a 1-D gradient",
        "def grad_check(f, x, h):\n"
        "    x = x.copy()\n"
        "    grads = []\n"
        "    for i in np.ndindex(x.shape):\n"
        "        old = x[i]\n"
        "        x[i] = old + h\n"
        "        fp = f(x)\n"
        "        x[i] = old - h\n"
        "        fm = f(x)\n"
        "        x[i] = old\n"
        "        grads.append((fp - fm) / (2 * h))\n"
        "    return np.array(grads)",
        "07.5/flat",
    ),
    Answer(
        "07.1",
        "the worked graph's numbers",
        "x, w, b, y = 2.0, 0.5, -0.5, 1.0\n"
        "z = w * x + b\na = float(sigmoid(z))\nloss = (a - y) ** 2\n"
        "dL_da = 2 * (a - y)\ndL_dz = dL_da * a * (1 - a)\n"
        "dL_dw = dL_dz * x\ndL_db = dL_dz\ndL_dx = dL_dz * w",
        "07.1/worked-example",
    ),
    Answer(
        "07.3",
        "dX = dZ @ W, without the transpose",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    return dZ @ W, X.T @ dZ, dZ.sum(axis=0)",
        "07.3/dX-no-transpose",
    ),
    Answer(
        "07.3",
        "dW and db divided by N again",
        "def dense_backward(dZ, cache):\n"
        "    X, W, b = cache\n"
        "    n = dZ.shape[0]\n"
        "    return dZ @ W.T, X.T @ dZ / n, dZ.sum(axis=0) / n",
        "07.3/both-over-n",
    ),
]
