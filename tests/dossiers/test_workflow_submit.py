"""Submitting a dossier: who may, what it needs (authority, entries, documents, the unit's own council for a year-end
dossier), what it freezes (the nominee's snapshot, the eligibility verdict), whom it tells, and its deadline counted
in working days over Tết."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.dossiers.workflow_scene import BINH, HOA, TITLE, attach, draft, entry_of, fresh, state_of, submitted
from tests.factories.catalog import AuthorityFactory, DocumentKindFactory
from tests.factories.files import pdf_upload
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.audit.models import AuditEntry
from thidua.dossiers import queries, services, workflow
from thidua.dossiers.enums import DossierKind, DossierState, Procedure
from thidua.dossiers.models import DossierEvent
from thidua.eligibility.models import Rule
from thidua.notifications.models import Notification
from thidua.orgs.models import Membership

pytestmark = pytest.mark.django_db


def test_submit_sends_the_draft_to_the_authority(scene):
    dossier = draft(scene)

    workflow.submit(dossier, by=scene.users["head"])

    dossier = fresh(dossier)
    assert (dossier.state, dossier.submitted_by, dossier.submitted_at is not None, dossier.authority) == (
        DossierState.SUBMITTED, scene.users["head"], True, scene.city_authority,
    )  # fmt: skip
    event = DossierEvent.objects.get(dossier=dossier, action="submit")
    assert (event.from_state, event.to_state, event.actor, event.due_on) == (
        DossierState.DRAFT, DossierState.SUBMITTED, scene.users["head"], dossier.due_on,
    )  # fmt: skip
    assert AuditEntry.objects.filter(code="dossiers.dossier.submit").count() == 1


def test_the_default_authority_of_a_district_is_the_citys_chairman_and_of_a_ward_its_districts(scene):
    assert services.default_authority(scene.units["le_chan"]) == scene.city_authority
    assert services.default_authority(scene.units["an_bien"]) == scene.district_authority


def test_submit_over_tet_counts_only_working_days(scene, monkeypatch):
    # Friday 24/01/2025, the last working day before Tết Ất Tỵ (27/01–02/02/2025 off): 5 working days → 07/02/2025.
    dossier = draft(scene)
    monkeypatch.setattr("thidua.dossiers.transitions.timezone.localdate", lambda *args: dt.date(2025, 1, 24))

    workflow.submit(dossier, by=scene.users["head"])

    assert fresh(dossier).due_on == dt.date(2025, 2, 7)


def test_submit_snapshots_the_nominee_as_they_are_then(scene):
    hoa = scene.people[HOA]
    Membership.objects.filter(person=hoa).update(position="Tổ trưởng tổ dân phố")
    dossier = draft(scene)

    workflow.submit(dossier, by=scene.users["head"])
    hoa.full_name = "Nguyễn Thị Hoa (đã đổi tên)"
    hoa.save()

    entry = dossier.entries.get(person=hoa)
    assert (entry.recipient_name, entry.position, entry.unit_name, entry.birth_year, entry.snapshot_at is not None) == (
        "Nguyễn Thị Hoa", "Tổ trưởng tổ dân phố", "Phường An Biên", 1980, True,
    )  # fmt: skip


def test_unmet_eligibility_only_warns_and_is_stored_on_the_entry(scene):
    award = scene.awards["BK_TINH"]
    Rule.objects.create(award_code="BK_TINH", award_type=award, regime=award.regime, recipient_kind="individual",
                        expression={"rating": {"min": "htt", "years": 1}}, legal_source="Thử nghiệm")  # fmt: skip
    dossier = draft(scene)

    workflow.submit(dossier, by=scene.users["head"])

    entry = entry_of(dossier)
    summary = workflow.eligibility_summary(entry)
    assert (fresh(dossier).state, summary["status"], summary["label"], len(summary["unmet"])) == (
        DossierState.SUBMITTED, "not_eligible", "Không đủ điều kiện", 1,
    )  # fmt: skip
    assert DossierEvent.objects.get(dossier=dossier, action="submit").data["not_eligible"] == [entry.pk]


def test_an_entry_without_a_rule_has_no_verdict(scene):
    dossier = draft(scene)

    workflow.submit(dossier, by=scene.users["head"])

    summary = workflow.eligibility_summary(entry_of(dossier))
    assert (summary["status"], summary["label"]) == (None, "Chưa có quy định xét điều kiện")


def test_submit_tells_the_board_in_the_app_and_by_email_after_commit(scene, django_capture_on_commit_callbacks):
    for key in ("board", "board2", "board_head"):
        scene.users[key].email = f"{scene.users[key].username}@haiphong.gov.vn"
        scene.users[key].save()
    dossier = draft(scene)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(dossier, by=scene.users["head"])
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    told = set(Notification.objects.filter(code="dossiers.dossier").values_list("user__username", flat=True))
    assert told == {"bantdkt", "bantdkt2", "truongban"}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bantdkt2@haiphong.gov.vn", "bantdkt@haiphong.gov.vn", "truongban@haiphong.gov.vn",
    ]  # fmt: skip
    assert TITLE in mail.outbox[0].subject


def test_once_assigned_only_the_officer_is_told_of_a_resubmission(scene):
    dossier = submitted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    workflow.assign(dossier, by=scene.users["board_head"], officer=scene.users["board2"])
    workflow.return_entry(entry_of(dossier), by=scene.users["board2"], reason="Bổ sung số liệu.")
    workflow.return_dossier(dossier, by=scene.users["board2"])
    Notification.objects.all().delete()

    workflow.resubmit(dossier, by=scene.users["head"])

    assert list(Notification.objects.values_list("user__username", flat=True)) == ["bantdkt2"]


# --- Refusals: wrong role, wrong unit, guards; nothing changes ---------------------------------------------------


def test_a_unit_officer_may_prepare_but_not_submit(scene):
    dossier = draft(scene)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        workflow.submit(dossier, by=scene.users["officer"])

    assert state_of(dossier) == before


def test_the_head_of_another_unit_may_not_submit(scene):
    dossier = draft(scene)
    before = state_of(dossier)

    with pytest.raises(PermissionDenied):
        workflow.submit(dossier, by=scene.users["outsider"])

    assert state_of(dossier) == before


def test_submit_lists_the_missing_documents_and_changes_nothing(scene):
    dossier = draft(scene, documents=False)
    attach(scene, dossier, "to_trinh")
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.submit(dossier, by=scene.users["head"])

    assert refused.value.message_dict["attachments"] == [
        "Hồ sơ còn thiếu tài liệu:",
        "Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố: thiếu “Báo cáo thành tích”.",
    ]
    assert state_of(dossier) == before


def test_submit_needs_an_entry(scene):
    dossier = draft(scene, nominees=())
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.submit(dossier, by=scene.users["head"])

    assert "entries" in refused.value.message_dict
    assert state_of(dossier) == before


def test_submit_to_an_authority_outside_the_deployment_is_refused(scene):
    dossier = draft(scene)
    type(dossier).objects.filter(pk=dossier.pk).update(authority=scene.prime_minister)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.submit(dossier, by=scene.users["head"])

    assert "ở ngoài hệ thống" in refused.value.message_dict["authority"][0]
    assert state_of(dossier) == before


def test_submit_to_an_authority_that_is_not_above_the_unit_is_refused(scene):
    dossier = draft(scene)
    elsewhere = AuthorityFactory(kind=scene.district_authority.kind, unit=scene.units["thuy_nguyen"],
                                 name="Chủ tịch UBND huyện Thủy Nguyên")  # fmt: skip
    type(dossier).objects.filter(pk=dossier.pk).update(authority=elsewhere)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.submit(dossier, by=scene.users["head"])

    assert refused.value.message_dict["authority"] == [
        "“Chủ tịch UBND huyện Thủy Nguyên” không phải cấp trên của “Quận Lê Chân”."
    ]
    assert state_of(dossier) == before


def test_submit_to_an_authority_no_longer_in_force_is_refused(scene):
    dossier = draft(scene)
    scene.city_authority.valid_to = dt.date(2020, 12, 31)
    scene.city_authority.save()
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.submit(dossier, by=scene.users["head"])

    assert refused.value.message_dict["authority"] == ["“Chủ tịch UBND thành phố Hải Phòng” không còn hiệu lực."]
    assert state_of(dossier) == before


def test_a_year_end_dossier_needs_the_units_own_council_before_submission(scene):
    dossier = draft(scene, kind=DossierKind.YEAR_END)
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.submit(dossier, by=scene.users["head"])
    assert "own_council_met_on" in refused.value.message_dict
    assert state_of(dossier) == before

    workflow.record_own_council(dossier, by=scene.users["officer"], met_on=dt.date(2025, 1, 10), members=7, present=6)
    workflow.submit(dossier, by=scene.users["head"])
    assert fresh(dossier).state == DossierState.SUBMITTED


def test_a_stale_version_is_refused(scene):
    dossier = draft(scene)
    seen = dossier.version
    attach(scene, dossier, "to_trinh", name="to-trinh-ban-2.pdf")
    before = state_of(dossier)

    with pytest.raises(ValidationError) as refused:
        workflow.submit(dossier, by=scene.users["head"], expected_version=seen)

    assert "vừa được người khác cập nhật" in refused.value.messages[0]
    assert state_of(dossier) == before


def test_the_simplified_procedure_asks_only_a_proposal_and_a_summary_per_nominee(scene):
    summary = DocumentKindFactory(code="bao_cao_tom_tat", name="Báo cáo tóm tắt thành tích")
    dossier = draft(scene, documents=False, procedure=Procedure.SIMPLIFIED)
    attach(scene, dossier, "to_trinh")
    entry = entry_of(dossier)
    assert queries.missing_documents(dossier) == [
        "Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố: thiếu “Báo cáo tóm tắt thành tích”."
    ]
    workflow.add_attachment(dossier, by=scene.users["officer"], upload=pdf_upload("tom-tat.pdf"),
                            document_kind=summary, entry=entry)  # fmt: skip

    workflow.submit(dossier, by=scene.users["head"])

    assert fresh(dossier).state == DossierState.SUBMITTED


def test_submitting_a_large_dossier_costs_no_query_per_entry(scene, django_assert_max_num_queries):
    dossier = draft(scene, nominees=(), documents=False, kind=DossierKind.YEAR_END)
    for number in range(40):
        person = PersonFactory(full_name=f"Người lao động {number}")
        MembershipFactory(person=person, unit=scene.units["an_bien"], position="Chuyên viên")
        services.add_entry(dossier, by=None, award_type=scene.awards["LDTT"], person=person)
    attach(scene, dossier, "to_trinh")
    attach(scene, dossier, "bien_ban_hoi_dong")
    workflow.record_own_council(dossier, by=scene.users["officer"], met_on=dt.date(2025, 1, 10), members=5, present=5)

    with django_assert_max_num_queries(30):
        workflow.submit(dossier, by=scene.users["head"])

    assert set(dossier.entries.values_list("position", "unit_name")) == {("Chuyên viên", "Phường An Biên")}
