"""Print the catalogue of exercises and the mistakes each one names."""

from wbcourse.exercises import catalogue

print(catalogue(), end="")
