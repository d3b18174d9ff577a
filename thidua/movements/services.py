"""Every write to movements and to what units owe them: views, API, the demo, commands and tests alike.

Each function takes the object first, then keyword arguments with the acting user as ``by`` (None for the system or
the demo), runs in one transaction, validates with ``full_clean`` before saving, writes an audit row with
``record_action`` (``movements.<model>.<action>``) and refuses bad input or a refused transition with a Vietnamese
``ValidationError``: keyed by the field for input, by ``NON_FIELD_ERRORS`` for a state that does not allow the step.

Permissions are the caller's business (``thidua.movements.rules``); these functions only keep the data true.
Launching a movement creates every obligation with bulk inserts, so its query count does not grow with the units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import RoleAssignment
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import AwardType, RecipientKind
from thidua.core.uploads import ATTACHMENTS, DOCUMENTS, discard, store_upload, validate_upload
from thidua.core.writes import acting_user, assign, page_url, save_valid
from thidua.movements.enums import (
    SENT_STATES,
    AnswerState,
    AwardLevel,
    Compliance,
    CriterionKind,
    CriterionSource,
    MilestoneKind,
    MovementKind,
    MovementState,
    ObligationKind,
    ScopeMode,
)
from thidua.movements.models import (
    CollectivePledge,
    Criterion,
    IndividualPledge,
    Milestone,
    Movement,
    MovementAward,
    MovementContent,
    ProgressReport,
    Registration,
    Reminder,
    TargetGroup,
    UnitPlan,
)
from thidua.movements.rules import REVIEW_ROLES
from thidua.notifications.services import notify
from thidua.orgs.models import PATH_SEGMENT, Membership, OrgUnit, Person, UnitKind, subtree_range

# Plain fields of a movement set at creation and while it is a draft.
MOVEMENT_FIELDS = {"title", "kind", "document_number", "document_date", "purpose", "legal_basis", "issuer_unit",
                   "issuing_authority", "period_start", "period_end", "registration_required"}  # fmt: skip
# Plain fields an amendment of a launched movement may change (ISSUE3).
AMENDABLE_FIELDS = {"title", "purpose", "legal_basis", "period_end", "document_number", "document_date",
                    "registration_required"}  # fmt: skip
# Lists set by their own service, also accepted as keywords by create/update/amend.
LIST_KEYWORDS = ("co_organisers", "scope", "contents", "target_groups", "criteria", "awards", "milestones")
# Who hears about a unit's obligations: its officers and head, at the unit itself.
UNIT_NOTIFY_ROLES = frozenset({"unit_officer", "unit_head"})
BULK_BATCH = 500
ANSWER_MODELS = (UnitPlan, Registration, ProgressReport)
OPEN_STATES = frozenset({AnswerState.NOT_SENT, AnswerState.RETURNED})


# Names of the workflow codes these services write, for the history pages.
ACTION_LABELS = {
    "movements.movement.edited": gettext_lazy("Sửa dự thảo phong trào"),
    "movements.movement.contents_set": gettext_lazy("Cập nhật nội dung phong trào"),
    "movements.movement.target_groups_set": gettext_lazy("Cập nhật đối tượng thi đua"),
    "movements.movement.criteria_set": gettext_lazy("Cập nhật tiêu chí thi đua"),
    "movements.movement.awards_set": gettext_lazy("Cập nhật hình thức khen thưởng của phong trào"),
    "movements.movement.milestones_set": gettext_lazy("Cập nhật mốc thời gian"),
    "movements.movement.plan_document_attached": gettext_lazy("Đính kèm văn bản kế hoạch"),
    "movements.movement.co_organisers_set": gettext_lazy("Cập nhật đơn vị phối hợp"),
    "movements.movement.scope_set": gettext_lazy("Cập nhật phạm vi phong trào"),
    "movements.movement.launched": gettext_lazy("Phát động phong trào"),
    "movements.movement.amended": gettext_lazy("Điều chỉnh phong trào"),
    "movements.movement.closed": gettext_lazy("Kết thúc phong trào"),
    "movements.movement.reminded": gettext_lazy("Nhắc đơn vị chậm"),
    "movements.unitplan.saved": gettext_lazy("Lưu kế hoạch hưởng ứng"),
    "movements.unitplan.submitted": gettext_lazy("Gửi kế hoạch hưởng ứng"),
    "movements.unitplan.approved": gettext_lazy("Duyệt kế hoạch hưởng ứng"),
    "movements.unitplan.returned": gettext_lazy("Trả lại kế hoạch hưởng ứng"),
    "movements.registration.saved": gettext_lazy("Lưu đăng ký thi đua"),
    "movements.registration.submitted": gettext_lazy("Gửi đăng ký thi đua"),
    "movements.registration.approved": gettext_lazy("Duyệt đăng ký thi đua"),
    "movements.registration.returned": gettext_lazy("Trả lại đăng ký thi đua"),
    "movements.progressreport.saved": gettext_lazy("Lưu báo cáo"),
    "movements.progressreport.submitted": gettext_lazy("Gửi báo cáo"),
    "movements.progressreport.approved": gettext_lazy("Duyệt báo cáo"),
    "movements.progressreport.returned": gettext_lazy("Trả lại báo cáo"),
}
for _code, _label in ACTION_LABELS.items():
    register_action_label(_code, _label)


# --- helpers ---------------------------------------------------------------------------------------------------


def _refuse(message: str, field: str = NON_FIELD_ERRORS) -> ValidationError:
    return ValidationError({field: [message]})


def _lock(instance: models.Model) -> models.Model:
    """Take the row lock and read the row again into the caller's instance (the caller sees the new state)."""
    list(type(instance)._default_manager.select_for_update().filter(pk=instance.pk).order_by().values_list("pk"))
    instance.refresh_from_db()
    return instance


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _number(value: Decimal) -> str:
    """A number as Vietnamese write it: no useless zeros, a decimal comma."""
    return format(value.normalize(), "f").replace(".", ",")


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidOperation
    return Decimal(str(value).strip())


def _users_at(unit_ids, roles: frozenset[str]):
    """Active users holding one of ``roles`` today at one of the units (a list, a queryset or a subquery)."""
    holders = RoleAssignment.objects.current().filter(role__code__in=roles, unit_id__in=unit_ids).values("user_id")
    return get_user_model().objects.filter(pk__in=holders, is_active=True)


def _require_state(movement: Movement, *states: str) -> None:
    """Refuse a step the movement's state does not allow, saying why."""
    if movement.state in states:
        return
    if states == (MovementState.DRAFT,):
        message = _("Phong trào “%(title)s” không còn là dự thảo: phong trào đã phát động được điều chỉnh kèm lý do.")
    elif states == (MovementState.LAUNCHED,):
        message = _("Phong trào “%(title)s” chưa phát động hoặc đã kết thúc.")
    else:
        message = _("Phong trào “%(title)s” đã kết thúc.")
    raise _refuse(message % {"title": movement.title})


def _split_lists(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: fields.pop(key) for key in LIST_KEYWORDS if key in fields}


