"""The live catalogue, read once per process and kept until an editor changes it.

Every page under /cursussen/ needs the same facts, whoever asks: which page a URL names, the
view restrictions above it, the course it belongs to, that course's structure, its audience,
accreditations, image and classroom sessions. Read per request, through Wagtail's routing,
that is about a dozen queries before the page says anything about the learner. Instead each
process keeps one `Catalogue`: every live page under the catalogue with those facts, valid as
long as the catalogue version in the shared cache has not moved.

Whatever can change those facts moves the version: saving or deleting any page (a revision, a
publish, an unpublish, a copy), moving one, view restrictions, the site, functions, professions,
images and classroom sessions. It moves at once and again when the transaction commits, so no
process can keep a snapshot it read before the commit. Each catalogue request reads the version
(one cache read) and rebuilds the snapshot when it has moved, in a handful of queries however
large the catalogue is.

Where the snapshot cannot be trusted (more than one site, aliases in the tree) it is simply
not used: the page is served by Wagtail's own routing, as before.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from elearning.versions import version_bump, version_current, version_signals_connect

CATALOGUE_VERSION_KEY = "catalogue:version"
COURSE_IMAGE_FILTER = "fill-960x360"  # the course page's hero image (course_page.html)


@dataclass
class Catalogue:
    version: int
    site: object
    site_root_paths: list
    index: object
    pages: dict[str, object] = field(default_factory=dict)  # URL path → specific live page
    by_id: dict[int, object] = field(default_factory=dict)
    course_of: dict[int, int] = field(default_factory=dict)  # page id → its course's id
    structures: dict = field(default_factory=dict)  # course id → CourseStructure
    restrictions: dict[int, list] = field(default_factory=dict)  # page id → view restrictions
    accreditations: dict[int, list] = field(default_factory=dict)
    audience_functions: dict[int, list] = field(default_factory=dict)
    audience_professions: dict[int, list] = field(default_factory=dict)
    sessions: dict[int, list] = field(default_factory=dict)  # course id → sessions, by start
    functions: list = field(default_factory=list)  # every function, by name (catalogue filter)
    professions: list = field(default_factory=list)
    derived: dict = field(default_factory=dict)  # (page id, part) → what `once` worked out

    def page(self, url: str):
        """A copy of the live page at `url`, ready to serve, or None.

        A copy: serving sets per-request attributes on a page (the learner's enrolment, for
        one), and the snapshot's own page is shared by every request of this process.
        """
        page = self.pages.get(url)
        return copy.copy(page) if page is not None else None

    def page_by_id(self, page_id: int):
        """Like page(), by id."""
        page = self.by_id.get(page_id)
        return copy.copy(page) if page is not None else None

    def once(self, key, compute):
        """What `compute()` gives, worked out once for this snapshot (the same for everyone)."""
        value = self.derived.get(key)
        if value is None:
            value = self.derived[key] = compute()
        return value

    def descendants(self, page) -> list:
        """The live pages below `page`, in tree order."""
        return self.once(
            (page.pk, "descendants"),
            lambda: [
                p
                for p in self.by_id.values()
                if p.path.startswith(page.path) and p.depth > page.depth
            ],
        )

    def course(self, page_id: int):
        course_id = self.course_of.get(page_id)
        return self.by_id.get(course_id) if course_id is not None else None

    def is_public(self, page_id: int) -> bool:
        return not self.restrictions.get(page_id)


def catalogue_of(page) -> Catalogue | None:
    """The snapshot a page was served from, or None for a page read from the database."""
    return page.__dict__.get("_catalogue")


# --- The version ----------------------------------------------------------------------------


def catalogue_version() -> int:
    return version_current(CATALOGUE_VERSION_KEY)


def catalogue_changed(**_signal_kwargs) -> None:
    """Say that the catalogue changed: now, and again once the transaction commits."""
    version_bump(CATALOGUE_VERSION_KEY)


# --- The snapshot ---------------------------------------------------------------------------

_current: Catalogue | None = None


def catalogue() -> Catalogue | None:
    """This process's snapshot of the live catalogue, rebuilt when the version has moved."""
    global _current
    version = catalogue_version()
    if _current is None or _current.version != version:
        _current = catalogue_build(version)
    return _current if _current is not None and _current.version == version else None


class _Untrusted(Exception):
    """The tree has something the snapshot does not model; serve it the usual way."""


def catalogue_build(version: int) -> Catalogue | None:
    try:
        return _build(version)
    except _Untrusted:
        return None


