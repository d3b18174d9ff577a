"""Movement services: drafts and their lists, scope, launch (bulk obligations, notifications), amendments, closing,
sub-movements and the plan document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import user_with_role
from tests.factories.orgs import OrgUnitFactory
from tests.movements.conftest import MILESTONES, create_launchable, fake_upload, mark_sent, pdf_upload
from thidua.audit.models import AuditEntry
from thidua.core.models import StoredFile
from thidua.movements import services
from thidua.movements.enums import MilestoneKind, MovementKind, MovementState
from thidua.movements.models import Criterion, Milestone, ProgressReport, Registration, UnitPlan
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def codes(movement) -> list[str]:
    return list(AuditEntry.objects.filter(object_pk=str(movement.pk), content_type__model="movement")
                .order_by("pk").values_list("code", flat=True))  # fmt: skip


def messages(error: ValidationError, field: str = NON_FIELD_ERRORS) -> list[str]:
    return error.value.message_dict[field] if hasattr(error, "value") else error.message_dict[field]


# --- Drafts ----------------------------------------------------------------------------------------------------


def test_create_movement_makes_a_draft_with_its_lists(wards, board_officer):
    movement = create_launchable(issuer=wards["root"], by=board_officer)

    assert (movement.state, movement.created_by, movement.issuer_unit) == ("draft", board_officer, wards["root"])
    assert [(c.position, c.title) for c in movement.contents.all()] == [(1, "Thi đua phòng, chống dịch COVID-19")]
    assert movement.milestones.count() == 4
    assert codes(movement)[0] == "movements.movement.created"


def test_create_movement_refuses_a_period_ending_before_it_starts(wards):
    with pytest.raises(ValidationError) as error:
        services.create_movement(by=None, issuer_unit=wards["root"], title="Sai thời gian", kind=MovementKind.REGULAR,
                                 period_start=dt.date(2022, 1, 1), period_end=dt.date(2021, 1, 1))  # fmt: skip

    assert error.value.message_dict  # the model's check constraint, not a half-written row
    assert not wards["root"].issued_movements.exists()


def test_update_movement_changes_a_draft_and_records_what_changed(draft, board_officer):
    services.update_movement(draft, by=board_officer, title="Phong trào đã sửa tên", purpose="Mục đích mới")

    draft.refresh_from_db()
    assert (draft.title, draft.purpose) == ("Phong trào đã sửa tên", "Mục đích mới")
    entry = AuditEntry.objects.get(code="movements.movement.edited", object_pk=str(draft.pk))
    assert entry.additional_data == {"changed": ["title", "purpose"]}


def test_update_movement_refuses_a_launched_movement(launched, board_officer):
    with pytest.raises(ValidationError) as error:
        services.update_movement(launched, by=board_officer, title="Không được sửa")

    assert "không còn là dự thảo" in messages(error)[0]


def test_set_contents_updates_in_place_and_numbers_from_one(draft):
    first = draft.contents.get()
    rows = [{"title": "Nội dung mới"}, {"title": "Nội dung hai", "description": "Diễn giải"}]

    contents = services.set_contents(draft, by=None, contents=rows)

    assert [(c.pk == first.pk, c.position, c.title) for c in contents] == [(True, 1, "Nội dung mới"),
                                                                          (False, 2, "Nội dung hai")]  # fmt: skip


def test_set_contents_names_the_row_without_a_title(draft):
    with pytest.raises(ValidationError) as error:
        services.set_contents(draft, by=None, contents=[{"title": "Một"}, {"title": "  "}])

    assert messages(error, "contents") == ["Nội dung 2: chưa nhập tên nội dung."]


def criterion(code, max_points=None, parent_code=None, **extra):
    return {"code": code, "text": f"Tiêu chí {code}", "max_points": max_points, "parent_code": parent_code, **extra}


def test_set_criteria_keeps_the_tree_and_the_order(draft):
    services.set_target_groups(draft, by=None, groups=[{"name": "Các sở, ban, ngành"}])

    saved = services.set_criteria(draft, by=None, criteria=[
        criterion("1", "10", target_group="Các sở, ban, ngành"),
        criterion("1.1", "4", "1", target_group="Các sở, ban, ngành"),
        criterion("1.2", Decimal("6"), "1", target_group="Các sở, ban, ngành"),
        criterion("2", None),
    ])  # fmt: skip

    assert [(c.code, c.parent.code if c.parent else None, c.max_points, c.position) for c in saved] == [
        ("1", None, Decimal("10"), 1), ("1.1", "1", Decimal("4"), 2), ("1.2", "1", Decimal("6"), 3),
        ("2", None, None, 4),
    ]  # fmt: skip
    assert saved[0].target_group.name == "Các sở, ban, ngành"


def test_set_criteria_refuses_a_child_above_its_parent(draft):
    with pytest.raises(ValidationError) as error:
        services.set_criteria(draft, by=None, criteria=[criterion("1", "10"), criterion("1.2", "12", "1")])

    assert messages(error, "criteria") == [
        "Tiêu chí 1.2: điểm tối đa (12) vượt điểm tối đa của tiêu chí cha “1” (10).",
        "Tiêu chí 1: tổng điểm tối đa của các tiêu chí con (12) vượt điểm tối đa (10).",
    ]
    assert not Criterion.objects.filter(movement=draft).exists()


def test_set_criteria_refuses_children_whose_sum_exceeds_the_parent(draft):
    with pytest.raises(ValidationError) as error:
        services.set_criteria(draft, by=None, criteria=[criterion("1", "10"), criterion("1.1", "6", "1"),
                                                        criterion("1.2", "5.5", "1")])  # fmt: skip

    assert messages(error, "criteria") == [
        "Tiêu chí 1: tổng điểm tối đa của các tiêu chí con (11,5) vượt điểm tối đa (10)."
    ]


def test_set_criteria_refuses_a_scored_child_of_an_unscored_parent(draft):
    with pytest.raises(ValidationError) as error:
        services.set_criteria(draft, by=None, criteria=[criterion("1"), criterion("1.1", "5", "1")])

    assert messages(error, "criteria") == [
        "Tiêu chí 1.1: tiêu chí cha “1” không chấm điểm nên tiêu chí con không thể có điểm."
    ]


def test_set_criteria_names_an_unknown_parent(draft):
    with pytest.raises(ValidationError) as error:
        services.set_criteria(draft, by=None, criteria=[criterion("2.1", "5", "2")])

    assert messages(error, "criteria") == ["Tiêu chí 2.1: không có tiêu chí cha “2”."]


def test_set_criteria_needs_a_maximum_for_a_computed_criterion(draft):
    with pytest.raises(ValidationError) as error:
        services.set_criteria(draft, by=None, criteria=[criterion("3", None, source="registration_on_time")])

    assert messages(error, "criteria") == ["Tiêu chí 3: tiêu chí tự tính phải có điểm tối đa."]


def test_set_awards_refuses_the_same_award_twice(draft, individual_title):
    with pytest.raises(ValidationError) as error:
        services.set_awards(
            draft,
            by=None,
            awards=[
                {"level": "province", "award_type": individual_title},
                {"level": "grassroots", "award_type": individual_title},
            ],
        )

    assert messages(error, "awards") == ["Khen thưởng dòng 2: “Lao động tiên tiến” đã có ở dòng trước."]


def test_set_milestones_updates_a_milestone_given_by_id(draft):
    registration = draft.milestones.get(kind=MilestoneKind.REGISTRATION)

    services.set_milestones(draft, by=None, milestones=[
        {"id": registration.pk, "kind": "registration", "title": "Hạn đăng ký mới", "due_date": dt.date(2021, 11, 5)},
    ])  # fmt: skip

    assert list(draft.milestones.values_list("pk", "title", "due_date")) == [
        (registration.pk, "Hạn đăng ký mới", dt.date(2021, 11, 5))
    ]


def test_set_milestones_names_the_row_without_a_date(draft):
    with pytest.raises(ValidationError) as error:
        services.set_milestones(draft, by=None, milestones=[{"kind": "registration", "title": "Hạn đăng ký"}])

    assert messages(error, "milestones") == ["Mốc 1: chưa nhập ngày."]


# --- Scope -----------------------------------------------------------------------------------------------------


def names(units) -> list[str]:
    return [unit.name for unit in units]


def test_obligated_units_are_the_subtree_without_the_issuer(draft):
    assert names(services.obligated_units(draft)) == ["Quận Lê Chân", "Phường An Biên", "Phường Hồ Nam",
                                                      "Huyện Thủy Nguyên", "Thị trấn Minh Đức"]  # fmt: skip


def test_obligated_units_skip_dissolved_and_external_units(draft, wards):
    OrgUnitFactory(name="Bộ Y tế", parent=wards["root"], is_external=True)
    wards["ho_nam"].dissolved_on = dt.date(2020, 1, 1)
    wards["ho_nam"].save()

    assert names(services.obligated_units(draft)) == ["Quận Lê Chân", "Phường An Biên", "Huyện Thủy Nguyên",
                                                      "Thị trấn Minh Đức"]  # fmt: skip


def test_obligated_units_follow_depth_and_unit_kinds(draft, wards):
    services.set_scope(draft, by=None, mode="subtree", depth=1)
    assert names(services.obligated_units(draft)) == ["Quận Lê Chân", "Huyện Thủy Nguyên"]

    services.set_scope(draft, by=None, mode="subtree", unit_kinds=[wards["an_bien"].kind])
    assert names(services.obligated_units(draft)) == ["Phường An Biên", "Phường Hồ Nam", "Thị trấn Minh Đức"]


def test_obligated_units_of_a_list_are_the_listed_units(draft, wards):
    services.set_scope(draft, by=None, mode="list", units=[wards["minh_duc"], wards["root"], wards["le_chan"]])

    assert names(services.obligated_units(draft)) == ["Quận Lê Chân", "Thị trấn Minh Đức"]


def test_set_scope_of_a_list_needs_a_unit(draft):
    with pytest.raises(ValidationError) as error:
        services.set_scope(draft, by=None, mode="list", units=[])

    assert messages(error, "scope_units") == ["Chọn ít nhất một đơn vị phải hưởng ứng."]


# --- Launch ----------------------------------------------------------------------------------------------------


def test_launch_creates_what_each_unit_owes(launched, wards):
    registration_due, plan_due = (launched.milestones.get(kind=k) for k in ("registration", "plan"))

    assert launched.state == MovementState.LAUNCHED
    assert UnitPlan.objects.filter(movement=launched, milestone=plan_due).count() == 5
    assert Registration.objects.filter(movement=launched, milestone=registration_due).count() == 5
    assert ProgressReport.objects.filter(movement=launched).count() == 10
    assert codes(launched)[-1] == "movements.movement.launched"


def test_launch_sends_registrations_to_the_nearest_obligated_unit_above(launched, wards):
    reviewers = dict(Registration.objects.filter(movement=launched).values_list("unit__name", "reviewer_unit__name"))

    assert reviewers == {
        "Quận Lê Chân": "Thành phố Hải Phòng", "Huyện Thủy Nguyên": "Thành phố Hải Phòng",
        "Phường An Biên": "Quận Lê Chân", "Phường Hồ Nam": "Quận Lê Chân", "Thị trấn Minh Đức": "Huyện Thủy Nguyên",
    }  # fmt: skip


def test_launch_plans_fall_back_to_the_registration_deadline(wards):
    movement = create_launchable(issuer=wards["root"])
    services.set_milestones(movement, by=None, milestones=[m for m in MILESTONES if m["kind"] != "plan"])

    services.launch_movement(movement, by=None)

    assert set(UnitPlan.objects.filter(movement=movement).values_list("milestone__kind", flat=True)) == {"registration"}


def test_launch_notifies_unit_officers_once_each(draft, wards, an_bien_officer, django_capture_on_commit_callbacks):
    user_with_role("unit_head", wards["an_bien"], username="truong.anbien")
    RoleHolder = type(an_bien_officer)
    second_role = user_with_role("unit_officer", wards["ho_nam"], username="canbo.honam", email="honam@thidua.test")
    user_with_role("board_officer", wards["le_chan"], username="ban.lechan")  # not a unit role: not told

    with django_capture_on_commit_callbacks(execute=True):
        services.launch_movement(draft, by=None)

    told = Notification.objects.filter(code="movements.launched")
    assert sorted(told.values_list("user__username", flat=True)) == ["canbo.anbien", "canbo.honam", "truong.anbien"]
    assert told.first().title == "Phong trào mới: Phong trào thi đua “Mục tiêu kép”"
    assert sorted(message.to[0] for message in mail.outbox) == ["ha@thidua.test", "honam@thidua.test"]
    assert RoleHolder.objects.filter(pk=second_role.pk).exists()


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("contents", "Phong trào chưa có nội dung thi đua."),
        ("registration", "Phong trào chưa có hạn đăng ký thi đua (mốc thời gian)."),
        ("units", "Phạm vi phong trào không có đơn vị nào phải hưởng ứng."),
    ],
)
def test_launch_refuses_a_movement_missing_something(draft, wards, missing, message):
    if missing == "contents":
        services.set_contents(draft, by=None, contents=[])
    elif missing == "registration":
        services.set_milestones(draft, by=None, milestones=[m for m in MILESTONES if m["kind"] != "registration"])
    else:
        services.set_scope(draft, by=None, mode="subtree", root=wards["an_bien"])

    with pytest.raises(ValidationError) as error:
        services.launch_movement(draft, by=None)

    assert messages(error) == [message]
    draft.refresh_from_db()
    assert (draft.state, UnitPlan.objects.filter(movement=draft).count()) == ("draft", 0)


def test_launch_twice_is_refused(launched):
    with pytest.raises(ValidationError) as error:
        services.launch_movement(launched, by=None)

    assert "không còn là dự thảo" in messages(error)[0]


def test_launch_runs_the_same_queries_for_more_units(wards):
    small = create_launchable(issuer=wards["root"], title="Nhỏ", scope={"mode": "subtree", "root": wards["le_chan"]})
    large = create_launchable(issuer=wards["root"], title="Lớn", scope={"mode": "subtree", "root": wards["root"]})
    user_with_role("unit_officer", wards["an_bien"], username="canbo.anbien")

    with CaptureQueriesContext(connection) as few:
        services.launch_movement(small, by=None)
    with CaptureQueriesContext(connection) as many:
        services.launch_movement(large, by=None)

    assert (UnitPlan.objects.filter(movement=small).count(), UnitPlan.objects.filter(movement=large).count()) == (2, 5)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Amend, close, sub-movements -------------------------------------------------------------------------------


def milestone_rows(movement) -> list[dict]:
    """The movement's milestones as a form sends them back (with their ids)."""
    return [{"id": m.pk, "kind": m.kind, "title": m.title, "due_date": m.due_date, "requires_report": m.requires_report}
            for m in movement.milestones.all()]  # fmt: skip


