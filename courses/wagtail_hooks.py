"""Wagtail admin wiring for courses: coordinator assignment and the course permissions.

Assigning a coordinator is more than a row: it grants page permissions on the course subtree.
So the admin views call the services in courses.authoring instead of saving the model directly.
"""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from courses.authoring import course_coordinator_assign, course_coordinator_unassign
from courses.models import CourseCoordinator


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
