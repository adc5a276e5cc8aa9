"""Grading: ``nbgrader autograde`` against bare execution, and grading throughput.

Everything runs in a temporary copy of the course (``nbgrader_config.py``,
``solutions/``, ``course/``) so the repository's gradebook is never touched:

1. ``nbgrader generate_assignment`` once per lesson records the test cells in the
   copy's ``gradebook.db`` (setup, not timed);
2. the executed reference notebooks are submitted as students ``s00``, ``s01``...;
3. per lesson, ``nbgrader autograde LESSON --student s00`` (the command an
   instructor runs, process start included) is timed against a bare Run All of the
   same submitted notebook (nbclient, kernel start included), interleaved;
4. throughput: 20 submissions of one lesson graded by one ``nbgrader autograde``
   process, and by one process per core on disjoint student sets, each in its own
   course copy with its own gradebook (SQLite does not take concurrent writers).

nbgrader shells out to ``alembic``, so the environment's ``bin/`` goes first on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Row, ratio_row
from benchmarks.notebooks import ROOT, run_all

GROUP = "grading"
THROUGHPUT_LESSON = "01-neuron"
SUBMISSIONS = 20


def _env() -> dict:
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env.setdefault("PYTHONWARNINGS", "ignore")
    return env


def _nbgrader(root: Path, *args: str) -> subprocess.Popen:
    """Start ``nbgrader ARGS`` in course root ``root``."""
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "nbgrader"), *args],
        cwd=root,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait(process: subprocess.Popen, what: str) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{what} failed ({process.returncode}):\n{output[-3000:]}")


def lessons_of(root: Path) -> list[str]:
    """Lessons with a source notebook in ``root / "solutions"``, sorted."""
    return sorted({path.parent.name for path in (root / "solutions").glob("*/*.ipynb")})


def make_course_copy(source: Path, target: Path, lessons: list[str]) -> Path:
    """Copy the course to ``target`` and record ``lessons`` in its own gradebook."""
    target.mkdir(parents=True)
    shutil.copy2(source / "nbgrader_config.py", target / "nbgrader_config.py")
    for folder in ("solutions", "course"):
        if (source / folder).is_dir():
            shutil.copytree(
                source / folder,
                target / folder,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            )
    for lesson in lessons:
        _wait(
            _nbgrader(target, "generate_assignment", lesson, "--force"),
            f"nbgrader generate_assignment {lesson}",
        )
    return target


def submit(root: Path, lessons: list[str], students: list[str]) -> None:
    """Submit the executed reference notebook of each lesson as each student."""
    for student in students:
        for lesson in lessons:
            folder = root / "submitted" / student / lesson
            folder.mkdir(parents=True, exist_ok=True)
            for notebook in (root / "solutions" / lesson).glob("*.ipynb"):
                shutil.copy2(notebook, folder / notebook.name)


def clone(template: Path, target: Path) -> Path:
    """A copy of a prepared course root (its gradebook included)."""
    shutil.copytree(template, target)
    return target


def _autograde(root: Path, lesson: str, student: str | None = None) -> subprocess.Popen:
    args = ["autograde", lesson, "--force"]
    if student is not None:
        args += ["--student", student]
    return _nbgrader(root, *args)


# Autograde several lessons in ONE Python process: nbgrader is imported once.
_ONE_PROCESS = """
import sys
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
student = sys.argv[1]
for lesson in sys.argv[2:]:
    coursedir = CourseDirectory(config=config, assignment_id=lesson, student_id=student)
    Autograde(coursedir=coursedir, config=config, force=True).start()
