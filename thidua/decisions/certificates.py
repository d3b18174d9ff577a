"""Certificates (bằng khen, giấy khen, giấy chứng nhận danh hiệu) of a signed decision, as PDF.

One page per certificate, the page size and every position taken from its ``CertificateLayout`` (millimetres; y from
the top edge of the sheet, to the baseline of a text's first line). Two modes:

- **full** (in đầy đủ mẫu): the whole design on white paper, as NĐ 50/2006 (Điều 28) and NĐ 85/2014 describe a
  Bằng khen: an ornamental frame, the national emblem at the top centre, the Quốc hiệu and Tiêu ngữ, the issuing
  authority (red), "TẶNG" (black), the title "BẰNG KHEN" (red), the recipient, their unit and achievement; at the
  bottom left the decision number and date and the register number (số vào sổ), at the bottom right the place and
  date, the signer and the space for the signature and seal; the QR code of the public verification page at a corner.
- **blank** (in trên phôi): only what changes from one certificate to the next, at the ``blank_fields`` positions an
  administrator calibrates with ``test_page`` for the office's pre-printed official blanks (phôi bằng).

A reissue (cấp lại) prints the same certificate again, same register number, with the mark "Cấp lại lần n ngày …".
The static design of a layout (frame, emblem, Quốc hiệu, authority, title) is drawn once per document as a PDF form
XObject and placed on each page, so a batch of 1,000 pages stays small and fast.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.rules import BOARD_ROLES, CLERK_ROLES, holds_role_at
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import AwardKind
from thidua.decisions.enums import PrintMode
from thidua.decisions.models import Certificate, CertificateLayout, CertificateReissue, DecisionItem
from thidua.documents import fonts, vn
from thidua.documents.layout import NATIONAL_MOTTO, NATIONAL_NAME
from thidua.documents.qr import QUIET_MODULES, qr_matrix
from thidua.orgs.models import Gender
from thidua.records.models import period_label

# The variable fields of a certificate, in the order the calibration page lists them. Each layout places those it
# prints; "qr" takes {"x", "y", "size"} in millimetres (top-left corner).
FIELDS: dict[str, Any] = {
    "award_line": gettext_lazy("Dòng “TẶNG” / “TRUY TẶNG”"),
    "award_name": gettext_lazy("Tên danh hiệu (giấy chứng nhận)"),
    "recipient_name": gettext_lazy("Người, tập thể được khen"),
    "position_unit": gettext_lazy("Chức vụ, đơn vị"),
    "achievement": gettext_lazy("Thành tích"),
    "decision_line": gettext_lazy("Số, ngày quyết định"),
    "serial": gettext_lazy("Số vào sổ"),
    "reissue_mark": gettext_lazy("Dấu cấp lại"),
    "place_date": gettext_lazy("Địa danh, ngày tháng năm"),
    "signer": gettext_lazy("Người ký (thẩm quyền, chức vụ, họ tên)"),
    "qr": gettext_lazy("Mã QR xác thực"),
}
# The fixed design of the full mode (pre-printed on a blank): frame, emblem, Quốc hiệu, Tiêu ngữ, authority, title.
DESIGN = ("frame", "emblem", "national_name", "motto", "authority", "title")
ALIGNS = ("left", "center", "right")

# Verification codes: 12 characters of an alphabet without the look-alikes 0/O and 1/I (read aloud, typed from
# paper): 60 random bits. Extract codes add the prefix "X" (13 characters), so the two kinds never share a code.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
EXTRACT_PREFIX = "X"

MM = 72 / 25.4  # points per millimetre
RED = (0.72, 0.07, 0.09)
GOLD = (0.78, 0.60, 0.16)
BLACK = (0, 0, 0)
# The smallest a text may shrink to fit its box, as a share of its size.
MIN_SHRINK = 0.6

REISSUE_ROLES = BOARD_ROLES | CLERK_ROLES
register_action_label("decisions.certificate.reissued", gettext_lazy("Cấp lại bằng, giấy khen"))


def new_code() -> str:
    """A certificate's verification code (what its QR code carries)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """A code as typed from paper: case, spaces and dashes do not matter."""
    return "".join(code.split()).replace("-", "").upper()


