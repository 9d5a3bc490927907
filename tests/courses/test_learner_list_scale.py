"""The learner list of a course with 2,000 learners, timed on PostgreSQL.

Issue 21 asks under 300 ms for a page; `make bench` holds that budget on a quiet machine. Here,
on a shared machine, the page is measured like for like: against the same page of a course
with 50 learners, for the same coordinator, in the same run (median of the rounds after a
warm-up). Forty times the learners may not cost twice the time: a list that reads or renders
every learner fails. Run with `make test-services` (PostgreSQL); the timings are printed.
"""

import statistics
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import User, person_key_for
from courses.models import Completion, Enrolment, LessonProgress
from tests.factories import CoordinatorFactory, LearningCourseFactory, lessons_of

pytestmark = pytest.mark.postgres

LEARNERS = 2_000
REFERENCE_LEARNERS = 50


def _populate(course, learners: int) -> None:
    now = timezone.now()
    lessons = lessons_of(course)
    emails = [f"{course.code}{n:05d}@example.org" for n in range(learners)]
    User.objects.bulk_create(
        User(email=e, person_key=person_key_for(e), password="!", last_name=f"S{n:05d}")
        for n, e in enumerate(emails)
    )
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    Enrolment.objects.bulk_create(
        Enrolment(user=u, course=course, enrolled_at=now - timedelta(days=60)) for u in users
    )
    progress = []
    for n, user in enumerate(users):
        for i, lesson in enumerate(lessons[: n % (len(lessons) + 1)]):
            progress.append(
                LessonProgress(
                    user=user,
                    lesson=lesson,
                    course=course,
                    started_at=now - timedelta(days=50 - i),
                    completed_at=now - timedelta(days=49 - i),
                )
            )
    LessonProgress.objects.bulk_create(progress, batch_size=2_000)
    Completion.objects.bulk_create(
        Completion(
            person_key=u.person_key,
            user=u,
            course=course,
            course_code=course.code,
            course_title=course.title,
            completed_at=now - timedelta(days=10),
            source=Completion.Source.PLATFORM,
        )
        for n, u in enumerate(users)
        if n % (len(lessons) + 1) == len(lessons)
    )


def _median_seconds(client, path, params) -> float:
    client.get(path, params)  # warm-up
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(path, params)
        rounds.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(rounds)


def test_a_page_of_2000_learners_costs_what_a_page_of_50_does(client, coordinator):
    if connection.vendor != "postgresql":
        pytest.fail("Deze test heeft PostgreSQL nodig: make test-services")
    big = LearningCourseFactory(code="schaal", lessons=8, toets=True)
    small = LearningCourseFactory(code="klein", lessons=8, toets=True)
    for course, learners in ((big, LEARNERS), (small, REFERENCE_LEARNERS)):
        CoordinatorFactory(user=coordinator, course=course)
        _populate(course, learners)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client.force_login(coordinator)
    report = {}
    for label, params in (
        ("eerste pagina", {}),
        ("op voortgang, laatste pagina", {"sorteer": "-voortgang", "pagina": "last"}),
        ("bezig, op begonnen", {"status": "bezig", "sorteer": "begonnen"}),
    ):
        timings = [
            _median_seconds(client, reverse("courses:coordinator_course", args=[course.pk]), params)
            for course in (big, small)
        ]
        report[label] = timings
        print(f"{label}: {timings[0] * 1000:.0f} ms (2.000) / {timings[1] * 1000:.0f} ms (50)")
    assert (
        "2000 cursisten"
        in client.get(reverse("courses:coordinator_course", args=[big.pk])).content.decode()
    )
    for label, (big_seconds, small_seconds) in report.items():
        assert big_seconds < 2 * small_seconds, (label, report)
