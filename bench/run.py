"""`make bench`: generate the dataset, serve it with gunicorn, load it with wrk, judge budgets.

Steps, each logged with its time:
1. bench/generate.py fills its own PostgreSQL database (recreated each run) and writes a
   fixture with logged-in sessions and certificate codes.
2. collectstatic into bench/.work/static, then gunicorn (2 workers, DEBUG off, SECRET_KEY set,
   Redis cache, ALLOWED_HOSTS=127.0.0.1, BENCH_ENDPOINTS=1) on 127.0.0.1.
3. Every learner of the fixture views their course page once (session and permission set in
   the cache, as after a real log-in). Then per endpoint: one probe request (404 means the
   endpoint does not exist yet: "ontbreekt"), a short warm-up, then wrk at 1 and at 8
   concurrent connections from a second process. Then each ratio budget once more: the page
   and its reference at 8 clients in alternating rounds; the budget takes the median ratio.
   (The first pass of the lesson page includes each learner's first opening of the lesson, a
   write; the rounds after it are views of an opened lesson, the common case.)
   Requests are prepared as raw HTTP (bench/prepared.py; bench/wrk/replay.lua replays them
   round-robin), so each POST carries a session cookie, a CSRF cookie and the matching form
   token, and each request comes "through the proxy" with its own X-Forwarded-For, as in
   production.
4. Certificate PDFs per second in one Celery worker (solo pool), and the seconds to import a
   20,000-line completion CSV (bench/measure.py).
5. bench/results/<timestamp>.json and bench/results/latest.md with the table and the budgets
   (latest-schaal-<N>.md for another BENCH_SCALE).

Environment: BENCH_SCALE (the dataset as a multiple of the programme's, default 1),
BENCH_DURATION (seconds per load run, default 8), BENCH_RATIO_ROUNDS (5) and
BENCH_RATIO_SECONDS (5) for the alternating ratio rounds, BENCH_LATENCY_ROUNDS (3): the runs at
8 clients of a write that is always a new event, whose requests are taken together,
BENCH_PORT (8123), BENCH_DATABASE_URL, BENCH_REDIS_URL (a database of its own, flushed each run),
BENCH_SKIP_GENERATE=1 to reuse the last dataset and fixture.

The parts, each a module beside this one: shared.py (paths, the server's address and settings,
the figures above), prepared.py (the endpoints and their requests), load.py (the server, wrk,
each endpoint and each ratio budget), situations.py (the never-warmed, after a publish, with an
editor, reports recomputed, PDFs, import and interop), report.py (the budgets and the report).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import time
from datetime import UTC, datetime

from load import (
    endpoint_measure,
    ratios_measure,
    redis_flush,
    run,
    server_start,
    sessions_warm,
    stop,
)
from prepared import endpoints
from report import budgets_judge, machine, markdown
from shared import (
    BENCH,
    DURATION,
    HOST,
    PYTHON,
    RATIO_ROUNDS,
    RATIO_SECONDS,
    RESULTS,
    ROOT,
    SCALE,
    WORK,
    log,
)
from situations import (
    cold_measure,
    editor_measure,
    interop_measure,
    measure_script,
    pdfs_measure,
    publish_cold_measure,
    reports_recomputed,
)


def serve_for_another_driver(fixture: dict) -> None:
    """BENCH_SERVE=1: the bench server on its dataset, the load cohort warmed as a run warms
    it, and every endpoint's requests as targets for another load driver (bench/targets.py),
    until Ctrl-C."""
    from targets import targets_write

    sessions_warm(fixture)
    for endpoint in endpoints(fixture):
        path = WORK / f"targets-{endpoint['key']}.jsonl"
        count = targets_write(path, endpoint["requests"], f"http://{HOST}")
        log(f"{endpoint['label']}: {count} verzoeken in {path.relative_to(ROOT)}")
    log(f"de benchserver draait op http://{HOST}/ tot Ctrl-C")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a kill stops the server too
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends it; main() stops the server
        signal.pause()


def wanted(part: str) -> bool:
    """BENCH_ONLY (comma-separated endpoint keys or parts: koud, publicatie, redactie,
    herberekend, verhoudingen, pdf, import, interop) limits a run to those; default everything."""
    only = os.environ.get("BENCH_ONLY")
    return not only or part in {name.strip() for name in only.split(",")}


def main() -> int:
    started = time.monotonic()
    started_at = datetime.now(UTC)
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk ontbreekt: apt-get install -y wrk")
    fixture_path = WORK / "fixture.json"
    redis_flush()
    if os.environ.get("BENCH_SKIP_GENERATE") != "1" or not fixture_path.exists():
        log("dataset genereren")
        run([PYTHON, str(BENCH / "generate.py"), "--out", str(fixture_path), f"--scale={SCALE}"])
    fixture = json.loads(fixture_path.read_text())
    log("collectstatic")
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"])
    server = None
    results: dict[str, dict] = {}
    ratios: dict[str, dict] = {}
    extra: dict[str, dict] = {}
    try:
        log(f"gunicorn op {HOST}")
        server = server_start()
        if os.environ.get("BENCH_SERVE") == "1":
            serve_for_another_driver(fixture)
            return 0
        if wanted("koud"):
            # First, while nothing but the server start has touched the cache.
            log(f"{len(fixture.get('cold_learners', []))} nooit opgewarmde cursisten")
            extra["cold"] = cold_measure(fixture)
            log(f"koud: {extra['cold']}")
        measured = [e for e in endpoints(fixture) if wanted(e["key"])]
        if measured or wanted("verhoudingen") or wanted("redactie"):
            sessions_warm(fixture)
        for endpoint in measured:
            result = endpoint_measure(endpoint)
            results[result["key"]] = result
            summary = result["status"]
            if summary == "gemeten":
                summary = (
                    f"{result['c1']['rps']} req/s bij 1, {result['c8']['rps']} req/s bij 8, "
                    f"p99 {result['c8']['p99_ms']} ms"
                )
            log(f"{endpoint['label']}: {summary}")
        if wanted("herberekend"):
            extra["recomputed"] = reports_recomputed(fixture)
            log(f"rapporten herberekend: {extra['recomputed']}")
        if wanted("verhoudingen"):
            log(f"verhoudingen: {RATIO_ROUNDS} afwisselende rondes van {RATIO_SECONDS} s")
            ratios = ratios_measure(results)
        if wanted("publicatie"):
            extra["publish_cold"] = publish_cold_measure(fixture)
            log(f"na een publicatie: {extra['publish_cold']}")
        if wanted("redactie") and results.get("lesson_learner", {}).get("status") == "gemeten":
            extra["editor"] = editor_measure()
            log(f"met een publicerende redacteur: {extra['editor']['median']}")
    finally:
        stop(server)
    if wanted("pdf"):
        log("certificaat-PDF's in één worker")
        redis_flush()  # tasks queued by the load runs would otherwise be timed too
        extra["pdf"] = pdfs_measure()
        log(f"PDF's: {extra['pdf']}")
    if wanted("import"):
        log("import van 20.000 regels")
        extra["import"] = measure_script("import", "--lines", "20000", timeout=600)
        log(f"import: {extra['import']}")
    if wanted("interop"):
        log("SCORM-opslaan en xAPI-inname (bench/interop.py, eigen database en server)")
        extra["interop"] = interop_measure()
        log(f"interop: {extra['interop']}")
    report = {
        "started_at": started_at.strftime("%Y-%m-%d %H:%M UTC"),
        "duration_s": DURATION,
        "scale": SCALE,
        "machine": machine(),
        "dataset": fixture.get("counts", {}),
        "generate_seconds": fixture.get("seconds"),
        "endpoints": list(results.values()),
        "extra": extra,
    }
    report["ratios"] = ratios
    report["budgets"] = budgets_judge(results, ratios, extra)
    report["total_seconds"] = round(time.monotonic() - started, 1)
    stamp = started_at.strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    latest = "latest.md" if SCALE == 1 else f"latest-schaal-{SCALE:g}.md"
    if os.environ.get("BENCH_ONLY"):
        latest = latest.replace(".md", "-deel.md")
    (RESULTS / latest).write_text(markdown(report))
    log(f"klaar in {report['total_seconds']} s: bench/results/{stamp}.json, bench/results/{latest}")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
