"""The dossier lists (the unit's outbox, the board's inbox) and the decisions list export what their filters select to
XLSX: every row, Vietnamese headers, the user's scope; anonymous visitors go to the login page.

Scene: tests/decisions/conftest.py (Hải Phòng's board, Quận Lê Chân's officer, Huyện Thủy Nguyên's head)."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, HOA, drafted, signed
from tests.factories.dossiers import DossierFactory
from tests.ui.test_exports import export, table_of
from thidua.dossiers.enums import DossierState

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)


def as_user(client, scene, name: str):
    client.force_login(scene.users[name])
    return client


# --- Dossiers -------------------------------------------------------------------------------------------


@pytest.fixture
def dossiers(scene):
    units = scene.units
    return {
        "draft": DossierFactory(unit=units["an_bien"], title="Hồ sơ khen thưởng phường An Biên"),
        "closed": DossierFactory(unit=units["le_chan"], title="Hồ sơ đã kết thúc", state=DossierState.CLOSED),
        "submitted": DossierFactory(unit=units["le_chan"], title="Hồ sơ trình thành phố", state=DossierState.SUBMITTED,
                                    authority=scene.city_authority, due_on=dt.date(2020, 1, 10)),
        "elsewhere": DossierFactory(unit=units["minh_duc"], title="Hồ sơ thị trấn Minh Đức"),
    }  # fmt: skip


def test_outbox_export_anonymous_is_sent_to_login(client, dossiers):
    assert export(client, "dossiers:outbox")["Location"].startswith(reverse("accounts:login"))


def test_outbox_export_holds_the_open_dossiers_of_the_scope(client, scene, dossiers):
    header, rows = table_of(export(as_user(client, scene, "officer"), "dossiers:outbox"))
    assert header == ["STT", "Trích yếu", "Đơn vị trình", "Cấp trình", "Trạng thái", "Trình lúc", "Hạn xử lý",
                      "Quá hạn", "Số đề nghị"]  # fmt: skip
    assert {row[1] for row in rows} == {"Hồ sơ khen thưởng phường An Biên", "Hồ sơ trình thành phố"}


def test_outbox_export_keeps_the_state_filter(client, scene, dossiers):
    _header, rows = table_of(export(as_user(client, scene, "officer"), "dossiers:outbox", state="closed"))
    assert [row[1] for row in rows] == ["Hồ sơ đã kết thúc"]


def test_outbox_export_marks_an_overdue_dossier(client, scene, dossiers):
    _header, rows = table_of(export(as_user(client, scene, "officer"), "dossiers:outbox", state="submitted"))
    assert (rows[0][3], rows[0][6].date(), rows[0][7]) == ("Chủ tịch UBND thành phố Hải Phòng", dt.date(2020, 1, 10),
                                                           "Quá hạn")  # fmt: skip


def test_inbox_export_holds_what_waits_for_the_board(client, scene, dossiers):
    header, rows = table_of(export(as_user(client, scene, "board"), "dossiers:inbox"))
    assert "Cán bộ thẩm định" in header
    assert [row[1] for row in rows] == ["Hồ sơ trình thành phố"]


def test_inbox_export_of_a_unit_officer_is_empty(client, scene, dossiers):
    _header, rows = table_of(export(as_user(client, scene, "officer"), "dossiers:inbox"))
    assert rows == []


def test_outbox_page_links_to_the_export_with_its_filter(client, scene, dossiers):
    html = as_user(client, scene, "officer").get(reverse("dossiers:outbox"), {"state": "all"}).content.decode()
    assert 'href="?state=all&amp;format=xlsx">Xuất Excel</a>' in html


# --- Decisions ------------------------------------------------------------------------------------------


def test_decisions_export_anonymous_is_sent_to_login(client, scene):
    assert export(client, "decisions:list")["Location"].startswith(reverse("accounts:login"))


def test_decisions_export_holds_drafts_and_signed_decisions_with_their_money(client, scene):
    drafted(scene, ((HOA, "BK_TINH"),))
    decision = signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    header, rows = table_of(export(as_user(client, scene, "board"), "decisions:list"))
    assert header == ["STT", "Số, ký hiệu", "Ngày ký", "Loại quyết định", "Trích yếu", "Cấp quyết định",
                      "Trạng thái", "Điều chỉnh quyết định số", "Số người, tập thể", "Tiền thưởng (đồng)"]  # fmt: skip
    signed_on = [row[2].date() if row[2] else None for row in rows]
    assert [(row[1], row[9]) for row in rows] == [(decision.number_text, 3_510_000), ("Dự thảo", None)]
    assert signed_on == [SIGNED_ON, None]


def test_decisions_export_keeps_the_filters(client, scene):
    drafted(scene, ((HOA, "BK_TINH"),))
    decision = signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    response = export(as_user(client, scene, "board"), "decisions:list", state="signed", q="tran van binh")
    _header, rows = table_of(response)
    assert [row[1] for row in rows] == [decision.number_text]


def test_decisions_export_keeps_the_scope(client, scene):
    signed(scene, ((BINH, "BK_TINH"),), signed_on=SIGNED_ON)
    _header, rows = table_of(export(as_user(client, scene, "outsider"), "decisions:list"))
    assert rows == []


def test_decisions_page_links_to_the_export(client, scene):
    html = as_user(client, scene, "board").get(reverse("decisions:list"), {"state": "signed"}).content.decode()
    assert 'href="?state=signed&amp;format=xlsx">Xuất Excel</a>' in html
