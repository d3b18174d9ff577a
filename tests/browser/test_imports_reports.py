"""Acceptance of issue 7 in a real headless chromium, under the strict CSP.

Imports: an officer of Quận Lê Chân downloads the people template, fills three rows in it (one with an impossible
birth date), runs the dry run and reads the error by row and column with nothing written; fixes the file, reads that
three people would be created, imports them, and finds them in the people list with and without diacritics.

Reports: the city's board officer opens the year report of the hand-counted scene (tests/reports/analytics_scene.py),
reads its figures and its charts, downloads its XLSX; then opens an official form (Biểu 0603) and downloads it.
The pages are checked on a phone's width too (no sideways scroll)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import PHONE
from tests.browser.test_dossier_workflow import done, no_sideways_scroll, signed_in
from tests.conftest import user_with_role
from tests.factories import reports as report_forms
from tests.reports import analytics_scene
from thidua.orgs.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PEOPLE = "Cá nhân và quá trình công tác"
NEWCOMERS = ["Đoàn Văn Quý", "Lương Thị Huyền", "Phạm Thị Ngọc Ánh"]
GOOD_ROWS = [
    ["Đoàn Văn Quý", "Nam", "12/04/1985", "HP-LC-AB", "Công chức Tư pháp - Hộ tịch"],
    ["Lương Thị Huyền", "Nữ", "1990", "HP-LC-AB", "Công chức Địa chính - Xây dựng"],
    ["Phạm Thị Ngọc Ánh", "Nữ", "23/09/1992", "HP-LC", "Chuyên viên"],
]
BAD_BIRTH_DATE = "31/02/1992"  # row 4 of the sheet: the header is row 1
SHOTS = Path("/tmp")
CHART_TITLES = "charts => charts.map(c => [c.getAttribute('role'), c.querySelector('title').textContent])"


def downloaded(tab, link) -> bytes:
    with tab.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def workbook_of(data: bytes):
    assert data[:2] == b"PK", "an XLSX is a zip file"
    return load_workbook(io.BytesIO(data))


def filled(template: bytes, rows: list[list[str]]) -> bytes:
    """The downloaded template with the rows typed in below its header, as an officer would in Excel."""
    workbook = workbook_of(template)
    sheet = workbook.worksheets[0]
    # Typed from row 2 (the template formats 200 empty rows as text, so openpyxl's append() would land below them).
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def fact(tab, term: str) -> str:
    """The value after ``term`` in the batch's status facts (a <dl>)."""
    value = tab.locator(f"xpath=//dl[contains(@class,'facts')]/dt[normalize-space()='{term}']/following-sibling::dd[1]")
    return value.inner_text().strip()


def dry_run(tab, live_server, name: str, data: bytes) -> None:
    tab.goto(f"{live_server.url}/app/imports/")
    upload = tab.get_by_role("form", name="Tải tệp lên để chạy thử")
    upload.get_by_label("Loại dữ liệu").select_option(label=PEOPLE)
    upload.get_by_label("Tệp").set_input_files(files=[{"name": name, "mimeType": XLSX_MIME, "buffer": data}])
    upload.get_by_role("button", name="Chạy thử").click()
    tab.get_by_role("heading", name=f"{PEOPLE}: {name}", level=1).wait_for()


# --- Imports ------------------------------------------------------------------------------------------------------


def officer_downloads_the_template(tab) -> bytes:
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Nhập dữ liệu").click()
    tab.get_by_role("heading", name="Nhập dữ liệu từ tệp", level=1).wait_for()
    template = downloaded(tab, tab.get_by_role("region", name="Mẫu tệp").get_by_role("link", name=PEOPLE))
    sheet = workbook_of(template).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["Họ và tên (*)", "Giới tính (*)", "Ngày sinh", "Đơn vị (*)"]
    # The examples live on the notes sheet, never among the rows to import.
    assert not any(value for row in sheet.iter_rows(min_row=2, values_only=True) for value in row)
    return template


