"""Each step of the one erasure routine, on any database (the full dump check is in
test_erasure_everywhere.py under `make test-services`)."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import AuditEvent
from accounts.privacy import account_erase
from courses import services as learning
from courses.models import Invitation
from elearning.models import OutboxEntry
from reporting.models import ImportBatch
from tests import factories
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_erasure_scrubs_logs_reports_and_invitations(learner, coordinator):
    course = factories.CourseFactory(code="wis-stappen", title="Stappen")
    certificate = CertificateFactory(
        user=learner, course=course
    )  # its PDF still to be made (the commit never comes)
    assert OutboxEntry.objects.filter(key=f"certificaat-pdf:{certificate.pk}").exists()
    learning.invitations_send(course=course, emails=[learner.email], invited_by=coordinator)
    learner.groups.add(Group.objects.get(name=roles.TRAINER))  # the audit log names them
    batch = ImportBatch.objects.create(
        source_name="BUIT",
        course_code="buit-extern",
        file_name="buit.csv",
        file_sha256="0" * 64,
        status=ImportBatch.Status.REFUSED,
        report=[{"line": 3, "message": f"{learner.email.upper()} staat er twee keer in"}],
    )
    assert AuditEvent.objects.filter(target__icontains=learner.email).exists()

    account_erase(user=learner)

    assert not Invitation.objects.filter(email__iexact=learner.email).exists()
    for event in AuditEvent.objects.all():
        text = f"{event.actor_label} {event.target} {event.details}".lower()
        assert learner.email not in text and "leerling" not in text
    batch.refresh_from_db()
    assert batch.report == [{"line": 3, "message": "(verwijderd) staat er twee keer in"}]
    certificate.refresh_from_db()
    assert certificate.holder_erased_at is not None
    assert certificate.holder_name == "(verwijderd)" and certificate.holder_short_name == ""
    assert certificate.status() == "verwijderd"
    # No PDF is made for the erased holder afterwards, nor their "ready" e-mail sent.
    assert not OutboxEntry.objects.filter(
        key=f"certificaat-pdf:{certificate.pk}", done_at__isnull=True
    ).exists()
