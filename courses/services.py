"""Writes about learning: enrolment, progress, attempts, sessions and completion.

CONTRACT
- lesson_open(*, user, lesson) -> None: marks the lesson started for an enrolled learner and
  remembers it as the place to resume. Called on every lesson view; does nothing for others.
- Every write that can complete a course (lesson_complete, toets_submit, attendance_mark)
  first locks the learner's enrolment row, so two tabs, a double submit or a replayed POST of
  the same person and course run one after the other and each sees the other's facts. The
  completion rule is then evaluated in the same transaction by `course_completion_evaluate`,
  which writes through courses.completion.completion_record (the one writer) and issues the
  certificate through certificates.services.certificate_issue.
- Services raise LearningError (a ValidationError with a Dutch message) for actions that are
  not possible; such a call changes nothing.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Profile, User, normalise_email
from courses.completion import completion_record, completion_revoke
from courses.models import (
    ClassroomSession,
    Completion,
    CoursePage,
    Enrolment,
    Invitation,
    LearnerAnswer,
    LessonPage,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
    ToetsPage,
)
from courses.published import catalogue_of
from courses.selectors import (
    LearnerFacts,
    StructureItem,
    course_of_page,
    course_structure,
    learner_facts,
    next_step,
)
from elearning.mail import email_send_once
from elearning.outbox import outbox_add


class LearningError(ValidationError):
    """An enrolment, progress, attempt or session action that is not possible."""


# --- Enrolment ------------------------------------------------------------------------------


def _enrolment_locked(*, user, course) -> Enrolment | None:
    return Enrolment.objects.select_for_update().filter(user=user, course=course).first()


def _active_enrolment_locked(*, user, course) -> Enrolment:
    enrolment = _enrolment_locked(user=user, course=course)
    if enrolment is None or enrolment.status != Enrolment.Status.ACTIVE:
        raise LearningError(_("U bent niet ingeschreven voor deze cursus."))
    return enrolment


def _enrolment_upsert(*, user, course, status: str, source: str) -> tuple[Enrolment, bool]:
    """Create or return the one enrolment row of a person and course. Race-safe."""
    now = timezone.now()
    defaults = {
        "status": status,
        "source": source,
        "enrolled_at": now if status == Enrolment.Status.ACTIVE else None,
    }
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(user=user, course=course, defaults=defaults)
    except IntegrityError:
        return Enrolment.objects.get(user=user, course=course), False


def _enrolment_activate(enrolment: Enrolment, *, source: str, decided_by=None) -> Enrolment:
    enrolment.status = Enrolment.Status.ACTIVE
    enrolment.source = source
    enrolment.enrolled_at = enrolment.enrolled_at or timezone.now()
    fields = ["status", "source", "enrolled_at"]
    if decided_by is not None:
        enrolment.decided_by = decided_by
        enrolment.decided_at = timezone.now()
        fields += ["decided_by", "decided_at"]
    enrolment.save(update_fields=fields)
    return enrolment


@transaction.atomic
def enrolment_request(*, user, course: CoursePage) -> Enrolment:
    """Enrol (open), request enrolment (approval) or accept an invitation. Idempotent.

    - open: the learner is enrolled at once.
    - goedkeuring: a pending request is stored; the coordinator decides.
    - uitnodiging: only a person invited at their e-mail address (any case) is enrolled.
    An active or pending enrolment is returned unchanged. A declined request stays declined;
    a withdrawn learner may enrol again. Raises LearningError when not allowed.
    """
    mode = course.enrolment_mode
    existing = _enrolment_locked(user=user, course=course)
    if existing is not None and existing.status in (
        Enrolment.Status.ACTIVE,
        Enrolment.Status.PENDING,
    ):
        return existing
    if existing is not None and existing.status == Enrolment.Status.DECLINED:
        raise LearningError(_("Uw aanvraag voor deze cursus is afgewezen."))
    if mode == CoursePage.EnrolmentMode.INVITATION:
        invitation = Invitation.objects.filter(course=course, email__iexact=user.email).first()
        if invitation is None:
            raise LearningError(
                _("Voor deze cursus kunt u zich alleen inschrijven op uitnodiging.")
            )
        return invitation_accept(invitation=invitation, user=user)
    if mode == CoursePage.EnrolmentMode.APPROVAL:
        status, source = Enrolment.Status.PENDING, Enrolment.Source.APPROVAL
    else:
        status, source = Enrolment.Status.ACTIVE, Enrolment.Source.SELF
    if existing is None:
        enrolment, _created = _enrolment_upsert(
            user=user, course=course, status=status, source=source
        )
        return enrolment
    # Withdrawn: start again in the mode's first state.
    existing.status = status
    existing.source = source
    existing.requested_at = timezone.now()
    existing.enrolled_at = timezone.now() if status == Enrolment.Status.ACTIVE else None
    existing.save(update_fields=["status", "source", "requested_at", "enrolled_at"])
    return existing


@transaction.atomic
def enrolment_decide(*, enrolment: Enrolment, approve: bool, decided_by) -> Enrolment:
    """Approve or decline a pending request and tell the learner by e-mail. Idempotent.

    Deciding a request that is no longer pending changes nothing and sends nothing.
    """
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.PENDING:
        return enrolment
    if approve:
        _enrolment_activate(enrolment, source=Enrolment.Source.APPROVAL, decided_by=decided_by)
    else:
        enrolment.status = Enrolment.Status.DECLINED
        enrolment.decided_by = decided_by
        enrolment.decided_at = timezone.now()
        enrolment.save(update_fields=["status", "decided_by", "decided_at"])
    decided_at = enrolment.decided_at or timezone.now()
    event = f"inschrijving-besluit:{enrolment.pk}:{decided_at.timestamp():.6f}"
    outbox_add(
        key=event,
        task="courses.tasks.enrolment_decision_email_send_task",
        args=[enrolment.pk, event],
    )
    return enrolment


def enrolment_decision_email_send(*, enrolment_id: int, event: str) -> bool:
    """Send the decision e-mail of one decision (`event`, its outbox key) at most once.

    Nothing is sent when the request is pending again or the person is gone. Returns whether
    an e-mail went out.
    """
    from courses.emails import enrolment_decision_email

    def build():
        enrolment = (
            Enrolment.objects.select_related("user", "course").filter(pk=enrolment_id).first()
        )
        if enrolment is None or enrolment.status == Enrolment.Status.PENDING:
            return None
        return enrolment_decision_email(enrolment)

    return email_send_once(key=event, build=build)


# --- Invitations ----------------------------------------------------------------------------


@dataclass
class InvitationReport:
    invited: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)
    already_enrolled: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


def emails_parse(text: str) -> list[str]:
    """Split pasted or uploaded text into addresses: commas, semicolons, spaces, new lines."""
    for separator in ",;\t\r":
        text = text.replace(separator, "\n")
    return [part.strip() for line in text.split("\n") for part in line.split(" ") if part.strip()]


@transaction.atomic
def invitations_send(*, course: CoursePage, emails: list[str], invited_by) -> InvitationReport:
    """Invite addresses to a course; each new invitee gets a Dutch e-mail with a link.

    Idempotent per course and address (compared case-insensitively): an address invited
    before is not invited or mailed again, and a person already enrolled is skipped.
    Invalid addresses are reported and skipped. E-mails go out after the commit.
    """
    report = InvitationReport()
    seen: set[str] = set()
    for raw in emails:
        email = normalise_email(raw)
        if not email or email in seen:
            continue
        seen.add(email)
        try:
            validate_email(email)
        except ValidationError:
            report.invalid.append(raw.strip())
            continue
        if Enrolment.objects.filter(
            course=course, user__email__iexact=email, status=Enrolment.Status.ACTIVE
        ).exists():
            report.already_enrolled.append(email)
            continue
        if Invitation.objects.filter(course=course, email__iexact=email).exists():
            report.already_invited.append(email)
            continue
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    course=course, email=email, invited_by=invited_by
                )
        except IntegrityError:
            report.already_invited.append(email)
            continue
        report.invited.append(email)
        outbox_add(
            key=f"uitnodiging:{invitation.pk}",
            task="courses.tasks.invitation_email_send_task",
            args=[invitation.pk],
        )
    return report


def invitation_email_send(*, invitation_id: int) -> bool:
    """Send one invitation e-mail unless it was sent already. Returns whether it was sent."""
    from courses.emails import invitation_email

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("course")
            .filter(pk=invitation_id, email_sent_at__isnull=True)
            .first()
        )
        if invitation is None:
            return False
        invitation_email(invitation).send()
        invitation.email_sent_at = timezone.now()
        invitation.save(update_fields=["email_sent_at"])
    return True


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Enrolment:
    """Enrol the invited person. The account's e-mail must match the invitation (any case).

    Idempotent: accepting twice keeps one active enrolment.
    """
    if normalise_email(user.email) != normalise_email(invitation.email):
        raise LearningError(_("Deze uitnodiging is voor een ander e-mailadres."))
    enrolment, created = _enrolment_upsert(
        user=user,
        course=invitation.course,
        status=Enrolment.Status.ACTIVE,
        source=Enrolment.Source.INVITATION,
    )
    if not created and enrolment.status != Enrolment.Status.ACTIVE:
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        _enrolment_activate(enrolment, source=Enrolment.Source.INVITATION)
    if invitation.accepted_at is None:
        Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
    return enrolment


# --- Bulk enrolment from CSV ----------------------------------------------------------------


@dataclass(frozen=True)
class ImportLine:
    number: int
    email: str
    ok: bool
    message: str


@dataclass
class ImportReport:
    lines: list[ImportLine] = field(default_factory=list)
    enrolled: int = 0
    imported: bool = False

    @property
    def invalid_count(self) -> int:
        return sum(1 for line in self.lines if not line.ok)

    @property
    def valid_count(self) -> int:
        return sum(1 for line in self.lines if line.ok)


def _csv_rows(content: str) -> list[tuple[int, str]]:
    sample = content[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(content), dialect), start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            rows.append((number, cells))
    except csv.Error:
        return []  # unreadable: reported as "no addresses", nobody is enrolled
    if rows and rows[0][1] and rows[0][1][0].lower() in ("e-mail", "email", "e-mailadres"):
        rows = rows[1:]  # a header line
    return [(number, cells[0] if cells else "") for number, cells in rows]


@transaction.atomic
def enrolments_import(
    *, course: CoursePage, content: str, imported_by, import_valid_lines: bool = False
) -> ImportReport:
    """Enrol the accounts listed in a CSV file (one e-mail address per line, first column).

    Every line gets a verdict. If any line is invalid (not an address, a duplicate, no account
    with that address) nobody is enrolled, unless `import_valid_lines` is set: then the valid
    lines are enrolled and the invalid ones skipped. People already enrolled stay as they are.
    Idempotent: importing the same file twice enrols each person once.
    """
    report = ImportReport()
    seen: set[str] = set()
    parsed = _csv_rows(content)
    emails = [normalise_email(email) for _number, email in parsed]
    users = {u.email: u for u in User.objects.filter(email__in=[e for e in emails if e])}
    enrolled_ids = set(
        Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    to_enrol: list[User] = []
    for (number, raw), email in zip(parsed, emails, strict=True):
        try:
            validate_email(email)
        except ValidationError:
            report.lines.append(ImportLine(number, raw, False, _("Geen geldig e-mailadres.")))
            continue
        if email in seen:
            report.lines.append(
                ImportLine(number, raw, False, _("Dit adres staat al eerder in het bestand."))
            )
            continue
        seen.add(email)
        user = users.get(email)
        if user is None:
            report.lines.append(
                ImportLine(
                    number,
                    raw,
                    False,
                    _("Er is geen account met dit e-mailadres; nodig deze persoon uit."),
                )
            )
            continue
        if user.pk in enrolled_ids:
            report.lines.append(ImportLine(number, raw, True, _("Al ingeschreven.")))
            continue
        report.lines.append(ImportLine(number, raw, True, _("Wordt ingeschreven.")))
        to_enrol.append(user)
    if not report.lines:
        report.lines.append(ImportLine(0, "", False, _("Het bestand bevat geen e-mailadressen.")))
    if report.invalid_count and not import_valid_lines:
        return report
    for user in to_enrol:
        enrolment, created = _enrolment_upsert(
            user=user, course=course, status=Enrolment.Status.ACTIVE, source=Enrolment.Source.BULK
        )
        if not created and enrolment.status != Enrolment.Status.ACTIVE:
            _enrolment_activate(enrolment, source=Enrolment.Source.BULK, decided_by=imported_by)
        report.enrolled += 1
    report.imported = True
    return report


# --- Lesson progress ------------------------------------------------------------------------


def _course_and_enrolment_for_page(user, page) -> tuple[CoursePage | None, Enrolment | None]:
    """The page's course and the user's enrolment in it, in one query."""
    from wagtail.models import Page

    snapshot = catalogue_of(page)
    if snapshot is not None:
        course = snapshot.course(page.pk)
        if course is None:
            return None, None
        return course, Enrolment.objects.filter(user=user, course_id=course.pk).first()
    steplen = Page.steplen
    ancestors = [page.path[: steplen * n] for n in range(1, page.depth)]
    enrolment = (
        Enrolment.objects.filter(user=user, course__path__in=ancestors)
        .select_related("course")
        .first()
    )
    if enrolment is not None:
        return enrolment.course, enrolment
    return course_of_page(page), None


def lesson_open(*, user, lesson: LessonPage) -> None:
    """Mark the lesson started and remember it as the place to resume. Idempotent.

    Only for an actively enrolled learner; for anyone else nothing is written. A lesson opened
    again keeps its first start time. Leaves the course, the enrolment and the learner's facts
    in the course on the lesson object, so the page's state in the same request reads neither
    again.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    course, enrolment = _course_and_enrolment_for_page(user, lesson)
    lesson._learning = (course, enrolment, None)
    if enrolment is None or enrolment.status != Enrolment.Status.ACTIVE:
        return None
    facts = learner_facts(user, [course.pk])[course.pk]
    if lesson.pk not in facts.started:
        try:
            with transaction.atomic():
                LessonProgress.objects.create(
                    user=user, lesson=lesson, course=course, started_at=timezone.now()
                )
        except IntegrityError:
            pass  # another tab opened it at the same moment: one row, as it should be
        facts.started.add(lesson.pk)
    lesson._learning = (course, enrolment, facts)
    if enrolment.last_page_id != lesson.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_page=lesson.pk)
        enrolment.last_page_id = lesson.pk
    return None


