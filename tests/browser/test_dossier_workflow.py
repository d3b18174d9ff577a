"""Acceptance of issue 5 in a real headless chromium, under the strict CSP: a unit officer of Quận Lê Chân creates a
dossier with two entries and the documents they require; the unit's head submits it; the city's board returns one
entry with a reason; the unit fixes it and resubmits; the board receives the dossier and appraises both entries on
the checklist page; the council's secretary puts them on a session's agenda, the chair opens the vote, the five members
vote on their voting page and the chair closes it; the board's head approves; the dossier's timeline shows every
step. The pages are checked on a phone's width too (no sideways scroll)."""

# ruff: noqa: F811 — the scene fixture is imported from tests/dossiers/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import DESKTOP, PHONE
from tests.dossiers.conftest import scene  # noqa: F401
from tests.factories.files import PDF_BYTES
from thidua.dossiers.enums import CheckItem, DossierState, EntryState
from thidua.dossiers.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # tests/factories/accounts.py
TITLE = "Đề nghị khen thưởng phong trào “Mục tiêu kép” năm 2025"
HOA, BINH = "Nguyễn Thị Hoa", "Trần Văn Bình"
AWARD = "Chiến sĩ thi đua thành phố"
REASON = "Bổ sung xác nhận của Phường An Biên vào báo cáo thành tích."


