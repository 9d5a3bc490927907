"""The programme's seeded courses: complete, published, well-formed, and seeded only once."""

import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from courses.blocks import LessonStreamBlock, QuestionBlock
from courses.demo_content import COURSES
from courses.models import (
    ClassroomSession,
    CourseCoordinator,
    CoursePage,
    LessonPage,
    ToetsPage,
)

pytestmark = pytest.mark.django_db

CODES = [
    "reclassering-mensenhandel",
    "buit-basis",
    "verdieping-minderjarigen",
    "basistraining-ketenregisseur",
    "training-aandachtsfunctionaris",
    "regionale-samenwerking-basis",
    "regionale-samenwerking-verdieping",
    "opfriscursus-signaleren",
]


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _children(course, model):
    return model.objects.child_of(course).live().specific()


def _check_every_programme_course_is_seeded_and_live():
    courses = {course.code: course for course in CoursePage.objects.filter(code__in=CODES)}
    assert sorted(courses) == sorted(CODES)
    for course in courses.values():
        assert course.live and not course.has_unpublished_changes, course.code
        assert course.slug == course.code
        assert course.summary and "<li>" in course.learning_objectives
        assert course.study_time_minutes > 0
        assert course.audience_functions.exists(), course.code


def _check_every_elearning_has_three_lessons_and_a_toets_of_eight_questions():
    online = CoursePage.objects.filter(code__in=CODES, format__in=["elearning", "blended"])
    assert online.count() >= 5
    for course in online:
        lessons = _children(course, LessonPage)
        assert lessons.count() >= 3, course.code
        toetsen = _children(course, ToetsPage)
        assert toetsen.count() == 1, course.code
        toets = toetsen.get()
        assert len(toets.questions) >= 8, course.code
        assert toets.pass_mark_percent == 70
        assert toets.max_attempts in (3, None)
        kinds = {question.value["kind"] for question in toets.questions}
        assert kinds == {"single", "multiple", "true_false"}, course.code


def _check_questions_have_the_right_number_of_correct_options_and_feedback():
    for toets in ToetsPage.objects.live():
        for question in toets.questions:
            value = question.value
            QuestionBlock().clean(value)  # the editor's own validation, incl. lengths
            correct = [option for option in value["options"] if option["is_correct"]]
            if value["kind"] == "multiple":
                assert len(correct) >= 1
            else:
                assert len(correct) == 1, value["prompt"]
            if value["kind"] == "true_false":
                assert [o["text"] for o in value["options"]] == ["Waar", "Niet waar"]
            assert all(option["feedback"] for option in value["options"]), value["prompt"]
            assert value["explanation"], value["prompt"]


def _check_lessons_are_valid_and_teach_with_several_kinds_of_blocks():
    for lesson in LessonPage.objects.live():
        LessonStreamBlock().clean(lesson.body)
        kinds = {block.block_type for block in lesson.body}
        assert {"paragraph", "callout"} <= kinds, lesson.title
        assert kinds & {"case", "reflection", "knowledge_check"}, lesson.title
        if lesson.get_parent().specific.format in ("elearning", "blended"):
            # An online lesson teaches, lets the learner apply, reflect and check themselves.
            assert kinds >= {"case", "reflection", "knowledge_check"}, lesson.title
        for block in lesson.body:
            if block.block_type == "knowledge_check":
                correct = [o for o in block.value["options"] if o["is_correct"]]
                assert correct and all(o["feedback"] for o in block.value["options"])
                if not block.value["multiple"]:
                    assert len(correct) == 1, block.value["question"]


def _check_completion_rules_refreshers_and_accreditations():
    by_code = {course.code: course for course in CoursePage.objects.filter(code__in=CODES)}
    buit = by_code["buit-basis"]
    assert buit.certificate_validity_months == 24
    assert buit.refresher_course.code == "opfriscursus-signaleren"
    assert by_code["reclassering-mensenhandel"].refresher_course.code == ("opfriscursus-signaleren")
    assert list(buit.accreditations.values_list("register", "points")) == [("skj", 2)]
    verdieping = by_code["verdieping-minderjarigen"]
    assert verdieping.format == "klassikaal"
    assert verdieping.requires_session_attendance
    assert not verdieping.requires_all_lessons and not verdieping.requires_all_tests
    assert verdieping.grants_function.slug == "contactpersoon-minderjarigen"
    assert verdieping.enrolment_mode == "goedkeuring"
    assert verdieping.accreditations.filter(register="registerplein").exists()
    keten = by_code["basistraining-ketenregisseur"]
    assert keten.format == "blended" and keten.enrolment_mode == "uitnodiging"
    assert keten.requires_all_lessons and keten.requires_all_tests
    assert keten.requires_session_attendance
    assert by_code["opfriscursus-signaleren"].level == "opfris"
    assert set(
        by_code["regionale-samenwerking-basis"].audience_functions.values_list("slug", flat=True)
    ) == {"ketenregisseur", "aandachtsfunctionaris", "zorgcoordinator"}


