"""``thidua seed_demo``: load the catalog and the Hải Phòng demo of 2021, then print one demo account per role."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.demo.seed import format_accounts, seed_demo


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu Hải Phòng năm 2021 (đơn vị, cá nhân, cụm khối thi đua, tài khoản mẫu theo từng vai trò). "
        "Chạy lại chỉ in danh sách tài khoản."
    )

    def handle(self, *args, **options) -> None:
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
