"""Holders counted by the database (the overview) agree with holders listed one by one.

The VNG overview and the coverage report count the registered holders per municipality in
the database and read only the trained and the linked ones; the region page lists every
holder. Both must show the same numbers, linked addresses counting as one person.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Function, Municipality, Region
from reporting.counters import target_report
from reporting.links import person_link
from reporting.models import PersonLink
from reporting.vng import BUSY, DONE, NOT_STARTED, coverage
from tests.factories import EnrolmentFactory, LearningCourseFactory, UserFactory
from tests.reporting.conftest import coverage_target, record

pytestmark = pytest.mark.django_db

CODE = "basistraining-ketenregisseur"


def _holder(email: str, municipality: Municipality, function: Function):
    user = UserFactory(email=email)
    user.profile.functions.add(function)
    user.profile.municipality = municipality
    user.profile.save()
    return user


def _counts(result) -> dict:
    """Per region and per municipality: holders per status and the expected number."""
    places = {}
    for region in result.regions:
        for place in (region, *region.municipalities):
            places[place.name] = ({s: n for s, n in place.counts.items() if n}, place.expected)
    return places


def test_the_overview_counts_each_holder_as_the_region_lists_them(programme_user):
    today = timezone.localdate()
    target = coverage_target(period_start=today - timedelta(days=100), deadline=today)
    function = Function.objects.get(slug="ketenregisseur")
    course = LearningCourseFactory(code=CODE, title="Basistraining ketenregisseur")
    home = Municipality.objects.get(cbs_code="GM0344")
    region = home.regions.get(kind__slug="riec")
    neighbour = region.municipalities.exclude(pk=home.pk).first()
    other = Region.objects.filter(kind__slug="riec").exclude(pk=region.pk).first()
    elsewhere = other.municipalities.first()

    _holder("niet-begonnen@example.org", home, function)
    EnrolmentFactory(user=_holder("bezig@example.org", home, function), course=course)
    trained = _holder("klaar@example.org", neighbour, function)
    EnrolmentFactory(user=trained, course=course)
    record("klaar@example.org", CODE, today - timedelta(days=3), functions=[function])
    _holder("elders@example.org", elsewhere, function)
    # One person with two registered addresses in one region, trained under the private one.
    _holder("werk@example.org", home, function)
    _holder("prive@example.org", neighbour, function)
    record("prive@example.org", CODE, today - timedelta(days=2), functions=[function])
    person_link(
        address="prive@example.org", person_address="werk@example.org", by=programme_user,
        via=PersonLink.Via.PROGRAMME_TEAM, reason="bevestigd",
    )  # fmt: skip

    overview = coverage(target, per_municipality=True, listed=False)
    listed = coverage(target, per_municipality=True, listed=True)
    assert _counts(overview) == _counts(listed)

    counts, expected = _counts(overview)[region.name]
    # Holders are accounts: the linked person's two addresses are two holders, both done.
    assert counts == {NOT_STARTED: 1, BUSY: 1, DONE: 3}
    # People are persons: the region expects four, two of them trained.
    cell = next(c for c in target_report(target).by_region if c.label == region.name)
    assert (cell.expected, cell.expected_source, cell.covered) == (4, "geregistreerd", 2)
    assert _counts(overview)[home.name][0] == {NOT_STARTED: 1, BUSY: 1, DONE: 1}
    assert _counts(overview)[other.name][0] == {NOT_STARTED: 1}


def test_the_vng_overview_shows_the_registered_holders_as_the_expected_number(client, vng_user):
    today = timezone.localdate()
    coverage_target(period_start=today - timedelta(days=100), deadline=today)
    function = Function.objects.get(slug="ketenregisseur")
    home = Municipality.objects.get(cbs_code="GM0344")
    for n in range(3):
        _holder(f"houder{n}@example.org", home, function)
    record("houder0@example.org", CODE, today - timedelta(days=1), functions=[function])
    client.force_login(vng_user)
    html = client.get(reverse("reporting:vng")).content.decode()
    assert "1 van 3 verwachte functiehouders getraind (33%)" in html


def _statuses(target, region_name: str) -> dict:
    result = coverage(target, listed=False)
    region = next(r for r in result.regions if r.name == region_name)
    return {s: n for s, n in region.counts.items() if n}


def test_a_new_holder_counts_at_once_and_a_start_within_five_minutes():
    from dataclasses import replace

    from django.core.cache import cache

    from reporting.holders import HOLDERS_FRESH_SECONDS, HOLDERS_KEPT_SECONDS, _registered_key

    today = timezone.localdate()
    target = coverage_target(period_start=today - timedelta(days=100), deadline=today)
    function = Function.objects.get(slug="ketenregisseur")
    course = LearningCourseFactory(code=CODE, title="Basistraining ketenregisseur")
    home = Municipality.objects.get(cbs_code="GM0344")
    region = home.regions.get(kind__slug="riec").name
    first = _holder("eerste@example.org", home, function)
    second = _holder("tweede@example.org", home, Function.objects.exclude(pk=function.pk)[0])
    assert _statuses(target, region) == {NOT_STARTED: 1}

    # A function added to a profile: the kept holders are read again at once.
    second.profile.functions.add(function)
    assert _statuses(target, region) == {NOT_STARTED: 2}

    # An enrolment shows once the kept holders age: read again in the background after two
    # minutes (this reading still shows the kept ones), at once after five.
    EnrolmentFactory(user=first, course=course)
    assert _statuses(target, region) == {NOT_STARTED: 2}

    def age_kept(seconds):
        key = _registered_key(target, today)
        kept = cache.get(key)
        cache.set(key, replace(kept, taken_at=kept.taken_at - seconds), HOLDERS_KEPT_SECONDS)

    age_kept(HOLDERS_FRESH_SECONDS + 1)
    assert _statuses(target, region) == {NOT_STARTED: 2}
    assert _statuses(target, region) == {NOT_STARTED: 1, BUSY: 1}  # the task read them again

    EnrolmentFactory(user=second, course=course)
    age_kept(HOLDERS_KEPT_SECONDS)
    assert _statuses(target, region) == {BUSY: 2}
