"""Figures a statistician signs: every surface equals an outside count, coverage adds up, and
every report and export says what it counts.

The outside count (`outside_count`) is written from the schema in plain SQL: it shares no code
with the counters or the standings. It is checked against the standings, the report (page
figure), the doelen export, /api/tellers/ and the widget, after each step of sequences that
link, unlink, erase, import late and refresh.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEvent, Function, Municipality, Profession, person_key_for
from courses.completion import completion_revoke
from courses.models import Completion
from reporting.counters import Scope, _marginals_from_completions, target_report
from reporting.definitions import general_definitions, refresher_rule
from reporting.disclosure import public_counters_changed
from reporting.exports import render_csv, render_xlsx
from reporting.links import person_link, person_unlink
from reporting.models import CounterSnapshot, ExpectedHeadcount, PersonLink
from reporting.snapshots import counter_snapshots_take
from reporting.standings import standings_marginals, standings_refresh
from reporting.tables import TABLES
from tests.reporting.conftest import coverage_target, number_target, record

pytestmark = pytest.mark.django_db


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def outside_count(target, as_of: date) -> int:
    """Distinct people counted for `target` as known at the end of `as_of`, in plain SQL."""
    codes = list(target.course_codes)
    marks = ", ".join(["%s"] * len(codes))
    known_by = _start(as_of + timedelta(days=1))
    last = min(target.deadline, as_of)
    link = (
        "LEFT JOIN reporting_personlink l ON l.alias_key = c.person_key AND l.linked_on <= %s "
        "AND (l.unlinked_on IS NULL OR l.unlinked_on > %s)"
    )
    counted = (
        f"SELECT COALESCE(l.person_key, c.person_key) AS person FROM courses_completion c {link} "
        f"WHERE c.course_code IN ({marks}) AND c.completed_at >= %s AND c.completed_at < %s "
        "AND c.created_at < %s AND (c.revoked_at IS NULL OR c.revoked_at >= %s)"
    )
    params = [as_of, as_of, *codes, _start(target.period_start), _start(last + timedelta(1))]
    params += [known_by, known_by]
    if target.profession_id:
        counted += " AND c.profession_id = %s"
        params.append(target.profession_id)
    if target.function_id:
        counted += (
            " AND (EXISTS (SELECT 1 FROM courses_completion_functions f WHERE "
            "f.completion_id = c.id AND f.function_id = %s) OR c.course_code IN "
            "(SELECT code FROM courses_coursepage WHERE grants_function_id = %s))"
        )
        params += [target.function_id, target.function_id]
    sql = f"SELECT COUNT(DISTINCT person) FROM ({counted}) counted"
    if not target.refreshers_count:
        earlier = (
            f"SELECT COALESCE(l.person_key, c.person_key) FROM courses_completion c {link} "
            f"WHERE c.course_code IN ({marks}) AND c.completed_at < %s AND c.created_at < %s "
            "AND (c.revoked_at IS NULL OR c.revoked_at >= %s)"
        )
        sql += f" WHERE person NOT IN ({earlier})"
        params += [as_of, as_of, *codes, _start(target.period_start), known_by, known_by]
    # Moments go in as the database stores them: SQLite compares text, and an aware moment
    # in local time (+01:00) sorts before the UTC text of the hour after midnight.
    params = [
        connection.ops.adapt_datetimefield_value(p) if isinstance(p, datetime) else p
        for p in params
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _page_count(client, slug: str) -> int:
    html = client.get(reverse("reporting:dashboard")).content.decode()
    found = re.search(rf'data-count="{slug}">([\d.]+)<', html)
    return int(found.group(1).replace(".", ""))


def _export_count(slug: str) -> int:
    table = TABLES["doelen"].build(Scope.today())
    rows = list(csv.reader(io.StringIO(render_csv(table).decode("utf-8-sig")), delimiter=";"))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Code")
    return next(int(row[2]) for row in rows[header + 1 :] if row[0] == slug)


def _published(client) -> dict:
    """Yesterday's public figures, taken afresh (a snapshot is never rewritten otherwise)."""
    CounterSnapshot.objects.all().delete()
    counter_snapshots_take(backfill_days=1)
    public_counters_changed()
    from reporting import public_views

    public_views._served = None
    return {row["slug"]: row for row in client.get("/api/tellers/").json()["targets"]}


