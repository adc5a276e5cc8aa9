"""A student's workspace: their own copy of the lessons, kept apart from the release.

The released lessons (``course/`` of a checkout of the repository, or the notebooks
shipped inside the installed package) are never worked in: :func:`sync` copies them
into a workspace folder, and the student's lab opens there. Every later start syncs
again, and never overwrites a file the student has changed:

- a released file the workspace lacks is copied in (a new lesson, or a deleted file);
- a file the student has not changed since it was copied is replaced by a newer
  release of it;
- a file the student has changed stays as it is, and a newer release of it appears
  beside it, as ``NAME.release-<hash>.ipynb`` (the first 8 hex digits of the new
  release's SHA-256), so the student can compare and move their work over.

What was copied is recorded in ``.wbcourse/released.json`` in the workspace: the
SHA-256 of each file's release, which tells a file the student changed from one they
only received.
"""

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The folder of the package that holds the lessons in an installed wheel.
PACKAGED_LESSONS = "lessons"
#: The workspace of a checkout: ``<repository>/workspace``, git-ignored.
CHECKOUT_WORKSPACE = "workspace"
#: The workspace of an installed package: ``~/wbcourse``.
HOME_WORKSPACE = "wbcourse"
STATE_DIR = ".wbcourse"
MANIFEST = f"{STATE_DIR}/released.json"
SKIPPED_NAMES = (".ipynb_checkpoints", "__pycache__")


@dataclass(frozen=True)
class Change:
    """One file that :func:`sync` wrote into a workspace.

    Attributes
    ----------
    path : str
        The file written, relative to the workspace, with ``/`` separators.
    action : {"copied", "updated", "beside"}
        ``copied``: it was missing; ``updated``: an unchanged earlier release was
        replaced; ``beside``: the student's file was kept and the new release
        written next to it, as ``path``.
    kept : str or None
        For ``beside``: the student's file that was kept. None otherwise.
    """

    path: str
    action: str
    kept: str | None = None

    def describe(self):
        """One line for the student.

        Returns
        -------
        str
            E.g. ``"01-neuron/01-neuron.ipynb: copied"``.

        Examples
        --------
        >>> Change("01-neuron/01-neuron.ipynb", "copied").describe()
        '01-neuron/01-neuron.ipynb: copied'
        """
        if self.action == "beside":
            return f"{self.kept}: your work is kept; its new release is beside it: {self.path}"
        return f"{self.path}: {self.action}"


def checkout_root(root=ROOT):
    """The repository this package runs from, or None for an installed package.

    Parameters
    ----------
    root : pathlib.Path
        The folder above the package.

    Returns
    -------
    pathlib.Path or None
        ``root`` if it holds ``nbgrader_config.py``, ``solutions/`` and ``course/``.
    """
    markers = (root / "nbgrader_config.py", root / "solutions", root / "course")
    return root if all(path.exists() for path in markers) else None


def released_lessons():
    """The folder of the released lessons this package can copy.

    Returns
    -------
    pathlib.Path
        ``wbcourse/lessons`` inside an installed wheel, else ``course/`` of the
        checkout.

    Raises
    ------
    FileNotFoundError
        If there is neither (a broken install).
    """
    packaged = Path(str(resources.files("wbcourse") / PACKAGED_LESSONS))
    if packaged.is_dir():
        return packaged
    checkout = checkout_root()
    if checkout is not None:
        return checkout / "course"
    raise FileNotFoundError(
        f"no lessons: neither {packaged} nor a repository's course/ exists; reinstall wbcourse"
    )


def default_workspace():
    """Where a student's lessons go when no folder is named.

    Returns
    -------
    pathlib.Path
        ``<repository>/workspace`` (git-ignored) when running from a checkout,
        else ``~/wbcourse``.
    """
    checkout = checkout_root()
    if checkout is not None:
        return checkout / CHECKOUT_WORKSPACE
    return Path.home() / HOME_WORKSPACE


