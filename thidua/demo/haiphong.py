"""The map of Hải Phòng in 2021, when the "Mục tiêu kép" plan was issued (seed/plan-muc-tieu-kep.md).

The city had 7 quận and 8 huyện with 217 phường, xã and thị trấn (after the 2019–2020 mergers, before those of
2025). Every phường, xã and thị trấn of 2021 is listed under its district; Huyện Bạch Long Vĩ has no commune. The
departments are those the plan names, with a few of their real public-service units (hospitals under Sở Y tế, upper
secondary schools under Sở Giáo dục và Đào tạo). Unit codes are stable demo codes ("HP", "HP-LC", "HP-LC-AB"), not
official identifiers. Nothing here touches the database: ``thidua.demo.seed`` turns it into rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from thidua.core.text import fold

DISTRICTS_ABOLISHED_ON = dt.date(2025, 7, 1)  # two-tier local government: the district level is gone
CITY_BODY = "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"


@dataclass(frozen=True)
class AuthoritySpec:
    kind: str  # an AuthorityKind code
    name: str
    issuing_body: str
    document_code: str
    place_name: str = "Hải Phòng"
    parent_body: str = ""
    signer_title: str = "CHỦ TỊCH"
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str  # a UnitKind code
    sector: str = "general"  # a Sector code
    short_name: str = ""
    is_external: bool = False
    head_title: str = ""
    deputy_title: str = ""
    staff: str = ""  # key of thidua.demo.positions.STAFF when not the kind's own
    staffed: bool = True
    female_share: float | None = None  # overrides every slot's share (Hội Liên hiệp Phụ nữ)
    authorities: tuple[AuthoritySpec, ...] = ()
    children: tuple[UnitSpec, ...] = field(default_factory=tuple)


def walk(specs: tuple[UnitSpec, ...], parent: str | None = None) -> Iterator[tuple[str | None, UnitSpec]]:
    """Every unit with its parent's code, parents first, in the order of the data."""
    for spec in specs:
        yield parent, spec
        yield from walk(spec.children, spec.code)


# --- The centre ---------------------------------------------------------------------------------------------

