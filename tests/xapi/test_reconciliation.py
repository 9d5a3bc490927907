"""The programme team's reconciliation per source and month, and provenance on completions."""

import json

import pytest
from django.utils import timezone

from accounts.models import person_key_for
from courses.completion import completion_record
from courses.models import Completion
from reporting.imports import completions_import
from reporting.reconciliation import reconciliation_lines
from reporting.tables import TABLES
from tests.reporting.test_imports import csv_file
from tests.xapi.test_statements import headers, partner, post, statement  # noqa: F401


def _platform(email):
    return completion_record(
        person_key=person_key_for(email),
        course_code="buit-basis",
        course_title="BUIT",
        completed_at=timezone.now(),
        source=Completion.Source.PLATFORM,
        origin={"kind": "les", "lesson": 1},
    ).completion


@pytest.mark.usefixtures("partner")
def test_each_source_and_month_says_what_it_received_and_added(client, programme_user):
    _platform("anna@voorbeeld.nl")
    batch = completions_import(
        file=csv_file(
            "anna@voorbeeld.nl;Anna;Jansen;;;GM0344;2025-03-14",
            "bram@voorbeeld.nl;Bram;de Vries;;;GM0344;2025-03-14",
        ),
        source="BUIT e-learning",
        course_code="buit-extern",
    )
    assert batch.created_count == 2
    statements = [
        statement("anna@voorbeeld.nl"),  # counted on the platform already
        statement("cees@voorbeeld.nl"),  # new
        statement("dirk@voorbeeld.nl", activity="https://elders.example.org/x"),  # dead
    ]
    assert post(client, statements, **headers()).status_code == 200
    month = timezone.localtime().strftime("%Y-%m")
    lines = reconciliation_lines()
    platform = lines[("platform", "", month)]
    assert (platform.received, platform.new_people, platform.duplicates) == (1, 1, 0)
    imported = lines[("import", "BUIT e-learning", month)]
    # Anna was counted on the platform before; Bram is new.
    assert (imported.received, imported.matched, imported.new_people) == (2, 2, 1)
    assert imported.duplicates == 1
    xapi = lines[("xapi", "buit", month)]
    assert (xapi.received, xapi.matched, xapi.new_people, xapi.dead) == (3, 2, 1, 1)
    assert xapi.duplicates == 1

    # Provenance of each completion, and the same table as a page and as an export.
    origins = {c.person_key: c.origin_display() for c in Completion.objects.all()}
    assert origins[person_key_for("bram@voorbeeld.nl")].startswith(
        f"CSV-import {batch.uuid} (BUIT e-learning)"
    )
    assert origins[person_key_for("cees@voorbeeld.nl")].startswith("xAPI-partner buit")
    client.force_login(programme_user)
    page = client.get("/rapportage/herkomst/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "xAPI-partner" in html and "BUIT e-learning" in html
    assert 'name="table" value="herkomst"' in html
    table = TABLES["herkomst"].build(None)
    assert table.columns[5] == "Nieuwe personen geteld"
    assert json.dumps(table.rows, default=str).count(month) == 3


def test_the_reconciliation_is_for_the_programme_team_only(client, learner):
    client.force_login(learner)
    assert client.get("/rapportage/herkomst/").status_code == 403
