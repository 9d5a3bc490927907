"""The trainer's pages: the sessions whose attendance they keep, and the attendance list.

A session the user does not keep the list of is a 404.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses import services
from courses.forms import AttendanceForm
from courses.models import SessionRegistration
from courses.selectors.access import trained_sessions
from courses.selectors.answers import shared_answers
from elearning.errors import error_message


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
    sessions = list(trained_sessions(request.user).select_related("course").order_by("-starts_at"))
    return render(request, "courses/coordinator/trainer_sessions.html", {"sessions": sessions})


@login_required
def trainer_attendance(request, session_uuid: uuid.UUID):
    _trainer_required(request)
    session = get_object_or_404(
        trained_sessions(request.user).select_related("course"), uuid=session_uuid
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
            "shared_answers": shared_answers(session),
        },
    )
