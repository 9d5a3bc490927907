"""courses.services.answers: a learner's own answer to a reflection or case block."""

import pytest

from courses import services
from courses.models import LearnerAnswer
from tests.courses.test_learner_answers import REFLECTION, _enrol, _lesson

pytestmark = pytest.mark.django_db


def test_saving_the_same_text_again_changes_nothing_and_a_new_text_overwrites(learner):
    course, lesson = _lesson(shared=True)
    _enrol(learner, course)
    first = services.lesson_answer_save(
        user=learner, lesson=lesson, block_id=REFLECTION, text="  Geen paspoort.  "
    )
    assert first.text == "Geen paspoort." and first.shared_with_trainer
    same = services.lesson_answer_save(
        user=learner, lesson=lesson, block_id=REFLECTION, text="Geen paspoort."
    )
    assert same.updated_at == first.updated_at
    services.lesson_answer_save(user=learner, lesson=lesson, block_id=REFLECTION, text="Anders.")
    assert list(LearnerAnswer.objects.values_list("text", flat=True)) == ["Anders."]


def test_a_too_long_answer_says_the_limit_and_saves_nothing(learner):
    course, lesson = _lesson()
    _enrol(learner, course)
    too_long = "x" * (services.ANSWER_MAX_LENGTH + 1)
    with pytest.raises(services.LearningError, match=str(services.ANSWER_MAX_LENGTH)):
        services.lesson_answer_save(user=learner, lesson=lesson, block_id=REFLECTION, text=too_long)
    assert not LearnerAnswer.objects.exists()
