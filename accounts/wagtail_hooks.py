"""The audit log in the Wagtail admin: read and filtered by the programme team and
administrators (permission accounts.view_auditevent), never changed by anyone."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import AuditEvent


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing as the model permission says; adding, changing and deleting for nobody, not
    even a superuser (the log is append-only, written by the application alone)."""

    WRITES = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.WRITES and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.WRITES])


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(
        label=_("Handeling"),
        choices=AuditEvent.Action.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    at = django_filters.DateFromToRangeFilter(label=_("Tijdstip"), widget=DateRangePickerWidget)
    actor_label = django_filters.CharFilter(label=_("Door"), lookup_expr="icontains")
    target = django_filters.CharFilter(label=_("Waarop"), lookup_expr="icontains")

    class Meta:
        model = AuditEvent
        fields = ["action", "at", "actor_label", "target"]


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Auditlog")
    add_to_settings_menu = True
    list_display = ["at", "actor_label", "action", "target"]
    filterset_class = AuditEventFilterSet
    search_fields = ["actor_label", "target"]
    search_backend_name = None  # plain database lookups: the log is not in the search index
    ordering = ["-at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["action"]  # never shown: nobody may add or change (ReadOnlyPermissionPolicy)


register_permission_policy(AuditEvent, ReadOnlyPermissionPolicy(AuditEvent), exact_class=True)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEventViewSet("auditlog")
