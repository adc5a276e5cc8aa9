"""The grader side of remote grading: the student's names as proxies to the kernel.

A test cell runs in the trusted grading process (:mod:`wbcourse.grading.trusted`).
The names it takes from the student's notebook are fetched through a
:class:`KernelLink`: plain values arrive as copies, functions and other objects
as :class:`RemoteObject` proxies whose calls send their arguments to the kernel
and bring the results back, as plain data (:mod:`wbcourse.grading.wire`). The
kernel's side is :mod:`wbcourse.grading.agent`.

A remote call behaves like a local one where the checks can see it: the
student's exceptions are raised again here (same type name and message),
warnings are warned again, text the function wrote to stderr is written to
``sys.stderr``, and which arguments it changed in place is reported to
:func:`wbcourse.checks.call_checked`. A numpy ``Generator`` argument is sent as
its state; afterwards the local generator jumps ahead to a fresh stream, so the
kernel never sets the grader's random state.
"""

from __future__ import annotations

import asyncio
import builtins
import itertools
import sys
import time
import uuid
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import zmq
import zmq.asyncio
from jupyter_client.utils import run_sync

from wbcourse.grading import agent, wire

#: Seconds between checks that the kernel is still alive while a request runs.
POLL_SECONDS = 1.0
#: Seconds a kernel has to stop after an interrupt before it counts as hung.
INTERRUPT_GRACE = 5.0


class KernelGone(RuntimeError):
    """The kernel died or stopped answering; the rest of the cell cannot reach it."""

    #: Its message is the grader's words (not the student's): checks may show it as is.
    grading_failure = True


class CallTimeout(RuntimeError):
    """A remote call ran past the time left for its cell; the kernel was interrupted."""

    grading_failure = True


def _exception(name: str, message: str) -> Exception:
    """An exception to raise here for one the student's code raised in the kernel.

    It has the same class name and message; it is an instance of the built-in
    class of that name, if there is one, so that ``except NotImplementedError``
    still works.

    >>> error = _exception("KeyError", "'W3'")
    >>> type(error).__name__, str(error), isinstance(error, KeyError)
    ('KeyError', "'W3'", True)
    """
    known = getattr(builtins, name, None)
    base = known if isinstance(known, type) and issubclass(known, Exception) else Exception
    safe = name if name.isidentifier() else "Error"
    kind = type(safe, (base,), {"__module__": "student", "__str__": lambda self: message})
    error = kind.__new__(kind)
    error.args = (message,)
    return error


def _warning_category(name: str) -> type[Warning]:
    known = getattr(builtins, name, None)
    return known if isinstance(known, type) and issubclass(known, Warning) else UserWarning


