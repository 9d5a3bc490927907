"""Course pages: where they may live, what learners see, and accessible block output."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from cms.blocks import ImageBlock
from cms.models import ContentPage, HomePage
from courses.blocks import QuestionBlock, VideoBlock
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
    ToetsPage,
)
from scorm.models import PackageLessonPage
from tests.factories import (
    AccreditationFactory,
    CourseFactory,
    LessonFactory,
    ModuleFactory,
    SessionFactory,
    ToetsFactory,
    block_id,
    catalogue,
    make_document,
    make_image,
    make_video,
    option,
    paragraph,
    question,
)

pytestmark = pytest.mark.django_db


def test_page_types_only_live_where_they_belong():
    home = HomePage.objects.get()
    index = catalogue()
    course = CourseFactory()
    module = ModuleFactory(parent=course)
    lesson = LessonFactory(parent=module)

    assert not LessonPage.can_create_at(home)
    assert not ToetsPage.can_create_at(home)
    assert not CoursePage.can_create_at(home)
    assert not ModulePage.can_create_at(index)
    assert CoursePage.can_create_at(index)
    assert ModulePage.can_create_at(course)
    assert LessonPage.can_create_at(course) and LessonPage.can_create_at(module)
    assert ToetsPage.can_create_at(course) and ToetsPage.can_create_at(module)
    assert not LessonPage.can_create_at(lesson)
    assert not ModulePage.can_create_at(module)
    assert not CourseIndexPage.can_create_at(home)  # there is one catalogue
    assert not ContentPage.can_create_at(course)
    assert set(course.specific_class.allowed_subpage_models()) == {
        ModulePage,
        LessonPage,
        ToetsPage,
        PackageLessonPage,  # a SCORM package as a lesson (issue 22)
    }


def _course_with_content(trainer):
    course = CourseFactory(
        format=CoursePage.Format.BLENDED,
        study_time_minutes=240,
        learning_objectives="<ul><li>U kent de signalen van uitbuiting.</li></ul>",
    )
    AccreditationFactory(course=course, accreditation_id="SKJ-98765", points=4)
    SessionFactory(course=course, trainer=trainer, title="Bijeenkomst Utrecht")
    SessionFactory(course=course, trainer=trainer, title="Voorbij", days_ahead=-10)
    module = ModuleFactory(parent=course, title="Module Signalen")
    LessonFactory(parent=module, title="Les over signalen")
    ToetsFactory(parent=module, title="Toets signalen", questions=[])
    LessonFactory(parent=course, title="Concept-les", live=False)
    return course, module


def test_course_page_shows_objectives_time_accreditation_sessions_and_outline(client, trainer):
    course, _module = _course_with_content(trainer)
    response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "U kent de signalen van uitbuiting." in html
    assert "240 minuten" in html
    assert "SKJ-98765" in html and "SKJ (Stichting Kwaliteitsregister Jeugd)" in html
    assert "Bijeenkomst Utrecht" in html and "Voorbij" not in html
    assert "Module Signalen" in html and "Les over signalen" in html
    assert "Toets signalen" in html
    assert "Concept-les" not in html
    assert "<h1>" in html and html.index("<h1>") < html.index("<h2")


def test_course_page_queries_do_not_grow_with_the_course(client, trainer, learner):
    course, module = _course_with_content(trainer)
    Enrolment.objects.create(user=learner, course=course, enrolled_at=timezone.now())
    client.force_login(learner)
    client.get(course.url)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(course.url)
    for n in range(6):
        LessonFactory(parent=module, title=f"Extra les {n}")
        ToetsFactory(parent=course, title=f"Extra toets {n}", questions=[])
    extra = ModuleFactory(parent=course, title="Module 2")
    LessonFactory(parent=extra, title="Les in module 2")
    SessionFactory(course=course, trainer=trainer, title="Nog een bijeenkomst", days_ahead=30)
    client.get(course.url)  # the catalogue changed: the process reads its snapshot again
    with CaptureQueriesContext(connection) as large:
        response = client.get(course.url)
    assert "Les in module 2" in response.content.decode()
    assert len(large) == len(small)


def _lesson_body(image, video_file, document):
    return [
        paragraph("<p>Inleiding op de les.</p>"),
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "Een werkplaats met matrassen op de vloer",
                "caption": "",
            },
            "id": block_id(),
        },
        {
            "type": "video",
            "value": {
                "title": "Interview met een ketenregisseur",
                "video": video_file.pk,
                "embed": "",
                "transcript": "<p>TRANSCRIPT: ik werk als ketenregisseur.</p>",
            },
            "id": block_id(),
        },
        {
            "type": "document",
            "value": {"document": document.pk, "description": "Handreiking"},
            "id": block_id(),
        },
        {
            "type": "callout",
            "value": {
                "kind": "let-op",
                "title": "Let op",
                "text": "<p>Bel bij direct gevaar 112.</p>",
            },
            "id": block_id(),
        },
        {
            "type": "case",
            "value": {
                "title": "Nagelstudio",
                "situation": "<p>Een medewerker slaapt in de salon.</p>",
                "question": "Wat doet u?",
                "model_answer": "<p>MODELANTWOORD: bespreek het met de aandachtsfunctionaris.</p>",
            },
            "id": "c0000000-0000-4000-8000-00000000000c",
        },
        {
            "type": "reflection",
            "value": {"question": "Welke signalen zag u eerder?", "help_text": ""},
            "id": "r0000000-0000-4000-8000-00000000000r",
        },
        {
            "type": "knowledge_check",
            "value": {
                "question": "Is schuld bij een werkgever een signaal?",
                "multiple": False,
                "options": [
                    option(
                        "Ja",
                        correct=True,
                        feedback="Schuldenlast is een bekend signaal.",
                        id="o-ja",
                    ),
                    option("Nee", feedback="Toch wel.", id="o-nee"),
                ],
            },
            "id": "k0000000-0000-4000-8000-00000000000k",
        },
    ]


def test_lesson_blocks_render_accessibly(client, learner):
    course = CourseFactory()
    lesson = LessonFactory(
        parent=course,
        title="Signalen herkennen",
        body=_lesson_body(make_image(), make_video("Interview"), make_document()),
    )
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'alt="Een werkplaats met matrassen op de vloer"' in html
    assert "<video controls" in html
    assert "TRANSCRIPT: ik werk als ketenregisseur." in html
    assert "Transcriptie van de video" in html
    assert "handreiking.pdf" in html
    assert 'class="callout callout-let-op"' in html and "Bel bij direct gevaar 112." in html
    assert '<span class="callout-kind">Let op:</span>' in html  # not by colour alone
    # The model answer sits in a disclosure after the learner's own answer form.
    model_at = html.index("MODELANTWOORD")
    assert html.rfind("<details", 0, model_at) > html.index("Wat doet u?")
    assert 'id="reflectie-r0000000-0000-4000-8000-00000000000r-vraag"' in html
    # Not enrolled: nothing is stored, and the page says so (issue 17; it used to promise
    # privacy for answers it never kept).
    assert "Wat u hier typt, wordt niet opgeslagen." in html
    # The knowledge check: answer first (a GET form, no script), then feedback per option.
    assert "<legend>Is schuld bij een werkgever een signaal?</legend>" in html
    assert html.count('type="radio"') == 2
    assert "Schuldenlast is een bekend signaal." not in html
    field = "kennischeck-k0000000-0000-4000-8000-00000000000k"
    assert f'name="{field}"' in html
    answered = client.get(lesson.url, {field: "o-nee"}).content.decode()
    assert "Niet helemaal" in answered
    assert "Schuldenlast is een bekend signaal." in answered and "Toch wel." in answered
    assert 'value="o-nee" checked' in answered
    right = client.get(lesson.url, {field: "o-ja"}).content.decode()
    assert "Goed gedaan: uw antwoord klopt." in right


def test_image_needs_alt_text_and_video_needs_a_transcript():
    image = make_image()
    with pytest.raises(ValidationError):
        ImageBlock().clean({"image": image, "alt_text": "", "caption": ""})
    video = VideoBlock()
    uploaded = make_video("Video")
    with pytest.raises((ValidationError, StructBlockValidationError)):
        video.clean(
            video.to_python({"title": "Film", "embed": "", "video": uploaded.pk, "transcript": ""})
        )
    with pytest.raises((ValidationError, StructBlockValidationError)):
        video.clean(
            video.to_python({"title": "Film", "embed": "", "video": None, "transcript": "x"})
        )


def test_question_block_refuses_a_single_choice_with_two_correct_options():
    block = QuestionBlock()
    value = block.to_python(
        question(
            "Vraag",
            [option("A", correct=True), option("B", correct=True)],
            kind="single",
        )["value"]
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_lesson_and_toets_preview_render_without_touching_learning_records():
    course = CourseFactory()
    lesson = LessonFactory(parent=course, title="Voorbeeldles")
    toets = ToetsFactory(
        parent=course,
        title="Voorbeeldtoets",
        questions=[
            question("Vraag?", [option("Ja", correct=True, feedback="GEHEIM"), option("Nee")])
        ],
    )
    module = ModuleFactory(parent=course, title="Voorbeeldmodule")
    for page, text in (
        (lesson, "Voorbeeldles"),
        (toets, "Vraag 1 van 1: Vraag?"),
        (course, "Voorbeeldles"),
        (module, "Voorbeeldmodule"),
    ):
        response = page.make_preview_request()
        assert response.status_code == 200
        html = response.content.decode()
        assert text in html
        assert "GEHEIM" not in html
    # A new, unsaved toets previews as well (the editor has not saved it yet).
    draft = ToetsPage(
        title="Nieuw",
        questions=[question("Nieuwe vraag?", [option("Ja", correct=True), option("Nee")])],
    )
    draft.depth = course.depth + 1
    draft.path = course.get_last_child()._inc_path()
    assert "Nieuwe vraag?" in draft.make_preview_request().content.decode()
    assert not LessonProgress.objects.exists()


def test_publishing_a_new_revision_keeps_the_learners_record(learner):
    course = CourseFactory()
    lesson = LessonFactory(parent=course, title="Les")
    started = timezone.now()
    progress = LessonProgress.objects.create(
        user=learner, lesson=lesson, course=course, started_at=started, completed_at=started
    )
    lesson.title = "Les (herzien)"
    lesson.body = [paragraph("<p>Nieuwe tekst.</p>")]
    lesson.save_revision().publish()
    progress.refresh_from_db()
    assert progress.lesson_id == lesson.pk and progress.completed_at == started
    assert LessonProgress.objects.count() == 1


def test_embedded_video_frame_gets_a_title_and_keeps_its_transcript(client):
    url = "https://video.example.org/interview"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe src="https://video.example.org/embed/1" width="640"></iframe>',
    )
    course = CourseFactory()
    lesson = LessonFactory(
        parent=course,
        body=[
            {
                "type": "video",
                "value": {
                    "title": "Interview",
                    "embed": url,
                    "video": None,
                    "transcript": "<p>TRANSCRIPT van het interview.</p>",
                },
                "id": block_id(),
            }
        ],
    )
    html = client.get(lesson.url).content.decode()
    assert '<iframe title="Interview" src="https://video.example.org/embed/1"' in html
    assert "TRANSCRIPT van het interview." in html


def test_editors_can_open_the_add_and_edit_forms_of_every_course_page_type(client, administrator):
    client.force_login(administrator)
    index = catalogue()
    course = CourseFactory()
    module = ModuleFactory(parent=course)
    lesson = LessonFactory(parent=module)
    toets = ToetsFactory(
        parent=module, questions=[question("Vraag?", [option("Ja", correct=True), option("Nee")])]
    )
    for model, parent in (
        ("coursepage", index),
        ("modulepage", course),
        ("lessonpage", module),
        ("toetspage", course),
    ):
        response = client.get(f"/beheer/pages/add/courses/{model}/{parent.pk}/")
        assert response.status_code == 200, model
    for page in (course, module, lesson, toets):
        assert client.get(f"/beheer/pages/{page.pk}/edit/").status_code == 200


def test_lesson_and_toets_pages_cost_the_same_queries_in_a_bigger_course(client, learner):
    course = CourseFactory()
    module = ModuleFactory(parent=course)
    lesson = LessonFactory(parent=module, title="Eerste les")
    toets = ToetsFactory(
        parent=module, questions=[question("Vraag?", [option("Ja", correct=True), option("Nee")])]
    )
    Enrolment.objects.create(user=learner, course=course, enrolled_at=timezone.now())
    client.force_login(learner)
    for page in (lesson, toets):
        client.get(page.url)
    with CaptureQueriesContext(connection) as small_lesson:
        client.get(lesson.url)
    with CaptureQueriesContext(connection) as small_toets:
        client.get(toets.url)
    for n in range(6):
        LessonFactory(parent=module, title=f"Extra les {n}")
        ToetsFactory(parent=course, title=f"Extra toets {n}", questions=[])
    for page in (lesson, toets):  # the catalogue changed: the process reads each page again
        client.get(page.url)
    with CaptureQueriesContext(connection) as large_lesson:
        assert client.get(lesson.url).status_code == 200
    with CaptureQueriesContext(connection) as large_toets:
        assert client.get(toets.url).status_code == 200
    assert len(large_lesson) == len(small_lesson)
    assert len(large_toets) == len(small_toets)


def test_copying_a_course_in_the_admin_gives_the_copy_its_own_code(client, administrator):
    course = CourseFactory(code="buit-basis")
    LessonFactory(parent=course, title="Les 1")
    client.force_login(administrator)
    response = client.post(
        f"/beheer/pages/{course.pk}/copy/",
        {
            "new_title": "Mensenhandel herkennen 2027",
            "new_slug": "buit-basis-2027",
            "new_parent_page": catalogue().pk,
            "copy_subpages": "on",
        },
    )
    assert response.status_code == 302
    copy = CoursePage.objects.get(slug="buit-basis-2027")
    assert copy.code == "buit-basis-2027"
    assert CoursePage.objects.get(pk=course.pk).code == "buit-basis"
    assert [p.title for p in copy.get_children()] == ["Les 1"]
    # A slug already used as another course's code gives a free variant.
    assert copy._free_code("buit-basis") == "buit-basis-2"
    assert copy._free_code("buit-basis-2027") == "buit-basis-2027"  # its own code
    assert CourseFactory(code="", title="Zonder code").code == "zonder-code"