@dataclass(frozen=True)
class StepResult:
    created: bool
    completion: Completion | None
    # Where the learner goes on: the first unfinished lesson or toets after this one (None
    # when nothing is left), worked out from what the transaction itself read.
    next_page: StructureItem | None = None


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage, origin: dict | None = None) -> StepResult:
    """Mark a lesson completed for an enrolled learner. Idempotent.

    One LessonProgress row per person and lesson; completing again, a second tab or a replayed
    POST changes nothing (created=False). When the lesson is newly completed the course's
    completion rule is evaluated in the same transaction. Raises LearningError when the user
    is not enrolled. `origin` is kept on a completion this causes (default: this lesson).
    """
    course = course_of_page(lesson)
    if course is None:
        raise LearningError(_("Deze les hoort niet bij een cursus."))
    enrolment = _active_enrolment_locked(user=user, course=course)
    now = timezone.now()
    progress = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    created = progress is None or progress.completed_at is None
    if progress is None:
        progress = LessonProgress.objects.create(
            user=user, lesson=lesson, course=course, started_at=now, completed_at=now
        )
    elif progress.completed_at is None:
        progress.completed_at = now
        progress.save(update_fields=["completed_at"])
    facts = learner_facts(user, [course.pk])[course.pk]
    structure = course_structure(course)
    after = next_step(structure=structure, facts=facts, after_id=lesson.pk)
    if not created:
        return StepResult(created=False, completion=None, next_page=after)
    if enrolment.last_page_id != lesson.pk:
        enrolment.last_page_id = lesson.pk
        enrolment.save(update_fields=["last_page"])
    completion = course_completion_evaluate(
        user=user,
        course=course,
        facts=facts,
        origin=origin or {"kind": "les", "lesson": lesson.pk},
    )
    return StepResult(created=True, completion=completion, next_page=after)


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


