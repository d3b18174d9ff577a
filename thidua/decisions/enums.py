"""Choices of decisions, registers and certificates (DESIGN.md: "Decision", "Certificate")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegisterKind(models.TextChoices):
    DECISION = "decision", _("Sổ quyết định")
    CERTIFICATE = "certificate", _("Sổ vào sổ bằng khen, giấy khen")


class Numbering(models.TextChoices):
    """Who keeps the book: the authority's clerical office (văn thư) or this system."""

    EXTERNAL = "external", _("Văn thư cấp số (sổ hoặc hệ thống văn bản của cơ quan)")
    INTERNAL = "internal", _("Hệ thống cấp số tự động")


class DecisionState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("quyết định", "Dự thảo")
    SIGNED = "signed", _("Đã ký ban hành")


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Khen thưởng")
    AMENDMENT = "amendment", _("Điều chỉnh, đính chính")
    REVOCATION = "revocation", _("Hủy bỏ, thu hồi")


class DecisionOrigin(models.TextChoices):
    SYSTEM = "system", _("Lập trên hệ thống")
    # A decision of an authority outside this deployment (Thủ tướng, Chủ tịch nước) or from before it.
    RECORDED = "recorded", _("Ghi nhận quyết định đã ban hành")


class DecisionFileKind(models.TextChoices):
    DECISION_DOCX = "decision_docx", _("Quyết định (DOCX)")
    DECISION_PDF = "decision_pdf", _("Quyết định (PDF)")
    CERTIFICATES = "certificates", _("Bằng, giấy khen (in đầy đủ)")
    CERTIFICATES_BLANK = "certificates_blank", _("Bằng, giấy khen (in trên phôi)")
    PAYMENT_LIST = "payment_list", _("Danh sách chi tiền thưởng (XLSX)")


class PrintMode(models.TextChoices):
    FULL = "full", _("In đầy đủ mẫu")
    BLANK = "blank", _("In trên phôi (chỉ các trường thay đổi)")
