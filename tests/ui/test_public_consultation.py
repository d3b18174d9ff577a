"""The public consultation pages (/cong-khai/, no login): the list of consultations that have started, one
consultation with its entries and published comments, and the comment form with its spam checks (honeypot, signed
timestamp: not faster than 3 s, not older than 2 h), the rate limit and the period's end; never a nominee's ID
number, birth date or a commenter's contact.

Test setup: entries are published with ``consultation.open_consultation`` on a received dossier whose entries were
appraised directly on rows made here (the workflow before the consultation is not run)."""

# The dossier scene fixture is imported as the helpers' rules say; its parameters shadow the import by design.
# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.dossiers.conftest import Scene, scene  # noqa: F401
from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from thidua.dossiers import consultation as consultations
from thidua.dossiers.enums import CommentState, DossierState, EntryState, Recommendation
from thidua.dossiers.models import ConsultationComment
from thidua.dossiers.public_forms import issue_token

pytestmark = pytest.mark.django_db

ACHIEVEMENT = "Hai năm liền Chiến sĩ thi đua cơ sở; sáng kiến “Sổ tay điện tử tổ dân phố”."


@pytest.fixture
def hoa(scene):
    person = scene.people["Nguyễn Thị Hoa"]
    person.id_number = "031180001234"
    person.hometown = "Xã Kiến Quốc, huyện Kiến Thụy"
    person.save()
    dossier = DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority,
                             state=DossierState.RECEIVED)  # fmt: skip
    # Test setup: appraised and proposed, with the snapshot submission would have taken.
    return DossierEntryFactory(
        dossier=dossier, person=person, award_type=scene.awards["HCLD3"], achievement=ACHIEVEMENT,
        state=EntryState.APPRAISED, recommendation=Recommendation.PROPOSE, recipient_name=person.full_name,
        unit_name="Phường An Biên, quận Lê Chân", birth_year=1980, gender="F", position="Tổ trưởng tổ dân phố",
    )  # fmt: skip


def publish(scene, entries, *, starts_on=None):
    return consultations.open_consultation(scene.city_authority, entries, by=scene.users["board"],
                                           title="Lấy ý kiến Nhân dân đề nghị tặng Huân chương Lao động hạng Ba",
                                           starts_on=starts_on)  # fmt: skip


@pytest.fixture
def consultation(scene, hoa):
    return publish(scene, [hoa])


def detail_url(consultation) -> str:
    return reverse("consultations_public:detail", args=[consultation.pk])


def form_data(consultation, *, seconds_ago: float = 10, **fields) -> dict:
    data = {"author_name": "Lê Văn Dân", "contact": "levandan@example.vn",
            "body": "Tôi xác nhận bà Hoa rất tận tụy với tổ dân phố.", "entry": "", "website": "",
            "token": issue_token(consultation, at=time.time() - seconds_ago)}  # fmt: skip
    data.update(fields)
    return data


# --- Reading ----------------------------------------------------------------------------------------------------


def test_the_list_shows_started_consultations_to_anyone(client, scene, hoa, consultation):
    binh = DossierEntryFactory(dossier=hoa.dossier, person=scene.people["Trần Văn Bình"],
                               award_type=scene.awards["HCLD3"], state=EntryState.APPRAISED,
                               recommendation=Recommendation.PROPOSE)  # fmt: skip
    future = publish(scene, [binh], starts_on=timezone.localdate() + dt.timedelta(days=3))
    future.title = "Đợt lấy ý kiến tuần sau"
    future.save()

    response = client.get(reverse("consultations_public:list"))

    assert response.status_code == 200
    assert consultation.title in response.content.decode()
    assert "Đợt lấy ý kiến tuần sau" not in response.content.decode()


def test_a_consultation_not_yet_started_is_not_found(client, scene, hoa):
    future = publish(scene, [hoa], starts_on=timezone.localdate() + dt.timedelta(days=3))

    assert client.get(detail_url(future)).status_code == 404


def test_the_page_shows_the_entry_and_no_personal_data(client, consultation, hoa):
    pending = consultations.post_comment(consultation, author_name="Người Chờ Duyệt", contact="0912345678",
                                         body="Ý kiến còn chờ Ban duyệt.", sender_key="203.0.113.9")  # fmt: skip
    published = consultations.post_comment(consultation, author_name="Phạm Thị Góp", contact="gopy@example.vn",
                                           body="Đồng ý đề nghị khen thưởng bà Hoa.", entry=hoa,
                                           sender_key="203.0.113.8")  # fmt: skip
    consultations.moderate(published, by=consultation.created_by, publish=True)

    response = client.get(detail_url(consultation))

    page = response.content.decode()
    assert response.status_code == 200
    for shown in ("Nguyễn Thị Hoa", "Phường An Biên, quận Lê Chân", "Huân chương Lao động hạng Ba",
                  "Sổ tay điện tử tổ dân phố", "Phạm Thị Góp", "Đồng ý đề nghị khen thưởng bà Hoa."):  # fmt: skip
        assert shown in page
    for hidden in ("031180001234", "1980", "Kiến Quốc", "01/05", "gopy@example.vn", "0912345678",
                   "Người Chờ Duyệt", pending.body, published.sender_hash):  # fmt: skip
        assert hidden not in page
    assert 'name="website"' in page
    assert "hidden" in page


