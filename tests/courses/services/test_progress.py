"""courses.services.progress: opening a lesson hands the page what it read; completing one."""

import pytest
from django.contrib.auth.models import AnonymousUser

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