def assert_every_surface_agrees(client, targets, days):
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    published = _published(client)
    widget = client.get("/tellers/").content.decode()
    for target in targets:
        for day in days:
            expected = outside_count(target, day)
            kept = sum(standings_marginals(target, day).per_day.values())
            counted = sum(_marginals_from_completions(target, Scope(as_of=day)).per_day.values())
            report = target_report(target, Scope(as_of=day)).count
            assert kept == counted == report == expected, (target.slug, day)
        assert _page_count(client, target.slug) == outside_count(target, today), target.slug
        assert _export_count(target.slug) == outside_count(target, today), target.slug
        assert published[target.slug]["count"] == outside_count(target, yesterday)
        assert published[target.slug]["definitions"], target.slug
        percentage = published[target.slug]["percentage"]
        assert percentage is None or not target.is_coverage or percentage <= 100
    assert "Alle definities" in widget


@pytest.fixture
def people():
    return {
        "werk": "anna@werk.example",
        "prive": "anna@prive.example",
        "ander": "bram@werk.example",
        "oud": "cor@werk.example",
        "laat": "dirk@import.example",
    }


def _backdate_link(link: PersonLink, day: date, unlinked: date | None = None) -> None:
    # A link made on an earlier day (the service links from today): the test sets the day and
    # tells the standings, as the refresh after a link does.
    PersonLink.objects.filter(pk=link.pk).update(linked_on=day, unlinked_on=unlinked)
    standings_refresh(person_keys=[link.alias_key, link.person_key])


def test_an_outside_count_equals_every_surface_through_link_unlink_erase_import_and_refresh(
    client, programme_user, people, django_capture_on_commit_callbacks
):
    from accounts.privacy import account_erase
    from tests.factories import UserFactory

    today = timezone.localdate()
    start = today - timedelta(days=200)
    buit = number_target(
        slug="buit-jeugd",
        codes=("buit-basis", "buit-extern"),
        period_start=start,
        deadline=today + timedelta(days=100),
        profession=Profession.objects.get(slug="jeugdprofessional"),
    )
    refreshers = number_target(
        slug="buit-herhaling",
        codes=("buit-basis",),
        period_start=start,
        deadline=today + timedelta(days=100),
        refreshers_count=True,
    )
    targets = [buit, refreshers]
    days = [start, today - timedelta(days=30), today]
    client.force_login(programme_user)

    anna = UserFactory(email=people["werk"])
    record(people["werk"], "buit-basis", today - timedelta(days=50), user=anna)
    record(people["prive"], "buit-extern", today - timedelta(days=90), source="import")
    record(people["ander"], "buit-basis", today - timedelta(days=40))
    # Trained before the period, a refresher inside it: only the target that says so counts.
    old = record(people["oud"], "buit-basis", start - timedelta(days=400))
    Completion.objects.filter(pk=old.pk).update(valid_until=start - timedelta(days=10))
    record(people["oud"], "buit-basis", today - timedelta(days=20))
    assert Completion.objects.filter(person_key=person_key_for(people["oud"])).count() == 2
    assert_every_surface_agrees(client, targets, days)
    before = target_report(buit).count
    # Each step commits in the platform; here its after-commit work (the counters' version,
    # which retires cached reports) runs at the end of the step.
    step = lambda: django_capture_on_commit_callbacks(execute=True)  # noqa: E731

    # Link: from the link's day on, Anna's two addresses are one person.
    with step():
        link = person_link(
            address=people["prive"], person_address=people["werk"], by=programme_user,
            via=PersonLink.Via.PROGRAMME_TEAM, reason="bevestigd per e-mail",
        )  # fmt: skip
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PERSON_LINKED).exists()
    assert target_report(buit).count == before - 1
    with step():
        _backdate_link(link, today - timedelta(days=30))
    assert outside_count(buit, today - timedelta(days=31)) == before
    assert outside_count(buit, today - timedelta(days=30)) == before - 1
    assert_every_surface_agrees(client, targets, [*days, today - timedelta(days=31)])

    # Import late: a completion of 100 days ago, recorded yesterday.
    with step():
        record(
            people["laat"], "buit-extern", today - timedelta(days=100),
            recorded_on=today - timedelta(days=1), source="import",
        )  # fmt: skip
    assert outside_count(buit, today - timedelta(days=2)) == before - 1
    assert_every_surface_agrees(client, targets, days)

    # Unlink: from today the addresses count apart again; the past keeps the link.
    with step():
        person_unlink(link=PersonLink.objects.get(pk=link.pk), by=programme_user)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PERSON_UNLINKED).exists()
    assert outside_count(buit, today - timedelta(days=1)) == before
    assert outside_count(buit, today) == before + 1
    assert_every_surface_agrees(client, targets, days)

    # Link again, then erase the account: the completions keep counting through the key.
    with step():
        person_link(
            address=people["prive"], person_address=people["werk"], by=programme_user,
            via=PersonLink.Via.PROGRAMME_TEAM, reason="opnieuw",
        )  # fmt: skip
        account_erase(user=anna)
    assert_every_surface_agrees(client, targets, days)

    # Refresh of a counted person, and a revocation.
    with step():
        record(people["ander"], "buit-extern", today - timedelta(days=10))
        completion_revoke(
            completion=Completion.objects.get(person_key=person_key_for(people["laat"])),
            reason="dubbel",
        )
    assert_every_surface_agrees(client, targets, days)


