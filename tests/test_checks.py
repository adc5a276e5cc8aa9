"""The grading helpers: what a test cell prints and scores for right, wrong and broken answers.

Graders here use a small exercise of their own, through an oracle built for the
test, so that every rule (the evidence needed to name a mistake above all) is
exercised on inputs chosen to test it; the course's own exercises are the
mistakes corpus's business (``tests/test_mistakes.py``).
"""

import re
import sys
import warnings

import numpy as np
import pytest

from wbcourse.checks import (
    CheckFailed,
    Grader,
    Mistake,
    ask,
    call_checked,
    call_quietly,
    check_answer,
    collecting,
    compare,
    gradient_errors,
    refusing,
    require,
    resemblance,
    unanswered,
)
from wbcourse.layers import dense_backward, dense_forward
from wbcourse.mistakes import (
    ELEMENTWISE,
    EXAMPLE_ONLY,
    LIBRARY,
    MISSING_KEY,
    NONE_USED,
    ONE_NUMBER,
    ONE_OF_SEVERAL,
    OTHER_KEYS,
    PERCENT,
    REORDERED,
    ROUNDED,
    SIGN,
    SUMMED_OVER_COLUMNS,
    TRANSPOSED,
    UNDEFINED,
    UNPACK,
    VALUES_WITHOUT_KEYS,
    WORD,
)
from wbcourse.oracle import Answer, ExerciseInfo, Oracle, Raised, use_oracle

NO_BIAS = Mistake("99.1/no-bias", "forgot the bias", "add b once, after the sum.")
DOUBLED = Mistake("99.1/doubled", "doubled the sum", "the weighted sum is counted once.")


def reference(x, w, b):
    return float(x @ w + b)


FINGERPRINTS = {
    NO_BIAS.id: lambda x, w, b: float(x @ w),
    DOUBLED.id: lambda x, w, b: float(2 * (x @ w) + b),
}


class SmallOracle(Oracle):
    """Exercise 99.1: the weighted sum, with two fingerprinted mistakes."""

    def info(self, exercise_id):
        return ExerciseInfo(
            "99.1", "weighted_sum", 2.0, library=("numpy.dot",), mistakes=(NO_BIAS, DOUBLED)
        )

    def answer(self, question):
        if question.name == "reference":
            args = question.args
            mistakes = tuple((key, wrong(*args)) for key, wrong in FINGERPRINTS.items())
            return Answer(reference(*args), mistakes)
        return {"double": 2 * question.args[0]}[question.name]


@pytest.fixture(autouse=True)
def small_oracle():
    with use_oracle(SmallOracle()):
        yield


X = np.array([1.0, 2.0])
W = np.array([0.5, -1.0])
CASES = [(X, W, 0.25), (np.array([3.0]), np.array([2.0]), -1.0), (np.ones(3), np.ones(3), 2.0)]


def graded(answer, cases=CASES, hidden=False):
    grader = Grader("99.1")
    for args in cases:
        grader.expect(answer, *args, hidden=hidden)
    return grader


def test_right_answer_earns_every_point_as_a_plain_float(capsys):
    score = graded(reference).score()
    assert type(score) is float and score == 2.0
    assert "3 of 3 cases passed" in capsys.readouterr().out


def test_partial_credit_is_proportional_to_passed_cases():
    half = graded(lambda x, w, b: reference(x, w, b) if b > 0 else 0.0, cases=CASES[:2])
    assert half.earned == 1.0


def test_a_mistake_that_explains_every_failure_twice_is_named_with_its_hint():
    grader = graded(FINGERPRINTS[NO_BIAS.id])
    report = grader.report()
    assert report.count("forgot the bias: add b once") == 3
    assert grader.records()["diagnosis"] == {"mistake": NO_BIAS.id, "support": 3}
    assert {case["mistake"] for case in grader.records()["cases"]} == {NO_BIAS.id}


def test_one_distinguishing_case_is_not_enough_evidence():
    grader = graded(FINGERPRINTS[NO_BIAS.id], cases=CASES[:1])
    assert "forgot the bias" not in grader.report()
    assert "is the wrong value" in grader.report() and grader.records()["diagnosis"] is None


def test_a_case_where_the_mistake_equals_the_right_answer_is_no_evidence():
    zero_bias = [(X, W, 0.0), (np.ones(2), np.ones(2), 0.0), (X, W, 1.0)]
    grader = graded(lambda x, w, b: float(x @ w) + (0.5 if b else 0.0), cases=zero_bias)
    assert grader.diagnosis() is None, "the b = 0 cases agree with the mistake: no evidence"


