"""/api/v1/council-sessions/: the city's council (five members: chair, secretary, three members) prepares a session,
puts appraised entries on its agenda, records who is present; the chair opens the vote; each member votes once,
secretly; the tally stays hidden (null in the detail, 409 on /results/) until the chair closes; paper tallies by the
secretary; declared recusals.

Scene: tests/dossiers/conftest.py; entries reach the council through the workflow (tests/dossiers/workflow_scene.py).
Who may not reach which endpoint, for every endpoint: test_dossiers_access.py."""

# The dossier scene fixture is imported as the helpers' rules say; its parameters shadow the import by design.
# ruff: noqa: F811
from __future__ import annotations

import json

import pytest

from tests.api.dossier_builders import MEETS_ON, VOTERS, client_of, voting_session
from tests.dossiers.conftest import scene  # noqa: F401
from tests.dossiers.workflow_scene import BINH, HOA, appraised, entry_of
from thidua.audit.models import AuditEntry
from thidua.dossiers import council
from thidua.dossiers.enums import EntryState, SessionState
from thidua.dossiers.models import AgendaItem, CouncilSession, VoteReceipt

pytestmark = pytest.mark.django_db

HIDDEN = {"votes_for": None, "votes_against": None, "base": None, "threshold": None, "passed": None}
NOT_YET = {"detail": "Kết quả chỉ công bố sau khi Chủ tịch Hội đồng kết thúc bỏ phiếu."}


def session_body(scene, **fields) -> dict:
    return {"authority": scene.city_authority.pk, "title": "Phiên họp Hội đồng tháng 3/2025",
            "meets_on": MEETS_ON.isoformat(), "place": "Phòng họp số 1", **fields}  # fmt: skip


def planned(scene, entries=()) -> CouncilSession:
    session = council.schedule_session(scene.city_authority, by=scene.users["secretary"], title="Phiên họp tháng 3",
                                       meets_on=MEETS_ON)  # fmt: skip
    if entries:
        council.add_to_agenda(session, entries, by=scene.users["secretary"])
    return session


def council_entries(scene, nominees=((HOA, "CSTD_TINH"),)):
    """Appraised entries of a received dossier whose award type the council votes on."""
    dossier = appraised(scene, nominees)
    return dossier, list(dossier.entries.order_by("pk"))


def item_of(session: CouncilSession) -> AgendaItem:
    return session.items.order_by("pk").first()


def detail(scene, who: str, session: CouncilSession) -> dict:
    response = client_of(scene, who).get(f"/api/v1/council-sessions/{session.pk}/")
    assert response.status_code == 200
    return response.json()


# --- Preparing the session -------------------------------------------------------------------------------------


def test_the_secretary_schedules_a_session_with_the_council_s_members(scene):
    response = client_of(scene, "secretary").post("/api/v1/council-sessions/", session_body(scene), format="json")

    data = response.json()
    assert (response.status_code, data["state"], data["mode"], data["quorum"], data["threshold_base"]) == (
        201, "planned", "online", "0.800", "full",
    )  # fmt: skip
    assert sorted((member["full_name"], member["role"]) for member in data["members"]) == [
        ("Bùi Thị Ngọc Anh", "secretary"), ("Hoàng Minh Tuấn", "chair"), ("Phan Thị Mai", "member"),
        ("Vũ Văn Khải", "member"), ("Đỗ Văn Nam", "member"),
    ]  # fmt: skip


def test_a_session_may_name_its_members_and_vote_on_paper(scene):
    members = [
        {"user": scene.users["chair"].pk, "full_name": "Hoàng Minh Tuấn", "position": "Chủ tịch UBND", "role": "chair"},
        {"full_name": "Nguyễn Văn Khách", "position": "Giám đốc Sở Nội vụ"},
    ]
    body = session_body(scene, mode="paper", members=members, quorum="0.5", threshold_base="without_recused")

    response = client_of(scene, "secretary").post("/api/v1/council-sessions/", body, format="json")

    data = response.json()
    assert (response.status_code, data["mode"], data["quorum"], data["threshold_base"]) == (
        201, "paper", "0.500", "without_recused",
    )  # fmt: skip
    assert [(member["full_name"], member["role"], member["user"]) for member in data["members"]] == [
        ("Hoàng Minh Tuấn", "chair", scene.users["chair"].pk), ("Nguyễn Văn Khách", "member", None),
    ]  # fmt: skip


