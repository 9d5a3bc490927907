"""How far a person is with a course: one vocabulary for the coordinator's learner list and the
VNG's function holders, so "niet begonnen" means the same on both pages and in both exports."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from courses.models import Completion


class LearnerStatus:
    NOT_STARTED = "niet-begonnen"
    IN_PROGRESS = "bezig"
    COMPLETED = "afgerond"
    ORDER = (NOT_STARTED, IN_PROGRESS, COMPLETED)  # as status_rank 0, 1, 2
    LABELS = {
        NOT_STARTED: _("Niet begonnen"),
        IN_PROGRESS: _("Bezig"),
        COMPLETED: _("Afgerond"),
    }


def live_completions(course) -> QuerySet:
    """The live completions of the enrolment's learner (OuterRef) in `course`, latest round
    first: matched on the person key, so an imported completion counts too."""
    return Completion.objects.filter(
        course_code=course.code, revoked_at__isnull=True, person_key=OuterRef("user__person_key")
    ).order_by("-round")


def learner_status_filter(enrolments: QuerySet, status: str, completions: QuerySet) -> QuerySet:
    """Annotated enrolments (course_learners_queryset) with the learner status `status`:
    completed is having a live completion, started is a start on the enrolment."""
    completed = Exists(completions.order_by())
    if status == LearnerStatus.COMPLETED:
        return enrolments.filter(completed)
    if status == LearnerStatus.IN_PROGRESS:
        return enrolments.filter(~completed, started_at__isnull=False)
    if status == LearnerStatus.NOT_STARTED:
        return enrolments.filter(~completed, started_at__isnull=True)
    return enrolments
