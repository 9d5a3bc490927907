"""The public counters: /api/tellers/ (JSON) and the embeddable widget /tellers/."""

import re
import time
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Function, Municipality, person_key_for
from courses.models import Completion
from reporting import public_views
from reporting.models import CounterSnapshot, Target
from reporting.standings import standings_refresh
from tests.reporting.conftest import record
from tests.security.test_headers import policy

pytestmark = pytest.mark.django_db

JSON_URL = "/api/tellers/"
WIDGET_URL = "/tellers/"
UTRECHT, AMSTERDAM, ROTTERDAM = "GM0344", "GM0363", "GM0599"


def make_target(slug="buit-20000", **extra) -> Target:
    today = timezone.localdate()
    fields = {
        "title": "BUIT-basistraining",
        "course_codes": ["buit-basis", "buit-extern"],
        "mode": Target.Mode.NUMBER,
        "target_number": 20000,
        "period_start": today - timedelta(days=365),
        "deadline": today + timedelta(days=365),
        "public": True,
        **extra,
    }
    return Target.objects.create(slug=slug, **fields)


def complete(email, *, code="buit-basis", days_ago=5, municipality=UTRECHT, functions=()):
    return record(
        email,
        code,
        timezone.localdate() - timedelta(days=days_ago),
        municipality=Municipality.objects.get(cbs_code=municipality),
        functions=functions,
    )


def people(n, prefix, **kwargs):
    for i in range(n):
        complete(f"{prefix}{i}@example.org", **kwargs)


def publish() -> None:
    """The nightly snapshot of yesterday: what the public counters show from then on."""
    from reporting.snapshots import counter_snapshots_take

    counter_snapshots_take(backfill_days=1)


def counters(client, **params) -> dict:
    response = client.get(JSON_URL, params)
    assert response.status_code == 200
    return {row["slug"]: row for row in response.json()["targets"]}


def independent_count(target: Target) -> int:
    """Distinct people, counted here without reporting.counters."""
    keys = set()
    for key, code, completed_at, revoked_at in Completion.objects.values_list(
        "person_key", "course_code", "completed_at", "revoked_at"
    ):
        day = timezone.localtime(completed_at).date()
        if (
            code in target.course_codes
            and revoked_at is None
            and target.period_start <= day <= target.deadline
        ):
            keys.add(key)
    return len(keys)


def region_cell(html: str, region: str) -> str:
    match = re.search(
        rf'<th scope="row">{re.escape(region)}</th>\s*<td class="getal">(.*?)</td>', html, re.S
    )
    assert match, region
    return match.group(1)


