"""Reconciliation per source and month: what came in from where, and what it added.

For the programme team: for every source of completions (the platform's own lessons, each
SCORM package, each xAPI partner, each CSV import source) and each month, how much was
received, how much matched a course and a person, how many people it added to the counts
(their first completion anywhere), how many were people already counted elsewhere, and how
many ended as dead letters. One table, shown at /rapportage/herkomst/ and exportable like
every report table (reporting.tables).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Completion
from reporting.models import ImportBatch
from scorm.models import ScormPackage
from xapi.models import Statement


@dataclass
class Line:
    received: int = 0
    matched: int = 0
    new_people: int = 0
    duplicates: int = 0
    dead: int = 0


def _month(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


def _label(source: str, origin: dict, import_source: str, packages: dict[str, str]) -> tuple:
    kind = (origin or {}).get("kind")
    if kind == "pakket":
        return ("scorm", packages.get(origin.get("package"), origin.get("package", "")))
    if source == Completion.Source.XAPI:
        return ("xapi", origin.get("partner", ""))
    if source == Completion.Source.IMPORT:
        return ("import", import_source)
    return ("platform", "")


def reconciliation_lines(scope=None) -> dict[tuple, Line]:
    """{(source kind, source name, month): Line}, in three queries plus one per kind of feed.

    A completion is a "new person" when it is the first completion (by recording time) of its
    person key anywhere; any later completion of that person is a duplicate of someone already
    counted elsewhere. Revoked completions are left out of both.
    """
    packages = {str(u): t for u, t in ScormPackage.objects.values_list("uuid", "title")}
    lines: dict[tuple, Line] = defaultdict(Line)
    seen: set[str] = set()
    rows = (
        Completion.objects.filter(revoked_at__isnull=True)
        .order_by("created_at", "pk")
        .values_list("person_key", "created_at", "source", "origin", "import_source")
    )
    for person_key, created_at, source, origin, import_source in rows.iterator(chunk_size=5000):
        kind, name = _label(source, origin, import_source, packages)
        line = lines[(kind, name, _month(created_at))]
        if kind in ("platform", "scorm"):  # a platform completion is its own receipt
            line.received += 1
            line.matched += 1
        if person_key in seen:
            line.duplicates += 1
        else:
            seen.add(person_key)
            line.new_people += 1
    statements = (
        Statement.objects.annotate(month=TruncMonth("received_at"))
        .values("partner__code", "month", "status")
        .annotate(n=Count("id"))
    )
    for row in statements:
        line = lines[("xapi", row["partner__code"], row["month"].strftime("%Y-%m"))]
        line.received += row["n"]
        if row["status"] in (Statement.Status.COUNTED, Statement.Status.DUPLICATE):
            line.matched += row["n"]
        if row["status"] == Statement.Status.DUPLICATE:
            line.duplicates += row["n"]  # statements that wrote nothing: already counted
        if row["status"] == Statement.Status.DEAD:
            line.dead += row["n"]
    batches = ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED).values_list(
        "source_name", "imported_at", "line_count", "valid_count", "invalid_count", "existing_count"
    )
    for source_name, imported_at, lines_in, valid, invalid, existing in batches:
        line = lines[("import", source_name, _month(imported_at))]
        line.received += lines_in
        line.matched += valid
        line.dead += invalid
        line.duplicates += existing  # lines of people who already had this course
    return dict(lines)


KIND_LABELS = {
    "platform": "Platform (lessen, toetsen, bijeenkomsten)",
    "scorm": "SCORM-pakket",
    "xapi": "xAPI-partner",
    "import": "CSV-import",
}


def reconciliation_rows(scope=None) -> list[list]:
    lines = reconciliation_lines(scope)
    return [
        [
            _(KIND_LABELS[kind]),
            name,
            month,
            line.received,
            line.matched,
            line.new_people,
            line.duplicates,
            line.dead,
        ]
        for (kind, name, month), line in sorted(
            lines.items(), key=lambda item: (item[0][2], item[0][0], item[0][1])
        )
    ]


COLUMNS = [
    "Bron",
    "Naam",
    "Maand",
    "Ontvangen",
    "Gematcht",
    "Nieuwe personen geteld",
    "Al elders geteld",
    "Onbestelbaar / ongeldig",
]
