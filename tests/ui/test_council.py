"""The council's staff pages (Hội đồng Thi đua - Khen thưởng): the sessions, a new session, the session page (agenda,
attendance, opening and closing the vote, paper tallies, results after the close) and a member's voting page. Every
view: anonymous → login, wrong role → 403, out of scope → 404; a vote is secret (the page and its messages never
say which way, no count shows before the chair closes)."""

# ruff: noqa: F811 — the scene fixture is imported from tests/dossiers/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import user_with_role
from tests.dossiers.conftest import scene  # noqa: F401
from tests.dossiers.workflow_scene import HOA, appraised, entry_of
from thidua.dossiers import council
from thidua.dossiers.enums import EntryState, SessionState, VotingMode
from thidua.dossiers.models import AgendaItem, CouncilSession, VoteReceipt

pytestmark = pytest.mark.django_db

MEETS_ON = dt.date(2025, 3, 14)
VOTERS = ("chair", "secretary", "member1", "member2", "member3")


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def as_user(client, scene, name: str):
    client.force_login(scene.users[name])
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def schedule(scene, **kwargs) -> CouncilSession:
    kwargs.setdefault("title", "Phiên họp Hội đồng Thi đua - Khen thưởng thành phố tháng 3/2025")
    return council.schedule_session(scene.city_authority, by=scene.users["secretary"], meets_on=MEETS_ON, **kwargs)


@pytest.fixture
def entry(scene):
    """Nguyễn Thị Hoa for Chiến sĩ thi đua thành phố, appraised and proposed: waiting for the council."""
    return entry_of(appraised(scene, ((HOA, "CSTD_TINH"),)))


@pytest.fixture
def planned(scene, entry):
    session = schedule(scene)
    council.add_to_agenda(session, [entry], by=scene.users["secretary"])
    return session


@pytest.fixture
def voting(scene, planned):
    return council.open_voting(planned, by=scene.users["chair"])


def item_of(session) -> AgendaItem:
    return session.items.get()


# --- The list and a new session -------------------------------------------------------------------------------