def test_a_coincidence_on_some_cases_names_nothing():
    # Right when b < 0 and "no bias" when b > 0: the mistake does not explain every case.
    grader = graded(lambda x, w, b: reference(x, w, b) if b < 0 else float(x @ w))
    assert grader.diagnosis() is None
    assert "forgot the bias" not in grader.report()


def test_a_failure_no_mistake_explains_blocks_every_name():
    grader = graded(lambda x, w, b: float(x @ w) if b < 1 else 42.0)
    assert grader.diagnosis() is None


def test_a_resemblance_that_explains_every_failure_is_named():
    grader = graded(lambda x, w, b: -reference(x, w, b))
    assert {case["mistake"] for case in grader.records()["cases"]} == {SIGN.id}
    assert "the right size with the opposite sign" in grader.report()


def test_a_resemblance_on_some_failing_cases_names_nothing():
    # Minus the right answer when b > 1, another wrong number otherwise.
    grader = graded(lambda x, w, b: -reference(x, w, b) if b > 1 else 42.0)
    assert {case["mistake"] for case in grader.records()["cases"]} == {None}


def test_the_exercises_own_mistake_wins_over_a_resemblance():
    # With b = -2 x @ w, "forgot the bias" gives exactly minus the right answer.
    mirrored = [(X, W, 3.0), (np.ones(2), np.ones(2), -4.0), (np.ones(3), np.ones(3), -6.0)]
    grader = graded(FINGERPRINTS[NO_BIAS.id], cases=mirrored)
    assert {case["mistake"] for case in grader.records()["cases"]} == {NO_BIAS.id}


def with_example(answer, others):
    grader = Grader("99.1")
    grader.expect(answer, X, W, 0.25, name="the example above")
    for args in others:
        grader.expect(answer, *args)
    return grader


SAME_SIZES = (np.array([3.0, -1.0]), np.array([1.0, 1.0]), 2.0)


def the_examples_sum(x, w, b):
    return -1.25  # the weighted sum of the example, whatever comes in


def first_two_inputs(x, w, b):
    return float(x[0] * w[0] + x[1] * w[1] + b)  # two inputs, as in the example


@pytest.mark.parametrize(
    ("answer", "others", "named"),
    [
        (the_examples_sum, CASES[1:], True),
        (the_examples_sum, [SAME_SIZES, CASES[2]], True),  # a value of the example's
        (first_two_inputs, [SAME_SIZES, *CASES[1:]], True),  # right on inputs of its sizes
        (first_two_inputs, [(np.ones(3), np.ones(3), 1.0), (np.ones(2) * 2, W, 0.0)], False),
        (the_examples_sum, CASES[2:], False),  # one other case failing is not enough
        (reference, CASES[1:], False),
    ],
)
def test_an_answer_right_on_the_example_only_is_named_so(answer, others, named):
    grader = with_example(answer, others)
    names = {case["mistake"] for case in grader.records()["cases"] if not case["passed"]}
    assert names == ({EXAMPLE_ONLY.id} if named else {None} if grader.earned < 2 else set())


FIRST_TWO = Mistake("99.1/first-two", "used the first two inputs only", "sum every input.")


class RaisingOracle(SmallOracle):
    """Exercise 99.1 with one known mistake that raises on inputs of one entry."""

    def info(self, exercise_id):
        return ExerciseInfo("99.1", "weighted_sum", 2.0, mistakes=(FIRST_TWO,))

    def answer(self, question):
        try:
            wrong = first_two_inputs(*question.args)
        except IndexError as error:
            wrong = Raised.by(error)
        return Answer(reference(*question.args), ((FIRST_TWO.id, wrong),))


def index_five(x, w, b):
    return float(x[5] * w[0] + b)


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        (first_two_inputs, True),  # raises as the mistake does where it raises
        (lambda x, w, b: first_two_inputs(x, w, b) if len(x) > 1 else 0.0, False),
        (lambda x, w, b: first_two_inputs(x, w, b) if len(x) > 1 else index_five(x, w, b), False),
    ],
)
def test_a_mistake_that_raises_is_named_where_the_answer_raises_alike(answer, named):
    with use_oracle(RaisingOracle()):
        grader = graded(answer)
    failing = {case["mistake"] for case in grader.records()["cases"] if not case["passed"]}
    assert failing == ({FIRST_TWO.id} if named else {None})


