"""The learner's own answers to a lesson's reflection and case blocks."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.models import (
    LearnerAnswer,
    LessonPage,
)
from courses.selectors.progress import course_of_page
from courses.services.enrolment import _active_enrolment_locked
from courses.services.errors import LearningError

# --- The learner's own answers (reflection, case) ------------------------------------------

ANSWER_MAX_LENGTH = 5000
_ANSWER_KINDS = {"reflection": LearnerAnswer.Kind.REFLECTION, "case": LearnerAnswer.Kind.CASE}


def _answer_block(lesson: LessonPage, block_id: str):
    for block in lesson.body:
        if str(block.id) == block_id and block.block_type in _ANSWER_KINDS:
            return block
    return None


@transaction.atomic
def lesson_answer_save(*, user, lesson: LessonPage, block_id: str, text: str) -> LearnerAnswer:
    """Save the learner's answer to one reflection or case block of a lesson. Idempotent.

    One row per person, lesson and block; saving again overwrites the text (saving the same
    text changes nothing). The block's "share with the trainer" setting is copied at saving.
    Raises LearningError (and saves nothing) when the learner is not enrolled, the block is
    not a reflection or case of this lesson, or the text is empty or too long.
    """
    block = _answer_block(lesson, block_id)
    if block is None:
        raise LearningError(_("Deze vraag hoort niet bij deze les."))
    text = (text or "").strip()
    if not text:
        raise LearningError(_("Schrijf eerst uw antwoord op."))
    if len(text) > ANSWER_MAX_LENGTH:
        raise LearningError(
            _("Uw antwoord is te lang: ten hoogste %(max)s tekens.") % {"max": ANSWER_MAX_LENGTH}
        )
    course = course_of_page(lesson)
    if course is None:
        raise LearningError(_("Deze les hoort niet bij een cursus."))
    _active_enrolment_locked(user=user, course=course)
    values = {
        "course": course,
        "kind": _ANSWER_KINDS[block.block_type],
        "question": str(block.value["question"])[:500],
        "text": text,
        "shared_with_trainer": bool(block.value.get("share_with_trainer")),
    }
    answer = LearnerAnswer.objects.filter(user=user, lesson=lesson, block_id=block_id).first()
    if answer is None:
        try:
            with transaction.atomic():
                return LearnerAnswer.objects.create(
                    user=user, lesson=lesson, block_id=block_id, **values
                )
        except IntegrityError:  # another tab saved first: overwrite that row below
            answer = LearnerAnswer.objects.get(user=user, lesson=lesson, block_id=block_id)
    changed = [name for name, value in values.items() if getattr(answer, name) != value]
    if changed:
        for name in changed:
            setattr(answer, name, values[name])
        answer.save(update_fields=[*changed, "updated_at"])
    return answer
