"""A coordinator writes a whole new course in Wagtail; after review a learner completes it.

The coordinator starts the course under the catalogue (and so becomes its coordinator), uploads
a video with WebVTT captions, writes a lesson with text and that video while the live preview
shows the page, adds a toets and submits everything for review. The programme team approves;
a learner enrols, watches (the video loads in Chromium, with its captions), finishes the lesson,
passes the toets and has completed the course.
"""

import base64
import re
import time

import pytest
from django.utils.text import slugify
from playwright.sync_api import expect

from tests.e2e.browsing import LEARNER_PASSWORD, log_in, log_in_staff, visit

pytestmark = pytest.mark.e2e

CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:01.000\nEen loverboy maakt een meisje verliefd.\n"

# A second of WebM recorded by Chromium itself from a canvas: a real video any browser plays,
# without a binary in the repository.
RECORD_WEBM = """async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 160; canvas.height = 90;
  const context = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: 'video/webm'});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const done = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  for (let frame = 0; frame < 10; frame++) {
    context.fillStyle = frame % 2 ? '#154273' : '#f9e11e';
    context.fillRect(0, 0, 160, 90);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""


def type_rich_text(page, field_name: str, text: str) -> None:
    """Type into the Draftail editor of a rich-text field and wait for its hidden input."""
    hidden = page.locator(f"input[name='{field_name}']")
    editor = hidden.locator("xpath=..").locator("[contenteditable=true]").first
    editor.click()
    page.keyboard.type(text)
    expect(hidden).to_have_value(re.compile(re.escape(text.split()[0])))


def add_block(page, container: str, label: str) -> None:
    page.locator(f"{container} button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def submit_for_review(page, camera, label: str) -> None:
    # Wagtail autosaves a valid form half a second after the last change, a new page too: its
    # first autosave creates it and points the form at the page's edit view. Submitting while
    # that is on its way posts to the create view again, which makes the page a second time,
    # whose slug is then taken ("validatiefouten" on the Eigenschappen tab). So pause as a
    # person would, past the autosave's delay, and let a save under way land.
    page.wait_for_timeout(1_000)
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving")
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("footer button[name=action-submit]").click()
    camera.snap(page, label)
    expect(page.locator(".messages")).to_contain_text("ingediend")


def open_in_editor(page, camera, title: str) -> str:
    """Find a page by title in the admin search and open it; returns its admin URL."""
    visit(page, camera, f"/beheer/pages/search/?q={title.split()[0]}", f"zoeken {title}")
    with page.expect_navigation():
        page.locator("a[href$='/edit/']").filter(has_text=title).first.click()
    return page.url.split("/edit/")[0]


def test_a_coordinator_authors_a_whole_course_and_a_learner_completes_it(new_context, camera):
    stamp = int(time.time())
    course_title = f"Loverboys herkennen {stamp}"
    code = f"loverboys-{stamp}"
    course_url = f"/cursussen/{slugify(course_title)}/"  # Wagtail's slug from the title
    lesson_title = "Wat is een loverboy?"
    video_title = f"Verhaal van Sanne {stamp}"

    coordinator = new_context().new_page()
    log_in_staff(coordinator, camera, "coordinator@example.org")

    # 1. A new course under the catalogue.
    # Their page explorer opens at the catalogue, the only place they may add a course.
    visit(coordinator, camera, "/beheer/pages/", "paginaverkenner coördinator")
    add_course = coordinator.locator("a[href$='/add_subpage/']").first.get_attribute("href")
    # A course is the only kind of page there, so Wagtail opens its form straight away.
    visit(coordinator, camera, add_course, "nieuwe cursus")
    expect(coordinator).to_have_url(re.compile("/add/courses/coursepage/"))
    coordinator.locator("#id_title").fill(course_title)
    coordinator.locator("#id_code").fill(code)
    coordinator.locator("#id_summary").fill("Hoe u loverboys en hun slachtoffers herkent.")
    type_rich_text(coordinator, "learning_objectives", "U herkent de werkwijze van loverboys.")
    coordinator.locator("#id_format").select_option("elearning")
    coordinator.locator("#id_level").select_option("basis")
    coordinator.locator("#id_study_time_minutes").fill("30")
    camera.snap(coordinator, "nieuwe cursus ingevuld")
    submit_for_review(coordinator, camera, "cursus ingediend")

    # 2. A video with captions (a video without captions is refused).
    webm = base64.b64decode(coordinator.evaluate(RECORD_WEBM))
    visit(coordinator, camera, "/beheer/media/video/add/", "video uploaden")
    coordinator.locator("#id_title").fill(video_title)
    coordinator.locator("#id_file").set_input_files(
        {"name": "sanne.webm", "mimeType": "video/webm", "buffer": webm}
    )
    with coordinator.expect_navigation():
        coordinator.locator("main form button[type=submit]").first.click()
    expect(coordinator.locator("main")).to_contain_text("ondertitels")
    camera.snap(coordinator, "video zonder ondertitels geweigerd")
    coordinator.locator("#id_file").set_input_files(
        {"name": "sanne.webm", "mimeType": "video/webm", "buffer": webm}
    )
    coordinator.locator("#id_captions").set_input_files(
        {"name": "sanne.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS}
    )
    with coordinator.expect_navigation():
        coordinator.locator("main form button[type=submit]").first.click()
    camera.snap(coordinator, "video geüpload")

    # 3. A lesson with text and the video, watched in the live preview while writing.
    course_admin = open_in_editor(coordinator, camera, course_title)
    visit(coordinator, camera, f"{course_admin}/add_subpage/", "soort pagina in cursus")
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name="Les", exact=True).click()
    coordinator.locator("#id_title").fill(lesson_title)
    add_block(coordinator, "#panel-child-content-body-section, main", "Tekst")
    type_rich_text(coordinator, "body-0-value", "Een loverboy maakt misbruik van verliefdheid.")
    add_block(coordinator, "#panel-child-content-body-section, main", "Video")
    coordinator.locator("input[name='body-1-value-title']").fill("Het verhaal van Sanne")
    chooser = coordinator.locator("[data-contentpath='video'] [data-chooser-action-choose]")
    chooser.first.click()
    coordinator.locator(".modal a.media-choice").filter(has_text=video_title).click()
    expect(coordinator.locator("input[name='body-1-value-video']")).not_to_have_value("")
    type_rich_text(coordinator, "body-1-value-transcript", "Sanne vertelt hoe zij werd ingepalmd.")
    coordinator.locator("button[data-side-panel-toggle='preview']").click()
    preview = coordinator.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(lesson_title)
    expect(preview.locator("main")).to_contain_text("misbruik van verliefdheid")
    expect(preview.locator("video source")).to_have_count(1)
    camera.snap(coordinator, "les met live voorvertoning")
    # Close the panel and let its last refresh finish: SQLite takes one writer at a time.
    coordinator.locator("button[data-side-panel-toggle='preview']").click()
    coordinator.wait_for_load_state("networkidle")
    submit_for_review(coordinator, camera, "les ingediend")

    # 4. A toets with one question.
    visit(coordinator, camera, f"{course_admin}/add_subpage/", "toets toevoegen")
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name="Toets", exact=True).click()
    coordinator.locator("#id_title").fill("Toets loverboys")
    # One kind of block (a question): Wagtail adds it without asking which.
    coordinator.locator("main button.c-sf-add-button").first.click()
    coordinator.locator("input[name='questions-0-value-prompt']").fill(
        "Wat doet een loverboy eerst?"
    )
    options = "[data-contentpath='options']"
    for index, (text, correct) in enumerate(
        (("Hij maakt het meisje verliefd", True), ("Hij vraagt om geld", False))
    ):
        if not coordinator.locator(
            f"input[name='questions-0-value-options-{index}-value-text']"
        ).count():
            coordinator.locator(f"{options} button.c-sf-add-button").last.click()
        coordinator.locator(f"input[name='questions-0-value-options-{index}-value-text']").fill(
            text
        )
        if correct:
            coordinator.locator(
                f"input[name='questions-0-value-options-{index}-value-is_correct']"
            ).check()
    camera.snap(coordinator, "toets ingevuld")
    submit_for_review(coordinator, camera, "toets ingediend")

    visitor = new_context().new_page()
    assert visitor.goto(course_url).status == 404, "zichtbaar vóór de review"

    # 5. The programme team approves all three.
    reviewer = new_context().new_page()
    log_in_staff(reviewer, camera, "programmateam@example.org")
    for title in (course_title, lesson_title, "Toets loverboys"):
        visit(reviewer, camera, "/beheer/", f"review {title}")
        row = reviewer.locator("tr").filter(has_text=title).first
        row.locator(".w-dropdown__toggle").click()
        row.locator(
            "button[data-workflow-action-url*='/approve/']:not([data-launch-modal])"
        ).click()
        reviewer.wait_for_load_state()
        expect(reviewer.locator("tr").filter(has_text=title)).to_have_count(0)
    camera.snap(reviewer, "alles goedgekeurd")

    # 6. A learner enrols, watches, finishes the lesson and passes the toets.
    learner = new_context().new_page()
    log_in(learner, camera, "nieuwe-cursus@example.org", LEARNER_PASSWORD)
    visit(learner, camera, course_url, "nieuwe cursus")
    with learner.expect_navigation():
        learner.get_by_role("button", name="Schrijf u in").click()
    with learner.expect_navigation():
        learner.get_by_role("link", name=re.compile("Begin met de cursus")).click()
    expect(learner.get_by_role("heading", level=1)).to_have_text(lesson_title)
    video = learner.locator("main video")
    expect(video.locator("track[kind=captions]")).to_have_count(1)
    # The browser loads the uploaded video (range requests) and its captions.
    learner.wait_for_function(
        "() => { const v = document.querySelector('main video');"
        " return v && v.readyState >= 1 && v.textTracks.length"
        " && v.textTracks[0].cues && v.textTracks[0].cues.length > 0; }",
        timeout=20_000,
    )
    expect(learner.locator("main")).to_contain_text("Sanne vertelt hoe zij werd ingepalmd.")
    camera.snap(learner, "les met video")
    with learner.expect_navigation():
        learner.get_by_role("button", name="Les afronden").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text("Toets loverboys")
    fieldset = learner.locator("fieldset.question").filter(has_text="Wat doet een loverboy eerst?")
    fieldset.get_by_label("Hij maakt het meisje verliefd", exact=True).check()
    with learner.expect_navigation():
        learner.get_by_role("button", name="Lever de toets in").click()
    expect(learner.locator("#toets-uitslag")).to_contain_text("Geslaagd")
    camera.snap(learner, "toets gehaald")
    visit(learner, camera, "/mijn/", "mijn leren")
    expect(learner.locator("main")).to_contain_text(course_title)

    # 7. The coordinator sees the learner as completed, with a start date.
    visit(coordinator, camera, "/leren/coordinator/", "mijn cursussen")
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name=re.compile(re.escape(course_title))).first.click()
    row = coordinator.locator("tbody tr").filter(has_text="nieuwe-cursus@example.org")
    expect(row).to_contain_text("Afgerond")
    expect(row.locator("td").nth(4)).not_to_have_text("–")
    camera.snap(coordinator, "cursist afgerond")
