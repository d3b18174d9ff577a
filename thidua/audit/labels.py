"""Vietnamese names of audit actions: the four model changes, plus the workflow codes later apps register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from thidua.audit.models import AuditEntry

# auditlog's actions: 0 create, 1 update, 2 delete, 3 access.
_ACTION_LABELS = {0: _("Tạo mới"), 1: _("Cập nhật"), 2: _("Xóa"), 3: _("Xem")}
_ACTION_VERBS = {0: "created", 1: "updated", 2: "deleted", 3: "accessed"}
_CODE_LABELS: dict[str, Promise | str] = {}


def register_action_label(code: str, label: Promise | str) -> None:
    """Name a workflow code for the history, e.g. ("dossiers.dossier.returned", _("Trả lại hồ sơ"))."""
    _CODE_LABELS[code] = label


def verb_for(action: int) -> str:
    return _ACTION_VERBS.get(action, "changed")


def label_for(entry: AuditEntry) -> str:
    if entry.code in _CODE_LABELS:
        return str(_CODE_LABELS[entry.code])
    if entry.code and not entry.code.endswith(tuple(f".{verb}" for verb in _ACTION_VERBS.values())):
        return entry.code  # a workflow code nobody named yet: still better than "Cập nhật"
    return str(_ACTION_LABELS.get(entry.action, entry.action))
