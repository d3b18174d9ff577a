"""The dossier workflow through the API: every row of the declared transition table has its endpoint
(``POST /api/v1/dossiers/{id}/<code>/``, ``POST /api/v1/dossiers/{id}/entries/{entry_id}/<code>/``), and each is
refused to the wrong role and to the wrong unit, refused when its guard fails (a Vietnamese 400 naming the field, the
dossier exactly as it was), and taken by its actor. Then what the steps need around them: the detail (steps the
caller may take, timeline), creating dossiers, the boxes, documents, the unit's council, entry edits, the appraisal
checklist, the centre's package and the year-end round.

Scene (tests/dossiers/conftest.py): Quận Lê Chân proposes to the city's Chairman; its officer prepares, its head
submits; the city's board appraises, its head approves, its council (five members) votes; the Prime Minister sits
outside the deployment. The builders of tests/dossiers/workflow_scene.py bring a dossier to each state."""

# The dossier scene fixture is imported as the helpers' rules say; its parameters shadow the import by design.
# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import token_client
from tests.api.dossier_builders import SUGGESTED, client_of, forwarded, ldtt_rule, staff, voted, with_word_copies
from tests.dossiers.conftest import scene  # noqa: F401
from tests.dossiers.workflow_scene import (
    BINH,
    HOA,
    YEAR,
    appraised,
    check_all,
    district_board_head,
    draft,
    entry_of,
    fresh,
    received,
    returned,
    state_of,
    submitted,
)
from tests.factories.files import fake_pdf, pdf_upload
from thidua.core.models import StoredFile
from thidua.dossiers import services, workflow
from thidua.dossiers.api import DOSSIER_STEPS, ENTRY_STEPS
from thidua.dossiers.enums import DossierKind, DossierState, EntryState, Recommendation
from thidua.dossiers.models import Dossier, DossierAttachment, DossierEvent
from thidua.dossiers.serializers import TAKEN_ELSEWHERE
from thidua.dossiers.transitions import DOSSIER, TRANSITIONS, UNIT

pytestmark = pytest.mark.django_db

TWO = ((HOA, "BK_TINH"), (BINH, "BK_TINH"))


def yesterday() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()


def tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def step_path(code: str, dossier: Dossier) -> str:
    if TRANSITIONS[code].moves == DOSSIER:
        return f"/api/v1/dossiers/{dossier.pk}/{code}/"
    return f"/api/v1/dossiers/{dossier.pk}/entries/{entry_of(dossier).pk}/{code}/"


# --- The table's rows, one case each ---------------------------------------------------------------------------


def returned_without_its_to_trinh(scene) -> Dossier:
    """Returned for completion, and the unit then took its tờ trình out: resubmitting lacks a document."""
    dossier = returned(scene)
    to_trinh = DossierAttachment.objects.get(dossier=dossier, entry=None, document_kind=scene.documents["to_trinh"])
    workflow.remove_attachment(to_trinh, by=scene.users["officer"])
    return fresh(dossier)


def submitted_with_a_returned_entry(scene) -> Dossier:
    dossier = submitted(scene, TWO)
    workflow.return_entry(entry_of(dossier), by=scene.users["board"], reason="Bổ sung báo cáo thành tích.")
    return fresh(dossier)


def received_and_checked(scene) -> Dossier:
    dossier = received(scene)
    check_all(entry_of(dossier))
    return dossier


def received_with_its_entry_rejected(scene) -> Dossier:
    dossier = received(scene)
    workflow.reject(entry_of(dossier), by=scene.users["board_head"], reason="Chưa đủ thời gian công tác.")
    return fresh(dossier)


def nothing(scene) -> dict:
    return {}


@dataclass(frozen=True)
class Case:
    build: Callable  # scene → a dossier in a state the step leaves from
    actor: str  # who takes it (a key of scene.users)
    wrong_role: str  # sees the dossier, holds a role the row does not name
    guard: Callable  # scene → a dossier where the step's guard fails
    field: str  # the field the refusal names
    body: Callable = nothing  # scene → the request body
    guard_body: Callable = nothing


