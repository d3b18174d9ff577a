"""Print an ``OfficialDocument`` as an editable Word file with python-docx: A4 portrait with the margins of NĐ
30/2020, Times New Roman named on every style and run (NĐ 30 requires it; Word and LibreOffice substitute a
metric-compatible font where it is missing), the header as a two-column borderless table, page numbers centred in the
top margin from page 2 (a PAGE field; the first page has its own, empty header), the appendix on a new page and,
when the document has a ``qr_url``, its QR code (25 mm) at the bottom left after the signature block."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.documents import layout
from thidua.documents.layout import OfficialDocument, Paragraph, Signature, Table
from thidua.documents.qr import qr_png

FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Word pads table cells by 1.9 mm on each side by default: rules inside a cell are centred in what is left.
CELL_PADDING_MM = 1.9
LINE_SPACING = 1.0


def _set_fonts(element, size: float | None = None) -> None:
    """Name Times New Roman for every script of a run or style (w:rFonts ascii, hAnsi, cs, eastAsia): Vietnamese
    letters with two marks fall back to another font in Word when only ascii is set."""
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = r_pr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                r_pr.append(node)
            node.set(qn("w:val"), str(round(size * 2)))


def _border(paragraph, side: str = "top", *, size_eighths: int = 6) -> None:
    """A solid border on one side of a paragraph (the rules of the header and under the subject)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", "000000")):
        edge.set(qn(key), value)
    borders.append(edge)
    # w:pBdr comes before w:spacing, w:ind and w:jc in the schema.
    anchor = next((child for child in p_pr if child.tag in {qn("w:spacing"), qn("w:ind"), qn("w:jc")}), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        p_pr.append(borders)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)


def _no_cell_margins(table) -> None:
    """No left/right padding in the header's cells: the Quốc hiệu fills its column on one line."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def _fixed_widths(table, widths_mm: list[float]) -> None:
    """Column widths Word and LibreOffice both keep (fixed layout, a width on every cell and grid column)."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout_node = OxmlElement("w:tblLayout")
    layout_node.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout_node)
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _row_flag(row, tag: str) -> None:
    """w:tblHeader (repeat the row on every page) or w:cantSplit (never split the row across two pages)."""
    tr_pr = row._tr.get_or_add_trPr()
    node = OxmlElement(f"w:{tag}")
    node.set(qn("w:val"), "true")
    tr_pr.append(node)


