"""Every write to decisions: drafting from approved entries, editing a draft, signing, recording a decision signed
elsewhere, and drafting an amendment or a revocation of a signed one.

Each function runs in one transaction with the acting user as ``by``, checked with ``thidua.accounts.rules`` at the
unit where the authority sits (its own people, not its parents'), before anything about the data is said. Bad input is
a Vietnamese ``ValidationError`` naming the field or the row; a refused step writes nothing.

Signing (``sign``) is the step that matters: under the decision's row lock it numbers the decision (from the
register's counter, or the clerk's number checked against the register), settles the money, creates the awards in the
history, moves the entries to "decided", marks the awards an amendment or a revocation replaces, gives the
certificates their register numbers — all or nothing. From then on the decision, its items and its awards are fixed
(model ``save`` and database triggers, migration 0002).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import (
    BOARD_ROLES,
    CLERK_ROLES,
    DECISION_DRAFT_ROLES,
    DOSSIER_ROLES,
    SIGNER_ROLES,
    holds_role_at,
)
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, AwardKind, AwardType, CommendationKind, LegalRegime
from thidua.core.uploads import discard, store_upload, validate_upload
from thidua.core.writes import acting_user, assign, page_url
from thidua.decisions import money, numbering, rules
from thidua.decisions.enums import DecisionKind, DecisionOrigin, DecisionState, Numbering, RegisterKind
from thidua.decisions.models import Certificate, CertificateLayout, Decision, DecisionItem, Register
from thidua.dossiers import transitions
from thidua.dossiers.enums import DossierKind, EntryState
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.records.models import Award

PDF = frozenset({"pdf"})
SUBJECT_LENGTH = 500
# What a draft's header may change (update_decision, draft_decision's **fields).
DRAFT_FIELDS = {"subject", "legal_basis", "proposal", "executors", "recipients", "commendation_kind", "movement",
                "signing_capacity", "signer_position", "signer_name"}  # fmt: skip
# What the decision's kind of commendation is, from the kind of the dossiers it decides (Law Art. 8).
COMMENDATION_OF_DOSSIER = {
    DossierKind.YEAR_END: CommendationKind.MERIT, DossierKind.MOVEMENT: CommendationKind.MOVEMENT,
    DossierKind.AD_HOC: CommendationKind.AD_HOC, DossierKind.SERVICE: CommendationKind.SERVICE,
    DossierKind.FOREIGN: CommendationKind.FOREIGN,
}  # fmt: skip
# The law that organises the authority's power to decide (Luật Tổ chức chính quyền địa phương 2025, in force
# 01/7/2025): the first basis of every decision of a local authority.
LOCAL_GOVERNMENT_BASIS = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
# Items copied from the entry: the recipient as the entry's snapshot keeps them.
SNAPSHOT_FIELDS = ("recipient_name", "gender", "birth_year", "ethnicity_name", "is_minority", "is_direct_worker",
                   "position_category", "position", "unit_name")  # fmt: skip
# What an amendment may correct on an award (besides the award type, by ``award_code``).
AMENDABLE_FIELDS = {"recipient_name", "position", "unit_name", "achievement", "posthumous", "gender", "birth_year",
                    "ethnicity_name"}  # fmt: skip
# Certificate codes: no 0/O, 1/I look-alikes (read aloud, typed from paper).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12

ACTION_LABELS = {
    "decisions.decision.drafted": gettext_lazy("Lập dự thảo quyết định"),
    "decisions.decision.updated": gettext_lazy("Sửa dự thảo quyết định"),
    "decisions.decision.entries_added": gettext_lazy("Thêm đề nghị vào dự thảo quyết định"),
    "decisions.decision.item_removed": gettext_lazy("Bỏ người, tập thể khỏi dự thảo quyết định"),
    "decisions.decision.deleted": gettext_lazy("Xóa dự thảo quyết định"),
    "decisions.decision.signed": gettext_lazy("Ký ban hành quyết định"),
    "decisions.decision.recorded": gettext_lazy("Ghi nhận quyết định đã ban hành"),
    "decisions.decision.amendment_drafted": gettext_lazy("Lập dự thảo quyết định điều chỉnh, hủy bỏ"),
}
for _code, _label in ACTION_LABELS.items():
    register_action_label(_code, _label)


def new_code() -> str:
    """A certificate's verification code: 12 random characters of a 32-letter alphabet (60 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# --- Small helpers --------------------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _require(by, authority: Authority, roles: frozenset[str], message: str) -> None:
    if not holds_role_at(by, authority.unit, roles):
        raise PermissionDenied(message % {"authority": authority.name})


def _entry_label(entry: DossierEntry) -> str:
    return f"{entry.nominee_name} – {entry.award_type.name}"


def _item_label(item: DecisionItem) -> str:
    return f"{item.recipient_name} – {item.award_type.name}"


def _lock(decision: Decision) -> Decision:
    locked = Decision.objects.select_for_update(of=("self",))
    return locked.select_related("authority__unit", "authority__kind", "register").get(pk=decision.pk)


