"""manage.py import_completions FILE --source NAME --course CODE [--alleen-geldige]

Checks and imports a file of external completions at once (see reporting.imports), prints the
report per line and a summary, and exits non-zero when the file is refused.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.imports import completions_import, import_batch_summary
from reporting.models import ImportBatch


class Command(BaseCommand):
    help = "Importeer afrondingen van buiten het platform uit een CSV-bestand."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het CSV-bestand.")
        parser.add_argument("--source", required=True, help="De bron, bijv. 'BUIT e-learning'.")
        parser.add_argument(
            "--course", required=True, help="De cursuscode waaronder de afrondingen tellen."
        )
        parser.add_argument(
            "--alleen-geldige",
            action="store_true",
            dest="import_valid_lines",
            help="Importeer de geldige regels, ook als er ongeldige regels zijn.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Bestand niet gevonden: %(path)s") % {"path": path})
        try:
            with path.open("rb") as handle:
                batch = completions_import(
                    file=File(handle, name=path.name),
                    source=options["source"],
                    course_code=options["course"],
                    import_valid_lines=options["import_valid_lines"],
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for entry in batch.report:
            prefix = _("Regel %(line)s: ") % {"line": entry["line"]} if entry.get("line") else ""
            self.stdout.write(f"{prefix}{entry['message']}")
        summary = import_batch_summary(batch)
        if batch.status != ImportBatch.Status.IMPORTED:
            if batch.valid_count and batch.invalid_count:
                summary += " " + _(
                    "Gebruik --alleen-geldige om alleen de geldige regels te importeren."
                )
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
