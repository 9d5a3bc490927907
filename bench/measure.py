"""Background-work measurements for `make bench`; prints one JSON object on its last line.

    bench/measure.py pdf --count 40      certificate PDFs per second in the running worker(s)
    bench/measure.py import --lines N    seconds to import an N-line completion CSV
    bench/measure.py publish --times N --every S   an editor publishing a page N times, every
                                         S seconds; prints one line per publish, as it happens

Run by bench/run.py with the bench environment (DATABASE_URL, REDIS_URL, SECRET_KEY). The PDF
measurement needs a Celery worker on the same broker; run.py starts exactly one (solo pool).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings")
    import django

    django.setup()


def _wait_rendered(ids: list[int], timeout: float) -> int:
    from certificates.models import Certificate

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = Certificate.objects.filter(pk__in=ids).exclude(pdf="").count()
        if done == len(ids):
            return done
        time.sleep(0.05)
    return Certificate.objects.filter(pk__in=ids).exclude(pdf="").count()


def _pdfs_forget(ids: list[int]) -> None:
    """Make certificates as they are just after issuing: no PDF, their render asked for in the
    outbox and not yet sent, no "ready" e-mail asked for or sent.

    Clearing only the PDF measured less than a worker does in production once the dataset had
    been measured before: the e-mail's outbox row and sent marker of the earlier run remained,
    so the render asked for no e-mail and the worker sent none.
    """
    from certificates.models import Certificate
    from elearning.models import OutboxEntry, SentEmail

    Certificate.objects.filter(pk__in=ids).update(pdf="", pdf_rendered_at=None)
    keys = [f"certificaat-{kind}:{pk}" for pk in ids for kind in ("pdf", "klaar")]
    OutboxEntry.objects.filter(key__in=keys).delete()
    SentEmail.objects.filter(key__in=keys).delete()


def _pdfs_queue(ids: list[int]) -> None:
    """Ask for the renders as issuing does: outbox rows, sent to the broker after the commit,
    so the worker marks each row done when its task succeeds, as in production."""
    from django.db import transaction

    from certificates.services import certificate_pdf_enqueue

    with transaction.atomic():
        for pk in ids:
            certificate_pdf_enqueue(certificate_id=pk)


def pdf(count: int, warmup: int = 3) -> dict:
    """Forget the PDFs of `count` + warm-up certificates, queue them, time until all exist."""
    _setup()
    from certificates.models import Certificate

    ids = list(
        Certificate.objects.filter(replaced_at__isnull=True, completion__user__isnull=False)
        .order_by("-pk")
        .values_list("pk", flat=True)[: count + warmup]
    )
    _pdfs_forget(ids)
    warm, measured = ids[:warmup], ids[warmup:]
    _pdfs_queue(warm)  # the first render loads fonts and templates
    if _wait_rendered(warm, 120) < len(warm):
        return {"status": "fout", "detail": "de worker maakte geen PDF binnen 120 s"}
    started = time.monotonic()
    _pdfs_queue(measured)
    done = _wait_rendered(measured, 300)
    seconds = time.monotonic() - started
    if done < len(measured):
        return {"status": "fout", "detail": f"{done} van {len(measured)} PDF's in {seconds:.0f} s"}
    return {
        "status": "gemeten",
        "count": len(measured),
        "seconds": round(seconds, 2),
        "per_second": round(len(measured) / seconds, 1),
    }


def import_course_code() -> str:
    from courses.models import CoursePage

    codes = list(CoursePage.objects.live().values_list("code", flat=True).order_by("code"))
    return "buit-basis" if "buit-basis" in codes or not codes else codes[0]


def import_csv(lines: int) -> bytes:
    """A completion export as an external provider would deliver it (reporting.imports)."""
    from django.utils import timezone

    from accounts.models import Municipality, Profession

    municipalities = list(Municipality.objects.values_list("cbs_code", flat=True)) or [""]
    professions = list(Profession.objects.values_list("name", flat=True)) or [""]
    completed_on = timezone.localdate().replace(day=1).strftime("%d-%m-%Y")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "email",
            "voornaam",
            "achternaam",
            "organisatie",
            "beroepsgroep",
            "gemeente",
            "afgerond_op",
        ]
    )
    for i in range(lines):
        writer.writerow(
            [
                f"import{i:06d}@extern.example.nl",
                "Ima",
                f"Port {i}",
                "Jeugdzorg",
                professions[i % len(professions)],
                municipalities[i % len(municipalities)],
                completed_on,
            ]
        )
    return out.getvalue().encode("utf-8")


def import_run(lines: int) -> dict:
    _setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import User
    from reporting.imports import completions_import

    upload = SimpleUploadedFile("afrondingen.csv", import_csv(lines), "text/csv")
    team = User.objects.filter(email="programmateam@example.org").first()
    started = time.monotonic()
    result = completions_import(
        file=upload, source="Benchmark", course_code=import_course_code(), user=team
    )
    seconds = time.monotonic() - started
    return {
        "status": "gemeten",
        "lines": lines,
        "seconds": round(seconds, 2),
        "result": str(result)[:200],
    }


EDITOR_PAGE_SLUG = "bench-redactie"


def publish(times: int, every: float) -> dict:
    """An editor at work: publish a new revision of a content page every `every` seconds.

    Publishing is what a coordinator does in Wagtail; every page save moves the catalogue's
    version, so each web process rebuilds what it keeps on its next request.
    """
    _setup()
    from cms.models import ContentPage, HomePage

    page = ContentPage.objects.filter(slug=EDITOR_PAGE_SLUG).first()
    if page is None:
        page = ContentPage(title="Redactie", slug=EDITOR_PAGE_SLUG, intro="")
        HomePage.objects.first().add_child(instance=page)
    seconds = []
    for n in range(times):
        started = time.monotonic()
        page.intro = f"Bijgewerkt door de redactie ({n})"
        page.save_revision().publish()
        seconds.append(time.monotonic() - started)
        print(f"gepubliceerd {n}", flush=True)
        if n + 1 < times:
            time.sleep(max(0.0, every - seconds[-1]))
    return {"status": "gemeten", "times": times, "max_publish_s": round(max(seconds), 3)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    pdf_parser = sub.add_parser("pdf")
    pdf_parser.add_argument("--count", type=int, default=40)
    import_parser = sub.add_parser("import")
    import_parser.add_argument("--lines", type=int, default=20_000)
    publish_parser = sub.add_parser("publish")
    publish_parser.add_argument("--times", type=int, default=1)
    publish_parser.add_argument("--every", type=float, default=10)
    args = parser.parse_args(argv)
    if args.what == "pdf":
        result = pdf(args.count)
    elif args.what == "import":
        result = import_run(args.lines)
    else:
        result = publish(args.times, args.every)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
