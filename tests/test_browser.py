"""Browser test: JupyterLab in headless Chromium runs a notebook with a widget, a slider
moves, and the rendered figure changes.

Needs Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it); skipped where it is
absent. Never runs ``playwright install``. Set ``WBCOURSE_SCREENSHOTS=<dir>`` to keep
screenshots of the page.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "solutions" / "01-neuron" / "01-neuron.ipynb"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDGET_CELL = """\
import numpy as np
from wbcourse.widgets import neuron_explorer

neuron_explorer(rng=np.random.default_rng(0))
"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium here (apt-get install chromium; .ci/run installs it)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def course_notebook(folder: Path) -> str:
    """Put the notebook to open in ``folder``: lesson 01 if it has a neuron explorer cell,
    else a one-cell notebook that displays one. Returns its file name."""
    if LESSON.exists() and "neuron_explorer" in LESSON.read_text(encoding="utf-8"):
        shutil.copy(LESSON, folder / LESSON.name)
        return LESSON.name
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(WIDGET_CELL)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "widget.ipynb")
    return "widget.ipynb"


def start_lab(root: Path, port: int, token: str) -> subprocess.Popen:
    """JupyterLab on 127.0.0.1 in its own process group, state kept under ``root``."""
    env = dict(os.environ)
    for name in ("JUPYTER_RUNTIME_DIR", "JUPYTERLAB_WORKSPACES_DIR", "JUPYTERLAB_SETTINGS_DIR"):
        env[name] = str(root / ".state" / name.lower())
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
    """Stop the server and its kernels: the process group we started, by its id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # kernels left in the group


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("WBCOURSE_SCREENSHOTS", tmp_path / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_all_cells(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.keyboard.press("Escape")  # close the menu if it is still open


def wait_for_change(image, before: bytes, timeout: float = 30) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = image.screenshot()
        if now != before:
            return now
        time.sleep(0.2)
    return before


def test_slider_redraws_the_widget_in_jupyterlab(tmp_path):
    from playwright.sync_api import sync_playwright

    root = tmp_path / "course"
    root.mkdir()
    name = course_notebook(root)
    port, token = free_port(), secrets.token_hex(16)
    shots = screenshot_dir(tmp_path)
    lab = start_lab(root, port, token)
    try:
        wait_for_lab(lab, port, token)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}/lab/tree/{name}?token={token}")
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
                page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(
                    timeout=120_000
                )  # the kernel is up
                page.locator(".jp-Notebook .jp-Cell").first.click()
                run_all_cells(page)
                widget = page.locator(".widget-vbox", has=page.locator("img.widget-image")).first
                widget.wait_for(timeout=180_000)
                image = widget.locator("img.widget-image").first
                image.scroll_into_view_if_needed()
                page.wait_for_timeout(500)
                page.screenshot(path=str(shots / "browser-before.png"))
                before = image.screenshot()
                handle = widget.locator(".widget-slider .noUi-handle").first
                handle.click()
                for _ in range(10):
                    page.keyboard.press("ArrowLeft")
                after = wait_for_change(image, before)
                page.screenshot(path=str(shots / "browser-after.png"))
            finally:
                browser.close()
    finally:
        stop(lab)
    assert after != before, "moving the w1 slider did not change the rendered figure"
