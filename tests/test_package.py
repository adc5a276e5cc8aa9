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


@pytest.fixture(scope="module")
def student_install(dist, tmp_path_factory):
    """``(bin_dir, seconds)``: the wheel installed into a fresh virtual environment."""
    venv = tmp_path_factory.mktemp("student") / "venv"
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
    return bin_dir, time.monotonic() - start


def student_env(bin_dir, home):
    """This process's environment without its Jupyter, Python and course settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "WBCOURSE", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update(HOME=str(home), PATH=f"{bin_dir}{os.pathsep}{env['PATH']}")
    return env


def test_fresh_install_starts_the_course(student_install, tmp_path):
    bin_dir, installed = student_install
    home = tmp_path / "home"
    home.mkdir()
    test_tools = [
        name for name in ("pytest", "playwright", "ruff", "jupyterhub") if (bin_dir / name).exists()
    ]
    assert not test_tools, f"the student install holds test tools: {test_tools}"

    port, token = free_port(), secrets.token_hex(16)
    env = student_env(bin_dir, home)
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
    (site_packages,) = bin_dir.parent.glob("lib/python*/site-packages")
    assert not (site_packages / "exchange").exists(), "no exchange inside the install"
    assert started < LAB_START_LIMIT, f"the lab answered after {started:.1f} s"


# Run in the student install: the installed lesson with the answer cells of the
# solution notebook (argv[1]), or none (argv[2] == "blank"), executed top to bottom;
# prints {check cell: its result} as JSON.
SELF_CHECK = """
import json, sys
from importlib.resources import files
import nbformat
from nbclient import NotebookClient

lesson = files("wbcourse") / "lessons" / "01-neuron" / "01-neuron.ipynb"
notebook = nbformat.reads(lesson.read_text(), as_version=4)
solution = nbformat.read(sys.argv[1], as_version=4)
answers = {cell.metadata.nbgrader.grade_id: cell.source for cell in solution.cells
           if cell.metadata.get("nbgrader", {}).get("solution")}
results = {}
for cell in notebook.cells:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    if sys.argv[2] == "answered" and grade_id in answers:
        cell.source = answers[grade_id]
NotebookClient(notebook, kernel_name="python3", timeout=120).execute()
for cell in notebook.cells:
    if cell.metadata.get("nbgrader", {}).get("grade"):
        shown = [o["data"]["text/plain"] for o in cell.outputs if o.output_type == "execute_result"]
        results[cell.metadata.nbgrader.grade_id] = [float(shown[0]) if shown else None,
                                                    cell.metadata.nbgrader.points]
print(json.dumps(results))
"""


@pytest.mark.parametrize("answers", ["answered", "blank"])
def test_installed_lesson_checks_answers_without_the_reference(student_install, tmp_path, answers):
    """The wheel holds no reference answers, yet its check cells grade: from the recordings.

    Lesson 01, installed from the wheel, runs top to bottom in the student's kernel with
    the reference answers filled in (every check cell shows full points) or with none
    (every check cell shows 0, and Run All still reaches the end).
    """
    bin_dir, _ = student_install
    env = student_env(bin_dir, tmp_path)
    missing = subprocess.run(
        [str(bin_dir / "python"), "-c", "import wbcourse.exercises"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert missing.returncode != 0 and "ModuleNotFoundError" in missing.stderr
    solution = ROOT / "solutions" / "01-neuron" / "01-neuron.ipynb"
    run = subprocess.run(
        [str(bin_dir / "python"), "-c", SELF_CHECK, str(solution), answers],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(run.stdout)
    assert len(results) >= 4
    expected = {
        cell: (points if answers == "answered" else 0) for cell, (_, points) in results.items()
    }
    assert {cell: shown for cell, (shown, _) in results.items()} == expected


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