CENTRAL = UnitSpec(
    "TW", "Trung ương", "central", is_external=True, staffed=False,
    children=(
        UnitSpec(
            "TW-CP", "Chính phủ", "central", is_external=True, staffed=False,
            authorities=(AuthoritySpec("thu_tuong", "Thủ tướng Chính phủ", "THỦ TƯỚNG CHÍNH PHỦ", "TTg",
                                       place_name="Hà Nội", signer_title="THỦ TƯỚNG"),),
        ),
        UnitSpec(
            "TW-VPCTN", "Văn phòng Chủ tịch nước", "central", is_external=True, staffed=False,
            authorities=(AuthoritySpec("chu_tich_nuoc", "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam",
                                       "CHỦ TỊCH NƯỚC", "CTN", place_name="Hà Nội",
                                       parent_body="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       signer_title="CHỦ TỊCH NƯỚC"),),
        ),
        UnitSpec(
            "TW-BNV", "Bộ Nội vụ", "central", is_external=True, staffed=False,
            authorities=(AuthoritySpec("bo_truong", "Bộ trưởng Bộ Nội vụ", "BỘ NỘI VỤ", "BNV", place_name="Hà Nội",
                                       signer_title="BỘ TRƯỞNG"),),
            children=(UnitSpec("TW-BNV-BTDKT", "Ban Thi đua - Khen thưởng Trung ương", "agency", is_external=True,
                               staffed=False),),
        ),
    ),
)  # fmt: skip


# --- Departments (sở, ban, ngành) ---------------------------------------------------------------------------


def _department(code: str, name: str, document_code: str, *, sector: str = "general", head: str = "Giám đốc",
                deputy: str = "", staff: str = "", children: tuple[UnitSpec, ...] = ()) -> UnitSpec:  # fmt: skip
    authority = AuthoritySpec(
        "gd_so", f"{head} {name} thành phố Hải Phòng", name.upper(), document_code, parent_body=CITY_BODY,
        signer_title=head.upper(),
    )  # fmt: skip
    return UnitSpec(f"HP-{code}", name, "department", sector, short_name=document_code, head_title=head,
                    deputy_title=deputy or f"Phó {head}", staff=staff, authorities=(authority,),
                    children=children)  # fmt: skip


def _hospital(code: str, name: str, *, kind: str = "hospital") -> UnitSpec:
    return UnitSpec(f"HP-SYT-{code}", name, kind, "health")


def _school(code: str, name: str, parent: str = "HP-SGDDT", *, staff: str = "") -> UnitSpec:
    return UnitSpec(f"{parent}-{code}", name, "school", "education", staff=staff)


DEPARTMENTS = (
    _department("VP", "Văn phòng Ủy ban nhân dân thành phố", "VP", head="Chánh Văn phòng",
                children=(UnitSpec("HP-VP-CTTDT", "Cổng Thông tin điện tử thành phố", "media", "media",
                                   head_title="Giám đốc"),)),
    _department("SNV", "Sở Nội vụ", "SNV", children=(
        UnitSpec("HP-SNV-BTDKT", "Ban Thi đua - Khen thưởng", "agency", short_name="Ban TĐKT"),
        UnitSpec("HP-SNV-BTG", "Ban Tôn giáo", "agency"),
        UnitSpec("HP-SNV-CCVTLT", "Chi cục Văn thư - Lưu trữ", "agency", head_title="Chi cục trưởng",
                 deputy_title="Phó Chi cục trưởng"),
    )),
    _department("STP", "Sở Tư pháp", "STP"),
    _department("SKHDT", "Sở Kế hoạch và Đầu tư", "SKHĐT", sector="economy"),
    _department("STC", "Sở Tài chính", "STC", sector="economy"),
    _department("SCT", "Sở Công Thương", "SCT", sector="economy"),
    _department("SNN", "Sở Nông nghiệp và Phát triển nông thôn", "SNN", sector="economy"),
    _department("SGTVT", "Sở Giao thông vận tải", "SGTVT", sector="economy"),
    _department("SXD", "Sở Xây dựng", "SXD", sector="economy"),
    _department("STNMT", "Sở Tài nguyên và Môi trường", "STNMT", sector="economy"),
    _department("STTTT", "Sở Thông tin và Truyền thông", "STTTT", sector="media"),
    _department("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    _department("SVHTT", "Sở Văn hóa và Thể thao", "SVHTT", sector="culture", children=(
        UnitSpec("HP-SVHTT-BT", "Bảo tàng Hải Phòng", "public_service", "culture"),
    )),
    _department("SDL", "Sở Du lịch", "SDL", sector="economy"),
    _department("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", staff="science_department"),
    _department("SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", sector="education", children=(
        _school("CTP", "Trường THPT chuyên Trần Phú", staff="gifted_school"),
        _school("TP", "Trường THPT Thái Phiên"),
        _school("NQ", "Trường THPT Ngô Quyền"),
        _school("TNH", "Trường THPT Trần Nguyên Hãn"),
        _school("LQD", "Trường THPT Lê Quý Đôn"),
        _school("HB", "Trường THPT Hồng Bàng"),
        _school("KA", "Trường THPT Kiến An"),
        _school("HA", "Trường THPT Hải An"),
        _school("TS", "Trường THPT Thủy Sơn"),
        _school("LTK", "Trường THPT Lý Thường Kiệt"),
        _school("AD", "Trường THPT An Dương"),
        _school("VB", "Trường THPT Vĩnh Bảo"),
        _school("NBK", "Trường THPT Nguyễn Bỉnh Khiêm"),
        _school("TL", "Trường THPT Tiên Lãng"),
        _school("CB", "Trường THPT Cát Bà"),
    )),
    _department("SYT", "Sở Y tế", "SYT", sector="health", children=(
        _hospital("BVVT", "Bệnh viện Hữu nghị Việt Tiệp"),
        _hospital("BVTE", "Bệnh viện Trẻ em Hải Phòng"),
        _hospital("BVPS", "Bệnh viện Phụ sản Hải Phòng"),
        _hospital("BVKA", "Bệnh viện Kiến An"),
        _hospital("BVYHCT", "Bệnh viện Y học cổ truyền Hải Phòng"),
        _hospital("BVM", "Bệnh viện Mắt Hải Phòng"),
        _hospital("BVP", "Bệnh viện Phổi Hải Phòng"),
        _hospital("CDC", "Trung tâm Kiểm soát bệnh tật thành phố Hải Phòng", kind="public_service"),
    )),
    _department("SNgV", "Sở Ngoại vụ", "SNgV"),
    _department("TTTP", "Thanh tra thành phố", "TTr", head="Chánh Thanh tra"),
    _department("BQLKKT", "Ban Quản lý Khu kinh tế Hải Phòng", "BQL", sector="economy", head="Trưởng ban"),
)  # fmt: skip


# --- Districts and their phường, xã, thị trấn ----------------------------------------------------------------

QUAN = "urban_district"
HUYEN = "rural_district"

# (code, name, kind, [phường/xã/thị trấn], [schools]) — the communes in the official order of 2021.
_DISTRICT_DATA: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("HB", "Hồng Bàng", QUAN, (
        "Phường Quán Toan", "Phường Hùng Vương", "Phường Sở Dầu", "Phường Thượng Lý", "Phường Hạ Lý",
        "Phường Minh Khai", "Phường Trại Chuối", "Phường Hoàng Văn Thụ", "Phường Phan Bội Châu",
    ), ("Trường THCS Hồng Bàng", "Trường Tiểu học Quán Toan")),
    ("NQ", "Ngô Quyền", QUAN, (
        "Phường Máy Chai", "Phường Máy Tơ", "Phường Vạn Mỹ", "Phường Cầu Tre", "Phường Lạc Viên",
        "Phường Gia Viên", "Phường Đông Khê", "Phường Cầu Đất", "Phường Lê Lợi", "Phường Đằng Giang",
        "Phường Lạch Tray", "Phường Đổng Quốc Bình",
    ), ("Trường THCS Chu Văn An", "Trường Tiểu học Lạc Viên")),
    ("LC", "Lê Chân", QUAN, (
        "Phường An Biên", "Phường An Dương", "Phường Cát Dài", "Phường Dư Hàng", "Phường Dư Hàng Kênh",
        "Phường Đông Hải", "Phường Hàng Kênh", "Phường Hồ Nam", "Phường Kênh Dương", "Phường Lam Sơn",
        "Phường Nghĩa Xá", "Phường Niệm Nghĩa", "Phường Trại Cau", "Phường Trần Nguyên Hãn", "Phường Vĩnh Niệm",
    ), ("Trường THCS Trần Phú", "Trường Tiểu học Vĩnh Niệm", "Trường Mầm non Dư Hàng Kênh")),
    ("HA", "Hải An", QUAN, (
        "Phường Đông Hải 1", "Phường Đông Hải 2", "Phường Đằng Lâm", "Phường Thành Tô", "Phường Đằng Hải",
        "Phường Nam Hải", "Phường Cát Bi", "Phường Tràng Cát",
    ), ("Trường THCS Tràng Cát", "Trường Tiểu học Đằng Lâm")),
    ("KA", "Kiến An", QUAN, (
        "Phường Quán Trữ", "Phường Lãm Hà", "Phường Đồng Hòa", "Phường Bắc Sơn", "Phường Nam Sơn",
        "Phường Ngọc Sơn", "Phường Trần Thành Ngọ", "Phường Văn Đẩu", "Phường Phù Liễn", "Phường Tràng Minh",
    ), ("Trường THCS Bắc Sơn", "Trường Tiểu học Trần Thành Ngọ")),
    ("DS", "Đồ Sơn", QUAN, (
        "Phường Ngọc Xuyên", "Phường Hải Sơn", "Phường Vạn Hương", "Phường Minh Đức", "Phường Bàng La",
        "Phường Hợp Đức",
    ), ("Trường THCS Ngọc Xuyên", "Trường Tiểu học Vạn Hương")),
    ("DK", "Dương Kinh", QUAN, (
        "Phường Đa Phúc", "Phường Hưng Đạo", "Phường Anh Dũng", "Phường Hải Thành", "Phường Hòa Nghĩa",
        "Phường Tân Thành",
    ), ("Trường THCS Anh Dũng", "Trường Tiểu học Hải Thành")),
    ("TN", "Thủy Nguyên", HUYEN, (
        "Thị trấn Minh Đức", "Thị trấn Núi Đèo", "Xã Lại Xuân", "Xã An Sơn", "Xã Kỳ Sơn", "Xã Liên Khê",
        "Xã Lưu Kiếm", "Xã Lưu Kỳ", "Xã Gia Minh", "Xã Gia Đức", "Xã Minh Tân", "Xã Phù Ninh", "Xã Quảng Thanh",
        "Xã Chính Mỹ", "Xã Kênh Giang", "Xã Hợp Thành", "Xã Cao Nhân", "Xã Mỹ Đồng", "Xã Đông Sơn", "Xã Hòa Bình",
        "Xã Trung Hà", "Xã An Lư", "Xã Thủy Triều", "Xã Ngũ Lão", "Xã Phục Lễ", "Xã Tam Hưng", "Xã Phả Lễ",
        "Xã Lập Lễ", "Xã Kiền Bái", "Xã Thiên Hương", "Xã Thủy Sơn", "Xã Thủy Đường", "Xã Hoàng Động",
        "Xã Lâm Động", "Xã Hoa Động", "Xã Tân Dương", "Xã Dương Quan",
    ), ("Trường THCS Minh Đức", "Trường THCS Kiền Bái", "Trường Tiểu học Lưu Kiếm")),
    ("AD", "An Dương", HUYEN, (
        "Thị trấn An Dương", "Xã Lê Thiện", "Xã Đại Bản", "Xã An Hòa", "Xã Hồng Phong", "Xã Tân Tiến",
        "Xã An Hưng", "Xã An Hồng", "Xã Bắc Sơn", "Xã Nam Sơn", "Xã Lê Lợi", "Xã Đặng Cương", "Xã Đồng Thái",
        "Xã Quốc Tuấn", "Xã An Đồng", "Xã Hồng Thái",
    ), ("Trường THCS An Đồng", "Trường Tiểu học Lê Thiện")),
    ("AL", "An Lão", HUYEN, (
        "Thị trấn An Lão", "Xã Bát Trang", "Xã Trường Thọ", "Xã Trường Thành", "Xã An Tiến", "Xã Quang Hưng",
        "Xã Quang Trung", "Xã Quốc Tuấn", "Xã An Thắng", "Thị trấn Trường Sơn", "Xã Tân Dân", "Xã Thái Sơn",
        "Xã Tân Viên", "Xã Mỹ Đức", "Xã Chiến Thắng", "Xã An Thọ", "Xã An Thái",
    ), ("Trường THCS Trường Sơn", "Trường Tiểu học An Thắng")),
    ("KT", "Kiến Thụy", HUYEN, (
        "Thị trấn Núi Đối", "Xã Đông Phương", "Xã Thuận Thiên", "Xã Hữu Bằng", "Xã Đại Đồng", "Xã Ngũ Đoan",
        "Xã Đại Hà", "Xã Tân Phong", "Xã Tân Trào", "Xã Đoàn Xá", "Xã Tú Sơn", "Xã Đại Hợp", "Xã Thụy Hương",
        "Xã Thanh Sơn", "Xã Minh Tân", "Xã Du Lễ", "Xã Ngũ Phúc",
    ), ("Trường THCS Núi Đối", "Trường Tiểu học Đại Hợp")),
    ("TL", "Tiên Lãng", HUYEN, (
        "Thị trấn Tiên Lãng", "Xã Đại Thắng", "Xã Tiên Cường", "Xã Tự Cường", "Xã Quyết Tiến", "Xã Khởi Nghĩa",
        "Xã Tiên Thanh", "Xã Cấp Tiến", "Xã Kiến Thiết", "Xã Đoàn Lập", "Xã Bạch Đằng", "Xã Quang Phục",
        "Xã Toàn Thắng", "Xã Tiên Thắng", "Xã Tiên Minh", "Xã Bắc Hưng", "Xã Nam Hưng", "Xã Hùng Thắng",
        "Xã Tây Hưng", "Xã Đông Hưng", "Xã Vinh Quang",
    ), ("Trường THCS Tiên Cường", "Trường Tiểu học Quang Phục")),
    ("VB", "Vĩnh Bảo", HUYEN, (
        "Thị trấn Vĩnh Bảo", "Xã Dũng Tiến", "Xã Giang Biên", "Xã Thắng Thủy", "Xã Trung Lập", "Xã Việt Tiến",
        "Xã Vĩnh An", "Xã Vĩnh Long", "Xã Hiệp Hòa", "Xã Hùng Tiến", "Xã An Hòa", "Xã Tân Hưng", "Xã Tân Liên",
        "Xã Nhân Hòa", "Xã Tam Đa", "Xã Hưng Nhân", "Xã Vinh Quang", "Xã Đồng Minh", "Xã Thanh Lương",
        "Xã Liên Am", "Xã Lý Học", "Xã Tam Cường", "Xã Hòa Bình", "Xã Tiền Phong", "Xã Vĩnh Phong",
        "Xã Cộng Hiền", "Xã Cao Minh", "Xã Cổ Am", "Xã Vĩnh Tiến", "Xã Trấn Dương",
    ), ("Trường THCS Cổ Am", "Trường Tiểu học Vĩnh An")),
    ("CH", "Cát Hải", HUYEN, (
        "Thị trấn Cát Bà", "Thị trấn Cát Hải", "Xã Nghĩa Lộ", "Xã Đồng Bài", "Xã Hoàng Châu", "Xã Văn Phong",
        "Xã Phù Long", "Xã Gia Luận", "Xã Hiền Hào", "Xã Trân Châu", "Xã Việt Hải", "Xã Xuân Đám",
    ), ("Trường THCS Cát Bà", "Trường Tiểu học Gia Luận")),
    ("BLV", "Bạch Long Vĩ", HUYEN, (), ("Trường Tiểu học và Trung học cơ sở Bạch Long Vĩ",)),
)  # fmt: skip

