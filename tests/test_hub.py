"""A class on a JupyterHub, end to end, in headless Chromium.

``./wb hub`` (``deploy/jupyterhub/jupyterhub_config.py``) starts on 127.0.0.1 with a
temporary state folder and a temporary course root (lesson 01's source, released with
the repository's ``nbgrader_config.py``). Then, as in a real term:

1. the instructor releases lesson 01 to the exchange (``nbgrader release_assignment``);
2. a student logs in, fetches it from the assignment list, opens it, runs all its cells
   (the widget appears although no exercise is answered), answers exercise 01.1,
   validates (01.1 passes, the others fail) and submits;
3. the instructor collects (``nbgrader collect``), grades with the course's command
   (``wbcourse grade``), writes the feedback (``wbcourse feedback``) and releases it
   (``nbgrader release_feedback``), and sees the submission in the course's formgrader
   (the hub service ``wbcourse``, open to the ``formgrade-wbcourse`` group);
4. the student fetches the feedback from the assignment list and reads it.

The instructor's commands run in the course root as they would in the formgrader
service's terminal. Needs Debian's ``/usr/bin/chromium`` and npm's
``configurable-http-proxy`` (``./wb test`` installs it into ``.venv``); never runs
``playwright install``.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbgrader import utils

from tests.chromium import CHROMIUM
from wbcourse.release import ROOT, generate_release

BIN = Path(sys.executable).parent
PROXY = shutil.which("configurable-http-proxy", path=f"{BIN}{os.pathsep}{os.environ['PATH']}")
LESSON, COURSE_ID = "01-neuron", "wbcourse"
STUDENT, INSTRUCTOR = "ada", "instructor"
ANSWER = "def weighted_sum(x, w, b):\n    return float(np.dot(x, w) + b)\n"

pytestmark = [
    pytest.mark.hub,
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install it)"),
    pytest.mark.skipif(
        PROXY is None, reason="no configurable-http-proxy (./wb test installs it with npm)"
    ),
    # nbgrader's gradebook trips SQLAlchemy's SAWarning (a RuntimeWarning, an error here).
    pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning"),
]


@dataclass
class Hub:
    """A running hub: its address, passwords, state folder and process."""

    url: str
    student_password: str
    instructor_password: str
    state: Path
    process: subprocess.Popen
    log: Path


def free_ports(count):
    """The first of ``count`` consecutive free ports of 127.0.0.1."""
    for _ in range(100):
        first = random.randrange(20_000, 60_000)
        try:
            with contextlib.ExitStack() as stack:
                for port in range(first, first + count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports found")


def descendants(pid):
    """Process ids of every descendant of ``pid`` (read from /proc)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_hub(hub):
    """SIGTERM the hub (it stops its proxy, service and servers); kill what is left."""
    started = [hub.process.pid, *descendants(hub.process.pid)]
    hub.process.terminate()
    try:
        hub.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        hub.process.kill()
        hub.process.wait(timeout=10)
    for pid in started[1:]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def course_root(tmp_path_factory):
    """A course root with lesson 01's source and release, and its gradebook."""
    root = tmp_path_factory.mktemp("course-root")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints")
    shutil.copytree(ROOT / "solutions" / LESSON, root / "solutions" / LESSON, ignore=ignore)
    generate_release([LESSON], root / "course", root=root)
    return root


@pytest.fixture(scope="module")
def hub(tmp_path_factory, course_root):
    """``./wb hub`` on 127.0.0.1, one student and one instructor, until the module ends."""
    state = tmp_path_factory.mktemp("hub")
    port = free_ports(4)
    passwords = secrets.token_hex(8), secrets.token_hex(20)
    env = dict(
        os.environ,
        WBCOURSE_HUB_DIR=str(state),
        WBCOURSE_HUB_PORT=str(port),
        WBCOURSE_HUB_STUDENTS=STUDENT,
        WBCOURSE_HUB_INSTRUCTORS=INSTRUCTOR,
        WBCOURSE_HUB_STUDENT_PASSWORD=passwords[0],
        WBCOURSE_HUB_INSTRUCTOR_PASSWORD=passwords[1],
        WBCOURSE_COURSE_ROOT=str(course_root),
    )
    env.pop("WBCOURSE_EXCHANGE", None)
    log = state / "hub.log"
    with open(log, "wb") as out:  # the child keeps its own copy
        process = subprocess.Popen(
            [str(ROOT / "wb"), "hub"], env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    running = Hub(f"http://127.0.0.1:{port}", *passwords, state, process, log)
    try:
        wait_for_hub(running)
        yield running
    finally:
        stop_hub(running)


def wait_for_hub(hub, timeout=120):
    """Wait until the hub and its formgrader service answer through the proxy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"the hub exited: {hub.log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{hub.url}/hub/api", timeout=5):
                pass
            if "JupyterHub is now running" in hub.log.read_text():
                return
        time.sleep(0.5)
    raise TimeoutError(f"the hub did not answer in {timeout} s: {hub.log.read_text()[-3000:]}")


def instructor(course_root, hub, *command):
    """Run an instructor's command in the course root, as in the service's terminal."""
    env = dict(os.environ, WBCOURSE_EXCHANGE=str(hub.state / "exchange"))
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        command, cwd=course_root, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def log_in(browser, hub, user, password):
    """A new page, logged in as ``user``, on their JupyterLab (started if needed)."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/lab**", timeout=180_000)
    return page


