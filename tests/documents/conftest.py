"""The documents' scene, on the decisions scene (tests/decisions/conftest.py: the dossier scene with base salaries,
coefficients, the signer and the clerk): Quận Lê Chân's dossier to the city's
Chairman with Nguyễn Thị Hoa and Trần Văn Bình for the city's Bằng khen, submitted and received through the workflow;
a council session of the city that voted on two Chiến sĩ thi đua thành phố entries and closed; Hoa's history (a title
and a form in force, one award revoked, two yearly ratings); a draft and a signed decision of the city's Chairman
naming Hoa and Bình; and an extract of Hoa's awards.

Decisions are made here with the model constructors (a draft with its items; a signed one is a draft whose
number, date and state are then set and saved, as signing does) so that these tests need only the documents."""

# The dossier scene fixture is imported as the helpers' rules say; its parameters shadow the import by design.
# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.dossiers.workflow_scene import BINH, HOA, entry_of, received
from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from tests.factories.records import AwardFactory, RatingFactory
from thidua.decisions.enums import DecisionKind, DecisionState, Numbering, RegisterKind
from thidua.decisions.models import Decision, DecisionItem, Extract, Register
from thidua.dossiers import council
from thidua.dossiers.enums import DossierState, EntryState, Recommendation
from thidua.records.enums import RatingLevel

CITY_BODY = "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
SIGNED_ON = dt.date(2025, 3, 5)
SIGNER = "Lê Anh Quân"
EXTRACT_CODE = "XK7M2P9QR4TW"
VOTERS = ("chair", "secretary", "member1", "member2", "member3")


@pytest.fixture
def dossier(scene):
    """Quận Lê Chân's dossier, submitted by its head and received by the city's board."""
    return received(scene, nominees=((HOA, "BK_TINH"), (BINH, "BK_TINH")))


@pytest.fixture
def hoa_entry(dossier):
    return entry_of(dossier, HOA)


@pytest.fixture
def history(scene):
    """Hoa's history: Lao động tiên tiến 2023 and a city Bằng khen 2024 in force, a Chiến sĩ thi đua thành phố 2022
    revoked by a later decision, and her ratings of 2023 and 2024."""
    hoa = scene.people[HOA]
    city = scene.city_authority
    return {
        "title": AwardFactory(person=hoa, award_type=scene.awards["LDTT"], year=2023, recipient_name=HOA,
                              decision_number="812/QĐ-UBND", decision_date=dt.date(2023, 12, 22),
                              authority_name="Chủ tịch UBND quận Lê Chân"),
        "form": AwardFactory(person=hoa, award_type=scene.awards["BK_TINH"], year=2024, recipient_name=HOA,
                             decision_number="3998/QĐ-UBND", decision_date=dt.date(2024, 10, 7), authority=city,
                             authority_name=city.name),
        "revoked": AwardFactory(person=hoa, award_type=scene.awards["CSTD_TINH"], year=2022, recipient_name=HOA,
                                decision_number="1717/QĐ-UBND", decision_date=dt.date(2022, 12, 30),
                                revoked_on=dt.date(2023, 6, 1), revoked_reference="901/QĐ-UBND"),
        "ratings": [RatingFactory(person=hoa, year=2023, level=RatingLevel.EXCELLENT),
                    RatingFactory(person=hoa, year=2024, level=RatingLevel.GOOD)],
    }  # fmt: skip


def voted_entry(scene, dossier, name: str):
    """An entry for Chiến sĩ thi đua thành phố the board appraised and proposes (test setup, set on the row)."""
    person = scene.people[name]
    return DossierEntryFactory(dossier=dossier, award_type=scene.awards["CSTD_TINH"], person=person,
                               state=EntryState.APPRAISED, recommendation=Recommendation.PROPOSE,
                               recipient_name=person.full_name, gender="F" if name == HOA else "M",
                               unit_name="Phường An Biên", position="Chuyên viên")  # fmt: skip


@pytest.fixture
def planned_session(scene):
    """A session of the city's council with Hoa and Bình on the agenda, not yet voting."""
    received_dossier = DossierFactory(
        unit=scene.units["le_chan"],
        authority=scene.city_authority,
        state=DossierState.RECEIVED,
        title="Hồ sơ đề nghị tặng Chiến sĩ thi đua",
    )
    entries = [voted_entry(scene, received_dossier, name) for name in (HOA, BINH)]  # fmt: skip
    session = council.schedule_session(scene.city_authority, by=scene.users["secretary"], meets_on=dt.date(2025, 3, 14),
                                       title="Phiên họp Hội đồng Thi đua - Khen thưởng thành phố tháng 3/2025",
                                       place="Trụ sở Ủy ban nhân dân thành phố")  # fmt: skip
    council.add_to_agenda(session, entries, by=scene.users["secretary"])
    return session


