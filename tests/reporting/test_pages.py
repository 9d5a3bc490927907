"""The report pages and exports, per role: what each person sees, asks for and downloads."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts import roles
from accounts.models import AuditEvent, Function, Municipality, Region
from reporting.models import ExpectedHeadcount, ExportRequest
from tests.factories import UserFactory

from .conftest import coverage_target, number_target, record

pytestmark = pytest.mark.django_db


def numbers(html: str) -> list[int]:
    cells = re.findall(r'<td class="num"[^>]*>\s*([\d.]+)\s*</td>', html)
    return [int(cell.replace(".", "")) for cell in cells]


@pytest.fixture
def targets():
    buit = number_target(
        "buit-20000", codes=("buit-basis", "buit-extern"), goal=20000, title="BUIT"
    )
    keten = coverage_target("ketenregisseurs-2026", title="Alle ketenregisseurs")
    holder = Function.objects.get(slug="ketenregisseur")
    for n in range(3):
        record(f"p{n}@example.org", "buit-basis", date(2025, 3, 1 + n))
    record("p0@example.org", "buit-extern", date(2025, 4, 1), source="import")
    trained = UserFactory(email="keten@example.org", first_name="Karin", last_name="Keten")
    trained.profile.functions.add(holder)
    record(trained.email, "basistraining-ketenregisseur", date(2026, 3, 1), functions=[holder])
    waiting = UserFactory(email="wacht@example.org", first_name="Willem", last_name="Wacht")
    waiting.profile.functions.add(holder)
    return buit, keten


@pytest.mark.parametrize(
    "role, dashboard, vng",
    [
        (None, 302, 302),
        (roles.LEARNER, 403, 403),
        (roles.TRAINER, 403, 403),
        (roles.COORDINATOR, 403, 403),
        (roles.VNG, 403, 200),
        (roles.PROGRAMME_TEAM, 200, 200),
    ],
)
def test_who_may_see_which_report(client, targets, role, dashboard, vng):
    if role:
        client.force_login(UserFactory(email="rol@example.org", role=role))
    assert client.get(reverse("reporting:dashboard")).status_code == dashboard
    assert client.get(reverse("reporting:vng")).status_code == vng


def test_dashboard_shows_each_targets_people_with_bar_pace_chart_and_breakdowns(
    client, programme_user, targets
):
    client.force_login(programme_user)
    response = client.get(reverse("reporting:dashboard"), {"peildatum": "2026-06-30"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="buit-20000">3<' in html  # three people, four completions
    assert 'data-count="ketenregisseurs-2026">1<' in html
    assert "3 van 20.000 getraind (0%)" in html  # Dutch thousands separator
    assert 'role="progressbar"' in html
    assert "Nodig per maand tot de deadline" in html
    assert "Tempo van de laatste 90 dagen" in html
    assert '<svg viewBox="0 0 640 220" role="img"' in html
    assert "Per RIEC-regio" in html and "Per soort organisatie" in html
    assert "Per beroepsgroep" in html
    assert "1 van 10 regio&#x27;s hebben" in html or "1 van 10 regio's hebben" in html


def test_dashboard_reference_date_and_period_filter(client, programme_user, targets):
    client.force_login(programme_user)
    url = reverse("reporting:dashboard")
    before = client.get(url, {"peildatum": "2025-03-01"}).content.decode()
    assert 'data-count="buit-20000">1<' in before
    narrowed = client.get(
        url, {"peildatum": "2026-06-30", "vanaf": "2025-03-02", "tot": "2025-03-31"}
    ).content.decode()
    assert 'data-count="buit-20000">2<' in narrowed
    wrong = client.get(url, {"peildatum": "2999-01-01"}).content.decode()
    assert "Een peildatum ligt niet in de toekomst." in wrong


def test_vng_view_lists_every_riec_region_uncovered_first_with_each_holders_status(
    client, vng_user, targets
):
    nameless = UserFactory(email="naamloos@example.org")
    nameless.profile.functions.add(Function.objects.get(slug="ketenregisseur"))
    client.force_login(vng_user)
    html = client.get(reverse("reporting:vng"), {"peildatum": "2026-06-30"}).content.decode()
    regions = list(Region.objects.filter(kind__slug="riec").values_list("name", flat=True))
    assert len(regions) == 10
    for name in regions:
        assert name in html
    covered = Municipality.objects.get(cbs_code="GM0344").regions.get(kind__slug="riec").name
    table = html.split("Dekking per regio")[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', table)
    assert rows[-1][1] == covered  # the only covered region comes after all uncovered ones
    assert "9 van 10 regio" not in html and "1 van 10 regio" in html
    # The overview counts the holders; it does not list them (it stays small at any scale).
    row = table.split(covered)[1].split("</tr>")[0]
    # Trained, trained within the group (the registered holders), coverage, holders, busy, not
    # started (the expected number's cell carries its "(g)" note).
    assert re.findall(r'<td class="[a-z]+">([^<]+)</td>', row) == ["1", "1", "33%", "3", "0", "2"]
    assert "Karin Keten" not in html

    # The region's own page, reached by its link with the reference date kept, lists them.
    link = rows[-1][0].replace("&amp;", "&")
    assert "peildatum=2026-06-30" in link
    page = client.get(link).content.decode()
    assert "Karin Keten" in page and "Afgerond" in page and "1 maart 2026" in page
    assert "Willem Wacht" in page and "Niet begonnen" in page
    # A holder who gave no name is listed by e-mail address, with organisation and municipality.
    holder = re.search(r'<tr><th scope="row">naamloos@example.org</th>(.*?)</tr>', page)
    assert holder and "Testorganisatie" in holder[1] and "Utrecht" in holder[1], page
    elsewhere = next(r for r in rows if r[1] != covered)[0].replace("&amp;", "&")
    assert "Karin Keten" not in client.get(elsewhere).content.decode()
    function = reverse("reporting:vng_region", args=["ketenregisseur", 0])
    assert client.get(function).status_code == 404
    other = reverse("reporting:vng_region", args=["reclasseringswerker", 1])
    assert client.get(other).status_code == 404


def test_vng_sets_an_expected_headcount_and_coverage_uses_it(
    client, vng_user, targets, django_capture_on_commit_callbacks
):
    client.force_login(vng_user)
    region = Region.objects.get(kind__slug="riec", code="midden-nederland")
    holder = Function.objects.get(slug="ketenregisseur")
    url = reverse("reporting:vng_headcounts")
    both = client.post(
        url,
        {
            "function": holder.pk,
            "region": region.pk,
            "municipality": Municipality.objects.first().pk,
            "headcount": 3,
        },
    )
    assert "Kies een regio of een gemeente, niet allebei." in both.content.decode()
    assert not ExpectedHeadcount.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"function": holder.pk, "region": region.pk, "headcount": 4})
    assert ExpectedHeadcount.objects.get().updated_by == vng_user
    html = client.get(reverse("reporting:vng"), {"peildatum": "2026-06-30"}).content.decode()
    row = html.split(f">{region.name}</a></th>")[1].split("</tr>")[0]
    assert re.findall(r">(\d+%?)", row)[:4] == ["1", "1", "4", "25%"]


def test_learner_cannot_set_headcounts(client, learner):
    client.force_login(learner)
    assert client.get(reverse("reporting:vng_headcounts")).status_code == 403


def _export(client, table, fmt, **parameters):
    return client.post(
        reverse("reporting:export_request"),
        {"table": table, "format": fmt, "peildatum": "2026-06-30", **parameters},
    )


def test_programme_team_exports_a_table_as_xlsx_that_agrees_with_the_page(
    client, programme_user, targets, django_capture_on_commit_callbacks
):
    client.force_login(programme_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _export(client, "doelen", "xlsx")
    assert response.status_code == 302
    export = ExportRequest.objects.get()
    assert export.status == ExportRequest.Status.READY
    listing = client.get(reverse("reporting:export_list")).content.decode()
    assert reverse("reporting:export_download", kwargs={"uuid": export.uuid}) in listing
    download = client.get(reverse("reporting:export_download", kwargs={"uuid": export.uuid}))
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames[0] == "Definities"
    sheet = workbook.worksheets[1]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["buit-20000"][2] == 3
    assert rows["ketenregisseurs-2026"][2] == 1
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor == programme_user
    assert event.target == "rapportage:doelen.xlsx"
    assert event.details["peildatum"] == "2026-06-30"


def test_an_export_is_downloadable_only_by_whoever_asked(
    client, programme_user, targets, django_capture_on_commit_callbacks
):
    client.force_login(programme_user)
    with django_capture_on_commit_callbacks(execute=True):
        _export(client, "regios", "csv")
    export = ExportRequest.objects.get()
    url = reverse("reporting:export_download", kwargs={"uuid": export.uuid})
    colleague = UserFactory(email="collega@example.org", role=roles.PROGRAMME_TEAM)
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    assert str(export.uuid) not in client.get(reverse("reporting:export_list")).content.decode()
    client.logout()
    assert client.get(url).status_code == 302


def test_csv_export_has_every_region_and_harmless_cells(
    client, programme_user, targets, django_capture_on_commit_callbacks
):
    client.force_login(programme_user)
    with django_capture_on_commit_callbacks(execute=True):
        _export(client, "ketenregisseurs", "csv")
    export = ExportRequest.objects.get()
    text = export.file.open("rb").read().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    # What is counted comes first, then an empty line, then the table.
    assert rows[0][0].startswith("Geteld worden personen")
    rows = rows[rows.index([]) + 1 :]
    assert rows[0][:3] == ["Regio", "Getraind in regio", "Verwacht in regio"]
    regions = {row[0] for row in rows[1:]}
    assert len(regions) == 10
    assert any(row[3] == "Karin Keten" and row[6] == "Afgerond" for row in rows)


def test_vng_exports_its_own_tables_but_not_the_programme_tables(
    client, vng_user, targets, django_capture_on_commit_callbacks
):
    client.force_login(vng_user)
    assert _export(client, "doelen", "csv").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert _export(client, "aandachtsfunctionarissen", "xlsx").status_code == 302
    assert ExportRequest.objects.get().status == ExportRequest.Status.READY


def test_learner_cannot_export(client, learner, targets):
    client.force_login(learner)
    assert _export(client, "regios", "csv").status_code == 403
    assert client.get(reverse("reporting:export_list")).status_code == 403
    assert not ExportRequest.objects.exists()


def test_unknown_table_or_format_is_not_found(client, programme_user):
    client.force_login(programme_user)
    assert _export(client, "wachtwoorden", "csv").status_code == 404
    assert _export(client, "doelen", "pdf").status_code == 404


def test_the_daily_snapshots_feed_the_chart_beside_the_recount(client, programme_user, targets):
    from reporting.models import CounterSnapshot
    from reporting.snapshots import counter_snapshots_take

    buit, _keten = targets
    # Beat took the tellerstand of 31 March 2025; a completion of March was imported later.
    assert counter_snapshots_take(date(2025, 3, 31), backfill_days=1) == 1
    assert CounterSnapshot.objects.get(target=buit, taken_on=date(2025, 3, 31)).count == 3
    record("laat@example.org", "buit-basis", date(2025, 3, 20), recorded_on=date(2025, 5, 1))
    client.force_login(programme_user)
    html = client.get(reverse("reporting:dashboard"), {"peildatum": "2026-06-30"}).content.decode()
    section = html.split('id="doel-buit-20000"')[1].split("</section>")[0]
    assert 'class="chart-published"' in section
    march = section.split("maart 2025</th>")[1].split("</tr>")[0]
    # The recount knows four people by the end of March now; the published figure was three.
    assert re.findall(r"<td[^>]*>([^<]+)</td>", march) == ["4", "4", "3"]


def test_chart_coordinates_are_numbers_an_svg_reads(client, programme_user, targets):
    client.force_login(programme_user)
    html = client.get(reverse("reporting:dashboard"), {"peildatum": "2026-06-30"}).content.decode()
    svg = html.split("<svg viewBox=")[1].split("</svg>")[0]
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates), svg


def test_programme_team_keeps_targets_in_the_wagtail_admin(client, programme_user):
    from reporting.models import Target

    client.force_login(programme_user)
    data = {
        "slug": "buit-20000",
        "title": "20.000 professionals met basiskennis",
        "description": "",
        "mode": "aantal",
        "target_number": "20000",
        "course_codes": "buit-basis, BUIT-extern\nbuit-basis",
        "period_start": "2024-01-01",
        "deadline": "2026-12-31",
        "public": "on",
    }
    response = client.post("/beheer/doelen/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    target = Target.objects.get(slug="buit-20000")
    assert target.course_codes == ["buit-basis", "buit-extern"]

    wrong = {
        **data,
        "slug": "dekking",
        "mode": "dekking",
        "target_number": "",
        "deadline": "2023-01-01",
    }
    html = client.post("/beheer/doelen/new/", wrong).content.decode()
    assert "Een dekkingsdoel noemt de functie die gedekt moet zijn." in html
    assert "De deadline ligt voor het begin van de periode." in html
    assert not Target.objects.filter(slug="dekking").exists()
    # Deleting a target (and with it its history of snapshots) is for administrators only.
    assert client.post(f"/beheer/doelen/delete/{target.pk}/").status_code == 302
    assert Target.objects.filter(pk=target.pk).exists()


def test_a_kept_report_section_shows_a_new_completion_and_only_its_own_target_is_rendered_again(
    client, targets, django_capture_on_commit_callbacks, monkeypatch
):
    from reporting import views

    drawn = []  # the targets whose section (with its chart) is rendered, in order
    chart = views.cumulative_chart
    monkeypatch.setattr(views, "cumulative_chart", lambda r, p: drawn.append(r.slug) or chart(r, p))
    client.force_login(UserFactory(email="team@example.org", role=roles.PROGRAMME_TEAM))
    url = reverse("reporting:dashboard")
    query = {"peildatum": "2026-06-30"}

    def section(html: str, slug: str) -> str:
        return re.search(rf'<section class="report" id="doel-{slug}".*?</section>', html, re.S)[0]

    first = client.get(url, query).content.decode()
    assert "3 van 20.000 getraind" in section(first, "buit-20000")
    assert sorted(drawn) == ["buit-20000", "ketenregisseurs-2026"]
    client.get(url, query)
    assert len(drawn) == 2  # both kept
    with django_capture_on_commit_callbacks(execute=True):
        record("nieuw@example.org", "buit-basis", date(2026, 6, 1))
    second = client.get(url, query).content.decode()
    assert "4 van 20.000 getraind" in section(second, "buit-20000")
    assert drawn[2:] == ["buit-20000"]
    # The other target counted nothing new: its section is the kept one, byte for byte.
    assert section(second, "ketenregisseurs-2026") == section(first, "ketenregisseurs-2026")
