"""courses.services.enrolment: requests, decisions and accepting an invitation."""

import pytest
from django.core import mail

from courses import services
from courses.models import CoursePage, Enrolment, Invitation
from tests.factories import EnrolmentFactory, LearningCourseFactory

pytestmark = pytest.mark.django_db


def test_a_withdrawn_learner_enrols_again_in_the_courses_first_state(learner):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.APPROVAL)
    EnrolmentFactory(user=learner, course=course, status=Enrolment.Status.WITHDRAWN)
    enrolment = services.enrolment_request(user=learner, course=course)
    assert enrolment.status == Enrolment.Status.PENDING
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_deciding_twice_changes_nothing_and_mails_once(
    learner, coordinator, django_capture_on_commit_callbacks
):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.APPROVAL)
    enrolment = services.enrolment_request(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_decide(enrolment=enrolment, approve=False, decided_by=coordinator)
        again = services.enrolment_decide(enrolment=enrolment, approve=True, decided_by=coordinator)
    assert again.status == Enrolment.Status.DECLINED
    assert len(mail.outbox) == 1


def test_accepting_an_invitation_twice_keeps_one_active_enrolment(learner, coordinator):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.INVITATION)
    invitation = Invitation.objects.create(
        course=course, email=learner.email.upper(), invited_by=coordinator
    )
    first = services.invitation_accept(invitation=invitation, user=learner)
    second = services.invitation_accept(invitation=invitation, user=learner)
    assert first.pk == second.pk and second.status == Enrolment.Status.ACTIVE
    assert second.source == Enrolment.Source.INVITATION
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_refused_request_changes_nothing(learner):
    course = LearningCourseFactory(enrolment_mode=CoursePage.EnrolmentMode.INVITATION)
    with pytest.raises(services.LearningError, match="alleen inschrijven op uitnodiging"):
        services.enrolment_request(user=learner, course=course)
    assert not Enrolment.objects.filter(user=learner).exists()
