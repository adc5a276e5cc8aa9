"""JupyterHub configuration of a wbcourse class on one server: ``./wb hub`` starts it.

Students and instructors log in to the hub. Each gets a JupyterLab server of their
own, run from the course's environment (this Python). nbgrader is set up as for
several courses (nbgrader's "JupyterHub, multiple classes" layout), with one course,
``wbcourse``:

- hub group ``nbgrader-wbcourse``: the students. Their lab shows the assignment list
  (fetch, validate, submit, fetch feedback) and none of the instructor tools;
  nbgrader's ``JupyterHubAuthPlugin`` lists the courses of a user's groups.
- hub group ``formgrade-wbcourse``: the instructors. They may open the hub service
  ``wbcourse``: a JupyterLab with formgrader and a terminal, at the course root (a
  clone of the repository), where ``wbcourse release``, ``nbgrader release_assignment``,
  ``nbgrader collect``, ``wbcourse grade``, ``wbcourse feedback`` and ``nbgrader
  release_feedback`` run. Their own server lists the course (*Nbgrader > Courses*).
- nbgrader's exchange, a folder every user's server can write to.

Settings, all from the environment (defaults in brackets)::

    WBCOURSE_HUB_DIR        state: database, secrets, homes, exchange [deploy/jupyterhub/state]
    WBCOURSE_HUB_IP         address the hub listens on [127.0.0.1]
    WBCOURSE_HUB_PORT       its port [8000]; the proxy's API, the hub and the course's
                            formgrader use the next three ports
    WBCOURSE_HUB_STUDENTS   students' user names, comma-separated [ada,alan]
    WBCOURSE_HUB_INSTRUCTORS  instructors' user names [instructor]
    WBCOURSE_HUB_STUDENT_PASSWORD     the students' shared password (8+ characters)
    WBCOURSE_HUB_INSTRUCTOR_PASSWORD  the instructors' password (32+ characters)
                            [both: generated at the first start, kept in STATE/passwords]
    WBCOURSE_COURSE_ROOT    the instructor's course root [this repository]
    WBCOURSE_EXCHANGE       nbgrader's exchange [STATE/exchange]

This setup suits a trial and a small class on a server you trust everyone on: logins
use shared passwords (JupyterHub's ``SharedPasswordAuthenticator``, no system accounts),
and every server runs as the hub's own system user (``SimpleLocalProcessSpawner``), so
users are not protected from each other's files. ``deploy/jupyterhub/README.md`` says
how to switch to real accounts, and how the same setup grows past one machine.
"""

import os
import secrets
import sys
from pathlib import Path

from wbcourse.exchange import COURSE_ID, ensure_exchange_root
from wbcourse.lab import (
    STUDENT_HIDDEN_SERVER_EXTENSIONS,
    write_labconfig,
    write_student_labconfig,
    write_student_nbgrader_config,
)

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent
STATE = Path(os.environ.get("WBCOURSE_HUB_DIR") or HERE / "state").resolve()
IP = os.environ.get("WBCOURSE_HUB_IP", "127.0.0.1")
PORT = int(os.environ.get("WBCOURSE_HUB_PORT", "8000"))
STUDENTS = [name for name in os.environ.get("WBCOURSE_HUB_STUDENTS", "ada,alan").split(",") if name]
INSTRUCTORS = [
    name for name in os.environ.get("WBCOURSE_HUB_INSTRUCTORS", "instructor").split(",") if name
]
COURSE_ROOT = Path(os.environ.get("WBCOURSE_COURSE_ROOT") or REPOSITORY).resolve()
EXCHANGE = Path(os.environ.get("WBCOURSE_EXCHANGE") or STATE / "exchange").resolve()
BIN = Path(sys.executable).parent  # the course's environment
STUDENT_GROUP, INSTRUCTOR_GROUP = f"nbgrader-{COURSE_ID}", f"formgrade-{COURSE_ID}"
INSTRUCTOR_HIDDEN_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
)

