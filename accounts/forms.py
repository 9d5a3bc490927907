"""Forms for sign-up and the profile."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.models import Function, Organisation, Profession, Profile
from accounts.municipalities import municipality_resolve, suggestions


class MunicipalityInput(forms.TextInput):
    """A text input with the municipalities as suggestions (<datalist>): searchable in the
    browser, usable without JavaScript; the server resolves what was typed."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "list": f"{(attrs or {}).get('id', name)}-lijst"}
        attrs.setdefault("autocomplete", "off")
        field = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((n,) for n in suggestions())
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, attrs["list"], options)


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    field_order = ["first_name", "last_name", "email", "password1", "password2"]


class ProfileForm(forms.ModelForm):
    """Asks what the reports need: organisation, profession, functions and municipality."""

    organisation_name = forms.CharField(label=_("Organisatie"), max_length=200)
    # No kind chosen in advance: a person who does not notice a default would be counted in
    # the wrong group.
    organisation_kind = forms.ChoiceField(
        label=_("Soort organisatie"),
        choices=[("", _("Kies de soort organisatie")), *Organisation.Kind.choices],
    )
    municipality = forms.CharField(
        label=_("Gemeente waar u werkt"),
        max_length=100,
        widget=MunicipalityInput,
        help_text=_(
            "Typ de naam, bijvoorbeeld Den Haag of 's-Hertogenbosch. Bepaalt in welke regio u "
            "wordt meegeteld."
        ),
    )
    profession = forms.ModelChoiceField(
        label=_("Beroepsgroep"),
        queryset=Profession.objects.order_by("name"),
        empty_label=_("Kies uw beroepsgroep"),
    )
    functions = forms.ModelMultipleChoiceField(
        label=_("Functies"),
        queryset=Function.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kies alle functies die u vervult; geen is ook goed."),
    )

    class Meta:
        model = Profile
        fields = ["profession", "functions", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation if self.instance.pk else None
        if organisation is not None:
            self.fields["organisation_name"].initial = organisation.name
            self.fields["organisation_kind"].initial = organisation.kind
        if self.instance.pk and self.instance.municipality_id:
            self.initial["municipality"] = self.instance.municipality.name

    def clean_municipality(self):
        return municipality_resolve(self.cleaned_data["municipality"])


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password, so a left-open session cannot do it."""

    password = forms.CharField(label=_("Uw wachtwoord"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en persoonsgegevens definitief worden verwijderd.")
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password
