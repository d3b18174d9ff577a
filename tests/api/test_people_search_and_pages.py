"""?search= and keyset pages of /api/v1/people/: the same answers on SQLite and PostgreSQL (run the suite on both)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.core.text import person_sort_key

pytestmark = pytest.mark.django_db

NAMES = ["Nguyễn Thị Hoa", "Nguyễn Văn An", "Lê Thị Lan", "Đặng Văn Đức", "Trần Thị Ánh", "Nguyễn Thị Minh Khai"]


@pytest.fixture
def city_officer_client(city):
    """An officer of the whole city: sees both districts."""
    return token_client(user_with_role("unit_officer", city["root"], username="canbo.thanhpho"))


@pytest.fixture
def people(city):
    """The NAMES, alternately in Phường An Biên (Lê Chân) and Thị trấn Minh Đức (Thủy Nguyên)."""
    wards = [city["an_bien"], city["minh_duc"]]
    for index, name in enumerate(NAMES):
        MembershipFactory(person=PersonFactory(full_name=name), unit=wards[index % 2])


def search(client, query):
    response = client.get("/api/v1/people/", {"search": query})
    assert response.status_code == 200, response.content
    return [row["full_name"] for row in response.json()["results"]]


def test_search_without_diacritics_finds_nguyen_thi(city_officer_client, people):
    assert search(city_officer_client, "nguyen thi") == ["Nguyễn Thị Hoa", "Nguyễn Thị Minh Khai"]


def test_search_in_capitals_with_diacritics_finds_nguyen_thi(city_officer_client, people):
    assert search(city_officer_client, "NGUYỄN THỊ") == ["Nguyễn Thị Hoa", "Nguyễn Thị Minh Khai"]


def test_search_folds_d_with_stroke(city_officer_client, people):
    assert search(city_officer_client, "dang van duc") == ["Đặng Văn Đức"]


def test_search_word_must_start_a_word_of_the_name(city_officer_client, people):
    # "an" begins "An" and "Ánh" but is only inside "Lan".
    assert search(city_officer_client, "an") == ["Nguyễn Văn An", "Trần Thị Ánh"]


def test_search_never_finds_people_of_another_district(le_chan_client, people):
    # Đặng Văn Đức works in Thủy Nguyên.
    assert search(le_chan_client, "dang van duc") == []


def test_search_of_an_officer_finds_only_the_district_people(le_chan_client, people):
    # Nguyễn Văn An and Nguyễn Thị Minh Khai work in Thủy Nguyên.
    assert search(le_chan_client, "nguyen") == ["Nguyễn Thị Hoa"]


def test_search_with_no_match_is_empty(city_officer_client, people):
    assert search(city_officer_client, "zzz") == []


# --- Keyset pages ---------------------------------------------------------------------------------------


@pytest.fixture
def many_people(city):
    """Twelve people with equal names among them, so that a page boundary falls inside a run of equal sort keys."""
    names = ["Nguyễn Văn An"] * 4 + ["Lê Thị Bình"] * 3 + ["Trần Đức", "Phạm Thị Ánh", "Vũ Ân", "Đỗ Thị Ca", "Hà Em"]
    people = [PersonFactory(full_name=name) for name in names]
    for person in people:
        MembershipFactory(person=person, unit=city["an_bien"])
    return sorted(people, key=lambda person: (person_sort_key(person.full_name), person.pk))


def walk_forward(client, page_size):
    """Every page from the first, following ``next``: the ids per page."""
    pages = []
    url = f"/api/v1/people/?page_size={page_size}"
    while url:
        data = client.get(url).json()
        pages.append([row["id"] for row in data["results"]])
        url = data["next"]
    return pages


def test_keyset_first_two_pages_follow_the_vietnamese_order(le_chan_client, many_people):
    first = le_chan_client.get("/api/v1/people/", {"page_size": 5}).json()
    second = le_chan_client.get(first["next"]).json()
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert ids == [person.pk for person in many_people[:10]]


def test_keyset_pages_never_repeat_or_skip_a_row(le_chan_client, many_people):
    pages = walk_forward(le_chan_client, 3)
    assert [len(page) for page in pages] == [3, 3, 3, 3]
    assert [pk for page in pages for pk in page] == [person.pk for person in many_people]


def test_keyset_deep_page_uses_no_offset(le_chan_client, many_people):
    first = le_chan_client.get("/api/v1/people/", {"page_size": 5}).json()
    with CaptureQueriesContext(connection) as queries:
        le_chan_client.get(first["next"])
    page_query = next(query["sql"] for query in queries if 'FROM "orgs_person"' in query["sql"])
    assert ("OFFSET" in page_query.upper(), "LIMIT 6" in page_query.upper()) == (False, True)


def test_keyset_last_page_has_no_next(le_chan_client, many_people):
    data = le_chan_client.get("/api/v1/people/", {"page_size": 20}).json()
    assert (len(data["results"]), data["next"], data["previous"]) == (12, None, None)


def test_keyset_previous_link_returns_the_page_before(le_chan_client, many_people):
    first = le_chan_client.get("/api/v1/people/", {"page_size": 5}).json()
    second = le_chan_client.get(first["next"]).json()
    back = le_chan_client.get(second["previous"]).json()
    assert ([row["id"] for row in back["results"]], back["previous"]) == ([row["id"] for row in first["results"]], None)


def test_keyset_page_is_stable_when_an_earlier_row_is_added(le_chan_client, many_people, city):
    first = le_chan_client.get("/api/v1/people/", {"page_size": 5}).json()
    MembershipFactory(person=PersonFactory(full_name="Nguyễn Văn A"), unit=city["an_bien"])
    second = le_chan_client.get(first["next"]).json()
    assert [row["id"] for row in second["results"]] == [person.pk for person in many_people[5:10]]


def test_keyset_pages_keep_the_search(le_chan_client, many_people):
    first = le_chan_client.get("/api/v1/people/", {"search": "nguyen van an", "page_size": 3}).json()
    second = le_chan_client.get(first["next"]).json()
    assert [row["full_name"] for row in first["results"] + second["results"]] == ["Nguyễn Văn An"] * 4


def test_keyset_rejects_a_forged_cursor(le_chan_client, many_people):
    response = le_chan_client.get("/api/v1/people/", {"cursor": "bm90LWEtY3Vyc29y"})
    assert (response.status_code, response.json()) == (400, {"cursor": ["Con trỏ trang không hợp lệ."]})


def test_keyset_rejects_a_page_size_that_is_not_a_positive_number(le_chan_client, many_people):
    response = le_chan_client.get("/api/v1/people/", {"page_size": "0"})
    assert (response.status_code, response.json()) == (400, {"page_size": ["Cỡ trang phải là số nguyên dương."]})


@pytest.mark.parametrize("values", [["x", "abc"], [None, None], [{"a": 1}, 1]])
def test_keyset_rejects_a_well_formed_cursor_with_values_of_the_wrong_type(le_chan_client, many_people, values):
    import base64
    import json

    raw = json.dumps({"v": values, "r": 0}).encode()
    response = le_chan_client.get("/api/v1/people/", {"cursor": base64.urlsafe_b64encode(raw).decode()})
    assert (response.status_code, response.json()) == (400, {"cursor": ["Con trỏ trang không hợp lệ."]})
