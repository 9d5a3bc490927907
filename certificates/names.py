"""The holder's name as the public may see it: initials and surname ("S. de Vries")."""

# Dutch surname prefixes (tussenvoegsels): they belong to the surname, not to the given names.
_PREFIXES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "te",
    "ter",
    "ten",
    "in",
    "op",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "von",
    "zu",
    "d'",
    "'s",
    "aan",
    "bij",
    "onder",
    "uit",
    "voor",
    "vd",
}


def _initials(given: str) -> str:
    parts = [p for p in given.replace("-", " ").split() if p]
    return "".join(f"{p[0].upper()}." for p in parts)


def short_name(first_name: str, last_name: str) -> str:
    """Initials of the given names followed by the full surname, prefixes kept."""
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not last_name:
        return short_name_from_full(first_name)
    initials = _initials(first_name)
    return f"{initials} {last_name}".strip()


def short_name_from_full(full_name: str) -> str:
    """Split one written-out name into given names and surname, then shorten it."""
    tokens = (full_name or "").split()
    if len(tokens) <= 1:
        return full_name.strip()
    # The surname starts at the first prefix after the first given name, else it is the last word.
    start = len(tokens) - 1
    for index in range(1, len(tokens) - 1):
        if tokens[index].lower() in _PREFIXES:
            start = index
            break
    return short_name(" ".join(tokens[:start]), " ".join(tokens[start:]))
