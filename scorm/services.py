"""Writes about SCORM packages: new versions from an upload, attempts and their commits.

CONTRACT
- package_version_create(*, package, file, uploaded_by, inspected=None) -> PackageVersion:
  checks the zip (scorm.unpack), streams its files into storage under the version's own prefix
  and records the next version number. Raises PackageRefused (nothing stored) on any problem.
- attempt_for(*, user, lesson, sco=None) -> PackageAttempt | None: the learner's attempt at
  one SCO of the lesson (each SCO has its own CMI record), started on the current version if
  the learner has none yet. Only for an actively enrolled learner. Idempotent.
- attempt_commit(*, user, attempt_uuid, sequence, session, data) -> CommitResult: validates
  and stores the CMI data of one commit. Idempotent: a sequence number at or below the last
  stored one changes nothing. When the package's own rule says the SCO is done and every SCO
  of the lesson is done, the lesson
  is completed through courses.services.lesson_complete, and the course's rule applies.
  A commit reads one row and writes one row; only the commit that completes the lesson does
  more (the course's rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Completion, Enrolment
from courses.selectors.progress import course_of_page
from courses.services import lesson_complete
from scorm.cmi import CommitInvalid, cmi_clean, is_completed
from scorm.models import PackageAttempt, PackageLessonPage, PackageVersion, ScormPackage
from scorm.unpack import Inspected, package_extract, package_inspect


def package_version_create(
    *, package: ScormPackage | None, file, uploaded_by=None, inspected: Inspected | None = None
) -> PackageVersion:
    """Store an uploaded zip as the next version of `package` (a new package when None).

    Raises PackageRefused with a Dutch reason; then no file and no row is left behind.
    """
    if inspected is None:
        inspected = package_inspect(file)
    if hasattr(file, "seek"):
        file.seek(0)
    manifest = inspected.manifest
    with transaction.atomic():
        if package is None:
            package = ScormPackage.objects.create(title=manifest.title or _("SCORM-pakket"))
        else:
            package = ScormPackage.objects.select_for_update().get(pk=package.pk)
        number = (package.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        version = PackageVersion(
            package=package,
            number=number,
            scorm_version=manifest.scorm_version,
            title=manifest.title,
            launch=manifest.launch,
            launch_query=manifest.launch_query[:500],
            mastery_score=manifest.mastery_score,
            passing_scaled=manifest.passing_scaled,
            organisation=list(manifest.organisation),
            file_count=len(inspected.members),
            total_bytes=inspected.total_bytes,
            file_name=(getattr(file, "name", "") or "")[:255],
            uploaded_by=uploaded_by,
        )
        written = package_extract(
            file, inspected, storage=default_storage, prefix=version.storage_prefix
        )
        try:
            version.full_clean(exclude=["package", "uploaded_by"], validate_constraints=False)
            version.save()
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return version


def _enrolled(user, lesson) -> bool:
    course = course_of_page(lesson)
    return (
        course is not None
        and Enrolment.objects.filter(
            user=user, course_id=course.pk, status=Enrolment.Status.ACTIVE
        ).exists()
    )


def attempts_of(*, user, lesson: PackageLessonPage) -> dict[str, PackageAttempt]:
    """The learner's attempts at this lesson by SCO key (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        attempt.sco: attempt
        for attempt in PackageAttempt.objects.filter(user=user, lesson=lesson).select_related(
            "version"
        )
    }


