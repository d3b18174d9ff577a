"""The documents of decisions, as ``OfficialDocument`` (thidua.documents.layout) for the DOCX and PDF renderers:

- ``decision_document(decision)``: the QUYẾT ĐỊNH in the layout of NĐ 30/2020 — the authority's heading line, the
  legal bases in italics, "QUYẾT ĐỊNH:", Điều 1 (tặng / truy tặng …; an amendment "Điều chỉnh …", a revocation "Hủy bỏ
  …" of the decision it names), Điều 2 (the reward money: coefficient × base salary per award, and the total in
  figures and words, from the items' amounts — for a draft, as ``decisions.money`` would settle them today), Điều 3
  (who executes), the signature, "Nơi nhận", and the Danh sách kèm theo grouped by award type.
- ``extract_document(extract)``: the GIẤY XÁC NHẬN of a person's or a unit's awards, with the verification address
  and its QR code.

Builders only read: a draft's money is computed on unsaved copies of its items.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from thidua.catalog.models import Authority, AwardKind
from thidua.core.models import StoredFile
from thidua.core.uploads import discard, file_response, store_generated
from thidua.core.writes import acting_user
from thidua.decisions import money
from thidua.decisions.enums import DecisionFileKind, DecisionKind, DecisionState
from thidua.decisions.models import Decision, DecisionFile, DecisionItem, Extract
from thidua.documents import vn
from thidua.documents.http import document_response, file_name, render
from thidua.documents.layout import Appendix, OfficialDocument, Paragraph, Signature, Table, issuing_lines
from thidua.documents.wording import (
    KIND_WORDS,
    award_words,
    counts_text,
    end_sentence,
    in_vietnamese,
    join_words,
    kind_of,
    lines_of,
    person_title,
    roman,
    shorten,
    year_label_of,
)

logger = logging.getLogger(__name__)

# The list's columns: STT | Họ và tên / tên tập thể | Chức vụ, đơn vị | Thành tích | Số tiền (165 mm in all).
LIST_WIDTHS = [13.0, 41.0, 41.0, 45.0, 25.0]
LIST_ALIGNS = ["center", "left", "left", "left", "right"]


# --- Shared wording -------------------------------------------------------------------------------------------


def recipient_line(item) -> str:
    """The name as a list prints it: "Bà Nguyễn Thị Hoa" for a person, the name for a collective or household."""
    name = item.recipient_name or str(item.recipient or "")
    return f"{person_title(item.gender)}{name}" if kind_of(item) == "person" else name


def position_line(item) -> str:
    return ", ".join(part for part in (item.position, item.unit_name) if part)


def decision_reference(decision: Decision | None) -> str:
    """ "Quyết định số 12/QĐ-UBND ngày 05/3/2025 của Chủ tịch UBND thành phố Hải Phòng"."""
    if decision is None:
        return ""
    text = f"Quyết định số {decision.number_text or vn.BLANK}"
    if decision.signed_on:
        text += f" ngày {vn.short_date(decision.signed_on)}"
    return f"{text} của {decision.authority.name}"


def heading_line(authority, capacity: str) -> str:
    """The line above the bases: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" for a decision in the head's own
    name, the body alone ("ỦY BAN NHÂN DÂN …") for a collegial one signed "TM. …"."""
    body = " ".join(issuing_lines(authority.issuing_body))
    if (capacity or "").strip().upper().startswith("TM."):
        return body.upper()
    return f"{authority.signer_title} {body}".upper()


# --- Money ----------------------------------------------------------------------------------------------------


def settled_items(decision: Decision, items: list[DecisionItem]) -> list[DecisionItem]:
    """The items with their money: as stored once signed; for a draft, unsaved copies settled by
    ``decisions.money.settle`` on today's base salary (the items as they are when nothing can be computed yet)."""
    if decision.is_signed or any(item.amount is not None for item in items):
        return items
    copies = [copy.copy(item) for item in items]
    try:
        money.settle(copies, timezone.localdate())
    except (ObjectDoesNotExist, ValidationError):  # no base salary yet: a draft still prints, without figures
        logger.info("Draft decision %s: money not computed", decision.pk, exc_info=True)
        return items
    return copies


