"""Who reaches what, for every endpoint and method of /api/v1/decisions/, /api/v1/certificates/ (with the reissues)
and /api/v1/extracts/: anonymous → 401;
a user with no role sees no decision (empty list, 404 on every object); the head of Huyện Thủy Nguyên gets 404 on
everything of the city; the city's board gets 404 on a draft of Quận Lê Chân's authority; a council member of the
city, who sees its decisions, gets 403 on every write, on the money and on the printing, and reads the rest; the
role each endpoint is for gets 2xx. What a permitted caller gets from each is in test_decisions_api.py.

Scene (tests/decisions/conftest.py): a draft of the city's Chairman with two lines (Nguyễn Thị Hoa, Lê Minh Châu), a
signed decision granting Trần Văn Bình a Bằng khen with its certificate, both on the city's register numbered by
the system; a draft of Quận Lê Chân's Chairman (Lao động tiên tiến for Nguyễn Thị Hoa of Phường An Biên)."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, CHAU, HOA, approved, drafted, signed
from tests.factories.accounts import UserFactory
from tests.factories.decisions import CertificateLayoutFactory
from thidua.decisions import certificates, extracts
from thidua.decisions.models import Decision, DecisionItem

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
NOT_AUTHENTICATED = {"detail": "Chưa xác thực: gửi tiêu đề «Authorization: Token <khóa>» hoặc đăng nhập."}
EMPTY = {"next": None, "previous": None, "results": []}


@pytest.fixture
def ids(scene) -> dict:
    CertificateLayoutFactory()
    draft = drafted(scene, ((HOA, "BK_TINH"), (CHAU, "BK_TINH")))
    decision = signed(scene, ((BINH, "BK_TINH"),))
    district = drafted(scene, dossier=approved(scene, ((HOA, "LDTT"),), unit=scene.units["an_bien"]))
    item = decision.items.get()
    reissue = certificates.reissue(item.certificate, by=scene.users["board"], reason="Bị mất do bão.")
    extract = extracts.issue_extract(by=scene.users["board"], person=scene.people[BINH], issuer=scene.city_authority)
    return {
        "reissue": reissue.pk,
        "extract": extract.pk,
        "draft": draft.pk,
        "item": draft.items.order_by("pk").first().pk,
        "signed": decision.pk,
        "award": item.award_id,
        "code": item.certificate.code,
        "entry": draft.items.order_by("pk").first().entry_id,
        "authority": scene.city_authority.pk,
        "district": district.pk,
        "district_item": district.items.get().pk,
        "prime_minister": scene.prime_minister.pk,
        "person": scene.people[HOA].pk,
    }


DRAFT = "/api/v1/decisions/{draft}/"
SIGNED = "/api/v1/decisions/{signed}/"

# Every path and method, with the object it names.
EVERY_ENDPOINT = [
    ("get", "/api/v1/decisions/"),
    ("post", "/api/v1/decisions/"),
    ("post", "/api/v1/decisions/record/"),
    ("get", "/api/v1/decisions/totals/"),
    ("get", "/api/v1/decisions/totals.xlsx"),
    ("get", DRAFT),
    ("patch", DRAFT),
    ("delete", DRAFT),
    ("post", f"{DRAFT}entries/"),
    ("delete", f"{DRAFT}items/{{item}}/"),
    ("post", f"{DRAFT}sign/"),
    ("post", f"{SIGNED}amend/"),
    ("get", f"{DRAFT}documents/decision.pdf"),
    ("get", f"{SIGNED}signed-file/"),
    ("get", f"{SIGNED}payment-list.xlsx"),
    ("post", f"{SIGNED}certificates/"),
    ("get", f"{SIGNED}certificates.pdf"),
    ("get", "/api/v1/certificates/{code}/"),
    ("post", "/api/v1/certificates/{code}/reissue/"),
    ("get", "/api/v1/certificate-reissues/{reissue}.pdf"),
    ("get", "/api/v1/extracts/"),
    ("post", "/api/v1/extracts/"),
    ("get", "/api/v1/extracts/{extract}/"),
    ("get", "/api/v1/extracts/{extract}/document.pdf"),
]


def shape(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "{}", path)


def test_every_path_of_the_decisions_api_is_in_the_table():
    from thidua.decisions.api_urls import urlpatterns

    routes = {re.sub(r"<[a-z:_]+>", "{}", str(pattern.pattern)) for pattern in urlpatterns}
    listed = {
        shape(path).removeprefix("/api/v1/").replace("decision.pdf", "decision.{}").replace("ent.pdf", "ent.{}")
        for _m, path in EVERY_ENDPOINT
    }
    assert sorted(routes - listed) == []


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


# --- A user without any role, and Huyện Thủy Nguyên ------------------------------------------------------------

OBJECT_ENDPOINTS = [(method, path) for method, path in EVERY_ENDPOINT if "{" in path]


@pytest.fixture
def no_role(db):
    return token_client(UserFactory(username="khong.vai.tro"))


def test_no_role_sees_an_empty_list(no_role, ids):
    response = no_role.get("/api/v1/decisions/")
    assert (response.status_code, response.json()) == (200, EMPTY)


@pytest.mark.parametrize(("method", "path"), OBJECT_ENDPOINTS)
def test_no_role_gets_404_on_every_object(no_role, ids, method, path):
    response = getattr(no_role, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize(("method", "path"), OBJECT_ENDPOINTS)
def test_thuy_nguyen_gets_404_on_everything_of_the_city(scene, ids, method, path):
    response = getattr(token_client(scene.users["outsider"]), method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


DISTRICT_ENDPOINTS = [(method, path.replace("{draft}", "{district}").replace("{signed}", "{district}")
                       .replace("{item}", "{district_item}")) for method, path in OBJECT_ENDPOINTS
                      if "/decisions/" in path]  # fmt: skip


@pytest.mark.parametrize(("method", "path"), DISTRICT_ENDPOINTS)
@pytest.mark.parametrize("user", ["board", "signer", "finance"])
def test_the_city_gets_404_on_a_draft_of_le_chan(scene, ids, user, method, path):
    response = getattr(token_client(scene.users[user]), method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_the_city_lists_hold_its_decisions_and_not_le_chans_draft(scene, ids):
    listed = {row["id"] for row in token_client(scene.users["board"]).get("/api/v1/decisions/").json()["results"]}
    assert listed == {ids["draft"], ids["signed"]}


# --- Seeing the decisions, holding the wrong role -------------------------------------------------------------


@pytest.fixture
def viewer(scene):
    """A council member of the city: sees its decisions, drafts, signs, prints and pays none."""
    return token_client(scene.users["member1"])


HEADER = {"subject": "Về việc tặng Bằng khen", "version": 0}
RECORD = {"authority": "{prime_minister}", "number_text": "1234/QĐ-TTg", "signed_on": "2025-07-15",
          "subject": "Về việc tặng Bằng khen của Thủ tướng Chính phủ",
          "items": [{"person": "{person}", "award_code": "BK_TTG"}]}  # fmt: skip
EXTRACT = {"person": "{person}", "issuer": "{authority}"}
# (method, path, body): the council member sees the decision but may not do this.
WRONG_ROLE = [
    ("post", "/api/v1/decisions/", {"authority": "{authority}", "entries": ["{entry}"]}),
    ("post", "/api/v1/decisions/record/", RECORD),
    ("get", "/api/v1/decisions/totals/", {}),
    ("get", "/api/v1/decisions/totals.xlsx", {}),
    ("patch", DRAFT, HEADER),
    ("delete", DRAFT, {}),
    ("post", f"{DRAFT}entries/", {"entries": ["{entry}"]}),
    ("delete", f"{DRAFT}items/{{item}}/", {}),
    ("post", f"{DRAFT}sign/", {"signed_on": "2026-01-02"}),
    ("post", f"{SIGNED}amend/", {"kind": "revocation", "changes": [{"award": "{award}"}]}),
    ("get", f"{SIGNED}payment-list.xlsx", {}),
    ("post", f"{SIGNED}certificates/", {"mode": "full"}),
    ("get", f"{SIGNED}certificates.pdf", {}),
    ("post", "/api/v1/certificates/{code}/reissue/", {"reason": "Bị hư hỏng do ngập nước."}),
    ("get", "/api/v1/certificate-reissues/{reissue}.pdf", {}),
    ("post", "/api/v1/extracts/", EXTRACT),
]


def filled(value, values: dict):
    if isinstance(value, dict):
        return {key: filled(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [filled(item, values) for item in value]
    if isinstance(value, str) and value.startswith("{"):
        return int(value.format(**values))
    return value


@pytest.mark.parametrize(("method", "path", "body"), WRONG_ROLE)
def test_wrong_role_is_forbidden(viewer, ids, method, path, body):
    before = (list(Decision.objects.order_by("pk").values()), list(DecisionItem.objects.order_by("pk").values()))
    response = getattr(viewer, method)(path.format(**ids), filled(body, ids), format="json")
    assert (response.status_code, response.json()["detail"].startswith("Bạn không có quyền")) == (403, True)
    assert (
        list(Decision.objects.order_by("pk").values()),
        list(DecisionItem.objects.order_by("pk").values()),
    ) == before


def test_wrong_role_rows_cover_every_write_and_the_guarded_reads():
    covered = {(method, shape(path)) for method, path, _body in WRONG_ROLE}
    guarded = ("totals/", "totals.xlsx", "payment-list.xlsx", "certificates.pdf")
    wanted = {(method, shape(path)) for method, path in EVERY_ENDPOINT if method != "get" or path.endswith(guarded)}
    assert sorted(wanted - covered) == []


# (path, status): what the council member reads.
VIEWER_READS = [
    ("/api/v1/decisions/", 200),
    (DRAFT, 200),
    (SIGNED, 200),
    (f"{DRAFT}documents/decision.pdf", 200),
    (f"{SIGNED}signed-file/", 404),  # numbered by the system: no signed file was uploaded
    ("/api/v1/certificates/{code}/", 200),
    ("/api/v1/extracts/", 200),
    ("/api/v1/extracts/{extract}/", 200),
    ("/api/v1/extracts/{extract}/document.pdf", 200),
]


def test_viewer_reads_cover_every_other_read():
    covered = {shape(path) for path, _status in VIEWER_READS}
    guarded = {shape(path) for method, path, _body in WRONG_ROLE if method == "get"}
    reads = {shape(path) for method, path in EVERY_ENDPOINT if method == "get"}
    assert sorted(reads - guarded - covered) == []


@pytest.mark.parametrize(("path", "status"), VIEWER_READS)
def test_who_sees_a_decision_reads_it(viewer, ids, path, status):
    assert viewer.get(path.format(**ids)).status_code == status


# --- The role each endpoint is for ------------------------------------------------------------------------------

# (user, method, path, body, status)
ALLOWED = [
    ("board", "post", "/api/v1/decisions/", {"authority": "{authority}", "entries": ["{entry}"]}, 400),  # in a draft
    ("board", "post", "/api/v1/decisions/record/", RECORD, 201),
    ("finance", "get", "/api/v1/decisions/totals/", {}, 200),
    ("finance", "get", "/api/v1/decisions/totals.xlsx", {}, 200),
    ("board", "patch", DRAFT, HEADER, 200),
    ("board", "delete", DRAFT, {}, 204),
    ("board", "post", f"{DRAFT}entries/", {"entries": ["{entry}"]}, 200),  # already there: nothing added
    ("board", "delete", f"{DRAFT}items/{{item}}/", {}, 204),
    ("signer", "post", f"{DRAFT}sign/", {"signed_on": "2026-01-02"}, 200),
    ("board", "post", f"{SIGNED}amend/", {"kind": "revocation", "changes": [{"award": "{award}"}]}, 201),
    ("finance", "get", f"{SIGNED}payment-list.xlsx", {}, 200),
    ("board", "post", f"{SIGNED}certificates/", {"mode": "full"}, 202),
    ("board", "get", f"{SIGNED}certificates.pdf", {}, 404),  # nothing printed yet
    ("board", "post", "/api/v1/certificates/{code}/reissue/", {"reason": "Bị hư hỏng do ngập nước."}, 201),
    ("board", "get", "/api/v1/certificate-reissues/{reissue}.pdf", {}, 200),
    ("board", "post", "/api/v1/extracts/", EXTRACT, 201),
]


def test_allowed_rows_cover_every_guarded_endpoint():
    assert {(m, shape(p)) for _u, m, p, _b, _s in ALLOWED} == {(m, shape(p)) for m, p, _b in WRONG_ROLE}


@pytest.mark.parametrize(("user", "method", "path", "body", "status"), ALLOWED)
def test_the_role_the_endpoint_is_for_may(scene, ids, user, method, path, body, status):
    response = getattr(token_client(scene.users[user]), method)(path.format(**ids), filled(body, ids), format="json")
    assert response.status_code == status, response.content[:300]
