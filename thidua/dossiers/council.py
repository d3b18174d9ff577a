"""The council (Hội đồng Thi đua - Khen thưởng) of an authority: sessions, their agenda and members, attendance and
quorum, declared recusals, secret votes online or paper tallies entered by the secretary, and the chair's close that
decides each entry by the award type's threshold (catalog: ``AwardType.council_threshold``; none: more than half).

Ballot secrecy (issue 5, DESIGN.md): a vote is two writes that share nothing but the agenda item — a ``VoteReceipt``
(the member has voted: no choice, no time) and ``UPDATE … SET votes_for = votes_for + 1`` on the item (no voter, no
time, no signal: the audit log does not track the counters, see ``DossiersConfig.ready``). The audit row says only
that the member voted. Nobody sees the counters before the chair closes the vote (``results``).

Every write: keyword arguments, the acting user as ``by``, one transaction, an audit row. Permission predicates live
here (``can_manage_session``, ``can_chair``, ``is_voter``, ``can_see_session``); the services check them and raise
``PermissionDenied``; a failed guard is a Vietnamese ``ValidationError``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, COUNCIL_CHAIR_ROLES, COUNCIL_SECRETARY_ROLES, holds_role_at
from thidua.accounts.scoping import scope_for
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, CouncilBody
from thidua.core.writes import acting_user, page_url
from thidua.dossiers import transitions
from thidua.dossiers.enums import (
    DossierState,
    EntryState,
    MemberRole,
    Recommendation,
    SessionState,
    ThresholdBase,
    VoteChoice,
    VotingMode,
)
from thidua.dossiers.models import (
    AgendaItem,
    CouncilMember,
    CouncilSession,
    DossierEntry,
    Recusal,
    VoteReceipt,
)
from thidua.notifications.services import notify

# The council roles of an authority's unit and the seat each gives in a session (the highest wins).
ROLE_SEATS = (("council_chair", MemberRole.CHAIR), ("council_secretary", MemberRole.SECRETARY),
              ("council_member", MemberRole.MEMBER))  # fmt: skip
# Entries a council may vote on: appraised, or published for comment first.
VOTABLE_STATES = frozenset({EntryState.APPRAISED, EntryState.IN_CONSULTATION})

ACTION_LABELS = {
    "dossiers.council.scheduled": gettext_lazy("Lập phiên họp Hội đồng"),
    "dossiers.council.agenda_added": gettext_lazy("Đưa đề nghị vào chương trình họp"),
    "dossiers.council.agenda_removed": gettext_lazy("Rút đề nghị khỏi chương trình họp"),
    "dossiers.council.attendance": gettext_lazy("Ghi nhận thành viên dự họp"),
    "dossiers.council.recused": gettext_lazy("Thành viên không tham gia biểu quyết"),
    "dossiers.council.opened": gettext_lazy("Mở bỏ phiếu"),
    "dossiers.council.voted": gettext_lazy("Đã bỏ phiếu"),
    "dossiers.council.tally_entered": gettext_lazy("Nhập kết quả phiếu giấy"),
    "dossiers.council.closed": gettext_lazy("Kết thúc bỏ phiếu"),
}
for _code, _label in ACTION_LABELS.items():
    register_action_label(_code, _label)


# --- Who may ---------------------------------------------------------------------------------------------------


def can_manage_council(user, authority: Authority) -> bool:
    """The secretary's side of an authority's council (secretary, the board): prepares sessions, enters tallies."""
    return holds_role_at(user, authority.unit, COUNCIL_SECRETARY_ROLES)


def can_manage_session(user, session: CouncilSession) -> bool:
    return can_manage_council(user, session.authority)


def can_chair(user, session: CouncilSession) -> bool:
    """The council's chair (role at the authority's unit), or the user seated as this session's chair."""
    if holds_role_at(user, session.authority.unit, COUNCIL_CHAIR_ROLES):
        return True
    return (
        bool(getattr(user, "is_authenticated", False))
        and session.members.filter(user_id=user.pk, role=MemberRole.CHAIR).exists()
    )


