"""Import of completions from outside the platform, such as the export of the BUIT e-learning.

Two steps, so the person who uploads sees what a file will do before it does anything:
``import_batch_validate`` reads and checks a file and records an ``ImportBatch`` with a report
per line; ``import_batch_run`` writes the completions of a batch that may be imported (queued
by ``import_batch_queue`` after a confirmation in the admin). ``completions_import`` does both
at once, for the management command and the benchmark.

The file: a CSV with a header row holding (case-insensitive, in any order) ``email``,
``gemeente`` and ``afgerond_op``, and optionally ``voornaam``, ``achternaam``, ``organisatie``
and ``beroepsgroep``; other columns are ignored. Delimiter ``,`` or ``;``; UTF-8 with or
without byte-order mark, or Windows-1252. Decisions:

- Only the person key (a keyed hash of the normalised e-mail) is stored: names are read past,
  the e-mail is never written, and the uploaded file is deleted once it has been imported.
  Reports name line numbers, never addresses.
- An unknown ``beroepsgroep`` is stored as no profession, and an empty ``gemeente`` as no
  municipality (both count, they only miss a breakdown); a filled-in ``gemeente`` that matches
  no municipality is an error, since it is almost always a typo that would move a region's
  figures. ``organisatie`` gives the organisation kind when it names a kind ("Jeugdzorg") or an
  organisation known on the platform; otherwise the kind stays empty.
- One completion per person and course code: a person who already has a completion of the
  course code (from the platform or an earlier import) is counted as existing and nothing is
  written, so importing a file twice creates nothing twice.
- When any line is invalid nothing is imported, unless the person chose to import the valid
  lines only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.audit import audit_record
from accounts.models import AuditEvent, User
from courses.completion import completions_record_many, valid_until_for
from courses.models import Completion, CoursePage
from elearning.outbox import outbox_add
from elearning.tasks import RETRIED_UNTIL_DONE
from reporting.import_reading import (  # noqa: F401 (ReportingError and Row were defined here)
    FileRefused,
    Parsed,
    ReportingError,
    Row,
    _decode,
    _parse,
    _read,
)
from reporting.models import ImportBatch
from reporting.standings import standings_settle

# --- Writing ---------------------------------------------------------------------------------


def _noon(day: date) -> datetime:
    # A date without a time: noon in Dutch time keeps it on the same day in every report,
    # whatever time zone a reader converts to.
    return timezone.make_aware(datetime.combine(day, time(12)), timezone.get_default_timezone())


def _apply_counts(batch: ImportBatch, parsed: Parsed) -> None:
    batch.line_count = parsed.line_count
    batch.valid_count = parsed.valid_count
    batch.invalid_count = parsed.invalid_lines
    batch.existing_count = parsed.existing_count
    batch.report = [{"line": None, "message": parsed.refused}] if parsed.refused else parsed.report


def _refusal_for(parsed: Parsed, *, import_valid_lines: bool) -> str:
    """Why a checked file may not be imported as it stands; empty when it may."""
    if parsed.refused:
        return parsed.refused
    if not parsed.rows:
        return _("Geen enkele regel is geldig; er is niets geïmporteerd.")
    if parsed.invalid_lines and not import_valid_lines:
        return ngettext(
            "%(count)s regel is ongeldig; er is niets geïmporteerd. Verbeter het bestand, of "
            "kies ervoor alleen de geldige regels te importeren.",
            "%(count)s regels zijn ongeldig; er is niets geïmporteerd. Verbeter het bestand, of "
            "kies ervoor alleen de geldige regels te importeren.",
            parsed.invalid_lines,
        ) % {"count": parsed.invalid_lines}
    return ""


def _write(batch: ImportBatch, parsed: Parsed, *, user) -> ImportBatch:
    """Write the new completions of a checked batch. Runs inside the caller's transaction."""
    course = (
        CoursePage.objects.filter(code=batch.course_code)
        .only("title", "certificate_validity_months")
        .first()
    )
    title = course.title if course else batch.course_code
    validity = course.certificate_validity_months if course else None
    completions = []
    for row in parsed.new_rows:
        completed_at = _noon(row.completed_on)
        # Checked line by line above; full_clean per row would cost more than the import.
        completions.append(
            Completion(
                person_key=row.person_key,
                course_code=batch.course_code,
                course_title=title,
                round=1,
                completed_at=completed_at,
                valid_until=valid_until_for(completed_at, validity),
                source=Completion.Source.IMPORT,
                import_source=batch.source_name,
                origin={"kind": "import", "batch": str(batch.uuid)},
                municipality_id=row.municipality_id,
                organisation_kind=row.organisation_kind,
                profession_id=row.profession_id,
            )
        )
    created = completions_record_many(completions)
    # Thousands of people at once: their standings are settled here, in the import's own
    # transaction, not by the next person who opens a report.
    standings_settle()
    _apply_counts(batch, parsed)
    batch.created_count = created
    batch.status = ImportBatch.Status.IMPORTED
    batch.imported_at = timezone.now()
    if batch.file:
        # The file holds names and e-mail addresses: once imported, only the counts remain.
        stored, storage = batch.file.name, batch.file.storage
        batch.file = ""
        transaction.on_commit(lambda: storage.delete(stored))
    batch.save()
    audit_record(
        actor=user,
        action=AuditEvent.Action.IMPORT,
        target=f"import:{batch.course_code}:{batch.file_name}",
        details={
            "import": str(batch.uuid),
            "stap": "geïmporteerd",
            "bron": batch.source_name,
            "cursus": batch.course_code,
            "regels": batch.line_count,
            "ongeldig": batch.invalid_count,
            "nieuw": batch.created_count,
            "al_bekend": batch.existing_count,
        },
    )
    return batch


