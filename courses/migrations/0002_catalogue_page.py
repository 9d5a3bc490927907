"""Create the catalogue (CourseIndexPage) at /cursussen/ under the home page."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _next_child_path(parent, Page):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by(
        "-path"
    ).first()
    if last is None:
        return parent.path + "0001"
    number = int(last.path[-4:], 36) + 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(4, "0")


def create_catalogue(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("cms", "HomePage")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")

    home = HomePage.objects.first()
    if home is None or CourseIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        model="courseindexpage", app_label="courses"
    )
    CourseIndexPage.objects.create(
        title="Cursussen",
        draft_title="Cursussen",
        slug="cursussen",
        content_type=content_type,
        path=_next_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "cursussen/",
        locale_id=home.locale_id,
        intro="<p>Alle trainingen en e-learnings van het programma, per doelgroep.</p>",
    )
    home_page = Page.objects.get(pk=home.pk)
    home_page.numchild += 1
    home_page.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial"), ("cms", "0002_site_root")]

    operations = [migrations.RunPython(create_catalogue, migrations.RunPython.noop)]
