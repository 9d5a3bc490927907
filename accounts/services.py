"""Writes about people: the profile."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Function, Municipality, Organisation, Profession, Profile, User


def profile_get_or_create(*, user: User) -> Profile:
    """The person's profile, created empty on first use. Idempotent."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return Profile.objects.create(user=user)
    except IntegrityError:
        return Profile.objects.get(user=user)


def organisation_get_or_create(*, name: str, kind: str, municipality=None) -> Organisation:
    """The organisation with this name and kind, matched regardless of case. Idempotent."""
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(name__iexact=name, kind=kind).first()
    if organisation is not None:
        return organisation
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, kind=kind, municipality=municipality)
    except IntegrityError:
        return Organisation.objects.get(name__iexact=name, kind=kind)


@transaction.atomic
def profile_update(
    *,
    user: User,
    organisation_name: str,
    organisation_kind: str,
    profession: Profession,
    functions: list[Function],
    municipality: Municipality,
) -> Profile:
    """Store what the reports need about a person and mark the profile complete."""
    profile = profile_get_or_create(user=user)
    profile.organisation = organisation_get_or_create(
        name=organisation_name, kind=organisation_kind, municipality=municipality
    )
    profile.profession = profession
    profile.municipality = municipality
    if profile.completed_at is None:
        profile.completed_at = timezone.now()
    profile.full_clean()
    profile.save()
    profile.functions.set(functions)
    return profile
