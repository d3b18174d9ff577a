"""The QUYẾT ĐỊNH (NĐ 30/2020 layout, DOMAIN.md §9) and the GIẤY XÁC NHẬN, as their PDF prints them: number and
place/date line, the authority's heading, the bases, the three articles with the reward money in figures and words,
the signature, "Nơi nhận", the Danh sách kèm theo; a draft with blanks and "DỰ THẢO"; amendments and revocations
that name the decision they change; the extract's awards and its verification address."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.decisions.scene import signed
from tests.documents.conftest import SIGNER, add_item, new_decision, sign_directly
from tests.documents.reading import docx_text, pdf_text
from tests.dossiers.workflow_scene import BINH, HOA
from tests.factories.records import AwardFactory
from thidua.decisions.documents import decision_document, extract_document
from thidua.decisions.enums import DecisionKind
from thidua.documents import vn
from thidua.documents.docx import render_docx
from thidua.documents.http import file_name
from thidua.documents.pdf import render_pdf

pytestmark = pytest.mark.django_db


def printed(decision) -> str:
    return pdf_text(render_pdf(decision_document(decision)))


def test_a_signed_decision_prints_its_number_and_signing_date_in_the_header(signed_decision):
    text = printed(signed_decision)
    assert ("Số: 05/QĐ-UBND" in text, "Hải Phòng, ngày 05 tháng 3 năm 2025" in text) == (True, True)


def test_the_authority_heading_precedes_the_bases_and_the_word_quyet_dinh(signed_decision):
    text = printed(signed_decision)
    heading = text.index("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")
    bases = text.index("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    proposal = text.index("Theo đề nghị của Giám đốc Sở Nội vụ")
    assert heading < bases < proposal < text.index("QUYẾT ĐỊNH:") < text.index("Điều 1.")


def test_the_bases_are_italic_and_the_article_numbers_bold(signed_decision):
    paragraphs = decision_document(signed_decision).body
    bases = [block for block in paragraphs if block.text.startswith("Căn cứ")]
    articles = [block.lead for block in paragraphs if block.lead]
    assert ({block.italic for block in bases}, articles) == ({True}, ["Điều 1. ", "Điều 2. ", "Điều 3. "])


def test_article_1_grants_the_award_to_the_counted_recipients_of_the_list(signed_decision):
    assert (
        "Điều 1. Tặng Bằng khen của Chủ tịch UBND thành phố cho 02 cá nhân có tên trong danh sách kèm theo"
        in printed(signed_decision)
    )


def test_article_2_states_the_money_per_recipient_and_the_total_in_figures_and_words(signed_decision):
    text = printed(signed_decision)
    line = "Bằng khen của Chủ tịch UBND thành phố (cá nhân): 1,5 × 2.340.000 đồng = 3.510.000 đồng/cá nhân × 02"
    total = "Tổng số tiền thưởng: 7.020.000 đồng (Bằng chữ: Bảy triệu không trăm hai mươi nghìn đồng)."
    assert (line in text, total in text) == (True, True)


def test_article_3_names_who_executes_and_ends_the_body(signed_decision):
    text = printed(signed_decision)
    assert "Điều 3. Quyết định có hiệu lực thi hành kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân thành phố" in text
    assert "chịu trách nhiệm thi hành Quyết định này./." in text


def test_the_signature_block_and_the_recipients_follow_the_decision(signed_decision):
    text = printed(signed_decision)
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Đã ký)" in text
    recipients = "Nơi nhận: - Như Điều 3; - Chủ tịch, các Phó Chủ tịch UBND thành phố; - Lưu: VT, TĐKT."
    assert (SIGNER in text, recipients in text) == (True, True)


def test_the_list_attached_names_the_decision_and_lists_each_recipient_with_the_amount(signed_decision):
    text = printed(signed_decision)
    list_part = text[text.index("DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG") :]
    assert "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05/3/2025 của Chủ tịch UBND thành phố Hải Phòng)" in list_part
    assert "I. TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND THÀNH PHỐ (02 cá nhân)" in list_part
    assert ("Bà Nguyễn Thị Hoa Chuyên viên, Phường An Biên" in list_part, "Ông Trần Văn Bình" in list_part,
            "Cộng 7.020.000" in list_part) == (True, True, True)  # fmt: skip


def test_a_draft_has_blanks_for_the_number_and_the_date_and_is_marked_draft(draft_decision):
    doc = decision_document(draft_decision)
    text = pdf_text(render_pdf(doc))
    assert (doc.number_text, doc.draft, "DỰ THẢO" in text, "(Đã ký)" in text) == (
        f"Số: {vn.BLANK}/QĐ-UBND", True, True, False,
    )  # fmt: skip
    assert doc.place_date.startswith(f"Hải Phòng, ngày {vn.BLANK} tháng {vn.BLANK} năm ")


def test_a_draft_shows_the_money_the_signing_would_pay_today(draft_decision):
    from thidua.decisions import money

    expected = money.amount_for(draft_decision.items.first().award_type, "individual", timezone.localdate())
    assert f"Tổng số tiền thưởng: {vn.money(expected.amount * 2)} đồng" in printed(draft_decision)


def test_titles_are_granted_as_danh_hieu_with_their_year(scene):
    decision = new_decision(scene, subject="Về việc công nhận danh hiệu Lao động tiên tiến năm 2025")
    add_item(decision, scene, HOA, code="LDTT")
    assert "Tặng danh hiệu “Lao động tiên tiến” năm 2025 cho 01 cá nhân" in printed(decision)


def test_a_posthumous_award_is_truy_tang(scene):
    decision = new_decision(scene)
    add_item(decision, scene, BINH, posthumous=True)
    text = printed(decision)
    assert ("Điều 1. Truy tặng Bằng khen" in text, "I. TRUY TẶNG BẰNG KHEN" in text) == (True, True)


def test_several_award_types_are_listed_one_by_one_and_grouped_in_the_list(scene):
    decision = new_decision(scene)
    add_item(decision, scene, HOA)
    add_item(decision, scene, BINH, code="LDTT")
    text = printed(decision)
    assert "Khen thưởng 02 cá nhân có tên trong danh sách kèm theo, cụ thể: 1. Tặng Bằng khen" in text
    assert ("I. TẶNG BẰNG KHEN" in text, "II. TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025" in text) == (True, True)


def test_a_decision_of_the_collegial_body_is_headed_by_the_body_alone(scene):
    decision = new_decision(scene, signing_capacity="TM. ỦY BAN NHÂN DÂN", signer_position="CHỦ TỊCH")
    add_item(decision, scene, HOA)
    text = printed(decision)
    assert ("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ" in text, "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text) == (False, True)


def test_an_amendment_names_the_decision_it_corrects_and_what_the_list_said_before(scene, signed_decision):
    award = AwardFactory(
        person=scene.people[HOA],
        award_type=scene.awards["BK_TINH"],
        year=2025,
        recipient_name="Nguyễn Thị Hòa",
        unit_name="Phường An Biên",
        decision_number="05/QĐ-UBND",
    )
    amendment = new_decision(scene, kind=DecisionKind.AMENDMENT, amends=signed_decision,
                             subject="Về việc điều chỉnh Quyết định số 05/QĐ-UBND")  # fmt: skip
    add_item(amendment, scene, HOA, replaces=award)
    text = printed(amendment)
    assert ("Điều 1. Điều chỉnh nội dung khen thưởng tại Quyết định số 05/QĐ-UBND ngày 05/3/2025 của Chủ tịch UBND "
            "thành phố Hải Phòng đối với 01 cá nhân") in text  # fmt: skip
    assert ("Nguyễn Thị Hòa; Phường An Biên" in text, "ĐIỀU CHỈNH NỘI DUNG KHEN THƯỞNG" in text) == (True, True)


def test_a_revocation_cancels_the_award_of_the_decision_it_names(scene, signed_decision):
    award = AwardFactory(person=scene.people[BINH], award_type=scene.awards["BK_TINH"], year=2025,
                         recipient_name=BINH, decision_number="05/QĐ-UBND")  # fmt: skip
    revocation = new_decision(scene, kind=DecisionKind.REVOCATION, amends=signed_decision,
                              subject="Về việc hủy bỏ khen thưởng")  # fmt: skip
    add_item(revocation, scene, BINH, revokes=award)
    text = printed(revocation)
    assert ("Điều 1. Hủy bỏ Bằng khen của Chủ tịch UBND thành phố đã tặng tại Quyết định số 05/QĐ-UBND ngày "
            "05/3/2025") in text  # fmt: skip
    assert "nộp lại hiện vật khen thưởng và tiền thưởng đã nhận" in text


def test_the_download_is_named_after_the_decision_number(signed_decision, draft_decision):
    names = [file_name(decision_document(decision), "pdf") for decision in (signed_decision, draft_decision)]
    assert (names[0], names[1].startswith(f"Dự thảo quyết định {draft_decision.pk}")) == (
        "Quyết định 05-QĐ-UBND.pdf",
        True,
    )


def test_a_decision_signed_by_the_signing_service_prints_its_register_number_and_amounts(scene):
    decision = signed(scene, ((HOA, "BK_TINH"),), signed_on=dt.date(2025, 9, 8))
    text = docx_text(render_docx(decision_document(decision)))
    assert (f"Số: {decision.number_text}" in text, "Hải Phòng, ngày 08 tháng 9 năm 2025" in text,
            "= 3.510.000 đồng/cá nhân" in text, HOA in text) == (True, True, True, True)  # fmt: skip


def test_an_extract_lists_the_awards_it_certifies_and_its_verification_address(settings, extract):
    settings.THIDUA_SITE_URL = "https://thidua.haiphong.gov.vn"
    doc = extract_document(extract)
    text = pdf_text(render_pdf(doc))
    assert doc.qr_url == f"https://thidua.haiphong.gov.vn/verify/{extract.code}"
    assert "1 2023 Lao động tiên tiến 812/QĐ-UBND, ngày 22/12/2023 Chủ tịch UBND quận Lê Chân" in text
    assert (f"(mã xác thực: {extract.code})" in text, f": {HOA} Năm sinh: 1980" in text) == (True, True)


def test_a_signed_decision_keeps_its_stored_money_even_when_the_base_salary_changes(scene):
    decision = new_decision(scene)
    add_item(decision, scene, HOA, coefficient=Decimal("1.5"), base_salary=1_800_000, amount=2_700_000)
    decision = sign_directly(decision, number=9, on=dt.date(2024, 3, 1))
    assert "1,5 × 1.800.000 đồng = 2.700.000 đồng" in printed(decision)


def test_a_form_named_for_every_issuer_is_named_for_the_authority_that_grants_it(scene):
    """The law's “Bằng khen của bộ, ban, ngành, tỉnh” reads, in the city's decision, as the city's Chairman's."""
    AwardType = type(scene.awards["BK_TINH"])
    AwardType.objects.filter(code="BK_TINH").update(name="Bằng khen của bộ, ban, ngành, tỉnh",
                                                    issued_name="Bằng khen của {authority}")  # fmt: skip
    decision = new_decision(scene)
    add_item(decision, scene, HOA)
    text = printed(decision)
    granted = f"Tặng Bằng khen của {scene.city_authority.name} cho 01 cá nhân"
    assert (granted in text, "bộ, ban, ngành" in text) == (True, False)
