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

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile, User, normalise_email
from courses.completion import completion_record
from courses.models import (
    ClassroomSession,
    Completion,
    CoursePage,
    Enrolment,
    Invitation,
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
    from courses.tasks import enrolment_decision_email_send_task

    transaction.on_commit(
        lambda: enrolment_decision_email_send_task.delay(enrolment.pk), robust=True
    )
    return enrolment


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
    from courses.tasks import invitation_email_send_task

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
        transaction.on_commit(
            lambda pk=invitation.pk: invitation_email_send_task.delay(pk), robust=True
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


# --- Toets attempts -------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptResult:
    attempt: ToetsAttempt
    created: bool
    completion: Completion | None


@transaction.atomic
def toets_submit(
    *, user, toets: ToetsPage, answers: dict[str, list[str]], submission_key: uuid.UUID
) -> AttemptResult:
    """Store and score one attempt on the server. Idempotent per submission key.

    The answers are scored by courses.scoring.score_submission against the stored questions;
    nothing else from the browser is read. A second submit with the same key (double click,
    replayed POST) returns the first attempt (created=False). The attempt limit is enforced
    under the enrolment lock, so two tabs cannot exceed it. A pass triggers the completion
    rule in the same transaction. Raises LearningError when not enrolled, out of attempts or
    the key belongs to someone else.
    """
    from courses.scoring import score_submission

    course = course_of_page(toets)
    if course is None:
        raise LearningError(_("Deze toets hoort niet bij een cursus."))
    _active_enrolment_locked(user=user, course=course)
    existing = ToetsAttempt.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        if existing.user_id != user.pk or existing.toets_id != toets.pk:
            raise LearningError(_("Dit formulier is ongeldig. Laad de toets opnieuw."))
        return AttemptResult(attempt=existing, created=False, completion=None)
    used = ToetsAttempt.objects.filter(user=user, toets=toets).count()
    if toets.max_attempts is not None and used >= toets.max_attempts:
        raise LearningError(_("U heeft alle pogingen voor deze toets gebruikt."))
    result = score_submission(toets, answers)
    attempt = ToetsAttempt(
        user=user,
        toets=toets,
        course=course,
        number=used + 1,
        submission_key=submission_key,
        answers=answers,
        question_count=result.question_count,
        correct_count=result.correct_count,
        score_percent=result.score_percent,
        pass_mark_percent=result.pass_mark_percent,
        passed=result.passed,
        revision_id=toets.latest_revision_id,
        submitted_at=timezone.now(),
    )
    attempt.full_clean(exclude=["answers"], validate_unique=False, validate_constraints=False)
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
            user=user, course=course, origin={"kind": "toets", "toets": toets.pk}
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
def session_cancel(*, user, session: ClassroomSession) -> SessionRegistration | None:
    """Cancel a registration; the first on the waiting list moves up. Idempotent.

    Cancelling twice, or without a registration, changes nothing. The promoted person is told
    by e-mail after the commit.
    """
    session = _session_locked(session)
    registration = SessionRegistration.objects.filter(session=session, user=user).first()
    if registration is None or registration.status == SessionRegistration.Status.CANCELLED:
        return registration
    was_registered = registration.status == SessionRegistration.Status.REGISTERED
    registration.status = SessionRegistration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if was_registered:
        _waitlist_promote(session)
    return registration


def _waitlist_promote(session: ClassroomSession) -> None:
    from courses.tasks import waitlist_promotion_email_send_task

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
        transaction.on_commit(
            lambda pk=registration.pk: waitlist_promotion_email_send_task.delay(pk), robust=True
        )


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


@transaction.atomic
def attendance_mark(
    *, session: ClassroomSession, marked_by, attendance: dict[int, str]
) -> list[Completion]:
    """Record present/absent for registrations of one session (registration id -> value).

    Only seated registrations of this session are touched; unknown ids are ignored. Marking
    the same value again changes nothing. Each learner marked present has the course's
    completion rule evaluated in the same transaction (source: aanwezigheid). Returns the
    completions that were newly written. Who may mark is decided by the view's queryset
    (the session's own trainer).
    """
    valid = {SessionRegistration.Attendance.PRESENT, SessionRegistration.Attendance.ABSENT}
    registrations = (
        SessionRegistration.objects.select_for_update()
        .filter(
            session=session,
            pk__in=list(attendance),
            status=SessionRegistration.Status.REGISTERED,
        )
        .select_related("user")
    )
    now = timezone.now()
    completions = []
    course = CoursePage.objects.get(pk=session.course_id)
    for registration in registrations:
        value = attendance[registration.pk]
        if value not in valid or registration.attendance == value:
            continue
        registration.attendance = value
        registration.attendance_marked_at = now
        registration.attendance_marked_by = marked_by
        registration.save(
            update_fields=["attendance", "attendance_marked_at", "attendance_marked_by"]
        )
        if value == SessionRegistration.Attendance.PRESENT:
            enrolment = _enrolment_locked(user=registration.user, course=course)
            if enrolment is None or enrolment.status != Enrolment.Status.ACTIVE:
                continue
            completion = course_completion_evaluate(
                user=registration.user,
                course=course,
                source=Completion.Source.ATTENDANCE,
                origin={"kind": "bijeenkomst", "session": str(session.uuid)},
            )
            if completion is not None:
                completions.append(completion)
    return completions


# --- Completion -----------------------------------------------------------------------------


def course_rule_met(*, user, course: CoursePage, facts: LearnerFacts | None = None) -> bool:
    """Whether the person meets the course's completion rule right now (reads only).

    The rule is the conjunction of what the course requires: all live lessons completed, all
    live toetsen passed (best attempt counts: any passed attempt), present at one of its
    sessions. A course that requires nothing it has (no lessons, no toetsen, no attendance
    required) is never completed by the platform. `facts` the caller read in the same
    transaction spare a second read.
    """
    structure = course_structure(course)
    if facts is None:
        facts = learner_facts(user, [course.pk])[course.pk]
    checks = []
    if course.requires_all_lessons and structure.lesson_ids:
        checks.append(structure.lesson_ids <= facts.done)
    if course.requires_all_tests and structure.toets_ids:
        checks.append(structure.toets_ids <= facts.done)
    if course.requires_session_attendance:
        checks.append(
            SessionRegistration.objects.filter(
                user=user,
                session__course=course,
                attendance=SessionRegistration.Attendance.PRESENT,
            ).exists()
        )
    return bool(checks) and all(checks)


def course_completion_evaluate(
    *,
    user,
    course: CoursePage,
    source: str = Completion.Source.PLATFORM,
    facts: LearnerFacts | None = None,
    origin: dict | None = None,
) -> Completion | None:
    """Evaluate the completion rule; if met, record the completion and issue the certificate.

    Must run inside the transaction of the event (the caller holds the enrolment lock).
    Returns the Completion when one was newly written, else None. Writes through
    completion_record (idempotent: a still-valid completion is never written twice), with a
    snapshot of the learner's municipality, organisation kind, profession and functions, and
    valid_until from the course's certificate validity. On a new completion it calls
    certificate_issue in the same transaction and, if the course grants a function, adds that
    function to the learner's profile.
    """
    from certificates.services import certificate_issue

    if not course_rule_met(user=user, course=course, facts=facts):
        return None

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
        completed_at=timezone.now(),
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
