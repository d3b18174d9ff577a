"""``thidua seed_demo``: load the catalog and the Hải Phòng demo of 2021, then print one demo account per role."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.demo.seed import format_accounts, seed_demo


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu Hải Phòng năm 2021 (đơn vị, cá nhân, cụm khối thi đua, tài khoản mẫu theo từng vai trò). "
        "Chạy lại chỉ in danh sách tài khoản."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Tạo cả khi DEBUG tắt (tài khoản mẫu có mật khẩu công khai)."
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            # The demo accounts share a published password, one of them a superuser: never on a real server.
            raise CommandError(
                _(
                    "Không tạo dữ liệu mẫu khi DEBUG tắt: các tài khoản mẫu dùng mật khẩu công khai. "
                    "Dùng --force nếu chắc chắn."
                )
            )
        started = time.perf_counter()
        ran = seed_demo(self.stdout)
        if ran:
            self.stdout.write(
                _("Đã tạo dữ liệu mẫu Hải Phòng trong %(seconds).1f giây.") % {"seconds": time.perf_counter() - started}
            )
        else:
            self.stdout.write(_("Dữ liệu mẫu Hải Phòng đã có sẵn."))
        self.stdout.write("")
        self.stdout.write(_("Tài khoản mẫu:"))
        self.stdout.write(format_accounts())