def verify_url(code: str) -> str:
    """The public address of the verification page of ``code`` (what the QR code encodes)."""
    return settings.THIDUA_SITE_URL.rstrip("/") + reverse("verify", args=[code])


def qr_url(certificate: Certificate) -> str:
    return verify_url(certificate.code)


# --- What a certificate says ------------------------------------------------------------------------------------
# The words printed on a certificate are the official document's, in Vietnamese whatever language the user reads
# the site in (as thidua.documents prints them): plain strings, not messages to translate.


@dataclass
class Sheet:
    """One page to print: the layout, the authority's line, and the text of every variable field."""

    layout: CertificateLayout
    authority_line: str
    values: dict[str, Any] = field(default_factory=dict)
    posthumous: bool = False


def authority_line(authority) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG": the head who gives the certificate, then the body."""
    body = " ".join(authority.issuing_body.split()).upper()
    title = " ".join((authority.signer_title or "").split()).upper()
    if not title or body.startswith(title):
        return body
    return f"{title} {body}"


def recipient_line(item: DecisionItem) -> str:
    """A person is named with "Ông" / "Bà" when the snapshot knows the gender; a collective or household as is."""
    name = " ".join(item.recipient_name.split())
    if item.person_id:
        if item.gender == Gender.MALE:
            return f"Ông {name}"
        if item.gender == Gender.FEMALE:
            return f"Bà {name}"
    return name


def position_unit_line(item: DecisionItem) -> str:
    parts = [" ".join(part.split()) for part in (item.position, item.unit_name) if part and part.strip()]
    parts = [part for part in parts if part != item.recipient_name]
    return ", ".join(parts)


def achievement_line(item: DecisionItem) -> str:
    if item.award_type.kind == AwardKind.TITLE:
        period = period_label(item.period_kind, item.year)
        return capfirst(period) if not period[:1].isdigit() else f"Năm {period}"
    text = " ".join((item.achievement or "").split())
    if not text:
        return f"Đã có thành tích xuất sắc trong công tác năm {item.year}."
    return text


def award_line(item: DecisionItem) -> str:
    if item.award_type.kind == AwardKind.TITLE:
        return "TRUY TẶNG DANH HIỆU" if item.posthumous else "TẶNG DANH HIỆU"
    return "TRUY TẶNG" if item.posthumous else "TẶNG"


def decision_line(decision) -> str:
    return f"Quyết định số {decision.number_text} ngày {vn.short_date(decision.signed_on)}"


def serial_line(certificate: Certificate) -> str:
    return f"Số vào sổ: {certificate.serial_text}"


def reissue_line(reissue: CertificateReissue) -> str:
    return f"Cấp lại lần {reissue.sequence} ngày {vn.short_date(reissue.reissued_on)}"


def sheet_for(certificate: Certificate, layout: CertificateLayout, reissue: CertificateReissue | None = None) -> Sheet:
    item = certificate.decision_item
    decision = item.decision
    authority = decision.authority
    values = {
        "award_line": award_line(item),
        "award_name": item.award_type.name.upper() if item.award_type.kind == AwardKind.TITLE else "",
        "recipient_name": recipient_line(item),
        "position_unit": position_unit_line(item),
        "achievement": achievement_line(item),
        "decision_line": decision_line(decision),
        "serial": serial_line(certificate),
        "reissue_mark": reissue_line(reissue) if reissue is not None else "",
        "place_date": vn.place_date(authority.place_name, decision.signed_on),
        "signer": (decision.signing_capacity, decision.signer_position, decision.signer_name),
        "qr": qr_url(certificate),
    }
    return Sheet(layout=layout, authority_line=authority_line(authority), values=values, posthumous=item.posthumous)


def layouts_by_award_code() -> dict[str, CertificateLayout]:
    """The active layout of each award code (the first by code when two claim one)."""
    found: dict[str, CertificateLayout] = {}
    for layout in CertificateLayout.objects.filter(is_active=True).order_by("code"):
        for code in layout.award_codes or []:
            found.setdefault(code, layout)
    return found


def layout_of(certificate: Certificate, layouts: dict[str, CertificateLayout] | None = None) -> CertificateLayout:
    layouts = layouts if layouts is not None else layouts_by_award_code()
    code = certificate.decision_item.award_type.code
    if code not in layouts:
        raise ValidationError({"layout": _("Chưa có mẫu in đang dùng cho “%(award)s” (mã %(code)s).") % {
            "award": certificate.decision_item.award_type.name, "code": code}})  # fmt: skip
    return layouts[code]


