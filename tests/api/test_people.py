"""/api/v1/people/: scoped reads, the protected ID number, filters, and writes by the unit's officers."""

import datetime as dt

import pytest

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.audit.models import AuditEntry
from thidua.orgs.models import Ethnicity, Person

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
OUT_OF_SCOPE = ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]


def names(response):
    return [row["full_name"] for row in response.json()["results"]]


@pytest.fixture
def hoa(le_chan_person):
    """Nguyễn Thị Hoa of Phường An Biên, with an ID number and an ethnicity."""
    le_chan_person.id_number = "031189001234"
    le_chan_person.ethnicity = Ethnicity.objects.create(code="01", name="Kinh", is_minority=False)
    le_chan_person.gender = "F"
    le_chan_person.birth_date = dt.date(1989, 5, 17)
    le_chan_person.save()
    return le_chan_person


def test_person_list_shows_only_people_of_the_officer_subtree(le_chan_client, hoa, thuy_nguyen_person):
    response = le_chan_client.get("/api/v1/people/")
    assert (response.status_code, names(response)) == (200, ["Nguyễn Thị Hoa"])


def test_person_list_masks_the_id_number_and_never_carries_it(le_chan_client, hoa):
    row = le_chan_client.get("/api/v1/people/").json()["results"][0]
    assert (row["masked_id_number"], "id_number" in row) == ("•••••••••234", False)


def test_person_detail_in_scope_shows_the_person_and_the_full_id_number_to_an_officer(le_chan_client, hoa, city):
    response = le_chan_client.get(f"/api/v1/people/{hoa.pk}/")
    data = response.json()
    del data["created_at"], data["updated_at"]
    membership = hoa.memberships.get()
    assert (response.status_code, data) == (200, {
        "id": hoa.pk, "full_name": "Nguyễn Thị Hoa", "family_name": "Nguyễn", "middle_name": "Thị", "given_name": "Hoa",
        "gender": "F", "gender_display": "Nữ", "birth_date": "1989-05-17", "birth_year": 1989, "death_date": None,
        "ethnicity": "01", "ethnicity_name": "Kinh", "nationality": "Việt Nam", "masked_id_number": "•••••••••234",
        "is_direct_worker": False, "position_category": "civil_servant",
        "position_category_display": "Cán bộ, công chức, viên chức", "hometown": "", "owner_unit": None,
        "current_memberships": [{
            "id": membership.pk, "unit": city["an_bien"].pk, "unit_name": "Phường An Biên", "position": "Chuyên viên",
            "is_leader": False, "start_date": None, "end_date": None, "is_primary": True,
        }],
        "id_number": "031189001234",
    })  # fmt: skip


def test_person_detail_hides_the_id_number_from_someone_who_may_not_edit(le_chan_viewer_client, hoa):
    data = le_chan_viewer_client.get(f"/api/v1/people/{hoa.pk}/").json()
    assert (data["id_number"], data["masked_id_number"]) == (None, "•••••••••234")


