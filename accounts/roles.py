"""Roles as groups with permissions. The list below is the single source of truth.

Object-level scope (which courses a coordinator manages, which sessions a trainer runs) is
checked separately by the visibility querysets; a group only opens the door to a kind of page.
"""

from django.contrib.auth.models import Group, Permission

LEARNER = "Cursisten"
TRAINER = "Trainers"
COORDINATOR = "Cursuscoördinatoren"
VNG = "VNG"
PROGRAMME_TEAM = "Programmateam"
ADMINISTRATOR = "Beheerders"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    LEARNER: [],
    TRAINER: ["courses.mark_attendance"],
    COORDINATOR: [
        "wagtailadmin.access_admin",
        "courses.coordinate_courses",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailmedia.add_media",
        "wagtailmedia.change_media",
    ],
    VNG: [
        "reporting.view_vng_dashboard",
        "reporting.view_expectedheadcount",
        "reporting.change_expectedheadcount",
    ],
    PROGRAMME_TEAM: [
        "wagtailadmin.access_admin",
        "reporting.view_programme_dashboard",
        "reporting.view_vng_dashboard",
        "reporting.export_reports",
        "reporting.import_completions",
        "reporting.add_target",
        "reporting.change_target",
        "reporting.view_target",
        "reporting.view_expectedheadcount",
        "reporting.change_expectedheadcount",
        "accounts.view_auditevent",
        # The programme team owns the evaluation: the effect measurement of every course, its
        # item bank and the aims the report is held against.
        "effect.add_effectmeasurement",
        "effect.change_effectmeasurement",
        "effect.view_effectmeasurement",
        "effect.add_item",
        "effect.change_item",
        "effect.view_item",
        "effect.change_effectaims",
    ],
    ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "accounts.view_auditevent",
        "reporting.view_programme_dashboard",
        "reporting.view_vng_dashboard",
        "reporting.export_reports",
        "reporting.import_completions",
        "courses.coordinate_courses",
        "courses.manage_all_courses",
        "courses.mark_attendance",
        "certificates.revoke_certificate",
    ],
}
STAFF_ROLES = [TRAINER, COORDINATOR, VNG, PROGRAMME_TEAM, ADMINISTRATOR]


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def roles_sync() -> None:
    """Create every role group and give it exactly its permissions. Idempotent."""
    for name, dotted_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [p for p in (_permission(d) for d in dotted_names) if p is not None]
        group.permissions.set(permissions)
