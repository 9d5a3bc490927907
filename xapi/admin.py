"""Partners, their mappings and the dead-letter list in the Django admin (/django-beheer/)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from xapi.models import ActivityMapping, DeadLetter, Partner, Statement
from xapi.services import statements_replay


class PartnerForm(forms.ModelForm):
    new_password = forms.CharField(
        label=_("nieuw wachtwoord (xAPI)"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leeg laten om het huidige wachtwoord te houden."),
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "code",
            "username",
            "active",
            "completion_verbs",
            "lrs_endpoint",
            "lrs_username",
            "lrs_password",
            "pull_enabled",
        ]

    def save(self, commit=True):
        partner = super().save(commit=False)
        if self.cleaned_data.get("new_password"):
            partner.set_password(self.cleaned_data["new_password"])
        if commit:
            partner.save()
        return partner


class MappingInline(admin.TabularInline):
    model = ActivityMapping
    extra = 1


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    form = PartnerForm
    list_display = ["name", "code", "username", "active", "pull_enabled", "pulled_at"]
    inlines = [MappingInline]
    readonly_fields = ["pull_since", "pulled_at"]


class StatementAdminBase(admin.ModelAdmin):
    list_display = [
        "statement_id",
        "partner",
        "verb_id",
        "activity_id",
        "course_code",
        "status",
        "reason",
        "voided",
        "received_at",
    ]
    list_filter = ["partner", "status", "voided"]
    search_fields = ["statement_id", "activity_id", "course_code"]
    readonly_fields = [f.name for f in Statement._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Statement)
class StatementAdmin(StatementAdminBase):
    pass


@admin.register(DeadLetter)
class DeadLetterAdmin(StatementAdminBase):
    actions = ["replay"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Statement.Status.DEAD)

    @admin.action(description=_("Opnieuw verwerken (na het herstellen van een koppeling)"))
    def replay(self, request, queryset):
        replayed = statements_replay(statements=list(queryset))
        messages.success(
            request,
            _("%(n)s statement(s) verwerkt; wat nog niet toe te rekenen is, blijft staan.")
            % {"n": replayed},
        )
