"""The declared table of the workflow (DESIGN.md: "each transition is a row of one declared table: from → to → who may
take it → guard"), and the one function that performs a row.

A row names the object it moves (a dossier or an entry), the states it leaves from, the state it goes to, the side
whose people take it (the submitting unit's, or the addressed authority's) with their roles, whether a reason is
required, and which deadline it starts for the next actor. The guards — what must hold of the data — live with the
service functions that call ``perform`` (``thidua.dossiers.workflow``, ``council``, ``consultation``,
``forwarding``): ``perform`` checks what every row shares (the state, the actor, the reason, the version seen) under a
row lock, records the step on the timeline and in the audit log, sets the deadline and notifies the next actor.

Who may act (``may``): the unit side is a role at the dossier's unit or above it; the authority side is a role at
the unit where the addressed authority sits (its own board and council, not its parents').
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.rules import (
    BOARD_HEAD_ROLES,
    BOARD_ROLES,
    CLERK_ROLES,
    COUNCIL_CHAIR_ROLES,
    SUBMIT_ROLES,
    holds_role_at,
    holds_role_over,
)
from thidua.audit.services import record_action
from thidua.core.calendar import add_working_days
from thidua.core.writes import acting_user
from thidua.dossiers.enums import DossierState, EntryState
from thidua.dossiers.models import Dossier, DossierEntry, DossierEvent

UNIT = "unit"
AUTHORITY = "authority"
DOSSIER = "dossier"
ENTRY = "entry"

D = DossierState
E = EntryState


@dataclass(frozen=True)
class Transition:
    code: str  # also the API's path segment: POST /api/v1/dossiers/{id}/<code>/
    label: Any  # Vietnamese, lazy: the button and the timeline
    moves: str  # DOSSIER or ENTRY
    sources: frozenset[str]
    target: str | None  # None: the state does not change (assigning an officer, recording a council result)
    side: str  # UNIT or AUTHORITY
    roles: frozenset[str]
    reason_required: bool = False
    # The key in settings.THIDUA_DOSSIER_DEADLINES of the deadline this step starts for the next actor; None keeps
    # the dossier's deadline as it is, "" clears it.
    deadline: str | None = None


def _t(code, label, moves, sources, target, side, roles, **kwargs) -> Transition:
    return Transition(code, label, moves, frozenset(sources), target, side, frozenset(roles), **kwargs)


TRANSITIONS: dict[str, Transition] = {
    t.code: t
    for t in (
        # --- the dossier (the envelope) -------------------------------------------------------------------------
        _t("submit", gettext_lazy("Trình hồ sơ"), DOSSIER, {D.DRAFT}, D.SUBMITTED, UNIT, SUBMIT_ROLES,
           deadline="receive"),
        _t("resubmit", gettext_lazy("Trình lại hồ sơ"), DOSSIER, {D.RETURNED}, D.SUBMITTED, UNIT, SUBMIT_ROLES,
           deadline="receive"),
        _t("withdraw", gettext_lazy("Rút hồ sơ"), DOSSIER, {D.DRAFT, D.SUBMITTED, D.RETURNED}, D.WITHDRAWN, UNIT,
           SUBMIT_ROLES, reason_required=True, deadline=""),
        _t("return", gettext_lazy("Trả lại hồ sơ"), DOSSIER, {D.SUBMITTED, D.RECEIVED}, D.RETURNED, AUTHORITY,
           BOARD_ROLES, deadline="resubmit"),
        _t("receive", gettext_lazy("Tiếp nhận hồ sơ"), DOSSIER, {D.SUBMITTED}, D.RECEIVED, AUTHORITY, BOARD_ROLES,
           deadline="appraise"),
        _t("assign", gettext_lazy("Phân công thẩm định"), DOSSIER, {D.SUBMITTED, D.RECEIVED}, None, AUTHORITY,
           BOARD_HEAD_ROLES),
        _t("close", gettext_lazy("Kết thúc hồ sơ"), DOSSIER, {D.RECEIVED}, D.CLOSED, AUTHORITY, BOARD_HEAD_ROLES,
           deadline=""),
        # --- one entry (one nominee + one award type) ---------------------------------------------------------
        _t("return_entry", gettext_lazy("Trả lại đề nghị để bổ sung"), ENTRY, {E.PROPOSED}, E.RETURNED, AUTHORITY,
           BOARD_ROLES, reason_required=True),
        _t("appraise", gettext_lazy("Thẩm định"), ENTRY, {E.PROPOSED}, E.APPRAISED, AUTHORITY, BOARD_ROLES),
        _t("consult", gettext_lazy("Đưa ra lấy ý kiến Nhân dân"), ENTRY, {E.APPRAISED}, E.IN_CONSULTATION,
           AUTHORITY, BOARD_ROLES),
        # Taken by the chair closing a session's vote: the entry passed the award type's threshold.
        _t("vote", gettext_lazy("Hội đồng bỏ phiếu đạt"), ENTRY, {E.APPRAISED, E.IN_CONSULTATION}, E.VOTED,
           AUTHORITY, COUNCIL_CHAIR_ROLES),
        _t("approve", gettext_lazy("Duyệt đề nghị"), ENTRY, {E.APPRAISED, E.IN_CONSULTATION, E.VOTED}, E.APPROVED,
           AUTHORITY, BOARD_HEAD_ROLES),
        _t("reject", gettext_lazy("Không duyệt đề nghị"), ENTRY,
           {E.PROPOSED, E.APPRAISED, E.IN_CONSULTATION, E.VOTED, E.APPROVED}, E.REJECTED, AUTHORITY,
           BOARD_HEAD_ROLES | COUNCIL_CHAIR_ROLES, reason_required=True),
        _t("forward", gettext_lazy("Trình cấp trên"), ENTRY, {E.APPRAISED, E.IN_CONSULTATION, E.VOTED},
           E.FORWARDED, AUTHORITY, BOARD_HEAD_ROLES),
        # Taken by signing a decision that lists the entry (thidua.decisions.services.sign).
        _t("decide", gettext_lazy("Quyết định khen thưởng"), ENTRY, {E.APPROVED}, E.DECIDED, AUTHORITY,
           CLERK_ROLES),
        # The centre's answer to an entry forwarded outside this deployment, recorded by the board.
        _t("record_decision", gettext_lazy("Ghi nhận quyết định của cấp trên"), ENTRY, {E.FORWARDED}, E.DECIDED,
           AUTHORITY, BOARD_ROLES),
        _t("record_refusal", gettext_lazy("Ghi nhận cấp trên không khen thưởng"), ENTRY, {E.FORWARDED}, E.REJECTED,
           AUTHORITY, BOARD_ROLES, reason_required=True),
    )
}  # fmt: skip

DOSSIER_TRANSITIONS = tuple(t for t in TRANSITIONS.values() if t.moves == DOSSIER)
ENTRY_TRANSITIONS = tuple(t for t in TRANSITIONS.values() if t.moves == ENTRY)


def transition(code: str) -> Transition:
    try:
        return TRANSITIONS[code]
    except KeyError:
        raise ValueError(f"Unknown dossier transition {code!r}") from None


# --- Who acts ------------------------------------------------------------------------------------------------


def _dossier_of(obj: Dossier | DossierEntry) -> Dossier:
    return obj if isinstance(obj, Dossier) else obj.dossier


def may(user, code: str, obj: Dossier | DossierEntry) -> bool:
    """True when the user holds a role of the row's side for this dossier (the state and the guard aside)."""
    row = transition(code)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    dossier = _dossier_of(obj)
    if row.side == UNIT:
        return holds_role_over(user, dossier.unit, row.roles)
    if dossier.authority_id is None:
        return False
    return holds_role_at(user, dossier.authority.unit, row.roles)


