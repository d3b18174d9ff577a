"""The dossier workflow (issue 5): submitting, returning and resubmitting, receiving, assigning, appraising,
approving, rejecting, closing and withdrawing; the documents, the entries' edits and the unit's own council on the
way; the nominee's snapshot and eligibility verdict kept on each entry.

Every step is one function in one transaction, in the order the declared table asks (``thidua.dossiers.transitions``):
lock the dossier row, re-read what moves under the lock, check who acts and the state and version seen (before the
guard, so that someone without the right learns nothing of the data), check the step's guard — a Vietnamese
``ValidationError`` naming the field or the row — then ``transitions.perform``, which changes the state, sets the
deadline, records the timeline event and the audit row and notifies the next actor (e-mail after commit). A refused
step raises before anything is written, and the transaction rolls back what was: the dossier stays exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import BOARD_ROLES, holds_role_at
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import CouncilBody
from thidua.core.uploads import ATTACHMENTS, discard, store_upload, validate_upload
from thidua.core.writes import acting_user
from thidua.core.writes import assign as assign_fields
from thidua.dossiers import queries, rules, transitions
from thidua.dossiers.enums import (
    FINAL_ENTRY_STATES,
    ConsultationState,
    DossierKind,
    DossierState,
    EntryState,
    Recommendation,
)
from thidua.dossiers.models import Dossier, DossierAttachment, DossierEntry, DossierEvent
from thidua.dossiers.transitions import (
    TRANSITIONS,
    board_people,
    bump,
    check_version,
    lock,
    perform,
    record_event,
    unit_people,
)
from thidua.orgs.models import Membership

EVENT_LABELS: dict[str, Any] = {
    **{code: row.label for code, row in TRANSITIONS.items()},
    "created": gettext_lazy("Tạo hồ sơ"),
    "entry_added": gettext_lazy("Thêm đề nghị"),
    "entry_removed": gettext_lazy("Bỏ đề nghị"),
    "entry_updated": gettext_lazy("Sửa đề nghị"),
    "attachment_added": gettext_lazy("Thêm tài liệu"),
    "attachment_removed": gettext_lazy("Gỡ tài liệu"),
    "own_council_recorded": gettext_lazy("Ghi nhận kết quả họp Hội đồng TĐKT của đơn vị"),
    "checklist": gettext_lazy("Ghi kết quả kiểm tra thẩm định"),
    "forwarded_in": gettext_lazy("Nhận hồ sơ do cấp dưới trình lên"),
    "consultation_comment": gettext_lazy("Có ý kiến góp ý của Nhân dân"),
    "council_scheduled": gettext_lazy("Đưa vào phiên họp Hội đồng"),
    "voting_opened": gettext_lazy("Hội đồng bắt đầu bỏ phiếu"),
    "voting_closed": gettext_lazy("Hội đồng kết thúc bỏ phiếu"),
}

# The audit log's names for the workflow's codes: every row of the table (``dossiers.<dossier|entry>.<code>``, as
# ``transitions.perform`` writes them) and the steps of this module.
ACTION_LABELS: dict[str, Any] = {
    **{f"dossiers.{row.moves}.{code}": row.label for code, row in TRANSITIONS.items()},
    "dossiers.dossier.created": gettext_lazy("Tạo hồ sơ"),
    "dossiers.dossier.entry_removed": gettext_lazy("Bỏ đề nghị"),
    "dossiers.dossierentry.added": gettext_lazy("Thêm đề nghị"),
    "dossiers.dossierentry.updated": gettext_lazy("Sửa đề nghị"),
    "dossiers.dossier.attachment_added": gettext_lazy("Thêm tài liệu"),
    "dossiers.dossier.attachment_removed": gettext_lazy("Gỡ tài liệu"),
    "dossiers.dossier.own_council_recorded": gettext_lazy("Ghi nhận kết quả họp Hội đồng TĐKT của đơn vị"),
}
for _code, _label in ACTION_LABELS.items():
    register_action_label(_code, _label)

# The nominee as they were at submission (DossierEntry's snapshot fields).
SNAPSHOT_FIELDS = ("recipient_name", "gender", "birth_year", "ethnicity_name", "is_minority", "is_direct_worker",
                   "position_category", "position", "unit_name", "snapshot_at")  # fmt: skip
# What the unit may change in an entry (update_entry), and what a resubmission compares with the return.
ENTRY_EDIT_FIELDS = ("achievement", "posthumous", "own_council_votes_for")
OPEN_STATES = (DossierState.SUBMITTED, DossierState.RECEIVED)


# --- Small helpers --------------------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _entry_label(entry: DossierEntry) -> str:
    return f"{entry.nominee_name} – {entry.award_type.name}"


def _listed(entries: Iterable[DossierEntry], *, states: bool = False) -> str:
    if states:
        return "; ".join(f"{_entry_label(entry)}: {entry.get_state_display()}" for entry in entries)
    return "; ".join(_entry_label(entry) for entry in entries)


def _precheck(code: str, obj: Dossier | DossierEntry, *, by, expected_version: int | None) -> None:
    """Who acts, then the state and the version seen — before the guard. ``perform`` checks the same again."""
    row = transitions.transition(code)
    dossier = obj if isinstance(obj, Dossier) else obj.dossier
    if not transitions.may(by, code, obj):
        raise PermissionDenied(_("Bạn không có quyền “%(action)s” đối với hồ sơ này.") % {"action": row.label})
    if obj.state not in row.sources:
        what = (_("hồ sơ “%(title)s”") % {"title": dossier.title} if obj is dossier
                else _("đề nghị “%(entry)s”") % {"entry": _entry_label(obj)})  # fmt: skip
        raise ValidationError(
            _("Không thể “%(action)s”: %(what)s đang ở trạng thái “%(state)s”.")
            % {"action": row.label, "what": what, "state": obj.get_state_display()}
        )
    check_version(dossier, expected_version)


def _locked_entry(entry: DossierEntry) -> tuple[Dossier, DossierEntry]:
    """The entry's dossier locked, and the entry re-read under the lock (perform bumps the locked row)."""
    dossier = lock(entry)
    entry = DossierEntry.objects.select_related("award_type", "dossier", "person", "unit", "household").get(pk=entry.pk)
    entry.dossier = dossier
    return dossier, entry


