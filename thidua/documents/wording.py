"""Phrases the builders share: counts of recipients ("02 tập thể và 12 cá nhân"), award names as a sentence says them
("danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025"), list numbering (I, II …), a short achievement for a list column."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.utils import translation

from thidua.documents import vn

Builder = TypeVar("Builder", bound=Callable)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
KIND_WORDS = {"unit": "tập thể", "person": "cá nhân", "household": "hộ gia đình"}
ACHIEVEMENT_CHARS = 180


def in_vietnamese(builder: Builder) -> Builder:
    """Build the document with Vietnamese active: an official document is in Vietnamese whatever the language of the
    user's pages, so the labels of choices it prints (roles, ratings, gender) are the Vietnamese ones."""

    @functools.wraps(builder)
    def build(*args, **kwargs):
        with translation.override("vi"):
            return builder(*args, **kwargs)

    return build  # type: ignore[return-value]


def roman(index: int) -> str:
    """I, II, III … for index 0, 1, 2 …"""
    return ROMAN[index] if index < len(ROMAN) else str(index + 1)


def kind_of(row) -> str:
    """ "person", "unit" or "household": the recipient an entry, a decision item or an award names."""
    if getattr(row, "person_id", None):
        return "person"
    if getattr(row, "unit_id", None):
        return "unit"
    return "household"


def join_words(words: Iterable[str]) -> str:
    """ "a, b và c"."""
    words = [word for word in words if word]
    if len(words) > 1:
        return ", ".join(words[:-1]) + " và " + words[-1]
    return words[0] if words else ""


def counts_text(rows: Iterable) -> str:
    """ "02 tập thể và 12 cá nhân" (collectives first, as decisions list them)."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[kind_of(row)] = counts.get(kind_of(row), 0) + 1
    return join_words(f"{vn.count_text(counts[kind])} {KIND_WORDS[kind]}" for kind in ("unit", "person", "household")
                      if counts.get(kind))  # fmt: skip


def award_words(award_type, *, year_label: str = "", authority=None) -> str:
    """ "danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" for a title, the form's name for a commendation form — as
    ``authority`` grants it ("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng") when it is given."""
    from thidua.catalog.models import AwardKind

    name = award_type.name_given_by(authority)
    if award_type.kind == AwardKind.TITLE:
        text = f"danh hiệu “{name}”"
        return f"{text} {year_label}" if year_label else text
    return name


def year_label_of(rows: list, year_of=None) -> str:
    """ "năm 2025" (or "năm học 2024–2025") when every row is of the same period; "" otherwise. Rows carry
    ``period_kind`` and ``year`` (items, awards); ``year_of(row)`` gives (period_kind, year) for others."""
    from thidua.records.models import period_label

    periods = {year_of(row) if year_of else (row.period_kind, row.year) for row in rows}
    if len(periods) != 1:
        return ""
    kind, year = periods.pop()
    if year is None:
        return ""
    label = str(period_label(kind, year))
    return label if label.startswith("năm") else f"năm {label}"


def person_title(gender: str) -> str:
    """ "Ông " / "Bà " before a person's name in a list."""
    return {"M": "Ông ", "F": "Bà "}.get(gender or "", "")


def shorten(text: str, limit: int = ACHIEVEMENT_CHARS) -> str:
    """An achievement cut at a word for a list's column."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def lines_of(text: str) -> list[str]:
    """A text field holding one entry per line (bases, recipients), without list dashes and blank lines."""
    return [line.strip().lstrip("-–•").strip() for line in (text or "").splitlines() if line.strip()]


def end_sentence(text: str, mark: str = ".") -> str:
    text = text.rstrip()
    return text if text.endswith((".", ";", ":", "./.")) else text + mark
