"""Toets attempts: stored and scored on the server, idempotent per submission key."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.completion import course_completion_evaluate
from courses.models import (
    Completion,
    ToetsAttempt,
    ToetsPage,
)
from courses.scoring import attempt_layout, score_submission, submission_problems
from courses.selectors.progress import course_of_page
from courses.services.enrolment import _active_enrolment_locked, enrolment_started
from courses.services.errors import LearningError

# --- Toets attempts -------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptResult:
    attempt: ToetsAttempt
    created: bool
    completion: Completion | None


class SubmissionIncomplete(LearningError):
    """A toets submission that is not whole: nothing was stored, no attempt was used."""

    def __init__(self, message: str, *, open_numbers: list[int]):
        super().__init__(message)
        self.open_numbers = open_numbers


def _submission_message(problems) -> str:
    parts = []
    if problems.foreign:
        parts.append(_("Dit formulier bevat antwoorden die niet bij de gestelde vragen horen."))
    if problems.open_numbers:
        numbers = ", ".join(str(number) for number in problems.open_numbers)
        parts.append(
            _("Beantwoord eerst alle vragen. Nog open: vraag %(numbers)s.") % {"numbers": numbers}
        )
    parts.append(_("Er is niets ingeleverd; deze poging telt niet."))
    return " ".join(parts)


def toets_submit(
    *, user, toets: ToetsPage, answers: dict[str, list[str]], submission_key: uuid.UUID
) -> AttemptResult:
    """Store and score one attempt on the server. Idempotent per submission key.

    The questions asked are derived from the submission key (courses.scoring.attempt_layout:
    the draw and the order the learner saw) and stored with the attempt. The submission must
    be whole: every asked question answered, no foreign, duplicated or extra ids; otherwise
    SubmissionIncomplete (naming the open questions) and nothing is stored. A second submit
    with the same key (double click, replayed POST) returns the first attempt
    (created=False). The attempt limit is enforced under the enrolment lock, so two tabs
    cannot exceed it; a passed toets takes no further attempts. A pass triggers the
    completion rule in the same transaction. Raises LearningError when not enrolled, passed
    already, out of attempts or the key belongs to someone else.
    """
    try:
        return _toets_submit(user=user, toets=toets, answers=answers, submission_key=submission_key)
    except IntegrityError:
        # Everything was rolled back. When the key was written meanwhile by a request that
        # did not hold this enrolment's lock (another course's toets, another person), the
        # form is what is wrong. Any other failure (a certificate code drawn twice, 1 in
        # 2**80) is a fault to be seen and logged, not a form to reload.
        if not ToetsAttempt.objects.filter(submission_key=submission_key).exists():
            raise
        raise LearningError(_("Dit formulier is ongeldig. Laad de toets opnieuw.")) from None


@transaction.atomic
def _toets_submit(
    *, user, toets: ToetsPage, answers: dict[str, list[str]], submission_key: uuid.UUID
) -> AttemptResult:
    course = course_of_page(toets)
    if course is None:
        raise LearningError(_("Deze toets hoort niet bij een cursus."))
    enrolment = _active_enrolment_locked(user=user, course=course)
    # The learner's attempts at this toets and the one with this key (anyone's), in one read.
    seen = list(
        ToetsAttempt.objects.filter(Q(submission_key=submission_key) | Q(user=user, toets=toets))
    )
    existing = next((a for a in seen if a.submission_key == submission_key), None)
    if existing is not None:
        if existing.user_id != user.pk or existing.toets_id != toets.pk:
            raise LearningError(_("Dit formulier is ongeldig. Laad de toets opnieuw."))
        return AttemptResult(attempt=existing, created=False, completion=None)
    earlier = [a.passed for a in seen]
    if any(earlier):
        raise LearningError(_("U heeft deze toets al gehaald. Een nieuwe poging is niet nodig."))
    used = len(earlier)
    if toets.max_attempts is not None and used >= toets.max_attempts:
        raise LearningError(_("U heeft alle pogingen voor deze toets gebruikt."))
    layout = attempt_layout(toets, seed=str(submission_key))
    problems = submission_problems(toets, answers, layout)
    if problems:
        raise SubmissionIncomplete(
            _submission_message(problems), open_numbers=problems.open_numbers
        )
    answers = {entry["id"]: sorted(set(answers[entry["id"]])) for entry in layout}
    result = score_submission(toets, answers, question_ids=[entry["id"] for entry in layout])
    attempt = ToetsAttempt(
        user=user,
        toets=toets,
        course=course,
        number=used + 1,
        submission_key=submission_key,
        answers=answers,
        question_order=layout,
        question_count=result.question_count,
        correct_count=result.correct_count,
        score_percent=result.score_percent,
        pass_mark_percent=result.pass_mark_percent,
        passed=result.passed,
        revision_id=toets.latest_revision_id,
        submitted_at=timezone.now(),
    )
    # The person, the toets and the course are instances in hand, and the database enforces
    # their existence: validating those foreign keys would only add three queries.
    attempt.full_clean(
        exclude=["answers", "question_order", "user", "toets", "course"],
        validate_unique=False,
        validate_constraints=False,
    )
    # Under the enrolment lock a replay of this learner found its attempt above, so the key
    # is new: inserted without a savepoint to come back to (toets_submit says why it fails).
    attempt.save()
    if enrolment.started_at is None:  # the first step in the course
        enrolment_started(user=user, course_id=course.pk, at=attempt.submitted_at)
    completion = None
    if attempt.passed:
        completion = course_completion_evaluate(
            user=user,
            course=course,
            event_at=attempt.submitted_at,
            origin={"kind": "toets", "toets": toets.pk},
        )
    return AttemptResult(attempt=attempt, created=True, completion=completion)
