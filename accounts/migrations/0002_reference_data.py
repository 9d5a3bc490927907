"""Reference data: functions, professions, region kinds, municipalities and regions.

Sources of the municipality and region files are named in accounts/data/BRON.md (CBS, Gebieden
in Nederland 2025; indeling veiligheidsregio's; RIEC-indeling). Loading is idempotent.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"

FUNCTIONS = [
    ("ketenregisseur", "Ketenregisseur mensenhandel"),
    ("aandachtsfunctionaris", "Aandachtsfunctionaris mensenhandel"),
    ("zorgcoordinator", "Zorgcoördinator mensenhandel"),
    ("reclasseringswerker", "Reclasseringswerker"),
    ("professional-kinderen", "Professional die werkt met kinderen"),
    ("contactpersoon-minderjarigen", "Contactpersoon mensenhandel minderjarigen"),
]

PROFESSIONS = [
    ("jeugdprofessional", "Jeugdprofessional"),
    ("leerkracht", "Leerkracht of docent"),
    ("reclasseringswerker", "Reclasseringswerker"),
    ("beleidsmedewerker", "Beleidsmedewerker gemeente"),
    ("politie", "Politiemedewerker"),
    ("arts", "Arts of jeugdarts"),
    ("verpleegkundige", "(Jeugd)verpleegkundige"),
    ("maatschappelijk-werker", "Maatschappelijk werker"),
    ("zorgcoordinator", "Zorgcoördinator"),
    ("wijkteammedewerker", "Medewerker wijkteam"),
    ("overig", "Overig"),
]

REGION_KINDS = [
    ("riec", "RIEC-regio"),
    ("veiligheidsregio", "Veiligheidsregio"),
    ("zorgcoordinatorregio", "Zorgcoördinatorregio (centrumgemeente)"),
]


def read_csv(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    Function = apps.get_model("accounts", "Function")
    Profession = apps.get_model("accounts", "Profession")
    RegionKind = apps.get_model("accounts", "RegionKind")
    Region = apps.get_model("accounts", "Region")
    Municipality = apps.get_model("accounts", "Municipality")

    for slug, name in FUNCTIONS:
        Function.objects.update_or_create(slug=slug, defaults={"name": name})
    for slug, name in PROFESSIONS:
        Profession.objects.update_or_create(slug=slug, defaults={"name": name})
    kinds = {}
    for slug, name in REGION_KINDS:
        kinds[slug], _ = RegionKind.objects.update_or_create(slug=slug, defaults={"name": name})

    riec = {}
    for row in read_csv("riec_regios.csv"):
        riec[row["slug"]], _ = Region.objects.update_or_create(
            kind=kinds["riec"], code=row["slug"], defaults={"name": row["naam"]}
        )
    veiligheidsregios, riec_of = {}, {}
    for row in read_csv("veiligheidsregios.csv"):
        veiligheidsregios[row["code"]], _ = Region.objects.update_or_create(
            kind=kinds["veiligheidsregio"], code=row["code"].lower(), defaults={"name": row["naam"]}
        )
        riec_of[row["code"]] = riec[row["riec_regio"]]
    for row in read_csv("gemeenten.csv"):
        municipality, _ = Municipality.objects.update_or_create(
            cbs_code=row["cbs_code"], defaults={"name": row["naam"]}
        )
        veiligheidsregios[row["veiligheidsregio_code"]].municipalities.add(municipality)
        riec_of[row["veiligheidsregio_code"]].municipalities.add(municipality)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