def officer_reads_the_error(tab, live_server, template: bytes) -> None:
    bad = [*GOOD_ROWS[:2], [*GOOD_ROWS[2][:2], BAD_BIRTH_DATE, *GOOD_ROWS[2][3:]]]
    dry_run(tab, live_server, "nhan-su-loi.xlsx", filled(template, bad))
    errors = tab.get_by_role("region", name="Lỗi cần sửa")
    error = errors.locator("tbody tr").filter(has=tab.get_by_role("rowheader", name="4", exact=True))
    assert error.count() == 1, errors.inner_text()
    assert error.get_by_role("cell").first.inner_text() == "Ngày sinh"
    assert BAD_BIRTH_DATE in error.inner_text()
    assert tab.get_by_role("button", name="Nhập dữ liệu").count() == 0  # a file with errors cannot be imported
    tab.screenshot(path=str(SHOTS / "thidua-import-errors.png"), full_page=True)
    assert not Person.objects.filter(full_name__in=NEWCOMERS).exists()


def officer_imports(tab, live_server, template: bytes) -> None:
    dry_run(tab, live_server, "nhan-su.xlsx", filled(template, GOOD_ROWS))
    assert (fact(tab, "Số dòng"), fact(tab, "Sẽ thêm mới"), fact(tab, "Lỗi")) == ("3", "3", "0")
    assert tab.get_by_role("region", name="Lỗi cần sửa").count() == 0
    preview = tab.get_by_role("region", name="Sẽ thay đổi")
    for name in NEWCOMERS:
        assert preview.get_by_text(name).count() == 1, name
    assert not Person.objects.filter(full_name__in=NEWCOMERS).exists()  # a dry run writes nothing
    tab.get_by_role("button", name="Nhập dữ liệu").click()
    tab.locator("#batch-status[data-status='committed']").wait_for()
    assert tab.get_by_text("Đã nhập: 3 mới, 0 cập nhật, 0 bỏ qua.").first.is_visible()
    assert tab.get_by_role("region", name="Đã nhập").get_by_text(NEWCOMERS[0]).is_visible()
    tab.screenshot(path=str(SHOTS / "thidua-import-done.png"), full_page=True)


def officer_finds_them(tab, live_server) -> None:
    tab.goto(f"{live_server.url}/app/people/")
    searches = (("doan van quy", "Đoàn Văn Quý"), ("Lương Thị", "Lương Thị Huyền"), ("ngoc anh", "Phạm Thị Ngọc Ánh"))
    for query, found in searches:
        tab.get_by_label("Tìm theo họ tên").fill(query)
        tab.get_by_role("button", name="Lọc", exact=True).click()
        tab.get_by_role("link", name=found).wait_for()
        others = [name for name in NEWCOMERS if name != found]
        assert [tab.get_by_role("link", name=name).count() for name in others] == [0, 0], query


def import_pages_on_a_phone(browser, live_server) -> None:
    tab = signed_in(browser, live_server, "canbo.lechan", PHONE)
    tab.goto(f"{live_server.url}/app/imports/")
    no_sideways_scroll(tab, "the imports page")
    tab.get_by_role("link", name="nhan-su.xlsx").click()
    tab.get_by_role("region", name="Đã nhập").wait_for()
    no_sideways_scroll(tab, "the imported batch")
    tab.screenshot(path=str(SHOTS / "thidua-import-phone.png"), full_page=True)
    done(tab)


def test_an_officer_imports_people_from_the_template(browser, live_server, le_chan_officer):
    tab = signed_in(browser, live_server, "canbo.lechan")
    template = officer_downloads_the_template(tab)
    officer_reads_the_error(tab, live_server, template)
    officer_imports(tab, live_server, template)
    officer_finds_them(tab, live_server)
    done(tab)
    assert Person.objects.filter(full_name__in=NEWCOMERS).count() == 3
    import_pages_on_a_phone(browser, live_server)


# --- Reports ------------------------------------------------------------------------------------------------------


@pytest.fixture
def report_scene(city):
    analytics_scene.build(city)
    report_forms.load_forms()
    user_with_role("board_officer", city["root"], username="ban.thanhpho", full_name="Lê Quang Huy")
    return city


def row_cells(tab, table_id: str, marker: str) -> list[str]:
    row = tab.locator(f"#{table_id} tbody tr[{marker}]")
    return [cell.strip() for cell in row.locator("th, td").all_inner_texts()]


