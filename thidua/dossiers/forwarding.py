"""Forwarding entries an authority cannot grant itself to the authority that can (trình cấp trên).

Inside this deployment the entries arrive at the higher authority as a new submitted dossier, linked both ways
(``Dossier.forwarded_from``, ``DossierEntry.forwarded_from`` / ``forwarded_copies``), with the same documents (new
attachment rows on the same stored files). The higher authority works on it like on any dossier; when it rejects
(or, with the decisions issue, decides) a copy, ``propagate`` mirrors the outcome onto the entry it came from.

Outside the deployment (the Prime Minister, the President: authorities seated at an external unit) nobody acts on
the upper dossier here. Forwarding then needs a Word and a PDF file of every document and builds the electronic
package the centre asks for: a zip with ``manifest.json`` and the files under ``documents/``. The entry waits in
"forwarded" until the board records the centre's decision or refusal (``record_outcome``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.rules import BOARD_ROLES
from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, CouncilBody, DocumentKind
from thidua.core.models import StoredFile
from thidua.core.uploads import discard, file_response, safe_filename, store_generated
from thidua.core.writes import acting_user, page_url
from thidua.dossiers import transitions
from thidua.dossiers.enums import (
    FINAL_ENTRY_STATES,
    ConsultationState,
    DossierState,
    EntrySource,
    EntryState,
    Procedure,
    Recommendation,
)
from thidua.dossiers.models import Dossier, DossierAttachment, DossierEntry, DossierEvent
from thidua.dossiers.queries import SIMPLIFIED_DOSSIER_DOCUMENT, SIMPLIFIED_ENTRY_DOCUMENT
from thidua.orgs.models import PATH_SEGMENT

TITLE_LENGTH = 500
MANIFEST_FORMAT = "thidua.dossier-package/1"
PACKAGE_FORMATS = ("pdf", "docx")
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)"}
# The nominee as the entry keeps it (DESIGN.md: snapshotted at submission): copied up and written to the manifest.
SNAPSHOT_FIELDS = ("recipient_name", "gender", "birth_year", "ethnicity_name", "is_minority", "is_direct_worker",
                   "position_category", "position", "unit_name", "snapshot_at")  # fmt: skip

for _code, _label in (
    ("dossiers.dossier.forwarded_in", gettext_lazy("Nhận hồ sơ do cấp dưới trình lên")),
    ("dossiers.dossier.package_built", gettext_lazy("Lập gói hồ sơ điện tử trình cấp trên")),
    ("dossiers.dossier.upstream_closed", gettext_lazy("Kết thúc hồ sơ đã trình cấp trên")),
    ("dossiers.dossierentry.outcome_recorded", gettext_lazy("Ghi nhận kết quả của cấp trên")),
):
    register_action_label(_code, _label)


# --- Where an entry goes --------------------------------------------------------------------------------------


def is_outside(authority: Authority) -> bool:
    """True for an authority outside this deployment (seated at an external unit: the centre)."""
    return bool(authority.unit.is_external)


def target_authority(entry: DossierEntry, *, on: dt.date | None = None) -> Authority | None:
    """The in-force authority that grants the entry's award: the nearest one seated at the current authority's unit
    or an ancestor of it, else any (the central ones sit at external units). None when the catalog has none."""
    on = on or timezone.localdate()
    current = entry.dossier.authority
    kinds = entry.award_type.granting_authority_kinds.all()
    candidates = [
        authority
        for authority in Authority.objects.in_force(on).filter(kind__in=kinds).select_related("kind", "unit")
        if authority.is_in_force(on) and (current is None or authority.pk != current.pk)
    ]
    if not candidates:
        return None
    if current is not None:
        path = current.unit.path
        ancestors = {path[:end]: end for end in range(len(path), 0, -PATH_SEGMENT)}
        above = [authority for authority in candidates if authority.unit.path in ancestors]
        if above:
            return max(above, key=lambda authority: (ancestors[authority.unit.path], -authority.pk))
    return min(candidates, key=lambda authority: authority.pk)


# --- Forwarding -----------------------------------------------------------------------------------------------


def forward(entries: Iterable[DossierEntry], *, by, reason: str = "") -> Dossier:
    """Send entries of one dossier up to the one authority that grants them; return the upper dossier.

    The board head of the current authority forwards entries it cannot grant, once its own procedure is done
    (appraised with a proposal; voted when a council votes; consultation ended when one is required)."""
    stored: list[StoredFile] = []
    try:
        return _forward(list(entries), by=by, reason=reason, stored=stored)
    except BaseException:
        # The transaction rolled back the package's row; its bytes are not in the database.
        discard(stored)
        raise


@transaction.atomic
def _forward(entries: list[DossierEntry], *, by, reason: str, stored: list[StoredFile]) -> Dossier:
    from thidua.dossiers.workflow import can_grant  # workflow imports this module: import when used

    if not entries:
        raise ValidationError({"entries": _("Chọn ít nhất một đề nghị để trình cấp trên.")})
    if len({entry.dossier_id for entry in entries}) != 1:
        raise ValidationError({"entries": _("Chỉ trình cấp trên các đề nghị của cùng một hồ sơ trong một lần.")})
    dossier = transitions.lock(entries[0])
    if not transitions.may(by, "forward", dossier):
        raise PermissionDenied(_("Bạn không có quyền “%(action)s” đối với hồ sơ này.")
                               % {"action": transitions.TRANSITIONS["forward"].label})  # fmt: skip
    entries = list(
        DossierEntry.objects.select_related("award_type", "consultation")
        .filter(pk__in=[entry.pk for entry in entries])
        .order_by("pk")
    )
    for entry in entries:
        entry.dossier = dossier
    if dossier.state != DossierState.RECEIVED:
        raise ValidationError(
            _("Chỉ trình cấp trên từ hồ sơ đã tiếp nhận (hồ sơ “%(dossier)s” đang ở trạng thái “%(state)s”).")
            % {"dossier": dossier.title, "state": dossier.get_state_display()}
        )
    target = None
    for entry in entries:
        _check_entry(entry, can_grant=can_grant)
        found = target_authority(entry)
        if found is None:
            raise ValidationError({"entries": _("Chưa có cấp có thẩm quyền khen thưởng “%(award)s” trong danh mục.")
                                   % {"award": entry.award_type.name}})  # fmt: skip
        if target is not None and found.pk != target.pk:
            raise ValidationError(
                {"entries": _("Các đề nghị được chọn thuộc thẩm quyền của các cấp khác nhau (%(one)s, %(other)s): "
                              "trình từng nhóm.") % {"one": target.name, "other": found.name}}
            )  # fmt: skip
        target = found
    outside = is_outside(target)
    if outside:
        _check_package_files(dossier, entries)
    upper = _upper_dossier(dossier, target, by=by, outside=outside)
    copies = {entry.pk: _copy_entry(entry, upper, by=by) for entry in entries}
    _copy_attachments(dossier, upper, copies, by=by)
    for entry in entries:
        moved = {"to_dossier": upper.pk, "to_entry": copies[entry.pk].pk, "target": target.name}
        transitions.perform("forward", entry, by=by, reason=reason, data=moved)
    data = {"from_dossier": dossier.pk, "from_unit": dossier.unit.name, "entries": [c.pk for c in copies.values()]}
    transitions.record_event(upper, action="forwarded_in", by=by, reason=reason, data=data)
    record_action(upper, code="dossiers.dossier.forwarded_in", by=by, reason=reason, data=data)
    if outside:
        package = _build_package(upper, by=by)
        stored.append(package)
        upper.package = package
        upper.save(update_fields=["package", "updated_at"])
        record_action(upper, code="dossiers.dossier.package_built", by=by,
                      data={"file": str(package.pk), "size": package.size, "sha256": package.sha256})  # fmt: skip
    else:
        _notify_board(upper)
    return upper


def _entry_name(entry: DossierEntry) -> str:
    return f"{entry.nominee_name} – {entry.award_type.name}"


def _check_entry(entry: DossierEntry, *, can_grant) -> None:
    """This level's procedure is done and the award is above its power."""
    award_type, name = entry.award_type, _entry_name(entry)
    if entry.state not in transitions.TRANSITIONS["forward"].sources:
        raise ValidationError({"entries": _("“%(entry)s” đang ở trạng thái “%(state)s”: không trình cấp trên được.")
                               % {"entry": name, "state": entry.get_state_display()}})  # fmt: skip
    if can_grant(entry.dossier.authority, award_type):
        raise ValidationError(
            {"entries": _("“%(entry)s”: %(authority)s có thẩm quyền khen thưởng, không trình cấp trên.")
             % {"entry": name, "authority": entry.dossier.authority.name}}
        )  # fmt: skip
    if entry.recommendation != Recommendation.PROPOSE:
        raise ValidationError({"entries": _("“%(entry)s”: chưa được thẩm định với ý kiến đề nghị khen thưởng.")
                               % {"entry": name}})  # fmt: skip
    if award_type.council_body == CouncilBody.COUNCIL and entry.state != EntryState.VOTED:
        raise ValidationError({"entries": _("“%(entry)s”: Hội đồng Thi đua - Khen thưởng chưa bỏ phiếu đạt.")
                               % {"entry": name}})  # fmt: skip
    if award_type.needs_public_consultation and not _consultation_ended(entry):
        raise ValidationError({"entries": _("“%(entry)s”: chưa kết thúc công khai, lấy ý kiến Nhân dân.")
                               % {"entry": name}})  # fmt: skip


