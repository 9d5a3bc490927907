"""Exports and imports built by a real Celery worker through Redis (make test-services)."""

import time
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from courses.models import Completion
from reporting.imports import import_batch_queue, import_batch_validate
from reporting.models import ExportRequest, ImportBatch
from tests.factories import UserFactory

from .conftest import number_target, record

pytestmark = [
    pytest.mark.services,
    # The plain django_db mark would hide the serialized rollback that committed_db needs.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def wait_for(check, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_a_live_worker_builds_the_export_the_requester_downloads(celery_worker_live, client):
    number_target("buit-20000", goal=20000)
    record("a@example.org", "buit-basis", date(2025, 3, 1))
    team = UserFactory(email="team@example.org", role=roles.PROGRAMME_TEAM)
    client.force_login(team)
    client.post(
        reverse("reporting:export_request"),
        {"table": "doelen", "format": "xlsx", "peildatum": "2026-06-30"},
    )
    export = ExportRequest.objects.get()
    ready = wait_for(
        lambda: ExportRequest.objects.get(pk=export.pk).status == ExportRequest.Status.READY
    )
    assert ready, "de worker maakte de export niet binnen 60 seconden"
    download = client.get(reverse("reporting:export_download", kwargs={"uuid": export.uuid}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"PK")  # an XLSX is a zip


def test_a_live_worker_imports_a_confirmed_batch_once(celery_worker_live):
    team = UserFactory(email="team@example.org", role=roles.PROGRAMME_TEAM)
    csv = (
        b"email;voornaam;achternaam;organisatie;beroepsgroep;gemeente;afgerond_op\n"
        b"een@example.org;Een;Persoon;Jeugdzorg;Jeugdprofessional;GM0344;2025-03-01\n"
        b"twee@example.org;Twee;Persoon;Onderwijs;Leerkracht of docent;Utrecht;01-04-2025\n"
    )
    batch = import_batch_validate(
        file=SimpleUploadedFile("buit.csv", csv, "text/csv"),
        source="BUIT e-learning",
        course_code="buit-extern",
        user=team,
    )
    assert batch.status == ImportBatch.Status.VALIDATED
    import_batch_queue(batch=batch, user=team)
    imported = wait_for(
        lambda: ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.IMPORTED
    )
    assert imported, "de worker importeerde de batch niet binnen 60 seconden"
    assert Completion.objects.filter(course_code="buit-extern").count() == 2
