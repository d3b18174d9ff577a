"""Send a generated document as a download: ``document_response(doc, "docx" | "pdf")``, under its Vietnamese file
name (RFC 6266 ``filename*`` keeps the letters; ``core.uploads.safe_filename`` takes out what a file name cannot
hold, a "/" of a document number included)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from thidua.core.uploads import KINDS, safe_filename
from thidua.documents.layout import OfficialDocument

FORMATS = ("docx", "pdf")


def render(doc: OfficialDocument, fmt: str) -> bytes:
    """The document's bytes in ``fmt`` (docx or pdf)."""
    if fmt == "docx":
        from thidua.documents.docx import render_docx

        return render_docx(doc)
    if fmt == "pdf":
        from thidua.documents.pdf import render_pdf

        return render_pdf(doc)
    raise ValueError(fmt)


def file_name(doc: OfficialDocument, fmt: str) -> str:
    """ "Quyết định 12-QĐ-UBND.pdf": the document's stem (or its title) made safe, with the format's extension."""
    stem = doc.file_stem or " ".join(part for part in (doc.kind_title.capitalize(), doc.subject) if part)
    return safe_filename(stem.replace("/", "-").replace("\\", "-"), KINDS[fmt][1])


def document_response(doc: OfficialDocument, fmt: str) -> HttpResponse:
    """The document rendered in ``fmt`` as an attachment; 404 for a format other than docx and pdf."""
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(render(doc, fmt), content_type=KINDS[fmt][2])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name(doc, fmt))
    response["X-Content-Type-Options"] = "nosniff"
    # Generated from data that may change (a draft, a dossier being prepared): never served from a cache.
    response["Cache-Control"] = "private, no-store"
    return response
