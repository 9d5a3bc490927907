"""The site root, the base layout and seed_demo's idempotency."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from cms.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_page_is_the_site_root_and_renders_in_dutch(client):
    assert HomePage.objects.count() == 1
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl" ' in html  # the NL Design System theme classes follow
    assert 'href="#inhoud"' in html  # skip link
    assert "<main" in html and "<nav" in html and "<footer" in html
    assert "Privacyverklaring" in html and "Toegankelijkheidsverklaring" in html


def test_seed_demo_is_idempotent_and_says_so(settings):
    settings.DEBUG = True
    first = StringIO()
    call_command("seed_demo", stdout=first)
    users = User.objects.count()
    assert users >= 6
    second = StringIO()
    call_command("seed_demo", stdout=second)
    assert User.objects.count() == users
    assert "aangemaakt" in first.getvalue()
    assert "Demo-accounts: niets aangemaakt, alle 6 bestonden al." in second.getvalue()
    assert "programmateam@example.org" in second.getvalue()


def test_seed_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


def test_demo_account_logs_in(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    response = client.post(
        "/accounts/login/",
        {"login": "cursist@example.org", "password": "Leerplatform-demo-2026"},
    )
    assert response.status_code == 302
    assert client.get("/mijn/").status_code == 200
