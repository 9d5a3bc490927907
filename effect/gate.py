"""Which pages belong to a course with an effect measurement, without a query per page.

The course ids with a measurement are kept per process under a version that moves when a
measurement is saved or deleted, so the pages of every other course pay nothing for the
gate (the learner pages' query budgets stay as they are).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from effect.models import EffectMeasurement
from elearning.versions import version_bump, version_current

MEASURED_VERSION_KEY = "effect:gemeten-cursussen"
_kept: dict[str, object] = {"version": None, "ids": frozenset()}


def measured_course_ids() -> frozenset[int]:
    version = version_current(MEASURED_VERSION_KEY)
    if _kept["version"] != version:
        _kept["ids"] = frozenset(EffectMeasurement.objects.values_list("course_id", flat=True))
        _kept["version"] = version
    return _kept["ids"]


def measured_course_of(page):
    """The measured course a course, module, lesson or toets page belongs to, or None."""
    from courses.models import CoursePage, LessonPage, ModulePage, ToetsPage

    specific = page.specific_class
    if specific is CoursePage:
        return page.specific if page.pk in measured_course_ids() else None
    if specific not in (LessonPage, ToetsPage, ModulePage):
        return None
    ids = measured_course_ids()
    if not ids:
        return None
    course = page.specific.course
    return course if course is not None and course.pk in ids else None


@receiver(post_save, sender=EffectMeasurement)
@receiver(post_delete, sender=EffectMeasurement)
def _measurements_changed(**_kwargs):
    version_bump(MEASURED_VERSION_KEY)
