"""Handing out and collecting through nbgrader's exchange, for real.

On a temporary copy of the course, with its own exchange (``WBCOURSE_EXCHANGE``):

- the instructor releases lesson 01 to the exchange, a student (configured as the
  student's lab configures the assignment list) lists it, fetches it, answers an
  exercise and submits, and the instructor collects the answer into
  ``submitted/<student>/01-neuron/``;
- the student lab (``wbcourse lab``) creates a missing exchange, and its assignment
  list answers, before and after the release, lists the lesson as the student's
  ``<workspace>/01-neuron/`` and submits it to the exchange.

nbgrader's exchange steps run in this process (its exchange classes, configured as
its command line would configure them), so nbgrader is imported once.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import nbformat
import pytest
from nbgrader import utils
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
from traitlets.config.loader import PyFileConfigLoader

from wbcourse.exchange import COURSE_ID, ENV_VAR, ROOT_MODE, ensure_exchange_root, exchange_root
from wbcourse.lab import write_student_nbgrader_config
from wbcourse.release import ROOT, generate_release, nbgrader_config

# nbgrader's gradebook trips SQLAlchemy 2's SAWarning (a RuntimeWarning, which
# pyproject.toml makes an error) on every new submission; it is harmless.
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

LESSON = "01-neuron"
NOTEBOOK = f"{LESSON}.ipynb"
STUDENT = "ada"


def run_exchange(step, config, **course_directory):
    """Run one exchange step as nbgrader's command of that name runs it.

    Parameters
    ----------
    step : str
        ``"ReleaseAssignment"``, ``"List"``, ``"FetchAssignment"``, ``"Submit"``
        or ``"Collect"``.
    config : traitlets.config.Config
        The user's nbgrader configuration.
    **course_directory
        ``CourseDirectory`` settings, e.g. ``assignment_id="01-neuron"``.

    Returns
    -------
    object
        What the step returns: the list of assignments for ``"List"``.
    """
    exchange = getattr(ExchangeFactory(config=config), step)(
        coursedir=CourseDirectory(config=config, **course_directory),
        authenticator=Authenticator(config=config),
        config=config,
    )
    return exchange.start()


def student_config(config_dir, exchange, assignment_dir):
    """The nbgrader configuration the student's lab gives its assignment list."""
    path = write_student_nbgrader_config(config_dir, exchange, assignment_dir)
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def released(assignments):
    """``{assignment id: status}`` of a listing."""
    return {item["assignment_id"]: item["status"] for item in assignments}


def answer_cell(notebook):
    """The first code answer cell of a notebook."""
    return next(c for c in notebook.cells if c.cell_type == "code" and utils.is_solution(c))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A temporary course root holding lesson 01's source, release and gradebook."""
    root = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints")
    shutil.copytree(ROOT / "solutions" / LESSON, root / "solutions" / LESSON, ignore=ignore)
    generate_release([LESSON], root / "course", root=root)
    return root


