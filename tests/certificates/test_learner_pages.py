"""The learner's own certificates: download, 404 for someone else's, and registrations."""

import pytest

from certificates.models import ProfessionalRegistration
from certificates.selectors import certificates_for_user
from certificates.services import (
    certificate_reissue,
    certificate_revoke,
    professional_registration_save,
)
from tests.factories import PASSWORD, CertificateFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def download_url(certificate):
    return f"/certificaten/{certificate.uuid}/pdf/"


def test_holder_downloads_the_pdf(client, learner, certificate):
    login(client, learner)
    response = client.get(download_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"certificaat-{certificate.display_code}.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_persons_certificate_is_404(client, other_learner, certificate):
    login(client, other_learner)
    assert client.get(download_url(certificate)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, certificate):
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_pdf_not_yet_rendered_is_rendered_on_download(
    client, learner, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        certificate = CertificateFactory(user=learner, course=course)
    assert not certificate.pdf
    login(client, learner)
    response = client.get(download_url(certificate))
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.pdf


def test_a_replaced_certificate_leads_to_its_successor(client, learner, certificate):
    new = certificate_reissue(certificate=certificate)
    login(client, learner)
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert response["Location"] == download_url(new)


def test_a_revoked_certificate_is_not_downloadable(client, learner, certificate):
    certificate_revoke(certificate=certificate, reason="Onterecht afgerond")
    login(client, learner)
    response = client.get(download_url(certificate))
    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()


def test_certificate_list_partial_needs_no_extra_queries(
    learner, certificate, django_assert_num_queries
):
    from django.template.loader import render_to_string

    with django_assert_num_queries(1):
        html = render_to_string(
            "certificates/_certificate_list.html",
            {"certificates": certificates_for_user(learner)},
        )
    assert certificate.display_code in html
    assert f"/certificaten/{certificate.uuid}/pdf/" in html
    assert "Geldig" in html


def test_selector_lists_only_current_certificates_of_the_user(learner, other_learner, course):
    mine = CertificateFactory(user=learner, course=course)
    CertificateFactory(user=other_learner, course=course)
    new = certificate_reissue(certificate=mine)
    assert [c.pk for c in certificates_for_user(learner)] == [new.pk]


def test_learner_records_and_corrects_a_registration(client, learner):
    login(client, learner)
    assert client.get("/certificaten/registraties/").status_code == 200
    response = client.post(
        "/certificaten/registraties/", {"register": "skj", "registration_number": "111"}
    )
    assert response.status_code == 302
    client.post("/certificaten/registraties/", {"register": "skj", "registration_number": "222"})
    registration = ProfessionalRegistration.objects.get(user=learner)
    assert registration.registration_number == "222"
    html = client.get("/certificaten/registraties/").content.decode()
    assert "222" in html and "SKJ" in html


def test_registration_without_number_is_refused_in_dutch(client, learner):
    login(client, learner)
    response = client.post(
        "/certificaten/registraties/", {"register": "skj", "registration_number": " "}
    )
    assert response.status_code == 200
    assert not ProfessionalRegistration.objects.exists()
    assert "verplicht" in response.content.decode() or "Vul uw" in response.content.decode()


def test_nobody_deletes_someone_elses_registration(client, learner, other_learner):
    theirs = professional_registration_save(
        user=other_learner, register="registerplein", registration_number="9"
    )
    login(client, learner)
    response = client.post(f"/certificaten/registraties/{theirs.pk}/verwijderen/")
    assert response.status_code == 404
    assert ProfessionalRegistration.objects.filter(pk=theirs.pk).exists()


def test_holder_erase_removes_name_and_stored_pdf(
    learner, certificate, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from certificates.services import certificates_holder_erase

    path = Path(certificate.pdf.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
        assert certificates_holder_erase(user=learner) == 1
    certificate.refresh_from_db()
    assert not path.exists() and not certificate.pdf
    assert certificate.holder_name == "(verwijderd)" and certificate.holder_short_name == ""
