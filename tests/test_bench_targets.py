"""The bench's requests handed to another load driver are the requests wrk sends."""

import base64
import importlib
import json

import pytest

from tests.live import ROOT


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # the bench's scripts import each other
    return importlib.import_module("run"), importlib.import_module("targets")


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
    run, targets = bench
    raw = run.raw_request(
        method, "/leren/les/7/afronden/", 513, session="sessie-1", form=[("antwoord", "ja & nee")]
    )
    path = tmp_path / "targets.jsonl"
    assert targets.targets_write(path, [raw, raw], f"http://{run.HOST}") == 2
    target = json.loads(path.read_text().splitlines()[0])
    assert _as_sent(target) == _as_wrk_sends(raw)
    # The learner's session, and for a write the CSRF pair and the form, travel with it.
    assert "sessionid=sessie-1" in target["header"]["Cookie"][0]
    if method == "POST":
        assert b"antwoord=ja+%26+nee" in base64.b64decode(target["body"])
