"""The learner's views: /mijn/ and the actions on the course, lesson and toets pages.

Every write is a POST; bad input changes nothing and says so in Dutch.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses import services
from courses.models import (
    ClassroomSession,
    CoursePage,
    Enrolment,
    Invitation,
    LessonPage,
    SessionRegistration,
    ToetsPage,
)
from courses.scoring import answers_from_post
from courses.selectors.my_learning import my_learning as my_learning_read
from elearning.errors import error_message


def _live_page(model, pk):
    """The live page of this type, or 404. A page in the catalogue is the one kept per
    process (courses.catalogue_index.catalogue_page): no query."""
    from courses.catalogue_index import catalogue_page

    page = catalogue_page(pk)
    if isinstance(page, model):
        return page
    return get_object_or_404(model.objects.live(), pk=pk)


def _redirect_to_page(page, fallback="courses:my_learning"):
    return redirect(page.get_url() or reverse(fallback))


@login_required
@require_GET
def my_learning(request):
    return render(request, "courses/my_learning.html", {"learning": my_learning_read(request.user)})


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


def _congratulate(request) -> None:
    """The step that completed the course (a lesson or a toets) says so, once."""
    messages.success(
        request, _("Gefeliciteerd! U heeft de cursus afgerond. Uw certificaat staat klaar.")
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
        _congratulate(request)
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
        _congratulate(request)
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
