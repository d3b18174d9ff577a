"""Every write to the history (ratings, initiatives, awards, discipline): views, API, imports, the demo and tests.

Each function takes keyword arguments with the acting user as ``by`` (None for a command or the system), runs in one
transaction, derives what the law derives (a rating's rank, an award's code, merit flag and snapshot, a discipline's
severity, the period of the subject), validates with ``full_clean`` and saves inside ``acting_as(by)`` so that the
audit log (``thidua.audit.tracking``, registered in ``RecordsConfig.ready``) names the actor. Bad input is a Vietnamese
``ValidationError`` keyed by the field it is about.

Permissions are the caller's business (``thidua.records.rules``); these functions only keep the history true.

Periods: a row's ``period_kind`` defaults to the subject's — a unit's sector (no sector: calendar year), a person's
primary unit (their primary membership active on the day that matters, else today; outside every unit: calendar);
a school year is stored by the year it ends in (năm học 2022–2023 is 2023).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.context import acting_as
from thidua.audit.labels import register_action_label
from thidua.audit.services import record_action
from thidua.catalog.models import AwardType, CommendationKind, RecipientKind
from thidua.core.writes import acting_user, assign, save_valid
from thidua.orgs.models import Household, Membership, OrgUnit, PeriodKind, Person
from thidua.records.enums import (
    DISCIPLINE_SEVERITY,
    RATING_RANK,
    AwardSource,
    DisciplineStatus,
    InitiativeKind,
)
from thidua.records.models import Award, Discipline, Initiative, InitiativeAuthor, Rating, period_label

RATING_FIELDS = {"level", "note", "rated_unit", "year", "period_kind"}
INITIATIVE_FIELDS = {"title", "kind", "level", "recognised_on", "recognised_by", "unit", "year", "period_kind"}
AWARD_FIELDS = {"commendation_kind", "decision_number", "decision_date", "authority", "authority_name", "achievement",
                "posthumous", "year", "period_kind"}  # fmt: skip
DISCIPLINE_FIELDS = {"status", "kind", "decision_number", "start_date", "end_date", "reason", "year", "period_kind"}
# Where awards may come from through these functions; awards of a decision are made by the decision itself.
WRITABLE_SOURCES = (AwardSource.HISTORICAL, AwardSource.IMPORT)
FIRST_YEAR = 1945
SCHOOL_YEAR_START_MONTH = 9

ACTION_LABELS = {"records.award.imported": gettext_lazy("Nhập khen thưởng từ tệp")}
for _code, _label in ACTION_LABELS.items():
    register_action_label(_code, _label)

Subject = Person | OrgUnit | Household


# --- helpers ---------------------------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _locked(instance: models.Model) -> models.Model:
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _one_subject(*, person=None, unit=None, household=None, households: bool = False) -> Subject:
    given = [subject for subject in (person, unit, household) if subject is not None]
    if len(given) != 1:
        if households:
            message = _("Chọn đúng một đối tượng: một cá nhân, một tập thể hoặc một hộ gia đình.")
        else:
            message = _("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể.")
        raise _refuse("person", message)
    return given[0]


def _subject_of(row: models.Model) -> Subject:
    return row.person or row.unit or row.household


def _subject_field(subject: Subject) -> str:
    if isinstance(subject, Person):
        return "person"
    return "unit" if isinstance(subject, OrgUnit) else "household"


def _check_year(year: Any, field: str = "year") -> None:
    last = timezone.localdate().year + 1
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise _refuse(field, _("Năm phải là một số từ %(first)d đến %(last)d.") % {"first": FIRST_YEAR, "last": last})


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# --- periods ---------------------------------------------------------------------------------------------------


def period_phrase(period_kind: str, year: int) -> str:
    """ "năm 2023" or "năm học 2022–2023": the period as a sentence names it."""
    if period_kind == PeriodKind.SCHOOL_YEAR:
        return str(period_label(period_kind, year))
    return _("năm %(year)s") % {"year": year}


def period_end(period_kind: str, year: int, start_month: int = SCHOOL_YEAR_START_MONTH) -> dt.date:
    """The last day of a calendar year, or of the school year that ends in ``year``."""
    if period_kind == PeriodKind.SCHOOL_YEAR:
        return dt.date(year, start_month, 1) - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def period_year(day: dt.date, period_kind: str, start_month: int = SCHOOL_YEAR_START_MONTH) -> int:
    """The year of the period ``day`` falls in (a school year by the year it ends in)."""
    if period_kind == PeriodKind.SCHOOL_YEAR and day.month >= start_month:
        return day.year + 1
    return day.year


def mid_year(year: int) -> dt.date:
    """30 June: inside both the calendar year ``year`` and the school year that ends in it."""
    return dt.date(year, 6, 30)


def primary_membership(person: Person, on: dt.date | None = None) -> Membership | None:
    """The person's primary membership active on ``on`` (else today), lowest id first; None outside every unit."""
    memberships = (
        Membership.objects.filter(person=person, is_primary=True).select_related("unit__sector").order_by("pk")
    )
    if on is not None:
        found = memberships.current(on).first()
        if found is not None:
            return found
    return memberships.current().first()


