"""Uploading a package in Wagtail: a good zip becomes the lesson's package, a bad one is refused
on the form with the Dutch reason and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.authoring import course_coordinator_assign
from scorm.fixtures import bad_packages, scorm_2004
from scorm.models import PackageLessonPage, PackageVersion, ScormPackage
from tests.factories import CourseFactory


def _form(upload, title="Signalen (pakket)"):
    return {
        "title": title,
        "slug": "signalen-pakket",
        "intro": "",
        "estimated_minutes": "15",
        "package_file": upload,
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def course_and_coordinator(db, coordinator):
    course = CourseFactory(code="ccv-signalen", title="Signalen herkennen")
    course_coordinator_assign(course=course, user=coordinator)
    return course, coordinator


def test_coordinator_uploads_a_package_as_a_lesson_draft(client, course_and_coordinator):
    course, coordinator = course_and_coordinator
    client.force_login(coordinator)
    url = f"/beheer/pages/add/scorm/packagelessonpage/{course.pk}/"
    response = client.post(url, _form(SimpleUploadedFile("s.zip", scorm_2004())))
    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = PackageLessonPage.objects.get()
    assert lesson.package.current_version().scorm_version == "2004"
    assert not lesson.live  # coordinators do not publish (ADR 0004)


@pytest.mark.parametrize("name", ["traversal", "billion_laughs", "symlink"])
def test_a_bad_package_is_refused_on_the_form_and_nothing_stored(
    client, course_and_coordinator, name
):
    course, coordinator = course_and_coordinator
    client.force_login(coordinator)
    url = f"/beheer/pages/add/scorm/packagelessonpage/{course.pk}/"
    response = client.post(url, _form(SimpleUploadedFile("s.zip", bad_packages()[name])))
    assert response.status_code == 200
    assert "Het pakket is geweigerd:" in response.content.decode()
    assert not PackageLessonPage.objects.exists()
    assert not ScormPackage.objects.exists() and not PackageVersion.objects.exists()
