"""The named reads: the unit's outbox, the board's inbox (nearest deadline first, "mine"), overdue dossiers, and the
missing documents listed per dossier and per entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.dossiers.workflow_scene import BINH, HOA, attach, draft, entry_of, submitted
from tests.factories.dossiers import DossierFactory
from thidua.dossiers import queries, workflow
from thidua.dossiers.enums import DossierState

pytestmark = pytest.mark.django_db


def test_outbox_holds_the_users_units_dossiers_open_ones_first(scene):
    closed = DossierFactory(unit=scene.units["an_bien"], authority=scene.district_authority, state=DossierState.CLOSED)
    mine = draft(scene)
    DossierFactory(unit=scene.units["thuy_nguyen"], authority=scene.city_authority)

    rows = list(queries.outbox(scene.users["officer"]))

    assert [(row.pk, row.entry_count) for row in rows] == [(mine.pk, 1), (closed.pk, 0)]


def test_inbox_holds_what_waits_at_the_users_authority_nearest_deadline_first(scene):
    today = timezone.localdate()
    later = DossierFactory(unit=scene.units["thuy_nguyen"], authority=scene.city_authority,
                           state=DossierState.RECEIVED, due_on=today + dt.timedelta(days=9))  # fmt: skip
    sooner = DossierFactory(unit=scene.units["thuy_nguyen"], authority=scene.city_authority,
                            state=DossierState.SUBMITTED, due_on=today + dt.timedelta(days=1))  # fmt: skip
    undated = DossierFactory(unit=scene.units["thuy_nguyen"], authority=scene.city_authority,
                             state=DossierState.SUBMITTED)  # fmt: skip
    DossierFactory(unit=scene.units["thuy_nguyen"], authority=scene.city_authority)  # a draft: not sent
    DossierFactory(unit=scene.units["an_bien"], authority=scene.district_authority, state=DossierState.SUBMITTED)

    rows = list(queries.inbox(scene.users["board"]))

    assert [row.pk for row in rows] == [sooner.pk, later.pk, undated.pk]
    assert list(queries.inbox(scene.users["officer"])) == []


def test_inbox_mine_holds_the_dossiers_assigned_to_the_user(scene):
    dossier = submitted(scene)
    DossierFactory(unit=scene.units["thuy_nguyen"], authority=scene.city_authority, state=DossierState.SUBMITTED)
    workflow.assign(dossier, by=scene.users["board_head"], officer=scene.users["board2"])

    assert [row.pk for row in queries.inbox(scene.users["board2"], mine=True)] == [dossier.pk]
    assert list(queries.inbox(scene.users["board"], mine=True)) == []


def test_overdue_is_a_passed_deadline_while_someone_must_act(scene):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    late = DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority,
                          state=DossierState.SUBMITTED, due_on=yesterday)  # fmt: skip
    DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority, state=DossierState.CLOSED,
                   due_on=yesterday)  # fmt: skip
    DossierFactory(unit=scene.units["le_chan"], authority=scene.city_authority, state=DossierState.SUBMITTED,
                   due_on=timezone.localdate())  # fmt: skip

    assert list(queries.overdue(queries.inbox(scene.users["board"]))) == [late]
    assert late.is_overdue


def test_missing_documents_lists_the_dossiers_and_each_entrys(scene):
    dossier = draft(scene, ((HOA, "BK_TINH"), (BINH, "CSTD_TINH")), documents=False)
    attach(scene, dossier, "bao_cao_thanh_tich", entry=entry_of(dossier))

    assert queries.missing_documents(dossier) == [
        "Thiếu “Tờ trình đề nghị khen thưởng”.",
        "Thiếu “Biên bản họp Hội đồng Thi đua - Khen thưởng”.",
        "Trần Văn Bình – Chiến sĩ thi đua thành phố: thiếu “Báo cáo thành tích”.",
    ]
    assert queries.missing_documents(dossier, entry=entry_of(dossier)) == ["Thiếu “Tờ trình đề nghị khen thưởng”."]


def test_documents_the_authority_makes_are_not_asked_of_the_unit(scene):
    dossier = draft(scene, ((HOA, "HCLD3"),), documents=False)
    attach(scene, dossier, "to_trinh")
    attach(scene, dossier, "bao_cao_thanh_tich", entry=entry_of(dossier))

    assert queries.missing_documents(dossier) == []


def test_missing_documents_costs_the_same_for_many_entries(scene, django_assert_max_num_queries):
    from tests.factories.orgs import PersonFactory
    from thidua.dossiers import services

    dossier = draft(scene, documents=False)
    for number in range(20):
        services.add_entry(dossier, by=None, award_type=scene.awards["BK_TINH"],
                           person=PersonFactory(full_name=f"Người thứ {number}"))  # fmt: skip

    with django_assert_max_num_queries(4):
        lines = queries.missing_documents(dossier)

    assert len(lines) == 22
