"""One subject, explained: the verdict of each award rule for a person or a unit and a year, with the records used.

The interpreter of the rule language (``schema.py``): one small function per condition kind, dispatched by
``CONDITIONS``; ``all`` / ``any`` combine with the three-valued logic of ``engine.py``. The subject's history is
loaded once per call, a query per kind of record, whatever the number of rules and conditions (``History``).
``sweep.py`` judges a whole scope in SQL with the same semantics; both must agree on every status.

Decisions where the shared semantics left a choice (the sweep follows the same):

1. Dates. Every period date (a person's candidate unit, the members of a unit, discipline windows, service, the
   default as-of date) comes from ``engine.period_bounds`` with its default school-year start (1 September) for
   every sector; ``Sector.school_year_start_month`` is not read (``records.services`` stores school years alike).
2. Exact arithmetic. The shares of the rules are decimals read as exact fractions (0.7 = 7/10): ``member_share`` is
   met iff holders × 10 ≥ members × 7, and the ``cap`` limit is max(1, floor(max_share × holders)) in integers
   (0.15 × 20 = 3, never 2.999…), never in floating point. Members are distinct people; "trên 50%" is seeded as
   0.5001.
3. Unit conditions of a person. ``member_share``, ``member_count``, ``no_member_discipline``, ``cluster_rank`` and
   ``cap`` read the subject's unit U: the unit itself, or a person's candidate unit; without one they are unmet.
   ``initiatives`` and ``service`` are unmet for a unit. ``recipient``: ``direct_worker`` and
   ``position_categories`` hold only for a person (``direct_worker: true`` requires ``Person.is_direct_worker``,
   ``false`` requires it unset), ``unit_kinds`` only for a unit subject.
4. Which rows count. Own-history conditions count rows of the subject's period kind (``rating``, ``title``,
   ``title_count``, ``earlier_award``, ``no_recent_award``); initiatives by ``Initiative.year`` whatever their kind;
   disciplines by their dates only. ``title``, ``title_count`` and ``earlier_award`` count merit awards
   (``counts_toward_merit``); ``no_recent_award``, ``member_share``, ``member_count`` and ``cap`` count every award
   of the codes. Member rows are those of the unit's kind and the judged year.
5. A rule's verdict is ``all`` of its expression and the non-null principles of the rule's own regime; the rule is
   the one whose regime is in force on ``as_of`` (default: the end of the subject's period).
6. Candidate unit. A person with several primary memberships active at the end of their unit's period takes the unit
   of the lowest membership id; a secondary membership never makes a candidate unit (the person is then judged by
   calendar years), but every dated membership counts for ``service``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from thidua.catalog.models import AwardType, CommendationKind, RecipientKind
from thidua.eligibility.engine import (
    STATUS_OF,
    ConditionKind,
    ConditionResult,
    Outcome,
    Verdict,
    combine_all,
    combine_any,
    default_as_of,
    period_bounds,
    window_bounds,
)
from thidua.eligibility.models import Principle, Rule
from thidua.movements.enums import SheetState
from thidua.movements.models import SheetMember
from thidua.orgs.models import Membership, OrgUnit, PeriodKind, Person, PositionCategory, UnitKind
from thidua.records.enums import (
    DISCIPLINE_SEVERITY,
    RATING_RANK,
    RECOGNITION_RANK,
    DisciplineKind,
    DisciplineStatus,
    InitiativeKind,
    RatingLevel,
    RecognitionLevel,
)
from thidua.records.models import Award, Discipline, Initiative, Rating, period_label, school_year_label

# Member names listed under a member condition; the rest are counted.
MAX_MEMBER_RECORDS = 20

Subject = Person | OrgUnit


# --- Public API ------------------------------------------------------------------------------------------------


def evaluate(subject: Subject, award_code: str, *, year: int, as_of: dt.date | None = None) -> Verdict | None:
    """The verdict of the rule for ``award_code`` in force on ``as_of``, or None when there is no such rule."""
    verdicts = evaluate_all(subject, year=year, as_of=as_of, award_codes=[award_code])
    return verdicts[0] if verdicts else None


def evaluate_all(
    subject: Subject, *, year: int, as_of: dt.date | None = None, award_codes: Iterable[str] | None = None
) -> list[Verdict]:
    """Verdicts of every rule in force for the subject (or of ``award_codes``), the history read once."""
    history = History(subject, year)
    as_of = as_of or default_as_of(history.kind, year)
    rules = Rule.objects.in_force(as_of).filter(recipient_kind=history.recipient_kind).select_related("award_type")
    if award_codes is not None:
        rules = rules.filter(award_code__in=list(award_codes))
    rules = sorted(rules, key=lambda rule: (rule.award_type.sort_order, rule.award_code))
    if not rules:
        return []
    principles: dict[int, list[Principle]] = {}
    for principle in Principle.objects.filter(regime_id__in={rule.regime_id for rule in rules}).order_by("code"):
        if principle.expression is not None:
            principles.setdefault(principle.regime_id, []).append(principle)
    context = Context(history=history, year=year, names=award_names(as_of))
    return [judge_rule(rule, principles.get(rule.regime_id, []), context) for rule in rules]


def judge_rule(rule: Rule, principles: list[Principle], context: Context) -> Verdict:
    history = context.history
    results = [judge(rule.expression, context), *(judge(principle.expression, context) for principle in principles)]
    outcome = combine_all([result.outcome for result in results])
    return Verdict(
        award_code=rule.award_code,
        recipient_kind=rule.recipient_kind,
        period_kind=history.kind,
        year=context.year,
        status=STATUS_OF[outcome],
        rule_id=rule.pk,
        conditions=results,
        person_id=history.person.pk if history.person else None,
        unit_id=history.unit.pk if history.person is None else None,
    )


def award_names(on: dt.date) -> dict[str, str]:
    """The display name of every award code, as the version in force on ``on`` (else the earliest) calls it."""
    names: dict[str, str] = {}
    for code, name, valid_from in AwardType.objects.order_by("valid_from").values_list("code", "name", "valid_from"):
        if code not in names or valid_from <= on:
            names[code] = name
    return names


# --- The subject's history -------------------------------------------------------------------------------------


class History:
    """What the rules read about one subject and one year: one query per kind of record, made on first use."""

    def __init__(self, subject: Subject, year: int) -> None:
        self.year = year
        if isinstance(subject, Person):
            self.person: Person | None = subject
            self.recipient_kind = RecipientKind.INDIVIDUAL
            self.memberships = list(
                Membership.objects.filter(person=subject).select_related("unit__sector", "unit__kind").order_by("pk")
            )
            self.unit = self._candidate_unit()
        elif isinstance(subject, OrgUnit):
            self.person = None
            self.recipient_kind = RecipientKind.COLLECTIVE
            self.memberships = []
            self.unit = OrgUnit.objects.select_related("sector", "kind").get(pk=subject.pk)
        else:
            raise TypeError(f"Cannot judge {type(subject).__name__}: a person or a unit is expected")
        # A person outside every unit is judged by calendar years.
        self.kind = self.unit.period_kind() if self.unit is not None else PeriodKind.CALENDAR_YEAR
        self.period_end = period_bounds(self.kind, year)[1]

    def _candidate_unit(self) -> OrgUnit | None:
        """The unit of the lowest primary membership active at the end of that unit's period."""
        for membership in self.memberships:
            if not membership.is_primary:
                continue
            end = period_bounds(membership.unit.period_kind(), self.year)[1]
            started = membership.start_date is None or membership.start_date <= end
            if started and (membership.end_date is None or membership.end_date >= end):
                return membership.unit
        return None

    def _own(self, model) -> Any:
        return model.objects.filter(person=self.person) if self.person else model.objects.filter(unit=self.unit)

    @cached_property
    def ratings(self) -> dict[int, Rating]:
        return {rating.year: rating for rating in self._own(Rating).filter(period_kind=self.kind)}

    @cached_property
    def awards(self) -> list[Award]:
        return list(self._own(Award).in_force().filter(period_kind=self.kind).order_by("year", "pk"))

    @cached_property
    def disciplines(self) -> list[Discipline]:
        return list(self._own(Discipline).order_by("start_date", "pk"))

    @cached_property
    def initiatives(self) -> list[Initiative]:
        if self.person is None:
            return []
        return list(Initiative.objects.filter(authorships__person=self.person).order_by("year", "pk"))

    # The subject's unit U (the unit itself, or a person's candidate unit) and its members at the period end.

    def _member_ids(self):
        memberships = Membership.objects.current(self.period_end).filter(unit=self.unit, is_primary=True)
        return memberships.values("person_id")

    @cached_property
    def members(self) -> dict[int, Person]:
        if self.unit is None:
            return {}
        memberships = Membership.objects.current(self.period_end).filter(unit=self.unit, is_primary=True)
        return {membership.person_id: membership.person for membership in memberships.select_related("person")}

    @cached_property
    def member_awards(self) -> list[Award]:
        if self.unit is None:
            return []
        rows = Award.objects.in_force().filter(person__in=self._member_ids(), period_kind=self.kind, year=self.year)
        return list(rows.order_by("pk"))

    @cached_property
    def member_ratings(self) -> dict[int, Rating]:
        if self.unit is None:
            return {}
        rows = Rating.objects.filter(person__in=self._member_ids(), period_kind=self.kind, year=self.year)
        return {rating.person_id: rating for rating in rows}

    @cached_property
    def member_disciplines(self) -> list[Discipline]:
        if self.unit is None:
            return []
        rows = Discipline.objects.filter(person__in=self._member_ids(), status=DisciplineStatus.IN_EFFECT)
        return list(rows.order_by("start_date", "pk"))

    @cached_property
    def sheet_ranks(self) -> list[SheetMember]:
        if self.unit is None:
            return []
        rows = SheetMember.objects.filter(
            unit=self.unit, sheet__year=self.year, sheet__state=SheetState.LOCKED, rank__isnull=False
        )
        return list(rows.select_related("sheet__cluster").order_by("rank", "pk"))

    @cached_property
    def unit_kind_names(self) -> dict[str, str]:
        return dict(UnitKind.objects.values_list("code", "name"))


