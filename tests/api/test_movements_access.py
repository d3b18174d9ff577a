"""Who reaches what, for every endpoint and method of the movements, dossiers and notifications API: anonymous → 401;
a user with no role sees nothing; an officer of Quận Lê Chân gets 404 on everything that belongs to Huyện Thủy Nguyên
alone; a user who sees an object but holds the wrong role gets 403 on every write. What a permitted caller gets is in
the resource files (test_movements.py, test_answers.py …). The tables list every path and method, so that a new one is
added here too.

Scene: the city's launched movement covers both districts ("lc_" objects: Lê Chân's answers to it, Lê Chân's model,
the districts' cluster, which Lê Chân leads, its covenant and sheet, Lê Chân's draft dossier); Thủy Nguyên runs its
own movement for its communes with its own cluster, covenant, sheet, model and dossier ("tn_" objects)."""

import datetime as dt
import re
import uuid

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from thidua.dossiers import services as dossier_services
from thidua.movements import exemplary, scoring, services
from thidua.movements.enums import MilestoneKind, MovementKind
from thidua.movements.models import ProgressReport, Registration, UnitPlan
from thidua.notifications.services import notify
from thidua.orgs import services as org_services

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
NOT_AUTHENTICATED = {"detail": "Chưa xác thực: gửi tiêu đề «Authorization: Token <khóa>» hoặc đăng nhập."}
NO_FILE = str(uuid.UUID(int=1))


def launched_movement(*, issuer, title, award):
    movement = services.create_movement(
        by=None, issuer_unit=issuer, title=title, kind=MovementKind.THEMATIC, period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31), contents=[{"title": "Phòng, chống dịch COVID-19"}],
        criteria=[{"code": "1", "text": "Tiêm vắc-xin", "max_points": 10}], scope={"mode": "subtree"},
        awards=[{"level": "grassroots", "award_type": award}],
        milestones=[
            {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2021, 3, 31)},
            {"kind": MilestoneKind.FINAL_REVIEW, "title": "Tổng kết", "due_date": dt.date(2021, 12, 15),
             "requires_report": True},
        ],
    )  # fmt: skip
    return services.launch_movement(movement, by=None)


def cluster_of(*, code, organiser, leader, member):
    cluster = ClusterFactory(code=code, organiser=organiser)
    org_services.set_cluster_members(cluster, by=None, year=2021, members={leader: "leader", member: "member"})
    return cluster