def test_sessions_anonymous_is_sent_to_login(client):
    response = client.get(reverse("dossiers:sessions"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/council-sessions/"))


def test_sessions_list_what_the_council_may_see_and_nothing_to_outsiders(client, scene, planned):
    assert planned.title in as_user(client, scene, "member1").get(reverse("dossiers:sessions")).content.decode()
    assert planned.title not in as_user(client, scene, "outsider").get(reverse("dossiers:sessions")).content.decode()


def test_session_create_by_a_unit_head_is_forbidden(client, scene):
    assert as_user(client, scene, "head").get(reverse("dossiers:session-create")).status_code == 403
    assert as_user(client, scene, "member1").get(reverse("dossiers:session-create")).status_code == 403


def test_the_secretary_schedules_a_session_seating_the_council(client, scene):
    form = as_user(client, scene, "secretary").get(reverse("dossiers:session-create")).content.decode()
    assert "Chủ tịch UBND thành phố Hải Phòng (Thành phố Hải Phòng)" in form
    response = client.post(
        reverse("dossiers:session-create"),
        {"authority": scene.city_authority.pk, "title": "Phiên họp tháng 3", "meets_on": "14/03/2025",
         "place": "Phòng họp số 1", "mode": VotingMode.ONLINE, "threshold_base": "full"},
    )  # fmt: skip
    session = CouncilSession.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/council-sessions/{session.pk}/")
    assert session.members.count() == 5
    assert (session.meets_on, session.state) == (MEETS_ON, SessionState.PLANNED)


def test_the_session_form_needs_a_date(client, scene):
    response = as_user(client, scene, "secretary").post(
        reverse("dossiers:session-create"),
        {"authority": scene.city_authority.pk, "title": "Phiên họp", "meets_on": "", "mode": "online",
         "threshold_base": "full"},
    )  # fmt: skip
    assert (response.status_code, bool(response.context["form"].errors["meets_on"])) == (200, True)
    assert CouncilSession.objects.count() == 0


# --- The session page -----------------------------------------------------------------------------------------


def test_session_detail_anonymous_and_out_of_scope(client, scene, planned):
    path = reverse("dossiers:session-detail", args=[planned.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))
    assert as_user(client, scene, "outsider").get(path).status_code == 404


def test_the_secretary_puts_waiting_entries_on_the_agenda(client, scene, entry):
    session = schedule(scene)
    as_user(client, scene, "secretary")
    html = client.get(reverse("dossiers:session-detail", args=[session.pk])).content.decode()
    assert f'value="{entry.pk}"' in html
    response = client.post(reverse("dossiers:session-agenda", args=[session.pk]), {"entries": [entry.pk]}, follow=True)
    assert "Đã đưa 1 đề nghị vào chương trình họp." in messages_of(response)
    assert session.items.get().entry == entry


def test_the_agenda_is_prepared_by_the_secretary_side_only(client, scene, entry):
    session = schedule(scene)
    response = as_user(client, scene, "member1").post(
        reverse("dossiers:session-agenda", args=[session.pk]), {"entries": [entry.pk]}
    )
    assert (response.status_code, session.items.count()) == (403, 0)


def test_an_item_is_taken_off_a_planned_agenda(client, scene, planned):
    response = as_user(client, scene, "secretary").post(reverse("dossiers:item-remove", args=[item_of(planned).pk]))
    assert (response.status_code, planned.items.count()) == (302, 0)


def test_voting_without_quorum_is_refused_with_the_figures(client, scene, planned):
    members = list(planned.members.order_by("pk"))
    as_user(client, scene, "secretary").post(
        reverse("dossiers:session-attendance", args=[planned.pk]), {"present": [m.pk for m in members[:3]]}
    )
    response = as_user(client, scene, "chair").post(reverse("dossiers:session-open", args=[planned.pk]), follow=True)
    assert any("có mặt 3/5 thành viên" in message for message in messages_of(response))
    planned.refresh_from_db()
    assert planned.state == SessionState.PLANNED


def test_only_the_chair_opens_the_vote(client, scene, planned):
    assert (
        as_user(client, scene, "secretary").post(reverse("dossiers:session-open", args=[planned.pk])).status_code == 403
    )
    response = as_user(client, scene, "chair").post(reverse("dossiers:session-open", args=[planned.pk]), follow=True)
    planned.refresh_from_db()
    assert planned.state == SessionState.VOTING
    assert "Đã mở bỏ phiếu; các thành viên có mặt đã được mời bỏ phiếu." in messages_of(response)


def test_the_session_page_hides_the_tally_until_the_close(client, scene, voting):
    for name in ("member1", "member2"):
        council.cast_vote(item_of(voting), by=scene.users[name], choice="for")
    html = as_user(client, scene, "chair").get(reverse("dossiers:session-detail", args=[voting.pk])).content.decode()
    assert "Kết quả chỉ công bố sau khi Chủ tịch Hội đồng kết thúc bỏ phiếu." in html
    assert "2/5" not in html


def test_only_the_chair_closes_and_the_results_show_after(client, scene, voting, entry):
    for name in VOTERS:
        council.cast_vote(item_of(voting), by=scene.users[name], choice="for")
    assert (
        as_user(client, scene, "member1").post(reverse("dossiers:session-close", args=[voting.pk])).status_code == 403
    )
    response = as_user(client, scene, "chair").post(
        reverse("dossiers:session-close", args=[voting.pk]), {"minutes": "Hội đồng thống nhất."}, follow=True
    )
    html = response.content.decode()
    entry.refresh_from_db()
    assert entry.state == EntryState.VOTED
    assert '<td data-label="Đồng ý" class="num">5/5</td>' in html
    assert '<span class="badge badge--ok">Đạt</span>' in html
    assert "Hội đồng thống nhất." in html


def test_the_secretary_enters_a_paper_tally(client, scene, entry):
    session = schedule(scene, mode=VotingMode.PAPER)
    council.add_to_agenda(session, [entry], by=scene.users["secretary"])
    council.open_voting(session, by=scene.users["chair"])
    item = item_of(session)
    assert as_user(client, scene, "member1").post(reverse("dossiers:item-tally", args=[item.pk])).status_code == 403
    response = as_user(client, scene, "secretary").post(
        reverse("dossiers:item-tally", args=[item.pk]),
        {f"tally-{item.pk}-votes_for": "4", f"tally-{item.pk}-votes_against": "1"},
        follow=True,
    )
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against) == (4, 1)
    assert "Đã nhập kết quả kiểm phiếu cho “Nguyễn Thị Hoa – Chiến sĩ thi đua thành phố”." in messages_of(response)


def test_a_paper_tally_above_the_members_present_names_the_field(client, scene, entry):
    session = schedule(scene, mode=VotingMode.PAPER)
    council.add_to_agenda(session, [entry], by=scene.users["secretary"])
    council.open_voting(session, by=scene.users["chair"])
    item = item_of(session)
    response = as_user(client, scene, "secretary").post(
        reverse("dossiers:item-tally", args=[item.pk]),
        {f"tally-{item.pk}-votes_for": "5", f"tally-{item.pk}-votes_against": "3"},
        follow=True,
    )
    assert messages_of(response) == [
        "Số phiếu đồng ý: Đề nghị “Nguyễn Thị Hoa – Chiến sĩ thi đua thành phố”: tổng số phiếu (8) nhiều hơn số thành "
        "viên có mặt được biểu quyết (5)."
    ]
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against) == (0, 0)


