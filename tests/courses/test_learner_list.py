"""The coordinator's learner list: 50 a page, sorted and filtered in the database, the real
start date, a query count that does not grow with the learners, and a complete export."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Municipality, Region, RegionKind
from accounts.services import profile_update
from courses import services
from courses.models import Completion, SessionRegistration
from tests.factories import (
    EnrolmentFactory,
    LearningCourseFactory,
    SmallSessionFactory,
    UserFactory,
    lessons_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(coordinator):
    return LearningCourseFactory(code="lijst", lessons=2, toets=False, coordinated_by=coordinator)


def url(course, **params):
    return reverse("courses:coordinator_course", args=[course.pk]), params


def emails_shown(html: str) -> list[str]:
    return re.findall(r'<span class="meta">([^<]+@example\.org)</span>', html)


def learners(course, count: int, prefix="cursist") -> list:
    people = []
    for n in range(count):
        person = UserFactory(
            email=f"{prefix}{n:03d}@example.org", profile=False, last_name=f"L{n:03d}"
        )
        EnrolmentFactory(user=person, course=course)
        people.append(person)
    return people


def test_fifty_a_page_and_the_count_of_all(client, coordinator, course):
    people = learners(course, 53)
    client.force_login(coordinator)
    path, _ = url(course)
    first = client.get(path).content.decode()
    assert len(emails_shown(first)) == 50
    assert "53 cursisten" in first and "Pagina 1 van 2" in first
    second = client.get(path, {"pagina": 2}).content.decode()
    assert emails_shown(second) == [p.email for p in people[50:]]
    # A filtered list keeps its filters in the page links.
    filtered = client.get(path, {"status": "niet-begonnen", "sorteer": "-naam"}).content.decode()
    assert "status=niet-begonnen&amp;sorteer=-naam&amp;pagina=2" in filtered
    assert emails_shown(filtered)[0] == people[-1].email


def test_sorted_by_progress_status_and_start(client, coordinator, course):
    slow, fast, idle = learners(course, 3)
    first, second = lessons_of(course)
    services.lesson_open(user=slow, lesson=first)
    services.lesson_complete(user=fast, lesson=first)
    services.lesson_complete(user=fast, lesson=second)
    client.force_login(coordinator)
    path, _ = url(course)
    by_progress = emails_shown(client.get(path, {"sorteer": "-voortgang"}).content.decode())
    assert by_progress == [fast.email, slow.email, idle.email]
    by_status = emails_shown(client.get(path, {"sorteer": "status"}).content.decode())
    assert by_status == [idle.email, slow.email, fast.email]
    html = client.get(path, {"sorteer": "-voortgang"}).content.decode()
    assert 'aria-sort="descending"' in html
    # The header link turns the order round.
    assert "sorteer=voortgang" in html


def test_filters_by_region_organisation_and_session(client, coordinator, course, trainer):
    utrecht, amsterdam = learners(course, 2)
    for person, cbs, organisation in (
        (utrecht, "GM0344", "Jeugdzorg Utrecht"),
        (amsterdam, "GM0363", "GGD Amsterdam"),
    ):
        profile_update(
            user=person,
            organisation_name=organisation,
            organisation_kind="jeugdzorg",
            profession=None,
            functions=[],
            municipality=Municipality.objects.get(cbs_code=cbs),
        )
    kind = RegionKind.objects.get_or_create(slug="riec-test", defaults={"name": "RIEC"})[0]
    midden = Region.objects.create(kind=kind, code="midden-nl", name="Midden-Nederland")
    midden.municipalities.add(Municipality.objects.get(cbs_code="GM0344"))
    session = SmallSessionFactory(course=course, trainer=trainer)
    SessionRegistration.objects.create(
        session=session, user=amsterdam, status=SessionRegistration.Status.REGISTERED
    )
    client.force_login(coordinator)
    path, _ = url(course)
    page = client.get(path).content.decode()
    assert "Midden-Nederland" in page and "GGD Amsterdam" in page
    assert emails_shown(client.get(path, {"regio": midden.pk}).content.decode()) == [utrecht.email]
    organisation = amsterdam.profile.organisation
    assert emails_shown(client.get(path, {"organisatie": organisation.pk}).content.decode()) == [
        amsterdam.email
    ]
    assert emails_shown(client.get(path, {"bijeenkomst": session.pk}).content.decode()) == [
        amsterdam.email
    ]
    # Another course's session is no filter here: the choice is refused and nothing filters.
    other = SmallSessionFactory(
        course=LearningCourseFactory(code="ander", lessons=1, toets=False), trainer=trainer
    )
    response = client.get(path, {"bijeenkomst": other.pk})
    assert len(emails_shown(response.content.decode())) == 2


def test_started_is_the_real_start_also_for_completed_learners(
    client, coordinator, course, monkeypatch
):
    learner, imported = learners(course, 2)
    first, second = lessons_of(course)
    opened = timezone.now() - timedelta(days=40)
    with monkeypatch.context() as forty_days_ago:
        forty_days_ago.setattr(timezone, "now", lambda: opened)
        services.lesson_open(user=learner, lesson=first)
    services.lesson_complete(user=learner, lesson=first)
    services.lesson_complete(user=learner, lesson=second)
    done = timezone.now() - timedelta(days=300)
    Completion.objects.create(
        person_key=imported.person_key,
        user=imported,
        course=course,
        course_code=course.code,
        course_title=course.title,
        completed_at=done,
        source=Completion.Source.IMPORT,
    )
    client.force_login(coordinator)
    path, _ = url(course)
    html = client.get(path, {"sorteer": "begonnen"}).content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert imported.email in rows[0] and learner.email in rows[1]
    for row in rows:
        assert "Afgerond" in row
    assert timezone.localtime(done).strftime("%-d-%-m-%Y") in rows[0]
    assert timezone.localtime(opened).strftime("%-d-%-m-%Y") in rows[1]
    assert "–</td>\n          <td>" not in rows[1].split("Afgerond")[1].split("</tr>")[0][:200]
    export = client.get(reverse("courses:coordinator_course_export", args=[course.pk]))
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    started = {line[0]: line[6] for line in lines[1:]}
    assert started[learner.email] == timezone.localtime(opened).strftime("%d-%m-%Y")
    assert started[imported.email] == timezone.localtime(done).strftime("%d-%m-%Y")


def _queries(client, path, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


# Session, user, the staff and role checks, course, the count and the page of enrolments, and
# the filter choices (regions, organisations, sessions); the structure of a live course is kept
# under the catalogue version (courses.selectors.progress.course_structure). Pinned: it must not
# grow with the number of learners, their progress, the page or the sort.
# The same on SQLite and PostgreSQL, now that the session is read from the database on both.
LEARNER_LIST_QUERIES = 12


def test_query_count_is_pinned_and_flat(client, coordinator, course, django_assert_num_queries):
    people = learners(course, 3)
    first, _second = lessons_of(course)
    services.lesson_complete(user=people[0], lesson=first)
    client.force_login(coordinator)
    path, _ = url(course)
    client.get(path)  # warm the per-process caches (content types, catalogue snapshot)
    with django_assert_num_queries(LEARNER_LIST_QUERIES):
        client.get(path)
    more = learners(course, 60, prefix="meer")
    for person in more[:20]:
        services.lesson_complete(user=person, lesson=first)
    with django_assert_num_queries(LEARNER_LIST_QUERIES):
        client.get(path, {"sorteer": "-voortgang", "pagina": 2})
    with django_assert_num_queries(LEARNER_LIST_QUERIES):
        client.get(path, {"status": "bezig"})
    first, second = lessons_of(course)
    for person in more[5:]:  # 55 complete the course: a second page of completed learners
        services.lesson_complete(user=person, lesson=first)
        services.lesson_complete(user=person, lesson=second)
    with django_assert_num_queries(LEARNER_LIST_QUERIES):
        response = client.get(path, {"status": "afgerond", "sorteer": "-begonnen", "pagina": 2})
    assert len(emails_shown(response.content.decode())) == 5


def test_export_is_complete_whatever_the_page(client, coordinator, course):
    people = learners(course, 57)
    client.force_login(coordinator)
    export = client.get(
        reverse("courses:coordinator_course_export", args=[course.pk]), {"pagina": 2}
    )
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(line[0] for line in lines[1:]) == sorted(p.email for p in people)
