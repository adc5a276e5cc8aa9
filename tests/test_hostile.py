"""The hostile corpus, graded for real: nothing is gained, harmed or leaked.

A copy of the course (lessons 01 and 02) is graded with the instructor's commands,
each a real subprocess: ``import``, ``grade --workers 2``, ``feedback``, ``report``.
First an honest and a blank student are graded alone; then every attack of
``tests/hostile/attacks.py`` (with a formgrader-like reader holding a lock on the
gradebook for a while), then an honest and a blank student again. Then:

- every attacker scores 0 (their answers are blank or wrong), the honest students
  keep full marks and the blank ones 0, and every submission was graded;
- the first students' gradebook rows, ``solutions/``, ``course/`` and the Python
  environment are unchanged; no process of the run is left; no temporary folder
  of the run is left;
- no feedback page holds a hidden test, a reference answer or a student's script;
- the report is written, and flags every attack that can be detected;
- the import attacks (links, colliding names, a non-ASCII name, a zip bomb, an
  unsafe path) are refused or imported safely, one student at a time.
"""

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from tests.hostile import trimmed_copy
from tests.hostile.attacks import ATTACKS
from tests.test_release import secret_lines
from wbcourse.grading.cells import grade_id, is_test
from wbcourse.grading.submissions import student_id
from wbcourse.release import ROOT, generate_release

pytestmark = [pytest.mark.slow]

LESSONS = ("01-neuron", "02-layers")
HONEST = ("honest-first", "honest-last", "zz-honest", "zz-honest~", "张伟")
ANSWER = {"01-neuron": "ex01_1_answer", "02-layers": "ex02_1_answer"}


#: The environment of the commands: their temporary folder is the module's own (the
#: ``course`` fixture sets it), so that what they leave there is theirs.
COMMANDS_ENVIRONMENT = dict(os.environ)


def run(root, *args, check=True):
    """``python -m wbcourse.grading --root ROOT ARGS``; the completed process."""
    command = [sys.executable, "-m", "wbcourse.grading", "--root", str(root), *args]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=1500, env=COMMANDS_ENVIRONMENT
    )
    assert not check or result.returncode == 0, result.stderr[-3000:]
    return result


def notebook(root, lesson, folder):
    return nbformat.read(root / folder / lesson / f"{lesson}.ipynb", as_version=4)


def with_answer(release, answer_id, code):
    submitted = nbformat.from_dict(release)
    for cell in submitted.cells:
        if grade_id(cell) == answer_id:
            cell.source = code
    return submitted


def digest(path: Path) -> str:
    """A hash of every file under ``path`` (names and contents)."""
    total = hashlib.sha256()
    for item in sorted(path.rglob("*")):
        if item.is_file():
            total.update(str(item.relative_to(path)).encode() + item.read_bytes())
    return total.hexdigest()


def environment_digest() -> str:
    """A hash of the Python environment's import path: what a .pth file could change."""
    import site

    total = hashlib.sha256()
    for folder in site.getsitepackages():
        for item in sorted(Path(folder).glob("*.pth")):
            total.update(item.name.encode() + item.read_bytes())
    return total.hexdigest()


def rows_of(db: Path, student: str) -> list:
    """A student's grades and comments in the gradebook, as plain rows."""
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(f"sqlite:///{db}") as gradebook:
        for submission in gradebook.student_submissions(student):
            for notebook in submission.notebooks:
                rows += [(g.name, g.auto_score, g.manual_score) for g in notebook.grades]
                rows += [(c.name, c.auto_comment) for c in notebook.comments]
    return sorted(rows, key=str)


