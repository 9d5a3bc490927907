"""The programme's courses and classroom sessions as seed content.

The texts live in courses/demo_courses/, one YAML file per course, read by
courses/demo_content.py; this module only turns them into published Wagtail pages and session
rows. Both seeders are idempotent: a course is found by its code, a lesson or
toets by its slug under the course, a session by course and title (not by start time: starts
are relative to today, so a run on another day would otherwise add the same session again).
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import Function, Profession, User
from courses import demo_content
from courses.authoring import course_coordinator_assign
from courses.models import (
    ClassroomSession,
    CourseAccreditation,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ToetsPage,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TRAINER_EMAIL = "trainer@example.org"
COORDINATOR_EMAIL = "coordinator@example.org"


def _objectives_html(objectives: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in objectives) + "</ul>"


def _publish(page) -> None:
    page.save_revision().publish()


def _course_create(*, index: CourseIndexPage, data: dict) -> CoursePage:
    refresher = None
    if data.get("refresher"):
        refresher = CoursePage.objects.filter(code=data["refresher"]).first()
    grants = None
    if data.get("grants_function"):
        grants = Function.objects.get(slug=data["grants_function"])
    course = CoursePage(
        title=data["title"],
        slug=data["code"],
        code=data["code"],
        summary=data["summary"],
        learning_objectives=_objectives_html(data["objectives"]),
        format=data["format"],
        level=data["level"],
        study_time_minutes=data["study_time_minutes"],
        certificate_validity_months=data.get("certificate_validity_months"),
        requires_all_lessons=data.get("requires_all_lessons", True),
        requires_all_tests=data.get("requires_all_tests", True),
        requires_session_attendance=data.get("requires_session_attendance", False),
        enrolment_mode=data.get("enrolment_mode", CoursePage.EnrolmentMode.OPEN),
        refresher_course=refresher,
        grants_function=grants,
    )
    course.audience_functions = list(
        Function.objects.filter(slug__in=data.get("audience_functions", []))
    )
    course.audience_professions = list(
        Profession.objects.filter(slug__in=data.get("audience_professions", []))
    )
    course.accreditations = [
        CourseAccreditation(**accreditation) for accreditation in data.get("accreditations", [])
    ]
    index.add_child(instance=course)
    _publish(course)
    return course


def _children_fill(*, course: CoursePage, data: dict) -> None:
    """Add the lessons and the toets the course does not have yet, in the order written."""
    present = set(course.get_children().values_list("slug", flat=True))
    for lesson in data.get("lessons", []):
        if lesson["slug"] in present:
            continue
        page = LessonPage(
            title=lesson["title"],
            slug=lesson["slug"],
            intro=lesson["intro"],
            estimated_minutes=lesson["minutes"],
            body=lesson["body"],
        )
        course.add_child(instance=page)
        _publish(page)
    toets = data.get("toets")
    if toets and toets["slug"] not in present:
        page = ToetsPage(
            title=toets["title"],
            slug=toets["slug"],
            intro=toets["intro"],
            pass_mark_percent=toets.get("pass_mark_percent", 70),
            max_attempts=toets.get("max_attempts"),
            questions=toets["questions"],
        )
        course.add_child(instance=page)
        _publish(page)


def seed_courses() -> tuple[int, int]:
    """Create and publish the programme's courses that are missing, with lessons and toetsen.

    Idempotent: returns (courses created, courses already present); a course that exists keeps
    its content, only lessons or a toets missing by slug are added. The demo coordinator, when
    present, coordinates every seeded course.
    """
    index = CourseIndexPage.objects.first()
    if index is None:
        return 0, 0
    coordinator = User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
    created = existing = 0
    # Refreshers first, so the courses they refresh can point at them.
    for data in demo_content.COURSES:
        course = CoursePage.objects.filter(code=data["code"]).first()
        if course is None:
            course = _course_create(index=index, data=data)
            created += 1
        else:
            existing += 1
        _children_fill(course=course, data=data)
        if coordinator is not None:
            # The authoring service also grants the course's Wagtail page permissions.
            course_coordinator_assign(course=course, user=coordinator)
    return created, existing


def _local(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def _working_day(day, *, later: bool):
    """The same day on Monday to Friday; a weekend day moves to the nearest working day on the
    same side of today (later: the Monday after, otherwise the Friday before), so a session
    planned in the past stays past and one in the future stays future."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if later else -1)
    return day


def seed_sessions() -> tuple[int, int]:
    """Create the classroom sessions that are missing, relative to today (Europe/Amsterdam).

    Idempotent by course and title. Needs the demo trainer; without it nothing is created.
    Returns (created, already present).
    """
    trainer = User.objects.filter(email__iexact=TRAINER_EMAIL).first()
    if trainer is None:
        return 0, 0
    today = timezone.localdate(timezone.now(), AMSTERDAM)
    created = existing = 0
    for code, sessions in demo_content.SESSIONS.items():
        course = CoursePage.objects.filter(code=code).first()
        if course is None:
            continue
        for item in sessions:
            if ClassroomSession.objects.filter(course=course, title=item["title"]).exists():
                existing += 1
                continue
            offset = item["days_from_today"]
            # Training days are working days: never a session on a Saturday or Sunday.
            day = _working_day(today + timedelta(days=offset), later=offset >= 0)
            ClassroomSession.objects.create(
                course=course,
                title=item["title"],
                starts_at=_local(day, *item["start"]),
                ends_at=_local(day, *item["end"]),
                location=item.get("location", ""),
                online_url=item.get("online_url", ""),
                capacity=item["capacity"],
                trainer=trainer,
            )
            created += 1
    return created, existing
