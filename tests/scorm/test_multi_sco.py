"""A package of several SCOs: its organisation as the lesson's contents, a CMI record per SCO,
and the lesson completed only when every SCO is."""

import io
import json

import pytest
from django.urls import reverse

from courses.models import Completion
from courses.services import enrolment_request
from scorm.fixtures import scorm_2004_multi
from scorm.models import PackageAttempt
from scorm.services import package_version_create
from scorm.unpack import package_inspect
from scorm.views import content_token
from tests.factories import CourseFactory
from tests.scorm.test_runtime import DONE_2004, _commit, make_package_lesson


@pytest.fixture
def course(db):
    return CourseFactory(code="mh-praktijk", title="Mensenhandel in de praktijk")


@pytest.fixture
def lesson(course):
    return make_package_lesson(course, scorm_2004_multi(), title="Twee onderdelen")


def test_the_manifest_organisation_is_read_with_every_sco():
    manifest = package_inspect(io.BytesIO(scorm_2004_multi())).manifest
    assert [(i["identifier"], i["depth"], i["launch"]) for i in manifest.organisation] == [
        ("blok1", 0, ""),
        ("signalen", 1, "signalen/index.html"),
        ("melden", 0, "melden/index.html"),
    ]
    assert manifest.scos[1]["query"] == "deel=2"
    assert manifest.scos[0]["passing_scaled"] == "0.8"
    assert manifest.launch == "signalen/index.html"


def _config(html: str) -> dict:
    return json.loads(html.split('id="lp-scorm-config" type="application/json">')[1].split("<")[0])


def test_each_sco_has_its_own_record_and_the_lesson_completes_with_the_last(
    client, learner, lesson, course
):
    enrolment_request(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    # The contents: the heading, and both SCOs, the first one running.
    assert "Onderdelen van dit pakket" in html
    assert "<strong>Deel 1: herkennen</strong>" in html
    assert 'href="?onderdeel=" aria-current="step">Signalen herkennen</a>' in html
    assert 'href="?onderdeel=melden">Melden en doorverwijzen</a>' in html
    assert _config(html)["cmi"]["cmi.scaled_passing_score"] == "0.8"
    first = PackageAttempt.objects.get(user=learner, sco="")

    result = _commit(client, first, 1, DONE_2004).json()
    assert result == {"stored": True, "completed": False, "courseCompleted": False}
    assert not Completion.objects.exists()

    # The next opening runs the SCO not yet done, on the learner's version, with its own CMI.
    html = client.get(lesson.url).content.decode()
    assert 'href="?onderdeel=melden" aria-current="step"' in html
    assert "afgerond" in html
    config = _config(html)
    assert config["cmi"]["cmi.entry"] == "ab-initio"
    assert "cmi.scaled_passing_score" not in config["cmi"]  # that SCO has no mastery score
    second = PackageAttempt.objects.get(user=learner, sco="melden")
    assert second.version_id == first.version_id
    assert "/melden/index.html?deel=2" in html

    # A new upload does not move a learner who started on the first version.
    package_version_create(package=lesson.package, file=io.BytesIO(scorm_2004_multi()))
    assert client.get(lesson.url, {"onderdeel": "melden"}).status_code == 200
    assert PackageAttempt.objects.filter(user=learner).count() == 2

    result = _commit(client, second, 1, {**DONE_2004, "score_scaled": "0.3"}).json()
    assert result == {"stored": True, "completed": True, "courseCompleted": True}
    assert Completion.objects.filter(user=learner, course_code="mh-praktijk").count() == 1
    # Going back to the first SCO shows it, and a replay of the last commit changes nothing.
    html = client.get(lesson.url, {"onderdeel": ""}).content.decode()
    assert _config(html)["cmi"]["cmi.completion_status"] == "completed"
    assert _commit(client, second, 1, DONE_2004).json()["completed"] is True
    assert Completion.objects.filter(user=learner).count() == 1


def test_each_sco_is_served_from_its_own_launch_with_the_bridge(client, learner, lesson, course):
    enrolment_request(user=learner, course=course)
    client.force_login(learner)
    client.get(lesson.url, {"onderdeel": "melden"})
    attempt = PackageAttempt.objects.get(user=learner, sco="melden")
    client.logout()
    response = client.get(
        reverse("scorm:content", args=[content_token(attempt), "melden/index.html"])
    )
    assert response.status_code == 200
    assert "cross-frame-api.min.js" in response.content.decode()


def test_an_unknown_part_falls_back_to_the_first_not_done(client, learner, lesson, course):
    enrolment_request(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url, {"onderdeel": "bestaat-niet"}).content.decode()
    assert 'aria-current="step">Signalen herkennen' in html
    assert list(PackageAttempt.objects.values_list("sco", flat=True)) == [""]
