from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curriculum.loader import CurriculumError, curriculum_load_files


class Command(BaseCommand):
    help = "Nạp chương trình GDPT 2018 từ tệp YAML (mặc định: curriculum/data/*.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)

    def handle(self, *args, paths, **options):
        try:
            results = curriculum_load_files(paths=paths or None)
        except (CurriculumError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for r in results:
            self.stdout.write(
                f"{r.subject} lớp {r.grade}: {r.topics} chương, {r.lessons} bài, {r.outcomes} yêu cầu cần đạt"
            )
