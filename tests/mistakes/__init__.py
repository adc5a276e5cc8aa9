"""The mistakes corpus: realistic answers to every exercise, wrong and right.

Each ``lessonNN.py`` module lists :class:`Answer` objects. A right answer (written
differently from the reference) must get full marks and name no mistake. A wrong
answer must lose points; when ``named`` is given, the feedback must name exactly
that mistake (its id, e.g. ``"01.1/no-bias"``), or those two where an answer makes
two mistakes at once; otherwise it must name none, and its report must contain
``message``.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    """One answer to exercise ``exercise`` (e.g. ``"01.1"``), replacing its answer cell."""

    exercise: str
    description: str
    code: str
    named: str | tuple[str, ...] | None = None
    message: str | None = None

    @property
    def correct(self) -> bool:
        return self.named is None and self.message is None

    @property
    def names(self) -> set[str]:
        """The mistake ids the feedback must name: one, or two made at once, or none."""
        if self.named is None:
            return set()
        return {self.named} if isinstance(self.named, str) else set(self.named)
