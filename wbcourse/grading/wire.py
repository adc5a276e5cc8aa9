"""Plain data across the grading boundary: JSON with tags, never pickle.

The trusted grader and the student's sandboxed kernel exchange only what this
module encodes: ``None``, booleans, integers, floats (``nan`` and ``inf`` too),
strings, lists, tuples, dicts, numpy arrays and scalars of numeric and boolean
dtypes, and numpy ``Generator`` states. Anything else becomes a *reference*
(``{"$r": id}``): an opaque handle that the side holding the object can resolve
when the handle comes back, and that the other side can call if it is callable.
Decoding checks every tag, dtype, shape and size, so a hostile peer can send
wrong answers, never objects, code or a message that exhausts the grader.

Examples
--------
>>> import numpy as np
>>> message = dumps({"W": np.eye(2), "n": 3, "pair": (1.5, "a")})
>>> loads(message)["pair"]
(1.5, 'a')
>>> loads(message)["W"]
array([[1., 0.],
       [0., 1.]])
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Limits", "Reference", "WireError", "decode", "dumps", "encode", "loads"]

#: dtypes that cross the boundary (little-endian, fixed size); anything else is refused.
DTYPES = frozenset(
    {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}
    | {"float16", "float32", "float64", "complex64", "complex128"}
)
#: numpy bit generators whose state crosses the boundary.
BIT_GENERATORS = frozenset(["PCG64", "PCG64DXSM", "Philox", "SFC64", "MT19937"])


class WireError(ValueError):
    """A message that is not plain data, or is larger or deeper than the limits."""


@dataclass(frozen=True)
class Limits:
    """Bounds on what :func:`decode` accepts from the other side.

    Attributes
    ----------
    max_bytes : int
        Largest message, in characters of JSON.
    max_depth : int
        Deepest nesting of lists, tuples and dicts.
    max_items : int
        Most values (array elements count one each) in one message.
    """

    max_bytes: int = 64 << 20
    max_depth: int = 64
    max_items: int = 20_000_000


@dataclass(frozen=True)
class Reference:
    """A handle to an object that stays on the side that sent it.

    Attributes
    ----------
    id : str
        The sender's name for the object.
    callable : bool
        Whether the sender says the object can be called.
    label : str
        What the sender says the object is (``"function weighted_sum"``); for
        messages only, never trusted.
    """

    id: str
    callable: bool = False
    label: str = ""


def _encode_array(array: np.ndarray) -> dict:
    dtype = array.dtype.newbyteorder("<") if array.dtype.byteorder == ">" else array.dtype
    if dtype.name not in DTYPES:
        raise WireError(f"arrays of dtype {array.dtype} do not cross the grading boundary")
    data = np.ascontiguousarray(array, dtype=dtype).tobytes()
    return {"$a": [dtype.name, list(array.shape), base64.b64encode(data).decode("ascii")]}


def encode(value: Any, refer: Callable[[Any], Reference] | None = None) -> Any:
    """``value`` as JSON-compatible plain data.

    Parameters
    ----------
    value : object
        What to send.
    refer : callable, optional
        Turns an object that is not plain data into a :class:`Reference` (and
        keeps the object); without it such an object raises :class:`WireError`.

    Returns
    -------
    object
        Built from dicts, lists, strings, numbers, booleans and None only.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$f": repr(value)}
    if isinstance(value, np.ndarray):
        return _encode_array(value)
    if isinstance(value, np.generic) and not isinstance(value, np.object_):
        return {"$s": _encode_array(np.asarray(value))["$a"]}
    if isinstance(value, list):
        return [encode(item, refer) for item in value]
    if isinstance(value, tuple):
        return {"$t": [encode(item, refer) for item in value]}
    if isinstance(value, dict):
        return {"$d": [[encode(key, refer), encode(item, refer)] for key, item in value.items()]}
    if isinstance(value, np.random.Generator):
        state = value.bit_generator.state
        if state.get("bit_generator") in BIT_GENERATORS:
            return {"$g": encode(state)}
    if isinstance(value, Reference):
        return {"$r": value.id}
    if refer is None:
        raise WireError(f"a {type(value).__name__} does not cross the grading boundary")
    reference = refer(value)
    return {"$r": reference.id, "c": reference.callable, "l": reference.label[:200]}


def dumps(value: Any, refer: Callable[[Any], Reference] | None = None) -> str:
    """``value`` encoded (see :func:`encode`) as a JSON string."""
    return json.dumps(encode(value, refer), allow_nan=False, separators=(",", ":"))