def available(user, obj: Dossier | DossierEntry) -> list[Transition]:
    """The rows the user may take on the object in its current state (buttons; guards are checked on submit)."""
    moves = DOSSIER if isinstance(obj, Dossier) else ENTRY
    return [t for t in TRANSITIONS.values() if t.moves == moves and obj.state in t.sources and may(user, t.code, obj)]


def deadline_after(key: str, start: dt.date | None = None) -> dt.date:
    """The day a deadline of ``key`` falls due, counted in working days from ``start`` (today)."""
    days = settings.THIDUA_DOSSIER_DEADLINES[key]
    return add_working_days(start or timezone.localdate(), days)


# --- Performing a row ----------------------------------------------------------------------------------------


def lock(obj: Dossier | DossierEntry) -> Dossier:
    """Lock the dossier row (every transition of the dossier or its entries queues on it) and return it fresh.

    Call inside ``transaction.atomic``. Two officers acting at the same moment: the second waits, then sees the
    state the first left and is refused by ``perform`` — no double transition, no lost update.
    """
    pk = obj.pk if isinstance(obj, Dossier) else obj.dossier_id
    return Dossier.objects.select_for_update(of=("self",)).select_related("authority__unit", "unit").get(pk=pk)


def perform(
    code: str,
    obj: Dossier | DossierEntry,
    *,
    by,
    reason: str = "",
    expected_version: int | None = None,
    data: dict[str, Any] | None = None,
    check_actor: bool = True,
    notify_users: list | None = None,
    notify_title: str = "",
) -> DossierEvent:
    """Move ``obj`` along row ``code``: check state, actor, reason and version, save, record, set the deadline.

    The caller holds the lock (``lock``) in its transaction and has re-read ``obj`` under it, and has checked the
    row's guard. ``check_actor=False`` is for steps the system takes on someone's behalf (a vote closed by the
    chair moves the entries; the board's forwarding creates a submitted dossier upstream). ``notify_users`` are told
    (in the app, and by e-mail after commit).
    """
    row = transition(code)
    dossier = _dossier_of(obj)
    if obj.state not in row.sources:
        raise ValidationError(
            _("Không thể “%(action)s”: %(what)s đang ở trạng thái “%(state)s”.")
            % {"action": row.label, "what": _describe(obj), "state": obj.get_state_display()}
        )
    check_version(dossier, expected_version)
    if check_actor and not may(by, code, obj):
        raise PermissionDenied(_("Bạn không có quyền “%(action)s” đối với hồ sơ này.") % {"action": row.label})
    reason = (reason or "").strip()
    if row.reason_required and not reason:
        raise ValidationError({"reason": _("Nhập lý do để “%(action)s”.") % {"action": row.label}})
    from_state = obj.state
    if row.target is not None:
        obj.state = row.target
    due_on = dossier.due_on
    if row.deadline == "":
        due_on = None
    elif row.deadline:
        due_on = deadline_after(row.deadline)
    dossier.due_on = due_on
    dossier.version += 1
    if obj is not dossier:
        obj.save(update_fields=["state", "updated_at"])
    dossier.save()
    event = DossierEvent.objects.create(
        dossier=dossier,
        entry=obj if isinstance(obj, DossierEntry) else None,
        action=code,
        from_state=from_state,
        to_state=obj.state,
        actor=acting_user(by),
        actor_name=actor_name(by),
        reason=reason,
        due_on=due_on if row.deadline else None,
        data=data or {},
    )
    record_action(obj, code=f"dossiers.{row.moves}.{code}", by=by, reason=reason,
                  data={"from": from_state, "to": obj.state, **(data or {})})  # fmt: skip
    if notify_users:
        _notify(notify_users, dossier, title=notify_title or _default_title(row, dossier), reason=reason)
    return event


