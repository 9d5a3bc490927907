"""The page chrome (header, navigation, footer) is rendered once per variant and kept in the
process (elearning.templatetags.page_chrome); what each reader sees must stay their own."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests.factories import EnrolmentFactory, LearningCourseFactory, lessons_of

pytestmark = pytest.mark.django_db

LOGOUT_FORM = re.compile(
    r'<form method="post" action="/accounts/logout/" class="inline-form">\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]*)">'
)


def _nav(html: str) -> str:
    return html[html.index('<nav class="rhc-nav-bar__container') : html.index("</nav>")]


@pytest.fixture
def lesson(learner):
    course = LearningCourseFactory()
    EnrolmentFactory(user=learner, course=course)
    return lessons_of(course)[0]


def test_the_log_out_form_carries_a_valid_token_of_its_own_request(learner, lesson):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    tokens = [LOGOUT_FORM.search(client.get(lesson.url).content.decode()) for _ in range(2)]
    assert all(tokens)
    first, second = (match.group(1) for match in tokens)
    assert first != second  # masked anew for each request, never a kept copy
    assert re.fullmatch(r"[A-Za-z0-9]{64}", second)

    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": second})
    assert response.status_code == 302
    assert client.get(reverse("courses:my_learning")).status_code == 302  # signed out


def test_each_reader_sees_their_own_navigation(client, learner, programme_user, lesson):
    client.force_login(programme_user)
    staff_nav = _nav(client.get(lesson.url).content.decode())
    assert "Rapportage" in staff_nav and "Uitloggen" in staff_nav

    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Rapportage" not in _nav(html) and "Beheer" not in _nav(html)
    assert 'href="/cursussen/" aria-current="page">Cursussen</a>' in _nav(html)
    assert 'href="/mijn/">Mijn leren</a>' in _nav(html)
    mine = _nav(client.get(reverse("courses:my_learning")).content.decode())
    assert 'href="/mijn/" aria-current="page">Mijn leren</a>' in mine
    assert 'href="/cursussen/">Cursussen</a>' in mine
    profile = _nav(client.get("/profiel/").content.decode())
    assert 'href="/profiel/" aria-current="page">Profiel</a>' in profile

    client.logout()
    anonymous = _nav(client.get(lesson.url).content.decode())
    assert "Inloggen" in anonymous and "Uitloggen" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_admin_access_given_shows_beheer_and_the_user_bar_on_the_next_page(client, learner, lesson):
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Beheer" not in _nav(html) and "wagtail-userbar" not in html

    learner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    html = client.get(lesson.url).content.decode()
    assert 'href="/beheer/">Beheer</a>' in _nav(html)
    assert "wagtail-userbar" in html
