"""The PDF font: Liberation Serif from Debian's fonts-liberation2, found in settings.THIDUA_PDF_FONT_DIRS; without it
a Vietnamese error names the package to install."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics

from thidua.documents import fonts


def test_serif_font_registers_the_four_faces_of_liberation_serif():
    family = fonts.serif_font()
    names = [pdfmetrics.getFont(fonts.face(bold=bold, italic=italic)).face.name
             for bold, italic in ((False, False), (True, False), (False, True), (True, True))]  # fmt: skip
    assert (family, [name.decode() if isinstance(name, bytes) else name for name in names]) == (
        "LiberationSerif",
        ["LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"],
    )


def test_missing_fonts_raise_a_vietnamese_error_naming_fonts_liberation2(settings, tmp_path):
    settings.THIDUA_PDF_FONT_DIRS = [str(tmp_path)]
    with pytest.raises(ImproperlyConfigured) as raised:
        fonts.serif_font()
    assert ("fonts-liberation2" in str(raised.value), "Không tìm thấy phông chữ" in str(raised.value)) == (True, True)


def test_the_first_folder_holding_all_four_faces_is_used(settings, tmp_path):
    settings.THIDUA_PDF_FONT_DIRS = [str(tmp_path), *fonts.DEFAULT_DIRS]
    assert fonts.font_files()[fonts.REGULAR].parent != tmp_path