_COMMUNE_KINDS = {"Phường": "ward", "Xã": "commune", "Thị trấn": "township"}

# Tổ dân phố placed under a few wards and townships, to show the village level of the tree.
_RESIDENTIAL_GROUPS = {"HP-LC-AB": 3, "HP-LC-VN": 2, "HP-TN-MD": 2, "HP-TN-ND": 2}


def _initials(name: str) -> str:
    return "".join(word[0] if not word.isdigit() else word for word in fold(name).upper().split())


def _commune(district_code: str, district_label: str, name: str, used: set[str]) -> UnitSpec:
    prefix = next(p for p in _COMMUNE_KINDS if name.startswith(p + " "))
    short = name[len(prefix) + 1 :]
    base = f"{district_code}-{_initials(short)}"
    code, suffix = base, 2
    while code in used:
        code, suffix = f"{base}{suffix}", suffix + 1
    used.add(code)
    groups = tuple(
        UnitSpec(f"{code}-TDP{n}", f"Tổ dân phố số {n}", "village", head_title="Tổ trưởng tổ dân phố",
                 deputy_title="Tổ phó tổ dân phố", staff="residential_group")
        for n in range(1, _RESIDENTIAL_GROUPS.get(code, 0) + 1)
    )  # fmt: skip
    body = f"ỦY BAN NHÂN DÂN {name.upper()}"
    authority = AuthoritySpec(
        "ct_ubnd_xa", f"Chủ tịch Ủy ban nhân dân {prefix.lower()} {short}, {district_label}", body, "UBND",
        place_name=short,
    )  # fmt: skip
    return UnitSpec(code, name, _COMMUNE_KINDS[prefix], authorities=(authority,), children=groups)


