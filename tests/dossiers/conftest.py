"""The scene of the dossier workflow: Phường An Biên (Quận Lê Chân) proposes to the city's Chairman; the city's
board appraises; its council (5 members) votes; the Prime Minister and the President sit outside the deployment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from tests.conftest import user_with_role
from tests.factories.catalog import AuthorityFactory, AuthorityKindFactory, AwardTypeFactory, DocumentKindFactory
from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory, UnitKindFactory
from thidua.catalog.models import AwardKind, AwardLevel, CouncilBody, RecipientKind


@dataclass
class Scene:
    units: dict
    city_authority: object  # Chủ tịch UBND thành phố, seated at HP
    district_authority: object  # Chủ tịch UBND quận Lê Chân, seated at HP-LC
    prime_minister: object  # Thủ tướng, outside the deployment
    documents: dict  # code → DocumentKind
    awards: dict  # code → AwardType
    people: dict  # name → Person
    users: dict = field(default_factory=dict)


@pytest.fixture
def scene(city) -> Scene:
    documents = {
        "to_trinh": DocumentKindFactory(code="to_trinh", name="Tờ trình đề nghị khen thưởng"),
        "bao_cao_thanh_tich": DocumentKindFactory(code="bao_cao_thanh_tich", name="Báo cáo thành tích",
                                                  per_entry=True),
        "bien_ban_hoi_dong": DocumentKindFactory(code="bien_ban_hoi_dong",
                                                 name="Biên bản họp Hội đồng Thi đua - Khen thưởng"),
        "ket_qua_lay_y_kien": DocumentKindFactory(code="ket_qua_lay_y_kien",
                                                  name="Báo cáo kết quả công khai, lấy ý kiến Nhân dân",
                                                  by_authority=True),
    }  # fmt: skip
    city_kind = AuthorityKindFactory(code="ct_ubnd_tinh", name="Chủ tịch UBND tỉnh, thành phố", level="province")
    district_kind = AuthorityKindFactory(code="ct_ubnd_xa", name="Chủ tịch UBND cấp xã", level="grassroots")
    pm_kind = AuthorityKindFactory(code="thu_tuong", name="Thủ tướng Chính phủ", level="state", is_central=True)
    president_kind = AuthorityKindFactory(code="chu_tich_nuoc", name="Chủ tịch nước", level="state",
                                          is_central=True)  # fmt: skip
    central_kind = UnitKindFactory(code="central", name="Trung ương", level=0)
    government = OrgUnitFactory(code="TW-CP", name="Chính phủ", kind=central_kind, is_external=True)
    president_office = OrgUnitFactory(code="TW-VPCTN", name="Văn phòng Chủ tịch nước", kind=central_kind,
                                      is_external=True)  # fmt: skip
    city_authority = AuthorityFactory(kind=city_kind, unit=city["root"], name="Chủ tịch UBND thành phố Hải Phòng",
                                      issuing_body="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")  # fmt: skip
    district_authority = AuthorityFactory(kind=district_kind, unit=city["le_chan"],
                                          name="Chủ tịch UBND quận Lê Chân")  # fmt: skip
    prime_minister = AuthorityFactory(kind=pm_kind, unit=government, name="Thủ tướng Chính phủ",
                                      issuing_body="THỦ TƯỚNG CHÍNH PHỦ", document_code="TTg")  # fmt: skip
    AuthorityFactory(kind=president_kind, unit=president_office, name="Chủ tịch nước", document_code="CTN")

    def award(code, name, granting, *, recipients=(RecipientKind.INDIVIDUAL,), docs=("to_trinh",), **extra):
        award_type = AwardTypeFactory(code=code, name=name, recipient_kinds=list(recipients), **extra)
        award_type.granting_authority_kinds.set(granting)
        award_type.required_documents.set([documents[code] for code in docs])
        return award_type

    awards = {
        "LDTT": award("LDTT", "Lao động tiên tiến", [district_kind], docs=("to_trinh", "bien_ban_hoi_dong")),
        "BK_TINH": award("BK_TINH", "Bằng khen của Chủ tịch UBND thành phố", [city_kind], kind=AwardKind.FORM,
                         level=AwardLevel.PROVINCE, recipients=(RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE),
                         council_body=CouncilBody.STANDING, docs=("to_trinh", "bao_cao_thanh_tich")),
        "CSTD_TINH": award("CSTD_TINH", "Chiến sĩ thi đua thành phố", [city_kind], level=AwardLevel.PROVINCE,
                           council_body=CouncilBody.COUNCIL, council_threshold=Decimal("0.900"),
                           docs=("to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong")),
        "BK_TTG": award("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", [pm_kind], kind=AwardKind.FORM,
                        level=AwardLevel.STATE, council_body=CouncilBody.COUNCIL,
                        docs=("to_trinh", "bao_cao_thanh_tich")),
        "HCLD3": award("HCLD3", "Huân chương Lao động hạng Ba", [president_kind], kind=AwardKind.ORDER,
                       level=AwardLevel.STATE, council_body=CouncilBody.COUNCIL, needs_public_consultation=True,
                       consultation_working_days=10,
                       docs=("to_trinh", "bao_cao_thanh_tich", "ket_qua_lay_y_kien")),
    }  # fmt: skip
    people = {}
    for name, unit in (("Nguyễn Thị Hoa", "an_bien"), ("Trần Văn Bình", "an_bien"), ("Lê Minh Châu", "le_chan")):
        person = PersonFactory(full_name=name, birth_date=dt.date(1980, 5, 1))
        MembershipFactory(person=person, unit=city[unit])
        people[name] = person
    scene = Scene(units=city, city_authority=city_authority, district_authority=district_authority,
                  prime_minister=prime_minister, documents=documents, awards=awards, people=people)  # fmt: skip
    root, le_chan = city["root"], city["le_chan"]
    scene.users = {
        "officer": user_with_role("unit_officer", le_chan, username="canbo.lechan", full_name="Trần Thị Lan"),
        "head": user_with_role("unit_head", le_chan, username="thutruong.lechan", full_name="Vũ Đức Thắng"),
        "outsider": user_with_role("unit_head", city["thuy_nguyen"], username="thutruong.thuynguyen",
                                   full_name="Phạm Văn Hải"),
        "board": user_with_role("board_officer", root, username="bantdkt", full_name="Nguyễn Thị Minh Hằng"),
        "board2": user_with_role("board_officer", root, username="bantdkt2", full_name="Đinh Văn Toàn"),
        "board_head": user_with_role("board_head", root, username="truongban", full_name="Lê Quang Huy"),
        "chair": user_with_role("council_chair", root, username="chutich.hd", full_name="Hoàng Minh Tuấn"),
        "secretary": user_with_role("council_secretary", root, username="thuky", full_name="Bùi Thị Ngọc Anh"),
        "member1": user_with_role("council_member", root, username="hoidong1", full_name="Đỗ Văn Nam"),
        "member2": user_with_role("council_member", root, username="hoidong2", full_name="Phan Thị Mai"),
        "member3": user_with_role("council_member", root, username="hoidong3", full_name="Vũ Văn Khải"),
    }  # fmt: skip
    return scene
