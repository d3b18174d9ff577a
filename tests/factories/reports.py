"""Factories and small scenes for the official statistics forms (Biểu 0601–0603): the award types of the forms'
columns, awards and movements with the attributes the forms count, and the forms' specs loaded from the YAML."""

from __future__ import annotations

import datetime as dt

from tests.factories.catalog import AuthorityFactory, AuthorityKindFactory, AwardTypeFactory
from tests.factories.movements import MovementFactory
from tests.factories.orgs import ClusterFactory, PersonFactory, UnitKindFactory
from tests.factories.records import AwardFactory
from thidua.catalog.loader import load_catalog
from thidua.catalog.models import AwardType
from thidua.movements.enums import MovementState
from thidua.movements.models import Covenant, UnitPlan
from thidua.orgs.models import Household
from thidua.reports.models import ReportFormSpec
from thidua.reports.official import FORMS_DIR

# code: (name, short name, kind, level, recipient kinds)
AWARD_TYPES = {
    "BK_TINH": ("Bằng khen của Chủ tịch UBND cấp tỉnh", "Bằng khen tỉnh", "form", "province"),
    "CSTD_TINH": ("Chiến sĩ thi đua cấp tỉnh", "CSTĐ cấp tỉnh", "title", "province"),
    "CO_TD_TINH": ("Cờ thi đua cấp tỉnh", "Cờ thi đua tỉnh", "title", "province"),
    "KNC": ("Kỷ niệm chương", "Kỷ niệm chương", "form", "province"),
    "TTLDXS": ("Tập thể lao động xuất sắc", "TTLĐXS", "title", "province"),
    "HCLD3": ("Huân chương Lao động hạng Ba", "HCLĐ hạng Ba", "order", "state"),
    "BK_TTG": ("Bằng khen của Thủ tướng Chính phủ", "Bằng khen TTg", "form", "state"),
    "CO_TD_CP": ("Cờ thi đua của Chính phủ", "Cờ thi đua CP", "title", "state"),
    "AHLD": ("Anh hùng Lao động", "AHLĐ", "honour", "state"),
    "CSTD_TQ": ("Chiến sĩ thi đua toàn quốc", "CSTĐ toàn quốc", "title", "state"),
    "LDTT": ("Lao động tiên tiến", "LĐTT", "title", "grassroots"),
}


def load_forms() -> None:
    """The forms' specs as ``thidua load_catalog`` seeds them."""
    load_catalog(sorted(FORMS_DIR.glob("*.yaml")))


def award_type(code: str) -> AwardType:
    existing = AwardType.objects.filter(code=code).first()
    if existing is not None:
        return existing
    name, short_name, kind, level = AWARD_TYPES[code]
    return AwardTypeFactory(code=code, name=name, short_name=short_name, kind=kind, level=level,
                            recipient_kinds=["individual", "collective", "household"])  # fmt: skip


def award(code: str, on: dt.date, *, person=None, unit=None, household=None, **fields):
    """An award of type ``code`` decided on ``on`` to one recipient (a new person when none is given)."""
    if person is None and unit is None and household is None:
        person = PersonFactory()
    return AwardFactory(award_type=award_type(code), person=person, unit=unit, household=household, year=on.year,
                        decision_date=on, **fields)  # fmt: skip


def household(unit, name: str = "Hộ ông Nguyễn Văn An") -> Household:
    return Household.objects.create(name=name, unit=unit)


def enterprise_under(parent, name: str = "Công ty Cổ phần Cảng Hải Phòng"):
    from tests.factories.orgs import OrgUnitFactory

    kind = UnitKindFactory(code="enterprise", name="Doanh nghiệp", level=3)
    return OrgUnitFactory(name=name, kind=kind, parent=parent)


def central_body(name: str = "Văn phòng Chính phủ"):
    from tests.factories.orgs import OrgUnitFactory

    return OrgUnitFactory(name=name, kind=UnitKindFactory(code="central", name="Cơ quan trung ương", level=0))


def authority(kind_code: str, level: str, unit):
    kind = AuthorityKindFactory(code=kind_code, name=kind_code, level=level)
    return AuthorityFactory(kind=kind, unit=unit)