class _Decoder:
    def __init__(self, limits: Limits, resolve: Callable[[Reference], Any] | None):
        self.limits = limits
        self.resolve = resolve
        self.items = 0

    def count(self, items: int) -> None:
        self.items += items
        if self.items > self.limits.max_items:
            raise WireError(f"more than {self.limits.max_items} values in one message")

    def value(self, data: Any, depth: int) -> Any:
        if depth > self.limits.max_depth:
            raise WireError(f"nested deeper than {self.limits.max_depth} levels")
        self.count(1)
        if data is None or isinstance(data, bool | int | str):
            return data
        if isinstance(data, float):
            return data
        if isinstance(data, list):
            return [self.value(item, depth + 1) for item in data]
        if not isinstance(data, dict) or len(data) not in (1, 3):
            raise WireError("a message holds an object that is not plain data")
        tag = next(iter(data))
        body = data[tag]
        if tag == "$t" and isinstance(body, list):
            return tuple(self.value(item, depth + 1) for item in body)
        if tag == "$d" and isinstance(body, list):
            return self.mapping(body, depth)
        if tag == "$a":
            return self.array(body)
        if tag == "$s":
            return self.array(body)[()]
        if tag == "$f" and body in ("nan", "inf", "-inf"):
            return float(body)
        if tag == "$g":
            return self.generator(self.value(body, depth + 1))
        if tag == "$r" and isinstance(body, str):
            reference = Reference(body, bool(data.get("c")), str(data.get("l", ""))[:200])
            return self.resolve(reference) if self.resolve else reference
        raise WireError(f"unknown tag {tag!r} in a message")

    def mapping(self, pairs: list, depth: int) -> dict:
        result = {}
        for pair in pairs:
            if not isinstance(pair, list) or len(pair) != 2:
                raise WireError("a dict entry is not a key-value pair")
            key = self.value(pair[0], depth + 1)
            try:
                result[key] = self.value(pair[1], depth + 1)
            except TypeError:
                raise WireError(f"a dict key of type {type(key).__name__}") from None
        return result

    def array(self, body: Any) -> np.ndarray:
        if not (isinstance(body, list) and len(body) == 3 and body[0] in DTYPES):
            raise WireError("an array without a known dtype, a shape and data")
        dtype, shape, data = np.dtype(body[0]), body[1], body[2]
        if not (
            isinstance(shape, list)
            and len(shape) <= 32
            and all(isinstance(n, int) and 0 <= n for n in shape)
        ):
            raise WireError(f"an array shape must be a list of sizes, got {shape!r}")
        size = math.prod(shape)
        self.count(size)
        if not isinstance(data, str) or len(data) > self.limits.max_bytes:
            raise WireError("array data must be base64 text within the size limit")
        raw = base64.b64decode(data.encode("ascii"), validate=True)
        if len(raw) != size * dtype.itemsize:
            raise WireError(f"array data holds {len(raw)} bytes for shape {tuple(shape)}")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()

    def generator(self, state: Any) -> np.random.Generator:
        name = state.get("bit_generator") if isinstance(state, dict) else None
        if name not in BIT_GENERATORS:
            raise WireError("a random generator state of an unknown bit generator")
        bit_generator = getattr(np.random, name)()
        try:
            bit_generator.state = state
        except (TypeError, ValueError, KeyError) as error:
            raise WireError(f"an invalid {name} state: {error}") from None
        return np.random.Generator(bit_generator)


def decode(
    data: Any,
    resolve: Callable[[Reference], Any] | None = None,
    limits: Limits = Limits(),
) -> Any:
    """The value that :func:`encode` turned into ``data``; :class:`WireError` if it is not one.

    Parameters
    ----------
    data : object
        Parsed JSON.
    resolve : callable, optional
        Turns each :class:`Reference` into a local object (a proxy, or the object
        the reference names); without it references come back as they are.
    limits : Limits
        Size and depth bounds.
    """
    return _Decoder(limits, resolve).value(data, 0)


def loads(
    text: str | bytes,
    resolve: Callable[[Reference], Any] | None = None,
    limits: Limits = Limits(),
) -> Any:
    """Parse and :func:`decode` one message; :class:`WireError` for anything else.

    Examples
    --------
    >>> loads('{"$x": 1}')
    Traceback (most recent call last):
    ...
    wbcourse.grading.wire.WireError: unknown tag '$x' in a message
    """
    if len(text) > limits.max_bytes:
        raise WireError(f"a message of {len(text)} characters is over the size limit")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise WireError(f"a message that is not JSON: {str(error)[:100]}") from None
    try:
        return decode(data, resolve, limits)
    except RecursionError:
        raise WireError("a message nested too deeply") from None


def materialize(iterator: Iterator[Any], limit: int = 100_000) -> list[Any]:
    """The items of ``iterator`` as a list, refusing more than ``limit`` of them."""
    items = []
    for item in iterator:
        if len(items) >= limit:
            raise WireError(f"an iterator with more than {limit} items")
        items.append(item)
    return items