def warns_when_b_is_negative(value):
    def answer(x, w, b):
        if b < 0:
            warnings.warn("overflow encountered in exp", RuntimeWarning, stacklevel=1)
        return value(x, w, b)

    return answer


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        (warns_when_b_is_negative(FINGERPRINTS[NO_BIAS.id]), True),  # answered as the mistake
        (warns_when_b_is_negative(lambda x, w, b: float(x @ w) if b > 0 else 0.0), False),
        (warns_when_b_is_negative(reference), False),  # right, but warned: no mistake shows
    ],
)
def test_what_an_answer_returned_while_warning_is_evidence(answer, named):
    grader = graded(answer)
    failing = {case["mistake"] for case in grader.records()["cases"] if not case["passed"]}
    assert failing == ({NO_BIAS.id} if named else {None})


@pytest.mark.parametrize(
    ("got", "expected", "mistake"),
    [
        (
            np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]).T,
            np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),
            TRANSPOSED,
        ),
        ({"W1": 27.0, "W2": 1.0}, {"W1": 0.27, "W2": 0.01}, PERCENT),
        (0.119, 0.11920292202211755, ROUNDED),
        ((np.ones(2), np.zeros(3)), (np.zeros(3), np.ones(2)), REORDERED),
        ("Overfitting ", "overfitting", WORD),
        (0.5, 0.25, None),
        ([np.zeros(3), np.ones(2)], [np.ones(2), np.zeros(3)], None),  # a list: its own order
        ("fit", "overfitting", None),
        ((1.5, {"W1": np.ones(2)}), 1.5, UNPACK),  # kept (loss, grads) as the loss
        ((1.4, {"W1": np.ones(2)}), 1.5, None),
        (np.ones(3), (np.ones(3), np.zeros(2)), ONE_OF_SEVERAL),
        (np.ones(3), (np.zeros(3), np.zeros(2)), None),
        ({1: 0.5, 2: 0.1}, {"W1": 0.5, "W2": 0.1}, OTHER_KEYS),
        ([0.5, np.ones(2)], {"W1": 0.5, "W2": np.ones(2)}, VALUES_WITHOUT_KEYS),
        ([np.ones(2), 0.5], {"W1": 0.5, "W2": np.ones(2)}, None),  # not in the dict's order
    ],
)
def test_resemblance_takes_only_exact_relations(got, expected, mistake):
    assert resemblance(got, expected) is mistake


def test_a_product_written_with_a_star_is_named_but_a_broadcast_bias_is_not():
    X_wide, W_wide = np.ones((3, 2)), np.ones((2, 4))
    product, column = Grader("99.1"), Grader("99.1")
    for _ in range(2):
        product.case(lambda: call_checked(lambda X, W: X * W, X_wide, W_wide))
        column.case(lambda: call_checked(lambda X, W: X @ W + np.ones((4, 1)), X_wide, W_wide))
    assert {case["mistake"] for case in product.records()["cases"]} == {ELEMENTWISE.id}
    assert {case["mistake"] for case in column.records()["cases"]} == {None}


def _raise(error):
    raise error


@pytest.mark.parametrize(
    ("error", "mistake"),
    [
        (NameError("name 'totl' is not defined"), UNDEFINED),
        (TypeError("only length-1 arrays can be converted to Python scalars"), ONE_NUMBER),
        (TypeError("must be real number, not numpy.ndarray"), ONE_NUMBER),
        (TypeError("'NoneType' object is not subscriptable"), NONE_USED),
        (AttributeError("'NoneType' object has no attribute 'shape'"), NONE_USED),
        (KeyError("train_accuracy"), MISSING_KEY),
        (TypeError("unsupported operand type(s) for +: 'int' and 'str'"), None),
        (ValueError("math domain error"), None),
    ],
)
def test_an_exception_names_the_mistake_its_message_shows(error, mistake):
    grader = Grader("99.1")
    for _ in range(2):
        grader.case(lambda: call_checked(lambda x: _raise(error), np.ones(2)))
    names = {case["mistake"] for case in grader.records()["cases"]}
    assert names == {mistake.id if mistake else None}