def money_article(items: list[DecisionItem], authority: Authority | None = None) -> list[Paragraph]:
    """Điều 2 of an award decision: one line per (award, recipient kind, amount) and the total."""
    paid = [item for item in items if item.amount is not None]
    if not paid:
        return [Paragraph(
            "Tiền thưởng kèm theo các hình thức khen thưởng tại Điều 1 thực hiện theo quy định của pháp luật về thi "
            "đua, khen thưởng.", lead="Điều 2. ",
        )]  # fmt: skip
    paragraphs = [Paragraph(
        "Tiền thưởng kèm theo (hệ số × mức lương cơ sở tại thời điểm ban hành quyết định, làm tròn lên hàng chục "
        "nghìn đồng theo quy định):", lead="Điều 2. ",
    )]  # fmt: skip
    groups: OrderedDict[tuple, list[DecisionItem]] = OrderedDict()
    for item in paid:
        if not item.amount:
            continue
        key = (item.award_type.name_given_by(authority), kind_of(item), item.coefficient, item.base_salary,
               item.amount)  # fmt: skip
        groups.setdefault(key, []).append(item)
    for (name, kind, coefficient, base, amount), members in groups.items():
        formula = ""
        if coefficient is not None and base:
            formula = f"{vn.decimal_text(coefficient)} × {vn.money(base)} đồng = "
        paragraphs.append(Paragraph(
            f"- {name} ({KIND_WORDS[kind]}): {formula}{vn.money(amount)} đồng/{KIND_WORDS[kind]} × "
            f"{vn.count_text(len(members))} = {vn.money(amount * len(members))} đồng;", space_after=3,
        ))  # fmt: skip
    unpaid = [item for item in paid if not item.amount and item.money_note]
    if unpaid:
        paragraphs.append(Paragraph(
            f"- {vn.count_text(len(unpaid))} trường hợp không hưởng thêm tiền thưởng (ghi chú tại danh sách kèm theo);",
            space_after=3,
        ))  # fmt: skip
    total = sum(item.amount or 0 for item in paid)
    paragraphs.append(Paragraph(f"Tổng số tiền thưởng: {vn.money(total)} đồng (Bằng chữ: {vn.money_words(total)}).",
                                bold=True, space_after=3))  # fmt: skip
    paragraphs.append(Paragraph("Kinh phí khen thưởng trích từ Quỹ thi đua, khen thưởng theo quy định hiện hành."))
    return paragraphs


# --- The decision ---------------------------------------------------------------------------------------------


def _groups(items: list[DecisionItem]) -> OrderedDict[tuple, list[DecisionItem]]:
    """Items by (award type, posthumous), in the order they first appear."""
    groups: OrderedDict[tuple, list[DecisionItem]] = OrderedDict()
    for item in items:
        groups.setdefault((item.award_type_id, item.posthumous), []).append(item)
    return groups


def _verb(posthumous: bool) -> str:
    return "Truy tặng" if posthumous else "Tặng"


def _award_article(decision: Decision, items: list[DecisionItem]) -> list[Paragraph]:
    groups = _groups(items)
    merit = ""
    if decision.movement_id:
        merit = f", đã có thành tích xuất sắc trong phong trào thi đua “{decision.movement.title}”"
    if len(groups) == 1:
        members = next(iter(groups.values()))
        award_type, posthumous = members[0].award_type, members[0].posthumous
        words = award_words(award_type, year_label=year_label_of(members), authority=decision.authority)
        achievement = merit or ("" if award_type.kind == AwardKind.TITLE else ", đã có thành tích xuất sắc")
        return [Paragraph(
            f"{_verb(posthumous)} {words} cho {counts_text(members)} có tên trong danh sách kèm theo{achievement}.",
            lead="Điều 1. ",
        )]  # fmt: skip
    paragraphs = [Paragraph(f"Khen thưởng {counts_text(items)} có tên trong danh sách kèm theo{merit}, cụ thể:",
                            lead="Điều 1. ", space_after=3)]  # fmt: skip
    for index, members in enumerate(groups.values(), start=1):
        words = award_words(members[0].award_type, year_label=year_label_of(members), authority=decision.authority)
        mark = "." if index == len(groups) else ";"
        paragraphs.append(Paragraph(f"{index}. {_verb(members[0].posthumous)} {words} cho {counts_text(members)}{mark}",
                                    space_after=3))  # fmt: skip
    return paragraphs