def _with_related(certificates: Iterable[Certificate]) -> list[Certificate]:
    related = ("decision_item__decision__authority", "decision_item__award_type", "register", "award")
    if isinstance(certificates, models.QuerySet):
        return list(certificates.select_related(*related))
    return list(certificates)


# --- Rendering -----------------------------------------------------------------------------------------------


def render(certificates: Iterable[Certificate], *, mode: str = PrintMode.FULL,
           progress: Callable[[int, int], None] | None = None) -> bytes:  # fmt: skip
    """One PDF, one page per certificate in the order given, each with the page size of its layout.

    ``progress(done, total)`` is called after every page (the batch job reports it)."""
    certificates = _with_related(certificates)
    layouts = layouts_by_award_code()
    sheets = [sheet_for(certificate, layout_of(certificate, layouts)) for certificate in certificates]
    return render_sheets(sheets, mode=mode, progress=progress)


def render_reissue(reissue: CertificateReissue, *, mode: str = PrintMode.FULL) -> bytes:
    """The single page of a reissued certificate: the same register number, marked "Cấp lại lần n ngày …"."""
    [certificate] = _with_related(Certificate.objects.filter(pk=reissue.certificate_id))
    return render_sheets([sheet_for(certificate, layout_of(certificate), reissue)], mode=mode)


def render_sheets(sheets: list[Sheet], *, mode: str = PrintMode.FULL,
                  progress: Callable[[int, int], None] | None = None) -> bytes:  # fmt: skip
    from reportlab.pdfgen.canvas import Canvas

    if mode not in PrintMode.values:
        raise ValidationError({"mode": _("Cách in không hợp lệ.")})
    fonts.serif_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1, invariant=1)
    canvas.setTitle("Bằng, giấy khen")
    canvas.setAuthor(settings.THIDUA_SITE_NAME)
    forms: dict[tuple, str] = {}
    total = len(sheets)
    for done, sheet in enumerate(sheets, start=1):
        layout = sheet.layout
        width, height = float(layout.page_width_mm) * MM, float(layout.page_height_mm) * MM
        canvas.setPageSize((width, height))
        if mode == PrintMode.FULL:
            key = (layout.pk, layout.code, sheet.authority_line)
            if key not in forms:
                forms[key] = f"design{len(forms)}"
                canvas.beginForm(forms[key], 0, 0, width, height)
                draw_design(canvas, layout.fields or {}, layout.title, sheet.authority_line, width, height)
                canvas.endForm()
            canvas.doForm(forms[key])
            draw_fields(canvas, layout.fields or {}, sheet.values, height)
        else:
            values = dict(sheet.values)
            # The blank has "TẶNG" printed on it: only a posthumous award needs its line ("TRUY TẶNG").
            if not sheet.posthumous:
                values["award_line"] = ""
            draw_fields(canvas, layout.blank_fields or {}, values, height)
        canvas.showPage()
        if progress is not None:
            progress(done, total)
    if not sheets:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _face(spec: dict) -> str:
    return fonts.face(bold=bool(spec.get("bold")), italic=bool(spec.get("italic")))


