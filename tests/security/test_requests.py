"""Forged requests: every state-changing URL wants a CSRF token; no redirect leaves the site."""

import pytest
from django.test import Client

from courses.models import Enrolment, LessonProgress
from tests.security.conftest import ADMIN, LEARNER
from tests.security.test_role_matrix import EXPECTATIONS

pytestmark = pytest.mark.django_db

EVIL = "https://evil.example/"


def test_every_post_url_refuses_a_request_without_csrf_token(world):
    post_checks = [c for checks in EXPECTATIONS.values() for c in checks if c.method == "post"]
    assert len(post_checks) >= 10
    problems = []
    for role in (LEARNER, ADMIN):
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.users[role])
        for check in post_checks:
            path = check.path(world) if callable(check.path) else check.path
            response = client.post(path, check.data)
            if response.status_code != 403:
                problems.append(f"POST {path} als {role}: {response.status_code} zonder CSRF-token")
    assert not problems, "\n".join(problems)
    # Nothing happened: the lesson is not completed, course B's request is still pending.
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    world.pending_b.refresh_from_db()
    assert world.pending_b.status == Enrolment.Status.PENDING


def test_log_in_and_sign_up_want_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        assert client.post(path, {"login": "a@example.org", "password": "x"}).status_code == 403


def test_the_profile_form_does_not_redirect_off_site(world):
    client = Client()
    client.force_login(world.users[LEARNER])
    form = client.get("/profiel/").context["form"]
    data = {}
    for name, bound in form.fields.items():
        value = form.initial.get(name, bound.initial)
        if hasattr(value, "all"):
            value = list(value.all())
        if isinstance(value, (list, tuple)):
            value = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "pk"):
            value = value.pk
        data[name] = value if value is not None else ""
    response = client.post(f"/profiel/?next={EVIL}", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert not response["Location"].startswith(("http://", "https://", "//"))


@pytest.mark.parametrize("next_url", [EVIL, "//evil.example/", "https:evil.example"])
def test_log_in_does_not_redirect_off_site(world, next_url):
    client = Client()
    response = client.post(
        f"/accounts/login/?next={next_url}",
        {"login": world.users[LEARNER].email, "password": "een-lang-test-wachtwoord"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
