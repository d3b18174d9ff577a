"""/api/v1/movements/: the board creates, edits, launches, amends and closes a movement, uploads its plan document,
reminds late units and follows the compliance dashboard; an obligated unit launches its own sub-movement.

Scene: the city of tests/conftest.py; the city's board officer; a draft of the city with two contents, one target
group, a scored criterion with a sub-criterion, an award and three milestones (registration 31/10/2021, plan
15/11/2021, report 30/06/2022), in scope the whole city: Lê Chân, Thủy Nguyên, An Biên and Minh Đức must answer."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from thidua.audit.models import AuditEntry
from thidua.core.models import StoredFile
from thidua.movements import services
from thidua.movements.enums import AnswerState, MilestoneKind, MovementKind, MovementState
from thidua.movements.models import Movement, ProgressReport, Registration, Reminder, UnitPlan
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
OUT_OF_SCOPE = ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]
TITLE = "Phong trào thi đua “Mục tiêu kép”"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def fake_pdf(name="virus.pdf"):
    """Named like a PDF, but an executable."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is an executable", "application/pdf")


MILESTONES = [
    {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký thi đua", "due_date": dt.date(2021, 10, 31)},
    {"kind": MilestoneKind.PLAN, "title": "Hạn gửi kế hoạch hưởng ứng", "due_date": dt.date(2021, 11, 15)},
    {"kind": MilestoneKind.INTERIM_REVIEW, "title": "Sơ kết 6 tháng", "due_date": dt.date(2022, 6, 30),
     "requires_report": True},
]  # fmt: skip


@pytest.fixture
def board(city):
    return user_with_role("board_officer", city["root"], username="ban.tdkt", full_name="Lê Quang Huy")


@pytest.fixture
def board_client(board):
    return token_client(board)


@pytest.fixture
def flag(db):
    return AwardTypeFactory(code="CTD", name="Cờ thi đua của UBND thành phố", recipient_kinds=["collective"])


@pytest.fixture
def draft(city, board, flag):
    return services.create_movement(
        by=board, issuer_unit=city["root"], title=TITLE, kind=MovementKind.THEMATIC,
        period_start=dt.date(2021, 10, 1), period_end=dt.date(2022, 12, 31), document_number="123/KH-UBND",
        contents=[{"title": "Phòng, chống dịch COVID-19"},
                  {"title": "Phát triển kinh tế", "description": "Tăng trưởng"}],
        target_groups=[{"name": "Các quận, huyện", "unit_kinds": [city["le_chan"].kind]}],
        criteria=[
            {"code": "1", "text": "Tiêm vắc-xin", "max_points": 10, "target_group": 1},
            {"code": "1.1", "text": "Tiêm mũi 1", "max_points": 6, "target_group": 1, "parent_code": "1"},
        ],
        awards=[{"level": "province", "award_type": flag, "quota": 2}],
        milestones=MILESTONES, scope={"mode": "subtree"},
    )  # fmt: skip


@pytest.fixture
def launched(draft, board):
    return services.launch_movement(draft, by=board)


def without_times(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in {"created_at", "updated_at"}}


# --- Reading ---------------------------------------------------------------------------------------------------


def test_movement_detail_shows_everything_it_sets_out(board_client, draft, city, flag):
    response = board_client.get(f"/api/v1/movements/{draft.pk}/")
    contents = list(draft.contents.order_by("position"))
    group = draft.target_groups.get()
    parent, child = draft.criteria.order_by("position")
    award = draft.awards.get()
    registration, plan, report = draft.milestones.order_by("due_date")
    assert (response.status_code, without_times(response.json())) == (200, {
        "id": draft.pk, "title": TITLE, "kind": "thematic", "kind_display": "Thi đua theo chuyên đề",
        "state": "draft", "state_display": "Dự thảo", "issuer_unit": city["root"].pk,
        "issuer_unit_name": "Thành phố Hải Phòng", "parent": None, "document_number": "123/KH-UBND",
        "document_date": None, "period_start": "2021-10-01", "period_end": "2022-12-31", "launched_at": None,
        "closed_at": None, "purpose": "", "legal_basis": "", "issuing_authority": None, "co_organisers": [],
        "scope": {"mode": "subtree", "root": None, "depth": None, "unit_kinds": [], "units": []},
        "registration_required": True, "plan_document": None,
        "contents": [
            {"id": contents[0].pk, "position": 1, "title": "Phòng, chống dịch COVID-19", "description": ""},
            {"id": contents[1].pk, "position": 2, "title": "Phát triển kinh tế", "description": "Tăng trưởng"},
        ],
        "target_groups": [{"id": group.pk, "position": 1, "name": "Các quận, huyện", "unit_kinds": ["district"]}],
        "criteria": [
            {"id": parent.pk, "position": 1, "code": "1", "text": "Tiêm vắc-xin", "target_group": group.pk,
             "target_group_position": 1, "parent": None, "parent_code": None, "max_points": "10.00",
             "weight": "1.00", "kind": "standard", "kind_display": "Tiêu chí chấm điểm", "source": "manual",
             "source_display": "Chấm điểm"},
            {"id": child.pk, "position": 2, "code": "1.1", "text": "Tiêm mũi 1", "target_group": group.pk,
             "target_group_position": 1, "parent": parent.pk, "parent_code": "1", "max_points": "6.00",
             "weight": "1.00", "kind": "standard", "kind_display": "Tiêu chí chấm điểm", "source": "manual",
             "source_display": "Chấm điểm"},
        ],
        "awards": [{"id": award.pk, "position": 1, "level": "province", "level_display": "Cấp tỉnh, thành phố",
                    "award_type": flag.pk, "award_type_name": "Cờ thi đua của UBND thành phố", "quota": 2,
                    "note": ""}],
        "milestones": [
            {"id": registration.pk, "kind": "registration", "kind_display": "Hạn đăng ký thi đua",
             "title": "Hạn đăng ký thi đua", "due_date": "2021-10-31", "requires_report": False},
            {"id": plan.pk, "kind": "plan", "kind_display": "Hạn gửi kế hoạch hưởng ứng",
             "title": "Hạn gửi kế hoạch hưởng ứng", "due_date": "2021-11-15", "requires_report": False},
            {"id": report.pk, "kind": "interim_review", "kind_display": "Sơ kết", "title": "Sơ kết 6 tháng",
             "due_date": "2022-06-30", "requires_report": True},
        ],
    })  # fmt: skip


def test_movement_list_of_a_unit_shows_launched_movements_it_answers_not_drafts(le_chan_client, launched, city, board):
    services.create_movement(by=board, issuer_unit=city["root"], title="Dự thảo chưa phát động", kind="regular",
                             period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 12, 31))  # fmt: skip
    response = le_chan_client.get("/api/v1/movements/")
    assert (response.status_code, [row["title"] for row in response.json()["results"]]) == (200, [TITLE])