def _colour(spec: dict, default=BLACK):
    value = spec.get("color")
    if isinstance(value, str) and len(value) == 7 and value.startswith("#"):
        try:
            return tuple(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
        except ValueError:
            return default
    return default


def fit_lines(text: str, face: str, size: float, width: float | None, max_lines: int) -> tuple[list[str], float]:
    """The lines of ``text`` in a box ``width`` points wide, shrinking the size (down to 60 %) until they are at most
    ``max_lines``; still too long at the smallest size, the last line ends with "…"."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    paragraphs = [part.strip() for part in text.split("\n") if part.strip()]
    if not paragraphs:
        return [], size
    if not width:
        return paragraphs, size
    smallest = size * MIN_SHRINK
    current = size
    while True:
        lines = [line for part in paragraphs for line in simpleSplit(part, face, current, width)]
        if len(lines) <= max_lines or current <= smallest:
            break
        current = max(smallest, current * 0.94)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and stringWidth(last + "…", face, current) > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines, current


def box_left(spec: dict) -> float:
    """The left edge (mm) of a text's box: x is where the text is anchored — its left end, its centre or its right
    end, as it is aligned — and ``width`` the box around that anchor the text wraps in."""
    x = float(spec.get("x", 0))
    width = float(spec.get("width") or 0)
    align = spec.get("align", "left")
    if align == "center":
        return x - width / 2
    if align == "right":
        return x - width
    return x


def draw_text(canvas, text: str, spec: dict, page_height: float, *, default_colour=BLACK) -> None:
    """A text at its position: x (mm from the left edge: where the text is anchored as ``align`` says), y (mm from
    the top, the first baseline), size (pt), bold, italic, align, width (mm: the box it wraps in, centred on x for a
    centred text), lines (most lines before the size shrinks), color, spacing, underline."""
    if not text:
        return
    size = float(spec.get("size", 14))
    face = _face(spec)
    width = float(spec["width"]) * MM if spec.get("width") else None
    max_lines = int(spec.get("lines", 1 if width else 99))
    lines, size = fit_lines(text, face, size, width, max_lines)
    align = spec.get("align", "left")
    x = box_left(spec) * MM
    baseline = page_height - float(spec.get("y", 0)) * MM
    leading = size * float(spec.get("leading", 1.3))
    spacing = float(spec.get("spacing", 0))
    outline = _colour({"color": spec["outline"]}, None) if spec.get("outline") else None
    canvas.setFillColorRGB(*_colour(spec, default_colour))
    for line in lines:
        if spacing or outline:
            _draw_styled(canvas, line, face, size, x, baseline, width, align, spacing, outline)
        else:
            canvas.setFont(face, size)
            if align == "center":
                canvas.drawCentredString(x + width / 2 if width else x, baseline, line)
            elif align == "right":
                canvas.drawRightString(x + width if width else x, baseline, line)
            else:
                canvas.drawString(x, baseline, line)
        if spec.get("underline"):
            _underline(canvas, line, face, size, x, baseline, width, align)
        baseline -= leading


def _line_start(line_width: float, x: float, width: float | None, align: str) -> float:
    if align == "center":
        return (x + width / 2 if width else x) - line_width / 2
    if align == "right":
        return (x + width if width else x) - line_width
    return x


def _draw_styled(canvas, line, face, size, x, baseline, width, align, spacing, outline) -> None:
    """A line with letter spacing and/or a thin outline of another colour (the title's gold edge)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    line_width = stringWidth(line, face, size) + spacing * (len(line) - 1)
    # Character spacing and the render mode are graphics state: saved and restored, or every later text keeps them.
    canvas.saveState()
    text = canvas.beginText(_line_start(line_width, x, width, align), baseline)
    text.setFont(face, size)
    text.setCharSpace(spacing)
    if outline:
        canvas.setStrokeColorRGB(*outline)
        canvas.setLineWidth(max(0.4, size / 60))
        text.setTextRenderMode(2)  # fill, then stroke
    text.textOut(line)
    canvas.drawText(text)
    canvas.restoreState()


def _underline(canvas, line, face, size, x, baseline, width, align) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    line_width = stringWidth(line, face, size)
    start = _line_start(line_width, x, width, align)
    canvas.saveState()
    canvas.setLineWidth(0.7)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.line(start, baseline - size * 0.28, start + line_width, baseline - size * 0.28)
    canvas.restoreState()


def draw_signer(canvas, signer: tuple[str, str, str], spec: dict, page_height: float) -> None:
    """ "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" (bold caps), the space for the signature and seal (``gap`` mm), the name."""
    capacity, position, name = (part.strip() for part in signer)
    size = float(spec.get("size", 14))
    leading = size * float(spec.get("leading", 1.3))
    top = [line.upper() for line in (capacity, position) if line]
    y = float(spec.get("y", 0)) * MM
    for index, line in enumerate(top):
        draw_text(canvas, line, {**spec, "bold": True, "y": (y + index * leading) / MM, "lines": 1}, page_height)
    if name:
        gap = float(spec.get("gap", 30)) * MM
        name_y = y + max(len(top) - 1, 0) * leading + gap
        draw_text(canvas, name, {**spec, "bold": True, "y": name_y / MM, "lines": 1}, page_height)


def draw_qr(canvas, url: str, spec: dict, page_height: float) -> None:
    """The QR code of the verification address (top-left corner at x, y; ``size`` mm), a link over it, and the
    address in small print under it, for whoever cannot scan."""
    size = float(spec.get("size", 22)) * MM
    x = float(spec.get("x", 0)) * MM
    bottom = page_height - float(spec.get("y", 0)) * MM - size
    draw_qr_matrix(canvas, qr_matrix(url), x, bottom, size)
    canvas.linkURL(url, (x, bottom, x + size, bottom + size), relative=0)
    if spec.get("caption", True):
        caption_size = float(spec.get("caption_size", 6.5))
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(fonts.face(), caption_size)
        caption_x = x + size * 0.06 if spec.get("caption_below", True) else x + size + 2 * MM
        caption_y = bottom - caption_size * 1.1 if spec.get("caption_below", True) else bottom + size * 0.1
        canvas.drawString(caption_x, caption_y, f"Xác thực: {url}")


def draw_qr_matrix(canvas, matrix: list[list[bool]], x: float, bottom: float, size: float) -> None:
    """The modules of a QR code (quiet zone included in ``size``) as one filled path in module units, each row's dark
    runs one rectangle: a few hundred short integer operators instead of a few hundred drawing objects per page."""
    modules = len(matrix) + 2 * QUIET_MODULES
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, bottom, size, size, stroke=0, fill=1)
    # Module (0, 0) at the top left, one unit per module.
    canvas.translate(x, bottom + size)
    canvas.scale(size / modules, -size / modules)
    path = canvas.beginPath()
    for row, line in enumerate(matrix):
        column = 0
        while column < len(line):
            if not line[column]:
                column += 1
                continue
            start = column
            while column < len(line) and line[column]:
                column += 1
            path.rect(start + QUIET_MODULES, row + QUIET_MODULES, column - start, 1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def draw_fields(canvas, specs: dict, values: dict, page_height: float) -> None:
    for name in FIELDS:
        spec = specs.get(name)
        value = values.get(name)
        if not spec or not value:
            continue
        if name == "signer":
            draw_signer(canvas, value, spec, page_height)
        elif name == "qr":
            draw_qr(canvas, value, spec, page_height)
        else:
            default = RED if name in ("award_name", "reissue_mark") else BLACK
            draw_text(canvas, value, spec, page_height, default_colour=default)


# --- The design of the full mode ----------------------------------------------------------------------------


def draw_design(canvas, specs: dict, title: str, authority: str, page_width: float, page_height: float) -> None:
    if specs.get("frame"):
        draw_frame(canvas, specs["frame"], page_width, page_height)
    if specs.get("emblem"):
        draw_emblem(canvas, specs["emblem"], page_height)
    texts = {"national_name": NATIONAL_NAME, "motto": NATIONAL_MOTTO, "authority": authority, "title": title}
    for name, text in texts.items():
        spec = specs.get(name)
        if not spec:
            continue
        draw_text(canvas, text, spec, page_height, default_colour=RED if name in ("authority", "title") else BLACK)


def draw_frame(canvas, spec: dict, width: float, height: float) -> None:
    """The ornamental border (hoa văn): red rules outside, a gold band of lozenges and rosettes, gold and red rules
    inside, rosettes at the corners."""
    margin = float(spec.get("margin", 8)) * MM
    band = float(spec.get("band", 16)) * MM
    inner = margin + band
    canvas.saveState()
    # A light cream band between the rules, the field inside white.
    canvas.setFillColorRGB(1.0, 0.965, 0.88)
    canvas.rect(margin, margin, width - 2 * margin, height - 2 * margin, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner, stroke=0, fill=1)
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(2.6)
    canvas.rect(margin, margin, width - 2 * margin, height - 2 * margin)
    canvas.setLineWidth(0.8)
    inset = margin + 1.6 * MM
    canvas.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(1.6)
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner)
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(0.6)
    inner_inset = inner + 1.3 * MM
    canvas.rect(inner_inset, inner_inset, width - 2 * inner_inset, height - 2 * inner_inset)
    # The band: lozenges along each side between the corner rosettes.
    mid = margin + 1.6 * MM + (band - 1.6 * MM) / 2
    motif = (band - 1.6 * MM) * 0.34
    for start, end, fixed, horizontal in (
        (mid, width - mid, mid, True), (mid, width - mid, height - mid, True),
        (mid, height - mid, mid, False), (mid, height - mid, width - mid, False),
    ):  # fmt: skip
        length = end - start - 2 * motif * 2.2
        count = max(1, int(length // (motif * 2.6)))
        step = length / count
        for index in range(count + 1):
            along = start + motif * 2.2 + index * step
            x, y = (along, fixed) if horizontal else (fixed, along)
            if index % 2:
                _dot(canvas, x, y, motif * 0.32)
            else:
                _lozenge(canvas, x, y, motif)
    for x, y in ((mid, mid), (width - mid, mid), (mid, height - mid), (width - mid, height - mid)):
        _rosette(canvas, x, y, motif * 1.5)
    canvas.restoreState()


def _lozenge(canvas, x: float, y: float, radius: float) -> None:
    path = canvas.beginPath()
    path.moveTo(x, y + radius)
    path.lineTo(x + radius * 0.62, y)
    path.lineTo(x, y - radius)
    path.lineTo(x - radius * 0.62, y)
    path.close()
    canvas.setFillColorRGB(*GOLD)
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(0.5)
    canvas.drawPath(path, fill=1, stroke=1)


def _dot(canvas, x: float, y: float, radius: float) -> None:
    canvas.setFillColorRGB(*RED)
    canvas.circle(x, y, radius, stroke=0, fill=1)


def _rosette(canvas, x: float, y: float, radius: float) -> None:
    canvas.setFillColorRGB(*GOLD)
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(0.6)
    for index in range(8):
        angle = index * math.pi / 4
        canvas.circle(x + math.cos(angle) * radius * 0.55, y + math.sin(angle) * radius * 0.55, radius * 0.38,
                      stroke=1, fill=1)  # fmt: skip
    canvas.setFillColorRGB(*RED)
    canvas.circle(x, y, radius * 0.42, stroke=0, fill=1)
    _star(canvas, x, y, radius * 0.36, GOLD)


def _star(canvas, x: float, y: float, radius: float, colour) -> None:
    path = canvas.beginPath()
    for index in range(10):
        angle = math.pi / 2 + index * math.pi / 5
        length = radius if index % 2 == 0 else radius * 0.382
        px, py = x + math.cos(angle) * length, y + math.sin(angle) * length
        path.moveTo(px, py) if index == 0 else path.lineTo(px, py)
    path.close()
    canvas.setFillColorRGB(*colour)
    canvas.drawPath(path, fill=1, stroke=0)


def draw_emblem(canvas, spec: dict, page_height: float) -> None:
    """A stylised emblem at the top centre (the printed blanks carry the national emblem): a red disc in a gold
    ring of rice ears, a gold star, a gold cogwheel at the foot."""
    size = float(spec.get("size", 24)) * MM
    cx = float(spec.get("x", 0)) * MM
    cy = page_height - float(spec.get("y", 0)) * MM - size / 2
    radius = size / 2
    canvas.saveState()
    canvas.setFillColorRGB(*GOLD)
    canvas.circle(cx, cy, radius, stroke=0, fill=1)
    # Rice ears: gold grains around the rim.
    canvas.setFillColorRGB(0.93, 0.78, 0.30)
    for side in (-1, 1):
        for index in range(9):
            angle = math.pi * (1.35 - index * 0.085) if side < 0 else math.pi * (-0.35 + index * 0.085)
            gx, gy = cx + math.cos(angle) * radius * 0.9, cy + math.sin(angle) * radius * 0.9
            canvas.ellipse(gx - radius * 0.09, gy - radius * 0.05, gx + radius * 0.09, gy + radius * 0.05,
                           stroke=0, fill=1)  # fmt: skip
    canvas.setFillColorRGB(*RED)
    canvas.circle(cx, cy + radius * 0.06, radius * 0.72, stroke=0, fill=1)
    _star(canvas, cx, cy + radius * 0.1, radius * 0.5, (1.0, 0.85, 0.1))
    # The cogwheel at the foot.
    canvas.setFillColorRGB(*GOLD)
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(0.5)
    canvas.circle(cx, cy - radius * 0.62, radius * 0.22, stroke=1, fill=1)
    canvas.setFillColorRGB(*RED)
    canvas.circle(cx, cy - radius * 0.62, radius * 0.08, stroke=0, fill=1)
    canvas.restoreState()


# --- Calibration: the test page ------------------------------------------------------------------------------

SAMPLE: dict[str, Any] = {
    "award_line": "TRUY TẶNG",
    "award_name": "CHIẾN SĨ THI ĐUA CƠ SỞ",
    "recipient_name": "Ông Nguyễn Văn Mẫu",
    "position_unit": "Trưởng phòng Tổ chức - Hành chính, Phường An Biên",
    "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2025.",
    "decision_line": "Quyết định số 123/QĐ-UBND ngày 05/3/2025",
    "serial": "Số vào sổ: 45/BK",
    "reissue_mark": "Cấp lại lần 1 ngày 06/3/2026",
    "place_date": "Hải Phòng, ngày 05 tháng 3 năm 2025",
    "signer": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Ký"),
}


def test_page(layout: CertificateLayout) -> bytes:
    """The calibration page of a layout's blank mode, on plain paper the size of the blank: a millimetre grid (a line
    every 5 mm, numbered every 10 mm), a 100 mm rule to check the printer does not scale, and a cross at each field's
    position with its sample text. Laid over a blank against the light, it shows how far to move each field."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.serif_font()
    width, height = float(layout.page_width_mm) * MM, float(layout.page_height_mm) * MM
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setTitle(_("Trang in thử: %(name)s") % {"name": layout.name})
    _grid(canvas, width, height)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(fonts.face(bold=True), 9)
    canvas.drawString(14 * MM, height - 14 * MM, _("TRANG IN THỬ – %(name)s – khổ %(width)s × %(height)s mm") % {
        "name": layout.name, "width": _mm(layout.page_width_mm), "height": _mm(layout.page_height_mm)})  # fmt: skip
    canvas.setFont(fonts.face(italic=True), 8)
    canvas.drawString(14 * MM, height - 18.5 * MM, _(
        "In trên giấy thường cùng khổ, đặt chồng lên phôi và soi đèn: dấu + là vị trí đầu dòng của từng trường "
        "(x, y tính bằng mm từ mép trái, mép trên)."))  # fmt: skip
    _scale_bar(canvas, height)
    specs = layout.blank_fields or {}
    placed = [name for name in FIELDS if specs.get(name)]
    _legend(canvas, placed, specs, width, height)
    for number, name in enumerate(placed, start=1):
        spec = specs[name]
        x, y = float(spec.get("x", 0)) * MM, height - float(spec.get("y", 0)) * MM
        box = (box_left(spec) * MM, float(spec["width"]) * MM) if spec.get("width") and name != "qr" else None
        _cross(canvas, x, y, str(number), box)
        if name == "signer":
            draw_signer(canvas, SAMPLE["signer"], spec, height)
        elif name == "qr":
            draw_qr(canvas, verify_url("MAU0MAU0MAU0"), spec, height)
        else:
            draw_text(canvas, SAMPLE[name], spec, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _mm(value) -> str:
    number = float(value)
    return f"{number:g}"


def _grid(canvas, width: float, height: float) -> None:
    canvas.saveState()
    step = 5 * MM
    for index in range(int(width // step) + 1):
        x = index * step
        canvas.setStrokeColorRGB(*((0.55, 0.55, 0.55) if index % 2 == 0 else (0.82, 0.82, 0.82)))
        canvas.setLineWidth(0.4 if index % 2 == 0 else 0.2)
        canvas.line(x, 0, x, height)
    for index in range(int(height // step) + 1):
        y = height - index * step
        canvas.setStrokeColorRGB(*((0.55, 0.55, 0.55) if index % 2 == 0 else (0.82, 0.82, 0.82)))
        canvas.setLineWidth(0.4 if index % 2 == 0 else 0.2)
        canvas.line(0, y, width, y)
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    canvas.setFont(fonts.face(), 5.5)
    for millimetres in range(10, int(width / MM), 10):
        canvas.drawCentredString(millimetres * MM, height - 4 * MM, str(millimetres))
        canvas.drawCentredString(millimetres * MM, 2 * MM, str(millimetres))
    for millimetres in range(10, int(height / MM), 10):
        canvas.drawString(1.2 * MM, height - millimetres * MM - 1, str(millimetres))
        canvas.drawRightString(width - 1.2 * MM, height - millimetres * MM - 1, str(millimetres))
    canvas.restoreState()


def _scale_bar(canvas, height: float) -> None:
    """A 100 mm rule: measured on the print, it tells whether the printer scaled the page ("fit to page")."""
    x, y = 14 * MM, height - 24 * MM
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(1)
    canvas.line(x, y, x + 100 * MM, y)
    for tick in range(0, 101, 10):
        canvas.line(x + tick * MM, y - 1.5 * MM, x + tick * MM, y + 1.5 * MM)
    canvas.setFont(fonts.face(), 7)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawString(x + 102 * MM, y - 1, _("100 mm: đo trên bản in phải đúng 100 mm (tắt “vừa trang”)."))
    canvas.restoreState()


def _legend(canvas, names: list[str], specs: dict, width: float, height: float) -> None:
    """Numbered list of the fields and their positions, in two columns under the heading."""
    canvas.saveState()
    canvas.setFont(fonts.face(), 7)
    column_width = (width - 28 * MM) / 2
    rows = (len(names) + 1) // 2
    for index, name in enumerate(names):
        spec = specs[name]
        column, row = divmod(index, rows) if rows else (0, 0)
        x = 14 * MM + column * column_width
        y = height - (30 + row * 3.6) * MM
        size = _("cỡ %(size)s mm") if name == "qr" else _("cỡ %(size)s pt")
        text = f"{index + 1}. {FIELDS[name]}: x = {_mm(spec.get('x', 0))} mm, y = {_mm(spec.get('y', 0))} mm, " + (
            size % {"size": _mm(spec.get("size", 14 if name != "qr" else 22))}
        )
        canvas.setFillColorRGB(*RED)
        canvas.drawString(x, y, text)
    canvas.restoreState()


def _cross(canvas, x: float, y: float, label: str, box: tuple[float, float] | None) -> None:
    """A cross at a field's position, its number, and (for a text in a box) the box's baseline, dashed."""
    canvas.saveState()
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(0.6)
    canvas.line(x - 3 * MM, y, x + 3 * MM, y)
    canvas.line(x, y - 3 * MM, x, y + 3 * MM)
    if box:
        left, width = box
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.4)
        canvas.line(left, y, left + width, y)
        for end in (left, left + width):
            canvas.line(end, y - 2 * MM, end, y + 2 * MM)
    canvas.setFillColorRGB(*RED)
    canvas.setFont(fonts.face(bold=True), 7)
    canvas.drawRightString(x - 1 * MM, y + 1 * MM, label)
    canvas.restoreState()


# --- Reissue (cấp lại) -------------------------------------------------------------------------------------------


def can_reissue(user, certificate: Certificate) -> bool:
    """The board or the clerical office (văn thư) of the authority that gave the certificate."""
    return holds_role_at(user, certificate.decision_item.decision.authority.unit, REISSUE_ROLES)


@transaction.atomic
def reissue(certificate: Certificate, *, by, reason: str, on: dt.date | None = None) -> CertificateReissue:
    """Cấp lại a lost or damaged certificate: a numbered reissue, audited; printed with ``render_reissue`` (the same
    register number, marked as reissued). An award since revoked is not reissued."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("decision_item__decision__authority__unit", "award")
        .get(pk=certificate.pk)
    )
    if not can_reissue(by, certificate):
        raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng hoặc văn thư của cấp đã khen thưởng được cấp lại."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Ghi lý do cấp lại (ví dụ: bị mất, bị hư hỏng).")})
    if certificate.award.revoked_on is not None:
        raise ValidationError(
            {
                "certificate": _("Khen thưởng này đã bị hủy bỏ theo Quyết định %(reference)s: không cấp lại.")
                % {"reference": certificate.award.revoked_reference}
            }
        )
    sequence = (certificate.reissues.aggregate(last=models.Max("sequence"))["last"] or 0) + 1
    with acting_as(by):
        made = CertificateReissue.objects.create(
            certificate=certificate, sequence=sequence, reason=reason, reissued_on=on or timezone.localdate(),
            reissued_by=by if getattr(by, "pk", None) else None,
        )  # fmt: skip
        record_action(certificate, code="decisions.certificate.reissued", by=by, reason=reason,
                      data={"sequence": sequence, "serial": certificate.serial_text})  # fmt: skip
    return made
