"""Dashboard panels of the dossier workflow (registry: ``thidua.core.dashboard``): the board's inbox, the unit's
dossiers to finish or resubmit, the council sessions a member must attend or vote in, and the dossiers in scope by
state. Each panel runs a fixed number of queries (two or three), however many dossiers there are."""

from __future__ import annotations

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.rules import BOARD_ROLES, COUNCIL_VOTER_ROLES, DOSSIER_ROLES
from thidua.accounts.scoping import scoped
from thidua.core.dashboard import ITEMS_SHOWN, NUMBERS, Figure, Item, Panel, Viewer, panel
from thidua.core.pagination import CappedCount
from thidua.dossiers import queries
from thidua.dossiers.enums import DossierState, SessionState, VotingMode
from thidua.dossiers.models import AgendaItem, CouncilMember, Dossier, Recusal, VoteReceipt

# What waits for the board: dossiers sent to it (to receive) and received ones (to appraise and decide); a returned
# dossier waits for its unit, so it is the unit's panel that shows it.
BOARD_WAITING = (DossierState.SUBMITTED, DossierState.RECEIVED)
UNIT_WAITING = (DossierState.RETURNED, DossierState.DRAFT)


def _dossier_item(dossier: Dossier, *, user=None) -> Item:
    badge = dossier.get_state_display()
    if user is not None and dossier.assignee_id == user.pk:
        badge = _("%(state)s · giao cho bạn") % {"state": badge}
    return Item(
        text=dossier.title,
        url=reverse("dossiers:detail", args=[dossier.pk]),
        detail=dossier.unit.name,
        due_on=dossier.due_on,
        overdue=dossier.is_overdue,
        badge=badge,
    )


def _counts(dossiers, user) -> dict[str, int]:
    """How many, how many overdue, how many assigned to the user: one aggregate."""
    today = timezone.localdate()
    return dossiers.order_by().aggregate(
        total=Count("pk", distinct=True),
        overdue=Count("pk", distinct=True, filter=Q(due_on__lt=today)),
        mine=Count("pk", distinct=True, filter=Q(assignee_id=user.pk)),
    )


@panel(order=10)
def board_inbox(viewer: Viewer) -> Panel | None:
    """ "Hồ sơ đến": what is addressed to the authorities whose board the user sits on, nearest deadline first."""
    if not viewer.holds(BOARD_ROLES):
        return None
    waiting = queries.inbox(viewer.user).filter(state__in=BOARD_WAITING)
    rows = list(waiting[:ITEMS_SHOWN])
    counts = _counts(Dossier.objects.filter(pk__in=waiting.values("pk")), viewer.user)
    notes = []
    if counts["overdue"]:
        notes.append(ngettext("%(count)d hồ sơ quá hạn xử lý", "%(count)d hồ sơ quá hạn xử lý", counts["overdue"])
                     % {"count": counts["overdue"]})  # fmt: skip
    if counts["mine"]:
        notes.append(ngettext("%(count)d hồ sơ giao cho bạn", "%(count)d hồ sơ giao cho bạn", counts["mine"])
                     % {"count": counts["mine"]})  # fmt: skip
    return Panel(
        key="dossiers.inbox",
        title=_("Hồ sơ đến cần xử lý"),
        items=[_dossier_item(dossier, user=viewer.user) for dossier in rows],
        count=counts["total"],
        note="; ".join(notes),
        url=reverse("dossiers:inbox"),
        url_label=_("Mở hồ sơ đến"),
        empty=_("Không có hồ sơ nào chờ tiếp nhận, thẩm định."),
    )


