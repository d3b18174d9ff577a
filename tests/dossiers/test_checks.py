"""The appraisal checklist: what the system finds for each item (documents, eligibility, caps, earlier awards,
discipline, the same nomination through two lines), the rows kept per entry, and the officer's findings.

Set-up: the dossiers are written in the state the test needs (a dossier of Quận Lê Chân received by the city's
board), without walking the workflow there; attachments are stored files linked directly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from tests.factories.files import pdf_upload
from tests.factories.records import AwardFactory, DisciplineFactory
from thidua.core.uploads import store_upload
from thidua.dossiers import checks, workflow
from thidua.dossiers.enums import CheckItem, DossierKind, DossierState, EntryState, Recommendation
from thidua.dossiers.models import DossierAttachment, DossierEvent, EntryCheck
from thidua.eligibility.models import Rule
from thidua.records.enums import DisciplineStatus

pytestmark = pytest.mark.django_db

YEAR = 2025


def received_entry(scene, award="BK_TINH", person="Nguyễn Thị Hoa", **dossier_fields):
    """An entry of a dossier of Quận Lê Chân, received by the city's board."""
    fields = {"unit": scene.units["le_chan"], "authority": scene.city_authority, "state": DossierState.RECEIVED,
              "kind": DossierKind.YEAR_END, "year": YEAR, "title": "Hồ sơ khen thưởng năm 2025 của quận Lê Chân",
              **dossier_fields}  # fmt: skip
    dossier = DossierFactory(**fields)
    return DossierEntryFactory(dossier=dossier, person=scene.people[person], award_type=scene.awards[award],
                               recipient_name=person)  # fmt: skip


def attach(entry, code, *, scene, per_entry=False):
    stored = store_upload(pdf_upload(f"{code}.pdf"), by=None)
    return DossierAttachment.objects.create(dossier=entry.dossier, entry=entry if per_entry else None,
                                            document_kind=scene.documents[code], file=stored)  # fmt: skip


# --- Findings ----------------------------------------------------------------------------------------------------


def test_documents_finding_names_what_the_entry_lacks_then_says_complete(scene):
    entry = received_entry(scene)
    attach(entry, "to_trinh", scene=scene)

    assert "Báo cáo thành tích" in checks.findings(entry)[CheckItem.DOCUMENTS]

    attach(entry, "bao_cao_thanh_tich", scene=scene, per_entry=True)
    assert checks.findings(entry)[CheckItem.DOCUMENTS] == "Đủ thành phần hồ sơ."


def test_eligibility_finding_shows_the_stored_verdict_with_its_unmet_conditions(scene):
    entry = received_entry(scene)
    unmet = ["Hoàn thành tốt nhiệm vụ trở lên năm 2025"]
    entry.eligibility = {"status": "not_eligible", "rule_id": None, "year": YEAR, "unmet": unmet, "review": [],
                         "computed_at": None}  # fmt: skip

    found = checks.findings(entry)[CheckItem.ELIGIBILITY]

    assert found.startswith("Không đủ điều kiện.")
    assert "Chưa đạt: Hoàn thành tốt nhiệm vụ trở lên năm 2025" in found


def test_eligibility_finding_without_a_rule_says_so(scene):
    entry = received_entry(scene)

    assert "Chưa có quy định" in checks.findings(entry)[CheckItem.ELIGIBILITY]


def test_caps_finding_without_a_cap_in_the_rule(scene):
    assert checks.findings(received_entry(scene))[CheckItem.CAPS] == "Không có quy định khống chế."


def test_caps_finding_reads_the_cap_condition_of_the_rule_with_the_units_figures(scene):
    award_type = scene.awards["BK_TINH"]
    cap = {"cap": {"award": "BK_TINH", "of_awards": ["LDTT"], "max_share": 0.15}}
    rule = Rule(award_code="BK_TINH", award_type=award_type, regime=award_type.regime, recipient_kind="individual",
                legal_source="Quy định của thành phố (thử)",
                expression={"all": [{"rating": {"min": "htt", "years": 1}}, cap]})  # fmt: skip
    rule.full_clean()
    rule.save()
    entry = received_entry(scene)
    entry.eligibility = {"status": "not_eligible", "rule_id": rule.pk, "year": YEAR, "unmet": [], "review": [],
                         "computed_at": None}  # fmt: skip

    found = checks.findings(entry)[CheckItem.CAPS]

    assert found.startswith("Trong chỉ tiêu Bằng khen của Chủ tịch UBND thành phố: không quá 15%")
    assert "Phường An Biên" in found


