"""Builders for the decision tests on the dossier scene (tests/dossiers/conftest.py, prepared by ``prepare``):

- ``prepare(scene)``: base salaries (DOMAIN.md §3.3), coefficients (§3.2), Chiến sĩ thi đua cơ sở granted by Quận Lê
  Chân, and the users ``signer``, ``clerk``, ``finance`` (city) and ``district_signer``, ``district_board``,
  ``district_board_head`` (Quận Lê Chân).
- ``approved(scene, nominees)``: a dossier whose entries the authority's board head has approved (through the real
  workflow: submitted, received, appraised, voted by the council when the award type needs it, approved). Quận Lê
  Chân's dossiers go to the city's Chairman; Phường An Biên's (``unit=scene.units["an_bien"]``) to Quận Lê Chân's.
- ``drafted(scene, nominees)``: a draft decision of the dossier's authority with all its entries.
- ``signed(scene, nominees, ...)``: the same signed — on an internal register by the signer by default, or on the
  clerk's external register (``numbering=Numbering.EXTERNAL``, a number and a signed PDF).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.conftest import user_with_role
from tests.dossiers.workflow_scene import BINH, HOA, YEAR, check_all, draft, fresh
from tests.factories.catalog import AwardTypeFactory, BaseSalaryFactory
from tests.factories.files import pdf_upload
from thidua.catalog.models import AwardKind, AwardLevel, AwardType, CouncilBody
from thidua.decisions import numbering, services
from thidua.decisions.enums import Numbering, RegisterKind
from thidua.decisions.models import Decision, Register
from thidua.dossiers import council, workflow
from thidua.dossiers.enums import DossierKind, EntryState, Recommendation, VoteChoice
from thidua.dossiers.models import Dossier, DossierEntry

__all__ = ["BINH", "CHAU", "HOA", "YEAR", "approved", "drafted", "internal_register", "prepare", "signed"]

CHAU = "Lê Minh Châu"
BASE_SALARIES = (
    (dt.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
    (dt.date(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP"),
)
# NĐ 152/2025 Art. 50–54 (DOMAIN.md §3.2): individual, collective.
COEFFICIENTS = {
    "LDTT": ("0.3", None),
    "CSTDCS": ("1.0", None),
    "CSTD_TINH": ("3.0", None),
    "BK_TINH": ("1.5", "3.0"),
    "BK_TTG": ("3.5", "7.0"),
    "HCLD3": ("4.5", "9.0"),
}
VOTERS = ("chair", "secretary", "member1", "member2", "member3")


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def prepare(scene):
    """Add to the dossier scene what decisions need (see the module docstring); returns the scene."""
    for day, amount, instrument in BASE_SALARIES:
        BaseSalaryFactory(valid_from=day, amount=amount, instrument=instrument)
    cstdcs = AwardTypeFactory(code="CSTDCS", name="Chiến sĩ thi đua cơ sở", kind=AwardKind.TITLE,
                              level=AwardLevel.GRASSROOTS, sort_order=20)  # fmt: skip
    cstdcs.granting_authority_kinds.set([scene.district_authority.kind])
    cstdcs.required_documents.set([scene.documents["to_trinh"], scene.documents["bien_ban_hoi_dong"]])
    scene.awards["CSTDCS"] = cstdcs
    for code, (individual, collective) in COEFFICIENTS.items():
        AwardType.objects.filter(pk=scene.awards[code].pk).update(
            coef_individual=_decimal(individual), coef_collective=_decimal(collective)
        )
        scene.awards[code].refresh_from_db()
    root, le_chan = scene.units["root"], scene.units["le_chan"]
    scene.users.update({
        "signer": user_with_role("signer", root, username="chutich.ubnd", full_name="Nguyễn Văn Tùng"),
        "clerk": user_with_role("clerk", root, username="vanthu", full_name="Phạm Thị Thu Trang"),
        "finance": user_with_role("finance_officer", root, username="ketoan", full_name="Lê Thị Kim Oanh"),
        "district_signer": user_with_role("signer", le_chan, username="chutich.lechan", full_name="Trần Quốc Việt"),
        "district_board": user_with_role("board_officer", le_chan, username="tdkt.lechan",
                                         full_name="Hoàng Thị Yến"),
        "district_board_head": user_with_role("board_head", le_chan, username="truongphong.lechan",
                                              full_name="Đặng Văn Long"),
    })  # fmt: skip
    return scene


def _district(scene, dossier: Dossier) -> bool:
    return dossier.authority_id == scene.district_authority.pk


def board_of(scene, dossier: Dossier):
    return scene.users["district_board" if _district(scene, dossier) else "board"]


def board_head_of(scene, dossier: Dossier):
    return scene.users["district_board_head" if _district(scene, dossier) else "board_head"]


def signer_of(scene, authority):
    return scene.users["district_signer" if authority.pk == scene.district_authority.pk else "signer"]


def _vote(scene, entries: list[DossierEntry]) -> None:
    """The city's council votes every entry through (all five members for)."""
    session = council.schedule_session(scene.city_authority, by=scene.users["secretary"],
                                       title="Phiên họp Hội đồng Thi đua - Khen thưởng thành phố",
                                       meets_on=dt.date(YEAR, 12, 10))  # fmt: skip
    items = council.add_to_agenda(session, entries, by=scene.users["secretary"])
    council.open_voting(session, by=scene.users["chair"])
    for item in items:
        for name in VOTERS:
            council.cast_vote(item, by=scene.users[name], choice=VoteChoice.FOR)
    council.close_voting(session, by=scene.users["chair"])


