"""``thidua verify_audit``: recompute the audit hash chain; a non-zero exit when any entry was changed or removed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.audit.sealing import verify_chain


class Command(BaseCommand):
    help = _("Kiểm tra chuỗi niêm phong của nhật ký: báo mọi mục bị sửa, bị xóa hoặc chưa được niêm phong.")

    def handle(self, *args, **options) -> None:
        report = verify_chain()
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("Nhật ký KHÔNG toàn vẹn: %(count)d vấn đề.") % {"count": len(report.problems)}, returncode=1
            )
        message = _("Nhật ký toàn vẹn: %(count)d mục đã niêm phong") % {"count": report.sealed}
        if report.pending:
            message += _(" (%(pending)d mục mới đang chờ niêm phong)") % {"pending": report.pending}
        self.stdout.write(message)