def _amendment_articles(decision: Decision, items: list[DecisionItem]) -> list[Paragraph]:
    reference = decision_reference(decision.amends) or "quyết định đã ban hành"
    if decision.kind == DecisionKind.REVOCATION:
        names = join_words(list(OrderedDict.fromkeys(
            award_words(item.revokes.award_type if item.revokes_id else item.award_type, authority=decision.authority)
            for item in items
        )))  # fmt: skip
        return [
            Paragraph(
                f"Hủy bỏ {names} đã tặng tại {reference} đối với {counts_text(items)} có tên trong danh sách kèm theo.",
                lead="Điều 1. ",
            ),
            Paragraph(
                "Các cá nhân, tập thể có tên tại Điều 1 có trách nhiệm nộp lại hiện vật khen thưởng và tiền "
                "thưởng đã nhận theo quy định.",
                lead="Điều 2. ",
            ),
        ]
    return [
        Paragraph(
            f"Điều chỉnh nội dung khen thưởng tại {reference} đối với {counts_text(items)} có tên trong danh sách "
            f"kèm theo.",
            lead="Điều 1. ",
        ),
        Paragraph(f"Các nội dung khác của {reference} giữ nguyên hiệu lực thi hành.", lead="Điều 2. "),
    ]


def _executors_article(decision: Decision) -> Paragraph:
    executors = " ".join(lines_of(decision.executors))
    if not executors:
        executors = (
            "Chánh Văn phòng, Thủ trưởng cơ quan Thi đua - Khen thưởng, Thủ trưởng các cơ quan, đơn vị có liên quan và "
            "các cá nhân, tập thể có tên tại Điều 1"
        )
    if "thi hành" not in executors:
        executors = f"{executors.rstrip('.;, ')} chịu trách nhiệm thi hành Quyết định này"
    text = f"Quyết định có hiệu lực thi hành kể từ ngày ký. {executors.rstrip('./ ')}./."
    return Paragraph(text, lead="Điều 3. ")


def _award_list(decision: Decision, items: list[DecisionItem]) -> list[Table]:
    tables = []
    for index, members in enumerate(_groups(items).values()):
        award_type, posthumous = members[0].award_type, members[0].posthumous
        rows = []
        for number, item in enumerate(members, start=1):
            achievement = shorten(item.achievement)
            if item.money_note:
                achievement = f"{achievement}\n({item.money_note})" if achievement else f"({item.money_note})"
            amount = vn.money(item.amount) if item.amount is not None else ""
            rows.append([str(number), recipient_line(item), position_line(item), achievement, amount])
        amounts = [item.amount for item in members if item.amount is not None]
        footer = ["", "Cộng", "", "", vn.money(sum(amounts))] if amounts else None
        words = award_words(award_type, year_label=year_label_of(members), authority=decision.authority)
        title = f"{roman(index)}. {_verb(posthumous).upper()} {words.upper()} ({counts_text(members)})"
        tables.append(Table(header=["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Thành tích",
                                    "Số tiền (đồng)"], rows=rows, widths_mm=LIST_WIDTHS, aligns=LIST_ALIGNS,
                            title=title, footer=footer))  # fmt: skip
    return tables


def _amendment_list(decision: Decision, items: list[DecisionItem]) -> list[Table]:
    old = decision.amends.number_text if decision.amends_id else ""
    rows = []
    for number, item in enumerate(items, start=1):
        award = item.revokes if decision.kind == DecisionKind.REVOCATION else item.replaces
        before = ""
        if award is not None:
            before = "; ".join(part for part in (award.recipient_name, award.position, award.unit_name,
                                                 award.award_type.name) if part)  # fmt: skip
        rows.append([str(number), recipient_line(item), position_line(item),
                     item.award_type.name_given_by(decision.authority), before])  # fmt: skip
    last = f"Nội dung tại Quyết định số {old}" if old else "Nội dung đã ghi"
    header = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng", last]
    if decision.kind == DecisionKind.REVOCATION:
        header = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức bị hủy bỏ", last]
    return [Table(header=header, rows=rows, widths_mm=[13.0, 39.0, 38.0, 36.0, 39.0],
                  aligns=["center", "left", "left", "left", "left"])]  # fmt: skip


