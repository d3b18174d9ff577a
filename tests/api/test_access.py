"""Who reaches what, for every endpoint and method of /api/v1/: anonymous → 401; a user with no role sees nothing
(empty lists, 404 on details); an officer of Quận Lê Chân gets 404 on everything of Huyện Thủy Nguyên; a user
of the wrong role gets 403 on writes. The tables list every path and method so that a new one is added here too."""

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.orgs import ClusterFactory
from thidua.orgs import services

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
NOT_AUTHENTICATED = {"detail": "Chưa xác thực: gửi tiêu đề «Authorization: Token <khóa>» hoặc đăng nhập."}


@pytest.fixture
def ids(city, le_chan_person, thuy_nguyen_person, catalog):
    """Ids of one object of each kind in Lê Chân ("lc_…") and in Thủy Nguyên ("tn_…")."""
    lc_cluster = ClusterFactory(code="cum-le-chan", organiser=city["le_chan"])
    tn_cluster = ClusterFactory(code="cum-thuy-nguyen", organiser=city["thuy_nguyen"])
    services.set_cluster_members(tn_cluster, by=None, year=2021, members={city["minh_duc"]: "leader"})
    return {
        "lc_unit": city["an_bien"].pk,
        "tn_unit": city["minh_duc"].pk,
        "lc_person": le_chan_person.pk,
        "tn_person": thuy_nguyen_person.pk,
        "lc_membership": le_chan_person.memberships.get().pk,
        "tn_membership": thuy_nguyen_person.memberships.get().pk,
        "lc_cluster": lc_cluster.pk,
        "tn_cluster": tn_cluster.pk,
        "authority": catalog["city_authority"].pk,
        "award_type": catalog["bang_khen"].pk,
    }


