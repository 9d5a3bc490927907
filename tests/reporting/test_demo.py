"""With the demo data: the counters agree everywhere, and with a count done directly in SQL."""

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from accounts.models import Region
from reporting.demo import TARGETS
from reporting.models import ExportRequest, Target
from tests.factories import UserFactory
from tests.reporting.test_statistics import outside_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def sql_count(target: Target) -> int:
    """Distinct people per target as of today, written straight against the tables (no ORM,
    no cache): tests/reporting/test_statistics.outside_count."""
    return outside_count(target, timezone.localdate())


def test_seed_makes_the_programmes_targets_and_learners_once(seeded, settings):
    assert set(Target.objects.values_list("slug", flat=True)) == {t["slug"] for t in TARGETS}
    assert "Demo-cursisten:" in seeded and "aangemaakt" in seeded
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert f"Doelen: niets aangemaakt, alle {len(TARGETS)} bestonden al." in out.getvalue()
    assert "Demo-cursisten: niets aangemaakt" in out.getvalue()


def test_dashboard_public_counters_and_xlsx_agree_with_sql(
    seeded, client, programme_user, django_capture_on_commit_callbacks
):
    expected = {target.slug: sql_count(target) for target in Target.objects.all()}
    assert all(expected.values()), expected  # every target has trained people in the demo

    client.force_login(programme_user)
    html = client.get(reverse("reporting:dashboard")).content.decode()
    on_page = {  # counts are shown with a Dutch thousands separator: 1.805
        slug: int(count.replace(".", ""))
        for slug, count in re.findall(r'data-count="([^"]+)">([\d.]+)<', html)
    }
    assert on_page == expected

    # The public counters publish the end of yesterday (the demo's nightly snapshot).
    from datetime import timedelta

    from reporting.counters import Scope, target_report

    yesterday = timezone.localdate() - timedelta(days=1)
    public = client.get(reverse("reporting:counters_json")).json()["targets"]
    assert {row["slug"]: row["count"] for row in public} == {
        target.slug: target_report(target, Scope(as_of=yesterday)).count
        for target in Target.objects.filter(public=True)
    }
    assert {row["as_of"] for row in public} == {yesterday.isoformat()}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reporting:export_request"),
            {"table": "doelen", "format": "xlsx", "peildatum": timezone.localdate().isoformat()},
        )
    export = ExportRequest.objects.get()
    workbook = load_workbook(io.BytesIO(export.file.open("rb").read()))
    assert workbook.sheetnames[0] == "Definities"  # what is counted comes first
    sheet = workbook.worksheets[1]
    exported = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert exported == expected


def test_every_chart_and_breakdown_of_the_demo_has_figures(seeded, client, programme_user):
    client.force_login(programme_user)
    html = client.get(reverse("reporting:dashboard")).content.decode()
    assert html.count('class="chart-line"') == len(TARGETS)
    assert html.count('class="chart-published"') == len(TARGETS)
    for target in TARGETS:
        section = html.split(f'id="doel-{target["slug"]}"')[1].split("</section>")[0]
        regions = section.split("<caption>Per RIEC-regio</caption>")[1].split("</table>")[0]
        trained = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', regions)]
        assert len(trained) >= 10 and sum(trained) > 0, target["slug"]


def test_vng_view_of_the_demo_lists_every_riec_region(seeded, client):
    client.force_login(UserFactory(email="vng-collega@example.org", role=roles.VNG))
    html = client.get(reverse("reporting:vng")).content.decode()
    for name in Region.objects.filter(kind__slug="riec").values_list("name", flat=True):
        assert html.count(f">{name}</a></th>") == 2, name  # ketenregisseurs and aandachtsf.
    # Two demo regions have no trained ketenregisseur: they come first.
    table = html.split("Dekking per regio")[1].split("</table>")[0]
    first_rows = re.findall(
        r"<tr>\s*<th scope=\"row\"><a [^>]+>([^<]+)</a></th>\s*"
        r"<td class=\"num\">(\d+)</td>",
        table,
    )
    assert [count for _name, count in first_rows[:2]] == ["0", "0"]
    assert all(int(count) > 0 for _name, count in first_rows[2:])


