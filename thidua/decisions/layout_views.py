"""Staff pages of the certificate layouts: the list, the calibration of the blank mode (where each field prints on the
office's pre-printed blanks, in millimetres) and its test page (PDF).

The board of any authority or an administrator (``layouts.can_calibrate``); anyone else gets 403, an anonymous
visitor the login page. Writes go through ``layouts.calibrate``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from thidua.core.uploads import safe_filename
from thidua.core.views import StaffView
from thidua.decisions import certificates, layouts
from thidua.decisions.models import CertificateLayout


class CalibrationForm(forms.Form):
    """One row per blank field (x, y in mm; size in pt, or mm for the QR code), and a shift of the whole page."""

    version = forms.CharField(widget=forms.HiddenInput)
    dx = forms.DecimalField(
        label=gettext_lazy("Dịch cả trang sang phải (mm)"),
        initial=0,
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("-50"),
        max_value=Decimal("50"),
        help_text=gettext_lazy("Số âm: sang trái. Dùng khi máy in kéo phôi lệch đều."),
    )
    dy = forms.DecimalField(
        label=gettext_lazy("Dịch cả trang xuống dưới (mm)"),
        initial=0,
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("-50"),
        max_value=Decimal("50"),
        help_text=gettext_lazy("Số âm: lên trên."),
    )

    def __init__(self, *args, layout: CertificateLayout, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.layout = layout
        self.rows: list[dict[str, Any]] = []
        self.fields["version"].initial = layout.updated_at.isoformat() if layout.updated_at else ""
        width, height = Decimal(layout.page_width_mm), Decimal(layout.page_height_mm)
        for name in certificates.FIELDS:
            spec = (layout.blank_fields or {}).get(name)
            if not spec:
                continue
            label = certificates.FIELDS[name]
            size_unit = "mm" if name == "qr" else "pt"
            low, high = layouts.SIZE_BOUNDS["qr" if name == "qr" else "text"]
            self.fields[f"{name}__x"] = self._number(_("%(field)s: x (mm)") % {"field": label}, 0, width, spec.get("x"))
            self.fields[f"{name}__y"] = self._number(_("%(field)s: y (mm)") % {"field": label}, 0, height,
                                                     spec.get("y"))  # fmt: skip
            self.fields[f"{name}__size"] = self._number(_("%(field)s: cỡ (%(unit)s)") % {"field": label,
                                                        "unit": size_unit}, low, high, spec.get("size"))  # fmt: skip
            self.rows.append(
                {
                    "name": name,
                    "label": label,
                    "size_unit": size_unit,
                    "x": self[f"{name}__x"],
                    "y": self[f"{name}__y"],
                    "size": self[f"{name}__size"],
                }
            )

    @staticmethod
    def _number(label: str, low, high, initial) -> forms.DecimalField:
        return forms.DecimalField(label=label, min_value=Decimal(low), max_value=Decimal(high), max_digits=6,
                                  decimal_places=1, initial=initial, required=initial is not None,
                                  widget=forms.NumberInput(attrs={"step": "0.5"}))  # fmt: skip

    def positions(self) -> dict[str, dict]:
        return {row["name"]: {key: self.cleaned_data.get(f"{row['name']}__{key}") for key in ("x", "y", "size")}
                for row in self.rows}  # fmt: skip


class LayoutAccessMixin(StaffView):
    nav_section = "catalog"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not layouts.can_calibrate(request.user):
            raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng hoặc quản trị hệ thống được căn chỉnh mẫu in."))
        return super().dispatch(request, *args, **kwargs)


class LayoutListView(LayoutAccessMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        items = CertificateLayout.objects.order_by("-is_active", "code")
        return render(request, "decisions/layouts/layout_list.html", {"layouts": items, "view": self})


class CalibrateView(LayoutAccessMixin, View):
    template_name = "decisions/layouts/calibrate.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        layout = get_object_or_404(CertificateLayout, pk=pk)
        return self.page(layout, CalibrationForm(layout=layout))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        layout = get_object_or_404(CertificateLayout, pk=pk)
        form = CalibrationForm(request.POST, layout=layout)
        if not form.is_valid():
            return self.page(layout, form, status=400)
        try:
            layouts.calibrate(layout, by=request.user, positions=form.positions(), dx=form.cleaned_data["dx"] or 0,
                              dy=form.cleaned_data["dy"] or 0,
                              expected_updated_at=parse_datetime(form.cleaned_data["version"] or ""))  # fmt: skip
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.page(layout, form, status=400)
        messages.success(request, _("Đã lưu vị trí in trên phôi của “%(name)s”. In trang thử để kiểm tra lại.") % {
            "name": layout.name})  # fmt: skip
        return HttpResponseRedirect(reverse("certificate_layouts:calibrate", args=[layout.pk]))

    def page(self, layout: CertificateLayout, form: CalibrationForm, *, status: int = 200) -> HttpResponse:
        context = {"layout": layout, "form": form, "view": self}
        return render(self.request, self.template_name, context, status=status)


class TestPageView(LayoutAccessMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        layout = get_object_or_404(CertificateLayout, pk=pk)
        response = HttpResponse(certificates.test_page(layout), content_type="application/pdf")
        name = safe_filename(_("Trang in thử - %(name)s") % {"name": layout.name}, ".pdf")
        # Inline: it opens in the browser, to be printed at 100 % on plain paper.
        response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
