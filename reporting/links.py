"""One person with two addresses: linking person keys, and what the counters read of links.

A link says that from `linked_on` (until `unlinked_on`) the completions of `alias_key` are the
person of `person_key`'s. On a reference date the link holds, the two keys are one person for
every counter; on the dates before (and after an unlink) they are two, as they were known
then. So a link moves every figure as of its day and later by exactly the completions the two
keys have in common, and leaves every earlier figure as it was published.

Links are made by the programme team (two addresses, or an account and an imported address)
or by a learner who confirmed both addresses on their account (allauth); both are audited,
both can be undone, and both refresh the standings of the people involved in the same
transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, person_key_for
from reporting.models import PersonLink

# [from, until): reference dates; None is open on that side.
Interval = tuple[date | None, date | None]


def _complement(taken: list[Interval]) -> list[Interval]:
    """The reference dates outside the spans `taken` (each with a start)."""
    free: list[Interval] = []
    cursor: date | None = None
    for index, (start, end) in enumerate(sorted(taken, key=lambda span: span[0])):
        if index == 0:
            free.append((None, start))
        elif start > cursor:
            free.append((cursor, start))
        if end is None:
            return free
        cursor = end if index == 0 or end > cursor else cursor
    free.append((cursor, None))
    return free


@dataclass
class Membership:
    """Whose completions make up each person, on which reference dates."""

    people: set[str]
    own: dict[str, list[Interval]] = field(default_factory=dict)
    aliases: dict[str, list[tuple[str, Interval]]] = field(default_factory=dict)

    @property
    def row_keys(self) -> set[str]:
        keys = set(self.people)
        for linked in self.aliases.values():
            keys.update(alias for alias, _span in linked)
        return keys

    def of(self, key: str) -> list[tuple[str, list[Interval]]]:
        members = [(key, self.own.get(key, [(None, None)]))]
        spans: dict[str, list[Interval]] = defaultdict(list)
        for alias, span in self.aliases.get(key, ()):
            spans[alias].append(span)
        members.extend(spans.items())
        return members


def _links(keys) -> list[tuple]:
    return list(
        PersonLink.objects.filter(Q(alias_key__in=keys) | Q(person_key__in=keys))
        .exclude(unlinked_on=F("linked_on"))  # undone on its own day: it never held
        .values_list("pk", "alias_key", "person_key", "linked_on", "unlinked_on")
    )


def membership(keys) -> Membership:
    """The people whose figures depend on the completions of `keys` (they themselves and the
    people they are or were linked to), with the spans in which each key's completions are
    whose (two queries at most)."""
    keys = set(keys)
    links = {row[0]: row for row in _links(keys)}
    people = keys | {row[2] for row in links.values() if row[1] in keys}
    extra = people - keys
    if extra:
        links.update({row[0]: row for row in _links(extra)})
    taken: dict[str, list[Interval]] = defaultdict(list)
    aliases: dict[str, list[tuple[str, Interval]]] = defaultdict(list)
    for _pk, alias, person, linked_on, unlinked_on in links.values():
        taken[alias].append((linked_on, unlinked_on))
        aliases[person].append((alias, (linked_on, unlinked_on)))
    return Membership(
        people=people,
        own={key: _complement(spans) for key, spans in taken.items()},
        aliases=dict(aliases),
    )


def links_on(day: date) -> dict[str, str]:
    """Which key counts as which person on `day`: alias key → person key (one query)."""
    return dict(
        PersonLink.objects.filter(linked_on__lte=day)
        .filter(Q(unlinked_on__isnull=True) | Q(unlinked_on__gt=day))
        .values_list("alias_key", "person_key")
    )


def granted_functions() -> dict[str, int]:
    """Course code → the function completing that course grants (one query).

    Completing such a course adds the function to the person's profile after the completion's
    own snapshot of their functions was taken; the course still counts for that function.
    """
    from courses.models import CoursePage

    return dict(
        CoursePage.objects.filter(grants_function__isnull=False).values_list(
            "code", "grants_function_id"
        )
    )


def _refresh(keys) -> None:
    from courses.completion import completions_changed

    # The standings of both people move in this transaction; cached reports follow the
    # completions version, which this bumps after commit.
    completions_changed(person_keys=list(keys))


def person_link(
    *, address: str, person_address: str = "", person_key: str = "", by, via: str, reason: str = ""
) -> PersonLink:
    """Link the person of `address` (an account or an imported address) to the person of
    `person_address` (or `person_key`) from today on. Audited; refreshes both people's
    standings. Raises ValidationError (Dutch) when the link cannot be made, changing nothing.
    """
    alias_key = person_key_for(address)
    person_key = person_key or person_key_for(person_address)
    today = timezone.localdate()
    with transaction.atomic():
        # Link to whoever the other address already counts as, so links never chain.
        current = PersonLink.objects.filter(alias_key=person_key, unlinked_on__isnull=True).first()
        if current is not None:
            person_key = current.person_key
        if alias_key == person_key:
            raise ValidationError(_("Deze adressen horen al bij één persoon."))
        if PersonLink.objects.filter(alias_key=alias_key, unlinked_on__isnull=True).exists():
            raise ValidationError(
                _("Dit adres is al aan een persoon gekoppeld; ontkoppel het eerst.")
            )
        if PersonLink.objects.filter(person_key=alias_key, unlinked_on__isnull=True).exists():
            raise ValidationError(
                _(
                    "Aan dit adres zijn al andere adressen gekoppeld; koppel het andere adres "
                    "aan dit adres in plaats van andersom."
                )
            )
        link = PersonLink.objects.create(
            alias_key=alias_key,
            person_key=person_key,
            linked_on=today,
            via=via,
            linked_by=by if by is not None and by.pk else None,
            reason=(reason or "").strip()[:300],
        )
        audit_record(
            actor=by,
            action=AuditEvent.Action.PERSON_LINKED,
            target=f"koppeling {link.pk}",
            details={"via": via, "gekoppeld_op": today.isoformat(), "reden": link.reason},
        )
        _refresh([alias_key, person_key])
    return link


def person_unlink(*, link: PersonLink, by) -> PersonLink:
    """End a link from today on (a link undone on its own day never held). Idempotent:
    ending an ended link changes nothing. Audited; refreshes both people's standings."""
    with transaction.atomic():
        link = PersonLink.objects.select_for_update().get(pk=link.pk)
        if link.unlinked_on is not None:
            return link
        link.unlinked_on = timezone.localdate()
        link.unlinked_by = by if by is not None and by.pk else None
        link.save(update_fields=["unlinked_on", "unlinked_by"])
        audit_record(
            actor=by,
            action=AuditEvent.Action.PERSON_UNLINKED,
            target=f"koppeling {link.pk}",
            details={"ontkoppeld_op": link.unlinked_on.isoformat()},
        )
        _refresh([link.alias_key, link.person_key])
    return link