CASES: dict[str, Case] = {
    "submit": Case(draft, "head", "officer", lambda scene: draft(scene, documents=False), "attachments"),
    "resubmit": Case(returned, "head", "officer", returned_without_its_to_trinh, "attachments"),
    "withdraw": Case(submitted, "head", "officer", submitted, "reason",
                     body=lambda scene: {"reason": "Đơn vị rút hồ sơ để bổ sung."}),
    "return": Case(submitted, "board", "head", submitted, "reason",
                   body=lambda scene: {"reason": "Tờ trình chưa ký, đóng dấu."}),
    "receive": Case(submitted, "board", "head", submitted_with_a_returned_entry, "entries"),
    "assign": Case(submitted, "board_head", "board", submitted, "officer",
                   body=lambda scene: {"officer": scene.users["board2"].pk},
                   guard_body=lambda scene: {"officer": scene.users["head"].pk}),
    "close": Case(received_with_its_entry_rejected, "board_head", "board", received, "entries"),
    "return_entry": Case(submitted, "board", "head", submitted, "reason",
                         body=lambda scene: {"reason": "Báo cáo thành tích chưa có xác nhận của thủ trưởng."}),
    "appraise": Case(received_and_checked, "board", "head", received, "checks",
                     body=lambda scene: {"recommendation": "propose", "notes": "Đủ điều kiện."},
                     guard_body=lambda scene: {"recommendation": "propose"}),
    "consult": Case(lambda scene: appraised(scene, ((HOA, "HCLD3"),)), "board", "head", appraised,
                    "non_field_errors"),
    "approve": Case(appraised, "board_head", "board",
                    lambda scene: appraised(scene, recommendation=Recommendation.NOT_PROPOSE), "recommendation"),
    "reject": Case(received, "board_head", "board", received, "reason",
                   body=lambda scene: {"reason": "Chưa đủ thời gian giữ danh hiệu."}),
    "forward": Case(lambda scene: with_word_copies(scene, voted(scene)), "board_head", "board", appraised,
                    "entries"),
    "record_decision": Case(forwarded, "board", "head", forwarded, "on",
                            body=lambda scene: {"reference": "1234/QĐ-TTg", "on": yesterday()},
                            guard_body=lambda scene: {"reference": "1234/QĐ-TTg", "on": tomorrow()}),
    "record_refusal": Case(forwarded, "board", "head", forwarded, "reason",
                           body=lambda scene: {"reference": "56/VPCP-TĐKT", "on": yesterday(),
                                               "reason": "Chưa đủ tiêu chuẩn theo Điều 71."},
                           guard_body=lambda scene: {"reference": "56/VPCP-TĐKT", "on": yesterday()}),
}  # fmt: skip
CODES = sorted(CASES)


def test_every_row_of_the_table_has_an_endpoint_or_says_where_it_is_taken():
    routed = {*DOSSIER_STEPS, *ENTRY_STEPS}
    assert (sorted(routed | set(TAKEN_ELSEWHERE)), sorted(routed & set(TAKEN_ELSEWHERE))) == (sorted(TRANSITIONS), [])


def test_every_endpoint_of_the_table_resolves_by_its_name():
    names = [f"api-dossier-{code.replace('_', '-')}" for code in DOSSIER_STEPS]
    names += [f"api-dossier-entry-{code.replace('_', '-')}" for code in ENTRY_STEPS]
    paths = [reverse(name, kwargs={"pk": 1} if "entry" not in name else {"pk": 1, "entry_pk": 2}) for name in names]
    assert [path.rsplit("/", 2)[-2] for path in paths] == [*DOSSIER_STEPS, *ENTRY_STEPS]