def is_voter(user, session: CouncilSession) -> bool:
    """A member of this session (whether present or not)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return session.members.filter(user_id=user.pk).exists()


def can_see_session(user, session: CouncilSession) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return CouncilSession.objects.visible_to(scope_for(user)).filter(pk=session.pk).exists()


# --- Helpers ---------------------------------------------------------------------------------------------------


def _lock_session(session: CouncilSession) -> CouncilSession:
    return CouncilSession.objects.select_for_update(of=("self",)).select_related("authority__unit").get(pk=session.pk)


def _require_state(session: CouncilSession, *states: str) -> None:
    if session.state in states:
        return
    messages = {
        SessionState.PLANNED: _("Phiên họp “%(title)s” đã mở bỏ phiếu hoặc đã kết thúc: không thay đổi được nữa."),
        SessionState.VOTING: _("Phiên họp “%(title)s” không đang bỏ phiếu (trạng thái: “%(state)s”)."),
    }
    message = messages.get(states[0]) if len(states) == 1 else None
    message = message or _("Phiên họp “%(title)s” đã kết thúc bỏ phiếu.")
    raise ValidationError(message % {"title": session.title, "state": session.get_state_display()})


def _entry_name(entry: DossierEntry) -> str:
    return f"{entry.nominee_name} – {entry.award_type.name}"


def _percent(value: Fraction | Decimal) -> str:
    """A share as Vietnamese write it: 80 %, 66,7 %."""
    number = (Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else value) * 100
    text = format(number.quantize(Decimal("0.1")).normalize(), "f")
    return text.replace(".", ",") + " %"


def _board_users(authority: Authority) -> list:
    holders = RoleAssignment.objects.current().filter(unit_id=authority.unit_id, role__code__in=BOARD_ROLES)
    return list(get_user_model().objects.filter(pk__in=holders.values("user_id"), is_active=True))


def _member_users(session: CouncilSession, *, present_only: bool = False) -> list:
    members = session.members.filter(user__isnull=False, user__is_active=True).select_related("user")
    if present_only:
        members = members.filter(present=True)
    return [member.user for member in members]


def _default_members(authority: Authority) -> list[dict[str, Any]]:
    """Everyone holding a council role at the authority's unit today, seated by their highest role."""
    codes = [code for code, _seat in ROLE_SEATS]
    rows = (
        RoleAssignment.objects.current()
        .filter(unit_id=authority.unit_id, role__code__in=codes, user__is_active=True)
        .select_related("user", "role")
        .order_by("user__username")
    )
    rank = {code: index for index, (code, _seat) in enumerate(ROLE_SEATS)}
    best: dict[int, tuple[int, Any]] = {}
    for row in rows:
        current = best.get(row.user_id)
        if current is None or rank[row.role.code] < current[0]:
            best[row.user_id] = (rank[row.role.code], row)
    members = []
    for index, row in sorted(best.values(), key=lambda pair: (pair[0], pair[1].user.username)):
        members.append({"user": row.user, "full_name": row.user.display_name, "position": row.role.name,
                        "role": ROLE_SEATS[index][1]})  # fmt: skip
    return members


