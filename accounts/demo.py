"""Demo accounts, one per role. Only created while DEBUG is on (never in production)."""

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Function, Municipality, Profession, User
from accounts.services import profile_get_or_create, profile_update

DEMO_PASSWORD = "Leerplatform-demo-2026"
# Staff must use MFA; the demo staff share this TOTP key so a newcomer can log in with
# `manage.py demo_totp` (prints the current code) or by adding the key to an authenticator app.
DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"

DEMO_ACCOUNTS = [
    # e-mail, first name, last name, role, profession slug, function slugs, organisation
    (
        "cursist@example.org",
        "Sanne",
        "de Vries",
        roles.LEARNER,
        "jeugdprofessional",
        ["professional-kinderen"],
        ("Jeugdzorg Utrecht", "jeugdzorg"),
    ),
    ("trainer@example.org", "Tarik", "Bouzid", roles.TRAINER, "overig", [], ("CoMensha", "overig")),
    (
        "coordinator@example.org",
        "Carla",
        "Jansen",
        roles.COORDINATOR,
        "beleidsmedewerker",
        [],
        ("Programmabureau Samen tegen mensenhandel", "overig"),
    ),
    (
        "vng@example.org",
        "Vera",
        "Nijhuis",
        roles.VNG,
        "beleidsmedewerker",
        [],
        ("Vereniging van Nederlandse Gemeenten", "gemeente"),
    ),
    (
        "programmateam@example.org",
        "Pieter",
        "Smit",
        roles.PROGRAMME_TEAM,
        "beleidsmedewerker",
        [],
        ("Ministerie van Justitie en Veiligheid", "overig"),
    ),
    (
        "beheerder@example.org",
        "Bram",
        "Admiraal",
        roles.ADMINISTRATOR,
        "overig",
        [],
        ("Programmabureau Samen tegen mensenhandel", "overig"),
    ),
]


def seed_demo_accounts() -> tuple[int, int]:
    """Create the demo accounts that are missing. Returns (created, already present)."""
    created = existing = 0
    utrecht = Municipality.objects.filter(cbs_code="GM0344").first()
    for email, first, last, role, profession, functions, organisation in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            existing += 1
            continue
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
        if role == roles.ADMINISTRATOR:
            user.is_superuser = True
            user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        user.groups.add(Group.objects.get(name=role))
        if role != roles.LEARNER:
            TOTP.activate(user, DEMO_TOTP_SECRET)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        profile_get_or_create(user=user)
        if utrecht is not None:
            profile_update(
                user=user,
                organisation_name=organisation[0],
                organisation_kind=organisation[1],
                profession=Profession.objects.get(slug=profession),
                functions=list(Function.objects.filter(slug__in=functions)),
                municipality=utrecht,
            )
        created += 1
    return created, existing
