"""``course/`` is exactly nbgrader's release of ``solutions/``, and leaks nothing."""

import nbformat
import pytest
from nbgrader import utils

from wbcourse.release import ROOT, generate_release, lessons

LESSONS = lessons()
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def split_regions(source, kinds):
    """Split a cell source into the lines inside marked regions and those outside.

    Parameters
    ----------
    source : str
        Cell source.
    kinds : tuple of str
        Region kinds, e.g. ``("SOLUTION", "HIDDEN TESTS")`` for the markers
        ``### BEGIN SOLUTION`` ... ``### END HIDDEN TESTS``.

    Returns
    -------
    inside, outside : list of str
        The lines, marker lines left out.
    """
    inside, outside, depth = [], [], 0
    for line in source.splitlines():
        if any(f"BEGIN {kind}" in line for kind in kinds):
            depth += 1
        elif any(f"END {kind}" in line for kind in kinds):
            depth -= 1
        else:
            (inside if depth else outside).append(line)
    return inside, outside


def secret_lines(notebook, kinds=("SOLUTION", "HIDDEN TESTS")):
    """Stripped lines that only the marked regions of a source notebook hold.

    A solution cell without markers is secret as a whole (nbgrader replaces all
    of it). Lines that also occur outside every region (``return z``, ``)``)
    are public and left out, so finding a secret line elsewhere is a leak.
    """
    secret, public = set(), set()
    for cell in notebook.cells:
        if "SOLUTION" in kinds and utils.is_solution(cell) and "BEGIN SOLUTION" not in cell.source:
            inside, outside = cell.source.splitlines(), []
        else:
            inside, outside = split_regions(cell.source, kinds)
        secret.update(line.strip() for line in inside)
        public.update(line.strip() for line in outside)
    return {line for line in secret - public if line}


def files(folder):
    """Paths of the files under a folder, relative to it, sorted."""
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def notebooks(folder):
    """The notebooks of a lesson folder, by file name."""
    return {path.name: nbformat.read(path, as_version=4) for path in sorted(folder.glob("*.ipynb"))}


def cell_view(cell):
    """What a student gets of a cell: type, source, nbgrader metadata, outputs."""
    return {
        "cell_type": cell.cell_type,
        "source": cell.source,
        "nbgrader": cell.metadata.get("nbgrader"),
        "outputs": cell.get("outputs"),
    }


@pytest.fixture(scope="module")
def fresh_release(tmp_path_factory):
    """Every lesson released by nbgrader into a temporary folder (gradebook untouched)."""
    release_dir = tmp_path_factory.mktemp("release")
    generate_release(LESSONS, release_dir, gradebook=False)
    return release_dir


def test_course_has_one_folder_per_lesson():
    released = sorted(path.name for path in (ROOT / "course").iterdir() if path.is_dir())
    assert released == LESSONS, "run ./wb release (and delete course/ folders without a source)"


@pytest.mark.parametrize("lesson", LESSONS)
def test_course_is_in_sync_with_solutions(lesson, fresh_release):
    committed = ROOT / "course" / lesson
    fresh = fresh_release / lesson
    assert files(committed) == files(fresh)
    fresh_notebooks = notebooks(fresh)
    for name, notebook in notebooks(committed).items():
        expected = fresh_notebooks[name]
        assert [cell_view(c) for c in notebook.cells] == [cell_view(c) for c in expected.cells], (
            f"course/{lesson}/{name} drifted from solutions/: run ./wb release"
        )
        assert notebook.metadata == expected.metadata
    for path in files(fresh):
        if path.suffix != ".ipynb":
            assert (committed / path).read_bytes() == (fresh / path).read_bytes()


@pytest.mark.parametrize("lesson", LESSONS)
def test_course_holds_no_solution_or_hidden_test(lesson):
    sources = notebooks(ROOT / "solutions" / lesson)
    for name, release in notebooks(ROOT / "course" / lesson).items():
        secret = secret_lines(sources[name])
        assert secret, f"solutions/{lesson}/{name} has no solution or hidden test to hide"
        for cell in release.cells:
            assert not [marker for marker in MARKERS if marker in cell.source]
            leaked = secret.intersection(line.strip() for line in cell.source.splitlines())
            assert not leaked, f"course/{lesson}/{name} reveals {sorted(leaked)}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_lessons_run_on_the_python3_kernel(lesson):
    for name, notebook in notebooks(ROOT / "solutions" / lesson).items():
        assert notebook.metadata.kernelspec.name == "python3", name
