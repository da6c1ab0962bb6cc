"""Wagtail names the root page and the root collection "Root"; the admin's explorer,
breadcrumbs and the image and document choosers show them to every editor, so they get
Vietnamese names."""

from django.db import migrations


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
        ("content", "0007_question_reveal_after_attempts"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(title_root, untitle_root)]
