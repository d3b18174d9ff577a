"""Demo step of the history issue: 2016–2021 history for the people and units of Hải Phòng.

The "Mục tiêu kép" movement ends with the city's yearly review of 2021, so the board needs real candidates for 2021
at each level, judged by the rules then in force (NĐ 91/2017). Most of the history is drawn by
``thidua.demo.history`` (ratings, titles, awards, initiatives, discipline of 2016–2021, seeded); 2021 holds only what
the grassroots issuers had decided by December 2021 (ratings, LĐTT, CSTĐCS, TTLĐTT, Giấy khen), the city-level and
state awards of 2021 being what the board is about to propose. A few people and units have their history written
out, so that each level has a candidate who qualifies and one who just misses (the ``story`` of each scenario):

- Bằng khen của Chủ tịch UBND thành phố: Nguyễn Thị Hoa qualifies (2 consecutive CSTĐCS and 2 grassroots
  initiatives not used before); Nguyễn Thị Thu Hà has one initiative too few (it backed her CSTĐCS 2020); a
  colleague of the district office qualifies on paper but is under investigation since December 2021;
  a teacher of Trường THCS Trần Phú qualifies by two school years "hoàn thành xuất sắc" (school years count).
- Chiến sĩ thi đua thành phố: one officer of Sở Nội vụ has 3 consecutive CSTĐCS and a city-level initiative;
  another has only 2.
- Bằng khen của Thủ tướng: a leader of Quận Lê Chân (Bằng khen thành phố 2016, 5 years "tốt", 3 CSTĐCS) qualifies;
  one of Quận Ngô Quyền got his Bằng khen thành phố in 2017, a year too late; one of Quận Hồng Bàng was reprimanded
  in 2021. Huân chương Lao động hạng Ba: the director of Sở Y tế qualifies (Bằng khen Thủ tướng 2016, then five years
  "tốt" with years of "xuất sắc" and three CSTĐCS).
- Collectives: Phường An Biên may become Tập thể lao động xuất sắc (all its members did their tasks, all hold LĐTT,
  Nguyễn Thị Hoa is CSTĐCS); another ward of Lê Chân has only 60 % of its members with LĐTT (enough for Tập thể lao
  động tiên tiến in 2021, more than half, not for xuất sắc); Phường Cát Dài has a member warned (cảnh cáo) in 2021.

The year-end round of 2021 is still open in a few units (``YEAR_END_PENDING``): Phường Niệm Nghĩa, Trại Cau and
Vĩnh Niệm of Lê Chân and Sở Y tế with its hospitals, whose year-end dossiers (``thidua.demo.dossiers_seed``) propose
their people for Lao động tiên tiến 2021. Their councils have met, nothing is decided yet: the people of these
subtrees hold no LĐTT of 2021, hence no CSTĐCS of 2021 (it requires LĐTT), and the units no TTLĐTT of 2021 (it counts
the members' LĐTT). The history is drawn as for everyone else, then those titles are taken out. The people whose
history is written out keep their script (the director of Sở Y tế keeps the CSTĐCS 2021 of his story, and the LĐTT it
rests on); the units of the collective stories, which count their members' LĐTT of 2021, are never among them.

Rows go in with bulk inserts (like the people of the demo), with one audit action for the load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q

from thidua.audit.services import record_action
from thidua.demo.history import PersonScript, UnitScript, analyze_history_tables, generate_history
from thidua.eligibility.candidates import person_candidates
from thidua.orgs.models import Membership, OrgUnit
from thidua.records.enums import DisciplineKind, DisciplineStatus, RecognitionLevel
from thidua.records.models import Award, Initiative, Rating

if TYPE_CHECKING:
    from thidua.demo.seed import SeedContext

FIRST_YEAR, LAST_YEAR = 2016, 2021
SEED = "hai-phong-2016-2021"
CO_SO, TINH = RecognitionLevel.GRASSROOTS.value, RecognitionLevel.PROVINCE.value
ALL_YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
# The units whose 2021 year-end dossiers the demo seeds: LĐTT 2021 (and what rests on it) not decided in their subtrees.
YEAR_END_PENDING = ("HP-LC-NN", "HP-LC-TC", "HP-LC-VN", "HP-SYT")
PENDING_PERSON_TITLES = ("LDTT", "CSTDCS")
PENDING_UNIT_TITLES = ("TTLDTT",)
DELETE_BATCH = 500


@dataclass(frozen=True)
class Scenario:
    """One person whose history the demo writes out: who (a named person, or the index-th long-serving member of a
    unit, leaders first), what the board should find in 2021, and the script."""

    unit: str
    story: str
    script: PersonScript
    name: str = ""
    index: int = 0
    position: str = ""  # only members whose position starts with this


@dataclass(frozen=True)
class UnitScenario:
    unit: str
    story: str
    script: UnitScript
    members: dict[int, PersonScript] = field(default_factory=dict)  # by index (leaders first), others: steady
    ldtt_share: tuple[float, float] | None = None  # (above, below): LĐTT 2021 for a share strictly between


STEADY = PersonScript(ratings="333333")

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "HP-LC-AB", "Bằng khen thành phố: đủ điều kiện (2 năm CSTĐCS, 2 sáng kiến cấp cơ sở chưa dùng)",
        PersonScript("333344", {"CSTDCS": (2020, 2021)}, ((2020, CO_SO, ""), (2021, CO_SO, ""))),
        name="Nguyễn Thị Hoa",
    ),
    Scenario(
        "HP-LC-PNV", "Bằng khen thành phố: thiếu 1 sáng kiến (sáng kiến 2020 đã dùng cho CSTĐCS 2020)",
        PersonScript("333334", {"CSTDCS": (2020, 2021)}, ((2020, CO_SO, "CSTDCS"), (2021, CO_SO, ""))),
        name="Nguyễn Thị Thu Hà",
    ),
    Scenario(
        "HP-LC-VP", "Bằng khen thành phố: không đủ điều kiện, đang bị xem xét (thanh tra) từ 27/12/2021",
        PersonScript("333434", {"LDTT": ALL_YEARS, "CSTDCS": (2020, 2021)}, ((2020, CO_SO, ""), (2021, CO_SO, "")),
                     ((DisciplineStatus.PENDING, "", dt.date(2021, 12, 27), None),)),
    ),
    Scenario(
        "HP-LC-S1", "Bằng khen thành phố: đủ điều kiện nhờ 2 năm học liên tục hoàn thành xuất sắc nhiệm vụ",
        PersonScript("333344", {"CSTDCS": (2021,)}, ((2020, CO_SO, ""), (2021, CO_SO, "CSTDCS"), (2021, CO_SO, ""))),
        position="Giáo viên",
    ),
    Scenario(
        "HP-SNV", "Chiến sĩ thi đua thành phố: đủ điều kiện (3 năm CSTĐCS, sáng kiến cấp thành phố 2021)",
        PersonScript("334444", {"CSTDCS": (2019, 2020, 2021)},
                     ((2019, CO_SO, "CSTDCS"), (2020, CO_SO, "CSTDCS"), (2021, TINH, ""))),
        position="Chuyên viên",
    ),
    Scenario(
        "HP-SNV", "Chiến sĩ thi đua thành phố: thiếu 1 năm (CSTĐCS 2020, 2021)",
        PersonScript("333444", {"CSTDCS": (2020, 2021)}, ((2020, CO_SO, "CSTDCS"), (2021, TINH, ""))),
        position="Chuyên viên",
    ),
    Scenario(
        "HP-LC", "Bằng khen Thủ tướng: đủ điều kiện (Bằng khen thành phố 2016, 5 năm tốt, 3 năm CSTĐCS)",
        PersonScript("433343", {"BK_TINH": (2016,), "CSTDCS": (2017, 2019, 2021)},
                     ((2016, CO_SO, "BK_TINH"), (2017, CO_SO, "CSTDCS"), (2019, CO_SO, "CSTDCS"),
                      (2021, CO_SO, "CSTDCS"))),
        position="Phó",
    ),
    Scenario(
        "HP-NQ", "Bằng khen Thủ tướng: chưa đủ 5 năm từ Bằng khen thành phố (2017)",
        PersonScript("343334", {"BK_TINH": (2017,), "CSTDCS": (2018, 2019, 2021)},
                     ((2017, CO_SO, "BK_TINH"), (2018, CO_SO, "CSTDCS"), (2019, CO_SO, "CSTDCS"),
                      (2021, CO_SO, "CSTDCS"))),
        position="Phó",
    ),
    Scenario(
        "HP-HB", "Bằng khen Thủ tướng: không đủ điều kiện, bị khiển trách năm 2021",
        PersonScript("433432", {"BK_TINH": (2016,), "CSTDCS": (2017, 2018, 2020)},
                     ((2016, CO_SO, "BK_TINH"), (2017, CO_SO, "CSTDCS"), (2018, CO_SO, "CSTDCS"),
                      (2020, CO_SO, "CSTDCS")),
                     ((DisciplineStatus.IN_EFFECT, DisciplineKind.REPRIMAND, dt.date(2021, 3, 15),
                       dt.date(2022, 3, 14)),)),
        position="Phó",
    ),
    Scenario(
        "HP-SYT", "Huân chương Lao động hạng Ba: đủ điều kiện (Bằng khen Thủ tướng 2016, 5 năm tốt, 3 năm CSTĐCS)",
        PersonScript("344434", {"BK_TTG": (2016,), "CSTDCS": (2017, 2019, 2021)},
                     ((2017, CO_SO, "CSTDCS"), (2019, CO_SO, "CSTDCS"), (2021, CO_SO, "CSTDCS"))),
        position="Giám đốc",
    ),
)  # fmt: skip

UNIT_SCENARIOS: tuple[UnitScenario, ...] = (
    UnitScenario(
        "HP-LC-AB", "Tập thể lao động xuất sắc: đủ điều kiện (xuất sắc, mọi thành viên LĐTT, có CSTĐCS)",
        UnitScript("333344", {"TTLDTT": ALL_YEARS, "TTLDXS": (2020,)}),
    ),
    UnitScenario(
        "HP-LC-CD", "Tập thể lao động tiên tiến: không đủ điều kiện, một thành viên bị cảnh cáo năm 2021",
        UnitScript("333333", {"TTLDTT": ALL_YEARS[:-1]}),
        members={1: PersonScript("333331", {"LDTT": ALL_YEARS[:-1]}, (), (
            (DisciplineStatus.IN_EFFECT, DisciplineKind.WARNING, dt.date(2021, 4, 1), dt.date(2022, 3, 31)),))},
    ),
    # The first ward of Lê Chân whose staff allows a share of LĐTT strictly between 50 % and 70 %.
    UnitScenario(
        "HP-LC-*", "Tập thể lao động xuất sắc: không đủ điều kiện, chỉ hơn một nửa thành viên đạt LĐTT năm 2021",
        UnitScript("333344", {"TTLDTT": ALL_YEARS}), ldtt_share=(0.5, 0.7),
        members={0: PersonScript("333344", {"CSTDCS": (2021,)}, ((2021, CO_SO, ""),))},
    ),
)  # fmt: skip


def history_done() -> bool:
    return Rating.objects.filter(person__full_name="Nguyễn Thị Hoa", rated_unit__code="HP-LC-AB",
                                 year=FIRST_YEAR).exists()  # fmt: skip


def _members(unit: OrgUnit) -> list[Membership]:
    """Current primary members serving since 2015 or earlier, leaders first, then by name."""
    return list(
        Membership.objects.filter(unit=unit, is_primary=True, end_date__isnull=True, start_date__lte=dt.date(2015, 12,
                                  31)).select_related("person").order_by("-is_leader", "person__sort_key", "person_id")
    )  # fmt: skip


def _lc_wards(context: SeedContext) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(parent=context.unit("HP-LC"), kind__code="ward").order_by("code"))


def _share_ward(context: SeedContext, taken: set[str], share: tuple[float, float]) -> tuple[OrgUnit, int]:
    """A ward not used yet whose members allow k holders out of n with low < k/n < high; returns it and k."""
    low, high = share
    for ward in _lc_wards(context):
        if ward.code in taken:
            continue
        members = Membership.objects.filter(unit=ward, is_primary=True, end_date__isnull=True).count()
        for holders in range(members, 0, -1):
            if low < holders / members < high:
                return ward, holders
    raise LookupError("No ward of Lê Chân has a staff that fits the scenario.")


def scenario_scripts(context: SeedContext) -> tuple[dict[int, PersonScript], dict[int, UnitScript], dict[str, list]]:
    """The scripts by person and unit id, and who plays which story (for the tests and the seed's output)."""
    scripts: dict[int, PersonScript] = {}
    unit_scripts: dict[int, UnitScript] = {}
    cast: dict[str, list] = {}
    # The share ward is found among the wards of no other story, and never one whose year-end round is still open.
    taken_units = {scenario.unit for scenario in UNIT_SCENARIOS} | set(YEAR_END_PENDING)
    for scenario in UNIT_SCENARIOS:
        if scenario.ldtt_share:
            unit, holders = _share_ward(context, taken_units, scenario.ldtt_share)
            taken_units.add(unit.code)
        else:
            unit, holders = context.unit(scenario.unit), None
        everyone = list(Membership.objects.filter(unit=unit, is_primary=True, end_date__isnull=True)
                        .select_related("person").order_by("-is_leader", "person__sort_key", "person_id"))  # fmt: skip
        for index, membership in enumerate(everyone):
            script = scenario.members.get(index, STEADY)
            if holders is not None and index >= holders:  # rated "hoàn thành" in 2021: no LĐTT that year
                script = PersonScript(script.ratings[:-1] + "2", script.titles, script.initiatives, script.disciplines)
            scripts[membership.person_id] = script
        unit_scripts[unit.pk] = scenario.script
        cast[scenario.story] = [unit]
    used: set[int] = set()
    for scenario in SCENARIOS:
        unit = context.unit(scenario.unit)
        if scenario.name:
            person = Membership.objects.get(unit=unit, person__full_name=scenario.name).person
        else:
            members = [m for m in _members(unit)
                       if m.person_id not in used and m.position.startswith(scenario.position)]  # fmt: skip
            if len(members) <= scenario.index:
                raise LookupError(f"The demo has no long-serving “{scenario.position}” left in {unit.code}.")
            person = members[scenario.index].person
        used.add(person.pk)
        scripts[person.pk] = scenario.script
        cast[scenario.story] = [person]
    return scripts, unit_scripts, cast


def seed_history(context: SeedContext) -> None:
    """2016–2021 history of the city's people and units: drawn for most, written out for the scenarios."""
    scripts, unit_scripts, _cast = scenario_scripts(context)
    city = context.unit("HP")
    report = generate_history(city, first_year=FIRST_YEAR, last_year=LAST_YEAR, seed=SEED, scripts=scripts,
                              unit_scripts=unit_scripts, higher_awards_in_last_year=False)  # fmt: skip
    pending = leave_year_end_pending(context, scripted=scripts)
    record_action(city, code="records.history.demo_seeded", by=None, data={
        "years": [FIRST_YEAR, LAST_YEAR], "people": report.people, "units": report.units, "ratings": report.ratings,
        "awards": report.awards - pending, "initiatives": report.initiatives, "disciplines": report.disciplines,
        "year_end_pending": list(YEAR_END_PENDING),
    })  # fmt: skip
    analyze_history_tables()


def leave_year_end_pending(context: SeedContext, *, scripted: dict[int, PersonScript]) -> int:
    """Take out the 2021 titles the year-end round of ``YEAR_END_PENDING`` has yet to decide; returns how many.

    The people are the candidates of 2021 of each subtree (as the year-end dossier's sweep finds them), except the
    ``scripted`` ones; the units are the subtrees' units. Raw DELETEs, like the history's inserts: no signals, the
    load's audit action says what was done. Initiatives that backed a CSTĐCS taken out are free again."""
    people, units = Q(), Q()
    for code in YEAR_END_PENDING:
        root = context.unit(code)
        people |= Q(person__in=person_candidates(LAST_YEAR, root).values("person_id"))
        units |= Q(unit__in=OrgUnit.objects.subtree_of(root))
    pending = Award.objects.filter(year=LAST_YEAR).filter(
        (Q(award_code__in=PENDING_PERSON_TITLES) & people & ~Q(person__in=list(scripted)))
        | (Q(award_code__in=PENDING_UNIT_TITLES) & units)
    )
    ids = list(pending.values_list("pk", flat=True))
    Initiative.objects.filter(backed_award__in=ids).update(backed_award=None)
    table = connection.ops.quote_name(Award._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), DELETE_BATCH):
            batch = ids[start : start + DELETE_BATCH]
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({', '.join(['%s'] * len(batch))})", batch)
    return len(ids)
