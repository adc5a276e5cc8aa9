"""The words of failure: a :class:`Mistake` (id, name, hint) and :class:`CheckFailed`.

A mistake is the single source of what the feedback says about one common wrong
answer: the message in a check cell, the catalogue (``docs/mistakes.md``), the
grade report and the mistakes corpus all refer to it by :attr:`Mistake.id`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COURSE_WIDE",
    "ELEMENTWISE",
    "EXAMPLE_ONLY",
    "FLATTENED",
    "GRADIENT_ORDER",
    "LAYER_COUNT",
    "LIBRARY",
    "MISSING_KEY",
    "MUTATED",
    "NONE_USED",
    "NOT_AN_ARRAY",
    "NOT_AN_INT",
    "NO_KEEPDIMS",
    "NO_RETURN",
    "ONE_NUMBER",
    "ONE_OF_SEVERAL",
    "OTHER_KEYS",
    "PERCENT",
    "REORDERED",
    "ROUNDED",
    "SIGN",
    "SUMMED_OVER_COLUMNS",
    "SWAPPED_ARGUMENTS",
    "TRANSPOSED",
    "UNCALLED",
    "UNDEFINED",
    "UNPACK",
    "VALUES_WITHOUT_KEYS",
    "WHOLE_ARRAY_IF",
    "WORD",
    "CheckFailed",
    "Mistake",
    "require",
]


@dataclass(frozen=True)
class Mistake:
    """A common wrong answer, recognised and named in the feedback.

    The single source of a mistake's words: the feedback's message, the
    catalogue (``docs/mistakes.md``), the grade report and the mistakes corpus all
    use this object, by :attr:`id`.

    Attributes
    ----------
    id : str
        Unique in the course: ``"<exercise>/<slug>"``, e.g. ``"01.1/no-bias"``.
    name : str
        What the student did, e.g. ``"forgot the bias"``.
    hint : str
        What to look at next. Never the solution itself.
    """

    id: str
    name: str
    hint: str

    @property
    def message(self) -> str:
        """The feedback's sentence: ``"<name>: <hint>"``."""
        return f"{self.name}: {self.hint}"

    def fail(self, detail: str = "") -> CheckFailed:
        """A :class:`CheckFailed` naming this mistake (raise it)."""
        return CheckFailed(self.message, detail, self)


class CheckFailed(AssertionError):
    """A case failed.

    ``summary`` is safe to show for hidden cases; ``detail`` adds values;
    ``mistake`` is the :class:`Mistake` the check identified, if any.
    """

    def __init__(self, summary: str, detail: str = "", mistake: Mistake | None = None):
        super().__init__(summary if not detail else f"{summary} {detail}")
        self.summary = summary
        self.detail = detail
        self.mistake = mistake


