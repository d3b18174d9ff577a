"""The council of the city's Chairman (Hội đồng Thi đua - Khen thưởng thành phố, 5 members): sessions, agenda,
quorum, declared recusals, one secret vote per member and entry online or paper tallies, results hidden until the
chair closes, and the catalog's thresholds deciding each entry (NĐ 98/2023 Art. 30.7: a share of the full
membership by default).

Test setup: the workflow before the council (submit, receive, appraise) belongs to ``thidua.dossiers.workflow``;
here a received dossier with appraised entries is made directly (``appraised_entry``), so that these tests exercise
the council alone."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from thidua.audit.models import AuditEntry
from thidua.catalog.models import CouncilBody
from thidua.dossiers import council
from thidua.dossiers.enums import (
    ConsultationState,
    DossierState,
    EntryState,
    MemberRole,
    Recommendation,
    SessionState,
    ThresholdBase,
    VotingMode,
)
from thidua.dossiers.models import AgendaItem, Consultation, DossierEvent, Recusal, VoteReceipt
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

MEETS_ON = dt.date(2025, 3, 14)
VOTERS = ("chair", "secretary", "member1", "member2", "member3")


# --- Test setup ------------------------------------------------------------------------------------------------


def received_dossier(scene, **fields):
    """A dossier of Quận Lê Chân already received by the city's board (test setup: the workflow is not run)."""
    values = {"unit": scene.units["le_chan"], "authority": scene.city_authority, "state": DossierState.RECEIVED,
              "title": "Hồ sơ đề nghị khen thưởng năm 2024 của quận Lê Chân", **fields}  # fmt: skip
    return DossierFactory(**values)


def appraised_entry(dossier, award_type, person, **fields):
    """An entry the board has appraised and proposes (test setup: set directly on a row made here)."""
    values = {"state": EntryState.APPRAISED, "recommendation": Recommendation.PROPOSE,
              "recipient_name": person.full_name, "unit_name": "Phường An Biên", **fields}  # fmt: skip
    return DossierEntryFactory(dossier=dossier, award_type=award_type, person=person, **values)


def council_award(code, threshold):
    return AwardTypeFactory(code=code, name=f"Danh hiệu {code}", council_body=CouncilBody.COUNCIL,
                             council_threshold=threshold)  # fmt: skip


@pytest.fixture
def dossier(scene):
    return received_dossier(scene)


@pytest.fixture
def hoa_cstd(scene, dossier):
    """Nguyễn Thị Hoa for Chiến sĩ thi đua thành phố (the catalog asks 90 % of the council)."""
    return appraised_entry(dossier, scene.awards["CSTD_TINH"], scene.people["Nguyễn Thị Hoa"])


def schedule(scene, **kwargs):
    kwargs.setdefault("title", "Phiên họp Hội đồng Thi đua - Khen thưởng thành phố tháng 3/2025")
    kwargs.setdefault("meets_on", MEETS_ON)
    return council.schedule_session(scene.city_authority, by=scene.users["secretary"], **kwargs)


def session_with(scene, entries, **kwargs):
    session = schedule(scene, **kwargs)
    council.add_to_agenda(session, entries, by=scene.users["secretary"])
    return session


def open_session(scene, entries, **kwargs):
    session = session_with(scene, entries, **kwargs)
    return council.open_voting(session, by=scene.users["chair"])


def vote_all(scene, item, choices: dict[str, str]) -> None:
    for name, choice in choices.items():
        council.cast_vote(item, by=scene.users[name], choice=choice)


def votes(n_for: int, total: int = 5) -> dict[str, str]:
    return {name: ("for" if index < n_for else "against") for index, name in enumerate(VOTERS[:total])}


def item_of(session, entry) -> AgendaItem:
    return AgendaItem.objects.get(session=session, entry=entry)


# --- Sessions and agenda ---------------------------------------------------------------------------------------


