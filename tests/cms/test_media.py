"""Uploaded video and audio: captions required for video, range requests (206), access like
the lesson that uses the file, and the lesson's player with captions and transcript."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import PageViewRestriction

from cms.media import MediaItem
from courses.authoring import course_coordinator_assign
from tests.factories import CAPTIONS, VIDEO_BYTES, CourseFactory, LessonFactory, make_video

pytestmark = pytest.mark.django_db


def video_block(item, title="Signalen in beeld"):
    return (
        "video",
        {
            "title": title,
            "video": item,
            "embed": None,
            "transcript": "<p>De verteller noemt drie signalen.</p>",
        },
    )


def lesson_with(item, **kwargs):
    course = CourseFactory(**kwargs)
    return LessonFactory(parent=course, title="Les met video", body=[video_block(item)])


def test_a_video_needs_webvtt_captions():
    item = MediaItem(title="Zonder ondertitels", type="video")
    item.file.save("zonder.mp4", ContentFile(VIDEO_BYTES), save=False)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "captions" in error.value.message_dict
    item.captions.save("nep.vtt", ContentFile(b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n"))
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "WebVTT" in str(error.value.message_dict["captions"])
    item.captions.save("goed.vtt", ContentFile(CAPTIONS))
    item.full_clean()
    # Audio needs no captions (its transcript is in the lesson block).
    audio = MediaItem(title="Fragment", type="audio")
    audio.file.save("fragment.mp3", ContentFile(b"ID3"), save=False)
    audio.full_clean()


def test_files_are_kept_out_of_the_public_media_folder(settings):
    item = make_video()
    assert str(settings.PRIVATE_MEDIA_ROOT) in item.file.path
    assert str(settings.MEDIA_ROOT) not in item.file.path
    assert item.url == f"/mediabestanden/{item.pk}/bestand/"


def test_served_with_range_requests(client, learner):
    item = make_video()
    lesson_with(item)
    whole = client.get(item.url)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "video/mp4"
    assert b"".join(whole.streaming_content) == VIDEO_BYTES

    part = client.get(item.url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(VIDEO_BYTES)}"
    assert part["Content-Length"] == "100"
    assert b"".join(part.streaming_content) == VIDEO_BYTES[100:200]

    tail = client.get(item.url, HTTP_RANGE="bytes=-16")
    assert tail.status_code == 206
    assert b"".join(tail.streaming_content) == VIDEO_BYTES[-16:]
    open_ended = client.get(item.url, HTTP_RANGE="bytes=10000-")
    assert b"".join(open_ended.streaming_content) == VIDEO_BYTES[10000:]

    beyond = client.get(item.url, HTTP_RANGE=f"bytes={len(VIDEO_BYTES)}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(VIDEO_BYTES)}"

    captions = client.get(item.captions_url)
    assert captions.status_code == 200
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content) == CAPTIONS


def test_access_follows_the_lesson(client, learner, coordinator):
    item = make_video()
    unused = make_video("Nog nergens gebruikt")
    lesson = lesson_with(item)
    PageViewRestriction.objects.create(
        page=lesson.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(lesson.url).status_code == 302  # the lesson asks to log in
    assert client.get(item.url).status_code == 404
    assert client.get(item.captions_url).status_code == 404
    client.force_login(learner)
    assert client.get(item.url, HTTP_RANGE="bytes=0-1").status_code == 206
    assert client.get(unused.url).status_code == 404
    assert client.get(f"/mediabestanden/{item.pk}/iets-anders/").status_code == 404
    # Editors see every file (they choose it before any page uses it).
    course_coordinator_assign(course=lesson.get_parent().specific, user=coordinator)
    client.force_login(coordinator)
    assert client.get(unused.url).status_code == 200
    # A draft page does not open the file to anyone.
    lesson.unpublish()
    client.force_login(learner)
    assert client.get(item.url).status_code == 404


def test_the_lesson_plays_the_video_with_captions_and_transcript(client, learner):
    item = make_video()
    lesson = lesson_with(item)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    video = html.split("<video")[1].split("</video>")[0]
    assert f'<source src="/mediabestanden/{item.pk}/bestand/" type="video/mp4">' in video
    assert (
        f'<track kind="captions" src="/mediabestanden/{item.pk}/ondertitels/" srclang="nl"' in video
    )
    assert "De verteller noemt drie signalen." in html.split("</video>")[1]


def test_the_video_block_refuses_a_video_without_captions_and_an_empty_block():
    from courses.blocks import VideoBlock

    block = VideoBlock()
    without = make_video("Zonder", captions=False)
    for value in (
        {"title": "Leeg", "video": None, "embed": None, "transcript": "<p>Tekst</p>"},
        {"title": "Zonder", "video": without.pk, "embed": None, "transcript": "<p>Tekst</p>"},
    ):
        with pytest.raises(ValidationError):
            block.clean(block.to_python(value))


def test_a_coordinator_uploads_a_video_with_captions_in_the_admin(client, coordinator):
    course = CourseFactory()
    course_coordinator_assign(course=course, user=coordinator)
    client.force_login(coordinator)
    url = "/beheer/media/video/add/"
    assert client.get(url).status_code == 200

    def post(**files):
        return client.post(
            url,
            {
                "title": "Uitleg signalen",
                "collection": "1",
                "duration": "12",
                "captions_language": "nl",
                "file": SimpleUploadedFile("uitleg.mp4", VIDEO_BYTES, "video/mp4"),
                **files,
            },
        )

    refused = post()
    assert refused.status_code == 200
    assert not MediaItem.objects.exists()
    response = post(captions=SimpleUploadedFile("uitleg.vtt", CAPTIONS, "text/vtt"))
    assert response.status_code == 302, response.context["form"].errors
    item = MediaItem.objects.get()
    assert item.type == "video" and item.uploaded_by_user == coordinator
    assert item.captions.read() == CAPTIONS
