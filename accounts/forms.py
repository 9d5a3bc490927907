"""Forms for sign-up and the profile."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Function, Municipality, Organisation, Profession, Profile


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    field_order = ["first_name", "last_name", "email", "password1", "password2"]


class ProfileForm(forms.ModelForm):
    """Asks what the reports need: organisation, profession, functions and municipality."""

    organisation_name = forms.CharField(label=_("Organisatie"), max_length=200)
    organisation_kind = forms.ChoiceField(
        label=_("Soort organisatie"), choices=Organisation.Kind.choices
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente waar u werkt"),
        queryset=Municipality.objects.order_by("name"),
        help_text=_("Bepaalt in welke regio u wordt meegeteld."),
    )
    profession = forms.ModelChoiceField(
        label=_("Beroepsgroep"), queryset=Profession.objects.order_by("name")
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
