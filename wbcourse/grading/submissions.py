"""Submissions on disk: import them from a folder or a zip, and tidy them before grading.

nbgrader expects ``submitted/<student>/<assignment>/<notebook>.ipynb``. Courses that
hand out through git or a learning-management system get a folder or a zip instead;
:func:`import_submissions` files it into place, one student at a time: a student
whose files break a rule (a symbolic link or special file, an unsafe path in the
zip, too many or too large files) is refused with the reason, and the others are
imported. :func:`prepare` then handles what students do to files before nbgrader
sees them: a renamed notebook is renamed back, an unreadable one is set aside
(and graded as missing), links and special files are removed, and all of it is
reported.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

#: Most bytes one student may submit for one assignment.
MAX_STUDENT_BYTES = 20 << 20
#: Most files one student may submit for one assignment.
MAX_STUDENT_FILES = 100
#: Most bytes one import may unpack, all students together.
MAX_IMPORT_BYTES = 2 << 30
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
    source : str
        The name the submission had in the import (folder or file prefix).
    """

    student: str
    files: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class Refused:
    """A student's submission that was not imported, and why."""

    source: str
    reason: str


@dataclass
class ImportReport:
    """What :func:`import_submissions` did: who was imported and who was refused."""

    imported: list[Imported] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def student_id(raw: str) -> str:
    """A stable student id safe as a folder name, for any name.

    Letters and digits (accents removed), ``.``, ``_`` and ``-`` are kept; when
    anything had to change, a short hash of the original name is appended, so
    that two different names never share an id.

    >>> student_id("ada"), student_id("Ada Lovelace (ada@uni.edu)")
    ('ada', 'Ada-Lovelace-ada-uni.edu-ed715921')
    >>> student_id("张伟")
    'student-a3a0bafd'
    """
    plain = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.")
    if cleaned == raw:
        return cleaned
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{cleaned or 'student'}-{digest}"


def owner(relative: Path) -> str:
    """The name of the student a file belongs to, from its path inside the import.

    A file in a folder belongs to the top folder (``ada/01-neuron.ipynb`` -> ``ada``);
    a loose file to its name up to the first ``_`` (``ada_01-neuron.ipynb`` -> ``ada``),
    the naming of most learning-management-system exports.

    >>> owner(Path("ada/lesson/01-neuron.ipynb")), owner(Path("bob_01-neuron.ipynb"))
    ('ada', 'bob')
    """
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem.split("_")[0]


