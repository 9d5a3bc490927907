"""Forms of the reports: the target editor, expected headcounts and the report filters."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import Function, Municipality, Region
from reporting.counters import Scope
from reporting.models import ExportRequest, Target

CODE = re.compile(r"^[-a-z0-9_]+$")


class TargetForm(WagtailAdminModelForm):
    """Target editor: course codes typed as a list, checked against the target's mode."""

    course_codes = forms.CharField(
        label=_("Cursuscodes"),
        help_text=_(
            "Codes van platformcursussen en van externe cursussen uit imports, gescheiden door "
            "komma's of regels, bijvoorbeeld: buit-basis, buit-extern."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Target
        fields = [
            "slug",
            "title",
            "description",
            "mode",
            "target_number",
            "function",
            "profession",
            "course_codes",
            "period_start",
            "deadline",
            "refreshers_count",
            "public",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and isinstance(self.instance.course_codes, list):
            self.initial["course_codes"] = ", ".join(self.instance.course_codes)

    def clean_course_codes(self) -> list[str]:
        codes = [c.strip().lower() for c in re.split(r"[,;\s]+", self.cleaned_data["course_codes"])]
        codes = list(dict.fromkeys(c for c in codes if c))
        if not codes:
            raise forms.ValidationError(_("Noem minstens één cursuscode."))
        wrong = [c for c in codes if not CODE.match(c)]
        if wrong:
            raise forms.ValidationError(
                _("Geen geldige cursuscode: %(codes)s. Gebruik kleine letters, cijfers en -.")
                % {"codes": ", ".join(wrong)}
            )
        return codes

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("mode")
        if mode == Target.Mode.NUMBER and not cleaned.get("target_number"):
            self.add_error("target_number", _("Een doel met een aantal heeft een doelaantal."))
        if mode == Target.Mode.COVERAGE and not cleaned.get("function"):
            self.add_error("function", _("Een dekkingsdoel noemt de functie die gedekt moet zijn."))
        start, deadline = cleaned.get("period_start"), cleaned.get("deadline")
        if start and deadline and deadline < start:
            self.add_error("deadline", _("De deadline ligt voor het begin van de periode."))
        return cleaned


class ReportFilterForm(forms.Form):
    """Reference date (peildatum) and an optional period within the target's own period."""

    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("De stand zoals die op deze dag bekend was."),
    )
    vanaf = forms.DateField(
        label=_("Afgerond vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Afgerond tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The date picker offers no day after today; the server refuses one all the same.
        self.fields["peildatum"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        if cleaned.get("peildatum") and cleaned["peildatum"] > today:
            self.add_error("peildatum", _("Een peildatum ligt niet in de toekomst."))
        if cleaned.get("vanaf") and cleaned.get("tot") and cleaned["tot"] < cleaned["vanaf"]:
            self.add_error("tot", _("Het einde van de periode ligt voor het begin."))
        return cleaned

    def as_of(self) -> date:
        data = getattr(self, "cleaned_data", {}) if self.is_valid() else {}
        return data.get("peildatum") or timezone.localdate()

    def period(self) -> tuple[date | None, date | None]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("vanaf"), data.get("tot")

    @classmethod
    def for_request(cls, request) -> tuple["ReportFilterForm", Scope]:
        """The filter form as a report page was asked for, and the scope its figures take."""
        form = cls(request.GET or None)
        start, end = form.period()
        return form, Scope(as_of=form.as_of(), start=start, end=end)


class ExportForm(forms.Form):
    table = forms.ChoiceField(choices=())
    format = forms.ChoiceField(choices=ExportRequest.Format.choices)

    def __init__(self, *args, **kwargs):
        from reporting.tables import TABLES

        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [(slug, spec.title) for slug, spec in TABLES.items()]


class HeadcountForm(forms.Form):
    """The expected number of holders of a function in one region or one municipality."""

    function = forms.ModelChoiceField(
        label=_("Functie"),
        queryset=Function.objects.filter(
            slug__in=["ketenregisseur", "aandachtsfunctionaris", "zorgcoordinator"]
        ).order_by("name"),
    )
    region = forms.ModelChoiceField(
        label=_("RIEC-regio"),
        required=False,
        queryset=Region.objects.filter(kind__slug="riec").order_by("name"),
        help_text=_("Kies een regio of een gemeente."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        required=False,
        queryset=Municipality.objects.order_by("name"),
    )
    headcount = forms.IntegerField(
        label=_("Verwacht aantal"),
        required=False,
        min_value=0,
        max_value=10000,
        help_text=_("Laat leeg om het vastgestelde aantal te wissen."),
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("municipality")) == bool(cleaned.get("region")):
            raise forms.ValidationError(_("Kies een regio of een gemeente, niet allebei."))
        return cleaned


class PersonLinkForm(forms.Form):
    """Two addresses of one person, as the programme team links them."""

    address = forms.EmailField(
        label=_("Adres dat wordt gekoppeld"),
        help_text=_("Bijvoorbeeld het privé-adres, of het adres uit een import."),
    )
    person_address = forms.EmailField(
        label=_("Adres van de persoon"), help_text=_("Het adres waaronder de persoon telt.")
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_("Waaruit blijkt dat het één persoon is (bijvoorbeeld: bevestigd per e-mail)."),
    )

    def clean(self):
        cleaned = super().clean()
        address, person = cleaned.get("address"), cleaned.get("person_address")
        if address and person and address.strip().lower() == person.strip().lower():
            raise forms.ValidationError(_("Vul twee verschillende adressen in."))
        return cleaned
