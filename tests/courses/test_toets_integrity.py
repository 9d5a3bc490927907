"""A toets that measures: no answer key before the policy allows it, a new draw and order per
attempt (stored with the attempt), whole submissions only, and a truthful page after passing."""

import re

import pytest
from django.utils import timezone

from courses.models import Enrolment, ToetsAttempt, ToetsPage
from courses.scoring import score_submission
from tests.factories import CourseFactory, ToetsFactory, option, question

pytestmark = pytest.mark.django_db

Policy = ToetsPage.FeedbackPolicy


def _questions(count=6):
    return [
        question(
            f"Vraag-tekst {n}",
            [
                option(f"JUIST-{n}", correct=True, id=f"juist-{n}", feedback=f"FB-JUIST-{n}"),
                option(f"fout-a-{n}", id=f"fout-a-{n}", feedback=f"fb-fout-a-{n}"),
                option(f"fout-b-{n}", id=f"fout-b-{n}"),
            ],
            explanation=f"Toelichting-{n}",
            id=f"00000000-0000-4000-8000-{n:012d}",
        )
        for n in range(1, count + 1)
    ]


@pytest.fixture
def enrolled(learner, client):
    def build(**fields):
        fields.setdefault("max_attempts", 3)
        course = CourseFactory(code=fields.pop("code", "buit-basis"))
        toets = ToetsFactory(parent=course, questions=_questions(fields.pop("count", 6)), **fields)
        Enrolment.objects.create(
            user=learner, course=toets.get_parent().specific, enrolled_at=timezone.now()
        )
        client.force_login(learner)
        return toets

    return build


def _form(client, toets):
    html = client.get(toets.url).content.decode()
    action = re.search(r'<form method="post" action="([^"]+)" class="toets-form"', html).group(1)
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    shown = re.findall(r'name="vraag-([0-9a-f-]+)" id="[^"]+-1"', html)
    options = {
        qid: re.findall(rf'name="vraag-{qid}" id="[^"]+" value="([^"]+)"', html) for qid in shown
    }
    return html, action, key, shown, options


def _wrong(shown):
    return {f"vraag-{qid}": ["fout-a-" + str(int(qid[-12:]))] for qid in shown}


def _right(shown):
    return {f"vraag-{qid}": ["juist-" + str(int(qid[-12:]))] for qid in shown}


def test_a_failed_attempt_shows_right_or_wrong_and_explanation_but_no_correct_option(
    client, enrolled
):
    toets = enrolled()
    _html, action, key, shown, _options = _form(client, toets)
    answers = _wrong(shown)
    answers[f"vraag-{shown[0]}"] = ["juist-" + str(int(shown[0][-12:]))]  # one right
    client.post(action, {"submission_key": key, **answers})
    page = client.get(toets.url).content.decode()
    result = page.split('id="toets-uitslag"')[1].split("</section>")[0]
    assert "Fout" in result and "Goed" in result and "Toelichting-2" in result
    right_one = int(shown[0][-12:])
    # The next attempt's form lists every option, unmarked; the result names a correct
    # option only where the learner chose it, and no correct option's feedback elsewhere.
    for n in range(1, 7):
        if n != right_one:
            assert f"JUIST-{n}" not in result and f"FB-JUIST-{n}" not in page
    assert f"JUIST-{right_one}" in result
    assert "Juist antwoord:" not in page and "juist antwoord" not in page
    assert "nog 2 pogingen over" in page


def test_the_key_is_shown_after_the_last_attempt_and_never_under_never(client, enrolled):
    toets = enrolled(max_attempts=1)
    _html, action, key, shown, _options = _form(client, toets)
    client.post(action, {"submission_key": key, **_wrong(shown)})
    page = client.get(toets.url).content.decode()
    assert "Juist antwoord:" in page and "JUIST-1" in page
    assert "U heeft geen pogingen meer over." in page

    never = enrolled(max_attempts=1, feedback_policy=Policy.NEVER, code="nooit")
    _html, action, key, shown, _options = _form(client, never)
    client.post(action, {"submission_key": key, **_wrong(shown)})
    page = client.get(never.url).content.decode()
    assert "JUIST-" not in page and "Toelichting-" not in page and "fout-a-" not in page
    assert "0 van 6 vragen goed" in page


def test_key_at_end_shows_only_the_score_while_attempts_remain(client, enrolled):
    toets = enrolled(feedback_policy=Policy.KEY_AT_END)
    _html, action, key, shown, _options = _form(client, toets)
    client.post(action, {"submission_key": key, **_wrong(shown)})
    page = client.get(toets.url).content.decode()
    assert "0 van 6 vragen goed" in page
    result = page.split('id="toets-uitslag"')[1].split("</section>")[0]
    assert "Toelichting-" not in page and "JUIST-" not in result and "Fout</span>" not in page


