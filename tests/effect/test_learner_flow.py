"""The learner's voormeting and nameting: the gate in the course, scoring on the server."""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from courses.services import enrolment_request, lesson_complete
from effect.models import Item, Response
from tests.effect.factories import make_measured_course

pytestmark = pytest.mark.django_db


def _answers(items, right):
    return {f"vraag_{i.pk}": (1 if n < right else 2) for n, i in enumerate(items)}


def _confidence(measurement, value):
    return {f"vertrouwen_{s.pk}": value for s in measurement.confidence_statements.all()}


def test_lesson_sends_learner_to_voormeting_first_and_nameting_is_offered_at_the_end(
    client, learner
):
    course, measurement = make_measured_course()
    lesson = LessonPage.objects.child_of(course).get()
    enrolment_request(user=learner, course=course)
    client.force_login(learner)

    response = client.get(lesson.url)
    pretest_url = reverse("effect:pretest", kwargs={"course_id": course.pk})
    assert response.status_code == 302 and response["Location"].startswith(pretest_url)

    page = client.get(pretest_url)
    assert "telt niet mee" in page.content.decode()
    items = list(Item.objects.all())
    posted = client.post(
        pretest_url, {**_answers(items, 2), **_confidence(measurement, 2), "next": lesson.url}
    )
    assert posted.status_code == 302 and posted["Location"] == lesson.url
    voor = Response.objects.get(moment="voor")
    assert voor.round == 1 and sum(c for c, _ in voor.scores.values()) == 2
    # No answers are given back: the page after the voormeting is the lesson itself.
    assert client.get(lesson.url).status_code == 200
    # A second submit (another tab) changes nothing.
    client.post(pretest_url, {**_answers(items, 6), **_confidence(measurement, 5)})
    voor.refresh_from_db()
    assert sum(c for c, _ in voor.scores.values()) == 2

    lesson_complete(user=learner, lesson=lesson)
    course_page = client.get(course.url)

    posttest_url = reverse("effect:posttest", kwargs={"course_id": course.pk})
    assert posttest_url in course_page.content.decode()
    client.post(posttest_url, {**_answers(items, 5), **_confidence(measurement, 4)})
    na = Response.objects.get(moment="na")
    assert na.round == 1 and sum(c for c, _ in na.scores.values()) == 5
    assert na.confidence == {str(s.pk): 4 for s in measurement.confidence_statements.all()}
    assert posttest_url not in client.get(course.url).content.decode()


def test_voormeting_may_be_skipped_and_an_unanswered_question_is_refused(client, learner):
    course, measurement = make_measured_course()
    enrolment_request(user=learner, course=course)
    client.force_login(learner)
    url = reverse("effect:pretest", kwargs={"course_id": course.pk})
    refused = client.post(url, _confidence(measurement, 3))
    assert refused.status_code == 200 and "Kies een antwoord." in refused.content.decode()
    assert not Response.objects.exists()
    client.post(url, {"skip": "1"})
    assert Response.objects.get().skipped


def test_nameting_is_not_for_someone_who_did_not_complete(client, learner, other_learner):
    course, _ = make_measured_course()
    enrolment_request(user=learner, course=course)
    client.force_login(learner)
    url = reverse("effect:posttest", kwargs={"course_id": course.pk})
    client.post(url, {})
    assert not Response.objects.exists()
    client.force_login(other_learner)
    assert client.get(url).status_code == 404