def _decimal_setting(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Tỷ lệ không hợp lệ: “%(value)s”.") % {"value": value}}) from None
    if not 0 < number <= 1:
        raise ValidationError({field: _("Tỷ lệ phải lớn hơn 0 và không quá 1.")})
    return number


# --- Sessions, agenda, members ---------------------------------------------------------------------------------


@transaction.atomic
def schedule_session(authority: Authority, *, by, title: str, meets_on, place: str = "",
                     members: list[dict] | None = None, mode: str = VotingMode.ONLINE, quorum=None,
                     threshold_base: str | None = None) -> CouncilSession:  # fmt: skip
    """A planned session of the authority's council. ``members``: [{"user", "full_name", "position", "role"}];
    by default everyone holding a council role at the authority's unit. Exactly one chair."""
    if not can_manage_council(by, authority):
        raise PermissionDenied(_("Chỉ Thư ký Hội đồng hoặc Ban Thi đua - Khen thưởng của cấp này lập phiên họp."))
    if members is None:
        members = _default_members(authority)
    quorum = _decimal_setting(settings.THIDUA_COUNCIL_QUORUM if quorum is None else quorum, "quorum")
    threshold_base = threshold_base or settings.THIDUA_COUNCIL_THRESHOLD_BASE
    if threshold_base not in ThresholdBase.values:
        raise ValidationError({"threshold_base": _("Cách tính tỷ lệ phiếu không hợp lệ.")})
    if mode not in VotingMode.values:
        raise ValidationError({"mode": _("Hình thức bỏ phiếu không hợp lệ.")})
    _check_members(members)
    session = CouncilSession(authority=authority, title=(title or "").strip(), meets_on=meets_on,
                             place=(place or "").strip(), mode=mode, quorum=quorum, threshold_base=threshold_base,
                             state=SessionState.PLANNED, created_by=acting_user(by))  # fmt: skip
    with acting_as(by):
        session.full_clean()
        session.save()
        for spec in members:
            member = CouncilMember(session=session, user=spec.get("user"), full_name=_member_name(spec),
                                   position=(spec.get("position") or "").strip(),
                                   role=spec.get("role") or MemberRole.MEMBER)  # fmt: skip
            member.full_clean(exclude=["session"])
            member.save()
        record_action(session, code="dossiers.council.scheduled", by=by,
                      data={"members": len(members), "meets_on": session.meets_on.isoformat()})  # fmt: skip
    notify(_member_users(session), code="dossiers.council",
           title=_("Triệu tập họp Hội đồng Thi đua - Khen thưởng: %(title)s") % {"title": session.title},
           body=_("Ngày họp: %(day)s.") % {"day": session.meets_on.strftime("%d/%m/%Y")},
           url=page_url("dossiers:session-detail", session.pk))  # fmt: skip
    return session


def _check_members(members: list[dict]) -> None:
    if not members:
        raise ValidationError({"members": _("Phiên họp cần danh sách thành viên Hội đồng.")})
    chairs = sum(1 for spec in members if (spec.get("role") or MemberRole.MEMBER) == MemberRole.CHAIR)
    if chairs != 1:
        raise ValidationError(
            {"members": _("Hội đồng phải có đúng một Chủ tịch Hội đồng (danh sách có %(count)s).") % {"count": chairs}}
        )
    users = [spec["user"].pk for spec in members if spec.get("user") is not None]
    if len(users) != len(set(users)):
        raise ValidationError({"members": _("Một tài khoản chỉ có một chỗ trong Hội đồng.")})
    for index, spec in enumerate(members, start=1):
        if not _member_name(spec):
            raise ValidationError({"members": _("Thành viên thứ %(n)s: nhập họ và tên.") % {"n": index}})
        if (spec.get("role") or MemberRole.MEMBER) not in MemberRole.values:
            raise ValidationError({"members": _("Thành viên thứ %(n)s: vai trò không hợp lệ.") % {"n": index}})


def _member_name(spec: dict) -> str:
    name = (spec.get("full_name") or "").strip()
    if not name and spec.get("user") is not None:
        name = spec["user"].display_name
    return name


def _agenda_guard(session: CouncilSession, entry: DossierEntry) -> None:
    """Why ``entry`` may not go on the agenda of ``session``, as a Vietnamese error naming it."""
    name = _entry_name(entry)
    dossier = entry.dossier
    if dossier.authority_id != session.authority_id:
        raise ValidationError(_("Đề nghị “%(entry)s”: hồ sơ không trình đến %(authority)s.")
                              % {"entry": name, "authority": session.authority.name})  # fmt: skip
    if dossier.state != DossierState.RECEIVED:
        raise ValidationError(_("Đề nghị “%(entry)s”: hồ sơ chưa được tiếp nhận (trạng thái: “%(state)s”).")
                              % {"entry": name, "state": dossier.get_state_display()})  # fmt: skip
    if entry.state not in VOTABLE_STATES:
        raise ValidationError(_("Đề nghị “%(entry)s” đang ở trạng thái “%(state)s”: chỉ đưa ra Hội đồng đề nghị đã "
                                "thẩm định.") % {"entry": name, "state": entry.get_state_display()})  # fmt: skip
    if entry.award_type.council_body != CouncilBody.COUNCIL:
        raise ValidationError(_("Đề nghị “%(entry)s”: “%(award)s” không cần Hội đồng bỏ phiếu.")
                              % {"entry": name, "award": entry.award_type.name})  # fmt: skip
    if entry.recommendation != Recommendation.PROPOSE:
        raise ValidationError(_("Đề nghị “%(entry)s”: cán bộ thẩm định chưa đề nghị khen thưởng.") % {"entry": name})
    if entry.award_type.needs_public_consultation:
        consultation = entry.consultation
        if consultation is None:
            raise ValidationError(_("Đề nghị “%(entry)s” phải được công khai, lấy ý kiến trước khi đưa ra Hội đồng.")
                                  % {"entry": name})  # fmt: skip
        if not consultation.ends_on < session.meets_on:
            raise ValidationError(
                _("Đề nghị “%(entry)s”: đợt lấy ý kiến kết thúc ngày %(end)s, phải kết thúc trước ngày họp %(day)s.")
                % {"entry": name, "end": consultation.ends_on.strftime("%d/%m/%Y"),
                   "day": session.meets_on.strftime("%d/%m/%Y")}
            )  # fmt: skip
    elsewhere = (
        AgendaItem.objects.filter(entry=entry)
        .exclude(session=session)
        .exclude(session__state=SessionState.CLOSED)
        .select_related("session")
        .first()
    )
    if elsewhere is not None:
        raise ValidationError(_("Đề nghị “%(entry)s” đã có trong chương trình phiên họp “%(session)s”.")
                              % {"entry": name, "session": elsewhere.session.title})  # fmt: skip


@transaction.atomic
def add_to_agenda(session: CouncilSession, entries, *, by) -> list[AgendaItem]:
    """Put appraised entries needing the council's vote on a planned session's agenda (all or none)."""
    session = _lock_session(session)
    if not can_manage_session(by, session):
        raise PermissionDenied(_("Chỉ Thư ký Hội đồng hoặc Ban Thi đua - Khen thưởng lập chương trình họp."))
    _require_state(session, SessionState.PLANNED)
    entries = list(entries)
    if not entries:
        raise ValidationError({"entries": _("Chọn ít nhất một đề nghị.")})
    order = (session.items.aggregate(last=Max("order"))["last"] or 0) + 1
    already = set(session.items.values_list("entry_id", flat=True))
    given = {entry.pk: entry for entry in entries}
    dossier_of = {pk: entry.dossier_id for pk, entry in given.items()}
    items = []
    dossiers = {}
    # Lock the dossiers in a fixed order so two sessions filled at once cannot deadlock.
    for entry_id in sorted(dossier_of, key=lambda pk: (dossier_of[pk], pk)):
        dossier_id = dossier_of[entry_id]
        if dossier_id not in dossiers:
            dossiers[dossier_id] = transitions.lock(given[entry_id])
        entry = DossierEntry.objects.select_related("award_type", "dossier", "consultation").get(pk=entry_id)
        entry.dossier = dossiers[dossier_id]
        if entry.pk in already:
            raise ValidationError(_("Đề nghị “%(entry)s” đã có trong chương trình phiên họp này.")
                                  % {"entry": _entry_name(entry)})  # fmt: skip
        _agenda_guard(session, entry)
        item = AgendaItem(session=session, entry=entry, order=order)
        with acting_as(by):
            item.save()
        order += 1
        items.append(item)
        transitions.record_event(entry.dossier, action="council_scheduled", by=by, entry=entry,
                                 data={"session": session.pk, "title": session.title,
                                       "meets_on": session.meets_on.isoformat()})  # fmt: skip
    record_action(session, code="dossiers.council.agenda_added", by=by, data={"entries": [i.entry_id for i in items]})
    return items


@transaction.atomic
def remove_from_agenda(item: AgendaItem, *, by) -> None:
    """Take an entry off a planned session's agenda."""
    session = _lock_session(item.session)
    if not can_manage_session(by, session):
        raise PermissionDenied(_("Chỉ Thư ký Hội đồng hoặc Ban Thi đua - Khen thưởng sửa chương trình họp."))
    _require_state(session, SessionState.PLANNED)
    item = AgendaItem.objects.select_related("entry").get(pk=item.pk)
    entry_id = item.entry_id
    with acting_as(by):
        item.delete()
        record_action(session, code="dossiers.council.agenda_removed", by=by, data={"entry": entry_id})


@transaction.atomic
def set_attendance(session: CouncilSession, *, by, present_member_ids) -> None:
    """Record who is present (the quorum is checked when voting opens); members not listed are absent."""
    session = _lock_session(session)
    if not can_manage_session(by, session):
        raise PermissionDenied(_("Chỉ Thư ký Hội đồng hoặc Ban Thi đua - Khen thưởng ghi nhận thành viên dự họp."))
    _require_state(session, SessionState.PLANNED)
    present = {int(pk) for pk in present_member_ids}
    members = list(session.members.all())
    unknown = present - {member.pk for member in members}
    if unknown:
        raise ValidationError({"present_member_ids": _("Không phải thành viên của phiên họp này: %(ids)s.")
                               % {"ids": ", ".join(str(pk) for pk in sorted(unknown))}})  # fmt: skip
    with acting_as(by):
        for member in members:
            if member.present != (member.pk in present):
                member.present = member.pk in present
                member.save(update_fields=["present"])
        record_action(session, code="dossiers.council.attendance", by=by,
                      data={"present": len(present), "members": len(members)})  # fmt: skip


@transaction.atomic
def declare_conflict(item: AgendaItem, member: CouncilMember, *, by, reason: str) -> Recusal:
    """A member declares a conflict of interest on one item and does not vote on it (declared, never inferred).
    Before the member voted on it; by the member, or by the secretary recording what the member declared."""
    session = _lock_session(item.session)
    # The item's row is where votes queue (cast_vote locks it too): a vote and a recusal cannot cross.
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("entry__award_type").get(pk=item.pk)
    member = CouncilMember.objects.get(pk=member.pk)
    if member.session_id != session.pk:
        raise ValidationError({"member": _("“%(name)s” không phải thành viên của phiên họp này.")
                               % {"name": member.full_name}})  # fmt: skip
    own = getattr(by, "is_authenticated", False) and member.user_id == by.pk
    if not own and not can_manage_session(by, session):
        raise PermissionDenied(_("Chỉ thành viên đó hoặc Thư ký Hội đồng ghi nhận việc không tham gia biểu quyết."))
    _require_state(session, SessionState.PLANNED, SessionState.VOTING)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nêu lý do không tham gia biểu quyết (xung đột lợi ích).")})
    if VoteReceipt.objects.filter(item=item, member=member).exists():
        message = _("“%(name)s” đã bỏ phiếu cho đề nghị “%(entry)s”: không thể xin không tham gia biểu quyết nữa.")
        raise ValidationError(message % {"name": member.full_name, "entry": _entry_name(item.entry)})
    if Recusal.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("“%(name)s” đã xin không tham gia biểu quyết đề nghị “%(entry)s”.")
                              % {"name": member.full_name, "entry": _entry_name(item.entry)})  # fmt: skip
    recusal = Recusal(item=item, member=member, reason=reason)
    with acting_as(by):
        recusal.save()
        record_action(session, code="dossiers.council.recused", by=by, reason=reason,
                      data={"item": item.pk, "member": member.pk})  # fmt: skip
    return recusal


