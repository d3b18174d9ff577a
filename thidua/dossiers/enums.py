"""Dossier and entry states (DESIGN.md, "Dossier and entry states"). The workflow itself comes with the dossiers
issue; for now drafts are made by hand, from exemplary models and from cluster score sheets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DossierKind(models.TextChoices):
    YEAR_END = "tong_ket_nam", _("Tổng kết năm")
    MOVEMENT = "phong_trao", _("Theo phong trào, chuyên đề")
    AD_HOC = "dot_xuat", _("Đột xuất")
    SERVICE = "cong_hien", _("Quá trình cống hiến")
    FOREIGN = "doi_ngoai", _("Đối ngoại")


class DossierState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("hồ sơ", "Dự thảo")
    SUBMITTED = "submitted", _("Đã trình")
    RETURNED = "returned", _("Trả lại")
    RECEIVED = "received", _("Đã tiếp nhận")
    CLOSED = "closed", _("Đã kết thúc")
    WITHDRAWN = "withdrawn", _("Đã rút")


class EntryState(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    APPRAISED = "appraised", _("Đã thẩm định")
    IN_CONSULTATION = "in_consultation", _("Đang lấy ý kiến")
    VOTED = "voted", _("Đã bỏ phiếu")
    APPROVED = "approved", _("Được duyệt")
    DECIDED = "decided", _("Đã có quyết định")
    REJECTED = "rejected", _("Không duyệt")
    FORWARDED = "forwarded", _("Đã trình cấp trên")


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("Nhập trực tiếp")
    EXEMPLARY_MODEL = "exemplary_model", _("Từ mô hình, điển hình")
    SCORE_SHEET = "score_sheet", _("Từ kết quả chấm điểm cụm, khối")
