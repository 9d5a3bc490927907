"""courses.services.toetsen: a whole submission is scored once per key; a partial one is not."""

import uuid

import pytest

from courses import services
from courses.models import ToetsAttempt
from tests.factories import EnrolmentFactory, LearningCourseFactory, correct_answers, toetsen_of

pytestmark = pytest.mark.django_db


def test_a_partial_submission_names_the_open_questions_and_uses_no_attempt(learner):
    course = LearningCourseFactory(lessons=0, toets_fields={"max_attempts": 1})
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    answers = correct_answers(toets)
    answers.pop(next(iter(answers)))
    with pytest.raises(services.SubmissionIncomplete) as refused:
        services.toets_submit(
            user=learner, toets=toets, answers=answers, submission_key=uuid.uuid4()
        )
    assert refused.value.open_numbers
    assert "deze poging telt niet" in refused.value.messages[0]
    assert not ToetsAttempt.objects.exists()


def test_a_replayed_submission_returns_the_first_attempt(learner):
    course = LearningCourseFactory(lessons=0)
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    key = uuid.uuid4()
    first = services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=key
    )
    again = services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=key
    )
    assert first.created and first.attempt.passed and first.completion is not None
    assert not again.created and again.attempt.pk == first.attempt.pk
    assert ToetsAttempt.objects.count() == 1
