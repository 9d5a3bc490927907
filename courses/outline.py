"""The course outline: what every page of a course shows the same way to every reader.

A course page, a module, a lesson and a toets all need the same facts about their course
before they say anything about the learner: its modules, lessons and toetsen in tree order,
its accreditations, audience, classroom sessions and image. `course_outline(course_id)` returns
them as one frozen, plain-data `CourseOutline`, kept in the shared Django cache under the
catalogue version and the course id: built once for all processes, read with one cache get.

Pages read the outline first and the learner's state second (courses.selectors). Wagtail
routes and serves the pages; the catalogue index (courses.catalogue_index) spares its walk below
the catalogue and its view-restriction queries when no restriction or alias lies above a page.

THE ONE PLACE TO ADD A COURSE RELATION: read it in `outline_build` into a field of
`CourseOutline`, and add its model to `catalogue_signals_connect` so a change moves the version.

Whatever a reader could see change moves the catalogue version (elearning.versions); a saved
draft does not. Each process keeps a memo of what it read under the current version.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page

from courses.structure import (  # noqa: F401 - the structure types are read from here too
    LESSON,
    MODULE,
    TOETS,
    CourseStructure,
    StructureItem,
    StructureModule,
    _descendant_rows,
    _structures_from_rows,
    course_structures,
    page_url,
)
from elearning.versions import version_bump, version_signals_connect, versions_current

CATALOGUE_VERSION_KEY = "catalogue:version"
COURSE_IMAGE_FILTER = "fill-960x360"  # the course page's hero image (course_page.html)
KEEP_SECONDS = 24 * 3600


# --- The outline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineEntry:
    """A module, lesson or toets of the course, as the course's table of contents lists it."""

    id: int
    title: str
    kind: str  # module | lesson | toets
    model: str  # app_label.ModelName, for the kind's name in the reader's language
    url: str
    children: tuple[OutlineEntry, ...] = ()

    @property
    def verbose_name(self) -> str:
        return apps.get_model(self.model)._meta.verbose_name


@dataclass(frozen=True)
class Accreditation:
    register: str
    register_label: str
    accreditation_id: str
    points: Decimal
    valid_until: date | None


@dataclass(frozen=True)
class AudienceGroup:
    """A function or profession the course is meant for."""

    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class Session:
    id: int
    uuid: object
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    capacity: int


@dataclass(frozen=True)
class Image:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class CourseLink:
    title: str
    url: str


@dataclass(frozen=True)
class CourseOutline:
    """Everything about one course that is the same for every reader. Plain data only."""

    id: int
    code: str
    title: str
    url: str
    path: str
    catalogue_url: str
    enrolment_mode: str
    requires_session_attendance: bool
    structure: CourseStructure
    entries: tuple[OutlineEntry, ...]  # modules (with their items) and items in tree order
    accreditations: tuple[Accreditation, ...]
    audience_functions: tuple[AudienceGroup, ...]
    audience_professions: tuple[AudienceGroup, ...]
    sessions: tuple[Session, ...]  # by start, past ones too
    image: Image | None
    refresher: CourseLink | None
    grants_function: str

    pk = property(lambda self: self.id)

    @property
    def modules(self) -> tuple[OutlineEntry, ...]:
        return tuple(entry for entry in self.entries if entry.kind == MODULE)

    @property
    def lessons(self) -> tuple[OutlineEntry, ...]:
        return tuple(e for e in self._items() if e.kind == LESSON)

    @property
    def toetsen(self) -> tuple[OutlineEntry, ...]:
        return tuple(e for e in self._items() if e.kind == TOETS)

    def _items(self):
        for entry in self.entries:
            yield entry
            yield from entry.children

    def entry(self, page_id: int) -> OutlineEntry | None:
        return next((e for e in self._items() if e.id == page_id), None)

    def upcoming_sessions(self, now: datetime | None = None) -> list[Session]:
        now = now or timezone.now()
        return [session for session in self.sessions if session.starts_at >= now]


