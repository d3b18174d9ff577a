"""/api/v1/clusters/: clusters a user may see (organised in scope, or with a member in scope), and their members."""

import pytest

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.orgs import ClusterFactory
from thidua.orgs import services
from thidua.orgs.models import Cluster, ClusterMembership

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
OUT_OF_SCOPE = ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]


@pytest.fixture
def districts_cluster(city):
    """Cụm thi đua các quận, huyện, organised by the city: Lê Chân leads it in 2021, Thủy Nguyên is a member."""
    cluster = ClusterFactory(code="cum-quan-huyen", name="Cụm thi đua các quận, huyện", organiser=city["root"])
    services.set_cluster_members(
        cluster, by=None, year=2021, members={city["le_chan"]: "leader", city["thuy_nguyen"]: "member"}
    )
    services.set_cluster_members(cluster, by=None, year=2022, members={city["thuy_nguyen"]: "leader"})
    return cluster


@pytest.fixture
def thuy_nguyen_cluster(city):
    """A cluster of Thủy Nguyên's communes: nothing of it is in Lê Chân."""
    cluster = ClusterFactory(code="cum-thuy-nguyen", name="Cụm các xã Thủy Nguyên", organiser=city["thuy_nguyen"])
    services.set_cluster_members(cluster, by=None, year=2021, members={city["minh_duc"]: "leader"})
    return cluster


def test_cluster_list_shows_clusters_with_a_member_in_scope(le_chan_client, districts_cluster, thuy_nguyen_cluster):
    response = le_chan_client.get("/api/v1/clusters/")
    assert (response.status_code, [row["code"] for row in response.json()["results"]]) == (200, ["cum-quan-huyen"])


def test_cluster_detail_in_scope(le_chan_client, districts_cluster, city):
    response = le_chan_client.get(f"/api/v1/clusters/{districts_cluster.pk}/")
    data = response.json()
    del data["created_at"], data["updated_at"]
    assert (response.status_code, data) == (200, {
        "id": districts_cluster.pk, "code": "cum-quan-huyen", "name": "Cụm thi đua các quận, huyện", "kind": "cum",
        "kind_display": "Cụm thi đua", "organiser": city["root"].pk, "organiser_name": "Thành phố Hải Phòng",
        "description": "",
    })  # fmt: skip


