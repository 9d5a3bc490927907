"""Certificates still without a PDF become outbox entries: the outbox's sweep replaces the
sweep that looked for them (elearning/outbox.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    OutboxEntry = apps.get_model("elearning", "OutboxEntry")
    pending = Certificate.objects.filter(pdf="", replaced_at__isnull=True).values_list(
        "pk", flat=True
    )
    OutboxEntry.objects.bulk_create(
        [
            OutboxEntry(
                key=f"certificaat-pdf:{pk}",
                task="certificates.tasks.certificate_pdf_render_task",
                args=[pk],
            )
            for pk in pending.iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificate_holder_erased_at"),
        ("elearning", "0001_outbox_and_sent_emails"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
