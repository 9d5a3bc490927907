"""Writes about learning: enrolment, progress, attempts, sessions and completion.

CONTRACT (filled in by the learning-journey work):
- lesson_open(*, user, lesson) -> None: marks the lesson started for an enrolled learner.
"""


def lesson_open(*, user, lesson) -> None:
    return None
