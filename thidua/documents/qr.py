"""QR codes of verification addresses (giấy xác nhận, bằng khen): as a PNG for Word and as a reportlab drawing for
PDF, both from reportlab's own encoder (no other dependency). Helper modules of certificates use them too."""

from __future__ import annotations

import io

# Quiet zone around the modules, in modules (ISO/IEC 18004 asks for 4).
QUIET_MODULES = 4


def qr_matrix(url: str) -> list[list[bool]]:
    """The dark (True) and light modules of the QR code of ``url`` (error correction M)."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, column)) for column in range(count)] for row in range(count)]


def qr_png(url: str, *, module_px: int = 8) -> bytes:
    """A black-on-white PNG of the QR code of ``url`` with its quiet zone."""
    from PIL import Image

    matrix = qr_matrix(url)
    modules = len(matrix) + 2 * QUIET_MODULES
    image = Image.new("1", (modules, modules), 1)
    image.putdata([
        0 if QUIET_MODULES <= row < modules - QUIET_MODULES and QUIET_MODULES <= column < modules - QUIET_MODULES
        and matrix[row - QUIET_MODULES][column - QUIET_MODULES] else 1
        for row in range(modules) for column in range(modules)
    ])  # fmt: skip
    image = image.resize((modules * module_px, modules * module_px), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def draw_qr(canvas, url: str, x: float, y: float, size_pt: float) -> None:
    """Draw the QR code of ``url`` (quiet zone included) as filled squares on a reportlab canvas, its lower left
    corner at (x, y): no font, no image, sharp at any print resolution."""
    matrix = qr_matrix(url)
    step = size_pt / (len(matrix) + 2 * QUIET_MODULES)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size_pt, size_pt, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    for row, line in enumerate(matrix):
        top = y + size_pt - (row + QUIET_MODULES + 1) * step
        for column, dark in enumerate(line):
            if dark:
                # A hair wider than the step, so neighbouring modules leave no white seam when printed.
                canvas.rect(x + (column + QUIET_MODULES) * step, top, step + 0.05, step + 0.05, stroke=0, fill=1)
    canvas.restoreState()


def qr_drawing(url: str, size_pt: float):
    """A reportlab Drawing of ``size_pt`` × ``size_pt`` points holding the QR code of ``url`` (quiet zone included),
    to add to a story or a graphics widget. (``renderPDF.draw`` of a Drawing names Helvetica in the PDF; on a canvas
    prefer ``draw_qr``.)"""
    from reportlab.graphics.shapes import Drawing, Rect

    matrix = qr_matrix(url)
    modules = len(matrix) + 2 * QUIET_MODULES
    step = size_pt / modules
    drawing = Drawing(size_pt, size_pt)
    drawing.add(Rect(0, 0, size_pt, size_pt, fillColor="white", strokeColor=None))
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            if dark:
                x = (column + QUIET_MODULES) * step
                y = size_pt - (row + QUIET_MODULES + 1) * step
                # A hair wider than the step, so neighbouring modules leave no white seam when printed.
                drawing.add(Rect(x, y, step + 0.05, step + 0.05, fillColor="black", strokeColor=None, strokeWidth=0))
    return drawing
