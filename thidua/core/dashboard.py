"""The dashboard's panel registry: what each app shows a signed-in user on "Bảng điều khiển".

Core knows no domain, so the domains bring their own panels: each app keeps a ``dashboard.py`` whose functions are
decorated with ``@panel(order, section)`` and found by ``autodiscover_modules("dashboard")`` (as ``periodic.py``
tasks are). A panel function takes the ``Viewer`` (the user and the roles they hold now, read once for every panel)
and returns a ``Panel`` — a small, already-computed context: a title, a few items with links, key numbers — or
``None`` when it has nothing to say to this user (their roles do not fit). Panels must run a fixed, small number of
queries whatever the size of the data (tests/core/test_dashboard*.py bounds them).

Two sections: ``ACTION`` ("Việc cần làm ngay": inbox, deadlines, votes, decisions to sign) and ``NUMBERS``
("Số liệu trong phạm vi": the size of the user's scope and the year's figures).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules

from thidua.core.pagination import CappedCount

ACTION = "action"
NUMBERS = "numbers"
SECTIONS = (ACTION, NUMBERS)
# How many items a panel lists; the count says how many there are in all and the panel links to the full list.
ITEMS_SHOWN = 5


@dataclass(frozen=True)
class HeldRole:
    code: str
    unit_id: int
    unit_path: str


@dataclass
class Viewer:
    """The user a dashboard is built for, with their current roles (one query, shared by every panel)."""

    user: Any
    roles: tuple[HeldRole, ...] = ()

    @property
    def is_superuser(self) -> bool:
        return bool(self.user.is_superuser)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(role.code for role in self.roles)

    def holds(self, roles: Iterable[str]) -> bool:
        """A superuser holds every role; anyone else one of ``roles`` at some unit."""
        return self.is_superuser or bool(self.codes & set(roles))

    def units(self, roles: Iterable[str]) -> list[int]:
        """The ids of the units where the user holds one of ``roles`` (the units their work there is for)."""
        wanted = set(roles)
        return sorted({role.unit_id for role in self.roles if role.code in wanted})

    def paths(self, roles: Iterable[str]) -> list[str]:
        wanted = set(roles)
        return sorted({role.unit_path for role in self.roles if role.code in wanted})


@dataclass(frozen=True)
class Item:
    """One line of a panel: a thing to open, its deadline (``due_on``) or the day it happened (``day``), a short
    state (``badge``)."""

    text: str
    url: str = ""
    detail: str = ""
    due_on: dt.date | None = None
    day: dt.date | None = None
    overdue: bool = False
    badge: str = ""


@dataclass
class Figure:
    """A key number: ``value`` an int or a ``CappedCount`` (an int becomes one), or text already formatted (an
    amount of money, ``text=True``)."""

    label: str
    value: Any
    url: str = ""
    text: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.value, int) and not self.text:
            self.value = CappedCount(self.value, False)


@dataclass
class Panel:
    """What a panel shows: ``items`` (the first few of ``count`` things, all of them behind ``url``), ``figures``,
    and ``empty``, said when there is nothing. ``count`` may be an int or a ``CappedCount``."""

    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    count: CappedCount | int | None = None
    url: str = ""
    url_label: str = ""
    empty: str = ""
    note: str = ""
    section: str = ACTION
    order: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.count, int):
            self.count = CappedCount(self.count, False)

    @property
    def more(self) -> bool:
        """More things than the items listed: the panel's link leads to the rest."""
        return self.count is not None and (self.count.capped or self.count.value > len(self.items))


PanelFunction = Callable[[Viewer], Panel | None]


@dataclass(frozen=True)
class Registered:
    function: PanelFunction
    order: int
    section: str


_PANELS: dict[str, Registered] = {}


def register(function: PanelFunction, *, order: int, section: str = ACTION) -> PanelFunction:
    """Add a panel function (keyed by its module and name: registering it again replaces it, never doubles it)."""
    if section not in SECTIONS:
        raise ValueError(f"Unknown dashboard section {section!r}.")
    _PANELS[f"{function.__module__}.{function.__qualname__}"] = Registered(function, order, section)
    return function


def panel(order: int, section: str = ACTION) -> Callable[[PanelFunction], PanelFunction]:
    """Decorator form of ``register``."""

    def decorate(function: PanelFunction) -> PanelFunction:
        return register(function, order=order, section=section)

    return decorate


def registered() -> list[Registered]:
    autodiscover_modules("dashboard")
    return sorted(_PANELS.values(), key=lambda entry: (entry.order, entry.function.__module__))


def panels_for(viewer: Viewer) -> dict[str, list[Panel]]:
    """Every panel that has something for the viewer, by section, in order."""
    found: dict[str, list[Panel]] = {section: [] for section in SECTIONS}
    for entry in registered():
        result = entry.function(viewer)
        if result is None:
            continue
        result.section, result.order = entry.section, entry.order
        found[entry.section].append(result)
    return found
