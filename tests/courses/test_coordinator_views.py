"""Coordinator pages: own courses only, learner status, CSV export, approvals, invitations."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from courses import services
from courses.models import CoursePage, Enrolment, Invitation
from tests.factories import (
    CoordinatorFactory,
    EnrolmentFactory,
    LearningCourseFactory,
    SmallSessionFactory,
    UserFactory,
    lessons_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_course(coordinator):
    return LearningCourseFactory(code="eigen", lessons=2, toets=False, coordinated_by=coordinator)


@pytest.fixture
def foreign_course():
    return LearningCourseFactory(code="vreemd", lessons=1, toets=False)


def test_coordinator_sees_own_courses_and_404_for_others(
    client, coordinator, own_course, foreign_course
):
    client.force_login(coordinator)
    html = client.get(reverse("courses:coordinator_courses")).content.decode()
    assert own_course.title in html and foreign_course.title not in html
    for name in (
        "coordinator_course",
        "coordinator_course_export",
        "coordinator_invite",
        "coordinator_import",
        "coordinator_sessions",
    ):
        assert client.get(reverse(f"courses:{name}", args=[own_course.pk])).status_code == 200
        assert client.get(reverse(f"courses:{name}", args=[foreign_course.pk])).status_code == 404


def test_learners_and_trainers_are_refused(client, learner, own_course):
    client.force_login(learner)
    assert client.get(reverse("courses:coordinator_courses")).status_code == 403
    assert (
        client.get(reverse("courses:coordinator_course", args=[own_course.pk])).status_code == 403
    )


def test_manage_all_courses_sees_every_course(client, administrator, own_course, foreign_course):
    client.force_login(administrator)
    html = client.get(reverse("courses:coordinator_courses")).content.decode()
    assert own_course.title in html and foreign_course.title in html
    assert (
        client.get(reverse("courses:coordinator_course", args=[foreign_course.pk])).status_code
        == 200
    )


def test_learner_status_filters_and_export(client, coordinator, own_course, learner, other_learner):
    starter = UserFactory(email="=HYPERLINK(1)@example.org", first_name="@kwaad", last_name="-min")
    for person in (learner, other_learner, starter):
        EnrolmentFactory(user=person, course=own_course)
    first, second = lessons_of(own_course)
    services.lesson_complete(user=learner, lesson=first)
    services.lesson_complete(user=learner, lesson=second)
    services.lesson_open(user=other_learner, lesson=first)
    client.force_login(coordinator)
    url = reverse("courses:coordinator_course", args=[own_course.pk])
    html = client.get(url).content.decode()
    assert "Afgerond" in html and "Bezig" in html and "Niet begonnen" in html
    assert "100%" in html
    html = client.get(url, {"status": "bezig"}).content.decode()
    assert other_learner.email in html and learner.email not in html
    response = client.get(reverse("courses:coordinator_course_export", args=[own_course.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "E-mailadres"
    by_email = {row[0]: row for row in rows[1:]}
    assert by_email[learner.email][3] == "Afgerond" and by_email[learner.email][4] == "100"
    assert by_email[learner.email][7]  # completed date
    # Cells a spreadsheet would execute are neutralised.
    hostile = by_email["'=hyperlink(1)@example.org"]
    assert hostile[1] == "'@kwaad" and hostile[2] == "'-min"
    assert len(rows) == 4  # only this course's learners


def test_pending_approvals_are_decided_by_the_own_coordinator(
    client, coordinator, learner, django_capture_on_commit_callbacks
):
    course = LearningCourseFactory(
        code="aanvraag", enrolment_mode=CoursePage.EnrolmentMode.APPROVAL
    )
    other = LearningCourseFactory(
        code="andere-aanvraag", enrolment_mode=CoursePage.EnrolmentMode.APPROVAL
    )
    CoordinatorFactory(user=coordinator, course=course)
    mine = services.enrolment_request(user=learner, course=course)
    theirs = services.enrolment_request(user=learner, course=other)
    client.force_login(coordinator)
    html = client.get(reverse("courses:coordinator_courses")).content.decode()
    assert "Goedkeuren" in html and learner.email in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("courses:coordinator_decide", args=[mine.pk]), {"besluit": "goedkeuren"}
        )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.ACTIVE
    assert len(mail.outbox) == 1
    response = client.post(
        reverse("courses:coordinator_decide", args=[theirs.pk]), {"besluit": "afwijzen"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Enrolment.Status.PENDING


def test_invite_by_pasting_and_uploading(
    client, coordinator, own_course, learner, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = reverse("courses:coordinator_invite", args=[own_course.pk])
    upload = SimpleUploadedFile("adressen.csv", b"email\nNieuw@Example.org\n", "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"addresses": "LEERLING@example.org; fout-adres", "file": upload}
        )
    html = response.content.decode()
    assert "2 adressen uitgenodigd" in html
    assert "fout-adres" in html
    assert set(Invitation.objects.values_list("email", flat=True)) == {
        "leerling@example.org",
        "nieuw@example.org",
    }
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("[Leerplatform] Uitnodiging") for m in mail.outbox)
    # The invited learner with an account follows the link and is enrolled.
    invitation = Invitation.objects.get(email="leerling@example.org")
    client.force_login(learner)
    accept = reverse("courses:invitation_accept", args=[invitation.token])
    assert "Neem de uitnodiging aan" in client.get(accept).content.decode()
    client.post(accept)
    assert Enrolment.objects.get(user=learner, course=own_course).source == "uitnodiging"


def test_csv_import_view_reports_per_line(client, coordinator, own_course, learner):
    client.force_login(coordinator)
    url = reverse("courses:coordinator_import", args=[own_course.pk])
    content = b"leerling@example.org\nkapot\n"
    response = client.post(url, {"file": SimpleUploadedFile("lijst.csv", content)})
    html = response.content.decode()
    assert "1 regel is ongeldig; er is niemand ingeschreven." in html
    assert not Enrolment.objects.exists()
    response = client.post(
        url,
        {"file": SimpleUploadedFile("lijst.csv", content), "import_valid_lines": "on"},
    )
    assert "1 cursist ingeschreven." in response.content.decode()
    assert Enrolment.objects.filter(user=learner, course=own_course).exists()


def test_session_overview_counts(client, coordinator, own_course, trainer, learner):
    session = SmallSessionFactory(course=own_course, trainer=trainer, capacity=1)
    EnrolmentFactory(user=learner, course=own_course)
    services.session_register(user=learner, session=session)
    client.force_login(coordinator)
    html = client.get(
        reverse("courses:coordinator_sessions", args=[own_course.pk])
    ).content.decode()
    assert str(trainer) in html and "Utrecht" in html


def test_coordinator_group_has_the_permission():
    group = Group.objects.get(name=roles.COORDINATOR)
    assert group.permissions.filter(codename="coordinate_courses").exists()


def test_coordinator_plans_a_session_for_own_course_only(
    client, coordinator, own_course, foreign_course, trainer, learner
):
    client.force_login(coordinator)
    url = reverse("courses:coordinator_session_add", args=[own_course.pk])
    form = client.get(url).content.decode()
    assert trainer.email in form or str(trainer) in form
    assert learner.email not in form  # only people with the trainer role can train
    data = {
        "title": "Middag Utrecht",
        "starts_at": "2030-03-01T13:00",
        "ends_at": "2030-03-01T12:00",
        "location": "",
        "online_url": "",
        "capacity": "12",
        "trainer": trainer.pk,
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert "Het einde moet na het begin liggen." in html
    assert "Geef een locatie of een online link op." in html
    data.update({"ends_at": "2030-03-01T16:00", "location": "Utrecht"})
    response = client.post(url, data)
    assert response.status_code == 302
    session = own_course.sessions.get()
    assert session.capacity == 12 and session.trainer == trainer
    foreign = reverse("courses:coordinator_session_add", args=[foreign_course.pk])
    assert client.post(foreign, data).status_code == 404
    edit = reverse("courses:coordinator_session_edit", args=[own_course.pk, session.uuid])
    data["capacity"] = "20"
    assert client.post(edit, data).status_code == 302
    session.refresh_from_db()
    assert session.capacity == 20
