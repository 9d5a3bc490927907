"""What the bench dataset is built with: its own database (recreated, or copied from a saved
migrated and seeded base), rows copied in bulk through the models' own tables, and the content
(the programme's courses topped up to 10 lessons each, the bare page, a toets's answers)."""

from __future__ import annotations

import json
import sys
import time
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
