"""Writes of the reports that people make: expected headcounts."""

from django.db import transaction

from reporting.models import ExpectedHeadcount
from reporting.standings import reports_changed


@transaction.atomic
def expected_headcount_set(*, function, region=None, municipality=None, headcount, user):
    """Set (or, with headcount None, clear) the expected holders of `function` in one place."""
    # Coverage figures are cached reports: a new expected number must show on the next read.
    reports_changed()
    place = {"region": region} if region is not None else {"municipality": municipality}
    if headcount is None:
        ExpectedHeadcount.objects.filter(function=function, **place).delete()
        return None
    expected, _created = ExpectedHeadcount.objects.update_or_create(
        function=function, **place, defaults={"headcount": headcount, "updated_by": user}
    )
    return expected
