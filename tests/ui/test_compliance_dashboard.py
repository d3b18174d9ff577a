"""The compliance dashboard: who has answered, who is late, who has nothing yet; its filters, drill-down links,
reminders and XLSX. Each view: anonymous → login, wrong role → 403, out of scope → 404, right role → the page.

Scene (test_movements): the city's movement that Quận Lê Chân (a district) and Phường An Biên (a ward) answer; its
registration deadline was yesterday. An Biên sent its registration the day before the deadline; Lê Chân sent
nothing: its plan and registration are missing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import user_with_role
from tests.factories.orgs import OrgUnitFactory
from tests.ui.test_movements import (
    html_of,
    login_url_for,
    make_an_bien_officer,
    make_board,
    make_movement,
    make_thuy_nguyen_officer,
    signed_in,
    today,
)
from thidua.movements.enums import AnswerState
from thidua.movements.models import Registration, Reminder
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    return make_board(city)


@pytest.fixture
def an_bien_officer(city):
    return make_an_bien_officer(city)


@pytest.fixture
def thuy_nguyen_officer(city):
    return make_thuy_nguyen_officer(city)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def health_department(city):
    return OrgUnitFactory(code="HP-SYT", name="Sở Y tế", parent=city["root"])


@pytest.fixture
def late(city, board, le_chan_officer, an_bien_officer, health_department):
    """The movement, its registration deadline yesterday; An Biên registered two days ago."""
    movement = make_movement(city, board, registration_due=today() - dt.timedelta(days=1),
                             co_organisers=[health_department])  # fmt: skip
    sent = timezone.now() - dt.timedelta(days=2)
    Registration.objects.filter(movement=movement, unit=city["an_bien"]).update(
        state=AnswerState.PENDING, submitted_at=sent
    )
    return movement


def dashboard(client, movement, **params):
    return client.get(reverse("movements:dashboard", args=[movement.pk]), params)


# --- Dashboard ------------------------------------------------------------------------------------------------


def test_dashboard_anonymous_is_sent_to_login(client, late):
    path = reverse("movements:dashboard", args=[late.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_dashboard_for_a_unit_officer_in_scope_is_forbidden(client, le_chan_officer, late):
    assert dashboard(signed_in(client, le_chan_officer), late).status_code == 403


def test_dashboard_out_of_scope_is_not_found(client, thuy_nguyen_officer, late):
    assert dashboard(signed_in(client, thuy_nguyen_officer), late).status_code == 404


def test_dashboard_is_open_to_a_co_organiser(client, health_department, late):
    officer = user_with_role("unit_officer", health_department, username="canbo.syt", full_name="Hà Văn Y")
    response = dashboard(signed_in(client, officer), late)
    assert (response.status_code, response.context["can_remind"]) == (200, False)


def test_dashboard_shows_each_unit_with_its_compliance(client, board, late):
    rows = dashboard(signed_in(client, board), late).context["rows"]
    assert [(row.unit.name, row.plan_compliance, row.registration_compliance) for row in rows] == [
        ("Quận Lê Chân", "missing", "missing"),
        ("Phường An Biên", "missing", "on_time"),
    ]


def test_dashboard_counts_answered_and_missing_per_unit_kind(client, board, late):
    summary = dashboard(signed_in(client, board), late).context["summary"]
    figures = {bucket["label"]: (bucket["registration"]["answered"], bucket["registration"]["missing"])
               for bucket in summary["by_kind"]}  # fmt: skip
    assert (figures, summary["overall"]["registration"]["answered"]) == (
        {"Quận, huyện": (0, 1), "Xã, phường, thị trấn": (1, 0)},
        1,
    )


def test_dashboard_shows_the_figures_of_the_summary(client, board, late):
    html = html_of(dashboard(signed_in(client, board), late))
    assert '<span class="summary-cell__answered">Đã gửi 1/2</span>' in html


def test_dashboard_links_each_answer(client, city, board, late):
    registration = Registration.objects.get(movement=late, unit=city["an_bien"])
    html = html_of(dashboard(signed_in(client, board), late))
    assert (f'<a href="/app/registrations/{registration.pk}/"><span class="badge badge--ok">Đúng hạn</span>'
            in html.replace("\n", "")) is True  # fmt: skip


def test_dashboard_filters_by_unit_kind(client, city, board, late):
    response = dashboard(signed_in(client, board), late, unit_kind=city["an_bien"].kind_id)
    assert [row.unit.name for row in response.context["rows"]] == ["Phường An Biên"]


def test_dashboard_filters_by_district(client, city, board, late):
    response = dashboard(signed_in(client, board), late, district=city["le_chan"].pk)
    assert [row.unit.name for row in response.context["rows"]] == ["Quận Lê Chân", "Phường An Biên"]


def test_dashboard_offers_a_reminder_for_late_units(client, city, board, late):
    html = html_of(dashboard(signed_in(client, board), late))
    assert 'aria-label="Nhắc Quận Lê Chân"' in html
    assert "Nhắc 2 đơn vị quá hạn" in html


@pytest.mark.parametrize("wards", [1, 3])
def test_dashboard_query_count(client, city, board, wards, django_assert_num_queries):
    more = [OrgUnitFactory(code=f"HP-LC-{index}", name=f"Phường số {index}", kind=city["an_bien"].kind,
                           parent=city["le_chan"]) for index in range(wards - 1)]  # fmt: skip
    movement = make_movement(city, board, more_units=more)
    client = signed_in(client, board)
    with django_assert_num_queries(13):
        response = dashboard(client, movement)
    assert len(response.context["rows"]) == wards + 1


# --- XLSX -----------------------------------------------------------------------------------------------------


def test_dashboard_xlsx_anonymous_is_sent_to_login(client, late):
    path = reverse("movements:dashboard-xlsx", args=[late.pk])
    assert client.get(path)["Location"] == login_url_for(path)


def test_dashboard_xlsx_for_a_unit_officer_is_forbidden(client, le_chan_officer, late):
    response = signed_in(client, le_chan_officer).get(reverse("movements:dashboard-xlsx", args=[late.pk]))
    assert response.status_code == 403


def test_dashboard_xlsx_out_of_scope_is_not_found(client, thuy_nguyen_officer, late):
    response = signed_in(client, thuy_nguyen_officer).get(reverse("movements:dashboard-xlsx", args=[late.pk]))
    assert response.status_code == 404


def test_dashboard_xlsx_lists_the_filtered_units(client, city, board, late):
    response = signed_in(client, board).get(
        reverse("movements:dashboard-xlsx", args=[late.pk]), {"unit_kind": city["an_bien"].kind_id}
    )
    sheet = load_workbook(io.BytesIO(response.content))["Đơn vị"]
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert (response["Content-Type"], names) == (XLSX, ["Phường An Biên"])


# --- Reminders ------------------------------------------------------------------------------------------------


def test_remind_anonymous_is_sent_to_login(client, late):
    path = reverse("movements:remind", args=[late.pk])
    assert client.post(path)["Location"] == login_url_for(path)


def test_remind_by_a_co_organiser_is_forbidden(client, health_department, late):
    officer = user_with_role("unit_officer", health_department, username="canbo.syt", full_name="Hà Văn Y")
    response = signed_in(client, officer).post(reverse("movements:remind", args=[late.pk]))
    assert (response.status_code, Reminder.objects.count()) == (403, 0)


def test_remind_out_of_scope_is_not_found(client, thuy_nguyen_officer, late):
    response = signed_in(client, thuy_nguyen_officer).post(reverse("movements:remind", args=[late.pk]))
    assert response.status_code == 404


def test_remind_one_unit_tells_its_officers(client, city, board, le_chan_officer, an_bien_officer, late):
    response = signed_in(client, board).post(
        reverse("movements:remind", args=[late.pk]), {"unit": city["le_chan"].pk, "unit_kind": city["le_chan"].kind_id}
    )
    reminded = list(Reminder.objects.values_list("unit__name", flat=True))
    told = list(Notification.objects.filter(code="movements.reminder").values_list("user__username", flat=True))
    assert (response["Location"], reminded, told) == (
        f"/app/movements/{late.pk}/dashboard/?unit_kind={city['le_chan'].kind_id}",
        ["Quận Lê Chân"],
        ["canbo.lechan"],
    )


def test_remind_all_late_units(client, board, late):
    signed_in(client, board).post(reverse("movements:remind", args=[late.pk]))
    assert sorted(Reminder.objects.values_list("unit__name", flat=True)) == ["Phường An Biên", "Quận Lê Chân"]


def test_remind_says_when_nobody_is_late(client, city, board):
    movement = make_movement(city, board)
    response = signed_in(client, board).post(reverse("movements:remind", args=[movement.pk]), follow=True)
    assert ("Không có đơn vị nào quá hạn cần nhắc." in html_of(response), Reminder.objects.count()) == (True, 0)
