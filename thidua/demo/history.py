"""Years of history for the people and units of a subtree: ratings, titles, awards, initiatives, discipline.

Used by ``thidua gen_province --years N`` (a province of any size, for the eligibility benchmark) and by the Hải
Phòng demo (``thidua.demo.history_seed``). The history is drawn to look like what the law produces, year after year,
under the rules then in force (DOMAIN.md §1, §2.2, §11):

- **Ratings.** Every working member (not pupils, not the armed forces, not foreigners) is rated each period they are
  a member at its end, by the period of their unit's sector (teachers by school year). Each person has a lasting
  quality (10 % strong, 75 % steady, 15 % weak; leaders are stronger) and often keeps last year's level: about 15 %
  hoàn thành xuất sắc, 70 % tốt, 13 % hoàn thành, 1–2 % không hoàn thành. Units are rated too (not the root, not
  villages), with their own persistence.
- **Titles.** Lao động tiên tiến for nearly every "tốt" or better (not in a year of discipline, not in the first
  10 months of service, 6 from 2024). Chiến sĩ thi đua cơ sở: until 2023 (NĐ 91/2017) only with an initiative and
  at most 15 % of the unit's LĐTT holders; from 2024 with "xuất sắc" or an initiative, no cap. CSTĐ tỉnh rarely,
  after 3 consecutive CSTĐCS and a province-level initiative. Tập thể lao động tiên tiến when the unit is rated "tốt"
  and more than 50 % (until 2023) or 70 % (from 2024) of its members hold LĐTT with no member warned or worse; Tập
  thể lao động xuất sắc for "xuất sắc" units whose members all did their tasks, 70 % of them with LĐTT and a CSTĐCS
  among them; thôn văn hóa.
- **Forms.** Giấy khen; Bằng khen tỉnh after 2 consecutive CSTĐCS (or "xuất sắc") with 2 initiatives, and a few for
  other achievements; Bằng khen Thủ tướng 5+ years after a Bằng khen tỉnh with 5 years "tốt" and 3 CSTĐCS (and, very
  rarely, for leaders on other grounds); Huân chương Lao động hạng Ba 5+ years after that with 3 CSTĐCS and a year
  "xuất sắc"; Kỷ niệm chương for long service. Themed (phong trào, chuyên đề) and ad-hoc (đột xuất) awards, which do
  not count toward merit, for a few percent a year (more in the Covid-19 years).
- **Initiatives** (sáng kiến, đề tài) at the three levels, some with co-authors; some back the CSTĐCS, CSTĐ tỉnh or
  Bằng khen they were used for (an initiative backs one award only).
- **Discipline.** About half a percent of people a year (khiển trách to cách chức, 12–24 months, which also lowers
  that year's rating and blocks titles while it lasts); a few cleared investigations; a few pending in the last year.

Awards carry the version of their award type in force at the end of the period (the catalog starts with NĐ 91/2017
on 2017-10-01; earlier years take that first version), their code and merit flag as ``records.services`` derives
them, the recipient's snapshot, the deciding authority and a decision number and date (one decision per authority,
award and period). Everything is drawn from one seeded ``random.Random`` in a fixed order (periods, then people and
units by id), so one seed and one subtree give the same history. A caller may write some people's and units' history
out instead (``PersonScript``, ``UnitScript``: the demo's scenarios); they count in their units like everyone else.
Rows go in with ``thidua.demo.bulk`` (COPY on PostgreSQL, batched INSERTs on SQLite); the caller holds the
transaction and records the audit action.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

from thidua.catalog.models import Authority, AwardType, CommendationKind
from thidua.demo.bulk import TableWriter, allocate_ids
from thidua.eligibility.engine import period_bounds
from thidua.orgs.models import Membership, OrgUnit, PeriodKind, Person
from thidua.records.enums import (
    DISCIPLINE_SEVERITY,
    RATING_RANK,
    DisciplineKind,
    DisciplineStatus,
    InitiativeKind,
    RecognitionLevel,
)
from thidua.records.models import Award, Discipline, Initiative, InitiativeAuthor, Rating

# The rules changed on 2024-01-01 (NĐ 98/2023): CSTĐCS without a mandatory initiative and without the 15 % cap,
# TTLĐTT with 70 % of members holding LĐTT instead of more than half, LĐTT after 6 months of service instead of 10.
NEW_RULES_FROM = dt.date(2024, 1, 1)
TWO_TIER_FROM = dt.date(2025, 7, 1)
NOT_RATED = frozenset({"student", "armed_forces", "foreigner"})
UNRATED_UNIT_KINDS = frozenset({"village", "central"})

LEVEL_BY_RANK = {rank: level for level, rank in RATING_RANK.items()}
# Chances of each rank (4 xuất sắc, 3 tốt, 2 hoàn thành, 1 không hoàn thành) for a strong, steady and weak person.
LEVEL_ODDS = (
    (0.55, 0.98, 1.0),  # strong: 55 % rank 4, 43 % rank 3, 2 % rank 2
    (0.12, 0.95, 0.995),  # steady
    (0.03, 0.60, 0.95),  # weak
)
EXCELLENT_UNIT_PULL = 0.95  # in a unit rated "xuất sắc" that year, fewer of its people fall below "tốt"
UNIT_LEVEL_ODDS = (0.30, 0.90, 0.99)
STRONG, STEADY, WEAK = 0, 1, 2

# Bits of one person-year (or unit-year): the awards it holds, and whether discipline blocks it.
LDTT, CSTDCS, CSTD_TINH, GK, BK_TINH, BK_TTG, HCLD3 = 1, 2, 4, 8, 16, 32, 64
GK_THEMED, GK_ADHOC, BK_ADHOC, KNC = 128, 256, 512, 1024
TTLDTT, TTLDXS, THON_VAN_HOA = 2048, 4096, 8192
BLOCKED = 1 << 15
AWARD_BITS = BLOCKED - 1

DISCIPLINES = (  # kind, share, months in effect, rating of that year
    (DisciplineKind.REPRIMAND, 0.60, 12, 2),
    (DisciplineKind.WARNING, 0.30, 12, 1),
    (DisciplineKind.SALARY_DOWN, 0.05, 18, 1),
    (DisciplineKind.DEMOTION, 0.03, 24, 1),
    (DisciplineKind.DISMISSAL_FROM_POST, 0.02, 24, 1),
)
DISCIPLINE_REASONS = (
    "Vi phạm quy định về thời giờ làm việc, kỷ luật lao động.",
    "Chậm giải quyết hồ sơ, thủ tục hành chính của công dân, tổ chức.",
    "Vi phạm quy định về quản lý tài chính, tài sản công.",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao.",
    "Vi phạm quy định về đạo đức nghề nghiệp, văn hóa công vụ.",
)
INVESTIGATIONS = (
    "Đang thanh tra việc quản lý, sử dụng kinh phí được giao.",
    "Đang xem xét đơn khiếu nại, tố cáo liên quan đến thực hiện nhiệm vụ.",
    "Đang kiểm tra, xác minh nội dung phản ánh của báo chí.",
)

TOPICS = {
    "education": (
        "Một số biện pháp nâng cao chất lượng dạy học môn Toán",
        "Ứng dụng công nghệ thông tin trong dạy học môn Ngữ văn",
        "Giải pháp bồi dưỡng học sinh giỏi",
        "Biện pháp giáo dục kỹ năng sống cho học sinh",
        "Đổi mới sinh hoạt chuyên môn theo nghiên cứu bài học",
        "Nâng cao hiệu quả công tác chủ nhiệm lớp",
        "Xây dựng môi trường học tập thân thiện",
        "Phụ đạo học sinh có kết quả học tập chưa tốt",
    ),
    "health": (
        "Cải tiến quy trình tiếp đón người bệnh",
        "Giảm thời gian chờ khám bệnh",
        "Nâng cao chất lượng chăm sóc người bệnh sau phẫu thuật",
        "Ứng dụng bệnh án điện tử",
        "Kiểm soát nhiễm khuẩn trong bệnh viện",
        "Quản lý bệnh không lây nhiễm tại tuyến cơ sở",
    ),
    "enterprise": (
        "Cải tiến dây chuyền sản xuất",
        "Tiết kiệm nguyên, nhiên liệu trong sản xuất",
        "Nâng cao năng suất lao động",
        "Giảm tỷ lệ sản phẩm lỗi",
        "Bảo đảm an toàn, vệ sinh lao động",
    ),
    "general": (
        "Nâng cao hiệu quả giải quyết thủ tục hành chính",
        "Ứng dụng công nghệ thông tin trong quản lý văn bản",
        "Cải cách hành chính theo cơ chế một cửa liên thông",
        "Số hóa hồ sơ, tài liệu lưu trữ",
        "Nâng cao chất lượng tham mưu",
        "Tuyên truyền, phổ biến giáo dục pháp luật",
        "Quản lý đất đai, xây dựng",
        "Công tác dân vận chính quyền",
    ),
}
TOPICS["economy"] = TOPICS["general"]
RESEARCH_PREFIX = "Nghiên cứu, đề xuất giải pháp"
THEMES = {
    2020: "Cả nước chung tay phòng, chống dịch Covid-19",
    2021: "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19",
    2022: "Mục tiêu kép: phòng, chống dịch Covid-19 và phát triển kinh tế - xã hội",
}
DEFAULT_THEMES = (
    "Chung sức xây dựng nông thôn mới", "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Doanh nghiệp Việt Nam hội nhập và phát triển", "Đổi mới, sáng tạo trong dạy và học",
    "Cải cách hành chính, chuyển đổi số",
)  # fmt: skip
ADHOC_ACHIEVEMENTS = (
    "Có thành tích xuất sắc đột xuất trong cứu người, cứu tài sản của Nhân dân.",
    "Có thành tích xuất sắc đột xuất trong phòng, chống thiên tai, tìm kiếm cứu nạn.",
    "Có thành tích xuất sắc đột xuất trong đấu tranh phòng, chống tội phạm.",
)


@dataclass(frozen=True)
class AwardSpec:
    code: str
    commendation: str
    issuer: str  # local | grassroots | province | ttg | ctn
    timing: str  # title | province | ttg | ctn | during (themed, ad-hoc)
    collective: bool = False


SPECS: dict[int, AwardSpec] = {
    LDTT: AwardSpec("LDTT", CommendationKind.MERIT, "local", "title"),
    CSTDCS: AwardSpec("CSTDCS", CommendationKind.MERIT, "grassroots", "title"),
    CSTD_TINH: AwardSpec("CSTD_TINH", CommendationKind.MERIT, "province", "province"),
    GK: AwardSpec("GK", CommendationKind.MERIT, "local", "title"),
    BK_TINH: AwardSpec("BK_TINH", CommendationKind.MERIT, "province", "province"),
    BK_TTG: AwardSpec("BK_TTG", CommendationKind.MERIT, "ttg", "ttg"),
    HCLD3: AwardSpec("HCLD3", CommendationKind.MERIT, "ctn", "ctn"),
    GK_THEMED: AwardSpec("GK", CommendationKind.MOVEMENT, "local", "during"),
    GK_ADHOC: AwardSpec("GK", CommendationKind.AD_HOC, "local", "during"),
    BK_ADHOC: AwardSpec("BK_TINH", CommendationKind.AD_HOC, "province", "during"),
    KNC: AwardSpec("KNC", CommendationKind.MERIT, "province", "province"),
    TTLDTT: AwardSpec("TTLDTT", CommendationKind.MERIT, "grassroots", "title", collective=True),
    TTLDXS: AwardSpec("TTLDXS", CommendationKind.MERIT, "province", "province", collective=True),
    THON_VAN_HOA: AwardSpec("THON_VAN_HOA", CommendationKind.MERIT, "grassroots", "title", collective=True),
}


CODE_BITS = {spec.code: bit for bit, spec in SPECS.items() if spec.commendation == CommendationKind.MERIT}


@dataclass(frozen=True)
class PersonScript:
    """A history written out rather than drawn (the demo's scenarios): it replaces the draws for one person.

    ``ratings`` has one character per period from the first year: "4" xuất sắc, "3" tốt, "2" hoàn thành,
    "1" không hoàn thành, "." not rated. ``titles`` gives the years of each merit award code; without an "LDTT" entry
    the person holds LĐTT in every period rated "tốt" or better that no discipline blocks. ``initiatives``:
    (year, recognition level, code of the award it backs or ""). ``disciplines``: (status, kind, start, end).
    """

    ratings: str
    titles: dict[str, tuple[int, ...]] = field(default_factory=dict)
    initiatives: tuple[tuple[int, str, str], ...] = ()
    disciplines: tuple[tuple[str, str, dt.date, dt.date | None], ...] = ()


@dataclass(frozen=True)
class UnitScript:
    """A unit's ratings (as in PersonScript) and collective titles, written out."""

    ratings: str
    titles: dict[str, tuple[int, ...]] = field(default_factory=dict)


@dataclass
class HistoryReport:
    people: int = 0  # people given a history
    units: int = 0  # units rated
    ratings: int = 0
    awards: int = 0
    initiatives: int = 0
    authors: int = 0
    disciplines: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class _Unit:
    id: int
    name: str
    kind: str
    sector: str
    period_kind: str
    parent: int  # index, -1 for the root
    starts: list[dt.date]
    ends: list[dt.date]
    alive: list[bool]
    rated: bool
    authorities: list[tuple] = field(default_factory=list)  # (id, name, kind code, document code, valid_to)


@dataclass
class _Initiative:
    author: int  # person index
    year: int  # year index
    level: str
    kind: str
    unit: int  # unit index
    coauthors: tuple[int, ...] = ()
    backs: int = 0  # the award bit it backs, in (author, year)
    backs_year: int = -1
    backer: int = -1  # the author (person index) whose award it backs


@dataclass
class _Discipline:
    person: int
    year: int
    status: str
    kind: str
    start: dt.date
    end: dt.date | None
    reason: str


class _History:
    """The drawn history, kept compact (arrays of person-years) until it is written."""

    def __init__(self, root: OrgUnit, *, first_year: int, last_year: int, seed: int | str,
                 exclude_people: Iterable[int], scripts: dict[int, PersonScript],
                 unit_scripts: dict[int, UnitScript], higher_awards_in_last_year: bool) -> None:  # fmt: skip
        self.root = root
        self.person_scripts = scripts
        self.unit_scripts_by_id = unit_scripts
        self.higher_last = higher_awards_in_last_year
        self.years = list(range(first_year, last_year + 1))
        self.rng = random.Random(f"history-{seed}")
        self.exclude = set(exclude_people)
        self.units: list[_Unit] = []
        self.unit_index: dict[int, int] = {}
        self.initiatives: list[_Initiative] = []
        self.authored: dict[int, list[int]] = {}  # person index → initiative indexes (as author or co-author)
        self.disciplines: list[_Discipline] = []

    # --- Loading ---------------------------------------------------------------------------------------------

    def load(self) -> None:
        subtree = OrgUnit.objects.subtree_of(self.root)
        rows = subtree.order_by("id").values_list(
            "id", "name", "parent_id", "kind__code", "sector__code", "sector__period_kind",
            "sector__school_year_start_month", "is_external", "dissolved_on",
        )  # fmt: skip
        for unit_id, name, parent_id, kind, sector, period_kind, start_month, external, dissolved in rows:
            period_kind = period_kind or PeriodKind.CALENDAR_YEAR
            bounds = [period_bounds(period_kind, year, start_month or 9) for year in self.years]
            alive = [dissolved is None or dissolved > end for _start, end in bounds]
            self.unit_index[unit_id] = len(self.units)
            self.units.append(_Unit(
                unit_id, name, kind, sector or "general", period_kind, parent_id, [start for start, _end in bounds],
                [end for _start, end in bounds], alive,
                rated=unit_id != self.root.pk and kind not in UNRATED_UNIT_KINDS and not external,
            ))  # fmt: skip
        for unit in self.units:
            unit.parent = self.unit_index.get(unit.parent, -1)
        self.root_index = self.unit_index[self.root.pk]
        authorities = Authority.objects.filter(unit__in=subtree).order_by("id").values_list(
            "id", "unit_id", "name", "kind__code", "document_code", "valid_to", "kind__valid_to"
        )  # fmt: skip
        for authority_id, unit_id, name, kind, document, valid_to, kind_valid_to in authorities:
            ends = [day for day in (valid_to, kind_valid_to) if day is not None]
            self.units[self.unit_index[unit_id]].authorities.append(
                (authority_id, name, kind, document or "UBND", min(ends) if ends else None)
            )
        self.central = {
            kind: Authority.objects.filter(kind__code=kind).order_by("id").values_list("id", "name").first()
            for kind in ("thu_tuong", "chu_tich_nuoc")
        }

        members = (
            Membership.objects.filter(unit__in=subtree, is_primary=True)
            .exclude(person_id__in=self.exclude)
            .order_by("person_id", "id")
            .values_list("person_id", "unit_id", "position", "is_leader", "start_date", "end_date")
        )
        memberships: dict[int, list[tuple]] = {}
        for person_id, unit_id, position, leader, start, end in members:
            memberships.setdefault(person_id, []).append((self.unit_index[unit_id], position, leader, start, end))
        people = (
            Person.objects.filter(pk__in=Membership.objects.filter(unit__in=subtree, is_primary=True)
                                  .values("person_id"))
            .exclude(position_category__in=NOT_RATED)
            .exclude(pk__in=self.exclude)
            .order_by("id")
            .values_list("id", "full_name", "gender", "birth_year", "ethnicity__name", "ethnicity__is_minority",
                         "is_direct_worker", "position_category", "death_date")
        )  # fmt: skip
        self.people = [row for row in people if row[0] in memberships]
        self.memberships = [memberships[row[0]] for row in self.people]
        index = {row[0]: p for p, row in enumerate(self.people)}
        unknown = (set(self.person_scripts) - set(index)) | (set(self.unit_scripts_by_id) - set(self.unit_index))
        if unknown:
            raise LookupError(f"Scripted people or units outside the subtree (or not rated): {sorted(unknown)}")
        self.scripts = {index[person_id]: script for person_id, script in self.person_scripts.items()}
        self.unit_scripts = {self.unit_index[unit_id]: script for unit_id, script in self.unit_scripts_by_id.items()}
        self.service_start = [min((m[3] for m in items if m[3] is not None), default=None)
                              for items in self.memberships]  # fmt: skip

    # --- Drawing ---------------------------------------------------------------------------------------------

    def draw(self) -> None:
        people, years = len(self.people), len(self.years)
        self.at = array("i", [-1]) * (people * years)  # person-year → index of the membership in the person's list
        self.level = bytearray(people * years)
        self.bits = array("I", [0]) * (people * years)
        self.unit_level = bytearray(len(self.units) * years)
        self.unit_bits = array("I", [0]) * (len(self.units) * years)
        rng = self.rng
        leaders = [any(m[2] for m in items) for items in self.memberships]
        self.quality = bytearray(
            (STRONG if draw < (0.2 if leader else 0.1) else STEADY if draw < (0.95 if leader else 0.85) else WEAK)
            for draw, leader in ((rng.random(), leader) for leader in leaders)
        )
        self.unit_quality = bytearray(
            STRONG if draw < 0.3 else STEADY if draw < 0.9 else WEAK for draw in (rng.random() for _ in self.units)
        )
        self.blocked_until: list[dt.date | None] = [None] * people
        self.last_year = years - 1
        for year in range(years):
            self._rate_units(year)
            members = self._rate_people(year)
            self._grassroots_titles(year, members)
            self._higher_awards(year)
            self._units(year, members)

    def _rate_units(self, y: int) -> None:
        """The rating of each unit for one period, drawn before its people's (a strong unit lifts them)."""
        rng, years = self.rng, len(self.years)
        for u, unit in enumerate(self.units):
            if not unit.rated or not unit.alive[y]:
                continue
            cell = u * years + y
            previous = self.unit_level[cell - 1] if y else 0
            if u in self.unit_scripts:
                rank = _scripted_rank(self.unit_scripts[u].ratings, y)
            elif previous and rng.random() < 0.5:
                rank = previous
            else:
                draw = rng.random() + (0.1 * (self.unit_quality[u] - 1))
                rank = 4 if draw < UNIT_LEVEL_ODDS[0] else 3 if draw < UNIT_LEVEL_ODDS[1] else 2 if draw < 0.99 else 1
            self.unit_level[cell] = rank

    def _rate_people(self, y: int) -> dict[int, list[int]]:
        """Ratings, discipline and LĐTT of one period; returns the rated members of each unit."""
        rng, years, units = self.rng, len(self.years), self.units
        members: dict[int, list[int]] = {}
        new_rules = self.years[y] >= NEW_RULES_FROM.year
        for p, person in enumerate(self.people):
            at = -1
            for index, (u, _position, _leader, start, end) in enumerate(self.memberships[p]):
                period_end = units[u].ends[y]
                if (start is None or start <= period_end) and (end is None or end >= period_end):
                    at = index
                    break
            if at < 0:
                continue
            unit = units[self.memberships[p][at][0]]
            start, end = unit.starts[y], unit.ends[y]
            death = person[8]
            if death is not None and death <= end:
                continue
            cell = p * years + y
            if p in self.scripts:
                if self._scripted_person(p, y, at, start, end):
                    members.setdefault(self.memberships[p][at][0], []).append(p)
                continue
            self.at[cell] = at
            previous = self.level[cell - 1] if y else 0
            if previous and rng.random() < 0.45:
                rank = previous
            else:
                odds, draw = LEVEL_ODDS[self.quality[p]], rng.random()
                if self.unit_level[self.memberships[p][at][0] * years + y] == 4:
                    draw *= EXCELLENT_UNIT_PULL
                rank = 4 if draw < odds[0] else 3 if draw < odds[1] else 2 if draw < odds[2] else 1
            bits = 0
            blocked = self.blocked_until[p]
            if blocked is not None and blocked >= start:
                bits |= BLOCKED
            if rng.random() < (0.0005, 0.003, 0.02)[self.quality[p]]:
                rank = min(rank, self._discipline(p, y, start, end))
                bits |= BLOCKED
            elif rng.random() < 0.001:
                day = start + dt.timedelta(days=rng.randrange(300))
                self.disciplines.append(_Discipline(p, y, DisciplineStatus.CLEARED, "", day,
                                                    day + dt.timedelta(days=rng.randint(60, 150)),
                                                    rng.choice(INVESTIGATIONS)))  # fmt: skip
            if y == self.last_year and rng.random() < 0.002:
                day = end - dt.timedelta(days=rng.randint(10, 150))
                self.disciplines.append(_Discipline(p, y, DisciplineStatus.PENDING, "", day, None,
                                                    rng.choice(INVESTIGATIONS)))  # fmt: skip
                bits |= BLOCKED
            self.level[cell] = rank
            served = self.service_start[p]
            months = 6 if new_rules else 10
            seasoned = served is None or served <= _months_before(end, months)
            if rank >= 3 and seasoned and not bits & BLOCKED and rng.random() < 0.96:
                bits |= LDTT
            self.bits[cell] = bits
            members.setdefault(self.memberships[p][at][0], []).append(p)
        return members

    def _scripted_person(self, p: int, y: int, at: int, start: dt.date, end: dt.date) -> bool:
        """Ratings, titles, initiatives and discipline of one period from the person's script; False if unrated."""
        script, cell, year = self.scripts[p], p * len(self.years) + y, self.years[y]
        rank = _scripted_rank(script.ratings, y)
        if not rank:
            return False
        self.at[cell], self.level[cell] = at, rank
        bits = 0
        for status, kind, first, last in script.disciplines:
            if first <= end and (last is None or last >= start) and status != DisciplineStatus.CLEARED:
                bits |= BLOCKED
            if start <= first <= end:
                self.disciplines.append(_Discipline(p, y, status, kind, first, last,
                                                    DISCIPLINE_REASONS[0] if kind else INVESTIGATIONS[0]))  # fmt: skip
        for code, years in script.titles.items():
            if year in years:
                bits |= CODE_BITS[code]
        if "LDTT" not in script.titles and rank >= 3 and not bits & BLOCKED:
            bits |= LDTT
        u = self.memberships[p][at][0]
        for initiative_year, level, backs in script.initiatives:
            if initiative_year == year:
                index = len(self.initiatives)
                self.initiatives.append(_Initiative(p, y, level, InitiativeKind.INITIATIVE, u,
                                                    backs=CODE_BITS[backs] if backs else 0,
                                                    backs_year=y if backs else -1, backer=p))  # fmt: skip
                self.authored.setdefault(p, []).append(index)
        self.bits[cell] = bits
        return True

    def _discipline(self, p: int, y: int, start: dt.date, end: dt.date) -> int:
        rng = self.rng
        draw, total = rng.random(), 0.0
        kind, _share, months, rank = DISCIPLINES[-1]
        for kind, share, months, rank in DISCIPLINES:  # noqa: B007 (the row drawn is the one the loop stops at)
            total += share
            if draw < total:
                break
        day = start + dt.timedelta(days=rng.randrange(max(1, (end - start).days - 30)))
        until = _months_after(day, months) - dt.timedelta(days=1)
        self.disciplines.append(_Discipline(p, y, DisciplineStatus.IN_EFFECT, kind, day, until,
                                            rng.choice(DISCIPLINE_REASONS)))  # fmt: skip
        self.blocked_until[p] = until
        return rank

    def _initiative(self, p: int, y: int, u: int, colleagues: list[int]) -> int:
        rng = self.rng
        draw = rng.random()
        level = (RecognitionLevel.GRASSROOTS if draw < 0.88 else RecognitionLevel.PROVINCE if draw < 0.99
                 else RecognitionLevel.NATIONAL)  # fmt: skip
        kind = InitiativeKind.RESEARCH if rng.random() < 0.15 else InitiativeKind.INITIATIVE
        coauthors: tuple[int, ...] = ()
        if len(colleagues) > 2 and rng.random() < 0.25:
            coauthors = tuple(dict.fromkeys(q for q in rng.sample(colleagues, min(2, len(colleagues))) if q != p))
        index = len(self.initiatives)
        self.initiatives.append(_Initiative(p, y, level, kind, u, coauthors))
        for author in (p, *coauthors):
            self.authored.setdefault(author, []).append(index)
        return index

    def _grassroots_titles(self, y: int, members: dict[int, list[int]]) -> None:
        """Initiatives and Chiến sĩ thi đua cơ sở, unit by unit (the 15 % cap of NĐ 91/2017 is per unit)."""
        rng, years = self.rng, len(self.years)
        old_rules = self.years[y] < NEW_RULES_FROM.year
        for u, people in sorted(members.items()):
            own: dict[int, int] = {}
            colleagues = [p for p in people if p not in self.scripts]  # scripted stories stay exactly as written
            for p in people:
                cell = p * years + y
                if self.bits[cell] & BLOCKED or self.level[cell] < 2 or p in self.scripts:
                    continue
                chance = (0.45, 0.07, 0.01)[self.quality[p]] * (1.3 if self.level[cell] == 4 else 1.0)
                if rng.random() < chance:
                    own[p] = self._initiative(p, y, u, colleagues)
            holders = [p for p in people if self.bits[p * years + y] & LDTT]
            candidates = []
            for p in holders:
                if p in self.scripts:
                    continue
                cell = p * years + y
                basis = p in own and self.initiatives[own[p]].level == RecognitionLevel.GRASSROOTS
                if not (p in own if old_rules else (p in own or self.level[cell] == 4)):
                    continue
                repeat = y and self.bits[cell - 1] & CSTDCS
                candidates.append((0 if repeat else 1, rng.random(), p, basis))
            candidates.sort()
            limit = max(1, int(0.15 * len(holders))) if old_rules else len(candidates)
            for repeat, _order, p, basis in candidates:
                if limit <= 0:
                    break
                if rng.random() < (0.8 if repeat == 0 else 0.55):
                    self.bits[p * years + y] |= CSTDCS
                    limit -= 1
                    if basis and rng.random() < 0.4:
                        self._back(own[p], p, CSTDCS, y)

    def _back(self, index: int, p: int, bit: int, y: int) -> None:
        """Initiative ``index`` (authored or co-authored by ``p``) becomes the basis of p's award ``bit`` of ``y``."""
        initiative = self.initiatives[index]
        initiative.backs, initiative.backs_year, initiative.backer = bit, y, p

    def _free_initiatives(self, p: int, first: int, last: int, *, level: int = 1) -> list[int]:
        ranks = {RecognitionLevel.GRASSROOTS: 1, RecognitionLevel.PROVINCE: 2, RecognitionLevel.NATIONAL: 3}
        return [i for i in self.authored.get(p, ()) if first <= self.initiatives[i].year <= last
                and not self.initiatives[i].backs and ranks[self.initiatives[i].level] >= level]  # fmt: skip

    def _higher_awards(self, y: int) -> None:
        rng, years, bits, level = self.rng, len(self.years), self.bits, self.level
        year = self.years[y]
        themed = 0.04 if year in THEMES else 0.02
        higher = self.higher_last or y != self.last_year  # else the last year's province-level awards are pending
        for p in range(len(self.people)):
            cell = p * years + y
            if self.at[cell] < 0 or bits[cell] & BLOCKED or p in self.scripts:
                continue
            first = cell - y

            def held(bit: int, since: int, until: int = y, first: int = first) -> int:
                return sum(1 for k in range(max(0, since), until + 1) if bits[first + k] & bit)

            def good(since: int, first: int = first) -> bool:
                return since >= 0 and all(level[first + k] >= 3 for k in range(since, y + 1))

            rank, own = level[cell], bits[cell]
            if not higher:
                if rank >= 3 and rng.random() < (0.10 if rank == 4 else 0.04):
                    own |= GK
                if rng.random() < themed:
                    own |= GK_THEMED
                bits[cell] = own
                continue
            if own & CSTDCS and held(CSTDCS, y - 2) == 3 and not held(CSTD_TINH, y - 2, y - 1):
                basis = self._free_initiatives(p, y - 2, y, level=2)
                if basis and rng.random() < 0.5:
                    own |= CSTD_TINH
                    self._back(basis[0], p, CSTD_TINH, y)
            if rank >= 3 and not held(BK_TINH | BK_ADHOC, y - 2, y - 1):
                streak = y >= 1 and (held(CSTDCS, y - 1) == 2 or (rank == 4 and level[cell - 1] == 4))
                basis = self._free_initiatives(p, y - 1, y) if streak else []
                if len(basis) >= 2 and rng.random() < 0.4:
                    own |= BK_TINH
                    self._back(basis[0], p, BK_TINH, y)
                elif rng.random() < (0.008 if self.memberships[p][self.at[cell]][2] else 0.003):
                    own |= BK_TINH
            if rank >= 3 and not own & BK_TINH and rng.random() < (0.10 if rank == 4 else 0.04):
                own |= GK
            bk = any(bits[first + k] & BK_TINH for k in range(y - 4))  # a Bằng khen tỉnh 5 or more years ago
            if good(y - 4) and bk and held(CSTDCS, y - 4) >= 3 and not held(BK_TTG, y - 4, y - 1):
                if rng.random() < 0.35:
                    own |= BK_TTG
            elif y <= 4 and self.memberships[p][self.at[cell]][2] and rank == 4 and rng.random() < 0.01:
                own |= BK_TTG  # other grounds (national movements), rare
            ttg = any(bits[first + k] & BK_TTG for k in range(y - 4))
            excellent = any(level[first + k] == 4 for k in range(max(0, y - 4), y + 1))
            qualified = ttg and good(y - 4) and held(CSTDCS, y - 4) >= 3 and excellent
            if qualified and not held(HCLD3, 0, y - 1) and rng.random() < 0.5:
                own |= HCLD3
            served = self.service_start[p]
            if served is not None and year - served.year >= 20 and not held(KNC, 0, y - 1) and rng.random() < 0.08:
                own |= KNC
            if rng.random() < themed:
                own |= GK_THEMED
            draw = rng.random()
            if draw < 0.003:
                own |= GK_ADHOC
            elif draw < 0.0035:
                own |= BK_ADHOC
            bits[cell] = own

    def _units(self, y: int, members: dict[int, list[int]]) -> None:
        rng, years, unit_years = self.rng, len(self.years), len(self.years)
        old_rules = self.years[y] < NEW_RULES_FROM.year
        warnings: dict[int, list[tuple[dt.date, dt.date]]] = {}
        for item in self.disciplines:
            if (
                item.status == DisciplineStatus.IN_EFFECT
                and item.kind != DisciplineKind.REPRIMAND
                and y - 2 <= item.year <= y
            ):
                warnings.setdefault(item.person, []).append((item.start, item.end))
        for u, unit in enumerate(self.units):
            if not unit.alive[y] or unit.id == self.root.pk:
                continue
            start, end = unit.starts[y], unit.ends[y]
            warned = {p for p in members.get(u, ()) if any(s <= end and e >= start for s, e in warnings.get(p, ()))}
            cell = u * unit_years + y
            bits = 0
            if u in self.unit_scripts:
                for code, scripted_years in self.unit_scripts[u].titles.items():
                    if self.years[y] in scripted_years:
                        bits |= CODE_BITS[code]
                self.unit_bits[cell] = bits
                continue
            if unit.kind == "village":
                if rng.random() < (0.85 if y and self.unit_bits[cell - 1] & THON_VAN_HOA else 0.6):
                    self.unit_bits[cell] = THON_VAN_HOA
                continue
            if not unit.rated:
                continue
            rank = self.unit_level[cell]
            people = members.get(u, [])
            if warned:
                rank = self.unit_level[cell] = min(rank, 3)
            if people:
                holders = sum(1 for p in people if self.bits[p * years + y] & LDTT)
                share = holders / len(people)
                clean = not warned
                enough = share > 0.5 if old_rules else share >= 0.7
                if rank >= 3 and enough and clean and rng.random() < 0.9:
                    bits |= TTLDTT
                all_good = all(self.level[p * years + y] >= 2 for p in people)  # "hoàn thành nhiệm vụ" or better
                fighter = any(self.bits[p * years + y] & CSTDCS for p in people)
                higher = self.higher_last or y != self.last_year
                if higher and rank == 4 and all_good and share >= 0.7 and fighter and clean and rng.random() < 0.6:
                    bits |= TTLDXS
            if rank >= 3 and rng.random() < 0.06:
                bits |= GK
            streak = (
                y
                and (rank == 4 or bits & TTLDXS)
                and (self.unit_level[cell - 1] == 4 or self.unit_bits[cell - 1] & TTLDXS)
            )
            recent = any(self.unit_bits[cell - k] & BK_TINH for k in (1, 2) if k <= y)
            if streak and not recent and (self.higher_last or y != self.last_year) and rng.random() < 0.3:
                bits |= BK_TINH
            if rng.random() < 0.02:
                bits |= GK_THEMED
            self.unit_bits[cell] = bits

    # --- Writing ---------------------------------------------------------------------------------------------

    def write(self, report: HistoryReport, progress: bool) -> None:
        from tqdm import tqdm

        years = len(self.years)
        self.versions = _versions()
        self.decisions: dict[tuple, tuple[str, dt.date]] = {}
        self.numbers: dict[tuple, int] = {}
        self.decision_rng = random.Random(f"{self.rng.random()}-decisions")
        self.issuers: dict[tuple, tuple] = {}
        disable = None if progress else True

        phase = time.perf_counter()
        with TableWriter(Rating, with_pk=False) as writer:
            for p in tqdm(range(len(self.people)), desc="Xếp loại", unit=" người", disable=disable):
                person_id = self.people[p][0]
                for y in range(years):
                    rank = self.level[p * years + y]
                    if rank:
                        u = self.memberships[p][self.at[p * years + y]][0]
                        writer.add({"person_id": person_id, "period_kind": self.units[u].period_kind,
                                    "year": self.years[y], "level": LEVEL_BY_RANK[rank], "rank": rank,
                                    "rated_unit_id": self.units[u].id})  # fmt: skip
            for u, unit in enumerate(self.units):
                for y in range(years):
                    rank = self.unit_level[u * years + y]
                    if rank:
                        writer.add({"unit_id": unit.id, "period_kind": unit.period_kind, "year": self.years[y],
                                    "level": LEVEL_BY_RANK[rank], "rank": rank})  # fmt: skip
        report.ratings = writer.count
        report.people = sum(1 for p in range(len(self.people)) if any(self.level[p * years : (p + 1) * years]))
        report.units = sum(1 for u in range(len(self.units)) if any(self.unit_level[u * years : (u + 1) * years]))
        report.timings["ratings"] = time.perf_counter() - phase

        phase = time.perf_counter()
        backed = {}  # (person index, year index, bit) → initiative index
        for index, initiative in enumerate(self.initiatives):
            if initiative.backs:
                backed[(initiative.backer, initiative.backs_year, initiative.backs)] = index
        award_ids = dict(zip(sorted(backed), allocate_ids(Award, len(backed)), strict=True))
        with TableWriter(Award) as writer:
            for key in sorted(backed):
                p, y, bit = key
                writer.add({"id": award_ids[key], **self._person_award(p, y, bit)})
        count = writer.count
        with TableWriter(Award, with_pk=False) as writer:
            for p in tqdm(range(len(self.people)), desc="Khen thưởng", unit=" người", disable=disable):
                for y in range(years):
                    bits = self.bits[p * years + y] & AWARD_BITS
                    while bits:
                        bit = bits & -bits
                        bits ^= bit
                        if (p, y, bit) not in backed:
                            writer.add(self._person_award(p, y, bit))
            for u in range(len(self.units)):
                for y in range(years):
                    bits = self.unit_bits[u * years + y]
                    while bits:
                        bit = bits & -bits
                        bits ^= bit
                        writer.add(self._unit_award(u, y, bit))
        report.awards = count + writer.count
        report.timings["awards"] = time.perf_counter() - phase

        phase = time.perf_counter()
        initiative_ids = allocate_ids(Initiative, len(self.initiatives))
        with TableWriter(Initiative) as writer:
            for index, initiative in enumerate(self.initiatives):
                writer.add(self._initiative_row(initiative, initiative_ids[index], award_ids))
        report.initiatives = writer.count
        with TableWriter(InitiativeAuthor, with_pk=False) as writer:
            for index, initiative in enumerate(self.initiatives):
                authors = (initiative.author, *initiative.coauthors)
                shares = [100] if len(authors) == 1 else [60, 40] if len(authors) == 2 else [50, 30, 20]
                for author, share in zip(authors, shares, strict=True):
                    writer.add({"initiative_id": initiative_ids[index], "person_id": self.people[author][0],
                                "share": share})  # fmt: skip
        report.authors = writer.count
        with TableWriter(Discipline, with_pk=False) as writer:
            for item in self.disciplines:
                u = self.memberships[item.person][self.at[item.person * years + item.year]][0]
                writer.add({
                    "person_id": self.people[item.person][0], "period_kind": self.units[u].period_kind,
                    "year": self.years[item.year], "status": item.status, "kind": item.kind,
                    "severity": DISCIPLINE_SEVERITY.get(item.kind, 0), "start_date": item.start,
                    "end_date": item.end, "reason": item.reason,
                    "decision_number": f"{self.decision_rng.randint(5, 900)}/QĐ-KL"
                    if item.status == DisciplineStatus.IN_EFFECT else "",
                })  # fmt: skip
        report.disciplines = writer.count
        report.timings["initiatives_discipline"] = time.perf_counter() - phase

    def _issuer(self, u: int, level: str, post_reform: bool) -> tuple:
        """(authority id, name, document code) of who decides ``level`` awards for unit index ``u``."""
        key = (u, level, post_reform)
        if key in self.issuers:
            return self.issuers[key]
        if level in ("ttg", "ctn"):
            found = self.central["thu_tuong" if level == "ttg" else "chu_tich_nuoc"]
            name = "Thủ tướng Chính phủ" if level == "ttg" else "Chủ tịch nước"
            result = (found[0], found[1], "TTg" if level == "ttg" else "CTN") if found else (None, name, "TTg")
        else:
            result = None
            index = self.root_index if level == "province" else u
            while index >= 0 and result is None:
                for authority_id, name, kind, document, valid_to in self.units[index].authorities:
                    if post_reform and valid_to is not None and valid_to < TWO_TIER_FROM:
                        continue
                    if level == "grassroots" and kind == "ct_ubnd_xa" and not post_reform:
                        continue
                    if level == "province" and kind != "ct_ubnd_tinh":
                        continue
                    result = (authority_id, name, document)
                    break
                index = self.units[index].parent
            if result is None:
                root = self.units[self.root_index].name
                result = (None, f"Chủ tịch Ủy ban nhân dân {root[0].lower()}{root[1:]}", "UBND")
        self.issuers[key] = result
        return result

    def _decision(self, issuer: tuple, spec: AwardSpec, period_kind: str, y: int, end: dt.date) -> tuple[str, dt.date]:
        key = (issuer, spec.code, spec.commendation, period_kind, y)
        if key not in self.decisions:
            rng = self.decision_rng
            school = period_kind == PeriodKind.SCHOOL_YEAR
            if spec.timing == "during":
                day = end - dt.timedelta(days=rng.randrange(300))
            else:
                earliest, span = {
                    "title": (-15 if not school else -50, 45),
                    "province": (15 if not school else -30, 100),
                    "ttg": (90, 180),
                    "ctn": (150, 200),
                }[spec.timing]
                day = end + dt.timedelta(days=earliest + rng.randrange(span))
            counter = (issuer[1], day.year)
            number = self.numbers.get(counter, 0) + rng.randint(3, 40)
            self.numbers[counter] = number
            self.decisions[key] = (f"{number}/QĐ-{issuer[2]}", day)
        return self.decisions[key]

    def _common(self, spec: AwardSpec, u: int, issuer_unit: int, y: int) -> dict:
        unit = self.units[u]
        end = unit.ends[y]
        versions = self.versions[spec.code]
        version = next((v for v in versions if v[1] <= end and (v[2] is None or end <= v[2])), None)
        if version is None:
            version = versions[0] if end < versions[0][1] else versions[-1]
        issuer = self._issuer(issuer_unit, spec.issuer, end >= TWO_TIER_FROM)
        number, day = self._decision(issuer, spec, unit.period_kind, y, end)
        return {
            "award_type_id": version[0], "award_code": spec.code, "commendation_kind": spec.commendation,
            "counts_toward_merit": spec.commendation == CommendationKind.MERIT and version[3],
            "period_kind": unit.period_kind, "year": self.years[y], "decision_number": number, "decision_date": day,
            "authority_id": issuer[0], "authority_name": issuer[1], "achievement": self._achievement(spec, y),
        }  # fmt: skip

    def _achievement(self, spec: AwardSpec, y: int) -> str:
        year = self.years[y]
        if spec.commendation == CommendationKind.MOVEMENT:
            theme = THEMES.get(year) or DEFAULT_THEMES[year % len(DEFAULT_THEMES)]
            return f"Có thành tích xuất sắc trong phong trào thi đua “{theme}”."
        if spec.commendation == CommendationKind.AD_HOC:
            return ADHOC_ACHIEVEMENTS[year % len(ADHOC_ACHIEVEMENTS)]
        if spec.code in ("GK", "BK_TINH", "BK_TTG", "HCLD3"):
            return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}."
        return ""

    def _person_award(self, p: int, y: int, bit: int) -> dict:
        person = self.people[p]
        u, position, _leader, _start, _end = self.memberships[p][self.at[p * len(self.years) + y]]
        row = self._common(SPECS[bit], u, u, y)
        row.update({
            "person_id": person[0], "recipient_name": person[1], "gender": person[2], "birth_year": person[3],
            "ethnicity_name": person[4] or "", "is_minority": bool(person[5]), "is_direct_worker": person[6],
            "position_category": person[7], "position": position, "unit_name": self.units[u].name,
        })  # fmt: skip
        return row

    def _unit_award(self, u: int, y: int, bit: int) -> dict:
        unit = self.units[u]
        row = self._common(SPECS[bit], u, unit.parent if unit.parent >= 0 else u, y)
        parent = self.units[unit.parent].name if unit.parent >= 0 else ""
        row.update({"unit_id": unit.id, "recipient_name": unit.name, "unit_name": parent})
        return row

    def _initiative_row(self, initiative: _Initiative, initiative_id: int, award_ids: dict) -> dict:
        rng = self.decision_rng
        unit = self.units[initiative.unit]
        end = unit.ends[initiative.year]
        topic = rng.choice(TOPICS.get(unit.sector, TOPICS["general"]))
        if initiative.kind == InitiativeKind.RESEARCH:
            title = f"{RESEARCH_PREFIX} {topic[0].lower()}{topic[1:]} tại {unit.name}"
        else:
            title = f"{topic} tại {unit.name}"
        if initiative.level == RecognitionLevel.GRASSROOTS:
            by = self._issuer(initiative.unit, "grassroots", end >= TWO_TIER_FROM)[1]
        elif initiative.level == RecognitionLevel.PROVINCE:
            by = self._issuer(self.root_index, "province", end >= TWO_TIER_FROM)[1]
        else:
            by = "Bộ Khoa học và Công nghệ"
        backed = (
            award_ids.get((initiative.backer, initiative.backs_year, initiative.backs)) if initiative.backs else None
        )
        return {
            "id": initiative_id, "title": title[:500], "kind": initiative.kind, "level": initiative.level,
            "recognised_on": end - dt.timedelta(days=20 + rng.randrange(120)), "recognised_by": by[:300],
            "unit_id": unit.id, "backed_award_id": backed, "period_kind": unit.period_kind,
            "year": self.years[initiative.year],
        }  # fmt: skip


