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

The parts, each a module beside this one: dataset.py (the database, bulk copies and content),
people.py (the learners and what they did), fixture.py (the sessions and cohorts of the load).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from dataset import (
    DEFAULT_DATABASE_URL,
    ROOT,
    bare_page_ensure,
    base_key,
    base_save,
    database_from_base,
    database_recreate,
    lessons_top_up,
    log,
    site_seed,
)
from fixture import counts, fixture_build
from people import learning_generate, people_generate


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
