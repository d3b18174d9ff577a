"""Files to import, built in memory: XLSX (openpyxl) and CSV, and the officers of the Hải Phòng scene."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

PEOPLE_HEADERS = ["Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị", "Chức vụ"]


def xlsx_upload(rows: list[list], headers: list[str] = PEOPLE_HEADERS, name: str = "nhan-su.xlsx",
                title: str | None = None) -> SimpleUploadedFile:  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def csv_upload(rows: list[list], headers: list[str] = PEOPLE_HEADERS, name: str = "nhan-su.csv",
               encoding: str = "utf-8", delimiter: str = ",") -> SimpleUploadedFile:  # fmt: skip
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    text = output.getvalue()
    data = encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    return SimpleUploadedFile(name, data)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed (ư, ơ, â …), tones as combining marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
            out += (base + "".join(c for c in decomposed if c in _TONES)).encode("cp1258")
    return bytes(out)


@pytest.fixture
def importer_user(le_chan_officer):
    """Trần Thị Lan, unit officer of Quận Lê Chân (and Phường An Biên below it)."""
    return le_chan_officer
