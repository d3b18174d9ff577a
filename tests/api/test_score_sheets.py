"""Cluster covenants and score sheets through the API: /api/v1/covenants/ and /api/v1/score-sheets/.

Scene: Cụm thi đua các quận, huyện, organised by the city; in 2021 Quận Lê Chân leads it and Huyện Thủy Nguyên is a
member. The city's launched movement has two scored criteria: "1" (10 points) and "2" (5 points). Lê Chân's officer
leads the cluster's work; Thủy Nguyên's officer acts for Thủy Nguyên."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from thidua.dossiers.models import DossierEntry
from thidua.movements import scoring, services
from thidua.movements.enums import MilestoneKind, MovementKind, SheetState
from thidua.movements.models import Covenant, Score, ScoreRevision, ScoreSheet
from thidua.orgs import services as org_services

pytestmark = pytest.mark.django_db

TITLE = "Phong trào thi đua “Mục tiêu kép”"
CLUSTER = "Cụm thi đua các quận, huyện"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def launched(city):
    movement = services.create_movement(
        by=None, issuer_unit=city["root"], title=TITLE, kind=MovementKind.THEMATIC,
        period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31),
        contents=[{"title": "Phòng, chống dịch COVID-19"}], scope={"mode": "subtree", "depth": 1},
        criteria=[{"code": "1", "text": "Tiêm vắc-xin", "max_points": 10},
                  {"code": "2", "text": "Tăng trưởng kinh tế", "max_points": 5}],
        milestones=[{"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2021, 3, 31)}],
    )  # fmt: skip
    return services.launch_movement(movement, by=None)


@pytest.fixture
def cluster(city):
    cluster = ClusterFactory(code="cum-quan-huyen", name=CLUSTER, organiser=city["root"])
    org_services.set_cluster_members(
        cluster, by=None, year=2021, members={city["le_chan"]: "leader", city["thuy_nguyen"]: "member"}
    )
    return cluster


@pytest.fixture
def thuy_nguyen_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen", full_name="Vũ Văn Nam",
                          position="Chuyên viên")  # fmt: skip


@pytest.fixture
def thuy_nguyen_client(thuy_nguyen_officer):
    return token_client(thuy_nguyen_officer)


@pytest.fixture
def board_client(city):
    """The city's board: organises the cluster and receives its proposals in the city's draft dossier."""
    return token_client(user_with_role("board_officer", city["root"], username="ban.tdkt"))


@pytest.fixture
def flag(db):
    return AwardTypeFactory(code="CTD", name="Cờ thi đua của UBND thành phố", recipient_kinds=["collective"])


@pytest.fixture
def sheet(cluster, launched, flag):
    return scoring.create_score_sheet(by=None, cluster=cluster, year=2021, movement=launched, flag_award_type=flag)


@pytest.fixture
def scoring_sheet(sheet):
    return scoring.open_scoring(sheet, by=None)


def member_of(sheet, unit):
    return sheet.members.get(unit=unit)


def criterion_of(sheet, code):
    return sheet.criteria.get(code=code)


def score_body(sheet, unit, code, scorer, points, **fields):
    return {"member": member_of(sheet, unit).pk, "criterion": criterion_of(sheet, code).pk, "scorer_unit": scorer.pk,
            "points": points, **fields}  # fmt: skip


# --- Covenants ---------------------------------------------------------------------------------------------------


def test_covenant_create_by_the_cluster_leader(le_chan_client, cluster, launched, city):
    response = le_chan_client.post("/api/v1/covenants/", {
        "cluster": cluster.pk, "year": 2021, "title": "Giao ước thi đua năm 2021", "text": "Các đơn vị cam kết …",
        "movement": launched.pk,
    }, format="json")  # fmt: skip
    data = response.json()
    covenant = Covenant.objects.get()
    del data["created_at"], data["updated_at"]
    assert (response.status_code, data) == (201, {
        "id": covenant.pk, "cluster": cluster.pk, "cluster_name": CLUSTER, "year": 2021, "movement": launched.pk,
        "title": "Giao ước thi đua năm 2021", "text": "Các đơn vị cam kết …", "document": None, "signatures": [],
    })  # fmt: skip


def test_covenant_create_with_its_document(le_chan_client, cluster):
    response = le_chan_client.post("/api/v1/covenants/", {
        "cluster": cluster.pk, "year": 2021, "title": "Giao ước", "text": "Cam kết",
        "document": SimpleUploadedFile("Giao ước 2021.pdf", PDF, "application/pdf"),
    }, format="multipart")  # fmt: skip
    assert (response.status_code, response.json()["document"]["name"]) == (201, "Giao ước 2021.pdf")


def test_covenant_create_twice_a_year_is_refused(le_chan_client, cluster):
    scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết")
    response = le_chan_client.post("/api/v1/covenants/", {
        "cluster": cluster.pk, "year": 2021, "title": "Giao ước", "text": "Cam kết",
    }, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"year": [f"{CLUSTER} đã có giao ước thi đua năm 2021."]})


def test_covenant_sign_by_a_member(thuy_nguyen_client, cluster, city):
    covenant = scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết")
    response = thuy_nguyen_client.post(f"/api/v1/covenants/{covenant.pk}/sign/", {"unit": city["thuy_nguyen"].pk},
                                       format="json")  # fmt: skip
    signatures = response.json()["signatures"]
    for signature in signatures:
        del signature["id"], signature["signed_at"]
    assert (response.status_code, signatures) == (200, [{
        "unit": city["thuy_nguyen"].pk, "unit_name": "Huyện Thủy Nguyên", "signer_name": "Vũ Văn Nam",
        "signer_position": "Chuyên viên",
    }])  # fmt: skip


def test_covenant_sign_twice_is_refused(thuy_nguyen_client, thuy_nguyen_officer, cluster, city):
    covenant = scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết")
    scoring.sign_covenant(covenant, by=thuy_nguyen_officer, unit=city["thuy_nguyen"])
    response = thuy_nguyen_client.post(f"/api/v1/covenants/{covenant.pk}/sign/", {"unit": city["thuy_nguyen"].pk},
                                       format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"unit": ["Đơn vị “Huyện Thủy Nguyên” đã ký giao ước này."]},
    )


def test_covenant_sign_for_a_unit_outside_the_cluster_is_refused(le_chan_client, cluster, city):
    covenant = scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết")
    response = le_chan_client.post(f"/api/v1/covenants/{covenant.pk}/sign/", {"unit": city["an_bien"].pk},
                                   format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"unit": [f"Đơn vị “Phường An Biên” không phải thành viên {CLUSTER} năm 2021."]},
    )


def test_covenant_document_download(thuy_nguyen_client, cluster):
    covenant = scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết",
                                       document=SimpleUploadedFile("giao-uoc.pdf", PDF, "application/pdf"))  # fmt: skip
    response = thuy_nguyen_client.get(f"/api/v1/covenants/{covenant.pk}/document/")
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)


# --- Creating and opening a sheet --------------------------------------------------------------------------------


def test_score_sheet_create_copies_criteria_and_members(le_chan_client, cluster, launched, flag, city):
    response = le_chan_client.post("/api/v1/score-sheets/", {
        "cluster": cluster.pk, "year": 2021, "movement": launched.pk, "flag_award_type": flag.pk,
    }, format="json")  # fmt: skip
    data = response.json()
    sheet = ScoreSheet.objects.get()
    one, two = sheet.criteria.order_by("position")
    members = {member.unit_id: member.pk for member in sheet.members.all()}
    for key in ("created_at", "updated_at"):
        del data[key]
    empty = {"self_submitted_at": None, "base_total": None, "bonus": None, "penalty": None, "total": None,
             "rank": None, "tied": False, "proposal": "", "proposal_display": "Không đề nghị"}  # fmt: skip
    assert (response.status_code, data) == (201, {
        "id": sheet.pk, "cluster": cluster.pk, "cluster_name": CLUSTER, "year": 2021, "movement": launched.pk,
        "movement_title": TITLE, "target_group": None, "state": "draft", "state_display": "Dự thảo",
        "flag_count": 1, "certificate_count": 0, "flag_award_type": flag.pk, "certificate_award_type": None,
        "published_at": None, "locked_at": None,
        "criteria": [
            {"id": one.pk, "parent": None, "position": 1, "code": "1", "text": "Tiêm vắc-xin", "max_points": "10.00",
             "weight": "1.00", "kind": "standard", "kind_display": "Tiêu chí chấm điểm", "source": "manual",
             "source_display": "Chấm điểm", "is_leaf": True},
            {"id": two.pk, "parent": None, "position": 2, "code": "2", "text": "Tăng trưởng kinh tế",
             "max_points": "5.00", "weight": "1.00", "kind": "standard", "kind_display": "Tiêu chí chấm điểm",
             "source": "manual", "source_display": "Chấm điểm", "is_leaf": True},
        ],
        "members": [
            {"id": members[city["thuy_nguyen"].pk], "unit": city["thuy_nguyen"].pk, "unit_name": "Huyện Thủy Nguyên",
             **empty},
            {"id": members[city["le_chan"].pk], "unit": city["le_chan"].pk, "unit_name": "Quận Lê Chân", **empty},
        ],
        "tie_at_cut": [],
    })  # fmt: skip


def test_score_sheet_create_for_a_draft_movement_is_refused(board_client, cluster, city):
    draft = services.create_movement(by=None, issuer_unit=city["root"], title="Dự thảo", kind="regular",
                                     period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31))  # fmt: skip
    response = board_client.post("/api/v1/score-sheets/", {"cluster": cluster.pk, "year": 2021,
                                                           "movement": draft.pk}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"movement": ["Phong trào “Dự thảo” chưa được phát động."]})


def test_score_sheet_open_starts_scoring(le_chan_client, sheet):
    response = le_chan_client.post(f"/api/v1/score-sheets/{sheet.pk}/open/")
    data = response.json()
    assert (response.status_code, data["state"], [(m["total"], m["rank"], m["tied"]) for m in data["members"]]) == (
        200,
        "scoring",
        [("0.00", 1, True), ("0.00", 1, True)],
    )


def test_score_sheet_open_twice_is_refused(le_chan_client, scoring_sheet):
    response = le_chan_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/open/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Bảng điểm đang ở trạng thái “Đang chấm điểm”, cần ở trạng thái “Dự thảo”."]},
    )


# --- Scoring -----------------------------------------------------------------------------------------------------


def test_score_self_by_a_member(thuy_nguyen_client, scoring_sheet, city):
    response = thuy_nguyen_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/scores/",
                                       score_body(scoring_sheet, city["thuy_nguyen"], "1", city["thuy_nguyen"], "8.5",
                                                  evidence="Báo cáo số 12"), format="json")  # fmt: skip
    data = response.json()
    score = Score.objects.get()
    del data["updated_at"]
    assert (response.status_code, data) == (200, {
        "id": score.pk, "member": member_of(scoring_sheet, city["thuy_nguyen"]).pk, "unit": city["thuy_nguyen"].pk,
        "unit_name": "Huyện Thủy Nguyên", "criterion": criterion_of(scoring_sheet, "1").pk, "criterion_code": "1",
        "kind": "self", "kind_display": "Tự chấm", "scorer_unit": city["thuy_nguyen"].pk,
        "scorer_unit_name": "Huyện Thủy Nguyên", "points": "8.50", "evidence": "Báo cáo số 12", "evidence_files": [],
        "submitted_at": None,
    })  # fmt: skip


def test_score_with_an_evidence_file(thuy_nguyen_client, scoring_sheet, city):
    body = score_body(scoring_sheet, city["thuy_nguyen"], "1", city["thuy_nguyen"], "8",
                      evidence_files=[SimpleUploadedFile("minh-chung.pdf", PDF, "application/pdf")])  # fmt: skip
    response = thuy_nguyen_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/scores/", body, format="multipart")
    assert (response.status_code, [item["name"] for item in response.json()["evidence_files"]]) == (
        200,
        ["minh-chung.pdf"],
    )


def test_score_above_the_maximum_is_refused(thuy_nguyen_client, scoring_sheet, city):
    response = thuy_nguyen_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/scores/",
                                       score_body(scoring_sheet, city["thuy_nguyen"], "2", city["thuy_nguyen"], "6"),
                                       format="json")  # fmt: skip
    assert (response.status_code, response.json(), Score.objects.count()) == (
        400,
        {"points": ["Tiêu chí 2: điểm phải là số từ 0 đến 5."]},
        0,
    )


def test_score_for_a_member_of_another_sheet_is_refused(thuy_nguyen_client, scoring_sheet, city):
    body = score_body(scoring_sheet, city["thuy_nguyen"], "1", city["thuy_nguyen"], "8")
    body["member"] = 999_999
    response = thuy_nguyen_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/scores/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"member": ["Đơn vị này không có trong bảng điểm."]})


def test_score_while_the_sheet_is_a_draft_is_refused(thuy_nguyen_client, sheet, city):
    response = thuy_nguyen_client.post(f"/api/v1/score-sheets/{sheet.pk}/scores/",
                                       score_body(sheet, city["thuy_nguyen"], "1", city["thuy_nguyen"], "8"),
                                       format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Bảng điểm đang ở trạng thái “Dự thảo”: không chấm hoặc sửa điểm được."]},
    )


def test_score_submitted_changes_only_with_a_reason_kept(thuy_nguyen_client, thuy_nguyen_officer, scoring_sheet,
                                                         city):  # fmt: skip
    unit = city["thuy_nguyen"]
    for code, points in (("1", 8), ("2", 4)):
        scoring.score(scoring_sheet, by=thuy_nguyen_officer, member=member_of(scoring_sheet, unit),
                      criterion=criterion_of(scoring_sheet, code), scorer_unit=unit, points=points)  # fmt: skip
    scoring.submit_scores(scoring_sheet, by=thuy_nguyen_officer, scorer_unit=unit)
    path = f"/api/v1/score-sheets/{scoring_sheet.pk}/scores/"
    refused = thuy_nguyen_client.post(path, score_body(scoring_sheet, unit, "1", unit, "9"), format="json")
    accepted = thuy_nguyen_client.post(path, score_body(scoring_sheet, unit, "1", unit, "9", reason="Nhập nhầm"),
                                       format="json")  # fmt: skip
    revision = ScoreRevision.objects.get()
    assert (refused.status_code, refused.json(), accepted.status_code, accepted.json()["points"]) == (
        400,
        {"reason": ["Điểm tiêu chí 1 đã gửi: hãy ghi lý do sửa điểm."]},
        200,
        "9.00",
    )
    assert (revision.old_points, revision.new_points, revision.reason) == (8, 9, "Nhập nhầm")


def test_submit_scores_marks_the_self_score_sent(thuy_nguyen_client, thuy_nguyen_officer, scoring_sheet, city):
    unit = city["thuy_nguyen"]
    for code, points in (("1", 8), ("2", 4)):
        scoring.score(scoring_sheet, by=thuy_nguyen_officer, member=member_of(scoring_sheet, unit),
                      criterion=criterion_of(scoring_sheet, code), scorer_unit=unit, points=points)  # fmt: skip
    response = thuy_nguyen_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/submit-scores/",
                                       {"scorer_unit": unit.pk}, format="json")  # fmt: skip
    rows = {
        row["unit_name"]: (row["self_submitted_at"] is not None, row["total"]) for row in response.json()["members"]
    }
    assert (response.status_code, rows) == (
        200,
        {"Huyện Thủy Nguyên": (True, "12.00"), "Quận Lê Chân": (False, "0.00")},
    )


def test_submit_scores_with_a_criterion_missing_is_refused(thuy_nguyen_client, thuy_nguyen_officer, scoring_sheet,
                                                           city):  # fmt: skip
    unit = city["thuy_nguyen"]
    scoring.score(scoring_sheet, by=thuy_nguyen_officer, member=member_of(scoring_sheet, unit),
                  criterion=criterion_of(scoring_sheet, "1"), scorer_unit=unit, points=8)  # fmt: skip
    response = thuy_nguyen_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/submit-scores/",
                                       {"scorer_unit": unit.pk}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Tự chấm chưa đủ: còn thiếu tiêu chí 2."]},
    )


def test_scores_list_hides_what_other_scorers_have_not_sent(le_chan_client, thuy_nguyen_officer, le_chan_officer,
                                                             scoring_sheet, city):  # fmt: skip
    thuy_nguyen, le_chan = city["thuy_nguyen"], city["le_chan"]
    scoring.score(scoring_sheet, by=thuy_nguyen_officer, member=member_of(scoring_sheet, thuy_nguyen),
                  criterion=criterion_of(scoring_sheet, "1"), scorer_unit=thuy_nguyen, points=8)  # fmt: skip
    scoring.score(scoring_sheet, by=le_chan_officer, member=member_of(scoring_sheet, thuy_nguyen),
                  criterion=criterion_of(scoring_sheet, "1"), scorer_unit=le_chan, points=7)  # fmt: skip
    response = le_chan_client.get(f"/api/v1/score-sheets/{scoring_sheet.pk}/scores/")
    assert (
        response.status_code,
        [(row["scorer_unit_name"], row["kind"], row["points"]) for row in response.json()],
    ) == (200, [("Quận Lê Chân", "cross", "7.00")])


# --- Publishing, locking, proposing -----------------------------------------------------------------------------


def score_all(sheet, city, users):
    """Thủy Nguyên scores 8 + 4 = 12 on itself, Lê Chân 9 + 5 = 14; both send their self-scores."""
    for unit_key, points in (("thuy_nguyen", (8, 4)), ("le_chan", (9, 5))):
        unit = city[unit_key]
        for code, value in zip(("1", "2"), points, strict=True):
            scoring.score(sheet, by=users[unit_key], member=member_of(sheet, unit),
                          criterion=criterion_of(sheet, code), scorer_unit=unit, points=value)  # fmt: skip
        scoring.submit_scores(sheet, by=users[unit_key], scorer_unit=unit)


def test_score_sheet_publish_before_every_self_score_is_refused(le_chan_client, scoring_sheet):
    response = le_chan_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/publish/")
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [
        "Chưa công bố được: các đơn vị chưa gửi tự chấm: Huyện Thủy Nguyên, Quận Lê Chân."
    ]})  # fmt: skip


def test_score_sheet_scored_published_locked_and_proposed(le_chan_client, board_client, scoring_sheet, city,
                                                          le_chan_officer, thuy_nguyen_officer, flag):  # fmt: skip
    score_all(scoring_sheet, city, {"le_chan": le_chan_officer, "thuy_nguyen": thuy_nguyen_officer})
    published = le_chan_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/publish/")
    locked = le_chan_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/lock/")
    proposed = board_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/propose/")
    ranking = [(row["unit_name"], row["total"], row["rank"], row["proposal"]) for row in locked.json()["members"]]
    entry = DossierEntry.objects.get()
    assert (published.status_code, published.json()["state"], locked.status_code, locked.json()["state"], ranking) == (
        200, "published", 200, "locked",
        [("Quận Lê Chân", "14.00", 1, "flag"), ("Huyện Thủy Nguyên", "12.00", 2, "")],
    )  # fmt: skip
    assert (proposed.status_code, [(row["id"], row["unit_name"], row["award_type"], row["source"])
                                   for row in proposed.json()]) == (
        200, [(entry.pk, "Quận Lê Chân", flag.pk, "score_sheet")]
    )  # fmt: skip
    assert (entry.dossier.unit, entry.dossier.movement, entry.score_sheet) == (city["root"], scoring_sheet.movement,
                                                                               scoring_sheet)  # fmt: skip


def test_score_sheet_propose_before_it_is_locked_is_refused(board_client, scoring_sheet):
    response = board_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/propose/")
    assert (response.status_code, response.json()) == (
        400,
        {"score_sheet": ["Chỉ tạo đề nghị từ bảng điểm đã khóa (hiện: “Đang chấm điểm”)."]},
    )


def test_score_sheet_lock_before_it_is_published_is_refused(le_chan_client, scoring_sheet):
    response = le_chan_client.post(f"/api/v1/score-sheets/{scoring_sheet.pk}/lock/")
    assert (response.status_code, response.json(), ScoreSheet.objects.get().state) == (
        400,
        {"non_field_errors": ["Bảng điểm đang ở trạng thái “Đang chấm điểm”, cần ở trạng thái “Đã công bố”."]},
        SheetState.SCORING,
    )


# --- Query counts -----------------------------------------------------------------------------------------------


def more_clusters(city, launched, count: int) -> None:
    """Clusters 2.. of the same two districts, each with its covenant and its sheet."""
    for number in range(2, count + 1):
        cluster = ClusterFactory(code=f"cum-{number}", organiser=city["root"])
        org_services.set_cluster_members(
            cluster, by=None, year=2021, members={city["le_chan"]: "leader", city["thuy_nguyen"]: "member"}
        )
        scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết")
        scoring.create_score_sheet(by=None, cluster=cluster, year=2021, movement=launched)


@pytest.mark.parametrize("path", ["/api/v1/covenants/", "/api/v1/score-sheets/"])
def test_cluster_lists_cost_the_same_for_one_row_as_for_three(le_chan_client, sheet, cluster, launched, city,
                                                              thuy_nguyen_officer, path):  # fmt: skip
    covenant = scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết")
    scoring.sign_covenant(covenant, by=thuy_nguyen_officer, unit=city["thuy_nguyen"])
    with CaptureQueriesContext(connection) as one:
        le_chan_client.get(path)
    more_clusters(city, launched, 3)
    with CaptureQueriesContext(connection) as three:
        rows = le_chan_client.get(path).json()["results"]
    assert (len(three.captured_queries), len(rows)) == (len(one.captured_queries), 3)


def test_score_sheet_detail_costs_the_same_for_two_members_as_for_three(le_chan_client, sheet, cluster, launched,
                                                                        city):  # fmt: skip
    with CaptureQueriesContext(connection) as two:
        le_chan_client.get(f"/api/v1/score-sheets/{sheet.pk}/")
    third = OrgUnitFactory(code="HP-KA", name="Quận Kiến An", kind=city["le_chan"].kind, parent=city["root"])
    org_services.set_cluster_members(cluster, by=None, year=2022, members={
        city["le_chan"]: "leader", city["thuy_nguyen"]: "member", third: "member",
    })  # fmt: skip
    bigger = scoring.create_score_sheet(by=None, cluster=cluster, year=2022, movement=launched)
    with CaptureQueriesContext(connection) as three:
        members = le_chan_client.get(f"/api/v1/score-sheets/{bigger.pk}/").json()["members"]
    assert (len(three.captured_queries), len(members)) == (len(two.captured_queries), 3)
