"""The dashboard per role: "Việc cần làm ngay" (the board's inbox, the unit's dossiers to resubmit, council votes,
decisions to sign or number, approved entries to put in a decision, movement deadlines, unread notifications) and
"Số liệu trong phạm vi" (scope size, dossiers by state, movements running, awards of the reporting year, the year's
money). Each role sees what fits it; the page's queries stay the same however much data there is.

Scene: the decisions scene (tests/decisions/conftest.py) — Quận Lê Chân proposes to the city's Chairman, the city's
board, council, signer, clerk and finance office."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import HOA, approved, drafted, signed
from tests.dossiers.workflow_scene import TITLE, appraised, returned, submitted
from tests.factories.records import AwardFactory
from tests.ui.test_movements import make_movement
from thidua.core.pagination import CappedCount
from thidua.decisions.enums import Numbering
from thidua.dossiers import council
from thidua.dossiers.enums import VoteChoice
from thidua.dossiers.models import Dossier
from thidua.movements.enums import AnswerState
from thidua.movements.models import Registration
from thidua.notifications.services import notify
from thidua.records.reporting import reporting_window, reporting_year

pytestmark = pytest.mark.django_db

DASHBOARD = "/app/"
# Every panel a role may be shown; the numbers everyone with a role sees.
NUMBERS = ["orgs.scope", "movements.running", "reports.awards", "dossiers.by_state", "orgs.recent_events"]


def today() -> dt.date:
    return timezone.localdate()


def dashboard_of(client, user):
    client.force_login(user)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response


def panels_of(client, user) -> dict:
    response = dashboard_of(client, user)
    return {panel.key: panel for panel in [*response.context["action_panels"], *response.context["number_panels"]]}


def texts(panel) -> list[str]:
    return [item.text for item in panel.items]


def figures(panel) -> dict[str, object]:
    return {figure.label: figure.value for figure in panel.figures}


# --- Access ------------------------------------------------------------------------------------------------------


def test_dashboard_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("core:dashboard"))
    assert (response.status_code, response["Location"]) == (302, f"{reverse('accounts:login')}?next={DASHBOARD}")


# --- Which panels each role sees ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "action"),
    [
        ("officer", ["movements.owed", "dossiers.outbox", "notifications.unread"]),
        ("head", ["movements.owed", "dossiers.outbox", "notifications.unread"]),
        ("board", ["dossiers.inbox", "movements.followed", "decisions.to_draft", "notifications.unread"]),
        ("board_head", ["dossiers.inbox", "movements.followed", "decisions.to_draft", "notifications.unread"]),
        ("member1", ["dossiers.council", "notifications.unread"]),
        ("secretary", ["dossiers.council", "notifications.unread"]),
        ("signer", ["decisions.to_sign", "notifications.unread"]),
        ("clerk", ["decisions.to_sign", "notifications.unread"]),
        ("finance", ["decisions.newly_signed", "notifications.unread"]),
    ],
)
def test_each_role_sees_the_work_that_fits_it(client, scene, user, action):
    response = dashboard_of(client, scene.users[user])
    assert [panel.key for panel in response.context["action_panels"]] == action


@pytest.mark.parametrize(("user", "money"), [("finance", True), ("board", True), ("officer", False),
                                             ("signer", False), ("member1", False)])  # fmt: skip
def test_the_years_money_is_for_finance_and_the_board(client, scene, user, money):
    response = dashboard_of(client, scene.users[user])
    keys = [panel.key for panel in response.context["number_panels"]]
    assert keys == ([*NUMBERS[:4], "decisions.money", *NUMBERS[4:]] if money else NUMBERS)


# --- The board's inbox and the unit's dossiers --------------------------------------------------------------------


def test_the_board_sees_a_submitted_dossier_in_its_inbox(client, scene):
    dossier = submitted(scene)
    html = dashboard_of(client, scene.users["board"]).content.decode()
    assert f'<a href="{reverse("dossiers:detail", args=[dossier.pk])}">{TITLE}</a>' in html


def test_an_overdue_dossier_is_marked_and_counted(client, scene):
    dossier = submitted(scene)
    Dossier.objects.filter(pk=dossier.pk).update(due_on=today() - dt.timedelta(days=1))
    panel = panels_of(client, scene.users["board"])["dossiers.inbox"]
    assert ([item.overdue for item in panel.items], panel.note, panel.count) == (
        [True],
        "1 hồ sơ quá hạn xử lý",
        CappedCount(1, False),
    )


def test_a_returned_dossier_waits_on_the_units_dashboard_not_the_boards(client, scene):
    returned(scene)
    inbox = panels_of(client, scene.users["board"])["dossiers.inbox"]
    outbox = panels_of(client, scene.users["officer"])["dossiers.outbox"]
    assert (texts(inbox), texts(outbox), [item.badge for item in outbox.items], outbox.note) == (
        [],
        [TITLE],
        ["Trả lại"],
        "1 hồ sơ bị trả lại cần bổ sung",
    )


def test_another_districts_head_does_not_see_le_chans_dossiers(client, scene):
    returned(scene)
    assert texts(panels_of(client, scene.users["outsider"])["dossiers.outbox"]) == []


# --- The council --------------------------------------------------------------------------------------------------


@pytest.fixture
def voting(scene):
    """A session of the city's council open for online voting on one entry (Chiến sĩ thi đua thành phố)."""
    dossier = appraised(scene, ((HOA, "CSTD_TINH"),))
    session = council.schedule_session(scene.city_authority, by=scene.users["secretary"], meets_on=today(),
                                       title="Phiên họp xét Chiến sĩ thi đua thành phố")  # fmt: skip
    items = council.add_to_agenda(session, list(dossier.entries.all()), by=scene.users["secretary"])
    council.open_voting(session, by=scene.users["chair"])
    return session, items