def test_every_endpoint_of_the_table_is_tested_here():
    assert sorted({*DOSSIER_STEPS, *ENTRY_STEPS}) == CODES


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_refused_to_the_wrong_role_and_nothing_changes(scene, code):
    case = CASES[code]
    dossier = case.build(scene)
    before = state_of(dossier)

    response = client_of(scene, case.wrong_role).post(step_path(code, dossier), case.body(scene), format="json")

    assert (response.status_code, response.json()) == (
        403, {"detail": f"Bạn không có quyền “{TRANSITIONS[code].label}” đối với hồ sơ này."},
    )  # fmt: skip
    assert state_of(dossier) == before


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_refused_at_the_wrong_unit(scene, code):
    """The unit side of another district does not even see the dossier (404); the board of another authority sees
    its own district's dossier but does not act for the city (403)."""
    case = CASES[code]
    dossier = case.build(scene)
    if TRANSITIONS[code].side == UNIT:
        client, expected = client_of(scene, "outsider"), 404
    else:
        client, expected = token_client(district_board_head(scene)), 403
    before = state_of(dossier)

    response = client.post(step_path(code, dossier), case.body(scene), format="json")

    assert response.status_code == expected
    assert state_of(dossier) == before


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_refused_when_its_guard_fails_with_a_message_naming_the_field(scene, code):
    case = CASES[code]
    dossier = case.guard(scene)
    before = state_of(dossier)

    response = client_of(scene, case.actor).post(step_path(code, dossier), case.guard_body(scene), format="json")

    errors = response.json()
    assert (response.status_code, list(errors)) == (400, [case.field])
    assert all(isinstance(message, str) and message for message in errors[case.field])
    assert state_of(dossier) == before


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_taken_by_its_actor_and_answers_the_dossier(scene, code):
    case = CASES[code]
    dossier = case.build(scene)
    row = TRANSITIONS[code]
    moved = dossier if row.moves == DOSSIER else entry_of(dossier)
    expected_state = row.target or moved.state

    response = client_of(scene, case.actor).post(step_path(code, dossier), case.body(scene), format="json")

    moved = fresh(dossier) if row.moves == DOSSIER else entry_of(dossier)
    event = DossierEvent.objects.filter(dossier=dossier, action=code).last()
    assert (response.status_code, response.json()["id"], response.json()["version"]) == (
        200, dossier.pk, fresh(dossier).version,
    )  # fmt: skip
    assert (moved.state, event.actor, event.to_state) == (expected_state, scene.users[case.actor], expected_state)


def test_assigning_without_an_officer_picks_one_automatically(scene):
    dossier = submitted(scene)

    response = client_of(scene, "board_head").post(f"/api/v1/dossiers/{dossier.pk}/assign/", {}, format="json")

    assert (response.status_code, response.json()["assignee"]) == (200, scene.users["board"].pk)


def test_a_stale_version_is_refused_and_nothing_changes(scene):
    dossier = submitted(scene)
    before = state_of(dossier)

    response = client_of(scene, "board").post(f"/api/v1/dossiers/{dossier.pk}/receive/",
                                              {"version": dossier.version - 1}, format="json")  # fmt: skip

    assert (response.status_code, response.json()) == (400, {"non_field_errors": [
        f"Hồ sơ “{dossier.title}” vừa được người khác cập nhật. Tải lại trang để xem trạng thái mới rồi thao tác lại."
    ]})  # fmt: skip
    assert state_of(dossier) == before


def test_the_current_version_is_accepted(scene):
    dossier = submitted(scene)

    response = client_of(scene, "board").post(f"/api/v1/dossiers/{dossier.pk}/receive/",
                                              {"version": dossier.version}, format="json")  # fmt: skip

    assert (response.status_code, response.json()["state"]) == (200, "received")


def test_a_step_from_the_wrong_state_is_refused(scene):
    dossier = draft(scene)

    response = client_of(scene, "board_head").post(f"/api/v1/dossiers/{dossier.pk}/close/", {}, format="json")

    assert (response.status_code, response.json()) == (400, {"non_field_errors": [
        f"Không thể “Kết thúc hồ sơ”: hồ sơ “{dossier.title}” đang ở trạng thái “Dự thảo”."
    ]})  # fmt: skip


# --- The detail ------------------------------------------------------------------------------------------------


def codes(rows: list[dict]) -> list[str]:
    return [row["code"] for row in rows]


def test_the_detail_lists_the_steps_the_unit_head_may_take_on_a_draft(scene):
    dossier = draft(scene)

    data = client_of(scene, "head").get(f"/api/v1/dossiers/{dossier.pk}/").json()

    assert (codes(data["transitions"]), codes(data["entries"][0]["transitions"])) == (["submit", "withdraw"], [])


def test_the_detail_lists_the_steps_the_board_may_take_on_a_submitted_dossier(scene):
    dossier = submitted(scene)

    data = client_of(scene, "board").get(f"/api/v1/dossiers/{dossier.pk}/").json()

    assert (codes(data["transitions"]), codes(data["entries"][0]["transitions"])) == (
        ["return", "receive"], ["return_entry", "appraise"],
    )  # fmt: skip
    assert data["entries"][0]["transitions"][0] == {
        "code": "return_entry", "label": "Trả lại đề nghị để bổ sung", "reason_required": True,
    }  # fmt: skip