def test_a_link_that_cannot_be_made_says_why_in_dutch_and_changes_nothing(programme_user):
    from django.core.exceptions import ValidationError

    link = person_link(
        address="a@x.example", person_address="b@x.example", by=programme_user,
        via=PersonLink.Via.PROGRAMME_TEAM,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="al aan een persoon gekoppeld"):
        person_link(
            address="a@x.example", person_address="c@x.example", by=programme_user,
            via=PersonLink.Via.PROGRAMME_TEAM,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="al bij één persoon"):
        person_link(
            address="b@x.example", person_address="a@x.example", by=programme_user,
            via=PersonLink.Via.PROGRAMME_TEAM,
        )  # fmt: skip
    assert list(PersonLink.objects.all()) == [link]


def test_the_programme_team_links_and_unlinks_on_its_page(client, programme_user, learner):
    client.force_login(programme_user)
    url = reverse("reporting:person_links")
    response = client.post(
        url,
        {"address": "prive@example.org", "person_address": learner.email, "reason": "gebeld"},
    )
    assert response.status_code == 302
    link = PersonLink.objects.get()
    assert link.person_key == learner.person_key and link.linked_by == programme_user
    response = client.post(url, {"address": "x@example.org", "person_address": "X@example.org"})
    assert "Vul twee verschillende adressen in." in response.content.decode()
    client.post(reverse("reporting:person_unlink", args=[link.pk]))
    assert PersonLink.objects.get().unlinked_on == timezone.localdate()


def test_a_learner_links_only_an_address_they_confirmed(client, learner):
    from allauth.account.models import EmailAddress

    client.force_login(learner)
    url = reverse("reporting:own_addresses_link")
    response = client.post(url, {"address": "prive@example.org"}, follow=True)
    assert "niet bevestigd op uw account" in response.content.decode()
    assert not PersonLink.objects.exists()
    EmailAddress.objects.create(user=learner, email="prive@example.org", verified=True)
    client.post(url, {"address": "prive@example.org"})
    link = PersonLink.objects.get()
    assert link.alias_key == person_key_for("prive@example.org")
    assert link.person_key == learner.person_key and link.via == PersonLink.Via.LEARNER


