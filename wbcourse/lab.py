"""Start JupyterLab on the course, as a student or as the instructor.

``wbcourse lab`` (:func:`student_lab`) copies the released lessons into the student's
workspace (:mod:`wbcourse.workspace`; never over the student's own files) and opens
JupyterLab there, with nbgrader's instructor tools (formgrader, create-assignment,
course list) switched off for this run only; the *Validate* button stays, and so does
the assignment list (*Nbgrader > Assignment List*) when there is an exchange to list:
the repository's (:mod:`wbcourse.exchange`, created if missing) in a checkout, or the
folder named by ``WBCOURSE_EXCHANGE``. The assignment list fetches into the workspace
and submits from it.

``wbcourse instructor`` (:func:`instructor_lab`) opens the course root with every
nbgrader extension.

Everything the student mode configures lives in ``<workspace>/.wbcourse/jupyter``, put
first on ``JUPYTER_CONFIG_PATH``, so no user or environment configuration is changed:
``labconfig/page_config.json`` switches lab plugins off, and ``nbgrader_config.py``
tells the assignment list where the exchange is. (The assignment list reads
``nbgrader_config.py`` from the Jupyter config path and from the lab's root folder,
not from the repository root.) The instructor server extensions are switched off with
``--ServerApp.jpserver_extensions``. Nothing here needs a POSIX system.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from wbcourse import workspace as workspaces
from wbcourse.exchange import COURSE_ID, ENV_VAR, ensure_exchange_root, exchange_root
from wbcourse.release import SKIPPED_MODULES

STUDENT_HIDDEN_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
STUDENT_HIDDEN_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)
#: Hidden as well when the student has no exchange to list (an install without a class).
ASSIGNMENT_LIST_PLUGIN = "@jupyter/nbgrader:assignment-list"
CONFIG_DIR = f"{workspaces.STATE_DIR}/jupyter"


def lab_command(mode, root_dir, extra_args=()):
    """Build the ``jupyter lab`` command line of a mode.

    Parameters
    ----------
    mode : {"student", "instructor"}
        Who the lab is for.
    root_dir : pathlib.Path
        The folder the lab opens: the workspace, or the course root.
    extra_args : sequence of str
        Further ``jupyter lab`` arguments, e.g. ``["--port", "8899"]``.

    Returns
    -------
    list of str
        The command: this Python running :func:`jupyter_lab`. JupyterLab is allowed
        to run as root (it refuses otherwise), e.g. in a container.

    Raises
    ------
    ValueError
        If ``mode`` is neither ``"student"`` nor ``"instructor"``.
    """
    if mode not in ("student", "instructor"):
        raise ValueError(f"mode must be 'student' or 'instructor', got {mode!r}")
    command = [sys.executable, "-m", "wbcourse.lab", f"--ServerApp.root_dir={root_dir}"]
    if mode == "student":
        command += student_server_args()
    return [*command, "--ServerApp.allow_root=True", *extra_args]


def student_server_args():
    """The server arguments that switch nbgrader's instructor server extensions off.

    Returns
    -------
    list of str
        One ``--ServerApp.jpserver_extensions=NAME=False`` per extension.
    """
    return [
        f"--ServerApp.jpserver_extensions={name}=False" for name in STUDENT_HIDDEN_SERVER_EXTENSIONS
    ]


def write_labconfig(config_dir, hidden_plugins):
    """Write a ``labconfig/page_config.json`` that disables JupyterLab plugins.

    Parameters
    ----------
    config_dir : pathlib.Path
        A Jupyter config folder, to be put on ``JUPYTER_CONFIG_PATH``.
    hidden_plugins : sequence of str
        Plugin ids, e.g. ``"@jupyter/nbgrader:formgrader"``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(config_dir) / "labconfig" / "page_config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    disabled = dict.fromkeys(hidden_plugins, True)
    path.write_text(json.dumps({"disabledExtensions": disabled}, indent=2) + "\n")
    return path


def write_student_labconfig(config_dir, assignment_list=True):
    """Write the ``labconfig/page_config.json`` of a student: no instructor plugins.

    Parameters
    ----------
    config_dir : pathlib.Path
        A Jupyter config folder, to be put on ``JUPYTER_CONFIG_PATH``.
    assignment_list : bool
        Keep the assignment list; False hides it too (there is no exchange).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    extra = () if assignment_list else (ASSIGNMENT_LIST_PLUGIN,)
    return write_labconfig(config_dir, STUDENT_HIDDEN_LAB_PLUGINS + extra)


def write_student_nbgrader_config(config_dir, exchange, assignment_dir, student_id=None, hub=False):
    """Write the ``nbgrader_config.py`` of a student's assignment list.

    Parameters
    ----------
    config_dir : pathlib.Path
        A Jupyter config folder, to be put on ``JUPYTER_CONFIG_PATH``.
    exchange : pathlib.Path or None
        The exchange folder (``Exchange.root``); None leaves nbgrader's default.
    assignment_dir : pathlib.Path
        Where fetched assignments go and submissions come from, one subfolder per
        assignment (``Exchange.assignment_dir``); the lab's root folder.
    student_id : str, optional
        The name submissions are filed under (``CourseDirectory.student_id``);
        default: nbgrader's, the operating-system user's name. A server whose users
        all run as one system account (e.g. the JupyterHub of ``deploy/``) sets it.
    hub : bool
        nbgrader's JupyterHub setup for several courses: the hub's groups
        ``nbgrader-<course>`` and ``formgrade-<course>`` say who takes and who
        teaches which course (``JupyterHubAuthPlugin``), and assignments are fetched
        into ``assignment_dir/<course>/<assignment>``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    lines = [
        '"""nbgrader configuration of a student\'s lab, written by wbcourse.lab."""',
        "",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {COURSE_ID!r}",
        f"c.Exchange.assignment_dir = {str(assignment_dir)!r}",
    ]
    if exchange is not None:
        lines.append(f"c.Exchange.root = {str(exchange)!r}")
    if student_id is not None:
        lines.append(f"c.CourseDirectory.student_id = {student_id!r}")
    if hub:
        lines.append('c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"')
        lines.append("c.Exchange.path_includes_course = True")
    path = Path(config_dir) / "nbgrader_config.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


