"""The runtime's server side: the lesson page, the package files and the commit endpoint."""

import io
import json
import uuid

import pytest
from django.urls import reverse

from courses.models import Completion, Enrolment, LessonProgress
from courses.services import enrolment_request
from scorm.fixtures import scorm_12, scorm_2004
from scorm.models import PackageAttempt, PackageLessonPage
from scorm.services import package_version_create
from tests.factories import CourseFactory


def make_package_lesson(parent, data: bytes, *, title="Pakketles"):
    version = package_version_create(package=None, file=io.BytesIO(data))
    lesson = PackageLessonPage(title=title, intro="Een pakketles.", package=version.package)
    parent.add_child(instance=lesson)
    return lesson


@pytest.fixture
def course(db):
    return CourseFactory(code="ccv-signalen", title="Signalen herkennen")


@pytest.fixture
def lesson2004(course):
    return make_package_lesson(course, scorm_2004())


def _open(client, user, lesson):
    client.force_login(user)
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response


def _commit(client, attempt, sequence, cmi, *, session="s1"):
    return client.post(
        reverse("scorm:commit", args=[attempt.uuid]),
        data=json.dumps({"sequence": sequence, "session": session, "cmi": cmi}),
        content_type="application/json",
    )


DONE_2004 = {
    "location": "stap-2",
    "suspend_data": "antwoorden=1",
    "completion_status": "completed",
    "success_status": "passed",
    "score_scaled": "0.9",
    "session_time": "PT2M30S",
}


def test_learner_gets_the_runtime_and_an_attempt_on_the_current_version(
    client, learner, lesson2004, course
):
    enrolment_request(user=learner, course=course)
    response = _open(client, learner, lesson2004)
    attempt = PackageAttempt.objects.get(user=learner, lesson=lesson2004)
    html = response.content.decode()
    assert 'sandbox="allow-scripts"' in html
    assert 'data-src="/scorm-inhoud/' in html  # loaded by the runtime once it listens
    assert "vendor/scorm-again/scorm-again.min.js" in html
    assert "Les afronden" not in html  # the package decides, not a button
    assert LessonProgress.objects.filter(user=learner, lesson=lesson2004).exists()
    assert attempt.version.number == 1


def test_a_new_upload_leaves_learners_in_progress_on_their_version(
    client, learner, other_learner, lesson2004, course
):
    for user in (learner, other_learner):
        enrolment_request(user=user, course=course)
    _open(client, learner, lesson2004)
    package_version_create(package=lesson2004.package, file=io.BytesIO(scorm_2004()))
    _open(client, learner, lesson2004)
    _open(client, other_learner, lesson2004)
    assert PackageAttempt.objects.get(user=learner).version.number == 1
    assert PackageAttempt.objects.get(user=other_learner).version.number == 2


def test_package_files_are_served_sandboxed_without_session_and_with_the_bridge(
    client, learner, lesson2004, course
):
    enrolment_request(user=learner, course=course)
    _open(client, learner, lesson2004)
    attempt = PackageAttempt.objects.get(user=learner)
    from scorm.views import content_token

    token = content_token(attempt)
    client.logout()  # the files need no session: the signed token is the key
    response = client.get(reverse("scorm:content", args=[token, "sco/index.html"]))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "sandbox allow-scripts" in policy
    assert "connect-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "Set-Cookie" not in response.headers
    body = response.content.decode()
    assert body.index("cross-frame-api.min.js") < body.index("api.Initialize")
    for bad_token, path in [
        (token + "x", "sco/index.html"),
        (token, "../imsmanifest.xml"),
        (token, "nope.html"),
    ]:
        assert client.get(reverse("scorm:content", args=[bad_token, path])).status_code == 404