def _district(code: str, short: str, kind: str, communes: tuple[str, ...], schools: tuple[str, ...]) -> UnitSpec:
    label = f"{'quận' if kind == QUAN else 'huyện'} {short}"
    name = f"{'Quận' if kind == QUAN else 'Huyện'} {short}"
    full_code = f"HP-{code}"
    divisions = [UnitSpec(f"{full_code}-VP", f"Văn phòng HĐND và UBND {label}", "division",
                          head_title="Chánh Văn phòng", deputy_title="Phó Chánh Văn phòng")]  # fmt: skip
    if communes:  # the island district of Bạch Long Vĩ keeps a small apparatus
        divisions += [
            UnitSpec(f"{full_code}-PNV", f"Phòng Nội vụ {label}", "division"),
            UnitSpec(f"{full_code}-PGD", f"Phòng Giáo dục và Đào tạo {label}", "division", "education"),
        ]
    used = {unit.code for unit in divisions}
    school_units = tuple(
        _school(f"S{index}", school_name, parent=full_code) for index, school_name in enumerate(schools, start=1)
    )
    authority = AuthoritySpec(
        "ct_ubnd_huyen", f"Chủ tịch Ủy ban nhân dân {label}", f"ỦY BAN NHÂN DÂN {name.upper()}", "UBND",
        place_name=short, valid_to=DISTRICTS_ABOLISHED_ON - dt.timedelta(days=1),
    )  # fmt: skip
    return UnitSpec(
        full_code, name, kind, authorities=(authority,),
        children=(*divisions, *school_units, *(_commune(full_code, label, c, used) for c in communes)),
    )  # fmt: skip


