"""Keys a request reads anyway, fetched with its first version read (elearning.versions):
a lesson page asks the cache once for the catalogue version and the reader's permission set,
and what it sees stays what a separate read would have shown."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from elearning import versions
from tests.factories import EnrolmentFactory, LearningCourseFactory, lessons_of

pytestmark = pytest.mark.django_db

READS = ("get", "get_many", "add", "set", "set_many")


@pytest.fixture
def cache_reads(monkeypatch):
    """The calls the page makes to the real cache, by name (the cache still answers; a call
    the cache makes to itself, as locmem's get_many to get, is not counted)."""
    calls, inside = [], []
    for name in READS:
        real = getattr(cache, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            if not inside:
                calls.append(_name)
            inside.append(_name)
            try:
                return _real(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, counted)
    return calls


def test_a_warm_lesson_page_asks_the_cache_once(client, learner, cache_reads):
    course = LearningCourseFactory()
    EnrolmentFactory(user=learner, course=course)
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    client.get(lesson.url)
    cache_reads.clear()

    assert client.get(lesson.url).status_code == 200
    assert cache_reads == ["get_many"]


def test_a_permission_given_in_between_shows_on_a_lesson_page(client, learner):
    course = LearningCourseFactory()
    EnrolmentFactory(user=learner, course=course)
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    assert "Rapportage" not in client.get(lesson.url).content.decode()

    learner.user_permissions.add(Permission.objects.get(codename="view_programme_dashboard"))
    assert "Rapportage" in client.get(lesson.url).content.decode()


def test_what_was_read_along_is_handed_over_once_and_dropped_by_a_change():
    cache.set_many({"along:a": 1, "along:version": 7})
    versions.read_along_register(lambda: ["along:a", "along:b"])
    versions.read_along_request_started()
    try:
        versions.versions_current(["along:version"])
        assert versions.read_along_taken(["along:a", "along:b"]) == {"along:a": 1}
        assert versions.read_along_taken(["along:a"]) is None  # once only

        versions.read_along_request_started()  # the next request
        versions.versions_current(["along:version"])
        versions.version_bump("along:version")
        assert versions.read_along_taken(["along:a"]) is None
    finally:
        versions.read_along_request_finished()
        versions._read_along.pop()
    assert versions.read_along_taken(["along:a"]) is None  # outside a request: never
