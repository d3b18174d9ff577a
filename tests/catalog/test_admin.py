"""The catalog in the admin site: unverified rows are marked, and saving a change makes a new version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.catalog.admin import AwardTypeRevisionForm
from thidua.catalog.models import AwardType


def revision_post_data(award_type: AwardType, **overrides) -> dict:
    """What the change form posts when nothing is edited, then ``overrides``."""
    data = {}
    for name in AwardTypeRevisionForm.base_fields:
        if name == "effective_from":
            continue
        value = getattr(award_type, name)
        if name in ("granting_authority_kinds", "required_documents"):
            data[name] = [str(item.pk) for item in value.all()]
        elif name == "recipient_kinds":
            data[name] = list(value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    data.update(overrides)
    return data


@pytest.fixture
def bk_tinh(catalog):
    return AwardType.objects.get(code="BK_TINH", regime__code="nd152_2025")


def change_url(award_type: AwardType) -> str:
    return reverse("admin:catalog_awardtype_change", args=[award_type.pk])


def test_award_type_list_marks_unverified_rows(catalog, admin_client):
    response = admin_client.get(reverse("admin:catalog_awardtype_changelist"), {"code": "BK_TINH"})

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("⚠ cần xác minh</strong>") == 3  # BK_TINH: L (2017–2023), M (2024–6/2025), M (7/2025–)


def test_award_type_list_filters_by_confidence(catalog, admin_client):
    response = admin_client.get(reverse("admin:catalog_awardtype_changelist"), {"confidence__exact": "H"})

    shown = {row.code for row in response.context["cl"].result_list}
    assert response.status_code == 200
    assert shown == set(AwardType.objects.filter(confidence="H").values_list("code", flat=True))
    assert "BK_TINH" not in shown


def test_award_type_change_page_shows_the_verification_marker(bk_tinh, admin_client):
    response = admin_client.get(change_url(bk_tinh))

    assert response.status_code == 200
    assert "⚠ cần xác minh</strong>" in response.content.decode()
    assert "Áp dụng từ" in response.content.decode()


def test_award_type_saved_change_makes_a_new_version(bk_tinh, admin_client):
    data = revision_post_data(bk_tinh, coef_individual="1.6", effective_from="01/01/2027")

    response = admin_client.post(change_url(bk_tinh), data)

    new = AwardType.objects.get(code="BK_TINH", valid_from=dt.date(2027, 1, 1))
    bk_tinh.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == change_url(new)
    assert (str(new.coef_individual), new.valid_to) == ("1.60", None)
    assert (str(bk_tinh.coef_individual), bk_tinh.valid_to) == ("1.50", dt.date(2026, 12, 31))


def test_award_type_saved_change_keeps_authorities_of_the_old_version(bk_tinh, admin_client):
    data = revision_post_data(bk_tinh, notes="Đã đối chiếu Công báo", effective_from="01/01/2027")

    admin_client.post(change_url(bk_tinh), data)

    new = AwardType.objects.get(code="BK_TINH", valid_from=dt.date(2027, 1, 1))
    assert set(new.granting_authority_kinds.values_list("code", flat=True)) == {"ct_ubnd_tinh", "bo_truong"}


def test_award_type_change_refuses_an_effective_date_not_after_the_start(bk_tinh, admin_client):
    data = revision_post_data(bk_tinh, coef_individual="1.6", effective_from="01/07/2025")

    response = admin_client.post(change_url(bk_tinh), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["effective_from"] == [
        "Ngày áp dụng phải sau ngày 01/07/2025, ngày bắt đầu hiệu lực của phiên bản hiện hành "
        "“Bằng khen của bộ, ban, ngành, tỉnh”: không sửa lại quá khứ."
    ]
    assert AwardType.objects.filter(code="BK_TINH").count() == 3


def test_award_type_cannot_be_deleted_in_the_admin(bk_tinh, admin_client):
    response = admin_client.get(reverse("admin:catalog_awardtype_delete", args=[bk_tinh.pk]))

    assert response.status_code == 403
    assert AwardType.objects.filter(pk=bk_tinh.pk).exists()


def test_award_type_change_without_any_change_is_refused(bk_tinh, admin_client):
    data = revision_post_data(bk_tinh, effective_from="01/01/2027")

    response = admin_client.post(change_url(bk_tinh), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Không có thay đổi nào so với phiên bản hiện hành."
    ]


def test_award_type_recipient_kinds_are_chosen_with_check_boxes(bk_tinh, admin_client):
    response = admin_client.get(change_url(bk_tinh))

    content = response.content.decode()
    assert 'type="checkbox" name="recipient_kinds" value="household"' in content
    assert "Hộ gia đình" in content