DISTRICTS = tuple(_district(*row) for row in _DISTRICT_DATA)

# --- Mass organisations, media, armed forces and central agencies, enterprises ------------------------------

MASS_ORGANISATIONS = (
    UnitSpec("HP-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hải Phòng", "mass_org", "mass_org",
             short_name="UBMTTQ thành phố"),
    UnitSpec("HP-LDLD", "Liên đoàn Lao động thành phố Hải Phòng", "mass_org", "mass_org"),
    UnitSpec("HP-TD", "Thành đoàn Hải Phòng", "mass_org", "mass_org", head_title="Bí thư Thành đoàn",
             deputy_title="Phó Bí thư Thành đoàn"),
    UnitSpec("HP-HLHPN", "Hội Liên hiệp Phụ nữ thành phố Hải Phòng", "mass_org", "mass_org", female_share=0.95),
    UnitSpec("HP-HND", "Hội Nông dân thành phố Hải Phòng", "mass_org", "mass_org"),
    UnitSpec("HP-HCCB", "Hội Cựu chiến binh thành phố Hải Phòng", "mass_org", "mass_org", female_share=0.1),
)  # fmt: skip

MEDIA = (
    UnitSpec("HP-BHP", "Báo Hải Phòng", "media", "media", head_title="Tổng Biên tập",
             deputy_title="Phó Tổng Biên tập",
             authorities=(AuthoritySpec("thu_truong_don_vi", "Tổng Biên tập Báo Hải Phòng", "BÁO HẢI PHÒNG", "BHP",
                                        parent_body="THÀNH ỦY HẢI PHÒNG", signer_title="TỔNG BIÊN TẬP"),)),
    UnitSpec("HP-THP", "Đài Phát thanh và Truyền hình Hải Phòng", "media", "media", short_name="Đài PT-TH Hải Phòng"),
)  # fmt: skip

