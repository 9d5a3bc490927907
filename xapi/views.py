"""The xAPI statements resource at /xapi/statements (the subset partners need).

POST (one statement or a list) and PUT (?statementId=) store statements; GET ?statementId= or
?voidedStatementId= reads one back. Every request names a supported X-Experience-API-Version
(1.0.x or 2.0.x) and authenticates as a partner with HTTP Basic (credentials kept in the
admin). Invalid statements get 400 with the reason; a used id with other content 409.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from elearning.errors import error_message
from xapi.models import VOIDED, Partner, Statement
from xapi.services import StatementConflict, statements_receive
from xapi.validation import StatementInvalid, parse_uuid

VERSION = re.compile(r"^(1\.0|2\.0)(\.\d+)?$")
MAX_BODY = 20 * 1024 * 1024
_verified: set[bytes] = set()


def _error(message: str, status: int, version: str = "1.0.3") -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["X-Experience-API-Version"] = version
    return response


def _partner(request) -> Partner | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return None
    try:
        username, _sep, password = base64.b64decode(header[6:]).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    partner = Partner.objects.filter(username=username, active=True).first()
    if partner is None:
        return None
    # Hashing the password costs tens of milliseconds by design; a partner posting batch after
    # batch is checked once per process. The key holds the stored hash, so a new password in
    # the admin ends the reuse at once.
    key = hashlib.sha256(f"{partner.pk}:{partner.password}:{password}".encode()).digest()
    if key not in _verified:
        if not partner.check_password(password):
            return None
        if len(_verified) > 1000:
            _verified.clear()
        _verified.add(key)
    return partner


def _stored(row: Statement, version: str) -> dict:
    data = dict(row.data)
    data.setdefault(
        "authority",
        {
            "objectType": "Agent",
            "account": {"homePage": "https://leerplatform.example.nl", "name": row.partner.code},
        },
    )
    data["version"] = "2.0.0" if version.startswith("2.0") else "1.0.3"
    return data


@csrf_exempt
def statements(request):
    version = request.headers.get("X-Experience-API-Version", "")
    if not VERSION.match(version):
        return _error(_("X-Experience-API-Version ontbreekt of wordt niet ondersteund."), 400)
    reply_version = "2.0.0" if version.startswith("2.0") else "1.0.3"
    partner = _partner(request)
    if partner is None:
        response = _error(_("Onbekende partner of verkeerd wachtwoord."), 401, reply_version)
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
        return response
    if request.method == "GET":
        return _get(request, partner, reply_version)
    if request.method not in ("POST", "PUT"):
        return _error(_("Methode niet toegestaan."), 405, reply_version)
    if len(request.body) > MAX_BODY:
        return _error(_("Het verzoek is te groot."), 413, reply_version)
    if not request.content_type.startswith("application/json"):
        return _error(_("Stuur statements als application/json."), 400, reply_version)
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _error(_("De inhoud is geen geldige JSON."), 400, reply_version)
    statement_id = None
    if request.method == "PUT":
        statement_id = request.GET.get("statementId", "")
        if parse_uuid(statement_id) is None:
            return _error(_("PUT vraagt om een statementId (UUID)."), 400, reply_version)
        if not isinstance(body, dict):
            return _error(_("PUT neemt één statement."), 400, reply_version)
    batch = body if isinstance(body, list) else [body]
    if not batch:
        return _error(_("Er zijn geen statements meegestuurd."), 400, reply_version)
    try:
        ids = statements_receive(partner=partner, statements=batch, statement_id=statement_id)
    except StatementInvalid as error:
        return _error(error_message(error), 400, reply_version)
    except StatementConflict as error:
        return _error(error_message(error), 409, reply_version)
    if request.method == "PUT":
        response = HttpResponse(status=204)
    else:
        response = JsonResponse(ids, safe=False)
    response["X-Experience-API-Version"] = reply_version
    return response


def _get(request, partner: Partner, version: str):
    statement_id = request.GET.get("statementId")
    voided_id = request.GET.get("voidedStatementId")
    if bool(statement_id) == bool(voided_id):
        return _error(
            _("Geef statementId of voidedStatementId; lijsten worden niet ondersteund."),
            400,
            version,
        )
    wanted = parse_uuid(statement_id or voided_id)
    if wanted is None:
        return _error(_("Het id is geen UUID."), 400, version)
    row = (
        Statement.objects.select_related("partner")
        .filter(partner=partner, statement_id=wanted, voided=bool(voided_id))
        .exclude(verb_id=VOIDED if voided_id else "")
        .first()
    )
    if row is None:
        return _error(_("Statement niet gevonden."), 404, version)
    response = JsonResponse(_stored(row, version))
    response["X-Experience-API-Version"] = version
    return response