"""


def _autograde_one_process(root: Path, lessons: list[str], student: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _ONE_PROCESS, student, *lessons],
        cwd=root,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _timed(process_factory, what: str) -> float:
    start = time.perf_counter()
    _wait(process_factory(), what)
    return time.perf_counter() - start


def _timed_parallel(process_factories, what: str) -> float:
    start = time.perf_counter()
    processes = [factory() for factory in process_factories]
    for process in processes:
        _wait(process, what)
    return time.perf_counter() - start


def run(
    quick: bool = False,
    repeats: int = 3,
    root: Path = ROOT,
    lessons: list[str] | None = None,
    submissions: int | None = None,
    workers: int | None = None,
) -> list[Row]:
    """Rows of the grading group.

    Parameters
    ----------
    quick : bool
        One lesson (the first, or ``THROUGHPUT_LESSON``), 2 submissions, one repeat.
    repeats : int
        Timings per figure; the median is reported.
    root : pathlib.Path
        Course root holding ``nbgrader_config.py`` and ``solutions/``.
    lessons : list of str, optional
        Lessons to grade; default every lesson of ``root / "solutions"``.
    submissions, workers : int, optional
        Throughput size; default 20 submissions and one worker per core.
    """
    available = lessons_of(root)
    if lessons is None:
        lessons = available
    if not lessons:
        return [Row(GROUP, "autograde", None, "s", note="skipped: no solutions/*/*.ipynb")]
    throughput_lesson = THROUGHPUT_LESSON if THROUGHPUT_LESSON in lessons else lessons[0]
    if quick:
        lessons, repeats = [throughput_lesson], 1
    submissions = submissions or (2 if quick else SUBMISSIONS)
    workers = workers or max(2, os.cpu_count() or 1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="wbcourse-bench-") as tmp:
        tmp = Path(tmp)
        template = make_course_copy(root, tmp / "template", lessons)

        # 1. One submission: autograde vs bare execution, per lesson and for the course.
        single = clone(template, tmp / "single")
        submit(single, lessons, ["s00"])
        graded = {lesson: [] for lesson in lessons}
        bare = {lesson: [] for lesson in lessons}
        one_process = []
        for _ in range(repeats):
            one_process.append(
                _timed(
                    lambda: _autograde_one_process(single, lessons, "s00"),
                    "autograde in one process",
                )
            )
            for lesson in lessons:
                notebook = next((single / "submitted" / "s00" / lesson).glob("*.ipynb"))
                bare[lesson].append(run_all(notebook)["total"])
                graded[lesson].append(
                    _timed(
                        lambda lesson=lesson: _autograde(single, lesson, "s00"),
                        f"nbgrader autograde {lesson}",
                    )
                )
        for lesson in lessons:
            ratios = [g / b for g, b in zip(graded[lesson], bare[lesson], strict=True)]
            rows.append(
                ratio_row(
                    GROUP,
                    f"autograde {lesson}",
                    statistics.median(graded[lesson]),
                    "s",
                    statistics.median(ratios),
                    "<= 1.5",
                    f"ratio = / bare Run All ({statistics.median(bare[lesson]):.1f} s); "
                    "one submission, nbgrader process start included",
                )
            )
        course_graded = [sum(graded[lesson][i] for lesson in lessons) for i in range(repeats)]
        course_bare = [sum(bare[lesson][i] for lesson in lessons) for i in range(repeats)]
        rows.append(
            ratio_row(
                GROUP,
                f"autograde whole course ({len(lessons)} notebooks)",
                statistics.median(course_graded),
                "s",
                statistics.median(g / b for g, b in zip(course_graded, course_bare, strict=True)),
                "<= 1.5",
                f"ratio = / bare Run All of the same notebooks "
                f"({statistics.median(course_bare):.1f} s); one nbgrader process per lesson",
            )
        )

        rows.append(
            ratio_row(
                GROUP,
                "  same, all lessons in one process",
                statistics.median(one_process),
                "s",
                statistics.median(o / b for o, b in zip(one_process, course_bare, strict=True)),
                "<= 1.5",
                "nbgrader's Autograde converter called per lesson from one Python process "
                "(nbgrader imported once)",
            )
        )

        # 2. Throughput: `submissions` submissions of one lesson, 1 worker vs `workers`.
        students = [f"s{index:02d}" for index in range(submissions)]
        one = clone(template, tmp / "one-worker")
        submit(one, [throughput_lesson], students)
        shards = []
        for worker in range(workers):
            shard = clone(template, tmp / f"worker-{worker}")
            submit(shard, [throughput_lesson], students[worker::workers])
            shards.append(shard)
        serial, parallel = [], []
        for _ in range(max(1, min(repeats, 3))):
            serial.append(
                _timed(
                    lambda: _autograde(one, throughput_lesson),
                    f"nbgrader autograde {throughput_lesson} (1 worker)",
                )
            )
            parallel.append(
                _timed_parallel(
                    [lambda shard=shard: _autograde(shard, throughput_lesson) for shard in shards],
                    f"nbgrader autograde {throughput_lesson} ({workers} workers)",
                )
            )
        rate_one = [submissions / t * 60 for t in serial]
        rate_many = [submissions / t * 60 for t in parallel]
        rows.append(
            Row(
                GROUP,
                f"throughput, 1 worker ({submissions} x {throughput_lesson})",
                statistics.median(rate_one),
                "/min",
                note=f"one nbgrader autograde process; {statistics.median(serial):.1f} s in all",
            )
        )
        rows.append(
            ratio_row(
                GROUP,
                f"throughput, {workers} workers",
                statistics.median(rate_many),
                "/min",
                statistics.median(s / p for s, p in zip(serial, parallel, strict=True)),
                ">= 1.7",
                f"ratio = speed-up over 1 worker; {workers} nbgrader processes on disjoint "
                f"students, one gradebook each; {os.cpu_count()} cores",
            )
        )
    return rows
