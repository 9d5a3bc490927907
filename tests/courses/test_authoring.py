"""Coordinators write only in their own course; publishing goes through review."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from accounts import roles
from courses.authoring import (
    REVIEW_WORKFLOW_NAME,
    coordinator_permissions_sync,
    course_coordinator_assign,
    course_coordinator_unassign,
    course_group_name,
    may_add_under,
    may_author,
)
from courses.models import CourseCoordinator, CoursePage, LessonPage
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    own = CourseFactory(code="buit-basis", title="Mensenhandel herkennen")
    own_module = ModuleFactory(parent=own)
    own_lesson = LessonFactory(parent=own_module, title="Signalen")
    other = CourseFactory(code="kmh-basis", title="Contactpersoon minderjarigen")
    other_lesson = LessonFactory(parent=other, title="Andere les")
    return {
        "own": own,
        "own_module": own_module,
        "own_lesson": own_lesson,
        "other": other,
        "other_lesson": other_lesson,
    }


def test_assignment_is_recorded_once_with_one_course_group(tree, make_coordinator):
    user = make_coordinator
    course_coordinator_assign(course=tree["own"], user=user)
    course_coordinator_assign(course=tree["own"], user=user)
    assert CourseCoordinator.objects.filter(course=tree["own"], user=user).count() == 1
    group = Group.objects.get(name=course_group_name(tree["own"]))
    assert set(user.groups.values_list("name", flat=True)) == {roles.COORDINATOR, group.name}
    granted = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert granted == {
        (tree["own"].pk, "add_page"),
        (tree["own"].pk, "change_page"),
        (tree["own"].pk, "lock_page"),
        (tree["own"].pk, "unlock_page"),
    }


@pytest.fixture
def make_coordinator(db):
    from tests.factories import UserFactory

    return UserFactory(email="coordinator-nieuw@example.org", profile=False)


def test_coordinator_edits_inside_own_course_only_and_never_publishes(tree, coordinator):
    course_coordinator_assign(course=tree["own"], user=coordinator)
    for page in (tree["own"], tree["own_module"], tree["own_lesson"]):
        perms = page.permissions_for_user(coordinator)
        assert perms.can_edit(), page
        assert not perms.can_publish(), page
    assert tree["own_module"].permissions_for_user(coordinator).can_add_subpage()
    for page in (tree["other"], tree["other_lesson"], tree["own"].get_parent()):
        perms = page.permissions_for_user(coordinator)
        assert not perms.can_edit(), page
        assert not perms.can_publish(), page
    assert not tree["other"].permissions_for_user(coordinator).can_add_subpage()
    # Wagtail's add permission on the catalogue (to start a course) reaches the other courses
    # too; the page permission tester and the admin hooks refuse them by this rule.
    assert not may_add_under(coordinator, tree["other"])
    assert not may_author(coordinator, tree["other_lesson"])
    assert may_add_under(coordinator, tree["own_module"])


def test_admin_edit_view_opens_own_course_and_refuses_another(client, tree, coordinator):
    course_coordinator_assign(course=tree["own"], user=coordinator)
    client.force_login(coordinator)
    assert client.get(f"/beheer/pages/{tree['own_lesson'].pk}/edit/").status_code == 200
    for page in (tree["other"], tree["other_lesson"]):
        response = client.get(f"/beheer/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert f"/pages/{page.pk}/edit/" not in response["Location"]
    # Adding a lesson under someone else's course is refused as well.
    response = client.get(f"/beheer/pages/add/courses/lessonpage/{tree['other'].pk}/")
    assert response.status_code in (302, 403)


def test_unassigning_takes_the_permissions_away(tree, coordinator):
    course_coordinator_assign(course=tree["own"], user=coordinator)
    course_coordinator_unassign(course=tree["own"], user=coordinator)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert not tree["own_lesson"].permissions_for_user(coordinator).can_edit()
    assert not CourseCoordinator.objects.filter(user=coordinator).exists()
    assert not coordinator.groups.filter(name=roles.COORDINATOR).exists()


def test_every_course_page_needs_review_by_the_programme_team(tree, coordinator, programme_user):
    workflow = tree["own_lesson"].get_workflow()
    assert workflow is not None and workflow.name == REVIEW_WORKFLOW_NAME
    assert tree["other"].get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert set(task.groups.values_list("name", flat=True)) == {
        roles.PROGRAMME_TEAM,
        roles.ADMINISTRATOR,
    }

    # The coordinator edits and submits; learners keep seeing the published lesson.
    course_coordinator_assign(course=tree["own"], user=coordinator)
    lesson = LessonPage.objects.get(pk=tree["own_lesson"].pk)
    lesson.title = "Signalen (herzien)"
    lesson.body = [paragraph("<p>Nieuwe uitleg.</p>")]
    revision = lesson.save_revision(user=coordinator)
    workflow_state = workflow.start(lesson, coordinator)
    assert LessonPage.objects.get(pk=lesson.pk).title == "Signalen"
    assert workflow_state.current_task_state.task.specific == task

    # Only a reviewer may approve; approval publishes the submitted revision.
    task_state = workflow_state.current_task_state
    assert not [a for a in task.get_actions(lesson, coordinator) if a[0] == "approve"]
    assert [a for a in task.get_actions(lesson, programme_user) if a[0] == "approve"]
    task.on_action(task_state, programme_user, "approve")
    lesson.refresh_from_db()
    assert lesson.title == "Signalen (herzien)"
    assert lesson.live_revision_id == revision.pk


def test_administrator_assigns_and_removes_a_coordinator_in_the_wagtail_admin(
    client, tree, administrator, coordinator
):
    client.force_login(administrator)
    assert client.get("/beheer/cursuscoordinatoren/").status_code == 200
    response = client.post(
        "/beheer/cursuscoordinatoren/new/", {"course": tree["own"].pk, "user": coordinator.pk}
    )
    assert response.status_code == 302
    assignment = CourseCoordinator.objects.get(course=tree["own"], user=coordinator)
    assert tree["own_lesson"].permissions_for_user(coordinator).can_edit()

    response = client.post(f"/beheer/cursuscoordinatoren/delete/{assignment.pk}/")
    assert response.status_code == 302
    assert not CourseCoordinator.objects.exists()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert not tree["own_lesson"].permissions_for_user(coordinator).can_edit()


def test_coordinators_cannot_assign_themselves(client, tree, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/beheer/cursuscoordinatoren/new/", {"course": tree["other"].pk, "user": coordinator.pk}
    )
    assert response.status_code in (302, 403)
    assert not CourseCoordinator.objects.exists()
    assert not tree["other"].permissions_for_user(coordinator).can_edit()


def test_sync_grants_permissions_for_assignments_recorded_without_the_service(tree, coordinator):
    CourseCoordinator.objects.create(course=tree["own"], user=coordinator)
    assert not tree["own_lesson"].permissions_for_user(coordinator).can_edit()
    assert coordinator_permissions_sync() == 1
    assert coordinator_permissions_sync() == 1
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert tree["own_lesson"].permissions_for_user(coordinator).can_edit()
    assert not tree["other"].permissions_for_user(coordinator).can_edit()
    assert CourseCoordinator.objects.count() == 1


def test_an_assigned_coordinator_may_upload_and_choose_images_and_documents(tree, coordinator):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    from tests.factories import make_image

    course_coordinator_assign(course=tree["own"], user=coordinator)
    images = policy_registry.get_by_type(get_image_model())
    documents = policy_registry.get_by_type(get_document_model())
    for policy in (images, documents):
        assert policy.user_has_permission(coordinator, "add")
        assert policy.user_has_permission(coordinator, "choose")
    # Someone else's image may be chosen, not changed.
    image = make_image()
    assert images.user_has_permission_for_instance(coordinator, "choose", image)
    assert not images.user_has_permission_for_instance(coordinator, "change", image)


def _draftail(text: str) -> str:
    import json

    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": text,
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )


def test_a_coordinator_writes_a_lesson_in_the_admin_and_it_waits_for_review(
    client, tree, coordinator
):
    course_coordinator_assign(course=tree["own"], user=coordinator)
    client.force_login(coordinator)
    data = {
        "title": "Nieuwe les",
        "slug": "nieuwe-les",
        "intro": "",
        "estimated_minutes": "10",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value": _draftail("Tekst van de nieuwe les."),
        "action-submit": "Ter moderatie indienen",
    }
    response = client.post(f"/beheer/pages/add/courses/lessonpage/{tree['own_module'].pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(slug="nieuwe-les")
    assert not lesson.live
    assert lesson.workflow_in_progress
    assert lesson.current_workflow_state.workflow.name == REVIEW_WORKFLOW_NAME
    # The same post under someone else's course is refused and creates nothing.
    data["slug"] = "indringer"
    response = client.post(f"/beheer/pages/add/courses/lessonpage/{tree['other'].pk}/", data)
    assert response.status_code in (302, 403)
    assert not LessonPage.objects.filter(slug="indringer").exists()


def test_a_changed_course_code_keeps_one_group(tree, coordinator, other_learner):
    course_coordinator_assign(course=tree["own"], user=coordinator)
    course = tree["own"]
    course.code = "buit-basis-2027"
    course.save()
    course_coordinator_assign(course=course, user=other_learner)
    groups = Group.objects.filter(page_permissions__page_id=course.pk).distinct()
    assert [g.name for g in groups] == ["Coördinatoren buit-basis-2027"]
    assert tree["own_lesson"].permissions_for_user(other_learner).can_edit()
    course_coordinator_unassign(course=course, user=coordinator)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert not tree["own_lesson"].permissions_for_user(coordinator).can_edit()


def test_a_lesson_with_every_block_type_is_written_previewed_reviewed_and_published(
    client, tree, coordinator, programme_user
):
    """The whole authoring round through the admin's own forms, with each lesson block."""
    from wagtail.models import Workflow
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from tests.factories import make_document, make_image, make_video

    course_coordinator_assign(course=tree["own"], user=coordinator)
    image, document = make_image(), make_document()
    video_file = make_video("Uitlegvideo")

    def options(*rows):
        return streamfield(
            [
                (
                    "item",
                    {"text": text, "feedback": feedback, **({"is_correct": "on"} if ok else {})},
                )
                for text, ok, feedback in rows
            ]
        )

    body = [
        ("paragraph", rich_text("<p>Wat is mensenhandel?</p>")),
        ("image", {"image": image.pk, "alt_text": "Een jongere bij een station", "caption": ""}),
        (
            "video",
            {
                "title": "Signalen in beeld",
                "video": video_file.pk,
                "embed": "",
                "transcript": rich_text("<p>De verteller noemt drie signalen.</p>"),
            },
        ),
        ("document", {"document": document.pk, "description": "Handreiking signalen"}),
        (
            "callout",
            {"kind": "signaal", "title": "Let op dit signaal", "text": rich_text("<p>Geld.</p>")},
        ),
        (
            "case",
            {
                "title": "Casus Sam",
                "situation": rich_text("<p>Sam (15) heeft ineens dure spullen.</p>"),
                "question": "Wat doet u?",
                "model_answer": rich_text("<p>Bespreek het met de aandachtsfunctionaris.</p>"),
            },
        ),
        ("reflection", {"question": "Wat herkent u uit uw werk?", "help_text": ""}),
        (
            "knowledge_check",
            {
                "question": "Is schulden maken een signaal?",
                "options": options(("Ja", True, "Klopt."), ("Nee", False, "Toch wel.")),
            },
        ),
    ]
    data = nested_form_data(
        {
            "title": "Alle blokken",
            "slug": "alle-blokken",
            "intro": "",
            "estimated_minutes": "15",
            "body": streamfield(body),
            "action-submit": "Ter moderatie indienen",
        }
    )
    client.force_login(coordinator)
    add_url = f"/beheer/pages/add/courses/lessonpage/{tree['own_module'].pk}/"
    preview = client.post(f"{add_url}preview/", data)
    assert preview.json() == {"is_valid": True, "is_available": True}
    shown = client.get(f"{add_url}preview/").content.decode()
    for text in ["Wat is mensenhandel?", "Een jongere bij een station", "De verteller noemt",
                 "Handreiking signalen", "Let op dit signaal", "Casus Sam",
                 "Wat herkent u uit uw werk?", "Is schulden maken een signaal?"]:  # fmt: skip
        assert text in shown, text

    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = LessonPage.objects.get(slug="alle-blokken")
    assert not lesson.live and lesson.workflow_in_progress
    stored = [block.block_type for block in lesson.get_latest_revision_as_object().body]
    assert stored == [name for name, _value in body]

    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW_NAME)
    task_state = lesson.current_workflow_state.current_task_state
    workflow.tasks.get().specific.on_action(task_state, programme_user, "approve")
    lesson.refresh_from_db()
    assert lesson.live
    client.logout()
    page = client.get(lesson.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Casus Sam" in html and "Is schulden maken een signaal?" in html
    # The model answer stays folded away until the visitor has answered.
    answer = html.split('<details class="case-answer"')[1].split("</details>")[0]
    assert answer.startswith(">") and "Bespreek het met de aandachtsfunctionaris" in answer


def _new_course_form(title="Loverboys herkennen", slug="loverboys-herkennen", **extra):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "code": slug,
            "summary": "Hoe u loverboys herkent.",
            "learning_objectives": rich_text("<ul><li>U herkent de signalen.</li></ul>"),
            "format": "elearning",
            "level": "basis",
            "study_time_minutes": "60",
            "requires_all_lessons": "on",
            "requires_all_tests": "on",
            "enrolment_mode": "open",
            "accreditations": inline_formset([]),
            **extra,
        }
    )


