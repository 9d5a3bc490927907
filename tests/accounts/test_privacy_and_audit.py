"""AVG rights (own data, erasure), removal of unverified accounts, and the audit log."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import AuditEvent, Erasure, User
from accounts.privacy import unverified_accounts_remove
from courses.completion import completion_record
from courses.models import Completion
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _complete(user, code="buit-basis"):
    return completion_record(
        person_key=user.person_key,
        user=user,
        course_code=code,
        course_title="BUIT-basis",
        completed_at=timezone.now(),
        source=Completion.Source.PLATFORM,
    ).completion


def test_learner_downloads_all_their_data_as_json(client, learner):
    _complete(learner)
    client.force_login(learner)
    response = client.get("/profiel/gegevens/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "leerling@example.org"
    assert data["profiel"]["gemeente"] == "Utrecht"
    assert [c["cursus"] for c in data["afrondingen"]] == ["BUIT-basis"]


def test_erasure_needs_the_password_and_keeps_the_pseudonymous_completion(client, learner):
    completion = _complete(learner)
    key = learner.person_key
    client.force_login(learner)
    response = client.post("/profiel/verwijderen/", {"password": "fout", "confirm": "on"})
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()

    response = client.post("/profiel/verwijderen/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="leerling@example.org").exists()
    completion.refresh_from_db()
    assert completion.user is None and completion.person_key == key
    assert Erasure.objects.filter(person_key=key).exists()
    # The session ended with the account.
    assert client.get("/mijn/").status_code == 302


def test_unverified_accounts_are_removed_after_the_retention_period(settings):
    settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS = 30
    old = User.objects.create_user(email="oud@example.org", password=PASSWORD)
    User.objects.filter(pk=old.pk).update(date_joined=timezone.now() - timedelta(days=31))
    fresh = User.objects.create_user(email="vers@example.org", password=PASSWORD)
    assert unverified_accounts_remove() == 1
    assert not User.objects.filter(pk=old.pk).exists()
    assert User.objects.filter(pk=fresh.pk).exists()


def test_role_changes_are_audited(learner):
    learner.groups.add(Group.objects.get(name=roles.TRAINER))
    learner.groups.remove(Group.objects.get(name=roles.TRAINER))
    actions = list(AuditEvent.objects.order_by("at").values_list("action", flat=True))
    assert actions[-2:] == ["role_added", "role_removed"]


def test_audit_log_is_append_only(learner):
    learner.groups.add(Group.objects.get(name=roles.TRAINER))
    event = AuditEvent.objects.latest("at")
    event.target = "iets anders"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_staff_login_asks_for_the_mfa_code_and_is_audited(client, programme_user):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.factories import TEST_TOTP_SECRET

    response = client.post(
        "/accounts/login/", {"login": programme_user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not AuditEvent.objects.filter(action="staff_login").exists()
    counter = int(timezone.now().timestamp()) // 30
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="staff_login")
    assert event.actor_label == programme_user.email