def _batch_create(
    parsed: Parsed,
    *,
    data: bytes | None,
    sha256: str,
    file_name: str,
    source: str,
    course_code: str,
    user,
    import_valid_lines: bool,
    keep_file: bool,
) -> ImportBatch:
    refusal = _refusal_for(parsed, import_valid_lines=import_valid_lines)
    batch = ImportBatch(
        source_name=source,
        course_code=course_code,
        file_name=file_name,
        file_sha256=sha256,
        uploaded_by=user if user is not None and user.pk else None,
        status=ImportBatch.Status.REFUSED if refusal else ImportBatch.Status.VALIDATED,
    )
    _apply_counts(batch, parsed)
    # A file refused as a whole is never read again; one with invalid lines is kept so the
    # person can still choose to import its valid lines.
    if keep_file and data is not None and not parsed.refused and parsed.rows:
        batch.file.save(f"{batch.uuid}.csv", ContentFile(data), save=False)
    batch.full_clean(exclude=["file", "report"])
    batch.save()
    audit_record(
        actor=user,
        action=AuditEvent.Action.IMPORT,
        target=f"import:{course_code}:{file_name}",
        details={
            "import": str(batch.uuid),
            "stap": "gecontroleerd" if not refusal else "geweigerd",
            "bron": source,
            "cursus": course_code,
            "regels": batch.line_count,
            "ongeldig": batch.invalid_count,
        },
    )
    return batch


def _check_arguments(source: str, course_code: str) -> tuple[str, str]:
    source, course_code = (source or "").strip(), (course_code or "").strip().lower()
    if not source:
        raise ValidationError(_("Geef de bron van de afrondingen op."))
    validate_slug(course_code)
    return source[:100], course_code


def _checked(file, source, course_code, *, user, import_valid_lines, keep_file):
    """Read, parse and record a file as a batch with its report (inside the caller's
    transaction); returns what was parsed and the batch."""
    source, course_code = _check_arguments(source, course_code)
    data, sha256, file_name = _read(file)
    parsed = _parse(data, course_code=course_code)
    batch = _batch_create(
        parsed,
        data=data,
        sha256=sha256,
        file_name=file_name,
        source=source,
        course_code=course_code,
        user=user,
        import_valid_lines=import_valid_lines,
        keep_file=keep_file,
    )
    return parsed, batch


# --- Services --------------------------------------------------------------------------------


def import_batch_validate(
    *, file, source: str, course_code: str, user=None, import_valid_lines: bool = False
) -> ImportBatch:
    """Check a file and record the batch with its report; writes no completion.

    The batch is VALIDATED when it may be imported (no invalid lines, or the valid lines only
    were chosen and there are some), REFUSED otherwise. The file is kept for the import that a
    confirmation starts. Raises ValidationError for a missing source or a malformed course code.
    """
    with transaction.atomic():
        _parsed, batch = _checked(
            file, source, course_code, user=user, import_valid_lines=import_valid_lines,
            keep_file=True,
        )  # fmt: skip
        return batch


def completions_import(
    *, file, source: str, course_code: str, user=None, import_valid_lines: bool = False
) -> ImportBatch:
    """Check a file and, when it may be imported, import it at once, in one transaction.

    Idempotent: a person (person key) who already has a completion of the course code is
    counted as existing and gets nothing new, so the same file imported twice creates nothing
    the second time. Returns the batch: IMPORTED, or REFUSED with the reasons in its report.
    Raises ValidationError for a missing source or a malformed course code.
    """
    with transaction.atomic():
        parsed, batch = _checked(
            file, source, course_code, user=user, import_valid_lines=import_valid_lines,
            keep_file=False,
        )  # fmt: skip
        if batch.status == ImportBatch.Status.VALIDATED:
            _write(batch, parsed, user=user)
    return batch


