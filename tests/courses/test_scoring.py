"""Graded tests are scored on the server; the browser never sees the answers before submitting."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from courses.models import Enrolment
from courses.scoring import (
    answers_from_post,
    attempt_layout,
    questions_for_display,
    score_submission,
    submission_problems,
)
from tests.factories import CourseFactory, ToetsFactory, option, question

pytestmark = pytest.mark.django_db

Q1, Q2, Q3 = (
    "11111111-0000-4000-8000-000000000001",
    "22222222-0000-4000-8000-000000000002",
    ("33333333-0000-4000-8000-000000000003"),
)


def _toets(**fields):
    # These tests pin the editor's order; shuffling (on by default) is tested on its own.
    fields.setdefault("shuffle_questions", False)
    fields.setdefault("shuffle_options", False)
    course = CourseFactory()
    questions = [
        question(
            "Welk signaal wijst op arbeidsuitbuiting?",
            [
                option("Geen toegang tot eigen paspoort", correct=True, feedback="FB-paspoort"),
                option("Een vaste werkplek", feedback="FB-werkplek"),
                option("Een arbeidscontract", feedback="FB-contract"),
            ],
            explanation="UITLEG-uitbuiting",
            id=Q1,
        ),
        question(
            "Welke partijen zitten in het RIEC?",
            [
                option("Gemeente", correct=True, id="o-gemeente"),
                option("Politie", correct=True, id="o-politie"),
                option("Supermarkt", id="o-supermarkt"),
            ],
            kind="multiple",
            id=Q2,
        ),
        question(
            "Een slachtoffer meldt zich altijd zelf.",
            [option("Waar", id="o-waar"), option("Niet waar", correct=True, id="o-niet-waar")],
            kind="true_false",
            id=Q3,
        ),
    ]
    return ToetsFactory(parent=course, questions=questions, **fields)


def _correct_answers(toets):
    return {
        q.id: [o.id for o in q.options if o.is_correct]
        for q in score_submission(toets, {}).questions
    }


def _wrong_option(toets, question_id):
    feedback = score_submission(toets, {}).feedback[question_id]
    return next(o.id for o in feedback.options if not o.is_correct)


def test_display_questions_carry_no_answers_feedback_or_explanation():
    toets = _toets()
    shown = questions_for_display(toets, seed="x")
    assert [q.id for q in shown] == [Q1, Q2, Q3]
    assert [q.kind for q in shown] == ["single", "multiple", "true_false"]
    for q in shown:
        for o in q.options:
            assert set(vars(o)) == {"id", "text"}
        assert not hasattr(q, "explanation")


def test_shuffling_is_deterministic_per_seed_and_only_when_asked():
    plain = _toets()
    assert [q.id for q in questions_for_display(plain, seed="a")] == [Q1, Q2, Q3]
    plain.shuffle_questions = plain.shuffle_options = True
    first = questions_for_display(plain, seed="seed-1")
    again = questions_for_display(plain, seed="seed-1")
    assert first == again
    orders = {tuple(q.id for q in questions_for_display(plain, seed=str(n))) for n in range(30)}
    assert len(orders) > 1
    # Numbering follows the shown order, options keep their ids.
    assert [q.number for q in first] == [1, 2, 3]
    q2 = next(q for q in first if q.id == Q2)
    assert {o.id for o in q2.options} == {"o-gemeente", "o-politie", "o-supermarkt"}


def test_all_correct_passes_with_full_score_and_feedback():
    toets = _toets(pass_mark_percent=70)
    result = score_submission(toets, _correct_answers(toets))
    assert (result.question_count, result.correct_count, result.score_percent) == (3, 3, 100)
    assert result.passed
    q1 = result.feedback[Q1]
    assert q1.correct and q1.explanation == "UITLEG-uitbuiting"
    assert [o.feedback for o in q1.options] == ["FB-paspoort", "FB-werkplek", "FB-contract"]


def test_multiple_choice_counts_only_the_exact_set():
    toets = _toets()
    subset = score_submission(toets, {Q2: ["o-gemeente"]})
    superset = score_submission(toets, {Q2: ["o-gemeente", "o-politie", "o-supermarkt"]})
    exact = score_submission(toets, {Q2: ["o-politie", "o-gemeente"]})
    assert not subset.feedback[Q2].correct
    assert not superset.feedback[Q2].correct
    assert exact.feedback[Q2].correct
    assert subset.feedback[Q2].chosen == ["o-gemeente"]
    assert subset.feedback[Q2].correct_options == ["o-gemeente", "o-politie"]


def test_two_options_on_a_single_choice_question_is_wrong():
    toets = _toets()
    correct_q1 = _correct_answers(toets)[Q1][0]
    wrong_q1 = next(
        o.id for o in questions_for_display(toets, seed="")[0].options if o.id != correct_q1
    )
    result = score_submission(toets, {Q1: [correct_q1, wrong_q1]})
    assert not result.feedback[Q1].correct


def test_pass_mark_is_never_reached_by_rounding():
    # 2 of 3 correct is 66.7%: below a pass mark of 67, at or above 66.
    toets = _toets(pass_mark_percent=67)
    answers = {Q2: ["o-gemeente", "o-politie"], Q3: ["o-niet-waar"]}
    result = score_submission(toets, answers)
    assert (result.correct_count, result.score_percent, result.passed) == (2, 66, False)
    toets.pass_mark_percent = 66
    assert score_submission(toets, answers).passed


def test_unanswered_and_unknown_ids_score_nothing():
    toets = _toets()
    result = score_submission(toets, {"bestaat-niet": ["x"], Q3: ["o-onbekend"]})
    assert result.correct_count == 0 and not result.passed
    assert result.feedback[Q3].chosen == []


def test_forged_post_fields_are_ignored():
    toets = _toets(pass_mark_percent=50)
    post = QueryDict(mutable=True)
    post.update({"score": "100", "passed": "true", "correct_count": "3", "score_percent": "100"})
    post.setlist(f"vraag-{Q2}", ["o-supermarkt", "niet-bestaand"])
    post.setlist(f"vraag-{Q3}", ["o-waar"])
    answers = answers_from_post(post)
    # Only the answer fields are read, as sent; whether they are whole is decided apart.
    assert answers == {Q2: ["o-supermarkt", "niet-bestaand"], Q3: ["o-waar"]}
    problems = submission_problems(toets, answers, attempt_layout(toets, seed="s"))
    assert problems.open_numbers == [1] and problems.foreign
    result = score_submission(toets, answers)
    assert (result.score_percent, result.passed) == (0, False)


def test_toets_page_html_has_the_form_but_no_answers(client, learner):
    toets = _toets(max_attempts=3)
    Enrolment.objects.create(
        user=learner, course=toets.get_parent().specific, enrolled_at=timezone.now()
    )
    client.force_login(learner)
    response = client.get(toets.url)
    assert response.status_code == 200
    html = response.content.decode()
    for secret in ("FB-paspoort", "FB-werkplek", "UITLEG-uitbuiting", "is_correct", "correct"):
        assert secret not in html
    assert 'name="submission_key"' in html
    assert html.count("<fieldset") == 3 and html.count("<legend>") == 3
    assert f'type="radio" name="vraag-{Q1}"' in html
    assert f'type="checkbox" name="vraag-{Q2}"' in html
    assert f'type="radio" name="vraag-{Q3}"' in html
    assert 'value="o-gemeente"' in html
    assert "Vraag 1 van 3" in html


def test_toets_form_is_only_offered_to_enrolled_learners(client, learner):
    toets = _toets()
    assert "Log in om de toets te maken" in client.get(toets.url).content.decode()
    client.force_login(learner)
    html = client.get(toets.url).content.decode()
    assert "Schrijf u in voor de cursus om deze toets te maken." in html
    assert 'name="submission_key"' not in html


def test_the_rendered_form_submits_and_forged_result_fields_change_nothing(client, learner):
    import re

    from courses.models import ToetsAttempt

    toets = _toets(max_attempts=2)
    Enrolment.objects.create(
        user=learner, course=toets.get_parent().specific, enrolled_at=timezone.now()
    )
    client.force_login(learner)
    html = client.get(toets.url).content.decode()
    action = re.search(r'<form method="post" action="([^"]+)" class="toets-form"', html).group(1)
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    # Wrong on every question, plus every result field a browser could forge.
    data = {
        "submission_key": key,
        f"vraag-{Q2}": ["o-supermarkt"],
        f"vraag-{Q3}": ["o-waar"],
        "score": "100",
        "score_percent": "100",
        "passed": "true",
        "correct_count": "3",
    }
    # Question 1 left open: refused, shown again with what was chosen, no attempt used.
    response = client.post(action, data)
    assert response.status_code == 200
    refused = response.content.decode()
    assert "Nog open: vraag 1." in refused
    assert 'value="o-waar" required checked' in refused
    assert not ToetsAttempt.objects.filter(user=learner).exists()
    data[f"vraag-{Q1}"] = [_wrong_option(toets, Q1)]
    response = client.post(action, data)
    assert response.status_code == 302
    attempt = ToetsAttempt.objects.get(user=learner, toets=toets)
    assert (attempt.correct_count, attempt.score_percent, attempt.passed) == (0, 0, False)
    # The same form posted twice is one attempt.
    client.post(action, data)
    assert ToetsAttempt.objects.filter(user=learner, toets=toets).count() == 1
    # After submitting, the feedback is shown.
    after = client.get(toets.url).content.decode()
    # ... per question right/wrong with the explanation, but not the correct option.
    assert "UITLEG-uitbuiting" in after and "FB-paspoort" not in after
    # A second, correct attempt passes; with no attempts left the form is gone.
    key = re.search(r'name="submission_key" value="([^"]+)"', after).group(1)
    correct = {f"vraag-{qid}": ids for qid, ids in _correct_answers(toets).items()}
    client.post(action, {"submission_key": key, **correct})
    last = ToetsAttempt.objects.get(user=learner, toets=toets, number=2)
    assert (last.score_percent, last.passed) == (100, True)
    final = client.get(toets.url).content.decode()
    assert "U heeft deze toets gehaald." in final
    assert "U hoeft geen poging meer te doen." in final
    assert 'name="submission_key"' not in final
