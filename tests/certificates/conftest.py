"""Fixtures for the certificate tests: a course with accreditation, a completion, a certificate."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import AccreditationFactory, CertificateFactory, CourseFactory

TEST_ADDRESSES = ["127.0.0.1", "203.0.113.7", "203.0.113.8", "198.51.100.1"]


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    # Only our own keys: under make test-services the cache is the shared Redis.
    keys = [f"ratelimit:verify:{address}" for address in TEST_ADDRESSES]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.fixture
def course(db):
    course = CourseFactory(
        code="buit-basis",
        title="Signalen van mensenhandel herkennen",
        certificate_validity_months=24,
        summary="Samenvatting",
        learning_objectives="<p>Leerdoelen</p>",
    )
    AccreditationFactory(course=course, points=Decimal("3.0"))
    return course


@pytest.fixture
def certificate(learner, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = CertificateFactory(user=learner, course=course)
    certificate.refresh_from_db()  # the PDF was rendered after the (captured) commit
    return certificate


def years_ago(years: int):
    return timezone.now() - timedelta(days=365 * years + 1)