def test_movement_list_of_the_board_filters_by_state(board_client, launched, city, board):
    services.create_movement(by=board, issuer_unit=city["root"], title="Dự thảo chưa phát động", kind="regular",
                             period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 12, 31))  # fmt: skip
    response = board_client.get("/api/v1/movements/", {"state": "draft"})
    assert [row["title"] for row in response.json()["results"]] == ["Dự thảo chưa phát động"]


# --- Creating and editing a draft ------------------------------------------------------------------------------


def create_body(city, flag) -> dict:
    return {
        "issuer_unit": city["root"].pk, "title": TITLE, "kind": "thematic", "period_start": "2021-10-01",
        "period_end": "2022-12-31", "purpose": "Vừa phòng, chống dịch vừa phát triển kinh tế",
        "contents": [{"title": "Phòng, chống dịch COVID-19"}],
        "target_groups": [{"name": "Các quận, huyện", "unit_kinds": ["district"]}],
        "criteria": [
            {"code": "1", "text": "Tiêm vắc-xin", "max_points": "10", "target_group_position": 1},
            {"code": "1.1", "parent_code": "1", "text": "Tiêm mũi 1", "max_points": "6", "target_group_position": 1},
        ],
        "awards": [{"level": "province", "award_type": flag.pk, "quota": 2}],
        "milestones": [{"kind": "registration", "title": "Hạn đăng ký thi đua", "due_date": "2021-10-31"}],
        "scope": {"mode": "subtree", "depth": 1},
        "co_organisers": [city["le_chan"].pk],
    }  # fmt: skip


