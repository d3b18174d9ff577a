"""The appraisal checklist (thẩm định) of an entry: for each item (``enums.CheckItem``) what the system found, and the
officer's finding (``EntryCheck``: ok / not ok, a note).

``findings`` reads the records the board would otherwise look up by hand: the documents attached, the eligibility
verdict stored on the entry, the rule's caps, the nominee's awards of the last five years, discipline pending or in
effect, and the same nominee proposed for the same award through another line (two dossiers, or one exemplary model
twice). ``ensure_checks`` keeps the rows' ``found`` up to date while the entry is being appraised; ``save_check``
records the officer's finding and puts it on the timeline.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.core.writes import acting_user
from thidua.dossiers import queries, rules, transitions
from thidua.dossiers.enums import CheckItem, DossierState, EntryState
from thidua.dossiers.models import DossierEntry, EntryCheck
from thidua.eligibility.engine import Outcome
from thidua.eligibility.evaluate import evaluate
from thidua.eligibility.models import Rule
from thidua.records.enums import DisciplineKind, DisciplineStatus
from thidua.records.models import Award, Discipline, period_label

# How far back the board looks at a nominee's earlier awards (the current year included).
EARLIER_AWARD_YEARS = 5

register_action_label("dossiers.entrycheck.checked", gettext_lazy("Ghi kết quả kiểm tra thẩm định"))


# --- What the system found -------------------------------------------------------------------------------------


def findings(entry: DossierEntry) -> dict[str, str]:
    """{CheckItem: Vietnamese text of what the system found} for every item of the checklist, in CheckItem order."""
    return {
        CheckItem.DOCUMENTS.value: _documents(entry),
        CheckItem.ELIGIBILITY.value: _eligibility(entry),
        CheckItem.CAPS.value: _caps(entry),
        CheckItem.EARLIER_AWARDS.value: _earlier_awards(entry),
        CheckItem.DISCIPLINE.value: _discipline(entry),
        CheckItem.DUPLICATES.value: _duplicates(entry),
    }


def _documents(entry: DossierEntry) -> str:
    lines = queries.missing_documents(entry.dossier, entry=entry)
    return "\n".join(lines) if lines else _("Đủ thành phần hồ sơ.")


def _eligibility(entry: DossierEntry) -> str:
    from thidua.dossiers.workflow import eligibility_summary  # workflow calls this module: import when used

    summary = eligibility_summary(entry)
    if summary.get("status") is None:
        return str(summary.get("label") or _("Chưa có quy định điều kiện cho danh hiệu, hình thức này."))
    lines = [f"{summary['label']}."]
    lines += [_("Chưa đạt: %(text)s") % {"text": text} for text in summary.get("unmet") or []]
    lines += [_("Cần xem xét: %(text)s") % {"text": text} for text in summary.get("review") or []]
    return "\n".join(lines)


def _caps(entry: DossierEntry) -> str:
    """The texts of the rule's ``cap`` conditions as judged now (with the unit's figures), else none."""

    none = _("Không có quy định khống chế.")
    rule_id = (entry.eligibility or {}).get("rule_id")
    subject = entry.person or entry.unit
    rule = Rule.objects.filter(pk=rule_id).first() if rule_id else None
    if rule is None or subject is None or not _cap_nodes(rule.expression):
        return none
    verdict = evaluate(subject, rule.award_code, year=_year(entry))
    if verdict is None or not verdict.conditions:
        return none
    expression = Rule.objects.filter(pk=verdict.rule_id).values_list("expression", flat=True).first()
    results = _cap_results(expression, verdict.conditions[0]) if expression else []
    if not results:
        return none
    return "\n".join(f"{result.text}: {str(Outcome(result.outcome).label).lower()}." for result in results)


def _cap_nodes(node) -> list[dict]:
    """The ``cap`` nodes of a rule expression, depth first."""
    if not isinstance(node, dict) or len(node) != 1:
        return []
    [(key, params)] = node.items()
    if key in ("all", "any"):
        return [found for child in params for found in _cap_nodes(child)]
    return [params] if key == "cap" else []


def _cap_results(node, result) -> list:
    """The condition results of the ``cap`` nodes: the result tree mirrors the expression (evaluate.judge)."""
    [(key, params)] = node.items()
    if key in ("all", "any"):
        return [
            found for child, sub in zip(params, result.children, strict=False) for found in _cap_results(child, sub)
        ]
    return [result] if key == "cap" else []


def _year(entry: DossierEntry) -> int:
    return (entry.eligibility or {}).get("year") or entry.dossier.year or timezone.localdate().year


def _nominee_filter(entry: DossierEntry, prefix: str = "") -> Q:
    if entry.person_id:
        return Q(**{f"{prefix}person_id": entry.person_id})
    if entry.unit_id:
        return Q(**{f"{prefix}unit_id": entry.unit_id})
    return Q(**{f"{prefix}household_id": entry.household_id})


def _earlier_awards(entry: DossierEntry) -> str:
    year = entry.dossier.year or timezone.localdate().year
    first = year - EARLIER_AWARD_YEARS + 1
    awards = (
        Award.objects.in_force()
        .filter(_nominee_filter(entry), year__gte=first, year__lte=year)
        .select_related("award_type")
        .order_by("-year", "-decision_date", "-pk")
    )
    lines = []
    for award in awards:
        when = period_label(award.period_kind, award.year)
        if award.decision_number:
            when = _("%(when)s, QĐ số %(number)s") % {"when": when, "number": award.decision_number}
        lines.append(f"{award.award_type.name} ({when})")
    if not lines:
        return _("Không có khen thưởng trong %(count)d năm gần đây (%(first)d–%(last)d).") % {
            "count": EARLIER_AWARD_YEARS, "first": first, "last": year,
        }  # fmt: skip
    return "\n".join(lines)


def _discipline(entry: DossierEntry) -> str:
    """Investigations still pending, and disciplines in effect that overlap the judged year or run on."""
    if entry.household_id:
        return _("Không áp dụng đối với hộ gia đình.")
    year_start = dt.date(_year(entry), 1, 1)
    rows = Discipline.objects.filter(_nominee_filter(entry)).filter(
        Q(status=DisciplineStatus.PENDING)
        | Q(status=DisciplineStatus.IN_EFFECT) & (Q(end_date__isnull=True) | Q(end_date__gte=year_start))
    )
    lines = [_discipline_line(row) for row in rows.order_by("-start_date", "pk")]
    if not lines:
        return _("Không có kỷ luật hoặc đang bị xem xét, điều tra, thanh tra.")
    return "\n".join(lines)


def _discipline_line(row: Discipline) -> str:
    what = str(DisciplineStatus(row.status).label)
    if row.status == DisciplineStatus.IN_EFFECT and row.kind:
        what = str(DisciplineKind(row.kind).label)
    text = _("%(what)s, từ %(start)s") % {"what": what, "start": row.start_date.strftime("%d/%m/%Y")}
    if row.end_date:
        text += _(" đến %(end)s") % {"end": row.end_date.strftime("%d/%m/%Y")}
    if row.decision_number:
        text += _(" (QĐ số %(number)s)") % {"number": row.decision_number}
    return text


def _duplicates(entry: DossierEntry) -> str:
    """The same nominee proposed for the same award and year in another live dossier, or the same exemplary model."""
    same_nomination = _nominee_filter(entry) & Q(award_type__code=entry.award_type.code)
    if entry.dossier.year is not None:
        same_nomination &= Q(dossier__year=entry.dossier.year)
    else:
        same_nomination &= Q(dossier__year__isnull=True, dossier__movement_id=entry.dossier.movement_id)
    condition = same_nomination
    if entry.exemplary_model_id:
        condition |= Q(exemplary_model_id=entry.exemplary_model_id)
    # The entry's own copies up and its origin down are the same nomination travelling, not a second one.
    line = _forwarding_line(entry)
    others = (
        DossierEntry.objects.filter(condition)
        .exclude(pk__in=line)
        .exclude(dossier__state=DossierState.WITHDRAWN)
        .exclude(state=EntryState.REJECTED)
        .select_related("dossier__unit", "award_type")
        .order_by("dossier_id", "pk")
    )
    lines = [
        _("“%(award)s” cũng được đề nghị trong hồ sơ “%(dossier)s” của %(unit)s (%(state)s): cùng thành tích được "
          "đề nghị qua hai đường.")
        % {"award": other.award_type.name, "dossier": other.dossier.title, "unit": other.dossier.unit.name,
           "state": other.get_state_display()}
        for other in others
    ]  # fmt: skip
    if not lines:
        return _("Không phát hiện đề nghị trùng lặp.")
    return "\n".join(lines)


def _forwarding_line(entry: DossierEntry) -> set[int]:
    """Ids of the entry, the entries it was forwarded from and the copies forwarded from it (a few rows)."""
    found = {entry.pk}
    current = entry
    while current.forwarded_from_id and current.forwarded_from_id not in found:
        found.add(current.forwarded_from_id)
        current = DossierEntry.objects.only("pk", "forwarded_from_id").get(pk=current.forwarded_from_id)
    frontier = [entry.pk]
    while frontier:
        copies = set(DossierEntry.objects.filter(forwarded_from_id__in=frontier).values_list("pk", flat=True))
        frontier = list(copies - found)
        found |= copies
    return found


# --- The checklist rows ----------------------------------------------------------------------------------------


@transaction.atomic
def ensure_checks(entry: DossierEntry) -> list[EntryCheck]:
    """The entry's checklist, one row per item in CheckItem order: missing rows are created with what the system
    found; while the entry is still being appraised (proposed), existing rows get fresh findings. Once appraised, the
    rows stay as the officer saw them."""
    entry = DossierEntry.objects.select_related("dossier", "award_type").get(pk=entry.pk)
    rows = {check.item: check for check in EntryCheck.objects.filter(entry=entry)}
    refresh = entry.state == EntryState.PROPOSED
    if refresh or len(rows) < len(CheckItem.values):
        found = findings(entry)
        for item in CheckItem.values:
            check = rows.get(item)
            if check is None:
                check = EntryCheck(entry=entry, item=item, found=found[item])
                check.full_clean()
                check.save()
                rows[item] = check
            elif refresh and check.found != found[item]:
                check.found = found[item]
                check.save(update_fields=["found"])
    return [rows[item] for item in CheckItem.values]


@transaction.atomic
def save_check(entry: DossierEntry, item: str, *, by, ok: bool, note: str = "") -> EntryCheck:
    """The officer's finding on one item: the board of the addressed authority, while the dossier is received and
    the entry not yet appraised. Recorded on the timeline ("checklist")."""
    dossier = transitions.lock(entry)
    entry = DossierEntry.objects.select_related("award_type", "dossier").get(pk=entry.pk)
    entry.dossier = dossier
    if not rules.is_board_of(by, dossier):
        raise PermissionDenied(_("Chỉ Ban Thi đua - Khen thưởng của cấp nhận hồ sơ ghi kết quả thẩm định."))
    if item not in CheckItem.values:
        raise ValidationError({"item": _("Nội dung kiểm tra “%(item)s” không có trong danh mục thẩm định.")
                               % {"item": item}})  # fmt: skip
    if dossier.state != DossierState.RECEIVED:
        raise ValidationError(
            _("Chỉ thẩm định hồ sơ đã tiếp nhận (hồ sơ “%(dossier)s” đang ở trạng thái “%(state)s”).")
            % {"dossier": dossier.title, "state": dossier.get_state_display()}
        )
    if entry.state != EntryState.PROPOSED:
        raise ValidationError(
            _("Đề nghị “%(entry)s” đang ở trạng thái “%(state)s”: không sửa kết quả kiểm tra được nữa.")
            % {"entry": f"{entry.nominee_name}: {entry.award_type.name}", "state": entry.get_state_display()}
        )
    if ok is None:
        raise ValidationError({"ok": _("Chọn “Đạt” hoặc “Không đạt” cho “%(item)s”.")
                               % {"item": CheckItem(item).label}})  # fmt: skip
    check = {row.item: row for row in ensure_checks(entry)}[item]
    check.ok = bool(ok)
    check.note = (note or "").strip()
    check.checked_by = acting_user(by)
    check.checked_at = timezone.now()
    with acting_as(by):
        check.full_clean()
        check.save()
        record_action(check, code="dossiers.entrycheck.checked", by=by, data={"item": item, "ok": check.ok})
    transitions.record_event(
        dossier, action="checklist", by=by, entry=entry, reason=check.note,
        data={"item": item, "label": str(CheckItem(item).label), "ok": check.ok},
    )  # fmt: skip
    return check