def _dossier_state(dossier: Dossier, states: Iterable[str], action) -> None:
    states = tuple(states)
    if dossier.state not in states:
        raise ValidationError(
            _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {"action": action, "state": dossier.get_state_display()}
        )


# --- What the entries carry: grant power, snapshot, eligibility ----------------------------------------------


def can_grant(authority, award_type) -> bool:
    """True when the authority's kind is among those that grant the award type (else it forwards it up)."""
    if authority is None:
        return False
    return award_type.granting_authority_kinds.filter(pk=authority.kind_id).exists()


def take_snapshot(entry: DossierEntry, *, on: dt.date | None = None) -> None:
    """Fill the entry's nominee snapshot (name, gender, birth year, ethnicity, position, unit) as of ``on`` (today);
    the caller saves."""
    from thidua.records.services import recipient_snapshot

    snapshot = recipient_snapshot(person=entry.person, unit=entry.unit, household=entry.household,
                                  on=on or timezone.localdate())  # fmt: skip
    for name, value in snapshot.items():
        setattr(entry, name, value)
    entry.snapshot_at = timezone.now()


def take_snapshots(entries: list[DossierEntry], *, on: dt.date | None = None) -> None:
    """``take_snapshot`` for many entries in a few queries (a year-end dossier has hundreds); the caller saves
    (``bulk_update(entries, SNAPSHOT_FIELDS)``). The entries come with ``person__ethnicity``, ``unit`` and
    ``household__unit`` loaded."""
    from thidua.records.services import recipient_snapshot

    on = on or timezone.localdate()
    person_ids = {entry.person_id for entry in entries if entry.person_id}
    primary: dict[int, Membership] = {}
    for day in (on, None):  # on the day, else today (as records.services.primary_membership)
        wanted = person_ids - set(primary)
        if not wanted:
            break
        rows = Membership.objects.filter(person_id__in=wanted, is_primary=True).current(day).select_related("unit")
        for membership in rows.order_by("pk"):
            primary.setdefault(membership.person_id, membership)
    now = timezone.now()
    for entry in entries:
        snapshot = recipient_snapshot(person=entry.person, unit=entry.unit, household=entry.household, on=on,
                                      membership=primary.get(entry.person_id))  # fmt: skip
        for name, value in snapshot.items():
            setattr(entry, name, value)
        entry.snapshot_at = now


def _leaves(result, unmet: list[str], review: list[str]) -> None:
    """The texts of the conditions that fail (unmet) or need weighing (review), as the eligibility panel lists
    them: inside a group that holds nothing is missing; inside an ``any`` to weigh, a failed branch is not."""
    from thidua.eligibility.engine import ConditionKind, Outcome

    if result.kind != ConditionKind.GROUP:
        if result.outcome == Outcome.UNMET:
            unmet.append(result.text)
        elif result.outcome == Outcome.WEIGH:
            review.append(result.text)
        return
    for child in result.children:
        if result.outcome == Outcome.MET and child.outcome != Outcome.MET:
            continue
        if result.operator == "any" and result.outcome == Outcome.WEIGH and child.outcome == Outcome.UNMET:
            continue
        _leaves(child, unmet, review)