class KernelLink:
    """Requests to one kernel through nbclient's kernel client, with a deadline.

    Parameters
    ----------
    kc : jupyter_client.AsyncKernelClient
        A started client (its iopub, shell and stdin channels running).
    is_alive : callable
        Returns an awaitable or a bool: whether the kernel process still runs.
    interrupt : callable
        Interrupts the kernel (returns an awaitable or None).
    limits : wire.Limits
        Bounds on each reply.
    """

    def __init__(self, kc, is_alive, interrupt, limits: wire.Limits | None = None):
        self.kc = kc
        self.is_alive = is_alive
        self.interrupt = interrupt
        self.limits = limits or wire.Limits()
        self.deadline = float("inf")
        self.gone: str | None = None
        self._callbacks: dict[str, Callable[..., Any]] = {}
        self._ids = itertools.count(1)
        self._comm_id: str | None = None

    def refer(self, value: Any) -> wire.Reference:
        """A reference to a local object sent to the kernel; callables become callbacks."""
        if not callable(value):
            raise wire.WireError(f"a {type(value).__name__} does not cross the grading boundary")
        key = f"g{next(self._ids)}"
        self._callbacks[key] = value
        return wire.Reference(key, True, getattr(value, "__name__", "function"))

    def resolve(self, reference: wire.Reference) -> RemoteObject:
        """A proxy for an object held in the kernel."""
        if reference.callable:
            return RemoteFunction(self, reference)
        return RemoteObject(self, reference)

    def request(self, request: dict) -> dict:
        """Send ``request`` to the agent; the decoded reply dict, or raise.

        Raises
        ------
        KernelGone
            The kernel died or did not answer with a reply.
        CallTimeout
            The deadline passed; the kernel was interrupted.
        """
        if self.gone:
            raise KernelGone(self.gone)
        if time.monotonic() >= self.deadline:
            raise CallTimeout("no time was left for this check")
        message = wire.dumps(request, self.refer)
        try:
            text, streams = run_sync(self._exchange)(self._send(message))
        finally:
            self._callbacks.clear()
        for name, chunk in streams:
            (sys.stderr if name == "stderr" else sys.stdout).write(chunk)
        if text is None:
            raise KernelGone("the kernel gave no reply (did the notebook replace the grader?)")
        reply = wire.loads(text, self.resolve, self.limits)
        if not isinstance(reply, dict):
            raise wire.WireError("a reply that is not a dict")
        return reply

    def _send(self, message: str) -> str:
        """Send one request to :func:`agent.serve`; the id of the message that carries it.

        A request that carries the grader's functions is code to execute: their calls
        come back on the input channel, which only an execute request opens. Every
        other request is a comm message, which skips IPython's cell machinery (a round
        trip of about 5 ms instead of 13).
        """
        kc = self.kc
        if self._callbacks:
            code = f"__import__('wbcourse.grading.agent', fromlist=['serve']).serve({message!r})"
            return kc.execute(
                code, silent=True, store_history=False, allow_stdin=True, stop_on_error=False
            )
        if self._comm_id is None:  # the kernel handles its shell messages in order
            self._comm_id = uuid.uuid4().hex
            listen = "__import__('wbcourse.grading.agent', fromlist=['listen']).listen()"
            kc.execute(listen, silent=True, store_history=False, stop_on_error=False)
            opening = {"comm_id": self._comm_id, "target_name": agent.TARGET, "data": {}}
            kc.shell_channel.send(kc.session.msg("comm_open", opening))
        sent = kc.session.msg("comm_msg", {"comm_id": self._comm_id, "data": {"request": message}})
        kc.shell_channel.send(sent)
        return sent["header"]["msg_id"]

    async def _exchange(self, msg_id: str) -> tuple[str | None, list[tuple[str, str]]]:
        kc = self.kc
        poller = zmq.asyncio.Poller()
        poller.register(kc.iopub_channel.socket, zmq.POLLIN)
        poller.register(kc.stdin_channel.socket, zmq.POLLIN)
        text, streams, idle, size = None, [], False, 0
        stop_at = self.deadline
        while not idle:
            left = stop_at - time.monotonic()
            if left <= 0 and stop_at == self.deadline:
                await self._interrupt()  # then give the kernel a moment to stop
                stop_at = time.monotonic() + INTERRUPT_GRACE
                continue
            if left <= 0:
                self.gone = "the kernel did not stop when interrupted"
                raise KernelGone(self.gone)
            events = dict(await poller.poll(int(1000 * min(left, POLL_SECONDS))))
            if not events:
                if not await _maybe_await(self.is_alive()):
                    self.gone = "the kernel died while your code ran (exit, crash or memory)"
                    raise KernelGone(self.gone)
                continue
            if kc.stdin_channel.socket in events:
                await self._answer_callback(await kc.stdin_channel.get_msg(timeout=0))
            if kc.iopub_channel.socket in events:
                msg = await kc.iopub_channel.get_msg(timeout=0)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "status" and content.get("execution_state") == "idle":
                    idle = True
                elif kind == "stream":
                    size += len(content.get("text", ""))
                    if size < self.limits.max_bytes:
                        streams.append((content.get("name", "stdout"), content.get("text", "")))
                elif kind == "display_data" and agent.MIME in content.get("data", {}):
                    text = content["data"][agent.MIME]
                    if not isinstance(text, str):
                        text = None
        if stop_at != self.deadline:
            raise CallTimeout("your code did not finish in the time left for this check")
        return text, streams

    async def _interrupt(self) -> None:
        await _maybe_await(self.interrupt())

    async def _answer_callback(self, msg: dict) -> None:
        prompt = msg.get("content", {}).get("prompt", "")
        try:
            if not prompt.startswith(agent.CALLBACK):
                raise wire.WireError("the kernel asked for input")
            request = wire.loads(prompt[len(agent.CALLBACK) :], self.resolve, self.limits)
            function = self._callbacks[request["callback"]]
            reply = {"value": function(*request["args"], **request.get("kwargs", {}))}
        except Exception as error:  # the kernel asked for something it may not have
            reply = {"error": f"{type(error).__name__}: {error}"[:500]}
        try:
            text = wire.dumps(reply, self.refer)
        except wire.WireError as error:
            text = wire.dumps({"error": str(error)})
        self.kc.input(text)

    def get(self, names: list[str]) -> dict[str, Any]:
        """The values of ``names`` in the notebook (absent names are left out)."""
        value = self._value(self.request({"op": "get", "names": names}))
        if not isinstance(value, dict):
            raise wire.WireError("the kernel answered a lookup with something else")
        return {name: value[name] for name in names if name in value}

    def call(
        self, reference: wire.Reference, args: tuple, kwargs: dict, helpers: dict
    ) -> tuple[Any, list]:
        """Call a kernel object; ``(result, positions of arguments changed in place)``.

        ``helpers`` maps names of the notebook to the grader's functions that
        replace them while the call runs.
        """
        sent = _jump_generators(list(args))
        request = {"op": "call", "target": reference, "args": sent, "kwargs": kwargs}
        reply = self.request({**request, "helpers": helpers})
        for name, message in reply.get("warnings", [])[:20]:
            warnings.warn(str(message), _warning_category(str(name)), stacklevel=3)
        mutated = reply.get("mutated", [])
        return self._value(reply), mutated if isinstance(mutated, list) else []

    def objectives(self, reference, args, position, steps, dout, helpers) -> list[float]:
        """Objective values of a gradient check's steps (see :mod:`wbcourse.grading.agent`)."""
        request = {
            "op": "objectives",
            "target": reference,
            "args": list(args),
            "position": position,
            "steps": steps,
            "dout": dout,
            "helpers": helpers,
        }
        values = self._value(self.request(request))
        if not (isinstance(values, list) and len(values) == len(steps)):
            raise wire.WireError("the kernel answered a gradient check with something else")
        return [float(value) for value in values]

    @staticmethod
    def _value(reply: dict) -> Any:
        if "error" in reply:
            name, message = [*list(reply["error"]), "Error", ""][:2]
            raise _exception(str(name), str(message))
        return reply.get("value")


