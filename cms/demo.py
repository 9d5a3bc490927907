"""Site content every installation needs: privacy and accessibility statements."""

from cms.models import ContentPage, HomePage

PAGES = [
    (
        "privacy",
        "Privacyverklaring",
        "Welke gegevens het leerplatform over u bewaart, waarom, en hoe lang.",
        [
            (
                "paragraph",
                "<h2>Wie is verantwoordelijk</h2><p>Het programma Samen tegen "
                "mensenhandel is verwerkingsverantwoordelijke voor de gegevens op dit "
                "platform.</p>",
            ),
            (
                "paragraph",
                "<h2>Welke gegevens</h2><ul><li>Naam en e-mailadres, om u te laten "
                "inloggen en certificaten op uw naam te zetten.</li><li>Organisatie, beroepsgroep, "
                "functies en gemeente van werk, om te kunnen rapporteren hoeveel professionals per "
                "regio zijn getraind.</li><li>Uw voortgang, toetsresultaten en aanwezigheid, om te "
                "bepalen of u een cursus hebt afgerond.</li></ul>",
            ),
            (
                "paragraph",
                "<h2>Uw rechten</h2><p>U kunt al uw gegevens downloaden en uw account "
                "verwijderen via uw profiel. Na verwijdering blijft alleen een gepseudonimiseerde "
                "afronding bestaan, zodat de tellingen van het programma kloppen; die is niet naar "
                "u te herleiden.</p>",
            ),
        ],
    ),
    (
        "toegankelijkheid",
        "Toegankelijkheidsverklaring",
        "Dit leerplatform wil voor iedereen toegankelijk zijn.",
        [
            (
                "paragraph",
                "<p>Het programma Samen tegen mensenhandel streeft ernaar dat dit "
                "leerplatform voldoet aan de Web Content Accessibility Guidelines (WCAG) 2.1 op "
                "niveau AA, zoals de overheid voorschrijft.</p>",
            ),
            (
                "paragraph",
                "<h2>Hoe we dat toetsen</h2><p>Bij elke wijziging controleren "
                "geautomatiseerde tests in een echte browser de belangrijkste pagina's met "
                "axe-core, en doorlopen we een les en een toets met alleen het toetsenbord.</p>",
            ),
            (
                "paragraph",
                "<h2>Iets niet bruikbaar?</h2><p>Meld het ons, dan zoeken we binnen "
                "vijf werkdagen een oplossing.</p>",
            ),
        ],
    ),
]


def seed_site_pages() -> tuple[int, int]:
    """Create the statements that are missing. Returns (created, already present)."""
    home = HomePage.objects.first()
    created = existing = 0
    for slug, title, intro, body in PAGES:
        if ContentPage.objects.filter(slug=slug).exists():
            existing += 1
            continue
        page = ContentPage(slug=slug, title=title, intro=intro, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created, existing
