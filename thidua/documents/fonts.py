"""The serif font embedded in every generated PDF: Liberation Serif, metric-compatible with Times New Roman (which
NĐ 30/2020 names) and covering every Vietnamese letter. It comes from Debian's fonts-liberation2 (installed by
``make install`` and ``.ci/run``); no font is committed. Folders searched: ``settings.THIDUA_PDF_FONT_DIRS``."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

FAMILY = "LiberationSerif"
# reportlab face name → file name, for regular, bold, italic and bold italic.
FACES = {
    FAMILY: "LiberationSerif-Regular.ttf",
    f"{FAMILY}-Bold": "LiberationSerif-Bold.ttf",
    f"{FAMILY}-Italic": "LiberationSerif-Italic.ttf",
    f"{FAMILY}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
REGULAR, BOLD, ITALIC, BOLD_ITALIC = FACES
DEFAULT_DIRS = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"]

_lock = threading.Lock()
_registered: set[Path] = set()


def font_dirs() -> list[str]:
    return list(getattr(settings, "THIDUA_PDF_FONT_DIRS", None) or DEFAULT_DIRS)


def font_files() -> dict[str, Path]:
    """Face name → the font file, from the first folder that holds all four faces."""
    for folder in font_dirs():
        paths = {face: Path(folder) / name for face, name in FACES.items()}
        if all(path.is_file() for path in paths.values()):
            return paths
    raise ImproperlyConfigured(
        _(
            "Không tìm thấy phông chữ Liberation Serif (thường, đậm, nghiêng, đậm nghiêng) trong các thư mục %(dirs)s: "
            "không tạo được tệp PDF. Hãy cài gói Debian fonts-liberation2 (sudo apt-get install fonts-liberation2) "
            "hoặc đặt THIDUA_PDF_FONT_DIRS tới thư mục chứa các tệp LiberationSerif-*.ttf."
        )
        % {"dirs": ", ".join(font_dirs())}
    )


def face(*, bold: bool = False, italic: bool = False) -> str:
    """The reportlab face name of a style (after ``serif_font()`` has registered them)."""
    if bold and italic:
        return BOLD_ITALIC
    if bold:
        return BOLD
    return ITALIC if italic else REGULAR


def serif_font() -> str:
    """Register Liberation Serif's four faces with reportlab (once per folder) and return the family name; raise
    ImproperlyConfigured, in Vietnamese, naming fonts-liberation2 when they are missing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    paths = font_files()
    folder = paths[REGULAR].parent
    if folder in _registered:
        return FAMILY
    with _lock:
        if folder not in _registered:
            for name, path in paths.items():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
            _registered.add(folder)
    return FAMILY
