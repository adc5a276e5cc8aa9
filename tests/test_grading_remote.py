"""The grading boundary: plain data only, and remote calls that behave like local ones.

``wire`` is tested on its own (every value that may cross, and what must not);
``remote`` and ``agent`` with a real IPython kernel in the grading sandbox, driven
the way :class:`wbcourse.nbgrader_ext.GradingExecute` drives it.
"""

import json
import math
import warnings

import numpy as np
import pytest
from jupyter_client.utils import run_sync

from wbcourse.grading import remote, wire
from wbcourse.grading.sandbox import SandboxedKernelManager, bwrap_problem


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        2**70,
        -1.5,
        math.inf,
        "text é",
        [1, [2.0, "x"]],
        (1, (2, 3)),
        {"a": 1, 2: "b", (1, 2): [3]},
        np.arange(6, dtype=np.int32).reshape(2, 3),
        np.array([[1.5, np.nan]]),
        np.float32(2.5),
        np.array(3.0),
        np.zeros((0, 4)),
        np.array([True, False]),
    ],
    ids=repr,
)
def test_plain_values_cross_unchanged(value):
    back = wire.loads(wire.dumps(value))
    if isinstance(value, np.ndarray | np.generic):
        assert type(back) is type(value) and back.dtype == value.dtype
        np.testing.assert_array_equal(back, value)
    else:
        assert back == value and type(back) is type(value)


def test_a_generator_crosses_as_its_state():
    rng = np.random.default_rng(7)
    copy = wire.loads(wire.dumps(rng))
    assert copy is not rng
    assert copy.integers(1 << 30) == rng.integers(1 << 30)


def test_objects_cross_only_as_references():
    with pytest.raises(wire.WireError, match="builtin_function_or_method does not cross"):
        wire.dumps(len)
    kept = {}

    def refer(value):
        kept["k1"] = value
        return wire.Reference("k1", callable(value), "builtins:len")

    message = wire.dumps([len, 1], refer)
    assert wire.loads(message) == [wire.Reference("k1", True, "builtins:len"), 1]
    assert wire.loads(message, lambda ref: kept[ref.id]) == [len, 1]


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ('{"$x": 1}', "unknown tag"),
        ('{"$a": ["object", [1], ""]}', "known dtype"),
        ('{"$a": ["float64", [2], "AAAAAAAA8D8="]}', "holds 8 bytes"),
        ('{"$a": ["float64", [99999999999], ""]}', "more than"),
        ('{"$a": ["float64", [-1], ""]}', "shape"),
        ('{"$g": {"$d": [["bit_generator", "Evil"], ["state", {"$d": []}]]}}', "unknown bit gen"),
        ('{"a": 1, "b": 2}', "not plain data"),
        ("[" * 100000, "not JSON|too deeply|deeper"),
        ('"' + "x" * 200 + '"', None),
    ],
)
def test_anything_else_is_refused_with_a_clear_error(message, error):
    if error is None:
        assert wire.loads(message) == "x" * 200
        return
    with pytest.raises(wire.WireError, match=error):
        wire.loads(message)


def test_a_message_over_the_size_limit_is_refused_before_parsing():
    with pytest.raises(wire.WireError, match="over the size limit"):
        wire.loads(json.dumps("x" * 1000), limits=wire.Limits(max_bytes=100))


# --------------------------------------------------------------- a real sandboxed kernel

KERNEL_CODE = """
import sys, time, warnings
import numpy as np

def add(x, y=1):
    return x + y

def mutate(a):
    a += 1
    return a.sum()

def noisy(x):
    warnings.warn("careful", RuntimeWarning)
    print("to stdout")
    print("to stderr", file=sys.stderr)
    return x

def broken(x):
    raise KeyError("W3")

def unanswered(x):
    raise NotImplementedError()

def draws(rng):
    return rng.integers(1000, size=3)

def pairs(n):
    for i in range(n):
        yield i, i * i

def uses(f, x):
    return f(x) + f(x + 1)

def calls_helper(x):
    return helper(x) * 10

def helper(x):
    raise NotImplementedError

def forward(x):
    return x ** 2, None

def forward_with_helper(x):
    return helper(x), None

def calls_with_keywords(f, n):
    return f((i for i in range(n)), scale=2)

def slow(x):
    while True:
        pass

def exits(x):
    import os
    os._exit(3)
"""