@dataclass
class Context:
    history: History
    year: int
    names: dict[str, str]

    @property
    def kind(self) -> str:
        return self.history.kind

    def award_name(self, code: str) -> str:
        return self.names.get(code, code)

    def award_list(self, codes: list[str]) -> str:
        return _(" hoặc ").join(self.award_name(code) for code in codes)


# --- Text helpers ----------------------------------------------------------------------------------------------


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _window_years(year: int, window: int) -> list[int]:
    return list(range(year - window + 1, year + 1))


def _label(kind: str, year: int) -> str:
    return str(period_label(kind, year))


def _years(kind: str, years: list[int]) -> str:
    """ "2022, 2023" or "năm học 2021–2022, 2022–2023"."""
    if kind == PeriodKind.SCHOOL_YEAR:
        return _("năm học %(years)s") % {"years": ", ".join(school_year_label(year) for year in years)}
    return ", ".join(str(year) for year in years)


def _in(kind: str, year: int, window: int = 1) -> str:
    """ "năm 2024", "năm học 2023–2024", "các năm 2022–2024", "các năm học 2021–2022 đến 2023–2024"."""
    first = year - window + 1
    if kind == PeriodKind.SCHOOL_YEAR:
        if window == 1:
            return _("năm học %(year)s") % {"year": school_year_label(year)}
        return _("các năm học %(first)s đến %(last)s") % {
            "first": school_year_label(first),
            "last": school_year_label(year),
        }
    if window == 1:
        return _("năm %(year)s") % {"year": year}
    return _("các năm %(first)s–%(last)s") % {"first": first, "last": year}


