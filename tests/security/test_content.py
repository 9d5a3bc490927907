"""Stored content cannot carry script: rich text, names, organisations, file names, uploads.

The rich-text tests go through the editor's own conversion (the Draftail widget), which is the
only way editors store rich text; names and titles go through the pages that show them.
"""

import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.tests.utils import get_test_image_file

from accounts.models import Function, Municipality, Profession
from accounts.services import profile_update
from courses.models import CourseCoordinator, Enrolment
from courses.services import enrolment_request
from elearning.spreadsheets import safe_cell, safe_row
from tests import factories
from tests.factories import UserFactory

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = '<img src=x onerror="alert(1)">'


def _draftail_value(block_or_field, contentstate: dict) -> str:
    """What the editor stores when an editor submits this content state."""
    widget = block_or_field.field.widget if hasattr(block_or_field, "field") else None
    if widget is None:
        widget = block_or_field.formfield().widget
    return widget.value_from_datadict({"body": json.dumps(contentstate)}, {}, "body")


def _link_state(url: str) -> dict:
    return {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "depth": 0,
                "text": "Klik hier",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 9, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x"],
)
def test_a_script_link_in_rich_text_is_not_rendered_as_a_live_link(client, url):
    from courses.blocks import LessonStreamBlock

    paragraph_block = LessonStreamBlock().child_blocks["paragraph"]
    stored = _draftail_value(paragraph_block, _link_state(url))
    assert "javascript" not in stored.lower()
    assert "data:text" not in stored

    course = factories.CourseFactory()
    module = factories.ModuleFactory(parent=course)
    lesson = factories.LessonFactory(parent=module, body=[factories.paragraph(stored)])
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode().lower()
    assert "Klik hier".lower() in html
    assert 'href="javascript' not in html
    assert 'href=" javascript' not in html
    assert 'href="data:' not in html


@pytest.mark.django_db
def test_a_safe_link_in_rich_text_stays_a_link():
    from courses.blocks import LessonStreamBlock

    paragraph_block = LessonStreamBlock().child_blocks["paragraph"]
    stored = _draftail_value(paragraph_block, _link_state("https://www.government.nl/"))
    assert 'href="https://www.government.nl/"' in stored


def test_rich_text_fields_strip_script_links_too():
    field = apps.get_model("courses", "CoursePage")._meta.get_field("learning_objectives")
    stored = _draftail_value(field, _link_state("javascript:alert(1)"))
    assert "javascript" not in stored.lower()


def _walk(block, path=""):
    yield path or block.__class__.__name__, block
    children = {}
    if isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        children = block.child_blocks
    elif isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for name, child in children.items():
        yield from _walk(child, f"{path}.{name}")


def _stream_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield f"{model._meta.label}.{field.name}", field.stream_block


def test_no_stream_field_offers_raw_html():
    found = []
    walked = 0
    for label, stream_block in _stream_fields():
        for path, block in _walk(stream_block, label):
            walked += 1
            if isinstance(block, (blocks.RawHTMLBlock, TableBlock)):
                found.append(path)
            if isinstance(block, blocks.RichTextBlock):
                features = block.features
                assert features is not None, f"{path}: standaard-features (ook embed)"
                assert "embed" not in features, path
    assert walked > 20, "no StreamField blocks found"
    assert not found, f"Raw HTML offered in: {found}"


def test_rich_text_fields_have_a_restricted_feature_list():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, RichTextField):
                label = f"{model._meta.label}.{field.name}"
                assert field.features is not None, label
                assert "embed" not in field.features, label


# --- Names, organisations and titles are escaped wherever they are shown ----------------------


@pytest.fixture
def hostile_learner(db):
    user = UserFactory(email="hostile@example.org", first_name=SCRIPT, last_name=IMG)
    profile_update(
        user=user,
        organisation_name=f"Org {SCRIPT}",
        organisation_kind="jeugdzorg",
        profession=Profession.objects.get(slug="jeugdprofessional"),
        functions=list(Function.objects.filter(slug="professional-kinderen")),
        municipality=Municipality.objects.get(cbs_code="GM0344"),
    )
    return user


def _assert_no_live_markup(response):
    html = response.content.decode()
    assert SCRIPT not in html
    assert IMG not in html
    assert "<img src=x" not in html