def _scripted_rank(ratings: str, y: int) -> int:
    return int(ratings[y]) if y < len(ratings) and ratings[y].isdigit() else 0


def _versions() -> dict[str, list[tuple[int, dt.date, dt.date | None, bool]]]:
    """(id, valid_from, valid_to, counts_toward_merit) of each award type's versions, oldest first."""
    versions: dict[str, list] = {}
    rows = AwardType.objects.order_by("code", "valid_from").values_list(
        "code", "id", "valid_from", "valid_to", "counts_toward_merit"
    )
    for code, type_id, valid_from, valid_to, merit in rows:
        versions.setdefault(code, []).append((type_id, valid_from, valid_to, merit))
    missing = {spec.code for spec in SPECS.values()} - set(versions)
    if missing:
        raise LookupError(f"Award types missing (run `thidua load_catalog` first): {sorted(missing)}")
    return versions


def _months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def _months_before(day: dt.date, months: int) -> dt.date:
    return _months_after(day, -months)


def generate_history(root: OrgUnit, *, first_year: int, last_year: int, seed: int | str, progress: bool = False,
                     exclude_people: Iterable[int] = (), scripts: dict[int, PersonScript] | None = None,
                     unit_scripts: dict[int, UnitScript] | None = None,
                     higher_awards_in_last_year: bool = True) -> HistoryReport:  # fmt: skip
    """Draw and insert the history of ``root``'s subtree for the periods ``first_year``..``last_year``.

    The caller holds the transaction (and records the audit action): this only inserts rows. People in
    ``exclude_people`` get nothing; people and units in ``scripts`` / ``unit_scripts`` (by id) get the history their
    script spells out instead of a drawn one. Without ``higher_awards_in_last_year`` the last period holds only what
    its grassroots issuers decide (ratings, LĐTT, CSTĐCS, TTLĐTT, Giấy khen): its province-level and state awards are
    still to be proposed, as in a demo set in that year.
    """
    if last_year < first_year:
        raise ValueError("last_year must not be before first_year")
    started = time.perf_counter()
    report = HistoryReport()
    history = _History(root, first_year=first_year, last_year=last_year, seed=seed, exclude_people=exclude_people,
                       scripts=scripts or {}, unit_scripts=unit_scripts or {},
                       higher_awards_in_last_year=higher_awards_in_last_year)  # fmt: skip
    phase = time.perf_counter()
    history.load()
    report.timings["load"] = time.perf_counter() - phase
    phase = time.perf_counter()
    history.draw()
    report.timings["draw"] = time.perf_counter() - phase
    history.write(report, progress)
    report.seconds = time.perf_counter() - started
    return report


