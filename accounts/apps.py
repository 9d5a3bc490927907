from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    # Permissions are created per app during post_migrate; the roles are synced once the last
    # app has had its turn, so every permission they name exists.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label:
        return
    from accounts.roles import roles_sync  # imports models: app-loading order

    roles_sync()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Personen en organisaties")

    def ready(self):
        # Imported here: these modules import models, loaded only after every AppConfig exists.
        from accounts import audit  # noqa: F401  (connects the audit receivers)
        from accounts.backends import permissions_signals_connect
        from elearning import checks  # noqa: F401  (registers the project's system checks)

        permissions_signals_connect()

        post_migrate.connect(_sync_roles, dispatch_uid="accounts.roles_sync")
