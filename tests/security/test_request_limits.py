"""Bounded requests and known proxies.

A body above its path's maximum is answered 413 from its Content-Length, before anything
reads it (elearning/limits.py): checked in-process, and against a real gunicorn with a
30 MB multipart POST to the log-in page of which the server reads nothing and writes nothing.
A forwarded client address is believed only from as many proxies as TRUSTED_PROXY_COUNT says.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.test import RequestFactory

from elearning.security import client_ip
from tests.live import ROOT

MB = 1024 * 1024


def post_of(client, path: str, size: int):
    return client.generic("POST", path, b"x" * size, content_type="application/octet-stream")


def test_the_defaults_are_25_mb_on_upload_forms_and_2_5_mb_elsewhere():
    from elearning import settings as project_settings

    assert project_settings.REQUEST_BODY_MAX_BYTES == 2.5 * MB
    assert project_settings.REQUEST_BODY_MAX_BYTES_UPLOAD == 25 * MB
    # An import's file fits in its form's body, with room for the rest of the form.
    assert project_settings.IMPORT_MAX_BYTES < project_settings.REQUEST_BODY_MAX_BYTES_UPLOAD
    assert project_settings.TRUSTED_PROXY_COUNT == 0
    assert project_settings.MIDDLEWARE[0] == "elearning.limits.RequestBodyLimitMiddleware"


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_with_413(client):
    response = post_of(client, "/accounts/login/", 3 * MB)
    assert response.status_code == 413
    assert "Het verzoek is te groot. Stuur hoogstens 2,5 MB." in response.content.decode()
    # Just under the limit the log-in form answers as usual (it shows the form again).
    assert post_of(client, "/accounts/login/", int(2.5 * MB)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/beheer/rapportage/imports/nieuw/",
        "/beheer/images/multiple/add/",
        "/beheer/documents/multiple/add/",
        "/leren/coordinator/cursus/1/importeren/",
        "/leren/coordinator/cursus/1/uitnodigen/",
    ],
)
def test_upload_forms_accept_up_to_25_mb(client, path):
    assert post_of(client, path, 10 * MB).status_code != 413
    response = post_of(client, path, 26 * MB)
    assert response.status_code == 413
    assert "hoogstens 25 MB" in response.content.decode()


@pytest.mark.django_db
def test_the_limits_are_settings(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = MB
    assert post_of(client, "/accounts/signup/", MB + 1).status_code == 413
    settings.REQUEST_BODY_MAX_BYTES = 4 * MB
    assert post_of(client, "/accounts/signup/", 3 * MB).status_code != 413


@pytest.mark.django_db
def test_an_unreadable_content_length_is_refused(client):
    response = client.post("/accounts/login/", {}, CONTENT_LENGTH="veel")
    assert response.status_code == 413


# --- Against a real server ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """gunicorn with its own upload temp folder; yields (port, temp folder, env overrides)."""
    processes = []

    def start(**env_overrides: str):
        uploads = tmp_path / f"uploads-{len(processes)}"
        uploads.mkdir()
        port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "elearning.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
            "REDIS_URL": "",
            "FILE_UPLOAD_TEMP_DIR": str(uploads),
            **env_overrides,
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "elearning.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=60",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(process)
        # Ready when a worker answers, not when the port is open: gunicorn's master binds it
        # before its worker has loaded Django, which on a busy machine takes seconds.
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as probe:
                    probe.sendall(b"GET /gezond/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    if probe.recv(16).startswith(b"HTTP/"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn startte niet")
            time.sleep(0.2)
        return port, uploads

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


BOUNDARY = "----grens"


def _start_multipart_post(port: int, total: int) -> tuple[socket.socket, bytes]:
    """Announce a `total`-byte multipart POST to the log-in page, with a CSRF cookie so that
    Django would read the form (the token in it) if nothing stopped it first."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="bijlage"; '
        'filename="groot.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(
        (
            "POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Cookie: csrftoken={'a' * 32}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
            f"Content-Length: {total}\r\n\r\n"
        ).encode()
        + head
    )
    return sock, head


def _send_body(sock: socket.socket, size: int) -> threading.Thread:
    def send():
        chunk = b"\0" * (256 * 1024)
        try:
            for _ in range(size // len(chunk)):
                sock.sendall(chunk)
        except OSError:
            pass  # the server closed the connection

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


def _status(sock: socket.socket, timeout: float) -> int | None:
    sock.settimeout(timeout)
    try:
        first = sock.recv(64)
    except TimeoutError:
        return None
    return int(first.split(b" ")[1]) if first else None


def test_a_30_mb_post_to_the_log_in_page_gets_413_and_writes_nothing(server):
    port, uploads = server()
    sock, _head = _start_multipart_post(port, total=30 * MB)
    try:
        # Not a byte of the body sent yet: the answer comes from the Content-Length alone.
        assert _status(sock, timeout=10) == 413
        _send_body(sock, MB).join(timeout=10)
        assert list(uploads.iterdir()) == []
    finally:
        sock.close()
    time.sleep(0.5)
    assert list(uploads.iterdir()) == []


def test_without_the_limit_the_same_post_would_be_written_to_disk(server):
    # The hazard the limit removes, shown on the same server with the limit raised: Django
    # reads the body (the CSRF check asks for the form) and spools the upload to a file.
    port, uploads = server(REQUEST_BODY_MAX_BYTES=str(100 * MB))
    sock, _head = _start_multipart_post(port, total=30 * MB)
    try:
        assert _status(sock, timeout=1) is None  # waiting for the body
        _send_body(sock, 8 * MB)
        deadline = time.monotonic() + 15
        while not list(uploads.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(uploads.iterdir()), "verwacht een tijdelijk bestand"
    finally:
        sock.close()


# --- Forwarded addresses --------------------------------------------------------------------


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="198.51.100.9", **meta)


def test_without_configured_proxies_a_forwarded_address_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = _request(HTTP_X_FORWARDED_FOR="203.0.113.1, 203.0.113.2")
    assert client_ip(request) == "198.51.100.9"


def test_with_one_proxy_its_hop_counts_and_what_the_client_added_does_not(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.2")) == "203.0.113.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.2")) == "10.0.0.1"
    # Fewer hops than proxies: the header is not what our proxies wrote.
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="203.0.113.2")) == "198.51.100.9"


@pytest.mark.django_db
def test_allauth_limits_log_in_by_the_same_address_rule(client, settings, learner):
    from allauth.account.adapter import get_adapter

    settings.TRUSTED_PROXY_COUNT = 0
    request = _request(HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert get_adapter(request).get_client_ip(request) == "198.51.100.9"
    # Rotating X-Forwarded-For does not escape the per-address limit on failed log-ins
    # (10 a minute per address).
    refused = []
    for attempt in range(12):
        response = client.post(
            "/accounts/login/",
            {"login": f"iemand{attempt}@example.org", "password": "fout"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
            REMOTE_ADDR="192.0.2.77",  # an address of its own: other tests' log-ins go on
        )
        refused.append("Te veel inlogpogingen" in response.content.decode())
    assert refused == [False] * 10 + [True] * 2
