"""The mistakes corpus: realistic answers to every exercise, wrong and right.

Each ``lessonNN.py`` module lists :class:`Answer` objects. A wrong answer names
the message its feedback must contain; a right answer (written differently from
the reference) must get full marks.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    """One answer to exercise ``exercise`` (e.g. ``"01.1"``), replacing its answer cell.

    ``message`` is text the feedback must contain; ``None`` marks a right answer.
    """

    exercise: str
    description: str
    code: str
    message: str | None = None

    @property
    def correct(self) -> bool:
        return self.message is None
