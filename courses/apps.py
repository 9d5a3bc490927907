from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _catalogue_authoring(sender, **kwargs):
    # After the last app migrated (Wagtail's page permissions and the catalogue exist), let the
    # coordinators start courses under the catalogue. Idempotent.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label:
        return
    from courses.authoring import coordinator_catalogue_ensure

    coordinator_catalogue_ensure()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen en leren")

    def ready(self):
        from courses.published import catalogue_signals_connect

        catalogue_signals_connect()
        post_migrate.connect(_catalogue_authoring, dispatch_uid="courses.catalogue_authoring")
