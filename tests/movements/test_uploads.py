"""core.uploads as the movements use it: types by content, the size limit, sanitised names, and a refused file that
leaves nothing behind (no StoredFile row, no bytes in storage)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.movements.conftest import fake_upload, pdf_upload, png_upload
from thidua.core.models import StoredFile
from thidua.core.uploads import ATTACHMENTS, DOCUMENTS, IMAGES, safe_filename, store_upload, validate_upload

pytestmark = pytest.mark.django_db


def office_upload(name: str, main_part: str) -> SimpleUploadedFile:
    """A minimal Office file: a zip with [Content_Types].xml and its main part (word/ or xl/)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def stored_paths(folder: str = "") -> set[str]:
    folders, files = default_storage.listdir(folder)
    found = {f"{folder}/{name}".lstrip("/") for name in files}
    for sub in folders:
        found |= stored_paths(f"{folder}/{sub}".lstrip("/"))
    return found


def refusal(upload, allowed=ATTACHMENTS, field="attachments") -> list[str]:
    with pytest.raises(ValidationError) as error:
        validate_upload(upload, allowed=allowed, field=field)
    return error.value.message_dict[field]


@pytest.mark.parametrize(
    ("upload", "kind"),
    [
        (pdf_upload("a.pdf"), "pdf"),
        (png_upload("a.png"), "png"),
        (office_upload("a.docx", "word/document.xml"), "docx"),
        (office_upload("a.xlsx", "xl/workbook.xml"), "xlsx"),
    ],
)
def test_upload_kind_comes_from_the_content(upload, kind):
    assert validate_upload(upload, allowed=ATTACHMENTS, field="attachments").kind == kind


def test_upload_kind_ignores_a_misleading_name():
    checked = validate_upload(pdf_upload("bao-cao.docx"), allowed=DOCUMENTS, field="document")

    assert (checked.kind, checked.name, checked.content_type) == ("pdf", "bao-cao.pdf", "application/pdf")


def test_upload_of_a_disguised_file_is_refused_naming_the_file_and_the_allowed_types():
    assert refusal(fake_upload("ke-hoach.pdf"), DOCUMENTS, "plan_document") == [
        "Tệp “ke-hoach.pdf” không phải là loại được phép (DOCX, PDF): hệ thống kiểm tra nội dung tệp, không chỉ phần "
        "đuôi tên."
    ]


def test_upload_of_an_allowed_type_in_the_wrong_place_is_refused():
    assert refusal(pdf_upload("anh.pdf"), IMAGES, "photos")[0].startswith(
        "Tệp “anh.pdf” không phải là loại được phép (JPEG, PNG)"
    )


def test_upload_of_a_zip_that_is_not_an_office_file_is_refused():
    assert refusal(office_upload("tai-lieu.docx", "other.xml"))[0].startswith("Tệp “tai-lieu.docx” không phải")


def test_upload_of_a_broken_image_is_refused():
    broken = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)

    assert refusal(broken, IMAGES, "photos") == ["Tệp ảnh “anh.png” bị hỏng hoặc không đọc được."]


def test_upload_of_an_empty_file_is_refused():
    assert refusal(SimpleUploadedFile("rong.pdf", b"")) == ["Tệp “rong.pdf” rỗng."]


def test_upload_above_the_size_limit_is_refused(settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))

    assert refusal(big) == ["Tệp “lon.pdf” lớn 1.0 MB, vượt giới hạn 1 MB."]


def test_upload_at_the_size_limit_is_accepted(settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1
    exact = SimpleUploadedFile("vua.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 9))

    assert validate_upload(exact, allowed=DOCUMENTS, field="document").size == 1024 * 1024


@pytest.mark.parametrize(
    ("typed", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\lan\\Báo cáo.pdf", "Báo cáo.pdf"),
        ('Kế hoạch <số 1>: "mới"?.pdf', "Kế hoạch số 1 mới.pdf"),
        ("  .ẩn.pdf  ", "ẩn.pdf"),
        ("Ke\u0302\u0301 hoa\u0323ch.pdf", "Kế hoạch.pdf"),  # decomposed letters are composed (NFC)
    ],
)
def test_upload_names_are_sanitised(typed, safe):
    assert validate_upload(pdf_upload(typed), allowed=DOCUMENTS, field="document").name == safe


def test_upload_names_are_bounded():
    assert len(safe_filename("a" * 400 + ".pdf")) == 150


def test_stored_upload_is_a_row_under_a_random_name(le_chan_officer):
    before = stored_paths()

    stored = store_upload(pdf_upload("Kế hoạch.pdf"), by=le_chan_officer, allowed=DOCUMENTS, field="document")

    [path] = stored_paths() - before
    assert (stored.name, stored.size, stored.uploaded_by) == ("Kế hoạch.pdf", 45, le_chan_officer)
    assert path == stored.file.name
    assert path.endswith(f"{stored.pk.hex}.pdf")


def test_refused_upload_stores_nothing():
    before = stored_paths()

    with pytest.raises(ValidationError) as error:
        store_upload(fake_upload("ke-hoach.pdf"), by=None, allowed=DOCUMENTS, field="document")

    assert list(error.value.message_dict) == ["document"]
    assert (StoredFile.objects.count(), stored_paths()) == (0, before)
