"""What the runtime may commit, checked against SCORM 1.2 and SCORM 2004 types and lengths.

The browser sends a small, flat set of elements (the ones the platform keeps). Each is checked
for type, vocabulary and the spec's maximum length; an element that fails is refused with a
Dutch reason and nothing of the commit is stored.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from elearning.errors import DomainError

STATUS_12 = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
COMPLETION_2004 = {"completed", "incomplete", "not attempted", "unknown"}
SUCCESS_2004 = {"passed", "failed", "unknown"}
# SCORM 1.2 CMITimespan HHHH:MM:SS(.SS); SCORM 2004 ISO 8601 duration (timeinterval).
TIMESPAN_12 = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
DURATION_2004 = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$"
)
LIMITS = {
    "1.2": {"location": 255, "suspend_data": 4096},
    "2004": {"location": 1000, "suspend_data": 64000},
}


class CommitInvalid(DomainError):
    """A commit from a package's runtime that is refused; the message says why, in Dutch."""


def _string(data: dict, key: str, limit: int) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CommitInvalid(_("%(key)s moet tekst zijn.") % {"key": key})
    if len(value) > limit:
        raise CommitInvalid(
            _("%(key)s is langer dan de %(limit)s tekens die SCORM toestaat.")
            % {"key": key, "limit": limit}
        )
    return value


def _choice(data: dict, key: str, allowed: set[str]) -> str:
    value = data.get(key, "") or ""
    if not isinstance(value, str) or (value and value not in allowed):
        raise CommitInvalid(_("%(key)s heeft een ongeldige waarde.") % {"key": key})
    return value


def _number(data: dict, key: str, low=None, high=None) -> Decimal | None:
    value = data.get(key, "")
    if value in ("", None):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CommitInvalid(_("%(key)s moet een getal zijn.") % {"key": key})
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise CommitInvalid(_("%(key)s moet een getal zijn.") % {"key": key}) from None
    if not number.is_finite() or (low is not None and number < low):
        raise CommitInvalid(_("%(key)s ligt buiten het toegestane bereik.") % {"key": key})
    if high is not None and number > high:
        raise CommitInvalid(_("%(key)s ligt buiten het toegestane bereik.") % {"key": key})
    return number.quantize(Decimal("0.0001"))


def _seconds(scorm_version: str, value) -> float:
    if value in ("", None):
        return 0.0
    if not isinstance(value, str):
        raise CommitInvalid(_("session_time moet tekst zijn."))
    if scorm_version == "1.2":
        match = TIMESPAN_12.match(value)
        if not match:
            raise CommitInvalid(_("session_time is geen geldige SCORM 1.2-tijdsduur."))
        hours, minutes, seconds, fraction = match.groups()
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + float(fraction or 0)
    match = DURATION_2004.match(value)
    if not match or value in ("P", "PT") or value.endswith("T"):
        raise CommitInvalid(_("session_time is geen geldige SCORM 2004-tijdsduur."))
    years, months, days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + seconds


def cmi_clean(scorm_version: str, data) -> dict:
    """Check a commit's elements; returns the cleaned values. Raises CommitInvalid."""
    if not isinstance(data, dict):
        raise CommitInvalid(_("De gegevens van de les zijn onleesbaar."))
    limits = LIMITS[scorm_version]
    cleaned = {
        "location": _string(data, "location", limits["location"]),
        "suspend_data": _string(data, "suspend_data", limits["suspend_data"]),
        "session_seconds": _seconds(scorm_version, data.get("session_time")),
    }
    if scorm_version == "1.2":
        cleaned["lesson_status"] = _choice(data, "lesson_status", STATUS_12)
        for key in ("score_raw", "score_min", "score_max"):
            cleaned[key] = _number(data, key, Decimal(0), Decimal(100))
    else:
        cleaned["completion_status"] = _choice(data, "completion_status", COMPLETION_2004)
        cleaned["success_status"] = _choice(data, "success_status", SUCCESS_2004)
        cleaned["score_scaled"] = _number(data, "score_scaled", Decimal(-1), Decimal(1))
        for key in ("score_raw", "score_min", "score_max"):
            cleaned[key] = _number(data, key, Decimal("-1e9"), Decimal("1e9"))
    return cleaned


def is_completed(attempt) -> bool:
    """The SCO's own rule, per version, honouring the SCO's mastery score.

    SCORM 1.2: lesson_status passed or completed; with a mastery score and a raw score, the
    score decides passed or failed. SCORM 2004: completion_status completed and
    success_status not failed; with a passing score and a scaled score, the score decides.
    """
    version = attempt.version
    sco = version.sco(attempt.sco) or version.scos()[0]
    if version.scorm_version == "1.2":
        status = attempt.lesson_status
        mastery = sco["mastery_score"]
        if (
            mastery is not None
            and attempt.score_raw is not None
            and status in ("passed", "failed", "completed")
        ):
            status = "passed" if attempt.score_raw >= mastery else "failed"
        return status in ("passed", "completed")
    success = attempt.success_status
    passing = sco["passing_scaled"]
    if passing is not None and attempt.score_scaled is not None:
        success = "passed" if attempt.score_scaled >= passing else "failed"
    return attempt.completion_status == "completed" and success != "failed"