def _draft_only(decision: Decision) -> None:
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã ký ban hành không được sửa, xóa; hãy lập quyết định điều chỉnh hoặc "
                                "hủy bỏ."))  # fmt: skip


def _check_version(decision: Decision, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != decision.version:
        raise ValidationError(
            _("Quyết định “%(decision)s” vừa được người khác cập nhật. Tải lại trang rồi thao tác lại.")
            % {"decision": decision.subject}
        )


def _bump(decision: Decision) -> None:
    decision.version += 1
    decision.save(update_fields=["version", "updated_at"])


def _users_holding(unit_ids: Iterable[int], roles: frozenset[str]) -> list:
    assignments = RoleAssignment.objects.current().filter(unit_id__in=set(unit_ids), role__code__in=roles)
    return list(get_user_model().objects.filter(is_active=True, roles__in=assignments).distinct())


# --- Defaults of a new draft ----------------------------------------------------------------------------------


def _joined(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s và %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def default_subject(award_types: Iterable[AwardType], *, posthumous: bool = False,
                    authority: Authority | None = None) -> str:  # fmt: skip
    """ "Về việc tặng Bằng khen …" (forms, named as ``authority`` grants them), "Về việc công nhận danh hiệu …"
    (titles), "truy tặng" when every item is posthumous."""
    forms: list[str] = []
    titles: list[str] = []
    for award_type in award_types:
        names = titles if award_type.kind == AwardKind.TITLE else forms
        name = award_type.name_given_by(authority)
        if name not in names:
            names.append(name)
    verb = _("truy tặng") if posthumous else _("tặng")
    parts = []
    if forms:
        parts.append(f"{verb} {_joined(forms)}")
    if titles:
        parts.append(_("công nhận danh hiệu %(titles)s") % {"titles": _joined(titles)})
    return (_("Về việc %(what)s") % {"what": _(" và ").join(parts)})[:SUBJECT_LENGTH]


def default_legal_basis(on: dt.date | None = None) -> str:
    """One "Căn cứ …;" line per instrument of the regime in force (LegalRegime.instruments, split on ";"), after the
    Law on local government."""
    on = on or timezone.localdate()
    lines = [LOCAL_GOVERNMENT_BASIS]
    regime = LegalRegime.objects.in_force(on).order_by("-valid_from").first()
    if regime is not None:
        for part in regime.instruments.split(";"):
            # "(hiệu lực 01/7/2025)" is the catalog's note, not part of the instrument's name.
            part = re.sub(r"\s*\((?:hiệu lực|hết hiệu lực)[^)]*\)", "", part).strip().rstrip(".").strip()
            if part:
                lines.append(_("Căn cứ %(instrument)s;") % {"instrument": part})
    return "\n".join(lines)


def _draft_defaults(authority: Authority, entries: list[DossierEntry]) -> dict[str, Any]:
    dossiers = {entry.dossier_id: entry.dossier for entry in entries}.values()
    kinds = {COMMENDATION_OF_DOSSIER.get(dossier.kind, CommendationKind.MERIT) for dossier in dossiers}
    movements = {dossier.movement_id for dossier in dossiers}
    units = []
    for dossier in dossiers:
        if dossier.unit.name not in units:
            units.append(dossier.unit.name)
    # Điều 3: the issuing body's office and board, the heads of the submitting units and the recipients.
    executors = _(
        "Chánh Văn phòng, Trưởng Ban Thi đua - Khen thưởng, Thủ trưởng %(units)s và các cá nhân, tập thể có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này."
    ) % {"units": _joined(units)}
    return {
        "legal_basis": default_legal_basis(),
        "proposal": _("Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng."),
        "executors": executors,
        "recipients": _("Như Điều 3;\nLưu: VT, TĐKT."),
        "signer_position": authority.signer_title,
        "commendation_kind": kinds.pop() if len(kinds) == 1 else CommendationKind.MERIT,
        "movement": next(iter(dossiers)).movement if len(movements) == 1 and None not in movements else None,
    }


# --- Entries into items ---------------------------------------------------------------------------------------


def _load_entries(entries: Iterable[DossierEntry]) -> list[DossierEntry]:
    ids = [getattr(entry, "pk", entry) for entry in entries]
    found = (
        DossierEntry.objects.filter(pk__in=ids)
        .select_related("dossier__unit", "dossier__authority", "dossier__movement", "award_type", "person", "unit",
                        "household")
    )  # fmt: skip

    def order(entry: DossierEntry):
        kind = 0 if entry.person_id else 1 if entry.unit_id else 2
        return (entry.award_type.sort_order, entry.award_type.code, kind, entry.dossier_id, entry.pk)

    return sorted(found, key=order)


def _check_entries(authority: Authority, entries: list[DossierEntry], *, decision: Decision | None = None) -> None:
    from thidua.dossiers.workflow import can_grant

    if not entries:
        raise _refuse("entries", _("Chọn ít nhất một đề nghị đã được duyệt."))
    problems = []
    for entry in entries:
        label = _entry_label(entry)
        if entry.dossier.authority_id != authority.pk:
            problems.append(_("“%(entry)s” không trình “%(authority)s”.") % {"entry": label,
                                                                           "authority": authority.name})  # fmt: skip
        elif entry.state != EntryState.APPROVED:
            problems.append(_("“%(entry)s” đang ở trạng thái “%(state)s”, chưa được duyệt.")
                            % {"entry": label, "state": entry.get_state_display()})  # fmt: skip
        elif not can_grant(authority, entry.award_type):
            problems.append(_("“%(award)s” vượt thẩm quyền của “%(authority)s”.")
                            % {"award": entry.award_type.name, "authority": authority.name})  # fmt: skip
    taken = DecisionItem.objects.filter(entry__in=entries).select_related("decision")
    if decision is not None:
        taken = taken.exclude(decision=decision)
    for item in taken:
        problems.append(_("“%(entry)s” đã có trong quyết định “%(decision)s”.")
                        % {"entry": _item_label(item), "decision": item.decision})  # fmt: skip
    if problems:
        raise _refuse("entries", " ".join(problems))


def _item_from_entry(decision: Decision, entry: DossierEntry, sort_order: int) -> DecisionItem:
    from thidua.records.services import recipient_snapshot, subject_period_kind

    year = entry.dossier.year or timezone.localdate().year
    item = DecisionItem(
        decision=decision, entry=entry, person=entry.person, unit=entry.unit, household=entry.household,
        award_type=entry.award_type, year=year, achievement=entry.achievement, posthumous=entry.posthumous,
        sort_order=sort_order,
        period_kind=subject_period_kind(entry.person or entry.unit or entry.household, year),
    )  # fmt: skip
    if entry.recipient_name:
        snapshot = {name: getattr(entry, name) for name in SNAPSHOT_FIELDS}
    else:  # never submitted (cannot be approved without it), kept for safety
        snapshot = recipient_snapshot(person=entry.person, unit=entry.unit, household=entry.household,
                                      on=timezone.localdate())  # fmt: skip
    for name, value in snapshot.items():
        setattr(item, name, value)
    return item


def _save_items(items: list[DecisionItem]) -> None:
    for item in items:
        item.full_clean(exclude=["decision"])
        item.save()


# --- Drafts ---------------------------------------------------------------------------------------------------


@transaction.atomic
def draft_decision(*, by, authority: Authority, entries: Iterable[DossierEntry], subject: str = "",
                   **fields) -> Decision:  # fmt: skip
    """A draft decision of ``authority`` granting the approved entries addressed to it (one item each, with the
    nominee's snapshot taken at submission), with the usual header filled in: subject, legal bases, proposal,
    executors, recipients, the signer's title and the kind of commendation of the dossiers."""
    _require(by, authority, DECISION_DRAFT_ROLES, _("Bạn không có quyền lập quyết định của “%(authority)s”."))
    entries = _load_entries(entries)
    _check_entries(authority, entries)
    defaults = _draft_defaults(authority, entries)
    decision = Decision(authority=authority, register=numbering.default_register(authority, RegisterKind.DECISION),
                        kind=DecisionKind.AWARD, origin=DecisionOrigin.SYSTEM, created_by=acting_user(by),
                        **defaults)  # fmt: skip
    assign(decision, fields, DRAFT_FIELDS)
    decision.subject = (subject or "").strip() or default_subject(
        [entry.award_type for entry in entries],
        posthumous=all(entry.posthumous for entry in entries),
        authority=authority,
    )
    with acting_as(by):
        decision.full_clean()
        decision.save()
        try:
            with transaction.atomic():
                _save_items([_item_from_entry(decision, entry, order) for order, entry in enumerate(entries, 1)])
        except IntegrityError:  # another draft took one of the entries meanwhile
            _check_entries(authority, entries, decision=decision)
            raise
        record_action(decision, code="decisions.decision.drafted", by=by,
                      data={"entries": [entry.pk for entry in entries]})  # fmt: skip
    return decision


@transaction.atomic
def update_decision(decision: Decision, *, by, expected_version: int | None = None, **fields) -> Decision:
    """Change a draft's header (subject, bases, proposal, executors, recipients, signer, kind of commendation)."""
    decision = _lock(decision)
    _require(by, decision.authority, DECISION_DRAFT_ROLES, _("Bạn không có quyền sửa quyết định của “%(authority)s”."))
    _draft_only(decision)
    _check_version(decision, expected_version)
    if "subject" in fields:
        fields["subject"] = (fields["subject"] or "").strip()
        if not fields["subject"]:
            raise _refuse("subject", _("Nhập trích yếu của quyết định."))
    changed = assign(decision, fields, DRAFT_FIELDS)
    if changed:
        with acting_as(by):
            decision.version += 1
            decision.full_clean()
            decision.save()
            record_action(decision, code="decisions.decision.updated", by=by, data={"fields": sorted(changed)})
    return decision


@transaction.atomic
def add_entries(decision: Decision, *, by, entries: Iterable[DossierEntry],
                expected_version: int | None = None) -> Decision:  # fmt: skip
    """Add more approved entries to a draft award decision."""
    decision = _lock(decision)
    _require(by, decision.authority, DECISION_DRAFT_ROLES, _("Bạn không có quyền sửa quyết định của “%(authority)s”."))
    _draft_only(decision)
    _check_version(decision, expected_version)
    if decision.kind != DecisionKind.AWARD or decision.origin != DecisionOrigin.SYSTEM:
        raise _refuse("entries", _("Chỉ thêm đề nghị vào quyết định khen thưởng lập trên hệ thống."))
    entries = _load_entries(entries)
    _check_entries(decision.authority, entries, decision=decision)
    present = set(decision.items.values_list("entry_id", flat=True))
    entries = [entry for entry in entries if entry.pk not in present]
    last = decision.items.aggregate(last=Max("sort_order"))["last"] or 0
    with acting_as(by):
        _save_items([_item_from_entry(decision, entry, last + order) for order, entry in enumerate(entries, 1)])
        _bump(decision)
        record_action(decision, code="decisions.decision.entries_added", by=by,
                      data={"entries": [entry.pk for entry in entries]})  # fmt: skip
    return decision


@transaction.atomic
def remove_item(item: DecisionItem, *, by, expected_version: int | None = None) -> None:
    """Take one line out of a draft (its entry becomes free for another decision)."""
    decision = _lock(item.decision)
    _require(by, decision.authority, DECISION_DRAFT_ROLES, _("Bạn không có quyền sửa quyết định của “%(authority)s”."))
    _draft_only(decision)
    _check_version(decision, expected_version)
    item = DecisionItem.objects.select_related("award_type").get(pk=item.pk, decision=decision)
    if decision.items.count() <= 1:
        raise _refuse("items", _("Quyết định phải có ít nhất một người, tập thể; hãy xóa dự thảo nếu không dùng."))
    with acting_as(by):
        data = {"item": item.pk, "entry": item.entry_id, "recipient": _item_label(item)}
        item.delete()
        _bump(decision)
        record_action(decision, code="decisions.decision.item_removed", by=by, data=data)


@transaction.atomic
def delete_draft(decision: Decision, *, by) -> None:
    """Delete a draft (its entries become free for another decision). The audit row stays on the authority."""
    decision = _lock(decision)
    _require(by, decision.authority, DECISION_DRAFT_ROLES, _("Bạn không có quyền xóa quyết định của “%(authority)s”."))
    _draft_only(decision)
    with acting_as(by):
        record_action(decision.authority, code="decisions.decision.deleted", by=by,
                      data={"decision": decision.pk, "subject": decision.subject})  # fmt: skip
        decision.items.all().delete()
        decision.delete()


# --- Signing --------------------------------------------------------------------------------------------------


def _same_symbol(left: str, right: str) -> bool:
    def norm(text: str) -> str:
        return unicodedata.normalize("NFC", re.sub(r"\s+", "", text)).casefold()

    return norm(left) == norm(right)


def parse_number(register: Register, number_text: str) -> int:
    """The number of "3998/QĐ-UBND" in ``register``: the leading integer; the symbol must be the register's."""
    text = (number_text or "").strip()
    if not text:
        raise _refuse("number_text", _("Nhập số, ký hiệu của quyết định do văn thư cấp, ví dụ 123/%(symbol)s.")
                      % {"symbol": register.symbol})  # fmt: skip
    match = re.fullmatch(r"(?:Số:?\s*)?0*(\d{1,9})\s*/\s*(\S.*)", text, flags=re.IGNORECASE)
    if match is None or int(match.group(1)) == 0:
        raise _refuse("number_text", _("Số, ký hiệu “%(text)s” không đúng dạng “số/ký hiệu”, ví dụ 123/%(symbol)s.")
                      % {"text": text, "symbol": register.symbol})  # fmt: skip
    if not _same_symbol(match.group(2), register.symbol):
        raise _refuse("number_text", _("Ký hiệu “%(given)s” không phải ký hiệu của sổ “%(register)s” (%(symbol)s).")
                      % {"given": match.group(2), "register": register.name, "symbol": register.symbol})  # fmt: skip
    return int(match.group(1))


def _signing_day(signed_on: dt.date | None) -> dt.date:
    today = timezone.localdate()
    if signed_on is None:
        return today
    if not isinstance(signed_on, dt.date) or isinstance(signed_on, dt.datetime):
        raise _refuse("signed_on", _("Nhập ngày ký quyết định."))
    if signed_on > today:
        raise _refuse("signed_on", _("Ngày ký không được sau ngày hôm nay."))
    return signed_on


def _lock_entries(items: list[DecisionItem]) -> dict[int, DossierEntry]:
    """Lock the dossiers of the items' entries (in id order, as every signing does: no deadlock) and re-read the
    entries under the locks."""
    dossier_ids = sorted({item.entry.dossier_id for item in items if item.entry_id})
    dossiers = {}
    for dossier_id in dossier_ids:
        dossiers[dossier_id] = Dossier.objects.select_for_update(of=("self",)).select_related(
            "authority__unit", "unit").get(pk=dossier_id)  # fmt: skip
    entries = {}
    for entry in DossierEntry.objects.filter(pk__in=[item.entry_id for item in items if item.entry_id]).select_related(
        "award_type", "person", "unit", "household"
    ):
        entry.dossier = dossiers[entry.dossier_id]
        entries[entry.pk] = entry
    return entries


def _number(decision: Decision, register: Register, *, by, signed_on: dt.date, number_text: str) -> tuple[int, str]:
    if register.numbering == Numbering.INTERNAL:
        number = numbering.allocate(register, signed_on.year)
        return number, register.format_number(number)
    number = parse_number(register, number_text)
    # The clerk's book: a number once per register and year (the unique constraint stands behind this check).
    Register.objects.select_for_update().filter(pk=register.pk).first()
    used = Decision.objects.filter(register=register, number_year=signed_on.year, number=number).exclude(pk=decision.pk)
    if used.exists():
        raise _refuse("number_text", _("Số %(number)s đã được dùng trong “%(register)s” năm %(year)s.")
                      % {"number": register.format_number(number), "register": register.name,
                         "year": signed_on.year})  # fmt: skip
    return number, register.format_number(number)


def _grant(decision: Decision, item: DecisionItem, *, by, number_text: str, signed_on: dt.date) -> Award | None:
    from thidua.records.services import create_decided_award

    if item.revokes_id:
        return None
    snapshot = {name: getattr(item, name) for name in SNAPSHOT_FIELDS}
    # A title (danh hiệu thi đua) is the year's merit whatever the dossier it came in: it always counts toward the
    # merit chains (CSTĐCS years for Bằng khen, LĐTT years for CSTĐCS); forms take the decision's kind.
    kind = CommendationKind.MERIT if item.award_type.kind == AwardKind.TITLE else decision.commendation_kind
    return create_decided_award(
        by=by, award_type=item.award_type, year=item.year, period_kind=item.period_kind, person=item.person,
        unit=item.unit, household=item.household, commendation_kind=kind,
        decision_number=number_text, decision_date=signed_on, authority=decision.authority,
        achievement=item.achievement, posthumous=item.posthumous, snapshot=snapshot,
    )  # fmt: skip


def _mark_revoked(award_id: int, *, number_text: str, signed_on: dt.date, label: str) -> None:
    award = Award.objects.select_for_update().get(pk=award_id)
    if award.revoked_on is not None:
        raise _refuse("items", _("Khen thưởng “%(award)s” đã bị hủy bỏ, thay thế theo quyết định %(reference)s.")
                      % {"award": label, "reference": award.revoked_reference})  # fmt: skip
    award.revoked_on = signed_on
    award.revoked_reference = number_text
    award.save(update_fields=["revoked_on", "revoked_reference", "updated_at"])


def _certificates(decision: Decision, items: list[DecisionItem], *, signed_on: dt.date) -> list[Certificate]:
    """One certificate per granted item whose award type has an active layout, numbered in one block of the
    authority's certificate register."""
    codes: set[str] = set()
    for layout_codes in CertificateLayout.objects.filter(is_active=True).values_list("award_codes", flat=True):
        codes.update(layout_codes or [])
    printed = [item for item in items if item.award_id and item.award_type.code in codes]
    if not printed:
        return []
    register = numbering.default_register(decision.authority, RegisterKind.CERTIFICATE)
    first = numbering.allocate(register, signed_on.year, len(printed))
    certificates = []
    for offset, item in enumerate(printed):
        serial = first + offset
        certificate = Certificate(decision_item=item, award=item.award, register=register, serial_number=serial,
                                  serial_year=signed_on.year, serial_text=register.format_number(serial),
                                  code=new_code())  # fmt: skip
        certificate.save()
        certificates.append(certificate)
    return certificates


def _told_of(decision: Decision, dossiers: Iterable[Dossier]) -> list:
    users = _users_holding([decision.authority.unit_id], BOARD_ROLES)
    unit_ids = {dossier.unit_id for dossier in dossiers}
    users += _users_holding(unit_ids, DOSSIER_ROLES)
    return users


def _notify_signed(decision: Decision, dossiers: Iterable[Dossier]) -> None:
    from thidua.notifications.services import notify

    title = _("Quyết định số %(number)s ngày %(day)s: %(subject)s") % {
        "number": decision.number_text, "day": _day(decision.signed_on), "subject": decision.subject,
    }  # fmt: skip
    notify(_told_of(decision, dossiers), code="decisions.decision", title=title,
           url=page_url("decisions:detail", decision.pk))  # fmt: skip


def sign(decision: Decision, *, by, expected_version: int | None = None, signed_on: dt.date | None = None,
         number_text: str = "", signed_file=None) -> Decision:  # fmt: skip
    """Sign (internal register: the signer; the number comes from the register) or record the signing (external
    register: the clerk enters the number and date from the authority's book and uploads the signed PDF).

    One transaction: the number, the money, the awards, the entries decided, the awards an amendment or revocation
    replaces marked, the certificates numbered. A failure anywhere leaves nothing (and the number unused)."""
    checked = validate_upload(signed_file, allowed=PDF, field="signed_file") if signed_file is not None else None
    stored = None
    try:
        with transaction.atomic(), acting_as(by):
            decision = _lock(decision)
            register = decision.register
            authority = decision.authority
            if register.numbering == Numbering.INTERNAL:
                _require(by, authority, SIGNER_ROLES, _("Chỉ người có thẩm quyền ký của “%(authority)s” được ký "
                                                        "quyết định này."))  # fmt: skip
            else:
                _require(by, authority, CLERK_ROLES, _("Chỉ văn thư hoặc người ký của “%(authority)s” được ghi nhận "
                                                       "số, ngày ký của quyết định này."))  # fmt: skip
            _draft_only(decision)
            _check_version(decision, expected_version)
            items = list(decision.items.select_related("award_type__regime", "entry", "person", "unit", "household")
                         .order_by("sort_order", "pk"))  # fmt: skip
            if not items:
                raise _refuse("items", _("Quyết định chưa có người, tập thể nào được khen thưởng."))
            signed_on = _signing_day(signed_on)
            if register.numbering == Numbering.EXTERNAL and checked is None:
                raise _refuse("signed_file", _("Tải lên bản quyết định đã ký (PDF)."))
            entries = _lock_entries(items)
            not_approved = [entry for entry in entries.values() if entry.state != EntryState.APPROVED]
            if not_approved:
                raise _refuse("items", _("Đề nghị không còn ở trạng thái được duyệt: %(entries)s.") % {
                    "entries": "; ".join(f"{_entry_label(entry)} ({entry.get_state_display()})"
                                         for entry in not_approved)})  # fmt: skip
            number, number_text = _number(decision, register, by=by, signed_on=signed_on, number_text=number_text)
            if checked is not None:
                stored = store_upload(checked, by=by, allowed=PDF, field="signed_file")
            _sign_items(decision, items, entries, by=by, number_text=number_text, signed_on=signed_on)
            decision.state = DecisionState.SIGNED
            decision.number, decision.number_year, decision.number_text = number, signed_on.year, number_text
            decision.signed_on = signed_on
            decision.signed_file = stored or decision.signed_file
            decision.signed_by = acting_user(by)
            decision.signed_at = timezone.now()
            decision.version += 1
            decision.save()
            record_action(decision, code="decisions.decision.signed", by=by,
                          data={"number": number_text, "signed_on": signed_on.isoformat(),
                                "items": len(items)})  # fmt: skip
            _notify_signed(decision, {entry.dossier_id: entry.dossier for entry in entries.values()}.values())
    except BaseException:
        discard([stored])
        raise
    return decision


def _sign_items(decision: Decision, items: list[DecisionItem], entries: dict[int, DossierEntry], *, by,
                number_text: str, signed_on: dt.date, certificates: bool = True) -> None:  # fmt: skip
    """The awards, money and certificates of the items, the old awards marked and the entries decided."""
    money.settle(items, signed_on)
    for item in items:
        item.award = _grant(decision, item, by=by, number_text=number_text, signed_on=signed_on)
        item.save()
    for item in items:
        old = item.replaces_id or item.revokes_id
        if old:
            _mark_revoked(old, number_text=number_text, signed_on=signed_on, label=_item_label(item))
    if certificates:
        _certificates(decision, items, signed_on=signed_on)
    data = {"decision": decision.pk, "number": number_text, "signed_on": signed_on.isoformat()}
    for item in items:
        if not item.entry_id:
            continue
        entry = entries[item.entry_id]
        transitions.perform("decide", entry, by=by, data=data, check_actor=False)
        entry.outcome_reference, entry.outcome_on = number_text, signed_on
        entry.save(update_fields=["outcome_reference", "outcome_on", "updated_at"])
        if entry.forwarded_from_id:
            from thidua.dossiers.forwarding import propagate

            propagate(entry, by=by)


# --- Decisions signed elsewhere -------------------------------------------------------------------------------


def _recorded_item(decision: Decision, spec: dict, order: int, on: dt.date) -> DecisionItem:
    from thidua.records.services import award_type_for, recipient_snapshot, subject_period_kind

    spec = dict(spec)
    entry = spec.pop("entry", None)
    person, unit, household = spec.pop("person", None), spec.pop("unit", None), spec.pop("household", None)
    if entry is not None:
        person, unit, household = entry.person, entry.unit, entry.household
    subjects = [subject for subject in (person, unit, household) if subject is not None]
    if len(subjects) != 1:
        raise _refuse("items", _("Dòng %(row)s: chọn đúng một cá nhân, tập thể hoặc hộ gia đình.") % {"row": order})
    subject = subjects[0]
    code = spec.pop("award_code", "") or (entry.award_type.code if entry is not None else "")
    try:
        award_type = award_type_for(code, on)
    except ValidationError as error:
        message = _("Dòng %(row)s: %(error)s") % {"row": order, "error": " ".join(error.messages)}
        raise _refuse("items", message) from error
    year = spec.pop("year", None) or (entry.dossier.year if entry is not None and entry.dossier.year else on.year)
    item = DecisionItem(
        decision=decision, entry=entry, person=person, unit=unit, household=household, award_type=award_type,
        year=year, period_kind=spec.pop("period_kind", None) or subject_period_kind(subject, year),
        achievement=(spec.pop("achievement", "") or (entry.achievement if entry is not None else "")).strip(),
        posthumous=bool(spec.pop("posthumous", entry.posthumous if entry is not None else False)), sort_order=order,
    )  # fmt: skip
    if entry is not None and entry.recipient_name:
        snapshot = {name: getattr(entry, name) for name in SNAPSHOT_FIELDS}
    else:
        snapshot = recipient_snapshot(person=person, unit=unit, household=household, on=on)
    for name, value in snapshot.items():
        setattr(item, name, value)
    for name in ("recipient_name", "position", "unit_name"):
        if spec.get(name):
            setattr(item, name, spec.pop(name).strip())
    if spec:
        raise ValueError(f"Unknown item fields: {sorted(spec)}")
    return item


def record_decision(*, by, authority: Authority, number_text: str, signed_on: dt.date, items: list[dict],
                    subject: str, signed_file=None, **fields) -> Decision:  # fmt: skip
    """A decision already signed — by an authority outside the deployment (Thủ tướng, Chủ tịch nước) or before the
    system — recorded with its number and date in the authority's register: the awards are created at once.

    ``items``: [{"person" | "unit" | "household", "award_code", "year", "achievement", "posthumous", "entry"?}]; an
    entry given must be approved and addressed to the authority (it is decided)."""
    checked = validate_upload(signed_file, allowed=PDF, field="signed_file") if signed_file is not None else None
    stored = None
    try:
        with transaction.atomic(), acting_as(by):
            if not rules.can_record(by, authority):
                raise PermissionDenied(_("Bạn không có quyền ghi nhận quyết định của “%(authority)s”.")
                                       % {"authority": authority.name})  # fmt: skip
            subject = (subject or "").strip()
            if not subject:
                raise _refuse("subject", _("Nhập trích yếu của quyết định."))
            if not isinstance(signed_on, dt.date):
                raise _refuse("signed_on", _("Nhập ngày ký quyết định."))
            signed_on = _signing_day(signed_on)
            if not items:
                raise _refuse("items", _("Nhập ít nhất một người, tập thể được khen thưởng."))
            register = numbering.default_register(authority, RegisterKind.DECISION)
            decision = Decision(authority=authority, register=register, kind=DecisionKind.AWARD,
                                origin=DecisionOrigin.RECORDED, subject=subject, created_by=acting_user(by),
                                signer_position=authority.signer_title)  # fmt: skip
            assign(decision, {name: value for name, value in fields.items() if name != "subject"}, DRAFT_FIELDS)
            decision.full_clean()
            decision.save()
            built = [_recorded_item(decision, spec, order, signed_on) for order, spec in enumerate(items, 1)]
            given = [item.entry for item in built if item.entry_id]
            if given:
                _check_entries(authority, _load_entries(given), decision=decision)
            _save_items(built)
            items = list(decision.items.select_related("award_type__regime", "entry", "person", "unit", "household")
                         .order_by("sort_order", "pk"))  # fmt: skip
            entries = _lock_entries(items)
            if register.numbering == Numbering.EXTERNAL:
                number, number_text = _number(decision, register, by=by, signed_on=signed_on, number_text=number_text)
            else:
                number, number_text = _record_internal(register, parse_number(register, number_text), signed_on,
                                                       decision)  # fmt: skip
            if checked is not None:
                stored = store_upload(checked, by=by, allowed=PDF, field="signed_file")
            _sign_items(decision, items, entries, by=by, number_text=number_text, signed_on=signed_on,
                        certificates=False)  # fmt: skip
            decision.state = DecisionState.SIGNED
            decision.number, decision.number_year, decision.number_text = number, signed_on.year, number_text
            decision.signed_on, decision.signed_file = signed_on, stored
            decision.signed_by, decision.signed_at = acting_user(by), timezone.now()
            decision.save()
            record_action(
                decision,
                code="decisions.decision.recorded",
                by=by,
                data={"number": number_text, "signed_on": signed_on.isoformat(), "items": len(items)},
            )
            _notify_signed(decision, {entry.dossier_id: entry.dossier for entry in entries.values()}.values())
    except BaseException:
        discard([stored])
        raise
    return decision


def _record_internal(register: Register, number: int, signed_on: dt.date, decision: Decision) -> tuple[int, str]:
    """A number of a book the system keeps, recorded after the fact: refused when used; the counter moves past it
    so the system never gives it again."""
    from thidua.decisions.models import RegisterCounter

    RegisterCounter.objects.bulk_create([RegisterCounter(register=register, year=signed_on.year)],
                                        ignore_conflicts=True)  # fmt: skip
    counter = RegisterCounter.objects.select_for_update().get(register=register, year=signed_on.year)
    used = Decision.objects.filter(register=register, number_year=signed_on.year, number=number).exclude(pk=decision.pk)
    if used.exists():
        raise _refuse("number_text", _("Số %(number)s đã được dùng trong “%(register)s” năm %(year)s.")
                      % {"number": register.format_number(number), "register": register.name,
                         "year": signed_on.year})  # fmt: skip
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    return number, register.format_number(number)


# --- Amendments and revocations -------------------------------------------------------------------------------


def _granted_by(award: Award, decision: Decision) -> DecisionItem:
    item = DecisionItem.objects.filter(award_id=award.pk).select_related("decision", "award_type").first()
    if item is None or item.decision_id != decision.pk:
        raise _refuse("changes", _("Khen thưởng “%(award)s” không thuộc quyết định %(number)s.")
                      % {"award": award, "number": decision.number_text})  # fmt: skip
    return item


def _correcting_item(new: DecisionItem, award: Award, order: int) -> None:
    for name in ("person_id", "unit_id", "household_id", "award_type_id", "period_kind", "year", "achievement",
                 "posthumous", *SNAPSHOT_FIELDS):  # fmt: skip
        setattr(new, name, getattr(award, name))
    new.sort_order = order


def draft_amendment(decision: Decision, *, by, kind: str, changes: list[dict], subject: str = "",
                    reason: str = "") -> Decision:  # fmt: skip
    """A draft decision of the same authority that corrects (``DecisionKind.AMENDMENT``: each change {"award": …,
    corrected fields, "award_code"?} grants a corrected award replacing the old) or revokes
    (``DecisionKind.REVOCATION``: each change {"award": …}) awards of the signed ``decision``."""
    from thidua.records.services import award_type_for

    with transaction.atomic(), acting_as(by):
        decision = Decision.objects.select_related("authority__unit", "register").get(pk=decision.pk)
        authority = decision.authority
        _require(by, authority, DECISION_DRAFT_ROLES, _("Bạn không có quyền lập quyết định của “%(authority)s”."))
        if decision.state != DecisionState.SIGNED:
            raise ValidationError(_("Chỉ điều chỉnh, hủy bỏ quyết định đã ký ban hành."))
        if kind not in (DecisionKind.AMENDMENT, DecisionKind.REVOCATION):
            raise _refuse("kind", _("Chọn loại quyết định: điều chỉnh hoặc hủy bỏ."))
        if not changes:
            raise _refuse("changes", _("Chọn ít nhất một khen thưởng cần điều chỉnh, hủy bỏ."))
        reason = (reason or "").strip()
        revoking = kind == DecisionKind.REVOCATION
        built: list[DecisionItem] = []
        seen: set[int] = set()
        for order, change in enumerate(changes, 1):
            change = dict(change)
            award = Award.objects.get(pk=change.pop("award").pk)
            _granted_by(award, decision)
            if award.pk in seen:
                raise _refuse("changes", _("Khen thưởng “%(award)s” được chọn hai lần.") % {"award": award})
            seen.add(award.pk)
            if award.revoked_on is not None:
                raise _refuse("changes", _("Khen thưởng “%(award)s” đã bị hủy bỏ, thay thế theo quyết định "
                                           "%(reference)s.") % {"award": award,
                                                                "reference": award.revoked_reference})  # fmt: skip
            item = DecisionItem(revokes=award if revoking else None, replaces=None if revoking else award)
            _correcting_item(item, award, order)
            if not revoking:
                code = change.pop("award_code", None)
                if code and code != award.award_code:
                    item.award_type = award_type_for(code, timezone.localdate())
                unknown = set(change) - AMENDABLE_FIELDS
                if unknown:
                    raise ValueError(f"Unknown amendment fields: {sorted(unknown)}")
                for name, value in change.items():
                    setattr(item, name, value.strip() if isinstance(value, str) else value)
            built.append(item)
        if not subject:
            reference = _("Quyết định số %(number)s ngày %(day)s") % {"number": decision.number_text,
                                                                      "day": _day(decision.signed_on)}  # fmt: skip
            if revoking:
                subject = _("Về việc hủy bỏ khen thưởng tại %(reference)s") % {"reference": reference}
            else:
                subject = _("Về việc điều chỉnh %(reference)s") % {"reference": reference}
        proposal = _("Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng.")
        if reason:
            proposal = _("Xét %(reason)s;\n%(proposal)s") % {"reason": reason.rstrip(".;"), "proposal": proposal}
        amendment = Decision(
            authority=authority, register=numbering.default_register(authority, RegisterKind.DECISION), kind=kind,
            origin=DecisionOrigin.SYSTEM, amends=decision, subject=subject.strip()[:SUBJECT_LENGTH],
            legal_basis=default_legal_basis(), proposal=proposal, executors=decision.executors,
            recipients=decision.recipients or _("Như Điều 3;\nLưu: VT, TĐKT."), movement=decision.movement,
            commendation_kind=decision.commendation_kind, signer_position=authority.signer_title,
            created_by=acting_user(by),
        )  # fmt: skip
        amendment.full_clean()
        amendment.save()
        for item in built:
            item.decision = amendment
        _save_items(built)
        record_action(amendment, code="decisions.decision.amendment_drafted", by=by, reason=reason,
                      data={"amends": decision.pk, "kind": kind, "awards": sorted(seen)})  # fmt: skip
    return amendment