def _eligibility_year(entry: DossierEntry) -> int:
    # A dossier names the year its achievements belong to; without one, the year it is submitted in.
    return entry.dossier.year or timezone.localdate().year


def refresh_eligibility(entry: DossierEntry, *, year: int | None = None) -> dict | None:
    """Evaluate the entry's nominee against the rule of its award type and store the verdict on ``entry.eligibility``
    ({"status", "rule_id", "year", "unmet", "review", "computed_at"}; None: no rule, or a household); no save."""
    from thidua.eligibility.evaluate import evaluate

    subject = entry.person or entry.unit
    verdict = None
    if subject is not None:
        verdict = evaluate(subject, entry.award_type.code, year=year or _eligibility_year(entry))
    if verdict is None:
        entry.eligibility = None
        return None
    unmet: list[str] = []
    review: list[str] = []
    for result in verdict.conditions:
        _leaves(result, unmet, review)
    entry.eligibility = {
        "status": verdict.status, "rule_id": verdict.rule_id, "year": verdict.year, "unmet": unmet,
        "review": review, "computed_at": timezone.now().isoformat(),
    }  # fmt: skip
    return entry.eligibility


def _computed_today(eligibility: dict | None) -> bool:
    if not eligibility or not eligibility.get("computed_at"):
        return False
    try:
        computed = dt.datetime.fromisoformat(eligibility["computed_at"])
    except (TypeError, ValueError):
        return False
    if timezone.is_aware(computed):
        computed = timezone.localtime(computed)
    return computed.date() == timezone.localdate()


def eligibility_summary(entry: DossierEntry) -> dict:
    """What the pages show of the stored verdict: {"status", "label", "unmet", "review"} (status None: no rule)."""
    from thidua.eligibility.engine import Status

    eligibility = entry.eligibility or {}
    status = eligibility.get("status")
    if status in Status.values:
        label = str(Status(status).label)
    else:
        status = None
        label = _("Chưa có quy định xét điều kiện")
    return {"status": status, "label": label, "unmet": list(eligibility.get("unmet") or []),
            "review": list(eligibility.get("review") or [])}  # fmt: skip


# --- Documents ------------------------------------------------------------------------------------------------


def _attachment_name(attachment: DossierAttachment) -> str:
    name = attachment.title or attachment.file.name
    if attachment.document_kind_id:
        return f"{attachment.document_kind.name}: {name}"
    return name


def add_attachment(dossier: Dossier, *, by, upload, document_kind=None, entry: DossierEntry | None = None,
                   title: str = "") -> DossierAttachment:  # fmt: skip
    """Attach a document (PDF, DOCX, XLSX, JPEG, PNG, checked by content) to the dossier or one of its entries.

    The unit's side adds while it holds the dossier (draft, returned), the authority's board while the dossier is
    with it (submitted, received), e.g. the consultation's result. A refused or failed upload leaves nothing: no row,
    no file (the bytes stored are discarded when the transaction fails after storing them)."""
    checked = validate_upload(upload, allowed=ATTACHMENTS, field="file")
    stored = None
    try:
        with transaction.atomic(), acting_as(by):
            dossier = lock(dossier)
            side = rules.document_side(by, dossier)
            if side is None:
                raise PermissionDenied(_("Bạn không thể thêm tài liệu vào hồ sơ này ở trạng thái hiện tại."))
            if entry is not None and entry.dossier_id != dossier.pk:
                raise _refuse("entry", _("Đề nghị đã chọn không thuộc hồ sơ này."))
            if document_kind is not None:
                if document_kind.by_authority and side == rules.UNIT_SIDE:
                    raise _refuse("document_kind", _("“%(kind)s” do cấp xét duyệt lập, đơn vị không nộp.")
                                  % {"kind": document_kind.name})  # fmt: skip
                if document_kind.per_entry and entry is None:
                    raise _refuse("entry", _("“%(kind)s” là tài liệu của từng đối tượng: chọn đề nghị kèm theo.")
                                  % {"kind": document_kind.name})  # fmt: skip
            stored = store_upload(checked, by=by)
            attachment = DossierAttachment(dossier=dossier, entry=entry, document_kind=document_kind, file=stored,
                                           title=(title or "").strip(), uploaded_by=acting_user(by))  # fmt: skip
            attachment.full_clean()
            attachment.save()
            bump(dossier)
            data = {"attachment": attachment.pk, "side": side, "name": _attachment_name(attachment),
                    "kind": document_kind.code if document_kind else ""}  # fmt: skip
            record_event(dossier, action="attachment_added", by=by, entry=entry, data=data)
            record_action(dossier, code="dossiers.dossier.attachment_added", by=by, data=data)
    except BaseException:
        discard([stored])
        raise
    return attachment


