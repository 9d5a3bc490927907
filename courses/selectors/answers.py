"""The learner's own answers in a lesson, and the answers shared with a session's trainer:
the only reads of LearnerAnswer."""

from __future__ import annotations

from courses.models import LearnerAnswer, SessionRegistration


def learner_answers(user, lesson) -> dict:
    """The person's own saved answers in a lesson, by block id (one query). The only read of
    LearnerAnswer for a learner: nobody else's answers, whatever they shared."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        answer.block_id: answer
        for answer in LearnerAnswer.objects.filter(user=user, lesson_id=lesson.pk)
    }


def shared_answers(session) -> list:
    """Answers that learners seated at `session` wrote in its course and that the block shared
    with the trainer (one query). For the session's attendance page, whose access rule
    (trained_sessions) decides who may read them; private answers are never read here."""
    seated = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.REGISTERED
    ).values("user_id")
    return list(
        LearnerAnswer.objects.filter(
            course_id=session.course_id, shared_with_trainer=True, user_id__in=seated
        )
        .select_related("user", "lesson")
        .order_by("user__last_name", "user__email", "lesson__path", "created_at")
    )
