"""The learning journey's services: enrolment, progress, attempts and completion."""

import uuid

import pytest
from django.core import mail
from django.db import IntegrityError

from accounts.models import Function
from certificates.models import Certificate
from courses import services
from courses.models import (
    Completion,
    CoursePage,
    Enrolment,
    Invitation,
    LessonProgress,
    ToetsAttempt,
)
from courses.selectors import page_states
from tests.factories import (
    EnrolmentFactory,
    LearningCourseFactory,
    UserFactory,
    correct_answers,
    lessons_of,
    toetsen_of,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


def _finish_lessons(user, course):
    for lesson in lessons_of(course):
        services.lesson_complete(user=user, lesson=lesson)


# --- Enrolment ------------------------------------------------------------------------------


def test_open_course_enrols_at_once_and_twice_is_once(learner):
    course = LearningCourseFactory()
    first = services.enrolment_request(user=learner, course=course)
    second = services.enrolment_request(user=learner, course=course)
    assert first.pk == second.pk
    assert first.status == Enrolment.Status.ACTIVE
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_approval_course_waits_for_the_coordinator_and_mails_the_decision(
    learner, coordinator, django_capture_on_commit_callbacks
):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.APPROVAL)
    enrolment = services.enrolment_request(user=learner, course=course)
    assert enrolment.status == Enrolment.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_decide(enrolment=enrolment, approve=True, decided_by=coordinator)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.decided_by == coordinator
    assert len(mail.outbox) == 1
    assert "goedgekeurd" in mail.outbox[0].body
    assert mail.outbox[0].to == [learner.email]
    # Deciding again changes nothing and mails nobody.
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_decide(enrolment=enrolment, approve=False, decided_by=coordinator)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert len(mail.outbox) == 1


def test_declined_request_is_told_and_cannot_request_again(
    learner, coordinator, django_capture_on_commit_callbacks
):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.APPROVAL)
    enrolment = services.enrolment_request(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_decide(enrolment=enrolment, approve=False, decided_by=coordinator)
    assert "niet goedgekeurd" in mail.outbox[0].body
    with pytest.raises(services.LearningError):
        services.enrolment_request(user=learner, course=course)


def test_invitation_course_needs_an_invitation_matched_case_insensitively(
    learner, coordinator, django_capture_on_commit_callbacks
):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.INVITATION)
    with pytest.raises(services.LearningError):
        services.enrolment_request(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.invitations_send(
            course=course,
            emails=["LEERLING@Example.org", "nieuw@example.org", "geen-adres", "nieuw@EXAMPLE.org"],
            invited_by=coordinator,
        )
    assert report.invited == ["leerling@example.org", "nieuw@example.org"]
    assert report.invalid == ["geen-adres"]
    assert len(mail.outbox) == 2
    assert "uitgenodigd" in mail.outbox[0].body
    assert "/leren/uitnodiging/" in mail.outbox[0].body
    assert Invitation.objects.filter(email_sent_at__isnull=False).count() == 2
    enrolment = services.enrolment_request(user=learner, course=course)
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.source == Enrolment.Source.INVITATION
    # Inviting again mails nobody and reports who is where.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.invitations_send(
            course=course, emails=["leerling@example.org", "Nieuw@example.org"], invited_by=None
        )
    assert again.already_enrolled == ["leerling@example.org"]
    assert again.already_invited == ["nieuw@example.org"]
    assert len(mail.outbox) == 2


def test_invitation_is_for_its_own_address_only(learner, other_learner):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.INVITATION)
    invitation = Invitation.objects.create(course=course, email="Leerling@Example.org")
    with pytest.raises(services.LearningError):
        services.invitation_accept(invitation=invitation, user=other_learner)
    services.invitation_accept(invitation=invitation, user=learner)
    services.invitation_accept(invitation=invitation, user=learner)
    assert Enrolment.objects.filter(course=course).count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


# --- Bulk import ----------------------------------------------------------------------------


def test_csv_with_an_invalid_line_enrols_nobody_unless_asked(learner, other_learner, coordinator):
    course = LearningCourseFactory()
    content = (
        "e-mail\nLeerling@example.org\nniet-een-adres\nander@example.org\n"
        "onbekend@example.org\nleerling@example.org\n"
    )
    report = services.enrolments_import(course=course, content=content, imported_by=coordinator)
    assert not report.imported
    assert [(line.number, line.ok) for line in report.lines] == [
        (2, True),
        (3, False),
        (4, True),
        (5, False),
        (6, False),
    ]
    assert "geen account" in report.lines[3].message
    assert "eerder" in report.lines[4].message
    assert not Enrolment.objects.filter(course=course).exists()

    report = services.enrolments_import(
        course=course, content=content, imported_by=coordinator, import_valid_lines=True
    )
    assert report.imported and report.enrolled == 2
    assert set(Enrolment.objects.filter(course=course).values_list("user__email", flat=True)) == {
        "leerling@example.org",
        "ander@example.org",
    }
    assert Enrolment.objects.get(user=learner).source == Enrolment.Source.BULK