# --- Voting ----------------------------------------------------------------------------------------------------


@transaction.atomic
def open_voting(session: CouncilSession, *, by) -> CouncilSession:
    """The chair opens the vote: the agenda is not empty and enough members are present (quorum, exact shares)."""
    session = _lock_session(session)
    if not can_chair(by, session):
        raise PermissionDenied(_("Chỉ Chủ tịch Hội đồng mở bỏ phiếu."))
    _require_state(session, SessionState.PLANNED)
    items = list(session.items.select_related("entry__dossier"))
    if not items:
        raise ValidationError(_("Phiên họp “%(title)s” chưa có đề nghị nào trong chương trình.")
                              % {"title": session.title})  # fmt: skip
    total = session.members.count()
    present = session.members.filter(present=True).count()
    if total == 0 or Fraction(present, total) < Fraction(session.quorum):
        raise ValidationError(
            _("Không đủ số thành viên dự họp: có mặt %(present)s/%(total)s thành viên (%(share)s), cần tối thiểu "
              "%(quorum)s.")
            % {"present": present, "total": total, "share": _percent(Fraction(present, total or 1)),
               "quorum": _percent(session.quorum)}
        )  # fmt: skip
    session.state = SessionState.VOTING
    session.opened_at = timezone.now()
    session.version += 1
    with acting_as(by):
        session.save()
        record_action(session, code="dossiers.council.opened", by=by, data={"present": present, "members": total})
    for dossier, entry_ids in _by_dossier(items):
        data = {"session": session.pk, "title": session.title, "entries": entry_ids}
        transitions.record_event(dossier, action="voting_opened", by=by, data=data)
    if session.mode == VotingMode.ONLINE:
        notify(_member_users(session, present_only=True), code="dossiers.council",
               title=_("Mời bỏ phiếu: %(title)s") % {"title": session.title},
               url=page_url("dossiers:session-vote", session.pk))  # fmt: skip
    return session