def test_a_member_is_asked_to_vote_on_an_open_session(client, scene, voting):
    session, _items = voting
    item = panels_of(client, scene.users["member1"])["dossiers.council"].items[0]
    assert (item.text, item.url, item.detail) == (
        "Phiên họp xét Chiến sĩ thi đua thành phố",
        reverse("dossiers:session-vote", args=[session.pk]),
        "Còn 1 nội dung bạn chưa bỏ phiếu",
    )


def test_a_member_who_has_voted_is_not_asked_again(client, scene, voting):
    session, items = voting
    council.cast_vote(items[0], by=scene.users["member1"], choice=VoteChoice.FOR)
    item = panels_of(client, scene.users["member1"])["dossiers.council"].items[0]
    assert (item.url, item.detail) == (reverse("dossiers:session-detail", args=[session.pk]), scene.city_authority.name)


def test_the_council_panel_never_shows_a_tally(client, scene, voting):
    _session, items = voting
    council.cast_vote(items[0], by=scene.users["member1"], choice=VoteChoice.FOR)
    html = dashboard_of(client, scene.users["member2"]).content.decode()
    assert ("phiếu đồng ý" in html, "Còn 1 nội dung bạn chưa bỏ phiếu" in html) == (False, True)


# --- Decisions ----------------------------------------------------------------------------------------------------


def test_the_signer_sees_a_draft_the_system_numbers(client, scene):
    decision = drafted(scene)
    signer = panels_of(client, scene.users["signer"])["decisions.to_sign"]
    clerk = panels_of(client, scene.users["clerk"])["decisions.to_sign"]
    assert ([(item.url, item.badge) for item in signer.items], clerk.items) == (
        [(reverse("decisions:detail", args=[decision.pk]), "Chờ ký")],
        [],
    )


def test_the_clerk_sees_a_draft_the_clerical_office_numbers(client, scene):
    decision = drafted(scene, numbering_kind=Numbering.EXTERNAL)
    clerk = panels_of(client, scene.users["clerk"])["decisions.to_sign"]
    assert [(item.url, item.badge) for item in clerk.items] == [
        (reverse("decisions:detail", args=[decision.pk]), "Chờ ghi số, ngày ký")
    ]


def test_the_district_signer_does_not_see_the_citys_draft(client, scene):
    drafted(scene)
    assert panels_of(client, scene.users["district_signer"])["decisions.to_sign"].items == []


