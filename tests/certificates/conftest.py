"""Fixtures for the certificate tests: a course with accreditation, a completion, a certificate."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from certificates.services import certificate_issue
from courses.completion import completion_record
from courses.models import CourseAccreditation, CourseIndexPage, CoursePage

TEST_ADDRESSES = ["127.0.0.1", "203.0.113.7", "203.0.113.8", "198.51.100.1"]


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    # Only our own keys: under make test-services the cache is the shared Redis.
    keys = [f"ratelimit:verify:{address}" for address in TEST_ADDRESSES]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


def add_course(code: str, title: str, *, validity_months=None, refresher=None) -> CoursePage:
    index = CourseIndexPage.objects.get()
    course = CoursePage(
        title=title,
        slug=code,
        code=code,
        summary="Samenvatting",
        learning_objectives="<p>Leerdoelen</p>",
        format=CoursePage.Format.ELEARNING,
        level=CoursePage.Level.BASIS,
        study_time_minutes=90,
        certificate_validity_months=validity_months,
        refresher_course=refresher,
    )
    index.add_child(instance=course)
    return course


@pytest.fixture
def course(db):
    course = add_course("buit-basis", "Signalen van mensenhandel herkennen", validity_months=24)
    CourseAccreditation.objects.create(
        course=course, register="skj", accreditation_id="SKJ-12345", points=Decimal("3.0")
    )
    return course


def complete(user, course, *, completed_at=None):
    return completion_record(
        person_key=user.person_key,
        course_code=course.code,
        course_title=course.title,
        completed_at=completed_at or timezone.now(),
        source="platform",
        user=user,
        course=course,
        validity_months=course.certificate_validity_months,
    ).completion


def issue(user, course, *, completed_at=None):
    return certificate_issue(completion=complete(user, course, completed_at=completed_at))


@pytest.fixture
def certificate(learner, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(learner, course)
    certificate.refresh_from_db()  # the PDF was rendered after the (captured) commit
    return certificate


def years_ago(years: int):
    return timezone.now() - timedelta(days=365 * years + 1)
