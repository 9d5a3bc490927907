"""Completion: the course's rule and the recording of its completions, in one place.

- The rule: `course_rule_met_at` / `course_rule_met` read a learner's facts and say whether,
  and since when, the course's completion rule holds.
- Its recording: `course_completion_evaluate` (after a learner's event) and
  `course_completion_reconsider` (after a fact was taken back) apply the rule;
  `completion_record`, `completions_record_many` and `completion_revoke` are the one writer of
  Completion rows. Every completion, from the platform, from attendance or from an import, is
  written here, so the rule "one completion per person, course and round" lives in one place.

The learning services (courses.services) call in here and re-export these names; they do not
decide completion themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, connection, transaction
from django.dispatch import Signal
from django.utils import timezone

from accounts.models import Organisation, Profile
from courses.models import Completion, CoursePage, SessionRegistration
from courses.outline import CourseStructure
from courses.selectors.progress import LearnerFacts, course_structure, learner_facts
from elearning.versions import version_bump, version_current


@dataclass(frozen=True)
class RecordedCompletion:
    completion: Completion
    created: bool


COMPLETIONS_VERSION_KEY = "completions:version"


def completions_version() -> int:
    """A number that changes whenever what the counters count changes (new or revoked rows).

    Cached reports include it in their key, so they are recomputed on the next read after a
    change instead of waiting for a timeout.
    """
    return version_current(COMPLETIONS_VERSION_KEY)


# Sent inside the writer's transaction with the person keys whose completions were written,
# revoked or rewritten, so a layer above (the reports' standings) learns of the fact in the
# same transaction (and notes them as due), without this module knowing it.
completions_written = Signal()


def completions_changed(*, person_keys=()) -> None:
    """Say that completions changed: cached counts are stale once the transaction commits.

    With `person_keys`, also announce whose completions changed (completions_written), so
    figures kept per person are marked stale in the caller's transaction.
    """
    if person_keys:
        completions_written.send(sender=Completion, person_keys=list(person_keys))
    version_bump(COMPLETIONS_VERSION_KEY, now=False)


def valid_until_for(completed_at: datetime, validity_months: int | None) -> date | None:
    if not validity_months:
        return None
    return (timezone.localtime(completed_at) + relativedelta(months=validity_months)).date()


def completion_record(
    *,
    person_key: str,
    course_code: str,
    course_title: str,
    completed_at: datetime,
    source: str,
    user=None,
    course=None,
    validity_months: int | None = None,
    import_source: str = "",
    origin: dict | None = None,
    municipality=None,
    organisation_kind: str = "",
    profession=None,
    functions=(),
) -> RecordedCompletion:
    """Record that a person completed a course. Idempotent.

    A person has at most one completion per course and round. While the latest round is still
    valid (no expiry, or not yet expired at `completed_at`), recording again returns that round
    unchanged (created=False): replays, double clicks and re-imports change nothing. Once it has
    expired, or was revoked (a corrected attendance, a withdrawn certificate), a new round is
    written: meeting the rule again is a new fact. Concurrent calls for the same person and
    course end with one row: the unique constraint decides, and the loser re-reads the
    winner's row.
    `origin` says where the completion came from (Completion.origin_display). `municipality`
    and `profession` are rows or their ids, `functions` rows or ids.
    """
    for _attempt in range(3):
        latest = (
            Completion.objects.filter(person_key=person_key, course_code=course_code)
            .order_by("-round")
            .first()
        )
        if (
            latest is not None
            and latest.revoked_at is None
            and (
                latest.valid_until is None
                or latest.valid_until >= timezone.localtime(completed_at).date()
                or latest.completed_at >= completed_at
            )
        ):
            return RecordedCompletion(latest, False)
        next_round = 1 if latest is None else latest.round + 1
        try:
            with transaction.atomic():
                completion = Completion(
                    person_key=person_key,
                    user=user,
                    course=course,
                    course_code=course_code,
                    course_title=course_title,
                    round=next_round,
                    completed_at=completed_at,
                    valid_until=valid_until_for(completed_at, validity_months),
                    source=source,
                    import_source=import_source,
                    origin=origin or {},
                    municipality_id=getattr(municipality, "pk", municipality),
                    organisation_kind=organisation_kind,
                    profession_id=getattr(profession, "pk", profession),
                )
                # The related rows were passed in as instances read from the database, and
                # the database enforces both their existence and the uniqueness of the round
                # (the IntegrityError below): checking those here would only add queries.
                completion.full_clean(
                    exclude=["functions", "user", "course", "municipality", "profession"],
                    validate_unique=False,
                    validate_constraints=False,
                )
                completion.save()
                if functions:
                    # A new row has no functions yet: added without reading them first.
                    completion.functions.add(*functions)
                completions_changed(person_keys=[person_key])
            return RecordedCompletion(completion, True)
        except IntegrityError:
            continue
    latest = Completion.objects.filter(person_key=person_key, course_code=course_code).latest(
        "round"
    )
    return RecordedCompletion(latest, False)


def completions_record_many(completions: list[Completion]) -> int:
    """Write first-round completions in bulk: imports of external files and demo data.

    The callers have already left out everyone who has a completion of the course code (an
    import reports them as existing); the unique constraint still turns a row written in the
    meantime into a skip rather than a second round. Returns how many rows were offered.
    """
    with transaction.atomic():
        Completion.objects.bulk_create(completions, batch_size=1000, ignore_conflicts=True)
        if completions:
            completions_changed(person_keys={c.person_key for c in completions})
    return len(completions)


def completion_revoke(*, completion: Completion, reason: str) -> Completion:
    """Revoke a completion with a reason. Idempotent: revoking again keeps the first date and
    reason. The counters stop counting it from its revocation on."""
    with transaction.atomic():
        completion = Completion.objects.select_for_update().get(pk=completion.pk)
        if completion.revoked_at is None:
            completion.revoked_at = timezone.now()
            completion.revoked_reason = (reason or "").strip()[:500]
            completion.save(update_fields=["revoked_at", "revoked_reason"])
            completions_changed(person_keys=[completion.person_key])
    return completion


# --- The hook for the layer above: certificates --------------------------------------------

# A completion the rule newly records gets a certificate, and one the rule no longer supports is
# revoked with its certificates. Certificates sit a layer above courses, so this module does not
# import them: the certificates app registers its two functions here in its AppConfig.ready.
# Without a registration a completion is recorded without a certificate and revoked alone.


@dataclass
class CertificateHooks:
    issue: Callable[..., object] | None = None
    revoke: Callable[..., Completion] | None = None


_certificate_hooks = CertificateHooks()


def certificate_hooks_register(
    *, issue: Callable[..., object], revoke: Callable[..., Completion]
) -> None:
    """Register what a recorded completion and a revoked one mean for certificates.

    `issue(completion=...)` runs in the transaction that newly recorded a platform completion
    (course_completion_evaluate); `revoke(completion=..., reason=...) -> Completion` replaces
    completion_revoke when the rule no longer holds (course_completion_reconsider). Registering
    again replaces the earlier functions (one certificates app).
    """
    _certificate_hooks.issue = issue
    _certificate_hooks.revoke = revoke


# --- The rule and its evaluation --------------------------------------------------------


def course_rule_met_at(
    *,
    user,
    course: CoursePage,
    facts: LearnerFacts | None = None,
    structure: CourseStructure | None = None,
) -> datetime | None:
    """When the person met the course's completion rule, or None if they do not meet it now.

    The rule is the conjunction of what the course requires: all live lessons completed, all
    live toetsen passed (any passed attempt counts), present at one of its sessions. The
    moment is the latest of the moments each requirement was first met (a lesson's
    completion, a toets's first passing attempt, the start of the first session the person
    was present at). A course that requires nothing it has is never completed by the
    platform. `facts` the caller read in the same transaction, and the `structure` it worked
    out where the learner goes next, spare a second read.
    """
    if structure is None:
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


def _profile_snapshot(user) -> tuple[int | None, int | None, str, int | None, list[int]]:
    """What a completion keeps of the person's profile, as ids, in one query: the profile,
    its municipality, its organisation's kind, its profession and its functions (one row per
    function). Plain SQL: the ORM spelling took two queries, and compiling them cost more
    than running them on the course-completing request."""
    sql = f"""
        SELECT p.id, p.municipality_id, o.kind, p.profession_id, f.function_id
        FROM {Profile._meta.db_table} p
        LEFT JOIN {Organisation._meta.db_table} o ON o.id = p.organisation_id
        LEFT JOIN {Profile.functions.through._meta.db_table} f ON f.profile_id = p.id
        WHERE p.user_id = %s
        ORDER BY f.function_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        rows = cursor.fetchall()
    if not rows:
        return None, None, "", None, []
    profile_id, municipality_id, organisation_kind, profession_id, _ = rows[0]
    held = [row[4] for row in rows if row[4] is not None]
    return profile_id, municipality_id, organisation_kind or "", profession_id, held