def test_the_detail_shows_the_snapshot_the_deadline_and_the_timeline(scene):
    dossier = submitted(scene)

    data = client_of(scene, "board").get(f"/api/v1/dossiers/{dossier.pk}/").json()

    entry = data["entries"][0]
    assert (entry["snapshot"]["recipient_name"], entry["snapshot"]["birth_year"], data["due_on"]) == (
        HOA, 1980, fresh(dossier).due_on.isoformat(),
    )  # fmt: skip
    assert [(event["action"], event["action_display"]) for event in data["events"]][-1] == ("submit", "Trình hồ sơ")


def test_the_detail_shows_what_a_resubmission_changed(scene):
    dossier = returned(scene)
    hoa = entry_of(dossier)
    head = client_of(scene, "head")
    client_of(scene, "officer").patch(f"/api/v1/dossiers/{dossier.pk}/entries/{hoa.pk}/",
                                      {"achievement": "Thành tích đã bổ sung số liệu."}, format="json")  # fmt: skip

    data = head.post(f"/api/v1/dossiers/{dossier.pk}/resubmit/", {}, format="json").json()

    event = next(event for event in data["events"] if event["action"] == "resubmit" and event["entry"] is None)
    assert [change["fields"] for change in event["data"]["changes"] if change["entry"] == hoa.pk] == [
        ["tóm tắt thành tích"]
    ]


def test_the_detail_shows_what_documents_are_missing(scene):
    dossier = draft(scene, documents=False)

    data = client_of(scene, "officer").get(f"/api/v1/dossiers/{dossier.pk}/").json()

    assert data["missing_documents"] == [
        "Thiếu “Tờ trình đề nghị khen thưởng”.",
        "Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố: thiếu “Báo cáo thành tích”.",
    ]


def test_the_board_s_detail_costs_the_same_for_one_entry_as_for_three(scene):
    one = received(scene)
    three = received(scene, (*TWO, ("Lê Minh Châu", "BK_TINH")))
    board = client_of(scene, "board")
    board.get(f"/api/v1/dossiers/{one.pk}/")  # the token and the scope, once
    with CaptureQueriesContext(connection) as for_one:
        board.get(f"/api/v1/dossiers/{one.pk}/")
    with CaptureQueriesContext(connection) as for_three:
        entries = board.get(f"/api/v1/dossiers/{three.pk}/").json()["entries"]
    assert (len(for_three.captured_queries), len(entries)) == (len(for_one.captured_queries), 3)


# --- Creating, the boxes ---------------------------------------------------------------------------------------


def test_creating_with_a_title_opens_a_new_dossier_addressed_to_the_next_authority_up(scene):
    body = {"unit": scene.units["le_chan"].pk, "kind": "dot_xuat", "title": "Khen thưởng đột xuất cứu người",
            "year": YEAR}  # fmt: skip
    officer = client_of(scene, "officer")

    first = officer.post("/api/v1/dossiers/", body, format="json")
    second = officer.post("/api/v1/dossiers/", body, format="json")

    assert (first.status_code, first.json()["authority"], first.json()["state"], first.json()["kind"]) == (
        201, scene.city_authority.pk, "draft", "dot_xuat",
    )  # fmt: skip
    assert (second.status_code, Dossier.objects.count()) == (201, 2)


def test_creating_is_refused_to_the_board(scene):
    body = {"unit": scene.units["le_chan"].pk, "kind": "dot_xuat", "title": "Khen thưởng đột xuất"}

    response = client_of(scene, "board").post("/api/v1/dossiers/", body, format="json")

    assert (response.status_code, Dossier.objects.count()) == (403, 0)


def listed(client, query: str) -> list[int]:
    response = client.get(f"/api/v1/dossiers/?{query}")
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_the_board_s_inbox_holds_what_waits_for_it_and_no_draft(scene):
    waiting, prepared = submitted(scene), draft(scene)

    assert (listed(client_of(scene, "board"), "box=inbox"), prepared.pk in listed(client_of(scene, "board"), "")) == (
        [waiting.pk], True,
    )  # fmt: skip