@pytest.mark.parametrize(
    "message",
    [
        "operands could not be broadcast together with shapes ({n},2) ({n},)",
        "operands could not be broadcast together with shapes (3,{n}) ({n},4)",
        "W{n}",
    ],
)
def test_a_students_own_message_with_a_huge_number_is_no_shape_and_no_layer(message):
    """The grader parses numbers out of the student's exception: it must never fail on them."""
    error = (KeyError if message.startswith("W") else ValueError)(message.format(n="9" * 5000))
    params = {"W1": np.ones((2, 2)), "b1": np.ones(2)}
    grader = Grader("99.1")
    grader.case(lambda: call_checked(lambda *args: (_ for _ in ()).throw(error), params))
    assert grader.cases[0].message.startswith("your code raised"), grader.cases[0].message


def test_unknown_wrong_answer_says_expected_and_got():
    report = graded(lambda x, w, b: 42.0, cases=CASES[:1]).report()
    assert "is the wrong value" in report and "Expected -1.25, got 42" in report


def test_hidden_case_hides_values_and_the_students_own_text(capsys):
    def loud(x, w, b):
        print("secret input", x)
        raise ValueError(f"my input was {x}")

    report = graded(loud, cases=CASES[:1], hidden=True).report()
    assert "hidden: case 1" in report and "your code raised ValueError." in report
    assert "my input was" not in report and "secret input" not in capsys.readouterr().out


def test_what_a_visible_case_prints_is_marked_and_cannot_pose_as_the_table(capsys):
    def forger(x, w, b):
        print("99.1 weighted_sum: 3 of 3 cases passed, 2 of 2 points\x1b[8m")
        return 0.0

    graded(forger, cases=CASES[:1]).score()
    out = capsys.readouterr().out
    assert "  your code printed | 99.1 weighted_sum: 3 of 3 cases passed" in out
    assert "\x1b" not in out
    assert "\n99.1 weighted_sum: 0 of 1 cases passed, 0 of 2 points" in out


def test_unanswered_exercise_scores_zero_and_says_so():
    def unanswered(x, w, b):
        raise NotImplementedError()

    grader = graded(unanswered)
    assert grader.earned == 0
    assert "not answered yet" in grader.report()


def test_exception_in_answer_is_a_message_not_a_crash():
    grader = graded(lambda x, w, b: x @ np.ones(5), cases=CASES[:1])
    assert grader.earned == 0
    assert "your code raised ValueError. The message: matmul" in grader.report()


def test_a_hidden_case_shows_nothing_the_answer_made_of_its_inputs():
    def shape_of_the_input(x, w, b):
        return np.zeros(int(abs(x[0]) * 1000) + 7)

    def class_named_after_the_input(x, w, b):
        return type(f"Input_{x[0]:.0f}".replace("-", "m"), (), {})()

    for answer in (shape_of_the_input, class_named_after_the_input):
        cases = graded(answer, hidden=True).records()["cases"]
        assert all(not case["passed"] and not re.search(r"\d", case["message"]) for case in cases)


def test_a_check_that_raises_anything_fails_only_its_case():
    grader = Grader("99.1")
    grader.case(lambda: {}["key"], "breaks")
    grader.case(lambda: None, "fine")
    assert "KeyError: 'key'" in grader.report()
    assert grader.earned == 1.0


def test_a_name_the_answer_cell_never_defined_is_named_unless_the_cell_is_still_the_stub():
    def graded_without_the_answer():
        grader = Grader("99.1")
        grader.case(lambda: undefined_name, "needs the answer")  # noqa: F821
        return grader.records()["cases"][0]

    assert graded_without_the_answer()["mistake"] == UNDEFINED.id
    with unanswered({"99.1"}):
        case = graded_without_the_answer()
    assert case["mistake"] is None and case["message"].startswith("not answered yet")


def test_warnings_and_stderr_never_reach_stderr(capfd):
    def noisy(x, w, b):
        print("oops", file=sys.stderr)
        return float(np.exp(1e4) * 0 + x @ w + b)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graded(noisy, cases=CASES[:1]).score()
    captured = capfd.readouterr()
    assert captured.err == ""
    assert "your code warned (RuntimeWarning)" in captured.out


def test_stderr_writes_fail_the_case():
    def chatty(x, w, b):
        print("debug", file=sys.stderr)
        return reference(x, w, b)

    assert "wrote to stderr" in graded(chatty, cases=CASES[:1]).report()


def test_mutating_an_input_fails_with_its_own_mistake():
    def mutating(x, w, b):
        x *= w
        return float(x.sum() + b)

    grader = graded(mutating, cases=CASES[:1])
    assert "changed its input arrays in place" in grader.report()
    assert grader.records()["cases"][0]["mistake"] == "course/mutated"


