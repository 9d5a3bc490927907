"""Gone: the per-process catalogue snapshot. Pages read their course's outline (courses.outline).

Only `catalogue_of` is left, answering "not from a snapshot" for courses/services.py, which
still asks; the services split (issue 20 item 2) drops that import, and this module with it.
"""


def catalogue_of(page) -> None:
    """No page is served from a snapshot any more."""
    return None
