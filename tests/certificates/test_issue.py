"""Issuing: one certificate per completion, a snapshot at issue, the PDF after commit."""

import io
import threading

import pytest
from pypdf import PdfReader

from certificates.codes import ALPHABET, CODE_LENGTH
from certificates.models import Certificate
from certificates.services import certificate_issue, professional_registration_save
from tests.factories import CompletionFactory

pytestmark = pytest.mark.django_db


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_issue_snapshots_the_facts_and_renders_the_pdf_after_commit(
    learner, course, django_capture_on_commit_callbacks
):
    professional_registration_save(user=learner, register="skj", registration_number="100200300")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate = certificate_issue(completion=CompletionFactory(user=learner, course=course))
    renders = [c for c in callbacks if "outbox_add" in c.__qualname__]
    assert len(renders) == 1  # the render waits for the commit (queued from the outbox)
    certificate.refresh_from_db()
    assert not certificate.pdf
    renders[0]()
    certificate.refresh_from_db()

    assert len(certificate.code) == CODE_LENGTH and set(certificate.code) <= set(ALPHABET)
    assert certificate.holder_name == "Lieke Leerling"
    assert certificate.holder_short_name == "L. Leerling"
    assert certificate.course_title == course.title
    assert certificate.study_time_minutes == 90
    assert certificate.valid_until == certificate.completion.valid_until
    assert certificate.accreditations[0]["accreditation_id"] == "SKJ-12345"
    assert certificate.accreditations[0]["points"] == "3"
    assert certificate.registrations[0]["registration_number"] == "100200300"

    text = pdf_text(certificate)
    assert "Lieke Leerling" in text
    assert certificate.display_code in text
    assert course.title in text
    assert "100200300" in text and "SKJ-12345" in text


def test_the_pdf_is_one_a4_page_in_the_certificates_own_type(certificate):
    # The page's stylesheet lives apart from its HTML (kept parsed by the worker); a PDF
    # rendered without it would still hold the text, but not in these fonts.
    with certificate.pdf.open("rb") as handle:
        (page,) = PdfReader(io.BytesIO(handle.read())).pages
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)  # A4
    fonts = {str(font["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    # The name and title in bold, the verification code in bold monospace.
    assert fonts == {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Mono-Bold"}


def test_issue_is_idempotent_and_later_renames_change_nothing_issued(learner, course):
    completion = CompletionFactory(user=learner, course=course)
    first = certificate_issue(completion=completion)
    learner.last_name = "Anders"
    learner.save()
    again = certificate_issue(completion=completion)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    again.refresh_from_db()
    assert again.holder_name == "Lieke Leerling"


@pytest.mark.postgres
# The module's plain django_db mark would hide the serialized rollback that committed_db needs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issue_calls_make_exactly_one_certificate(committed_db, learner, course):
    completion = CompletionFactory(user=learner, course=course)
    barrier = threading.Barrier(8)
    results, errors = [], []

    def issue_once():
        from django.db import connection as thread_connection
        from django.db import transaction

        try:
            barrier.wait()
            with transaction.atomic():
                results.append(certificate_issue(completion=completion).pk)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=issue_once) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(completion=completion).count() == 1
    assert set(results) == {Certificate.objects.get(completion=completion).pk}
