"""Benchmark dataset: a programme-sized Leerplatform in its own PostgreSQL database.

Run by `make bench` through bench/run.py; on its own:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/leerplatform_bench \
        .venv/bin/python bench/generate.py --out bench/.work/fixture.json

The database is dropped and created anew, migrated and seeded with the programme's courses
(seed_demo); then every course is topped up to 10 lessons and the learning facts are loaded
with COPY: 25,000 learners spread over every municipality (so every region) and profession,
300,000 lesson-progress rows, 40,000 completions with certificates and 2,000 imported
completions. Rows go in through the models' own tables and columns, so a field another part
adds later gets its default without a change here.

Finally it writes a fixture for the load generator: logged-in session cookies of learners who
are part-way through a course (with the lessons they still have to do and the right answers of
their course's toets), of the programme team and of the VNG, plus certificate codes to verify.
Sessions are made with the session store, so the web processes must use the same SECRET_KEY.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/leerplatform_bench"
BENCH_PASSWORD = "Bench-wachtwoord-2026"
LESSONS_PER_COURSE = 10
BARE_PAGE_SLUG = "bench-leeg"

FIRST_NAMES = [
    "Anna", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jeroen",
    "Kim", "Lars", "Mila", "Noah", "Olga", "Pieter", "Rosa", "Sem", "Tess", "Yusuf",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "Bos", "Vos", "Peters", "Hendriks", "El Amrani", "Yilmaz", "van Dijk", "Kok",
]  # fmt: skip


def log(message: str) -> None:
    print(f"[generate {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


# --- Database -------------------------------------------------------------------------------


def database_recreate(url: str) -> None:
    """Drop and create the bench database; refuses names that do not look like a bench."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Weiger database {name!r} te vervangen: de naam moet 'bench' bevatten.")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def base_key() -> str:
    """Fingerprint of what the migrated, seeded base depends on: migrations, seed code, data."""
    import hashlib

    digest = hashlib.sha256()
    patterns = ["*/migrations/*.py", "*/demo*.py", "accounts/data/*", "*/management/commands/*.py"]
    files = sorted({p for pattern in patterns for p in ROOT.glob(pattern)})
    for path in [*files, Path(__file__)]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def database_from_base(url: str, key: str) -> bool:
    """Create the bench database as a copy of a cached base; False when there is none for key.

    Migrating and seeding take minutes on a busy two-core machine; a PostgreSQL template copy
    takes seconds. The base is keyed by base_key(), so a new migration or seed makes a new one.
    """
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [f"{name}_basis"],
        ).fetchone()
        if row is None or row[0] != key:
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{name}_basis"')
    return True


def base_save(url: str, key: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}_basis" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}_basis" TEMPLATE "{name}"')
        conn.execute(f"COMMENT ON DATABASE \"{name}_basis\" IS '{key}'")


def copy_rows(model, rows: list[dict]) -> int:
    """COPY dicts (keyed by attname) into the model's table; absent fields get their default.

    Much faster than bulk_create for hundreds of thousands of rows. The id column is written
    only when the rows carry one; sequences are reset afterwards by sequences_reset().
    """
    from django.db import connection, models
    from django.utils import timezone

    if not rows:
        return 0
    now = timezone.now()
    given = set(rows[0])
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in given)
    ]
    defaults = {}
    for f in fields:
        if f.attname in given:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default():
            defaults[f.attname] = f.get_default()
        elif f.null:
            defaults[f.attname] = None
        else:
            defaults[f.attname] = ""
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            values = []
            for f in fields:
                value = row[f.attname] if f.attname in row else defaults[f.attname]
                if f.attname in json_fields and value is not None:
                    value = json.dumps(value)
                values.append(value)
            copy.write_row(values)
    return len(rows)


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def sequences_reset(*models_) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            pk = model._meta.pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                f'COALESCE((SELECT MAX("{pk}") FROM "{table}"), 1))',
                [table, pk],
            )


# --- Content --------------------------------------------------------------------------------


def site_seed() -> None:
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", verbosity=0)


