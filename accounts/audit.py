"""Writing the audit log, and the signal receivers that feed it from allauth and Django auth.

What is audited: staff log-ins; every change of a role (group), a permission given directly, or
the staff and superuser flags; coordinator and trainer assignments (courses.apps); MFA added
or removed; every export of other people's data (the report exports, a coordinator's learner
CSV, the register export; a person downloading their own data is not staff work and would
keep their address in the log after erasure); imports; certificate revocation and reissue;
erasure. Programme team and administrators read and filter it in the Wagtail admin
(accounts/wagtail_hooks.py).
"""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from accounts.mfa import user_sees_others_data
from accounts.models import AuditEvent, User
from elearning.current_user import get_current_user
from elearning.security import client_ip


def audit_record(
    *, actor, action: str, target: str = "", details: dict | None = None
) -> AuditEvent:
    """Append one event to the audit log. Never updates an earlier event."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=getattr(actor, "email", "") or "systeem",
        action=action,
        target=target[:300],
        details=details or {},
    )


def personal_data_export_record(*, actor, what: str, rows: int, details: dict | None = None):
    """Audit one export of personal data, handed out at once (CSV or JSON download)."""
    return audit_record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        target=what,
        details={"regels": rows, **(details or {})},
    )


@receiver(user_logged_in, dispatch_uid="audit.staff_login")
def _staff_logged_in(sender, request, user, **kwargs):
    if user_sees_others_data(user):
        audit_record(
            actor=user,
            action=AuditEvent.Action.STAFF_LOGIN,
            target=user.email,
            details={"ip": client_ip(request) if request else ""},
        )


def _m2m_audited(sender, instance, action, pk_set, reverse, model, kind: str):
    """One event per person whose roles (groups) or direct permissions changed.

    Either side may change the relation (user.groups.add(group) or group.user_set.add(user)),
    and clear() sends no pk_set, so what is about to be cleared is read before it goes.
    """
    if action == "pre_clear":
        related = instance.user_set if reverse else getattr(instance, kind)
        instance._audit_cleared = list(related.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set, action = set(getattr(instance, "_audit_cleared", [])), "post_remove"
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    if reverse:  # a group (or permission) gained or lost users
        people = list(User.objects.filter(pk__in=pk_set))
        names = [_label(instance)]
    else:
        people = [instance]
        names = sorted(_label(obj) for obj in model.objects.filter(pk__in=pk_set))
    for person in people:
        audit_record(
            actor=get_current_user(),
            action=AuditEvent.Action.ROLE_ADDED
            if action == "post_add"
            else AuditEvent.Action.ROLE_REMOVED,
            target=getattr(person, "email", str(person)),
            details={"rollen" if kind == "groups" else "rechten": names},
        )


def _label(obj) -> str:
    if hasattr(obj, "codename"):
        return f"{obj.content_type.app_label}.{obj.codename}"
    return obj.name


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit.role_change")
def _roles_changed(sender, instance, action, pk_set, reverse, model, **kwargs):
    _m2m_audited(sender, instance, action, pk_set, reverse, model, "groups")


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="audit.permission_change")
def _permissions_changed(sender, instance, action, pk_set, reverse, model, **kwargs):
    _m2m_audited(sender, instance, action, pk_set, reverse, model, "user_permissions")


@receiver(pre_save, sender=User, dispatch_uid="audit.staff_flags")
def _staff_flags_changed(sender, instance, update_fields=None, **kwargs):
    # is_staff and is_superuser are roles too (superuser: every permission).
    if update_fields is not None and not {"is_staff", "is_superuser"} & set(update_fields):
        return  # e.g. last_login on every log-in: no read
    if instance.pk is None:
        flags = {}
    else:
        flags = User.objects.filter(pk=instance.pk).values("is_staff", "is_superuser").first() or {}
    changed = {
        name: getattr(instance, name)
        for name in ("is_staff", "is_superuser")
        if getattr(instance, name) != flags.get(name, False)
    }
    if not changed:
        return
    for name, value in changed.items():
        audit_record(
            actor=get_current_user(),
            action=AuditEvent.Action.ROLE_ADDED if value else AuditEvent.Action.ROLE_REMOVED,
            target=instance.email,
            details={"rollen": [name]},
        )


@receiver(authenticator_added, dispatch_uid="audit.mfa_added")
def _mfa_added(sender, request, user, authenticator, **kwargs):
    audit_record(
        actor=user,
        action=AuditEvent.Action.MFA_ADDED,
        target=user.email,
        details={"soort": authenticator.type},
    )


@receiver(authenticator_removed, dispatch_uid="audit.mfa_removed")
def _mfa_removed(sender, request, user, authenticator, **kwargs):
    audit_record(
        actor=user,
        action=AuditEvent.Action.MFA_REMOVED,
        target=user.email,
        details={"soort": authenticator.type},
    )
