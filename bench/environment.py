"""What every bench server runs with: production mode (DEBUG off) and secrets of its own, and
how it is started.

Shared by bench/run.py and bench/interop.py (both run as scripts from this folder), so a
setting production demands, such as its own MFA_ENCRYPTION_SECRET, is given to both at once.
"""

import http.client
import subprocess
import sys
import time
from pathlib import Path

SERVER_SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "elearning.settings",
    "SECRET_KEY": "bench-only-" + "k" * 50,
    "PERSON_KEY_SECRET": "bench-only-person-key",
    "MFA_ENCRYPTION_SECRET": "bench-only-mfa-key",
    "DJANGO_DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    # TLS ends at a proxy in production; the bench talks plain HTTP on the loopback.
    "SECURE_SSL_REDIRECT": "0",
    # As behind the one nginx of production: the address each prepared request carries in
    # X-Forwarded-For is the client's. Without it every request came from 127.0.0.1, and the
    # per-address limit of certificate verification answered all but the first 20 with 429.
    "TRUSTED_PROXY_COUNT": "1",
    "EMAIL_URL": "consolemail://",
    "LOG_LEVEL": "WARNING",
}


def gunicorn_start(*, port: int, env: dict, log: Path, keep_alive: int = 5) -> subprocess.Popen:
    """The app under gunicorn as every bench serves it (2 sync workers) on 127.0.0.1:`port`, in
    a process group of its own (so a kill of the group stops its workers too), returned once
    /gezond/ answers."""
    log.parent.mkdir(parents=True, exist_ok=True)
    logfile = open(log, "w")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "elearning.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "sync",
            "--keep-alive",
            str(keep_alive),
            "--log-level",
            "warning",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=logfile,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(240):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/gezond/", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopte; zie {log}")
        time.sleep(0.5)
    raise SystemExit("gunicorn kwam niet op")
