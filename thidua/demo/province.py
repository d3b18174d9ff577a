"""``thidua gen_province``: a synthetic province of any size, for benchmarks and load tests.

The shape follows a real province of the three-tier era (before 1 July 2025): the province and its ~20 departments
(sở, ban, ngành) with their divisions, public-service units, hospitals and upper secondary schools; districts
(huyện, thị xã) with their divisions, schools and enterprises; communes, wards and townships (xã, phường, thị trấn)
with their villages and residential groups (thôn, tổ dân phố); the mass organisations. With ``two_tier`` the
communes hang directly under the province, as since the 2025 reform. People are spread over the units by the size
such units really have (a hospital employs many more than a commune office), with the staff of
``thidua.demo.positions`` and the names of ``thidua.demo.names``; about one in ten has an earlier membership.

Everything is drawn from ``random.Random(seed)`` in a fixed order, so one seed always gives the same province:
the same names, codes and paths (ids differ when the database already holds rows). Rows go in with
``thidua.demo.bulk`` (COPY on PostgreSQL), ids and tree paths allocated in Python, no per-row save. The whole load
is one transaction and one audit action. With ``years`` it also draws that many years of history up to
``last_year`` (ratings, titles, awards, initiatives, discipline: ``thidua.demo.history``) in the same transaction.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

from thidua.audit.context import acting_as_system
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, AuthorityKind
from thidua.core.text import fold, normalize, person_sort_key, search_words, sort_key, split_name
from thidua.demo.bulk import TableWriter, allocate_ids
from thidua.demo.history import HistoryReport, analyze_history_tables, delete_statements, generate_history
from thidua.demo.names import NameGenerator, birth_date, career_start, citizen_id
from thidua.demo.positions import CIVIL_SERVANT, STAFF, Slot, position_title, titles_for
from thidua.orgs.models import (
    PATH_SEGMENT,
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterRole,
    Ethnicity,
    Membership,
    OrgUnit,
    Person,
    PersonNameToken,
    Sector,
    UnitKind,
    path_segment,
)

TODAY = dt.date(2021, 1, 1)
LAST_HISTORY_YEAR = 2024  # the last full year of the three-tier era (NĐ 98/2023)
CLUSTER_YEAR = 2021
SYSTEM_LABEL = "gen_province"

# (name, sector): Sở Nội vụ first, since it hosts the emulation board, then the two largest sectors.
DEPARTMENTS = (
    ("Sở Nội vụ", "general"), ("Sở Giáo dục và Đào tạo", "education"), ("Sở Y tế", "health"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "general"), ("Sở Tư pháp", "general"), ("Sở Kế hoạch và Đầu tư", "economy"),
    ("Sở Tài chính", "economy"), ("Sở Công Thương", "economy"), ("Sở Nông nghiệp và Phát triển nông thôn", "economy"),
    ("Sở Giao thông vận tải", "economy"), ("Sở Xây dựng", "economy"), ("Sở Tài nguyên và Môi trường", "economy"),
    ("Sở Thông tin và Truyền thông", "media"), ("Sở Lao động - Thương binh và Xã hội", "general"),
    ("Sở Văn hóa, Thể thao và Du lịch", "culture"), ("Sở Khoa học và Công nghệ", "general"),
    ("Sở Ngoại vụ", "general"), ("Thanh tra tỉnh", "general"), ("Ban Dân tộc", "general"),
    ("Ban Quản lý các khu công nghiệp", "economy"),
)  # fmt: skip
DEPARTMENT_DIVISIONS = (
    "Văn phòng", "Thanh tra", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý chuyên ngành",
    "Phòng Pháp chế",
)  # fmt: skip
PUBLIC_SERVICE = ("Trung tâm Dịch vụ", "Trung tâm Thông tin", "Trung tâm Kỹ thuật", "Trung tâm Đào tạo")
DISTRICT_DIVISIONS = (
    "Văn phòng HĐND và UBND", "Phòng Nội vụ", "Phòng Giáo dục và Đào tạo", "Phòng Tài chính - Kế hoạch",
    "Phòng Y tế", "Phòng Văn hóa và Thông tin", "Phòng Tư pháp", "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Tài nguyên và Môi trường", "Phòng Lao động - Thương binh và Xã hội",
)  # fmt: skip
MASS_ORGANISATIONS = (
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh",
)  # fmt: skip
INDUSTRIES = (
    "Cơ khí", "May mặc", "Thủy sản", "Xây dựng", "Vận tải", "Thương mại", "Dệt may", "Chế biến nông sản",
    "Logistics", "Điện tử", "Vật liệu xây dựng", "Dược phẩm", "Giày da", "Gốm sứ", "Cấp nước", "Môi trường đô thị",
)  # fmt: skip
COMPANY_FORMS = ("Công ty Cổ phần", "Công ty TNHH", "Công ty TNHH một thành viên")
SCHOOL_LEVELS = ("Trường Mầm non", "Trường Tiểu học", "Trường THCS")

# How many units of each kind a 3,000-unit province has; smaller or larger sizes scale them. Villages fill the rest.
SHAPE_AT_3000 = {
    "departments": 20, "department_divisions": 80, "public_service": 40, "hospitals": 15, "upper_schools": 40,
    "districts": 10, "district_divisions": 60, "communes": 100, "schools": 300, "enterprises": 60,
    "mass_organisations": 6,
}  # fmt: skip
MINIMUM = {"departments": 1, "districts": 1, "communes": 2}
# When a small size cannot hold the whole shape, these give way first.
GIVE_WAY = ("schools", "department_divisions", "district_divisions", "public_service", "enterprises",
            "upper_schools", "hospitals", "mass_organisations", "communes", "departments", "districts")  # fmt: skip

# Relative headcount of one unit of each kind (a hospital is a big employer, a commune office a small one).
HEADCOUNT = {
    "province": 4, "department": 12, "division": 6, "agency": 8, "public_service": 20, "hospital": 150,
    "school": 25, "rural_district": 8, "town": 8, "commune": 10, "ward": 10, "township": 10, "special_zone": 10,
    "village": 45, "enterprise": 60, "mass_org": 8,
}  # fmt: skip
GENERIC_STAFF = Slot("Chuyên viên", CIVIL_SERVANT, 1, female_share=0.55)


class ProvinceExists(Exception):
    """A province with the requested code is already in the database."""


@dataclass
class GenUnit:
    id: int
    code: str
    name: str
    kind: str
    sector: str
    parent: GenUnit | None
    path: str
    branch: int  # id of the ancestor just under the province (itself at that depth): past jobs stay in a branch
    staff: str = ""  # STAFF key when not the kind's own
    place: str = ""  # the bare place name of a locality ("Tân Phú"), for names of what lies in it
    head_title: str = ""
    deputy_title: str = ""

    @property
    def depth(self) -> int:
        return len(self.path) // PATH_SEGMENT - 1


@dataclass
class Report:
    province_id: int = 0
    units: int = 0
    people: int = 0
    memberships: int = 0
    tokens: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    history: HistoryReport | None = None


def plan_shape(units: int) -> dict[str, int]:
    """How many units of each kind, for ``units`` in all (villages take what is left)."""
    scale = units / 3000
    shape = {name: max(MINIMUM.get(name, 0), round(count * scale)) for name, count in SHAPE_AT_3000.items()}
    shape["departments"] = min(shape["departments"], len(DEPARTMENTS))
    shape["mass_organisations"] = min(shape["mass_organisations"], len(MASS_ORGANISATIONS))
    give_way = itertools.cycle(GIVE_WAY)
    while 1 + sum(shape.values()) > units:
        name = next(give_way)
        if shape[name] > MINIMUM.get(name, 0):
            shape[name] -= 1
        if all(shape[key] <= MINIMUM.get(key, 0) for key in GIVE_WAY) and 1 + sum(shape.values()) > units:
            raise ValueError(f"A province needs at least {1 + sum(MINIMUM.values())} units.")
    shape["villages"] = units - 1 - sum(shape.values())
    return shape


class _TreeBuilder:
    def __init__(self, ids: list[int], code: str) -> None:
        self.ids = iter(ids)
        self.code = code
        self.units: list[GenUnit] = []
        self.width = max(5, len(str(len(ids))))

    def add(self, parent: GenUnit | None, kind: str, name: str, sector: str = "general", **extra) -> GenUnit:
        unit_id = next(self.ids)
        code = self.code if parent is None else f"{self.code}-{len(self.units):0{self.width}d}"
        path = (parent.path if parent else "") + path_segment(unit_id)
        if parent is None:
            branch = 0
        elif parent.parent is None:
            branch = unit_id
        else:
            branch = parent.branch
        unit = GenUnit(unit_id, code, normalize(name), kind, sector, parent, path, branch, **extra)
        self.units.append(unit)
        return unit


def _round_robin(parents: list[GenUnit], count: int) -> list[GenUnit]:
    return [parents[index % len(parents)] for index in range(count)] if parents else []


def build_tree(rng: random.Random, names: NameGenerator, *, code: str, units: int, two_tier: bool,
               ids: list[int]) -> list[GenUnit]:  # fmt: skip
    shape = plan_shape(units)
    if two_tier:
        shape["communes"] += shape["districts"] + shape["district_divisions"]
        shape["districts"] = shape["district_divisions"] = 0
    tree = _TreeBuilder(ids, code)
    used_places: set[str] = set()
    province_place = names.place(avoid=used_places)
    province = tree.add(None, "province", f"Tỉnh {province_place}", place=province_place)

    departments = [
        tree.add(province, "department", name, sector) for name, sector in DEPARTMENTS[: shape["departments"]]
    ]
    for name in MASS_ORGANISATIONS[: shape["mass_organisations"]]:
        tree.add(province, "mass_org", name, "mass_org")

    districts = []
    for index in range(shape["districts"]):
        place = names.place(avoid=used_places)
        kind, label = ("town", "Thị xã") if index % 7 == 3 else ("rural_district", "Huyện")
        districts.append(tree.add(province, kind, f"{label} {place}", place=place))

    communes = []
    for parent in _round_robin(districts or [province], shape["communes"]):
        place = names.place(avoid=used_places)
        draw = rng.random()
        if two_tier:
            kind, label = ("ward", "Phường") if draw < 0.3 else ("commune", "Xã")
        elif parent.kind == "town":
            kind, label = ("ward", "Phường") if draw < 0.6 else ("commune", "Xã")
        else:
            kind, label = ("township", "Thị trấn") if draw < 0.07 else ("commune", "Xã")
        communes.append(tree.add(parent, kind, f"{label} {place}", place=place))

    for index, department in enumerate(_round_robin(departments, shape["department_divisions"])):
        if department.name == "Sở Nội vụ" and index == 0:
            tree.add(department, "agency", "Ban Thi đua - Khen thưởng", head_title="Trưởng ban",
                     deputy_title="Phó Trưởng ban")  # fmt: skip
            continue
        title = DEPARTMENT_DIVISIONS[(index // len(departments)) % len(DEPARTMENT_DIVISIONS)]
        tree.add(department, "division", f"{title} {department.name}")
    by_name = {department.name: department for department in departments}
    others = [d for d in departments if d.name not in ("Sở Giáo dục và Đào tạo", "Sở Y tế")] or departments
    for index, department in enumerate(_round_robin(others, shape["public_service"])):
        field_name = department.name.removeprefix("Sở ").removeprefix("Ban ")
        tree.add(department, "public_service", f"{PUBLIC_SERVICE[index % len(PUBLIC_SERVICE)]} {field_name}",
                 department.sector)  # fmt: skip
    health = by_name.get("Sở Y tế", departments[0])
    for index in range(shape["hospitals"]):
        place = (districts or communes)[index % len(districts or communes)].place
        label = "Bệnh viện Đa khoa" if index >= 3 else ("Bệnh viện Đa khoa tỉnh", "Bệnh viện Sản - Nhi",
                                                        "Bệnh viện Y học cổ truyền")[index]  # fmt: skip
        tree.add(health, "hospital", label if index < 3 else f"{label} {place}", "health")
    education = by_name.get("Sở Giáo dục và Đào tạo", departments[0])
    for index in range(shape["upper_schools"]):
        school_place = names.place()
        tree.add(education, "school", f"Trường THPT {school_place}" if index else "Trường THPT chuyên",
                 "education", staff="gifted_school" if index == 0 else "")  # fmt: skip

    for index, district in enumerate(_round_robin(districts, shape["district_divisions"])):
        title = DISTRICT_DIVISIONS[(index // len(districts)) % len(DISTRICT_DIVISIONS)]
        label = district.name[0].lower() + district.name[1:]
        sector = "education" if "Giáo dục" in title else "general"
        tree.add(district, "division", f"{title} {label}", sector)

    for index, commune in enumerate(_round_robin(communes, shape["schools"])):
        level = SCHOOL_LEVELS[(index // len(communes)) % len(SCHOOL_LEVELS)]
        number = index // (len(communes) * len(SCHOOL_LEVELS))
        suffix = f" số {number + 1}" if number else ""
        school_parent = (
            commune.parent if (commune.parent is not None and commune.parent.kind != "province") else commune
        )
        tree.add(school_parent, "school", f"{level} {commune.place}{suffix}", "education")

    for index in range(shape["enterprises"]):
        if index % 3 == 0 or not districts:
            parent = province
            name = f"{rng.choice(COMPANY_FORMS)} {rng.choice(INDUSTRIES)} {names.place()}"
        elif index % 3 == 1:
            parent = districts[index % len(districts)]
            name = f"{rng.choice(COMPANY_FORMS)} {rng.choice(INDUSTRIES)} {parent.place}"
        else:
            commune = communes[index % len(communes)]
            parent = commune.parent if commune.parent is not province else commune
            name = f"Hợp tác xã Nông nghiệp {commune.place}"
        tree.add(parent, "enterprise", name, "enterprise")

    numbers: dict[int, int] = {}
    for commune in _round_robin(communes, shape["villages"]):
        numbers[commune.id] = numbers.get(commune.id, 0) + 1
        if commune.kind == "commune":
            tree.add(commune, "village", f"Thôn {names.place()}", head_title="Trưởng thôn",
                     deputy_title="Phó Trưởng thôn")  # fmt: skip
        else:
            tree.add(commune, "village", f"Tổ dân phố số {numbers[commune.id]}", staff="residential_group",
                     head_title="Tổ trưởng tổ dân phố", deputy_title="Tổ phó tổ dân phố")  # fmt: skip
    return tree.units


def headcounts(units: list[GenUnit], people: int) -> list[int]:
    """People per unit in proportion to HEADCOUNT, summing exactly to ``people`` (largest remainder)."""
    weights = [HEADCOUNT.get(unit.kind, 5) for unit in units]
    total = sum(weights)
    exact = [people * weight / total for weight in weights]
    counts = [int(value) for value in exact]
    order = sorted(range(len(units)), key=lambda index: (counts[index] - exact[index], index))
    for index in order[: people - sum(counts)]:
        counts[index] += 1
    return counts


class _Memo(dict):
    """A dict that computes a missing value with ``factory`` (names repeat a lot: each is folded once)."""

    def __init__(self, factory: Callable) -> None:
        super().__init__()
        self.factory = factory

    def __missing__(self, key):
        value = self[key] = self.factory(key)
        return value


def _staff_plan(unit: GenUnit, count: int, rng: random.Random) -> list[tuple[Slot, str]]:
    """``count`` (slot, position title) pairs for a unit: its leaders first, then its other positions at random."""
    template = STAFF.get(unit.staff or unit.kind) or [GENERIC_STAFF]
    head_title, deputy_title = titles_for(unit.kind, unit.head_title, unit.deputy_title)
    plan: list[tuple[Slot, str]] = []
    for slot in template:
        if slot.is_leader:
            wanted = slot.count if isinstance(slot.count, int) else slot.count[0] or 1
            plan += [(slot, position_title(slot, head_title, deputy_title))] * min(wanted, count - len(plan))
    others = [slot for slot in template if not slot.is_leader] or [GENERIC_STAFF]
    cumulative = list(itertools.accumulate(
        slot.count if isinstance(slot.count, int) else sum(slot.count) / 2 for slot in others
    ))  # fmt: skip
    for _index in range(count - len(plan)):
        slot = others[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
        plan.append((slot, slot.position))
    return plan


def generate_province(*, code: str, units: int, people: int, seed: int, two_tier: bool = False,
                      progress: bool = True, replace: bool = False, years: int = 0,
                      last_year: int = LAST_HISTORY_YEAR) -> Report:  # fmt: skip
    """Generate a province into the database (one transaction). Raises ProvinceExists unless ``replace``.

    ``years``: how many periods of history to draw, ending with ``last_year`` (0: none).
    """
    from tqdm import tqdm

    started = time.perf_counter()
    report = Report()
    with transaction.atomic(), acting_as_system(SYSTEM_LABEL):
        existing = OrgUnit.objects.filter(code=code).first()
        if existing is not None:
            if not replace:
                raise ProvinceExists(code)
            delete_province(existing)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # A bigger page cache for this connection (default 2 MB): index pages of the large tables stay in
                # memory instead of spilling to the WAL on every batch, which makes the load I/O-bound.
                cursor.execute("PRAGMA cache_size = -262144")
        rng = random.Random(seed)
        names = NameGenerator(rng)
        kinds = dict(UnitKind.objects.values_list("code", "id"))
        sectors = dict(Sector.objects.values_list("code", "id"))
        ethnicities = dict(Ethnicity.objects.values_list("code", "id"))
        missing = {"province", "department", "commune", "village"} - set(kinds)
        if missing:
            raise LookupError(f"Unit kinds missing (run `thidua load_catalog` first): {sorted(missing)}")

        # 1. The tree: ids and paths computed here, one row per unit, parents before children.
        phase = time.perf_counter()
        tree = build_tree(rng, names, code=code, units=units, two_tier=two_tier,
                          ids=allocate_ids(OrgUnit, units))  # fmt: skip
        with TableWriter(OrgUnit) as writer:
            for unit in tqdm(tree, desc="Đơn vị", unit=" đv", disable=None if progress else True):
                writer.add({
                    "id": unit.id, "code": unit.code, "name": unit.name, "kind_id": kinds[unit.kind],
                    "sector_id": sectors.get(unit.sector), "parent_id": unit.parent.id if unit.parent else None,
                    "path": unit.path, "depth": unit.depth, "name_folded": fold(unit.name),
                    "sort_key": sort_key(unit.name)[:255],
                })  # fmt: skip
        report.units = len(tree)
        report.province_id = tree[0].id
        report.timings["units"] = time.perf_counter() - phase

        # 2. People, streamed; their memberships and name tokens are kept as small tuples for the next passes.
        phase = time.perf_counter()
        derived = _Memo(lambda name: (*split_name(name), fold(name), person_sort_key(name)))
        tokens_of = _Memo(lambda name: tuple(dict.fromkeys(search_words(name))))
        branches: dict[int, list[GenUnit]] = {}
        for unit in tree:
            if unit.kind != "village" and unit.branch:
                branches.setdefault(unit.branch, []).append(unit)
        localities = [unit for unit in tree if unit.kind in ("commune", "ward", "township")]
        hometowns = [f"{unit.name}, {unit.parent.name}" for unit in localities]
        counts = headcounts(tree, people)
        person_ids = allocate_ids(Person, people)
        memberships: list[tuple] = []
        token_rows: list[tuple[int, str]] = []
        next_id = iter(person_ids)
        with TableWriter(Person) as writer, tqdm(total=people, desc="Cá nhân", unit=" người",
                                                 disable=None if progress else True) as bar:  # fmt: skip
            for unit, count in zip(tree, counts, strict=True):
                for slot, position in _staff_plan(unit, count, rng):
                    person_id = next(next_id)
                    name = names.person(female_share=slot.female_share)
                    born = birth_date(rng, min_age=slot.min_age, max_age=slot.max_age, on=TODAY)
                    family, middle, given, folded, key = derived[name.full_name]
                    outside = slot.category == CIVIL_SERVANT and rng.random() < 0.004
                    writer.add({
                        "id": person_id, "full_name": name.full_name, "family_name": family, "middle_name": middle,
                        "given_name": given, "gender": name.gender, "birth_date": born, "birth_year": born.year,
                        "ethnicity_id": ethnicities.get(name.ethnicity_code),
                        "id_number": citizen_id(rng, birth=born, gender=name.gender) if rng.random() < 0.6 else "",
                        "is_direct_worker": slot.is_direct_worker and not outside,
                        "position_category": "citizen" if outside else slot.category,
                        "hometown": rng.choice(hometowns) if hometowns and rng.random() < 0.4 else "",
                        "owner_unit_id": unit.id if outside else None,
                        "death_date": dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(700))
                        if rng.random() < 0.0005 else None,
                        "name_folded": folded, "sort_key": key,
                    })  # fmt: skip
                    token_rows.extend((person_id, token) for token in tokens_of[name.full_name])
                    bar.update()
                    if outside:
                        continue  # a citizen known to the unit, outside the tree
                    start = career_start(rng, born, first_age=slot.min_age, earliest=dt.date(1985, 1, 1))
                    memberships.append((person_id, unit.id, position, slot.is_leader, start, None))
                    if not slot.is_leader and rng.random() < 0.1 and unit.branch:
                        earlier = rng.choice(branches[unit.branch])
                        first = dt.date(born.year + 20, 9, 1)
                        if earlier.id != unit.id and start - dt.timedelta(days=400) > first:
                            before = first + dt.timedelta(days=rng.randrange((start - first).days - 399))
                            memberships.append(
                                (person_id, earlier.id, position, False, before, start - dt.timedelta(days=1))
                            )
        report.people = people
        report.timings["people"] = time.perf_counter() - phase

        phase = time.perf_counter()
        with TableWriter(PersonNameToken, with_pk=False) as writer:
            for person_id, token in tqdm(
                token_rows, desc="Từ khóa tên", unit=" từ", disable=None if progress else True
            ):
                writer.add({"person_id": person_id, "token": token})
        report.tokens = len(token_rows)
        report.timings["tokens"] = time.perf_counter() - phase

        phase = time.perf_counter()
        with TableWriter(Membership, with_pk=False) as writer:
            for person_id, unit_id, position, leader, start, end in tqdm(
                memberships, desc="Quá trình công tác", unit=" dòng", disable=None if progress else True
            ):
                writer.add({"person_id": person_id, "unit_id": unit_id, "position": position, "is_leader": leader,
                            "start_date": start, "end_date": end, "is_primary": True})  # fmt: skip
        report.memberships = len(memberships)
        report.timings["memberships"] = time.perf_counter() - phase

        phase = time.perf_counter()
        _authorities_and_clusters(tree)
        report.timings["authorities_clusters"] = time.perf_counter() - phase
        province = OrgUnit.objects.get(pk=report.province_id)
        data = {"seed": seed, "units": report.units, "people": report.people, "memberships": report.memberships,
                "two_tier": two_tier}  # fmt: skip
        if years > 0:
            report.history = generate_history(province, first_year=last_year - years + 1, last_year=last_year,
                                              seed=seed, progress=progress)  # fmt: skip
            report.timings.update({f"history_{key}": value for key, value in report.history.timings.items()})
            data.update({"years": years, "last_year": last_year, "ratings": report.history.ratings,
                         "awards": report.history.awards, "initiatives": report.history.initiatives,
                         "disciplines": report.history.disciplines})  # fmt: skip
        record_action(province, code="orgs.orgunit.generated", by=None, data=data)
    # Fresh statistics for the planner: without them SQLite, for one, reads every membership of the province to
    # prefetch the current units of one page of people (measured: 140 ms instead of 3 ms at 150,000 people).
    phase = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (OrgUnit, Person, PersonNameToken, Membership):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    if years > 0:
        analyze_history_tables()
    report.timings["analyze"] = time.perf_counter() - phase
    report.seconds = time.perf_counter() - started
    return report


def _authorities_and_clusters(tree: list[GenUnit]) -> None:
    """The province's granting authorities and its clusters of 2021 (a few hundred rows: plain bulk_create)."""
    province = tree[0]
    kinds = {kind.code: kind.pk for kind in AuthorityKind.objects.all()}
    province_body = f"ỦY BAN NHÂN DÂN {province.name.upper()}"
    authorities = []

    def authority(kind: str, unit: GenUnit, name: str, body: str, document_code: str, signer: str, **extra) -> None:
        if kind in kinds:
            authorities.append(Authority(
                kind_id=kinds[kind], unit_id=unit.id, name=name, issuing_body=body, document_code=document_code,
                signer_title=signer, place_name=extra.pop("place", province.place), **extra,
            ))  # fmt: skip

    authority("ct_ubnd_tinh", province, f"Chủ tịch Ủy ban nhân dân {province.name[0].lower()}{province.name[1:]}",
              province_body, "UBND", "CHỦ TỊCH")  # fmt: skip
    for unit in tree:
        if unit.kind == "department":
            initials = "".join(word[0] for word in fold(unit.name).upper().split() if word not in ("VA", "-"))
            authority("gd_so", unit, f"Giám đốc {unit.name}", unit.name.upper(), initials, "GIÁM ĐỐC",
                      parent_body=province_body)  # fmt: skip
        elif unit.kind in ("rural_district", "town"):
            authority("ct_ubnd_huyen", unit, f"Chủ tịch Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}",
                      f"ỦY BAN NHÂN DÂN {unit.name.upper()}", "UBND", "CHỦ TỊCH", place=unit.place,
                      valid_to=dt.date(2025, 6, 30))  # fmt: skip
        elif unit.kind in ("commune", "ward", "township"):
            authority("ct_ubnd_xa", unit, f"Chủ tịch Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}",
                      f"ỦY BAN NHÂN DÂN {unit.name.upper()}", "UBND", "CHỦ TỊCH", place=unit.place)  # fmt: skip
    Authority.objects.bulk_create(authorities, batch_size=500)

    groups: list[tuple[str, str, str, GenUnit, list[GenUnit]]] = [
        ("khoi-so", "Khối thi đua các sở, ban, ngành", ClusterKind.BLOC, province,
         [unit for unit in tree if unit.kind == "department"]),
        ("cum-huyen", "Cụm thi đua các huyện, thị xã", ClusterKind.CLUSTER, province,
         [unit for unit in tree if unit.kind in ("rural_district", "town")]),
        ("khoi-doan-the", "Khối thi đua Mặt trận Tổ quốc và các đoàn thể", ClusterKind.BLOC, province,
         [unit for unit in tree if unit.kind == "mass_org"]),
    ]  # fmt: skip
    localities: dict[int, list[GenUnit]] = {}
    for unit in tree:
        if unit.kind in ("commune", "ward", "township") and unit.parent is not None:
            localities.setdefault(unit.parent.id, []).append(unit)
    for parent_id, members in localities.items():
        parent = next(unit for unit in tree if unit.id == parent_id)
        label = parent.name[0].lower() + parent.name[1:]
        groups.append((f"cum-xa-{parent.code.lower()}", f"Cụm thi đua các xã, phường, thị trấn {label}",
                       ClusterKind.CLUSTER, parent, members))  # fmt: skip
    clusters, members = [], []
    for suffix, name, kind, organiser, units in groups:
        if len(units) < 2:
            continue
        cluster = Cluster(
            code=f"{province.code.lower()}-{suffix}"[:60], name=name, kind=kind, organiser_id=organiser.id
        )
        clusters.append(cluster)
        members.append(units)
    Cluster.objects.bulk_create(clusters)
    ClusterMembership.objects.bulk_create(
        [
            ClusterMembership(cluster=cluster, unit_id=unit.id, year=CLUSTER_YEAR,
                              role=ClusterRole.LEADER if index == 0 else ClusterRole.MEMBER)
            for cluster, units in zip(clusters, members, strict=True)
            for index, unit in enumerate(units)
        ],
        batch_size=1000,
    )  # fmt: skip


