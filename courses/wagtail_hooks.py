"""Wagtail admin wiring for courses: coordinator assignment, the course permissions and the
coordinator's menu.

Assigning a coordinator is more than a row: it grants page permissions on the course subtree.
So the admin views call the services in courses.authoring instead of saving the model directly.

Coordinators may add pages under the catalogue (to start a course); Wagtail's add permission
reaches every course below it, so the page hooks here refuse creating, editing, moving,
copying, deleting and bulk actions outside the coordinator's own courses (`may_author`).
"""

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from courses.authoring import (
    course_coordinator_assign,
    course_coordinator_unassign,
    may_add_under,
    may_author,
)
from courses.models import CourseCoordinator, CourseIndexPage, CoursePage
from courses.selectors.access import coordinated_courses


class CoordinatorCreateView(CreateView):
    def save_instance(self):
        return course_coordinator_assign(
            course=self.form.cleaned_data["course"], user=self.form.cleaned_data["user"]
        )


class CoordinatorEditView(EditView):
    def save_instance(self):
        # Moving an assignment to another course or person: take the old grant away first.
        before = CourseCoordinator.objects.select_related("course", "user").get(pk=self.object.pk)
        course_coordinator_unassign(course=before.course, user=before.user)
        return course_coordinator_assign(
            course=self.form.cleaned_data["course"], user=self.form.cleaned_data["user"]
        )


class CoordinatorDeleteView(DeleteView):
    def delete_action(self):
        course_coordinator_unassign(course=self.object.course, user=self.object.user)


class CourseCoordinatorViewSet(ModelViewSet):
    model = CourseCoordinator
    form_fields = ["course", "user"]
    list_display = ["user", "course", "assigned_at"]
    list_filter = ["course"]
    icon = "group"
    menu_label = _("Cursuscoördinatoren")
    add_to_admin_menu = True
    menu_order = 310
    add_view_class = CoordinatorCreateView
    edit_view_class = CoordinatorEditView
    delete_view_class = CoordinatorDeleteView


@hooks.register("register_admin_viewset")
def register_coordinator_viewset():
    return CourseCoordinatorViewSet("cursuscoordinatoren")


@hooks.register("register_permissions")
def register_course_permissions():
    return Permission.objects.filter(
        content_type__app_label="courses",
        codename__in=["coordinate_courses", "manage_all_courses", "mark_attendance"],
    )


# --- Page actions: a coordinator works only inside their own courses ----------------------


@hooks.register("before_create_page")
def refuse_creating_outside_own_courses(request, parent_page, page_class):
    if not may_add_under(request.user, parent_page, page_class):
        return permission_denied(request)
    return None


@hooks.register("after_create_page")
def coordinator_of_a_new_course(request, page):
    # The person who starts a course coordinates it: the assignment row and the course's own
    # group (edit and add inside it), so they can keep writing after the first save.
    if isinstance(page.specific, CoursePage) and request.user.has_perm(
        "courses.coordinate_courses"
    ):
        course_coordinator_assign(course=page.specific, user=request.user)


@hooks.register("after_copy_page")
def coordinator_of_a_copied_course(request, page, new_page):
    coordinator_of_a_new_course(request, new_page)


@hooks.register("before_edit_page")
@hooks.register("before_delete_page")
@hooks.register("before_copy_page")
@hooks.register("before_unpublish_page")
def refuse_pages_outside_own_courses(request, page):
    if not may_author(request.user, page):
        return permission_denied(request)
    if request.method == "POST" and request.POST.get("new_parent_page"):
        # Copying: the destination must be the user's own course as well.
        destination = Page.objects.filter(pk=request.POST["new_parent_page"]).first()
        if destination is not None and not may_add_under(
            request.user, destination, page.specific_class
        ):
            return permission_denied(request)
    return None


@hooks.register("construct_explorer_page_queryset")
def explorer_of_own_courses_only(parent_page, pages, request):
    # Another coordinator's course is not for browsing either (drafts, titles): refused like
    # a page without permission; in the catalogue a coordinator sees their own courses.
    from django.core.exceptions import PermissionDenied

    if not may_author(request.user, parent_page):
        if not issubclass(parent_page.specific_class or Page, CourseIndexPage):
            raise PermissionDenied
        own = coordinated_courses(request.user).values("pk")
        return pages.filter(pk__in=own)
    return pages


@hooks.register("before_move_page")
def refuse_moving_outside_own_courses(request, page, destination):
    if not may_author(request.user, page) or not may_add_under(
        request.user, destination, page.specific_class
    ):
        return permission_denied(request)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_actions_outside_own_courses(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if any(not may_author(request.user, page) for page in pages):
        return permission_denied(request)
    destination_id = request.POST.get("chooser") if action_type == "move" else None
    if destination_id:
        destination = Page.objects.filter(pk=destination_id).first()
        if destination is not None and any(
            not may_add_under(request.user, destination, page.specific_class) for page in pages
        ):
            return permission_denied(request)
    return None


# --- The coordinator's menu: their learner views and sessions (certificates: see that app) --


def _coordinates(request) -> bool:
    user = request.user
    return user.has_perm("courses.coordinate_courses") or user.has_perm(
        "courses.manage_all_courses"
    )


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return _coordinates(request)


class CoordinatorSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return _coordinates(request)


@hooks.register("construct_coordinator_menu")
def sessions_per_course(request, menu_items):
    """One link per coordinated course to its sessions (at most 15, in title order)."""
    courses = coordinated_courses(request.user).order_by("title").values_list("pk", "title")
    for order, (course_id, title) in enumerate(courses[:15]):
        menu_items.append(
            MenuItem(
                _("Bijeenkomsten: %(course)s") % {"course": title},
                reverse("courses:coordinator_sessions", args=[course_id]),
                icon_name="date",
                order=200 + order,
            )
        )


@hooks.register("register_admin_menu_item")
def register_coordinator_menu():
    menu = Menu(
        register_hook_name="register_coordinator_menu_item",
        construct_hook_name="construct_coordinator_menu",
    )
    return CoordinatorSubmenuItem(_("Coördinatie"), menu, icon_name="group", order=305)


@hooks.register("register_coordinator_menu_item")
def register_learner_views_item():
    return CoordinatorMenuItem(
        _("Cursisten per cursus"),
        reverse("courses:coordinator_courses"),
        icon_name="user",
        order=100,
    )
