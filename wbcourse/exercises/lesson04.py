"""Lesson 04, forward propagation: mlp_forward, XOR by hand, a letter network read by eye."""

from __future__ import annotations

import numpy as np

from wbcourse import network
from wbcourse.activations import sigmoid, step
from wbcourse.checks import CheckFailed, Mistake, require
from wbcourse.datasets import LETTER_SHAPE, letter_templates, letters
from wbcourse.exercises import exercise
from wbcourse.exercises.lesson01 import GATES

__all__ = [
    "HIDDEN_STROKES",
    "LETTER_STROKES",
    "STROKES",
    "check_letter_c",
    "check_stroke_unit",
    "check_xor_network",
    "course_mlp_forward",
    "hidden_response",
    "letter_network",
    "noisy_letter_rates",
    "stroke_image",
]


# ---------------------------------------------------------------- 04.1 mlp_forward


def _num_layers(params: dict) -> int:
    return sum(1 for key in params if key.startswith("W"))


def course_mlp_forward(X, params: dict, activation) -> np.ndarray:
    """The course's answer to 04.1: ``activation`` after every hidden layer, none after the last.

    The same numbers as :func:`wbcourse.network.mlp_forward` (whose activation
    is a name, and which also returns a cache).

    Examples
    --------
    >>> from wbcourse.activations import relu
    >>> rng = np.random.default_rng(0)
    >>> params = network.init_params([3, 4, 5, 2], rng)
    >>> X = rng.normal(size=(6, 3))
    >>> ours, _ = network.mlp_forward(X, params, "relu")
    >>> bool(np.allclose(course_mlp_forward(X, params, relu), ours))
    True
    """
    A = np.asarray(X, dtype=float)
    num_layers = _num_layers(params)
    for layer in range(1, num_layers + 1):
        Z = A @ params[f"W{layer}"] + params[f"b{layer}"]
        A = activation(Z) if layer < num_layers else Z
    return A


def _activation_everywhere(X, params, activation):
    A = np.asarray(X, dtype=float)
    for layer in range(1, _num_layers(params) + 1):
        A = activation(A @ params[f"W{layer}"] + params[f"b{layer}"])
    return A


def _no_biases(X, params, activation):
    A = np.asarray(X, dtype=float)
    num_layers = _num_layers(params)
    for layer in range(1, num_layers + 1):
        Z = A @ params[f"W{layer}"]
        A = activation(Z) if layer < num_layers else Z
    return A


def _no_activation(X, params, activation):
    A = np.asarray(X, dtype=float)
    for layer in range(1, _num_layers(params) + 1):
        A = A @ params[f"W{layer}"] + params[f"b{layer}"]
    return A


def _return_in_loop(X, params, activation):
    return activation(np.asarray(X, dtype=float) @ params["W1"] + params["b1"])


def _reversed_layers(X, params, activation):
    A = np.asarray(X, dtype=float)
    num_layers = _num_layers(params)
    for step_number, layer in enumerate(range(num_layers, 0, -1), start=1):
        Z = A @ params[f"W{layer}"] + params[f"b{layer}"]
        A = activation(Z) if step_number < num_layers else Z
    return A


def _activation_before_weights(X, params, activation):
    A = np.asarray(X, dtype=float)
    for layer in range(1, _num_layers(params) + 1):
        A = activation(A) @ params[f"W{layer}"] + params[f"b{layer}"]
    return A


exercise(
    id="04.1",
    title="mlp_forward",
    points=3,
    reference=course_mlp_forward,
    mistakes=(
        Mistake(
            "applied the activation on the output layer too",
            "the last layer's weighted sums are the network's output (the logits): apply "
            "the activation after the hidden layers only.",
            _activation_everywhere,
        ),
        Mistake(
            "forgot the biases",
            "every layer adds its bias vector b1, b2, ... after multiplying by its weights.",
            _no_biases,
        ),
        Mistake(
            "no activation between the layers",
            "without an activation after each hidden layer the network is one big linear "
            "layer; apply the activation to every hidden layer's weighted sums.",
            _no_activation,
        ),
        Mistake(
            "returned after the first layer",
            "your output is the first hidden layer's activations; is `return` indented "
            "inside the loop?",
            _return_in_loop,
        ),
        Mistake(
            "applied the layers in the wrong order",
            "the input goes through W1, b1 first, then W2, b2, and so on up to the last layer.",
            _reversed_layers,
        ),
        Mistake(
            "applied the activation before the weights",
            "a layer computes the weighted sum of its inputs first and applies the "
            "activation to that sum; the raw inputs X are not activated.",
            _activation_before_weights,
        ),
    ),
    library_versions=(network.mlp_forward,),
)


