"""The documents of a nomination dossier, as ``OfficialDocument`` (thidua.documents.layout) for the DOCX and PDF
renderers, generated from the data instead of retyped:

- ``proposal(dossier)``: the unit's TỜ TRÌNH (Mẫu số 01, NĐ 152/2025) to the authority — the bases, the summary of
  the entries by award type and the Danh sách kèm theo;
- ``council_minutes(session)``: the BIÊN BẢN of a closed council session with the result of the secret vote (who was
  present, each item's votes for and against and the threshold it had to reach);
- ``achievement_report(entry)``: the BÁO CÁO THÀNH TÍCH of one nominee in the template of its case (individual merit
  Mẫu số 05; collective merit; thematic movement; ad-hoc; long service; the national titles), pre-filled from the
  history: the titles and forms in force (``Award.objects.in_force()``) and the yearly ratings.

Builders only read; the download views (``document_views``, ``document_api``) check scope first.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.catalog.models import Authority, AwardKind, LegalRegime
from thidua.documents import vn
from thidua.documents.layout import Appendix, OfficialDocument, Paragraph, Signature, Table
from thidua.documents.wording import (
    award_words,
    counts_text,
    end_sentence,
    in_vietnamese,
    join_words,
    lines_of,
    person_title,
    roman,
    shorten,
)
from thidua.dossiers.enums import DossierKind, MemberRole, SessionState, ThresholdBase
from thidua.dossiers.models import CouncilSession, Dossier, DossierEntry
from thidua.orgs.models import OrgUnit
from thidua.records.models import Award, Rating, period_label

COUNCIL_BODY = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
PROPOSAL_LIST_WIDTHS = [13.0, 44.0, 45.0, 63.0]
DOTS = "……………………………………"


# --- Who issues a unit's documents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issuer:
    """How a unit signs its documents: its authority's header when one is seated at it (an UBND), else its name."""

    body: str
    parent: str
    code: str
    place: str
    signer: str
    name: str
    capacity: str = ""


def issuer_of(unit: OrgUnit, *, place: str = "") -> Issuer:
    authority = Authority.objects.filter(unit=unit).select_related("unit").order_by("pk").first()
    if authority is not None:
        # An UBND signs for the collective body ("TM. ỦY BAN NHÂN DÂN" above "CHỦ TỊCH").
        body = " ".join(authority.issuing_body.split()).upper()
        capacity = "TM. ỦY BAN NHÂN DÂN" if body.startswith(("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN")) else ""
        return Issuer(body=authority.issuing_body, parent=authority.parent_body, code=authority.document_code,
                      place=authority.place_name or place, signer=authority.signer_title, name=unit.name,
                      capacity=capacity)  # fmt: skip
    parent = unit.parent if unit.parent_id else None
    return Issuer(body=unit.name.upper(), parent=parent.name.upper() if parent and not parent.is_external else "",
                  code=unit.short_name or "", place=place, signer="THỦ TRƯỞNG ĐƠN VỊ", name=unit.name)  # fmt: skip


def _symbol(kind: str, code: str) -> str:
    return f"{kind}-{code}" if code else kind


# --- The nominee as printed ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nominee:
    name: str
    gender: str
    position: str
    unit_name: str

    @property
    def line(self) -> str:
        return ", ".join(part for part in (self.position, self.unit_name) if part)


def nominee_of(entry: DossierEntry) -> Nominee:
    """The entry's snapshot once taken (at submission); for a draft, the nominee as they are today."""
    if entry.snapshot_at or entry.recipient_name:
        return Nominee(entry.recipient_name or str(entry.nominee), entry.gender, entry.position, entry.unit_name)
    from thidua.records.services import recipient_snapshot

    snapshot = recipient_snapshot(person=entry.person, unit=entry.unit, household=entry.household,
                                  on=timezone.localdate())  # fmt: skip
    return Nominee(snapshot["recipient_name"] or str(entry.nominee), snapshot["gender"], snapshot["position"],
                   snapshot["unit_name"])  # fmt: skip


def printed_name(entry: DossierEntry, nominee: Nominee) -> str:
    return f"{person_title(nominee.gender)}{nominee.name}" if entry.person_id else nominee.name


def _verb(posthumous: bool) -> str:
    return "truy tặng" if posthumous else "tặng"


