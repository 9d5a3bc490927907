"""Classroom sessions: registration, waiting list, reminders, attendance and completion."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses import services
from courses.models import Completion, SessionRegistration
from courses.tasks import session_reminders_send_task
from tests.factories import (
    ClassroomCourseFactory,
    EnrolmentFactory,
    SessionFactory,
    SmallSessionFactory,
    UserFactory,
    session_begin,
)

pytestmark = pytest.mark.django_db

Status = SessionRegistration.Status


def _people(course, count):
    people = [UserFactory(email=f"deelnemer{n}@example.org") for n in range(count)]
    for person in people:
        EnrolmentFactory(user=person, course=course)
    return people


def test_capacity_then_waiting_list_which_moves_up_on_cancellation(
    trainer, django_capture_on_commit_callbacks
):
    course = ClassroomCourseFactory()
    session = SmallSessionFactory(course=course, trainer=trainer)
    first, second, third, fourth = _people(course, 4)
    results = [services.session_register(user=p, session=session) for p in (first, second, third)]
    assert [r.registration.status for r in results] == [
        Status.REGISTERED,
        Status.REGISTERED,
        Status.WAITLISTED,
    ]
    services.session_register(user=fourth, session=session)
    # Registering again is one row, same status.
    again = services.session_register(user=first, session=session)
    assert not again.created
    assert SessionRegistration.objects.filter(session=session).count() == 4
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(user=first, session=session)
        services.session_cancel(user=first, session=session)  # twice: nothing more
    statuses = dict(SessionRegistration.objects.values_list("user__email", "status"))
    assert statuses[first.email] == Status.CANCELLED
    assert statuses[third.email] == Status.REGISTERED
    assert statuses[fourth.email] == Status.WAITLISTED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [third.email]
    assert "plaats" in mail.outbox[0].body
    # Cancelling from the waiting list promotes nobody.
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(user=fourth, session=session)
    assert len(mail.outbox) == 1
    assert (
        SessionRegistration.objects.filter(session=session, status=Status.REGISTERED).count() == 2
    )


def test_registration_needs_enrolment_and_a_future_session(learner, trainer):
    course = ClassroomCourseFactory()
    session = SmallSessionFactory(course=course, trainer=trainer)
    with pytest.raises(services.LearningError):
        services.session_register(user=learner, session=session)
    EnrolmentFactory(user=learner, course=course)
    past = SessionFactory(
        course=course,
        trainer=trainer,
        days_ahead=-1,
        title="Voorbij",
        capacity=2,
        location="Utrecht",
    )
    with pytest.raises(services.LearningError):
        services.session_register(user=learner, session=past)
    assert not SessionRegistration.objects.exists()


def test_reminders_go_out_the_day_before_once(trainer, settings):
    course = ClassroomCourseFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts = timezone.make_aware(datetime.combine(tomorrow, time(10, 0)))
    session = SmallSessionFactory(course=course, trainer=trainer, capacity=1)
    session.starts_at, session.ends_at = starts, starts + timedelta(hours=2)
    session.save()
    later = SessionFactory(
        course=course, trainer=trainer, days_ahead=5, title="Later", capacity=2, location="Utrecht"
    )
    seated, waiting = _people(course, 2)
    services.session_register(user=seated, session=session)
    services.session_register(user=waiting, session=session)
    services.session_register(user=seated, session=later)
    assert session_reminders_send_task.delay().get() == 1
    assert session_reminders_send_task.delay().get() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [seated.email]
    assert "Herinnering" in message.subject and "Morgen" in message.body
    assert SessionRegistration.objects.get(session=session, user=seated).reminder_sent_at


def test_reminder_task_is_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "courses.tasks.session_reminders_send_task" in tasks


def test_trainer_marks_attendance_for_own_session_and_present_completes(client, trainer):
    course = ClassroomCourseFactory(certificate_validity_months=36)
    session = SmallSessionFactory(course=course, trainer=trainer, capacity=5)
    present, absent = _people(course, 2)
    for person in (present, absent):
        services.session_register(user=person, session=session)
    session_begin(session)
    registrations = {r.user_id: r for r in SessionRegistration.objects.filter(session=session)}
    client.force_login(trainer)
    url = reverse("courses:trainer_attendance", args=[session.uuid])
    html = client.get(url).content.decode()
    assert present.email in html and "Aanwezig" in html
    response = client.post(
        url,
        {
            f"r{registrations[present.pk].pk}": "aanwezig",
            f"r{registrations[absent.pk].pk}": "afwezig",
        },
        follow=True,
    )
    assert "1 cursist(en) hebben de cursus hiermee afgerond" in response.content.decode()
    completion = Completion.objects.get()
    assert completion.user == present
    assert completion.source == Completion.Source.ATTENDANCE
    assert Certificate.objects.filter(completion=completion).count() == 1
    # Saving the same list again writes nothing new.
    client.post(url, {f"r{registrations[present.pk].pk}": "aanwezig"})
    assert Completion.objects.count() == 1


def test_attendance_list_is_for_the_sessions_own_trainer_only(client, trainer, learner):
    course = ClassroomCourseFactory()
    other_trainer = UserFactory(email="trainer2@example.org", role="Trainers")
    session = SmallSessionFactory(course=course, trainer=other_trainer)
    client.force_login(trainer)
    assert client.get(reverse("courses:trainer_attendance", args=[session.uuid])).status_code == 404
    assert session.title not in client.get(reverse("courses:trainer_sessions")).content.decode()
    client.force_login(learner)
    assert client.get(reverse("courses:trainer_attendance", args=[session.uuid])).status_code == 403


def test_session_register_and_cancel_views(client, learner, trainer):
    course = ClassroomCourseFactory()
    session = SmallSessionFactory(course=course, trainer=trainer, capacity=1)
    EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)
    response = client.post(reverse("courses:session_register", args=[session.uuid]), follow=True)
    html = response.content.decode()
    assert "U bent aangemeld" in html and "Afmelden" in html
    response = client.post(reverse("courses:session_cancel", args=[session.uuid]), follow=True)
    assert "U bent afgemeld" in response.content.decode()
    assert SessionRegistration.objects.get().status == Status.CANCELLED
