"""What units owe a launched movement: "Việc cần làm", the unit plan, the registration and its review, the progress
report, their files, and the consolidated pledge list. Each view: anonymous → login, wrong role → 403, out of scope
→ 404, right role → the page. The scene is the one of test_movements (Lê Chân and An Biên answer the city)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory
from tests.ui.test_movements import (
    PDF,
    TITLE,
    fake_pdf,
    formset_data,
    html_of,
    login_url_for,
    make_an_bien_officer,
    make_board,
    make_individual_title,
    make_movement,
    make_thuy_nguyen_officer,
    pdf_upload,
    signed_in,
)
from thidua.catalog.models import RecipientKind
from thidua.core.models import StoredFile
from thidua.movements import services
from thidua.movements.enums import AnswerState
from thidua.movements.models import ProgressReport, Registration, UnitPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    return make_board(city)


@pytest.fixture
def an_bien_officer(city):
    return make_an_bien_officer(city)


@pytest.fixture
def thuy_nguyen_officer(city):
    return make_thuy_nguyen_officer(city)


@pytest.fixture
def launched(city, board, le_chan_officer, an_bien_officer):
    return make_movement(city, board)


@pytest.fixture
def individual_title(db):
    return make_individual_title()


@pytest.fixture
def collective_title(db):
    return AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến",
                            recipient_kinds=[RecipientKind.COLLECTIVE])  # fmt: skip


@pytest.fixture
def an_bien_plan(launched, city):
    return UnitPlan.objects.get(movement=launched, unit=city["an_bien"])


@pytest.fixture
def an_bien_registration(launched, city):
    return Registration.objects.get(movement=launched, unit=city["an_bien"])


@pytest.fixture
def an_bien_report(launched, city):
    return ProgressReport.objects.get(movement=launched, unit=city["an_bien"])


@pytest.fixture
def an_bien_viewer(city):
    """A board officer at An Biên: reads An Biên's answers, but does not write them."""
    return user_with_role("board_officer", city["an_bien"], username="ban.anbien", full_name="Trịnh Văn Đọc")


@pytest.fixture
def colleague(city):
    person = PersonFactory(full_name="Nguyễn Thị Hoa", birth_year=1985)
    MembershipFactory(person=person, unit=city["an_bien"])
    return person


@pytest.fixture
def pending_registration(an_bien_registration, an_bien_officer, colleague, individual_title):
    services.save_registration(an_bien_registration, by=an_bien_officer,
                               individual=[{"person": colleague, "award_type": individual_title}])  # fmt: skip
    return services.submit_registration(an_bien_registration, by=an_bien_officer)


# --- Việc cần làm ---------------------------------------------------------------------------------------------


def test_owed_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:owed"))
    assert response["Location"] == login_url_for("/app/movements/owed/")


def test_owed_without_role_shows_nothing(no_role_client, launched):
    html = html_of(no_role_client.get(reverse("movements:owed")))
    assert (TITLE in html, "Đơn vị của bạn chưa phải hưởng ứng phong trào thi đua nào." in html) == (False, True)


def test_owed_shows_the_plan_registration_and_report_of_the_unit(client, an_bien_officer, an_bien_plan,
                                                                 an_bien_registration, an_bien_report):  # fmt: skip
    html = html_of(signed_in(client, an_bien_officer).get(reverse("movements:owed")))
    assert f'<a href="/app/unit-plans/{an_bien_plan.pk}/">Kế hoạch hưởng ứng</a>' in html
    assert f'<a href="/app/registrations/{an_bien_registration.pk}/">Đăng ký thi đua</a>' in html
    assert f'<a href="/app/progress-reports/{an_bien_report.pk}/">Sơ kết 6 tháng</a>' in html


def test_owed_shows_nothing_to_a_unit_out_of_scope(client, thuy_nguyen_officer, launched):
    html = html_of(signed_in(client, thuy_nguyen_officer).get(reverse("movements:owed")))
    assert (TITLE in html, "Đơn vị của bạn chưa phải hưởng ứng phong trào thi đua nào." in html) == (False, True)


# --- Unit plan ------------------------------------------------------------------------------------------------


