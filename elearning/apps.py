"""The project package as a Django app: it owns the outbox of background work."""

from django.apps import AppConfig
from django.core.signals import request_finished, request_started

from elearning import versions


class ElearningConfig(AppConfig):
    name = "elearning"
    verbose_name = "Leerplatform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: the outbox imports models, loaded only after every AppConfig exists.
        from elearning.outbox import outbox_signals_connect

        outbox_signals_connect()
        request_started.connect(versions.read_along_request_started, dispatch_uid="read-along")
        request_finished.connect(versions.read_along_request_finished, dispatch_uid="read-along")