def unit_period(unit: OrgUnit | None) -> tuple[str, int]:
    """A unit's period kind and the month its school year starts in (its sector's; calendar without a sector)."""
    sector = unit.sector if unit is not None and unit.sector_id else None
    if sector is None:
        return PeriodKind.CALENDAR_YEAR, SCHOOL_YEAR_START_MONTH
    return sector.period_kind, sector.school_year_start_month


def subject_period(subject: Subject, on: dt.date | None = None) -> tuple[str, int]:
    """The subject's period kind (and school-year start month) around ``on``."""
    if isinstance(subject, Person):
        membership = primary_membership(subject, on)
        return unit_period(membership.unit if membership else None)
    if isinstance(subject, OrgUnit):
        return unit_period(subject)
    return unit_period(subject.unit)


def subject_period_kind(subject: Subject, year: int | None = None) -> str:
    """The period kind a subject's rows of ``year`` are kept in."""
    return subject_period(subject, mid_year(year) if year else None)[0]


# --- Ratings ---------------------------------------------------------------------------------------------------


def _no_duplicate_rating(rating: Rating) -> None:
    subject = _subject_of(rating)
    clash = Rating.objects.of(subject).filter(period_kind=rating.period_kind, year=rating.year).exclude(pk=rating.pk)
    if clash.exists():
        raise _refuse("year", _("“%(subject)s” đã có xếp loại %(period)s.")
                      % {"subject": subject, "period": period_phrase(rating.period_kind, rating.year)})  # fmt: skip


@transaction.atomic
def create_rating(
    *,
    by,
    year: int,
    level: str,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    period_kind: str | None = None,
    rated_unit: OrgUnit | None = None,
    note: str = "",
) -> Rating:
    """The rating (xếp loại) of a person or a unit for one period; its rank follows from the level."""
    subject = _one_subject(person=person, unit=unit)
    _check_year(year)
    if isinstance(subject, Person) and rated_unit is None:
        membership = primary_membership(subject, mid_year(year))
        rated_unit = membership.unit if membership else None
    rating = Rating(
        person=person, unit=unit, year=year, level=level, rated_unit=rated_unit, note=note,
        period_kind=period_kind or subject_period_kind(subject, year), rank=RATING_RANK.get(level, 0),
    )  # fmt: skip
    _no_duplicate_rating(rating)
    with acting_as(by):
        save_valid(rating)
    return rating


@transaction.atomic
def update_rating(rating: Rating, *, by, **fields) -> Rating:
    """Change a rating's level, period, rating unit or note (its subject stays)."""
    rating = _locked(rating)
    if assign(rating, fields, RATING_FIELDS):
        _check_year(rating.year)
        rating.rank = RATING_RANK.get(rating.level, 0)
        _no_duplicate_rating(rating)
        with acting_as(by):
            save_valid(rating)
    return rating