def test_clean_csv_imports_and_reimport_changes_nothing(learner, other_learner, coordinator):
    course = LearningCourseFactory()
    content = "leerling@example.org;Lieke\nander@example.org;Ad\n"
    report = services.enrolments_import(course=course, content=content, imported_by=coordinator)
    assert report.imported and report.enrolled == 2
    again = services.enrolments_import(course=course, content=content, imported_by=coordinator)
    assert again.enrolled == 0
    assert all(line.ok for line in again.lines)
    assert Enrolment.objects.filter(course=course).count() == 2


# --- Progress -------------------------------------------------------------------------------


def test_lesson_open_marks_started_only_for_enrolled_learners(learner, other_learner):
    course = LearningCourseFactory()
    lesson = lessons_of(course)[1]
    EnrolmentFactory(user=learner, course=course)
    services.lesson_open(user=learner, lesson=lesson)
    services.lesson_open(user=learner, lesson=lesson)
    services.lesson_open(user=other_learner, lesson=lesson)
    progress = LessonProgress.objects.get()
    assert progress.user == learner and progress.completed_at is None
    assert Enrolment.objects.get(user=learner).last_page_id == lesson.pk


def test_completing_a_lesson_twice_is_one_fact(learner):
    course = LearningCourseFactory()
    lesson = lessons_of(course)[0]
    EnrolmentFactory(user=learner, course=course)
    first = services.lesson_complete(user=learner, lesson=lesson)
    completed_at = LessonProgress.objects.get().completed_at
    second = services.lesson_complete(user=learner, lesson=lesson)
    assert first.created and not second.created
    assert LessonProgress.objects.get().completed_at == completed_at


def test_not_enrolled_cannot_complete_a_lesson(learner):
    course = LearningCourseFactory()
    with pytest.raises(services.LearningError):
        services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert not LessonProgress.objects.exists()


def test_progress_counts_live_lessons_and_passed_toetsen_per_course_and_module(learner):
    course = LearningCourseFactory(lessons=4, modules=2)
    EnrolmentFactory(user=learner, course=course)
    lessons = lessons_of(course)
    services.lesson_complete(user=learner, lesson=lessons[0])
    state = page_states.course_page_state(learner, course)
    assert (state["progress"].done, state["progress"].total) == (1, 5)
    assert state["progress"].percent == 20
    assert [(m["progress"].done, m["progress"].total) for m in state["modules"]] == [(1, 2), (0, 3)]
    # An unpublished lesson no longer counts.
    lessons[3].unpublish()
    state = page_states.course_page_state(learner, course)
    assert (state["progress"].done, state["progress"].total) == (1, 4)


def test_learner_resumes_where_they_left_off(learner):
    course = LearningCourseFactory(lessons=3)
    EnrolmentFactory(user=learner, course=course)
    lessons = lessons_of(course)
    state = page_states.course_page_state(learner, course)
    assert state["continue_page"].id == lessons[0].pk
    services.lesson_complete(user=learner, lesson=lessons[0])
    services.lesson_open(user=learner, lesson=lessons[2])
    state = page_states.course_page_state(learner, course)
    assert state["continue_page"].id == lessons[2].pk
    services.lesson_complete(user=learner, lesson=lessons[2])
    state = page_states.course_page_state(learner, course)
    assert state["continue_page"].id == toetsen_of(course)[0].pk


# --- Toets attempts -------------------------------------------------------------------------


def test_attempt_is_scored_on_the_server_and_limited(learner):
    course = LearningCourseFactory(toets_fields={"max_attempts": 2, "pass_mark_percent": 100})
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    first = services.toets_submit(
        user=learner, toets=toets, answers=wrong_answers(toets), submission_key=uuid.uuid4()
    )
    assert first.created and not first.attempt.passed
    assert first.attempt.score_percent == 0
    key = uuid.uuid4()
    second = services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=key
    )
    assert second.attempt.passed and second.attempt.number == 2
    replay = services.toets_submit(
        user=learner, toets=toets, answers=wrong_answers(toets), submission_key=key
    )
    assert not replay.created and replay.attempt.pk == second.attempt.pk
    with pytest.raises(services.LearningError):
        services.toets_submit(
            user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
        )
    assert ToetsAttempt.objects.count() == 2
    state = page_states.toets_page_state(learner, toets)
    assert state["attempts_left"] == 0
    assert state["best_attempt"].number == 2
    # After passing, the passing attempt is shown and no attempt is left.
    assert state["passed"] and state["latest_attempt"].passed


