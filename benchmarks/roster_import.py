"""Time the bulk roster import of N students (default 2,000) into a fresh database.

Runs against whatever DATABASE_URL names (SQLite by default) in a throw-away test
database, prints rows, seconds and rows per second. Usage:
    .venv/bin/python benchmarks/roster_import.py --students 2000
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import use_bench_name
    from django.db import connection
    from django.test.utils import get_runner  # noqa: F401 - makes test DB helpers importable
    from openpyxl import Workbook

    use_bench_name("roster_import")
    creation = connection.creation
    old_name = creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from accounts.models import Department, Role, SchoolLevel, SchoolYear
        from accounts.roster.importer import roster_import
        from accounts.services import school_class_create, school_create, user_create

        year = SchoolYear.objects.create(
            name="2025-2026", start_date="2025-09-05", end_date="2026-05-31", is_current=True
        )
        department = Department.objects.create(name="Sở GD&ĐT Ninh Bình", code="NB")
        school = school_create(
            department=department,
            name="Trường THPT Nguyễn Huệ",
            code="27001",
            level=SchoolLevel.UPPER_SECONDARY,
        )
        classes = [f"10A{i}" for i in range(1, 11)]
        for name in classes:
            school_class_create(school=school, school_year=year, name=name, grade=10)
        admin = user_create(
            username="qt", full_name="Quản Trị", role=Role.SCHOOL_ADMIN, school=school
        )
        header = ["Mã trường", "Lớp", "Họ và tên", "Mã định danh", "Ngày sinh", "Giới tính", "CCCD"]
        rows = [header] + [
            [
                "27001",
                classes[i % 10],
                f"Nguyễn Thị Học Sinh {i}",
                f"27{i + 1:08d}",
                "15/09/2009",
                "Nữ",
                f"037309{i:06d}",
            ]
            for i in range(args.students)
        ]
        if args.format == "xlsx":
            workbook = Workbook()
            for row in rows:
                workbook.active.append(row)
            buffer = io.BytesIO()
            workbook.save(buffer)
            data, filename = buffer.getvalue(), "ds.xlsx"
        else:
            data = "\n".join(",".join(r) for r in rows).encode()
            filename = "ds.csv"
        started = time.perf_counter()
        report = roster_import(kind="students", data=data, filename=filename, actor=admin)
        elapsed = time.perf_counter() - started
        if not report.ok or report.created != args.students:
            raise SystemExit(f"import failed: {[str(e) for e in report.errors[:3]]}")
        print(
            f"roster import: {report.created} students ({args.format}, "
            f"{connection.vendor}) in {elapsed:.2f} s = {report.created / elapsed:.0f} rows/s"
        )
    finally:
        creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
