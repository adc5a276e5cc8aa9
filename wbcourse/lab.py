"""Start JupyterLab on the course, as a student or as the instructor.

Usage::

    python -m wbcourse.lab student|instructor [extra jupyter lab arguments]

``student`` opens ``course/`` with nbgrader's instructor tools (formgrader,
create-assignment, course list) switched off for this run only; the *Validate*
button and the assignment list (*Nbgrader > Assignment List*) stay. The
assignment list works on the course's exchange (:mod:`wbcourse.exchange`, which
both modes create if missing): it lists what the instructor released, fetches
it into ``course/`` and submits ``course/NN-topic/``, the folder the student
works in.
``instructor`` opens the repository root with every nbgrader extension.

Everything the student mode changes lives in a temporary folder put first on
``JUPYTER_CONFIG_PATH``, so no user or environment configuration is changed:
``labconfig/page_config.json`` switches the instructor lab plugins off, and an
``nbgrader_config.py`` tells the assignment list where the exchange is. (The
assignment list reads ``nbgrader_config.py`` from the Jupyter config path and
from the lab's root folder, ``course/``, not from the repository root.) The
instructor server extensions are switched off with
``--ServerApp.jpserver_extensions``.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from wbcourse.exchange import COURSE_ID, ensure_exchange_root, exchange_root

ROOT = Path(__file__).resolve().parent.parent

STUDENT_HIDDEN_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
STUDENT_HIDDEN_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)


def lab_command(mode, extra_args=(), root=ROOT):
    """Build the ``jupyter lab`` command line of a mode.

    Parameters
    ----------
    mode : {"student", "instructor"}
        Who the lab is for.
    extra_args : sequence of str
        Further ``jupyter lab`` arguments, e.g. ``["--port", "8899"]``.
    root : pathlib.Path
        Repository root.

    Returns
    -------
    list of str
        The command, starting with this Python interpreter.

    Raises
    ------
    ValueError
        If ``mode`` is neither ``"student"`` nor ``"instructor"``.
    """
    if mode not in ("student", "instructor"):
        raise ValueError(f"mode must be 'student' or 'instructor', got {mode!r}")
    command = [sys.executable, "-m", "jupyter", "lab"]
    if mode == "student":
        command.append(f"--ServerApp.root_dir={root / 'course'}")
        command += [
            f"--ServerApp.jpserver_extensions={name}=False"
            for name in STUDENT_HIDDEN_SERVER_EXTENSIONS
        ]
    else:
        command.append(f"--ServerApp.root_dir={root}")
    if os.geteuid() == 0:
        command.append("--allow-root")
    return command + list(extra_args)


def write_student_labconfig(config_dir):
    """Write a ``labconfig/page_config.json`` that disables the instructor plugins.

    Parameters
    ----------
    config_dir : pathlib.Path
        A Jupyter config folder, to be put on ``JUPYTER_CONFIG_PATH``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = config_dir / "labconfig" / "page_config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    disabled = dict.fromkeys(STUDENT_HIDDEN_LAB_PLUGINS, True)
    path.write_text(json.dumps({"disabledExtensions": disabled}, indent=2) + "\n")
    return path


def write_student_nbgrader_config(config_dir, exchange, assignment_dir):
    """Write the ``nbgrader_config.py`` of a student's assignment list.

    Parameters
    ----------
    config_dir : pathlib.Path
        A Jupyter config folder, to be put on ``JUPYTER_CONFIG_PATH``.
    exchange : pathlib.Path
        The exchange folder (``Exchange.root``).
    assignment_dir : pathlib.Path
        Where fetched assignments go and submissions come from, one subfolder per
        assignment (``Exchange.assignment_dir``); the lab's root folder.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = config_dir / "nbgrader_config.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '"""nbgrader configuration of a student\'s lab, written by wbcourse.lab."""\n\n'
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.Exchange.assignment_dir = {str(assignment_dir)!r}\n"
    )
    return path


def run_lab(command, env):
    """Run JupyterLab until it exits; Ctrl-C goes to it, SIGTERM is passed on.

    Parameters
    ----------
    command : list of str
        The ``jupyter lab`` command line.
    env : dict
        Its environment.

    Returns
    -------
    int
        JupyterLab's exit status.
    """
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    signal.signal(signal.SIGTERM, lambda signum, frame: process.terminate())
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue  # JupyterLab got the same signal and asks or shuts down.


def main(argv=None):
    """Start JupyterLab in the mode named by the first argument.

    Parameters
    ----------
    argv : list of str, optional
        ``[mode, *jupyter_args]``; default ``sys.argv[1:]``.

    Returns
    -------
    int
        JupyterLab's exit status, or 2 for a usage error.
    """
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("student", "instructor"):
        print("usage: python -m wbcourse.lab student|instructor [ARGS]", file=sys.stderr)
        return 2
    mode, extra_args = argv[0], argv[1:]
    command = lab_command(mode, extra_args)
    exchange = exchange_root(ROOT)
    try:
        ensure_exchange_root(exchange)
    except OSError as error:  # the assignment list will say so; the rest of the lab works
        print(f"wbcourse.lab: no nbgrader exchange at {exchange}: {error}", file=sys.stderr)
    if mode == "instructor":
        return run_lab(command, dict(os.environ))
    with tempfile.TemporaryDirectory(prefix="wbcourse-lab-") as config_dir:
        write_student_labconfig(Path(config_dir))
        write_student_nbgrader_config(Path(config_dir), exchange, ROOT / "course")
        paths = [config_dir, os.environ.get("JUPYTER_CONFIG_PATH", "")]
        env = dict(os.environ, JUPYTER_CONFIG_PATH=os.pathsep.join(filter(None, paths)))
        return run_lab(command, env)


if __name__ == "__main__":
    sys.exit(main())