def _apply_lists(movement: Movement, lists: dict[str, Any], *, by) -> list[str]:
    """Set the lists given by keyword, in an order where each finds what it needs (groups before criteria)."""
    if "co_organisers" in lists:
        _set_co_organisers(movement, lists["co_organisers"])
    if "scope" in lists:
        _set_scope(movement, **lists["scope"])
    if "contents" in lists:
        _set_contents(movement, lists["contents"])
    if "target_groups" in lists:
        _set_target_groups(movement, lists["target_groups"])
    if "criteria" in lists:
        _set_criteria(movement, lists["criteria"])
    if "awards" in lists:
        _set_awards(movement, lists["awards"])
    if "milestones" in lists:
        _set_milestones(movement, lists["milestones"])
    return [key for key in LIST_KEYWORDS if key in lists]


# --- Movements -------------------------------------------------------------------------------------------------


@transaction.atomic
def create_movement(*, by, issuer_unit: OrgUnit, title: str, kind: str, period_start: dt.date, period_end: dt.date,
                    **fields) -> Movement:  # fmt: skip
    """A draft movement of ``issuer_unit``; list keywords (contents=, criteria=, milestones=, scope= …) set its
    lists in the same transaction."""
    lists = _split_lists(fields)
    parent = fields.pop("parent", None)
    movement = Movement(parent=parent, created_by=acting_user(by), state=MovementState.DRAFT)
    assign(movement, {"issuer_unit": issuer_unit, "title": title, "kind": kind, "period_start": period_start,
                       "period_end": period_end, **fields}, MOVEMENT_FIELDS)  # fmt: skip
    with acting_as(by):
        save_valid(movement)
        _apply_lists(movement, lists, by=by)  # the creation itself is in the log as "movements.movement.created"
    return movement


@transaction.atomic
def update_movement(movement: Movement, *, by, **fields) -> Movement:
    """Change a draft (a launched movement changes through ``amend_movement``, with a reason)."""
    _lock(movement)
    _require_state(movement, MovementState.DRAFT)
    lists = _split_lists(fields)
    with acting_as(by):
        changed = assign(movement, fields, MOVEMENT_FIELDS)
        if changed:
            save_valid(movement)
        changed += _apply_lists(movement, lists, by=by)
        if changed:
            record_action(movement, code="movements.movement.edited", by=by, data={"changed": changed})
    return movement


def _draft_list_change(movement: Movement, *, by, action: str, change) -> Any:
    """A list of a draft replaced by its own service (a launched movement changes through amend_movement)."""
    _lock(movement)
    _require_state(movement, MovementState.DRAFT)
    with acting_as(by):
        result = change()
        record_action(movement, code=f"movements.movement.{action}", by=by)
    return result


@transaction.atomic
def set_contents(movement: Movement, *, by, contents: Sequence[dict]) -> list[MovementContent]:
    """Replace the ordered contents (positions 1..n); rows are updated in place, so links to them survive."""
    return _draft_list_change(movement, by=by, action="contents_set", change=lambda: _set_contents(movement, contents))


def _set_contents(movement: Movement, contents: Sequence[dict]) -> list[MovementContent]:
    errors = []
    for row, item in enumerate(contents, start=1):
        if not str(item.get("title") or "").strip():
            errors.append(_("Nội dung %(row)d: chưa nhập tên nội dung.") % {"row": row})
    if errors:
        raise ValidationError({"contents": errors})
    existing = {content.position: content for content in movement.contents.all()}
    MovementContent.objects.filter(movement=movement, position__gt=len(contents)).delete()
    result = []
    for position, item in enumerate(contents, start=1):
        content = existing.get(position) or MovementContent(movement=movement, position=position)
        content.title = str(item["title"]).strip()
        content.description = item.get("description") or ""
        save_valid(content, exclude=["movement"])
        result.append(content)
    return result


@transaction.atomic
def set_target_groups(movement: Movement, *, by, groups: Sequence[dict]) -> list[TargetGroup]:
    """Replace the target groups (positions 1..n, updated in place: score sheets point to them)."""
    return _draft_list_change(
        movement, by=by, action="target_groups_set", change=lambda: _set_target_groups(movement, groups)
    )


def _set_target_groups(movement: Movement, groups: Sequence[dict]) -> list[TargetGroup]:
    errors = []
    for row, item in enumerate(groups, start=1):
        if not str(item.get("name") or "").strip():
            errors.append(_("Đối tượng %(row)d: chưa nhập tên đối tượng.") % {"row": row})
    if errors:
        raise ValidationError({"target_groups": errors})
    existing = {group.position: group for group in movement.target_groups.all()}
    for position, group in existing.items():
        if position > len(groups):
            try:
                with transaction.atomic():
                    group.delete()
            except ProtectedError:
                raise _refuse(_("Đối tượng “%(name)s” đang dùng trong bảng chấm điểm, không thể xóa.")
                              % {"name": group.name}, "target_groups") from None  # fmt: skip
    result = []
    for position, item in enumerate(groups, start=1):
        group = existing.get(position) or TargetGroup(movement=movement, position=position)
        group.name = str(item["name"]).strip()
        save_valid(group, exclude=["movement"])
        group.unit_kinds.set(list(item.get("unit_kinds") or ()))
        result.append(group)
    return result


def _target_group(movement: Movement, value: Any, groups: list[TargetGroup]) -> TargetGroup | None:
    """A criterion's target group given as the row, its position or its name (the demo writes names)."""
    if value is None or value == "":
        return None
    if isinstance(value, TargetGroup):
        if value.movement_id != movement.pk:
            raise LookupError(value)
        return value
    for group in groups:
        if (isinstance(value, int) and group.position == value) or (isinstance(value, str) and group.name == value):
            return group
    raise LookupError(value)


@transaction.atomic
def set_criteria(movement: Movement, *, by, criteria: Sequence[dict]) -> list[Criterion]:
    """Replace the criteria. A sub-criterion's maximum fits its parent's (alone and summed with its siblings), and
    a parent is scored when a child is; each error names the criterion: "Tiêu chí 1.2: …"."""
    return _draft_list_change(movement, by=by, action="criteria_set", change=lambda: _set_criteria(movement, criteria))


