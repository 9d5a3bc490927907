"""Partner completions over xAPI, as a partner and the programme team see them."""

import base64
import hashlib
import json
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import person_key_for
from courses.completion import completion_record
from courses.models import Completion
from reporting.counters import Scope, trained_count
from reporting.models import Target
from tests.factories import UserFactory
from xapi.models import COMPLETED, PASSED, VOIDED, ActivityMapping, Partner, Statement
from xapi.services import statements_replay

ACTIVITY = "https://buit.example.org/activiteiten/e-learning-professionals"
URL = "/xapi/statements"


@pytest.fixture
def partner(db):
    partner = Partner(name="BUIT", code="buit", username="buit-lrs")
    partner.set_password("geheim-partner-wachtwoord")
    partner.save()
    ActivityMapping.objects.create(partner=partner, activity_iri=ACTIVITY, course_code="buit-basis")
    return partner


@pytest.fixture
def target(db):
    return Target.objects.create(
        slug="buit",
        title="BUIT",
        course_codes=["buit-basis"],
        mode=Target.Mode.NUMBER,
        target_number=20000,
        period_start=date(2020, 1, 1),
        deadline=date(2030, 12, 31),
    )


def headers(version="1.0.3", password="geheim-partner-wachtwoord"):
    token = base64.b64encode(f"buit-lrs:{password}".encode()).decode()
    return {
        "HTTP_AUTHORIZATION": f"Basic {token}",
        "HTTP_X_EXPERIENCE_API_VERSION": version,
    }


def statement(email, *, verb=COMPLETED, activity=ACTIVITY, **extra):
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "mbox": f"mailto:{email}"},
        "verb": {"id": verb, "display": {"nl-NL": "afgerond"}},
        "object": {"objectType": "Activity", "id": activity},
        "timestamp": "2026-03-01T10:00:00+01:00",
        **extra,
    }


def post(client, body, **kwargs):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **kwargs)


def count(target):
    return trained_count(target, Scope.today())


def test_a_thousand_statements_move_the_count_by_the_new_distinct_people_once(
    client, partner, target
):
    already = [f"al-getraind-{i}@example.org" for i in range(200)]
    for email in already:
        completion_record(
            person_key=person_key_for(email),
            course_code="buit-basis",
            course_title="BUIT",
            completed_at=timezone.now(),
            source=Completion.Source.PLATFORM,
        )
    before = count(target)
    assert before == 200
    # 800 statements about new people: 700 people, 100 of whom sent both completed and passed;
    # the addresses vary in case, as a partner's would.
    new_people = [f"Nieuw-{i}@Example.org" for i in range(700)]
    batch = [statement(e.upper() if i % 2 else e) for i, e in enumerate(new_people)]
    batch += [statement(e, verb=PASSED) for e in new_people[:100]]
    batch += [statement(e) for e in already]
    assert len(batch) == 1000
    response = post(client, batch, **headers())
    assert response.status_code == 200, response.content
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert len(response.json()) == 1000
    assert count(target) == before + 700
    statuses = Statement.objects.values_list("status", flat=True)
    assert list(statuses).count(Statement.Status.COUNTED) == 700
    assert list(statuses).count(Statement.Status.DUPLICATE) == 300

    # The same statements again: nothing moves, nothing new is stored.
    again = post(client, batch, **headers(version="2.0.0"))
    assert again.status_code == 200
    assert again["X-Experience-API-Version"] == "2.0.0"
    assert count(target) == before + 700
    assert Statement.objects.count() == 1000

    # Voiding one counted statement moves the count down by one.
    counted = Statement.objects.filter(status=Statement.Status.COUNTED).first()
    void = {
        "actor": {"mbox": "mailto:beheer@buit.example.org"},
        "verb": {"id": VOIDED},
        "object": {"objectType": "StatementRef", "id": str(counted.statement_id)},
    }
    assert post(client, void, **headers()).status_code == 200
    assert count(target) == before + 699
    completion = Completion.objects.get(origin__statement=str(counted.statement_id))
    assert completion.revoked_at is not None
    assert "buit" in completion.revoked_reason
    # Voiding again changes nothing more.
    assert post(client, {**void, "id": str(uuid.uuid4())}, **headers()).status_code == 200
    assert count(target) == before + 699
    got = client.get(URL, {"voidedStatementId": str(counted.statement_id)}, **headers())
    assert got.status_code == 200 and got.json()["id"] == str(counted.statement_id)
    assert (
        client.get(URL, {"statementId": str(counted.statement_id)}, **headers()).status_code == 404
    )