def _percent(value: Fraction) -> str:
    number = (Decimal(value.numerator) / Decimal(value.denominator) * 100).quantize(Decimal("0.01"))
    text = f"{number:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def _share(value: float | int) -> Fraction:
    """A share of the YAML as the exact decimal it was written as (0.15 is 3/20, not the nearest float)."""
    return Fraction(str(value))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _rating_level(code: str) -> str:
    level = RatingLevel(code)
    label = str(level.label)
    return label if RATING_RANK[level] == max(RATING_RANK.values()) else _("%(level)s trở lên") % {"level": label}


def _award_record(award: Award, context: Context) -> str:
    text = _("%(period)s: %(award)s") % {
        "period": _label(award.period_kind, award.year),
        "award": context.award_name(award.award_code),
    }
    if award.decision_number:
        text += _(" (QĐ số %(number)s)") % {"number": award.decision_number}
    if not award.counts_toward_merit:
        text += _(" — %(kind)s, không tính cho khen thưởng công trạng") % {
            "kind": _lower_first(str(CommendationKind(award.commendation_kind).label))
        }
    return text


def _discipline_record(discipline: Discipline) -> str:
    what = str(DisciplineKind(discipline.kind).label) if discipline.kind else ""
    if discipline.status == DisciplineStatus.PENDING or not what:
        what = str(DisciplineStatus(discipline.status).label)
    if discipline.end_date:
        return _("%(what)s, từ %(start)s đến %(end)s") % {
            "what": what,
            "start": _day(discipline.start_date),
            "end": _day(discipline.end_date),
        }
    return _("%(what)s, từ %(start)s") % {"what": what, "start": _day(discipline.start_date)}


