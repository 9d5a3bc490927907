from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    # Permissions exist only after migrate has run, so the role groups are synced afterwards.
    from accounts.roles import roles_sync

    roles_sync()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Personen en organisaties")

    def ready(self):
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.roles_sync")
