"""Answers to lesson 04's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer


def _mlp(body: str) -> str:
    return "def mlp_forward(X, params, activation):\n" + body


def _xor(W1: str, b1: str, W2: str, b2: str) -> str:
    return f"W1_xor = {W1}\nb1_xor = {b1}\nW2_xor = {W2}\nb2_xor = {b2}"


_OR_AND = "np.array([[1.0, 1.0], [1.0, 1.0]])"

ANSWERS = [
    Answer(
        "04.1",
        "the bias after the activation",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(1, L + 1):\n"
            "        W, b = params[f'W{layer}'], params[f'b{layer}']\n"
            "        A = activation(A @ W) + b if layer < L else A @ W + b\n"
            "    return A"
        ),
        "04.1/bias-after-activation",
    ),
    Answer(
        "04.1",
        "no bias on the output layer",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(1, L + 1):\n"
            "        W, b = params[f'W{layer}'], params[f'b{layer}']\n"
            "        A = activation(A @ W + b) if layer < L else A @ W\n"
            "    return A"
        ),
        "04.1/no-output-bias",
    ),
    Answer(
        "04.1",
        "the activation on the output layer only",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(1, L + 1):\n"
            "        W, b = params[f'W{layer}'], params[f'b{layer}']\n"
            "        A = activation(A @ W + b) if layer == L else A @ W + b\n"
            "    return A"
        ),
        "04.1/output-activation-only",
    ),
    Answer(
        "04.1",
        "X fed to every layer",
        _mlp(
            "    L = len(params) // 2\n"
            "    for layer in range(1, L + 1):\n"
            "        Z = X @ params['W' + str(layer)] + params['b' + str(layer)]\n"
            "        A = activation(Z) if layer < L else Z\n"
            "    return A"
        ),
        "04.1/input-every-layer",
    ),
    Answer(
        "04.1",
        "A @ W.T",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(1, L + 1):\n"
            "        Z = A @ params[f'W{layer}'].T + params[f'b{layer}']\n"
            "        A = activation(Z) if layer < L else Z\n"
            "    return A"
        ),
        "04.1/weights-transposed",
    ),
    Answer(
        "04.1",
        "activation on every layer",
        _mlp(
            "    A = X\n"
            "    for layer in range(1, len(params) // 2 + 1):\n"
            "        A = activation(A @ params[f'W{layer}'] + params[f'b{layer}'])\n"
            "    return A"
        ),
        "04.1/output-activation",
    ),
    Answer(
        "04.1",
        "no biases",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(1, L + 1):\n"
            "        Z = A @ params[f'W{layer}']\n"
            "        A = activation(Z) if layer < L else Z\n"
            "    return A"
        ),
        "04.1/no-bias",
    ),
    Answer(
        "04.1",
        "return inside the loop",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(1, L + 1):\n"
            "        Z = A @ params[f'W{layer}'] + params[f'b{layer}']\n"
            "        A = activation(Z) if layer < L else Z\n"
            "        return A"
        ),
        "04.1/first-layer-only",
    ),
    Answer(
        "04.1",
        "range(1, L): the output layer never runs",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for l in range(1, L):\n"
            "        A = activation(np.dot(A, params['W' + str(l)]) + params['b' + str(l)])\n"
            "    return A"
        ),
        "04.1/no-output-layer",
    ),
    Answer(
        "04.1",
        "no activation",
        _mlp(
            "    A = X\n"
            "    for layer in range(1, len(params) // 2 + 1):\n"
            "        A = A @ params[f'W{layer}'] + params[f'b{layer}']\n"
            "    return A"
        ),
        "04.1/no-activation",
    ),
    Answer(
        "04.1",
        "the seed's 'activation is the output of an input': activates each layer's input",
        _mlp(
            "    A = X\n"
            "    for layer in range(1, len(params) // 2 + 1):\n"
            "        A = activation(A) @ params[f'W{layer}'] + params[f'b{layer}']\n"
            "    return A"
        ),
        "04.1/activation-before-weights",
    ),
    Answer(
        "04.1",
        "ReLU hard-coded",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(1, L + 1):\n"
            "        Z = A @ params[f'W{layer}'] + params[f'b{layer}']\n"
            "        A = np.maximum(0, Z) if layer < L else Z\n"
            "    return A"
        ),
        "04.1/relu-hard-coded",
    ),
    Answer(
        "04.1",
        "layers taken from sorted keys",
        _mlp(
            "    Ws = [params[k] for k in sorted(params) if k.startswith('W')]\n"
            "    bs = [params[k] for k in sorted(params) if k.startswith('b')]\n"
            "    A = X\n"
            "    for i, (W, b) in enumerate(zip(Ws, bs)):\n"
            "        Z = A @ W + b\n"
            "        A = Z if i == len(Ws) - 1 else activation(Z)\n"
            "    return A"
        ),
        "04.1/text-order",
    ),
    Answer(
        "04.1",
        "layers from the last to the first",
        _mlp(
            "    L = len(params) // 2\n"
            "    A = X\n"
            "    for layer in range(L, 0, -1):\n"
            "        Z = A @ params[f'W{layer}'] + params[f'b{layer}']\n"
            "        A = activation(Z) if layer > 1 else Z\n"
            "    return A"
        ),
        message="your code raised ValueError",
    ),
    Answer(
        "04.1",
        "imports the library's network",
        "from wbcourse.network import mlp_forward",
        "course/library",
    ),
    Answer(
        "04.1",
        "the lesson's stand-in, renamed",
        "mlp_forward = course_mlp_forward",
        "course/library",
    ),
    Answer(
        "04.1",
        "hidden layers in a loop, output layer after it, with dense_forward",
        "from wbcourse.layers import dense_forward\n"
        + _mlp(
            "    weights = [params[k] for k in params if k.startswith('W')]\n"
            "    biases = [params[k] for k in params if k.startswith('b')]\n"
            "    A = X\n"
            "    for W, b in zip(weights[:-1], biases[:-1]):\n"
            "        A = activation(dense_forward(A, W, b)[0])\n"
            "    return A @ weights[-1] + biases[-1]"
        ),
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
        "04.1",
        "a while loop over the keys that exist",
        _mlp(
            "    A, layer = X, 1\n"
            "    while f'W{layer + 1}' in params:\n"
            "        A = activation(A @ params[f'W{layer}'] + params[f'b{layer}'])\n"
            "        layer += 1\n"
            "    return A @ params[f'W{layer}'] + params[f'b{layer}']"
        ),
    ),
    Answer(
        "04.2",
        "OR without the AND veto",
        _xor(_OR_AND, "np.array([-0.5, -1.5])", "np.array([[1.0], [0.0]])", "np.array([-0.5])"),
        "04.2/or",
    ),
    Answer(
        "04.2",
        "each hidden unit's weights in a row (OR's 1 1, AND's 2 2): the AND unit never fires",
        _xor(
            "np.array([[1.0, 1.0], [2.0, 2.0]])",
            "np.array([-0.5, -3.0])",
            "np.array([[1.0], [-1.0]])",
            "np.array([-0.5])",
        ),
        "04.2/or",
        "unit 1 nowhere",
    ),
    Answer(
        "04.2",
        "output signs flipped",
        _xor(_OR_AND, "np.array([-0.5, -1.5])", "np.array([[-1.0], [1.0]])", "np.array([0.5])"),
        "04.2/xnor",
    ),
    Answer(
        "04.2",
        "the output threshold too high: AND",
        _xor(_OR_AND, "np.array([-0.5, -1.5])", "np.array([[1.0], [1.0]])", "np.array([-1.5])"),
        "04.2/another-function",
    ),
    Answer(
        "04.2",
        "hidden lines through the corners",
        _xor(_OR_AND, "np.array([0.0, -1.0])", "np.array([[1.0], [-1.0]])", "np.array([-0.5])"),
        "04.2/no-margin",
    ),
    Answer(
        "04.2",
        "the OR line hugging the corner (0, 0)",
        _xor(_OR_AND, "np.array([-0.05, -1.5])", "np.array([[1.0], [-1.0]])", "np.array([-0.5])"),
        "04.2/no-margin",
    ),
    Answer(
        "04.2",
        "W1 transposed into a (1, 2) row",
        _xor(
            "np.array([[1.0, 1.0]])",
            "np.array([-0.5, -1.5])",
            "np.array([[1.0], [-1.0]])",
            "np.array([-0.5])",
        ),
        "04.2/shape",
    ),
    Answer(
        "04.2",
        "one bias for the whole hidden layer",
        _xor(_OR_AND, "-1.0", "np.array([[1.0], [-1.0]])", "np.array([-0.5])"),
        "04.2/shape",
    ),
    Answer(
        "04.2",
        "OR and NAND into an AND, as lists, scalar b2",
        _xor("[[2.0, -2.0], [2.0, -2.0]]", "[-1.0, 3.0]", "[1.0, 1.0]", "-1.5"),
    ),
    Answer(
        "04.2",
        "three hidden units",
        _xor(
            "np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])",
            "np.array([-0.5, -0.5, -1.5])",
            "np.array([[1.0], [1.0], [-2.0]])",
            "np.array([-0.5])",
        ),
    ),
    Answer(
        "04.3",
        "counted from 1",
        "top_unit = 2\nleft_unit = 5\nbottom_unit = 4",
        "04.3/from-one",
    ),
    Answer(
        "04.3",
        "top and bottom swapped",
        "top_unit = 3\nleft_unit = 4\nbottom_unit = 1",
        "04.3/other-stroke",
    ),
    Answer(
        "04.3",
        "read the images right to left",
        "top_unit = 3\nleft_unit = 0\nbottom_unit = 1",
        "04.3/other-stroke",
    ),
    Answer(
        "04.3",
        "a float",
        "top_unit = 1.0\nleft_unit = 4\nbottom_unit = 3",
        "04.3/not-an-index",
    ),
    Answer(
        "04.3",
        "the name of the stroke",
        "top_unit = 'top curve'\nleft_unit = 4\nbottom_unit = 3",
        "04.3/not-an-index",
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
        "04.3",
        "0-d arrays",
        "top_unit, left_unit, bottom_unit = np.array(1), np.array(4), np.array(3)",
    ),
    Answer(
        "04.4",
        "only the strokes C has",
        "w_C = np.array([0.0, 1.0, 0.0, 1.0, 1.0])\nb_C = 0.0",
        "04.4/reads-other-as-c",
    ),
    Answer(
        "04.4",
        "strokes for and against, but no bias",
        "w_C = np.array([-1.0, 1.0, -1.0, 1.0, 1.0])\nb_C = 0.0",
        "04.4/reads-other-as-c",
    ),
    Answer(
        "04.4",
        "bias far too negative",
        "w_C = np.array([-1.0, 1.0, -1.0, 1.0, 1.0])\nb_C = -5.0",
        "04.4/misses-c",
    ),
    Answer(
        "04.4",
        "right on clean letters, too little margin on noisy ones",
        "w_C = np.array([-1.0, 1.0, -1.0, 1.0, 1.0])\nb_C = -3.5",
        "04.4/noisy-misses-c",
    ),
    Answer(
        "04.4",
        "middle bar not counted against C: noisy B's read as C",
        "w_C = np.array([-1.0, 1.0, 0.0, 1.0, 1.0])\nb_C = -2.5",
        "04.4/noisy-false-c",
    ),
    Answer(
        "04.4",
        "weights as a column",
        "w_C = np.array([[-1.0], [1.0], [-1.0], [1.0], [1.0]])\nb_C = -2.5",
        "04.4/shape",
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
    Answer(
        "04.1",
        "the return is inside the loop, so only the first layer runs",
        "def mlp_forward(X, params, activation):\n"
        "    L = len(params) // 2\n"
        "    A = X\n"
        "    for l in range(1, L + 1):\n"
        '        Z = A @ params[f"W{l}"] + params[f"b{l}"]\n'
        "        if l < L:\n"
        "            A = activation(Z)\n"
        "        return Z",
        "04.1/first-sums-only",
    ),
    Answer(
        "04.1",
        "the lesson's two-layer network written out",
        "def mlp_forward(X, params, activation):\n"
        "    H = activation(X @ params['W1'] + params['b1'])\n"
        "    return H @ params['W2'] + params['b2']",
        "04.1/two-layers",
    ),
]