def test_the_unit_s_outbox_holds_its_dossiers(scene):
    sent, prepared = submitted(scene), draft(scene)

    assert sorted(listed(client_of(scene, "officer"), "box=outbox")) == sorted([sent.pk, prepared.pk])
    assert listed(client_of(scene, "officer"), "box=inbox") == []


def test_overdue_dossiers_are_flagged_and_filtered(scene):
    late, on_time = submitted(scene), submitted(scene)
    Dossier.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))  # test setup
    board = client_of(scene, "board")

    rows = {row["id"]: row["overdue"] for row in board.get("/api/v1/dossiers/").json()["results"]}
    assert (listed(board, "overdue=true"), listed(board, "overdue=false"), rows) == (
        [late.pk], [on_time.pk], {late.pk: True, on_time.pk: False},
    )  # fmt: skip


def test_dossiers_filter_by_state_and_authority(scene):
    sent, prepared = submitted(scene), draft(scene)
    officer = client_of(scene, "officer")

    to_the_city = f"authority={scene.city_authority.pk}&state=submitted"
    assert (listed(officer, "state=draft"), listed(officer, to_the_city)) == ([prepared.pk], [sent.pk])


def test_mine_filters_the_dossiers_assigned_to_the_caller(scene):
    mine, other = submitted(scene), submitted(scene)
    workflow.assign(mine, by=scene.users["board_head"], officer=scene.users["board2"])

    assert listed(client_of(scene, "board2"), "box=inbox&mine=true") == [mine.pk]
    assert other.pk in listed(client_of(scene, "board2"), "box=inbox")


# --- Documents -------------------------------------------------------------------------------------------------


def upload(client, dossier, file, **fields):
    return client.post(f"/api/v1/dossiers/{dossier.pk}/attachments/", {"file": file, **fields}, format="multipart")


def test_the_unit_attaches_a_report_to_an_entry(scene):
    dossier = draft(scene, documents=False)
    hoa = entry_of(dossier)

    response = upload(client_of(scene, "officer"), dossier, pdf_upload("bao-cao.pdf"),
                      document_kind="bao_cao_thanh_tich", entry=hoa.pk, title="Báo cáo thành tích")  # fmt: skip

    attachment = DossierAttachment.objects.get()
    assert (response.status_code, response.json()["id"], response.json()["file_kind"], attachment.entry) == (
        201, attachment.pk, "pdf", hoa,
    )  # fmt: skip


def test_a_refused_upload_leaves_nothing(scene):
    dossier = draft(scene, documents=False)
    before = state_of(dossier)

    response = upload(client_of(scene, "officer"), dossier, fake_pdf(), document_kind="to_trinh")

    assert (response.status_code, list(response.json())) == (400, ["file"])
    assert "virus.pdf" in response.json()["file"][0]
    assert (state_of(dossier), StoredFile.objects.count()) == (before, 0)


def test_an_entry_of_another_dossier_is_refused_as_the_attachment_s_entry(scene):
    dossier, other = draft(scene, documents=False), draft(scene, documents=False)

    response = upload(client_of(scene, "officer"), dossier, pdf_upload(), document_kind="bao_cao_thanh_tich",
                      entry=entry_of(other).pk)  # fmt: skip

    assert (response.status_code, response.json(), StoredFile.objects.count()) == (
        400, {"entry": ["Đề nghị đã chọn không thuộc hồ sơ này."]}, 0,
    )  # fmt: skip


def test_the_unit_may_not_attach_to_a_dossier_it_has_sent(scene):
    dossier = submitted(scene)

    response = upload(client_of(scene, "officer"), dossier, pdf_upload(), document_kind="to_trinh")

    assert response.status_code == 403


def test_the_board_attaches_its_own_document_while_the_dossier_is_with_it(scene):
    dossier = received(scene)

    response = upload(client_of(scene, "board"), dossier, pdf_upload("ket-qua.pdf"),
                      document_kind="ket_qua_lay_y_kien")  # fmt: skip

    assert (response.status_code, response.json()["document_kind_name"]) == (
        201, "Báo cáo kết quả công khai, lấy ý kiến Nhân dân",
    )  # fmt: skip