def _set_criteria(movement: Movement, criteria: Sequence[dict]) -> list[Criterion]:
    groups = list(movement.target_groups.all())
    errors: list[str] = []
    rows: list[dict] = []
    by_key: dict[tuple, dict] = {}
    for number, item in enumerate(criteria, start=1):
        code = str(item.get("code") or "").strip()
        label = _("Tiêu chí %(code)s") % {"code": code} if code else _("Tiêu chí dòng %(row)d") % {"row": number}
        row = {"label": label, "code": code, "number": number, "item": item, "children": []}
        try:
            row["group"] = _target_group(movement, item.get("target_group"), groups)
        except LookupError:
            errors.append(_("%(label)s: không có đối tượng thi đua “%(group)s” trong phong trào.")
                          % {"label": label, "group": item.get("target_group")})  # fmt: skip
            row["group"] = None
        if not str(item.get("text") or "").strip():
            errors.append(_("%(label)s: chưa nhập nội dung tiêu chí.") % {"label": label})
        try:
            row["max"] = _decimal(item.get("max_points"))
            row["weight"] = _decimal(item.get("weight", 1))
        except (InvalidOperation, ValueError):
            errors.append(_("%(label)s: điểm tối đa và hệ số phải là số.") % {"label": label})
            row["max"], row["weight"] = None, Decimal("1")
        if row["max"] is not None and row["max"] <= 0:
            errors.append(_("%(label)s: điểm tối đa phải lớn hơn 0.") % {"label": label})
        if row["weight"] is None or row["weight"] <= 0:
            errors.append(_("%(label)s: hệ số phải lớn hơn 0.") % {"label": label})
            row["weight"] = Decimal("1")
        row["kind"] = item.get("kind") or CriterionKind.STANDARD
        row["source"] = item.get("source") or CriterionSource.MANUAL
        if row["kind"] not in CriterionKind.values:
            errors.append(_("%(label)s: loại tiêu chí không hợp lệ.") % {"label": label})
        if row["source"] not in CriterionSource.values:
            errors.append(_("%(label)s: cách tính điểm không hợp lệ.") % {"label": label})
        elif row["source"] != CriterionSource.MANUAL and row["max"] is None:
            errors.append(_("%(label)s: tiêu chí tự tính phải có điểm tối đa.") % {"label": label})
        if code:
            key = (row["group"].pk if row["group"] else None, code)
            if key in by_key:
                errors.append(_("%(label)s: số hiệu bị trùng.") % {"label": label})
            by_key[key] = row
        rows.append(row)
    for row in rows:
        parent_code = str(row["item"].get("parent_code") or "").strip()
        row["parent"] = None
        if not parent_code:
            continue
        parent = by_key.get((row["group"].pk if row["group"] else None, parent_code))
        if parent is None or parent is row:
            errors.append(_("%(label)s: không có tiêu chí cha “%(parent)s”.") % {"label": row["label"],
                                                                              "parent": parent_code})  # fmt: skip
            continue
        row["parent"] = parent
        parent["children"].append(row)
    for row in rows:  # a chain of parents that comes back to itself
        seen, node = set(), row
        while node["parent"] is not None and id(node) not in seen:
            seen.add(id(node))
            node = node["parent"]
        if node["parent"] is not None:
            errors.append(_("%(label)s: tiêu chí cha tạo thành vòng lặp.") % {"label": row["label"]})
            row["parent"]["children"].remove(row)
            row["parent"] = None
    for row in rows:
        parent = row["parent"]
        if parent is None:
            continue
        if parent["source"] != CriterionSource.MANUAL:
            errors.append(_("%(label)s: tiêu chí tự tính “%(parent)s” không có tiêu chí con.")
                          % {"label": row["label"], "parent": parent["code"]})  # fmt: skip
        if row["max"] is None:
            continue
        if parent["max"] is None:
            errors.append(_("%(label)s: tiêu chí cha “%(parent)s” không chấm điểm nên tiêu chí con không thể có "
                            "điểm.") % {"label": row["label"], "parent": parent["code"]})  # fmt: skip
        elif row["max"] > parent["max"]:
            errors.append(_("%(label)s: điểm tối đa (%(max)s) vượt điểm tối đa của tiêu chí cha “%(parent)s” "
                            "(%(parent_max)s).") % {"label": row["label"], "max": _number(row["max"]),
                                                    "parent": parent["code"],
                                                    "parent_max": _number(parent["max"])})  # fmt: skip
    for row in rows:
        scored = [child["max"] for child in row["children"] if child["max"] is not None]
        if row["max"] is not None and scored and sum(scored) > row["max"]:
            errors.append(_("%(label)s: tổng điểm tối đa của các tiêu chí con (%(sum)s) vượt điểm tối đa "
                            "(%(max)s).") % {"label": row["label"], "sum": _number(sum(scored)),
                                             "max": _number(row["max"])})  # fmt: skip
    if errors:
        raise ValidationError({"criteria": errors})
    movement.criteria.all().delete()
    pending = list(rows)
    while pending:  # parents first: a child needs its parent's key
        ready = [row for row in pending if row["parent"] is None or "saved" in row["parent"]]
        for row in ready:
            criterion = Criterion(
                movement=movement, target_group=row["group"], parent=row["parent"]["saved"] if row["parent"] else None,
                position=row["number"], code=row["code"], text=str(row["item"]["text"]).strip(), max_points=row["max"],
                weight=row["weight"], kind=row["kind"], source=row["source"],
            )  # fmt: skip
            save_valid(criterion, exclude=["movement"])
            row["saved"] = criterion
        pending = [row for row in pending if "saved" not in row]
    return [row["saved"] for row in rows]


@transaction.atomic
def set_awards(movement: Movement, *, by, awards: Sequence[dict]) -> list[MovementAward]:
    """Replace the award types the movement offers at each level."""
    return _draft_list_change(movement, by=by, action="awards_set", change=lambda: _set_awards(movement, awards))


def _set_awards(movement: Movement, awards: Sequence[dict]) -> list[MovementAward]:
    errors, seen = [], set()
    for row, item in enumerate(awards, start=1):
        award_type = item.get("award_type")
        if not isinstance(award_type, AwardType):
            errors.append(_("Khen thưởng dòng %(row)d: chưa chọn hình thức khen thưởng.") % {"row": row})
            continue
        if item.get("level") not in AwardLevel.values:
            errors.append(_("Khen thưởng dòng %(row)d: cấp khen thưởng không hợp lệ.") % {"row": row})
        if award_type.pk in seen:
            errors.append(_("Khen thưởng dòng %(row)d: “%(award)s” đã có ở dòng trước.")
                          % {"row": row, "award": award_type.name})  # fmt: skip
        seen.add(award_type.pk)
    if errors:
        raise ValidationError({"awards": errors})
    movement.awards.all().delete()
    result = []
    for position, item in enumerate(awards, start=1):
        award = MovementAward(movement=movement, level=item["level"], award_type=item["award_type"],
                              quota=item.get("quota"), note=item.get("note") or "", position=position)  # fmt: skip
        save_valid(award, exclude=["movement"])
        result.append(award)
    return result


@transaction.atomic
def set_milestones(movement: Movement, *, by, milestones: Sequence[dict]) -> list[Milestone]:
    """Replace the milestones. A dict with ``id`` (or the same kind and title) updates that milestone in place,
    so the answers that point at it keep pointing at it."""
    return _draft_list_change(
        movement, by=by, action="milestones_set", change=lambda: _set_milestones(movement, milestones)
    )


