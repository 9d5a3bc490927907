"""The evaluation report for the programme team: page, CSV/XLSX export, printable summary.

Same permission and peildatum form as the other /rapportage/ pages. Exports are built on
the spot from the same CourseReport objects the page shows (aggregates only, small), through
the report writers of reporting.exports, and logged like every export.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.audit import audit_record
from accounts.models import AuditEvent
from effect.selectors import effect_report
from effect.tables import report_table
from reporting.exports import render_csv, render_xlsx, scope_parameters
from reporting.forms import ReportFilterForm
from reporting.tables import PROGRAMME

CONTENT_TYPES = {
    "csv": ("text/csv; charset=utf-8", render_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_xlsx,
    ),
}


@require_GET
@login_required
@permission_required(PROGRAMME, raise_exception=True)
def report(request):
    form, scope = ReportFilterForm.for_request(request)
    return render(
        request,
        "effect/report.html",
        {
            "form": form,
            "scope": scope,
            "reports": effect_report(scope),
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@login_required
@permission_required(PROGRAMME, raise_exception=True)
def export(request, format: str):
    if format not in CONTENT_TYPES:
        raise Http404
    _form, scope = ReportFilterForm.for_request(request)
    content_type, writer = CONTENT_TYPES[format]
    table = report_table(effect_report(scope), scope)
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        target=f"rapportage:effect.{format}",
        details=scope_parameters(scope),
    )
    response = HttpResponse(writer(table), content_type=content_type)
    name = f"effectmeting-peildatum-{scope.as_of:%Y%m%d}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@login_required
@permission_required(PROGRAMME, raise_exception=True)
def summary(request, course_code: str):
    """One course on one printable page, for the progress letter."""
    _form, scope = ReportFilterForm.for_request(request)
    reports = effect_report(scope, course_code=course_code)
    if not reports:
        raise Http404
    return render(request, "effect/summary.html", {"report": reports[0], "scope": scope})
