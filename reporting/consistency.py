"""The check on the precomputed standings: every target against an independent count.

For each target and reference date, the standings' figures (reporting.standings) are compared
with the same figures counted straight from the completions, and the total with a plain SQL
count of distinct people. Whatever differs is listed in Dutch, and with `repair` the target's
standings are rebuilt from the completions and checked again. A difference means a write went
around the writer (a raw UPDATE, a restore); the daily sweep repairs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from reporting.counters import Scope, _marginals_from_completions, trained_count
from reporting.models import Target
from reporting.standings import standings_marginals, standings_rebuild, standings_settle

BREAKDOWNS = {
    "per_day": "per dag",
    "per_municipality": "per gemeente",
    "per_kind": "per soort organisatie",
    "per_profession": "per beroepsgroep",
}


@dataclass
class TargetCheck:
    target: Target
    as_of: date
    differences: list[str] = field(default_factory=list)
    repaired: bool = False


def _differences(target: Target, as_of: date) -> list[str]:
    scope = Scope(as_of=as_of)
    kept = standings_marginals(target, as_of)
    counted = _marginals_from_completions(target, scope)
    independent = trained_count(target, scope)
    found = []
    total = sum(kept.per_day.values())
    if total != independent:
        found.append(f"aantal: telstand {total}, onafhankelijke telling {independent}")
    for name, label in BREAKDOWNS.items():
        mine, theirs = getattr(kept, name), getattr(counted, name)
        for key in sorted(set(mine) | set(theirs), key=str):
            if mine.get(key, 0) != theirs.get(key, 0):
                found.append(
                    f"{label} {key}: telstand {mine.get(key, 0)}, telling {theirs.get(key, 0)}"
                )
    return found


def standings_check(*, as_of: date | None = None, repair: bool = False) -> list[TargetCheck]:
    """Compare every target's standings with the completions as of `as_of` (default today);
    with `repair`, rebuild the targets that differ. Idempotent. Returns one check per target."""
    as_of = as_of or timezone.localdate()
    standings_settle()  # what is due is not a difference: it is settled as any reader does
    checks = []
    for target in Target.objects.order_by("slug"):
        check = TargetCheck(target=target, as_of=as_of, differences=_differences(target, as_of))
        if check.differences and repair:
            standings_rebuild(targets=[target])
            check.repaired = not _differences(target, as_of)
        checks.append(check)
    return checks
