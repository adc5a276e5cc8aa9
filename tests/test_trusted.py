"""The trusted side of a test cell: its namespace, its outputs and its records.

:class:`wbcourse.grading.trusted.TrustedLesson` runs lesson 01's real test cells
here, with the student's names served by a stand-in for the kernel link that hands
out local functions (the remote path is tested with a real kernel in
``tests/test_grading_remote.py`` and end to end in ``tests/test_hostile.py``).
"""

import nbformat
import numpy as np
import pytest

from wbcourse.grading.cells import grade_id
from wbcourse.grading.provenance import library_uses
from wbcourse.grading.trusted import RECORDS, TrustedLesson, bound_names, used_names
from wbcourse.release import ROOT

SOURCE = nbformat.read(ROOT / "solutions" / "01-neuron" / "01-neuron.ipynb", as_version=4)
TESTS = {grade_id(cell): cell.source for cell in SOURCE.cells if grade_id(cell)}


class Names:
    """Serves the student's names from a dict, and remembers which were asked for."""

    def __init__(self, **names):
        self.names, self.asked = names, []

    def get(self, wanted):
        self.asked += wanted
        return {name: self.names[name] for name in wanted if name in self.names}


@pytest.fixture(scope="module")
def lesson():
    return TrustedLesson(SOURCE)


def test_only_the_answer_names_a_test_cell_uses_are_fetched(lesson):
    link = Names(weighted_sum=lambda x, w, b: float(x @ w + b))
    lesson.run(TESTS["ex01_1_tests"], link, {})
    assert link.asked == ["weighted_sum"]
    assert {"weighted_sum", "add_bias_input", "w_and"} <= lesson.answer_names


def test_outputs_are_the_table_and_the_score_with_its_records(lesson):
    outputs = lesson.run(TESTS["ex01_1_tests"], Names(weighted_sum=lambda x, w, b: 0.0), {})
    stdout, result = outputs
    assert stdout.name == "stdout" and "FAIL  the example above" in stdout.text
    assert result.output_type == "execute_result" and result.data["text/plain"] == "0.0"
    (record,) = result.metadata[RECORDS]
    assert record["exercise"] == "01.1" and record["earned"] == 0.0
    assert all(not case["passed"] for case in record["cases"])


def test_a_right_answer_earns_the_points(lesson):
    outputs = lesson.run(
        TESTS["ex01_2_tests"],
        Names(add_bias_input=lambda X: np.hstack([X, np.ones((len(X), 1))])),
        {},
    )
    assert outputs[-1].data["text/plain"] == "2.0"


def test_a_missing_answer_fails_the_cell_with_its_name(lesson):
    (error,) = lesson.run(TESTS["ex01_1_tests"], Names(), {})
    assert error.output_type == "error"  # nbgrader scores it 0
    assert error.traceback == ["NameError: name 'weighted_sum' is not defined"]


AND_OR = {"w_and": np.array([1.0, 1.0]), "b_and": -1.5, "w_or": np.array([1.0, 1.0]), "b_or": -0.5}


@pytest.mark.parametrize(
    ("unanswered", "mistake", "message"),
    [
        (frozenset(), "course/undefined", "used a name that is not defined"),
        (frozenset({"01.4"}), None, "not answered yet"),
    ],
)
def test_a_name_left_undefined_is_a_mistake_unless_the_answer_cell_is_the_stub(
    lesson, unanswered, mistake, message
):
    outputs = lesson.run(TESTS["ex01_4_tests"], Names(**AND_OR), {}, unanswered)
    (record,) = outputs[-1].metadata[RECORDS]
    failing = [case for case in record["cases"] if not case["passed"]]
    assert failing and all(case["mistake"] == mistake for case in failing)
    assert all(case["message"].startswith(message) for case in failing)


def test_a_refused_exercise_earns_nothing(lesson):
    link = Names(weighted_sum=lambda x, w, b: float(x @ w + b))
    outputs = lesson.run(TESTS["ex01_1_tests"], link, {"01.1": "uses wbcourse's own x"})
    assert outputs[-1].data["text/plain"] == "0.0"
    assert "uses wbcourse's own x" in outputs[0].text


def test_an_error_outside_the_cases_is_one_line_and_scores_nothing(lesson):
    (error,) = lesson.run("undefined_in_the_lesson + 1", Names(), {})
    assert error.output_type == "error"
    assert error.traceback == ["NameError: name 'undefined_in_the_lesson' is not defined"]


def test_names_bound_and_used_are_read_from_the_code():
    assert bound_names("def f(x):\n    y = 1\nw, b = 1, 2\nimport numpy as np") == {
        "f",
        "w",
        "b",
        "np",
    }
    assert used_names("g(lambda: h(a, b=c))") == {"g", "h", "a", "c"}


LESSON11_SETUP = "from wbcourse.lessonlib.lesson11 import ranked"
RANKING = {"11.3": {"rank_runs"}}, {"11.3": ("wbcourse.lessonlib.lesson11.ranked",)}


@pytest.mark.parametrize(
    "answer",
    [
        "def rank_runs(log, metric):\n    ranked = list(log)\n    ranked.sort(key=len)\n"
        "    return ranked",
        "def rank_runs(log, metric):\n    return [ranked for ranked in log]",
        "def rank_runs(log, metric, ranked=None):\n    return sorted(log, key=ranked)",
        "def rank_runs(log, metric, rng=None):\n    return sorted(log, key=rng.normal)",
    ],
)
def test_a_local_name_hides_the_library_function_of_that_name(answer):
    assert library_uses([answer], LESSON11_SETUP, *RANKING) == {}


@pytest.mark.parametrize(
    "answer",
    [
        "def rank_runs(log, metric):\n    return ranked(log, metric)",
        "def rank_runs(log, metric):\n    global ranked\n    ranked = ranked\n"
        "    return ranked(log, metric)",
        "def rank_runs(log, metric):\n    from wbcourse.lessonlib import lesson11 as m\n"
        "    return m.ranked(log, metric)",
        "m = __builtins__\ndef rank_runs(log, metric):\n    return m.ranked(log, metric)",
    ],
)
def test_the_library_function_is_found_wherever_the_answer_reaches_it(answer):
    assert library_uses([answer], LESSON11_SETUP, *RANKING)


@pytest.mark.parametrize(
    "answer",
    [  # a red team's: the attribute's name built at run time, looked up without getattr(...)
        "import operator\nf = operator.attrgetter('rank' + 'ed')(lesson11)\n"
        "def rank_runs(log, metric):\n    return f(log, metric)",
        "import functools\nf = functools.reduce(getattr, ['ranked'], lesson11)\n"
        "def rank_runs(log, metric):\n    return f(log, metric)",
        "f = type(lesson11).__getattribute__(lesson11, 'rank' + 'ed')\n"
        "def rank_runs(log, metric):\n    return f(log, metric)",
    ],
)
def test_a_name_built_at_run_time_is_code_the_grader_cannot_follow(answer):
    setup = "from wbcourse.lessonlib import lesson11"
    (reason,) = library_uses([answer], setup, *RANKING).values()
    assert "cannot follow" in reason