def _by_dossier(items: list[AgendaItem]) -> list[tuple[Any, list[int]]]:
    grouped: dict[int, tuple[Any, list[int]]] = {}
    for item in items:
        dossier = item.entry.dossier
        grouped.setdefault(dossier.pk, (dossier, []))[1].append(item.entry_id)
    return [grouped[pk] for pk in sorted(grouped)]


@transaction.atomic
def cast_vote(item: AgendaItem, *, by, choice: str) -> None:
    """One secret vote of a present member on one item, online. Writes a receipt (who voted, nothing else) and adds
    one to a counter (no voter): no row, column or audit entry holds both the voter and the choice."""
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Chọn “Đồng ý” hoặc “Không đồng ý”.")})
    # Votes queue on the session's row (the chair's close takes it too, so no vote lands after the count) and on
    # the item's: a member's two clicks at once are one after the other, and the second sees the first's receipt.
    session = _lock_session(item.session)
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("entry__award_type").get(pk=item.pk)
    item.session = session
    member = None
    if getattr(by, "is_authenticated", False):
        member = session.members.filter(user_id=by.pk).first()
    if member is None:
        raise PermissionDenied(_("Chỉ thành viên Hội đồng của phiên họp này được bỏ phiếu."))
    if session.state != SessionState.VOTING:
        raise ValidationError(_("Phiên họp “%(title)s” không đang bỏ phiếu.") % {"title": session.title})
    if session.mode != VotingMode.ONLINE:
        raise ValidationError(_("Phiên họp này bỏ phiếu giấy: Thư ký Hội đồng nhập kết quả kiểm phiếu."))
    if not member.present:
        raise ValidationError(_("Bạn không có mặt tại phiên họp nên không bỏ phiếu."))
    if Recusal.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("Bạn đã xin không tham gia biểu quyết đề nghị này."))
    if VoteReceipt.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("Bạn đã bỏ phiếu cho đề nghị này."))
    try:
        with transaction.atomic():
            VoteReceipt.objects.create(item=item, member=member)
    except IntegrityError:
        raise ValidationError(_("Bạn đã bỏ phiếu cho đề nghị này.")) from None
    counter = "votes_for" if choice == VoteChoice.FOR else "votes_against"
    # A queryset update: no save(), so no signal, no audit diff, no timestamp on the item.
    AgendaItem.objects.filter(pk=item.pk).update(**{counter: F(counter) + 1})
    record_action(session, code="dossiers.council.voted", by=by, data={"item": item.pk})


