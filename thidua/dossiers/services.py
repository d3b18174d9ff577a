"""Draft nomination dossiers and their entries: created by hand (``create_dossier``, ``add_entry``), or made from an
accepted exemplary model or from the proposals of a locked cluster score sheet; and the authority a unit submits to
by default. Submission, appraisal and the rest of the workflow: ``thidua.dossiers.workflow``.

Every write is one of these functions: keyword arguments, the acting user as ``by``, one transaction, ``full_clean``
before saving and an audit row (``dossiers.<model>.<action>``). Permission checks are the callers' (``rules``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from thidua.audit.context import acting_as
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, AwardType, RecipientKind
from thidua.core.writes import acting_user
from thidua.dossiers.enums import DossierKind, DossierState, EntrySource, Procedure
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.dossiers.transitions import bump, record_event
from thidua.movements.enums import ExemplaryState, Proposal, SheetState
from thidua.movements.models import ExemplaryModel, Milestone, Movement, ScoreSheet
from thidua.movements.scoring import tie_at_cut
from thidua.orgs.models import PATH_SEGMENT, Household, OrgUnit, Person

TITLE_LENGTH = 500


def _draft_only(dossier: Dossier) -> None:
    if dossier.state != DossierState.DRAFT:
        raise ValidationError(
            _("Hồ sơ “%(dossier)s” đã ở trạng thái “%(state)s”: chỉ sửa được hồ sơ dự thảo.")
            % {"dossier": dossier.title, "state": dossier.get_state_display()}
        )


def _ancestor_paths(unit: OrgUnit) -> list[str]:
    """The unit's own path and its ancestors', nearest first."""
    return [unit.path[:end] for end in range(len(unit.path), 0, -PATH_SEGMENT)]


def default_authority(unit: OrgUnit, *, on: dt.date | None = None) -> Authority | None:
    """The authority a unit submits to (cấp trình): the nearest in-force authority of this deployment seated at the
    unit's parent or above, else one seated at the unit itself (a root unit submits to its own chairman)."""
    on = on or timezone.localdate()
    paths = _ancestor_paths(unit)
    found = [
        authority
        for authority in Authority.objects.filter(unit__path__in=paths, unit__is_external=False)
        .select_related("kind", "unit")
        .order_by("kind__id", "name", "pk")
        if authority.is_in_force(on)
    ]
    for path in paths[1:] + paths[:1]:
        for authority in found:
            if authority.unit.path == path:
                return authority
    return None


def check_authority(unit: OrgUnit, authority: Authority | None, *, on: dt.date | None = None) -> None:
    """A dossier of ``unit`` may be addressed to ``authority``: in force, inside the deployment, seated at the unit
    or above it. Raises a ValidationError on ``authority``."""
    on = on or timezone.localdate()
    if authority is None:
        raise ValidationError({"authority": _("Chọn cấp trình (cấp có thẩm quyền nhận hồ sơ).")})
    if not authority.is_in_force(on):
        raise ValidationError({"authority": _("“%(authority)s” không còn hiệu lực.") % {"authority": authority.name}})
    if authority.unit.is_external:
        raise ValidationError(
            {"authority": _("“%(authority)s” ở ngoài hệ thống: hồ sơ lên cấp này do cấp có thẩm quyền trình, không "
                            "trình trực tiếp.") % {"authority": authority.name}}
        )  # fmt: skip
    if authority.unit.path not in _ancestor_paths(unit):
        raise ValidationError(
            {"authority": _("“%(authority)s” không phải cấp trên của “%(unit)s”.")
             % {"authority": authority.name, "unit": unit.name}}
        )  # fmt: skip