def record_event(dossier: Dossier, *, action: str, by, entry: DossierEntry | None = None, reason: str = "",
                 data: dict[str, Any] | None = None, from_state: str | None = None) -> DossierEvent:  # fmt: skip
    """A step on the timeline outside the table's rows (an attachment added, a checklist saved, a vote opened, or a
    move the system makes on someone's behalf: ``from_state`` names the state the object left)."""
    state = (entry or dossier).state
    return DossierEvent.objects.create(
        dossier=dossier, entry=entry, action=action, from_state=from_state or state, to_state=state,
        actor=acting_user(by), actor_name=actor_name(by), reason=reason, data=data or {},
    )  # fmt: skip


def check_version(dossier: Dossier, expected_version: int | None) -> None:
    """The version the actor saw must still be the dossier's: otherwise someone changed it meanwhile."""
    if expected_version is not None and expected_version != dossier.version:
        raise ValidationError(
            _("Hồ sơ “%(dossier)s” vừa được người khác cập nhật. Tải lại trang để xem trạng thái mới rồi thao tác lại.")
            % {"dossier": dossier.title}
        )


def bump(dossier: Dossier) -> None:
    """Every edit moves the dossier to a new version: a form showing an older one may no longer act."""
    dossier.version += 1
    dossier.save(update_fields=["version", "updated_at"])


def _describe(obj: models.Model) -> str:
    if isinstance(obj, Dossier):
        return _("hồ sơ “%(title)s”") % {"title": obj.title}
    return _("đề nghị “%(entry)s”") % {"entry": f"{obj.nominee_name}: {obj.award_type.name}"}


def actor_name(by) -> str:
    """The name the timeline shows for the actor: the user's, or "Hệ thống" for the system."""
    if acting_user(by) is None:
        return _("Hệ thống")
    return getattr(by, "display_name", "") or str(by)


def _default_title(row: Transition, dossier: Dossier) -> str:
    return _("%(action)s: %(dossier)s") % {"action": row.label, "dossier": dossier.title}


def _notify(users, dossier: Dossier, *, title: str, reason: str) -> None:
    from thidua.core.writes import page_url
    from thidua.notifications.services import notify

    body = reason
    if dossier.due_on:
        body = (body + "\n" if body else "") + _("Hạn xử lý: %(day)s.") % {"day": dossier.due_on.strftime("%d/%m/%Y")}
    notify(users, code="dossiers.dossier", title=title, body=body, url=page_url("dossiers:detail", dossier.pk))


# --- Who is told -----------------------------------------------------------------------------------------------


def unit_people(dossier: Dossier) -> list:
    """The submitting unit's people who prepare and submit its dossiers, and whoever created this one."""
    from django.contrib.auth import get_user_model

    from thidua.accounts.rules import DOSSIER_ROLES

    users = list(
        get_user_model()
        .objects.filter(
            is_active=True, roles__in=_current_roles().filter(unit_id=dossier.unit_id, role__code__in=DOSSIER_ROLES)
        )
        .distinct()
    )
    if dossier.created_by_id and all(user.pk != dossier.created_by_id for user in users):
        users.append(dossier.created_by)
    return users


def board_people(dossier: Dossier) -> list:
    """The officer appraising the dossier, or else the board of the addressed authority."""
    if dossier.assignee_id:
        return [dossier.assignee]
    return authority_people(dossier, BOARD_ROLES)


def authority_people(dossier: Dossier, roles: frozenset[str]) -> list:
    """Users holding one of ``roles`` at the unit where the dossier's authority sits."""
    from django.contrib.auth import get_user_model

    if dossier.authority_id is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            roles__in=_current_roles().filter(unit_id=dossier.authority.unit_id, role__code__in=roles),
        )
        .distinct()
    )


def _current_roles():
    from thidua.accounts.models import RoleAssignment

    return RoleAssignment.objects.current()