def _added_by_side(attachment: DossierAttachment) -> str | None:
    event = (
        DossierEvent.objects.filter(
            dossier_id=attachment.dossier_id, action="attachment_added", data__attachment=attachment.pk
        )
        .order_by("-id")
        .first()
    )
    return event.data.get("side") if event else None


@transaction.atomic
def remove_attachment(attachment: DossierAttachment, *, by) -> None:
    """Take a document out of the dossier; each side removes only its own, and only while it may add documents.
    The stored file is kept (the timeline names it; a forwarded copy may share it)."""
    dossier = lock(attachment)
    attachment = DossierAttachment.objects.select_related("document_kind", "file", "entry").get(pk=attachment.pk)
    side = rules.document_side(by, dossier)
    added_by = _added_by_side(attachment)
    if side is None or (added_by is not None and added_by != side):
        raise PermissionDenied(_("Bạn không thể gỡ tài liệu này khỏi hồ sơ."))
    data = {"attachment": attachment.pk, "side": side, "name": _attachment_name(attachment)}
    entry = attachment.entry
    with acting_as(by):
        attachment.delete()
        bump(dossier)
        record_event(dossier, action="attachment_removed", by=by, entry=entry, data=data)
        record_action(dossier, code="dossiers.dossier.attachment_removed", by=by, data=data)


# --- The unit's edits -----------------------------------------------------------------------------------------


@transaction.atomic
def update_entry(entry: DossierEntry, *, by, expected_version: int | None = None, **fields) -> DossierEntry:
    """Change an entry's achievement report, posthumous flag or own-council votes: while the dossier is a draft, or
    the entry was returned for completion. Records ``entry_updated`` with the fields changed."""
    dossier, entry = _locked_entry(entry)
    if not rules.can_edit_entry(by, entry):
        if not rules.can_prepare_dossier(by, dossier.unit):
            raise PermissionDenied(_("Bạn không có quyền sửa đề nghị của hồ sơ này."))
        raise ValidationError(
            _("Chỉ sửa được đề nghị khi hồ sơ là dự thảo, hoặc đề nghị bị trả lại để bổ sung (“%(entry)s” đang ở "
              "trạng thái “%(state)s”).") % {"entry": _entry_label(entry), "state": entry.get_state_display()}
        )  # fmt: skip
    check_version(dossier, expected_version)
    if "achievement" in fields:
        fields["achievement"] = (fields["achievement"] or "").strip()
    changed = assign_fields(entry, fields, set(ENTRY_EDIT_FIELDS))
    if not changed:
        return entry
    votes = entry.own_council_votes_for
    if votes is not None and dossier.own_council_present is not None and votes > dossier.own_council_present:
        raise _refuse("own_council_votes_for",
                      _("Số phiếu đồng ý (%(votes)s) không thể nhiều hơn số thành viên dự họp (%(present)s).")
                      % {"votes": votes, "present": dossier.own_council_present})  # fmt: skip
    with acting_as(by):
        entry.full_clean()
        entry.save(update_fields=[*changed, "updated_at"])
        bump(dossier)
        record_event(dossier, action="entry_updated", by=by, entry=entry, data={"fields": changed})
        record_action(entry, code="dossiers.dossierentry.updated", by=by, data={"fields": changed})
    return entry


@transaction.atomic
def record_own_council(dossier: Dossier, *, by, met_on: dt.date, members: int, present: int, notes: str = "",
                       expected_version: int | None = None) -> Dossier:  # fmt: skip
    """The unit's own council (Hội đồng TĐKT cơ sở) met on ``met_on`` with ``present`` of ``members``: what a
    year-end dossier must show before it is submitted."""
    dossier = lock(dossier)
    if not rules.can_prepare_dossier(by, dossier.unit):
        raise PermissionDenied(_("Bạn không có quyền ghi kết quả họp Hội đồng của đơn vị này."))
    if not rules.can_record_own_council(by, dossier):
        raise ValidationError(_("Chỉ ghi kết quả họp Hội đồng của đơn vị khi hồ sơ là dự thảo hoặc bị trả lại."))
    check_version(dossier, expected_version)
    if met_on is None:
        raise _refuse("met_on", _("Nhập ngày họp Hội đồng."))
    if met_on > timezone.localdate():
        raise _refuse("met_on", _("Ngày họp Hội đồng không thể sau hôm nay."))
    if members is None or members < 1:
        raise _refuse("members", _("Số thành viên Hội đồng phải từ 1 trở lên."))
    if present is None or present < 0 or present > members:
        raise _refuse("present", _("Số thành viên dự họp phải từ 0 đến %(members)s.") % {"members": members})
    dossier.own_council_met_on = met_on
    dossier.own_council_members = members
    dossier.own_council_present = present
    dossier.own_council_notes = (notes or "").strip()
    dossier.version += 1
    data = {"met_on": met_on.isoformat(), "members": members, "present": present}
    with acting_as(by):
        dossier.full_clean()
        dossier.save()
        record_event(dossier, action="own_council_recorded", by=by, data=data)
        record_action(dossier, code="dossiers.dossier.own_council_recorded", by=by, data=data)
    return dossier


