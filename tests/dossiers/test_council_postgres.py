"""On PostgreSQL, one member clicking "Đồng ý" twice at the same moment (two connections): one vote counts, the other
is refused — one receipt, one added to the counter."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.dossiers.test_council import appraised_entry, open_session, received_dossier
from thidua.dossiers import council
from thidua.dossiers.models import VoteReceipt

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has a single writer"),
]


def test_two_simultaneous_votes_of_one_member_count_once(scene):
    entry = appraised_entry(received_dossier(scene), scene.awards["CSTD_TINH"], scene.people["Nguyễn Thị Hoa"])
    session = open_session(scene, [entry])
    item = session.items.get()
    member = scene.users["member1"]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def click(choice: str) -> None:
        try:
            barrier.wait(timeout=10)
            council.cast_vote(item, by=member, choice=choice)
            outcomes.append("counted")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(choice,)) for choice in ("for", "against")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(outcomes) == ["Bạn đã bỏ phiếu cho đề nghị này.", "counted"]
    item.refresh_from_db()
    assert item.votes_for + item.votes_against == 1
    assert VoteReceipt.objects.filter(item=item).count() == 1