def test_movement_create_makes_a_draft_with_its_lists(board_client, city, flag):
    response = board_client.post("/api/v1/movements/", create_body(city, flag), format="json")
    data = response.json()
    assert (response.status_code, data["state"], data["purpose"], data["co_organisers"], data["scope"]) == (
        201, "draft", "Vừa phòng, chống dịch vừa phát triển kinh tế", [city["le_chan"].pk],
        {"mode": "subtree", "root": None, "depth": 1, "unit_kinds": [], "units": []},
    )  # fmt: skip
    assert [(row["code"], row["parent_code"], row["target_group_position"]) for row in data["criteria"]] == [
        ("1", None, 1), ("1.1", "1", 1),
    ]  # fmt: skip


def test_movement_create_is_audited_in_the_callers_name(board_client, city, flag):
    response = board_client.post("/api/v1/movements/", create_body(city, flag), format="json")
    entry = AuditEntry.objects.get(code="movements.movement.created", object_pk=str(response.json()["id"]))
    assert entry.actor.username == "ban.tdkt"


def test_movement_create_refuses_a_sub_criterion_above_its_parent(board_client, city, flag):
    body = create_body(city, flag)
    body["criteria"][1]["max_points"] = "12"
    response = board_client.post("/api/v1/movements/", body, format="json")
    assert (response.status_code, response.json()) == (400, {
        "criteria": ["Tiêu chí 1.1: điểm tối đa (12) vượt điểm tối đa của tiêu chí cha “1” (10).",
                     "Tiêu chí 1: tổng điểm tối đa của các tiêu chí con (12) vượt điểm tối đa (10)."],
    })  # fmt: skip
    assert Movement.objects.count() == 0


def test_movement_create_names_a_criterion_with_an_unknown_target_group(board_client, city, flag):
    body = create_body(city, flag)
    body["criteria"][0]["target_group_position"] = 3
    response = board_client.post("/api/v1/movements/", body, format="json")
    assert (response.status_code, response.json()["criteria"][0]) == (
        400,
        "Tiêu chí 1: không có đối tượng thi đua “3” trong phong trào.",
    )


def test_movement_create_needs_an_issuer(board_client, city, flag):
    body = create_body(city, flag)
    del body["issuer_unit"]
    response = board_client.post("/api/v1/movements/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"issuer_unit": ["Cần chọn đơn vị phát động."]})


def test_movement_create_for_an_issuer_out_of_scope_is_refused_as_not_found(city, flag):
    client = token_client(user_with_role("board_officer", city["le_chan"]))
    body = {**create_body(city, flag), "issuer_unit": city["thuy_nguyen"].pk, "co_organisers": []}
    response = client.post("/api/v1/movements/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"issuer_unit": OUT_OF_SCOPE})


def test_movement_update_of_a_draft_replaces_only_the_lists_given(board_client, draft):
    response = board_client.patch(f"/api/v1/movements/{draft.pk}/",
                                  {"title": "Mục tiêu kép 2021", "contents": [{"title": "Phòng, chống dịch"}]},
                                  format="json")  # fmt: skip
    data = response.json()
    contents = [row["title"] for row in data["contents"]]
    assert (response.status_code, data["title"], contents, len(data["milestones"]), len(data["criteria"])) == (
        200,
        "Mục tiêu kép 2021",
        ["Phòng, chống dịch"],
        3,
        2,
    )


def test_movement_update_cannot_change_the_issuer(board_client, draft, city):
    response = board_client.patch(f"/api/v1/movements/{draft.pk}/", {"issuer_unit": city["le_chan"].pk},
                                  format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"issuer_unit": ["Không đổi được đơn vị phát động."]})


def test_movement_update_of_a_launched_movement_is_refused(board_client, launched):
    response = board_client.patch(f"/api/v1/movements/{launched.pk}/", {"title": "Khác"}, format="json")
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [
        f"Phong trào “{TITLE}” không còn là dự thảo: phong trào đã phát động được điều chỉnh kèm lý do."
    ]})  # fmt: skip


# --- Launching, amending, closing -------------------------------------------------------------------------------


def test_movement_launch_creates_what_each_unit_owes(board_client, draft, city):
    response = board_client.post(f"/api/v1/movements/{draft.pk}/launch/")
    owing = sorted(UnitPlan.objects.filter(movement=draft).values_list("unit__name", flat=True))
    assert (response.status_code, response.json()["state"], owing, ProgressReport.objects.count()) == (
        200, "launched", ["Huyện Thủy Nguyên", "Phường An Biên", "Quận Lê Chân", "Thị trấn Minh Đức"], 4,
    )  # fmt: skip


