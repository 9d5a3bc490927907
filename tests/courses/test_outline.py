"""The course outline (courses.outline) and cached permission sets (accounts.backends).

Pages under /cursussen/ read their course's outline from the shared cache, kept under the
catalogue version. What a visitor notices must not change: an edit shows on the next request,
restrictions hold, a draft is not found. And the speed holds where a per-process copy gave up:
with a second site, with aliases, and while editors save drafts.
"""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses import outline
from courses.models import CoursePage
from tests.factories import (
    AccreditationFactory,
    CourseFactory,
    EnrolmentFactory,
    LessonFactory,
    ModuleFactory,
    paragraph,
)
from tests.plain_data import not_plain

pytestmark = pytest.mark.django_db


def _publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_published_edit_shows_on_the_next_request(client):
    course = CourseFactory(title="Oude titel")
    lesson = LessonFactory(
        parent=course, title="Eerste les", body=[paragraph("<p>Versie een.</p>")]
    )
    assert "Versie een." in client.get(lesson.url).content.decode()
    assert "Oude titel</a>" in client.get("/cursussen/").content.decode()

    _publish(lesson, body=[paragraph("<p>Versie twee.</p>")])
    _publish(CoursePage.objects.get(pk=course.pk), title="Nieuwe titel")

    assert "Versie twee." in client.get(lesson.url).content.decode()
    catalogue_html = client.get("/cursussen/").content.decode()
    assert "Nieuwe titel</a>" in catalogue_html and "Oude titel</a>" not in catalogue_html


def test_unpublished_and_moved_pages_follow_at_once(client):
    course = CourseFactory(code="een", title="Cursus een")
    other = CourseFactory(code="twee", title="Cursus twee")
    lesson = LessonFactory(parent=course, title="Verhuisde les")
    old_url = lesson.url
    assert client.get(old_url).status_code == 200

    lesson.move(other, pos="last-child")
    lesson.refresh_from_db()
    assert client.get(old_url)["Location"] == lesson.url  # Wagtail's redirect for a move
    assert "Verhuisde les" in client.get(lesson.url).content.decode()

    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_view_restrictions_hold_on_pages_under_the_catalogue(client, learner):
    course = CourseFactory(code="besloten", title="Besloten cursus")
    module = ModuleFactory(parent=course)
    lesson = LessonFactory(parent=module, title="Besloten les")
    CourseFactory(code="open", title="Open cursus")
    client.get(lesson.url)  # the outline and index are kept before the restriction exists

    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(lesson.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    listed = client.get("/cursussen/").content.decode()
    assert "Open cursus" in listed and "Besloten cursus" not in listed
    client.force_login(learner)
    assert "Besloten les" in client.get(lesson.url).content.decode()


def test_a_knowledge_check_answer_is_not_served_to_the_next_reader(client):
    course = CourseFactory()
    ja = {"text": "Ja", "is_correct": True, "feedback": ""}
    nee = {"text": "Nee", "is_correct": False, "feedback": ""}
    check = {
        "type": "knowledge_check",
        "value": {
            "question": "Is dit een signaal?",
            "multiple": False,
            "options": [
                {"type": "item", "value": ja, "id": "4b0c1d2e-0000-4000-8000-000000000002"},
                {"type": "item", "value": nee, "id": "4b0c1d2e-0000-4000-8000-000000000003"},
            ],
        },
        "id": "4b0c1d2e-0000-4000-8000-000000000001",
    }
    lesson = LessonFactory(parent=course, body=[check])
    ja_id = check["value"]["options"][0]["id"]
    answered = client.get(lesson.url, {f"kennischeck-{check['id']}": ja_id})
    assert "Goed gedaan" in answered.content.decode()
    assert "Goed gedaan" not in client.get(lesson.url).content.decode()


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


def test_building_an_outline_costs_the_same_queries_for_a_larger_course():
    small = CourseFactory(code="klein")
    LessonFactory(parent=ModuleFactory(parent=small))
    big = CourseFactory(code="groot", title="Groot")
    for n in range(4):
        module = ModuleFactory(parent=big, title=f"Module {n}")
        for m in range(5):
            LessonFactory(parent=module, title=f"Les {n}.{m}")
    # Once before counting: lookups a process makes a single time (content types) are not
    # the outline's cost.
    outline.outline_build(CoursePage.objects.get(pk=small.pk))
    small_cost = _queries(lambda: outline.outline_build(CoursePage.objects.get(pk=small.pk)))
    assert _queries(lambda: outline.outline_build(CoursePage.objects.get(pk=big.pk))) == small_cost
    built = outline.outline_build(CoursePage.objects.get(pk=big.pk))
    assert [m.title for m in built.modules] == [f"Module {n}" for n in range(4)]
    assert len(built.lessons) == 20 and len(built.structure.items) == 20


def test_an_outline_is_frozen_plain_data_kept_in_the_shared_cache():
    import dataclasses
    import pickle

    course = CourseFactory(code="bevroren")
    LessonFactory(parent=course, title="Les een")
    AccreditationFactory(course=course)
    kept = outline.course_outline(course.pk)
    with pytest.raises(dataclasses.FrozenInstanceError):
        kept.title = "Anders"
    # Plain data: it survives the trip through the cache unchanged, without a page object
    # and without a lazy translation (a choice's label), which is costly to unpickle.
    assert pickle.loads(pickle.dumps(kept)) == kept
    assert not_plain(kept) == []
    assert [lesson.title for lesson in kept.lessons] == ["Les een"]
    # Another process (its memo empty) reads it from the cache, not from the database.
    outline._Memo.version = None
    assert _queries(lambda: outline.course_outline(course.pk)) == 0


def test_a_second_site_aliases_and_saved_drafts_keep_pages_fast(client, learner):
    from wagtail.models import Page, Site

    from cms.models import ContentPage

    course = CourseFactory(code="snel", title="Snelle cursus")
    lesson = LessonFactory(parent=course, title="Les een")
    EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)
    client.get(lesson.url)
    warm = _queries(lambda: client.get(lesson.url))

    # A second site, and an alias of a content page in it.
    home = Page.objects.get(depth=2)
    other_root = home.add_sibling(instance=Page(title="Tweede site", slug="tweede"))
    Site.objects.create(hostname="tweede.example.org", root_page=other_root)
    about = ContentPage(title="Over ons", slug="over-ons")
    home.add_child(instance=about)
    about.create_alias(parent=other_root)
    client.get(lesson.url)
    assert _queries(lambda: client.get(lesson.url)) == warm

    # An editor saving a draft moves nothing a reader sees, so nothing is read again.
    version = outline.catalogue_version()
    draft = CoursePage.objects.get(pk=course.pk)
    draft.title = "Concepttitel"
    draft.save_revision()
    assert outline.catalogue_version() == version
    html = client.get(lesson.url).content.decode()
    assert "Snelle cursus" in html and "Concepttitel" not in html