def test_cluster_detail_out_of_scope_is_not_found(le_chan_client, thuy_nguyen_cluster):
    response = le_chan_client.get(f"/api/v1/clusters/{thuy_nguyen_cluster.pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_cluster_update_out_of_scope_is_not_found(le_chan_client, thuy_nguyen_cluster):
    response = le_chan_client.patch(f"/api/v1/clusters/{thuy_nguyen_cluster.pk}/", {"name": "X"}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_cluster_members_out_of_scope_are_not_found(le_chan_client, thuy_nguyen_cluster):
    response = le_chan_client.get(f"/api/v1/clusters/{thuy_nguyen_cluster.pk}/members/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_cluster_members_of_a_year(le_chan_client, districts_cluster, city):
    response = le_chan_client.get(f"/api/v1/clusters/{districts_cluster.pk}/members/", {"year": 2021})
    # In the Vietnamese order of the units' names.
    assert (response.status_code, response.json()) == (200, [
        {"year": 2021, "unit": city["thuy_nguyen"].pk, "unit_name": "Huyện Thủy Nguyên", "role": "member",
         "role_display": "Thành viên"},
        {"year": 2021, "unit": city["le_chan"].pk, "unit_name": "Quận Lê Chân", "role": "leader",
         "role_display": "Cụm trưởng / Khối trưởng"},
    ])  # fmt: skip


def test_cluster_members_of_every_year(le_chan_client, districts_cluster):
    response = le_chan_client.get(f"/api/v1/clusters/{districts_cluster.pk}/members/")
    assert [(row["year"], row["unit_name"]) for row in response.json()] == [
        (2021, "Huyện Thủy Nguyên"), (2021, "Quận Lê Chân"), (2022, "Huyện Thủy Nguyên")
    ]  # fmt: skip


def test_cluster_members_with_a_year_that_is_not_a_number(le_chan_client, districts_cluster):
    response = le_chan_client.get(f"/api/v1/clusters/{districts_cluster.pk}/members/", {"year": "năm nay"})
    assert (response.status_code, response.json()) == (400, {"year": ["Năm phải là một số, ví dụ 2021."]})


def test_cluster_filter_by_kind(board_officer_client, districts_cluster, city):
    ClusterFactory(code="khoi-doanh-nghiep", name="Khối doanh nghiệp", kind="khoi", organiser=city["root"])
    response = board_officer_client.get("/api/v1/clusters/", {"kind": "khoi"})
    assert [row["code"] for row in response.json()["results"]] == ["khoi-doanh-nghiep"]


# --- Writes ----------------------------------------------------------------------------------------------


def new_cluster(organiser_id):
    return {"code": "khoi-so-nganh", "name": "Khối các sở, ngành", "kind": "khoi", "organiser": organiser_id}


def test_cluster_create_by_the_board(board_officer_client, city):
    response = board_officer_client.post("/api/v1/clusters/", new_cluster(city["root"].pk), format="json")
    cluster = Cluster.objects.get(code="khoi-so-nganh")
    assert (response.status_code, response.json()["id"], cluster.organiser) == (201, cluster.pk, city["root"])


def test_cluster_create_by_a_unit_officer_is_forbidden(le_chan_client, city):
    response = le_chan_client.post("/api/v1/clusters/", new_cluster(city["le_chan"].pk), format="json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền tổ chức cụm, khối thi đua tại đơn vị “Quận Lê Chân”."}
    )  # fmt: skip


def test_cluster_create_organised_by_another_district_names_the_organiser(city):
    client = token_client(user_with_role("board_officer", city["le_chan"]))
    response = client.post("/api/v1/clusters/", new_cluster(city["thuy_nguyen"].pk), format="json")
    assert (response.status_code, response.json()) == (400, {"organiser": OUT_OF_SCOPE})


def test_cluster_create_with_a_taken_code_names_the_code(board_officer_client, districts_cluster, city):
    body = {**new_cluster(city["root"].pk), "code": "cum-quan-huyen"}
    response = board_officer_client.post("/api/v1/clusters/", body, format="json")
    assert (response.status_code, list(response.json())) == (400, ["code"])


def test_cluster_update_by_the_board(board_officer_client, districts_cluster):
    body = {"description": "Gồm 7 quận và 8 huyện."}
    response = board_officer_client.patch(f"/api/v1/clusters/{districts_cluster.pk}/", body, format="json")
    districts_cluster.refresh_from_db()
    assert (response.status_code, districts_cluster.description) == (200, "Gồm 7 quận và 8 huyện.")


def test_cluster_update_by_a_unit_officer_is_forbidden(le_chan_client, districts_cluster):
    response = le_chan_client.patch(f"/api/v1/clusters/{districts_cluster.pk}/", {"name": "X"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền sửa cụm, khối thi đua này."})


def test_cluster_update_cannot_change_the_organiser(board_officer_client, districts_cluster, city):
    body = {"organiser": city["le_chan"].pk}
    response = board_officer_client.patch(f"/api/v1/clusters/{districts_cluster.pk}/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"organiser": ["Không đổi được đơn vị tổ chức của cụm, khối."]}
    )  # fmt: skip


def test_cluster_delete_is_not_offered(board_officer_client, districts_cluster):
    response = board_officer_client.delete(f"/api/v1/clusters/{districts_cluster.pk}/")
    assert (response.status_code, response.json()) == (405, {"detail": "Phương thức “DELETE” không được chấp nhận."})


def test_cluster_set_members_replaces_the_year(board_officer_client, districts_cluster, city):
    body = {"year": 2021, "members": [{"unit": city["thuy_nguyen"].pk, "role": "leader"}]}
    response = board_officer_client.put(f"/api/v1/clusters/{districts_cluster.pk}/members/", body, format="json")
    assert (response.status_code, response.json()) == (200, [
        {"year": 2021, "unit": city["thuy_nguyen"].pk, "unit_name": "Huyện Thủy Nguyên", "role": "leader",
         "role_display": "Cụm trưởng / Khối trưởng"},
    ])  # fmt: skip
    assert ClusterMembership.objects.filter(cluster=districts_cluster, year=2022).count() == 1


def test_cluster_set_members_by_a_unit_officer_is_forbidden(le_chan_client, districts_cluster, city):
    body = {"year": 2021, "members": [{"unit": city["le_chan"].pk, "role": "leader"}]}
    response = le_chan_client.put(f"/api/v1/clusters/{districts_cluster.pk}/members/", body, format="json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền sửa thành viên cụm, khối thi đua này."}
    )  # fmt: skip


def test_cluster_set_members_out_of_scope_is_not_found(le_chan_client, thuy_nguyen_cluster, city):
    body = {"year": 2021, "members": []}
    response = le_chan_client.put(f"/api/v1/clusters/{thuy_nguyen_cluster.pk}/members/", body, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_cluster_set_members_with_two_leaders_is_refused(board_officer_client, districts_cluster, city):
    body = {"year": 2023, "members": [{"unit": city["le_chan"].pk, "role": "leader"},
                                      {"unit": city["thuy_nguyen"].pk, "role": "leader"}]}  # fmt: skip
    response = board_officer_client.put(f"/api/v1/clusters/{districts_cluster.pk}/members/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"role": ["Mỗi năm một cụm, khối chỉ có một cụm trưởng (khối trưởng)."]}
    )  # fmt: skip


def test_cluster_set_members_listing_a_unit_twice_is_refused(board_officer_client, districts_cluster, city):
    body = {"year": 2023, "members": [{"unit": city["le_chan"].pk}, {"unit": city["le_chan"].pk}]}
    response = board_officer_client.put(f"/api/v1/clusters/{districts_cluster.pk}/members/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"members": ["Một đơn vị được kê hai lần."]})


def test_cluster_set_members_with_a_unit_out_of_scope_names_it(city):
    cluster = ClusterFactory(code="cum-le-chan", organiser=city["le_chan"])
    client = token_client(user_with_role("board_officer", city["le_chan"]))
    body = {"year": 2021, "members": [{"unit": city["minh_duc"].pk, "role": "member"}]}
    response = client.put(f"/api/v1/clusters/{cluster.pk}/members/", body, format="json")
    # Errors inside a list are keyed by the row's index.
    assert (response.status_code, response.json()) == (400, {"members": {"0": {"unit": OUT_OF_SCOPE}}})
