import logging
from contextlib import contextmanager
from email.generator import BytesGenerator
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from common.db import statistics_refresh
from demo.assignments import teaching_demo_line
from demo.exams import exam_demo_line
from demo.materials import content_summary
from demo.packages import packages_demo_line
from demo.people import ADMIN_URL, DEMO_PASSWORD, SITE_SIGN_IN_URL, demo_logins
from demo.seed import seed_demo
from search.maintenance import rebuild
from search.signals import paused

#: Where the workflow notifications sent while seeding are kept (not echoed to the console).
EMAIL_FILE = Path("build") / "demo-emails.txt"
SERVER = "http://127.0.0.1:8000"


@contextmanager
def _quiet_seed():
    """While seeding: e-mails go to memory (then to :data:`EMAIL_FILE`), and the INFO and
    WARNING lines of tasks, Celery, Wagtail… are not logged; errors still are.

    Yields the list the sent e-mails are appended to."""
    outbox = getattr(mail, "outbox", None)
    mail.outbox = []
    previous_disable = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield mail.outbox
    finally:
        logging.disable(previous_disable)
        sent = mail.outbox
        if outbox is None:
            del mail.outbox
        else:
            mail.outbox = outbox
            outbox.extend(sent)


def _write_emails(messages, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for message in messages:
            BytesGenerator(out).flatten(message.message())
            out.write(b"\n" + b"-" * 79 + b"\n")


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
        steps = iter(range(1, 7))

        def progress(step: str) -> None:
            self.stdout.write(f"[{next(steps)}/6] {step}")

        with _quiet_seed() as sent:
            # One bulk rebuild of the search index instead of a task per object.
            with paused():
                summary = seed_demo(seed=seed, progress=progress)
            if summary.created:
                progress("Chỉ mục tìm kiếm…")
            report = rebuild()
        # Planner statistics of every seeded table (SQLite has none until ANALYZE).
        statistics_refresh()
        self.stdout.write(
            self.style.SUCCESS(
                "Đã tạo dữ liệu mẫu." if summary.created else "Dữ liệu mẫu đã có sẵn."
            )
        )
        self.stdout.write(content_summary().line())
        if line := packages_demo_line():
            self.stdout.write(line)
        if line := teaching_demo_line():
            self.stdout.write(line)
        self.stdout.write(
            f"Tìm kiếm: {sum(report['documents'].values())} tài liệu được lập chỉ mục "
            f"(search documents indexed), {report['words']} từ."
        )
        if sent:
            path = Path(settings.BASE_DIR) / EMAIL_FILE
            _write_emails(sent, path)
            self.stdout.write(
                f"Thư thông báo: {len(sent)} thư gửi trong lúc tạo dữ liệu, lưu ở {EMAIL_FILE} "
                f"(notification e-mails, not sent)."
            )
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Đăng nhập (Sign in) — mật khẩu: {DEMO_PASSWORD}"))
        self.stdout.write(f"  Trang đăng nhập (mọi vai trò): {SERVER}{SITE_SIGN_IN_URL}")
        self.stdout.write(
            f"  Trang quản trị (mọi vai trò trừ học sinh): {SERVER}{ADMIN_URL} "
            f"(staff roles; students use {SITE_SIGN_IN_URL})"
        )
        # Above the rows, which end the report: how to try the online exam with them.
        if line := exam_demo_line():
            self.stdout.write(f"  {line}")
        for row in demo_logins():
            self.stdout.write(
                f"  {row.label:<45} {row.username:<15} {row.password:<12} {row.sign_in_url}"
            )