def test_a_member_role_outside_the_list_is_refused(scene):
    body = session_body(scene, members=[{"full_name": "Nguyễn Văn Khách", "role": "observer"}])

    response = client_of(scene, "secretary").post("/api/v1/council-sessions/", body, format="json")

    assert (response.status_code, response.json()) == (
        400, {"members": {"0": {"role": ["Giá trị không nằm trong danh sách được chọn."]}}},
    )  # fmt: skip


def test_a_council_member_may_not_schedule_a_session(scene):
    response = client_of(scene, "member1").post("/api/v1/council-sessions/", session_body(scene), format="json")

    assert (response.status_code, CouncilSession.objects.count()) == (403, 0)


def test_the_secretary_puts_appraised_entries_on_the_agenda(scene):
    _dossier, entries = council_entries(scene, ((HOA, "CSTD_TINH"), (BINH, "CSTD_TINH")))
    session = planned(scene)

    body = {"entries": [entry.pk for entry in entries]}
    response = client_of(scene, "secretary").post(f"/api/v1/council-sessions/{session.pk}/agenda/", body, format="json")

    items = response.json()["items"]
    assert (response.status_code, [item["entry"] for item in items], [item["nominee_name"] for item in items]) == (
        200, [entry.pk for entry in entries], [HOA, BINH],
    )  # fmt: skip


def test_an_entry_the_council_does_not_vote_on_is_refused_on_the_agenda(scene):
    _dossier, entries = council_entries(scene, ((HOA, "BK_TINH"),))
    session = planned(scene)

    response = client_of(scene, "secretary").post(f"/api/v1/council-sessions/{session.pk}/agenda/",
                                                  {"entries": [entries[0].pk]}, format="json")  # fmt: skip

    assert (response.status_code, response.json(), session.items.count()) == (400, {"non_field_errors": [
        "Đề nghị “Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố”: “Bằng khen của Chủ tịch UBND thành phố” "
        "không cần Hội đồng bỏ phiếu."
    ]}, 0)  # fmt: skip


def test_the_secretary_takes_an_item_off_the_agenda(scene):
    _dossier, entries = council_entries(scene)
    session = planned(scene, entries)

    response = client_of(scene, "secretary").delete(
        f"/api/v1/council-sessions/{session.pk}/agenda/{item_of(session).pk}/"
    )

    assert (response.status_code, session.items.count()) == (204, 0)


def test_the_secretary_records_who_is_present_and_the_chair_is_refused_without_quorum(scene):
    _dossier, entries = council_entries(scene)
    session = planned(scene, entries)
    chair, secretary = session.members.get(role="chair"), session.members.get(role="secretary")

    recorded = client_of(scene, "secretary").put(f"/api/v1/council-sessions/{session.pk}/attendance/",
                                                 {"present_member_ids": [chair.pk, secretary.pk]},
                                                 format="json")  # fmt: skip
    opened = client_of(scene, "chair").post(f"/api/v1/council-sessions/{session.pk}/open/", {}, format="json")

    assert sorted(member["present"] for member in recorded.json()["members"]) == [False, False, False, True, True]
    assert (opened.status_code, opened.json()) == (400, {"non_field_errors": [
        "Không đủ số thành viên dự họp: có mặt 2/5 thành viên (40 %), cần tối thiểu 80 %."
    ]})  # fmt: skip


# --- Voting ----------------------------------------------------------------------------------------------------


def test_the_chair_opens_the_vote(scene):
    _dossier, entries = council_entries(scene)
    session = planned(scene, entries)

    response = client_of(scene, "chair").post(f"/api/v1/council-sessions/{session.pk}/open/", {}, format="json")

    assert (response.status_code, response.json()["state"]) == (200, "voting")


def test_the_secretary_may_not_open_the_vote(scene):
    _dossier, entries = council_entries(scene)
    session = planned(scene, entries)

    response = client_of(scene, "secretary").post(f"/api/v1/council-sessions/{session.pk}/open/", {}, format="json")

    assert (response.status_code, CouncilSession.objects.get().state) == (403, SessionState.PLANNED)