def import_submissions(source: Path, assignment: str, root: Path) -> ImportReport:
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
    ImportReport
        The students imported (sorted by id; a student's previous files for this
        assignment are replaced) and those refused, with the reason.

    Raises
    ------
    FileNotFoundError
        If ``source`` does not exist.
    ValueError
        If ``source`` is not a folder or a readable zip, or holds no files.
    """
    from wbcourse.release import lessons

    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(f"no such folder or zip file: {source}")
    if assignment not in lessons(root):
        raise ValueError(f"unknown assignment {assignment!r}; known: {', '.join(lessons(root))}")
    with tempfile.TemporaryDirectory() as unpacked:
        report = ImportReport()
        if source.is_dir():
            folder = source
        else:
            folder = Path(unpacked)
            report.refused += _unpack(source, folder)
        files, refused = _files_by_owner(folder)
        report.refused += refused
        if not files and not report.refused:
            raise ValueError(f"{source}: no submitted files found")
        _file(files, assignment, root, report)
    return report


def _unpack(archive: Path, folder: Path) -> list[Refused]:
    """Extract a zip member by member; refuse the owners of unsafe or oversized members."""
    try:
        zipped = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(f"{archive}: not a readable zip file ({error})") from None
    refused: dict[str, str] = {}
    sizes: dict[str, int] = {}
    written: dict[str, list[Path]] = {}
    total = 0
    with zipped:
        for member in zipped.infolist():
            name = Path(member.filename)
            who = owner(name) if name.parts else ""
            mode = member.external_attr >> 16
            if name.is_absolute() or ".." in name.parts or not who:
                refused.setdefault(who, f"unsafe path in the zip: {member.filename}")
            elif stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
                refused.setdefault(who, f"{member.filename} is a link or special file")
            if who in refused or member.is_dir():
                continue
            sizes[who] = sizes.get(who, 0) + member.file_size
            total += member.file_size
            if sizes[who] > MAX_STUDENT_BYTES or total > MAX_IMPORT_BYTES:
                refused[who] = _too_large(sizes[who])
                continue
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            written.setdefault(who, []).append(target)
            try:
                _copy_limited(zipped, member, target, MAX_STUDENT_BYTES)
            except (ValueError, zipfile.BadZipFile, OSError) as error:
                refused[who] = f"{member.filename}: {error}"
    for who in refused:  # only files this function wrote, all inside ``folder``
        for path in written.get(who, []):
            path.unlink(missing_ok=True)
    return [Refused(who or "?", reason) for who, reason in sorted(refused.items())]


def _too_large(size: int) -> str:
    return (
        f"more than {MAX_STUDENT_BYTES >> 20} MiB of files ({size >> 20} MiB declared); "
        "is something other than the notebook in it?"
    )


def _copy_limited(zipped: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, limit: int):
    """Extract one member, stopping past ``limit`` bytes whatever its header claims."""
    written = 0
    with zipped.open(member) as data, open(target, "wb") as out:
        while chunk := data.read(1 << 20):
            written += len(chunk)
            if written > limit:
                raise ValueError(_too_large(written))
            out.write(chunk)


def _files_by_owner(folder: Path) -> tuple[dict[str, tuple[str, list[Path]]], list[Refused]]:
    """``{student id: (original name, files)}`` of a folder, and the students refused."""
    found: dict[str, list[Path]] = {}
    problems: dict[str, str] = {}
    for path in entries(folder):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "__MACOSX")) for part in relative.parts):
            continue
        who = owner(relative)
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            problems.setdefault(who, f"{relative} is a link or special file")
        elif path.is_file():
            found.setdefault(who, []).append(path)
    refused = [Refused(who, reason) for who, reason in sorted(problems.items())]
    by_id: dict[str, tuple[str, list[Path]]] = {}
    for who, paths in sorted(found.items()):
        if who in problems:
            continue
        if len(paths) > MAX_STUDENT_FILES:
            refused.append(Refused(who, f"{len(paths)} files, more than {MAX_STUDENT_FILES}"))
            continue
        size = sum(path.stat().st_size for path in paths)
        if size > MAX_STUDENT_BYTES:
            refused.append(Refused(who, _too_large(size)))
            continue
        key = student_id(who)
        if key in by_id:
            other = by_id.pop(key)[0]
            refused.append(Refused(who, f"{who!r} and {other!r} would share the id {key}"))
            refused.append(Refused(other, f"{other!r} and {who!r} would share the id {key}"))
            continue
        by_id[key] = (who, paths)
    return by_id, refused


def _file(files, assignment: str, root: Path, report: ImportReport) -> None:
    for student, (who, paths) in sorted(files.items()):
        names = [path.name for path in paths]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            report.refused.append(Refused(who, f"two files named {duplicates[0]}"))
            continue
        target = root / "submitted" / student / assignment
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in paths:
            shutil.copyfile(path, target / path.name)
        report.imported.append(Imported(student, tuple(sorted(names)), who))


def readable(path: Path) -> str | None:
    """Why ``path`` is not a valid notebook, or None if it is one."""
    try:
        nbformat.validate(nbformat.read(path, as_version=4))
    except Exception as error:  # any parse or schema failure makes it unreadable
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    return None


def prepare(folder: Path, expected: list[str]) -> list[str]:
    """Make a submission folder gradable; return what was done, for the instructor.

    Symbolic links and special files are removed. An expected notebook that is
    not a valid notebook is renamed to
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
    notes = remove_links(folder)
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


def remove_links(folder: Path) -> list[str]:
    """Delete every symbolic link and special file in a submission folder; one note each.

    nbgrader copies a submission by following links, so a link to a solution
    notebook or to the gradebook would be graded, or shown in the feedback.
    """
    notes = []
    for path in entries(folder):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            notes.append(f"{path.relative_to(folder)} is a link or special file; removed")
            path.unlink()
    return notes


def entries(folder: Path) -> list[Path]:
    """Everything under ``folder``, sorted, never following a link out of it."""
    found = []
    for parent, folders, files in os.walk(folder, followlinks=False):
        found += [Path(parent) / name for name in folders + files]
    return sorted(found)


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
