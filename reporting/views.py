"""Report pages: the programme dashboard, the VNG overview, expected headcounts and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import person_key_for
from reporting import links, services
from reporting.charts import cumulative_chart
from reporting.counters import Scope
from reporting.definitions import page_definitions
from reporting.exports import download_name, scope_parameters
from reporting.exports import export_request as export_request_create
from reporting.forms import ExportForm, HeadcountForm, PersonLinkForm, ReportFilterForm
from reporting.models import ExpectedHeadcount, ExportRequest, PersonLink, Target
from reporting.sections import reports_and_sections
from reporting.snapshots import published_per_month
from reporting.tables import (
    PROGRAMME,
    TABLES,
    VNG,
    exportable_tables,
)
from reporting.vng import PER_MUNICIPALITY, coverage, coverage_target

EXPORT_LIST_LENGTH = 50


@require_GET
@login_required
@permission_required(PROGRAMME, raise_exception=True)
def dashboard(request):
    form, scope = ReportFilterForm.for_request(request)
    targets = list(Target.objects.select_related("function", "profession"))

    def contexts(missing):
        published = published_per_month(missing, scope)
        return {
            report.target_id: {
                "report": report,
                "chart": cumulative_chart(report, published[report.target_id]),
                "months": [(m, published[report.target_id].get(m.month)) for m in report.months],
            }
            for report in missing
        }

    reports, sections = reports_and_sections(
        "reporting/_target_section.html", targets, scope, contexts
    )
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "reports": reports,
            "sections": sections,
            "export_tables": exportable_tables(request.user, PROGRAMME),
            "export_parameters": scope_parameters(scope),
            "formats": ExportRequest.Format.choices,
            "definitions": page_definitions(reports),
        },
    )


@require_GET
@login_required
@permission_required(VNG, raise_exception=True)
def vng(request):
    form, scope = ReportFilterForm.for_request(request)
    per_municipality = {}
    for function_slug, listed_per_municipality in PER_MUNICIPALITY.items():
        target = coverage_target(function_slug)
        if target is not None:
            per_municipality[target] = listed_per_municipality
    targets = list(per_municipality)
    scope_query = request.GET.urlencode()

    def contexts(missing):
        # The holders' statuses (enrolled, registered) are read with the section: they move
        # the section only when it is rendered again, within the reports' cache time.
        wanted = {report.target_id for report in missing}
        return {
            target.pk: {
                "section": coverage(
                    target, scope, per_municipality=per_municipality[target], listed=False
                ),
                "scope_query": scope_query,
                "computed_at": timezone.localtime(),
            }
            for target in targets
            if target.pk in wanted
        }

    reports, sections = reports_and_sections(
        "reporting/_coverage_section.html", targets, scope, contexts, variant=scope_query
    )
    return render(
        request,
        "reporting/vng.html",
        {
            "form": form,
            "scope": scope,
            "sections": sections,
            "scope_query": scope_query,
            "export_tables": exportable_tables(request.user, VNG),
            "export_parameters": scope_parameters(scope),
            "formats": ExportRequest.Format.choices,
            "can_set_headcounts": request.user.has_perm("reporting.change_expectedheadcount"),
            "definitions": page_definitions(reports),
        },
    )


@require_GET
@login_required
@permission_required(VNG, raise_exception=True)
def vng_region(request, function_slug: str, region_id: int):
    """One region's holders of a function and where each stands (with its municipalities)."""
    if function_slug not in PER_MUNICIPALITY:
        raise Http404
    target = coverage_target(function_slug)
    if target is None:
        raise Http404
    form, scope = ReportFilterForm.for_request(request)
    section = coverage(
        target, scope, per_municipality=PER_MUNICIPALITY[function_slug], region_id=region_id
    )
    region = section.region(region_id)
    if region is None:
        raise Http404
    return render(
        request,
        "reporting/vng_region.html",
        {
            "form": form,
            "scope": scope,
            "scope_query": request.GET.urlencode(),
            "section": section,
            "region": region,
            "definitions": page_definitions([section.report]),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reporting.change_expectedheadcount", raise_exception=True)
def vng_headcounts(request):
    """How many ketenregisseurs (or other holders) a region or municipality is expected to have."""
    form = HeadcountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["region"] or form.cleaned_data["municipality"]
        services.expected_headcount_set(
            function=form.cleaned_data["function"],
            region=form.cleaned_data["region"],
            municipality=form.cleaned_data["municipality"],
            headcount=form.cleaned_data["headcount"],
            user=request.user,
        )
        if form.cleaned_data["headcount"] is None:
            messages.success(
                request,
                _(
                    "Het verwachte aantal voor %(place)s is gewist; het rapport telt weer de "
                    "geregistreerde functiehouders."
                )
                % {"place": place},
            )
        else:
            messages.success(
                request, _("Het verwachte aantal voor %(place)s is opgeslagen.") % {"place": place}
            )
        return redirect("reporting:vng_headcounts")
    headcounts = ExpectedHeadcount.objects.select_related(
        "function", "region", "municipality", "updated_by"
    ).order_by("function__name", "region__name", "municipality__name")
    return render(request, "reporting/headcounts.html", {"form": form, "headcounts": headcounts})


@require_POST
@login_required
def export_request(request):
    form = ExportForm(request.POST)
    if not form.is_valid():
        raise Http404
    spec = TABLES[form.cleaned_data["table"]]
    if not spec.can_export(request.user):
        raise PermissionDenied
    filters = ReportFilterForm(request.POST)
    if not filters.is_valid():
        messages.error(request, _("De export is niet gemaakt: de peildatum of periode klopt niet."))
        return redirect("reporting:export_list")
    start, end = filters.period()
    scope = Scope(as_of=filters.as_of(), start=start, end=end)
    export = export_request_create(
        user=request.user, table=spec.slug, format=form.cleaned_data["format"], scope=scope
    )
    messages.success(
        request,
        _(
            "De export '%(table)s' (%(format)s) wordt gemaakt. U vindt hem hieronder zodra "
            "hij klaar is."
        )
        % {"table": spec.title, "format": export.get_format_display()},
    )
    return redirect("reporting:export_list")


@require_GET
@login_required
def export_list(request):
    """The requester's own exports; nobody sees another person's."""
    if not any(spec.can_export(request.user) for spec in TABLES.values()):
        raise PermissionDenied
    exports = list(ExportRequest.objects.filter(requested_by=request.user)[:EXPORT_LIST_LENGTH])
    titles = {slug: spec.title for slug, spec in TABLES.items()}
    for export in exports:
        export.title = titles.get(export.table, export.table)
    return render(
        request,
        "reporting/exports.html",
        {
            "exports": exports,
            "waiting": any(e.status == ExportRequest.Status.PENDING for e in exports),
        },
    )


@require_GET
@login_required
def export_download(request, uuid):
    # Someone else's export is "not found", not "forbidden": its existence is not disclosed.
    export = get_object_or_404(
        ExportRequest, uuid=uuid, requested_by=request.user, status=ExportRequest.Status.READY
    )
    spec = TABLES.get(export.table)
    if spec is None or not spec.can_export(request.user):
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=download_name(export))


@require_GET
@login_required
@permission_required(PROGRAMME, raise_exception=True)
def reconciliation(request):
    """Per source and month: received, matched, new people, already counted, dead letters."""
    scope = Scope.today()
    table = TABLES["herkomst"].build(scope)
    return render(
        request,
        "reporting/reconciliation.html",
        {
            "table": table,
            "scope": scope,
            "export_tables": [
                s for s in exportable_tables(request.user, PROGRAMME) if s.slug == "herkomst"
            ],
            "export_parameters": scope_parameters(scope),
            "formats": ExportRequest.Format.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required(PROGRAMME, raise_exception=True)
def person_links(request):
    """The programme team links two addresses (two accounts, or an account and an imported
    address) to one person, and sees every link made, by whom and when."""
    form = PersonLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            links.person_link(
                address=form.cleaned_data["address"],
                person_address=form.cleaned_data["person_address"],
                by=request.user,
                via=PersonLink.Via.PROGRAMME_TEAM,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "De adressen zijn gekoppeld. Vanaf vandaag tellen ze als één persoon; "
                    "cijfers van eerdere peildata blijven zoals ze waren."
                ),
            )
            return redirect("reporting:person_links")
    existing = PersonLink.objects.select_related("linked_by", "unlinked_by")[:200]
    return render(request, "reporting/person_links.html", {"form": form, "links": existing})


@require_POST
@login_required
def person_unlink(request, pk: int):
    """Undo a link: the programme team any link, a learner only a link of their own."""
    link = get_object_or_404(PersonLink, pk=pk)
    if request.user.has_perm(PROGRAMME):
        back = "reporting:person_links"
    elif link.person_key == request.user.person_key and link.via == PersonLink.Via.LEARNER:
        back = "reporting:own_addresses_link"
    else:
        raise Http404
    links.person_unlink(link=link, by=request.user)
    messages.success(
        request, _("De koppeling is opgeheven. Vanaf vandaag tellen de adressen weer apart.")
    )
    return redirect(back)


@require_http_methods(["GET", "POST"])
@login_required
def own_addresses_link(request):
    """A learner links a second address they confirmed on their account (allauth's e-mail
    page) to themselves, so a completion under that address counts as theirs."""
    from allauth.account.models import EmailAddress

    confirmed = list(
        EmailAddress.objects.filter(user=request.user, verified=True)
        .exclude(email__iexact=request.user.email)
        .order_by("email")
        .values_list("email", flat=True)
    )
    if request.method == "POST":
        address = (request.POST.get("address") or "").strip().lower()
        if address not in [a.lower() for a in confirmed]:
            messages.error(
                request,
                _(
                    "Dit adres is niet bevestigd op uw account. Voeg het toe en bevestig het "
                    "eerst; er is niets gekoppeld."
                ),
            )
        else:
            try:
                links.person_link(
                    address=address,
                    person_key=request.user.person_key,
                    by=request.user,
                    via=PersonLink.Via.LEARNER,
                    reason=_("Beide adressen bevestigd door de deelnemer"),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Het adres is gekoppeld: u telt als één persoon."))
                return redirect("reporting:own_addresses_link")
    own = PersonLink.objects.filter(person_key=request.user.person_key, via=PersonLink.Via.LEARNER)
    linked_keys = {link.alias_key for link in own if link.unlinked_on is None}
    addresses = [(a, person_key_for(a) in linked_keys) for a in confirmed]
    return render(
        request,
        "reporting/own_addresses.html",
        {"addresses": addresses, "links": [link for link in own if link.unlinked_on is None]},
    )
