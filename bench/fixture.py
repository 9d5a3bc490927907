"""The load fixture: sessions of three cohorts of learners (warm, never warmed, ready to
complete), the programme team and the VNG, a coordinator's large course, and certificate codes
to verify: what bench/run.py sends its requests with."""

from __future__ import annotations

from datetime import timedelta

from dataset import bare_page_ensure


def session_for(user) -> str:
    """A logged-in session as a real log-in leaves it, with the profile check remembered."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.CachedPermissionsBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["profiel_compleet"] = True
    store.create()
    return store.session_key


def sessions_for(users: list) -> list[str]:
    """Many sessions at once: one INSERT when sessions live in the database."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return [session_for(user) for user in users]
    store = SessionStore()
    expire = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows = []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "accounts.backends.CachedPermissionsBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            "profiel_compleet": True,
        }
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
    Session.objects.bulk_create(rows, batch_size=1000)
    return [row.session_key for row in rows]


COLD_LEARNERS = 400  # never warmed: their first request and first lesson are timed
READY_LEARNERS = 8000  # all lessons done: their toets POST completes the course
COORDINATED_LEARNERS = 2000  # the coordinator's list of a course with this many learners


def _cohorts(in_progress: list[dict], sessions: int) -> tuple[list, list, list]:
    """Three cohorts of enrolments: the warm load and the never-warmed are different people;
    the ready ones are enrolments of anyone but the never-warmed (someone warm in one course
    may be ready in another: another enrolment, its toets a new event all the same)."""
    warm: list[dict] = []
    cold: list[dict] = []
    ready: list[dict] = []
    people: set[int] = set()
    cold_people: set[int] = set()
    enrolments: set[tuple[int, int]] = set()
    for item in in_progress:
        person, enrolment = item["user_id"], (item["user_id"], item["course_id"])
        if not item["todo"] or enrolment in enrolments:
            continue
        if person not in people and len(warm) < sessions:
            warm.append(item)
        elif person not in people and len(cold) < COLD_LEARNERS:
            cold.append(item)
            cold_people.add(person)
        elif person not in cold_people and len(ready) < READY_LEARNERS:
            ready.append(item)
        else:
            continue
        people.add(person)
        enrolments.add(enrolment)
    return warm, cold, ready


def _lessons_finish(ready: list[dict]) -> None:
    """The ready cohort has done every lesson: their next passed toets completes the course."""
    from django.utils import timezone

    from courses.models import LessonProgress

    now = timezone.now()
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(
                user_id=item["user_id"],
                lesson_id=lesson_id,
                course_id=item["course_id"],
                started_at=now - timedelta(hours=2),
                completed_at=now - timedelta(hours=1),
            )
            for item in ready
            for lesson_id, _url in item["todo"]
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )


def _coordinator_course(courses: dict[int, dict]) -> dict | None:
    """A coordinator session and the course of about COORDINATED_LEARNERS learners they
    coordinate (the smallest course with at least that many, else the largest)."""
    from django.db.models import Count

    from accounts.models import User
    from courses.models import CourseCoordinator, CoursePage

    coordinator = User.objects.filter(email__iexact="coordinator@example.org").first()
    sizes = dict(CoursePage.objects.annotate(n=Count("enrolments")).values_list("pk", "n"))
    if coordinator is None or not sizes:
        return None
    big = [pk for pk, n in sizes.items() if n >= COORDINATED_LEARNERS]
    course_id = min(big, key=sizes.get) if big else max(sizes, key=sizes.get)
    CourseCoordinator.objects.get_or_create(user=coordinator, course_id=course_id)
    return {
        "session": session_for(coordinator),
        "url": f"/leren/coordinator/cursus/{course_id}/",
        "learners": sizes[course_id],
    }


def fixture_build(courses: dict[int, dict], facts: dict, *, sessions: int) -> dict:
    from accounts.models import User

    warm, cold, ready = _cohorts(facts["in_progress"], sessions)
    _lessons_finish(ready)
    everyone = warm + cold + ready
    users = User.objects.in_bulk([item["user_id"] for item in everyone])
    keys = sessions_for([users[item["user_id"]] for item in everyone])
    learners = []
    for item, key in zip(everyone, keys, strict=True):
        course = courses[item["course_id"]]
        learners.append(
            {
                "session": key,
                "course_url": course["url"],
                "lesson_url": item["todo"][0][1],
                "todo_lesson_ids": [lesson_id for lesson_id, _url in item["todo"]],
                "toets_id": course["toets"][0],
                "toets_answers": course["toets"][2],
                "toets_wrong_answers": course["toets"][3],
            }
        )
    staff = {}
    for key, email in (("programme", "programmateam@example.org"), ("vng", "vng@example.org")):
        user = User.objects.filter(email__iexact=email).first()
        staff[key] = session_for(user) if user else None
    anonymous_course = next(iter(courses.values()))
    return {
        "bare_page_url": bare_page_ensure(),
        "catalogue_url": "/cursussen/",
        "anonymous_course_url": anonymous_course["url"],
        # Warmed before the load; never warmed; every lesson done (the toets completes).
        "learners": learners[: len(warm)],
        "cold_learners": learners[len(warm) : len(warm) + len(cold)],
        "ready_learners": learners[len(warm) + len(cold) :],
        "programme_session": staff["programme"],
        "vng_session": staff["vng"],
        "coordinator": _coordinator_course(courses),
        "certificate_codes": facts["certificate_codes"],
    }


def counts() -> dict:
    from accounts.models import Municipality, Profession, Region, User
    from certificates.models import Certificate
    from courses.models import Completion, CoursePage, LessonPage, LessonProgress

    return {
        "users": User.objects.count(),
        "municipalities": Municipality.objects.count(),
        "regions": Region.objects.count(),
        "professions": Profession.objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "lesson_progress": LessonProgress.objects.count(),
        "completions": Completion.objects.count(),
        "imported_completions": Completion.objects.filter(source="import").count(),
        "certificates": Certificate.objects.count(),
    }