# ---------------------------------------------------------------- 04.2 XOR by hand

_XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
_XOR = GATES["XOR"]
_TABLE_NAMES = {table: name for name, table in GATES.items()} | {
    (1, 0, 0, 1): "XNOR (the opposite of XOR)",
    (0, 0, 1, 0): "'first input and not the second'",
    (0, 1, 0, 0): "'second input and not the first'",
}


def _xor_outputs(X, W1, b1, W2, b2) -> np.ndarray:
    hidden = step(X @ W1 + b1)
    return (hidden @ W2 + b2 > 0).astype(int).reshape(-1)


def _xor_shapes(W1, b1, W2, b2):
    W1, b1 = np.asarray(W1, dtype=float), np.asarray(b1, dtype=float)
    W2, b2 = np.asarray(W2, dtype=float), np.asarray(b2, dtype=float)
    require(
        W1.ndim == 2 and W1.shape[0] == 2,
        f"W1 must have shape (2, H): 2 inputs, one column per hidden unit; got {W1.shape}.",
    )
    hidden = W1.shape[1]
    require(
        b1.shape == (hidden,),
        f"b1 must have shape ({hidden},), one bias per hidden unit; got {b1.shape}.",
    )
    require(
        W2.size == hidden and W2.ndim in (1, 2) and W2.shape[0] == hidden,
        f"W2 must have shape ({hidden}, 1): one weight per hidden unit into the one "
        f"output unit; got {W2.shape}.",
    )
    require(b2.size == 1, f"b2 is the bias of the one output unit: 1 number, got {b2.shape}.")
    return W1, b1, W2.reshape(hidden, 1), b2.reshape(1)


def check_xor_network(
    W1, b1, W2, b2, *, noise: float = 0.0, rng: np.random.Generator | None = None
) -> None:
    """Raise :class:`CheckFailed` unless the 2-H-1 step network computes XOR.

    The hidden layer uses the step activation; the network answers 1 where its
    output ``step(X @ W1 + b1) @ W2 + b2`` is above 0.

    Parameters
    ----------
    W1 : array-like, shape (2, H)
    b1 : array-like, shape (H,)
    W2 : array-like, shape (H, 1) or (H,)
    b2 : array-like, shape (1,) or a number
    noise : float
        When positive, every input is moved by up to ``noise`` (drawn with
        ``rng``) and the network must still give the same answers.
    rng : numpy.random.Generator, optional
        Draws the noise; needed when ``noise > 0``.

    Examples
    --------
    >>> W1, b1 = np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5])
    >>> check_xor_network(W1, b1, np.array([[1.0], [-1.0]]), np.array([-0.5]))
    >>> check_xor_network(W1, b1, np.array([[1.0], [0.0]]), np.array([-0.5]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: your network computes OR: its outputs ... are 0, 1, 1, 1, ...
    """
    W1, b1, W2, b2 = _xor_shapes(W1, b1, W2, b2)
    got = tuple(int(v) for v in _xor_outputs(_XOR_INPUTS, W1, b1, W2, b2))
    if got != _XOR:
        computes = f"computes {_TABLE_NAMES[got]}" if got in _TABLE_NAMES else "is wrong"
        hint = ""
        if got == GATES["OR"]:
            hint = " It also fires for (1,1): which hidden unit could veto that corner?"
        raise CheckFailed(
            f"your network {computes}: its outputs for inputs (0,0), (0,1), (1,0), (1,1) are "
            f"{', '.join(map(str, got))}, expected {', '.join(map(str, _XOR))}." + hint
        )
    if noise:
        noisy = np.repeat(_XOR_INPUTS, 50, axis=0)
        wanted = np.repeat(np.array(_XOR), 50)
        noisy = noisy + rng.uniform(-noise, noise, size=noisy.shape)
        wrong = int(np.count_nonzero(_xor_outputs(noisy, W1, b1, W2, b2) != wanted))
        require(
            wrong == 0,
            f"your network is right on exact 0/1 inputs but wrong on {wrong} of {len(wanted)} "
            f"inputs moved by up to {noise:g}: give each hidden unit's line a larger margin "
            "(halfway between the corners), and keep the output's threshold away from the "
            "values its hidden units can produce.",
        )


