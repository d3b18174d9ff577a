"""Kinds and levels of the history (DOMAIN.md §1, §11)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RatingLevel(models.TextChoices):
    """Mức xếp loại chất lượng (yearly rating of a person or a collective)."""

    EXCELLENT = "htxs", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "htt", _("Hoàn thành tốt nhiệm vụ")
    DONE = "ht", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "kht", _("Không hoàn thành nhiệm vụ")


# Higher is better: rules compare ranks ("hoàn thành tốt nhiệm vụ trở lên" = rank >= 3).
RATING_RANK = {RatingLevel.EXCELLENT: 4, RatingLevel.GOOD: 3, RatingLevel.DONE: 2, RatingLevel.NOT_DONE: 1}


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài, đề án, công trình khoa học")


class RecognitionLevel(models.TextChoices):
    """Phạm vi ảnh hưởng, công nhận của sáng kiến (cơ sở < tỉnh < toàn quốc)."""

    GRASSROOTS = "co_so", _("Cấp cơ sở")
    PROVINCE = "tinh", _("Cấp bộ, ban, ngành, tỉnh")
    NATIONAL = "toan_quoc", _("Toàn quốc")


RECOGNITION_RANK = {RecognitionLevel.GRASSROOTS: 1, RecognitionLevel.PROVINCE: 2, RecognitionLevel.NATIONAL: 3}


class DisciplineKind(models.TextChoices):
    """Hình thức kỷ luật, from the lightest (Luật Cán bộ, công chức; Luật Viên chức)."""

    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    SALARY_DOWN = "ha_bac_luong", _("Hạ bậc lương")
    DEMOTION = "giang_chuc", _("Giáng chức")
    DISMISSAL_FROM_POST = "cach_chuc", _("Cách chức")
    DISMISSAL = "buoc_thoi_viec", _("Buộc thôi việc")


DISCIPLINE_SEVERITY = {kind: rank for rank, kind in enumerate(DisciplineKind.values, start=1)}


class DisciplineStatus(models.TextChoices):
    PENDING = "pending", _("Đang xem xét, điều tra, thanh tra")
    IN_EFFECT = "in_effect", _("Đã quyết định kỷ luật")
    CLEARED = "cleared", _("Không kỷ luật, đã kết thúc xem xét")


class AwardSource(models.TextChoices):
    HISTORICAL = "historical", _("Nhập lịch sử")
    DECISION = "decision", _("Từ quyết định trên hệ thống")
    IMPORT = "import", _("Nhập từ tệp")
