"""The grading kernel's OS sandbox: bubblewrap, resource limits, a private scratch folder.

Every kernel that runs a student's notebook for grading is started by
:class:`SandboxedKernelManager` inside `bubblewrap <https://github.com/containers/bubblewrap>`_
(``bwrap``, Debian package ``bubblewrap``), with

- a read-only view of what Python needs (``/usr``, the Python installation, the
  course's virtual environment and the ``wbcourse`` package) and nothing else of
  the machine: no course folder (``solutions/``, ``gradebook.db``, other
  submissions, the exchange), no home folder, no other kernel;
- a fresh home, working folder and temporary folder of its own (deleted after
  grading); the working folder holds a copy of the submission's files (not its notebooks,
  which hold the restored test cells);
- no network: the kernel talks to the grader over Unix sockets (jupyter's ``ipc``
  transport) in a folder of its own, bound into the sandbox;
- its own PID namespace, killed when the grader dies;
- limits on memory (address space), CPU time, file size and, where the machine has
  a writable ``pids`` cgroup, the number of processes.

Inside, :mod:`wbcourse.grading.kernel` adds an audit hook (:pep:`578`) that refuses
and reports the obvious escapes (programs, ctypes, sockets, the course's private
paths) so that the instructor sees the attempt; the sandbox is what stops them.
The verdict never depends on the kernel: test cells run in the grader
(:mod:`wbcourse.grading.trusted`).

Where bubblewrap is missing (macOS, Windows, a machine without it) grading refuses
to start, unless the instructor explicitly allows ``isolation = "none"`` (``./wb
grade --unsafe-no-sandbox``); the grade report then says so.
"""

from __future__ import annotations

import functools
import itertools
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Enum, Integer

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
#: Parts of the wbcourse package a grading kernel never sees (the reference answers).
HIDDEN_PACKAGES = ("exercises",)
#: Where the kernel lives inside the sandbox.
HOME = "/home/student"
WORKDIR = f"{HOME}/work"
#: Environment variables passed into the sandbox (everything else is cleared).
PASSED_ENVIRONMENT = ("LANG", "LC_ALL", "TZ", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE")
PASSED_ENVIRONMENT += ("OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

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
    "socket.bind",
    "socket.connect",
    "socket.sendto",
    "sys.settrace",
    "sys.setprofile",
}


class SandboxError(PermissionError):
    """Raised in a grading kernel for an operation the grading sandbox refuses."""


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or does not work here, and isolation was not waived."""


@dataclass(frozen=True)
class Policy:
    """What the audit hook of a grading kernel refuses (and so reports).

    Attributes
    ----------
    private : tuple of str
        Paths of the course that are never read (they are not in the sandbox either).
    """

    private: tuple[str, ...]

    @classmethod
    def for_course(cls, course_root: str, extra: tuple[str, ...] = ()) -> Policy:
        """The policy of a kernel grading for the course at ``course_root``."""
        paths = (*(os.path.join(course_root, name) for name in PRIVATE_PATHS), *extra)
        return cls(tuple(os.path.realpath(path) for path in paths))

    def refusal(self, event: str, args: tuple) -> str | None:
        """Why the audit event ``event`` with ``args`` is refused, or None.

        >>> policy = Policy(("/c/solutions",))
        >>> policy.refusal("open", ("/c/solutions/a.ipynb", "r", 0))
        'reading /c/solutions/a.ipynb: a private folder of the course'
        >>> policy.refusal("subprocess.Popen", ("ls", ["ls"], None, None))
        'subprocess.Popen: the grader runs no other programs'
        >>> policy.refusal("os.kill", (os.getpid(), 9)) is None
        True
        """
        if event == "open" and isinstance(args[0], str | bytes):
            name = os.fsdecode(args[0])
            real = os.path.realpath(name)
            if any(real == path or real.startswith(path + os.sep) for path in self.private):
                return f"reading {name}: a private folder of the course"
        if event in ("os.kill", "os.killpg") and args[0] not in (os.getpid(), 0):
            return f"{event}: signals to other processes"
        if event in _SPAWN_EVENTS:
            return f"{event}: the grader runs no other programs"
        if event in _REFUSED_EVENTS:
            return f"{event}: not available while grading"
        return None


def install_audit_hook(policy: Policy) -> None:
    """Refuse, with :class:`SandboxError`, every event ``policy`` refuses; irreversible."""

    def audit(event: str, args: tuple) -> None:
        reason = policy.refusal(event, args)
        if reason is not None:
            raise SandboxError(f"wbcourse sandbox refused {reason}")

    sys.addaudithook(audit)


@dataclass(frozen=True)
class Limits:
    """Resource limits of one grading kernel (each process of it).

    Attributes
    ----------
    memory_mb, file_mb : int
        Address space and largest file written, in MiB.
    cpu_seconds : int
        CPU time of the kernel, all cells together.
    processes : int
        Most processes at once (through a ``pids`` cgroup where one is writable,
        else ``RLIMIT_NPROC``, which Linux does not apply to root).
    """

    memory_mb: int = 3072
    file_mb: int = 64
    cpu_seconds: int = 900
    processes: int = 64

    def apply(self, cgroup: Path | None) -> None:
        """Set the limits on this process (run in the child, before it executes the kernel)."""
        mib = 1 << 20
        for limit, value in (
            (resource.RLIMIT_AS, self.memory_mb * mib),
            (resource.RLIMIT_FSIZE, self.file_mb * mib),
            (resource.RLIMIT_CPU, self.cpu_seconds),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(limit, (value, value))
        if os.geteuid() != 0:
            resource.setrlimit(resource.RLIMIT_NPROC, (4096, 4096))
        if cgroup is not None:
            (cgroup / "cgroup.procs").write_text(str(os.getpid()))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _die_with_parent()


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


_cgroup_ids = itertools.count(1)


def process_cgroup(limit: int) -> Path | None:
    """A new ``pids`` cgroup capped at ``limit`` processes, or None where none can be made."""
    for base in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")):
        if not (base / "cgroup.procs").exists() or not os.access(base, os.W_OK):
            continue
        group = base / "wbcourse" / f"kernel-{os.getpid()}-{next(_cgroup_ids)}"
        try:
            group.mkdir(parents=True)
            (group / "pids.max").write_text(str(limit))
        except OSError:
            shutil.rmtree(group, ignore_errors=True)
            continue
        return group
    return None


def remove_cgroup(group: Path | None) -> None:
    """Remove a cgroup made by :func:`process_cgroup` (once its processes are gone)."""
    if group is not None:
        try:
            group.rmdir()
        except OSError:
            pass


@functools.cache
def bwrap_problem() -> str | None:
    """Why bubblewrap cannot sandbox kernels here, or None when it can."""
    path = shutil.which("bwrap")
    if path is None:
        return (
            "bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: "
            "`sudo apt-get install bubblewrap`; Fedora: `sudo dnf install bubblewrap`)"
        )
    probe = [path, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"]
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap does not run here: {error}"
    if result.returncode != 0:
        return f"bubblewrap does not run here: {result.stderr.strip()[:300]}"
    return None


def _system_binds() -> list[str]:
    """bwrap arguments for the system's read-only folders (merged-/usr symlinks kept)."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            args += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            args += ["--ro-bind", name, name]
    for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group"):
        args += ["--ro-bind-try", name, name]
    for name in ("/etc/alternatives", "/etc/fonts", "/etc/ssl"):
        args += ["--ro-bind-try", name, name]
    return args


def _python_binds() -> list[str]:
    """Read-only binds of the Python installation, the environment and the wbcourse package."""
    import wbcourse

    package = Path(wbcourse.__file__).resolve().parent
    folders = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), package}
    folders |= {Path(sys.executable).resolve().parent}
    args = []
    for folder in sorted(folders):
        args += ["--ro-bind", str(folder), str(folder)]
    for hidden in HIDDEN_PACKAGES:
        if (package / hidden).is_dir():
            args += ["--tmpfs", str(package / hidden)]
    return args