def _title_for(kind: str, movement: Movement | None, year: int | None) -> str:
    if movement is not None:
        title = _("Hồ sơ đề nghị khen thưởng – %(movement)s") % {"movement": movement.title}
    elif year is not None:
        title = _("Hồ sơ đề nghị khen thưởng – %(kind)s năm %(year)s") % {
            "kind": DossierKind(kind).label, "year": year,
        }  # fmt: skip
    else:
        title = _("Hồ sơ đề nghị khen thưởng – %(kind)s") % {"kind": DossierKind(kind).label}
    return title[:TITLE_LENGTH]


def _save_new(dossier: Dossier, *, by) -> Dossier:
    with acting_as(by):
        dossier.full_clean()
        dossier.save()
        record_action(dossier, code="dossiers.dossier.created", by=by)
        record_event(dossier, action="created", by=by)
    return dossier


@transaction.atomic
def draft_dossier_for(unit: OrgUnit, *, by, movement: Movement | None = None, kind: str = DossierKind.MOVEMENT,
                      year: int | None = None, authority: Authority | None = None) -> Dossier:  # fmt: skip
    """The unit's draft dossier for the movement (and kind), created the first time: entries made from a movement
    gather in one draft instead of one dossier per click. Without a movement, the draft of that kind and year.
    A new draft is addressed to ``authority``, by default ``default_authority(unit)``."""
    # Two clicks at once must not make two drafts: they queue on the unit's row.
    OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
    drafts = Dossier.objects.filter(unit=unit, kind=kind, movement=movement, state=DossierState.DRAFT)
    if movement is None:
        drafts = drafts.filter(year=year)
    found = drafts.order_by("created_at", "pk").first()
    if found is not None:
        return found
    dossier = Dossier(unit=unit, kind=kind, movement=movement, year=year, title=_title_for(kind, movement, year),
                      authority=authority or default_authority(unit), state=DossierState.DRAFT,
                      created_by=acting_user(by))  # fmt: skip
    return _save_new(dossier, by=by)


@transaction.atomic
def create_dossier(unit: OrgUnit, *, by, kind: str, title: str, authority: Authority | None = None,
                   movement: Movement | None = None, milestone: Milestone | None = None, year: int | None = None,
                   procedure: str = Procedure.NORMAL) -> Dossier:  # fmt: skip
    """A new draft dossier of the unit (always a new one), addressed to ``authority`` (default: the unit's
    ``default_authority``). Who may: ``rules.can_create_dossier`` (the caller checks)."""
    authority = authority or default_authority(unit)
    check_authority(unit, authority)
    title = (title or "").strip() or _title_for(kind, movement, year)
    if milestone is not None and (movement is None or milestone.movement_id != movement.pk):
        raise ValidationError({"milestone": _("Đợt sơ kết, tổng kết phải thuộc phong trào đã chọn.")})
    if kind == DossierKind.YEAR_END and year is None:
        raise ValidationError({"year": _("Hồ sơ tổng kết năm cần ghi năm.")})
    if kind == DossierKind.YEAR_END and procedure == Procedure.SIMPLIFIED:
        # Law Art. 85 (NĐ 98/2023 Art. 40.1) lists the cases of the simplified procedure: ad-hoc achievements, urgent
        # political tasks, long service, foreign awards, state secrets — never the year-end merit round.
        raise ValidationError(
            {"procedure": _("Hồ sơ tổng kết năm không áp dụng thủ tục đơn giản (Luật Thi đua, khen thưởng Điều 85).")}
        )
    dossier = Dossier(unit=unit, kind=kind, title=title[:TITLE_LENGTH], authority=authority, movement=movement,
                      milestone=milestone, year=year, procedure=procedure, state=DossierState.DRAFT,
                      created_by=acting_user(by))  # fmt: skip
    return _save_new(dossier, by=by)


def _recipient_kind(person, unit, household) -> str:
    if person is not None:
        return RecipientKind.INDIVIDUAL
    if unit is not None:
        return RecipientKind.COLLECTIVE
    return RecipientKind.HOUSEHOLD


