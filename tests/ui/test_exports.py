"""Every list page exports what its filters select to XLSX (``?format=xlsx``): every row, not one page, with
Vietnamese headers, in the user's scope; anonymous visitors go to the login page. People, units and awards here;
dossiers and decisions in test_exports_workflow.py."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import MembershipFactory, PersonFactory
from tests.factories.records import AwardFactory
from thidua.core import xlsx
from thidua.orgs.models import Gender

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_of(response):
    return load_workbook(io.BytesIO(response.xlsx))


def table_of(response) -> tuple[list, list[list]]:
    """(the header row, the data rows) of the first sheet: the rows after the one that starts with "STT"."""
    rows = [list(row) for row in workbook_of(response).active.iter_rows(values_only=True)]
    header = next(index for index, row in enumerate(rows) if row[0] == "STT")
    return rows[header], rows[header + 1 :]


def export(client, name: str, **query):
    """The response with its file read to the end (``response.xlsx``): the test client then closes it."""
    response = client.get(reverse(name), {**query, "format": "xlsx"})
    if response.streaming:
        response.xlsx = b"".join(response.streaming_content)
    return response


# --- People ---------------------------------------------------------------------------------------------


def test_people_export_anonymous_is_sent_to_login(client, city):
    response = export(client, "orgs:person-list")
    assert (response.status_code, response["Location"].startswith(reverse("accounts:login"))) == (302, True)


def test_people_export_is_an_xlsx_download(officer_client, le_chan_person):
    response = export(officer_client, "orgs:person-list")
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-ca-nhan.xlsx"'


def test_people_export_has_vietnamese_headers(officer_client, le_chan_person):
    header, _rows = table_of(export(officer_client, "orgs:person-list"))
    assert header == ["STT", "Họ và tên", "Ngày sinh (năm sinh)", "Giới tính", "Dân tộc", "Chức vụ", "Đơn vị công tác",
                      "Đối tượng", "Trực tiếp lao động, sản xuất", "Ngày mất"]  # fmt: skip


def test_people_export_holds_the_person_with_a_real_date(officer_client, city):
    person = PersonFactory(full_name="Lý Thị Mai", gender=Gender.FEMALE, birth_date=dt.date(1985, 3, 9))
    MembershipFactory(person=person, unit=city["an_bien"], position="Chuyên viên")
    _header, rows = table_of(export(officer_client, "orgs:person-list"))
    assert [*rows[0][:2], rows[0][2].date(), rows[0][3]] == [1, "Lý Thị Mai", dt.date(1985, 3, 9), "Nữ"]
    assert rows[0][5:7] == ["Chuyên viên", "Phường An Biên"]


def test_people_export_keeps_the_scope(officer_client, le_chan_person, thuy_nguyen_person):
    _header, rows = table_of(export(officer_client, "orgs:person-list"))
    assert [row[1] for row in rows] == ["Nguyễn Thị Hoa"]


def test_people_export_of_a_user_without_role_is_empty(no_role_client, le_chan_person):
    _header, rows = table_of(export(no_role_client, "orgs:person-list"))
    assert rows == []


def test_people_export_keeps_the_filters(officer_client, city):
    MembershipFactory(person=PersonFactory(full_name="Lê Văn Nam", gender=Gender.MALE), unit=city["an_bien"])
    MembershipFactory(person=PersonFactory(full_name="Lê Thị Na", gender=Gender.FEMALE), unit=city["an_bien"])
    _header, rows = table_of(export(officer_client, "orgs:person-list", gender=Gender.MALE))
    assert [row[1] for row in rows] == ["Lê Văn Nam"]


def test_people_export_search_ignores_diacritics(officer_client, city, le_chan_person):
    MembershipFactory(person=PersonFactory(full_name="Lê Văn Nam"), unit=city["an_bien"])
    _header, rows = table_of(export(officer_client, "orgs:person-list", q="nguyen thi"))
    assert [row[1] for row in rows] == ["Nguyễn Thị Hoa"]


def test_people_export_says_which_filters_it_holds(officer_client, le_chan_person):
    response = export(officer_client, "orgs:person-list", gender=Gender.FEMALE)
    titles = [row[0] for row in workbook_of(response).active.iter_rows(max_row=4, values_only=True)]
    assert (titles[0], "Giới tính: Nữ" in titles) == ("Danh sách cá nhân", True)


def test_people_export_holds_every_row_not_one_page(officer_client, city, monkeypatch):
    monkeypatch.setattr("thidua.orgs.views.PersonListView.paginate_by", 2)
    for name in ("Ngô Văn An", "Ngô Văn Bình", "Ngô Văn Cường", "Ngô Văn Dũng", "Ngô Văn Đông"):
        MembershipFactory(person=PersonFactory(full_name=name), unit=city["an_bien"])
    _header, rows = table_of(export(officer_client, "orgs:person-list"))
    assert [row[1] for row in rows] == ["Ngô Văn An", "Ngô Văn Bình", "Ngô Văn Cường", "Ngô Văn Dũng",
                                        "Ngô Văn Đông"]  # fmt: skip


def test_people_export_ignores_the_page_cursor(officer_client, city, monkeypatch):
    monkeypatch.setattr("thidua.orgs.views.PersonListView.paginate_by", 1)
    for name in ("Ngô Văn An", "Ngô Văn Bình"):
        MembershipFactory(person=PersonFactory(full_name=name), unit=city["an_bien"])
    second_page = officer_client.get(reverse("orgs:person-list")).context["page"].next_cursor
    _header, rows = table_of(export(officer_client, "orgs:person-list", after=second_page))
    assert len(rows) == 2


def test_people_export_reads_in_few_queries(officer_client, city, django_assert_max_num_queries):
    for index in range(30):
        MembershipFactory(person=PersonFactory(full_name=f"Ngô Văn An {index}"), unit=city["an_bien"])
    with django_assert_max_num_queries(12):
        export(officer_client, "orgs:person-list")


def test_people_page_links_to_the_export_with_its_filters(officer_client, le_chan_person):
    html = officer_client.get(reverse("orgs:person-list"), {"q": "hoa", "gender": "F"}).content.decode()
    assert 'href="?q=hoa&amp;gender=F&amp;format=xlsx">Xuất Excel</a>' in html


# --- Units ----------------------------------------------------------------------------------------------


def test_units_export_anonymous_is_sent_to_login(client, city):
    assert export(client, "orgs:unit-list").status_code == 302


def test_units_export_without_a_search_holds_the_whole_tree_of_the_scope(officer_client, city):
    header, rows = table_of(export(officer_client, "orgs:unit-list"))
    assert header[:5] == ["STT", "Tên đơn vị", "Mã", "Loại đơn vị", "Đơn vị cấp trên"]
    assert [(row[1], row[4]) for row in rows] == [("Quận Lê Chân", "Thành phố Hải Phòng"),
                                                  ("Phường An Biên", "Quận Lê Chân")]  # fmt: skip


def test_units_export_of_a_search_holds_the_results(officer_client, city):
    _header, rows = table_of(export(officer_client, "orgs:unit-list", q="an bien"))
    assert [row[2] for row in rows] == ["HP-LC-AB"]


def test_units_page_links_to_the_export(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-list"), {"q": "an"}).content.decode()
    assert 'href="?q=an&amp;format=xlsx">Xuất Excel</a>' in html


# --- Awards ---------------------------------------------------------------------------------------------


@pytest.fixture
def awards(city, le_chan_person, thuy_nguyen_person):
    ldtt = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến")
    cstd = AwardTypeFactory(code="CSTDCS", name="Chiến sĩ thi đua cơ sở")
    return {
        "hoa_2023": AwardFactory(person=le_chan_person, award_type=ldtt, year=2023, unit_name="Phường An Biên",
                                 gender="F", decision_number="12/QĐ-UBND"),
        "hoa_2024": AwardFactory(person=le_chan_person, award_type=cstd, year=2024, unit_name="Phường An Biên"),
        "revoked": AwardFactory(person=le_chan_person, award_type=ldtt, year=2022, revoked_on=dt.date(2023, 1, 5)),
        "unit": AwardFactory(person=None, unit=city["an_bien"], award_type=ldtt, year=2023,
                             recipient_name="Phường An Biên"),
        "duc": AwardFactory(person=thuy_nguyen_person, award_type=ldtt, year=2023),
    }  # fmt: skip


def test_awards_list_anonymous_is_sent_to_login(client, city):
    assert client.get(reverse("records:award-list"))["Location"].startswith(reverse("accounts:login"))


def test_awards_list_shows_the_awards_of_the_scope_newest_year_first(officer_client, awards):
    response = officer_client.get(reverse("records:award-list"))
    assert [award.pk for award in response.context["page"].items] == [
        awards["hoa_2024"].pk, awards["unit"].pk, awards["hoa_2023"].pk]  # fmt: skip


def test_awards_export_holds_the_filtered_rows_with_their_snapshot(officer_client, awards):
    header, rows = table_of(export(officer_client, "records:award-list", award_code="LDTT"))
    assert header[:2] == ["STT", "Tên người, tập thể được khen"]
    assert [(row[1], row[2], row[8]) for row in rows] == [
        ("Phường An Biên", "Tập thể", "Lao động tiên tiến"),
        ("Nguyễn Thị Hoa", "Cá nhân", "Lao động tiên tiến"),
    ]
    assert (rows[1][4], rows[1][7], rows[1][11]) == ("Nữ", "Phường An Biên", "12/QĐ-UBND")


def test_awards_export_leaves_revoked_awards_out_unless_asked(officer_client, awards):
    _header, in_force = table_of(export(officer_client, "records:award-list"))
    _header, revoked = table_of(export(officer_client, "records:award-list", standing="revoked"))
    assert (len(in_force), [row[10] for row in revoked]) == (3, ["2022"])


def test_awards_export_keeps_the_scope(officer_client, awards):
    _header, rows = table_of(export(officer_client, "records:award-list", standing="all"))
    assert "Đặng Văn Đức" not in [row[1] for row in rows]


def test_awards_export_of_a_user_without_role_is_empty(no_role_client, awards):
    _header, rows = table_of(export(no_role_client, "records:award-list", standing="all"))
    assert rows == []


def test_awards_export_finds_a_name_without_diacritics(officer_client, awards):
    _header, rows = table_of(export(officer_client, "records:award-list", q="nguyen hoa"))
    assert {row[1] for row in rows} == {"Nguyễn Thị Hoa"}


def test_awards_page_links_to_the_export(officer_client, awards):
    html = officer_client.get(reverse("records:award-list"), {"year": "2023"}).content.decode()
    assert 'href="?year=2023&amp;format=xlsx">Xuất Excel</a>' in html


# --- The helper -----------------------------------------------------------------------------------------


def test_export_query_drops_the_page_cursor_and_keeps_the_filters(rf):
    request = rf.get("/", {"q": "hoa", "after": "abc", "format": "html"})
    assert xlsx.export_query(request.GET) == "?q=hoa&format=xlsx"


def test_workbook_numbers_rows_and_leaves_totals_unnumbered():
    sheet = xlsx.Sheet(title="Thử", columns=[xlsx.Column("Tên")], rows=[["A"], xlsx.Strong(["Tổng"]), ["B"]],
                       numbered=True)  # fmt: skip
    rows = list(load_workbook(io.BytesIO(xlsx.workbook_bytes([sheet]))).active.iter_rows(values_only=True))
    assert rows == [("STT", "Tên"), (1, "A"), (None, "Tổng"), (2, "B")]


def test_workbook_freezes_the_header_and_writes_dates_as_dates():
    sheet = xlsx.Sheet(title="Thử", columns=[xlsx.Column("Ngày")], rows=[[dt.date(2025, 1, 2)]], heading=["Tiêu đề"])
    worksheet = load_workbook(io.BytesIO(xlsx.workbook_bytes([sheet]))).active
    assert (worksheet.freeze_panes, worksheet["A4"].number_format, worksheet["A3"].font.bold) == (
        "A4", "DD/MM/YYYY", True)  # fmt: skip


def test_workbook_drops_control_characters_that_would_break_the_file():
    sheet = xlsx.Sheet(title="Thử/[1]", columns=[xlsx.Column("Tên")], rows=[["Hoa\x02"]])
    worksheet = load_workbook(io.BytesIO(xlsx.workbook_bytes([sheet]))).active
    assert (worksheet.title, worksheet["A2"].value) == ("Thử  1", "Hoa")


def test_workbook_keeps_text_that_looks_like_a_formula_as_text():
    sheet = xlsx.Sheet(title="Thử", columns=[xlsx.Column("Tên")], rows=[['=HYPERLINK("http://x","Hoa")']])
    cell = load_workbook(io.BytesIO(xlsx.workbook_bytes([sheet]))).active["A2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","Hoa")')
