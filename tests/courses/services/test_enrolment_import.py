"""courses.services.enrolment_import: a CSV of addresses, every line with a verdict."""

import pytest

from courses import services
from courses.models import Enrolment
from tests.factories import LearningCourseFactory

pytestmark = pytest.mark.django_db


def test_a_header_line_and_semicolons_are_understood(learner, other_learner, coordinator):
    course = LearningCourseFactory()
    content = f"e-mail;naam\n{learner.email};Een\n{other_learner.email.upper()};Twee\n"
    report = services.enrolments_import(course=course, content=content, imported_by=coordinator)
    assert report.imported and report.enrolled == 2
    assert [line.number for line in report.lines] == [2, 3]
    assert Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE).count() == 2


def test_a_file_without_addresses_says_so_and_enrols_nobody(coordinator):
    course = LearningCourseFactory()
    report = services.enrolments_import(course=course, content="\n\n", imported_by=coordinator)
    assert not report.imported
    assert report.lines[0].message == "Het bestand bevat geen e-mailadressen."
    assert not Enrolment.objects.filter(course=course).exists()


def test_an_address_without_an_account_is_named_and_blocks_the_file(learner, coordinator):
    course = LearningCourseFactory()
    content = f"{learner.email}\nonbekend@example.org\n"
    report = services.enrolments_import(course=course, content=content, imported_by=coordinator)
    assert not report.imported and report.invalid_count == 1
    assert "geen account" in report.lines[1].message
    assert not Enrolment.objects.filter(course=course).exists()
