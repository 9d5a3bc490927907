"""What the figures mean: the short statement every report, export and the public widget carry.

Generated from the same settings the counters use (the target's period, filters and refresher
rule, the kind of target), so the statement cannot drift from the count. The full text is the
public page /rapportage/definities/ (templates/reporting/definities.html).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reporting.models import Target


def general_definitions() -> list[str]:
    """What holds for every target."""
    return [
        _(
            "Geteld worden personen, niet afrondingen: ieder één keer, herkend aan een "
            "pseudonieme persoonssleutel van het e-mailadres. Twee gekoppelde adressen van één "
            "persoon tellen vanaf de dag van koppeling als één persoon."
        ),
        _(
            "Bekend op de peildatum: een cijfer telt wat aan het eind van de peildatum bekend "
            "was. Een geïmporteerde afronding telt vanaf de dag van import, ook als de cursus "
            "eerder is afgerond; het cijfer van een eerdere peildatum verandert daardoor niet."
        ),
        _(
            "Ingetrokken afrondingen tellen niet mee (vanaf de dag van intrekking); verlopen "
            "afrondingen tellen wel mee."
        ),
    ]


def refresher_rule(target: Target) -> str:
    start = date_format(target.period_start, "j F Y")
    if target.refreshers_count:
        return _(
            "Herhaling telt mee: wie vóór %(start)s al een van de cursussen afrondde, telt mee "
            "zodra hij of zij binnen de periode een herhaling afrondt."
        ) % {"start": start}
    return _(
        "Alleen nieuw getrainden: wie vóór %(start)s al een van de cursussen afrondde, telt "
        "niet mee, ook niet met een herhaling binnen de periode."
    ) % {"start": start}


def target_definitions(target: Target) -> list[str]:
    """What holds for this target: its period, filters, refresher rule and, for coverage,
    how numerator and denominator are formed."""
    lines = [
        _("Periode: afgerond van %(start)s tot en met %(end)s.")
        % {
            "start": date_format(target.period_start, "j F Y"),
            "end": date_format(target.deadline, "j F Y"),
        },
        refresher_rule(target),
    ]
    if target.profession_id:
        lines.append(
            _("Alleen wie bij de afronding de beroepsgroep %(profession)s had.")
            % {"profession": target.profession}
        )
    if target.is_coverage:
        lines.append(
            _(
                "Dekking van de functie %(function)s: per regio het vastgestelde verwachte "
                "aantal, anders de geregistreerde functiehouders; geteld worden de getrainden "
                "binnen diezelfde groep, zodat een percentage nooit boven 100 %% komt. Wie "
                "daarbuiten is getraind, staat apart vermeld. Een regio zonder bekend aantal "
                "is onbekend, niet 0. Een cursus die de functie toekent, telt zijn eigen "
                "afronders mee."
            )
            % {"function": target.function}
        )
    elif target.function_id:
        lines.append(
            _(
                "Alleen wie bij de afronding de functie %(function)s had, of die functie met "
                "de cursus kreeg."
            )
            % {"function": target.function}
        )
    return lines


def definitions_url() -> str:
    return reverse("reporting:definitions")


def definitions_absolute_url() -> str:
    return settings.SITE_URL.rstrip("/") + definitions_url()


def definitions_lines(targets) -> list[str]:
    """The statement for an export or a page: the general lines, then per target its own."""
    lines = list(general_definitions())
    for target in targets:
        lines.extend(f"{target.title}: {line}" for line in target_definitions(target))
    lines.append(_("Volledige definities: %(url)s") % {"url": definitions_absolute_url()})
    return lines


def page_definitions(reports) -> dict:
    """The statement a report page shows: the general lines and each report's own (from the
    TargetReport, which computed them with its figures)."""
    return {
        "general": general_definitions(),
        "targets": [(report.title, report.definitions) for report in reports],
    }
