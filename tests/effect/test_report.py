"""The evaluation report: its figures against an independent computation over the stored
answers, the peildatum, suppression of small cells, exports, access and query counts."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Region, person_key_for
from courses.models import Completion
from effect.models import FollowUpInvitation, Response
from effect.selectors import effect_report
from reporting.counters import Scope
from reporting.disclosure import hidden_value_ranges
from tests.effect.factories import answer, complete, make_measured_course, moment

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 2)
AS_OF = date(2026, 9, 30)


def _municipalities(n):
    regions = Region.objects.filter(kind__slug="riec").order_by("name")[:n]
    return [region.municipalities.order_by("name").first() for region in regions]


def populate(course, measurement, groups, *, seed=1):
    """Per group (municipality, completers, paired, invited, responded, actions): people with
    completions and stored answers of varied, seeded scores."""
    rng = random.Random(seed)
    objectives = [o.pk for o in measurement.objectives.all()]
    n = 0
    for municipality, completers, paired, invited, responded, actions in groups:
        for i in range(completers):
            n += 1
            email = f"p{n}@example.org"
            complete(email, course, DAY, municipality=municipality)
            if i < paired:
                voor = {o: (rng.randint(0, 2), 2) for o in objectives}
                na = {o: (min(2, c + rng.randint(0, 2)), 2) for o, (c, _a) in voor.items()}
                answer(email, course, "voor", correct=voor, confidence=(rng.randint(1, 3),) * 2)
                answer(email, course, "na", correct=na, confidence=(rng.randint(3, 5),) * 2)
            if i < invited:
                FollowUpInvitation.objects.create(
                    person_key=person_key_for(email), course=course, course_code=course.code,
                    token_hash=f"{n:064d}", invited_on=DAY + timedelta(days=90),
                    expires_at=moment(DAY + timedelta(days=120)),
                    sent_at=moment(DAY + timedelta(days=90)),
                )  # fmt: skip
            if i < responded:
                behaviour = {a: a in actions for a in ("besproken", "gemeld", "doorverwezen")}
                answer(
                    email, course, "vervolg", correct={}, confidence=(4, rng.randint(2, 5)),
                    day=DAY + timedelta(days=95),
                    behaviour={"gesignaleerd": bool(actions), "aantal": len(actions), **behaviour},
                )  # fmt: skip


def independent(course_code):
    """The figures, computed straight from the stored rows, without the report's code."""
    people = set(Completion.objects.filter(course_code=course_code).values_list("person_key"))
    rows = list(Response.objects.filter(course_code=course_code, skipped=False).values())
    by = {(r["person_key"], r["moment"]): r for r in rows}
    paired = [k for (k,) in people if (k, "voor") in by and (k, "na") in by]
    result = {"completers": len(people), "pairs": len(paired), "objectives": {}}
    objective_ids = {o for r in rows for o in r["scores"]}
    for objective in objective_ids:
        voor = [100 * by[k, "voor"]["scores"][objective][0] / 2 for k in paired]
        na = [100 * by[k, "na"]["scores"][objective][0] / 2 for k in paired]
        mv, mn = sum(voor) / len(voor), sum(na) / len(na)
        result["objectives"][int(objective)] = (mv, mn, (mn - mv) / (100 - mv))
    follow = [r for r in rows if r["moment"] == "vervolg"]
    invited = FollowUpInvitation.objects.filter(course_code=course_code).count()
    result["response_share"] = 100 * len(follow) / invited
    result["gemeld"] = 100 * sum(r["behaviour"]["gemeld"] for r in follow) / len(follow)
    statement = str(min(int(s) for r in rows for s in r["confidence"]))
    result["confidence"] = tuple(
        sum(r["confidence"][statement] for r in rows if r["moment"] == m)
        / sum(1 for r in rows if r["moment"] == m)
        for m in ("voor", "na", "vervolg")
    )
    return result


def test_figures_equal_an_independent_computation_over_the_stored_answers():
    course, measurement = make_measured_course()
    a, b, c = _municipalities(3)
    populate(course, measurement, [
        (a, 12, 11, 12, 10, ("besproken", "gemeld")),
        (b, 14, 12, 12, 10, ("besproken",)),
        (c, 12, 10, 12, 10, ()),
    ])  # fmt: skip
    [report] = effect_report(Scope(as_of=AS_OF))
    expected = independent(course.code)
    assert (report.completers, report.pairs) == (expected["completers"], expected["pairs"])
    assert report.pair_share == pytest.approx(100 * 33 / 38)
    for row, objective in zip(report.objectives, measurement.objectives.all(), strict=True):
        assert (row.voor, row.na, row.gain) == pytest.approx(expected["objectives"][objective.pk])
    assert report.response_share == pytest.approx(expected["response_share"])
    gemeld = next(share for label, _count, share in report.behaviour if label == "Gemeld")
    assert gemeld == pytest.approx(expected["gemeld"])
    assert report.confidence[0][1:] == pytest.approx(expected["confidence"])
    regions = {row.label: row for row in report.breakdowns["Regio"]}
    assert [regions[m.regions.get(kind__slug="riec").name].completers for m in (a, b, c)] == [
        12, 14, 12,
    ]  # fmt: skip
    assert regions[b.regions.get(kind__slug="riec").name].pair_share == pytest.approx(100 * 12 / 14)