def test_person_detail_of_another_district_is_not_found(le_chan_client, thuy_nguyen_person):
    response = le_chan_client.get(f"/api/v1/people/{thuy_nguyen_person.pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_person_update_of_another_district_is_not_found(le_chan_client, thuy_nguyen_person):
    response = le_chan_client.patch(f"/api/v1/people/{thuy_nguyen_person.pk}/", {"hometown": "X"}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert Person.objects.get(pk=thuy_nguyen_person.pk).hometown == ""


def test_person_full_update_of_another_district_is_not_found(le_chan_client, thuy_nguyen_person):
    body = {"full_name": "Đặng Văn Đức", "gender": "M"}
    response = le_chan_client.put(f"/api/v1/people/{thuy_nguyen_person.pk}/", body, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_person_delete_is_not_offered(le_chan_client, hoa):
    response = le_chan_client.delete(f"/api/v1/people/{hoa.pk}/")
    assert (response.status_code, response.json()) == (405, {"detail": "Phương thức “DELETE” không được chấp nhận."})


def test_person_who_left_the_district_is_no_longer_visible(le_chan_client, city):
    person = PersonFactory(full_name="Vũ Văn Chuyển")
    MembershipFactory(person=person, unit=city["an_bien"], end_date=dt.date(2020, 12, 31))
    MembershipFactory(person=person, unit=city["minh_duc"], start_date=dt.date(2021, 1, 1))
    response = le_chan_client.get(f"/api/v1/people/{person.pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_person_current_memberships_list_only_units_in_scope(city, le_chan_client):
    person = PersonFactory(full_name="Vũ Thị Hai Nơi")
    MembershipFactory(person=person, unit=city["an_bien"], position="Kế toán")
    MembershipFactory(person=person, unit=city["minh_duc"], position="Thủ quỹ")
    data = le_chan_client.get(f"/api/v1/people/{person.pk}/").json()
    assert [m["unit_name"] for m in data["current_memberships"]] == ["Phường An Biên"]


# --- Filters -----------------------------------------------------------------------------------------------


def test_person_list_is_in_vietnamese_order(le_chan_client, city):
    for name in ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị Ánh", "Phạm Thị Ân", "Đỗ Văn Bình"]:
        MembershipFactory(person=PersonFactory(full_name=name), unit=city["an_bien"])
    response = le_chan_client.get("/api/v1/people/")
    assert names(response) == ["Nguyễn Văn An", "Lê Thị Ánh", "Phạm Thị Ân", "Đỗ Văn Bình", "Trần Văn Bình"]


def test_person_filter_unit_takes_the_whole_subtree(le_chan_client, hoa, city):
    direct = PersonFactory(full_name="Bùi Văn Quận")
    MembershipFactory(person=direct, unit=city["le_chan"])
    response = le_chan_client.get("/api/v1/people/", {"unit": city["le_chan"].pk})
    assert names(response) == ["Nguyễn Thị Hoa", "Bùi Văn Quận"]


def test_person_filter_unit_of_a_ward_leaves_out_the_district(le_chan_client, hoa, city):
    MembershipFactory(person=PersonFactory(full_name="Bùi Văn Quận"), unit=city["le_chan"])
    assert names(le_chan_client.get("/api/v1/people/", {"unit": city["an_bien"].pk})) == ["Nguyễn Thị Hoa"]


def test_person_filter_unit_includes_people_the_unit_manages(le_chan_client, city):
    PersonFactory(full_name="John Smith", owner_unit=city["an_bien"], position_category="foreigner")
    assert names(le_chan_client.get("/api/v1/people/", {"unit": city["le_chan"].pk})) == ["John Smith"]


def test_person_filter_unit_of_another_district_is_refused(le_chan_client, city):
    response = le_chan_client.get("/api/v1/people/", {"unit": city["thuy_nguyen"].pk})
    assert (response.status_code, list(response.json())) == (400, ["unit"])


def test_person_filter_gender(le_chan_client, hoa, city):
    MembershipFactory(person=PersonFactory(full_name="Lê Văn Nam", gender="M"), unit=city["an_bien"])
    assert names(le_chan_client.get("/api/v1/people/", {"gender": "F"})) == ["Nguyễn Thị Hoa"]


def test_person_filter_position_category(le_chan_client, hoa, city):
    MembershipFactory(person=PersonFactory(full_name="Lê Văn Nông", position_category="farmer"), unit=city["an_bien"])
    assert names(le_chan_client.get("/api/v1/people/", {"position_category": "farmer"})) == ["Lê Văn Nông"]


def test_person_filter_direct_worker(le_chan_client, hoa, city):
    MembershipFactory(person=PersonFactory(full_name="Lê Văn Thợ", is_direct_worker=True), unit=city["an_bien"])
    assert names(le_chan_client.get("/api/v1/people/", {"is_direct_worker": "true"})) == ["Lê Văn Thợ"]


# --- Writes ----------------------------------------------------------------------------------------------


def new_person(unit_id, **extra):
    return {"full_name": "Phạm Văn Mới", "gender": "M", "unit": unit_id, "position": "Chuyên viên",
            "start_date": "2025-01-02", "id_number": "031090009999", **extra}  # fmt: skip


def test_person_create_by_an_officer_starts_work_in_the_unit(le_chan_client, city):
    response = le_chan_client.post("/api/v1/people/", new_person(city["an_bien"].pk), format="json")
    person = Person.objects.get(full_name="Phạm Văn Mới")
    membership = person.memberships.get()
    assert (response.status_code, response.json()["id"], response.json()["id_number"]) == (
        201, person.pk, "031090009999"
    )  # fmt: skip
    assert (membership.unit, membership.position, membership.start_date) == (
        city["an_bien"], "Chuyên viên", dt.date(2025, 1, 2)
    )  # fmt: skip


def test_person_create_in_another_district_names_the_unit(le_chan_client, city):
    response = le_chan_client.post("/api/v1/people/", new_person(city["minh_duc"].pk), format="json")
    assert (response.status_code, response.json()) == (400, {"unit": OUT_OF_SCOPE})
    assert not Person.objects.filter(full_name="Phạm Văn Mới").exists()


def test_person_create_without_a_unit_or_owner_is_refused(le_chan_client, city):
    response = le_chan_client.post("/api/v1/people/", new_person(None), format="json")
    assert (response.status_code, response.json()) == (400, {"unit": [
        "Cần chọn đơn vị công tác, hoặc đơn vị quản lý hồ sơ (owner_unit) với người ngoài cơ cấu."
    ]})  # fmt: skip


def test_person_create_outside_the_tree_with_an_owner_unit(le_chan_client, city):
    body = new_person(None, full_name="Nguyễn Văn Dân", owner_unit=city["an_bien"].pk, position_category="citizen")
    response = le_chan_client.post("/api/v1/people/", body, format="json")
    assert (response.status_code, response.json()["owner_unit"], response.json()["current_memberships"]) == (
        201, city["an_bien"].pk, []
    )  # fmt: skip


def test_person_create_by_someone_who_may_not_edit_is_forbidden(le_chan_viewer_client, city):
    response = le_chan_viewer_client.post("/api/v1/people/", new_person(city["an_bien"].pk), format="json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền thêm cá nhân vào đơn vị “Phường An Biên”."}
    )  # fmt: skip


def test_person_create_with_bad_values_names_each_field(le_chan_client, city):
    body = new_person(city["an_bien"].pk, full_name="", gender="X", birth_date="17/05/1989")
    response = le_chan_client.post("/api/v1/people/", body, format="json")
    assert (response.status_code, response.json()) == (400, {
        "full_name": ["Trường này không được để trống."],
        "gender": ["Giá trị không nằm trong danh sách được chọn."],
        "birth_date": ["Giá trị không hợp lệ."],
    })  # fmt: skip


def test_person_update_by_an_officer(le_chan_client, hoa):
    response = le_chan_client.patch(f"/api/v1/people/{hoa.pk}/", {"hometown": "Kiến An, Hải Phòng"}, format="json")
    hoa.refresh_from_db()
    assert (response.status_code, response.json()["hometown"], hoa.hometown) == (
        200, "Kiến An, Hải Phòng", "Kiến An, Hải Phòng"
    )  # fmt: skip


def test_person_update_of_the_name_refreshes_the_search(le_chan_client, hoa):
    le_chan_client.patch(f"/api/v1/people/{hoa.pk}/", {"full_name": "Nguyễn Thị Hòa Bình"}, format="json")
    assert names(le_chan_client.get("/api/v1/people/", {"search": "hoa binh"})) == ["Nguyễn Thị Hòa Bình"]


def test_person_update_by_someone_who_may_not_edit_is_forbidden(le_chan_viewer_client, hoa):
    response = le_chan_viewer_client.patch(f"/api/v1/people/{hoa.pk}/", {"hometown": "X"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền sửa thông tin cá nhân này."})


def test_person_update_handing_the_file_to_another_district_names_the_field(le_chan_client, hoa, city):
    body = {"owner_unit": city["thuy_nguyen"].pk}
    response = le_chan_client.patch(f"/api/v1/people/{hoa.pk}/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"owner_unit": OUT_OF_SCOPE})


def test_person_update_by_an_officer_of_the_city_sees_people_of_every_district(city, thuy_nguyen_person):
    client = token_client(user_with_role("unit_officer", city["root"]))
    response = client.patch(f"/api/v1/people/{thuy_nguyen_person.pk}/", {"is_direct_worker": True}, format="json")
    assert (response.status_code, response.json()["is_direct_worker"]) == (200, True)


def test_person_update_is_audited_with_the_token_user_and_the_changed_field(le_chan_client, le_chan_officer, hoa):
    le_chan_client.patch(f"/api/v1/people/{hoa.pk}/", {"hometown": "Kiến An"}, format="json")
    entry = AuditEntry.objects.filter(content_type__model="person", object_pk=str(hoa.pk)).latest("pk")
    assert (entry.actor, list(entry.changes_dict)) == (le_chan_officer, ["hometown"])


def test_person_owner_cannot_be_cleared_by_a_co_editor_without_rights_over_the_owner(city, le_chan_client):
    """Đức's record belongs to Minh Đức (Thủy Nguyên); he also works in An Biên, so Lê Chân edits him, but may not
    take the record away from its owner."""
    from tests.factories.orgs import MembershipFactory, PersonFactory

    person = PersonFactory(full_name="Đặng Văn Đức", owner_unit=city["minh_duc"])
    MembershipFactory(person=person, unit=city["an_bien"])
    response = le_chan_client.patch(f"/api/v1/people/{person.pk}/", {"owner_unit": None}, format="json")
    person.refresh_from_db()
    assert (response.status_code, person.owner_unit) == (403, city["minh_duc"])