def _entry_groups(entries: list[DossierEntry]) -> OrderedDict[tuple, list[DossierEntry]]:
    groups: OrderedDict[tuple, list[DossierEntry]] = OrderedDict()
    for entry in entries:
        groups.setdefault((entry.award_type_id, entry.posthumous), []).append(entry)
    return groups


def regime_bases(on) -> list[str]:
    """ "Căn cứ …;" lines of the legal regime in force on ``on`` (its instruments, separated by ";")."""
    regime = LegalRegime.objects.in_force(on).order_by("-valid_from").first()
    if regime is None:
        return []
    lines = []
    for instrument in regime.instruments.split(";"):
        instrument = instrument.strip().rstrip(".")
        if instrument and "Luật Thi đua" not in instrument and "06/2022/QH15" not in instrument:
            lines.append(f"Căn cứ {instrument};")
    return lines


# --- Tờ trình --------------------------------------------------------------------------------------------------


@in_vietnamese
def proposal(dossier: Dossier) -> OfficialDocument:
    """The unit's TỜ TRÌNH đề nghị khen thưởng (Mẫu số 01) for the dossier's entries, with the list attached."""
    dossier = Dossier.objects.select_related("unit__parent", "authority__unit", "movement", "milestone",
                                             "submitted_by").get(pk=dossier.pk)  # fmt: skip
    entries = list(dossier.entries.select_related("award_type", "person", "unit", "household").order_by("pk"))
    authority = dossier.authority
    issuer = issuer_of(dossier.unit, place=authority.place_name if authority else "")
    target = authority.name if authority else "cấp có thẩm quyền"
    today = timezone.localdate()
    groups = _entry_groups(entries)
    all_posthumous = bool(entries) and all(entry.posthumous for entry in entries)
    names = list(OrderedDict.fromkeys(award_words(members[0].award_type, authority=authority)
                                      for members in groups.values()))  # fmt: skip
    if names and len(names) <= 3:
        subject = f"Về việc đề nghị {_verb(all_posthumous)} {join_words(names)}"
    else:
        subject = "Về việc đề nghị khen thưởng"
    if dossier.movement_id:
        subject += f" trong phong trào thi đua “{dossier.movement.title}”"

    body = [Paragraph(f"Kính gửi: {target}.", align="center", indent_first=False, space_after=12)]
    bases = [LAW_BASIS, *regime_bases(today)]
    if dossier.movement_id:
        stage = f" ({dossier.milestone.title})" if dossier.milestone_id else ""
        bases.append(f"Căn cứ kết quả thực hiện phong trào thi đua “{dossier.movement.title}”{stage};")
    if dossier.own_council_met_on:
        present = ""
        if dossier.own_council_present and dossier.own_council_members:
            present = f" ({dossier.own_council_present}/{dossier.own_council_members} thành viên dự họp)"
        bases.append(f"Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng {issuer.name} ngày "
                     f"{vn.short_date(dossier.own_council_met_on)}{present};")  # fmt: skip
    body += [Paragraph(line, italic=True, space_after=4) for line in bases]
    year = f" năm {dossier.year}" if dossier.year else ""
    body.append(Paragraph(
        f"{issuer.name} kính đề nghị {target} xem xét, khen thưởng{year} cho {counts_text(entries) or 'các trường hợp'}"
        f" có thành tích xuất sắc, cụ thể như sau:", space_after=4,
    ))  # fmt: skip
    for index, members in enumerate(groups.values(), start=1):
        words = award_words(members[0].award_type, authority=authority)
        mark = "." if index == len(groups) else ";"
        body.append(Paragraph(f"{index}. {_verb(members[0].posthumous).capitalize()} {words}: "
                              f"{counts_text(members)}{mark}", space_after=3))  # fmt: skip
    body.append(Paragraph("(Có danh sách và hồ sơ kèm theo)", italic=True, space_after=6))
    body.append(Paragraph(f"{issuer.name} kính trình {target} xem xét, quyết định./."))

    number = vn.number_line("", _symbol("TTr", issuer.code))
    submitted_on = timezone.localdate(dossier.submitted_at) if dossier.submitted_at else None
    place_date = (vn.place_date(issuer.place, submitted_on) if submitted_on
                  else vn.blank_place_date(issuer.place, today.year))  # fmt: skip
    # Whoever signs for the unit signs the paper: the block leaves the name to be written.
    signature = Signature(capacity=issuer.capacity, position=issuer.signer, note="(Ký, ghi rõ họ tên, đóng dấu)")
    list_date = vn.short_date(submitted_on) if submitted_on else f"{vn.BLANK}/{vn.BLANK}/{today.year}"
    appendix = Appendix(
        title="DANH SÁCH\nĐỀ NGHỊ KHEN THƯỞNG",
        subtitle=f"(Kèm theo Tờ trình số {vn.BLANK}/{_symbol('TTr', issuer.code)} ngày {list_date} của {issuer.name})",
        blocks=[_proposal_table(index, members, authority) for index, members in enumerate(groups.values())],
    )
    return OfficialDocument(
        issuing_body=issuer.body, parent_body=issuer.parent, kind_title="TỜ TRÌNH", number_text=number,
        place_date=place_date, subject=subject, body=body, signatures=[signature],
        recipients=["Như trên;", "Lưu: VT, TĐKT."], appendix=appendix if entries else None,
        file_stem=f"Tờ trình – {dossier.title}"[:120], form_ref="Mẫu số 01",
    )  # fmt: skip