exercise(
    id="04.2",
    title="XOR by hand",
    points=3,
    reference=check_xor_network,
    named_by_checks=(
        "the network computes another gate (named: OR, AND, XNOR, ...)",
        "lines through the corners: right on 0/1 inputs, wrong on noisy ones",
        "wrong shapes of W1, b1, W2, b2",
    ),
)


# ---------------------------------------------------------------- the letter network


def _mask(rows, cols) -> np.ndarray:
    mask = np.zeros(LETTER_SHAPE, dtype=int)
    mask[np.ix_(rows, cols)] = 1
    return mask


#: The strokes the hand-built letter network looks for, as 5x5 masks.
STROKES = {
    "top curve": _mask([0], [1, 2, 3]),
    "left line": _mask([1, 2, 3], [0]),
    "bottom curve": _mask([4], [1, 2, 3]),
    "middle bar": _mask([2], [1, 2, 3]),
    "right side": _mask([1, 3], [4]),
}
#: Which stroke each hidden unit of :func:`letter_network` detects, unit 0 first.
HIDDEN_STROKES = ("right side", "top curve", "middle bar", "bottom curve", "left line")
#: The strokes each letter is drawn with.
LETTER_STROKES = {
    "A": ("top curve", "left line", "middle bar", "right side"),
    "B": ("top curve", "left line", "bottom curve", "middle bar", "right side"),
    "C": ("top curve", "left line", "bottom curve"),
}
_SLOPE = 10.0


def _output_column(letter: str) -> tuple[np.ndarray, float]:
    has = LETTER_STROKES[letter]
    weights = np.array([1.0 if stroke in has else -1.0 for stroke in HIDDEN_STROKES])
    return weights, 0.5 - len(has)


def letter_network(w_c=None, b_c=None) -> dict:
    """The hand-built 25-5-3 network that reads the letters A, B, C (sigmoid hidden layer).

    Hidden unit ``k`` detects the stroke ``HIDDEN_STROKES[k]``: its weights are
    ``10 / n`` on the stroke's ``n`` pixels and 0 elsewhere, its bias is -5, so
    ``sigmoid`` of its weighted sum is near 1 when most of the stroke is drawn.
    Output unit ``L`` (A, B, C) has weight +1 from each stroke of the letter,
    -1 from each stroke it lacks, and bias ``0.5 - (number of its strokes)``.

    Without ``w_c`` and ``b_c`` the C output is not built yet: its weights are 0
    and its bias is -10, so it never wins.

    Parameters
    ----------
    w_c : array-like, shape (5,), optional
        The weights into the C output (column 2 of ``W2``).
    b_c : float, optional
        The bias of the C output.

    Returns
    -------
    params : dict
        ``W1`` (25, 5), ``b1`` (5,), ``W2`` (5, 3), ``b2`` (3,); new arrays.

    Examples
    --------
    >>> from wbcourse.datasets import letters
    >>> X, y, names = letters(2, np.random.default_rng(0), noise=0.0)
    >>> network.predict(X, letter_network(), activation="sigmoid").tolist()  # no C output yet
    [0, 1, 1, 0, 1, 1]
    >>> with_c = letter_network([-1, 1, -1, 1, 1], -2.5)
    >>> network.predict(X, with_c, activation="sigmoid").tolist()
    [0, 1, 2, 0, 1, 2]
    """
    W1 = np.stack(
        [STROKES[s].ravel() * _SLOPE / STROKES[s].sum() for s in HIDDEN_STROKES], axis=1
    ).astype(float)
    b1 = np.full(len(HIDDEN_STROKES), -_SLOPE / 2)
    columns = [_output_column(letter) for letter in LETTER_STROKES]
    W2 = np.stack([weights for weights, _ in columns], axis=1)
    b2 = np.array([bias for _, bias in columns])
    W2[:, 2] = 0.0 if w_c is None else np.asarray(w_c, dtype=float).reshape(-1)
    b2[2] = -10.0 if b_c is None else float(np.asarray(b_c, dtype=float).reshape(-1)[0])
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def stroke_image(stroke: str) -> np.ndarray:
    """A flattened 5x5 image with only ``stroke`` drawn, shape (25,).

    Examples
    --------
    >>> stroke_image("left line").reshape(5, 5)[:, 0]
    array([0., 1., 1., 1., 0.])
    """
    return STROKES[stroke].ravel().astype(float)