class _Elements(HTMLParser):
    """Every tag of a page with its attributes, and the text of its scripts."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def live_payloads(page: str) -> list[str]:
    """What of the attacks' HTML would run in a browser: scripts, handlers, javascript: links.

    The student's code shows in the page as escaped text; only real elements count.
    """
    elements = _Elements()
    elements.feed(page)
    found = [script for script in elements.scripts if "pwned" in script or "alert(" in script]
    for tag, attrs in elements.tags:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                found.append(f"<{tag} {name}={value!r}>")
    return found


def processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in command:
            found.append(command)
    return found


def write_import_folder(folder: Path, students: dict[str, nbformat.NotebookNode], lesson: str):
    for student, submitted in students.items():
        (folder / student).mkdir(parents=True)
        nbformat.write(submitted, folder / student / f"{lesson}.ipynb")


def hostile_zip(path: Path, honest: nbformat.NotebookNode, lesson: str) -> None:
    """A zip of the import attacks: a link, an unsafe path, a bomb, and two fine students."""
    text = nbformat.writes(honest)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        link = zipfile.ZipInfo(f"linker/{lesson}.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zipped.writestr(link, f"../../solutions/{lesson}/{lesson}.ipynb")
        zipped.writestr(f"../escaper/{lesson}.ipynb", text)
        zipped.writestr(f"bomber/{lesson}.ipynb", text)
        zipped.writestr("bomber/padding.bin", b"\0" * (150 << 20))
        zipped.writestr(f"zipped-honest/{lesson}.ipynb", text)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Grade everything once; return what the tests look at."""
    root = tmp_path_factory.mktemp("hostile")
    config = (
        (ROOT / "nbgrader_config.py")
        .read_text()
        .replace("c.Execute.timeout = 60", "c.Execute.timeout = 15")
    )
    (root / "nbgrader_config.py").write_text(config)
    for lesson in LESSONS:
        name = f"{lesson}.ipynb"
        trimmed_copy(ROOT / "solutions" / lesson / name, root / "solutions" / lesson / name)
    generate_release(list(LESSONS), root / "course", root=root)
    temporary = Path(tempfile.mkdtemp(prefix="hostile-"))  # short: sockets live below
    COMMANDS_ENVIRONMENT["TMPDIR"] = str(temporary)
    before = {
        "solutions": digest(root / "solutions"),
        "course": digest(root / "course"),
        "environment": environment_digest(),
    }
    incoming = root.parent / f"{root.name}-incoming"
    for lesson in LESSONS:
        source, release = notebook(root, lesson, "solutions"), notebook(root, lesson, "course")
        write_import_folder(
            incoming / "first" / lesson, {"honest-first": source, "blank-first": release}, lesson
        )
        attacks = {
            attack.name: with_answer(
                release, ANSWER[lesson], attack.code.replace("{root}", str(root))
            )
            for attack in ATTACKS
            if attack.lesson == lesson
        }
        odd = {"zz-honest": source, "zz-honest~": source, "张伟": source}
        write_import_folder(
            incoming / "second" / lesson,
            {**attacks, **odd, "honest-last": source, "blank-last": release},
            lesson,
        )
        linked = incoming / "second" / lesson / "symlinker"
        linked.mkdir()
        (linked / f"{lesson}.ipynb").symlink_to(root / "solutions" / lesson / f"{lesson}.ipynb")
    for lesson in LESSONS:
        run(root, "import", str(incoming / "first" / lesson), lesson)
    run(root, "grade", "--workers", "2")
    first_rows = {s: rows_of(root / "gradebook.db", s) for s in ("honest-first", "blank-first")}
    imported = {}
    for lesson in LESSONS:
        imported[lesson] = run(
            root, "import", str(incoming / "second" / lesson), lesson, check=False
        )
    hostile_zip(
        root.parent / f"{root.name}-attacks.zip",
        notebook(root, "01-neuron", "solutions"),
        "01-neuron",
    )
    zipped = run(
        root, "import", str(root.parent / f"{root.name}-attacks.zip"), "01-neuron", check=False
    )
    locker = threading.Thread(target=hold_lock, args=(root / "gradebook.db", 20, 8))
    locker.start()
    started = time.monotonic()
    graded = run(root, "grade", "--workers", "2")
    locker.join()
    feedback = run(root, "feedback")
    report = run(root, "report")
    yield {
        "root": root,
        "temporary": temporary,
        "before": before,
        "first_rows": first_rows,
        "imported": imported,
        "zipped": zipped,
        "grade": graded.stdout,
        "seconds": time.monotonic() - started,
        "feedback": feedback.stdout,
        "report": report.stdout,
    }
    shutil.rmtree(temporary, ignore_errors=True)


def hold_lock(db: Path, after: float, seconds: float) -> None:
    """Like a formgrader saving: hold a write lock on the gradebook for a while, mid-run."""
    time.sleep(after)
    connection = sqlite3.connect(db, isolation_level=None, timeout=60)
    connection.execute("BEGIN EXCLUSIVE")
    time.sleep(seconds)
    connection.execute("COMMIT")
    connection.close()