def test_the_site_and_its_home_page_follow_an_edit_at_once(client, learner):
    """The site of a request and its home page are kept per process (cms.routing): a change
    an administrator makes to either shows on the next request, as without keeping."""
    from wagtail.models import Site

    from cms.models import HomePage

    lesson = LessonFactory(parent=CourseFactory(), title="Les een")
    client.force_login(learner)
    assert client.get("/").status_code == 200 and client.get(lesson.url).status_code == 200

    _publish(HomePage.objects.get(), title="Welkom terug")
    assert "Welkom terug" in client.get("/").content.decode()

    # The site no longer answers for every host name: this host is served nothing.
    site = Site.objects.get()
    site.is_default_site, site.hostname = False, "elders.example.org"
    site.save()
    assert client.get("/").status_code == 404
    assert client.get(lesson.url).status_code == 404
    site.is_default_site = True
    site.save()
    assert client.get(lesson.url).status_code == 200


def test_a_permission_granted_or_taken_shows_on_the_next_page(client, learner):
    client.force_login(learner)
    assert "Rapportage" not in client.get("/cursussen/").content.decode()
    permission = Permission.objects.get(codename="view_programme_dashboard")

    learner.user_permissions.add(permission)
    assert "Rapportage" in client.get("/cursussen/").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get("/cursussen/")
    assert not [q for q in ctx.captured_queries if "auth_permission" in q["sql"]]

    learner.user_permissions.remove(permission)
    assert "Rapportage" not in client.get("/cursussen/").content.decode()


def test_a_planned_session_and_its_registration_show_on_the_next_request(client, learner, trainer):
    from courses.services import session_register
    from tests.factories import EnrolmentFactory, SessionFactory

    course = CourseFactory(
        code="klas", title="Klassikale cursus", format=CoursePage.Format.CLASSROOM
    )
    LessonFactory(parent=course)
    EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)
    assert "Er zijn nog geen bijeenkomsten gepland." in client.get(course.url).content.decode()

    session = SessionFactory(course=course, trainer=trainer, title="Bijeenkomst Zwolle")
    html = client.get(course.url).content.decode()
    assert "Bijeenkomst Zwolle" in html and "Aangemeld" not in html

    session_register(user=learner, session=session)
    assert "Aangemeld" in client.get(course.url).content.decode()

    session.starts_at = session.starts_at.replace(year=2020)
    session.ends_at = session.ends_at.replace(year=2020)
    session.save()
    html = client.get(course.url).content.decode()
    # No longer offered; the learner's own past registration is listed with its attendance
    # (issue 17), not as a planned session.
    planned = html.split("Uw eerdere bijeenkomsten")[0]
    assert "Bijeenkomst Zwolle" not in planned and "Afmelden" not in planned
    assert "Bijeenkomst Zwolle" in html.split("Uw eerdere bijeenkomsten")[1]


def test_my_learning_counts_a_newly_published_lesson_on_the_next_request(client, learner):
    from courses import services
    from tests.factories import EnrolmentFactory

    course = CourseFactory(code="groei", title="Groeiende cursus")
    first = LessonFactory(parent=course, title="Les een")
    LessonFactory(parent=course, title="Les twee")
    EnrolmentFactory(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=first)
    client.force_login(learner)
    assert "1 van 2 onderdelen afgerond (50%)" in client.get("/mijn/").content.decode()

    LessonFactory(parent=course, title="Les drie")
    html = client.get("/mijn/").content.decode()
    assert "1 van 3 onderdelen afgerond (33%)" in html
