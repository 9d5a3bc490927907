"""courses.services.progress: opening a lesson hands the page what it read; completing one."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from courses import services
from courses.models import LessonProgress
from courses.selectors import page_states
from tests.factories import EnrolmentFactory, LearningCourseFactory, lessons_of

pytestmark = pytest.mark.django_db


def test_opening_a_lesson_returns_what_the_page_state_needs(learner):
    course = LearningCourseFactory(lessons=2, toets=False)
    enrolment = EnrolmentFactory(user=learner, course=course)
    first = lessons_of(course)[0]
    visit = services.lesson_open(user=learner, lesson=first)
    assert visit.course.pk == course.pk and visit.enrolment.pk == enrolment.pk
    assert first.pk in visit.facts.started
    handed = page_states.lesson_page_state(learner, first, visit=visit)
    read_again = page_states.lesson_page_state(learner, first)
    assert handed["progress"] == read_again["progress"]
    assert handed["next_page"].id == read_again["next_page"].id == lessons_of(course)[1].pk


def test_opening_a_lesson_writes_nothing_for_others(learner):
    course = LearningCourseFactory(lessons=1, toets=False)
    lesson = lessons_of(course)[0]
    assert services.lesson_open(user=AnonymousUser(), lesson=lesson) is None
    visit = services.lesson_open(user=learner, lesson=lesson)
    assert visit.enrolment is None and visit.facts is None
    assert not LessonProgress.objects.exists()


def test_completing_a_lesson_points_to_the_next_step(learner):
    course = LearningCourseFactory(lessons=2, toets=False)
    EnrolmentFactory(user=learner, course=course)
    first, second = lessons_of(course)
    result = services.lesson_complete(user=learner, lesson=first)
    assert result.created and result.completion is None
    assert result.next_page.id == second.pk
    last = services.lesson_complete(user=learner, lesson=second)
    assert last.completion is not None and last.next_page is None


def test_completing_keeps_when_the_lesson_was_opened_and_a_replay_keeps_when_it_was_done(
    learner, monkeypatch
):
    course = LearningCourseFactory(lessons=3, toets=False)
    enrolment = EnrolmentFactory(user=learner, course=course)
    opened, unopened, _ = lessons_of(course)
    start = timezone.now()
    moments = iter([start + timedelta(hours=hour) for hour in range(10)])
    monkeypatch.setattr(timezone, "now", lambda: next(moments))
    services.lesson_open(user=learner, lesson=opened)  # hour 0

    assert services.lesson_complete(user=learner, lesson=opened).created  # hour 1
    assert services.lesson_complete(user=learner, lesson=unopened).created  # hour 2
    assert not services.lesson_complete(user=learner, lesson=opened).created  # a replay

    rows = {p.lesson_id: p for p in LessonProgress.objects.filter(user=learner)}
    assert rows[opened.pk].completed_at - rows[opened.pk].started_at == timedelta(hours=1)
    assert rows[unopened.pk].started_at == rows[unopened.pk].completed_at
    assert rows[unopened.pk].completed_at - rows[opened.pk].completed_at == timedelta(hours=1)
    enrolment.refresh_from_db()
    assert enrolment.started_at == rows[opened.pk].started_at
    assert enrolment.last_page_id == unopened.pk