#: Refusing wbcourse's own implementation of the function an exercise asks for.
LIBRARY = Mistake(
    "course/library",
    "uses wbcourse's own implementation, or code the grader cannot follow",
    "write your own version, in plain Python and numpy: the course's functions are for the "
    "later lessons, and code built while it runs (eval, __import__, getattr with a computed "
    "name) cannot be checked.",
)
#: Changing the caller's arrays.
MUTATED = Mistake(
    "course/mutated",
    "changed its input arrays in place",
    "your function changed an argument (e.g. with += or x[...] =); work on a copy or build "
    "a new array.",
)
#: A list where the task asks for a numpy array.
NOT_AN_ARRAY = Mistake(
    "course/not-an-array",
    "returned a list, not a numpy array",
    "the task asks for an array: numpy's functions build one (np.array(...) turns a list of "
    "rows into one), and only an array has a .shape and numpy's arithmetic (a list's + "
    "glues, its * repeats).",
)
#: A float with the right value where the task asks for a whole number.
NOT_AN_INT = Mistake(
    "course/not-an-int",
    "a float where a whole number was due",
    "the answer counts or indexes something, so it is an int: start a total at 0 rather "
    "than 0.0, and do not divide (int(...) converts a whole float).",
)
#: An exception that names two shapes that a matrix product, not ``*``, would combine.
ELEMENTWISE = Mistake(
    "course/elementwise",
    "multiplied entry by entry where a matrix product was due",
    "* multiplies matching entries; weighted sums need the matrix product @ (or np.dot), "
    "which combines every row of the first factor with every column of the second.",
)
#: A KeyError for a layer past the last one of a ``params`` dict.
LAYER_COUNT = Mistake(
    "course/layer-count",
    "looped past the last layer",
    "params holds two arrays per layer, a W and a b, so a network of L layers has "
    "len(params) == 2 * L keys: loop over the layers 1 to len(params) // 2.",
)
#: numpy refusing to turn a whole array into one True or False.
WHOLE_ARRAY_IF = Mistake(
    "course/whole-array-if",
    "used Python's if, max or and on a whole array",
    "those need one True or False, and an array holds many: numpy's np.maximum, np.where "
    "and & work entry by entry.",
)
#: An ``(N,)`` row result broadcast against an ``(N, C)`` array.
NO_KEEPDIMS = Mistake(
    "course/keepdims",
    "a result per row lost its axis (keepdims)",
    "Z.max(axis=1) has shape (N,), which numpy lines up with the columns of an (N, C) array, "
    "not with its rows: keepdims=True (or [:, None]) keeps it (N, 1).",
)
#: ``None`` where a value was due.
NO_RETURN = Mistake(
    "course/none",
    "returned None",
    "a function whose last line is not a `return` (or that prints its result) gives None: "
    "return the value.",
)
#: A function or method where its value was due, e.g. ``(pred == y).mean`` without ``()``.
UNCALLED = Mistake(
    "course/uncalled",
    "returned a function instead of calling it",
    "a function or method without its parentheses is the function itself: "
    "(pred == y).mean is the method, (pred == y).mean() its value.",
)
#: An array's values in one flat row where a 2-D (or deeper) array was due.
FLATTENED = Mistake(
    "course/flattened",
    "returned a flat array where a table was due",
    "your values came out in one row: np.append without an axis, .flatten(), .ravel() and a "
    "loop that appends one number at a time all lose the shape (an (N,) array is not an "
    "(N, 1) column). Keep it: np.append(..., axis=1), np.hstack, or .reshape(...).",
)
#: A dict whose keys are not the ones the task names.
OTHER_KEYS = Mistake(
    "course/other-keys",
    "a dict with other keys than asked",
    "use exactly the keys the task names, spelled and typed as there (the text 'W1' is not "
    "the number 1).",
)
#: The gradient of a per-column parameter, shape (D,), summed over the columns instead: (N,).
SUMMED_OVER_COLUMNS = Mistake(
    "course/summed-over-columns",
    "a parameter's gradient summed along the wrong axis",
    "a parameter of shape (D,) is used by every one of the N examples, so its gradient adds "
    "up the rows of an (N, D) array: axis=0, which leaves one value per column.",
)
#: A dict's values, in order, in a list or a tuple.
VALUES_WITHOUT_KEYS = Mistake(
    "course/values-without-keys",
    "the right values in a list, where a dict was due",
    "return a dict, so that each value comes with its name: {key: value for ...}.",
)
#: A KeyError that no other mistake explains.
MISSING_KEY = Mistake(
    "course/missing-key",
    "looked up a key the dict does not have",
    "print the dict's keys (d.keys()) and use one of them, spelled as there.",
)
#: A NameError in the student's function, or in a test cell after the answer cell ran: a
#: name never defined, or misspelt.
UNDEFINED = Mistake(
    "course/undefined",
    "used a name that is not defined",
    "define every name the task asks for in your answer cell, check the spelling (Python "
    "tells capitals apart), and run the cells above yours first; a cell that stops at an "
    "error defines nothing after it.",
)
#: A function for one number (math.exp, float) given an array.
ONE_NUMBER = Mistake(
    "course/one-number",
    "gave an array to a function for one number",
    "math.exp, math.log, float() and int() take a single number; numpy's np.exp and np.log "
    "work entry by entry on a whole array.",
)
#: None used as an array or a number, e.g. the result of rng.shuffle.
NONE_USED = Mistake(
    "course/none-used",
    "used None as a value",
    "a function that changes its argument in place (rng.shuffle, list.sort, list.append) "
    "returns None, as does a function without a return: keep the object it changed, or "
    "return the value.",
)
#: The data and params passed the other way round to predict, mlp_forward or loss_and_grads.
SWAPPED_ARGUMENTS = Mistake(
    "course/swapped-arguments",
    "passed the data and params the other way round",
    "match each argument of the call with its name in the function's signature: "
    "help(predict) and help(loss_and_grads) show them.",
)
#: What a wrong answer resembles when no mistake of the exercise explains it (see
#: :func:`wbcourse.checks.resemblance`).
SIGN = Mistake(
    "course/sign",
    "the right size with the opposite sign",
    "every value you return is minus the right one: look for a sign dropped or added in a "
    "formula, or a difference taken the wrong way round.",
)
PERCENT = Mistake(
    "course/percent",
    "a percentage where a fraction was due",
    "your values are 100 times the right ones: return the fraction itself (0.27, not 27).",
)
ROUNDED = Mistake(
    "course/rounded",
    "rounded the answer",
    "your values are the right ones rounded to a few decimals: return the full value, and "
    "round only what you print.",
)
TRANSPOSED = Mistake(
    "course/transposed",
    "the transpose of the right array",
    "your rows are the right answer's columns: check which axis holds what, and the order "
    "of the factors in a product (A.T @ B versus B.T @ A).",
)
REORDERED = Mistake(
    "course/order",
    "the right values in the wrong order",
    "each value you return is right, but not in its place: return them in the order the "
    "task lists them.",
)
GRADIENT_ORDER = Mistake(
    "course/gradient-order",
    "the gradients in another order than the inputs",
    "a backward pass returns one gradient per input, in the order of the inputs, and each "
    "has the shape of its input: yours have those shapes in another order.",
)
UNPACK = Mistake(
    "course/unpack",
    "a tuple where one of its values was due",
    "the right value is inside it: a function that returns several results gives a tuple, so "
    "unpack it (loss, grads = f(...)) and keep the one asked for, or return that one alone.",
)
ONE_OF_SEVERAL = Mistake(
    "course/one-of-several",
    "returned one result where several were due",
    "the task asks for a tuple of results: return all of them, in the order it lists them.",
)
WORD = Mistake(
    "course/word",
    "not the exact word asked for",
    "the answer is compared as text: use the very word the task gives, spelled as there.",
)
#: Right on the case "the example above", which the notebook lets the student try, and
#: wrong wherever the inputs differ from it (``wbcourse.checks.Grader._example_only``).
EXAMPLE_ONLY = Mistake(
    "course/example-only",
    "right on the example above only",
    "your code gives the example's answer, but not the answers for other inputs: look at what "
    "the other cases change (sizes, the number of layers, values) and at anything your code "
    "takes from the example or the notebook instead of from its arguments.",
)
#: The mistakes any exercise can name, besides its own.
COURSE_WIDE = (
    LIBRARY,
    MUTATED,
    NOT_AN_ARRAY,
    NOT_AN_INT,
    GRADIENT_ORDER,
    SUMMED_OVER_COLUMNS,
    ELEMENTWISE,
    LAYER_COUNT,
    WHOLE_ARRAY_IF,
    NO_KEEPDIMS,
    MISSING_KEY,
    UNDEFINED,
    ONE_NUMBER,
    NONE_USED,
    SWAPPED_ARGUMENTS,
    NO_RETURN,
    UNCALLED,
    SIGN,
    PERCENT,
    ROUNDED,
    TRANSPOSED,
    FLATTENED,
    REORDERED,
    UNPACK,
    ONE_OF_SEVERAL,
    OTHER_KEYS,
    VALUES_WITHOUT_KEYS,
    WORD,
    EXAMPLE_ONLY,
)


def require(condition: bool, summary: str | Mistake, detail: str = "") -> None:
    """Raise :class:`CheckFailed` with ``summary`` (a sentence or a Mistake) unless ``condition``.

    Examples
    --------
    >>> require(1 + 1 == 2, "arithmetic is broken")
    >>> require(False, "the output must be a float")
    Traceback (most recent call last):
    ...
    wbcourse.mistakes.CheckFailed: the output must be a float
    """
    if condition:
        return
    if isinstance(summary, Mistake):
        raise summary.fail(detail)
    raise CheckFailed(summary, detail)