def test_exchange_defaults_to_the_course_root_unless_the_variable_is_set(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert exchange_root(tmp_path) == tmp_path / "exchange"
    monkeypatch.setenv(ENV_VAR, "/srv/nbgrader/exchange")
    assert str(exchange_root(tmp_path)) == "/srv/nbgrader/exchange"


def test_missing_exchange_is_created_writable_by_all_and_an_existing_one_kept(tmp_path):
    exchange = tmp_path / "a" / "exchange"
    old_umask = os.umask(0o077)
    try:
        assert ensure_exchange_root(exchange)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(exchange.stat().st_mode) == ROOT_MODE
    exchange.chmod(0o755)
    assert not ensure_exchange_root(exchange)
    assert stat.S_IMODE(exchange.stat().st_mode) == 0o755


def test_student_config_names_the_instructors_course(tmp_path, course):
    config = student_config(tmp_path, tmp_path / "exchange", tmp_path / "work")
    assert config.CourseDirectory.course_id == nbgrader_config(course).CourseDirectory.course_id
    assert config.Exchange.root == str(tmp_path / "exchange")
    assert config.Exchange.assignment_dir == str(tmp_path / "work")


def test_release_list_fetch_submit_collect(tmp_path, monkeypatch, course):
    exchange, home = tmp_path / "exchange", tmp_path / "home"
    monkeypatch.setenv(ENV_VAR, str(exchange))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(home / "data"))  # the student's submit cache
    instructor = nbgrader_config(course)
    instructor.ExchangeCollect.check_owner = False  # everyone here is the same OS user
    assert instructor.Exchange.root == str(exchange)
    student = student_config(home / "config", exchange, home / "assignments")

    run_exchange("ReleaseAssignment", instructor, assignment_id=LESSON)
    assert stat.S_IMODE(exchange.stat().st_mode) == ROOT_MODE
    outbound = exchange / COURSE_ID / "outbound" / LESSON / NOTEBOOK
    assert outbound.read_bytes() == (course / "course" / LESSON / NOTEBOOK).read_bytes()
    assert released(run_exchange("List", student)) == {LESSON: "released"}

    run_exchange("FetchAssignment", student, assignment_id=LESSON)
    fetched = home / "assignments" / LESSON / NOTEBOOK
    assert released(run_exchange("List", student)) == {LESSON: "fetched"}
    notebook = nbformat.read(fetched, as_version=4)
    answer = f"# {STUDENT}'s answer {secrets.token_hex(4)}"
    answer_cell(notebook).source = answer
    nbformat.write(notebook, fetched)
    run_exchange("Submit", student, assignment_id=LESSON, student_id=STUDENT)
    (inbound,) = (exchange / COURSE_ID / "inbound").glob(f"{STUDENT}+{LESSON}+*")
    assert (inbound / NOTEBOOK).read_bytes() == fetched.read_bytes()

    run_exchange("Collect", instructor, assignment_id=LESSON)
    collected = course / "submitted" / STUDENT / LESSON
    assert answer_cell(nbformat.read(collected / NOTEBOOK, as_version=4)).source == answer
    assert (collected / "timestamp.txt").is_file()


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StudentLab:
    """``wbcourse lab`` on 127.0.0.1, with a token, in a temporary workspace."""

    def __init__(self, state, env):
        self.port, self.token = free_port(), secrets.token_hex(16)
        command = [
            sys.executable, "-m", "wbcourse", "lab", f"--workspace={state / 'workspace'}",
            "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
            f"--IdentityProvider.token={self.token}", "--ServerApp.port_retries=0",
            "--LabApp.news_url=",
        ]  # fmt: skip
        self.log = state / "lab.log"
        with open(self.log, "wb") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def request(self, path, data=None):
        """The JSON answer of the server to a GET (or, with ``data``, a POST) of ``path``."""
        body = None if data is None else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=body,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def wait(self, timeout=90):
        """Wait until the server answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the lab exited: {self.log.read_text()[-2000:]}")
            try:
                return self.request("/api/status")
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"the lab did not answer within {timeout} s")

    def stop(self):
        """Stop the lab: ``wbcourse lab`` passes SIGTERM on to JupyterLab."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the session we started
            self.process.wait(timeout=5)


@pytest.fixture
def exchange(tmp_path):
    """An exchange folder that does not exist yet."""
    return tmp_path / "shared" / "exchange"


@pytest.fixture
def student_lab(tmp_path, exchange):
    """The student lab on the course, with ``exchange`` as the course's exchange."""
    env = dict(os.environ, **{ENV_VAR: str(exchange)})
    for name in ("JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(tmp_path / name.lower())
    lab = StudentLab(tmp_path, env)
    try:
        lab.wait()
        yield lab
    finally:
        lab.stop()


def test_student_lab_assignment_list(student_lab, exchange, course):
    assert stat.S_IMODE(exchange.stat().st_mode) == ROOT_MODE  # the lab created it
    listing = f"/assignments?course_id={COURSE_ID}"
    assert student_lab.request(listing) == {"success": True, "value": []}

    instructor = nbgrader_config(course)
    instructor.Exchange.root = str(exchange)
    run_exchange("ReleaseAssignment", instructor, assignment_id=LESSON)
    answer = student_lab.request(listing)
    assert answer["success"], answer["value"]
    (lesson,) = answer["value"]
    # The student's copy is the workspace's 01-neuron: nothing to fetch, ready to submit.
    assert (lesson["assignment_id"], lesson["status"], lesson["path"]) == (
        LESSON,
        "fetched",
        LESSON,
    )
    assert [nb["path"] for nb in lesson["notebooks"]] == [f"{LESSON}/{NOTEBOOK}"]

    data = {"course_id": COURSE_ID, "assignment_id": LESSON}
    answer = student_lab.request("/assignments/submit", data)
    assert answer["success"], answer["value"]
    assert sorted(item["status"] for item in answer["value"]) == ["fetched", "submitted"]
    (inbound,) = (exchange / COURSE_ID / "inbound").glob(f"*+{LESSON}+*")
    assert (inbound / NOTEBOOK).read_bytes() == (ROOT / "course" / LESSON / NOTEBOOK).read_bytes()
