"""The site's home page in place of Wagtail's "Welcome" page, and Vietnamese names for the
root page and the root collection (the admin's explorer, breadcrumbs and choosers show them
to every editor)."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("content.HomePage")

    # Replace Wagtail's placeholder "Welcome" page with our home page.
    Page.objects.filter(id=2, depth=2).delete()
    homepage_content_type, _ = ContentType.objects.get_or_create(
        model="homepage", app_label="content"
    )
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Học liệu số",
        draft_title="Học liệu số",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro="<p>Kho học liệu số dùng chung theo Chương trình GDPT 2018.</p>",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": homepage, "site_name": "Học liệu số"},
    )


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("content.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="content").delete()


def title_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title="Gốc", draft_title="Gốc")
    Collection.objects.filter(depth=1, name="Root").update(name="Dùng chung")


def untitle_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Gốc").update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1, name="Dùng chung").update(name="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [
        migrations.RunPython(create_homepage, remove_homepage),
        migrations.RunPython(title_root, untitle_root),
    ]