def test_unit_plan_anonymous_is_sent_to_login(client, an_bien_plan):
    path = reverse("movements:unit-plan", args=[an_bien_plan.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_unit_plan_out_of_scope_is_not_found(client, thuy_nguyen_officer, an_bien_plan):
    response = signed_in(client, thuy_nguyen_officer).get(reverse("movements:unit-plan", args=[an_bien_plan.pk]))
    assert response.status_code == 404


def test_unit_plan_is_read_only_for_a_wrong_role(client, an_bien_viewer, an_bien_plan):
    response = signed_in(client, an_bien_viewer).get(reverse("movements:unit-plan", args=[an_bien_plan.pk]))
    assert (response.status_code, response.context["editable"], "Lưu và gửi" in html_of(response)) == (
        200,
        False,
        False,
    )


def test_unit_plan_post_by_a_wrong_role_is_forbidden(client, an_bien_viewer, an_bien_plan):
    response = signed_in(client, an_bien_viewer).post(reverse("movements:unit-plan", args=[an_bien_plan.pk]),
                                                      {"targets": "Chỉ tiêu", "action": "save"})  # fmt: skip
    an_bien_plan.refresh_from_db()
    assert (response.status_code, an_bien_plan.targets) == (403, "")


def test_unit_plan_submit_keeps_the_document_and_sends(client, an_bien_officer, an_bien_plan):
    response = signed_in(client, an_bien_officer).post(
        reverse("movements:unit-plan", args=[an_bien_plan.pk]),
        {"targets": "100% hộ dân tiêm vắc-xin", "document": pdf_upload("Kế hoạch An Biên.pdf"), "action": "submit"},
    )
    an_bien_plan.refresh_from_db()
    assert (response["Location"], an_bien_plan.state, an_bien_plan.document.name) == (
        f"/app/unit-plans/{an_bien_plan.pk}/",
        AnswerState.PENDING,
        "Kế hoạch An Biên.pdf",
    )


def test_unit_plan_refuses_a_bad_file_and_saves_nothing(client, an_bien_officer, an_bien_plan):
    response = signed_in(client, an_bien_officer).post(
        reverse("movements:unit-plan", args=[an_bien_plan.pk]),
        {"targets": "Chỉ tiêu mới", "document": fake_pdf(), "action": "submit"},
    )
    an_bien_plan.refresh_from_db()
    assert (an_bien_plan.targets, an_bien_plan.state, StoredFile.objects.count()) == ("", AnswerState.NOT_SENT, 0)
    assert response.context["form"].errors["document"] == [
        "Tệp “ke-hoach.pdf” không phải là loại được phép (DOCX, PDF): hệ thống kiểm tra nội dung tệp, không chỉ "
        "phần đuôi tên."
    ]


def test_unit_plan_submit_without_content_says_why(client, an_bien_officer, an_bien_plan):
    response = signed_in(client, an_bien_officer).post(reverse("movements:unit-plan", args=[an_bien_plan.pk]),
                                                       {"targets": "", "action": "submit"})  # fmt: skip
    assert response.context["form"].errors["document"] == [
        "Kế hoạch cần có văn bản kế hoạch hoặc chỉ tiêu, nội dung đăng ký."
    ]


def test_unit_plan_sent_cannot_be_changed(client, an_bien_officer, an_bien_plan):
    services.save_unit_plan(an_bien_plan, by=an_bien_officer, targets="Chỉ tiêu")
    services.submit_unit_plan(an_bien_plan, by=an_bien_officer)
    client = signed_in(client, an_bien_officer)
    response = client.post(
        reverse("movements:unit-plan", args=[an_bien_plan.pk]), {"targets": "Khác", "action": "save"}
    )
    an_bien_plan.refresh_from_db()
    assert (response.status_code, an_bien_plan.targets) == (302, "Chỉ tiêu")


# --- Unit plan document ---------------------------------------------------------------------------------------


@pytest.fixture
def plan_with_document(an_bien_plan, an_bien_officer):
    return services.save_unit_plan(an_bien_plan, by=an_bien_officer, document=pdf_upload())


def test_unit_plan_document_anonymous_is_sent_to_login(client, plan_with_document):
    path = reverse("movements:unit-plan-document", args=[plan_with_document.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_unit_plan_document_out_of_scope_is_not_found(client, thuy_nguyen_officer, plan_with_document):
    response = signed_in(client, thuy_nguyen_officer).get(
        reverse("movements:unit-plan-document", args=[plan_with_document.pk])
    )
    assert response.status_code == 404


def test_unit_plan_document_is_sent_to_the_board(client, board, plan_with_document):
    response = signed_in(client, board).get(reverse("movements:unit-plan-document", args=[plan_with_document.pk]))
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)


# --- Registration ---------------------------------------------------------------------------------------------


def registration_data(*, individual=(), collective=(), note="", action="save") -> dict:
    return {"note": note, "action": action, **formset_data("collective", list(collective)),
            **formset_data("individual", list(individual))}  # fmt: skip


def test_registration_anonymous_is_sent_to_login(client, an_bien_registration):
    path = reverse("movements:registration", args=[an_bien_registration.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_registration_out_of_scope_is_not_found(client, thuy_nguyen_officer, an_bien_registration):
    response = signed_in(client, thuy_nguyen_officer).get(
        reverse("movements:registration", args=[an_bien_registration.pk])
    )
    assert response.status_code == 404


def test_registration_post_by_a_wrong_role_is_forbidden(client, an_bien_viewer, an_bien_registration):
    response = signed_in(client, an_bien_viewer).post(
        reverse("movements:registration", args=[an_bien_registration.pk]), registration_data(note="Ghi chú")
    )
    assert response.status_code == 403


def test_registration_offers_the_people_of_the_unit(client, city, an_bien_officer, an_bien_registration, colleague,
                                                    thuy_nguyen_person, individual_title):  # fmt: skip
    response = signed_in(client, an_bien_officer).get(reverse("movements:registration", args=[an_bien_registration.pk]))
    html = html_of(response)
    assert f'<option value="{colleague.pk}">Nguyễn Thị Hoa (1985)</option>' in html
    assert ("Đặng Văn Đức" in html, f'<option value="{individual_title.pk}">Lao động tiên tiến</option>' in html) == (
        False,
        True,
    )


def test_registration_submit_with_individual_and_collective_pledges(client, city, an_bien_officer,
                                                                    an_bien_registration, colleague,
                                                                    individual_title, collective_title):  # fmt: skip
    data = registration_data(
        individual=[{"person": colleague.pk, "award_type": individual_title.pk, "note": ""}],
        collective=[{"unit": city["an_bien"].pk, "award_type": collective_title.pk, "note": ""}],
        action="submit",
    )
    response = signed_in(client, an_bien_officer).post(
        reverse("movements:registration", args=[an_bien_registration.pk]), data
    )
    an_bien_registration.refresh_from_db()
    assert (response["Location"], an_bien_registration.state) == (
        f"/app/registrations/{an_bien_registration.pk}/",
        AnswerState.PENDING,
    )
    assert [(p.person, p.award_type) for p in an_bien_registration.individual_pledges.all()] == [
        (colleague, individual_title)
    ]
    assert [p.unit for p in an_bien_registration.collective_pledges.all()] == [city["an_bien"]]


def test_registration_refuses_a_person_of_another_unit(client, city, an_bien_officer, an_bien_registration,
                                                       individual_title):  # fmt: skip
    stranger = PersonFactory(full_name="Lê Văn Khách")
    MembershipFactory(person=stranger, unit=city["le_chan"])
    data = registration_data(individual=[{"person": stranger.pk, "award_type": individual_title.pk}])
    response = signed_in(client, an_bien_officer).post(
        reverse("movements:registration", args=[an_bien_registration.pk]), data
    )
    assert (response.status_code, an_bien_registration.individual_pledges.count()) == (200, 0)
    assert response.context["individual_formset"].forms[0].errors["person"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]


def test_registration_refuses_a_collective_title_for_a_person(client, an_bien_officer, an_bien_registration,
                                                              colleague, collective_title):  # fmt: skip
    data = registration_data(individual=[{"person": colleague.pk, "award_type": collective_title.pk}])
    response = signed_in(client, an_bien_officer).post(
        reverse("movements:registration", args=[an_bien_registration.pk]), data
    )
    assert "award_type" in response.context["individual_formset"].forms[0].errors


def test_registration_submit_without_pledges_says_why(client, an_bien_officer, an_bien_registration):
    response = signed_in(client, an_bien_officer).post(
        reverse("movements:registration", args=[an_bien_registration.pk]), registration_data(action="submit")
    )
    assert response.context["form"].non_field_errors() == [
        "Danh hiệu tập thể: Đăng ký thi đua cần ít nhất một danh hiệu tập thể hoặc cá nhân."
    ]


def test_registration_sent_is_read_only(client, an_bien_officer, pending_registration):
    response = signed_in(client, an_bien_officer).get(reverse("movements:registration", args=[pending_registration.pk]))
    assert (response.context["editable"], '<th scope="row">Nguyễn Thị Hoa</th>' in html_of(response)) == (False, True)


# --- Registration review --------------------------------------------------------------------------------------


def test_registration_review_anonymous_is_sent_to_login(client, pending_registration):
    path = reverse("movements:registration-review", args=[pending_registration.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_registration_review_by_the_unit_itself_is_forbidden(client, an_bien_officer, pending_registration):
    response = signed_in(client, an_bien_officer).get(
        reverse("movements:registration-review", args=[pending_registration.pk])
    )
    assert response.status_code == 403


def test_registration_review_out_of_scope_is_not_found(client, thuy_nguyen_officer, pending_registration):
    response = signed_in(client, thuy_nguyen_officer).get(
        reverse("movements:registration-review", args=[pending_registration.pk])
    )
    assert response.status_code == 404


def test_registration_review_shows_the_pledges_to_the_reviewer(client, le_chan_officer, pending_registration):
    response = signed_in(client, le_chan_officer).get(
        reverse("movements:registration-review", args=[pending_registration.pk])
    )
    html = html_of(response)
    assert (response.status_code, '<th scope="row">Nguyễn Thị Hoa</th>' in html, ">Duyệt</button>" in html) == (
        200,
        True,
        True,
    )


def test_registration_review_approves(client, le_chan_officer, pending_registration):
    signed_in(client, le_chan_officer).post(reverse("movements:registration-review", args=[pending_registration.pk]),
                                            {"action": "approve", "reason": ""})  # fmt: skip
    pending_registration.refresh_from_db()
    assert (pending_registration.state, pending_registration.reviewed_by.username) == (
        AnswerState.APPROVED,
        "canbo.lechan",
    )


def test_registration_review_return_needs_a_reason(client, le_chan_officer, pending_registration):
    response = signed_in(client, le_chan_officer).post(
        reverse("movements:registration-review", args=[pending_registration.pk]), {"action": "return", "reason": ""}
    )
    pending_registration.refresh_from_db()
    assert (pending_registration.state, response.context["form"].errors["reason"]) == (
        AnswerState.PENDING,
        ["Nhập lý do trả lại."],
    )


def test_registration_review_returns_with_the_reason_shown_to_the_unit(client, le_chan_officer, an_bien_officer,
                                                                       pending_registration):  # fmt: skip
    signed_in(client, le_chan_officer).post(reverse("movements:registration-review", args=[pending_registration.pk]),
                                            {"action": "return", "reason": "Thiếu danh hiệu tập thể"})  # fmt: skip
    html = html_of(signed_in(client, an_bien_officer).get(
        reverse("movements:registration", args=[pending_registration.pk])))  # fmt: skip
    assert "Cấp trên đã trả lại: Thiếu danh hiệu tập thể" in html


# --- Progress report ------------------------------------------------------------------------------------------


def report_data(**changes) -> dict:
    figures = [{"label": "Số người tiêm vắc-xin", "value": "1250", "unit": "người"}]
    data = {"text": "Đã tổ chức 12 hội nghị.", "action": "save", **formset_data("figures", figures)}
    data.update(changes)
    return data


def test_report_anonymous_is_sent_to_login(client, an_bien_report):
    path = reverse("movements:report", args=[an_bien_report.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_report_out_of_scope_is_not_found(client, thuy_nguyen_officer, an_bien_report):
    response = signed_in(client, thuy_nguyen_officer).get(reverse("movements:report", args=[an_bien_report.pk]))
    assert response.status_code == 404


def test_report_post_by_a_wrong_role_is_forbidden(client, an_bien_viewer, an_bien_report):
    response = signed_in(client, an_bien_viewer).post(reverse("movements:report", args=[an_bien_report.pk]),
                                                      report_data())  # fmt: skip
    assert response.status_code == 403


def test_report_submit_with_figures_and_attachments(client, an_bien_officer, an_bien_report):
    data = report_data(action="submit", add_attachments=[pdf_upload("Báo cáo.pdf"), pdf_upload("Phụ lục.pdf")])
    response = signed_in(client, an_bien_officer).post(reverse("movements:report", args=[an_bien_report.pk]), data)
    an_bien_report.refresh_from_db()
    assert (response["Location"], an_bien_report.state, an_bien_report.figures) == (
        f"/app/progress-reports/{an_bien_report.pk}/",
        AnswerState.PENDING,
        [{"label": "Số người tiêm vắc-xin", "value": 1250, "unit": "người"}],
    )
    assert sorted(an_bien_report.attachments.values_list("name", flat=True)) == ["Báo cáo.pdf", "Phụ lục.pdf"]


def test_report_refuses_one_bad_file_and_stores_none(client, an_bien_officer, an_bien_report):
    exe = SimpleUploadedFile("anh.png", b"MZ\x90\x00", "image/png")
    data = report_data(add_attachments=[pdf_upload("Báo cáo.pdf"), exe])
    response = signed_in(client, an_bien_officer).post(reverse("movements:report", args=[an_bien_report.pk]), data)
    an_bien_report.refresh_from_db()
    assert (an_bien_report.text, StoredFile.objects.count()) == ("", 0)
    assert response.context["form"].errors["add_attachments"] == [
        "Tệp “anh.png” không phải là loại được phép (DOCX, JPEG, PDF, PNG, XLSX): hệ thống kiểm tra nội dung tệp, "
        "không chỉ phần đuôi tên."
    ]


def test_report_removes_an_attachment(client, an_bien_officer, an_bien_report):
    services.save_progress_report(an_bien_report, by=an_bien_officer, add_attachments=[pdf_upload("Cũ.pdf")])
    stored = an_bien_report.attachments.get()
    data = report_data(remove_attachments=[str(stored.pk)])
    signed_in(client, an_bien_officer).post(reverse("movements:report", args=[an_bien_report.pk]), data)
    assert an_bien_report.attachments.count() == 0


def test_report_submit_without_text_says_why(client, an_bien_officer, an_bien_report):
    response = signed_in(client, an_bien_officer).post(reverse("movements:report", args=[an_bien_report.pk]),
                                                       report_data(text="", action="submit"))  # fmt: skip
    assert response.context["form"].errors["text"] == ["Báo cáo cần có nội dung."]


# --- Report attachment ----------------------------------------------------------------------------------------


@pytest.fixture
def attachment(an_bien_report, an_bien_officer):
    services.save_progress_report(an_bien_report, by=an_bien_officer, add_attachments=[pdf_upload("Báo cáo.pdf")])
    return an_bien_report.attachments.get()


def test_report_attachment_anonymous_is_sent_to_login(client, an_bien_report, attachment):
    path = reverse("movements:report-attachment", args=[an_bien_report.pk, attachment.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_report_attachment_out_of_scope_is_not_found(client, thuy_nguyen_officer, an_bien_report, attachment):
    response = signed_in(client, thuy_nguyen_officer).get(
        reverse("movements:report-attachment", args=[an_bien_report.pk, attachment.pk])
    )
    assert response.status_code == 404


def test_report_attachment_of_another_report_is_not_found(client, city, an_bien_officer, launched, attachment):
    other = ProgressReport.objects.get(movement=launched, unit=city["le_chan"])
    response = signed_in(client, an_bien_officer).get(
        reverse("movements:report-attachment", args=[other.pk, attachment.pk])
    )
    assert response.status_code == 404


def test_report_attachment_is_sent_to_the_unit(client, an_bien_officer, an_bien_report, attachment):
    response = signed_in(client, an_bien_officer).get(
        reverse("movements:report-attachment", args=[an_bien_report.pk, attachment.pk])
    )
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)


# --- Consolidated pledges -------------------------------------------------------------------------------------


@pytest.fixture
def health_department(city):
    """Sở Y tế, co-organiser of the movement: sees it, registers nothing."""
    return OrgUnitFactory(code="HP-SYT", name="Sở Y tế", parent=city["root"])


def test_consolidated_anonymous_is_sent_to_login(client, launched):
    path = reverse("movements:consolidated", args=[launched.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_consolidated_out_of_scope_is_not_found(client, thuy_nguyen_officer, launched):
    response = signed_in(client, thuy_nguyen_officer).get(reverse("movements:consolidated", args=[launched.pk]))
    assert response.status_code == 404


def test_consolidated_for_a_co_organiser_without_registration_is_forbidden(client, city, board, health_department):
    movement = make_movement(city, board, co_organisers=[health_department])
    officer = user_with_role("unit_officer", health_department, username="canbo.syt", full_name="Hà Văn Y")
    response = signed_in(client, officer).get(reverse("movements:consolidated", args=[movement.pk]))
    assert response.status_code == 403


def test_consolidated_at_the_district_lists_the_approved_ward_pledges(client, le_chan_officer, pending_registration):
    services.approve_registration(pending_registration, by=le_chan_officer)
    response = signed_in(client, le_chan_officer).get(
        reverse("movements:consolidated", args=[pending_registration.movement_id])
    )
    assert [(p.person.full_name, p.registration.unit.name) for p in response.context["individual"]] == [
        ("Nguyễn Thị Hoa", "Phường An Biên")
    ]


def test_consolidated_leaves_out_pending_pledges_of_units_below(client, le_chan_officer, pending_registration):
    response = signed_in(client, le_chan_officer).get(
        reverse("movements:consolidated", args=[pending_registration.movement_id])
    )
    assert (response.context["unit"].name, response.context["individual"]) == ("Quận Lê Chân", [])