def test_an_attachment_downloads_under_its_name(scene):
    dossier = draft(scene)
    attachment = DossierAttachment.objects.filter(dossier=dossier).first()

    response = client_of(scene, "board").get(f"/api/v1/dossiers/{dossier.pk}/attachments/{attachment.pk}/download/")

    assert (response.status_code, response["Content-Type"], b"".join(response.streaming_content)[:5]) == (
        200, "application/pdf", b"%PDF-",
    )  # fmt: skip


def test_the_unit_removes_a_document_of_its_draft(scene):
    dossier = draft(scene)
    attachment = DossierAttachment.objects.filter(dossier=dossier).first()

    response = client_of(scene, "officer").delete(f"/api/v1/dossiers/{dossier.pk}/attachments/{attachment.pk}/")

    assert (response.status_code, DossierAttachment.objects.filter(pk=attachment.pk).exists()) == (204, False)


def test_an_attachment_of_another_dossier_is_not_found(scene):
    dossier, other = draft(scene), draft(scene)
    attachment = DossierAttachment.objects.filter(dossier=other).first()

    response = client_of(scene, "officer").delete(f"/api/v1/dossiers/{dossier.pk}/attachments/{attachment.pk}/")

    assert (response.status_code, DossierAttachment.objects.filter(pk=attachment.pk).exists()) == (404, True)


# --- The unit's council, entry edits ---------------------------------------------------------------------------


def test_the_unit_records_its_own_council(scene):
    dossier = draft(scene, kind=DossierKind.YEAR_END)
    body = {"met_on": yesterday(), "members": 7, "present": 6, "notes": "Nhất trí 6/6.", "version": dossier.version}

    response = client_of(scene, "officer").post(f"/api/v1/dossiers/{dossier.pk}/own-council/", body, format="json")

    data = response.json()
    assert (response.status_code, data["own_council_members"], data["own_council_present"], data["version"]) == (
        200, 7, 6, dossier.version + 1,
    )  # fmt: skip


def test_a_council_meeting_in_the_future_is_refused(scene):
    dossier = draft(scene)
    body = {"met_on": tomorrow(), "members": 7, "present": 6}

    response = client_of(scene, "officer").post(f"/api/v1/dossiers/{dossier.pk}/own-council/", body, format="json")

    assert (response.status_code, list(response.json())) == (400, ["met_on"])


def test_more_present_than_members_is_refused(scene):
    dossier = draft(scene)
    body = {"met_on": yesterday(), "members": 5, "present": 6}

    response = client_of(scene, "officer").post(f"/api/v1/dossiers/{dossier.pk}/own-council/", body, format="json")

    assert (response.status_code, response.json()) == (400, {"present": ["Số thành viên dự họp phải từ 0 đến 5."]})


def test_the_unit_edits_an_entry_of_its_draft(scene):
    dossier = draft(scene)
    hoa = entry_of(dossier)

    response = client_of(scene, "officer").patch(f"/api/v1/dossiers/{dossier.pk}/entries/{hoa.pk}/",
                                                 {"achievement": "Dẫn đầu phong trào.", "posthumous": True},
                                                 format="json")  # fmt: skip

    hoa = entry_of(dossier)
    assert (response.status_code, response.json()["achievement"], hoa.achievement, hoa.posthumous) == (
        200, "Dẫn đầu phong trào.", "Dẫn đầu phong trào.", True,
    )  # fmt: skip


def test_an_entry_of_a_sent_dossier_cannot_be_edited(scene):
    dossier = submitted(scene)
    hoa = entry_of(dossier)

    response = client_of(scene, "officer").patch(f"/api/v1/dossiers/{dossier.pk}/entries/{hoa.pk}/",
                                                 {"achievement": "Khác"}, format="json")  # fmt: skip

    assert (response.status_code, entry_of(dossier).achievement) == (400, f"Thành tích của {HOA} năm {YEAR}.")


# --- The appraisal checklist -----------------------------------------------------------------------------------


def test_the_board_reads_the_checklist_with_what_the_system_found(scene):
    dossier = received(scene)

    response = client_of(scene, "board").get(f"/api/v1/dossiers/{dossier.pk}/entries/{entry_of(dossier).pk}/checks/")

    rows = response.json()
    assert (response.status_code, [row["item"] for row in rows]) == (
        200, ["documents", "eligibility", "caps", "earlier_awards", "discipline", "duplicates"],
    )  # fmt: skip
    assert (rows[0]["found"], rows[0]["ok"]) == ("Đủ thành phần hồ sơ.", None)