def movement(issuer, *, authority=None, kind="thematic", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
             document_date=dt.date(2024, 1, 10), state=MovementState.LAUNCHED, **fields):  # fmt: skip
    return MovementFactory(issuer_unit=issuer, issuing_authority=authority, kind=kind, period_start=start,
                           period_end=end, document_date=document_date, state=state, **fields)  # fmt: skip


def answered_by(movement, unit) -> UnitPlan:
    """The unit owes the movement a plan (a movement launched above is then seen from the unit)."""
    return UnitPlan.objects.create(movement=movement, unit=unit)


def run_by_cluster(movement, organiser, year: int = 2024) -> Covenant:
    cluster = ClusterFactory(organiser=organiser)
    return Covenant.objects.create(cluster=cluster, year=year, movement=movement, title="Giao ước thi đua",
                                   text="Các đơn vị trong cụm cùng ký giao ước.")  # fmt: skip


def form(code: str) -> ReportFormSpec:
    return ReportFormSpec.objects.get(code=code)


def member_of(unit, **fields):
    """A person working at ``unit`` now (so the unit's scope sees them and their awards)."""
    from tests.factories.orgs import MembershipFactory

    person = PersonFactory(**fields)
    MembershipFactory(person=person, unit=unit)
    return person


# --- The scene of tests/reports (city of tests/conftest.py, reporting year 2024) ----------------------------


def province_awards(city) -> None:
    """Eight awards of the province's level in the window, and five that must not count."""
    an_bien, le_chan = city["an_bien"], city["le_chan"]
    enterprise = enterprise_under(le_chan)
    award("BK_TINH", dt.date(2024, 11, 30), person=member_of(an_bien), position_category="civil_servant")
    award("BK_TINH", dt.date(2023, 12, 1), unit=le_chan, person=None, commendation_kind="dot_xuat")
    award("BK_TINH", dt.date(2024, 6, 1), unit=enterprise, person=None, commendation_kind="chuyen_de")
    award("CSTD_TINH", dt.date(2024, 3, 1), person=member_of(an_bien), position_category="department_leader",
          commendation_kind="phong_trao")  # fmt: skip
    award("CO_TD_TINH", dt.date(2024, 1, 15), unit=city["thuy_nguyen"], person=None)
    award("KNC", dt.date(2024, 9, 2), person=member_of(city["minh_duc"]), position_category="farmer",
          is_direct_worker=True, commendation_kind="cong_hien")  # fmt: skip
    award("BK_TINH", dt.date(2024, 5, 5), household=household(an_bien), person=None, commendation_kind="nien_han")
    award("TTLDXS", dt.date(2024, 2, 2), unit=le_chan, person=None)
    # Not counted: the next window, the previous window, revoked, outside the city, a grassroots title.
    award("BK_TINH", dt.date(2024, 12, 1), person=member_of(an_bien))
    award("BK_TINH", dt.date(2023, 11, 30), person=member_of(an_bien))
    award("BK_TINH", dt.date(2024, 4, 4), person=member_of(an_bien), revoked_on=dt.date(2024, 8, 1),
          revoked_reference="15/QĐ-UBND")  # fmt: skip
    award("BK_TINH", dt.date(2024, 4, 4), unit=enterprise_under(None, "Công ty ngoài thành phố"), person=None)
    award("LDTT", dt.date(2024, 4, 4), person=member_of(an_bien))


def state_awards(city) -> None:
    """Five state awards in the 2024 window (and one in the next)."""
    an_bien = city["an_bien"]
    award("HCLD3", dt.date(2024, 4, 1), person=member_of(an_bien), position_category="other_leader")
    award("HCLD3", dt.date(2024, 4, 1), unit=an_bien, person=None)
    award("BK_TTG", dt.date(2024, 7, 1), person=member_of(an_bien), position_category="entrepreneur",
          commendation_kind="doi_ngoai")  # fmt: skip
    award("CO_TD_CP", dt.date(2024, 8, 1), unit=city["le_chan"], person=None)
    award("AHLD", dt.date(2024, 8, 1), person=member_of(an_bien), position_category="province_leader")
    award("HCLD3", dt.date(2024, 12, 1), person=member_of(an_bien))  # next window