@panel(order=20)
def unit_outbox(viewer: Viewer) -> Panel | None:
    """The unit's dossiers still to act on: returned ones (to complete and resubmit) first, then drafts."""
    if not viewer.holds(DOSSIER_ROLES):
        return None
    returned_first = Case(When(state=DossierState.RETURNED, then=Value(0)), default=Value(1),
                          output_field=IntegerField())  # fmt: skip
    waiting = queries.outbox(viewer.user).filter(state__in=UNIT_WAITING)
    rows = list(waiting.order_by(returned_first, F("due_on").asc(nulls_last=True), "-created_at", "-id")[:ITEMS_SHOWN])
    counts = Dossier.objects.filter(pk__in=waiting.values("pk")).aggregate(
        total=Count("pk"), returned=Count("pk", filter=Q(state=DossierState.RETURNED))
    )
    note = ""
    if counts["returned"]:
        note = ngettext("%(count)d hồ sơ bị trả lại cần bổ sung", "%(count)d hồ sơ bị trả lại cần bổ sung",
                        counts["returned"]) % {"count": counts["returned"]}  # fmt: skip
    return Panel(
        key="dossiers.outbox",
        title=_("Hồ sơ của đơn vị cần hoàn thiện"),
        items=[_dossier_item(dossier) for dossier in rows],
        count=counts["total"],
        note=note,
        url=reverse("dossiers:outbox"),
        url_label=_("Mở hồ sơ của đơn vị"),
        empty=_("Không có hồ sơ dự thảo hay bị trả lại."),
    )


@panel(order=30)
def council_sessions(viewer: Viewer) -> Panel | None:
    """The sessions where the user holds a seat that are still to meet or open for voting, with the items the
    member has neither voted on nor declared a conflict on (never a count of the votes themselves)."""
    if not viewer.holds(COUNCIL_VOTER_ROLES):
        return None
    voted = VoteReceipt.objects.filter(item=OuterRef("pk"), member=OuterRef(OuterRef("pk")))
    recused = Recusal.objects.filter(item=OuterRef("pk"), member=OuterRef(OuterRef("pk")))
    pending = (
        AgendaItem.objects.filter(session=OuterRef("session_id"))
        .filter(~Exists(voted), ~Exists(recused))
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    seats = list(
        CouncilMember.objects.filter(user_id=viewer.user.pk, session__state__in=[SessionState.PLANNED,
                                                                                  SessionState.VOTING])
        .select_related("session__authority")
        .annotate(pending=Coalesce(Subquery(pending), 0))
        .order_by(Case(When(session__state=SessionState.VOTING, then=Value(0)), default=Value(1)),
                  "session__meets_on", "session_id")[: ITEMS_SHOWN + 1]
    )  # fmt: skip
    items = [_seat_item(seat) for seat in seats[:ITEMS_SHOWN]]
    return Panel(
        key="dossiers.council",
        title=_("Phiên họp Hội đồng Thi đua - Khen thưởng"),
        items=items,
        count=CappedCount(min(len(seats), ITEMS_SHOWN), len(seats) > ITEMS_SHOWN),
        url=reverse("dossiers:sessions"),
        url_label=_("Mở danh sách phiên họp"),
        empty=_("Không có phiên họp nào sắp diễn ra hay đang bỏ phiếu."),
    )


def _seat_item(seat: CouncilMember) -> Item:
    session = seat.session
    voting_online = session.state == SessionState.VOTING and session.mode == VotingMode.ONLINE and seat.present
    if voting_online and seat.pending:
        detail = ngettext("Còn %(count)d nội dung bạn chưa bỏ phiếu", "Còn %(count)d nội dung bạn chưa bỏ phiếu",
                          seat.pending) % {"count": seat.pending}  # fmt: skip
        url = reverse("dossiers:session-vote", args=[session.pk])
    else:
        detail = session.authority.name
        url = reverse("dossiers:session-detail", args=[session.pk])
    return Item(text=session.title, url=url, detail=detail, day=session.meets_on, badge=session.get_state_display())


@panel(order=200, section=NUMBERS)
def dossiers_by_state(viewer: Viewer) -> Panel:
    """The dossiers in scope by state (one grouped count)."""
    rows = scoped(Dossier, viewer.user).order_by().values("state").annotate(count=Count("pk"))
    counts = {row["state"]: row["count"] for row in rows}
    figures = [
        Figure(str(state.label), counts.get(state.value, 0))
        for state in (DossierState.DRAFT, DossierState.SUBMITTED, DossierState.RECEIVED, DossierState.RETURNED,
                      DossierState.CLOSED)
    ]  # fmt: skip
    return Panel(
        key="dossiers.by_state",
        title=_("Hồ sơ đề nghị khen thưởng theo trạng thái"),
        figures=figures,
        url=reverse("dossiers:outbox"),
        url_label=_("Mở danh sách hồ sơ"),
    )