@pytest.fixture(scope="module")
def link(tmp_path_factory):
    """A KernelLink to a kernel in the grading sandbox, with the functions above defined."""
    isolation = "none" if bwrap_problem() else "bwrap"
    manager = SandboxedKernelManager(kernel_name="python3", isolation=isolation)
    run_sync(manager.start_kernel)(cwd=str(tmp_path_factory.mktemp("kernel")))
    client = manager.client()
    client.start_channels()
    run_sync(client.wait_for_ready)(timeout=60)
    run_sync(client.execute_interactive)(KERNEL_CODE, timeout=60, output_hook=lambda msg: None)
    link = remote.KernelLink(client, manager.is_alive, manager.interrupt_kernel)
    yield link, manager
    client.stop_channels()
    run_sync(manager.shutdown_kernel)(now=True)


def fetch(link, name, seconds=30):
    link.deadline = __import__("time").monotonic() + seconds
    return link.get([name])[name]


def test_a_notebook_function_is_called_with_plain_data(link):
    link, _ = link
    add = fetch(link, "add")
    assert isinstance(add, remote.RemoteFunction) and add.__name__ == "add"
    np.testing.assert_array_equal(add(np.ones(3), y=2.5), np.full(3, 3.5))
    assert add((1, 2), (3,)) == (1, 2, 3)


def test_changes_to_arguments_are_reported_not_copied_back(link):
    link, _ = link
    array = np.zeros(3)
    value, mutated = fetch(link, "mutate").call_checked(array)
    assert value == 3.0 and mutated
    np.testing.assert_array_equal(array, np.zeros(3))


def test_warnings_and_output_come_back_as_if_local(link, capsys):
    link, _ = link
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert fetch(link, "noisy")(2) == 2
    assert [(w.category, str(w.message)) for w in caught] == [(RuntimeWarning, "careful")]
    out = capsys.readouterr()
    assert "to stdout" in out.out and "to stderr" in out.err


def test_exceptions_keep_their_type_name_and_message(link):
    link, _ = link
    with pytest.raises(KeyError) as raised:
        fetch(link, "broken")(1)
    assert type(raised.value).__name__ == "KeyError" and str(raised.value) == "'W3'"
    with pytest.raises(NotImplementedError):
        fetch(link, "unanswered")(1)


def test_a_generator_argument_is_sent_as_its_state_and_jumps_here(link):
    link, _ = link
    draws = fetch(link, "draws")
    rng, twin = np.random.default_rng(3), np.random.default_rng(3)
    first = draws(rng)
    np.testing.assert_array_equal(first, np.random.default_rng(3).integers(1000, size=3))
    assert not np.array_equal(draws(rng), first), "the local generator moved on"
    twin.bit_generator.state = twin.bit_generator.jumped().state
    assert rng.integers(1 << 30) != 0 and twin.integers(1 << 30) != 0


def test_iterators_come_back_as_lists(link):
    link, _ = link
    assert list(fetch(link, "pairs")(3)) == [(0, 0), (1, 1), (2, 4)]


def test_grader_functions_are_called_back_never_sent(link):
    link, _ = link
    calls = []

    def square(x):
        calls.append(x)
        return x * x

    assert fetch(link, "uses")(square, 2) == 4 + 9
    assert calls == [2, 3]


def test_the_course_version_of_an_earlier_function_stands_in(link):
    link, _ = link
    calls_helper = fetch(link, "calls_helper")
    with pytest.raises(NotImplementedError):
        calls_helper(1)
    assert calls_helper.with_globals({"helper": lambda x: x + 1})(1) == 20
    with pytest.raises(NotImplementedError):
        calls_helper(1)


