"""Exports of the report tables as CSV or XLSX, built in the background for whoever asked.

The request is written (and audited) first; the file is built by a Celery task after commit,
and a sweep re-queues requests still waiting after a broker outage. Only the requester can
download the file (reporting.views.export_download).
"""

from __future__ import annotations

import io
import logging
from datetime import date

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from accounts.audit import audit_record
from accounts.models import AuditEvent
from accounts.privacy import text_scrub
from elearning.outbox import outbox_add
from elearning.spreadsheets import csv_bytes, safe_row
from elearning.tasks import RETRIED_UNTIL_DONE
from reporting.counters import Scope
from reporting.definitions import definitions_lines
from reporting.models import ExportRequest, ImportBatch, Target
from reporting.tables import TABLES, Table

logger = logging.getLogger(__name__)


def scope_parameters(scope: Scope) -> dict:
    return {
        "peildatum": scope.as_of.isoformat(),
        "vanaf": scope.start.isoformat() if scope.start else "",
        "tot": scope.end.isoformat() if scope.end else "",
    }


def scope_from_parameters(parameters: dict) -> Scope:
    def day(name):
        value = parameters.get(name)
        return date.fromisoformat(value) if value else None

    return Scope(as_of=day("peildatum") or timezone.localdate(), start=day("vanaf"), end=day("tot"))


def export_request(*, user, table: str, format: str, scope: Scope) -> ExportRequest:
    """Record the request, log who asked for what, and queue the build after commit."""
    spec = TABLES[table]
    if not spec.can_export(user):
        raise PermissionError(table)
    with transaction.atomic():
        request = ExportRequest.objects.create(
            requested_by=user, table=table, format=format, parameters=scope_parameters(scope)
        )
        audit_record(
            actor=user,
            action=AuditEvent.Action.EXPORT,
            target=f"rapportage:{table}.{format}",
            details={"export": str(request.uuid), **request.parameters},
        )
        outbox_add(
            key=f"export:{request.pk}",
            task="reporting.exports.export_build_task",
            args=[request.pk],
        )
    return request


def render_csv(table: Table, definitions: list[str] = ()) -> bytes:
    # What is counted comes first, one statement a line, then an empty line and the table.
    return csv_bytes(header=table.columns, rows=table.rows, preamble=definitions)


def render_xlsx(table: Table, definitions: list[str] = ()) -> bytes:
    workbook = Workbook(write_only=True)
    if definitions:
        # The first sheet says what is counted, so a copied sheet is never without it.
        about = workbook.create_sheet(title=str(_("Definities")))
        about.column_dimensions["A"].width = 120
        for line in definitions:
            about.append([line])
    sheet = workbook.create_sheet(title=table.title[:31])
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column) + 2)
    sheet.append(table.columns)
    for row in table.rows:
        cells = []
        for value in safe_row(row):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, date):
                cell.number_format = "DD-MM-YYYY"  # a real date, shown the Dutch way
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


RENDERERS = {ExportRequest.Format.CSV: render_csv, ExportRequest.Format.XLSX: render_xlsx}


def export_build(request_id: int) -> ExportRequest | None:
    """Build the file of one export request; a request already built is left as it is."""
    with transaction.atomic():
        request = (
            ExportRequest.objects.select_for_update()
            .select_related("requested_by")
            .filter(pk=request_id, status=ExportRequest.Status.PENDING)
            .first()
        )
        if request is None:
            return None
        spec = TABLES.get(request.table)
        user = request.requested_by
        if spec is None or not user.is_active or not spec.can_export(user):
            # Rights can be withdrawn between asking and building.
            request.status = ExportRequest.Status.FAILED
            request.error = "Geen toegang (meer) tot deze tabel."
            request.finished_at = timezone.now()
            request.save(update_fields=["status", "error", "finished_at"])
            return request
        table = spec.build(scope_from_parameters(request.parameters))
        targets = Target.objects.select_related("function", "profession").order_by("slug")
        content = RENDERERS[request.format](table, definitions_lines(targets))
        # Stored under its unguessable id; the requester downloads it under a readable name.
        request.file.save(f"{request.uuid}.{request.format}", ContentFile(content), save=False)
        request.row_count = len(table.rows)
        request.status = ExportRequest.Status.READY
        request.finished_at = timezone.now()
        request.save(update_fields=["file", "row_count", "status", "finished_at"])
    return request


def exports_person_erase(*, user, needles: list[str] | None = None) -> int:
    """Delete the stored exports a person asked for, and every stored export that lists people;
    scrub the person from import reports.

    Part of account erasure (accounts.privacy.account_erase runs it). The person's own
    requests go with their account; a file of a table that names people (TableSpec.personal)
    may name them too, so it is removed and its request says why (whoever asked can ask
    again, without the erased person). Files are deleted once the transaction commits.
    Returns the number of files deleted.
    """
    personal = [slug for slug, spec in TABLES.items() if spec.personal]
    requests = ExportRequest.objects.filter(Q(requested_by=user) | Q(table__in=personal)).exclude(
        file=""
    )
    deleted = 0
    for request in requests:
        storage, name = request.file.storage, request.file.name
        transaction.on_commit(lambda s=storage, n=name: s.delete(n), robust=True)
        deleted += 1
    ExportRequest.objects.filter(requested_by=user).delete()
    # An import's report may quote a line with the person's address; the line stays counted.
    needles = needles or [user.email]
    query = Q()
    for needle in needles:
        query |= Q(report_text__icontains=needle)
    batches = ImportBatch.objects.annotate(report_text=Cast("report", TextField())).filter(query)
    for batch in batches:
        ImportBatch.objects.filter(pk=batch.pk).update(report=text_scrub(batch.report, needles))
    ExportRequest.objects.filter(table__in=personal).exclude(file="").update(
        file="",
        status=ExportRequest.Status.FAILED,
        error="Verwijderd na een verzoek om gegevens te wissen; vraag de export opnieuw aan.",
    )
    return deleted


def download_name(request: ExportRequest) -> str:
    scope = scope_from_parameters(request.parameters)
    return f"{request.table}-peildatum-{scope.as_of:%Y%m%d}.{request.format}"


@shared_task(**RETRIED_UNTIL_DONE)
def export_build_task(request_id: int) -> bool:
    return export_build(request_id) is not None
