"""manage.py standings_check [--herstel] [--peildatum JJJJ-MM-DD]

Compares each target's precomputed standings with an independent count of distinct people
from the completions (reporting.consistency), prints what differs, and with --herstel
rebuilds the standings of the targets that differ. Exits non-zero when a difference remains.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reporting.consistency import standings_check


class Command(BaseCommand):
    help = "Vergelijk de telstanden met een onafhankelijke telling en herstel verschillen."

    def add_arguments(self, parser):
        parser.add_argument("--herstel", action="store_true", dest="repair")
        parser.add_argument("--peildatum", type=date.fromisoformat, dest="as_of")

    def handle(self, *args, repair=False, as_of=None, **options):
        remaining = 0
        for check in standings_check(as_of=as_of, repair=repair):
            if not check.differences:
                self.stdout.write(f"{check.target.slug}: in orde")
                continue
            self.stdout.write(f"{check.target.slug}: {len(check.differences)} verschil(len)")
            for line in check.differences:
                self.stdout.write(f"  {line}")
            if check.repaired:
                self.stdout.write("  hersteld: telstanden opnieuw opgebouwd")
            else:
                remaining += 1
        if remaining:
            raise CommandError(f"{remaining} doel(en) wijken af van de onafhankelijke telling.")
