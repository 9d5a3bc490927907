"""How far a person is with a course: one vocabulary for the coordinator's learner list and the
VNG's function holders, so "niet begonnen" means the same on both pages and in both exports."""

from django.utils.translation import gettext_lazy as _


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
