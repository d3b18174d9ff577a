"""Every transition of ``workflow`` as a table: refused to the wrong role and to the right role at the wrong unit
(PermissionDenied), refused when its guard fails (ValidationError) — and then the dossier, its entries, attachments,
events and checks, the stored files, notifications and audit rows are exactly as before; taken by the right actor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.dossiers.workflow_scene import (
    BINH,
    HOA,
    appraised,
    check_all,
    district_board_head,
    draft,
    entry_of,
    fresh,
    received,
    returned,
    state_of,
    submitted,
)
from thidua.dossiers import workflow
from thidua.dossiers.enums import EntryState, Recommendation
from thidua.dossiers.models import DossierEntry, EntryCheck

pytestmark = pytest.mark.django_db

TWO = ((HOA, "BK_TINH"), (BINH, "BK_TINH"))


@dataclass
class Row:
    """``prepare(scene)`` → the dossier; ``act(scene, dossier, user)`` takes the step; ``spoil(scene, dossier)``
    makes its guard fail; the users by key in ``scene.users`` ("district": another authority's board head)."""

    prepare: Callable
    act: Callable
    spoil: Callable
    allowed: str
    wrong_role: str
    wrong_unit: str


def _received_with_a_rejection(scene):
    dossier = appraised(scene, TWO)
    workflow.reject(entry_of(dossier), by=scene.users["board_head"], reason="Không đủ tiêu chuẩn.")
    workflow.reject(entry_of(dossier, BINH), by=scene.users["board_head"], reason="Không đủ tiêu chuẩn.")
    return dossier


def _received_and_checked(scene):
    dossier = received(scene)
    check_all(entry_of(dossier))
    return dossier


def _remove_entry_documents(scene, dossier):
    workflow.remove_attachment(entry_of(dossier).attachments.get(), by=scene.users["officer"])


def _nothing(scene, dossier):
    """The guard fails through the step's own arguments (``act`` with ``spoiled=True``)."""


def _set_entry(dossier, name: str = HOA, **fields) -> None:
    DossierEntry.objects.filter(pk=entry_of(dossier, name).pk).update(**fields)


def _uncheck(scene, dossier):
    EntryCheck.objects.filter(entry=entry_of(dossier)).update(ok=None)


ROWS = {
    "submit": Row(
        prepare=lambda scene: draft(scene),
        act=lambda scene, d, user, spoiled: workflow.submit(d, by=user),
        spoil=lambda scene, d: _remove_entry_documents(scene, d),
        allowed="head", wrong_role="officer", wrong_unit="outsider",
    ),
    "resubmit": Row(
        prepare=lambda scene: returned(scene, TWO),
        act=lambda scene, d, user, spoiled: workflow.resubmit(d, by=user),
        spoil=lambda scene, d: _remove_entry_documents(scene, d),
        allowed="head", wrong_role="officer", wrong_unit="outsider",
    ),
    "withdraw": Row(
        prepare=lambda scene: submitted(scene, TWO),
        act=lambda scene, d, user, spoiled: workflow.withdraw(d, by=user, reason="Đơn vị xét lại danh sách."),
        spoil=lambda scene, d: _set_entry(d, BINH, state=EntryState.APPRAISED),
        allowed="head", wrong_role="officer", wrong_unit="outsider",
    ),
    "return": Row(
        prepare=lambda scene: submitted(scene),
        act=lambda scene, d, user, spoiled: workflow.return_dossier(d, by=user,
                                                                    reason="" if spoiled else "Tờ trình chưa ký."),
        spoil=_nothing,
        allowed="board", wrong_role="member1", wrong_unit="district",
    ),
    "receive": Row(
        prepare=lambda scene: submitted(scene, TWO),
        act=lambda scene, d, user, spoiled: workflow.receive(d, by=user),
        spoil=lambda scene, d: workflow.return_entry(entry_of(d), by=scene.users["board"], reason="Bổ sung."),
        allowed="board", wrong_role="member1", wrong_unit="district",
    ),
    "assign": Row(
        prepare=lambda scene: submitted(scene),
        act=lambda scene, d, user, spoiled: workflow.assign(
            d, by=user, officer=scene.users["head" if spoiled else "board2"]),
        spoil=_nothing,
        allowed="board_head", wrong_role="board", wrong_unit="district",
    ),
    "close": Row(
        prepare=_received_with_a_rejection,
        act=lambda scene, d, user, spoiled: workflow.close(d, by=user),
        spoil=lambda scene, d: _set_entry(d, state=EntryState.APPRAISED),
        allowed="board_head", wrong_role="board", wrong_unit="district",
    ),
    "return_entry": Row(
        prepare=lambda scene: submitted(scene, TWO),
        act=lambda scene, d, user, spoiled: workflow.return_entry(entry_of(d), by=user,
                                                                  reason="" if spoiled else "Bổ sung số liệu."),
        spoil=_nothing,
        allowed="board", wrong_role="head", wrong_unit="district",
    ),
    "appraise": Row(
        prepare=_received_and_checked,
        act=lambda scene, d, user, spoiled: workflow.appraise(entry_of(d), by=user,
                                                              recommendation=Recommendation.PROPOSE),
        spoil=_uncheck,
        allowed="board", wrong_role="member1", wrong_unit="district",
    ),
    "approve": Row(
        prepare=lambda scene: appraised(scene),
        act=lambda scene, d, user, spoiled: workflow.approve(entry_of(d), by=user),
        spoil=lambda scene, d: _set_entry(d, recommendation=Recommendation.NOT_PROPOSE),
        allowed="board_head", wrong_role="board", wrong_unit="district",
    ),
    "reject": Row(
        prepare=lambda scene: appraised(scene),
        act=lambda scene, d, user, spoiled: workflow.reject(entry_of(d), by=user,
                                                            reason="" if spoiled else "Không đủ tiêu chuẩn."),
        spoil=_nothing,
        allowed="board_head", wrong_role="board", wrong_unit="district",
    ),
}  # fmt: skip


def _user(scene, key: str):
    return district_board_head(scene) if key == "district" else scene.users[key]


@pytest.mark.parametrize("code", ROWS)
def test_refused_to_the_wrong_role_and_nothing_changes(scene, code):
    row = ROWS[code]
    dossier = row.prepare(scene)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        row.act(scene, fresh(dossier), _user(scene, row.wrong_role), False)

    assert state_of(dossier) == before


@pytest.mark.parametrize("code", ROWS)
def test_refused_to_the_right_role_at_the_wrong_unit_and_nothing_changes(scene, code):
    row = ROWS[code]
    dossier = row.prepare(scene)
    user = _user(scene, row.wrong_unit)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        row.act(scene, fresh(dossier), user, False)

    assert state_of(dossier) == before


@pytest.mark.parametrize("code", ROWS)
def test_refused_when_the_guard_fails_and_nothing_changes(scene, code):
    row = ROWS[code]
    dossier = row.prepare(scene)
    row.spoil(scene, dossier)
    before = state_of(dossier)

    with pytest.raises(ValidationError):
        row.act(scene, fresh(dossier), _user(scene, row.allowed), True)

    assert state_of(dossier) == before


@pytest.mark.parametrize("code", ROWS)
def test_taken_by_the_right_actor(scene, code):
    row = ROWS[code]
    dossier = row.prepare(scene)
    version = fresh(dossier).version

    row.act(scene, fresh(dossier), _user(scene, row.allowed), False)

    assert fresh(dossier).version == version + 1
    assert fresh(dossier).events.filter(action=code).exists()