@transaction.atomic
def delete_rating(rating: Rating, *, by) -> None:
    rating = _locked(rating)
    with acting_as(by):
        rating.delete()


# --- Initiatives -----------------------------------------------------------------------------------------------


def _authorships(authors: Iterable) -> list[tuple[Person, int | None]]:
    """Authors given as people or as {"person": …, "share": …}: (person, share) pairs, each person once."""
    pairs: list[tuple[Person, int | None]] = []
    for author in authors:
        if isinstance(author, dict):
            pairs.append((author["person"], author.get("share")))
        else:
            pairs.append((author, None))
    if not pairs:
        raise _refuse("authors", _("Cần ít nhất một tác giả."))
    seen: set[int] = set()
    for person, share in pairs:
        if person.pk in seen:
            raise _refuse("authors", _("Tác giả “%(name)s” được kê hai lần.") % {"name": person.full_name})
        seen.add(person.pk)
        if share is not None and not 1 <= share <= 100:
            raise _refuse("authors", _("Tỷ lệ đóng góp của “%(name)s” phải từ 1 đến 100.") % {"name": person.full_name})
    if sum(share or 0 for _person, share in pairs) > 100:
        raise _refuse("authors", _("Tổng tỷ lệ đóng góp của các tác giả không được vượt quá 100."))
    return pairs


def _initiative_period(initiative: Initiative, first_author: Person | None) -> tuple[str, int]:
    if initiative.unit_id:
        return unit_period(initiative.unit)
    if first_author is not None:
        return subject_period(first_author, initiative.recognised_on)
    return PeriodKind.CALENDAR_YEAR, SCHOOL_YEAR_START_MONTH


def _date_or_refuse(value: Any, field: str, message: str) -> None:
    if not isinstance(value, dt.date):
        raise _refuse(field, message)


def _set_authors(initiative: Initiative, pairs: list[tuple[Person, int | None]]) -> None:
    wanted = {person.pk: share for person, share in pairs}
    for authorship in list(initiative.authorships.all()):
        if authorship.person_id not in wanted:
            authorship.delete()
            continue
        share = wanted.pop(authorship.person_id)
        if authorship.share != share:
            authorship.share = share
            save_valid(authorship)
    for person, share in pairs:
        if person.pk in wanted:
            save_valid(InitiativeAuthor(initiative=initiative, person=person, share=share))


@transaction.atomic
def create_initiative(
    *,
    by,
    title: str,
    level: str,
    recognised_on: dt.date,
    authors: Sequence,
    kind: str = InitiativeKind.INITIATIVE,
    recognised_by: str = "",
    unit: OrgUnit | None = None,
    year: int | None = None,
    period_kind: str | None = None,
) -> Initiative:
    """A recognised initiative (sáng kiến) with its authors (people, or {"person", "share"} with a share in %).

    ``year`` defaults to the period ``recognised_on`` falls in, of the initiative's kind (its unit's, else its first
    author's)."""
    pairs = _authorships(authors)
    _date_or_refuse(recognised_on, "recognised_on", _("Cần nhập ngày công nhận sáng kiến."))
    initiative = Initiative(title=title, kind=kind, level=level, recognised_on=recognised_on,
                            recognised_by=recognised_by, unit=unit)  # fmt: skip
    default_kind, start_month = _initiative_period(initiative, pairs[0][0])
    initiative.period_kind = period_kind or default_kind
    initiative.year = year if year is not None else period_year(recognised_on, initiative.period_kind, start_month)
    _check_year(initiative.year)
    with acting_as(by):
        save_valid(initiative)
        _set_authors(initiative, pairs)
    return initiative


