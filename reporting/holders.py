"""The registered holders of a coverage target's function, and which of them are trained.

A coverage report needs, per municipality, how many holders there are (and how many started
one of the target's courses), and which of them are trained. Holders are many (every
ketenregisseur and aandachtsfunctionaris who signed up), the trained among them few. The
holders are read in one query and kept in the shared cache for at most five minutes, as the
report pages say ("wie zich net inschreef of van functie wisselde, staat er binnen vijf minuten
in"): after two minutes a background task reads them again while the kept ones are still
shown, so a report is not held up by it. Who is trained comes from the standings on every
computation: a completion counts at once. Combining the two follows the trained people and the
links, not the registered holders.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from celery import shared_task
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q

from accounts.models import Profile, User
from courses.models import Enrolment, SessionRegistration
from elearning.versions import version_bump, version_current, version_signals_connect
from reporting.counted import Scope, day_start, first_completions
from reporting.links import links_on
from reporting.models import Target
from reporting.standings import standings_people

logger = logging.getLogger(__name__)

# Moves when a profile, its functions or an account's being active change: kept holders are
# then read again at once. Enrolments (who started) only age out, as the pages say.
HOLDERS_VERSION_KEY = "functiehouders:versie"
# Kept holders are shown for at most this long (the pages promise five minutes) ...
HOLDERS_KEPT_SECONDS = 300
# ... and read again in the background once they are this old.
HOLDERS_FRESH_SECONDS = 120


@dataclass(frozen=True)
class HolderRow:
    """One holder who can move a figure: trained, or under a linked address."""

    person_key: str  # the key they count as on the reference date
    municipality_id: int | None
    started: bool
    trained_at: int | None  # municipality of their counted completion (0 unknown); None: not


@dataclass
class Holders:
    # Holders (accounts) per municipality and whether they started; every holder is in here.
    per_municipality: Counter = field(default_factory=Counter)
    # The holders who can move a figure, one by one (see HolderRow).
    rows: list[HolderRow] = field(default_factory=list)
    # Every key in a link on the reference date (alias or person): holders under these keys
    # may be one person with several accounts.
    linked_keys: frozenset = frozenset()

    def people_per_region(self, region_of: dict[int, int]) -> dict[int, int]:
        """Distinct people (the keys holders count as) registered per region."""
        people: Counter = Counter()
        for (municipality_id, _started), n in self.per_municipality.items():
            region_id = region_of.get(municipality_id)
            if region_id is not None:
                people[region_id] += n
        # A linked address and the person it is linked to are one person: per region, the
        # linked holders count once per key they count as instead of once per account.
        keys: dict[int, set] = {}
        for row in self.rows:
            region_id = region_of.get(row.municipality_id)
            if region_id is not None and row.person_key in self.linked_keys:
                people[region_id] -= 1
                keys.setdefault(region_id, set()).add(row.person_key)
        for region_id, distinct in keys.items():
            people[region_id] += len(distinct)
        return {region_id: n for region_id, n in people.items() if n}

    def trained_per_region(self, region_of: dict[int, int]) -> dict[int, dict[str, int]]:
        """Per region the trained people registered there: key → where they were trained."""
        trained: dict[int, dict[str, int]] = {}
        for row in self.rows:
            region_id = region_of.get(row.municipality_id)
            if region_id is not None and row.trained_at is not None:
                trained.setdefault(region_id, {})[row.person_key] = row.trained_at
        return trained


@dataclass(frozen=True)
class Registered:
    """The holders as read at `taken_at` (plain data: it is kept in the shared cache)."""

    taken_at: float
    # Own person key → (municipality id, started one of the target's courses).
    by_key: dict
    # (municipality id, started) → holders.
    per_municipality: dict


def _started_expression(target: Target, scope: Scope):
    """Whether a holder enrolled in, or registered for a session of, the target's courses by
    the end of the reference date (an expression on User rows)."""
    known_by = day_start(scope.as_of + timedelta(days=1))
    enrolled = Enrolment.objects.filter(
        user=OuterRef("pk"),
        course__code__in=target.course_codes,
        status=Enrolment.Status.ACTIVE,
        enrolled_at__lt=known_by,
    )
    registered = SessionRegistration.objects.filter(
        user=OuterRef("pk"),
        session__course__code__in=target.course_codes,
        registered_at__lt=known_by,
    ).filter(Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=known_by))
    return Exists(enrolled) | Exists(registered)


def trained_people(target: Target, scope: Scope) -> dict[str, int]:
    """Every person the target counts in `scope`: key → municipality of the counted completion
    (0 if not known). From the standings for the target's own period, else the completions."""
    if scope.start is None and scope.end is None:
        return {key: m or 0 for key, m in standings_people(target, scope.as_of).items()}
    return {
        key: first.municipality_id or 0 for key, first in first_completions(target, scope).items()
    }


