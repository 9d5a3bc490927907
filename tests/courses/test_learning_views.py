"""The learner's pages and POSTs: enrol, lesson, toets, my learning, and their query budgets."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.models import Certificate
from courses import services
from courses.models import Completion, CoursePage, Enrolment, LessonProgress, ToetsAttempt
from courses.selectors import page_states
from tests.factories import (
    EnrolmentFactory,
    LearningCourseFactory,
    SmallSessionFactory,
    answers_post,
    correct_answers,
    lessons_of,
    toetsen_of,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


def test_enrol_is_a_post_and_the_course_page_then_offers_to_start(client, learner):
    course = LearningCourseFactory()
    client.force_login(learner)
    url = reverse("courses:enrol", args=[course.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "U bent ingeschreven" in html
    assert "Begin met de cursus" in html
    assert 'role="progressbar"' in html
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_course_page_button_fits_the_mode(client, learner):
    approval = LearningCourseFactory(
        code="op-aanvraag", enrolment_mode=CoursePage.EnrolmentMode.APPROVAL
    )
    invited = LearningCourseFactory(
        code="op-uitnodiging", enrolment_mode=CoursePage.EnrolmentMode.INVITATION
    )
    anonymous = client.get(approval.url).content.decode()
    assert "Log in om u in te schrijven" in anonymous
    client.force_login(learner)
    assert "Vraag inschrijving aan" in client.get(approval.url).content.decode()
    assert "alleen op uitnodiging" in client.get(invited.url).content.decode()
    client.post(reverse("courses:enrol", args=[approval.pk]))
    assert "wacht op goedkeuring" in client.get(approval.url).content.decode()
    response = client.post(reverse("courses:enrol", args=[invited.pk]), follow=True)
    assert "alleen inschrijven op uitnodiging" in response.content.decode()
    assert not Enrolment.objects.filter(course=invited).exists()


def test_lesson_view_marks_started_and_complete_post_moves_on(client, learner):
    course = LearningCourseFactory(lessons=2)
    EnrolmentFactory(user=learner, course=course)
    first, second = lessons_of(course)
    client.force_login(learner)
    html = client.get(first.url).content.decode()
    assert "Les afronden" in html
    assert LessonProgress.objects.get(lesson=first).completed_at is None
    url = reverse("courses:lesson_complete", args=[first.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == second.url
    # A replayed POST changes nothing and is no error.
    assert client.post(url).status_code == 302
    assert LessonProgress.objects.filter(lesson=first, completed_at__isnull=False).count() == 1
    html = client.get(first.url).content.decode()
    assert "U heeft deze les afgerond" in html
    assert "1 van 3 onderdelen afgerond (33%)" in html


def test_lesson_complete_for_not_enrolled_changes_nothing(client, learner):
    course = LearningCourseFactory(lessons=1)
    client.force_login(learner)
    response = client.post(
        reverse("courses:lesson_complete", args=[lessons_of(course)[0].pk]), follow=True
    )
    assert "niet ingeschreven" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_toets_submit_scores_on_server_shows_feedback_and_ignores_forged_fields(client, learner):
    course = LearningCourseFactory(
        lessons=0, requires_all_lessons=False, toets_fields={"max_attempts": 3}
    )
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    client.force_login(learner)
    data = answers_post(wrong_answers(toets), uuid.uuid4())
    data.update({"score": "100", "passed": "true"})
    response = client.post(reverse("courses:toets_submit", args=[toets.pk]), data, follow=True)
    html = response.content.decode()
    assert "Niet geslaagd" in html
    assert "0 van 2 vragen goed" in html
    assert "Helaas." in html  # feedback of the chosen option
    assert "U heeft nog 2 pogingen over" in html
    assert not ToetsAttempt.objects.get().passed
    key = uuid.uuid4()
    url = reverse("courses:toets_submit", args=[toets.pk])
    client.post(url, answers_post(correct_answers(toets), key))
    client.post(url, answers_post(correct_answers(toets), key))  # double submit
    assert ToetsAttempt.objects.count() == 2
    assert Completion.objects.count() == 1
    html = client.get(toets.url).content.decode()
    assert "Geslaagd" in html


def test_toets_submit_without_key_is_refused(client, learner):
    course = LearningCourseFactory()
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    client.force_login(learner)
    response = client.post(reverse("courses:toets_submit", args=[toets.pk]), {}, follow=True)
    assert "ongeldig" in response.content.decode()
    assert not ToetsAttempt.objects.exists()


def test_finishing_the_last_step_completes_and_my_learning_shows_the_certificate(client, learner):
    course = LearningCourseFactory(lessons=1, toets=False, certificate_validity_months=12)
    EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)
    response = client.post(
        reverse("courses:lesson_complete", args=[lessons_of(course)[0].pk]), follow=True
    )
    html = response.content.decode()
    assert "Gefeliciteerd" in html
    certificate = Certificate.objects.get()
    assert f"/certificaten/{certificate.uuid}/pdf/" in html
    assert "Afgeronde cursussen" in html


def test_my_learning_lists_progress_next_step_sessions_and_expiring(client, learner, trainer):
    course = LearningCourseFactory(code="bezig", lessons=2, format=CoursePage.Format.BLENDED)
    EnrolmentFactory(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    session = SmallSessionFactory(course=course, trainer=trainer)
    services.session_register(user=learner, session=session)
    refresher = LearningCourseFactory(code="opfris", lessons=1, toets=False)
    done = LearningCourseFactory(
        code="klaar",
        lessons=1,
        toets=False,
        certificate_validity_months=1,
        refresher_course=refresher,
    )
    EnrolmentFactory(user=learner, course=done)
    services.lesson_complete(user=learner, lesson=lessons_of(done)[0])
    client.force_login(learner)
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert "1 van 3 onderdelen afgerond (33%)" in html
    assert "Volgende stap:" in html and "Les 2" in html
    assert "Utrecht" in html
    assert "binnenkort verlopen" in html
    assert refresher.url in html
    assert "Cursus klaar" in html


def _learning_queries(user, lesson) -> int:
    """Queries of the learning part of a lesson view: lesson_open plus the page state."""
    with CaptureQueriesContext(connection) as ctx:
        visit = services.lesson_open(user=user, lesson=lesson)
        state = page_states.lesson_page_state(user, lesson, visit=visit)
        assert state["is_enrolled"]
    return len(ctx.captured_queries)


def _lesson_view_queries(client, lesson) -> int:
    client.get(lesson.url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(lesson.url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_lesson_page_query_count_does_not_grow_with_the_course(client, learner):
    small = LearningCourseFactory(code="klein", lessons=5, modules=1)
    large = LearningCourseFactory(code="groot", lessons=50, modules=5)
    EnrolmentFactory(user=learner, course=small)
    EnrolmentFactory(user=learner, course=large)
    # Progress in both courses, which also keeps each course's page and structure in this
    # process (courses.outline): what follows compares the two courses alike.
    services.lesson_complete(user=learner, lesson=lessons_of(small)[0])
    for lesson in lessons_of(large)[:30]:
        services.lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)
    small_lesson, large_lesson = lessons_of(small)[2], lessons_of(large)[40]
    # First visit (writes the start and the resume point), then a return visit.
    first_small = _learning_queries(learner, small_lesson)
    assert first_small <= 8
    assert first_small == _learning_queries(learner, large_lesson)
    again_small = _learning_queries(learner, small_lesson)
    assert again_small <= first_small
    assert again_small == _learning_queries(learner, large_lesson)
    assert _lesson_view_queries(client, small_lesson) == _lesson_view_queries(client, large_lesson)


# Session bookkeeping that every logged-in request pays (Django's session, allauth's
# user-session tracking); the budget below is for the page itself.
MIDDLEWARE_TABLES = ("django_session", "usersessions_usersession", "SAVEPOINT")


def _my_learning_queries(client) -> tuple[int, int]:
    """(all queries of the request, queries of the page without the session bookkeeping)."""
    client.get(reverse("courses:my_learning"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("courses:my_learning"))
    assert response.status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    page = [sql for sql in sqls if not any(table in sql for table in MIDDLEWARE_TABLES)]
    return len(sqls), len(page)


def test_my_learning_query_count_is_constant(client, learner, trainer, other_learner):
    client.force_login(learner)
    small = LearningCourseFactory(code="klein", lessons=5, certificate_validity_months=1)
    EnrolmentFactory(user=learner, course=small)
    services.lesson_complete(user=learner, lesson=lessons_of(small)[0])
    SmallSessionFactory(course=small, trainer=trainer)
    baseline = _my_learning_queries(client)
    assert baseline[1] <= 10
    # A much longer history: more courses, lessons, completions and sessions.
    for n in range(4):
        course = LearningCourseFactory(
            code=f"extra-{n}", lessons=50, toets=True, certificate_validity_months=1
        )
        EnrolmentFactory(user=learner, course=course)
        for lesson in lessons_of(course)[: 10 * n]:
            services.lesson_complete(user=learner, lesson=lesson)
        services.session_register(
            user=learner,
            session=SmallSessionFactory(course=course, trainer=trainer),
        )
    done = LearningCourseFactory(
        code="klaar", lessons=1, toets=False, certificate_validity_months=1
    )
    EnrolmentFactory(user=learner, course=done)
    services.lesson_complete(user=learner, lesson=lessons_of(done)[0])
    assert _my_learning_queries(client) == baseline
