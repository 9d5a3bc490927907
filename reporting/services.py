"""Writes of the reports that people make: expected headcounts."""

from django.db import transaction

from courses.completion import completions_changed
from reporting.models import ExpectedHeadcount


@transaction.atomic
def expected_headcount_set(*, function, region=None, municipality=None, headcount, user):
    """Set (or, with headcount None, clear) the expected holders of `function` in one place."""
    # Coverage figures are cached under the completions version: a new expected number must
    # show on the next read, as a new completion does.
    completions_changed()
    place = {"region": region} if region is not None else {"municipality": municipality}
    if headcount is None:
        ExpectedHeadcount.objects.filter(function=function, **place).delete()
        return None
    expected, _created = ExpectedHeadcount.objects.update_or_create(
        function=function, **place, defaults={"headcount": headcount, "updated_by": user}
    )
    return expected
