"""Certificate layouts: seeded by `thidua load_catalog` without ever moving an administrator's calibration of the
blank mode; the calibration page (board of any authority, or admin) with its test page."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.decisions.certificate_scene import page_size_mm, pages, seed_layouts
from thidua.catalog.loader import CREATED, UNCHANGED, UPDATED, load_catalog
from thidua.decisions import layouts
from thidua.decisions.models import CertificateLayout

pytestmark = pytest.mark.django_db


def layout(code: str = "bang_khen_tinh") -> CertificateLayout:
    return CertificateLayout.objects.get(code=code)


def outcomes(report) -> dict:
    return dict(report.counts[CertificateLayout])


def test_load_catalog_seeds_the_three_layouts(db):
    report = load_catalog(files=[layouts.DATA_FILE])

    assert outcomes(report) == {CREATED: 3}
    assert {item.code: (item.title, item.award_codes) for item in CertificateLayout.objects.all()} == {
        "bang_khen_tinh": ("BẰNG KHEN", ["BK_TINH"]),
        "giay_khen": ("GIẤY KHEN", ["GK"]),
        "chung_nhan_danh_hieu": ("GIẤY CHỨNG NHẬN", ["CSTDCS", "CSTD_TINH", "LDTT", "TTLDTT", "TTLDXS"]),
    }
    assert (layout().page_width_mm, layout().page_height_mm) == (420, 297)
    assert (layout("giay_khen").page_width_mm, layout("giay_khen").page_height_mm) == (297, 210)


def test_second_load_changes_nothing(db):
    seed_layouts()

    assert outcomes(load_catalog(files=[layouts.DATA_FILE])) == {UNCHANGED: 3}


def test_reload_keeps_a_calibrated_blank_field_and_restores_the_design(db):
    seed_layouts()
    calibrated = layout()
    calibrated.blank_fields["recipient_name"]["y"] = 158.5
    seeded_title = copy.deepcopy(calibrated.fields["title"])
    calibrated.fields["title"]["size"] = 20
    calibrated.save()

    report = load_catalog(files=[layouts.DATA_FILE])

    assert outcomes(report) == {UPDATED: 1, UNCHANGED: 2}
    assert layout().blank_fields["recipient_name"]["y"] == 158.5
    assert layout().fields["title"] == seeded_title


def test_reload_adds_a_blank_field_the_code_added(db):
    seed_layouts()
    calibrated = layout()
    del calibrated.blank_fields["qr"]
    calibrated.blank_fields["serial"]["x"] = 41
    calibrated.save()

    seed_layouts()

    assert "qr" in layout().blank_fields
    assert layout().blank_fields["serial"]["x"] == 41


def test_reload_leaves_a_switched_off_layout_off(db):
    seed_layouts()
    CertificateLayout.objects.filter(code="giay_khen").update(is_active=False)

    seed_layouts()

    assert layout("giay_khen").is_active is False


def test_a_field_outside_the_page_is_refused(db):
    seed_layouts()
    broken = layout()
    broken.blank_fields["serial"]["x"] = 500

    with pytest.raises(ValidationError) as error:
        layouts.validate_layout(broken)

    assert "blank_fields" in error.value.message_dict


# --- Calibration -------------------------------------------------------------------------------------------------


def test_calibrate_moves_a_field_and_shifts_the_page(scene):
    seed_layouts()
    before = layout().blank_fields

    layouts.calibrate(layout(), by=scene.users["board"], positions={"recipient_name": {"x": 212, "y": 150}},
                      dx=1.5, dy=-2)  # fmt: skip

    after = layout().blank_fields
    assert (after["recipient_name"]["x"], after["recipient_name"]["y"]) == (213.5, 148)
    assert (after["serial"]["x"], after["serial"]["y"]) == (before["serial"]["x"] + 1.5, before["serial"]["y"] - 2)


def test_calibrate_refuses_a_stale_form(scene):
    seed_layouts()
    shown = layout().updated_at
    layouts.calibrate(layout(), by=scene.users["board"], positions={"serial": {"x": 40}})

    with pytest.raises(ValidationError) as error:
        layouts.calibrate(layout(), by=scene.users["board"], positions={"serial": {"x": 42}},
                          expected_updated_at=shown)  # fmt: skip

    assert "version" in error.value.message_dict
    assert layout().blank_fields["serial"]["x"] == 40


def test_only_boards_and_admins_calibrate(scene):
    seed_layouts()

    with pytest.raises(PermissionDenied):
        layouts.calibrate(layout(), by=scene.users["officer"], positions={"serial": {"x": 40}})


def test_layout_pages_send_anonymous_visitors_to_the_login_page(client, db):
    seed_layouts()

    for url in (reverse("certificate_layouts:list"), reverse("certificate_layouts:calibrate", args=[layout().pk]),
                reverse("certificate_layouts:test-page", args=[layout().pk])):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"]


def test_layout_pages_refuse_a_unit_officer(client, scene):
    seed_layouts()
    client.force_login(scene.users["officer"])

    assert client.get(reverse("certificate_layouts:list")).status_code == 403
    assert client.get(reverse("certificate_layouts:calibrate", args=[layout().pk])).status_code == 403


def test_board_of_any_authority_sees_the_layouts(client, scene):
    seed_layouts()
    client.force_login(scene.users["district_board"])

    response = client.get(reverse("certificate_layouts:list"))

    assert response.status_code == 200
    assert "Bằng khen của Chủ tịch UBND tỉnh, thành phố" in response.content.decode()


def test_calibration_page_saves_the_positions(client, scene):
    seed_layouts()
    client.force_login(scene.users["board"])
    url = reverse("certificate_layouts:calibrate", args=[layout().pk])
    form = client.get(url).context["form"]
    data = {name: field.value() for name, field in ((name, form[name]) for name in form.fields)}
    data.update({"serial__x": "44.5", "dx": "0", "dy": "0"})

    response = client.post(url, {key: "" if value is None else value for key, value in data.items()})

    assert response.status_code == 302
    assert layout().blank_fields["serial"]["x"] == 44.5


def test_calibration_page_shows_errors_of_a_position_off_the_page(client, scene):
    seed_layouts()
    client.force_login(scene.users["board"])
    url = reverse("certificate_layouts:calibrate", args=[layout().pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update({"serial__y": "400", "dx": "0", "dy": "0"})

    response = client.post(url, {key: "" if value is None else value for key, value in data.items()})

    assert response.status_code == 400
    assert layout().blank_fields["serial"]["y"] == 222.5


def test_test_page_is_a_pdf_of_the_layouts_size(client, scene):
    seed_layouts()
    client.force_login(scene.users["board"])

    response = client.get(reverse("certificate_layouts:test-page", args=[layout("giay_khen").pk]))

    assert response["Content-Type"] == "application/pdf"
    assert page_size_mm(pages(response.content)[0]) == (297.0, 210.0)
