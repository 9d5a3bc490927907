"""The coordinator's pages: their courses and pending requests, a course's learner list and its
export, invitations, the enrolment import and the course's sessions.

Every write is a POST; a course the user does not coordinate is a 404.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import personal_data_export_record
from courses import services
from courses.forms import (
    EnrolmentImportForm,
    InvitationForm,
    LearnerFilterForm,
    SessionForm,
)
from courses.learner_list import learner_page
from courses.models import (
    ClassroomSession,
    CoursePage,
    Enrolment,
)
from courses.selectors.access import coordinated_courses, may_coordinate
from courses.selectors.coordinator import course_sessions_overview, pending_enrolments
from courses.selectors.learners import course_learners
from elearning.errors import error_message
from elearning.spreadsheets import csv_response


def _coordinator_required(request):
    if not may_coordinate(request.user):
        raise PermissionDenied


def _coordinated_course(request, course_id: int) -> CoursePage:
    _coordinator_required(request)
    return get_object_or_404(coordinated_courses(request.user), pk=course_id)


@login_required
@require_GET
def coordinator_courses(request):
    _coordinator_required(request)
    courses = list(coordinated_courses(request.user).order_by("title"))
    pending = list(pending_enrolments(request.user))
    return render(
        request,
        "courses/coordinator/courses.html",
        {"courses": courses, "pending": pending},
    )


@login_required
@require_GET
def coordinator_course(request, course_id: int):
    course = _coordinated_course(request, course_id)
    form = LearnerFilterForm(request.GET or None, course=course)
    filters = form.filters()
    page, rows = learner_page(course, filters=filters, page_number=request.GET.get("pagina"))
    kept = request.GET.copy()
    kept.pop("pagina", None)
    unsorted = kept.copy()
    unsorted.pop("sorteer", None)
    return render(
        request,
        "courses/coordinator/course.html",
        {
            "course": course,
            "rows": rows,
            "page": page,
            "form": form,
            "sort": filters["sort"],
            "columns": _sortable_columns(filters["sort"]),
            "query_string": kept.urlencode(),
            "unsorted_query": unsorted.urlencode(),
        },
    )


def _sortable_columns(sort: str) -> dict[str, dict]:
    """Per sortable column: the sort its header link asks for and its aria-sort state."""
    columns = {}
    for key in ("naam", "status", "voortgang", "ingeschreven", "begonnen", "afgerond"):
        if sort.lstrip("-") == key:
            state = "descending" if sort.startswith("-") else "ascending"
            link = key if sort.startswith("-") else f"-{key}"
        else:
            state = None
            link = key
        columns[key] = {"sort": link, "aria_sort": state}
    return columns


@login_required
@require_GET
def coordinator_course_export(request, course_id: int):
    course = _coordinated_course(request, course_id)
    form = LearnerFilterForm(request.GET or None, course=course)
    rows = course_learners(course, **form.filters())
    response = csv_response(
        filename=f"cursisten-{course.code}-{timezone.localdate().isoformat()}.csv",
        header=[
            _("E-mailadres"),
            _("Voornaam"),
            _("Achternaam"),
            _("Status"),
            _("Voortgang (%)"),
            _("Ingeschreven op"),
            _("Begonnen op"),
            _("Afgerond op"),
            _("Geldig tot"),
        ],
        rows=(
            [
                row["user"].email,
                row["user"].first_name,
                row["user"].last_name,
                row["status_label"],
                row["progress"].percent,
                row["enrolled_at"],
                row["started_at"],
                row["completed_at"],
                row["valid_until"],
            ]
            for row in rows
        ),
    )
    filters = form.filters()
    personal_data_export_record(
        actor=request.user,
        what=f"cursisten:{course.code}.csv",
        rows=len(rows),
        # The search text may name a person: the log keeps only that there was one.
        details={"status": filters.get("status", ""), "zoekterm": bool(filters.get("query"))},
    )
    return response


@login_required
def coordinator_invite(request, course_id: int):
    course = _coordinated_course(request, course_id)
    report = None
    form = InvitationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = services.invitations_send(
            course=course, emails=form.emails(), invited_by=request.user
        )
        if report.invited:
            messages.success(
                request,
                _("%(count)s uitnodiging(en) verstuurd.") % {"count": len(report.invited)},
            )
        form = InvitationForm()
    invitations = list(course.invitations.order_by("-created_at")[:200])
    return render(
        request,
        "courses/coordinator/invite.html",
        {"course": course, "form": form, "report": report, "invitations": invitations},
    )


@login_required
def coordinator_import(request, course_id: int):
    course = _coordinated_course(request, course_id)
    report = None
    form = EnrolmentImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = services.enrolments_import(
            course=course,
            content=form.content(),
            imported_by=request.user,
            import_valid_lines=form.cleaned_data["import_valid_lines"],
        )
        if report.imported:
            messages.success(
                request,
                _("%(count)s cursist(en) ingeschreven.") % {"count": report.enrolled},
            )
    return render(
        request,
        "courses/coordinator/import.html",
        {"course": course, "form": form, "report": report},
    )


@login_required
@require_POST
def coordinator_decide(request, enrolment_id: int):
    _coordinator_required(request)
    enrolment = get_object_or_404(
        Enrolment.objects.filter(course__in=coordinated_courses(request.user)),
        pk=enrolment_id,
    )
    decision = request.POST.get("besluit")
    if decision not in ("goedkeuren", "afwijzen"):
        messages.error(request, _("Kies goedkeuren of afwijzen."))
        return redirect("courses:coordinator_courses")
    approve = decision == "goedkeuren"
    services.enrolment_decide(enrolment=enrolment, approve=approve, decided_by=request.user)
    if approve:
        messages.success(request, _("Aanvraag goedgekeurd; de cursist krijgt een e-mail."))
    else:
        messages.success(request, _("Aanvraag afgewezen; de cursist krijgt een e-mail."))
    return redirect("courses:coordinator_courses")


@login_required
@require_GET
def coordinator_sessions(request, course_id: int):
    course = _coordinated_course(request, course_id)
    return render(
        request,
        "courses/coordinator/sessions.html",
        {"course": course, "overview": course_sessions_overview(course)},
    )


@login_required
def coordinator_session_edit(request, course_id: int, session_uuid: uuid.UUID | None = None):
    course = _coordinated_course(request, course_id)
    session = None
    if session_uuid is not None:
        session = get_object_or_404(ClassroomSession, course=course, uuid=session_uuid)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        form.instance.course = course
        try:
            # Through the one service: it keeps the waiting list and attendance rules.
            services.session_save(session=form.instance, changed_by=request.user)
        except services.LearningError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("Bijeenkomst opgeslagen."))
            return redirect("courses:coordinator_sessions", course_id=course.pk)
    return render(
        request,
        "courses/coordinator/session_form.html",
        {"course": course, "form": form, "session": session},
    )
