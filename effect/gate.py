"""Which pages belong to a course with an effect measurement, without a query per page.

The measured courses (and which moments each measures) are kept per process under a version
that moves when a measurement is saved or deleted, so the pages of every other course pay
nothing for the gate (the learner pages' query budgets stay as they are). The course a page
is in comes from the course outline (courses.outline), kept in the shared cache.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from effect.models import EffectMeasurement
from elearning.versions import version_bump, version_current

MEASURED_VERSION_KEY = "effect:gemeten-cursussen"
# course id → (voormeting enabled, nameting enabled)
_kept: dict[str, object] = {"version": None, "measured": {}}


def measured_courses() -> dict[int, tuple[bool, bool]]:
    version = version_current(MEASURED_VERSION_KEY)
    if _kept["version"] != version:
        _kept["measured"] = {
            course_id: (pretest, posttest)
            for course_id, pretest, posttest in EffectMeasurement.objects.values_list(
                "course_id", "pretest_enabled", "posttest_enabled"
            )
        }
        _kept["version"] = version
    return _kept["measured"]


def measured_course_ids() -> frozenset[int]:
    return frozenset(measured_courses())


def measured_course_of(page):
    """The measured course a course, module, lesson or toets page belongs to, or None."""
    return measured_course_and_moments(page)[0]


def measured_course_and_moments(page):
    """(The measured course `page` belongs to, (voormeting, nameting) enabled), or
    (None, (False, False)). The course is its outline (id, code, title; no query) when the
    page lies in the live catalogue, else the course page read from the database."""
    from courses.models import CoursePage, LessonPage, ModulePage, ToetsPage

    specific = page.specific_class
    if specific not in (CoursePage, LessonPage, ToetsPage, ModulePage):
        return None, (False, False)
    measured = measured_courses()
    if not measured:
        return None, (False, False)
    if specific is CoursePage and page.pk not in measured:
        return None, (False, False)
    page = page.specific
    course = page.course_outline or page.course
    if course is None or course.pk not in measured:
        return None, (False, False)
    return course, measured[course.pk]


@receiver(post_save, sender=EffectMeasurement)
@receiver(post_delete, sender=EffectMeasurement)
def _measurements_changed(**_kwargs):
    version_bump(MEASURED_VERSION_KEY)
