"""AVG: a person's own data as JSON, erasure of an account, removal of unverified accounts.

Erasure keeps what the programme must count and nothing personal: completions stay with their
pseudonymous person key (user set to NULL), certificates lose the holder's name, and an Erasure
row records when it happened.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
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
    return data


def _end_sessions(user: User) -> None:
    from allauth.usersessions.models import UserSession

    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()


@transaction.atomic
def account_erase(*, user: User, reason: str = "op verzoek") -> Erasure:
    """Erase an account and its personal data; keep pseudonymised completions. Idempotent
    in effect: erasing an already erased (deleted) account is impossible by construction."""
    from certificates.models import Certificate

    erasure = Erasure.objects.create(person_key=user.person_key, reason=reason)
    # The learner's own written answers go first and explicitly (the account's deletion
    # would cascade to them too): nothing of what they wrote outlives the account.
    user.learner_answers.all().delete()
    Certificate.objects.filter(completion__user=user).update(
        holder_name=ERASED_HOLDER, registrations=[]
    )
    _end_sessions(user)
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
