"""Reading generated files back as their users' software does: DOCX with python-docx, PDF with pypdf."""

from __future__ import annotations

import io
import re

import pypdf
from docx import Document
from docx.oxml.ns import qn


def squeeze(text: str) -> str:
    """Whitespace (line breaks of wrapped lines, no-break blanks) as single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    """Every paragraph of the body, of every table cell (nested ones too) and of the page headers, in order."""
    document = open_docx(data)
    body = document.element.body
    texts = ["".join(node.text or "" for node in paragraph.iter(qn("w:t"))) for paragraph in body.iter(qn("w:p"))]
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            texts += [paragraph.text for paragraph in header.paragraphs]
    return squeeze("\n".join(texts))


def docx_run_fonts(data: bytes) -> set[str]:
    """The fonts named by the runs of the body (w:rFonts ascii and hAnsi)."""
    document = open_docx(data)
    fonts = set()
    for fonts_node in document.element.body.iter(qn("w:rFonts")):
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            value = fonts_node.get(qn(attribute))
            if value:
                fonts.add(value)
    return fonts


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return squeeze("\n".join(page.extract_text() for page in pdf_reader(data).pages))


def pdf_operators(data: bytes) -> bytes:
    """The decompressed content streams of every page (what is drawn)."""
    return b"\n".join(page.get_contents().get_data() for page in pdf_reader(data).pages)


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Every font the pages use: its name without the subset prefix → whether its file is embedded."""
    fonts: dict[str, bool] = {}
    for page in pdf_reader(data).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = re.sub(r"^/?([A-Z]{6}\+)?", "", str(font.get("/BaseFont", "")))
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[name] = fonts.get(name, False) or embedded
    return fonts
