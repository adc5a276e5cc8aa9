"""The instructor's grading workflow: import submissions, autograde them in a sandbox,
export grades and a report.

Run it as ``./wb grade``, ``./wb import``, ``./wb feedback`` and ``./wb report`` (see
``docs/instructor.md``). Submissions that look like tampering are flagged for manual
review in the gradebook: the answer cell gets an automatic comment starting with
:data:`FLAG_PREFIX`, and the exercise's test grades are marked as needing a manual grade.
"""

FLAG_PREFIX = "Flagged for review: "