def test_a_session_seats_the_council_roles_of_the_authority_unit_with_the_settings_defaults(scene):
    session = schedule(scene)

    seats = {member.user.username: member.role for member in session.members.all()}
    assert seats == {"chutich.hd": MemberRole.CHAIR, "thuky": MemberRole.SECRETARY, "hoidong1": MemberRole.MEMBER,
                     "hoidong2": MemberRole.MEMBER, "hoidong3": MemberRole.MEMBER}  # fmt: skip
    assert (session.state, session.quorum, session.threshold_base, session.mode) == (
        SessionState.PLANNED, Decimal("0.800"), ThresholdBase.FULL, VotingMode.ONLINE,
    )  # fmt: skip
    assert Notification.objects.filter(user=scene.users["member1"], code="dossiers.council").exists()


def test_a_session_is_prepared_only_by_the_secretary_side_of_that_authority(scene):
    with pytest.raises(PermissionDenied):
        council.schedule_session(scene.city_authority, by=scene.users["member1"], title="Phiên họp",
                                 meets_on=MEETS_ON)  # fmt: skip
    lc_secretary = user_with_role("council_secretary", scene.units["le_chan"], username="thuky.lechan")
    with pytest.raises(PermissionDenied):
        council.schedule_session(scene.city_authority, by=lc_secretary, title="Phiên họp", meets_on=MEETS_ON)


def test_a_council_has_exactly_one_chair(scene):
    members = [{"user": scene.users["member1"], "full_name": "Đỗ Văn Nam", "role": MemberRole.MEMBER}]

    with pytest.raises(ValidationError, match="đúng một Chủ tịch"):
        schedule(scene, members=members)


def test_appraised_entries_go_on_the_agenda_with_a_timeline_step(scene, dossier, hoa_cstd):
    session = session_with(scene, [hoa_cstd])

    assert list(session.items.values_list("entry", flat=True)) == [hoa_cstd.pk]
    event = DossierEvent.objects.get(dossier=dossier, action="council_scheduled")
    assert (event.entry, event.data["session"], event.actor) == (hoa_cstd, session.pk, scene.users["secretary"])


@pytest.mark.parametrize(("change", "message"), [
    ({"state": EntryState.PROPOSED}, "chỉ đưa ra Hội đồng đề nghị đã thẩm định"),
    ({"recommendation": Recommendation.NOT_PROPOSE}, "chưa đề nghị khen thưởng"),
])  # fmt: skip
def test_the_agenda_takes_only_entries_appraised_and_proposed(scene, dossier, change, message):
    entry = appraised_entry(dossier, scene.awards["CSTD_TINH"], scene.people["Nguyễn Thị Hoa"], **change)
    session = schedule(scene)

    with pytest.raises(ValidationError, match=message):
        council.add_to_agenda(session, [entry], by=scene.users["secretary"])
    assert not session.items.exists()


def test_the_agenda_refuses_an_award_the_council_does_not_vote_on(scene, dossier):
    entry = appraised_entry(dossier, scene.awards["BK_TINH"], scene.people["Nguyễn Thị Hoa"])

    with pytest.raises(ValidationError, match="không cần Hội đồng bỏ phiếu"):
        council.add_to_agenda(schedule(scene), [entry], by=scene.users["secretary"])


def test_the_agenda_refuses_a_dossier_not_yet_received_or_addressed_elsewhere(scene):
    submitted = received_dossier(scene, state=DossierState.SUBMITTED)
    elsewhere = received_dossier(scene, authority=scene.district_authority)
    session = schedule(scene)
    hoa = scene.people["Nguyễn Thị Hoa"]

    with pytest.raises(ValidationError, match="chưa được tiếp nhận"):
        council.add_to_agenda(session, [appraised_entry(submitted, scene.awards["CSTD_TINH"], hoa)],
                              by=scene.users["secretary"])  # fmt: skip
    with pytest.raises(ValidationError, match="không trình đến"):
        council.add_to_agenda(session, [appraised_entry(elsewhere, scene.awards["CSTD_TINH"], hoa)],
                              by=scene.users["secretary"])  # fmt: skip