@pytest.mark.django_db
def test_hostile_names_are_escaped_for_the_learner(client, hostile_learner):
    course = factories.CourseFactory()
    enrolment_request(user=hostile_learner, course=course)
    client.force_login(hostile_learner)
    for path in ("/mijn/", "/profiel/", course.url):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_no_live_markup(response)
    # The own-data export holds the name as typed, as JSON that a browser never runs as HTML.
    export = client.get("/profiel/gegevens/")
    assert export.status_code == 200
    assert export.headers["Content-Type"].startswith("application/json")
    assert export.headers["X-Content-Type-Options"] == "nosniff"
    profile_html = client.get("/profiel/").content.decode()
    assert ESCAPED_SCRIPT in profile_html  # shown, as text, in the organisation field


@pytest.mark.django_db
def test_hostile_names_are_escaped_in_the_coordinator_list(client, hostile_learner, coordinator):
    course = factories.CourseFactory()
    CourseCoordinator.objects.create(course=course, user=coordinator)
    enrolment_request(user=hostile_learner, course=course)
    assert Enrolment.objects.filter(user=hostile_learner, course=course).exists()
    client.force_login(coordinator)
    response = client.get(f"/leren/coordinator/cursus/{course.pk}/")
    assert response.status_code == 200
    _assert_no_live_markup(response)
    assert ESCAPED_SCRIPT in response.content.decode()


@pytest.mark.django_db
def test_hostile_names_are_escaped_in_the_wagtail_user_list(client, hostile_learner, administrator):
    client.force_login(administrator)
    response = client.get("/beheer/users/")
    assert response.status_code == 200
    _assert_no_live_markup(response)


@pytest.mark.django_db
def test_hostile_document_and_image_titles_are_escaped_in_a_lesson(client):
    document = factories.make_document(title=SCRIPT, name="<b>naam</b>.pdf")
    image = factories.make_image(title=IMG)
    course = factories.CourseFactory()
    module = factories.ModuleFactory(parent=course)
    body = [
        {
            "type": "document",
            "value": {"document": document.pk, "description": SCRIPT},
            "id": factories.block_id(),
        },
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": IMG, "caption": SCRIPT},
            "id": factories.block_id(),
        },
    ]
    lesson = factories.LessonFactory(parent=module, body=body)
    response = client.get(lesson.url)
    assert response.status_code == 200
    _assert_no_live_markup(response)
    assert "<b>naam</b>" not in response.content.decode()


# --- Uploads: size and type limits, in Dutch -------------------------------------------------


@pytest.mark.django_db
def test_an_image_that_is_too_large_is_refused_in_dutch(client, administrator, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200
    client.force_login(administrator)
    image = get_test_image_file()
    response = client.post(
        "/beheer/images/add/",
        {"title": "Te groot", "file": SimpleUploadedFile("groot.png", image.file.getvalue())},
    )
    assert response.status_code == 200
    assert "Dit bestand is te groot" in response.content.decode()
    from wagtail.images.models import Image

    assert not Image.objects.filter(title="Te groot").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_refused_in_dutch(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/beheer/images/add/",
        {
            "title": "Geen afbeelding",
            "file": SimpleUploadedFile("foto.png", b"<html><script>alert(1)</script></html>"),
        },
    )
    assert response.status_code == 200
    assert "Geen geldige .png afbeelding" in response.content.decode()
    from wagtail.images.models import Image

    assert not Image.objects.filter(title="Geen afbeelding").exists()


@pytest.mark.django_db
def test_svg_images_are_not_accepted(client, administrator):
    """An SVG can carry script; it is not among the accepted image formats."""
    client.force_login(administrator)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = client.post(
        "/beheer/images/add/",
        {"title": "Vector", "file": SimpleUploadedFile("logo.svg", svg, "image/svg+xml")},
    )
    assert response.status_code == 200
    from wagtail.images.models import Image

    assert not Image.objects.filter(title="Vector").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["setup.exe", "pagina.html", "pagina.htm", "vector.svg", "x.js"])
