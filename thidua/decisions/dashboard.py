"""Dashboard panels of decisions (registry: ``thidua.core.dashboard``): drafts waiting for the signer (a register
the system numbers) or for the clerk (the clerical office's book), approved entries waiting for the board to draft a
decision, the finance office's newly signed decisions, and the year's reward money. Two queries a panel at most."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.rules import CLERK_ROLES, DECISION_DRAFT_ROLES, FINANCE_ROLES, SIGNER_ROLES
from thidua.accounts.scoping import scoped
from thidua.core.dashboard import ITEMS_SHOWN, NUMBERS, Figure, Item, Panel, Viewer, panel
from thidua.decisions.enums import DecisionState, Numbering
from thidua.decisions.models import Decision, DecisionItem
from thidua.dossiers.enums import EntryState
from thidua.dossiers.models import DossierEntry


def _money(amount: int) -> str:
    return _("%(amount)s đồng") % {"amount": number_format(amount, force_grouping=True)}


@panel(order=40)
def to_sign(viewer: Viewer) -> Panel | None:
    """Drafts the user signs (signer, on a register the system numbers) or records once signed on paper (clerk, on
    the clerical office's book), as ``rules.sign_roles`` decides, oldest first."""
    if not viewer.holds(SIGNER_ROLES | CLERK_ROLES):
        return None
    drafts = Decision.objects.filter(state=DecisionState.DRAFT)
    if not viewer.is_superuser:
        drafts = drafts.filter(
            Q(register__numbering=Numbering.INTERNAL, authority__unit_id__in=viewer.units(SIGNER_ROLES))
            | Q(register__numbering=Numbering.EXTERNAL, authority__unit_id__in=viewer.units(CLERK_ROLES))
        )
    rows = list(
        drafts.select_related("authority", "register")
        .annotate(item_count=Count("items"))
        .order_by("created_at", "pk")[:ITEMS_SHOWN]
    )
    items = []
    for decision in rows:
        waiting = _("Chờ ký") if decision.register.numbering == Numbering.INTERNAL else _("Chờ ghi số, ngày ký")
        people = ngettext("%(count)d người, tập thể", "%(count)d người, tập thể", decision.item_count) % {
            "count": decision.item_count
        }
        items.append(
            Item(
                text=decision.subject or _("Dự thảo quyết định"),
                url=reverse("decisions:detail", args=[decision.pk]),
                detail=f"{decision.authority.name} · {people}",
                badge=waiting,
            )
        )
    return Panel(
        key="decisions.to_sign",
        title=_("Quyết định chờ ký, ghi số"),
        items=items,
        count=drafts.count(),
        url=f"{reverse('decisions:list')}?state={DecisionState.DRAFT}",
        url_label=_("Mở danh sách dự thảo"),
        empty=_("Không có dự thảo quyết định nào chờ bạn."),
    )


@panel(order=50)
def to_draft(viewer: Viewer) -> Panel | None:
    """Entries approved for an authority the user drafts for that no decision holds yet (what "Lập quyết định"
    offers), counted per authority; and the drafts already made."""
    if not viewer.holds(DECISION_DRAFT_ROLES):
        return None
    entries = scoped(DossierEntry, viewer.user).filter(
        state=EntryState.APPROVED,
        decision_items__isnull=True,
        dossier__authority__unit__is_external=False,
        award_type__granting_authority_kinds=F("dossier__authority__kind"),
    )
    drafts = Decision.objects.filter(state=DecisionState.DRAFT)
    if not viewer.is_superuser:
        units = viewer.units(DECISION_DRAFT_ROLES)
        entries = entries.filter(dossier__authority__unit_id__in=units)
        drafts = drafts.filter(authority__unit_id__in=units)
    groups = list(
        entries.order_by()
        .values("dossier__authority_id", "dossier__authority__name")
        .annotate(count=Count("pk", distinct=True))
        .order_by("dossier__authority__name")
    )
    create = reverse("decisions:create")
    items = [
        Item(
            text=group["dossier__authority__name"],
            url=f"{create}?authority={group['dossier__authority_id']}",
            detail=ngettext(
                "%(count)d đề nghị đã duyệt chưa có quyết định",
                "%(count)d đề nghị đã duyệt chưa có quyết định",
                group["count"],
            )
            % {"count": group["count"]},
        )
        for group in groups[:ITEMS_SHOWN]
    ]
    draft_count = drafts.count()
    note = ""
    if draft_count:
        note = ngettext("%(count)d dự thảo quyết định đang soạn", "%(count)d dự thảo quyết định đang soạn",
                        draft_count) % {"count": draft_count}  # fmt: skip
    return Panel(
        key="decisions.to_draft",
        title=_("Đề nghị đã duyệt chờ lập quyết định"),
        items=items,
        count=sum(group["count"] for group in groups),
        note=note,
        url=create,
        url_label=_("Lập quyết định"),
        empty=_("Không có đề nghị nào đã duyệt đang chờ lập quyết định."),
    )


def _signed_for_money(viewer: Viewer):
    """Signed decisions of the authorities whose money the user reads (``rules.money_units``)."""
    signed = Decision.objects.filter(state=DecisionState.SIGNED)
    if viewer.is_superuser:
        return signed
    return signed.filter(authority__unit_id__in=viewer.units(FINANCE_ROLES))


@panel(order=60)
def newly_signed(viewer: Viewer) -> Panel | None:
    """For the finance office: the latest signed decisions with their money, each with its payment list."""
    if not (viewer.is_superuser or "finance_officer" in viewer.codes):
        return None
    rows = list(
        _signed_for_money(viewer)
        .select_related("authority")
        .annotate(amount=Sum("items__amount", filter=Q(items__revokes__isnull=True)))
        .order_by("-signed_on", "-pk")[:ITEMS_SHOWN]
    )
    items = [
        Item(text=decision.number_text or decision.subject, url=reverse("decisions:detail", args=[decision.pk]),
             detail=f"{decision.authority.name} · {_money(int(decision.amount or 0))}", day=decision.signed_on)
        for decision in rows
    ]  # fmt: skip
    return Panel(
        key="decisions.newly_signed",
        title=_("Quyết định đã ký: lập danh sách chi tiền thưởng"),
        items=items,
        url=reverse("decisions:totals"),
        url_label=_("Mở tổng hợp tiền thưởng"),
        empty=_("Chưa có quyết định nào đã ký."),
    )


@panel(order=250, section=NUMBERS)
def money_this_year(viewer: Viewer) -> Panel | None:
    """Reward money of the decisions signed this calendar year (the budget year), as ``payments.totals`` sums it:
    the amounts fixed at signing, revocation lines carrying none. One aggregate."""
    if not viewer.holds(FINANCE_ROLES):
        return None
    year = timezone.localdate().year
    signed = _signed_for_money(viewer).filter(signed_on__year=year)
    totals = DecisionItem.objects.filter(decision__in=signed.values("pk"), revokes__isnull=True).aggregate(
        amount=Sum("amount"), items=Count("pk"), decisions=Count("decision_id", distinct=True)
    )
    return Panel(
        key="decisions.money",
        title=_("Tiền thưởng năm %(year)d") % {"year": year},
        figures=[
            Figure(_("tổng tiền thưởng"), _money(int(totals["amount"] or 0)), text=True),
            Figure(_("quyết định đã ký"), totals["decisions"]),
            Figure(_("lượt người, tập thể được khen"), totals["items"]),
        ],
        url=f"{reverse('decisions:totals')}?year={year}",
        url_label=_("Mở tổng hợp tiền thưởng"),
    )