def test_someone_elses_submission_key_is_refused(learner, other_learner):
    course = LearningCourseFactory()
    EnrolmentFactory(user=learner, course=course)
    EnrolmentFactory(user=other_learner, course=course)
    toets = toetsen_of(course)[0]
    key = uuid.uuid4()
    services.toets_submit(
        user=learner, toets=toets, answers=wrong_answers(toets), submission_key=key
    )
    with pytest.raises(services.LearningError):
        services.toets_submit(
            user=other_learner, toets=toets, answers=wrong_answers(toets), submission_key=key
        )


# --- Completion -----------------------------------------------------------------------------


def test_completion_written_once_with_snapshot_certificate_and_granted_function(learner):
    function = Function.objects.get(slug="contactpersoon-minderjarigen")
    course = LearningCourseFactory(certificate_validity_months=24, grants_function=function)
    EnrolmentFactory(user=learner, course=course)
    _finish_lessons(learner, course)
    assert not Completion.objects.exists()
    toets = toetsen_of(course)[0]
    result = services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
    )
    completion = result.completion
    assert completion is not None
    assert completion.source == Completion.Source.PLATFORM
    assert completion.person_key == learner.person_key
    assert completion.course_code == course.code
    assert completion.municipality.cbs_code == "GM0344"
    assert completion.organisation_kind == "jeugdzorg"
    assert completion.profession.slug == "jeugdprofessional"
    assert list(completion.functions.values_list("slug", flat=True)) == ["professional-kinderen"]
    assert completion.valid_until is not None
    assert (completion.valid_until - completion.completed_at.date()).days > 700
    assert Certificate.objects.filter(completion=completion).count() == 1
    assert learner.profile.functions.filter(pk=function.pk).exists()
    # A passed toets takes no further attempt (issue 17), so nothing new is written.
    with pytest.raises(services.LearningError, match="al gehaald"):
        services.toets_submit(
            user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
        )
    assert Completion.objects.count() == 1


def test_best_attempt_counts_a_later_fail_does_not_undo_a_pass(learner):
    course = LearningCourseFactory(lessons=0, requires_all_lessons=False)
    EnrolmentFactory(user=learner, course=course)
    toets = toetsen_of(course)[0]
    services.toets_submit(
        user=learner, toets=toets, answers=correct_answers(toets), submission_key=uuid.uuid4()
    )
    # After a pass no later attempt can be made (issue 17), so a pass is never undone.
    with pytest.raises(services.LearningError):
        services.toets_submit(
            user=learner, toets=toets, answers=wrong_answers(toets), submission_key=uuid.uuid4()
        )
    assert Completion.objects.count() == 1
    state = page_states.course_page_state(learner, course)
    assert state["progress"].percent == 100


def test_rule_without_toets_requirement_completes_on_lessons(learner):
    course = LearningCourseFactory(lessons=2, requires_all_tests=False)
    EnrolmentFactory(user=learner, course=course)
    _finish_lessons(learner, course)
    assert Completion.objects.filter(user=learner).count() == 1


def test_a_course_with_nothing_to_do_is_never_completed_by_the_platform(learner):
    course = LearningCourseFactory(lessons=0, toets=False)
    EnrolmentFactory(user=learner, course=course)
    assert not services.course_rule_met(user=learner, course=course)


def test_learner_without_profile_still_completes(db):
    user = UserFactory(email="kaal@example.org", profile=False)
    course = LearningCourseFactory(lessons=1, toets=False)
    EnrolmentFactory(user=user, course=course)
    services.lesson_complete(user=user, lesson=lessons_of(course)[0])
    completion = Completion.objects.get(user=user)
    assert completion.municipality is None and completion.organisation_kind == ""


def test_an_invitation_token_drawn_twice_is_a_fault_not_an_address_invited_before(monkeypatch):
    """Only a clash of course and address means "invited before"; a token that is already
    taken (drawn here on purpose) fails the sending and reports nobody as invited."""
    course = LearningCourseFactory()
    taken = services.invitations_send(course=course, emails=["eerste@example.org"], invited_by=None)
    assert taken.invited == ["eerste@example.org"]
    token = Invitation.objects.get().token
    monkeypatch.setattr(Invitation._meta.get_field("token"), "_get_default", lambda: token)
    with pytest.raises(IntegrityError):
        services.invitations_send(course=course, emails=["tweede@example.org"], invited_by=None)
    assert not Invitation.objects.filter(email="tweede@example.org").exists()