def _eligible_count(item: AgendaItem, *, present_only: bool) -> int:
    members = item.session.members.exclude(recusals__item=item)
    if present_only:
        members = members.filter(present=True)
    return members.count()


@transaction.atomic
def enter_paper_tally(item: AgendaItem, *, by, votes_for: int, votes_against: int) -> AgendaItem:
    """The secretary enters the count of the paper ballots of one item (may correct it until the vote closes)."""
    session = _lock_session(item.session)
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("entry__award_type").get(pk=item.pk)
    item.session = session
    if not can_manage_session(by, session):
        raise PermissionDenied(_("Chỉ Thư ký Hội đồng nhập kết quả kiểm phiếu."))
    if session.state != SessionState.VOTING:
        raise ValidationError(_("Phiên họp “%(title)s” không đang bỏ phiếu.") % {"title": session.title})
    if session.mode != VotingMode.PAPER:
        raise ValidationError(_("Phiên họp này bỏ phiếu trực tuyến: thành viên tự bỏ phiếu."))
    counts = {}
    for field, value in (("votes_for", votes_for), ("votes_against", votes_against)):
        try:
            counts[field] = int(value)
        except (TypeError, ValueError):
            raise ValidationError({field: _("Nhập số phiếu là số nguyên.")}) from None
        if counts[field] < 0:
            raise ValidationError({field: _("Số phiếu không được âm.")})
    voters = _eligible_count(item, present_only=True)
    if counts["votes_for"] + counts["votes_against"] > voters:
        raise ValidationError(
            {"votes_for": _("Đề nghị “%(entry)s”: tổng số phiếu (%(sum)s) nhiều hơn số thành viên có mặt được biểu "
                            "quyết (%(voters)s).") % {"entry": _entry_name(item.entry),
                                                     "sum": counts["votes_for"] + counts["votes_against"],
                                                     "voters": voters}}
        )  # fmt: skip
    item.votes_for, item.votes_against = counts["votes_for"], counts["votes_against"]
    item.save(update_fields=["votes_for", "votes_against"])
    # The numbers stay out of the log until the chair closes the vote, like the online counters.
    record_action(session, code="dossiers.council.tally_entered", by=by, data={"item": item.pk})
    return item