def test_a_dict_of_parameters_changed_in_place_is_caught():
    def in_place(params):
        for value in params.values():
            value -= 1
        return params

    result, mutated = call_checked(in_place, {"W1": np.ones(2)})
    assert mutated and np.array_equal(result["W1"], np.zeros(2))


def test_the_courses_own_implementation_is_refused():
    assert "wbcourse's own implementation" in graded(np.dot, cases=CASES[:1]).report()


def test_a_refused_exercise_fails_every_case_with_the_reason():
    with refusing({"99.1": "uses wbcourse's own wbcourse.layers.dense_forward"}):
        grader = graded(reference)
    assert grader.earned == 0
    assert grader.records()["cases"][0]["mistake"] == LIBRARY.id
    assert "dense_forward" in grader.report()


def test_checks_ask_the_oracle_and_compare_with_evidence():
    def check(value, got):
        answer = Answer(ask("double", value), ((DOUBLED.id, 4 * value),))
        check_answer(got, answer)

    grader = Grader("99.1")
    grader.case(lambda: check(1.0, 4.0), "one")
    grader.case(lambda: check(3.0, 12.0), "three")
    assert grader.diagnosis().mistake == DOUBLED


def test_graders_are_collected_with_their_records():
    with collecting() as graders:
        graded(reference, cases=CASES[:1])
    assert [g.records()["earned"] for g in graders] == [2.0]


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
        ([2.0], 2.0, "must be a number, got list"),
    ],
)
def test_compare_explains_each_kind_of_difference(got, expected, message):
    with pytest.raises(CheckFailed, match=message):
        compare(got, expected)


def test_numbers_of_every_kind_are_numbers():
    for number in (2, 2.0, np.float32(2.0), np.int64(2), np.array(2.0)):
        compare(number, 2.0)


def test_compare_looks_into_dicts_of_arrays():
    compare({"W1": np.ones(2), "b1": np.zeros(1)}, {"W1": np.ones(2), "b1": np.zeros(1)})
    with pytest.raises(
        CheckFailed, match=r"must be a dict with the keys \['W1', 'b1'\], got the keys \['W1'\]"
    ):
        compare({"W1": np.ones(2)}, {"W1": np.ones(2), "b1": np.zeros(1)})
    with pytest.raises(CheckFailed, match=r"your output\['b1'\] has shape \(2,\), expected \(1,\)"):
        compare({"W1": np.ones(2), "b1": np.zeros(2)}, {"W1": np.ones(2), "b1": np.zeros(1)})


def test_require_passes_summary_detail_and_mistake():
    with pytest.raises(CheckFailed) as failure:
        require(False, "short", "with values")
    assert failure.value.summary == "short" and str(failure.value) == "short with values"
    with pytest.raises(CheckFailed) as failure:
        require(False, NO_BIAS, "details")
    assert failure.value.mistake is NO_BIAS and failure.value.summary == NO_BIAS.message


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


def _db_per_example(dZ, cache):
    dX, dW, _ = dense_backward(dZ, cache)
    return dX, dW, dZ.sum(axis=1)


def test_a_bias_gradient_summed_over_its_columns_is_named_by_its_shape():
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(4, 3)), "W": rng.normal(size=(3, 2)), "b": np.zeros(2)}
    with pytest.raises(CheckFailed) as failure:
        gradient_errors(_dense, _db_per_example, inputs, rng)
    assert failure.value.mistake is SUMMED_OVER_COLUMNS


def test_where_rows_and_columns_agree_the_sum_over_columns_is_only_a_wrong_gradient():
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(2, 3)), "W": rng.normal(size=(3, 2)), "b": np.zeros(2)}
    errors = gradient_errors(_dense, _db_per_example, inputs, rng)
    assert errors["b"] > 1e-3 and errors["W"] < 1e-7


def _remembering_forward():
    """A right forward pass that answers nudged inputs with its first output."""
    first = []

    def forward(X, W, b):
        seen = zip(first[0], (X, W, b), strict=True) if first else ()
        if first and all(np.allclose(old, new, atol=1e-4) for old, new in seen):
            return first[1]
        first[:] = [(X, W, b), dense_forward(X, W, b)]
        return first[1]

    return forward


