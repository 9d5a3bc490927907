"""The monthly report e-mail to the programme team: every counter as of the month's last day."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import PROGRAMME_TEAM
from elearning.links import site_url
from elearning.mail import email_send_once
from reporting.counters import Scope, target_reports
from reporting.models import MonthlyReportDispatch, Target

logger = logging.getLogger(__name__)


def month_last_ended(today: date | None = None) -> date:
    """First day of the month before the one `today` falls in."""
    today = today or timezone.localdate()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _recipients():
    return (
        User.objects.filter(is_active=True, groups__name=PROGRAMME_TEAM)
        .exclude(email="")
        .distinct()
        .order_by("email")
    )


def _messages(recipients, *, as_of: date) -> list[EmailMultiAlternatives]:
    reports = target_reports(Target.objects.all(), Scope(as_of=as_of))
    query = urlencode({"peildatum": as_of.isoformat()})
    dashboard_url = f"{site_url(reverse('reporting:dashboard'))}?{query}"
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Maandrapport leerplatform: stand per %(date)s") % {
            "date": date_format(as_of, "j F Y")
        }
        messages = []
        for user in recipients:
            context = {
                "user": user,
                "reports": reports,
                "as_of": as_of,
                "dashboard_url": dashboard_url,
            }
            message = EmailMultiAlternatives(
                subject=subject,
                body=render_to_string("reporting/email/monthly_report.txt", context),
                to=[user.email],
            )
            message.attach_alternative(
                render_to_string("reporting/email/monthly_report.html", context), "text/html"
            )
            messages.append(message)
    return messages


def monthly_report_send(*, month: date | None = None) -> int:
    """Send the report for `month` (default: the month last ended) to the programme team.

    Once per month and person: each e-mail has its own sent marker (month and recipient), so
    a retry after a failure half-way mails only those not reached yet, and a redelivered or
    concurrent run mails nobody twice. The month's dispatch row is marked sent at the end, so
    later runs (beat asks daily) send nothing. A month
    without recipients is not marked sent, so it can still be sent once someone is in the
    team. Returns the number of e-mails sent.
    """
    month = (month or month_last_ended()).replace(day=1)
    as_of = month_end(month)
    dispatch, _created = MonthlyReportDispatch.objects.get_or_create(month=month)
    if dispatch.sent_at is not None:
        return 0
    recipients = list(_recipients())
    if not recipients:
        logger.warning("Maandrapport %s: niemand in de groep %s.", month, PROGRAMME_TEAM)
        return 0
    sent = 0
    # Each e-mail commits its own marker, so what went out stays marked if a later one fails.
    for user, message in zip(recipients, _messages(recipients, as_of=as_of), strict=True):
        key = f"maandrapport:{month.isoformat()}:{user.pk}"
        if email_send_once(key=key, build=lambda message=message: message):
            sent += 1
    MonthlyReportDispatch.objects.filter(pk=dispatch.pk, sent_at__isnull=True).update(
        recipient_count=len(recipients), sent_at=timezone.now()
    )
    return sent
