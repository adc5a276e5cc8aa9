"""Answers to lesson 04's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer

ANSWERS = [
    Answer(
        "04.1",
        "activation on every layer",
        "def mlp_forward(X, params, activation):\n"
        "    A = X\n"
        "    for layer in range(1, len(params) // 2 + 1):\n"
        "        A = activation(A @ params[f'W{layer}'] + params[f'b{layer}'])\n"
        "    return A",
        "applied the activation on the output layer too",
    ),
    Answer(
        "04.1",
        "no biases",
        "def mlp_forward(X, params, activation):\n"
        "    L = len(params) // 2\n"
        "    A = X\n"
        "    for layer in range(1, L + 1):\n"
        "        Z = A @ params[f'W{layer}']\n"
        "        A = activation(Z) if layer < L else Z\n"
        "    return A",
        "forgot the biases",
    ),
    Answer(
        "04.1",
        "return inside the loop",
        "def mlp_forward(X, params, activation):\n"
        "    L = len(params) // 2\n"
        "    A = X\n"
        "    for layer in range(1, L + 1):\n"
        "        Z = A @ params[f'W{layer}'] + params[f'b{layer}']\n"
        "        A = activation(Z) if layer < L else Z\n"
        "        return A",
        "returned after the first layer",
    ),
    Answer(
        "04.1",
        "layers from the last to the first",
        "def mlp_forward(X, params, activation):\n"
        "    L = len(params) // 2\n"
        "    A = X\n"
        "    for layer in range(L, 0, -1):\n"
        "        Z = A @ params[f'W{layer}'] + params[f'b{layer}']\n"
        "        A = activation(Z) if layer > 1 else Z\n"
        "    return A",
        "applied the layers in the wrong order",
    ),
    Answer(
        "04.1",
        "no activation",
        "def mlp_forward(X, params, activation):\n"
        "    A = X\n"
        "    for layer in range(1, len(params) // 2 + 1):\n"
        "        A = A @ params[f'W{layer}'] + params[f'b{layer}']\n"
        "    return A",
        "no activation between the layers",
    ),
    Answer(
        "04.1",
        "imports the library's network",
        "from wbcourse.network import mlp_forward",
        "wbcourse's own implementation",
    ),
    Answer(
        "04.1",
        "hidden layers in a loop, output layer after it, with dense_forward",
        "from wbcourse.layers import dense_forward\n"
        "def mlp_forward(X, params, activation):\n"
        "    weights = [params[k] for k in params if k.startswith('W')]\n"
        "    biases = [params[k] for k in params if k.startswith('b')]\n"
        "    A = X\n"
        "    for W, b in zip(weights[:-1], biases[:-1]):\n"
        "        A = activation(dense_forward(A, W, b)[0])\n"
        "    return A @ weights[-1] + biases[-1]",
    ),
    Answer(
        "04.1",
        "recursion",
        "def mlp_forward(X, params, activation, layer=1):\n"
        "    Z = X @ params[f'W{layer}'] + params[f'b{layer}']\n"
        "    if f'W{layer + 1}' not in params:\n"
        "        return Z\n"
        "    return mlp_forward(activation(Z), params, activation, layer + 1)",
    ),
    Answer(
        "04.2",
        "OR without the AND veto",
        "W1_xor = np.array([[1.0, 1.0], [1.0, 1.0]])\n"
        "b1_xor = np.array([-0.5, -1.5])\n"
        "W2_xor = np.array([[1.0], [0.0]])\n"
        "b2_xor = np.array([-0.5])",
        "your network computes OR",
    ),
    Answer(
        "04.2",
        "output signs flipped",
        "W1_xor = np.array([[1.0, 1.0], [1.0, 1.0]])\n"
        "b1_xor = np.array([-0.5, -1.5])\n"
        "W2_xor = np.array([[-1.0], [1.0]])\n"
        "b2_xor = np.array([0.5])",
        "XNOR",
    ),
    Answer(
        "04.2",
        "hidden lines through the corners",
        "W1_xor = np.array([[1.0, 1.0], [1.0, 1.0]])\n"
        "b1_xor = np.array([0.0, -1.0])\n"
        "W2_xor = np.array([[1.0], [-1.0]])\n"
        "b2_xor = np.array([-0.5])",
        "wrong on",
    ),
    Answer(
        "04.2",
        "W1 transposed into a (1, 2) row",
        "W1_xor = np.array([[1.0, 1.0]])\n"
        "b1_xor = np.array([-0.5, -1.5])\n"
        "W2_xor = np.array([[1.0], [-1.0]])\n"
        "b2_xor = np.array([-0.5])",
        "W1 must have shape (2, H)",
    ),
    Answer(
        "04.2",
        "OR and NAND into an AND, as lists, scalar b2",
        "W1_xor = [[2.0, -2.0], [2.0, -2.0]]\n"
        "b1_xor = [-1.0, 3.0]\n"
        "W2_xor = [1.0, 1.0]\n"
        "b2_xor = -1.5",
    ),
    Answer(
        "04.2",
        "three hidden units",
        "W1_xor = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])\n"
        "b1_xor = np.array([-0.5, -0.5, -1.5])\n"
        "W2_xor = np.array([[1.0], [1.0], [-2.0]])\n"
        "b2_xor = np.array([-0.5])",
    ),
    Answer(
        "04.3",
        "counted from 1",
        "top_unit = 2\nleft_unit = 5\nbottom_unit = 4",
        "Python numbers the units from 0",
    ),
    Answer(
        "04.3",
        "top and bottom swapped",
        "top_unit = 3\nleft_unit = 4\nbottom_unit = 1",
        "responds most to the bottom curve, not to the top curve",
    ),
    Answer(
        "04.3",
        "a float",
        "top_unit = 1.0\nleft_unit = 4\nbottom_unit = 3",
        "must be a whole number",
    ),
    Answer(
        "04.3",
        "computed from the network's responses",
        "def strongest(stroke):\n"
        "    return np.argmax(hidden_response(stroke_image(stroke)[None, :])[0])\n"
        "top_unit = strongest('top curve')\n"
        "left_unit = strongest('left line')\n"
        "bottom_unit = strongest('bottom curve')",
    ),
    Answer(
        "04.4",
        "only the strokes C has",
        "w_C = np.array([0.0, 1.0, 0.0, 1.0, 1.0])\nb_C = 0.0",
        "your network reads A as C",
    ),
    Answer(
        "04.4",
        "strokes for and against, but no bias",
        "w_C = np.array([-1.0, 1.0, -1.0, 1.0, 1.0])\nb_C = 0.0",
        "your network reads B as C",
    ),
    Answer(
        "04.4",
        "bias far too negative",
        "w_C = np.array([-1.0, 1.0, -1.0, 1.0, 1.0])\nb_C = -5.0",
        "your network reads a clean C as B",
    ),
    Answer(
        "04.4",
        "right on clean letters, too little margin on noisy ones",
        "w_C = np.array([-1.0, 1.0, -1.0, 1.0, 1.0])\nb_C = -3.5",
        "of the C's as C (85% passes)",
    ),
    Answer(
        "04.4",
        "middle bar not counted against C: noisy B's read as C",
        "w_C = np.array([-1.0, 1.0, 0.0, 1.0, 1.0])\nb_C = -2.5",
        "of the B's as C (10% passes)",
    ),
    Answer(
        "04.4",
        "twice as strong, as a list",
        "w_C = [-2, 2, -2, 2, 2]\nb_C = -5",
    ),
    Answer(
        "04.4",
        "only the strokes C lacks",
        "w_C = np.array([-1.0, 0.0, -1.0, 0.0, 0.0])\nb_C = np.array([0.5])",
    ),
]
