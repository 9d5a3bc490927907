"""Forms of the measurement, built from the course's item bank and confidence statements."""

from django import forms
from django.utils.translation import gettext_lazy as _

from effect.models import CONFIDENCE_SCALE

CONFIDENCE_LABELS = {
    1: _("helemaal oneens"),
    2: _("oneens"),
    3: _("neutraal"),
    4: _("eens"),
    5: _("helemaal eens"),
}


def _confidence_fields(form, statements):
    for statement in statements:
        form.fields[f"vertrouwen_{statement.pk}"] = forms.TypedChoiceField(
            label=statement.text,
            choices=[(n, f"{n} – {CONFIDENCE_LABELS[n]}") for n in CONFIDENCE_SCALE],
            coerce=int,
            widget=forms.RadioSelect,
        )


def _confidence(form, statements) -> dict[int, int]:
    return {s.pk: form.cleaned_data[f"vertrouwen_{s.pk}"] for s in statements}


class MeasurementForm(forms.Form):
    """Voor- or nameting: one question per item, then the confidence scale."""

    def __init__(self, *args, items, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.items, self.statements = items, statements
        for item in items:
            self.fields[f"vraag_{item.pk}"] = forms.TypedChoiceField(
                label=item.question,
                choices=list(enumerate(item.option_list(), start=1)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een antwoord.")},
            )
        _confidence_fields(self, statements)

    def answers(self) -> dict[int, int]:
        return {item.pk: self.cleaned_data[f"vraag_{item.pk}"] for item in self.items}

    def confidence(self) -> dict[int, int]:
        return _confidence(self, self.statements)


class FollowUpForm(forms.Form):
    """Behaviour since the training, then the confidence scale again."""

    gesignaleerd = forms.TypedChoiceField(
        label=_("Heeft u sinds de training een mogelijk slachtoffer gesignaleerd?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    acties = forms.MultipleChoiceField(
        label=_("Wat heeft u daarna gedaan?"),
        choices=[
            ("besproken", _("Besproken (met een collega of leidinggevende)")),
            ("gemeld", _("Gemeld")),
            ("doorverwezen", _("Doorverwezen")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    aantal = forms.IntegerField(
        label=_("Hoe vaak heeft u sinds de training een mogelijk slachtoffer gesignaleerd?"),
        min_value=0,
        max_value=500,
        initial=0,
    )
    toelichting = forms.CharField(
        label=_("Toelichting (optioneel; wordt nooit in rapportages getoond)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        _confidence_fields(self, statements)

    def clean(self):
        data = super().clean()
        if data.get("gesignaleerd") is False and (data.get("aantal") or data.get("acties")):
            raise forms.ValidationError(
                _("U gaf aan niemand te hebben gesignaleerd; laat dan aantal en acties leeg.")
            )
        return data

    def behaviour(self) -> dict:
        data = self.cleaned_data
        acties = set(data["acties"])
        return {
            "gesignaleerd": data["gesignaleerd"],
            **{action: action in acties for action in ("besproken", "gemeld", "doorverwezen")},
            "aantal": data["aantal"] or 0,
        }

    def confidence(self) -> dict[int, int]:
        return _confidence(self, self.statements)