# --- Submitting -----------------------------------------------------------------------------------------------


def _submission_guard(dossier: Dossier) -> list[DossierEntry]:
    """What submitting and resubmitting require; returns the entries (loaded for the snapshot)."""
    from thidua.dossiers.services import check_authority

    check_authority(dossier.unit, dossier.authority)
    entries = list(
        dossier.entries.select_related("award_type", "person__ethnicity", "unit", "household__unit").order_by("pk")
    )
    if not entries:
        raise _refuse("entries", _("Hồ sơ chưa có đề nghị nào: thêm ít nhất một đề nghị trước khi trình."))
    missing = queries.missing_documents(dossier)
    if missing:
        raise ValidationError({"attachments": [_("Hồ sơ còn thiếu tài liệu:"), *missing]})
    if dossier.kind == DossierKind.YEAR_END and dossier.own_council_met_on is None:
        raise _refuse("own_council_met_on", _("Hồ sơ tổng kết năm cần kết quả họp Hội đồng Thi đua - Khen thưởng "
                                              "của đơn vị trước khi trình."))  # fmt: skip
    return entries


def _freeze_entries(entries: list[DossierEntry]) -> None:
    """At submission: the nominees' snapshot, and their eligibility where it was not computed today."""
    from thidua.eligibility.models import Rule

    take_snapshots(entries)
    # One query tells which award types have a rule at all: the others need no evaluation per entry.
    ruled = Rule.objects.filter(award_code__in={entry.award_type.code for entry in entries})
    codes = set(ruled.values_list("award_code", flat=True))
    refreshed = []
    for entry in entries:
        if entry.award_type.code in codes and not _computed_today(entry.eligibility):
            refresh_eligibility(entry)
            refreshed.append(entry)
    DossierEntry.objects.bulk_update(entries, list(SNAPSHOT_FIELDS), batch_size=500)
    if refreshed:
        DossierEntry.objects.bulk_update(refreshed, ["eligibility"], batch_size=500)


def _not_eligible(entries: list[DossierEntry]) -> list[int]:
    from thidua.eligibility.engine import Status

    return [entry.pk for entry in entries if (entry.eligibility or {}).get("status") == Status.NOT_ELIGIBLE]


@transaction.atomic
def submit(dossier: Dossier, *, by, expected_version: int | None = None) -> Dossier:
    """The unit's head sends the draft to its authority: the nominees are snapshotted, their eligibility stored (an
    unmet condition only warns: the board sees it), and the board is told; its deadline to receive starts."""
    dossier = lock(dossier)
    _precheck("submit", dossier, by=by, expected_version=expected_version)
    entries = _submission_guard(dossier)
    with acting_as(by):
        _freeze_entries(entries)
        dossier.submitted_at = timezone.now()
        dossier.submitted_by = acting_user(by)
        dossier.return_reason = ""
        perform("submit", dossier, by=by, expected_version=expected_version, notify_users=board_people(dossier),
                data={"entries": len(entries), "not_eligible": _not_eligible(entries)})  # fmt: skip
    return dossier


def _returned_baseline(entry: DossierEntry) -> dict:
    event = DossierEvent.objects.filter(entry=entry, action="return_entry").order_by("-id").first()
    return event.data if event else {}


def _attachment_changes(before: Iterable[int], now: dict[int, str], names: dict[int, str]) -> tuple[list, list]:
    before = set(before)
    added = [now[pk] for pk in sorted(set(now) - before)]
    removed = [names.get(pk, _("Tài liệu số %(id)s") % {"id": pk}) for pk in sorted(before - set(now))]
    return added, removed


def _removed_names(dossier: Dossier) -> dict[int, str]:
    """Names of attachments removed from the dossier, from their removal events."""
    events = DossierEvent.objects.filter(dossier=dossier, action="attachment_removed")
    return {event.data.get("attachment"): event.data.get("name", "") for event in events}


def entry_field_label(name: str) -> str:
    """The Vietnamese name of an entry field (for the "fields" of entry_updated events)."""
    return str(DossierEntry._meta.get_field(name).verbose_name)


