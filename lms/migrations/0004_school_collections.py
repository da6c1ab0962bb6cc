"""Every existing school gets its own Wagtail collection (new schools get one from
``lms.services.school_create``): images and documents follow schools (issue 15)."""

from django.db import migrations


def create_school_collections(apps, schema_editor):
    from wagtail.models import Collection

    School = apps.get_model("lms", "School")
    root = Collection.get_first_root_node()
    if root is None:
        return
    for school in School.objects.filter(collection__isnull=True).order_by("pk"):
        collection = root.add_child(instance=Collection(name=school.name))
        School.objects.filter(pk=school.pk).update(collection_id=collection.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0003_learning_events_and_reading_positions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_school_collections, migrations.RunPython.noop),
    ]
