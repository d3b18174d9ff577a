"""What units owe a launched movement: plans, registrations (pledges, review), progress reports."""

from __future__ import annotations

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from tests.factories.orgs import MembershipFactory, PersonFactory
from tests.movements.conftest import fake_upload, pdf_upload, png_upload
from thidua.audit.models import AuditEntry
from thidua.core.models import StoredFile
from thidua.movements import queries, services
from thidua.movements.enums import AnswerState
from thidua.movements.models import ProgressReport, Registration, UnitPlan
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(launched, wards):
    return UnitPlan.objects.get(movement=launched, unit=wards["le_chan"])


@pytest.fixture
def registration(launched, wards):
    """Lê Chân's registration (reviewed by the city)."""
    return Registration.objects.get(movement=launched, unit=wards["le_chan"])


@pytest.fixture
def ward_registration(launched, wards):
    """An Biên's registration (reviewed by Lê Chân)."""
    return Registration.objects.get(movement=launched, unit=wards["an_bien"])


@pytest.fixture
def report(launched, wards):
    return ProgressReport.objects.get(movement=launched, unit=wards["le_chan"], milestone__title="Sơ kết 6 tháng")


def errors_of(error, field=NON_FIELD_ERRORS) -> list[str]:
    return error.value.message_dict[field]


# --- Plans -----------------------------------------------------------------------------------------------------


def test_unit_plan_keeps_its_document_and_targets(plan, le_chan_officer):
    services.save_unit_plan(plan, by=le_chan_officer, targets=" 100% cán bộ tiêm đủ liều ", document=pdf_upload())

    plan.refresh_from_db()
    assert (plan.targets, plan.document.name, plan.document.uploaded_by) == (
        "100% cán bộ tiêm đủ liều", "ke-hoach.pdf", le_chan_officer,
    )  # fmt: skip


def test_unit_plan_refuses_a_document_that_is_not_pdf_or_docx(plan, le_chan_officer):
    with pytest.raises(ValidationError) as error:
        services.save_unit_plan(plan, by=le_chan_officer, targets="Chỉ tiêu", document=png_upload("ke-hoach.png"))

    assert errors_of(error, "document")[0].startswith("Tệp “ke-hoach.png” không phải là loại được phép (DOCX, PDF)")
    plan.refresh_from_db()
    assert (plan.targets, StoredFile.objects.count()) == ("", 0)


def test_unit_plan_needs_a_document_or_targets_to_be_sent(plan, le_chan_officer):
    with pytest.raises(ValidationError) as error:
        services.submit_unit_plan(plan, by=le_chan_officer)

    assert errors_of(error, "document") == ["Kế hoạch cần có văn bản kế hoạch hoặc chỉ tiêu, nội dung đăng ký."]


def test_unit_plan_sent_is_pending_with_who_and_when(plan, le_chan_officer):
    services.save_unit_plan(plan, by=le_chan_officer, targets="Chỉ tiêu")

    services.submit_unit_plan(plan, by=le_chan_officer)

    plan.refresh_from_db()
    assert (plan.state, plan.submitted_by, plan.submitted_at is not None) == ("pending", le_chan_officer, True)
    assert AuditEntry.objects.filter(code="movements.unitplan.submitted", object_pk=str(plan.pk)).count() == 1


def test_unit_plan_sent_again_keeps_its_first_sending_time(plan, le_chan_officer, board_officer):
    services.save_unit_plan(plan, by=le_chan_officer, targets="Chỉ tiêu")
    services.submit_unit_plan(plan, by=le_chan_officer)
    first = plan.submitted_at
    services.return_answer(plan, by=board_officer, reason="Bổ sung chỉ tiêu tiêm chủng")

    services.save_unit_plan(plan, by=le_chan_officer, targets="Chỉ tiêu đã bổ sung")
    services.submit_unit_plan(plan, by=le_chan_officer)

    assert (plan.state, plan.submitted_at) == ("pending", first)