@transaction.atomic
def resubmit(dossier: Dossier, *, by, expected_version: int | None = None) -> Dossier:
    """The unit sends the completed dossier back: returned entries go back to proposed, each with what changed since
    its return (fields, documents added and removed), and the dossier's event lists every change."""
    dossier = lock(dossier)
    _precheck("resubmit", dossier, by=by, expected_version=expected_version)
    entries = _submission_guard(dossier)
    attachments = {
        attachment.pk: attachment
        for attachment in DossierAttachment.objects.filter(dossier=dossier).select_related("document_kind", "file")
    }
    removed_names = _removed_names(dossier)
    changes = []
    return_event = DossierEvent.objects.filter(dossier=dossier, action="return").order_by("-id").first()
    if return_event is not None:
        now = {pk: _attachment_name(a) for pk, a in attachments.items() if a.entry_id is None}
        added, removed = _attachment_changes(return_event.data.get("attachments", []), now, removed_names)
        if added or removed:
            changes.append({"entry": None, "nominee": "", "fields": [], "added": added, "removed": removed})
    with acting_as(by):
        for entry in entries:
            if entry.state != EntryState.RETURNED:
                continue
            baseline = _returned_baseline(entry)
            fields = [entry_field_label(name) for name in ENTRY_EDIT_FIELDS
                      if name in baseline and baseline[name] != getattr(entry, name)]  # fmt: skip
            now = {pk: _attachment_name(a) for pk, a in attachments.items() if a.entry_id == entry.pk}
            added, removed = _attachment_changes(baseline.get("attachments", []), now, removed_names)
            change = {"entry": entry.pk, "nominee": entry.nominee_name, "fields": fields, "added": added,
                      "removed": removed}  # fmt: skip
            changes.append(change)
            entry.state = EntryState.PROPOSED
            entry.return_reason = ""
            entry.save(update_fields=["state", "return_reason", "updated_at"])
            record_event(dossier, entry=entry, action="resubmit", by=by, from_state=EntryState.RETURNED,
                       data={"changes": [change]})  # fmt: skip
        _freeze_entries(entries)
        dossier.return_reason = ""
        dossier.submitted_at = timezone.now()
        dossier.submitted_by = acting_user(by)
        perform("resubmit", dossier, by=by, expected_version=expected_version, notify_users=board_people(dossier),
                data={"changes": changes})  # fmt: skip
    return dossier


@transaction.atomic
def withdraw(dossier: Dossier, *, by, reason: str, expected_version: int | None = None) -> Dossier:
    """The unit takes its dossier back (with a reason) while no entry has gone beyond proposed or returned."""
    dossier = lock(dossier)
    _precheck("withdraw", dossier, by=by, expected_version=expected_version)
    advanced = list(
        dossier.entries.exclude(state__in=[EntryState.PROPOSED, EntryState.RETURNED]).select_related(
            "award_type", "person", "unit", "household"
        )
    )
    if advanced:
        raise _refuse("entries", _("Không thể rút hồ sơ: đã có đề nghị được xử lý (%(entries)s).")
                      % {"entries": _listed(advanced, states=True)})  # fmt: skip
    told = board_people(dossier) if dossier.state != DossierState.DRAFT else []
    with acting_as(by):
        perform("withdraw", dossier, by=by, reason=reason, expected_version=expected_version, notify_users=told)
    return dossier


# --- The board: return, receive, assign -----------------------------------------------------------------------


@transaction.atomic
def return_entry(entry: DossierEntry, *, by, reason: str, expected_version: int | None = None) -> DossierEntry:
    """The board returns one entry for completion, with its reason; the unit is told when the dossier is returned.
    The entry as it was (achievement, flags, documents) is kept on the event: the resubmission shows what changed."""
    dossier, entry = _locked_entry(entry)
    _precheck("return_entry", entry, by=by, expected_version=expected_version)
    _dossier_state(dossier, OPEN_STATES, TRANSITIONS["return_entry"].label)
    reason = (reason or "").strip()
    data = {name: getattr(entry, name) for name in ENTRY_EDIT_FIELDS}
    data["attachments"] = list(entry.attachments.order_by("pk").values_list("pk", flat=True))
    with acting_as(by):
        perform("return_entry", entry, by=by, reason=reason, expected_version=expected_version, data=data)
        entry.return_reason = reason
        entry.save(update_fields=["return_reason", "updated_at"])
    return entry


@transaction.atomic
def return_dossier(dossier: Dossier, *, by, reason: str = "", expected_version: int | None = None) -> Dossier:
    """The board returns the dossier to the unit: with the entries returned one by one, or a reason for the whole;
    the unit is told and its deadline to resubmit starts."""
    dossier = lock(dossier)
    _precheck("return", dossier, by=by, expected_version=expected_version)
    reason = (reason or "").strip()
    returned = list(dossier.entries.filter(state=EntryState.RETURNED).order_by("pk").values_list("pk", flat=True))
    if not returned and not reason:
        raise _refuse("reason", _("Nhập lý do trả lại hồ sơ, hoặc trả lại từng đề nghị cần bổ sung trước."))
    data = {
        "entries": returned,
        "attachments": list(dossier.attachments.filter(entry__isnull=True).order_by("pk").values_list("pk", flat=True)),
    }
    with acting_as(by):
        dossier.return_reason = reason
        perform("return", dossier, by=by, reason=reason, expected_version=expected_version,
                notify_users=unit_people(dossier), data=data)  # fmt: skip
    return dossier


