# Library files, Wagtail documents and original images move to the private root
# (PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT); covers stay public (issue 15, finding 1).

from django.db import migrations, models

import common.storage
import content.library_models

# Folder under MEDIA_ROOT -> folder under PRIVATE_MEDIA_ROOT holding the same stored names.
MOVES = {
    "private/library": "library",  # the old PrivateStorage was MEDIA_ROOT/private
    "documents": "documents",  # Wagtail documents (default storage, now the private root)
    "original_images": "original_images",  # Wagtail original images (idem)
}


def move_files(apps, schema_editor):
    common.storage.move_into_private_root(MOVES)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_takedown_revision"),
    ]

    operations = [
        migrations.AlterField(
            model_name="libraryitem",
            name="cover",
            field=models.ImageField(
                blank=True,
                max_length=255,
                storage=common.storage.public_storage,
                upload_to="library/covers/",
                verbose_name="ảnh bìa",
            ),
        ),
        migrations.AlterField(
            model_name="libraryitem",
            name="file",
            field=models.FileField(
                blank=True,
                max_length=255,
                storage=common.storage.private_storage,
                upload_to=content.library_models.library_upload_to,
                verbose_name="tệp",
            ),
        ),
        migrations.RunPython(move_files, migrations.RunPython.noop, elidable=True),
    ]
