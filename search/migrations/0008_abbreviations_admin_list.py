"""Abbreviations become data librarians extend in the admin (``search.Abbreviation``),
seeded from ``search/data/abbreviations.yaml``."""

from django.db import migrations, models


def abbreviations_seed(apps, schema_editor):
    from search.synonyms import abbreviation_key, data_file_entries

    Abbreviation = apps.get_model("hoclieu_search", "Abbreviation")
    rows = {}
    for entry in data_file_entries():
        key = abbreviation_key(entry["abbreviation"])
        if key and entry["expansions"] and key not in rows:
            rows[key] = Abbreviation(
                abbreviation=entry["abbreviation"],
                key=key,
                expansions="\n".join(entry["expansions"]),
                subject=entry["subject"],
            )
    Abbreviation.objects.bulk_create(rows.values(), ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("hoclieu_search", "0007_vocabulary_by_audience"),
    ]

    operations = [
        migrations.CreateModel(
            name="Abbreviation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "abbreviation",
                    models.CharField(
                        help_text="Như giáo viên viết, ví dụ BĐT, HPT, CTPT (chữ hoa hay thường, có dấu hay không đều như nhau khi tìm).",
                        max_length=40,
                        verbose_name="từ viết tắt",
                    ),
                ),
                ("key", models.CharField(editable=False, max_length=40, unique=True)),
                (
                    "expansions",
                    models.TextField(
                        help_text="Mỗi dòng một cụm từ mà từ viết tắt thay cho, ví dụ “bất đẳng thức”.",
                        verbose_name="viết đầy đủ",
                    ),
                ),
                (
                    "subject",
                    models.CharField(
                        blank=True,
                        help_text="Để trống nếu dùng cho mọi môn.",
                        max_length=100,
                        verbose_name="môn",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "từ viết tắt",
                "verbose_name_plural": "từ viết tắt",
                "ordering": ["key"],
            },
        ),
        migrations.RunPython(abbreviations_seed, migrations.RunPython.noop),
    ]