@transaction.atomic
def add_entry(dossier: Dossier, *, by, award_type: AwardType, person: Person | None = None,
              unit: OrgUnit | None = None, household: Household | None = None, achievement: str = "",
              source: str = EntrySource.MANUAL, exemplary_model: ExemplaryModel | None = None,
              score_sheet: ScoreSheet | None = None, posthumous: bool = False,
              eligibility: dict | None = None) -> DossierEntry:  # fmt: skip
    """One nominee (a person, a unit or a household) for one award type that fits it, in a draft dossier, with the
    eligibility engine's verdict (computed now unless ``eligibility`` is given)."""
    from thidua.dossiers.workflow import refresh_eligibility

    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    _draft_only(dossier)
    if sum(item is not None for item in (person, unit, household)) != 1:
        raise ValidationError({"person": _("Chọn đúng một đối tượng đề nghị: cá nhân, tập thể hoặc hộ gia đình.")})
    recipient = _recipient_kind(person, unit, household)
    if recipient not in (award_type.recipient_kinds or []):
        raise ValidationError(
            {"award_type": _("“%(award)s” không dành cho %(recipient)s.")
             % {"award": award_type.name, "recipient": RecipientKind(recipient).label.lower()}}
        )  # fmt: skip
    nominee = person or unit or household
    if dossier.entries.filter(person=person, unit=unit, household=household, award_type=award_type).exists():
        raise ValidationError(
            {"award_type": _("“%(nominee)s” đã được đề nghị “%(award)s” trong hồ sơ này.")
             % {"nominee": nominee, "award": award_type.name}}
        )  # fmt: skip
    entry = DossierEntry(
        dossier=dossier, person=person, unit=unit, household=household, award_type=award_type,
        achievement=achievement or "", source=source, exemplary_model=exemplary_model, score_sheet=score_sheet,
        created_by=acting_user(by), posthumous=posthumous,
    )  # fmt: skip
    if eligibility is not None:
        entry.eligibility = eligibility
    else:
        refresh_eligibility(entry)
    with acting_as(by):
        entry.full_clean()
        entry.save()
        bump(dossier)
        record_action(entry, code="dossiers.dossierentry.added", by=by,
                      data={"dossier": dossier.pk, "source": source})  # fmt: skip
        record_event(dossier, action="entry_added", by=by, entry=entry,
                     data={"nominee": str(nominee), "award_type": award_type.name})  # fmt: skip
    return entry


@transaction.atomic
def entry_from_exemplary_model(model: ExemplaryModel, *, by, award_type: AwardType) -> DossierEntry:
    """One click: the accepted model's person or unit becomes a draft entry of the proposing unit's dossier for the
    model's movement. Once per model; a second click says where the first entry is."""
    model = ExemplaryModel.objects.select_for_update(of=("self",)).select_related("movement").get(pk=model.pk)
    if model.state != ExemplaryState.ACCEPTED:
        raise ValidationError(
            {"exemplary_model": _("Chỉ đề nghị khen thưởng từ mô hình, điển hình đã được công nhận (hiện: "
                                  "“%(state)s”).") % {"state": model.get_state_display()}}
        )  # fmt: skip
    if model.subject_person_id is None and model.subject_unit_id is None:
        raise ValidationError(
            {"exemplary_model": _("Mô hình “%(title)s” chưa gắn với cá nhân hoặc tập thể có trong hệ thống.")
             % {"title": model.title}}
        )  # fmt: skip
    existing = DossierEntry.objects.filter(exemplary_model=model).select_related("dossier").first()
    if existing is not None:
        raise ValidationError(
            {"exemplary_model": _("Mô hình này đã được đề nghị: “%(entry)s” trong hồ sơ “%(dossier)s”.")
             % {"entry": existing, "dossier": existing.dossier.title}}
        )  # fmt: skip
    kind = DossierKind.MOVEMENT if model.movement_id else DossierKind.AD_HOC
    year = None if model.movement_id else timezone.localdate(model.created_at).year
    dossier = draft_dossier_for(model.proposing_unit, by=by, movement=model.movement, kind=kind, year=year)
    return add_entry(
        dossier, by=by, award_type=award_type, person=model.subject_person, unit=model.subject_unit,
        achievement=f"{model.title}\n\n{model.story}".strip(), source=EntrySource.EXEMPLARY_MODEL,
        exemplary_model=model,
    )  # fmt: skip


