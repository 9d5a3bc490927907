"""Every course page is reviewed before publication: the workflow "Review voor publicatie".

A GroupApprovalTask approved by the programme team or the administrators, assigned to the
catalogue (/cursussen/) so it covers every course, module, lesson and test below it. The groups
are created here if the role sync has not run yet; the sync gives them their permissions.
courses.authoring.review_workflow_ensure does the same at runtime and is idempotent.
"""

from django.db import migrations

WORKFLOW_NAME = "Review voor publicatie"
TASK_NAME = "Review door programmateam"
REVIEWER_GROUPS = ("Programmateam", "Beheerders")
# Approving publishes with the approver's permissions, so reviewers need publish on the catalogue.
REVIEWER_PAGE_PERMISSIONS = {
    "change_page": "Can change page",
    "publish_page": "Can publish any page",
    "lock_page": "Can lock any page",
    "unlock_page": "Can unlock any page",
}


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")

    index = CourseIndexPage.objects.first()
    if index is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    reviewers = [Group.objects.get_or_create(name=name)[0] for name in REVIEWER_GROUPS]
    task.groups.add(*reviewers)
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for codename, name in REVIEWER_PAGE_PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": name}
        )
        for group in reviewers:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=index.pk, permission=permission
            )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=Page.objects.get(pk=index.pk), defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_catalogue_page"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_review_workflow, migrations.RunPython.noop)]
