"""A course's structure: its live lessons and toetsen in tree order, with their modules.

Part of every course outline (courses.outline) and what progress is counted against
(courses.selectors.progress.course_progress). Read in one query for any number of courses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

LESSON = "lesson"
TOETS = "toets"
MODULE = "module"


# --- Structure: the items a learner's progress counts ---------------------------------------


@dataclass(frozen=True)
class StructureItem:
    id: int
    title: str
    kind: str  # lesson | toets
    path: str
    url_path: str
    module_id: int | None

    @cached_property  # worked out once per kept outline, then pickled with it
    def url(self) -> str:
        return page_url(self.id, self.url_path, self.path)


@dataclass(frozen=True)
class StructureModule:
    id: int
    title: str
    item_ids: tuple[int, ...]


@dataclass
class CourseStructure:
    """The live lessons and toetsen of a course in tree order, with their modules."""

    course_id: int
    items: list[StructureItem] = field(default_factory=list)
    modules: list[StructureModule] = field(default_factory=list)

    @property
    def lesson_ids(self) -> set[int]:
        return {item.id for item in self.items if item.kind == LESSON}

    @property
    def toets_ids(self) -> set[int]:
        return {item.id for item in self.items if item.kind == TOETS}

    def item(self, page_id: int | None) -> StructureItem | None:
        for item in self.items:
            if item.id == page_id:
                return item
        return None


def page_url(page_id: int, url_path: str, path: str) -> str:
    # A bare Page with the routing fields: Wagtail resolves its URL from the cached site root
    # paths, so listing fifty links costs no query.
    return Page(id=page_id, url_path=url_path, path=path).get_url() or ""


def _content_kinds() -> dict[int, str]:
    from courses.models import LessonPage, ModulePage, ToetsPage

    get = ContentType.objects.get_for_model  # cached per process
    kinds = {get(ToetsPage).pk: TOETS, get(ModulePage).pk: MODULE}
    # Every kind of lesson counts as a lesson, including those of apps above this one (a
    # SCORM "pakketles" is a LessonPage subclass).
    for model in apps.get_models():
        if issubclass(model, LessonPage):
            kinds[get(model).pk] = LESSON
    return kinds


def _descendant_rows(courses) -> list[dict]:
    """Live modules, lessons and toetsen below the given courses, in tree order (one query)."""
    kinds = _content_kinds()
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth__gt=course.depth)
    rows = (
        Page.objects.filter(condition, live=True, content_type_id__in=list(kinds))
        .order_by("path")
        .values("id", "title", "path", "depth", "url_path", "content_type_id")
    )
    return [row | {"kind": kinds[row["content_type_id"]]} for row in rows]


def course_structures(courses) -> dict[int, CourseStructure]:
    """Structures of several courses in one query: {course id: CourseStructure}.

    Only live pages count, and a lesson inside an unpublished module does not count either.
    """
    courses = [c for c in courses if c is not None]
    structures = {course.pk: CourseStructure(course_id=course.pk) for course in courses}
    if courses:
        _structures_from_rows(structures, courses, _descendant_rows(courses))
    return structures


def _structures_from_rows(structures, courses, rows) -> None:
    by_path = {course.path: course for course in courses}
    steplen = Page.steplen
    modules: dict[str, dict] = {}
    for row in rows:
        parent_path = row["path"][:-steplen]
        if parent_path in by_path:
            course, module = by_path[parent_path], None
        elif parent_path in modules:
            module = modules[parent_path]
            course = module["course"]
        else:
            continue  # below an unpublished module, or deeper than the course allows
        if row["kind"] == MODULE:
            if module is None:
                modules[row["path"]] = {"course": course, "row": row, "items": []}
            continue
        item = StructureItem(
            id=row["id"],
            title=row["title"],
            kind=row["kind"],
            path=row["path"],
            url_path=row["url_path"],
            module_id=module["row"]["id"] if module else None,
        )
        structures[course.pk].items.append(item)
        if module is not None:
            module["items"].append(item.id)
    for module in modules.values():
        if module["items"]:
            structures[module["course"].pk].modules.append(
                StructureModule(
                    id=module["row"]["id"],
                    title=module["row"]["title"],
                    item_ids=tuple(module["items"]),
                )
            )
