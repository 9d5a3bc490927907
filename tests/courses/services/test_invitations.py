"""courses.services.invitations: inviting addresses, their e-mail, erasure with the person."""

import pytest
from django.core import mail

from courses import services
from courses.models import Invitation
from tests.factories import EnrolmentFactory, LearningCourseFactory

pytestmark = pytest.mark.django_db


def test_pasted_addresses_split_on_commas_semicolons_spaces_and_lines():
    text = "a@example.org, b@example.org;c@example.org\nd@example.org  e@example.org\r\n"
    assert services.emails_parse(text) == [f"{x}@example.org" for x in "abcde"]


def test_inviting_reports_each_address_and_twice_invites_once(
    learner, coordinator, django_capture_on_commit_callbacks
):
    course = LearningCourseFactory()
    EnrolmentFactory(user=learner, course=course)
    emails = ["Nieuw@Example.org", "nieuw@example.org", "geen-adres", learner.email]
    with django_capture_on_commit_callbacks(execute=True):
        report = services.invitations_send(course=course, emails=emails, invited_by=coordinator)
    assert report.invited == ["nieuw@example.org"]
    assert report.invalid == ["geen-adres"]
    assert report.already_enrolled == [learner.email]
    assert len(mail.outbox) == 1
    again = services.invitations_send(
        course=course, emails=["NIEUW@example.org"], invited_by=coordinator
    )
    assert again.already_invited == ["nieuw@example.org"] and not again.invited
    assert Invitation.objects.filter(course=course).count() == 1


def test_an_invitation_email_is_sent_once(coordinator):
    course = LearningCourseFactory()
    invitation = Invitation.objects.create(
        course=course, email="iemand@example.org", invited_by=coordinator
    )
    assert services.invitation_email_send(invitation_id=invitation.pk) is True
    assert services.invitation_email_send(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 1


def test_erasing_a_person_removes_the_invitations_to_their_address(learner, coordinator):
    course = LearningCourseFactory()
    Invitation.objects.create(course=course, email=learner.email.upper(), invited_by=coordinator)
    Invitation.objects.create(course=course, email="ander@example.org", invited_by=coordinator)
    assert services.person_learning_erase(user=learner) == 1
    assert services.person_learning_erase(user=learner) == 0
    assert list(Invitation.objects.values_list("email", flat=True)) == ["ander@example.org"]
