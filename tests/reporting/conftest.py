"""Helpers for the report tests: targets and completions on chosen days."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from accounts.models import Function, Municipality, Profession, person_key_for
from courses.completion import completion_record
from reporting.models import Target
from reporting.standings import standings_refresh


def moment(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def record(email: str, code: str, day: date, *, recorded_on: date | None = None, **extra):
    """A completion of `code` by the person with `email` on `day` (recorded then, or later)."""
    from courses.models import Completion

    extra.setdefault("municipality", Municipality.objects.get(cbs_code="GM0344"))
    extra.setdefault("organisation_kind", "jeugdzorg")
    extra.setdefault("profession", Profession.objects.get(slug="jeugdprofessional"))
    completion = completion_record(
        person_key=person_key_for(email),
        course_code=code,
        course_title=code,
        completed_at=moment(day),
        source=extra.pop("source", Completion.Source.PLATFORM),
        **extra,
    ).completion
    Completion.objects.filter(pk=completion.pk).update(created_at=moment(recorded_on or day))
    # The recorded moment was rewritten behind the writer's back (a test can, the platform
    # cannot): the standings are told, as the repair (standings_check --repair) would.
    standings_refresh(person_keys=[completion.person_key])
    completion.refresh_from_db()
    return completion


def completed(email: str, day: date, code: str = "buit-basis") -> None:
    """A completion as a learner's request writes it: through the writer, nothing else (its
    person is noted as due; a report settles the standings)."""
    from courses.models import Completion

    completion_record(
        person_key=person_key_for(email),
        course_code=code,
        course_title=code,
        completed_at=moment(day),
        source=Completion.Source.PLATFORM,
    )


def number_target(slug="buit", codes=("buit-basis",), goal=100, **extra) -> Target:
    return Target.objects.create(
        slug=slug,
        title=extra.pop("title", f"Doel {slug}"),
        course_codes=list(codes),
        mode=Target.Mode.NUMBER,
        target_number=goal,
        period_start=extra.pop("period_start", date(2025, 1, 1)),
        deadline=extra.pop("deadline", date(2026, 12, 31)),
        **extra,
    )


def coverage_target(slug="ketenregisseurs", codes=("basistraining-ketenregisseur",), **extra):
    return Target.objects.create(
        slug=slug,
        title=extra.pop("title", "Alle ketenregisseurs"),
        course_codes=list(codes),
        mode=Target.Mode.COVERAGE,
        function=Function.objects.get(slug=extra.pop("function", "ketenregisseur")),
        period_start=extra.pop("period_start", date(2026, 1, 1)),
        deadline=extra.pop("deadline", date(2026, 12, 31)),
        **extra,
    )


@pytest.fixture
def today():
    return timezone.localdate()
