"""Demo step of the dossiers issue: the nomination dossiers of the "Mục tiêu kép" movement in every state, one session
of the city's council (Hội đồng Thi đua - Khen thưởng thành phố) with online votes, and the 2021 year-end dossiers of
several units.

Everything goes through the workflow services (``thidua.dossiers.services``, ``workflow``, ``checks``, ``council``,
``consultation``, ``forwarding``, ``year_end``) acting as the demo accounts of ``thidua.demo.haiphong.ACCOUNTS``:
Quận Lê Chân's officer prepares its dossiers and its chairman submits them; the city's Ban Thi đua - Khen thưởng
receives, returns, appraises item by item, opens the public consultation and records the centre's answer; its head
assigns, approves, rejects, forwards and closes; the council's secretary prepares the session, its seven members vote
online and its chair closes the vote. Sở Y tế has no demo account: the administrator ``quantri`` acts for it.

The dossiers of the movement, addressed to the Chủ tịch Ủy ban nhân dân thành phố:

- Quận Lê Chân, đột xuất đợt 1 (closed): the Bằng khen of the Thủ tướng for Phường An Biên, voted by the council,
  forwarded to the Thủ tướng (electronic package) and decided there; a Bằng khen of the city refused after appraisal.
- Quận Lê Chân, sơ kết năm 2021 (received): one entry returned for completion and resubmitted (the timeline shows
  what changed), every entry appraised with its checklist, Bằng khen of the city approved, one rejected (the nominee is
  under investigation), one still to be approved; three Bằng khen of the Thủ tướng put to the council: one passed and
  forwarded to the Thủ tướng (its package waits at the centre), one passed and waiting, one failed the vote.
- Quận Lê Chân, đột xuất đợt 2 (submitted, assigned to the board's officer), bổ sung (returned, one entry returned
  with its reason), and one withdrawn by the district's chairman.
- Sở Y tế (received): the Huân chương Lao động hạng Ba of its director in public consultation (with comments, one
  published), a Bằng khen of the city for a hospital approved.
- Huyện Thủy Nguyên (draft): prepared by its officer, still missing documents.

The year-end round of 2021: the Lao động tiên tiến dossiers of three wards of Lê Chân — Niệm Nghĩa, Trại Cau, Vĩnh
Niệm (to their own chairmen, who grant the title) — and of Sở Y tế with its hospitals (over 200 entries, to its
director), each built from the eligibility sweep in one step (``year_end.build_year_end_dossier``), with the unit's
council result and documents, and submitted. These are the units whose LĐTT 2021 the history leaves undecided
(``history_seed.YEAR_END_PENDING``): the builder leaves out who already holds the title for the year, so the lists are
their people. The wards of the history's collective stories (An Biên, Cát Dài, Dư Hàng), whose members' LĐTT 2021
those stories count, are not among them.
The demo's hospitals are staffed thinly (a dozen people each), so this step first gives them the doctors, nurses and
technicians a city hospital has, with their ratings of 2016–2021 — the people a year-end list of the health sector is
made of.

Dates: the dossiers belong to 2021 (the movement's first year and the last of the demo's history); the units'
councils, the centre's decision and the documents carry dates of 2021–2022. The services stamp "now" and count
deadlines from today, and the demo keeps that: the board's work reads as done today, with deadlines ahead.

The documents are small real files made here: a Word document (minimal WordprocessingML in a zip) and a PDF, so that
the package for the Thủ tướng holds both formats of every document.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.models import User
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, AwardType, DocumentKind
from thidua.demo import haiphong, history_seed
from thidua.demo import muc_tieu_kep as plan
from thidua.demo.names import NameGenerator, birth_date, career_start, citizen_id
from thidua.demo.positions import STAFF
from thidua.dossiers import checks, consultation, council, forwarding, services, workflow, year_end
from thidua.dossiers.enums import CheckItem, DossierKind, Recommendation, VoteChoice
from thidua.dossiers.models import AgendaItem, Dossier, DossierEntry
from thidua.eligibility.engine import Status
from thidua.movements.enums import MilestoneKind
from thidua.movements.models import Movement
from thidua.orgs.models import Ethnicity, Membership, OrgUnit, PeriodKind, Person, PersonNameToken
from thidua.records.enums import RATING_RANK, RatingLevel
from thidua.records.models import Rating

if TYPE_CHECKING:
    from thidua.demo.seed import SeedContext

YEAR = 2021
DISTRICT_BODY = "ỦY BAN NHÂN DÂN QUẬN LÊ CHÂN"
HEALTH_BODY = "SỞ Y TẾ THÀNH PHỐ HẢI PHÒNG"
SESSION_TITLE = (
    "Phiên họp Hội đồng Thi đua - Khen thưởng thành phố xét đề nghị khen thưởng phong trào thi đua “Mục tiêu kép” "
    "năm 2021"
)
SESSION_PLACE = "Phòng họp số 1, trụ sở Ủy ban nhân dân thành phố, số 18 Hoàng Diệu, quận Hồng Bàng"
HEALTH = "HP-SYT"
# Per hospital: the staff the demo's people step leaves out (a city hospital has hundreds; the list needs them).
HOSPITAL_STAFF = (("Bác sĩ", 6), ("Điều dưỡng", 9), ("Kỹ thuật viên", 3))
HISTORY_YEARS = range(history_seed.FIRST_YEAR, history_seed.LAST_YEAR + 1)


@dataclass(frozen=True)
class YearEndSpec:
    """A unit's year-end dossier: its tờ trình's number, and its council's meeting (day, members, all present)."""

    unit: str
    number: str
    met_on: dt.date
    members: int
    place: str = "Lê Chân"
    body: str = ""  # the issuing body on the documents; by default the unit's people's committee


YEAR_END_WARD_SPECS = (
    YearEndSpec("HP-LC-NN", "Số: 98/TTr-UBND", dt.date(2021, 12, 24), 7),
    YearEndSpec("HP-LC-VN", "Số: 101/TTr-UBND", dt.date(2021, 12, 27), 7),
    YearEndSpec("HP-LC-TC", "Số: 87/TTr-UBND", dt.date(2021, 12, 28), 5),
)
HEALTH_YEAR_END = YearEndSpec(HEALTH, "Số: 05/TTr-HĐTĐKT", dt.date(2022, 1, 6), 11, place="Hải Phòng",
                              body=HEALTH_BODY)  # fmt: skip


