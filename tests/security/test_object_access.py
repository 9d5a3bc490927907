"""Object-level access with crafted ids: what is not yours is neither shown nor changed.

The role matrix proves the status codes; these tests prove the data: another learner's
certificate, attempt and progress never appear on a learner's pages, and a coordinator of
course A never sees, exports or changes anything of course B, whatever ids they send.
"""

import pytest
from django.test import Client

from certificates.models import Certificate, ProfessionalRegistration
from courses.models import (
    ClassroomSession,
    Enrolment,
    Invitation,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from courses.services import session_register
from tests import factories
from tests.security.conftest import COORD, LEARNER, TRAINER

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Learner A and learner B -----------------------------------------------------------------


def test_a_learner_never_sees_another_learners_certificate(world, other_learner):
    client = _client(world.users[LEARNER])
    assert client.get(f"/certificaten/{world.cert_other.uuid}/pdf/").status_code == 404
    assert client.get(f"/certificaten/{world.cert_a_other.uuid}/pdf/").status_code == 404
    own = client.get(f"/certificaten/{world.cert_own.uuid}/pdf/")
    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    for path in ("/mijn/", "/profiel/gegevens/", "/certificaten/registraties/"):
        html = client.get(path).content.decode()
        assert world.cert_other.code not in html, path
        assert str(world.cert_other.uuid) not in html, path
        assert world.cert_a_other.code not in html, path
        assert other_learner.email not in html, path


def test_a_learner_never_sees_another_learners_attempt_or_progress(world, other_learner):
    course = world.course_a
    Enrolment.objects.create(user=other_learner, course=course, status=Enrolment.Status.ACTIVE)
    other = _client(other_learner)
    other.post(f"/leren/les/{world.lesson_a.pk}/afronden/")
    other.post(f"/leren/toets/{world.toets_a.pk}/inleveren/")
    assert LessonProgress.objects.filter(user=other_learner).exists()

    client = _client(world.users[LEARNER])
    for path in ("/mijn/", world.lesson_a.url, world.toets_a.url, course.url):
        html = client.get(path).content.decode()
        assert other_learner.email not in html, path
        assert "Ander" not in html, path
    # Opening the lesson records the learner's own start; B's completion is not theirs.
    assert not LessonProgress.objects.filter(
        user=world.users[LEARNER], completed_at__isnull=False
    ).exists()


def test_crafted_ids_of_a_course_one_is_not_enrolled_in_change_nothing(world):
    learner = world.users[LEARNER]
    other_lesson = factories.LessonFactory(parent=world.course_b.get_children().first(), title="B2")
    other_toets = factories.ToetsFactory(
        parent=world.course_b.get_children().first(), title="Toets B"
    )
    client = _client(learner)
    client.post(f"/leren/les/{other_lesson.pk}/afronden/")
    client.post(f"/leren/toets/{other_toets.pk}/inleveren/")
    assert not LessonProgress.objects.filter(user=learner, course=world.course_b).exists()
    assert not ToetsAttempt.objects.filter(user=learner).exists()


def test_a_learner_cannot_cancel_or_take_another_persons_place(world, other_learner):
    Enrolment.objects.filter(pk=world.pending_b.pk).update(status=Enrolment.Status.ACTIVE)
    session_register(user=other_learner, session=world.session_b)
    client = _client(world.users[LEARNER])
    client.post(f"/leren/bijeenkomst/{world.session_b.uuid}/afmelden/")
    registration = SessionRegistration.objects.get(session=world.session_b, user=other_learner)
    assert registration.status == SessionRegistration.Status.REGISTERED


def test_someone_elses_invitation_enrols_nobody(world, other_learner):
    invitation = Invitation.objects.create(
        course=world.course_b, email=other_learner.email, invited_by=world.users[COORD]
    )
    client = _client(world.users[LEARNER])
    client.post(f"/leren/uitnodiging/{invitation.token}/")
    assert not Enrolment.objects.filter(
        user=world.users[LEARNER], course=world.course_b, status=Enrolment.Status.ACTIVE
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_learner_cannot_delete_another_persons_registration(world):
    client = _client(world.users[LEARNER])
    response = client.post(f"/certificaten/registraties/{world.registration_other.pk}/verwijderen/")
    assert response.status_code == 404
    assert ProfessionalRegistration.objects.filter(pk=world.registration_other.pk).exists()


# --- Coordinator of course A and course B ----------------------------------------------------


def test_a_coordinator_sees_and_exports_only_their_own_courses_learners(world, other_learner):
    Enrolment.objects.filter(pk=world.pending_b.pk).update(status=Enrolment.Status.ACTIVE)
    client = _client(world.users[COORD])
    html = client.get(f"/leren/coordinator/cursus/{world.course_a.pk}/").content.decode()
    assert world.users[LEARNER].email in html
    assert other_learner.email not in html
    export = client.get(f"/leren/coordinator/cursus/{world.course_a.pk}/export.csv")
    assert export.status_code == 200
    assert other_learner.email not in export.content.decode()
    assert client.get(f"/leren/coordinator/cursus/{world.course_b.pk}/export.csv").status_code == (
        404
    )
    overview = client.get("/leren/coordinator/").content.decode()
    assert world.course_a.title in overview
    assert world.course_b.title not in overview
    assert other_learner.email not in overview  # B's pending request is not listed


def test_a_coordinator_changes_nothing_of_another_course(world, other_learner):
    client = _client(world.users[COORD])
    course_b = world.course_b
    client.post(
        f"/leren/coordinator/cursus/{course_b.pk}/uitnodigen/", {"addresses": "x@example.org"}
    )
    assert not Invitation.objects.filter(course=course_b, email="x@example.org").exists()

    client.post(
        f"/leren/coordinator/aanvraag/{world.pending_b.pk}/besluit/", {"besluit": "goedkeuren"}
    )
    world.pending_b.refresh_from_db()
    assert world.pending_b.status == Enrolment.Status.PENDING

    starts_at = world.session_b.starts_at
    client.post(
        f"/leren/coordinator/cursus/{course_b.pk}/bijeenkomsten/{world.session_b.uuid}/",
        {"title": "Gekaapt", "capacity": 1},
    )
    client.post(
        f"/leren/coordinator/cursus/{world.course_a.pk}/bijeenkomsten/{world.session_b.uuid}/",
        {"title": "Gekaapt", "capacity": 1},
    )
    session = ClassroomSession.objects.get(pk=world.session_b.pk)
    assert session.title != "Gekaapt"
    assert session.starts_at == starts_at


def test_a_coordinator_manages_only_their_own_courses_certificates(world):
    client = _client(world.users[COORD])
    listing = client.get("/certificaten/beheer/").content.decode()
    assert world.cert_a_other.holder_name in listing
    assert world.cert_other.holder_name not in listing

    response = client.post(
        f"/certificaten/beheer/{world.cert_other.uuid}/intrekken/", {"reason": "Geen reden"}
    )
    assert response.status_code == 404
    assert not Certificate.objects.get(pk=world.cert_other.pk).is_revoked
    response = client.post(f"/certificaten/beheer/{world.cert_other.uuid}/opnieuw-uitgeven/")
    assert response.status_code == 404
    assert Certificate.objects.filter(completion=world.cert_other.completion).count() == 1

    # Exporting course B's register: B is not among the choices, so nothing is exported.
    export = client.get("/certificaten/beheer/export/", {"course": world.course_b.pk})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/html")
    assert world.cert_other.holder_name not in export.content.decode()


def test_a_trainer_marks_attendance_only_in_their_own_session(world, other_learner):
    Enrolment.objects.filter(pk=world.pending_b.pk).update(status=Enrolment.Status.ACTIVE)
    session_register(user=other_learner, session=world.session_b)
    registration_b = SessionRegistration.objects.get(session=world.session_b, user=other_learner)
    client = _client(world.users[TRAINER])
    response = client.post(
        f"/leren/trainer/bijeenkomst/{world.session_b.uuid}/",
        {f"r{registration_b.pk}": SessionRegistration.Attendance.PRESENT},
    )
    assert response.status_code == 404
    # A crafted field for B's registration sent to the trainer's own session is ignored.
    client.post(
        f"/leren/trainer/bijeenkomst/{world.session_a.uuid}/",
        {f"r{registration_b.pk}": SessionRegistration.Attendance.PRESENT},
    )
    registration_b.refresh_from_db()
    assert registration_b.attendance != SessionRegistration.Attendance.PRESENT
