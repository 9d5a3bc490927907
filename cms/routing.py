"""Shortcuts that sections of the site offer Wagtail's routing below the home page.

Wagtail walks a URL one tree level at a time, two queries per level. A section that knows its
own pages' URLs (the course catalogue keeps them in the shared cache, courses.outline) registers
a finder here; the home page asks it for the whole rest of the URL at once and then lets the
page it names route itself, as Wagtail would. A section registers from its AppConfig.ready, so
cms never imports it.
"""

from collections.abc import Callable

_finders: list[Callable] = []


def route_shortcut_register(find: Callable) -> None:
    """`find(url_path, below_path)` returns the live page at that tree URL path, or None."""
    if find not in _finders:
        _finders.append(find)


def route_shortcut(url_path: str, below_path: str):
    for find in _finders:
        page = find(url_path, below_path)
        if page is not None:
            return page
    return None
