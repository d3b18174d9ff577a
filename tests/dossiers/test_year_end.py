"""The year-end dossier (tổng kết năm) built in one step from the eligibility sweep: 300 Lao động tiên tiến entries
in a bounded number of queries, submitted after the unit's own council; who may build it; who is left out (the
ineligible, who is already proposed, who already holds the title for the year: a title is awarded once a year).

The LĐTT rule is the seeded one (``thidua/eligibility/data/rules.yaml``, regime nd152_2025), written as a Rule row of
the scene's award type: its judgement condition ("tinh thần tự lực …") makes everybody with the history "cần xem
xét", so the unit asks for both statuses, as it does in practice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories.dossiers import DossierEntryFactory, DossierFactory
from tests.factories.files import pdf_upload
from tests.factories.orgs import OrgUnitFactory, PersonFactory, SectorFactory
from tests.factories.records import AwardFactory
from thidua.audit.models import AuditEntry
from thidua.dossiers import workflow, year_end
from thidua.dossiers.enums import DossierKind, DossierState, EntrySource, EntryState
from thidua.dossiers.models import Dossier, DossierEntry, DossierEvent
from thidua.eligibility.engine import Status
from thidua.eligibility.models import Rule
from thidua.orgs.models import Membership, PeriodKind
from thidua.records.enums import RATING_RANK
from thidua.records.models import Rating

pytestmark = pytest.mark.django_db

YEAR = 2025
PEOPLE = 300
RULES = Path(__file__).resolve().parents[2] / "thidua" / "eligibility" / "data" / "rules.yaml"
SUGGESTED = (Status.ELIGIBLE, Status.TO_WEIGH)


def seeded_expression(code: str, regime: str) -> dict:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
    wanted = [rule for rule in rules if rule["award"] == code and rule["recipient"] == "individual"]
    return next(rule["expression"] for rule in wanted if regime in rule["regimes"])


def ldtt_rule(scene, expression: dict | None = None) -> Rule:
    award_type = scene.awards["LDTT"]
    rule = Rule(award_code="LDTT", award_type=award_type, regime=award_type.regime, recipient_kind="individual",
                expression=expression or seeded_expression("LDTT", "nd152_2025"),
                legal_source="Luật TĐKT 06/2022/QH15 Điều 24")  # fmt: skip
    rule.full_clean()
    rule.save()
    return rule


def staff(unit, count: int, *, level: str = "htt", position: str = "Chuyên viên",
          period_kind: str = PeriodKind.CALENDAR_YEAR) -> list:  # fmt: skip
    """``count`` people working in ``unit`` since 2020, rated ``level`` for the judged year (period of the unit)."""
    people = PersonFactory.create_batch(count)
    Membership.objects.bulk_create(
        Membership(person=person, unit=unit, position=position, start_date=dt.date(2020, 1, 1)) for person in people
    )
    Rating.objects.bulk_create(
        Rating(person=person, year=YEAR, level=level, rank=RATING_RANK[level], period_kind=period_kind)
        for person in people
    )
    return people


@pytest.fixture
def ward(scene):
    return scene.units["an_bien"]


def test_three_hundred_entries_are_built_in_one_step_and_submitted(scene, ward, django_assert_max_num_queries):
    ldtt_rule(scene)
    people = staff(ward, PEOPLE)
    officer, head = scene.users["officer"], scene.users["head"]

    with django_assert_max_num_queries(100):
        dossier = year_end.build_year_end_dossier(ward, by=officer, year=YEAR, statuses=SUGGESTED)

    assert (dossier.kind, dossier.year, dossier.state) == (DossierKind.YEAR_END, YEAR, DossierState.DRAFT)
    assert dossier.authority == scene.district_authority
    assert dossier.entries.count() == PEOPLE
    assert set(dossier.entries.values_list("person_id", flat=True)) == {person.pk for person in people}
    workflow.record_own_council(dossier, by=officer, met_on=timezone.localdate(), members=9, present=8,
                                notes="Thống nhất đề nghị 300 cá nhân đạt danh hiệu Lao động tiên tiến.")  # fmt: skip
    workflow.add_attachment(dossier, by=officer, upload=pdf_upload("to-trinh.pdf"),
                            document_kind=scene.documents["to_trinh"])  # fmt: skip
    workflow.add_attachment(dossier, by=officer, upload=pdf_upload("bien-ban.pdf"),
                            document_kind=scene.documents["bien_ban_hoi_dong"])  # fmt: skip

    with django_assert_max_num_queries(100):
        workflow.submit(dossier, by=head)

    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    assert set(dossier.entries.values_list("state", flat=True)) == {EntryState.PROPOSED}


def test_each_entry_carries_the_sweeps_verdict_and_the_nominees_snapshot(scene, ward):
    rule = ldtt_rule(scene)
    [person] = staff(ward, 1, position="Kế toán")

    dossier = year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    entry = dossier.entries.get()
    assert (entry.person, entry.award_type, entry.source) == (person, scene.awards["LDTT"], EntrySource.SUGGESTION)
    assert (entry.state, entry.achievement) == (EntryState.PROPOSED, "")
    assert entry.eligibility["status"] == Status.TO_WEIGH
    assert (entry.eligibility["rule_id"], entry.eligibility["year"], entry.eligibility["unmet"]) == (rule.pk, YEAR, [])
    assert entry.eligibility["review"] == [
        "Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua"
    ]
    # Stored in UTC: the day is the local one (Vietnam is 7 hours ahead).
    assert (
        timezone.localtime(dt.datetime.fromisoformat(entry.eligibility["computed_at"])).date() == timezone.localdate()
    )
    assert (entry.recipient_name, entry.position, entry.unit_name) == (person.full_name, "Kế toán", "Phường An Biên")
    assert entry.snapshot_at is not None


def test_the_build_is_one_event_and_one_audit_row_with_the_count(scene, ward):
    ldtt_rule(scene)
    staff(ward, 5)

    dossier = year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    [event] = DossierEvent.objects.filter(dossier=dossier)
    assert (event.action, event.actor, event.data["entries"]) == ("created", scene.users["officer"], 5)
    built = AuditEntry.objects.get(code="dossiers.dossier.year_end_built")
    assert built.additional_data["entries"] == 5
    entry_type = ContentType.objects.get_for_model(DossierEntry)
    assert not AuditEntry.objects.filter(content_type=entry_type).exists()


def test_by_default_the_ineligible_are_left_out(scene, ward):
    ldtt_rule(scene, {"all": [{"rating": {"min": "htt", "years": 1}}, {"service": {"min_months": 6}}]})
    good = staff(ward, 3)
    staff(ward, 2, level="ht")

    dossier = year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR)

    assert set(dossier.entries.values_list("person_id", flat=True)) == {person.pk for person in good}
    assert set(dossier.entries.values_list("eligibility__status", flat=True)) == {Status.ELIGIBLE}


def test_nominees_already_proposed_that_year_are_left_out_unless_their_dossier_was_withdrawn(scene, ward):
    ldtt_rule(scene)
    taken, withdrawn, free = staff(ward, 3)
    for person, state in ((taken, DossierState.SUBMITTED), (withdrawn, DossierState.WITHDRAWN)):
        DossierEntryFactory(dossier=DossierFactory(unit=ward, year=YEAR, state=state), person=person,
                            award_type=scene.awards["LDTT"])  # fmt: skip

    dossier = year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    assert set(dossier.entries.values_list("person_id", flat=True)) == {withdrawn.pk, free.pk}


def test_who_already_holds_the_title_for_the_year_is_left_out(scene, ward):
    ldtt_rule(scene)
    awarded, free = staff(ward, 2)
    AwardFactory(person=awarded, award_type=scene.awards["LDTT"], year=YEAR)

    dossier = year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    assert list(dossier.entries.values_list("person_id", flat=True)) == [free.pk]
    assert dossier.events.get(action="created").data["entries"] == 1


def test_an_award_of_another_code_or_another_year_does_not_leave_the_nominee_out(scene, ward):
    ldtt_rule(scene)
    last_year, other_award = staff(ward, 2)
    AwardFactory(person=last_year, award_type=scene.awards["LDTT"], year=YEAR - 1)
    AwardFactory(person=other_award, award_type=scene.awards["BK_TINH"], year=YEAR)

    dossier = year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    assert set(dossier.entries.values_list("person_id", flat=True)) == {last_year.pk, other_award.pk}


def test_a_school_is_judged_by_the_school_year_that_ends_in_the_year(scene, ward):
    """A teacher's title of the school year 2024–2025 is the title of 2025; one recorded for the calendar year is
    not (it belongs to another period)."""
    ldtt_rule(scene)
    education = SectorFactory(code="education", name="Giáo dục và đào tạo", period_kind=PeriodKind.SCHOOL_YEAR)
    school = OrgUnitFactory(code="HP-LC-AB-MN", name="Trường Mầm non An Biên", parent=ward, sector=education)
    awarded, calendar_award = staff(school, 2, position="Giáo viên", period_kind=PeriodKind.SCHOOL_YEAR)
    AwardFactory(person=awarded, award_type=scene.awards["LDTT"], year=YEAR, period_kind=PeriodKind.SCHOOL_YEAR)
    AwardFactory(person=calendar_award, award_type=scene.awards["LDTT"], year=YEAR,
                 period_kind=PeriodKind.CALENDAR_YEAR)  # fmt: skip

    dossier = year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    assert list(dossier.entries.values_list("person_id", flat=True)) == [calendar_award.pk]


def test_building_when_everybody_already_holds_the_title_is_refused(scene, ward):
    ldtt_rule(scene)
    for person in staff(ward, 2):
        AwardFactory(person=person, award_type=scene.awards["LDTT"], year=YEAR)

    with pytest.raises(ValidationError) as refused:
        year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    assert "công nhận" in refused.value.message_dict["award_codes"][0]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("user", ["board", "outsider", "chair"])
def test_building_is_refused_to_who_does_not_prepare_the_units_dossiers(scene, ward, user):
    ldtt_rule(scene)
    staff(ward, 2)

    with pytest.raises(PermissionDenied):
        year_end.build_year_end_dossier(ward, by=scene.users[user], year=YEAR, statuses=SUGGESTED)

    assert not Dossier.objects.exists()


def test_building_with_nobody_to_suggest_is_refused_and_leaves_nothing(scene, ward):
    ldtt_rule(scene)
    staff(ward, 2, level="kht")

    with pytest.raises(ValidationError) as refused:
        year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, statuses=SUGGESTED)

    assert "award_codes" in refused.value.message_dict
    assert not Dossier.objects.exists()


def test_building_for_an_award_without_a_rule_names_the_code(scene, ward):
    with pytest.raises(ValidationError) as refused:
        year_end.build_year_end_dossier(ward, by=scene.users["officer"], year=YEAR, award_codes=["CSTDCS"])

    assert "CSTDCS" in refused.value.message_dict["award_codes"][0]
