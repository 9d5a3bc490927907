"""Writing the audit log, and the signal receivers that feed it from allauth and Django auth."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from accounts.models import AuditEvent, User


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


@receiver(user_logged_in, dispatch_uid="audit.staff_login")
def _staff_logged_in(sender, request, user, **kwargs):
    from accounts.mfa import user_has_staff_role

    if user_has_staff_role(user):
        audit_record(
            actor=user,
            action=AuditEvent.Action.STAFF_LOGIN,
            target=user.email,
            details={"ip": request.META.get("REMOTE_ADDR", "") if request else ""},
        )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit.role_change")
def _roles_changed(sender, instance, action, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    from django.contrib.auth.models import Group

    from elearning.current_user import get_current_user

    names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    audit_record(
        actor=get_current_user(),
        action=AuditEvent.Action.ROLE_ADDED
        if action == "post_add"
        else AuditEvent.Action.ROLE_REMOVED,
        target=getattr(instance, "email", str(instance)),
        details={"rollen": names},
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
