"""Certificate pages: public verification, the learner's own PDF and registrations, and the
coordinators' pages to revoke, re-issue and export. Thin: forms, one service or selector."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.audit import personal_data_export_record
from certificates import selectors, services
from certificates.codes import normalise_code
from certificates.forms import (
    ProfessionalRegistrationForm,
    RegisterExportForm,
    RevokeForm,
    VerifyForm,
)
from certificates.models import Certificate, CertificateStatus, ProfessionalRegistration
from certificates.ratelimit import hit
from elearning.errors import error_message
from elearning.spreadsheets import csv_response

VERIFY_LIMIT = getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", 20)
VERIFY_WINDOW_SECONDS = 10 * 60


# Public verification -------------------------------------------------------------------------


@require_GET
def verify_form(request):
    if "code" in request.GET:
        form = VerifyForm(request.GET)
        if form.is_valid():
            return redirect("certificates:verify_code", code=form.cleaned_data["code"])
    else:
        form = VerifyForm()
    return render(request, "certificates/verify_form.html", {"form": form})


@require_GET
def verify_code(request, code: str):
    if not hit(request, scope="verify", limit=VERIFY_LIMIT, window_seconds=VERIFY_WINDOW_SECONDS):
        response = render(request, "certificates/verify_limited.html", status=429)
        response["Retry-After"] = str(VERIFY_WINDOW_SECONDS)
        return response
    result = selectors.certificate_verify(code)
    status = 404 if result.status == CertificateStatus.UNKNOWN else 200
    return render(
        request,
        "certificates/verify_result.html",
        {"result": result, "code": normalise_code(code), "statuses": CertificateStatus},
        status=status,
    )


# The learner's own ---------------------------------------------------------------------------


@login_required
@require_GET
def download(request, uuid):
    certificate = get_object_or_404(
        Certificate.objects.select_related("completion", "replaced_by"),
        uuid=uuid,
        completion__user=request.user,
    )
    if certificate.replaced_by is not None:
        return redirect("certificates:download", uuid=certificate.replaced_by.uuid)
    if certificate.is_revoked:
        return render(
            request, "certificates/unavailable.html", {"certificate": certificate}, status=410
        )
    if not certificate.pdf:
        try:
            certificate = services.certificate_pdf_render(certificate_id=certificate.pk)
        except Exception:  # rendering failed now; the background task will retry
            certificate = None
        if certificate is None or not certificate.pdf:
            response = render(request, "certificates/preparing.html", status=503)
            response["Retry-After"] = "60"
            return response
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificaat-{certificate.display_code}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def registrations(request):
    form = ProfessionalRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.professional_registration_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Uw registratie is opgeslagen."))
        return redirect("certificates:registrations")
    return render(
        request,
        "certificates/registrations.html",
        {
            "form": form,
            "registrations": ProfessionalRegistration.objects.filter(user=request.user),
        },
    )


@login_required
@require_POST
def registration_delete(request, pk: int):
    if not services.professional_registration_delete(user=request.user, registration_id=pk):
        raise Http404
    messages.success(request, _("De registratie is verwijderd."))
    return redirect("certificates:registrations")


# Coordinators and administrators -------------------------------------------------------------


def _require_manager(request):
    if not selectors.may_manage_certificates(request.user):
        raise PermissionDenied


@login_required
@require_GET
def manage_list(request):
    _require_manager(request)
    courses = selectors.manageable_courses(request.user).order_by("title")
    certificates = selectors.manageable_certificates(request.user).filter(replaced_at__isnull=True)
    course_id = request.GET.get("cursus", "")
    if course_id.isdigit():
        certificates = certificates.filter(completion__course_id=int(course_id))
    query = request.GET.get("zoek", "").strip()
    if query:
        code = normalise_code(query)
        certificates = certificates.filter(
            Q(holder_name__icontains=query) | (Q(code=code) if code else Q(pk__in=[]))
        )
    page = Paginator(certificates.order_by("-issued_at"), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "certificates/beheer/list.html",
        {
            "page": page,
            "courses": courses,
            "course_id": course_id,
            "query": query,
        },
    )


def _managed(request, uuid) -> Certificate:
    return get_object_or_404(selectors.manageable_certificates(request.user), uuid=uuid)


@login_required
@require_GET
def manage_detail(request, uuid):
    _require_manager(request)
    certificate = _managed(request, uuid)
    return render(
        request,
        "certificates/beheer/detail.html",
        {"certificate": certificate, "revoke_form": RevokeForm()},
    )


@login_required
@require_POST
def manage_revoke(request, uuid):
    _require_manager(request)
    certificate = _managed(request, uuid)
    form = RevokeForm(request.POST)
    if form.is_valid():
        services.certificate_revoke(
            certificate=certificate, reason=form.cleaned_data["reason"], actor=request.user
        )
        messages.success(request, _("Het certificaat is ingetrokken."))
        return redirect("certificates:manage_detail", uuid=certificate.uuid)
    return render(
        request,
        "certificates/beheer/detail.html",
        {"certificate": certificate, "revoke_form": form},
        status=400,
    )


@login_required
@require_POST
def manage_reissue(request, uuid):
    _require_manager(request)
    certificate = _managed(request, uuid)
    try:
        new = services.certificate_reissue(certificate=certificate, actor=request.user)
    except services.CertificateError as error:
        messages.error(request, error_message(error))
        return redirect("certificates:manage_detail", uuid=certificate.uuid)
    messages.success(request, _("Er is een nieuw certificaat uitgegeven; het oude is vervangen."))
    return redirect("certificates:manage_detail", uuid=new.uuid)


@login_required
@require_GET
def manage_export(request):
    _require_manager(request)
    courses = selectors.manageable_courses(request.user).order_by("title")
    form = RegisterExportForm(request.GET or None, courses=courses)
    if not request.GET or not form.is_valid():
        return render(request, "certificates/beheer/export.html", {"form": form})
    course = form.cleaned_data["course"]
    rows = selectors.register_export_rows(
        course=course,
        register=form.cleaned_data["register"],
        date_from=form.cleaned_data["date_from"],
        date_to=form.cleaned_data["date_to"],
    )
    response = csv_response(
        filename=f"registers-{course.code}-{timezone.localdate():%Y%m%d}.csv",
        header=[
            _("Registratienummer"),
            _("Naam"),
            _("Datum"),
            _("Punten"),
            _("Register"),
            _("Accreditatienummer"),
            _("Cursus"),
            _("Verificatiecode"),
        ],
        rows=(
            [
                row.registration_number,
                row.name,
                row.completed_on,
                row.points,
                row.register_label,
                row.accreditation_id,
                row.course_title,
                row.code,
            ]
            for row in rows
        ),
    )
    personal_data_export_record(
        actor=request.user,
        what=f"registers:{course.code}.csv",
        rows=len(rows),
        details={
            "register": form.cleaned_data["register"],
            "vanaf": str(form.cleaned_data["date_from"] or ""),
            "tot": str(form.cleaned_data["date_to"] or ""),
        },
    )
    return response
