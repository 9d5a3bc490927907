from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _targets_changed(**kwargs):
    from reporting.disclosure import public_counters_changed
    from reporting.standings import reports_changed

    # A new, edited or removed target changes the reports, and which targets the public
    # counters list (their figures still come from the daily snapshot).
    reports_changed()
    public_counters_changed()


def _target_saved(sender, instance, **kwargs):
    from reporting.standings import standings_rebuild

    # Codes, period or filters may have changed: the target's standings are recomputed with
    # the save, in its transaction, so no report ever reads them half-way.
    standings_rebuild(targets=[instance])
    _targets_changed()


def _completions_written(sender, person_keys, **kwargs):
    from reporting.standings import standings_due

    # Noted in the writer's transaction, settled by the next reader of the standings (or the
    # task every minute): the learner who completed a course does not wait for the reports.
    standings_due(person_keys=person_keys)


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportage")

    def ready(self):
        from accounts.privacy import person_eraser_register
        from reporting.exports import exports_person_erase
        from reporting.imports import imports_person_erase

        person_eraser_register("reporting", exports_person_erase)
        person_eraser_register("reporting-imports", imports_person_erase)

        from django.db.models.signals import post_delete, post_save

        from courses.completion import completions_written
        from reporting.holders import holders_signals_connect
        from reporting.models import Target

        holders_signals_connect()
        post_save.connect(_target_saved, sender=Target, dispatch_uid="reporting.target_saved")
        completions_written.connect(
            _completions_written, dispatch_uid="reporting.standings_completions_written"
        )
        post_delete.connect(
            _targets_changed, sender=Target, dispatch_uid="reporting.target_deleted"
        )