def test_the_board_is_told_of_approved_entries_waiting_for_a_decision(client, scene):
    approved(scene)
    panel = panels_of(client, scene.users["board"])["decisions.to_draft"]
    assert [(item.text, item.url, item.detail) for item in panel.items] == [(
        scene.city_authority.name,
        f"{reverse('decisions:create')}?authority={scene.city_authority.pk}",
        "1 đề nghị đã duyệt chưa có quyết định",
    )]  # fmt: skip


def test_entries_in_a_draft_no_longer_wait_and_the_draft_is_counted(client, scene):
    drafted(scene)
    panel = panels_of(client, scene.users["board"])["decisions.to_draft"]
    assert (panel.items, panel.note) == ([], "1 dự thảo quyết định đang soạn")


def test_finance_sees_the_years_money_as_hand_counted(client, scene):
    # Bằng khen of the city for one person: 1.5 × 2,530,000 đồng, the base salary since 1/7/2026
    # (tests/decisions/scene.py) = 3,795,000 đồng, rounded up to the regime's step (decisions/money.py): 3,800,000.
    decision = signed(scene, signed_on=today())
    panels = panels_of(client, scene.users["finance"])
    assert figures(panels["decisions.money"]) == {
        "tổng tiền thưởng": "3.800.000 đồng",
        "quyết định đã ký": CappedCount(1, False),
        "lượt người, tập thể được khen": CappedCount(1, False),
    }
    assert texts(panels["decisions.newly_signed"]) == [decision.number_text]


def test_money_signed_in_an_earlier_year_is_not_this_years(client, scene):
    signed(scene, signed_on=dt.date(today().year - 1, 12, 31))
    assert figures(panels_of(client, scene.users["finance"])["decisions.money"])["tổng tiền thưởng"] == "0 đồng"


# --- Movements ----------------------------------------------------------------------------------------------------


@pytest.fixture
def late_movement(scene):
    """The city's movement that Lê Chân and An Biên answer, its registration deadline yesterday, nothing sent."""
    return make_movement(scene.units, scene.users["board"], registration_due=today() - dt.timedelta(days=1))


def test_the_unit_officer_sees_what_is_owed_nearest_deadline_first(client, scene, late_movement):
    # Lê Chân's plan and registration were both due yesterday; its report is due in three months.
    panel = panels_of(client, scene.users["officer"])["movements.owed"]
    yesterday = today() - dt.timedelta(days=1)
    assert [(item.text.split(" – ")[0], item.detail, item.due_on, item.overdue) for item in panel.items] == [
        ("Kế hoạch hưởng ứng", "Quận Lê Chân", yesterday, True),
        ("Đăng ký thi đua", "Quận Lê Chân", yesterday, True),
        ("Sơ kết 6 tháng", "Quận Lê Chân", yesterday + dt.timedelta(days=90), False),
    ]
    assert panel.note == "2 việc đã quá hạn"


def test_a_sent_answer_is_no_longer_owed(client, scene, late_movement):
    Registration.objects.filter(movement=late_movement, unit=scene.units["le_chan"]).update(
        state=AnswerState.PENDING, submitted_at=timezone.now()
    )
    panel = panels_of(client, scene.users["officer"])["movements.owed"]
    assert "Đăng ký thi đua" not in " ".join(texts(panel))


def test_the_board_follows_its_movement_with_the_late_answers(client, scene, late_movement):
    item = panels_of(client, scene.users["board"])["movements.followed"].items[0]
    # Lê Chân's and An Biên's plans and registrations are all past their deadline.
    assert (item.text, item.url, item.detail, item.overdue) == (
        late_movement.title,
        reverse("movements:dashboard", args=[late_movement.pk]),
        "4 việc của đơn vị quá hạn chưa gửi",
        True,
    )


def test_the_reviewer_sees_a_registration_sent_for_review(client, scene, late_movement):
    Registration.objects.filter(movement=late_movement, unit=scene.units["an_bien"]).update(
        state=AnswerState.PENDING, submitted_at=timezone.now()
    )
    panel = panels_of(client, scene.users["officer"])["movements.registrations"]
    assert (texts(panel), panel.count) == (["Phường An Biên"], CappedCount(1, False))


def test_movements_running_are_counted_in_scope(client, scene, late_movement):
    running = panels_of(client, scene.users["officer"])["movements.running"]
    outsider = panels_of(client, scene.users["outsider"])["movements.running"]
    assert (running.figures[0].value, outsider.figures[0].value) == (CappedCount(1, False), CappedCount(0, False))


