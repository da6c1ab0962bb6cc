"""The cognitive scales (3 and 4 levels) and the 2025 points of Part II (Đúng/Sai)."""

from decimal import Decimal

from django.db import migrations

SCALES = [
    (
        "gdpt2018-3-muc",
        "3 mức (Biết – Hiểu – Vận dụng)",
        True,
        [("biet", "Biết"), ("hieu", "Hiểu"), ("van_dung", "Vận dụng")],
    ),
    (
        "4-muc",
        "4 mức (Nhận biết – Thông hiểu – Vận dụng – Vận dụng cao)",
        False,
        [
            ("biet", "Nhận biết"),
            ("hieu", "Thông hiểu"),
            ("van_dung", "Vận dụng"),
            ("van_dung_cao", "Vận dụng cao"),
        ],
    ),
]
# Điểm phần II (Đúng/Sai) theo định dạng thi tốt nghiệp THPT từ 2025.
TRUE_FALSE = {1: "0.1", 2: "0.25", 3: "0.5", 4: "1"}


def seed(apps, schema_editor):
    Scale = apps.get_model("question_bank", "CognitiveScale")
    Level = apps.get_model("question_bank", "CognitiveLevel")
    Score = apps.get_model("question_bank", "TrueFalseScore")
    for code, name, default, levels in SCALES:
        scale, _ = Scale.objects.get_or_create(
            code=code, defaults={"name": name, "is_default": default}
        )
        for order, (level_code, level_name) in enumerate(levels):
            Level.objects.get_or_create(
                scale=scale, code=level_code, defaults={"name": level_name, "sort_order": order}
            )
    Score.objects.get_or_create(statements=4, correct=0, defaults={"fraction": Decimal("0")})
    for correct, fraction in TRUE_FALSE.items():
        Score.objects.get_or_create(
            statements=4, correct=correct, defaults={"fraction": Decimal(fraction)}
        )


class Migration(migrations.Migration):
    dependencies = [("question_bank", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
