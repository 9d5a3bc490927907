"""Run Django code against the browser tests' own server database.

For what a person cannot do in a browser but a test must: let time pass (a session begins) and
read the facts behind a page (how many attempts, which completions, the count of trained
people). Runs `manage.py shell -c` with the server's environment, so it reads and writes the
same SQLite file the server uses.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.e2e.browsing import ROOT


def django_shell(server, script: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def django_json(server, script: str):
    """Run a script whose last printed line is JSON, and return that value."""
    return json.loads(django_shell(server, script).strip().splitlines()[-1])
