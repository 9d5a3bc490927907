"""Reads about certificates: a learner's own, the ones a staff member may manage, the public
verification result, and the register export."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from certificates.codes import CODE_LENGTH, normalise_code
from certificates.models import Certificate, CertificateStatus, ProfessionalRegistration
from courses.models import Completion, CoursePage
from courses.selectors.access import coordinated_courses, coordinates_all_courses, may_coordinate


def certificates_for_user(user) -> QuerySet[Certificate]:
    """The learner's current (not replaced) certificates, newest first, completion joined."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    return (
        Certificate.objects.filter(completion__user=user, replaced_at__isnull=True)
        .select_related("completion")
        .order_by("-issued_at")
    )


def manageable_courses(user) -> QuerySet[CoursePage]:
    """Courses whose certificates this user may revoke, re-issue and export: exactly the
    courses they coordinate (courses.selectors.access.coordinated_courses, the one rule)."""
    return coordinated_courses(user)


def may_manage_certificates(user) -> bool:
    """The same door as the coordinator pages (courses.selectors.access.may_coordinate)."""
    return may_coordinate(user)


def manageable_certificates(user) -> QuerySet[Certificate]:
    """The one visibility rule for staff pages: every list, detail and action goes through it.

    Certificates of the courses the user coordinates; whoever coordinates every course also
    manages certificates whose course page is gone (imported or deleted courses).
    """
    queryset = Certificate.objects.select_related("completion", "replaced_by")
    if coordinates_all_courses(user):
        return queryset
    return queryset.filter(completion__course__in=coordinated_courses(user))


def certificate_by_code(raw_code: str) -> Certificate | None:
    code = normalise_code(raw_code)
    if len(code) != CODE_LENGTH:
        return None
    return (
        Certificate.objects.select_related("completion__course__refresher_course")
        .filter(code=code)
        .first()
    )


def recertification_codes(completion: Completion) -> set[str]:
    """Course codes whose later completion renews this one: the course itself and its refresher."""
    codes = {completion.course_code}
    course = completion.course
    if course is not None and course.refresher_course_id:
        codes.add(course.refresher_course.code)
    return codes


@dataclass(frozen=True)
class Verification:
    """What the public verification page may say about a code, and nothing more."""

    status: str
    certificate: Certificate | None = None
    holder: str = ""
    course_title: str = ""
    issued_on: date | None = None
    valid_until: date | None = None
    revoked_on: date | None = None
    successor_course_title: str = ""
    successor_valid_until: date | None = None
    # A replaced certificate names the certificate that replaced it (the current one at the
    # end of the chain) by its code and issue date, so the reader can check that one.
    replacement_code: str = ""
    replacement_issued_on: date | None = None

    @property
    def status_label(self) -> str:
        return CertificateStatus(self.status).label


def _current_successor(certificate: Certificate, today: date) -> Certificate | None:
    """A later, valid certificate of the same person for the course or its refresher."""
    completion = certificate.completion
    return (
        Certificate.objects.filter(
            replaced_at__isnull=True,
            completion__person_key=completion.person_key,
            completion__course_code__in=recertification_codes(completion),
            completion__completed_at__gt=completion.completed_at,
            completion__revoked_at__isnull=True,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("-completion__completed_at")
        .first()
    )


def _replacement(certificate: Certificate) -> Certificate | None:
    """The certificate that replaced this one, followed to the current one (a name corrected
    twice is replaced twice). At most a handful of steps; a loop cannot occur but is cut."""
    current = certificate
    for _step in range(20):
        if current.replaced_by_id is None:
            return current if current.pk != certificate.pk else None
        current = Certificate.objects.get(pk=current.replaced_by_id)
    return current


def certificate_verify(raw_code: str, *, today: date | None = None) -> Verification:
    """The verification result for a typed code: valid, expired, revoked, replaced or unknown.

    Shows the holder only as initials and surname. A replaced certificate says nothing
    personal, only the code and issue date of the certificate that replaced it; one whose holder
    was erased says only that it is no longer available; an expired one may point to the
    holder's later, valid certificate.
    """
    today = today or timezone.localdate()
    certificate = certificate_by_code(raw_code)
    if certificate is None:
        return Verification(status=CertificateStatus.UNKNOWN)
    status = certificate.status(today)
    if status == CertificateStatus.ERASED:
        return Verification(status=status)
    if status == CertificateStatus.REPLACED:
        replacement = _replacement(certificate)
        if replacement is None:
            return Verification(status=status)
        return Verification(
            status=status,
            replacement_code=replacement.display_code,
            replacement_issued_on=timezone.localtime(replacement.issued_at).date(),
        )
    common = {
        "certificate": certificate,
        # An erased account leaves its completion without a user: show no name at all then.
        "holder": certificate.holder_short_name if certificate.completion.user_id else "",
        "course_title": certificate.course_title,
        "issued_on": timezone.localtime(certificate.issued_at).date(),
        "valid_until": certificate.valid_until,
    }
    if status == CertificateStatus.REVOKED:
        return Verification(
            status=status,
            revoked_on=timezone.localtime(certificate.completion.revoked_at).date(),
            **common,
        )
    if status == CertificateStatus.EXPIRED:
        successor = _current_successor(certificate, today)
        if successor is not None:
            return Verification(
                status=status,
                successor_course_title=successor.course_title,
                successor_valid_until=successor.valid_until,
                **common,
            )
    return Verification(status=status, **common)


@dataclass(frozen=True)
class RegisterRow:
    registration_number: str
    name: str
    completed_on: date
    points: str
    register_label: str
    accreditation_id: str
    course_title: str
    code: str


def register_export_rows(
    *,
    course: CoursePage,
    register: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[RegisterRow]:
    """What a professional register asks for: number, name, date and points per holder.

    Current certificates of non-revoked completions of the course, one row per accreditation
    on the certificate (optionally one register), within an optional completion date range.
    The registration number is the holder's current one, else the one on the certificate.
    """
    certificates = (
        Certificate.objects.filter(
            completion__course=course,
            replaced_at__isnull=True,
            completion__revoked_at__isnull=True,
        )
        .select_related("completion")
        .order_by("completion__completed_at", "pk")
    )
    if date_from:
        certificates = certificates.filter(completion__completed_at__date__gte=date_from)
    if date_to:
        certificates = certificates.filter(completion__completed_at__date__lte=date_to)
    certificates = list(certificates)
    user_ids = {c.completion.user_id for c in certificates if c.completion.user_id}
    numbers: dict[tuple[int, str], str] = {
        (r.user_id, r.register): r.registration_number
        for r in ProfessionalRegistration.objects.filter(user_id__in=user_ids)
    }
    rows = []
    for certificate in certificates:
        snapshot = {r["register"]: r["registration_number"] for r in certificate.registrations}
        for accreditation in certificate.accreditations:
            if register and accreditation["register"] != register:
                continue
            number = numbers.get(
                (certificate.completion.user_id, accreditation["register"])
            ) or snapshot.get(accreditation["register"], "")
            rows.append(
                RegisterRow(
                    registration_number=number,
                    name=certificate.holder_name,
                    completed_on=timezone.localtime(certificate.completion.completed_at).date(),
                    points=accreditation.get("points", ""),
                    register_label=accreditation.get("register_label", ""),
                    accreditation_id=accreditation.get("accreditation_id", ""),
                    course_title=certificate.course_title,
                    code=certificate.display_code,
                )
            )
    return rows