def hidden_response(X, params: dict | None = None) -> np.ndarray:
    """The hidden layer's activations ``sigmoid(X @ W1 + b1)``, shape (N, 5).

    Examples
    --------
    >>> hidden_response(stroke_image("top curve")[None, :]).round(2)
    array([[0.01, 0.99, 0.01, 0.01, 0.01]])
    """
    params = letter_network() if params is None else params
    return sigmoid(np.atleast_2d(np.asarray(X, dtype=float)) @ params["W1"] + params["b1"])


# ---------------------------------------------------------------- 04.3 reading hidden units


def check_stroke_unit(stroke: str, unit) -> None:
    """Raise :class:`CheckFailed` unless hidden unit ``unit`` responds most to ``stroke``.

    "Responds most" is what the network computes: of the five hidden units, the
    one with the largest activation for an image of the stroke alone.

    Examples
    --------
    >>> check_stroke_unit("top curve", 1)
    >>> check_stroke_unit("top curve", 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: hidden unit 2 responds most to the middle bar, not to the top ...
    """
    count = len(HIDDEN_STROKES)
    require(
        isinstance(unit, int | np.integer) and not isinstance(unit, bool),
        f"the answer for the {stroke} must be a whole number (a unit's index), "
        f"got {type(unit).__name__}.",
    )
    unit = int(unit)
    response = hidden_response(stroke_image(stroke)[None, :])[0]
    right = int(np.argmax(response))
    require(
        0 <= unit < count,
        f"there are {count} hidden units, numbered 0 to {count - 1} (Python counts from 0); "
        f"got {unit}.",
    )
    if unit != right:
        responds_to = max(STROKES, key=lambda s: hidden_response(stroke_image(s)[None, :])[0, unit])
        raise CheckFailed(
            f"hidden unit {unit} responds most to the {responds_to}, not to the {stroke}."
            + (
                " Python numbers the units from 0: the first one is unit 0."
                if unit == right + 1
                else ""
            )
        )


exercise(
    id="04.3",
    title="which hidden unit sees which stroke",
    points=2,
    reference=check_stroke_unit,
    named_by_checks=(
        "the unit that detects another stroke (named)",
        "counted the units from 1",
        "an index outside 0..4, or not a whole number",
    ),
)


# ---------------------------------------------------------------- 04.4 the C output


def _letter_predictions(X, w_c, b_c) -> np.ndarray:
    params = letter_network(w_c, b_c)
    return network.predict(X, params, activation="sigmoid")


def noisy_letter_rates(w_c, b_c, seed: int, noise: float = 0.1, n_per_class: int = 200) -> dict:
    """How often the letter network with this C output reads noisy letters as C.

    ``n_per_class`` noisy copies of each letter are drawn with
    :func:`wbcourse.datasets.letters` from ``np.random.default_rng(seed)``: the same
    seed always gives the same letters.

    Returns
    -------
    rates : dict
        ``"C"``: the share of the C's read as C; ``"A"``, ``"B"``: the share of the
        A's and of the B's read as C.

    Examples
    --------
    >>> rates = noisy_letter_rates([-1, 1, -1, 1, 1], -2.5, seed=44)
    >>> rates["C"] > 0.85 > 0.10 > max(rates["A"], rates["B"])
    True
    """
    X, y, names = letters(n_per_class, np.random.default_rng(seed), noise=noise)
    predicted = _letter_predictions(X, np.asarray(w_c, dtype=float), b_c)
    return {name: float(np.mean(predicted[y == label] == 2)) for label, name in enumerate(names)}