def test_unit_plan_cannot_change_once_sent(plan, le_chan_officer):
    services.save_unit_plan(plan, by=le_chan_officer, targets="Chỉ tiêu")
    services.submit_unit_plan(plan, by=le_chan_officer)

    with pytest.raises(ValidationError) as error:
        services.save_unit_plan(plan, by=le_chan_officer, targets="Sửa sau khi gửi")

    assert errors_of(error) == ["Đã gửi, đang chờ duyệt hoặc đã duyệt: không sửa được nữa."]


def test_answers_of_a_closed_movement_cannot_change(plan, launched, le_chan_officer):
    services.close_movement(launched, by=None)
    plan.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.save_unit_plan(plan, by=le_chan_officer, targets="Quá muộn")

    assert errors_of(error) == ["Phong trào “Phong trào thi đua “Mục tiêu kép”” chưa phát động hoặc đã kết thúc."]


# --- Registrations ---------------------------------------------------------------------------------------------


def test_registration_keeps_pledges_of_people_below_the_unit(registration, le_chan_person, individual_title,
                                                             collective_title, wards):  # fmt: skip
    services.save_registration(
        registration, by=None, note="Đăng ký năm 2021",
        collective=[{"unit": wards["an_bien"], "award_type": collective_title, "note": "Phường An Biên"}],
        individual=[{"person": le_chan_person.pk, "award_type": individual_title}],
    )  # fmt: skip

    assert registration.note == "Đăng ký năm 2021"
    assert [(p.unit.name, p.award_type.code) for p in registration.collective_pledges.all()] == [
        ("Phường An Biên", "TTLDTT")
    ]
    assert [(p.person.full_name, p.award_type.code) for p in registration.individual_pledges.all()] == [
        ("Nguyễn Thị Hoa", "LDTT")
    ]


def test_registration_replaces_the_lists_it_is_given(registration, le_chan_person, individual_title):
    services.save_registration(registration, by=None, individual=[{"person": le_chan_person,
                                                                    "award_type": individual_title}])  # fmt: skip

    services.save_registration(registration, by=None, individual=[])

    assert registration.individual_pledges.count() == 0


def test_registration_refuses_a_person_working_elsewhere(registration, le_chan_person, thuy_nguyen_person,
                                                         individual_title):  # fmt: skip
    rows = [{"person": le_chan_person, "award_type": individual_title},
            {"person": thuy_nguyen_person, "award_type": individual_title}]  # fmt: skip

    with pytest.raises(ValidationError) as error:
        services.save_registration(registration, by=None, individual=rows)

    assert errors_of(error, "individual") == ["Dòng 2: Đặng Văn Đức không công tác tại Quận Lê Chân."]
    assert registration.individual_pledges.count() == 0


def test_registration_refuses_a_person_who_left_the_unit(registration, wards, individual_title):
    import datetime as dt

    person = PersonFactory(full_name="Trần Văn Cũ")
    MembershipFactory(person=person, unit=wards["an_bien"], end_date=dt.date(2020, 12, 31))

    with pytest.raises(ValidationError) as error:
        services.save_registration(registration, by=None, individual=[{"person": person,
                                                                        "award_type": individual_title}])  # fmt: skip

    assert errors_of(error, "individual") == ["Dòng 1: Trần Văn Cũ không công tác tại Quận Lê Chân."]


def test_registration_refuses_an_award_type_for_another_kind_of_recipient(registration, le_chan_person,
                                                                          individual_title, collective_title,
                                                                          wards):  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.save_registration(
            registration, by=None,
            collective=[{"unit": wards["le_chan"], "award_type": individual_title}],
            individual=[{"person": le_chan_person, "award_type": collective_title}],
        )  # fmt: skip

    assert error.value.message_dict == {
        "collective": ["Dòng 1: “Lao động tiên tiến” không dùng để khen thưởng tập thể."],
        "individual": ["Dòng 1: “Tập thể lao động tiên tiến” không dùng để khen thưởng cá nhân."],
    }


def test_registration_refuses_a_collective_outside_the_unit(ward_registration, wards, collective_title):
    with pytest.raises(ValidationError) as error:
        services.save_registration(
            ward_registration, by=None, collective=[{"unit": wards["ho_nam"], "award_type": collective_title}]
        )

    assert errors_of(error, "collective") == ["Dòng 1: “Phường Hồ Nam” không thuộc Phường An Biên."]


