"""Forms of the import of external completions in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportUploadForm(forms.Form):
    source = forms.CharField(
        label=_("Bron"),
        max_length=100,
        help_text=_("Waar de afrondingen vandaan komen, bijvoorbeeld: BUIT e-learning."),
    )
    course_code = forms.SlugField(
        label=_("Cursuscode"),
        max_length=80,
        help_text=_(
            "De code waaronder de afrondingen tellen: de code van een platformcursus "
            "(bijvoorbeeld buit-basis) of van een externe cursus (bijvoorbeeld buit-extern)."
        ),
    )
    # An empty file is let through, so the import says why it is refused, in its own words.
    file = forms.FileField(
        label=_("Bestand (CSV)"),
        allow_empty_file=True,
        help_text=_(
            "Een CSV-bestand met een kopregel met de kolommen email, gemeente en afgerond_op "
            "(en eventueel voornaam, achternaam, organisatie en beroepsgroep), gescheiden door "
            "komma's of puntkomma's. Data als jjjj-mm-dd of dd-mm-jjjj."
        ),
    )
    import_valid_lines = forms.BooleanField(
        label=_("Alleen geldige regels importeren"),
        required=False,
        help_text=_("Zonder dit vinkje wordt niets geïmporteerd zolang één regel ongeldig is."),
    )

    def clean_course_code(self):
        return self.cleaned_data["course_code"].lower()


class ImportConfirmForm(forms.Form):
    """The confirmation of a checked batch; with the box ticked, only its valid lines."""

    import_valid_lines = forms.BooleanField(required=False)
