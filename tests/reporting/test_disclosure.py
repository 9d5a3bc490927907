"""Small cells stay hidden: no published breakdown lets a solver derive a hidden count.

Each published breakdown is handed to a brute-force solver (tests/reporting/solver.py) with
its published total: whenever a cell is hidden at least two are, and every hidden cell keeps
more than one possible value from 1 to 9. Checked on every small table exhaustively, on
random tables, on adversarial ones, and end to end on what /tellers/ and /api/tellers/ serve.
"""

import itertools
import random
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Municipality
from reporting.counters import Cell
from reporting.disclosure import breakdown_publish
from reporting.models import CounterSnapshot, Target
from reporting.snapshots import counter_snapshots_take
from tests.reporting.conftest import record
from tests.reporting.solver import derivable, solve

THRESHOLD = 10


def cells(*counts: int) -> list[Cell]:
    return [Cell(label=f"regio {i}", count=n) for i, n in enumerate(counts)]


def assert_nothing_derivable(counts: list[int], published: list[dict] | None) -> None:
    """What a visitor sees of `counts` gives no hidden cell away (None: withheld, nothing seen)."""
    if published is None:
        return
    shown = [cell["count"] for cell in published]
    total = sum(counts)
    hidden = [i for i, n in enumerate(shown) if n is None]
    assert len(hidden) != 1, (counts, shown)
    for i, n in enumerate(shown):
        # "–" means 1 to 9, truthfully; every other cell is shown as it is.
        assert (0 < counts[i] < THRESHOLD) if n is None else n == counts[i], (counts, shown)
    possible = solve([(total, shown)], threshold=THRESHOLD)
    for (_table, i), values in possible.items():
        assert counts[i] in values, (counts, shown)  # the solver is sound
        assert len(values) >= 2, (counts, shown, i, values)


def test_the_solver_finds_what_the_old_rule_gave_away():
    # The example: two hidden regions, total 18, shown nothing else: both are 9.
    assert solve([(18, [None, None])]) == {(0, 0): {9}, (0, 1): {9}}
    # The old rule's second hidden cell of 25 beside a 3: no value from 1 to 9 fits at all.
    assert derivable([(28 + 40, [None, None, 40])]) == [(0, 0), (0, 1)]
    assert derivable([(30, [12, None, None])]) == [(0, 1), (0, 2)]
    assert derivable([(20, [None, None, 4 + 14])]) == [(0, 0), (0, 1)]  # 1 and 1


@pytest.mark.parametrize(
    ("counts", "withheld"),
    [
        ([9, 9], True),  # both at the top: 18 can only be 9 + 9
        ([9, 9, 0, 40], True),
        ([1, 1, 25], True),  # both at the bottom
        ([3, 40, 50], True),  # one small cell alone is its own difference
        ([5], True),
        ([9, 9, 9, 12], True),
        ([1, 1, 1, 0], True),
        ([8, 9, 30], False),  # 17: 8 + 9 or 9 + 8
        ([1, 2, 14], False),
        ([3, 5, 0, 12], False),
        ([9, 9, 8, 100], False),
        ([0, 0, 0], False),
        ([10, 20, 30], False),
        ([], False),
    ],
)
def test_adversarial_breakdowns(counts, withheld):
    published = breakdown_publish(cells(*counts), threshold=THRESHOLD)
    assert (published is None) == withheld
    assert_nothing_derivable(counts, published)


def test_every_table_of_up_to_four_cells_with_counts_up_to_twelve():
    for size in range(1, 5):
        for counts in itertools.product(range(13), repeat=size):
            published = breakdown_publish(cells(*counts), threshold=THRESHOLD)
            assert_nothing_derivable(list(counts), published)


def test_random_tables_of_realistic_size():
    rng = random.Random(18)
    published_some = 0
    for _ in range(1500):
        size = rng.randint(2, 26)  # up to every RIEC region plus "Onbekend"
        counts = [rng.choice([0, 0, rng.randint(1, 9), rng.randint(1, 40)]) for _ in range(size)]
        published = breakdown_publish(cells(*counts), threshold=THRESHOLD)
        assert_nothing_derivable(counts, published)
        published_some += published is not None and None in [c["count"] for c in published]
    assert published_some > 300  # most tables with small cells are still published


def test_several_breakdowns_of_one_total_give_nothing_away_together():
    # Per region and per kind of organisation, both of the same 40 people.
    regions, kinds = [3, 5, 32], [8, 2, 30]
    tables = []
    for counts in (regions, kinds):
        published = breakdown_publish(cells(*counts), threshold=THRESHOLD)
        assert published is not None
        tables.append((40, [c["count"] for c in published]))
    possible = solve(tables)
    assert possible and all(len(values) >= 2 for values in possible.values())


def test_a_breakdown_that_does_not_add_up_to_its_total_is_withheld():
    assert breakdown_publish(cells(3, 5, 20), total=29, threshold=THRESHOLD) is None


# --- End to end: what the public counters serve ------------------------------------------------

UTRECHT, AMSTERDAM, ROTTERDAM = "GM0344", "GM0363", "GM0599"


def _target(slug="buit") -> Target:
    today = timezone.localdate()
    return Target.objects.create(
        slug=slug,
        title=f"Doel {slug}",
        course_codes=["buit-basis"],
        mode=Target.Mode.NUMBER,
        target_number=1000,
        period_start=today - timedelta(days=60),
        deadline=today + timedelta(days=300),
        public=True,
    )


