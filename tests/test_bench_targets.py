"""The bench's requests handed to another load driver are the requests wrk sends."""

import base64
import importlib
import json
from types import SimpleNamespace

import pytest

from tests.live import ROOT


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # the bench's scripts import each other
    names = ("shared", "prepared", "load", "targets")
    return SimpleNamespace(**{name: importlib.import_module(name) for name in names})


def _as_sent(target: dict) -> tuple[str, dict, bytes]:
    """What a driver sends for a target: Host from the URL, Content-Length from the body."""
    origin, _, path = target["url"].partition("//")[2].partition("/")
    body = base64.b64decode(target.get("body", ""))
    headers = {name: values[0] for name, values in target["header"].items()}
    headers["Host"] = origin
    if body:
        headers["Content-Length"] = str(len(body))
    return f"{target['method']} /{path}", headers, body


def _as_wrk_sends(raw: bytes) -> tuple[str, dict, bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    request_line, *lines = head.decode().split("\r\n")
    return (
        request_line.rsplit(" ", 1)[0],
        dict(line.split(": ", 1) for line in lines),
        body,
    )


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_target_is_the_request_wrk_sends(bench, tmp_path, method):
    raw = bench.prepared.raw_request(
        method, "/leren/les/7/afronden/", 513, session="sessie-1", form=[("antwoord", "ja & nee")]
    )
    path = tmp_path / "targets.jsonl"
    assert bench.targets.targets_write(path, [raw, raw], f"http://{bench.shared.HOST}") == 2
    target = json.loads(path.read_text().splitlines()[0])
    assert _as_sent(target) == _as_wrk_sends(raw)
    # The learner's session, and for a write the CSRF pair and the form, travel with it.
    assert "sessionid=sessie-1" in target["header"]["Cookie"][0]
    if method == "POST":
        assert b"antwoord=ja+%26+nee" in base64.b64decode(target["body"])


def _wrk_percentile_ms(latencies_us: list[int], p: float) -> float:
    """wrk's percentile of a list of latencies: the rank is C's round(p% × count + 0.5)."""
    ordered = sorted(latencies_us)
    rank = min(len(ordered), int(p / 100 * len(ordered) + 1))
    return ordered[rank - 1] / 1000


def _as_wrk_reports(latencies_us: list[int], seconds: float) -> dict:
    """A run as the bench's wrk() (bench/load.py) reads it from replay.lua."""
    return {
        "requests": len(latencies_us),
        "seconds": seconds,
        "quantiles_us": [
            int(_wrk_percentile_ms(latencies_us, i / 10) * 1000) for i in range(1, 1001)
        ],
        "p99_ms": _wrk_percentile_ms(latencies_us, 99),
        "mean_ms": sum(latencies_us) / len(latencies_us) / 1000,
        "errors": 0,
    }


def test_runs_taken_together_give_the_percentiles_of_all_their_requests(bench):
    calm = [10_000] * 990 + [20_000] * 10
    busy = [12_000] * 950 + [60_000] * 50  # one busy moment: 5% of its requests slow
    together = bench.load.pooled([_as_wrk_reports(calm, 8.0), _as_wrk_reports(busy, 8.0)])
    for p in (50, 95, 99):
        assert together[f"p{p}_ms"] == _wrk_percentile_ms(calm + busy, p), p
    # The calm run alone would say 20 ms, the busy one 60: taken together the busy moment
    # weighs as much as it lasted, no more and no less.
    assert together["p99_rounds_ms"] == [20.0, 60.0]
    assert (together["requests"], together["rps"], together["rounds"]) == (2000, 125.0, 2)


@pytest.mark.services
def test_a_run_alone_gives_wrks_own_percentiles(bench, tmp_path, monkeypatch):
    """The latencies replay.lua writes out are the ones wrk counted: a run taken alone gives
    wrk's own p50, p95 and p99."""
    import random
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Varied(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            time.sleep(random.choice((0.001, 0.002, 0.004, 0.02)))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # wrk drops its connections mid-answer when its time is up

    server = Quiet(("127.0.0.1", 0), Varied)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setattr(bench.shared, "HOST", f"127.0.0.1:{server.server_port}")
        monkeypatch.setattr(bench.load, "WORK", tmp_path)
        requests = tmp_path / "requests.bin"
        prepared = [bench.prepared.raw_request("GET", "/", n) for n in range(50)]
        requests.write_bytes(b"\0".join(prepared))
        measured = bench.load.wrk(requests, 4, 2, quantiles=True)
    finally:
        server.shutdown()
    together = bench.load.pooled([measured])
    assert measured["requests"] > 100
    # One latency per tenth of a percent, in order, the last the slowest request.
    assert len(measured["quantiles_us"]) == 1000
    assert measured["quantiles_us"] == sorted(measured["quantiles_us"])
    for stat in ("p50_ms", "p95_ms", "p99_ms"):
        assert together[stat] == measured[stat], stat
    assert together["p50_ms"] < together["p99_ms"]