@transaction.atomic
def update_initiative(initiative: Initiative, *, by, authors: Sequence | None = None, **fields) -> Initiative:
    """Change an initiative; ``authors`` (when given) replaces the list. A new recognition date moves the year with
    it unless ``year`` is given too."""
    initiative = _locked(initiative)
    changed = assign(initiative, fields, INITIATIVE_FIELDS)
    pairs = _authorships(authors) if authors is not None else None
    if "recognised_on" in changed and "year" not in fields:
        _date_or_refuse(initiative.recognised_on, "recognised_on", _("Cần nhập ngày công nhận sáng kiến."))
        first = pairs[0][0] if pairs else initiative.authors.order_by("authorships__pk").first()
        _kind, start_month = _initiative_period(initiative, first)
        initiative.year = period_year(initiative.recognised_on, initiative.period_kind, start_month)
    with acting_as(by):
        if changed:
            _check_year(initiative.year)
            save_valid(initiative)
        if pairs is not None:
            _set_authors(initiative, pairs)
    return initiative


def _backing_refused(initiative: Initiative) -> str:
    return _("Sáng kiến “%(title)s” đã làm căn cứ cho khen thưởng “%(award)s”: một sáng kiến chỉ làm căn cứ cho một "
             "khen thưởng.") % {"title": initiative.title, "award": initiative.backed_award}  # fmt: skip


@transaction.atomic
def delete_initiative(initiative: Initiative, *, by) -> None:
    """Delete an initiative entered by mistake; one that backs an award stays (the award rests on it)."""
    initiative = _locked(initiative)
    if initiative.backed_award_id is not None:
        raise _refuse(NON_FIELD_ERRORS, _backing_refused(initiative))
    with acting_as(by):
        for authorship in list(initiative.authorships.all()):
            authorship.delete()
        initiative.delete()


# --- Awards ----------------------------------------------------------------------------------------------------

RECIPIENT_KIND_OF = {Person: RecipientKind.INDIVIDUAL, OrgUnit: RecipientKind.COLLECTIVE,
                     Household: RecipientKind.HOUSEHOLD}  # fmt: skip


def award_type_for(code: str, on: dt.date) -> AwardType:
    """The version of award type ``code`` in force on ``on``.

    A day before the catalog's first version of the code (history older than the earliest seeded regime) takes that
    first version: the stable code is what the rules count. A day after the code's last version is refused."""
    versions = list(AwardType.objects.filter(code=code).order_by("valid_from"))
    if not versions:
        raise _refuse("award_code", _("Không có danh hiệu, hình thức khen thưởng mã “%(code)s”.") % {"code": code})
    in_force = [version for version in versions if version.is_in_force(on)]
    if in_force:
        return in_force[-1]
    if on < versions[0].valid_from:
        return versions[0]
    raise _refuse("award_code", _("“%(name)s” (mã %(code)s) không còn hiệu lực vào ngày %(day)s.")
                  % {"name": versions[-1].name, "code": code, "day": _day(on)})  # fmt: skip


def _derive_award_type(award: Award, code: str, start_month: int) -> None:
    """Award type (the version in force on the decision date, else at the period's end), code and merit flag."""
    code = (code or "").strip()
    if not code:
        raise _refuse("award_code", _("Cần mã danh hiệu, hình thức khen thưởng, ví dụ LDTT."))
    _check_year(award.year)
    on = award.decision_date or period_end(award.period_kind, award.year, start_month)
    award_type = award_type_for(code, on)
    subject = _subject_of(award)
    recipient = RECIPIENT_KIND_OF[type(subject)]
    if recipient not in award_type.recipient_kinds:
        raise _refuse(_subject_field(subject), _("“%(name)s” không dùng để khen thưởng %(recipient)s.")
                      % {"name": award_type.name, "recipient": str(recipient.label).lower()})  # fmt: skip
    award.award_type = award_type
    award.award_code = award_type.code
    award.counts_toward_merit = award.commendation_kind == CommendationKind.MERIT and award_type.counts_toward_merit


_LOOK_UP = object()