def _overlaps(discipline: Discipline, start: dt.date, end: dt.date) -> bool:
    return discipline.start_date <= end and (discipline.end_date is None or discipline.end_date >= start)


def _result(outcome_met: bool, text: str, records: list[str] | None = None) -> ConditionResult:
    return ConditionResult(
        kind=ConditionKind.HISTORY,
        outcome=Outcome.MET if outcome_met else Outcome.UNMET,
        text=text,
        records=records or [],
    )


def _named(people: Iterable[tuple[Person, str]]) -> list[str]:
    rows = list(people)
    records = [f"{person.full_name}: {what}" for person, what in rows[:MAX_MEMBER_RECORDS]]
    if len(rows) > MAX_MEMBER_RECORDS:
        records.append(_("… và %(count)d người khác") % {"count": len(rows) - MAX_MEMBER_RECORDS})
    return records


def _no_unit(text: str) -> ConditionResult:
    return _result(False, _("%(text)s — không xác định được đơn vị") % {"text": text})


# --- Conditions ------------------------------------------------------------------------------------------------


def judge(node: dict, context: Context) -> ConditionResult:
    [(key, params)] = node.items()
    return CONDITIONS[key](params, context)


def judge_all(children: list[dict], context: Context) -> ConditionResult:
    results = [judge(child, context) for child in children]
    return ConditionResult(
        kind=ConditionKind.GROUP,
        outcome=combine_all([result.outcome for result in results]),
        text=_("Đáp ứng tất cả các điều kiện"),
        children=results,
        operator="all",
    )


def judge_any(children: list[dict], context: Context) -> ConditionResult:
    results = [judge(child, context) for child in children]
    return ConditionResult(
        kind=ConditionKind.GROUP,
        outcome=combine_any([result.outcome for result in results]),
        text=_("Đáp ứng một trong các điều kiện"),
        children=results,
        operator="any",
    )


def judgement(text: str, context: Context) -> ConditionResult:
    return ConditionResult(kind=ConditionKind.JUDGEMENT, outcome=Outcome.WEIGH, text=text)


def procedure(text: str, context: Context) -> ConditionResult:
    return ConditionResult(kind=ConditionKind.PROCEDURE, outcome=Outcome.MET, text=text)


def rating(params: dict, context: Context) -> ConditionResult:
    """Rated at least ``min`` in each of the last ``years`` periods."""
    kind, ratings = context.kind, context.history.ratings
    years = _window_years(context.year, params["years"])
    minimum = RATING_RANK[RatingLevel(params["min"])]
    missing = [year for year in years if year not in ratings or ratings[year].rank < minimum]
    level = _rating_level(params["min"])
    if len(years) == 1:
        text = _("%(level)s %(when)s") % {"level": level, "when": _in(kind, context.year)}
    else:
        text = _("%(level)s %(count)d %(unit)s liên tục (%(years)s)") % {
            "level": level,
            "count": len(years),
            "unit": _("năm học") if kind == PeriodKind.SCHOOL_YEAR else _("năm"),
            "years": _years(kind, years),
        }
    if missing:
        text += _(" — chưa đạt: %(years)s") % {"years": _years(kind, missing)}
    records = [
        _("%(period)s: %(level)s") % {"period": _label(kind, year), "level": ratings[year].get_level_display()}
        for year in years
        if year in ratings
    ]
    return _result(not missing, text, records)


