"""The certificate as an A4 PDF: WeasyPrint from a Django template, QR code inline as SVG.

Fonts are subset with HarfBuzz when libharfbuzz-subset is installed (Debian package
libharfbuzz-subset0); without it WeasyPrint falls back to fontTools, about five times slower.
"""

import functools

import segno
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from certificates.models import Certificate
from elearning.links import site_url


def verification_url(certificate: Certificate) -> str:
    path = reverse("certificates:verify_code", kwargs={"code": certificate.code})
    return site_url(path)


def qr_svg(url: str) -> str:
    """An inline SVG QR code in the programme's indigo (error correction M: survives a crease)."""
    qr = segno.make(url, error="m")
    return qr.svg_inline(scale=3, dark="#2b2a6e", light="#ffffff", border=2, omitsize=False)


def study_time_display(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} uur en {rest} minuten"
    if hours:
        return f"{hours} uur"
    return f"{rest} minuten"


def certificate_html(certificate: Certificate) -> str:
    url = verification_url(certificate)
    return render_to_string(
        "certificates/pdf/certificate.html",
        {
            "certificate": certificate,
            "issued_on": timezone.localtime(certificate.issued_at).date(),
            "completed_on": timezone.localtime(certificate.completion.completed_at).date(),
            "study_time": study_time_display(certificate.study_time_minutes),
            "verification_url": url,
            "qr_svg": mark_safe(qr_svg(url)),  # noqa: S308 - segno's own SVG, no user input
        },
    )


@functools.cache
def _font_config():
    # Setting up fontconfig costs about a third of a render; every certificate uses the same
    # system fonts (no @font-face), so one configuration serves the whole worker process.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _stylesheet():
    # The same for every certificate: parsed, and its selectors compiled, once per process
    # instead of from a <style> element in every document (a few ms of each render). Given
    # as WeasyPrint's user stylesheet it cascades as the <style> did: the document has no
    # author stylesheet of its own and none of these rules is !important.
    from weasyprint import CSS

    css = get_template("certificates/pdf/certificate.css").template.source
    return CSS(string=css, base_url=str(settings.BASE_DIR), font_config=_font_config())


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    from weasyprint import HTML

    document = HTML(string=certificate_html(certificate), base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())