def bare_page_ensure() -> str:
    """A content page with an empty body: the reference of what any Wagtail page costs."""
    from cms.models import ContentPage, HomePage

    home = HomePage.objects.first()
    page = ContentPage.objects.filter(slug=BARE_PAGE_SLUG).first()
    if page is None:
        page = ContentPage(title="Leeg", slug=BARE_PAGE_SLUG, intro="")
        home.add_child(instance=page)
        page.save_revision().publish()
    return page.url


def lessons_top_up() -> dict[int, dict]:
    """Give every course 10 live lessons (copies of its own first lesson's body).

    Returns per course id: code, title, url, validity, lesson ids and urls in tree order,
    toets id and url (or None).
    """
    from courses.models import CoursePage, LessonPage, ToetsPage

    any_lesson = LessonPage.objects.first()
    courses = {}
    for course in CoursePage.objects.live().order_by("path"):
        lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
        template = lessons[0] if lessons else any_lesson
        for number in range(len(lessons) + 1, LESSONS_PER_COURSE + 1):
            page = LessonPage(
                title=f"Verdieping {number}",
                slug=f"verdieping-{number}",
                intro="Een extra les voor de benchmark, met de inhoud van de eerste les.",
                estimated_minutes=10,
                body=template.body.raw_data,
            )
            toets = ToetsPage.objects.child_of(course).first()
            if toets is not None:
                toets.add_sibling(instance=page, pos="left")
            else:
                course.add_child(instance=page)
            page.save_revision().publish()
        lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
        toets = ToetsPage.objects.descendant_of(course).live().first()
        courses[course.pk] = {
            "id": course.pk,
            "code": course.code,
            "title": course.title,
            "url": course.url,
            "format": course.format,
            "validity": course.certificate_validity_months,
            "study_time": course.study_time_minutes,
            "lessons": [(lesson.pk, lesson.url) for lesson in lessons],
            "toets": (
                (toets.pk, toets.url, toets_answers(toets), toets_answers(toets, correct=False))
                if toets
                else None
            ),
        }
    return courses


def toets_answers(toets, *, correct: bool = True) -> list[tuple[str, str]]:
    """POST fields that answer every question of a toets: all correctly, or each with the
    first wrong option (an attempt that fails, stored and counted like any other)."""
    from courses.scoring import ANSWER_FIELD_PREFIX, _stored_questions

    fields = []
    for question_id, _value, options in _stored_questions(toets):
        chosen = [option_id for option_id, option in options if option.get("is_correct")]
        if not correct:
            chosen = [next(i for i, option in options if not option.get("is_correct"))]
        fields += [(f"{ANSWER_FIELD_PREFIX}{question_id}", option_id) for option_id in chosen]
    return fields


# --- People and facts -----------------------------------------------------------------------


