"""Server-rendered SVG charts: coordinates computed here, drawn by the template.

No JavaScript: the chart is an image with a text alternative, and the same figures stand in a
data table beside it (WCAG 1.1.1), so nothing is known only from the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format

from reporting.counters import TargetReport

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 28


@dataclass
class Chart:
    width: int
    height: int
    line: str  # polyline points of the cumulative count
    published: str  # polyline points of the month-end counter snapshots ("" if none)
    area: str  # polygon points under the line
    goal_y: float | None
    y_ticks: list[tuple[float, int]]
    x_ticks: list[tuple[float, str, str]]
    baseline_y: float
    left: int
    right_x: int


def _nice_ceiling(value: int) -> int:
    if value <= 10:
        return 10
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        candidate = int(step * magnitude)
        if candidate >= value:
            return candidate
    return 10 * magnitude


def cumulative_chart(report: TargetReport, published: dict | None = None) -> Chart | None:
    """The cumulative count per month, and beside it the figure each month end published
    (the daily counter snapshot), which differs where completions were recorded late."""
    months = report.months
    published = published or {}
    if not months:
        return None
    top_value = _nice_ceiling(max(months[-1].cumulative, report.goal or 0, *published.values(), 1))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(months) - 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - value / top_value), 1)

    points = [(round(LEFT + i * step, 1), y(m.cumulative)) for i, m in enumerate(months)]
    line = " ".join(f"{px},{py}" for px, py in points)
    published_line = " ".join(
        f"{points[i][0]},{y(published[m.month])}"
        for i, m in enumerate(months)
        if m.month in published
    )
    base = y(0)
    area = f"{points[0][0]},{base} {line} {points[-1][0]},{base}"
    y_ticks = [(y(top_value * i / 4), round(top_value * i / 4)) for i in range(5)]
    every = max(1, round(len(months) / 6))
    last = len(months) - 1
    # The outer labels hang inwards, so the first and last month stay inside the picture.
    # The last month is always labelled; a regular label closer to it than a full step is
    # dropped, or "nov 2026" would be printed over "dec 2026".
    x_ticks = [
        (points[i][0], date_format(m.month, "M Y"), "end" if i == last and i else "middle")
        for i, m in enumerate(months)
        if i == last or (i % every == 0 and last - i >= every)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        line=line,
        published=published_line,
        area=area,
        goal_y=y(report.goal) if report.goal else None,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        baseline_y=base,
        left=LEFT,
        right_x=WIDTH - RIGHT,
    )