def decide(votes_for: int, base: int, threshold: Decimal | None) -> bool:
    """Exact: votes_for / base ≥ threshold; with no threshold in the catalog, more than half (votes_for × 2 > base)."""
    if base <= 0:
        return False
    if threshold is None:
        return votes_for * 2 > base
    return Fraction(votes_for, base) >= Fraction(threshold)


def threshold_text(threshold: Decimal | None) -> str:
    return _percent(threshold) if threshold is not None else _("quá nửa")


@transaction.atomic
def close_voting(session: CouncilSession, *, by, minutes: str = "") -> CouncilSession:
    """The chair closes the vote: each item is decided by its award type's threshold on the session's base (all
    members, or all but the recused); passed entries are voted, the others rejected with the figures."""
    session = _lock_session(session)
    if not can_chair(by, session):
        raise PermissionDenied(_("Chỉ Chủ tịch Hội đồng kết thúc bỏ phiếu."))
    _require_state(session, SessionState.VOTING)
    items = session.items.select_related("entry__award_type", "entry__dossier")
    items = list(items.order_by("entry__dossier_id", "order", "pk"))
    if session.mode == VotingMode.PAPER:
        missing = [_entry_name(item.entry) for item in items if item.votes_for + item.votes_against == 0]
        if missing:
            raise ValidationError(_("Chưa nhập kết quả kiểm phiếu cho: %(entries)s.") % {"entries": "; ".join(missing)})
    total = session.members.count()
    dossiers: dict[int, Any] = {}
    passed_count = 0
    for item in items:
        recused = item.recusals.count()
        item.base = total if session.threshold_base == ThresholdBase.FULL else total - recused
        item.threshold = item.entry.award_type.council_threshold
        item.passed = decide(item.votes_for, item.base, item.threshold)
        passed_count += item.passed
        with acting_as(by):
            item.save(update_fields=["base", "threshold", "passed"])
        dossier_id = item.entry.dossier_id
        if dossier_id not in dossiers:
            dossiers[dossier_id] = transitions.lock(item.entry)
        _move_entry(item, dossiers[dossier_id], session=session, by=by)
    session.state = SessionState.CLOSED
    session.closed_at = timezone.now()
    session.minutes = (minutes or "").strip() or session.minutes
    session.version += 1
    with acting_as(by):
        session.save()
        record_action(session, code="dossiers.council.closed", by=by,
                      data={"passed": passed_count, "failed": len(items) - passed_count})  # fmt: skip
    for dossier, entry_ids in _by_dossier(items):
        data = {"session": session.pk, "title": session.title, "entries": entry_ids}
        transitions.record_event(dossiers[dossier.pk], action="voting_closed", by=by, data=data)
    notify(_board_users(session.authority), code="dossiers.council",
           title=_("Kết quả bỏ phiếu: %(title)s") % {"title": session.title},
           body=_("%(passed)s/%(total)s đề nghị đạt tỷ lệ phiếu đồng ý.")
           % {"passed": passed_count, "total": len(items)},
           url=page_url("dossiers:session-detail", session.pk))  # fmt: skip
    return session