# Every path and method of the API. ``{x}`` is filled from ``ids``.
EVERY_ENDPOINT = [
    ("get", "/api/v1/units/"),
    ("post", "/api/v1/units/"),
    ("get", "/api/v1/units/{tn_unit}/"),
    ("put", "/api/v1/units/{tn_unit}/"),
    ("patch", "/api/v1/units/{tn_unit}/"),
    ("post", "/api/v1/units/{tn_unit}/rename/"),
    ("post", "/api/v1/units/{tn_unit}/move/"),
    ("get", "/api/v1/people/"),
    ("post", "/api/v1/people/"),
    ("get", "/api/v1/people/{tn_person}/"),
    ("put", "/api/v1/people/{tn_person}/"),
    ("patch", "/api/v1/people/{tn_person}/"),
    ("get", "/api/v1/memberships/"),
    ("post", "/api/v1/memberships/"),
    ("get", "/api/v1/memberships/{tn_membership}/"),
    ("put", "/api/v1/memberships/{tn_membership}/"),
    ("patch", "/api/v1/memberships/{tn_membership}/"),
    ("delete", "/api/v1/memberships/{tn_membership}/"),
    ("get", "/api/v1/clusters/"),
    ("post", "/api/v1/clusters/"),
    ("get", "/api/v1/clusters/{tn_cluster}/"),
    ("put", "/api/v1/clusters/{tn_cluster}/"),
    ("patch", "/api/v1/clusters/{tn_cluster}/"),
    ("get", "/api/v1/clusters/{tn_cluster}/members/"),
    ("put", "/api/v1/clusters/{tn_cluster}/members/"),
    ("get", "/api/v1/authorities/"),
    ("get", "/api/v1/authorities/{authority}/"),
    ("get", "/api/v1/award-types/"),
    ("get", "/api/v1/award-types/{award_type}/"),
]


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_anonymous_is_asked_to_authenticate(anonymous, ids, method, path):
    response = getattr(anonymous, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json(), response["WWW-Authenticate"]) == (401, NOT_AUTHENTICATED, "Token")


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_a_wrong_token_is_refused(ids, method, path):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = getattr(client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (401, {"detail": "Token không hợp lệ hoặc tài khoản đã bị khóa."})


# --- A user without any role -------------------------------------------------------------------------------

SCOPED_LISTS = ["/api/v1/units/", "/api/v1/people/", "/api/v1/memberships/", "/api/v1/clusters/"]


@pytest.mark.parametrize("path", SCOPED_LISTS)
def test_no_role_sees_empty_lists(no_role_client, ids, path):
    response = no_role_client.get(path)
    assert (response.status_code, response.json()) == (200, {"next": None, "previous": None, "results": []})


@pytest.mark.parametrize("path", SCOPED_LISTS)
def test_no_role_finds_nothing_by_search(no_role_client, ids, path):
    response = no_role_client.get(path, {"search": "a"})
    assert response.json()["results"] == []


NO_ROLE_DETAILS = [
    (method, path.replace("{tn_", "{lc_"))
    for method, path in EVERY_ENDPOINT
    if "{" in path and "authority" not in path and "award_type" not in path
]


@pytest.mark.parametrize(("method", "path"), NO_ROLE_DETAILS)
def test_no_role_gets_404_on_every_detail(no_role_client, ids, method, path):
    response = getattr(no_role_client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- An officer of Quận Lê Chân and the objects of Huyện Thủy Nguyên ---------------------------------------

OTHER_DISTRICT_DETAILS = [
    (method, path) for method, path in EVERY_ENDPOINT if "{tn_" in path
]  # fmt: skip


@pytest.mark.parametrize(("method", "path"), OTHER_DISTRICT_DETAILS)
def test_le_chan_officer_gets_404_on_thuy_nguyen_objects(le_chan_client, ids, method, path):
    response = getattr(le_chan_client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize(("method", "path"), OTHER_DISTRICT_DETAILS)
def test_le_chan_admin_gets_404_on_thuy_nguyen_objects(le_chan_admin_client, ids, method, path):
    response = getattr(le_chan_admin_client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize("kind", ["unit", "person", "membership", "cluster"])
def test_le_chan_officer_lists_hold_le_chan_objects_and_nothing_of_thuy_nguyen(le_chan_client, ids, kind):
    path = {"unit": "/api/v1/units/", "person": "/api/v1/people/", "membership": "/api/v1/memberships/",
            "cluster": "/api/v1/clusters/"}[kind]  # fmt: skip
    listed = [row["id"] for row in le_chan_client.get(path).json()["results"]]
    assert (ids[f"lc_{kind}"] in listed, ids[f"tn_{kind}"] in listed) == (True, False)


# --- The wrong role on writes --------------------------------------------------------------------------------


@pytest.fixture
def clients(city, le_chan_client, le_chan_viewer_client):
    return {
        "unit_officer": le_chan_client,
        "council_member": le_chan_viewer_client,
        "board_officer": token_client(user_with_role("board_officer", city["le_chan"])),
    }


# (role, method, path, body): a user holding ``role`` in Lê Chân sees the object but may not make this change.
WRONG_ROLE_WRITES = [
    ("unit_officer", "post", "/api/v1/units/", {"code": "N", "name": "N", "kind": "ward", "parent": "{lc_unit}"}),
    ("unit_officer", "put", "/api/v1/units/{lc_unit}/", {"code": "HP-LC-AB", "name": "Phường An Biên", "kind": "ward",
                                                         "parent": "{le_chan}"}),
    ("unit_officer", "patch", "/api/v1/units/{lc_unit}/", {"phone": "1"}),
    ("unit_officer", "post", "/api/v1/units/{lc_unit}/rename/", {"new_name": "N", "effective_on": "2025-07-01"}),
    ("unit_officer", "post", "/api/v1/units/{lc_unit}/move/", {"new_parent": "{le_chan}",
                                                               "effective_on": "2025-07-01"}),
    ("council_member", "post", "/api/v1/people/", {"full_name": "N", "gender": "M", "unit": "{lc_unit}"}),
    ("council_member", "put", "/api/v1/people/{lc_person}/", {"full_name": "Nguyễn Thị Hoa", "gender": "F"}),
    ("council_member", "patch", "/api/v1/people/{lc_person}/", {"hometown": "N"}),
    ("board_officer", "post", "/api/v1/memberships/", {"person": "{lc_person}", "unit": "{lc_unit}"}),
    ("board_officer", "put", "/api/v1/memberships/{lc_membership}/", {"person": "{lc_person}", "unit": "{lc_unit}"}),
    ("board_officer", "patch", "/api/v1/memberships/{lc_membership}/", {"position": "N"}),
    ("board_officer", "delete", "/api/v1/memberships/{lc_membership}/", {}),
    ("unit_officer", "post", "/api/v1/clusters/", {"code": "c", "name": "C", "kind": "cum", "organiser": "{le_chan}"}),
    ("unit_officer", "put", "/api/v1/clusters/{lc_cluster}/", {"code": "cum-le-chan", "name": "C", "kind": "cum",
                                                              "organiser": "{le_chan}"}),
    ("unit_officer", "patch", "/api/v1/clusters/{lc_cluster}/", {"name": "C"}),
    ("unit_officer", "put", "/api/v1/clusters/{lc_cluster}/members/", {"year": 2021, "members": []}),
]  # fmt: skip


@pytest.mark.parametrize(("role", "method", "path", "body"), WRONG_ROLE_WRITES)
def test_wrong_role_is_forbidden_to_write(clients, ids, city, role, method, path, body):
    values = {**ids, "le_chan": city["le_chan"].pk}
    body = {key: int(value.format(**values)) if str(value).startswith("{") else value for key, value in body.items()}
    response = getattr(clients[role], method)(path.format(**values), body, format="json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Bạn không có quyền")
