from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _targets_changed(**kwargs):
    from courses.completion import completions_changed
    from reporting.disclosure import public_counters_changed

    # A new, edited or removed target changes the reports as a completion does, and which
    # targets the public counters list (their figures still come from the daily snapshot).
    completions_changed()
    public_counters_changed()


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportage")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from reporting.models import Target

        post_save.connect(_targets_changed, sender=Target, dispatch_uid="reporting.target_saved")
        post_delete.connect(
            _targets_changed, sender=Target, dispatch_uid="reporting.target_deleted"
        )
