"""The public catalogue: the filter form and the one query that lists courses.

Filters come from GET parameters so a filtered list is a plain link (bookmarkable, works without
JavaScript). An unknown value is ignored rather than shown as an error: the form then simply
does not narrow on it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Function, Profession


def _with_all(choices, label):
    return [("", label), *choices]


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters. Functions and professions are chosen by slug."""

    functie = forms.ChoiceField(label=_("Functie"), required=False)
    beroep = forms.ChoiceField(label=_("Beroepsgroep"), required=False)
    vorm = forms.ChoiceField(label=_("Vorm"), required=False)
    niveau = forms.ChoiceField(label=_("Niveau"), required=False)

    def __init__(self, *args, index=None, **kwargs):
        from courses.models import CoursePage

        super().__init__(*args, **kwargs)
        functions = list(Function.objects.order_by("name"))
        professions = list(Profession.objects.order_by("name"))
        self._choices_by_slug = {
            "functie": {f.slug: f for f in functions},
            "beroep": {p.slug: p for p in professions},
        }
        self.fields["functie"].choices = _with_all(
            [(f.slug, f.name) for f in functions], _("Alle functies")
        )
        self.fields["beroep"].choices = _with_all(
            [(p.slug, p.name) for p in professions], _("Alle beroepsgroepen")
        )
        self.fields["vorm"].choices = _with_all(CoursePage.Format.choices, _("Alle vormen"))
        self.fields["niveau"].choices = _with_all(CoursePage.Level.choices, _("Alle niveaus"))

    @property
    def active(self) -> bool:
        """True when at least one valid filter narrows the list."""
        return any(self.filters().values())

    def filters(self) -> dict:
        """The valid filter values; invalid ones are dropped instead of failing the page.

        Functie and beroep come back as the Function and Profession they name.
        """
        if not self.is_bound:
            return {}
        self.is_valid()
        filters = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value and name not in self.errors
        }
        for name, by_slug in self._choices_by_slug.items():
            if name in filters:
                filters[name] = by_slug[filters[name]]
        return filters


def catalogue_courses(*, index=None, functie=None, beroep=None, vorm=None, niveau=None):
    """Live, public courses (under `index` when given), narrowed by the given filters.

    Audience filters match courses aimed at that function or profession. Courses without any
    audience are for everyone, so they stay in the list under an audience filter too.
    """
    from django.db.models import Q

    from courses.models import CoursePage

    courses = CoursePage.objects.live().public()
    if index is not None:
        courses = courses.child_of(index)
    if functie is not None:
        courses = courses.filter(
            Q(audience_functions=functie)
            | Q(audience_functions__isnull=True, audience_professions__isnull=True)
        )
    if beroep is not None:
        courses = courses.filter(
            Q(audience_professions=beroep)
            | Q(audience_functions__isnull=True, audience_professions__isnull=True)
        )
    if vorm:
        courses = courses.filter(format=vorm)
    if niveau:
        courses = courses.filter(level=niveau)
    return courses.distinct().order_by("title")
