"""``thidua eligibility --year 2024 [--scope UNIT_CODE] [--award CODE] [--as-of YYYY-MM-DD] [--all]
--format json|csv``: who may be nominated for what, for a whole scope, from the set-based sweep.

The output is a stable contract, documented with its JSON Schema in docs/eligibility.md: the JSON is one object
(the question asked and its ``rows``); the CSV has a header row and the same columns as a JSON row.
"""

from __future__ import annotations

import csv
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.eligibility.engine import Status
from thidua.eligibility.models import Rule
from thidua.eligibility.suggestions import DEFAULT_STATUSES, suggestions
from thidua.orgs.models import OrgUnit

SCHEMA_ID = "urn:thidua:eligibility-sweep:1"
COLUMNS = ("award_code", "award_name", "recipient_kind", "person_id", "unit_id", "name", "unit_code", "unit_name",
           "period_kind", "year", "status", "rule_id")  # fmt: skip


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--as-of cần một ngày dạng YYYY-MM-DD, không phải “%(value)s”.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Danh sách cá nhân, tập thể đủ điều kiện (và cần xem xét) cho từng danh hiệu, hình thức khen thưởng của một "
        "năm, trong một đơn vị và các đơn vị trực thuộc. Kết quả dạng JSON hoặc CSV (docs/eligibility.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Năm xét (năm học ghi theo năm kết thúc).")
        parser.add_argument("--scope", help="Mã đơn vị: chỉ xét đơn vị này và các đơn vị trực thuộc.")
        parser.add_argument("--award", action="append", help="Mã khen thưởng (LDTT, CSTDCS …); có thể lặp lại.")
        parser.add_argument("--as-of", dest="as_of", help="Ngày xác định điều kiện đang áp dụng (YYYY-MM-DD).")
        parser.add_argument("--all", action="store_true", help="Gồm cả trường hợp không đủ điều kiện.")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args, **options) -> None:
        year = options["year"]
        if not 1900 <= year <= 2200:
            raise CommandError(_("--year không hợp lệ: %(year)s.") % {"year": year})
        scope_unit = None
        if options["scope"]:
            scope_unit = OrgUnit.objects.filter(code=options["scope"]).first()
            if scope_unit is None:
                raise CommandError(_("Không có đơn vị mã “%(code)s”.") % {"code": options["scope"]})
        award_codes = options["award"] or None
        for code in award_codes or []:
            if not Rule.objects.filter(award_code=code).exists():
                raise CommandError(_("Không có điều kiện khen thưởng nào cho mã “%(code)s”.") % {"code": code})
        as_of = _date(options["as_of"]) if options["as_of"] else None
        statuses = tuple(Status.values) if options["all"] else DEFAULT_STATUSES
        found = suggestions(year=year, scopes=[scope_unit], award_codes=award_codes, statuses=statuses, as_of=as_of)
        rows = [item.as_dict() for item in found]
        if options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
            return
        document = {
            "schema": SCHEMA_ID,
            "year": year,
            "scope": {"code": scope_unit.code, "name": scope_unit.name} if scope_unit else None,
            "awards": award_codes,
            "as_of": as_of.isoformat() if as_of else None,
            "statuses": list(statuses),
            "count": len(rows),
            "rows": rows,
        }
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
