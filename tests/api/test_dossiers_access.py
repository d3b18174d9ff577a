"""Who reaches what, for every endpoint and method of the dossiers, council-sessions and consultations API:
anonymous → 401; a user with no role sees nothing (empty lists, 404 on every object); an officer or the board of
Quận Lê Chân gets 404 on everything that belongs to Huyện Thủy Nguyên alone; a user who sees an object but holds the
wrong role gets 403 on every write (and on the board's reads: the checklist, the public's comments); a user who sees
an object reads it (2xx). What a permitted caller gets from each write is in the resource files
(test_dossier_workflow_api.py, test_council_api.py, test_consultations_api.py, test_dossiers_api.py). The paths of
the workflow's steps come from the transition table: a new row is added here by itself.

Scene (tests/dossiers/conftest.py) plus: Lê Chân's draft to the city ("lc_" objects), a session and a consultation
of the Lê Chân district's own authority; a Thủy Nguyên authority with its dossier from Thị trấn Minh Đức, its session
and its consultation ("tn_" objects). Objects that only need to exist are made directly (test setup)."""

# The dossier scene fixture is imported as the helpers' rules say; its parameters shadow the import by design.
# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.dossiers.conftest import scene  # noqa: F401
from tests.dossiers.workflow_scene import district_board_head, draft, entry_of
from tests.factories.accounts import UserFactory
from tests.factories.catalog import AuthorityFactory
from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from tests.factories.files import pdf_upload
from tests.factories.orgs import PersonFactory
from thidua.core.uploads import store_upload
from thidua.dossiers.api import DOSSIER_STEPS, ENTRY_STEPS
from thidua.dossiers.enums import DossierState, MemberRole
from thidua.dossiers.models import (
    AgendaItem,
    Consultation,
    ConsultationComment,
    CouncilMember,
    CouncilSession,
    DossierAttachment,
)

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
NOT_AUTHENTICATED = {"detail": "Chưa xác thực: gửi tiêu đề «Authorization: Token <khóa>» hoặc đăng nhập."}
EMPTY = {"next": None, "previous": None, "results": []}


def session_of(authority, entry) -> tuple[CouncilSession, AgendaItem]:
    session = CouncilSession.objects.create(authority=authority, title=f"Phiên họp Hội đồng – {authority.name}",
                                            meets_on=dt.date(2025, 3, 14), quorum=Decimal("0.800"))  # fmt: skip
    CouncilMember.objects.create(session=session, full_name="Chủ tịch Hội đồng", role=MemberRole.CHAIR)
    return session, AgendaItem.objects.create(session=session, entry=entry)


def consultation_of(authority, entry) -> tuple[Consultation, ConsultationComment]:
    today = timezone.localdate()
    found = Consultation.objects.create(authority=authority, title=f"Lấy ý kiến – {authority.name}", starts_on=today,
                                        ends_on=today + dt.timedelta(days=14), working_days=10)  # fmt: skip
    comment = ConsultationComment.objects.create(consultation=found, entry=entry, author_name="Trần Văn Dân",
                                                 contact="0912 345 678", body="Tôi đồng ý với đề nghị này.",
                                                 sender_hash="0" * 64)  # fmt: skip
    return found, comment


@pytest.fixture
def ids(scene):
    city = scene.units
    lc_dossier = draft(scene)
    lc_entry = entry_of(lc_dossier)
    lc_session, lc_item = session_of(scene.district_authority, lc_entry)
    lc_consultation, lc_comment = consultation_of(scene.district_authority, lc_entry)

    tn_authority = AuthorityFactory(kind=scene.district_authority.kind, unit=city["thuy_nguyen"],
                                    name="Chủ tịch UBND huyện Thủy Nguyên")  # fmt: skip
    tn_dossier = DossierFactory(unit=city["minh_duc"], authority=tn_authority, state=DossierState.SUBMITTED,
                                title="Hồ sơ của Thị trấn Minh Đức")  # fmt: skip
    tn_entry = DossierEntryFactory(dossier=tn_dossier, person=PersonFactory(), award_type=scene.awards["LDTT"])
    tn_attachment = DossierAttachment.objects.create(dossier=tn_dossier, file=store_upload(pdf_upload(), by=None),
                                                     document_kind=scene.documents["to_trinh"])  # fmt: skip
    tn_session, tn_item = session_of(tn_authority, tn_entry)
    tn_consultation, tn_comment = consultation_of(tn_authority, tn_entry)
    return {
        "le_chan": city["le_chan"].pk,
        "district_authority": scene.district_authority.pk,
        "lc_dossier": lc_dossier.pk,
        "lc_entry": lc_entry.pk,
        "lc_attachment": DossierAttachment.objects.filter(dossier=lc_dossier).first().pk,
        "lc_session": lc_session.pk,
        "lc_item": lc_item.pk,
        "lc_member": lc_session.members.get().pk,
        "lc_consultation": lc_consultation.pk,
        "lc_comment": lc_comment.pk,
        "tn_dossier": tn_dossier.pk,
        "tn_entry": tn_entry.pk,
        "tn_attachment": tn_attachment.pk,
        "tn_session": tn_session.pk,
        "tn_item": tn_item.pk,
        "tn_consultation": tn_consultation.pk,
        "tn_comment": tn_comment.pk,
        "fmt": "pdf",
    }