def people_generate(rng: random.Random, learners: int) -> list[dict]:
    """Learners with a verified address and a complete profile, round-robin over every
    municipality and profession so each region and professional group has people."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import (
        Function,
        Municipality,
        Organisation,
        Profession,
        Profile,
        User,
        person_key_for,
    )

    municipalities = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    professions = list(Profession.objects.order_by("pk").values_list("pk", flat=True))
    functions = list(Function.objects.order_by("pk").values_list("pk", flat=True))
    kinds = [k for k, _label in Organisation.Kind.choices]
    organisations = []
    for i in range(max(50, len(municipalities) * 2)):
        organisations.append(
            Organisation(
                name=f"Benchorganisatie {i + 1}",
                kind=kinds[i % len(kinds)],
                municipality_id=municipalities[i % len(municipalities)],
            )
        )
    organisations = Organisation.objects.bulk_create(organisations, batch_size=1000)
    org_rows = [(o.pk, o.kind, o.municipality_id) for o in organisations]

    password = make_password(BENCH_PASSWORD)
    now = timezone.now()
    first_user = next_id(User)
    first_profile = next_id(Profile)
    users, addresses, profiles, profile_functions, people = [], [], [], [], []
    through = Profile.functions.through
    for i in range(learners):
        uid = first_user + i
        email = f"cursist{i + 1:05d}@bench.example.nl"
        org_id, org_kind, municipality_id = org_rows[i % len(org_rows)]
        municipality_id = municipalities[i % len(municipalities)]
        profession_id = professions[(i // len(municipalities)) % len(professions)]
        person_functions = [functions[i % len(functions)]] if i % 5 < 2 else []
        joined = now - timedelta(days=rng.randint(1, 900), seconds=rng.randint(0, 86400))
        users.append(
            {
                "id": uid,
                "password": password,
                "is_superuser": False,
                "first_name": FIRST_NAMES[i % len(FIRST_NAMES)],
                "last_name": LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)],
                "is_staff": False,
                "is_active": True,
                "date_joined": joined,
                "email": email,
                "person_key": person_key_for(email),
            }
        )
        addresses.append({"user_id": uid, "email": email, "verified": True, "primary": True})
        pid = first_profile + i
        profiles.append(
            {
                "id": pid,
                "user_id": uid,
                "organisation_id": org_id,
                "profession_id": profession_id,
                "municipality_id": municipality_id,
                "completed_at": joined,
            }
        )
        for function_id in person_functions:
            profile_functions.append({"profile_id": pid, "function_id": function_id})
        people.append(
            {
                "id": uid,
                "person_key": users[-1]["person_key"],
                "name": f"{users[-1]['first_name']} {users[-1]['last_name']}",
                "municipality_id": municipality_id,
                "organisation_kind": org_kind,
                "profession_id": profession_id,
                "functions": person_functions,
            }
        )
    copy_rows(User, users)
    copy_rows(EmailAddress, addresses)
    copy_rows(Profile, profiles)
    copy_rows(through, profile_functions)
    sequences_reset(User, Profile, EmailAddress)
    return people


def learning_generate(
    rng: random.Random,
    people: list[dict],
    courses: dict[int, dict],
    *,
    progress_rows: int,
    completions: int,
    imported: int,
) -> dict:
    """Enrolments, lesson progress, passed toetsen, completions, certificates and imports.

    Completions: 62.5% on e-learning courses (all 10 lessons done and the toets passed), the
    rest on classroom and blended courses (by attendance). The lesson-progress rows left over go
    to learners who are part-way through an e-learning course; those are the ones the load
    generator logs in as.
    """
    from django.utils import timezone

    from certificates.codes import generate_code
    from certificates.models import Certificate
    from courses.completion import valid_until_for
    from courses.models import Completion, Enrolment, LessonProgress, ToetsAttempt

    now = timezone.now()
    elearning = [c for c in courses.values() if c["format"] == "elearning" and c["toets"]]
    classroom = [c for c in courses.values() if c not in elearning]
    platform_completions = min(completions, int(completions * 0.625))
    attendance_completions = completions - platform_completions
    in_progress_rows = max(0, progress_rows - platform_completions * LESSONS_PER_COURSE)
    taken: set[tuple[int, int]] = set()

    def pick(course_list):
        while True:
            person = people[rng.randrange(len(people))]
            course = course_list[rng.randrange(len(course_list))]
            if (person["id"], course["id"]) not in taken:
                taken.add((person["id"], course["id"]))
                return person, course

    enrolments, progress, attempts, completion_rows, certificates, completion_functions = (
        [],
        [],
        [],
        [],
        [],
        [],
    )
    first_completion = next_id(Completion)
    completion_through = Completion.functions.through

    def completion_add(person, course, completed_at, source):
        cid = first_completion + len(completion_rows)
        valid_until = valid_until_for(completed_at, course["validity"])
        completion_rows.append(
            {
                "id": cid,
                "uuid": uuid.uuid4(),
                "person_key": person["person_key"],
                "user_id": person["id"],
                "course_id": course["id"],
                "course_code": course["code"],
                "course_title": course["title"],
                "round": 1,
                "completed_at": completed_at,
                "valid_until": valid_until,
                "source": source,
                "municipality_id": person["municipality_id"],
                "organisation_kind": person["organisation_kind"],
                "profession_id": person["profession_id"],
                "created_at": completed_at,
            }
        )
        for function_id in person["functions"]:
            completion_functions.append({"completion_id": cid, "function_id": function_id})
        certificates.append(
            {
                "uuid": uuid.uuid4(),
                "completion_id": cid,
                "code": generate_code(),
                "issued_at": completed_at,
                "valid_until": valid_until,
                "holder_name": person["name"],
                "holder_short_name": person["name"],
                "course_title": course["title"],
                "study_time_minutes": course["study_time"],
                "accreditations": [],
                "registrations": [],
                # Rendered already, so the PDF sweep leaves them be; bench/measure.py clears a
                # few to time the renderer.
                "pdf": "certificaten/bench/voorbeeld.pdf",
                "pdf_rendered_at": completed_at,
            }
        )

    def enrol(person, course, at, last_page_id=None, started_at=None):
        # started_at: the first lesson opened, as courses.services.enrolment_started keeps it.
        enrolments.append(
            {
                "user_id": person["id"],
                "course_id": course["id"],
                "status": Enrolment.Status.ACTIVE,
                "source": Enrolment.Source.SELF,
                "requested_at": at,
                "enrolled_at": at,
                "last_page_id": last_page_id,
                "started_at": started_at,
            }
        )

    for _ in range(platform_completions):
        person, course = pick(elearning)
        started = now - timedelta(days=rng.randint(20, 720), minutes=rng.randint(0, 1440))
        at = started
        first = len(progress)
        for lesson_id, _url in course["lessons"][:LESSONS_PER_COURSE]:
            at += timedelta(minutes=rng.randint(5, 300))
            progress.append(
                {
                    "user_id": person["id"],
                    "lesson_id": lesson_id,
                    "course_id": course["id"],
                    "started_at": at,
                    "completed_at": at + timedelta(minutes=rng.randint(3, 30)),
                }
            )
        at += timedelta(hours=1)
        attempts.append(
            {
                "user_id": person["id"],
                "toets_id": course["toets"][0],
                "course_id": course["id"],
                "number": 1,
                "submission_key": uuid.uuid4(),
                "answers": {},
                "question_count": 5,
                "correct_count": 5,
                "score_percent": 100,
                "pass_mark_percent": 70,
                "passed": True,
                "submitted_at": at,
            }
        )
        enrol(person, course, started, course["toets"][0], started_at=progress[first]["started_at"])
        completion_add(person, course, at, Completion.Source.PLATFORM)

    for _ in range(attendance_completions):
        person, course = pick(classroom)
        at = now - timedelta(days=rng.randint(1, 720), minutes=rng.randint(0, 1440))
        enrol(person, course, at - timedelta(days=30))
        completion_add(person, course, at, Completion.Source.ATTENDANCE)

    in_progress = []
    while in_progress_rows > 0:
        person, course = pick(elearning)
        done = min(in_progress_rows, rng.randint(1, LESSONS_PER_COURSE - 1))
        in_progress_rows -= done
        at = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440))
        lessons = course["lessons"][:LESSONS_PER_COURSE]
        first = len(progress)
        for lesson_id, _url in lessons[:done]:
            at += timedelta(minutes=rng.randint(5, 120))
            progress.append(
                {
                    "user_id": person["id"],
                    "lesson_id": lesson_id,
                    "course_id": course["id"],
                    "started_at": at,
                    "completed_at": at + timedelta(minutes=10),
                }
            )
        enrol(
            person,
            course,
            at - timedelta(days=1),
            lessons[done - 1][0],
            started_at=progress[first]["started_at"],
        )
        in_progress.append(
            {"user_id": person["id"], "course_id": course["id"], "todo": lessons[done:]}
        )

    # Imported completions: people from outside the platform and platform people whose
    # training elsewhere counts too.
    imported_rows = []
    codes = [c for c in courses.values() if c["format"] == "elearning"]
    for i in range(imported):
        course = codes[i % len(codes)]
        if i % 2 == 0:
            from accounts.models import person_key_for

            key = person_key_for(f"extern{i:05d}@elders.example.nl")
        else:
            person, course = pick(codes)
            key = person["person_key"]
        at = now - timedelta(days=rng.randint(30, 900))
        imported_rows.append(
            {
                "id": first_completion + len(completion_rows) + i,
                "uuid": uuid.uuid4(),
                "person_key": key,
                "course_id": course["id"],
                "course_code": course["code"],
                "course_title": course["title"],
                "round": 1,
                "completed_at": at,
                "valid_until": valid_until_for(at, course["validity"]),
                "source": Completion.Source.IMPORT,
                "import_source": "Benchmark-import",
                "created_at": at,
            }
        )

    copy_rows(Enrolment, enrolments)
    copy_rows(LessonProgress, progress)
    copy_rows(ToetsAttempt, attempts)
    copy_rows(Completion, completion_rows)
    copy_rows(completion_through, completion_functions)
    copy_rows(Completion, imported_rows)
    copy_rows(Certificate, certificates)
    sequences_reset(Enrolment, LessonProgress, ToetsAttempt, Completion, Certificate)
    return {
        "enrolments": len(enrolments),
        "lesson_progress": len(progress),
        "toets_attempts": len(attempts),
        "completions": len(completion_rows),
        "certificates": len(certificates),
        "imported_completions": len(imported_rows),
        "in_progress": in_progress,
        "certificate_codes": [c["code"] for c in certificates[:: max(1, len(certificates) // 500)]],
    }


# --- Load fixture ---------------------------------------------------------------------------


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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=25_000)
    parser.add_argument("--progress", type=int, default=300_000)
    parser.add_argument("--completions", type=int, default=40_000)
    parser.add_argument("--imported", type=int, default=2_000)
    parser.add_argument(
        "--scale", type=float, default=1, help="de vier aantallen hierboven maal dit getal"
    )
    parser.add_argument("--sessions", type=int, default=3_000, help="ingelogde cursisten")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / ".work" / "fixture.json")
    parser.add_argument("--keep", action="store_true", help="database niet opnieuw aanmaken")
    parser.add_argument("--no-base", action="store_true", help="bewaarde basis niet gebruiken")
    args = parser.parse_args(argv)
    for name in ("learners", "progress", "completions", "imported"):
        setattr(args, name, round(getattr(args, name) * args.scale))

    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings")
    # seed_demo runs only with DEBUG on; the web processes of the bench run with it off.
    os.environ["DJANGO_DEBUG"] = "1"
    started = time.monotonic()
    url = os.environ["DATABASE_URL"]
    key = base_key()
    from_base = False
    if not args.keep:
        log(f"database opnieuw aanmaken: {urlsplit(url).path[1:]}")
        from_base = not args.no_base and database_from_base(url, key)
        if from_base:
            log("gekopieerd van de bewaarde basis (gemigreerd en gevuld)")
        else:
            database_recreate(url)

    import django

    django.setup()
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        raise SystemExit("De benchmark draait op PostgreSQL: zet DATABASE_URL.")
    if not from_base:
        log("migreren en basisinhoud (seed_demo)")
        site_seed()
        log("lessen aanvullen tot 10 per cursus, lege pagina")
        lessons_top_up()
        bare_page_ensure()
        if not args.keep:
            log("basis bewaren voor de volgende keer")
            base_save(url, key)
    courses = lessons_top_up()
    rng = random.Random(args.seed)
    with transaction.atomic():
        log(f"{args.learners} cursisten")
        people = people_generate(rng, args.learners)
        log("inschrijvingen, voortgang, afrondingen, certificaten, import")
        facts = learning_generate(
            rng,
            people,
            courses,
            progress_rows=args.progress,
            completions=args.completions,
            imported=args.imported,
        )
    # The completions went in by COPY, past the writer: the reports' standings are built from
    # them as a deployment's migration (or `standings_check --herstel`) would.
    from reporting.standings import standings_rebuild

    log("telstanden opbouwen")
    log(f"telstanden: {standings_rebuild()} (doel, persoon)-bijdragen")
    log("ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log("sessies voor de belasting")
    fixture = fixture_build(courses, facts, sessions=args.sessions)
    fixture["counts"] = counts()
    fixture["seconds"] = round(time.monotonic() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(fixture, indent=1, default=str))
    log(f"klaar in {fixture['seconds']} s: {json.dumps(fixture['counts'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
