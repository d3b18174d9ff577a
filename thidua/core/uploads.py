"""Uploaded files: checked by their content (not their name or the browser's word), limited in size, stored under a
random name, and kept as ``StoredFile`` rows that the owning domain object points to.

Every upload goes through ``store_upload``: it validates first and writes only a file that passed, so a bad file
leaves nothing behind. A service that stores several files calls ``validate_upload`` on all of them before it stores
any, and ``discard`` on those it stored when its transaction fails after all.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

# What each kind of file is, as the system names it to users, with its canonical extension and MIME type.
KINDS: dict[str, tuple[str, str, str]] = {
    "pdf": ("PDF", ".pdf", "application/pdf"),
    "docx": ("DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("XLSX", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpeg": ("JPEG", ".jpg", "image/jpeg"),
    "png": ("PNG", ".png", "image/png"),
    # Made by the system only (never accepted as an upload: no allow-list names them).
    "zip": ("ZIP", ".zip", "application/zip"),
    "csv": ("CSV", ".csv", "text/csv"),
}
DOCUMENTS = frozenset({"pdf", "docx"})
ATTACHMENTS = frozenset({"pdf", "docx", "xlsx", "jpeg", "png"})
IMAGES = frozenset({"jpeg", "png"})
MAX_NAME_LENGTH = 150
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")
# Pillow refuses images above this many pixels (a decompression bomb in a small file).
MAX_IMAGE_PIXELS = 60_000_000


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    kind: str
    name: str  # the sanitised name to show and to download under
    size: int
    sha256: str

    @property
    def content_type(self) -> str:
        return KINDS[self.kind][2]


def max_upload_bytes() -> int:
    return int(getattr(settings, "THIDUA_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def safe_filename(name: str, extension: str = "") -> str:
    """A name fit to show and to send back: NFC, no folders, no control or reserved characters, bounded length.

    Vietnamese letters are kept (officers name files in Vietnamese); ``extension``, when given, replaces the
    typed one, so the name always says what the content is."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _SPACES.sub(" ", _UNSAFE_CHARS.sub(" ", name)).strip(" .")
    stem, typed_extension = os.path.splitext(name)
    extension = extension or typed_extension.lower()
    stem = stem.strip(" .")[: MAX_NAME_LENGTH - len(extension)] or _("tep")
    return f"{stem}{extension}"


def sniff_kind(data: bytes, stream) -> str | None:
    """The kind of a file from its first bytes (and, for Office files, the parts inside the zip)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def _image_is_readable(stream) -> bool:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        stream.seek(0)
        with Image.open(stream) as image:
            image.verify()
        return True
    except Exception:  # Pillow raises many kinds for a broken or hostile image; all mean "not an image we keep".
        return False


def validate_upload(upload: UploadedFile, *, allowed: frozenset[str], field: str) -> CheckedUpload:
    """Check one upload; raise a ValidationError naming ``field`` and the file, in Vietnamese, when it is refused."""
    shown = safe_filename(upload.name or "")
    allowed_names = ", ".join(KINDS[kind][0] for kind in sorted(allowed))

    def refuse(message: str) -> ValidationError:
        return ValidationError({field: [message]})

    size = upload.size or 0
    if size == 0:
        raise refuse(_("Tệp “%(name)s” rỗng.") % {"name": shown})
    limit = max_upload_bytes()
    if size > limit:
        raise refuse(
            _("Tệp “%(name)s” lớn %(size).1f MB, vượt giới hạn %(limit)d MB.")
            % {"name": shown, "size": size / 1024 / 1024, "limit": limit // 1024 // 1024}
        )
    upload.seek(0)
    head = upload.read(8)
    data = head + upload.read()  # bounded by the size check above
    stream = io.BytesIO(data)
    kind = sniff_kind(head, stream)
    if kind is None or kind not in allowed:
        raise refuse(
            _(
                "Tệp “%(name)s” không phải là loại được phép (%(allowed)s): hệ thống kiểm tra nội dung tệp, không chỉ "
                "phần đuôi tên."
            )
            % {"name": shown, "allowed": allowed_names}
        )
    if kind in IMAGES and not _image_is_readable(stream):
        raise refuse(_("Tệp ảnh “%(name)s” bị hỏng hoặc không đọc được.") % {"name": shown})
    upload.seek(0)
    return CheckedUpload(
        upload=upload,
        kind=kind,
        name=safe_filename(upload.name or "", KINDS[kind][1]),
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def store_upload(checked: CheckedUpload | UploadedFile, *, by, allowed: frozenset[str] = ATTACHMENTS,
                 field: str = "file"):  # fmt: skip
    """Validate (unless already checked) and store one upload; return its ``StoredFile`` row."""
    if not isinstance(checked, CheckedUpload):
        checked = validate_upload(checked, allowed=allowed, field=field)
    checked.upload.seek(0)
    return _store(checked.upload, name=checked.name, kind=checked.kind, size=checked.size, sha256=checked.sha256,
                  by=by)  # fmt: skip


def store_generated(data: bytes, *, name: str, kind: str, by):
    """Bytes the system made or already checked (``kind`` a key of ``KINDS``) as a ``StoredFile``, the same row an
    upload makes, so the same views serve it."""
    return _store(ContentFile(data), name=name, kind=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                  by=by)  # fmt: skip


def _store(content, *, name: str, kind: str, size: int, sha256: str, by):
    """Write the bytes under a fresh id, then the row; if the row fails, the bytes go too."""
    from thidua.core.models import StoredFile

    stored = StoredFile(id=uuid.uuid4(), name=name, kind=kind, content_type=KINDS[kind][2], size=size, sha256=sha256,
                        uploaded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    stored.file.save(f"{stored.id.hex}{KINDS[kind][1]}", content, save=False)
    try:
        stored.save()
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored


def discard(stored_files) -> None:
    """Delete the bytes of files whose rows were rolled back (call from the service's ``except``)."""
    for stored in stored_files:
        if stored is not None and stored.file:
            stored.file.delete(save=False)


def file_response(stored, *, inline: bool = False) -> FileResponse:
    """Send a stored file under its sanitised name (RFC 6266 handles the Vietnamese letters)."""
    response = FileResponse(stored.file.open("rb"), as_attachment=not inline, filename=stored.name,
                            content_type=stored.content_type)  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response
