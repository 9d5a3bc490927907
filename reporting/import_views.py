"""Import of external completions in the Wagtail admin: upload, read the report, confirm.

Every view needs ``reporting.import_completions`` (the programme team and administrators);
Wagtail's own check sends people without admin access to the log-in page first. Batches are
addressed by uuid.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_required

from elearning.errors import error_message
from reporting.import_forms import ImportConfirmForm, ImportUploadForm
from reporting.imports import import_batch_queue, import_batch_summary, import_batch_validate
from reporting.models import ImportBatch

PERMISSION = "reporting.import_completions"
# A file of 20,000 broken lines makes a report nobody reads to the end; the counts say the rest.
REPORT_LINES_SHOWN = 500


def _breadcrumbs(*items: tuple[str, str]) -> list[dict]:
    crumbs = [
        {"url": reverse("wagtailadmin_home"), "label": _("Start")},
        {"url": reverse("reporting_imports:list"), "label": _("Imports van afrondingen")},
    ]
    return crumbs + [{"url": url, "label": label} for url, label in items]


@permission_required(PERMISSION)
@require_GET
def import_list(request):
    # The list shows counts only; a refused file's report can hold thousands of lines.
    batches = ImportBatch.objects.select_related("uploaded_by").defer("report")
    page = Paginator(batches, 25).get_page(request.GET.get("p"))
    return render(
        request,
        "reporting/imports/list.html",
        {
            "page_title": _("Imports van afrondingen"),
            "header_title": _("Imports van afrondingen"),
            "header_icon": "upload",
            "breadcrumbs_items": _breadcrumbs()[:1],
            "page": page,
        },
    )


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = import_batch_validate(
            file=form.cleaned_data["file"],
            source=form.cleaned_data["source"],
            course_code=form.cleaned_data["course_code"],
            user=request.user,
            import_valid_lines=form.cleaned_data["import_valid_lines"],
        )
        if batch.status == ImportBatch.Status.VALIDATED:
            messages.success(request, _("Het bestand is gecontroleerd. Bevestig de import."))
        else:
            messages.error(request, _("Het bestand kan zo niet worden geïmporteerd."))
        return redirect("reporting_imports:detail", uuid=batch.uuid)
    return render(
        request,
        "reporting/imports/upload.html",
        {
            "page_title": _("Bestand uploaden"),
            "header_title": _("Bestand uploaden"),
            "header_icon": "upload",
            "breadcrumbs_items": _breadcrumbs((reverse("reporting_imports:upload"), _("Uploaden"))),
            "form": form,
        },
    )


@permission_required(PERMISSION)
@require_GET
def import_detail(request, uuid):
    batch = get_object_or_404(ImportBatch.objects.select_related("uploaded_by"), uuid=uuid)
    earlier = (
        ImportBatch.objects.filter(
            file_sha256=batch.file_sha256,
            course_code=batch.course_code,
            status=ImportBatch.Status.IMPORTED,
        )
        .exclude(pk=batch.pk)
        .order_by("imported_at")
        .first()
    )
    return render(
        request,
        "reporting/imports/detail.html",
        {
            "page_title": batch.file_name,
            "header_title": batch.file_name,
            "header_icon": "upload",
            "breadcrumbs_items": _breadcrumbs((request.path, batch.file_name)),
            "batch": batch,
            "summary": import_batch_summary(batch),
            "report": batch.report[:REPORT_LINES_SHOWN],
            "report_hidden": max(0, len(batch.report) - REPORT_LINES_SHOWN),
            "may_import": batch.status == ImportBatch.Status.VALIDATED,
            "may_import_valid_lines": batch.status == ImportBatch.Status.REFUSED
            and batch.valid_count > 0
            and bool(batch.file),
            "new_count": batch.valid_count - batch.existing_count,
            "earlier": earlier,
        },
    )


@permission_required(PERMISSION)
@require_POST
def import_confirm(request, uuid):
    batch = get_object_or_404(ImportBatch, uuid=uuid)
    form = ImportConfirmForm(request.POST)
    form.is_valid()
    try:
        import_batch_queue(
            batch=batch,
            user=request.user,
            import_valid_lines=form.cleaned_data.get("import_valid_lines", False),
        )
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(
            request, _("De import is gestart. Ververs deze pagina om het resultaat te zien.")
        )
    return redirect("reporting_imports:detail", uuid=batch.uuid)