def recipient_snapshot(
    *,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    household: Household | None = None,
    on: dt.date,
    membership: Any = _LOOK_UP,
) -> dict[str, Any]:
    """The recipient as they are on ``on`` (name, gender, birth year, ethnicity, group, position, unit): awards and
    nomination entries keep it so that decisions and reports stay true after people move and units merge.

    ``membership``: the person's primary membership when the caller has loaded it for many people at once (None:
    outside every unit); by default it is looked up (``primary_membership``)."""
    snapshot: dict[str, Any] = {
        "recipient_name": "", "gender": "", "birth_year": None, "ethnicity_name": "", "is_minority": False,
        "is_direct_worker": False, "position_category": "", "position": "", "unit_name": "",
    }  # fmt: skip
    if person is not None:
        if membership is _LOOK_UP:
            membership = primary_membership(person, on)
        ethnicity = person.ethnicity if person.ethnicity_id else None
        snapshot.update(
            recipient_name=person.full_name,
            gender=person.gender,
            birth_year=person.birth_year or (person.birth_date.year if person.birth_date else None),
            ethnicity_name=ethnicity.name if ethnicity else "",
            is_minority=ethnicity.is_minority if ethnicity else False,
            is_direct_worker=person.is_direct_worker,
            position_category=person.position_category,
            position=membership.position if membership else "",
            unit_name=membership.unit.name if membership else "",
        )
    elif unit is not None:
        snapshot["recipient_name"] = unit.name
    elif household is not None:
        snapshot["recipient_name"] = household.name
        snapshot["unit_name"] = household.unit.name
    return snapshot


def _fill_snapshot(award: Award, on: dt.date) -> None:
    """The recipient as they are when the award is recorded: reports stay true after people move and units merge."""
    snapshot = recipient_snapshot(person=award.person if award.person_id else None,
                                  unit=award.unit if award.unit_id else None,
                                  household=award.household if award.household_id else None, on=on)  # fmt: skip
    for name, value in snapshot.items():
        setattr(award, name, value)


def _set_backing(award: Award, initiatives: Iterable[Initiative]) -> None:
    """Link the initiatives an award rests on (not yet used by another award); unlink the ones no longer listed."""
    initiatives = list(initiatives)
    if len(initiatives) > 1:
        raise _refuse("backing_initiatives", _("Mỗi khen thưởng ghi nhận một sáng kiến làm căn cứ."))
    wanted = {initiative.pk for initiative in initiatives}
    for old in Initiative.objects.select_for_update().filter(backed_award=award).exclude(pk__in=wanted):
        old.backed_award = None
        old.save()
    for given in initiatives:
        initiative = Initiative.objects.select_for_update().get(pk=given.pk)
        if initiative.backed_award_id == award.pk:
            continue
        if initiative.backed_award_id is not None:
            raise _refuse("backing_initiatives", _backing_refused(initiative))
        if award.household_id:
            raise _refuse("backing_initiatives", _("Khen thưởng hộ gia đình không dùng sáng kiến làm căn cứ."))
        if award.person_id and not initiative.authorships.filter(person_id=award.person_id).exists():
            raise _refuse("backing_initiatives", _("“%(person)s” không phải tác giả của sáng kiến “%(title)s”.")
                          % {"person": award.person, "title": initiative.title})  # fmt: skip
        if award.unit_id and initiative.unit_id != award.unit_id:
            raise _refuse("backing_initiatives", _("Sáng kiến “%(title)s” không áp dụng tại “%(unit)s”.")
                          % {"title": initiative.title, "unit": award.unit})  # fmt: skip
        initiative.backed_award = award
        save_valid(initiative)


