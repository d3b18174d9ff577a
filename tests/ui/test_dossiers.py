"""Draft dossier pages: the list (the unit's outbox since issue 5), one dossier with its entries and their sources,
removing an entry, and the two actions that make entries from the movements app ("Đưa vào hồ sơ đề nghị" on an
accepted exemplary model, "Đề xuất khen thưởng" on a locked score sheet); the permission cases of each (anonymous,
wrong role, out of scope, right role in scope); and the whole cluster path through the UI, from opening a sheet to
the entries on the dossier."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from thidua.catalog.models import RecipientKind
from thidua.dossiers import services as dossier_services
from thidua.dossiers.enums import EntrySource
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.movements import exemplary, scoring, services
from thidua.movements.enums import AwardLevel, ExemplaryKind, ExemplaryState, MilestoneKind, MovementKind, SheetState
from thidua.orgs.models import ClusterMembership, ClusterRole

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


@pytest.fixture
def individual_award(db):
    return AwardTypeFactory(code="BK_TP", name="Bằng khen của Chủ tịch UBND thành phố",
                            recipient_kinds=[RecipientKind.INDIVIDUAL])  # fmt: skip


@pytest.fixture
def flag(db):
    return AwardTypeFactory(code="CO_TP", name="Cờ thi đua của UBND thành phố",
                            recipient_kinds=[RecipientKind.COLLECTIVE])  # fmt: skip


@pytest.fixture
def movement(city, individual_award, flag):
    """The city's launched movement: two scored criteria, an individual award and the cluster flag."""
    movement = services.create_movement(
        by=None, issuer_unit=city["root"], title="Phong trào “Mục tiêu kép”", kind=MovementKind.THEMATIC,
        period_start=dt.date(2021, 10, 1), period_end=dt.date(2022, 12, 31),
        contents=[{"title": "Thi đua phòng, chống dịch"}],
        milestones=[{"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2021, 10, 31)}],
        criteria=[{"code": "1", "text": "Phòng, chống dịch", "max_points": Decimal("10")},
                  {"code": "2", "text": "Phát triển kinh tế", "max_points": Decimal("10")}],
        awards=[{"level": AwardLevel.PROVINCE, "award_type": individual_award},
                {"level": AwardLevel.PROVINCE, "award_type": flag}],
        scope={"mode": "subtree"},
    )  # fmt: skip
    return services.launch_movement(movement, by=None)


@pytest.fixture
def city_board(city):
    return user_with_role("board_officer", city["root"], username="ban.thanhpho", full_name="Lê Quang Huy")


@pytest.fixture
def thuy_nguyen_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen", full_name="Vũ Văn Nam")


@pytest.fixture
def accepted(city, movement, le_chan_officer, le_chan_person, city_board):
    """An accepted model of Lê Chân about one of its people."""
    model = exemplary.submit_exemplary_model(
        by=le_chan_officer, proposing_unit=city["le_chan"], kind=ExemplaryKind.GOOD_DEED,
        title="Tổ tình nguyện đi chợ hộ", story="Giúp người dân khu phong tỏa.", movement=movement,
        subject_person=le_chan_person,
    )  # fmt: skip
    return exemplary.review_exemplary_model(model, by=city_board, state=ExemplaryState.ACCEPTED)


@pytest.fixture
def entry(accepted, le_chan_officer, individual_award):
    return dossier_services.entry_from_exemplary_model(accepted, by=le_chan_officer, award_type=individual_award)


@pytest.fixture
def cluster(city):
    """The wards of Lê Chân in 2025, organised by the district: An Biên leads, Trại Cau is a member."""
    city["trai_cau"] = OrgUnitFactory(code="HP-LC-TC", name="Phường Trại Cau", kind=city["an_bien"].kind,
                                      parent=city["le_chan"])  # fmt: skip
    cluster = ClusterFactory(name="Cụm thi đua các phường Lê Chân", organiser=city["le_chan"])
    ClusterMembership.objects.create(cluster=cluster, unit=city["an_bien"], year=2025, role=ClusterRole.LEADER)
    ClusterMembership.objects.create(cluster=cluster, unit=city["trai_cau"], year=2025)
    return cluster


@pytest.fixture
def sheet(cluster, movement, flag):
    return scoring.create_score_sheet(by=None, cluster=cluster, year=2025, movement=movement, flag_count=1,
                                      flag_award_type=flag)  # fmt: skip


@pytest.fixture
def locked(sheet, city):
    """The sheet scored (An Biên 18, Trại Cau 12), published and locked: An Biên is proposed for the flag."""
    scoring.open_scoring(sheet, by=None)
    for unit, points in ((city["an_bien"], "9"), (city["trai_cau"], "6")):
        member = sheet.members.get(unit=unit)
        for criterion in sheet.criteria.all():
            scoring.score(sheet, by=None, member=member, criterion=criterion, scorer_unit=unit, points=points)
        scoring.submit_scores(sheet, by=None, scorer_unit=unit)
    scoring.publish_sheet(sheet, by=None)
    return scoring.lock_sheet(sheet, by=None)


@pytest.fixture
def an_bien_officer(city):
    return user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà")


@pytest.fixture
def trai_cau_officer(city, cluster):
    return user_with_role("unit_officer", city["trai_cau"], username="canbo.traicau", full_name="Đỗ Văn Cầu")


# --- List -----------------------------------------------------------------------------------------------------


def test_dossier_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("dossiers:list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/dossiers/"))


def test_dossier_list_without_role_shows_none(no_role_client, entry):
    html = no_role_client.get(reverse("dossiers:list")).content.decode()
    assert (entry.dossier.title in html, "Không có hồ sơ nào trong phạm vi của bạn." in html) == (False, True)


def test_dossier_list_of_another_district_shows_none(client, entry, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert entry.dossier.title not in client.get(reverse("dossiers:list")).content.decode()


def test_dossier_list_shows_the_units_drafts_with_entry_counts(officer_client, entry):
    html = officer_client.get(reverse("dossiers:list")).content.decode()
    assert f'<a href="/app/dossiers/{entry.dossier_id}/">{entry.dossier.title}</a>' in html
    assert '<td data-label="Số đề nghị" class="num">1</td>' in html


@pytest.mark.parametrize("rows", [1, 3])
def test_dossier_list_query_count(officer_client, city, le_chan_officer, rows, django_assert_num_queries):
    award = AwardTypeFactory(recipient_kinds=[RecipientKind.COLLECTIVE])
    for year in range(2020, 2020 + rows):
        dossier = dossier_services.draft_dossier_for(city["le_chan"], by=le_chan_officer, kind="tong_ket_nam",
                                                     year=year)  # fmt: skip
        dossier_services.add_entry(dossier, by=le_chan_officer, award_type=award, unit=city["an_bien"])
    with django_assert_num_queries(7):
        response = officer_client.get(reverse("dossiers:list"))
    assert len(response.context["page"]) == rows


# --- Detail ---------------------------------------------------------------------------------------------------


def test_dossier_detail_anonymous_is_sent_to_login(client, entry):
    path = reverse("dossiers:detail", args=[entry.dossier_id])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_dossier_detail_of_another_district_is_not_found(client, entry, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert client.get(reverse("dossiers:detail", args=[entry.dossier_id])).status_code == 404


def test_dossier_detail_lists_the_entries_with_their_source(officer_client, entry, accepted):
    response = officer_client.get(reverse("dossiers:detail", args=[entry.dossier_id]))
    html = response.content.decode()
    assert (response.status_code, "Nguyễn Thị Hoa" in html, "Bằng khen của Chủ tịch UBND thành phố" in html) == (
        200,
        True,
        True,
    )
    assert f'Từ mô hình, điển hình: <a href="/app/exemplary-models/{accepted.pk}/">Tổ tình nguyện đi chợ hộ</a>' in html
    assert f'action="/app/dossier-entries/{entry.pk}/remove/"' in html


def test_dossier_detail_hides_the_remove_button_from_the_board(viewer_client, entry):
    html = viewer_client.get(reverse("dossiers:detail", args=[entry.dossier_id])).content.decode()
    assert ("Nguyễn Thị Hoa" in html, "/remove/" in html) == (True, False)


# --- Remove an entry ------------------------------------------------------------------------------------------


def test_entry_remove_anonymous_is_sent_to_login(client, entry):
    path = reverse("dossiers:entry-remove", args=[entry.pk])
    response = client.post(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_entry_remove_by_the_board_is_forbidden(viewer_client, entry):
    response = viewer_client.post(reverse("dossiers:entry-remove", args=[entry.pk]))
    assert (response.status_code, DossierEntry.objects.count()) == (403, 1)


def test_entry_remove_of_another_district_is_not_found(client, entry, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    response = client.post(reverse("dossiers:entry-remove", args=[entry.pk]))
    assert (response.status_code, DossierEntry.objects.count()) == (404, 1)


def test_entry_remove_takes_the_entry_out(officer_client, entry):
    response = officer_client.post(reverse("dossiers:entry-remove", args=[entry.pk]), follow=True)
    html = response.content.decode()
    assert (DossierEntry.objects.count(), "Hồ sơ chưa có đề nghị nào." in html) == (0, True)
    assert "Đã bỏ đề nghị “Nguyễn Thị Hoa: Bằng khen của Chủ tịch UBND thành phố” khỏi hồ sơ." in html


def test_entry_remove_get_is_not_allowed(officer_client, entry):
    assert officer_client.get(reverse("dossiers:entry-remove", args=[entry.pk])).status_code == 405


# --- From an exemplary model ----------------------------------------------------------------------------------


def test_entry_from_model_anonymous_is_sent_to_login(client, accepted, individual_award):
    path = reverse("dossiers:entry-from-model", args=[accepted.pk])
    response = client.post(path, {"entry-award_type": individual_award.pk})
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_entry_from_model_by_a_district_board_is_forbidden(viewer_client, accepted, individual_award):
    response = viewer_client.post(reverse("dossiers:entry-from-model", args=[accepted.pk]),
                                  {"entry-award_type": individual_award.pk})  # fmt: skip
    assert (response.status_code, DossierEntry.objects.count()) == (403, 0)


def test_entry_from_model_of_another_district_is_not_found(client, accepted, individual_award, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    response = client.post(reverse("dossiers:entry-from-model", args=[accepted.pk]),
                           {"entry-award_type": individual_award.pk})  # fmt: skip
    assert (response.status_code, DossierEntry.objects.count()) == (404, 0)


def test_entry_from_model_lands_on_the_draft_dossier(officer_client, accepted, individual_award, city):
    response = officer_client.post(reverse("dossiers:entry-from-model", args=[accepted.pk]),
                                   {"entry-award_type": individual_award.pk})  # fmt: skip
    entry = DossierEntry.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/dossiers/{entry.dossier_id}/")
    assert (entry.dossier.unit, entry.source, entry.exemplary_model, entry.award_type) == (
        city["le_chan"],
        EntrySource.EXEMPLARY_MODEL,
        accepted,
        individual_award,
    )


def test_entry_from_model_by_the_city_board_is_allowed(client, accepted, individual_award, city_board):
    client.force_login(city_board)
    response = client.post(reverse("dossiers:entry-from-model", args=[accepted.pk]),
                           {"entry-award_type": individual_award.pk})  # fmt: skip
    assert (response.status_code, DossierEntry.objects.get().created_by) == (302, city_board)


def test_entry_from_model_refuses_an_award_the_movement_does_not_offer(officer_client, accepted):
    other = AwardTypeFactory(recipient_kinds=[RecipientKind.INDIVIDUAL])
    response = officer_client.post(reverse("dossiers:entry-from-model", args=[accepted.pk]),
                                   {"entry-award_type": other.pk}, follow=True)  # fmt: skip
    html = response.content.decode()
    assert (DossierEntry.objects.count(), "Hãy chọn một hình thức khen thưởng của phong trào" in html) == (0, True)


def test_entry_from_model_twice_names_the_first_entry(officer_client, entry, accepted, individual_award):
    response = officer_client.post(reverse("dossiers:entry-from-model", args=[accepted.pk]),
                                   {"entry-award_type": individual_award.pk}, follow=True)  # fmt: skip
    html = response.content.decode()
    assert DossierEntry.objects.count() == 1
    assert "Mô hình này đã được đề nghị: “Nguyễn Thị Hoa: Bằng khen của Chủ tịch UBND thành phố”" in html


# --- From a score sheet ---------------------------------------------------------------------------------------


def test_entries_from_sheet_anonymous_is_sent_to_login(client, locked):
    path = reverse("dossiers:entries-from-sheet", args=[locked.pk])
    response = client.post(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_entries_from_sheet_by_a_member_ward_is_forbidden(client, locked, an_bien_officer):
    client.force_login(an_bien_officer)
    response = client.post(reverse("dossiers:entries-from-sheet", args=[locked.pk]))
    assert (response.status_code, DossierEntry.objects.count()) == (403, 0)


def test_entries_from_sheet_of_another_district_is_not_found(client, locked, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    response = client.post(reverse("dossiers:entries-from-sheet", args=[locked.pk]))
    assert (response.status_code, DossierEntry.objects.count()) == (404, 0)


def test_entries_from_sheet_before_lock_shows_the_error(officer_client, sheet):
    response = officer_client.post(reverse("dossiers:entries-from-sheet", args=[sheet.pk]), follow=True)
    html = response.content.decode()
    assert (DossierEntry.objects.count(), "Chỉ tạo đề nghị từ bảng điểm đã khóa (hiện: “Dự thảo”)." in html) == (
        0,
        True,
    )


def test_entries_from_sheet_lands_on_the_organisers_dossier(officer_client, locked, city, flag):
    response = officer_client.post(reverse("dossiers:entries-from-sheet", args=[locked.pk]))
    entry = DossierEntry.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/dossiers/{entry.dossier_id}/")
    assert (entry.dossier.unit, entry.unit, entry.award_type, entry.source) == (
        city["le_chan"],
        city["an_bien"],
        flag,
        EntrySource.SCORE_SHEET,
    )


# --- The cluster path through the UI --------------------------------------------------------------------------


def test_locking_a_sheet_then_proposing_shows_the_draft_entries_on_the_dossier(
    client, sheet, city, an_bien_officer, trai_cau_officer, le_chan_officer
):
    """The leader opens the sheet, both wards score themselves and send, the leader publishes and locks, and the
    district officer proposes: the dossier page lists the ward proposed for the flag, from the sheet."""
    client.force_login(an_bien_officer)
    client.post(reverse("movements:sheet-open", args=[sheet.pk]))
    for user, unit, points in ((an_bien_officer, city["an_bien"], "9"), (trai_cau_officer, city["trai_cau"], "6,5")):
        client.force_login(user)
        member = sheet.members.get(unit=unit)
        data = {f"points_{criterion.pk}": points for criterion in sheet.criteria.all()}
        path = f"{reverse('movements:sheet-score', args=[sheet.pk, member.pk])}?as={unit.pk}"
        client.post(path, {**data, "submit": "1"})
    client.force_login(an_bien_officer)
    client.post(reverse("movements:sheet-publish", args=[sheet.pk]))
    client.post(reverse("movements:sheet-lock", args=[sheet.pk]))
    sheet.refresh_from_db()
    assert sheet.state == SheetState.LOCKED

    client.force_login(le_chan_officer)
    sheet_page = client.get(reverse("movements:sheet-detail", args=[sheet.pk])).content.decode()
    assert f'action="/app/score-sheets/{sheet.pk}/propose/"' in sheet_page
    response = client.post(reverse("dossiers:entries-from-sheet", args=[sheet.pk]), follow=True)
    html = response.content.decode()
    dossier = Dossier.objects.get()
    assert response.redirect_chain == [(f"/app/dossiers/{dossier.pk}/", 302)]
    assert "Đã đưa 1 đơn vị vào hồ sơ đề nghị khen thưởng." in html
    assert 'Phường An Biên <span class="badge">tập thể</span>' in html
    assert '<td data-label="Hình thức khen thưởng">Cờ thi đua của UBND thành phố<br>' in html
    assert (
        f'Từ kết quả chấm điểm cụm, khối: <a href="/app/score-sheets/{sheet.pk}/">Cụm thi đua các phường Lê Chân '
        "năm 2025</a>" in html
    )
    assert '<span class="muted">Xếp thứ 1/2 của Cụm thi đua các phường Lê Chân năm 2025 với 18' in html