def test_peildatum_counts_only_what_was_known_then():
    course, measurement = make_measured_course()
    [m] = _municipalities(1)
    populate(course, measurement, [(m, 10, 10, 0, 0, ())])
    late = complete("laat@example.org", course, AS_OF + timedelta(days=1), municipality=m)
    Response.objects.filter(person_key=late.person_key).delete()
    Response.objects.filter(moment="na").order_by("pk").first()
    Response.objects.filter(pk=Response.objects.filter(moment="na").first().pk).update(
        submitted_at=moment(AS_OF + timedelta(days=1))
    )
    [report] = effect_report(Scope(as_of=AS_OF))
    assert (report.completers, report.pairs) == (10, 9)
    [later] = effect_report(Scope(as_of=AS_OF + timedelta(days=2)))
    assert (later.completers, later.pairs) == (11, 10)


@pytest.mark.parametrize("seed", range(6))
def test_suppression_holds_on_adversarial_data(seed):
    """Small groups beside large ones, one or two tiny groups, sums at the edges: every shown
    figure is true, no hidden count is the only value the published figures allow, and no
    mean is shown for fewer than 10 people."""
    rng = random.Random(seed)
    course, measurement = make_measured_course(items_per_objective=1)
    municipalities = _municipalities(4)
    sizes = rng.choice([[12, 1], [12, 1, 1], [9, 9, 12], [15, 2, 3], [10, 10], [11, 9]])
    groups = [
        (municipalities[i], size, rng.randint(0, size), size, rng.randint(0, size), ("gemeld",))
        for i, size in enumerate(sizes)
    ]
    populate(course, measurement, groups, seed=seed)
    [report] = effect_report(Scope(as_of=AS_OF))
    total = sum(sizes)
    rows = report.breakdowns["Regio"]
    if rows is not None:
        counts = [row.completers for row in rows]
        assert sorted(c for c in counts if c is not None) == sorted(s for s in sizes if s >= 10)
        for lo, hi in hidden_value_ranges(total, counts, threshold=10).values():
            assert lo < hi
        for row in rows:
            if row.completers is None:
                assert (row.pairs, row.pair_share, row.gain, row.responded) == (None,) * 4
            if row.gain is not None:
                assert row.pairs >= 10
    if report.pairs < 10:
        assert all(o.voor is None and o.gain is None for o in report.objectives)
        assert report.pairs_shown in (None, 0)
    if total < 10:
        assert report.completers_shown is None


def test_a_single_small_region_withholds_the_breakdown_and_the_page_shows_no_figure(
    client, programme_user
):
    course, measurement = make_measured_course()
    a, b = _municipalities(2)
    populate(course, measurement, [(a, 12, 12, 0, 0, ()), (b, 3, 3, 0, 0, ())])
    [report] = effect_report(Scope(as_of=AS_OF))
    assert report.breakdowns["Regio"] is None
    client.force_login(programme_user)
    page = client.get(reverse("effect:report"), {"peildatum": AS_OF.isoformat()})
    assert "uit het totaal af te leiden" in page.content.decode()


def _report_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("effect:report"), {"peildatum": AS_OF.isoformat()})
    assert response.status_code == 200
    return len(queries)


def test_report_page_queries_do_not_grow_with_the_number_of_learners(client, programme_user):
    course, measurement = make_measured_course()
    a, b = _municipalities(2)
    client.force_login(programme_user)
    populate(course, measurement, [(a, 3, 2, 2, 1, ("gemeld",))], seed=3)
    _report_queries(client)  # session, permissions and settings are cached from here on
    few = _report_queries(client)
    assert few <= 16
    populate(course, measurement, [(b, 0, 0, 0, 0, ())])
    for n in range(40):
        email = f"extra{n}@example.org"
        complete(email, course, DAY, municipality=b)
        answer(email, course, "voor", correct={o.pk: (1, 2) for o in measurement.objectives.all()})
        answer(email, course, "na", correct={o.pk: (2, 2) for o in measurement.objectives.all()})
    assert _report_queries(client) == few


def test_exports_and_summary_hold_aggregates_only_and_need_the_programme_role(
    client, programme_user, learner
):
    course, measurement = make_measured_course()
    [m] = _municipalities(1)
    populate(course, measurement, [(m, 12, 12, 12, 10, ("gemeld",))])
    Response.objects.filter(moment="vervolg").update(remark="Geheime toelichting over Jan")
    client.force_login(learner)
    assert client.get(reverse("effect:report")).status_code == 403
    assert client.get(reverse("effect:export", kwargs={"format": "csv"})).status_code == 403
    client.force_login(programme_user)
    csv = client.get(reverse("effect:export", kwargs={"format": "csv"}), {"peildatum": AS_OF})
    text = csv.content.decode("utf-8-sig")
    assert (
        text.startswith("Cursus;Onderwerp") and "Signalen herkennen: genormaliseerde winst" in text
    )
    assert "Geheime" not in text and "example.org" not in text
    xlsx = client.get(reverse("effect:export", kwargs={"format": "xlsx"}))
    assert xlsx.content[:2] == b"PK"
    summary = client.get(reverse("effect:summary", kwargs={"course_code": course.code}),
                         {"peildatum": AS_OF.isoformat()})  # fmt: skip
    body = summary.content.decode()
    assert course.title in body and "Geheime" not in body and "Signalen herkennen" in body
    assert timezone.now()  # the page renders without the live clock mattering
