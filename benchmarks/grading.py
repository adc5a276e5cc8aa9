"""Grading: ``./wb grade`` against bare execution, and its throughput.

Everything runs in one temporary copy of the course (``nbgrader_config.py`` and
``solutions/``) with its own gradebook, so the repository's is never touched:

1. setup, not timed: the copy's gradebook records every lesson's test cells
   (:func:`wbcourse.release.generate_release`, in this process), and the executed
   reference notebooks are submitted as students ``s00``, ``s01``...;
2. per lesson, the instructor's command ``./wb grade LESSON --student s00 --workers 1``
   (``python -m wbcourse.grading --root COPY grade ...``, process start included) is
   timed against a bare run of the same submitted notebook (nbclient's Run All,
   from the kernel start to its shutdown, which grading waits for too), interleaved;
3. the whole course, one submission: one ``./wb grade --student s00 --workers 1``
   for all lessons, against the sum of the bare runs; and, for comparison, plain
   ``nbgrader autograde LESSON --student s00``, one process per lesson (each one
   imports nbgrader: the cost ``./wb grade`` exists to pay only once); with a single
   lesson, step 2's command is already the whole course;
4. throughput: 20 submissions of one lesson graded by ``./wb grade LESSON`` with
   ``--workers 1`` and with one worker per core, in the same copy and gradebook
   (the runner's design: forked children, one shared gradebook).

nbgrader shells out to ``alembic``, so the environment's ``bin/`` goes first on ``PATH``.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Row, ratio_row
from benchmarks.notebooks import ROOT, run_all
from wbcourse.release import generate_release
from wbcourse.release import lessons as course_lessons

GROUP = "grading"
THROUGHPUT_LESSON = "01-neuron"
SUBMISSIONS = 20
OVERHEAD_TARGET = "<= 1.5"  # graded time of one lesson / its bare run
COURSE_TARGET = "<= 1.3"  # graded time of the whole course / its bare runs
SPEEDUP_TARGET = ">= 1.8"  # throughput with one worker per core / with one worker
_SUMMARY = re.compile(r"(\d+) submission\(s\): (\d+) graded, (\d+) failed")


def make_course_copy(source: Path, target: Path, lessons: list[str]) -> Path:
    """Copy the course to ``target`` and record ``lessons`` in the copy's own gradebook."""
    target.mkdir(parents=True)
    shutil.copy2(source / "nbgrader_config.py", target / "nbgrader_config.py")
    shutil.copytree(
        source / "solutions",
        target / "solutions",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
    )
    generate_release(lessons, target / "course", root=target)
    return target


def submit(root: Path, lessons: list[str], students: list[str]) -> None:
    """Submit the executed reference notebook of each lesson as each student."""
    for student in students:
        for lesson in lessons:
            folder = root / "submitted" / student / lesson
            folder.mkdir(parents=True, exist_ok=True)
            for notebook in (root / "solutions" / lesson).glob("*.ipynb"):
                shutil.copy2(notebook, folder / notebook.name)


