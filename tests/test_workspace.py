"""The student's workspace: a copy of the lessons that never overwrites the student's work."""

import subprocess

import pytest

from wbcourse import workspace
from wbcourse.workspace import Change, beside_name, sync

LESSON = "01-neuron/01-neuron.ipynb"


@pytest.fixture
def release(tmp_path):
    """A release folder of two lessons, the second with a data file."""
    folder = tmp_path / "release"
    for relative, text in [
        (LESSON, "first"),
        ("02-layers/02-layers.ipynb", "two"),
        ("02-layers/x.csv", "1,2"),
    ]:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    (folder / "01-neuron" / ".ipynb_checkpoints").mkdir()
    (folder / "01-neuron" / ".ipynb_checkpoints" / "old.ipynb").write_text("checkpoint")
    return folder


def test_first_sync_copies_every_released_file_and_nothing_else(tmp_path, release):
    work = tmp_path / "work"
    changes = sync(work, release)
    assert [(c.path, c.action) for c in changes] == [
        (LESSON, "copied"),
        ("02-layers/02-layers.ipynb", "copied"),
        ("02-layers/x.csv", "copied"),
    ]
    assert (work / LESSON).read_text() == "first"
    assert not (work / "01-neuron" / ".ipynb_checkpoints").exists()
    assert sync(work, release) == []  # nothing new: nothing written


def test_a_newer_release_replaces_an_untouched_file(tmp_path, release):
    work = tmp_path / "work"
    sync(work, release)
    (release / LESSON).write_text("second")
    assert sync(work, release) == [Change(LESSON, "updated")]
    assert (work / LESSON).read_text() == "second"


def test_a_newer_release_of_a_started_lesson_appears_beside_it(tmp_path, release):
    work = tmp_path / "work"
    sync(work, release)
    (work / LESSON).write_text("my answers")
    (release / LESSON).write_text("second")
    (change,) = sync(work, release)
    assert change.action == "beside" and change.kept == LESSON
    assert change.path == beside_name(LESSON, workspace.file_hash(release / LESSON))
    assert (work / LESSON).read_text() == "my answers"
    assert (work / change.path).read_text() == "second"
    assert "your work is kept" in change.describe()
    # Later starts neither copy it again nor touch the student's file.
    (work / change.path).write_text("the student edits the new copy too")
    assert sync(work, release) == []
    assert (work / LESSON).read_text() == "my answers"


def test_a_students_file_where_a_lesson_arrives_is_kept(tmp_path, release):
    work = tmp_path / "work"
    (work / "01-neuron").mkdir(parents=True)
    (work / LESSON).write_text("a file of the student's, same name")
    changes = sync(work, release)
    assert (
        Change(beside_name(LESSON, workspace.file_hash(release / LESSON)), "beside", LESSON)
        in changes
    )
    assert (work / LESSON).read_text() == "a file of the student's, same name"


def test_a_deleted_lesson_comes_back(tmp_path, release):
    work = tmp_path / "work"
    sync(work, release)
    (work / LESSON).unlink()
    assert sync(work, release) == [Change(LESSON, "copied")]


def test_the_checkout_uses_a_git_ignored_workspace_and_the_tracked_release():
    checkout = workspace.checkout_root()
    assert checkout is not None
    assert workspace.default_workspace() == checkout / "workspace"
    assert workspace.released_lessons() == checkout / "course"
    probe = "workspace/01-neuron/01-neuron.ipynb"
    ignored = subprocess.run(["git", "check-ignore", "-q", probe], cwd=checkout, check=False)
    assert ignored.returncode == 0, "workspace/ must be git-ignored"