def _proposal_table(index: int, members: list[DossierEntry], authority) -> Table:
    rows = []
    for number, entry in enumerate(members, start=1):
        nominee = nominee_of(entry)
        rows.append([str(number), printed_name(entry, nominee), nominee.line, shorten(entry.achievement, 300)])
    words = award_words(members[0].award_type, authority=authority)
    title = f"{roman(index)}. {_verb(members[0].posthumous).upper()} {words.upper()}"
    return Table(header=["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác", "Tóm tắt thành tích"],
                 rows=rows, widths_mm=PROPOSAL_LIST_WIDTHS, aligns=["center", "left", "left", "justify"],
                 title=f"{title} ({counts_text(members)})")  # fmt: skip


# --- Biên bản họp Hội đồng và kết quả kiểm phiếu -------------------------------------------------------------------


def percent_text(value: Fraction | Decimal) -> str:
    """A share as Vietnamese documents write it: "80 %", "66,7 %"."""
    share = (Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else value) * 100
    return vn.decimal_text(share.quantize(Decimal("0.1")).normalize()) + " %"


def council_minutes(session: CouncilSession) -> OfficialDocument:
    """The BIÊN BẢN of a closed session: date and place, members present and absent, each agenda item with its
    votes for and against, the recused, the share it reached against the threshold, and the conclusion. A session
    still being prepared or voting has no result to print: ValidationError."""
    session = CouncilSession.objects.select_related("authority__unit").get(pk=session.pk)
    if session.state != SessionState.CLOSED:
        raise ValidationError({"session": _("Biên bản kiểm phiếu chỉ lập được sau khi Chủ tịch Hội đồng kết thúc bỏ "
                                            "phiếu.")})  # fmt: skip
    return _minutes(session)


