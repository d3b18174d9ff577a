"""/api/v1/dossiers/ (the draft dossiers in scope and their entries) and POST /api/v1/exemplary-models/{id}/propose/,
which turns an accepted model's person into a draft entry of the proposing unit's dossier.

Scene: the city launched a movement offering "Lao động tiên tiến"; Lê Chân's officer prepares Lê Chân's dossiers."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from thidua.dossiers import services
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.movements import exemplary
from thidua.movements import services as movement_services
from thidua.movements.enums import ExemplaryState, MilestoneKind, MovementKind

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
TITLE = "Phong trào thi đua “Mục tiêu kép”"
DOSSIER_TITLE = f"Hồ sơ đề nghị khen thưởng – {TITLE}"


@pytest.fixture
def titles(db):
    return {
        "individual": AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", recipient_kinds=["individual"]),
        "collective": AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến",
                                       recipient_kinds=["collective"]),
    }  # fmt: skip


@pytest.fixture
def launched(city, titles):
    movement = movement_services.create_movement(
        by=None, issuer_unit=city["root"], title=TITLE, kind=MovementKind.THEMATIC,
        period_start=dt.date(2021, 10, 1), period_end=dt.date(2022, 12, 31),
        contents=[{"title": "Phòng, chống dịch COVID-19"}], scope={"mode": "subtree"},
        awards=[{"level": "grassroots", "award_type": titles["individual"]}],
        milestones=[{"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2021, 10, 31)}],
    )  # fmt: skip
    return movement_services.launch_movement(movement, by=None)


@pytest.fixture
def le_chan_dossier(city, launched):
    return services.draft_dossier_for(city["le_chan"], by=None, movement=launched)


@pytest.fixture
def thuy_nguyen_dossier(city, launched):
    return services.draft_dossier_for(city["thuy_nguyen"], by=None, movement=launched)


@pytest.fixture
def accepted_model(city, launched, le_chan_person):
    model = exemplary.submit_exemplary_model(
        by=None, proposing_unit=city["an_bien"], kind="advanced_example", title="Người tổ trưởng tận tụy",
        story="Vận động cả tổ dân phố tiêm vắc-xin.", movement=launched, subject_person=le_chan_person,
    )  # fmt: skip
    return exemplary.review_exemplary_model(model, by=None, state=ExemplaryState.ACCEPTED)


# --- Dossiers -----------------------------------------------------------------------------------------------------


def test_dossier_list_holds_the_dossiers_in_scope(le_chan_client, le_chan_dossier, thuy_nguyen_dossier):
    response = le_chan_client.get("/api/v1/dossiers/")
    assert (response.status_code, [row["id"] for row in response.json()["results"]]) == (200, [le_chan_dossier.pk])


def test_dossier_detail_shows_its_entries(le_chan_client, le_chan_dossier, le_chan_person, titles, city, launched):
    entry = services.add_entry(le_chan_dossier, by=None, award_type=titles["individual"], person=le_chan_person,
                               achievement="Hoàn thành xuất sắc nhiệm vụ")  # fmt: skip
    response = le_chan_client.get(f"/api/v1/dossiers/{le_chan_dossier.pk}/")
    data = response.json()
    for row in (data, *data["entries"]):
        del row["created_at"]
    del data["updated_at"]
    assert [event["action"] for event in data.pop("events")] == ["created", "entry_added"]
    assert (response.status_code, data) == (200, {
        "id": le_chan_dossier.pk, "title": DOSSIER_TITLE, "unit": city["le_chan"].pk, "unit_name": "Quận Lê Chân",
        "authority": None, "authority_name": None, "kind": "phong_trao", "kind_display": "Theo phong trào, chuyên đề",
        "procedure": "normal", "procedure_display": "Thủ tục thông thường", "movement": launched.pk,
        "movement_title": TITLE, "milestone": None, "year": None, "state": "draft", "state_display": "Dự thảo",
        "version": 1, "due_on": None, "overdue": False, "assignee": None, "assignee_name": None, "submitted_at": None,
        "entry_count": 1, "submitted_by_name": None, "return_reason": "", "forwarded_from": None,
        "forwarded_dossiers": [], "has_package": False, "own_council_met_on": None, "own_council_members": None,
        "own_council_present": None, "own_council_notes": "", "closed_at": None, "missing_documents": [],
        "transitions": [], "attachments": [],
        "entries": [{
            "id": entry.pk, "dossier": le_chan_dossier.pk, "person": le_chan_person.pk,
            "person_name": "Nguyễn Thị Hoa", "unit": None, "unit_name": None, "household": None,
            "nominee_name": "Nguyễn Thị Hoa", "award_type": titles["individual"].pk,
            "award_type_name": "Lao động tiên tiến", "achievement": "Hoàn thành xuất sắc nhiệm vụ",
            "state": "proposed", "state_display": "Đề nghị", "source": "manual", "source_display": "Nhập trực tiếp",
            "exemplary_model": None, "score_sheet": None, "posthumous": False,
            "snapshot": {
                "recipient_name": "", "gender": "", "birth_year": None, "ethnicity_name": "", "is_minority": False,
                "is_direct_worker": False, "position_category": "", "position": "", "unit_name": "",
                "snapshot_at": None,
            },
            "eligibility": None,
            "eligibility_summary": {"status": None, "label": "Chưa có quy định xét điều kiện", "unmet": [],
                                    "review": []},
            "return_reason": "", "own_council_votes_for": None, "recommendation": "", "recommendation_display": "",
            "appraisal_notes": "", "appraised_by_name": None, "appraised_at": None, "decision_reason": "",
            "consultation": None, "forwarded_from": None, "forwarded_copies": [], "outcome_reference": "",
            "outcome_on": None, "transitions": [],
        }],
    })  # fmt: skip


def test_dossier_create_returns_the_units_draft_for_the_movement(le_chan_client, city, launched):
    first = le_chan_client.post("/api/v1/dossiers/", {"unit": city["le_chan"].pk, "movement": launched.pk},
                                format="json")  # fmt: skip
    again = le_chan_client.post("/api/v1/dossiers/", {"unit": city["le_chan"].pk, "movement": launched.pk},
                                format="json")  # fmt: skip
    assert (first.status_code, first.json()["title"], again.json()["id"], Dossier.objects.count()) == (
        200,
        DOSSIER_TITLE,
        first.json()["id"],
        1,
    )


def test_dossier_add_entry(le_chan_client, le_chan_dossier, city, titles):
    response = le_chan_client.post(f"/api/v1/dossiers/{le_chan_dossier.pk}/entries/",
                                   {"unit": city["an_bien"].pk, "award_type": titles["collective"].pk},
                                   format="json")  # fmt: skip
    entry = DossierEntry.objects.get()
    assert (response.status_code, response.json()["id"], response.json()["nominee_name"], entry.unit) == (
        201,
        entry.pk,
        "Phường An Biên",
        city["an_bien"],
    )


def test_dossier_add_entry_with_an_award_for_another_kind_of_nominee_is_refused(le_chan_client, le_chan_dossier,
                                                                                city, titles):  # fmt: skip
    response = le_chan_client.post(f"/api/v1/dossiers/{le_chan_dossier.pk}/entries/",
                                   {"unit": city["an_bien"].pk, "award_type": titles["individual"].pk},
                                   format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"award_type": ["“Lao động tiên tiến” không dành cho tập thể."]},
    )


def test_dossier_add_entry_needs_exactly_one_nominee(le_chan_client, le_chan_dossier, city, titles, le_chan_person):
    response = le_chan_client.post(f"/api/v1/dossiers/{le_chan_dossier.pk}/entries/",
                                   {"unit": city["an_bien"].pk, "person": le_chan_person.pk,
                                    "award_type": titles["collective"].pk}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"person": ["Chọn đúng một đối tượng đề nghị: cá nhân, tập thể hoặc hộ gia đình."]},
    )


def test_dossier_remove_entry(le_chan_client, le_chan_dossier, city, titles):
    entry = services.add_entry(le_chan_dossier, by=None, award_type=titles["collective"], unit=city["an_bien"])
    response = le_chan_client.delete(f"/api/v1/dossiers/{le_chan_dossier.pk}/entries/{entry.pk}/")
    assert (response.status_code, DossierEntry.objects.count()) == (204, 0)


def test_dossier_remove_entry_of_another_dossier_is_not_found(le_chan_client, le_chan_dossier, thuy_nguyen_dossier,
                                                              city, titles):  # fmt: skip
    entry = services.add_entry(thuy_nguyen_dossier, by=None, award_type=titles["collective"],
                               unit=city["minh_duc"])  # fmt: skip
    response = le_chan_client.delete(f"/api/v1/dossiers/{le_chan_dossier.pk}/entries/{entry.pk}/")
    assert (response.status_code, response.json(), DossierEntry.objects.count()) == (404, NOT_FOUND, 1)


# --- Proposing from an exemplary model -----------------------------------------------------------------------------


def test_exemplary_model_propose_makes_a_draft_entry_of_the_proposing_unit(le_chan_client, accepted_model, titles,
                                                                          city, launched):  # fmt: skip
    response = le_chan_client.post(f"/api/v1/exemplary-models/{accepted_model.pk}/propose/",
                                   {"award_type": titles["individual"].pk}, format="json")  # fmt: skip
    entry = DossierEntry.objects.get()
    data = response.json()
    assert (response.status_code, data["id"], data["nominee_name"], data["source"], data["exemplary_model"]) == (
        201,
        entry.pk,
        "Nguyễn Thị Hoa",
        "exemplary_model",
        accepted_model.pk,
    )
    assert (entry.dossier.unit, entry.dossier.movement) == (city["an_bien"], launched)


def test_exemplary_model_propose_twice_names_the_first_entry(le_chan_client, accepted_model, titles):
    services.entry_from_exemplary_model(accepted_model, by=None, award_type=titles["individual"])
    response = le_chan_client.post(f"/api/v1/exemplary-models/{accepted_model.pk}/propose/",
                                   {"award_type": titles["individual"].pk}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"exemplary_model": [
        f"Mô hình này đã được đề nghị: “Nguyễn Thị Hoa: Lao động tiên tiến” trong hồ sơ "
        f"“Hồ sơ đề nghị khen thưởng – {TITLE}”."
    ]})  # fmt: skip


def test_exemplary_model_propose_with_an_award_the_movement_does_not_offer_is_refused(
    le_chan_client, accepted_model, titles
):
    response = le_chan_client.post(f"/api/v1/exemplary-models/{accepted_model.pk}/propose/",
                                   {"award_type": titles["collective"].pk}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"award_type": ["Phong trào không có hình thức khen thưởng này."]},
    )


def test_exemplary_model_propose_before_it_is_accepted_is_refused(le_chan_client, city, launched, titles,
                                                                 le_chan_person):  # fmt: skip
    model = exemplary.submit_exemplary_model(
        by=None, proposing_unit=city["an_bien"], kind="advanced_example", title="Chờ xem xét", story="…",
        movement=launched, subject_person=le_chan_person,
    )  # fmt: skip
    response = le_chan_client.post(f"/api/v1/exemplary-models/{model.pk}/propose/",
                                   {"award_type": titles["individual"].pk}, format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"exemplary_model": [
        "Chỉ đề nghị khen thưởng từ mô hình, điển hình đã được công nhận (hiện: “Chờ xem xét”)."
    ]})  # fmt: skip


def test_exemplary_model_propose_by_the_movements_board(city, accepted_model, titles):
    client = token_client(user_with_role("board_officer", city["root"]))
    response = client.post(f"/api/v1/exemplary-models/{accepted_model.pk}/propose/",
                           {"award_type": titles["individual"].pk}, format="json")  # fmt: skip
    assert (response.status_code, DossierEntry.objects.get().dossier.unit) == (201, city["an_bien"])


# --- Query counts -----------------------------------------------------------------------------------------------


def test_dossier_detail_costs_the_same_for_one_entry_as_for_three(le_chan_client, le_chan_dossier, city, titles,
                                                                  le_chan_person):  # fmt: skip
    services.add_entry(le_chan_dossier, by=None, award_type=titles["individual"], person=le_chan_person)
    with CaptureQueriesContext(connection) as one:
        le_chan_client.get(f"/api/v1/dossiers/{le_chan_dossier.pk}/")
    for unit in (city["le_chan"], city["an_bien"]):
        services.add_entry(le_chan_dossier, by=None, award_type=titles["collective"], unit=unit)
    with CaptureQueriesContext(connection) as three:
        entries = le_chan_client.get(f"/api/v1/dossiers/{le_chan_dossier.pk}/").json()["entries"]
    assert (len(three.captured_queries), len(entries)) == (len(one.captured_queries), 3)


def test_dossier_list_costs_the_same_for_one_dossier_as_for_three(le_chan_client, le_chan_dossier, city):
    with CaptureQueriesContext(connection) as one:
        le_chan_client.get("/api/v1/dossiers/")
    for year in (2021, 2022):
        services.draft_dossier_for(city["an_bien"], by=None, kind="tong_ket_nam", year=year)
    with CaptureQueriesContext(connection) as three:
        rows = le_chan_client.get("/api/v1/dossiers/").json()["results"]
    assert (len(three.captured_queries), len(rows)) == (len(one.captured_queries), 3)