def _people(n, prefix, municipality, *, days_ago=5):
    for i in range(n):
        record(
            f"{prefix}{i}@example.org",
            "buit-basis",
            timezone.localdate() - timedelta(days=days_ago),
            municipality=Municipality.objects.get(cbs_code=municipality),
        )


def _published(client) -> dict:
    return {row["slug"]: row for row in client.get("/api/tellers/").json()["targets"]}


def _check_served(client) -> None:
    """Every public target's breakdown in the JSON and the widget: nothing derivable."""
    for row in _published(client).values():
        if row["regions"] is None:
            continue
        shown = [cell["count"] for cell in row["regions"]]
        assert shown.count(None) != 1
        possible = solve([(row["count"], shown)])
        assert all(len(values) >= 2 for values in possible.values()), row
    html = client.get("/tellers/").content.decode()
    for section in html.split('<section class="teller"')[1:]:
        total = int(re.search(r"<strong>([\d.]+)</strong>", section).group(1).replace(".", ""))
        table = re.findall(r'<td class="getal">(.*?)</td>', section, re.S)
        if not table:
            continue
        shown = [None if "–" in cell else int(cell.replace(".", "")) for cell in table]
        possible = solve([(total, shown)])
        assert shown.count(None) != 1
        assert all(len(values) >= 2 for values in possible.values())


@pytest.mark.django_db
def test_two_top_cells_are_withheld_on_the_widget_and_in_the_json(client):
    _target()
    _people(12, "u", UTRECHT)
    _people(9, "a", AMSTERDAM)
    _people(9, "r", ROTTERDAM)
    counter_snapshots_take(backfill_days=1)

    row = _published(client)["buit"]
    assert row["count"] == 30
    assert row["regions"] is None  # 9 + 9 = 18 could only be that
    html = client.get("/tellers/").content.decode()
    assert "<strong>30</strong> van 1.000" in html
    assert "De verdeling per regio tonen we voor deze stand niet" in html
    assert "<table" not in html
    _check_served(client)


@pytest.mark.django_db
def test_small_cells_that_protect_each_other_are_hidden_on_both(client):
    _target()
    _people(12, "u", UTRECHT)
    _people(3, "a", AMSTERDAM)
    _people(5, "r", ROTTERDAM)
    counter_snapshots_take(backfill_days=1)

    regions = {c["label"]: c["count"] for c in _published(client)["buit"]["regions"]}
    assert regions["Midden-Nederland"] == 12
    assert regions["Amsterdam-Amstelland"] is None and regions["Rotterdam"] is None
    assert set(regions.values()) == {0, 12, None}
    html = client.get("/tellers/").content.decode()
    assert "minder dan 10" in html
    _check_served(client)


@pytest.mark.django_db
def test_random_regional_spreads_served_publicly_give_nothing_away(client):
    rng = random.Random(1818)
    municipalities = list(
        Municipality.objects.filter(regions__kind__slug="riec").distinct().order_by("?")[:40]
    )
    for t in range(4):
        Target.objects.create(
            slug=f"doel-{t}",
            title=f"Doel {t}",
            course_codes=[f"cursus-{t}"],
            mode=Target.Mode.NUMBER,
            target_number=500,
            period_start=timezone.localdate() - timedelta(days=60),
            deadline=timezone.localdate() + timedelta(days=300),
            public=True,
        )
        for person in range(rng.randint(5, 60)):
            record(
                f"p{t}-{person}@example.org",
                f"cursus-{t}",
                timezone.localdate() - timedelta(days=3),
                municipality=rng.choice(municipalities[: rng.randint(2, 12)]),
            )
    counter_snapshots_take(backfill_days=1)
    assert CounterSnapshot.objects.count() == 4
    _check_served(client)


# --- A published rhythm ------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_figures_move_with_the_daily_snapshot_not_per_request(client, monkeypatch):
    _target()
    _people(12, "u", UTRECHT)
    _people(5, "a", AMSTERDAM)
    _people(4, "r", ROTTERDAM)
    yesterday = timezone.localdate() - timedelta(days=1)
    counter_snapshots_take(backfill_days=1)
    row = _published(client)["buit"]
    assert (row["count"], row["as_of"]) == (21, yesterday.isoformat())

    # Today one more person in Amsterdam: 5 becomes 6 (and Rotterdam stays hidden with it).
    _people(1, "nieuw", AMSTERDAM, days_ago=0)
    assert _published(client)["buit"]["count"] == 21
    html = client.get("/tellers/").content.decode()
    assert "<strong>21</strong>" in html
    assert f"Stand aan het eind van {yesterday.day} " in html

    # Tomorrow night's snapshot of today publishes it, and says so.
    counter_snapshots_take(timezone.localdate(), backfill_days=1)
    assert _published(client)["buit"]["count"] == 21  # today has not ended yet
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    row = _published(client)["buit"]
    assert (row["count"], row["as_of"]) == (22, (tomorrow - timedelta(days=1)).isoformat())


@pytest.mark.django_db
def test_of_two_public_targets_counting_the_same_people_one_breakdown_is_published(client):
    # Both count buit-basis: per region the second's cell is at most the first's, a relation
    # between two tables that no check of one table against its own total can see.
    _target("buit")
    second = _target("buit-breed")
    second.course_codes = ["buit-basis", "buit-extern"]
    second.save()
    _people(12, "u", UTRECHT)
    _people(3, "a", AMSTERDAM)
    _people(5, "r", ROTTERDAM)
    counter_snapshots_take(backfill_days=1)

    published = _published(client)
    assert published["buit"]["regions"] is not None
    assert published["buit-breed"]["regions"] is None
    assert published["buit-breed"]["count"] == 20  # the total is still published
    _check_served(client)
