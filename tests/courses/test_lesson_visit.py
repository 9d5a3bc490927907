"""Opening a lesson reads the learner's enrolment and facts in one query: the same enrolment
and the same facts as the step-by-step reads, and only the learner's own."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import services
from courses.learner_reads import enrolment_and_facts
from courses.models import Enrolment, LessonProgress
from courses.outline import course_outline
from courses.selectors.progress import learner_facts
from tests.factories import (
    EnrolmentFactory,
    LearningCourseFactory,
    correct_answers,
    lessons_of,
    toetsen_of,
)

pytestmark = pytest.mark.django_db


def test_enrolment_and_facts_are_those_of_the_separate_reads(learner, other_learner):
    course = LearningCourseFactory(code="een", lessons=3, toets=True)
    other = LearningCourseFactory(code="twee", lessons=2, toets=False)
    assert enrolment_and_facts(learner, course.pk)[:2] == (
        None,
        learner_facts(learner, [course.pk])[course.pk],
    )
    for person in (learner, other_learner):
        EnrolmentFactory(user=person, course=course)
    EnrolmentFactory(user=learner, course=other)
    first, second, _third = lessons_of(course)
    services.lesson_complete(user=learner, lesson=first)
    LessonProgress.objects.filter(user=learner).update(
        completed_at=timezone.now() - timedelta(days=2, microseconds=5)
    )
    services.lesson_open(user=learner, lesson=second, outline=course_outline(course.pk))
    toets = toetsen_of(course)[0]
    services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
    )
    services.lesson_complete(user=other_learner, lesson=_third)
    services.lesson_complete(user=learner, lesson=lessons_of(other)[0])

    with CaptureQueriesContext(connection) as ctx:
        enrolment, facts = enrolment_and_facts(learner, course.pk)[:2]
    assert len(ctx.captured_queries) == 1
    expected = learner_facts(learner, [course.pk])[course.pk]
    assert facts == expected
    assert facts.started == {first.pk, second.pk, toets.pk}
    assert facts.done == {first.pk, toets.pk}  # nothing of the other learner or course
    assert all(moment.tzinfo is not None for moment in facts.done_at.values())
    stored = Enrolment.objects.get(user=learner, course=course)
    assert (enrolment.pk, enrolment.status, enrolment.enrolled_at, enrolment.last_page_id) == (
        stored.pk,
        stored.status,
        stored.enrolled_at,
        stored.last_page_id,
    )
    assert enrolment.source == stored.source  # a field not read comes when asked for


def test_a_lesson_page_shows_each_learner_their_own_state(client, learner, other_learner):
    course = LearningCourseFactory(code="een", lessons=3, toets=False)
    first, second, _third = lessons_of(course)
    for person in (learner, other_learner):
        EnrolmentFactory(user=person, course=course)
    services.lesson_complete(user=learner, lesson=first)
    services.lesson_complete(user=learner, lesson=second)
    client.force_login(learner)
    mine = client.get(second.url).content.decode()
    client.force_login(other_learner)
    theirs = client.get(second.url).content.decode()
    assert "U heeft deze les afgerond." in mine
    assert "U heeft deze les afgerond." not in theirs
    assert "Les afronden" in theirs
