"""Smoke test of the benchmarks: each group once, at a tiny size, with well-formed rows.

Benchmarks are not tests (their figures depend on the machine); this only keeps
them from rotting. The notebook and grading groups run on a one-exercise course
made here, so the test takes seconds, not minutes.
"""

import json
import math
import shutil
from pathlib import Path

import nbformat
import pytest

from benchmarks import Row, core, format_table, grading, notebooks
from benchmarks.__main__ import main, run_group

ROOT = Path(__file__).resolve().parent.parent


def _cell(kind, source, **nbgrader):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"schema_version": 3, "locked": False, **nbgrader}
    return cell


@pytest.fixture(scope="module")
def tiny_course(tmp_path_factory):
    """A course root with the real nbgrader_config.py and one one-exercise lesson."""
    root = tmp_path_factory.mktemp("course")
    shutil.copy2(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        _cell("markdown", "Write `double(x)`."),
        _cell(
            "code",
            "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
            grade=False,
            solution=True,
            grade_id="answer",
        ),
        _cell(
            "code",
            "assert double(2) == 4",
            grade=True,
            solution=False,
            locked=True,
            points=1,
            grade_id="test",
        ),
    ]
    (root / "solutions" / "00-tiny").mkdir(parents=True)
    nbformat.write(nb, root / "solutions" / "00-tiny" / "00-tiny.ipynb")
    return root


def _check_rows(rows, group):
    assert rows, f"{group} returned no rows"
    for row in rows:
        assert isinstance(row, Row)
        assert row.group == group
        assert row.name and isinstance(row.unit, str)
        if row.median is None:
            assert row.note.startswith("skipped"), row
            continue
        assert math.isfinite(row.median) and row.median > 0, row
        if row.ratio is not None:
            assert math.isfinite(row.ratio) and row.ratio > 0, row
        if row.target:
            assert row.met in (True, False), row
    assert format_table(rows).count("\n") == len(rows) + 1


def test_core_quick():
    rows = core.run(quick=True, repeats=1)
    _check_rows(rows, "core")
    names = " ".join(row.name for row in rows)
    assert "per-sample loop" in names and "bare X @ W" in names
    assert any("PyTorch" in row.name for row in rows)  # measured, or skipped with a message


def test_naive_step_matches_the_course_step():
    import numpy as np

    rng = np.random.default_rng(0)
    params, X, y = core._data([4, 5, 3], 6, rng)
    expected = core.wbcourse_step(params, X, y)
    got = core.naive_step(params, X, y)
    for key, value in expected.items():
        np.testing.assert_allclose(got[key], value, rtol=1e-10, atol=1e-12)


def test_notebooks_quick(tiny_course):
    rows = notebooks.run(quick=True, repeats=1, root=tiny_course)
    _check_rows(rows, "notebooks")
    assert rows[-1].name.startswith("whole course")


def test_grading_quick(tiny_course):
    rows = grading.run(quick=True, repeats=1, root=tiny_course)
    _check_rows(rows, "grading")
    assert [row.unit for row in rows] == ["s", "s", "s", "/min", "/min"]
    assert rows[0].name == "./wb grade 00-tiny" and "nbgrader autograde" in rows[2].name
    assert not (tiny_course / "gradebook.db").exists()  # graded in a copy


def test_widgets_group_runs_or_skips():
    _check_rows(run_group("widgets", quick=True, repeats=1), "widgets")


def test_runner_writes_json(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--quick", "--only", "core", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["quick"] and {row["group"] for row in report["rows"]} == {"core"}
    assert "benchmark" in capsys.readouterr().out