@transaction.atomic
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
    from courses.scoring import attempt_layout, score_submission, submission_problems

    course = course_of_page(toets)
    if course is None:
        raise LearningError(_("Deze toets hoort niet bij een cursus."))
    _active_enrolment_locked(user=user, course=course)
    existing = ToetsAttempt.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        if existing.user_id != user.pk or existing.toets_id != toets.pk:
            raise LearningError(_("Dit formulier is ongeldig. Laad de toets opnieuw."))
        return AttemptResult(attempt=existing, created=False, completion=None)
    earlier = list(
        ToetsAttempt.objects.filter(user=user, toets=toets).values_list("passed", flat=True)
    )
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
    attempt.full_clean(
        exclude=["answers", "question_order"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # Same key from a request that did not hold the lock (cannot happen for an enrolled
        # learner, but never turn a replay into an error page).
        existing = ToetsAttempt.objects.filter(submission_key=submission_key, user=user).first()
        if existing is None:
            raise
        return AttemptResult(attempt=existing, created=False, completion=None)
    completion = None
    if attempt.passed:
        completion = course_completion_evaluate(
            user=user,
            course=course,
            event_at=attempt.submitted_at,
            origin={"kind": "toets", "toets": toets.pk},
        )
    return AttemptResult(attempt=attempt, created=True, completion=completion)


# --- Classroom sessions ---------------------------------------------------------------------


def _session_locked(session: ClassroomSession) -> ClassroomSession:
    return ClassroomSession.objects.select_for_update().get(pk=session.pk)


@dataclass(frozen=True)
class RegistrationResult:
    registration: SessionRegistration
    created: bool


@transaction.atomic
def session_register(*, user, session: ClassroomSession) -> RegistrationResult:
    """Register for a session: a seat while there is one, else the waiting list. Idempotent.

    The session row is locked, so two people racing for the last seat end with one seat and
    one place on the waiting list, and one person registering twice keeps one row. A
    cancelled registration may register again (at the back of the queue). Raises LearningError
    if the learner is not enrolled in the course or the session has started.
    """
    session = _session_locked(session)
    if session.starts_at <= timezone.now():
        raise LearningError(_("Aanmelden kan niet meer: deze bijeenkomst is al begonnen."))
    if not Enrolment.objects.filter(
        user=user, course_id=session.course_id, status=Enrolment.Status.ACTIVE
    ).exists():
        raise LearningError(_("Schrijf u eerst in voor de cursus."))
    registration = SessionRegistration.objects.filter(session=session, user=user).first()
    if registration is not None and registration.status != SessionRegistration.Status.CANCELLED:
        return RegistrationResult(registration=registration, created=False)
    taken = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.REGISTERED
    ).count()
    status = (
        SessionRegistration.Status.REGISTERED
        if taken < session.capacity
        else SessionRegistration.Status.WAITLISTED
    )
    if registration is None:
        registration = SessionRegistration.objects.create(session=session, user=user, status=status)
    else:
        registration.status = status
        registration.cancelled_at = None
        registration.registered_at = timezone.now()
        registration.reminder_sent_at = None
        registration.save(
            update_fields=["status", "cancelled_at", "registered_at", "reminder_sent_at"]
        )
    return RegistrationResult(registration=registration, created=True)


@transaction.atomic
def session_save(*, session: ClassroomSession, changed_by=None) -> ClassroomSession:
    """Create or change a session: the one writer of ClassroomSession rows. Idempotent.

    `session` carries the new values (from the coordinator's form). The stored row is locked
    first, so registrations and the waiting list are judged against what is saved. Once any
    attendance has been recorded, the start can no longer move (a mark made after the start
    must stay after it). After saving, free seats go to the waiting list in order (a raised
    capacity promotes at once, whoever raised it); a lowered capacity keeps the seats already
    given. Raises ValidationError (Dutch) for invalid values; then nothing is saved.
    """
    if session.pk is not None:
        stored = _session_locked(session)
        if (
            stored.starts_at != session.starts_at
            and SessionRegistration.objects.filter(session=stored)
            .exclude(attendance=SessionRegistration.Attendance.UNKNOWN)
            .exists()
        ):
            raise LearningError(
                _(
                    "Voor deze bijeenkomst is al aanwezigheid geregistreerd; de begintijd kan "
                    "niet meer worden gewijzigd."
                )
            )
    session.full_clean()
    session.save()
    _waitlist_promote(session)
    return session


@transaction.atomic
def session_cancel(*, user, session: ClassroomSession) -> SessionRegistration | None:
    """Cancel a registration; the first on the waiting list moves up. Idempotent.

    Cancelling twice, or without a registration, changes nothing. The promoted person is told
    by e-mail after the commit. Once the session has begun a registration stays (it carries
    the attendance): LearningError.
    """
    session = _session_locked(session)
    registration = SessionRegistration.objects.filter(session=session, user=user).first()
    if registration is None or registration.status == SessionRegistration.Status.CANCELLED:
        return registration
    if session.starts_at <= timezone.now():
        raise LearningError(_("Afmelden kan niet meer: deze bijeenkomst is al begonnen."))
    was_registered = registration.status == SessionRegistration.Status.REGISTERED
    registration.status = SessionRegistration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if was_registered:
        _waitlist_promote(session)
    return registration


def _waitlist_promote(session: ClassroomSession) -> None:
    taken = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.REGISTERED
    ).count()
    free = session.capacity - taken
    if free <= 0:
        return
    waiting = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.WAITLISTED
    ).order_by("registered_at", "pk")[:free]
    for registration in waiting:
        registration.status = SessionRegistration.Status.REGISTERED
        registration.save(update_fields=["status"])
        # One promotion, one event: registering anew later and moving up again is another.
        event = f"wachtlijst:{registration.pk}:{registration.registered_at.timestamp():.6f}"
        outbox_add(
            key=event,
            task="courses.tasks.waitlist_promotion_email_send_task",
            args=[registration.pk, event],
        )


