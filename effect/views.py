"""The learner's side: voormeting, nameting, and the follow-up through its one-time link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.models import CoursePage, Enrolment
from effect import services
from effect.forms import FollowUpForm, MeasurementForm
from effect.models import Response
from elearning.errors import error_message


def _next(request, course) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return course.url or "/"


def _measure(request, course_id: int, moment: str):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    due = services.pretest_due if moment == Response.Moment.VOOR else services.posttest_due
    measurement = services.measurement_of(course)
    if measurement is None:
        raise Http404
    # An enrolled learner whose measurement is not (or no longer) due goes on with the course.
    if not Enrolment.objects.filter(user=request.user, course=course).exists():
        raise Http404
    if not due(user=request.user, course=course):
        return redirect(_next(request, course))
    items = services.items_of(measurement)
    statements = list(measurement.confidence_statements.all())
    form = MeasurementForm(
        request.POST if "skip" not in request.POST else None, items=items, statements=statements
    )
    if request.method == "POST":
        if moment == Response.Moment.VOOR and "skip" in request.POST:
            services.response_record(user=request.user, course=course, moment=moment, skipped=True)
            return redirect(_next(request, course))
        if form.is_valid():
            services.response_record(
                user=request.user,
                course=course,
                moment=moment,
                answers=form.answers(),
                confidence=form.confidence(),
            )
            messages.success(request, _("Dank u wel. Uw antwoorden zijn opgeslagen."))
            return redirect(_next(request, course))
    return render(
        request,
        "effect/measurement.html",
        {
            "course": course,
            "form": form,
            "moment": moment,
            "is_pretest": moment == Response.Moment.VOOR,
            "next": _next(request, course),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pretest(request, course_id: int):
    return _measure(request, course_id, Response.Moment.VOOR)


@login_required
@require_http_methods(["GET", "POST"])
def posttest(request, course_id: int):
    return _measure(request, course_id, Response.Moment.NA)


def _invitation(token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        raise Http404
    return invitation


def _refused(request, reason: str):
    return render(request, "effect/follow_up_refused.html", {"reason": reason}, status=410)


@require_http_methods(["GET", "POST"])
def follow_up(request, token: str):
    """No log-in: the link is the key. It works once and expires."""
    invitation = _invitation(token)
    try:
        services.follow_up_check(invitation)
    except services.FollowUpRefused as refused:
        return _refused(request, error_message(refused))
    measurement = services.measurement_of(invitation.course) if invitation.course else None
    statements = list(measurement.confidence_statements.all()) if measurement else []
    form = FollowUpForm(request.POST or None, statements=statements)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                invitation=invitation,
                confidence=form.confidence(),
                behaviour=form.behaviour(),
                remark=form.cleaned_data["toelichting"],
            )
        except services.FollowUpRefused as refused:
            return _refused(request, error_message(refused))
        return render(request, "effect/follow_up_thanks.html", {"invitation": invitation})
    return render(
        request,
        "effect/follow_up.html",
        {"form": form, "invitation": invitation, "token": token},
    )


@require_http_methods(["GET", "POST"])
def opt_out(request, token: str):
    invitation = _invitation(token)
    done = False
    if request.method == "POST":
        services.follow_up_opt_out(person_key=invitation.person_key)
        done = True
    return render(request, "effect/opt_out.html", {"done": done, "token": token})