def test_an_entry_needing_consultation_comes_only_after_its_consultation_ended_before_the_meeting(scene, dossier):
    hcld = scene.awards["HCLD3"]
    consultation = Consultation.objects.create(
        authority=scene.city_authority, title="Lấy ý kiến Nhân dân", starts_on=dt.date(2025, 3, 3),
        ends_on=MEETS_ON, working_days=10, state=ConsultationState.OPEN,
    )  # fmt: skip
    not_published = appraised_entry(dossier, hcld, scene.people["Nguyễn Thị Hoa"])
    published = appraised_entry(dossier, hcld, scene.people["Trần Văn Bình"], state=EntryState.IN_CONSULTATION,
                                consultation=consultation)  # fmt: skip
    session = schedule(scene)

    with pytest.raises(ValidationError, match=r"Nguyễn Thị Hoa.*phải được công khai"):
        council.add_to_agenda(session, [not_published], by=scene.users["secretary"])
    late = r"Trần Văn Bình.*kết thúc ngày 14/03/2025, phải kết thúc trước ngày họp 14/03/2025"
    with pytest.raises(ValidationError, match=late):
        council.add_to_agenda(session, [published], by=scene.users["secretary"])

    Consultation.objects.filter(pk=consultation.pk).update(ends_on=MEETS_ON - dt.timedelta(days=1))
    published.refresh_from_db()
    council.add_to_agenda(session, [published], by=scene.users["secretary"])
    assert session.items.get().entry == published


def test_a_failed_agenda_call_adds_nothing(scene, dossier, hoa_cstd):
    proposed = appraised_entry(dossier, scene.awards["CSTD_TINH"], scene.people["Trần Văn Bình"],
                               state=EntryState.PROPOSED)  # fmt: skip
    session = schedule(scene)

    with pytest.raises(ValidationError):
        council.add_to_agenda(session, [hoa_cstd, proposed], by=scene.users["secretary"])
    assert not session.items.exists()
    assert not DossierEvent.objects.filter(action="council_scheduled").exists()


def test_the_agenda_is_changed_only_while_the_session_is_planned(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd])

    with pytest.raises(ValidationError, match="đã mở bỏ phiếu"):
        council.remove_from_agenda(session.items.get(), by=scene.users["secretary"])


# --- Quorum and opening ----------------------------------------------------------------------------------------


def test_voting_does_not_open_without_quorum_and_says_the_figures(scene, hoa_cstd):
    session = session_with(scene, [hoa_cstd])
    present = session.members.filter(user__username__in=["chutich.hd", "thuky", "hoidong1"])
    council.set_attendance(
        session, by=scene.users["secretary"], present_member_ids=present.values_list("pk", flat=True)
    )

    with pytest.raises(ValidationError) as refused:
        council.open_voting(session, by=scene.users["chair"])

    assert refused.value.messages == [
        "Không đủ số thành viên dự họp: có mặt 3/5 thành viên (60 %), cần tối thiểu 80 %."
    ]
    session.refresh_from_db()
    assert session.state == SessionState.PLANNED


def test_four_of_five_present_meet_the_quorum_of_80_percent(scene, hoa_cstd):
    session = session_with(scene, [hoa_cstd])
    absent = session.members.get(user=scene.users["member3"])
    present = session.members.exclude(pk=absent.pk).values_list("pk", flat=True)
    council.set_attendance(session, by=scene.users["secretary"], present_member_ids=present)

    session = council.open_voting(session, by=scene.users["chair"])

    assert session.state == SessionState.VOTING
    assert DossierEvent.objects.filter(action="voting_opened", dossier=hoa_cstd.dossier).exists()


def test_only_the_chair_opens_and_closes_the_vote(scene, hoa_cstd):
    session = session_with(scene, [hoa_cstd])

    with pytest.raises(PermissionDenied):
        council.open_voting(session, by=scene.users["secretary"])
    session = council.open_voting(session, by=scene.users["chair"])
    with pytest.raises(PermissionDenied):
        council.close_voting(session, by=scene.users["board_head"])