def open_lab(page, hub, user, path=""):
    """Open ``path`` (a file, or nothing) in the user's lab, from a fresh lab workspace."""
    page.goto(f"{hub.url}/user/{user}/lab{'/tree/' + path if path else ''}?reset")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for(timeout=120_000)


def assignment_list(page):
    """Open *Nbgrader > Assignment List*."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    page.locator("#released_assignments_list").wait_for(timeout=60_000)


def listed(page, section, text=LESSON):
    """The row of ``text`` in a section of the assignment list: released, fetched, submitted."""
    return page.locator(f"#{section}_assignments_list .list_item", has_text=text).first


def test_a_class_on_the_hub(hub, course_root, browser):
    nbgrader = str(BIN / "nbgrader")
    instructor(course_root, hub, nbgrader, "release_assignment", LESSON)

    # The student fetches lesson 01 from the assignment list.
    page = log_in(browser, hub, STUDENT, hub.student_password)
    assignment_list(page)
    listed(page, "released").get_by_role("button", name="Fetch").click()
    listed(page, "fetched").get_by_role("button", name="Submit").wait_for(timeout=60_000)
    fetched = hub.state / "home" / STUDENT / COURSE_ID / LESSON / f"{LESSON}.ipynb"
    assert fetched.is_file()

    # Run All on the fresh lesson reaches the widget below the first unanswered exercise.
    open_lab(page, hub, STUDENT, f"{COURSE_ID}/{LESSON}/{LESSON}.ipynb")
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=120_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    widget = page.locator(".jp-Notebook .jp-CodeCell", has_text="neuron_explorer(rng=").first
    widget.locator("img.widget-image").first.wait_for(timeout=120_000)

    # It answers exercise 01.1, saves, validates and submits.
    cell = page.locator(".jp-Notebook .jp-CodeCell", has_text="def weighted_sum").first
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(ANSWER)
    page.keyboard.press("Control+S")
    page.locator(".jp-StatusBar-TextItem", has_text="Saving completed").wait_for(timeout=30_000)
    page.locator(".jp-NotebookPanel-toolbar").first.get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=180_000)
    results = dialog.inner_text()
    assert 'Grader("01.2")' in results and 'Grader("01.1")' not in results, results
    dialog.get_by_role("button", name="Ok").click()
    assignment_list(page)
    listed(page, "fetched").get_by_role("button", name="Submit").click()
    listed(page, "submitted").wait_for(timeout=60_000)

    # The instructor collects, grades, writes and releases the feedback.
    instructor(course_root, hub, nbgrader, "collect", LESSON)
    submitted = course_root / "submitted" / STUDENT / LESSON / f"{LESSON}.ipynb"
    cells = nbformat.read(submitted, as_version=4).cells
    assert ANSWER.strip() in [cell.source.strip() for cell in cells if utils.is_solution(cell)]
    wbcourse = [sys.executable, "-m", "wbcourse"]
    print(instructor(course_root, hub, *wbcourse, "grade", "--root", str(course_root), LESSON))
    instructor(course_root, hub, *wbcourse, "feedback", "--root", str(course_root), LESSON)
    instructor(course_root, hub, nbgrader, "release_feedback", LESSON)

    # The instructor sees the submission in the course's formgrader, a hub service.
    teacher = log_in(browser, hub, INSTRUCTOR, hub.instructor_password)
    teacher.goto(f"{hub.url}/services/{COURSE_ID}/formgrader/gradebook/{LESSON}/{LESSON}")
    submission = teacher.locator("a[href*='/formgrader/submissions/']", has_text=STUDENT)
    submission.first.wait_for(state="attached", timeout=60_000)
    teacher.close()

    # The student fetches the feedback and reads it: exercise 01.1 scored, hidden tests hidden.
    open_lab(page, hub, STUDENT)
    assignment_list(page)
    listed(page, "submitted").get_by_role("button", name="Fetch Feedback").click()
    link = listed(page, "submitted").get_by_text(re.compile("view feedback", re.IGNORECASE))
    link.first.click()  # the file browser goes to the feedback folder
    page.locator(".jp-DirListing-item", has_text=f"{LESSON}.html").wait_for(timeout=60_000)
    home = hub.state / "home" / STUDENT
    (html,) = (home / COURSE_ID / LESSON / "feedback").glob(f"*/{LESSON}.html")
    page.goto(f"{hub.url}/user/{STUDENT}/files/{html.relative_to(home).as_posix()}")
    text = page.locator("body").inner_text()
    assert LESSON in text and "weighted_sum" in text, text[:2000]
    assert "BEGIN HIDDEN TESTS" not in page.content()
