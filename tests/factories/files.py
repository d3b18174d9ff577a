"""Small real files for upload tests: each passes (or, for ``fake_pdf``, fails) the content checks of
``thidua.core.uploads``."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "to-trinh.pdf", text: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES + text.encode(), "application/pdf")


def docx_upload(name: str = "to-trinh.docx", text: str = "Tờ trình") -> SimpleUploadedFile:
    """A minimal Word package (enough for the content check, not for Word itself)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<document><body>{text}</body></document>")
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type)


def fake_pdf(name: str = "virus.pdf") -> SimpleUploadedFile:
    """A file named like a PDF that is not one."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is an executable", "application/pdf")