def student_exchange():
    """The exchange a student's lab lists, created if missing, or None.

    Returns
    -------
    pathlib.Path or None
        ``$WBCOURSE_EXCHANGE``, or in a checkout the repository's exchange; None
        for an installed package without the variable (no class to hand in to), or
        when the folder cannot be created (the lab then works without it).
    """
    checkout = workspaces.checkout_root()
    if checkout is None and not os.environ.get(ENV_VAR):
        return None
    exchange = exchange_root(checkout)
    try:
        ensure_exchange_root(exchange)
    except OSError as error:
        print(f"wbcourse: no nbgrader exchange at {exchange}: {error}", file=sys.stderr)
        return None
    return exchange


def run_lab(command, env, cwd):
    """Run JupyterLab until it exits; Ctrl-C goes to it, SIGTERM is passed on.

    Parameters
    ----------
    command : list of str
        The ``jupyter lab`` command line.
    env : dict
        Its environment.
    cwd : pathlib.Path
        Its working folder.

    Returns
    -------
    int
        JupyterLab's exit status.
    """
    process = subprocess.Popen(command, env=env, cwd=cwd)
    signal.signal(signal.SIGTERM, lambda signum, frame: process.terminate())
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue  # JupyterLab got the same signal and asks or shuts down.


def prepare_student(folder):
    """Sync a workspace and write its lab configuration, saying what changed.

    Parameters
    ----------
    folder : pathlib.Path
        The workspace.

    Returns
    -------
    pathlib.Path
        The Jupyter config folder written, for ``JUPYTER_CONFIG_PATH``.
    """
    folder = Path(folder).resolve()
    changes = workspaces.sync(folder)
    copied = sum(change.action == "copied" for change in changes)
    print(f"wbcourse: your workspace is {folder}", file=sys.stderr)
    if copied:
        print(f"wbcourse: copied {copied} released file(s) into it", file=sys.stderr)
    for change in changes:
        if change.action != "copied":
            print(f"wbcourse: {change.describe()}", file=sys.stderr)
    exchange = student_exchange()
    config_dir = folder / CONFIG_DIR
    write_student_labconfig(config_dir, assignment_list=exchange is not None)
    write_student_nbgrader_config(config_dir, exchange, folder)
    return config_dir


def student_lab(folder, extra_args=()):
    """Prepare the workspace and run the student's JupyterLab in it.

    Parameters
    ----------
    folder : pathlib.Path
        The workspace.
    extra_args : sequence of str
        Further ``jupyter lab`` arguments.

    Returns
    -------
    int
        JupyterLab's exit status.
    """
    folder = Path(folder).resolve()
    config_dir = prepare_student(folder)
    paths = [str(config_dir), os.environ.get("JUPYTER_CONFIG_PATH", "")]
    env = dict(os.environ, JUPYTER_CONFIG_PATH=os.pathsep.join(filter(None, paths)))
    print("wbcourse: starting JupyterLab (Ctrl-C stops it)", file=sys.stderr)
    return run_lab(lab_command("student", folder, extra_args), env, folder)


def instructor_lab(root, extra_args=()):
    """Run JupyterLab with every nbgrader extension at the course root.

    Parameters
    ----------
    root : pathlib.Path
        The course root (the folder of ``nbgrader_config.py``).
    extra_args : sequence of str
        Further ``jupyter lab`` arguments.

    Returns
    -------
    int
        JupyterLab's exit status.
    """
    exchange = exchange_root(root)
    try:
        ensure_exchange_root(exchange)
    except OSError as error:  # formgrader will say so; the rest of the lab works
        print(f"wbcourse: no nbgrader exchange at {exchange}: {error}", file=sys.stderr)
    # The solutions' test cells hold hidden cases: their Graders answer from the references.
    env = dict(os.environ, WBCOURSE_ORACLE="reference")
    return run_lab(lab_command("instructor", root, extra_args), env, root)


def jupyter_lab(argv=None):
    """Run ``jupyter lab`` in this process, as ``python -m wbcourse.lab ARGS`` does.

    The same server as ``jupyter lab ARGS``, started 2-3 s sooner (half its start on a
    loaded machine): the modules of :data:`wbcourse.release.SKIPPED_MODULES` stay out
    of the process, as in every process of this package that runs nbgrader.

    Parameters
    ----------
    argv : list of str, optional
        ``jupyter lab`` arguments; default ``sys.argv[1:]``.
    """
    for name in SKIPPED_MODULES:
        sys.modules.setdefault(name, None)
    from jupyterlab.labapp import main

    main(argv)


if __name__ == "__main__":
    jupyter_lab()
