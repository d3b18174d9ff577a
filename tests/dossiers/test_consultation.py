"""Public consultation (công khai, lấy ý kiến Nhân dân) of entries for Huân chương Lao động hạng Ba (10 working
days in the catalog): the board opens it, the public comments within the period (rate limited), the board moderates
and closes it with a summary once the period is over.

Test setup: a received dossier with appraised entries is made directly (``appraised_entry``): the workflow before
the consultation belongs to ``thidua.dossiers.workflow`` and is not run here."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.conftest import user_with_role
from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from thidua.dossiers import consultation as consultations
from thidua.dossiers.enums import CommentState, ConsultationState, DossierState, EntryState, Recommendation
from thidua.dossiers.models import ConsultationComment, DossierEvent
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

# Monday 20/01/2025: 10 working days run over Tết Ất Tỵ (27/01–31/01 off) to Friday 07/02/2025.
TET_START = dt.date(2025, 1, 20)
TET_END = dt.date(2025, 2, 7)


# --- Test setup ------------------------------------------------------------------------------------------------


def received_dossier(scene, **fields):
    """A dossier of Quận Lê Chân already received by the city's board (test setup: the workflow is not run)."""
    values = {"unit": scene.units["le_chan"], "authority": scene.city_authority, "state": DossierState.RECEIVED,
              "title": "Hồ sơ đề nghị Huân chương Lao động năm 2024", **fields}  # fmt: skip
    return DossierFactory(**values)


def appraised_entry(dossier, award_type, person, **fields):
    """An entry the board has appraised and proposes (test setup: set directly on a row made here)."""
    values = {"state": EntryState.APPRAISED, "recommendation": Recommendation.PROPOSE,
              "recipient_name": person.full_name, "unit_name": "Phường An Biên", **fields}  # fmt: skip
    return DossierEntryFactory(dossier=dossier, award_type=award_type, person=person, **values)


@pytest.fixture
def dossier(scene):
    return received_dossier(scene)


@pytest.fixture
def hoa(scene, dossier):
    return appraised_entry(dossier, scene.awards["HCLD3"], scene.people["Nguyễn Thị Hoa"])


def open_for(scene, entries, *, starts_on=None, days_ago=None):
    if days_ago is not None:
        starts_on = timezone.localdate() - dt.timedelta(days=days_ago)
    return consultations.open_consultation(
        scene.city_authority, entries, by=scene.users["board"], title="Lấy ý kiến Nhân dân đề nghị Huân chương",
        introduction="Ủy ban nhân dân thành phố thông báo…", starts_on=starts_on,
    )  # fmt: skip


def comment(consultation, *, sender="203.0.113.7", body="Bà Hoa rất nhiệt tình với công việc của phường.", **kw):
    return consultations.post_comment(consultation, author_name=kw.pop("author_name", "Lê Văn Dân"),
                                      contact=kw.pop("contact", "0912 345 678"), body=body, sender_key=sender,
                                      **kw)  # fmt: skip


# --- Opening ----------------------------------------------------------------------------------------------------


def test_opening_publishes_the_entries_for_the_catalog_number_of_working_days_over_tet(scene, hoa):
    consultation = open_for(scene, [hoa], starts_on=TET_START)

    assert (consultation.starts_on, consultation.ends_on, consultation.working_days) == (TET_START, TET_END, 10)
    hoa.refresh_from_db()
    assert (hoa.state, hoa.consultation) == (EntryState.IN_CONSULTATION, consultation)
    event = DossierEvent.objects.get(entry=hoa, action="consult")
    assert (event.actor, event.data["ends_on"]) == (scene.users["board"], "2025-02-07")


def test_a_period_starting_on_a_day_off_counts_from_the_next_working_day():
    # Saturday 25/01/2025 → the first working day is Monday 03/02 (Tết); 2 working days end on Tuesday 04/02.
    assert consultations.period_end(dt.date(2025, 1, 25), 2) == dt.date(2025, 2, 4)
    assert consultations.period_end(dt.date(2025, 3, 3), 1) == dt.date(2025, 3, 3)


