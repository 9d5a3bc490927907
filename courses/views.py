"""Learner, coordinator and trainer views. Thin: check access, call one service or selector.

Every write is a POST; an object that is not the user's (a course they do not coordinate, a
session they do not train) is a 404. Bad input changes nothing and says so in Dutch.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import personal_data_export_record
from courses import selectors, services
from courses.forms import (
    AttendanceForm,
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
    Invitation,
    LessonPage,
    SessionRegistration,
    ToetsPage,
)
from elearning.errors import error_message
from elearning.spreadsheets import csv_response

# --- Learner --------------------------------------------------------------------------------


def _live_page(model, pk):
    """The live page of this type, or 404."""
    return get_object_or_404(model.objects.live(), pk=pk)


def _redirect_to_page(page, fallback="courses:my_learning"):
    return redirect(page.get_url() or reverse(fallback))


@login_required
@require_GET
def my_learning(request):
    return render(
        request, "courses/my_learning.html", {"learning": selectors.my_learning(request.user)}
    )


@login_required
@require_POST
def enrol(request, course_id: int):
    course = _live_page(CoursePage, course_id)
    try:
        enrolment = services.enrolment_request(user=request.user, course=course)
    except services.LearningError as error:
        messages.error(request, error_message(error))
        return _redirect_to_page(course)
    if enrolment.status == Enrolment.Status.PENDING:
        messages.success(
            request,
            _("Uw aanvraag is verstuurd. U krijgt een e-mail zodra de coördinator besluit."),
        )
    else:
        messages.success(request, _("U bent ingeschreven. Veel succes!"))
    return _redirect_to_page(course)


@login_required
def invitation_accept(request, token: uuid.UUID):
    invitation = get_object_or_404(Invitation.objects.select_related("course"), token=token)
    course = invitation.course
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.LearningError as error:
            messages.error(request, error_message(error))
            return _redirect_to_page(course)
        messages.success(request, _("U bent ingeschreven. Veel succes!"))
        return _redirect_to_page(course)
    return render(
        request,
        "courses/learning/invitation_accept.html",
        {
            "invitation": invitation,
            "course": course,
            "matches": invitation.email.lower() == request.user.email.lower(),
        },
    )


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = _live_page(LessonPage, lesson_id)
    if not lesson.specific_class.self_completable:
        raise Http404
    try:
        result = services.lesson_complete(user=request.user, lesson=lesson)
    except services.LearningError as error:
        messages.error(request, error_message(error))
        return _redirect_to_page(lesson)
    if result.completion is not None:
        messages.success(
            request, _("Gefeliciteerd! U heeft de cursus afgerond. Uw certificaat staat klaar.")
        )
        return redirect("courses:my_learning")
    if result.created:
        messages.success(request, _("Les afgerond."))
    if result.next_page is not None:
        return redirect(result.next_page.url)
    return _redirect_to_page(lesson)


@login_required
@require_POST
def lesson_answer_save(request, lesson_id: int, block_id: str):
    lesson = _live_page(LessonPage, lesson_id)
    anchor = f"#antwoord-{block_id}"
    try:
        services.lesson_answer_save(
            user=request.user,
            lesson=lesson,
            block_id=block_id,
            text=request.POST.get("antwoord", ""),
        )
    except services.LearningError as error:
        messages.error(request, error_message(error))
        return redirect((lesson.get_url() or "/") + anchor)
    messages.success(request, _("Uw antwoord is opgeslagen."))
    return redirect((lesson.get_url() or "/") + anchor)


@login_required
@require_POST
def toets_submit(request, toets_id: int):
    from courses.scoring import answers_from_post

    toets = _live_page(ToetsPage, toets_id)
    try:
        submission_key = uuid.UUID(request.POST.get("submission_key", ""))
    except ValueError:
        messages.error(request, _("Dit formulier is ongeldig. Laad de toets opnieuw."))
        return _redirect_to_page(toets)
    answers = answers_from_post(request.POST)
    try:
        result = services.toets_submit(
            user=request.user, toets=toets, answers=answers, submission_key=submission_key
        )
    except services.SubmissionIncomplete as error:
        # Shown again as it was: same key (so the same questions in the same order), the
        # learner's choices ticked, the open questions named. No attempt was used.
        request.toets_refused = {
            "key": submission_key,
            "message": error_message(error),
            "open_numbers": error.open_numbers,
            "chosen": {question_id: set(values) for question_id, values in answers.items()},
        }
        return toets.serve(request)
    except services.LearningError as error:
        messages.error(request, error_message(error))
        return _redirect_to_page(toets)
    if result.completion is not None:
        messages.success(
            request, _("Gefeliciteerd! U heeft de cursus afgerond. Uw certificaat staat klaar.")
        )
    return redirect((toets.get_url() or "/") + "#toets-uitslag")


def _session_for_learner(session_uuid):
    return get_object_or_404(
        ClassroomSession.objects.select_related("course").filter(course__live=True),
        uuid=session_uuid,
    )


@login_required
@require_POST
def session_register(request, session_uuid: uuid.UUID):
    session = _session_for_learner(session_uuid)
    try:
        result = services.session_register(user=request.user, session=session)
    except services.LearningError as error:
        messages.error(request, error_message(error))
        return _redirect_to_page(session.course)
    if result.registration.status == SessionRegistration.Status.REGISTERED:
        messages.success(request, _("U bent aangemeld voor de bijeenkomst."))
    else:
        messages.success(
            request,
            _("De bijeenkomst is vol. U staat op de wachtlijst en krijgt bericht als er plek is."),
        )
    return _redirect_to_page(session.course)


@login_required
@require_POST
def session_cancel(request, session_uuid: uuid.UUID):
    session = _session_for_learner(session_uuid)
    try:
        services.session_cancel(user=request.user, session=session)
    except services.LearningError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("U bent afgemeld voor de bijeenkomst."))
    if request.POST.get("next") == "mijn":
        return redirect("courses:my_learning")
    return _redirect_to_page(session.course)


# --- Coordinator ----------------------------------------------------------------------------


def _coordinator_required(request):
    if not selectors.may_coordinate(request.user):
        raise PermissionDenied


def _coordinated_course(request, course_id: int) -> CoursePage:
    _coordinator_required(request)
    return get_object_or_404(selectors.coordinated_courses(request.user), pk=course_id)


@login_required
@require_GET
def coordinator_courses(request):
    _coordinator_required(request)
    courses = list(selectors.coordinated_courses(request.user).order_by("title"))
    pending = list(selectors.pending_enrolments(request.user))
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
    rows = selectors.course_learners(course, **form.filters())
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
        Enrolment.objects.filter(course__in=selectors.coordinated_courses(request.user)),
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
        {"course": course, "overview": selectors.course_sessions_overview(course)},
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


# --- Trainer --------------------------------------------------------------------------------


def _trainer_required(request):
    """Trainers and coordinators keep attendance lists; which ones is the selector's rule."""
    if not (
        request.user.has_perm("courses.mark_attendance")
        or request.user.has_perm("courses.coordinate_courses")
    ):
        raise PermissionDenied


