"""The gate's reading of a person's round: the same answers as the step-by-step rules, in one
query, whatever the person did in the course so far."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Completion, Enrolment, LessonPage, LessonProgress
from courses.outline import course_outline
from effect.models import Response
from effect.services import moment_due, posttest_due, pretest_due, round_state
from tests.effect.factories import make_measured_course
from tests.factories import CompletionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def states(learner, course):
    """(voormeting due, nameting due) by the gate's one query, checked against the rules."""
    outline = course_outline(course.pk)
    with CaptureQueriesContext(connection) as ctx:
        due = moment_due(user=learner, course=outline, pretest=True, posttest=True)
    assert len(ctx.captured_queries) == 1
    state = round_state(user=learner, course=course)
    assert (state.pretest_due, state.posttest_due) == (
        pretest_due(user=learner, course=course),
        posttest_due(user=learner, course=course),
    )
    assert due == (
        Response.Moment.VOOR
        if state.pretest_due
        else Response.Moment.NA
        if state.posttest_due
        else None
    )
    return state.pretest_due, state.posttest_due


def respond(learner, course, moment, round_):
    Response.objects.create(
        person_key=learner.person_key,
        user=learner,
        course=course,
        course_code=course.code,
        round=round_,
        moment=moment,
        submitted_at=timezone.now(),
    )


def test_the_round_state_follows_a_learner_through_two_rounds(learner, other_learner):
    course, _measurement = make_measured_course()
    lesson = LessonPage.objects.child_of(course).get()
    assert states(learner, course) == (False, False)  # not enrolled
    enrolment = EnrolmentFactory(user=learner, course=course)
    assert states(learner, course) == (True, False)
    respond(learner, course, Response.Moment.VOOR, 1)
    assert states(learner, course) == (False, False)
    Response.objects.all().delete()
    LessonProgress.objects.create(
        user=learner, lesson=lesson, course=course, started_at=timezone.now()
    )
    assert states(learner, course) == (False, False)  # too late once a lesson was opened
    completed_at = timezone.now() - timedelta(days=3)
    CompletionFactory(user=learner, course=course, completed_at=completed_at)
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=completed_at - timedelta(days=10))
    assert states(learner, course) == (False, True)  # the nameting of round 1
    respond(learner, course, Response.Moment.NA, 1)
    assert states(learner, course) == (False, False)
    # Enrolled again after the completion: round 2 begins with its own voormeting.
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=completed_at + timedelta(days=1))
    assert states(learner, course) == (True, False)
    respond(learner, course, Response.Moment.VOOR, 2)
    assert states(learner, course) == (False, False)
    # A revoked completion does not count as a round.
    Completion.objects.update(revoked_at=timezone.now())
    assert round_state(user=learner, course=course).latest_round == 0
    # Nobody else's facts leak into a person's state.
    assert states(other_learner, course) == (False, False)
    EnrolmentFactory(user=other_learner, course=course)
    assert states(other_learner, course) == (True, False)


def test_the_gate_costs_a_measured_course_one_query_and_others_none(client, learner):
    """The lesson and course pages of a measured course cost one query more than those of a
    course without a measurement: the person's round state, nothing else."""
    from tests.factories import CourseFactory, LessonFactory
    from tests.test_query_budgets import page_queries

    measured, _measurement = make_measured_course(code="gemeten")
    plain = CourseFactory(code="ongemeten", title="Ongemeten")
    LessonFactory(parent=plain, title="Les 1")
    for course in (measured, plain):
        EnrolmentFactory(user=learner, course=course)
    respond(learner, measured, Response.Moment.VOOR, 1)  # the lesson is served, not redirected
    client.force_login(learner)
    lessons = [LessonPage.objects.child_of(course).get() for course in (measured, plain)]
    assert page_queries(client, lessons[0].url) == page_queries(client, lessons[1].url) + 1
    assert page_queries(client, measured.url) == page_queries(client, plain.url) + 1


def test_switching_the_voormeting_off_shows_at_once(client, learner):
    """The measured moments are kept per process under a version a saved measurement moves."""
    course, measurement = make_measured_course()
    lesson = LessonPage.objects.child_of(course).get()
    EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 302  # to the voormeting
    measurement.pretest_enabled = False
    measurement.save()
    assert client.get(lesson.url).status_code == 200
