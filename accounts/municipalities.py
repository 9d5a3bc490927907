"""Finding a municipality by the name people use for it.

The reference list holds CBS's official names ("'s-Gravenhage", "Bergen (NH.)"), but people type
"Den Haag", "Den Bosch" or "Bergen". `municipality_resolve` accepts the official name and the
common ones, without regard to case, accents or apostrophes, and says in Dutch what is wrong
when a name is unknown or fits more than one municipality. The profile's chooser is a text input
with a list of suggestions (a <datalist>): it works without JavaScript, the server resolves.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality

# Common name -> CBS code. Names that fit several municipalities map to all of them.
ALIASES: dict[str, tuple[str, ...]] = {
    "Den Haag": ("GM0518",),
    "Den Bosch": ("GM0796",),
    "Hertogenbosch": ("GM0796",),
    "Hengelo": ("GM0164",),
    "Laren": ("GM0417",),
    "Rijswijk": ("GM0603",),
    "Middelburg": ("GM0687",),
    "Beek": ("GM0888",),
    "Stein": ("GM0971",),
    "Nuenen": ("GM0820",),
    "Sudwest-Fryslan": ("GM1900",),
    "Noardeast-Fryslan": ("GM1970",),
    "Bergen": ("GM0373", "GM0893"),
    "Bergen (Noord-Holland)": ("GM0373",),
    "Bergen (Limburg)": ("GM0893",),
}
# Shown as suggestions beside the official names.
SUGGESTED_ALIASES = ["Den Haag", "Den Bosch", "Bergen (Noord-Holland)", "Bergen (Limburg)"]


def normalise(name: str) -> str:
    """Lower case, no accents, one kind of apostrophe, single spaces, no "gemeente" prefix."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.replace("`", "'").lower().strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^gemeente ", "", text)
    return text.strip(" '")


def municipality_resolve(name: str) -> Municipality:
    """The municipality called `name` (official or common name). Reads only.

    Raises ValidationError (Dutch) when the name is empty, unknown or ambiguous.
    """
    key = normalise(name)
    if not key:
        raise ValidationError(_("Vul de gemeente in waar u werkt."), code="required")
    by_name = [m for m in Municipality.objects.all() if normalise(m.name) == key]
    if len(by_name) == 1:
        return by_name[0]
    codes = {code for alias, cs in ALIASES.items() if normalise(alias) == key for code in cs}
    # "Hengelo (O.)" is also found by "hengelo o" or "hengelo (o)".
    if not codes and not by_name:
        loose = re.sub(r"[().]", "", key).strip()
        by_name = [
            m
            for m in Municipality.objects.all()
            if re.sub(r"[().]", "", normalise(m.name)) == loose
        ]
        if len(by_name) == 1:
            return by_name[0]
    matches = list(Municipality.objects.filter(cbs_code__in=codes).order_by("name")) or by_name
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationError(
            format_lazy(
                _("Er zijn meer gemeenten die „{name}” heten: {options}. Kies er één."),
                name=name.strip(),
                options=" of ".join(m.name for m in matches),
            ),
            code="ambiguous",
        )
    raise ValidationError(
        format_lazy(
            _("De gemeente „{name}” kennen wij niet. Kies een gemeente uit de lijst."),
            name=name.strip(),
        ),
        code="unknown",
    )


def suggestions() -> list[str]:
    """Official names and the common names worth offering, alphabetically."""
    names = list(Municipality.objects.order_by("name").values_list("name", flat=True))
    return sorted([*names, *SUGGESTED_ALIASES], key=normalise)