def test_voting_does_not_open_on_an_empty_agenda(scene):
    with pytest.raises(ValidationError, match="chưa có đề nghị nào"):
        council.open_voting(schedule(scene), by=scene.users["chair"])


# --- One secret vote per member ---------------------------------------------------------------------------------


def test_a_member_cannot_vote_twice_on_an_entry(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd])
    item = session.items.get()
    council.cast_vote(item, by=scene.users["member1"], choice="for")

    with pytest.raises(ValidationError, match="Bạn đã bỏ phiếu cho đề nghị này"):
        council.cast_vote(item, by=scene.users["member1"], choice="against")

    item.refresh_from_db()
    assert (item.votes_for, item.votes_against) == (1, 0)
    assert VoteReceipt.objects.filter(item=item).count() == 1


def test_only_present_members_of_the_session_vote_and_only_while_it_is_open(scene, hoa_cstd):
    session = session_with(scene, [hoa_cstd])
    item = session.items.get()
    with pytest.raises(ValidationError, match="không đang bỏ phiếu"):
        council.cast_vote(item, by=scene.users["member1"], choice="for")
    absent = session.members.get(user=scene.users["member3"])
    present = session.members.exclude(pk=absent.pk).values_list("pk", flat=True)
    council.set_attendance(session, by=scene.users["secretary"], present_member_ids=present)
    council.open_voting(session, by=scene.users["chair"])

    with pytest.raises(PermissionDenied):
        council.cast_vote(item, by=scene.users["board"], choice="for")
    with pytest.raises(ValidationError, match="không có mặt"):
        council.cast_vote(item, by=scene.users["member3"], choice="for")
    with pytest.raises(ValidationError, match="Đồng ý"):
        council.cast_vote(item, by=scene.users["member1"], choice="abstain")
    assert not VoteReceipt.objects.exists()


def test_the_tally_is_hidden_from_everyone_until_the_chair_closes(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd])
    vote_all(scene, session.items.get(), votes(5))

    for name in ("chair", "secretary", "member1", "board_head"):
        assert council.results(session, user=scene.users[name]) is None
    ballot = council.my_ballot(session, scene.users["member1"])
    assert [(row["voted"], row["recused"], row["can_vote"]) for row in ballot] == [(True, False, False)]
    assert ballot[0]["item"].votes_for is None
    assert ballot[0]["item"].votes_against is None
    assert "votes_for" not in ballot[0]
    assert "votes_against" not in ballot[0]

    council.close_voting(session, by=scene.users["chair"])

    rows = council.results(session, user=scene.users["member1"])
    assert [(row["nominee"], row["votes_for"], row["votes_against"], row["base"], row["passed"]) for row in rows] == [
        ("Nguyễn Thị Hoa", 5, 0, 5, True)
    ]


def test_results_are_not_shown_to_someone_outside_the_council_and_the_authority(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd])
    council.close_voting(session, by=scene.users["chair"])

    with pytest.raises(PermissionDenied):
        council.results(session, user=scene.users["outsider"])


def test_no_table_or_audit_row_links_a_choice_to_a_voter(scene, hoa_cstd):
    receipt_fields = {field.name for field in VoteReceipt._meta.concrete_fields}
    item_fields = {field.name for field in AgendaItem._meta.concrete_fields}
    assert receipt_fields == {"id", "item", "member"}  # who voted: no choice, no time
    assert not {"member", "user", "voter", "created_at", "updated_at"} & item_fields  # the counters: no voter
    session = open_session(scene, [hoa_cstd])
    item = session.items.get()
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    events_before = DossierEvent.objects.count()

    vote_all(scene, item, {"member1": "for", "member2": "against", "member3": "for"})

    written = AuditEntry.objects.exclude(pk__in=before)
    assert [(entry.code, entry.actor, entry.additional_data) for entry in written.order_by("pk")] == [
        ("dossiers.council.voted", scene.users[name], {"item": item.pk}) for name in ("member1", "member2", "member3")
    ]
    for entry in written:
        text = json.dumps([entry.additional_data, entry.changes, entry.changes_text, entry.reason],
                          ensure_ascii=False)  # fmt: skip
        for leak in ('"for"', '"against"', "Đồng ý", "votes_for", "votes_against"):
            assert leak not in text
    assert DossierEvent.objects.count() == events_before  # the timeline does not move with each vote
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against) == (2, 1)