def test_earlier_awards_finding_lists_the_last_five_years_with_the_decision(scene):
    hoa = scene.people["Nguyễn Thị Hoa"]
    AwardFactory(person=hoa, award_type=scene.awards["LDTT"], year=2023, decision_number="12/QĐ-UBND")
    AwardFactory(person=hoa, award_type=scene.awards["LDTT"], year=2019, decision_number="3/QĐ-UBND")

    found = checks.findings(received_entry(scene))[CheckItem.EARLIER_AWARDS]

    assert found == "Lao động tiên tiến (2023, QĐ số 12/QĐ-UBND)"


def test_earlier_awards_finding_without_awards(scene):
    found = checks.findings(received_entry(scene))[CheckItem.EARLIER_AWARDS]

    assert found == "Không có khen thưởng trong 5 năm gần đây (2021–2025)."


def test_discipline_finding_lists_pending_and_in_effect_but_not_cleared_or_ended(scene):
    hoa = scene.people["Nguyễn Thị Hoa"]
    DisciplineFactory(person=hoa, status=DisciplineStatus.PENDING, kind="", severity=0, year=YEAR,
                      start_date=dt.date(2025, 3, 1), end_date=None)  # fmt: skip
    DisciplineFactory(person=hoa, status=DisciplineStatus.IN_EFFECT, kind="canh_cao", severity=2, year=2024,
                      start_date=dt.date(2024, 6, 1), end_date=dt.date(2025, 5, 31),
                      decision_number="7/QĐ-KL")  # fmt: skip
    DisciplineFactory(person=hoa, status=DisciplineStatus.CLEARED, kind="", severity=0, year=YEAR,
                      start_date=dt.date(2025, 1, 5), end_date=dt.date(2025, 2, 5))  # fmt: skip
    DisciplineFactory(person=hoa, status=DisciplineStatus.IN_EFFECT, year=2020, start_date=dt.date(2020, 1, 1),
                      end_date=dt.date(2020, 12, 31))  # fmt: skip

    found = checks.findings(received_entry(scene))[CheckItem.DISCIPLINE].splitlines()

    assert found == [
        "Đang xem xét, điều tra, thanh tra, từ 01/03/2025",
        "Cảnh cáo, từ 01/06/2024 đến 31/05/2025 (QĐ số 7/QĐ-KL)",
    ]


def test_discipline_finding_without_any(scene):
    assert checks.findings(received_entry(scene))[CheckItem.DISCIPLINE].startswith("Không có kỷ luật")


def test_duplicates_finding_names_the_other_dossier_and_its_unit(scene):
    entry = received_entry(scene)
    other = DossierFactory(unit=scene.units["an_bien"], authority=scene.district_authority, year=YEAR,
                           title="Hồ sơ của Phường An Biên", state=DossierState.SUBMITTED)  # fmt: skip
    DossierEntryFactory(dossier=other, person=scene.people["Nguyễn Thị Hoa"], award_type=scene.awards["BK_TINH"])

    found = checks.findings(entry)[CheckItem.DUPLICATES]

    assert "“Bằng khen của Chủ tịch UBND thành phố” cũng được đề nghị trong hồ sơ “Hồ sơ của Phường An Biên”" in found
    assert "của Phường An Biên" in found
    assert "cùng thành tích được đề nghị qua hai đường" in found


def test_duplicates_finding_ignores_withdrawn_dossiers_rejected_entries_other_years_and_forwarded_copies(scene):
    entry = received_entry(scene)
    hoa, award = scene.people["Nguyễn Thị Hoa"], scene.awards["BK_TINH"]
    withdrawn = DossierFactory(unit=scene.units["an_bien"], year=YEAR, state=DossierState.WITHDRAWN)
    DossierEntryFactory(dossier=withdrawn, person=hoa, award_type=award)
    DossierEntryFactory(dossier=DossierFactory(unit=scene.units["an_bien"], year=YEAR), person=hoa, award_type=award,
                        state=EntryState.REJECTED)  # fmt: skip
    DossierEntryFactory(dossier=DossierFactory(unit=scene.units["an_bien"], year=2024), person=hoa, award_type=award)
    DossierEntryFactory(dossier=DossierFactory(unit=scene.units["root"], year=YEAR), person=hoa, award_type=award,
                        forwarded_from=entry)  # fmt: skip

    assert checks.findings(entry)[CheckItem.DUPLICATES] == "Không phát hiện đề nghị trùng lặp."


