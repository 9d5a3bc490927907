"""Erasure that erases: after one routine, the database and the media folder hold neither the
person's name nor their e-mail address, and their completion keeps counting.

On PostgreSQL with committed rows (`make test-services`): a learner who did everything the
platform records (profile, log-in, lesson, toets answers, certificate with PDF, a register
number, an invitation, a seat at a session, a role given and taken) and a programme-team
member who asked for exports are erased through the page and the routine. Then
`pg_dump --data-only` of the test database and every file under MEDIA_ROOT (PDF text and
spreadsheet contents included) are searched; the same search finds them before erasure.
"""

import io
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from accounts import roles
from accounts.privacy import account_erase
from certificates.models import Certificate
from certificates.services import professional_registration_save
from courses import services as learning
from courses.models import Completion
from reporting.counters import Scope, trained_count
from reporting.exports import export_request
from reporting.models import ExportRequest
from tests import factories
from tests.factories import PASSWORD, UserFactory
from tests.reporting.conftest import number_target

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEARNER = {
    "email": "eva.wisselink@example.org",
    "first_name": "Evangelina",
    "last_name": "Wisselink",
}
STAFF = {
    "email": "pim.programmeur@example.org",
    "first_name": "Pimpernel",
    "last_name": "Programmeur",
}
NEEDLES = [LEARNER["email"], "Evangelina", "Wisselink", STAFF["email"], "Pimpernel", "Programmeur"]


def _dump() -> str:
    settings = connection.settings_dict
    result = subprocess.run(
        ["pg_dump", "--data-only", "--no-owner", "-h", settings.get("HOST") or "127.0.0.1",
         "-p", str(settings.get("PORT") or 5432), "-U", settings.get("USER") or "postgres",
         settings["NAME"]],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    return result.stdout.decode("utf-8", errors="replace")


def _media_text(root) -> str:
    """Everything readable in the media folder: PDF text, spreadsheet XML, raw bytes."""
    parts = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        parts.append(data.decode("utf-8", errors="replace"))
        if data.startswith(b"%PDF"):
            reader = PdfReader(io.BytesIO(data))
            parts += [page.extract_text() for page in reader.pages]
        elif data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return "\n".join(parts)


def _found(text: str) -> list[str]:
    lowered = text.lower()
    return [needle for needle in NEEDLES if needle.lower() in lowered]


def test_an_erased_person_is_nowhere_in_the_database_dump_or_the_media_folder(
    client, settings, trainer, coordinator
):
    today = timezone.localdate()
    target = number_target(
        codes=("wis-basis",), period_start=today - timedelta(days=30), deadline=date(2030, 1, 1)
    )
    learner = UserFactory(**LEARNER)
    staff = UserFactory(role=roles.PROGRAMME_TEAM, **STAFF)
    course = factories.CourseFactory(code="wis-basis", title="Wissen en weten")
    module = factories.ModuleFactory(parent=course)
    lesson = factories.LessonFactory(parent=module)
    toets = factories.ToetsFactory(
        parent=module,
        questions=[
            factories.question(
                "Wat is een signaal?",
                [factories.option("Een aanwijzing", correct=True), factories.option("Niets")],
            )
        ],
    )
    professional_registration_save(user=learner, register="skj", registration_number="777000111")
    learning.invitations_send(course=course, emails=[learner.email], invited_by=coordinator)
    learning.enrolment_request(user=learner, course=course)
    learning.session_register(
        user=learner, session=factories.SessionFactory(course=course, trainer=trainer)
    )
    learner.groups.add(Group.objects.get(name=roles.TRAINER))  # audited with their address
    learner.groups.remove(Group.objects.get(name=roles.TRAINER))
    assert (
        client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD}).status_code
        == 302
    )
    assert client.post(f"/leren/les/{lesson.pk}/afronden/").status_code == 302
    block = toets.questions.raw_data[0]
    correct = [o["id"] for o in block["value"]["options"] if o["value"]["is_correct"]]
    client.post(
        f"/leren/toets/{toets.pk}/inleveren/",
        {"submission_key": "5b7c1e0a-1d2e-4f60-8a9b-0c1d2e3f4a5b", f"vraag-{block['id']}": correct},
    )
    certificate = Certificate.objects.get(completion__user=learner)
    assert certificate.pdf  # rendered (eager tasks) and stored
    scope = Scope(as_of=today)
    for table in ("doelen", "ketenregisseurs"):
        export_request(user=staff, table=table, format="xlsx", scope=scope)
    assert ExportRequest.objects.filter(status=ExportRequest.Status.READY).count() == 2
    counted = trained_count(target, scope)
    assert counted == 1
    # The search can fail: before erasure it finds both people.
    assert set(_found(_dump())) == set(NEEDLES)
    assert {"Evangelina", "Wisselink"} <= set(_found(_media_text(settings.MEDIA_ROOT)))

    # The learner erases their own account on the page; the staff member is erased by the routine.
    response = client.post("/profiel/verwijderen/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    account_erase(user=staff)

    assert _found(_dump()) == []
    assert _found(_media_text(settings.MEDIA_ROOT)) == []
    assert not list(settings.MEDIA_ROOT.rglob("*.pdf"))
    assert trained_count(target, scope) == counted  # the pseudonymous completion counts
    assert Completion.objects.filter(user__isnull=True, course_code="wis-basis").count() == 1
    html = client.get(f"/certificaten/verifieer/{certificate.code}/").content.decode()
    assert "Certificaat niet meer beschikbaar" in html
    assert "E. Wisselink" not in html and "Geldig certificaat" not in html
    assert not client.get("/mijn/").wsgi_request.user.is_authenticated
