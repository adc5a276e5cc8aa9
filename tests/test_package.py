"""The student install: a wheel with the lessons and no answers, that starts the course.

The wheel (and the source distribution it is built from) is built from this checkout
with ``uv build``. It must hold every released lesson, the package's data and recorded
check outputs, and no reference answer: nothing of ``solutions/``, no hidden test, no
``wbcourse.exercises``. Installed into a fresh virtual environment (``uv pip install``,
which reuses the uv cache: seconds instead of minutes for ``pip``), ``wbcourse lab
--no-browser`` must answer within 20 s, with the student's workspace created.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from wbcourse.release import ROOT

pytestmark = pytest.mark.slow

SECRET_MARKERS = (b"BEGIN HIDDEN TESTS", b"BEGIN SOLUTION", b"END SOLUTION")
LAB_START_LIMIT = 20  # seconds, from the command to the first answer of the server


def uv(*args, **kwargs):
    """Run ``uv`` (installed with the test extra) and return its result."""
    return subprocess.run(
        [sys.executable, "-m", "uv", *args], check=True, capture_output=True, text=True, **kwargs
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """``{"wheel": path, "sdist": path}`` built from this checkout."""
    out = tmp_path_factory.mktemp("dist")
    uv("build", "--out-dir", str(out), str(ROOT))
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def wheel_files(wheel):
    """``{name: bytes}`` of every file in a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sdist_files(sdist):
    """``{name inside the project folder: bytes}`` of every file in a source distribution."""
    with tarfile.open(sdist) as archive:
        return {
            member.name.split("/", 1)[1]: archive.extractfile(member).read()
            for member in archive.getmembers()
            if member.isfile()
        }


def tracked_files(folder):
    """Files of a package folder, as the wheel names them (``wbcourse/...``), if it exists."""
    if not folder.is_dir():
        return set()
    return {
        path.relative_to(ROOT).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_wheel_holds_the_lessons_and_data_and_no_answers(dist):
    files = wheel_files(dist["wheel"])
    lessons = {
        "wbcourse/lessons/" + path.relative_to(ROOT / "course").as_posix()
        for path in (ROOT / "course").rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    }
    assert lessons and lessons <= set(files)
    for name in lessons:
        assert (
            files[name] == (ROOT / "course" / name.removeprefix("wbcourse/lessons/")).read_bytes()
        )
    shipped = tracked_files(ROOT / "wbcourse" / "data") | tracked_files(
        ROOT / "wbcourse" / "recorded"
    )
    assert shipped <= set(files), sorted(shipped - set(files))
    assert "wbcourse-0.1.0.dist-info/licenses/LICENSE" in files
    assert (
        "wbcourse = wbcourse.cli:main"
        in files["wbcourse-0.1.0.dist-info/entry_points.txt"].decode()
    )
    assert_no_answers(files)


def test_source_distribution_holds_no_answers(dist):
    files = sdist_files(dist["sdist"])
    assert "course/01-neuron/01-neuron.ipynb" in files
    assert not [name for name in files if name.startswith(("solutions/", "tests/"))]
    assert_no_answers(files)


def assert_no_answers(files):
    """No solution notebook, hidden test or reference-answer module among ``files``."""
    assert not [name for name in files if "solutions/" in name]
    assert not [name for name in files if name.startswith("wbcourse/exercises")]
    # Notebooks and data, not code: wbcourse/checks.py shows the markers in a docstring.
    data_files = {name: data for name, data in files.items() if not name.endswith(".py")}
    leaks = {
        name for name, data in data_files.items() for marker in SECRET_MARKERS if marker in data
    }
    assert not leaks, f"solution or hidden-test markers in {sorted(leaks)}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_fresh_install_starts_the_course(dist, tmp_path):
    venv, home = tmp_path / "venv", tmp_path / "home"
    home.mkdir()
    start = time.monotonic()
    uv("venv", "--quiet", "--python", sys.executable, str(venv))
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    uv(
        "pip",
        "install",
        "--quiet",
        "--compile-bytecode",
        "--python",
        str(bin_dir / "python"),
        str(dist["wheel"]),
    )
    installed = time.monotonic() - start
    test_tools = [
        name for name in ("pytest", "playwright", "ruff", "jupyterhub") if (bin_dir / name).exists()
    ]
    assert not test_tools, f"the student install holds test tools: {test_tools}"

    port, token = free_port(), secrets.token_hex(16)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "WBCOURSE", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update(HOME=str(home), PATH=f"{bin_dir}{os.pathsep}{env['PATH']}")
    command = [
        str(bin_dir / "wbcourse"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0", "--LabApp.news_url=",
    ]  # fmt: skip
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:  # the child keeps its own copy
        process = subprocess.Popen(command, cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT)
    launched = time.monotonic()
    try:
        status = wait_for_status(process, port, token, log, timeout=90)
        started = time.monotonic() - launched
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(f"install {installed:.1f} s, lab answered after {started:.1f} s")
    assert status["started"], status
    workspace = home / "wbcourse"
    assert (workspace / "01-neuron" / "01-neuron.ipynb").read_bytes() == (
        ROOT / "course" / "01-neuron" / "01-neuron.ipynb"
    ).read_bytes()
    (site_packages,) = venv.glob("lib/python*/site-packages")
    assert not (site_packages / "exchange").exists(), "no exchange inside the install"
    assert started < LAB_START_LIMIT, f"the lab answered after {started:.1f} s"


def wait_for_status(process, port, token, log, timeout):
    """The server's ``/api/status`` once it answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"wbcourse lab exited: {log.read_text()[-3000:]}")
        try:
            url = f"http://127.0.0.1:{port}/api/status?token={token}"
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer within {timeout} s: {log.read_text()[-3000:]}")


def test_binder_install_steps_prepare_the_workspace(tmp_path):
    """``binder/postBuild`` in a clean environment, as repo2docker runs it, then ``start``."""
    repo, home, venv = tmp_path / "repo", tmp_path / "home", tmp_path / "venv"
    shutil.copytree(
        ROOT, repo, ignore=shutil.ignore_patterns(".venv", ".git", "workspace", "build")
    )
    home.mkdir()
    uv("venv", "--quiet", "--seed", "--python", sys.executable, str(venv))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "WBCOURSE"))
    }
    env.update(HOME=str(home), PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}")
    env["WBCOURSE_BINDER_PIP"] = (
        f"{sys.executable} -m uv pip install --python {venv / 'bin' / 'python'}"
    )
    subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, check=True, capture_output=True)
    assert (home / "wbcourse" / "01-neuron" / "01-neuron.ipynb").is_file()
    show = "import os; print(os.environ['JUPYTER_CONFIG_PATH'])"
    shown = subprocess.run(
        ["bash", "binder/start", "python", "-c", show],
        cwd=repo, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    config = Path(shown.split(os.pathsep)[0])
    assert (config / "labconfig" / "page_config.json").is_file()
