"""The answers recorded for the students' visible checks: in sync, and telling enough.

``wbcourse/recorded/<lesson>.json`` is what a student's check cells compare with
(see :mod:`wbcourse.grading.record`). It must be exactly what recording the
current release gives, and the visible cases must be good evidence: every
mistake an exercise recognises by its answer is told apart from the right answer
by at least two visible cases, so that a student can see it named in the lab
before the grader sees it (a mistake is only named on two such cases).
"""

import json
from collections import Counter

import nbformat
import pytest

from wbcourse.checks import matches
from wbcourse.exercises import get_exercise
from wbcourse.grading import wire
from wbcourse.grading.record import record_lesson
from wbcourse.oracle import RECORDED, from_record
from wbcourse.release import ROOT, lessons

LESSONS = lessons()


def fresh(lesson):
    source = nbformat.read(ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    release = nbformat.read(ROOT / "course" / lesson / f"{lesson}.ipynb", as_version=4)
    return record_lesson(source, release)


@pytest.fixture(scope="module", params=LESSONS)
def records(request):
    return request.param, fresh(request.param)


def test_recorded_answers_are_those_of_the_current_release(records):
    lesson, recorded = records
    stored = wire.loads((RECORDED / f"{lesson}.json").read_text())
    assert json.dumps(wire.encode(stored), sort_keys=True) == json.dumps(
        wire.encode(recorded), sort_keys=True
    ), f"wbcourse/recorded/{lesson}.json is stale: run ./wb release {lesson}"


def test_every_compared_mistake_is_told_apart_by_two_visible_cases(records):
    """Fingerprints, and mistakes a check compares answers with, all need two visible cases."""
    _, recorded = records
    weak = []
    for exercise, data in recorded.items():
        told_apart, known = Counter(), get_exercise(exercise)
        compared = {f.mistake.id for f in known.fingerprints}
        for questions in data["cases"].values():
            for question in questions:
                answer = from_record(question["answer"])
                for mistake_id, wrong in getattr(answer, "mistakes", ()):
                    compared.add(mistake_id)
                    same = matches(wrong, answer.expected, known.rtol, known.atol)
                    told_apart[mistake_id] += not same
        weak += [f"{exercise} {m}: {told_apart[m]}" for m in sorted(compared) if told_apart[m] < 2]
    assert weak == [], "mistakes told apart by fewer than two visible cases"
