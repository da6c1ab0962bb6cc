from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.demo import content_summary
from lms.demo import seed_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu tiếng Việt (Sở, Phòng, trường, lớp, giáo viên, học sinh, bài học)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, seed, **options):
        # Every demo account shares one published password: fine for the demo, never on a
        # real server. Only the dev and test settings allow it.
        if not settings.HOCLIEU_ALLOW_DEMO_SEED:
            raise CommandError(
                "Không tạo dữ liệu mẫu ở môi trường này: các tài khoản mẫu dùng chung một mật "
                "khẩu công khai. Chỉ chạy seed_demo với config.settings.dev "
                "(the demo seed is refused by these settings)."
            )
        from search.maintenance import rebuild
        from search.signals import paused

        # One bulk rebuild of the search index instead of a task per object.
        with paused():
            summary = seed_demo(seed=seed)
        report = rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                "Đã tạo dữ liệu mẫu." if summary.created else "Dữ liệu mẫu đã có sẵn."
            )
        )
        self.stdout.write(content_summary().line())
        self.stdout.write(
            f"Tìm kiếm: {sum(report['documents'].values())} tài liệu được lập chỉ mục "
            f"(search documents indexed), {report['words']} từ."
        )
        self.stdout.write("Đăng nhập tại http://127.0.0.1:8000/admin/ (Login at /admin/):")
        for label, username, password in summary.logins:
            self.stdout.write(f"  {label:<45} {username:<22} {password}")
