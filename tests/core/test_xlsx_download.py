"""core.xlsx serves every workbook download: a Vietnamese file name is sent as RFC 5987 filename*, a title without
".xlsx" becomes an ASCII slug."""

from __future__ import annotations

from thidua.core.xlsx import Column, Sheet, bytes_response, workbook_bytes, xlsx_name, xlsx_response


def test_a_vietnamese_name_is_sent_as_rfc_5987_filename_star():
    response = bytes_response(b"PK", filename=xlsx_name("Báo cáo khen thưởng năm 2024"))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20khen%20th%C6%B0%E1%BB%9Fng%20n%C4%83m%202024.xlsx"
    )


def test_a_name_cannot_reach_a_folder_or_carry_control_characters():
    assert xlsx_name("../Biểu\r\n0602") == "Biểu 0602.xlsx"


def test_a_title_without_extension_becomes_an_ascii_slug():
    sheet = Sheet(title="Danh sách", columns=[Column("Họ và tên")], rows=[["An"]])
    response = xlsx_response([sheet], filename="Danh sách cá nhân")
    response.file_to_stream.close()  # the spooled file (response.close() would signal the end of a request)
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-ca-nhan.xlsx"'


def test_the_built_workbook_is_served_as_is_and_not_sniffed():
    data = workbook_bytes([Sheet(title="A", columns=[Column("x")], rows=[[1]])])
    response = bytes_response(data, filename="a.xlsx")
    assert (b"".join(response.streaming_content), response["X-Content-Type-Options"]) == (data, "nosniff")