@transaction.atomic
def create_award(
    *,
    by,
    award_code: str,
    year: int,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    household: Household | None = None,
    commendation_kind: str = CommendationKind.MERIT,
    period_kind: str | None = None,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    authority=None,
    authority_name: str = "",
    achievement: str = "",
    posthumous: bool = False,
    source: str = AwardSource.HISTORICAL,
    backing_initiatives: Iterable[Initiative] = (),
) -> Award:
    """An award already decided (historical, or imported from a file): the award type is the version of
    ``award_code`` in force on the decision date (else at the end of the period), the merit flag is derived
    (commendation_kind công trạng and an award type that counts), the recipient's snapshot is taken now."""
    subject = _one_subject(person=person, unit=unit, household=household, households=True)
    _check_year(year)
    if source not in WRITABLE_SOURCES:
        raise _refuse("source", _("Khen thưởng theo quyết định trên hệ thống do chính quyết định đó ghi nhận."))
    on = decision_date or mid_year(year)
    default_kind, start_month = subject_period(subject, on)
    award = Award(
        person=person, unit=unit, household=household, year=year, period_kind=period_kind or default_kind,
        commendation_kind=commendation_kind, decision_number=decision_number, decision_date=decision_date,
        authority=authority, authority_name=authority_name, achievement=achievement, posthumous=posthumous,
        source=source, created_by=acting_user(by),
    )  # fmt: skip
    _derive_award_type(award, award_code, start_month)
    _fill_snapshot(award, on)
    with acting_as(by):
        save_valid(award)
        _set_backing(award, backing_initiatives)
        if source == AwardSource.IMPORT:
            record_action(award, code="records.award.imported", by=by,
                          data={"award_code": award.award_code, "year": award.year})  # fmt: skip
    return award


SNAPSHOT_FIELDS = ("recipient_name", "gender", "birth_year", "ethnicity_name", "is_minority", "is_direct_worker",
                   "position_category", "position", "unit_name")  # fmt: skip


def create_decided_award(
    *,
    by,
    award_type: AwardType,
    year: int,
    period_kind: str,
    decision_number: str,
    decision_date: dt.date,
    authority,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    household: Household | None = None,
    commendation_kind: str = CommendationKind.MERIT,
    achievement: str = "",
    posthumous: bool = False,
    snapshot: dict[str, Any] | None = None,
) -> Award:
    """The award a signed decision grants (``thidua.decisions.services.sign``): source "decision", so it is fixed
    from now on (model and database). The award type is the decision item's version; the merit flag is derived as for
    any award; the recipient's snapshot is the item's (taken when the entry was submitted), else taken now. The caller
    holds the transaction."""
    subject = _one_subject(person=person, unit=unit, household=household, households=True)
    _check_year(year)
    recipient = RECIPIENT_KIND_OF[type(subject)]
    if recipient not in award_type.recipient_kinds:
        raise _refuse(_subject_field(subject), _("“%(name)s” không dùng để khen thưởng %(recipient)s.")
                      % {"name": award_type.name, "recipient": str(recipient.label).lower()})  # fmt: skip
    award = Award(
        person=person, unit=unit, household=household, year=year, period_kind=period_kind,
        award_type=award_type, award_code=award_type.code, commendation_kind=commendation_kind,
        counts_toward_merit=commendation_kind == CommendationKind.MERIT and award_type.counts_toward_merit,
        decision_number=decision_number, decision_date=decision_date, authority=authority,
        authority_name=authority.name if authority is not None else "", achievement=achievement,
        posthumous=posthumous, source=AwardSource.DECISION, created_by=acting_user(by),
    )  # fmt: skip
    if snapshot and snapshot.get("recipient_name"):
        for name in SNAPSHOT_FIELDS:
            if name in snapshot:
                setattr(award, name, snapshot[name])
    else:
        _fill_snapshot(award, decision_date)
    with acting_as(by):
        save_valid(award)
    return award


def _require_editable(award: Award) -> None:
    if award.source == AwardSource.DECISION:
        raise _refuse(NON_FIELD_ERRORS, _("Khen thưởng theo quyết định trên hệ thống chỉ được sửa, hủy bằng một "
                                          "quyết định điều chỉnh."))  # fmt: skip