# --- The voting page ------------------------------------------------------------------------------------------


def test_vote_page_anonymous_wrong_role_and_out_of_scope(client, scene, voting):
    path = reverse("dossiers:session-vote", args=[voting.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))
    assert as_user(client, scene, "board").get(path).status_code == 403
    assert as_user(client, scene, "outsider").get(path).status_code == 404


def test_a_member_votes_once_and_the_page_says_only_that_they_voted(client, scene, voting):
    item = item_of(voting)
    as_user(client, scene, "member1")
    path = reverse("dossiers:session-vote", args=[voting.pk])
    html = client.get(path).content.decode()
    assert f'action="/app/council-items/{item.pk}/vote/"' in html
    assert (">Đồng ý</button>" in html, ">Không đồng ý</button>" in html) == (True, True)
    response = client.post(reverse("dossiers:item-vote", args=[item.pk]), {"choice": "for"}, follow=True)
    shown = messages_of(response)
    assert shown == ["Đã ghi nhận phiếu của bạn cho đề nghị “Nguyễn Thị Hoa – Chiến sĩ thi đua thành phố”."]
    html = response.content.decode()
    assert '<span class="badge badge--ok">Đã bỏ phiếu</span>' in html
    assert f'action="/app/council-items/{item.pk}/vote/"' not in html
    assert VoteReceipt.objects.filter(item=item).count() == 1


def test_a_second_vote_is_refused(client, scene, voting):
    item = item_of(voting)
    as_user(client, scene, "member1")
    client.post(reverse("dossiers:item-vote", args=[item.pk]), {"choice": "for"})
    response = client.post(reverse("dossiers:item-vote", args=[item.pk]), {"choice": "against"}, follow=True)
    assert "Bạn đã bỏ phiếu cho đề nghị này." in messages_of(response)
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against) == (1, 0)


def test_someone_outside_the_session_cannot_vote(client, scene, voting):
    other = user_with_role("council_member", scene.units["root"], username="hoidong9", full_name="Ngô Văn Chín")
    client.force_login(other)
    response = client.post(reverse("dossiers:item-vote", args=[item_of(voting).pk]), {"choice": "for"})
    assert response.status_code == 403


def test_a_vote_without_a_choice_names_the_field(client, scene, voting):
    item = item_of(voting)
    response = as_user(client, scene, "member1").post(reverse("dossiers:item-vote", args=[item.pk]), follow=True)
    assert messages_of(response) == ["Phiếu: Chọn “Đồng ý” hoặc “Không đồng ý”."]
    assert VoteReceipt.objects.count() == 0


def test_the_vote_page_never_shows_a_count_before_the_close(client, scene, voting):
    for name in ("member2", "member3"):
        council.cast_vote(item_of(voting), by=scene.users[name], choice="against")
    html = as_user(client, scene, "member1").get(reverse("dossiers:session-vote", args=[voting.pk])).content.decode()
    assert "Không đồng ý</button>" in html
    assert ("2/5" in html, ">2<" in html) == (False, False)


def test_a_member_declares_a_conflict_and_does_not_vote(client, scene, voting):
    item = item_of(voting)
    as_user(client, scene, "member2")
    response = client.post(
        reverse("dossiers:item-recuse", args=[item.pk]),
        {f"recuse-{item.pk}-reason": "Người được đề nghị là người thân của tôi."},
        follow=True,
    )
    assert response.redirect_chain == [(f"/app/council-sessions/{voting.pk}/vote/", 302)]
    assert '<span class="badge badge--past">Không tham gia biểu quyết</span>' in response.content.decode()
    assert item.recusals.get().member.user == scene.users["member2"]


def test_a_conflict_needs_a_reason(client, scene, voting):
    item = item_of(voting)
    response = as_user(client, scene, "member2").post(
        reverse("dossiers:item-recuse", args=[item.pk]), {f"recuse-{item.pk}-reason": ""}, follow=True
    )
    assert any(message.startswith("Lý do không tham gia biểu quyết: ") for message in messages_of(response))
    assert item.recusals.count() == 0