def board_reads_the_year_report(tab, live_server) -> None:
    tab.goto(f"{live_server.url}/app/reports/year/?year={analytics_scene.YEAR}")
    tab.get_by_role("heading", name=f"Báo cáo tổng hợp khen thưởng năm {analytics_scene.YEAR}", level=1).wait_for()
    # The hand count of analytics_scene: six awards in the window, 2,340,000 + 4,680,000 of money.
    assert tab.locator("[data-figure='total']").inner_text() == "6"
    assert tab.locator("[data-figure='money']").inner_text() == "7.020.000"
    assert row_cells(tab, "table-type", "data-code='BK_TINH'") == [
        "Bằng khen của Chủ tịch UBND thành phố", "1", "1", "1", "3",
    ]  # fmt: skip
    assert row_cells(tab, "table-level", "data-level='state'") == ["Cấp Nhà nước", "0", "1", "0", "1"]
    assert row_cells(tab, "table-yoy", "data-code='BK_TINH'")[1:] == ["3", "1", "+2"]  # this year, last year, change
    charts = tab.locator("svg.chart")
    assert charts.count() == 7
    titles = charts.evaluate_all(CHART_TITLES)
    assert all(role == "img" and title.strip() for role, title in titles), titles
    assert tab.get_by_role("img", name=re.compile(r"^Khen thưởng theo cấp")).is_visible()
    assert tab.get_by_role("img", name=re.compile(r"^Số khen thưởng qua các năm")).is_visible()
    tab.screenshot(path=str(SHOTS / "thidua-report-year.png"), full_page=True)

    workbook = workbook_of(downloaded(tab, tab.get_by_role("link", name="Tải báo cáo (XLSX)")))
    rows = [row for row in workbook["Theo danh hiệu"].iter_rows(values_only=True) if row[0] is not None or row[1]]
    assert rows[-1][1:] == ("Tổng cộng", None, 1, 4, 1, 6)
    assert [row[3:] for row in workbook["Tiền thưởng"].iter_rows(values_only=True)][-1] == (7_020_000,)


def board_downloads_an_official_form(tab, live_server) -> None:
    tab.goto(f"{live_server.url}/app/reports/?year={analytics_scene.YEAR}")
    forms = tab.get_by_role("region", name="Biểu mẫu báo cáo thống kê")
    forms.get_by_role("link", name="Biểu 0601, 0602, 0603 theo Thông tư").click()
    tab.get_by_role("heading", name="Biểu mẫu báo cáo thống kê thi đua, khen thưởng", level=1).wait_for()
    assert "từ 01/12/2023 đến 30/11/2024" in tab.locator(".page-header__meta").inner_text()
    tab.get_by_role("link", name="0603.N/BNV-TĐKT").click()
    tab.get_by_role("heading", name="Biểu 0603.N/BNV-TĐKT", level=1).wait_for()
    assert tab.get_by_role("heading", name="Cảnh báo kiểm tra số liệu").count() == 0
    tab.screenshot(path=str(SHOTS / "thidua-report-form.png"), full_page=True)
    workbook = workbook_of(downloaded(tab, tab.get_by_role("link", name="Tải biểu (XLSX)")))
    texts = [str(value) for row in workbook.worksheets[0].iter_rows(values_only=True) for value in row if value]
    assert any("0603.N/BNV-TĐKT" in text for text in texts), texts[:20]
    assert any(str(analytics_scene.YEAR) in text for text in texts), texts[:20]


def test_the_board_reads_the_year_report_and_downloads_the_forms(browser, live_server, report_scene):
    tab = signed_in(browser, live_server, "ban.thanhpho")
    board_reads_the_year_report(tab, live_server)
    board_downloads_an_official_form(tab, live_server)
    done(tab)


PHONE_PAGES = [
    pytest.param(f"/app/reports/year/?year={analytics_scene.YEAR}", id="year-report"),
    pytest.param(f"/app/reports/forms/0603/?year={analytics_scene.YEAR}", id="official-form"),
]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_the_report_pages_fit_a_phone(browser, live_server, report_scene, path):
    tab = signed_in(browser, live_server, "ban.thanhpho", PHONE)
    tab.goto(f"{live_server.url}{path}")
    tab.get_by_role("heading", level=1).wait_for()
    tab.screenshot(path=str(SHOTS / f"thidua-report-phone-{path.split('/')[3]}.png"), full_page=True)
    try:
        no_sideways_scroll(tab, path)
    finally:
        done(tab)
