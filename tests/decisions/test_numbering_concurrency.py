"""Twenty signers sign twenty decisions of one internal register at the same moment, each on their own connection
(PostgreSQL): twenty distinct, consecutive numbers — none repeated, none skipped."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from tests.decisions.scene import approved, internal_register
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.decisions import services
from thidua.decisions.enums import DecisionState
from thidua.decisions.models import Decision, RegisterCounter
from thidua.records.models import Award

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has a single writer"),
]

SIGNINGS = 20
SIGNED_ON = dt.date(2025, 7, 15)


def race(steps) -> list:
    """Run the steps in threads released together; each result is the step's value or the exception it raised."""
    barrier = threading.Barrier(len(steps))
    results: list = [None] * len(steps)

    def run(index: int, step) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = step()
        except Exception as error:  # a failed signing is the result under test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, step)) for index, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_twenty_concurrent_signings_take_twenty_consecutive_numbers(scene):
    register = internal_register(scene.city_authority)
    drafts = []
    for index in range(SIGNINGS):
        name = f"Người được khen số {index + 1:02d}"
        person = PersonFactory(full_name=name)
        MembershipFactory(person=person, unit=scene.units["an_bien"])
        scene.people[name] = person
        # One dossier each: the signings share nothing but the register's counter.
        dossier = approved(scene, ((name, "BK_TINH"),))
        drafts.append(services.draft_decision(by=scene.users["board"], authority=scene.city_authority,
                                              entries=list(dossier.entries.all())))  # fmt: skip
    signer = scene.users["signer"]

    def signing(pk: int):
        return lambda: services.sign(Decision.objects.get(pk=pk), by=signer, signed_on=SIGNED_ON).number

    results = race([signing(draft.pk) for draft in drafts])

    assert [result for result in results if isinstance(result, Exception)] == []
    assert sorted(results) == list(range(1, SIGNINGS + 1))
    signed = Decision.objects.filter(register=register, state=DecisionState.SIGNED)
    assert sorted(signed.values_list("number_text", flat=True)) == [f"{n:02d}/QĐ-UBND" for n in range(1, 21)]
    assert RegisterCounter.objects.get(register=register, year=2025).last_number == SIGNINGS
    assert Award.objects.filter(decision_number__endswith="/QĐ-UBND").count() == SIGNINGS