def _set_milestones(movement: Movement, milestones: Sequence[dict]) -> list[Milestone]:
    errors = []
    existing = {milestone.pk: milestone for milestone in movement.milestones.all()}
    unmatched = dict(existing)
    plan: list[tuple[Milestone | None, dict]] = []
    for row, item in enumerate(milestones, start=1):
        title = str(item.get("title") or "").strip()
        if item.get("kind") not in MilestoneKind.values:
            errors.append(_("Mốc %(row)d: loại mốc không hợp lệ.") % {"row": row})
        if not title:
            errors.append(_("Mốc %(row)d: chưa nhập tên mốc.") % {"row": row})
        if not isinstance(item.get("due_date"), dt.date):
            errors.append(_("Mốc %(row)d: chưa nhập ngày.") % {"row": row})
        match = None
        if item.get("id") is not None:
            match = unmatched.pop(int(item["id"]), None)
            if match is None:
                errors.append(_("Mốc %(row)d: không thuộc phong trào này.") % {"row": row})
        else:
            match = next((m for m in unmatched.values() if m.kind == item.get("kind") and m.title == title), None)
            if match is not None:
                unmatched.pop(match.pk)
        plan.append((match, item))
    launched = movement.state != MovementState.DRAFT
    if launched:
        if not any(item.get("kind") == MilestoneKind.REGISTRATION for item in milestones):
            errors.append(_("Phong trào đã phát động phải giữ hạn đăng ký thi đua."))
        dropped = set(unmatched) | {m.pk for m, item in plan if m is not None and not item.get("requires_report")}
        sent = (ProgressReport.objects.filter(movement=movement, milestone_id__in=dropped)
                .filter(submitted_at__isnull=False).select_related("milestone").first())  # fmt: skip
        if sent is not None:
            errors.append(_("Mốc “%(title)s” đã có đơn vị gửi báo cáo: không thể xóa mốc hay bỏ yêu cầu báo cáo.")
                          % {"title": sent.milestone.title})  # fmt: skip
    if errors:
        raise ValidationError({"milestones": errors})
    if launched:
        dropped = set(unmatched) | {m.pk for m, item in plan if m is not None and not item.get("requires_report")}
        ProgressReport.objects.filter(movement=movement, milestone_id__in=dropped).delete()
    Milestone.objects.filter(pk__in=list(unmatched)).delete()
    result = []
    for match, item in plan:
        milestone = match or Milestone(movement=movement)
        milestone.kind = item["kind"]
        milestone.title = str(item["title"]).strip()
        milestone.due_date = item["due_date"]
        milestone.requires_report = bool(item.get("requires_report", False))
        save_valid(milestone, exclude=["movement"])
        result.append(milestone)
    if launched:
        _sync_answer_milestones(movement)
    return result


def _answer_milestones(movement: Movement) -> tuple[Milestone | None, Milestone | None, list[Milestone]]:
    """(plan milestone, registration milestone, report milestones) of a movement, read in one query."""
    milestones = list(movement.milestones.order_by("due_date", "id"))
    registration = next((m for m in milestones if m.kind == MilestoneKind.REGISTRATION), None)
    plan = next((m for m in milestones if m.kind == MilestoneKind.PLAN), None) or registration
    return plan, registration, [m for m in milestones if m.requires_report]


def _sync_answer_milestones(movement: Movement) -> None:
    """After the milestones of a launched movement change: plans and registrations point at their deadline, and
    every obligated unit has one report per milestone that requires one."""
    plan_milestone, registration_milestone, report_milestones = _answer_milestones(movement)
    UnitPlan.objects.filter(movement=movement).exclude(milestone=plan_milestone).update(milestone=plan_milestone)
    Registration.objects.filter(movement=movement).exclude(milestone=registration_milestone).update(
        milestone=registration_milestone
    )
    units = list(UnitPlan.objects.filter(movement=movement).values_list("unit_id", flat=True))
    have = set(ProgressReport.objects.filter(movement=movement).values_list("unit_id", "milestone_id"))
    ProgressReport.objects.bulk_create(
        [ProgressReport(movement=movement, unit_id=unit_id, milestone=milestone)
         for milestone in report_milestones for unit_id in units if (unit_id, milestone.pk) not in have],
        batch_size=BULK_BATCH,
    )  # fmt: skip


@transaction.atomic
def attach_plan_document(movement: Movement, *, by, upload) -> Movement:
    """Keep the movement's plan document (PDF or DOCX, checked by content); a new one replaces the old one."""
    _lock(movement)
    if movement.state == MovementState.CLOSED:
        _require_state(movement, MovementState.DRAFT, MovementState.LAUNCHED)
    checked = validate_upload(upload, allowed=DOCUMENTS, field="plan_document")
    stored = None
    try:
        stored = store_upload(checked, by=by, allowed=DOCUMENTS, field="plan_document")
        movement.plan_document = stored
        with acting_as(by):
            save_valid(movement)
            record_action(movement, code="movements.movement.plan_document_attached", by=by,
                          data={"file": str(stored.pk), "name": stored.name})  # fmt: skip
    except Exception:
        discard([stored])
        raise
    return movement


@transaction.atomic
def set_co_organisers(movement: Movement, *, by, units: Iterable[OrgUnit]) -> Movement:
    """The units that work with the issuer: they see the movement and its dashboard."""
    _lock(movement)
    if movement.state == MovementState.CLOSED:
        _require_state(movement, MovementState.DRAFT, MovementState.LAUNCHED)
    with acting_as(by):
        _set_co_organisers(movement, units)
        record_action(movement, code="movements.movement.co_organisers_set", by=by,
                      data={"units": sorted(movement.co_organisers.values_list("pk", flat=True))})  # fmt: skip
    return movement


def _set_co_organisers(movement: Movement, units: Iterable[OrgUnit]) -> None:
    units = list(units)
    if any(unit.pk == movement.issuer_unit_id for unit in units):
        raise _refuse(_("Đơn vị phát động không là đơn vị phối hợp của chính phong trào."), "co_organisers")
    movement.co_organisers.set(units)


@transaction.atomic
def set_scope(movement: Movement, *, by, mode: str, root: OrgUnit | None = None, depth: int | None = None,
              unit_kinds: Iterable[UnitKind] = (), units: Iterable[OrgUnit] = ()) -> Movement:  # fmt: skip
    """Who must answer: the units under ``root`` (the issuer by default), ``depth`` levels down, of ``unit_kinds``;
    or the listed ``units``. A draft only: a launched movement changes its scope through ``amend_movement``."""
    _lock(movement)
    _require_state(movement, MovementState.DRAFT)
    with acting_as(by):
        _set_scope(movement, mode=mode, root=root, depth=depth, unit_kinds=unit_kinds, units=units)
        record_action(movement, code="movements.movement.scope_set", by=by, data=_scope_data(movement))
    return movement


def _scope_data(movement: Movement) -> dict:
    return {
        "mode": movement.scope_mode,
        "root": movement.scope_root_id,
        "depth": movement.scope_depth,
        "unit_kinds": sorted(movement.scope_unit_kinds.values_list("pk", flat=True)),
        "units": sorted(movement.scope_units.values_list("pk", flat=True)),
    }


def _set_scope(movement: Movement, *, mode: str, root: OrgUnit | None = None, depth: int | None = None,
               unit_kinds: Iterable[UnitKind] = (), units: Iterable[OrgUnit] = ()) -> None:  # fmt: skip
    if mode not in ScopeMode.values:
        raise _refuse(_("Phạm vi không hợp lệ."), "scope_mode")
    if depth is not None and int(depth) < 1:
        raise _refuse(_("Số cấp trực thuộc phải từ 1 trở lên (để trống: mọi cấp)."), "scope_depth")
    units, unit_kinds = list(units), list(unit_kinds)
    if mode == ScopeMode.LIST and not units:
        raise _refuse(_("Chọn ít nhất một đơn vị phải hưởng ứng."), "scope_units")
    movement.scope_mode = mode
    movement.scope_root = root if mode == ScopeMode.SUBTREE else None
    movement.scope_depth = depth if mode == ScopeMode.SUBTREE else None
    save_valid(movement)
    movement.scope_unit_kinds.set(unit_kinds if mode == ScopeMode.SUBTREE else [])
    movement.scope_units.set(units if mode == ScopeMode.LIST else [])


