"""Cells for CSV and spreadsheet exports that a spreadsheet program cannot run as a formula.

Excel, LibreOffice and Google Sheets treat a cell that starts with = + - @ (and, after a tab or
carriage return, the same) as a formula, so a name such as ``=HYPERLINK("http://…")`` typed
into a profile would run on the programme team's computer when they open an export
("CSV injection", OWASP). Every export writes its text cells through ``safe_cell``.
"""

from decimal import Decimal

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