def check_letter_c(
    w_c,
    b_c,
    *,
    noise: float = 0.0,
    seed: int = 0,
    n_per_class: int = 200,
    recall_bar: float = 0.85,
    false_bar: float = 0.10,
) -> None:
    """Raise :class:`CheckFailed` unless the letter network with this C output reads C.

    Without noise the three clean letters must all be read correctly. With
    ``noise > 0``, on the letters of :func:`noisy_letter_rates` (``n_per_class``
    noisy copies of each, always the same for one ``seed``), at least
    ``recall_bar`` of the C's must be read as C and at most ``false_bar`` of the
    A's and of the B's.

    Parameters
    ----------
    w_c : array-like, shape (5,)
        Weights from the five hidden units into the C output.
    b_c : float
        The C output's bias.

    Examples
    --------
    >>> check_letter_c([-1, 1, -1, 1, 1], -2.5)
    >>> check_letter_c([-1, 1, -1, 1, 1], -2.5, noise=0.1, seed=44)
    >>> check_letter_c([0, 1, 0, 1, 1], 0.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.checks.CheckFailed: your network reads A as C. A shares strokes with C (the top ...
    """
    weights = np.asarray(w_c, dtype=float)
    require(
        weights.shape == (len(HIDDEN_STROKES),),
        f"w_C must have shape ({len(HIDDEN_STROKES)},), one weight per hidden unit; "
        f"got {np.shape(w_c)}.",
    )
    require(
        np.size(b_c) == 1, f"b_C is the bias of one output unit: one number, got {np.shape(b_c)}."
    )
    require(
        np.all(np.isfinite(weights)) and np.isfinite(float(np.asarray(b_c).reshape(-1)[0])),
        "w_C and b_C must be finite numbers.",
    )
    names = list(LETTER_STROKES)
    templates = letter_templates()
    clean = np.stack([templates[name].ravel() for name in names]).astype(float)
    got = _letter_predictions(clean, weights, b_c)
    for true, predicted in enumerate(got):
        if predicted == true:
            continue
        letter, read_as = names[true], names[predicted]
        if letter == "C":
            raise CheckFailed(
                f"your network reads a clean C as {read_as}: the C output must beat the "
                f"{read_as} output on a C. Which strokes does C have, and how large is your bias?"
            )
        shared = [s for s in LETTER_STROKES["C"] if s in LETTER_STROKES[letter]]
        raise CheckFailed(
            f"your network reads {letter} as C. {letter} shares strokes with C (the "
            f"{' and the '.join(shared)}); the strokes C lacks must count against C."
            + (" Also check the bias: it sets how much evidence C needs." if letter == "B" else "")
        )
    if noise:
        rates = noisy_letter_rates(weights, b_c, seed, noise, n_per_class)
        require(
            rates["C"] >= recall_bar,
            f"on {3 * n_per_class} noisy letters your network reads only {rates['C']:.0%} of "
            f"the C's as C ({recall_bar:.0%} passes): with a pixel or two flipped, a stroke's "
            "unit is only partly on; leave a margin between the C output on a C and the other "
            "outputs.",
        )
        for letter in ("A", "B"):
            require(
                rates[letter] <= false_bar,
                f"on {3 * n_per_class} noisy letters your network reads {rates[letter]:.0%} of "
                f"the {letter}'s as C ({false_bar:.0%} passes): let the strokes C lacks count "
                "more strongly against C, or demand more evidence with the bias.",
            )


exercise(
    id="04.4",
    title="the C output by hand",
    points=3,
    reference=check_letter_c,
    named_by_checks=(
        "the network reads A or B as C (names the shared strokes)",
        "the C output never wins on a C",
        "too little margin: fails on noisy letters",
        "wrong shapes of w_C or b_C",
    ),
)