def test_coverage_adds_up_and_never_passes_100_percent(client, vng_user, programme_user):
    from accounts.models import Region
    from tests.factories import UserFactory

    today = timezone.localdate()
    target = coverage_target(period_start=today - timedelta(days=100), deadline=today)
    function = Function.objects.get(slug="ketenregisseur")
    home = Municipality.objects.get(cbs_code="GM0344")
    region = home.regions.get(kind__slug="riec")
    ExpectedHeadcount.objects.create(function=function, region=region, headcount=1)
    # Three trained in a region where one is expected: one within the group, two beyond it.
    for n in range(3):
        record(f"k{n}@example.org", "basistraining-ketenregisseur", today - timedelta(days=5),
               functions=[function], municipality=home)  # fmt: skip
    # A registered holder elsewhere (the group of that region), trained; one erased holder.
    other = Region.objects.filter(kind__slug="riec").exclude(pk=region.pk).first()
    elsewhere = other.municipalities.first()
    holder = UserFactory(email="houder@example.org")
    holder.profile.functions.add(function)
    holder.profile.municipality = elsewhere
    holder.profile.save()
    record("houder@example.org", "basistraining-ketenregisseur", today - timedelta(days=3),
           functions=[function], municipality=elsewhere)  # fmt: skip
    report = target_report(target)
    assert report.count == 4 == outside_count(target, today)
    assert report.covered == 2 and report.outside_group == 2
    assert report.goal == 2 and report.percentage == 100
    for cell in report.by_region:
        assert cell.percentage is None or cell.percentage <= 100
        if cell.expected is None:
            assert cell.covered is None
    client.force_login(vng_user)
    html = client.get(reverse("reporting:vng")).content.decode()
    assert "onbekend" in html and "buiten die groep" in html
    assert all(int(n) <= 100 for n in re.findall(r"(\d+)%", html))
    assert "Wat er geteld wordt" in html


def test_a_course_that_grants_the_function_counts_its_own_completers():
    from tests.factories import CourseFactory

    today = timezone.localdate()
    function = Function.objects.get(slug="ketenregisseur")
    course = CourseFactory(code="basistraining-ketenregisseur", title="Basistraining")
    course.grants_function = function
    course.save()
    target = coverage_target(period_start=today - timedelta(days=10), deadline=today)
    record("nieuw@example.org", "basistraining-ketenregisseur", today - timedelta(days=1))
    assert target_report(target).count == 1 == outside_count(target, today)


def test_every_report_and_export_carries_its_definitions(client, programme_user, vng_user):
    from reporting.definitions import definitions_lines
    from reporting.models import Target

    target = number_target()
    client.force_login(programme_user)
    for url in [reverse("reporting:dashboard"), reverse("reporting:definitions")]:
        html = client.get(url).content.decode()
        assert general_definitions()[0] in html
        assert refresher_rule(target) in html
    client.logout()
    assert client.get(reverse("reporting:definitions")).status_code == 200  # public
    lines = definitions_lines(Target.objects.all())
    for slug, spec in TABLES.items():
        table = spec.build(Scope.today())
        text = render_csv(table, lines).decode("utf-8-sig")
        assert text.startswith(f'"{lines[0]}"') or text.startswith(lines[0]), slug
        workbook = load_workbook(io.BytesIO(render_xlsx(table, lines)))
        assert workbook.sheetnames[0] == "Definities"
        assert workbook.worksheets[0]["A1"].value == lines[0]
    client.force_login(vng_user)
    assert "Wat er geteld wordt" in client.get(reverse("reporting:vng")).content.decode()


def test_both_ways_to_link_can_be_found(client, programme_user, coordinator, learner):
    """The learner finds the link page from their profile; the programme team from the admin
    menu, which nobody else sees it in."""
    client.force_login(learner)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("reporting:own_addresses_link") in profile
    client.force_login(programme_user)
    assert reverse("reporting:person_links") in client.get("/beheer/").content.decode()
    client.force_login(coordinator)
    assert reverse("reporting:person_links") not in client.get("/beheer/").content.decode()
