"""Who may write which course in Wagtail, and the review every course page goes through.

Coordinators write only inside the courses they are assigned to. Each course gets its own
Wagtail group ("Coördinatoren <code>") holding add, change and lock permissions on that
course's subtree — never publish. The role group Cursuscoördinatoren may add pages under the
catalogue, so a coordinator can start a new course (and becomes its coordinator on creation);
Wagtail's add permission reaches the whole subtree, so the admin hooks in
courses/wagtail_hooks.py refuse every page action outside the coordinator's own courses
(`may_author`). Publishing goes through the workflow "Review voor
publicatie" on the catalogue, approved by the programme team or the administrators, so every
course, module, lesson and test is reviewed before learners see it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts import roles
from courses.models import CourseCoordinator, CourseIndexPage, CoursePage
from courses.selectors.access import coordinated_courses
from courses.selectors.progress import course_of_page

REVIEW_WORKFLOW_NAME = "Review voor publicatie"
REVIEW_TASK_NAME = "Review door programmateam"
REVIEWER_ROLES = (roles.PROGRAMME_TEAM, roles.ADMINISTRATOR)
# What a coordinator may do in their own course subtree. No publish: that is the review's job.
COORDINATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
# Approving a workflow task publishes with the approver's own permissions, so the reviewers
# hold publish (and change, to correct a page under review) on the whole catalogue.
REVIEWER_PAGE_PERMISSIONS = ("change_page", "publish_page", "lock_page", "unlock_page")
# Images and documents are permissioned per collection in Wagtail: coordinators upload and
# choose in the root collection (and may edit what they uploaded themselves).
COORDINATOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    # Video and audio (wagtailmedia has no choose permission: its chooser lists what the user
    # may change, so coordinators change media in the root collection).
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "change_media"),
)


GROUP_PREFIX = "Coördinatoren "


def course_group_name(course: CoursePage) -> str:
    return f"{GROUP_PREFIX}{course.code}"


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def course_group_ensure(*, course: CoursePage) -> Group:
    """The per-course coordinator group with its page permissions on the course. Idempotent.

    The group is found by its permission on the course page first, so a course whose code was
    edited keeps its group (renamed to the new code) instead of getting a second one.
    """
    name = course_group_name(course)
    group = (
        Group.objects.filter(
            name__startswith=GROUP_PREFIX, page_permissions__page_id=course.pk
        ).first()
        or Group.objects.get_or_create(name=name)[0]
    )
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    for codename in COORDINATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=course.page_ptr, permission=_page_permission(codename)
        )
    return group


def coordinator_collections_ensure(*, group: Group) -> None:
    """Let `group` upload and choose images and documents in the root collection. Idempotent."""
    root = Collection.get_first_root_node()
    if root is None:
        return
    for app_label, codename in COORDINATOR_COLLECTION_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def coordinator_catalogue_ensure(*, index: CourseIndexPage | None = None) -> None:
    """Let the role group Cursuscoördinatoren add (new courses) under the catalogue. Idempotent.

    Wagtail's add permission also covers the catalogue's descendants; `may_author` and the
    admin hooks keep a coordinator out of courses that are not theirs.
    """
    index = index or CourseIndexPage.objects.first()
    if index is None:
        return
    role_group, _ = Group.objects.get_or_create(name=roles.COORDINATOR)
    GroupPagePermission.objects.get_or_create(
        group=role_group, page=index.page_ptr, permission=_page_permission("add_page")
    )
    # A new course wants images and video from its first draft on.
    coordinator_collections_ensure(group=role_group)


def _narrowed_to_own_courses(user) -> bool:
    """Whether the user's page permissions are a coordinator's, to be kept to their courses.

    Superusers, holders of courses.manage_all_courses and the reviewers (programme team,
    administrators) keep Wagtail's own permissions.
    """
    if not user.is_authenticated or user.is_superuser:
        return False
    if user.has_perm("courses.manage_all_courses") or not user.has_perm(
        "courses.coordinate_courses"
    ):
        return False
    return not user.groups.filter(name__in=REVIEWER_ROLES).exists()


def may_author(user, page: Page) -> bool:
    """Whether `user` may work on `page` (or below it) in the Wagtail admin at all.

    A coordinator only in the courses they coordinate
    (courses.selectors.access.coordinated_courses); everyone else as Wagtail's permissions say.
    Pages outside the catalogue are left to Wagtail's own permissions.
    """
    if page.pk is None or not _narrowed_to_own_courses(user):
        return True  # a page being created: its parent was checked (may_add_under)
    if not CourseIndexPage.objects.filter(path__in=_ancestor_paths(page)).exists():
        return True
    course = course_of_page(page)
    return course is not None and coordinated_courses(user).filter(pk=course.pk).exists()


def may_add_under(user, parent: Page, page_class=None) -> bool:
    """Whether `user` may create a page of `page_class` directly under `parent`."""
    if issubclass(parent.specific_class or Page, CourseIndexPage):
        return page_class is None or issubclass(page_class, CoursePage)
    return may_author(user, parent)


class CoursePagePermissionTester(PagePermissionTester):
    """Wagtail's permissions on a catalogue page, narrowed for a coordinator to their courses.

    The coordinators' add permission on the catalogue (to start a course) reaches every course
    below it; on a page of someone else's course this tester says no to every action, and
    moving or copying is allowed only into the coordinator's own course.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.own = may_author(user, page)

    def can_add_subpage(self):
        if issubclass(self.page.specific_class or Page, CourseIndexPage):
            return super().can_add_subpage()
        return self.own and super().can_add_subpage()

    def _own(name):  # noqa: N805  (builds the narrowed methods below)
        def narrowed(self, *args, **kwargs):
            return self.own and getattr(PagePermissionTester, name)(self, *args, **kwargs)

        narrowed.__name__ = name
        return narrowed

    can_edit = _own("can_edit")
    can_delete = _own("can_delete")
    can_unpublish = _own("can_unpublish")
    can_publish = _own("can_publish")
    can_submit_for_moderation = _own("can_submit_for_moderation")
    can_set_view_restrictions = _own("can_set_view_restrictions")
    can_unschedule = _own("can_unschedule")
    can_lock = _own("can_lock")
    can_unlock = _own("can_unlock")
    can_publish_subpage = _own("can_publish_subpage")
    can_reorder_children = _own("can_reorder_children")
    can_move = _own("can_move")
    can_copy = _own("can_copy")
    can_view_revisions = _own("can_view_revisions")
    del _own

    def can_move_to(self, destination):
        return (
            self.own
            and may_add_under(self.user, destination, self.page.specific_class)
            and super().can_move_to(destination)
        )

    def can_copy_to(self, destination, recursive=False):
        return (
            self.own
            and may_add_under(self.user, destination, self.page.specific_class)
            and super().can_copy_to(destination, recursive)
        )


