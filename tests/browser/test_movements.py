"""Acceptance of issue 3 in a real headless chromium, under the strict CSP: a board officer creates and launches a
movement; an officer of a unit in scope sees what it owes and sends a registration with individual pledges and a
plan document; the board's dashboard shows the unit as answered; an officer out of scope sees nothing of it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.catalog.models import RecipientKind
from thidua.movements.models import Movement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # tests/factories/accounts.py
TITLE = "Phong trào thi đua “Mục tiêu kép” năm 2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOT_FOUND = re.compile(r"status of 404")


@pytest.fixture
def scene(city):
    """The city's board, an officer of Phường An Biên with colleagues, an officer of Huyện Thủy Nguyên, a title."""
    for name in ("Nguyễn Thị Hoa", "Trần Văn An"):
        MembershipFactory(person=PersonFactory(full_name=name), unit=city["an_bien"], position="Công chức")
    AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", recipient_kinds=[RecipientKind.INDIVIDUAL])
    return {
        "board": user_with_role("board_officer", city["root"], username="ban.thanhpho", full_name="Lê Quang Huy"),
        "an_bien": user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà"),
        "thuy_nguyen": user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen",
                                      full_name="Vũ Văn Nam"),
        **city,
    }  # fmt: skip


def open_tab(browser):
    """A signed-out tab of its own (a separate cookie jar) that collects console errors."""
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    tab.set_default_timeout(10_000)
    return tab


def sign_in(tab, live_server, username: str) -> None:
    tab.goto(f"{live_server.url}/app/")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.get_by_role("heading", name="Bảng điều khiển").wait_for()


def day(offset: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=offset)).strftime("%d/%m/%Y")


def board_creates_and_launches(tab, live_server, scene) -> Movement:
    sign_in(tab, live_server, "ban.thanhpho")
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Phong trào").click()
    tab.get_by_role("link", name="Tạo phong trào").click()
    tab.get_by_label("Đơn vị phát động").select_option(label="Thành phố Hải Phòng")
    tab.get_by_label("Tên phong trào").fill(TITLE)
    tab.get_by_label("Hình thức thi đua").select_option(label="Thi đua theo chuyên đề")
    tab.get_by_label("Thời gian bắt đầu").fill(day(0))
    tab.get_by_label("Thời gian kết thúc").fill(day(365))
    tab.get_by_role("radio", name="Danh sách đơn vị").check()
    tab.get_by_label("Danh sách đơn vị phải hưởng ứng").fill("Quận Lê Chân\nPhường An Biên")
    tab.get_by_label("Nội dung thi đua").fill("Thi đua phòng, chống dịch\nThi đua phục hồi kinh tế")
    tab.locator('[name="milestones-0-kind"]').select_option(label="Hạn đăng ký thi đua")
    tab.locator('[name="milestones-0-title"]').fill("Hạn đăng ký thi đua")
    tab.locator('[name="milestones-0-due_date"]').fill(day(30))
    tab.screenshot(path="/tmp/thidua-movement-form.png", full_page=True)
    tab.get_by_role("button", name="Lưu dự thảo").click()
    tab.get_by_text("Đã tạo dự thảo phong trào.").wait_for()
    tab.get_by_role("link", name="Phát động", exact=True).click()
    tab.get_by_text("Khi phát động, 2 đơn vị trong phạm vi sẽ nhận thông báo").wait_for()
    tab.get_by_role("button", name="Xác nhận phát động").click()
    tab.get_by_text("Đã phát động phong trào; 2 đơn vị phải hưởng ứng.").wait_for()
    return Movement.objects.get(title=TITLE)


def unit_registers_and_sends_its_plan(tab, live_server) -> None:
    sign_in(tab, live_server, "canbo.anbien")
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc cần làm").click()
    owed = tab.locator("section.owed", has_text=TITLE)
    owed.get_by_role("link", name="Đăng ký thi đua").click()
    tab.locator('[name="individual-0-person"]').select_option(label="Nguyễn Thị Hoa")
    tab.locator('[name="individual-0-award_type"]').select_option(label="Lao động tiên tiến")
    # A fourth row, added by the page's script (three blank rows come from the server).
    tab.locator(".formset[data-formset-prefix=individual]").get_by_role("button", name="Thêm dòng").click()
    tab.locator('[name="individual-3-person"]').select_option(label="Trần Văn An")
    tab.locator('[name="individual-3-award_type"]').select_option(label="Lao động tiên tiến")
    tab.screenshot(path="/tmp/thidua-registration.png", full_page=True)
    tab.get_by_role("button", name="Lưu và gửi").click()
    tab.get_by_text("Đã gửi.", exact=True).wait_for()
    assert tab.locator("table tbody th").all_inner_texts() == [
        "Trần Văn An",
        "Nguyễn Thị Hoa",
    ]  # Vietnamese order: given name first
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc cần làm").click()
    tab.locator("section.owed", has_text=TITLE).get_by_role("link", name="Kế hoạch hưởng ứng").click()
    tab.get_by_label("Chỉ tiêu, nội dung đăng ký").fill("100% cán bộ tham gia phong trào.")
    tab.get_by_label("Văn bản kế hoạch của đơn vị").set_input_files(
        files=[{"name": "Kế hoạch An Biên.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    tab.get_by_role("button", name="Lưu và gửi").click()
    tab.get_by_text("Đã gửi.", exact=True).wait_for()
    assert tab.get_by_role("link", name="Kế hoạch An Biên.pdf").is_visible()


def test_a_movement_from_launch_to_the_dashboard(browser, page, live_server, scene):
    board_tab = page
    movement = board_creates_and_launches(board_tab, live_server, scene)

    unit_tab = open_tab(browser)
    unit_registers_and_sends_its_plan(unit_tab, live_server)

    board_tab.goto(f"{live_server.url}/app/movements/{movement.pk}/")
    board_tab.get_by_role("link", name="Tiến độ hưởng ứng").click()
    row = board_tab.locator(f'tr[data-unit="{scene["an_bien"].pk}"]')
    assert row.locator("td").nth(1).inner_text().strip() == "Đúng hạn"  # the plan
    assert row.locator("td").nth(2).inner_text().strip() == "Đúng hạn"  # the registration
    board_tab.screenshot(path="/tmp/thidua-dashboard.png", full_page=True)
    registration_summary = board_tab.locator("tfoot td").nth(2).locator(".summary-cell__answered")
    assert registration_summary.inner_text() == "Đã gửi 1/2"

    # On a phone the dashboard's tables fold into cards: nothing sticks out sideways.
    board_tab.set_viewport_size(PHONE)
    board_tab.reload()
    board_tab.screenshot(path="/tmp/thidua-dashboard-phone.png", full_page=True)
    overflow = board_tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the dashboard is {overflow}px wider than a phone"

    outsider_tab = open_tab(browser)
    sign_in(outsider_tab, live_server, "canbo.thuynguyen")
    response = outsider_tab.goto(f"{live_server.url}/app/movements/{movement.pk}/")
    not_found = response.status
    outsider_tab.goto(f"{live_server.url}/app/movements/")
    listed = outsider_tab.get_by_text(TITLE).count()
    outsider_tab.goto(f"{live_server.url}/app/movements/owed/")
    owed = outsider_tab.get_by_text(TITLE).count()
    assert (not_found, listed, owed) == (404, 0, 0)

    assert (board_tab.console_errors, unit_tab.console_errors) == ([], [])
    assert [error for error in outsider_tab.console_errors if not NOT_FOUND.search(error)] == []
    unit_tab.context.close()
    outsider_tab.context.close()
