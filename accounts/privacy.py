"""AVG: a person's own data as JSON, erasure of an account, removal of unverified accounts.

Erasure keeps what the programme must count and nothing personal: completions stay with their
pseudonymous person key (user set to NULL), certificates lose the holder's name and their PDFs,
stored exports that list people are removed, and an Erasure row records when it happened
(account_erase, with steps the apps above register through person_eraser_register).
"""

import re
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Erasure, User

ERASED_HOLDER = "(verwijderd)"


def _iso(value):
    return value.isoformat() if value is not None else None


def person_data_export(*, user: User) -> dict:
    """Everything the platform holds about this person, readable by them."""
    profile = getattr(user, "profile", None)
    data = {
        "account": {
            "email": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "aangemaakt_op": _iso(user.date_joined),
            "laatst_ingelogd": _iso(user.last_login),
        },
        "profiel": None,
        "inschrijvingen": [
            {
                "cursus": e.course.title,
                "status": e.get_status_display(),
                "aangevraagd_op": _iso(e.requested_at),
                "ingeschreven_op": _iso(e.enrolled_at),
            }
            for e in user.enrolments.select_related("course")
        ],
        "lesvoortgang": [
            {
                "les": p.lesson.title,
                "gestart_op": _iso(p.started_at),
                "afgerond_op": _iso(p.completed_at),
            }
            for p in user.lesson_progress.select_related("lesson")
        ],
        "toetspogingen": [
            {
                "toets": a.toets.title,
                "poging": a.number,
                "score_procent": a.score_percent,
                "geslaagd": a.passed,
                "antwoorden": a.answers,
                "ingeleverd_op": _iso(a.submitted_at),
            }
            for a in user.toets_attempts.select_related("toets")
        ],
        "bijeenkomsten": [
            {
                "bijeenkomst": str(r.session),
                "status": r.get_status_display(),
                "aanwezigheid": r.get_attendance_display(),
            }
            for r in user.session_registrations.select_related("session__course")
        ],
        "afrondingen": [
            {
                "cursus": c.course_title,
                "afgerond_op": _iso(c.completed_at),
                "geldig_tot": _iso(c.valid_until),
                "ingetrokken_op": _iso(c.revoked_at),
            }
            for c in user.completions.all()
        ],
    }
    if profile is not None:
        data["profiel"] = {
            "organisatie": str(profile.organisation or ""),
            "beroepsgroep": str(profile.profession or ""),
            "functies": [str(f) for f in profile.functions.all()],
            "gemeente": str(profile.municipality or ""),
        }
    # The learner's own written answers to reflection questions and cases (courses).
    data["antwoorden"] = [
        {
            "les": a.lesson.title,
            "soort": a.get_kind_display(),
            "vraag": a.question,
            "antwoord": a.text,
            "gedeeld_met_trainer": a.shared_with_trainer,
            "opgeslagen_op": _iso(a.updated_at),
        }
        for a in user.learner_answers.select_related("lesson").order_by("created_at")
    ]
    for name, exporter in _exporters.items():
        data[name] = exporter(user=user)
    return data


# Apps above accounts add their own part of the export (a key of the JSON) from ready().
_exporters: dict[str, Callable[..., object]] = {}


def person_export_register(name: str, exporter: Callable[..., object]) -> None:
    """Register `exporter(*, user)`, whose result person_data_export adds under `name`."""
    _exporters[name] = exporter


# --- Erasure ----------------------------------------------------------------------------------
#
# One routine erases a person everywhere. The apps above accounts hold personal data of their
# own (names on certificates, PDFs, stored exports); each registers a step here from its
# AppConfig.ready(), so accounts needs no import of them. Rows that belong to the user
# (profile, enrolments, progress, toets answers, sessions, e-mail addresses, MFA) go with the
# user row (on_delete=CASCADE); completions stay with their pseudonymous key (SET_NULL).

PersonEraser = Callable[..., None]
_erasers: dict[str, PersonEraser] = {}


