# Paper bundles and question-import uploads move to the private root (PRIVATE_MEDIA_ROOT,
# outside MEDIA_ROOT); question images stay public (issue 15, findings 1 and 2).

from django.db import migrations, models

import common.storage

# Folder under MEDIA_ROOT -> folder under PRIVATE_MEDIA_ROOT holding the same stored names.
MOVES = {"papers": "papers", "question_imports": "question_imports"}


def move_files(apps, schema_editor):
    common.storage.move_into_private_root(MOVES)


class Migration(migrations.Migration):
    dependencies = [
        ("question_bank", "0003_exam_matrix_and_papers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="upload",
            field=models.FileField(
                storage=common.storage.private_storage, upload_to="question_imports/%Y/%m"
            ),
        ),
        migrations.AlterField(
            model_name="paper",
            name="output",
            field=models.FileField(
                blank=True, storage=common.storage.private_storage, upload_to="papers/%Y/%m"
            ),
        ),
        migrations.AlterField(
            model_name="questionimage",
            name="file",
            field=models.FileField(
                storage=common.storage.public_storage, upload_to="question_images/%Y/%m"
            ),
        ),
        migrations.RunPython(move_files, migrations.RunPython.noop, elidable=True),
    ]