def approved(scene, nominees=((HOA, "BK_TINH"),), *, kind=DossierKind.MOVEMENT, unit=None) -> Dossier:
    """A dossier of ``unit`` (Quận Lê Chân) with one entry per (person name, award code), every entry approved by
    the board head of the authority it is addressed to."""
    dossier = draft(scene, nominees, kind=kind, unit=unit)
    if kind == DossierKind.YEAR_END:
        workflow.record_own_council(dossier, by=scene.users["officer"], met_on=dt.date(YEAR, 12, 1), members=7,
                                    present=7, notes="Hội đồng Thi đua - Khen thưởng của đơn vị nhất trí.")  # fmt: skip
    workflow.submit(fresh(dossier), by=scene.users["head"])
    dossier = fresh(dossier)
    workflow.receive(dossier, by=board_of(scene, dossier))
    entries = list(DossierEntry.objects.filter(dossier=dossier).select_related("award_type").order_by("pk"))
    for entry in entries:
        check_all(entry)
        workflow.appraise(entry, by=board_of(scene, dossier), recommendation=Recommendation.PROPOSE,
                          notes="Đủ điều kiện.")  # fmt: skip
    voted = [entry for entry in entries if entry.award_type.council_body == CouncilBody.COUNCIL]
    if voted:
        _vote(scene, voted)
    for entry in DossierEntry.objects.filter(dossier=dossier).select_related("dossier", "award_type").order_by("pk"):
        workflow.approve(entry, by=board_head_of(scene, dossier))
    dossier = fresh(dossier)
    assert set(dossier.entries.values_list("state", flat=True)) == {EntryState.APPROVED}
    return dossier


def internal_register(authority) -> Register:
    """The authority's decision register, numbered by the system (the city's is its clerk's by default)."""
    register = numbering.default_register(authority, RegisterKind.DECISION)
    if register.numbering != Numbering.INTERNAL:
        Register.objects.filter(pk=register.pk).update(numbering=Numbering.INTERNAL)
        register.refresh_from_db()
    return register


def external_register(authority) -> Register:
    register = numbering.default_register(authority, RegisterKind.DECISION)
    if register.numbering != Numbering.EXTERNAL:
        Register.objects.filter(pk=register.pk).update(numbering=Numbering.EXTERNAL)
        register.refresh_from_db()
    return register


def drafted(scene, nominees=((HOA, "BK_TINH"),), *, numbering_kind=Numbering.INTERNAL, dossier=None,
            **approved_kwargs) -> Decision:  # fmt: skip
    """A draft decision of the dossier's authority with every entry of an approved dossier."""
    dossier = dossier or approved(scene, nominees, **approved_kwargs)
    if numbering_kind == Numbering.INTERNAL:
        internal_register(dossier.authority)
    else:
        external_register(dossier.authority)
    return services.draft_decision(by=board_of(scene, dossier), authority=dossier.authority,
                                   entries=list(dossier.entries.all()))  # fmt: skip


def sign(scene, decision: Decision, *, signed_on: dt.date | None = None, number_text: str = "", by=None) -> Decision:
    """Sign a draft: the signer on an internal register; the clerk with a number (default: the next unused) and a
    signed PDF on an external one."""
    decision = Decision.objects.select_related("register", "authority").get(pk=decision.pk)
    if decision.register.numbering == Numbering.INTERNAL:
        return services.sign(decision, by=by or signer_of(scene, decision.authority), signed_on=signed_on)
    if not number_text:
        used = Decision.objects.filter(register=decision.register).exclude(number=None).count()
        number_text = decision.register.format_number(used + 1)
    return services.sign(decision, by=by or scene.users["clerk"], signed_on=signed_on, number_text=number_text,
                         signed_file=pdf_upload("quyet-dinh-da-ky.pdf"))  # fmt: skip


def signed(scene, nominees=((HOA, "BK_TINH"),), *, signed_on: dt.date | None = None,
           numbering=Numbering.INTERNAL, number_text: str = "", by=None, **approved_kwargs) -> Decision:  # fmt: skip
    """A signed decision of the dossier's authority granting every entry of a newly approved dossier
    (``approved_kwargs``: kind, unit, dossier)."""
    decision = drafted(scene, nominees, numbering_kind=numbering, **approved_kwargs)
    return sign(scene, decision, signed_on=signed_on, number_text=number_text, by=by)