def _run(command: list[str], cwd: Path) -> str:
    """Run ``command`` in ``cwd`` with the environment's ``bin/`` first on PATH; its output."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    done = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if done.returncode != 0:
        tail = done.stdout[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{tail}")
    return done.stdout


def wb_grade(root: Path, lessons: list[str], student: str | None, workers: int) -> float:
    """Seconds of ``./wb grade LESSONS [--student S] --workers N``; raises if any failed."""
    command = [sys.executable, "-m", "wbcourse.grading", "--root", str(root), "grade", *lessons]
    command += ["--workers", str(workers), *(["--student", student] if student else [])]
    start = time.perf_counter()
    output = _run(command, cwd=root)
    seconds = time.perf_counter() - start
    summary = _SUMMARY.search(output)
    if summary is None or summary.group(3) != "0":
        raise RuntimeError(f"./wb grade {' '.join(lessons)} did not grade everything:\n{output}")
    return seconds


def nbgrader_autograde(root: Path, lesson: str, student: str) -> float:
    """Seconds of the plain CLI ``nbgrader autograde LESSON --student S --force`` in ``root``."""
    command = [str(Path(sys.executable).parent / "nbgrader"), "autograde", lesson]
    start = time.perf_counter()
    _run([*command, "--student", student, "--force"], cwd=root)
    return time.perf_counter() - start


def _median_ratio(numerators: list[float], denominators: list[float]) -> float:
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def one_submission_rows(root: Path, lessons: list[str], repeats: int) -> list[Row]:
    """Steps 2 and 3 of the module docstring: one submission, per lesson and whole course."""
    bare = {lesson: [] for lesson in lessons}
    graded = {lesson: [] for lesson in lessons}
    course, cli = [], []
    for _ in range(repeats):
        cli.append(0.0)
        for lesson in lessons:
            notebook = next((root / "submitted" / "s00" / lesson).glob("*.ipynb"))
            bare[lesson].append(run_all(notebook)["closed"])
            graded[lesson].append(wb_grade(root, [lesson], "s00", workers=1))
            cli[-1] += nbgrader_autograde(root, lesson, "s00")
        if len(lessons) > 1:
            course.append(wb_grade(root, lessons, "s00", workers=1))
    course = course or graded[lessons[0]]  # one lesson: its command grades the whole course
    rows = [
        ratio_row(
            GROUP,
            f"./wb grade {lesson}",
            statistics.median(graded[lesson]),
            "s",
            _median_ratio(graded[lesson], bare[lesson]),
            OVERHEAD_TARGET,
            f"ratio = / bare run ({statistics.median(bare[lesson]):.1f} s, kernel shutdown "
            "included); one submission, --workers 1, process start included",
        )
        for lesson in lessons
    ]
    course_bare = [sum(bare[lesson][i] for lesson in lessons) for i in range(repeats)]
    rows.append(
        ratio_row(
            GROUP,
            f"./wb grade whole course ({len(lessons)} notebooks)",
            statistics.median(course),
            "s",
            _median_ratio(course, course_bare),
            COURSE_TARGET,
            f"one command, one submission of every lesson, --workers 1; ratio = / bare runs "
            f"of the same notebooks ({statistics.median(course_bare):.1f} s)",
        )
    )
    rows.append(
        ratio_row(
            GROUP,
            "  same with nbgrader autograde",
            statistics.median(cli),
            "s",
            _median_ratio(cli, course_bare),
            note="for comparison: the plain CLI, one process per lesson, each importing nbgrader",
        )
    )
    return rows


def throughput_rows(root: Path, lesson: str, submissions: int, workers: int, repeats: int):
    """Step 4 of the module docstring: submissions per minute, 1 worker and ``workers``."""
    serial, parallel = [], []
    for _ in range(repeats):
        serial.append(wb_grade(root, [lesson], None, workers=1))
        parallel.append(wb_grade(root, [lesson], None, workers=workers))
    return [
        Row(
            GROUP,
            f"throughput, 1 worker ({submissions} x {lesson})",
            statistics.median(submissions / t * 60 for t in serial),
            "/min",
            note=f"./wb grade {lesson} --workers 1; {statistics.median(serial):.1f} s in all",
        ),
        ratio_row(
            GROUP,
            f"throughput, {workers} workers",
            statistics.median(submissions / t * 60 for t in parallel),
            "/min",
            _median_ratio(serial, parallel),
            SPEEDUP_TARGET,
            f"ratio = speed-up over 1 worker; ./wb grade {lesson} --workers {workers}, "
            f"same course copy and gradebook; {os.cpu_count()} cores",
        ),
    ]


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
        One lesson (``THROUGHPUT_LESSON``, or the first), 2 submissions, one repeat.
    repeats : int
        Timings per figure; the median is reported (at most 3 for the throughput).
    root : pathlib.Path
        Course root holding ``nbgrader_config.py`` and ``solutions/``.
    lessons : list of str, optional
        Lessons to grade; default every lesson of ``root / "solutions"``.
    submissions, workers : int, optional
        Throughput size; default 20 submissions and one worker per core (at least 2).
    """
    lessons = course_lessons(root) if lessons is None else lessons
    if not lessons:
        return [Row(GROUP, "./wb grade", None, "s", note="skipped: no solutions/*/*.ipynb")]
    throughput_lesson = THROUGHPUT_LESSON if THROUGHPUT_LESSON in lessons else lessons[0]
    if quick:
        lessons, repeats = [throughput_lesson], 1
    submissions = submissions or (2 if quick else SUBMISSIONS)
    workers = workers or max(2, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="wbcourse-bench-") as tmp:
        copy = make_course_copy(root, Path(tmp) / "course", lessons)
        submit(copy, lessons, ["s00"])
        rows = one_submission_rows(copy, lessons, repeats)
        students = [f"s{index:02d}" for index in range(submissions)]
        submit(copy, [throughput_lesson], students)
        rows += throughput_rows(copy, throughput_lesson, submissions, workers, min(repeats, 3))
    return rows
