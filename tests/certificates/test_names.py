"""Initials and surname, the only part of a name the public verification page shows."""

import pytest

from certificates.names import short_name, short_name_from_full


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Sanne", "de Vries", "S. de Vries"),
        ("Jan Peter", "van den Berg", "J.P. van den Berg"),
        ("Anne-Marie", "Jansen", "A.M. Jansen"),
        ("", "Bakker", "Bakker"),
    ],
)
def test_short_name(first, last, expected):
    assert short_name(first, last) == expected


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Sanne de Vries", "S. de Vries"),
        ("Jan Peter van den Berg", "J.P. van den Berg"),
        ("Lieke Leerling", "L. Leerling"),
        ("Madonna", "Madonna"),
    ],
)
def test_short_name_from_full(full, expected):
    assert short_name_from_full(full) == expected
