"""The history timeline of a person and of a unit: an htmx partial of their pages, by period, newest first."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.orgs import PersonFactory
from thidua.records import services

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def partial(client, name: str, pk: int):
    return client.get(reverse(f"records:{name}", args=[pk]), HTTP_HX_REQUEST="true")


@pytest.fixture
def hoa_history(le_chan_person, award_types):
    """Nguyễn Thị Hoa: rated 2022 and 2023, Lao động tiên tiến 2023 resting on an initiative, a reprimand in 2022."""
    person = le_chan_person
    services.create_rating(by=None, person=person, year=2022, level="htt")
    services.create_rating(by=None, person=person, year=2023, level="htxs")
    initiative = services.create_initiative(
        by=None, authors=[{"person": person, "share": 100}], title="Số hóa hồ sơ một cửa", level="co_so",
        recognised_on=dt.date(2023, 11, 15), recognised_by="Hội đồng sáng kiến",
    )  # fmt: skip
    services.create_award(by=None, person=person, award_code="LDTT", year=2023, decision_number="12/QĐ-UBND",
                          decision_date=dt.date(2023, 12, 20), backing_initiatives=[initiative])  # fmt: skip
    services.create_discipline(by=None, person=person, kind="khien_trach", start_date=dt.date(2022, 3, 1),
                               end_date=dt.date(2023, 2, 28), decision_number="4/QĐ-UBND")  # fmt: skip
    return person


# --- Who sees it ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["timeline-person", "timeline-unit"])
def test_timeline_anonymous_is_sent_to_login(client, le_chan_person, city, name):
    pk = le_chan_person.pk if name == "timeline-person" else city["an_bien"].pk
    path = reverse(f"records:{name}", args=[pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


@pytest.mark.parametrize("name", ["timeline-person", "timeline-unit"])
def test_timeline_without_role_is_not_found(no_role_client, le_chan_person, city, name):
    pk = le_chan_person.pk if name == "timeline-person" else city["an_bien"].pk
    assert partial(no_role_client, name, pk).status_code == 404


@pytest.mark.parametrize("name", ["timeline-person", "timeline-unit"])
def test_timeline_of_another_district_is_not_found(officer_client, thuy_nguyen_person, city, name):
    pk = thuy_nguyen_person.pk if name == "timeline-person" else city["minh_duc"].pk
    assert partial(officer_client, name, pk).status_code == 404


def test_timeline_for_a_reader_shows_the_history_without_forms(reader_client, hoa_history):
    response = partial(reader_client, "timeline-person", hoa_history.pk)
    html = response.content.decode()
    assert (response.status_code, "Hoàn thành xuất sắc nhiệm vụ" in html, "Thêm xếp loại" in html) == (200, True, False)


def test_timeline_for_an_officer_offers_the_forms(officer_client, le_chan_person):
    html = partial(officer_client, "timeline-person", le_chan_person.pk).content.decode()
    links = [reverse(f"records:{kind}-create-person", args=[le_chan_person.pk])
             for kind in ("rating", "award", "initiative", "discipline")]  # fmt: skip
    assert [link in html for link in links] == [True, True, True, True]


# --- What it shows -------------------------------------------------------------------------------------------------


def test_timeline_partial_is_a_fragment_by_period_newest_first(officer_client, hoa_history):
    response = partial(officer_client, "timeline-person", hoa_history.pk)
    html = response.content.decode()
    assert (response.status_code, "<html" in html, response["Vary"]) == (200, False, "HX-Request, Cookie")
    assert [group.label for group in response.context["groups"]] == ["2023", "2022"]
    assert html.index("<h3>2023</h3>") < html.index("<h3>2022</h3>")


def test_timeline_lists_each_kind_of_record(officer_client, hoa_history):
    html = " ".join(partial(officer_client, "timeline-person", hoa_history.pk).content.decode().split())
    for text in (
        "Xếp loại: <strong>Hoàn thành xuất sắc nhiệm vụ</strong>",
        "Khen thưởng: <strong>Lao động tiên tiến</strong>",
        "Quyết định số 12/QĐ-UBND ngày 20/12/2023",
        "Sáng kiến: <strong>Số hóa hồ sơ một cửa</strong>",
        "đã làm căn cứ khen thưởng",
        "công nhận ngày 15/11/2023 — Hội đồng sáng kiến; tác giả: Nguyễn Thị Hoa (100%)",
        "Kỷ luật: <strong>Khiển trách</strong>",
        "từ 01/03/2022 đến 28/02/2023 — Quyết định số 4/QĐ-UBND",
    ):
        assert text in html


def test_timeline_of_a_teacher_shows_school_years(officer_client, teacher):
    services.create_rating(by=None, person=teacher, year=2023, level="htt")
    services.create_rating(by=None, person=teacher, year=2022, level="htt")
    html = partial(officer_client, "timeline-person", teacher.pk).content.decode()
    assert html.index("<h3>năm học 2022–2023</h3>") < html.index("<h3>năm học 2021–2022</h3>")


def test_timeline_of_a_unit_holds_its_own_records(officer_client, city, award_types):
    services.create_award(by=None, unit=city["an_bien"], award_code="TTLDTT", year=2024)
    services.create_rating(by=None, unit=city["an_bien"], year=2024, level="htxs")
    html = partial(officer_client, "timeline-unit", city["an_bien"].pk).content.decode()
    assert ("Tập thể lao động tiên tiến" in html, "<h3>2024</h3>" in html) == (True, True)


def test_timeline_shows_only_co_authors_the_user_may_see(officer_client, le_chan_person, thuy_nguyen_person):
    services.create_initiative(by=None, authors=[le_chan_person, thuy_nguyen_person], title="Liên thông hồ sơ",
                               level="co_so", recognised_on=dt.date(2024, 3, 1))  # fmt: skip
    html = partial(officer_client, "timeline-person", le_chan_person.pk).content.decode()
    assert ("Nguyễn Thị Hoa" in html, "Đặng Văn Đức" in html) == (True, False)


def test_timeline_empty_says_so(officer_client, le_chan_person):
    html = partial(officer_client, "timeline-person", le_chan_person.pk).content.decode()
    assert "Chưa có xếp loại, khen thưởng, sáng kiến hay kỷ luật nào được ghi nhận." in html


def test_timeline_without_htmx_is_a_page(officer_client, hoa_history):
    response = officer_client.get(reverse("records:timeline-person", args=[hoa_history.pk]))
    html = response.content.decode()
    assert (response.status_code, "<html" in html, "<h1>Quá trình thi đua, khen thưởng</h1>" in html) == (
        200, True, True
    )  # fmt: skip


@pytest.mark.parametrize("count", [1, 3])
def test_timeline_query_count(officer_client, le_chan_person, award_types, django_assert_num_queries, count):
    for year in range(2020, 2020 + count):
        services.create_rating(by=None, person=le_chan_person, year=year, level="htt")
        services.create_award(by=None, person=le_chan_person, award_code="LDTT", year=year)
        services.create_initiative(by=None, authors=[le_chan_person, PersonFactory()], title=f"Sáng kiến {year}",
                                   level="co_so", recognised_on=dt.date(year, 5, 1))  # fmt: skip
        services.create_discipline(by=None, person=le_chan_person, kind="khien_trach", start_date=dt.date(year, 5, 1))
    with django_assert_num_queries(12):
        response = partial(officer_client, "timeline-person", le_chan_person.pk)
    assert len(response.context["groups"]) == count


# --- The pages that load it ----------------------------------------------------------------------------------------


def test_person_page_loads_the_timeline_with_htmx_and_a_link(officer_client, le_chan_person):
    url = reverse("records:timeline-person", args=[le_chan_person.pk])
    html = officer_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk])).content.decode()
    assert (f'hx-get="{url}" hx-trigger="load"' in html, f'<a href="{url}">' in html) == (True, True)


def test_unit_page_loads_the_timeline_with_htmx_and_a_link(officer_client, city):
    url = reverse("records:timeline-unit", args=[city["an_bien"].pk])
    html = officer_client.get(reverse("orgs:unit-detail", args=[city["an_bien"].pk])).content.decode()
    assert (f'hx-get="{url}" hx-trigger="load"' in html, f'<a href="{url}">' in html) == (True, True)
