"""The security tests' world: one person per role, two courses, and objects on both sides.

Course A is coordinated by the coordinator and has a session trained by the trainer; course B
belongs to nobody in the world, so every object of B is "someone else's" for every role but the
administrator. The learner has a certificate in A; other people have certificates in A and B.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import roles
from certificates.models import Certificate, ProfessionalRegistration
from courses.authoring import course_coordinator_assign
from courses.models import CourseCoordinator, CoursePage, Enrolment, Invitation
from courses.services import enrolment_request
from tests import factories
from tests.factories import CertificateFactory, UserFactory

ANON, LEARNER, TRAINER, COORD, VNG, PROG, ADMIN = (
    "anoniem",
    "cursist",
    "trainer",
    "coordinator",
    "vng",
    "programmateam",
    "beheerder",
)
ROLES = (ANON, LEARNER, TRAINER, COORD, VNG, PROG, ADMIN)


@dataclass
class World:
    users: dict
    course_a: CoursePage  # coordinated by COORD, session trained by TRAINER
    course_b: CoursePage  # nobody in the matrix coordinates it
    lesson_a: object
    lesson_draft: object
    toets_a: object
    session_a: object
    session_b: object
    cert_own: Certificate  # the learner's
    cert_other: Certificate  # another learner's, course B
    cert_a_other: Certificate  # another learner's, course A (the coordinator's course)
    registration_own: ProfessionalRegistration
    registration_other: ProfessionalRegistration
    pending_a: Enrolment
    pending_b: Enrolment
    invitation_own: Invitation
    invitation_other: Invitation
    document: object
    assignment: object


def _certificate(user, course):
    completed_at = timezone.now() - timedelta(days=3)
    return CertificateFactory(
        user=user, course=course, completed_at=completed_at, validity_months=24
    )


@pytest.fixture
def world(db, learner, other_learner, trainer, coordinator, vng_user, programme_user):
    administrator = UserFactory(
        email="beheer@example.org", role=roles.ADMINISTRATOR, is_superuser=True, is_staff=True
    )
    other_trainer = UserFactory(email="trainer2@example.org", role=roles.TRAINER)
    third = UserFactory(email="derde@example.org", first_name="Dirk", last_name="Derde")
    course_a = factories.CourseFactory(
        code="rol-a", title="Cursus A", enrolment_mode=CoursePage.EnrolmentMode.APPROVAL
    )
    module_a = factories.ModuleFactory(parent=course_a)
    lesson_a = factories.LessonFactory(parent=module_a)
    lesson_draft = factories.LessonFactory(parent=module_a, title="Concept", live=False)
    toets_a = factories.ToetsFactory(parent=module_a)
    course_b = factories.CourseFactory(
        code="rol-b", title="Cursus B", enrolment_mode=CoursePage.EnrolmentMode.APPROVAL
    )
    factories.LessonFactory(parent=factories.ModuleFactory(parent=course_b))
    course_coordinator_assign(course=course_a, user=coordinator)
    session_a = factories.SessionFactory(course=course_a, trainer=trainer)
    session_b = factories.SessionFactory(course=course_b, trainer=other_trainer)
    Enrolment.objects.create(
        user=learner, course=course_a, status=Enrolment.Status.ACTIVE, enrolled_at=timezone.now()
    )
    pending_a = enrolment_request(user=third, course=course_a)
    pending_b = enrolment_request(user=other_learner, course=course_b)
    return World(
        users={
            ANON: None,
            LEARNER: learner,
            TRAINER: trainer,
            COORD: coordinator,
            VNG: vng_user,
            PROG: programme_user,
            ADMIN: administrator,
        },
        course_a=course_a,
        course_b=course_b,
        lesson_a=lesson_a,
        lesson_draft=lesson_draft,
        toets_a=toets_a,
        session_a=session_a,
        session_b=session_b,
        cert_own=_certificate(learner, course_a),
        cert_other=_certificate(other_learner, course_b),
        cert_a_other=_certificate(third, course_a),
        registration_own=ProfessionalRegistration.objects.create(
            user=learner, register="skj", registration_number="SKJ-1"
        ),
        registration_other=ProfessionalRegistration.objects.create(
            user=other_learner, register="skj", registration_number="SKJ-2"
        ),
        pending_a=pending_a,
        pending_b=pending_b,
        invitation_own=Invitation.objects.create(
            course=course_a, email=learner.email, invited_by=coordinator
        ),
        invitation_other=Invitation.objects.create(
            course=course_b, email="iemand@example.org", invited_by=administrator
        ),
        document=factories.make_document(),
        assignment=CourseCoordinator.objects.get(course=course_a, user=coordinator),
    )
