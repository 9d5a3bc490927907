"""Which pages belong to a course with an effect measurement, without a query per page.

The measured courses (and which moments each measures) are kept per process under the
catalogue version (courses.outline), which a measurement saved or deleted moves: which course
asks for a voormeting is part of what its pages show. So the pages of every other course pay
nothing for the gate, not even a cache read of its own (the catalogue version is read once per
request for every page anyway). The course a page is in comes from the course outline.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from effect.models import EffectMeasurement


def measured_courses() -> dict[int, tuple[bool, bool]]:
    """course id → (voormeting enabled, nameting enabled)."""
    from courses.outline import kept_in_process

    def read():
        return {
            course_id: (pretest, posttest)
            for course_id, pretest, posttest in EffectMeasurement.objects.values_list(
                "course_id", "pretest_enabled", "posttest_enabled"
            )
        }

    return kept_in_process("effect:measured", read)


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
    from courses.outline import catalogue_changed

    catalogue_changed()
