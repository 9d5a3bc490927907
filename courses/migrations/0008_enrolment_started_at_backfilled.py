"""Enrolment.started_at: the learner's first step in the course, kept on the enrolment so the
coordinator's list sorts and filters on a column. Filled here from the facts already recorded:
the first lesson opened, toets handed in or session attended (its start)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Min

BATCH = 2000


def started_at_backfill(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    LessonProgress = apps.get_model("courses", "LessonProgress")
    ToetsAttempt = apps.get_model("courses", "ToetsAttempt")
    SessionRegistration = apps.get_model("courses", "SessionRegistration")
    first: dict[tuple[int, int], object] = {}

    def earliest(rows):
        for user_id, course_id, at in rows:
            key = (user_id, course_id)
            if at is not None and (key not in first or at < first[key]):
                first[key] = at

    earliest(
        LessonProgress.objects.values("user_id", "course_id")
        .annotate(at=Min("started_at"))
        .values_list("user_id", "course_id", "at")
    )
    earliest(
        ToetsAttempt.objects.values("user_id", "course_id")
        .annotate(at=Min("submitted_at"))
        .values_list("user_id", "course_id", "at")
    )
    earliest(
        SessionRegistration.objects.filter(attendance="aanwezig")
        .values("user_id", "session__course_id")
        .annotate(at=Min("session__starts_at"))
        .values_list("user_id", "session__course_id", "at")
    )
    changed = []
    for enrolment in Enrolment.objects.only("pk", "user_id", "course_id").iterator():
        at = first.get((enrolment.user_id, enrolment.course_id))
        if at is not None:
            enrolment.started_at = at
            changed.append(enrolment)
        if len(changed) >= BATCH:
            Enrolment.objects.bulk_update(changed, ["started_at"])
            changed = []
    Enrolment.objects.bulk_update(changed, ["started_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_lesson_uploaded_video_and_audio"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="begonnen op"),
        ),
        migrations.AddIndex(
            model_name="enrolment",
            index=models.Index(fields=["course", "started_at"], name="enrolment_course_started"),
        ),
        migrations.RunPython(started_at_backfill, migrations.RunPython.noop),
    ]