def file_hash(path):
    """SHA-256 of a file's bytes, as hex.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    str
        64 hex digits.
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def released_files(source):
    """The files of a release, relative to it, with ``/`` separators, sorted.

    Parameters
    ----------
    source : pathlib.Path
        A release folder: one subfolder per lesson.

    Returns
    -------
    list of str
        E.g. ``["01-neuron/01-neuron.ipynb", ...]``; checkpoints and caches left out.
    """
    return sorted(
        path.relative_to(source).as_posix()
        for path in source.rglob("*")
        if path.is_file() and not set(path.relative_to(source).parts) & set(SKIPPED_NAMES)
    )


def beside_name(relative, digest):
    """Where a newer release of a file the student changed is written.

    Parameters
    ----------
    relative : str
        The student's file, relative to the workspace.
    digest : str
        SHA-256 of the new release, hex.

    Returns
    -------
    str
        The same folder, ``STEM.release-<8 hex digits>SUFFIX``.

    Examples
    --------
    >>> beside_name("01-neuron/01-neuron.ipynb", "3fa2c1d07e")
    '01-neuron/01-neuron.release-3fa2c1d0.ipynb'
    """
    path = Path(relative)
    return path.with_name(f"{path.stem}.release-{digest[:8]}{path.suffix}").as_posix()


def copy_file(source, target):
    """Copy a file by writing a temporary file beside ``target`` and renaming it.

    A file in ``target`` is thus either the old one or the complete new one, never a
    half-written one, even if the copy is interrupted.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(descriptor, "wb") as out:
        out.write(source.read_bytes())
    os.replace(temporary, target)


def read_manifest(workspace):
    """``{relative path: SHA-256 of its release}`` of the files copied so far."""
    path = Path(workspace) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_manifest(workspace, manifest):
    """Write the record of copied files (see :func:`read_manifest`)."""
    path = Path(workspace) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def sync(workspace, source=None):
    """Copy the released lessons into a workspace, never overwriting the student's work.

    Parameters
    ----------
    workspace : pathlib.Path
        The student's folder; created if missing.
    source : pathlib.Path, optional
        The release to copy, one subfolder per lesson; default
        :func:`released_lessons`.

    Returns
    -------
    list of Change
        The files written, in the order of the release.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> release, work = (Path(tempfile.mkdtemp()) for _ in range(2))
    >>> (release / "01-neuron").mkdir()
    >>> _ = (release / "01-neuron" / "a.ipynb").write_text("first release")
    >>> [change.action for change in sync(work, release)]
    ['copied']
    >>> _ = (work / "01-neuron" / "a.ipynb").write_text("the student's answer")
    >>> _ = (release / "01-neuron" / "a.ipynb").write_text("second release")
    >>> [change.describe() for change in sync(work, release)]  # doctest: +ELLIPSIS
    ['01-neuron/a.ipynb: your work is kept; its new release is beside it: 01-neuron/a.release-...']
    >>> (work / "01-neuron" / "a.ipynb").read_text()
    "the student's answer"
    """
    workspace = Path(workspace)
    source = released_lessons() if source is None else Path(source)
    manifest = read_manifest(workspace)
    changes = []
    for relative in released_files(source):
        released, target = source / relative, workspace / relative
        digest = file_hash(released)
        if not target.exists():
            copy_file(released, target)
            changes.append(Change(relative, "copied"))
        elif file_hash(target) == digest:
            pass  # already this release
        elif manifest.get(relative) == file_hash(target):
            copy_file(released, target)  # the student never changed it
            changes.append(Change(relative, "updated"))
        else:
            beside = beside_name(relative, digest)
            if not (workspace / beside).exists():
                copy_file(released, workspace / beside)
                changes.append(Change(beside, "beside", kept=relative))
            continue  # the student's file still comes from its earlier release
        manifest[relative] = digest
    write_manifest(workspace, manifest)
    return changes
