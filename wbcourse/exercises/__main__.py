"""Print the catalogue of exercises and the mistakes each one names (docs/mistakes.md)."""

from wbcourse.exercises import catalogue

print(catalogue(), end="")
