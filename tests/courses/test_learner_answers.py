"""The learner's own answers to reflection questions and cases: saved, kept, private, exported,
erased."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.privacy import account_erase, person_data_export
from courses import services
from courses.models import Enrolment, LearnerAnswer
from tests.factories import (
    CourseFactory,
    LessonFactory,
    ModuleFactory,
    SmallSessionFactory,
    block_id,
    paragraph,
)

pytestmark = pytest.mark.django_db

REFLECTION = "aaaaaaaa-0000-4000-8000-000000000001"
CASE = "bbbbbbbb-0000-4000-8000-000000000002"


def _lesson(*, shared=False):
    course = CourseFactory()
    body = [
        paragraph(),
        {
            "type": "reflection",
            "value": {
                "question": "Welk signaal zou u het eerst missen?",
                "help_text": "",
                "share_with_trainer": shared,
            },
            "id": REFLECTION,
        },
        {
            "type": "case",
            "value": {
                "title": "Sanne",
                "situation": "<p>Sanne is vaak afwezig.</p>",
                "question": "Wat doet u?",
                "model_answer": "<p>Bespreek het met de aandachtsfunctionaris.</p>",
                "share_with_trainer": False,
            },
            "id": CASE,
        },
        {
            "type": "knowledge_check",
            "value": {
                "question": "Is dit een signaal?",
                "multiple": False,
                "options": [
                    {
                        "type": "item",
                        "value": {"text": "Ja", "is_correct": True, "feedback": "Klopt."},
                        "id": block_id(),
                    },
                    {
                        "type": "item",
                        "value": {"text": "Nee", "is_correct": False, "feedback": "Helaas."},
                        "id": block_id(),
                    },
                ],
            },
            "id": block_id(),
        },
    ]
    lesson = LessonFactory(parent=ModuleFactory(parent=course), body=body)
    return course, lesson


def _enrol(user, course):
    Enrolment.objects.create(user=user, course=course, enrolled_at=timezone.now())


def _save(client, lesson, block, text):
    return client.post(
        reverse("courses:lesson_answer_save", args=[lesson.pk, block]), {"antwoord": text}
    )


def test_a_reflection_answer_is_saved_and_shown_again_to_its_writer_only(
    client, learner, other_learner
):
    course, lesson = _lesson()
    _enrol(learner, course)
    _enrol(other_learner, course)
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert "alleen voor uzelf zichtbaar" in page
    assert 'name="antwoord"' in page and "required" in page
    response = _save(client, lesson, REFLECTION, "Dat iemand geen eigen telefoon heeft.")
    assert response.status_code == 302 and response["Location"].endswith(f"#antwoord-{REFLECTION}")
    _save(client, lesson, CASE, "Ik bel Veilig Thuis voor advies.")
    page = client.get(lesson.url).content.decode()
    assert "Dat iemand geen eigen telefoon heeft." in page
    assert "Ik bel Veilig Thuis voor advies." in page
    # Saving again overwrites: one row per block.
    _save(client, lesson, REFLECTION, "Geen eigen telefoon en geen paspoort.")
    assert LearnerAnswer.objects.filter(user=learner).count() == 2
    assert "Geen eigen telefoon en geen paspoort." in client.get(lesson.url).content.decode()

    # The case's model answer opens for the learner who answered it; the saved moment shows.
    page = client.get(lesson.url).content.decode()
    assert 'class="case-answer" open' in page and page.count("Opgeslagen op ") == 2
    # What a learner typed is text, never markup, also where it fills the shared block.
    _save(client, lesson, CASE, "<b>Veilig Thuis</b> & de politie")
    page = client.get(lesson.url).content.decode()
    assert "&lt;b&gt;Veilig Thuis&lt;/b&gt; &amp; de politie</textarea>" in page
    assert "\ue000" not in page

    # Another learner (the page body is shared between readers) sees none of it, and the
    # model answer stays closed until they answer themselves.
    client.force_login(other_learner)
    page = client.get(lesson.url).content.decode()
    assert "paspoort" not in page and "Veilig Thuis" not in page
    assert 'class="case-answer">' in page and 'class="case-answer" open' not in page
    assert page.count('name="antwoord"') == 2 and "Opgeslagen op" not in page


def test_answers_are_refused_for_outsiders_foreign_blocks_and_empty_text(client, learner):
    course, lesson = _lesson()
    client.force_login(learner)
    _save(client, lesson, REFLECTION, "Niet ingeschreven.")
    assert not LearnerAnswer.objects.exists()
    _enrol(learner, course)
    for block, text in (("bestaat-niet", "Tekst"), (REFLECTION, "   "), (REFLECTION, "x" * 5001)):
        with pytest.raises(services.LearningError):
            services.lesson_answer_save(user=learner, lesson=lesson, block_id=block, text=text)
    assert not LearnerAnswer.objects.exists()


def test_the_block_says_when_answers_are_shared_with_the_trainer(client, learner):
    course, lesson = _lesson(shared=True)
    _enrol(learner, course)
    client.force_login(learner)
    assert "zichtbaar voor uzelf en voor de trainer" in client.get(lesson.url).content.decode()
    _save(client, lesson, REFLECTION, "Gedeeld antwoord.")
    assert LearnerAnswer.objects.get(block_id=REFLECTION).shared_with_trainer
    assert not LearnerAnswer.objects.filter(block_id=CASE, shared_with_trainer=True).exists()


def test_answers_are_in_the_avg_export_and_gone_after_erasure(client, learner):
    course, lesson = _lesson()
    _enrol(learner, course)
    services.lesson_answer_save(
        user=learner, lesson=lesson, block_id=REFLECTION, text="Mijn eigen reflectie."
    )
    exported = person_data_export(user=learner)["antwoorden"]
    assert [a["antwoord"] for a in exported] == ["Mijn eigen reflectie."]
    assert exported[0]["vraag"] == "Welk signaal zou u het eerst missen?"
    account_erase(user=learner)
    assert not LearnerAnswer.objects.exists()


def test_a_knowledge_check_answer_gives_feedback_and_keeps_saved_answers(client, learner):
    course, lesson = _lesson()
    _enrol(learner, course)
    client.force_login(learner)
    _save(client, lesson, CASE, "Mijn casusantwoord.")
    page = client.get(lesson.url).content.decode()
    field, value = re.search(
        r'name="(kennischeck-[^"]+)" id="[^"]+" value="([^"]+)"', page
    ).groups()
    checked = client.get(lesson.url, {field: value}).content.decode()
    assert "check-feedback" in checked
    assert "Mijn casusantwoord." in checked
    assert "js/les.js" in checked


def test_only_shared_answers_reach_the_trainer_of_the_learners_session(client, learner, trainer):
    from courses.models import SessionRegistration

    course, lesson = _lesson(shared=True)
    _enrol(learner, course)
    session = SmallSessionFactory(course=course, trainer=trainer, capacity=5)
    services.session_register(user=learner, session=session)
    services.lesson_answer_save(
        user=learner, lesson=lesson, block_id=REFLECTION, text="Voor de trainer bedoeld."
    )
    services.lesson_answer_save(
        user=learner, lesson=lesson, block_id=CASE, text="Alleen voor mijzelf."
    )
    assert SessionRegistration.objects.filter(session=session).count() == 1
    client.force_login(trainer)
    page = client.get(reverse("courses:trainer_attendance", args=[session.uuid])).content.decode()
    # Once, in the page's body: never in the window title a screen reader announces first.
    assert page.count("Voor de trainer bedoeld.") == 1
    assert "Voor de trainer bedoeld." not in page.split("</title>")[0]
    assert "Alleen voor mijzelf." not in page


def test_the_answer_form_carries_a_working_csrf_token(learner):
    from django.test import Client

    course, lesson = _lesson()
    _enrol(learner, course)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    page = browser.get(lesson.url).content.decode()
    form = (
        page.split(f'id="antwoord-{REFLECTION}"')[0].rsplit("<form", 1)[1]
        + page.split(f'id="antwoord-{REFLECTION}"')[1].split("</form>")[0]
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = browser.post(
        reverse("courses:lesson_answer_save", args=[lesson.pk, REFLECTION]),
        {"antwoord": "Met token.", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert LearnerAnswer.objects.get(user=learner).text == "Met token."
