"""Tests of the tests: every corpus answer is graded as stated, and no mistake is named wrongly.

The corpus (``tests/mistakes/``) holds realistic answers to every exercise. Each
is graded in-process as the trusted grader grades it (see
``tests/notebook_cells.py``), and its feedback must:

- accept every right answer (full marks, no mistake named);
- reject every wrong answer (fewer points);
- name exactly the stated mistakes, or none when none is stated (a wrong name is
  worse than none);

and over the whole corpus, at least 85% of the wrong answers must be named with
their cause.
"""

import importlib
import pkgutil
from collections import Counter
from functools import cache

import pytest

from tests import mistakes
from tests.notebook_cells import grade_answer
from wbcourse.exercises import all_exercises
from wbcourse.grading.report import named_mistakes
from wbcourse.mistakes import COURSE_WIDE

CORPUS = [
    answer
    for module in pkgutil.iter_modules(mistakes.__path__)
    for answer in importlib.import_module(f"tests.mistakes.{module.name}").ANSWERS
]
KNOWN = {m.id for m in COURSE_WIDE} | {m.id for item in all_exercises() for m in item.mistakes}


@cache
def graded(answer):
    outcome = grade_answer(answer.exercise, answer.code)
    record = next(r for r in outcome.records if r["exercise"] == answer.exercise)
    return outcome, record


@pytest.mark.parametrize(
    "answer", CORPUS, ids=[f"{answer.exercise}-{answer.description}" for answer in CORPUS]
)
def test_corpus_answer_is_graded_as_stated(answer):
    outcome, record = graded(answer)
    named = set(named_mistakes(record))
    assert isinstance(outcome.score, float), outcome.report
    if answer.correct:
        assert outcome.score == outcome.points, outcome.report
        assert named == set(), outcome.report
        return
    assert outcome.score < outcome.points, outcome.report
    assert named == answer.names, outcome.report
    assert answer.message is None or answer.message in outcome.report, outcome.report
    if record["diagnosis"]:
        assert record["diagnosis"]["support"] >= 2, outcome.report


def test_every_stated_mistake_exists():
    unknown = sorted(set().union(*(a.names for a in CORPUS)) - KNOWN)
    assert unknown == [], "corpus answers name mistakes no exercise defines"


def test_most_wrong_answers_are_named_with_their_cause():
    wrong = [answer for answer in CORPUS if not answer.correct]
    named = [answer for answer in wrong if answer.named]
    assert len(named) >= 0.85 * len(wrong), f"{len(named)} of {len(wrong)} wrong answers named"


@pytest.mark.parametrize("item", all_exercises(), ids=lambda item: item.id)
def test_every_exercise_has_two_wrong_answers_and_one_unusual_right_one(item):
    kinds = Counter(answer.correct for answer in CORPUS if answer.exercise == item.id)
    assert kinds[False] >= 2, f"{item.id} needs at least two wrong answers in tests/mistakes"
    assert kinds[True] >= 1, f"{item.id} needs a different but correct answer in tests/mistakes"


@pytest.mark.parametrize("item", all_exercises(), ids=lambda item: item.id)
def test_every_mistake_has_an_answer_in_the_corpus(item):
    stated = set().union(*(answer.names for answer in CORPUS if answer.exercise == item.id))
    assert [m.id for m in item.mistakes if m.id not in stated] == []
