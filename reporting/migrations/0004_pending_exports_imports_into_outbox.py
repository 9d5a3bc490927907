"""Exports and imports still waiting become outbox entries: the outbox's sweep replaces the
per-kind sweeps that looked for them (elearning/outbox.py)."""

import uuid

from django.db import migrations


def forwards(apps, schema_editor):
    ExportRequest = apps.get_model("reporting", "ExportRequest")
    ImportBatch = apps.get_model("reporting", "ImportBatch")
    OutboxEntry = apps.get_model("elearning", "OutboxEntry")
    entries = [
        OutboxEntry(key=f"export:{pk}", task="reporting.exports.export_build_task", args=[pk])
        for pk in ExportRequest.objects.filter(status="wacht").values_list("pk", flat=True)
    ]
    entries += [
        OutboxEntry(
            key=f"import:{pk}:{uuid.uuid4().hex}",
            task="reporting.imports.import_batch_run_task",
            args=[pk, user_id],
        )
        for pk, user_id in ImportBatch.objects.filter(status="wacht").values_list(
            "pk", "uploaded_by_id"
        )
    ]
    OutboxEntry.objects.bulk_create(entries, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0003_standings"),
        ("elearning", "0001_outbox_and_sent_emails"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