def outline_build(course) -> CourseOutline:
    """The outline of `course` (also an editor's unsaved preview), in a fixed number of
    queries; nothing is kept here."""
    from wagtail.images import get_image_model

    from courses.models import ClassroomSession, CourseAccreditation, CoursePage

    saved = course.pk is not None
    rows = _descendant_rows([course]) if saved else []
    structure = CourseStructure(course_id=course.pk)
    _structures_from_rows({course.pk: structure}, [course], rows)
    for item in structure.items:
        item.url  # noqa: B018 - worked out now, kept with the outline
    get = ContentType.objects.get_for_id  # cached per process
    models = {row["content_type_id"]: get(row["content_type_id"]) for row in rows}
    entries: list[dict] = []
    modules: dict[str, dict] = {}
    for row in rows:
        entry = {
            "id": row["id"],
            "title": row["title"],
            "kind": row["kind"],
            "model": f"{models[row['content_type_id']].app_label}."
            f"{models[row['content_type_id']].model}",
            "url": page_url(row["id"], row["url_path"], row["path"]),
            "children": [],
        }
        parent_path = row["path"][: -Page.steplen]
        if row["depth"] == course.depth + 1:
            entries.append(entry)
            modules[row["path"]] = entry
        elif parent_path in modules:
            modules[parent_path]["children"].append(entry)

    def frozen(entry) -> OutlineEntry:
        return OutlineEntry(**entry | {"children": tuple(frozen(c) for c in entry["children"])})

    if saved:
        accreditations = sorted(
            CourseAccreditation.objects.filter(course_id=course.pk),
            key=lambda a: (a.sort_order is None, a.sort_order, a.pk),
        )
        functions = list(course.audience_functions.order_by("name"))
        professions = list(course.audience_professions.order_by("name"))
        sessions = list(ClassroomSession.objects.filter(course_id=course.pk).order_by("starts_at"))
    else:  # a preview of a course not saved yet
        accreditations, functions, professions, sessions = [], [], [], []
    image = None
    if course.image_id:
        found = get_image_model().objects.filter(pk=course.image_id).first()
        if found is not None:
            rendition = found.get_rendition(COURSE_IMAGE_FILTER)
            image = Image(url=rendition.url, width=rendition.width, height=rendition.height)
    refresher = None
    if course.refresher_course_id:
        target = (
            CoursePage.objects.live()
            .filter(pk=course.refresher_course_id)
            .values("id", "title", "url_path", "path")
            .first()
        )
        if target is not None:
            refresher = CourseLink(
                title=target["title"],
                url=page_url(target["id"], target["url_path"], target["path"]),
            )
    grants = course.grants_function.name if course.grants_function_id else ""
    url = page_url(course.pk, course.url_path, course.path) if saved else ""
    return CourseOutline(
        id=course.pk,
        code=course.code,
        title=course.title,
        url=url,
        path=course.path,
        catalogue_url=url.rstrip("/").rsplit("/", 1)[0] + "/" if url else "",
        enrolment_mode=course.enrolment_mode,
        requires_session_attendance=course.requires_session_attendance,
        structure=structure,
        entries=tuple(frozen(entry) for entry in entries),
        accreditations=tuple(
            Accreditation(
                register=a.register,
                register_label=str(a.get_register_display()),
                accreditation_id=a.accreditation_id,
                points=a.points,
                valid_until=a.valid_until,
            )
            for a in accreditations
        ),
        audience_functions=tuple(AudienceGroup(f.pk, f.slug, f.name) for f in functions),
        audience_professions=tuple(AudienceGroup(p.pk, p.slug, p.name) for p in professions),
        sessions=tuple(
            Session(
                id=s.pk,
                uuid=s.uuid,
                title=s.title,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                location=s.location,
                capacity=s.capacity,
            )
            for s in sessions
        ),
        image=image,
        refresher=refresher,
        grants_function=grants,
    )


# --- The catalogue index: which course a page is in, where a URL leads ----------------------


# --- Kept under the version -----------------------------------------------------------------


def catalogue_version() -> int:
    # versions_current: the request's permission set is read in the same round trip.
    return versions_current([CATALOGUE_VERSION_KEY])[CATALOGUE_VERSION_KEY]


def catalogue_changed(**_signal_kwargs) -> None:
    """Say that the catalogue changed: now, and again once the transaction commits."""
    _Memo.checked = False
    version_bump(CATALOGUE_VERSION_KEY)


class _Memo:
    """What this process read from the shared cache under the current version (a copy only).
    Within a request the version is read once (`checked`): one catalogue per page."""

    version: int | None = None
    kept: dict = {}
    in_request: bool = False
    checked: bool = False


def _request_started(**_kwargs) -> None:
    _Memo.in_request, _Memo.checked = True, False


def _request_finished(**_kwargs) -> None:
    _Memo.in_request, _Memo.checked = False, False


def _version() -> int:
    if _Memo.checked and _Memo.version is not None:
        return _Memo.version
    version = catalogue_version()
    if _Memo.version != version:
        _Memo.version, _Memo.kept = version, {}
    _Memo.checked = _Memo.in_request
    return version


@functools.cache
def _shape() -> str:
    """The prefix of what is kept in the shared cache, with a digest of the kept classes'
    fields: after a deploy that changes one, no process unpickles the old shape (old and new
    processes side by side during a rolling deploy each read their own)."""
    from courses import structure
    from courses.catalogue_index import CatalogueIndex

    kept_classes = (
        CatalogueIndex, CourseOutline, OutlineEntry, Accreditation, AudienceGroup, Session,
        Image, CourseLink, structure.CourseStructure, structure.StructureItem,
        structure.StructureModule,
    )  # fmt: skip
    fields = ";".join(
        f"{cls.__name__}:{','.join(field.name for field in dataclasses.fields(cls))}"
        for cls in kept_classes
    )
    return "catalogue:" + hashlib.sha256(fields.encode()).hexdigest()[:8]


