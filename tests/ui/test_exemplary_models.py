"""Exemplary-model pages: the list, submitting (with photos), revising, the board's review and publication, the
photos, and the permission cases of each (anonymous, wrong role, out of scope, right role in scope)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from thidua.catalog.models import RecipientKind
from thidua.core.models import StoredFile
from thidua.movements import exemplary, services
from thidua.movements.enums import AwardLevel, ExemplaryKind, ExemplaryState, MilestoneKind, MovementKind
from thidua.movements.models import ExemplaryModel

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def launched_movement(issuer, *, title: str, awards=()):
    """A movement launched by the services: every unit below the issuer owes it an answer, so they all see it."""
    movement = services.create_movement(
        by=None, issuer_unit=issuer, title=title, kind=MovementKind.THEMATIC, period_start=dt.date(2021, 10, 1),
        period_end=dt.date(2022, 12, 31), contents=[{"title": "Thi đua phòng, chống dịch"}],
        milestones=[{"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2021, 10, 31)}],
        awards=[{"level": AwardLevel.PROVINCE, "award_type": award_type} for award_type in awards],
        scope={"mode": "subtree"},
    )  # fmt: skip
    return services.launch_movement(movement, by=None)


@pytest.fixture
def movement(city):
    """The city's launched movement, offering an individual award."""
    award = AwardTypeFactory(code="BK_TP", name="Bằng khen của Chủ tịch UBND thành phố",
                             recipient_kinds=[RecipientKind.INDIVIDUAL])  # fmt: skip
    return launched_movement(city["root"], title="Phong trào “Mục tiêu kép”", awards=[award])


@pytest.fixture
def city_board(city):
    """Chuyên viên Ban Thi đua - Khen thưởng thành phố: curates the models of the city's movements."""
    return user_with_role("board_officer", city["root"], username="ban.thanhpho", full_name="Lê Quang Huy")


@pytest.fixture
def thuy_nguyen_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen", full_name="Vũ Văn Nam")


@pytest.fixture
def submitted(city, movement, le_chan_officer, le_chan_person):
    """A model Lê Chân put forward about one of its people, with one photo."""
    return exemplary.submit_exemplary_model(
        by=le_chan_officer, proposing_unit=city["le_chan"], kind=ExemplaryKind.GOOD_DEED,
        title="Tổ tình nguyện đi chợ hộ", story="Giúp người dân khu phong tỏa mua thực phẩm.", movement=movement,
        subject_person=le_chan_person, photos=[png_upload("to-tinh-nguyen.png")],
    )  # fmt: skip


@pytest.fixture
def accepted(submitted, city_board):
    return exemplary.review_exemplary_model(submitted, by=city_board, state=ExemplaryState.ACCEPTED)


def create_data(city, movement, **changes) -> dict:
    data = {
        "proposing_unit": city["le_chan"].pk,
        "kind": ExemplaryKind.GOOD_MODEL,
        "title": "Mô hình “Chợ 0 đồng”",
        "story": "Phường tổ chức chợ 0 đồng cho người khó khăn.",
        "movement": movement.pk,
        "content": "",
        "subject_person": "",
        "subject_unit": city["an_bien"].pk,
        "subject_name": "",
    }
    data.update(changes)
    return data


# --- List -----------------------------------------------------------------------------------------------------


def test_exemplary_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:exemplary-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/exemplary-models/"))


def test_exemplary_list_without_role_shows_none(no_role_client, submitted):
    html = no_role_client.get(reverse("movements:exemplary-list")).content.decode()
    assert ("Tổ tình nguyện đi chợ hộ" in html, "Không có mô hình, điển hình nào" in html) == (False, True)