def test_the_board_saves_the_checklist_and_then_appraises(scene):
    dossier = received(scene)
    hoa = entry_of(dossier)
    board = client_of(scene, "board")
    items = ["documents", "eligibility", "caps", "earlier_awards", "discipline", "duplicates"]
    body = {"checks": [{"item": item, "ok": True, "note": "Đạt"} for item in items]}

    saved = board.put(f"/api/v1/dossiers/{dossier.pk}/entries/{hoa.pk}/checks/", body, format="json")
    appraised_now = board.post(f"/api/v1/dossiers/{dossier.pk}/entries/{hoa.pk}/appraise/",
                               {"recommendation": "propose"}, format="json")  # fmt: skip

    assert (saved.status_code, [row["ok"] for row in saved.json()], saved.json()[0]["checked_by_name"]) == (
        200, [True] * 6, "Nguyễn Thị Minh Hằng",
    )  # fmt: skip
    assert (appraised_now.status_code, entry_of(dossier).state) == (200, EntryState.APPRAISED)


def test_a_checklist_item_needs_its_finding(scene):
    dossier = received(scene)

    response = client_of(scene, "board").put(f"/api/v1/dossiers/{dossier.pk}/entries/{entry_of(dossier).pk}/checks/",
                                             {"checks": [{"item": "documents"}]}, format="json")  # fmt: skip

    assert (response.status_code, response.json()) == (400, {"checks": {"0": {"ok": ["Trường này là bắt buộc."]}}})


# --- The centre's package, the year-end round ------------------------------------------------------------------


def test_the_package_for_the_centre_downloads_as_a_zip_with_its_manifest(scene):
    dossier = forwarded(scene)
    upper = Dossier.objects.get(forwarded_from=dossier)

    response = client_of(scene, "board").get(f"/api/v1/dossiers/{upper.pk}/package/")

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert (response.status_code, response["Content-Type"], "manifest.json" in archive.namelist()) == (
        200, "application/zip", True,
    )  # fmt: skip
    assert client_of(scene, "board").get(f"/api/v1/dossiers/{dossier.pk}/").json()["forwarded_dossiers"] == [upper.pk]


def test_a_dossier_without_a_package_has_none_to_download(scene):
    dossier = submitted(scene)

    response = client_of(scene, "board").get(f"/api/v1/dossiers/{dossier.pk}/package/")

    assert response.status_code == 404


def test_the_year_end_dossier_is_built_in_one_step(scene):
    ldtt_rule(scene)
    staff(scene.units["an_bien"], 12, year=YEAR)
    body = {"unit": scene.units["an_bien"].pk, "year": YEAR, "award_codes": ["LDTT"], "statuses": list(SUGGESTED)}

    response = client_of(scene, "officer").post("/api/v1/dossiers/year-end/", body, format="json")

    data = response.json()
    assert (response.status_code, data["kind"], data["entry_count"], len(data["entries"]), data["state"]) == (
        201, "tong_ket_nam", 12, 12, "draft",
    )  # fmt: skip


def test_a_year_end_round_with_nobody_eligible_is_refused_naming_the_awards(scene):
    body = {"unit": scene.units["an_bien"].pk, "year": YEAR}

    response = client_of(scene, "officer").post("/api/v1/dossiers/year-end/", body, format="json")

    assert (response.status_code, list(response.json()), Dossier.objects.count()) == (400, ["award_codes"], 0)


def test_the_year_end_round_is_refused_to_the_board(scene):
    body = {"unit": scene.units["an_bien"].pk, "year": YEAR}

    response = client_of(scene, "board").post("/api/v1/dossiers/year-end/", body, format="json")

    assert (response.status_code, Dossier.objects.count()) == (403, 0)


def test_a_draft_made_through_the_services_is_listed_with_its_entry_count(scene):
    dossier = services.create_dossier(scene.units["le_chan"], by=scene.users["officer"], kind=DossierKind.AD_HOC,
                                      title="Đột xuất")  # fmt: skip

    rows = client_of(scene, "officer").get("/api/v1/dossiers/").json()["results"]

    assert [(row["id"], row["entry_count"], row["state"]) for row in rows] == [(dossier.pk, 0, DossierState.DRAFT)]
