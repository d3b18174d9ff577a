"""The keyset paginator and the capped count of thidua.core.pagination."""

import pytest

from tests.factories.orgs import PersonFactory
from thidua.core.pagination import KeysetPaginator, capped_count, decode_cursor, encode_cursor
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db

NAMES = ["Trần Văn An", "Lê Thị Bình", "Phạm Văn Cường", "Nguyễn Thị Dung", "Hoàng Văn Em"]


@pytest.fixture
def five_people():
    return [PersonFactory(full_name=name) for name in NAMES]


def names(page) -> list[str]:
    return [person.full_name for person in page]


def test_first_page_holds_the_first_rows_in_key_order(five_people):
    page = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=2).page({})
    assert (names(page), page.has_previous, page.has_next) == (["Trần Văn An", "Lê Thị Bình"], False, True)


def test_next_page_starts_after_the_cursor(five_people):
    paginator = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=2)
    second = paginator.page({"after": paginator.page({}).next_cursor})
    assert (names(second), second.has_previous, second.has_next) == (["Phạm Văn Cường", "Nguyễn Thị Dung"], True, True)


def test_last_page_has_no_next_cursor(five_people):
    paginator = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=2)
    second = paginator.page({"after": paginator.page({}).next_cursor})
    last = paginator.page({"after": second.next_cursor})
    assert (names(last), last.has_previous, last.has_next) == (["Hoàng Văn Em"], True, False)


def test_previous_page_comes_back_in_key_order(five_people):
    paginator = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=2)
    second = paginator.page({"after": paginator.page({}).next_cursor})
    back = paginator.page({"before": second.previous_cursor})
    assert (names(back), back.has_previous, back.has_next) == (["Trần Văn An", "Lê Thị Bình"], False, True)


def test_equal_keys_are_separated_by_primary_key():
    twins = [PersonFactory(full_name="Nguyễn Văn An") for _ in range(3)]
    paginator = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=2)
    first = paginator.page({})
    second = paginator.page({"after": first.next_cursor})
    assert [p.pk for p in first] + [p.pk for p in second] == [p.pk for p in twins]


def test_descending_order_walks_backwards(five_people):
    paginator = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=3, descending=True)
    first = paginator.page({})
    second = paginator.page({"after": first.next_cursor})
    assert names(first) + names(second) == list(reversed(NAMES))


def test_a_broken_cursor_shows_the_first_page(five_people):
    page = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=2).page({"after": "không-phải-con-trỏ"})
    assert names(page) == ["Trần Văn An", "Lê Thị Bình"]


def test_cursor_round_trips_key_and_pk():
    assert decode_cursor(encode_cursor("2001003", 42)) == ("2001003", 42)


def test_page_is_read_in_one_query(five_people, django_assert_num_queries):
    paginator = KeysetPaginator(Person.objects.all(), key="sort_key", per_page=2)
    cursor = paginator.page({}).next_cursor
    with django_assert_num_queries(1):
        paginator.page({"after": cursor})


def test_capped_count_below_the_cap_is_exact(five_people):
    count = capped_count(Person.objects.all(), cap=10)
    assert (count.value, count.capped) == (5, False)


def test_capped_count_above_the_cap_says_more(five_people):
    count = capped_count(Person.objects.all(), cap=3)
    assert (count.value, count.capped) == (3, True)


def test_capped_count_counts_with_a_limit(five_people, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        capped_count(Person.objects.all(), cap=3)
    assert "LIMIT 4" in captured.captured_queries[0]["sql"]