DOSSIER = "/api/v1/dossiers/{tn_dossier}/"
ENTRY = "/api/v1/dossiers/{tn_dossier}/entries/{tn_entry}/"
SESSION = "/api/v1/council-sessions/{tn_session}/"
CONSULTATION = "/api/v1/consultations/{tn_consultation}/"

# Every path and method of these APIs, with the Thủy Nguyên object where a path names one.
EVERY_ENDPOINT = [
    ("get", "/api/v1/dossiers/"),
    ("post", "/api/v1/dossiers/"),
    ("post", "/api/v1/dossiers/year-end/"),
    ("get", DOSSIER),
    *[("post", f"{DOSSIER}{code}/") for code in DOSSIER_STEPS],
    ("post", f"{DOSSIER}entries/"),
    ("patch", ENTRY),
    ("delete", ENTRY),
    ("get", f"{ENTRY}checks/"),
    ("put", f"{ENTRY}checks/"),
    *[("post", f"{ENTRY}{code}/") for code in ENTRY_STEPS],
    ("post", f"{DOSSIER}attachments/"),
    ("delete", f"{DOSSIER}attachments/{{tn_attachment}}/"),
    ("get", f"{DOSSIER}attachments/{{tn_attachment}}/download/"),
    ("post", f"{DOSSIER}own-council/"),
    ("get", f"{DOSSIER}package/"),
    ("get", f"{DOSSIER}documents/proposal.{{fmt}}"),
    ("get", f"{ENTRY}documents/report.{{fmt}}"),
    ("get", "/api/v1/council-sessions/"),
    ("post", "/api/v1/council-sessions/"),
    ("get", SESSION),
    ("post", f"{SESSION}agenda/"),
    ("delete", f"{SESSION}agenda/{{tn_item}}/"),
    ("put", f"{SESSION}attendance/"),
    ("post", f"{SESSION}open/"),
    ("post", f"{SESSION}close/"),
    ("post", f"{SESSION}items/{{tn_item}}/vote/"),
    ("post", f"{SESSION}items/{{tn_item}}/recuse/"),
    ("post", f"{SESSION}items/{{tn_item}}/tally/"),
    ("get", f"{SESSION}results/"),
    ("get", f"{SESSION}documents/minutes.{{fmt}}"),
    ("get", "/api/v1/consultations/"),
    ("post", "/api/v1/consultations/"),
    ("get", CONSULTATION),
    ("post", f"{CONSULTATION}close/"),
    ("get", f"{CONSULTATION}comments/"),
    ("post", f"{CONSULTATION}comments/{{tn_comment}}/moderate/"),
]


def test_every_path_of_the_dossiers_api_is_in_the_table():
    """Every route of thidua/dossiers/api_urls.py (but the two movements actions, in test_movements_access.py)."""
    from thidua.dossiers.api_urls import urlpatterns

    routes = {re.sub(r"<[a-z:_]+>", "{}", str(pattern.pattern)) for pattern in urlpatterns}
    listed = {shape(path).removeprefix("/api/v1/") for _method, path in EVERY_ENDPOINT}
    movements = {"exemplary-models/{}/propose/", "score-sheets/{}/propose/"}
    assert sorted(routes - movements - listed) == []


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


