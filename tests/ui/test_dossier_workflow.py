"""The staff pages of the dossier workflow (issue 5): the unit's outbox, the board's inbox, creating a dossier and the
year-end one, the dossier page (buttons of the transitions the user may take, missing documents, entries, documents,
the unit's own council, the timeline), the POST of every button, the entry pages (add, edit, appraisal checklist),
documents, and forwarding. Every view: anonymous → login, wrong role → 403, out of scope → 404, refused guards shown
as Vietnamese messages naming the field, and the dossier left exactly as it was."""

# ruff: noqa: F811 — the scene fixture is imported from tests/dossiers/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.dossiers.conftest import scene  # noqa: F401
from tests.dossiers.test_forwarding import (
    attach_both_formats,
    district_dossier,
    district_head,  # noqa: F401
    ward_dossier,
)
from tests.dossiers.test_year_end import ldtt_rule, staff
from tests.dossiers.workflow_scene import (
    BINH,
    HOA,
    appraised,
    attach,
    check_all,
    draft,
    entry_of,
    fresh,
    received,
    returned,
    state_of,
    submitted,
)
from tests.factories.files import fake_pdf, pdf_upload
from thidua.dossiers import workflow
from thidua.dossiers.enums import CheckItem, DossierKind, DossierState, EntryState, Recommendation
from thidua.dossiers.models import Dossier, DossierAttachment, DossierEntry, EntryCheck

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def as_user(client, scene, name: str):
    client.force_login(scene.users[name])
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def transition(client, dossier, code: str, **data):
    data.setdefault("version", fresh(dossier).version)
    return client.post(reverse("dossiers:transition", args=[dossier.pk, code]), data, follow=True)


def entry_transition(client, entry, code: str, **data):
    data.setdefault("version", fresh(entry.dossier).version)
    return client.post(reverse("dossiers:entry-transition", args=[entry.pk, code]), data, follow=True)


# --- Outbox and inbox -----------------------------------------------------------------------------------------