def rating_count(params: dict, context: Context) -> ConditionResult:
    """Rated at least ``min`` in at least ``count`` of the last ``window`` periods."""
    kind, ratings = context.kind, context.history.ratings
    years = _window_years(context.year, params["window"])
    minimum = RATING_RANK[RatingLevel(params["min"])]
    rated = [year for year in years if year in ratings and ratings[year].rank >= minimum]
    text = _("%(level)s ít nhất %(min)d lần trong %(when)s: có %(count)d") % {
        "level": _rating_level(params["min"]),
        "min": params["count"],
        "when": _in(kind, context.year, params["window"]),
        "count": len(rated),
    }
    records = [
        _("%(period)s: %(level)s") % {"period": _label(kind, year), "level": ratings[year].get_level_display()}
        for year in rated
    ]
    return _result(len(rated) >= params["count"], text, records)


def _awards_of(context: Context, codes: list[str], years: list[int]) -> list[Award]:
    return [award for award in context.history.awards if award.award_code in codes and award.year in years]


def title(params: dict, context: Context) -> ConditionResult:
    """Holds one of the awards (merit only) in each of the last ``years`` periods."""
    kind, codes = context.kind, params["awards"]
    years = _window_years(context.year, params["years"])
    found = _awards_of(context, codes, years)
    held = {award.year for award in found if award.counts_toward_merit}
    missing = [year for year in years if year not in held]
    names = context.award_list(codes)
    if len(years) == 1:
        text = _("Đạt %(award)s %(when)s") % {"award": names, "when": _in(kind, context.year)}
    else:
        text = _("Đạt %(award)s %(count)d %(unit)s liên tục (%(years)s)") % {
            "award": names,
            "count": len(years),
            "unit": _("năm học") if kind == PeriodKind.SCHOOL_YEAR else _("năm"),
            "years": _years(kind, years),
        }
    if missing:
        text += _(" — chưa đạt: %(years)s") % {"years": _years(kind, missing)}
    return _result(not missing, text, [_award_record(award, context) for award in found])


def title_count(params: dict, context: Context) -> ConditionResult:
    """Holds one of the awards (merit only) in at least ``min`` of the last ``window`` periods."""
    kind, codes = context.kind, params["awards"]
    found = _awards_of(context, codes, _window_years(context.year, params["window"]))
    held = sorted({award.year for award in found if award.counts_toward_merit})
    text = _("Đạt %(award)s ít nhất %(min)d lần trong %(when)s: có %(count)d") % {
        "award": context.award_list(codes),
        "min": params["min"],
        "when": _in(kind, context.year, params["window"]),
        "count": len(held),
    }
    return _result(len(held) >= params["min"], text, [_award_record(award, context) for award in found])


def earlier_award(params: dict, context: Context) -> ConditionResult:
    """Has one of the awards (merit only) and the latest is at least ``min_years_since`` periods before."""
    kind, codes, since = context.kind, params["awards"], params["min_years_since"]
    found = [award for award in context.history.awards if award.award_code in codes and award.year <= context.year]
    merit_years = [award.year for award in found if award.counts_toward_merit]
    latest = max(merit_years) if merit_years else None
    names = context.award_list(codes)
    if since:
        text = _("Đã được tặng %(award)s, lần gần nhất cách %(when)s từ %(count)d năm trở lên") % {
            "award": names,
            "when": _in(kind, context.year),
            "count": since,
        }
    else:
        text = _("Đã được tặng %(award)s") % {"award": names}
    if latest is None:
        text += _(" — chưa có")
    else:
        text += _(" — lần gần nhất: %(period)s") % {"period": _label(kind, latest)}
    met = latest is not None and context.year - latest >= since
    return _result(met, text, [_award_record(award, context) for award in found])