@login_required
@require_GET
def trainer_sessions(request):
    _trainer_required(request)
    sessions = list(
        selectors.trained_sessions(request.user).select_related("course").order_by("-starts_at")
    )
    return render(request, "courses/coordinator/trainer_sessions.html", {"sessions": sessions})


@login_required
def trainer_attendance(request, session_uuid: uuid.UUID):
    _trainer_required(request)
    session = get_object_or_404(
        selectors.trained_sessions(request.user).select_related("course"), uuid=session_uuid
    )
    registrations = list(
        session.registrations.filter(status=SessionRegistration.Status.REGISTERED)
        .select_related("user")
        .order_by("user__last_name", "user__email")
    )
    now = timezone.now()
    opens_at = services.attendance_opens_at(session)
    correctable_until = services.attendance_correctable_until(session)
    is_open = now >= opens_at
    form = AttendanceForm(
        request.POST or None,
        registrations=registrations,
        corrections_allowed=now <= correctable_until,
    )
    if request.method == "POST":
        if not is_open:
            # A crafted POST before the start: the service would refuse it too; say so here.
            messages.error(
                request,
                _(
                    "Aanwezigheid registreren kan pas vanaf het begin van de bijeenkomst. "
                    "Er is niets opgeslagen."
                ),
            )
            return redirect("courses:trainer_attendance", session_uuid=session.uuid)
        if form.is_valid():
            try:
                result = services.attendance_mark(
                    session=session, marked_by=request.user, attendance=form.attendance()
                )
            except services.LearningError as error:
                messages.error(request, error_message(error))
                return redirect("courses:trainer_attendance", session_uuid=session.uuid)
            messages.success(request, _("Aanwezigheid opgeslagen."))
            if result.completions:
                messages.success(
                    request,
                    _("%(count)s cursist(en) hebben de cursus hiermee afgerond.")
                    % {"count": len(result.completions)},
                )
            if result.revoked:
                messages.warning(
                    request,
                    _(
                        "%(count)s cursist(en) voldoen na de correctie niet meer aan de "
                        "afrondingsregel: hun afronding en certificaat zijn ingetrokken."
                    )
                    % {"count": len(result.revoked)},
                )
            return redirect("courses:trainer_attendance", session_uuid=session.uuid)
        messages.error(request, _("Controleer de aanwezigheid: niet alles is ingevuld."))
    return render(
        request,
        "courses/coordinator/attendance.html",
        {
            "session": session,
            "form": form,
            "registrations": registrations,
            "is_open": is_open,
            "opens_at": opens_at,
            "correctable_until": correctable_until,
            "corrections_allowed": now <= correctable_until,
            "shared_answers": selectors.shared_answers(session),
        },
    )
