from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _catalogue_authoring(sender, **kwargs):
    # After the last app migrated (Wagtail's page permissions and the catalogue exist), let the
    # coordinators start courses under the catalogue. Idempotent.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label:
        return
    from courses.authoring import coordinator_catalogue_ensure  # models: app-loading order

    coordinator_catalogue_ensure()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen en leren")

    def ready(self):
        # Imported here, not at the top: these modules import models, which are not loaded
        # until every AppConfig has been created (Django's app-loading order).
        from accounts.mfa import others_data_scope_register
        from accounts.privacy import person_eraser_register
        from cms.home import home_listing_register
        from cms.routing import route_shortcut_register, site_finder_register
        from courses.audit import audit_signals_connect
        from courses.catalogue_index import catalogue_page_at, catalogue_site_for
        from courses.home import featured_courses
        from courses.outline import catalogue_signals_connect
        from courses.selectors.access import has_coordinator_assignment, trains_a_session
        from courses.services import person_learning_erase

        person_eraser_register("courses", person_learning_erase)
        home_listing_register("featured_courses", featured_courses)
        catalogue_signals_connect()
        route_shortcut_register(catalogue_page_at)
        site_finder_register(catalogue_site_for)
        audit_signals_connect()
        # A coordinator assignment or a session to train shows other people's data: MFA then,
        # whatever the person's groups.
        others_data_scope_register("coordinator_assignment", has_coordinator_assignment)
        others_data_scope_register("session_trainer", trains_a_session)
        post_migrate.connect(_catalogue_authoring, dispatch_uid="courses.catalogue_authoring")
