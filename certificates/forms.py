"""Forms for verification, registrations, revocation and the register export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.codes import CODE_LENGTH, normalise_code
from courses.models import CourseAccreditation


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verificatiecode"),
        max_length=40,
        help_text=_("De code staat onder op het certificaat, bijvoorbeeld ABCD-EFGH-JKMN-PQRS."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("Een verificatiecode bestaat uit %(n)d letters en cijfers."),
                params={"n": CODE_LENGTH},
            )
        return code


class ProfessionalRegistrationForm(forms.Form):
    register = forms.ChoiceField(label=_("Register"), choices=CourseAccreditation.Register.choices)
    registration_number = forms.CharField(label=_("Registratienummer"), max_length=60)

    def clean_registration_number(self):
        number = self.cleaned_data["registration_number"].strip()
        if not number:
            raise forms.ValidationError(_("Vul uw registratienummer in."))
        return number


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekken"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De reden is alleen zichtbaar voor beheerders, niet op de controlepagina."),
    )


class RegisterExportForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Cursus"), queryset=None, empty_label=None)
    register = forms.ChoiceField(
        label=_("Register"),
        required=False,
        choices=[("", _("Alle registers"))] + list(CourseAccreditation.Register.choices),
    )
    date_from = forms.DateField(
        label=_("Afgerond vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Afgerond tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return cleaned
