"""The programme's targets as a checkout's demo shows them (seeded once, found on a second run).

Part of the demo data of reporting.demo; the targets name course codes of the demo courses
and, for the BUIT targets, the code under which the old BUIT platform's completions are
imported.
"""

from __future__ import annotations

from datetime import date

from accounts.models import Function, Profession
from reporting.models import Target

OLD_BUIT_CODE = "buit-extern"

TARGETS = [
    {
        "slug": "reclassering-250",
        "title": "250 reclasseringsmedewerkers getraind via de e-learning",
        "description": "Actieplan 2024–2026: 250 medewerkers van de reclassering volgen in "
        "2025–2026 de e-learning mensenhandel.",
        "course_codes": ["reclassering-mensenhandel"],
        "mode": Target.Mode.NUMBER,
        "target_number": 250,
        "period_start": date(2025, 1, 1),
        "deadline": date(2026, 12, 31),
    },
    {
        "slug": "buit-20000",
        "title": "20.000 professionals die met kinderen werken hebben basiskennis",
        "description": "Basiskennis over uitbuiting van minderjarigen via de BUIT-e-learning, "
        "op dit platform of op het oude BUIT-platform (geïmporteerd).",
        "course_codes": ["buit-basis", OLD_BUIT_CODE],
        "mode": Target.Mode.NUMBER,
        "target_number": 20000,
        "period_start": date(2024, 1, 1),
        "deadline": date(2026, 12, 31),
    },
    {
        "slug": "verdieping-1500",
        "title": "1.500 contactpersonen mensenhandel minderjarigen",
        "description": "Professionals die de verdiepende training mensenhandel minderjarigen "
        "volgden en als contactpersoon kunnen optreden.",
        "course_codes": ["verdieping-minderjarigen"],
        "mode": Target.Mode.NUMBER,
        "target_number": 1500,
        "period_start": date(2024, 1, 1),
        "deadline": date(2026, 12, 31),
    },
    {
        "slug": "buit-jeugdprofessionals",
        "title": "5.000 jeugdprofessionals hebben basiskennis",
        "description": "Van de BUIT-doelgroep de jeugdprofessionals: een doel met een filter op "
        "beroepsgroep.",
        "course_codes": ["buit-basis", OLD_BUIT_CODE],
        "mode": Target.Mode.NUMBER,
        "target_number": 5000,
        "profession": "jeugdprofessional",
        "period_start": date(2024, 1, 1),
        "deadline": date(2026, 12, 31),
    },
    {
        "slug": "ketenregisseurs-2026",
        "title": "Alle ketenregisseurs volgen de basistraining",
        "description": "In 2026 volgen alle ketenregisseurs mensenhandel dezelfde "
        "basistraining. De VNG volgt dit per regio.",
        "course_codes": ["basistraining-ketenregisseur"],
        "mode": Target.Mode.COVERAGE,
        "function": "ketenregisseur",
        "period_start": date(2026, 1, 1),
        "deadline": date(2026, 12, 31),
    },
    {
        "slug": "aandachtsfunctionarissen-2026",
        "title": "Alle aandachtsfunctionarissen getraind",
        "description": "In 2026 zijn alle aandachtsfunctionarissen mensenhandel getraind.",
        "course_codes": ["training-aandachtsfunctionaris"],
        "mode": Target.Mode.COVERAGE,
        "function": "aandachtsfunctionaris",
        "period_start": date(2026, 1, 1),
        "deadline": date(2026, 12, 31),
    },
]


def seed_targets() -> tuple[int, int]:
    created = existing = 0
    for data in TARGETS:
        if Target.objects.filter(slug=data["slug"]).exists():
            existing += 1
            continue
        data = dict(data)
        if "function" in data:
            data["function"] = Function.objects.get(slug=data["function"])
        if "profession" in data:
            data["profession"] = Profession.objects.get(slug=data["profession"])
        Target.objects.create(**data)
        created += 1
    return created, existing