def test_movement_launch_without_a_registration_deadline_is_refused(board_client, draft):
    draft.milestones.filter(kind=MilestoneKind.REGISTRATION).delete()
    response = board_client.post(f"/api/v1/movements/{draft.pk}/launch/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Phong trào chưa có hạn đăng ký thi đua (mốc thời gian)."]},
    )
    assert UnitPlan.objects.count() == 0


def test_movement_launch_twice_is_refused(board_client, launched):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/launch/")
    assert (response.status_code, list(response.json())) == (400, ["non_field_errors"])


def test_movement_amend_needs_a_reason(board_client, launched):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/amend/", {"period_end": "2023-06-30"},
                                 format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"reason": ["Trường này là bắt buộc."]})


def test_movement_amend_with_a_blank_reason_is_refused(board_client, launched):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/amend/",
                                 {"reason": "", "period_end": "2023-06-30"}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"reason": ["Trường này không được để trống."]})


def test_movement_amend_changes_the_fields_and_keeps_the_reason(board_client, launched):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/amend/",
                                 {"reason": "Kéo dài theo Kế hoạch 45/KH-UBND", "period_end": "2023-06-30"},
                                 format="json")  # fmt: skip
    entry = AuditEntry.objects.get(code="movements.movement.amended")
    assert (response.status_code, response.json()["period_end"], entry.reason, entry.actor.username) == (
        200, "2023-06-30", "Kéo dài theo Kế hoạch 45/KH-UBND", "ban.tdkt",
    )  # fmt: skip


def test_movement_amend_of_a_deadline_moves_it_for_every_registration(board_client, launched):
    milestones = [{**row, "due_date": row["due_date"].isoformat()} for row in MILESTONES]
    milestones[0]["due_date"] = "2021-11-10"
    response = board_client.post(f"/api/v1/movements/{launched.pk}/amend/",
                                 {"reason": "Lùi hạn đăng ký", "milestones": milestones}, format="json")  # fmt: skip
    dues = {registration.due_date for registration in Registration.objects.filter(movement=launched)}
    assert (response.status_code, dues) == (200, {dt.date(2021, 11, 10)})


def test_movement_close_ends_it(board_client, launched):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/close/")
    launched.refresh_from_db()
    assert (response.status_code, response.json()["state"], launched.state) == (200, "closed", MovementState.CLOSED)


def test_movement_close_of_a_draft_is_refused(board_client, draft):
    response = board_client.post(f"/api/v1/movements/{draft.pk}/close/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": [f"Phong trào “{TITLE}” chưa phát động hoặc đã kết thúc."]},
    )


# --- Reminders and the dashboard ----------------------------------------------------------------------------------


def test_movement_remind_sends_one_reminder_to_each_late_unit(board_client, launched, le_chan_officer):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/remind/", {}, format="json")
    reminded = [row["unit_name"] for row in response.json()]
    notified = list(Notification.objects.filter(user=le_chan_officer).values_list("title", flat=True))
    assert (response.status_code, reminded, Reminder.objects.count(), notified) == (
        200, ["Quận Lê Chân", "Phường An Biên", "Huyện Thủy Nguyên", "Thị trấn Minh Đức"], 4,
        [f"Nhắc việc quá hạn: {TITLE}"],
    )  # fmt: skip


def test_movement_remind_only_the_units_given(board_client, launched, city):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/remind/", {"units": [city["an_bien"].pk]},
                                 format="json")  # fmt: skip
    data = response.json()
    assert (response.status_code, len(data), data[0]["unit"], data[0]["recipients"]) == (200, 1, city["an_bien"].pk, 0)
    assert [item["kind"] for item in data[0]["overdue"]] == ["registration", "plan", "report"]


