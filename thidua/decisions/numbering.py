"""The registers that number decisions and certificates, and the gapless counter of an internal register.

A register is **external** when the authority's clerical office (văn thư) numbers its documents in its own book: the
clerk records the number and the system only refuses a number already used in that register and year (a unique
constraint on Decision). It is **internal** when this system keeps the book: ``allocate`` takes the next numbers from
the register's counter row for the year under a row lock, inside the signing transaction. Two signings at once queue
on the row and never share a number; a signing that fails rolls its increment back with everything else, so the book
has no hole (a database sequence would leave one).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.catalog.models import Authority
from thidua.decisions.enums import Numbering, RegisterKind
from thidua.decisions.models import Register, RegisterCounter

# Authorities whose decisions their own clerical office numbers (UBND tỉnh, bộ, Thủ tướng …); a grassroots
# authority's Giấy khen book is kept by the system.
EXTERNAL_LEVELS = frozenset({"province", "state"})


def _decision_defaults(authority: Authority) -> dict:
    external = authority.kind.level in EXTERNAL_LEVELS
    return {
        "numbering": Numbering.EXTERNAL if external else Numbering.INTERNAL,
        "name": _("Sổ quyết định khen thưởng"),
        "symbol": f"QĐ-{authority.document_code}",
    }


def _certificate_defaults(authority: Authority) -> dict:
    return {
        "numbering": Numbering.INTERNAL,
        "name": _("Sổ vào sổ bằng khen, giấy khen"),
        "symbol": "GK" if authority.kind.level == "grassroots" else "BK",
    }


def default_register(authority: Authority, kind: str) -> Register:
    """The active register of ``kind`` of the authority, created the first time with the defaults of its level:
    decisions "QĐ-<document_code>", numbered by the clerical office at province and state level, by the system at
    grassroots level; certificates numbered by the system, "BK" (province, state) or "GK" (grassroots)."""
    found = Register.objects.filter(authority=authority, kind=kind, is_active=True).order_by("pk").first()
    if found is not None:
        return found
    defaults = _decision_defaults(authority) if kind == RegisterKind.DECISION else _certificate_defaults(authority)
    # An inactive register with the same symbol would clash with the unique (authority, kind, symbol): reuse it.
    register, created = Register.objects.get_or_create(
        authority=authority, kind=kind, symbol=defaults["symbol"], defaults=defaults
    )
    if not created and not register.is_active:
        register.is_active = True
        register.save(update_fields=["is_active", "updated_at"])
    return register


def allocate(register: Register, year: int, count: int = 1) -> int:
    """The first number of ``count`` consecutive numbers of the register for ``year``.

    Call inside the transaction that uses the numbers: the counter row stays locked until it ends, and a rollback
    gives the numbers back."""
    if count < 1:
        raise ValueError("allocate needs count >= 1")
    with transaction.atomic():
        # Created once per year; two first signings of a year at once both insert, one insert is ignored.
        RegisterCounter.objects.bulk_create([RegisterCounter(register=register, year=year)], ignore_conflicts=True)
        counter = RegisterCounter.objects.select_for_update().get(register=register, year=year)
        first = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    return first
