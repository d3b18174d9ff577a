"""Exemplary models through their services: submit with photos, revise, curate, publish."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import user_with_role
from tests.factories.movements import MovementContentFactory, MovementFactory
from tests.factories.orgs import OrgUnitFactory
from thidua.audit.models import AuditEntry
from thidua.core.models import StoredFile
from thidua.movements import exemplary
from thidua.movements.enums import ExemplaryKind, ExemplaryState, MovementState
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def photo(name: str = "anh.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def board(city):
    return user_with_role("board_officer", city["root"], username="ban.tdkt", full_name="Phạm Văn Bình")


@pytest.fixture
def movement(city):
    return MovementFactory(issuer_unit=city["root"], state=MovementState.LAUNCHED, title="Mục tiêu kép")


@pytest.fixture
def content(movement):
    return MovementContentFactory(movement=movement, title="Phòng, chống dịch COVID-19")


def submit(by, unit, **fields):
    fields.setdefault("kind", ExemplaryKind.GOOD_MODEL)
    fields.setdefault("title", "Tổ COVID cộng đồng phường An Biên")
    fields.setdefault("story", "Tổ đã hỗ trợ 300 hộ gia đình cách ly tại nhà…")
    return exemplary.submit_exemplary_model(by=by, proposing_unit=unit, **fields)


def test_submit_exemplary_model_keeps_the_photos_and_waits_for_the_board(city, le_chan_officer, movement, content):
    model = submit(le_chan_officer, city["le_chan"], movement=movement, content=content,
                   subject_unit=city["an_bien"], photos=[photo("Tổ COVID.png"), photo()])  # fmt: skip

    assert (model.state, model.submitted_by, model.subject_display) == (
        ExemplaryState.SUBMITTED, le_chan_officer, "Phường An Biên",
    )  # fmt: skip
    assert sorted(model.photos.values_list("name", flat=True)) == ["Tổ COVID.png", "anh.png"]
    assert AuditEntry.objects.filter(code="movements.exemplarymodel.submitted").count() == 1


def test_submit_with_a_content_item_takes_its_movement(city, le_chan_officer, content):
    model = submit(le_chan_officer, city["le_chan"], content=content, subject_name="Tổ dân phố số 5")

    assert model.movement == content.movement


def test_submit_with_a_file_that_is_not_an_image_stores_nothing(city, le_chan_officer):
    fake = SimpleUploadedFile("anh.png", b"%PDF-1.4 khong phai anh", content_type="image/png")

    with pytest.raises(ValidationError) as refused:
        submit(le_chan_officer, city["le_chan"], subject_name="Ông Nguyễn Văn Tư", photos=[photo(), fake])

    assert list(refused.value.message_dict) == ["photos"]
    assert refused.value.message_dict["photos"][0].startswith("Tệp “anh.png” không phải là loại được phép (JPEG, PNG)")
    assert (StoredFile.objects.count(), exemplary.ExemplaryModel.objects.count()) == (0, 0)


def test_submit_more_than_ten_photos_is_refused(city, le_chan_officer):
    with pytest.raises(ValidationError) as refused:
        submit(le_chan_officer, city["le_chan"], subject_name="Ông Nguyễn Văn Tư", photos=[photo()] * 11)

    assert refused.value.message_dict == {"photos": ["Chỉ được gửi tối đa 10 ảnh."]}


def test_submit_with_both_a_person_and_a_unit_is_refused(city, le_chan_officer, le_chan_person):
    with pytest.raises(ValidationError) as refused:
        submit(le_chan_officer, city["le_chan"], subject_person=le_chan_person, subject_unit=city["an_bien"])

    assert refused.value.message_dict == {"subject_unit": ["Chỉ chọn một cá nhân hoặc một tập thể."]}


def test_submit_without_a_subject_is_refused(city, le_chan_officer):
    with pytest.raises(ValidationError) as refused:
        submit(le_chan_officer, city["le_chan"])

    assert refused.value.message_dict == {"subject_name": ["Hãy chọn cá nhân, tập thể hoặc nhập tên."]}


def test_submit_for_a_draft_movement_is_refused(city, le_chan_officer):
    draft = MovementFactory(issuer_unit=city["root"], title="Phong trào dự thảo")

    with pytest.raises(ValidationError) as refused:
        submit(le_chan_officer, city["le_chan"], movement=draft, subject_name="Tổ dân phố số 5")

    assert refused.value.message_dict == {"movement": ["Phong trào “Phong trào dự thảo” chưa được phát động."]}


def test_submit_with_a_content_of_another_movement_is_refused(city, le_chan_officer, movement):
    other = MovementContentFactory(movement=MovementFactory(issuer_unit=city["root"], state=MovementState.LAUNCHED))

    with pytest.raises(ValidationError) as refused:
        submit(le_chan_officer, city["le_chan"], movement=movement, content=other, subject_name="Tổ dân phố số 5")

    assert refused.value.message_dict == {"content": ["Nội dung này không thuộc phong trào đã chọn."]}


def test_update_of_a_model_sent_back_puts_it_back_to_the_board(city, le_chan_officer, board):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")
    exemplary.review_exemplary_model(model, by=board, state=ExemplaryState.NEEDS_MORE, note="Bổ sung số liệu.")

    model = exemplary.update_exemplary_model(model, by=le_chan_officer, story="Tổ đã hỗ trợ 312 hộ…")

    assert (model.state, model.story) == (ExemplaryState.SUBMITTED, "Tổ đã hỗ trợ 312 hộ…")


def test_update_adds_and_removes_photos(city, le_chan_officer):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5", photos=[photo("cu.png")])
    old = model.photos.get()

    exemplary.update_exemplary_model(model, by=le_chan_officer, add_photos=[photo("moi.png")], remove_photos=[old])

    assert list(model.photos.values_list("name", flat=True)) == ["moi.png"]
    assert not StoredFile.objects.filter(pk=old.pk).exists()


def test_update_of_an_accepted_model_is_refused(city, le_chan_officer, board):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")
    exemplary.review_exemplary_model(model, by=board, state=ExemplaryState.ACCEPTED)

    with pytest.raises(ValidationError) as refused:
        exemplary.update_exemplary_model(model, by=le_chan_officer, title="Tên mới")

    assert refused.value.messages == ["Mô hình, điển hình ở trạng thái “Đã công nhận” không sửa được nữa."]


def test_review_accepts_and_notifies_the_submitter(city, le_chan_officer, board):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")

    model = exemplary.review_exemplary_model(model, by=board, state=ExemplaryState.ACCEPTED)

    assert (model.state, model.reviewed_by, model.reviewed_at is not None) == (ExemplaryState.ACCEPTED, board, True)
    notification = Notification.objects.get()
    assert (notification.user, notification.title) == (
        le_chan_officer, "Mô hình “Tổ COVID cộng đồng phường An Biên”: Đã công nhận",
    )  # fmt: skip


@pytest.mark.parametrize("state", [ExemplaryState.NEEDS_MORE, ExemplaryState.DECLINED])
def test_review_that_does_not_accept_needs_a_note(city, le_chan_officer, board, state):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")

    with pytest.raises(ValidationError) as refused:
        exemplary.review_exemplary_model(model, by=board, state=state, note="  ")

    assert refused.value.message_dict == {"note": ["Hãy ghi ý kiến khi yêu cầu bổ sung hoặc không công nhận."]}


def test_review_declines_with_the_note_kept(city, le_chan_officer, board):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")

    model = exemplary.review_exemplary_model(
        model, by=board, state=ExemplaryState.DECLINED, note="Trùng mô hình đã có."
    )

    assert (model.state, model.board_note) == (ExemplaryState.DECLINED, "Trùng mô hình đã có.")


def test_review_of_a_model_already_reviewed_is_refused(city, le_chan_officer, board):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")
    exemplary.review_exemplary_model(model, by=board, state=ExemplaryState.DECLINED, note="Trùng.")

    with pytest.raises(ValidationError) as refused:
        exemplary.review_exemplary_model(model, by=board, state=ExemplaryState.ACCEPTED)

    assert refused.value.messages == ["Chỉ xem xét được mô hình, điển hình đang chờ xem xét (hiện: “Không công nhận”)."]


def test_media_user_submits_for_the_newspaper(city):
    newspaper = OrgUnitFactory(code="HP-BAO", name="Báo Hải Phòng", parent=city["root"])
    journalist = user_with_role("media", newspaper, username="phongvien", full_name="Lê Thu Hà")

    model = submit(journalist, newspaper, kind=ExemplaryKind.GOOD_DEED, subject_name="Anh Trần Văn Nam, xe ôm")

    assert (model.proposing_unit, model.submitted_by) == (newspaper, journalist)


def test_set_publication_of_an_accepted_model(city, le_chan_officer, board):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")
    exemplary.review_exemplary_model(model, by=board, state=ExemplaryState.ACCEPTED)

    model = exemplary.set_publication(model, by=board, publish=True)

    assert list(exemplary.ExemplaryModel.objects.published()) == [model]


def test_set_publication_of_a_model_not_accepted_is_refused(city, le_chan_officer, board):
    model = submit(le_chan_officer, city["le_chan"], subject_name="Tổ dân phố số 5")

    with pytest.raises(ValidationError) as refused:
        exemplary.set_publication(model, by=board, publish=True)

    assert refused.value.message_dict == {"publish": ["Chỉ đăng được mô hình, điển hình đã được công nhận."]}
