"""Demo step of the decisions issue: the signed decisions of the "Mục tiêu kép" movement and of the 2021 year-end
round, one of them amended by a later decision, with their certificates printed.

Everything goes through the services (``thidua.decisions.services``, ``thidua.dossiers.workflow``) acting as the
demo accounts:

- **City level** (Chủ tịch UBND thành phố; the city's decisions are numbered by its clerical office): the board
  (``bantdkt``) drafts the decision granting the Bằng khen of the city to the two people of Quận Lê Chân its head
  approved; the Phó Chủ tịch signs it on paper and the clerk (``vanthu``) records "Số 245/QĐ-UBND" of 20/01/2022
  with the signed PDF. The certificates are printed in one job. Bệnh viện Hữu nghị Việt Tiệp (Sở Y tế), approved
  as well, waits for the next decision: the board's "Lập quyết định" page offers it.
- **Amendment**: the teacher's school was written in short in the first decision; the board drafts a correcting
  decision and the clerk records it (Số 318/QĐ-UBND of 15/02/2022): the corrected award replaces the first.
- **Grassroots level** (Chủ tịch UBND phường, whose book the system keeps): Phường An Biên's own Giấy khen for the
  movement (three people), and the Lao động tiên tiến 2021 of Phường Niệm Nghĩa's year-end dossier; the ward's
  board receives, appraises and approves, its chairman signs, the system numbers them. The ward has no demo
  account: the administrator ``quantri`` acts for its board and chairman, as it does for Sở Y tế.

Dates: the decisions carry the dates of early 2022, when they would have been signed; the services stamp "now" on
the timeline and audit rows, as in the dossiers step.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.accounts.models import User
from thidua.catalog.models import Authority, AwardType, DocumentKind
from thidua.decisions import services
from thidua.decisions.documents import decision_document
from thidua.decisions.enums import DecisionKind, PrintMode
from thidua.decisions.jobs import CERTIFICATES
from thidua.decisions.models import Decision
from thidua.demo import dossiers_seed
from thidua.demo import muc_tieu_kep as plan
from thidua.demo.dossiers_seed import YEAR, Document
from thidua.documents.pdf import render_pdf
from thidua.documents.vn import place_date
from thidua.dossiers import checks, workflow
from thidua.dossiers import services as dossier_services
from thidua.dossiers.enums import CheckItem, DossierKind, EntryState, Recommendation
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.jobs.models import JobStatus
from thidua.jobs.services import run_now
from thidua.movements.models import Movement
from thidua.orgs.models import Membership, OrgUnit, Person

CITY_NUMBER = "245/QĐ-UBND"
CITY_SIGNED_ON = dt.date(2022, 1, 20)
AMENDMENT_NUMBER = "318/QĐ-UBND"
AMENDMENT_SIGNED_ON = dt.date(2022, 2, 15)
AN_BIEN = "HP-LC-AB"
AN_BIEN_SIGNED_ON = dt.date(2022, 1, 14)
NIEM_NGHIA = "HP-LC-NN"
NIEM_NGHIA_SIGNED_ON = dt.date(2022, 1, 10)
CITY_SIGNER = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Quốc Cường")
# The bases of a decision signed in early 2022, under the 2003 law and NĐ 91/2017 (DOMAIN.md §0): the default
# (the regime in force on the day the draft is made) would cite the 2022 law.
LEGAL_BASIS_2022 = "\n".join(
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
        "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi "
        "đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;",
    )
)


def decisions_done() -> bool:
    return Decision.objects.filter(number_text=AMENDMENT_NUMBER).exists()


def seed_decisions(context) -> None:
    users = {user.username: user for user in User.objects.filter(
        username__in=["bantdkt", "vanthu", "quantri", "canbo.lechan", "thutruong.lechan"])}  # fmt: skip
    city = Authority.objects.get(unit=context.unit(plan.ISSUER), kind__code=plan.ISSUING_AUTHORITY)
    movement = Movement.objects.get(issuer_unit__code=plan.ISSUER, title=plan.TITLE, parent=None)
    first = _city_decision(city, movement, board=users["bantdkt"], clerk=users["vanthu"])
    _amendment(first, board=users["bantdkt"], clerk=users["vanthu"])
    _an_bien_decision(context, movement, officer=users["canbo.lechan"], head=users["thutruong.lechan"],
                      admin=users["quantri"])  # fmt: skip
    _niem_nghia_decision(context, admin=users["quantri"])


def _signed_pdf(decision: Decision, number_text: str, signed_on: dt.date) -> SimpleUploadedFile:
    """The paper the leader signed, as the clerk scans it: here the decision's own PDF with its number and date."""
    document = decision_document(decision)
    document.number_text = f"Số: {number_text}"
    document.place_date = place_date(decision.authority.place_name, signed_on)
    document.draft = False
    name = f"quyet-dinh-{number_text.replace('/', '-')}-{signed_on:%Y%m%d}.pdf"
    return SimpleUploadedFile(name, render_pdf(document), content_type="application/pdf")


