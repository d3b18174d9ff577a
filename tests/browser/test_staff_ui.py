"""The staff UI in a real headless chromium: sign in, search without diacritics, the tree, phone and desktop."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories.orgs import MembershipFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # tests/factories/accounts.py

COLLEAGUES = [
    ("Trần Văn An", "Chủ tịch UBND phường"),
    ("Lê Thị Bích Ngọc", "Phó Chủ tịch UBND phường"),
    ("Phạm Minh Châu", "Công chức Văn phòng - Thống kê"),
    ("Nguyễn Thị Thu Hà", "Công chức Tài chính - Kế toán"),
    ("Đặng Quốc Huy", "Chỉ huy trưởng Quân sự"),
    ("Vũ Thị Lan Anh", "Công chức Văn hóa - Xã hội"),
]


@pytest.fixture
def le_chan_staff(city, le_chan_person):
    for name, position in COLLEAGUES:
        MembershipFactory(person=PersonFactory(full_name=name), unit=city["an_bien"], position=position)
    return le_chan_person


def sign_in(page, live_server, username: str = "canbo.lechan") -> None:
    page.goto(f"{live_server.url}/app/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Bảng điều khiển").wait_for()


def test_officer_finds_a_person_by_searching_without_diacritics(page, live_server, le_chan_officer, le_chan_staff):
    sign_in(page, live_server)
    search_box = page.get_by_role("searchbox", name="Tìm cá nhân, đơn vị")
    search_box.fill("nguyen thi")
    search_box.press("Enter")
    result = page.get_by_role("link", name="Nguyễn Thị Hoa")
    result.wait_for()
    assert (result.is_visible(), page.get_by_role("link", name="Nguyễn Thị Thu Hà").is_visible()) == (True, True)
    assert page.console_errors == []


def test_officer_opens_the_unit_tree_node_loaded_by_htmx(page, live_server, le_chan_officer, city):
    sign_in(page, live_server)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đơn vị").click()
    page.locator("summary", has_text="Quận Lê Chân").click()
    child = page.get_by_role("link", name="Phường An Biên")
    child.wait_for()
    assert (child.is_visible(), page.console_errors) == (True, [])


def test_pages_are_laid_out_for_desktop_and_phone(page, live_server, le_chan_officer, le_chan_staff):
    sign_in(page, live_server)
    shots = {}
    for size_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/app/people/")
        page.get_by_role("link", name="Nguyễn Thị Hoa").wait_for()
        shots[f"people-{size_name}"] = f"/tmp/thidua-people-{size_name}.png"
        page.screenshot(path=shots[f"people-{size_name}"], full_page=True)
        # Nothing may stick out sideways: a phone must never scroll horizontally.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{size_name}: the people list is {overflow}px wider than the window"
        page.get_by_role("link", name="Nguyễn Thị Hoa").click()
        page.get_by_role("heading", name="Nguyễn Thị Hoa", level=1).wait_for()
        shots[f"person-{size_name}"] = f"/tmp/thidua-person-{size_name}.png"
        page.screenshot(path=shots[f"person-{size_name}"], full_page=True)
    assert page.console_errors == []


def test_phone_menu_folds_behind_a_button(page, live_server, le_chan_officer):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server)
    toggle = page.get_by_role("button", name="Danh mục chức năng")
    people_link = page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Cá nhân")
    # The script shows the button and folds the menu in one step: once the button is there, the menu is folded
    # (reading the link earlier races the script on a slow machine).
    toggle.wait_for(state="visible")
    folded = people_link.is_visible()
    toggle.click()
    assert (folded, people_link.is_visible(), toggle.get_attribute("aria-expanded")) == (False, True, "true")
