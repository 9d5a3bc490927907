"""courses.services.attendance: when marking opens, and marking again changes nothing."""

import pytest

from courses import services
from courses.models import CoursePage, SessionRegistration
from tests.factories import EnrolmentFactory, LearningCourseFactory, SessionFactory, session_begin

pytestmark = pytest.mark.django_db


def _seated(learner, trainer):
    course = LearningCourseFactory(
        lessons=0, toets=False, format=CoursePage.Format.CLASSROOM, requires_session_attendance=True
    )
    EnrolmentFactory(user=learner, course=course)
    session = SessionFactory(
        course=course,
        trainer=trainer,
        capacity=2,
        days_ahead=7,
        title="Bijeenkomst",
        location="Utrecht",
    )
    registration = services.session_register(user=learner, session=session).registration
    return session, registration


def test_marking_before_the_start_is_refused_and_nothing_is_saved(learner, trainer):
    session, registration = _seated(learner, trainer)
    present = {registration.pk: SessionRegistration.Attendance.PRESENT}
    with pytest.raises(services.LearningError, match="Er is niets opgeslagen"):
        services.attendance_mark(session=session, marked_by=trainer, attendance=present)
    registration.refresh_from_db()
    assert registration.attendance == SessionRegistration.Attendance.UNKNOWN


def test_marking_the_same_value_again_changes_nothing(learner, trainer):
    session, registration = _seated(learner, trainer)
    session_begin(session)
    present = {registration.pk: SessionRegistration.Attendance.PRESENT}
    first = services.attendance_mark(session=session, marked_by=trainer, attendance=present)
    again = services.attendance_mark(session=session, marked_by=trainer, attendance=present)
    assert first.changed == 1 and len(first.completions) == 1
    assert again.changed == 0 and not again.completions


def test_someone_who_does_not_keep_the_list_may_not_mark(learner, trainer, other_learner):
    session, registration = _seated(learner, trainer)
    session_begin(session)
    with pytest.raises(services.LearningError, match="houdt de aanwezigheid"):
        services.attendance_mark(
            session=session,
            marked_by=other_learner,
            attendance={registration.pk: SessionRegistration.Attendance.PRESENT},
        )
