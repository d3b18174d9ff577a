"""Two board officers act on one dossier at the same moment, each on their own connection (PostgreSQL): one wins, the
other is refused — no double transition, no lost update."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.dossiers.workflow_scene import BINH, HOA, draft, entry_of, fresh, submitted
from thidua.dossiers import workflow
from thidua.dossiers.enums import DossierState
from thidua.dossiers.models import DossierEvent

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has a single writer"),
]


def race(*steps) -> list:
    """Run the steps in threads released together; each result is the step's value or the exception it raised."""
    barrier = threading.Barrier(len(steps))
    results: list = [None] * len(steps)

    def run(index: int, step) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = step()
        except Exception as error:  # the refused step's exception is the result under test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, step)) for index, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_receive_and_return_at_once_one_wins(scene):
    dossier = submitted(scene)
    version = fresh(dossier).version

    results = race(
        lambda: workflow.receive(fresh(dossier), by=scene.users["board"], expected_version=version),
        lambda: workflow.return_dossier(
            fresh(dossier), by=scene.users["board2"], reason="Tờ trình chưa ký.", expected_version=version
        ),
    )

    refused = [result for result in results if isinstance(result, Exception)]
    assert len(refused) == 1
    assert isinstance(refused[0], ValidationError)
    dossier = fresh(dossier)
    events = DossierEvent.objects.filter(dossier=dossier, action__in=["receive", "return"])
    taken = list(events.values_list("action", flat=True))
    assert len(taken) == 1
    assert dossier.state == {"receive": DossierState.RECEIVED, "return": DossierState.RETURNED}[taken[0]]
    assert dossier.version == version + 1


def test_two_receives_at_once_make_one_transition(scene):
    dossier = submitted(scene)

    results = race(
        lambda: workflow.receive(fresh(dossier), by=scene.users["board"]),
        lambda: workflow.receive(fresh(dossier), by=scene.users["board2"]),
    )

    assert sorted(type(result).__name__ for result in results) == ["Dossier", "ValidationError"]
    assert DossierEvent.objects.filter(dossier=dossier, action="receive").count() == 1


def test_two_edits_of_the_same_version_lose_no_update(scene):
    dossier = draft(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    version = fresh(dossier).version

    results = race(
        lambda: workflow.update_entry(
            entry_of(dossier), by=scene.users["officer"], expected_version=version, achievement="Bản của cán bộ."
        ),
        lambda: workflow.update_entry(
            entry_of(dossier, BINH), by=scene.users["head"], expected_version=version, achievement="Bản của thủ trưởng."
        ),
    )

    refused = [result for result in results if isinstance(result, Exception)]
    assert len(refused) == 1
    assert isinstance(refused[0], ValidationError)
    saved = {entry_of(dossier).achievement, entry_of(dossier, BINH).achievement}
    winner = "Bản của cán bộ." if not isinstance(results[0], Exception) else "Bản của thủ trưởng."
    assert winner in saved
    assert fresh(dossier).version == version + 1
    assert DossierEvent.objects.filter(dossier=dossier, action="entry_updated").count() == 1
