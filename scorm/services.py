"""Writes about SCORM packages: new versions from an upload, attempts and their commits.

CONTRACT
- package_version_create(*, package, file, uploaded_by, inspected=None) -> PackageVersion:
  checks the zip (scorm.unpack), streams its files into storage under the version's own prefix
  and records the next version number. Raises PackageRefused (nothing stored) on any problem.
- attempt_for(*, user, lesson) -> PackageAttempt | None: the learner's attempt, started on the
  current version if there is none. Only for an actively enrolled learner. Idempotent.
- attempt_commit(*, user, attempt_uuid, sequence, session, data) -> CommitResult: validates
  and stores the CMI data of one commit. Idempotent: a sequence number at or below the last
  stored one changes nothing. When the package's own rule says the lesson is done, the lesson
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
from courses.selectors import course_of_page
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


def attempt_for(*, user, lesson: PackageLessonPage) -> PackageAttempt | None:
    """The learner's attempt at this lesson; started on the package's current version when
    there is none yet. None for anyone not actively enrolled, or a lesson without a package.
    Idempotent: two tabs opening the lesson at once end with one attempt."""
    if not getattr(user, "is_authenticated", False) or lesson.package_id is None:
        return None
    attempt = (
        PackageAttempt.objects.filter(user=user, lesson=lesson).select_related("version").first()
    )
    if attempt is not None:
        return attempt
    if not _enrolled(user, lesson):
        return None
    version = lesson.package.current_version()
    if version is None:
        return None
    try:
        with transaction.atomic():
            return PackageAttempt.objects.create(user=user, lesson=lesson, version=version)
    except IntegrityError:
        return PackageAttempt.objects.select_related("version").get(user=user, lesson=lesson)


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
        return CommitResult(attempt, False, attempt.completed_at is not None, None)
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
    if newly_completed:
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
    return CommitResult(attempt, True, attempt.completed_at is not None, completion)
