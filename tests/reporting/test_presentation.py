"""How the report pages present their figures: Dutch numbers, labels that do not overlap, a
legend for every marker, keyboard-scrollable tables and a refused peildatum said out loud."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Function
from reporting.charts import cumulative_chart
from reporting.counters import Month, TargetReport
from tests.factories import UserFactory

from .conftest import coverage_target, number_target, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets():
    number_target("buit", codes=("buit-basis",), goal=20000, title="BUIT")
    coverage_target("ketenregisseurs-2026", title="Alle ketenregisseurs")
    for n in range(3):
        record(f"p{n}@example.org", "buit-basis", date(2025, 3, 1 + n))
    holder = Function.objects.get(slug="ketenregisseur")
    waiting = UserFactory(email="wacht@example.org", first_name="Willem", last_name="Wacht")
    waiting.profile.functions.add(holder)


def test_large_figures_have_a_dutch_thousands_separator(client, programme_user, targets):
    client.force_login(programme_user)
    html = client.get(reverse("reporting:dashboard"), {"peildatum": "2026-06-30"}).content.decode()
    assert '<td class="figure">20.000</td>' in html
    assert "3 van 20.000 getraind" in html
    assert "20000" not in re.sub(r'(viewBox|points|x|y|x1|x2|y1|y2)="[^"]*"', "", html)
    # The chart's axis counts up to the goal in the same notation.
    assert ">20.000</text>" in html


def test_a_peildatum_in_the_future_is_refused_out_loud(client, programme_user, targets):
    client.force_login(programme_user)
    for url in (reverse("reporting:dashboard"), reverse("reporting:vng")):
        response = client.get(url, {"peildatum": "2099-01-01"})
        html = response.content.decode()
        assert response.status_code == 200
        alert = html.split('role="alert" class="filter-errors"', 1)[1].split("</div>\n", 2)
        assert "De filters zijn niet toegepast" in html
        assert "Een peildatum ligt niet in de toekomst." in "".join(alert)
        today = timezone.localdate()
        assert f'max="{today.isoformat()}"' in html
        assert f"Stand op {today.day} " in html  # what is shown is said to be today's


def test_an_accepted_peildatum_shows_no_refusal(client, programme_user, targets):
    client.force_login(programme_user)
    html = client.get(reverse("reporting:dashboard"), {"peildatum": "2026-01-31"}).content.decode()
    assert "filter-errors" not in html


def test_every_marker_in_a_report_table_has_a_legend(client, programme_user, targets):
    client.force_login(programme_user)
    for url in (reverse("reporting:dashboard"), reverse("reporting:vng")):
        html = client.get(url).content.decode()
        assert ">(g)</abbr>" in html, url  # the marker is there (nobody set a headcount) ...
        main = html.split('class="legend"', 1)
        assert len(main) == 2, f"{url}: no legend"
        assert "de geregistreerde functiehouders; niemand heeft het aantal vastgesteld" in main[1]


def test_every_scrollable_table_on_report_pages_takes_keyboard_focus_and_has_a_name(
    client, programme_user, targets
):
    client.force_login(programme_user)
    for url in (
        reverse("reporting:dashboard"),
        reverse("reporting:vng"),
        reverse("reporting:export_list"),
    ):
        html = client.get(url).content.decode()
        wraps = re.findall(r'<div class="table-wrap[^"]*"[^>]*>', html)
        assert wraps or url == reverse("reporting:export_list"), url  # no exports asked yet
        for wrap in wraps:
            assert 'tabindex="0"' in wrap and 'role="region"' in wrap, wrap
            assert "aria-label=" in wrap or "aria-labelledby=" in wrap, wrap


@pytest.mark.parametrize("month_count", [1, 2, 5, 6, 7, 11, 12, 13, 18, 23, 24, 25, 36, 37])
def test_chart_month_labels_never_overlap(month_count):
    months = []
    for i in range(month_count):
        year, month = divmod(2025 * 12 + i, 12)
        months.append(Month(date(year, month + 1, 1), new=i, cumulative=i * (i + 1) // 2))
    report = TargetReport(
        target_id=1,
        slug="t",
        title="T",
        mode="aantal",
        deadline=date(2027, 12, 31),
        as_of=date(2027, 12, 31),
        count=months[-1].cumulative,
        goal=1806,
        goal_source="doel",
        months=months,
    )
    chart = cumulative_chart(report)
    ticks = chart.x_ticks
    assert ticks[-1][0] == chart.right_x or month_count == 1  # the last month is labelled
    # A label such as "sep 2026" is at most about 60 px wide at the chart's 11 px; middle labels
    # stand centred on their x, the last one ends there.
    for (x1, label1, anchor1), (x2, label2, anchor2) in zip(ticks, ticks[1:], strict=False):
        right_of_first = x1 + (30 if anchor1 == "middle" else 0)
        left_of_second = x2 - (30 if anchor2 == "middle" else 60)
        assert right_of_first + 4 <= left_of_second, (label1, x1, label2, x2)


def test_exports_write_dates_and_decimals_the_dutch_way():
    import io

    from openpyxl import load_workbook

    from reporting.exports import render_csv, render_xlsx
    from reporting.tables import Table

    table = Table(
        title="Doelen",
        columns=["Doel", "Getraind", "Aandeel", "Deadline"],
        rows=[["BUIT", 1806, 9.5, date(2026, 12, 31)]],
    )
    text = render_csv(table).decode("utf-8-sig")
    assert text.splitlines()[1] == "BUIT;1806;9,5;31-12-2026"
    sheet = load_workbook(io.BytesIO(render_xlsx(table))).active
    deadline = sheet.cell(row=2, column=4)
    assert deadline.value.date() == date(2026, 12, 31) and deadline.number_format == "DD-MM-YYYY"
    assert sheet.cell(row=2, column=2).value == 1806  # a number, for sums in the spreadsheet
