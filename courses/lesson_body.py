"""The body of a lesson page: what every reader shares, rendered once per catalogue version,
and the few things that are the reader's own (their saved answers), filled in per request."""

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from courses.outline import fragment
from elearning.fragments import TOKEN_SLOT, slot, slots_filled

# Blocks with the learner's own answer, and the prefix of the id the answer form's
# question carries in their template (aria-describedby of the form's text area).
ANSWER_BLOCKS = {"reflection": "reflectie", "case": "casus"}
# What differs per reader inside a shared answer block, filled in per request
# (elearning.fragments), besides the form's CSRF token.
ANSWER_TEXT_SLOT = slot("antwoord")
SAVED_ON_SLOT = slot("opgeslagen")


def lesson_body_html(page, request, learning, *, answers=None, shared: bool = True) -> str:
    """The lesson body. What reads nothing of the reader is rendered once per catalogue
    version (courses.outline.fragment): every block but a knowledge check answered in the
    query string, and the reflection and case blocks with their answer form in as many
    variants as a reader can see (answers stored or not; saved before or not). The
    reader's own saved answer, its moment and the form's CSRF token are filled into their
    slots per request, so no reader's answer ever lands in a shared rendering.

    `answers` are the reader's saved answers by block id when the page read them already
    (LessonVisit.answers); otherwise they are read here."""
    # The block types and ids from the stored data: a block is only turned into Python
    # (parsing its rich text and the like) when its HTML has to be rendered.
    raw_blocks = list(page.body.raw_data)
    if not any(b["type"] in ANSWER_BLOCKS for b in raw_blocks):

        def body():
            return get_template("courses/learning/_lesson_body.html").render(
                {"page": page, "request": request}
            )

        # Nothing of the reader, except the answers to a knowledge check (GET).
        return body() if request.GET else fragment(page, "body", body, shared=shared)
    stores = bool(learning.get("is_enrolled"))
    if not stores:
        answers = {}
    elif answers is None:
        from courses.selectors.answers import learner_answers

        answers = learner_answers(request.user, page)
    # One masked token for all the forms of the page.
    csrf_token = get_token(request) if stores else ""
    parts = []
    for position, raw_block in enumerate(raw_blocks):
        block_id = str(raw_block.get("id") or page.body[position].id)
        prefix = ANSWER_BLOCKS.get(raw_block["type"])
        if prefix is not None:
            answer = answers.get(block_id)

            def shell(
                position=position, block_id=block_id, prefix=prefix, saved=answer is not None
            ):
                form = ""
                if stores:
                    form = get_template("courses/learning/_answer_form.html").render(
                        {
                            "lesson_id": page.pk,
                            "block_id": block_id,
                            "question_id": f"{prefix}-{slugify(block_id)}-vraag",
                            "answer_text": ANSWER_TEXT_SLOT if saved else "",
                            "saved_on": SAVED_ON_SLOT if saved else "",
                            "csrf_token": TOKEN_SLOT,
                        }
                    )
                return page.body[position].render(
                    context={
                        "block_id": block_id,
                        "learning": {
                            "stores_reflections": stores,
                            "stores_case_answers": stores,
                        },
                        # A case's model answer opens once the reader answered it.
                        "answered": saved,
                        "answer_form": mark_safe(form),
                    }
                )

            saved = answer is not None
            html = fragment(
                page, f"answer:{block_id}:{int(stores)}:{int(saved)}", shell, shared=shared
            )
            own = {TOKEN_SLOT: csrf_token} if stores else {}
            if saved:
                moment = timezone.localtime(answer.updated_at)
                own[ANSWER_TEXT_SLOT] = answer.text
                own[SAVED_ON_SLOT] = date_format(moment, "j F Y, H:i")
            parts.append(slots_filled(html, own))
            continue

        def one(position=position, block_id=block_id):
            return page.body[position].render(
                context={"block_id": block_id, "request": request, "page": page}
            )

        parts.append(
            one() if request.GET else fragment(page, f"body:{block_id}", one, shared=shared)
        )
    return mark_safe("".join(parts))
