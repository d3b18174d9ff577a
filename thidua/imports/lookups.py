"""Lookups shared by the importers: units (by code or name) in the importer's scope, people already there."""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.core.scoping import Scope
from thidua.core.text import fold, normalize
from thidua.orgs.models import OrgUnit, paths_filter


def writable_units(scope: Scope):
    """Units an import may write into: the subtrees of the user's roles (not units merely seen via relations)."""
    queryset = OrgUnit.objects.all()
    if scope.everything:
        return queryset
    if not scope.unit_paths:
        return queryset.none()
    return queryset.filter(paths_filter(scope.unit_paths))


class UnitLookup:
    """Every unit of the scope loaded once (a province has a few thousand): resolve a cell by code, then by name.

    ``resolve(text)`` returns ``(unit, "")`` or ``(None, Vietnamese message)``; a name shared by two units of the
    scope is ambiguous and must be given by code. A unit existing but outside the scope is reported as such.
    """

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.by_code: dict[str, OrgUnit] = {}
        self.by_name: dict[str, list[OrgUnit]] = {}
        for unit in writable_units(scope).only("pk", "code", "name", "short_name", "path", "dissolved_on"):
            if unit.code:
                self.by_code[unit.code.strip().casefold()] = unit
            for name in {unit.name, unit.short_name} - {""}:
                self.by_name.setdefault(fold(name), []).append(unit)

    def resolve(self, text: str) -> tuple[OrgUnit | None, str]:
        text = normalize(text)
        if not text:
            return None, _("bắt buộc, chưa điền.")
        unit = self.by_code.get(text.casefold())
        if unit is not None:
            return unit, ""
        found = self.by_name.get(fold(text), [])
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            return None, _("có %(n)d đơn vị cùng tên “%(name)s”: hãy ghi mã đơn vị.") % {"n": len(found), "name": text}
        if self._exists_elsewhere(text):
            return None, _("đơn vị “%(name)s” không thuộc phạm vi của bạn.") % {"name": text}
        return None, _("không tìm thấy đơn vị “%(name)s”.") % {"name": text}

    def _exists_elsewhere(self, text: str) -> bool:
        return (
            OrgUnit.objects.filter(code__iexact=text).exists()
            or OrgUnit.objects.filter(name_folded=fold(text)).exists()
        )