@transaction.atomic
def receive(dossier: Dossier, *, by, expected_version: int | None = None) -> Dossier:
    """The board accepts the dossier as complete (tiếp nhận): appraisal and its deadline start; the unit is told."""
    dossier = lock(dossier)
    _precheck("receive", dossier, by=by, expected_version=expected_version)
    returned = list(dossier.entries.filter(state=EntryState.RETURNED).select_related("award_type", "person", "unit",
                                                                                     "household"))  # fmt: skip
    if returned:
        raise _refuse("entries", _("Có đề nghị đã bị trả lại (%(entries)s): trả lại hồ sơ để đơn vị bổ sung, không "
                                   "tiếp nhận.") % {"entries": _listed(returned)})  # fmt: skip
    told = unit_people(dossier)
    if dossier.assignee_id and dossier.assignee_id != getattr(by, "pk", None):
        told.append(dossier.assignee)
    with acting_as(by):
        perform("receive", dossier, by=by, expected_version=expected_version, notify_users=told)
    return dossier


def _board_officers(dossier: Dossier) -> list:
    """Users holding board_officer at the authority's unit, each with ``open_load`` (open dossiers assigned) and
    ``same_unit`` (open dossiers of this dossier's unit assigned)."""
    open_dossiers = Q(assigned_dossiers__state__in=OPEN_STATES) & ~Q(assigned_dossiers__pk=dossier.pk)
    roles = RoleAssignment.objects.current().filter(unit_id=dossier.authority.unit_id, role__code="board_officer")
    return list(
        get_user_model()
        .objects.filter(is_active=True, pk__in=roles.values("user_id"))
        .annotate(
            open_load=Count("assigned_dossiers", filter=open_dossiers, distinct=True),
            same_unit=Count(
                "assigned_dossiers", filter=open_dossiers & Q(assigned_dossiers__unit_id=dossier.unit_id), distinct=True
            ),
        )
        .order_by("username")
    )


def automatic_officer(dossier: Dossier):
    """The officer to assign: one already appraising an open dossier of the same unit (the least loaded of them),
    else the least loaded officer; ties by username. None when the board has no officer."""
    officers = _board_officers(dossier)
    if not officers:
        return None
    same_unit = [officer for officer in officers if officer.same_unit]
    pool = same_unit or officers
    return min(pool, key=lambda officer: (officer.open_load, officer.username))


@transaction.atomic
def assign(dossier: Dossier, *, by, officer=None, expected_version: int | None = None) -> Dossier:
    """The head of the board assigns an officer to appraise the dossier — the one given, or automatically by unit and
    load (``automatic_officer``); the officer is told."""
    dossier = lock(dossier)
    _precheck("assign", dossier, by=by, expected_version=expected_version)
    automatic = officer is None
    if automatic:
        officer = automatic_officer(dossier)
        if officer is None:
            raise _refuse("officer", _("Ban Thi đua - Khen thưởng của “%(authority)s” chưa có cán bộ để phân công.")
                          % {"authority": dossier.authority.name})  # fmt: skip
    elif not (officer.is_active and holds_role_at(officer, dossier.authority.unit, BOARD_ROLES)):
        raise _refuse("officer", _("“%(officer)s” không phải cán bộ Ban Thi đua - Khen thưởng của “%(authority)s”.")
                      % {"officer": officer.display_name, "authority": dossier.authority.name})  # fmt: skip
    dossier.assignee = officer
    title = _("Bạn được phân công thẩm định hồ sơ “%(dossier)s”") % {"dossier": dossier.title}
    with acting_as(by):
        perform("assign", dossier, by=by, expected_version=expected_version, notify_users=[officer],
                notify_title=title, data={"officer": officer.pk, "officer_name": officer.display_name,
                                          "automatic": automatic})  # fmt: skip
    return dossier


# --- The board: appraise, approve, reject, close --------------------------------------------------------------