def test_movement_compliance_rows_and_summary(board_client, launched, city):
    registration = Registration.objects.get(movement=launched, unit=city["an_bien"])
    submitted = dt.datetime(2021, 10, 20, 10, tzinfo=dt.UTC)
    Registration.objects.filter(pk=registration.pk).update(state=AnswerState.PENDING, submitted_at=submitted)
    response = board_client.get(f"/api/v1/movements/{launched.pk}/compliance/")
    data = response.json()
    rows = [
        (row["unit_name"], row["unit_kind"], row["district_name"], row["plan_status"], row["registration_status"],
         row["report_status"], row["report_statuses"])
        for row in data["rows"]
    ]  # fmt: skip
    assert (response.status_code, rows) == (200, [
        ("Huyện Thủy Nguyên", "district", "Huyện Thủy Nguyên", "missing", "missing", "missing", ["missing"]),
        ("Thị trấn Minh Đức", "ward", "Huyện Thủy Nguyên", "missing", "missing", "missing", ["missing"]),
        ("Quận Lê Chân", "district", "Quận Lê Chân", "missing", "missing", "missing", ["missing"]),
        ("Phường An Biên", "ward", "Quận Lê Chân", "missing", "on_time", "missing", ["missing"]),
    ])  # fmt: skip
    assert data["summary"]["overall"] == {
        "unit_kind": None, "label": "", "units": 4,
        "plan": {"on_time": 0, "late": 0, "missing": 4, "not_due": 0, "answered": 0, "total": 4},
        "registration": {"on_time": 1, "late": 0, "missing": 3, "not_due": 0, "answered": 1, "total": 4},
        "report": {"on_time": 0, "late": 0, "missing": 4, "not_due": 0, "answered": 0, "total": 4},
    }  # fmt: skip
    assert [(bucket["unit_kind"], bucket["units"], bucket["registration"]["answered"])
            for bucket in data["summary"]["by_kind"]] == [("district", 2, 0), ("ward", 2, 1)]  # fmt: skip


def test_movement_compliance_filters_by_unit_kind_and_district(board_client, launched, city):
    response = board_client.get(f"/api/v1/movements/{launched.pk}/compliance/",
                                {"unit_kind": "ward", "district": city["le_chan"].pk})  # fmt: skip
    data = response.json()
    assert (response.status_code, [row["unit_name"] for row in data["rows"]], data["summary"]["overall"]["units"]) == (
        200,
        ["Phường An Biên"],
        1,
    )


def test_movement_compliance_refuses_an_unknown_unit_kind(board_client, launched):
    response = board_client.get(f"/api/v1/movements/{launched.pk}/compliance/", {"unit_kind": "hamlet"})
    assert (response.status_code, response.json()) == (400, {"unit_kind": OUT_OF_SCOPE})


def test_movement_compliance_is_open_to_a_co_organiser(launched, city, board):
    services.set_co_organisers(launched, by=board, units=[city["thuy_nguyen"]])
    client = token_client(user_with_role("council_member", city["thuy_nguyen"]))
    response = client.get(f"/api/v1/movements/{launched.pk}/compliance/")
    assert (response.status_code, len(response.json()["rows"])) == (200, 4)


# --- The plan document ------------------------------------------------------------------------------------------


def test_movement_plan_document_upload_keeps_the_file(board_client, draft):
    response = board_client.post(f"/api/v1/movements/{draft.pk}/plan-document/",
                                 {"plan_document": pdf("Kế hoạch 123.pdf")}, format="multipart")  # fmt: skip
    document = response.json()["plan_document"]
    assert (response.status_code, document["name"], document["kind"], document["content_type"], document["size"]) == (
        200,
        "Kế hoạch 123.pdf",
        "pdf",
        "application/pdf",
        len(PDF),
    )


def test_movement_plan_document_download_returns_the_bytes(board_client, draft, board):
    services.attach_plan_document(draft, by=board, upload=pdf())
    response = board_client.get(f"/api/v1/movements/{draft.pk}/plan-document/")
    assert (response.status_code, b"".join(response.streaming_content), response["Content-Type"]) == (
        200,
        PDF,
        "application/pdf",
    )


def test_movement_plan_document_that_is_not_a_pdf_is_refused_and_nothing_is_kept(board_client, draft):
    response = board_client.post(f"/api/v1/movements/{draft.pk}/plan-document/", {"plan_document": fake_pdf()},
                                 format="multipart")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"plan_document": [
        "Tệp “virus.pdf” không phải là loại được phép (DOCX, PDF): hệ thống kiểm tra nội dung tệp, không chỉ phần "
        "đuôi tên."
    ]})  # fmt: skip
    assert (StoredFile.objects.count(), Movement.objects.get().plan_document) == (0, None)


def test_movement_plan_document_upload_needs_a_file(board_client, draft):
    response = board_client.post(f"/api/v1/movements/{draft.pk}/plan-document/", {}, format="multipart")
    assert (response.status_code, response.json()) == (400, {"plan_document": ["Trường này là bắt buộc."]})