def test_a_member_votes_and_sees_that_they_voted_but_no_tally(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    item = item_of(session)

    response = client_of(scene, "member1").post(f"/api/v1/council-sessions/{session.pk}/items/{item.pk}/vote/",
                                                {"choice": "for"}, format="json")  # fmt: skip

    data = response.json()
    assert (response.status_code, data["my_ballot"]) == (
        200, [{"item": item.pk, "voted": True, "recused": False, "can_vote": False}],
    )  # fmt: skip
    assert {key: data["items"][0][key] for key in HIDDEN} == HIDDEN


def test_a_member_cannot_vote_twice(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    item = item_of(session)
    member = client_of(scene, "member1")
    path = f"/api/v1/council-sessions/{session.pk}/items/{item.pk}/vote/"
    member.post(path, {"choice": "for"}, format="json")

    again = member.post(path, {"choice": "against"}, format="json")

    item.refresh_from_db()
    assert (again.status_code, again.json()) == (400, {"non_field_errors": ["Bạn đã bỏ phiếu cho đề nghị này."]})
    assert (item.votes_for, item.votes_against, VoteReceipt.objects.count()) == (1, 0, 1)


def test_a_choice_outside_the_list_is_refused(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)

    response = client_of(scene, "member1").post(
        f"/api/v1/council-sessions/{session.pk}/items/{item_of(session).pk}/vote/", {"choice": "abstain"},
        format="json",
    )  # fmt: skip

    assert (response.status_code, list(response.json()), VoteReceipt.objects.count()) == (400, ["choice"], 0)


def test_the_board_may_not_vote(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)

    response = client_of(scene, "board").post(
        f"/api/v1/council-sessions/{session.pk}/items/{item_of(session).pk}/vote/", {"choice": "for"}, format="json"
    )

    assert (response.status_code, VoteReceipt.objects.count()) == (403, 0)


def test_the_results_are_hidden_until_the_chair_closes(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    council.cast_vote(item_of(session), by=scene.users["member1"], choice="for")

    for who in ("chair", "secretary", "board", "member1"):
        response = client_of(scene, who).get(f"/api/v1/council-sessions/{session.pk}/results/")
        assert (who, response.status_code, response.json()) == (who, 409, NOT_YET)
        assert {key: detail(scene, who, session)["items"][0][key] for key in HIDDEN} == HIDDEN


def test_no_audit_row_written_through_the_api_holds_a_choice(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    before = set(AuditEntry.objects.values_list("pk", flat=True))

    client_of(scene, "member1").post(f"/api/v1/council-sessions/{session.pk}/items/{item_of(session).pk}/vote/",
                                     {"choice": "against"}, format="json")  # fmt: skip

    written = AuditEntry.objects.exclude(pk__in=before)
    text = json.dumps([[row.additional_data, row.changes, row.changes_text, row.reason] for row in written],
                      ensure_ascii=False)  # fmt: skip
    assert (written.count(), '"against"' in text, "Không đồng ý" in text, "votes_" in text) == (1, False, False, False)


def test_the_chair_closes_and_everyone_who_sees_the_session_reads_the_results(scene):
    dossier, entries = council_entries(scene)  # Chiến sĩ thi đua: the catalog asks 90 % of the council
    session = voting_session(scene, entries)
    item = item_of(session)
    for who, choice in zip(VOTERS, ("for", "for", "for", "for", "against"), strict=True):
        council.cast_vote(item, by=scene.users[who], choice=choice)

    minutes = {"minutes": "Hội đồng thảo luận, bỏ phiếu kín."}
    closed = client_of(scene, "chair").post(f"/api/v1/council-sessions/{session.pk}/close/", minutes, format="json")
    results = client_of(scene, "board").get(f"/api/v1/council-sessions/{session.pk}/results/")

    assert (closed.status_code, closed.json()["state"], closed.json()["minutes"]) == (
        200, "closed", "Hội đồng thảo luận, bỏ phiếu kín.",
    )  # fmt: skip
    assert (results.status_code, results.json()) == (200, [{
        "item": item.pk, "entry": entries[0].pk, "dossier": dossier.pk, "nominee_name": HOA,
        "award_type_name": "Chiến sĩ thi đua thành phố", "votes_for": 4, "votes_against": 1, "recused": 0, "base": 5,
        "threshold": "0.900", "threshold_text": results.json()[0]["threshold_text"], "passed": False,
    }])  # fmt: skip
    assert {key: detail(scene, "member1", session)["items"][0][key] for key in HIDDEN} == {
        "votes_for": 4, "votes_against": 1, "base": 5, "threshold": "0.900", "passed": False,
    }  # fmt: skip
    assert entry_of(dossier).state == EntryState.REJECTED


def test_an_entry_passing_the_threshold_is_voted(scene):
    dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    for who in VOTERS:
        council.cast_vote(item_of(session), by=scene.users[who], choice="for")

    response = client_of(scene, "chair").post(f"/api/v1/council-sessions/{session.pk}/close/", {}, format="json")

    assert (response.status_code, entry_of(dossier).state) == (200, EntryState.VOTED)


def test_a_member_may_not_close_the_vote(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)

    response = client_of(scene, "member1").post(f"/api/v1/council-sessions/{session.pk}/close/", {}, format="json")

    assert (response.status_code, CouncilSession.objects.get().state) == (403, SessionState.VOTING)


# --- Recusals, paper ballots -----------------------------------------------------------------------------------


def test_a_member_declares_a_conflict_and_is_recused(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    item = item_of(session)

    path = f"/api/v1/council-sessions/{session.pk}/items/{item.pk}/recuse/"
    response = client_of(scene, "member2").post(path, {"reason": "Người được đề nghị là em ruột."}, format="json")

    assert (response.status_code, response.json()["my_ballot"]) == (
        200, [{"item": item.pk, "voted": False, "recused": True, "can_vote": False}],
    )  # fmt: skip


def test_the_secretary_records_a_member_s_declared_conflict(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    item = item_of(session)
    member = session.members.get(user=scene.users["member3"])

    response = client_of(scene, "secretary").post(f"/api/v1/council-sessions/{session.pk}/items/{item.pk}/recuse/",
                                                  {"reason": "Là thủ trưởng trực tiếp.", "member": member.pk},
                                                  format="json")  # fmt: skip

    assert (response.status_code, item.recusals.get().member) == (200, member)


def test_a_recusal_needs_its_reason(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)

    response = client_of(scene, "member2").post(
        f"/api/v1/council-sessions/{session.pk}/items/{item_of(session).pk}/recuse/", {"reason": " "}, format="json"
    )

    assert (response.status_code, list(response.json())) == (400, ["reason"])


def test_the_secretary_enters_a_paper_tally(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries, mode="paper")
    item = item_of(session)

    response = client_of(scene, "secretary").post(f"/api/v1/council-sessions/{session.pk}/items/{item.pk}/tally/",
                                                  {"votes_for": 5, "votes_against": 0}, format="json")  # fmt: skip

    item.refresh_from_db()
    assert (response.status_code, item.votes_for, item.votes_against) == (200, 5, 0)
    assert {key: response.json()["items"][0][key] for key in HIDDEN} == HIDDEN


def test_a_paper_tally_above_the_members_present_is_refused(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries, mode="paper")
    item = item_of(session)

    response = client_of(scene, "secretary").post(f"/api/v1/council-sessions/{session.pk}/items/{item.pk}/tally/",
                                                  {"votes_for": 5, "votes_against": 1}, format="json")  # fmt: skip

    item.refresh_from_db()
    assert (response.status_code, list(response.json()), item.votes_for) == (400, ["votes_for"], 0)


def test_a_member_may_not_enter_a_paper_tally(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries, mode="paper")

    response = client_of(scene, "member1").post(
        f"/api/v1/council-sessions/{session.pk}/items/{item_of(session).pk}/tally/",
        {"votes_for": 5, "votes_against": 0}, format="json",
    )  # fmt: skip

    assert (response.status_code, item_of(session).votes_for) == (403, 0)


# --- Lists -----------------------------------------------------------------------------------------------------


def test_sessions_are_listed_and_filtered_by_state(scene):
    _dossier, entries = council_entries(scene)
    voting = voting_session(scene, entries)
    waiting = planned(scene)
    secretary = client_of(scene, "secretary")

    everything = [row["id"] for row in secretary.get("/api/v1/council-sessions/").json()["results"]]
    planned_only = [row["id"] for row in secretary.get("/api/v1/council-sessions/?state=planned").json()["results"]]

    assert (sorted(everything), planned_only) == (sorted([voting.pk, waiting.pk]), [waiting.pk])


def test_the_unit_does_not_see_the_city_s_sessions(scene):
    _dossier, entries = council_entries(scene)
    session = voting_session(scene, entries)
    head = client_of(scene, "head")

    assert (head.get("/api/v1/council-sessions/").json()["results"],
            head.get(f"/api/v1/council-sessions/{session.pk}/").status_code) == ([], 404)  # fmt: skip
