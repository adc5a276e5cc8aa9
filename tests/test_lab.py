"""The command lines and configuration of the student and instructor labs.

The student lab's assignment list is tested against a running lab in
``tests/test_exchange.py``.
"""

import json

import pytest

from wbcourse.lab import lab_command, write_student_labconfig
from wbcourse.lab import main as lab_main


def test_student_lab_opens_course_without_instructor_server_extensions(tmp_path):
    command = lab_command("student", ["--port=9"], root=tmp_path)
    assert f"--ServerApp.root_dir={tmp_path / 'course'}" in command
    switches = {arg for arg in command if "jpserver_extensions" in arg}
    assert switches == {
        "--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=False",
        "--ServerApp.jpserver_extensions=nbgrader.server_extensions.course_list=False",
    }
    assert command[-1] == "--port=9"


def test_instructor_lab_opens_the_repository_with_every_extension(tmp_path):
    command = lab_command("instructor", root=tmp_path)
    assert f"--ServerApp.root_dir={tmp_path}" in command
    assert not any("jpserver_extensions" in arg for arg in command)


def test_student_labconfig_hides_instructor_plugins_only(tmp_path):
    path = write_student_labconfig(tmp_path)
    disabled = json.loads(path.read_text())["disabledExtensions"]
    assert all(disabled.values())
    hidden = {name.split(":")[1] for name in disabled}
    assert hidden == {"formgrader", "create-assignment", "course-list"}
    # The assignment list and the Nbgrader menu that opens it stay.
    assert not {"assignment-list", "menu"} & hidden


@pytest.mark.parametrize("argv", [[], ["teacher"]])
def test_unknown_mode_is_a_usage_error(argv, capsys):
    assert lab_main(argv) == 2
    assert "usage" in capsys.readouterr().err
