"""What every part of the bench shares: where things are, the server's address and settings,
how long and how often to measure (each from the environment, see bench/run.py), and the log."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from environment import SERVER_SETTINGS  # bench/, the scripts' own folder

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
RESULTS = BENCH / "results"
PYTHON = sys.executable
BIN = Path(PYTHON).parent

PORT = int(os.environ.get("BENCH_PORT", "8123"))
HOST = f"127.0.0.1:{PORT}"
DURATION = int(os.environ.get("BENCH_DURATION", "8"))
WARMUP = 2
CONCURRENCY = (1, 8)
# Ratio budgets are measured again with page and reference in alternation, so that a drift of
# the shared VM during the run (seen: the bare Wagtail page 184 to 219 req/s between runs)
# moves both sides of a ratio alike instead of whichever happened to run later.
RATIO_ROUNDS = int(os.environ.get("BENCH_RATIO_ROUNDS", "5"))
RATIO_SECONDS = int(os.environ.get("BENCH_RATIO_SECONDS", "5"))
# A write's p99 at 8 clients is of the requests of several rounds taken together: one 8 s run
# holds about 2,000 requests, whose 20 slowest make its p99, so one busy second of the shared
# machine could decide it (lesson completion 41 to 86 ms within an hour, the same code). Each
# round sends new events too; the spread of the rounds' own p99 is reported beside it.
LATENCY_ROUNDS = int(os.environ.get("BENCH_LATENCY_ROUNDS", "3"))
CSRF_TOKEN = "BenchCsrfToken0123456789abcdefgh"  # 32 alphanumerics: a valid unmasked secret

ENV = {
    **os.environ,
    **SERVER_SETTINGS,
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leerplatform_bench"
    ),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
    "SITE_URL": f"https://{HOST}",
    "BENCH_ENDPOINTS": "1",
    "STATIC_ROOT": str(WORK / "static"),
    "MEDIA_ROOT": str(WORK / "media"),
    "CELERY_TASK_ALWAYS_EAGER": "0",
}


# The dataset's size as a multiple of the programme's (BENCH_SCALE=10: 250,000 learners, 3
# million lesson-progress rows, 400,000 completions), for the growth the README plans for.
SCALE = float(os.environ.get("BENCH_SCALE", "1"))


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S} UTC] {message}", flush=True)
