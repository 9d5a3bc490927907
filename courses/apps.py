from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen en leren")

    def ready(self):
        from accounts.privacy import person_eraser_register
        from courses.services import person_learning_erase

        person_eraser_register("courses", person_learning_erase)

        from courses.published import catalogue_signals_connect

        catalogue_signals_connect()