def test_each_attempt_has_its_own_order_stored_with_it_and_the_result_follows_it(
    client, enrolled, learner
):
    toets = enrolled(count=8)
    _html, action, key, first_order, first_options = _form(client, toets)
    client.post(action, {"submission_key": key, **_wrong(first_order)})
    _html, action, key, second_order, _options = _form(client, toets)
    assert sorted(second_order) == sorted(first_order)
    assert second_order != first_order
    client.post(action, {"submission_key": key, **_wrong(second_order)})
    first, second = ToetsAttempt.objects.filter(user=learner).order_by("number")
    assert [entry["id"] for entry in first.question_order] == first_order
    assert [entry["id"] for entry in second.question_order] == second_order
    assert first.question_order[0]["options"] == first_options[first_order[0]]
    page = client.get(toets.url).content.decode()
    prompts = re.findall(r"<strong>(Vraag-tekst \d+)</strong>", page)
    assert prompts == [f"Vraag-tekst {int(qid[-12:])}" for qid in second_order]


def test_a_toets_may_draw_some_questions_from_a_pool(client, enrolled, learner):
    toets = enrolled(count=10, draw_count=4)
    html, action, key, shown, _options = _form(client, toets)
    assert len(shown) == 4 and "Vraag 1 van 4" in html
    draws = {tuple(sorted(_form(client, toets)[3])) for _ in range(6)}
    assert len(draws) > 1
    client.post(action, {"submission_key": key, **_right(shown)})
    attempt = ToetsAttempt.objects.get(user=learner)
    assert (attempt.question_count, attempt.correct_count, attempt.passed) == (4, 4, True)
    assert sorted(attempt.answers) == sorted(shown)


@pytest.mark.parametrize(
    "tamper",
    ["empty", "missing", "foreign_option", "foreign_question", "duplicate", "two_on_single"],
)
def test_a_submission_that_is_not_whole_is_refused_and_uses_no_attempt(
    client, enrolled, learner, tamper
):
    toets = enrolled()
    html, action, key, shown, _options = _form(client, toets)
    assert html.count(" required") >= 6 * 3
    answers = _wrong(shown)
    if tamper == "empty":
        answers = {}
    elif tamper == "missing":
        del answers[f"vraag-{shown[2]}"]
    elif tamper == "foreign_option":
        # The right option of another question: an id that exists, but not here.
        answers[f"vraag-{shown[0]}"] = [f"juist-{int(shown[0][-12:]) % 6 + 1}"]
    elif tamper == "foreign_question":
        answers["vraag-11111111-0000-4000-8000-000000000099"] = ["x"]
    elif tamper == "duplicate":
        answers[f"vraag-{shown[1]}"] = answers[f"vraag-{shown[1]}"] * 2
    elif tamper == "two_on_single":
        n = int(shown[1][-12:])
        answers[f"vraag-{shown[1]}"] = [f"fout-a-{n}", f"fout-b-{n}"]
    response = client.post(action, {"submission_key": key, **answers})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er is niets ingeleverd; deze poging telt niet." in page
    assert not ToetsAttempt.objects.filter(user=learner).exists()
    if tamper == "empty":
        assert "Nog open: vraag 1, 2, 3, 4, 5, 6." in page
    if tamper == "missing":
        assert "Nog open: vraag 3." in page
        # What was chosen is kept, in the same order, under the same key.
        assert f'value="{answers[f"vraag-{shown[0]}"][0]}" required checked' in page
        assert f'name="submission_key" value="{key}"' in page
    after = client.get(toets.url).content.decode()
    assert "Uitslag van poging" not in after


def test_double_submission_is_one_attempt_and_after_passing_no_attempt_is_offered(
    client, enrolled, learner
):
    toets = enrolled()
    _html, action, key, shown, _options = _form(client, toets)
    client.post(action, {"submission_key": key, **_wrong(shown)})
    client.post(action, {"submission_key": key, **_wrong(shown)})
    assert ToetsAttempt.objects.filter(user=learner).count() == 1
    _html, action, key, shown, _options = _form(client, toets)
    client.post(action, {"submission_key": key, **_right(shown)})
    page = client.get(toets.url).content.decode()
    assert "Uitslag van poging 2" in page and "Geslaagd" in page
    assert "U hoeft geen poging meer te doen." in page
    assert "poging over" not in page and "pogingen over" not in page
    assert 'name="submission_key"' not in page
    # A crafted POST after passing uses nothing either.
    client.post(action, {"submission_key": "6d3f5c43-4bd1-4a53-8b0b-0a8b3a0d8c11", **_right(shown)})
    assert ToetsAttempt.objects.filter(user=learner).count() == 2


def test_scoring_is_unchanged_for_whole_submissions():
    toets = ToetsFactory(parent=CourseFactory(), questions=_questions(3))
    answers = {f"00000000-0000-4000-8000-{n:012d}": [f"juist-{n}"] for n in range(1, 4)}
    assert score_submission(toets, answers).passed


def test_an_editor_cannot_draw_more_questions_than_the_toets_has():
    from django.core.exceptions import ValidationError

    toets = ToetsFactory(parent=CourseFactory(), questions=_questions(3), draw_count=2)
    toets.draw_count = 4
    with pytest.raises(ValidationError, match="maar 3 vragen"):
        toets.full_clean()