def obligated_units(movement: Movement) -> models.QuerySet:
    """The units that must answer per the scope: below the scope's root (never the root, never the issuer), or the
    listed units; never a dissolved or external unit. Ordered as the tree."""
    units = OrgUnit.objects.active().filter(is_external=False).exclude(pk=movement.issuer_unit_id)
    if movement.scope_mode == ScopeMode.LIST:
        return units.filter(pk__in=movement.scope_units.values("pk")).order_by("path")
    root = movement.scope_root or movement.issuer_unit
    low, high = subtree_range(root.path)
    units = units.filter(path__gt=low, path__lt=high)
    if movement.scope_depth:
        units = units.filter(depth__lte=root.depth + movement.scope_depth)
    kinds = list(movement.scope_unit_kinds.values_list("pk", flat=True))
    if kinds:
        units = units.filter(kind_id__in=kinds)
    return units.order_by("path")


def _reviewers(movement: Movement, units: Iterable[OrgUnit]) -> dict[int, int]:
    """Each unit's reviewer: its nearest ancestor that itself answers the movement, else the issuer."""
    by_path = {unit.path: unit.pk for unit in units}
    reviewers = {}
    for path, pk in by_path.items():
        reviewer = movement.issuer_unit_id
        for end in range(len(path) - PATH_SEGMENT, 0, -PATH_SEGMENT):
            if path[:end] in by_path:
                reviewer = by_path[path[:end]]
                break
        reviewers[pk] = reviewer
    return reviewers


def _create_obligations(movement: Movement, units: list[OrgUnit], reviewers: dict[int, int]) -> None:
    """A plan, a registration and one report per reporting milestone for each unit: three bulk inserts."""
    plan_milestone, registration_milestone, report_milestones = _answer_milestones(movement)
    UnitPlan.objects.bulk_create(
        [UnitPlan(movement=movement, unit_id=unit.pk, milestone=plan_milestone) for unit in units],
        batch_size=BULK_BATCH,
    )
    Registration.objects.bulk_create(
        [Registration(movement=movement, unit_id=unit.pk, milestone=registration_milestone,
                      reviewer_unit_id=reviewers[unit.pk]) for unit in units],
        batch_size=BULK_BATCH,
    )  # fmt: skip
    ProgressReport.objects.bulk_create(
        [ProgressReport(movement=movement, unit_id=unit.pk, milestone=milestone)
         for milestone in report_milestones for unit in units],
        batch_size=BULK_BATCH,
    )  # fmt: skip


def _notify_launched(movement: Movement, unit_ids) -> None:
    _plan, registration, _reports = _answer_milestones(movement)
    body = _("%(issuer)s đã phát động phong trào “%(title)s”. Đơn vị của bạn cần gửi kế hoạch hưởng ứng và đăng ký "
             "thi đua (hạn %(due)s).") % {"issuer": movement.issuer_unit.name, "title": movement.title,
                                          "due": _day(registration.due_date if registration else None)}  # fmt: skip
    notify(_users_at(unit_ids, UNIT_NOTIFY_ROLES), code="movements.launched",
           title=_("Phong trào mới: %(title)s") % {"title": movement.title}, body=body,
           url=page_url("movements:owed"))  # fmt: skip


@transaction.atomic
def launch_movement(movement: Movement, *, by) -> Movement:
    """Phát động: every unit in scope now owes a plan, a registration and its reports, and hears about it."""
    _lock(movement)
    _require_state(movement, MovementState.DRAFT)
    errors = []
    if not movement.contents.exists():
        errors.append(_("Phong trào chưa có nội dung thi đua."))
    if movement.period_end < movement.period_start:
        errors.append(_("Thời gian kết thúc phải sau thời gian bắt đầu."))
    if not movement.milestones.filter(kind=MilestoneKind.REGISTRATION).exists():
        errors.append(_("Phong trào chưa có hạn đăng ký thi đua (mốc thời gian)."))
    units = list(obligated_units(movement).only("pk", "path"))
    if not units:
        errors.append(_("Phạm vi phong trào không có đơn vị nào phải hưởng ứng."))
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    with acting_as(by):
        _create_obligations(movement, units, _reviewers(movement, units))
        movement.state = MovementState.LAUNCHED
        movement.launched_at = timezone.now()
        movement.launched_by = acting_user(by)
        save_valid(movement)
        record_action(movement, code="movements.movement.launched", by=by, data={"units": len(units)})
        _notify_launched(movement, UnitPlan.objects.filter(movement=movement).values("unit_id"))
    return movement


def _sync_obligations(movement: Movement) -> dict[str, int]:
    """After a scope change: new units get their obligations; units no longer in scope lose theirs unless they
    have sent something (then they keep them)."""
    wanted = list(obligated_units(movement).only("pk", "path"))
    wanted_ids = {unit.pk for unit in wanted}
    existing = set(UnitPlan.objects.filter(movement=movement).values_list("unit_id", flat=True))
    removed = existing - wanted_ids
    kept = set()
    for model in ANSWER_MODELS:
        kept |= set(model.objects.filter(movement=movement, unit_id__in=removed, submitted_at__isnull=False)
                    .values_list("unit_id", flat=True))  # fmt: skip
    dropped = removed - kept
    for model in ANSWER_MODELS:
        model.objects.filter(movement=movement, unit_id__in=dropped).delete()
    answering = wanted + list(OrgUnit.objects.filter(pk__in=kept).only("pk", "path"))
    reviewers = _reviewers(movement, answering)
    added = [unit for unit in wanted if unit.pk not in existing]
    _create_obligations(movement, added, reviewers)
    # Registrations not under review follow the new shape of the scope.
    stale = []
    for registration in Registration.objects.filter(movement=movement, state__in=OPEN_STATES):
        reviewer = reviewers.get(registration.unit_id, movement.issuer_unit_id)
        if registration.reviewer_unit_id != reviewer:
            registration.reviewer_unit_id = reviewer
            stale.append(registration)
    Registration.objects.bulk_update(stale, ["reviewer_unit"], batch_size=BULK_BATCH)
    if added:
        _notify_launched(movement, [unit.pk for unit in added])
    return {"added": len(added), "removed": len(dropped), "kept": len(kept)}


@transaction.atomic
def amend_movement(movement: Movement, *, by, reason: str, **fields) -> Movement:
    """Điều chỉnh a launched movement, with the reason kept in its history. A changed deadline moves the deadline
    of every answer pointing at it; a changed scope adds and removes obligations (keeping those already sent)."""
    _lock(movement)
    _require_state(movement, MovementState.LAUNCHED)
    if not (reason or "").strip():
        raise _refuse(_("Nhập lý do điều chỉnh phong trào."), "reason")
    lists = _split_lists(fields)
    changed: list[str] = []
    data: dict[str, Any] = {}
    with acting_as(by):
        changed += assign(movement, fields, AMENDABLE_FIELDS)
        if changed:
            save_valid(movement)
        if "scope" in lists:
            _set_scope(movement, **lists.pop("scope"))
            changed.append("scope")
            data["obligations"] = _sync_obligations(movement)
        changed += _apply_lists(movement, lists, by=by)
        data["changed"] = changed
        record_action(movement, code="movements.movement.amended", by=by, reason=reason.strip(), data=data)
    return movement