def test_a_completion_shows_the_partner_and_statement(client, partner):
    body = statement("lid@example.org")
    assert post(client, body, **headers()).status_code == 200
    completion = Completion.objects.get()
    assert completion.source == Completion.Source.XAPI
    assert completion.origin_display() == f"xAPI-partner buit, statement {body['id']}"
    assert completion.person_key == person_key_for("lid@example.org")


def test_put_get_and_conflicts(client, partner):
    body = statement("a@example.org")
    statement_id = body.pop("id")
    put = client.put(
        f"{URL}?statementId={statement_id}",
        data=json.dumps(body),
        content_type="application/json",
        **headers(),
    )
    assert put.status_code == 204
    got = client.get(URL, {"statementId": statement_id}, **headers())
    assert got.status_code == 200
    assert got.json()["verb"]["id"] == COMPLETED
    assert "stored" in got.json()
    changed = {**body, "id": statement_id, "verb": {"id": PASSED}}
    assert post(client, changed, **headers()).status_code == 409
    assert Statement.objects.count() == 1


def test_actor_by_sha1_and_account_and_dead_letters_replayed(client, partner):
    UserFactory(email="platform@example.org")
    digest = hashlib.sha1(b"mailto:platform@example.org").hexdigest()
    unknown = hashlib.sha1(b"mailto:niemand@example.org").hexdigest()
    other_activity = "https://buit.example.org/activiteiten/verdieping"
    batch = [
        {**statement("x@example.org"), "actor": {"mbox_sha1sum": digest}},
        {**statement("x@example.org"), "actor": {"mbox_sha1sum": unknown}},
        {
            **statement("x@example.org"),
            "actor": {"account": {"homePage": "https://buit.example.org", "name": "p@example.org"}},
        },
        statement("y@example.org", activity=other_activity),
        statement("z@example.org", verb="http://adlnet.gov/expapi/verbs/experienced"),
        statement("w@example.org", result={"success": False}),
    ]
    assert post(client, batch, **headers()).status_code == 200
    by_status = {s.status: s for s in Statement.objects.exclude(status=Statement.Status.DEAD)}
    assert Completion.objects.filter(person_key=person_key_for("platform@example.org")).exists()
    assert Completion.objects.filter(person_key=person_key_for("p@example.org")).exists()
    assert set(by_status) == {Statement.Status.COUNTED, Statement.Status.IGNORED}
    dead = Statement.objects.filter(status=Statement.Status.DEAD).order_by("reason")
    assert [d.reason for d in dead] == [
        f"geen cursus gekoppeld aan activiteit {other_activity}",
        "mbox_sha1sum hoort bij niemand op het platform",
    ]
    # The mapping is fixed in the admin; replaying picks the dead letter up.
    ActivityMapping.objects.create(
        partner=partner, activity_iri=other_activity, course_code="buit-verdieping"
    )
    assert statements_replay(statements=list(dead)) == 1
    assert Completion.objects.filter(
        person_key=person_key_for("y@example.org"), course_code="buit-verdieping"
    ).exists()
    assert Statement.objects.filter(status=Statement.Status.DEAD).count() == 1
    assert statements_replay(statements=list(dead)) == 0  # idempotent


def test_dead_letter_admin_lists_and_replays(client, partner, administrator):
    elders = "https://elders.example.org/a"
    post(client, statement("y@example.org", activity=elders), **headers())
    post(client, statement("y@example.org"), **headers())
    client.force_login(administrator)
    changelist = reverse("admin:xapi_deadletter_changelist")
    listing = client.get(changelist).content.decode()
    assert f"geen cursus gekoppeld aan activiteit {elders}" in listing
    assert listing.count("onbestelbaar") >= 1
    ActivityMapping.objects.create(partner=partner, activity_iri=elders, course_code="elders")
    dead = Statement.objects.get(status=Statement.Status.DEAD)
    response = client.post(
        changelist, {"action": "replay", "_selected_action": [dead.pk]}, follow=True
    )
    assert "1 statement(s) verwerkt" in response.content.decode()
    dead.refresh_from_db()
    assert dead.status == Statement.Status.COUNTED


