"""Print an ``OfficialDocument`` as PDF with reportlab: A4 portrait, the margins and sizes of NĐ 30/2020, Liberation
Serif embedded (``fonts.serif_font``), page numbers centred in the top margin from page 2, the appendix on a new page
and, when the document has a ``qr_url``, its QR code (25 mm) at the bottom left of the last page."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, SimpleDocTemplate, Spacer
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle as PdfTableStyle

from thidua.documents import fonts, layout
from thidua.documents.layout import OfficialDocument, Paragraph, Signature, Table
from thidua.documents.qr import draw_qr

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
# Line height as a multiple of the size: Word's single spacing of Times New Roman is about 1.15.
LEADING = 1.18
RULE_THICKNESS = 0.6


class Rule(Flowable):
    """A solid horizontal line ``width`` long, centred in the space it is given (the lines under the issuing body,
    the Tiêu ngữ and the subject)."""

    def __init__(self, width: float, *, space_before: float = 3.5, space_after: float = 2) -> None:
        super().__init__()
        self.rule_width = width
        self.space_before, self.space_after = space_before, space_after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.available_width = available_width
        return available_width, self.space_before + self.space_after

    def draw(self) -> None:
        start = (self.available_width - self.rule_width) / 2
        self.canv.setLineWidth(RULE_THICKNESS)
        self.canv.line(start, self.space_after, start + self.rule_width, self.space_after)


class BottomQR(Flowable):
    """The QR code at the bottom left of the page it lands on: it takes the rest of the frame (or moves to a new page
    when less than its size is left), so it is drawn on the last page, at the bottom margin, never over the text."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url, self.size = url, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        needed = self.size + 2 * mm
        # Slightly less than the space left, so that it fits; more than it when too little is left (next page).
        self.height = available_height - 0.5 if available_height >= needed else needed
        return available_width, self.height

    def draw(self) -> None:
        draw_qr(self.canv, self.url, 0, 0, self.size)


class Styles:
    """Paragraph styles made on demand, one per (size, bold, italic, align, indent, space_after)."""

    def __init__(self) -> None:
        self.cache: dict[tuple, ParagraphStyle] = {}

    def get(self, *, size: float = layout.BODY_SIZE, bold: bool = False, italic: bool = False, align: str = "left",
            indent: bool = False, space_after: float = 0, space_before: float = 0) -> ParagraphStyle:  # fmt: skip
        key = (size, bold, italic, align, indent, space_after, space_before)
        if key not in self.cache:
            self.cache[key] = ParagraphStyle(
                name=f"style{len(self.cache)}",
                fontName=fonts.face(bold=bold, italic=italic),
                fontSize=size,
                leading=size * LEADING,
                alignment=ALIGN.get(align, TA_LEFT),
                firstLineIndent=layout.FIRST_LINE_INDENT_MM * mm if indent else 0,
                spaceAfter=space_after,
                spaceBefore=space_before,
                textColor=black,
            )
        return self.cache[key]