@transaction.atomic
def close_movement(movement: Movement, *, by) -> Movement:
    """Kết thúc: the movement is over; answers can no longer be changed."""
    _lock(movement)
    _require_state(movement, MovementState.LAUNCHED)
    movement.state = MovementState.CLOSED
    movement.closed_at = timezone.now()
    with acting_as(by):
        save_valid(movement)
        record_action(movement, code="movements.movement.closed", by=by)
    return movement


@transaction.atomic
def launch_sub_movement(parent: Movement, *, by, issuer_unit: OrgUnit, title: str, **fields) -> Movement:
    """A draft movement of a unit answering ``parent`` for its own units (by default its whole subtree)."""
    if parent.state != MovementState.LAUNCHED:
        raise _refuse(_("Phong trào “%(title)s” chưa phát động hoặc đã kết thúc.") % {"title": parent.title})
    if not UnitPlan.objects.filter(movement=parent, unit=issuer_unit).exists():
        raise _refuse(_("Đơn vị “%(unit)s” không thuộc phạm vi phong trào “%(title)s”.")
                      % {"unit": issuer_unit.name, "title": parent.title}, "issuer_unit")  # fmt: skip
    fields.setdefault("kind", parent.kind or MovementKind.THEMATIC)
    fields.setdefault("period_start", parent.period_start)
    fields.setdefault("period_end", parent.period_end)
    fields.setdefault("scope", {"mode": ScopeMode.SUBTREE, "root": issuer_unit})
    return create_movement(by=by, issuer_unit=issuer_unit, title=title, parent=parent, **fields)


# --- Answers: plans, registrations, reports ---------------------------------------------------------------------


def _require_open(answer) -> None:
    """An answer is changed by its unit while the movement runs and the answer is not sent (or was returned)."""
    if answer.movement.state != MovementState.LAUNCHED:
        raise _refuse(_("Phong trào “%(title)s” chưa phát động hoặc đã kết thúc.") % {"title": answer.movement.title})
    if answer.state not in OPEN_STATES:
        raise _refuse(_("Đã gửi, đang chờ duyệt hoặc đã duyệt: không sửa được nữa."))


def _audit_code(answer, action: str) -> str:
    return f"movements.{answer._meta.model_name}.{action}"


def _send(answer, *, by) -> None:
    """Not sent or returned → pending; ``submitted_at`` keeps the first send (compliance is judged by it)."""
    answer.state = AnswerState.PENDING
    if answer.submitted_at is None:
        answer.submitted_at = timezone.now()
    answer.submitted_by = acting_user(by)
    save_valid(answer)
    record_action(answer, code=_audit_code(answer, "submitted"), by=by)


@transaction.atomic
def save_unit_plan(plan: UnitPlan, *, by, targets: str | None = None, document=None) -> UnitPlan:
    """Keep the unit's plan (its targets, its plan document: PDF or DOCX) until it is sent."""
    _lock(plan)
    _require_open(plan)
    checked = validate_upload(document, allowed=DOCUMENTS, field="document") if document is not None else None
    stored = None
    try:
        if checked is not None:
            stored = store_upload(checked, by=by, allowed=DOCUMENTS, field="document")
            plan.document = stored
        if targets is not None:
            plan.targets = targets.strip()
        with acting_as(by):
            save_valid(plan)
            record_action(plan, code="movements.unitplan.saved", by=by)
    except Exception:
        discard([stored])
        raise
    return plan


@transaction.atomic
def submit_unit_plan(plan: UnitPlan, *, by) -> UnitPlan:
    """Gửi kế hoạch: it needs a plan document or written targets."""
    _lock(plan)
    _require_open(plan)
    if plan.document_id is None and not plan.targets.strip():
        raise _refuse(_("Kế hoạch cần có văn bản kế hoạch hoặc chỉ tiêu, nội dung đăng ký."), "document")
    with acting_as(by):
        _send(plan, by=by)
    return plan


def _resolve(model: type[models.Model], values: Iterable[Any]) -> dict[Any, models.Model]:
    """Rows given as instances or primary keys, read in one query."""
    values = list(values)
    found = model._default_manager.in_bulk([value for value in values if not isinstance(value, models.Model)])
    return {value: (value if isinstance(value, models.Model) else found.get(value)) for value in values}


def _fits(award_type: AwardType, kind: str) -> bool:
    return kind in (award_type.recipient_kinds or [])


@transaction.atomic
def save_registration(registration: Registration, *, by, note: str | None = None,
                      collective: Sequence[dict] | None = None,
                      individual: Sequence[dict] | None = None) -> Registration:  # fmt: skip
    """Keep the unit's pledges: titles for the unit and its collectives, titles for its people. People must work in
    the unit or below it today; each award type must be one for that kind of recipient. Lists given replace."""
    _lock(registration)
    _require_open(registration)
    unit = registration.unit
    low, high = subtree_range(unit.path)
    errors: dict[str, list[str]] = {}
    collective_rows, individual_rows = [], []
    if collective is not None:
        units = _resolve(OrgUnit, [item.get("unit") for item in collective if item.get("unit") is not None])
        awards = _resolve(AwardType, [item.get("award_type") for item in collective
                                      if item.get("award_type") is not None])  # fmt: skip
        seen = set()
        for row, item in enumerate(collective, start=1):
            target, award = units.get(item.get("unit")), awards.get(item.get("award_type"))
            if target is None or award is None:
                errors.setdefault("collective", []).append(
                    _("Dòng %(row)d: chọn tập thể và danh hiệu đăng ký.") % {"row": row}
                )
                continue
            if not (low <= target.path < high):
                errors.setdefault("collective", []).append(
                    _("Dòng %(row)d: “%(name)s” không thuộc %(unit)s.")
                    % {"row": row, "name": target.name, "unit": unit.name})  # fmt: skip
            if not _fits(award, RecipientKind.COLLECTIVE):
                errors.setdefault("collective", []).append(
                    _("Dòng %(row)d: “%(award)s” không dùng để khen thưởng tập thể.")
                    % {"row": row, "award": award.name})  # fmt: skip
            if (target.pk, award.pk) in seen:
                errors.setdefault("collective", []).append(
                    _("Dòng %(row)d: “%(name)s” đã đăng ký “%(award)s” ở dòng trước.")
                    % {"row": row, "name": target.name, "award": award.name})  # fmt: skip
            seen.add((target.pk, award.pk))
            collective_rows.append(CollectivePledge(registration=registration, unit=target, award_type=award,
                                                    note=(item.get("note") or "").strip()))  # fmt: skip
    if individual is not None:
        people = _resolve(Person, [item.get("person") for item in individual if item.get("person") is not None])
        awards = _resolve(AwardType, [item.get("award_type") for item in individual
                                      if item.get("award_type") is not None])  # fmt: skip
        working = set(
            Membership.objects.current()
            .filter(person_id__in=[p.pk for p in people.values() if p is not None], unit__path__gte=low,
                    unit__path__lt=high)
            .values_list("person_id", flat=True)
        )  # fmt: skip
        seen = set()
        for row, item in enumerate(individual, start=1):
            person, award = people.get(item.get("person")), awards.get(item.get("award_type"))
            if person is None or award is None:
                errors.setdefault("individual", []).append(
                    _("Dòng %(row)d: chọn cá nhân và danh hiệu đăng ký.") % {"row": row}
                )
                continue
            if person.pk not in working:
                errors.setdefault("individual", []).append(
                    _("Dòng %(row)d: %(name)s không công tác tại %(unit)s.")
                    % {"row": row, "name": person.full_name, "unit": unit.name})  # fmt: skip
            if not _fits(award, RecipientKind.INDIVIDUAL):
                errors.setdefault("individual", []).append(
                    _("Dòng %(row)d: “%(award)s” không dùng để khen thưởng cá nhân.")
                    % {"row": row, "award": award.name})  # fmt: skip
            if (person.pk, award.pk) in seen:
                errors.setdefault("individual", []).append(
                    _("Dòng %(row)d: %(name)s đã đăng ký “%(award)s” ở dòng trước.")
                    % {"row": row, "name": person.full_name, "award": award.name})  # fmt: skip
            seen.add((person.pk, award.pk))
            individual_rows.append(IndividualPledge(registration=registration, person=person, award_type=award,
                                                    note=(item.get("note") or "").strip()))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    with acting_as(by):
        if note is not None:
            registration.note = note.strip()
            save_valid(registration)
        if collective is not None:
            registration.collective_pledges.all().delete()
            CollectivePledge.objects.bulk_create(collective_rows)
        if individual is not None:
            registration.individual_pledges.all().delete()
            IndividualPledge.objects.bulk_create(individual_rows)
        record_action(registration, code="movements.registration.saved", by=by,
                      data={"collective": registration.collective_pledges.count(),
                            "individual": registration.individual_pledges.count()})  # fmt: skip
    return registration


