"""What courses put on the site's home page (registered with cms.home in CoursesConfig.ready)."""

from courses.models import CoursePage


def featured_courses():
    """Every programme course, live and public, by title: the home page is where a
    professional first looks."""
    return CoursePage.objects.live().public().specific().order_by("title")
