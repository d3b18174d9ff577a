"""The documents of a dossier as their PDF prints them: the unit's tờ trình (Mẫu số 01) to the authority with the
summary by award type and the list; the council's biên bản with the secret vote's result, only once the vote is
closed; each entry's báo cáo thành tích in the template of its case, pre-filled with the awards in force and the
yearly ratings."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from tests.documents.reading import pdf_text
from tests.dossiers.workflow_scene import BINH, HOA, draft, entry_of
from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from tests.factories.orgs import MembershipFactory
from thidua.documents import vn
from thidua.documents.pdf import render_pdf
from thidua.dossiers.documents import achievement_report, council_minutes, proposal, report_template
from thidua.dossiers.enums import DossierKind
from thidua.records.enums import RatingLevel

pytestmark = pytest.mark.django_db


def printed(doc) -> str:
    return pdf_text(render_pdf(doc))


# --- Tờ trình ----------------------------------------------------------------------------------------------------


def test_the_proposal_is_addressed_to_the_authority_and_summarises_the_entries_by_award(dossier):
    text = printed(proposal(dossier))
    assert "TỜ TRÌNH Về việc đề nghị tặng Bằng khen của Chủ tịch UBND thành phố" in text
    assert "Kính gửi: Chủ tịch UBND thành phố Hải Phòng." in text
    assert (
        "Quận Lê Chân kính đề nghị Chủ tịch UBND thành phố Hải Phòng xem xét, khen thưởng năm 2025 cho 02 cá nhân"
        in text
    )
    assert "1. Tặng Bằng khen của Chủ tịch UBND thành phố: 02 cá nhân." in text


def test_the_proposal_is_issued_by_the_unit_s_people_s_committee_on_the_day_it_was_submitted(dossier):
    doc = proposal(dossier)
    submitted = timezone.localdate(dossier.submitted_at)
    assert (doc.issuing_body, doc.number_text, doc.place_date, doc.form_ref) == (
        dossier.unit.authorities.get().issuing_body, f"Số: {vn.BLANK}/TTr-UBND",
        vn.place_date("Hải Phòng", submitted), "Mẫu số 01",
    )  # fmt: skip
    assert [(s.capacity, s.position) for s in doc.signatures] == [("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")]


def test_the_proposal_of_a_draft_leaves_the_date_to_be_written(scene):
    doc = proposal(draft(scene))
    assert doc.place_date == vn.blank_place_date("Hải Phòng", timezone.localdate().year)


def test_the_proposal_lists_each_nominee_with_position_unit_and_achievement(dossier):
    text = printed(proposal(dossier))
    list_part = text[text.index("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG") :]
    assert "I. TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND THÀNH PHỐ (02 cá nhân)" in list_part
    assert (HOA in list_part, BINH in list_part, "Thành tích của Nguyễn Thị Hoa năm 2025." in list_part) == (
        True, True, True,
    )  # fmt: skip


# --- Biên bản kiểm phiếu -----------------------------------------------------------------------------------------


def test_the_minutes_print_who_attended_and_each_entry_s_tally_against_its_threshold(closed_session):
    text = printed(council_minutes(closed_session))
    assert "Tổng số thành viên Hội đồng: 05; có mặt: 05; vắng mặt: 00." in text
    assert "Chủ trì: Hoàng Minh Tuấn" in text
    assert f"1 Bà {HOA} Chiến sĩ thi đua thành phố 5/5 0 0 100 % Đạt (yêu cầu 90 %)" in text
    assert f"2 Ông {BINH} Chiến sĩ thi đua thành phố 4/5 1 0 80 % Không đạt (yêu cầu 90 %)" in text


def test_the_minutes_conclude_with_the_entries_that_passed_and_are_signed_by_secretary_and_chair(closed_session):
    doc = council_minutes(closed_session)
    text = printed(doc)
    assert (
        "Hội đồng thống nhất đề nghị Chủ tịch UBND thành phố Hải Phòng xem xét, quyết định khen thưởng đối với 01"
        in text
    )
    assert [(s.position, s.name) for s in doc.signatures] == [
        ("THƯ KÝ HỘI ĐỒNG", "Bùi Thị Ngọc Anh"), ("CHỦ TỊCH HỘI ĐỒNG", "Hoàng Minh Tuấn"),
    ]  # fmt: skip


def test_a_session_not_yet_closed_has_no_minutes_to_print(planned_session):
    with pytest.raises(ValidationError) as raised:
        council_minutes(planned_session)
    assert list(raised.value.message_dict) == ["session"]


# --- Báo cáo thành tích ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dossier_kind", "recipient", "award", "template", "form_ref"),
    [
        (DossierKind.YEAR_END, "person", "BK_TINH", "ca_nhan_cong_trang", "Mẫu số 05"),
        (DossierKind.YEAR_END, "unit", "BK_TINH", "tap_the_cong_trang", "cần xác minh"),
        (DossierKind.MOVEMENT, "person", "BK_TINH", "chuyen_de", "cần xác minh"),
        (DossierKind.AD_HOC, "person", "BK_TINH", "dot_xuat", "cần xác minh"),
        (DossierKind.SERVICE, "person", "HCLD3", "cong_hien", "cần xác minh"),
        (DossierKind.YEAR_END, "person", "CSTD_TQ", "cstd_toan_quoc", "cần xác minh"),
    ],
)
def test_the_report_template_follows_the_award_the_dossier_kind_and_the_recipient(
    scene, dossier_kind, recipient, award, template, form_ref
):
    from tests.factories.catalog import AwardTypeFactory

    award_type = scene.awards.get(award) or AwardTypeFactory(code=award, name="Chiến sĩ thi đua toàn quốc")
    dossier = DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority, kind=dossier_kind)
    nominee = (
        {"person": scene.people[HOA]} if recipient == "person" else {"person": None, "unit": scene.units["an_bien"]}
    )
    entry = DossierEntryFactory(dossier=dossier, award_type=award_type, **nominee)
    chosen = report_template(entry)
    assert (chosen.code, form_ref in chosen.form_ref) == (template, True)


def test_the_individual_report_has_no_issuing_body_and_is_certified_by_the_head(hoa_entry):
    doc = achievement_report(hoa_entry)
    assert (doc.issuing_body, [s.position for s in doc.signatures], doc.signatures[1].name) == (
        "", ["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "NGƯỜI BÁO CÁO THÀNH TÍCH"], HOA,
    )  # fmt: skip


def test_the_report_prints_the_particulars_and_the_achievement(hoa_entry):
    text = printed(achievement_report(hoa_entry))
    assert "BÁO CÁO THÀNH TÍCH Đề nghị tặng Bằng khen của Chủ tịch UBND thành phố" in text
    assert (f"- Họ và tên (ghi đầy đủ, không viết tắt): {HOA}" in text, "Sinh ngày, tháng, năm: 01/5/1980" in text,
            "Thành tích của Nguyễn Thị Hoa năm 2025." in text) == (True, True, True)  # fmt: skip


def test_the_report_lists_titles_and_forms_in_force_and_leaves_out_a_revoked_award(hoa_entry, history):
    text = printed(achievement_report(hoa_entry))
    assert "2023 Lao động tiên tiến Quyết định số 812/QĐ-UBND ngày 22/12/2023 của Chủ tịch UBND quận Lê Chân" in text
    assert "2024 Bằng khen của Chủ tịch UBND thành phố Quyết định số 3998/QĐ-UBND ngày 07/10/2024" in text
    assert "1717/QĐ-UBND" not in text


def test_the_report_lists_the_yearly_ratings(hoa_entry, history):
    text = printed(achievement_report(hoa_entry))
    assert ("2023 Hoàn thành xuất sắc nhiệm vụ" in text, "2024 Hoàn thành tốt nhiệm vụ" in text) == (True, True)


def test_a_nominee_without_history_reads_chua_co(scene):
    entry = entry_of(draft(scene, ((BINH, "BK_TINH"),)), BINH)
    assert printed(achievement_report(entry)).count("(Chưa có)") == 3


def test_a_long_service_report_lists_the_career_from_the_memberships(scene):
    binh = scene.people[BINH]
    MembershipFactory(person=binh, unit=scene.units["le_chan"], position="Phó Chủ tịch",
                      start_date=dt.date(2010, 1, 1), end_date=dt.date(2019, 12, 31), is_primary=False)  # fmt: skip
    dossier = DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority, kind=DossierKind.SERVICE)
    entry = DossierEntryFactory(dossier=dossier, award_type=scene.awards["HCLD3"], person=binh)
    text = printed(achievement_report(entry))
    assert ("BÁO CÁO TÓM TẮT QUÁ TRÌNH CÔNG TÁC" in text, "01/2010 – 12/2019 Phó Chủ tịch Quận Lê Chân" in text) == (
        True, True,
    )  # fmt: skip


def test_a_collective_report_describes_the_unit_and_is_signed_by_its_head(scene):
    dossier = DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority, kind=DossierKind.YEAR_END)
    entry = DossierEntryFactory(dossier=dossier, award_type=scene.awards["BK_TINH"], person=None,
                                unit=scene.units["an_bien"])  # fmt: skip
    doc = achievement_report(entry)
    text = printed(doc)
    assert ("I. ĐẶC ĐIỂM, TÌNH HÌNH" in text, "- Tên tập thể: Phường An Biên" in text, doc.issuing_body) == (
        True, True, "PHƯỜNG AN BIÊN",
    )  # fmt: skip
    assert [s.position for s in doc.signatures] == [
        "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN", "THỦ TRƯỞNG ĐƠN VỊ",
    ]  # fmt: skip


def test_an_english_speaking_user_still_gets_the_report_in_vietnamese(settings, hoa_entry, history):
    call_command("compile_catalogs", stdout=io.StringIO())
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)  # drop catalogs loaded before they were compiled
    with translation.override("en"):
        english = str(RatingLevel.EXCELLENT.label)
        text = printed(achievement_report(hoa_entry))
    assert (english != "Hoàn thành xuất sắc nhiệm vụ", "2023 Hoàn thành xuất sắc nhiệm vụ" in text) == (True, True)
