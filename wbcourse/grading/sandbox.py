"""The grading kernel's sandbox: resource limits and an audit hook, set before student code.

A grading kernel is started as ``python -m wbcourse.grading.kernel`` instead of
``python -m ipykernel_launcher`` (see :class:`SandboxedKernelManager`). Before the
kernel runs any cell it

- caps its address space (so runaway memory is a ``MemoryError`` in that cell, not a
  dead machine) and the size of any file it writes;
- dies with its parent (the grader), so a killed grading run leaves no kernel behind;
- imports numpy and wbcourse and makes those modules read-only, so an answer cell
  cannot monkeypatch the checks or ``numpy.testing`` the tests rely on, nor shadow
  them with a file of the same name in the submission;
- installs a Python audit hook (:pep:`578`) that refuses, with a :class:`SandboxError`:
  reading or writing the course's private folders (the solutions with the hidden
  tests, the gradebook, other students' submissions); writing anywhere but the
  submission's own working folder and the temporary folder; starting programs or
  forking; signalling other processes; loading libraries or reading memory through
  ctypes; walking the garbage collector's object graph; tracing; opening sockets.

Changing a *class* of wbcourse (``Grader.score = ...``) or rebinding a name in the
notebook (``Grader = ...``) raises no audit event: :mod:`wbcourse.grading.scan` finds
such code and the submission is flagged for manual review.

This is defence in depth, not a security boundary: CPython's audit hooks can be
bypassed by code that escapes the interpreter. Isolation from the host (another user,
a container, JupyterHub) remains the deployment's job; ``docs/instructor.md`` says
what each layer covers.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import tempfile
import types
from dataclasses import dataclass

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer

#: Folders and files of the course root that grading kernels may neither read nor write.
PRIVATE_PATHS = (
    "solutions",
    "source",
    "submitted",
    "autograded",
    "feedback",
    "exchange",
    "reports",
    "gradebook.db",
    "gradebook.db-journal",
    ".git",
)

#: Top-level packages made read-only in a grading kernel.
FROZEN_PACKAGES = ("numpy", "wbcourse")

_SPAWN_EVENTS = {
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "pty.spawn",
}
_REFUSED_EVENTS = _SPAWN_EVENTS | {
    "ctypes.dlopen",
    "ctypes.dlsym",
    "ctypes.dlsym/handle",
    "ctypes.cdata",
    "ctypes.string_at",
    "ctypes.wstring_at",
    "ctypes.call_function",
    "gc.get_objects",
    "gc.get_referrers",
    "gc.get_referents",
    "socket.bind",
    "socket.connect",
    "socket.sendto",
    "sys.settrace",
    "sys.setprofile",
}
# Events whose first argument (and, for the second group, second too) is a path written to.
_ONE_PATH_WRITES = {
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.chmod",
    "os.chown",
    "os.utime",
    "os.truncate",
    "os.setxattr",
    "os.removexattr",
    "shutil.rmtree",
    "sqlite3.connect",
}
_TWO_PATH_WRITES = {"os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.move"}
_ONE_PATH_READS = {"os.listdir", "os.scandir", "glob.glob", "os.chdir"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class SandboxError(PermissionError):
    """Raised in a grading kernel for an operation the grading sandbox refuses."""


@dataclass(frozen=True)
class Policy:
    """What a grading kernel may touch.

    Attributes
    ----------
    workdir : str
        The submission's working folder: read and write.
    private : tuple of str
        Paths neither read nor written (unless inside ``workdir``).
    writable : tuple of str
        Folders written besides ``workdir`` (the temporary folder, library caches).
    """

    workdir: str
    private: tuple[str, ...]
    writable: tuple[str, ...]

    @classmethod
    def for_course(cls, course_root: str, workdir: str, private: tuple[str, ...] = ()) -> Policy:
        """The policy of a kernel grading in ``workdir`` for the course at ``course_root``.

        ``private`` adds paths outside the course root, e.g. a shared exchange.
        """
        from IPython.paths import get_ipython_dir

        real = os.path.realpath
        writable = (tempfile.gettempdir(), os.path.expanduser("~/.cache"), get_ipython_dir())
        return cls(
            workdir=real(workdir),
            private=tuple(
                real(path)
                for path in (*(os.path.join(course_root, n) for n in PRIVATE_PATHS), *private)
            ),
            writable=tuple(real(path) for path in writable),
        )

    def refusal(self, path: object, write: bool) -> str | None:
        """Why ``path`` may not be read (or written, if ``write``), or None if it may.

        >>> policy = Policy("/c/autograded/ann/01", ("/c/solutions", "/c/autograded"), ("/tmp",))
        >>> policy.refusal("/c/autograded/ann/01/x.png", write=True) is None
        True
        >>> policy.refusal("/c/solutions/01/01.ipynb", write=False)
        'reading /c/solutions/01/01.ipynb: a private folder of the course'
        >>> policy.refusal("/home/ann/notes.txt", write=True)
        'writing /home/ann/notes.txt: outside the working folder'
        """
        if isinstance(path, int):  # an already open file descriptor
            return None
        name = os.fsdecode(path)
        real = os.path.realpath(name)
        if _inside(real, (self.workdir,)):
            return None
        verb = "writing" if write else "reading"
        if _inside(real, self.private):
            return f"{verb} {name}: a private folder of the course"
        if write and not _inside(real, self.writable):
            return f"{verb} {name}: outside the working folder"
        return None


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == folder or path.startswith(folder + os.sep) for folder in folders)


def _is_write(mode: object, flags: object) -> bool:
    if isinstance(mode, str):
        return any(letter in mode for letter in "wax+")
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def refusal(policy: Policy, event: str, args: tuple) -> str | None:
    """Why the audit event ``event`` with ``args`` is refused under ``policy``, or None.

    >>> policy = Policy("/work", ("/c/solutions",), ("/tmp",))
    >>> refusal(policy, "open", ("/c/solutions/a.ipynb", "r", 0))
    'reading /c/solutions/a.ipynb: a private folder of the course'
    >>> refusal(policy, "subprocess.Popen", ("ls", ["ls"], None, None))
    'subprocess.Popen: the grader runs no other programs'
    >>> refusal(policy, "os.kill", (os.getpid(), 9)) is None
    True
    """
    if event == "open":
        path, mode, flags = args
        return policy.refusal(path, _is_write(mode, flags))
    if event in _ONE_PATH_READS:
        return policy.refusal(args[0], write=False) if args and args[0] is not None else None
    if event in _ONE_PATH_WRITES:
        return policy.refusal(args[0], write=True)
    if event in _TWO_PATH_WRITES:
        return policy.refusal(args[0], write=True) or policy.refusal(args[1], write=True)
    if event in ("os.kill", "os.killpg") and args[0] != os.getpid():
        return f"{event}: signals to other processes"
    if event in _SPAWN_EVENTS:
        return f"{event}: the grader runs no other programs"
    if event in _REFUSED_EVENTS:
        return f"{event}: not available while grading"
    return None


class ReadOnlyModule(types.ModuleType):
    """A module whose attributes cannot be set or deleted (except by imports of submodules)."""

    def __setattr__(self, name: str, value: object) -> None:
        if sys.modules.get(f"{self.__name__}.{name}") is not value:
            raise SandboxError(f"wbcourse sandbox: {self.__name__}.{name} is read-only")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        raise SandboxError(f"wbcourse sandbox: {self.__name__}.{name} is read-only")


def freeze_packages(packages: tuple[str, ...] = FROZEN_PACKAGES) -> list[str]:
    """Make every imported module of ``packages`` a :class:`ReadOnlyModule`.

    Returns
    -------
    list of str
        The names of the modules frozen, sorted.
    """
    frozen = []
    for name, module in sorted(sys.modules.items()):
        if name.split(".")[0] in packages and type(module) is types.ModuleType:
            module.__class__ = ReadOnlyModule
            frozen.append(name)
    return frozen


def limit_resources(memory_bytes: int, file_bytes: int) -> None:
    """Cap this process's address space and the size of the files it writes.

    A write past ``file_bytes`` then fails with ``OSError`` (EFBIG) instead of
    killing the process with SIGXFSZ.
    """
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def install(policy: Policy) -> None:
    """Freeze numpy and wbcourse and install the audit hook of ``policy``; irreversible."""
    import numpy.testing  # noqa: F401  (imported now, so that it is frozen)

    import wbcourse.exercises  # noqa: F401  (the checks and the references)

    freeze_packages()

    def audit(event: str, args: tuple) -> None:
        reason = refusal(policy, event, args)
        if reason is not None:
            raise SandboxError(f"wbcourse sandbox refused {reason}")

    sys.addaudithook(audit)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts IPython kernels inside the grading sandbox.

    Configure it for nbgrader with ``c.Execute.kernel_manager_class``; the course
    root comes from ``CourseDirectory.root``.
    """

    memory_limit_mb = Integer(3072, help="Address-space limit of a grading kernel, in MiB.").tag(
        config=True
    )
    file_limit_mb = Integer(64, help="Largest file a grading kernel may write, in MiB.").tag(
        config=True
    )

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """The kernel spec's command with the sandboxed launcher instead of IPython's."""
        command = super().format_kernel_cmd(extra_arguments)
        if "ipykernel_launcher" not in command:
            raise ValueError(
                f"the grading sandbox runs IPython kernels started with "
                f"'-m ipykernel_launcher'; this kernel's command is {command}"
            )
        at = command.index("ipykernel_launcher")
        course_root = self.config.get("CourseDirectory", {}).get("root", os.getcwd())
        exchange = self.config.get("Exchange", {}).get("root")
        python, flags = command[0], command[1 : at - 1]  # e.g. [python, "-m", launcher]
        return [
            python,
            "-P",  # no submission folder first on sys.path: its files cannot shadow modules
            *flags,
            "-m",
            "wbcourse.grading.kernel",
            f"--course-root={course_root}",
            *([f"--private={exchange}"] if exchange else []),
            f"--memory-mb={self.memory_limit_mb}",
            f"--file-mb={self.file_limit_mb}",
            *command[at + 1 :],
        ]