def scores(root) -> dict[tuple[str, str], float]:
    """Every submission's score in the gradebook, by (student, assignment)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {
            (submission.student.id, submission.assignment.name): submission.score
            for lesson in LESSONS
            for submission in gradebook.assignment_submissions(lesson)
        }


def full_marks(lesson) -> float:
    source = nbformat.read(ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    return sum(cell.metadata.nbgrader.points for cell in source.cells if is_test(cell))


def test_attackers_gain_nothing_and_honest_students_keep_their_marks(course):
    found = scores(course["root"])
    for attack in ATTACKS:
        assert found[(attack.name, attack.lesson)] == 0, attack.name
    for lesson in LESSONS:
        for student in HONEST:
            assert found[(student_id(student), lesson)] == full_marks(lesson), (student, lesson)
        assert found[("blank-first", lesson)] == found[("blank-last", lesson)] == 0
    assert found[("zipped-honest", "01-neuron")] == full_marks("01-neuron")


def test_every_submission_was_graded(course):
    assert " failed" not in course["grade"].replace("0 failed", ""), course["grade"]


def test_nothing_outside_the_sandbox_changed(course):
    root, before = course["root"], course["before"]
    assert rows_of(root / "gradebook.db", "honest-first") == course["first_rows"]["honest-first"]
    assert rows_of(root / "gradebook.db", "blank-first") == course["first_rows"]["blank-first"]
    assert digest(root / "solutions") == before["solutions"]
    assert digest(root / "course") == before["course"]
    assert environment_digest() == before["environment"]
    assert not Path("/tmp/pwned").exists()


def test_no_process_and_no_temporary_folder_is_left(course):
    assert processes_mentioning("time.sleep(60)") == []
    assert processes_mentioning("DELETE FROM grade") == []
    assert [path.name for path in course["temporary"].iterdir()] == []


def test_feedback_leaks_no_hidden_test_no_reference_and_no_script(course):
    root = course["root"]
    for lesson in LESSONS:
        source = notebook(root, lesson, "solutions")
        hidden = secret_lines(source, kinds=("HIDDEN TESTS",))
        answers = secret_lines(source, kinds=("SOLUTION",))
        for page in (root / "feedback").glob(f"*/{lesson}/*.html"):
            text = page.read_text()
            student = page.parent.parent.name
            assert not [line for line in hidden if line in text], page
            if student not in {student_id(name) for name in HONEST} | {"zipped-honest"}:
                assert not [line for line in answers if line in text], page
            assert live_payloads(text) == [], page


def test_autograded_notebooks_hold_nothing_live_for_formgrader(course):
    """formgrader renders the autograded notebooks as they are: they must be inert."""
    for path in (course["root"] / "autograded").glob("*/*/*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                for mime, value in output.get("data", {}).items():
                    text = value if isinstance(value, str) else ""
                    assert "<script" not in text.lower(), (path, mime)
                    assert "javascript:" not in text.lower() or mime == "text/plain", (path, mime)
                for sizes in output.get("metadata", {}).values():
                    for key, value in sizes.items() if isinstance(sizes, dict) else ():
                        assert key not in ("width", "height") or isinstance(value, int | float)


def test_no_graded_notebook_or_feedback_page_outgrows_the_output_limits(course):
    from wbcourse.nbgrader_ext import NOTEBOOK_OUTPUT_LIMIT

    written = [*(course["root"] / "autograded").rglob("*.ipynb")]
    written += [*(course["root"] / "feedback").rglob("*.html")]
    assert written
    for path in written:
        assert path.stat().st_size < 2 * NOTEBOOK_OUTPUT_LIMIT, path


def test_report_is_written_and_flags_the_detectable_attacks(course):
    import csv

    root = course["root"]
    with open(root / "reports" / "exercises.csv", newline="") as table:
        rows = list(csv.DictReader(table))
    flagged = {row["student"] for row in rows if row["needs_review"] == "True"}
    for attack in ATTACKS:
        if attack.flagged:
            assert attack.name in flagged, attack.name
    for student in ("honest-first", "honest-last", "blank-first", "blank-last"):
        assert student not in flagged
    report = (root / "reports" / "report.md").read_text()
    assert "<img src=x" not in report and "[ok](javascript:" not in report  # forged flag text


def test_import_refuses_links_bombs_and_unsafe_paths_one_student_at_a_time(course):
    root = course["root"]
    for lesson in LESSONS:
        refused = course["imported"][lesson].stderr
        assert "REFUSED 'symlinker'" in refused and "link" in refused
        assert not (root / "submitted" / "symlinker").exists()
    zipped = course["zipped"]
    assert "REFUSED 'linker'" in zipped.stderr
    assert "REFUSED 'bomber'" in zipped.stderr and "MiB" in zipped.stderr
    assert "REFUSED '..'" in zipped.stderr
    assert "zipped-honest: 01-neuron.ipynb" in zipped.stdout
    students = {folder.name for folder in (root / "submitted").iterdir()}
    assert {"zz-honest", "student-a3a0bafd"} <= students
    assert len([s for s in students if s.startswith("zz-honest")]) == 2