@transaction.atomic
def update_award(
    award: Award,
    *,
    by,
    award_code: str | None = None,
    backing_initiatives: Iterable[Initiative] | None = None,
    **fields,
) -> Award:
    """Correct a historical or imported award; the award type, code and merit flag are derived again, the snapshot
    stays as it was taken."""
    award = _locked(award)
    _require_editable(award)
    changed = assign(award, fields, AWARD_FIELDS)
    if award_code is not None and award_code != award.award_code:
        changed.append("award_code")
    with acting_as(by):
        if changed:
            _start_kind, start_month = subject_period(_subject_of(award), award.decision_date or mid_year(award.year))
            _derive_award_type(award, award_code if award_code is not None else award.award_code, start_month)
            save_valid(award)
        if backing_initiatives is not None:
            _set_backing(award, backing_initiatives)
    return award


@transaction.atomic
def delete_award(award: Award, *, by) -> None:
    """Delete a historical or imported award entered by mistake; its initiatives become free to back another."""
    award = _locked(award)
    _require_editable(award)
    with acting_as(by):
        _set_backing(award, [])
        award.delete()


# --- Discipline ------------------------------------------------------------------------------------------------


def _derive_severity(discipline: Discipline) -> None:
    if discipline.status == DisciplineStatus.IN_EFFECT:
        if not discipline.kind:
            raise _refuse("kind", _("Cần chọn hình thức kỷ luật đã quyết định."))
        discipline.severity = DISCIPLINE_SEVERITY.get(discipline.kind, 0)
    else:
        if discipline.kind:
            raise _refuse("kind", _("Chỉ ghi hình thức kỷ luật khi đã có quyết định kỷ luật."))
        discipline.severity = 0
    _date_or_refuse(discipline.start_date, "start_date", _("Cần nhập ngày bắt đầu."))
    if discipline.end_date is not None and discipline.end_date < discipline.start_date:
        raise _refuse("end_date", _("Ngày kết thúc không được trước ngày bắt đầu (%(day)s).")
                      % {"day": _day(discipline.start_date)})  # fmt: skip


@transaction.atomic
def create_discipline(
    *,
    by,
    start_date: dt.date,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    status: str = DisciplineStatus.IN_EFFECT,
    kind: str = "",
    end_date: dt.date | None = None,
    decision_number: str = "",
    reason: str = "",
    year: int | None = None,
    period_kind: str | None = None,
) -> Discipline:
    """A discipline (kỷ luật) in effect, or a pending investigation that blocks awards while it lasts (no kind,
    severity 0). ``year`` defaults to the period ``start_date`` falls in."""
    subject = _one_subject(person=person, unit=unit)
    discipline = Discipline(person=person, unit=unit, status=status, kind=kind or "", start_date=start_date,
                            end_date=end_date, decision_number=decision_number, reason=reason)  # fmt: skip
    _derive_severity(discipline)
    default_kind, start_month = subject_period(subject, start_date)
    discipline.period_kind = period_kind or default_kind
    discipline.year = year if year is not None else period_year(start_date, discipline.period_kind, start_month)
    _check_year(discipline.year)
    with acting_as(by):
        save_valid(discipline)
    return discipline


@transaction.atomic
def update_discipline(discipline: Discipline, *, by, **fields) -> Discipline:
    """Change a discipline: decide a pending case (status, kind), end it, correct it. A new start date moves the
    year with it unless ``year`` is given too."""
    discipline = _locked(discipline)
    if "kind" in fields and fields["kind"] is None:
        fields["kind"] = ""
    changed = assign(discipline, fields, DISCIPLINE_FIELDS)
    if not changed:
        return discipline
    _derive_severity(discipline)
    if "start_date" in changed and "year" not in fields:
        _kind, start_month = subject_period(_subject_of(discipline), discipline.start_date)
        discipline.year = period_year(discipline.start_date, discipline.period_kind, start_month)
    _check_year(discipline.year)
    with acting_as(by):
        save_valid(discipline)
    return discipline


@transaction.atomic
def delete_discipline(discipline: Discipline, *, by) -> None:
    discipline = _locked(discipline)
    with acting_as(by):
        discipline.delete()
