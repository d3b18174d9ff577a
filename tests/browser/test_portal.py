"""Acceptance of issue 7's portal in a real headless chromium, under the strict CSP, on the Hải Phòng demo: a visitor
without an account opens the site root and sees the movement "Mục tiêu kép", exemplary models and the honour roll;
opens the movement with its contents and criteria; searches "ngo quyen" without diacritics and finds "Ngô Quyền";
reaches the search box and the skip link by keyboard; and reads it all on a phone's width without sideways scroll."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import PHONE
from tests.browser.test_dossier_workflow import done, no_sideways_scroll, open_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOVEMENT = "Mục tiêu kép"
MODEL = "Anh xe ôm đưa đón miễn phí nhân viên y tế"


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def test_a_visitor_sees_the_demo_on_the_portal_and_finds_ngo_quyen(browser, live_server, demo):
    # One test for both parts: seeding the demo into the live server's database takes most of the time.
    visitor_on_a_desktop(browser, live_server)
    visitor_on_a_phone(browser, live_server)


def visitor_on_a_desktop(browser, live_server) -> None:
    tab = open_tab(browser)
    tab.goto(f"{live_server.url}/")
    tab.get_by_role("heading", name="Cổng thông tin thi đua, khen thưởng", level=1).wait_for()
    assert "Cổng thông tin thi đua, khen thưởng" in tab.title()
    assert tab.get_by_role("button", name="Đăng xuất").count() == 0  # nobody signed in

    movements = tab.get_by_role("region", name="Phong trào thi đua")
    assert movements.get_by_role("link", name=MOVEMENT).count() >= 1
    models = tab.get_by_role("region", name="Gương điển hình tiên tiến, người tốt việc tốt")
    assert models.get_by_role("article").count() >= 3
    honours = tab.get_by_role("region", name="Vinh danh cá nhân, tập thể được khen thưởng")
    hoa = honours.get_by_role("row", name="Nguyễn Thị Hoa")
    assert hoa.get_by_text("Số 245/QĐ-UBND ngày 20/01/2022").is_visible()
    assert tab.get_by_role("region", name="Lấy ý kiến Nhân dân").get_by_role("link").count() >= 1
    tab.screenshot(path="/tmp/thidua-portal-home.png", full_page=True)

    # The city's movement: its contents and criteria.
    movements.get_by_role("link", name=MOVEMENT).last.click()
    tab.get_by_role("heading", name="Nội dung thi đua").wait_for()
    assert tab.get_by_role("heading", name="Đối tượng và tiêu chí thi đua").is_visible()
    assert tab.get_by_text("Công tác phòng, chống dịch Covid-19").first.is_visible()

    # The honour roll, whole.
    tab.get_by_role("navigation", name="Cổng thông tin").get_by_role("link", name="Vinh danh").click()
    tab.get_by_role("heading", name="Vinh danh cá nhân, tập thể được khen thưởng", level=1).wait_for()
    assert tab.get_by_role("row", name="Lý Thúy Tâm").is_visible()

    # Search without diacritics, by keyboard: Enter sends the form.
    tab.get_by_label("Tìm người, tập thể được khen, phong trào, điển hình").fill("ngo quyen")
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="Tìm kiếm", level=1).wait_for()
    found = tab.get_by_role("region", name="Gương điển hình")
    found.get_by_role("link", name=MODEL).wait_for()
    assert found.get_by_text("quận Ngô Quyền").first.is_visible()
    found.get_by_role("link", name=MODEL).click()
    tab.get_by_role("heading", name=MODEL, level=1).wait_for()
    done(tab)


def visitor_on_a_phone(browser, live_server) -> None:
    tab = open_tab(browser, PHONE)
    for path in ("/", "/honours/", "/models/", "/movements/", "/search/?q=ngo+quyen"):
        tab.goto(f"{live_server.url}{path}")
        no_sideways_scroll(tab, path)
    tab.goto(f"{live_server.url}/")
    tab.keyboard.press("Tab")
    skip = tab.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.evaluate("element => element === document.activeElement")
    tab.screenshot(path="/tmp/thidua-portal-phone.png", full_page=True)
    done(tab)
