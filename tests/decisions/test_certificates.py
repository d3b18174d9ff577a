"""Certificates of a signed decision: one page per recipient in the layout's page size, the names with their
diacritics, "TRUY TẶNG" for a posthumous award, the decision number and the register number printed, the QR code of
the verification page; the blank mode prints only the variable fields; the reissue keeps the register number."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from tests.decisions.certificate_scene import (
    BINH,
    HOA,
    certificates_of,
    page_size_mm,
    pages,
    pdf_text,
    seed_layouts,
    signed_with_certificates,
)
from thidua.audit.models import AuditEntry
from thidua.decisions import certificates
from thidua.decisions.enums import PrintMode
from thidua.decisions.models import CertificateReissue
from thidua.documents import fonts

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(scene):
    seed_layouts()
    return signed_with_certificates(scene)


def test_certificates_pdf_has_one_page_per_recipient(decision):
    data = certificates.render(certificates_of(decision))

    assert len(pages(data)) == 2


def test_certificates_print_the_recipients_names_with_their_diacritics(decision):
    texts = pdf_text(certificates.render(certificates_of(decision)))

    assert "Nguyễn Thị Hoa" in texts[0]
    assert "Trần Văn Bình" in texts[1]


def test_certificates_take_the_page_size_of_their_layout(decision):
    [first, second] = pages(certificates.render(certificates_of(decision)))

    assert page_size_mm(first) == page_size_mm(second) == (420.0, 297.0)  # Bằng khen tỉnh: A3 landscape


def test_each_page_takes_the_size_of_its_own_layout(scene, decision):
    district = signed_with_certificates(scene, ((HOA, "CSTDCS"),), unit=scene.units["an_bien"])

    data = certificates.render(certificates_of(decision)[:1] + certificates_of(district))

    assert [page_size_mm(page) for page in pages(data)] == [(420.0, 297.0), (297.0, 210.0)]
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in pdf_text(data)[1]


def test_full_certificate_has_the_national_motto_the_authority_and_the_title(decision):
    [text, _other] = pdf_text(certificates.render(certificates_of(decision)))

    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "TẶNG", "BẰNG KHEN"):  # fmt: skip
        assert words in text


def test_certificate_prints_the_decision_number_and_date_and_the_register_number(decision):
    first = certificates_of(decision)[0]

    [text, _other] = pdf_text(certificates.render(certificates_of(decision)))

    assert f"Quyết định số {decision.number_text} ngày 15/01/2026" in text
    assert f"Số vào sổ: {first.serial_text}" in text
    assert first.serial_text == "01/BK"
    assert "Hải Phòng, ngày 15 tháng 01 năm 2026" in text


def test_posthumous_award_says_truy_tang(scene):
    seed_layouts()
    decision = signed_with_certificates(scene, posthumous=(BINH,))

    texts = pdf_text(certificates.render(certificates_of(decision)))
    by_name = {("Bình" in text): text for text in texts}

    assert "TRUY TẶNG" in by_name[True]
    assert "TRUY TẶNG" not in by_name[False]


def test_blank_mode_prints_only_the_variable_fields(decision):
    [text, _other] = pdf_text(certificates.render(certificates_of(decision), mode=PrintMode.BLANK))

    assert "Nguyễn Thị Hoa" in text
    assert decision.number_text in text
    for printed_on_the_blank in ("BẰNG KHEN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN"):
        assert printed_on_the_blank not in text


def test_blank_mode_prints_truy_tang_only_for_a_posthumous_award(scene):
    seed_layouts()
    decision = signed_with_certificates(scene, posthumous=(BINH,))

    texts = pdf_text(certificates.render(certificates_of(decision), mode=PrintMode.BLANK))

    assert ["TRUY TẶNG" in text for text in texts] == ["Bình" in text for text in texts]
    assert "TẶNG" not in next(text for text in texts if "Hoa" in text)


def test_qr_url_is_the_public_verification_address_of_the_code(decision):
    first = certificates_of(decision)[0]

    assert certificates.qr_url(first) == f"{settings.THIDUA_SITE_URL.rstrip('/')}/verify/{first.code}"


def test_certificate_page_links_its_qr_code_to_the_verification_page(decision):
    first = certificates_of(decision)[0]

    [page, _other] = pages(certificates.render(certificates_of(decision)))
    links = [annotation.get_object()["/A"]["/URI"] for annotation in page["/Annots"]]

    assert links == [certificates.qr_url(first)]
    assert certificates.qr_url(first) in page.extract_text()


def test_certificate_codes_are_twelve_characters_without_look_alikes(decision):
    codes = [certificate.code for certificate in certificates_of(decision)]

    assert all(len(code) == 12 and not set(code) & set("01IO") for code in codes)
    assert len(set(codes)) == 2


def test_certificate_pdf_embeds_liberation_serif(decision):
    [page, _other] = pages(certificates.render(certificates_of(decision)))

    font_names = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    font_names |= {
        str(font.get_object()["/BaseFont"])
        for form in page["/Resources"].get("/XObject", {}).values()
        for font in form.get_object().get("/Resources", {}).get("/Font", {}).values()
    }

    assert any(fonts.FAMILY in name for name in font_names)


def test_a_long_achievement_shrinks_and_wraps_inside_its_box():
    fonts.serif_font()
    text = "Đã có thành tích xuất sắc " * 30

    lines, size = certificates.fit_lines(text, fonts.face(), 18, 330 * certificates.MM, 3)

    assert len(lines) == 3
    assert size == pytest.approx(18 * certificates.MIN_SHRINK, rel=0.05)
    assert lines[-1].endswith("…")


def test_test_page_has_the_layout_size_and_every_blank_field(decision):
    layout = certificates.layout_of(certificates_of(decision)[0])

    data = certificates.test_page(layout)
    [page] = pages(data)
    text = page.extract_text()

    assert page_size_mm(page) == (420.0, 297.0)
    assert "TRANG IN THỬ" in text
    assert "Ông Nguyễn Văn Mẫu" in text
    assert "Số vào sổ: 45/BK" in text


# --- Reissue (cấp lại) ---------------------------------------------------------------------------------------


def test_reissue_keeps_the_register_number_and_says_cap_lai(scene, decision):
    first = certificates_of(decision)[0]

    reissue = certificates.reissue(first, by=scene.users["board"], reason="Bị mất do bão lụt.")
    [text] = pdf_text(certificates.render_reissue(reissue))

    assert (reissue.sequence, reissue.certificate.serial_text) == (1, first.serial_text)
    assert f"Số vào sổ: {first.serial_text}" in text
    assert "Cấp lại lần 1 ngày" in text
    assert "Nguyễn Thị Hoa" in text


def test_second_reissue_is_numbered_two(scene, decision):
    first = certificates_of(decision)[0]
    certificates.reissue(first, by=scene.users["board"], reason="Bị mất.")

    second = certificates.reissue(first, by=scene.users["clerk"], reason="Bị rách.")

    assert second.sequence == 2
    assert "Cấp lại lần 2 ngày" in pdf_text(certificates.render_reissue(second))[0]


def test_reissue_is_audited_with_its_reason(scene, decision):
    first = certificates_of(decision)[0]

    certificates.reissue(first, by=scene.users["board"], reason="Bị mất do bão lụt.")

    entry = AuditEntry.objects.get(code="decisions.certificate.reissued")
    assert (entry.object_pk, entry.reason, entry.additional_data["sequence"]) == (
        str(first.pk),
        "Bị mất do bão lụt.",
        1,
    )


def test_reissue_needs_a_reason(scene, decision):
    with pytest.raises(ValidationError) as error:
        certificates.reissue(certificates_of(decision)[0], by=scene.users["board"], reason="  ")

    assert "reason" in error.value.message_dict
    assert not CertificateReissue.objects.exists()


def test_only_the_board_or_the_clerk_of_the_authority_reissues(scene, decision):
    for outsider in (scene.users["officer"], scene.users["district_board"]):
        with pytest.raises(PermissionDenied):
            certificates.reissue(certificates_of(decision)[0], by=outsider, reason="Bị mất.")

    assert not CertificateReissue.objects.exists()