@transaction.atomic
def entries_from_score_sheet(sheet: ScoreSheet, *, by) -> list[DossierEntry]:
    """The locked sheet's proposals (flag, certificate) as draft entries of the cluster organiser's dossier for the
    movement; entries already made are kept, so a second call adds nothing. Returns every entry of the proposals."""
    sheet = (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related("cluster__organiser", "movement")
        .get(pk=sheet.pk)
    )
    if sheet.state != SheetState.LOCKED:
        raise ValidationError(
            {"score_sheet": _("Chỉ tạo đề nghị từ bảng điểm đã khóa (hiện: “%(state)s”).")
             % {"state": sheet.get_state_display()}}
        )  # fmt: skip
    members = list(sheet.members.select_related("unit").exclude(proposal=Proposal.NONE).order_by("rank", "pk"))
    award_for = {Proposal.FLAG: sheet.flag_award_type, Proposal.CERTIFICATE: sheet.certificate_award_type}
    for proposal, field in ((Proposal.FLAG, "flag_award_type"), (Proposal.CERTIFICATE, "certificate_award_type")):
        if award_for[proposal] is None and any(member.proposal == proposal for member in members):
            label = ScoreSheet._meta.get_field(field).verbose_name
            raise ValidationError({field: _("Bảng điểm chưa chọn %(field)s để đề nghị.") % {"field": label}})
    if not members:
        return []
    existing = {
        (entry.unit_id, entry.award_type_id): entry
        for entry in DossierEntry.objects.filter(score_sheet=sheet).select_related("dossier", "unit", "award_type")
    }
    voting = {member.pk for member in tie_at_cut(sheet)}
    count = sheet.members.count()
    entries: list[DossierEntry] = []
    dossier = None
    for member in members:
        award_type = award_for[member.proposal]
        found = existing.get((member.unit_id, award_type.pk))
        if found is not None:
            entries.append(found)
            continue
        if dossier is None:
            dossier = draft_dossier_for(sheet.cluster.organiser, by=by, movement=sheet.movement,
                                        kind=DossierKind.MOVEMENT, year=sheet.year)  # fmt: skip
        achievement = _("Xếp thứ %(rank)s/%(count)s của %(cluster)s năm %(year)s với %(total)s điểm.") % {
            "rank": member.rank, "count": count, "cluster": sheet.cluster.name, "year": sheet.year,
            "total": formats.number_format(member.total),
        }  # fmt: skip
        if member.pk in voting:
            achievement += " " + _("Đồng hạng ở ngưỡng đề nghị: cụm, khối cần bỏ phiếu.")
        entry = add_entry(
            dossier, by=by, award_type=award_type, unit=member.unit, achievement=achievement,
            source=EntrySource.SCORE_SHEET, score_sheet=sheet,
        )  # fmt: skip
        entries.append(entry)
    return entries


@transaction.atomic
def remove_entry(entry: DossierEntry, *, by) -> None:
    """Take an entry out of a draft dossier."""
    entry = DossierEntry.objects.select_related("dossier").get(pk=entry.pk)
    dossier = Dossier.objects.select_for_update().get(pk=entry.dossier_id)
    _draft_only(dossier)
    removed = {"entry": entry.pk, "nominee": str(entry.nominee), "award_type": entry.award_type_id}
    with acting_as(by):
        entry.delete()
        bump(dossier)
        record_action(dossier, code="dossiers.dossier.entry_removed", by=by, data=removed)
        record_event(dossier, action="entry_removed", by=by,
                     data={**removed, "award_type_name": entry.award_type.name})  # fmt: skip