def _consultation_ended(entry: DossierEntry) -> bool:
    consultation = entry.consultation
    if consultation is None:
        return False
    return consultation.state == ConsultationState.CLOSED or consultation.ends_on < timezone.localdate()


def _package_documents(entries: list[DossierEntry]) -> list[tuple[DocumentKind, DossierEntry | None]]:
    """(kind, entry or None) of every document the package needs: dossier-level kinds once, per-entry kinds per
    entry. Unlike submission (``queries.missing_documents``) the kinds the board makes itself (``by_authority``: the
    result of public consultation …) are needed too: the board adds them before forwarding. The simplified procedure
    needs a tờ trình and a summary report per nominee."""
    needed: dict[tuple[int, int | None], tuple[DocumentKind, DossierEntry | None]] = {}
    simplified = entries[0].dossier.procedure == Procedure.SIMPLIFIED
    codes = (SIMPLIFIED_DOSSIER_DOCUMENT, SIMPLIFIED_ENTRY_DOCUMENT)
    kinds_of_simplified = list(DocumentKind.objects.filter(code__in=codes).order_by("pk")) if simplified else []
    for entry in entries:
        kinds = kinds_of_simplified if simplified else list(entry.award_type.required_documents.order_by("pk"))
        for kind in kinds:
            per_entry = kind.code == SIMPLIFIED_ENTRY_DOCUMENT if simplified else kind.per_entry
            owner = entry if per_entry else None
            needed.setdefault((kind.pk, owner.pk if owner else None), (kind, owner))
    return list(needed.values())


