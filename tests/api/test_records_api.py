"""/api/v1/ratings/, initiatives/, awards/ and disciplines/: the history, read and written within scope.

Written out for every endpoint and method: anonymous → 401; a user without a role sees nothing (empty lists, 404);
an officer of Quận Lê Chân gets 404 on the rows of Huyện Thủy Nguyên; a council member of Lê Chân (who sees the
rows but may not write them) gets 403 on every write; in scope, the exact content.
"""

import datetime as dt

import pytest

from tests.factories.orgs import PersonFactory
from tests.records.scene import make_award_types, make_school
from thidua.records import services
from thidua.records.models import Award, Discipline, Initiative, Rating

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}
NOT_AUTHENTICATED = {"detail": "Chưa xác thực: gửi tiêu đề «Authorization: Token <khóa>» hoặc đăng nhập."}
OUT_OF_SCOPE = ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]
EMPTY_PAGE = {"next": None, "previous": None, "results": []}
HOA_REFUSED = {"detail": "Bạn không có quyền ghi lịch sử thi đua, khen thưởng của “Nguyễn Thị Hoa”."}
RESOURCES = ["ratings", "initiatives", "awards", "disciplines"]


def without_times(data: dict) -> dict:
    assert {"created_at", "updated_at"} <= set(data)
    return {key: value for key, value in data.items() if key not in ("created_at", "updated_at")}


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def award_types(db):
    return make_award_types()


@pytest.fixture
def rows(city, le_chan_person, thuy_nguyen_person, award_types):
    """One row of each kind about Nguyễn Thị Hoa (Lê Chân, "lc") and about Đặng Văn Đức (Thủy Nguyên, "tn")."""
    result = {}
    for key, person in (("lc", le_chan_person), ("tn", thuy_nguyen_person)):
        result[key] = {
            "ratings": services.create_rating(by=None, person=person, year=2023, level="htt").pk,
            "initiatives": services.create_initiative(
                by=None, authors=[person], title=f"Sáng kiến của {person.full_name}", level="co_so",
                recognised_on=dt.date(2023, 11, 15),
            ).pk,
            "awards": services.create_award(
                by=None, person=person, award_code="LDTT", year=2023, decision_number="12/QĐ-UBND",
                decision_date=dt.date(2023, 12, 20),
            ).pk,
            "disciplines": services.create_discipline(
                by=None, person=person, kind="khien_trach", start_date=dt.date(2022, 3, 1),
                end_date=dt.date(2023, 2, 28),
            ).pk,
        }  # fmt: skip
    return result


@pytest.fixture
def new_bodies(le_chan_person):
    """A valid new row of each kind about Nguyễn Thị Hoa."""
    person = le_chan_person.pk
    return {
        "ratings": {"person": person, "year": 2024, "level": "htxs"},
        "initiatives": {
            "title": "Sổ tay số",
            "level": "co_so",
            "recognised_on": "2024-05-01",
            "authors": [{"person": person}],
        },
        "awards": {"person": person, "award_code": "LDTT", "year": 2024},
        "disciplines": {"person": person, "status": "pending", "start_date": "2024-05-01"},
    }


# --- Anonymous -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_history_list_anonymous_is_asked_to_authenticate(anonymous, rows, resource, method):
    response = getattr(anonymous, method)(f"/api/v1/{resource}/", {}, format="json")
    assert (response.status_code, response.json(), response["WWW-Authenticate"]) == (401, NOT_AUTHENTICATED, "Token")


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_history_detail_anonymous_is_asked_to_authenticate(anonymous, rows, resource, method):
    response = getattr(anonymous, method)(f"/api/v1/{resource}/{rows['lc'][resource]}/", {}, format="json")
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)


