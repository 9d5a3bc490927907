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

from reporting.counters import (
    CACHE_SECONDS,
    Scope,
    TargetReport,
    report_cache_keys_and_versions,
    reports_kept,
)
from reporting.disclosure import PUBLISHED_VERSION_KEY


def reports_and_sections(
    template: str,
    targets: Sequence,
    scope: Scope,
    contexts: Callable[[list[TargetReport]], dict[int, dict]],
    *,
    variant: str = "",
) -> tuple[list[TargetReport], list[SafeString]]:
    """Each target's report, and its section rendered with `template`, from the cache where
    current: the versions in one round trip, then the reports and sections in one more.

    `contexts(missing)` gives the template context of each report whose section is not kept,
    by target id (one call, so it can read what they need at once); `variant` is whatever
    else the HTML depends on (such as the query string its links carry).
    """
    targets = list(targets)
    report_keys, versions = report_cache_keys_and_versions(
        targets, scope, also=[PUBLISHED_VERSION_KEY]
    )
    suffix = f"{template}:p{versions[PUBLISHED_VERSION_KEY]}:{get_language()}:{variant}"
    keys = {pk: f"html:{key}:{suffix}" for pk, key in report_keys.items()}
    found = cache.get_many([*report_keys.values(), *keys.values()])
    reports = reports_kept(targets, scope, report_keys, found)
    missing = [report for report in reports if keys[report.target_id] not in found]
    if missing:
        for target_id, context in contexts(missing).items():
            found[keys[target_id]] = html = render_to_string(template, context)
            cache.set(keys[target_id], html, CACHE_SECONDS)
    return reports, [mark_safe(found[keys[report.target_id]]) for report in reports]