def analyze_history_tables() -> None:
    """Fresh planner statistics after a bulk load."""
    with connection.cursor() as cursor:
        for model in (Rating, Award, Initiative, InitiativeAuthor, Discipline):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def delete_statements(units_sql: str, people_sql: str) -> list[str]:
    """Raw DELETEs of the history of a subtree (``province.delete_province``), history before people and units."""
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    authors, initiatives = table(InitiativeAuthor), table(Initiative)
    # Initiatives first (found through their authors), then the authors left without an initiative: foreign keys
    # are checked at commit on both databases.
    return [
        f"DELETE FROM {initiatives} WHERE unit_id IN ({units_sql}) "
        f"OR id IN (SELECT initiative_id FROM {authors} WHERE person_id IN ({people_sql}))",
        f"DELETE FROM {authors} WHERE person_id IN ({people_sql}) OR NOT EXISTS "
        f"(SELECT 1 FROM {initiatives} WHERE {initiatives}.id = {authors}.initiative_id)",
        f"DELETE FROM {table(Rating)} WHERE person_id IN ({people_sql}) OR unit_id IN ({units_sql})",
        f"DELETE FROM {table(Discipline)} WHERE person_id IN ({people_sql}) OR unit_id IN ({units_sql})",
        f"DELETE FROM {table(Award)} WHERE person_id IN ({people_sql}) OR unit_id IN ({units_sql})",
    ]