def test_documents_of_a_dangerous_type_are_refused_in_dutch(client, administrator, name):
    client.force_login(administrator)
    response = client.post(
        "/beheer/documents/add/",
        {"title": "Gevaarlijk", "file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
    )
    assert response.status_code == 200
    assert "is niet toegestaan" in response.content.decode()
    from wagtail.documents.models import Document

    assert not Document.objects.filter(title="Gevaarlijk").exists()


@pytest.mark.django_db
def test_a_too_large_enrolment_import_is_refused_in_dutch(client, coordinator, learner):
    course = factories.CourseFactory()
    CourseCoordinator.objects.create(course=course, user=coordinator)
    client.force_login(coordinator)
    big = b"leerling@example.org\n" + b"x" * (2 * 1024 * 1024 + 10)
    response = client.post(
        f"/leren/coordinator/cursus/{course.pk}/importeren/",
        {"file": SimpleUploadedFile("groot.csv", big, "text/csv")},
    )
    assert response.status_code == 200
    assert "Het bestand is groter dan 2 MB." in response.content.decode()
    assert not Enrolment.objects.filter(course=course).exists()


@pytest.mark.django_db
def test_a_binary_enrolment_import_enrols_nobody_and_says_so_in_dutch(client, coordinator, learner):
    course = factories.CourseFactory()
    CourseCoordinator.objects.create(course=course, user=coordinator)
    client.force_login(coordinator)
    png = get_test_image_file().file.getvalue()
    response = client.post(
        f"/leren/coordinator/cursus/{course.pk}/importeren/",
        {"file": SimpleUploadedFile("foto.png", png, "image/png")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "e-mailadres" in html.lower() or "kon niet worden gelezen" in html
    assert not Enrolment.objects.filter(course=course).exists()


# --- Spreadsheet cells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Jansen", "Jansen"),
        ("", ""),
        (None, ""),
        (42, 42),
        (-3, -3),
    ],
)
def test_safe_cell_neutralises_formulas(value, expected):
    assert safe_cell(value) == expected


def test_safe_row():
    assert safe_row(["=1", "a", None, 5]) == ["'=1", "a", "", 5]


@pytest.mark.django_db
def test_an_uploaded_text_document_with_html_is_never_served_as_html(client):
    document = factories.make_document(
        title="Notitie", name="notitie.txt", content=b"<script>alert(1)</script>"
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"
    # Wagtail's own, even stricter policy for served documents wins over the site's.
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.django_db
def test_an_uploaded_spreadsheet_document_is_a_download(client):
    document = factories.make_document(title="Lijst", name="lijst.csv", content=b"=1+1;a\n")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


# --- Exports: a name typed as a formula arrives as text ---------------------------------------

FORMULA_NAME = '=HYPERLINK("https://evil.example/","Klik")'


@pytest.mark.django_db
def test_exports_write_formula_names_as_text(
    client, coordinator, django_capture_on_commit_callbacks
):
    import csv
    import io
    from decimal import Decimal

    from certificates.services import certificate_issue
    from courses.authoring import course_coordinator_assign
    from courses.completion import completion_record
    from courses.models import CourseAccreditation

    course = factories.CourseFactory()
    CourseAccreditation.objects.create(
        course=course, register="skj", accreditation_id="@SKJ-1", points=Decimal("2")
    )
    course_coordinator_assign(course=course, user=coordinator)
    person = UserFactory(email="formule@example.org", first_name=FORMULA_NAME, last_name="+31 6 1")
    enrolment_request(user=person, course=course)
    completion = completion_record(
        person_key=person.person_key,
        course_code=course.code,
        course_title=course.title,
        completed_at=timezone.now(),
        source="platform",
        user=person,
        course=course,
        validity_months=24,
    ).completion
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(completion=completion)
    client.force_login(coordinator)

    def cells(response) -> list[str]:
        text = b"".join(response.streaming_content if response.streaming else [response.content])
        rows = csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";")
        return [cell for row in rows for cell in row]

    learners = cells(client.get(f"/leren/coordinator/cursus/{course.pk}/export.csv"))
    assert "'" + FORMULA_NAME in learners
    assert "'+31 6 1" in learners
    assert FORMULA_NAME not in learners

    register = client.get("/certificaten/beheer/export/", {"course": course.pk})
    assert register["Content-Type"].startswith("text/csv")
    register_cells = cells(register)
    assert any(cell.startswith("'=HYPERLINK") for cell in register_cells), register_cells
    assert "'@SKJ-1" in register_cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in register_cells)
