"""Writes of the effect measurement: voor- and nameting, follow-up invitations and answers.

Every write is idempotent: a response is written once per person, course, round and moment
(unique key; a second submit changes nothing), an invitation once per completion round, and
each e-mail goes out once through the outbox and its sent marker (elearning.mail).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Completion, CoursePage, Enrolment, LessonProgress
from effect.models import (
    EffectMeasurement,
    FollowUpInvitation,
    FollowUpOptOut,
    Item,
    Response,
)
from elearning.errors import DomainError
from elearning.links import site_url
from elearning.mail import email_send_once
from elearning.outbox import outbox_add
from reporting.counted import day_start

TOKEN_SALT = "effect.vervolgmeting"
LINK_VALID_DAYS = 28
REMINDER_AFTER_DAYS = 14
BEHAVIOUR_ACTIONS = ("besproken", "gemeld", "doorverwezen")


class FollowUpRefused(DomainError):
    """The follow-up link cannot be used (again): the message says why, in Dutch."""


# --- Reads the learner flow needs ------------------------------------------------------------


def measurement_of(course: CoursePage) -> EffectMeasurement | None:
    return EffectMeasurement.objects.filter(course=course).first()


def items_of(measurement: EffectMeasurement) -> list[Item]:
    return list(
        Item.objects.filter(objective__measurement=measurement, active=True).select_related(
            "objective"
        )
    )


def _latest_round(person_key: str, course_code: str) -> int:
    latest = Completion.objects.filter(
        person_key=person_key, course_code=course_code, revoked_at__isnull=True
    ).aggregate(r=Max("round"))["r"]
    return latest or 0


@dataclass(frozen=True)
class RoundState:
    """Where a person stands in the rounds of one course, for the voor- and nameting."""

    enrolled: bool  # an active enrolment
    enrolled_after_latest: bool  # ... that began after the latest completion
    latest_round: int  # the latest live completion's round, 0 when none
    has_progress: bool  # a lesson opened in this course
    pretest_done: bool  # a voormeting for the round the person is in (latest + 1)
    posttest_done: bool  # a nameting for the latest completed round

    @property
    def pretest_due(self) -> bool:
        if not self.enrolled:
            return False
        if self.latest_round:
            # A new round begins only with a new enrolment after the last completion.
            if not self.enrolled_after_latest:
                return False
        elif self.has_progress:
            return False  # "before the first lesson": too late once a lesson was opened
        return not self.pretest_done

    @property
    def posttest_due(self) -> bool:
        return bool(self.latest_round) and not self.posttest_done


def _round_state_sql() -> str:
    tables = {
        "enrolment": Enrolment._meta.db_table,
        "completion": Completion._meta.db_table,
        "progress": LessonProgress._meta.db_table,
        "response": Response._meta.db_table,
    }
    # Plain SQL that PostgreSQL and SQLite both run: the ORM spelling of these subqueries
    # cost several times the query itself to compile, on every page of a measured course.
    return """
        SELECT e.id, c.round,
            CASE WHEN e.enrolled_at > c.completed_at THEN 1 ELSE 0 END,
            EXISTS (SELECT 1 FROM {progress} p WHERE p.user_id = %(user)s
                    AND p.course_id = %(course)s),
            EXISTS (SELECT 1 FROM {response} r WHERE r.person_key = %(person)s
                    AND r.course_code = %(code)s AND r.moment = %(voor)s
                    AND r.round = COALESCE(c.round, 0) + 1),
            EXISTS (SELECT 1 FROM {response} r WHERE r.person_key = %(person)s
                    AND r.course_code = %(code)s AND r.moment = %(na)s
                    AND r.round = c.round)
        FROM (SELECT 1 AS one) base
        LEFT JOIN {enrolment} e ON e.user_id = %(user)s AND e.course_id = %(course)s
            AND e.status = %(active)s
        LEFT JOIN (
            SELECT round, completed_at FROM {completion}
            WHERE person_key = %(person)s AND course_code = %(code)s AND revoked_at IS NULL
            ORDER BY round DESC LIMIT 1
        ) c ON 1 = 1
    """.format(**tables)


def round_state(*, user, course) -> RoundState:
    """The person's `RoundState` in `course` (a course page or its outline), in one query."""
    params = {
        "user": user.pk,
        "course": course.pk,
        "person": user.person_key,
        "code": course.code,
        "active": Enrolment.Status.ACTIVE.value,
        "voor": Response.Moment.VOOR.value,
        "na": Response.Moment.NA.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(_round_state_sql(), params)
        enrolment_id, latest_round, after, progress, pre, post = cursor.fetchone()
    return RoundState(
        enrolled=enrolment_id is not None,
        enrolled_after_latest=bool(after),
        latest_round=latest_round or 0,
        has_progress=bool(progress),
        pretest_done=bool(pre),
        posttest_done=bool(post),
    )


def moment_due(*, user, course, pretest: bool, posttest: bool) -> str | None:
    """The moment due for the person in `course` of those it measures (`pretest`,
    `posttest`): Response.Moment.VOOR, NA or None. One query, none when nothing is measured."""
    if not user.is_authenticated or not (pretest or posttest):
        return None
    state = round_state(user=user, course=course)
    if pretest and state.pretest_due:
        return Response.Moment.VOOR
    if posttest and state.posttest_due:
        return Response.Moment.NA
    return None


def pretest_due(*, user, course: CoursePage) -> bool:
    """An enrolled learner of a course with a voormeting who has not begun the round they
    are in (no lesson opened since enrolling for it) and has not done or skipped it."""
    measurement = measurement_of(course)
    if measurement is None or not measurement.pretest_enabled or not user.is_authenticated:
        return False
    return round_state(user=user, course=course).pretest_due


def posttest_due(*, user, course: CoursePage) -> bool:
    """A learner who completed the course's latest round and has no nameting for it yet."""
    measurement = measurement_of(course)
    if measurement is None or not measurement.posttest_enabled or not user.is_authenticated:
        return False
    return round_state(user=user, course=course).posttest_due


# --- Voor- and nameting --------------------------------------------------------------------


def _scores(items: list[Item], answers: dict[int, int]) -> dict[str, list[int]]:
    scores: dict[str, list[int]] = {}
    for item in items:
        correct_asked = scores.setdefault(str(item.objective_id), [0, 0])
        correct_asked[1] += 1
        if answers.get(item.pk) == item.correct_option:
            correct_asked[0] += 1
    return scores


def response_record(
    *,
    user,
    course: CoursePage,
    moment: str,
    answers: dict[int, int] | None = None,
    confidence: dict[int, int] | None = None,
    skipped: bool = False,
) -> tuple[Response, bool]:
    """Write the learner's voormeting or nameting once. Idempotent: a second submit (another
    tab, a double click) returns the stored response unchanged, with created False.

    The voormeting belongs to the round the learner is in (the next to complete), the
    nameting to the round they completed last. Scores are computed here from the item bank,
    never taken from the browser. Raises ValueError for a moment not due.
    """
    latest = _latest_round(user.person_key, course.code)
    if moment == Response.Moment.VOOR:
        round_ = latest + 1
    elif moment == Response.Moment.NA and latest:
        round_ = latest
    else:
        raise ValueError(moment)
    measurement = measurement_of(course)
    answers = {int(k): int(v) for k, v in (answers or {}).items()}
    scores = {} if skipped else _scores(items_of(measurement), answers)
    values = {
        "user": user,
        "course": course,
        "skipped": skipped,
        "answers": {str(k): v for k, v in answers.items()},
        "scores": scores,
        "confidence": {str(k): int(v) for k, v in (confidence or {}).items()},
        "submitted_at": timezone.now(),
    }
    key = {"person_key": user.person_key, "course_code": course.code, "round": round_}
    try:
        with transaction.atomic():
            return Response.objects.get_or_create(**key, moment=moment, defaults=values)
    except IntegrityError:
        return Response.objects.get(**key, moment=moment), False


# --- Follow-up -----------------------------------------------------------------------------


def invitation_token(invitation: FollowUpInvitation) -> str:
    return signing.Signer(salt=TOKEN_SALT).sign(invitation.nonce)


def invitation_by_token(token: str) -> FollowUpInvitation | None:
    """The invitation behind a link, or None for a token that was never issued."""
    try:
        signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return FollowUpInvitation.objects.filter(
        token_hash=FollowUpInvitation.hash_token(token)
    ).first()


def _opted_out(person_key: str) -> bool:
    return FollowUpOptOut.objects.filter(person_key=person_key).exists()


def follow_up_invitations_send(*, today: date | None = None) -> int:
    """Invite every completer whose follow-up day has come; queue the reminders. Idempotent.

    One invitation per person, course and round (unique key); it and its e-mail are written in
    one transaction through the outbox, so a rerun, a second beat or a redelivered task sends
    nothing new. People who opted out are never invited. `today` lets a run act as if on
    another day. Returns the number of new invitations.
    """
    today = today or timezone.localdate()
    opted_out = set(FollowUpOptOut.objects.values_list("person_key", flat=True))
    created = 0
    for measurement in EffectMeasurement.objects.filter(follow_up_enabled=True).select_related(
        "course"
    ):
        course = measurement.course
        cutoff = day_start(today - timedelta(days=measurement.follow_up_days - 1))
        invited = set(
            FollowUpInvitation.objects.filter(course_code=course.code).values_list(
                "person_key", "round"
            )
        )
        due = Completion.objects.filter(
            course_code=course.code,
            completed_at__lt=cutoff,
            revoked_at__isnull=True,
            user__isnull=False,
        ).values_list("pk", "person_key", "round", "user_id")
        for _pk, person_key, round_, user_id in due:
            if (person_key, round_) in invited or person_key in opted_out:
                continue
            if _invitation_create(course, person_key, round_, user_id, today):
                created += 1
    _reminders_queue(today)
    return created


def _invitation_create(course, person_key, round_, user_id, today) -> bool:
    nonce = secrets.token_hex(16)
    token = signing.Signer(salt=TOKEN_SALT).sign(nonce)
    try:
        with transaction.atomic():
            invitation = FollowUpInvitation.objects.create(
                person_key=person_key,
                user_id=user_id,
                course=course,
                course_code=course.code,
                round=round_,
                nonce=nonce,
                token_hash=FollowUpInvitation.hash_token(token),
                invited_on=today,
                expires_at=day_start(today + timedelta(days=LINK_VALID_DAYS + 1)),
            )
            outbox_add(
                key=f"effect-uitnodiging:{invitation.pk}",
                task="effect.tasks.follow_up_email_send_task",
                args=[invitation.pk, False],
            )
    except IntegrityError:  # another run invited this round a moment ago
        return False
    return True


def _reminders_queue(today: date) -> None:
    due = FollowUpInvitation.objects.filter(
        sent_at__isnull=False,
        invited_on__lte=today - timedelta(days=REMINDER_AFTER_DAYS),
        reminder_queued_at__isnull=True,
        used_at__isnull=True,
        expires_at__gt=day_start(today),
        user__isnull=False,
    ).exclude(person_key__in=FollowUpOptOut.objects.values("person_key"))
    for invitation_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            marked = FollowUpInvitation.objects.filter(
                pk=invitation_id, reminder_queued_at__isnull=True
            ).update(reminder_queued_at=timezone.now())
            if marked:
                outbox_add(
                    key=f"effect-herinnering:{invitation_id}",
                    task="effect.tasks.follow_up_email_send_task",
                    args=[invitation_id, True],
                )


def follow_up_email_send(*, invitation_id: int, reminder: bool = False) -> bool:
    """E-mail the invitation (or its one reminder) with the one-time link. At most once.

    Nothing goes out to a person who opted out, was erased, or already answered, nor for an
    expired link. Returns whether an e-mail went out.
    """
    kind = "herinnering" if reminder else "uitnodiging"

    def build():
        invitation = (
            FollowUpInvitation.objects.select_related("user", "course")
            .filter(pk=invitation_id, used_at__isnull=True, expires_at__gt=timezone.now())
            .first()
        )
        if invitation is None or invitation.user is None or _opted_out(invitation.person_key):
            return None
        token = invitation_token(invitation)
        context = {
            "invitation": invitation,
            "course_title": invitation.course.title if invitation.course else "",
            "user": invitation.user,
            "reminder": reminder,
            "link": site_url(reverse("effect:follow_up", kwargs={"token": token})),
            "opt_out_link": site_url(reverse("effect:opt_out", kwargs={"token": token})),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = (
                _("Herinnering: hoe gaat het drie maanden na %(course)s?")
                if reminder
                else _("Hoe gaat het drie maanden na %(course)s?")
            ) % {"course": context["course_title"]}
            body = render_to_string("effect/email/follow_up.txt", context)
        field = "reminder_sent_at" if reminder else "sent_at"
        FollowUpInvitation.objects.filter(pk=invitation.pk).update(**{field: timezone.now()})
        return EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body=body,
            to=[invitation.user.email],
        )

    return email_send_once(key=f"effect-{kind}:{invitation_id}", build=build)


def follow_up_record(
    *,
    invitation: FollowUpInvitation,
    confidence: dict[int, int],
    behaviour: dict,
    remark: str = "",
) -> Response:
    """Store the follow-up answers given through the one-time link, and use the link up.

    The invitation is locked, so two submits of one link store one response; a used, expired
    or opted-out link raises FollowUpRefused and changes nothing.
    """
    with transaction.atomic():
        locked = FollowUpInvitation.objects.select_for_update().get(pk=invitation.pk)
        follow_up_check(locked)
        response, _created = Response.objects.get_or_create(
            person_key=locked.person_key,
            course_code=locked.course_code,
            round=locked.round,
            moment=Response.Moment.VERVOLG,
            defaults={
                "user_id": locked.user_id,
                "course_id": locked.course_id,
                "confidence": {str(k): int(v) for k, v in confidence.items()},
                "behaviour": behaviour,
                "remark": remark,
                "submitted_at": timezone.now(),
            },
        )
        locked.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
    return response


def follow_up_check(invitation: FollowUpInvitation) -> None:
    """Raise FollowUpRefused when the link may not be used (any more)."""
    if invitation.used_at is not None:
        raise FollowUpRefused(_("Deze link is al gebruikt. Uw antwoorden zijn opgeslagen."))
    if invitation.expires_at <= timezone.now():
        raise FollowUpRefused(_("Deze link is verlopen."))
    if _opted_out(invitation.person_key):
        raise FollowUpRefused(_("U heeft zich afgemeld voor de vervolgmeting."))


def follow_up_opt_out(*, person_key: str) -> FollowUpOptOut:
    """Record that this person wants no follow-up invitations any more. Idempotent."""
    try:
        with transaction.atomic():
            return FollowUpOptOut.objects.get_or_create(person_key=person_key)[0]
    except IntegrityError:
        return FollowUpOptOut.objects.get(person_key=person_key)


# --- AVG ----------------------------------------------------------------------------------


def effect_person_export(*, user) -> list[dict]:
    """The person's own measurements, with their answers, for the AVG export."""
    return [
        {
            "cursus": r.course_code,
            "ronde": r.round,
            "meting": r.get_moment_display(),
            "overgeslagen": r.skipped,
            "antwoorden": r.answers,
            "vertrouwen": r.confidence,
            "gedrag": r.behaviour,
            "toelichting": r.remark,
            "ingevuld_op": r.submitted_at.isoformat(),
        }
        for r in Response.objects.filter(person_key=user.person_key).order_by("submitted_at")
    ]


def effect_person_erase(*, user, needles: list[str] | None = None) -> int:
    """Remove the person's answers and free text; keep the derived scores under the
    pseudonymous key (like completions), so the report's aggregates stay. Unsent invitations
    are withdrawn. Returns the number of responses emptied."""
    emptied = Response.objects.filter(person_key=user.person_key).update(
        user=None, answers={}, remark=""
    )
    FollowUpInvitation.objects.filter(person_key=user.person_key).update(
        user=None, nonce="", expires_at=timezone.now()
    )
    return emptied
