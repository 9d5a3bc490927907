"""The bench server and the load on it: gunicorn started and stopped, wrk runs (several taken
together for a write's p99), each endpoint at 1 and 8 clients, and each ratio budget's page and
reference in alternating rounds."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import time
from pathlib import Path

import shared
from environment import gunicorn_start
from prepared import raw_request
from report import BUDGETS
from shared import (
    BENCH,
    CONCURRENCY,
    DURATION,
    ENV,
    LATENCY_ROUNDS,
    RATIO_ROUNDS,
    RATIO_SECONDS,
    ROOT,
    WARMUP,
    WORK,
    log,
)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, **kwargs)


def redis_flush() -> None:
    import redis

    redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()


def probe(raw: bytes) -> int:
    """Send one prepared request; return its status (0 when the server did not answer)."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", shared.PORT), timeout=30) as sock:
            sock.sendall(raw)
            first = sock.recv(64).decode("latin-1")
        return int(first.split(" ", 2)[1])
    except (OSError, ValueError, IndexError):
        return 0


def server_idle(limit: float = 120) -> None:
    """Wait until both workers answer at once: a slow report leaves requests queued for
    seconds after wrk stops, and they would be timed as part of the next measurement."""
    from concurrent.futures import ThreadPoolExecutor

    health = raw_request("GET", "/gezond/", 1)

    def timed(_):
        started = time.monotonic()
        probe(health)
        return time.monotonic() - started

    deadline = time.monotonic() + limit
    with ThreadPoolExecutor(max_workers=2) as pool:
        while time.monotonic() < deadline:
            if max(pool.map(timed, range(2))) < 0.05:
                return
            time.sleep(0.2)
    log(f"server na {limit:g} s nog bezig; de volgende meting kan daardoor lager uitvallen")


def server_start() -> subprocess.Popen:
    return gunicorn_start(port=shared.PORT, env=ENV, log=WORK / "gunicorn.log")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


OFFSETS: dict[str, int] = {}  # per endpoint: requests already sent (new events continue here)
COUNTS: dict[str, int] = {}  # per endpoint: requests prepared


def wrk(
    requests_file: Path,
    connections: int,
    seconds: int,
    key: str | None = None,
    *,
    quantiles: bool = False,
) -> dict:
    out = WORK / f"wrk-{connections}.json"
    out.unlink(missing_ok=True)
    env = {**ENV, "BENCH_REQUESTS": str(requests_file), "BENCH_OUT": str(out)}
    if key is not None:
        env["BENCH_OFFSET"] = str(OFFSETS.get(key, 0))
    subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(BENCH / "wrk" / "replay.lua"),
            f"http://{shared.HOST}/",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    data = json.loads(out.read_text())
    if key is not None:
        # Requests still in flight when wrk stopped were sent too: count them as used.
        OFFSETS[key] = OFFSETS.get(key, 0) + data["requests"] + connections
    seconds_run = data["duration_us"] / 1e6
    errors = sum(data[k] for k in data if k.startswith("errors_"))
    measured = {
        "rps": round(data["requests"] / seconds_run, 1),
        "requests": data["requests"],
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "mean_ms": round(data["latency_mean_us"] / 1000, 1),
        "errors": errors,
    }
    if quantiles:
        measured |= {"quantiles_us": data["quantiles_us"], "seconds": seconds_run}
    return measured


def percentile_us(points: list[tuple[int, float]], p: float) -> int:
    """The least latency with at least p% of the requests at or below it, of (latency,
    requests) points in any order."""
    points = sorted(points)
    total = sum(weight for _us, weight in points)
    seen = 0.0
    for us, weight in points:
        seen += weight
        if seen >= p / 100 * total * (1 - 1e-12):
            return us
    return 0


def pooled(runs: list[dict]) -> dict:
    """The requests of several wrk runs as one measurement, and the lowest and highest p99 of
    the runs on their own. Each run's latency at every tenth of a percent stands for the tenth
    of its requests up to it (the upper end: a run alone gives wrk's own percentiles)."""
    points = [
        (us, run["requests"] / len(run["quantiles_us"]))
        for run in runs
        for us in run["quantiles_us"]
    ]
    requests = sum(run["requests"] for run in runs)
    p99s = [run["p99_ms"] for run in runs]
    return {
        "rps": round(requests / sum(run["seconds"] for run in runs), 1),
        "requests": requests,
        **{f"p{p}_ms": round(percentile_us(points, p) / 1000, 1) for p in (50, 95, 99)},
        "mean_ms": round(sum(run["mean_ms"] * run["requests"] for run in runs) / requests, 1),
        "errors": sum(run["errors"] for run in runs),
        "rounds": len(runs),
        "p99_rounds_ms": [min(p99s), max(p99s)],
    }


