"""What a unit owes a launched movement, through the API: /api/v1/unit-plans/, registrations/ and progress-reports/.

Scene: the city launched a movement over its whole tree; Phường An Biên's officer answers for An Biên, and Quận
Lê Chân (itself obligated, the nearest level above) reviews An Biên's registration."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.core.models import StoredFile
from thidua.movements import services
from thidua.movements.enums import AnswerState, MilestoneKind, MovementKind
from thidua.movements.models import ProgressReport, Registration, UnitPlan
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
TITLE = "Phong trào thi đua “Mục tiêu kép”"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CLOSED = {"non_field_errors": ["Đã gửi, đang chờ duyệt hoặc đã duyệt: không sửa được nữa."]}


def pdf(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def png(name="anh.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def fake_pdf(name="virus.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is an executable", "application/pdf")


@pytest.fixture
def launched(city):
    movement = services.create_movement(
        by=None, issuer_unit=city["root"], title=TITLE, kind=MovementKind.THEMATIC,
        period_start=dt.date(2021, 10, 1), period_end=dt.date(2022, 12, 31),
        contents=[{"title": "Phòng, chống dịch COVID-19"}], scope={"mode": "subtree"},
        milestones=[
            {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký thi đua", "due_date": dt.date(2021, 10, 31)},
            {"kind": MilestoneKind.INTERIM_REVIEW, "title": "Sơ kết 6 tháng", "due_date": dt.date(2022, 6, 30),
             "requires_report": True},
        ],
    )  # fmt: skip
    return services.launch_movement(movement, by=None)


@pytest.fixture
def an_bien_officer(city):
    return user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà")


@pytest.fixture
def an_bien_client(an_bien_officer):
    return token_client(an_bien_officer)


@pytest.fixture
def plan(launched, city):
    return UnitPlan.objects.get(movement=launched, unit=city["an_bien"])


@pytest.fixture
def registration(launched, city):
    return Registration.objects.get(movement=launched, unit=city["an_bien"])


@pytest.fixture
def report(launched, city):
    return ProgressReport.objects.get(movement=launched, unit=city["an_bien"])


@pytest.fixture
def titles(db):
    return {
        "individual": AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", recipient_kinds=["individual"]),
        "collective": AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến",
                                       recipient_kinds=["collective"]),
    }  # fmt: skip


@pytest.fixture
def pending_registration(registration, titles, le_chan_person):
    services.save_registration(registration, by=None,
                               individual=[{"person": le_chan_person, "award_type": titles["individual"]}])  # fmt: skip
    return services.submit_registration(registration, by=None)


# --- Unit plans ----------------------------------------------------------------------------------------------


def test_unit_plan_list_of_a_ward_officer_holds_the_wards_plan_only(an_bien_client, plan, launched, city):
    response = an_bien_client.get("/api/v1/unit-plans/")
    data = response.json()["results"]
    for row in data:
        del row["created_at"], row["updated_at"]
    assert (response.status_code, data) == (200, [{
        "id": plan.pk, "movement": launched.pk, "movement_title": TITLE, "unit": city["an_bien"].pk,
        "unit_name": "Phường An Biên", "milestone": plan.milestone_id, "due_date": "2021-10-31", "state": "not_sent",
        "state_display": "Chưa gửi", "compliance": "missing", "submitted_at": None, "submitted_by_name": None,
        "last_reminded_at": None, "targets": "", "document": None,
    }])  # fmt: skip


def test_unit_plan_list_filters_by_unit_subtree(le_chan_client, launched, city):
    response = le_chan_client.get("/api/v1/unit-plans/", {"unit": city["an_bien"].pk})
    assert [row["unit_name"] for row in response.json()["results"]] == ["Phường An Biên"]


def test_unit_plan_update_keeps_the_targets(an_bien_client, plan):
    response = an_bien_client.patch(f"/api/v1/unit-plans/{plan.pk}/", {"targets": "  100% hộ dân tiêm đủ 2 mũi "},
                                    format="json")  # fmt: skip
    assert (response.status_code, response.json()["targets"]) == (200, "100% hộ dân tiêm đủ 2 mũi")


def test_unit_plan_submit_without_a_document_or_targets_is_refused(an_bien_client, plan):
    response = an_bien_client.post(f"/api/v1/unit-plans/{plan.pk}/submit/")
    assert (response.status_code, response.json()) == (
        400,
        {"document": ["Kế hoạch cần có văn bản kế hoạch hoặc chỉ tiêu, nội dung đăng ký."]},
    )


def test_unit_plan_document_upload_then_submit_sends_it(an_bien_client, plan):
    upload = an_bien_client.post(f"/api/v1/unit-plans/{plan.pk}/document/", {"document": pdf()}, format="multipart")
    response = an_bien_client.post(f"/api/v1/unit-plans/{plan.pk}/submit/")
    data = response.json()
    assert (upload.status_code, upload.json()["document"]["name"], response.status_code, data["state"],
            data["submitted_by_name"], data["compliance"]) == (
        200, "ke-hoach.pdf", 200, "pending", "Phạm Thu Hà", "late",
    )  # fmt: skip


def test_unit_plan_document_that_is_not_a_pdf_is_refused_and_nothing_is_kept(an_bien_client, plan):
    response = an_bien_client.post(f"/api/v1/unit-plans/{plan.pk}/document/", {"document": fake_pdf()},
                                   format="multipart")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"document": [
        "Tệp “virus.pdf” không phải là loại được phép (DOCX, PDF): hệ thống kiểm tra nội dung tệp, không chỉ phần "
        "đuôi tên."
    ]})  # fmt: skip
    assert (StoredFile.objects.count(), UnitPlan.objects.get(pk=plan.pk).document) == (0, None)


def test_unit_plan_document_download_returns_the_bytes(le_chan_client, plan):
    services.save_unit_plan(plan, by=None, document=pdf())
    response = le_chan_client.get(f"/api/v1/unit-plans/{plan.pk}/document/")
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)


def test_unit_plan_document_missing_is_not_found(an_bien_client, plan):
    response = an_bien_client.get(f"/api/v1/unit-plans/{plan.pk}/document/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_unit_plan_sent_cannot_be_changed(an_bien_client, plan):
    services.save_unit_plan(plan, by=None, targets="100%")
    services.submit_unit_plan(plan, by=None)
    response = an_bien_client.patch(f"/api/v1/unit-plans/{plan.pk}/", {"targets": "90%"}, format="json")
    assert (response.status_code, response.json()) == (400, CLOSED)


# --- Registrations -------------------------------------------------------------------------------------------


def test_registration_update_replaces_the_pledges(an_bien_client, registration, titles, le_chan_person, city):
    response = an_bien_client.put(f"/api/v1/registrations/{registration.pk}/", {
        "note": "Đăng ký năm 2021",
        "collective_pledges": [{"unit": city["an_bien"].pk, "award_type": titles["collective"].pk}],
        "individual_pledges": [{"person": le_chan_person.pk, "award_type": titles["individual"].pk,
                                "note": "Tổ trưởng tổ dân phố"}],
    }, format="json")  # fmt: skip
    data = response.json()
    collective, individual = registration.collective_pledges.get(), registration.individual_pledges.get()
    assert (response.status_code, data["note"], data["collective_pledges"], data["individual_pledges"]) == (
        200, "Đăng ký năm 2021",
        [{"id": collective.pk, "unit": city["an_bien"].pk, "unit_name": "Phường An Biên",
          "award_type": titles["collective"].pk, "award_type_name": "Tập thể lao động tiên tiến", "note": ""}],
        [{"id": individual.pk, "person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa",
          "award_type": titles["individual"].pk, "award_type_name": "Lao động tiên tiến",
          "note": "Tổ trưởng tổ dân phố"}],
    )  # fmt: skip


def test_registration_refuses_a_person_who_does_not_work_in_the_unit(le_chan_client, registration, titles, city):
    person = PersonFactory(full_name="Hoàng Minh Tâm")
    MembershipFactory(person=person, unit=city["le_chan"])
    response = le_chan_client.patch(f"/api/v1/registrations/{registration.pk}/", {
        "individual_pledges": [{"person": person.pk, "award_type": titles["individual"].pk}],
    }, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"individual_pledges": ["Dòng 1: Hoàng Minh Tâm không công tác tại Phường An Biên."]},
    )


def test_registration_refuses_an_individual_title_for_a_collective(an_bien_client, registration, titles, city):
    response = an_bien_client.patch(f"/api/v1/registrations/{registration.pk}/", {
        "collective_pledges": [{"unit": city["an_bien"].pk, "award_type": titles["individual"].pk}],
    }, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"collective_pledges": ["Dòng 1: “Lao động tiên tiến” không dùng để khen thưởng tập thể."]},
    )


def test_registration_submit_without_a_pledge_is_refused(an_bien_client, registration):
    response = an_bien_client.post(f"/api/v1/registrations/{registration.pk}/submit/")
    assert (response.status_code, response.json()) == (
        400,
        {"collective_pledges": ["Đăng ký thi đua cần ít nhất một danh hiệu tập thể hoặc cá nhân."]},
    )


def test_registration_submit_sends_it_to_the_reviewer(an_bien_client, registration, titles, le_chan_person,
                                                      le_chan_officer):  # fmt: skip
    services.save_registration(registration, by=None,
                               individual=[{"person": le_chan_person, "award_type": titles["individual"]}])  # fmt: skip
    response = an_bien_client.post(f"/api/v1/registrations/{registration.pk}/submit/")
    notified = list(Notification.objects.filter(user=le_chan_officer).values_list("title", flat=True))
    assert (response.status_code, response.json()["state"], response.json()["reviewer_unit_name"], notified) == (
        200,
        "pending",
        "Quận Lê Chân",
        ["Đăng ký thi đua chờ duyệt: Phường An Biên"],
    )


def test_registration_approve_by_the_reviewer(le_chan_client, pending_registration):
    response = le_chan_client.post(f"/api/v1/registrations/{pending_registration.pk}/approve/")
    registration = Registration.objects.get(pk=pending_registration.pk)
    assert (response.status_code, response.json()["state"], registration.reviewed_by.username) == (
        200,
        "approved",
        "canbo.lechan",
    )


def test_registration_approve_of_a_registration_not_sent_is_refused(le_chan_client, registration):
    response = le_chan_client.post(f"/api/v1/registrations/{registration.pk}/approve/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Chỉ duyệt được nội dung đang chờ duyệt."]},
    )


def test_registration_return_with_a_reason_tells_the_unit(le_chan_client, pending_registration, an_bien_officer):
    response = le_chan_client.post(f"/api/v1/registrations/{pending_registration.pk}/return/",
                                   {"reason": "Thiếu danh sách tập thể"}, format="json")  # fmt: skip
    notified = list(Notification.objects.filter(user=an_bien_officer).values_list("body", flat=True))
    data = response.json()
    assert (response.status_code, data["state"], data["return_reason"], notified) == (
        200,
        "returned",
        "Thiếu danh sách tập thể",
        ["Lý do: Thiếu danh sách tập thể"],
    )


def test_registration_return_needs_a_reason(le_chan_client, pending_registration):
    response = le_chan_client.post(f"/api/v1/registrations/{pending_registration.pk}/return/", {}, format="json")
    assert (response.status_code, response.json()) == (400, {"reason": ["Trường này là bắt buộc."]})
    assert Registration.objects.get(pk=pending_registration.pk).state == AnswerState.PENDING


def test_registration_returned_can_be_changed_and_sent_again(an_bien_client, pending_registration, titles, city):
    services.return_registration(pending_registration, by=None, reason="Bổ sung")
    change = an_bien_client.patch(f"/api/v1/registrations/{pending_registration.pk}/", {
        "collective_pledges": [{"unit": city["an_bien"].pk, "award_type": titles["collective"].pk}],
    }, format="json")  # fmt: skip
    response = an_bien_client.post(f"/api/v1/registrations/{pending_registration.pk}/submit/")
    assert (change.status_code, response.status_code, response.json()["state"]) == (200, 200, "pending")


# --- Progress reports --------------------------------------------------------------------------------------------


def test_progress_report_update_keeps_text_and_figures(an_bien_client, report):
    response = an_bien_client.patch(f"/api/v1/progress-reports/{report.pk}/", {
        "text": "Đã hoàn thành tiêm chủng",
        "figures": [{"label": "Số người được tiêm", "value": 1250, "unit": "người"},
                    {"label": "Tỷ lệ bao phủ", "value": 97.5, "unit": "%"}],
    }, format="json")  # fmt: skip
    data = response.json()
    assert (response.status_code, data["text"], data["figures"], data["milestone_title"]) == (200,
        "Đã hoàn thành tiêm chủng",
        [{"label": "Số người được tiêm", "value": 1250.0, "unit": "người"},
         {"label": "Tỷ lệ bao phủ", "value": 97.5, "unit": "%"}],
        "Sơ kết 6 tháng",
    )  # fmt: skip
    assert ProgressReport.objects.get(pk=report.pk).figures[0] == {
        "label": "Số người được tiêm", "value": 1250, "unit": "người"
    }  # fmt: skip


def test_progress_report_figure_without_a_label_is_refused(an_bien_client, report):
    response = an_bien_client.patch(f"/api/v1/progress-reports/{report.pk}/", {"figures": [{"value": 3}]},
                                    format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"figures": ["Số liệu dòng 1: chưa nhập tên chỉ tiêu."]})


def test_progress_report_figure_that_is_not_a_number_is_refused(an_bien_client, report):
    response = an_bien_client.put(f"/api/v1/progress-reports/{report.pk}/",
                                  {"figures": [{"label": "Số người", "value": "nhiều"}]}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"figures": {"0": {"value": ["Giá trị không hợp lệ."]}}})


def test_progress_report_attachments_are_added(an_bien_client, report):
    response = an_bien_client.post(f"/api/v1/progress-reports/{report.pk}/attachments/",
                                   {"attachments": [pdf("Báo cáo.pdf"), png("Ảnh tiêm.png")]},
                                   format="multipart")  # fmt: skip
    names = sorted(item["name"] for item in response.json()["attachments"])
    assert (response.status_code, names) == (200, ["Báo cáo.pdf", "Ảnh tiêm.png"])


def test_progress_report_attachments_with_one_bad_file_keep_nothing(an_bien_client, report):
    response = an_bien_client.post(f"/api/v1/progress-reports/{report.pk}/attachments/",
                                   {"attachments": [pdf(), fake_pdf()]}, format="multipart")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"attachments": [
        "Tệp “virus.pdf” không phải là loại được phép (DOCX, JPEG, PDF, PNG, XLSX): hệ thống kiểm tra nội dung tệp, "
        "không chỉ phần đuôi tên."
    ]})  # fmt: skip
    assert (StoredFile.objects.count(), report.attachments.count()) == (0, 0)


def test_progress_report_attachment_download_and_removal(an_bien_client, report):
    services.save_progress_report(report, by=None, add_attachments=[pdf()])
    stored = report.attachments.get()
    path = f"/api/v1/progress-reports/{report.pk}/attachments/{stored.pk}/"
    download = an_bien_client.get(path)
    removal = an_bien_client.delete(path)
    assert (download.status_code, b"".join(download.streaming_content), removal.status_code,
            removal.json()["attachments"], report.attachments.count()) == (200, PDF, 200, [], 0)  # fmt: skip


def test_progress_report_attachment_of_another_report_is_not_found(an_bien_client, report, launched, city):
    other = ProgressReport.objects.get(movement=launched, unit=city["le_chan"])
    services.save_progress_report(other, by=None, add_attachments=[pdf()])
    stored = other.attachments.get()
    response = an_bien_client.get(f"/api/v1/progress-reports/{report.pk}/attachments/{stored.pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_progress_report_submit_needs_its_text(an_bien_client, report):
    response = an_bien_client.post(f"/api/v1/progress-reports/{report.pk}/submit/")
    assert (response.status_code, response.json()) == (400, {"text": ["Báo cáo cần có nội dung."]})


def test_progress_report_submit_sends_it(an_bien_client, report):
    services.save_progress_report(report, by=None, text="Đã hoàn thành")
    response = an_bien_client.post(f"/api/v1/progress-reports/{report.pk}/submit/")
    assert (response.status_code, response.json()["state"], response.json()["submitted_by_name"]) == (
        200,
        "pending",
        "Phạm Thu Hà",
    )


# --- Query counts -----------------------------------------------------------------------------------------------


def another_launched(city, number: int):
    movement = services.create_movement(
        by=None, issuer_unit=city["root"], title=f"Phong trào {number}", kind=MovementKind.REGULAR,
        period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 12, 31), contents=[{"title": "Nội dung"}],
        scope={"mode": "list", "units": [city["an_bien"]]},
        milestones=[
            {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2022, 3, 31)},
            {"kind": MilestoneKind.FINAL_REVIEW, "title": "Tổng kết", "due_date": dt.date(2022, 12, 15),
             "requires_report": True},
        ],
    )  # fmt: skip
    return services.launch_movement(movement, by=None)


def with_pledges(registration, titles, person, city):
    services.save_registration(
        registration, by=None, individual=[{"person": person, "award_type": titles["individual"]}],
        collective=[{"unit": city["an_bien"], "award_type": titles["collective"]}],
    )  # fmt: skip


@pytest.mark.parametrize("path", ["/api/v1/unit-plans/", "/api/v1/registrations/", "/api/v1/progress-reports/"])
def test_answer_lists_cost_the_same_for_one_answer_as_for_three(an_bien_client, registration, titles,
                                                                le_chan_person, city, path):  # fmt: skip
    with_pledges(registration, titles, le_chan_person, city)
    with CaptureQueriesContext(connection) as one:
        an_bien_client.get(path)
    for number in (2, 3):
        movement = another_launched(city, number)
        with_pledges(Registration.objects.get(movement=movement), titles, le_chan_person, city)
    with CaptureQueriesContext(connection) as three:
        rows = an_bien_client.get(path).json()["results"]
    assert (len(three.captured_queries), len(rows)) == (len(one.captured_queries), 3)