ARMED_FORCES_AND_CENTRAL_AGENCIES = (
    UnitSpec("HP-CA", "Công an thành phố Hải Phòng", "armed_forces", "armed_forces", head_title="Giám đốc",
             deputy_title="Phó Giám đốc"),
    UnitSpec("HP-BCHQS", "Bộ Chỉ huy Quân sự thành phố Hải Phòng", "armed_forces", "armed_forces"),
    UnitSpec("HP-BDBP", "Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng", "armed_forces", "armed_forces"),
    UnitSpec("HP-HQ", "Cục Hải quan thành phố Hải Phòng", "agency", "economy", head_title="Cục trưởng",
             deputy_title="Phó Cục trưởng"),
    UnitSpec("HP-CT", "Cục Thuế thành phố Hải Phòng", "agency", "economy", head_title="Cục trưởng",
             deputy_title="Phó Cục trưởng"),
    UnitSpec("HP-KBNN", "Kho bạc Nhà nước Hải Phòng", "agency", "economy", head_title="Giám đốc",
             deputy_title="Phó Giám đốc"),
    UnitSpec("HP-BHXH", "Bảo hiểm xã hội thành phố Hải Phòng", "agency", head_title="Giám đốc",
             deputy_title="Phó Giám đốc"),
)  # fmt: skip


def _enterprise(code: str, name: str, *, head: str = "Giám đốc", authority: str = "", document_code: str = "",
                signer: str = "") -> UnitSpec:  # fmt: skip
    authorities = ()
    if authority:
        title = signer or head
        authorities = (AuthoritySpec(authority, f"{title} {name}", name.upper(), document_code,
                                     signer_title=title.upper()),)  # fmt: skip
    return UnitSpec(f"HP-DN-{code}", name, "enterprise", "enterprise", head_title=head,
                    deputy_title=f"Phó {head}", authorities=authorities)  # fmt: skip


ENTERPRISES = (
    _enterprise("CHP", "Công ty Cổ phần Cảng Hải Phòng", head="Tổng Giám đốc", authority="gd_doanh_nghiep",
                document_code="CHP"),
    _enterprise("PR", "Công ty TNHH một thành viên Đóng tàu Phà Rừng", authority="gd_doanh_nghiep",
                document_code="ĐTPR"),
    _enterprise("VSC", "Công ty Cổ phần Container Việt Nam", head="Tổng Giám đốc", authority="ct_hdqt_doanh_nghiep",
                document_code="VSC", signer="Chủ tịch Hội đồng quản trị"),
    _enterprise("DVP", "Công ty Cổ phần Đầu tư và Phát triển Cảng Đình Vũ", head="Tổng Giám đốc"),
    _enterprise("NTP", "Công ty Cổ phần Nhựa Thiếu niên Tiền Phong", head="Tổng Giám đốc",
                authority="gd_doanh_nghiep", document_code="NTP"),
    _enterprise("XMHP", "Công ty Cổ phần Xi măng Vicem Hải Phòng"),
    _enterprise("CNHP", "Công ty Cổ phần Cấp nước Hải Phòng"),
    _enterprise("DLHP", "Công ty TNHH một thành viên Điện lực Hải Phòng"),
    _enterprise("MTDT", "Công ty TNHH một thành viên Môi trường Đô thị Hải Phòng"),
    _enterprise("LG", "Công ty TNHH LG Electronics Việt Nam Hải Phòng", head="Tổng Giám đốc"),
    _enterprise("KCNDV", "Công ty Cổ phần Khu công nghiệp Đình Vũ", head="Tổng Giám đốc"),
)  # fmt: skip

CITY = UnitSpec(
    "HP", "Thành phố Hải Phòng", "city", short_name="Hải Phòng",
    authorities=(AuthoritySpec("ct_ubnd_tinh", "Chủ tịch Ủy ban nhân dân thành phố Hải Phòng", CITY_BODY, "UBND"),),
    children=(*DEPARTMENTS, *DISTRICTS, *MASS_ORGANISATIONS, *MEDIA, *ARMED_FORCES_AND_CENTRAL_AGENCIES,
              *ENTERPRISES),
)  # fmt: skip

MAP: tuple[UnitSpec, ...] = (CENTRAL, CITY)


# --- People placed on purpose --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedPerson:
    """Someone the demo needs by name (acceptance tests, later issues' scenarios)."""

    full_name: str
    gender: str
    birth_date: dt.date
    unit: str | None  # code of the unit of their membership; None for people outside the tree
    position: str = ""
    position_category: str = "civil_servant"
    is_direct_worker: bool = False
    owner_unit: str | None = None
    death_date: dt.date | None = None
    ethnicity: str = "01"
    nationality: str = "Việt Nam"
    hometown: str = ""
    start_date: dt.date = dt.date(2015, 1, 1)