@pytest.mark.parametrize(
    "forward",
    [lambda X, W, b: (np.zeros((len(X), W.shape[1])), (X, W, b)), _remembering_forward()],
    ids=["constant", "remembering"],
)
def test_a_forward_that_ignores_its_inputs_fails_the_gradient_check(forward):
    rng = np.random.default_rng(2)
    inputs = {"X": rng.normal(size=(4, 3)), "W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}

    def zeros(dZ, cache):
        return tuple(np.zeros_like(value) for value in cache)

    with pytest.raises(CheckFailed, match="does not change when its inputs change"):
        gradient_errors(forward, zeros, inputs, rng)


def test_gradient_errors_sample_the_entries_of_a_large_input():
    rng = np.random.default_rng(1)
    inputs = {"X": rng.normal(size=(20, 30)), "W": rng.normal(size=(30, 8)), "b": np.zeros(8)}
    calls = []

    def counted(X, W, b):
        calls.append(1)
        return dense_forward(X, W, b)

    errors = gradient_errors(counted, dense_backward, inputs, rng, max_entries=50)
    assert max(errors.values()) < 1e-7
    assert len(calls) == 1 + 2 * (50 + 50 + 8)


def test_gradient_case_names_the_wrong_gradient():
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(4, 3)), "W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}
    grader = Grader("99.1")
    grader.expect_gradients(_dense, _dense_backward_no_db, inputs, rng=rng)
    report = grader.report()
    assert "gradient check failed for db" in report
    assert "dX:" in report and "dW:" in report


def test_gradient_case_reports_a_wrong_number_of_gradients():
    rng = np.random.default_rng(0)
    inputs = {"X": rng.normal(size=(2, 2)), "W": rng.normal(size=(2, 2)), "b": np.zeros(2)}
    grader = Grader("99.1")
    grader.expect_gradients(
        _dense, lambda dZ, cache: dense_backward(dZ, cache)[:2], inputs, rng=rng
    )
    assert "backward returned 2 gradients, expected 3" in grader.report()


def test_a_case_that_only_changed_its_inputs_does_not_hide_the_mistake_of_the_others():
    def no_bias_changing_x_when_b_is_zero(x, w, b):
        result = float(x @ w)
        if b == 0.0:  # here the mistake gives the right answer, but x is changed
            x[0] = 99.0
        return result

    grader = graded(no_bias_changing_x_when_b_is_zero, cases=[*CASES[:2], (X, W, 0.0)])
    assert grader.diagnosis().mistake == NO_BIAS
    mistakes = [case["mistake"] for case in grader.records()["cases"]]
    assert mistakes == [NO_BIAS.id, NO_BIAS.id, "course/mutated"]


def _forging_batchnorm(offset=0.0):
    """A red team's pair: a forward pass (right, or off by ``offset``) that, once backward
    has run, answers nudged inputs so that central differences equal the all-ones
    gradients backward returns."""
    from wbcourse.lessonlib.lesson12 import course_batchnorm_forward

    state = {}

    def forward(X, gamma, beta, running, training=True):
        out, cache = course_batchnorm_forward(X, gamma, beta, running, training)
        if "pending" in state:
            (base, base_out, dout) = state["pending"]
            nudges = [
                np.asarray(new, dtype=float) - old
                for new, old in zip((X, gamma, beta), base, strict=True)
            ]
            moved = sum(int(np.count_nonzero(d)) for d in nudges)
            if moved == 1 and max(float(np.abs(d).max()) for d in nudges) < 1e-3:
                slope = sum(float(np.sum(d)) for d in nudges) / float(np.sum(dout * dout))
                return base_out + dout * slope, cache
        state["base"] = ([np.array(a, dtype=float) for a in (X, gamma, beta)], out + offset)
        return out + offset, cache

    def backward(dout, cache):
        base, base_out = state["base"]
        state["pending"] = (base, base_out, np.array(dout, dtype=float))
        return tuple(np.ones_like(a) for a in base)

    return forward, backward


@pytest.mark.parametrize("offset", [0.0, 1e-3])  # a red team's: off at the checked point
def test_a_forward_pass_that_fakes_its_slopes_cannot_pass_a_gradient_check(offset):
    from wbcourse.lessonlib.lesson12 import check_batchnorm_backward

    rng = np.random.default_rng(0)
    X, gamma, beta = rng.normal(size=(5, 3)), rng.normal(size=3), rng.normal(size=3)
    forward, backward = _forging_batchnorm(offset)
    grader = Grader("12.4")
    grader.case(lambda: check_batchnorm_backward(forward, backward, X, gamma, beta, rng))
    assert not grader.cases[0].passed, grader.report()