# --- Thresholds from the catalog decide --------------------------------------------------------------------------


@pytest.mark.parametrize(("threshold", "votes_for", "passed"), [
    (Decimal("0.900"), 4, False),  # 4/5 = 80 % < 90 %
    (Decimal("0.900"), 5, True),
    (Decimal("0.800"), 4, True),  # 80 % exactly: enough
    (Decimal("0.800"), 3, False),
    (None, 3, True),  # no threshold in the catalog: more than half
    (None, 2, False),
])  # fmt: skip
def test_the_catalog_threshold_of_the_award_type_decides(scene, dossier, threshold, votes_for, passed):
    entry = appraised_entry(dossier, council_award("CSTD_TEST", threshold), scene.people["Nguyễn Thị Hoa"])
    session = open_session(scene, [entry])
    vote_all(scene, session.items.get(), votes(votes_for))

    council.close_voting(session, by=scene.users["chair"])

    item = session.items.get()
    assert (item.base, item.threshold, item.passed) == (5, threshold, passed)
    entry.refresh_from_db()
    assert entry.state == (EntryState.VOTED if passed else EntryState.REJECTED)


@pytest.mark.parametrize(("votes_for", "base", "threshold", "passed"), [
    (2, 4, None, False),  # half is not more than half
    (3, 4, None, True),
    (2, 3, Decimal("0.667"), False),  # 0.666… < 0.667, exactly
    (2, 3, Decimal("0.666"), True),
    (0, 0, None, False),
])  # fmt: skip
def test_the_decision_is_exact_arithmetic(votes_for, base, threshold, passed):
    assert council.decide(votes_for, base, threshold) is passed


def test_closing_moves_the_entries_and_records_why_a_failed_one_is_rejected(scene, dossier, hoa_cstd):
    binh = appraised_entry(dossier, council_award("CSTD_80", Decimal("0.800")), scene.people["Trần Văn Bình"])
    session = open_session(scene, [hoa_cstd, binh])
    hoa_item, binh_item = item_of(session, hoa_cstd), item_of(session, binh)
    vote_all(scene, hoa_item, votes(4))
    vote_all(scene, binh_item, votes(4))

    council.close_voting(session, by=scene.users["chair"], minutes="Hội đồng thảo luận, bỏ phiếu kín.")

    hoa_cstd.refresh_from_db()
    binh.refresh_from_db()
    assert (hoa_cstd.state, binh.state) == (EntryState.REJECTED, EntryState.VOTED)
    assert hoa_cstd.decision_reason == ("Không đạt tỷ lệ phiếu đồng ý: 4/5 thành viên (80 %), yêu cầu tối thiểu 90 %.")
    reject = DossierEvent.objects.get(entry=hoa_cstd, action="reject")
    assert (reject.actor, reject.reason, reject.to_state) == (scene.users["chair"], hoa_cstd.decision_reason,
                                                              EntryState.REJECTED)  # fmt: skip
    assert DossierEvent.objects.filter(entry=binh, action="vote", to_state=EntryState.VOTED).exists()
    assert DossierEvent.objects.filter(dossier=dossier, action="voting_closed").count() == 1
    session.refresh_from_db()
    assert (session.state, session.minutes) == (SessionState.CLOSED, "Hội đồng thảo luận, bỏ phiếu kín.")
    assert Notification.objects.filter(user=scene.users["board"], code="dossiers.council").exists()