# The people of the history's scenarios (thidua.demo.history_seed), by the start of their story.
HOA = "Bằng khen thành phố: đủ điều kiện (2 năm CSTĐCS"
THU_HA = "Bằng khen thành phố: thiếu 1 sáng kiến"
INVESTIGATED = "Bằng khen thành phố: không đủ điều kiện, đang bị xem xét"
TEACHER = "Bằng khen thành phố: đủ điều kiện nhờ 2 năm học"
PM_LEADER = "Bằng khen Thủ tướng: đủ điều kiện"
HEALTH_DIRECTOR = "Huân chương Lao động hạng Ba: đủ điều kiện"
AN_BIEN = "Tập thể lao động xuất sắc: đủ điều kiện"


# --- Documents: small real Word and PDF files ------------------------------------------------------------------------

PDF_LINES = 52  # what fits on the A4 page at 14 points a line
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


def _paragraph(text: str, *, bold: bool = False, center: bool = False) -> str:
    properties = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{properties}<w:r>{run_properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_document(heading: Sequence[str], title: str, lines: Sequence[str]) -> bytes:
    """A Word document (the three parts WordprocessingML needs, A4 page) with a heading, a title and paragraphs.
    The zip's entries carry a fixed date, so the same text always gives the same bytes."""
    body = "".join(_paragraph(text, bold=True, center=True) for text in heading)
    body += _paragraph(title, bold=True, center=True) + "".join(_paragraph(line) for line in lines)
    section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" '
               'w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>')  # fmt: skip
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}">'
                f"<w:body>{body}{section}</w:body></w:document>")  # fmt: skip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELATIONSHIPS),
                           ("word/document.xml", document)):  # fmt: skip
            archive.writestr(zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    return buffer.getvalue()


_ASCII = str.maketrans({"đ": "d", "Đ": "D", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


def ascii_text(text: str) -> str:
    """The text without diacritics (đ → d) and with plain quotes: the PDF's standard font has no Vietnamese
    letters."""
    text = text.translate(_ASCII)
    text = "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))
    return text.encode("ascii", "replace").decode("ascii")


def _pdf_string(text: str) -> str:
    return "(" + ascii_text(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_document(heading: Sequence[str], title: str, lines: Sequence[str]) -> bytes:
    """A one-page A4 PDF (catalog, pages, page, font, content stream, cross-reference table) with the same text,
    wrapped at 90 characters (the demo's documents are a few short paragraphs: they fit on the page)."""
    shown = [*heading, "", *textwrap.wrap(title, 90), "", *(part for line in lines for part in textwrap.wrap(line, 90))]
    commands = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
    for line in shown[:PDF_LINES]:
        commands.append(f"{_pdf_string(line)} Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


@dataclass(frozen=True)
class Document:
    """One document of a dossier or of one entry, in the formats the demo attaches."""

    kind: str  # a DocumentKind code
    name: str  # the file name without extension
    heading: tuple[str, ...]
    title: str
    lines: tuple[str, ...]
    formats: tuple[str, ...] = ("pdf",)

    def uploads(self) -> list[SimpleUploadedFile]:
        files = []
        for kind in self.formats:
            if kind == "pdf":
                files.append(
                    SimpleUploadedFile(
                        f"{self.name}.pdf", pdf_document(self.heading, self.title, self.lines), "application/pdf"
                    )
                )
            else:
                files.append(
                    SimpleUploadedFile(
                        f"{self.name}.docx", docx_document(self.heading, self.title, self.lines), DOCX_TYPE
                    )
                )
        return files


def _heading(body: str, number: str = "", place_day: str = "") -> tuple[str, ...]:
    """An official document's heading: the issuing body, the national motto, the number, the place and day."""
    lines = (body, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", number, place_day)
    return tuple(line for line in lines if line)


# --- Who acts --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actors:
    officer: User  # canbo.lechan: prepares Lê Chân's dossiers
    head: User  # thutruong.lechan: submits, resubmits, withdraws
    tn_officer: User  # canbo.thuynguyen
    board: User  # bantdkt: receives, returns, appraises, consultation, records the centre's answer
    board_head: User  # truongban: assigns, approves, rejects, forwards, closes
    secretary: User  # thuky
    chair: User  # chutich.hd
    admin: User  # quantri: acts for Sở Y tế, which has no demo account


def _actors() -> Actors:
    users = {
        user.username: user for user in User.objects.filter(username__in=[spec.username for spec in haiphong.ACCOUNTS])
    }
    return Actors(
        officer=users["canbo.lechan"], head=users["thutruong.lechan"], tn_officer=users["canbo.thuynguyen"],
        board=users["bantdkt"], board_head=users["truongban"], secretary=users["thuky"], chair=users["chutich.hd"],
        admin=users["quantri"],
    )  # fmt: skip


@dataclass
class Scene:
    """What the steps share: the actors, the movement, the city's authority, the award types of 2021."""

    context: SeedContext
    actors: Actors
    movement: Movement
    city: Authority
    awards: dict[str, AwardType]
    kinds: dict[str, DocumentKind]
    cast: dict[str, object]

    def unit(self, code: str) -> OrgUnit:
        return self.context.unit(code)

    def award(self, code: str) -> AwardType:
        return self.awards[code]


def _cast(context: SeedContext) -> dict[str, object]:
    """The history's scenario subjects by the start of their story."""
    _scripts, _unit_scripts, cast = history_seed.scenario_scripts(context)
    found = {}
    for prefix in (HOA, THU_HA, INVESTIGATED, TEACHER, PM_LEADER, HEALTH_DIRECTOR, AN_BIEN):
        story = next(story for story in cast if story.startswith(prefix))
        found[prefix] = cast[story][0]
    return found


def _member(unit: OrgUnit, position: str) -> Person:
    """The current member of ``unit`` whose position starts with ``position`` (the first by name)."""
    membership = (
        Membership.objects.current()
        .filter(unit=unit, is_primary=True, position__startswith=position)
        .select_related("person")
        .order_by("person__sort_key", "person_id")
        .first()
    )
    if membership is None:
        raise LookupError(f"The demo has no “{position}” in {unit.code}.")
    return membership.person


# --- The step --------------------------------------------------------------------------------------------------------


def dossiers_done() -> bool:
    return Dossier.objects.filter(kind=DossierKind.YEAR_END, year=YEAR, unit__code=HEALTH).exists()


def seed_dossiers(context: SeedContext) -> None:
    """The movement's dossiers in every state, the council's session, and the 2021 year-end round."""
    movement = Movement.objects.get(issuer_unit__code=plan.ISSUER, title=plan.TITLE, parent=None)
    scene = Scene(
        context=context, actors=_actors(), movement=movement,
        city=Authority.objects.get(unit=context.unit(plan.ISSUER), kind__code=plan.ISSUING_AUTHORITY),
        awards={award.code: award for award in AwardType.objects.in_force(plan.AWARDS_IN_FORCE_ON)},
        kinds={kind.code: kind for kind in DocumentKind.objects.all()}, cast=_cast(context),
    )  # fmt: skip
    first = _le_chan_first_ad_hoc(scene)
    review = _le_chan_review(scene)
    _health_review(scene)
    _session(scene, {**first, **review})
    _after_the_session(scene, first, review)
    _le_chan_second_ad_hoc(scene)
    _le_chan_supplement(scene)
    _le_chan_withdrawn(scene)
    _thuy_nguyen_draft(scene)
    _year_end(scene)


# --- Building blocks -------------------------------------------------------------------------------------------------


def _create(scene: Scene, unit: OrgUnit, *, by, title: str, kind: str = DossierKind.MOVEMENT,
            milestone: str | None = None) -> Dossier:  # fmt: skip
    found = scene.movement.milestones.filter(kind=milestone).first() if milestone else None
    return services.create_dossier(unit, by=by, kind=kind, title=title, authority=scene.city,
                                   movement=scene.movement, milestone=found, year=YEAR)  # fmt: skip


def _add(scene: Scene, dossier: Dossier, *, by, award: str, nominee, achievement: str) -> DossierEntry:
    nominee_field = "person" if isinstance(nominee, Person) else "unit"
    return services.add_entry(dossier, by=by, award_type=scene.award(award), achievement=achievement,
                              **{nominee_field: nominee})  # fmt: skip


def _attach(scene: Scene, dossier: Dossier, document: Document, *, by, entry: DossierEntry | None = None) -> None:
    for upload in document.uploads():
        workflow.add_attachment(dossier, by=by, upload=upload, document_kind=scene.kinds[document.kind],
                                entry=entry, title=document.title)  # fmt: skip


def _report(entry: DossierEntry, *, body: str, formats: tuple[str, ...] = ("pdf",), name: str = "") -> Document:
    """The achievement report (báo cáo thành tích) of one entry, from its nominee and achievement."""
    lines = (f"Đối tượng đề nghị: {entry.nominee_name}.", "Thành tích đạt được:", *entry.achievement.split("\n"),
             "Xác nhận của thủ trưởng đơn vị: đã ký, đóng dấu.")  # fmt: skip
    return Document("bao_cao_thanh_tich", name or f"bao-cao-thanh-tich-{entry.pk}", _heading(body),
                    f"BÁO CÁO THÀNH TÍCH đề nghị tặng {entry.award_type.name}", lines, formats)  # fmt: skip


def _dossier_documents(dossier: Dossier, *, body: str, number: str, day: str, council_day: str,
                       formats: tuple[str, ...] = ("pdf",)) -> list[Document]:  # fmt: skip
    """The tờ trình and the minutes of the unit's council (Hội đồng Thi đua - Khen thưởng) of a dossier."""
    entries = list(dossier.entries.select_related("award_type", "person", "unit").order_by("pk"))
    listing = tuple(f"{index}. {entry.nominee_name}: {entry.award_type.name}."
                    for index, entry in enumerate(entries, start=1))  # fmt: skip
    return [
        Document("to_trinh", f"to-trinh-{dossier.pk}", _heading(body, number, day), f"TỜ TRÌNH {dossier.title}",
                 ("Kính gửi: Chủ tịch Ủy ban nhân dân thành phố (qua Ban Thi đua - Khen thưởng).",
                  f"Căn cứ phong trào thi đua “{plan.TITLE}”, đơn vị đề nghị khen thưởng:", *listing,
                  "Hồ sơ kèm theo: biên bản họp Hội đồng Thi đua - Khen thưởng, báo cáo thành tích."), formats),
        Document("bien_ban_hoi_dong", f"bien-ban-hoi-dong-{dossier.pk}", _heading(body, place_day=council_day),
                 "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                 (f"Hội đồng họp ngày {council_day}, có mặt đủ thành viên, xét và thống nhất đề nghị:", *listing,
                  "Kết quả biểu quyết: 100% thành viên có mặt đồng ý."), formats),
    ]  # fmt: skip


def _attach_all(scene: Scene, dossier: Dossier, documents: list[Document], *, by) -> None:
    for document in documents:
        _attach(scene, dossier, document, by=by)


def _checklist(entry: DossierEntry, *, by, problems: dict[str, str] | None = None) -> None:
    """Every item of the appraisal checklist: satisfied, except ``problems`` (item → the officer's note)."""
    problems = problems or {}
    for item in CheckItem.values:
        note = problems.get(item, "")
        checks.save_check(entry, item, by=by, ok=item not in problems, note=note)


def _appraise(scene: Scene, entry: DossierEntry, *, notes: str, problems: dict[str, str] | None = None
              ) -> DossierEntry:  # fmt: skip
    board = scene.actors.board
    _checklist(entry, by=board, problems=problems)
    recommendation = Recommendation.NOT_PROPOSE if problems else Recommendation.PROPOSE
    return workflow.appraise(entry, by=board, recommendation=recommendation, notes=notes)


def _fresh(entry: DossierEntry) -> DossierEntry:
    return DossierEntry.objects.select_related("dossier", "award_type").get(pk=entry.pk)


# --- Quận Lê Chân, đột xuất đợt 1: closed ----------------------------------------------------------------------------


def _le_chan_first_ad_hoc(scene: Scene) -> dict[str, DossierEntry]:
    actors = scene.actors
    district = scene.unit("HP-LC")
    dossier = _create(scene, district, by=actors.officer, kind=DossierKind.AD_HOC,
                      title="Đề nghị khen thưởng đột xuất tập thể, cá nhân có thành tích xuất sắc trong đợt cao điểm "
                            "phòng, chống dịch Covid-19 (đợt 1) – phong trào “Mục tiêu kép”")  # fmt: skip
    an_bien = _add(scene, dossier, by=actors.officer, award="BK_TTG", nominee=scene.cast[AN_BIEN], achievement=(
        "Ủy ban nhân dân phường An Biên chỉ đạo 03 tổ dân phố lập 12 tổ COVID cộng đồng, tổ chức tiêm vắc-xin cho "
        "98,6% người từ 18 tuổi trở lên; không để dịch lây lan trong khu dân cư.\n"
        "Duy trì 100% hộ kinh doanh hoạt động an toàn, thu ngân sách năm 2021 đạt 112% dự toán."
    ))  # fmt: skip
    thu_ha = _add(scene, dossier, by=actors.officer, award="BK_TINH", nominee=scene.cast[THU_HA], achievement=(
        "Chuyên viên Phòng Nội vụ quận: tham mưu tổ chức trực chốt kiểm soát dịch tại các cửa ngõ của quận; "
        "có sáng kiến “Quản lý danh sách người cách ly tại nhà bằng bảng tính dùng chung” (năm 2021)."
    ))  # fmt: skip
    documents = _dossier_documents(dossier, body=DISTRICT_BODY, number="Số: 412/TTr-UBND",
                                   day="Lê Chân, ngày 20 tháng 12 năm 2021", council_day="17/12/2021",
                                   formats=("pdf", "docx"))  # fmt: skip
    _attach_all(scene, dossier, documents, by=actors.officer)
    _attach(scene, dossier, _report(an_bien, body="ỦY BAN NHÂN DÂN PHƯỜNG AN BIÊN", formats=("pdf", "docx")),
            by=actors.officer, entry=an_bien)  # fmt: skip
    _attach(scene, dossier, _report(thu_ha, body=DISTRICT_BODY), by=actors.officer, entry=thu_ha)
    workflow.submit(dossier, by=actors.head)
    workflow.receive(dossier, by=actors.board)
    workflow.assign(dossier, by=actors.board_head, officer=actors.board)
    _appraise(scene, an_bien, notes="Tập thể tiêu biểu của quận trong phòng, chống dịch; đủ điều kiện trình Thủ "
                                    "tướng Chính phủ tặng Bằng khen.")  # fmt: skip
    _appraise(
        scene,
        thu_ha,
        notes="Sáng kiến năm 2020 đã dùng để xét Chiến sĩ thi đua cơ sở năm 2020; chỉ còn 01 sáng kiến chưa sử dụng.",
        problems={CheckItem.ELIGIBILITY: "Chưa đủ 02 sáng kiến được công nhận chưa dùng để xét khen thưởng."},
    )
    workflow.reject(thu_ha, by=actors.board_head,
                    reason="Chưa đủ điều kiện tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố: thiếu 01 sáng "
                           "kiến được công nhận (sáng kiến năm 2020 đã dùng để xét danh hiệu Chiến sĩ thi đua cơ "
                           "sở).")  # fmt: skip
    return {"dossier": dossier, "an_bien": an_bien}


# --- Quận Lê Chân, sơ kết năm 2021: received -------------------------------------------------------------------------


def _le_chan_review(scene: Scene) -> dict:
    actors = scene.actors
    district = scene.unit("HP-LC")
    dossier = _create(
        scene,
        district,
        by=actors.officer,
        milestone=MilestoneKind.INTERIM_REVIEW,
        title="Đề nghị khen thưởng sơ kết năm 2021 phong trào thi đua “Mục tiêu kép” của quận Lê Chân",
    )
    add = _add  # short: seven entries follow
    hoa = add(scene, dossier, by=actors.officer, award="BK_TINH", nominee=scene.cast[HOA], achievement=(
        "Công chức Tư pháp - Hộ tịch phường An Biên: giải quyết đúng hạn 100% hồ sơ hộ tịch trong thời gian giãn "
        "cách; 02 năm liền Chiến sĩ thi đua cơ sở (2020, 2021)."
    ))  # fmt: skip
    teacher = add(scene, dossier, by=actors.officer, award="BK_TINH", nominee=scene.cast[TEACHER], achievement=(
        "Giáo viên Trường THCS Trần Phú: xây dựng kho bài giảng trực tuyến dùng chung cho khối 8 trong thời gian "
        "học sinh học trực tuyến; 02 năm học liên tục hoàn thành xuất sắc nhiệm vụ."
    ))  # fmt: skip
    investigated = add(scene, dossier, by=actors.officer, award="BK_TINH", nominee=scene.cast[INVESTIGATED],
                       achievement="Chuyên viên Văn phòng HĐND và UBND quận: tham mưu vận hành Trung tâm chỉ huy "
                                   "phòng, chống dịch của quận.")  # fmt: skip
    school = add(scene, dossier, by=actors.officer, award="BK_TINH", nominee=scene.unit("HP-LC-S1"), achievement=(
        "Trường THCS Trần Phú: duy trì dạy học trực tuyến cho 100% học sinh, hỗ trợ 86 thiết bị học tập cho học sinh "
        "khó khăn trong chương trình “Sóng và máy tính cho em”."
    ))  # fmt: skip
    leader = add(scene, dossier, by=actors.officer, award="BK_TTG", nominee=scene.cast[PM_LEADER], achievement=(
        "Phó Chủ tịch Ủy ban nhân dân quận, Phó Trưởng Ban Chỉ đạo phòng, chống dịch của quận: chỉ đạo tiêm vắc-xin "
        "cho 97,8% người dân từ 18 tuổi trở lên; quận hoàn thành 108% kế hoạch thu ngân sách năm 2021."
    ))  # fmt: skip
    district_entry = add(scene, dossier, by=actors.officer, award="BK_TTG", nominee=district, achievement=(
        "Quận Lê Chân: thực hiện hiệu quả “mục tiêu kép”, tăng trưởng giá trị sản xuất 9,2%; không có ổ dịch kéo "
        "dài; dẫn đầu Cụm thi đua các quận năm 2021."
    ))  # fmt: skip
    kenh_duong = _member(scene.unit("HP-LC-KD"), "Chủ tịch")
    ward_chair = add(scene, dossier, by=actors.officer, award="BK_TTG", nominee=kenh_duong,
                     achievement="Chủ tịch Ủy ban nhân dân phường Kênh Dương: chỉ đạo lập chốt kiểm soát dịch và tổ "
                                 "COVID cộng đồng tại 100% tổ dân phố.")  # fmt: skip
    documents = _dossier_documents(dossier, body=DISTRICT_BODY, number="Số: 37/TTr-UBND",
                                   day="Lê Chân, ngày 10 tháng 01 năm 2022", council_day="07/01/2022",
                                   formats=("pdf", "docx"))  # fmt: skip
    _attach_all(scene, dossier, documents, by=actors.officer)
    for entry in (hoa, teacher, investigated, school):
        _attach(scene, dossier, _report(entry, body=DISTRICT_BODY), by=actors.officer, entry=entry)
    for entry in (leader, district_entry, ward_chair):
        _attach(scene, dossier, _report(entry, body=DISTRICT_BODY, formats=("pdf", "docx")), by=actors.officer,
                entry=entry)  # fmt: skip
    workflow.submit(dossier, by=actors.head)
    # The board sends one entry back for completion; the unit completes it and submits again.
    workflow.return_entry(hoa, by=actors.board, reason=(
        "Báo cáo thành tích chưa có xác nhận của Chủ tịch Ủy ban nhân dân phường An Biên và chưa nêu số, ngày văn "
        "bản công nhận 02 sáng kiến. Đề nghị bổ sung."
    ))  # fmt: skip
    workflow.return_dossier(dossier, by=actors.board, reason="Trả lại để bổ sung hồ sơ của 01 cá nhân.")
    workflow.update_entry(_fresh(hoa), by=actors.officer, achievement=(
        "Công chức Tư pháp - Hộ tịch phường An Biên: giải quyết đúng hạn 100% hồ sơ hộ tịch trong thời gian giãn "
        "cách; 02 năm liền Chiến sĩ thi đua cơ sở (2020, 2021); 02 sáng kiến được Hội đồng sáng kiến quận công nhận "
        "(Quyết định số 1125/QĐ-UBND ngày 15/11/2020 và số 1290/QĐ-UBND ngày 26/11/2021)."
    ))  # fmt: skip
    _attach(scene, dossier, _report(_fresh(hoa), body="ỦY BAN NHÂN DÂN PHƯỜNG AN BIÊN",
                                    name=f"bao-cao-thanh-tich-{hoa.pk}-bo-sung"),
            by=actors.officer, entry=hoa)  # fmt: skip
    workflow.resubmit(dossier, by=actors.head)
    workflow.receive(dossier, by=actors.board)
    workflow.assign(dossier, by=actors.board_head)  # automatic: the officer with the district's open dossier
    for entry in (hoa, teacher, school, leader, district_entry, ward_chair):
        _appraise(scene, _fresh(entry), notes="Hồ sơ đầy đủ, thành tích có xác nhận; đề nghị khen thưởng.")
    _appraise(
        scene,
        _fresh(investigated),
        notes="Cá nhân đang bị thanh tra xem xét từ ngày 27/12/2021.",
        problems={CheckItem.DISCIPLINE: "Đang trong thời gian bị xem xét (thanh tra), chưa có kết luận."},
    )
    workflow.reject(
        _fresh(investigated),
        by=actors.board_head,
        reason="Cá nhân đang trong thời gian bị xem xét, chưa đủ điều kiện đề nghị khen thưởng.",
    )
    workflow.approve(_fresh(hoa), by=actors.board_head)
    workflow.approve(_fresh(teacher), by=actors.board_head)
    return {"dossier": dossier, "leader": leader, "district": district_entry, "ward_chair": ward_chair}


# --- Sở Y tế: the Huân chương in public consultation -----------------------------------------------------------------


def _health_review(scene: Scene) -> None:
    actors = scene.actors
    health = scene.unit(HEALTH)
    dossier = _create(
        scene,
        health,
        by=actors.admin,
        milestone=MilestoneKind.INTERIM_REVIEW,
        title="Đề nghị khen thưởng sơ kết năm 2021 phong trào thi đua “Mục tiêu kép” của ngành Y tế",
    )
    director = _add(scene, dossier, by=actors.admin, award="HCLD3", nominee=scene.cast[HEALTH_DIRECTOR],
                    achievement=(
        "Giám đốc Sở Y tế, Phó Trưởng Ban Chỉ đạo phòng, chống dịch thành phố: chỉ đạo thiết lập 03 bệnh viện dã "
        "chiến, tiêm trên 2,4 triệu liều vắc-xin năm 2021; thành phố kiểm soát dịch, duy trì sản xuất tại các khu "
        "công nghiệp."
    ))  # fmt: skip
    hospital = _add(scene, dossier, by=actors.admin, award="BK_TINH", nominee=scene.unit("HP-SYT-BVVT"),
                    achievement=(
        "Bệnh viện Hữu nghị Việt Tiệp: tiếp nhận, điều trị trên 1.200 người bệnh COVID-19 nặng, tỷ lệ tử vong thấp; "
        "cử 145 lượt y, bác sĩ hỗ trợ các tỉnh phía Nam."
    ))  # fmt: skip
    documents = _dossier_documents(
        dossier,
        body=HEALTH_BODY,
        number="Số: 58/TTr-SYT",
        day="Hải Phòng, ngày 12 tháng 01 năm 2022",
        council_day="11/01/2022",
    )
    _attach_all(scene, dossier, documents, by=actors.admin)
    for entry in (director, hospital):
        _attach(scene, dossier, _report(entry, body=HEALTH_BODY), by=actors.admin, entry=entry)
    workflow.submit(dossier, by=actors.admin)
    workflow.receive(dossier, by=actors.board)
    workflow.assign(dossier, by=actors.board_head, officer=actors.board)
    _appraise(scene, _fresh(director), notes="Đủ điều kiện; đưa ra lấy ý kiến Nhân dân trước khi trình Hội đồng.")
    _appraise(scene, _fresh(hospital), notes="Hồ sơ đầy đủ; đề nghị tặng Bằng khen.")
    workflow.approve(_fresh(hospital), by=actors.board_head)
    found = consultation.open_consultation(
        scene.city, [_fresh(director)], by=actors.board,
        title="Lấy ý kiến Nhân dân về đề nghị tặng Huân chương Lao động hạng Ba – phong trào “Mục tiêu kép”",
        introduction="Ban Thi đua - Khen thưởng thành phố công khai đề nghị khen thưởng để Nhân dân góp ý trước khi "
                     "Hội đồng Thi đua - Khen thưởng thành phố xét.",
    )  # fmt: skip
    published = consultation.post_comment(
        found, author_name="Phạm Văn Lợi", contact="", entry=_fresh(director), sender_key="demo-1",
        body="Tôi là người dân phường Cát Dài, đồng ý với đề nghị khen thưởng. Ngành Y tế thành phố đã làm việc rất "
             "vất vả trong đợt dịch năm 2021.",
    )  # fmt: skip
    consultation.moderate(published, by=actors.board, publish=True)
    consultation.post_comment(
        found, author_name="Nguyễn Thị Lan Anh", contact="0912 345 678", entry=_fresh(director), sender_key="demo-2",
        body="Đề nghị làm rõ thêm kết quả tiêm vắc-xin mũi 3 tại các huyện ngoại thành trong báo cáo thành tích.",
    )  # fmt: skip


# --- The council's session -------------------------------------------------------------------------------------------

# The agenda (entries by their name in the dossiers above) and, per item, the choices of the members in their seating
# order (chair, secretary, members by account name); None: the member declares a conflict of interest and does not
# vote. The ballot is secret: the service keeps only the counts. The last fails (2 of 7, more than half needed).
VOTES = {
    "an_bien": ("for",) * 7,
    "leader": ("for",) * 6 + ("against",),
    "district": ("for", "for", None, "for", "for", "against", "for"),
    "ward_chair": ("for", "against", "against", "for", "against", "against", "against"),
}
RECUSAL = "Tôi nguyên là cán bộ Ủy ban nhân dân quận Lê Chân, xin không tham gia biểu quyết đề nghị này."
MINUTES = (
    "Hội đồng Thi đua - Khen thưởng thành phố họp, có mặt 7/7 thành viên. Hội đồng nghe Ban Thi đua - Khen thưởng "
    "báo cáo kết quả thẩm định; thảo luận và bỏ phiếu kín trực tuyến đối với 04 đề nghị trình Thủ tướng Chính phủ "
    "tặng Bằng khen. 01 thành viên xin không tham gia biểu quyết một đề nghị do có liên quan."
)


def _session(scene: Scene, entries: dict[str, DossierEntry]) -> None:
    """The secretary convenes every council member of the city and puts the entries on the agenda; the chair opens
    the vote, each member votes online on each item (one declares a conflict), the chair closes the vote."""
    actors = scene.actors
    session = council.schedule_session(scene.city, by=actors.secretary, title=SESSION_TITLE,
                                       meets_on=timezone.localdate(), place=SESSION_PLACE)  # fmt: skip
    council.add_to_agenda(session, [_fresh(entries[name]) for name in VOTES], by=actors.secretary)
    council.open_voting(session, by=actors.chair)
    members = list(session.members.select_related("user").order_by("pk"))
    for name, choices in VOTES.items():
        item = AgendaItem.objects.get(session=session, entry=entries[name])
        for member, choice in zip(members, choices, strict=True):
            if choice is None:
                council.declare_conflict(item, member, by=member.user, reason=RECUSAL)
            else:
                council.cast_vote(item, by=member.user, choice=VoteChoice(choice))
    council.close_voting(session, by=actors.chair, minutes=MINUTES)


def _after_the_session(scene: Scene, first: dict, review: dict) -> None:
    """The board head forwards what passed to the Thủ tướng; the centre decides the first; its dossier closes."""
    actors = scene.actors
    forwarding.forward([_fresh(first["an_bien"])], by=actors.board_head,
                       reason="Trình Thủ tướng Chính phủ tặng Bằng khen (qua Bộ Nội vụ).")  # fmt: skip
    forwarding.record_outcome(_fresh(first["an_bien"]), by=actors.board, decided=True,
                              reference="Quyết định số 1126/QĐ-TTg của Thủ tướng Chính phủ",
                              on=dt.date(2022, 9, 26))  # fmt: skip
    workflow.close(first["dossier"], by=actors.board_head)
    forwarding.forward([_fresh(review["leader"])], by=actors.board_head,
                       reason="Trình Thủ tướng Chính phủ tặng Bằng khen (qua Bộ Nội vụ).")  # fmt: skip


# --- Quận Lê Chân: submitted, returned, withdrawn; Huyện Thủy Nguyên: draft ------------------------------------------


def _simple_dossier(
    scene: Scene,
    unit: OrgUnit,
    *,
    by,
    title: str,
    kind: str,
    nominees: list[tuple[str, object, str]],
    number: str,
    day: str,
    council_day: str,
    body: str = DISTRICT_BODY,
) -> tuple[Dossier, list]:
    dossier = _create(scene, unit, by=by, title=title, kind=kind,
                      milestone=MilestoneKind.INTERIM_REVIEW if kind == DossierKind.MOVEMENT else None)  # fmt: skip
    entries = [_add(scene, dossier, by=by, award=award, nominee=nominee, achievement=achievement)
               for award, nominee, achievement in nominees]  # fmt: skip
    _attach_all(scene, dossier, _dossier_documents(dossier, body=body, number=number, day=day,
                                                   council_day=council_day), by=by)  # fmt: skip
    for entry in entries:
        _attach(scene, dossier, _report(entry, body=body), by=by, entry=entry)
    return dossier, entries


def _le_chan_second_ad_hoc(scene: Scene) -> None:
    actors = scene.actors
    dossier, _entries = _simple_dossier(
        scene, scene.unit("HP-LC"), by=actors.officer, kind=DossierKind.AD_HOC,
        title="Đề nghị khen thưởng đột xuất cá nhân có thành tích xuất sắc trong phòng, chống dịch Covid-19 (đợt 2) "
              "– phong trào “Mục tiêu kép”",
        nominees=[
            ("BK_TINH", _member(scene.unit("HP-LC-HK"), "Công chức"),
             "Công chức phường Hàng Kênh: trực tiếp điều phối 06 điểm tiêm vắc-xin lưu động cho người cao tuổi."),
            ("BK_TINH", _member(scene.unit("HP-LC-DHK"), "Chủ tịch"),
             "Chủ tịch Ủy ban nhân dân phường Dư Hàng Kênh: tổ chức “đi chợ hộ” cho 1.350 hộ trong thời gian "
             "phong tỏa khu dân cư."),
        ],
        number="Số: 03/TTr-UBND", day="Lê Chân, ngày 05 tháng 01 năm 2022", council_day="04/01/2022",
    )  # fmt: skip
    workflow.submit(dossier, by=actors.head)
    workflow.assign(dossier, by=actors.board_head)


def _le_chan_supplement(scene: Scene) -> None:
    actors = scene.actors
    dossier, entries = _simple_dossier(
        scene, scene.unit("HP-LC"), by=actors.officer, kind=DossierKind.MOVEMENT,
        title="Đề nghị khen thưởng bổ sung sơ kết năm 2021 phong trào thi đua “Mục tiêu kép” của quận Lê Chân",
        nominees=[
            ("BK_TINH", _member(scene.unit("HP-LC-PGD"), "Chuyên viên"),
             "Chuyên viên Phòng Giáo dục và Đào tạo: tham mưu tổ chức dạy học trực tuyến cho 42 trường trên địa bàn."),
            ("BK_TINH", _member(scene.unit("HP-LC-VN"), "Phó Chủ tịch"),
             "Phó Chủ tịch Ủy ban nhân dân phường Vĩnh Niệm: chỉ đạo hỗ trợ 2.100 lao động tự do gặp khó khăn do "
             "dịch."),
        ],
        number="Số: 52/TTr-UBND", day="Lê Chân, ngày 18 tháng 01 năm 2022", council_day="17/01/2022",
    )  # fmt: skip
    workflow.submit(dossier, by=actors.head)
    workflow.return_entry(entries[0], by=actors.board, reason=(
        "Báo cáo thành tích chưa nêu kết quả cụ thể, chưa có xác nhận của Trưởng phòng Giáo dục và Đào tạo. Đề nghị "
        "hoàn thiện theo Mẫu số 05."
    ))  # fmt: skip
    workflow.return_dossier(dossier, by=actors.board,
                            reason="Trả lại để đơn vị bổ sung báo cáo thành tích của 01 cá nhân.")  # fmt: skip


def _le_chan_withdrawn(scene: Scene) -> None:
    actors = scene.actors
    dossier, _entries = _simple_dossier(
        scene, scene.unit("HP-LC"), by=actors.officer, kind=DossierKind.MOVEMENT,
        title="Đề nghị khen thưởng tập thể, cá nhân trong phong trào thi đua “Mục tiêu kép” năm 2021 (Văn phòng HĐND "
              "và UBND quận)",
        nominees=[("BK_TINH", _member(scene.unit("HP-LC-VP"), "Chánh"),
                   "Chánh Văn phòng HĐND và UBND quận: tham mưu điều hành Trung tâm chỉ huy phòng, chống dịch.")],
        number="Số: 15/TTr-UBND", day="Lê Chân, ngày 07 tháng 01 năm 2022", council_day="06/01/2022",
    )  # fmt: skip
    workflow.submit(dossier, by=actors.head)
    workflow.withdraw(dossier, by=actors.head, reason=(
        "Rút hồ sơ để tổng hợp vào hồ sơ đề nghị khen thưởng sơ kết năm 2021 của quận (tránh đề nghị trùng)."
    ))  # fmt: skip


def _thuy_nguyen_draft(scene: Scene) -> None:
    actors = scene.actors
    district = scene.unit("HP-TN")
    dossier = _create(scene, district, by=actors.tn_officer, milestone=MilestoneKind.INTERIM_REVIEW,
                      title="Đề nghị khen thưởng sơ kết năm 2021 phong trào thi đua “Mục tiêu kép” của huyện Thủy "
                            "Nguyên")  # fmt: skip
    _add(scene, dossier, by=actors.tn_officer, award="BK_TINH", nominee=scene.unit("HP-TN-MD"),
         achievement="Thị trấn Minh Đức: duy trì sản xuất an toàn tại các cơ sở đóng tàu, không có ca mắc trong "
                     "doanh nghiệp.")  # fmt: skip
    _add(
        scene,
        dossier,
        by=actors.tn_officer,
        award="BK_TINH",
        nominee=_member(scene.unit("HP-TN-MD"), "Chủ tịch"),
        achievement="Chủ tịch Ủy ban nhân dân thị trấn Minh Đức: chỉ đạo lập 8 chốt kiểm soát dịch.",
    )
    documents = _dossier_documents(
        dossier,
        body="ỦY BAN NHÂN DÂN HUYỆN THỦY NGUYÊN",
        number="Số: …/TTr-UBND",
        day="Thủy Nguyên, ngày … tháng 01 năm 2022",
        council_day="…/01/2022",
    )
    _attach(scene, dossier, documents[0], by=actors.tn_officer)  # the tờ trình only: the rest is still missing


# --- The 2021 year-end round -----------------------------------------------------------------------------------------


def _year_end(scene: Scene) -> None:
    """Three wards of Lê Chân, then Sở Y tế with its hospitals: each builds its Lao động tiên tiến list from the
    sweep, records its council's meeting, attaches the tờ trình and the minutes, and submits."""
    actors = scene.actors
    for spec in YEAR_END_WARD_SPECS:
        ward = scene.unit(spec.unit)
        authority = Authority.objects.get(unit=ward, kind__code="ct_ubnd_xa")
        _year_end_dossier(scene, spec, ward, authority, by=actors.officer, submitter=actors.head)
    added = _hospital_staff(scene.context)
    health = scene.unit(HEALTH)
    record_action(health, code="orgs.person.demo_seeded", by=None, data={"people": added, "memberships": added})
    authority = Authority.objects.get(unit=health, kind__code="gd_so")
    _year_end_dossier(scene, HEALTH_YEAR_END, health, authority, by=actors.admin, submitter=actors.admin)


def _year_end_dossier(scene: Scene, spec: YearEndSpec, unit: OrgUnit, authority: Authority, *, by, submitter
                      ) -> Dossier:  # fmt: skip
    # Lao động tiên tiến has a judgement condition ("tinh thần tự lực …"): the sweep says "to weigh" at best.
    dossier = year_end.build_year_end_dossier(unit, by=by, year=YEAR, authority=authority,
                                              statuses=(Status.ELIGIBLE, Status.TO_WEIGH))  # fmt: skip
    count = dossier.entries.count()
    notes = (f"Hội đồng Thi đua - Khen thưởng họp ngày {spec.met_on:%d/%m/%Y}, có mặt {spec.members}/{spec.members} "
             f"thành viên, thống nhất đề nghị công nhận danh hiệu Lao động tiên tiến năm {YEAR} cho {count} cá "
             "nhân.")  # fmt: skip
    dossier = workflow.record_own_council(dossier, by=by, met_on=spec.met_on, members=spec.members,
                                          present=spec.members, notes=notes)  # fmt: skip
    body = spec.body or f"ỦY BAN NHÂN DÂN {unit.name.upper()}"
    day = f"{spec.place}, ngày {spec.met_on.day:02d} tháng {spec.met_on.month:02d} năm {spec.met_on.year}"
    request = (f"Kính gửi: {authority.name}.",
               f"Đề nghị công nhận danh hiệu Lao động tiên tiến năm {YEAR} cho {count} cá nhân (danh sách kèm theo), "
               "hoàn thành tốt nhiệm vụ trở lên, có tinh thần tự lực, đoàn kết, tích cực tham gia phong trào thi "
               "đua.")  # fmt: skip
    for document in (
        Document("to_trinh", f"to-trinh-tong-ket-{YEAR}-{dossier.pk}", _heading(body, spec.number, day),
                 f"TỜ TRÌNH đề nghị công nhận danh hiệu Lao động tiên tiến năm {YEAR}", request),
        Document("bien_ban_hoi_dong", f"bien-ban-hoi-dong-{YEAR}-{dossier.pk}", _heading(body, place_day=day),
                 "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", (notes,)),
    ):  # fmt: skip
        _attach(scene, dossier, document, by=by)
    return workflow.submit(dossier, by=submitter)


def _hospital_staff(context: SeedContext) -> int:
    """The doctors, nurses and technicians of the city's hospitals the people step leaves out, with the ratings of
    their years of service (2016–2021): bulk inserts, like the people step's."""
    rng = context.rng("hospital_staff")
    names = NameGenerator(rng, reserved=haiphong.RESERVED_NAMES)
    ethnicities = {ethnicity.code: ethnicity for ethnicity in Ethnicity.objects.all()}
    slots = {slot.position: slot for slot in STAFF["hospital"]}
    on = dt.date(YEAR, 1, 1)
    hospitals = OrgUnit.objects.filter(parent=context.unit(HEALTH), kind__code="hospital").select_related("sector")
    people: list[Person] = []
    memberships: list[Membership] = []
    for hospital in hospitals.order_by("code"):
        for position, count in HOSPITAL_STAFF:
            slot = slots[position]
            for _index in range(count):
                name = names.person(female_share=slot.female_share)
                born = birth_date(rng, min_age=slot.min_age, max_age=slot.max_age, on=on)
                person = Person(
                    full_name=name.full_name, gender=name.gender, birth_date=born,
                    ethnicity=ethnicities.get(name.ethnicity_code), is_direct_worker=slot.is_direct_worker,
                    position_category=slot.category,
                    id_number=citizen_id(rng, birth=born, gender=name.gender) if rng.random() < 0.6 else "",
                )  # fmt: skip
                start = career_start(rng, born, first_age=slot.min_age, earliest=dt.date(1995, 1, 1),
                                     latest=dt.date(2019, 12, 1))  # fmt: skip
                people.append(person)
                memberships.append(Membership(person=person, unit=hospital, position=position, start_date=start))
    for person in people:
        person.fill_derived_fields()
    Person.objects.bulk_create(people, batch_size=500)
    PersonNameToken.objects.bulk_create([token for person in people for token in person.build_name_tokens()],
                                        batch_size=2000)  # fmt: skip
    for membership in memberships:
        membership.person_id = membership.person.pk
    Membership.objects.bulk_create(memberships, batch_size=500)
    ratings = []
    for membership in memberships:
        period_kind = membership.unit.sector.period_kind or PeriodKind.CALENDAR_YEAR
        for year in HISTORY_YEARS:
            if membership.start_date > dt.date(year, 12, 31):
                continue  # rated for the years they were on the staff at the end of
            draw = rng.random()
            level = (RatingLevel.EXCELLENT if draw < 0.15 else RatingLevel.GOOD if draw < 0.96
                     else RatingLevel.DONE)  # fmt: skip
            ratings.append(Rating(person_id=membership.person_id, level=level, rank=RATING_RANK[level],
                                  rated_unit=membership.unit, year=year, period_kind=period_kind))  # fmt: skip
    Rating.objects.bulk_create(ratings, batch_size=1000)
    return len(people)
