"""Public verification: every status, initials only, case-insensitive codes, a rate limit."""

import pytest
from django.utils import timezone

from certificates.services import certificate_reissue, certificate_revoke
from tests.certificates.conftest import years_ago
from tests.factories import CertificateFactory, CourseFactory

pytestmark = pytest.mark.django_db


def verify(client, code, **extra):
    return client.get(f"/certificaten/verifieer/{code}/", **extra)


def test_valid_certificate_shows_initials_course_and_dates_only(client, certificate):
    messy = certificate.display_code.lower().replace("-", " ")
    response = verify(client, messy.replace(" ", "-"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geldig certificaat" in html
    assert "L. Leerling" in html
    assert "Lieke" not in html and "leerling@example.org" not in html
    assert certificate.course_title in html
    assert certificate.display_code in html


def test_the_form_accepts_a_typed_code_and_redirects_to_its_page(client, certificate):
    typed = " " + certificate.display_code.lower() + " "
    response = client.get("/certificaten/verifieer/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/certificaten/verifieer/{certificate.code}/"


def test_the_form_explains_a_code_of_the_wrong_length(client):
    response = client.get("/certificaten/verifieer/", {"code": "ABC"})
    assert response.status_code == 200
    assert "Een verificatiecode bestaat uit 16 letters en cijfers." in response.content.decode()


def test_unknown_code(client, certificate):
    response = verify(client, "0000-0000-0000-0000")
    assert response.status_code == 404
    assert "Onbekende code" in response.content.decode()


def test_expired_certificate_reads_as_expired(client, learner, course):
    old = CertificateFactory(user=learner, course=course, completed_at=years_ago(3))
    html = verify(client, old.code).content.decode()
    assert "Verlopen certificaat" in html
    assert "L. Leerling" in html
    assert "inmiddels een geldig certificaat" not in html


def test_expired_certificate_points_to_the_holders_refresher(client, learner, course):
    refresher = CourseFactory(
        code="buit-opfris",
        title="Opfriscursus mensenhandel",
        certificate_validity_months=24,
        summary="Samenvatting",
        learning_objectives="<p>Leerdoelen</p>",
    )
    course.refresher_course = refresher
    course.save()
    old = CertificateFactory(user=learner, course=course, completed_at=years_ago(3))
    CertificateFactory(user=learner, course=refresher)
    html = verify(client, old.code).content.decode()
    assert "Verlopen certificaat" in html
    assert "De houder heeft inmiddels een geldig certificaat voor Opfriscursus mensenhandel" in html
    assert "Lieke" not in html


def test_revoked_certificate_shows_the_date_not_the_reason(client, certificate):
    certificate_revoke(certificate=certificate, reason="Fraude bij de toets")
    html = verify(client, certificate.code).content.decode()
    today = timezone.localdate()
    assert "Ingetrokken certificaat" in html
    assert f"op {today.day} " in html
    assert "Fraude" not in html


def test_replaced_certificate_shows_nothing_personal(client, certificate, learner):
    learner.last_name = "de Vries"
    learner.first_name = "Sanne"
    learner.save()
    new = certificate_reissue(certificate=certificate)
    old_html = verify(client, certificate.code).content.decode()
    assert "Vervangen certificaat" in old_html
    assert "Leerling" not in old_html and "Vries" not in old_html
    assert certificate.course_title not in old_html
    new_html = verify(client, new.code).content.decode()
    assert "Geldig certificaat" in new_html and "S. de Vries" in new_html


def test_a_replaced_certificate_names_its_successors_code_and_date(client, certificate, learner):
    second = certificate_reissue(certificate=certificate)
    third = certificate_reissue(certificate=second)
    html = verify(client, certificate.code).content.decode()
    # The current certificate at the end of the chain, by code and issue date.
    assert third.display_code in html and second.display_code not in html
    today = timezone.localdate()
    assert f"uitgegeven op {today.day} " in html
    assert f"/certificaten/verifieer/{third.display_code}/" in html


def test_verification_page_costs_a_constant_number_of_queries(
    client, certificate, django_assert_num_queries
):
    with django_assert_num_queries(1):
        verify(client, certificate.code)


def test_lookups_are_rate_limited_per_client_address(client, certificate):
    for _ in range(20):
        assert verify(client, "0000-0000-0000-0000").status_code == 404
    response = verify(client, certificate.code)
    assert response.status_code == 429
    assert "te veel codes gecontroleerd" in response.content.decode()
    assert verify(client, certificate.code, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_behind_a_trusted_proxy_the_last_forwarded_hop_counts(client, certificate, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for index in range(20):
        # The client controls everything left of the proxy's hop; rotating it must not help.
        spoofed = f"10.0.0.{index}, 203.0.113.8"
        assert verify(client, certificate.code, HTTP_X_FORWARDED_FOR=spoofed).status_code == 200
    blocked = verify(client, certificate.code, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.8")
    assert blocked.status_code == 429
    other = verify(client, certificate.code, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert other.status_code == 200


def test_after_erasure_the_page_says_no_longer_available_without_a_name(
    client, learner, certificate
):
    # Changed with issue 18: the code of an erased holder no longer verifies as valid.
    from accounts.privacy import account_erase

    account_erase(user=learner)
    html = verify(client, certificate.code).content.decode()
    assert "Certificaat niet meer beschikbaar" in html
    assert "Geldig certificaat" not in html
    assert "Leerling" not in html and "L. " not in html and "Lieke" not in html
    assert certificate.course_title not in html
