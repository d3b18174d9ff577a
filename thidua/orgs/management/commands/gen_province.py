"""``thidua gen_province``: generate a synthetic province with people and memberships (for benchmarks)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.demo.province import LAST_HISTORY_YEAR, ProvinceExists, generate_province


class Command(BaseCommand):
    help = (
        "Sinh một tỉnh giả lập (đơn vị, cá nhân, quá trình công tác) để đo hiệu năng: "
        "thidua gen_province --units 3000 --people 150000 --seed 1 --years 10"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--units", type=int, default=3000, help=_("Số đơn vị (mặc định 3000)."))
        parser.add_argument("--people", type=int, default=150_000, help=_("Số cá nhân (mặc định 150000)."))
        parser.add_argument(
            "--seed", type=int, default=1, help=_("Hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu.")
        )
        parser.add_argument("--code", default="", help=_("Mã đơn vị của tỉnh (mặc định GEN<seed>)."))
        parser.add_argument("--two-tier", action="store_true",
                            help=_("Chính quyền hai cấp (từ 01/7/2025): xã, phường trực thuộc tỉnh."))  # fmt: skip
        parser.add_argument("--replace", action="store_true", help=_("Xóa tỉnh đã sinh cùng mã rồi sinh lại."))
        parser.add_argument("--years", type=int, default=0,
                            help=_("Số năm lịch sử (xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật) sinh kèm "
                                   "(mặc định 0: không sinh)."))  # fmt: skip
        parser.add_argument("--last-year", type=int, default=LAST_HISTORY_YEAR,
                            help=_("Năm cuối của lịch sử (mặc định %(year)d).")
                            % {"year": LAST_HISTORY_YEAR})  # fmt: skip
        parser.add_argument("--no-progress", action="store_true", help=_("Không hiện thanh tiến độ."))

    def handle(self, *args, **options) -> None:
        code = options["code"] or f"GEN{options['seed']}"
        if options["units"] < 1 or options["people"] < 0:
            raise CommandError(_("--units phải lớn hơn 0 và --people không được âm."))
        if not 0 <= options["years"] <= 50:
            raise CommandError(_("--years phải từ 0 đến 50."))
        try:
            report = generate_province(
                code=code, units=options["units"], people=options["people"], seed=options["seed"],
                two_tier=options["two_tier"], replace=options["replace"], years=options["years"],
                last_year=options["last_year"], progress=not options["no_progress"] and options["verbosity"] > 0,
            )  # fmt: skip
        except ProvinceExists:
            raise CommandError(
                _("Đã có đơn vị mã %(code)s. Dùng --replace để xóa và sinh lại, hoặc --code để chọn mã khác.")
                % {"code": code}
            ) from None
        except (LookupError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Đã sinh tỉnh %(code)s: %(units)d đơn vị, %(people)d cá nhân, %(memberships)d quá trình công tác, "
              "%(tokens)d từ khóa tên, trong %(seconds).1f giây.")
            % {"code": code, "units": report.units, "people": report.people, "memberships": report.memberships,
               "tokens": report.tokens, "seconds": report.seconds}
        )  # fmt: skip
        history = report.history
        if history is not None:
            self.stdout.write(
                _("Lịch sử %(first)d–%(last)d: %(ratings)d xếp loại, %(awards)d khen thưởng, %(initiatives)d sáng "
                  "kiến (%(authors)d tác giả), %(disciplines)d kỷ luật, trong %(seconds).1f giây.")
                % {"first": options["last_year"] - options["years"] + 1, "last": options["last_year"],
                   "ratings": history.ratings, "awards": history.awards, "initiatives": history.initiatives,
                   "authors": history.authors, "disciplines": history.disciplines, "seconds": history.seconds}
            )  # fmt: skip
        if options["verbosity"] > 1:
            for phase, seconds in report.timings.items():
                self.stdout.write(f"  {phase}: {seconds:.1f} s")