def test_registration_needs_a_pledge_to_be_sent(registration):
    with pytest.raises(ValidationError) as error:
        services.submit_registration(registration, by=None)

    assert errors_of(error, "collective") == ["Đăng ký thi đua cần ít nhất một danh hiệu tập thể hoặc cá nhân."]


def test_registration_sent_tells_the_reviewer_unit(ward_registration, le_chan_person, individual_title,
                                                   le_chan_officer, board_officer, an_bien_officer):  # fmt: skip
    services.save_registration(ward_registration, by=an_bien_officer,
                               individual=[{"person": le_chan_person, "award_type": individual_title}])  # fmt: skip

    services.submit_registration(ward_registration, by=an_bien_officer)

    told = Notification.objects.filter(code="movements.registration.submitted")
    assert [(n.user, n.title) for n in told] == [(le_chan_officer, "Đăng ký thi đua chờ duyệt: Phường An Biên")]
    assert ward_registration.state == AnswerState.PENDING


@pytest.fixture
def pending(registration, le_chan_person, individual_title):
    services.save_registration(registration, by=None, individual=[{"person": le_chan_person,
                                                                    "award_type": individual_title}])  # fmt: skip
    return services.submit_registration(registration, by=None)


def test_registration_approved_keeps_its_reviewer(pending, board_officer):
    services.approve_registration(pending, by=board_officer)

    pending.refresh_from_db()
    assert (pending.state, pending.reviewed_by) == ("approved", board_officer)
    assert AuditEntry.objects.filter(code="movements.registration.approved").count() == 1


def test_registration_returned_needs_a_reason(pending, board_officer):
    with pytest.raises(ValidationError) as error:
        services.return_registration(pending, by=board_officer, reason="")

    assert errors_of(error, "reason") == ["Nhập lý do trả lại."]


def test_registration_returned_tells_the_unit_why(pending, board_officer, le_chan_officer):
    services.return_registration(pending, by=board_officer, reason="Thiếu danh sách cá nhân")

    pending.refresh_from_db()
    assert (pending.state, pending.return_reason) == ("returned", "Thiếu danh sách cá nhân")
    told = Notification.objects.get(code="movements.answer.returned")
    assert (told.user, told.body) == (le_chan_officer, "Lý do: Thiếu danh sách cá nhân")


def test_registration_returned_can_be_changed_and_sent_again(pending, board_officer):
    services.return_registration(pending, by=board_officer, reason="Bổ sung")

    services.save_registration(pending, by=None, note="Đã bổ sung")
    services.submit_registration(pending, by=None)

    assert (pending.state, pending.note) == ("pending", "Đã bổ sung")


def test_registration_not_pending_cannot_be_approved(registration, board_officer):
    with pytest.raises(ValidationError) as error:
        services.approve_registration(registration, by=board_officer)

    assert errors_of(error) == ["Chỉ duyệt được nội dung đang chờ duyệt."]


def test_consolidated_pledges_include_the_units_own_registration_in_any_state(pending, wards):
    collective, individual = queries.consolidated_pledges(pending.movement, wards["le_chan"])

    assert [p.person.full_name for p in individual] == ["Nguyễn Thị Hoa"]
    assert list(collective) == []


def test_consolidated_pledges_of_the_city_wait_for_approval(pending, wards, board_officer):
    _collective, individual = queries.consolidated_pledges(pending.movement, wards["root"])
    assert list(individual) == []

    services.approve_registration(pending, by=board_officer)

    _collective, individual = queries.consolidated_pledges(pending.movement, wards["root"])
    assert [p.person.full_name for p in individual] == ["Nguyễn Thị Hoa"]


# --- Progress reports ------------------------------------------------------------------------------------------


def test_report_keeps_text_and_figures(report, le_chan_officer):
    services.save_progress_report(report, by=le_chan_officer, text="Kết quả sơ kết", figures=[
        {"label": "Số người được tiêm vắc-xin", "value": "1250", "unit": "người"},
        {"label": "Tỷ lệ bao phủ", "value": 97.5, "unit": "%"},
    ])  # fmt: skip

    report.refresh_from_db()
    assert report.figures == [
        {"label": "Số người được tiêm vắc-xin", "value": 1250, "unit": "người"},
        {"label": "Tỷ lệ bao phủ", "value": 97.5, "unit": "%"},
    ]