STATE.mkdir(parents=True, exist_ok=True)
ensure_exchange_root(EXCHANGE)


def password(variable, file_name, length):
    """A password from the environment, or one generated once and kept in STATE."""
    if os.environ.get(variable):
        return os.environ[variable]
    path = STATE / "passwords" / file_name
    if not path.exists():
        path.parent.mkdir(mode=0o700, exist_ok=True)
        path.write_text(secrets.token_urlsafe(length)[:length] + "\n")
        path.chmod(0o600)
        print(f"wbcourse hub: generated a password in {path}", file=sys.stderr)
    return path.read_text().strip()


# --- where it listens, and its state -------------------------------------------------------
c.JupyterHub.ip = IP
c.JupyterHub.port = PORT
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 1}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 2
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.command = [str(BIN / "configurable-http-proxy")]

# --- who may log in ------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = password(
    "WBCOURSE_HUB_STUDENT_PASSWORD", "students", 16
)
c.SharedPasswordAuthenticator.admin_password = password(
    "WBCOURSE_HUB_INSTRUCTOR_PASSWORD", "instructors", 40
)
c.Authenticator.allowed_users = set(STUDENTS)
c.Authenticator.admin_users = set(INSTRUCTORS)  # they log in with the instructors' password
c.JupyterHub.load_groups = {
    STUDENT_GROUP: {"users": STUDENTS},
    INSTRUCTOR_GROUP: {"users": INSTRUCTORS},
}
c.JupyterHub.load_roles = [
    # nbgrader's JupyterHubAuthPlugin asks the hub for the user's groups with the token
    # of the user's server: let that token do what the user may.
    {"name": "server", "scopes": ["inherit"]},
    {
        "name": INSTRUCTOR_GROUP,
        "groups": [INSTRUCTOR_GROUP],
        "scopes": [f"access:services!service={COURSE_ID}"],
    },
]

# --- each user's server --------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"  # every server runs as the hub's system user
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1"),
}


def prepare_server(spawner):
    """Write a user's lab and nbgrader settings before their server starts.

    Students get the student lab of ``wbcourse lab`` (instructor tools hidden); both
    students and instructors get an nbgrader configuration naming the course, the
    exchange and the user (all users share one system account here, so nbgrader
    cannot tell them apart by it).
    """
    name = spawner.user.name
    home = Path(spawner.home_dir)
    config_dir = home / ".wbcourse" / "jupyter"
    home.mkdir(parents=True, exist_ok=True)
    write_student_nbgrader_config(config_dir, EXCHANGE, home, student_id=name, hub=True)
    if name in INSTRUCTORS:
        # Formgrader runs in the course's service; their own lab lists the course.
        hidden_extensions = ["nbgrader.server_extensions.formgrader"]
        write_labconfig(config_dir, INSTRUCTOR_HIDDEN_LAB_PLUGINS)
    else:
        hidden_extensions = list(STUDENT_HIDDEN_SERVER_EXTENSIONS)
        write_student_labconfig(config_dir)
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": str(config_dir)}
    spawner.args = [
        "--ServerApp.allow_root=True",  # the hub may run as root, e.g. in a container
        *[f"--ServerApp.jpserver_extensions={extension}=False" for extension in hidden_extensions],
    ]


c.Spawner.pre_spawn_hook = prepare_server

# --- the course's formgrader, a hub service run at the course root -------------------------
c.JupyterHub.services = [
    {
        "name": COURSE_ID,
        "url": f"http://127.0.0.1:{PORT + 3}",
        "command": [str(BIN / "jupyterhub-singleuser"), "--ServerApp.allow_root=True"],
        "cwd": str(COURSE_ROOT),
        "oauth_no_confirm": True,
        "environment": {
            "JUPYTERHUB_DEFAULT_URL": "/formgrader",
            "WBCOURSE_EXCHANGE": str(EXCHANGE),
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1"),
        },
    }
]
