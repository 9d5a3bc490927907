"""Uploaded video and audio (wagtailmedia) with captions, served with range requests.

The files live in private storage, never under MEDIA_URL: they are served only by
`media_serve`, which lets a person see a file when they may see a live page that uses it
(Wagtail's view restrictions of that page, as when the page itself is served), and editors
always. Browsers seek in video with HTTP range requests; `ranged_file_response` answers them
with 206 Partial Content, so a long video starts at once and can be skipped through.

WCAG 2.1 AA 1.2.2: a video has captions. The model refuses a video without a WebVTT file;
the lesson block adds the transcript (1.2.1 / 1.2.3).
"""

from __future__ import annotations

import mimetypes
import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtailmedia.models import AbstractMedia


@deconstructible
class PrivateMediaStorage(FileSystemStorage):
    """Files in PRIVATE_MEDIA_ROOT, outside MEDIA_URL: nothing links to them directly."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateMediaStorage()


def _validate_webvtt(upload) -> None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(_("Dit is geen WebVTT-bestand: het moet beginnen met 'WEBVTT'."))


class MediaItem(AbstractMedia):
    """A video or audio file, with its captions (WebVTT) for video."""

    file = models.FileField(_("bestand"), upload_to="media", storage=private_storage)
    captions = models.FileField(
        _("ondertitels (WebVTT)"),
        upload_to="media_captions",
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), _validate_webvtt],
        help_text=_(
            "Verplicht bij video: een .vtt-bestand met de ondertitels van alles wat er wordt "
            "gezegd en aan geluid te horen is."
        ),
    )
    captions_language = models.CharField(_("taal van de ondertitels"), max_length=10, default="nl")

    admin_form_fields = (*AbstractMedia.admin_form_fields, "captions", "captions_language")

    class Meta:
        verbose_name = _("video- of audiobestand")
        verbose_name_plural = _("video- en audiobestanden")

    def clean(self, *args, **kwargs):
        super().clean(*args, **kwargs)
        if self.type == "video" and not self.captions:
            raise ValidationError(
                {"captions": _("Een video heeft ondertitels nodig (WebVTT, WCAG 1.2.2).")}
            )

    @property
    def url(self) -> str:
        return reverse("media_serve", args=[self.pk, "bestand"])

    @property
    def captions_url(self) -> str:
        return reverse("media_serve", args=[self.pk, "ondertitels"]) if self.captions else ""

    @property
    def sources(self) -> list[dict]:
        return [{"src": self.url, "type": self.mime_type}]

    @property
    def mime_type(self) -> str:
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _chunks(handle, start: int, length: int):
    handle.seek(start)
    try:
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


def ranged_file_response(request, field_file, content_type: str) -> HttpResponse:
    """The file, or the one byte range the request asks for (206), or 416 when it lies
    outside the file. Several ranges at once are answered with the whole file, as HTTP
    allows."""
    size = field_file.size
    header = request.headers.get("Range", "").strip()
    match = RANGE.match(header) if header else None
    if match is None or (not match.group(1) and not match.group(2)):
        response = FileResponse(field_file.open("rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        first, last = match.groups()
        if first:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
        else:  # the last N bytes
            start = max(size - int(last), 0)
            end = size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        length = end - start + 1
        response = StreamingHttpResponse(
            _chunks(field_file.open("rb"), start, length), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def may_view_media(request, media: MediaItem) -> bool:
    """Editors who may work with media always; anyone else when a live page that uses the
    file would be served to them (its view restrictions accept the request)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex
    from wagtailmedia import get_permission_policy

    if get_permission_policy().user_has_any_permission(request.user, ["add", "change"]):
        return True
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(media)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    ]
    for page in Page.objects.live().filter(pk__in=page_ids):
        if all(r.accept_request(request) for r in page.get_view_restrictions()):
            return True
    return False


def media_serve(request, media_id: int, part: str):
    """GET /mediabestanden/<id>/bestand|ondertitels/: the file with range support, or 404."""
    media = MediaItem.objects.filter(pk=media_id).first()
    if media is None or not may_view_media(request, media):
        raise Http404
    if part not in ("bestand", "ondertitels"):
        raise Http404
    if part == "ondertitels":
        if not media.captions:
            raise Http404
        return ranged_file_response(request, media.captions, "text/vtt; charset=utf-8")
    return ranged_file_response(request, media.file, media.mime_type)