def _page_field(paragraph) -> None:
    """A PAGE field (complex field runs, which Word and LibreOffice both update)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        _set_fonts(run._r, layout.PAGE_NUMBER_SIZE)
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            run._r.append(node)
        elif text == " PAGE ":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
            run._r.append(node)
        else:
            run.text = text


class Renderer:
    def __init__(self, doc: OfficialDocument) -> None:
        self.doc = doc
        self.document = Document()

    # --- set-up ------------------------------------------------------------------------------------------------

    def setup(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(layout.MARGIN_TOP_MM), Mm(layout.MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(layout.MARGIN_LEFT_MM), Mm(layout.MARGIN_RIGHT_MM)
        section.header_distance = Mm(10)
        for style in self.document.styles:
            if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
                _set_fonts(style.element)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(layout.BODY_SIZE)
        _set_fonts(normal.element, layout.BODY_SIZE)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = LINE_SPACING
        # The document's language, so that spelling and hyphenation are Vietnamese.
        r_pr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        for key in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(key), "vi-VN")
        r_pr.append(lang)
        properties = self.document.core_properties
        properties.title = " ".join(part for part in (self.doc.kind_title, self.doc.subject) if part).replace("\n", " ")
        properties.author = "Thi Đua"
        properties.subject = self.doc.subject.replace("\n", " ")
        properties.language = "vi-VN"
        self.headers(section)

    def headers(self, section) -> None:
        # NĐ 30: no number on the first page; from page 2, centred in the top margin.
        section.different_first_page_header_footer = True
        first = section.first_page_header.paragraphs[0]
        mark = self.doc.top_mark()
        if mark:
            first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self.run(first, mark, size=12, bold=True)
        later = section.header.paragraphs[0]
        width = Mm(layout.CONTENT_WIDTH_MM)
        later.paragraph_format.tab_stops.add_tab_stop(int(width / 2), WD_TAB_ALIGNMENT.CENTER)
        later.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        self.run(later, "\t", size=layout.PAGE_NUMBER_SIZE)
        _page_field(later)
        if self.doc.draft:
            self.run(later, "\t" + layout.DRAFT_MARK, size=12, bold=True)

    # --- text --------------------------------------------------------------------------------------------------

    def run(self, paragraph, text: str, *, size: float = layout.BODY_SIZE, bold: bool = False,
            italic: bool = False):  # fmt: skip
        """Add ``text`` (line breaks kept) in Times New Roman of ``size`` points."""
        last = None
        for index, line in enumerate(layout.clean(text).split("\n")):
            run = paragraph.add_run()
            if index:
                run.add_break()
            run.add_text(line)
            run.bold, run.italic = bold, italic
            run.font.name = FONT
            run.font.size = Pt(size)
            _set_fonts(run._r, size)
            last = run
        return last

    def para(self, container, text: str, *, size: float = layout.BODY_SIZE, bold: bool = False, italic: bool = False,
             align: str = "left", indent: bool = False, space_after: float = 0, space_before: float = 0,
             reuse: bool = False):  # fmt: skip
        """A paragraph in ``container`` (the document or a cell); ``reuse`` fills the cell's first empty paragraph."""
        paragraph = container.paragraphs[0] if reuse and container.paragraphs else container.add_paragraph()
        paragraph.alignment = ALIGN.get(align, WD_ALIGN_PARAGRAPH.LEFT)
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.space_before = Pt(space_after), Pt(space_before)
        fmt.line_spacing = LINE_SPACING
        if indent:
            fmt.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM)
        self.run(paragraph, text, size=size, bold=bold, italic=italic)
        return paragraph

    def rule(self, container, length_pt: float, column_mm: float, *, padded: bool = True) -> None:
        """A centred solid line ``length_pt`` long, as the top border of a tiny paragraph indented on both sides."""
        paragraph = container.add_paragraph()
        usable = Mm(column_mm - (2 * CELL_PADDING_MM if padded else 0))
        side = max(int((usable - Pt(length_pt)) / 2), 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = side
        fmt.space_before = Pt(4)
        fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(4)
        _border(paragraph, "top")
        self.run(paragraph, "", size=2)

    # --- blocks ------------------------------------------------------------------------------------------------

    def header(self) -> None:
        doc = self.doc
        table = self.document.add_table(rows=2, cols=2)
        _no_borders(table)
        _no_cell_margins(table)
        _fixed_widths(table, [layout.HEADER_LEFT_MM, layout.HEADER_RIGHT_MM])
        left, right = table.cell(0, 0), table.cell(0, 1)
        first = True
        width = layout.HEADER_LEFT_MM - 1
        for line in layout.issuing_lines(doc.parent_body) if doc.parent_body else []:
            size = layout.fit_size(line.upper(), layout.HEADER_SIZE, width)
            self.para(left, line.upper(), size=size, align="center", reuse=first)
            first = False
        body_lines = [line.upper() for line in layout.issuing_lines(doc.issuing_body)]
        sizes = [layout.fit_size(line, layout.HEADER_SIZE, width, bold=True) for line in body_lines]
        for line, size in zip(body_lines, sizes, strict=True):
            self.para(left, line, size=size, bold=True, align="center", reuse=first)
            first = False
        if body_lines:
            widest = max(
                layout.text_width_pt(line, size, bold=True) for line, size in zip(body_lines, sizes, strict=True)
            )
            self.rule(left, widest * 0.4, layout.HEADER_LEFT_MM, padded=False)
        self.para(right, layout.NATIONAL_NAME, size=layout.HEADER_SIZE, bold=True, align="center", reuse=True)
        self.para(right, layout.NATIONAL_MOTTO, size=layout.MOTTO_SIZE, bold=True, align="center")
        self.rule(right, layout.text_width_pt(layout.NATIONAL_MOTTO, layout.MOTTO_SIZE, bold=True),
                  layout.HEADER_RIGHT_MM, padded=False)  # fmt: skip
        self.para(table.cell(1, 0), doc.number_text, size=layout.NUMBER_SIZE, align="center", reuse=True,
                  space_before=4)  # fmt: skip
        self.para(table.cell(1, 1), doc.place_date, size=layout.PLACE_DATE_SIZE, italic=True, align="center",
                  reuse=True, space_before=4)  # fmt: skip

    def title(self) -> None:
        doc = self.doc
        self.para(self.document, doc.kind_title.upper(), size=layout.TITLE_SIZE, bold=True, align="center",
                  space_before=18)  # fmt: skip
        if doc.subject:
            self.para(self.document, doc.subject, size=layout.TITLE_SIZE, bold=True, align="center")
            widest = max(layout.text_width_pt(line, layout.TITLE_SIZE, bold=True) for line in doc.subject.split("\n"))
            self.rule(self.document, min(max(widest / 3, Mm(25).pt), Mm(60).pt), layout.CONTENT_WIDTH_MM,
                      padded=False)  # fmt: skip
        if doc.subtitle:
            self.para(self.document, doc.subtitle, italic=True, align="center")
        self.para(self.document, "", size=6, space_after=6)

    def paragraph(self, block: Paragraph) -> None:
        indent = block.indent_first and block.align in ("justify", "left")
        paragraph = self.document.add_paragraph()
        paragraph.alignment = ALIGN.get(block.align, WD_ALIGN_PARAGRAPH.JUSTIFY)
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(block.space_after)
        fmt.line_spacing = LINE_SPACING
        fmt.page_break_before = block.page_break_before
        if indent:
            fmt.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM)
        if block.lead:
            self.run(paragraph, block.lead, size=block.size, bold=True, italic=block.italic)
        self.run(paragraph, block.text, size=block.size, bold=block.bold, italic=block.italic)

    def table(self, block: Table) -> None:
        if block.title:
            title = self.para(self.document, block.title, size=block.size + 1, bold=True, space_before=4,
                              space_after=3)  # fmt: skip
            title.paragraph_format.keep_with_next = True
        rows = [*block.rows, *([block.footer] if block.footer else [])]
        table = self.document.add_table(rows=1 + len(rows), cols=len(block.header))
        table.style = self.document.styles["Table Grid"]
        _fixed_widths(table, block.widths_mm)
        for row in table.rows:
            _row_flag(row, "cantSplit")
        _row_flag(table.rows[0], "tblHeader")
        aligns = list(block.aligns) + ["left"] * (len(block.header) - len(block.aligns))
        for index, text in enumerate(block.header):
            self.para(table.cell(0, index), text, size=block.size, bold=True, align="center", reuse=True)
        for row_index, row in enumerate(rows, start=1):
            bold = block.footer is not None and row_index == len(rows)
            for index, text in enumerate(row):
                self.para(table.cell(row_index, index), str(text), size=block.size, bold=bold, align=aligns[index],
                          reuse=True)  # fmt: skip
        self.para(self.document, "", size=6)

    def blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.table(block)
            else:
                self.paragraph(block)

    def signature(self, cell, signature: Signature) -> None:
        first = True

        def line(text: str, **style) -> None:
            nonlocal first
            self.para(cell, text, align="center", reuse=first, **style)
            first = False

        if signature.capacity:
            line(signature.capacity.upper(), bold=True)
        if signature.position:
            line(signature.position.upper(), bold=True)
        if signature.note:
            line(signature.note, italic=True, size=layout.NUMBER_SIZE)
        # The space for the signature and the seal.
        space = self.para(cell, "", reuse=first)
        space.paragraph_format.space_after = Mm(layout.SIGNATURE_SPACE_MM)
        first = False
        if signature.name:
            line(signature.name, bold=True)

    def recipients(self, cell) -> None:
        if not self.doc.recipients:
            return
        self.para(cell, "Nơi nhận:", size=layout.RECIPIENTS_TITLE_SIZE, bold=True, italic=True, reuse=True)
        for line in self.doc.recipients:
            self.para(cell, f"- {line}", size=layout.RECIPIENTS_SIZE)

    def closing(self) -> None:
        doc = self.doc
        signatures = doc.signatures[:2]
        if not signatures and not doc.recipients:
            return
        table = self.document.add_table(rows=1, cols=2)
        _no_borders(table)
        if len(signatures) == 2:
            half = layout.CONTENT_WIDTH_MM / 2
            _fixed_widths(table, [half, half])
            self.signature(table.cell(0, 0), signatures[0])
            self.signature(table.cell(0, 1), signatures[1])
            if doc.recipients:
                self.para(self.document, "", size=6)
                cell = self.document.add_table(rows=1, cols=1).cell(0, 0)
                self.recipients(cell)
        else:
            # NĐ 30: "Nơi nhận" at the left, level with the signature block at the right.
            widths = [layout.CONTENT_WIDTH_MM * 0.45, layout.CONTENT_WIDTH_MM * 0.55]
            _fixed_widths(table, widths)
            self.recipients(table.cell(0, 0))
            if signatures:
                self.signature(table.cell(0, 1), signatures[0])
        # The signature block is not split across two pages.
        for row in table.rows:
            _row_flag(row, "cantSplit")

    def appendix(self) -> None:
        appendix = self.doc.appendix
        if appendix is None:
            return
        title = self.para(self.document, appendix.title.upper(), size=layout.TITLE_SIZE, bold=True, align="center")
        title.paragraph_format.page_break_before = True
        if appendix.subtitle:
            self.para(self.document, appendix.subtitle, size=layout.NUMBER_SIZE, italic=True, align="center")
        widest = max(layout.text_width_pt(line, layout.TITLE_SIZE, bold=True) for line in appendix.title.split("\n"))
        self.rule(self.document, min(max(widest / 3, Mm(25).pt), Mm(60).pt), layout.CONTENT_WIDTH_MM, padded=False)
        self.para(self.document, "", size=6)
        self.blocks(appendix.blocks)

    def qr(self) -> None:
        if not self.doc.qr_url:
            return
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.add_run().add_picture(io.BytesIO(qr_png(self.doc.qr_url)), width=Mm(layout.QR_SIZE_MM))

    def render(self) -> bytes:
        self.setup()
        self.header()
        self.title()
        self.blocks(self.doc.body)
        self.closing()
        self.appendix()
        self.qr()
        # python-docx's template starts with one empty paragraph before the header table: drop it.
        body = self.document.element.body
        first = body[0]
        if first.tag == qn("w:p") and not first.xpath(".//w:t"):
            body.remove(first)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as DOCX bytes (Times New Roman named on every style and run)."""
    return Renderer(doc).render()
