"""Dashboard panels of movements (registry: ``thidua.core.dashboard``): what the user's units still owe launched
movements (plans, registrations, reports) by deadline, the registrations waiting for the user's review, the
movements the user's board runs with the units late on them, and the movements running in scope. Each panel runs a
fixed number of queries (at most three), however many units and answers there are."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.rules import BOARD_ROLES
from thidua.accounts.scoping import scoped
from thidua.core.dashboard import ITEMS_SHOWN, NUMBERS, Figure, Item, Panel, Viewer, panel
from thidua.core.pagination import capped_count
from thidua.movements.enums import AnswerState, MovementState, ObligationKind
from thidua.movements.models import Movement, ProgressReport, Registration, UnitPlan
from thidua.movements.rules import ANSWER_ROLES, REVIEW_ROLES
from thidua.orgs.models import paths_filter

OPEN_STATES = (AnswerState.NOT_SENT, AnswerState.RETURNED)
# Each kind of answer: its model, its page and the label of the obligation.
ANSWER_KINDS = (
    (UnitPlan, "movements:unit-plan", ObligationKind.PLAN),
    (Registration, "movements:registration", ObligationKind.REGISTRATION),
    (ProgressReport, "movements:report", ObligationKind.REPORT),
)
# A safety bound on what one kind of answer reads for the panel (units where a user answers are few).
ANSWERS_READ = 200


@panel(order=15)
def owed(viewer: Viewer) -> Panel | None:
    """What the units where the user answers still have to send (or send again) to launched movements, the nearest
    deadline first, overdue ones marked (three queries: one per kind of answer)."""
    if not viewer.holds(ANSWER_ROLES):
        return None
    # The units where the user holds the role themselves, as "Việc cần làm" reads them (a superuser's too: what
    # every unit of the province owes is the compliance dashboard's business, not a to-do list).
    units = viewer.units(ANSWER_ROLES)
    today = timezone.localdate()
    rows: list[tuple[dt.date, str, Item]] = []
    for model, url_name, kind in ANSWER_KINDS:
        answers = model.objects.filter(state__in=OPEN_STATES, movement__state=MovementState.LAUNCHED,
                                       unit_id__in=units)  # fmt: skip
        values = answers.order_by("milestone__due_date", "pk").values(
            "pk", "state", "movement__title", "unit__name", "milestone__due_date", "milestone__title"
        )[:ANSWERS_READ]
        for row in values:
            due = row["milestone__due_date"]
            label = row["milestone__title"] if model is ProgressReport and row["milestone__title"] else kind.label
            badge = AnswerState(row["state"]).label
            item = Item(text=f"{label} – {row['movement__title']}", url=reverse(url_name, args=[row["pk"]]),
                        detail=row["unit__name"], due_on=due, overdue=due is not None and due < today,
                        badge=str(badge))  # fmt: skip
            rows.append((due or dt.date.max, row["movement__title"], item))
    rows.sort(key=lambda row: (row[0], row[1]))
    overdue = sum(1 for _due, _title, item in rows if item.overdue)
    note = ""
    if overdue:
        note = ngettext("%(count)d việc đã quá hạn", "%(count)d việc đã quá hạn", overdue) % {"count": overdue}
    return Panel(
        key="movements.owed",
        title=_("Phong trào thi đua: việc đơn vị phải gửi"),
        items=[item for _due, _title, item in rows[:ITEMS_SHOWN]],
        count=len(rows),
        note=note,
        url=reverse("movements:owed"),
        url_label=_("Mở việc cần làm"),
        empty=_("Đơn vị của bạn không còn kế hoạch, đăng ký hay báo cáo nào phải gửi."),
    )


@panel(order=25)
def registrations_to_review(viewer: Viewer) -> Panel | None:
    """Registrations sent and waiting for review at a unit where the user holds a review role, oldest first. The
    rule (``rules.can_review_registration``) also lets the levels above review; their dashboards leave it to the
    reviewing unit itself, whose work it is."""
    if not viewer.holds(REVIEW_ROLES):
        return None
    pending = Registration.objects.filter(state=AnswerState.PENDING, movement__state=MovementState.LAUNCHED)
    if not viewer.is_superuser:
        pending = pending.filter(reviewer_unit_id__in=viewer.units(REVIEW_ROLES))
    count = pending.count()
    if not count:
        return None
    rows = pending.select_related("movement", "unit").order_by("submitted_at", "pk")[:ITEMS_SHOWN]
    items = [
        Item(
            text=registration.unit.name,
            url=reverse("movements:registration", args=[registration.pk]),
            detail=registration.movement.title,
            day=timezone.localdate(registration.submitted_at) if registration.submitted_at else None,
            badge=str(AnswerState.PENDING.label),
        )
        for registration in rows
    ]
    return Panel(
        key="movements.registrations",
        title=_("Đăng ký thi đua chờ duyệt"),
        items=items,
        count=count,
        empty="",
    )


def _late(model) -> Subquery:
    """How many answers of ``model`` of the outer movement are past their deadline and still not sent."""
    late = (
        model.objects.filter(movement=OuterRef("pk"), state__in=OPEN_STATES,
                             milestone__due_date__lt=timezone.localdate())
        .order_by()
        .values("movement")
        .annotate(count=Count("pk"))
        .values("count")
    )  # fmt: skip
    return Coalesce(Subquery(late, output_field=IntegerField()), Value(0))


@panel(order=35)
def movements_followed(viewer: Viewer) -> Panel | None:
    """The launched movements of the user's board (issued in the subtrees where they hold a board role), those with
    the most overdue answers first, each linked to its compliance dashboard (one query)."""
    if not viewer.holds(BOARD_ROLES):
        return None
    movements = Movement.objects.filter(state=MovementState.LAUNCHED)
    if not viewer.is_superuser:
        movements = movements.filter(paths_filter(viewer.paths(BOARD_ROLES), "issuer_unit__path"))
    rows = list(
        movements.annotate(late_plans=_late(UnitPlan), late_registrations=_late(Registration),
                           late_reports=_late(ProgressReport))
        .order_by("-late_registrations", "-late_plans", "-late_reports", "period_end", "pk")[: ITEMS_SHOWN + 1]
    )  # fmt: skip
    items = []
    for movement in rows[:ITEMS_SHOWN]:
        late = movement.late_plans + movement.late_registrations + movement.late_reports
        detail = (
            ngettext("%(count)d việc của đơn vị quá hạn chưa gửi", "%(count)d việc của đơn vị quá hạn chưa gửi", late)
            % {"count": late}
            if late
            else _("Các đơn vị chưa có việc nào quá hạn")
        )
        items.append(
            Item(
                text=movement.title,
                url=reverse("movements:dashboard", args=[movement.pk]),
                detail=detail,
                overdue=bool(late),
            )
        )
    return Panel(
        key="movements.followed",
        title=_("Phong trào đang theo dõi"),
        items=items,
        url=reverse("movements:list"),
        url_label=_("Mở danh sách phong trào"),
        empty=_("Không có phong trào nào đang phát động."),
    )


@panel(order=150, section=NUMBERS)
def running(viewer: Viewer) -> Panel:
    """Movements launched and not yet closed that the user sees (one capped count)."""
    return Panel(
        key="movements.running",
        title=_("Phong trào thi đua"),
        figures=[
            Figure(
                _("phong trào đang phát động"),
                capped_count(scoped(Movement, viewer.user).launched()),
                reverse("movements:list"),
            ),
        ],
    )
