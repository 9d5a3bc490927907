"""Browser tests: the real app served on 127.0.0.1, driven by Debian's Chromium.

One server per test session: a fresh SQLite database in a temporary folder, migrated and filled
by `seed_demo` (DEBUG on, as the command demands), then served by gunicorn on a free port. The
server writes its e-mail to files in that folder (EMAIL_URL=filemail://), which the tests read
as a person reads their inbox. Celery runs eagerly inside the server (no REDIS_URL), so a
certificate is there as soon as the page that earned it has loaded.

Nothing here skips: a browser that cannot start, a missing axe-core or a server that does not
come up fails the run loudly, because a browser suite that silently runs nothing proves nothing.

Every page a test looks at is photographed into tests/e2e/screenshots/<test>/ (git ignores it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.browsing import AXE_JS, E2E_DIR, LEARNER_PASSWORD, ROOT, SCREENSHOTS, Camera, Server

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Pages on a loaded 2-core machine can take a few seconds (Argon2, PDF rendering in-process).
TIMEOUT_MS = 30_000

# Learners made for the browser tests next to the demo data: verified, with a complete
# profile, so a test that is about something else need not walk through sign-up first.
E2E_LEARNERS = [
    ("toetsenbord@example.org", "Toos", "Toetsenbord"),
    ("zoom@example.org", "Zoë", "Zoom"),
    ("aanwezig@example.org", "Anne", "Aanwezig"),
    ("toegankelijk@example.org", "Tamara", "Toegankelijk"),
    ("toets@example.org", "Teun", "Toets"),
    ("reflectie@example.org", "Roos", "Reflectie"),
    ("nieuwe-cursus@example.org", "Nina", "Nieuwkoop"),
]

# Built by the tests' one UserFactory, run inside the server's environment (its database).
_E2E_LEARNERS_SCRIPT = """
from accounts.models import User
from tests.factories import UserFactory

for email, first, last in {learners!r}:
    if User.objects.filter(email=email).exists():
        continue
    UserFactory(
        email=email,
        password={password!r},
        first_name=first,
        last_name=last,
        profile={{"organisation_name": "Jeugdteam Utrecht"}},
    )
"""


@pytest.hookimpl(tryfirst=True)  # before -m deselects, so `-m "not e2e"` leaves these out
def pytest_collection_modifyitems(config, items):
    """Everything under tests/e2e is a browser test, whatever its author remembered."""
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


# --- the server --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args: list[str], env: dict, what: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"{what} mislukte:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def _seed_key() -> str:
    """Changes when anything that could shape the seeded database changes: the code and data of
    the apps (migrations, demo content, the services the seed calls), or the day (demo
    sessions are planned relative to today)."""
    digest = hashlib.sha256(time.strftime("%Y-%m-%d").encode())
    digest.update(repr(E2E_LEARNERS).encode())
    digest.update((ROOT / "tests" / "factories.py").read_bytes())
    for app in (
        "elearning",
        "accounts",
        "cms",
        "courses",
        "scorm",
        "certificates",
        "xapi",
        "reporting",
    ):
        for path in sorted((ROOT / app).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".csv", ".json"}:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _server_env(folder: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        # The server runs tasks in-process and keeps its own database: no broker, no PostgreSQL.
        if key not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "EMAIL_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="elearning.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{folder / 'e2e.sqlite3'}",
        # django-environ drops the first slash of the path: four slashes for an absolute one.
        EMAIL_URL=f"filemail:///{folder / 'mail'}",
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


# One server and one browser per test run, also when another folder's conftest re-exports
# these fixtures (pytest then makes a second fixture definition of each).
_shared: dict = {}


@pytest.fixture(scope="session")
def server() -> Server:
    if "server" in _shared:
        yield _shared["server"]
        return
    # A folder of its own rather than pytest's tmp_path: pytest prunes old basetemps when
    # another session starts, which must not pull the database from under a running server.
    folder = Path(tempfile.mkdtemp(prefix="leerplatform-e2e-"))
    (folder / "mail").mkdir()
    env = _server_env(folder)
    database = folder / "e2e.sqlite3"

    # Migrating ~60 migrations and seeding eight courses takes a minute or two on two cores; a
    # database seeded earlier today from the same migrations and demo files is reused.
    cache = Path(os.environ.get("E2E_CACHE_DIR", "/tmp/leerplatform-e2e-cache"))
    cached = cache / f"{_seed_key()}.sqlite3"
    try:
        if os.environ.get("E2E_FRESH_DB"):
            raise FileNotFoundError(cached)
        shutil.copyfile(cached, database)
    except FileNotFoundError:  # not cached (or pruned by a run with newer code just now)
        _run(["migrate", "--noinput"], env, "migrate")
        _run(["seed_demo"], env, "seed_demo")
        script = _E2E_LEARNERS_SCRIPT.format(learners=E2E_LEARNERS, password=LEARNER_PASSWORD)
        _run(["shell", "-c", script], env, "Het aanmaken van de e2e-cursisten")
        cache.mkdir(parents=True, exist_ok=True)
        for stale in cache.glob("*.sqlite3"):
            stale.unlink(missing_ok=True)
        partial = cache / f"{cached.stem}.{os.getpid()}.tmp"
        shutil.copyfile(database, partial)
        partial.replace(cached)  # another run never copies a half-written cache

    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "elearning.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--threads=4",
                "--timeout=120",
                "--access-logfile=-",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", folder, folder / "mail", log, process, env)
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            pytest.fail(f"De testserver stopte direct:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/gezond/", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"De testserver antwoordde niet binnen 90 s:\n{server.log_tail()}")
        time.sleep(0.5)
    _shared["server"] = server
    yield server
    _shared.pop("server", None)
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(folder, ignore_errors=True)


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if "browser" in _shared:
        yield _shared["browser"]
        return

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium ontbreekt op {CHROMIUM}: installeer het Debian-pakket `chromium` "
            "(make test-e2e doet dat zelf)."
        )
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as error:  # the message of Playwright says what went wrong
            pytest.fail(f"Chromium start niet: {error}")
        _shared["browser"] = chromium
        yield chromium
        _shared.pop("browser", None)
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core ontbreekt ({AXE_JS}): draai `npm ci` in de projectmap.")
    return AXE_JS.read_text()


@pytest.fixture
def camera(request) -> Camera:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    return Camera(SCREENSHOTS / name)


@pytest.fixture
def new_context(browser, server, camera):
    """Makes browser contexts (one per person in the test); photographs each page at the end."""
    contexts = []

    def make(*, width: int = 1280, height: int = 900):
        context = browser.new_context(
            base_url=server.url,
            viewport={"width": width, "height": height},
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        for page in context.pages:
            # A page that already crashed must not hide the real failure.
            with contextlib.suppress(Exception):
                camera.snap(page, "einde")
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()