def bwrap_command(kernel: list[str], scratch: Path, tmp_mb: int) -> list[str]:
    """The command that runs ``kernel`` in the sandbox; ``scratch`` holds its writable folders.

    Parameters
    ----------
    kernel : list of str
        The kernel's own command (inside the sandbox).
    scratch : pathlib.Path
        Holds ``home/`` (the kernel's home, working folder below it) and ``ipc/``
        (the connection file and sockets, bound at the same path).
    tmp_mb : int
        Size of the sandbox's ``/tmp`` (in memory).

    Returns
    -------
    list of str
    """
    import wbcourse

    path = f"{Path(sys.executable).parent}:/usr/bin:/bin"
    # The kernel imports the grader's own wbcourse (however it is installed): its folder
    # is bound alone, so its parent is empty in the sandbox apart from it.
    package_parent = str(Path(wbcourse.__file__).resolve().parent.parent)
    environment = {"HOME": HOME, "TMPDIR": "/tmp", "PATH": path, "PYTHONPATH": package_parent}
    environment |= {name: os.environ[name] for name in PASSED_ENVIRONMENT if name in os.environ}
    environment.setdefault("LANG", "C.UTF-8")
    return [
        shutil.which("bwrap") or "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--hostname",
        "grading",
        "--uid",
        "65534",
        "--gid",
        "65534",
        # /tmp first: a Python, venv or package that lives under /tmp is bound on top.
        "--size",
        str(tmp_mb << 20),
        "--tmpfs",
        "/tmp",
        *_system_binds(),
        *_python_binds(),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--bind",
        str(scratch / "home"),
        HOME,
        "--bind",
        str(scratch / "ipc"),
        str(scratch / "ipc"),
        "--chdir",
        WORKDIR,
        "--clearenv",
        *itertools.chain.from_iterable(("--setenv", k, v) for k, v in sorted(environment.items())),
        "--",
        *kernel,
    ]


