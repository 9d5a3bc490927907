"""courses.completion: the course's rule, its recording, and the hook certificates fill in."""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from certificates.models import Certificate
from courses import completion as completion_module
from courses import services
from courses.models import Completion, LessonProgress, ToetsAttempt
from tests.factories import (
    EnrolmentFactory,
    LearningCourseFactory,
    correct_answers,
    lessons_of,
    toetsen_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def without_certificate_hooks():
    """The platform as if no certificates app had registered its hook."""
    saved = completion_module.CertificateHooks(**vars(completion_module._certificate_hooks))
    completion_module._certificate_hooks.issue = None
    completion_module._certificate_hooks.revoke = None
    yield
    completion_module.certificate_hooks_register(issue=saved.issue, revoke=saved.revoke)


def test_the_rule_is_met_when_the_last_requirement_was_first_met(learner):
    course = LearningCourseFactory(lessons=2)
    EnrolmentFactory(user=learner, course=course)
    for lesson in lessons_of(course):
        services.lesson_complete(user=learner, lesson=lesson)
    assert not services.course_rule_met(user=learner, course=course)  # the toets is open
    earlier = timezone.now() - timedelta(days=2)
    LessonProgress.objects.filter(user=learner).update(completed_at=earlier)
    toets = toetsen_of(course)[0]
    result = services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
    )
    met_at = services.course_rule_met_at(user=learner, course=course)
    assert met_at == result.attempt.submitted_at
    assert result.completion.completed_at == met_at


def test_a_completion_the_rule_records_is_certified_through_the_hook(learner):
    course = LearningCourseFactory(lessons=1, toets=False)
    EnrolmentFactory(user=learner, course=course)
    result = services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert Certificate.objects.filter(completion=result.completion).count() == 1


def test_without_the_hook_a_completion_is_recorded_without_a_certificate(
    learner, without_certificate_hooks
):
    course = LearningCourseFactory(lessons=1, toets=False)
    EnrolmentFactory(user=learner, course=course)
    result = services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert Completion.objects.filter(pk=result.completion.pk).exists()
    assert not Certificate.objects.exists()


def test_recording_again_while_valid_returns_the_same_round(learner):
    course = LearningCourseFactory(lessons=0, toets=False)
    now = timezone.now()
    fields = {
        "person_key": learner.person_key,
        "course_code": course.code,
        "course_title": course.title,
        "source": Completion.Source.PLATFORM,
        "user": learner,
        "course": course,
    }
    first = services.completion_record(completed_at=now, **fields)
    again = services.completion_record(completed_at=now + timedelta(days=1), **fields)
    assert first.created and not again.created
    assert again.completion.pk == first.completion.pk
    services.completion_revoke(completion=first.completion, reason="Test")
    after_revocation = services.completion_record(completed_at=now, **fields)
    assert after_revocation.created and after_revocation.completion.round == 2


def test_a_certificate_code_drawn_twice_fails_the_toets_whole_and_is_not_called_a_bad_form(
    learner, other_learner, monkeypatch
):
    """The course-completing toets records the completion and its certificate in one
    transaction. A code that is already taken (drawn here on purpose) undoes all of it, and the
    failure is raised as what it is, not turned into "Dit formulier is ongeldig"."""
    from certificates import services as certificate_services

    earlier = LearningCourseFactory(code="eerdere-cursus", lessons=1, toets=False)
    EnrolmentFactory(user=other_learner, course=earlier)
    taken = services.lesson_complete(user=other_learner, lesson=lessons_of(earlier)[0])
    taken_code = Certificate.objects.get(completion=taken.completion).code
    course = LearningCourseFactory(code="alleen-een-toets", lessons=0)
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    monkeypatch.setattr(certificate_services, "generate_code", lambda: taken_code)
    with pytest.raises(IntegrityError):
        services.toets_submit(
            user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
        )
    assert not ToetsAttempt.objects.filter(user=learner).exists()
    assert not Completion.objects.filter(user=learner).exists()
