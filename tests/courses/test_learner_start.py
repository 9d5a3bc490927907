"""The start a coordinator sees is the learner's real first step, kept on the enrolment by the
services that record the steps; sorting on it and filtering on status pick the right learners
on every page, also page 2."""

import importlib
import re
import uuid
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Enrolment, SessionRegistration
from tests.factories import (
    ClassroomCourseFactory,
    CompletionFactory,
    EnrolmentFactory,
    LearningCourseFactory,
    SessionFactory,
    UserFactory,
    correct_answers,
    lessons_of,
    session_begin,
    toetsen_of,
)

pytestmark = pytest.mark.django_db


def emails_shown(html: str) -> list[str]:
    return re.findall(r'<span class="meta">([^<]+@example\.org)</span>', html)


def at_moment(monkeypatch, moment, step):
    with monkeypatch.context() as then:
        then.setattr(timezone, "now", lambda: moment)
        return step()


def start_of(user, course):
    return Enrolment.objects.get(user=user, course=course).started_at


def test_the_start_is_the_first_lesson_opened_not_a_later_one(monkeypatch, learner):
    course = LearningCourseFactory(code="start", lessons=2, toets=True)
    EnrolmentFactory(user=learner, course=course)
    first, second = lessons_of(course)
    assert start_of(learner, course) is None
    opened = timezone.now() - timedelta(days=9)
    at_moment(monkeypatch, opened, lambda: services.lesson_open(user=learner, lesson=first))
    services.lesson_open(user=learner, lesson=second)
    services.lesson_complete(user=learner, lesson=second)
    toets = toetsen_of(course)[0]
    services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
    )
    assert start_of(learner, course) == opened


def test_a_toets_handed_in_first_is_the_start(learner):
    course = LearningCourseFactory(code="toetseerst", lessons=1, toets=True)
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    result = services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
    )
    assert start_of(learner, course) == result.attempt.submitted_at


def test_attendance_starts_at_the_session_and_a_correction_takes_it_back(trainer):
    course = ClassroomCourseFactory(code="aanwezig")
    session = SessionFactory(course=course, trainer=trainer, capacity=5, days_ahead=7)
    learner = UserFactory(email="deelnemer@example.org")
    EnrolmentFactory(user=learner, course=course)
    services.session_register(user=learner, session=session)
    registration = SessionRegistration.objects.get(session=session, user=learner)
    session_begin(session)
    present, absent = SessionRegistration.Attendance.PRESENT, SessionRegistration.Attendance.ABSENT
    services.attendance_mark(
        session=session, marked_by=trainer, attendance={registration.pk: present}
    )
    assert start_of(learner, course) == session.starts_at
    services.attendance_mark(
        session=session, marked_by=trainer, attendance={registration.pk: absent}
    )
    assert start_of(learner, course) is None


def test_the_migration_fills_the_start_from_the_recorded_steps(monkeypatch, learner):
    course = LearningCourseFactory(code="terug", lessons=2, toets=False)
    EnrolmentFactory(user=learner, course=course)
    first, second = lessons_of(course)
    opened = timezone.now() - timedelta(days=30)
    at_moment(monkeypatch, opened, lambda: services.lesson_open(user=learner, lesson=first))
    services.lesson_complete(user=learner, lesson=second)
    idle = UserFactory(email="stil@example.org")
    EnrolmentFactory(user=idle, course=course)
    Enrolment.objects.update(started_at=None)
    migration = importlib.import_module("courses.migrations.0008_enrolment_started_at_backfilled")
    migration.started_at_backfill(django_apps, None)
    assert start_of(learner, course) == opened
    assert start_of(idle, course) is None


def test_page_two_of_completed_learners_sorted_on_start(client, coordinator, monkeypatch):
    """55 completed learners who began on different days, 5 in progress and 5 imported: the
    second page of "afgerond" sorted on "begonnen" (latest first) holds exactly the completed
    learners ranked 51 to 55 by their start, an imported completion counting from its date."""
    course = LearningCourseFactory(
        code="pagina2", lessons=1, toets=False, coordinated_by=coordinator
    )
    (lesson,) = lessons_of(course)
    now = timezone.now()
    started, in_progress = {}, {}
    for n in range(65):
        person = UserFactory(email=f"p{n:03d}@example.org", profile=False, last_name=f"P{n:03d}")
        EnrolmentFactory(user=person, course=course)
        # Starts spread over days, not in e-mail order, so the sort is not the name order.
        moment = now - timedelta(days=(n * 37) % 101 + 1, hours=n)
        if n < 55:
            step = lambda p=person: services.lesson_complete(user=p, lesson=lesson)  # noqa: E731
            at_moment(monkeypatch, moment, step)
            started[person.email] = moment
        elif n < 60:
            step = lambda p=person: services.lesson_open(user=p, lesson=lesson)  # noqa: E731
            at_moment(monkeypatch, moment, step)
            in_progress[person.email] = moment
        else:
            CompletionFactory(user=person, course=course, completed_at=moment, source="import")
            started[person.email] = moment
    client.force_login(coordinator)
    path = reverse("courses:coordinator_course", args=[course.pk])
    params = {"status": "afgerond", "sorteer": "-begonnen", "pagina": 2}
    html = client.get(path, params).content.decode()
    assert "60 cursisten" in html
    latest_first = sorted(started, key=lambda email: (-started[email].timestamp(), email))
    assert emails_shown(html) == latest_first[50:]
    params["sorteer"] = "begonnen"
    html = client.get(path, params).content.decode()
    earliest_first = sorted(started, key=lambda email: (started[email].timestamp(), email))
    assert emails_shown(html) == earliest_first[50:]
    html = client.get(path, {"status": "bezig", "sorteer": "begonnen"}).content.decode()
    assert emails_shown(html) == sorted(in_progress, key=in_progress.get)
