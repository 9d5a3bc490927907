"""Writes about partner statements: receiving, attributing, voiding, replaying and pulling.

CONTRACT
- statements_receive(*, partner, statements, statement_id=None) -> list[str]: validates every
  statement (StatementInvalid: nothing stored), gives those without an id one, and stores each
  new one with what became of it. Idempotent on the statement id: the same statement again
  changes nothing; another statement under a used id raises StatementConflict. Completions are
  written through courses.completion (the one writer), first rounds in bulk; voiding
  statements revoke through completion_revoke.
- statements_replay(*, statements) -> int: processes dead letters again (after a mapping was
  fixed); what still cannot be attributed stays a dead letter. Idempotent.
- partner_pull(*, partner, opener=None) -> int: fetches the partner's LRS from its `since`
  watermark, following `more`, and receives what it gets. Idempotent (statement ids).
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin
from urllib.request import Request, urlopen

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User, normalise_email, person_key_for
from courses.completion import completion_revoke, completions_record_many, valid_until_for
from courses.models import Completion, CoursePage
from elearning.errors import DomainError
from xapi.models import VOIDED, ActivityMapping, Partner, Statement
from xapi.validation import parse_timestamp, statement_validate


class StatementConflict(DomainError):
    """A statement id that is already used by a different statement."""


def content_hash(statement: dict) -> str:
    """What makes two statements "the same" for idempotency: everything but what the LRS adds."""
    kept = {k: v for k, v in statement.items() if k not in ("stored", "authority", "version")}
    return hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()


@dataclass
class _Context:
    """What processing a batch reads once: mappings, courses, known people and completions."""

    partner: Partner
    mappings: dict[str, str]
    courses: dict[str, CoursePage] = field(default_factory=dict)
    sha1_keys: dict[str, str] | None = None
    completed: set[tuple[str, str]] = field(default_factory=set)

    def sha1_key(self, digest: str) -> str:
        if self.sha1_keys is None:
            # Platform people by the SHA-1 of their mailto IRI: only those can be attributed.
            self.sha1_keys = {
                hashlib.sha1(f"mailto:{normalise_email(email)}".encode()).hexdigest(): key
                for email, key in User.objects.values_list("email", "person_key")
            }
        return self.sha1_keys.get(digest, "")


def _context(partner: Partner) -> _Context:
    mappings = dict(
        ActivityMapping.objects.filter(partner=partner).values_list("activity_iri", "course_code")
    )
    courses = {
        c.code: c
        for c in CoursePage.objects.filter(code__in=set(mappings.values())).only(
            "id", "code", "title", "certificate_validity_months"
        )
    }
    return _Context(partner=partner, mappings=mappings, courses=courses)


def _person_key(actor: dict, context: _Context) -> tuple[str, str]:
    """(person key, reason when none): the same key a CSV import gives the same e-mail."""
    if "mbox" in actor:
        return person_key_for(actor["mbox"].removeprefix("mailto:")), ""
    if "mbox_sha1sum" in actor:
        key = context.sha1_key(actor["mbox_sha1sum"])
        return key, "" if key else _("mbox_sha1sum hoort bij niemand op het platform")
    if "account" in actor:
        name = actor["account"]["name"]
        if "@" in name:
            return person_key_for(name), ""
        return "", _("account-naam is geen e-mailadres")
    return "", _("actor is niet aan een persoon toe te rekenen (geen mbox of account)")


def _classify(row: Statement, context: _Context) -> None:
    """Set status, reason, person and course of a (non-voiding) statement, in memory."""
    data = row.data
    row.processed_at = timezone.now()
    if row.verb_id not in context.partner.completion_verbs:
        row.status, row.reason = Statement.Status.IGNORED, _("werkwoord is geen afronding")
        return
    result = data.get("result") or {}
    if result.get("success") is False or result.get("completion") is False:
        row.status, row.reason = Statement.Status.IGNORED, _("resultaat is niet geslaagd")
        return
    course_code = context.mappings.get(row.activity_id, "")
    if not course_code:
        row.status = Statement.Status.DEAD
        row.reason = _("geen cursus gekoppeld aan activiteit %(iri)s") % {"iri": row.activity_id}
        return
    person_key, why = _person_key(data.get("actor") or {}, context)
    if not person_key:
        row.status, row.reason = Statement.Status.DEAD, why
        return
    row.person_key, row.course_code, row.reason = person_key, course_code, ""
    row.status = (
        Statement.Status.DUPLICATE
        if (person_key, course_code) in context.completed
        else Statement.Status.COUNTED
    )
    context.completed.add((person_key, course_code))


def _completions_for(rows: list[Statement], context: _Context) -> list[Completion]:
    """First-round completions for the statements that count, read against what exists."""
    counting = [r for r in rows if r.status == Statement.Status.COUNTED]
    if not counting:
        return []
    existing = set(
        Completion.objects.filter(
            person_key__in={r.person_key for r in counting},
            course_code__in={r.course_code for r in counting},
        ).values_list("person_key", "course_code")
    )
    completions = []
    for row in counting:
        if (row.person_key, row.course_code) in existing:
            row.status = Statement.Status.DUPLICATE
            continue
        existing.add((row.person_key, row.course_code))
        course = context.courses.get(row.course_code)
        when = parse_timestamp(row.data.get("timestamp")) or timezone.now()
        when = min(when, timezone.now())
        completions.append(
            Completion(
                person_key=row.person_key,
                course=course,
                course_code=row.course_code,
                course_title=course.title if course else row.course_code,
                round=1,
                completed_at=when,
                valid_until=valid_until_for(
                    when, course.certificate_validity_months if course else None
                ),
                source=Completion.Source.XAPI,
                origin={
                    "kind": "xapi",
                    "partner": context.partner.code,
                    "statement": str(row.statement_id),
                },
            )
        )
    return completions


def _void(row: Statement, partner: Partner) -> None:
    target_id = row.data["object"]["id"]
    row.status = Statement.Status.VOIDING
    row.processed_at = timezone.now()
    target = (
        Statement.objects.select_for_update()
        .filter(partner=partner, statement_id=target_id)
        .first()
    )
    if target is None or target.verb_id == VOIDED:
        row.reason = _("het ingetrokken statement is onbekend of zelf een intrekking")
        return
    if not target.voided:
        target.voided = True
        target.save(update_fields=["voided"])
    completion = Completion.objects.filter(
        person_key=target.person_key,
        course_code=target.course_code,
        origin__statement=str(target.statement_id),
    ).first()
    if completion is not None:
        completion_revoke(
            completion=completion,
            reason=_("Ingetrokken door partner %(partner)s (xAPI-statement %(id)s)")
            % {"partner": partner.code, "id": row.statement_id},
        )


@transaction.atomic
def statements_receive(
    *, partner: Partner, statements: list, statement_id: str | None = None
) -> list[str]:
    """Validate and store a batch of statements. See the module contract."""
    for index, statement in enumerate(statements):
        statement_validate(statement, index if len(statements) > 1 else None)
    if statement_id is not None:
        statement = statements[0]
        if "id" in statement and statement["id"] != statement_id:
            raise StatementConflict(_("statementId en het id in het statement verschillen."))
        statements = [{**statement, "id": statement_id}]
    prepared, ids = [], []
    for statement in statements:
        statement = dict(statement)
        statement.setdefault("id", str(uuid.uuid4()))
        ids.append(statement["id"])
        prepared.append(statement)
    if len(set(ids)) != len(ids):
        raise StatementConflict(_("hetzelfde statement-id komt twee keer voor in de batch."))
    known = {
        str(s.statement_id): s.content_hash
        for s in Statement.objects.filter(statement_id__in=ids).only("statement_id", "content_hash")
    }
    rows, voids = [], []
    for statement in prepared:
        digest = content_hash(statement)
        if statement["id"] in known:
            if known[statement["id"]] != digest:
                raise StatementConflict(
                    _("statement %(id)s bestaat al met een andere inhoud.")
                    % {"id": statement["id"]}
                )
            continue  # the same statement again: nothing changes
        target = statement["object"]
        row = Statement(
            partner=partner,
            statement_id=statement["id"],
            content_hash=digest,
            data={**statement, "stored": timezone.now().isoformat(), "version": "1.0.3"},
            verb_id=statement["verb"]["id"],
            activity_id=target.get("id", "")
            if target.get("objectType", "Activity") == "Activity"
            else "",
        )
        (voids if row.verb_id == VOIDED else rows).append(row)
    context = _context(partner)
    for row in rows:
        _classify(row, context)
    completions_record_many(_completions_for(rows, context))
    Statement.objects.bulk_create(rows, batch_size=1000)
    for row in voids:
        row.save()  # first, so a void of a void in the same batch finds it
        _void(row, partner)
        row.save(update_fields=["status", "reason", "processed_at"])
    return ids


@transaction.atomic
def statements_replay(*, statements) -> int:
    """Process dead letters again; returns how many are no longer dead. Idempotent."""
    replayed = 0
    dead = list(
        Statement.objects.select_for_update()
        .filter(pk__in=[s.pk for s in statements], status=Statement.Status.DEAD)
        .select_related("partner")
    )
    by_partner: dict[int, list[Statement]] = {}
    for row in dead:
        by_partner.setdefault(row.partner_id, []).append(row)
    for rows in by_partner.values():
        context = _context(rows[0].partner)
        for row in rows:
            _classify(row, context)
        completions_record_many(_completions_for(rows, context))
        for row in rows:
            row.save(
                update_fields=["status", "reason", "person_key", "course_code", "processed_at"]
            )
            replayed += row.status != Statement.Status.DEAD
    return replayed


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def partner_pull(*, partner: Partner, opener=urlopen, max_pages: int = 100) -> int:
    """Fetch new statements from the partner's LRS since the watermark, following `more`.

    Receives each page in its own transaction and moves the watermark to the newest `stored`
    seen, so a failure halfway keeps what was received and the next pull goes on from there.
    Returns the number of statements received (new or not).
    """
    if not partner.lrs_endpoint:
        return 0
    base = partner.lrs_endpoint.rstrip("/") + "/"
    query = {"since": partner.pull_since} if partner.pull_since else {}
    url = urljoin(base, "statements") + (f"?{urlencode(query)}" if query else "")
    received = 0
    for _page in range(max_pages):
        request = Request(
            url,
            headers={
                "Authorization": _basic(partner.lrs_username, partner.lrs_password),
                "X-Experience-API-Version": "1.0.3",
                "Accept": "application/json",
            },
        )
        with opener(request, timeout=30) as response:
            body = json.loads(response.read())
        statements = body.get("statements", [])
        if statements:
            newest = max(
                (s.get("stored", "") for s in statements if isinstance(s, dict)), default=""
            )
            # Another LRS's stored and authority are its own; this LRS sets them anew.
            cleaned = [
                {k: v for k, v in s.items() if k not in ("stored", "authority")} for s in statements
            ]
            with transaction.atomic():
                statements_receive(partner=partner, statements=cleaned)
                if newest and newest > partner.pull_since:
                    partner.pull_since = newest
                partner.pulled_at = timezone.now()
                partner.save(update_fields=["pull_since", "pulled_at"])
            received += len(statements)
        more = body.get("more") or ""
        if not more:
            break
        url = urljoin(base, more)
    return received