def _jump_generators(values: list) -> list:
    """Leave each Generator's state in ``values`` to be sent, then jump the local one ahead."""
    sent = []
    for value in values:
        if isinstance(value, np.random.Generator):
            snapshot = np.random.Generator(type(value.bit_generator)())
            snapshot.bit_generator.state = value.bit_generator.state
            jumped = getattr(value.bit_generator, "jumped", None)
            if jumped:
                value.bit_generator.state = jumped().state
            else:  # SFC64 cannot jump: one draw moves it on just as independently of the kernel
                value.bit_generator.random_raw()
            sent.append(snapshot)
        else:
            sent.append(value)
    return sent


async def _maybe_await(value: Any) -> Any:
    return await value if asyncio.iscoroutine(value) or asyncio.isfuture(value) else value


class RemoteObject:
    """An object that stays in the student's kernel; only its handle is here."""

    def __init__(self, link: KernelLink, reference: wire.Reference):
        self._link = link
        self._reference = reference

    def __repr__(self) -> str:
        return f"<object in the student's notebook: {self._reference.label or '?'}>"

    def __copy__(self) -> RemoteObject:
        return self

    def __deepcopy__(self, memo: dict) -> RemoteObject:
        return self

    def wire_reference(self) -> wire.Reference:
        """The handle to send back when this object is an argument of a remote call."""
        return self._reference


class RemoteFunction(RemoteObject):
    """A function of the student's notebook; calling it calls it in the kernel."""

    def __init__(self, link: KernelLink, reference: wire.Reference, helpers: dict | None = None):
        super().__init__(link, reference)
        self._helpers = helpers or {}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.call_checked(*args, **kwargs)[0]

    def call_checked(self, *args: Any, **kwargs: Any) -> tuple[Any, bool]:
        """Call in the kernel; ``(result, whether an argument was changed in place)``."""
        value, mutated = self._link.call(
            self._reference, _unwrap(args), _unwrap(kwargs), self._helpers
        )
        return value, bool(mutated)

    def with_globals(self, helpers: dict) -> RemoteFunction:
        """This function, run with ``helpers`` (grader functions) in place of its globals."""
        return RemoteFunction(self._link, self._reference, {**self._helpers, **helpers})

    def objectives(self, args, position, steps, dout) -> list[float]:
        """Finite-difference objective values, computed in one request."""
        return self._link.objectives(
            self._reference, _unwrap(args), position, steps, dout, self._helpers
        )

    @property
    def __name__(self) -> str:
        return self._reference.label.rpartition(":")[2] or "function"


def _unwrap(value: Any) -> Any:
    """Replace proxies inside ``value`` by the kernel handles they stand for."""
    if isinstance(value, RemoteObject):
        return value.wire_reference()
    if isinstance(value, list | tuple):
        return type(value)(_unwrap(item) for item in value)
    if isinstance(value, dict):
        return {key: _unwrap(item) for key, item in value.items()}
    return value