def _build(version: int) -> Catalogue:
    from django.db.models import Q
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    from accounts.models import Function, Profession
    from courses.models import ClassroomSession, CourseAccreditation, CourseIndexPage, CoursePage
    from courses.selectors import course_structures

    sites = list(Site.objects.select_related("root_page"))
    if len(sites) != 1 or not sites[0].is_default_site:
        raise _Untrusted  # which site a request is for needs Wagtail's own matching
    site = sites[0]
    root = site.root_page
    index = CourseIndexPage.objects.live().descendant_of(root).first()
    if index is None:
        raise _Untrusted
    steplen = Page.steplen
    above = [index.path[: steplen * n] for n in range(1, index.depth + 1)]
    pages = list(
        Page.objects.filter(path__startswith=index.path, live=True).specific().order_by("path")
    )
    if Page.objects.filter(
        Q(path__in=above) | Q(path__startswith=index.path), alias_of__isnull=False
    ).exists():
        raise _Untrusted  # an alias takes its source's restrictions; Wagtail resolves those
    snapshot = Catalogue(
        version=version,
        site=site,
        site_root_paths=Site.get_site_root_paths(),
        index=next(page for page in pages if page.pk == index.pk),
    )
    restrictions = list(
        PageViewRestriction.objects.filter(
            Q(page__path__in=above) | Q(page__path__startswith=index.path)
        )
        .select_related("page")
        .prefetch_related("groups")
    )
    functions = {f.pk: f for f in Function.objects.order_by("name")}
    snapshot.functions = list(functions.values())
    snapshot.professions = list(Profession.objects.order_by("name"))
    courses = [page for page in pages if isinstance(page, CoursePage)]
    course_by_path = {course.path: course for course in courses}
    by_id = {page.pk: page for page in pages}
    root_url_path = root.url_path
    for page in pages:
        page.__dict__["_catalogue"] = snapshot
        snapshot.pages["/" + page.url_path[len(root_url_path) :]] = page
        snapshot.restrictions[page.pk] = [
            r for r in restrictions if page.path.startswith(r.page.path)
        ]
        for n in range(page.depth, index.depth, -1):
            course = course_by_path.get(page.path[: steplen * n])
            if course is not None:
                snapshot.course_of[page.pk] = course.pk
                break
    snapshot.by_id = by_id
    snapshot.structures = course_structures(courses)
    course_ids = [course.pk for course in courses]
    for course in courses:
        snapshot.accreditations[course.pk] = []
        snapshot.audience_functions[course.pk] = []
        snapshot.audience_professions[course.pk] = []
        snapshot.sessions[course.pk] = []
    for session in ClassroomSession.objects.filter(course_id__in=course_ids).order_by("starts_at"):
        snapshot.sessions[session.course_id].append(session)
    for accreditation in CourseAccreditation.objects.filter(course_id__in=course_ids):
        snapshot.accreditations[accreditation.course_id].append(accreditation)
    through = CoursePage.audience_functions.through
    for row in through.objects.filter(coursepage_id__in=course_ids).order_by("function__name"):
        snapshot.audience_functions[row.coursepage_id].append(functions[row.function_id])
    through = CoursePage.audience_professions.through
    for row in through.objects.filter(coursepage_id__in=course_ids).select_related("profession"):
        snapshot.audience_professions[row.coursepage_id].append(row.profession)
    images = {
        image.pk: image
        for image in get_image_model()
        .objects.filter(pk__in=[c.image_id for c in courses if c.image_id])
        .prefetch_renditions(COURSE_IMAGE_FILTER)
    }
    for course in courses:
        # Fill the course's relations from what was read above, so the page reads none.
        course.image = images.get(course.image_id)
        course.grants_function = functions.get(course.grants_function_id)
        if course.refresher_course_id in by_id:
            course.refresher_course = by_id[course.refresher_course_id]
    for accreditations in snapshot.accreditations.values():
        accreditations.sort(key=lambda a: (a.sort_order is None, a.sort_order, a.pk))
    return snapshot


def rendered(page, part: str, render) -> str:
    """HTML of one part of a page that is the same for every reader, rendered once.

    For a page not served from the snapshot it is rendered every time.
    """
    from django.utils.safestring import mark_safe

    snapshot = catalogue_of(page)
    if snapshot is None:
        return mark_safe(render())
    return mark_safe(snapshot.once((page.pk, part), render))


def route(request, path: str):
    """Prepare Wagtail's serve view to serve `path` from the snapshot, without routing.

    Wagtail's serve keeps the site and the route result on the request; when they are there it
    uses them. Returns True when the snapshot had the page.
    """
    from wagtail.url_routing import RouteResult

    snapshot = catalogue()
    page = snapshot.page("/" + path) if snapshot is not None else None
    if page is None:
        return False
    request._wagtail_site = snapshot.site
    request._wagtail_cached_site_root_paths = snapshot.site_root_paths
    request._wagtail_route_for_request = RouteResult(page)
    return True


def catalogue_signals_connect() -> None:
    """Move the catalogue version on every change the snapshot depends on."""
    from django.apps import apps
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from accounts.models import Function, Profession
    from courses.models import ClassroomSession, CourseAccreditation, CoursePage

    pages = [m for m in apps.get_models() if issubclass(m, Page)]
    others = [PageViewRestriction, Site, Function, Profession, CourseAccreditation]
    version_signals_connect(
        catalogue_changed,
        name="catalogue",
        models=[*pages, *others, ClassroomSession, get_image_model()],
        through_models=(
            CoursePage.audience_functions.through,
            CoursePage.audience_professions.through,
            PageViewRestriction.groups.through,
        ),
    )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(catalogue_changed, dispatch_uid=f"catalogue-{id(signal)}")