@transaction.atomic
def submit_registration(registration: Registration, *, by) -> Registration:
    """Gửi đăng ký: at least one pledge; the reviewer unit's officers hear about it."""
    _lock(registration)
    _require_open(registration)
    if not (registration.collective_pledges.exists() or registration.individual_pledges.exists()):
        raise _refuse(_("Đăng ký thi đua cần ít nhất một danh hiệu tập thể hoặc cá nhân."), "collective")
    with acting_as(by):
        _send(registration, by=by)
        notify(_users_at([registration.reviewer_unit_id], REVIEW_ROLES), code="movements.registration.submitted",
               title=_("Đăng ký thi đua chờ duyệt: %(unit)s") % {"unit": registration.unit.name},
               body=_("%(unit)s đã gửi đăng ký thi đua trong phong trào “%(title)s”.")
               % {"unit": registration.unit.name, "title": registration.movement.title},
               url=page_url("movements:registration-review", registration.pk))  # fmt: skip
    return registration


@transaction.atomic
def approve_answer(answer, *, by):
    """Duyệt: pending → approved (a registration keeps who reviewed it and when)."""
    _lock(answer)
    if answer.state != AnswerState.PENDING:
        raise _refuse(_("Chỉ duyệt được nội dung đang chờ duyệt."))
    answer.state = AnswerState.APPROVED
    if isinstance(answer, Registration):
        answer.reviewed_at = timezone.now()
        answer.reviewed_by = acting_user(by)
    with acting_as(by):
        save_valid(answer)
        record_action(answer, code=_audit_code(answer, "approved"), by=by)
    return answer


@transaction.atomic
def return_answer(answer, *, by, reason: str):
    """Trả lại: pending → returned with a reason the unit reads (in the answer and in its notification)."""
    _lock(answer)
    if answer.state != AnswerState.PENDING:
        raise _refuse(_("Chỉ trả lại được nội dung đang chờ duyệt."))
    if not (reason or "").strip():
        raise _refuse(_("Nhập lý do trả lại."), "reason")
    reason = reason.strip()
    answer.state = AnswerState.RETURNED
    if isinstance(answer, Registration):
        answer.reviewed_at = timezone.now()
        answer.reviewed_by = acting_user(by)
        answer.return_reason = reason
    with acting_as(by):
        save_valid(answer)
        record_action(answer, code=_audit_code(answer, "returned"), by=by, reason=reason)
        label = _answer_label(answer)
        notify(_users_at([answer.unit_id], UNIT_NOTIFY_ROLES), code="movements.answer.returned",
               title=_("%(what)s bị trả lại: %(title)s") % {"what": label, "title": answer.movement.title},
               body=_("Lý do: %(reason)s") % {"reason": reason},
               url=page_url(_answer_url_name(answer), answer.pk))  # fmt: skip
    return answer


def _answer_label(answer) -> str:
    if isinstance(answer, UnitPlan):
        return str(ObligationKind.PLAN.label)
    if isinstance(answer, Registration):
        return str(ObligationKind.REGISTRATION.label)
    return str(ObligationKind.REPORT.label)


def _answer_url_name(answer) -> str:
    if isinstance(answer, UnitPlan):
        return "movements:unit-plan"
    if isinstance(answer, Registration):
        return "movements:registration"
    return "movements:report"


def approve_registration(registration: Registration, *, by) -> Registration:
    """Duyệt đăng ký thi đua (pending → approved): its pledges join the consolidated list."""
    return approve_answer(registration, by=by)


def return_registration(registration: Registration, *, by, reason: str) -> Registration:
    """Trả lại đăng ký thi đua với lý do (pending → returned); the unit is told."""
    return return_answer(registration, by=by, reason=reason)


def _clean_figures(figures: Sequence[Any]) -> list[dict]:
    errors, cleaned = [], []
    if not isinstance(figures, list | tuple):
        raise _refuse(_("Số liệu phải là một danh sách."), "figures")
    for row, item in enumerate(figures, start=1):
        if not isinstance(item, dict):
            errors.append(_("Số liệu dòng %(row)d: không hợp lệ.") % {"row": row})
            continue
        label = str(item.get("label") or "").strip()
        if not label:
            errors.append(_("Số liệu dòng %(row)d: chưa nhập tên chỉ tiêu.") % {"row": row})
        try:
            value = _decimal(item.get("value"))
            if value is None or not value.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors.append(_("Số liệu dòng %(row)d: giá trị phải là một số.") % {"row": row})
            continue
        number = int(value) if value == value.to_integral_value() else float(value)
        cleaned.append({"label": label, "value": number, "unit": str(item.get("unit") or "").strip()})
    if errors:
        raise ValidationError({"figures": errors})
    return cleaned


