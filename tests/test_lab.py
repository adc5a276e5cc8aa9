"""The command lines and configuration of the student and instructor labs.

The student lab's assignment list is tested against a running lab in
``tests/test_exchange.py``, the lab of an installed wheel in ``tests/test_package.py``.
"""

import ast
import json
from pathlib import Path

import pytest

from wbcourse import cli, lab
from wbcourse.exchange import ENV_VAR
from wbcourse.lab import lab_command, write_student_labconfig, write_student_nbgrader_config

STUDENT_PATH = ("cli.py", "lab.py", "workspace.py", "exchange.py", "__main__.py")


def test_student_lab_opens_the_workspace_without_instructor_server_extensions(tmp_path):
    command = lab_command("student", tmp_path, ["--port=9"])
    assert f"--ServerApp.root_dir={tmp_path}" in command
    switches = {arg for arg in command if "jpserver_extensions" in arg}
    assert switches == {
        "--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=False",
        "--ServerApp.jpserver_extensions=nbgrader.server_extensions.course_list=False",
    }
    assert command[-1] == "--port=9"


def test_instructor_lab_opens_the_course_root_with_every_extension(tmp_path):
    command = lab_command("instructor", tmp_path)
    assert f"--ServerApp.root_dir={tmp_path}" in command
    assert not any("jpserver_extensions" in arg for arg in command)


def test_unknown_mode_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="teacher"):
        lab_command("teacher", tmp_path)


@pytest.mark.parametrize("assignment_list", [True, False])
def test_student_labconfig_hides_instructor_plugins_only(tmp_path, assignment_list):
    path = write_student_labconfig(tmp_path, assignment_list=assignment_list)
    disabled = json.loads(path.read_text())["disabledExtensions"]
    assert all(disabled.values())
    hidden = {name.split(":")[1] for name in disabled}
    expected = {"formgrader", "create-assignment", "course-list"}
    assert hidden == expected | (set() if assignment_list else {"assignment-list"})
    assert "menu" not in hidden  # the Nbgrader menu (and its Validate) stays


def test_hub_student_config_files_submissions_under_the_hub_user(tmp_path):
    path = write_student_nbgrader_config(tmp_path, tmp_path / "x", tmp_path, "ada", hub=True)
    text = path.read_text()
    assert "c.CourseDirectory.student_id = 'ada'" in text
    assert "JupyterHubAuthPlugin" in text and "path_includes_course = True" in text


def test_prepare_only_copies_the_lessons_and_writes_the_labs_settings(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "exchange"))
    work = tmp_path / "my lessons"
    assert cli.main(["lab", "--workspace", str(work), "--prepare-only"]) == 0
    assert (work / "01-neuron" / "01-neuron.ipynb").is_file()
    config = work / lab.CONFIG_DIR
    assert (config / "labconfig" / "page_config.json").is_file()
    assert (
        f"c.Exchange.assignment_dir = {str(work.resolve())!r}"
        in (config / "nbgrader_config.py").read_text()
    )
    assert "your workspace is" in capsys.readouterr().err


@pytest.mark.parametrize("command", sorted(cli.HELP))
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_instructor_commands_outside_a_course_root_say_where_to_run(tmp_path, capsys):
    assert cli.main(["release", "--root", str(tmp_path)]) == 2
    assert "not a course root" in capsys.readouterr().err


@pytest.mark.parametrize("name", STUDENT_PATH)
def test_the_student_path_calls_nothing_posix_only(name):
    """No os.geteuid, os.getuid, os.killpg, pwd or grp: a student may be on Windows."""
    tree = ast.parse((Path(lab.__file__).parent / name).read_text())
    posix_only = {"geteuid", "getuid", "killpg", "getpgid", "setsid", "pwd", "grp", "fcntl"}
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    used |= {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not used & posix_only
