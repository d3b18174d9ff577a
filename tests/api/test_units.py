"""/api/v1/units/: scoped reads, filters, and writes by unit administrators only."""

import datetime as dt

import pytest

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.orgs import OrgUnitFactory, UnitKindFactory
from thidua.orgs.models import OrgUnit, OrgUnitEventKind

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
OUT_OF_SCOPE = ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]


def names(response):
    return [row["name"] for row in response.json()["results"]]


def test_unit_list_shows_the_officer_subtree_in_tree_order(le_chan_client, city):
    response = le_chan_client.get("/api/v1/units/")
    assert (response.status_code, names(response)) == (200, ["Quận Lê Chân", "Phường An Biên"])


def test_unit_detail_in_scope_shows_the_unit(le_chan_client, city):
    response = le_chan_client.get(f"/api/v1/units/{city['an_bien'].pk}/")
    data = response.json()
    del data["created_at"], data["updated_at"]
    assert (response.status_code, data) == (200, {
        "id": city["an_bien"].pk, "code": "HP-LC-AB", "name": "Phường An Biên", "short_name": "", "kind": "ward",
        "kind_name": "Xã, phường, thị trấn", "level": 3, "sector": None, "parent": city["le_chan"].pk, "depth": 2,
        "is_external": False, "established_on": None, "dissolved_on": None, "merged_into": None, "is_active": True,
        "address": "", "email": "", "phone": "",
    })  # fmt: skip


