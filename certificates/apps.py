from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificaten")

    def ready(self):
        from accounts.privacy import person_eraser_register
        from certificates.services import certificates_holder_erase

        # Erasing a person empties the names on their certificates and deletes the PDFs.
        person_eraser_register("certificates", certificates_holder_erase)