def test_json_has_the_public_targets_with_the_independent_count(client):
    target = make_target()
    make_target(slug="intern", title="Alleen intern", public=False)
    coverage = make_target(
        slug="ketenregisseurs-2026",
        title="Ketenregisseurs",
        mode=Target.Mode.COVERAGE,
        target_number=None,
        function=Function.objects.get(slug="ketenregisseur"),
        course_codes=["basistraining-ketenregisseur"],
    )
    people(12, "p")
    complete("p0@example.org", code="buit-extern")  # the same person, imported: counts once
    revoked = complete("ingetrokken@example.org")
    revoked_on = timezone.now() - timedelta(days=2)  # revoked before the published day ended
    Completion.objects.filter(pk=revoked.pk).update(revoked_at=revoked_on)
    standings_refresh(person_keys=[revoked.person_key])  # as the revoking service does
    complete("te-vroeg@example.org", days_ago=400)  # before the target's period
    complete("ander@example.org", code="verdieping-minderjarigen")
    before = timezone.now()
    publish()

    rows = counters(client)

    assert list(rows) == ["buit-20000", "ketenregisseurs-2026"]  # "intern" is not public
    row = rows["buit-20000"]
    assert set(row) == {
        "slug",
        "title",
        "target",
        "count",
        "percentage",
        "deadline",
        "as_of",
        "updated_at",
        "regions",
        "covered",
        "outside_group",
        "definitions",
    }
    assert row["count"] == independent_count(target) == 12
    assert row["title"] == "BUIT-basistraining"
    assert row["target"] == 20000
    assert row["percentage"] == 0
    assert row["deadline"] == target.deadline.isoformat()
    # The figures are those at the end of yesterday, published by the snapshot just taken.
    assert row["as_of"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    updated_at = datetime.fromisoformat(row["updated_at"])
    assert updated_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= updated_at <= timezone.now()
    assert row["regions"] == [
        {"label": region, "count": 12 if region == "Midden-Nederland" else 0}
        for region in row_labels(row)
    ]
    # Nobody has set, and nobody has registered, how many ketenregisseurs there are.
    coverage_row = rows["ketenregisseurs-2026"]
    skipped = ("updated_at", "regions", "definitions")
    assert {k: v for k, v in coverage_row.items() if k not in skipped} == {
        "slug": "ketenregisseurs-2026",
        "title": "Ketenregisseurs",
        "target": None,
        "count": independent_count(coverage),
        "percentage": None,
        "deadline": coverage.deadline.isoformat(),
        "as_of": row["as_of"],
        # Nobody is in a group with a known number: everyone trained is outside it.
        "covered": 0,
        "outside_group": independent_count(coverage),
    }
    assert any(line.startswith("Dekking van de functie") for line in coverage_row["definitions"])
    body = client.get("/api/tellers/").json()
    assert "persoonssleutel" in body["definitions"][0]
    assert body["definitions_url"].endswith("/rapportage/definities/")


def row_labels(row) -> list[str]:
    return [cell["label"] for cell in row["regions"]]


def test_json_is_aggregates_only(client):
    make_target()
    people(3, "p")
    publish()
    body = client.get(JSON_URL).content.decode()
    assert "@example.org" not in body
    assert person_key_for("p0@example.org") not in body
    # Three people in one region: the breakdown would give them away, so it is withheld.
    assert counters(client)["buit-20000"]["regions"] is None


def test_a_new_completion_waits_for_the_next_daily_snapshot(client, monkeypatch):
    # Before: it showed the moment its transaction committed, so a region going from "–" to
    # 10 showed it had been 9. Now public figures move once a day, all together.
    make_target()
    people(2, "p")
    publish()
    assert counters(client)["buit-20000"]["count"] == 2

    complete("nieuw@example.org", days_ago=0)
    Completion.objects.filter(person_key=person_key_for("p0@example.org")).update(
        revoked_at=timezone.now()
    )
    standings_refresh(person_keys=[person_key_for("p0@example.org")])  # as revoking does
    assert counters(client)["buit-20000"]["count"] == 2
    assert "<strong>2</strong>" in client.get(WIDGET_URL).content.decode()

    from reporting.snapshots import counter_snapshots_take

    counter_snapshots_take(timezone.localdate(), backfill_days=1)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert counters(client)["buit-20000"]["count"] == 2  # one new, one revoked
    assert counters(client)["buit-20000"]["as_of"] == (tomorrow - timedelta(days=1)).isoformat()


def test_a_web_process_sees_a_new_snapshot_within_its_recheck_interval(
    client, settings, monkeypatch
):
    settings.PUBLIC_COUNTER_RECHECK_SECONDS = 1.0  # the production value
    monkeypatch.setattr(public_views, "_served", None)  # nothing kept from an earlier test
    clock = [time.monotonic()]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    make_target()
    people(2, "p", days_ago=1)
    assert counters(client) == {}  # no snapshot yet: nothing published

    publish()
    cache_reads = []
    with monkeypatch.context() as patched:
        patched.setattr(cache, "get", lambda *args, **kwargs: cache_reads.append(args))
        # Within the interval the process serves what it has, without asking the shared cache.
        assert counters(client) == {}
    assert cache_reads == []

    clock[0] += 1.5
    assert counters(client)["buit-20000"]["count"] == 2


def test_responses_may_be_kept_for_at_most_five_minutes(client):
    make_target()
    publish()
    for url in (JSON_URL, WIDGET_URL):
        response = client.get(url)
        cache_control = response.headers["Cache-Control"]
        assert "public" in cache_control
        max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
        assert 0 < max_age <= 300, url


def test_json_is_open_to_other_sites_and_get_only(client):
    make_target()
    response = client.get(JSON_URL)
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post(JSON_URL).status_code == 405
    assert client.post(WIDGET_URL).status_code == 405


def test_widget_shows_each_public_target_with_a_progress_bar(client):
    make_target()
    make_target(slug="intern", title="Alleen intern", public=False)
    people(12, "p")
    publish()
    response = client.get(WIDGET_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "BUIT-basistraining" in html
    assert "Alleen intern" not in html
    assert "<strong>12</strong> van 20.000 personen getraind" in html
    assert '<progress max="20000" value="12" aria-labelledby="teller-buit-20000">' in html
    assert "0% van het doel" in html
    deadline = Target.objects.get(slug="buit-20000").deadline
    assert f'<time datetime="{deadline.isoformat()}">' in html
    assert "site-header" not in html  # a page of its own, not the site's chrome
    assert "<script" not in html


def test_widget_suppresses_small_region_cells(client, django_capture_on_commit_callbacks):
    make_target()
    people(12, "utrecht", municipality=UTRECHT)
    people(3, "amsterdam", municipality=AMSTERDAM)
    people(11, "rotterdam", municipality=ROTTERDAM)
    publish()
    html = client.get(WIDGET_URL).content.decode()

    # Before: 3 was hidden with 11 beside it, and 26 - 12 = 14 left a solver only 3 + 11.
    # A lone small cell is its own difference: the breakdown is withheld that day.
    assert "<table" not in html
    assert "De verdeling per regio tonen we voor deze stand niet" in html
    assert "<strong>26</strong> van 20.000" in html

    with django_capture_on_commit_callbacks(execute=True):
        people(4, "den-haag", municipality="GM0518")
    from reporting.snapshots import counter_snapshots_take

    CounterSnapshot.objects.all().delete()  # a corrected snapshot, as a fresh start
    counter_snapshots_take(backfill_days=1)
    html = client.get(WIDGET_URL).content.decode()
    assert region_cell(html, "Midden-Nederland") == "12"
    assert region_cell(html, "Rotterdam") == "11"
    for region in ("Amsterdam-Amstelland", "Den Haag"):
        cell = region_cell(html, region)
        assert "–" in cell and "minder dan 10" in cell, region
        assert not re.search(r"\d", cell.replace("10", "")), region
    assert "<strong>30</strong> van 20.000" in html
    assert "– betekent: minder dan 10 personen" in html


def test_widget_shows_one_target_when_asked(client):
    make_target()
    make_target(slug="verdieping-1500", title="Verdieping minderjarigen", target_number=1500)
    make_target(slug="intern", title="Alleen intern", public=False)
    html = client.get(WIDGET_URL, {"doel": "verdieping-1500"}).content.decode()
    assert "Verdieping minderjarigen" in html
    assert "BUIT-basistraining" not in html
    assert client.get(WIDGET_URL, {"doel": "intern"}).status_code == 404
    assert client.get(WIDGET_URL, {"doel": "bestaat-niet"}).status_code == 404


def test_widget_may_be_framed_and_the_reports_may_not(client, programme_user):
    make_target()
    response = client.get(WIDGET_URL)
    csp = policy(response)
    assert csp["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response.headers
    # Framable, but otherwise as strict as the rest of the site.
    assert csp["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]

    assert policy(client.get(JSON_URL))["frame-ancestors"] == ["'none'"]
    client.force_login(programme_user)
    response = client.get("/rapportage/")
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_everyone_may_read_the_counters(client, learner):
    make_target()
    people(2, "p")
    publish()
    for url in (JSON_URL, WIDGET_URL):
        assert client.get(url).status_code == 200, url
    client.force_login(learner)
    assert counters(client)["buit-20000"]["count"] == 2
    assert client.get(WIDGET_URL).status_code == 200


def test_a_public_target_shows_with_its_first_snapshot_and_goes_at_once(
    client, django_capture_on_commit_callbacks
):
    from tests.reporting.conftest import number_target

    assert client.get("/api/tellers/").json()["targets"] == []
    with django_capture_on_commit_callbacks(execute=True):
        target = number_target(
            "nieuw-doel", title="Nieuw doel", period_start=timezone.localdate() - timedelta(days=9)
        )
    # Public, but nothing counted for it yet: the widget says so, the JSON leaves it out.
    assert "Nog geen stand" in client.get(WIDGET_URL).content.decode()
    assert client.get("/api/tellers/").json()["targets"] == []
    publish()
    assert [t["title"] for t in client.get("/api/tellers/").json()["targets"]] == ["Nieuw doel"]
    with django_capture_on_commit_callbacks(execute=True):
        target.public = False
        target.save()
    assert client.get("/api/tellers/").json()["targets"] == []
