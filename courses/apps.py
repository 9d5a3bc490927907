from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen en leren")

    def ready(self):
        from accounts.mfa import others_data_scope_register
        from accounts.privacy import person_eraser_register
        from courses.audit import audit_signals_connect
        from courses.published import catalogue_signals_connect
        from courses.selectors import has_coordinator_assignment, trains_a_session
        from courses.services import person_learning_erase

        person_eraser_register("courses", person_learning_erase)
        catalogue_signals_connect()
        audit_signals_connect()
        # A coordinator assignment or a session to train shows other people's data: MFA then,
        # whatever the person's groups.
        others_data_scope_register("coordinator_assignment", has_coordinator_assignment)
        others_data_scope_register("session_trainer", trains_a_session)
