"""Lesson 04, forward propagation: the letter network, and the checks of XOR and letters by hand.

:func:`course_mlp_forward` is the course's own version of what exercise 04.1 asks
for: the lesson's cells fall back on it until the student's passes, and an answer
that uses it earns nothing. The checks of exercises 04.2-04.4 and the mistakes
they name by logic are here too.
"""

from __future__ import annotations

import numpy as np

from wbcourse import network
from wbcourse.activations import sigmoid, step
from wbcourse.checks import Mistake, require
from wbcourse.datasets import LETTER_SHAPE, letter_templates, letters
from wbcourse.lessonlib.lesson01 import GATES

__all__ = [
    "C_MISSED",
    "C_NOISY_FALSE",
    "C_NOISY_MISSED",
    "C_READS_OTHER",
    "C_SHAPE",
    "HIDDEN_STROKES",
    "LETTER_STROKES",
    "STROKES",
    "UNIT_FROM_ONE",
    "UNIT_NOT_INDEX",
    "UNIT_OTHER_STROKE",
    "XOR_ANOTHER",
    "XOR_EDGE",
    "XOR_OR",
    "XOR_SHAPE",
    "XOR_XNOR",
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


def course_mlp_forward(X, params: dict, activation) -> np.ndarray:
    """The course's answer to 04.1: ``activation`` after every hidden layer, none after the last.

    The same numbers as :func:`wbcourse.network.mlp_forward` (whose activation
    is a name, and which also returns a cache).

    Parameters
    ----------
    X : array-like, shape (N, D_0)
    params : dict
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``; ``W_l`` is ``(D_{l-1}, D_l)``,
        ``b_l`` is ``(D_l,)``.
    activation : callable
        Applied to the weighted sums of every hidden layer.

    Returns
    -------
    ndarray, shape (N, D_L)
        The logits.

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
    num_layers = len(params) // 2
    for layer in range(1, num_layers + 1):
        Z = A @ params[f"W{layer}"] + params[f"b{layer}"]
        A = activation(Z) if layer < num_layers else Z
    return A


# ---------------------------------------------------------------- 04.2 XOR by hand

XOR_SHAPE = Mistake(
    "04.2/shape",
    "wrong shapes of W1, b1, W2 or b2",
    "W1 is (2, H): 2 inputs, one column per hidden unit; b1 has one bias per hidden unit, "
    "(H,); W2 is (H, 1), one weight from each hidden unit into the output; b2 is one number.",
)
XOR_OR = Mistake(
    "04.2/or",
    "the network computes OR: it also answers 1 for (1, 1)",
    "XOR is OR but not AND: one hidden unit must be on at (1, 1) only, and its weight into "
    "the output must veto that corner.",
)
XOR_XNOR = Mistake(
    "04.2/xnor",
    "the network computes XNOR, the opposite of XOR",
    "it answers 1 exactly where XOR answers 0: look at the signs of the output unit's "
    "weights and bias.",
)
XOR_ANOTHER = Mistake(
    "04.2/another-function",
    "the network computes another function of its inputs",
    "write down which hidden units are on for each of the four corners, then what the "
    "output unit makes of each pattern.",
)
XOR_EDGE = Mistake(
    "04.2/no-margin",
    "right on 0/1 inputs, wrong on inputs moved a little",
    "a line runs too close to a corner: put each hidden unit's line halfway between the "
    "corners it separates, and keep the output's threshold away from the values its hidden "
    "units can give.",
)

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


def _hidden_corners(W1, b1) -> str:
    """Where each hidden unit is on, e.g. ``"unit 0 at (1,1); unit 1 nowhere"``.

    ``W1`` is (2, H) and ``b1`` (H,); the corners are the four 0/1 inputs.
    """

    def corners(on: np.ndarray) -> str:
        where = [f"({x:g},{y:g})" for (x, y), lit in zip(_XOR_INPUTS, on, strict=True) if lit]
        return f"at {', '.join(where)}" if where else "nowhere"

    on = step(_XOR_INPUTS @ W1 + b1) > 0
    return "; ".join(f"unit {unit} {corners(column)}" for unit, column in enumerate(on.T))


def _xor_shapes(W1, b1, W2, b2):
    """The four parameters as float arrays with W2 as (H, 1) and b2 as (1,), or XOR_SHAPE."""
    try:
        W1, b1, W2, b2 = (np.asarray(value, dtype=float) for value in (W1, b1, W2, b2))
    except (TypeError, ValueError):
        raise XOR_SHAPE.fail("Each of W1, b1, W2, b2 must be an array of numbers.") from None
    require(W1.ndim == 2 and W1.shape[0] == 2, XOR_SHAPE, f"W1 has shape {W1.shape}.")
    hidden = W1.shape[1]
    require(b1.shape == (hidden,), XOR_SHAPE, f"W1 has {hidden} columns, b1 has shape {b1.shape}.")
    require(
        W2.size == hidden and W2.ndim in (1, 2) and W2.shape[0] == hidden,
        XOR_SHAPE,
        f"W1 has {hidden} columns (hidden units), W2 has shape {W2.shape}.",
    )
    require(b2.size == 1, XOR_SHAPE, f"b2 has shape {b2.shape}.")
    return W1, b1, W2.reshape(hidden, 1), b2.reshape(1)


def check_xor_network(
    W1, b1, W2, b2, *, noise: float = 0.0, rng: np.random.Generator | None = None
) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless the 2-H-1 step network computes XOR.

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
    wbcourse.mistakes.CheckFailed: the network computes OR: ... its outputs ... are 0, 1, 1, 1...
    """
    W1, b1, W2, b2 = _xor_shapes(W1, b1, W2, b2)
    got = tuple(int(v) for v in _xor_outputs(_XOR_INPUTS, W1, b1, W2, b2))
    if got != _XOR:
        computes = f"computes {_TABLE_NAMES[got]}" if got in _TABLE_NAMES else "is wrong"
        detail = (
            f"Your network {computes}: its outputs for inputs (0,0), (0,1), (1,0), (1,1) are "
            f"{', '.join(map(str, got))}, expected {', '.join(map(str, _XOR))}. Its hidden "
            f"units are on: {_hidden_corners(W1, b1)}."
        )
        named = {GATES["OR"]: XOR_OR, (1, 0, 0, 1): XOR_XNOR}.get(got, XOR_ANOTHER)
        raise named.fail(detail)
    if noise:
        noisy = np.repeat(_XOR_INPUTS, 50, axis=0)
        wanted = np.repeat(np.array(_XOR), 50)
        noisy = noisy + rng.uniform(-noise, noise, size=noisy.shape)
        wrong = int(np.count_nonzero(_xor_outputs(noisy, W1, b1, W2, b2) != wanted))
        require(
            wrong == 0,
            XOR_EDGE,
            f"Your network is wrong on {wrong} of {len(wanted)} inputs moved by up to {noise:g}.",
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

UNIT_NOT_INDEX = Mistake(
    "04.3/not-an-index",
    "not the index of a hidden unit",
    "answer with a whole number from 0 to 4, the unit's position among the weight images "
    "(e.g. 1, not 1.0 or 'unit 1').",
)
UNIT_FROM_ONE = Mistake(
    "04.3/from-one",
    "counted the units from 1",
    "Python numbers the hidden units from 0: the leftmost weight image is unit 0.",
)
UNIT_OTHER_STROKE = Mistake(
    "04.3/other-stroke",
    "this unit detects another stroke",
    "a unit responds most where its large weights (blue in the weight images) sit on the "
    "stroke's ink; find the image that is blue exactly on this stroke.",
)


def _strongest_unit(stroke: str) -> int:
    return int(np.argmax(hidden_response(stroke_image(stroke)[None, :])[0]))


def _is_index(unit) -> bool:
    """Whether ``unit`` is a whole number: an int, a numpy integer or a 0-d integer array."""
    return (
        not isinstance(unit, bool | np.bool_)
        and np.ndim(unit) == 0
        and np.issubdtype(np.asarray(unit).dtype, np.integer)
    )


def check_stroke_unit(stroke: str, units: dict) -> None:
    """Raise :class:`~wbcourse.checks.CheckFailed` unless unit ``units[stroke]`` sees ``stroke``.

    "Responds most" is what the network computes: of the five hidden units, the
    one with the largest activation for an image of the stroke alone. When every
    answer in ``units`` is one more than the right unit, the answers were
    counted from 1.

    Parameters
    ----------
    stroke : str
        The stroke checked, a key of ``units``.
    units : dict of str to int
        The student's unit for each stroke asked, e.g. ``{"top curve": 1, ...}``.

    Examples
    --------
    >>> check_stroke_unit("top curve", {"top curve": 1, "left line": 4})
    >>> check_stroke_unit("top curve", {"top curve": 2, "left line": 4})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: this unit detects another stroke: ... Hidden unit 2 responds ...
    >>> check_stroke_unit("top curve", {"top curve": 2, "left line": 5})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: counted the units from 1: ...
    """
    count = len(HIDDEN_STROKES)
    right = {name: _strongest_unit(name) for name in units}
    unit = units[stroke]
    require(
        _is_index(unit),
        UNIT_NOT_INDEX,
        f"The answer for the {stroke} is {unit!r}, a {type(unit).__name__}.",
    )
    unit = int(unit)
    from_one = all(_is_index(units[name]) and units[name] == right[name] + 1 for name in units)
    answered = ", ".join(f"{units[name]} for the {name}" for name in units)
    require(not from_one, UNIT_FROM_ONE, f"You answered {answered}.")
    require(0 <= unit < count, UNIT_NOT_INDEX, f"You answered {unit} for the {stroke}.")
    if unit != right[stroke]:
        responds_to = max(STROKES, key=lambda s: hidden_response(stroke_image(s)[None, :])[0, unit])
        raise UNIT_OTHER_STROKE.fail(
            f"Hidden unit {unit} responds most to the {responds_to}, not to the {stroke}."
        )


# ---------------------------------------------------------------- 04.4 the C output

C_SHAPE = Mistake(
    "04.4/shape",
    "w_C is not 5 weights, or b_C is not one number",
    "w_C has one weight per hidden unit, shape (5,), and b_C is the C output's single bias.",
)
C_READS_OTHER = Mistake(
    "04.4/reads-other-as-c",
    "the network reads a clean A or B as C",
    "A and B contain strokes of C too: let the strokes C lacks count against C, and use "
    "the bias to demand all of C's evidence.",
)
C_MISSED = Mistake(
    "04.4/misses-c",
    "the network does not read a clean C as C",
    "on a C the C output must beat the A and B outputs: count C's own strokes for it, and "
    "check that the bias is not so negative that C can never win.",
)
C_NOISY_MISSED = Mistake(
    "04.4/noisy-misses-c",
    "right on clean letters, but misses too many noisy C's",
    "with a pixel or two flipped a stroke's unit is only partly on: leave a margin between "
    "the C output on a C and on the other letters (look at how the A and B biases sit "
    "between their letters' scores).",
)
C_NOISY_FALSE = Mistake(
    "04.4/noisy-false-c",
    "right on clean letters, but reads too many noisy A's or B's as C",
    "let the strokes C lacks count more strongly against C, or demand more evidence with the bias.",
)


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


def _c_output(w_c, b_c) -> tuple[np.ndarray, float]:
    """``w_c`` as 5 finite floats and ``b_c`` as one, or :data:`C_SHAPE`."""
    try:
        weights = np.asarray(w_c, dtype=float)
        bias = np.asarray(b_c, dtype=float)
    except (TypeError, ValueError):
        raise C_SHAPE.fail(f"Got w_C = {w_c!r} and b_C = {b_c!r}.") from None
    require(
        weights.shape == (len(HIDDEN_STROKES),) and bias.size == 1,
        C_SHAPE,
        f"w_C has shape {weights.shape} and b_C shape {bias.shape}.",
    )
    bias = float(bias.reshape(-1)[0])
    require(
        bool(np.all(np.isfinite(weights))) and np.isfinite(bias),
        "w_C and b_C must be finite numbers.",
        f"Got w_C = {weights} and b_C = {bias}.",
    )
    return weights, bias


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
    """Raise :class:`~wbcourse.checks.CheckFailed` unless this C output makes the network read C.

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
    wbcourse.mistakes.CheckFailed: the network reads a clean A or B as C: ... reads A as C...
    """
    weights, bias = _c_output(w_c, b_c)
    names = list(LETTER_STROKES)
    templates = letter_templates()
    clean = np.stack([templates[name].ravel() for name in names]).astype(float)
    got = _letter_predictions(clean, weights, bias)
    for true, predicted in enumerate(got):
        letter, read_as = names[true], names[predicted]
        if letter == "C" and predicted != true:
            raise C_MISSED.fail(f"Your network reads a clean C as {read_as}.")
        if letter != "C" and read_as == "C":
            shared = [s for s in LETTER_STROKES["C"] if s in LETTER_STROKES[letter]]
            raise C_READS_OTHER.fail(
                f"Your network reads {letter} as C; {letter} shares the "
                f"{' and the '.join(shared)} with C."
            )
    if noise:
        rates = noisy_letter_rates(weights, bias, seed, noise, n_per_class)
        described = (
            f"On {3 * n_per_class} noisy letters your network reads {rates['C']:.1%} of the C's "
            f"as C ({recall_bar:.0%} passes), {rates['A']:.1%} of the A's and {rates['B']:.1%} "
            f"of the B's ({false_bar:.0%} passes)."
        )
        require(rates["C"] >= recall_bar, C_NOISY_MISSED, described)
        require(max(rates["A"], rates["B"]) <= false_bar, C_NOISY_FALSE, described)
