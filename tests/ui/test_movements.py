"""Movement pages: the list, the draft's form, the movement's page, launching, amending, closing, the plan document,
sub-movements. Each view: anonymous → login, wrong role → 403, out of scope → 404, right role → the page.

The scene (also used by test_answers, test_compliance_dashboard and test_notifications): the city's board issues a
movement that Quận Lê Chân and Phường An Biên must answer (a list scope); Thủy Nguyên is outside it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import OrgUnitFactory
from thidua.audit.models import AuditEntry
from thidua.catalog.models import RecipientKind
from thidua.movements import services
from thidua.movements.enums import MilestoneKind, MovementKind, MovementState, ScopeMode
from thidua.movements.models import Criterion, Movement, Registration, UnitPlan
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Phong trào thi đua “Mục tiêu kép”"


# --- Scene ----------------------------------------------------------------------------------------------------


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def pdf_upload(name: str = "ke-hoach.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def fake_pdf(name: str = "ke-hoach.pdf") -> SimpleUploadedFile:
    """A file named like a PDF that is not one."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is a program", "application/pdf")


def today() -> dt.date:
    return timezone.localdate()


def milestones(*, registration_due: dt.date | None = None) -> list[dict]:
    due = registration_due or today() + dt.timedelta(days=30)
    return [
        {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký thi đua", "due_date": due},
        {"kind": MilestoneKind.INTERIM_REVIEW, "title": "Sơ kết 6 tháng", "due_date": due + dt.timedelta(days=90),
         "requires_report": True},
    ]  # fmt: skip


def make_movement(city, board, *, title: str = TITLE, registration_due: dt.date | None = None, launch: bool = True,
                  co_organisers=(), more_units=()) -> Movement:  # fmt: skip
    """A movement of the city that Lê Chân and An Biên (and ``more_units``) answer."""
    movement = services.create_movement(
        by=board, issuer_unit=city["root"], title=title, kind=MovementKind.THEMATIC,
        period_start=today() - dt.timedelta(days=10), period_end=today() + dt.timedelta(days=365),
        contents=[{"title": "Thi đua phòng, chống dịch COVID-19"}, {"title": "Thi đua phục hồi kinh tế"}],
        milestones=milestones(registration_due=registration_due),
        scope={"mode": ScopeMode.LIST, "units": [city["le_chan"], city["an_bien"], *more_units]},
        co_organisers=list(co_organisers),
    )  # fmt: skip
    if launch:
        movement = services.launch_movement(movement, by=board)
    return movement


def make_board(city):
    """Chuyên viên Ban Thi đua - Khen thưởng thành phố: the board side of the city's movements."""
    return user_with_role("board_officer", city["root"], username="ban.thanhpho", full_name="Lê Quang Huy")


def make_an_bien_officer(city):
    return user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà")


def make_thuy_nguyen_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen", full_name="Vũ Văn Nam")


def make_individual_title():
    return AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", recipient_kinds=[RecipientKind.INDIVIDUAL])


@pytest.fixture
def board(city):
    return make_board(city)


@pytest.fixture
def root_officer(city):
    """A unit officer at the city: sees the city's drafts, but runs no movement."""
    return user_with_role("unit_officer", city["root"], username="vanphong.thanhpho", full_name="Đỗ Thị Mai")


@pytest.fixture
def an_bien_officer(city):
    return make_an_bien_officer(city)


@pytest.fixture
def thuy_nguyen_officer(city):
    return make_thuy_nguyen_officer(city)


@pytest.fixture
def draft(city, board):
    return make_movement(city, board, launch=False)


@pytest.fixture
def launched(city, board, le_chan_officer, an_bien_officer):
    return make_movement(city, board)


def signed_in(client, user):
    client.force_login(user)
    return client


def html_of(response) -> str:
    return response.content.decode()


# --- The form's data ------------------------------------------------------------------------------------------


def formset_data(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def movement_form_data(city, **changes) -> dict:
    due = today() + dt.timedelta(days=30)
    data = {
        "issuer_unit": city["root"].pk,
        "title": "Phong trào thi đua “Chung sức xây dựng nông thôn mới”",
        "kind": MovementKind.THEMATIC,
        "document_number": "123/KH-UBND",
        "document_date": today().strftime("%d/%m/%Y"),
        "period_start": today().strftime("%d/%m/%Y"),
        "period_end": (today() + dt.timedelta(days=365)).strftime("%d/%m/%Y"),
        "purpose": "Động viên các tầng lớp nhân dân.",
        "legal_basis": "Luật Thi đua, khen thưởng năm 2022.",
        "issuing_authority": "",
        "registration_required": "on",
        "scope_mode": ScopeMode.LIST,
        "scope_root": "",
        "scope_depth": "",
        "scope_units": "HP-LC\nPhường An Biên",
        "co_organisers": "",
        "contents": "Xây dựng hạ tầng | đường, trường, trạm\nPhát triển sản xuất",
        "target_groups": "Các quận, huyện | Quận, huyện\nCác xã, phường",
        "criteria": "[Các quận, huyện]\n1 | Tổ chức phát động | 20\n1.1 | Ban hành kế hoạch | 10\n"
                    "2 | Sáng kiến | 5 | | thưởng",
        **formset_data("awards", []),
        **formset_data("milestones", [
            {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký thi đua", "due_date": due.strftime("%d/%m/%Y")},
        ]),
    }  # fmt: skip
    data.update(changes)
    return data


# --- List -----------------------------------------------------------------------------------------------------


def test_movement_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/movements/"))


def test_movement_list_without_role_shows_none(no_role_client, launched):
    html = html_of(no_role_client.get(reverse("movements:list")))
    assert (TITLE in html, "Không có phong trào thi đua nào trong phạm vi của bạn." in html) == (False, True)


def test_movement_list_shows_the_board_its_drafts(client, board, draft):
    html = html_of(signed_in(client, board).get(reverse("movements:list")))
    assert f'<a href="/app/movements/{draft.pk}/">{TITLE}</a>' in html


def test_movement_list_hides_a_draft_from_the_units_in_scope(client, le_chan_officer, draft):
    html = html_of(signed_in(client, le_chan_officer).get(reverse("movements:list")))
    assert TITLE not in html


def test_movement_list_shows_a_launched_movement_to_a_unit_in_scope(client, le_chan_officer, launched):
    html = html_of(signed_in(client, le_chan_officer).get(reverse("movements:list")))
    assert f'<a href="/app/movements/{launched.pk}/">{TITLE}</a>' in html


def test_movement_list_hides_a_launched_movement_from_a_unit_out_of_scope(client, thuy_nguyen_officer, launched):
    html = html_of(signed_in(client, thuy_nguyen_officer).get(reverse("movements:list")))
    assert (TITLE in html, "Không có phong trào thi đua nào" in html) == (False, True)


def test_movement_list_filters_by_state(client, city, board, launched):
    make_movement(city, board, title="Phong trào còn dự thảo", launch=False)
    html = html_of(signed_in(client, board).get(reverse("movements:list"), {"state": MovementState.DRAFT}))
    assert ("Phong trào còn dự thảo" in html, TITLE in html) == (True, False)


def test_movement_list_offers_creation_to_the_board_only(client, board, le_chan_officer):
    board_html = html_of(signed_in(client, board).get(reverse("movements:list")))
    officer_html = html_of(signed_in(client, le_chan_officer).get(reverse("movements:list")))
    link = '<a class="button" href="/app/movements/new/">Tạo phong trào</a>'
    assert (link in board_html, link in officer_html) == (True, False)


def test_movement_list_pages_by_keyset(client, city, board):
    for index in range(31):
        services.create_movement(by=board, issuer_unit=city["root"], title=f"Phong trào số {index}",
                                 kind=MovementKind.REGULAR, period_start=dt.date(2020, 1, 1) + dt.timedelta(days=index),
                                 period_end=dt.date(2021, 12, 31))  # fmt: skip
    client = signed_in(client, board)
    first = client.get(reverse("movements:list"))
    second = client.get(reverse("movements:list"), {"after": first.context["page"].next_cursor})
    titles = [m.title for m in first.context["page"]] + [m.title for m in second.context["page"]]
    assert (len(first.context["page"]), titles[0], titles[-1], len(set(titles))) == (
        30,
        "Phong trào số 30",
        "Phong trào số 0",
        31,
    )


# --- Create ---------------------------------------------------------------------------------------------------


def test_movement_create_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:create"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/movements/new/"))


def test_movement_create_by_a_unit_officer_is_forbidden(client, le_chan_officer):
    assert signed_in(client, le_chan_officer).get(reverse("movements:create")).status_code == 403


def test_movement_create_form_offers_the_boards_unit(client, city, board):
    response = signed_in(client, board).get(reverse("movements:create"))
    assert (response.status_code, f'<option value="{city["root"].pk}">Thành phố Hải Phòng</option>'
            in html_of(response)) == (200, True)  # fmt: skip


def test_movement_create_saves_a_draft_with_its_lists(client, city, board):
    response = signed_in(client, board).post(
        reverse("movements:create"), {**movement_form_data(city), "plan_document": pdf_upload()}
    )
    movement = Movement.objects.get(title="Phong trào thi đua “Chung sức xây dựng nông thôn mới”")
    assert response["Location"] == f"/app/movements/{movement.pk}/"
    assert (movement.state, movement.issuer_unit, movement.document_number) == (
        MovementState.DRAFT,
        city["root"],
        "123/KH-UBND",
    )
    assert list(movement.contents.values_list("title", "description")) == [
        ("Xây dựng hạ tầng", "đường, trường, trạm"),
        ("Phát triển sản xuất", ""),
    ]
    assert [(g.name, [k.code for k in g.unit_kinds.all()]) for g in movement.target_groups.all()] == [
        ("Các quận, huyện", ["district"]),
        ("Các xã, phường", []),
    ]
    assert set(movement.scope_units.all()) == {city["le_chan"], city["an_bien"]}
    assert movement.plan_document.name == "ke-hoach.pdf"


def test_movement_create_ignores_blank_rows(client, city, board):
    due = (today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    awards = [{"level": "", "award_type": "", "quota": "", "note": ""}]
    milestone_rows = [
        {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": due},
        {"kind": "", "title": "", "due_date": "", "id": ""},
    ]
    data = movement_form_data(city, **formset_data("awards", awards), **formset_data("milestones", milestone_rows))
    response = signed_in(client, board).post(reverse("movements:create"), data)
    movement = Movement.objects.get()
    assert (response.status_code, movement.awards.count(), movement.milestones.count()) == (302, 0, 1)


def test_movement_create_builds_the_criteria_tree(client, city, board):
    signed_in(client, board).post(reverse("movements:create"), movement_form_data(city))
    rows = {c.code: c for c in Criterion.objects.select_related("parent", "target_group")}
    assert (rows["1.1"].parent, rows["1"].target_group.name, rows["2"].kind, str(rows["1"].max_points)) == (
        rows["1"],
        "Các quận, huyện",
        "bonus",
        "20.00",
    )


def test_movement_create_refuses_a_file_that_is_not_a_pdf_and_saves_nothing(client, city, board):
    response = signed_in(client, board).post(
        reverse("movements:create"), {**movement_form_data(city), "plan_document": fake_pdf()}
    )
    form = response.context["form"]
    assert (response.status_code, Movement.objects.count()) == (200, 0)
    assert form.errors["plan_document"] == [
        "Tệp “ke-hoach.pdf” không phải là loại được phép (DOCX, PDF): hệ thống kiểm tra nội dung tệp, không chỉ "
        "phần đuôi tên."
    ]


def test_movement_create_shows_the_criterion_the_service_refuses(client, city, board):
    data = movement_form_data(city, criteria="1 | Tổ chức phát động | 10\n1.1 | Ban hành kế hoạch | 15")
    response = signed_in(client, board).post(reverse("movements:create"), data)
    assert response.context["form"].errors["criteria"] == [
        "Tiêu chí 1.1: điểm tối đa (15) vượt điểm tối đa của tiêu chí cha “1” (10).",
        "Tiêu chí 1: tổng điểm tối đa của các tiêu chí con (15) vượt điểm tối đa (10).",
    ]


def test_movement_create_names_the_line_of_an_unknown_unit(client, city, board):
    response = signed_in(client, board).post(
        reverse("movements:create"), movement_form_data(city, scope_units="HP-LC\nPhường Không Có")
    )
    assert response.context["form"].errors["scope_units"] == [
        "Dòng 2: không tìm thấy đơn vị “Phường Không Có” trong phạm vi của bạn."
    ]


def test_movement_create_refuses_a_unit_the_officer_does_not_run(client, city, le_chan_viewer):
    response = signed_in(client, le_chan_viewer).post(reverse("movements:create"), movement_form_data(city))
    assert (Movement.objects.count(), "issuer_unit" in response.context["form"].errors) == (0, True)


# --- Detail ---------------------------------------------------------------------------------------------------


def test_movement_detail_anonymous_is_sent_to_login(client, launched):
    path = reverse("movements:detail", args=[launched.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_movement_detail_out_of_scope_is_not_found(client, thuy_nguyen_officer, launched):
    assert (
        signed_in(client, thuy_nguyen_officer).get(reverse("movements:detail", args=[launched.pk])).status_code == 404
    )


def test_movement_detail_of_a_draft_is_not_found_for_the_units(client, le_chan_officer, draft):
    assert signed_in(client, le_chan_officer).get(reverse("movements:detail", args=[draft.pk])).status_code == 404


def test_movement_detail_shows_the_board_its_actions(client, board, draft):
    html = html_of(signed_in(client, board).get(reverse("movements:detail", args=[draft.pk])))
    assert f'<a class="button" href="/app/movements/{draft.pk}/launch/">Phát động</a>' in html
    assert "<strong>Thi đua phòng, chống dịch COVID-19</strong>" in html


def test_movement_detail_shows_a_unit_what_it_owes(client, le_chan_officer, launched):
    html = html_of(signed_in(client, le_chan_officer).get(reverse("movements:detail", args=[launched.pk])))
    registration = Registration.objects.get(movement=launched, unit__code="HP-LC")
    assert f'<a href="/app/registrations/{registration.pk}/">Đăng ký thi đua</a>' in html
    assert "/launch/" not in html


def test_movement_detail_shows_the_amendment_reason(client, board, launched):
    services.amend_movement(launched, by=board, reason="Theo Kế hoạch số 45/KH-UBND", title="Tên mới")
    html = html_of(signed_in(client, board).get(reverse("movements:detail", args=[launched.pk])))
    assert '<p class="audit-reason">Lý do: Theo Kế hoạch số 45/KH-UBND</p>' in html


def test_movement_detail_lists_sub_movements(client, city, board, le_chan_officer, launched):
    services.launch_sub_movement(launched, by=le_chan_officer, issuer_unit=city["le_chan"],
                                 title="Phong trào của Quận Lê Chân")  # fmt: skip
    html = html_of(signed_in(client, le_chan_officer).get(reverse("movements:detail", args=[launched.pk])))
    assert "Phong trào của Quận Lê Chân</a> — Quận Lê Chân" in html


# --- Edit -----------------------------------------------------------------------------------------------------


def test_movement_edit_anonymous_is_sent_to_login(client, draft):
    path = reverse("movements:edit", args=[draft.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_movement_edit_by_a_unit_officer_is_forbidden(client, root_officer, draft):
    assert signed_in(client, root_officer).get(reverse("movements:edit", args=[draft.pk])).status_code == 403


def test_movement_edit_out_of_scope_is_not_found(client, thuy_nguyen_officer, draft):
    assert signed_in(client, thuy_nguyen_officer).get(reverse("movements:edit", args=[draft.pk])).status_code == 404


def test_movement_edit_shows_the_lists_one_per_line(client, board, draft):
    response = signed_in(client, board).get(reverse("movements:edit", args=[draft.pk]))
    form = response.context["form"]
    assert (response.status_code, form.initial["contents"], form["scope_units"].value()) == (
        200,
        "Thi đua phòng, chống dịch COVID-19\nThi đua phục hồi kinh tế",
        "HP-LC\nHP-LC-AB",
    )


def test_movement_edit_saves_the_draft(client, city, board, draft):
    milestone = draft.milestones.get(kind=MilestoneKind.REGISTRATION)
    data = movement_form_data(city, title="Tên đã sửa")
    data.pop("issuer_unit")
    data.update(formset_data("milestones", [
        {"id": milestone.pk, "kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký",
         "due_date": "20/12/2030"}], initial=1))  # fmt: skip
    response = signed_in(client, board).post(reverse("movements:edit", args=[draft.pk]), data)
    draft.refresh_from_db()
    milestone.refresh_from_db()
    assert (response["Location"], draft.title, milestone.title, milestone.due_date) == (
        f"/app/movements/{draft.pk}/",
        "Tên đã sửa",
        "Hạn đăng ký",
        dt.date(2030, 12, 20),
    )


def test_movement_edit_of_a_launched_movement_goes_to_amend(client, board, launched):
    response = signed_in(client, board).get(reverse("movements:edit", args=[launched.pk]))
    assert response["Location"] == f"/app/movements/{launched.pk}/amend/"


# --- Launch ---------------------------------------------------------------------------------------------------


def test_movement_launch_anonymous_is_sent_to_login(client, draft):
    path = reverse("movements:launch", args=[draft.pk])
    assert client.post(path)["Location"] == login_url_for(path)


def test_movement_launch_by_a_unit_officer_is_forbidden(client, root_officer, draft):
    response = signed_in(client, root_officer).post(reverse("movements:launch", args=[draft.pk]))
    draft.refresh_from_db()
    assert (response.status_code, draft.state) == (403, MovementState.DRAFT)


def test_movement_launch_out_of_scope_is_not_found(client, thuy_nguyen_officer, draft):
    assert signed_in(client, thuy_nguyen_officer).get(reverse("movements:launch", args=[draft.pk])).status_code == 404


def test_movement_launch_page_counts_the_units_in_scope(client, board, draft):
    html = html_of(signed_in(client, board).get(reverse("movements:launch", args=[draft.pk])))
    assert "Khi phát động, 2 đơn vị trong phạm vi sẽ nhận thông báo" in html


def test_movement_launch_creates_what_units_owe_and_tells_them(client, board, le_chan_officer, draft):
    response = signed_in(client, board).post(reverse("movements:launch", args=[draft.pk]))
    draft.refresh_from_db()
    assert (response["Location"], draft.state) == (f"/app/movements/{draft.pk}/", MovementState.LAUNCHED)
    assert sorted(UnitPlan.objects.filter(movement=draft).values_list("unit__code", flat=True)) == ["HP-LC", "HP-LC-AB"]
    assert Notification.objects.filter(user=le_chan_officer, code="movements.launched").count() == 1


def test_movement_launch_shows_why_it_is_refused(client, city, board):
    movement = services.create_movement(by=board, issuer_unit=city["root"], title="Chưa đủ",
                                        kind=MovementKind.REGULAR, period_start=dt.date(2030, 1, 1),
                                        period_end=dt.date(2030, 12, 31))  # fmt: skip
    response = signed_in(client, board).post(reverse("movements:launch", args=[movement.pk]))
    assert response.context["form"].non_field_errors() == [
        "Phong trào chưa có nội dung thi đua.",
        "Phong trào chưa có hạn đăng ký thi đua (mốc thời gian).",
    ]


# --- Amend ----------------------------------------------------------------------------------------------------


def amend_data(city, movement, **changes) -> dict:
    data = movement_form_data(city, title=movement.title, document_number="", document_date="", purpose="",
                              legal_basis="", period_end=movement.period_end.strftime("%d/%m/%Y"),
                              scope_units="HP-LC\nHP-LC-AB", contents="Thi đua phòng, chống dịch COVID-19\n"
                              "Thi đua phục hồi kinh tế", target_groups="", criteria="")  # fmt: skip
    data.pop("issuer_unit")
    rows = [
        {"id": m.pk, "kind": m.kind, "title": m.title, "due_date": m.due_date.strftime("%d/%m/%Y"),
         **({"requires_report": "on"} if m.requires_report else {})}
        for m in movement.milestones.all()
    ]  # fmt: skip
    data.update(formset_data("milestones", rows, initial=len(rows)))
    data.update(changes)
    return data


def test_movement_amend_anonymous_is_sent_to_login(client, launched):
    path = reverse("movements:amend", args=[launched.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_movement_amend_by_a_unit_officer_is_forbidden(client, le_chan_officer, launched):
    assert signed_in(client, le_chan_officer).get(reverse("movements:amend", args=[launched.pk])).status_code == 403


def test_movement_amend_out_of_scope_is_not_found(client, thuy_nguyen_officer, launched):
    response = signed_in(client, thuy_nguyen_officer).get(reverse("movements:amend", args=[launched.pk]))
    assert response.status_code == 404


def test_movement_amend_needs_a_reason(client, city, board, launched):
    data = amend_data(city, launched, title="Tên mới", reason="")
    response = signed_in(client, board).post(reverse("movements:amend", args=[launched.pk]), data)
    launched.refresh_from_db()
    assert (launched.title, response.context["form"].errors["reason"]) == (TITLE, ["Trường này là bắt buộc."])


def test_movement_amend_records_only_what_changed_with_the_reason(client, city, board, launched):
    data = amend_data(city, launched, title="Tên mới", reason="Theo Kế hoạch số 45/KH-UBND")
    response = signed_in(client, board).post(reverse("movements:amend", args=[launched.pk]), data)
    entry = AuditEntry.objects.filter(code="movements.movement.amended").get()
    assert (response["Location"], entry.reason, entry.additional_data["changed"]) == (
        f"/app/movements/{launched.pk}/",
        "Theo Kế hoạch số 45/KH-UBND",
        ["title"],
    )


def test_movement_amend_moves_a_deadline_of_every_unit(client, city, board, launched):
    registration_milestone = launched.milestones.get(kind=MilestoneKind.REGISTRATION)
    data = amend_data(city, launched, reason="Gia hạn đăng ký", **{"milestones-0-due_date": "15/01/2031"})
    signed_in(client, board).post(reverse("movements:amend", args=[launched.pk]), data)
    dues = {r.due_date for r in Registration.objects.filter(movement=launched).select_related("milestone")}
    registration_milestone.refresh_from_db()
    assert (registration_milestone.due_date, dues) == (dt.date(2031, 1, 15), {dt.date(2031, 1, 15)})


# --- Close ----------------------------------------------------------------------------------------------------


def test_movement_close_anonymous_is_sent_to_login(client, launched):
    path = reverse("movements:close", args=[launched.pk])
    assert client.post(path)["Location"] == login_url_for(path)


def test_movement_close_by_a_unit_officer_is_forbidden(client, le_chan_officer, launched):
    assert signed_in(client, le_chan_officer).post(reverse("movements:close", args=[launched.pk])).status_code == 403


def test_movement_close_out_of_scope_is_not_found(client, thuy_nguyen_officer, launched):
    response = signed_in(client, thuy_nguyen_officer).post(reverse("movements:close", args=[launched.pk]))
    assert response.status_code == 404


def test_movement_close_ends_the_movement(client, board, launched):
    response = signed_in(client, board).post(reverse("movements:close", args=[launched.pk]))
    launched.refresh_from_db()
    assert (response["Location"], launched.state) == (f"/app/movements/{launched.pk}/", MovementState.CLOSED)


# --- Plan document --------------------------------------------------------------------------------------------


@pytest.fixture
def with_document(board, launched):
    return services.attach_plan_document(launched, by=board, upload=pdf_upload("Kế hoạch số 123.pdf"))


def test_plan_document_anonymous_is_sent_to_login(client, with_document):
    path = reverse("movements:plan-document", args=[with_document.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_plan_document_out_of_scope_is_not_found(client, thuy_nguyen_officer, with_document):
    response = signed_in(client, thuy_nguyen_officer).get(reverse("movements:plan-document", args=[with_document.pk]))
    assert response.status_code == 404


def test_plan_document_is_sent_to_a_unit_in_scope(client, an_bien_officer, with_document):
    response = signed_in(client, an_bien_officer).get(reverse("movements:plan-document", args=[with_document.pk]))
    assert (response.status_code, response["Content-Type"], b"".join(response.streaming_content)) == (
        200,
        "application/pdf",
        PDF,
    )


def test_plan_document_missing_is_not_found(client, board, launched):
    assert signed_in(client, board).get(reverse("movements:plan-document", args=[launched.pk])).status_code == 404


# --- Sub-movements --------------------------------------------------------------------------------------------


@pytest.fixture
def le_chan_media(city):
    """A journalist at Lê Chân: sees the movement Lê Chân answers, but launches nothing."""
    return user_with_role("media", city["le_chan"], username="phongvien.lechan", full_name="Ngô Bảo Ngọc")


def test_sub_movement_create_anonymous_is_sent_to_login(client, launched):
    path = reverse("movements:sub-movement-create", args=[launched.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_sub_movement_create_without_an_answering_role_is_forbidden(client, le_chan_media, launched):
    response = signed_in(client, le_chan_media).get(reverse("movements:sub-movement-create", args=[launched.pk]))
    assert response.status_code == 403


def test_sub_movement_create_out_of_scope_is_not_found(client, thuy_nguyen_officer, launched):
    response = signed_in(client, thuy_nguyen_officer).get(reverse("movements:sub-movement-create", args=[launched.pk]))
    assert response.status_code == 404


def test_sub_movement_create_by_the_units_officer_opens_the_draft_form(client, city, le_chan_officer, launched):
    data = {"issuer_unit": city["le_chan"].pk, "title": "Phong trào của Quận Lê Chân", "kind": MovementKind.THEMATIC,
            "period_start": "01/01/2030", "period_end": "31/12/2030"}  # fmt: skip
    response = signed_in(client, le_chan_officer).post(reverse("movements:sub-movement-create", args=[launched.pk]),
                                                       data)  # fmt: skip
    sub = Movement.objects.get(parent=launched)
    assert (response["Location"], sub.issuer_unit, sub.state, sub.scope_root) == (
        f"/app/movements/{sub.pk}/edit/", city["le_chan"], MovementState.DRAFT, city["le_chan"])  # fmt: skip


def test_sub_movement_create_by_the_districts_board_opens_the_draft_form(client, city, le_chan_viewer, launched):
    data = {"issuer_unit": city["le_chan"].pk, "title": "Phong trào của Quận Lê Chân", "kind": MovementKind.THEMATIC,
            "period_start": "01/01/2030", "period_end": "31/12/2030"}  # fmt: skip
    response = signed_in(client, le_chan_viewer).post(reverse("movements:sub-movement-create", args=[launched.pk]),
                                                      data)  # fmt: skip
    assert response["Location"] == f"/app/movements/{Movement.objects.get(parent=launched).pk}/edit/"


def test_sub_movement_create_offers_only_the_officers_units(client, city, an_bien_officer, launched):
    response = signed_in(client, an_bien_officer).get(reverse("movements:sub-movement-create", args=[launched.pk]))
    assert list(response.context["form"].fields["issuer_unit"].queryset) == [city["an_bien"]]


def test_sub_movement_unit_outside_the_parent_scope_is_refused(client, city, an_bien_officer, launched):
    other = OrgUnitFactory(code="HP-LC-AB-1", name="Tổ dân phố 1", parent=city["an_bien"])
    data = {"issuer_unit": other.pk, "title": "Phong trào của tổ", "kind": MovementKind.THEMATIC,
            "period_start": "01/01/2030", "period_end": "31/12/2030"}  # fmt: skip
    response = signed_in(client, an_bien_officer).post(reverse("movements:sub-movement-create", args=[launched.pk]),
                                                       data)  # fmt: skip
    assert (Movement.objects.filter(parent=launched).count(), "issuer_unit" in response.context["form"].errors) == (
        0,
        True,
    )


def test_criteria_text_reads_back_what_it_shows_in_english(city):
    from django.utils import translation

    from thidua.movements.forms import criteria_text, parse_criteria

    movement = make_movement(city, None, launch=False)
    services.set_criteria(movement, by=None, criteria=[
        {"code": "1", "text": "Đăng ký đúng hạn", "max_points": Decimal("5"), "source": "registration_on_time"},
    ])  # fmt: skip
    with translation.override("en"):
        rows = parse_criteria(criteria_text(movement.criteria.all()), [])
    assert [(row["code"], row["source"]) for row in rows] == [("1", "registration_on_time")]