def test_importing_a_buit_export_with_overlap_moves_the_counter_by_the_new_people(
    seeded, tmp_path, client, programme_user, django_capture_on_commit_callbacks
):
    from accounts.models import User
    from reporting.counters import target_report

    buit = Target.objects.get(slug="buit-20000")
    before = target_report(buit).count
    # Five people who already count (trained on the platform) and three new ones.
    known = list(
        User.objects.filter(completions__course_code="buit-basis")
        .order_by("email")
        .values_list("email", flat=True)[:5]
    )
    new = ["nieuw.een@school.example", "nieuw.twee@school.example", "Nieuw.Drie@school.example"]
    lines = ["email;voornaam;achternaam;organisatie;beroepsgroep;gemeente;afgerond_op"]
    for email in known + new:
        lines.append(f"{email};Voor;Naam;Basisschool;Leerkracht of docent;GM0344;01-10-2026")
    path = tmp_path / "buit-export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def buit_import():
        call_command(
            "import_completions", str(path), "--source", "BUIT e-learning", "--course",
            "buit-extern", stdout=StringIO(),
        )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        buit_import()
    assert target_report(buit).count == before + 3
    client.force_login(programme_user)
    html = client.get(reverse("reporting:dashboard")).content.decode()
    shown = f"{before + 3:,}".replace(",", ".")  # Dutch thousands separator
    assert f'data-count="buit-20000">{shown}<' in html
    # The same file again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        buit_import()
    assert target_report(buit).count == before + 3


def test_no_hidden_cell_of_the_demos_public_counters_can_be_derived(seeded, client):
    from tests.reporting.solver import solve

    public = client.get(reverse("reporting:counters_json")).json()["targets"]
    assert public
    published = [row for row in public if row["regions"] is not None]
    assert published  # the demo's breakdowns are mostly publishable
    for row in published:
        shown = [cell["count"] for cell in row["regions"]]
        assert shown.count(None) != 1, row["slug"]
        possible = solve([(row["count"], shown)])
        assert all(len(values) >= 2 for values in possible.values()), row["slug"]


def test_the_demo_exercises_filters_unknown_regions_links_and_refreshers(seeded, client):
    from datetime import timedelta

    from accounts.models import person_key_for
    from reporting.counters import Scope, target_report
    from reporting.demo import LINKED_PRIVATE, LINKED_WORK, REFRESHED
    from reporting.models import PersonLink
    from reporting.standings import standings_marginals, standings_people

    assert Target.objects.filter(profession__isnull=False).exists()
    link = PersonLink.objects.get(alias_key=person_key_for(LINKED_PRIVATE))
    assert link.person_key == person_key_for(LINKED_WORK)
    jeugd = Target.objects.get(slug="buit-jeugdprofessionals")
    # Before the link's day the two addresses were two people; from it, one.
    day_before = link.linked_on - timedelta(days=1)
    keys = {person_key_for(LINKED_WORK), person_key_for(LINKED_PRIVATE)}
    assert keys <= standings_people(jeugd, day_before).keys()
    people = standings_people(jeugd, link.linked_on)
    assert person_key_for(LINKED_WORK) in people
    assert person_key_for(LINKED_PRIVATE) not in people
    for day in (day_before, link.linked_on):
        assert sum(standings_marginals(jeugd, day).per_day.values()) == outside_count(jeugd, day)
    keten = Target.objects.get(slug="ketenregisseurs-2026")
    assert person_key_for(REFRESHED) not in standings_people(keten, timezone.localdate())
    coverage = Target.objects.get(slug="aandachtsfunctionarissen-2026")
    report = target_report(coverage, Scope.today())
    unknown = [cell for cell in report.by_region if cell.expected is None and cell.count]
    assert unknown and report.outside_group > 0
    assert all(cell.percentage is None or cell.percentage <= 100 for cell in report.by_region)
    client.force_login(UserFactory(email="vng-demo@example.org", role=roles.VNG))
    html = client.get(reverse("reporting:vng")).content.decode()
    assert "onbekend" in html
    for target in Target.objects.all():
        assert target_report(target).count == outside_count(target, timezone.localdate())
