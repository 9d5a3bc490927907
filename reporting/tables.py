"""Every table the reports show, as rows: one source for the pages and the CSV/XLSX exports.

A table is built from the same TargetReport and Coverage objects the pages render, so an
export cannot disagree with the page it was asked from. Each table names the permission that
may see it; exporting a table needs that permission too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reporting.counters import Scope, target_reports
from reporting.models import Target
from reporting.vng import (
    AANDACHTSFUNCTIONARIS,
    KETENREGISSEUR,
    PER_MUNICIPALITY,
    coverage,
    coverage_target,
)

PROGRAMME = "reporting.view_programme_dashboard"
VNG = "reporting.view_vng_dashboard"
EXPORT = "reporting.export_reports"


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list]


@dataclass(frozen=True)
class TableSpec:
    slug: str
    title: str
    permission: str
    build: Callable[[Scope], Table]
    # Exporting takes people's rows off the platform, so it may need more than seeing them.
    export_permission: str = ""
    # Rows name people (name, e-mail): a stored file of it goes when one of them is erased.
    personal: bool = False

    def can_export(self, user) -> bool:
        return user.has_perm(self.permission) and (
            not self.export_permission or user.has_perm(self.export_permission)
        )


def _reports(scope: Scope):
    return target_reports(Target.objects.select_related("function", "profession"), scope)


def targets_table(scope: Scope) -> Table:
    rows = [
        [
            r.slug,
            r.title,
            r.count,
            r.goal,
            r.percentage,
            r.pace_needed,
            r.pace_recent,
            r.projected_on,
            r.deadline,
            r.regions_covered,
            r.regions_total,
        ]
        for r in _reports(scope)
    ]
    columns = [
        _("Code"),
        _("Doel"),
        _("Getrainde personen"),
        _("Doelaantal"),
        _("Percentage"),
        _("Nodig per maand"),
        _("Per maand (laatste 90 dagen)"),
        _("Verwacht bereikt op"),
        _("Deadline"),
        _("Regio's gedekt"),
        _("Regio's totaal"),
    ]
    return Table(str(_("Doelen")), [str(c) for c in columns], rows)


def months_table(scope: Scope) -> Table:
    rows = [
        [r.slug, month.month.strftime("%Y-%m"), month.new, month.cumulative]
        for r in _reports(scope)
        for month in r.months
    ]
    columns = [_("Code"), _("Maand"), _("Nieuw getraind"), _("Totaal (cumulatief)")]
    return Table(str(_("Verloop per maand")), [str(c) for c in columns], rows)


def _breakdown(attribute: str, label: str, title: str) -> Callable[[Scope], Table]:
    def build(scope: Scope) -> Table:
        rows = []
        for report in _reports(scope):
            for cell in getattr(report, attribute):
                rows.append([report.slug, cell.label, cell.count, cell.expected, cell.percentage])
        columns = [_("Code"), label, _("Getrainde personen"), _("Verwacht"), _("Percentage")]
        return Table(str(title), [str(c) for c in columns], rows)

    return build


def _coverage_rows(function_slug: str, scope: Scope, *, per_municipality: bool) -> list[list]:
    target = coverage_target(function_slug)
    if target is None:
        return []
    result = coverage(target, scope, per_municipality=per_municipality)
    rows = []
    for region in result.regions:
        places = region.municipalities if per_municipality else [region]
        for place in places:
            holders = place.holders or [None]
            for holder in holders:
                rows.append(
                    [
                        region.name,
                        *([place.name] if per_municipality else []),
                        place.trained,
                        place.expected,
                        holder.name if holder else "",
                        holder.email if holder else "",
                        holder.organisation if holder else "",
                        holder.status_label if holder else "",
                        holder.completed_on if holder else None,
                    ]
                )
    return rows


def _coverage_table(function_slug: str, title) -> Callable:
    per_municipality = PER_MUNICIPALITY[function_slug]
    place = [_("Gemeente")] if per_municipality else []
    where = _("gemeente") if per_municipality else _("regio")
    columns = [
        _("Regio"),
        *place,
        _("Getraind in %(place)s") % {"place": where},
        _("Verwacht in %(place)s") % {"place": where},
        _("Naam"),
        _("E-mailadres"),
        _("Organisatie"),
        _("Status"),
        _("Afgerond op"),
    ]

    def build(scope: Scope) -> Table:
        rows = _coverage_rows(function_slug, scope, per_municipality=per_municipality)
        return Table(str(title), [str(c) for c in columns], rows)

    return build


def reconciliation_table(scope: Scope) -> Table:
    from reporting.reconciliation import COLUMNS, reconciliation_rows

    return Table(
        str(_("Herkomst en aansluiting")), [str(_(c)) for c in COLUMNS], reconciliation_rows(scope)
    )


ketenregisseurs_table = _coverage_table(KETENREGISSEUR, _("Ketenregisseurs per regio"))
aandachtsfunctionarissen_table = _coverage_table(
    AANDACHTSFUNCTIONARIS, _("Aandachtsfunctionarissen per gemeente")
)


TABLES: dict[str, TableSpec] = {
    spec.slug: spec
    for spec in [
        TableSpec("doelen", _("Doelen"), PROGRAMME, targets_table, EXPORT),
        TableSpec("maanden", _("Verloop per maand"), PROGRAMME, months_table, EXPORT),
        TableSpec(
            "regios",
            _("Per regio"),
            PROGRAMME,
            _breakdown("by_region", _("Regio"), _("Per regio")),
            EXPORT,
        ),
        TableSpec(
            "organisatiesoorten",
            _("Per soort organisatie"),
            PROGRAMME,
            _breakdown("by_organisation_kind", _("Soort organisatie"), _("Per soort organisatie")),
            EXPORT,
        ),
        TableSpec(
            "beroepsgroepen",
            _("Per beroepsgroep"),
            PROGRAMME,
            _breakdown("by_profession", _("Beroepsgroep"), _("Per beroepsgroep")),
            EXPORT,
        ),
        TableSpec(
            "herkomst", _("Herkomst en aansluiting"), PROGRAMME, reconciliation_table, EXPORT
        ),
        TableSpec(
            "ketenregisseurs",
            _("Ketenregisseurs per regio"),
            VNG,
            ketenregisseurs_table,
            personal=True,
        ),
        TableSpec(
            "aandachtsfunctionarissen",
            _("Aandachtsfunctionarissen per gemeente"),
            VNG,
            aandachtsfunctionarissen_table,
            personal=True,
        ),
    ]
}


def exportable_tables(user, permission: str) -> list[TableSpec]:
    """The tables of one page (by its permission) that `user` may export."""
    return [s for s in TABLES.values() if s.permission == permission and s.can_export(user)]
