"""Real concurrent requests on PostgreSQL: two tabs, double submits, replays, the last seat.

Each thread is its own browser tab with its own database connection; a barrier releases
them together so their transactions overlap. Every race must end with exactly the right
rows, one completion and no error page.
"""

import threading
import uuid

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from courses.models import (
    Completion,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from tests.factories import (
    EnrolmentFactory,
    LearningCourseFactory,
    SmallSessionFactory,
    UserFactory,
    answers_post,
    correct_answers,
    lessons_of,
    toetsen_of,
)

# Real commits: each thread is its own connection.
pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("committed_db")]


def _race(requests: list) -> list:
    """Run each (user, url, data) POST in its own thread at the same moment."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def tab(index, user, url, data):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            results[index] = client.post(url, data or {})
        except Exception as error:  # noqa: BLE001 - reported through the assertion below
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=tab, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for result in results:
        assert not isinstance(result, Exception), result
        assert result.status_code == 302, result.status_code  # a redirect, never an error
    return results


def test_two_tabs_finishing_the_same_last_lesson(learner):
    course = LearningCourseFactory(code="twee-tabs", lessons=2, toets=False)
    EnrolmentFactory(user=learner, course=course)
    first, last = lessons_of(course)
    Client().force_login(learner)
    from courses.services import lesson_complete

    lesson_complete(user=learner, lesson=first)
    url = reverse("courses:lesson_complete", args=[last.pk])
    _race([(learner, url, None), (learner, url, None)])
    assert LessonProgress.objects.filter(user=learner, completed_at__isnull=False).count() == 2
    assert LessonProgress.objects.filter(user=learner).count() == 2
    assert Completion.objects.filter(user=learner).count() == 1
    assert Certificate.objects.count() == 1


def test_two_tabs_finishing_the_last_two_lessons_at_once(learner):
    # Each completion reads the learner's facts in the statement that writes its own lesson,
    # after the enrolment lock: whichever tab goes second sees the other's lesson done and
    # completes the course; had it read them before the lock, neither would.
    course = LearningCourseFactory(code="laatste-twee", lessons=2, toets=False)
    EnrolmentFactory(user=learner, course=course)
    urls = [reverse("courses:lesson_complete", args=[lesson.pk]) for lesson in lessons_of(course)]
    _race([(learner, url, None) for url in urls])
    assert LessonProgress.objects.filter(user=learner, completed_at__isnull=False).count() == 2
    assert Completion.objects.filter(user=learner).count() == 1
    assert Certificate.objects.count() == 1


def test_double_submitted_toets(learner):
    course = LearningCourseFactory(code="dubbel", lessons=0, requires_all_lessons=False)
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    data = answers_post(correct_answers(toets), uuid.uuid4())
    url = reverse("courses:toets_submit", args=[toets.pk])
    _race([(learner, url, data), (learner, url, data)])
    assert ToetsAttempt.objects.filter(user=learner).count() == 1
    assert Completion.objects.filter(user=learner).count() == 1
    assert Certificate.objects.count() == 1


def test_two_people_handing_in_one_copied_form_at_once(learner, other_learner):
    # The same submission key from two people (a form passed on): one attempt is stored, the
    # other person gets a message and a redirect, never an error page.
    course = LearningCourseFactory(code="gekopieerd", lessons=0, requires_all_lessons=False)
    for person in (learner, other_learner):
        EnrolmentFactory(user=person, course=course)
    toets = toetsen_of(course)[0]
    data = answers_post(correct_answers(toets), uuid.uuid4())
    url = reverse("courses:toets_submit", args=[toets.pk])
    _race([(learner, url, data), (other_learner, url, data)])
    assert ToetsAttempt.objects.count() == 1
    assert Completion.objects.count() == Certificate.objects.count() == 1


def test_two_tabs_each_submitting_a_passing_toets_complete_once(learner):
    course = LearningCourseFactory(code="twee-pogingen", lessons=0, requires_all_lessons=False)
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    url = reverse("courses:toets_submit", args=[toets.pk])
    _race(
        [
            (learner, url, answers_post(correct_answers(toets), uuid.uuid4())),
            (learner, url, answers_post(correct_answers(toets), uuid.uuid4())),
        ]
    )
    # The tabs run one after the other under the enrolment lock: the first passes, and a
    # passed toets takes no further attempt (issue 17), so the second is refused.
    assert sorted(ToetsAttempt.objects.values_list("number", flat=True)) == [1]
    assert Completion.objects.filter(user=learner).count() == 1


def test_replayed_completion_post(learner):
    course = LearningCourseFactory(code="herhaald", lessons=1, toets=False)
    EnrolmentFactory(user=learner, course=course)
    lesson = lessons_of(course)[0]
    url = reverse("courses:lesson_complete", args=[lesson.pk])
    _race([(learner, url, None)] * 4)
    _race([(learner, url, None)])  # and once more after the fact
    assert LessonProgress.objects.filter(user=learner).count() == 1
    assert Completion.objects.filter(user=learner).count() == 1
    assert Certificate.objects.count() == 1


def test_last_free_seat_registered_twice(trainer):
    course = LearningCourseFactory(code="laatste-plek", lessons=0, toets=False)
    session = SmallSessionFactory(course=course, trainer=trainer)
    seated = UserFactory(email="zit@example.org")
    first = UserFactory(email="eerste@example.org")
    second = UserFactory(email="tweede@example.org")
    for person in (seated, first, second):
        EnrolmentFactory(user=person, course=course)
    from courses.services import session_register

    session_register(user=seated, session=session)
    url = reverse("courses:session_register", args=[session.uuid])
    # Two people for the last seat, and one of them in two tabs.
    _race([(first, url, None), (second, url, None), (first, url, None)])
    registrations = SessionRegistration.objects.filter(session=session)
    assert registrations.count() == 3
    assert registrations.filter(status=SessionRegistration.Status.REGISTERED).count() == 2
    assert registrations.filter(status=SessionRegistration.Status.WAITLISTED).count() == 1