NAMED_PEOPLE = (
    NamedPerson("Đặng Văn Đức", "M", dt.date(1979, 3, 12), "HP-TN-MD", "Công chức Văn hóa - Xã hội",
                hometown="Xã Thủy Đường, huyện Thủy Nguyên, thành phố Hải Phòng"),
    NamedPerson("Nguyễn Thị Hoa", "F", dt.date(1986, 9, 2), "HP-LC-AB", "Công chức Tư pháp - Hộ tịch",
                hometown="Phường An Biên, quận Lê Chân, thành phố Hải Phòng"),
    NamedPerson("Nguyễn Thị Thu Hà", "F", dt.date(1990, 5, 27), "HP-LC-PNV", "Chuyên viên"),
    # A medical worker who died on Covid-19 duty in 2021: for posthumous (truy tặng) awards. Her record stays with
    # her unit after her membership ends.
    NamedPerson("Phạm Thị Huyền", "F", dt.date(1983, 11, 4), "HP-SYT-CDC", "Bác sĩ", is_direct_worker=True,
                owner_unit="HP-SYT-CDC", death_date=dt.date(2021, 8, 19), start_date=dt.date(2008, 9, 1)),
    # People outside the tree, known to the unit that entered them.
    NamedPerson("Lê Văn Bình", "M", dt.date(1958, 2, 14), None, position_category="citizen", owner_unit="HP-LC-AB",
                hometown="Phường An Biên, quận Lê Chân, thành phố Hải Phòng"),
    NamedPerson("Vũ Thị Tươi", "F", dt.date(1966, 7, 7), None, position_category="farmer", is_direct_worker=True,
                owner_unit="HP-TN-KB"),
    NamedPerson("Nông Văn Thắng", "M", dt.date(1975, 4, 30), None, position_category="citizen", ethnicity="02",
                owner_unit="HP-CH-CB", hometown="Huyện Hà Quảng, tỉnh Cao Bằng"),
    NamedPerson("Park Ji Hoon", "M", dt.date(1980, 6, 15), None, position_category="foreigner", ethnicity="NN",
                nationality="Hàn Quốc", owner_unit="HP-DN-LG"),
)  # fmt: skip

# Full names the random generator must not produce, so the named people above stay unique.
RESERVED_NAMES = frozenset(person.full_name for person in NAMED_PEOPLE)


# --- Clusters (cụm, khối thi đua) of 2021 --------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterSpec:
    code: str
    name: str
    kind: str  # "cum" or "khoi"
    organiser: str
    members: tuple[str, ...]
    leader: str
    deputy: str = ""
    description: str = ""


def _codes(units: tuple[UnitSpec, ...]) -> tuple[str, ...]:
    return tuple(unit.code for unit in units)


CLUSTER_YEAR = 2021
_QUAN = tuple(unit.code for unit in DISTRICTS if unit.kind == QUAN)
_HUYEN = tuple(unit.code for unit in DISTRICTS if unit.kind == HUYEN)

CLUSTERS = (
    ClusterSpec("hp-cum-cac-quan", "Cụm thi đua các quận", "cum", "HP", _QUAN, leader="HP-NQ", deputy="HP-LC"),
    ClusterSpec("hp-cum-cac-huyen", "Cụm thi đua các huyện", "cum", "HP", _HUYEN, leader="HP-TN", deputy="HP-AD"),
    ClusterSpec("hp-khoi-tong-hop", "Khối thi đua các cơ quan tổng hợp, nội chính", "khoi", "HP",
                ("HP-VP", "HP-SNV", "HP-STP", "HP-SNgV", "HP-TTTP", "HP-SKHDT", "HP-STC"), leader="HP-SNV",
                deputy="HP-STP"),
    ClusterSpec("hp-khoi-kinh-te", "Khối thi đua các sở, ngành kinh tế", "khoi", "HP",
                ("HP-SCT", "HP-SNN", "HP-SGTVT", "HP-SXD", "HP-STNMT", "HP-SKHCN", "HP-SDL", "HP-BQLKKT"),
                leader="HP-SXD", deputy="HP-SCT"),
    ClusterSpec("hp-khoi-van-hoa-xa-hoi", "Khối thi đua các sở, ngành văn hóa - xã hội", "khoi", "HP",
                ("HP-SGDDT", "HP-SYT", "HP-SLDTBXH", "HP-SVHTT", "HP-STTTT", "HP-BHP", "HP-THP"), leader="HP-SYT",
                deputy="HP-SGDDT"),
    ClusterSpec("hp-khoi-doan-the", "Khối thi đua Mặt trận Tổ quốc và các đoàn thể", "khoi", "HP",
                _codes(MASS_ORGANISATIONS), leader="HP-LDLD", deputy="HP-TD"),
    ClusterSpec("hp-khoi-doanh-nghiep", "Khối thi đua các doanh nghiệp", "khoi", "HP", _codes(ENTERPRISES),
                leader="HP-DN-CHP", deputy="HP-DN-NTP"),
    ClusterSpec("hp-khoi-trung-uong", "Khối thi đua các cơ quan Trung ương đóng trên địa bàn", "khoi", "HP",
                _codes(ARMED_FORCES_AND_CENTRAL_AGENCIES), leader="HP-HQ", deputy="HP-CT"),
    ClusterSpec("hp-lc-cum-phuong-1", "Cụm thi đua số 1 các phường quận Lê Chân", "cum", "HP-LC",
                ("HP-LC-AB", "HP-LC-AD", "HP-LC-CD", "HP-LC-DH", "HP-LC-DHK", "HP-LC-DH2", "HP-LC-HK", "HP-LC-HN"),
                leader="HP-LC-AB"),
    ClusterSpec("hp-lc-cum-phuong-2", "Cụm thi đua số 2 các phường quận Lê Chân", "cum", "HP-LC",
                ("HP-LC-KD", "HP-LC-LS", "HP-LC-NX", "HP-LC-NN", "HP-LC-TC", "HP-LC-TNH", "HP-LC-VN"),
                leader="HP-LC-VN"),
    ClusterSpec("hp-tn-cum-thi-tran", "Cụm thi đua các thị trấn và xã ven đô huyện Thủy Nguyên", "cum", "HP-TN",
                ("HP-TN-MD", "HP-TN-ND", "HP-TN-TS", "HP-TN-TD", "HP-TN-KB"), leader="HP-TN-MD"),
)  # fmt: skip


