"""Certificate layouts: seeded from ``data/certificate_layouts.yaml`` by ``thidua load_catalog``, calibrated by an
administrator for the office's pre-printed blanks (``layout_views``), checked here.

A second load brings the code's design up to date (name, title, award codes, page size, the full design's
positions) but never moves what an administrator calibrated: a blank field already stored keeps its position, a blank
field the code adds is added. ``is_active`` is the administrator's too (a layout switched off stays off).
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.rules import BOARD_ROLES
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.loader import CREATED, UNCHANGED, UPDATED, CatalogDataError, register_data_file, register_section
from thidua.decisions.certificates import ALIGNS, DESIGN, FIELDS
from thidua.decisions.models import CertificateLayout

DATA_FILE = Path(__file__).resolve().parent / "data" / "certificate_layouts.yaml"
ROW_KEYS = {"code", "name", "title", "award_codes", "page_width_mm", "page_height_mm", "fields", "blank_fields"}
# What a field's position may say, and the bounds of its numbers.
SPEC_KEYS = {"x", "y", "size", "bold", "italic", "align", "width", "lines", "leading", "spacing", "underline",
             "color", "outline", "gap", "caption", "caption_size", "caption_below", "margin", "band"}  # fmt: skip
SIZE_BOUNDS = {"text": (4, 144), "qr": (10, 80)}


def _decimal(value, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise CatalogDataError(f"{where}: not a number: {value!r}") from error


def check_specs(specs: dict, *, width_mm: float, height_mm: float, design: bool) -> list[str]:
    """Problems of a layout's field positions, in Vietnamese (empty when they are fine)."""
    problems = []
    known = set(FIELDS) | (set(DESIGN) if design else set())
    if not isinstance(specs, dict):
        return [_("Vị trí các trường phải là một bảng tên trường → vị trí.")]
    for name, spec in specs.items():
        label = str(FIELDS.get(name, name))
        if name not in known:
            problems.append(_("Trường “%(name)s” không có trong mẫu in.") % {"name": name})
            continue
        if not isinstance(spec, dict):
            problems.append(_("Vị trí của “%(field)s” không hợp lệ.") % {"field": label})
            continue
        unknown = set(spec) - SPEC_KEYS
        if unknown:
            problems.append(
                _("“%(field)s”: khóa không dùng được: %(keys)s.") % {"field": label, "keys": ", ".join(sorted(unknown))}
            )
        if name == "frame":
            continue
        for axis, limit in (("x", width_mm), ("y", height_mm)):
            value = spec.get(axis)
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= limit:
                problems.append(_("“%(field)s”: %(axis)s phải là số từ 0 đến %(limit)s mm.") % {
                    "field": label, "axis": axis, "limit": f"{limit:g}"})  # fmt: skip
        low, high = SIZE_BOUNDS["qr" if name in ("qr", "emblem") else "text"]
        size = spec.get("size")
        if size is not None and (not isinstance(size, int | float) or isinstance(size, bool)
                                 or not low <= size <= high):  # fmt: skip
            problems.append(_("“%(field)s”: cỡ phải từ %(low)s đến %(high)s.") % {"field": label, "low": low,
                                                                                  "high": high})  # fmt: skip
        if spec.get("align", "left") not in ALIGNS:
            problems.append(_("“%(field)s”: căn lề phải là left, center hoặc right.") % {"field": label})
        box = spec.get("width")
        if box is not None and (not isinstance(box, int | float) or isinstance(box, bool) or not 0 < box <= width_mm):
            problems.append(
                _("“%(field)s”: độ rộng phải từ 0 đến %(limit)s mm.") % {"field": label, "limit": f"{width_mm:g}"}
            )
    return problems


def validate_layout(layout: CertificateLayout) -> None:
    """ValidationError naming the field (page size, fields, blank_fields) when a layout cannot be printed."""
    errors: dict[str, list[str]] = {}
    width, height = float(layout.page_width_mm or 0), float(layout.page_height_mm or 0)
    if not 50 <= width <= 1000:
        errors["page_width_mm"] = [_("Khổ giấy rộng phải từ 50 đến 1000 mm.")]
    if not 50 <= height <= 1000:
        errors["page_height_mm"] = [_("Khổ giấy cao phải từ 50 đến 1000 mm.")]
    if not errors:
        for name, design in (("fields", True), ("blank_fields", False)):
            problems = check_specs(getattr(layout, name), width_mm=width, height_mm=height, design=design)
            if problems:
                errors[name] = problems
    if errors:
        raise ValidationError(errors)