# --- A user without any role ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
def test_history_list_without_role_is_empty(no_role_client, rows, resource):
    response = no_role_client.get(f"/api/v1/{resource}/")
    assert (response.status_code, response.json()) == (200, EMPTY_PAGE)


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_history_detail_without_role_is_not_found(no_role_client, rows, resource, method):
    response = getattr(no_role_client, method)(f"/api/v1/{resource}/{rows['lc'][resource]}/", {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize("resource", RESOURCES)
def test_history_create_without_role_names_the_unseen_person(no_role_client, new_bodies, award_types, resource):
    response = no_role_client.post(f"/api/v1/{resource}/", new_bodies[resource], format="json")
    expected = {"authors": {"0": {"person": OUT_OF_SCOPE}}} if resource == "initiatives" else {"person": OUT_OF_SCOPE}
    assert (response.status_code, response.json()) == (400, expected)


# --- Out of scope: a Lê Chân officer and the rows of Thủy Nguyên ---------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
def test_history_list_holds_only_rows_in_scope(le_chan_client, rows, resource):
    response = le_chan_client.get(f"/api/v1/{resource}/")
    assert (response.status_code, ids(response)) == (200, [rows["lc"][resource]])


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_history_detail_of_another_district_is_not_found(le_chan_client, rows, resource, method):
    response = getattr(le_chan_client, method)(f"/api/v1/{resource}/{rows['tn'][resource]}/", {}, format="json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_history_row_of_another_district_is_not_deleted(le_chan_client, rows):
    for resource in RESOURCES:
        le_chan_client.delete(f"/api/v1/{resource}/{rows['tn'][resource]}/")
    assert [model.objects.count() for model in (Rating, Initiative, Award, Discipline)] == [2, 2, 2, 2]


@pytest.mark.parametrize("resource", ["ratings", "awards", "disciplines"])
def test_history_create_about_another_district_names_the_person(le_chan_client, thuy_nguyen_person, new_bodies,
                                                                resource):  # fmt: skip
    body = {**new_bodies[resource], "person": thuy_nguyen_person.pk}
    response = le_chan_client.post(f"/api/v1/{resource}/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"person": OUT_OF_SCOPE})


def test_initiative_create_with_an_author_of_another_district_names_the_author(le_chan_client, thuy_nguyen_person,
                                                                               new_bodies):  # fmt: skip
    body = {**new_bodies["initiatives"], "authors": [{"person": thuy_nguyen_person.pk}]}
    response = le_chan_client.post("/api/v1/initiatives/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"authors": {"0": {"person": OUT_OF_SCOPE}}})


# --- The wrong role: a council member of Lê Chân sees the rows and may not write them --------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
def test_history_list_for_a_reader_holds_the_rows_in_scope(le_chan_viewer_client, rows, resource):
    response = le_chan_viewer_client.get(f"/api/v1/{resource}/")
    assert (response.status_code, ids(response)) == (200, [rows["lc"][resource]])


@pytest.mark.parametrize("resource", RESOURCES)
def test_history_create_by_a_reader_is_forbidden(le_chan_viewer_client, new_bodies, award_types, resource):
    response = le_chan_viewer_client.post(f"/api/v1/{resource}/", new_bodies[resource], format="json")
    assert (response.status_code, response.json()) == (403, HOA_REFUSED)


@pytest.mark.parametrize("resource", ["ratings", "awards", "disciplines"])
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_history_change_by_a_reader_is_forbidden(le_chan_viewer_client, rows, resource, method):
    response = getattr(le_chan_viewer_client, method)(f"/api/v1/{resource}/{rows['lc'][resource]}/", {}, format="json")
    assert (response.status_code, response.json()) == (403, HOA_REFUSED)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_initiative_change_by_a_reader_is_forbidden(le_chan_viewer_client, rows, method):
    response = getattr(le_chan_viewer_client, method)(f"/api/v1/initiatives/{rows['lc']['initiatives']}/", {},
                                                      format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (403, {"detail": "Bạn không có quyền sửa sáng kiến này."})


def test_history_row_is_not_deleted_by_a_reader(le_chan_viewer_client, rows):
    for resource in RESOURCES:
        le_chan_viewer_client.delete(f"/api/v1/{resource}/{rows['lc'][resource]}/")
    assert [model.objects.count() for model in (Rating, Initiative, Award, Discipline)] == [2, 2, 2, 2]


@pytest.mark.parametrize("resource", RESOURCES)
def test_history_create_by_the_city_board(board_officer_client, new_bodies, award_types, resource):
    response = board_officer_client.post(f"/api/v1/{resource}/", new_bodies[resource], format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["id"] > 0


# --- Ratings in scope --------------------------------------------------------------------------------------------


def test_rating_detail(le_chan_client, rows, le_chan_person, city):
    response = le_chan_client.get(f"/api/v1/ratings/{rows['lc']['ratings']}/")
    assert (response.status_code, without_times(response.json())) == (200, {
        "id": rows["lc"]["ratings"], "person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa", "unit": None,
        "unit_name": None, "period_kind": "calendar", "period_kind_display": "Năm dương lịch", "year": 2023,
        "period_label": "2023", "level": "htt", "level_display": "Hoàn thành tốt nhiệm vụ", "rank": 3,
        "rated_unit": city["an_bien"].pk, "note": "",
    })  # fmt: skip


def test_rating_create(le_chan_client, le_chan_person, city):
    body = {"person": le_chan_person.pk, "year": 2024, "level": "htxs", "note": "Theo QĐ 15/QĐ-UBND"}
    response = le_chan_client.post("/api/v1/ratings/", body, format="json")
    rating = Rating.objects.get()
    assert (response.status_code, without_times(response.json())) == (201, {
        "id": rating.pk, "person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa", "unit": None,
        "unit_name": None, "period_kind": "calendar", "period_kind_display": "Năm dương lịch", "year": 2024,
        "period_label": "2024", "level": "htxs", "level_display": "Hoàn thành xuất sắc nhiệm vụ", "rank": 4,
        "rated_unit": city["an_bien"].pk, "note": "Theo QĐ 15/QĐ-UBND",
    })  # fmt: skip


def test_rating_create_of_a_school_is_by_school_year(le_chan_client, city):
    school = make_school(city)["school"]
    response = le_chan_client.post("/api/v1/ratings/", {"unit": school.pk, "year": 2023, "level": "htt"}, format="json")
    data = response.json()
    assert (response.status_code, data["unit_name"], data["period_kind"], data["period_label"]) == (
        201, "Trường THCS An Biên", "school", "năm học 2022–2023"
    )  # fmt: skip


def test_rating_create_twice_names_the_year(le_chan_client, rows, le_chan_person):
    body = {"person": le_chan_person.pk, "year": 2023, "level": "htxs"}
    response = le_chan_client.post("/api/v1/ratings/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"year": ["“Nguyễn Thị Hoa” đã có xếp loại năm 2023."]})


def test_rating_create_without_subject_names_the_person(le_chan_client):
    response = le_chan_client.post("/api/v1/ratings/", {"year": 2023, "level": "htt"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"person": ["Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."]}
    )  # fmt: skip


def test_rating_create_with_an_unknown_level_names_the_level(le_chan_client, le_chan_person):
    body = {"person": le_chan_person.pk, "year": 2023, "level": "gioi"}
    response = le_chan_client.post("/api/v1/ratings/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"level": ["Giá trị không nằm trong danh sách được chọn."]}
    )  # fmt: skip


def test_rating_put(le_chan_client, rows, le_chan_person):
    body = {"person": le_chan_person.pk, "year": 2022, "level": "htxs", "note": "Sửa năm"}
    response = le_chan_client.put(f"/api/v1/ratings/{rows['lc']['ratings']}/", body, format="json")
    data = response.json()
    assert (response.status_code, data["year"], data["level"], data["rank"], data["note"]) == (
        200, 2022, "htxs", 4, "Sửa năm"
    )  # fmt: skip


def test_rating_patch_level_moves_the_rank(le_chan_client, rows):
    response = le_chan_client.patch(f"/api/v1/ratings/{rows['lc']['ratings']}/", {"level": "kht"}, format="json")
    assert (response.status_code, response.json()["rank"], Rating.objects.get(pk=rows["lc"]["ratings"]).rank) == (
        200, 1, 1
    )  # fmt: skip


def test_rating_patch_cannot_change_the_subject(le_chan_client, rows, city):
    response = le_chan_client.patch(
        f"/api/v1/ratings/{rows['lc']['ratings']}/", {"unit": city["an_bien"].pk}, format="json"
    )
    assert (response.status_code, response.json()) == (
        400, {"unit": ["Không đổi được đối tượng; hãy xóa bản ghi nhập nhầm và tạo bản ghi mới."]}
    )  # fmt: skip


def test_rating_delete(le_chan_client, rows):
    response = le_chan_client.delete(f"/api/v1/ratings/{rows['lc']['ratings']}/")
    assert (response.status_code, Rating.objects.filter(pk=rows["lc"]["ratings"]).exists()) == (204, False)


def test_rating_filters_by_person_year_and_level(le_chan_client, rows, le_chan_person):
    other = services.create_rating(by=None, person=le_chan_person, year=2022, level="htxs")
    by_year = ids(le_chan_client.get("/api/v1/ratings/", {"year": 2022}))
    by_level = ids(le_chan_client.get("/api/v1/ratings/", {"level": "htt", "person": le_chan_person.pk}))
    assert (by_year, by_level) == ([other.pk], [rows["lc"]["ratings"]])


def test_rating_filter_by_a_person_of_another_district_is_refused(le_chan_client, rows, thuy_nguyen_person):
    response = le_chan_client.get("/api/v1/ratings/", {"person": thuy_nguyen_person.pk})
    assert (response.status_code, list(response.json())) == (400, ["person"])


def test_rating_list_pages_by_keyset_newest_year_first(le_chan_client, le_chan_person):
    made = [services.create_rating(by=None, person=le_chan_person, year=year, level="htt").pk for year in (2021, 2022)]
    first = le_chan_client.get("/api/v1/ratings/", {"page_size": 1})
    second = le_chan_client.get(first.json()["next"])
    assert (ids(first), ids(second), second.json()["next"]) == ([made[1]], [made[0]], None)


@pytest.mark.parametrize("count", [1, 3])
def test_rating_list_query_count(le_chan_client, le_chan_person, django_assert_num_queries, count):
    for year in range(2020, 2020 + count):
        services.create_rating(by=None, person=le_chan_person, year=year, level="htt")
    with django_assert_num_queries(4):
        assert len(le_chan_client.get("/api/v1/ratings/").json()["results"]) == count


# --- Initiatives in scope ------------------------------------------------------------------------------------------


def test_initiative_detail(le_chan_client, rows, le_chan_person):
    response = le_chan_client.get(f"/api/v1/initiatives/{rows['lc']['initiatives']}/")
    assert (response.status_code, without_times(response.json())) == (200, {
        "id": rows["lc"]["initiatives"], "title": "Sáng kiến của Nguyễn Thị Hoa", "kind": "initiative",
        "kind_display": "Sáng kiến", "level": "co_so", "level_display": "Cấp cơ sở", "recognised_on": "2023-11-15",
        "recognised_by": "", "unit": None, "unit_name": None,
        "authors": [{"person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa", "share": None}],
        "period_kind": "calendar", "period_kind_display": "Năm dương lịch", "year": 2023, "period_label": "2023",
        "backed_award": None,
    })  # fmt: skip


def test_initiative_create_with_shares(le_chan_client, le_chan_person, city):
    partner = PersonFactory(full_name="Phạm Văn Bình", owner_unit=city["an_bien"])
    body = {"title": "Sổ tay số", "kind": "research", "level": "tinh", "recognised_on": "2024-10-01",
            "recognised_by": "Hội đồng sáng kiến thành phố", "unit": city["an_bien"].pk,
            "authors": [{"person": le_chan_person.pk, "share": 70}, {"person": partner.pk, "share": 30}]}  # fmt: skip
    response = le_chan_client.post("/api/v1/initiatives/", body, format="json")
    data = response.json()
    assert (response.status_code, data["authors"], data["unit_name"], data["year"], data["level_display"]) == (
        201,
        [{"person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa", "share": 70},
         {"person": partner.pk, "person_name": "Phạm Văn Bình", "share": 30}],
        "Phường An Biên", 2024, "Cấp bộ, ban, ngành, tỉnh",
    )  # fmt: skip


def test_initiative_create_without_authors_names_the_authors(le_chan_client, new_bodies):
    body = {**new_bodies["initiatives"], "authors": []}
    response = le_chan_client.post("/api/v1/initiatives/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"authors": ["Cần ít nhất một tác giả."]})


def test_initiative_put_replaces_the_authors(le_chan_client, rows, city):
    partner = PersonFactory(full_name="Phạm Văn Bình", owner_unit=city["an_bien"])
    body = {"title": "Sáng kiến mới", "level": "co_so", "recognised_on": "2023-11-15",
            "authors": [{"person": partner.pk, "share": 100}]}  # fmt: skip
    response = le_chan_client.put(f"/api/v1/initiatives/{rows['lc']['initiatives']}/", body, format="json")
    data = response.json()
    assert (response.status_code, data["title"], data["authors"]) == (
        200, "Sáng kiến mới", [{"person": partner.pk, "person_name": "Phạm Văn Bình", "share": 100}]
    )  # fmt: skip


def test_initiative_patch_keeps_co_authors_the_caller_does_not_see(le_chan_client, le_chan_person,
                                                                   thuy_nguyen_person):  # fmt: skip
    initiative = services.create_initiative(
        by=None, authors=[le_chan_person, thuy_nguyen_person], title="Liên thông hồ sơ", level="co_so",
        recognised_on=dt.date(2024, 3, 1),
    )  # fmt: skip
    body = {"authors": [{"person": le_chan_person.pk, "share": 50}]}
    response = le_chan_client.patch(f"/api/v1/initiatives/{initiative.pk}/", body, format="json")
    assert (response.status_code, [(row["person_name"], row["share"]) for row in response.json()["authors"]]) == (
        200, [("Nguyễn Thị Hoa", 50), ("Đặng Văn Đức", None)]
    )  # fmt: skip


def test_initiative_patch_recognition_date_moves_the_year(le_chan_client, rows):
    body = {"recognised_on": "2024-02-01"}
    response = le_chan_client.patch(f"/api/v1/initiatives/{rows['lc']['initiatives']}/", body, format="json")
    assert (response.status_code, response.json()["year"]) == (200, 2024)


def test_initiative_patch_adding_an_author_of_another_district_is_refused(le_chan_client, rows, thuy_nguyen_person):
    initiative = Initiative.objects.get(pk=rows["lc"]["initiatives"])
    services.update_initiative(initiative, by=None, unit=None)
    body = {"authors": [{"person": thuy_nguyen_person.pk}]}
    response = le_chan_client.patch(f"/api/v1/initiatives/{initiative.pk}/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"authors": {"0": {"person": OUT_OF_SCOPE}}})


def test_initiative_delete(le_chan_client, rows):
    response = le_chan_client.delete(f"/api/v1/initiatives/{rows['lc']['initiatives']}/")
    assert (response.status_code, Initiative.objects.filter(pk=rows["lc"]["initiatives"]).exists()) == (204, False)


def test_initiative_delete_when_it_backs_an_award_is_refused(le_chan_client, rows, le_chan_person):
    initiative = Initiative.objects.get(pk=rows["lc"]["initiatives"])
    services.update_award(Award.objects.get(pk=rows["lc"]["awards"]), by=None, backing_initiatives=[initiative])
    response = le_chan_client.delete(f"/api/v1/initiatives/{initiative.pk}/")
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [
        "Sáng kiến “Sáng kiến của Nguyễn Thị Hoa” đã làm căn cứ cho khen thưởng “Nguyễn Thị Hoa: Lao động tiên tiến "
        "(2023)”: một sáng kiến chỉ làm căn cứ cho một khen thưởng."
    ]})  # fmt: skip


def test_initiative_filters_by_author_and_backing(le_chan_client, rows, le_chan_person):
    initiative = Initiative.objects.get(pk=rows["lc"]["initiatives"])
    by_author = ids(le_chan_client.get("/api/v1/initiatives/", {"person": le_chan_person.pk}))
    before = ids(le_chan_client.get("/api/v1/initiatives/", {"backed": "true"}))
    services.update_award(Award.objects.get(pk=rows["lc"]["awards"]), by=None, backing_initiatives=[initiative])
    after = ids(le_chan_client.get("/api/v1/initiatives/", {"backed": "true"}))
    assert (by_author, before, after) == ([initiative.pk], [], [initiative.pk])


# --- Awards in scope -----------------------------------------------------------------------------------------------


def test_award_detail(le_chan_client, rows, le_chan_person, award_types):
    response = le_chan_client.get(f"/api/v1/awards/{rows['lc']['awards']}/")
    assert (response.status_code, without_times(response.json())) == (200, {
        "id": rows["lc"]["awards"], "person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa", "unit": None,
        "unit_name": None, "household": None, "recipient_kind": "individual", "award_code": "LDTT",
        "award_type": award_types["ldtt_2017"].pk, "award_name": "Lao động tiên tiến",
        "commendation_kind": "cong_trang", "commendation_kind_display": "Khen thưởng công trạng",
        "counts_toward_merit": True, "period_kind": "calendar", "period_kind_display": "Năm dương lịch",
        "year": 2023, "period_label": "2023", "decision_number": "12/QĐ-UBND", "decision_date": "2023-12-20",
        "authority": None, "authority_name": "", "achievement": "", "posthumous": False, "source": "historical",
        "source_display": "Nhập lịch sử", "recipient_name": "Nguyễn Thị Hoa", "gender": "M", "birth_year": None,
        "ethnicity_name": "", "is_minority": False, "is_direct_worker": False, "position_category": "civil_servant",
        "position": "Chuyên viên", "recipient_unit_name": "Phường An Biên", "backing_initiatives": [],
    })  # fmt: skip


def test_award_create_by_stable_code(le_chan_client, rows, le_chan_person, award_types):
    body = {"person": le_chan_person.pk, "award_code": "LDTT", "year": 2024, "decision_number": "3/QĐ-UBND",
            "decision_date": "2025-01-10", "authority_name": "Chủ tịch UBND phường An Biên",
            "achievement": "Hoàn thành xuất sắc nhiệm vụ",
            "backing_initiatives": [rows["lc"]["initiatives"]]}  # fmt: skip
    response = le_chan_client.post("/api/v1/awards/", body, format="json")
    award = Award.objects.get(decision_number="3/QĐ-UBND")
    data = response.json()
    assert (response.status_code, data["id"], data["award_code"], data["award_type"], data["counts_toward_merit"],
            data["backing_initiatives"], data["recipient_name"], award.created_by.username) == (
        201, award.pk, "LDTT", award_types["ldtt_2024"].pk, True, [rows["lc"]["initiatives"]], "Nguyễn Thị Hoa",
        "canbo.lechan",
    )  # fmt: skip


def test_award_create_of_a_collective(le_chan_client, city, award_types):
    body = {"unit": city["an_bien"].pk, "award_code": "TTLDTT", "year": 2024}
    response = le_chan_client.post("/api/v1/awards/", body, format="json")
    data = response.json()
    assert (response.status_code, data["recipient_kind"], data["unit_name"], data["recipient_name"]) == (
        201, "collective", "Phường An Biên", "Phường An Biên"
    )  # fmt: skip


def test_award_create_of_an_unknown_code_names_the_code(le_chan_client, le_chan_person, award_types):
    body = {"person": le_chan_person.pk, "award_code": "LDXS", "year": 2024}
    response = le_chan_client.post("/api/v1/awards/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"award_code": ["Không có danh hiệu, hình thức khen thưởng mã “LDXS”."]}
    )  # fmt: skip


def test_award_create_of_an_individual_title_for_a_unit_names_the_unit(le_chan_client, city, award_types):
    body = {"unit": city["an_bien"].pk, "award_code": "LDTT", "year": 2024}
    response = le_chan_client.post("/api/v1/awards/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"unit": ["“Lao động tiên tiến” không dùng để khen thưởng tập thể."]}
    )  # fmt: skip


def test_award_put(le_chan_client, rows, le_chan_person):
    body = {"person": le_chan_person.pk, "award_code": "GK", "year": 2023, "commendation_kind": "dot_xuat",
            "decision_number": "12/QĐ-UBND", "decision_date": "2023-12-20"}  # fmt: skip
    response = le_chan_client.put(f"/api/v1/awards/{rows['lc']['awards']}/", body, format="json")
    data = response.json()
    assert (response.status_code, data["award_code"], data["award_name"], data["counts_toward_merit"]) == (
        200, "GK", "Giấy khen", False
    )  # fmt: skip


def test_award_patch_achievement(le_chan_client, rows):
    body = {"achievement": "Dẫn đầu phong trào"}
    response = le_chan_client.patch(f"/api/v1/awards/{rows['lc']['awards']}/", body, format="json")
    assert (response.status_code, response.json()["achievement"], response.json()["award_code"]) == (
        200, "Dẫn đầu phong trào", "LDTT"
    )  # fmt: skip


def test_award_delete(le_chan_client, rows):
    response = le_chan_client.delete(f"/api/v1/awards/{rows['lc']['awards']}/")
    assert (response.status_code, Award.objects.filter(pk=rows["lc"]["awards"]).exists()) == (204, False)


def test_award_filters_by_codes_and_merit(le_chan_client, rows, le_chan_person, award_types):
    gk = services.create_award(by=None, person=le_chan_person, award_code="GK", year=2024, commendation_kind="dot_xuat")
    by_codes = ids(le_chan_client.get("/api/v1/awards/", {"award_code": "LDTT,GK"}))
    by_code = ids(le_chan_client.get("/api/v1/awards/", {"award_code": "GK"}))
    merit = ids(le_chan_client.get("/api/v1/awards/", {"counts_toward_merit": "true"}))
    assert (by_codes, by_code, merit) == ([gk.pk, rows["lc"]["awards"]], [gk.pk], [rows["lc"]["awards"]])


@pytest.mark.parametrize("count", [1, 3])
def test_award_list_query_count(le_chan_client, le_chan_person, award_types, django_assert_num_queries, count):
    for year in range(2020, 2020 + count):
        services.create_award(by=None, person=le_chan_person, award_code="LDTT", year=year)
    with django_assert_num_queries(4):
        assert len(le_chan_client.get("/api/v1/awards/").json()["results"]) == count


# --- Discipline in scope -------------------------------------------------------------------------------------------


def test_discipline_detail(le_chan_client, rows, le_chan_person):
    response = le_chan_client.get(f"/api/v1/disciplines/{rows['lc']['disciplines']}/")
    assert (response.status_code, without_times(response.json())) == (200, {
        "id": rows["lc"]["disciplines"], "person": le_chan_person.pk, "person_name": "Nguyễn Thị Hoa", "unit": None,
        "unit_name": None, "status": "in_effect", "status_display": "Đã quyết định kỷ luật", "kind": "khien_trach",
        "kind_display": "Khiển trách", "severity": 1, "decision_number": "", "start_date": "2022-03-01",
        "end_date": "2023-02-28", "reason": "", "period_kind": "calendar", "period_kind_display": "Năm dương lịch",
        "year": 2022, "period_label": "2022",
    })  # fmt: skip


def test_discipline_create_pending(le_chan_client, le_chan_person):
    body = {"person": le_chan_person.pk, "status": "pending", "start_date": "2024-05-01", "reason": "Thanh tra"}
    response = le_chan_client.post("/api/v1/disciplines/", body, format="json")
    data = response.json()
    assert (response.status_code, data["kind"], data["severity"], data["year"], data["status_display"]) == (
        201, "", 0, 2024, "Đang xem xét, điều tra, thanh tra"
    )  # fmt: skip


def test_discipline_create_ending_before_it_starts_names_the_end(le_chan_client, le_chan_person):
    body = {"person": le_chan_person.pk, "kind": "canh_cao", "start_date": "2024-05-01", "end_date": "2024-04-01"}
    response = le_chan_client.post("/api/v1/disciplines/", body, format="json")
    assert (response.status_code, response.json()) == (
        400, {"end_date": ["Ngày kết thúc không được trước ngày bắt đầu (01/05/2024)."]}
    )  # fmt: skip


def test_discipline_put(le_chan_client, rows, le_chan_person):
    body = {"person": le_chan_person.pk, "kind": "canh_cao", "start_date": "2022-03-01", "end_date": "2023-02-28",
            "decision_number": "9/QĐ-UBND"}  # fmt: skip
    response = le_chan_client.put(f"/api/v1/disciplines/{rows['lc']['disciplines']}/", body, format="json")
    data = response.json()
    assert (response.status_code, data["kind"], data["severity"], data["decision_number"]) == (
        200, "canh_cao", 2, "9/QĐ-UBND"
    )  # fmt: skip


def test_discipline_patch_ends_it(le_chan_client, rows):
    body = {"end_date": "2022-12-31"}
    response = le_chan_client.patch(f"/api/v1/disciplines/{rows['lc']['disciplines']}/", body, format="json")
    assert (response.status_code, response.json()["end_date"]) == (200, "2022-12-31")


def test_discipline_delete(le_chan_client, rows):
    response = le_chan_client.delete(f"/api/v1/disciplines/{rows['lc']['disciplines']}/")
    assert (response.status_code, Discipline.objects.filter(pk=rows["lc"]["disciplines"]).exists()) == (204, False)


def test_discipline_filter_by_status(le_chan_client, rows, le_chan_person):
    pending = services.create_discipline(by=None, person=le_chan_person, status="pending",
                                         start_date=dt.date(2024, 1, 1))  # fmt: skip
    response = le_chan_client.get("/api/v1/disciplines/", {"status": "pending"})
    assert ids(response) == [pending.pk]
