"""The prepared requests of the bench as targets for a load driver of your own choice.

`make bench` measures with wrk and bench/wrk/replay.lua. To check its figures with another
driver against the same server, the same learners and the same pages, `BENCH_SERVE=1 make
bench` prepares the dataset, starts the bench server, warms the load cohort as a run does, and
writes every endpoint's requests to bench/.work/targets-<key>.jsonl: one JSON object per line
in vegeta's target format (method, url, header with lists of values, body in base64), which
k6, Locust or a short script read as easily. It then serves until Ctrl-C.

Each line carries its own session cookie, CSRF token and X-Forwarded-For, exactly as wrk sends
it. The writes (les afronden, toets inleveren) are new events only once: replay each line at
most once, or start again from a fresh dataset.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path


def target_of(raw: bytes, origin: str) -> dict:
    """One raw HTTP/1.1 request (bench/prepared.py: raw_request) as a vegeta target on `origin`."""
    head, _, body = raw.partition(b"\r\n\r\n")
    request_line, *header_lines = head.decode().split("\r\n")
    method, path, _version = request_line.split(" ")
    header: dict[str, list[str]] = {}
    for line in header_lines:
        name, _, value = line.partition(": ")
        if name.lower() in ("host", "content-length"):
            continue  # the driver sets both from the URL and the body
        header.setdefault(name, []).append(value)
    target = {"method": method, "url": origin + path, "header": header}
    if body:
        target["body"] = base64.b64encode(body).decode()
    return target


def targets_write(path: Path, requests: list[bytes], origin: str) -> int:
    """Write `requests` to `path` as JSON lines; returns how many."""
    with path.open("w") as out:
        for raw in requests:
            out.write(json.dumps(target_of(raw, origin)) + "\n")
    return len(requests)