def kept_shared(key: str, build):
    """`build()` kept in the shared cache under the current catalogue version and `key`."""
    version = _version()
    if key in _Memo.kept:
        return _Memo.kept[key]
    cache_key = f"{_shape()}:{version}:{key}"
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, KEEP_SECONDS)
    _Memo.kept[key] = value
    return value


def kept_in_process(key: str, build):
    """`build()` kept in this process only, under the current catalogue version: model
    instances (a site, a page), cheaper to read again than to unpickle from the shared cache,
    which a reader must never change (they serve every request); and what a layer above keeps
    of the catalogue, moving the version when it changes (catalogue_changed). No cache read
    of its own: the version is read once per request for every page anyway."""
    _version()
    if key not in _Memo.kept:
        _Memo.kept[key] = build()
    return _Memo.kept[key]


def course_outline(course_id: int) -> CourseOutline | None:
    """The outline of the live course with this id, or None when there is no such course."""
    from courses.models import CoursePage

    def build():
        course = CoursePage.objects.filter(pk=course_id).select_related("grants_function").first()
        return outline_build(course) if course is not None else False

    return kept_shared(f"outline:{course_id}", build) or None


def course_structures_kept(courses) -> dict[int, CourseStructure]:
    """Structures of several live courses, kept under the catalogue version: the ones not kept
    yet are read together in one query, so /mijn/ costs the same for any number of courses."""
    version = _version()
    keys = {course.pk: f"structure:{course.pk}" for course in courses}
    structures = {pk: _Memo.kept[key] for pk, key in keys.items() if key in _Memo.kept}
    wanted = {f"{_shape()}:{version}:{keys[pk]}": pk for pk in keys if pk not in structures}
    for cache_key, value in cache.get_many(list(wanted)).items():
        structures[wanted[cache_key]] = value
    missing = [course for course in courses if course.pk not in structures]
    built = course_structures(missing)
    if built:
        cache.set_many(
            {f"{_shape()}:{version}:{keys[pk]}": v for pk, v in built.items()}, KEEP_SECONDS
        )
    structures.update(built)
    _Memo.kept.update((keys[pk], structure) for pk, structure in structures.items())
    return structures


def outline_of_page(page) -> CourseOutline | None:
    """The outline of the course `page` is in (a course page's own), or None."""
    from courses.models import CoursePage

    if isinstance(page, CoursePage) and page.pk is not None:
        return course_outline(page.pk)
    from courses.catalogue_index import catalogue_index

    course_id = catalogue_index().course_id_of(page.path or "")
    return course_outline(course_id) if course_id is not None else None


def fragment(page, part: str, render, *, shared: bool = True):
    """HTML of one part of a page that is the same for every reader, kept like an outline.

    `shared=False` (a preview, a page not saved) renders it every time.
    """
    if not shared or page.pk is None:
        return mark_safe(render())
    return mark_safe(kept_shared(f"html:{page.pk}:{part}", render))


# --- What moves the version -----------------------------------------------------------------

# A draft saved or a page locked writes only these; a reader sees no change.
_DRAFT_FIELDS = {"latest_revision", "latest_revision_created_at", "draft_title"} | {
    "has_unpublished_changes", "locked", "locked_at", "locked_by", "draft_locale"}  # fmt: skip


def _page_saved(update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= _DRAFT_FIELDS:
        return
    catalogue_changed()


def catalogue_signals_connect() -> None:
    """Move the catalogue version on every change an outline or the index depends on."""
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from accounts.models import Function, Profession
    from courses.models import ClassroomSession, CourseAccreditation, CoursePage

    for model in (m for m in apps.get_models() if issubclass(m, Page)):
        uid = f"catalogue-{model._meta.label_lower}"
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"{uid}-delete")
    version_signals_connect(
        catalogue_changed,
        name="catalogue",
        models=[
            PageViewRestriction,
            Site,
            Function,
            Profession,
            CourseAccreditation,
            ClassroomSession,
            get_image_model(),
        ],
        through_models=(
            CoursePage.audience_functions.through,
            CoursePage.audience_professions.through,
            PageViewRestriction.groups.through,
        ),
    )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(catalogue_changed, dispatch_uid=f"catalogue-{id(signal)}")
    request_started.connect(_request_started, dispatch_uid="catalogue-request-started")
    request_finished.connect(_request_finished, dispatch_uid="catalogue-request-finished")