def test_report_figures_name_each_bad_row(report):
    with pytest.raises(ValidationError) as error:
        services.save_progress_report(report, by=None, figures=[{"label": "", "value": 3},
                                                                {"label": "Số hộ", "value": "nhiều"}])  # fmt: skip

    assert errors_of(error, "figures") == [
        "Số liệu dòng 1: chưa nhập tên chỉ tiêu.",
        "Số liệu dòng 2: giá trị phải là một số.",
    ]


def test_report_attachments_are_added_and_removed(report):
    services.save_progress_report(report, by=None, add_attachments=[pdf_upload("bao-cao.pdf"), png_upload()])
    pdf = report.attachments.get(kind="pdf")

    services.save_progress_report(report, by=None, remove_attachments=[pdf])

    assert [f.name for f in report.attachments.all()] == ["anh.png"]


def test_report_with_one_bad_attachment_stores_none(report):
    with pytest.raises(ValidationError) as error:
        services.save_progress_report(
            report, by=None, text="Có nội dung", add_attachments=[pdf_upload("bao-cao.pdf"), fake_upload("so-lieu.pdf")]
        )

    assert errors_of(error, "attachments")[0].startswith("Tệp “so-lieu.pdf” không phải là loại được phép")
    report.refresh_from_db()
    assert (report.text, report.attachments.count(), StoredFile.objects.count()) == ("", 0, 0)


def test_report_failing_after_storing_discards_the_files(report, monkeypatch):
    from django.core.files.storage import default_storage

    def broken(*args, **kwargs):
        raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(services, "record_action", broken)
    before = set(_stored_paths(default_storage))

    with pytest.raises(RuntimeError, match="đĩa đầy"):
        services.save_progress_report(report, by=None, add_attachments=[pdf_upload("bao-cao.pdf")])

    assert StoredFile.objects.count() == 0
    assert set(_stored_paths(default_storage)) == before


def _stored_paths(storage, folder: str = "") -> list[str]:
    folders, files = storage.listdir(folder)
    found = [f"{folder}/{name}".lstrip("/") for name in files]
    for sub in folders:
        found += _stored_paths(storage, f"{folder}/{sub}".lstrip("/"))
    return found


def test_report_needs_text_to_be_sent(report):
    with pytest.raises(ValidationError) as error:
        services.submit_progress_report(report, by=None)

    assert errors_of(error, "text") == ["Báo cáo cần có nội dung."]


def test_report_sent_may_be_approved_like_a_registration(report, board_officer):
    services.save_progress_report(report, by=None, text="Báo cáo sơ kết")
    services.submit_progress_report(report, by=None)

    services.approve_answer(report, by=board_officer)

    assert report.state == AnswerState.APPROVED


# --- What my units owe -----------------------------------------------------------------------------------------


def test_owed_by_lists_each_unit_and_movement_open_first(launched, wards, le_chan_officer, board_officer):
    closed = services.create_movement(by=None, issuer_unit=wards["root"], title="Phong trào đã kết thúc",
                                      kind="regular", period_start=launched.period_start,
                                      period_end=launched.period_end, contents=[{"title": "Nội dung"}],
                                      milestones=[{"kind": "registration", "title": "Hạn đăng ký",
                                                   "due_date": launched.period_start}])  # fmt: skip
    services.launch_movement(closed, by=None)
    services.close_movement(closed, by=None)

    owed = queries.owed_by(le_chan_officer)

    assert [(item.movement.title, item.unit.name, item.is_open) for item in owed] == [
        ("Phong trào thi đua “Mục tiêu kép”", "Quận Lê Chân", True),
        ("Phong trào đã kết thúc", "Quận Lê Chân", False),
    ]
    assert [r.milestone.title for r in owed[0].reports] == ["Sơ kết 6 tháng", "Tổng kết năm 2022"]


def test_owed_by_a_user_without_unit_roles_is_empty(launched, board_officer):
    assert queries.owed_by(board_officer) == []
