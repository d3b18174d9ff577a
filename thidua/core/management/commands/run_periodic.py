"""``thidua run_periodic``: run every scheduled task once (from cron, every few minutes)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.periodic import registered, run_all


class Command(BaseCommand):
    help = _("Chạy một lần mọi tác vụ định kỳ (niêm phong nhật ký, nhắc việc, kiểm tra hạn).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("names", nargs="*", help=_("chỉ chạy các tác vụ này"))
        parser.add_argument("--list", action="store_true", help=_("liệt kê các tác vụ định kỳ rồi thoát"))

    def handle(self, *args, **options) -> None:
        names: list[str] = options["names"]
        if options["list"]:
            for name in registered():
                self.stdout.write(name)
            return
        try:
            results = run_all(names or None)
        except KeyError as error:
            raise CommandError(error.args[0]) from error
        for result in results:
            line = f"{result.name}: {result.message}"
            if result.ok:
                self.stdout.write(line)
            else:
                self.stderr.write(line)
        failed = [result.name for result in results if not result.ok]
        if failed:
            raise CommandError(_("Tác vụ định kỳ bị lỗi: %(names)s") % {"names": ", ".join(failed)}, returncode=1)
