"""cms.home: the home page lists what apps above cms register (courses: the programme)."""

import pytest

from cms import home
from courses.models import CoursePage
from tests.factories import LearningCourseFactory

pytestmark = pytest.mark.django_db


def test_the_courses_app_registers_the_programmes_live_courses():
    live = LearningCourseFactory(code="zichtbaar")
    hidden = LearningCourseFactory(code="concept")
    CoursePage.objects.filter(pk=hidden.pk).update(live=False)
    listed = list(home.home_listings()["featured_courses"])
    assert live.specific in listed
    assert all(course.pk != hidden.pk for course in listed)


def test_a_registered_listing_reaches_the_home_page_context(client, monkeypatch):
    monkeypatch.setattr(home, "_listings", dict(home._listings))
    home.home_listing_register("extra", lambda: ["één", "twee"])
    from cms.models import HomePage

    page = HomePage.objects.first()
    response = client.get(page.url)
    assert response.status_code == 200
    assert response.context["extra"] == ["één", "twee"]
    assert "featured_courses" in response.context