def waitlist_promotion_email_send(*, registration_id: int, event: str) -> bool:
    """Send the e-mail of one promotion from the waiting list at most once.

    Nothing is sent when the seat was given up again. Returns whether an e-mail went out.
    """
    from courses.emails import waitlist_promotion_email

    def build():
        registration = (
            SessionRegistration.objects.select_related("user", "session", "session__course")
            .filter(pk=registration_id, status=SessionRegistration.Status.REGISTERED)
            .first()
        )
        return waitlist_promotion_email(registration) if registration else None

    return email_send_once(key=event, build=build)


def session_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail everyone with a seat at a session that starts tomorrow. Idempotent.

    "Tomorrow" is the next calendar day in Europe/Amsterdam. Each registration is locked
    while its mail goes out and marked with reminder_sent_at, so running twice (or two beat
    workers at once) mails each person once. Returns the number of e-mails sent.
    """
    from courses.emails import session_reminder_email

    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    due = list(
        SessionRegistration.objects.filter(
            status=SessionRegistration.Status.REGISTERED,
            reminder_sent_at__isnull=True,
            session__starts_at__date=tomorrow,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for registration_id in due:
        with transaction.atomic():
            registration = (
                SessionRegistration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("session", "session__course", "user")
                .filter(pk=registration_id, reminder_sent_at__isnull=True)
                .first()
            )
            if registration is None:
                continue
            session_reminder_email(registration).send()
            registration.reminder_sent_at = timezone.now()
            registration.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent


def attendance_opens_at(session: ClassroomSession) -> datetime:
    """From this moment a session's attendance may be marked: its start. Before it nobody
    can have been there, so nothing may be recorded (and no certificate dated)."""
    return session.starts_at


def attendance_correctable_until(session: ClassroomSession) -> datetime:
    """Until this moment a mark may be changed (present <-> absent): the session's end plus
    settings.ATTENDANCE_CORRECTION_DAYS. A first mark stays possible afterwards."""
    days = getattr(settings, "ATTENDANCE_CORRECTION_DAYS", 14)
    return session.ends_at + timedelta(days=days)


@dataclass
class AttendanceResult:
    """What one save of an attendance list did."""

    completions: list[Completion] = field(default_factory=list)
    revoked: list[Completion] = field(default_factory=list)
    changed: int = 0


ATTENDANCE_REVOKE_REASON = "Aanwezigheid gecorrigeerd: de cursus is niet meer afgerond."


@transaction.atomic
def attendance_mark(
    *, session: ClassroomSession, marked_by, attendance: dict[int, str]
) -> AttendanceResult:
    """Record present/absent for registrations of one session (registration id -> value).

    Rules, all checked before anything is written (a refused call changes nothing):
    - `marked_by` keeps this session's list: its trainer or a coordinator of its course
      (courses.selectors.trained_sessions); else LearningError.
    - Marking opens at the session's start; before it LearningError says when it opens.
    - Changing an earlier mark is a correction, possible until attendance_correctable_until.
    Only seated registrations of this session are touched; unknown ids are ignored; marking
    the same value again changes nothing (idempotent). Every change is written to the audit
    log. A learner newly marked present has the course's rule evaluated in the same
    transaction; the completion is dated when the rule was met (the session's start, or a
    later lesson or toets). A correction to absent that breaks the rule revokes the learner's
    live completion and its certificate through certificates.services.certificate_revoke.
    """
    from accounts.audit import audit_record
    from accounts.models import AuditEvent
    from courses.selectors import trained_sessions

    session = _session_locked(session)
    if not trained_sessions(marked_by).filter(pk=session.pk).exists():
        raise LearningError(_("U houdt de aanwezigheid van deze bijeenkomst niet bij."))
    now = timezone.now()
    if now < attendance_opens_at(session):
        raise LearningError(
            _(
                "Aanwezigheid registreren kan pas vanaf het begin van de bijeenkomst "
                "(%(moment)s). Er is niets opgeslagen."
            )
            % {"moment": _moment(attendance_opens_at(session))}
        )
    valid = {SessionRegistration.Attendance.PRESENT, SessionRegistration.Attendance.ABSENT}
    registrations = list(
        SessionRegistration.objects.select_for_update()
        .filter(
            session=session,
            pk__in=list(attendance),
            status=SessionRegistration.Status.REGISTERED,
        )
        .select_related("user")
        .order_by("pk")
    )
    changes = [
        (registration, attendance[registration.pk])
        for registration in registrations
        if attendance[registration.pk] in valid
        and registration.attendance != attendance[registration.pk]
    ]
    corrections = [
        registration
        for registration, _value in changes
        if registration.attendance != SessionRegistration.Attendance.UNKNOWN
    ]
    if corrections and now > attendance_correctable_until(session):
        raise LearningError(
            _("Corrigeren kon tot %(moment)s; die termijn is voorbij. Er is niets opgeslagen.")
            % {"moment": _moment(attendance_correctable_until(session))}
        )
    result = AttendanceResult()
    course = CoursePage.objects.get(pk=session.course_id)
    for registration, value in changes:
        previous = registration.attendance
        registration.attendance = value
        registration.attendance_marked_at = now
        registration.attendance_marked_by = marked_by
        registration.save(
            update_fields=["attendance", "attendance_marked_at", "attendance_marked_by"]
        )
        result.changed += 1
        revoked = None
        completion = None
        enrolment = _enrolment_locked(user=registration.user, course=course)
        active = enrolment is not None and enrolment.status == Enrolment.Status.ACTIVE
        if value == SessionRegistration.Attendance.PRESENT and active:
            completion = course_completion_evaluate(
                user=registration.user,
                course=course,
                source=Completion.Source.ATTENDANCE,
                event_at=session.starts_at,
                origin={"kind": "bijeenkomst", "session": str(session.uuid)},
            )
            if completion is not None:
                result.completions.append(completion)
        elif previous == SessionRegistration.Attendance.PRESENT:
            revoked = course_completion_reconsider(
                user=registration.user, course=course, reason=ATTENDANCE_REVOKE_REASON
            )
            if revoked is not None:
                result.revoked.append(revoked)
        audit_record(
            actor=marked_by,
            action=AuditEvent.Action.ATTENDANCE_MARKED
            if previous == SessionRegistration.Attendance.UNKNOWN
            else AuditEvent.Action.ATTENDANCE_CORRECTED,
            target=f"{registration.user.email} – {session}",
            details={
                "bijeenkomst": str(session.uuid),
                "van": previous,
                "naar": value,
                "afronding": str(completion.uuid) if completion else "",
                "ingetrokken": str(revoked.uuid) if revoked else "",
            },
        )
    return result


def _moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y, H:i")


# --- Completion -----------------------------------------------------------------------------


def course_rule_met_at(
    *, user, course: CoursePage, facts: LearnerFacts | None = None
) -> datetime | None:
    """When the person met the course's completion rule, or None if they do not meet it now.

    The rule is the conjunction of what the course requires: all live lessons completed, all
    live toetsen passed (any passed attempt counts), present at one of its sessions. The
    moment is the latest of the moments each requirement was first met (a lesson's
    completion, a toets's first passing attempt, the start of the first session the person
    was present at). A course that requires nothing it has is never completed by the
    platform. `facts` the caller read in the same transaction spare a second read.
    """
    structure = course_structure(course)
    if facts is None:
        facts = learner_facts(user, [course.pk])[course.pk]
    required: set[int] = set()
    checks = []
    if course.requires_all_lessons and structure.lesson_ids:
        checks.append(structure.lesson_ids <= facts.done)
        required |= structure.lesson_ids
    if course.requires_all_tests and structure.toets_ids:
        checks.append(structure.toets_ids <= facts.done)
        required |= structure.toets_ids
    moments = [facts.done_at[page_id] for page_id in required if page_id in facts.done_at]
    if course.requires_session_attendance:
        first_present = (
            SessionRegistration.objects.filter(
                user=user,
                session__course=course,
                attendance=SessionRegistration.Attendance.PRESENT,
            )
            .order_by("session__starts_at")
            .values_list("session__starts_at", flat=True)
            .first()
        )
        checks.append(first_present is not None)
        if first_present is not None:
            moments.append(first_present)
    if not (checks and all(checks)):
        return None
    return max(moments, default=None) or timezone.now()


def course_rule_met(*, user, course: CoursePage, facts: LearnerFacts | None = None) -> bool:
    """Whether the person meets the course's completion rule right now (reads only)."""
    return course_rule_met_at(user=user, course=course, facts=facts) is not None


