"""Coordinators and administrators: revoke, re-issue and export, each within their scope."""

import csv
import io

import pytest

from certificates.models import Certificate
from certificates.services import professional_registration_save
from courses.models import CourseCoordinator
from tests.factories import PASSWORD, CertificateFactory, CourseFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.fixture
def assigned_coordinator(coordinator, course):
    CourseCoordinator.objects.create(course=course, user=coordinator)
    return coordinator


def test_learner_may_not_open_the_management_pages(client, learner, certificate):
    login(client, learner)
    assert client.get("/certificaten/beheer/").status_code == 403
    assert client.get(f"/certificaten/beheer/{certificate.uuid}/").status_code == 403


def test_coordinator_sees_only_own_courses_and_gets_404_elsewhere(
    client, assigned_coordinator, learner, other_learner, certificate
):
    other_course = CourseFactory(
        code="ander",
        title="Een andere cursus",
        summary="Samenvatting",
        learning_objectives="<p>Leerdoelen</p>",
    )
    foreign = CertificateFactory(user=other_learner, course=other_course)
    login(client, assigned_coordinator)
    html = client.get("/certificaten/beheer/").content.decode()
    assert "Lieke Leerling" in html and "Ad Ander" not in html
    assert client.get(f"/certificaten/beheer/{foreign.uuid}/").status_code == 404
    response = client.post(f"/certificaten/beheer/{foreign.uuid}/intrekken/", {"reason": "x"})
    assert response.status_code == 404
    assert client.post(f"/certificaten/beheer/{foreign.uuid}/opnieuw-uitgeven/").status_code == 404
    foreign.completion.refresh_from_db()
    assert foreign.completion.revoked_at is None


def test_management_list_costs_constant_queries(
    client, assigned_coordinator, learner, other_learner, course
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    CertificateFactory(user=learner, course=course)
    login(client, assigned_coordinator)
    client.get("/certificaten/beheer/")  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert client.get("/certificaten/beheer/").status_code == 200
    CertificateFactory(user=other_learner, course=course)
    for index in range(3):
        CertificateFactory(
            user=UserFactory(
                email=f"extra{index}@example.org", first_name="X", last_name=str(index)
            ),
            course=course,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/certificaten/beheer/")
    assert response.content.decode().count("/certificaten/beheer/") >= 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_coordinator_revokes_with_a_reason(client, assigned_coordinator, certificate):
    login(client, assigned_coordinator)
    url = f"/certificaten/beheer/{certificate.uuid}/intrekken/"
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    certificate.completion.refresh_from_db()
    assert certificate.completion.revoked_at is None
    response = client.post(url, {"reason": "Toets door een ander gemaakt"})
    assert response.status_code == 302
    certificate.completion.refresh_from_db()
    assert certificate.completion.revoked_at is not None
    assert certificate.completion.revoked_reason == "Toets door een ander gemaakt"
    detail = client.get(f"/certificaten/beheer/{certificate.uuid}/").content.decode()
    assert "Ingetrokken" in detail and "Toets door een ander gemaakt" in detail


def test_administrator_reissues_after_a_name_correction(
    client, administrator, learner, certificate, django_capture_on_commit_callbacks
):
    learner.first_name, learner.last_name = "Lieke", "Leerling-Jansen"
    learner.save()
    login(client, administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/certificaten/beheer/{certificate.uuid}/opnieuw-uitgeven/")
    assert response.status_code == 302
    certificate.refresh_from_db()
    new = certificate.replaced_by
    assert certificate.replaced_at is not None and new is not None
    assert new.holder_name == "Lieke Leerling-Jansen"
    assert new.code != certificate.code
    assert new.accreditations == certificate.accreditations
    new.refresh_from_db()
    assert new.pdf  # rendered after commit (eager in tests)
    assert Certificate.objects.filter(completion=certificate.completion).count() == 2
    again = client.post(f"/certificaten/beheer/{certificate.uuid}/opnieuw-uitgeven/", follow=True)
    assert "al vervangen" in again.content.decode()


def _export(client, course, **params):
    response = client.get("/certificaten/beheer/export/", {"course": course.pk, **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_register_export_lists_number_name_date_points(
    client, assigned_coordinator, learner, other_learner, course
):
    professional_registration_save(user=learner, register="skj", registration_number="SKJ-777")
    CertificateFactory(user=learner, course=course)
    other_learner.first_name = "=HYPERLINK(evil)"
    other_learner.save()
    CertificateFactory(user=other_learner, course=course)
    login(client, assigned_coordinator)
    rows = _export(client, course)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Registratienummer", "Naam", "Datum", "Punten"]
    by_name = {row[1]: row for row in body}
    assert by_name["Lieke Leerling"][0] == "SKJ-777"
    assert by_name["Lieke Leerling"][3] == "3"
    assert "'=HYPERLINK(evil) Ander" in by_name  # neutralised for spreadsheets
    assert _export(client, course, date_from="2000-01-01", date_to="2000-12-31")[1:] == []


def test_coordinator_cannot_export_a_course_they_do_not_manage(
    client, assigned_coordinator, other_learner
):
    other_course = CourseFactory(
        code="ander",
        title="Een andere cursus",
        summary="Samenvatting",
        learning_objectives="<p>Leerdoelen</p>",
    )
    CertificateFactory(user=other_learner, course=other_course)
    login(client, assigned_coordinator)
    response = client.get("/certificaten/beheer/export/", {"course": other_course.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")  # the form, with an error


def test_wagtail_admin_menu_links_to_certificate_management(client, administrator, learner):
    login(client, administrator)
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert "/certificaten/beheer/" in response.content.decode()
