"""What the home page lists from the apps built on cms.

cms is the base layer of site content: courses build on its blocks, so cms cannot ask for
courses itself. An app above registers a named list in its AppConfig.ready (courses registers
`featured_courses`), and the home page puts every registered list in its context.
"""

from collections.abc import Callable, Iterable

_listings: dict[str, Callable[[], Iterable]] = {}


def home_listing_register(name: str, listing: Callable[[], Iterable]) -> None:
    """Show `listing()` on the home page as context variable `name`. Registering a name again
    replaces the earlier listing."""
    _listings[name] = listing


def home_listings() -> dict[str, Iterable]:
    """Every registered list, computed for this request (lazy querysets stay lazy)."""
    return {name: listing() for name, listing in _listings.items()}
