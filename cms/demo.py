"""Site content pages every installation starts with."""

from cms.models import ContentPage, HomePage

# Site content pages seeded into a fresh installation, as (slug, title, intro, body). The
# privacy and accessibility statements are not here: they are views (cms/statements.py), because
# they describe how the software behaves and the latest accessibility check.
PAGES: list[tuple[str, str, str, list[tuple[str, str]]]] = []


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
