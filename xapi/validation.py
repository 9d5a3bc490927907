"""Checking statements against the xAPI specification (1.0.3 and 2.0), the part a partner
sending completions uses. A statement that breaks a rule is refused with a reason; a batch
with one bad statement is refused as a whole (the spec's all-or-nothing for POST).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from urllib.parse import urlparse

from django.utils.translation import gettext as _

from elearning.errors import DomainError, error_message
from xapi.models import VOIDED

STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
ACTOR_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member"}
VERB_KEYS = {"id", "display"}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
SHA1 = re.compile(r"^[0-9a-f]{40}$")
DURATION = re.compile(
    r"^P(?:\d+(?:\.\d+)?W|(?=\d|T\d)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?)$"
)
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


class StatementInvalid(DomainError):
    """A statement that breaks the specification; the message says which rule."""


def _fail(message: str, index: int | None = None):
    if index is not None:
        message = _("Statement %(n)s: %(message)s") % {"n": index + 1, "message": message}
    raise StatementInvalid(message)


def is_iri(value) -> bool:
    if not isinstance(value, str) or not value or " " in value:
        return False
    parsed = urlparse(value)
    return bool(parsed.scheme) and bool(parsed.netloc or parsed.path)


def parse_uuid(value) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    # The spec asks for the canonical form (hyphenated, 36 characters).
    return parsed if len(value) == 36 else None


def parse_timestamp(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _language_map(value, what: str) -> None:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and LANGUAGE_TAG.match(k) and isinstance(v, str)
        for k, v in value.items()
    ):
        _fail(_("%(what)s moet een taalkaart zijn (taalcode → tekst).") % {"what": what})


def _agent(actor, what: str = "actor") -> None:
    if not isinstance(actor, dict):
        _fail(_("%(what)s ontbreekt of is geen object.") % {"what": what})
    unknown = set(actor) - ACTOR_KEYS
    if unknown:
        _fail(
            _("onbekende eigenschap in %(what)s: %(keys)s")
            % {"what": what, "keys": sorted(unknown)}
        )
    kind = actor.get("objectType", "Agent")
    if kind not in ("Agent", "Group"):
        _fail(_("%(what)s.objectType moet Agent of Group zijn.") % {"what": what})
    identifiers = [key for key in ("mbox", "mbox_sha1sum", "openid", "account") if key in actor]
    if len(identifiers) > 1:
        _fail(_("%(what)s heeft meer dan één identificatie.") % {"what": what})
    if not identifiers and kind == "Agent":
        _fail(_("%(what)s heeft geen mbox, mbox_sha1sum, openid of account.") % {"what": what})
    if "mbox" in actor and not (
        isinstance(actor["mbox"], str)
        and actor["mbox"].startswith("mailto:")
        and "@" in actor["mbox"]
    ):
        _fail(_("mbox moet de vorm mailto:adres hebben."))
    if "mbox_sha1sum" in actor and not (
        isinstance(actor["mbox_sha1sum"], str) and SHA1.match(actor["mbox_sha1sum"])
    ):
        _fail(_("mbox_sha1sum moet 40 hexadecimale tekens zijn."))
    if "openid" in actor and not is_iri(actor["openid"]):
        _fail(_("openid moet een URI zijn."))
    if "account" in actor:
        account = actor["account"]
        if (
            not isinstance(account, dict)
            or set(account) != {"homePage", "name"}
            or not is_iri(account.get("homePage"))
            or not isinstance(account.get("name"), str)
            or not account["name"]
        ):
            _fail(_("account moet precies homePage (IRL) en name hebben."))
    if "name" in actor and not isinstance(actor["name"], str):
        _fail(_("name van %(what)s moet tekst zijn.") % {"what": what})
    if "member" in actor:
        if kind != "Group" or not isinstance(actor["member"], list):
            _fail(_("member mag alleen bij een Group staan, als lijst."))
        for member in actor["member"]:
            _agent(member, "member")


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _result(result) -> None:
    if not isinstance(result, dict):
        _fail(_("result moet een object zijn."))
    unknown = set(result) - RESULT_KEYS
    if unknown:
        _fail(_("onbekende eigenschap in result: %(keys)s") % {"keys": sorted(unknown)})
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            _fail(_("result.%(key)s moet true of false zijn.") % {"key": key})
    if "duration" in result and not (
        isinstance(result["duration"], str) and DURATION.match(result["duration"])
    ):
        _fail(_("result.duration moet een ISO 8601-duur zijn."))
    if "score" in result:
        score = result["score"]
        if not isinstance(score, dict) or set(score) - SCORE_KEYS:
            _fail(_("result.score heeft onbekende eigenschappen."))
        if not all(_number(v) for v in score.values()):
            _fail(_("result.score bevat iets anders dan getallen."))
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            _fail(_("result.score.scaled moet tussen -1 en 1 liggen."))
        low, high, raw = score.get("min"), score.get("max"), score.get("raw")
        if low is not None and high is not None and low >= high:
            _fail(_("result.score.min moet kleiner zijn dan max."))
        if raw is not None and (
            (low is not None and raw < low) or (high is not None and raw > high)
        ):
            _fail(_("result.score.raw moet tussen min en max liggen."))


def statement_validate(statement, index: int | None = None) -> None:
    """Raise StatementInvalid (with the rule broken) unless `statement` is a valid statement."""
    try:
        _statement(statement)
    except StatementInvalid as error:
        _fail(error_message(error), index)


def _statement(statement) -> None:
    if not isinstance(statement, dict):
        _fail(_("een statement moet een JSON-object zijn."))
    unknown = set(statement) - STATEMENT_KEYS
    if unknown:
        _fail(_("onbekende eigenschap: %(keys)s") % {"keys": sorted(unknown)})
    if "id" in statement and parse_uuid(statement["id"]) is None:
        _fail(_("id moet een UUID zijn."))
    _agent(statement.get("actor"))
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not is_iri(verb.get("id")) or set(verb) - VERB_KEYS:
        _fail(_("verb moet een object met een id (IRI) zijn."))
    if "display" in verb:
        _language_map(verb["display"], "verb.display")
    target = statement.get("object")
    if not isinstance(target, dict):
        _fail(_("object ontbreekt of is geen object."))
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        if not is_iri(target.get("id")):
            _fail(_("object.id moet een IRI zijn."))
        if set(target) - {"objectType", "id", "definition"}:
            _fail(_("object heeft onbekende eigenschappen."))
    elif kind == "StatementRef":
        if parse_uuid(target.get("id")) is None or set(target) != {"objectType", "id"}:
            _fail(_("een StatementRef moet precies objectType en een UUID als id hebben."))
    elif kind in ("Agent", "Group"):
        _agent(target, "object")
    elif kind != "SubStatement":
        _fail(_("object.objectType is onbekend."))
    if verb.get("id") == VOIDED and kind != "StatementRef":
        _fail(_("een voided-statement moet naar een StatementRef wijzen."))
    if "result" in statement:
        _result(statement["result"])
    if "context" in statement and not isinstance(statement["context"], dict):
        _fail(_("context moet een object zijn."))
    for key in ("timestamp", "stored"):
        if key in statement and parse_timestamp(statement[key]) is None:
            _fail(_("%(key)s moet een ISO 8601-tijdstip met tijdzone zijn.") % {"key": key})
    if "version" in statement and not (
        isinstance(statement["version"], str)
        and re.match(r"^(1\.0|2\.0)(\.\d+)?$", statement["version"])
    ):
        _fail(_("version moet 1.0.x of 2.0.x zijn."))
