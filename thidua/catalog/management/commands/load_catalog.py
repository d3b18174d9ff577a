"""``thidua load_catalog``: load the reference data and the award catalog from the YAML files (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.catalog.loader import CREATED, UNCHANGED, UPDATED, CatalogDataError, LoadReport, load_catalog


def summary_lines(report: LoadReport) -> list[str]:
    lines = [_("Nạp danh mục khen thưởng và dữ liệu tham chiếu:")]
    for model, counter in report.counts.items():
        lines.append(
            _("  %(what)s: %(total)d (mới %(created)d, cập nhật %(updated)d, giữ nguyên %(unchanged)d)")
            % {
                "what": str(model._meta.verbose_name_plural).capitalize(),
                "total": sum(counter.values()),
                "created": counter[CREATED],
                "updated": counter[UPDATED],
                "unchanged": counter[UNCHANGED],
            }
        )
    if report.changed:
        lines.append(
            _("Xong: %(created)d mục mới, %(updated)d mục cập nhật.")
            % {"created": report.total(CREATED), "updated": report.total(UPDATED)}
        )
    else:
        lines.append(_("Xong: danh mục đã đúng với dữ liệu, không có gì thay đổi."))
    return lines


class Command(BaseCommand):
    help = (
        "Nạp lĩnh vực, loại đơn vị, dân tộc, vai trò và danh mục khen thưởng từ các tệp YAML "
        "(chạy lại không thay đổi gì)."
    )

    def handle(self, *args, **options) -> None:
        try:
            report = load_catalog()
        except CatalogDataError as error:
            raise CommandError(_("Tệp dữ liệu không hợp lệ: %(error)s") % {"error": error}) from error
        self.stdout.write("\n".join(summary_lines(report)))