def _copy_files(source: Path, target: Path, max_bytes: int) -> None:
    """Copy the regular files of ``source`` into ``target``: no links, folders or notebooks.

    The notebook being graded stays out: nbgrader has already put the lesson's
    test cells back into it, hidden tests included.
    """
    total = 0
    for path in sorted(source.iterdir()) if source.is_dir() else []:
        if path.is_symlink() or not path.is_file() or path.suffix == ".ipynb":
            continue
        total += path.stat().st_size
        if total > max_bytes:
            break
        shutil.copyfile(path, target / path.name)


def _fresh_home(home: Path) -> Path:
    """Make ``home`` an empty home folder (IPython startup files gone too); its work folder."""
    shutil.rmtree(home, ignore_errors=True)
    (home / "work").mkdir(parents=True)
    _matplotlib_cache(home)
    return home / "work"


def _matplotlib_cache(home: Path) -> None:
    """Give the kernel a copy of this process's matplotlib font list (saves building it)."""
    try:
        import matplotlib

        cache = Path(matplotlib.get_cachedir())
    except Exception:  # no matplotlib here: the kernel builds its own list
        return
    target = home / ".cache" / "matplotlib"
    target.mkdir(parents=True, exist_ok=True)
    for path in cache.glob("fontlist-*.json"):
        shutil.copyfile(path, target / path.name)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts IPython kernels in the grading sandbox.

    nbgrader uses it through :class:`wbcourse.nbgrader_ext.GradingExecute`. The
    limits are configurable (``c.SandboxedKernelManager.memory_limit_mb = ...``);
    the course root, whose private folders the audit hook names, comes from
    ``CourseDirectory.root``.
    """

    isolation = Enum(
        ["bwrap", "none"],
        "bwrap",
        help="'bwrap' (bubblewrap, required by default) or 'none' (no OS sandbox: unsafe).",
    ).tag(config=True)
    memory_limit_mb = Integer(3072, help="Address-space limit of a grading kernel, in MiB.").tag(
        config=True
    )
    file_limit_mb = Integer(64, help="Largest file a grading kernel may write, in MiB.").tag(
        config=True
    )
    cpu_limit_seconds = Integer(900, help="CPU time of a grading kernel, in seconds.").tag(
        config=True
    )
    process_limit = Integer(64, help="Most processes of a grading kernel at once.").tag(config=True)
    tmp_limit_mb = Integer(256, help="Size of a grading kernel's /tmp, in MiB.").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.isolation == "bwrap" and (problem := bwrap_problem()):
            raise SandboxUnavailable(problem)
        self.scratch = Path(tempfile.mkdtemp(prefix="k"))  # short: the socket paths are below
        (self.scratch / "ipc").mkdir()
        self.transport = "ipc"
        self.ip = str(self.scratch / "ipc" / "kernel")
        self.connection_file = str(self.scratch / "ipc" / f"kernel-{uuid.uuid4()}.json")
        self.cgroup: Path | None = None

    @property
    def limits(self) -> Limits:
        """The configured :class:`Limits`."""
        return Limits(
            self.memory_limit_mb, self.file_limit_mb, self.cpu_limit_seconds, self.process_limit
        )

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """The kernel spec's command, through the sandboxed launcher, inside bubblewrap."""
        command = super().format_kernel_cmd(extra_arguments)
        if "ipykernel_launcher" not in command:
            raise ValueError(
                f"the grading sandbox runs IPython kernels started with "
                f"'-m ipykernel_launcher'; this kernel's command is {command}"
            )
        at = command.index("ipykernel_launcher")
        course_root = self.config.get("CourseDirectory", {}).get("root", os.getcwd())
        exchange = self.config.get("Exchange", {}).get("root")
        kernel = [
            sys.executable,
            "-P",  # the working folder is not on sys.path: its files cannot shadow modules
            *command[1 : at - 1],
            "-m",
            "wbcourse.grading.kernel",
            f"--course-root={course_root}",
            *([f"--private={exchange}"] if exchange else []),
            *command[at + 1 :],
        ]
        if self.isolation == "none":
            return kernel
        return bwrap_command(kernel, self.scratch, self.tmp_limit_mb)

    async def _async_pre_start_kernel(self, **kw):
        # Signals to bwrap do not reach the kernel inside: interrupt by message.
        self.kernel_spec.interrupt_mode = "message"
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        submission = Path(kw.pop("cwd", None) or os.getcwd())
        work = _fresh_home(self.scratch / "home")  # also after a restart: nothing carries over
        _copy_files(submission, work, self.file_limit_mb << 20)
        remove_cgroup(self.cgroup)
        self.cgroup = process_cgroup(self.process_limit)
        limits, cgroup = self.limits, self.cgroup
        kw["cwd"] = str(work if self.isolation == "none" else self.scratch)
        kw["preexec_fn"] = lambda: limits.apply(cgroup)
        await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            remove_cgroup(self.cgroup)
            shutil.rmtree(self.scratch, ignore_errors=True)
