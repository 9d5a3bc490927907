"""Every way into the admins goes through allauth, so the second step (TOTP) always applies.

Wagtail's own log-in form checked only the password: a staff member (or whoever had their
password) got into /beheer/ and every staff page without the TOTP code. It is replaced by a
redirect to allauth; Wagtail's own password and e-mail forms are off as well.
"""

import pytest
from django.test import Client

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_wagtails_login_form_logs_nobody_in(administrator):
    client = Client()
    response = client.post(
        "/beheer/login/", {"username": administrator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/")["Location"].startswith("/accounts/login/")


def test_the_admin_login_sends_people_to_allauth_and_keeps_where_they_were_going():
    response = Client().get("/beheer/login/?next=/beheer/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fbeheer%2Fpages%2F"
    response = Client().get("/beheer/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fbeheer%2F"


def test_a_staff_log_in_through_allauth_asks_for_the_totp_code(administrator):
    client = Client()
    response = client.post(
        "/accounts/login/?next=/beheer/", {"login": administrator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/")["Location"].startswith("/accounts/login/")


def test_the_django_admin_login_form_logs_nobody_in(administrator):
    client = Client()
    client.post("/django-beheer/login/", {"username": administrator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_wagtails_own_password_reset_and_account_forms_are_off(administrator):
    response = Client().get("/beheer/password_reset/")
    assert response.status_code == 404
    client = Client()
    client.force_login(administrator)
    html = client.get("/beheer/account/").content.decode()
    assert 'name="password-old_password"' not in html
    assert 'name="name_email-email"' not in html