def no_recent_award(params: dict, context: Context) -> ConditionResult:
    """None of the awards (whatever their merit flag) in the last ``window`` periods."""
    found = _awards_of(context, params["awards"], _window_years(context.year, params["window"]))
    text = _("Không được tặng %(award)s trong %(when)s") % {
        "award": context.award_list(params["awards"]),
        "when": _in(context.kind, context.year, params["window"]),
    }
    return _result(not found, text, [_award_record(award, context) for award in found])


def initiatives(params: dict, context: Context) -> ConditionResult:
    """At least ``min`` initiatives authored, at ``min_level`` or above, in the window, not yet backing an award."""
    kinds = params.get("kinds") or list(InitiativeKind.values)
    if kinds == [InitiativeKind.INITIATIVE]:
        what = _("sáng kiến")
    elif kinds == [InitiativeKind.RESEARCH]:
        what = _("đề tài, đề án, công trình khoa học")
    else:
        what = _("sáng kiến, đề tài khoa học")
    level = RecognitionLevel(params["min_level"])
    level_text = _lower_first(str(level.label))
    if RECOGNITION_RANK[level] < max(RECOGNITION_RANK.values()):
        level_text = _("%(level)s trở lên") % {"level": level_text}
    years = _window_years(context.year, params["window"])
    matching = [
        initiative
        for initiative in context.history.initiatives
        if initiative.year in years
        and RECOGNITION_RANK[RecognitionLevel(initiative.level)] >= RECOGNITION_RANK[level]
        and initiative.kind in kinds
    ]
    usable = [initiative for initiative in matching if initiative.backed_award_id is None]
    text = _(
        "Có ít nhất %(min)d %(what)s được công nhận %(level)s trong %(when)s, "
        "chưa dùng làm căn cứ khen thưởng: có %(count)d"
    ) % {
        "min": params["min"],
        "what": what,
        "level": level_text,
        "when": _in(context.kind, context.year, params["window"]),
        "count": len(usable),
    }
    if context.history.person is None:
        return _result(False, _("%(text)s — chỉ xét cho cá nhân") % {"text": text})
    records = []
    for initiative in matching:
        record = _("%(year)s: %(title)s (%(level)s)") % {
            "year": initiative.year,
            "title": initiative.title,
            "level": _lower_first(initiative.get_level_display()),
        }
        if initiative.backed_award_id is not None:
            record += _(" — đã dùng làm căn cứ khen thưởng, không tính")
        records.append(record)
    return _result(len(usable) >= params["min"], text, records)


def no_discipline(params: dict, context: Context) -> ConditionResult:
    """No discipline of those statuses (and severity) overlapping the last ``window`` periods."""
    statuses = params.get("statuses") or [DisciplineStatus.IN_EFFECT]
    severity = params.get("min_severity")
    start, end = window_bounds(context.kind, context.year, params["window"])
    found = [
        discipline
        for discipline in context.history.disciplines
        if discipline.status in statuses
        and (severity is None or discipline.severity >= DISCIPLINE_SEVERITY[severity])
        and _overlaps(discipline, start, end)
    ]
    punished = _("chịu kỷ luật")
    if severity:
        punished = _("chịu kỷ luật từ hình thức %(kind)s trở lên") % {"kind": DisciplineKind(severity).label}
    parts = []
    if DisciplineStatus.PENDING in statuses:
        parts.append(_("đang bị xem xét kỷ luật, điều tra, thanh tra"))
    if DisciplineStatus.IN_EFFECT in statuses:
        parts.append(punished)
    text = _("Không %(what)s trong %(when)s") % {
        "what": _(" và không ").join(parts),
        "when": _in(context.kind, context.year, params["window"]),
    }
    return _result(not found, text, [_discipline_record(discipline) for discipline in found])


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier, clamped to the end of a shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def service(params: dict, context: Context) -> ConditionResult:
    """The earliest dated membership began at least ``min_months`` months before the end of the period."""
    history = context.history
    text = _("Thời gian công tác từ %(months)d tháng trở lên tính đến %(day)s") % {
        "months": params["min_months"],
        "day": _day(history.period_end),
    }
    if history.person is None:
        return _result(False, _("%(text)s — chỉ xét cho cá nhân") % {"text": text})
    starts = [membership.start_date for membership in history.memberships if membership.start_date]
    if not starts:
        return _result(False, text, [_("Chưa có ngày bắt đầu công tác")])
    first = min(starts)
    met = first <= _months_before(history.period_end, params["min_months"])
    return _result(met, text, [_("Bắt đầu công tác: %(day)s") % {"day": _day(first)}])