def test_only_the_board_of_the_authority_opens_a_consultation(scene, hoa):
    lc_board = user_with_role("board_officer", scene.units["le_chan"], username="ban.lechan")
    for user in (scene.users["member1"], scene.users["head"], lc_board):
        with pytest.raises(PermissionDenied):
            consultations.open_consultation(scene.city_authority, [hoa], by=user, title="Lấy ý kiến")
    hoa.refresh_from_db()
    assert (hoa.state, hoa.consultation) == (EntryState.APPRAISED, None)


@pytest.mark.parametrize(("award", "change", "message"), [
    ("BK_TINH", {}, "không phải lấy ý kiến Nhân dân"),
    ("HCLD3", {"state": EntryState.PROPOSED}, "chỉ công khai đề nghị đã thẩm định"),
    ("HCLD3", {"recommendation": Recommendation.NOT_PROPOSE}, "chưa đề nghị khen thưởng"),
])  # fmt: skip
def test_only_appraised_proposed_entries_needing_it_are_published(scene, dossier, hoa, award, change, message):
    other = appraised_entry(dossier, scene.awards[award], scene.people["Trần Văn Bình"], **change)

    with pytest.raises(ValidationError, match=message):
        open_for(scene, [hoa, other])
    hoa.refresh_from_db()
    assert (hoa.state, hoa.consultation) == (EntryState.APPRAISED, None)  # all or nothing


def test_entries_of_a_dossier_not_received_are_not_published(scene):
    submitted = received_dossier(scene, state=DossierState.SUBMITTED)
    entry = appraised_entry(submitted, scene.awards["HCLD3"], scene.people["Nguyễn Thị Hoa"])

    with pytest.raises(ValidationError, match="chưa được tiếp nhận"):
        open_for(scene, [entry])


# --- Comments ------------------------------------------------------------------------------------------------------


def test_a_comment_waits_for_moderation_and_reaches_the_board_in_the_app(
    scene, hoa, django_capture_on_commit_callbacks
):
    consultation = open_for(scene, [hoa])

    with django_capture_on_commit_callbacks(execute=True):
        posted = comment(consultation, entry=hoa)

    assert (posted.state, posted.entry, posted.author_name) == (CommentState.PENDING, hoa, "Lê Văn Dân")
    assert posted.sender_hash == consultations.sender_hash("203.0.113.7")
    assert "203.0.113.7" not in posted.sender_hash
    assert len(posted.sender_hash) == 64
    assert Notification.objects.filter(user=scene.users["board"], code="dossiers.consultation").exists()
    assert mail.outbox == []  # in the app only: no e-mail per comment
    event = DossierEvent.objects.get(entry=hoa, action="consultation_comment")
    assert event.data == {"consultation": consultation.pk, "comment": posted.pk}


def test_comments_are_refused_after_the_period_ends(scene, hoa):
    consultation = open_for(scene, [hoa], starts_on=TET_START)
    after = dt.datetime(2025, 2, 8, 8, 0, tzinfo=timezone.get_current_timezone())

    comment(
        consultation, now=(dt.datetime(2025, 2, 7, 23, 0, tzinfo=timezone.get_current_timezone()))
    )  # the last day counts
    with pytest.raises(ValidationError, match=re.escape("Đã hết thời gian lấy ý kiến (kết thúc ngày 07/02/2025)")):
        comment(consultation, now=after)
    assert ConsultationComment.objects.count() == 1


def test_comments_are_refused_before_the_period_starts_and_after_the_board_closed_it(scene, dossier, hoa):
    later = open_for(scene, [hoa], starts_on=timezone.localdate() + dt.timedelta(days=7))
    with pytest.raises(ValidationError, match="Chưa đến thời gian lấy ý kiến"):
        comment(later)
    binh = appraised_entry(dossier, scene.awards["HCLD3"], scene.people["Trần Văn Bình"])
    ended = open_for(scene, [binh], days_ago=40)
    consultations.close_consultation(ended, by=scene.users["board"], summary="Không có ý kiến.")
    ended.ends_on = timezone.localdate() + dt.timedelta(days=30)  # even a wrong date cannot reopen a closed one
    ended.save(update_fields=["ends_on"])

    with pytest.raises(ValidationError, match="Đã hết thời gian lấy ý kiến"):
        comment(ended)