def open_tab(browser, viewport=DESKTOP):
    """A signed-out tab of its own (a separate cookie jar) that collects console errors."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    tab.set_default_timeout(10_000)
    return tab


def signed_in(browser, live_server, username: str, viewport=DESKTOP):
    tab = open_tab(browser, viewport)
    tab.goto(f"{live_server.url}/app/")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.get_by_role("heading", name="Bảng điều khiển").wait_for()
    return tab


def done(tab) -> None:
    errors = tab.console_errors
    tab.context.close()
    assert errors == []


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES + name.encode()}


def row(tab, nominee: str):
    return tab.locator("#entries tbody tr", has_text=nominee)


def no_sideways_scroll(tab, what: str) -> None:
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} is {overflow}px wider than a phone"


def upload(tab, kind: str, file_name: str, entry: str = "") -> None:
    form = tab.locator("#documents form", has_text="Thêm tài liệu")
    form.get_by_label("Thành phần hồ sơ").select_option(label=kind)
    if entry:
        form.get_by_label("Thuộc đề nghị").select_option(label=entry)
    form.get_by_label("Tệp").set_input_files(files=[pdf(file_name)])
    form.get_by_role("button", name="Tải lên").click()
    tab.get_by_text(f"Đã thêm tài liệu “{kind}: {file_name}”.").wait_for()


# --- The unit -------------------------------------------------------------------------------------------------


def officer_prepares(browser, live_server) -> Dossier:
    tab = signed_in(browser, live_server, "canbo.lechan")
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Hồ sơ").click()
    tab.get_by_role("link", name="Tạo hồ sơ", exact=True).click()
    tab.get_by_label("Đơn vị trình").select_option(label="Quận Lê Chân")
    tab.get_by_label("Loại hồ sơ").select_option(label="Theo phong trào, chuyên đề")
    tab.get_by_label("Trích yếu").fill(TITLE)
    tab.get_by_label("Năm").fill("2025")
    tab.get_by_role("button", name="Tạo hồ sơ dự thảo").click()
    tab.get_by_text("Đã tạo hồ sơ dự thảo; hãy thêm đề nghị và tài liệu rồi trình.").wait_for()
    for name in (HOA, BINH):
        form = tab.locator("#entries form", has_text="Thêm đề nghị")
        form.get_by_label("Cá nhân").select_option(label=f"{name} (1980)")
        form.get_by_label("Hình thức khen thưởng").select_option(label=AWARD)
        form.get_by_label("Tóm tắt thành tích").fill(f"{name}: hoàn thành xuất sắc nhiệm vụ năm 2025.")
        form.get_by_role("button", name="Thêm đề nghị").click()
        tab.get_by_text(f"Đã thêm đề nghị “{name} – {AWARD}”.").wait_for()
    # Submitting needs the documents: the page lists what is missing until they are there.
    assert tab.get_by_text("Thiếu “Tờ trình đề nghị khen thưởng”.").is_visible()
    upload(tab, "Tờ trình đề nghị khen thưởng", "To trinh Le Chan.pdf")
    upload(tab, "Biên bản họp Hội đồng Thi đua - Khen thưởng", "Bien ban hoi dong.pdf")
    for name in (HOA, BINH):
        upload(tab, "Báo cáo thành tích", f"Bao cao {name}.pdf", entry=f"{name} – {AWARD}")
    assert tab.locator("#missing").count() == 0
    # The officer prepares; only the unit's head submits.
    assert tab.get_by_role("button", name="Trình hồ sơ").count() == 0
    tab.screenshot(path="/tmp/thidua-dossier-draft.png", full_page=True)
    done(tab)
    return Dossier.objects.get(title=TITLE)


def head_acts(browser, live_server, dossier: Dossier, button: str, message: str) -> None:
    tab = signed_in(browser, live_server, "thutruong.lechan")
    tab.goto(f"{live_server.url}/app/dossiers/{dossier.pk}/")
    tab.get_by_role("button", name=button).click()
    tab.get_by_text(message).wait_for()
    done(tab)


def officer_fixes(browser, live_server, dossier: Dossier) -> None:
    tab = signed_in(browser, live_server, "canbo.lechan", viewport=PHONE)
    tab.goto(f"{live_server.url}/app/dossiers/{dossier.pk}/")
    binh = row(tab, BINH)
    assert REASON in binh.inner_text()
    no_sideways_scroll(tab, "the returned dossier")
    tab.screenshot(path="/tmp/thidua-dossier-returned-phone.png", full_page=True)
    binh.get_by_role("link", name="Sửa, bổ sung").click()
    tab.get_by_label("Tóm tắt thành tích").fill(f"{BINH}: hoàn thành xuất sắc nhiệm vụ năm 2025, có xác nhận.")
    tab.get_by_role("button", name="Lưu đề nghị").click()
    tab.get_by_text("Đã lưu đề nghị.").wait_for()
    done(tab)


# --- The board ------------------------------------------------------------------------------------------------


def board_returns_binh(browser, live_server, dossier: Dossier) -> None:
    tab = signed_in(browser, live_server, "bantdkt")
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Hồ sơ").click()
    tab.get_by_role("link", name="Hồ sơ đến").click()
    tab.get_by_role("link", name=TITLE).click()
    binh = row(tab, BINH)
    binh.locator("summary", has_text="Trả lại đề nghị để bổ sung").click()  # opens the form
    binh.get_by_label("Lý do").fill(REASON)
    binh.get_by_role("button", name="Trả lại đề nghị để bổ sung").click()
    tab.get_by_text(f"Đã trả lại đề nghị “{BINH} – {AWARD}” để bổ sung.").wait_for()
    tab.get_by_role("button", name="Trả lại hồ sơ").click()
    tab.get_by_text("Đã trả lại hồ sơ cho đơn vị; đơn vị đã được thông báo.").wait_for()
    done(tab)


def board_receives_and_appraises(browser, live_server, dossier: Dossier) -> None:
    tab = signed_in(browser, live_server, "bantdkt")
    tab.goto(f"{live_server.url}/app/dossiers/inbox/")
    tab.get_by_role("link", name=TITLE).click()
    tab.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    tab.get_by_text("Đã tiếp nhận hồ sơ.").wait_for()
    for name in (HOA, BINH):
        row(tab, name).get_by_role("link", name="Thẩm định").click()
        tab.get_by_role("heading", name=f"Thẩm định: {name}").wait_for()
        for item in CheckItem.values:
            tab.locator(f"#check-{item}").get_by_label("Đạt", exact=True).check()
        tab.get_by_label("Đề nghị khen thưởng").check()
        tab.get_by_label("Nhận xét thẩm định").fill("Đủ tiêu chuẩn, điều kiện.")
        if name == HOA:
            tab.screenshot(path="/tmp/thidua-appraisal.png", full_page=True)
        tab.get_by_role("button", name="Hoàn thành thẩm định").click()
        tab.get_by_text(f"Đã thẩm định đề nghị “{name} – {AWARD}”.").wait_for()
    done(tab)


def board_head_approves(browser, live_server, dossier: Dossier):
    tab = signed_in(browser, live_server, "truongban")
    tab.goto(f"{live_server.url}/app/dossiers/{dossier.pk}/")
    for name in (HOA, BINH):
        row(tab, name).get_by_role("button", name="Duyệt đề nghị").click()
        tab.get_by_text(f"Đã duyệt đề nghị “{name} – {AWARD}”.").wait_for()
    return tab


# --- The council ----------------------------------------------------------------------------------------------


def secretary_prepares_the_session(browser, live_server) -> str:
    tab = signed_in(browser, live_server, "thuky")
    tab.goto(f"{live_server.url}/app/dossiers/")
    tab.get_by_role("link", name="Phiên họp Hội đồng").click()
    tab.get_by_role("link", name="Lập phiên họp").click()
    tab.get_by_label("Hội đồng của cấp").select_option(label="Chủ tịch UBND thành phố Hải Phòng (Thành phố Hải Phòng)")
    tab.get_by_label("Tên phiên họp").fill("Phiên họp xét khen thưởng phong trào “Mục tiêu kép”")
    tab.get_by_label("Ngày họp").fill((timezone.localdate() + dt.timedelta(days=7)).strftime("%d/%m/%Y"))
    tab.get_by_role("button", name="Lập phiên họp").click()
    tab.get_by_text("Đã lập phiên họp; các thành viên Hội đồng đã được thông báo.").wait_for()
    for name in (HOA, BINH):
        tab.get_by_label(f"{name} – {AWARD} (Quận Lê Chân)").check()
    tab.get_by_role("button", name="Đưa vào chương trình").click()
    tab.get_by_text("Đã đưa 2 đề nghị vào chương trình họp.").wait_for()
    url = tab.url.split("#")[0]
    done(tab)
    return url


def chair_acts(browser, live_server, session_url: str, button: str, message: str) -> None:
    tab = signed_in(browser, live_server, "chutich.hd")
    tab.goto(session_url)
    tab.get_by_role("button", name=button).click()
    tab.get_by_text(message).wait_for()
    if button == "Kết thúc bỏ phiếu":
        results = tab.locator("#results")
        assert results.get_by_text("Đạt", exact=True).count() == 2
        tab.screenshot(path="/tmp/thidua-council-results.png", full_page=True)
    done(tab)


def member_votes(browser, live_server, session_url: str, username: str) -> None:
    tab = signed_in(browser, live_server, username, viewport=PHONE)
    tab.goto(session_url)
    tab.get_by_role("link", name="Trang bỏ phiếu của tôi").click()
    assert tab.locator("#results").count() == 0
    for name in (HOA, BINH):
        item = tab.locator(".ballot > li", has_text=name)
        item.get_by_role("button", name="Đồng ý", exact=True).click()
        tab.get_by_text(f"Đã ghi nhận phiếu của bạn cho đề nghị “{name} – {AWARD}”.").wait_for()
        assert tab.locator(".ballot > li", has_text=name).get_by_text("Đã bỏ phiếu").is_visible()
    assert tab.get_by_text("Đã bỏ phiếu 2/2 đề nghị.").is_visible()
    no_sideways_scroll(tab, "the voting page")
    if username == "hoidong1":
        tab.screenshot(path="/tmp/thidua-voting-phone.png", full_page=True)
    done(tab)


# --- The whole path -------------------------------------------------------------------------------------------


def test_a_dossier_from_the_unit_to_the_approval(browser, live_server, scene):
    dossier = officer_prepares(browser, live_server)
    submitted = "Đã trình hồ sơ; Chủ tịch UBND thành phố Hải Phòng đã được thông báo."
    head_acts(browser, live_server, dossier, "Trình hồ sơ", submitted)

    board_returns_binh(browser, live_server, dossier)
    officer_fixes(browser, live_server, dossier)
    head_acts(browser, live_server, dossier, "Trình lại hồ sơ", "Đã trình lại hồ sơ.")

    board_receives_and_appraises(browser, live_server, dossier)

    session_url = secretary_prepares_the_session(browser, live_server)
    opened = "Đã mở bỏ phiếu; các thành viên có mặt đã được mời bỏ phiếu."
    chair_acts(browser, live_server, session_url, "Mở bỏ phiếu", opened)
    # Chiến sĩ thi đua thành phố needs 90 % of the full council (NĐ 98/2023 Art. 30.7): all five members vote.
    for username in ("hoidong1", "hoidong2", "hoidong3", "thuky", "chutich.hd"):
        member_votes(browser, live_server, session_url, username)
    closed = "Đã kết thúc bỏ phiếu; kết quả được công bố dưới đây."
    chair_acts(browser, live_server, session_url, "Kết thúc bỏ phiếu", closed)

    tab = board_head_approves(browser, live_server, dossier)
    timeline = tab.locator("#timeline").inner_text()
    for step in ("Tạo hồ sơ", "Thêm đề nghị", "Thêm tài liệu", "Trình hồ sơ", "Trả lại đề nghị để bổ sung",
                 "Trả lại hồ sơ", "Sửa đề nghị", "Trình lại hồ sơ", "Tiếp nhận hồ sơ",
                 "Ghi kết quả kiểm tra thẩm định", "Thẩm định", "Đưa vào phiên họp Hội đồng",
                 "Hội đồng bắt đầu bỏ phiếu", "Hội đồng bỏ phiếu đạt", "Hội đồng kết thúc bỏ phiếu",
                 "Duyệt đề nghị"):  # fmt: skip
        assert step in timeline, step
    assert REASON in timeline
    assert f"{BINH}: sửa tóm tắt thành tích" in timeline
    for name in (HOA, BINH):
        assert "Hội đồng: 5/5 phiếu đồng ý – đạt" in row(tab, name).inner_text()
    tab.screenshot(path="/tmp/thidua-dossier-approved.png", full_page=True)
    tab.set_viewport_size(PHONE)
    tab.reload()
    no_sideways_scroll(tab, "the dossier page")
    tab.screenshot(path="/tmp/thidua-dossier-approved-phone.png", full_page=True)
    done(tab)

    dossier = Dossier.objects.get(pk=dossier.pk)
    states = sorted(dossier.entries.values_list("state", flat=True))
    assert (dossier.state, states) == (DossierState.RECEIVED, [EntryState.APPROVED, EntryState.APPROVED])