@transaction.atomic
def save_progress_report(
    report: ProgressReport, *, by, text: str | None = None, figures: Sequence | None = None,
    add_attachments: Iterable = (), remove_attachments: Iterable = (),
) -> ProgressReport:  # fmt: skip
    """Keep the report: its text, figures ({"label", "value", "unit"}) and attachments. Every upload is checked
    before any is stored, and stored files are discarded if the save fails after all."""
    _lock(report)
    _require_open(report)
    cleaned = _clean_figures(figures) if figures is not None else None
    checked = [validate_upload(upload, allowed=ATTACHMENTS, field="attachments") for upload in add_attachments]
    stored = []
    try:
        for item in checked:
            stored.append(store_upload(item, by=by, allowed=ATTACHMENTS, field="attachments"))
        if text is not None:
            report.text = text.strip()
        if cleaned is not None:
            report.figures = cleaned
        with acting_as(by):
            save_valid(report)
            if stored:
                report.attachments.add(*stored)
            remove = [getattr(item, "pk", item) for item in remove_attachments]
            if remove:
                report.attachments.remove(*report.attachments.filter(pk__in=remove))
            data = {"added": [str(f.pk) for f in stored], "removed": [str(pk) for pk in remove]}
            record_action(report, code="movements.progressreport.saved", by=by, data=data)
    except Exception:
        discard(stored)
        raise
    return report


@transaction.atomic
def submit_progress_report(report: ProgressReport, *, by) -> ProgressReport:
    """Gửi báo cáo: it needs its text."""
    _lock(report)
    _require_open(report)
    if not report.text.strip():
        raise _refuse(_("Báo cáo cần có nội dung."), "text")
    with acting_as(by):
        _send(report, by=by)
    return report


# --- Reminders -------------------------------------------------------------------------------------------------


def _overdue_by_unit(movement: Movement, as_of: dt.date, unit_ids: set[int] | None = None,
                     skip_unit_ids: set[int] | None = None) -> dict[int, list]:  # fmt: skip
    """What each unit has not sent although its deadline passed before ``as_of``: {unit id: [answers]}."""
    overdue: dict[int, list] = defaultdict(list)
    for model in ANSWER_MODELS:
        answers = (
            model.objects.filter(movement=movement, milestone__due_date__lt=as_of)
            .filter(Q(submitted_at__isnull=True) | ~Q(state__in=SENT_STATES))
            .select_related("milestone")
            .order_by("milestone__due_date", "pk")
        )
        for answer in answers:
            if unit_ids is not None and answer.unit_id not in unit_ids:
                continue
            if skip_unit_ids and answer.unit_id in skip_unit_ids:
                continue
            if answer.compliance(as_of) == Compliance.MISSING:
                overdue[answer.unit_id].append(answer)
    for answers in overdue.values():
        answers.sort(key=lambda answer: (answer.due_date, ANSWER_MODELS.index(type(answer))))
    return overdue


def _send_reminders(movement: Movement, *, by, as_of: dt.date, unit_ids: set[int] | None = None,
                    skip_unit_ids: set[int] | None = None) -> list[Reminder]:  # fmt: skip
    overdue = _overdue_by_unit(movement, as_of, unit_ids, skip_unit_ids)
    if not overdue:
        return []
    units = OrgUnit.objects.in_bulk(list(overdue))
    holders: dict[int, dict[int, Any]] = defaultdict(dict)
    assignments = RoleAssignment.objects.current().filter(role__code__in=UNIT_NOTIFY_ROLES,
                                                          unit_id__in=list(overdue)).select_related("user")  # fmt: skip
    for assignment in assignments:
        if assignment.user.is_active:
            holders[assignment.unit_id][assignment.user_id] = assignment.user
    reminders = []
    now = timezone.now()
    for unit_id, answers in sorted(overdue.items(), key=lambda pair: units[pair[0]].path):
        unit = units[unit_id]
        items = [{"kind": _kind_of(answer), "label": _answer_label(answer), "milestone": answer.milestone.title,
                  "due_date": answer.due_date.isoformat(), "answer": answer.pk} for answer in answers]  # fmt: skip
        lines = "\n".join(
            _("- %(what)s (hạn %(due)s)") % {"what": item["label"] if item["kind"] != ObligationKind.REPORT
                                             else item["milestone"], "due": _day(answer.due_date)}
            for item, answer in zip(items, answers, strict=True)
        )  # fmt: skip
        notify(holders[unit_id].values(), code="movements.reminder",
               title=_("Nhắc việc quá hạn: %(title)s") % {"title": movement.title},
               body=_("%(unit)s chưa gửi những nội dung đã quá hạn sau của phong trào “%(title)s”:\n%(lines)s")
               % {"unit": unit.name, "title": movement.title, "lines": lines},
               url=page_url("movements:owed"))  # fmt: skip
        reminders.append(Reminder(movement=movement, unit=unit, sent_by=acting_user(by), overdue=items,
                                  recipients=len(holders[unit_id])))  # fmt: skip
    Reminder.objects.bulk_create(reminders)
    for model in ANSWER_MODELS:
        pks = [answer.pk for answers in overdue.values() for answer in answers if isinstance(answer, model)]
        if pks:
            model.objects.filter(pk__in=pks).update(last_reminded_at=now)
    record_action(movement, code="movements.movement.reminded", by=by,
                  data={"units": len(reminders), "as_of": as_of.isoformat()})  # fmt: skip
    return reminders


def _kind_of(answer) -> str:
    if isinstance(answer, UnitPlan):
        return ObligationKind.PLAN
    if isinstance(answer, Registration):
        return ObligationKind.REGISTRATION
    return ObligationKind.REPORT


@transaction.atomic
def send_reminders(movement: Movement, *, by, units: Iterable[OrgUnit] | None = None,
                   as_of: dt.date | None = None) -> list[Reminder]:  # fmt: skip
    """Nhắc các đơn vị chậm: each unit (all, or those given) with something overdue on ``as_of`` gets one reminder
    listing it, in the app and by e-mail to its officers and head. Units with nothing overdue get nothing."""
    if movement.state != MovementState.LAUNCHED:
        raise _refuse(_("Phong trào “%(title)s” chưa phát động hoặc đã kết thúc.") % {"title": movement.title})
    unit_ids = None if units is None else {getattr(unit, "pk", unit) for unit in units}
    with acting_as(by):
        return _send_reminders(movement, by=by, as_of=as_of or timezone.localdate(), unit_ids=unit_ids)


REMINDER_DAYS_AFTER_PERIOD = 90


def remind_late_units(*, as_of: dt.date | None = None, min_days_between: int = 3) -> int:
    """The scheduled reminder over every launched movement; a unit reminded less than ``min_days_between`` days
    ago (on demand or by this job) is left alone. Returns how many reminders went out."""
    as_of = as_of or timezone.localdate()
    since = timezone.make_aware(dt.datetime.combine(as_of - dt.timedelta(days=min_days_between - 1), dt.time.min))
    # A movement over for months is the board's to close, not the units' to be chased for daily: the schedule
    # stops REMINDER_DAYS_AFTER_PERIOD days after its period (reminders on demand still go).
    still_running = as_of - dt.timedelta(days=REMINDER_DAYS_AFTER_PERIOD)
    sent = 0
    for movement in Movement.objects.launched().filter(period_end__gte=still_running).order_by("pk"):
        with transaction.atomic():
            recent = set(Reminder.objects.filter(movement=movement, sent_at__gte=since)
                         .values_list("unit_id", flat=True))  # fmt: skip
            sent += len(_send_reminders(movement, by=None, as_of=as_of, skip_unit_ids=recent))
    return sent