def delete_province(root: OrgUnit) -> None:
    """Remove a generated province: its units, their people and memberships, authorities and clusters.

    Raw DELETEs (a generated province is far too big for the ORM's collector). Rows of other apps pointing at these
    units or people make the database refuse at commit, which is the right answer for real data.
    """
    from thidua.accounts.models import RoleAssignment
    from thidua.orgs.models import Household, OrgUnitEvent

    low, high = root.path, f"{int(root.path) + 1:0{len(root.path)}d}"
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    units = f"SELECT id FROM {table(OrgUnit)} WHERE path >= %s AND path < %s"
    people = (
        f"SELECT person_id FROM {table(Membership)} WHERE unit_id IN ({units}) "
        f"UNION SELECT id FROM {table(Person)} WHERE owner_unit_id IN ({units})"
    )
    clusters = f"SELECT id FROM {table(Cluster)} WHERE organiser_id IN ({units})"
    # The history first (ratings, awards, initiatives, discipline of these people and units).
    statements = [(sql, sql.count("%s")) for sql in delete_statements(units, people)] + [
        # People before their memberships: the people are found through the memberships (foreign keys are
        # checked at commit on both databases).
        (f"DELETE FROM {table(PersonNameToken)} WHERE person_id IN ({people})", 4),
        (f"DELETE FROM {table(Person)} WHERE id IN ({people})", 4),
        (f"DELETE FROM {table(Membership)} WHERE unit_id IN ({units})", 2),
        (f"DELETE FROM {table(ClusterMembership)} WHERE unit_id IN ({units}) OR cluster_id IN ({clusters})", 4),
        (f"DELETE FROM {table(Cluster)} WHERE id IN ({clusters})", 2),
        (f"DELETE FROM {table(Authority)} WHERE unit_id IN ({units})", 2),
        (f"DELETE FROM {table(RoleAssignment)} WHERE unit_id IN ({units})", 2),
        (f"DELETE FROM {table(Household)} WHERE unit_id IN ({units})", 2),
        (f"DELETE FROM {table(OrgUnitEvent)} WHERE unit_id IN ({units})", 2),
        (f"DELETE FROM {table(OrgUnit)} WHERE path >= %s AND path < %s", 2),
    ]
    with connection.cursor() as cursor:
        for sql, repeats in statements:
            cursor.execute(sql, [low, high] * (repeats // 2))
