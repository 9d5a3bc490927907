"""Attendance is recorded when it happened, by whom may record it, and can be corrected.

A certificate based on attendance counts towards the programme's figures, so: no marking before
the session began (page and crafted POST), only the session's trainer or the course's
coordinator, a correction within the configured period that takes back a completion the rule
no longer supports, every mark in the audit log, and a completion dated on the session.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import AuditEvent
from certificates.models import Certificate
from courses import services
from courses.authoring import course_coordinator_assign
from courses.models import Completion, SessionRegistration
from reporting.counters import Scope, trained_count
from reporting.models import Target
from tests.factories import (
    ClassroomCourseFactory,
    EnrolmentFactory,
    SessionFactory,
    SmallSessionFactory,
    UserFactory,
    session_begin,
)

pytestmark = pytest.mark.django_db

PRESENT = SessionRegistration.Attendance.PRESENT
ABSENT = SessionRegistration.Attendance.ABSENT


def _target(code="klassikaal") -> Target:
    today = timezone.localdate()
    return Target.objects.create(
        slug="klassikaal-doel",
        title="Klassikaal",
        course_codes=[code],
        mode=Target.Mode.NUMBER,
        target_number=100,
        period_start=date(today.year - 1, 1, 1),
        deadline=date(today.year + 1, 12, 31),
    )


@pytest.fixture
def seated(trainer):
    """A classroom course, a session planned in a week and one learner with a seat."""
    course = ClassroomCourseFactory(certificate_validity_months=36)
    session = SessionFactory(
        course=course,
        trainer=trainer,
        capacity=5,
        title="Trainingsdag Zwolle",
        days_ahead=7,
        location="Utrecht",
    )
    learner = UserFactory(email="deelnemer@example.org", first_name="Dina", last_name="Deelnemer")
    EnrolmentFactory(user=learner, course=course)
    services.session_register(user=learner, session=session)
    registration = SessionRegistration.objects.get(session=session, user=learner)
    return course, session, learner, registration


def test_a_session_that_has_not_begun_cannot_be_marked_on_the_page_or_by_a_crafted_post(
    client, trainer, seated
):
    course, session, learner, registration = seated
    target = _target()
    client.force_login(trainer)
    url = reverse("courses:trainer_attendance", args=[session.uuid])
    html = client.get(url).content.decode()
    assert 'type="radio"' not in html
    assert "Aanwezigheid opslaan" not in html
    assert "Aanwezigheid registreren kan vanaf het begin van de bijeenkomst" in html
    assert learner.get_full_name() in html

    response = client.post(url, {f"r{registration.pk}": PRESENT}, follow=True)
    assert "Er is niets opgeslagen" in response.content.decode()
    registration.refresh_from_db()
    assert registration.attendance == SessionRegistration.Attendance.UNKNOWN
    assert not Completion.objects.exists()
    assert not Certificate.objects.exists()
    assert trained_count(target, Scope.today()) == 0
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ATTENDANCE_MARKED).exists()

    # The service itself refuses too, whoever calls it.
    with pytest.raises(services.LearningError, match="pas vanaf het begin"):
        services.attendance_mark(
            session=session, marked_by=trainer, attendance={registration.pk: PRESENT}
        )
    assert not Completion.objects.exists()


def test_marked_present_after_the_start_completes_dated_on_the_session(client, trainer, seated):
    course, session, learner, registration = seated
    session_begin(session, ago=timedelta(days=2))
    target = _target()
    client.force_login(trainer)
    url = reverse("courses:trainer_attendance", args=[session.uuid])
    html = client.get(url).content.decode()
    assert 'type="radio"' in html and "kunt u corrigeren tot" in html
    response = client.post(url, {f"r{registration.pk}": PRESENT}, follow=True)
    assert "1 cursist(en) hebben de cursus hiermee afgerond" in response.content.decode()
    completion = Completion.objects.get(user=learner)
    # The date of the event that met the rule, while "known on" stays the moment of recording.
    assert completion.completed_at == session.starts_at
    assert completion.created_at > session.starts_at + timedelta(days=1)
    assert Certificate.objects.get(completion=completion).valid_until == completion.valid_until
    assert trained_count(target, Scope.today()) == 1
    # As known yesterday (before the trainer recorded it), nobody was trained yet.
    yesterday = Scope(as_of=timezone.localdate() - timedelta(days=1))
    assert trained_count(target, yesterday) == 0
    event = AuditEvent.objects.get(action=AuditEvent.Action.ATTENDANCE_MARKED)
    assert event.actor == trainer and learner.email in event.target
    assert event.details["naar"] == PRESENT


def test_a_correction_to_absent_revokes_completion_and_certificate_and_the_counter_drops(
    client, trainer, seated
):
    course, session, learner, registration = seated
    session_begin(session)
    target = _target()
    client.force_login(trainer)
    url = reverse("courses:trainer_attendance", args=[session.uuid])
    client.post(url, {f"r{registration.pk}": PRESENT})
    certificate = Certificate.objects.get(completion__user=learner)
    assert trained_count(target, Scope.today()) == 1

    response = client.post(url, {f"r{registration.pk}": ABSENT}, follow=True)
    assert "zijn ingetrokken" in response.content.decode()
    completion = Completion.objects.get(user=learner)
    assert completion.revoked_at is not None
    assert "Aanwezigheid gecorrigeerd" in completion.revoked_reason
    assert trained_count(target, Scope.today()) == 0
    verification = client.get(
        reverse("certificates:verify_code", args=[certificate.code])
    ).content.decode()
    assert "ingetrokken" in verification
    event = AuditEvent.objects.get(action=AuditEvent.Action.ATTENDANCE_CORRECTED)
    assert event.details["van"] == PRESENT and event.details["naar"] == ABSENT
    assert event.details["ingetrokken"] == str(completion.uuid)

    # Corrected back to present: the rule holds again, which is a new fact (a new round).
    client.post(url, {f"r{registration.pk}": PRESENT})
    live = Completion.objects.get(user=learner, revoked_at__isnull=True)
    assert live.round == 2
    assert trained_count(target, Scope.today()) == 1


def test_a_correction_after_the_period_is_refused_and_changes_nothing(
    client, trainer, seated, settings
):
    settings.ATTENDANCE_CORRECTION_DAYS = 3
    course, session, learner, registration = seated
    session_begin(session, ago=timedelta(days=2))
    services.attendance_mark(
        session=session, marked_by=trainer, attendance={registration.pk: PRESENT}
    )
    session_begin(session, ago=timedelta(days=4))
    client.force_login(trainer)
    url = reverse("courses:trainer_attendance", args=[session.uuid])
    html = client.get(url).content.decode()
    assert "Corrigeren kon tot" in html
    assert "disabled" in html
    with pytest.raises(services.LearningError, match="die termijn is voorbij"):
        services.attendance_mark(
            session=session, marked_by=trainer, attendance={registration.pk: ABSENT}
        )
    registration.refresh_from_db()
    assert registration.attendance == PRESENT
    assert Completion.objects.get(user=learner).revoked_at is None


def test_the_courses_coordinator_may_mark_and_others_may_not(client, trainer, seated):
    course, session, learner, registration = seated
    session_begin(session)
    coordinator = UserFactory(email="coord-a@example.org", role=roles.COORDINATOR)
    stranger = UserFactory(email="coord-b@example.org", role=roles.COORDINATOR)
    other_trainer = UserFactory(email="trainer-b@example.org", role=roles.TRAINER)
    course_coordinator_assign(course=course, user=coordinator)
    url = reverse("courses:trainer_attendance", args=[session.uuid])
    for outsider in (stranger, other_trainer):
        client.force_login(outsider)
        assert client.post(url, {f"r{registration.pk}": PRESENT}).status_code == 404
        with pytest.raises(services.LearningError):
            services.attendance_mark(
                session=session, marked_by=outsider, attendance={registration.pk: PRESENT}
            )
    assert not Completion.objects.exists()
    client.force_login(coordinator)
    assert session.title in client.get(reverse("courses:trainer_sessions")).content.decode()
    client.post(url, {f"r{registration.pk}": PRESENT})
    assert Completion.objects.filter(user=learner, source=Completion.Source.ATTENDANCE).exists()


# --- Every change to a session goes through one service; pages tell the truth -----------------


def _form_data(session, **changes):
    local = timezone.localtime
    data = {
        "title": session.title,
        "starts_at": local(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "location": session.location or "Utrecht",
        "online_url": "",
        "capacity": str(session.capacity),
        "trainer": session.trainer_id,
    }
    data.update(changes)
    return data


def test_raising_capacity_on_the_coordinators_form_promotes_the_waiting_list(
    client, trainer, django_capture_on_commit_callbacks
):
    from django.core import mail

    course = ClassroomCourseFactory()
    session = SmallSessionFactory(course=course, trainer=trainer, capacity=1)
    seated_person, waiting = (UserFactory(email=f"p{n}@example.org") for n in range(2))
    for person in (seated_person, waiting):
        EnrolmentFactory(user=person, course=course)
        services.session_register(user=person, session=session)
    assert SessionRegistration.objects.get(user=waiting).status == "wachtlijst"
    coordinator = UserFactory(email="coord-cap@example.org", role=roles.COORDINATOR)
    course_coordinator_assign(course=course, user=coordinator)
    client.force_login(coordinator)
    url = reverse("courses:coordinator_session_edit", args=[course.pk, session.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form_data(session, capacity="2"))
    assert response.status_code == 302
    assert SessionRegistration.objects.get(user=waiting).status == "aangemeld"
    assert [message.to for message in mail.outbox] == [[waiting.email]]


def test_the_start_of_a_session_with_attendance_cannot_move(client, trainer, seated):
    course, session, learner, registration = seated
    session_begin(session)
    services.attendance_mark(
        session=session, marked_by=trainer, attendance={registration.pk: PRESENT}
    )
    later = session.starts_at + timedelta(days=3)
    session.starts_at, session.ends_at = later, later + timedelta(hours=2)
    with pytest.raises(services.LearningError, match="begintijd"):
        services.session_save(session=session)
    session.refresh_from_db()
    assert session.starts_at < timezone.now()


def test_after_completion_past_sessions_show_attendance_and_future_ones_can_be_cancelled(
    client, trainer, seated
):
    course, session, learner, registration = seated
    future = SessionFactory(
        course=course,
        trainer=trainer,
        capacity=5,
        title="Terugkomdag",
        days_ahead=30,
        location="Utrecht",
    )
    services.session_register(user=learner, session=future)
    session_begin(session)
    services.attendance_mark(
        session=session, marked_by=trainer, attendance={registration.pk: PRESENT}
    )
    assert Completion.objects.filter(user=learner).exists()
    client.force_login(learner)
    # A begun session can no longer be cancelled (its seat carries the attendance).
    response = client.post(reverse("courses:session_cancel", args=[session.uuid]), follow=True)
    assert "al begonnen" in response.content.decode()
    assert SessionRegistration.objects.get(pk=registration.pk).status == "aangemeld"
    mine = client.get(reverse("courses:my_learning")).content.decode()
    past = mine.split("Eerdere bijeenkomsten")[1]
    assert "Aanwezig" in past
    upcoming = mine.split("Mijn bijeenkomsten")[1].split("Eerdere bijeenkomsten")[0]
    assert upcoming.count("Afmelden") == 1
    course_page = client.get(course.url).content.decode()
    assert "Uw eerdere bijeenkomsten" in course_page and "Aanwezig" in course_page
    client.post(reverse("courses:session_cancel", args=[future.uuid]))
    assert SessionRegistration.objects.get(session=future, user=learner).status == "afgemeld"
