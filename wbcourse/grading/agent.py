"""The kernel side of remote grading: answer the grader's requests with plain data.

The grader (see :mod:`wbcourse.grading.remote`) never runs its checks in the
student's kernel. It sends each request, one JSON message
(:mod:`wbcourse.grading.wire`), to :func:`serve`: as a message on the comm it
opens with target :data:`TARGET` (after :func:`listen`), or, when the request
carries the grader's own functions, as code to execute. It reads the reply that
:func:`serve` publishes as display data of type :data:`MIME`. Requests:

``{"op": "get", "names": [...]}``
    The values of these names in the notebook; callables and other objects
    come back as references.
``{"op": "call", "target": ref, "args": [...], "kwargs": {...}, "helpers": {...}}``
    Call an object held here (a reference) with decoded arguments; the reply
    holds the result, the warnings raised, and which arguments the call
    changed in place. Generators and other iterators come back as lists.
    While it runs, the names in ``helpers`` (the grader's functions) replace
    the notebook's names of the same name, so that an exercise that builds on
    an earlier one is graded with the course's version of the earlier one.
``{"op": "objectives", "target": ref, "args": [...], "position": p, "steps": [...], "dout": a}``
    For each ``[flat_index, delta]`` step, ``sum(target(*args')[0] * dout)``
    where ``args'`` is ``args`` with ``delta`` added at ``flat_index`` of
    argument ``p``: the values a finite-difference gradient check needs,
    computed in one request instead of one per step.

A callable argument from the grader arrives as a reference; calling it asks the
grader over the kernel's input channel (``input_request``), so the grader's
functions never run here. This module is not trusted: student code can change
it, which can only spoil the student's own answers.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from wbcourse.checks import unchanged
from wbcourse.grading import wire

#: The display-data type of a reply.
MIME = "application/vnd.wbcourse.reply+json"
#: The prompt prefix of a callback request on the input channel.
CALLBACK = "wbcourse-callback:"
#: The comm target that passes the grader's requests to :func:`serve`.
TARGET = "wbcourse.grading"

_held: dict[str, Any] = {}
_ids = itertools.count(1)


def _refer(value: Any) -> wire.Reference:
    key = f"k{next(_ids)}"
    _held[key] = value
    name = getattr(value, "__qualname__", None) or type(value).__name__
    module = getattr(value, "__module__", None) or ""
    return wire.Reference(key, callable(value), f"{module}:{name}")


class _Callback:
    """A grader-side function: each call is a request on the input channel."""

    def __init__(self, reference: wire.Reference):
        self.reference = reference

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from IPython import get_ipython

        sent = {  # iterators (a generator of mini-batches, say) go as lists
            "callback": self.reference.id,
            "args": [_materialized(arg) for arg in args],
            "kwargs": {key: _materialized(value) for key, value in kwargs.items()},
        }
        request = wire.dumps(sent, _refer)
        reply = wire.loads(get_ipython().kernel.raw_input(CALLBACK + request))
        if "error" in reply:
            raise RuntimeError(f"the grader's function failed: {reply['error']}")
        return reply["value"]


def _resolve(reference: wire.Reference) -> Any:
    if reference.id in _held:
        return _held[reference.id]
    return _Callback(reference)


def _materialized(value: Any) -> Any:
    if isinstance(value, Iterator) and not isinstance(value, str | bytes):
        return wire.materialize(value)
    return value


def _snapshot(value: Any) -> Any:
    if isinstance(value, np.ndarray | dict | list | tuple):
        try:
            return copy.deepcopy(value)
        except Exception:  # an object that cannot be copied cannot be compared either
            return None
    return None


def _call(request: dict) -> dict:
    target = request["target"]
    args, kwargs = request.get("args", []), request.get("kwargs", {})
    before = [_snapshot(arg) for arg in args]
    with (
        _globals_swapped(target, request.get("helpers", {})),
        warnings.catch_warnings(record=True) as caught,
        np.errstate(all="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        value = _materialized(target(*args, **kwargs))
    mutated = [
        position
        for position, (old, new) in enumerate(zip(before, args, strict=True))
        if old is not None and not unchanged(old, new)
    ]
    return {
        "value": value,
        "warnings": [[w.category.__name__, str(w.message)] for w in caught],
        "mutated": mutated,
    }


@contextlib.contextmanager
def _globals_swapped(function: Any, helpers: dict) -> Iterator[None]:
    """Let ``function`` see the grader's ``helpers`` under their names while it runs."""
    namespace = getattr(function, "__globals__", None)
    if not helpers or not isinstance(namespace, dict):
        yield
        return
    saved = {name: namespace[name] for name in helpers if name in namespace}
    namespace.update(helpers)
    try:
        yield
    finally:
        for name in helpers:
            namespace.pop(name, None)
        namespace.update(saved)


def _objectives(request: dict) -> dict:
    target = request["target"]
    args, position = list(request["args"]), request["position"]
    base, dout = np.asarray(args[position], dtype=float), request["dout"]
    values = []
    with (
        _globals_swapped(target, request.get("helpers", {})),
        warnings.catch_warnings(),
        np.errstate(all="ignore"),
    ):
        warnings.simplefilter("ignore")
        for index, delta in request["steps"]:
            trial = base.copy()
            trial.flat[index] += delta
            args[position] = trial
            values.append(float(np.sum(np.asarray(target(*args)[0], dtype=float) * dout)))
    return {"value": values, "warnings": [], "mutated": []}


def _get(request: dict) -> dict:
    from IPython import get_ipython

    namespace = get_ipython().user_ns
    found = {name: namespace[name] for name in request["names"] if name in namespace}
    return {"value": found, "warnings": [], "mutated": []}


_OPERATIONS = {"call": _call, "objectives": _objectives, "get": _get}


def serve(message: str) -> None:
    """Answer one request of the grader; publish the reply as display data of type MIME."""
    from IPython.display import publish_display_data

    try:
        request = wire.loads(message, _resolve)
        reply = _OPERATIONS[request["op"]](request)
    except NotImplementedError as error:
        reply = {"error": ["NotImplementedError", str(error)]}
    except Exception as error:  # the student's code failed: report it, as data
        reply = {"error": [type(error).__name__, str(error)[:2000]]}
    try:
        text = wire.dumps(reply, _refer)
    except wire.WireError as error:
        text = wire.dumps({"error": ["WireError", str(error)]})
    publish_display_data({MIME: text})


def listen() -> None:
    """From now on, answer the messages of a comm opened with target :data:`TARGET`."""
    from IPython import get_ipython

    get_ipython().kernel.comm_manager.register_target(TARGET, _answer_on)


def _answer_on(comm, _open_message: dict) -> None:
    comm.on_msg(lambda message: serve(message["content"]["data"]["request"]))