# --- One demo account per role -------------------------------------------------------------------------------

# The demo's shared password, printed on purpose by `thidua seed_demo`.
DEMO_PASSWORD = "thidua-demo-2021"


@dataclass(frozen=True)
class AccountSpec:
    username: str
    role: str
    unit: str
    full_name: str
    position: str


ACCOUNTS = (
    AccountSpec("canbo.lechan", "unit_officer", "HP-LC", "Trần Thị Lan", "Chuyên viên Phòng Nội vụ quận Lê Chân"),
    AccountSpec("thutruong.lechan", "unit_head", "HP-LC", "Vũ Đức Thắng", "Chủ tịch UBND quận Lê Chân"),
    AccountSpec("canbo.thuynguyen", "unit_officer", "HP-TN", "Phạm Văn Hải",
                "Chuyên viên Phòng Nội vụ huyện Thủy Nguyên"),
    AccountSpec("bantdkt", "board_officer", "HP", "Nguyễn Thị Minh Hằng", "Chuyên viên Ban Thi đua - Khen thưởng"),
    AccountSpec("truongban", "board_head", "HP", "Lê Quang Huy", "Trưởng ban Thi đua - Khen thưởng"),
    AccountSpec("hoidong1", "council_member", "HP", "Đỗ Văn Nam",
                "Ủy viên Hội đồng Thi đua - Khen thưởng thành phố"),
    # The rest of the city's council (seven members with the chair and the secretary): the demo's session votes.
    AccountSpec("hoidong2", "council_member", "HP", "Nguyễn Văn Thành",
                "Giám đốc Sở Nội vụ, Phó Chủ tịch Hội đồng Thi đua - Khen thưởng thành phố"),
    AccountSpec("hoidong3", "council_member", "HP", "Lương Thị Hải Yến",
                "Chủ tịch Liên đoàn Lao động thành phố, Ủy viên Hội đồng Thi đua - Khen thưởng thành phố"),
    AccountSpec("hoidong4", "council_member", "HP", "Trịnh Quang Vinh",
                "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam thành phố, Ủy viên Hội đồng Thi đua - Khen thưởng "
                "thành phố"),
    AccountSpec("hoidong5", "council_member", "HP", "Phan Thị Kim Oanh",
                "Chánh Văn phòng Ủy ban nhân dân thành phố, Ủy viên Hội đồng Thi đua - Khen thưởng thành phố"),
    AccountSpec("thuky", "council_secretary", "HP", "Bùi Thị Ngọc Anh",
                "Thư ký Hội đồng Thi đua - Khen thưởng thành phố"),
    AccountSpec("chutich.hd", "council_chair", "HP", "Hoàng Minh Tuấn",
                "Chủ tịch Hội đồng Thi đua - Khen thưởng thành phố"),
    AccountSpec("lanhdao", "signer", "HP", "Trần Quốc Cường", "Phó Chủ tịch UBND thành phố"),
    AccountSpec("vanthu", "clerk", "HP", "Đào Thị Hương", "Văn thư Văn phòng UBND thành phố"),
    AccountSpec("ketoan", "finance_officer", "HP", "Ngô Thị Thanh Thủy", "Kế toán Ban Thi đua - Khen thưởng"),
    AccountSpec("cumtruong", "cluster_leader", "HP-NQ", "Đặng Minh Khoa",
                "Chánh Văn phòng HĐND và UBND quận Ngô Quyền (Cụm trưởng cụm các quận)"),
    AccountSpec("phongvien", "media", "HP-BHP", "Lương Thu Trang", "Phóng viên Báo Hải Phòng"),
    AccountSpec("quantri", "admin", "HP", "Quản trị hệ thống", "Quản trị viên"),
    AccountSpec("tichhop", "integrator", "HP", "Tài khoản tích hợp", "Hệ thống tích hợp qua API"),
)  # fmt: skip