def test_exemplary_list_of_another_district_shows_none(client, submitted, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    html = client.get(reverse("movements:exemplary-list")).content.decode()
    assert "Tổ tình nguyện đi chợ hộ" not in html


def test_exemplary_list_shows_the_units_models(officer_client, submitted):
    html = officer_client.get(reverse("movements:exemplary-list")).content.decode()
    assert f'<a href="/app/exemplary-models/{submitted.pk}/">Tổ tình nguyện đi chợ hộ</a>' in html
    assert '<td data-label="Cá nhân, tập thể">Nguyễn Thị Hoa</td>' in html


def test_exemplary_list_filters_by_state(officer_client, submitted):
    html = officer_client.get(reverse("movements:exemplary-list"), {"state": "accepted"}).content.decode()
    assert "Tổ tình nguyện đi chợ hộ" not in html


def test_exemplary_list_filters_by_movement(officer_client, submitted, city):
    other = launched_movement(city["le_chan"], title="Phong trào của quận")
    html = officer_client.get(reverse("movements:exemplary-list"), {"movement": other.pk}).content.decode()
    assert "Tổ tình nguyện đi chợ hộ" not in html


def test_exemplary_list_pages_by_keyset(officer_client, city, movement, le_chan_officer):
    for index in range(3):
        exemplary.submit_exemplary_model(by=le_chan_officer, proposing_unit=city["le_chan"],
                                         kind=ExemplaryKind.GOOD_MODEL, title=f"Mô hình số {index}", story="…",
                                         subject_name="Tổ dân phố")  # fmt: skip
    path = reverse("movements:exemplary-list")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("thidua.movements.exemplary_views.ExemplaryListView.paginate_by", 2)
        first = officer_client.get(path)
        second = officer_client.get(path, {"after": first.context["page"].next_cursor})
    titles = [model.title for model in first.context["page"]] + [model.title for model in second.context["page"]]
    assert titles == ["Mô hình số 2", "Mô hình số 1", "Mô hình số 0"]


# --- Submit ---------------------------------------------------------------------------------------------------


def test_exemplary_create_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:exemplary-create"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/exemplary-models/new/"))


def test_exemplary_create_without_a_submitting_role_is_forbidden(client, city):
    client.force_login(user_with_role("council_member", city["le_chan"], username="hoidong"))
    assert client.get(reverse("movements:exemplary-create")).status_code == 403


