"""The catalogue at /cursussen/: accessible GET filters that narrow the list."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Function, Profession
from courses.models import CoursePage
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses():
    ketenregisseur = Function.objects.get(slug="ketenregisseur")
    jeugd = Profession.objects.get(slug="jeugdprofessional")
    basis = CourseFactory(code="buit-basis", title="Signalen herkennen")
    basis.audience_functions.set([ketenregisseur])
    basis.save()
    klassikaal = CourseFactory(
        code="kmh-klassikaal",
        title="Contactpersoon minderjarigen",
        format=CoursePage.Format.CLASSROOM,
        level=CoursePage.Level.VERDIEPING,
    )
    klassikaal.audience_professions.set([jeugd])
    klassikaal.save()
    opfris = CourseFactory(
        code="buit-opfris",
        title="Opfriscursus signalen",
        format=CoursePage.Format.BLENDED,
        level=CoursePage.Level.OPFRIS,
    )
    opfris.audience_functions.set([Function.objects.get(slug="zorgcoordinator")])
    opfris.save()
    concept = CourseFactory(code="concept", title="Nog niet gepubliceerd")
    concept.unpublish()
    return {"basis": basis, "klassikaal": klassikaal, "opfris": opfris}


def _titles(response) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def test_catalogue_lists_live_courses_with_an_accessible_filter_form(client, courses):
    response = client.get("/cursussen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _titles(response) == [
        "Contactpersoon minderjarigen",
        "Opfriscursus signalen",
        "Signalen herkennen",
    ]
    assert "3 cursussen gevonden" in html
    for name in ("functie", "beroep", "vorm", "niveau"):
        assert f'<label for="id_{name}">' in html
        assert f'name="{name}"' in html
    assert 'method="get"' in html and "<script" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vorm=klassikaal", ["Contactpersoon minderjarigen"]),
        ("niveau=opfris", ["Opfriscursus signalen"]),
        ("functie=ketenregisseur", ["Signalen herkennen"]),
        ("beroep=jeugdprofessional", ["Contactpersoon minderjarigen"]),
        ("vorm=elearning&niveau=basis", ["Signalen herkennen"]),
        ("vorm=klassikaal&niveau=basis", []),
    ],
)
def test_filters_narrow_the_list(client, courses, query, expected):
    response = client.get(f"/cursussen/?{query}")
    assert response.status_code == 200
    assert _titles(response) == expected
    html = response.content.decode()
    if expected:
        assert f"{len(expected)} cursus" in html and "met de gekozen filters" in html
    else:
        assert "0 cursussen gevonden" in html
        assert "Er zijn geen cursussen die bij deze filters passen." in html


def test_a_course_for_everyone_stays_under_an_audience_filter(client, courses):
    CourseFactory(code="voor-iedereen", title="Mensenhandel voor iedereen")
    response = client.get("/cursussen/?functie=ketenregisseur")
    assert _titles(response) == ["Mensenhandel voor iedereen", "Signalen herkennen"]


def test_unknown_filter_values_are_ignored(client, courses):
    response = client.get("/cursussen/?vorm=bestaat-niet&functie=onbekend")
    assert response.status_code == 200
    assert len(_titles(response)) == 3


def test_catalogue_queries_do_not_grow_with_the_number_of_courses(client, courses):
    client.get("/cursussen/?vorm=elearning")
    with CaptureQueriesContext(connection) as few:
        client.get("/cursussen/?vorm=elearning")
    for n in range(8):
        CourseFactory(code=f"extra-{n}", title=f"Extra {n}")
    client.get("/cursussen/")  # the catalogue changed: the process reads its snapshot again
    with CaptureQueriesContext(connection) as many:
        response = client.get("/cursussen/?vorm=elearning")
    assert len(_titles(response)) == 9
    assert len(many) == len(few)
