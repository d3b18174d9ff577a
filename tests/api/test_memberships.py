"""/api/v1/memberships/: a person's work in a unit, read and written within scope."""

import datetime as dt

import pytest

from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.orgs.models import Membership

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
OUT_OF_SCOPE = ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]


@pytest.fixture
def hoa_membership(le_chan_person):
    return le_chan_person.memberships.get()


@pytest.fixture
def duc_membership(thuy_nguyen_person):
    return thuy_nguyen_person.memberships.get()


def test_membership_list_shows_the_officer_subtree(le_chan_client, hoa_membership, duc_membership):
    response = le_chan_client.get("/api/v1/memberships/")
    assert (response.status_code, [row["id"] for row in response.json()["results"]]) == (200, [hoa_membership.pk])


def test_membership_detail_in_scope(le_chan_client, hoa_membership, city):
    response = le_chan_client.get(f"/api/v1/memberships/{hoa_membership.pk}/")
    assert (response.status_code, response.json()) == (200, {
        "id": hoa_membership.pk, "person": hoa_membership.person_id, "person_name": "Nguyễn Thị Hoa",
        "unit": city["an_bien"].pk, "unit_name": "Phường An Biên", "position": "Chuyên viên", "is_leader": False,
        "start_date": None, "end_date": None, "is_primary": True, "is_current": True,
    })  # fmt: skip