def person_eraser_register(name: str, eraser: PersonEraser) -> None:
    """Register `eraser(*, user, needles)`, run by account_erase before the user row goes.

    `needles` are the person's e-mail address and names, for steps that scrub free text.
    Registering a name again replaces the step (module reloads in tests).
    """
    _erasers[name] = eraser


def text_scrub(value, needles: list[str], replacement: str = ERASED_HOLDER):
    """`value` (a string, or lists and dicts of them) with every needle replaced."""
    if isinstance(value, str):
        for needle in needles:
            value = re.sub(re.escape(needle), replacement, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [text_scrub(v, needles, replacement) for v in value]
    if isinstance(value, dict):
        return {k: text_scrub(v, needles, replacement) for k, v in value.items()}
    return value


def _needles(user: User) -> list[str]:
    names = [user.email, user.get_full_name().strip(), user.first_name, user.last_name]
    # Longest first, so "Lieke Leerling" goes whole before "Lieke" would split it; very short
    # names would blank out unrelated words in free text, so only 3 letters and more.
    return sorted({n for n in names if n and len(n.strip()) >= 3}, key=len, reverse=True)


def _sessions_end(user: User) -> None:
    from allauth.usersessions.models import UserSession

    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()


def _logs_scrub(user: User, needles: list[str]) -> None:
    """The audit log and the admin logs keep the event, not who it was about."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).delete()
    ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).delete()
    text = Q()
    for needle in needles:
        text |= Q(actor_label__icontains=needle) | Q(target__icontains=needle)
        text |= Q(details_text__icontains=needle)
    events = AuditEvent.objects.annotate(details_text=Cast("details", TextField())).filter(
        Q(actor=user) | text
    )
    for event in events:
        # queryset.update: the audit log refuses changes through save(), erasure is the
        # one change the law asks of it.
        AuditEvent.objects.filter(pk=event.pk).update(
            actor_label=text_scrub(event.actor_label, needles),
            target=text_scrub(event.target, needles),
            details=text_scrub(event.details, needles),
        )
    for model in (LogEntry, ModelLogEntry):
        field = "object_repr" if model is LogEntry else "label"
        query = Q()
        for needle in needles:
            query |= Q(**{f"{field}__icontains": needle})
        model.objects.filter(query).delete()


@transaction.atomic
def account_erase(*, user: User, reason: str = "op verzoek") -> Erasure:
    """Erase a person everywhere; keep their pseudonymised completions counting.

    In this order: an Erasure row (pseudonymous key, date, reason); each registered step of
    the apps above (certificates: names, registration numbers and PDFs; reporting: stored
    exports that hold people; courses: invitations to their address); their sessions; the
    audit and admin logs scrubbed of their e-mail and names; then the user row, which takes
    profile, enrolments, progress, toets answers, registrations, e-mail addresses, MFA and
    the rest with it. Files are deleted once the transaction commits. Not repeatable: the
    user row is gone afterwards.
    """
    needles = _needles(user)
    erasure = Erasure.objects.create(person_key=user.person_key, reason=reason)
    # The learner's own written answers go first and explicitly (the account's deletion
    # would cascade to them too): nothing of what they wrote outlives the account.
    user.learner_answers.all().delete()
    for eraser in _erasers.values():
        eraser(user=user, needles=needles)
    _sessions_end(user)
    _logs_scrub(user, needles)
    audit_record(
        actor=None,
        action=AuditEvent.Action.ERASURE,
        target="(geanonimiseerd)",
        details={"reden": reason},
    )
    user.delete()
    return erasure


def unverified_accounts_remove(*, now=None) -> int:
    """Remove accounts whose e-mail was never verified after the retention period."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS)
    stale = User.objects.filter(date_joined__lt=cutoff, is_staff=False, is_superuser=False).exclude(
        emailaddress__verified=True
    )
    removed = 0
    for user in stale:
        account_erase(user=user, reason="niet bevestigd")
        removed += 1
    return removed
