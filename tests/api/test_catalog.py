"""/api/v1/authorities/ and /api/v1/award-types/: the catalog is law, read-only for everyone signed in."""

import datetime as dt

import pytest

from tests.api.conftest import token_client
from tests.factories.accounts import UserFactory
from thidua.catalog.models import AwardType

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}


def codes(response):
    return [row["code"] for row in response.json()["results"]]


def test_award_type_detail_exposes_the_legal_data(no_role_client, catalog):
    bang_khen = catalog["bang_khen"]
    response = no_role_client.get(f"/api/v1/award-types/{bang_khen.pk}/")
    assert (response.status_code, response.json()) == (200, {
        "id": bang_khen.pk, "code": "BK_TINH", "name": "Bằng khen của Chủ tịch UBND cấp tỉnh", "short_name": "",
        "issued_name": "",
        "kind": "form", "kind_display": "Hình thức khen thưởng", "level": "province",
        "level_display": "Cấp bộ, ban, ngành, tỉnh", "recipient_kinds": ["individual", "collective"],
        "regime": "nd152", "granting_authority_kinds": ["ct_ubnd_tinh"], "coef_individual": "1.00",
        "coef_collective": "2.00", "household_multiplier": "1.50", "is_ceiling": False,
        "required_documents": ["bao_cao_thanh_tich", "bien_ban_hop"], "council_body": "standing",
        "council_body_display": "Cơ quan thường trực Hội đồng thẩm định", "council_threshold": "0.800",
        "needs_public_consultation": False, "consultation_working_days": 0, "counts_toward_merit": True,
        "legal_source": "Luật TĐKT 2022, Điều 74; NĐ 152/2025, Điều 51", "confidence": "M",
        "confidence_display": "Trung bình (một nguồn, cần xác minh)", "needs_verification": True, "notes": "",
        "valid_from": "2025-07-01", "valid_to": None,
    })  # fmt: skip


@pytest.fixture
def older_version(catalog):
    """The same award type under the rules in force before 2025-07-01."""
    old = catalog["bang_khen"]
    return AwardType.objects.create(
        code="BK_TINH", name="Bằng khen của Chủ tịch UBND tỉnh", kind="form", level="province",
        recipient_kinds=["individual", "collective"], regime=old.regime, coef_individual="1.00",
        legal_source="NĐ 98/2023", valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2025, 6, 30), sort_order=40,
    )  # fmt: skip


def test_award_type_list_holds_every_version_oldest_first(no_role_client, older_version, catalog):
    response = no_role_client.get("/api/v1/award-types/", {"code": "BK_TINH"})
    assert [row["valid_from"] for row in response.json()["results"]] == ["2024-01-01", "2025-07-01"]


def test_award_type_filter_in_force_on_picks_the_version(no_role_client, older_version, catalog):
    response = no_role_client.get("/api/v1/award-types/", {"in_force_on": "2025-06-30"})
    assert [row["id"] for row in response.json()["results"]] == [older_version.pk]


def test_award_type_filter_in_force_on_with_a_bad_date_names_it(no_role_client, catalog):
    response = no_role_client.get("/api/v1/award-types/", {"in_force_on": "2025-13-45"})
    assert (response.status_code, list(response.json())) == (400, ["in_force_on"])


def test_award_type_filter_by_regime(no_role_client, catalog):
    assert codes(no_role_client.get("/api/v1/award-types/", {"regime": "nd91"})) == []


def test_award_type_filter_by_level(no_role_client, catalog):
    assert codes(no_role_client.get("/api/v1/award-types/", {"level": "province"})) == ["BK_TINH"]


def test_award_type_filter_by_kind(no_role_client, catalog):
    assert codes(no_role_client.get("/api/v1/award-types/", {"kind": "title"})) == []


def test_award_type_cannot_be_created(no_role_client, catalog):
    response = no_role_client.post("/api/v1/award-types/", {"code": "X"}, format="json")
    assert (response.status_code, response.json()) == (405, {"detail": "Phương thức “POST” không được chấp nhận."})


def test_award_type_cannot_be_changed_even_by_a_superuser(catalog):
    client = token_client(UserFactory(is_superuser=True))
    response = client.patch(f"/api/v1/award-types/{catalog['bang_khen'].pk}/", {"name": "X"}, format="json")
    assert (response.status_code, response.json()) == (405, {"detail": "Phương thức “PATCH” không được chấp nhận."})


def test_award_type_unknown_is_not_found(no_role_client, catalog):
    response = no_role_client.get("/api/v1/award-types/999999/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_authority_detail(le_chan_client, catalog, city):
    authority = catalog["city_authority"]
    response = le_chan_client.get(f"/api/v1/authorities/{authority.pk}/")
    assert (response.status_code, response.json()) == (200, {
        "id": authority.pk, "kind": "ct_ubnd_tinh", "kind_name": "Chủ tịch UBND cấp tỉnh", "kind_level": "province",
        "unit": city["root"].pk, "unit_name": "Thành phố Hải Phòng", "name": "Chủ tịch UBND thành phố Hải Phòng",
        "issuing_body": "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "parent_body": "", "signer_title": "CHỦ TỊCH",
        "document_code": "UBND", "place_name": "Hải Phòng", "valid_from": None, "valid_to": None,
    })  # fmt: skip


def test_authority_list_is_the_same_for_everyone_signed_in(no_role_client, catalog):
    response = no_role_client.get("/api/v1/authorities/")
    assert [row["name"] for row in response.json()["results"]] == [
        "Chủ tịch UBND thành phố Hải Phòng", "Chủ tịch UBND huyện Thủy Nguyên"
    ]  # fmt: skip


def test_authority_filter_in_force_on_drops_the_district_chairman_from_2025_07_01(no_role_client, catalog):
    response = no_role_client.get("/api/v1/authorities/", {"in_force_on": "2025-07-01"})
    assert [row["name"] for row in response.json()["results"]] == ["Chủ tịch UBND thành phố Hải Phòng"]


def test_authority_filter_in_force_on_keeps_the_district_chairman_before(no_role_client, catalog):
    response = no_role_client.get("/api/v1/authorities/", {"in_force_on": "2025-06-30"})
    assert len(response.json()["results"]) == 2


def test_authority_filter_by_kind(no_role_client, catalog):
    response = no_role_client.get("/api/v1/authorities/", {"kind": "ct_ubnd_huyen"})
    assert [row["name"] for row in response.json()["results"]] == ["Chủ tịch UBND huyện Thủy Nguyên"]


def test_authority_filter_by_unit(no_role_client, catalog, city):
    response = no_role_client.get("/api/v1/authorities/", {"unit": city["root"].pk})
    assert [row["name"] for row in response.json()["results"]] == ["Chủ tịch UBND thành phố Hải Phòng"]


def test_authority_cannot_be_deleted(no_role_client, catalog):
    response = no_role_client.delete(f"/api/v1/authorities/{catalog['city_authority'].pk}/")
    assert (response.status_code, response.json()) == (405, {"detail": "Phương thức “DELETE” không được chấp nhận."})
