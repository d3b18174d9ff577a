"""States and kinds of the movements app, with their groups (DESIGN.md, "Movement")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thi đua thường xuyên")
    THEMATIC = "thematic", _("Thi đua theo chuyên đề")


class MovementState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("phong trào", "Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


class ScopeMode(models.TextChoices):
    SUBTREE = "subtree", _("Các đơn vị trực thuộc (theo cấp, loại đơn vị)")
    LIST = "list", _("Danh sách đơn vị")


class AwardLevel(models.TextChoices):
    """The three levels the seed plan offers awards at (III.2.a)."""

    STATE = "state", _("Cấp Nhà nước")
    PROVINCE = "province", _("Cấp tỉnh, thành phố")
    GRASSROOTS = "grassroots", _("Cấp cơ sở")


class CriterionKind(models.TextChoices):
    STANDARD = "standard", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class CriterionSource(models.TextChoices):
    """Where a scored criterion's points come from: typed by scorers, or computed from what the system holds."""

    MANUAL = "manual", _("Chấm điểm")
    REGISTRATION_ON_TIME = "registration_on_time", _("Tự tính: đăng ký thi đua đúng hạn")
    PLAN_ON_TIME = "plan_on_time", _("Tự tính: gửi kế hoạch đúng hạn")
    REPORTS_ON_TIME = "reports_on_time", _("Tự tính: tỷ lệ báo cáo gửi đúng hạn")
    EXEMPLARY_MODELS = "exemplary_models", _("Tự tính: số mô hình, điển hình được công nhận")
    AWARDS = "awards", _("Tự tính: số khen thưởng của tập thể trong năm")


COMPUTED_SOURCES = frozenset(CriterionSource.values) - {CriterionSource.MANUAL}


class MilestoneKind(models.TextChoices):
    REGISTRATION = "registration", _("Hạn đăng ký thi đua")
    PLAN = "plan", _("Hạn gửi kế hoạch hưởng ứng")
    REPORT = "report", _("Hạn gửi báo cáo")
    INTERIM_REVIEW = "interim_review", _("Sơ kết")
    FINAL_REVIEW = "final_review", _("Tổng kết")
    OTHER = "other", _("Mốc khác")


class AnswerState(models.TextChoices):
    """A unit's plan, registration or report: kept by the unit until sent; a registration is then reviewed."""

    NOT_SENT = "not_sent", _("Chưa gửi")
    PENDING = "pending", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    APPROVED = "approved", _("Đã duyệt")


SENT_STATES = frozenset({AnswerState.PENDING, AnswerState.APPROVED})


class Compliance(models.TextChoices):
    """How one obligation stands on a day (the compliance dashboard)."""

    ON_TIME = "on_time", _("Đã gửi đúng hạn")
    LATE = "late", _("Gửi muộn")
    MISSING = "missing", _("Quá hạn, chưa gửi")
    NOT_DUE = "not_due", _("Chưa đến hạn")


class ObligationKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch hưởng ứng")
    REGISTRATION = "registration", _("Đăng ký thi đua")
    REPORT = "report", _("Báo cáo")


class ExemplaryKind(models.TextChoices):
    GOOD_MODEL = "good_model", _("Mô hình hay, cách làm mới")
    ADVANCED_EXAMPLE = "advanced_example", _("Điển hình tiên tiến")
    GOOD_DEED = "good_deed", _("Gương người tốt, việc tốt")


class ExemplaryState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ xem xét")
    ACCEPTED = "accepted", _("Đã công nhận")
    NEEDS_MORE = "needs_more", _("Cần bổ sung")
    DECLINED = "declined", _("Không công nhận")


class SheetState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("bảng điểm", "Dự thảo")
    SCORING = "scoring", _("Đang chấm điểm")
    PUBLISHED = "published", _("Đã công bố")
    LOCKED = "locked", _("Đã khóa")


class ScoreKind(models.TextChoices):
    SELF = "self", _("Tự chấm")
    CROSS = "cross", _("Chấm chéo")
    COMPUTED = "computed", _("Tự tính")


class Proposal(models.TextChoices):
    NONE = "", _("Không đề nghị")
    FLAG = "flag", _("Đề nghị Cờ thi đua")
    CERTIFICATE = "certificate", _("Đề nghị Bằng khen")
