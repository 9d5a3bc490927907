from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _targets_changed(**kwargs):
    from courses.completion import completions_changed

    # A new, edited or removed target changes the published counters as a completion does.
    completions_changed()


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportage")

    def ready(self):
        from accounts.privacy import person_eraser_register
        from reporting.exports import exports_person_erase

        person_eraser_register("reporting", exports_person_erase)

        from django.db.models.signals import post_delete, post_save

        from reporting.models import Target

        post_save.connect(_targets_changed, sender=Target, dispatch_uid="reporting.target_saved")
        post_delete.connect(
            _targets_changed, sender=Target, dispatch_uid="reporting.target_deleted"
        )
