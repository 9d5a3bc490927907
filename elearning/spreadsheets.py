"""Cells for CSV and spreadsheet exports that a spreadsheet program cannot run as a formula.

Excel, LibreOffice and Google Sheets treat a cell that starts with = + - @ (and, after a tab or
carriage return, the same) as a formula, so a name such as ``=HYPERLINK("http://…")`` typed
into a profile would run on the programme team's computer when they open an export
("CSV injection", OWASP). Every export writes its text cells through ``safe_cell``.

Every CSV the platform hands out is written by ``csv_write``, the one shape that Excel with
Dutch settings opens without asking.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Return ``value`` fit for an export cell.

    Text that starts with a formula character gets a leading single quote, which spreadsheet
    programs show as text and do not run. Numbers, dates and None pass through unchanged (None
    becomes an empty string), so numeric columns stay numeric; a negative number is not text
    and is therefore not quoted.
    """
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, Decimal)) or hasattr(value, "isoformat"):
        return value
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def safe_row(values) -> list:
    """``safe_cell`` over a row."""
    return [safe_cell(value) for value in values]


def dutch_cell(value: object) -> object:
    """A CSV cell the Dutch way: dates as 31-12-2026 (a moment on its local day), decimals
    with a comma; whole numbers stay without a thousands separator, so a spreadsheet reads
    them as numbers."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    return value


def csv_write(
    stream, *, header: Iterable, rows: Iterable[Iterable], preamble: Iterable[str] = ()
) -> None:
    """Write `header` and `rows` to the text `stream` for a spreadsheet program.

    A byte-order mark and semicolons, because that is what Excel with Dutch settings reads
    as UTF-8 columns; every cell through ``safe_cell`` and then ``dutch_cell``. The lines of
    `preamble` (what a report counts) come first, one a row, then an empty row.
    """
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=";")
    preamble = list(preamble)
    for line in preamble:
        writer.writerow([safe_cell(line)])
    if preamble:
        writer.writerow([])
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow([dutch_cell(cell) for cell in safe_row(row)])


def csv_bytes(*, header: Iterable, rows: Iterable[Iterable], preamble: Iterable[str] = ()) -> bytes:
    """``csv_write`` into bytes (UTF-8), for a file stored and downloaded later."""
    buffer = io.StringIO()
    csv_write(buffer, header=header, rows=rows, preamble=preamble)
    return buffer.getvalue().encode("utf-8")


def csv_response(
    *, filename: str, header: Iterable, rows: Iterable[Iterable], preamble: Iterable[str] = ()
) -> HttpResponse:
    """``csv_write`` as a download called `filename`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv_write(response, header=header, rows=rows, preamble=preamble)
    return response