def course_completion_evaluate(
    *,
    user,
    course: CoursePage,
    source: str = Completion.Source.PLATFORM,
    facts: LearnerFacts | None = None,
    structure: CourseStructure | None = None,
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
    calls the registered certificate issuer (certificate_hooks_register) in the same
    transaction and, if the course grants a function, adds that function to the learner's
    profile.
    """
    met_at = course_rule_met_at(user=user, course=course, facts=facts, structure=structure)
    if met_at is None:
        return None
    completed_at = max(met_at, event_at) if event_at is not None else timezone.now()
    completed_at = min(completed_at, timezone.now())

    profile_id, municipality_id, organisation_kind, profession_id, functions = _profile_snapshot(
        user
    )
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
        municipality=municipality_id,
        organisation_kind=organisation_kind,
        profession=profession_id,
        functions=functions,
    )
    if not recorded.created:
        return None
    if _certificate_hooks.issue is not None:
        _certificate_hooks.issue(completion=recorded.completion)
    if course.grants_function_id and profile_id:
        # The whole profile: whoever listens to a change of its functions may read it.
        Profile.objects.get(pk=profile_id).functions.add(course.grants_function_id)
    return recorded.completion


def course_completion_reconsider(*, user, course: CoursePage, reason: str) -> Completion | None:
    """After a fact was taken back (a present mark corrected to absent): if the person's live
    platform completion of this course no longer rests on the rule, revoke it. Idempotent.

    Revocation goes through the registered certificate revoker (certificates: the one path
    that revokes a completion and every certificate of it), or completion_revoke when none is
    registered. Imported completions are left alone: they never rested on this platform's
    facts. Returns the completion revoked now, or None.
    """
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
    revoke = _certificate_hooks.revoke or completion_revoke
    return revoke(completion=completion, reason=reason)