def _ancestor_paths(page: Page) -> list[str]:
    return [page.path[: Page.steplen * n] for n in range(1, page.depth + 1)]


def review_workflow_ensure() -> Workflow | None:
    """The review workflow, assigned to the catalogue so it covers every course page.

    Idempotent: finds the workflow by name, (re)attaches the reviewer groups and the catalogue,
    and gives the reviewer groups publish permission on the catalogue (needed to approve), and
    the coordinators add permission on it (to start a course). Returns None when there is no
    catalogue yet.
    """
    index = CourseIndexPage.objects.first()
    if index is None:
        return None
    coordinator_catalogue_ensure(index=index)
    workflow, _created = Workflow.objects.get_or_create(
        name=REVIEW_WORKFLOW_NAME, defaults={"active": True}
    )
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME, active=True)
    reviewers = [Group.objects.get_or_create(name=name)[0] for name in REVIEWER_ROLES]
    task.groups.add(*reviewers)
    for group in reviewers:
        for codename in REVIEWER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index.page_ptr, permission=_page_permission(codename)
            )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=Page.objects.get(pk=index.pk), defaults={"workflow": workflow}
    )
    return workflow


@transaction.atomic
def course_coordinator_assign(*, course: CoursePage, user) -> CourseCoordinator:
    """Make `user` a coordinator of `course`. Idempotent.

    Records the assignment (one row per course and person), puts the user in the role group
    Cursuscoördinatoren (admin access, uploading and choosing images and documents) and in the
    course's own group, which may add, edit and
    lock pages in the course subtree but not publish them. Makes sure the review workflow is in
    place, so the coordinator's changes reach learners only after approval.
    """
    assignment, _created = CourseCoordinator.objects.get_or_create(course=course, user=user)
    role_group, _ = Group.objects.get_or_create(name=roles.COORDINATOR)
    coordinator_collections_ensure(group=role_group)
    user.groups.add(role_group, course_group_ensure(course=course))
    review_workflow_ensure()
    return assignment


@transaction.atomic
def course_coordinator_unassign(*, course: CoursePage, user) -> None:
    """Remove `user` as coordinator of `course` and take away the course's page permissions.

    Idempotent. The role group stays while the user still coordinates another course.
    """
    CourseCoordinator.objects.filter(course=course, user=user).delete()
    user.groups.remove(
        *Group.objects.filter(name__startswith=GROUP_PREFIX, page_permissions__page_id=course.pk)
    )
    if not CourseCoordinator.objects.filter(user=user).exists():
        user.groups.remove(*Group.objects.filter(name=roles.COORDINATOR))


def coordinator_permissions_sync() -> int:
    """Grant the page permissions for every recorded assignment. Idempotent.

    For assignments written without the service (seed data, imports, older rows). Returns the
    number of assignments checked.
    """
    assignments = CourseCoordinator.objects.select_related("course", "user")
    count = 0
    for assignment in assignments:
        course_coordinator_assign(course=assignment.course, user=assignment.user)
        count += 1
    return count
