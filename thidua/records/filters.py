"""Filters of the history API (``?person=``, ``?unit=``, ``?year=``, ``?award_code=`` …). A person or a unit a
filter names must be visible to the caller: an id outside their scope is refused like one that does not exist
(400, naming the filter)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from thidua.accounts.scoping import scoped
from thidua.catalog.models import CommendationKind
from thidua.orgs.models import OrgUnit, PeriodKind, Person
from thidua.records.enums import DisciplineKind, DisciplineStatus, InitiativeKind, RatingLevel, RecognitionLevel
from thidua.records.models import Award, Discipline, Initiative, Rating


def visible_people(request) -> QuerySet[Person]:
    return scoped(Person, request.user) if request is not None else Person.objects.none()


def visible_units(request) -> QuerySet[OrgUnit]:
    return scoped(OrgUnit, request.user) if request is not None else OrgUnit.objects.none()


class SubjectFilter(filters.FilterSet):
    person = filters.ModelChoiceFilter(queryset=visible_people, label=_("Cá nhân (mã số)"))
    unit = filters.ModelChoiceFilter(queryset=visible_units, label=_("Tập thể (mã số): bản ghi của chính đơn vị"))
    year = filters.NumberFilter(label=_("Năm (năm học ghi theo năm kết thúc)"))
    period_kind = filters.ChoiceFilter(choices=PeriodKind.choices, label=_("Loại kỳ: calendar hoặc school"))


class RatingFilter(SubjectFilter):
    level = filters.ChoiceFilter(choices=RatingLevel.choices, label=_("Mức xếp loại"))

    class Meta:
        model = Rating
        fields = ["person", "unit", "year", "period_kind", "level"]


class AwardFilter(SubjectFilter):
    award_code = filters.CharFilter(method="filter_award_code",
                                    label=_("Mã danh hiệu, hình thức; nhiều mã cách nhau bằng dấu phẩy"))  # fmt: skip
    commendation_kind = filters.ChoiceFilter(choices=CommendationKind.choices, label=_("Loại hình khen thưởng"))
    counts_toward_merit = filters.BooleanFilter(label=_("Tính cho khen thưởng công trạng"))

    class Meta:
        model = Award
        fields = ["person", "unit", "year", "period_kind", "award_code", "commendation_kind", "counts_toward_merit"]

    def filter_award_code(self, queryset: QuerySet[Award], name: str, value: str) -> QuerySet[Award]:
        codes = [code.strip() for code in value.split(",") if code.strip()]
        return queryset.filter(award_code__in=codes)


class InitiativeFilter(filters.FilterSet):
    person = filters.ModelChoiceFilter(queryset=visible_people, method="filter_person", label=_("Tác giả (mã số)"))
    unit = filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị áp dụng (mã số)"))
    year = filters.NumberFilter(label=_("Năm công nhận"))
    kind = filters.ChoiceFilter(choices=InitiativeKind.choices, label=_("Loại"))
    level = filters.ChoiceFilter(choices=RecognitionLevel.choices, label=_("Phạm vi công nhận"))
    backed = filters.BooleanFilter(
        field_name="backed_award", lookup_expr="isnull", exclude=True,
        label=_("Đã làm căn cứ cho một khen thưởng"),
    )  # fmt: skip

    class Meta:
        model = Initiative
        fields = ["person", "unit", "year", "kind", "level", "backed"]

    def filter_person(self, queryset: QuerySet[Initiative], name: str, value: Person) -> QuerySet[Initiative]:
        return queryset.filter(authorships__person=value)


class DisciplineFilter(SubjectFilter):
    status = filters.ChoiceFilter(choices=DisciplineStatus.choices, label=_("Tình trạng"))
    kind = filters.ChoiceFilter(choices=DisciplineKind.choices, label=_("Hình thức kỷ luật"))

    class Meta:
        model = Discipline
        fields = ["person", "unit", "year", "period_kind", "status", "kind"]
