"""seed_demo gives the effect report believable, paired results that differ per objective and
region, quickly and only once."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from effect.demo import seed_effect
from effect.models import Response
from effect.selectors import effect_report
from reporting.counters import Scope

pytestmark = pytest.mark.django_db


def test_demo_results_are_paired_and_differ_per_objective_and_region(settings, client,
                                                                      programme_user):  # fmt: skip
    settings.DEBUG = True
    started = time.monotonic()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Effectmetingen:" in out.getvalue()
    reports = {r.code: r for r in effect_report(Scope.today())}
    basis = reports["verdieping-minderjarigen"]
    assert basis.completers >= 50 and 0.7 < basis.pairs / basis.completers < 0.95
    gains = [row.gain for row in basis.objectives]
    assert all(g is not None and 0.1 < g < 0.9 for g in gains)
    assert max(gains) - min(gains) > 0.1  # signalen herkennen is learned better than melden
    regions = [row.gain for row in basis.breakdowns["Regio"] or [] if row.gain is not None]
    assert len(regions) >= 2 and max(regions) - min(regions) > 0.03
    assert basis.response_share is not None
    # Seeding again adds nothing.
    count = Response.objects.count()
    seed_effect()
    assert Response.objects.count() == count
    client.force_login(programme_user)
    page = client.get(reverse("effect:report"))
    assert page.status_code == 200 and "Signalen herkennen" in page.content.decode()
    assert time.monotonic() - started < 120