def course_completion_evaluate(
    *,
    user,
    course: CoursePage,
    source: str = Completion.Source.PLATFORM,
    facts: LearnerFacts | None = None,
    event_at: datetime | None = None,
    origin: dict | None = None,
) -> Completion | None:
    """Evaluate the completion rule; if met, record the completion and issue the certificate.

    Must run inside the transaction of the event (the caller holds the enrolment lock).
    Returns the Completion when one was newly written, else None. The completion is dated
    when the rule was met: the latest of the event's own moment (`event_at`, default now: a
    lesson finished or a toets passed just now; a session's start for attendance) and the
    moments the other requirements were met. Its created_at stays the moment it was
    recorded, which is what a report's reference date ("bekend op") looks at.
    Writes through completion_record (idempotent: a still-valid completion is never written
    twice), with a snapshot of the learner's municipality, organisation kind, profession and
    functions, and valid_until from the course's certificate validity. On a new completion it
    calls certificate_issue in the same transaction and, if the course grants a function,
    adds that function to the learner's profile.
    """
    from certificates.services import certificate_issue

    met_at = course_rule_met_at(user=user, course=course, facts=facts)
    if met_at is None:
        return None
    completed_at = max(met_at, event_at) if event_at is not None else timezone.now()
    completed_at = min(completed_at, timezone.now())

    # Everything the completion keeps of the profile, in two queries.
    profile = (
        Profile.objects.filter(user=user)
        .select_related("organisation", "municipality", "profession")
        .prefetch_related("functions")
        .first()
    )
    organisation = profile.organisation if profile else None
    functions = list(profile.functions.all()) if profile else []
    recorded = completion_record(
        person_key=user.person_key,
        course_code=course.code,
        course_title=course.title,
        completed_at=completed_at,
        source=source,
        user=user,
        course=course,
        validity_months=course.certificate_validity_months,
        origin=origin,
        municipality=profile.municipality if profile else None,
        organisation_kind=organisation.kind if organisation else "",
        profession=profile.profession if profile else None,
        functions=functions,
    )
    if not recorded.created:
        return None
    certificate_issue(completion=recorded.completion)
    if course.grants_function_id and profile is not None:
        profile.functions.add(course.grants_function_id)
    return recorded.completion