def _print_certificates(decision: Decision, *, by) -> None:
    """The decision's certificates, printed by the job a board officer starts (kept, finished, in the job list)."""
    job = run_now(CERTIFICATES, by=by, params={"decision_id": decision.pk, "mode": PrintMode.FULL})
    if job.status != JobStatus.SUCCEEDED:
        raise RuntimeError(f"Printing the certificates of {decision.number_text} failed: {job.error}")


def _city_decision(city: Authority, movement: Movement, *, board: User, clerk: User) -> Decision:
    # Quận Lê Chân's two people; the hospital of Sở Y tế, approved too, waits for the board's next decision.
    entries = DossierEntry.objects.filter(
        dossier__authority=city, dossier__unit__code="HP-LC", state=EntryState.APPROVED, award_type__code="BK_TINH"
    ).order_by("pk")
    capacity, position, name = CITY_SIGNER
    decision = services.draft_decision(
        by=board, authority=city, entries=entries, movement=movement,
        subject="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố cho các cá nhân, tập thể có thành tích "
                "xuất sắc trong phong trào thi đua thực hiện thắng lợi “mục tiêu kép” năm 2021",
        proposal="Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng thành phố tại Tờ trình số 52/TTr-BTĐKT ngày 18 "
                 "tháng 01 năm 2022.",
        signing_capacity=capacity, signer_position=position, signer_name=name, legal_basis=LEGAL_BASIS_2022,
    )  # fmt: skip
    decision = services.sign(decision, by=clerk, signed_on=CITY_SIGNED_ON, number_text=CITY_NUMBER,
                             signed_file=_signed_pdf(decision, CITY_NUMBER, CITY_SIGNED_ON))  # fmt: skip
    _print_certificates(decision, by=board)
    return decision


def _amendment(decision: Decision, *, board: User, clerk: User) -> Decision:
    """The teacher's school was written in short: a correcting decision gives its full name."""
    item = decision.items.filter(unit_name__icontains="Trần Phú").select_related("award").first()
    item = item or decision.items.filter(person__isnull=False).select_related("award").order_by("sort_order").last()
    capacity, position, name = CITY_SIGNER
    amendment = services.draft_amendment(
        decision, by=board, kind=DecisionKind.AMENDMENT,
        changes=[{"award": item.award, "unit_name": "Trường Trung học cơ sở Trần Phú, quận Lê Chân"}],
        subject=f"Về việc đính chính Quyết định số {decision.number_text} ngày {decision.signed_on:%d/%m/%Y} của "
                "Chủ tịch Ủy ban nhân dân thành phố",
        reason="Đính chính tên đơn vị công tác của cá nhân được khen thưởng.",
    )  # fmt: skip
    services.update_decision(amendment, by=board, signing_capacity=capacity, signer_position=position,
                             signer_name=name, legal_basis=LEGAL_BASIS_2022)  # fmt: skip
    amendment.refresh_from_db()
    return services.sign(amendment, by=clerk, signed_on=AMENDMENT_SIGNED_ON, number_text=AMENDMENT_NUMBER,
                         signed_file=_signed_pdf(amendment, AMENDMENT_NUMBER, AMENDMENT_SIGNED_ON))  # fmt: skip


def _appraise_and_approve(dossier: Dossier, *, by: User) -> list[DossierEntry]:
    """The ward's board receives the dossier, checks every entry and approves it (the ward's chairman's board)."""
    dossier = workflow.receive(dossier, by=by)
    approved = []
    for entry in dossier.entries.order_by("pk"):
        for item in CheckItem.values:
            checks.save_check(entry, item, by=by, ok=True)
        workflow.appraise(DossierEntry.objects.get(pk=entry.pk), by=by, recommendation=Recommendation.PROPOSE,
                          notes="Đủ tiêu chuẩn, hồ sơ đầy đủ.")  # fmt: skip
        approved.append(workflow.approve(DossierEntry.objects.get(pk=entry.pk), by=by))
    return approved


