"""Public consultation (công khai, lấy ý kiến Nhân dân): the board publishes appraised entries whose award type
requires it for the catalog's number of working days; anyone may comment on the public page (/cong-khai/), at most a
few comments an hour from one address; the board moderates what is shown and, once the period is over, closes the
consultation with a summary for the council's minutes.

The period's end is enforced here, not by the page: ``post_comment`` refuses a comment outside
``starts_on … ends_on`` or after the close, and ``close_consultation`` refuses to close before the period is over.
The sender's address is kept only as a keyed hash (``sender_hash``), for the rate limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, holds_role_at
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import Authority
from thidua.core.calendar import add_working_days
from thidua.core.writes import acting_user, page_url
from thidua.dossiers import transitions
from thidua.dossiers.enums import CommentState, ConsultationState, DossierState, EntryState, Recommendation
from thidua.dossiers.models import Consultation, ConsultationComment, DossierEntry
from thidua.notifications.services import notify

BODY_MIN = 10
BODY_MAX = 5000
RATE_WINDOW = dt.timedelta(hours=1)
# A code the public page recognises (answers 429) among the refusals of post_comment.
RATE_LIMITED = "rate_limited"

ACTION_LABELS = {
    "dossiers.consultation.opened": gettext_lazy("Đưa ra công khai, lấy ý kiến Nhân dân"),
    "dossiers.consultation.commented": gettext_lazy("Nhận ý kiến góp ý"),
    "dossiers.consultation.moderated": gettext_lazy("Duyệt ý kiến góp ý"),
    "dossiers.consultation.closed": gettext_lazy("Kết thúc lấy ý kiến"),
}
for _code, _label in ACTION_LABELS.items():
    register_action_label(_code, _label)


# --- Who may ---------------------------------------------------------------------------------------------------


def can_manage_consultations(user, authority: Authority) -> bool:
    """The board of the authority: opens consultations, moderates comments, closes them."""
    return holds_role_at(user, authority.unit, BOARD_ROLES)


# --- Helpers ---------------------------------------------------------------------------------------------------


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def period_end(starts_on: dt.date, working_days: int) -> dt.date:
    """The last day of a period of ``working_days`` working days starting on ``starts_on`` (counted as the first
    day when it is a working day)."""
    return add_working_days(starts_on - dt.timedelta(days=1), working_days)


def has_ended(consultation: Consultation, on: dt.date | None = None) -> bool:
    """Over: closed by the board, or its last day has passed."""
    on = on or timezone.localdate()
    return consultation.state == ConsultationState.CLOSED or consultation.ends_on < on


def closed_message(consultation: Consultation, on: dt.date | None = None) -> str:
    """Why a consultation takes no comment on ``on`` (today): not started yet, or over."""
    on = on or timezone.localdate()
    if consultation.state == ConsultationState.OPEN and consultation.starts_on > on:
        return _("Chưa đến thời gian lấy ý kiến (bắt đầu từ ngày %(day)s).") % {"day": _day(consultation.starts_on)}
    return _("Đã hết thời gian lấy ý kiến (kết thúc ngày %(day)s): không nhận thêm ý kiến.") % {
        "day": _day(consultation.ends_on)
    }


def sender_hash(sender_key: str) -> str:
    """A keyed hash of the sender's address (HMAC-SHA256 with the site's secret): the same address gives the same
    hash, the hash does not give the address back."""
    return hmac.new(settings.SECRET_KEY.encode(), (sender_key or "").encode(), hashlib.sha256).hexdigest()


def _board_users(authority: Authority) -> list:
    holders = RoleAssignment.objects.current().filter(unit_id=authority.unit_id, role__code__in=BOARD_ROLES)
    return list(get_user_model().objects.filter(pk__in=holders.values("user_id"), is_active=True))


def _lock(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",)).select_related("authority__unit").get(pk=consultation.pk)
    )


def _entry_guard(authority: Authority, entry: DossierEntry) -> None:
    name = f"{entry.nominee_name} – {entry.award_type.name}"
    if entry.dossier.authority_id != authority.pk:
        raise ValidationError(_("Đề nghị “%(entry)s”: hồ sơ không trình đến %(authority)s.")
                              % {"entry": name, "authority": authority.name})  # fmt: skip
    if entry.dossier.state != DossierState.RECEIVED:
        raise ValidationError(_("Đề nghị “%(entry)s”: hồ sơ chưa được tiếp nhận (trạng thái: “%(state)s”).")
                              % {"entry": name, "state": entry.dossier.get_state_display()})  # fmt: skip
    if not entry.award_type.needs_public_consultation:
        raise ValidationError(_("Đề nghị “%(entry)s”: “%(award)s” không phải lấy ý kiến Nhân dân.")
                              % {"entry": name, "award": entry.award_type.name})  # fmt: skip
    if entry.state != EntryState.APPRAISED:
        raise ValidationError(_("Đề nghị “%(entry)s” đang ở trạng thái “%(state)s”: chỉ công khai đề nghị đã thẩm "
                                "định.") % {"entry": name, "state": entry.get_state_display()})  # fmt: skip
    if entry.recommendation != Recommendation.PROPOSE:
        raise ValidationError(_("Đề nghị “%(entry)s”: cán bộ thẩm định chưa đề nghị khen thưởng.") % {"entry": name})


# --- The board's side ------------------------------------------------------------------------------------------


@transaction.atomic
def open_consultation(authority: Authority, entries, *, by, title: str, introduction: str = "",
                      starts_on: dt.date | None = None) -> Consultation:  # fmt: skip
    """Publish appraised entries for comment: the period is the largest ``consultation_working_days`` of their award
    types, in working days from ``starts_on`` (today by default). Each entry moves to in_consultation."""
    if not can_manage_consultations(by, authority):
        raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng của cấp này đưa đề nghị ra lấy ý kiến Nhân dân."))
    entries = list(entries)
    if not entries:
        raise ValidationError({"entries": _("Chọn ít nhất một đề nghị để công khai.")})
    starts_on = starts_on or timezone.localdate()
    given = {entry.pk: entry for entry in entries}
    dossiers = {}
    locked = []
    # The dossiers are locked in a fixed order (no deadlock with another step on the same dossiers).
    for pk in sorted(given, key=lambda pk: (given[pk].dossier_id, pk)):
        dossier_id = given[pk].dossier_id
        if dossier_id not in dossiers:
            dossiers[dossier_id] = transitions.lock(given[pk])
        entry = DossierEntry.objects.select_related("award_type", "dossier").get(pk=pk)
        entry.dossier = dossiers[dossier_id]
        _entry_guard(authority, entry)
        locked.append(entry)
    working_days = max(entry.award_type.consultation_working_days for entry in locked)
    consultation = Consultation(
        authority=authority, title=(title or "").strip(), introduction=(introduction or "").strip(),
        starts_on=starts_on, ends_on=period_end(starts_on, working_days), working_days=working_days,
        state=ConsultationState.OPEN, created_by=acting_user(by),
    )  # fmt: skip
    with acting_as(by):
        consultation.full_clean()
        consultation.save()
        record_action(consultation, code="dossiers.consultation.opened", by=by,
                      data={"entries": [entry.pk for entry in locked], "starts_on": starts_on.isoformat(),
                            "ends_on": consultation.ends_on.isoformat()})  # fmt: skip
    data = {"consultation": consultation.pk, "starts_on": starts_on.isoformat(),
            "ends_on": consultation.ends_on.isoformat()}  # fmt: skip
    for entry in locked:
        entry.consultation = consultation
        entry.save(update_fields=["consultation", "updated_at"])
        transitions.perform("consult", entry, by=by, data=data)
    return consultation


@transaction.atomic
def moderate(comment: ConsultationComment, *, by, publish: bool, note: str = "") -> ConsultationComment:
    """Publish a comment on the public page, or keep it off it (a decision the board may revisit)."""
    comment = (
        ConsultationComment.objects.select_for_update(of=("self",))
        .select_related("consultation__authority__unit")
        .get(pk=comment.pk)
    )
    if not can_manage_consultations(by, comment.consultation.authority):
        raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng duyệt ý kiến góp ý."))
    comment.state = CommentState.PUBLISHED if publish else CommentState.REJECTED
    comment.moderated_by = acting_user(by)
    comment.moderated_at = timezone.now()
    comment.moderation_note = (note or "").strip()
    with acting_as(by):
        comment.save(update_fields=["state", "moderated_by", "moderated_at", "moderation_note"])
        record_action(comment, code="dossiers.consultation.moderated", by=by, reason=comment.moderation_note,
                      data={"state": comment.state})  # fmt: skip
    return comment


@transaction.atomic
def close_consultation(consultation: Consultation, *, by, summary: str) -> Consultation:
    """Close a consultation whose period is over, with the summary of what the public said (for the minutes)."""
    consultation = _lock(consultation)
    if not can_manage_consultations(by, consultation.authority):
        raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng kết thúc đợt lấy ý kiến."))
    if consultation.state != ConsultationState.OPEN:
        raise ValidationError(_("Đợt lấy ý kiến “%(title)s” đã kết thúc.") % {"title": consultation.title})
    today = timezone.localdate()
    if consultation.ends_on >= today:
        raise ValidationError(_("Chưa hết thời hạn công khai đến hết ngày %(day)s: chưa kết thúc được đợt lấy ý kiến.")
                              % {"day": _day(consultation.ends_on)})  # fmt: skip
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Nhập kết quả lấy ý kiến (tổng hợp ý kiến nhận được và cách xử lý).")})
    consultation.state = ConsultationState.CLOSED
    consultation.summary = summary
    consultation.closed_at = timezone.now()
    with acting_as(by):
        consultation.save(update_fields=["state", "summary", "closed_at", "updated_at"])
        record_action(consultation, code="dossiers.consultation.closed", by=by,
                      data={"comments": consultation.comments.count()})  # fmt: skip
    return consultation


# --- The public's side -----------------------------------------------------------------------------------------


@transaction.atomic
def post_comment(consultation: Consultation, *, author_name: str, contact: str, body: str,
                 entry: DossierEntry | None = None, sender_key: str, now: dt.datetime | None = None,
                 ) -> ConsultationComment:  # fmt: skip
    """A comment from the public, pending moderation. Refused outside the period, over the hourly limit of one
    address (``sender_key``: the client's address, kept only hashed), or when the entry is not in the consultation.
    The board is told in the app (no e-mail per comment)."""
    clock_given = now is not None
    now = now or timezone.now()
    today = timezone.localdate(now)
    # Comments of one consultation queue here, so two at once from one address both count against the limit.
    consultation = _lock(consultation)
    if not consultation.accepts_comments(today):
        raise ValidationError(closed_message(consultation, today))
    author_name = " ".join((author_name or "").split())
    contact = (contact or "").strip()
    body = (body or "").strip()
    errors = {}
    if not author_name:
        errors["author_name"] = _("Nhập họ và tên.")
    elif len(author_name) > 200:
        errors["author_name"] = _("Họ và tên không quá 200 ký tự.")
    if len(contact) > 200:
        errors["contact"] = _("Số điện thoại hoặc thư điện tử không quá 200 ký tự.")
    if len(body) < BODY_MIN:
        errors["body"] = _("Nội dung góp ý cần ít nhất %(n)s ký tự.") % {"n": BODY_MIN}
    elif len(body) > BODY_MAX:
        errors["body"] = _("Nội dung góp ý không quá %(n)s ký tự.") % {"n": BODY_MAX}
    if entry is not None and not consultation.entries.filter(pk=entry.pk).exists():
        errors["entry"] = _("Đề nghị được chọn không thuộc đợt lấy ý kiến này.")
    if errors:
        raise ValidationError(errors)
    digest = sender_hash(sender_key)
    recent = ConsultationComment.objects.filter(sender_hash=digest, created_at__gt=now - RATE_WINDOW,
                                                created_at__lte=now).count()  # fmt: skip
    if recent >= settings.THIDUA_COMMENTS_PER_HOUR:
        raise ValidationError(
            _("Bạn đã gửi %(n)s ý kiến trong một giờ qua, đủ số được gửi: xin gửi lại sau.")
            % {"n": recent},
            code=RATE_LIMITED,
        )  # fmt: skip
    comment = ConsultationComment(consultation=consultation, entry=entry, author_name=author_name, contact=contact,
                                  body=body, sender_hash=digest, state=CommentState.PENDING)  # fmt: skip
    comment.full_clean(exclude=["created_at"])
    comment.save()
    if clock_given:
        # created_at is auto_now_add: keep the instant the caller gave (tests, imports of paper comments).
        ConsultationComment.objects.filter(pk=comment.pk).update(created_at=now)
        comment.created_at = now
    record_action(comment, code="dossiers.consultation.commented", by=None,
                  data={"consultation": consultation.pk, "entry": entry.pk if entry else None})  # fmt: skip
    if entry is not None:
        entry = DossierEntry.objects.select_related("dossier").get(pk=entry.pk)
        transitions.record_event(entry.dossier, action="consultation_comment", by=None, entry=entry,
                                 data={"consultation": consultation.pk, "comment": comment.pk})  # fmt: skip
    about = entry.nominee_name if entry is not None else consultation.title
    notify(_board_users(consultation.authority), code="dossiers.consultation", email=False,
           title=_("Ý kiến góp ý mới về “%(about)s”") % {"about": about},
           body=_("Ý kiến chờ duyệt trước khi đăng công khai."),
           url=page_url("dossiers:consultation-detail", consultation.pk))  # fmt: skip
    return comment
