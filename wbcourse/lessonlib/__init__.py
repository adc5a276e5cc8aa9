"""The public half of each lesson: helpers for its cells and checks for its test cells.

A student's install has these (``wbcourse.lessonlib.lesson01`` for ``01-neuron``);
the references and known mistakes stay in ``wbcourse.exercises``, with the instructor.
"""