def test_amend_needs_a_reason(launched):
    with pytest.raises(ValidationError) as error:
        services.amend_movement(launched, by=None, reason=" ", title="Tên mới")

    assert messages(error, "reason") == ["Nhập lý do điều chỉnh phong trào."]


def test_amend_records_the_reason_and_what_changed(launched, board_officer):
    services.amend_movement(launched, by=board_officer, reason="Theo Công văn 12/UBND", title="Tên mới",
                            period_end=dt.date(2023, 6, 30))  # fmt: skip

    entry = AuditEntry.objects.get(code="movements.movement.amended")
    assert (entry.reason, entry.additional_data) == ("Theo Công văn 12/UBND", {"changed": ["title", "period_end"]})
    launched.refresh_from_db()
    assert (launched.title, launched.period_end) == ("Tên mới", dt.date(2023, 6, 30))


def test_amend_refuses_a_field_that_cannot_change(launched):
    with pytest.raises(ValueError, match="issuer_unit"):
        services.amend_movement(launched, by=None, reason="Đổi", issuer_unit=launched.issuer_unit)


def test_amend_moves_the_deadline_of_every_answer_on_a_milestone(launched):
    rows = milestone_rows(launched)
    rows[0]["due_date"] = dt.date(2021, 11, 30)  # the registration deadline

    services.amend_movement(launched, by=None, reason="Gia hạn đăng ký", milestones=rows)

    dues = {registration.due_date for registration in Registration.objects.filter(movement=launched)}
    assert dues == {dt.date(2021, 11, 30)}


