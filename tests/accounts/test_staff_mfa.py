"""Staff must enrol in MFA before any staff page; learners may opt in."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from accounts import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/beheer/", "/rapportage/", "/django-beheer/"])
def test_staff_without_mfa_is_sent_to_mfa_setup(client, path):
    staff = UserFactory(email="zonder-mfa@example.org", role=roles.PROGRAMME_TEAM, mfa=False)
    client.force_login(staff)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_staff_with_mfa_reaches_reports(client, programme_user):
    client.force_login(programme_user)
    assert client.get("/rapportage/").status_code == 200


def test_removing_a_role_takes_effect_on_the_next_request(client, programme_user):
    client.force_login(programme_user)
    assert client.get("/rapportage/").status_code == 200
    programme_user.groups.clear()
    assert client.get("/rapportage/").status_code == 403


def test_mfa_secret_is_encrypted_at_rest(programme_user):
    from tests.factories import TEST_TOTP_SECRET

    authenticator = Authenticator.objects.get(user=programme_user, type="totp")
    assert TEST_TOTP_SECRET not in str(authenticator.data)


def test_learner_pages_do_not_require_mfa(client, learner):
    client.force_login(learner)
    assert client.get("/mijn/").status_code == 200


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_demo_totp_prints_a_six_digit_code(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_totp", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6