def _move_entry(item: AgendaItem, dossier, *, session: CouncilSession, by) -> None:
    """The entry follows its item's result (the chair acts for the council: check_actor=False)."""
    entry = DossierEntry.objects.select_related("award_type", "dossier").get(pk=item.entry_id)
    entry.dossier = dossier
    if entry.state not in VOTABLE_STATES:
        return  # moved meanwhile (rejected by the board head …): the result is kept on the item
    data = {"session": session.pk, "votes_for": item.votes_for, "votes_against": item.votes_against,
            "base": item.base, "threshold": str(item.threshold) if item.threshold is not None else None}  # fmt: skip
    if item.passed:
        transitions.perform("vote", entry, by=by, check_actor=False, data=data)
        return
    reason = _("Không đạt tỷ lệ phiếu đồng ý: %(votes)s/%(base)s thành viên (%(share)s), yêu cầu %(threshold)s.") % {
        "votes": item.votes_for, "base": item.base,
        "share": _percent(Fraction(item.votes_for, item.base or 1)),
        "threshold": (_("tối thiểu %(t)s") % {"t": _percent(item.threshold)}) if item.threshold is not None
        else _("quá nửa tổng số"),
    }  # fmt: skip
    transitions.perform("reject", entry, by=by, check_actor=False, reason=reason, data=data)
    entry.decision_reason = reason
    entry.save(update_fields=["decision_reason", "updated_at"])


# --- Reading ---------------------------------------------------------------------------------------------------


def results(session: CouncilSession, *, user) -> list[dict] | None:
    """The tallies of a closed session's items; None while the vote is not closed (hidden from everyone)."""
    if not can_see_session(user, session):
        raise PermissionDenied(_("Bạn không xem được phiên họp này."))
    session = CouncilSession.objects.get(pk=session.pk)
    if session.state != SessionState.CLOSED:
        return None
    rows = []
    items = session.items.select_related("entry__award_type", "entry__dossier__unit").prefetch_related("recusals")
    for item in items:
        rows.append({
            "item": item, "entry": item.entry, "nominee": item.entry.nominee_name, "award": item.entry.award_type.name,
            "dossier": item.entry.dossier, "votes_for": item.votes_for, "votes_against": item.votes_against,
            "recused": len(item.recusals.all()), "base": item.base, "threshold": item.threshold,
            "threshold_text": threshold_text(item.threshold), "passed": item.passed,
        })  # fmt: skip
    return rows


def my_ballot(session: CouncilSession, user) -> list[dict]:
    """The voting page of one member: each item, whether they voted or are recused, and whether they may vote now.
    Never a count."""
    member = session.members.filter(user_id=user.pk).first() if getattr(user, "is_authenticated", False) else None
    if member is None:
        return []
    voted = set(VoteReceipt.objects.filter(member=member).values_list("item_id", flat=True))
    recused = set(Recusal.objects.filter(member=member).values_list("item_id", flat=True))
    open_now = session.state == SessionState.VOTING and session.mode == VotingMode.ONLINE and member.present
    rows = []
    for item in session.items.select_related("entry__award_type"):
        # The page gets the item, never its counters (they are not a member's business before the close).
        item.votes_for = item.votes_against = None
        rows.append({
            "item": item, "entry": item.entry, "member": member, "nominee": item.entry.nominee_name,
            "award": item.entry.award_type.name, "unit_name": item.entry.unit_name,
            "voted": item.pk in voted, "recused": item.pk in recused,
            "can_vote": open_now and item.pk not in voted and item.pk not in recused,
        })  # fmt: skip
    return rows
