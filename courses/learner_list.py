"""The coordinator's learner list: one page of a course's learners, read in a constant number
of queries whatever the course's size.

The rows come from courses.selectors.learners (annotated, filtered and sorted in
the database). What is added here keeps a page of 2,000 learners as cheap as one of 50: the
count of an unfiltered list straight from the enrolment index (the annotated queryset would
join every learner's account to count them), filter lists rendered without a template per
option (a course's learners can belong to a thousand organisations), and status filters and a
start date that need no subquery per learner.

A filtered and sorted page orders every matching learner before it cuts its 50, so whatever
the filter or the sort key computes is computed for all of them. Hence: the start is a column
of the enrolment (Enrolment.started_at, kept by the services that record the steps), and a
status filter is an EXISTS the database answers with one semi-join over the course's
completions, not the scalar "latest completion" subquery evaluated per learner
(courses.learner_status.learner_status_filter). (Measured on
the bench dataset, 3,652 learners: page 2 of "afgerond" sorted on "begonnen" went from a plan
of cost 139,000, above PostgreSQL's JIT threshold, to one of about 10,000.)
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Page, Paginator
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from courses.models import Enrolment
from courses.selectors.learners import course_learners_queryset, learner_rows
from courses.selectors.progress import course_structure

LEARNERS_PER_PAGE = 50


class PlainSelect(forms.Select):
    """A single select rendered in Python, the same markup as Django's template renders.

    Django renders each option through its own template include, which costs about half a
    millisecond per option; a filter list of a thousand organisations then dominates the page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        # Not get_context(): it walks the choices too, a second query for a model choice.
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), " selected" if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class _CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count: int | None):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        if self._known_count is not None:
            return self._known_count
        return super().count


def _unfiltered(filters: dict) -> bool:
    return not any(value for key, value in filters.items() if key != "sort")


def learner_page(course, *, filters: dict, page_number) -> tuple[Page, list[dict]]:
    """One page (LEARNERS_PER_PAGE) of the course's active learners with these filters, and
    its rows. Queries: the course structure, the count and the page, whatever the size."""
    structure = course_structure(course)
    enrolments = course_learners_queryset(course, structure=structure, **filters)
    count = None
    if _unfiltered(filters):
        count = Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE).count()
    page = _CountedPaginator(enrolments, LEARNERS_PER_PAGE, count=count).get_page(page_number)
    rows = learner_rows(course, page.object_list, structure=structure)
    return page, rows