def test_coordinator_starts_a_course_becomes_its_coordinator_and_it_is_published_on_review(
    client, tree, coordinator, programme_user
):
    from tests.factories import catalogue

    client.force_login(coordinator)
    add_url = f"/beheer/pages/add/courses/coursepage/{catalogue().pk}/"
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, _new_course_form(**{"action-submit": "Indienen"}))
    assert response.status_code == 302, response.context["form"].errors

    course = CoursePage.objects.get(slug="loverboys-herkennen")
    assert not course.live and course.workflow_in_progress
    assert CourseCoordinator.objects.filter(course=course, user=coordinator).exists()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    perms = course.permissions_for_user(coordinator)
    assert perms.can_edit() and perms.can_add_subpage() and not perms.can_publish()
    # Their own new course shows in their learner views straight away.
    assert client.get(f"/leren/coordinator/cursus/{course.pk}/").status_code == 200

    # A lesson in the new course, submitted for review as well.
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    lesson_url = f"/beheer/pages/add/courses/lessonpage/{course.pk}/"
    response = client.post(
        lesson_url,
        nested_form_data(
            {
                "title": "Wat is een loverboy?",
                "slug": "wat-is-een-loverboy",
                "intro": "",
                "estimated_minutes": "10",
                "body": streamfield([("paragraph", rich_text("<p>Een loverboy is…</p>"))]),
                "action-submit": "Indienen",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    # Nothing is public before the programme team approves; approval publishes.
    from wagtail.models import Workflow

    task = Workflow.objects.get(name=REVIEW_WORKFLOW_NAME).tasks.get().specific
    for page in (course, LessonPage.objects.get(slug="wat-is-een-loverboy")):
        page.refresh_from_db()
        assert not page.live
        task.on_action(page.current_workflow_state.current_task_state, programme_user, "approve")
    course.refresh_from_db()
    assert course.live
    client.logout()
    assert client.get(course.url).status_code == 200
    assert "Een loverboy is" in client.get(f"{course.url}wat-is-een-loverboy/").content.decode()


def test_coordinator_still_cannot_touch_another_coordinators_course(client, tree, coordinator):
    """Adding under the catalogue must not open the other courses below it."""
    from tests.factories import catalogue

    course_coordinator_assign(course=tree["own"], user=coordinator)
    client.force_login(coordinator)
    other, other_lesson, own_lesson = tree["other"], tree["other_lesson"], tree["own_lesson"]
    refused = [
        ("get", f"/beheer/pages/{other.pk}/edit/", {}),
        ("get", f"/beheer/pages/{other_lesson.pk}/edit/", {}),
        ("get", f"/beheer/pages/add/courses/lessonpage/{other.pk}/", {}),
        ("post", f"/beheer/pages/add/courses/lessonpage/{other.pk}/", {"title": "Inbraak"}),
        ("get", f"/beheer/pages/add/courses/modulepage/{other.pk}/", {}),
        ("get", f"/beheer/pages/{other_lesson.pk}/delete/", {}),
        ("post", f"/beheer/pages/{other_lesson.pk}/delete/", {}),
        ("get", f"/beheer/pages/{other_lesson.pk}/copy/", {}),
        ("get", f"/beheer/pages/{other_lesson.pk}/move/{tree['own'].pk}/confirm/", {}),
        # Their own lesson may not be moved or copied into someone else's course either.
        ("post", f"/beheer/pages/{own_lesson.pk}/move/{other.pk}/confirm/", {}),
        (
            "post",
            f"/beheer/pages/{own_lesson.pk}/copy/",
            {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": other.pk},
        ),
        # Nor a module or lesson straight under the catalogue.
        ("get", f"/beheer/pages/add/courses/lessonpage/{catalogue().pk}/", {}),
    ]
    for method, url, data in refused:
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].rstrip("/").endswith("/beheer"), (url, response["Location"])
    assert LessonPage.objects.filter(pk=other_lesson.pk).exists()
    assert LessonPage.objects.get(pk=own_lesson.pk).get_parent().pk == tree["own_module"].pk
    assert not LessonPage.objects.filter(slug="kopie").exists()
    assert list(other.get_descendants().values_list("pk", flat=True)) == [other_lesson.pk]
    assert not CourseCoordinator.objects.filter(course=other, user=coordinator).exists()

    # Bulk actions on another course's pages are refused too.
    response = client.post(f"/beheer/bulk/wagtailcore/page/delete/?id={other_lesson.pk}", {})
    assert LessonPage.objects.filter(pk=other_lesson.pk).exists()

    # And their own course still works.
    assert client.get(f"/beheer/pages/{own_lesson.pk}/edit/").status_code == 200
    assert client.get(f"/beheer/pages/add/courses/lessonpage/{tree['own'].pk}/").status_code == 200


def test_coordinator_menu_links_to_learner_views_sessions_and_certificates(
    client, tree, coordinator, learner
):
    course_coordinator_assign(course=tree["own"], user=coordinator)
    client.force_login(coordinator)
    html = client.get("/beheer/").content.decode()
    assert "/leren/coordinator/" in html
    assert f"/leren/coordinator/cursus/{tree['own'].pk}/bijeenkomsten/" in html
    assert f"/leren/coordinator/cursus/{tree['other'].pk}/bijeenkomsten/" not in html
    assert "/certificaten/beheer/" in html
