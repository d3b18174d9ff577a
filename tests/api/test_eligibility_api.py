"""/api/v1/eligibility/ (one subject's verdicts, explained) and /api/v1/eligibility/suggestions/ (the sweep): scope,
permissions and the shape of the answers."""

from __future__ import annotations

import pytest

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.eligibility.sweep_scenes import give, make_rule, member, open_regime, rate
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import PersonFactory
from thidua.eligibility.models import Rule

pytestmark = pytest.mark.django_db

URL = "/api/v1/eligibility/"
SUGGESTIONS = "/api/v1/eligibility/suggestions/"
NOT_FOUND = {"detail": "Không tìm thấy."}
NOT_AUTHENTICATED = {"detail": "Chưa xác thực: gửi tiêu đề «Authorization: Token <khóa>» hoặc đăng nhập."}


@pytest.fixture
def scene(city):
    """LĐTT: rated "tốt" this year and not disciplined. TTLĐTT: half the members hold LĐTT, or the board weighs.
    Hoa (Phường An Biên, Lê Chân) is rated "tốt" and holds LĐTT; Đức (Thị trấn Minh Đức, Thủy Nguyên) too."""
    regime = open_regime()
    AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", regime=regime)
    AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến", regime=regime, recipient_kinds=["collective"])
    make_rule(regime, {"all": [{"rating": {"min": "htt", "years": 1}}, {"no_discipline": {"window": 1}}]},
              code="LDTT")  # fmt: skip
    make_rule(regime, {"any": [{"member_share": {"awards": ["LDTT"], "min": 0.5}}, {"judgement": "Tiêu biểu"}]},
              code="TTLDTT", recipient="collective")  # fmt: skip
    hoa = member(city["an_bien"], PersonFactory(full_name="Nguyễn Thị Hoa"))
    duc = member(city["minh_duc"], PersonFactory(full_name="Đặng Văn Đức"))
    for person in (hoa, duc):
        rate(person, 2024)
        give(person, "LDTT", 2024, regime=regime)
    return {**city, "hoa": hoa, "duc": duc}


@pytest.fixture
def viewer_client(city):
    """A council member of Lê Chân: sees its people, looks for no nominees."""
    return token_client(user_with_role("council_member", city["le_chan"], username="hoidong.lechan"))


# --- One subject --------------------------------------------------------------------------------------------


def test_eligibility_of_a_person_holds_the_verdict_its_tree_and_explanation(le_chan_client, scene):
    response = le_chan_client.get(URL, {"person": scene["hoa"].pk, "year": 2024, "award": "LDTT"})
    body = response.json()
    verdict = body["verdicts"][0]
    assert (response.status_code, body["subject"], body["year"], len(body["verdicts"])) == (
        200, {"recipient_kind": "individual", "id": scene["hoa"].pk, "name": "Nguyễn Thị Hoa"}, 2024, 1,
    )  # fmt: skip
    assert {key: verdict[key] for key in ("award_code", "award_name", "recipient_kind", "period_kind", "year",
                                          "status", "status_label", "rule_id")} == {
        "award_code": "LDTT", "award_name": "Lao động tiên tiến", "recipient_kind": "individual",
        "period_kind": "calendar", "year": 2024, "status": "eligible", "status_label": "Đủ điều kiện",
        "rule_id": Rule.objects.get(award_code="LDTT").pk,
    }  # fmt: skip
    group = verdict["conditions"][0]
    assert (group["kind"], group["operator"], group["outcome"], group["outcome_label"]) == (
        "group",
        "all",
        "met",
        "Đạt",
    )
    assert [(child["kind"], child["outcome"]) for child in group["children"]] == [("history", "met")] * 2
    assert verdict["explanation"].count("✓") == 2


def test_eligibility_lists_every_award_in_force_without_award(le_chan_client, scene):
    response = le_chan_client.get(URL, {"person": scene["hoa"].pk, "year": 2024})
    assert (response.status_code, [v["award_code"] for v in response.json()["verdicts"]]) == (200, ["LDTT"])


def test_eligibility_of_a_unit_holds_its_collective_verdicts(le_chan_client, scene):
    response = le_chan_client.get(URL, {"unit": scene["an_bien"].pk, "year": 2024})
    body = response.json()
    assert (response.status_code, body["subject"]["recipient_kind"],
            [(v["award_code"], v["status"]) for v in body["verdicts"]]) == (
        200, "collective", [("TTLDTT", "eligible")],
    )  # fmt: skip


def test_eligibility_records_name_what_was_used(le_chan_client, scene):
    response = le_chan_client.get(URL, {"person": scene["hoa"].pk, "year": 2024, "award": "LDTT"})
    rating = response.json()["verdicts"][0]["conditions"][0]["children"][0]
    assert rating["records"] == ["2024: Hoàn thành tốt nhiệm vụ"]


def test_eligibility_of_a_person_out_of_scope_is_404(le_chan_client, scene):
    response = le_chan_client.get(URL, {"person": scene["duc"].pk, "year": 2024})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_eligibility_of_a_unit_out_of_scope_is_404(le_chan_client, scene):
    response = le_chan_client.get(URL, {"unit": scene["minh_duc"].pk, "year": 2024})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_eligibility_for_no_role_is_404(no_role_client, scene):
    response = no_role_client.get(URL, {"person": scene["hoa"].pk, "year": 2024})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_eligibility_for_anonymous_is_401(anonymous, scene):
    response = anonymous.get(URL, {"person": scene["hoa"].pk, "year": 2024})
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)


