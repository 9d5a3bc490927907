"""Django admin for certificates: read-mostly, because issuing and revoking go through services."""

from django.contrib import admin

from certificates.models import Certificate, ProfessionalRegistration


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "holder_name",
        "course_title",
        "issued_at",
        "valid_until",
        "replaced_at",
    ]
    list_filter = ["issued_at"]
    search_fields = ["code", "holder_name", "course_title"]
    list_select_related = ["completion"]
    readonly_fields = [
        "uuid",
        "completion",
        "code",
        "issued_at",
        "valid_until",
        "holder_name",
        "holder_short_name",
        "course_title",
        "study_time_minutes",
        "accreditations",
        "registrations",
        "pdf",
        "pdf_rendered_at",
        "replaced_at",
        "replaced_by",
        "reminder_sent_at",
    ]

    def has_add_permission(self, request):
        return False  # a certificate exists only because a completion issued it

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProfessionalRegistration)
class ProfessionalRegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "register", "registration_number", "updated_at"]
    list_filter = ["register"]
    search_fields = ["user__email", "registration_number"]
    raw_id_fields = ["user"]