# --- The checklist rows ------------------------------------------------------------------------------------------


def test_ensure_checks_creates_one_row_per_item_in_order_once(scene):
    entry = received_entry(scene)

    first = checks.ensure_checks(entry)
    again = checks.ensure_checks(entry)

    assert [check.item for check in first] == list(CheckItem.values)
    assert [check.pk for check in again] == [check.pk for check in first]
    assert EntryCheck.objects.filter(entry=entry).count() == len(CheckItem.values)
    assert all(check.found and check.ok is None for check in first)


def test_ensure_checks_refreshes_findings_while_the_entry_is_appraised_and_keeps_them_after(scene):
    entry = received_entry(scene)
    attach(entry, "to_trinh", scene=scene)
    checks.ensure_checks(entry)
    attach(entry, "bao_cao_thanh_tich", scene=scene, per_entry=True)

    documents = checks.ensure_checks(entry)[0]
    assert documents.found == "Đủ thành phần hồ sơ."

    entry.state = EntryState.APPRAISED
    entry.save()
    DossierAttachment.objects.filter(entry=entry).delete()
    assert checks.ensure_checks(entry)[0].found == "Đủ thành phần hồ sơ."


def test_board_saves_a_finding_and_it_shows_on_the_timeline(scene):
    entry = received_entry(scene)
    board = scene.users["board"]

    check = checks.save_check(entry, CheckItem.DISCIPLINE, by=board, ok=True, note="Đã xác minh với đơn vị.")

    check.refresh_from_db()
    assert (check.ok, check.note, check.checked_by) == (True, "Đã xác minh với đơn vị.", board)
    assert check.checked_at is not None
    event = DossierEvent.objects.get(dossier=entry.dossier, action="checklist")
    assert (event.entry, event.actor, event.data["item"], event.data["ok"]) == (entry, board, "discipline", True)


@pytest.mark.parametrize("user", ["officer", "head", "chair", "outsider"])
def test_saving_a_finding_is_refused_to_anyone_but_the_board(scene, user):
    entry = received_entry(scene)

    with pytest.raises(PermissionDenied):
        checks.save_check(entry, CheckItem.DOCUMENTS, by=scene.users[user], ok=True)

    assert not EntryCheck.objects.filter(entry=entry).exists()
    assert not DossierEvent.objects.filter(dossier=entry.dossier).exists()


def test_saving_a_finding_is_refused_before_the_dossier_is_received(scene):
    entry = received_entry(scene, state=DossierState.SUBMITTED)

    with pytest.raises(ValidationError, match="đã tiếp nhận"):
        checks.save_check(entry, CheckItem.DOCUMENTS, by=scene.users["board"], ok=True)

    assert not EntryCheck.objects.filter(entry=entry).exists()


def test_saving_a_finding_is_refused_once_the_entry_is_appraised(scene):
    entry = received_entry(scene)
    checks.ensure_checks(entry)
    entry.state = EntryState.APPRAISED
    entry.save()

    with pytest.raises(ValidationError, match="không sửa kết quả kiểm tra"):
        checks.save_check(entry, CheckItem.DOCUMENTS, by=scene.users["board"], ok=False)

    assert EntryCheck.objects.get(entry=entry, item=CheckItem.DOCUMENTS).ok is None


def test_saving_an_unknown_item_names_the_field(scene):
    entry = received_entry(scene)

    with pytest.raises(ValidationError) as refused:
        checks.save_check(entry, "lucky", by=scene.users["board"], ok=True)

    assert "item" in refused.value.message_dict


def test_the_officer_appraises_once_every_item_is_checked(scene):
    entry = received_entry(scene)
    board = scene.users["board"]
    for item in CheckItem.values:
        checks.save_check(entry, item, by=board, ok=True)

    workflow.appraise(entry, by=board, recommendation=Recommendation.PROPOSE)

    entry.refresh_from_db()
    assert (entry.state, entry.recommendation) == (EntryState.APPRAISED, Recommendation.PROPOSE)