def test_movement_plan_document_missing_is_not_found(board_client, draft):
    response = board_client.get(f"/api/v1/movements/{draft.pk}/plan-document/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- Sub-movements and the consolidated pledges -----------------------------------------------------------------


def test_sub_movement_of_an_obligated_district_is_a_draft_for_its_subtree(le_chan_client, launched, city):
    response = le_chan_client.post(f"/api/v1/movements/{launched.pk}/sub-movements/",
                                   {"issuer_unit": city["le_chan"].pk, "title": "Quận Lê Chân hưởng ứng"},
                                   format="json")  # fmt: skip
    data = response.json()
    assert (response.status_code, data["parent"], data["state"], data["issuer_unit"], data["scope"]["root"],
            data["period_start"], data["kind"]) == (
        201, launched.pk, "draft", city["le_chan"].pk, city["le_chan"].pk, "2021-10-01", "thematic",
    )  # fmt: skip


def test_sub_movement_of_a_unit_that_owes_nothing_is_forbidden(board_client, launched, city):
    response = board_client.post(f"/api/v1/movements/{launched.pk}/sub-movements/",
                                 {"issuer_unit": city["root"].pk, "title": "Thành phố"}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (403, {
        "detail": "Bạn không có quyền phát động phong trào hưởng ứng thay đơn vị “Thành phố Hải Phòng”."
    })  # fmt: skip


def test_consolidated_pledges_of_a_district_hold_its_wards_approved_registration(
    le_chan_client, launched, city, le_chan_person
):
    title = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", recipient_kinds=["individual"])
    registration = Registration.objects.get(movement=launched, unit=city["an_bien"])
    services.save_registration(registration, by=None, individual=[{"person": le_chan_person, "award_type": title}])
    Registration.objects.filter(pk=registration.pk).update(state=AnswerState.APPROVED)
    response = le_chan_client.get(f"/api/v1/movements/{launched.pk}/consolidated/", {"unit": city["le_chan"].pk})
    pledge = registration.individual_pledges.get()
    assert (response.status_code, response.json()) == (200, {"collective_pledges": [], "individual_pledges": [{
        "id": pledge.pk, "person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa", "award_type": title.pk,
        "award_type_name": "Lao động tiên tiến", "note": "", "registration": registration.pk,
        "registering_unit": city["an_bien"].pk, "registering_unit_name": "Phường An Biên", "movement": launched.pk,
    }]})  # fmt: skip


def test_consolidated_pledges_need_a_unit(le_chan_client, launched):
    response = le_chan_client.get(f"/api/v1/movements/{launched.pk}/consolidated/")
    assert (response.status_code, response.json()) == (400, {"unit": ["Trường này là bắt buộc."]})


def test_consolidated_pledges_of_a_unit_out_of_scope_are_refused(le_chan_client, launched, city):
    response = le_chan_client.get(f"/api/v1/movements/{launched.pk}/consolidated/", {"unit": city["thuy_nguyen"].pk})
    assert (response.status_code, response.json()) == (400, {"unit": OUT_OF_SCOPE})


# --- Query counts -----------------------------------------------------------------------------------------------


def queries_for(client, path: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    return len(context.captured_queries), response.json()


def test_movement_list_costs_the_same_for_one_movement_as_for_three(board_client, draft, city, board):
    one, _data = queries_for(board_client, "/api/v1/movements/")
    for number in (2, 3):
        services.create_movement(by=board, issuer_unit=city["le_chan"], title=f"Phong trào {number}", kind="regular",
                                 period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 12, 31))  # fmt: skip
    three, data = queries_for(board_client, "/api/v1/movements/")
    assert (three, len(data["results"])) == (one, 3)


def test_movement_detail_costs_the_same_whatever_the_length_of_its_lists(board_client, draft, board, flag):
    one, _data = queries_for(board_client, f"/api/v1/movements/{draft.pk}/")
    services.set_target_groups(draft, by=board, groups=[{"name": f"Nhóm {n}", "unit_kinds": []} for n in range(3)])
    services.set_criteria(draft, by=board, criteria=[
        {"code": str(n), "text": f"Tiêu chí {n}", "max_points": 5, "target_group": n} for n in (1, 2, 3)
    ])  # fmt: skip
    services.set_contents(draft, by=board, contents=[{"title": f"Nội dung {n}"} for n in range(3)])
    three, data = queries_for(board_client, f"/api/v1/movements/{draft.pk}/")
    assert (three, len(data["criteria"]), len(data["target_groups"])) == (one, 3, 3)