def _registered_read(target: Target, as_of: date) -> Registered:
    """Every registered holder with where they are and whether they started (one query)."""
    rows = (
        User.objects.filter(is_active=True, profile__functions=target.function_id)
        .annotate(started=_started_expression(target, Scope(as_of=as_of)))
        .values_list("person_key", "profile__municipality_id", "started")
    )
    by_key, per_municipality = {}, Counter()
    for key, municipality_id, started in rows:
        by_key[key] = (municipality_id, started)
        per_municipality[municipality_id, started] += 1
    return Registered(taken_at=time.time(), by_key=by_key, per_municipality=dict(per_municipality))


def _registered_key(target: Target, as_of: date) -> str:
    # What the holders depend on besides time: the function and the courses, both editable.
    rule = hashlib.blake2b(
        f"{target.function_id}:{sorted(target.course_codes)}".encode(), digest_size=6
    ).hexdigest()
    version = version_current(HOLDERS_VERSION_KEY)
    return f"functiehouders:{version}:{target.pk}:{rule}:{as_of.isoformat()}"


def holders_changed(sender=None, update_fields=None, **_signal_kwargs) -> None:
    """Kept holders are stale, unless only an account's log-in moment or the like changed."""
    if sender is User and update_fields is not None and "is_active" not in update_fields:
        return
    version_bump(HOLDERS_VERSION_KEY)


def holders_signals_connect() -> None:
    version_signals_connect(
        holders_changed,
        name="functiehouders",
        models=(User, Profile),
        through_models=(Profile.functions.through,),
    )


def registered_refresh(target: Target, as_of: date) -> Registered:
    registered = _registered_read(target, as_of)
    cache.set(_registered_key(target, as_of), registered, HOLDERS_KEPT_SECONDS)
    return registered


@shared_task(ignore_result=True)
def holders_refresh_task(target_id: int, as_of: str) -> None:
    """Read a coverage target's registered holders again while the kept ones are shown. Not
    retried: a report that finds them too old reads them itself."""
    target = Target.objects.filter(pk=target_id).first()
    if target is not None:
        registered_refresh(target, date.fromisoformat(as_of))


def registered_holders(target: Target, as_of: date) -> Registered:
    """The target function's registered holders, at most HOLDERS_KEPT_SECONDS old."""
    key = _registered_key(target, as_of)
    kept = cache.get(key)
    age = None if kept is None else time.time() - kept.taken_at
    if age is None or age >= HOLDERS_KEPT_SECONDS:
        return registered_refresh(target, as_of)
    if age >= HOLDERS_FRESH_SECONDS and cache.add(f"{key}:vernieuwen", 1, HOLDERS_FRESH_SECONDS):
        try:
            holders_refresh_task.delay(target.pk, as_of.isoformat())
        except Exception as exc:  # broker down: shown until too old, then read here
            logger.warning("Functiehouders niet op de achtergrond ververst: %s", exc)
    return kept


def holders(target: Target, scope: Scope) -> Holders:
    """The target function's registered holders (active, with the function in their profile):
    counted per municipality, and one by one those who are trained or linked."""
    registered = registered_holders(target, scope.as_of)
    linked = links_on(scope.as_of)
    trained = trained_people(target, scope)
    involved = set(linked) | set(linked.values())
    result = Holders(
        per_municipality=Counter(registered.per_municipality), linked_keys=frozenset(involved)
    )
    # Whoever could count as a trained person: their own key, or a key linked to it.
    own_keys = set(trained) | involved
    for own_key in own_keys:
        found = registered.by_key.get(own_key)
        if found is not None:
            key = linked.get(own_key, own_key)
            result.rows.append(HolderRow(key, *found, trained_at=trained.get(key)))
    return result
