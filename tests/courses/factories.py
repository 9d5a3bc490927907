"""Builders for a minimal course tree in tests.

StreamField content is written in Wagtail's JSON shape with explicit block ids, so tests can
address questions and options by id exactly as the toets form does.
"""

import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.media import MediaItem
from courses.models import (
    ClassroomSession,
    CourseAccreditation,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    ToetsPage,
)


def block_id() -> str:
    return str(uuid.uuid4())


def catalogue() -> CourseIndexPage:
    """The catalogue page, created by migration at /cursussen/."""
    return CourseIndexPage.objects.get()


def make_course(index=None, *, code="buit-basis", title="Mensenhandel herkennen", **fields):
    defaults = {
        "summary": f"Samenvatting van {title}.",
        "learning_objectives": "<ul><li>U herkent signalen van mensenhandel.</li></ul>",
        "format": CoursePage.Format.ELEARNING,
        "level": CoursePage.Level.BASIS,
        "study_time_minutes": 90,
    }
    defaults.update(fields)
    course = CoursePage(title=title, slug=code, code=code, **defaults)
    (index or catalogue()).add_child(instance=course)
    return course


def make_module(course, *, title="Module 1"):
    module = ModulePage(title=title, intro="Over deze module.")
    course.add_child(instance=module)
    return module


def paragraph(html="<p>Uitleg over signalen.</p>") -> dict:
    return {"type": "paragraph", "value": html, "id": block_id()}


def make_lesson(parent, *, title="Les 1", body=None, live=True):
    lesson = LessonPage(title=title, intro="Korte introductie.", body=body or [paragraph()])
    lesson.live = live
    parent.add_child(instance=lesson)
    return lesson


def option(text, *, correct=False, feedback="", id=None) -> dict:
    return {
        "type": "item",
        "value": {"text": text, "is_correct": correct, "feedback": feedback},
        "id": id or block_id(),
    }


def question(prompt, options, *, kind="single", explanation="", id=None) -> dict:
    return {
        "type": "question",
        "value": {"kind": kind, "prompt": prompt, "options": options, "explanation": explanation},
        "id": id or block_id(),
    }


def make_toets(parent, *, title="Eindtoets", questions=None, **fields):
    toets = ToetsPage(title=title, questions=questions or [], **fields)
    parent.add_child(instance=toets)
    return toets


def make_image(title="Signalen") -> Image:
    return Image.objects.create(title=title, file=get_test_image_file())


def make_document(title="Handreiking", name="handreiking.pdf", content=b"%PDF-1.4") -> Document:
    document = Document(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def make_accreditation(course, *, register="skj", accreditation_id="SKJ-12345", points=4):
    return CourseAccreditation.objects.create(
        course=course, register=register, accreditation_id=accreditation_id, points=points
    )


def make_session(course, trainer, *, days_ahead=14, **fields):
    starts = timezone.now() + timedelta(days=days_ahead)
    defaults = {
        "title": "Bijeenkomst Utrecht",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "location": "Stadskantoor Utrecht",
        "capacity": 20,
        "trainer": trainer,
    }
    defaults.update(fields)
    return ClassroomSession.objects.create(course=course, **defaults)


VIDEO_BYTES = bytes(range(256)) * 40  # 10,240 bytes that differ per position
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nDe verteller noemt drie signalen.\n"


def make_video(title="Signalen in beeld", *, captions=True) -> MediaItem:
    """An uploaded video (wagtailmedia) with WebVTT captions unless `captions` is False."""
    item = MediaItem(title=title, type="video")
    item.file.save("signalen.mp4", ContentFile(VIDEO_BYTES), save=False)
    if captions:
        item.captions.save("signalen.vtt", ContentFile(CAPTIONS), save=False)
    item.save()
    return item
