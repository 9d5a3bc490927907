"""Reads about learning that pages, views and reports share.

CONTRACT (used by the page templates; filled in by the learning-journey work):
- course_page_state(user, course) -> dict: enrolment, progress, next_page, upcoming sessions
- lesson_page_state(user, lesson) -> dict: enrolment, progress record, course progress
- toets_page_state(user, toets) -> dict: attempts, attempts_left, best attempt
"""


def course_page_state(user, course) -> dict:
    return {}


def lesson_page_state(user, lesson) -> dict:
    return {}


def toets_page_state(user, toets) -> dict:
    return {}
