"""courses.services.sessions: seats, the waiting list and changes to a session."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from courses import services
from courses.models import SessionRegistration
from tests.factories import (
    EnrolmentFactory,
    LearningCourseFactory,
    SessionFactory,
    UserFactory,
    session_begin,
)

pytestmark = pytest.mark.django_db

Status = SessionRegistration.Status


def test_raising_the_capacity_gives_the_waiting_list_its_seats_in_order(trainer):
    course = LearningCourseFactory(lessons=0, toets=False)
    session = SessionFactory(
        course=course,
        trainer=trainer,
        capacity=1,
        days_ahead=7,
        title="Bijeenkomst",
        location="Utrecht",
    )
    people = [UserFactory(email=f"p{n}@example.org") for n in range(3)]
    for person in people:
        EnrolmentFactory(user=person, course=course)
        services.session_register(user=person, session=session)
    assert [r.status for r in SessionRegistration.objects.order_by("pk")] == [
        Status.REGISTERED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    session.capacity = 2
    services.session_save(session=session)
    assert [r.status for r in SessionRegistration.objects.order_by("pk")] == [
        Status.REGISTERED,
        Status.REGISTERED,
        Status.WAITLISTED,
    ]


def test_registering_for_a_session_that_began_is_refused(learner, trainer):
    course = LearningCourseFactory(lessons=0, toets=False)
    EnrolmentFactory(user=learner, course=course)
    session = session_begin(
        SessionFactory(
            course=course,
            trainer=trainer,
            capacity=2,
            days_ahead=7,
            title="Bijeenkomst",
            location="Utrecht",
        )
    )
    with pytest.raises(services.LearningError, match="al begonnen"):
        services.session_register(user=learner, session=session)
    assert not SessionRegistration.objects.exists()


def test_registering_requires_an_enrolment(learner, trainer):
    session = SessionFactory(
        course=LearningCourseFactory(lessons=0, toets=False),
        trainer=trainer,
        capacity=2,
        days_ahead=7,
        title="Bijeenkomst",
        location="Utrecht",
    )
    with pytest.raises(services.LearningError, match="Schrijf u eerst in"):
        services.session_register(user=learner, session=session)


def test_an_invalid_session_is_refused_and_not_saved(trainer):
    session = SessionFactory(
        course=LearningCourseFactory(lessons=0, toets=False),
        trainer=trainer,
        capacity=2,
        days_ahead=7,
        title="Bijeenkomst",
        location="Utrecht",
    )
    session.ends_at = session.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError):
        services.session_save(session=session)
    session.refresh_from_db()
    assert session.ends_at > session.starts_at
