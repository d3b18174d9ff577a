"""The JSON of the reports (/api/v1/reports/…): the report dicts of ``thidua.reports.queries``, field by field, so
the schema documents them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from thidua.core.api import Serializer


class ReportCountsSerializer(Serializer):
    collective = serializers.IntegerField(help_text=_("Tập thể"))
    individual = serializers.IntegerField(help_text=_("Cá nhân"))
    household = serializers.IntegerField(help_text=_("Hộ gia đình"))
    total = serializers.IntegerField(help_text=_("Tổng số"))


class ReportTypeRowSerializer(ReportCountsSerializer):
    code = serializers.CharField(help_text=_("Mã danh hiệu, hình thức (LDTT, BK_TINH …)"))
    name = serializers.CharField()
    level = serializers.CharField(help_text=_("Cấp: state, province, grassroots"))
    kind = serializers.CharField()


class ReportLevelRowSerializer(ReportCountsSerializer):
    level = serializers.CharField()
    label = serializers.CharField()


class ReportRecipientRowSerializer(Serializer):
    kind = serializers.CharField(help_text=_("collective, individual, household"))
    label = serializers.CharField()
    count = serializers.IntegerField()


class ReportUnitRowSerializer(Serializer):
    unit_id = serializers.IntegerField(allow_null=True, help_text=_("Đơn vị cấp trên cùng trong phạm vi; null: chưa "
                                                                    "xác định"))  # fmt: skip
    name = serializers.CharField()
    individual = serializers.IntegerField()
    collective_or_household = serializers.IntegerField()
    total = serializers.IntegerField()


class ReportShareSerializer(Serializer):
    key = serializers.CharField(help_text=_("direct_workers, women, ethnic_minorities, leaders, staff"))
    label = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField(help_text=_("Số khen thưởng cá nhân"))
    percent = serializers.FloatField(allow_null=True)


class ReportMoneyRowSerializer(Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    items = serializers.IntegerField()
    amount = serializers.IntegerField(help_text=_("Tiền thưởng (đồng)"))


class ReportMoneySerializer(Serializer):
    total = serializers.IntegerField(help_text=_("Tổng tiền thưởng (đồng) theo quyết định đã ký"))
    items = serializers.IntegerField()
    by_type = ReportMoneyRowSerializer(many=True)


class ReportObligationSerializer(Serializer):
    kind = serializers.CharField(help_text=_("plan, registration, report"))
    label = serializers.CharField()
    total = serializers.IntegerField()
    answered = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()
    not_due = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)


class ReportComplianceSerializer(Serializer):
    movement_id = serializers.IntegerField()
    title = serializers.CharField()
    units = serializers.IntegerField()
    obligations = ReportObligationSerializer(many=True)


class ReportYearOnYearSerializer(Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    current = serializers.IntegerField()
    previous = serializers.IntegerField()
    change = serializers.IntegerField()


class ReportTrendSerializer(Serializer):
    year = serializers.IntegerField()
    total = serializers.IntegerField()


class ReportBreakdownSerializer(Serializer):
    total = serializers.IntegerField()
    by_type = ReportTypeRowSerializer(many=True)
    by_level = ReportLevelRowSerializer(many=True)
    by_recipient = ReportRecipientRowSerializer(many=True)
    by_unit = ReportUnitRowSerializer(many=True)
    shares = ReportShareSerializer(many=True)
    money = ReportMoneySerializer()


class YearReportSerializer(ReportBreakdownSerializer):
    year = serializers.IntegerField()
    basis = serializers.CharField(help_text=_("window: 01/12 năm trước – 30/11; calendar: 01/01 – 31/12"))
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()
    year_on_year = ReportYearOnYearSerializer(many=True)
    trend = ReportTrendSerializer(many=True)
    compliance = ReportComplianceSerializer(many=True)
    more_movements = serializers.BooleanField()


class MovementReportSerializer(ReportBreakdownSerializer):
    movement_id = serializers.IntegerField()
    title = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    compliance = ReportComplianceSerializer()
