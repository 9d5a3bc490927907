"""Writes about learning, one module per sub-domain; this package re-exports them all.

CONTRACT
- lesson_open(*, user, lesson) -> LessonVisit | None: marks the lesson started for an enrolled
  learner and remembers it as the place to resume. Called on every lesson view; does nothing
  for others. It returns what it read (course, enrolment, facts) so the page's state in the
  same request can be passed it explicitly
  (courses.selectors.page_states.lesson_page_state(visit=...)).
- Every write that can complete a course (lesson_complete, toets_submit, attendance_mark)
  first locks the learner's enrolment row, so two tabs, a double submit or a replayed POST of
  the same person and course run one after the other and each sees the other's facts. The
  completion rule is then evaluated in the same transaction by `course_completion_evaluate`
  (courses.completion: the rule and the one writer of Completion rows, re-exported here).
- Services raise LearningError (a ValidationError with a Dutch message) for actions that are
  not possible; such a call changes nothing.

Modules: enrolment (requests, decisions, accepting an invitation), invitations, enrolment_import
(CSV), progress (lessons), answers (reflection and case), toetsen, sessions, attendance; the
completion rule and its recording are courses.completion. Import from `courses.services`; the
modules are the place to read and change.
"""

from courses.completion import (
    RecordedCompletion,
    completion_record,
    completion_revoke,
    completions_record_many,
    course_completion_evaluate,
    course_completion_reconsider,
    course_rule_met,
    course_rule_met_at,
)
from courses.services.answers import ANSWER_MAX_LENGTH, lesson_answer_save
from courses.services.attendance import (
    ATTENDANCE_REVOKE_REASON,
    AttendanceResult,
    attendance_correctable_until,
    attendance_mark,
    attendance_opens_at,
)
from courses.services.enrolment import (
    enrolment_decide,
    enrolment_decision_email_send,
    enrolment_request,
    invitation_accept,
)
from courses.services.enrolment_import import ImportLine, ImportReport, enrolments_import
from courses.services.errors import LearningError
from courses.services.invitations import (
    InvitationReport,
    emails_parse,
    invitation_email_send,
    invitations_send,
    person_learning_erase,
)
from courses.services.progress import LessonVisit, StepResult, lesson_complete, lesson_open
from courses.services.sessions import (
    RegistrationResult,
    session_cancel,
    session_register,
    session_reminders_send,
    session_save,
    waitlist_promotion_email_send,
)
from courses.services.toetsen import AttemptResult, SubmissionIncomplete, toets_submit

__all__ = [
    "ANSWER_MAX_LENGTH",
    "ATTENDANCE_REVOKE_REASON",
    "AttemptResult",
    "AttendanceResult",
    "ImportLine",
    "ImportReport",
    "InvitationReport",
    "LearningError",
    "LessonVisit",
    "RecordedCompletion",
    "RegistrationResult",
    "StepResult",
    "SubmissionIncomplete",
    "attendance_correctable_until",
    "attendance_mark",
    "attendance_opens_at",
    "completion_record",
    "completion_revoke",
    "completions_record_many",
    "course_completion_evaluate",
    "course_completion_reconsider",
    "course_rule_met",
    "course_rule_met_at",
    "emails_parse",
    "enrolment_decide",
    "enrolment_decision_email_send",
    "enrolment_request",
    "enrolments_import",
    "invitation_accept",
    "invitation_email_send",
    "invitations_send",
    "lesson_answer_save",
    "lesson_complete",
    "lesson_open",
    "person_learning_erase",
    "session_cancel",
    "session_register",
    "session_reminders_send",
    "session_save",
    "toets_submit",
    "waitlist_promotion_email_send",
]
