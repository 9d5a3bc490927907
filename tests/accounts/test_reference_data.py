"""Reference data shipped by migration: municipalities, veiligheidsregio's and RIEC regions."""

import pytest

from accounts.models import Function, Municipality, Region

pytestmark = pytest.mark.django_db

RIEC = {
    "Noord-Nederland",
    "Oost-Nederland",
    "Midden-Nederland",
    "Noord-Holland",
    "Amsterdam-Amstelland",
    "Den Haag",
    "Rotterdam",
    "Zeeland-West-Brabant",
    "Oost-Brabant",
    "Limburg",
}


def test_all_342_municipalities_with_cbs_codes():
    assert Municipality.objects.count() == 342
    assert Municipality.objects.get(cbs_code="GM0363").name == "Amsterdam"
    assert Municipality.objects.get(cbs_code="GM0344").name == "Utrecht"


def test_25_veiligheidsregios_cover_every_municipality_once():
    regions = Region.objects.filter(kind__slug="veiligheidsregio")
    assert regions.count() == 25
    memberships = sum(r.municipalities.count() for r in regions)
    assert memberships == 342


def test_ten_riec_regions_cover_every_municipality_once():
    regions = Region.objects.filter(kind__slug="riec")
    assert {r.name for r in regions} == RIEC
    assert sum(r.municipalities.count() for r in regions) == 342
    amsterdam = Region.objects.get(kind__slug="riec", municipalities__cbs_code="GM0363")
    assert amsterdam.name == "Amsterdam-Amstelland"


def test_functions_of_the_programme_exist():
    assert set(Function.objects.values_list("slug", flat=True)) >= {
        "ketenregisseur",
        "aandachtsfunctionaris",
        "zorgcoordinator",
        "reclasseringswerker",
        "professional-kinderen",
    }
