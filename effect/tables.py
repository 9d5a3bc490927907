"""The evaluation report as one table (reporting.tables.Table) for the CSV and XLSX writers.

Long format, one figure per row, so every breakdown fits one sheet: course, topic, breakdown,
group, number of people, value, aim. A hidden figure is an empty value with "< 10" in the
people column, never the figure itself.
"""

from django.utils.translation import gettext as _

from effect.selectors import CourseReport, _shown
from reporting.counters import Scope
from reporting.tables import Table


def _round(value, digits=1):
    return None if value is None else round(value, digits)


def _rows(report: CourseReport):
    hidden = _("minder dan 10")

    def people(count):
        return hidden if count is None else count

    yield [report.title, _("Afronders"), "", "", people(report.completers_shown), None, None]
    yield [
        report.title, _("Met voor- én nameting (%)"), "", "", people(report.pairs_shown),
        _round(report.pair_share), report.pair_aim,
    ]  # fmt: skip
    yield [
        report.title, _("Respons vervolgmeting (%)"), "", "", people(report.invited),
        _round(report.response_share), report.response_aim,
    ]  # fmt: skip
    for row in report.objectives:
        for topic, value in (
            (_("gemiddelde voormeting"), row.voor),
            (_("gemiddelde nameting"), row.na),
            (_("genormaliseerde winst g"), _round(row.gain, 2)),
        ):
            yield [
                report.title,
                f"{row.title}: {topic}",
                "",
                "",
                people(_shown(row.pairs)),
                _round(value),
                None,
            ]
    for statement, voor, na, vervolg in report.confidence:
        for topic, value in (
            (_("vertrouwen voor"), voor),
            (_("vertrouwen na"), na),
            (_("vertrouwen vervolg"), vervolg),
        ):
            yield [report.title, f"{statement}: {topic}", "", "", None, _round(value, 2), None]
    for label, count, share in report.behaviour:
        yield [report.title, f"{label} (%)", "", "", people(count), _round(share), None]
    for dimension, rows in report.breakdowns.items():
        if rows is None:
            yield [report.title, _("Uitsplitsing niet getoond (te kleine aantallen)"),
                   dimension, "", None, None, None]  # fmt: skip
            continue
        for row in rows:
            for topic, count, value in (
                (_("Met voor- én nameting (%)"), row.pairs, row.pair_share),
                (_("Genormaliseerde winst g"), row.pairs, _round(row.gain, 2)),
                (_("Respons vervolgmeting (%)"), row.responded, row.response_share),
                (_("Gesignaleerd (%)"), row.responded, row.signalled_share),
            ):
                yield [report.title, topic, dimension, row.label, people(count),
                       _round(value), None]  # fmt: skip


def report_table(reports: list[CourseReport], scope: Scope) -> Table:
    columns = [
        _("Cursus"), _("Onderwerp"), _("Uitsplitsing"), _("Groep"), _("Personen"),
        _("Waarde"), _("Doel"),
    ]  # fmt: skip
    rows = [row for report in reports for row in _rows(report)]
    return Table(title=_("Effectmeting %(day)s") % {"day": f"{scope.as_of:%d-%m-%Y}"},
                 columns=columns, rows=rows)  # fmt: skip
