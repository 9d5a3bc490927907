"""What a person meets besides the steady load: a first request and a first lesson of learners
never warmed, the first readers right after a publish, learners while an editor publishes,
reports recomputed, and the scripts that time background work (PDFs, the import, interop)."""

from __future__ import annotations

import json
import os
import subprocess
import time

from load import _spread, probe, requests_path, run, server_idle, stop, wrk
from prepared import raw_request
from shared import BENCH, ENV, PYTHON, RESULTS, ROOT, WORK


def timed(raw: bytes) -> tuple[int, float]:
    """Status and milliseconds until the first bytes of the response (the server's time)."""
    started = time.perf_counter()
    status = probe(raw)
    return status, (time.perf_counter() - started) * 1000


def _percentiles(ms: list[float]) -> dict:
    ordered = sorted(ms)
    if not ordered:
        return {"n": 0}

    def at(q):
        return round(ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))], 1)

    return {"n": len(ordered), "p50_ms": at(0.5), "p95_ms": at(0.95), "max_ms": at(1.0)}


def cold_measure(fixture: dict) -> dict:
    """The never-warmed cohort: each learner's first request (a course page with a cold
    session and permission set) and then their first opening of a lesson (which records that
    they started it), one learner at a time, as someone arriving on a quiet afternoon does."""
    learners = fixture.get("cold_learners", [])
    first, lesson, bad = [], [], 0
    for n, learner in enumerate(learners):
        status, ms = timed(raw_request("GET", learner["course_url"], n, session=learner["session"]))
        first.append(ms)
        status2, ms2 = timed(
            raw_request("GET", learner["lesson_url"], n, session=learner["session"])
        )
        lesson.append(ms2)
        bad += (status != 200) + (status2 != 200)
    return {
        "status": "gemeten" if learners and not bad else f"fout ({bad} verzoeken niet 200)",
        "first_request": _percentiles(first),
        "first_lesson": _percentiles(lesson),
    }


def _publisher(times: int, every: float) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, str(BENCH / "measure.py"), "publish", "--times", str(times), "--every",
         str(every)],
        cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        start_new_session=True,
    )  # fmt: skip


def publish_cold_measure(fixture: dict, times: int = 10) -> dict:
    """Right after an editor publishes a page, every web process rebuilds what it keeps of the
    catalogue: two learners open a lesson at once (one per worker, likely) after each publish."""
    from concurrent.futures import ThreadPoolExecutor

    learners = fixture["learners"]
    publisher = _publisher(times, 2)
    after = []
    n = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for line in publisher.stdout:
            if not line.startswith("gepubliceerd"):
                continue
            batch = [
                raw_request("GET", learners[(n + i) % len(learners)]["lesson_url"], n + i,
                            session=learners[(n + i) % len(learners)]["session"])
                for i in range(2)
            ]  # fmt: skip
            n += 2
            after += [ms for status, ms in pool.map(timed, batch) if status == 200]
    publisher.wait()
    return {"status": "gemeten" if after else "fout", "after_publish": _percentiles(after)}


def editor_measure(rounds: int = 3, seconds: int = 20) -> dict:
    """Learner throughput (lesson page, 8 clients) with an editor publishing a page every 10 s,
    against the same load without, in alternating rounds."""
    requests_file = requests_path("lesson_learner")
    measured = []
    for n in range(rounds):
        runs = {}
        for mode in ("zonder", "met") if n % 2 == 0 else ("met", "zonder"):
            server_idle()
            if mode == "met":
                publisher = _publisher(seconds // 10 + 1, 10)
                publisher.stdout.readline()  # the first publish happened: the load starts
                runs[mode] = wrk(requests_file, 8, seconds)
                publisher.wait()
            else:
                runs[mode] = wrk(requests_file, 8, seconds)
        measured.append(
            {
                "rps": runs["met"]["rps"],
                "reference_rps": runs["zonder"]["rps"],
                "errors": runs["met"]["errors"] + runs["zonder"]["errors"],
            }
        )
    return _spread([r["rps"] / r["reference_rps"] for r in measured], measured)


def version_bump_raw(*, holders: bool = False) -> None:
    """Move the reports version in the shared cache, as an edited target does: every cached
    report is stale and the next request recomputes it (a new completion moves only the
    versions of the targets it counts for; reporting.counters.report_cache_keys). With
    `holders`, also the registered holders' version, as a changed profile does."""
    import redis

    client = redis.Redis.from_url(ENV["REDIS_URL"])
    client.incr("leerplatform:1:rapportage:versie")
    if holders:
        client.incr("leerplatform:1:functiehouders:versie")


def reports_recomputed(fixture: dict, times: int = 30) -> dict:
    """Each report page recomputed on every request (the version moved just before it); the
    VNG page once more with its registered holders read again too (reporting.holders keeps
    them up to five minutes, and a changed profile moves them at once)."""
    measured = {}
    for key, path, session, holders in (
        ("rapportage", "/rapportage/", fixture["programme_session"], False),
        ("rapportage_vng", "/rapportage/vng/", fixture["vng_session"], False),
        ("rapportage_vng_houders", "/rapportage/vng/", fixture["vng_session"], True),
    ):
        ms, bad = [], 0
        for n in range(times):
            version_bump_raw(holders=holders)
            status, took = timed(raw_request("GET", path, n, session=session))
            bad += status != 200
            ms.append(took)
        measured[key] = {"status": "gemeten" if not bad else "fout", **_percentiles(ms)}
    return measured


def measure_script(*args: str, timeout: int = 300) -> dict:
    """bench/measure.py prints one JSON object on its last line."""
    try:
        done = run(
            [PYTHON, str(BENCH / "measure.py"), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.CalledProcessError as error:
        return {"status": "fout", "detail": (error.stderr or "")[-500:]}
    except subprocess.TimeoutExpired:
        return {"status": "fout", "detail": f"duurde langer dan {timeout} s"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def pdfs_measure() -> dict:
    worker = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "elearning",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=open(WORK / "celery.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        return measure_script("pdf", "--count", "40")
    finally:
        stop(worker)


def interop_measure() -> dict:
    """bench/interop.py in its own process, database and server: SCORM commits at 8 clients
    (repeated, and first commits of new attempts) and a 10,000-statement xAPI ingest.
    Its BENCH_INTEROP_* variables pass through; its figures come back from its JSON file."""
    out = RESULTS / "interop-latest.json"
    out.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k.startswith("BENCH_INTEROP_")}
    try:
        subprocess.run(
            [PYTHON, str(BENCH / "interop.py")],
            cwd=ROOT,
            env={**os.environ, **env},
            timeout=1800,
            stdout=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return {"status": "fout (langer dan 30 minuten)"}
    if not out.exists():
        return {"status": "fout (zie de uitvoer van bench/interop.py)"}
    return {"status": "gemeten", **json.loads(out.read_text())}