def _ward_authority(unit: OrgUnit) -> Authority:
    return Authority.objects.get(unit=unit, kind__code="ct_ubnd_xa")


def _an_bien_decision(context, movement: Movement, *, officer: User, head: User, admin: User) -> Decision:
    """Phường An Biên's Giấy khen for the movement: its chairman grants it to three of its people."""
    ward = context.unit(AN_BIEN)
    authority = _ward_authority(ward)
    dossier = dossier_services.create_dossier(
        ward, by=officer, kind=DossierKind.MOVEMENT, authority=authority, movement=movement, year=YEAR,
        title="Đề nghị tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường An Biên – phong trào “Mục tiêu kép” năm "
              "2021",
    )  # fmt: skip
    gk = AwardType.objects.in_force(plan.AWARDS_IN_FORCE_ON).get(code="GK")
    achievements = (
        "lập danh sách, hỗ trợ 412 hộ khó khăn nhận gói hỗ trợ của thành phố trong thời gian giãn cách.",
        "tổ chức 14 điểm tiêm vắc-xin lưu động, đưa tỷ lệ tiêm mũi 2 của phường lên 98%.",
        "duy trì giải quyết thủ tục hành chính trực tuyến đúng hạn 100% trong thời gian giãn cách.",
    )
    for person, achievement in zip(_ward_staff(ward), achievements, strict=False):
        position = person.memberships.filter(unit=ward, is_primary=True).first().position
        dossier_services.add_entry(dossier, by=officer, award_type=gk, person=person,
                                   achievement=f"{position} phường An Biên: {achievement}")  # fmt: skip
    kinds = {kind.code: kind for kind in DocumentKind.objects.all()}
    body = "ỦY BAN NHÂN DÂN PHƯỜNG AN BIÊN"
    for document in dossiers_seed._dossier_documents(dossier, body=body, number="Số: 04/TTr-CA", day=(
            "Lê Chân, ngày 06 tháng 01 năm 2022"), council_day="05/01/2022"):  # fmt: skip
        _upload(dossier, document, kinds, by=officer)
    for entry in dossier.entries.order_by("pk"):
        _upload(dossier, dossiers_seed._report(entry, body=body), kinds, by=officer, entry=entry)
    workflow.submit(dossier, by=head)
    entries = _appraise_and_approve(dossier, by=admin)
    decision = services.draft_decision(
        by=admin, authority=authority, entries=entries, movement=movement,
        proposal="Theo đề nghị của Công chức Văn phòng - Thống kê phường phụ trách công tác thi đua, khen thưởng.",
        legal_basis=LEGAL_BASIS_2022,
    )  # fmt: skip
    decision = services.sign(decision, by=admin, signed_on=AN_BIEN_SIGNED_ON)
    _print_certificates(decision, by=admin)
    return decision


def _ward_staff(ward: OrgUnit) -> list[Person]:
    """The ward's officials (its chairman aside), those not yet proposed for 2021 first."""
    memberships = (Membership.objects.current().filter(unit=ward, is_primary=True)
                   .exclude(position__startswith="Chủ tịch").select_related("person")
                   .order_by("person__sort_key", "person_id"))  # fmt: skip
    people = [membership.person for membership in memberships]
    proposed = set(
        DossierEntry.objects.filter(person__in=people, dossier__year=YEAR).values_list("person_id", flat=True)
    )
    return sorted(people, key=lambda person: person.pk in proposed)


def _upload(dossier: Dossier, document: Document, kinds: dict, *, by, entry=None) -> None:
    for upload in document.uploads():
        workflow.add_attachment(dossier, by=by, upload=upload, document_kind=kinds[document.kind], entry=entry,
                                title=document.title)  # fmt: skip


def _niem_nghia_decision(context, *, admin: User) -> Decision:
    """The Lao động tiên tiến 2021 of Phường Niệm Nghĩa's people, from its year-end dossier."""
    ward = context.unit(NIEM_NGHIA)
    dossier = Dossier.objects.get(unit=ward, kind=DossierKind.YEAR_END, year=YEAR)
    entries = _appraise_and_approve(dossier, by=admin)
    decision = services.draft_decision(
        by=admin, authority=_ward_authority(ward), entries=entries,
        proposal="Theo đề nghị của Hội đồng Thi đua - Khen thưởng phường.", legal_basis=LEGAL_BASIS_2022,
    )  # fmt: skip
    return services.sign(decision, by=admin, signed_on=NIEM_NGHIA_SIGNED_ON)