# --- Notifications and awards -------------------------------------------------------------------------------------


def test_unread_notifications_are_ones_own(client, scene):
    notify([scene.users["officer"]], code="dossiers.returned", title="Hồ sơ bị trả lại", url="/app/dossiers/")
    notify([scene.users["head"]], code="dossiers.returned", title="Thư của người khác", url="/app/dossiers/")
    panel = panels_of(client, scene.users["officer"])["notifications.unread"]
    assert ([(item.text, item.url) for item in panel.items], panel.count) == (
        [("Hồ sơ bị trả lại", "/app/dossiers/")],
        CappedCount(1, False),
    )


def test_a_notification_pointing_off_site_is_not_a_link(client, scene):
    notify([scene.users["officer"]], code="x", title="Lạ", url="//example.com/", email=False)
    assert panels_of(client, scene.users["officer"])["notifications.unread"].items[0].url == ""


def test_awards_are_counted_by_decision_date_in_the_reporting_year(client, scene):
    year = reporting_year(today())
    start, end = reporting_window(year)
    bk = scene.awards["BK_TINH"]
    for day in (start, end, start - dt.timedelta(days=1)):
        AwardFactory(person=scene.people[HOA], award_type=bk, year=year, decision_date=day)
    AwardFactory(person=scene.people[HOA], award_type=bk, year=year, decision_date=start, revoked_on=start)
    panel = panels_of(client, scene.users["officer"])["reports.awards"]
    counts = figures(panel)
    assert (counts["khen thưởng trong năm báo cáo"], counts["Cấp bộ, ban, ngành, tỉnh"],
            counts["khen thưởng còn hiệu lực (mọi năm)"]) == (CappedCount(2, False), CappedCount(2, False),
                                                               CappedCount(3, False))  # fmt: skip


def test_awards_outside_the_scope_are_not_counted(client, scene):
    year = reporting_year(today())
    start, _end = reporting_window(year)
    AwardFactory(person=scene.people[HOA], award_type=scene.awards["BK_TINH"], year=year, decision_date=start)
    panel = panels_of(client, scene.users["outsider"])["reports.awards"]
    assert figures(panel)["khen thưởng trong năm báo cáo"] == CappedCount(0, False)


@pytest.mark.parametrize(("user", "linked"), [("board", True), ("head", True), ("signer", True), ("officer", False),
                                             ("clerk", False), ("finance", False)])  # fmt: skip
def test_the_awards_panel_links_to_the_reports_only_for_their_readers(client, scene, user, linked):
    panel = panels_of(client, scene.users[user])["reports.awards"]
    assert (panel.url, bool(panel.url_label)) == ((reverse("reports:index"), True) if linked else ("", False))


def test_the_dossiers_in_scope_are_counted_by_state(client, scene):
    submitted(scene)
    returned(scene)
    counts = figures(panels_of(client, scene.users["officer"])["dossiers.by_state"])
    assert (counts["Đã trình"], counts["Trả lại"], counts["Dự thảo"]) == (
        CappedCount(1, False),
        CappedCount(1, False),
        CappedCount(0, False),
    )


# --- Speed: a fixed number of queries, whatever the data ------------------------------------------------------


def queries_of(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("core:dashboard")).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("user", ["officer", "board", "member1", "signer", "clerk", "finance"])
def test_the_dashboard_runs_few_queries(client, scene, user, django_assert_max_num_queries):
    client.force_login(scene.users[user])
    with django_assert_max_num_queries(30):
        client.get(reverse("core:dashboard"))


@pytest.mark.parametrize("user", ["officer", "board", "finance"])
def test_the_dashboards_queries_do_not_grow_with_the_data(client, scene, user):
    submitted(scene)
    before = queries_of(client, scene.users[user])
    for _index in range(3):
        submitted(scene)
        returned(scene)
    signed(scene, signed_on=today())
    make_movement(scene.units, scene.users["board"], registration_due=today() - dt.timedelta(days=1))
    notify([scene.users[user]], code="x", title="Thông báo", url="/app/", email=False)
    assert queries_of(client, scene.users[user]) == before
