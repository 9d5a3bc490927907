"""Pulling a partner's own LRS: from the `since` watermark, following `more`."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from courses.models import Completion
from xapi.models import COMPLETED, ActivityMapping, Partner, Statement
from xapi.services import partner_pull

ACTIVITY = "https://ccv.example.org/signalen"


def _statement(email, stored):
    return {
        "id": str(uuid.uuid4()),
        "actor": {"mbox": f"mailto:{email}"},
        "verb": {"id": COMPLETED},
        "object": {"id": ACTIVITY},
        "stored": stored,
        "authority": {"mbox": "mailto:lrs@ccv.example.org"},
    }


@pytest.fixture
def lrs():
    """A partner LRS on a free local port: two pages, the first pointing to the second."""
    pages = {
        "1": {
            "statements": [_statement("a@example.org", "2026-03-01T10:00:00.000Z")],
            "more": "/lrs/statements?page=2",
        },
        "2": {"statements": [_statement("b@example.org", "2026-03-02T10:00:00.000Z")], "more": ""},
    }
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            query = parse_qs(urlparse(self.path).query)
            seen.append((self.path, self.headers.get("Authorization", "")))
            if "since" in query:
                body = {"statements": [], "more": ""}
            else:
                body = pages[query.get("page", ["1"])[0]]
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/lrs/", seen
    server.shutdown()
    server.server_close()


def test_pull_follows_more_moves_the_watermark_and_is_idempotent(db, lrs):
    endpoint, seen = lrs
    partner = Partner.objects.create(
        name="CCV",
        code="ccv",
        username="ccv",
        lrs_endpoint=endpoint,
        lrs_username="platform",
        lrs_password="x",
        pull_enabled=True,
    )
    ActivityMapping.objects.create(partner=partner, activity_iri=ACTIVITY, course_code="ccv")
    assert partner_pull(partner=partner) == 2
    assert [path for path, _auth in seen] == ["/lrs/statements", "/lrs/statements?page=2"]
    assert all(auth.startswith("Basic ") for _path, auth in seen)
    partner.refresh_from_db()
    assert partner.pull_since == "2026-03-02T10:00:00.000Z"
    assert Completion.objects.filter(course_code="ccv").count() == 2
    assert Statement.objects.count() == 2
    # The next pull asks from the watermark on and finds nothing new.
    assert partner_pull(partner=partner) == 0
    assert "since=2026-03-02T10%3A00%3A00.000Z" in seen[-1][0]
    assert Completion.objects.count() == 2
