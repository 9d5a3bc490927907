"""Bulk enrolment of existing accounts from a CSV file, every line with a verdict."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User, normalise_email
from courses.models import (
    CoursePage,
    Enrolment,
)
from courses.services.enrolment import _enrolment_activate, _enrolment_upsert

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
