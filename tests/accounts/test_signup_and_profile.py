"""Sign-up by e-mail, mandatory verification, log-in, and the profile asked afterwards."""

import re

import pytest
from django.core import mail

from accounts.models import Function, Municipality, Profession, User, person_key_for

pytestmark = pytest.mark.django_db

STRONG = "mensenhandel-herkennen-2026"


def _signup(client, email="nieuw@example.org", password=STRONG):
    return client.post(
        "/accounts/signup/",
        {
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": email,
            "password1": password,
            "password2": password,
        },
    )


def test_signup_sends_a_dutch_verification_email_and_login_waits_for_it(client):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert (user.first_name, user.last_name) == ("Nina", "Nieuw")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@example.org"]
    assert "bevestig" in (message.subject + message.body).lower()

    client.logout()
    response = client.post("/accounts/login/", {"login": "nieuw@example.org", "password": STRONG})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "bevestig" in response["Location"]

    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    response = client.get("/mijn/")
    # A fresh account has no profile yet: the platform asks for it first.
    assert response.status_code == 302
    assert response["Location"].startswith("/profiel/")


def test_email_is_unique_regardless_of_case(client):
    _signup(client, email="Dubbel@Example.org")
    client.logout()
    _signup(client, email="dubbel@example.ORG")
    assert User.objects.filter(email__iexact="dubbel@example.org").count() == 1


def test_short_and_common_passwords_are_refused_in_dutch(client):
    response = _signup(client, password="kort")
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "12" in response.content.decode()


def test_person_key_ignores_case_and_spaces():
    assert person_key_for(" Iemand@Example.org ") == person_key_for("iemand@example.org")
    assert person_key_for("a@example.org") != person_key_for("b@example.org")


def test_profile_form_stores_what_reports_need(client, learner):
    learner.profile.completed_at = None
    learner.profile.save()
    client.force_login(learner)
    assert client.get("/mijn/").status_code == 302
    response = client.post(
        "/profiel/?next=/mijn/",
        {
            "organisation_name": "Veilig Thuis Twente",
            "organisation_kind": "zorg",
            "profession": Profession.objects.get(slug="maatschappelijk-werker").pk,
            "functions": [Function.objects.get(slug="aandachtsfunctionaris").pk],
            "municipality": Municipality.objects.get(cbs_code="GM0153").name,  # typed, not chosen
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    learner.profile.refresh_from_db()
    assert learner.profile.organisation.name == "Veilig Thuis Twente"
    assert learner.profile.municipality.name == "Enschede"
    assert [f.slug for f in learner.profile.functions.all()] == ["aandachtsfunctionaris"]
    assert client.get("/mijn/").status_code == 200


def test_profile_form_explains_missing_fields(client, learner):
    client.force_login(learner)
    response = client.post("/profiel/", {"organisation_name": ""})
    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.content.decode()
