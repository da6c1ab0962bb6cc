"""``manage.py seed_demo`` where the demo app is not installed (production): refused.

The demo seed and its data live in the ``demo`` app, which only the dev and test settings
install, first, so that its own ``seed_demo`` command takes precedence over this one. Here
the command only says why there is no demo, instead of Django's "Unknown command"; it
touches nothing (no database connection).
"""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Dữ liệu mẫu chỉ có với config.settings.dev (the demo app is not installed here)."

    def handle(self, *args, **options):
        raise CommandError(
            "Không tạo dữ liệu mẫu ở môi trường này: các tài khoản mẫu dùng chung một mật "
            "khẩu công khai. Chỉ chạy seed_demo với config.settings.dev "
            "(the demo app is not installed by these settings)."
        )
