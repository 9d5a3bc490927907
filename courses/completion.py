"""The one writer of Completion rows.

Every completion, from the platform, from attendance or from an import, is written here, so
the rule "one completion per person, course and round" lives in one place.
"""

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from courses.models import Completion
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
# revoked or rewritten, so a layer above (the reports' standings) moves with the fact, in the
# same transaction, without this module knowing it.
completions_written = Signal()


def completions_changed(*, person_keys=()) -> None:
    """Say that completions changed: cached counts are stale once the transaction commits.

    With `person_keys`, also announce whose completions changed (completions_written), so
    figures kept per person move now, in the caller's transaction.
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
    `origin` says where the completion came from (Completion.origin_display).
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
                    municipality=municipality,
                    organisation_kind=organisation_kind,
                    profession=profession,
                )
                # The related rows were passed in as instances read from the database, and
                # the database enforces both their existence and the uniqueness of the round
                # (the IntegrityError below): checking those here would only add queries.
                completion.full_clean(
                    exclude=["functions", "user", "course", "municipality", "profession"],
                    validate_unique=False,
                )
                completion.save()
                if functions:
                    completion.functions.set(functions)
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