def test_commit_stores_resumes_completes_once_and_moves_the_course(
    client, learner, lesson2004, course
):
    enrolment_request(user=learner, course=course)
    _open(client, learner, lesson2004)
    attempt = PackageAttempt.objects.get(user=learner)
    halfway = {
        "location": "stap-2",
        "suspend_data": "antwoorden=1",
        "completion_status": "incomplete",
    }
    assert _commit(client, attempt, 1, halfway).json() == {
        "stored": True,
        "completed": False,
        "courseCompleted": False,
    }
    # Resuming: the page hands the runtime the location and suspend data back.
    response = _open(client, learner, lesson2004)
    config = json.loads(
        response.content.decode()
        .split('id="lp-scorm-config" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert config["cmi"]["cmi.location"] == "stap-2"
    assert config["cmi"]["cmi.entry"] == "resume"
    assert config["cmi"]["cmi.scaled_passing_score"] == "0.8"
    assert config["sequence"] == 1

    result = _commit(client, attempt, 2, DONE_2004).json()
    assert result == {"stored": True, "completed": True, "courseCompleted": True}
    completion = Completion.objects.get(user=learner, course_code="ccv-signalen")
    assert completion.origin["kind"] == "pakket"
    assert completion.origin["version"] == 1
    assert "SCORM-pakket" in completion.origin_display()
    # A replay changes nothing, and neither does a late, older commit.
    assert _commit(client, attempt, 2, DONE_2004).json()["stored"] is False
    assert _commit(client, attempt, 1, halfway).json()["stored"] is False
    attempt.refresh_from_db()
    assert attempt.completion_status == "completed"
    assert attempt.total_seconds == 150
    assert Completion.objects.filter(user=learner).count() == 1


def test_mastery_score_decides_a_failed_2004_attempt(client, learner, lesson2004, course):
    enrolment_request(user=learner, course=course)
    _open(client, learner, lesson2004)
    attempt = PackageAttempt.objects.get(user=learner)
    low = {**DONE_2004, "score_scaled": "0.5"}  # says passed, but under the passing score 0.8
    assert _commit(client, attempt, 1, low).json()["completed"] is False
    assert not Completion.objects.exists()


def test_scorm_12_passed_counts_and_mastery_score_overrides(client, learner, course):
    lesson = make_package_lesson(course, scorm_12(), title="Les 1.2")
    enrolment_request(user=learner, course=course)
    _open(client, learner, lesson)
    attempt = PackageAttempt.objects.get(user=learner)
    failed = {"lesson_status": "passed", "score_raw": "70", "session_time": "0000:01:00.00"}
    assert _commit(client, attempt, 1, failed).json()["completed"] is False
    passed = {"lesson_status": "completed", "score_raw": "85", "session_time": "0000:02:00"}
    assert _commit(client, attempt, 2, passed).json()["completed"] is True


@pytest.mark.parametrize(
    "cmi",
    [
        {"location": "x" * 1001},
        {"suspend_data": "x" * 64001},
        {"completion_status": "klaar"},
        {"success_status": "passed!"},
        {"score_scaled": "1.5"},
        {"score_scaled": "veel"},
        {"session_time": "2 minuten"},
        {"location": 12},
        "geen object",
    ],
)
def test_invalid_commits_are_refused_in_dutch_and_store_nothing(
    client, learner, lesson2004, course, cmi
):
    enrolment_request(user=learner, course=course)
    _open(client, learner, lesson2004)
    attempt = PackageAttempt.objects.get(user=learner)
    response = _commit(client, attempt, 1, cmi)
    assert response.status_code == 400
    assert response.json()["error"]
    attempt.refresh_from_db()
    assert (attempt.last_sequence, attempt.location, attempt.completion_status) == (0, "", "")


def test_commit_needs_the_learners_own_attempt_session_and_csrf(
    client, learner, other_learner, lesson2004, course
):
    enrolment_request(user=learner, course=course)
    _open(client, learner, lesson2004)
    attempt = PackageAttempt.objects.get(user=learner)
    client.force_login(other_learner)
    assert _commit(client, attempt, 1, DONE_2004).status_code == 404
    client.logout()
    assert _commit(client, attempt, 1, DONE_2004).status_code == 403
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    assert _commit(strict, attempt, 1, DONE_2004).status_code == 403
    assert _commit(client, PackageAttempt(uuid=uuid.uuid4()), 1, DONE_2004).status_code == 403
    attempt.refresh_from_db()
    assert attempt.last_sequence == 0


def test_the_generic_complete_button_cannot_complete_a_package_lesson(
    client, learner, lesson2004, course
):
    enrolment_request(user=learner, course=course)
    client.force_login(learner)
    response = client.post(reverse("courses:lesson_complete", args=[lesson2004.pk]))
    assert response.status_code == 404
    assert not LessonProgress.objects.filter(user=learner, completed_at__isnull=False).exists()
    assert Enrolment.objects.filter(user=learner).count() == 1


COMMIT_QUERIES = 6


def test_a_commit_reads_one_row_and_writes_one_whatever_the_course(
    client, learner, lesson2004, course, django_assert_num_queries
):
    """The commit endpoint's p99 budget (50 ms at 8 clients) rests on a constant, small
    number of queries: the session, the learner, the attempt with its version, one update
    (and here the savepoint and its release, as the test itself runs in a transaction)."""
    enrolment_request(user=learner, course=course)
    _open(client, learner, lesson2004)
    attempt = PackageAttempt.objects.get(user=learner)
    halfway = {"location": "stap-2", "suspend_data": "x" * 5000, "completion_status": "incomplete"}
    _commit(client, attempt, 1, halfway)
    with django_assert_num_queries(COMMIT_QUERIES):
        assert _commit(client, attempt, 2, {**halfway, "session_time": "PT5S"}).json()["stored"]
    for n in range(5):  # a bigger course changes nothing
        make_package_lesson(course, scorm_12(), title=f"Extra {n}")
    with django_assert_num_queries(COMMIT_QUERIES):
        assert _commit(client, attempt, 3, halfway).json()["stored"]
    with django_assert_num_queries(COMMIT_QUERIES - 1):  # a replay: read, nothing written
        assert _commit(client, attempt, 3, halfway).json()["stored"] is False
    attempt.refresh_from_db()
    assert (attempt.last_sequence, attempt.location, len(attempt.suspend_data)) == (
        3,
        "stap-2",
        5000,
    )
