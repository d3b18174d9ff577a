"""Acceptance of issue 6 in a real headless chromium, under the strict CSP: the city's board officer drafts a decision
from two approved entries (ticking "Chọn tất cả"), reviews the list and its money; the signer signs it (the system
numbers it); the officer downloads the decision as a PDF, prints the certificates in a background job and watches it
finish, downloads them; a visitor opens the verification page of one certificate and reads that it is genuine. The
pages are checked on a phone's width too (no sideways scroll). The board also records a decision signed elsewhere
(the Prime Minister's) typed from the paper."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_dossier_workflow import done, no_sideways_scroll, open_tab, signed_in
from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, HOA, approved, internal_register
from tests.factories.decisions import CertificateLayoutFactory
from thidua.decisions.enums import DecisionState
from thidua.decisions.models import Decision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AWARD = "Bằng khen của Chủ tịch UBND thành phố"
SHOTS = Path("/tmp")


def downloaded(tab, link_name: str) -> bytes:
    with tab.expect_download() as info:
        tab.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def board_drafts(browser, live_server) -> Decision:
    tab = signed_in(browser, live_server, "bantdkt")
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Quyết định").click()
    tab.get_by_role("heading", name="Quyết định khen thưởng").wait_for()
    tab.get_by_role("link", name="Lập quyết định", exact=True).first.click()
    # The only authority the officer serves is chosen already; its approved entries are grouped by award type.
    tab.get_by_role("group", name=f"{AWARD} (2)").wait_for()
    tab.get_by_label("Chọn tất cả", exact=True).check()
    assert tab.get_by_label(HOA).is_checked()
    assert tab.get_by_label(BINH).is_checked()
    tab.screenshot(path=str(SHOTS / "thidua-decision-create.png"), full_page=True)
    tab.get_by_role("button", name="Lập dự thảo quyết định").click()
    tab.get_by_text("Đã lập dự thảo quyết định với 2 người, tập thể").wait_for()
    # The money is previewed for today: 1,5 × 2.530.000 = 3.795.000, rounded up to 3.800.000 each.
    items = tab.locator("#items")
    assert items.get_by_text("7.600.000").is_visible()
    assert items.locator("tbody tr", has_text=HOA).get_by_text("3.800.000").is_visible()
    assert tab.get_by_role("link", name="Ký ban hành").count() == 0  # the board drafts; the signer signs
    tab.screenshot(path=str(SHOTS / "thidua-decision-draft.png"), full_page=True)
    done(tab)
    return Decision.objects.get()


def signer_signs(browser, live_server, decision: Decision) -> None:
    tab = signed_in(browser, live_server, "chutich.ubnd")
    tab.goto(f"{live_server.url}/app/decisions/{decision.pk}/")
    tab.get_by_role("link", name="Ký ban hành").click()
    assert tab.get_by_label("Ngày ký").input_value() == timezone.localdate().strftime("%d/%m/%Y")
    tab.get_by_label("Tôi đã xem nội dung và danh sách kèm theo").check()
    tab.get_by_role("button", name="Ký ban hành").click()
    tab.get_by_text("Đã ký ban hành Quyết định số 01/QĐ-UBND").wait_for()
    tab.get_by_role("heading", name="Quyết định số 01/QĐ-UBND").wait_for()
    done(tab)


def board_downloads_and_prints(browser, live_server, decision: Decision) -> str:
    tab = signed_in(browser, live_server, "bantdkt")
    tab.goto(f"{live_server.url}/app/decisions/{decision.pk}/")
    assert downloaded(tab, "Tải quyết định (PDF)").startswith(b"%PDF")
    tab.get_by_role("button", name="In bằng, giấy khen").click()
    # The decision page follows the job (htmx, while it runs) and links the PDF once it is done.
    status = tab.locator("#certificates-status")
    status.get_by_role("link", name="Bằng, giấy khen – in đầy đủ (PDF)").wait_for()
    assert status.get_by_text("Hoàn thành", exact=True).is_visible()
    status.get_by_role("link").last.click()  # the job's own page
    tab.locator("#job-progress[data-status='succeeded']").wait_for()
    tab.go_back()
    certificates = downloaded(tab, "Bằng, giấy khen – in đầy đủ (PDF)")
    assert certificates.startswith(b"%PDF")
    verify = tab.locator("#items").get_by_role("link", name="Trang xác thực").first.get_attribute("href")
    tab.screenshot(path=str(SHOTS / "thidua-decision-signed.png"), full_page=True)
    done(tab)
    return verify


def visitor_verifies(browser, live_server, verify: str) -> None:
    tab = open_tab(browser, PHONE)
    tab.goto(f"{live_server.url}{verify}")
    tab.get_by_text("hợp lệ").first.wait_for()
    assert tab.get_by_text(AWARD).first.is_visible()
    no_sideways_scroll(tab, "the verification page")
    done(tab)


def phone_pages(browser, live_server, decision: Decision) -> None:
    tab = signed_in(browser, live_server, "bantdkt", PHONE)
    for path, what in ((f"/app/decisions/{decision.pk}/", "the decision page"), ("/app/decisions/", "the list")):
        tab.goto(f"{live_server.url}{path}")
        no_sideways_scroll(tab, what)
    tab.screenshot(path=str(SHOTS / "thidua-decision-phone.png"), full_page=True)
    done(tab)


def test_a_decision_from_draft_to_verified_certificate(browser, live_server, scene):
    approved(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    internal_register(scene.city_authority)
    CertificateLayoutFactory()

    decision = board_drafts(browser, live_server)
    signer_signs(browser, live_server, decision)
    decision.refresh_from_db()
    assert (decision.state, decision.number_text) == (DecisionState.SIGNED, "01/QĐ-UBND")
    verify = board_downloads_and_prints(browser, live_server, decision)
    visitor_verifies(browser, live_server, verify)
    phone_pages(browser, live_server, decision)
    assert DESKTOP["width"] == 1280


def test_the_board_records_the_prime_ministers_decision_typed_from_the_paper(browser, live_server, scene):
    """The city's board officer types the Prime Minister's decision on a person of Phường An Biên: a first try with
    the name without diacritics is refused naming the row and the field, "Thêm dòng" keeps what was typed, and the
    corrected page records the decision, signed, with its award."""
    tab = signed_in(browser, live_server, "bantdkt")
    tab.goto(f"{live_server.url}/app/decisions/")
    tab.get_by_role("link", name="Ghi nhận quyết định đã ký").first.click()
    tab.get_by_label("Cấp quyết định").select_option(label=f"{scene.prime_minister.name} "
                                                       f"({scene.prime_minister.unit.name})")  # fmt: skip
    tab.get_by_label("Số quyết định").fill("1234/QĐ-TTg")
    tab.get_by_label("Ngày ký").fill("15/07/2025")
    tab.get_by_label("Trích yếu").fill("Về việc tặng Bằng khen của Thủ tướng Chính phủ")
    first = tab.locator(".record-row").first
    first.get_by_label("Đơn vị").select_option(value=str(scene.units["an_bien"].pk))
    first.get_by_label("Họ và tên").fill("Nguyen Thi Hoa")
    first.get_by_label("Hình thức, danh hiệu").select_option(value="BK_TTG")
    tab.get_by_role("button", name="Thêm dòng").click()
    assert tab.locator(".record-row").count() == 10
    assert tab.locator(".record-row").first.get_by_label("Họ và tên").input_value() == "Nguyen Thi Hoa"

    tab.get_by_role("button", name="Ghi nhận quyết định đã ký").click()
    tab.get_by_role("alert").get_by_text("Dòng 1, Họ và tên").wait_for()
    assert not Decision.objects.exists()
    tab.locator(".record-row").first.get_by_label("Họ và tên").fill(HOA)
    tab.get_by_role("button", name="Ghi nhận quyết định đã ký").click()
    tab.get_by_text("Đã ghi nhận Quyết định số 1234/QĐ-TTg ngày 15/07/2025").wait_for()
    tab.get_by_role("heading", name="Quyết định số 1234/QĐ-TTg").wait_for()
    done(tab)
    decision = Decision.objects.get()
    assert (decision.state, decision.items.get().award.recipient_name) == (DecisionState.SIGNED, HOA)


def test_the_record_page_fits_a_phone(browser, live_server, scene):
    tab = signed_in(browser, live_server, "bantdkt", PHONE)
    tab.goto(f"{live_server.url}/app/decisions/record/")
    tab.locator(".record-row").first.wait_for()
    no_sideways_scroll(tab, "the record page")
    done(tab)
