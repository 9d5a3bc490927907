"""One voice: every allauth page, validator message and e-mail speaks Dutch with "u", in the
site's own layout, and every e-mail opens with the platform's name and signs off as the
programme."""

import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import PASSWORD

# "je", "jij", "jou", "jouw" as words; "u" is how the platform addresses people.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
ENGLISH = re.compile(r"\b(the|your|please|password|sign in|sign up|you)\b", re.IGNORECASE)


def _main(html: str) -> str:
    """The text of <main> without tags, so attribute values and scripts do not count."""
    body = html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", body)


def _assert_one_voice(response):
    html = response.content.decode()
    assert 'class="rhc-nav-bar' in html, "not rendered in the site's own layout"
    text = _main(html)
    assert not INFORMAL.search(text), INFORMAL.search(text).group(0) + ": " + text[:600]
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0) + ": " + text[:600]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_allauth_pages_for_visitors_speak_dutch_with_u_in_the_site_layout(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    _assert_one_voice(response)


@pytest.mark.django_db
def test_a_wrong_reset_link_speaks_dutch_with_u(client):
    response = client.get("/accounts/password/reset/key/1-bestaat-niet/")
    assert response.status_code == 200
    _assert_one_voice(response)
    assert "Vraag een nieuwe link aan" in response.content.decode()


@pytest.mark.django_db
def test_two_step_pages_speak_dutch_with_u(client, learner):
    client.force_login(learner)
    for path in ["/accounts/2fa/", "/accounts/2fa/totp/activate/", "/accounts/logout/"]:
        response = client.get(path)
        if response.status_code == 302 and "reauthenticate" in response["Location"]:
            response = client.get(response["Location"])
        assert response.status_code == 200, path
        _assert_one_voice(response)


@pytest.mark.django_db
def test_the_two_step_code_page_speaks_dutch_with_u(client, coordinator):
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}, follow=True
    )
    assert response.request["PATH_INFO"] == "/accounts/2fa/authenticate/"
    _assert_one_voice(response)
    assert "Vul de code uit uw authenticator-app in" in response.content.decode()


@pytest.mark.django_db
def test_password_validator_messages_are_dutch(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Fien",
            "last_name": "Fout",
            "email": "fien@example.org",
            "password1": "kort",
            "password2": "kort",
        },
    )
    html = response.content.decode()
    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in html
    assert "too short" not in html
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Fien",
            "last_name": "Fout",
            "email": "fien@example.org",
            "password1": "1234567890123",
            "password2": "1234567890123",
        },
    )
    assert "Dit wachtwoord bestaat alleen uit cijfers." in response.content.decode() or (
        "alleen cijfers" in response.content.decode()
    )


def _assert_platform_mail(body: str):
    assert body.startswith("Leerplatform Samen tegen mensenhandel\n"), body[:200]
    assert "Met vriendelijke groet,\nProgramma Samen tegen mensenhandel" in body, body[-300:]
    assert "Hello from" not in body and "Hallo van" not in body
    assert not INFORMAL.search(body), INFORMAL.search(body).group(0) + ": " + body


@pytest.mark.django_db
def test_allauth_mails_open_with_the_platform_and_sign_off_as_the_programme(client, learner):
    client.post(reverse("account_reset_password"), {"email": learner.email})
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Nieuw",
            "last_name": "Lid",
            "email": "een-stem@example.org",
            "password1": "Een-lang-wachtwoord-2026",
            "password2": "Een-lang-wachtwoord-2026",
        },
    )
    client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"})
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert message.subject.startswith("[Leerplatform] ")
        assert not INFORMAL.search(message.subject), message.subject
        _assert_platform_mail(message.body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "template",
    [
        "courses/emails/enrolment_decision.txt",
        "courses/emails/invitation.txt",
        "courses/emails/session_reminder.txt",
        "courses/emails/waitlist_promotion.txt",
        "certificates/email/expiry_reminder.txt",
        "reporting/email/monthly_report.txt",
    ],
)
def test_platform_mails_open_with_the_platform_and_sign_off_as_the_programme(learner, template):
    body = render_to_string(template, {"user": learner, "course": {"title": "Cursus"}})
    _assert_platform_mail(body)