def test_unit_detail_of_another_district_is_not_found(le_chan_client, city):
    response = le_chan_client.get(f"/api/v1/units/{city['thuy_nguyen'].pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_unit_parent_outside_the_scope_is_not_found(le_chan_client, city):
    response = le_chan_client.get(f"/api/v1/units/{city['root'].pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_unit_update_of_another_district_is_not_found_even_for_an_admin(le_chan_admin_client, city):
    response = le_chan_admin_client.patch(f"/api/v1/units/{city['thuy_nguyen'].pk}/", {"phone": "0225"}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert OrgUnit.objects.get(pk=city["thuy_nguyen"].pk).phone == ""


def test_unit_delete_is_not_offered(le_chan_admin_client, city):
    response = le_chan_admin_client.delete(f"/api/v1/units/{city['an_bien'].pk}/")
    assert (response.status_code, response.json()) == (405, {"detail": "Phương thức “DELETE” không được chấp nhận."})


def test_unit_search_ignores_case_and_diacritics(le_chan_client, city):
    assert names(le_chan_client.get("/api/v1/units/", {"search": "PHUONG an bien"})) == ["Phường An Biên"]


def test_unit_search_never_finds_another_district(le_chan_client, city):
    assert names(le_chan_client.get("/api/v1/units/", {"search": "thuy nguyen"})) == []


def test_unit_search_finds_a_unit_in_scope_of_a_city_user(city):
    client = token_client(user_with_role("council_member", city["root"]))
    assert names(client.get("/api/v1/units/", {"search": "thuy nguyen"})) == ["Huyện Thủy Nguyên"]


def test_unit_filter_by_parent(le_chan_client, city):
    assert names(le_chan_client.get("/api/v1/units/", {"parent": city["le_chan"].pk})) == ["Phường An Biên"]


def test_unit_filter_by_kind_code(le_chan_client, city):
    assert names(le_chan_client.get("/api/v1/units/", {"kind": "district"})) == ["Quận Lê Chân"]


def test_unit_filter_subtree_of(le_chan_client, city):
    school = OrgUnitFactory(code="HP-LC-AB-THCS", name="Trường THCS An Biên", parent=city["an_bien"])
    response = le_chan_client.get("/api/v1/units/", {"subtree_of": city["an_bien"].pk})
    assert names(response) == ["Phường An Biên", school.name]


def test_unit_filter_subtree_of_another_district_is_refused(le_chan_client, city):
    response = le_chan_client.get("/api/v1/units/", {"subtree_of": city["thuy_nguyen"].pk})
    assert response.status_code == 400
    assert list(response.json()) == ["subtree_of"]


def test_unit_filter_active_leaves_out_dissolved_units(le_chan_client, city):
    OrgUnitFactory(name="Phường Cũ", parent=city["le_chan"], dissolved_on=dt.date(2025, 7, 1))
    assert names(le_chan_client.get("/api/v1/units/", {"active": "true"})) == ["Quận Lê Chân", "Phường An Biên"]


def test_unit_filter_inactive_shows_dissolved_units(le_chan_client, city):
    OrgUnitFactory(name="Phường Cũ", parent=city["le_chan"], dissolved_on=dt.date(2025, 7, 1))
    assert names(le_chan_client.get("/api/v1/units/", {"active": "false"})) == ["Phường Cũ"]


# --- Writes -----------------------------------------------------------------------------------------------


def new_ward(parent_id, code="HP-LC-NEW"):
    return {"code": code, "name": "Phường Mới", "kind": "ward", "parent": parent_id}


def test_unit_create_by_an_admin_in_scope(le_chan_admin_client, city):
    response = le_chan_admin_client.post("/api/v1/units/", new_ward(city["le_chan"].pk), format="json")
    unit = OrgUnit.objects.get(code="HP-LC-NEW")
    assert (response.status_code, response.json()["id"], response.json()["depth"]) == (201, unit.pk, 2)
    assert unit.path.startswith(city["le_chan"].path)


def test_unit_create_under_another_district_names_the_parent(le_chan_admin_client, city):
    response = le_chan_admin_client.post("/api/v1/units/", new_ward(city["thuy_nguyen"].pk), format="json")
    assert (response.status_code, response.json()) == (400, {"parent": OUT_OF_SCOPE})
    assert not OrgUnit.objects.filter(code="HP-LC-NEW").exists()


def test_unit_create_without_parent_is_refused(le_chan_admin_client, city):
    response = le_chan_admin_client.post("/api/v1/units/", new_ward(None), format="json")
    assert (response.status_code, response.json()) == (400, {"parent": ["Cần chọn đơn vị cấp trên."]})


def test_unit_create_by_a_unit_officer_is_forbidden(le_chan_client, city):
    response = le_chan_client.post("/api/v1/units/", new_ward(city["le_chan"].pk), format="json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền tạo đơn vị trực thuộc đơn vị này."}
    )  # fmt: skip


def test_unit_create_with_a_taken_code_names_the_code(le_chan_admin_client, city):
    response = le_chan_admin_client.post("/api/v1/units/", new_ward(city["le_chan"].pk, "HP-TN"), format="json")
    assert (response.status_code, list(response.json())) == (400, ["code"])


def test_unit_create_with_an_unknown_kind_names_the_kind(le_chan_admin_client, city):
    body = {**new_ward(city["le_chan"].pk), "kind": "galaxy"}
    response = le_chan_admin_client.post("/api/v1/units/", body, format="json")
    assert (response.status_code, list(response.json())) == (400, ["kind"])


def test_unit_update_by_an_admin(le_chan_admin_client, city):
    response = le_chan_admin_client.patch(
        f"/api/v1/units/{city['an_bien'].pk}/", {"phone": "0225 3856 123", "short_name": "P. An Biên"}, format="json"
    )
    city["an_bien"].refresh_from_db()
    assert (response.status_code, response.json()["phone"]) == (200, "0225 3856 123")
    assert (city["an_bien"].phone, city["an_bien"].short_name) == ("0225 3856 123", "P. An Biên")


def test_unit_full_update_by_an_admin(le_chan_admin_client, city):
    body = {"code": "HP-LC-AB", "name": "Phường An Biên", "kind": "ward", "parent": city["le_chan"].pk,
            "address": "Số 1 Lạch Tray"}  # fmt: skip
    response = le_chan_admin_client.put(f"/api/v1/units/{city['an_bien'].pk}/", body, format="json")
    assert (response.status_code, response.json()["address"]) == (200, "Số 1 Lạch Tray")


def test_unit_update_by_a_unit_officer_is_forbidden(le_chan_client, city):
    response = le_chan_client.patch(f"/api/v1/units/{city['an_bien'].pk}/", {"phone": "1"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền sửa đơn vị này."})


def test_unit_update_cannot_rename(le_chan_admin_client, city):
    response = le_chan_admin_client.patch(f"/api/v1/units/{city['an_bien'].pk}/", {"name": "Khác"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"name": ["Đổi tên đơn vị bằng POST /api/v1/units/{id}/rename/ để giữ lại tên cũ."]}
    )  # fmt: skip


def test_unit_update_cannot_move(le_chan_admin_client, city):
    response = le_chan_admin_client.patch(
        f"/api/v1/units/{city['an_bien'].pk}/", {"parent": city["an_bien"].pk}, format="json"
    )
    assert (response.status_code, response.json()) == (
        400, {"parent": ["Chuyển đơn vị sang cấp trên khác bằng POST /api/v1/units/{id}/move/."]}
    )  # fmt: skip


def test_unit_rename_by_an_admin_keeps_the_old_name(le_chan_admin_client, city):
    response = le_chan_admin_client.post(
        f"/api/v1/units/{city['an_bien'].pk}/rename/",
        {"new_name": "Phường An Biên Mới", "effective_on": "2025-07-01", "legal_basis": "NQ 1/2025"},
        format="json",
    )
    event = city["an_bien"].events.get()
    assert (response.status_code, response.json()["name"]) == (200, "Phường An Biên Mới")
    assert (event.kind, event.old_name, event.effective_on) == (
        OrgUnitEventKind.RENAMED, "Phường An Biên", dt.date(2025, 7, 1)
    )  # fmt: skip


def test_unit_rename_by_a_unit_officer_is_forbidden(le_chan_client, city):
    response = le_chan_client.post(
        f"/api/v1/units/{city['an_bien'].pk}/rename/", {"new_name": "X", "effective_on": "2025-07-01"}, format="json"
    )
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền đổi tên đơn vị này."})


def test_unit_rename_of_another_district_is_not_found(le_chan_admin_client, city):
    response = le_chan_admin_client.post(
        f"/api/v1/units/{city['minh_duc'].pk}/rename/", {"new_name": "X", "effective_on": "2025-07-01"}, format="json"
    )
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_unit_rename_without_a_date_names_the_date(le_chan_admin_client, city):
    response = le_chan_admin_client.post(
        f"/api/v1/units/{city['an_bien'].pk}/rename/", {"new_name": "X"}, format="json"
    )
    assert (response.status_code, response.json()) == (400, {"effective_on": ["Trường này là bắt buộc."]})


@pytest.fixture
def second_ward(city):
    return OrgUnitFactory(
        code="HP-LC-DH", name="Phường Dư Hàng", kind=UnitKindFactory(code="ward"), parent=city["le_chan"]
    )


def test_unit_move_by_an_admin_within_scope(le_chan_admin_client, city, second_ward):
    response = le_chan_admin_client.post(
        f"/api/v1/units/{second_ward.pk}/move/",
        {"new_parent": city["an_bien"].pk, "effective_on": "2025-07-01"}, format="json",
    )  # fmt: skip
    assert (response.status_code, response.json()["parent"], response.json()["depth"]) == (200, city["an_bien"].pk, 3)


def test_unit_move_into_another_district_names_the_new_parent(le_chan_admin_client, city, second_ward):
    response = le_chan_admin_client.post(
        f"/api/v1/units/{second_ward.pk}/move/",
        {"new_parent": city["thuy_nguyen"].pk, "effective_on": "2025-07-01"}, format="json",
    )  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"new_parent": OUT_OF_SCOPE})
    second_ward.refresh_from_db()
    assert second_ward.parent == city["le_chan"]


def test_unit_move_by_a_unit_officer_is_forbidden(le_chan_client, city, second_ward):
    response = le_chan_client.post(
        f"/api/v1/units/{second_ward.pk}/move/",
        {"new_parent": city["an_bien"].pk, "effective_on": "2025-07-01"}, format="json",
    )  # fmt: skip
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền chuyển đơn vị này sang đơn vị cấp trên đã chọn."}
    )  # fmt: skip


def test_unit_move_of_another_district_is_not_found(le_chan_admin_client, city):
    response = le_chan_admin_client.post(
        f"/api/v1/units/{city['minh_duc'].pk}/move/",
        {"new_parent": city["an_bien"].pk, "effective_on": "2025-07-01"}, format="json",
    )  # fmt: skip
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
