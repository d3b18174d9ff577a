"""Every kind of document (tờ trình, biên bản kiểm phiếu, báo cáo thành tích, quyết định, giấy xác nhận) in both
formats: the DOCX opens with python-docx, prints the names with their diacritics and names Times New Roman; the PDF's
text (pypdf) holds the same names and the PDF embeds Liberation Serif and no other font. The page is NĐ 30's: A4
portrait, margins 20/20/30/15 mm, numbers centred at the top from page 2, the appendix on a new page."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.documents.kinds import KINDS, build, names_of
from tests.documents.reading import (
    docx_run_fonts,
    docx_text,
    open_docx,
    pdf_fonts,
    pdf_operators,
    pdf_reader,
    pdf_text,
    squeeze,
)
from thidua.documents.docx import render_docx
from thidua.documents.layout import OfficialDocument, Paragraph, Signature
from thidua.documents.pdf import render_pdf

pytestmark = pytest.mark.django_db

TIMES = "Times New Roman"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_as_docx_opens_with_python_docx_and_prints_the_names(kind, request):
    text = docx_text(render_docx(build(kind, request)))
    assert [name for name in names_of(kind) if name not in text] == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_as_docx_names_times_new_roman_on_its_styles_and_runs(kind, request):
    data = render_docx(build(kind, request))
    normal = open_docx(data).styles["Normal"]
    assert (normal.font.name, docx_run_fonts(data)) == (TIMES, {TIMES})


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_as_pdf_holds_the_names_with_their_diacritics(kind, request):
    text = pdf_text(render_pdf(build(kind, request)))
    assert [name for name in names_of(kind) if name not in text] == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_as_pdf_embeds_liberation_serif_and_no_other_font(kind, request):
    fonts = pdf_fonts(render_pdf(build(kind, request)))
    others = [name for name in fonts if not name.startswith("LiberationSerif")]
    assert ("LiberationSerif" in fonts, "LiberationSerif-Bold" in fonts, others, all(fonts.values())) == (
        True, True, [], True,
    )  # fmt: skip


def test_a_pdf_page_is_a4_portrait(signed_decision):
    from thidua.decisions.documents import decision_document

    box = pdf_reader(render_pdf(decision_document(signed_decision))).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_a_docx_section_is_a4_portrait_with_the_margins_of_nd_30(signed_decision):
    from thidua.decisions.documents import decision_document

    section = open_docx(render_docx(decision_document(signed_decision))).sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]  # fmt: skip
    assert [round(size.mm) for size in sizes] == [210, 297, 20, 20, 30, 15]


def long_document() -> OfficialDocument:
    body = [
        Paragraph(f"Đoạn văn thứ {number} của văn bản nhiều trang, có dấu tiếng Việt đầy đủ.") for number in range(80)
    ]
    return OfficialDocument(issuing_body="SỞ NỘI VỤ", kind_title="BÁO CÁO", subject="Tổng kết công tác", body=body,
                            signatures=[Signature(position="GIÁM ĐỐC", name="Phạm Thị Hương")])  # fmt: skip


def test_pdf_page_numbers_start_on_page_two_at_the_top():
    pages = pdf_reader(render_pdf(long_document())).pages
    firsts = [squeeze(page.extract_text()).split(" ")[0] for page in pages]
    assert (len(pages) > 2, firsts[0], firsts[1:]) == (True, "SỞ", [str(n) for n in range(2, len(pages) + 1)])


def test_docx_numbers_pages_in_the_top_margin_except_the_first():
    section = open_docx(render_docx(long_document())).sections[0]

    def fields(header) -> list[str]:
        return [node.text.strip() for node in header._element.iter(qn("w:instrText"))]

    assert (section.different_first_page_header_footer, fields(section.first_page_header), fields(section.header)) == (
        True,
        [],
        ["PAGE"],
    )


def test_the_appendix_starts_on_a_new_page_in_both_formats(signed_decision):
    from thidua.decisions.documents import decision_document

    doc = decision_document(signed_decision)
    pages = pdf_reader(render_pdf(doc)).pages
    breaking = [paragraph.text for paragraph in open_docx(render_docx(doc)).paragraphs
                if paragraph.paragraph_format.page_break_before]  # fmt: skip
    assert ("DANH SÁCH" in pages[0].extract_text(), squeeze(pages[1].extract_text()).startswith("2 DANH SÁCH"),
            breaking) == (False, True, ["DANH SÁCH\nCÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"])  # fmt: skip


def test_a_document_with_a_verification_address_carries_a_25_mm_qr_code(extract):
    from thidua.decisions.documents import extract_document

    doc = extract_document(extract)
    shapes = open_docx(render_docx(doc)).inline_shapes
    without = OfficialDocument(**{**doc.__dict__, "qr_url": ""})
    squares = [pdf_operators(render_pdf(item)).count(b" re") for item in (doc, without)]

    assert ([round(shape.width / Mm(1)) for shape in shapes], squares[0] > squares[1] + 100) == ([25], True)


def test_a_draft_is_marked_at_the_top_and_a_signed_decision_is_not(draft_decision, signed_decision):
    from thidua.decisions.documents import decision_document

    texts = [pdf_text(render_pdf(decision_document(decision))) for decision in (draft_decision, signed_decision)]
    assert ["DỰ THẢO" in text for text in texts] == [True, False]


def test_control_characters_typed_into_a_field_do_not_break_either_format():
    doc = OfficialDocument(issuing_body="SỞ NỘI VỤ", kind_title="BÁO CÁO",
                           body=[Paragraph("Thành tích\x0b xuất sắc\x07 của Phạm\x00 Thị Hương")])  # fmt: skip
    assert ("Thành tích xuất sắc của Phạm Thị Hương" in docx_text(render_docx(doc)),
            "Thành tích xuất sắc của Phạm Thị Hương" in pdf_text(render_pdf(doc))) == (True, True)  # fmt: skip
