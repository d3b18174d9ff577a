"""The seeded award catalog reads like the law: who grants what, when, with which vote, consultation and money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from tests.catalog.conftest import STABLE_CODES
from thidua.catalog.models import AuthorityKind, AwardType, Confidence, CouncilBody
from thidua.catalog.services import award_type_in_force, award_types_granted_by

REFORM_DAY = dt.date(2025, 7, 1)  # two-tier local government, NĐ 152/2025 in force


def granting_codes(code: str, on: dt.date) -> set[str]:
    return set(award_type_in_force(code, on).granting_authority_kinds.values_list("code", flat=True))


def test_every_stable_code_exists_once_in_the_nd152_regime(catalog):
    codes = AwardType.objects.filter(regime__code="nd152_2025").values_list("code", flat=True)

    assert sorted(codes) == sorted(STABLE_CODES)


def test_every_stable_code_but_the_model_commune_is_judged_by_the_2021_regime_in_2021(catalog):
    codes_of_2021 = [code for code in STABLE_CODES if code != "XA_TIEU_BIEU"]

    regimes = {award_type_in_force(code, dt.date(2021, 12, 1)).regime.code for code in codes_of_2021}

    assert regimes == {"nd91_2017"}


def test_the_model_commune_title_has_no_2021_version(catalog):
    with pytest.raises(AwardType.DoesNotExist):
        award_type_in_force("XA_TIEU_BIEU", dt.date(2021, 12, 1))


def test_award_type_versions_span_their_regime(catalog):
    mismatched = [
        str(award_type)
        for award_type in AwardType.objects.select_related("regime")
        if (award_type.valid_from, award_type.valid_to) != (award_type.regime.valid_from, award_type.regime.valid_to)
    ]

    assert mismatched == []


def test_model_commune_title_says_special_zone_from_the_reform(catalog):
    assert award_type_in_force("XA_TIEU_BIEU", dt.date(2025, 6, 30)).name == "Xã, phường, thị trấn tiêu biểu"
    assert award_type_in_force("XA_TIEU_BIEU", REFORM_DAY).name == "Xã, phường, đặc khu tiêu biểu"


def test_district_chairman_kind_is_not_in_force_from_the_reform(catalog):
    in_force = AuthorityKind.objects.in_force(REFORM_DAY).values_list("code", flat=True)

    assert "ct_ubnd_huyen" not in in_force


def test_district_chairman_grants_nothing_dated_from_the_reform(catalog):
    district_chairman = AuthorityKind.objects.get(code="ct_ubnd_huyen")

    assert list(award_types_granted_by(district_chairman, REFORM_DAY)) == []


def test_no_award_type_in_force_from_the_reform_names_the_district_chairman(catalog):
    named = AwardType.objects.in_force(REFORM_DAY).filter(granting_authority_kinds__code="ct_ubnd_huyen")

    assert list(named) == []


def test_district_chairman_granted_giay_khen_until_2025_06_30(catalog):
    assert "ct_ubnd_huyen" in granting_codes("GK", dt.date(2025, 6, 30))
    assert "ct_ubnd_huyen" in granting_codes("GK", dt.date(2021, 12, 1))


def test_giay_khen_issuers_from_the_reform(catalog):
    assert granting_codes("GK", REFORM_DAY) == {
        "ct_ubnd_xa", "gd_so", "thu_truong_don_vi", "gd_doanh_nghiep", "ct_hdqt_doanh_nghiep",
    }  # fmt: skip


@pytest.mark.parametrize("code", ["CSTDCS", "TTLDTT", "THON_VAN_HOA"])
def test_commune_chairman_grants_district_titles_only_from_the_reform(catalog, code):
    assert "ct_ubnd_xa" not in granting_codes(code, dt.date(2025, 6, 30))
    assert "ct_ubnd_xa" in granting_codes(code, REFORM_DAY)


def test_commune_chairman_granted_ldtt_giay_khen_and_cultural_family_before_the_reform(catalog):
    commune_chairman = AuthorityKind.objects.get(code="ct_ubnd_xa")

    granted = award_types_granted_by(commune_chairman, dt.date(2025, 6, 30)).values_list("code", flat=True)

    assert set(granted) == {"LDTT", "GK", "GD_VAN_HOA"}


def test_board_chair_of_an_enterprise_grants_giay_khen_only(catalog):
    board_chair = AuthorityKind.objects.get(code="ct_hdqt_doanh_nghiep")

    assert list(award_types_granted_by(board_chair, REFORM_DAY).values_list("code", flat=True)) == ["GK"]


@pytest.mark.parametrize(
    ("day", "coefficient"),
    [(dt.date(2021, 12, 1), Decimal("1.0")), (dt.date(2025, 8, 1), Decimal("1.5"))],
)
def test_bk_tinh_individual_coefficient_is_judged_by_the_regime_then_in_force(catalog, day, coefficient):
    assert award_type_in_force("BK_TINH", day).coef_individual == coefficient


@pytest.mark.parametrize(
    ("code", "threshold"),
    [("CSTD_TINH", "0.9"), ("CSTD_TQ", "0.9"), ("AHLD", "0.9"), ("CSTDCS", "0.8"), ("CO_TD_TINH", "0.8"),
     ("CO_TD_CP", "0.8")],
)  # fmt: skip
def test_council_votes_by_secret_ballot_with_the_legal_share_of_members(catalog, code, threshold):
    award_type = award_type_in_force(code, REFORM_DAY)

    assert (award_type.council_body, award_type.council_threshold) == (CouncilBody.COUNCIL, Decimal(threshold))


@pytest.mark.parametrize("code", ["TTLDXS", "BK_TINH"])
def test_standing_body_appraises_instead_of_a_vote(catalog, code):
    award_type = award_type_in_force(code, REFORM_DAY)

    assert (award_type.council_body, award_type.council_threshold) == (CouncilBody.STANDING, None)


def test_public_consultation_of_ten_working_days_for_orders_heroes_and_national_fighters(catalog):
    consulted = AwardType.objects.in_force(REFORM_DAY).filter(needs_public_consultation=True)

    assert {(award_type.code, award_type.consultation_working_days) for award_type in consulted} == {
        ("HCLD1", 10), ("HCLD2", 10), ("HCLD3", 10), ("AHLD", 10), ("CSTD_TQ", 10),
    }  # fmt: skip


def test_cstdcs_needs_an_initiative_certificate_and_the_vote_result(catalog):
    documents = award_type_in_force("CSTDCS", REFORM_DAY).required_documents.values_list("code", flat=True)

    assert set(documents) == {"to_trinh", "bao_cao_thanh_tich", "bien_ban_hoi_dong", "ket_qua_bo_phieu",
                              "chung_nhan_sang_kien"}  # fmt: skip


def test_every_version_has_a_legal_source_and_a_granting_authority(catalog):
    incomplete = [
        str(award_type)
        for award_type in AwardType.objects.all()
        if not award_type.legal_source or not award_type.granting_authority_kinds.exists()
    ]

    assert incomplete == []


def test_rows_below_high_confidence_need_verification(catalog):
    unverified = AwardType.objects.exclude(confidence=Confidence.HIGH)

    assert unverified.exists()
    assert all(award_type.needs_verification for award_type in unverified)
    assert all("cần xác minh" in award_type.notes.lower() for award_type in unverified)


def test_high_confidence_rows_do_not_need_verification(catalog):
    assert award_type_in_force("LDTT", REFORM_DAY).needs_verification is False


def test_2021_facts_domain_does_not_give_are_low_confidence_and_left_empty(catalog):
    order_2021 = award_type_in_force("HCLD3", dt.date(2021, 12, 1))

    assert (order_2021.confidence, order_2021.coef_individual) == (Confidence.LOW, None)
    assert "cần xác minh" in order_2021.notes.lower()


def test_bk_tinh_nd98_coefficient_is_seeded_at_medium_confidence(catalog):
    bk_2024 = award_type_in_force("BK_TINH", dt.date(2024, 8, 1))

    assert (bk_2024.confidence, bk_2024.coef_individual) == (Confidence.MEDIUM, Decimal("1.0"))
    assert "cần xác minh" in bk_2024.notes.lower()


def test_the_hai_phong_plan_grassroots_giay_khen_issuers_exist_in_2021(catalog):
    # Giấy khen của Giám đốc các sở; của Chủ tịch UBND các quận, huyện; của Chủ tịch UBND các xã, phường, thị trấn.
    assert {"gd_so", "ct_ubnd_huyen", "ct_ubnd_xa"} <= granting_codes("GK", dt.date(2021, 12, 1))


def test_the_province_bang_khen_is_named_for_the_authority_that_grants_it(catalog):
    bang_khen = AwardType.objects.filter(code="BK_TINH").in_force(dt.date(2026, 7, 15)).get()
    city = SimpleNamespace(name="Chủ tịch Ủy ban nhân dân thành phố Hải Phòng")
    assert (bang_khen.name_given_by(city), bang_khen.name_given_by(None)) == (
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng",
        "Bằng khen của bộ, ban, ngành, tỉnh",
    )


def test_a_name_in_decisions_without_the_authority_placeholder_is_refused(catalog):
    bang_khen = AwardType.objects.filter(code="BK_TINH").in_force(dt.date(2026, 7, 15)).get()
    bang_khen.issued_name = "Bằng khen của Chủ tịch"
    with pytest.raises(ValidationError) as refused:
        bang_khen.full_clean()
    assert "issued_name" in refused.value.message_dict
