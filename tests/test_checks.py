"""The grading helpers: what a test cell prints and scores for right, wrong and broken answers."""

import sys
import warnings

import numpy as np
import pytest

from wbcourse.checks import CheckFailed, Grader, call_quietly, compare, gradient_errors, require
from wbcourse.exercises import catalogue, get_exercise
from wbcourse.exercises.lesson01 import _weighted_sum
from wbcourse.layers import dense_backward, dense_forward

X = np.array([1.0, 2.0])
W = np.array([0.5, -1.0])


def weighted_sum(x, w, b):
    return float(x @ w + b)


def graded(*answers, hidden=False):
    grader = Grader("01.1")
    for answer in answers:
        grader.expect(answer, X, W, 0.25, hidden=hidden)
    return grader


def test_right_answer_earns_every_point_as_a_plain_float(capsys):
    score = graded(weighted_sum, weighted_sum).score()
    assert type(score) is float
    assert score == get_exercise("01.1").points
    assert "2 of 2 cases passed" in capsys.readouterr().out


def test_partial_credit_is_proportional_to_passed_cases():
    grader = graded(weighted_sum, lambda x, w, b: float(x @ w))
    assert grader.earned == get_exercise("01.1").points / 2


def test_known_mistake_is_named_with_its_hint():
    report = graded(lambda x, w, b: float(x @ w)).report()
    assert "FAIL" in report
    assert "forgot the bias" in report
    assert "adds its bias b once" in report


def test_unknown_wrong_answer_says_expected_and_got():
    report = graded(lambda x, w, b: 42.0).report()
    assert "wrong values" in report and "expected -1.25, got 42" in report


def test_hidden_case_hides_values_but_keeps_the_reason():
    report = graded(lambda x, w, b: 42.0, hidden=True).report()
    assert "hidden: case 1" in report
    assert "wrong values" in report
    assert "-1.25" not in report and "42" not in report


def test_unanswered_exercise_scores_zero_and_says_so():
    def unanswered(x, w, b):
        raise NotImplementedError()

    grader = graded(unanswered)
    assert grader.earned == 0
    assert "not answered yet" in grader.report()


def test_exception_in_answer_is_a_message_not_a_crash():
    grader = graded(lambda x, w, b: x @ np.ones(3))
    assert grader.earned == 0
    assert "your code raised ValueError" in grader.report()


def test_a_check_that_raises_anything_fails_only_its_case():
    grader = Grader("01.4")
    grader.case(lambda: undefined_name, "needs the answer")  # noqa: F821
    grader.case(lambda: None, "fine")
    assert "NameError" in grader.report()
    assert grader.earned == get_exercise("01.4").points / 2


def test_warnings_and_stderr_never_reach_stderr(capfd):
    def noisy(x, w, b):
        print("oops", file=sys.stderr)
        return float(np.exp(1e4) * 0 + x @ w + b)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grader = graded(noisy)
        grader.score()
    captured = capfd.readouterr()
    assert captured.err == ""
    assert "warned: RuntimeWarning: overflow" in captured.out


def test_stderr_writes_fail_the_case():
    def chatty(x, w, b):
        print("debug", file=sys.stderr)
        return float(x @ w + b)

    assert "wrote to stderr" in graded(chatty).report()


def test_mutating_an_input_fails_with_its_own_message():
    def mutating(x, w, b):
        x *= w
        return float(x.sum() + b)

    assert "changed its input arrays in place" in graded(mutating).report()


def test_importing_the_reference_is_refused():
    assert "wbcourse's own implementation" in graded(_weighted_sum).report()


def test_score_of_a_grader_without_cases_is_zero():
    assert Grader("01.1").earned == 0.0


def test_unknown_exercise_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"no exercise '99\.9'; the course has: 01\.1"):
        Grader("99.9")


