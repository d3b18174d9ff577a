"""The dashboard's panel registry (thidua/core/dashboard.py): apps register panels, core knows none of them; each
panel says something to the roles it fits and nothing to the others."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from thidua.core import dashboard
from thidua.core.dashboard import ACTION, NUMBERS, Figure, HeldRole, Item, Panel, Viewer
from thidua.core.pagination import CappedCount
from thidua.records.reporting import reporting_window, reporting_year

CORE = Path(dashboard.__file__).parent
LATER_APPS = ("orgs", "accounts", "jobs", "catalog", "notifications", "records", "movements", "eligibility",
              "dossiers", "decisions", "reports", "portal", "imports", "audit")  # fmt: skip


class FakeUser:
    is_superuser = False
    pk = 1


@pytest.fixture
def empty_registry(monkeypatch):
    """A registry of the test's own panels only (the apps' panels are set aside, then restored)."""
    monkeypatch.setattr(dashboard, "_PANELS", {})
    monkeypatch.setattr(dashboard, "autodiscover_modules", lambda name: None)


def only_for_board(viewer: Viewer) -> Panel | None:
    return Panel(key="board", title="Ban") if viewer.holds({"board_officer"}) else None


def for_everyone(viewer: Viewer) -> Panel:
    return Panel(key="everyone", title="Mọi người")


def numbers(viewer: Viewer) -> Panel:
    return Panel(key="numbers", title="Số liệu", figures=[Figure("đơn vị", 3)])


def test_the_dashboard_module_imports_no_later_app():
    tree = ast.parse((CORE / "dashboard.py").read_text(encoding="utf-8"))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert [name for name in imported if name.split(".")[1:2] and name.split(".")[1] in LATER_APPS] == []


def test_panels_come_in_their_order_in_their_section(empty_registry):
    dashboard.register(for_everyone, order=20)
    dashboard.register(numbers, order=5, section=NUMBERS)
    dashboard.register(only_for_board, order=10)
    viewer = Viewer(FakeUser(), roles=(HeldRole("board_officer", 1, "00000001"),))
    found = dashboard.panels_for(viewer)
    assert {section: [panel.key for panel in panels] for section, panels in found.items()} == {
        ACTION: ["board", "everyone"],
        NUMBERS: ["numbers"],
    }


def test_a_panel_that_does_not_fit_the_roles_is_left_out(empty_registry):
    dashboard.register(only_for_board, order=10)
    viewer = Viewer(FakeUser(), roles=(HeldRole("unit_officer", 1, "00000001"),))
    assert dashboard.panels_for(viewer) == {ACTION: [], NUMBERS: []}


def test_registering_a_panel_twice_shows_it_once(empty_registry):
    dashboard.register(for_everyone, order=10)
    dashboard.register(for_everyone, order=30)
    panels = dashboard.panels_for(Viewer(FakeUser()))[ACTION]
    assert [(panel.key, panel.order) for panel in panels] == [("everyone", 30)]


def test_the_decorator_registers_into_a_section(empty_registry):
    decorated = dashboard.panel(7, NUMBERS)(numbers)
    assert (decorated is numbers, [p.key for p in dashboard.panels_for(Viewer(FakeUser()))[NUMBERS]]) == (
        True,
        ["numbers"],
    )


def test_an_unknown_section_is_refused(empty_registry):
    with pytest.raises(ValueError, match="Unknown dashboard section"):
        dashboard.register(for_everyone, order=1, section="elsewhere")


def test_the_apps_register_their_panels_by_module():
    modules = {entry.function.__module__ for entry in dashboard.registered()}
    assert {
        "thidua.orgs.dashboard",
        "thidua.notifications.dashboard",
        "thidua.reports.dashboard",
        "thidua.movements.dashboard",
        "thidua.dossiers.dashboard",
        "thidua.decisions.dashboard",
    } <= modules


def test_a_viewer_holds_roles_at_units():
    viewer = Viewer(FakeUser(), roles=(HeldRole("signer", 4, "00000004"), HeldRole("clerk", 9, "00000009")))
    assert (viewer.holds({"signer"}), viewer.holds({"admin"}), viewer.units({"clerk", "signer"})) == (
        True,
        False,
        [4, 9],
    )


def test_a_superuser_holds_every_role():
    user = FakeUser()
    user.is_superuser = True
    assert Viewer(user).holds({"finance_officer"}) is True


def test_a_panel_has_more_when_its_count_exceeds_its_items():
    items = [Item(text="Hồ sơ 1"), Item(text="Hồ sơ 2")]
    assert (Panel(key="a", title="A", items=items, count=7).more, Panel(key="b", title="B", items=items,
                                                                          count=2).more) == (True, False)  # fmt: skip


def test_a_capped_count_always_has_more():
    assert Panel(key="a", title="A", count=CappedCount(5, True)).more is True


def test_an_int_figure_reads_as_a_count_and_text_stays_text():
    assert (Figure("đơn vị", 3).value, Figure("tiền", "1.000 đồng", text=True).value) == (
        CappedCount(3, False),
        "1.000 đồng",
    )


# --- The reporting year of the awards panel ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 30), (2026, dt.date(2025, 12, 1), dt.date(2026, 11, 30))),
        (dt.date(2026, 12, 1), (2027, dt.date(2026, 12, 1), dt.date(2027, 11, 30))),
        (dt.date(2026, 1, 1), (2026, dt.date(2025, 12, 1), dt.date(2026, 11, 30))),
    ],
)
def test_the_reporting_year_runs_from_1_december_to_30_november(day, expected):
    year = reporting_year(day)
    assert (year, *reporting_window(year)) == expected
