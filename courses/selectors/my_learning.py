"""Everything /mijn/ shows: courses in progress, requests, sessions, completions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F, FilteredRelation, Q
from django.utils import timezone

from courses.models import Completion, Enrolment, SessionRegistration
from courses.selectors.progress import (
    attended_course_ids,
    continue_step,
    course_progress,
    learner_facts,
    live_structures,
)


def my_learning(user) -> dict:
    """Everything /mijn/ shows, in a fixed number of queries whatever the history's size."""
    now = timezone.now()
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course")
        .order_by("-enrolled_at", "-requested_at")
    )
    completions = list(
        Completion.objects.filter(person_key=user.person_key, revoked_at__isnull=True)
        .select_related("course", "course__refresher_course")
        # The current certificate (at most one per completion: a unique constraint) through
        # the reverse relation the certificates app adds, so courses need not import it.
        .annotate(
            current_certificate=FilteredRelation(
                "certificates", condition=Q(certificates__replaced_at__isnull=True)
            ),
            certificate_uuid=F("current_certificate__uuid"),
        )
        .order_by("-completed_at")
    )
    registrations = list(
        SessionRegistration.objects.filter(user=user)
        .exclude(status=SessionRegistration.Status.CANCELLED)
        .select_related("session", "session__course")
        .order_by("session__starts_at")
    )
    active = [e for e in enrolments if e.status == Enrolment.Status.ACTIVE]
    structures = live_structures([e.course for e in active])
    facts = learner_facts(user, [e.course_id for e in active])
    attended = attended_course_ids(registrations)
    # The latest round per course code counts.
    latest: dict[str, Completion] = {}
    for completion in completions:
        if completion.course_code not in latest:
            latest[completion.course_code] = completion
    completed_codes = set(latest)
    in_progress = []
    for enrolment in active:
        course = enrolment.course
        course_facts = facts[course.pk]
        course_facts.attended = course.pk in attended
        structure = structures[course.pk]
        is_completed = course.code in completed_codes
        progress = course_progress(
            course=course, structure=structure, facts=course_facts, completed=is_completed
        )
        if is_completed:
            continue
        in_progress.append(
            {
                "enrolment": enrolment,
                "course": course,
                "progress": progress,
                "next_page": continue_step(
                    structure=structure,
                    facts=course_facts,
                    last_page_id=enrolment.last_page_id,
                ),
            }
        )
    horizon = timezone.localdate() + timedelta(
        days=getattr(settings, "CERTIFICATE_EXPIRY_REMINDER_DAYS", 60)
    )
    today = timezone.localdate()
    expiring = [
        c
        for c in latest.values()
        if c.valid_until is not None and today <= c.valid_until <= horizon
    ]
    for completion in completions:
        completion.certificate = (
            _CertificateLink(completion.certificate_uuid) if completion.certificate_uuid else None
        )
    return {
        "in_progress": in_progress,
        "pending": [e for e in enrolments if e.status == Enrolment.Status.PENDING],
        # Not begun: the learner may still cancel. Begun or over: the seat now carries the
        # attendance, which is shown instead (also after the course is completed).
        "upcoming_sessions": [r for r in registrations if r.session.starts_at > now],
        "past_sessions": [
            r
            for r in reversed(registrations)
            if r.session.starts_at <= now and r.status == SessionRegistration.Status.REGISTERED
        ],
        "completions": list(latest.values()),
        "expiring": expiring,
    }


@dataclass(frozen=True)
class _CertificateLink:
    uuid: object
