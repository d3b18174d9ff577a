"""/api/v1/exemplary-models/: a unit submits a model with photos (multipart), revises it when asked, and the board
of the movement reviews it and marks it for the portal.

Scene: the city launched a movement; Phường An Biên's officer submits; the city's board officer curates."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tests.api.conftest import token_client
from tests.conftest import user_with_role
from thidua.core.models import StoredFile
from thidua.movements import exemplary, services
from thidua.movements.enums import ExemplaryState, MilestoneKind, MovementKind
from thidua.movements.models import ExemplaryModel
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db

TITLE = "Phong trào thi đua “Mục tiêu kép”"
STORY = "Tổ dân phố số 3 vận động 100% hộ dân tiêm vắc-xin."


def png(name="anh.png", color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def fake_png(name="anh-hong.png"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is an executable", "image/png")


def movement_of(city, *, launch=True):
    movement = services.create_movement(
        by=None, issuer_unit=city["root"], title=TITLE, kind=MovementKind.THEMATIC,
        period_start=dt.date(2021, 10, 1), period_end=dt.date(2022, 12, 31),
        contents=[{"title": "Phòng, chống dịch COVID-19"}], scope={"mode": "subtree"},
        milestones=[{"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký", "due_date": dt.date(2021, 10, 31)}],
    )  # fmt: skip
    return services.launch_movement(movement, by=None) if launch else movement


@pytest.fixture
def launched(city):
    return movement_of(city)


@pytest.fixture
def an_bien_officer(city):
    return user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà")


@pytest.fixture
def an_bien_client(an_bien_officer):
    return token_client(an_bien_officer)


@pytest.fixture
def board_client(city):
    return token_client(user_with_role("board_officer", city["root"], username="ban.tdkt"))


@pytest.fixture
def model(launched, city, an_bien_officer, le_chan_person):
    return exemplary.submit_exemplary_model(
        by=an_bien_officer, proposing_unit=city["an_bien"], kind="good_model", title="Tổ dân phố không COVID",
        story=STORY, movement=launched, content=launched.contents.get(), subject_person=le_chan_person,
        photos=[png()],
    )  # fmt: skip


def body(city, launched, **fields):
    return {
        "kind": "good_model", "title": "Tổ dân phố không COVID", "story": STORY, "proposing_unit": city["an_bien"].pk,
        "movement": launched.pk, "subject_name": "Tổ dân phố số 3", **fields,
    }  # fmt: skip


# --- Submitting ------------------------------------------------------------------------------------------------


def test_exemplary_model_create_with_photos(an_bien_client, launched, city):
    response = an_bien_client.post("/api/v1/exemplary-models/",
                                   body(city, launched, photos=[png("Ảnh 1.png"), png("Ảnh 2.png", "blue")]),
                                   format="multipart")  # fmt: skip
    data = response.json()
    model = ExemplaryModel.objects.get()
    for key in ("created_at", "updated_at"):
        del data[key]
    photos = sorted(data.pop("photos"), key=lambda item: item["name"])
    assert (response.status_code, data) == (201, {
        "id": model.pk, "kind": "good_model", "kind_display": "Mô hình hay, cách làm mới",
        "title": "Tổ dân phố không COVID", "story": STORY, "movement": launched.pk, "movement_title": TITLE,
        "content": None, "proposing_unit": city["an_bien"].pk, "proposing_unit_name": "Phường An Biên",
        "subject_person": None, "subject_unit": None, "subject_name": "Tổ dân phố số 3",
        "subject_display": "Tổ dân phố số 3", "state": "submitted", "state_display": "Chờ xem xét", "board_note": "",
        "publish": False, "submitted_by_name": "Phạm Thu Hà", "reviewed_at": None,
    })  # fmt: skip
    assert [(photo["name"], photo["kind"]) for photo in photos] == [("Ảnh 1.png", "png"), ("Ảnh 2.png", "png")]


def test_exemplary_model_create_without_photos_in_json(an_bien_client, launched, city):
    response = an_bien_client.post("/api/v1/exemplary-models/", body(city, launched), format="json")
    assert (response.status_code, response.json()["photos"], ExemplaryModel.objects.count()) == (201, [], 1)


def test_exemplary_model_create_with_one_bad_photo_keeps_nothing(an_bien_client, launched, city):
    response = an_bien_client.post("/api/v1/exemplary-models/", body(city, launched, photos=[png(), fake_png()]),
                                   format="multipart")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"photos": [
        "Tệp “anh-hong.png” không phải là loại được phép (JPEG, PNG): hệ thống kiểm tra nội dung tệp, không chỉ "
        "phần đuôi tên."
    ]})  # fmt: skip
    assert (ExemplaryModel.objects.count(), StoredFile.objects.count()) == (0, 0)


def test_exemplary_model_create_needs_a_subject(an_bien_client, launched, city):
    response = an_bien_client.post("/api/v1/exemplary-models/", body(city, launched, subject_name=""), format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"subject_name": ["Hãy chọn cá nhân, tập thể hoặc nhập tên."]},
    )


def test_exemplary_model_create_for_a_draft_movement_is_refused(city, board_client):
    draft = movement_of(city, launch=False)
    response = board_client.post("/api/v1/exemplary-models/", body(city, draft), format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"movement": [f"Phong trào “{TITLE}” chưa được phát động."]},
    )


def test_exemplary_model_create_for_a_unit_out_of_scope_is_refused(an_bien_client, launched, city):
    response = an_bien_client.post("/api/v1/exemplary-models/",
                                   body(city, launched, proposing_unit=city["minh_duc"].pk), format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"proposing_unit": ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]},
    )


def test_exemplary_model_create_with_a_content_of_a_movement_out_of_scope_is_refused(an_bien_client, launched, city):
    other = services.create_movement(
        by=None, issuer_unit=city["thuy_nguyen"], title="Phong trào của Thủy Nguyên", kind=MovementKind.REGULAR,
        period_start=dt.date(2021, 10, 1), period_end=dt.date(2022, 12, 31), contents=[{"title": "Nội dung"}],
    )  # fmt: skip
    response = an_bien_client.post("/api/v1/exemplary-models/",
                                   body(city, launched, movement=None, content=other.contents.get().pk),
                                   format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"content": ["Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn."]},
    )


def test_exemplary_model_list_filters_by_state(board_client, model):
    accepted = board_client.get("/api/v1/exemplary-models/", {"state": "accepted"})
    submitted = board_client.get("/api/v1/exemplary-models/", {"state": "submitted"})
    assert ([row["id"] for row in accepted.json()["results"]], [row["id"] for row in submitted.json()["results"]]) == (
        [],
        [model.pk],
    )


def test_exemplary_model_photo_download(board_client, model):
    photo = model.photos.get()
    response = board_client.get(f"/api/v1/exemplary-models/{model.pk}/photos/{photo.pk}/")
    assert (response.status_code, response["Content-Type"], b"".join(response.streaming_content)[:4]) == (
        200,
        "image/png",
        b"\x89PNG",
    )


# --- Revising ------------------------------------------------------------------------------------------------


def test_exemplary_model_update_of_one_sent_back_goes_back_to_the_board(an_bien_client, model):
    exemplary.review_exemplary_model(model, by=None, state=ExemplaryState.NEEDS_MORE, note="Bổ sung ảnh")
    old_photo = model.photos.get()
    response = an_bien_client.patch(f"/api/v1/exemplary-models/{model.pk}/",
                                    {"title": "Tổ dân phố số 3 không COVID", "photos": [png("Ảnh mới.png")],
                                     "remove_photos": [str(old_photo.pk)]}, format="multipart")  # fmt: skip
    data = response.json()
    assert (response.status_code, data["title"], data["state"], [photo["name"] for photo in data["photos"]]) == (
        200,
        "Tổ dân phố số 3 không COVID",
        "submitted",
        ["Ảnh mới.png"],
    )


def test_exemplary_model_update_cannot_move_it_to_another_unit(le_chan_client, model, city):
    response = le_chan_client.patch(f"/api/v1/exemplary-models/{model.pk}/", {"proposing_unit": city["le_chan"].pk},
                                    format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"proposing_unit": ["Không đổi được đơn vị giới thiệu."]})


def test_exemplary_model_update_once_accepted_is_refused(an_bien_client, model):
    exemplary.review_exemplary_model(model, by=None, state=ExemplaryState.ACCEPTED)
    response = an_bien_client.patch(f"/api/v1/exemplary-models/{model.pk}/", {"title": "Khác"}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Mô hình, điển hình ở trạng thái “Đã công nhận” không sửa được nữa."]},
    )


# --- Curating ----------------------------------------------------------------------------------------------------


def test_exemplary_model_review_accepts_it_and_tells_the_submitter(board_client, model, an_bien_officer):
    response = board_client.post(f"/api/v1/exemplary-models/{model.pk}/review/", {"state": "accepted"}, format="json")
    notified = list(Notification.objects.filter(user=an_bien_officer).values_list("title", flat=True))
    data = response.json()
    assert (response.status_code, data["state"], data["reviewed_at"] is not None, notified) == (
        200,
        "accepted",
        True,
        ["Mô hình “Tổ dân phố không COVID”: Đã công nhận"],
    )


def test_exemplary_model_review_asking_for_more_needs_a_note(board_client, model):
    response = board_client.post(f"/api/v1/exemplary-models/{model.pk}/review/", {"state": "needs_more"},
                                 format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"note": ["Hãy ghi ý kiến khi yêu cầu bổ sung hoặc không công nhận."]},
    )


def test_exemplary_model_review_back_to_submitted_is_not_a_choice(board_client, model):
    response = board_client.post(f"/api/v1/exemplary-models/{model.pk}/review/", {"state": "submitted"},
                                 format="json")  # fmt: skip
    assert (response.status_code, response.json()) == (400, {"state": ["Giá trị không nằm trong danh sách được chọn."]})


def test_exemplary_model_publish_once_accepted(board_client, model):
    exemplary.review_exemplary_model(model, by=None, state=ExemplaryState.ACCEPTED)
    response = board_client.post(f"/api/v1/exemplary-models/{model.pk}/publish/", {"publish": True}, format="json")
    assert (response.status_code, response.json()["publish"], ExemplaryModel.objects.published().count()) == (
        200,
        True,
        1,
    )


def test_exemplary_model_publish_before_it_is_accepted_is_refused(board_client, model):
    response = board_client.post(f"/api/v1/exemplary-models/{model.pk}/publish/", {"publish": True}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"publish": ["Chỉ đăng được mô hình, điển hình đã được công nhận."]},
    )


def test_exemplary_model_list_costs_the_same_for_one_model_as_for_three(board_client, model, launched, city,
                                                                        an_bien_officer):  # fmt: skip
    with CaptureQueriesContext(connection) as one:
        board_client.get("/api/v1/exemplary-models/")
    for number in (2, 3):
        exemplary.submit_exemplary_model(by=an_bien_officer, proposing_unit=city["an_bien"], kind="good_deed",
                                         title=f"Gương số {number}", story=STORY, movement=launched,
                                         subject_unit=city["an_bien"], photos=[png()])  # fmt: skip
    with CaptureQueriesContext(connection) as three:
        rows = board_client.get("/api/v1/exemplary-models/").json()["results"]
    assert (len(three.captured_queries), len(rows)) == (len(one.captured_queries), 3)
