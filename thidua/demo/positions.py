"""Who works in each kind of unit: positions (chức vụ) with the report category, leader and direct-worker flags.

A ``Slot`` is one position; a unit's staff is its kind's list of slots. ``count`` is how many people hold the slot
in the Hải Phòng demo (a (low, high) pair is drawn at random); the synthetic province generator keeps the leader
slots as they are and fills the rest of a unit's headcount in proportion to the other slots' counts.
Heads and deputies take the title a unit gives them (Giám đốc, Trưởng ban, Cục trưởng, Bí thư …).
"""

from __future__ import annotations

from dataclasses import dataclass

# The codes of thidua.orgs.models.PositionCategory, spelled out so this module stays plain data.
PROVINCE_LEADER = "province_leader"
DEPARTMENT_LEADER = "department_leader"
OTHER_LEADER = "other_leader"
ENTREPRENEUR = "entrepreneur"
SCIENTIST = "scientist"
CIVIL_SERVANT = "civil_servant"
WORKER = "worker"
FARMER = "farmer"
ARMED_FORCES = "armed_forces"
STUDENT = "student"
CITIZEN = "citizen"

HEAD = "{head}"
DEPUTY = "{deputy}"


@dataclass(frozen=True)
class Slot:
    position: str  # may be HEAD or DEPUTY: the unit's own titles are put in
    category: str
    count: int | tuple[int, int] = 1
    is_leader: bool = False
    is_direct_worker: bool = False
    female_share: float = 0.5
    min_age: int = 23
    max_age: int = 59


def head(category: str, *, female_share: float = 0.25, min_age: int = 40) -> Slot:
    return Slot(HEAD, category, 1, is_leader=True, female_share=female_share, min_age=min_age, max_age=59)


def deputies(category: str, count: int | tuple[int, int] = 2, *, female_share: float = 0.35) -> Slot:
    return Slot(DEPUTY, category, count, is_leader=True, female_share=female_share, min_age=35, max_age=58)


# Default titles of the head and deputy of each kind of unit.
TITLES: dict[str, tuple[str, str]] = {
    "city": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "province": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "department": ("Giám đốc", "Phó Giám đốc"),
    "agency": ("Trưởng ban", "Phó Trưởng ban"),
    "public_service": ("Giám đốc", "Phó Giám đốc"),
    "urban_district": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "rural_district": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "town": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "ward": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "commune": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "township": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "special_zone": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "division": ("Trưởng phòng", "Phó Trưởng phòng"),
    "school": ("Hiệu trưởng", "Phó Hiệu trưởng"),
    "hospital": ("Giám đốc", "Phó Giám đốc"),
    "enterprise": ("Giám đốc", "Phó Giám đốc"),
    "mass_org": ("Chủ tịch", "Phó Chủ tịch"),
    "media": ("Giám đốc", "Phó Giám đốc"),
    "armed_forces": ("Chỉ huy trưởng", "Phó Chỉ huy trưởng"),
    "village": ("Trưởng thôn", "Phó Trưởng thôn"),
    "central": ("Thủ trưởng", "Phó Thủ trưởng"),
}

_COMMUNE_STAFF = [
    head(OTHER_LEADER, female_share=0.2, min_age=35),
    deputies(OTHER_LEADER, (0, 1)),
    Slot("Công chức Văn phòng - Thống kê", CIVIL_SERVANT, (0, 2), female_share=0.6),
    Slot("Công chức Tư pháp - Hộ tịch", CIVIL_SERVANT, (0, 1), female_share=0.55),
    Slot("Công chức Địa chính - Xây dựng", CIVIL_SERVANT, (0, 1), female_share=0.3),
    Slot("Công chức Văn hóa - Xã hội", CIVIL_SERVANT, (0, 2), female_share=0.5),
]

