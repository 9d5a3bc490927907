"""Fill a checkout with the programme's courses, targets, demo accounts and demo learners.

Idempotent: every part looks for what it would create and skips what is already there, and the
command says per part how much it created and how much it found.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Vult het platform met de cursussen, doelen, demo-accounts en demo-cursisten."

    def handle(self, *args, **options):
        from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo_accounts
        from cms.demo import seed_site_pages

        if not settings.DEBUG:
            raise CommandError(
                "seed_demo maakt demo-accounts met een bekend wachtwoord en draait daarom "
                "alleen met DJANGO_DEBUG aan."
            )
        from courses.demo import seed_courses, seed_sessions
        from effect.demo import seed_effect
        from reporting.demo import seed_counter_snapshots, seed_demo_learners, seed_targets

        parts = [
            ("Pagina's", seed_site_pages),
            ("Demo-accounts", seed_demo_accounts),
            ("Cursussen", seed_courses),
            ("Bijeenkomsten", seed_sessions),
            ("Doelen", seed_targets),
            ("Demo-cursisten", seed_demo_learners),
            ("Tellerstanden", seed_counter_snapshots),
            ("Effectmetingen", seed_effect),
        ]
        for label, seed in parts:
            with transaction.atomic():
                created, existing = seed()
            if created:
                self.stdout.write(f"{label}: {created} aangemaakt, {existing} bestonden al.")
            else:
                self.stdout.write(f"{label}: niets aangemaakt, alle {existing} bestonden al.")
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for email, _first, _last, role, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<22} {email}")
