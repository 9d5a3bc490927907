"""Django admin (/django-beheer/) for the facts of learning: for looking, rarely for changing.

Progress, attempts and completions are written by the services only, so they are read-only
here; enrolments and sessions may be corrected by an administrator.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from courses.models import (
    ClassroomSession,
    Enrolment,
    Invitation,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from courses.services import session_save


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "status", "source", "requested_at", "enrolled_at"]
    list_filter = ["status", "source"]
    search_fields = ["user__email", "course__title"]
    raw_id_fields = ["user", "course", "decided_by", "last_page"]
    list_select_related = ["user", "course"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "course", "created_at", "email_sent_at", "accepted_at"]
    search_fields = ["email"]
    list_select_related = ["course"]


@admin.register(LessonProgress)
class LessonProgressAdmin(ReadOnlyAdmin):
    list_display = ["user", "lesson", "course", "started_at", "completed_at"]
    search_fields = ["user__email"]
    list_select_related = ["user", "lesson", "course"]


@admin.register(ToetsAttempt)
class ToetsAttemptAdmin(ReadOnlyAdmin):
    list_display = ["user", "toets", "number", "score_percent", "passed", "submitted_at"]
    list_filter = ["passed"]
    search_fields = ["user__email"]
    list_select_related = ["user", "toets"]


class RegistrationInline(admin.TabularInline):
    """Registrations are shown, not edited: seats, the waiting list and attendance have rules
    (courses.services.session_register, session_cancel, attendance_mark) that an edit here
    would bypass."""

    model = SessionRegistration
    extra = 0
    fields = ["user", "status", "attendance", "attendance_marked_at", "attendance_marked_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClassroomSessionForm(forms.ModelForm):
    class Meta:
        model = ClassroomSession
        fields = [
            "course",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "capacity",
            "trainer",
        ]

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if (
            instance.pk is not None
            and "starts_at" in self.changed_data
            and instance.registrations.exclude(
                attendance=SessionRegistration.Attendance.UNKNOWN
            ).exists()
        ):
            raise forms.ValidationError(
                _(
                    "Voor deze bijeenkomst is al aanwezigheid geregistreerd; de begintijd kan "
                    "niet meer worden gewijzigd."
                )
            )
        return cleaned


@admin.register(ClassroomSession)
class ClassroomSessionAdmin(admin.ModelAdmin):
    form = ClassroomSessionForm
    list_display = ["__str__", "course", "starts_at", "capacity", "trainer"]
    list_filter = ["course"]
    raw_id_fields = ["course", "trainer"]
    inlines = [RegistrationInline]
    list_select_related = ["course", "trainer"]

    def save_model(self, request, obj, form, change):
        # Through the one writer of sessions, so a raised capacity promotes the waiting list.
        session_save(session=obj, changed_by=request.user)