def test_finite_difference_values_come_in_one_request(link):
    link, _ = link
    forward = fetch(link, "forward")
    values = forward.objectives([np.array([1.0, 2.0])], 0, [[0, 0.5], [1, -1.0]], np.ones(2))
    assert values == [1.5**2 + 4.0, 1.0 + 1.0]
    with_helper = fetch(link, "forward_with_helper").with_globals({"helper": lambda x: 3 * x})
    assert with_helper.objectives([np.array([1.0])], 0, [[0, 1.0]], np.ones(1)) == [6.0]


def test_callbacks_take_keyword_arguments_and_iterators(link):
    link, _ = link
    seen = []

    def helper(values, scale=1):
        seen.append(list(values))
        return scale * sum(seen[-1])

    assert fetch(link, "calls_with_keywords")(helper, 3) == 2 * (0 + 1 + 2)
    assert seen == [[0, 1, 2]]


def test_plain_requests_travel_as_comm_messages_not_as_code(link):
    link, _ = link
    counter = (  # counts the kernel's execute requests (comm messages are counted by neither)
        "executed = []\n"
        "kernel = get_ipython().kernel\n"
        "handler = kernel.shell_handlers['execute_request']\n"
        "async def counting(*args):\n"
        "    executed.append(0)\n"
        "    return await handler(*args)\n"
        "kernel.shell_handlers['execute_request'] = counting"
    )
    run_sync(link.kc.execute_interactive)(counter, timeout=60, output_hook=lambda msg: None)
    add, executed = fetch(link, "add"), fetch(link, "executed")
    assert [add(k) for k in range(5)] == [1, 2, 3, 4, 5]
    plain = len(fetch(link, "executed")) - len(executed)
    assert plain <= 1  # the comm opens with one
    assert fetch(link, "uses")(lambda x: x * 2, 3) == 14  # a grader function: code to execute
    assert len(fetch(link, "executed")) - len(executed) == plain + 1


def test_a_call_past_its_deadline_is_interrupted(link):
    link, _ = link
    slow = fetch(link, "slow")
    link.deadline = __import__("time").monotonic() + 2
    with pytest.raises(remote.CallTimeout):
        slow(1)
    assert fetch(link, "add")(1) == 2, "the kernel answers again after the interrupt"


def test_a_kernel_that_dies_is_reported_and_refuses_further_calls(tmp_path):
    isolation = "none" if bwrap_problem() else "bwrap"
    manager = SandboxedKernelManager(kernel_name="python3", isolation=isolation)
    run_sync(manager.start_kernel)(cwd=str(tmp_path))
    client = manager.client()
    client.start_channels()
    try:
        run_sync(client.wait_for_ready)(timeout=60)
        run_sync(client.execute_interactive)(KERNEL_CODE, timeout=60, output_hook=lambda m: None)
        link = remote.KernelLink(client, manager.is_alive, manager.interrupt_kernel)
        exits = fetch(link, "exits")
        with pytest.raises(remote.KernelGone, match="died"):
            exits(1)
        with pytest.raises(remote.KernelGone):
            fetch(link, "add")
    finally:
        client.stop_channels()
        run_sync(manager.shutdown_kernel)(now=True)


def test_the_sandbox_tmp_is_mounted_before_python_and_the_package(tmp_path):
    """A course, venv or Python under /tmp (a fresh clone there) must stay visible inside."""
    from wbcourse.grading.sandbox import bwrap_command

    command = bwrap_command(["python"], tmp_path, 64)
    tmpfs = command.index("--tmpfs")
    binds = [i for i, arg in enumerate(command) if arg in ("--ro-bind", "--ro-bind-try")]
    assert command[tmpfs + 1] == "/tmp" and tmpfs < min(binds)