def test_membership_detail_of_another_district_is_not_found(le_chan_client, duc_membership):
    response = le_chan_client.get(f"/api/v1/memberships/{duc_membership.pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_membership_update_of_another_district_is_not_found(le_chan_client, duc_membership):
    response = le_chan_client.patch(f"/api/v1/memberships/{duc_membership.pk}/", {"position": "X"}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_membership_full_update_of_another_district_is_not_found(le_chan_client, duc_membership):
    body = {"person": duc_membership.person_id, "unit": duc_membership.unit_id, "position": "X"}
    response = le_chan_client.put(f"/api/v1/memberships/{duc_membership.pk}/", body, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_membership_delete_of_another_district_is_not_found(le_chan_client, duc_membership):
    response = le_chan_client.delete(f"/api/v1/memberships/{duc_membership.pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert Membership.objects.filter(pk=duc_membership.pk).exists()


def test_membership_filter_by_person(le_chan_client, hoa_membership, city):
    MembershipFactory(person=PersonFactory(), unit=city["an_bien"])
    response = le_chan_client.get("/api/v1/memberships/", {"person": hoa_membership.person_id})
    assert [row["id"] for row in response.json()["results"]] == [hoa_membership.pk]


def test_membership_filter_by_unit_does_not_take_the_subtree(le_chan_client, hoa_membership, city):
    response = le_chan_client.get("/api/v1/memberships/", {"unit": city["le_chan"].pk})
    assert response.json()["results"] == []


def test_membership_filter_current_leaves_out_ended_work(le_chan_client, hoa_membership, city):
    MembershipFactory(person=hoa_membership.person, unit=city["le_chan"], end_date=dt.date(2020, 1, 1))
    response = le_chan_client.get("/api/v1/memberships/", {"current": "true"})
    assert [row["id"] for row in response.json()["results"]] == [hoa_membership.pk]


def test_membership_filter_by_a_person_of_another_district_is_refused(le_chan_client, thuy_nguyen_person):
    response = le_chan_client.get("/api/v1/memberships/", {"person": thuy_nguyen_person.pk})
    assert (response.status_code, list(response.json())) == (400, ["person"])


# --- Writes ----------------------------------------------------------------------------------------------


def test_membership_create_by_an_officer(le_chan_client, le_chan_person, city):
    body = {"person": le_chan_person.pk, "unit": city["le_chan"].pk, "position": "Phó Chủ tịch", "is_leader": True,
            "start_date": "2025-07-01", "is_primary": False}  # fmt: skip
    response = le_chan_client.post("/api/v1/memberships/", body, format="json")
    membership = Membership.objects.get(unit=city["le_chan"])
    assert (response.status_code, response.json()["id"], membership.position, membership.is_leader) == (
        201, membership.pk, "Phó Chủ tịch", True
    )  # fmt: skip


def test_membership_create_for_a_person_of_another_district_names_the_person(le_chan_client, thuy_nguyen_person, city):
    body = {"person": thuy_nguyen_person.pk, "unit": city["an_bien"].pk}
    response = le_chan_client.post("/api/v1/memberships/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"person": OUT_OF_SCOPE})


def test_membership_create_in_another_district_names_the_unit(le_chan_client, le_chan_person, city):
    body = {"person": le_chan_person.pk, "unit": city["minh_duc"].pk}
    response = le_chan_client.post("/api/v1/memberships/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"unit": OUT_OF_SCOPE})
    assert not Membership.objects.filter(unit=city["minh_duc"], person=le_chan_person).exists()


def test_membership_create_by_someone_who_may_not_edit_is_forbidden(le_chan_viewer_client, le_chan_person, city):
    body = {"person": le_chan_person.pk, "unit": city["le_chan"].pk}
    response = le_chan_viewer_client.post("/api/v1/memberships/", body, format="json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền sửa nhân sự của đơn vị “Quận Lê Chân”."}
    )  # fmt: skip


def test_membership_update_by_an_officer_ends_the_work(le_chan_client, hoa_membership):
    response = le_chan_client.patch(
        f"/api/v1/memberships/{hoa_membership.pk}/", {"end_date": "2025-06-30"}, format="json"
    )
    hoa_membership.refresh_from_db()
    assert (response.status_code, response.json()["is_current"], hoa_membership.end_date) == (
        200, False, dt.date(2025, 6, 30)
    )  # fmt: skip


def test_membership_update_with_dates_in_the_wrong_order_is_refused(le_chan_client, hoa_membership):
    body = {"start_date": "2025-07-01", "end_date": "2025-06-30"}
    response = le_chan_client.patch(f"/api/v1/memberships/{hoa_membership.pk}/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["Ngày kết thúc không được trước ngày bắt đầu."]}
    )  # fmt: skip


def test_membership_update_cannot_change_the_unit(le_chan_client, hoa_membership, city):
    response = le_chan_client.patch(
        f"/api/v1/memberships/{hoa_membership.pk}/", {"unit": city["le_chan"].pk}, format="json"
    )
    assert (response.status_code, response.json()) == (400, {"unit": [
        "Không đổi được đơn vị của quá trình công tác: hãy kết thúc quá trình này và tạo quá trình mới."
    ]})  # fmt: skip


def test_membership_update_by_someone_who_may_not_edit_is_forbidden(le_chan_viewer_client, hoa_membership):
    response = le_chan_viewer_client.patch(
        f"/api/v1/memberships/{hoa_membership.pk}/", {"position": "X"}, format="json"
    )
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền sửa nhân sự của đơn vị “Phường An Biên”."}
    )  # fmt: skip


def test_membership_delete_by_an_officer(le_chan_client, hoa_membership):
    response = le_chan_client.delete(f"/api/v1/memberships/{hoa_membership.pk}/")
    assert (response.status_code, response.content) == (204, b"")
    assert not Membership.objects.filter(pk=hoa_membership.pk).exists()


def test_membership_delete_by_someone_who_may_not_edit_is_forbidden(le_chan_viewer_client, hoa_membership):
    response = le_chan_viewer_client.delete(f"/api/v1/memberships/{hoa_membership.pk}/")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền sửa nhân sự của đơn vị “Phường An Biên”."}
    )  # fmt: skip
    assert Membership.objects.filter(pk=hoa_membership.pk).exists()


def test_membership_create_for_a_person_the_caller_only_views_is_forbidden(city, thuy_nguyen_person):
    """A council member sees the whole city but edits people of one ward only: seeing Đức is not answering for him."""
    from tests.api.conftest import token_client
    from tests.conftest import user_with_role
    from tests.factories.accounts import RoleAssignmentFactory, RoleFactory

    user = user_with_role("council_member", city["root"], username="hoidong.phuong")
    RoleAssignmentFactory(user=user, role=RoleFactory(code="unit_officer"), unit=city["an_bien"])
    response = token_client(user).post(
        "/api/v1/memberships/", {"person": thuy_nguyen_person.pk, "unit": city["an_bien"].pk}, format="json"
    )
    assert (response.status_code, thuy_nguyen_person.memberships.count()) == (403, 1)
