"""The outbox in the Django admin: what is still pending, read-only, for whoever runs it."""

from django.contrib import admin

from elearning.models import OutboxEntry


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    list_display = ["key", "task", "created_at", "attempts", "enqueued_at", "done_at"]
    list_filter = [("done_at", admin.EmptyFieldListFilter), "task"]
    search_fields = ["key"]
    ordering = ["-created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