def attempt_for(
    *, user, lesson: PackageLessonPage, sco: str | None = None, known=None
) -> PackageAttempt | None:
    """The learner's attempt at one SCO of this lesson (`sco` a key of PackageVersion.scos;
    None: the first SCO not yet completed). A learner's first attempt starts on the package's
    current version, every later SCO on the version the learner started with. None for
    anyone not actively enrolled, a lesson without a package or an unknown SCO.
    Idempotent: two tabs opening the lesson at once end with one attempt per SCO.
    `known`: attempts_of() already read by the caller."""
    if not getattr(user, "is_authenticated", False) or lesson.package_id is None:
        return None
    known = attempts_of(user=user, lesson=lesson) if known is None else known
    if known:
        version = next(iter(known.values())).version
    else:
        if not _enrolled(user, lesson):
            return None
        version = lesson.package.current_version()
        if version is None:
            return None
    scos = version.scos()
    if sco is None:
        sco = next(
            (s["key"] for s in scos if s["key"] not in known or not known[s["key"]].completed_at),
            scos[0]["key"],
        )
    if sco in known:
        return known[sco]
    if version.sco(sco) is None:
        return None
    try:
        with transaction.atomic():
            return PackageAttempt.objects.create(user=user, lesson=lesson, version=version, sco=sco)
    except IntegrityError:
        return PackageAttempt.objects.select_related("version").get(
            user=user, lesson=lesson, sco=sco
        )


def _every_sco_completed(attempt: PackageAttempt) -> bool:
    """The lesson's rule over its SCOs: each one completed (for SCORM 2004 the simple case of
    the sequencing rollup, every child completed or passed; other rollup rules are not read)."""
    if attempt.completed_at is None:
        return False
    expected = len(attempt.version.scos())
    if expected == 1:
        return True
    completed = PackageAttempt.objects.filter(
        user_id=attempt.user_id,
        lesson_id=attempt.lesson_id,
        version_id=attempt.version_id,
        completed_at__isnull=False,
    ).count()
    return completed >= expected


@dataclass(frozen=True)
class CommitResult:
    attempt: PackageAttempt
    stored: bool
    lesson_completed: bool
    completion: Completion | None


@transaction.atomic
def attempt_commit(*, user, attempt_uuid, sequence: int, session: str, data: dict) -> CommitResult:
    """Store one commit of the runtime for the learner's own attempt. Idempotent.

    The attempt is looked up through the user (another person's attempt is not found:
    PackageAttempt.DoesNotExist). The elements are checked first (CommitInvalid, nothing
    stored). A commit whose sequence number is not above the last stored one is a replay or
    arrived late and changes nothing. Raises LearningError when the learner is no longer
    enrolled.
    """
    # One read and one write per commit: the row (locked, so two tabs cannot interleave
    # their session times) with its version's rules, but not the location and suspend data
    # that every commit replaces anyway.
    attempt = (
        PackageAttempt.objects.select_for_update(of=("self",))
        .select_related("version")
        .defer("location", "suspend_data")
        .get(user=user, uuid=attempt_uuid)
    )
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise CommitInvalid(_("Het volgnummer van de opslag ontbreekt."))
    if not isinstance(session, str) or not 1 <= len(session) <= 64:
        raise CommitInvalid(_("De sessie van de opslag ontbreekt."))
    cleaned = cmi_clean(attempt.version.scorm_version, data)
    if sequence <= attempt.last_sequence:
        return CommitResult(attempt, False, _every_sco_completed(attempt), None)
    seconds = cleaned.pop("session_seconds")
    for field, value in cleaned.items():
        setattr(attempt, field, value)
    if seconds or session in attempt.sessions:
        attempt.sessions = {**attempt.sessions, session: round(seconds, 2)}
    attempt.last_sequence = sequence
    attempt.committed_at = timezone.now()
    newly_completed = attempt.completed_at is None and is_completed(attempt)
    if newly_completed:
        attempt.completed_at = attempt.committed_at
    attempt.save(
        update_fields=[*cleaned, "sessions", "last_sequence", "committed_at", "completed_at"]
    )
    completion = None
    # Only a commit of a completed SCO looks further: at the other SCOs, then the course.
    lesson_completed = _every_sco_completed(attempt)
    if newly_completed and lesson_completed:
        lesson = PackageLessonPage.objects.get(pk=attempt.lesson_id)
        result = lesson_complete(
            user=user,
            lesson=lesson,
            origin={
                "kind": "pakket",
                "lesson": lesson.pk,
                "package": str(attempt.version.package.uuid),
                "version": attempt.version.number,
                "attempt": str(attempt.uuid),
            },
        )
        completion = result.completion
    return CommitResult(attempt, True, lesson_completed, completion)
