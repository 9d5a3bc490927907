"""The catalogue index and the pages it routes to, kept per process under the catalogue version.

The index (`catalogue_index()`) holds the routing facts of every live page under a catalogue,
the same for every reader, in the shared cache: URL paths, course paths, view restrictions and
aliases. With it Wagtail's routing is spared its walk below the catalogue and its view
restriction queries. The site of a request with its home page (`catalogue_site_for`, the site
finder cms.routing asks) and each page the index names (`catalogue_page`, `catalogue_page_at`)
are model instances: kept in this process only, cheaper to read again once per version than to
unpickle, and never to be changed by a reader (they serve every request of the process).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from courses.outline import kept_in_process, kept_shared


@dataclass(frozen=True)
class CatalogueIndex:
    """Routing facts of every live page under a catalogue page, the same for every reader."""

    routes: dict[str, tuple[int, int]]  # url_path → (page id, content type id)
    course_paths: dict[str, int]  # a course's tree path → its id
    restricted_paths: tuple[str, ...]  # tree paths of pages with a view restriction
    alias_paths: tuple[str, ...]  # tree paths of aliases (their restrictions are the source's)

    @functools.cached_property
    def content_types(self) -> dict[int, int]:
        """Page id → content type id, of the pages in `routes` (worked out once per process)."""
        return dict(self.routes.values())

    def course_id_of(self, path: str) -> int | None:
        steplen = Page.steplen
        for n in range(len(path) // steplen, 0, -1):
            course_id = self.course_paths.get(path[: steplen * n])
            if course_id is not None:
                return course_id
        return None

    def may_skip_restrictions(self, path: str) -> bool:
        """True when no view restriction and no alias lies on or above `path`."""
        return not any(path.startswith(p) for p in self.restricted_paths + self.alias_paths)


def catalogue_index_build() -> CatalogueIndex:
    from wagtail.models import PageViewRestriction

    from courses.models import CourseIndexPage, CoursePage

    indexes = list(CourseIndexPage.objects.values_list("path", flat=True))
    routes: dict[str, tuple[int, int]] = {}
    if indexes:
        condition = Q()
        for path in indexes:
            condition |= Q(path__startswith=path)
        for page_id, url_path, content_type_id in Page.objects.filter(
            condition, live=True
        ).values_list("id", "url_path", "content_type_id"):
            routes[url_path] = (page_id, content_type_id)
    return CatalogueIndex(
        routes=routes,
        course_paths=dict(CoursePage.objects.live().values_list("path", "id")),
        restricted_paths=tuple(
            PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
        ),
        alias_paths=tuple(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        ),
    )


def catalogue_index() -> CatalogueIndex:
    return kept_shared("index", catalogue_index_build)


SITES_KEPT_AT_MOST = 16  # host names are few; a flood of made-up ones is not kept


def catalogue_site_for(hostname: str, port: int):
    """(True, the Wagtail site of this host and port with its home page attached, or None),
    kept like the index: a site or its home page saved moves the catalogue version."""
    from wagtail.models import Site
    from wagtail.models.sites import get_site_for_hostname

    sites = kept_in_process("sites", dict)
    key = (hostname, port)
    if key not in sites:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        if site is not None:
            # What Wagtail's routing asks for first (site.root_page.localized.specific).
            site.root_page = site.root_page.localized.specific
        if len(sites) >= SITES_KEPT_AT_MOST:
            return True, site
        sites[key] = site
    return True, sites[key]


def _kept_page(page_id: int, content_type_id: int):
    pages = kept_in_process("pages", dict)
    if page_id not in pages:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        pages[page_id] = (
            model.objects.filter(pk=page_id, live=True).first() if model is not None else None
        )
    return pages[page_id]


def catalogue_page(page_id: int):
    """The live page with this id under a catalogue, kept like the pages the catalogue routes
    to (no query once read), or None when the catalogue has no live page with this id.
    A reader must never change it: it serves every request of this process."""
    content_type_id = catalogue_index().content_types.get(page_id)
    return _kept_page(page_id, content_type_id) if content_type_id is not None else None


def catalogue_page_at(url_path: str, below_path: str = ""):
    """The live page under a catalogue at this tree URL path, or None.

    The index names the page and its type; the specific page is read once per process and
    catalogue version (one query), since every save a reader could see moves the version.
    The home page's routing asks here first (cms.routing), the catalogue page's too.
    """
    found = catalogue_index().routes.get(url_path)
    if found is None:
        return None
    page = _kept_page(*found)
    return page if page is not None and page.path.startswith(below_path) else None
