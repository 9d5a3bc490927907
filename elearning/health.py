"""Health check: /gezond/ reports database, cache and broker, and answers 503 if one fails."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from elearning.celery import app


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    ping = getattr(cache, "ping_primary", None)
    if ping is not None:
        # The shared cache answers from process memory during an outage; ask Redis itself.
        ping()
        return "ok"
    key = f"gezond:{uuid.uuid4().hex}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("de cache geeft de geschreven waarde niet terug")
    cache.delete(key)
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_BROKER_URL.startswith("memory://"):
        return "ok (taken worden direct uitgevoerd, geen broker ingesteld)"
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


@never_cache
def health(request):
    results, failed = {}, []
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # any failure is a failed check, whatever its type
            results[name] = f"fout: {exc.__class__.__name__}"
            failed.append(name)
    body = {"status": "ok" if not failed else "fout", "checks": results, "failed": failed}
    return JsonResponse(body, status=503 if failed else 200)