def test_amend_adding_a_report_milestone_adds_a_report_for_every_unit(launched):
    rows = milestone_rows(launched)
    rows.append({"kind": "report", "title": "Báo cáo quý III", "due_date": dt.date(2022, 9, 30),
                 "requires_report": True})  # fmt: skip

    services.amend_movement(launched, by=None, reason="Thêm kỳ báo cáo", milestones=rows)

    assert ProgressReport.objects.filter(movement=launched, milestone__title="Báo cáo quý III").count() == 5


def test_amend_cannot_drop_a_milestone_with_a_sent_report(launched, wards):
    report = ProgressReport.objects.get(movement=launched, unit=wards["an_bien"], milestone__title="Sơ kết 6 tháng")
    mark_sent(report, dt.date(2022, 6, 1))
    rows = [row for row in milestone_rows(launched) if row["title"] != "Sơ kết 6 tháng"]

    with pytest.raises(ValidationError) as error:
        services.amend_movement(launched, by=None, reason="Bỏ sơ kết", milestones=rows)

    assert messages(error, "milestones") == [
        "Mốc “Sơ kết 6 tháng” đã có đơn vị gửi báo cáo: không thể xóa mốc hay bỏ yêu cầu báo cáo."
    ]
    assert Milestone.objects.filter(movement=launched).count() == 4


