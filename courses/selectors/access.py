"""Who coordinates which courses and keeps which sessions' attendance: the one rule for
courses, certificates and reporting."""

from __future__ import annotations

from django.db.models import Q

from courses.models import ClassroomSession, CourseCoordinator, CoursePage


def may_coordinate(user) -> bool:
    """Holds a coordinator role at all (own courses or every course): opens the coordinator
    and certificate-management pages, which then show only coordinated_courses(user)."""
    return getattr(user, "is_authenticated", False) and (
        user.has_perm("courses.coordinate_courses") or user.has_perm("courses.manage_all_courses")
    )


def coordinates_all_courses(user) -> bool:
    """True for whoever manages every course (administrators: courses.manage_all_courses)."""
    return getattr(user, "is_authenticated", False) and user.has_perm("courses.manage_all_courses")


def coordinated_courses(user):
    """Which courses this person coordinates: the one rule for courses, certificates, reporting.

    Every course for whoever manages all courses; otherwise the courses the person is assigned
    to (CourseCoordinator), and only while they hold the coordinator role
    (courses.coordinate_courses). An assignment row without the role opens nothing: taking the
    role away ends the access, wherever it is checked.
    """
    if not getattr(user, "is_authenticated", False):
        return CoursePage.objects.none()
    if coordinates_all_courses(user):
        return CoursePage.objects.all()
    if user.has_perm("courses.coordinate_courses"):
        return CoursePage.objects.filter(
            pk__in=CourseCoordinator.objects.filter(user=user).values("course_id")
        )
    return CoursePage.objects.none()


def has_coordinator_assignment(user) -> bool:
    """Any assignment row at all, role or not: enough to require MFA (accounts.mfa)."""
    return CourseCoordinator.objects.filter(user=user).exists()


def trains_a_session(user) -> bool:
    """Trainer of any session, role or not: enough to require MFA (accounts.mfa)."""
    return ClassroomSession.objects.filter(trainer=user).exists()


def trained_sessions(user):
    """Sessions whose attendance list this user keeps: the sessions they train (with the
    trainer role) and the sessions of the courses they are assigned to coordinate.

    The one rule for the attendance pages and for `attendance_mark`; a person with neither
    role keeps no list, and "manage all courses" alone does not make someone a keeper.
    """
    if not getattr(user, "is_authenticated", False):
        return ClassroomSession.objects.none()
    rule = Q(pk__in=[])
    if user.has_perm("courses.mark_attendance"):
        rule |= Q(trainer=user)
    if user.has_perm("courses.coordinate_courses") or user.has_perm("courses.manage_all_courses"):
        rule |= Q(course__in=CourseCoordinator.objects.filter(user=user).values("course_id"))
    return ClassroomSession.objects.filter(rule)
