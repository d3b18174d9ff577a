"""Score-sheet pages: the list, creating a sheet, the members × criteria page, one member's scoring page, and the
leader's open / publish / lock buttons; the permission cases of each (anonymous, wrong role, out of scope, right
role in scope)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from thidua.catalog.models import RecipientKind
from thidua.movements import scoring, services
from thidua.movements.enums import AwardLevel, MilestoneKind, MovementKind, Proposal, ScoreKind, SheetState
from thidua.movements.models import Score, ScoreRevision, ScoreSheet
from thidua.orgs.models import ClusterMembership, ClusterRole

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


@pytest.fixture
def flag(db):
    return AwardTypeFactory(code="CO_TP", name="Cờ thi đua của UBND thành phố",
                            recipient_kinds=[RecipientKind.COLLECTIVE])  # fmt: skip


@pytest.fixture
def movement(city, flag):
    """The city's launched movement with two scored criteria of 10 points each."""
    movement = services.create_movement(
        by=None, issuer_unit=city["root"], title="Phong trào “Mục tiêu kép”", kind=MovementKind.THEMATIC,
        period_start=dt.date(2021, 10, 1), period_end=dt.date(2022, 12, 31),
        contents=[{"title": "Thi đua phòng, chống dịch"}],
        milestones=[{"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2021, 10, 31)}],
        criteria=[{"code": "1", "text": "Phòng, chống dịch", "max_points": Decimal("10")},
                  {"code": "2", "text": "Phát triển kinh tế", "max_points": Decimal("10")}],
        awards=[{"level": AwardLevel.PROVINCE, "award_type": flag}], scope={"mode": "subtree"},
    )  # fmt: skip
    return services.launch_movement(movement, by=None)


@pytest.fixture
def cluster(city):
    """The wards of Lê Chân in 2025: An Biên leads, Trại Cau is a member."""
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
def scoring_sheet(sheet):
    return scoring.open_scoring(sheet, by=None)


@pytest.fixture
def an_bien_officer(city):
    """Officer of the leading ward: scores An Biên itself and cross-scores Trại Cau; leads the cluster."""
    return user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà")


@pytest.fixture
def trai_cau_officer(city, cluster):
    return user_with_role("unit_officer", city["trai_cau"], username="canbo.traicau", full_name="Đỗ Văn Cầu")


@pytest.fixture
def thuy_nguyen_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen", full_name="Vũ Văn Nam")


def criteria_of(sheet):
    return list(sheet.criteria.order_by("position"))


def member_of(sheet, unit):
    return sheet.members.get(unit=unit)


def score_path(sheet, member, scorer) -> str:
    return f"{reverse('movements:sheet-score', args=[sheet.pk, member.pk])}?as={scorer.pk}"


def points_data(sheet, *values, **extra) -> dict:
    data = {}
    for criterion, value in zip(criteria_of(sheet), values, strict=True):
        data[f"points_{criterion.pk}"] = value
        data[f"evidence_{criterion.pk}"] = ""
    data.update(extra)
    return data


# --- List -----------------------------------------------------------------------------------------------------


def test_sheet_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:sheet-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/score-sheets/"))


def test_sheet_list_without_role_shows_none(no_role_client, sheet):
    html = no_role_client.get(reverse("movements:sheet-list")).content.decode()
    assert ("Cụm thi đua các phường Lê Chân" in html, "Không có bảng chấm điểm nào" in html) == (False, True)


def test_sheet_list_of_another_district_shows_none(client, sheet, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert "Cụm thi đua các phường Lê Chân" not in client.get(reverse("movements:sheet-list")).content.decode()


def test_sheet_list_shows_the_members_sheets(client, sheet, an_bien_officer):
    client.force_login(an_bien_officer)
    html = client.get(reverse("movements:sheet-list")).content.decode()
    assert f'<a href="/app/score-sheets/{sheet.pk}/">Cụm thi đua các phường Lê Chân</a>' in html
    assert '<td data-label="Trạng thái"><span class="badge">Dự thảo</span></td>' in html


@pytest.mark.parametrize("rows", [1, 3])
def test_sheet_list_query_count(officer_client, city, movement, rows, django_assert_num_queries):
    for index in range(rows):
        cluster = ClusterFactory(name=f"Cụm thi đua số {index}", organiser=city["le_chan"])
        for unit in (city["an_bien"], city["le_chan"]):
            ClusterMembership.objects.create(cluster=cluster, unit=unit, year=2025)
        scoring.create_score_sheet(by=None, cluster=cluster, year=2025, movement=movement)
    with django_assert_num_queries(6):
        response = officer_client.get(reverse("movements:sheet-list"))
    assert len(response.context["page"]) == rows


# --- Create ---------------------------------------------------------------------------------------------------


def test_sheet_create_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:sheet-create"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/score-sheets/new/"))


def test_sheet_create_without_a_leading_role_is_forbidden(client, city):
    client.force_login(user_with_role("media", city["le_chan"], username="baochi"))
    assert client.get(reverse("movements:sheet-create")).status_code == 403


def test_sheet_create_for_a_cluster_out_of_scope_is_refused(client, cluster, movement, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    data = {"cluster": cluster.pk, "year": 2025, "movement": movement.pk, "flag_count": 1, "certificate_count": 0}
    response = client.post(reverse("movements:sheet-create"), data)
    assert (response.status_code, ScoreSheet.objects.count()) == (200, 0)
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()


def test_sheet_create_for_a_cluster_the_user_does_not_lead_is_refused(client, cluster, movement, trai_cau_officer):
    client.force_login(trai_cau_officer)
    data = {"cluster": cluster.pk, "year": 2025, "movement": movement.pk, "flag_count": 0, "certificate_count": 0}
    response = client.post(reverse("movements:sheet-create"), data)
    assert (response.status_code, ScoreSheet.objects.count()) == (200, 0)
    assert "Bạn không phụ trách cụm, khối thi đua này trong năm đã chọn." in response.content.decode()


def test_sheet_create_builds_the_sheet_for_the_board(viewer_client, cluster, movement, flag):
    data = {"cluster": cluster.pk, "year": 2025, "movement": movement.pk, "flag_count": 1, "certificate_count": 0,
            "flag_award_type": flag.pk}  # fmt: skip
    response = viewer_client.post(reverse("movements:sheet-create"), data)
    sheet = ScoreSheet.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/score-sheets/{sheet.pk}/")
    assert (sheet.state, sheet.criteria.count(), sheet.members.count()) == (SheetState.DRAFT, 2, 2)


def test_sheet_create_shows_the_service_error(viewer_client, cluster, movement, city):
    ClusterMembership.objects.filter(cluster=cluster, unit=city["trai_cau"]).delete()
    data = {"cluster": cluster.pk, "year": 2025, "movement": movement.pk, "flag_count": 0, "certificate_count": 0}
    response = viewer_client.post(reverse("movements:sheet-create"), data)
    assert (response.status_code, ScoreSheet.objects.count()) == (200, 0)
    assert "cần ít nhất hai đơn vị thành viên để chấm điểm." in response.content.decode()


# --- Detail ---------------------------------------------------------------------------------------------------


def test_sheet_detail_anonymous_is_sent_to_login(client, sheet):
    path = reverse("movements:sheet-detail", args=[sheet.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_sheet_detail_of_another_district_is_not_found(client, sheet, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert client.get(reverse("movements:sheet-detail", args=[sheet.pk])).status_code == 404


def test_sheet_detail_shows_the_matrix_with_self_and_cross_scores(client, scoring_sheet, an_bien_officer, city):
    sheet = scoring_sheet
    first, second = criteria_of(sheet)
    an_bien, trai_cau = member_of(sheet, city["an_bien"]), member_of(sheet, city["trai_cau"])
    scoring.score(sheet, by=None, member=an_bien, criterion=first, scorer_unit=city["an_bien"], points="8")
    scoring.score(sheet, by=None, member=an_bien, criterion=second, scorer_unit=city["an_bien"], points="9")
    scoring.submit_scores(sheet, by=None, scorer_unit=city["an_bien"])
    scoring.score(sheet, by=None, member=an_bien, criterion=first, scorer_unit=city["trai_cau"], points="6.5")
    scoring.submit_scores(sheet, by=None, scorer_unit=city["trai_cau"])
    client.force_login(an_bien_officer)
    response = client.get(reverse("movements:sheet-detail", args=[sheet.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<abbr title="Tự chấm">TC</abbr> 8\n                · <abbr title="Chấm chéo">CC</abbr> 6,5 (1)' in html
    assert '<td data-label="Tổng điểm" class="num"><strong>15,5</strong></td>' in html
    assert f'href="/app/score-sheets/{sheet.pk}/members/{trai_cau.pk}/?as={city["an_bien"].pk}">Chấm chéo' in html


def test_sheet_detail_shows_the_leaders_button_to_the_leader_only(client, sheet, an_bien_officer, trai_cau_officer):
    open_form = f'action="/app/score-sheets/{sheet.pk}/open/"'
    client.force_login(an_bien_officer)
    leader_sees = open_form in client.get(reverse("movements:sheet-detail", args=[sheet.pk])).content.decode()
    client.force_login(trai_cau_officer)
    member_sees = open_form in client.get(reverse("movements:sheet-detail", args=[sheet.pk])).content.decode()
    assert (leader_sees, member_sees) == (True, False)


def test_sheet_detail_notes_a_tie_across_the_flag_cut(client, scoring_sheet, an_bien_officer, city):
    sheet = scoring_sheet
    for unit in (city["an_bien"], city["trai_cau"]):
        for criterion in criteria_of(sheet):
            scoring.score(sheet, by=None, member=member_of(sheet, unit), criterion=criterion, scorer_unit=unit,
                          points="7")  # fmt: skip
        scoring.submit_scores(sheet, by=None, scorer_unit=unit)
    scoring.publish_sheet(sheet, by=None)
    scoring.lock_sheet(sheet, by=None)
    client.force_login(an_bien_officer)
    html = client.get(reverse("movements:sheet-detail", args=[sheet.pk])).content.decode()
    assert "Các đơn vị đồng hạng vượt số lượng đề nghị Cờ thi đua:" in html
    assert "<strong>Phường An Biên</strong>, <strong>Phường Trại Cau</strong>." in html
    assert html.count('<span class="badge badge--verify">đồng hạng</span>') == 2


# --- Scoring one member ---------------------------------------------------------------------------------------


def test_sheet_score_anonymous_is_sent_to_login(client, scoring_sheet, city):
    member = member_of(scoring_sheet, city["an_bien"])
    path = reverse("movements:sheet-score", args=[scoring_sheet.pk, member.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_sheet_score_by_the_board_is_forbidden(viewer_client, scoring_sheet, city):
    member = member_of(scoring_sheet, city["an_bien"])
    assert viewer_client.get(reverse("movements:sheet-score", args=[scoring_sheet.pk, member.pk])).status_code == 403


def test_sheet_score_as_a_unit_the_user_does_not_hold_is_forbidden(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    member = member_of(scoring_sheet, city["an_bien"])
    assert client.get(score_path(scoring_sheet, member, city["trai_cau"])).status_code == 403


def test_sheet_score_of_another_district_is_not_found(client, scoring_sheet, thuy_nguyen_officer, city):
    client.force_login(thuy_nguyen_officer)
    member = member_of(scoring_sheet, city["an_bien"])
    assert client.get(reverse("movements:sheet-score", args=[scoring_sheet.pk, member.pk])).status_code == 404


def test_sheet_score_of_a_member_of_another_sheet_is_not_found(client, scoring_sheet, an_bien_officer, city, flag):
    other_movement = services.launch_movement(services.create_movement(
        by=None, issuer_unit=city["root"], title="Phong trào khác", kind=MovementKind.REGULAR,
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31), contents=[{"title": "Nội dung"}],
        milestones=[{"kind": MilestoneKind.REGISTRATION, "title": "Hạn", "due_date": dt.date(2025, 3, 1)}],
        criteria=[{"code": "1", "text": "Tiêu chí", "max_points": Decimal("5")}], scope={"mode": "subtree"},
    ), by=None)  # fmt: skip
    other = scoring.create_score_sheet(by=None, cluster=scoring_sheet.cluster, year=2025, movement=other_movement)
    client.force_login(an_bien_officer)
    stranger = member_of(other, city["an_bien"])
    assert client.get(reverse("movements:sheet-score", args=[scoring_sheet.pk, stranger.pk])).status_code == 404


def test_sheet_score_page_lists_the_leaf_criteria(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    response = client.get(score_path(scoring_sheet, member_of(scoring_sheet, city["an_bien"]), city["an_bien"]))
    html = response.content.decode()
    first, second = criteria_of(scoring_sheet)
    assert (response.status_code, "Tự chấm điểm: Phường An Biên" in html) == (200, True)
    assert (f'name="points_{first.pk}"' in html, f'name="files_{second.pk}"' in html) == (True, True)


def test_sheet_score_saves_self_scores_with_evidence(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    member = member_of(scoring_sheet, city["an_bien"])
    first, _second = criteria_of(scoring_sheet)
    data = points_data(scoring_sheet, "8", "9,5", **{f"evidence_{first.pk}": "Báo cáo số 12/BC-UBND"})
    response = client.post(score_path(scoring_sheet, member, city["an_bien"]), data)
    scores = list(Score.objects.filter(member=member).order_by("criterion__position"))
    assert (response.status_code, response["Location"]) == (302, score_path(scoring_sheet, member, city["an_bien"]))
    assert [(item.kind, item.points, item.submitted_at) for item in scores] == [
        (ScoreKind.SELF, Decimal("8.00"), None),
        (ScoreKind.SELF, Decimal("9.50"), None),
    ]
    assert scores[0].evidence == "Báo cáo số 12/BC-UBND"


def test_sheet_score_above_the_maximum_is_refused(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    member = member_of(scoring_sheet, city["an_bien"])
    response = client.post(score_path(scoring_sheet, member, city["an_bien"]), points_data(scoring_sheet, "11", ""))
    assert (response.status_code, Score.objects.filter(member=member).count()) == (200, 0)
    assert "Tiêu chí 1: điểm phải là số từ 0 đến 10." in response.content.decode()


def test_sheet_score_submit_sends_the_self_score(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    member = member_of(scoring_sheet, city["an_bien"])
    data = points_data(scoring_sheet, "8", "9", submit="1")
    response = client.post(score_path(scoring_sheet, member, city["an_bien"]), data, follow=True)
    member.refresh_from_db()
    assert (member.self_submitted_at is not None, "Đã gửi điểm." in response.content.decode()) == (True, True)


def test_sheet_score_change_of_a_sent_score_needs_a_reason(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    member = member_of(scoring_sheet, city["an_bien"])
    path = score_path(scoring_sheet, member, city["an_bien"])
    client.post(path, points_data(scoring_sheet, "8", "9", submit="1"))
    refused = client.post(path, points_data(scoring_sheet, "6", "9"))
    accepted = client.post(path, points_data(scoring_sheet, "6", "9", reason="Chấm lại theo biên bản kiểm tra"))
    revision = ScoreRevision.objects.get()
    assert "Hãy nêu lý do sửa điểm đã gửi." in refused.content.decode()
    assert (accepted.status_code, revision.old_points, revision.new_points, revision.reason) == (
        302,
        Decimal("8.00"),
        Decimal("6.00"),
        "Chấm lại theo biên bản kiểm tra",
    )


def test_sheet_score_cross_scores_another_member(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    member = member_of(scoring_sheet, city["trai_cau"])
    response = client.post(score_path(scoring_sheet, member, city["an_bien"]), points_data(scoring_sheet, "7", ""))
    score = Score.objects.get(member=member)
    assert (response.status_code, score.kind, score.scorer_unit, score.points) == (
        302,
        ScoreKind.CROSS,
        city["an_bien"],
        Decimal("7.00"),
    )


def test_sheet_score_of_a_draft_sheet_shows_no_form(client, sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    html = client.get(score_path(sheet, member_of(sheet, city["an_bien"]), city["an_bien"])).content.decode()
    assert "Bảng điểm đang ở trạng thái “Dự thảo”: không chấm hoặc sửa điểm được." in html
    assert "Gửi điểm</button>" not in html


# --- Open, publish, lock --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sheet-open", "sheet-publish", "sheet-lock"])
def test_sheet_action_anonymous_is_sent_to_login(client, sheet, name):
    path = reverse(f"movements:{name}", args=[sheet.pk])
    response = client.post(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


@pytest.mark.parametrize("name", ["sheet-open", "sheet-publish", "sheet-lock"])
def test_sheet_action_by_a_member_is_forbidden(client, sheet, trai_cau_officer, name):
    client.force_login(trai_cau_officer)
    response = client.post(reverse(f"movements:{name}", args=[sheet.pk]))
    sheet.refresh_from_db()
    assert (response.status_code, sheet.state) == (403, SheetState.DRAFT)


@pytest.mark.parametrize("name", ["sheet-open", "sheet-publish", "sheet-lock"])
def test_sheet_action_of_another_district_is_not_found(client, sheet, thuy_nguyen_officer, name):
    client.force_login(thuy_nguyen_officer)
    assert client.post(reverse(f"movements:{name}", args=[sheet.pk])).status_code == 404


def test_sheet_open_starts_scoring(client, sheet, an_bien_officer):
    client.force_login(an_bien_officer)
    response = client.post(reverse("movements:sheet-open", args=[sheet.pk]), follow=True)
    sheet.refresh_from_db()
    assert (sheet.state, "Đã mở chấm điểm" in response.content.decode()) == (SheetState.SCORING, True)


def test_sheet_publish_before_every_self_score_shows_the_error(client, scoring_sheet, an_bien_officer):
    client.force_login(an_bien_officer)
    response = client.post(reverse("movements:sheet-publish", args=[scoring_sheet.pk]), follow=True)
    scoring_sheet.refresh_from_db()
    html = response.content.decode()
    assert (scoring_sheet.state, "Chưa công bố được: các đơn vị chưa gửi tự chấm" in html) == (
        SheetState.SCORING,
        True,
    )


def test_sheet_publish_then_lock_sets_the_proposals(client, scoring_sheet, an_bien_officer, city):
    sheet = scoring_sheet
    for unit, points in ((city["an_bien"], "9"), (city["trai_cau"], "6")):
        for criterion in criteria_of(sheet):
            scoring.score(sheet, by=None, member=member_of(sheet, unit), criterion=criterion, scorer_unit=unit,
                          points=points)  # fmt: skip
        scoring.submit_scores(sheet, by=None, scorer_unit=unit)
    client.force_login(an_bien_officer)
    client.post(reverse("movements:sheet-publish", args=[sheet.pk]))
    response = client.post(reverse("movements:sheet-lock", args=[sheet.pk]), follow=True)
    sheet.refresh_from_db()
    html = response.content.decode()
    assert (sheet.state, member_of(sheet, city["an_bien"]).proposal) == (SheetState.LOCKED, Proposal.FLAG)
    assert '<span class="badge badge--ok">Đề nghị Cờ thi đua</span>' in html


def test_sheet_score_posted_to_a_locked_sheet_shows_the_error(client, scoring_sheet, an_bien_officer, city):
    client.force_login(an_bien_officer)
    member = member_of(scoring_sheet, city["an_bien"])
    ScoreSheet.objects.filter(pk=scoring_sheet.pk).update(state=SheetState.LOCKED)
    response = client.post(score_path(scoring_sheet, member, city["an_bien"]), points_data(scoring_sheet, "5", ""))
    assert (response.status_code, Score.objects.filter(member=member).count()) == (200, 0)
    assert "Bảng điểm đang ở trạng thái “Đã khóa”: không chấm hoặc sửa điểm được." in response.content.decode()
