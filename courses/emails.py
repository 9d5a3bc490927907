"""The learning e-mails, in Dutch: built here, sent by services and tasks.

Each builder returns an EmailMessage (not yet sent), so a service decides when it goes out and
marks it as sent in the same transaction.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses.models import Enrolment, Invitation, SessionRegistration
from elearning.links import site_url


def _message(*, subject: str, template: str, context: dict, to: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
    return EmailMessage(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[to])


def invitation_email(invitation: Invitation) -> EmailMessage:
    course = invitation.course
    return _message(
        subject=_("Uitnodiging voor de cursus %(course)s") % {"course": course.title},
        template="courses/emails/invitation.txt",
        context={
            "course": course,
            "accept_url": site_url(reverse("courses:invitation_accept", args=[invitation.token])),
            "course_url": site_url(course.get_url() or "/cursussen/"),
        },
        to=invitation.email,
    )


def enrolment_decision_email(enrolment: Enrolment) -> EmailMessage:
    approved = enrolment.status == Enrolment.Status.ACTIVE
    course = enrolment.course
    if approved:
        subject = _("U bent toegelaten tot de cursus %(course)s")
    else:
        subject = _("Uw aanvraag voor de cursus %(course)s")
    return _message(
        subject=subject % {"course": course.title},
        template="courses/emails/enrolment_decision.txt",
        context={
            "user": enrolment.user,
            "course": course,
            "approved": approved,
            "course_url": site_url(course.get_url() or "/cursussen/"),
        },
        to=enrolment.user.email,
    )


def waitlist_promotion_email(registration: SessionRegistration) -> EmailMessage:
    session = registration.session
    return _message(
        subject=_("Er is een plaats voor u vrijgekomen: %(session)s") % {"session": session},
        template="courses/emails/waitlist_promotion.txt",
        context={
            "user": registration.user,
            "session": session,
            "course": session.course,
            "my_learning_url": site_url(reverse("courses:my_learning")),
        },
        to=registration.user.email,
    )


def session_reminder_email(registration: SessionRegistration) -> EmailMessage:
    session = registration.session
    return _message(
        subject=_("Herinnering: morgen %(session)s") % {"session": session},
        template="courses/emails/session_reminder.txt",
        context={
            "user": registration.user,
            "session": session,
            "course": session.course,
            "my_learning_url": site_url(reverse("courses:my_learning")),
        },
        to=registration.user.email,
    )
