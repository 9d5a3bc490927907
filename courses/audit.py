"""Audit of who may see which learners: coordinator assignments and session trainers.

Receivers on the models rather than calls in the services, so an assignment written any way
(the admin viewset, a seed, a shell, a cascade) is on record: that is the promise the audit log
makes. Connected in courses.apps.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from accounts.audit import audit_record
from accounts.models import AuditEvent, User
from courses.models import ClassroomSession, CourseCoordinator
from elearning.current_user import get_current_user


def _assignment_saved(sender, instance: CourseCoordinator, created: bool, **kwargs):
    if created:
        _record(AuditEvent.Action.ASSIGNMENT_ADDED, instance.user_id, instance.course_id, "")


def _assignment_deleted(sender, instance: CourseCoordinator, **kwargs):
    _record(AuditEvent.Action.ASSIGNMENT_REMOVED, instance.user_id, instance.course_id, "")


def _session_saving(sender, instance: ClassroomSession, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "trainer" not in update_fields):
        return
    before = None
    if instance.pk is not None:
        before = (
            ClassroomSession.objects.filter(pk=instance.pk)
            .values_list("trainer_id", flat=True)
            .first()
        )
    if before == instance.trainer_id:
        return
    session = str(instance.uuid)
    if before is not None:
        _record(AuditEvent.Action.ASSIGNMENT_REMOVED, before, instance.course_id, session)
    if instance.trainer_id is not None:
        _record(
            AuditEvent.Action.ASSIGNMENT_ADDED, instance.trainer_id, instance.course_id, session
        )


def _record(action: str, user_id: int | None, course_id: int | None, session: str) -> None:
    user = User.objects.filter(pk=user_id).only("email").first()
    details = {"soort": "trainer" if session else "coördinator", "cursus_id": course_id}
    if session:
        details["bijeenkomst"] = session
    audit_record(
        actor=get_current_user(),
        action=action,
        target=user.email if user else f"gebruiker:{user_id}",
        details=details,
    )


def audit_signals_connect() -> None:
    post_save.connect(_assignment_saved, sender=CourseCoordinator, dispatch_uid="audit.assign")
    post_delete.connect(
        _assignment_deleted, sender=CourseCoordinator, dispatch_uid="audit.unassign"
    )
    pre_save.connect(_session_saving, sender=ClassroomSession, dispatch_uid="audit.trainer")