def test_eligibility_is_readable_by_a_role_that_only_sees(viewer_client, scene):
    response = viewer_client.get(URL, {"person": scene["hoa"].pk, "year": 2024})
    assert (response.status_code, response.json()["verdicts"][0]["status"]) == (200, "eligible")


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"year": 2024}, {"person": ["Cần đúng một trong hai tham số: person hoặc unit."]}),
        ({"person": 1, "unit": 1, "year": 2024}, {"person": ["Cần đúng một trong hai tham số: person hoặc unit."]}),
        ({"person": 1}, {"year": ["Trường này là bắt buộc."]}),
        ({"person": 1, "year": "hai nghìn"}, {"year": ["Giá trị không hợp lệ."]}),
    ],
)
def test_eligibility_refuses_bad_questions(le_chan_client, scene, params, errors):
    response = le_chan_client.get(URL, params)
    assert (response.status_code, response.json()) == (400, errors)


def test_eligibility_refuses_an_unknown_award_code(le_chan_client, scene):
    response = le_chan_client.get(URL, {"person": scene["hoa"].pk, "year": 2024, "award": "KHONG_CO"})
    assert (response.status_code, response.json()) == (
        400, {"award": ["Không có điều kiện khen thưởng nào cho mã này."]},
    )  # fmt: skip


# --- Suggestions ------------------------------------------------------------------------------------------------


def test_suggestions_hold_the_callers_scope_only(le_chan_client, scene):
    response = le_chan_client.get(SUGGESTIONS, {"year": 2024})
    body = response.json()
    assert (response.status_code, body["count"], body["truncated"], body["statuses"]) == (
        200, 3, False, ["eligible", "to_weigh"],
    )  # fmt: skip
    assert [(row["award_code"], row["name"], row["status"]) for row in body["results"]] == [
        ("LDTT", "Nguyễn Thị Hoa", "eligible"),
        ("TTLDTT", "Quận Lê Chân", "to_weigh"),
        ("TTLDTT", "Phường An Biên", "eligible"),
    ]


def test_suggestions_row_has_the_cli_fields(le_chan_client, scene):
    row = le_chan_client.get(SUGGESTIONS, {"year": 2024, "award": "LDTT"}).json()["results"][0]
    assert row == {
        "award_code": "LDTT", "award_name": "Lao động tiên tiến", "recipient_kind": "individual",
        "person_id": scene["hoa"].pk, "unit_id": None, "name": "Nguyễn Thị Hoa", "unit_code": "HP-LC-AB",
        "unit_name": "Phường An Biên", "period_kind": "calendar", "year": 2024, "status": "eligible",
        "rule_id": Rule.objects.get(award_code="LDTT").pk,
    }  # fmt: skip


def test_suggestions_of_the_city_board_cover_the_whole_city(board_officer_client, scene):
    body = board_officer_client.get(SUGGESTIONS, {"year": 2024, "award": "LDTT"}).json()
    assert [row["name"] for row in body["results"]] == ["Nguyễn Thị Hoa", "Đặng Văn Đức"]


def test_suggestions_filter_by_scope_and_status(board_officer_client, scene):
    params = {"year": 2024, "scope": scene["thuy_nguyen"].pk, "status": "to_weigh"}
    body = board_officer_client.get(SUGGESTIONS, params).json()
    assert (body["scope"], [(row["name"], row["status"]) for row in body["results"]]) == (
        scene["thuy_nguyen"].pk, [("Huyện Thủy Nguyên", "to_weigh")],
    )  # fmt: skip


def test_suggestions_are_capped_by_limit(board_officer_client, scene):
    body = board_officer_client.get(SUGGESTIONS, {"year": 2024, "limit": 2}).json()
    assert (body["count"], body["truncated"], len(body["results"])) == (7, True, 2)


def test_suggestions_scope_outside_the_callers_is_400(le_chan_client, scene):
    response = le_chan_client.get(SUGGESTIONS, {"year": 2024, "scope": scene["minh_duc"].pk})
    assert (response.status_code, response.json()) == (
        400, {"scope": ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]},
    )  # fmt: skip


def test_suggestions_refuse_an_unknown_status(le_chan_client, scene):
    response = le_chan_client.get(SUGGESTIONS, {"year": 2024, "status": "eligible,maybe"})
    assert (response.status_code, response.json()) == (
        400, {"status": ["Tình trạng không hợp lệ: maybe. Dùng eligible, to_weigh, not_eligible."]},
    )  # fmt: skip


def test_suggestions_are_forbidden_to_a_role_that_prepares_no_nomination(viewer_client, scene):
    response = viewer_client.get(SUGGESTIONS, {"year": 2024})
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền xem danh sách gợi ý đề nghị khen thưởng."},
    )  # fmt: skip


def test_suggestions_are_forbidden_without_a_role(no_role_client, scene):
    response = no_role_client.get(SUGGESTIONS, {"year": 2024})
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bạn không có quyền xem danh sách gợi ý đề nghị khen thưởng."},
    )  # fmt: skip


def test_suggestions_for_anonymous_is_401(anonymous, scene):
    response = anonymous.get(SUGGESTIONS, {"year": 2024})
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)