def recipient(params: dict, context: Context) -> ConditionResult:
    """What the subject is: every key given must hold."""
    person, unit = context.history.person, context.history.unit
    checks: list[bool] = []
    parts: list[str] = []
    records: list[str] = []
    if "direct_worker" in params:
        wanted = params["direct_worker"]
        checks.append(person is not None and person.is_direct_worker == wanted)
        parts.append(
            _("Là người trực tiếp lao động, sản xuất") if wanted else _("Không phải người trực tiếp lao động, sản xuất")
        )
    if "position_categories" in params:
        categories = params["position_categories"]
        checks.append(person is not None and person.position_category in categories)
        labels = [str(PositionCategory(code).label) if code in PositionCategory.values else code for code in categories]
        parts.append(_("Thuộc đối tượng: %(what)s") % {"what": _(" hoặc ").join(labels)})
        if person is not None:
            records.append(_("Đối tượng: %(what)s") % {"what": person.get_position_category_display()})
    if "unit_kinds" in params:
        kinds = params["unit_kinds"]
        checks.append(person is None and unit is not None and unit.kind.code in kinds)
        names = context.history.unit_kind_names
        parts.append(_("Loại đơn vị: %(what)s") % {"what": _(" hoặc ").join(names.get(code, code) for code in kinds)})
        if person is None and unit is not None:
            records.append(_("Loại đơn vị: %(what)s") % {"what": unit.kind.name})
    return _result(all(checks), "; ".join(parts) or _("Mọi đối tượng"), records)


def member_share(params: dict, context: Context) -> ConditionResult:
    """Share of the unit's members holding one of the awards, or rated at least ``rating_min``, in the period."""
    history, minimum = context.history, _share(params["min"])
    when = _in(context.kind, context.year)
    if "awards" in params:
        what = _("đạt %(award)s") % {"award": context.award_list(params["awards"])}
        holders = {award.person_id for award in history.member_awards if award.award_code in params["awards"]}
        qualifying = {person_id: context.award_list(params["awards"]) for person_id in holders}
    else:
        what = _lower_first(_rating_level(params["rating_min"]))
        rank = RATING_RANK[RatingLevel(params["rating_min"])]
        qualifying = {
            person_id: row.get_level_display() for person_id, row in history.member_ratings.items() if row.rank >= rank
        }
    if minimum == 1:
        text = _("Tất cả thành viên %(what)s %(when)s") % {"what": what, "when": when}
    else:
        text = _("Từ %(share)s thành viên trở lên %(what)s %(when)s") % {
            "share": _percent(minimum),
            "what": what,
            "when": when,
        }
    if history.unit is None:
        return _no_unit(text)
    members = history.members
    if not members:
        return _result(False, _("%(text)s — đơn vị không có thành viên") % {"text": text})
    count = sum(1 for person_id in members if person_id in qualifying)
    actual = Fraction(count, len(members))
    text += _(": %(count)d/%(total)d người (%(share)s)") % {
        "count": count,
        "total": len(members),
        "share": _percent(actual),
    }
    rows = [(person, qualifying[pid]) for pid, person in members.items() if pid in qualifying]
    rows += [(person, _("chưa đạt")) for pid, person in members.items() if pid not in qualifying]
    return _result(actual >= minimum, text, _named(rows))


def member_count(params: dict, context: Context) -> ConditionResult:
    """At least ``min`` members hold one of the awards in the period."""
    history, codes = context.history, params["awards"]
    text = _("Có ít nhất %(min)d thành viên đạt %(award)s %(when)s") % {
        "min": params["min"],
        "award": context.award_list(codes),
        "when": _in(context.kind, context.year),
    }
    if history.unit is None:
        return _no_unit(text)
    holders = {award.person_id for award in history.member_awards if award.award_code in codes}
    holders &= set(history.members)
    text += _(": có %(count)d") % {"count": len(holders)}
    rows = [(history.members[pid], context.award_list(codes)) for pid in sorted(holders)]
    return _result(len(holders) >= params["min"], text, _named(rows))


