"""Wagtail admin wiring: a menu item to the certificate management pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certificates.selectors import may_manage_certificates


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage_certificates(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Certificaten"), reverse("certificates:manage_list"), icon_name="doc-full", order=900
    )