# --- A user without any role --------------------------------------------------------------------------------------

LISTS = [path for method, path in EVERY_ENDPOINT if method == "get" and "{" not in path]
NO_ROLE_DETAILS = [(method, path.replace("{tn_", "{lc_")) for method, path in EVERY_ENDPOINT if "{tn_" in path]


@pytest.fixture
def no_role(db):
    return token_client(UserFactory(username="khong.vai.tro"))


@pytest.mark.parametrize("path", LISTS)
def test_no_role_sees_empty_lists(no_role, ids, path):
    response = no_role.get(path)
    assert (response.status_code, response.json()) == (200, EMPTY)


@pytest.mark.parametrize(("method", "path"), NO_ROLE_DETAILS)
def test_no_role_gets_404_on_every_object(no_role, ids, method, path):
    response = getattr(no_role, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- Quận Lê Chân and what is Thủy Nguyên's alone ---------------------------------------------------------------

OTHER_DISTRICT_DETAILS = [(method, path) for method, path in EVERY_ENDPOINT if "{tn_" in path]


@pytest.mark.parametrize(("method", "path"), OTHER_DISTRICT_DETAILS)
def test_le_chan_officer_gets_404_on_thuy_nguyen_objects(scene, ids, method, path):
    response = getattr(token_client(scene.users["officer"]), method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize(("method", "path"), OTHER_DISTRICT_DETAILS)
def test_le_chan_board_gets_404_on_thuy_nguyen_objects(scene, ids, method, path):
    response = getattr(token_client(district_board_head(scene)), method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


LIST_KEYS = {
    "/api/v1/dossiers/": "dossier", "/api/v1/council-sessions/": "session", "/api/v1/consultations/": "consultation",
}  # fmt: skip


@pytest.mark.parametrize(("path", "key"), LIST_KEYS.items())
def test_le_chan_lists_hold_le_chan_objects_and_nothing_of_thuy_nguyen(scene, ids, path, key):
    listed = [row["id"] for row in token_client(district_board_head(scene)).get(path).json()["results"]]
    assert (ids[f"lc_{key}"] in listed, ids[f"tn_{key}"] in listed) == (True, False)


# --- Seeing an object, holding the wrong role ---------------------------------------------------------------------


@pytest.fixture
def viewer(scene):
    """A council member of Quận Lê Chân: sees Lê Chân's dossiers, its district's sessions and consultations, may
    change none of it and sits on none of its sessions."""
    return token_client(user_with_role("council_member", scene.units["le_chan"], username="hoidong.lechan"))


LC_DOSSIER = "/api/v1/dossiers/{lc_dossier}/"
LC_ENTRY = "/api/v1/dossiers/{lc_dossier}/entries/{lc_entry}/"
LC_SESSION = "/api/v1/council-sessions/{lc_session}/"
LC_CONSULTATION = "/api/v1/consultations/{lc_consultation}/"
STEP_BODY = {"reason": "Lý do", "recommendation": "propose", "reference": "1/QĐ", "on": "2025-01-02"}

# (method, path, body): the council member of Lê Chân sees the object but may not make this change.
WRONG_ROLE_WRITES = [
    ("post", "/api/v1/dossiers/", {"unit": "{le_chan}"}),
    ("post", "/api/v1/dossiers/", {"unit": "{le_chan}", "kind": "dot_xuat", "title": "Đột xuất"}),
    ("post", "/api/v1/dossiers/year-end/", {"unit": "{le_chan}", "year": 2025}),
    *[("post", f"{LC_DOSSIER}{code}/", STEP_BODY) for code in DOSSIER_STEPS],
    ("post", f"{LC_DOSSIER}entries/", {"award_type": "{award}", "person": "{person}"}),
    ("patch", LC_ENTRY, {"achievement": "Khác"}),
    ("delete", LC_ENTRY, {}),
    ("get", f"{LC_ENTRY}checks/", {}),
    ("put", f"{LC_ENTRY}checks/", {"checks": [{"item": "documents", "ok": True}]}),
    *[("post", f"{LC_ENTRY}{code}/", STEP_BODY) for code in ENTRY_STEPS],
    ("post", f"{LC_DOSSIER}attachments/", {}),
    ("delete", f"{LC_DOSSIER}attachments/{{lc_attachment}}/", {}),
    ("post", f"{LC_DOSSIER}own-council/", {"met_on": "2025-01-02", "members": 5, "present": 5}),
    ("post", "/api/v1/council-sessions/", {"authority": "{district_authority}", "title": "Phiên họp",
                                           "meets_on": "2025-03-14"}),
    ("post", f"{LC_SESSION}agenda/", {"entries": ["{lc_entry}"]}),
    ("delete", f"{LC_SESSION}agenda/{{lc_item}}/", {}),
    ("put", f"{LC_SESSION}attendance/", {"present_member_ids": ["{lc_member}"]}),
    ("post", f"{LC_SESSION}open/", {}),
    ("post", f"{LC_SESSION}close/", {}),
    ("post", f"{LC_SESSION}items/{{lc_item}}/vote/", {"choice": "for"}),
    ("post", f"{LC_SESSION}items/{{lc_item}}/recuse/", {"reason": "Người thân"}),
    ("post", f"{LC_SESSION}items/{{lc_item}}/tally/", {"votes_for": 1, "votes_against": 0}),
    ("post", "/api/v1/consultations/", {"authority": "{district_authority}", "entries": ["{lc_entry}"],
                                        "title": "Lấy ý kiến"}),
    ("post", f"{LC_CONSULTATION}close/", {"summary": "Không có ý kiến."}),
    ("get", f"{LC_CONSULTATION}comments/", {}),
    ("post", f"{LC_CONSULTATION}comments/{{lc_comment}}/moderate/", {"publish": True}),
]  # fmt: skip


def filled(value, values: dict):
    if isinstance(value, dict):
        return {key: filled(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [filled(item, values) for item in value]
    if isinstance(value, str) and value.startswith("{"):
        return int(value.format(**values))
    return value


@pytest.mark.parametrize(("method", "path", "body"), WRONG_ROLE_WRITES)
def test_wrong_role_is_forbidden(scene, viewer, ids, method, path, body):
    values = {**ids, "award": scene.awards["BK_TINH"].pk, "person": scene.people["Trần Văn Bình"].pk}
    response = getattr(viewer, method)(path.format(**values), filled(body, values), format="json")
    assert (response.status_code, response.json()["detail"].startswith("Bạn không có quyền")) == (403, True)


def shape(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "{}", path)


def test_wrong_role_rows_cover_every_write_and_the_board_s_reads():
    covered = {(method, shape(path)) for method, path, _body in WRONG_ROLE_WRITES}
    wanted = {(method, shape(path)) for method, path in EVERY_ENDPOINT
              if method != "get" or path.endswith(("/checks/", "/comments/"))}  # fmt: skip
    assert sorted(wanted - covered) == []


# --- Seeing an object: reading it ---------------------------------------------------------------------------------

# (path, status): what the council member of Lê Chân reads of what Lê Chân sees.
VIEWER_READS = [
    ("/api/v1/dossiers/", 200),
    (LC_DOSSIER, 200),
    (f"{LC_DOSSIER}attachments/{{lc_attachment}}/download/", 200),
    (f"{LC_DOSSIER}package/", 404),  # a draft has no package for the centre
    ("/api/v1/council-sessions/", 200),
    (LC_SESSION, 200),
    (f"{LC_SESSION}results/", 409),  # hidden until the chair closes the vote
    (f"{LC_DOSSIER}documents/proposal.{{fmt}}", 200),
    (f"{LC_ENTRY}documents/report.{{fmt}}", 200),
    (f"{LC_SESSION}documents/minutes.{{fmt}}", 409),  # no biên bản before the vote is closed
    ("/api/v1/consultations/", 200),
    (LC_CONSULTATION, 200),
]


def test_viewer_reads_cover_every_read_of_an_object():
    covered = {shape(path) for path, _status in VIEWER_READS}
    reads = {shape(path) for method, path in EVERY_ENDPOINT if method == "get"}
    board_reads = {shape(path) for _method, path, _body in WRONG_ROLE_WRITES if _method == "get"}
    assert sorted(reads - board_reads - covered) == []


@pytest.mark.parametrize(("path", "status"), VIEWER_READS)
def test_who_sees_an_object_reads_it(viewer, ids, path, status):
    assert viewer.get(path.format(**ids)).status_code == status