def test_amend_scope_adds_new_units_and_keeps_those_that_sent(launched, wards):
    plan = UnitPlan.objects.get(movement=launched, unit=wards["ho_nam"])
    mark_sent(plan, dt.date(2021, 11, 1))

    services.amend_movement(launched, by=None, reason="Chỉ các phường, thị trấn",
                            scope={"mode": "list", "units": [wards["an_bien"], wards["minh_duc"],
                                                             wards["le_chan"]]})  # fmt: skip

    answering = set(UnitPlan.objects.filter(movement=launched).values_list("unit__name", flat=True))
    # Thủy Nguyên sent nothing and leaves; Hồ Nam sent its plan and stays.
    assert answering == {"Quận Lê Chân", "Phường An Biên", "Phường Hồ Nam", "Thị trấn Minh Đức"}
    entry = AuditEntry.objects.get(code="movements.movement.amended")
    assert entry.additional_data["obligations"] == {"added": 0, "removed": 1, "kept": 1}
    minh_duc = Registration.objects.get(movement=launched, unit=wards["minh_duc"])
    assert minh_duc.reviewer_unit == wards["root"]


def test_amend_scope_to_new_units_creates_their_obligations(wards):
    movement = create_launchable(issuer=wards["root"], scope={"mode": "subtree", "root": wards["le_chan"]})
    services.launch_movement(movement, by=None)

    services.amend_movement(movement, by=None, reason="Mở rộng", scope={"mode": "subtree"})

    assert UnitPlan.objects.filter(movement=movement).count() == 5
    assert ProgressReport.objects.filter(movement=movement).count() == 10
    reviewers = dict(Registration.objects.filter(movement=movement).values_list("unit__name", "reviewer_unit__name"))
    assert reviewers["Phường An Biên"] == "Quận Lê Chân"