def test_exemplary_create_form_offers_the_officers_units(officer_client, city):
    response = officer_client.get(reverse("movements:exemplary-create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{city["le_chan"].pk}">Quận Lê Chân</option>' in html
    assert f'<option value="{city["an_bien"].pk}">— Phường An Biên</option>' in html
    assert '<input type="file" name="photos" accept="image/jpeg,image/png" multiple' in html


def test_exemplary_create_for_a_unit_out_of_scope_is_refused(officer_client, city, movement):
    data = create_data(city, movement, proposing_unit=city["thuy_nguyen"].pk)
    response = officer_client.post(reverse("movements:exemplary-create"), data)
    assert (response.status_code, ExemplaryModel.objects.count()) == (200, 0)
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()


def test_exemplary_create_saves_the_model_with_its_photos(officer_client, city, movement, le_chan_officer):
    data = create_data(city, movement, photos=[png_upload("cho-1.png"), png_upload("cho-2.png")])
    response = officer_client.post(reverse("movements:exemplary-create"), data)
    model = ExemplaryModel.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/exemplary-models/{model.pk}/")
    assert (model.state, model.submitted_by, model.subject_unit, model.photos.count()) == (
        ExemplaryState.SUBMITTED,
        le_chan_officer,
        city["an_bien"],
        2,
    )


def test_exemplary_create_refuses_a_non_image_photo_and_saves_nothing(officer_client, city, movement):
    fake = SimpleUploadedFile("anh-that.png", b"MZ\x90\x00 not a picture at all", "image/png")
    data = create_data(city, movement, photos=[png_upload("cho.png"), fake])
    response = officer_client.post(reverse("movements:exemplary-create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tệp “anh-that.png” không phải là loại được phép (JPEG, PNG)" in html
    assert (ExemplaryModel.objects.count(), StoredFile.objects.count()) == (0, 0)


def test_exemplary_create_needs_a_subject(officer_client, city, movement):
    response = officer_client.post(reverse("movements:exemplary-create"), create_data(city, movement, subject_unit=""))
    assert "Hãy chọn cá nhân, tập thể hoặc nhập tên." in response.content.decode()


def test_exemplary_create_names_an_unknown_person(officer_client, city, movement, thuy_nguyen_person):
    data = create_data(city, movement, subject_unit="", subject_person=thuy_nguyen_person.pk)
    response = officer_client.post(reverse("movements:exemplary-create"), data)
    assert "Không tìm thấy cá nhân có số hiệu này trong phạm vi của bạn." in response.content.decode()


# --- Detail and photos ----------------------------------------------------------------------------------------


def test_exemplary_detail_anonymous_is_sent_to_login(client, submitted):
    path = reverse("movements:exemplary-detail", args=[submitted.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_exemplary_detail_of_another_district_is_not_found(client, submitted, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert client.get(reverse("movements:exemplary-detail", args=[submitted.pk])).status_code == 404


def test_exemplary_detail_shows_the_photos_through_the_scoped_view(officer_client, submitted):
    response = officer_client.get(reverse("movements:exemplary-detail", args=[submitted.pk]))
    photo = submitted.photos.get()
    html = response.content.decode()
    assert (response.status_code, "<h1>Tổ tình nguyện đi chợ hộ</h1>" in html) == (200, True)
    assert f'src="/app/exemplary-models/{submitted.pk}/photos/{photo.pk}/"' in html


def test_exemplary_detail_hides_the_review_form_from_the_unit(officer_client, submitted):
    html = officer_client.get(reverse("movements:exemplary-detail", args=[submitted.pk])).content.decode()
    assert ("Xem xét của Ban Thi đua - Khen thưởng" in html, "Sửa</a>" in html) == (False, True)


def test_exemplary_detail_shows_the_review_form_to_the_board(client, submitted, city_board):
    client.force_login(city_board)
    html = client.get(reverse("movements:exemplary-detail", args=[submitted.pk])).content.decode()
    assert f'action="/app/exemplary-models/{submitted.pk}/review/"' in html


def test_exemplary_detail_offers_the_dossier_entry_once_accepted(officer_client, accepted):
    html = officer_client.get(reverse("movements:exemplary-detail", args=[accepted.pk])).content.decode()
    assert f'action="/app/exemplary-models/{accepted.pk}/propose/"' in html
    assert ">Bằng khen của Chủ tịch UBND thành phố</option>" in html


def test_exemplary_photo_anonymous_is_sent_to_login(client, submitted):
    path = reverse("movements:exemplary-photo", args=[submitted.pk, submitted.photos.get().pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_exemplary_photo_of_another_district_is_not_found(client, submitted, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    response = client.get(reverse("movements:exemplary-photo", args=[submitted.pk, submitted.photos.get().pk]))
    assert response.status_code == 404


def test_exemplary_photo_of_another_model_is_not_found(officer_client, submitted, city, le_chan_officer):
    other = exemplary.submit_exemplary_model(by=le_chan_officer, proposing_unit=city["le_chan"],
                                             kind=ExemplaryKind.GOOD_MODEL, title="Khác", story="…",
                                             subject_name="Tổ 5", photos=[png_upload()])  # fmt: skip
    response = officer_client.get(reverse("movements:exemplary-photo", args=[submitted.pk, other.photos.get().pk]))
    assert response.status_code == 404


def test_exemplary_photo_is_sent_inline_as_an_image(officer_client, submitted):
    response = officer_client.get(reverse("movements:exemplary-photo", args=[submitted.pk, submitted.photos.get().pk]))
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "image/png",
        'inline; filename="to-tinh-nguyen.png"',
    )
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


# --- Revise ---------------------------------------------------------------------------------------------------


def test_exemplary_edit_anonymous_is_sent_to_login(client, submitted):
    path = reverse("movements:exemplary-edit", args=[submitted.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_exemplary_edit_by_a_reader_is_forbidden(client, submitted, city):
    client.force_login(user_with_role("council_member", city["le_chan"], username="hoidong"))
    assert client.get(reverse("movements:exemplary-edit", args=[submitted.pk])).status_code == 403


def test_exemplary_edit_of_another_district_is_not_found(client, submitted, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert client.get(reverse("movements:exemplary-edit", args=[submitted.pk])).status_code == 404


def test_exemplary_edit_of_an_accepted_model_is_forbidden(officer_client, accepted):
    assert officer_client.get(reverse("movements:exemplary-edit", args=[accepted.pk])).status_code == 403


def test_exemplary_edit_of_a_model_needing_more_sends_it_back(officer_client, submitted, city_board, le_chan_person):
    exemplary.review_exemplary_model(submitted, by=city_board, state=ExemplaryState.NEEDS_MORE, note="Thêm ảnh.")
    photo = submitted.photos.get()
    data = {"kind": ExemplaryKind.GOOD_DEED, "title": "Tổ tình nguyện đi chợ hộ (bổ sung)", "story": "Chi tiết hơn.",
            "movement": submitted.movement_id, "content": "", "subject_person": le_chan_person.pk,
            "subject_unit": "", "subject_name": "", "remove_photos": [str(photo.pk)],
            "photos": [png_upload("moi.png")]}  # fmt: skip
    response = officer_client.post(reverse("movements:exemplary-edit", args=[submitted.pk]), data)
    submitted.refresh_from_db()
    assert (response.status_code, submitted.state, submitted.title) == (
        302,
        ExemplaryState.SUBMITTED,
        "Tổ tình nguyện đi chợ hộ (bổ sung)",
    )
    assert list(submitted.photos.values_list("name", flat=True)) == ["moi.png"]


# --- Review and publication -----------------------------------------------------------------------------------


def test_exemplary_review_anonymous_is_sent_to_login(client, submitted):
    path = reverse("movements:exemplary-review", args=[submitted.pk])
    response = client.post(path, {"review-state": "accepted"})
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_exemplary_review_by_the_unit_is_forbidden(officer_client, submitted):
    response = officer_client.post(reverse("movements:exemplary-review", args=[submitted.pk]),
                                   {"review-state": "accepted"})  # fmt: skip
    submitted.refresh_from_db()
    assert (response.status_code, submitted.state) == (403, ExemplaryState.SUBMITTED)


def test_exemplary_review_of_another_district_is_not_found(client, city, movement, thuy_nguyen_officer):
    model = exemplary.submit_exemplary_model(by=thuy_nguyen_officer, proposing_unit=city["thuy_nguyen"],
                                             kind=ExemplaryKind.GOOD_MODEL, title="Mô hình Thủy Nguyên", story="…",
                                             movement=movement, subject_name="Tổ 1")  # fmt: skip
    board = user_with_role("board_officer", city["le_chan"], username="ban.lechan")
    client.force_login(board)
    assert client.post(reverse("movements:exemplary-review", args=[model.pk]), {}).status_code == 404


def test_exemplary_review_accepts_the_model(client, submitted, city_board):
    client.force_login(city_board)
    response = client.post(reverse("movements:exemplary-review", args=[submitted.pk]),
                           {"review-state": "accepted", "review-note": "Mô hình tốt."})  # fmt: skip
    submitted.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, f"/app/exemplary-models/{submitted.pk}/")
    assert (submitted.state, submitted.board_note, submitted.reviewed_by) == (
        ExemplaryState.ACCEPTED,
        "Mô hình tốt.",
        city_board,
    )


def test_exemplary_review_declining_without_a_note_shows_the_error(client, submitted, city_board):
    client.force_login(city_board)
    response = client.post(reverse("movements:exemplary-review", args=[submitted.pk]),
                           {"review-state": "declined", "review-note": ""})  # fmt: skip
    submitted.refresh_from_db()
    assert (response.status_code, submitted.state) == (200, ExemplaryState.SUBMITTED)
    assert "Hãy ghi ý kiến khi yêu cầu bổ sung hoặc không công nhận." in response.content.decode()


def test_exemplary_review_get_is_not_allowed(client, submitted, city_board):
    client.force_login(city_board)
    assert client.get(reverse("movements:exemplary-review", args=[submitted.pk])).status_code == 405


def test_exemplary_publish_anonymous_is_sent_to_login(client, accepted):
    path = reverse("movements:exemplary-publish", args=[accepted.pk])
    response = client.post(path, {"publish-publish": "true"})
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_exemplary_publish_by_the_unit_is_forbidden(officer_client, accepted):
    response = officer_client.post(reverse("movements:exemplary-publish", args=[accepted.pk]),
                                   {"publish-publish": "true"})  # fmt: skip
    accepted.refresh_from_db()
    assert (response.status_code, accepted.publish) == (403, False)


def test_exemplary_publish_of_another_district_is_not_found(client, accepted, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    response = client.post(reverse("movements:exemplary-publish", args=[accepted.pk]), {"publish-publish": "true"})
    assert response.status_code == 404


def test_exemplary_publish_toggles_the_portal_flag(client, accepted, city_board):
    client.force_login(city_board)
    path = reverse("movements:exemplary-publish", args=[accepted.pk])
    client.post(path, {"publish-publish": "true"})
    accepted.refresh_from_db()
    published = accepted.publish
    response = client.post(path, {"publish-publish": "false"}, follow=True)
    accepted.refresh_from_db()
    assert (published, accepted.publish) == (True, False)
    assert "Đã thôi đăng mô hình, điển hình trên cổng thông tin." in response.content.decode()


def test_exemplary_publish_of_a_submitted_model_shows_the_error(client, submitted, city_board):
    client.force_login(city_board)
    response = client.post(reverse("movements:exemplary-publish", args=[submitted.pk]), {"publish-publish": "true"})
    submitted.refresh_from_db()
    assert (response.status_code, submitted.publish) == (200, False)
    assert "Chỉ đăng được mô hình, điển hình đã được công nhận." in response.content.decode()


# --- Query counts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3])
def test_exemplary_list_query_count(officer_client, city, movement, le_chan_officer, le_chan_person, rows,
                                    django_assert_num_queries):  # fmt: skip
    for index in range(rows):
        exemplary.submit_exemplary_model(by=le_chan_officer, proposing_unit=city["le_chan"],
                                         kind=ExemplaryKind.GOOD_DEED, title=f"Gương số {index}", story="…",
                                         movement=movement, subject_person=le_chan_person)  # fmt: skip
    with django_assert_num_queries(7):
        response = officer_client.get(reverse("movements:exemplary-list"))
    assert len(response.context["page"]) == rows
