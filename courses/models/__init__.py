"""Course content (Wagtail pages) and the facts of learning (plain models keyed to pages)."""

from courses.models.learning import (  # noqa: F401
    ClassroomSession,
    Completion,
    CourseCoordinator,
    Enrolment,
    Invitation,
    LearnerAnswer,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from courses.models.pages import (  # noqa: F401
    CourseAccreditation,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
)
from courses.models.toets import ToetsPage  # noqa: F401