@pytest.mark.parametrize(
    ("got", "expected", "message"),
    [
        (np.ones((2, 3)), np.ones((3, 2)), r"has shape \(2, 3\), expected \(3, 2\)"),
        ("text", np.ones(2), "must be a numeric array, got str"),
        ([1.0], (np.ones(1), np.ones(1)), "must be a tuple of 2 values, got list of length 1"),
        (np.ones(2), [1.0, 1.0], "must be a list of 2 values, got array of shape"),
        (np.array([np.nan]), np.array([1.0]), "contains nan or inf"),
        (np.array([1.0, 2.5]), np.array([1.0, 2.0]), r"1 of 2 differ"),
        ("b", "a", "is not the expected value. Expected 'a', got 'b'"),
        (1, True, "is not the expected value"),
    ],
)
def test_compare_explains_each_kind_of_difference(got, expected, message):
    with pytest.raises(CheckFailed, match=message):
        compare(got, expected)


def test_compare_looks_into_dicts_of_arrays():
    compare({"W1": np.ones(2), "b1": np.zeros(1)}, {"W1": np.ones(2), "b1": np.zeros(1)})
    with pytest.raises(
        CheckFailed, match=r"must be a dict with the keys \['W1', 'b1'\], got the keys \['W1'\]"
    ):
        compare({"W1": np.ones(2)}, {"W1": np.ones(2), "b1": np.zeros(1)})
    with pytest.raises(CheckFailed, match=r"your output\['b1'\] has shape \(2,\), expected \(1,\)"):
        compare({"W1": np.ones(2), "b1": np.zeros(2)}, {"W1": np.ones(2), "b1": np.zeros(1)})


def test_a_dict_of_parameters_changed_in_place_is_caught():
    grader = Grader("01.1")
    grader.exercise = get_exercise("01.1").__class__(
        id="xx",
        title="step",
        points=1,
        reference=lambda params: {k: v - 1 for k, v in params.items()},
    )

    def in_place(params):
        for value in params.values():
            value -= 1
        return params

    grader.expect(in_place, {"W1": np.ones(2)})
    assert "changed its input arrays in place" in grader.report()


def test_compare_accepts_lists_and_close_values():
    compare([1.0, 2.0 + 1e-9], np.array([1.0, 2.0]))
    compare((np.zeros(2), 3), (np.zeros(2), 3.0))


def test_require_passes_summary_and_detail():
    with pytest.raises(CheckFailed) as failure:
        require(False, "short", "with values")
    assert failure.value.summary == "short"
    assert str(failure.value) == "short with values"


def test_call_quietly_reports_stderr_output():
    with pytest.raises(CheckFailed, match="wrote to stderr"):
        call_quietly(lambda: print("x", file=sys.stderr))


def _dense(X, W, b):
    return dense_forward(X, W, b)


def _dense_backward_no_db(dZ, cache):
    dX, dW, _ = dense_backward(dZ, cache)
    return dX, dW, np.zeros(cache[2].shape)


def test_gradient_errors_are_small_for_a_correct_backward():
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(4, 3)), "W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}
    errors = gradient_errors(_dense, dense_backward, inputs, rng)
    assert set(errors) == {"X", "W", "b"}
    assert max(errors.values()) < 1e-7


def test_gradient_case_names_the_wrong_gradient():
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(4, 3)), "W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}
    grader = Grader("01.1")
    grader.expect_gradients(_dense, _dense_backward_no_db, inputs, rng=rng)
    report = grader.report()
    assert "gradient check failed for db" in report
    assert "dX:" in report and "dW:" in report


def test_gradient_case_reports_a_wrong_number_of_gradients():
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(2, 2)), "W": rng.normal(size=(2, 2)), "b": np.zeros(2)}
    grader = Grader("01.1")
    grader.expect_gradients(
        _dense, lambda dZ, cache: dense_backward(dZ, cache)[:2], inputs, rng=rng
    )
    assert "backward returned 2 gradients, expected 3" in grader.report()


def test_catalogue_lists_every_exercise_with_its_mistakes():
    table = catalogue()
    assert "| 01.1 | `weighted_sum` | 2 | forgot the bias;" in table
