"""The one-subject evaluator (thidua/eligibility/evaluate.py): the history is read once per subject; periods follow
the subject's sector (school years for teachers); a year is judged by the rules in force then; the general principles
hold (ad-hoc and themed awards outside merit chains, an initiative backs one award, pending discipline blocks);
judgement branches are weighed, never assumed; and each condition kind reads the history as the shared semantics say."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.eligibility.conftest import (
    SCHOOL,
    discipline,
    give,
    initiative,
    leaf,
    member,
    rate,
    regime_of,
    verdict,
)
from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory
from thidua.catalog.models import AwardType, CommendationKind
from thidua.eligibility.engine import ConditionKind, Outcome, Status
from thidua.eligibility.evaluate import evaluate, evaluate_all
from thidua.eligibility.models import Rule
from thidua.orgs.models import Household, PeriodKind, UnitKind

# --- Loading ----------------------------------------------------------------------------------------------------


def busy_history(person, years: range) -> None:
    for year in years:
        rate(person, year, level="htxs")
        give(person, "LDTT", year)
        give(person, "CSTDCS", year)
        initiative(person, year)
    discipline(person, dt.date(years[0], 1, 1), dt.date(years[0], 6, 30))


@pytest.mark.parametrize("years", [range(2024, 2025), range(2015, 2025)])
def test_evaluate_all_of_a_person_reads_the_history_in_eight_queries(scene, django_assert_num_queries, years):
    busy_history(scene["officer"], years)

    # memberships, rules, principles, award names, ratings, awards, disciplines, initiatives
    with django_assert_num_queries(8):
        verdicts = evaluate_all(scene["officer"], year=2024)

    assert len(verdicts) == 9


def test_evaluate_all_of_a_person_under_the_2021_cap_adds_two_queries_for_the_unit(scene, django_assert_num_queries):
    busy_history(scene["officer"], range(2019, 2022))
    busy_history(member(scene["so_nv"]), range(2019, 2022))

    # … and the unit's members and their awards, once for the cap
    with django_assert_num_queries(10):
        evaluate_all(scene["officer"], year=2021)


@pytest.mark.parametrize("size", [2, 12])
def test_evaluate_all_of_a_unit_reads_the_history_in_twelve_queries(scene, django_assert_num_queries, size):
    for _ in range(size):
        busy_history(member(scene["so_nv"]), range(2023, 2025))
    rate(scene["so_nv"], 2023, 2024, level="htxs")

    # unit, rules, principles, award names, ratings, awards, disciplines, members, member awards, member ratings,
    # member disciplines, cluster ranks
    with django_assert_num_queries(12):
        verdicts = evaluate_all(scene["so_nv"], year=2024)

    assert [found.award_code for found in verdicts] == ["TTLDTT", "TTLDXS", "CO_TD_TINH", "GK", "BK_TINH"]


def test_evaluate_all_lists_the_individual_rules_in_catalog_order(scene):
    verdicts = evaluate_all(scene["officer"], year=2024)

    assert [found.award_code for found in verdicts] == [
        "LDTT", "CSTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GK", "BK_TINH", "BK_TTG", "HCLD3",
    ]  # fmt: skip


def test_evaluate_all_of_chosen_award_codes_only(scene):
    verdicts = evaluate_all(scene["officer"], year=2024, award_codes=["GK", "LDTT"])

    assert [found.award_code for found in verdicts] == ["LDTT", "GK"]


def test_evaluate_without_a_rule_for_the_award_is_none(scene):
    assert evaluate(scene["officer"], "KNC", year=2024) is None
    assert evaluate(scene["officer"], "TTLDTT", year=2024) is None


def test_evaluate_names_the_subject_and_the_period(scene):
    found = verdict(scene["teacher"], "LDTT", 2024)

    assert (found.person_id, found.unit_id, found.period_kind, found.year) == (
        scene["teacher"].pk, None, SCHOOL, 2024,
    )  # fmt: skip


def test_evaluate_refuses_a_household(scene):
    household = Household(name="Hộ ông Nguyễn Văn An", unit=scene["ward"])

    with pytest.raises(TypeError, match="a person or a unit is expected"):
        evaluate(household, "GK", year=2024)


# --- Periods: school years ---------------------------------------------------------------------------------------


def test_teacher_is_judged_over_consecutive_school_years(scene):
    rate(scene["teacher"], 2023, 2024, level="htxs", kind=SCHOOL)
    initiative(scene["teacher"], 2023)
    initiative(scene["teacher"], 2024)

    found = verdict(scene["teacher"], "BK_TINH", 2024)

    rating = leaf(found, "Hoàn thành xuất sắc nhiệm vụ 2 năm học liên tục")
    assert found.status == Status.ELIGIBLE
    assert rating.text == "Hoàn thành xuất sắc nhiệm vụ 2 năm học liên tục (năm học 2022–2023, 2023–2024)"
    assert rating.records == [
        "năm học 2022–2023: Hoàn thành xuất sắc nhiệm vụ",
        "năm học 2023–2024: Hoàn thành xuất sắc nhiệm vụ",
    ]


def test_teacher_calendar_year_ratings_do_not_count_toward_school_years(scene):
    rate(scene["teacher"], 2023, 2024, level="htxs", kind=PeriodKind.CALENDAR_YEAR)
    initiative(scene["teacher"], 2023)
    initiative(scene["teacher"], 2024)

    found = verdict(scene["teacher"], "BK_TINH", 2024)

    assert found.status == Status.TO_WEIGH
    assert leaf(found, "Hoàn thành xuất sắc nhiệm vụ 2 năm học").outcome == Outcome.UNMET


def test_teacher_cstdcs_chain_over_three_school_years_meets_cstd_tinh(scene):
    give(scene["teacher"], "CSTDCS", 2022, 2023, 2024, kind=SCHOOL)
    initiative(scene["teacher"], 2024, level="tinh")

    assert verdict(scene["teacher"], "CSTD_TINH", 2024).status == Status.ELIGIBLE


def test_teacher_school_year_ends_before_a_september_discipline(scene):
    rate(scene["teacher"], 2024, kind=SCHOOL)
    rate(scene["officer"], 2024)
    for person in (scene["teacher"], scene["officer"]):
        discipline(person, dt.date(2024, 9, 15), dt.date(2025, 3, 14))

    assert verdict(scene["teacher"], "GK", 2024).status == Status.TO_WEIGH
    assert verdict(scene["officer"], "GK", 2024).status == Status.NOT_ELIGIBLE


def test_teacher_school_year_2024_2025_is_judged_by_the_rules_in_force_on_31_august_2025(scene):
    assert regime_of(verdict(scene["teacher"], "LDTT", 2025)) == "nd152_2025"
    assert regime_of(verdict(scene["teacher"], "LDTT", 2024)) == "nd98_2023"


def test_teacher_service_months_count_to_the_end_of_august(scene):
    newcomer = member(scene["school"], start=dt.date(2024, 2, 29))
    late = member(scene["school"], start=dt.date(2024, 3, 1))
    for person in (newcomer, late):
        rate(person, 2024, kind=SCHOOL)

    assert leaf(verdict(newcomer, "LDTT", 2024), "Thời gian công tác").outcome == Outcome.MET
    assert leaf(verdict(late, "LDTT", 2024), "Thời gian công tác").text == (
        "Thời gian công tác từ 6 tháng trở lên tính đến 31/08/2024"
    )
    assert leaf(verdict(late, "LDTT", 2024), "Thời gian công tác").outcome == Outcome.UNMET


# --- The rules in force ------------------------------------------------------------------------------------------


@pytest.fixture
def team(scene):
    unit = OrgUnitFactory(name="Phòng Cải cách hành chính", kind=UnitKind.objects.get(code="division"),
                          sector=scene["so_nv"].sector, parent=scene["so_nv"])  # fmt: skip
    people = [member(unit) for _ in range(10)]
    for year in (2021, 2024):
        rate(unit, year)
        for person in people[:6]:
            give(person, "LDTT", year)
    return unit


def test_ttldtt_sixty_percent_ldtt_meets_the_2021_rule_but_not_the_2024_rule(team):
    then, now = verdict(team, "TTLDTT", 2021), verdict(team, "TTLDTT", 2024)

    assert (regime_of(then), then.status) == ("nd91_2017", Status.TO_WEIGH)
    assert (regime_of(now), now.status) == ("nd98_2023", Status.NOT_ELIGIBLE)


def test_as_of_date_before_the_2022_law_took_effect_applies_the_2021_rule(team):
    found = verdict(team, "TTLDTT", 2024, as_of=dt.date(2023, 12, 31))

    assert (regime_of(found), found.status) == ("nd91_2017", Status.TO_WEIGH)


def test_cstdcs_htxs_without_initiative_became_enough_only_in_2024(scene):
    for year in (2021, 2024):
        rate(scene["officer"], year, level="htxs")
        give(scene["officer"], "LDTT", year)

    assert verdict(scene["officer"], "CSTDCS", 2021).status == Status.NOT_ELIGIBLE
    assert verdict(scene["officer"], "CSTDCS", 2024).status == Status.ELIGIBLE


def test_a_rule_edited_for_one_regime_leaves_the_other_years_alone(scene):
    rate(scene["officer"], 2021, 2024)
    Rule.objects.filter(award_code="GK", recipient_kind="individual", regime__code="nd98_2023").update(
        expression={"rating": {"min": "htxs", "years": 1}}
    )

    assert verdict(scene["officer"], "GK", 2024).status == Status.NOT_ELIGIBLE
    assert verdict(scene["officer"], "GK", 2021).status == Status.TO_WEIGH


# --- General principles ------------------------------------------------------------------------------------------


def test_themed_award_does_not_count_toward_a_merit_chain(scene):
    give(scene["officer"], "CSTDCS", 2022, 2024)
    give(scene["officer"], "CSTDCS", 2023, merit=False, commendation_kind=CommendationKind.THEMATIC)
    initiative(scene["officer"], 2024, level="tinh")

    found = verdict(scene["officer"], "CSTD_TINH", 2024)

    chain = leaf(found, "Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục")
    assert found.status == Status.NOT_ELIGIBLE
    assert chain.text.endswith("— chưa đạt: 2023")
    assert chain.records[1] == (
        "2023: Chiến sĩ thi đua cơ sở (QĐ số "
        f"{scene['officer'].awards.get(year=2023).decision_number}"
        ") — khen thưởng theo chuyên đề, không tính cho khen thưởng công trạng"
    )


def test_initiative_already_backing_an_award_does_not_count(scene):
    rate(scene["officer"], 2024)
    give(scene["officer"], "LDTT", 2024)
    [earlier] = give(scene["officer"], "GK", 2024)
    initiative(scene["officer"], 2024, title="Phần mềm chấm điểm thi đua", backed_award=earlier)

    found = verdict(scene["officer"], "CSTDCS", 2024)

    assert found.status == Status.NOT_ELIGIBLE
    assert leaf(found, "Có ít nhất 1 sáng kiến").records == [
        "2024: Phần mềm chấm điểm thi đua (cấp cơ sở) — đã dùng làm căn cứ khen thưởng, không tính"
    ]


def test_pending_discipline_principle_is_added_to_every_rule(scene):
    verdicts = evaluate_all(scene["officer"], year=2024)

    principles = {found.conditions[-1].text for found in verdicts}
    assert principles == {"Không đang bị xem xét kỷ luật, điều tra, thanh tra và không chịu kỷ luật trong năm 2024"}
    assert {len(found.conditions) for found in verdicts} == {2}


def test_discipline_that_ended_before_the_year_does_not_block(scene):
    give(scene["officer"], "LDTT", 2024)
    rate(scene["officer"], 2024, level="htxs")
    discipline(scene["officer"], dt.date(2022, 3, 1), dt.date(2023, 12, 31), kind="canh_cao")

    assert verdict(scene["officer"], "CSTDCS", 2024).status == Status.ELIGIBLE


def test_cleared_investigation_does_not_block(scene):
    give(scene["officer"], "LDTT", 2024)
    rate(scene["officer"], 2024, level="htxs")
    discipline(scene["officer"], dt.date(2024, 3, 1), dt.date(2024, 5, 1), status="cleared")

    assert verdict(scene["officer"], "CSTDCS", 2024).status == Status.ELIGIBLE


# --- Judgement and procedure ------------------------------------------------------------------------------------


def test_judgement_only_branches_are_to_weigh_never_eligible(scene):
    found = verdict(scene["officer"], "BK_TINH", 2024)

    branches = found.conditions[0].children
    assert found.status == Status.TO_WEIGH
    assert [branch.outcome for branch in branches] == [
        Outcome.WEIGH, Outcome.WEIGH, Outcome.WEIGH, Outcome.UNMET, Outcome.UNMET,
    ]  # fmt: skip
    assert found.explanation().startswith(
        "Tiêu biểu xuất sắc trong phong trào thi đua do bộ, ban, ngành, tỉnh phát động ?"
    )


def test_a_history_branch_makes_an_either_or_rule_eligible_despite_judgement_branches(scene):
    give(scene["officer"], "CSTDCS", 2023, 2024)
    initiative(scene["officer"], 2023)
    initiative(scene["officer"], 2024)

    assert verdict(scene["officer"], "BK_TINH", 2024).status == Status.ELIGIBLE


def test_procedures_are_listed_and_met(scene):
    rate(scene["officer"], 2024, level="htxs")
    give(scene["officer"], "LDTT", 2024)

    found = verdict(scene["officer"], "CSTDCS", 2024)

    vote = found.conditions[0].children[-1]
    assert (vote.kind, vote.outcome) == (ConditionKind.PROCEDURE, Outcome.MET)
    assert vote.text.startswith("Hội đồng Thi đua - Khen thưởng bỏ phiếu kín")


def test_explanation_lists_each_condition_with_its_mark(scene):
    rate(scene["officer"], 2024, level="htxs")
    give(scene["officer"], "LDTT", 2024)

    found = verdict(scene["officer"], "CSTDCS", 2024)

    assert found.explanation() == (
        "Đạt Lao động tiên tiến hoặc Chiến sĩ tiên tiến năm 2024 ✓; Hoàn thành xuất sắc nhiệm vụ năm 2024 ✓; "
        "Có ít nhất 1 sáng kiến, đề tài khoa học được công nhận cấp cơ sở trở lên trong năm 2024, chưa dùng làm "
        "căn cứ khen thưởng: có 0 ✗; Thuộc đối tượng: Lực lượng vũ trang ✗; "
        "Mưu trí, sáng tạo trong chiến đấu, phục vụ chiến đấu ?; Hội đồng Thi đua - Khen thưởng bỏ phiếu kín, số "
        "phiếu đồng ý từ 80% tổng số thành viên Hội đồng trở lên ✓; Không đang bị xem xét kỷ luật, điều tra, thanh "
        "tra và không chịu kỷ luật trong năm 2024 ✓"
    )


# --- Each condition kind, on a rule of its own -----------------------------------------------------------------


def own_rule(expression: dict, *, recipient: str = "individual", regime: str = "nd98_2023") -> str:
    """A rule for Kỷ niệm chương (which has none seeded) with the given expression."""
    award_type = AwardType.objects.get(code="KNC", regime__code=regime)
    rule = Rule(award_code="KNC", award_type=award_type, regime=award_type.regime, recipient_kind=recipient,
                expression=expression, summary="Thử", legal_source="Thử")  # fmt: skip
    rule.full_clean()
    rule.save()
    return "KNC"


def test_rating_text_lists_the_years_and_the_ratings_used(scene):
    rate(scene["officer"], 2022, level="htxs")
    rate(scene["officer"], 2023)

    found = verdict(scene["officer"], own_rule({"rating": {"min": "htt", "years": 2}}), 2023, as_of=dt.date(2024, 1, 1))

    assert found.conditions[0].text == "Hoàn thành tốt nhiệm vụ trở lên 2 năm liên tục (2022, 2023)"
    assert found.conditions[0].records == ["2022: Hoàn thành xuất sắc nhiệm vụ", "2023: Hoàn thành tốt nhiệm vụ"]


def test_no_recent_award_counts_awards_of_every_kind_in_the_window(scene):
    code = own_rule({"no_recent_award": {"awards": ["BK_TINH"], "window": 2}})
    give(scene["officer"], "BK_TINH", 2023, merit=False, commendation_kind=CommendationKind.AD_HOC)

    found = verdict(scene["officer"], code, 2024)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].text == "Không được tặng Bằng khen của bộ, ban, ngành, tỉnh trong các năm 2023–2024"


def test_no_recent_award_outside_the_window_is_met(scene):
    code = own_rule({"no_recent_award": {"awards": ["BK_TINH"], "window": 2}})
    give(scene["officer"], "BK_TINH", 2022)

    assert verdict(scene["officer"], code, 2024).status == Status.ELIGIBLE


def test_earlier_award_of_the_same_year_meets_zero_years_since(scene):
    code = own_rule({"earlier_award": {"awards": ["GK"], "min_years_since": 0}})
    give(scene["officer"], "GK", 2024)

    found = verdict(scene["officer"], code, 2024)

    assert found.status == Status.ELIGIBLE
    assert found.conditions[0].text == "Đã được tặng Giấy khen — lần gần nhất: 2024"


def test_earlier_award_after_the_judged_year_is_ignored(scene):
    code = own_rule({"earlier_award": {"awards": ["GK"], "min_years_since": 0}})
    give(scene["officer"], "GK", 2025)

    assert verdict(scene["officer"], code, 2024).status == Status.NOT_ELIGIBLE


def test_title_count_counts_distinct_years(scene):
    code = own_rule({"title_count": {"awards": ["GK", "BK_TINH"], "min": 2, "window": 3}})
    give(scene["officer"], "GK", 2024)
    give(scene["officer"], "BK_TINH", 2024)

    found = verdict(scene["officer"], code, 2024)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].text.endswith(": có 1")


def test_initiatives_of_a_lower_level_do_not_count(scene):
    code = own_rule({"initiatives": {"min_level": "tinh", "min": 1, "window": 1, "kinds": ["research"]}})
    initiative(scene["officer"], 2024, level="co_so", kind="research")
    initiative(scene["officer"], 2024, level="toan_quoc", kind="initiative")

    found = verdict(scene["officer"], code, 2024)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].text == (
        "Có ít nhất 1 đề tài, đề án, công trình khoa học được công nhận cấp bộ, ban, ngành, tỉnh trở lên trong năm "
        "2024, chưa dùng làm căn cứ khen thưởng: có 0"
    )


def test_conditions_about_a_person_are_unmet_for_a_unit(scene):
    code = own_rule({"any": [{"initiatives": {"min_level": "co_so", "min": 1, "window": 1}},
                             {"service": {"min_months": 1}},
                             {"recipient": {"position_categories": ["civil_servant"]}}]},
                    recipient="collective")  # fmt: skip

    found = verdict(scene["so_nv"], code, 2024)

    assert found.status == Status.NOT_ELIGIBLE
    assert found.conditions[0].children[0].text.endswith("— chỉ xét cho cá nhân")


def test_recipient_unit_kinds_hold_for_a_unit_of_that_kind(scene):
    code = own_rule({"recipient": {"unit_kinds": ["ward", "commune"]}}, recipient="collective")

    found = verdict(scene["ward"], code, 2024)

    assert found.status == Status.ELIGIBLE
    assert (found.conditions[0].text, found.conditions[0].records) == (
        "Loại đơn vị: Phường hoặc Xã", ["Loại đơn vị: Phường"],
    )  # fmt: skip


def test_recipient_direct_worker(scene):
    code = own_rule({"recipient": {"direct_worker": True}})
    worker = member(scene["ward"], is_direct_worker=True)

    assert verdict(worker, code, 2024).status == Status.ELIGIBLE
    assert verdict(scene["officer"], code, 2024).status == Status.NOT_ELIGIBLE


def test_member_count_of_a_person_reads_the_candidate_unit(scene):
    code = own_rule({"member_count": {"awards": ["LDTT"], "min": 2}})
    colleague = member(scene["so_nv"])
    give(colleague, "LDTT", 2024)
    give(scene["officer"], "LDTT", 2024)

    assert verdict(scene["officer"], code, 2024).status == Status.ELIGIBLE


def test_person_outside_every_unit_is_judged_by_calendar_years_without_a_unit(scene):
    code = own_rule({"cap": {"award": "CSTDCS", "of_awards": ["LDTT"], "max_share": 0.15}})
    retired = PersonFactory(full_name="Lê Văn Hưu")
    MembershipFactory(
        person=retired, unit=scene["school"], start_date=dt.date(2000, 9, 1), end_date=dt.date(2023, 12, 31)
    )

    found = verdict(retired, code, 2024)

    assert (found.period_kind, found.status) == (PeriodKind.CALENDAR_YEAR, Status.NOT_ELIGIBLE)
    assert found.conditions[0].text.endswith("— không xác định được đơn vị")


def test_secondary_membership_does_not_make_a_candidate_unit(scene):
    teacher_elsewhere = member(scene["so_nv"])
    teacher_elsewhere.memberships.update(is_primary=False)
    rate(teacher_elsewhere, 2024)

    found = verdict(teacher_elsewhere, "LDTT", 2024)

    assert found.period_kind == PeriodKind.CALENDAR_YEAR
    assert leaf(found, "Thời gian công tác").outcome == Outcome.MET


def test_cluster_rank_of_a_unit_without_a_sheet_is_unmet(scene):
    found = verdict(scene["ward"], "CO_TD_TINH", 2024)

    assert leaf(found, "Dẫn đầu cụm").records == ["Chưa có bảng điểm đã khóa"]
