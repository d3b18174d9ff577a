"""The board's pages of public consultations (công khai, lấy ý kiến Nhân dân): the list, publishing appraised entries
whose award needs it, one consultation with its comments to moderate, and its close with the summary once the period
is over. Every view: anonymous → login, wrong role → 403, out of scope → 404."""

# ruff: noqa: F811 — the scene fixture is imported from tests/dossiers/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.dossiers.conftest import scene  # noqa: F401
from tests.dossiers.workflow_scene import HOA, appraised, entry_of
from thidua.dossiers import consultation
from thidua.dossiers.enums import CommentState, ConsultationState, EntryState
from thidua.dossiers.models import Consultation

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def as_user(client, scene, name: str):
    client.force_login(scene.users[name])
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def entry(scene):
    """Nguyễn Thị Hoa for Huân chương Lao động hạng Ba, appraised: it must be published before the council."""
    return entry_of(appraised(scene, ((HOA, "HCLD3"),)))


@pytest.fixture
def published(scene, entry):
    return consultation.open_consultation(scene.city_authority, [entry], by=scene.users["board"],
                                          title="Lấy ý kiến Nhân dân đề nghị tặng Huân chương Lao động")  # fmt: skip


def ended(item: Consultation) -> Consultation:
    """The period moved into the past (test setup)."""
    Consultation.objects.filter(pk=item.pk).update(
        starts_on=timezone.localdate() - dt.timedelta(days=20), ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    return Consultation.objects.get(pk=item.pk)


def comment(item: Consultation, entry, body: str = "Bà Hoa rất tận tụy với công việc của phường."):
    return consultation.post_comment(item, author_name="Trần Văn Dân", contact="0912 345 678", body=body, entry=entry,
                                     sender_key="203.0.113.7")  # fmt: skip


def test_consultations_anonymous_is_sent_to_login(client):
    response = client.get(reverse("dossiers:consultations"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/consultations/"))


def test_consultations_list_for_the_board_and_not_for_outsiders(client, scene, published):
    assert published.title in as_user(client, scene, "board").get(reverse("dossiers:consultations")).content.decode()
    assert (
        published.title
        not in as_user(client, scene, "outsider").get(reverse("dossiers:consultations")).content.decode()
    )


def test_consultation_create_by_the_unit_is_forbidden(client, scene, entry):
    assert as_user(client, scene, "head").get(reverse("dossiers:consultation-create")).status_code == 403


def test_the_board_publishes_appraised_entries_for_the_catalog_period(client, scene, entry):
    as_user(client, scene, "board")
    form = client.get(reverse("dossiers:consultation-create")).content.decode()
    assert f'value="{entry.pk}"' in form
    response = client.post(
        reverse("dossiers:consultation-create"),
        {"authority": scene.city_authority.pk, "title": "Lấy ý kiến Nhân dân", "introduction": "",
         "starts_on": "", "entries": [entry.pk]},
        follow=True,
    )  # fmt: skip
    item = Consultation.objects.get()
    entry.refresh_from_db()
    assert response.redirect_chain == [(f"/app/consultations/{item.pk}/", 302)]
    assert (entry.state, entry.consultation, item.working_days) == (EntryState.IN_CONSULTATION, item, 10)
    assert any(message.startswith("Đã công khai lấy ý kiến từ ngày") for message in messages_of(response))


def test_publishing_without_entries_names_the_field(client, scene, entry):
    response = as_user(client, scene, "board").post(
        reverse("dossiers:consultation-create"),
        {"authority": scene.city_authority.pk, "title": "Lấy ý kiến", "entries": []},
    )
    assert (response.status_code, bool(response.context["form"].errors["entries"])) == (200, True)
    assert Consultation.objects.count() == 0


def test_a_stale_form_after_the_last_entry_was_published_still_shows_why_it_was_refused(client, scene, published,
                                                                                       entry):  # fmt: skip
    response = as_user(client, scene, "board").post(
        reverse("dossiers:consultation-create"),
        {"authority": scene.city_authority.pk, "title": "Lấy ý kiến lần hai", "entries": [entry.pk]},
    )
    page = response.content.decode()
    assert "Không có đề nghị đã thẩm định nào phải công khai" in page
    assert 'class="form-errors"' in page
    assert "Đề nghị công khai" in page
    assert Consultation.objects.count() == 1


def test_consultation_detail_anonymous_and_out_of_scope(client, scene, published):
    path = reverse("dossiers:consultation-detail", args=[published.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))
    assert as_user(client, scene, "outsider").get(path).status_code == 404


def test_the_board_sees_every_comment_with_its_contact_and_moderates_it(client, scene, published, entry):
    posted = comment(published, entry)
    as_user(client, scene, "board")
    html = client.get(reverse("dossiers:consultation-detail", args=[published.pk])).content.decode()
    assert ("Bà Hoa rất tận tụy với công việc của phường." in html, "0912 345 678" in html) == (True, True)
    response = client.post(reverse("dossiers:comment-moderate", args=[posted.pk]), {"publish": "1", "note": ""},
                           follow=True)  # fmt: skip
    posted.refresh_from_db()
    assert (posted.state, messages_of(response)) == (CommentState.PUBLISHED, ["Đã đăng ý kiến."])


def test_moderation_by_a_council_member_is_forbidden(client, scene, published, entry):
    posted = comment(published, entry)
    response = as_user(client, scene, "member1").post(reverse("dossiers:comment-moderate", args=[posted.pk]),
                                                      {"publish": "1"})  # fmt: skip
    posted.refresh_from_db()
    assert (response.status_code, posted.state) == (403, CommentState.PENDING)


def test_the_consultation_is_not_closed_before_its_period_is_over(client, scene, published):
    response = as_user(client, scene, "board").post(
        reverse("dossiers:consultation-close", args=[published.pk]), {"summary": "Không có ý kiến."}, follow=True
    )
    assert any(message.startswith("Chưa hết thời hạn công khai") for message in messages_of(response))
    published.refresh_from_db()
    assert published.state == ConsultationState.OPEN


def test_the_board_closes_an_ended_consultation_with_a_summary(client, scene, published):
    item = ended(published)
    as_user(client, scene, "board")
    html = client.get(reverse("dossiers:consultation-detail", args=[item.pk])).content.decode()
    assert 'id="close-summary"' in html
    response = client.post(reverse("dossiers:consultation-close", args=[item.pk]), {"summary": ""}, follow=True)
    assert messages_of(response) == ["Kết quả lấy ý kiến: Trường này là bắt buộc."]
    response = client.post(reverse("dossiers:consultation-close", args=[item.pk]),
                           {"summary": "Không có ý kiến phản đối."}, follow=True)  # fmt: skip
    item.refresh_from_db()
    assert (item.state, item.summary) == (ConsultationState.CLOSED, "Không có ý kiến phản đối.")
    assert "Đã kết thúc đợt lấy ý kiến." in messages_of(response)


def test_closing_by_a_council_member_is_forbidden_and_by_the_unit_not_found(client, scene, published):
    item = ended(published)
    path = reverse("dossiers:consultation-close", args=[item.pk])
    assert as_user(client, scene, "member1").post(path, {"summary": "x"}).status_code == 403
    assert as_user(client, scene, "head").post(path, {"summary": "x"}).status_code == 404
    item.refresh_from_db()
    assert item.state == ConsultationState.OPEN
