"""What the two evaluators share: verdict statuses, condition results and the period arithmetic.

``evaluate.py`` judges one subject and explains why; ``sweep.py`` judges a whole scope set-based in the database.
Both follow the semantics of ``schema.py`` and must agree on every status (tests/eligibility/test_agreement.py).

Three-valued logic. Each condition is *met*, *unmet* or *to weigh*:
- a history condition is met or unmet from the records; a ``judgement`` is always to weigh; a ``procedure`` is met
  (it is listed, and left to the dossier workflow: council vote, public listing);
- ``all``: unmet if any child is unmet, else to weigh if any child is to weigh, else met;
- ``any``: met if any child is met, else to weigh if any child is to weigh, else unmet.
A rule's verdict is its expression combined by ``all`` with the principles in force: met → "đủ điều kiện",
to weigh → "cần xem xét" (an either-or rule is eligible only when a branch made of history conditions holds;
otherwise the judgement branches are what the board must weigh), unmet → "không đủ điều kiện".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import PeriodKind


class Status(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    TO_WEIGH = "to_weigh", _("Cần xem xét")
    NOT_ELIGIBLE = "not_eligible", _("Không đủ điều kiện")


class Outcome(models.TextChoices):
    MET = "met", _("Đạt")
    UNMET = "unmet", _("Chưa đạt")
    WEIGH = "weigh", _("Cần xem xét")


class ConditionKind(models.TextChoices):
    GROUP = "group", _("Nhóm điều kiện")
    HISTORY = "history", _("Điều kiện từ lịch sử")
    JUDGEMENT = "judgement", _("Điều kiện cần Hội đồng, Ban xem xét")
    PROCEDURE = "procedure", _("Thủ tục")


STATUS_OF = {Outcome.MET: Status.ELIGIBLE, Outcome.WEIGH: Status.TO_WEIGH, Outcome.UNMET: Status.NOT_ELIGIBLE}


def combine_all(outcomes: list[str]) -> str:
    if Outcome.UNMET in outcomes:
        return Outcome.UNMET
    return Outcome.WEIGH if Outcome.WEIGH in outcomes else Outcome.MET


def combine_any(outcomes: list[str]) -> str:
    if Outcome.MET in outcomes:
        return Outcome.MET
    return Outcome.WEIGH if Outcome.WEIGH in outcomes else Outcome.UNMET


@dataclass
class ConditionResult:
    kind: str  # ConditionKind
    outcome: str  # Outcome
    text: str  # Vietnamese: what the condition asks and what was found
    records: list[str] = field(default_factory=list)  # the records used ("Lao động tiên tiến 2023")
    children: list[ConditionResult] = field(default_factory=list)
    operator: str = ""  # "all" / "any" for groups


@dataclass
class Verdict:
    award_code: str
    recipient_kind: str
    period_kind: str
    year: int
    status: str  # Status
    rule_id: int | None
    conditions: list[ConditionResult]
    person_id: int | None = None
    unit_id: int | None = None

    def explanation(self) -> str:
        """One line a board officer reads: "Lao động tiên tiến 2022, 2023 ✓; sáng kiến cấp cơ sở 2023 ✓; …"."""
        marks = {Outcome.MET: "✓", Outcome.UNMET: "✗", Outcome.WEIGH: "?"}
        parts: list[str] = []

        def walk(results: list[ConditionResult]) -> None:
            for result in results:
                if result.kind == ConditionKind.GROUP:
                    walk(result.children)
                else:
                    parts.append(f"{result.text} {marks[result.outcome]}")

        walk(self.conditions)
        return "; ".join(parts)


# --- Periods -------------------------------------------------------------------------------------------------


def period_bounds(period_kind: str, year: int, school_year_start_month: int = 9) -> tuple[dt.date, dt.date]:
    """First and last day of a period: a calendar year, or the school year that ends in ``year``."""
    if period_kind == PeriodKind.SCHOOL_YEAR:
        start = dt.date(year - 1, school_year_start_month, 1)
        end = dt.date(year, school_year_start_month, 1) - dt.timedelta(days=1)
        return start, end
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def window_bounds(period_kind: str, year: int, window: int) -> tuple[dt.date, dt.date]:
    """First day of the earliest and last day of the judged period of a window of ``window`` periods."""
    start, _end = period_bounds(period_kind, year - window + 1)
    _start, end = period_bounds(period_kind, year)
    return start, end


def default_as_of(period_kind: str, year: int) -> dt.date:
    """Rules are those in force at the end of the judged period unless a dossier's submission date says otherwise."""
    return period_bounds(period_kind, year)[1]