def markup(text: str) -> str:
    """Plain text as reportlab's paragraph markup: escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in layout.clean(text).split("\n"))


class Renderer:
    def __init__(self, doc: OfficialDocument) -> None:
        self.doc = doc
        self.styles = Styles()
        self.content_width = layout.CONTENT_WIDTH_MM * mm

    def para(self, text: str, **style) -> PdfParagraph:
        return PdfParagraph(markup(text), self.styles.get(**style))

    # --- header ------------------------------------------------------------------------------------------------

    def header(self) -> list:
        doc = self.doc
        left: list = []
        width = layout.HEADER_LEFT_MM - 1
        if doc.parent_body:
            for line in layout.issuing_lines(doc.parent_body):
                size = layout.fit_size(line.upper(), layout.HEADER_SIZE, width)
                left.append(self.para(line.upper(), size=size, align="center"))
        body_lines = [line.upper() for line in layout.issuing_lines(doc.issuing_body)]
        sizes = [layout.fit_size(line, layout.HEADER_SIZE, width, bold=True) for line in body_lines]
        for line, size in zip(body_lines, sizes, strict=True):
            left.append(self.para(line, size=size, bold=True, align="center"))
        if body_lines:
            widest = max(
                layout.text_width_pt(line, size, bold=True) for line, size in zip(body_lines, sizes, strict=True)
            )
            left.append(Rule(widest * 0.4))
        right = [
            self.para(layout.NATIONAL_NAME, size=layout.HEADER_SIZE, bold=True, align="center"),
            self.para(layout.NATIONAL_MOTTO, size=layout.MOTTO_SIZE, bold=True, align="center"),
            Rule(layout.text_width_pt(layout.NATIONAL_MOTTO, layout.MOTTO_SIZE, bold=True)),
        ]
        second_left = [self.para(doc.number_text, size=layout.NUMBER_SIZE, align="center")] if doc.number_text else []
        second_right = (
            [self.para(doc.place_date, size=layout.PLACE_DATE_SIZE, italic=True, align="center")]
            if doc.place_date
            else []
        )
        table = PdfTable(
            [[left, right], [second_left, second_right]],
            colWidths=[layout.HEADER_LEFT_MM * mm, layout.HEADER_RIGHT_MM * mm],
        )
        table.setStyle(PdfTableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.face()),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 1), (-1, 1), 4),
        ]))  # fmt: skip
        return [table]

    def title(self) -> list:
        doc = self.doc
        flowables: list = [Spacer(1, 8 * mm)]
        flowables.append(self.para(doc.kind_title.upper(), size=layout.TITLE_SIZE, bold=True, align="center"))
        if doc.subject:
            flowables.append(self.para(doc.subject, size=layout.TITLE_SIZE, bold=True, align="center"))
            lines = doc.subject.split("\n")
            widest = max(layout.text_width_pt(line, layout.TITLE_SIZE, bold=True) for line in lines)
            flowables.append(Rule(min(max(widest / 3, 25 * mm), 60 * mm), space_before=4, space_after=4))
        if doc.subtitle:
            flowables.append(self.para(doc.subtitle, size=layout.BODY_SIZE, italic=True, align="center"))
        flowables.append(Spacer(1, 4 * mm))
        return flowables

    # --- body --------------------------------------------------------------------------------------------------

    def paragraph(self, block: Paragraph) -> PdfParagraph:
        indent = block.indent_first and block.align in ("justify", "left")
        style = self.styles.get(size=block.size, bold=block.bold, italic=block.italic, align=block.align,
                                indent=indent, space_after=block.space_after)  # fmt: skip
        text = markup(block.text)
        if block.lead:
            text = f'<font name="{fonts.face(bold=True, italic=block.italic)}">{markup(block.lead)}</font>{text}'
        return PdfParagraph(text, style)

    def table(self, block: Table) -> list:
        flowables: list = []
        if block.title:
            # The title never ends a page alone: a new page unless it and a few rows fit (a long table still splits).
            flowables.append(CondPageBreak(35 * mm))
            flowables.append(self.para(block.title, size=block.size + 1, bold=True, align="left", space_before=4,
                                       space_after=3))  # fmt: skip
        aligns = list(block.aligns) + ["left"] * (len(block.header) - len(block.aligns))
        head = [self.para(text, size=block.size, bold=True, align="center") for text in block.header]
        rows = [
            [self.para(str(text), size=block.size, align=aligns[index]) for index, text in enumerate(row)]
            for row in block.rows
        ]
        if block.footer:
            rows.append([self.para(str(text), size=block.size, bold=True, align=aligns[index])
                         for index, text in enumerate(block.footer)])  # fmt: skip
        table = PdfTable([head, *rows], colWidths=[width * mm for width in block.widths_mm], repeatRows=1)
        table.setStyle(PdfTableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, black), ("FONTNAME", (0, 0), (-1, -1), fonts.face()),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"), ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))  # fmt: skip
        flowables.append(table)
        flowables.append(Spacer(1, 4))
        return flowables

    def blocks(self, blocks: list) -> list:
        flowables: list = []
        for block in blocks:
            if isinstance(block, Table):
                flowables += self.table(block)
            else:
                if block.page_break_before:
                    flowables.append(PageBreak())
                flowables.append(self.paragraph(block))
        return flowables

    # --- signatures, recipients --------------------------------------------------------------------------------

    def signature(self, signature: Signature) -> list:
        cell: list = []
        if signature.capacity:
            cell.append(self.para(signature.capacity.upper(), size=layout.BODY_SIZE, bold=True, align="center"))
        if signature.position:
            cell.append(self.para(signature.position.upper(), size=layout.BODY_SIZE, bold=True, align="center"))
        if signature.note:
            cell.append(self.para(signature.note, size=layout.NUMBER_SIZE, italic=True, align="center"))
        cell.append(Spacer(1, layout.SIGNATURE_SPACE_MM * mm))
        if signature.name:
            cell.append(self.para(signature.name, size=layout.BODY_SIZE, bold=True, align="center"))
        return cell

    def recipients(self) -> list:
        if not self.doc.recipients:
            return []
        cell = [self.para("Nơi nhận:", size=layout.RECIPIENTS_TITLE_SIZE, bold=True, italic=True)]
        cell += [self.para(f"- {line}", size=layout.RECIPIENTS_SIZE) for line in self.doc.recipients]
        return cell

    def closing(self) -> list:
        doc = self.doc
        signatures = doc.signatures[:2]
        half = self.content_width / 2
        style = PdfTableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.face()),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])  # fmt: skip
        flowables: list = [Spacer(1, 3 * mm)]
        if len(signatures) == 2:
            table = PdfTable([[self.signature(signatures[0]), self.signature(signatures[1])]], colWidths=[half, half])
            table.setStyle(style)
            flowables.append(KeepTogether([table]))
            if doc.recipients:
                flowables += [Spacer(1, 4 * mm), KeepTogether(self.recipients())]
        elif signatures or doc.recipients:
            # NĐ 30: "Nơi nhận" at the left, level with the signature block at the right.
            right = self.signature(signatures[0]) if signatures else []
            table = PdfTable([[self.recipients(), right]], colWidths=[self.content_width * 0.45,
                                                                      self.content_width * 0.55])  # fmt: skip
            table.setStyle(style)
            flowables.append(KeepTogether([table]))
        return flowables

    # --- appendix ----------------------------------------------------------------------------------------------

    def appendix(self) -> list:
        appendix = self.doc.appendix
        if appendix is None:
            return []
        flowables: list = [PageBreak()]
        flowables.append(self.para(appendix.title.upper(), size=layout.TITLE_SIZE, bold=True, align="center"))
        if appendix.subtitle:
            flowables.append(self.para(appendix.subtitle, size=layout.NUMBER_SIZE, italic=True, align="center"))
        widest = max(layout.text_width_pt(line, layout.TITLE_SIZE, bold=True) for line in appendix.title.split("\n"))
        flowables.append(Rule(min(max(widest / 3, 25 * mm), 60 * mm), space_before=4, space_after=8))
        return flowables + self.blocks(appendix.blocks)

    # --- pages -------------------------------------------------------------------------------------------------

    def first_page(self, canvas, template) -> None:
        mark = self.doc.top_mark()
        if mark:
            canvas.saveState()
            canvas.setFont(fonts.face(bold=True), 12)
            canvas.drawRightString(A4[0] - layout.MARGIN_RIGHT_MM * mm, A4[1] - 12 * mm, mark)
            canvas.restoreState()

    def later_page(self, canvas, template) -> None:
        # NĐ 30: page numbers centred in the top margin, none on the first page.
        canvas.saveState()
        canvas.setFont(fonts.face(), layout.PAGE_NUMBER_SIZE)
        centre = layout.MARGIN_LEFT_MM * mm + self.content_width / 2
        canvas.drawCentredString(centre, A4[1] - 12 * mm, str(canvas.getPageNumber()))
        if self.doc.draft:
            canvas.setFont(fonts.face(bold=True), 12)
            canvas.drawRightString(A4[0] - layout.MARGIN_RIGHT_MM * mm, A4[1] - 12 * mm, layout.DRAFT_MARK)
        canvas.restoreState()

    def render(self) -> bytes:
        fonts.serif_font()
        buffer = io.BytesIO()
        doc = self.doc
        title = " ".join(part for part in (doc.kind_title, doc.subject) if part).replace("\n", " ")
        template = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=layout.MARGIN_LEFT_MM * mm, rightMargin=layout.MARGIN_RIGHT_MM * mm,
            topMargin=layout.MARGIN_TOP_MM * mm, bottomMargin=layout.MARGIN_BOTTOM_MM * mm, title=title,
            author=" ".join(layout.issuing_lines(doc.issuing_body)), subject=doc.subject.replace("\n", " "),
            creator="Thi Đua", lang="vi-VN",
            # The canvas starts in the embedded face, so the PDF names no other (non-embedded) font.
            initialFontName=fonts.face(), initialFontSize=layout.BODY_SIZE,
        )  # fmt: skip
        story = [*self.header(), *self.title(), *self.blocks(doc.body), *self.closing(), *self.appendix()]
        if doc.qr_url:
            story.append(BottomQR(doc.qr_url, layout.QR_SIZE_MM * mm))
        template.build(story, onFirstPage=self.first_page, onLaterPages=self.later_page)
        return buffer.getvalue()


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF bytes (Liberation Serif embedded)."""
    return Renderer(doc).render()