def load_certificate_layout(row: dict, cache: dict) -> str:
    """One layout of the YAML file (see the module docstring for what a second load keeps)."""
    unknown, missing = set(row) - ROW_KEYS, ROW_KEYS - set(row)
    if unknown or missing:
        raise CatalogDataError(f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    values = {
        "name": row["name"],
        "title": row["title"],
        "award_codes": list(row["award_codes"]),
        "page_width_mm": _decimal(row["page_width_mm"], row["code"]),
        "page_height_mm": _decimal(row["page_height_mm"], row["code"]),
        "fields": row["fields"],
    }
    layout = CertificateLayout.objects.filter(code=row["code"]).first()
    if layout is None:
        layout = CertificateLayout(code=row["code"], blank_fields=copy.deepcopy(row["blank_fields"]), **values)
        outcome = CREATED
    else:
        outcome = UNCHANGED
        for name, value in values.items():
            if getattr(layout, name) != value:
                setattr(layout, name, value)
                outcome = UPDATED
        stored = dict(layout.blank_fields or {})
        added = {name: spec for name, spec in row["blank_fields"].items() if name not in stored}
        if added:
            layout.blank_fields = {**stored, **copy.deepcopy(added)}
            outcome = UPDATED
    if outcome != UNCHANGED:
        try:
            validate_layout(layout)
        except ValidationError as error:
            raise CatalogDataError(f"{row['code']}: {error.message_dict}") from error
        layout.full_clean()
        layout.save()
    return outcome


def register() -> None:
    """Called from ``DecisionsConfig.ready``: ``thidua load_catalog`` seeds the layouts too, after the catalog."""
    register_section("certificate_layouts", CertificateLayout, load_certificate_layout)
    register_data_file(DATA_FILE)


def shifted(specs: dict, *, dx: float, dy: float) -> dict:
    """Every position moved by (dx, dy) millimetres: what a printer that feeds the blank off by that much needs."""
    moved = copy.deepcopy(specs)
    for spec in moved.values():
        if isinstance(spec, dict) and "x" in spec and "y" in spec:
            spec["x"] = round(float(spec["x"]) + dx, 1)
            spec["y"] = round(float(spec["y"]) + dy, 1)
    return moved


def can_calibrate(user) -> bool:
    """The board of any authority (who print its certificates on blanks), or an administrator."""
    from thidua.accounts.models import RoleAssignment
    from thidua.catalog.models import Authority

    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        RoleAssignment.objects.current()
        .filter(user=user, role__code__in=BOARD_ROLES, unit__in=Authority.objects.values("unit"))
        .exists()
    )


register_action_label("decisions.certificatelayout.calibrated", gettext_lazy("Căn chỉnh vị trí in trên phôi"))


@transaction.atomic
def calibrate(layout: CertificateLayout, *, by, positions: dict[str, dict], dx: float = 0, dy: float = 0,
              expected_updated_at=None) -> CertificateLayout:  # fmt: skip
    """Move the blank mode's fields: ``positions`` {field: {"x", "y", "size"}} (mm, pt; only what changes), then the
    whole page by (dx, dy) mm. Refused when someone calibrated the layout since the form was shown."""
    if not can_calibrate(by):
        raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng hoặc quản trị hệ thống được căn chỉnh mẫu in."))
    layout = CertificateLayout.objects.select_for_update().get(pk=layout.pk)
    if expected_updated_at is not None and layout.updated_at != expected_updated_at:
        raise ValidationError({"version": _("Mẫu in vừa được người khác căn chỉnh: tải lại trang rồi sửa lại.")})
    before = copy.deepcopy(layout.blank_fields or {})
    blank = copy.deepcopy(before)
    for name, values in positions.items():
        if name not in blank:
            raise ValidationError({name: _("Trường “%(name)s” không có trong mẫu in trên phôi.") % {"name": name}})
        for key in ("x", "y", "size"):
            if values.get(key) is not None:
                blank[name][key] = round(float(values[key]), 1)
    if dx or dy:
        blank = shifted(blank, dx=float(dx), dy=float(dy))
    layout.blank_fields = blank
    validate_layout(layout)
    if blank != before:
        with acting_as(by):
            layout.save(update_fields=["blank_fields", "updated_at"])
            record_action(layout, code="decisions.certificatelayout.calibrated", by=by,
                          data={"dx": float(dx), "dy": float(dy)})  # fmt: skip
    return layout
