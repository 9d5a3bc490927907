"""Authoring the effect measurement in Wagtail, and the gate in the learner's flow.

The gate is Wagtail's before_serve_page hook, so the course and lesson pages stay unaware of
the measurement: a lesson of a course with a voormeting sends an enrolled learner who has not
done it there first; a learner who completed the course is asked for the nameting.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from effect.gate import measured_course_and_moments
from effect.models import EffectMeasurement, Item, Response


class MeasurementViewSet(SnippetViewSet):
    model = EffectMeasurement
    icon = "pick"
    menu_label = gettext_lazy("Metingen per cursus")
    list_display = ["__str__", "pretest_enabled", "posttest_enabled", "follow_up_days"]


class ItemViewSet(SnippetViewSet):
    model = Item
    icon = "help"
    menu_label = gettext_lazy("Itembank")
    list_display = ["question", "objective", "active"]
    list_filter = ["active"]
    search_fields = ["question"]


class EffectViewSetGroup(SnippetViewSetGroup):
    items = (MeasurementViewSet, ItemViewSet)
    menu_icon = "pick"
    menu_label = gettext_lazy("Effectmeting")
    menu_name = "effectmeting"


register_snippet(EffectViewSetGroup)


@hooks.register("before_serve_page")
def effect_gate(page, request, serve_args, serve_kwargs):
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    course, (pretest, posttest) = measured_course_and_moments(page)
    if course is None:
        return None
    from effect.services import moment_due

    # One query for both moments (the person's round in the course).
    due = moment_due(user=request.user, course=course, pretest=pretest, posttest=posttest)
    is_course_page = course.pk == page.pk
    if due == Response.Moment.VOOR:
        url = reverse("effect:pretest", kwargs={"course_id": course.pk})
        if is_course_page:
            messages.info(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Voordat u begint, vragen wij u een korte voormeting te doen."),
                    url,
                    _("Naar de voormeting"),
                ),
            )
            return None
        return redirect(f"{url}?next={page.url}")
    if due == Response.Moment.NA:
        messages.info(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("U heeft de cursus afgerond. Wilt u nog de korte nameting doen?"),
                reverse("effect:posttest", kwargs={"course_id": course.pk}),
                _("Naar de nameting"),
            ),
        )
    return None