def import_batch_queue(
    *, batch: ImportBatch, user, import_valid_lines: bool = False
) -> ImportBatch:
    """Confirm a checked batch and queue its import after commit.

    A batch refused only for its invalid lines may still be confirmed with
    ``import_valid_lines``. Raises ValidationError when the batch cannot be imported (refused
    as a whole, already queued or imported).
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        may_run = batch.status == ImportBatch.Status.VALIDATED or (
            batch.status == ImportBatch.Status.REFUSED
            and import_valid_lines
            and batch.valid_count > 0
            and bool(batch.file)
        )
        if not may_run:
            raise ValidationError(_("Deze import kan niet (meer) worden gestart."))
        batch.status = ImportBatch.Status.PENDING
        batch.save(update_fields=["status"])
        user_id = user.pk if user is not None else None
        # Each confirmation is its own event: a refused batch may be confirmed again.
        outbox_add(
            key=f"import:{batch.pk}:{uuid.uuid4().hex}",
            task="reporting.imports.import_batch_run_task",
            args=[batch.pk, user_id],
        )
    return batch


def import_batch_run(batch: ImportBatch, *, user=None) -> ImportBatch:
    """Import a confirmed batch from its stored file. Idempotent.

    A batch that is not VALIDATED or PENDING (already imported, refused) is returned as it is;
    the row lock makes a second worker wait and then find it imported. The file is checked
    again, because the database may have changed since the upload (a completion written in the
    meantime becomes existing). New invalid lines in a batch that had none refuse it.
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status not in (ImportBatch.Status.VALIDATED, ImportBatch.Status.PENDING):
            return batch
        if not batch.file:
            parsed = Parsed(refused=_("Het bestand is niet meer beschikbaar; upload het opnieuw."))
        else:
            with batch.file.open("rb") as stored:
                parsed = _parse(stored.read(), course_code=batch.course_code)
        # Invalid lines at upload mean the valid lines only were chosen.
        refusal = _refusal_for(parsed, import_valid_lines=batch.invalid_count > 0)
        if refusal:
            _apply_counts(batch, parsed)
            if not parsed.refused:
                batch.report = [*batch.report, {"line": None, "message": refusal}]
            batch.status = ImportBatch.Status.REFUSED
            batch.save()
            return batch
        return _write(batch, parsed, user=user or batch.uploaded_by)


def imports_person_erase(*, user, needles: list[str] | None = None) -> int:
    """Take a person's lines out of every stored import file that still holds them. Idempotent.

    Part of account erasure (accounts.privacy.account_erase runs it). A batch keeps its file
    until it is imported, so a checked batch waiting for confirmation (or one refused with the
    choice of its valid lines still open) may hold the person's address, name and organisation.
    Their lines are matched on the e-mail addresses of the account (a name alone could be
    someone else's) and removed; the other lines stay importable. The trimmed file is written
    under a new name and the old one deleted once the transaction commits. Returns the number
    of files changed.
    """
    addresses = {user.email.casefold()} | {
        address.casefold() for address in user.emailaddress_set.values_list("email", flat=True)
    }
    changed = 0
    for batch in ImportBatch.objects.select_for_update().exclude(file=""):
        try:
            with batch.file.open("rb") as stored:
                text = _decode(stored.read())
        except (FileNotFoundError, FileRefused):
            continue
        header, *lines = text.splitlines(keepends=True) or [""]
        kept = [
            line
            for line in lines
            if not any(address in line.casefold() for address in addresses if address)
        ]
        if len(kept) == len(lines):
            continue
        storage, old_name = batch.file.storage, batch.file.name
        batch.file.save(
            f"{batch.uuid}-{uuid.uuid4().hex[:8]}.csv",
            ContentFile("".join([header, *kept]).encode("utf-8")),
            save=False,
        )
        ImportBatch.objects.filter(pk=batch.pk).update(file=batch.file.name)
        transaction.on_commit(lambda s=storage, n=old_name: s.delete(n), robust=True)
        changed += 1
    return changed


def import_batch_summary(batch: ImportBatch) -> str:
    """One Dutch sentence on what a batch did or will do, for the admin and the command."""
    counts = {
        "lines": batch.line_count,
        "valid": batch.valid_count,
        "created": batch.created_count,
        "existing": batch.existing_count,
        "invalid": batch.invalid_count,
    }
    # "Label: number" reads right for every number, where "1 nieuwe afrondingen" does not.
    if batch.status == ImportBatch.Status.IMPORTED:
        return (
            _(
                "Regels gelezen: %(lines)s. Nieuwe afrondingen: %(created)s, al bekend: "
                "%(existing)s, ongeldige regels overgeslagen: %(invalid)s."
            )
            % counts
        )
    if batch.line_count == 0:
        return _("Het bestand is geweigerd; er is niets geïmporteerd.")
    summary = (
        _(
            "Regels gelezen: %(lines)s. Geldig: %(valid)s (waarvan al bekend: %(existing)s), "
            "ongeldig: %(invalid)s."
        )
        % counts
    )
    if batch.status == ImportBatch.Status.REFUSED:
        summary += " " + _("Er is niets geïmporteerd.")
    return summary


# --- Tasks -----------------------------------------------------------------------------------


@shared_task(**RETRIED_UNTIL_DONE)
def import_batch_run_task(batch_id: int, user_id: int | None = None) -> str:
    """Import one confirmed batch; safe to run twice (see import_batch_run)."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return ""
    user = User.objects.filter(pk=user_id).first() if user_id else None
    return import_batch_run(batch, user=user).status
