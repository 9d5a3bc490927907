"""Print the current MFA code of the demo staff accounts (only with DEBUG on)."""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Toont de huidige MFA-code van de demo-medewerkers (alleen met DJANGO_DEBUG aan)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp werkt alleen met DJANGO_DEBUG aan.")
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, current)))