def test_outbox_anonymous_is_sent_to_login(client):
    response = client.get(reverse("dossiers:outbox"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/dossiers/"))


def test_outbox_lists_the_units_dossiers_with_state_authority_due_date_and_entry_count(client, scene):
    dossier = submitted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    html = page(as_user(client, scene, "officer"), reverse("dossiers:outbox"))
    row = html[html.index(f'<a href="/app/dossiers/{dossier.pk}/">') :]
    row = row[: row.index("</tr>")]
    assert "Chủ tịch UBND thành phố Hải Phòng" in row
    assert "Đã trình" in row
    assert dossier.due_on.strftime("%d/%m/%Y") in row
    assert '<td data-label="Số đề nghị" class="num">2</td>' in row


def test_outbox_of_another_district_shows_nothing(client, scene):
    dossier = draft(scene)
    assert dossier.title not in page(as_user(client, scene, "outsider"), reverse("dossiers:outbox"))


def test_outbox_hides_closed_and_withdrawn_dossiers_unless_asked(client, scene):
    dossier = draft(scene)
    workflow.withdraw(dossier, by=scene.users["head"], reason="Lập nhầm hồ sơ.")
    as_user(client, scene, "officer")
    assert dossier.title not in page(client, reverse("dossiers:outbox"))
    assert dossier.title in page(client, reverse("dossiers:outbox") + "?state=all")


def test_outbox_offers_creating_only_to_those_who_prepare_dossiers(client, scene):
    assert "Tạo hồ sơ" in page(as_user(client, scene, "officer"), reverse("dossiers:outbox"))
    assert "Tạo hồ sơ" not in page(as_user(client, scene, "board"), reverse("dossiers:outbox"))


def test_inbox_anonymous_is_sent_to_login(client):
    response = client.get(reverse("dossiers:inbox"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/dossiers/inbox/"))


def test_inbox_lists_what_is_addressed_to_the_board_with_its_due_date(client, scene):
    dossier = submitted(scene)
    html = page(as_user(client, scene, "board"), reverse("dossiers:inbox"))
    assert f'<a href="/app/dossiers/{dossier.pk}/">{dossier.title}</a>' in html
    assert dossier.due_on.strftime("%d/%m/%Y") in html
    assert "Quá hạn" not in html


def test_inbox_highlights_an_overdue_dossier(client, scene):
    dossier = submitted(scene)
    Dossier.objects.filter(pk=dossier.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    html = page(as_user(client, scene, "board"), reverse("dossiers:inbox"))
    assert '<tr class="is-overdue">' in html
    assert '<span class="badge badge--missing">Quá hạn</span>' in html


def test_inbox_mine_shows_only_the_dossiers_assigned_to_me(client, scene):
    dossier = submitted(scene)
    workflow.assign(dossier, by=scene.users["board_head"], officer=scene.users["board2"])
    as_user(client, scene, "board")
    assert dossier.title in page(client, reverse("dossiers:inbox"))
    assert dossier.title not in page(client, reverse("dossiers:inbox") + "?mine=1")


def test_inbox_of_a_unit_officer_is_empty(client, scene):
    dossier = submitted(scene)
    html = page(as_user(client, scene, "officer"), reverse("dossiers:inbox"))
    assert (dossier.title in html, "Không có hồ sơ nào đang chờ xử lý." in html) == (False, True)


def test_the_old_list_url_is_the_outbox(client, scene):
    assert reverse("dossiers:list") == reverse("dossiers:outbox")


# --- Creating -------------------------------------------------------------------------------------------------


def create_data(scene, **fields):
    return {"unit": scene.units["le_chan"].pk, "kind": DossierKind.MOVEMENT, "title": "Hồ sơ khen thưởng đột xuất",
            "authority": "", "movement": "", "year": "2025", "procedure": "normal", **fields}  # fmt: skip


def test_create_anonymous_is_sent_to_login(client):
    response = client.get(reverse("dossiers:create"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/dossiers/new/"))


def test_create_by_the_board_is_forbidden(client, scene):
    as_user(client, scene, "board")
    assert client.get(reverse("dossiers:create")).status_code == 403
    assert client.post(reverse("dossiers:create"), create_data(scene)).status_code == 403
    assert Dossier.objects.count() == 0


def test_create_makes_a_draft_addressed_by_default_to_the_authority_above(client, scene):
    response = as_user(client, scene, "officer").post(reverse("dossiers:create"), create_data(scene))
    dossier = Dossier.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/dossiers/{dossier.pk}/")
    assert (dossier.state, dossier.unit, dossier.authority) == (
        DossierState.DRAFT,
        scene.units["le_chan"],
        scene.city_authority,
    )


def test_create_refuses_an_authority_that_is_not_above_the_unit(client, scene):
    data = create_data(scene, unit=scene.units["le_chan"].pk, authority=scene.district_authority.pk)
    data["unit"] = scene.units["le_chan"].pk
    # Lê Chân's own chairman sits at Lê Chân: a ward below may address it, Lê Chân itself may too; Thủy Nguyên's
    # unit may not, and the user may not prepare for it either.
    response = as_user(client, scene, "officer").post(reverse("dossiers:create"),
                                                      {**data, "unit": scene.units["an_bien"].pk,
                                                       "authority": scene.prime_minister.pk})  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["authority"]
    assert Dossier.objects.count() == 0


def test_create_for_a_unit_out_of_reach_names_the_unit(client, scene):
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:create"), create_data(scene, unit=scene.units["minh_duc"].pk)
    )
    assert (response.status_code, bool(response.context["form"].errors["unit"])) == (200, True)
    assert Dossier.objects.count() == 0


def test_year_end_by_the_board_is_forbidden(client, scene):
    assert as_user(client, scene, "board").get(reverse("dossiers:year-end")).status_code == 403


def test_year_end_without_a_rule_says_so_on_the_awards_field(client, scene):
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:year-end"), {"unit": scene.units["le_chan"].pk, "year": "2024", "award_codes": ["LDTT"]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["award_codes"] == [
        "Chưa có quy định điều kiện cho mã LDTT: không lập được gợi ý."
    ]
    assert Dossier.objects.count() == 0


def test_year_end_builds_one_draft_with_an_entry_per_suggested_person(client, scene):
    ldtt_rule(scene)
    people = staff(scene.units["an_bien"], 3)
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:year-end"),
        {"unit": scene.units["an_bien"].pk, "year": "2025", "award_codes": ["LDTT"], "include_review": "on"},
        follow=True,
    )
    dossier = Dossier.objects.get()
    assert response.redirect_chain == [(f"/app/dossiers/{dossier.pk}/", 302)]
    assert "Đã lập hồ sơ tổng kết năm 2025 với 3 đề nghị." in messages_of(response)
    assert set(dossier.entries.values_list("person_id", flat=True)) == {person.pk for person in people}
    assert (dossier.kind, dossier.authority) == (DossierKind.YEAR_END, scene.district_authority)


def test_year_end_of_eligible_people_only_leaves_out_those_to_weigh(client, scene):
    ldtt_rule(scene)
    staff(scene.units["an_bien"], 2)
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:year-end"), {"unit": scene.units["an_bien"].pk, "year": "2025", "award_codes": ["LDTT"]}
    )
    assert response.status_code == 200
    assert "chưa được đề nghị" in " ".join(response.context["form"].errors["award_codes"])
    assert Dossier.objects.count() == 0


# --- The dossier page -----------------------------------------------------------------------------------------


def test_detail_anonymous_is_sent_to_login(client, scene):
    dossier = draft(scene)
    path = reverse("dossiers:detail", args=[dossier.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_detail_of_another_district_is_not_found(client, scene):
    dossier = draft(scene)
    assert as_user(client, scene, "outsider").get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 404


def test_a_draft_is_not_in_the_inbox_of_the_board_it_is_addressed_to(client, scene):
    dossier = draft(scene)
    # The city's board holds its role at the root: a draft of its subtree is in its scope, never in its inbox.
    html = page(as_user(client, scene, "board"), reverse("dossiers:inbox"))
    assert dossier.title not in html


def test_detail_shows_the_submit_button_to_the_head_only(client, scene):
    dossier = draft(scene)
    url = reverse("dossiers:detail", args=[dossier.pk])
    head = page(as_user(client, scene, "head"), url)
    officer = page(as_user(client, scene, "officer"), url)
    assert f'action="/app/dossiers/{dossier.pk}/do/submit/"' in head
    assert f'action="/app/dossiers/{dossier.pk}/do/submit/"' not in officer
    assert f'<input type="hidden" name="version" value="{dossier.version}">' in head


def test_detail_warns_of_missing_documents(client, scene):
    dossier = draft(scene, documents=False)
    html = page(as_user(client, scene, "officer"), reverse("dossiers:detail", args=[dossier.pk]))
    assert "Hồ sơ còn thiếu tài liệu (chưa trình được):" in html
    assert "<li>Thiếu “Tờ trình đề nghị khen thưởng”.</li>" in html
    assert "Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố: thiếu “Báo cáo thành tích”." in html


def test_detail_shows_the_entries_with_eligibility_and_the_forms_of_a_draft(client, scene):
    dossier = draft(scene)
    html = page(as_user(client, scene, "officer"), reverse("dossiers:detail", args=[dossier.pk]))
    assert f'<tr id="entry-{entry_of(dossier).pk}">' in html
    assert "Chưa có quy định xét điều kiện" in html
    assert f'action="/app/dossiers/{dossier.pk}/entries/new/"' in html
    assert f'action="/app/dossiers/{dossier.pk}/attachments/"' in html
    assert f'action="/app/dossiers/{dossier.pk}/own-council/"' in html


def test_detail_timeline_lists_every_step(client, scene):
    dossier = returned(scene)
    html = page(as_user(client, scene, "officer"), reverse("dossiers:detail", args=[dossier.pk]))
    timeline = html[html.index('id="timeline"') :]
    for label in ("Tạo hồ sơ", "Thêm đề nghị", "Thêm tài liệu", "Trình hồ sơ", "Trả lại đề nghị để bổ sung",
                  "Trả lại hồ sơ"):  # fmt: skip
        assert f"<strong>{label}</strong>" in timeline, label
    assert "Lý do, ghi chú: Bổ sung báo cáo thành tích." in timeline
    assert "Dự thảo → Đã trình" in timeline


@pytest.mark.parametrize("user", ["officer", "board_head"])
def test_detail_page_queries_do_not_grow_with_the_entries(client, scene, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for nominees in (((HOA, "BK_TINH"),), ((HOA, "BK_TINH"), (BINH, "BK_TINH"), ("Lê Minh Châu", "BK_TINH"))):
        dossier = appraised(scene, nominees) if user == "board_head" else draft(scene, nominees)
        as_user(client, scene, user)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("dossiers:detail", args=[dossier.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1] < 50, counts


# --- Dossier transitions --------------------------------------------------------------------------------------


def test_transition_anonymous_is_sent_to_login(client, scene):
    dossier = draft(scene)
    path = reverse("dossiers:transition", args=[dossier.pk, "submit"])
    response = client.post(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_submit_by_the_unit_officer_is_forbidden(client, scene):
    dossier = draft(scene)
    before = state_of(dossier)
    response = transition(as_user(client, scene, "officer"), dossier, "submit")
    assert (response.status_code, state_of(dossier)) == (403, before)


def test_submit_by_the_head_of_another_district_is_not_found(client, scene):
    dossier = draft(scene)
    before = state_of(dossier)
    response = transition(as_user(client, scene, "outsider"), dossier, "submit")
    assert (response.status_code, state_of(dossier)) == (404, before)


def test_an_unknown_transition_is_not_found(client, scene):
    dossier = draft(scene)
    assert transition(as_user(client, scene, "head"), dossier, "publish").status_code == 404
    assert transition(as_user(client, scene, "head"), dossier, "approve").status_code == 404


def test_a_transition_by_get_is_not_allowed(client, scene):
    dossier = draft(scene)
    path = reverse("dossiers:transition", args=[dossier.pk, "submit"])
    assert as_user(client, scene, "head").get(path).status_code == 405


def test_submit_with_missing_documents_is_refused_naming_them_and_changes_nothing(client, scene):
    dossier = draft(scene, documents=False)
    before = state_of(dossier)
    response = transition(as_user(client, scene, "head"), dossier, "submit")
    shown = messages_of(response)
    assert "Tài liệu: Hồ sơ còn thiếu tài liệu:" in shown
    assert "Tài liệu: Thiếu “Tờ trình đề nghị khen thưởng”." in shown
    assert state_of(dossier) == before


def test_submit_moves_the_dossier_and_says_who_was_told(client, scene):
    dossier = draft(scene)
    response = transition(as_user(client, scene, "head"), dossier, "submit")
    assert fresh(dossier).state == DossierState.SUBMITTED
    assert "Đã trình hồ sơ; Chủ tịch UBND thành phố Hải Phòng đã được thông báo." in messages_of(response)
    assert response.redirect_chain == [(f"/app/dossiers/{dossier.pk}/", 302)]


def test_a_stale_version_is_refused_and_changes_nothing(client, scene):
    dossier = draft(scene)
    before = state_of(dossier)
    response = transition(as_user(client, scene, "head"), dossier, "submit", version=dossier.version - 1)
    assert any("vừa được người khác cập nhật" in message for message in messages_of(response))
    assert state_of(dossier) == before


def test_withdraw_needs_a_reason(client, scene):
    dossier = draft(scene)
    before = state_of(dossier)
    response = transition(as_user(client, scene, "head"), dossier, "withdraw", reason="  ")
    assert "Lý do: Nhập lý do để “Rút hồ sơ”." in messages_of(response)
    assert state_of(dossier) == before


def test_return_a_dossier_without_returned_entries_or_reason_is_refused(client, scene):
    dossier = submitted(scene)
    before = state_of(dossier)
    response = transition(as_user(client, scene, "board"), dossier, "return")
    assert any(message.startswith("Lý do: ") for message in messages_of(response))
    assert state_of(dossier) == before


def test_receive_by_the_unit_head_is_forbidden(client, scene):
    dossier = submitted(scene)
    assert transition(as_user(client, scene, "head"), dossier, "receive").status_code == 403
    assert fresh(dossier).state == DossierState.SUBMITTED


def test_the_board_receives_a_submitted_dossier(client, scene):
    dossier = submitted(scene)
    response = transition(as_user(client, scene, "board"), dossier, "receive")
    assert (fresh(dossier).state, "Đã tiếp nhận hồ sơ." in messages_of(response)) == (DossierState.RECEIVED, True)


def test_assign_by_a_board_officer_is_forbidden(client, scene):
    dossier = submitted(scene)
    assert transition(as_user(client, scene, "board"), dossier, "assign").status_code == 403


def test_the_board_head_assigns_an_officer_by_hand_or_automatically(client, scene):
    dossier = submitted(scene)
    as_user(client, scene, "board_head")
    response = transition(client, dossier, "assign", officer=scene.users["board2"].pk)
    assert fresh(dossier).assignee == scene.users["board2"]
    assert "Đã phân công Đinh Văn Toàn thẩm định hồ sơ." in messages_of(response)
    transition(client, dossier, "assign", officer="")
    assert fresh(dossier).assignee is not None


def test_assigning_someone_outside_the_board_is_refused(client, scene):
    dossier = submitted(scene)
    response = transition(as_user(client, scene, "board_head"), dossier, "assign", officer=scene.users["head"].pk)
    assert fresh(dossier).assignee is None
    assert any(message.startswith("Cán bộ thẩm định: ") for message in messages_of(response))


# --- Entry transitions ----------------------------------------------------------------------------------------


def test_return_entry_with_a_reason_then_return_the_dossier(client, scene):
    dossier = submitted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    hoa = entry_of(dossier)
    as_user(client, scene, "board")
    response = entry_transition(client, hoa, "return_entry", reason="Thiếu xác nhận của địa phương.")
    assert response.redirect_chain == [(f"/app/dossiers/{dossier.pk}/#entry-{hoa.pk}", 302)]
    transition(client, dossier, "return")
    hoa.refresh_from_db()
    assert (hoa.state, hoa.return_reason, fresh(dossier).state) == (
        EntryState.RETURNED,
        "Thiếu xác nhận của địa phương.",
        DossierState.RETURNED,
    )


def test_return_entry_without_a_reason_names_the_field_and_changes_nothing(client, scene):
    dossier = submitted(scene)
    before = state_of(dossier)
    response = entry_transition(as_user(client, scene, "board"), entry_of(dossier), "return_entry", reason="")
    assert "Lý do: Nhập lý do để “Trả lại đề nghị để bổ sung”." in messages_of(response)
    assert state_of(dossier) == before


def test_return_entry_by_the_unit_is_forbidden_and_out_of_scope_is_not_found(client, scene):
    dossier = submitted(scene)
    entry = entry_of(dossier)
    assert entry_transition(as_user(client, scene, "head"), entry, "return_entry", reason="x").status_code == 403
    assert entry_transition(as_user(client, scene, "outsider"), entry, "return_entry", reason="x").status_code == 404


def test_steps_with_their_own_page_are_not_buttons(client, scene):
    dossier = received(scene)
    for code in ("appraise", "consult", "vote", "forward", "submit"):
        assert entry_transition(as_user(client, scene, "board_head"), entry_of(dossier), code).status_code == 404


def test_the_returned_entry_is_fixed_and_the_dossier_resubmitted_showing_what_changed(client, scene):
    dossier = returned(scene)
    hoa = entry_of(dossier)
    as_user(client, scene, "officer")
    edit = reverse("dossiers:entry-edit", args=[hoa.pk])
    response = client.post(edit, {"achievement": "Thành tích đã bổ sung xác nhận.", "posthumous": "",
                                  "own_council_votes_for": "", "version": fresh(dossier).version})  # fmt: skip
    assert response.status_code == 302
    client.post(reverse("dossiers:attachment-add", args=[dossier.pk]),
                {"doc-document_kind": scene.documents["bao_cao_thanh_tich"].pk, "doc-entry": hoa.pk,
                 "doc-file": pdf_upload("bao-cao-bo-sung.pdf"), "doc-title": "Báo cáo bổ sung"})  # fmt: skip
    response = transition(as_user(client, scene, "head"), dossier, "resubmit")
    assert "Đã trình lại hồ sơ." in messages_of(response)
    html = response.content.decode()
    timeline = html[html.index('id="timeline"') :]
    assert "<strong>Trình lại hồ sơ</strong>" in timeline
    assert "Nguyễn Thị Hoa: sửa tóm tắt thành tích; thêm tài liệu" in timeline
    assert (entry_of(dossier).state, fresh(dossier).state) == (EntryState.PROPOSED, DossierState.SUBMITTED)


def test_reject_needs_a_reason_and_approve_is_for_the_board_head(client, scene):
    dossier = appraised(scene)
    entry = entry_of(dossier)
    assert entry_transition(as_user(client, scene, "board"), entry, "approve").status_code == 403
    response = entry_transition(as_user(client, scene, "board_head"), entry, "reject", reason="")
    assert "Lý do: Nhập lý do để “Không duyệt đề nghị”." in messages_of(response)
    response = entry_transition(client, entry, "approve")
    entry.refresh_from_db()
    assert entry.state == EntryState.APPROVED
    assert "Đã duyệt đề nghị “Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố”." in messages_of(response)


def test_approve_is_refused_when_the_council_has_not_voted(client, scene):
    dossier = appraised(scene, ((HOA, "CSTD_TINH"),))
    before = state_of(dossier)
    response = entry_transition(as_user(client, scene, "board_head"), entry_of(dossier), "approve")
    assert any("cần Hội đồng Thi đua - Khen thưởng bỏ phiếu" in message for message in messages_of(response))
    assert state_of(dossier) == before


def test_the_entry_row_offers_approve_for_what_the_authority_grants_and_forward_for_the_rest(client, scene):
    dossier = appraised(scene, ((HOA, "BK_TINH"),))
    html = page(as_user(client, scene, "board_head"), reverse("dossiers:detail", args=[dossier.pk]))
    assert f'action="/app/dossier-entries/{entry_of(dossier).pk}/do/approve/"' in html
    assert f'action="/app/dossiers/{dossier.pk}/forward/"' not in html


def test_forward_by_a_board_officer_is_forbidden(client, scene):
    dossier = appraised(scene, ((HOA, "BK_TTG"),))
    response = as_user(client, scene, "board").post(
        reverse("dossiers:forward", args=[dossier.pk]), {"entries": [entry_of(dossier).pk]}
    )
    assert response.status_code == 403


def test_forward_refused_before_the_council_voted_names_the_entry_and_changes_nothing(client, scene):
    dossier = appraised(scene, ((HOA, "BK_TTG"),))
    before = state_of(dossier)
    response = as_user(client, scene, "board_head").post(
        reverse("dossiers:forward", args=[dossier.pk]), {"entries": [entry_of(dossier).pk]}, follow=True
    )
    assert any("Nguyễn Thị Hoa" in message for message in messages_of(response))
    assert state_of(dossier) == before


def test_forward_without_entries_says_so(client, scene):
    dossier = appraised(scene, ((HOA, "BK_TTG"),))
    response = as_user(client, scene, "board_head").post(reverse("dossiers:forward", args=[dossier.pk]), follow=True)
    assert "Đề nghị: chọn ít nhất một đề nghị để trình cấp trên." in messages_of(response)


def test_close_is_refused_while_entries_are_pending(client, scene):
    dossier = appraised(scene)
    before = state_of(dossier)
    response = transition(as_user(client, scene, "board_head"), dossier, "close")
    assert any(message.startswith("Đề nghị: Chưa thể kết thúc hồ sơ") for message in messages_of(response))
    assert state_of(dossier) == before


# --- Entries --------------------------------------------------------------------------------------------------


def entry_data(scene, **fields):
    return {"entry-person": scene.people[BINH].pk, "entry-unit": "", "entry-award_type": scene.awards["BK_TINH"].pk,
            "entry-achievement": "Hoàn thành xuất sắc nhiệm vụ.", **fields}  # fmt: skip


def test_entry_add_anonymous_is_sent_to_login(client, scene):
    dossier = draft(scene)
    path = reverse("dossiers:entry-add", args=[dossier.pk])
    response = client.post(path, entry_data(scene))
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_entry_add_by_the_board_is_forbidden_and_out_of_scope_not_found(client, scene):
    dossier = draft(scene)
    path = reverse("dossiers:entry-add", args=[dossier.pk])
    assert as_user(client, scene, "board").post(path, entry_data(scene)).status_code == 403
    assert as_user(client, scene, "outsider").post(path, entry_data(scene)).status_code == 404
    assert dossier.entries.count() == 1


def test_entry_add_puts_the_person_into_the_draft(client, scene):
    dossier = draft(scene)
    response = as_user(client, scene, "officer").post(reverse("dossiers:entry-add", args=[dossier.pk]),
                                                      entry_data(scene, **{"entry-posthumous": "on"}))  # fmt: skip
    entry = entry_of(dossier, BINH)
    assert (response.status_code, entry.award_type, entry.posthumous) == (302, scene.awards["BK_TINH"], True)


def test_entry_add_needs_one_nominee(client, scene):
    dossier = draft(scene)
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:entry-add", args=[dossier.pk]),
        entry_data(scene, **{"entry-unit": scene.units["an_bien"].pk}),
    )
    assert response.context["form"].errors["unit"] == ["Chỉ chọn cá nhân hoặc tập thể, không chọn cả hai."]
    assert dossier.entries.count() == 1


def test_entry_add_twice_shows_the_service_error_on_the_award_field(client, scene):
    dossier = draft(scene)
    data = entry_data(scene, **{"entry-person": scene.people[HOA].pk})
    response = as_user(client, scene, "officer").post(reverse("dossiers:entry-add", args=[dossier.pk]), data)
    assert response.context["form"].errors["award_type"] == [
        "“Nguyễn Thị Hoa” đã được đề nghị “Bằng khen của Chủ tịch UBND thành phố” trong hồ sơ này."
    ]


def test_entry_add_to_a_submitted_dossier_is_refused(client, scene):
    dossier = submitted(scene)
    response = as_user(client, scene, "head").post(reverse("dossiers:entry-add", args=[dossier.pk]),
                                                   entry_data(scene))  # fmt: skip
    assert response.status_code == 200
    assert "chỉ sửa được hồ sơ dự thảo" in " ".join(response.context["form"].non_field_errors())
    assert dossier.entries.count() == 1


def test_entry_edit_by_the_board_is_forbidden(client, scene):
    dossier = draft(scene)
    assert (
        as_user(client, scene, "board").get(reverse("dossiers:entry-edit", args=[entry_of(dossier).pk])).status_code
        == 403
    )


def test_entry_edit_of_a_submitted_entry_shows_why_and_changes_nothing(client, scene):
    dossier = submitted(scene)
    before = state_of(dossier)
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:entry-edit", args=[entry_of(dossier).pk]),
        {"achievement": "Sửa sau khi trình.", "version": fresh(dossier).version},
    )
    assert response.status_code == 200
    assert "Chỉ sửa được đề nghị khi hồ sơ là dự thảo" in " ".join(response.context["form"].non_field_errors())
    assert state_of(dossier) == before


def test_entry_remove_from_a_draft(client, scene):
    dossier = draft(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    response = as_user(client, scene, "officer").post(reverse("dossiers:entry-remove", args=[entry_of(dossier).pk]))
    assert (response.status_code, dossier.entries.count()) == (302, 1)


# --- Documents and the unit's council -------------------------------------------------------------------------


def upload_data(scene, upload, **fields):
    return {"doc-document_kind": scene.documents["to_trinh"].pk, "doc-entry": "", "doc-file": upload,
            "doc-title": "", **fields}  # fmt: skip


def test_attachment_add_stores_the_document_on_the_timeline(client, scene):
    dossier = draft(scene, documents=False)
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:attachment-add", args=[dossier.pk]),
        upload_data(scene, pdf_upload("Tờ trình.pdf")),
        follow=True,
    )
    attachment = DossierAttachment.objects.get()
    assert response.redirect_chain == [(f"/app/dossiers/{dossier.pk}/#documents", 302)]
    assert (attachment.document_kind, attachment.file.kind) == (scene.documents["to_trinh"], "pdf")
    assert "<strong>Thêm tài liệu</strong>" in response.content.decode()


def test_a_refused_upload_names_the_file_and_leaves_nothing(client, scene):
    dossier = draft(scene, documents=False)
    before = state_of(dossier)
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:attachment-add", args=[dossier.pk]),
        upload_data(scene, fake_pdf("to-trinh.pdf")),
        follow=True,
    )
    assert any(message.startswith("Tệp: Tệp “to-trinh.pdf” không phải là loại được phép") for message in
               messages_of(response))  # fmt: skip
    assert state_of(dossier) == before


def test_attachment_add_by_the_board_to_a_draft_is_forbidden(client, scene):
    dossier = draft(scene, documents=False)
    response = as_user(client, scene, "board").post(
        reverse("dossiers:attachment-add", args=[dossier.pk]), upload_data(scene, pdf_upload())
    )
    assert (response.status_code, DossierAttachment.objects.count()) == (403, 0)


def test_attachment_download_in_scope_only(client, scene):
    dossier = draft(scene, documents=False)
    attachment = attach(scene, dossier, "to_trinh", name="to-trinh.pdf")
    url = reverse("dossiers:attachment", args=[attachment.pk])
    response = as_user(client, scene, "officer").get(url)
    assert (response.status_code, b"".join(response.streaming_content)[:5]) == (200, b"%PDF-")
    assert as_user(client, scene, "outsider").get(url).status_code == 404


def test_attachment_remove_by_the_unit_while_it_holds_the_dossier(client, scene):
    dossier = draft(scene, documents=False)
    attachment = attach(scene, dossier, "to_trinh")
    url = reverse("dossiers:attachment-remove", args=[attachment.pk])
    assert as_user(client, scene, "board").post(url).status_code == 403
    assert as_user(client, scene, "officer").post(url).status_code == 302
    assert DossierAttachment.objects.count() == 0


def test_package_of_a_dossier_without_one_is_not_found(client, scene):
    dossier = draft(scene)
    assert as_user(client, scene, "officer").get(reverse("dossiers:package", args=[dossier.pk])).status_code == 404


def council_data(**fields):
    return {"council-met_on": "10/01/2025", "council-members": "7", "council-present": "6",
            "council-notes": "Thống nhất đề nghị.", "council-version": "", **fields}  # fmt: skip


def test_own_council_is_recorded_by_the_unit(client, scene):
    dossier = draft(scene, kind=DossierKind.YEAR_END)
    response = as_user(client, scene, "officer").post(reverse("dossiers:own-council", args=[dossier.pk]),
                                                      council_data(), follow=True)  # fmt: skip
    dossier = fresh(dossier)
    assert (dossier.own_council_met_on, dossier.own_council_members, dossier.own_council_present) == (
        dt.date(2025, 1, 10),
        7,
        6,
    )
    assert "Đã ghi kết quả họp Hội đồng TĐKT của đơn vị." in messages_of(response)


def test_own_council_with_more_present_than_members_names_the_field(client, scene):
    dossier = draft(scene, kind=DossierKind.YEAR_END)
    response = as_user(client, scene, "officer").post(
        reverse("dossiers:own-council", args=[dossier.pk]), council_data(**{"council-present": "9"}), follow=True
    )
    assert "Số thành viên dự họp: Số thành viên dự họp không được lớn hơn số thành viên Hội đồng." in messages_of(
        response
    )
    assert fresh(dossier).own_council_met_on is None


def test_own_council_by_the_board_is_forbidden(client, scene):
    dossier = draft(scene)
    response = as_user(client, scene, "board").post(reverse("dossiers:own-council", args=[dossier.pk]), council_data())
    assert response.status_code == 403


# --- Appraisal ------------------------------------------------------------------------------------------------


def checklist(ok: str = "yes", **fields) -> dict:
    data = {f"ok_{item}": ok for item in CheckItem.values}
    data.update({f"note_{item}": "" for item in CheckItem.values})
    return {**data, "recommendation": "", "notes": "", "version": "", **fields}


def test_appraise_page_anonymous_wrong_role_and_out_of_scope(client, scene):
    dossier = received(scene)
    path = reverse("dossiers:entry-appraise", args=[entry_of(dossier).pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))
    assert as_user(client, scene, "head").get(path).status_code == 403
    assert as_user(client, scene, "outsider").get(path).status_code == 404


def test_appraise_page_shows_what_the_system_found_for_each_item(client, scene):
    dossier = received(scene)
    html = page(as_user(client, scene, "board"), reverse("dossiers:entry-appraise", args=[entry_of(dossier).pk]))
    for item in CheckItem:
        assert f"<legend>{item.label}</legend>" in html
    assert "Đủ thành phần hồ sơ." in html


def test_saving_the_checklist_keeps_the_findings_without_appraising(client, scene):
    dossier = received(scene)
    entry = entry_of(dossier)
    response = as_user(client, scene, "board").post(
        reverse("dossiers:entry-appraise", args=[entry.pk]), {**checklist(), "action": "save"}
    )
    assert (response.status_code, response["Location"]) == (302, f"/app/dossier-entries/{entry.pk}/appraise/")
    assert EntryCheck.objects.filter(entry=entry, ok=True).count() == len(CheckItem.values)
    entry.refresh_from_db()
    assert entry.state == EntryState.PROPOSED


def test_appraising_with_unchecked_items_names_them_and_changes_nothing(client, scene):
    dossier = received(scene)
    entry = entry_of(dossier)
    data = checklist(recommendation=Recommendation.PROPOSE, action="appraise")
    data["ok_discipline"] = ""
    response = as_user(client, scene, "board").post(reverse("dossiers:entry-appraise", args=[entry.pk]), data)
    errors = " ".join(response.context["form"].non_field_errors())
    assert "chưa kiểm tra xong: Kỷ luật" in errors
    entry.refresh_from_db()
    assert (entry.state, EntryCheck.objects.filter(entry=entry, ok__isnull=False).count()) == (EntryState.PROPOSED, 0)


def test_appraising_needs_a_recommendation(client, scene):
    dossier = received(scene)
    entry = entry_of(dossier)
    response = as_user(client, scene, "board").post(reverse("dossiers:entry-appraise", args=[entry.pk]),
                                                    {**checklist(), "action": "appraise"})  # fmt: skip
    assert response.context["form"].errors["recommendation"] == ["Chọn ý kiến thẩm định để hoàn thành thẩm định."]


def test_appraising_records_the_checklist_and_the_recommendation(client, scene):
    dossier = received(scene)
    entry = entry_of(dossier)
    response = as_user(client, scene, "board").post(
        reverse("dossiers:entry-appraise", args=[entry.pk]),
        {**checklist(recommendation=Recommendation.PROPOSE, notes="Đủ điều kiện."), "action": "appraise"},
        follow=True,
    )
    entry.refresh_from_db()
    assert (entry.state, entry.recommendation, entry.appraisal_notes) == (
        EntryState.APPRAISED,
        Recommendation.PROPOSE,
        "Đủ điều kiện.",
    )
    html = response.content.decode()
    assert "Thành phần hồ sơ: Đạt" in html  # the checklist on the timeline
    assert "<strong>Thẩm định</strong>" in html


def test_a_checked_entry_page_is_read_only_once_appraised(client, scene):
    dossier = received(scene)
    entry = entry_of(dossier)
    check_all(entry)
    workflow.appraise(entry, by=scene.users["board"], recommendation=Recommendation.PROPOSE)
    as_user(client, scene, "board")
    html = page(client, reverse("dossiers:entry-appraise", args=[entry.pk]))
    assert "Hoàn thành thẩm định" not in html
    response = client.post(reverse("dossiers:entry-appraise", args=[entry.pk]), checklist(), follow=True)
    assert "Chỉ thẩm định đề nghị ở trạng thái “Đề nghị” của hồ sơ đã tiếp nhận." in messages_of(response)


# --- Pages: phone and accessibility ---------------------------------------------------------------------------


def test_pages_have_no_inline_script_or_style(client, scene):
    import re

    dossier = received(scene)
    as_user(client, scene, "board")
    for url in (reverse("dossiers:outbox"), reverse("dossiers:inbox"), reverse("dossiers:detail", args=[dossier.pk]),
                reverse("dossiers:entry-appraise", args=[entry_of(dossier).pk])):  # fmt: skip
        html = page(client, url)
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|<style", html) == [], url


def test_the_form_pages_render_for_those_who_may_use_them(client, scene):
    dossier = draft(scene)
    as_user(client, scene, "officer")
    for url in (reverse("dossiers:create"), reverse("dossiers:year-end"),
                reverse("dossiers:entry-add", args=[dossier.pk]),
                reverse("dossiers:entry-edit", args=[entry_of(dossier).pk])):  # fmt: skip
        html = page(client, url)
        assert '<form method="post"' in html, url


def test_every_form_field_of_the_dossier_page_has_a_label(client, scene):
    import re

    dossier = draft(scene)
    html = page(as_user(client, scene, "head"), reverse("dossiers:detail", args=[dossier.pk]))
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    ids = [re.search(r'\bid="([^"]+)"', tag).group(1) for tag in fields if 'type="hidden"' not in tag]
    unlabelled = [field_id for field_id in ids if f'for="{field_id}"' not in html]
    assert (unlabelled, len(ids) > 10) == ([], True)


def test_entries_of_another_dossier_kind_are_listed_with_their_state(client, scene):
    dossier = submitted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    entry = entry_of(dossier, BINH)
    workflow.return_entry(entry, by=scene.users["board"], reason="Bổ sung xác nhận.")
    html = page(as_user(client, scene, "officer"), reverse("dossiers:detail", args=[dossier.pk]))
    row = html[html.index(f'<tr id="entry-{entry.pk}">') :]
    row = row[: row.index("</tr>")]
    assert "Trả lại để bổ sung" in row
    assert "Lý do trả lại:</strong> Bổ sung xác nhận." in row
    assert DossierEntry.objects.filter(dossier=dossier).count() == 2


# --- Forwarding and the centre's answer -----------------------------------------------------------------------


def test_the_district_board_head_forwards_a_city_award_to_the_city(client, scene, district_head):
    dossier, [entry] = ward_dossier(scene)
    client.force_login(district_head)
    html = page(client, reverse("dossiers:detail", args=[dossier.pk]))
    assert f'action="/app/dossiers/{dossier.pk}/forward/"' in html
    response = client.post(reverse("dossiers:forward", args=[dossier.pk]), {"entries": [entry.pk]}, follow=True)
    upper = Dossier.objects.get(forwarded_from=dossier)
    entry.refresh_from_db()
    assert (entry.state, upper.authority, upper.state) == (
        EntryState.FORWARDED,
        scene.city_authority,
        DossierState.SUBMITTED,
    )
    assert "Đã trình 1 đề nghị lên Chủ tịch UBND thành phố Hải Phòng." in messages_of(response)
    assert f'<a href="/app/dossiers/{upper.pk}/">' in response.content.decode()


def test_forwarding_outside_builds_the_package_and_the_board_records_the_answer(client, scene):
    dossier, [entry] = district_dossier(scene)
    attach_both_formats(dossier, [entry], scene=scene)
    as_user(client, scene, "board_head").post(reverse("dossiers:forward", args=[dossier.pk]), {"entries": [entry.pk]})
    upper = Dossier.objects.get(forwarded_from=dossier)
    package = client.get(reverse("dossiers:package", args=[upper.pk]))
    assert (package.status_code, b"".join(package.streaming_content)[:2]) == (200, b"PK")
    html = page(client, reverse("dossiers:detail", args=[dossier.pk]))
    assert "Đã trình Thủ tướng Chính phủ" in html
    assert f'action="/app/dossier-entries/{entry.pk}/do/record_decision/"' in html

    response = entry_transition(client, entry, "record_decision", reference="", on="")
    assert "Số, ký hiệu văn bản: Nhập số, ký hiệu văn bản trả lời của cấp trên." in messages_of(response)
    response = entry_transition(client, entry, "record_decision", reference="QĐ số 123/QĐ-TTg", on="02/03/2025")
    entry.refresh_from_db()
    assert (entry.state, entry.outcome_reference, entry.outcome_on) == (
        EntryState.DECIDED,
        "QĐ số 123/QĐ-TTg",
        dt.date(2025, 3, 2),
    )
    assert "Văn bản của cấp trên: QĐ số 123/QĐ-TTg, ngày 02/03/2025" in response.content.decode()


def test_recording_the_answer_is_for_the_board(client, scene):
    dossier, [entry] = district_dossier(scene)
    attach_both_formats(dossier, [entry], scene=scene)
    as_user(client, scene, "board_head").post(reverse("dossiers:forward", args=[dossier.pk]), {"entries": [entry.pk]})
    response = entry_transition(as_user(client, scene, "member1"), entry, "record_refusal", reference="x", on="")
    assert response.status_code == 403