@pytest.fixture
def closed_session(scene, planned_session):
    """The session voted online: Hoa 5/5 (passes 90 %), Bình 4/5 (fails), then closed by the chair."""
    session = council.open_voting(planned_session, by=scene.users["chair"])
    items = list(session.items.select_related("entry").order_by("pk"))
    for item, n_for in zip(items, (5, 4), strict=True):
        for index, name in enumerate(VOTERS):
            council.cast_vote(item, by=scene.users[name], choice="for" if index < n_for else "against")
    return council.close_voting(session, by=scene.users["chair"], minutes="Hội đồng thống nhất kết quả kiểm phiếu.")


def city_register(scene) -> Register:
    return Register.objects.get_or_create(
        authority=scene.city_authority, kind=RegisterKind.DECISION, symbol="QĐ-UBND",
        defaults={"numbering": Numbering.INTERNAL, "name": "Sổ quyết định khen thưởng"},
    )[0]  # fmt: skip


def new_decision(scene, **fields) -> Decision:
    values = {
        "authority": scene.city_authority, "register": city_register(scene), "kind": DecisionKind.AWARD,
        "subject": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố",
        "legal_basis": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
                       "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
                       "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 15 tháng 6 năm 2025 của Chính phủ;",
        "proposal": "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 252/TTr-SNV ngày 20 tháng 02 năm 2025.",
        "executors": "Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc Sở Nội vụ, Chủ tịch Ủy ban nhân dân quận "
                     "Lê Chân và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        "recipients": "Như Điều 3;\nChủ tịch, các Phó Chủ tịch UBND thành phố;\nLưu: VT, TĐKT.",
        "signing_capacity": "KT. CHỦ TỊCH", "signer_position": "PHÓ CHỦ TỊCH", "signer_name": SIGNER, **fields,
    }  # fmt: skip
    decision = Decision(**values)
    decision.save()
    return decision


def add_item(decision: Decision, scene, name: str, code: str = "BK_TINH", **fields) -> DecisionItem:
    person = scene.people[name]
    values = {"decision": decision, "person": person, "award_type": scene.awards[code], "year": 2025,
              "recipient_name": person.full_name, "gender": "F" if name == HOA else "M", "position": "Chuyên viên",
              "unit_name": "Phường An Biên", "achievement": f"Thành tích xuất sắc của {name} năm 2025.",
              **fields}  # fmt: skip
    item = DecisionItem(**values)
    item.save()
    return item


@pytest.fixture
def draft_decision(scene):
    decision = new_decision(scene)
    add_item(decision, scene, HOA)
    add_item(decision, scene, BINH)
    return decision


def sign_directly(decision: Decision, *, number: int, on: dt.date = SIGNED_ON) -> Decision:
    """Signing's end state, written on the draft's row (test setup: the signing service is helper B's)."""
    decision.state = DecisionState.SIGNED
    decision.number, decision.number_year = number, on.year
    decision.number_text = decision.register.format_number(number)
    decision.signed_on = on
    decision.save()
    return Decision.objects.get(pk=decision.pk)


@pytest.fixture
def signed_decision(scene):
    """05/QĐ-UBND of 05/3/2025: the city's Bằng khen (1,5 × 2.340.000 = 3.510.000 đồng each) for Hoa and Bình."""
    decision = new_decision(scene)
    money = {"coefficient": Decimal("1.5"), "base_salary": 2_340_000, "amount": 3_510_000}
    add_item(decision, scene, HOA, **money)
    add_item(decision, scene, BINH, **money)
    return sign_directly(decision, number=5)


@pytest.fixture
def extract(scene, history):
    hoa = scene.people[HOA]
    awards = [
        {"award_name": award.award_type.name, "year": award.year, "decision_number": award.decision_number,
         "decision_date": award.decision_date.isoformat(), "authority_name": award.authority_name}
        for award in (history["title"], history["form"])
    ]  # fmt: skip
    return Extract.objects.create(person=hoa, issuer=scene.city_authority, subject_name=HOA, awards=awards,
                                  issued_on=dt.date(2025, 4, 2), code=EXTRACT_CODE)  # fmt: skip


# --- LibreOffice (tests/documents/test_libreoffice.py) -------------------------------------------------------------

_skipped: list[str] = []


def find_soffice() -> str | None:
    """$SOFFICE_PATH, ``soffice`` on PATH, then Debian's /usr/bin/soffice."""
    for candidate in (os.environ.get("SOFFICE_PATH", ""), shutil.which("soffice") or "", "/usr/bin/soffice"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def soffice() -> str:
    """The soffice binary; without it a loud skip, or a failure when the CI environment variable is set."""
    found = find_soffice()
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is missing and CI is set: install Debian's libreoffice-writer-nogui.")
    message = "LIBREOFFICE CHECK NOT RUN: soffice not found"
    if message not in _skipped:
        _skipped.append(message)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter) -> None:
    if not _skipped:
        return
    terminalreporter.write_sep("!", "WARNING: the LibreOffice check was skipped", red=True, bold=True)
    for message in _skipped:
        terminalreporter.write_line(message, red=True, bold=True)
    terminalreporter.write_line(
        "Install Debian's libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui) or set SOFFICE_PATH, "
        "then run again.", red=True,
    )  # fmt: skip
    terminalreporter.write_sep("!", red=True, bold=True)