def _check_package_files(dossier: Dossier, entries: list[DossierEntry]) -> None:
    """Every required document in Word and in PDF among the dossier's attachments, else the list of what lacks."""
    of_kind: dict[int, set[str]] = {}
    of_entry: dict[tuple[int, int], set[str]] = {}
    rows = DossierAttachment.objects.filter(dossier=dossier, document_kind__isnull=False)
    for kind_id, entry_id, file_kind in rows.values_list("document_kind_id", "entry_id", "file__kind"):
        of_kind.setdefault(kind_id, set()).add(file_kind)
        if entry_id is not None:
            of_entry.setdefault((kind_id, entry_id), set()).add(file_kind)
    missing = []
    for kind, owner in _package_documents(entries):
        found = of_kind.get(kind.pk, set()) if owner is None else of_entry.get((kind.pk, owner.pk), set())
        lacking = [FORMAT_NAMES[name] for name in PACKAGE_FORMATS if name not in found]
        if lacking:
            document = f"“{kind.name}”" if owner is None else f"{owner.nominee_name}: “{kind.name}”"
            formats = _(" và bản ").join(lacking)
            missing.append(_("%(document)s – thiếu bản %(formats)s") % {"document": document, "formats": formats})
    if missing:
        raise ValidationError(
            {"attachments": _("Gói hồ sơ điện tử trình cấp trên cần bản Word (DOCX) và bản PDF của mọi tài liệu. "
                              "Còn thiếu: %(missing)s.") % {"missing": "; ".join(missing)}}
        )  # fmt: skip


