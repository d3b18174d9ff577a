"""Dossier and entry states (DESIGN.md, "Dossier and entry states") and the choices of the workflow around them:
procedure, appraisal checklist, council sessions and votes, public consultation. The transitions between the states
are declared in ``thidua.dossiers.transitions``."""

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


class Procedure(models.TextChoices):
    """Thủ tục: the simplified one (Law Art. 85; NĐ 98/2023 Art. 40.1) needs only a tờ trình and a summary report."""

    NORMAL = "normal", _("Thủ tục thông thường")
    SIMPLIFIED = "simplified", _("Thủ tục đơn giản")


class DossierState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("hồ sơ", "Dự thảo")
    SUBMITTED = "submitted", _("Đã trình")
    RETURNED = "returned", _("Trả lại")
    RECEIVED = "received", _("Đã tiếp nhận")
    CLOSED = "closed", _("Đã kết thúc")
    WITHDRAWN = "withdrawn", _("Đã rút")


class EntryState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("trạng thái đề nghị", "Đề nghị")
    RETURNED = "returned", _("Trả lại để bổ sung")
    APPRAISED = "appraised", _("Đã thẩm định")
    IN_CONSULTATION = "in_consultation", _("Đang lấy ý kiến")
    VOTED = "voted", _("Đã bỏ phiếu")
    APPROVED = "approved", _("Được duyệt")
    DECIDED = "decided", _("Đã có quyết định")
    REJECTED = "rejected", _("Không duyệt")
    FORWARDED = "forwarded", _("Đã trình cấp trên")


# Entries in these states are done at this authority: a dossier whose entries are all here may be closed.
FINAL_ENTRY_STATES = frozenset({EntryState.DECIDED, EntryState.REJECTED, EntryState.FORWARDED})


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("Nhập trực tiếp")
    EXEMPLARY_MODEL = "exemplary_model", _("Từ mô hình, điển hình")
    SCORE_SHEET = "score_sheet", _("Từ kết quả chấm điểm cụm, khối")
    SUGGESTION = "suggestion", _("Từ gợi ý đủ điều kiện")
    FORWARDED = "forwarded", _("Do cấp dưới trình lên")


class Recommendation(models.TextChoices):
    """What the appraising officer proposes for an entry."""

    PROPOSE = "propose", pgettext_lazy("ý kiến thẩm định", "Đề nghị khen thưởng")
    NOT_PROPOSE = "not_propose", _("Không đề nghị")


class CheckItem(models.TextChoices):
    """The appraisal checklist (thẩm định), one finding per entry and item."""

    DOCUMENTS = "documents", _("Thành phần hồ sơ")
    ELIGIBILITY = "eligibility", _("Tiêu chuẩn, điều kiện")
    CAPS = "caps", _("Tỷ lệ, số lượng khống chế")
    EARLIER_AWARDS = "earlier_awards", _("Khen thưởng trước đó")
    DISCIPLINE = "discipline", _("Kỷ luật")
    DUPLICATES = "duplicates", _("Trùng lặp đề nghị")


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Chuẩn bị")
    VOTING = "voting", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu")


class VotingMode(models.TextChoices):
    ONLINE = "online", _("Bỏ phiếu trực tuyến")
    PAPER = "paper", _("Phiếu giấy, thư ký nhập kết quả")


class ThresholdBase(models.TextChoices):
    """What the vote threshold is a share of. The law counts the council's full membership (NĐ 98/2023 Art. 30.7)."""

    FULL = "full", _("Tổng số thành viên Hội đồng")
    WITHOUT_RECUSED = "without_recused", _("Tổng số thành viên trừ người không tham gia biểu quyết")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    MEMBER = "member", _("Thành viên")


class VoteChoice(models.TextChoices):
    FOR = "for", _("Đồng ý")
    AGAINST = "against", _("Không đồng ý")


class ConsultationState(models.TextChoices):
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã kết thúc")


class CommentState(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã đăng")
    REJECTED = "rejected", _("Không đăng")
