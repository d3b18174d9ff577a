"""A hand-counted scene for the analytical reports (thidua/reports/queries.py), on the city of tests/conftest.py.

Reporting year 2024 (window 1/12/2023 – 30/11/2024), awards by decision date:

=====  =====================  ==========  ===============================  ==========  ===========================
 no.   recipient              code        snapshot                         decided     note
=====  =====================  ==========  ===============================  ==========  ===========================
 1     Hoa (An Biên, LC)      LDTT        F, minority, direct, worker      01/12/2023  first day of the window
 2     Bình (Lê Chân)         LDTT        M, civil servant                 10/06/2024
 3     Cúc (Minh Đức, TN)     BK_TINH     F, other leader                  30/11/2024  last day of the window
 4     Phường An Biên (LC)    BK_TINH     collective                       05/05/2024  signed decision: 2,340,000
 5     Hộ ông Đức (Minh Đức)  BK_TINH     household                        03/03/2024
 6     Dũng (Lê Chân)         HCLD3       M, department leader             09/09/2024  signed decision: 4,680,000
 7     Bình                   LDTT                                         01/12/2024  next window (calendar 2024)
 8     Hoa                    LDTT        revoked                          04/04/2024  out: not in force (500,000)
 9     a unit of another      BK_TINH                                      06/06/2024  out of the city's scope
       province
10-12  Bình, Hoa, An Biên     LDTT, LDTT, BK_TINH                          2023        previous window
=====  =====================  ==========  ===============================  ==========  ===========================

Awards 4 and 6 come from one decision signed for the movement ``movement`` (issued by the city, launched; Lê Chân
sent its plan on time, Thủy Nguyên's is missing).
"""

from __future__ import annotations

import datetime as dt

from tests.factories.catalog import AuthorityFactory, AwardTypeFactory
from tests.factories.decisions import RegisterFactory
from tests.factories.movements import MilestoneFactory, MovementFactory
from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory, UnitKindFactory
from tests.factories.records import AwardFactory
from thidua.catalog.models import AwardKind, AwardLevel
from thidua.decisions.enums import DecisionState
from thidua.decisions.models import Decision, DecisionItem
from thidua.movements.enums import AnswerState, MilestoneKind, MovementState
from thidua.movements.models import UnitPlan
from thidua.orgs.models import Household, PositionCategory
from thidua.records.enums import AwardSource

YEAR = 2024


def _person(name: str, unit, *, gender: str = "M"):
    person = PersonFactory(full_name=name, gender=gender)
    MembershipFactory(person=person, unit=unit)
    return person


def _award(award_type, day: dt.date, **fields):
    defaults = {"person": None, "unit": None, "household": None}
    defaults.update(fields)
    subject = defaults["person"] or defaults["unit"] or defaults["household"]
    return AwardFactory(award_type=award_type, year=day.year, decision_date=day, recipient_name=str(subject),
                        **defaults)  # fmt: skip


def _signed_decision(register, movement, lines: list[tuple], number: int) -> Decision:
    """A decision with one line per (award, amount), signed (the lines are written while it is a draft)."""
    decision = Decision.objects.create(authority=register.authority, register=register,
                                       subject="Về việc khen thưởng", movement=movement)  # fmt: skip
    for award, amount in lines:
        DecisionItem.objects.create(decision=decision, person=award.person, unit=award.unit,
                                    household=award.household, award_type=award.award_type, year=award.year,
                                    recipient_name=award.recipient_name, award=award, amount=amount)  # fmt: skip
    Decision.objects.filter(pk=decision.pk).update(state=DecisionState.SIGNED, number=number, number_year=YEAR,
                                                   number_text=f"{number}/QĐ-UBND",
                                                   signed_on=award.decision_date)  # fmt: skip
    return decision


def build(city) -> dict:
    ldtt = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", level=AwardLevel.GRASSROOTS, sort_order=30)
    bk = AwardTypeFactory(code="BK_TINH", name="Bằng khen của Chủ tịch UBND thành phố", kind=AwardKind.FORM,
                          level=AwardLevel.PROVINCE, sort_order=20)  # fmt: skip
    hcld = AwardTypeFactory(code="HCLD3", name="Huân chương Lao động hạng Ba", kind=AwardKind.ORDER,
                            level=AwardLevel.STATE, sort_order=10)  # fmt: skip
    hoa = _person("Nguyễn Thị Hoa", city["an_bien"], gender="F")
    binh = _person("Trần Văn Bình", city["le_chan"])
    cuc = _person("Lò Thị Cúc", city["minh_duc"], gender="F")
    dung = _person("Phạm Văn Dũng", city["le_chan"])
    household = Household.objects.create(name="Hộ ông Đặng Văn Đức", unit=city["minh_duc"])
    awards = {
        1: _award(ldtt, dt.date(2023, 12, 1), person=hoa, gender="F", is_minority=True, is_direct_worker=True,
                  position_category=PositionCategory.WORKER),
        2: _award(ldtt, dt.date(2024, 6, 10), person=binh, gender="M",
                  position_category=PositionCategory.CIVIL_SERVANT),
        3: _award(bk, dt.date(2024, 11, 30), person=cuc, gender="F", position_category=PositionCategory.OTHER_LEADER),
        4: _award(bk, dt.date(2024, 5, 5), unit=city["an_bien"], source=AwardSource.DECISION),
        5: _award(bk, dt.date(2024, 3, 3), household=household),
        6: _award(hcld, dt.date(2024, 9, 9), person=dung, gender="M",
                  position_category=PositionCategory.DEPARTMENT_LEADER, source=AwardSource.DECISION),
        7: _award(ldtt, dt.date(2024, 12, 1), person=binh, gender="M"),
        8: _award(ldtt, dt.date(2024, 4, 4), person=hoa, gender="F", revoked_on=dt.date(2024, 8, 1),
                  source=AwardSource.DECISION),
        10: _award(ldtt, dt.date(2023, 6, 1), person=binh, gender="M"),
        11: _award(ldtt, dt.date(2023, 11, 30), person=hoa, gender="F"),
        12: _award(bk, dt.date(2023, 2, 2), unit=city["an_bien"]),
    }  # fmt: skip
    elsewhere = OrgUnitFactory(code="HN", name="Thành phố Hà Nội", kind=UnitKindFactory(code="city"))
    awards[9] = _award(bk, dt.date(2024, 6, 6), unit=elsewhere)

    movement = MovementFactory(title="Thi đua Mục tiêu kép", issuer_unit=city["root"], state=MovementState.LAUNCHED,
                               period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))  # fmt: skip
    register = RegisterFactory(authority=AuthorityFactory(unit=city["root"]))
    _signed_decision(register, movement, [(awards[4], 2_340_000), (awards[6], 4_680_000)], number=1)
    _signed_decision(register, None, [(awards[8], 500_000)], number=2)
    milestone = MilestoneFactory(movement=movement, kind=MilestoneKind.PLAN, title="Hạn gửi kế hoạch",
                                 due_date=dt.date(2024, 3, 31))  # fmt: skip
    sent = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    UnitPlan.objects.create(movement=movement, unit=city["le_chan"], milestone=milestone,
                            state=AnswerState.APPROVED, submitted_at=sent)  # fmt: skip
    UnitPlan.objects.create(movement=movement, unit=city["thuy_nguyen"], milestone=milestone)
    return {"awards": awards, "movement": movement, "people": {"hoa": hoa, "binh": binh, "cuc": cuc, "dung": dung},
            "household": household, "elsewhere": elsewhere}  # fmt: skip