def _upper_dossier(dossier: Dossier, target: Authority, *, by, outside: bool) -> Dossier:
    title = _("%(title)s – chuyển %(target)s") % {"title": dossier.title, "target": target.name}
    upper = Dossier(
        unit=dossier.authority.unit, authority=target, kind=dossier.kind, title=title[:TITLE_LENGTH],
        movement=dossier.movement, milestone=dossier.milestone, year=dossier.year, procedure=dossier.procedure,
        state=DossierState.SUBMITTED, created_by=acting_user(by), submitted_at=timezone.now(),
        submitted_by=acting_user(by), forwarded_from=dossier,
        # The centre's own deadlines are not ours to watch: an outside dossier waits without a due date.
        due_on=None if outside else transitions.deadline_after("receive"),
    )  # fmt: skip
    with acting_as(by):
        upper.full_clean()
        upper.save()
    return upper


def _copy_entry(entry: DossierEntry, upper: Dossier, *, by) -> DossierEntry:
    copy = DossierEntry(
        dossier=upper, person_id=entry.person_id, unit_id=entry.unit_id, household_id=entry.household_id,
        award_type=entry.award_type, achievement=entry.achievement, posthumous=entry.posthumous,
        eligibility=entry.eligibility, source=EntrySource.FORWARDED, forwarded_from=entry,
        state=EntryState.PROPOSED, created_by=acting_user(by),
        **{name: getattr(entry, name) for name in SNAPSHOT_FIELDS},
    )  # fmt: skip
    with acting_as(by):
        copy.full_clean()
        copy.save()
    return copy


def _copy_attachments(dossier: Dossier, upper: Dossier, copies: dict[int, DossierEntry], *, by) -> None:
    """The dossier's own documents and those of the forwarded entries, as new rows on the same stored files."""
    rows = DossierAttachment.objects.filter(dossier=dossier).order_by("pk")
    with acting_as(by):
        for attachment in rows:
            if attachment.entry_id is not None and attachment.entry_id not in copies:
                continue
            copy = DossierAttachment(
                dossier=upper, entry=copies.get(attachment.entry_id), document_kind_id=attachment.document_kind_id,
                file_id=attachment.file_id, title=attachment.title, uploaded_by=attachment.uploaded_by,
            )  # fmt: skip
            copy.full_clean()
            copy.save()


def _notify_board(upper: Dossier) -> None:
    from thidua.notifications.services import notify

    body = _("Hạn tiếp nhận: %(day)s.") % {"day": upper.due_on.strftime("%d/%m/%Y")} if upper.due_on else ""
    notify(transitions.board_people(upper), code="dossiers.dossier",
           title=_("Hồ sơ do cấp dưới trình lên: %(dossier)s") % {"dossier": upper.title}, body=body,
           url=page_url("dossiers:detail", upper.pk))  # fmt: skip


# --- The electronic package -------------------------------------------------------------------------------------


def _build_package(upper: Dossier, *, by) -> StoredFile:
    """The zip the centre receives: manifest.json and every document of the upper dossier under documents/."""
    related = ("unit", "authority__kind", "authority__unit", "forwarded_from__unit", "forwarded_from__authority__kind",
               "forwarded_from__authority__unit")  # fmt: skip
    upper = Dossier.objects.select_related(*related).get(pk=upper.pk)
    entries = list(upper.entries.select_related("award_type").order_by("pk"))
    attachments = upper.attachments.select_related("file", "document_kind").order_by("entry_id", "document_kind_id",
                                                                                     "pk")  # fmt: skip
    buffer = io.BytesIO()
    documents = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, attachment in enumerate(attachments, start=1):
            with attachment.file.file.open("rb") as handle:
                data = handle.read()
            kind_code = attachment.document_kind.code if attachment.document_kind else "khac"
            entry_part = f"-de-nghi-{attachment.entry_id}" if attachment.entry_id else ""
            path = f"documents/{number:03d}-{kind_code}{entry_part}.{attachment.file.kind}"
            archive.writestr(path, data)
            documents.append({
                "path": path,
                "kind": kind_code,
                "kind_name": attachment.document_kind.name if attachment.document_kind else "",
                "format": attachment.file.kind,
                "name": attachment.file.name,
                "title": attachment.title,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "entry": attachment.entry_id,
            })  # fmt: skip
        manifest = _manifest(upper, entries, documents)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    data = buffer.getvalue()
    return store_generated(data, name=safe_filename(f"goi-ho-so-{upper.pk}.zip"), kind="zip", by=acting_user(by))