@in_vietnamese
def _minutes(session: CouncilSession) -> OfficialDocument:
    authority = session.authority
    members = list(session.members.order_by("pk"))
    present = [member for member in members if member.present]
    absent = [member for member in members if not member.present]
    chair = next((member for member in members if member.role == MemberRole.CHAIR), None)
    secretary = next((member for member in members if member.role == MemberRole.SECRETARY), None)
    items = list(
        session.items.select_related("entry__award_type", "entry__person", "entry__unit", "entry__household")
        .prefetch_related("recusals__member")
        .order_by("order", "pk")
    )  # fmt: skip
    place = f", tại {session.place}" if session.place else ""
    body = [
        Paragraph(
            f"Vào {vn.date_words(session.meets_on)}{place}, Hội đồng Thi đua - Khen thưởng ({authority.name}) "
            f"họp xét đề nghị khen thưởng: {session.title}.",
            space_after=6,
        ),
        Paragraph("I. THÀNH PHẦN", bold=True, indent_first=False, space_after=4),
        Paragraph(
            f"Tổng số thành viên Hội đồng: {vn.count_text(len(members))}; có mặt: "
            f"{vn.count_text(len(present))}; vắng mặt: {vn.count_text(len(absent))}"
            + (f" ({', '.join(member.full_name for member in absent)})" if absent else "")
            + ".",
            space_after=4,
        ),
    ]
    if chair:
        body.append(Paragraph(f"Chủ trì: {chair.full_name}{', ' + chair.position if chair.position else ''}, Chủ "
                              f"tịch Hội đồng.", space_after=4))  # fmt: skip
    if secretary:
        body.append(Paragraph(f"Thư ký: {secretary.full_name}{', ' + secretary.position if secretary.position else ''}."
                              , space_after=4))  # fmt: skip
    body.append(Table(
        header=["STT", "Họ và tên", "Chức vụ", "Vai trò trong Hội đồng", "Dự họp"],
        rows=[[str(number), member.full_name, member.position, str(member.get_role_display()),
               "Có mặt" if member.present else "Vắng mặt"] for number, member in enumerate(members, start=1)],
        widths_mm=[13.0, 44.0, 48.0, 38.0, 22.0], aligns=["center", "left", "left", "left", "center"], size=12,
    ))  # fmt: skip
    base_words = ("tổng số thành viên Hội đồng" if session.threshold_base == ThresholdBase.FULL
                  else "tổng số thành viên Hội đồng trừ người không tham gia biểu quyết")  # fmt: skip
    body += [
        Paragraph("II. NỘI DUNG", bold=True, indent_first=False, space_after=4),
        Paragraph(
            f"Hội đồng xem xét {vn.count_text(len(items))} đề nghị khen thưởng và biểu quyết bằng phiếu kín "
            f"({session.get_mode_display().lower()}); tỷ lệ phiếu đồng ý tính trên {base_words}.",
            space_after=6,
        ),
        Paragraph("III. KẾT QUẢ KIỂM PHIẾU", bold=True, indent_first=False, space_after=4),
    ]
    rows, recusals, passed = [], [], 0
    for number, item in enumerate(items, start=1):
        entry = item.entry
        nominee = nominee_of(entry)
        recused = list(item.recusals.all())
        share = percent_text(Fraction(item.votes_for, item.base)) if item.base else "—"
        required = percent_text(item.threshold) if item.threshold is not None else "quá nửa"
        passed += bool(item.passed)
        result = "Đạt" if item.passed else "Không đạt"
        rows.append([str(number), printed_name(entry, nominee), entry.award_type.name,
                     f"{item.votes_for}/{item.base if item.base is not None else '—'}", str(item.votes_against),
                     str(len(recused)), share, f"{result} (yêu cầu {required})"])  # fmt: skip
        recusals += [f"{recusal.member.full_name} không tham gia biểu quyết đối với {nominee.name} ({recusal.reason})"
                     for recusal in recused]  # fmt: skip
    body.append(Table(
        header=["STT", "Họ và tên / Tên tập thể", "Hình thức khen thưởng", "Đồng ý", "Không đồng ý",
                "Không tham gia", "Tỷ lệ đồng ý", "Kết quả"],
        rows=rows, widths_mm=[12.0, 33.0, 32.0, 16.0, 17.0, 17.0, 16.0, 22.0], size=11,
        aligns=["center", "left", "left", "center", "center", "center", "center", "left"],
    ))  # fmt: skip
    for line in recusals:
        body.append(Paragraph(f"- {line}.", space_after=3))
    body.append(Paragraph("IV. KẾT LUẬN", bold=True, indent_first=False, space_after=4))
    conclusion = lines_of(session.minutes)
    body += [Paragraph(end_sentence(line), space_after=4) for line in conclusion]
    body.append(Paragraph(
        f"Hội đồng thống nhất đề nghị {authority.name} xem xét, quyết định khen thưởng đối với "
        f"{vn.count_text(passed)} trường hợp đạt tỷ lệ phiếu đồng ý theo quy định.", space_after=4,
    ))  # fmt: skip
    closed = timezone.localtime(session.closed_at) if session.closed_at else None
    ended = f" lúc {closed:%H} giờ {closed:%M} phút" if closed else ""
    body.append(Paragraph(f"Cuộc họp kết thúc{ended} cùng ngày; biên bản đã được đọc lại và thông qua tại cuộc họp./."))
    return OfficialDocument(
        issuing_body=COUNCIL_BODY, parent_body=authority.issuing_body, kind_title="BIÊN BẢN",
        number_text=vn.number_line("", "BB-HĐTĐKT"), place_date=vn.place_date(authority.place_name, session.meets_on),
        subject="Họp Hội đồng Thi đua - Khen thưởng và kết quả kiểm phiếu",
        body=body,
        signatures=[
            Signature(position="THƯ KÝ HỘI ĐỒNG", name=secretary.full_name if secretary else ""),
            Signature(position="CHỦ TỊCH HỘI ĐỒNG", name=chair.full_name if chair else ""),
        ],
        file_stem=f"Biên bản kiểm phiếu – {session.title}"[:120],
    )  # fmt: skip


