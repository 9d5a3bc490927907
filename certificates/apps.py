from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificaten")

    def ready(self):
        # Imported here, not at the top: these modules import models, which are not loaded
        # until every AppConfig has been created (Django's app-loading order).
        from accounts.privacy import person_eraser_register
        from certificates.services import (
            certificate_issue_for_recorded,
            certificates_holder_erase,
            completion_revoke_with_certificates,
        )
        from courses.completion import certificate_hooks_register

        # Erasing a person empties the names on their certificates and deletes the PDFs.
        person_eraser_register("certificates", certificates_holder_erase)
        # A completion the course's rule records is certified here; one it no longer supports
        # is revoked with its certificates (courses.completion's hook).
        certificate_hooks_register(
            issue=certificate_issue_for_recorded, revoke=completion_revoke_with_certificates
        )