def requests_path(key: str) -> Path:
    return WORK / f"requests-{key}.bin"


def endpoint_measure(endpoint: dict) -> dict:
    key = endpoint["key"]
    requests_file = requests_path(key)
    requests_file.write_bytes(b"\0".join(endpoint["requests"]))
    COUNTS[key] = len(endpoint["requests"])
    # The probe sends the last request: for new events, one wrk never reaches before the end.
    status = probe(endpoint["requests"][-1])
    result = {"key": key, "label": endpoint["label"], "probe_status": status}
    if status == 404:
        result["status"] = "ontbreekt"
        return result
    if status != endpoint["expect"]:
        result["status"] = f"fout (status {status}, verwacht {endpoint['expect']})"
        return result
    server_idle()
    wrk(requests_file, 2, WARMUP, key)
    result["status"] = "gemeten"
    for connections in CONCURRENCY:
        if connections > 1 and endpoint.get("new_events"):
            runs = []
            for _round in range(LATENCY_ROUNDS):
                server_idle()
                runs.append(wrk(requests_file, connections, DURATION, key, quantiles=True))
            result[f"c{connections}"] = pooled(runs)
            continue
        server_idle()
        result[f"c{connections}"] = wrk(requests_file, connections, DURATION, key)
    failed = sum(result[f"c{connections}"]["errors"] for connections in CONCURRENCY)
    if failed:
        # Answers other than the expected status (a 429, a 500) are not a measurement of the
        # page: no figure is reported for it, and a budget on it is not met.
        result["status"] = f"fout ({failed} antwoorden niet {endpoint['expect']})"
    if endpoint.get("new_events"):
        used, prepared = OFFSETS[key], COUNTS[key] - 1  # the probe took the last one
        result["new_events"] = {"used": used, "prepared": prepared, "all_new": used <= prepared}
    return result


def ratios_measure(results: dict) -> dict[str, dict]:
    """Each ratio budget once more: page and reference at 8 clients, in alternating rounds.

    The order flips every round (reference first, then the page first), so a machine that
    slows down or speeds up during the rounds weighs on both sides. The budget is judged on
    the median of the rounds' ratios; the spread (lowest and highest round) is reported with it.
    """
    ratios = {}
    for key, _description, kind, endpoint, reference, _threshold in BUDGETS:
        if kind != "ratio" or any(
            results.get(k, {}).get("status") != "gemeten" for k in (endpoint, reference)
        ):
            continue
        rounds = []
        for n in range(RATIO_ROUNDS):
            order = (reference, endpoint) if n % 2 == 0 else (endpoint, reference)
            rps, failed = {}, 0
            for k in order:
                server_idle()
                wrk(requests_path(k), 8, 1)
                measured = wrk(requests_path(k), 8, RATIO_SECONDS)
                rps[k], failed = measured["rps"], failed + measured["errors"]
            rounds.append({"rps": rps[endpoint], "reference_rps": rps[reference], "errors": failed})
        ratios[key] = _spread([r["rps"] / r["reference_rps"] for r in rounds], rounds)
        log(
            f"verhouding {key}: {ratios[key]['median']} ({ratios[key]['min']}–{ratios[key]['max']})"
        )
    return ratios


def _spread(values: list[float], rounds: list) -> dict:
    values = sorted(values)
    return {
        "median": round(statistics.median(values), 2),
        "min": round(values[0], 2),
        "max": round(values[-1], 2),
        "rounds": rounds,
    }


def sessions_warm(fixture: dict) -> None:
    """Let every learner of the load cohort view their course page once before the load.

    The generator writes sessions straight into the database, and the cache starts empty.
    The load cohort is measured in the steady state (session and permission set cached); the
    never-warmed cohort (fixture["cold_learners"]) is timed separately by cold_measure().
    """
    from concurrent.futures import ThreadPoolExecutor

    learners = fixture["learners"]
    log(f"{len(learners)} cursisten bekijken hun cursuspagina één keer (sessies in de cache)")
    requests = [
        raw_request("GET", learner["course_url"], n, session=learner["session"])
        for n, learner in enumerate(learners)
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(probe, requests))
    if any(status != 200 for status in statuses):
        raise SystemExit(f"opwarmen: {sum(s != 200 for s in statuses)} verzoeken mislukt")