def _authority_data(authority: Authority) -> dict:
    return {"name": authority.name, "kind": authority.kind.code, "kind_name": authority.kind.name,
            "issuing_body": authority.issuing_body, "unit": authority.unit.name}  # fmt: skip


def _manifest(upper: Dossier, entries: list[DossierEntry], documents: list[dict]) -> dict:
    origin = upper.forwarded_from
    return {
        "format": MANIFEST_FORMAT,
        "generated_at": timezone.now().isoformat(),
        "dossier": {
            "id": upper.pk,
            "title": upper.title,
            "kind": upper.kind,
            "kind_name": str(upper.get_kind_display()),
            "year": upper.year,
            "procedure": upper.procedure,
            "submitted_at": _iso(upper.submitted_at),
            "from_dossier": {"id": origin.pk, "title": origin.title, "unit": origin.unit.name} if origin else None,
        },
        "unit": {"code": upper.unit.code, "name": upper.unit.name},
        "authority": _authority_data(origin.authority) if origin and origin.authority_id else None,
        "target": _authority_data(upper.authority),
        "entries": [
            {
                "id": entry.pk,
                "from_entry": entry.forwarded_from_id,
                "award_type": {"code": entry.award_type.code, "name": entry.award_type.name},
                "recipient": {name: _iso(getattr(entry, name)) for name in SNAPSHOT_FIELDS},
                "person_id": entry.person_id,
                "unit_id": entry.unit_id,
                "household_id": entry.household_id,
                "achievement": entry.achievement,
                "posthumous": entry.posthumous,
                "eligibility": entry.eligibility,
            }
            for entry in entries
        ],
        "documents": documents,
    }


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def package_response(dossier: Dossier):
    """The dossier's electronic package as a download (404 when it has none)."""
    if dossier.package_id is None:
        raise Http404(_("Hồ sơ này không có gói hồ sơ điện tử."))
    return file_response(dossier.package)


# --- Outcomes ---------------------------------------------------------------------------------------------------


@transaction.atomic
def record_outcome(entry: DossierEntry, *, by, decided: bool, reference: str, on: dt.date,
                   reason: str = "") -> DossierEntry:  # fmt: skip
    """The centre's answer to an entry forwarded outside the deployment, recorded by the board of the authority that
    forwarded it: on the entry (decided or rejected) and on its copy in the upper dossier, which closes once every
    entry in it has an answer."""
    code = "record_decision" if decided else "record_refusal"
    dossier = transitions.lock(entry)
    entry = DossierEntry.objects.select_related("award_type", "dossier").get(pk=entry.pk)
    entry.dossier = dossier
    if not transitions.may(by, code, entry):
        raise PermissionDenied(_("Bạn không có quyền “%(action)s” đối với hồ sơ này.")
                               % {"action": transitions.TRANSITIONS[code].label})  # fmt: skip
    copy = (
        entry.forwarded_copies.select_related("dossier__authority__unit").order_by("-pk").first()
        if entry.state == EntryState.FORWARDED
        else None
    )
    if entry.state == EntryState.FORWARDED and (copy is None or not is_outside(copy.dossier.authority)):
        raise ValidationError(
            _("“%(entry)s” đã trình lên cấp trên trong hệ thống: kết quả do cấp đó ghi nhận.")
            % {"entry": _entry_name(entry)}
        )
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Nhập số, ký hiệu văn bản trả lời của cấp trên.")})
    if not isinstance(on, dt.date):
        raise ValidationError({"on": _("Nhập ngày văn bản trả lời của cấp trên.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Ngày văn bản trả lời không được sau ngày hôm nay.")})
    data = {"reference": reference, "on": on.isoformat()}
    transitions.perform(code, entry, by=by, reason=reason, data=data,
                        notify_users=transitions.unit_people(dossier))  # fmt: skip
    entry.outcome_reference, entry.outcome_on = reference, on
    if not decided:
        entry.decision_reason = reason.strip()
    with acting_as(by):
        entry.save(update_fields=["outcome_reference", "outcome_on", "decision_reason", "updated_at"])
        record_action(entry, code="dossiers.dossierentry.outcome_recorded", by=by, reason=reason,
                      data={"decided": decided, **data})  # fmt: skip
    _mirror_upstream(copy, decided=decided, by=by, reason=reason, reference=reference, on=on)
    if entry.forwarded_from_id:
        propagate(entry, by=by)
    return entry