@in_vietnamese
def decision_document(decision: Decision) -> OfficialDocument:
    """The QUYẾT ĐỊNH (with its Danh sách kèm theo) of a draft or signed decision."""
    decision = (
        Decision.objects.select_related("authority", "register", "movement", "amends__authority")
        .get(pk=decision.pk)
    )  # fmt: skip
    authority = decision.authority
    items = list(
        decision.items.select_related("award_type", "replaces__award_type", "revokes__award_type")
        .order_by("sort_order", "id")
    )  # fmt: skip
    signed = decision.is_signed
    symbol = decision.register.symbol if decision.register_id else f"QĐ-{authority.document_code}"
    if signed and decision.signed_on:
        place_date = vn.place_date(authority.place_name, decision.signed_on)
        list_date = vn.short_date(decision.signed_on)
    else:
        year = timezone.localdate().year
        place_date = vn.blank_place_date(authority.place_name, year)
        list_date = f"{vn.BLANK}/{vn.BLANK}/{year}"
    award = decision.kind == DecisionKind.AWARD
    if award:
        items = settled_items(decision, items)

    body = [Paragraph(heading_line(authority, decision.signing_capacity), align="center", bold=True,
                      indent_first=False, space_after=10)]  # fmt: skip
    bases = lines_of(decision.legal_basis)
    for line in bases:
        body.append(Paragraph(end_sentence(line, ";"), italic=True, space_after=4))
    for line in lines_of(decision.proposal):
        body.append(Paragraph(end_sentence(line), italic=True, space_after=4))
    body.append(Paragraph("QUYẾT ĐỊNH:", align="center", bold=True, indent_first=False, space_after=10))
    if award:
        body += _award_article(decision, items)
        body += money_article(items, decision.authority)
    else:
        body += _amendment_articles(decision, items)
    body.append(_executors_article(decision))

    number = decision.number_text or f"{vn.BLANK}/{symbol}"
    titles = {
        DecisionKind.AWARD: "DANH SÁCH\nCÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG",
        DecisionKind.AMENDMENT: "DANH SÁCH\nĐIỀU CHỈNH NỘI DUNG KHEN THƯỞNG",
        DecisionKind.REVOCATION: "DANH SÁCH\nCÁ NHÂN, TẬP THỂ BỊ HỦY BỎ KHEN THƯỞNG",
    }
    appendix = Appendix(
        title=titles.get(decision.kind, titles[DecisionKind.AWARD]),
        subtitle=f"(Kèm theo Quyết định số {number} ngày {list_date} của {authority.name})",
        blocks=_award_list(decision, items) if award else _amendment_list(decision, items),
    )
    position = decision.signer_position or authority.signer_title
    signature = Signature(capacity=decision.signing_capacity, position=position, name=decision.signer_name,
                          note="(Đã ký)" if signed and decision.signer_name else "")  # fmt: skip
    if signed:
        stem = f"Quyết định {decision.number_text}"
    else:
        stem = f"Dự thảo quyết định {decision.pk} – {decision.subject}"[:120]
    return OfficialDocument(
        issuing_body=authority.issuing_body,
        parent_body=authority.parent_body,
        kind_title="QUYẾT ĐỊNH",
        number_text=vn.number_line(decision.number_text, symbol),
        place_date=place_date,
        subject=decision.subject,
        body=body,
        signatures=[signature],
        recipients=lines_of(decision.recipients),
        appendix=appendix if items else None,
        draft=not signed,
        file_stem=stem,
    )


# --- The extract (giấy xác nhận) ------------------------------------------------------------------------------


def verification_url(code: str) -> str:
    """The public address a QR code opens: settings.THIDUA_SITE_URL + /verify/<code>."""
    try:
        path = reverse("verify", args=[code])
    except NoReverseMatch:  # the public verification page is not mounted (yet): its documented address
        path = f"/verify/{code}"
    return settings.THIDUA_SITE_URL.rstrip("/") + path


def _first(row: dict, *keys: str) -> str:
    for key in keys:
        value = row.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def _date_text(value) -> str:
    if isinstance(value, dt.date):
        return vn.short_date(value)
    if isinstance(value, str) and value:
        try:
            return vn.short_date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return ""


def extract_rows(awards: list[dict]) -> list[list[str]]:
    """The awards an extract keeps as table rows: Năm | Danh hiệu, hình thức | Số, ngày quyết định | Cơ quan.

    Reads the keys of ``Extract.awards`` rows: award_name (or award, name), period/period_label (or year),
    decision_number, decision_date (ISO or date), authority_name (or issuer, authority)."""
    rows = []
    for number, row in enumerate(awards or [], start=1):
        row = row if isinstance(row, dict) else {"award_name": str(row)}
        decision = _first(row, "decision_number")
        day = _date_text(row.get("decision_date"))
        reference = f"{decision}, ngày {day}" if decision and day else decision or day
        rows.append([
            str(number), _first(row, "period_label", "period", "year"), _first(row, "award_name", "award", "name"),
            reference, _first(row, "authority_name", "issuer", "authority"),
        ])  # fmt: skip
    return rows