def test_one_address_may_send_only_so_many_comments_an_hour(scene, hoa, settings):
    settings.THIDUA_COMMENTS_PER_HOUR = 3
    consultation = open_for(scene, [hoa], days_ago=1)
    now = timezone.now()
    for minutes in (0, 10, 20):
        comment(consultation, now=now + dt.timedelta(minutes=minutes))

    with pytest.raises(ValidationError, match="Bạn đã gửi 3 ý kiến trong một giờ qua") as refused:
        comment(consultation, now=now + dt.timedelta(minutes=30))
    assert refused.value.error_list[0].code == consultations.RATE_LIMITED
    comment(consultation, sender="198.51.100.20", now=now + dt.timedelta(minutes=30))  # another address
    comment(consultation, now=now + dt.timedelta(minutes=61))  # the first comment is an hour old
    assert ConsultationComment.objects.count() == 5


@pytest.mark.parametrize(("fields", "key"), [
    ({"body": "Tốt."}, "body"),
    ({"body": "x" * 5001}, "body"),
    ({"author_name": "  "}, "author_name"),
])  # fmt: skip
def test_a_comment_needs_a_name_and_a_body_of_sensible_length(scene, hoa, fields, key):
    consultation = open_for(scene, [hoa])

    with pytest.raises(ValidationError) as refused:
        comment(consultation, **fields)
    assert key in refused.value.message_dict


def test_a_comment_is_only_about_an_entry_of_that_consultation(scene, dossier, hoa):
    consultation = open_for(scene, [hoa])
    not_published = appraised_entry(dossier, scene.awards["HCLD3"], scene.people["Trần Văn Bình"])

    with pytest.raises(ValidationError) as refused:
        comment(consultation, entry=not_published)
    assert "entry" in refused.value.message_dict


# --- Moderation and close --------------------------------------------------------------------------------------


def test_the_board_publishes_or_rejects_comments(scene, hoa):
    consultation = open_for(scene, [hoa])
    good, rude = comment(consultation), comment(consultation, body="Nội dung xúc phạm, không liên quan.")

    consultations.moderate(good, by=scene.users["board"], publish=True)
    consultations.moderate(rude, by=scene.users["board2"], publish=False, note="Ngôn từ không phù hợp.")

    good.refresh_from_db()
    rude.refresh_from_db()
    assert (good.state, good.moderated_by) == (CommentState.PUBLISHED, scene.users["board"])
    assert (rude.state, rude.moderation_note) == (CommentState.REJECTED, "Ngôn từ không phù hợp.")


def test_only_the_board_of_the_authority_moderates(scene, hoa):
    consultation = open_for(scene, [hoa])
    posted = comment(consultation)
    lc_board = user_with_role("board_officer", scene.units["le_chan"], username="ban.lechan")

    for user in (scene.users["member1"], scene.users["officer"], lc_board):
        with pytest.raises(PermissionDenied):
            consultations.moderate(posted, by=user, publish=True)
    posted.refresh_from_db()
    assert posted.state == CommentState.PENDING


def test_the_consultation_is_not_closed_before_its_period_is_over(scene, hoa):
    consultation = open_for(scene, [hoa], days_ago=1)  # 10 working days: still running

    with pytest.raises(ValidationError, match="Chưa hết thời hạn công khai đến hết ngày"):
        consultations.close_consultation(consultation, by=scene.users["board"], summary="Không có ý kiến.")
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.OPEN


def test_the_board_closes_an_ended_consultation_with_a_summary(scene, hoa):
    consultation = open_for(scene, [hoa], days_ago=40)

    with pytest.raises(ValidationError) as refused:
        consultations.close_consultation(consultation, by=scene.users["board"], summary=" ")
    assert "summary" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        consultations.close_consultation(consultation, by=scene.users["member1"], summary="Không có ý kiến.")

    closed = consultations.close_consultation(consultation, by=scene.users["board"],
                                              summary="Không nhận được ý kiến phản đối.")  # fmt: skip

    assert (closed.state, closed.summary) == (ConsultationState.CLOSED, "Không nhận được ý kiến phản đối.")
    assert consultations.has_ended(closed)