def _mirror_upstream(copy: DossierEntry, *, decided: bool, by, reason: str, reference: str, on: dt.date) -> None:
    """Set the copy in the outside dossier to the centre's answer, and close that dossier once all are answered."""
    upper = transitions.lock(copy)
    copy = DossierEntry.objects.get(pk=copy.pk)
    from_state = copy.state
    copy.state = EntryState.DECIDED if decided else EntryState.REJECTED
    copy.outcome_reference, copy.outcome_on = reference, on
    if not decided:
        copy.decision_reason = reason.strip()
    upper.version += 1
    with acting_as(by):
        copy.save(update_fields=["state", "outcome_reference", "outcome_on", "decision_reason", "updated_at"])
        _event(upper, copy, action="record_decision" if decided else "record_refusal", by=by, from_state=from_state,
               reason=reason, data={"reference": reference, "on": on.isoformat()})  # fmt: skip
        if not upper.entries.exclude(state__in=FINAL_ENTRY_STATES).exists():
            from_state = upper.state
            upper.state, upper.closed_at, upper.due_on = DossierState.CLOSED, timezone.now(), None
            _event(upper, None, action="close", by=by, from_state=from_state, reason="", data={})
            record_action(upper, code="dossiers.dossier.upstream_closed", by=by)
        upper.save()


def _event(dossier: Dossier, entry: DossierEntry | None, *, action: str, by, from_state: str, reason: str,
           data: dict) -> DossierEvent:  # fmt: skip
    """A step the system takes on someone's behalf on a dossier nobody here acts on (the outside upper dossier)."""
    return transitions.record_event(
        dossier, action=action, by=by, entry=entry, reason=reason, data=data, from_state=from_state
    )


@transaction.atomic
def propagate(entry: DossierEntry, *, by) -> None:
    """Mirror the upstream outcome of a forwarded copy onto the entry it was forwarded from (and so on down the
    line): a copy rejected upstream rejects the original, a copy decided upstream decides it. The system acts on
    behalf of the upstream actor; the original's board and its submitting unit are told."""
    entry = DossierEntry.objects.select_related("award_type").get(pk=entry.pk)
    if entry.forwarded_from_id is None or entry.state not in (EntryState.REJECTED, EntryState.DECIDED):
        return
    dossier = transitions.lock(entry.forwarded_from)
    original = DossierEntry.objects.select_related("award_type", "dossier").get(pk=entry.forwarded_from_id)
    original.dossier = dossier
    if original.state != EntryState.FORWARDED:
        return  # already mirrored
    decided = entry.state == EntryState.DECIDED
    code = "record_decision" if decided else "record_refusal"
    reason = ""
    if not decided:
        upstream = entry.dossier.authority.name if entry.dossier.authority_id else _("Cấp trên")
        reason = entry.decision_reason.strip() or _("%(authority)s không khen thưởng.") % {"authority": upstream}
        original.decision_reason = reason
    data = {"upstream_dossier": entry.dossier_id, "upstream_entry": entry.pk}
    told = transitions.authority_people(dossier, BOARD_ROLES) + transitions.unit_people(dossier)
    original.outcome_reference, original.outcome_on = entry.outcome_reference, entry.outcome_on
    with acting_as(by):
        transitions.perform(code, original, by=by, reason=reason, data=data, check_actor=False, notify_users=told)
        original.save(update_fields=["decision_reason", "outcome_reference", "outcome_on", "updated_at"])
    if original.forwarded_from_id:
        propagate(original, by=by)
