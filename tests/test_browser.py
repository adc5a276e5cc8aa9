"""Browser tests: the widgets in JupyterLab, in headless Chromium driven by playwright.

One JupyterLab server (127.0.0.1, with a token) and one Chromium serve two tests:

- the student release of lesson 01, unmodified: *Run All Cells* runs until the first
  unanswered exercise raises ``NotImplementedError``; then the neuron explorer's cell is
  run by itself, as a student would run it, a slider moves and the figure changes;
- every explorer of the course (the first cell of ``course/`` that imports it, copied
  into one scratch notebook): one control moves, or the playground trains, and the
  figure changes.

Needs Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it); skipped where it is
absent. Never runs ``playwright install``. Set ``WBCOURSE_SCREENSHOTS=<dir>`` to keep
screenshots of every widget before and after its control moved.
"""

from __future__ import annotations

import contextlib
import json
import os
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

from tests.chromium import CHROMIUM

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course"
LESSON_01 = COURSE / "01-neuron" / "01-neuron.ipynb"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
LAB_SETTINGS = {  # no "get Jupyter news?" toast over the widgets, no update check
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}
}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium here (apt-get install chromium; .ci/run installs it)",
)


# --- JupyterLab and Chromium ------------------------------------------------------------
@dataclass
class Lab:
    """A running JupyterLab: the folder it serves, its address and its token."""

    root: Path
    url: str
    token: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(root: Path, port: int, token: str) -> subprocess.Popen:
    """JupyterLab on 127.0.0.1 in its own process group, state kept under ``root``."""
    env = dict(os.environ)
    for name in ("JUPYTER_RUNTIME_DIR", "JUPYTERLAB_WORKSPACES_DIR", "JUPYTERLAB_SETTINGS_DIR"):
        env[name] = str(root / ".state" / name.lower())
    for plugin, values in LAB_SETTINGS.items():
        path = Path(env["JUPYTERLAB_SETTINGS_DIR"], f"{plugin}.jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
        f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0", "--LabApp.news_url=",
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    with open(root / ".state-lab.log", "wb") as log:  # the child keeps its own copy
        return subprocess.Popen(
            command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def wait_for_lab(process: subprocess.Popen, port: int, token: str, timeout: float = 90) -> None:
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                json.load(response)
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"jupyter lab did not answer on port {port} within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """Stop the server, which shuts its kernels down: the process group we started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # anything left in the group


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    port, token = free_port(), secrets.token_hex(16)
    process = start_lab(root, port, token)
    try:
        wait_for_lab(process, port, token)
        yield Lab(root, f"http://127.0.0.1:{port}", token)
    finally:
        stop(process)


@pytest.fixture(scope="module")
def shots():
    """The screenshot folder from ``WBCOURSE_SCREENSHOTS``, or None: no screenshots."""
    folder = os.environ.get("WBCOURSE_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def save(shots: Path | None, name: str, locator) -> None:
    """Screenshot ``locator`` to ``shots/name.png`` when screenshots were asked for."""
    if shots is not None:
        locator.screenshot(path=str(shots / f"{name}.png"))


# --- notebooks in the page --------------------------------------------------------------
def open_notebook(browser, lab: Lab, name: str):
    """A new page with the notebook ``name`` (under ``lab.root``) open, its kernel idle.

    ``?reset`` starts from an empty workspace, so no other notebook opens with it.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=120_000)
    return page


def run_all_cells(page) -> None:
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def code_cell(page, text: str):
    """The code cell whose source contains ``text``."""
    return page.locator(".jp-Notebook .jp-CodeCell", has_text=text).first


def rendered(image, timeout: float = 30) -> bytes:
    """A screenshot of the widget's image once the browser has decoded it."""
    image.scroll_into_view_if_needed()
    deadline = time.monotonic() + timeout
    while not image.evaluate("img => img.complete && img.naturalWidth > 0"):
        if time.monotonic() > deadline:
            raise TimeoutError("the widget's image never loaded")
        time.sleep(0.1)
    return image.screenshot()


def wait_for_change(image, before: bytes, timeout: float = 30) -> bytes:
    """The image's next screenshot that differs from ``before`` (``before`` on timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = image.screenshot()
        if now != before:
            return now
        time.sleep(0.2)
    return before


# --- the course notebook of lesson 01 ---------------------------------------------------
def test_course_notebook_runs_and_its_slider_redraws(lab, browser, shots):
    shutil.copy(LESSON_01, lab.root / LESSON_01.name)  # the student's file, unmodified
    page = open_notebook(browser, lab, LESSON_01.name)
    run_all_cells(page)
    stopped = page.locator(".jp-OutputArea-output", has_text="NotImplementedError").first
    stopped.wait_for(timeout=120_000)  # Run All stops at the first unanswered exercise

    cell = code_cell(page, "neuron_explorer(rng=")
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")  # run the widget cell, as a student would
    image = cell.locator("img.widget-image").first
    image.wait_for(timeout=120_000)
    before = rendered(image)
    save(shots, "lesson01-before", cell.locator(".jp-OutputArea"))
    handle = cell.locator(".widget-slider .noUi-handle").first  # w1
    for _ in range(10):
        handle.press("ArrowLeft")
    after = wait_for_change(image, before)
    save(shots, "lesson01-after", cell.locator(".jp-OutputArea"))
    page.close()
    assert after != before, "moving the w1 slider did not change the rendered figure"


# --- every explorer ---------------------------------------------------------------------
def move_slider(key: str, presses: int):
    """An action: press ``key`` ``presses`` times on the widget's first slider."""

    def act(page, cell) -> None:
        handle = cell.locator(".widget-slider .noUi-handle").first
        for _ in range(presses):
            handle.press(key)

    return act


def train_for(seconds: float):
    """An action: press Train, let the playground train, press Pause."""

    def act(page, cell) -> None:
        cell.get_by_role("button", name="Train").click()
        page.wait_for_timeout(seconds * 1000)
        cell.get_by_role("button", name="Pause").click()

    return act


ACTIONS = {
    "neuron_explorer": move_slider("ArrowLeft", 10),  # w1: 1.0 -> 0.5
    "activation_explorer": move_slider("ArrowRight", 20),  # w: 1 -> 2
    "descent_explorer": move_slider("ArrowRight", 18),  # lr: 0.05 -> about 0.4, diverges
    "training_playground": train_for(2.0),
    "regularization_explorer": move_slider("ArrowRight", 4),  # L2: 0 -> 0.003
    "optimizer_race": move_slider("ArrowRight", 10),  # lr: 0.1 -> 0.32, SGD diverges
}


def widget_cells() -> dict[str, str]:
    """The first code cell of ``course/`` that imports each explorer, by explorer name."""
    cells = {}
    for path in sorted(COURSE.glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            found = re.search(r"from wbcourse\.widgets import (\w+)", cell.source)
            if cell.cell_type == "code" and found:
                cells.setdefault(found.group(1), cell.source)
    return cells


@pytest.fixture(scope="module")
def widgets_page(lab, browser):
    """A page with every explorer of the course displayed, in one scratch notebook."""
    cells = widget_cells()
    assert sorted(cells) == sorted(ACTIONS), "a widget of the course has no browser check"
    sources = ["import numpy as np", *cells.values()]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = KERNELSPEC
    nbformat.write(nb, lab.root / "widgets.ipynb")
    page = open_notebook(browser, lab, "widgets.ipynb")
    run_all_cells(page)
    page.locator(".jp-Notebook img.widget-image").nth(len(cells) - 1).wait_for(timeout=120_000)
    yield page
    page.close()


@pytest.mark.parametrize("name", ACTIONS)
def test_every_widget_redraws_in_jupyterlab(widgets_page, shots, name):
    cell = code_cell(widgets_page, f"{name}(")
    image = cell.locator("img.widget-image").first
    before = rendered(image)
    save(shots, f"{name}-before", cell.locator(".jp-OutputArea"))
    ACTIONS[name](widgets_page, cell)
    after = wait_for_change(image, before)
    save(shots, f"{name}-after", cell.locator(".jp-OutputArea"))
    assert after != before, f"the {name} did not redraw after its control moved"