@in_vietnamese
def extract_document(extract: Extract) -> OfficialDocument:
    """The GIẤY XÁC NHẬN of a person's or unit's awards as issued (``extract.awards``), with its QR code."""
    extract = Extract.objects.select_related("issuer", "person", "unit").get(pk=extract.pk)
    issuer = extract.issuer
    url = verification_url(extract.code)
    is_person = extract.person_id is not None
    subject_words = "cá nhân" if is_person else "tập thể"
    title = "Tập thể"
    if is_person:
        title = {"M": "Ông", "F": "Bà"}.get(extract.person.gender, "Ông/Bà")
    body = [
        Paragraph(f"{issuer.name} xác nhận:", space_after=4),
        Paragraph(f"{title}: {extract.subject_name}", bold=True, space_after=4),
    ]
    if is_person and extract.person.birth_year:
        body.append(Paragraph(f"Năm sinh: {extract.person.birth_year}", space_after=4))
    rows = extract_rows(extract.awards)
    if rows:
        body.append(Paragraph(f"đã được khen thưởng như sau (tính đến ngày {vn.short_date(extract.issued_on)}):",
                              space_after=6))  # fmt: skip
        body.append(Table(header=["STT", "Năm", "Danh hiệu, hình thức khen thưởng", "Số, ngày quyết định",
                                  "Cơ quan quyết định"], rows=rows, widths_mm=[13.0, 19.0, 52.0, 40.0, 41.0],
                          aligns=["center", "center", "left", "left", "left"]))  # fmt: skip
    else:
        body.append(Paragraph(f"chưa có khen thưởng nào được ghi nhận đến ngày {vn.short_date(extract.issued_on)}."))
    body.append(Paragraph(f"Giấy xác nhận này được cấp theo đề nghị của {subject_words} có tên trên để sử dụng theo "
                          f"quy định.", space_after=4))  # fmt: skip
    body.append(Paragraph(f"Tra cứu, xác thực giấy xác nhận tại địa chỉ {url} (mã xác thực: {extract.code}) hoặc quét "
                          f"mã QR trên giấy này.", align="left"))  # fmt: skip
    return OfficialDocument(
        issuing_body=issuer.issuing_body,
        parent_body=issuer.parent_body,
        kind_title="GIẤY XÁC NHẬN",
        subject="Khen thưởng của " + subject_words,
        number_text=vn.number_line("", f"GXN-{issuer.document_code}"),
        place_date=vn.place_date(issuer.place_name, extract.issued_on),
        body=body,
        signatures=[Signature(position=issuer.signer_title)],
        recipients=[f"{subject_words.capitalize()} có tên trên;", "Lưu: VT, TĐKT."],
        file_stem=f"Giấy xác nhận khen thưởng – {extract.subject_name}",
        qr_url=url,
    )


# --- The issued copy --------------------------------------------------------------------------------------------

ISSUED_KINDS = {"docx": DecisionFileKind.DECISION_DOCX, "pdf": DecisionFileKind.DECISION_PDF}


def issued_copy(decision: Decision, fmt: str, *, by) -> StoredFile:
    """A signed decision's document as it was first issued: rendered once, kept as the decision's file, and the same
    bytes ever after — a later change of wording, layout or catalog does not rewrite a decision already issued.

    Two first downloads at once may each keep a copy; the older is the one served."""
    kind = ISSUED_KINDS[fmt]
    kept = decision.files.filter(kind=kind).select_related("file").order_by("created_at", "pk").first()
    if kept is not None:
        return kept.file
    document = decision_document(decision)
    data = render(document, fmt)
    stored = None
    try:
        with transaction.atomic():
            stored = store_generated(data, name=file_name(document, fmt), kind=fmt, by=by)
            DecisionFile.objects.create(decision=decision, kind=kind, file=stored, created_by=acting_user(by))
    except BaseException:
        discard([stored])
        raise
    return stored


def decision_response(decision: Decision, fmt: str, *, by) -> HttpResponse:
    """The download of a decision's document (page and API): a draft rendered afresh, a signed one its issued copy."""
    if decision.state == DecisionState.SIGNED:
        return file_response(issued_copy(decision, fmt, by=by))
    return document_response(decision_document(decision), fmt)
