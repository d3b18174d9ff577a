"""revise_award_type makes a new version instead of rewriting the past; named reads pick the version of a date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories.catalog import AuthorityFactory, AuthorityKindFactory, AwardTypeFactory, DocumentKindFactory
from tests.factories.orgs import OrgUnitFactory
from thidua.audit.models import AuditEntry
from thidua.catalog.models import AwardType
from thidua.catalog.services import authorities_in_force, award_type_in_force, revise_award_type

NEW_YEAR = dt.date(2026, 1, 1)


@pytest.fixture
def ldtt(db):
    award_type = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", coef_individual=Decimal("0.3"))
    award_type.granting_authority_kinds.set([AuthorityKindFactory(code="ct_ubnd_xa", name="Chủ tịch UBND cấp xã")])
    award_type.required_documents.set([DocumentKindFactory(code="to_trinh")])
    return award_type


def test_revise_award_type_keeps_the_old_row_except_its_last_day(ldtt, admin_user):
    revise_award_type(ldtt, by=admin_user, effective_from=NEW_YEAR, coef_individual=Decimal("0.4"))

    old = AwardType.objects.get(pk=ldtt.pk)
    assert (old.coef_individual, old.valid_from, old.valid_to) == (Decimal("0.3"), dt.date(2025, 7, 1),
                                                                   dt.date(2025, 12, 31))  # fmt: skip


def test_revise_award_type_new_row_is_in_force_only_from_its_date(ldtt, admin_user):
    new = revise_award_type(ldtt, by=admin_user, effective_from=NEW_YEAR, coef_individual=Decimal("0.4"))

    assert award_type_in_force("LDTT", dt.date(2025, 12, 31)).pk == ldtt.pk
    assert award_type_in_force("LDTT", NEW_YEAR).pk == new.pk
    assert (new.coef_individual, new.valid_to) == (Decimal("0.4"), None)


def test_revise_award_type_copies_authorities_and_documents(ldtt, admin_user):
    new = revise_award_type(ldtt, by=admin_user, effective_from=NEW_YEAR, notes="Theo văn bản mới")

    assert list(new.granting_authority_kinds.values_list("code", flat=True)) == ["ct_ubnd_xa"]
    assert list(new.required_documents.values_list("code", flat=True)) == ["to_trinh"]


def test_revise_award_type_changes_authorities_of_the_new_version_only(ldtt, admin_user):
    director = AuthorityKindFactory(code="gd_so", name="Giám đốc sở", level="grassroots")

    new = revise_award_type(ldtt, by=admin_user, effective_from=NEW_YEAR, granting_authority_kinds=[director])

    assert list(new.granting_authority_kinds.values_list("code", flat=True)) == ["gd_so"]
    assert list(ldtt.granting_authority_kinds.values_list("code", flat=True)) == ["ct_ubnd_xa"]


def test_revise_award_type_refuses_a_date_not_after_the_current_start(ldtt, admin_user):
    with pytest.raises(ValidationError) as refused:
        revise_award_type(ldtt, by=admin_user, effective_from=dt.date(2025, 7, 1), coef_individual=Decimal("0.4"))

    assert refused.value.message_dict["effective_from"] == [
        "Ngày áp dụng phải sau ngày 01/07/2025, ngày bắt đầu hiệu lực của phiên bản hiện hành “Lao động tiên tiến”: "
        "không sửa lại quá khứ."
    ]
    assert AwardType.objects.filter(code="LDTT").count() == 1


def test_revise_award_type_refuses_a_change_that_changes_nothing(ldtt, admin_user):
    with pytest.raises(ValidationError) as refused:
        revise_award_type(ldtt, by=admin_user, effective_from=NEW_YEAR, coef_individual=Decimal("0.30"))

    assert refused.value.messages == ["Không có thay đổi nào so với phiên bản hiện hành."]


def test_revise_award_type_is_recorded_under_the_acting_user(ldtt, admin_user):
    new = revise_award_type(ldtt, by=admin_user, effective_from=NEW_YEAR, coef_individual=Decimal("0.4"))

    entries = AuditEntry.objects.filter(object_pk=str(new.pk), content_type__model="awardtype")
    assert {(entry.code, entry.actor) for entry in entries} == {
        ("catalog.awardtype.created", admin_user),
        ("catalog.awardtype.revised", admin_user),
    }


def test_award_type_in_force_before_any_version_raises(ldtt):
    with pytest.raises(AwardType.DoesNotExist, match="Không có danh hiệu, hình thức khen thưởng mã LDTT"):
        award_type_in_force("LDTT", dt.date(2025, 6, 30))


def test_authorities_in_force_drop_the_district_chairman_from_the_reform(db):
    district = OrgUnitFactory(name="Quận Lê Chân")
    chairman_kind = AuthorityKindFactory(code="ct_ubnd_huyen", name="Chủ tịch UBND cấp huyện", level="grassroots",
                                         valid_to=dt.date(2025, 6, 30))  # fmt: skip
    chairman = AuthorityFactory(kind=chairman_kind, unit=district, name="Chủ tịch UBND quận Lê Chân")

    assert list(authorities_in_force(district, dt.date(2025, 6, 30))) == [chairman]
    assert list(authorities_in_force(district, dt.date(2025, 7, 1))) == []


def test_authorities_in_force_include_the_ancestors_when_asked(db):
    city = OrgUnitFactory(name="Thành phố Hải Phòng")
    ward = OrgUnitFactory(name="Phường An Biên", parent=city)
    city_chairman = AuthorityFactory(unit=city, name="Chủ tịch UBND thành phố Hải Phòng")

    assert list(authorities_in_force(ward, dt.date(2025, 8, 1))) == []
    assert list(authorities_in_force(ward, dt.date(2025, 8, 1), include_ancestors=True)) == [city_chairman]


def test_revise_award_type_records_the_changed_documents_in_the_audit_log(ldtt, admin_user):
    report = DocumentKindFactory(code="bao_cao_thanh_tich", name="Báo cáo thành tích")

    new = revise_award_type(ldtt, by=admin_user, effective_from=NEW_YEAR, required_documents=[report])

    entry = AuditEntry.objects.get(code="catalog.awardtype.revised", object_id=new.pk)
    assert (entry.actor, entry.additional_data["required_documents"]) == (
        admin_user,
        {"before": [str(ldtt.required_documents.get())], "after": ["Báo cáo thành tích"]},
    )