# --- Báo cáo thành tích ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportTemplate:
    """One template of the NĐ 152/2025 appendix: what the top of the form says and how its sections are titled."""

    code: str
    form_ref: str
    kind_title: str
    first_section: str
    achievement_section: str


UNVERIFIED = "số mẫu cần xác minh"
TEMPLATES = {
    "ca_nhan_cong_trang": ReportTemplate("ca_nhan_cong_trang", "Mẫu số 05", "BÁO CÁO THÀNH TÍCH",
                                         "I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
    "tap_the_cong_trang": ReportTemplate("tap_the_cong_trang", f"Mẫu báo cáo thành tích tập thể ({UNVERIFIED})",
                                         "BÁO CÁO THÀNH TÍCH", "I. ĐẶC ĐIỂM, TÌNH HÌNH", "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
    "chuyen_de": ReportTemplate("chuyen_de", f"Mẫu khen thưởng phong trào thi đua theo chuyên đề ({UNVERIFIED})",
                                "BÁO CÁO THÀNH TÍCH", "I. SƠ LƯỢC LÝ LỊCH",
                                "II. THÀNH TÍCH ĐẠT ĐƯỢC TRONG PHONG TRÀO THI ĐUA"),
    "dot_xuat": ReportTemplate("dot_xuat", f"Mẫu khen thưởng đột xuất ({UNVERIFIED})", "BÁO CÁO TÓM TẮT THÀNH TÍCH",
                               "I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐỘT XUẤT"),
    "cong_hien": ReportTemplate("cong_hien", f"Mẫu khen thưởng quá trình cống hiến ({UNVERIFIED})",
                                "BÁO CÁO TÓM TẮT QUÁ TRÌNH CÔNG TÁC", "I. SƠ LƯỢC LÝ LỊCH",
                                "II. QUÁ TRÌNH CÔNG TÁC VÀ THÀNH TÍCH"),
    "doi_ngoai": ReportTemplate("doi_ngoai", f"Mẫu khen thưởng đối ngoại ({UNVERIFIED})", "BÁO CÁO THÀNH TÍCH",
                                "I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐÓNG GÓP"),
    "cstd_toan_quoc": ReportTemplate("cstd_toan_quoc", f"Mẫu Chiến sĩ thi đua toàn quốc ({UNVERIFIED})",
                                     "BÁO CÁO THÀNH TÍCH", "I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
    "co_thi_dua_cp": ReportTemplate("co_thi_dua_cp", f"Mẫu Cờ thi đua của Chính phủ ({UNVERIFIED})",
                                    "BÁO CÁO THÀNH TÍCH", "I. ĐẶC ĐIỂM, TÌNH HÌNH", "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
    "anh_hung": ReportTemplate("anh_hung", f"Mẫu danh hiệu Anh hùng ({UNVERIFIED})", "BÁO CÁO THÀNH TÍCH",
                               "I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH, CÔNG TRẠNG"),
}  # fmt: skip
# Award codes with a template of their own (DOMAIN.md §4.1: the 11 templates of the NĐ 152/2025 appendix).
TEMPLATE_BY_AWARD = {"CSTD_TQ": "cstd_toan_quoc", "CO_TD_CP": "co_thi_dua_cp", "AHLD": "anh_hung",
                     "AHLLVT": "anh_hung"}  # fmt: skip
TEMPLATE_BY_DOSSIER = {DossierKind.AD_HOC: "dot_xuat", DossierKind.SERVICE: "cong_hien",
                       DossierKind.FOREIGN: "doi_ngoai", DossierKind.MOVEMENT: "chuyen_de"}  # fmt: skip


def report_template(entry: DossierEntry) -> ReportTemplate:
    """The template of an entry's report: by its award type (national titles, Anh hùng, Cờ thi đua CP), else by
    its dossier's kind (ad-hoc, long service, foreign, movement), else merit by recipient kind."""
    code = TEMPLATE_BY_AWARD.get(entry.award_type.code) or TEMPLATE_BY_DOSSIER.get(entry.dossier.kind)
    if code is None:
        code = "ca_nhan_cong_trang" if entry.person_id else "tap_the_cong_trang"
    template = TEMPLATES[code]
    if not entry.person_id and template.first_section == "I. SƠ LƯỢC LÝ LỊCH":
        # A collective or a household reports on itself, not a biography.
        template = ReportTemplate(template.code, template.form_ref, template.kind_title, "I. ĐẶC ĐIỂM, TÌNH HÌNH",
                                  template.achievement_section)  # fmt: skip
    return template


def _subject_lines(entry: DossierEntry, nominee: Nominee) -> list[Paragraph]:
    """Section I: the person's particulars, or the collective's (household's) facts."""

    def line(label: str, value) -> Paragraph:
        return Paragraph(f"- {label}: {value or DOTS}", indent_first=False, space_after=3, align="left")

    if entry.person_id:
        person = entry.person
        born = vn.short_date(person.birth_date) if person.birth_date else (person.birth_year or "")
        ethnicity = person.ethnicity.name if person.ethnicity_id else entry.ethnicity_name
        return [
            line("Họ và tên (ghi đầy đủ, không viết tắt)", person.full_name),
            line("Sinh ngày, tháng, năm", born),
            line("Giới tính", person.get_gender_display()),
            line("Quê quán", person.hometown),
            line("Dân tộc", ethnicity),
            line("Chức vụ, đơn vị công tác", nominee.line),
            line("Trình độ chuyên môn, nghiệp vụ", ""),
            line("Trình độ lý luận chính trị", ""),
        ]
    if entry.unit_id:
        unit = entry.unit
        established = unit.established_on.year if unit.established_on else ""
        return [
            line("Tên tập thể", unit.name),
            line("Địa chỉ", unit.address),
            line("Điện thoại", unit.phone),
            line("Năm thành lập", established),
            line("Chức năng, nhiệm vụ, cơ cấu tổ chức", ""),
        ]
    household = entry.household
    return [
        line("Tên hộ gia đình", household.name),
        line("Chủ hộ", household.head.full_name if household.head_id else ""),
        line("Nơi cư trú", ", ".join(part for part in (household.address, household.unit.name) if part)),
    ]


def _service_table(entry: DossierEntry) -> list[Paragraph | Table]:
    """Long service: the person's career from their memberships (from – to, position, unit)."""
    if not entry.person_id:
        return []
    memberships = entry.person.memberships.select_related("unit").order_by("start_date", "pk")
    rows = []
    for membership in memberships:
        start = f"{membership.start_date:%m/%Y}" if membership.start_date else ""
        end = f"{membership.end_date:%m/%Y}" if membership.end_date else "nay"
        rows.append([f"{start} – {end}" if start else end, membership.position, membership.unit.name])
    if not rows:
        return []
    return [
        Paragraph("Quá trình công tác:", indent_first=False, space_after=3, bold=True),
        Table(header=["Từ tháng, năm – đến tháng, năm", "Chức vụ", "Đơn vị công tác"], rows=rows,
              widths_mm=[40.0, 55.0, 70.0], aligns=["center", "left", "left"]),
    ]  # fmt: skip


def _reference(award: Award) -> str:
    parts = []
    if award.decision_number:
        parts.append(f"Quyết định số {award.decision_number}")
    if award.decision_date:
        parts.append(f"ngày {vn.short_date(award.decision_date)}")
    text = " ".join(parts)
    who = award.authority_name or (award.authority.name if award.authority_id else "")
    return f"{text} của {who}" if text and who else text or who


def _history(entry: DossierEntry, year: int | None) -> list[Paragraph | Table]:
    """Section III: the titles and forms in force (not revoked) and the yearly ratings, from the history."""
    nominee = entry.person or entry.unit or entry.household
    awards = list(
        Award.objects.in_force()
        .of(nominee)
        .select_related("award_type", "authority")
        .order_by("year", "decision_date", "pk")
    )
    titles = [award for award in awards if award.award_type.kind == AwardKind.TITLE]
    forms = [award for award in awards if award.award_type.kind != AwardKind.TITLE]
    blocks: list[Paragraph | Table] = [
        Paragraph("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, indent_first=False, space_after=4)
    ]

    def award_table(rows: list[Award], header: str) -> Table | Paragraph:
        if not rows:
            return Paragraph("(Chưa có)", italic=True, space_after=4)
        return Table(header=["Năm", header, "Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định"],
                     rows=[[award.period_label, award.award_type.name, _reference(award)] for award in rows],
                     widths_mm=[25.0, 60.0, 80.0], aligns=["center", "left", "left"])  # fmt: skip

    blocks += [
        Paragraph("1. Danh hiệu thi đua:", indent_first=False, space_after=3),
        award_table(titles, "Danh hiệu thi đua"),
        Paragraph("2. Hình thức khen thưởng:", indent_first=False, space_after=3),
        award_table(forms, "Hình thức khen thưởng"),
    ]
    if entry.household_id:
        return blocks
    ratings = Rating.objects.of(nominee).order_by("-year", "pk")
    if year:
        ratings = ratings.filter(year__lte=year)
    ratings = list(reversed(list(ratings[:10])))
    blocks.append(Paragraph("3. Kết quả đánh giá, xếp loại chất lượng hằng năm:", indent_first=False, space_after=3))
    if ratings:
        blocks.append(Table(header=["Năm", "Kết quả đánh giá, xếp loại", "Ghi chú"],
                            rows=[[period_label(rating.period_kind, rating.year), str(rating.get_level_display()),
                                   rating.note] for rating in ratings],
                            widths_mm=[30.0, 85.0, 50.0], aligns=["center", "left", "left"]))  # fmt: skip
    else:
        blocks.append(Paragraph("(Chưa có)", italic=True, space_after=4))
    return blocks


@in_vietnamese
def achievement_report(entry: DossierEntry) -> OfficialDocument:
    """The BÁO CÁO THÀNH TÍCH of one nominee, in the template of its case, pre-filled from the history."""
    entry = DossierEntry.objects.select_related(
        "dossier__unit__parent", "dossier__authority", "dossier__movement", "award_type", "person__ethnicity", "unit",
        "household__head", "household__unit",
    ).get(pk=entry.pk)  # fmt: skip
    dossier = entry.dossier
    template = report_template(entry)
    nominee = nominee_of(entry)
    award = award_words(
        entry.award_type, year_label=f"năm {dossier.year}" if dossier.year else "", authority=dossier.authority
    )
    subject = f"Đề nghị {_verb(entry.posthumous)} {award}"
    section_two = template.achievement_section
    if template.code == "chuyen_de":
        movement = f" “{dossier.movement.title.upper()}”" if dossier.movement_id else ""
        section_two = f"{section_two}{movement}" if movement else "II. THÀNH TÍCH ĐẠT ĐƯỢC"

    body: list[Paragraph | Table] = [Paragraph(template.first_section, bold=True, indent_first=False, space_after=4)]
    body += _subject_lines(entry, nominee)
    body.append(Paragraph(section_two, bold=True, indent_first=False, space_after=4))
    if template.code == "cong_hien":
        body += _service_table(entry)
    achievement = [line for line in (entry.achievement or "").splitlines() if line.strip()]
    body += [Paragraph(line.strip(), space_after=4) for line in achievement] or [Paragraph(DOTS, space_after=4)]
    body += _history(entry, dossier.year)

    place = dossier.authority.place_name if dossier.authority_id else ""
    issuer = issuer_of(dossier.unit, place=place)
    if entry.person_id:
        # An individual's report has no issuing body: the person reports, the head of the unit certifies.
        issuing_body, parent_body = "", ""
        signatures = [
            Signature(position="THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", note="(Ký, đóng dấu)"),
            Signature(position="NGƯỜI BÁO CÁO THÀNH TÍCH", note="(Ký, ghi rõ họ và tên)", name=nominee.name),
        ]
    else:
        own = issuer_of(entry.unit, place=place) if entry.unit_id else issuer
        issuing_body, parent_body = own.body, own.parent
        signatures = [
            Signature(position="THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN", note="(Ký, đóng dấu)"),
            Signature(position="THỦ TRƯỞNG ĐƠN VỊ" if entry.unit_id else "ĐẠI DIỆN HỘ GIA ĐÌNH",
                      note="(Ký, đóng dấu)" if entry.unit_id else "(Ký, ghi rõ họ và tên)"),
        ]  # fmt: skip
    return OfficialDocument(
        issuing_body=issuing_body, parent_body=parent_body, kind_title=template.kind_title, subject=subject,
        place_date=vn.blank_place_date(issuer.place, timezone.localdate().year), body=body, signatures=signatures,
        form_ref=template.form_ref, file_stem=f"Báo cáo thành tích – {nominee.name}"[:120],
    )  # fmt: skip