def _check_sessions_lie_around_today_with_the_demo_trainer():
    now = timezone.now()
    for code in ["verdieping-minderjarigen", "basistraining-ketenregisseur"]:
        sessions = list(ClassroomSession.objects.filter(course__code=code))
        assert 3 <= len(sessions) <= 4, code
        assert any(session.ends_at < now for session in sessions), code
        assert any(session.starts_at > now for session in sessions), code
        for session in sessions:
            assert timezone.is_aware(session.starts_at)
            assert session.ends_at > session.starts_at
            assert 12 <= session.capacity <= 20
            assert session.location or session.online_url
            assert session.trainer.email == "trainer@example.org"
            # Training days are working days, whichever day of the week the seed ran on.
            assert timezone.localtime(session.starts_at).weekday() < 5, session.starts_at


def _check_demo_coordinator_coordinates_every_seeded_course():
    assigned = set(
        CourseCoordinator.objects.filter(user__email="coordinator@example.org").values_list(
            "course__code", flat=True
        )
    )
    assert assigned >= set(CODES)


def test_seeded_content_is_complete_and_well_formed(seeded):
    """One seed, many checks: seeding takes seconds, so the checks share it."""
    _check_every_programme_course_is_seeded_and_live()
    _check_every_elearning_has_three_lessons_and_a_toets_of_eight_questions()
    _check_questions_have_the_right_number_of_correct_options_and_feedback()
    _check_lessons_are_valid_and_teach_with_several_kinds_of_blocks()
    _check_completion_rules_refreshers_and_accreditations()
    _check_sessions_lie_around_today_with_the_demo_trainer()
    _check_demo_coordinator_coordinates_every_seeded_course()


def test_a_second_seed_creates_nothing(seeded, settings):
    counts = (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        ToetsPage.objects.count(),
        ClassroomSession.objects.count(),
        CourseCoordinator.objects.count(),
    )
    assert f"Cursussen: {len(COURSES)} aangemaakt" in seeded
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Cursussen: niets aangemaakt" in out.getvalue()
    assert "Bijeenkomsten: niets aangemaakt" in out.getvalue()
    assert counts == (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        ToetsPage.objects.count(),
        ClassroomSession.objects.count(),
        CourseCoordinator.objects.count(),
    )


def test_a_lesson_removed_by_hand_comes_back_without_a_new_course(seeded, settings):
    lesson = LessonPage.objects.get(slug="signalen-criminele-uitbuiting")
    course = CoursePage.objects.get(code="buit-basis")
    lesson.delete()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Cursussen: niets aangemaakt" in out.getvalue()
    restored = LessonPage.objects.child_of(course).get(slug="signalen-criminele-uitbuiting")
    assert restored.live


def test_catalogue_and_a_learner_journey_through_seeded_content(seeded, client):
    """The seeded texts render, and a learner who answers correctly completes the course."""
    from accounts.models import User
    from courses.models import Completion
    from courses.services import enrolment_request, lesson_complete, toets_submit

    response = client.get("/cursussen/")
    assert response.status_code == 200
    html = response.content.decode()
    for course in CoursePage.objects.filter(code__in=CODES):
        assert course.title in html, course.code

    learner = User.objects.get(email="cursist@example.org")
    course = CoursePage.objects.get(code="buit-basis")
    client.force_login(learner)
    assert client.get(course.url).status_code == 200
    enrolment_request(user=learner, course=course)
    for lesson in _children(course, LessonPage):
        page = client.get(lesson.url)
        assert page.status_code == 200, lesson.slug
        assert lesson.title in page.content.decode()
        lesson_complete(user=learner, lesson=lesson)
    toets = _children(course, ToetsPage).get()
    page = client.get(toets.url)
    assert page.status_code == 200
    assert "Waar" in page.content.decode()
    answers = {
        str(question.id): [
            str(item.id)
            for item in question.value["options"].bound_blocks
            if item.value["is_correct"]
        ]
        for question in toets.questions
    }
    result = toets_submit(user=learner, toets=toets, answers=answers, submission_key=uuid.uuid4())
    assert result.attempt.passed and result.attempt.score_percent == 100
    assert Completion.objects.filter(
        person_key=learner.person_key, course_code="buit-basis"
    ).exists()


@pytest.mark.parametrize("offset", range(-21, 22))
def test_a_demo_session_day_is_a_working_day_on_the_same_side_of_today(offset):
    from datetime import date, timedelta

    from courses.demo import _working_day

    for today in (date(2026, 12, 4) + timedelta(days=n) for n in range(7)):  # Friday to Thursday
        planned = today + timedelta(days=offset)
        day = _working_day(planned, later=offset >= 0)
        assert day.weekday() < 5
        assert abs((day - planned).days) <= 2
        assert (day >= today) if offset >= 0 else (day < today)


def test_the_home_page_offers_every_programme_course(seeded, client):
    html = client.get("/").content.decode()
    for course in CoursePage.objects.live():
        assert f">{course.title}</a>" in html.replace("&#x27;", "'"), course.title
    assert CoursePage.objects.live().count() == len(CODES)
