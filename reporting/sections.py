"""The HTML of each target's section on a report page, kept as long as the report it shows.

Rendering a target's section (its chart, months and breakdowns) costs more than reading its
report from the cache, so the section is kept too, under the same versions as the report
(reporting.counters.report_cache_keys) and the published counters' version: it is rendered
again exactly when its figures change. What differs per reader (filters, export links) stays
outside the sections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from reporting.counters import CACHE_SECONDS, Scope, TargetReport, report_cache_keys
from reporting.disclosure import public_counters_version


def kept_sections(
    template: str,
    targets: Sequence,
    reports: Sequence[TargetReport],
    scope: Scope,
    contexts: Callable[[list[TargetReport]], dict[int, dict]],
    *,
    variant: str = "",
) -> list[SafeString]:
    """Each report's section rendered with `template`, from the cache where current.

    `contexts(missing)` gives the template context of each report not kept, by target id (one
    call, so it can read what they need at once); `variant` is whatever else the HTML depends
    on (such as the query string its links carry).
    """
    report_keys = report_cache_keys(targets, scope)
    suffix = f"{template}:p{public_counters_version()}:{get_language()}:{variant}"
    keys = {pk: f"html:{key}:{suffix}" for pk, key in report_keys.items()}
    kept = cache.get_many(list(keys.values()))
    missing = [report for report in reports if keys[report.target_id] not in kept]
    if missing:
        for target_id, context in contexts(missing).items():
            kept[keys[target_id]] = html = render_to_string(template, context)
            cache.set(keys[target_id], html, CACHE_SECONDS)
    return [mark_safe(kept[keys[report.target_id]]) for report in reports]