INVALID = [
    ("no actor", lambda s: {k: v for k, v in s.items() if k != "actor"}),
    ("two identifiers", lambda s: {**s, "actor": {**s["actor"], "mbox_sha1sum": "a" * 40}}),
    ("mbox without mailto", lambda s: {**s, "actor": {"mbox": "a@example.org"}}),
    ("verb not an IRI", lambda s: {**s, "verb": {"id": "afgerond"}}),
    ("object without id", lambda s: {**s, "object": {"objectType": "Activity"}}),
    ("bad id", lambda s: {**s, "id": "123"}),
    ("unknown property", lambda s: {**s, "geheim": 1}),
    ("scaled out of range", lambda s: {**s, "result": {"score": {"scaled": 2}}}),
    ("success not boolean", lambda s: {**s, "result": {"success": "ja"}}),
    ("timestamp without zone", lambda s: {**s, "timestamp": "2026-03-01T10:00:00"}),
    ("bad duration", lambda s: {**s, "result": {"duration": "2 uur"}}),
    ("void of an activity", lambda s: {**s, "verb": {"id": VOIDED}}),
    ("display not a language map", lambda s: {**s, "verb": {"id": COMPLETED, "display": "x"}}),
]


@pytest.mark.parametrize("name,break_it", INVALID, ids=[n for n, _ in INVALID])
def test_every_invalid_statement_is_refused_with_a_reason_and_nothing_stored(
    client, partner, name, break_it
):
    good = statement("goed@example.org")
    response = post(client, [good, break_it(statement("fout@example.org"))], **headers())
    assert response.status_code == 400, name
    assert response.json()["error"].startswith("Statement 2:")
    assert Statement.objects.count() == 0
    assert Completion.objects.count() == 0


def test_requests_without_version_or_credentials_are_refused(client, partner):
    body = statement("a@example.org")
    assert post(client, body, HTTP_X_EXPERIENCE_API_VERSION="1.0.3").status_code == 401
    assert post(client, body, **headers(password="fout")).status_code == 401
    assert post(client, body, **headers(version="0.95")).status_code == 400
    no_version = {k: v for k, v in headers().items() if k != "HTTP_X_EXPERIENCE_API_VERSION"}
    assert post(client, body, **no_version).status_code == 400
    assert (
        client.post(URL, data="{", content_type="application/json", **headers()).status_code == 400
    )
    assert Statement.objects.count() == 0


def _mixed_batch(size: int, tag: str) -> list[dict]:
    """A batch as partners send them: mbox, sha1 and account actors, some people twice, a
    statement that is not a completion and one about an unmapped activity."""
    batch = []
    for n in range(size):
        email = f"{tag}-{n % (size - 2)}@example.org"
        kind = n % 4
        if kind == 0:
            batch.append(statement(email))
        elif kind == 1:
            sha1 = hashlib.sha1(f"mailto:{email}".encode()).hexdigest()
            batch.append({**statement(email), "actor": {"mbox_sha1sum": sha1}})
        elif kind == 2:
            account = {"homePage": "https://buit.example.org", "name": email}
            batch.append({**statement(email, verb=PASSED), "actor": {"account": account}})
        else:
            batch.append(statement(email))
    batch.append(statement(f"{tag}-x@example.org", verb="http://adlnet.gov/expapi/verbs/viewed"))
    batch.append(statement(f"{tag}-y@example.org", activity="https://elders.example.org/a"))
    return batch


def test_a_batch_costs_the_same_queries_whatever_its_size(client, partner, target):
    """Ingesting 10,000 statements in 20 s needs a batch whose queries do not grow with it."""
    for n in range(3):
        UserFactory(email=f"klein-{n}@example.org")
    for n in range(30):
        UserFactory(email=f"groot-{n}@example.org")
    counted = {}
    for tag, size in (("klein", 8), ("groot", 48)):
        batch = _mixed_batch(size, tag)
        with CaptureQueriesContext(connection) as queries:
            assert post(client, batch, **headers()).status_code == 200
        counted[tag] = len(queries)
        assert Statement.objects.filter(statement_id__in=[s["id"] for s in batch]).count() == (
            len(batch)
        )
    assert counted["klein"] == counted["groot"], counted
    # Partner, ids, mappings, courses, people, completions, their writes and the standings
    # (PostgreSQL adds a savepoint that SQLite does not).
    assert counted["groot"] <= 22, counted