# --- Recusal ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("base_setting", "base", "passed"), [
    (ThresholdBase.FULL, 5, False),  # 4/5 = 80 % < 90 %: the recused member counts in the base
    (ThresholdBase.WITHOUT_RECUSED, 4, True),  # 4/4
])  # fmt: skip
def test_a_recused_member_counts_in_the_base_as_the_setting_says(scene, hoa_cstd, base_setting, base, passed):
    session = open_session(scene, [hoa_cstd], threshold_base=base_setting)
    item = session.items.get()
    member3 = session.members.get(user=scene.users["member3"])
    council.declare_conflict(item, member3, by=scene.users["member3"], reason="Người được đề nghị là vợ tôi.")
    vote_all(scene, item, {name: "for" for name in VOTERS if name != "member3"})

    council.close_voting(session, by=scene.users["chair"])

    item.refresh_from_db()
    assert (item.votes_for, item.base, item.passed) == (4, base, passed)


def test_a_recused_member_does_not_vote_on_that_entry(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd])
    item = session.items.get()
    member3 = session.members.get(user=scene.users["member3"])
    council.declare_conflict(item, member3, by=scene.users["member3"], reason="Người được đề nghị là vợ tôi.")

    with pytest.raises(ValidationError, match="không tham gia biểu quyết"):
        council.cast_vote(item, by=scene.users["member3"], choice="for")
    assert council.my_ballot(session, scene.users["member3"])[0]["recused"] is True


def test_a_recusal_is_declared_with_a_reason_before_voting_by_the_member_or_the_secretary(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd])
    item = session.items.get()
    member1 = session.members.get(user=scene.users["member1"])
    member2 = session.members.get(user=scene.users["member2"])

    with pytest.raises(PermissionDenied):
        council.declare_conflict(item, member1, by=scene.users["member2"], reason="Thay mặt")
    with pytest.raises(ValidationError, match="Nêu lý do"):
        council.declare_conflict(item, member1, by=scene.users["member1"], reason=" ")
    council.cast_vote(item, by=scene.users["member2"], choice="for")
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        council.declare_conflict(item, member2, by=scene.users["member2"], reason="Quên khai báo")

    council.declare_conflict(item, member1, by=scene.users["secretary"], reason="Là thủ trưởng trực tiếp.")
    assert list(Recusal.objects.values_list("member", flat=True)) == [member1.pk]


# --- Paper ballots ------------------------------------------------------------------------------------------------


def test_the_secretary_enters_paper_tallies_and_they_decide_at_the_close(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd], mode=VotingMode.PAPER)
    item = session.items.get()

    with pytest.raises(ValidationError, match="phiếu giấy"):
        council.cast_vote(item, by=scene.users["member1"], choice="for")
    with pytest.raises(PermissionDenied):
        council.enter_paper_tally(item, by=scene.users["member1"], votes_for=5, votes_against=0)
    with pytest.raises(ValidationError, match=r"tổng số phiếu \(6\) nhiều hơn số thành viên có mặt"):
        council.enter_paper_tally(item, by=scene.users["secretary"], votes_for=5, votes_against=1)
    council.enter_paper_tally(item, by=scene.users["secretary"], votes_for=5, votes_against=0)
    assert council.results(session, user=scene.users["secretary"]) is None

    council.close_voting(session, by=scene.users["chair"])

    item.refresh_from_db()
    assert (item.votes_for, item.votes_against, item.passed) == (5, 0, True)
    assert not VoteReceipt.objects.exists()


def test_paper_tallies_count_only_present_members_not_recused(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd], mode=VotingMode.PAPER)
    item = session.items.get()
    council.declare_conflict(item, session.members.get(user=scene.users["member3"]), by=scene.users["secretary"],
                             reason="Người được đề nghị là vợ ông Khải.")  # fmt: skip

    with pytest.raises(ValidationError, match=r"\(4\)"):
        council.enter_paper_tally(item, by=scene.users["secretary"], votes_for=5, votes_against=0)


def test_a_paper_session_does_not_close_before_every_tally_is_entered(scene, hoa_cstd):
    session = open_session(scene, [hoa_cstd], mode=VotingMode.PAPER)

    with pytest.raises(ValidationError, match="Chưa nhập kết quả kiểm phiếu cho: Nguyễn Thị Hoa"):
        council.close_voting(session, by=scene.users["chair"])