STAFF: dict[str, list[Slot]] = {
    "city": [head(PROVINCE_LEADER, female_share=0.1, min_age=45), deputies(PROVINCE_LEADER, 3, female_share=0.25)],
    "province": [head(PROVINCE_LEADER, female_share=0.1, min_age=45), deputies(PROVINCE_LEADER, 3)],
    "department": [
        head(DEPARTMENT_LEADER),
        deputies(DEPARTMENT_LEADER, 2),
        Slot("Chánh Văn phòng", OTHER_LEADER, 1, min_age=32),
        Slot("Trưởng phòng", OTHER_LEADER, (1, 2), min_age=32, female_share=0.35),
        Slot("Phó Trưởng phòng", OTHER_LEADER, 1, min_age=30),
        Slot("Chuyên viên", CIVIL_SERVANT, (3, 5), female_share=0.55),
        Slot("Kế toán", CIVIL_SERVANT, 1, female_share=0.8),
    ],
    "agency": [
        head(DEPARTMENT_LEADER),
        deputies(OTHER_LEADER, 1),
        Slot("Trưởng phòng", OTHER_LEADER, 1, min_age=32),
        Slot("Chuyên viên", CIVIL_SERVANT, (2, 4), female_share=0.55),
    ],
    "public_service": [
        head(OTHER_LEADER),
        deputies(OTHER_LEADER, 1),
        Slot("Viên chức", CIVIL_SERVANT, (3, 4), female_share=0.55),
    ],
    "urban_district": [
        head(DEPARTMENT_LEADER, female_share=0.15, min_age=42),
        deputies(DEPARTMENT_LEADER, 2),
        Slot("Chuyên viên", CIVIL_SERVANT, (2, 3), female_share=0.55),
    ],
    "rural_district": [
        head(DEPARTMENT_LEADER, female_share=0.15, min_age=42),
        deputies(DEPARTMENT_LEADER, 2),
        Slot("Chuyên viên", CIVIL_SERVANT, (2, 3), female_share=0.55),
    ],
    "town": [  # thị xã: a district-level town
        head(DEPARTMENT_LEADER, female_share=0.15, min_age=42),
        deputies(DEPARTMENT_LEADER, 2),
        Slot("Chuyên viên", CIVIL_SERVANT, (2, 3), female_share=0.55),
    ],
    "division": [
        head(OTHER_LEADER, female_share=0.35, min_age=33),
        deputies(OTHER_LEADER, 1),
        Slot("Chuyên viên", CIVIL_SERVANT, (2, 3), female_share=0.6),
    ],
    "ward": _COMMUNE_STAFF,
    "commune": _COMMUNE_STAFF,
    "township": _COMMUNE_STAFF,
    "special_zone": _COMMUNE_STAFF,
    "village": [
        head(CITIZEN, female_share=0.2, min_age=35),
        Slot("Nông dân", FARMER, (2, 4), is_direct_worker=True, female_share=0.5, min_age=25, max_age=70),
    ],
    # A tổ dân phố of a ward: a village in the tree, but townspeople rather than farmers.
    "residential_group": [
        head(CITIZEN, female_share=0.4, min_age=40),
        Slot("Tiểu thương", WORKER, (1, 2), is_direct_worker=True, female_share=0.7, min_age=25, max_age=65),
        Slot("Người lao động tự do", WORKER, (1, 2), is_direct_worker=True, female_share=0.4, min_age=20),
    ],
    "school": [
        head(OTHER_LEADER, female_share=0.6, min_age=38),
        deputies(OTHER_LEADER, 1, female_share=0.65),
        Slot("Giáo viên", CIVIL_SERVANT, (4, 6), is_direct_worker=True, female_share=0.78),
        Slot("Nhân viên văn phòng", CIVIL_SERVANT, 1, female_share=0.8),
    ],
    # A specialised upper secondary school (trường chuyên): its pupils win national prizes and are nominated.
    "gifted_school": [
        head(OTHER_LEADER, female_share=0.6, min_age=38),
        deputies(OTHER_LEADER, 1, female_share=0.65),
        Slot("Giáo viên", CIVIL_SERVANT, (5, 6), is_direct_worker=True, female_share=0.7),
        Slot("Học sinh", STUDENT, 3, is_direct_worker=True, female_share=0.5, min_age=15, max_age=17),
    ],
    "science_department": [
        head(DEPARTMENT_LEADER),
        deputies(DEPARTMENT_LEADER, 2),
        Slot("Trưởng phòng", OTHER_LEADER, 1, min_age=32, female_share=0.35),
        Slot("Chuyên viên", CIVIL_SERVANT, (2, 3), female_share=0.55),
        Slot("Nghiên cứu viên", SCIENTIST, 2, female_share=0.45, min_age=28),
    ],
    "hospital": [
        head(OTHER_LEADER, female_share=0.25, min_age=42),
        deputies(OTHER_LEADER, 2),
        Slot("Trưởng khoa", OTHER_LEADER, 2, min_age=36, female_share=0.4),
        Slot("Bác sĩ", CIVIL_SERVANT, (3, 4), is_direct_worker=True, female_share=0.5, min_age=25),
        Slot("Điều dưỡng", CIVIL_SERVANT, (3, 4), is_direct_worker=True, female_share=0.85, min_age=21),
        Slot("Kỹ thuật viên", CIVIL_SERVANT, 1, is_direct_worker=True, female_share=0.5, min_age=21),
    ],
    "enterprise": [
        head(ENTREPRENEUR, female_share=0.15, min_age=38),
        deputies(OTHER_LEADER, (1, 2), female_share=0.25),
        Slot("Trưởng phòng", OTHER_LEADER, 1, min_age=30, female_share=0.4),
        Slot("Kỹ sư", WORKER, 2, female_share=0.25),
        Slot("Công nhân", WORKER, (5, 8), is_direct_worker=True, female_share=0.35, min_age=19, max_age=55),
    ],
    "mass_org": [
        head(DEPARTMENT_LEADER, female_share=0.3),
        deputies(DEPARTMENT_LEADER, 2),
        Slot("Chuyên viên", CIVIL_SERVANT, (2, 3), female_share=0.55),
    ],
    "media": [
        head(DEPARTMENT_LEADER, female_share=0.3),
        deputies(OTHER_LEADER, 1),
        Slot("Phóng viên", CIVIL_SERVANT, (3, 5), female_share=0.5, min_age=23),
        Slot("Biên tập viên", CIVIL_SERVANT, 2, female_share=0.6),
        Slot("Kỹ thuật viên", CIVIL_SERVANT, 1, female_share=0.2),
    ],
    "armed_forces": [
        head(DEPARTMENT_LEADER, female_share=0.0, min_age=45),
        deputies(DEPARTMENT_LEADER, 2, female_share=0.05),
        Slot("Sĩ quan", ARMED_FORCES, (3, 4), is_direct_worker=True, female_share=0.1, min_age=23, max_age=55),
        Slot("Chiến sĩ", ARMED_FORCES, (2, 3), is_direct_worker=True, female_share=0.1, min_age=19, max_age=30),
    ],
    "central": [],
}


def titles_for(kind: str, head_title: str = "", deputy_title: str = "") -> tuple[str, str]:
    default_head, default_deputy = TITLES.get(kind, ("Thủ trưởng", "Phó Thủ trưởng"))
    return head_title or default_head, deputy_title or default_deputy


def position_title(slot: Slot, head_title: str, deputy_title: str) -> str:
    if slot.position == HEAD:
        return head_title
    if slot.position == DEPUTY:
        return deputy_title
    return slot.position