def test_close_movement_ends_a_launched_movement(launched, board_officer):
    services.close_movement(launched, by=board_officer)

    launched.refresh_from_db()
    assert (launched.state, launched.closed_at is not None) == ("closed", True)
    assert codes(launched)[-1] == "movements.movement.closed"


def test_close_movement_refuses_a_draft(draft):
    with pytest.raises(ValidationError) as error:
        services.close_movement(draft, by=None)

    assert messages(error) == ["Phong trào “Phong trào thi đua “Mục tiêu kép”” chưa phát động hoặc đã kết thúc."]


def test_sub_movement_is_a_draft_of_the_district_for_its_subtree(launched, wards, le_chan_officer):
    sub = services.launch_sub_movement(launched, by=le_chan_officer, issuer_unit=wards["le_chan"],
                                       title="Quận Lê Chân hưởng ứng")  # fmt: skip

    assert (sub.state, sub.parent, sub.issuer_unit, sub.period_end) == ("draft", launched, wards["le_chan"],
                                                                        launched.period_end)  # fmt: skip
    assert names(services.obligated_units(sub)) == ["Phường An Biên", "Phường Hồ Nam"]


def test_sub_movement_needs_an_obligated_issuer(launched, wards):
    with pytest.raises(ValidationError) as error:
        services.launch_sub_movement(launched, by=None, issuer_unit=wards["root"], title="Không hợp lệ")

    assert messages(error, "issuer_unit") == [
        "Đơn vị “Thành phố Hải Phòng” không thuộc phạm vi phong trào “Phong trào thi đua “Mục tiêu kép””."
    ]


# --- Plan document ---------------------------------------------------------------------------------------------


def test_plan_document_is_kept_and_replaced(draft, board_officer):
    services.attach_plan_document(draft, by=board_officer, upload=pdf_upload("Kế hoạch 123.pdf"))
    first = draft.plan_document

    services.attach_plan_document(draft, by=board_officer, upload=pdf_upload("Kế hoạch sửa đổi.pdf"))

    draft.refresh_from_db()
    assert (draft.plan_document.name, draft.plan_document.kind) == ("Kế hoạch sửa đổi.pdf", "pdf")
    assert draft.plan_document.pk != first.pk


def test_plan_document_refuses_a_file_that_is_not_a_document(draft):
    with pytest.raises(ValidationError) as error:
        services.attach_plan_document(draft, by=None, upload=fake_upload("ke-hoach.pdf"))

    assert messages(error, "plan_document")[0].startswith("Tệp “ke-hoach.pdf” không phải là loại được phép (DOCX, PDF)")
    assert StoredFile.objects.count() == 0