@pytest.fixture
def ids(city, le_chan_officer):
    """Ids of one object of each kind seen from Lê Chân ("lc_…") and of Thủy Nguyên alone ("tn_…")."""
    award = AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến", recipient_kinds=["collective"])
    thuy_son = OrgUnitFactory(code="HP-TN-TS", name="Xã Thủy Sơn", kind=city["minh_duc"].kind,
                              parent=city["thuy_nguyen"])  # fmt: skip
    city_movement = launched_movement(issuer=city["root"], title="Phong trào của thành phố", award=award)
    tn_movement = launched_movement(issuer=city["thuy_nguyen"], title="Phong trào của Thủy Nguyên", award=award)
    lc_draft = services.create_movement(by=None, issuer_unit=city["le_chan"], title="Dự thảo của Lê Chân",
                                        kind="regular", period_start=dt.date(2022, 1, 1),
                                        period_end=dt.date(2022, 12, 31))  # fmt: skip

    lc_cluster = cluster_of(code="cum-quan-huyen", organiser=city["root"], leader=city["le_chan"],
                            member=city["thuy_nguyen"])  # fmt: skip
    tn_cluster = cluster_of(code="cum-thuy-nguyen", organiser=city["thuy_nguyen"], leader=city["minh_duc"],
                            member=thuy_son)  # fmt: skip
    sheets = {
        key: scoring.open_scoring(scoring.create_score_sheet(by=None, cluster=cluster, year=2021, movement=movement),
                                  by=None)
        for key, cluster, movement in (("lc", lc_cluster, city_movement), ("tn", tn_cluster, tn_movement))
    }  # fmt: skip
    covenants = {
        key: scoring.create_covenant(by=None, cluster=cluster, year=2021, title="Giao ước", text="Cam kết")
        for key, cluster in (("lc", lc_cluster), ("tn", tn_cluster))
    }
    models = {
        key: exemplary.submit_exemplary_model(by=None, proposing_unit=unit, kind="good_model", title="Mô hình",
                                              story="…", movement=movement, subject_unit=unit)
        for key, unit, movement in (("lc", city["le_chan"], city_movement), ("tn", city["minh_duc"], tn_movement))
    }  # fmt: skip
    dossiers = {
        key: dossier_services.draft_dossier_for(unit, by=None, movement=movement)
        for key, unit, movement in (("lc", city["le_chan"], city_movement), ("tn", city["minh_duc"], tn_movement))
    }
    entries = {
        key: dossier_services.add_entry(dossier, by=None, award_type=award, unit=dossier.unit)
        for key, dossier in dossiers.items()
    }
    thuy_nguyen_officer = user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen")
    answers = {"lc": (city_movement, city["le_chan"]), "tn": (tn_movement, city["minh_duc"])}
    values = {
        "le_chan": city["le_chan"].pk,
        "an_bien": city["an_bien"].pk,
        "award": award.pk,
        "lc_draft": lc_draft.pk,
        "lc_movement": city_movement.pk,
        "tn_movement": tn_movement.pk,
        "lc_notification": notify([le_chan_officer], code="movements.reminder", title="Nhắc", email=False)[0].pk,
        "tn_notification": notify([thuy_nguyen_officer], code="movements.reminder", title="Nhắc", email=False)[0].pk,
        "lc_member": sheets["lc"].members.get(unit=city["le_chan"]).pk,
        "lc_criterion": sheets["lc"].criteria.get().pk,
        "lc_cluster": lc_cluster.pk,
        "file": NO_FILE,
    }
    for key, (movement, unit) in answers.items():
        values[f"{key}_plan"] = UnitPlan.objects.get(movement=movement, unit=unit).pk
        values[f"{key}_registration"] = Registration.objects.get(movement=movement, unit=unit).pk
        values[f"{key}_report"] = ProgressReport.objects.get(movement=movement, unit=unit).pk
    for key in ("lc", "tn"):
        values[f"{key}_sheet"] = sheets[key].pk
        values[f"{key}_covenant"] = covenants[key].pk
        values[f"{key}_model"] = models[key].pk
        values[f"{key}_dossier"] = dossiers[key].pk
        values[f"{key}_entry"] = entries[key].pk
    return values


