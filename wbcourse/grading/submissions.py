"""Submissions on disk: import them from a folder or a zip, and tidy them before grading.

nbgrader expects ``submitted/<student>/<assignment>/<notebook>.ipynb``. Courses that
hand out through git or a learning-management system get a folder or a zip instead;
:func:`import_submissions` files it into place. :func:`prepare` then handles what
students do to files before nbgrader sees them: a renamed notebook is renamed back,
an unreadable one is set aside (and graded as missing), and both are reported.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

#: Largest file accepted from a zip, in bytes: protects the disk from zip bombs.
MAX_MEMBER_BYTES = 50 << 20
UNREADABLE_SUFFIX = ".unreadable"


@dataclass(frozen=True)
class Imported:
    """One student's files filed into ``submitted/``.

    Attributes
    ----------
    student : str
        The student id (a folder name in ``submitted/``).
    files : tuple of str
        The file names written into ``submitted/<student>/<assignment>/``.
    """

    student: str
    files: tuple[str, ...]


def student_id(raw: str) -> str:
    """A student id safe as a folder name: letters, digits, ``.``, ``_`` and ``-``.

    >>> student_id("Ada Lovelace (ada@uni.edu)")
    'Ada-Lovelace-ada-uni.edu'
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", raw).strip("-.")
    if not cleaned:
        raise ValueError(f"cannot make a student id of {raw!r}")
    return cleaned


def owner(relative: Path) -> str:
    """The student a file belongs to, from its path inside the import.

    A file in a folder belongs to the top folder (``ada/01-neuron.ipynb`` -> ``ada``);
    a loose file to its name up to the first ``_`` (``ada_01-neuron.ipynb`` -> ``ada``),
    the naming of most learning-management-system exports.

    >>> owner(Path("ada/lesson/01-neuron.ipynb")), owner(Path("bob_01-neuron.ipynb"))
    ('ada', 'bob')
    """
    raw = relative.parts[0] if len(relative.parts) > 1 else relative.stem.split("_")[0]
    return student_id(raw)


def import_submissions(source: Path, assignment: str, root: Path) -> list[Imported]:
    """File a folder or zip of submissions into ``root/submitted/<student>/<assignment>/``.

    Parameters
    ----------
    source : pathlib.Path
        A folder, or a ``.zip`` file, of submissions (layouts: see :func:`owner`).
    assignment : str
        The assignment (lesson) they are for, e.g. ``"01-neuron"``.
    root : pathlib.Path
        Course root.

    Returns
    -------
    list of Imported
        One entry per student, sorted by id. A student's previous files for this
        assignment are replaced.

    Raises
    ------
    FileNotFoundError
        If ``source`` does not exist.
    ValueError
        If ``source`` holds no files, or a zip member is unsafe (absolute path,
        ``..``, or larger than :data:`MAX_MEMBER_BYTES`).
    """
    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(f"no such folder or zip file: {source}")
    if source.is_dir():
        return _file_submissions(source, assignment, root)
    with tempfile.TemporaryDirectory() as unpacked:
        _safe_extract(source, Path(unpacked))
        return _file_submissions(Path(unpacked), assignment, root)


def _safe_extract(archive: Path, folder: Path) -> None:
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.infolist():
            name = Path(member.filename)
            if name.is_absolute() or ".." in name.parts:
                raise ValueError(f"{archive}: unsafe path in the zip: {member.filename}")
            if member.file_size > MAX_MEMBER_BYTES:
                raise ValueError(
                    f"{archive}: {member.filename} is {member.file_size} bytes, "
                    f"more than the {MAX_MEMBER_BYTES} accepted"
                )
        zipped.extractall(folder)


def _file_submissions(folder: Path, assignment: str, root: Path) -> list[Imported]:
    by_student: dict[str, list[Path]] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(
            part.startswith((".", "__MACOSX")) for part in relative.parts
        ):
            by_student.setdefault(owner(relative), []).append(path)
    if not by_student:
        raise ValueError(f"{folder}: no submitted files found")
    imported = []
    for student, paths in sorted(by_student.items()):
        target = root / "submitted" / student / assignment
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in paths:
            shutil.copyfile(path, target / path.name)
        imported.append(Imported(student, tuple(sorted(path.name for path in paths))))
    return imported


def readable(path: Path) -> str | None:
    """Why ``path`` is not a valid notebook, or None if it is one."""
    try:
        nbformat.validate(nbformat.read(path, as_version=4))
    except Exception as error:  # any parse or schema failure makes it unreadable
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    return None


def prepare(folder: Path, expected: list[str]) -> list[str]:
    """Make a submission folder gradable; return what was done, for the instructor.

    An expected notebook that is not a valid notebook is renamed to
    ``<name>.unreadable`` (kept for review; nbgrader then grades it as missing).
    If an expected notebook is missing and exactly one other notebook is there,
    that one is renamed to the expected name. Copies of a graded cell (a student
    duplicated it) become ordinary cells: they still run, and the first copy is
    graded (nbgrader would otherwise fail on the whole notebook).

    Parameters
    ----------
    folder : pathlib.Path
        ``submitted/<student>/<assignment>/``.
    expected : list of str
        The assignment's notebook file names, e.g. ``["01-neuron.ipynb"]``.

    Returns
    -------
    list of str
        One sentence per change or problem, e.g. ``"renamed lesson1.ipynb to
        01-neuron.ipynb"``; empty when the folder was already in order.
    """
    notes = []
    for name in expected:
        path = folder / name
        problem = readable(path) if path.exists() else None
        if problem:
            path.rename(path.with_name(name + UNREADABLE_SUFFIX))
            notes.append(f"{name} is not a readable notebook ({problem}); graded as missing")
    missing = [name for name in expected if not (folder / name).exists()]
    others = sorted(
        path for path in folder.glob("*.ipynb") if path.name not in expected and not readable(path)
    )
    if len(missing) == 1 and len(others) == 1:
        others[0].rename(folder / missing[0])
        notes.append(f"renamed {others[0].name} to {missing[0]}")
        missing = []
    for name in expected:
        if (folder / name).exists():
            notes += deduplicate(folder / name)
    for name in missing:
        set_aside = (folder / (name + UNREADABLE_SUFFIX)).exists()
        if not set_aside:
            notes.append(f"no {name} submitted; graded as missing")
        elif not any(name in note for note in notes):
            notes.append(f"{name} was set aside as unreadable; graded as missing")
    return notes


def deduplicate(path: Path) -> list[str]:
    """Turn the later copies of each nbgrader cell of a notebook into ordinary cells.

    Returns
    -------
    list of str
        One sentence per duplicated cell id; the file is rewritten only if any.
    """
    notebook = nbformat.read(path, as_version=4)
    seen: dict[str, int] = {}
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None:
            seen[grade_id] = seen.get(grade_id, 0) + 1
            if seen[grade_id] > 1:
                del cell.metadata["nbgrader"]
    duplicated = {grade_id: count for grade_id, count in seen.items() if count > 1}
    if duplicated:
        nbformat.write(notebook, path)
    return [
        f"{path.name}: cell {grade_id} appears {count} times; the first is graded, "
        f"the copies run as ordinary cells"
        for grade_id, count in sorted(duplicated.items())
    ]
