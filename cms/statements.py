"""The statements a Dutch public website must have: accessibility (toegankelijkheidsverklaring)
and privacy (privacyverklaring).

Both are plain views with their text in the templates (through gettext), because they describe
how this software behaves: what it stores and for how long follows from its settings, and the
result of the latest accessibility check is written by the browser tests (tests/e2e/
test_accessibility.py) into a data file that this module reads.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime


def latest_axe_run(path: Path | None = None) -> dict | None:
    """The summary of the latest axe-core run, or None when there is none (or it is unreadable).

    Keys: `run_at` (aware datetime), `pages` (pages checked, every width counted), `widths`,
    `violations` (total found), `axe_version`, `roles`.
    """
    path = Path(path or settings.ACCESSIBILITY_AUDIT_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        run_at = parse_datetime(data["run_at"])
        if not isinstance(run_at, datetime):
            return None
        return {
            "run_at": run_at,
            "pages": int(data["pages"]),
            "widths": [int(w) for w in data.get("widths", [])],
            "violations": int(data["violations"]),
            "axe_version": str(data.get("axe_version", "")),
            "roles": [str(r) for r in data.get("roles", [])],
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


def accessibility_statement(request):
    return render(
        request,
        "cms/statements/toegankelijkheid.html",
        {
            "axe_run": latest_axe_run(),
            "statement_date": settings.ACCESSIBILITY_STATEMENT_DATE,
            "contact_email": settings.CONTACT_EMAIL,
        },
    )


def privacy_statement(request):
    return render(
        request,
        "cms/statements/privacy.html",
        {
            "unverified_days": settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS,
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
            "contact_email": settings.CONTACT_EMAIL,
            "export_url": reverse("accounts:data_export"),
            "delete_url": reverse("accounts:account_delete"),
        },
    )