# --- Commenting -------------------------------------------------------------------------------------------------


def test_a_visitor_sends_a_comment_that_waits_for_moderation(client, consultation, hoa):
    response = client.post(detail_url(consultation), form_data(consultation, entry=str(hoa.pk)), follow=True,
                           REMOTE_ADDR="203.0.113.7")  # fmt: skip

    assert response.status_code == 200
    assert "Cảm ơn, ý kiến của bạn sẽ được xem xét trước khi đăng." in response.content.decode()
    posted = ConsultationComment.objects.get()
    assert (posted.state, posted.entry, posted.contact) == (CommentState.PENDING, hoa, "levandan@example.vn")
    assert posted.sender_hash == consultations.sender_hash("203.0.113.7")
    assert "Tôi xác nhận" not in response.content.decode()  # not shown before moderation


def test_a_filled_honeypot_is_answered_like_a_comment_but_nothing_is_kept(client, consultation):
    response = client.post(detail_url(consultation), form_data(consultation, website="http://spam.example"),
                           follow=True)  # fmt: skip

    assert "Cảm ơn, ý kiến của bạn sẽ được xem xét trước khi đăng." in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_a_form_sent_faster_than_a_person_types_is_refused(client, consultation):
    response = client.post(detail_url(consultation), form_data(consultation, seconds_ago=1))

    assert response.status_code == 400
    assert "gửi quá nhanh" in response.content.decode()
    assert not ConsultationComment.objects.exists()


@pytest.mark.parametrize("token", ["forged", None])
def test_a_form_older_than_two_hours_or_with_a_forged_token_is_refused(client, consultation, token):
    data = form_data(consultation, seconds_ago=2 * 60 * 60 + 5)
    if token:
        data["token"] = token

    response = client.post(detail_url(consultation), data)

    assert response.status_code == 400
    assert "Biểu mẫu đã quá hạn hoặc không hợp lệ" in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_a_token_of_another_consultation_is_refused(client, scene, consultation):
    entry = DossierEntryFactory(dossier=DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority,
                                                       state=DossierState.RECEIVED),
                                person=scene.people["Trần Văn Bình"], award_type=scene.awards["HCLD3"],
                                state=EntryState.APPRAISED, recommendation=Recommendation.PROPOSE)  # fmt: skip
    other = publish(scene, [entry])

    response = client.post(detail_url(consultation), form_data(other))

    assert response.status_code == 400
    assert not ConsultationComment.objects.exists()


def test_the_page_answers_429_over_the_hourly_limit_of_one_address(client, consultation, settings):
    settings.THIDUA_COMMENTS_PER_HOUR = 2
    for _ in range(2):
        assert (
            client.post(detail_url(consultation), form_data(consultation), REMOTE_ADDR="198.51.100.4").status_code
            == 302
        )

    response = client.post(detail_url(consultation), form_data(consultation), REMOTE_ADDR="198.51.100.4")

    assert response.status_code == 429
    assert "Bạn đã gửi 2 ý kiến trong một giờ qua" in response.content.decode()
    assert client.post(detail_url(consultation), form_data(consultation), REMOTE_ADDR="198.51.100.5").status_code == 302
    assert ConsultationComment.objects.count() == 3


def test_after_the_period_the_form_is_gone_and_a_late_post_is_refused(client, scene, hoa):
    ended = publish(scene, [hoa], starts_on=timezone.localdate() - dt.timedelta(days=40))

    page = client.get(detail_url(ended)).content.decode()
    assert "Gửi ý kiến" not in page
    assert "Đã hết thời gian lấy ý kiến" in page

    response = client.post(detail_url(ended), form_data(ended))

    assert response.status_code == 400
    assert "Đã hết thời gian lấy ý kiến" in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_a_form_error_is_shown_on_its_field(client, consultation):
    response = client.post(detail_url(consultation), form_data(consultation, body="Tốt."))

    assert response.status_code == 400
    assert 'id="id_body_error"' in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_the_comment_form_needs_the_csrf_token(consultation):
    response = Client(enforce_csrf_checks=True).post(detail_url(consultation), form_data(consultation))

    assert response.status_code == 403
    assert not ConsultationComment.objects.exists()
