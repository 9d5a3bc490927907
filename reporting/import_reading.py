"""Reading and checking a file of external completions, before anything is written.

Part of the import of completions (see ``reporting.imports`` for the decisions on the file
format and what is stored). ``_read`` takes a file's bytes and fingerprint; ``_parse`` checks
every line against the database as it stands and returns what the file says (``Parsed``),
reading the database only.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import (
    Municipality,
    Organisation,
    Profession,
    normalise_email,
    person_key_for,
)
from courses.models import Completion
from elearning.errors import DomainError, error_message

REQUIRED_COLUMNS = ("email", "gemeente", "afgerond_op")
OPTIONAL_COLUMNS = ("voornaam", "achternaam", "organisatie", "beroepsgroep")
# No export of completions has lines this long; a longer one is a wrong or broken file, and
# refusing it early keeps the csv module from holding megabytes in one field.
MAX_LINE_CHARS = 10_000

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
CBS_DIGITS = re.compile(r"^\d{4}$")
FIRST_LINE = re.compile(r"[^\r\n]*")


class ReportingError(DomainError):
    """A report action that is not possible (a file refused, an import not allowed)."""


class FileRefused(ReportingError):
    """The file as a whole cannot be read as an export of completions; one message says why."""


@dataclass(frozen=True)
class Row:
    line: int
    person_key: str
    completed_on: date
    municipality_id: int | None
    profession_id: int | None
    organisation_kind: str


@dataclass
class Parsed:
    """What a file says, checked against the database as it stands now."""

    line_count: int = 0
    rows: list[Row] = field(default_factory=list)  # the valid lines
    report: list[dict] = field(default_factory=list)
    invalid_lines: int = 0
    existing_keys: set[str] = field(default_factory=set)
    refused: str = ""  # a whole-file error; nothing else is then known

    @property
    def valid_count(self) -> int:
        return len(self.rows)

    @property
    def existing_count(self) -> int:
        return sum(1 for row in self.rows if row.person_key in self.existing_keys)

    @property
    def new_rows(self) -> list[Row]:
        return [row for row in self.rows if row.person_key not in self.existing_keys]


# --- Reading ---------------------------------------------------------------------------------


def _read(file) -> tuple[bytes | None, str, str]:
    """The file's bytes (None when over the limit), their SHA-256 and the file's base name."""
    name = (getattr(file, "name", "") or "afrondingen.csv").replace("\\", "/").rsplit("/", 1)[-1]
    limit = settings.IMPORT_MAX_BYTES
    if hasattr(file, "seek"):
        file.seek(0)
    chunks = file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1 << 20), b"")
    hasher, kept, size = hashlib.sha256(), [], 0
    for chunk in chunks:
        hasher.update(chunk)
        size += len(chunk)
        if size <= limit:
            kept.append(chunk)
    return (b"".join(kept) if size <= limit else None), hasher.hexdigest(), name[:255]


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        # UTF-16 ("Unicode-tekst" in Excel) or a spreadsheet rather than a CSV file.
        raise FileRefused(_not_text())
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError:
            raise FileRefused(_not_text()) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # What Excel writes for "CSV (gescheiden door lijstscheidingsteken)" on Dutch Windows.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileRefused(_not_text()) from None


def _not_text() -> str:
    return _(
        "Het bestand is geen CSV-bestand in UTF-8 of Windows-1252. Sla het op als "
        "'CSV UTF-8' of 'CSV (gescheiden door lijstscheidingsteken)'."
    )


def _max_mb() -> int:
    return max(1, round(settings.IMPORT_MAX_BYTES / (1024 * 1024)))


def _header(text: str) -> tuple[str, dict[str, int], int]:
    """The delimiter, the column positions and the number of columns of the header row."""
    header_line = FIRST_LINE.match(text).group()
    semicolons, commas = header_line.count(";"), header_line.count(",")
    if not semicolons and not commas:
        raise FileRefused(
            _(
                "De kolommen zijn niet gescheiden door een komma of een puntkomma. Sla het "
                "bestand op als CSV met ',' of ';' als scheidingsteken."
            )
        )
    delimiter = ";" if semicolons > commas else ","
    names = [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter))]
    positions: dict[str, int] = {}
    for position, name in enumerate(names):
        if name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            if name in positions:
                raise FileRefused(
                    _("De kolom %(column)s staat meer dan eens in de kopregel.") % {"column": name}
                )
            positions[name] = position
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        raise FileRefused(
            ngettext(
                "De kolom %(columns)s ontbreekt in de kopregel.",
                "De kolommen %(columns)s ontbreken in de kopregel.",
                len(missing),
            )
            % {"columns": ", ".join(missing)}
        )
    return delimiter, positions, len(names)


def _date(value: str) -> date | None:
    if match := ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := DUTCH_DATE.match(value):
        day, month, year = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _Lookups:
    """Reference data loaded once per file, so checking a line costs no query."""

    def __init__(self, organisation_names: set[str]):
        self.municipalities: dict[str, int] = {}
        for pk, code, name in Municipality.objects.values_list("pk", "cbs_code", "name"):
            self.municipalities[code.lower()] = pk
            self.municipalities.setdefault(name.strip().lower(), pk)
        self.professions: dict[str, int] = {}
        for pk, slug, name in Profession.objects.values_list("pk", "slug", "name"):
            self.professions[name.strip().lower()] = pk
            self.professions.setdefault(slug.lower(), pk)
        self.kinds: dict[str, str] = {}
        for value, label in Organisation.Kind.choices:
            self.kinds[value] = value
            self.kinds[str(label).lower()] = value
        wanted = sorted(organisation_names - set(self.kinds) - {""})
        for start in range(0, len(wanted), 500):  # below every database's parameter limit
            for name, kind in (
                Organisation.objects.annotate(lower_name=Lower("name"))
                .filter(lower_name__in=wanted[start : start + 500])
                .values_list("lower_name", "kind")
            ):
                self.kinds.setdefault(name, kind)

    def municipality(self, value: str) -> int | None:
        value = value.lower()
        if CBS_DIGITS.match(value):
            value = f"gm{value}"
        return self.municipalities.get(value)


def _parse(data: bytes | None, *, course_code: str) -> Parsed:
    """Check every line of a file (None: larger than allowed). Reads the database only."""
    if data is None or len(data) > settings.IMPORT_MAX_BYTES:
        return Parsed(
            refused=_("Het bestand is groter dan %(max)s MB. Splits het in kleinere bestanden.")
            % {"max": _max_mb()}
        )
    try:
        text = _decode(data)
        if not text.strip():
            raise FileRefused(_("Het bestand is leeg."))
        for number, line in enumerate(io.StringIO(text, newline=""), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise FileRefused(
                    _(
                        "Regel %(line)s is langer dan %(max)s tekens. Dit is geen export van "
                        "afrondingen; controleer of u het goede bestand hebt gekozen."
                    )
                    % {"line": number, "max": f"{MAX_LINE_CHARS:,}".replace(",", ".")}
                )
        delimiter, positions, width = _header(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        next(reader)
        # Line numbers as a spreadsheet shows them: the header is line 1.
        records = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    except FileRefused as refusal:
        return Parsed(refused=error_message(refusal))
    except csv.Error:
        return Parsed(refused=_("Het bestand is geen leesbaar CSV-bestand."))
    if not records:
        return Parsed(refused=_("Het bestand bevat alleen een kopregel en geen afrondingen."))

    def value(cells: list[str], column: str) -> str:
        position = positions.get(column)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    lookups = _Lookups({value(cells, "organisatie").lower() for _number, cells in records})
    parsed = Parsed(line_count=len(records))
    parsed.existing_keys = set(
        Completion.objects.filter(course_code=course_code).values_list("person_key", flat=True)
    )
    today = timezone.localdate()
    first_line_of: dict[str, int] = {}
    for number, cells in records:
        problems: list[str] = []
        extra = cells[width:]
        if len(cells) < width or any(cell.strip() for cell in extra):
            problems.append(
                _("De regel heeft %(found)s velden in plaats van %(expected)s.")
                % {"found": len(cells), "expected": width}
            )
        email = normalise_email(value(cells, "email"))
        key = ""
        if not email:
            problems.append(_("Het e-mailadres ontbreekt."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(_("Het e-mailadres is ongeldig."))
            else:
                key = person_key_for(email)
        raw_date = value(cells, "afgerond_op")
        completed_on = _date(raw_date)
        if not raw_date:
            problems.append(_("De datum van afronding (afgerond_op) ontbreekt."))
        elif completed_on is None:
            problems.append(
                _("De datum '%(value)s' is ongeldig; gebruik jjjj-mm-dd of dd-mm-jjjj.")
                % {"value": raw_date[:40]}
            )
        elif completed_on > today:
            problems.append(_("De datum %(value)s ligt in de toekomst.") % {"value": raw_date[:40]})
        raw_municipality = value(cells, "gemeente")
        municipality_id = lookups.municipality(raw_municipality) if raw_municipality else None
        if raw_municipality and municipality_id is None:
            problems.append(
                _("Onbekende gemeente '%(value)s'; gebruik de CBS-code (zoals GM0344) of de naam.")
                % {"value": raw_municipality[:100]}
            )
        # Only a valid line claims its person: when the first line of a person is broken, a
        # later valid one is that person's line, and is imported when valid lines are chosen.
        if not problems and key in first_line_of:
            problems.append(
                _("Dit e-mailadres staat ook op regel %(line)s.") % {"line": first_line_of[key]}
            )
        elif not problems:
            first_line_of[key] = number
        if problems:
            parsed.invalid_lines += 1
            parsed.report += [{"line": number, "message": problem} for problem in problems]
            continue
        parsed.rows.append(
            Row(
                line=number,
                person_key=key,
                completed_on=completed_on,
                municipality_id=municipality_id,
                profession_id=lookups.professions.get(value(cells, "beroepsgroep").lower()),
                organisation_kind=lookups.kinds.get(value(cells, "organisatie").lower(), ""),
            )
        )
    return parsed
