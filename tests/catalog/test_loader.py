"""`thidua load_catalog`: one idempotent command loads the reference data and the catalog from the data files."""

from __future__ import annotations

import datetime as dt
import io
import itertools

from django.core.management import call_command

from thidua.accounts.models import Role
from thidua.catalog.loader import load_catalog
from thidua.catalog.models import AuthorityKind, AwardType, BaseSalary, DocumentKind, LegalRegime
from thidua.catalog.services import revise_award_type
from thidua.decisions.models import CertificateLayout
from thidua.eligibility.models import Principle, Rule
from thidua.orgs.models import Ethnicity, PeriodKind, Sector, UnitKind
from thidua.reports.models import ReportFormSpec

LOADED_MODELS = [Sector, UnitKind, Ethnicity, Role, LegalRegime, BaseSalary, AuthorityKind, DocumentKind, AwardType,
                 Principle, Rule, CertificateLayout, ReportFormSpec]  # fmt: skip


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in LOADED_MODELS}


def test_load_catalog_second_run_keeps_row_counts(catalog):
    before = row_counts()

    call_command("load_catalog", stdout=io.StringIO())

    assert row_counts() == before


def test_load_catalog_second_run_changes_nothing(catalog):
    report = load_catalog()

    assert report.changed is False
    assert report.total("unchanged") == sum(row_counts().values())


def test_load_catalog_rerun_reports_nothing_changed(catalog):
    out = io.StringIO()

    call_command("load_catalog", stdout=out)

    assert out.getvalue().splitlines()[-1] == "Xong: danh mục đã đúng với dữ liệu, không có gì thay đổi."


def test_load_catalog_restores_a_seeded_value_by_natural_key(catalog):
    Sector.objects.filter(code="health").update(name="Ngành y")

    load_catalog()

    assert Sector.objects.get(code="health").name == "Y tế"


def test_load_catalog_keeps_an_administrators_revision(catalog, admin_user):
    seeded = AwardType.objects.get(code="LDTT", regime__code="nd152_2025")
    revision = revise_award_type(seeded, by=admin_user, effective_from=dt.date(2026, 1, 1), notes="Sửa đổi thử")

    report = load_catalog()

    seeded.refresh_from_db()
    assert report.changed is False
    assert seeded.valid_to == dt.date(2025, 12, 31)
    assert AwardType.objects.get(pk=revision.pk).notes == "Sửa đổi thử"


def test_sectors_education_counts_school_years(catalog):
    assert Sector.objects.get(code="education").period_kind == PeriodKind.SCHOOL_YEAR


def test_unit_kinds_have_the_agreed_codes(catalog):
    assert set(UnitKind.objects.values_list("code", flat=True)) == {
        "central", "city", "province", "department", "urban_district", "rural_district", "town", "ward", "commune",
        "township", "special_zone", "agency", "public_service", "school", "hospital", "enterprise", "mass_org",
        "media", "armed_forces", "village", "division",
    }  # fmt: skip


def test_unit_kinds_district_tier_ends_on_2025_06_30(catalog):
    ended = UnitKind.objects.filter(valid_to=dt.date(2025, 6, 30)).values_list("code", flat=True)

    assert set(ended) == {"urban_district", "rural_district", "town", "township"}


def test_unit_kind_special_zone_starts_on_2025_07_01(catalog):
    assert UnitKind.objects.get(code="special_zone").valid_from == dt.date(2025, 7, 1)


def test_ethnicities_are_the_54_groups_and_foreigners(catalog):
    assert Ethnicity.objects.count() == 55
    assert Ethnicity.objects.filter(is_minority=True).count() == 53
    assert Ethnicity.objects.get(code="01").name == "Kinh"
    assert Ethnicity.objects.get(code="54").name == "Rơ-măm"
    assert Ethnicity.objects.get(code="NN").is_minority is False


def test_roles_have_the_design_codes(catalog):
    assert list(Role.objects.order_by("pk").values_list("code", flat=True)) == [
        "unit_officer", "unit_head", "board_officer", "board_head", "council_member", "council_secretary",
        "council_chair", "signer", "clerk", "finance_officer", "cluster_leader", "media", "admin", "integrator",
    ]  # fmt: skip


def test_roles_only_integrator_is_api_only(catalog):
    assert list(Role.objects.filter(api_only=True).values_list("code", flat=True)) == ["integrator"]


def test_authority_kinds_have_the_agreed_codes(catalog):
    assert list(AuthorityKind.objects.order_by("pk").values_list("code", flat=True)) == [
        "chu_tich_nuoc", "thu_tuong", "bo_truong", "ct_ubnd_tinh", "gd_so", "ct_ubnd_huyen", "ct_ubnd_xa",
        "thu_truong_don_vi", "gd_doanh_nghiep", "ct_hdqt_doanh_nghiep",
    ]  # fmt: skip


def test_legal_regimes_cover_2017_to_today_without_gaps(catalog):
    regimes = list(LegalRegime.objects.order_by("valid_from"))

    assert [regime.code for regime in regimes] == ["nd91_2017", "nd98_2023", "nd152_2025"]
    assert regimes[0].valid_from == dt.date(2017, 10, 1)
    assert all(
        earlier.valid_to + dt.timedelta(days=1) == later.valid_from for earlier, later in itertools.pairwise(regimes)
    )
    assert regimes[-1].valid_to is None


def test_base_salaries_follow_the_decrees(catalog):
    assert list(BaseSalary.objects.values_list("valid_from", "amount", "confidence")) == [
        (dt.date(2019, 7, 1), 1_490_000, "H"),
        (dt.date(2023, 7, 1), 1_800_000, "H"),
        (dt.date(2024, 7, 1), 2_340_000, "H"),
        (dt.date(2026, 7, 1), 2_530_000, "M"),
    ]


def test_document_kinds_give_the_nd152_template_numbers(catalog):
    assert DocumentKind.objects.get(code="to_trinh").template_ref.startswith("Mẫu số 01")
    assert DocumentKind.objects.get(code="bao_cao_thanh_tich").template_ref.startswith("Mẫu số 05")