def course_completion_reconsider(*, user, course: CoursePage, reason: str) -> Completion | None:
    """After a fact was taken back (a present mark corrected to absent): if the person's live
    platform completion of this course no longer rests on the rule, revoke it. Idempotent.

    Revocation goes through certificates.services.certificate_revoke, the one path that
    revokes a completion and every certificate of it. Imported completions are left alone:
    they never rested on this platform's facts. Returns the completion revoked now, or None.
    """
    from certificates.models import Certificate
    from certificates.services import certificate_revoke

    completion = (
        Completion.objects.filter(
            person_key=user.person_key,
            course_code=course.code,
            revoked_at__isnull=True,
            source__in=[Completion.Source.PLATFORM, Completion.Source.ATTENDANCE],
        )
        .order_by("-round")
        .first()
    )
    if completion is None or course_rule_met(user=user, course=course):
        return None
    certificate = Certificate.objects.filter(completion=completion).order_by("-issued_at").first()
    if certificate is not None:
        return certificate_revoke(certificate=certificate, reason=reason)
    return completion_revoke(completion=completion, reason=reason)


def person_learning_erase(*, user, needles: list[str] | None = None) -> int:
    """Erase what learning holds about a person beyond their own rows. Idempotent.

    Part of account erasure (accounts.privacy.account_erase runs it). Enrolments, progress,
    toets attempts with their answers and session registrations belong to the user row and go
    with it; invitations are kept by address, so those to the person's address go here.
    Returns the number of invitations removed.
    """
    deleted, _rows = Invitation.objects.filter(email__iexact=user.email).delete()
    return deleted