# Every path and method of these APIs, with the Thủy Nguyên object where a path names one.
EVERY_ENDPOINT = [
    ("get", "/api/v1/movements/"),
    ("post", "/api/v1/movements/"),
    ("get", "/api/v1/movements/{tn_movement}/"),
    ("put", "/api/v1/movements/{tn_movement}/"),
    ("patch", "/api/v1/movements/{tn_movement}/"),
    ("post", "/api/v1/movements/{tn_movement}/launch/"),
    ("post", "/api/v1/movements/{tn_movement}/amend/"),
    ("post", "/api/v1/movements/{tn_movement}/close/"),
    ("post", "/api/v1/movements/{tn_movement}/remind/"),
    ("get", "/api/v1/movements/{tn_movement}/compliance/"),
    ("get", "/api/v1/movements/{tn_movement}/consolidated/"),
    ("get", "/api/v1/movements/{tn_movement}/plan-document/"),
    ("post", "/api/v1/movements/{tn_movement}/plan-document/"),
    ("post", "/api/v1/movements/{tn_movement}/sub-movements/"),
    ("get", "/api/v1/unit-plans/"),
    ("get", "/api/v1/unit-plans/{tn_plan}/"),
    ("put", "/api/v1/unit-plans/{tn_plan}/"),
    ("patch", "/api/v1/unit-plans/{tn_plan}/"),
    ("post", "/api/v1/unit-plans/{tn_plan}/submit/"),
    ("get", "/api/v1/unit-plans/{tn_plan}/document/"),
    ("post", "/api/v1/unit-plans/{tn_plan}/document/"),
    ("get", "/api/v1/registrations/"),
    ("get", "/api/v1/registrations/{tn_registration}/"),
    ("put", "/api/v1/registrations/{tn_registration}/"),
    ("patch", "/api/v1/registrations/{tn_registration}/"),
    ("post", "/api/v1/registrations/{tn_registration}/submit/"),
    ("post", "/api/v1/registrations/{tn_registration}/approve/"),
    ("post", "/api/v1/registrations/{tn_registration}/return/"),
    ("get", "/api/v1/progress-reports/"),
    ("get", "/api/v1/progress-reports/{tn_report}/"),
    ("put", "/api/v1/progress-reports/{tn_report}/"),
    ("patch", "/api/v1/progress-reports/{tn_report}/"),
    ("post", "/api/v1/progress-reports/{tn_report}/submit/"),
    ("post", "/api/v1/progress-reports/{tn_report}/attachments/"),
    ("get", "/api/v1/progress-reports/{tn_report}/attachments/{file}/"),
    ("delete", "/api/v1/progress-reports/{tn_report}/attachments/{file}/"),
    ("get", "/api/v1/exemplary-models/"),
    ("post", "/api/v1/exemplary-models/"),
    ("get", "/api/v1/exemplary-models/{tn_model}/"),
    ("put", "/api/v1/exemplary-models/{tn_model}/"),
    ("patch", "/api/v1/exemplary-models/{tn_model}/"),
    ("post", "/api/v1/exemplary-models/{tn_model}/review/"),
    ("post", "/api/v1/exemplary-models/{tn_model}/publish/"),
    ("get", "/api/v1/exemplary-models/{tn_model}/photos/{file}/"),
    ("post", "/api/v1/exemplary-models/{tn_model}/propose/"),
    ("get", "/api/v1/covenants/"),
    ("post", "/api/v1/covenants/"),
    ("get", "/api/v1/covenants/{tn_covenant}/"),
    ("post", "/api/v1/covenants/{tn_covenant}/sign/"),
    ("get", "/api/v1/covenants/{tn_covenant}/document/"),
    ("get", "/api/v1/score-sheets/"),
    ("post", "/api/v1/score-sheets/"),
    ("get", "/api/v1/score-sheets/{tn_sheet}/"),
    ("post", "/api/v1/score-sheets/{tn_sheet}/open/"),
    ("get", "/api/v1/score-sheets/{tn_sheet}/scores/"),
    ("post", "/api/v1/score-sheets/{tn_sheet}/scores/"),
    ("post", "/api/v1/score-sheets/{tn_sheet}/submit-scores/"),
    ("post", "/api/v1/score-sheets/{tn_sheet}/publish/"),
    ("post", "/api/v1/score-sheets/{tn_sheet}/lock/"),
    ("post", "/api/v1/score-sheets/{tn_sheet}/propose/"),
    ("get", "/api/v1/dossiers/"),
    ("post", "/api/v1/dossiers/"),
    ("get", "/api/v1/dossiers/{tn_dossier}/"),
    ("post", "/api/v1/dossiers/{tn_dossier}/entries/"),
    ("delete", "/api/v1/dossiers/{tn_dossier}/entries/{tn_entry}/"),
    ("get", "/api/v1/notifications/"),
    ("post", "/api/v1/notifications/read-all/"),
    ("get", "/api/v1/notifications/{tn_notification}/"),
    ("post", "/api/v1/notifications/{tn_notification}/read/"),
]


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_anonymous_is_asked_to_authenticate(anonymous, ids, method, path):
    response = getattr(anonymous, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json(), response["WWW-Authenticate"]) == (401, NOT_AUTHENTICATED, "Token")


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_a_wrong_token_is_refused(ids, method, path):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = getattr(client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (401, {"detail": "Token không hợp lệ hoặc tài khoản đã bị khóa."})


# --- A user without any role --------------------------------------------------------------------------------------

LISTS = [path for method, path in EVERY_ENDPOINT if method == "get" and "{" not in path]


@pytest.mark.parametrize("path", LISTS)
def test_no_role_sees_empty_lists(no_role_client, ids, path):
    response = no_role_client.get(path)
    assert (response.status_code, response.json()) == (200, {"next": None, "previous": None, "results": []})


NO_ROLE_DETAILS = [(method, path.replace("{tn_", "{lc_")) for method, path in EVERY_ENDPOINT if "{tn_" in path]


@pytest.mark.parametrize(("method", "path"), NO_ROLE_DETAILS)
def test_no_role_gets_404_on_every_detail(no_role_client, ids, method, path):
    response = getattr(no_role_client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- An officer of Quận Lê Chân and what is Thủy Nguyên's alone ------------------------------------------------------

OTHER_DISTRICT_DETAILS = [(method, path) for method, path in EVERY_ENDPOINT if "{tn_" in path]


@pytest.mark.parametrize(("method", "path"), OTHER_DISTRICT_DETAILS)
def test_le_chan_officer_gets_404_on_thuy_nguyen_objects(le_chan_client, ids, method, path):
    response = getattr(le_chan_client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize(("method", "path"), OTHER_DISTRICT_DETAILS)
def test_le_chan_board_gets_404_on_thuy_nguyen_objects(city, ids, method, path):
    client = token_client(user_with_role("board_head", city["le_chan"]))
    response = getattr(client, method)(path.format(**ids), {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


LIST_KEYS = {
    "/api/v1/movements/": "movement", "/api/v1/unit-plans/": "plan", "/api/v1/registrations/": "registration",
    "/api/v1/progress-reports/": "report", "/api/v1/exemplary-models/": "model", "/api/v1/covenants/": "covenant",
    "/api/v1/score-sheets/": "sheet", "/api/v1/dossiers/": "dossier", "/api/v1/notifications/": "notification",
}  # fmt: skip


@pytest.mark.parametrize(("path", "key"), LIST_KEYS.items())
def test_le_chan_officer_lists_hold_le_chan_objects_and_nothing_of_thuy_nguyen(le_chan_client, ids, path, key):
    listed = [row["id"] for row in le_chan_client.get(path).json()["results"]]
    assert (ids[f"lc_{key}"] in listed, ids[f"tn_{key}"] in listed) == (True, False)


def test_le_chan_officer_does_not_see_the_city_s_movement_before_it_is_launched(le_chan_client, ids, city):
    draft = services.create_movement(by=None, issuer_unit=city["root"], title="Dự thảo của thành phố",
                                     kind="regular", period_start=dt.date(2022, 1, 1),
                                     period_end=dt.date(2022, 12, 31))  # fmt: skip
    response = le_chan_client.get(f"/api/v1/movements/{draft.pk}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- Seeing an object, holding the wrong role --------------------------------------------------------------------


@pytest.fixture
def viewer_client(city):
    """A council member of Lê Chân: sees what Lê Chân sees, may change none of it."""
    return token_client(user_with_role("council_member", city["le_chan"], username="hoidong.lechan"))


MOVEMENT_BODY = {"issuer_unit": "{le_chan}", "title": "Phong trào", "kind": "regular", "period_start": "2022-01-01",
                 "period_end": "2022-12-31"}  # fmt: skip

# (method, path, body): a council member of Lê Chân sees the object but may not make this change.
WRONG_ROLE_WRITES = [
    ("post", "/api/v1/movements/", MOVEMENT_BODY),
    ("put", "/api/v1/movements/{lc_draft}/", MOVEMENT_BODY),
    ("patch", "/api/v1/movements/{lc_draft}/", {"title": "Khác"}),
    ("post", "/api/v1/movements/{lc_draft}/launch/", {}),
    ("post", "/api/v1/movements/{lc_movement}/amend/", {"reason": "Điều chỉnh", "title": "Khác"}),
    ("post", "/api/v1/movements/{lc_movement}/close/", {}),
    ("post", "/api/v1/movements/{lc_movement}/remind/", {}),
    ("get", "/api/v1/movements/{lc_movement}/compliance/", {}),
    ("post", "/api/v1/movements/{lc_draft}/plan-document/", {}),
    ("post", "/api/v1/movements/{lc_movement}/sub-movements/", {"issuer_unit": "{le_chan}", "title": "Hưởng ứng"}),
    ("put", "/api/v1/unit-plans/{lc_plan}/", {"targets": "100%"}),
    ("patch", "/api/v1/unit-plans/{lc_plan}/", {"targets": "100%"}),
    ("post", "/api/v1/unit-plans/{lc_plan}/submit/", {}),
    ("post", "/api/v1/unit-plans/{lc_plan}/document/", {}),
    ("put", "/api/v1/registrations/{lc_registration}/", {"note": "Đăng ký"}),
    ("patch", "/api/v1/registrations/{lc_registration}/", {"note": "Đăng ký"}),
    ("post", "/api/v1/registrations/{lc_registration}/submit/", {}),
    ("post", "/api/v1/registrations/{lc_registration}/approve/", {}),
    ("post", "/api/v1/registrations/{lc_registration}/return/", {"reason": "Thiếu"}),
    ("put", "/api/v1/progress-reports/{lc_report}/", {"text": "Báo cáo"}),
    ("patch", "/api/v1/progress-reports/{lc_report}/", {"text": "Báo cáo"}),
    ("post", "/api/v1/progress-reports/{lc_report}/submit/", {}),
    ("post", "/api/v1/progress-reports/{lc_report}/attachments/", {}),
    ("delete", "/api/v1/progress-reports/{lc_report}/attachments/{file}/", {}),
    ("post", "/api/v1/exemplary-models/", {"kind": "good_model", "title": "Mô hình", "story": "…",
                                           "proposing_unit": "{le_chan}", "subject_name": "Tổ 3"}),
    ("put", "/api/v1/exemplary-models/{lc_model}/", {"title": "Khác"}),
    ("patch", "/api/v1/exemplary-models/{lc_model}/", {"title": "Khác"}),
    ("post", "/api/v1/exemplary-models/{lc_model}/review/", {"state": "accepted"}),
    ("post", "/api/v1/exemplary-models/{lc_model}/publish/", {"publish": True}),
    ("post", "/api/v1/exemplary-models/{lc_model}/propose/", {"award_type": "{award}"}),
    ("post", "/api/v1/covenants/", {"cluster": "{lc_cluster}", "year": 2022, "title": "Giao ước", "text": "Cam kết"}),
    ("post", "/api/v1/covenants/{lc_covenant}/sign/", {"unit": "{le_chan}"}),
    ("post", "/api/v1/score-sheets/", {"cluster": "{lc_cluster}", "year": 2021, "movement": "{lc_movement}"}),
    ("post", "/api/v1/score-sheets/{lc_sheet}/open/", {}),
    ("post", "/api/v1/score-sheets/{lc_sheet}/scores/", {"member": "{lc_member}", "criterion": "{lc_criterion}",
                                                         "scorer_unit": "{le_chan}", "points": "5"}),
    ("post", "/api/v1/score-sheets/{lc_sheet}/submit-scores/", {"scorer_unit": "{le_chan}"}),
    ("post", "/api/v1/score-sheets/{lc_sheet}/publish/", {}),
    ("post", "/api/v1/score-sheets/{lc_sheet}/lock/", {}),
    ("post", "/api/v1/score-sheets/{lc_sheet}/propose/", {}),
    ("post", "/api/v1/dossiers/", {"unit": "{le_chan}"}),
    ("post", "/api/v1/dossiers/{lc_dossier}/entries/", {"award_type": "{award}", "unit": "{an_bien}"}),
    ("delete", "/api/v1/dossiers/{lc_dossier}/entries/{lc_entry}/", {}),
]  # fmt: skip


def filled(body: dict, values: dict) -> dict:
    return {key: int(value.format(**values)) if str(value).startswith("{") else value for key, value in body.items()}


@pytest.mark.parametrize(("method", "path", "body"), WRONG_ROLE_WRITES)
def test_wrong_role_is_forbidden_to_write(viewer_client, ids, method, path, body):
    response = getattr(viewer_client, method)(path.format(**ids), filled(body, ids), format="json")
    assert (response.status_code, response.json()["detail"].startswith("Bạn không có quyền")) == (403, True)


def shape(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "{}", path)


def test_wrong_role_paths_cover_every_write():
    """Every write of EVERY_ENDPOINT (and the dashboard) has its wrong-role row; notifications are personal."""
    covered = {(method, shape(path)) for method, path, _body in WRONG_ROLE_WRITES}
    wanted = {(method, shape(path)) for method, path in EVERY_ENDPOINT
              if (method != "get" or path.endswith("/compliance/")) and "notifications" not in path}  # fmt: skip
    assert sorted(wanted - covered) == []


def test_unit_officer_may_not_launch_the_board_s_movement(le_chan_client, city):
    draft = services.create_movement(by=None, issuer_unit=city["le_chan"], title="Phong trào của quận",
                                     kind="regular", period_start=dt.date(2022, 1, 1),
                                     period_end=dt.date(2022, 12, 31))  # fmt: skip
    response = le_chan_client.post(f"/api/v1/movements/{draft.pk}/launch/")
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền phát động phong trào này."})


def test_unit_officer_may_not_approve_its_own_registration(ids, city):
    client = token_client(user_with_role("unit_officer", city["an_bien"]))
    registration = Registration.objects.get(movement_id=ids["lc_movement"], unit=city["an_bien"])
    response = client.post(f"/api/v1/registrations/{registration.pk}/approve/")
    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Bạn không có quyền duyệt đăng ký thi đua của đơn vị “Phường An Biên”."},
    )


def test_unit_officer_may_not_review_the_city_s_exemplary_models(le_chan_client, ids):
    response = le_chan_client.post(f"/api/v1/exemplary-models/{ids['lc_model']}/review/", {"state": "accepted"},
                                   format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Bạn không có quyền xem xét mô hình, điển hình này."},
    )


def test_cluster_member_may_not_run_the_sheet(ids, city):
    client = token_client(user_with_role("unit_officer", city["thuy_nguyen"], username="thanhvien.thuynguyen"))
    response = client.post(f"/api/v1/score-sheets/{ids['lc_sheet']}/publish/")
    assert (response.status_code, response.json()) == (403, {"detail": (
        "Bạn không có quyền điều hành bảng điểm này: việc của cụm trưởng, khối trưởng hoặc Ban Thi đua - Khen thưởng."
    )})  # fmt: skip


def test_media_may_submit_an_exemplary_model_for_its_newsroom(ids, city, le_chan_person):
    newsroom = OrgUnitFactory(code="HP-BAO", name="Báo Hải Phòng", kind=city["le_chan"].kind, parent=city["root"])
    client = token_client(user_with_role("media", newsroom, username="phongvien"))
    body = {"kind": "good_deed", "title": "Người tốt", "story": "…", "subject_name": "Anh Tuấn"}
    own = client.post("/api/v1/exemplary-models/", {**body, "proposing_unit": newsroom.pk}, format="json")
    assert (own.status_code, own.json()["proposing_unit_name"]) == (201, "Báo Hải Phòng")
