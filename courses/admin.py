"""Django admin (/django-beheer/) for the facts of learning: for looking, rarely for changing.

Progress, attempts and completions are written by the services only, so they are read-only
here; enrolments and sessions may be corrected by an administrator.
"""

from django.contrib import admin

from courses.models import (
    ClassroomSession,
    Enrolment,
    Invitation,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)


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
    model = SessionRegistration
    extra = 0
    raw_id_fields = ["user", "attendance_marked_by"]
    readonly_fields = ["registered_at", "reminder_sent_at"]


@admin.register(ClassroomSession)
class ClassroomSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "course", "starts_at", "capacity", "trainer"]
    list_filter = ["course"]
    raw_id_fields = ["course", "trainer"]
    inlines = [RegistrationInline]
    list_select_related = ["course", "trainer"]
