"""Tests of the tests: every corpus answer is graded as stated, and every exercise has one."""

import importlib
import pkgutil
from collections import Counter

import pytest

from tests import mistakes
from tests.notebook_cells import grade_answer
from wbcourse.exercises import all_exercises

CORPUS = [
    answer
    for module in pkgutil.iter_modules(mistakes.__path__)
    for answer in importlib.import_module(f"tests.mistakes.{module.name}").ANSWERS
]


@pytest.mark.parametrize(
    "answer", CORPUS, ids=[f"{answer.exercise}-{answer.description}" for answer in CORPUS]
)
def test_corpus_answer_is_graded_as_stated(answer):
    outcome = grade_answer(answer.exercise, answer.code)
    assert isinstance(outcome.score, float), outcome.report
    if answer.correct:
        assert outcome.score == outcome.points, outcome.report
    else:
        assert outcome.score < outcome.points, outcome.report
        assert answer.message in outcome.report, outcome.report


@pytest.mark.parametrize("item", all_exercises(), ids=lambda item: item.id)
def test_every_exercise_has_two_wrong_answers_and_one_unusual_right_one(item):
    kinds = Counter(answer.correct for answer in CORPUS if answer.exercise == item.id)
    assert kinds[False] >= 2, f"{item.id} needs at least two wrong answers in tests/mistakes"
    assert kinds[True] >= 1, f"{item.id} needs a different but correct answer in tests/mistakes"
