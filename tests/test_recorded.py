"""The answers recorded for the students' visible checks: in sync, and telling enough.

``wbcourse/recorded/<lesson>.json`` is what a student's check cells compare with
(see :mod:`wbcourse.grading.record`). It must be exactly what recording the
current release gives, and the visible cases must be good evidence: every
mistake an exercise recognises by its answer is told apart from the right answer
by at least two visible cases, so that a student can see it named in the lab
before the grader sees it (a mistake is only named on two such cases).
"""

from collections import Counter

import nbformat
import numpy as np
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


def differences(stored, fresh, where="") -> list[str]:
    """Where two recordings differ: in structure, in text, or in a number by more than
    numpy's last bits (another numpy version may round ``exp`` differently, or give a
    numpy float where a Python float was)."""
    if isinstance(stored, dict) and isinstance(fresh, dict):
        if stored.keys() != fresh.keys():
            return [f"{where}: keys {sorted(map(str, stored))} != {sorted(map(str, fresh))}"]
        return [d for key in stored for d in differences(stored[key], fresh[key], f"{where}/{key}")]
    if isinstance(stored, list | tuple) and isinstance(fresh, list | tuple):
        if type(stored) is not type(fresh) or len(stored) != len(fresh):
            return [f"{where}: {stored!r:.80} != {fresh!r:.80}"]
        pairs = zip(stored, fresh, strict=True)
        return [d for i, (a, b) in enumerate(pairs) for d in differences(a, b, f"{where}[{i}]")]
    numeric = (float, int, np.number, np.ndarray)
    if isinstance(stored, numeric) and isinstance(fresh, numeric) and not isinstance(stored, bool):
        a, b = np.asarray(stored), np.asarray(fresh)
        if not all(np.issubdtype(x.dtype, np.number) for x in (a, b)):
            return [] if np.array_equal(a, b) else [f"{where}: {stored!r:.80} != {fresh!r:.80}"]
        if a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=0, equal_nan=True):
            return []
        return [f"{where}: {stored!r:.80} != {fresh!r:.80}"]
    return [] if type(stored) is type(fresh) and stored == fresh else [f"{where}: {stored!r:.80}"]


def test_recorded_answers_are_those_of_the_current_release(records):
    lesson, recorded = records
    stored = wire.loads((RECORDED / f"{lesson}.json").read_text())
    assert differences(stored, recorded) == [], (
        f"wbcourse/recorded/{lesson}.json is stale: run ./wb release {lesson}"
    )


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