def no_member_discipline(params: dict, context: Context) -> ConditionResult:
    """No member with an in-effect discipline of that severity overlapping the window."""
    history = context.history
    kind = DisciplineKind(params["min_severity"])
    text = _("Không có thành viên chịu kỷ luật từ hình thức %(kind)s trở lên trong %(when)s") % {
        "kind": kind.label,
        "when": _in(context.kind, context.year, params["window"]),
    }
    if history.unit is None:
        return _no_unit(text)
    start, end = window_bounds(context.kind, context.year, params["window"])
    found = [
        discipline
        for discipline in history.member_disciplines
        if discipline.person_id in history.members
        and discipline.severity >= DISCIPLINE_SEVERITY[kind]
        and _overlaps(discipline, start, end)
    ]
    rows = [(history.members[discipline.person_id], _discipline_record(discipline)) for discipline in found]
    return _result(not found, text, _named(rows))


def cluster_rank(params: dict, context: Context) -> ConditionResult:
    """Ranked at most ``max`` on a locked score sheet of the judged year."""
    history = context.history
    if params["max"] == 1:
        text = _("Dẫn đầu cụm, khối thi đua năm %(year)s (bảng điểm đã khóa)") % {"year": context.year}
    else:
        text = _("Xếp hạng từ 1 đến %(max)d trong cụm, khối thi đua năm %(year)s (bảng điểm đã khóa)") % {
            "max": params["max"],
            "year": context.year,
        }
    if history.unit is None:
        return _no_unit(text)
    ranks = history.sheet_ranks
    records = [
        _("%(cluster)s – %(year)s: hạng %(rank)d")
        % {"cluster": member.sheet.cluster.name, "year": member.sheet.year, "rank": member.rank}
        for member in ranks
    ]
    if not ranks:
        records = [_("Chưa có bảng điểm đã khóa")]
    return _result(bool(ranks) and ranks[0].rank <= params["max"], text, records)


def cap(params: dict, context: Context) -> ConditionResult:
    """The unit has fewer of ``award`` than max(1, floor(max_share × its holders of ``of_awards``))."""
    history, share = context.history, _share(params["max_share"])
    text = _("Trong chỉ tiêu %(award)s: không quá %(share)s số người đạt %(of)s của đơn vị %(when)s") % {
        "award": context.award_name(params["award"]),
        "share": _percent(share),
        "of": context.award_list(params["of_awards"]),
        "when": _in(context.kind, context.year),
    }
    if history.unit is None:
        return _no_unit(text)
    members = history.members
    holders = {
        award.person_id
        for award in history.member_awards
        if award.award_code in params["of_awards"] and award.person_id in members
    }
    subject_id = history.person.pk if history.person else None
    already = {
        award.person_id
        for award in history.member_awards
        if award.award_code == params["award"] and award.person_id in members and award.person_id != subject_id
    }
    limit = max(1, int(share * len(holders)))  # int() of a non-negative Fraction is its floor
    text += _(" — %(unit)s: %(holders)d người đạt, tối đa %(limit)d, đã có %(already)d") % {
        "unit": history.unit.name,
        "holders": len(holders),
        "limit": limit,
        "already": len(already),
    }
    rows = [(members[pid], context.award_name(params["award"])) for pid in sorted(already)]
    return _result(len(already) < limit, text, _named(rows))


CONDITIONS: dict[str, Callable[[Any, Context], ConditionResult]] = {
    "all": judge_all,
    "any": judge_any,
    "judgement": judgement,
    "procedure": procedure,
    "rating": rating,
    "rating_count": rating_count,
    "title": title,
    "title_count": title_count,
    "earlier_award": earlier_award,
    "no_recent_award": no_recent_award,
    "initiatives": initiatives,
    "no_discipline": no_discipline,
    "service": service,
    "recipient": recipient,
    "member_share": member_share,
    "member_count": member_count,
    "no_member_discipline": no_member_discipline,
    "cluster_rank": cluster_rank,
    "cap": cap,
}
