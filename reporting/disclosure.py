"""Small cells that stay hidden: which cells of a public breakdown may be published.

What a visitor knows about a published breakdown: the published total, every shown cell, and
for every hidden cell ("–") what the page says it means: between 1 and threshold-1 people (a
zero is shown: it reveals nobody). A hidden cell is safe when those facts leave more than one
value possible for it.

For one total, the values hidden cell i can take form the interval
    [max(lo, S - (k-1)·hi), min(hi, S - (k-1)·lo)]
with S the sum of the k hidden cells (the total minus the shown ones), lo = 1 and
hi = threshold-1. So every hidden cell is safe exactly when k >= 2 and k·lo < S < k·hi: one
hidden cell is its own difference, and k cells summing to k (all ones) or to k·hi (all at the
top, as "two hidden regions, total 18") can only be that.

Every cell under the threshold is hidden, so no further cell can be hidden truthfully ("–"
would then claim 1 to 9 for a cell of 25, and the old rule's hidden 25 let a solver discard
it). When the small cells cannot protect one another, the breakdown is withheld for that
day as a whole: nothing of it is published, the total still is.

Several breakdowns of one total (per region, per kind of organisation) constrain each other
only through that total, so each is checked against it on its own; a sub-total published
beside them (regions with at least one trained person) counts the non-zero cells, which
hidden cells always are. tests/reporting/test_disclosure.py checks all of this with a
brute-force solver on seeded and adversarial data.

The public views publish what the daily snapshot stored (reporting.snapshots), never a
figure computed per request, so a cell going from "–" to 10 moves with the day's other
figures, not the moment one person completes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.conf import settings

from elearning.versions import version_bump, version_current

PUBLISHED_VERSION_KEY = "tellers:gepubliceerd"


def public_counters_changed() -> None:
    """A new snapshot was written: the public counters rebuild their body on the next request."""
    version_bump(PUBLISHED_VERSION_KEY)


def public_counters_version() -> int:
    return version_current(PUBLISHED_VERSION_KEY)


def hidden_value_ranges(
    total: int, counts: Sequence[int | None], *, threshold: int
) -> dict[int, tuple[int, int]]:
    """Per hidden cell (index of a None), the lowest and highest value it can have given the
    published total, the shown cells and 1 <= hidden < threshold. (lo > hi: no value fits.)"""
    hidden = [i for i, count in enumerate(counts) if count is None]
    if not hidden:
        return {}
    low, high = 1, threshold - 1
    rest = total - sum(count for count in counts if count is not None)
    others = len(hidden) - 1
    return {i: (max(low, rest - others * high), min(high, rest - others * low)) for i in hidden}


def safe_to_publish(total: int, counts: Sequence[int | None], *, threshold: int) -> bool:
    """True when no hidden cell has a single possible value (and at least two are hidden,
    if any is)."""
    ranges = hidden_value_ranges(total, counts, threshold=threshold)
    if not ranges:
        return True
    return len(ranges) >= 2 and all(lo < hi for lo, hi in ranges.values())


def breakdown_publish(
    cells: Iterable, *, total: int | None = None, threshold: int | None = None
) -> list[dict] | None:
    """The cells fit for publication, or None when the breakdown must be withheld.

    `cells` have .label and .count (reporting.counters.Cell); `total` is the published total
    they add up to (default: their sum). Counts from 1 to threshold-1 become None ("–");
    the result is None when the hidden cells could be derived from the total (see the module
    docstring). Returns dicts with "label" and "count".
    """
    threshold = settings.PUBLIC_SMALL_CELL_THRESHOLD if threshold is None else threshold
    cells = list(cells)
    total = sum(cell.count for cell in cells) if total is None else total
    if sum(cell.count for cell in cells) != total:
        return None  # a breakdown that does not add up to its total is never published
    published = [
        {"label": cell.label, "count": None if 0 < cell.count < threshold else cell.count}
        for cell in cells
    ]
    counts = [cell["count"] for cell in published]
    if not safe_to_publish(total, counts, threshold=threshold):
        return None
    return published