@transaction.atomic
def appraise(entry: DossierEntry, *, by, recommendation: str, notes: str = "",
             expected_version: int | None = None) -> DossierEntry:  # fmt: skip
    """The officer records the appraisal of an entry once every checklist item is checked: a recommendation (propose
    or not) and notes."""
    from thidua.dossiers.checks import ensure_checks

    dossier, entry = _locked_entry(entry)
    _precheck("appraise", entry, by=by, expected_version=expected_version)
    _dossier_state(dossier, [DossierState.RECEIVED], TRANSITIONS["appraise"].label)
    if recommendation not in Recommendation.values:
        raise _refuse("recommendation", _("Chọn ý kiến thẩm định: đề nghị khen thưởng hoặc không đề nghị."))
    unchecked = [check.get_item_display() for check in ensure_checks(entry) if check.ok is None]
    if unchecked:
        raise _refuse("checks", _("“%(entry)s” chưa kiểm tra xong: %(items)s.")
                      % {"entry": _entry_label(entry), "items": ", ".join(unchecked)})  # fmt: skip
    with acting_as(by):
        perform("appraise", entry, by=by, expected_version=expected_version,
                data={"recommendation": recommendation})  # fmt: skip
        entry.recommendation = recommendation
        entry.appraisal_notes = (notes or "").strip()
        entry.appraised_by = acting_user(by)
        entry.appraised_at = timezone.now()
        entry.save(update_fields=["recommendation", "appraisal_notes", "appraised_by", "appraised_at", "updated_at"])
    return entry


def _consultation_ended(entry: DossierEntry) -> bool:
    consultation = entry.consultation
    if consultation is None:
        return False
    return consultation.state == ConsultationState.CLOSED or consultation.ends_on < timezone.localdate()


@transaction.atomic
def approve(entry: DossierEntry, *, by, expected_version: int | None = None) -> DossierEntry:
    """The head of the board approves an entry the authority may grant itself, once appraised with a proposal, voted
    by the council when its award type needs one, and after its public consultation when one is required."""
    dossier, entry = _locked_entry(entry)
    _precheck("approve", entry, by=by, expected_version=expected_version)
    _dossier_state(dossier, [DossierState.RECEIVED], TRANSITIONS["approve"].label)
    award_type = entry.award_type
    label = _entry_label(entry)
    if not can_grant(dossier.authority, award_type):
        raise _refuse("entry", _("“%(award)s” vượt thẩm quyền của “%(authority)s”: trình cấp trên.")
                      % {"award": award_type.name, "authority": dossier.authority.name})  # fmt: skip
    if entry.recommendation != Recommendation.PROPOSE:
        raise _refuse(
            "recommendation", _("“%(entry)s” không có ý kiến thẩm định đề nghị khen thưởng.") % {"entry": label}
        )
    if award_type.council_body == CouncilBody.COUNCIL and entry.state != EntryState.VOTED:
        raise _refuse("entry", _("“%(entry)s” cần Hội đồng Thi đua - Khen thưởng bỏ phiếu trước khi duyệt.")
                      % {"entry": label})  # fmt: skip
    if award_type.needs_public_consultation and not _consultation_ended(entry):
        raise _refuse("consultation", _("“%(entry)s” cần công khai, lấy ý kiến Nhân dân và hết thời hạn công khai "
                                        "trước khi duyệt.") % {"entry": label})  # fmt: skip
    with acting_as(by):
        perform("approve", entry, by=by, expected_version=expected_version)
    return entry


@transaction.atomic
def reject(entry: DossierEntry, *, by, reason: str, expected_version: int | None = None) -> DossierEntry:
    """The authority does not grant the entry (with its reason); the unit is told. A copy forwarded from below is
    mirrored onto the original (``forwarding.propagate``)."""
    dossier, entry = _locked_entry(entry)
    _precheck("reject", entry, by=by, expected_version=expected_version)
    _dossier_state(dossier, [DossierState.RECEIVED], TRANSITIONS["reject"].label)
    reason = (reason or "").strip()
    title = _("Không duyệt đề nghị “%(entry)s”") % {"entry": _entry_label(entry)}
    with acting_as(by):
        perform("reject", entry, by=by, reason=reason, expected_version=expected_version,
                notify_users=unit_people(dossier), notify_title=title)  # fmt: skip
        entry.decision_reason = reason
        entry.save(update_fields=["decision_reason", "updated_at"])
        if entry.forwarded_from_id:
            from thidua.dossiers.forwarding import propagate

            propagate(entry, by=by)
    return entry


@transaction.atomic
def close(dossier: Dossier, *, by, expected_version: int | None = None) -> Dossier:
    """The head of the board closes a dossier whose every entry is done here (decided, rejected or forwarded)."""
    dossier = lock(dossier)
    _precheck("close", dossier, by=by, expected_version=expected_version)
    pending = list(dossier.entries.exclude(state__in=FINAL_ENTRY_STATES).select_related("award_type", "person", "unit",
                                                                                        "household"))  # fmt: skip
    if pending:
        raise _refuse("entries", _("Chưa thể kết thúc hồ sơ: còn đề nghị chưa xử lý xong (%(entries)s).")
                      % {"entries": _listed(pending, states=True)})  # fmt: skip
    with acting_as(by):
        dossier.closed_at = timezone.now()
        perform("close", dossier, by=by, expected_version=expected_version, notify_users=unit_people(dossier))
    return dossier
